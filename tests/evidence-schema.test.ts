import Ajv from 'ajv'
import { describe, expect, it } from 'vitest'
import type { Rubric } from '../src/kinds/rubric'
import { evidenceSchema, subjectSchema } from '../src/compile/evidence-schema'
import { evidenceChecker as compileEvidenceValidator } from './support/evidence'
import { evidenceSchema as publicEvidenceSchema, subjectSchema as publicSubjectSchema } from '../src/api/schemas'

const rubric: Rubric = {
  kaoping: 1,
  id: 'test-rubric',
  title: '測試考評',
  total: 20,
  facts: {
    done: { type: 'boolean', title: '已完成' },
    passRate: { type: 'rate', title: '合格率', note: 'Samples passing over samples checked.' },
    level: { type: 'enum', title: '級別', values: ['national', 'provincial'] },
    certified: { type: 'date', title: '認證日期' },
    staff: { type: 'integer', title: '人數', min: 0, max: 500 },
    budget: { type: 'number', title: '經費', min: '0', max: '1000.5' },
    optionalNote: { type: 'boolean', title: '可選', required: false },
    agencies: { type: 'score', title: '下屬機構', rubric: 'agency-2024', max: 100, many: true },
  },
  records: {
    articles: {
      title: '稿件',
      fields: {
        date: { type: 'date' },
        piece: { type: 'string' },
        level: { type: 'enum', values: ['national', 'provincial'] },
        words: { type: 'integer' },
        score: { type: 'number' },
      },
      key: 'piece',
      date: 'date',
    },
  },
  items: [
    { kind: 'check', id: 'a', title: 'A', max: 5, fact: 'done' },
    {
      kind: 'section',
      id: 'b',
      title: 'B',
      max: 15,
      items: [
        { kind: 'judged', id: 'b-one', title: 'B1', max: 10, fact: 'staff' },
        { kind: 'count', id: 'b-two', title: 'B2', max: 5, records: 'articles', points: 1 },
      ],
    },
  ],
}

function validSubject(): Record<string, unknown> {
  return {
    id: 'gulou',
    name: '鼓樓區',
    facts: {
      done: true,
      passRate: 0.875,
      level: 'national',
      certified: '2023-05-01',
      staff: 12,
      budget: '999.25',
      agencies: [88.5, '90'],
    },
    records: {
      articles: [{ date: '2024-03-01', piece: 'p1', level: 'provincial', words: 1200, score: '1.5' }],
    },
    notApplicable: ['b-two'],
    adjustments: [{ item: 'total', by: -1, reason: '遲報', approver: '張三', date: '2024-12-01' }],
    self: { facts: { passRate: '0.9' } },
  }
}

function withFacts(patch: Record<string, unknown>): Record<string, unknown> {
  const s = validSubject()
  return { ...s, facts: { ...(s.facts as object), ...patch } }
}

