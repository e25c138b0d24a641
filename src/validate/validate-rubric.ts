/**
 * Validates rubric data (already read from YAML or JSON): first the zod model
 * (every issue a diagnostic with the path of the offending value), then, only
 * when the shape is right, the semantic checks (all of them, not stopping at
 * the first): duplicate ids, references, parameter types, fact types, exactly-
 * one rules, exact decimals, and maxima that must add up.
 */
import { makeDiagnostic } from '../diagnostics/diagnostic'
import type { Diagnostic } from '../diagnostics/diagnostic'
import { DEFAULT_LIMITS, limitExceeded } from '../limits'
import { Rubric } from '../kinds/rubric'
import { parseDay, spanOverYears } from '../num/dates'
import { checkLiterals, checkParamDefaults, checkParamRefs } from './params'
import { checkRefs, collectRefs } from './refs'
import { checkRules } from './rules'
import { checkDuplicates, checkScoreOrder, checkTotal } from './structure'
import { isPlainObject, scanRubric } from './walk'
import { issuesToDiagnostics } from './zod-issues'

export interface Validated {
  /** The rubric, when it has no errors (warnings may remain in `diagnostics`). */
  rubric: Rubric | undefined
  /**
   * The data as the model reads it whenever its shape is right, even when the
   * semantic checks found errors (for tools that report every problem at once,
   * such as `kaoping validate`, which also lints it). Not for scoring.
   */
  shaped?: Rubric
  diagnostics: Diagnostic[]
}

/** The semantic checks of a schema-valid rubric. */
export function checkRubric(rubric: Rubric): Diagnostic[] {
  const scan = scanRubric(Rubric, rubric)
  return [
    ...checkLiterals(scan),
    ...checkDuplicates(rubric),
    ...checkRefs(rubric, collectRefs(rubric, scan.conditions)),
    ...checkParamRefs(rubric, scan),
    ...checkParamDefaults(rubric),
    ...checkRules(rubric, scan),
    ...checkTotal(rubric),
    ...checkScoreOrder(rubric, scan),
  ]
}

/** The number of items (sections and leaves, at every level) in rubric data, counted before anything else reads it. */
export function countItems(data: unknown): number {
  let n = 0
  const stack: unknown[] = [data]
  while (stack.length) {
    const v = stack.pop()
    if (!isPlainObject(v) || !Array.isArray(v.items)) continue
    n += v.items.length
    for (const item of v.items) stack.push(item)
  }
  return n
}

/**
 * Paths of every `__proto__` key in rubric data. Such a key cannot be kept as plain data through validation (the
 * schema library drops it, or would take it as the object's prototype), so a rubric may not use it as a key.
 */
export function protoKeys(data: unknown): (string | number)[][] {
  const out: (string | number)[][] = []
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: data, path: [] }]
  while (stack.length && out.length < 10) {
    const { v, path } = stack.pop()!
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }))
    else if (v !== null && typeof v === 'object')
      for (const k of Object.keys(v)) {
        if (k === '__proto__') out.push([...path, k])
        else stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] })
      }
  }
  return out
}

export interface ValidateOptions {
  /** Most items allowed (default `DEFAULT_LIMITS.maxItems`, 10,000). */
  maxItems?: number
  /** Longest `period` from–to, in years (default `DEFAULT_LIMITS.maxPeriodYears`, 100). */
  maxPeriodYears?: number
}

/** LIMIT_EXCEEDED when the rubric's own period covers more than maxPeriodYears years (it is every evaluation's default span). */
function periodTooLong(rubric: Rubric, maxPeriodYears: number): Diagnostic[] {
  const from = rubric.period?.from === undefined ? undefined : parseDay(rubric.period.from)
  const to = rubric.period?.to === undefined ? undefined : parseDay(rubric.period.to)
  if (from === undefined || to === undefined || !spanOverYears(from, to, maxPeriodYears)) return []
  return [
    limitExceeded('maxPeriodYears', maxPeriodYears, `The rubric's period from ${rubric.period!.from} to ${rubric.period!.to} covers more than ${maxPeriodYears} years`, {
      path: ['period', 'to'],
      hint: `Give the span one evaluation covers (a year or a few), or raise the limit with the option limits: { maxPeriodYears: … } (command line: --limit maxPeriodYears=…) if the rubric is trusted.`,
    }),
  ]
}

export function validateRubric(data: unknown, options: ValidateOptions = {}): Validated {
  const maxItems = options.maxItems ?? DEFAULT_LIMITS.maxItems
  const items = countItems(data)
  if (items > maxItems) return { rubric: undefined, diagnostics: [limitExceeded('maxItems', maxItems, `The rubric has ${items.toLocaleString('en')} items`, { path: ['items'] })] }
  const proto = protoKeys(data)
  if (proto.length)
    return {
      rubric: undefined,
      diagnostics: proto.map((path) =>
        makeDiagnostic('SCHEMA_UNKNOWN_KEY', 'The key "__proto__" is not allowed anywhere in a rubric: JavaScript tools read it as the prototype of the mapping, not as data.', {
          path,
          hint: 'Rename the key (a category, subject id or name); "__proto__" can never be one.',
        }),
      ),
    }
  if (!isPlainObject(data)) {
    const got = data === null || data === undefined ? 'empty' : Array.isArray(data) ? 'a list' : `a single ${typeof data} value`
    return { rubric: undefined, diagnostics: [makeDiagnostic('RUBRIC_NOT_OBJECT', `The rubric must be a mapping (kaoping, id, title, total, items, …), but the document is ${got}.`, { path: [] })] }
  }
  const parsed = Rubric.safeParse(data)
  if (!parsed.success) return { rubric: undefined, diagnostics: issuesToDiagnostics(Rubric, data, parsed.error.issues) }
  const diagnostics = [...checkRubric(parsed.data), ...periodTooLong(parsed.data, options.maxPeriodYears ?? DEFAULT_LIMITS.maxPeriodYears)]
  const failed = diagnostics.some((d) => d.severity === 'error')
  return { rubric: failed ? undefined : parsed.data, shaped: parsed.data, diagnostics }
}
