/**
 * The fact types (boolean, rate, number, integer, date, enum, score) and record field types: for each, the JSON
 * Schema of its evidence, its words in messages, and the code that reads a value of it. Evidence numbers are read
 * the same way everywhere — facts, record fields, parameter overrides: a number or a decimal string, at most 6
 * decimal places, within about ±9,007,199,254.74 and the declared range.
 */
import type { Fact, Field } from '../model/declarations'
import { listWords } from './kit/words'

type Schema = Record<string, unknown>

/** Patterns of evidence text. */
export const DECIMAL_PATTERN = '^-?\\d+(\\.\\d+)?$'
export const RATE_STRING_PATTERN = '^(0(\\.\\d+)?|1(\\.0+)?)$'
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$'
export const PERIOD_KEY_PATTERN = '^\\d{4}(-\\d{2}|-Q[1-4]|-H[12])?$'

export const RATE_HINT = 'a rate: write 87.5% as 0.875'
export const BOOLEAN_HINT = 'write true or false without quotes (YAML 1.2 reads yes, no, on and off as text, never as true or false)'

/** The values of an enum, each once (JSON Schema refuses an enum that lists a value twice; a rubric may). */
export const uniq = (values: readonly unknown[]): unknown[] => [...new Set(values)]

const decimalString = (): Schema => ({ type: 'string', pattern: DECIMAL_PATTERN })
export const dateString = (): Schema => ({ type: 'string', pattern: DATE_PATTERN })
export const decimalSchema = (): Schema => ({ anyOf: [{ type: 'number' }, decimalString()] })

/** A decimal bound from the rubric (number or decimal string) as a JSON number. */
function bound(v: number | string | undefined): number | undefined {
  if (v === undefined) return undefined
  const n = Number(v)
  return Number.isFinite(n) ? n : undefined
}

function withRange(base: Schema, min: number | string | undefined, max: number | string | undefined): Schema {
  const lo = bound(min)
  const hi = bound(max)
  if (lo !== undefined) base.minimum = lo
  if (hi !== undefined) base.maximum = hi
  return base
}

function rangeWords(min: number | string | undefined, max: number | string | undefined): string {
  const lo = bound(min)
  const hi = bound(max)
  if (lo !== undefined && hi !== undefined) return ` from ${lo} to ${hi}`
  if (lo !== undefined) return ` of at least ${lo}`
  if (hi !== undefined) return ` of at most ${hi}`
  return ''
}

export { listWords }

/** The JSON Schema of a fact's value in the evidence (draft-07). */
export function factValueSchema(fact: Fact): Schema {
  switch (fact.type) {
    case 'boolean':
      return { type: 'boolean' }
    case 'rate':
      return { anyOf: [{ type: 'number', minimum: 0, maximum: 1 }, { type: 'string', pattern: RATE_STRING_PATTERN }] }
    case 'number':
      return { anyOf: [withRange({ type: 'number' }, fact.min, fact.max), decimalString()] }
    case 'integer':
      return withRange({ type: 'integer' }, fact.min, fact.max)
    case 'date':
      return dateString()
    case 'enum':
      return { enum: uniq(fact.values) }
    case 'score': {
      const one: Schema = { anyOf: [{ type: 'number', minimum: 0, maximum: bound(fact.max) }, decimalString(), { type: 'object', description: `The evidence of one subject of rubric "${fact.rubric}".` }] }
      return fact.many ? { type: 'array', minItems: 1, items: one } : one
    }
  }
}

/** What a fact's value must be, in words. */
export function factWords(fact: Fact, element = false): string {
  switch (fact.type) {
    case 'boolean':
      return 'true or false'
    case 'rate':
      return 'a number from 0 to 1, or a decimal string'
    case 'number':
      return `a number${rangeWords(fact.min, fact.max)}, or a decimal string`
    case 'integer':
      return `a whole number${rangeWords(fact.min, fact.max)}`
    case 'date':
      return 'a date written YYYY-MM-DD'
    case 'enum':
      return `one of: ${listWords(fact.values)}`
    case 'score': {
      const one = `a number, a decimal string, or the evidence of a subject of rubric "${fact.rubric}"`
      return fact.many && !element ? `a non-empty list of results (each ${one})` : one
    }
  }
}

export const factHint = (fact: Fact): string | undefined => (fact.type === 'rate' ? RATE_HINT : fact.type === 'boolean' ? BOOLEAN_HINT : undefined)

/** The JSON Schema of a record field's value. */
export function fieldSchema(field: Field): Schema {
  let s: Schema
  switch (field.type) {
    case 'string':
      s = { type: 'string' }
      break
    case 'date':
      s = dateString()
      break
    case 'number':
      s = decimalSchema()
      break
    case 'integer':
      s = { type: 'integer' }
      break
    case 'boolean':
      s = { type: 'boolean' }
      break
    case 'enum':
      s = { enum: uniq(field.values) }
      break
  }
  return field.title !== undefined ? { title: field.title, ...s } : s
}

export function fieldWords(field: Field): string {
  switch (field.type) {
    case 'string':
      return 'text'
    case 'date':
      return 'a date written YYYY-MM-DD'
    case 'number':
      return 'a number or a decimal string'
    case 'integer':
      return 'a whole number'
    case 'boolean':
      return 'true or false'
    case 'enum':
      return `one of: ${listWords(field.values)}`
  }
}

/** Advice for a number written the way people write it, not the way kaoping reads it. */
export function numberTextHint(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  if (/[\uff10-\uff19\uff0e\uff0d]/.test(value)) return 'it is written with full-width digits (９０); write ASCII digits (90)'
  if (/^\s|\s$/.test(value)) return 'it has spaces around it; write the value alone'
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(value)) return 'it has thousands separators; write 1234.5, not 1,234.5'
  if (/%\s*$/.test(value)) return 'it is a percentage; write 87.5% as 0.875'
  return undefined
}
