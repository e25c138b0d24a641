/** Comparisons with atLeast / atMost / above / below, shared by the fact, count and score conditions. */
import type { Checker, Gen } from './spec'
import type { Path } from './values'

export const BOUNDS = ['atLeast', 'atMost', 'above', 'below'] as const

export interface Compared {
  atLeast?: unknown
  atMost?: unknown
  above?: unknown
  below?: unknown
}

/** A boolean expression: the Fixed expression `v` within the bounds of `c` (true when there are none). */
export function emitBounds(c: Compared, v: string, g: Gen): string {
  const tests: string[] = []
  if (c.atLeast !== undefined) tests.push(`${v} >= ${g.num(c.atLeast as never)}`)
  if (c.atMost !== undefined) tests.push(`${v} <= ${g.num(c.atMost as never)}`)
  if (c.above !== undefined) tests.push(`${v} > ${g.num(c.above as never)}`)
  if (c.below !== undefined) tests.push(`${v} < ${g.num(c.below as never)}`)
  return tests.length ? tests.join(' && ') : 'true'
}

/** A count or score condition must compare with at least one bound. */
export function needsBound(c: Compared, what: string, k: Checker, path: Path): void {
  if (!BOUNDS.some((b) => c[b] !== undefined)) k.bad(`The condition on the ${what} has no comparison; add one of ${BOUNDS.join(', ')}.`, path)
}

/** A duration as the arguments `years, months, days` of the runtime's addDuration. */
export function durationArgs(d: { years?: number; months?: number; days?: number }, g: Gen): string {
  return `${g.int(d.years ?? 0)}, ${g.int(d.months ?? 0)}, ${g.int(d.days ?? 0)}`
}
