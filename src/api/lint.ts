/** The linter for a rubric given as a value: diagnostics, never an exception. */
import type { Diagnostic } from '../diagnostics/diagnostic'
import { lintRubric as lint } from '../lint/lint-rubric'
import type { Rubric } from '../kinds/rubric'
import { notRubricDiagnostic, rubricOf } from './schemas'

/** The linter's findings about a validated rubric (band gaps, unreachable grades, deductions without a floor, …). */
export function lintRubric(rubric: Rubric | { rubric: Rubric }): Diagnostic[] {
  const r = rubricOf(rubric)
  if (!r) return [notRubricDiagnostic('lintRubric')]
  return lint(r)
}