describe('evidence validator', () => {
  const validate = compileEvidenceValidator(rubric)

  it('accepts a valid subject', () => {
    expect(validate(validSubject(), 0)).toEqual([])
  })

  it('accepts a rate written as a decimal string', () => {
    expect(validate(withFacts({ passRate: '0.875' }), 0)).toEqual([])
    expect(validate(withFacts({ passRate: '1.000' }), 0)).toEqual([])
  })

  it('reports a rate above 1 as out of range', () => {
    const ds = validate(withFacts({ passRate: 1.2 }), 0)
    expect(ds).toHaveLength(1)
    expect(ds[0]).toMatchObject({ code: 'EVIDENCE_OUT_OF_RANGE', subject: 'gulou', path: ['subjects', 0, 'facts', 'passRate'], severity: 'error' })
    expect(ds[0]!.message).toBe('Subject "gulou": fact "passRate" = 1.2 is above the maximum 1 (a rate: write 87.5% as 0.875).')
  })

  it('reports a number fact beyond its max (given as a decimal string in the rubric)', () => {
    const ds = validate(withFacts({ budget: 2000 }), 3)
    expect(ds).toHaveLength(1)
    expect(ds[0]).toMatchObject({ code: 'EVIDENCE_OUT_OF_RANGE', path: ['subjects', 3, 'facts', 'budget'] })
    expect(ds[0]!.message).toContain('above the maximum 1000.5')
  })

  it('reports "90%" for a rate as exactly one invalid value', () => {
    const ds = validate(withFacts({ passRate: '90%' }), 0)
    expect(ds).toHaveLength(1)
    expect(ds[0]).toMatchObject({ code: 'EVIDENCE_INVALID', subject: 'gulou', path: ['subjects', 0, 'facts', 'passRate'] })
    expect(ds[0]!.message).toContain('a number from 0 to 1, or a decimal string')
    expect(ds[0]!.message).toContain('"90%"')
  })

  it('reports an unknown fact', () => {
    const ds = validate(withFacts({ foo: 1 }), 0)
    expect(ds).toHaveLength(1)
    expect(ds[0]).toMatchObject({ code: 'EVIDENCE_UNKNOWN_FIELD', subject: 'gulou', path: ['subjects', 0, 'facts', 'foo'] })
    expect(ds[0]!.message).toContain('unknown field "foo" in facts; expected one of: done, passRate, level')
  })

  it('reports a missing required fact, but not an optional one', () => {
    const s = validSubject()
    delete (s.facts as Record<string, unknown>).passRate
    const ds = validate(s, 1)
    expect(ds).toHaveLength(1)
    expect(ds[0]).toMatchObject({ code: 'EVIDENCE_MISSING', subject: 'gulou', path: ['subjects', 1, 'facts', 'passRate'] })
    expect(ds[0]!.message).toBe('Subject "gulou": fact "passRate" is missing.')
  })

  it('reports missing facts when the facts object is absent', () => {
    const ds = validate({ id: 'gulou' }, 0)
    expect(ds).toEqual([expect.objectContaining({ code: 'EVIDENCE_MISSING', path: ['subjects', 0, 'facts'] })])
  })

  it('reports a wrong enum value in a record with the path to the field', () => {
    const s = validSubject()
    ;(s.records as { articles: Record<string, unknown>[] }).articles.push({ date: '2024-04-01', piece: 'p2', level: 'county' })
    const ds = validate(s, 2)
    expect(ds).toHaveLength(1)
    expect(ds[0]).toMatchObject({ code: 'EVIDENCE_INVALID', subject: 'gulou', path: ['subjects', 2, 'records', 'articles', 1, 'level'] })
    expect(ds[0]!.message).toContain('must be one of: national, provincial')
  })

  it('requires the date and key fields of a record', () => {
    const s = validSubject()
    ;(s.records as { articles: Record<string, unknown>[] }).articles = [{ level: 'national' }]
    const ds = validate(s, 0)
    expect(ds).toHaveLength(2)
    expect(ds).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'EVIDENCE_MISSING', path: ['subjects', 0, 'records', 'articles', 0, 'date'] }),
        expect.objectContaining({ code: 'EVIDENCE_MISSING', path: ['subjects', 0, 'records', 'articles', 0, 'piece'] }),
      ]),
    )
  })

  it('uses #index for a subject without a string id', () => {
    const s = validSubject()
    delete s.id
    const ds = validate(s, 4)
    expect(ds).toEqual([expect.objectContaining({ code: 'EVIDENCE_MISSING', subject: '#4', path: ['subjects', 4, 'id'] })])
  })

  it('checks types, dates, integers, item ids and adjustments', () => {
    const s = withFacts({ done: 'yes', certified: '2023/05/01', staff: 1.5, level: 'county' })
    s.notApplicable = ['nope']
    s.adjustments = [{ item: 'a', to: 3, by: 1, reason: 'x', approver: 'y' }, { item: 'b', reason: 'x', approver: 'y' }]
    const ds = validate(s, 0)
    const at = (...p: (string | number)[]) => ds.filter((d) => JSON.stringify(d.path) === JSON.stringify(['subjects', 0, ...p]))
    expect(at('facts', 'done')).toEqual([expect.objectContaining({ code: 'EVIDENCE_INVALID', message: expect.stringContaining('true or false') })])
    expect(at('facts', 'certified')).toEqual([expect.objectContaining({ code: 'EVIDENCE_INVALID', message: expect.stringContaining('YYYY-MM-DD') })])
    expect(at('facts', 'staff')).toEqual([expect.objectContaining({ code: 'EVIDENCE_INVALID', message: expect.stringContaining('whole number') })])
    expect(at('facts', 'level')).toEqual([expect.objectContaining({ code: 'EVIDENCE_INVALID', message: expect.stringContaining('national, provincial') })])
    expect(at('notApplicable', 0)).toEqual([expect.objectContaining({ code: 'EVIDENCE_INVALID' })])
    expect(at('adjustments', 0)).toEqual([expect.objectContaining({ code: 'EVIDENCE_INVALID', message: expect.stringContaining('not both') })])
    expect(at('adjustments', 1)).toEqual([expect.objectContaining({ code: 'EVIDENCE_INVALID', message: expect.stringContaining('exactly one of "to"') })])
    expect(ds).toHaveLength(7)
  })

  it('checks self-assessment and period evidence', () => {
    const s = validSubject()
    s.self = { facts: { passRate: 2 } }
    s.periods = { '2024-Q5': {}, '2024-03': { facts: { bogus: 1 } } }
    const ds = compileEvidenceValidator({ ...rubric, period: { unit: 'month' }, rollup: [{ from: 'month', to: 'year', combine: 'mean' }] })(s, 0)
    expect(ds).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'EVIDENCE_OUT_OF_RANGE', path: ['subjects', 0, 'self', 'facts', 'passRate'] }),
        expect.objectContaining({ code: 'EVIDENCE_UNKNOWN_FIELD', path: ['subjects', 0, 'periods', '2024-Q5'] }),
        expect.objectContaining({ code: 'EVIDENCE_UNKNOWN_FIELD', path: ['subjects', 0, 'periods', '2024-03', 'facts', 'bogus'] }),
      ]),
    )
    expect(ds).toHaveLength(3)
  })

  it('unescapes JSON pointer segments in paths', () => {
    const ds = validate(withFacts({ 'a/b~c': 1 }), 0)
    expect(ds).toEqual([expect.objectContaining({ code: 'EVIDENCE_UNKNOWN_FIELD', path: ['subjects', 0, 'facts', 'a/b~c'] })])
  })

  it('does not require facts when the rubric scores missing evidence as zero', () => {
    const zero = compileEvidenceValidator({ ...rubric, missing: 'zero' })
    expect(zero({ id: 'gulou' }, 0)).toEqual([])
    expect(zero({ id: 'gulou', facts: { done: true } }, 0)).toEqual([])
  })

  it('does not require top-level facts when the rubric rolls periods up', () => {
    const rolled = compileEvidenceValidator({ ...rubric, period: { unit: 'quarter' }, rollup: [{ from: 'quarter', to: 'year', combine: 'mean' }] })
    expect(rolled({ id: 'gulou', periods: { '2024-Q1': { facts: { done: true } } } }, 0)).toEqual([])
  })
})

