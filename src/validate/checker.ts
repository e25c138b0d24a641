/**
 * The Checker the constructs' rules and lint run against: values resolved with one set of parameter values (the
 * defaults when a rubric is validated; an evaluation's overrides when those are checked), findings collected.
 */
import type { Code } from '../diagnostics/codes'
import { makeDiagnostic, withinText, type Diagnostic } from '../diagnostics/diagnostic'
import { factOrComputed } from '../kinds/computed'
import type { Declarations, Param } from '../model/declarations'
import type { Checker } from '../kinds/kit/spec'
import { domainOf, fmt, isNumericFact, literalFixed, own, type Path } from '../kinds/kit/values'
import { fromInt, ONE, type Fixed } from '../num/fixed'

/** A parameter's value for a check: a number (Fixed), or a word (a rounding mode). */
export type ParamValues = Readonly<Record<string, number | string | boolean>>

/** The default of a parameter when it is valid for its own declaration; undefined otherwise (reported once, as PARAM_TYPE). */
export function defaultValue(p: Param): Fixed | string | undefined {
  if (p.type === 'rounding' || p.type === 'enum') return typeof p.default === 'string' ? p.default : undefined
  let x: Fixed | undefined
  if (p.type === 'integer') x = Number.isSafeInteger(p.default) && Math.abs(p.default) <= Number.MAX_SAFE_INTEGER / 1e6 ? fromInt(p.default) : undefined
  else if (p.type === 'number' || p.type === 'rate') x = literalFixed(p.default)
  if (x === undefined) return undefined
  if (p.type === 'rate' && (x < 0 || x > ONE)) return undefined
  if (p.type === 'number' || p.type === 'integer') {
    const lo = p.min === undefined ? undefined : literalFixed(p.min)
    const hi = p.max === undefined ? undefined : literalFixed(p.max)
    if ((lo !== undefined && x < lo) || (hi !== undefined && x > hi)) return undefined
  }
  return x
}

export interface CheckerOptions {
  /** Parameter values instead of the defaults (an evaluation's overrides), by name. */
  params?: ParamValues
}

/** A Checker over `decls` that appends its findings to `out`. */
export function makeChecker(decls: Declarations, out: Diagnostic[], options: CheckerOptions = {}): Checker {
  const param = (v: unknown): Param | undefined => {
    if (v === null || typeof v !== 'object' || !('param' in v)) return undefined
    const name = (v as { param: unknown }).param
    return typeof name === 'string' ? own(decls.params, name) : undefined
  }
  const override = (v: unknown): number | string | boolean | undefined => {
    const name = (v as { param: string }).param
    return options.params && Object.prototype.hasOwnProperty.call(options.params, name) ? options.params[name] : undefined
  }
  const value = (v: unknown): Fixed | undefined => {
    const p = param(v)
    if (p === undefined) return v !== null && typeof v === 'object' ? undefined : literalFixed(v)
    if (p.type !== 'number' && p.type !== 'rate' && p.type !== 'integer') return undefined
    const o = override(v)
    if (typeof o === 'number') return o
    const d = defaultValue(p)
    return typeof d === 'number' ? d : undefined
  }
  const word = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v
    const p = param(v)
    if (p === undefined) return undefined
    const o = override(v)
    if (typeof o === 'string') return o
    const d = defaultValue(p)
    return typeof d === 'string' ? d : undefined
  }
  const report = (code: Code, message: string, path: Path, hint?: string, within?: { text: string; start: number; end: number }) => {
    const d = makeDiagnostic(code, message, { path, ...(hint !== undefined ? { hint } : {}) })
    out.push(within === undefined ? d : withinText(d, within.text, within.start, within.end))
  }
  const bad = (message: string, path: Path, hint?: string) => report('SCHEMA_INVALID_VALUE', message, path, hint)
  const at = (path: Path, key: string): Path => [...path, ...key.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k))]
  const checker: Checker = {
    decls,
    value,
    word,
    fact: (name) => factOrComputed(decls, name),
    bad,
    report,
    oneOf(o, keys, what, path) {
      const present = keys.filter((k) => (o as Record<string, unknown>)[k] !== undefined)
      if (present.length === 0) bad(`${what} needs exactly one of ${keys.join(' or ')}; it has neither.`, path)
      else if (present.length === 2) bad(`${what} has both ${keys[0]} and ${keys[1]}; give exactly one of them.`, [...path, keys[1]])
    },
    ordered(lo, hi, what, path) {
      const a = value(lo)
      const b = value(hi)
      if (a !== undefined && b !== undefined && a > b) bad(`${what}: ${fmt(a)} is greater than ${fmt(b)}.`, path)
    },
    needsField(list, field, what, path) {
      const rt = list === undefined ? undefined : own(decls.records, list)
      if (rt && rt[field] === undefined) bad(`${what} needs records "${list}" to declare a ${field} field (records.${list}.${field}).`, path, `Add \`${field}: <field name>\` to records.${list}.`)
    },
    outsideDomain(name, values, path) {
      const f = factOrComputed(decls, name)
      if (!isNumericFact(f)) return
      const d = domainOf(f)
      if (!d || (d.lo === undefined && d.hi === undefined)) return
      for (const [key, raw] of values) {
        if (raw === undefined) continue
        const v = value(raw)
        if (v === undefined || !((d.lo !== undefined && v < d.lo) || (d.hi !== undefined && v > d.hi))) continue
        const p = param(raw)
        const shown = p !== undefined ? ` (the ${override(raw) !== undefined ? 'value' : 'default'} of parameter "${String((raw as { param: unknown }).param)}")` : ''
        bad(
          `${key.split('.')[0]} ${fmt(v)}${shown} is outside the values fact "${name}" can take: it is ${d.what}.`,
          p !== undefined ? [...at(path, key), 'param'] : at(path, key),
          f!.type === 'rate' ? 'Write rates as decimals from 0 to 1: 95% is 0.95, 40.5% is 0.405.' : `Compare with a value within the fact's range, or change the fact's min/max.`,
        )
      }
    },
    notAbove(max, raw, what, itemId, path) {
      const x = value(raw)
      if (max !== undefined && x !== undefined && x > max)
        report('MAX_MISMATCH', `Item "${itemId}": ${what} ${fmt(x)} is more than its max ${fmt(max)}.`, param(raw) !== undefined ? [...path, 'param'] : path, `Lower ${what}, or raise max to ${fmt(x)} (and its parent's).`)
    },
    positive(raw, strict, what, path) {
      const x = value(raw)
      if (x === undefined) return
      if (strict ? x <= 0 : x < 0)
        bad(`${what} must be ${strict ? 'greater than 0' : '0 or more'}, not ${fmt(x)}.`, param(raw) !== undefined ? [...path, 'param'] : path)
    },
  }
  return checker
}
