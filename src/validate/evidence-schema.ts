/**
 * The JSON Schema of a rubric's evidence, and a validator built from it.
 *
 * `evidenceSchema` describes a whole cohort evidence file (for editors and
 * plain ajv); `subjectSchema` describes one subject's evidence. The schemas
 * are self-contained (no `$ref` inside `subjectSchema`), so the subject schema
 * can be embedded under `definitions.subject` and still be compiled alone.
 *
 * `compileEvidenceValidator` compiles the subject schema once and maps ajv's
 * errors to kaoping diagnostics: one diagnostic per failing value, with the
 * evidence path (`['subjects', 0, 'facts', 'passRate']`) and a message that
 * says what was expected in words.
 */
import Ajv from 'ajv'
import type { ErrorObject } from 'ajv'
import { compileFastEvidenceCheck } from './fast-evidence'
import { makeDiagnostic, type Code } from '../diagnostics/codes'
import type { Diagnostic } from '../diagnostics/diagnostic'
import type { Fact, Field, RecordType } from '../model/declarations'
import type { Item } from '../model/item'
import type { Rubric } from '../model/rubric'

type Schema = Record<string, unknown>

export { DATE_PATTERN, DECIMAL_PATTERN, PERIOD_KEY_PATTERN, RATE_STRING_PATTERN, requiredFacts } from './evidence-patterns'
import { DATE_PATTERN, DECIMAL_PATTERN, PERIOD_KEY_PATTERN, RATE_STRING_PATTERN, requiredFacts } from './evidence-patterns'

const RATE_HINT = 'a rate: write 87.5% as 0.875'
const BOOLEAN_HINT = 'write true or false without quotes (YAML 1.2 reads yes, no, on and off as text, never as true or false)'

/** Advice for a number written the way people write it, not the way kaoping reads it. */
function numberTextHint(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  if (/[\uff10-\uff19\uff0e\uff0d]/.test(value)) return 'it is written with full-width digits (９０); write ASCII digits (90)'
  if (/^\s|\s$/.test(value)) return 'it has spaces around it; write the value alone'
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(value)) return 'it has thousands separators; write 1234.5, not 1,234.5'
  if (/%\s*$/.test(value)) return 'it is a percentage; write 87.5% as 0.875'
  return undefined
}

/** The values of an enum, each once (JSON Schema refuses an enum that lists a value twice; a rubric may). */
const uniq = (values: readonly unknown[]): unknown[] => [...new Set(values)]

const decimalString = (): Schema => ({ type: 'string', pattern: DECIMAL_PATTERN })
const dateString = (): Schema => ({ type: 'string', pattern: DATE_PATTERN })
const decimalSchema = (): Schema => ({ anyOf: [{ type: 'number' }, decimalString()] })

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

/** Every item id in the rubric tree, depth first. */
export function itemIds(rubric: Rubric): string[] {
  const ids: string[] = []
  const walk = (items: readonly Item[]): void => {
    for (const it of items) {
      ids.push(it.id)
      if (it.kind === 'section') walk(it.items)
    }
  }
  walk(rubric.items)
  return [...new Set(ids)]
}

function factValueSchema(fact: Fact): Schema {
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
      const one: Schema = { anyOf: [{ type: 'number' }, decimalString(), { type: 'object', description: `The evidence of one subject of rubric "${fact.rubric}".` }] }
      return fact.many ? { type: 'array', minItems: 1, items: one } : one
    }
  }
}

function factSchema(fact: Fact): Schema {
  const s: Schema = { title: fact.title }
  if (fact.note !== undefined) s.description = fact.note
  return { ...s, ...factValueSchema(fact) }
}

