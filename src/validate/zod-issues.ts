/**
 * zod 4 issues → kaoping diagnostics, one clear sentence each, with the path
 * of the offending value. Unions are looked into: a bad discriminator lists
 * the allowed values, and when one branch is clearly the one meant its issues
 * are reported instead of a generic "invalid input".
 */
import type { z } from 'zod'
import { diagnose, makeDiagnostic } from '../diagnostics/diagnostic'
import type { Diagnostic } from '../diagnostics/diagnostic'
import type { ParamsOf, TemplatedCode } from '../diagnostics/codes'
import { ALLOWED_LISTED, shown, valueParams } from '../diagnostics/templates'
import { Condition } from '../kinds/conditions'
import { listWords } from '../kinds/facts'
import { DateValue, Decimal, Value } from '../model/common'
import { allowedKeysAt, closest, defOf, getAt, has, isPlainObject, suggestBudget, unionOption, unwrap, type MutablePath } from './walk'

type Issue = z.core.$ZodIssue

/** Badness of a branch whose very value has the wrong type: never the branch meant. */
const WRONG_TYPE = 1000

function label(path: readonly (string | number)[]): string {
  const last = path[path.length - 1]
  if (last === undefined) return 'The rubric'
  if (typeof last === 'number') {
    const parent = path[path.length - 2]
    return parent === undefined ? `Entry ${last}` : `Entry ${last} of "${parent}"`
  }
  return `"${last}"`
}

