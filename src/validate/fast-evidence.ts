import type { Fact, Field } from '../model/declarations'
import type { Rubric } from '../model/rubric'
import { DATE_PATTERN, DECIMAL_PATTERN, RATE_STRING_PATTERN, requiredFacts } from './evidence-patterns'

type Check = (v: unknown) => boolean

const DECIMAL = new RegExp(DECIMAL_PATTERN)
const RATE = new RegExp(RATE_STRING_PATTERN)
const DATE = new RegExp(DATE_PATTERN)
const has = Object.prototype.hasOwnProperty

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function range(min: unknown, max: unknown): (n: number) => boolean {
  const lo = min === undefined ? -Infinity : Number(min)
  const hi = max === undefined ? Infinity : Number(max)
  return (n) => n >= lo && n <= hi
}

function factCheck(f: Fact): Check | undefined {
  switch (f.type) {
    case 'boolean':
      return (v) => typeof v === 'boolean'
    case 'rate':
      return (v) => (typeof v === 'number' ? v >= 0 && v <= 1 : typeof v === 'string' && RATE.test(v))
    case 'number': {
      const inRange = range(f.min, f.max)
      return (v) => (typeof v === 'number' ? Number.isFinite(v) && inRange(v) : typeof v === 'string' && DECIMAL.test(v))
    }
    case 'integer': {
      const inRange = range(f.min, f.max)
      return (v) => typeof v === 'number' && Number.isInteger(v) && inRange(v)
    }
    case 'date':
      return (v) => typeof v === 'string' && DATE.test(v)
    case 'enum': {
      const values = new Set<unknown>(f.values)
      return (v) => values.has(v)
    }
    case 'score':
      return undefined // rare and structured: left to the full validator
  }
}

function fieldCheck(f: Field): Check {
  switch (f.type) {
    case 'string':
      return (v) => typeof v === 'string'
    case 'date':
      return (v) => typeof v === 'string' && DATE.test(v)
    case 'number':
      return (v) => (typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string' && DECIMAL.test(v))
    case 'integer':
      return (v) => typeof v === 'number' && Number.isInteger(v)
    case 'boolean':
      return (v) => typeof v === 'boolean'
    case 'enum': {
      const values = new Set<unknown>(f.values)
      return (v) => values.has(v)
    }
  }
}

/**
 * A fast check of the common evidence shape ({id, name, facts, records}), compiled from the rubric's declarations.
 * It accepts only evidence the JSON Schema accepts too (tests check this against ajv); anything it does not accept
 * goes to ajv for the verdict and the diagnostics. So the answer is always ajv's, only faster on valid evidence.
 */
export function compileFastEvidenceCheck(rubric: Rubric): (subject: unknown) => boolean {
  const names: string[] = []
  const checks: Check[] = []
  const mandatory: boolean[] = []
  const required = requiredFacts(rubric)
  for (const [name, f] of Object.entries(rubric.facts ?? {})) {
    const c = factCheck(f)
    if (!c) return () => false
    names.push(name)
    checks.push(c)
    mandatory.push(required.includes(name))
  }
  const records = new Map<string, { fields: Map<string, Check>; required: string[] }>()
  for (const [name, rt] of Object.entries(rubric.records ?? {})) {
    records.set(name, {
      fields: new Map(Object.entries(rt.fields).map(([k, f]) => [k, fieldCheck(f)])),
      required: [...new Set([rt.date, rt.key].filter((x): x is string => x !== undefined))],
    })
  }
  // Declared facts are checked by name; then the object must hold no other key (any inherited or odd key makes
  // the counts differ, and ajv decides).
  const checkFacts = (fs: unknown): boolean => {
    if (fs === undefined) return required.length === 0
    if (!isObject(fs)) return false
    let present = 0
    for (let i = 0; i < names.length; i++) {
      const v = fs[names[i]!]
      if (v === undefined) {
        if (mandatory[i] || has.call(fs, names[i]!)) return false
        continue
      }
      if (!checks[i]!(v)) return false
      present++
    }
    for (const _ in fs) present--
    return present === 0
  }
  const checkRecords = (rs: unknown): boolean => {
    if (rs === undefined) return true
    if (!isObject(rs)) return false
    for (const k in rs) {
      if (!has.call(rs, k)) continue
      const rt = records.get(k)
      const rows = rs[k]
      if (rt === undefined || !Array.isArray(rows)) return false
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]
        if (!isObject(row)) return false
        for (const f in row) {
          if (!has.call(row, f)) continue
          const c = rt.fields.get(f)
          if (c === undefined || !c(row[f])) return false
        }
        for (let r = 0; r < rt.required.length; r++) if (!has.call(row, rt.required[r]!)) return false
      }
    }
    return true
  }
  return (s) => {
    if (!isObject(s)) return false
    for (const k in s) if (has.call(s, k) && k !== 'id' && k !== 'name' && k !== 'facts' && k !== 'records') return false
    const id = s.id
    if (typeof id !== 'string' || id.length === 0 || id.length > 200) return false
    if (s.name !== undefined && typeof s.name !== 'string') return false
    return checkFacts(s.facts) && checkRecords(s.records)
  }
}