function fieldSchema(field: Field): Schema {
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

function rowSchema(rt: RecordType): Schema {
  const properties: Record<string, Schema> = {}
  for (const [name, field] of Object.entries(rt.fields)) properties[name] = fieldSchema(field)
  const required = [...new Set([rt.date, rt.key].filter((f): f is string => f !== undefined))]
  const s: Schema = { type: 'object', properties, additionalProperties: false }
  if (required.length) s.required = required
  return s
}

/** Facts that each subject's evidence must give (the evaluator's missing policy, see evaluate/read.ts). */

function factsSchema(rubric: Rubric, required: readonly string[]): Schema {
  const properties: Record<string, Schema> = {}
  for (const [name, fact] of Object.entries(rubric.facts ?? {})) properties[name] = factSchema(fact)
  const s: Schema = { type: 'object', description: 'Facts about the subject, by fact name.', properties, additionalProperties: false }
  if (required.length) s.required = [...required]
  return s
}

function recordsSchema(rubric: Rubric): Schema {
  const properties: Record<string, Schema> = {}
  for (const [name, rt] of Object.entries(rubric.records ?? {})) {
    const s: Schema = { title: rt.title, type: 'array', items: rowSchema(rt) }
    if (rt.note !== undefined) s.description = rt.note
    properties[name] = s
  }
  return { type: 'object', description: 'Record lists, by record name.', properties, additionalProperties: false }
}

function notApplicableSchema(ids: readonly string[]): Schema {
  // With no items, the list can only be empty (an empty enum is not valid JSON Schema).
  return { type: 'array', description: 'Items marked not applicable (不適用) for this subject.', ...(ids.length ? { items: { enum: uniq(ids) } } : { maxItems: 0 }) }
}

/** The JSON Schema of one subject's evidence (draft-07, self-contained). */
export function subjectSchema(rubric: Rubric): Record<string, unknown> {
  const ids = itemIds(rubric)
  const required = requiredFacts(rubric)
  const adjustment: Schema = {
    type: 'object',
    description: 'A manual adjustment: set an item (or the total) to a score, or change it by an amount.',
    properties: {
      item: { enum: uniq([...ids, 'total']) },
      to: { ...decimalSchema(), description: 'The adjusted score.' },
      by: { ...decimalSchema(), description: 'The change (negative to deduct).' },
      reason: { type: 'string', minLength: 1 },
      approver: { type: 'string', minLength: 1 },
      date: dateString(),
    },
    required: ['item', 'reason', 'approver'],
    oneOf: [{ required: ['to'] }, { required: ['by'] }],
    additionalProperties: false,
  }
  const schema: Schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `Evidence of one subject for rubric ${rubric.id} (${rubric.title})`,
    type: 'object',
    properties: {
      id: { type: 'string', minLength: 1, maxLength: 200, description: 'The subject id.' },
      name: { type: 'string', description: 'The subject name.' },
      facts: factsSchema(rubric, required),
      records: recordsSchema(rubric),
      notApplicable: notApplicableSchema(ids),
      adjustments: { type: 'array', items: adjustment },
      self: {
        type: 'object',
        description: "The subject's self-assessment (自評).",
        properties: { facts: factsSchema(rubric, []), records: recordsSchema(rubric) },
        additionalProperties: false,
      },
      periods: {
        type: 'object',
        description: 'Evidence per period (2024, 2024-03, 2024-Q1, 2024-H1).',
        patternProperties: {
          [PERIOD_KEY_PATTERN]: {
            type: 'object',
            properties: { facts: factsSchema(rubric, []), records: recordsSchema(rubric), notApplicable: notApplicableSchema(ids) },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    },
    required: required.length ? ['id', 'facts'] : ['id'],
    additionalProperties: false,
  }
  return schema
}

/** The JSON Schema of a cohort evidence file for the rubric (draft-07). */
export function evidenceSchema(rubric: Rubric): Record<string, unknown> {
  const { $schema: _s, title: _t, ...subject } = subjectSchema(rubric)
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `Evidence for rubric ${rubric.id} (${rubric.title})`,
    type: 'object',
    properties: {
      rubric: { type: 'string', const: rubric.id, description: 'The id of the rubric this evidence is for.' },
      asOf: { ...dateString(), description: 'The evaluation date.' },
      period: {
        type: 'object',
        properties: { from: dateString(), to: dateString() },
        required: ['from', 'to'],
        additionalProperties: false,
      },
      params: { type: 'object', description: 'Parameter overrides, by parameter name.' },
      subjects: { type: 'array', minItems: 1, items: { $ref: '#/definitions/subject' } },
    },
    required: ['subjects'],
    additionalProperties: false,
    definitions: { subject: { title: `Evidence of one subject for rubric ${rubric.id}`, ...subject } },
  }
}

// --- validation ---------------------------------------------------------------

type Seg = string | number

/** JSON pointer → segments, unescaping ~1 and ~0; all-digit segments become numbers. */
function pointerSegments(pointer: string): Seg[] {
  if (pointer === '' || pointer === '#') return []
  return pointer
    .replace(/^#/, '')
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s))
}

function schemaAt(root: Schema, schemaPath: string): unknown {
  let cur: unknown = root
  for (const seg of pointerSegments(schemaPath)) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[String(seg)]
  }
  return cur
}

