import { describe, expect, it } from 'vitest'
import { lintRubric } from '../../src/lint/lint-rubric'
import { Rubric } from '../../src/kinds/rubric'
import { validateRubric } from '../../src/validate/validate-rubric'
import { base, compileOk, scoreOf } from './helpers'

/**
 * A consequence the text does not state, kept as a switch off by default: 「無嚴重違紀違法問題」 scored as an item;
 * whether a violation also makes the unit ineligible is the user's call (parameter strictVeto, default false).
 */
const rubric = {
  ...base,
  total: 10,
  params: {
    strictVeto: { type: 'boolean', default: false, title: '違紀違法一票否決' },
    review: { type: 'enum', values: ['self', 'city', 'province'], default: 'city', title: '考評機關級別' },
  },
  facts: { noViolation: { type: 'boolean', title: '無嚴重違紀違法問題' }, score: { type: 'number', title: '得分', min: 0, max: 10 } },
  gates: [{ id: 'veto', title: '一票否決', when: { any: [{ param: 'strictVeto', is: false }, { fact: 'noViolation', is: true }] } }],
  items: [
    { kind: 'judged', id: 'work', title: '工作', max: 8, fact: 'score' },
    { kind: 'check', id: 'discipline', title: '無嚴重違紀違法問題', max: 1, fact: 'noViolation' },
    { kind: 'check', id: 'higher', title: '上級考評', max: 1, when: { param: 'review', in: ['city', 'province'] } },
  ],
}

describe('parameter conditions: yes/no and enum parameters as switches', () => {
  const ev = compileOk(rubric)
  it('off by default: a violation costs its point only', () => {
    const r = scoreOf(ev, { noViolation: false, score: 7 }, undefined, { trail: true })
    expect(r.total).toBe('8.00') // 7 + 0 + 1 (review city)
    expect(r.eligible).toBe(true)
    expect(r.gates[0]!.reason).toContain('parameter strictVeto = false, needs false ✓')
  })
  it('on by parameter: the same evidence is vetoed', () => {
    const r = scoreOf(ev, { noViolation: false, score: 7 }, undefined, { params: { strictVeto: true } })
    expect(r.eligible).toBe(false)
    expect(scoreOf(ev, { noViolation: true, score: 7 }, undefined, { params: { strictVeto: true } }).eligible).toBe(true)
  })
  it('an enum parameter: in / is', () => {
    expect(scoreOf(ev, { noViolation: true, score: 7 }, undefined, { params: { review: 'self' } }).total).toBe('8.00') // 7 + 1 + 0
    expect(scoreOf(ev, { noViolation: true, score: 7 }, undefined, { params: { review: 'province' } }).total).toBe('9.00')
  })
  it('misuse is reported', () => {
    const bad = (when: unknown) => validateRubric(Rubric.parse({ ...rubric, gates: [{ id: 'g', title: 'g', when }] })).diagnostics.map((d) => [d.code, d.message])
    expect(bad({ param: 'strictVto' })).toEqual([['UNKNOWN_PARAM', 'Unknown parameter "strictVto" in a parameter condition; declared parameters: strictVeto, review.']])
    expect(bad({ param: 'review', is: 'county' })).toEqual([['SCHEMA_INVALID_VALUE', 'Parameter "review" takes the values self, city, province; "county" is not one of them.']])
    expect(bad({ param: 'strictVeto', is: 'yes' })).toEqual([['SCHEMA_INVALID_VALUE', 'Parameter "strictVeto" is yes/no; write is: true or is: false.']])
  })
  it('a parameter used only in a condition is used', () => {
    expect(lintRubric(Rubric.parse(rubric)).map((d) => d.code)).not.toContain('UNUSED_PARAM')
  })
})

describe("a quota's distinct from a boolean parameter", () => {
  const quotaRubric = (distinct: unknown, type = 'boolean') => ({
    ...base,
    total: 0,
    params: { once: type === 'boolean' ? { type, default: false } : { type, default: 1 } },
    records: { adoptions: { title: '用稿', fields: { piece: { type: 'string' }, date: { type: 'date' } }, key: 'piece', date: 'date' } },
    quotas: [{ id: 'adoptions', title: '用稿不少于2篇', records: 'adoptions', atLeast: 2, distinct }],
    items: [],
  })
  const rows = [{ piece: 'A', date: '2017-03-01' }, { piece: 'A', date: '2017-05-01' }]
  it('false by default: both adoptions of piece A count (2 of 2); true: one piece (1 of 2, short 1)', () => {
    const ev = compileOk(quotaRubric({ param: 'once' }))
    expect(scoreOf(ev, {}, { adoptions: rows }).quotas![0]).toMatchObject({ count: 2, shortfall: 0 })
    expect(scoreOf(ev, {}, { adoptions: rows }, { params: { once: true } }).quotas![0]).toMatchObject({ count: 1, shortfall: 1 })
  })
  it('a parameter of another type is refused', () => {
    const d = validateRubric(Rubric.parse(quotaRubric({ param: 'once' }, 'integer'))).diagnostics.map((x) => x.message)
    expect(d).toContain('Quota "adoptions": distinct takes a boolean parameter; "once" is an integer parameter.')
  })
})

describe('a duration from an integer parameter', () => {
  // 「兩年內沒有發生檔案安全事故」 with the years as a parameter: incidents within { years: { param: cleanYears } }
  const rubric = (type = 'integer', def: unknown = 2) => ({
    ...base,
    total: 5,
    params: { cleanYears: { type, default: def, title: '無事故年限' } },
    records: { incidents: { title: '事故', fields: { date: { type: 'date' } }, date: 'date' } },
    items: [{ kind: 'check', id: 'clean', title: '無安全事故', max: 5, when: { count: 'incidents', within: { years: { param: 'cleanYears' } }, atMost: 0 } }],
  })
  const ev = compileOk(rubric())
  const incident = { incidents: [{ date: '2016-03-01' }] }
  it('2 years back from 2017-12-31: an incident on 2016-03-01 counts; with 1 year it does not', () => {
    expect(scoreOf(ev, {}, incident, { asOf: '2017-12-31' }).total).toBe('0.00')
    const r = scoreOf(ev, {}, incident, { asOf: '2017-12-31', params: { cleanYears: 1 }, trail: true })
    expect(r.total).toBe('5.00')
    expect(r.items[0]!.trail!.arithmetic).toContain('incidents in the 1y before the evaluation date: 0')
  })
  it('a parameter of another type, or out of range, is refused', () => {
    expect(validateRubric(Rubric.parse(rubric('number', 2))).diagnostics.map((d) => d.message)).toEqual(['years takes a whole number; parameter "cleanYears" is a number parameter.'])
    expect(validateRubric(Rubric.parse(rubric('integer', 101))).diagnostics.map((d) => d.message)).toEqual(['years from parameter "cleanYears" is 101; it must be 0 to 100.'])
  })
})
