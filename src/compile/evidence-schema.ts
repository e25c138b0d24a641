/**
 * The JSON Schema (draft-07) of a rubric's evidence: `evidenceSchema` for a whole cohort file (editors, plain ajv),
 * `subjectSchema` for one subject (self-contained, so it can be embedded under `definitions.subject`). It describes
 * the shape; kaoping itself checks evidence with the code compiled from the rubric (codegen.ts), which also checks
 * what JSON Schema cannot say (at most 6 decimal places, the range of a decimal string, record counts). A test holds
 * the two together: whatever the compiled check accepts, the schema accepts.
 */
import type { Item } from '../kinds'
import { dateString, decimalSchema, factValueSchema, fieldSchema, PERIOD_KEY_PATTERN, uniq } from '../kinds/facts'
import type { Fact, RecordType } from '../model/declarations'
import type { Rubric } from '../kinds/rubric'

type Schema = Record<string, unknown>

/** Facts the evidence must give: all but `required: false`, unless missing facts count as zero or come per period. */
export function requiredFacts(rubric: Pick<Rubric, 'missing' | 'rollup' | 'facts'>): string[] {
  if (rubric.missing === 'zero' || rubric.rollup) return []
  return Object.entries(rubric.facts ?? {})
    .filter(([, f]) => f.required !== false)
    .map(([name]) => name)
}

/** Every item id in the rubric tree, depth first, each once. */
export function itemIds(rubric: Pick<Rubric, 'items'>): string[] {
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

function factSchema(fact: Fact): Schema {
  const s: Schema = { title: fact.title }
  if (fact.note !== undefined) s.description = fact.note
  return { ...s, ...factValueSchema(fact) }
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
