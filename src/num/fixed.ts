/**
 * Exact fixed-point arithmetic on scaled integers held in plain JS numbers.
 *
 * A value v is stored as the integer v × 10^6. Every operation is exact or
 * rounds explicitly with a {@link RoundingMode}; integers never leave the
 * safe range silently: intermediate products that could exceed 2^53 are
 * computed with BigInt, and a final result outside ±Number.MAX_SAFE_INTEGER
 * throws {@link FixedRangeError}. The hot path allocates nothing.
 */

/** A scaled integer, value × 10^6 (e.g. 0.875 is 875000). */
export type Fixed = number

export const PLACES = 6
export const SCALE = 1_000_000
export const ONE: Fixed = SCALE
export const ZERO: Fixed = 0

/** 'up' = away from zero, 'down' = toward zero, 'half-up' = half away from zero. */
export type RoundingMode = 'half-up' | 'half-even' | 'half-down' | 'up' | 'down' | 'ceil' | 'floor'

/** Thrown when an exact result does not fit in a safe-integer Fixed. */
export class FixedRangeError extends Error {
  readonly code = 'NUMBER_OUT_OF_RANGE' as const
  constructor(message: string) {
    super(message)
    this.name = 'FixedRangeError'
  }
}

const TWO53 = 2 ** 53
const BIG_SCALE = 1_000_000n
const BIG_MAX = BigInt(Number.MAX_SAFE_INTEGER)
const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

function outOfRange(op: string): never {
  throw new FixedRangeError(`${op}: result out of range (|value| must be ≤ ${Number.MAX_SAFE_INTEGER / SCALE})`)
}

function checkPlaces(places: number): void {
  if (!Number.isInteger(places) || places < 0 || places > PLACES) throw new RangeError(`places must be an integer 0..${PLACES}`)
}

/**
 * Whether a truncated quotient with non-zero remainder must move one unit away
 * from zero. `half` is the sign of (|remainder| − half the divisor).
 */
function bump(mode: RoundingMode, isNeg: boolean, half: number, odd: boolean): boolean {
  switch (mode) {
    case 'down': return false
    case 'up': return true
    case 'ceil': return !isNeg
    case 'floor': return isNeg
    case 'half-up': return half >= 0
    case 'half-down': return half > 0
    case 'half-even': return half > 0 || (half === 0 && odd)
    default: throw new RangeError(`unknown rounding mode: ${String(mode)}`)
  }
}

/** n / d rounded to an integer; n, d safe integers, d ≠ 0. Exact: % and (n − r) / d involve no rounding. */
function divRound(n: number, d: number, mode: RoundingMode): number {
  if (d < 0) { n = -n; d = -d }
  const r = n % d
  const q = (n - r) / d // n − r is an exact multiple of d, so this division is exact
  if (r === 0) return q + 0 // + 0 turns -0 into 0
  const isNeg = n < 0
  const ar = isNeg ? -r : r
  return bump(mode, isNeg, ar - (d - ar), q % 2 !== 0) ? (isNeg ? q - 1 : q + 1) : q + 0
}

export function divRoundBig(n: bigint, d: bigint, mode: RoundingMode): bigint {
  if (d < 0n) { n = -n; d = -d }
  const q = n / d
  const r = n % d
  if (r === 0n) return q
  const isNeg = n < 0n
  const ar = isNeg ? -r : r
  const twice = ar * 2n
  const half = twice > d ? 1 : twice < d ? -1 : 0
  return bump(mode, isNeg, half, q % 2n !== 0n) ? (isNeg ? q - 1n : q + 1n) : q
}

function toSafe(b: bigint, op: string): Fixed {
  if (b > BIG_MAX || b < -BIG_MAX) outOfRange(op)
  return Number(b)
}

/** n (an integer) as a Fixed. */
export function fromInt(n: number): Fixed {
  if (!Number.isInteger(n)) throw new RangeError('fromInt: not an integer')
  const v = n * SCALE
  if (!Number.isSafeInteger(v)) outOfRange('fromInt')
  return v + 0
}

/**
 * The decimal a user typed that became the JS number x (the shortest decimal
 * that round-trips to x), or undefined if x is not finite, that decimal has
 * more than 6 places, or it is out of range.
 */
