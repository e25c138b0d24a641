import type { Rubric } from '../model/rubric'

/** Patterns shared by the evidence JSON Schema and the fast evidence check. */
export const DECIMAL_PATTERN = '^-?\\d+(\\.\\d+)?$'
export const RATE_STRING_PATTERN = '^(0(\\.\\d+)?|1(\\.0+)?)$'
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$'
export const PERIOD_KEY_PATTERN = '^\\d{4}(-\\d{2}|-Q[1-4]|-H[12])?$'

/** Facts the evidence must give: all but `required: false`, unless missing facts count as zero or come per period. */
export function requiredFacts(rubric: Rubric): string[] {
  if (rubric.missing === 'zero' || rubric.rollup) return []
  return Object.entries(rubric.facts ?? {})
    .filter(([, f]) => f.required !== false)
    .map(([name]) => name)
}