describe('evidence JSON Schema', () => {
  const AjvClass = ((Ajv as unknown as { default?: typeof Ajv }).default ?? Ajv) as typeof Ajv

  it('describes facts with titles, notes and ranges', () => {
    const s = subjectSchema(rubric) as { properties: { facts: { properties: Record<string, Record<string, unknown>>; required: string[] } } }
    expect(s.properties.facts.properties.passRate).toMatchObject({ title: '合格率', description: 'Samples passing over samples checked.' })
    expect(s.properties.facts.properties.budget).toMatchObject({ anyOf: [{ type: 'number', minimum: 0, maximum: 1000.5 }, { type: 'string' }] })
    expect(s.properties.facts.properties.agencies).toMatchObject({ type: 'array', minItems: 1 })
    expect(s.properties.facts.required).not.toContain('optionalNote')
    expect(s.properties.facts.required).toContain('passRate')
  })

  it('validates a cohort document with plain ajv', () => {
    const schema = evidenceSchema(rubric)
    expect(schema).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', title: expect.stringContaining('test-rubric') })
    const ajv = new AjvClass({ allErrors: true })
    const validate = ajv.compile(schema)
    const cohort = {
      rubric: 'test-rubric',
      asOf: '2024-12-31',
      period: { from: '2024-01-01', to: '2024-12-31' },
      params: { target: 0.9 },
      subjects: [{ ...validSubject(), periods: { '2024-Q1': { facts: { staff: 10 }, notApplicable: ['a'] } } }, { ...validSubject(), id: 'xuanwu', facts: { ...(validSubject().facts as object), agencies: [88.5, { id: 'x', facts: {} }] } }],
    }
    expect(validate(cohort), JSON.stringify(validate.errors)).toBe(true)

    expect(validate({ ...cohort, rubric: 'other' })).toBe(false)
    expect(validate({ ...cohort, subjects: [] })).toBe(false)
    expect(validate({ ...cohort, extra: 1 })).toBe(false)
    expect(validate({ ...cohort, subjects: [withFacts({ passRate: 1.2 })] })).toBe(false)
    expect(validate.errors?.some((e) => e.instancePath === '/subjects/0/facts/passRate')).toBe(true)
  })
})

describe('evidenceSchema and subjectSchema answer, never throw', () => {
  it('a hand-written rubric missing a part the model requires (a record type without fields) is refused with a diagnostic', () => {
    // looks validated (kaoping, id, items) but records.r has no fields: compileRubric refuses it, and so do these
    const raw = { kaoping: 1, id: 'x', title: 't', total: 10, facts: { f: { type: 'number', title: 'f' } }, records: { r: { title: 'r' } }, items: [{ kind: 'judged', id: 'a', title: 'a', max: 10, fact: 'f' }] }
    for (const build of [publicEvidenceSchema, publicSubjectSchema]) {
      const r = build(raw as never)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ code: 'OPTION_INVALID', message: expect.stringContaining('takes a rubric that passed validation') })
    }
  })
})
