import type { Rubric } from '../model/rubric'
import type { Fact, RecordType } from '../model/declarations'
import type { DateValue, Value } from '../model/common'
import { fromNumber, parseFixed, type Fixed } from '../num/fixed'
import { parseDay } from './dates'

/** A parameter's value after defaults and overrides: numbers as Fixed, dates as day numbers. */
export type ParamValue = number | string | boolean

/** What compiling one rubric needs to know: the declarations, and the parameter values bound for this compile. */
export interface CompileContext {
  readonly rubric: Rubric
  readonly params: Readonly<Record<string, ParamValue>>
  readonly facts: Readonly<Record<string, Fact>>
  readonly records: Readonly<Record<string, RecordType>>
  /** Node index of each item id (filled before leaves are compiled, so score conditions can refer to any item). */
  readonly itemIndex: ReadonlyMap<string, number>
}

/** Thrown when a validated rubric still cannot be compiled: a bug in validation, not an author's mistake. */
export class CompileError extends Error {}

export function toFixed(v: unknown, what: string): Fixed {
  const f = typeof v === 'number' ? fromNumber(v) : typeof v === 'string' ? parseFixed(v) : undefined
  if (f === undefined) throw new CompileError(`${what}: ${String(v)} is not an exact decimal with at most 6 places`)
  return f
}

/** A rubric number: a literal, or a parameter's bound value. */
export function num(cc: CompileContext, v: Value, what: string): Fixed {
  if (typeof v === 'object') {
    const p = cc.params[v.param]
    if (typeof p !== 'number') throw new CompileError(`${what}: parameter ${v.param} is not a number`)
    return p
  }
  return toFixed(v, what)
}

export function optNum(cc: CompileContext, v: Value | undefined, fallback: Fixed, what: string): Fixed {
  return v === undefined ? fallback : num(cc, v, what)
}

/** A rubric word (rounding mode, enum value): a literal, or a parameter's bound value. */
export function word<T extends string>(cc: CompileContext, v: T | { param: string }): T {
  if (typeof v === 'object') return String(cc.params[v.param]) as T
  return v
}

/** A date: absolute (a day number), or yearly (--MM-DD, resolved against the evaluated year). */
export type DateRef = { day: number } | { month: number; date: number }

export function dateRef(cc: CompileContext, v: DateValue, what: string): DateRef {
  if (typeof v === 'object') {
    const p = cc.params[v.param]
    if (typeof p !== 'number') throw new CompileError(`${what}: parameter ${v.param} is not a date`)
    return { day: p }
  }
  if (v.startsWith('--')) return { month: Number(v.slice(2, 4)), date: Number(v.slice(5, 7)) }
  const day = parseDay(v)
  if (day === undefined) throw new CompileError(`${what}: ${v} is not a date`)
  return { day }
}
