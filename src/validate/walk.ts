/**
 * Generic helpers for rubric checks: plain-data access by path, a walker that
 * follows the zod model alongside the data (so every value is seen with the
 * schema that describes it), and "did you mean" suggestions.
 */
import { SUGGEST_CANDIDATES, SUGGEST_CHARS, editDistance, suggestBudget, type SuggestBudget } from '../text/distance'
import type { z } from 'zod'
import { Condition } from '../kinds/conditions'
import { DateValue, Decimal, IsoDate, ParamRef, StepRounding, Value } from '../model/common'

export type MutablePath = (string | number)[]

/** The internal definition of a zod 4 schema (type, shape, options, …). */
export type Def = { type: string; [key: string]: any }

export function defOf(schema: unknown): Def {
  return (schema as { _zod: { def: Def } })._zod.def
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

export function has(o: unknown, key: string): boolean {
  return isPlainObject(o) && Object.prototype.hasOwnProperty.call(o, key)
}

/** The value at `path`, or undefined when any step is missing. */
export function getAt(data: unknown, path: readonly (string | number)[]): unknown {
  let v = data
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg]
    else if (isPlainObject(v) && has(v, String(seg))) v = v[String(seg)]
    else return undefined
  }
  return v
}

/** Wrappers whose inner schema describes the same value. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch', 'success'])

/** The schema under optional/lazy/pipe wrappers. */
export function unwrap(schema: unknown): unknown {
  let s = schema
  for (let i = 0; i < 50; i++) {
    const def = defOf(s)
    if (WRAPPERS.has(def.type)) s = def.innerType
    else if (def.type === 'lazy') s = (s as { _zod: { innerType?: unknown } })._zod.innerType ?? def.getter()
    else if (def.type === 'pipe') s = def.in
    else return s
  }
  return s
}

/**
 * Whether a value could be accepted by a schema, by its type and keys alone (never wrong to say yes): a necessary
 * condition, so that a union's options can be narrowed without parsing the value against each one.
 */
function couldAccept(schema: unknown, value: unknown, depth = 0): boolean {
  const def = defOf(unwrap(schema))
  switch (def.type) {
    case 'number':
      return typeof value === 'number'
    case 'string':
      return typeof value === 'string'
    case 'boolean':
      return typeof value === 'boolean'
    case 'literal':
      return (def.values as unknown[]).includes(value)
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>).includes(value)
    case 'array':
    case 'tuple':
      return Array.isArray(value)
    case 'record':
      return isPlainObject(value)
    case 'object': {
      if (!isPlainObject(value)) return false
      // a strict object takes no key it does not declare
      if (defOf(def.catchall ?? {}).type !== 'never') return true
      const shape = def.shape as Record<string, unknown>
      for (const k of Object.keys(value)) if (!Object.prototype.hasOwnProperty.call(shape, k)) return false
      return true
    }
    case 'union':
      return depth > 8 || (def.options as unknown[]).some((o) => couldAccept(o, value, depth + 1))
    default:
      return true
  }
}

/**
 * The option of a union that describes a value known to be valid (a rubric that passed the model): the one option
 * its type and keys allow, else the first of those that accepts it.
 */
function validOption(def: Def, value: unknown): unknown {
  if (typeof def.discriminator === 'string') return unionOption(def, value)
  const options = (def.options as unknown[]).filter((o) => couldAccept(o, value))
  if (options.length === 1) return options[0]
  return options.find((o) => (o as z.ZodType).safeParse(value).success)
}

/** The option of a union that describes `value` (by discriminator, else the first that accepts it). */
export function unionOption(def: Def, value: unknown): unknown {
  const options = def.options as unknown[]
  if (typeof def.discriminator === 'string' && isPlainObject(value)) {
    const d = value[def.discriminator]
    for (const o of options) {
      const values = (o as { _zod: { propValues?: Record<string, Set<unknown>> } })._zod.propValues?.[def.discriminator]
      if (values?.has(d)) return o
    }
    return undefined
  }
  return options.find((o) => (o as z.ZodType).safeParse(value).success)
}

export type Visit = (def: Def, value: unknown, path: MutablePath) => void

