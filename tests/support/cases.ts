/**
 * Random cases as kaoping scores them: the rubric compiled once, and the case's parameter overrides kept only as far
 * as they pass the rubric's own rules (an override that breaks them is OPTION_INVALID by design, not a case to
 * compare). The generator (random-rubric.ts) knows the language, not every rule of the validator.
 */
import { programOf, type Evaluator } from '../../src/api/evaluator'
import type { RandomCase } from './random-rubric'

export function validOptions(evaluator: Evaluator, options: RandomCase['options']): RandomCase['options'] {
  if (!options.params) return options
  const program = programOf(evaluator)!
  const kept: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(options.params)) if (program.bind({ ...kept, [name]: value }).ok) kept[name] = value
  const { params: _, ...rest } = options
  return Object.keys(kept).length ? { ...rest, params: kept } : rest
}
