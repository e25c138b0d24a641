/** The linter for a rubric given as a value: diagnostics, never an exception. */
import { makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic'
import { lintRubric as lint } from '../lint/lint-rubric'
import type { Rubric } from '../kinds/rubric'
import { rubricOf } from './schemas'

/** The linter's findings about a validated rubric (band gaps, unreachable grades, deductions without a floor, …). */
export function lintRubric(rubric: Rubric | { rubric: Rubric }): Diagnostic[] {
  const r = rubricOf(rubric)
  if (!r) return [makeDiagnostic('OPTION_INVALID', 'lintRubric takes a rubric that passed validation: the value of loadRubric or loadRubricData (or its .rubric).')]
  return lint(r)
}