/** Calls `visit` for every schema (wrappers included) that describes a value of `data`, depth first. */
export function walkSchema(schema: unknown, data: unknown, visit: Visit, path: MutablePath = [], valid = false): void {
  const def = defOf(schema)
  visit(def, data, path)
  if (data === undefined) return
  if (WRAPPERS.has(def.type)) return walkSchema(def.innerType, data, visit, path, valid)
  if (def.type === 'lazy') return walkSchema(unwrap(schema), data, visit, path, valid)
  if (def.type === 'pipe') return walkSchema(def.in, data, visit, path, valid)
  if (def.type === 'union') {
    const o = valid ? validOption(def, data) : unionOption(def, data)
    if (o !== undefined) walkSchema(o, data, visit, path, valid)
    return
  }
  if (def.type === 'object' && isPlainObject(data)) {
    const shape = def.shape as Record<string, unknown>
    for (const key of Object.keys(shape)) if (has(data, key)) walkSchema(shape[key], data[key], visit, [...path, key], valid)
    return
  }
  if (def.type === 'record' && isPlainObject(data)) {
    for (const key of Object.keys(data)) walkSchema(def.valueType, data[key], visit, [...path, key], valid)
    return
  }
  if (def.type === 'array' && Array.isArray(data)) {
    data.forEach((v, i) => walkSchema(def.element, v, visit, [...path, i], valid))
    return
  }
  if (def.type === 'tuple' && Array.isArray(data)) {
    const items = def.items as unknown[]
    data.forEach((v, i) => {
      const s = items[i] ?? def.rest
      if (s) walkSchema(s, v, visit, [...path, i], valid)
    })
  }
}

/** The object schemas that can describe the value at `path` (several when a plain union leaves it open). */
export function objectSchemasAt(root: unknown, data: unknown, path: readonly (string | number)[]): Def[] {
  let current: unknown[] = [root]
  for (let i = 0; i <= path.length; i++) {
    const here = getAt(data, path.slice(0, i))
    // expand unions into their options
    const expanded: Def[] = []
    const queue = [...current]
    while (queue.length) {
      const def = defOf(unwrap(queue.shift()))
      if (def.type === 'union') {
        const chosen = typeof def.discriminator === 'string' ? unionOption(def, here) : undefined
        queue.push(...(chosen !== undefined ? [chosen] : (def.options as unknown[])))
      } else expanded.push(def)
    }
    if (i === path.length) return expanded.filter((d) => d.type === 'object')
    const seg = path[i] as string | number
    const next: unknown[] = []
    for (const def of expanded) {
      if (def.type === 'object' && typeof seg === 'string' && has(def.shape, seg)) next.push(def.shape[seg])
      else if (def.type === 'record' && typeof seg === 'string') next.push(def.valueType)
      else if (def.type === 'array' && typeof seg === 'number') next.push(def.element)
      else if (def.type === 'tuple' && typeof seg === 'number' && (def.items[seg] ?? def.rest)) next.push(def.items[seg] ?? def.rest)
    }
    current = next
  }
  return []
}

/** The keys allowed in the mapping at `path`: of the object schema(s) that fit its keys best. */
export function allowedKeysAt(root: unknown, data: unknown, path: readonly (string | number)[]): string[] {
  const objects = objectSchemasAt(root, data, path)
  const value = getAt(data, path)
  const keys = isPlainObject(value) ? Object.keys(value) : []
  let best = -1
  let chosen: Def[] = []
  for (const o of objects) {
    const score = keys.filter((k) => has(o.shape, k)).length
    if (score > best) {
      best = score
      chosen = [o]
    } else if (score === best) chosen.push(o)
  }
  return [...new Set(chosen.flatMap((o) => Object.keys(o.shape as object)))]
}

export { SUGGEST_BUDGET, SUGGEST_CANDIDATES, SUGGEST_CHARS, editDistance, suggestBudget, type SuggestBudget } from '../text/distance'

/**
 * The candidate closest to `word` when it is plausibly a misspelling of it: at most a third of the longer name's
 * characters apart (at least 1), the first of the closest. Bounded whatever the input: names longer than
 * SUGGEST_CHARS are not compared, only the first SUGGEST_CANDIDATES candidates are looked at, a candidate whose
 * length alone puts it too far is skipped unread, each comparison stops once it cannot beat the best so far, and
 * all the work is taken from `budget` (by default one of its own; none once it is spent).
 */
