import type { Rubric } from '../model/rubric'
import type { Param } from '../model/declarations'
import { makeDiagnostic } from '../diagnostics/codes'
import type { Diagnostic } from '../diagnostics/diagnostic'
import { fromNumber, parseFixed, ONE, toFixedString } from '../num/fixed'
import type { ParamValue } from './compile-context'
import { parseDay } from './dates'
import { preview } from '../load/text'

/**
 * The parameter values for one compile: each declared default, overridden by `overrides`
 * (values as typed in YAML/JSON, or strings from the command line). Unknown names and bad values are diagnostics.
 */
export function resolveParams(rubric: Rubric, overrides: Readonly<Record<string, unknown>> = {}): { values: Record<string, ParamValue>; diagnostics: Diagnostic[] } {
  const values: Record<string, ParamValue> = Object.create(null)
  const diagnostics: Diagnostic[] = []
  const decls = rubric.params ?? {}
  for (const [name, p] of Object.entries(decls)) {
    const v = coerce(p, p.default)
    if (v === undefined) diagnostics.push(makeDiagnostic('PARAM_TYPE', `Parameter "${name}": the default ${JSON.stringify(p.default)} is not a valid ${p.type}.`, { path: ['params', name, 'default'] }))
    else values[name] = v
  }
  for (const [name, raw] of Object.entries(overrides)) {
    const p = Object.prototype.hasOwnProperty.call(decls, name) ? decls[name] : undefined
    if (!p) {
      diagnostics.push(makeDiagnostic('OPTION_INVALID', `Unknown parameter ${preview(name)}; this rubric declares: ${Object.keys(decls).join(', ') || 'none'}.`, { path: ['params', name] }))
      continue
    }
    const v = coerce(p, raw)
    if (v === undefined) diagnostics.push(makeDiagnostic('OPTION_INVALID', `Parameter "${name}" = ${typeof raw === 'string' ? preview(raw) : JSON.stringify(raw) ?? String(raw)} is not a valid ${describe(p)}.`, { path: ['params', name] }))
    else values[name] = v
  }
  return { values, diagnostics }
}

function describe(p: Param): string {
  if (p.type === 'enum') return `value (one of ${p.values.join(', ')})`
  if (p.type === 'rounding') return 'step rounding (ceil, floor or exact)'
  if (p.type === 'rate') return 'rate from 0 to 1'
  return p.type
}

function coerce(p: Param, raw: unknown): ParamValue | undefined {
  switch (p.type) {
    case 'number':
    case 'rate': {
      const v = typeof raw === 'number' ? fromNumber(raw) : typeof raw === 'string' ? parseFixed(raw.trim()) : undefined
      if (v === undefined) return undefined
      if (p.type === 'rate' && (v < 0 || v > ONE)) return undefined
      if (p.type === 'number' && p.min !== undefined && v < (typeof p.min === 'number' ? fromNumber(p.min)! : parseFixed(p.min)!)) return undefined
      if (p.type === 'number' && p.max !== undefined && v > (typeof p.max === 'number' ? fromNumber(p.max)! : parseFixed(p.max)!)) return undefined
      return v
    }
    case 'integer': {
      const v = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN
      if (!Number.isSafeInteger(v) || (p.min !== undefined && v < p.min) || (p.max !== undefined && v > p.max)) return undefined
      return v * ONE
    }
    case 'boolean':
      return raw === true || raw === 'true' ? true : raw === false || raw === 'false' ? false : undefined
    case 'date':
      return typeof raw === 'string' ? parseDay(raw) : undefined
    case 'rounding':
      return raw === 'ceil' || raw === 'floor' || raw === 'exact' ? raw : undefined
    case 'enum':
      return typeof raw === 'string' && p.values.includes(raw) ? raw : undefined
  }
}

/** A parameter value as text, for results and explanations. */
export function paramText(p: Param, v: ParamValue): string {
  if (p.type === 'number' || p.type === 'rate' || p.type === 'integer') return toFixedString(v as number)
  return String(v)
}
