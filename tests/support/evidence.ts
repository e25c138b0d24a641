/** The compiled evidence check of a rubric alone (no scoring), as the evaluator runs it: for tests of its diagnostics. */
import type { Diagnostic } from '../../src/diagnostics/diagnostic'
import { compileRubric, programOf } from '../../src/api/evaluator'
import { checkEvidence, openCall, resolveWindow } from '../../src/evaluate/run'
import type { Rubric } from '../../src/kinds/rubric'
import { DEFAULT_LIMITS } from '../../src/limits'

export function evidenceChecker(rubric: Rubric): (subject: unknown, index: number) => Diagnostic[] {
  const c = compileRubric(rubric)
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.message).join('\n'))
  const program = programOf(c.value)!
  const w = resolveWindow(program, {}, DEFAULT_LIMITS)
  if (!w.ok) throw new Error('window')
  const call = openCall(program, program.defaults, w.value, DEFAULT_LIMITS, undefined)
  return (subject, index) => checkEvidence(call, subject, index)
}