function valueAt(data: unknown, segs: readonly Seg[]): unknown {
  let cur = data
  for (const s of segs) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[String(s)]
  }
  return cur
}

function show(v: unknown): string {
  let s: string
  if (v === undefined) s = 'nothing'
  else if (typeof v === 'string') s = JSON.stringify(v)
  else if (Array.isArray(v)) s = 'a list'
  else if (v !== null && typeof v === 'object') s = 'a mapping'
  else s = String(v)
  return s.length > 60 ? s.slice(0, 57) + '…' : s
}

function dotted(segs: readonly Seg[]): string {
  let s = ''
  for (const x of segs) s += typeof x === 'number' ? `[${x}]` : (s ? '.' : '') + x
  return s
}

function listWords(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')
}

function rangeWords(min: number | string | undefined, max: number | string | undefined): string {
  const lo = bound(min)
  const hi = bound(max)
  if (lo !== undefined && hi !== undefined) return ` from ${lo} to ${hi}`
  if (lo !== undefined) return ` of at least ${lo}`
  if (hi !== undefined) return ` of at most ${hi}`
  return ''
}

function factWords(fact: Fact, element = false): string {
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

function fieldWords(field: Field): string {
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

const TYPE_WORDS: Record<string, string> = {
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  object: 'a mapping (object)',
  array: 'a list',
  null: 'null',
}

/** What a position in one subject's evidence is, for messages. */
interface Where {
  /** How to name the value in a message: `fact "passRate"`, `field "kind" of record articles[0]`. */
  label: string
  /** The expected value in words, when known from the rubric. */
  expected?: string
  /** Extra advice appended to a message. */
  hint?: string
}

function describeAt(rubric: Rubric, segs: readonly Seg[]): Where {
  // The facts / records containers: top level, self, or one period.
  let i = 0
  let scope = ''
  if (segs[0] === 'self') {
    i = 1
    scope = ' (self-assessment)'
  } else if (segs[0] === 'periods' && segs.length >= 2) {
    i = 2
    scope = ` in period ${String(segs[1])}`
  }
  const [kind, name, idx, field] = [segs[i], segs[i + 1], segs[i + 2], segs[i + 3]]
  if (kind === 'facts' && typeof name === 'string') {
    const fact = Object.prototype.hasOwnProperty.call(rubric.facts ?? {}, name) ? rubric.facts?.[name] : undefined
    const element = typeof idx === 'number'
    const label = `fact "${name}"${element ? `[${idx}]` : ''}${scope}`
    if (!fact || segs.length > i + (element ? 3 : 2)) return { label: `${dotted(segs)}` }
    return { label, expected: factWords(fact, element), hint: fact.type === 'rate' ? RATE_HINT : fact.type === 'boolean' ? BOOLEAN_HINT : undefined }
  }
  if (kind === 'records' && typeof name === 'string') {
    const rt = Object.prototype.hasOwnProperty.call(rubric.records ?? {}, name) ? rubric.records?.[name] : undefined
    if (typeof idx === 'number' && typeof field === 'string' && segs.length === i + 4) {
      const f = rt && Object.prototype.hasOwnProperty.call(rt.fields, field) ? rt.fields[field] : undefined
      return { label: `field "${field}" of record ${name}[${idx}]${scope}`, expected: f ? fieldWords(f) : undefined }
    }
    if (typeof idx === 'number' && segs.length === i + 3) return { label: `record ${name}[${idx}]${scope}`, expected: 'a mapping of fields' }
    if (segs.length === i + 2) return { label: `record list "${name}"${scope}`, expected: 'a list of records' }
  }
  if (kind === 'notApplicable' && typeof name === 'number' && segs.length === i + 2) {
    return { label: `notApplicable[${name}]${scope}`, expected: `an item id (${listWords(itemIds(rubric))})` }
  }
  if (segs[0] === 'adjustments' && typeof segs[1] === 'number') {
    if (segs.length === 2) return { label: `adjustments[${segs[1]}]`, expected: 'a mapping with item, to or by, reason and approver' }
    const key = segs[2]
    if (segs.length === 3) {
      if (key === 'to' || key === 'by') return { label: `adjustments[${segs[1]}].${key}`, expected: 'a number or a decimal string' }
      if (key === 'date') return { label: `adjustments[${segs[1]}].date`, expected: 'a date written YYYY-MM-DD' }
      if (key === 'item') return { label: `adjustments[${segs[1]}].item`, expected: `an item id or "total"` }
    }
  }
  if (segs.length === 0) return { label: 'the evidence' }
  return { label: dotted(segs) }
}

/** The position named in "in …" for unknown-field and missing-key messages. */
function containerWords(segs: readonly Seg[]): string {
  return segs.length === 0 ? 'at the top level' : `in ${dotted(segs)}`
}

const RANGE_KEYWORDS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'])

/**
 * Compile a validator for one subject's evidence. Ajv compiles the subject
 * schema once; the returned function validates a subject and returns its
 * diagnostics (empty when the evidence is well-formed).
 */
export function compileEvidenceValidator(rubric: Rubric): (subject: unknown, index: number) => Diagnostic[] {
  const AjvClass = ((Ajv as unknown as { default?: typeof Ajv }).default ?? Ajv) as typeof Ajv
  const schema = subjectSchema(rubric)
  // ajv compiles the schema the first time it is needed (tens of milliseconds): valid evidence of the common shape
  // is confirmed by a check compiled from the rubric (many times faster than ajv, and never more lenient); everything
  // else gets ajv's verdict, with every error collected.
  let compiled: ReturnType<Ajv['compile']> | undefined
  let broken: string | undefined
  const validate = (subject: unknown): boolean => {
    if (compiled === undefined && broken === undefined) {
      try {
        compiled = new AjvClass({ allErrors: true, strict: false }).compile(schema)
      } catch (e) {
        broken = e instanceof Error ? e.message : String(e)
      }
    }
    return compiled !== undefined && (compiled(subject) as boolean)
  }
  const fast = compileFastEvidenceCheck(rubric)
  const required = requiredFacts(rubric)

  return (subject, index) => {
    if (fast(subject) || validate(subject)) return []
    if (broken !== undefined)
      return [makeDiagnostic('SCHEMA_INVALID_VALUE', `The evidence schema of rubric ${rubric.id} cannot be compiled (${broken.slice(0, 200)}); no evidence can be checked against it.`, { path: ['subjects', index] })]
    const errors: ErrorObject[] = compiled?.errors ?? []
    const id = subject !== null && typeof subject === 'object' ? (subject as Record<string, unknown>).id : undefined
    const who = typeof id === 'string' ? `Subject "${id}"` : `Subject #${index}`
    const subjectId = typeof id === 'string' ? id : `#${index}`
    const out: Diagnostic[] = []
    const seen = new Set<string>()
    const emit = (code: Code, message: string, segs: readonly Seg[]): void => {
      const key = `${code}\u0000${JSON.stringify(segs)}\u0000${message}`
      if (seen.has(key)) return
      seen.add(key)
      out.push(makeDiagnostic(code, message, { subject: subjectId, path: ['subjects', index, ...segs] }))
    }

    // Unions (anyOf / oneOf) that failed: their branch errors are noise; report the union once.
    const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    const underUnion = (e: ErrorObject): ErrorObject | undefined =>
      unions.find((u) => u !== e && e.schemaPath.startsWith(u.schemaPath + '/'))

    for (const e of errors) {
      if (underUnion(e)) continue
      const segs = pointerSegments(e.instancePath)
      const value = valueAt(subject, segs)
      const at = describeAt(rubric, segs)

      switch (e.keyword) {
        case 'required': {
          const missing = String((e.params as { missingProperty?: string }).missingProperty)
          if (segs.length === 0 && missing === 'facts' && required.length) {
            emit('EVIDENCE_MISSING', `${who}: "facts" is missing; the rubric requires the facts ${listWords(required)}.`, ['facts'])
          } else if (segs.length === 1 && segs[0] === 'facts') {
            emit('EVIDENCE_MISSING', `${who}: fact "${missing}" is missing.`, [...segs, missing])
          } else if (segs.length === 0) {
            emit('EVIDENCE_MISSING', `${who}: "${missing}" is missing.`, [missing])
          } else {
            emit('EVIDENCE_MISSING', `${who}: ${at.label} has no "${missing}".`, [...segs, missing])
          }
          break
        }
        case 'additionalProperties': {
          const extra = String((e.params as { additionalProperty?: string }).additionalProperty)
          const parent = schemaAt(schema, e.schemaPath.replace(/\/additionalProperties$/, '')) as Schema | undefined
          const known = Object.keys((parent?.properties as Schema | undefined) ?? {})
          let expected: string
          if (parent?.patternProperties) expected = 'a period key such as 2024, 2024-03, 2024-Q1 or 2024-H1'
          else if (known.length) expected = `one of: ${known.join(', ')}`
          else expected = 'nothing here (the rubric declares none)'
          emit('EVIDENCE_UNKNOWN_FIELD', `${who} has an unknown field "${extra}" ${containerWords(segs)}; expected ${expected}.`, [...segs, extra])
          break
        }
        case 'minimum':
        case 'maximum':
        case 'exclusiveMinimum':
        case 'exclusiveMaximum':
          emit('EVIDENCE_OUT_OF_RANGE', rangeMessage(who, at, value, e), segs)
          break
        case 'anyOf':
        case 'oneOf': {
          // A branch of the right type failing only on its range is a range error, not a type error.
          const branches = new Map<string, ErrorObject[]>()
          for (const b of errors) {
            if (!b.schemaPath.startsWith(e.schemaPath + '/')) continue
            const branch = b.schemaPath.slice(e.schemaPath.length + 1).split('/')[0] ?? ''
            branches.set(branch, [...(branches.get(branch) ?? []), b])
          }
          const range = [...branches.values()].find((bs) => bs.length > 0 && bs.every((b) => RANGE_KEYWORDS.has(b.keyword)))
          if (range) {
            for (const r of range) emit('EVIDENCE_OUT_OF_RANGE', rangeMessage(who, at, value, r), segs)
            break
          }
          if (segs.length === 2 && segs[0] === 'adjustments') {
            const both = Array.isArray((e.params as { passingSchemas?: unknown }).passingSchemas)
            emit('EVIDENCE_INVALID', `${who}: ${at.label} must give exactly one of "to" (the adjusted score) or "by" (the change)${both ? ', not both' : ''}.`, segs)
            break
          }
          emit('EVIDENCE_INVALID', invalidMessage(who, at, value, at.expected ?? 'a value of the allowed kind'), segs)
          break
        }
        case 'type': {
          const t = String((e.params as { type?: string }).type)
          const words = at.expected ?? t.split(',').map((x) => TYPE_WORDS[x] ?? x).join(' or ')
          emit('EVIDENCE_INVALID', invalidMessage(who, at, value, words), segs)
          break
        }
        case 'enum': {
          const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues ?? []
          emit('EVIDENCE_INVALID', invalidMessage(who, at, value, `one of: ${listWords(allowed)}`), segs)
          break
        }
        case 'const':
          emit('EVIDENCE_INVALID', invalidMessage(who, at, value, JSON.stringify((e.params as { allowedValue?: unknown }).allowedValue)), segs)
          break
        case 'pattern': {
          const pattern = String((e.params as { pattern?: string }).pattern)
          const words = at.expected ?? (pattern === DATE_PATTERN ? 'a date written YYYY-MM-DD' : `text matching ${pattern}`)
          emit('EVIDENCE_INVALID', invalidMessage(who, at, value, words), segs)
          break
        }
        case 'minItems':
          emit('EVIDENCE_INVALID', `${who}: ${at.label} must list at least ${String((e.params as { limit?: number }).limit)} entr${(e.params as { limit?: number }).limit === 1 ? 'y' : 'ies'}.`, segs)
          break
        case 'minLength':
          emit('EVIDENCE_INVALID', `${who}: ${at.label} must not be empty.`, segs)
          break
        case 'maxLength':
          emit('EVIDENCE_INVALID', `${who}: ${at.label} must be at most ${String((e.params as { limit?: number }).limit)} characters long.`, segs)
          break
        default:
          emit('EVIDENCE_INVALID', `${who}: ${at.label} ${e.message ?? 'is invalid'}.`, segs)
      }
    }
    return out
  }
}

function rangeMessage(who: string, at: Where, value: unknown, e: ErrorObject): string {
  const limit = (e.params as { limit?: number }).limit
  const words: Record<string, string> = {
    minimum: 'below the minimum',
    maximum: 'above the maximum',
    exclusiveMinimum: 'not above',
    exclusiveMaximum: 'not below',
  }
  return `${who}: ${at.label} = ${show(value)} is ${words[e.keyword] ?? e.keyword} ${String(limit)}${at.hint ? ` (${at.hint})` : ''}.`
}

function invalidMessage(who: string, at: Where, value: unknown, expected: string): string {
  const hint = numberTextHint(value) ?? at.hint
  return `${who}: ${at.label} must be ${expected} (got ${show(value)})${hint ? `; ${hint}` : ''}.`
}