export function fromNumber(x: number): Fixed | undefined {
  // Fast path, valid for |x| < 2^33 (false for NaN/±Infinity):
  // - r / SCALE is a correctly rounded division of two exact integers, so the
  //   test r / SCALE === x says exactly "the decimal d = r × 10^-6 rounds to x".
  // - Below 2^33, ulp(x) ≤ 2^-20 < 10^-6, so x's rounding interval (width ≤ one
  //   ulp) holds at most one decimal with ≤ 6 places: d is the only one. Any
  //   other decimal in that interval has a digit beyond the 6th place, so it
  //   cannot be shorter than d; d is the shortest round-trip decimal.
  // In [2^33, 2^53 / 10^6) ulp is 2^-19 > 10^-6 and two 6-place decimals can
  // share one double (8589934592.00002 vs ...000019), so those x take the
  // string path, which picks the shortest, as String(x) does.
  if (Math.abs(x) < 8_589_934_592) {
    const r = Math.round(x * SCALE)
    if (r / SCALE === x && Number.isSafeInteger(r)) return r + 0
  }
  if (!Number.isFinite(x)) return undefined
  return parseFixed(String(x)) // e.g. "1e-7", "1e+21", "8589934592.00002"
}

// Digits before '.' and after it are both required: "1." and ".5" are rejected.
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/

/**
 * Parses a strict decimal: optional sign, digits, optional `.digits`, optional
 * exponent (`1.5e2`, `2E-3`, `1e+2`). Undefined if malformed, if the value has
 * more than 6 significant decimal places, or if it is out of range. Linear time.
 */
export function parseFixed(s: string): Fixed | undefined {
  const m = DECIMAL.exec(s)
  if (m === null) return undefined
  const digits = (m[2] as string) + (m[3] ?? '')
  const exp = m[4] === undefined ? 0 : Number(m[4]) // a huge exponent becomes ±Infinity: rejected below
  let start = 0
  while (start < digits.length && digits.charCodeAt(start) === 48) start++
  if (start === digits.length) return 0 // all zeros, "-0" included
  let end = digits.length
  while (digits.charCodeAt(end - 1) === 48) end--
  // value = 0.D × 10^point, with D = digits[start, end) beginning with a non-zero digit
  const point = (m[2] as string).length + exp - start
  if (point > 10) return undefined // ≥ 10^10 exceeds MAX_SAFE_INTEGER / 10^6
  const decimals = end - start - point
  if (!(decimals <= PLACES)) return undefined
  // The scaled integer has point + 6 ≤ 16 digits; Number() parses it exactly
  // when safe, and a 16-digit value above MAX_SAFE parses to ≥ 2^53 (rejected).
  const v = Number(digits.slice(start, end) + '0'.repeat(PLACES - decimals))
  if (!Number.isSafeInteger(v)) return undefined
  return m[1] === '-' ? -v : v
}

/**
 * Evidence text for a number, `-?digits(.digits)?` (no sign +, no exponent), as Fixed; NaN when malformed, finer than
 * 6 places (trailing zeros aside: "0.8750000" is 0.875) or beyond the safe range. The same answers as the pattern
 * DECIMAL_PATTERN followed by parseFixed, by character codes: it runs for every decimal string in the evidence.
 */
export function decimalText(s: string): Fixed {
  const n = s.length
  let i = s.charCodeAt(0) === 45 ? 1 : 0
  const neg = i === 1
  const start = i
  let int = 0
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48
    if (c < 0 || c > 9) break
    int = int * 10 + c
    if (int >= 1e10) return NaN // ≥ 10^10 × 10^6 is past 2^53
  }
  if (i === start) return NaN
  let frac = 0
  if (i < n) {
    if (s.charCodeAt(i) !== 46 || i === n - 1) return NaN
    let scale = 100_000
    for (i++; i < n; i++) {
      const c = s.charCodeAt(i) - 48
      if (c < 0 || c > 9) return NaN
      if (scale >= 1) {
        frac += c * scale
        scale /= 10
      } else if (c !== 0) return NaN // a 7th place
    }
  }
  const v = int * SCALE + frac
  if (v > Number.MAX_SAFE_INTEGER) return NaN
  return neg ? 0 - v : v
}

/** Evidence text for a rate, `0`, `0.digits`, `1` or `1.0…` (RATE_STRING_PATTERN), as Fixed; NaN otherwise. */
export function rateText(s: string): Fixed {
  const c = s.charCodeAt(0)
  if ((c !== 48 && c !== 49) || (s.length > 1 && s.charCodeAt(1) !== 46)) return NaN
  const v = decimalText(s)
  return v <= SCALE ? v : NaN
}

/**
 * Canonical decimal string. Without `places`: shortest form, no trailing zeros
 * (87500000 → "87.5", 1 → "0.000001"). With `places` (0..6): rounded half-up
 * to that many places and padded to exactly that many ("87.50"). Never "-0".
 */
