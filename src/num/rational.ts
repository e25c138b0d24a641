/**
 * Exact rationals for expressions (src/kinds/kit/expr.ts): n / d with d > 0, in BigInt, so that sums, products and
 * quotients of exact decimals stay exact whatever their size, and a quotient compared with a decimal is compared
 * exactly (2 / 3 is not 0.666667). A rational becomes a Fixed only where a rubric says how to round it.
 */
import { divRoundBig, FixedRangeError, PLACES, type Fixed, type RoundingMode } from './fixed'

export interface Rational {
  readonly n: bigint
  readonly d: bigint
}

const SCALE = 1_000_000n
const BIG_MAX = BigInt(Number.MAX_SAFE_INTEGER)

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a
  while (b !== 0n) [a, b] = [b, a % b]
  return a
}

function make(n: bigint, d: bigint): Rational {
  if (d < 0n) [n, d] = [-n, -d]
  const g = gcd(n, d)
  return g > 1n ? { n: n / g, d: d / g } : { n, d }
}

/** A Fixed as a rational. */
export const rq = (v: Fixed): Rational => make(BigInt(v), SCALE)
export const radd = (a: Rational, b: Rational): Rational => make(a.n * b.d + b.n * a.d, a.d * b.d)
export const rsub = (a: Rational, b: Rational): Rational => make(a.n * b.d - b.n * a.d, a.d * b.d)
export const rmul = (a: Rational, b: Rational): Rational => make(a.n * b.n, a.d * b.d)
/** a / b; b must not be 0 (the caller checks and says why). */
export function rdiv(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError('division by zero')
  return make(a.n * b.d, a.d * b.n)
}
export const rneg = (a: Rational): Rational => ({ n: -a.n, d: a.d })
export const rabs = (a: Rational): Rational => (a.n < 0n ? { n: -a.n, d: a.d } : a)
/** The sign of a − b. */
export const rcmp = (a: Rational, b: Rational): -1 | 0 | 1 => {
  const x = a.n * b.d - b.n * a.d
  return x < 0n ? -1 : x > 0n ? 1 : 0
}
export const rmin = (...xs: Rational[]): Rational => xs.reduce((a, b) => (rcmp(b, a) < 0 ? b : a))
export const rmax = (...xs: Rational[]): Rational => xs.reduce((a, b) => (rcmp(b, a) > 0 ? b : a))
/** The sign of a − v for a Fixed v. */
export const rcmpFixed = (a: Rational, v: Fixed): -1 | 0 | 1 => {
  const x = a.n * SCALE - BigInt(v) * a.d
  return x < 0n ? -1 : x > 0n ? 1 : 0
}

/** Whether the rational is a Fixed exactly (no more than 6 places). */
export const isExactFixed = (a: Rational): boolean => (a.n * SCALE) % a.d === 0n

/** The rational rounded to `places` (0..6) with `mode`, as a Fixed. Throws FixedRangeError beyond the Fixed range. */
export function rround(a: Rational, places: number, mode: RoundingMode): Fixed {
  const unit = 10n ** BigInt(PLACES - places)
  const q = divRoundBig(a.n * SCALE, a.d * unit, mode) * unit
  if (q > BIG_MAX || q < -BIG_MAX) throw new FixedRangeError(`the value is out of range (|value| must be ≤ ${Number.MAX_SAFE_INTEGER / 1e6})`)
  return Number(q)
}
