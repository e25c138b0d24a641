import type { CompileContext } from '../compile/compile-context'
import { toFixed } from '../compile/compile-context'
import { parseDay } from '../compile/dates'
import { fromNumber, parseFixed, toFixedString, ONE, ZERO, type Fixed } from '../num/fixed'
import { evidenceError, warn, type EvalContext, type Row } from './context'
import { preview } from '../load/text'

/** Reads one fact as an exact number, checking its declared range. Compiled once per reference. */
export function numberReader(cc: CompileContext, name: string): (ctx: EvalContext) => Fixed {
  const decl = cc.facts[name]
  const zeroWhenMissing = cc.rubric.missing === 'zero' || decl?.required === false
  let lo: Fixed | undefined
  let hi: Fixed | undefined
  if (decl?.type === 'rate') {
    lo = ZERO
    hi = ONE
  } else if (decl?.type === 'number' || decl?.type === 'integer') {
    if (decl.min !== undefined) lo = toFixed(decl.min, name)
    if (decl.max !== undefined) hi = toFixed(decl.max, name)
  }
  const integer = decl?.type === 'integer'
  return (ctx) => {
    const raw = ctx.facts[name]
    let v: Fixed | undefined
    if (typeof raw === 'number') v = fromNumber(raw)
    else if (typeof raw === 'string') v = parseFixed(raw)
    else if (raw === undefined || raw === null) return missing(ctx, name, zeroWhenMissing, ZERO)
    else throw evidenceError(ctx, 'EVIDENCE_INVALID', `Fact "${name}" must be a number, not ${typeof raw}.`, ['facts', name])
    if (v === undefined) throw unreadable(ctx, name, raw)
    if ((lo !== undefined && v < lo) || (hi !== undefined && v > hi))
      throw evidenceError(
        ctx,
        'EVIDENCE_OUT_OF_RANGE',
        `Fact "${name}" = ${toFixedString(v)} is outside ${lo === undefined ? '(−∞' : '[' + toFixedString(lo)}, ${hi === undefined ? '∞)' : toFixedString(hi) + ']'}${decl?.type === 'rate' ? ' (a rate: write 87.5% as 0.875)' : ''}.`,
        ['facts', name],
      )
    if (integer && v % ONE !== 0) throw evidenceError(ctx, 'EVIDENCE_INVALID', `Fact "${name}" must be a whole number.`, ['facts', name])
    return v
  }
}

/** Why a number could not be taken exactly: too large, not a number at all, or too many decimal places. */
function unreadable(ctx: EvalContext, name: string, raw: number | string) {
  const n = typeof raw === 'number' ? raw : Number(raw)
  const shown = typeof raw === 'string' ? preview(raw) : JSON.stringify(raw)
  if (typeof raw === 'string' && !/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw))
    return evidenceError(ctx, 'EVIDENCE_INVALID', `Fact "${name}" = ${shown} is not a number; write digits with an optional decimal point (87.5% as 0.875).`, ['facts', name])
  if (!Number.isFinite(n) || Math.abs(n) >= 9e9)
    return evidenceError(ctx, 'EVIDENCE_OUT_OF_RANGE', `Fact "${name}" = ${shown} is too large to score exactly (the limit is ±9,000,000,000).`, ['facts', name])
  return evidenceError(ctx, 'EVIDENCE_PRECISION', `Fact "${name}" = ${shown} has more than 6 decimal places; round it in the source system.`, ['facts', name])
}

export function booleanReader(cc: CompileContext, name: string): (ctx: EvalContext) => boolean {
  const zeroWhenMissing = cc.rubric.missing === 'zero' || cc.facts[name]?.required === false
  return (ctx) => {
    const raw = ctx.facts[name]
    if (raw === true || raw === false) return raw
    if (raw === undefined || raw === null) return missing(ctx, name, zeroWhenMissing, false)
    throw evidenceError(ctx, 'EVIDENCE_INVALID', `Fact "${name}" must be true or false, not ${JSON.stringify(raw)}.`, ['facts', name])
  }
}

