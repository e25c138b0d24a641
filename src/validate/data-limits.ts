/**
 * Checks of data handed to kaoping as JavaScript values (a rubric given to `loadRubricData`, evidence given to
 * `evaluate`, `evaluateCohort` and `totals`), before anything else reads it: plain JSON-like values only, nesting
 * within `maxDepth` (cycles included), strings within `maxStringLength` and free of control characters, finite
 * numbers, and for a subject at most `maxRecordsPerSubject` records. Iterative: no input can exhaust the stack, and a
 * value shared many times is not walked more than `maxDepth` times.
 */
import { makeDiagnostic } from '../diagnostics/diagnostic'
import { type Code } from '../diagnostics/codes'
import type { Diagnostic, Path } from '../diagnostics/diagnostic'
import { codePoint, CONTROL_CHARACTER, hasControl, limitExceeded, showPath, type Limits } from '../limits'
import { preview } from '../load/text'

export type DataRole = 'rubric' | 'evidence'

interface Entry {
  value: object
  depth: number
  parent: Entry | undefined
  segment: string | number | undefined
}

function pathOf(e: Entry | undefined, prefix: Path, last?: string | number): (string | number)[] {
  const out: (string | number)[] = []
  for (let x = e; x?.segment !== undefined; x = x.parent) out.unshift(x.segment)
  if (last !== undefined) out.push(last)
  return [...prefix, ...out]
}

/** Most problems reported by one walk. */
const MAX_PROBLEMS = 10

/**
 * The problems of `value` (first ones only), with paths that start with `prefix`. `seen` remembers the depth each
 * object was walked at, across calls (pass the same map for the subjects of one cohort).
 */
export function checkPlainData(value: unknown, limits: Limits, role: DataRole, prefix: Path = [], subject?: string, seen: Map<object, number> = new Map()): Diagnostic[] {
  const out: Diagnostic[] = []
  const extra = (path: Path): Partial<Diagnostic> => (subject !== undefined ? { path, subject } : { path })
  const invalid: Code = role === 'rubric' ? 'SCHEMA_INVALID_TYPE' : 'EVIDENCE_INVALID'
  const check = (v: unknown, parent: Entry | undefined, segment: string | number | undefined, depth: number, stack: Entry[]) => {
    switch (typeof v) {
      case 'string': {
        if (v.length > limits.maxStringLength) {
          const path = pathOf(parent, prefix, segment)
          out.push(limitExceeded('maxStringLength', limits.maxStringLength, `The string at ${showPath(path)} has ${v.length.toLocaleString('en')} characters`, extra(path)))
        } else if (CONTROL_CHARACTER.test(v)) {
          const path = pathOf(parent, prefix, segment)
          const ch = CONTROL_CHARACTER.exec(v)![0]
          out.push(makeDiagnostic('TEXT_CONTROL_CHARACTER', `The text ${preview(v)} at ${showPath(path)} holds the control character ${codePoint(ch)}; only tabs and line breaks are allowed in text.`, extra(path)))
        }
        return
      }
      case 'number':
        if (!Number.isFinite(v)) {
          const path = pathOf(parent, prefix, segment)
          const code: Code = role === 'rubric' ? 'SCHEMA_INVALID_VALUE' : Number.isNaN(v) ? 'EVIDENCE_INVALID' : 'NUMBER_OUT_OF_RANGE'
          out.push(makeDiagnostic(code, `The value at ${showPath(path)} is ${String(v)}, not a finite number.`, extra(path)))
        }
        return
      case 'boolean':
        return
      case 'object': {
        if (v === null) return
        const proto = Object.getPrototypeOf(v)
        if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) {
          const path = pathOf(parent, prefix, segment)
          const kind = Object.prototype.toString.call(v).slice(8, -1)
          const what = kind === 'Object' ? 'an object with a prototype of its own' : `a ${kind}`
          out.push(makeDiagnostic(invalid, `The value at ${showPath(path)} is ${what}, not plain data (a mapping, list, string, number, true/false or null).`, extra(path)))
          return
        }
        const d = depth + 1
        const before = seen.get(v)
        if (before !== undefined && before >= d) return // already walked at least this deep
        if (d > limits.maxDepth) {
          const path = pathOf(parent, prefix, segment)
          out.push(limitExceeded('maxDepth', limits.maxDepth, `The data at ${showPath(path)} is nested deeper than the limit (mappings and lists inside each other, or a cycle)`, extra(path)))
          return
        }
        seen.set(v, d)
        stack.push({ value: v, depth: d, parent, segment })
        return
      }
      case 'undefined':
        return // an absent optional value
      default: {
        const path = pathOf(parent, prefix, segment)
        out.push(makeDiagnostic(invalid, `The value at ${showPath(path)} is a ${typeof v}, not plain data.`, extra(path)))
      }
    }
  }
  const stack: Entry[] = []
  check(value, undefined, undefined, 0, stack)
  while (stack.length && out.length < MAX_PROBLEMS) {
    const e = stack.pop()!
    const v = e.value
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length && out.length < MAX_PROBLEMS; i++) check(v[i], e, i, e.depth, stack)
      continue
    }
    for (const k in v) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue
      if (k.length > limits.maxStringLength || CONTROL_CHARACTER.test(k)) {
        check(k, e, k.length > 40 ? `${k.slice(0, 37)}…` : k, e.depth, stack)
        continue
      }
      check((v as Record<string, unknown>)[k], e, k, e.depth, stack)
      if (out.length >= MAX_PROBLEMS) break
    }
  }
  return out.slice(0, MAX_PROBLEMS)
}

