/** Exact values of a rubric as written: decimal literals, own properties, display. Shared by every construct. */
import type { Fact } from '../../model/declarations'
import { FixedRangeError, fromNumber, ONE, parseFixed, toFixedString, type Fixed } from '../../num/fixed'

export type Path = (string | number)[]

/** A decimal literal (number or decimal string) as Fixed; undefined when not exact within 6 places. */
export function literalFixed(v: unknown): Fixed | undefined {
  if (typeof v === 'number') return fromNumber(v)
  if (typeof v === 'string') return parseFixed(v.trim())
  return undefined
}

/** The own property `key` of a record of declarations (names such as "toString" are never inherited). */
export function own<T>(o: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return o !== undefined && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined
}

export const fmt = (v: Fixed): string => toFixedString(v)

/**
 * Runs one construct's check or lint. Arithmetic on the rubric's values beyond the exact range (a bound of ±9
 * billion summed or multiplied) ends that construct's check, not the whole validation: what cannot be computed
 * exactly is not judged here (scoring refuses it as NUMBER_OUT_OF_RANGE if it ever happens).
 */
export function withinRange(run: () => void): void {
  try {
    run()
  } catch (e) {
    if (!(e instanceof FixedRangeError)) throw e
  }
}

/** The values a numeric fact can take: a rate [0, 1], a score [0, max], a number or integer within its declared min/max. */
export interface Domain {
  lo: Fixed | undefined
  hi: Fixed | undefined
  /** The domain in words, for messages. */
  what: string
  integer: boolean
}

export function domainOf(f: Fact | undefined): Domain | undefined {
  if (f === undefined) return undefined
  if (f.type === 'rate') return { lo: 0, hi: ONE, what: 'a rate from 0 to 1 (write 95% as 0.95)', integer: false }
  if (f.type === 'score') return { lo: 0, hi: literalFixed(f.max), what: `a score from 0 to ${String(f.max)}`, integer: false }
  if (f.type === 'number' || f.type === 'integer') {
    const lo = f.min === undefined ? undefined : literalFixed(f.min)
    const hi = f.max === undefined ? undefined : literalFixed(f.max)
    const range = lo !== undefined && hi !== undefined ? `from ${fmt(lo)} to ${fmt(hi)}` : lo !== undefined ? `of at least ${fmt(lo)}` : hi !== undefined ? `of at most ${fmt(hi)}` : ''
    return { lo, hi, what: `${f.type === 'integer' ? 'an integer' : 'a number'}${range ? ` ${range} (its declared min/max)` : ''}`, integer: f.type === 'integer' }
  }
  return undefined
}

export const NUMERIC_FACTS: readonly Fact['type'][] = ['rate', 'number', 'integer']

/** Whether a fact type is compared as a number. */
export const isNumericFact = (f: Fact | undefined): boolean => f !== undefined && (f.type === 'rate' || f.type === 'number' || f.type === 'integer' || f.type === 'score')

