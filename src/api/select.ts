import type { Rubric } from '../kinds/rubric'
import type { Result } from '../diagnostics/diagnostic'
import { fail, ok } from '../diagnostics/diagnostic'
import { makeDiagnostic } from '../diagnostics/diagnostic'

/**
 * The version of a method in force on a date: among rubrics with the same id (or all given), the one whose
 * `effective` span contains the date; the latest `from` wins. A rubric without `effective` is always in force.
 */
export function selectRubric<R extends Rubric | { rubric: Rubric }>(rubrics: readonly R[], date: string): Result<R> {
  const of = (r: R): Rubric => ('kaoping' in r ? r : r.rubric) as Rubric
  const rubricLike = (r: unknown) => r !== null && typeof r === 'object' && ('kaoping' in r || ((r as { rubric?: unknown }).rubric !== null && typeof (r as { rubric?: unknown }).rubric === 'object'))
  if (!Array.isArray(rubrics) || !rubrics.every(rubricLike)) return fail([makeDiagnostic('OPTION_INVALID', 'selectRubric takes a list of rubrics (values of loadRubric, or their .rubric) and a date.')])
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return fail([makeDiagnostic('OPTION_INVALID', `selectRubric takes the date as YYYY-MM-DD, not ${JSON.stringify(date)?.slice(0, 40) ?? String(date)}.`)])
  const inForce = rubrics.filter((r) => {
    const e = of(r).effective
    return !e || (e.from <= date && (e.until === undefined || date <= e.until))
  })
  if (!inForce.length)
    return fail([makeDiagnostic('RUBRIC_NOT_IN_FORCE', `No rubric is in force on ${date}: ${rubrics.map((r) => `${of(r).id} (${of(r).effective?.from ?? '…'} – ${of(r).effective?.until ?? '…'})`).join(', ')}.`)])
  inForce.sort((a, b) => ((of(b).effective?.from ?? '') < (of(a).effective?.from ?? '') ? -1 : 1))
  return ok(inForce[0]!)
}