const ZEROS = ['', '0', '00', '000', '0000', '00000', '000000']

export function toFixedString(v: Fixed, places?: number): string {
  if (places !== undefined) {
    checkPlaces(places)
    v = round(v, places, 'half-up')
  }
  if (places === undefined && v % SCALE === 0 && Math.abs(v) < 2 ** 53) return String(v / SCALE)
  const isNeg = v < 0
  const a = isNeg ? -v : v
  let frac = a % SCALE
  const int = (a - frac) / SCALE
  const head = isNeg ? '-' + int : String(int)
  // Digits without regular expressions or padding calls: this formats every number in every result.
  let digits = PLACES
  if (places === undefined) {
    if (frac === 0) return head
    while (frac % 10 === 0) {
      frac /= 10
      digits--
    }
  } else {
    if (places === 0) return head
    frac = Math.floor(frac / POW10[PLACES - places]!)
    digits = places
  }
  const f = String(frac)
  return head + '.' + ZEROS[digits - f.length]! + f
}

// Sums of safe integers: when the exact result is safe it is representable, so
// the float result is exact; when it is not, the float result is not safe either.
export function add(a: Fixed, b: Fixed): Fixed {
  const s = a + b
  if (!Number.isSafeInteger(s)) outOfRange('add')
  return s
}

export function sub(a: Fixed, b: Fixed): Fixed {
  const s = a - b
  if (!Number.isSafeInteger(s)) outOfRange('sub')
  return s
}

export const neg = (a: Fixed): Fixed => 0 - a
export const abs = (a: Fixed): Fixed => (a < 0 ? -a : a)
export const min = (a: Fixed, b: Fixed): Fixed => (a < b ? a : b)
export const max = (a: Fixed, b: Fixed): Fixed => (a > b ? a : b)
export const cmp = (a: Fixed, b: Fixed): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

export function clamp(v: Fixed, lo: Fixed, hi: Fixed): Fixed {
  if (lo > hi) throw new RangeError('clamp: lo > hi')
  return v < lo ? lo : v > hi ? hi : v
}

/** a × n for an integer count n (exact, no rounding). */
export function mulInt(a: Fixed, n: number): Fixed {
  if (!Number.isInteger(n)) throw new RangeError('mulInt: count is not an integer')
  const p = a * n
  if (!Number.isSafeInteger(p)) outOfRange('mulInt')
  return p + 0
}

/** a × b, rounded to 6 places with `mode` when the exact product has more. */
export function mul(a: Fixed, b: Fixed, mode: RoundingMode = 'half-even'): Fixed {
  const p = a * b
  // |float product| < 2^53 implies the exact integer product is < 2^53, hence p is exact
  if (p < TWO53 && p > -TWO53) return divRound(p, SCALE, mode)
  return toSafe(divRoundBig(BigInt(a) * BigInt(b), BIG_SCALE, mode), 'mul')
}

/** a / b rounded to 6 places with `mode`. Throws RangeError on division by zero. */
export function div(a: Fixed, b: Fixed, mode: RoundingMode = 'half-even'): Fixed {
  if (b === 0) throw new RangeError('division by zero')
  const n = a * SCALE
  if (n < TWO53 && n > -TWO53) return divRound(n, b, mode) // |quotient| ≤ |n|: safe
  return toSafe(divRoundBig(BigInt(a) * BIG_SCALE, BigInt(b), mode), 'div')
}

/** a / n for a non-zero integer n, rounded to 6 places with `mode`. */
export function divInt(a: Fixed, n: number, mode: RoundingMode = 'half-even'): Fixed {
  if (n === 0) throw new RangeError('division by zero')
  if (!Number.isSafeInteger(n)) throw new RangeError('divInt: divisor is not a safe integer')
  return divRound(a, n, mode)
}

/** The integer a / b rounded with `mode` (a plain integer, not scaled). */
export function divToInteger(a: Fixed, b: Fixed, mode: RoundingMode): number {
  if (b === 0) throw new RangeError('division by zero')
  return divRound(a, b, mode)
}

/** v rounded to `places` (0..6) decimals; the result is still scaled by 10^6. */
export function round(v: Fixed, places: number, mode: RoundingMode): Fixed {
  checkPlaces(places)
  if (places === PLACES) return v
  const f = POW10[PLACES - places]!
  const r = divRound(v, f, mode) * f
  if (!Number.isSafeInteger(r)) outOfRange('round')
  return r
}

export const isInteger = (v: Fixed): boolean => v % SCALE === 0

/** The nearest JS number to v's value. Lossy: for display and tests only. */
export const toNumber = (v: Fixed): number => v / SCALE