/** The number of records one subject's evidence gives: every record list, its self-assessment's and its periods'. */
export function countRecords(subject: unknown): number {
  if (subject === null || typeof subject !== 'object') return 0
  const s = subject as { records?: unknown; self?: { records?: unknown }; periods?: unknown }
  let n = lists(s.records)
  if (s.self !== null && typeof s.self === 'object') n += lists(s.self.records)
  if (s.periods !== null && typeof s.periods === 'object')
    for (const k in s.periods as object) if (Object.prototype.hasOwnProperty.call(s.periods, k)) n += lists(((s.periods as Record<string, unknown>)[k] as { records?: unknown } | null)?.records)
  return n
}

function lists(records: unknown): number {
  if (records === null || typeof records !== 'object') return 0
  let n = 0
  for (const k in records as object) {
    if (!Object.prototype.hasOwnProperty.call(records, k)) continue
    const rows = (records as Record<string, unknown>)[k]
    if (Array.isArray(rows)) n += rows.length
  }
  return n
}

/** Every check of one subject's evidence data: plain data within the limits, and at most maxRecordsPerSubject records. */
export function checkSubjectData(subject: unknown, index: number, limits: Limits, prefix: Path, seen?: Map<object, number>): Diagnostic[] {
  const records = countRecords(subject)
  if (records <= limits.maxRecordsPerSubject && quickCheck(subject, limits)) return []
  const id = subject !== null && typeof subject === 'object' && typeof (subject as { id?: unknown }).id === 'string' ? (subject as { id: string }).id : undefined
  if (records > limits.maxRecordsPerSubject)
    return [limitExceeded('maxRecordsPerSubject', limits.maxRecordsPerSubject, `Subject ${id !== undefined ? `"${id.slice(0, 60)}"` : `#${index}`} gives ${records.toLocaleString('en')} records`, { path: prefix, ...(id !== undefined ? { subject: id } : {}) })]
  return checkPlainData(subject, limits, 'evidence', prefix, id, seen)
}

/** Most values the quick check walks before it leaves the decision to the full walk (data shared many times). */
const QUICK_BUDGET = 1_000_000
/** Deepest nesting the quick check follows by recursion. */
const QUICK_DEPTH = 200

/**
 * True when `value` is certainly fine: plain data, within the limits, no control character. Recursive but shallow
 * (QUICK_DEPTH), allocation-free, for the common case of valid evidence (tens of thousands of subjects a second);
 * false for anything else, which the full walk then examines and reports.
 */
function quickCheck(value: unknown, limits: Limits): boolean {
  let budget = QUICK_BUDGET
  const maxDepth = Math.min(limits.maxDepth, QUICK_DEPTH)
  const maxString = limits.maxStringLength
  const walk = (v: unknown, depth: number): boolean => {
    if (--budget < 0) return false
    switch (typeof v) {
      case 'string':
        return v.length <= maxString && !hasControl(v)
      case 'number':
        return v - v === 0 // finite
      case 'boolean':
      case 'undefined':
        return true
      case 'object': {
        if (v === null) return true
        if (depth >= maxDepth) return false
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) if (!walk(v[i], depth + 1)) return false
          return true
        }
        const proto = Object.getPrototypeOf(v)
        if (proto !== Object.prototype && proto !== null) return false
        for (const k in v) {
          if (!Object.prototype.hasOwnProperty.call(v, k)) continue
          if (k.length > maxString || hasControl(k) || !walk((v as Record<string, unknown>)[k], depth + 1)) return false
        }
        return true
      }
      default:
        return false
    }
  }
  return walk(value, 0)
}
