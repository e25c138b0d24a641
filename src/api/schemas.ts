/** The JSON Schema of a rubric's evidence, for a rubric given as a value: a Result, never an exception. */
import { makeDiagnostic, type Result } from '../diagnostics/diagnostic'
import { fail, ok } from '../diagnostics/diagnostic'
import { evidenceSchema as cohortSchema, subjectSchema as oneSchema } from '../compile/evidence-schema'
import type { Rubric } from '../kinds/rubric'

/** A validated rubric, or the value of loadRubric / loadRubricData (which holds one). */
export function rubricOf(value: unknown): Rubric | undefined {
  const v = value !== null && typeof value === 'object' && !('kaoping' in value) ? (value as { rubric?: unknown }).rubric : value
  if (v === null || typeof v !== 'object' || !('kaoping' in v) || typeof (v as { id?: unknown }).id !== 'string' || !Array.isArray((v as { items?: unknown }).items)) return undefined
  return v as Rubric
}

/** The answer to a value that is not a validated rubric, for the function `what`. */
export const notRubricDiagnostic = (what: string) => makeDiagnostic('OPTION_INVALID', `${what} takes a rubric that passed validation: the value of loadRubric or loadRubricData (or its .rubric).`)
const notRubric = (what: string) => fail<never>([notRubricDiagnostic(what)])

/** The JSON Schema (draft-07) of a cohort evidence file for the rubric. */
export function evidenceSchema(rubric: Rubric | { rubric: Rubric }): Result<Record<string, unknown>> {
  const r = rubricOf(rubric)
  return r ? built('evidenceSchema', () => cohortSchema(r)) : notRubric('evidenceSchema')
}

/**
 * A schema built from a rubric that only looks validated (an object with kaoping, id and items, written by hand): a
 * part the model requires may be missing, and the builder, which trusts the model, fails on it — an answer, not an
 * exception (as compileRubric answers the same value).
 */
function built(what: string, build: () => Record<string, unknown>): Result<Record<string, unknown>> {
  try {
    return ok(build())
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e)
    return fail([makeDiagnostic('OPTION_INVALID', `${what} takes a rubric that passed validation: the value of loadRubric or loadRubricData (or its .rubric); this one is not complete (${why.slice(0, 200)}).`, { hint: 'Load the rubric with loadRubric (a YAML text) or loadRubricData (a value): they validate it and say what is wrong.' })])
  }
}

/** The JSON Schema (draft-07) of one subject's evidence for the rubric. */
export function subjectSchema(rubric: Rubric | { rubric: Rubric }): Result<Record<string, unknown>> {
  const r = rubricOf(rubric)
  return r ? built('subjectSchema', () => oneSchema(r)) : notRubric('subjectSchema')
}
