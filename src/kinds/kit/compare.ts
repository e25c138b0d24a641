/** Comparisons with atLeast / atMost / above / below, shared by the fact, count and score conditions. */
import type { Checker, Gen } from './spec'
import { withArticle } from './words'
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

type Part = number | { param: string } | undefined
type DurationLike = { years?: Part; months?: Part; days?: Part }

/** A duration as the arguments `years, months, days` of the runtime's addDuration (an integer parameter read from P). */
export function durationArgs(d: DurationLike, g: Gen): string {
  const part = (v: Part) => (v === undefined ? '0' : typeof v === 'number' ? g.int(v) : `Math.floor(${g.num(v)} / 1000000)`)
  return `${part(d.years)}, ${part(d.months)}, ${part(d.days)}`
}

/** A duration with its parameters resolved (`num`: a rubric number as Fixed), for words and date arithmetic. */
export function durationOf(d: DurationLike, num: (v: { param: string }) => number): { years: number; months: number; days: number } {
  const part = (v: Part) => (v === undefined ? 0 : typeof v === 'number' ? v : Math.floor(num(v) / 1_000_000))
  return { years: part(d.years), months: part(d.months), days: part(d.days) }
}

const DURATION_MAX = { years: 100, months: 1200, days: 36500 } as const

/** A duration's parameters: integer parameters whose value lies within what a literal may be. */
export function checkDuration(d: DurationLike | undefined, k: Checker, path: Path): void {
  if (d === undefined) return
  for (const unit of ['years', 'months', 'days'] as const) {
    const v = d[unit]
    if (v === undefined || typeof v === 'number') continue
    const p = k.decls.params?.[v.param]
    if (p === undefined) continue // UNKNOWN_PARAM
    if (p.type !== 'integer') {
      k.bad(`${unit} takes a whole number; parameter "${v.param}" is ${withArticle(p.type)} parameter.`, [...path, unit, 'param'], 'Declare it with type: integer.')
      continue
    }
    const x = k.value(v)
    if (x !== undefined && (x < 0 || x > DURATION_MAX[unit] * 1_000_000)) k.bad(`${unit} from parameter "${v.param}" is ${x / 1_000_000}; it must be 0 to ${DURATION_MAX[unit]}.`, [...path, unit, 'param'])
  }
}