export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing'
  if (v === null) return 'an empty value (null)'
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`
  if (typeof v === 'number') return `the number ${v}`
  if (typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'object') return 'a mapping'
  return typeof v
}

function joinOr(parts: string[]): string {
  const u = [...new Set(parts)]
  return u.length <= 1 ? (u[0] ?? '') : `${u.slice(0, -1).join(', ')} or ${u[u.length - 1]}`
}

const lcFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s)
const sentence = (s: string): string => (/[.?!]$/.test(s) ? s : s + '.')

/** Friendly names of model types that are unions of several forms. */
const FORMS = new Map<unknown, string>([
  [defOf(Decimal), 'a decimal number (e.g. 0.875 or "0.875")'],
  [defOf(Value), 'a decimal number (e.g. 0.875) or a parameter ({ param: name })'],
  [defOf(DateValue), 'a date (YYYY-MM-DD), a yearly date (--MM-DD) or a parameter ({ param: name })'],
  [defOf(Condition), 'a condition: a mapping with one of fact, count, quota, date, span, order, score, all, any or not'],
])

/** The friendly name of a model type (looking through optional/lazy wrappers). */
function formName(schema: unknown): string | undefined {
  let s = schema
  for (let i = 0; i < 20 && s !== undefined; i++) {
    const def = defOf(s)
    const name = FORMS.get(def)
    if (name) return name
    if (def.type === 'lazy') s = (s as { _zod: { innerType?: unknown } })._zod.innerType
    else s = def.innerType ?? (def.type === 'pipe' ? def.in : undefined)
  }
  return undefined
}

export class IssueMapper {
  readonly out: Diagnostic[] = []
  /** One budget for all the suggestions of the rubric's issues. */
  private readonly budget = suggestBudget()
  constructor(
    private readonly root: unknown,
    private readonly data: unknown,
  ) {}

  private missing(path: MutablePath): boolean {
    const key = path[path.length - 1]
    if (key === undefined || typeof key === 'number') return false
    const parent = getAt(this.data, path.slice(0, -1))
    return isPlainObject(parent) && (!has(parent, key) || parent[key] === undefined)
  }

  private push(code: Parameters<typeof makeDiagnostic>[0], message: string, path: MutablePath, hint?: string): void {
    this.out.push(makeDiagnostic(code, message, { path, hint }))
  }

  /** A diagnostic whose message the catalogue renders from params, in every language. */
  private pushWith<C extends TemplatedCode>(code: C, params: ParamsOf<C>, path: MutablePath): void {
    this.out.push(diagnose(code, params, { path }))
  }

  private unknownKey(key: string, path: MutablePath, allowed: readonly string[]): void {
    // The keys of the model's mappings (the rubric's top level has about 25): listed whole up to 40.
    const listed = { allowed: shown(allowed, ALLOWED_LISTED), allowedCount: allowed.length }
    const parent = getAt(this.data, path)
    // `{ title: 甲, note: 乙,丙 }` reads as a key 丙 without a value: text cut at an unquoted comma (the template's hint says so)
    if (isPlainObject(parent) && parent[key] === null && /[^\x00-\x7f]|\s/.test(key)) return this.pushWith('SCHEMA_UNKNOWN_KEY', { key, ...listed, cutAtComma: true }, [...path, key])
    this.pushWith('SCHEMA_UNKNOWN_KEY', { key, suggestion: closest(key, allowed, this.budget), ...listed }, [...path, key])
  }

  map(issues: readonly Issue[], base: MutablePath = []): void {
    for (const issue of issues) this.one(issue, base)
  }

  private one(issue: Issue, base: MutablePath): void {
    const path: MutablePath = [...base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : (p as string | number)))]
    const value = getAt(this.data, path)
    const what = label(path)
    switch (issue.code) {
      case 'invalid_type':
        if (this.missing(path)) return this.pushWith('SCHEMA_MISSING_KEY', { key: String(path[path.length - 1]) }, path)
        return this.pushWith('SCHEMA_INVALID_TYPE', { at: path, expected: [issue.expected], ...valueParams(value) }, path)
      case 'unrecognized_keys': {
        const allowed = allowedKeysAt(this.root, this.data, path)
        for (const key of issue.keys) this.unknownKey(key, path, allowed)
        return
      }
      case 'invalid_union':
        return this.union(issue, path)
      case 'invalid_key': {
        const why = issue.issues.map((i) => lcFirst(i.message.replace(/\.$/, ''))).join('; ')
        return this.push('SCHEMA_INVALID_VALUE', `Invalid name "${String(path[path.length - 1])}" under ${label(path.slice(0, -1))}: ${sentence(why)}`, path)
      }
      case 'invalid_value': {
        // a required literal or enum key (kaoping: 1, kind: …) that is absent is missing, not wrong
        if (this.missing(path)) {
          const key = String(path[path.length - 1])
          const allowed = issue.values.map((v) => (typeof v === 'string' ? v : String(v)))
          return this.pushWith('SCHEMA_MISSING_KEY', { key, values: shown(allowed), valuesCount: allowed.length, style: 'one-of' }, path)
        }
        const values = issue.values.map((v) => (typeof v === 'string' ? v : String(v)))
        if (values.length === 1) return this.pushWith('SCHEMA_INVALID_VALUE', { at: path, form: 'literal', literal: JSON.stringify(issue.values[0]), ...valueParams(value) }, path)
        const suggestion = typeof value === 'string' ? closest(value, values, this.budget) : undefined
        return this.pushWith('SCHEMA_INVALID_VALUE', { at: path, form: 'one-of', values: shown(values), valuesCount: values.length, suggestion, ...valueParams(value) }, path)
      }
      case 'too_small':
      case 'too_big': {
        const small = issue.code === 'too_small'
        const bound = Number(small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum)
        const inclusive = issue.inclusive !== false
        let msg: string
        if (issue.origin === 'array' || issue.origin === 'set')
          msg = small ? `${what} needs at least ${bound} ${bound === 1 ? 'entry' : 'entries'}.` : `${what} has too many entries (at most ${bound}).`
        else if (issue.origin === 'string')
          msg = small ? (bound === 1 ? `${what} must not be empty.` : `${what} must be at least ${bound} characters long.`) : `${what} is too long (at most ${bound} characters).`
        else {
          const relation = small ? (inclusive ? 'at least' : 'greater than') : inclusive ? 'at most' : 'less than'
          return this.pushWith('SCHEMA_INVALID_VALUE', { at: path, form: 'bound', relation, bound, ...valueParams(value) }, path)
        }
        return this.push('SCHEMA_INVALID_VALUE', msg, path)
      }
      case 'invalid_format': {
        const own = issue.message && !/^Invalid/.test(issue.message) ? lcFirst(issue.message) : `it must match the format ${issue.pattern ?? issue.format}`
        return this.push('SCHEMA_INVALID_VALUE', `${what} is ${describeValue(value)}, which is not valid: ${sentence(own)}`, path)
      }
      case 'custom':
        return this.push('SCHEMA_INVALID_VALUE', `${what} (${describeValue(value)}): ${sentence(lcFirst(issue.message || 'invalid value'))}`, path)
      default:
        return this.push('SCHEMA_INVALID_VALUE', `${what}: ${sentence(lcFirst((issue as { message: string }).message || 'invalid value'))}`, path)
    }
  }

  private union(issue: z.core.$ZodIssueInvalidUnion, path: MutablePath): void {
    const disc = issue.discriminator
    if (disc !== undefined && issue.errors.length === 0 && issue.inclusive !== false) {
      const at = path[path.length - 1] === disc ? path : [...path, disc]
      const options = ((issue as { options?: unknown[] }).options ?? []).map(String)
      const got = getAt(this.data, at)
      if (!isPlainObject(getAt(this.data, at.slice(0, -1))))
        return this.push('SCHEMA_INVALID_TYPE', `${label(at.slice(0, -1))} must be a mapping with "${disc}" (one of: ${listWords(options)}), not ${describeValue(getAt(this.data, at.slice(0, -1)))}.`, at.slice(0, -1))
      if (got === undefined) return this.pushWith('SCHEMA_MISSING_KEY', { key: disc, values: shown(options), valuesCount: options.length, style: 'must' }, at)
      const suggestion = typeof got === 'string' ? closest(got, options, this.budget) : undefined
      return this.pushWith('SCHEMA_INVALID_VALUE', { at, form: 'discriminator', values: shown(options), valuesCount: options.length, suggestion, ...valueParams(got) }, at)
    }
    if (issue.inclusive === false) return this.push('SCHEMA_INVALID_VALUE', `${label(path)} matches more than one form; make it unambiguous.`, path)
    if (this.missing(path)) return this.pushWith('SCHEMA_MISSING_KEY', { key: String(path[path.length - 1]) }, path)
    const scores = issue.errors.map((b) => this.badness(b, path))
    const min = Math.min(...scores)
    const best = issue.errors.filter((_, i) => scores[i] === min)
    if (best.length === 1 && min < WRONG_TYPE) return this.map(best[0]!, path)
    const value = getAt(this.data, path)
    const form = formName(this.formSchema(path))
    if (min >= WRONG_TYPE) {
      if (form) return this.push('SCHEMA_INVALID_TYPE', `${label(path)} must be ${form}, not ${describeValue(value)}.`, path)
      return this.pushWith('SCHEMA_INVALID_TYPE', { at: path, expected: issue.errors.flatMap((b) => this.rootExpected(b)), ...valueParams(value) }, path)
    }
    // Several branches fit equally well: report keys that none of them accepts, …
    const common = commonUnknownKeys(best)
    if (common.length) {
      const allowed = allowedKeysAt(this.root, this.data, path)
      for (const key of common) this.unknownKey(key, path, allowed)
      return
    }
    // … or keys that belong to different forms, …
    const unknown = best.flatMap((b) => b.flatMap((i) => (i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys : [])))
    if (best.every((b) => b.every((i) => i.code === 'unrecognized_keys' && i.path.length === 0))) {
      const keys = [...new Set(unknown)].map((k) => `"${k}"`)
      const tip = form?.startsWith('a condition') ? ' (combine several conditions with all or any)' : ''
      return this.push('SCHEMA_INVALID_VALUE', `${label(path)} mixes keys of different forms: ${joinOr(keys).replace(/ or /, ' and ')} cannot be used together; use one form per mapping${tip}.`, path)
    }
    // … or else what the closest forms complain about.
    if (form) return this.push('SCHEMA_INVALID_VALUE', `${label(path)} is ${describeValue(value)}, which is not ${form}.`, path)
    const msgs = best.map((b) => b.map((i) => lcFirst(i.message.replace(/\.$/, ''))).join(', '))
    return this.push('SCHEMA_INVALID_VALUE', `${label(path)} matches none of its allowed forms; the closest fail with: ${[...new Set(msgs)].join(' / ')}.`, path)
  }

  /** The model schema at `path`, for naming union forms. */
  private formSchema(path: MutablePath): unknown {
    let s: unknown = this.root
    for (let i = 0; i < path.length; i++) {
      const def = defOf(unwrap(s))
      const seg = path[i]!
      if (def.type === 'object' && typeof seg === 'string' && has(def.shape, seg)) s = def.shape[seg]
      else if (def.type === 'record') s = def.valueType
      else if (def.type === 'array') s = def.element
      else if (def.type === 'tuple' && typeof seg === 'number') s = def.items[seg] ?? def.rest
      else if (def.type === 'union') {
        const here = getAt(this.data, path.slice(0, i))
        const picked = typeof def.discriminator === 'string' ? unionOption(def, here) : undefined
        if (picked !== undefined) {
          const o = defOf(unwrap(picked))
          s = o.type === 'object' && typeof seg === 'string' ? o.shape[seg] : undefined
          if (s === undefined) return this.root
          continue
        }
        const fits = (def.options as unknown[]).map((o) => defOf(unwrap(o))).filter((o) => o.type === 'object' && typeof seg === 'string' && has(o.shape, seg) && isPlainObject(here))
        if (fits.length !== 1) return s
        s = fits[0]!.shape[seg]
      } else return s
      if (s === undefined) return this.root
    }
    return s
  }

  private rootExpected(branch: readonly Issue[]): string[] {
    return branch.flatMap((i) => (i.path.length === 0 && i.code === 'invalid_type' ? [i.expected] : i.path.length === 0 && i.code === 'invalid_union' ? i.errors.flatMap((b) => this.rootExpected(b)) : []))
  }

  /** How badly a union branch fits the value: the lowest is the branch meant. */
  private badness(branch: readonly Issue[], base: MutablePath): number {
    let score = 0
    for (const i of branch) {
      const full: MutablePath = [...base, ...(i.path as (string | number)[])]
      if (i.path.length === 0) {
        if (i.code === 'invalid_type') score += WRONG_TYPE
        else if (i.code === 'invalid_value') score += 100
        else if (i.code === 'unrecognized_keys') score += 10 * i.keys.length
        else if (i.code === 'invalid_union') score += i.errors.length ? Math.min(...i.errors.map((b) => this.badness(b, full))) : 100
        else score += 5
      } else if ((i.code === 'invalid_type' || i.code === 'invalid_union') && this.missing(full)) score += 10
      else score += 1
    }
    return score
  }
}

function commonUnknownKeys(branches: readonly (readonly Issue[])[]): string[] {
  const sets = branches.map((b) => new Set(b.flatMap((i) => (i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys : []))))
  const [first, ...rest] = sets
  return first ? [...first].filter((k) => rest.every((s) => s.has(k))) : []
}

/** Maps every zod issue of a failed parse of `data` against `root` to diagnostics. */
export function issuesToDiagnostics(root: unknown, data: unknown, issues: readonly Issue[]): Diagnostic[] {
  const m = new IssueMapper(root, data)
  m.map(issues)
  return m.out
}
