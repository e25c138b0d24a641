/**
 * The diagnostics of evidence the compiled check refuses, in words: what the value is, what was expected, and the
 * advice for the usual slips (87.5 for 0.875, "yes" for true, a thousands separator). Only the refusal path builds
 * them: the compiled check itself compares values and stops.
 */
import type { Code } from '../diagnostics/codes'
import { makeDiagnostic, type Diagnostic, type Path } from '../diagnostics/diagnostic'
import { factHint, factWords, fieldWords, listWords, numberTextHint } from '../kinds/facts'
import { domainOf } from '../kinds/kit/values'
import type { Fact, Field } from '../model/declarations'
import { fromNumber, parseFixed, toFixedString } from '../num/fixed'
import { preview } from '../load/text'
import { codePoint, CONTROL_CHARACTER } from '../limits'

/** Where in a subject's evidence a problem is: the subject, and the part (its own facts, self-assessment, a period). */
export interface Scope {
  /** `Subject "gulou"` or `Subject #3` (set on the refusal path, where messages are made). */
  who: string
  /** The subject's id for the diagnostic (`#3` when it has none). */
  subject: string
  /** Path of the part: [] (the subject's own), ['self'], ['periods', '2017-Q1']. */
  prefix: Path
  /** The part in words: '', ' (self-assessment)', ' in period 2017-Q1'. */
  words: string
}

export function show(v: unknown): string {
  let s: string
  if (v === undefined) s = 'nothing'
  else if (typeof v === 'string') s = preview(v)
  else if (Array.isArray(v)) s = 'a list'
  else if (v !== null && typeof v === 'object') s = 'a mapping'
  else s = String(v)
  return s.length > 60 ? s.slice(0, 57) + '…' : s
}

function dotted(segs: Path): string {
  let s = ''
  for (const x of segs) s += typeof x === 'number' ? `[${x}]` : (s ? '.' : '') + x
  return s
}

const problem = (scope: Scope, code: Code, message: string, path: Path): Diagnostic => makeDiagnostic(code, message, { subject: scope.subject, path: [...scope.prefix, ...path] })

const invalid = (scope: Scope, label: string, value: unknown, expected: string, hint: string | undefined, path: Path): Diagnostic =>
  problem(scope, 'EVIDENCE_INVALID', `${scope.who}: ${label} must be ${expected} (got ${show(value)})${hint ? `; ${hint}` : ''}.`, path)

/** Text kaoping refuses anywhere: longer than the limit, or holding a control character. */
export function textProblem(scope: Scope, label: string, s: string, maxLength: number, path: Path): Diagnostic | undefined {
  if (s.length > maxLength)
    return makeDiagnostic('LIMIT_EXCEEDED', `${scope.who}: ${label} has ${s.length.toLocaleString('en')} characters; the limit maxStringLength is ${maxLength.toLocaleString('en')}.`, {
      subject: scope.subject,
      path: [...scope.prefix, ...path],
      hint: 'Reduce the input, or raise the limit with the option limits: { maxStringLength: … } (command line: --limit maxStringLength=…) if the input is trusted.',
    })
  const ch = CONTROL_CHARACTER.exec(s)
  if (ch) return problem(scope, 'TEXT_CONTROL_CHARACTER', `${scope.who}: ${label} holds the control character ${codePoint(ch[0])}; only tabs and line breaks are allowed in text.`, path)
  return undefined
}

/** Why a fact's value is refused. `count`: the fact counts faults or pieces, so it may not be negative. */
export function factProblem(scope: Scope, name: string, fact: Fact, value: unknown, count: boolean, element?: number): Diagnostic {
  const path: Path = element === undefined ? ['facts', name] : ['facts', name, element]
  const label = `fact "${name}"${element === undefined ? '' : `[${element}]`}${scope.words}`
  const words = factWords(fact, element !== undefined)
  const hint = factHint(fact)
  if (value === null) return invalid(scope, label, value, words, hint, path)
  const range = domainOf(fact)
  if (range === undefined || (fact.type === 'score' && value !== null && typeof value === 'object')) return invalid(scope, label, value, words, hint, path)
  // A number: of the right type, exact, within range?
  const isText = typeof value === 'string'
  if (typeof value !== 'number' && !(isText && fact.type !== 'integer')) return invalid(scope, label, value, words, numberTextHint(value) ?? hint, path)
  if (typeof value === 'number' && !Number.isFinite(value))
    return problem(scope, Number.isNaN(value) ? 'EVIDENCE_INVALID' : 'NUMBER_OUT_OF_RANGE', `${scope.who}: ${label} is ${String(value)}, not a finite number.`, path)
  if (isText && !(fact.type === 'rate' ? /^(0(\.\d+)?|1(\.0+)?)$/ : /^-?\d+(\.\d+)?$/).test(value as string)) {
    if (fact.type === 'rate' && /^-?\d+(\.\d+)?$/.test(value as string)) return outOfRange(scope, label, value, range, fact, path)
    return invalid(scope, label, value, words, numberTextHint(value) ?? hint, path)
  }
  const v = typeof value === 'number' ? fromNumber(value) : parseFixed(value as string)
  if (v === undefined) {
    const n = Number(value)
    if (!Number.isFinite(n) || Math.abs(n) > 9_007_199_254.740991)
      return problem(scope, 'EVIDENCE_OUT_OF_RANGE', `${scope.who}: ${label} = ${show(value)} is too large to score exactly (the limit is about ±9,007,199,254.74).`, path)
    return problem(scope, 'EVIDENCE_PRECISION', `${scope.who}: ${label} = ${show(value)} has more than 6 decimal places; round it in the source system.`, path)
  }
  if ((range.lo !== undefined && v < range.lo) || (range.hi !== undefined && v > range.hi)) return outOfRange(scope, label, value, range, fact, path)
  if (range.integer && v % 1_000_000 !== 0) return invalid(scope, label, value, words, undefined, path)
  if (count && v < 0) return problem(scope, 'EVIDENCE_OUT_OF_RANGE', `${scope.who}: ${label} = ${show(value)} counts faults or pieces, so it cannot be negative.`, path)
  return invalid(scope, label, value, words, hint, path)
}

