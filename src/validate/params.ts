/** Parameter references and defaults, exact decimals and calendar dates. */
import { makeDiagnostic } from '../diagnostics/diagnostic'
import type { Diagnostic } from '../diagnostics/diagnostic'
import { listWords } from '../kinds/facts'
import type { Rubric } from '../kinds/rubric'
import { parseDay } from '../num/dates'
import { ONE, PLACES } from '../num/fixed'
import { fmt, literalFixed, own } from './values'
import { didYouMean, suggestBudget, type Scan } from './walk'

const NUMBER_TYPES = ['number', 'rate', 'integer']
const EXPECTED_TYPES: Record<string, readonly string[]> = { number: NUMBER_TYPES, date: ['date'], rounding: ['rounding'] }

/** UNKNOWN_PARAM and PARAM_TYPE for every `{param}` use. */
export function checkParamRefs(rubric: Rubric, scan: Scan): Diagnostic[] {
  const out: Diagnostic[] = []
  const params = rubric.params ?? {}
  const budget = suggestBudget() // one for all the suggestions of the rubric
  for (const ref of scan.params) {
    const p = own(params, ref.name)
    if (!p) {
      out.push(makeDiagnostic('UNKNOWN_PARAM', `Unknown parameter "${ref.name}"${didYouMean(ref.name, Object.keys(params), budget) || `; declared params: ${listWords(Object.keys(params)) || 'none'}.`}`, { path: [...ref.path, 'param'] }))
      continue
    }
    const want = EXPECTED_TYPES[ref.expect]
    if (want && !want.includes(p.type)) {
      const what = ref.expect === 'number' ? 'a number (a number, rate or integer parameter)' : ref.expect === 'date' ? 'a date (a date parameter)' : 'a step rounding (a rounding parameter)'
      out.push(makeDiagnostic('PARAM_TYPE', `Parameter "${ref.name}" is of type ${p.type}, but ${what} is needed here.`, { path: [...ref.path, 'param'] }))
    }
  }
  return out
}

/** PARAM_TYPE for defaults that are not valid values of their own parameter. */
export function checkParamDefaults(rubric: Rubric): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const [name, p] of Object.entries(rubric.params ?? {})) {
    const at = ['params', name]
    const bad = (why: string, key = 'default') => out.push(makeDiagnostic('PARAM_TYPE', `Parameter "${name}": ${why}`, { path: [...at, key] }))
    switch (p.type) {
      case 'rate': {
        const v = literalFixed(p.default)
        if (v !== undefined && (v < 0 || v > ONE)) bad(`the default ${fmt(v)} is not a rate from 0 to 1 (write 87.5% as 0.875).`)
        break
      }
      case 'number':
      case 'integer': {
        const v = literalFixed(p.default)
        const lo = p.min === undefined ? undefined : literalFixed(p.min)
        const hi = p.max === undefined ? undefined : literalFixed(p.max)
        if (lo !== undefined && hi !== undefined && lo > hi) bad(`min ${fmt(lo)} is greater than max ${fmt(hi)}.`, 'min')
        else if (v !== undefined && lo !== undefined && v < lo) bad(`the default ${fmt(v)} is below its min ${fmt(lo)}.`)
        else if (v !== undefined && hi !== undefined && v > hi) bad(`the default ${fmt(v)} is above its max ${fmt(hi)}.`)
        break
      }
      case 'enum':
        if (!p.values.includes(p.default)) bad(`the default "${p.default}" is not one of its values (${listWords(p.values)}).`)
        break
      case 'date':
        if (parseDay(p.default) === undefined) bad(`the default ${p.default} is not a calendar date.`)
        break
    }
  }
  return out
}

function decimalProblem(v: unknown): string | undefined {
  if (literalFixed(v) !== undefined) return undefined
  const text = typeof v === 'number' ? String(v) : String(v).trim()
  if (typeof v === 'number' && !Number.isFinite(v)) return `${text} is not a finite number`
  const m = /^[+-]?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text)
  if (m) {
    const frac = (m[2] ?? '').replace(/0+$/, '').length - Number(m[3] ?? 0)
    if (frac > PLACES) return `${text} has more than ${PLACES} decimal places`
    return `${text} is too large (at most ${Number.MAX_SAFE_INTEGER / 1e6})`
  }
  return `${text} is not an exact decimal number`
}

/** Every decimal literal must be exact with at most 6 decimal places (and in range); dates must exist. */
export function checkLiterals(scan: Scan): Diagnostic[] {
  const out: Diagnostic[] = []
  const check = (value: unknown, path: (string | number)[]) => {
    const why = decimalProblem(value)
    if (why) out.push(makeDiagnostic('SCHEMA_INVALID_VALUE', `${why[0]!.toUpperCase()}${why.slice(1)}; rubric numbers are exact decimals with at most ${PLACES} places.`, { path, hint: why.includes('decimal places') ? `Round the number to at most ${PLACES} decimal places.` : 'Write an exact decimal number within range.' }))
  }
  for (const d of scan.decimals) check(d.value, d.path)
  // numbers compared with numeric facts are decimals too
  for (const { cond, path } of scan.conditions) {
    if (typeof cond.fact !== 'string') continue
    if (typeof cond.is === 'number') check(cond.is, [...path, 'is'])
    if (Array.isArray(cond.in)) cond.in.forEach((v, i) => typeof v === 'number' && check(v, [...path, 'in', i]))
  }
  for (const d of scan.dates)
    // (param defaults are checked as PARAM_TYPE)
    if (d.path[0] !== 'params' && parseDay(d.value) === undefined) out.push(makeDiagnostic('SCHEMA_INVALID_VALUE', `${d.value} is not a calendar date.`, { path: d.path, hint: 'Write an existing date as YYYY-MM-DD.' }))
  return out
}
