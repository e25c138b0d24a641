/** Words shared by trails and explanations: numbers, dates, durations, filters, ✓ and ✗. */
import type { Where } from '../../model/common'
import { formatDay } from '../../num/dates'
import { toFixedString, type Fixed } from '../../num/fixed'

/** A Fixed in its shortest decimal form ("87.5"). */
export const T = (v: Fixed): string => toFixedString(v)

/** A recorded Fixed that may be missing (NaN: not reached). */
export const maybe = (v: number): string => (v === v ? toFixedString(v) : '?')

export const mark = (ok: boolean): string => (ok ? '✓' : '✗')

/** A recorded boolean slot: 1 holds, 0 fails, NaN not reached. */
export const held = (v: number): boolean => v === 1

/** Most values a message or a trail lists: a longer list shows these, then "… (N in all)". */
export const LISTED = 12

/**
 * Values as a message lists them: "a, b, c", or the first `most` then "… (N in all)", so that a message stays short
 * however many values a rubric declares (an enum of 5,000 values, 5,000 unknown names). `sep` joins them.
 */
export function listWords<T>(values: readonly T[], most = LISTED, sep = ', ', show: (v: T) => string = (v) => (typeof v === 'string' ? v : String(JSON.stringify(v)))): string {
  const shown = values.slice(0, most).map(show)
  return values.length > most ? `${shown.join(sep)}${sep}… (${values.length} in all)` : shown.join(sep)
}

/** A day number or "(none)". */
export const dayText = (d: number | undefined): string => (d === undefined || d !== d ? '(none)' : formatDay(d))

export function durationText(d: { years?: number; months?: number; days?: number }): string {
  return [d.years && `${d.years}y`, d.months && `${d.months}m`, d.days && `${d.days}d`].filter(Boolean).join(' ') || '0d'
}

export function describeWhere(where: Where | undefined): string {
  if (!where) return ''
  return ' where ' + Object.entries(where).map(([k, v]) => `${k} ${Array.isArray(v) ? `in [${listWords(v, LISTED, ', ', String)}]` : '= ' + String(v)}`).join(' and ')
}

type Bounds = { atLeast?: unknown; atMost?: unknown; above?: unknown; below?: unknown }

/** "≥ 0.95 and < 1" with the values resolved by `num`. */
export function describeBounds(c: Bounds, num: (v: never) => Fixed): string {
  const parts: string[] = []
  if (c.atLeast !== undefined) parts.push(`≥ ${T(num(c.atLeast as never))}`)
  if (c.atMost !== undefined) parts.push(`≤ ${T(num(c.atMost as never))}`)
  if (c.above !== undefined) parts.push(`> ${T(num(c.above as never))}`)
  if (c.below !== undefined) parts.push(`< ${T(num(c.below as never))}`)
  return parts.join(' and ')
}

/** A word with its article: "an integer", "a rate". */
export const withArticle = (word: string): string => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`)