/** A date fact as a day number; undefined when it is absent and allowed to be (e.g. no incident ever). */
export function dateReader(cc: CompileContext, name: string): (ctx: EvalContext) => number | undefined {
  const optional = cc.rubric.missing === 'zero' || cc.facts[name]?.required === false
  return (ctx) => {
    const raw = ctx.facts[name]
    if (raw === undefined || raw === null) {
      if (optional) return undefined
      throw evidenceError(ctx, 'EVIDENCE_MISSING', `Fact "${name}" (a date) is missing.`, ['facts', name])
    }
    const day = typeof raw === 'string' ? parseDay(raw) : undefined
    if (day === undefined) throw evidenceError(ctx, 'EVIDENCE_INVALID', `Fact "${name}" must be a date YYYY-MM-DD, not ${JSON.stringify(raw)}.`, ['facts', name])
    return day
  }
}

/** Any fact as it was given (for is / in comparisons), with the missing policy applied. */
export function rawReader(cc: CompileContext, name: string): (ctx: EvalContext) => unknown {
  const zeroWhenMissing = cc.rubric.missing === 'zero' || cc.facts[name]?.required === false
  return (ctx) => {
    const raw = ctx.facts[name]
    if (raw === undefined || raw === null) return missing(ctx, name, zeroWhenMissing, undefined)
    return raw
  }
}

function missing<T>(ctx: EvalContext, name: string, zero: boolean, value: T): T {
  if (!zero) throw evidenceError(ctx, 'EVIDENCE_MISSING', `Fact "${name}" is missing; give it in the evidence.`, ['facts', name])
  const key = `missing:${name}`
  if (!ctx.memo.has(key)) {
    ctx.memo.set(key, true)
    warn(ctx, 'EVIDENCE_MISSING_ZEROED', `Fact "${name}" is missing and was taken as ${value === false ? 'false' : '0'}.`, ['facts', name])
  }
  return value
}

/** The records of one kind that fall in the assessed span (all of them when the span or the date field is unknown). */
export function recordsReader(cc: CompileContext, name: string): (ctx: EvalContext) => readonly Row[] {
  const dateField = cc.records[name]?.date
  const key = `records:${name}`
  return (ctx) => {
    const cached = ctx.memo.get(key) as Row[] | undefined
    if (cached) return cached
    const all = ctx.records[name] ?? []
    let rows: readonly Row[] = all
    if (dateField !== undefined && (ctx.from !== undefined || ctx.to !== undefined)) {
      rows = all.filter((r, i) => {
        const day = recordDay(ctx, name, r, dateField, i)
        return (ctx.from === undefined || day >= ctx.from) && (ctx.to === undefined || day <= ctx.to)
      })
    }
    ctx.memo.set(key, rows)
    return rows
  }
}

export function recordDay(ctx: EvalContext, name: string, row: Row, field: string, i: number): number {
  const v = row[field]
  const day = typeof v === 'string' ? parseDay(v) : undefined
  if (day === undefined)
    throw evidenceError(ctx, 'EVIDENCE_INVALID', `Record ${name}[${i}] needs a date in "${field}" (YYYY-MM-DD), not ${JSON.stringify(v)}.`, ['records', name, i, field])
  return day
}

/** A record filter compiled from `where:`. */
export function matcher(where: Readonly<Record<string, unknown>> | undefined): (row: Row) => boolean {
  if (!where) return () => true
  const tests = Object.entries(where).map(([field, want]) => {
    if (Array.isArray(want)) {
      const set = new Set<unknown>(want)
      return (row: Row) => set.has(row[field])
    }
    return (row: Row) => row[field] === want
  })
  return (row) => tests.every((t) => t(row))
}

export function describeWhere(where: Readonly<Record<string, unknown>> | undefined): string {
  if (!where) return ''
  return ' where ' + Object.entries(where).map(([k, v]) => `${k} ${Array.isArray(v) ? 'in [' + v.join(', ') + ']' : '= ' + String(v)}`).join(' and ')
}