function outOfRange(scope: Scope, label: string, value: unknown, range: { lo: number | undefined; hi: number | undefined }, fact: Fact, path: Path): Diagnostic {
  const v = typeof value === 'number' ? fromNumber(value) : typeof value === 'string' ? parseFixed(value) : undefined
  const below = v !== undefined && range.lo !== undefined && v < range.lo
  const limit = below ? range.lo! : range.hi!
  const hint = factHint(fact)
  return problem(scope, 'EVIDENCE_OUT_OF_RANGE', `${scope.who}: ${label} = ${show(value)} is ${below ? 'below the minimum' : 'above the maximum'} ${toFixedString(limit)}${hint ? ` (${hint})` : ''}.`, path)
}

export function missingFact(scope: Scope, name: string): Diagnostic {
  return problem(scope, 'EVIDENCE_MISSING', `${scope.who}: fact "${name}" is missing.`, ['facts', name])
}

export function missingFacts(scope: Scope, required: readonly string[]): Diagnostic {
  return problem(scope, 'EVIDENCE_MISSING', `${scope.who}: "facts" is missing; the rubric requires the facts ${listWords(required)}.`, ['facts'])
}

export function notMapping(scope: Scope, what: string, value: unknown, path: Path): Diagnostic {
  return invalid(scope, `${what}${scope.words}`, value, 'a mapping (object)', undefined, path)
}

export function notList(scope: Scope, what: string, value: unknown, path: Path): Diagnostic {
  return invalid(scope, `${what}${scope.words}`, value, 'a list', undefined, path)
}

export function unknownField(scope: Scope, container: Path, key: string, known: readonly string[]): Diagnostic {
  const where = container.length === 0 ? 'at the top level' : `in ${dotted([...scope.prefix, ...container])}`
  const expected = known.length ? `one of: ${listWords(known)}` : 'nothing here (the rubric declares none)'
  return problem(scope, 'EVIDENCE_UNKNOWN_FIELD', `${scope.who} has an unknown field ${preview(key)} ${where}; expected ${expected}.`, [...container, key.length > 40 ? `${key.slice(0, 37)}…` : key])
}

/** A computed value given in the evidence: the rubric works it out, from the facts its expression reads. */
export function computedGiven(scope: Scope, container: Path, key: string, expr: string): Diagnostic {
  const where = `in ${dotted([...scope.prefix, ...container])}`
  return problem(scope, 'EVIDENCE_UNKNOWN_FIELD', `${scope.who} gives ${preview(key)} ${where}, but the rubric computes it (${expr}); give the facts it is computed from and leave it out.`, [...container, key])
}

export function fieldProblem(scope: Scope, list: string, j: number, name: string, field: Field, value: unknown, maxString: number): Diagnostic {
  const label = `field "${name}" of record ${list}[${j}]${scope.words}`
  const path = ['records', list, j, name]
  if (field.type === 'string' && typeof value === 'string') return textProblem(scope, label, value, maxString, path) ?? invalid(scope, label, value, 'text', undefined, path)
  if (field.type === 'number' || field.type === 'integer') {
    if ((typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && field.type === 'number' && /^-?\d+(\.\d+)?$/.test(value))) {
      const v = typeof value === 'number' ? fromNumber(value) : parseFixed(value)
      if (v === undefined) {
        const n = Number(value)
        if (Math.abs(n) > 9_007_199_254.740991) return problem(scope, 'EVIDENCE_OUT_OF_RANGE', `${scope.who}: ${label} = ${show(value)} is too large to score exactly (the limit is about ±9,007,199,254.74).`, path)
        return problem(scope, 'EVIDENCE_PRECISION', `${scope.who}: ${label} = ${show(value)} has more than 6 decimal places; round it in the source system.`, path)
      }
    }
    return invalid(scope, label, value, fieldWords(field), numberTextHint(value), path)
  }
  return invalid(scope, label, value, fieldWords(field), undefined, path)
}

export function missingField(scope: Scope, list: string, j: number, name: string): Diagnostic {
  return problem(scope, 'EVIDENCE_MISSING', `${scope.who}: record ${list}[${j}]${scope.words} has no "${name}".`, ['records', list, j, name])
}

export function tooManyRecords(scope: Scope, n: number, max: number): Diagnostic {
  return makeDiagnostic('LIMIT_EXCEEDED', `${scope.who} gives ${n.toLocaleString('en')} records; the limit maxRecordsPerSubject is ${max.toLocaleString('en')}.`, {
    subject: scope.subject,
    path: [...scope.prefix, 'records'],
    hint: 'Reduce the input, or raise the limit with the option limits: { maxRecordsPerSubject: … } (command line: --limit maxRecordsPerSubject=…) if the input is trusted.',
  })
}

