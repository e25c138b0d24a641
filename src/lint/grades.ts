/** UNREACHABLE_GRADE: grades that no subject can ever be given. */
import { makeDiagnostic } from '../diagnostics/codes'
import type { Diagnostic } from '../diagnostics/diagnostic'
import type { Rubric } from '../model/rubric'
import { fmt, literalFixed, valueFixed } from '../validate/values'

export function lintGrades(rubric: Rubric): Diagnostic[] {
  const g = rubric.grades
  if (!g) return []
  const out: Diagnostic[] = []
  const warn = (message: string, path: (string | number)[], hint?: string) => out.push(makeDiagnostic('UNREACHABLE_GRADE', message, { path, hint }))
  const total = literalFixed(rubric.total)
  const given = new Set<string>()

  let catchAll: number | undefined
  ;(g.thresholds ?? []).forEach((t, i) => {
    if (catchAll !== undefined) {
      warn(
        `The threshold for "${t.grade}" can never apply: the threshold for "${g.thresholds![catchAll]!.grade}" before it has neither min nor requires, so it takes every subject that reaches it.`,
        ['grades', 'thresholds', i],
        'Thresholds are tried in order; put the one without min or requires last.',
      )
      return
    }
    const min = t.min === undefined ? undefined : valueFixed(rubric, t.min)
    if (min !== undefined && total !== undefined && min > total) {
      warn(`The grade "${t.grade}" needs at least ${fmt(min)} points, but the total is at most ${fmt(total)}.`, ['grades', 'thresholds', i, 'min'], `Lower min to at most ${fmt(total)}.`)
      return
    }
    given.add(t.grade)
    if (t.min === undefined && t.requires === undefined) catchAll = i
  })

  ;(g.quotas ?? []).forEach((q, i) => {
    const min = q.minScore === undefined ? undefined : valueFixed(rubric, q.minScore)
    if (min !== undefined && total !== undefined && min > total) {
      warn(`The ranked quota for "${q.grade}" needs a score of at least ${fmt(min)}, but the total is at most ${fmt(total)}.`, ['grades', 'quotas', i, 'minScore'], `Lower minScore to at most ${fmt(total)}.`)
      return
    }
    const max = typeof q.count === 'number' ? q.count : q.count.max
    if (max > 0) given.add(q.grade)
  })
  if (g.ineligible !== undefined) given.add(g.ineligible)

  g.order.forEach((grade, i) => {
    if (!given.has(grade))
      warn(`No threshold, ranked quota or ineligible can give the grade "${grade}".`, ['grades', 'order', i], `Add a threshold or ranked quota for "${grade}", or remove it from grades.order.`)
  })
  return out
}