export function closest(word: string, candidates: readonly string[], budget: SuggestBudget = suggestBudget()): string | undefined {
  if (word.length > SUGGEST_CHARS) return undefined
  const lower = word.toLowerCase()
  let best: string | undefined
  let bestD = Infinity
  const most = Math.min(candidates.length, SUGGEST_CANDIDATES)
  for (let k = 0; k < most && bestD > 0 && budget.cells > 0; k++) {
    budget.cells--
    const c = candidates[k]!
    if (typeof c !== 'string' || c.length > SUGGEST_CHARS) continue
    const allowed = Math.min(Math.max(1, Math.floor(Math.max(word.length, c.length) / 3)), bestD - 1)
    if (Math.abs(c.length - word.length) > allowed) continue
    const d = c.length === word.length && c.toLowerCase() === lower ? 0 : editDistance(word, c, allowed, budget)
    if (d <= allowed) {
      bestD = d
      best = c
    }
  }
  return best
}

const didYouMean = (word: string, candidates: readonly string[], budget?: SuggestBudget): string => {
  const c = closest(word, candidates, budget)
  return c === undefined ? '' : `; did you mean "${c}"?`
}
export { didYouMean }

/** What a scan of the rubric along its schema finds. */
export interface Scan {
  /** Literals at Decimal positions (max, points, band edges, amounts, …). */
  decimals: { value: unknown; path: MutablePath }[]
  /** `{param}` references with the kind of value expected there. */
  params: { name: string; path: MutablePath; expect: 'number' | 'date' | 'rounding' | 'any' }[]
  /** Literal ISO dates (YYYY-MM-DD). */
  dates: { value: string; path: MutablePath }[]
  /** Every condition, nested ones included. */
  conditions: { cond: Record<string, unknown>; path: MutablePath }[]
}

const DECIMAL = defOf(Decimal)
const VALUE = defOf(Value)
const DATE_VALUE = defOf(DateValue)
const PARAM_REF = defOf(ParamRef)
const ISO_DATE = defOf(IsoDate)
const CONDITION = defOf(Condition)
const STEP_ROUNDING = defOf(StepRounding)

function paramExpect(def: Def): 'number' | 'date' | 'rounding' | 'any' {
  if (def === VALUE) return 'number'
  if (def === DATE_VALUE) return 'date'
  const options = (def.options as unknown[]).map((o) => defOf(o))
  if (options.includes(DECIMAL) || options.includes(VALUE)) return 'number'
  if (options.includes(ISO_DATE)) return 'date'
  if (options.includes(STEP_ROUNDING)) return 'rounding'
  return 'any'
}

/** Scans already made, by rubric object: validation, the linter and the compiler all read the same scan. */
const scans = new WeakMap<object, { schema: unknown; scan: Scan }>()

/**
 * Walks a (schema-valid) rubric along the model and collects decimals, param refs, dates and conditions. The scan
 * of a rubric object is made once and kept while the object lives (a validated rubric is not changed afterwards).
 */
export function scanRubric(rubricSchema: unknown, rubric: unknown): Scan {
  if (rubric !== null && typeof rubric === 'object') {
    const kept = scans.get(rubric)
    if (kept !== undefined && kept.schema === rubricSchema) return kept.scan
  }
  const scan = scanOnce(rubricSchema, rubric)
  if (rubric !== null && typeof rubric === 'object') scans.set(rubric, { schema: rubricSchema, scan })
  return scan
}

function scanOnce(rubricSchema: unknown, rubric: unknown): Scan {
  const scan: Scan = { decimals: [], params: [], dates: [], conditions: [] }
  const visit: Visit = (def, value, path) => {
    if (value === undefined) return
    if (def === DECIMAL) scan.decimals.push({ value, path })
    else if (def === ISO_DATE && typeof value === 'string') scan.dates.push({ value, path })
    else if (def === CONDITION && isPlainObject(value)) scan.conditions.push({ cond: value, path })
    else if (def.type === 'union' && isPlainObject(value) && typeof value.param === 'string') {
      if ((def.options as unknown[]).some((o) => defOf(o) === PARAM_REF)) scan.params.push({ name: value.param, path, expect: paramExpect(def) })
    }
  }
  walkSchema(rubricSchema, rubric, visit, [], true)
  return scan
}
