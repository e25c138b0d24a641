/**
 * Parameter values for an evaluation: each declared default, overridden by the evaluation's values (as typed in
 * YAML/JSON, or strings from the command line). An override must be a valid value of its parameter and must pass
 * every rule the rubric's own values pass (a step above 0, bands without gaps, …): otherwise it is OPTION_INVALID.
 */
import { makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic'
import { listWords } from '../kinds/facts'
import type { Rubric } from '../kinds/rubric'
import { preview } from '../load/text'
import type { Param } from '../model/declarations'
import { formatDay as formatDayOf, parseDay } from '../num/dates'
import { fromNumber, ONE, parseFixed, toFixedString } from '../num/fixed'
import { lintConstructs } from '../lint/lint-rubric'
import { makeChecker } from '../validate/checker'
import { checkRules } from '../validate/rules'
import { scanRubric } from '../validate/walk'
import { Rubric as RubricSchema } from '../kinds/rubric'

/** A parameter's value: a Fixed (numbers) or day number (dates), a word (rounding, enum), or a boolean. */
export type ParamValue = number | string | boolean

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
      diagnostics.push(makeDiagnostic('OPTION_INVALID', `Unknown parameter ${preview(name)}; this rubric declares: ${listWords(Object.keys(decls)) || 'none'}.`, { path: ['params', name] }))
      continue
    }
    const v = coerce(p, raw)
    if (v === undefined) diagnostics.push(makeDiagnostic('OPTION_INVALID', `Parameter "${name}" = ${typeof raw === 'string' ? preview(raw) : (JSON.stringify(raw) ?? String(raw))} is not a valid ${describe(p)}.`, { path: ['params', name] }))
    else values[name] = v
  }
  return { values, diagnostics }
}

/**
 * The rubric's rules and lint errors with the given values (the overridden parameters at their new values). A
 * finding is OPTION_INVALID: the rubric is valid, the values make it break its own rules.
 */
export function checkOverrides(rubric: Rubric, values: Readonly<Record<string, ParamValue>>, overridden: readonly string[]): Diagnostic[] {
  const scan = scanRubric(RubricSchema, rubric)
  const found = checkRules(rubric, scan, values)
  lintConstructs(rubric, makeChecker(rubric, found, { params: values }))
  const errors = found.filter((d) => d.severity === 'error')
  const shown = listWords(overridden, undefined, ', ', (n) => `${n} = ${show(rubric.params![n]!, values[n]!)}`)
  // The finding is about the rubric; the place to fix is the override (the rubric's place is related).
  return errors.map((d) => ({
    ...d,
    code: 'OPTION_INVALID' as const,
    message: `With ${shown}: ${d.message}`,
    hint: `Give a value that keeps the rubric valid (${d.code}): ${d.hint ?? ''}`.trim(),
    path: ['params', overridden[0]!],
    related: [{ message: `The rubric's rule (${d.code}) applies here.`, ...(d.path ? { path: d.path } : {}) }],
  }))
}

function describe(p: Param): string {
  if (p.type === 'enum') return `value (one of ${listWords(p.values)})`
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
      const v = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d{1,10}$/.test(raw.trim()) ? Number(raw) : NaN
      if (!Number.isSafeInteger(v) || Math.abs(v) > 9_000_000_000 || (p.min !== undefined && v < p.min) || (p.max !== undefined && v > p.max)) return undefined
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

/** A parameter value as text, for results, explanations and messages. */
export function show(p: Param, v: ParamValue): string {
  if (p.type === 'number' || p.type === 'rate' || p.type === 'integer') return toFixedString(v as number)
  if (p.type === 'date' && typeof v === 'number') return formatDayOf(v)
  return String(v)
}
