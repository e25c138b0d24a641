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
  return r ? ok(cohortSchema(r)) : notRubric('evidenceSchema')
}

/** The JSON Schema (draft-07) of one subject's evidence for the rubric. */
export function subjectSchema(rubric: Rubric | { rubric: Rubric }): Result<Record<string, unknown>> {
  const r = rubricOf(rubric)
  return r ? ok(oneSchema(r)) : notRubric('subjectSchema')
}
