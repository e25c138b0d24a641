// Gates that bar only some grades (a veto on 先進), and counting distinct pieces in quotas and count conditions.
import { describe, expect, it } from 'vitest'
import { loadRubricData } from '../../src/index'
import { base, cohortOk, compileOk, scoreOf } from './helpers'

const vetoRubric = {
  ...base,
  total: 100,
  facts: { score: { type: 'number', title: '得分' }, violation: { type: 'boolean', title: '嚴重違紀違法' } },
  items: [{ kind: 'judged', id: 'work', title: '工作', max: 100, fact: 'score' }],
  gates: [{ id: 'no-violation', title: '無嚴重違紀違法問題', when: { fact: 'violation', is: false }, bars: ['先進'] }],
  grades: {
    order: ['先進', '合格', '不合格'],
    thresholds: [
      { grade: '先進', min: 90 },
      { grade: '合格', min: 60 },
      { grade: '不合格' },
    ],
  },
}

describe('gate bars', () => {
  const ev = compileOk(vetoRubric)
  it('a subject failing a barring gate stays eligible and falls to the next grade', () => {
    // 95 ≥ 90 would be 先進, but the violation bars 先進 → the next threshold that holds: 95 ≥ 60 → 合格
    const r = scoreOf(ev, { score: 95, violation: true })
    expect(r).toMatchObject({ eligible: true, grade: '合格', barred: ['先進'] })
    expect(r.gates[0]).toMatchObject({ id: 'no-violation', passed: false, bars: ['先進'] })
  })
  it('without the violation the same score is 先進', () => {
    expect(scoreOf(ev, { score: 95, violation: false })).toMatchObject({ eligible: true, grade: '先進' })
  })
  it('a barred grade is not given by a ranked quota either', () => {
    const quota = compileOk({ ...vetoRubric, grades: { ...vetoRubric.grades, quotas: [{ grade: '先進', count: 1 }], thresholds: vetoRubric.grades.thresholds.slice(1) } })
    const c = cohortOk(quota, [
      { id: 'a', facts: { score: 99, violation: true } },
      { id: 'b', facts: { score: 90, violation: false } },
    ])
    // a ranks first (99) but is barred from 先進; the one place goes to b (90); a: 99 ≥ 60 → 合格
    expect(c.subjects.map((s) => [s.subject.id, s.rank, s.grade])).toEqual([
      ['a', 1, '合格'],
      ['b', 2, '先進'],
    ])
  })
  it('bars must name declared grades', () => {
    const r = loadRubricData({ ...vetoRubric, gates: [{ ...vetoRubric.gates[0], bars: ['優秀'] }] })
    expect(r.ok).toBe(false)
    expect(r.diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'UNKNOWN_GRADE', path: ['gates', 0, 'bars', 0] })]))
  })
})

describe('distinct counting', () => {
  const rubric = {
    ...base,
    total: 0,
    items: [],
    facts: {},
    records: {
      adoptions: { title: '用稿', key: 'piece', date: 'date', fields: { piece: { type: 'string' }, level: { type: 'enum', values: ['city', 'province'] }, date: { type: 'date' } } },
    },
    quotas: [
      { id: 'all', title: '用稿(每次)', records: 'adoptions', atLeast: 3 },
      { id: 'pieces', title: '用稿(每篇)', records: 'adoptions', atLeast: 3, distinct: true },
    ],
    gates: [{ id: 'three-pieces', title: '至少3篇', when: { count: 'adoptions', distinct: true, atLeast: 3 } }],
  }
  const ev = compileOk(rubric)
  const rows = [
    { piece: 'A', level: 'city', date: '2017-03-01' },
    { piece: 'A', level: 'province', date: '2017-03-05' },
    { piece: 'B', level: 'city', date: '2017-04-01' },
  ]
  it('a piece adopted twice counts twice per adoption, once per piece', () => {
    // 3 adoption records → quota "all" met; 2 distinct pieces (A, B) → "pieces" short 1; the gate needs 3 pieces → fails
    const r = scoreOf(ev, {}, { adoptions: rows })
    expect(r.quotas).toMatchObject([
      { id: 'all', count: 3, shortfall: 0 },
      { id: 'pieces', count: 2, shortfall: 1 },
    ])
    expect(r.eligible).toBe(false)
  })
  it('distinct needs the record type\'s key', () => {
    const { key: _k, ...noKey } = rubric.records.adoptions
    const r = loadRubricData({ ...rubric, records: { adoptions: noKey } })
    expect(r.ok).toBe(false)
    expect(r.diagnostics.map((d) => d.path?.join('.'))).toEqual(expect.arrayContaining(['quotas.1.distinct', 'gates.0.when.distinct']))
  })
})

describe('not applicable sections and advisory gates', () => {
  const rubric = {
    ...base,
    total: 20,
    facts: { a: { type: 'number', title: 'A' }, b: { type: 'number', title: 'B', required: false }, reported: { type: 'boolean', title: '已報送' } },
    items: [
      { kind: 'judged', id: 'a', title: 'A', max: 10, fact: 'a' },
      { kind: 'section', id: 'sheet', title: '考評表', max: 10, items: [{ kind: 'judged', id: 'b', title: 'B', max: 10, fact: 'b' }] },
    ],
    gates: [{ id: 'report', title: '匯總報送', when: { fact: 'reported', is: true }, bars: [] }],
  }
  const ev = compileOk(rubric)
  it('an N/A section is not read: its items are N/A too, no missing-fact warning', () => {
    // sheet 不適用 (rescale): total = a × 20 / 10 = 7 × 2 = 14; b is never read, so no EVIDENCE_MISSING_ZEROED
    const r = ev.evaluate({ id: 's', facts: { a: 7, reported: true }, notApplicable: ['sheet'] })
    expect(r.ok && r.value.total).toBe('14.00')
    expect(r.ok && r.value.warnings.map((w) => w.code)).toEqual([])
    expect(r.ok && r.value.items[1]!.items![0]).toMatchObject({ id: 'b', notApplicable: 'rescale', score: '0' })
  })
  it('an advisory gate (bars: []) is reported but changes nothing', () => {
    const r = ev.evaluate({ id: 's', facts: { a: 7, b: 3, reported: false } })
    expect(r.ok && r.value).toMatchObject({ eligible: true, total: '10.00', gates: [{ id: 'report', passed: false, bars: [] }] })
  })
})

describe('dates measured at a date fact instead of the evaluation date', () => {
  const rubric = {
    ...base,
    total: 0,
    items: [],
    facts: { appliedOn: { type: 'date', title: '申報日期' }, certifiedOn: { type: 'date', title: '發證日期' } },
    records: { incidents: { title: '檔案安全事故', date: 'date', fields: { date: { type: 'date' } } } },
    gates: [
      { id: 'no-incident', title: '兩年內無事故', when: { count: 'incidents', within: { years: 2 }, before: 'appliedOn', atMost: 0 } },
      { id: 'held', title: '取得證書一年后', when: { date: 'certifiedOn', heldFor: { years: 1 }, at: 'appliedOn' } },
    ],
  }
  const ev = compileOk(rubric)
  const gates = (facts: Record<string, unknown>, incidents: unknown[]) => {
    const r = ev.evaluate({ id: 's', facts, records: { incidents } }, { asOf: '2013-12-31' })
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics))
    return r.value.gates.map((g) => g.passed)
  }
  it('counts back two years from the application, not from asOf', () => {
    // applied 2011-03-01: the window is (2009-03-01, 2011-03-01]; an incident 2009-06-01 is inside → fails
    expect(gates({ appliedOn: '2011-03-01', certifiedOn: '2010-01-01' }, [{ date: '2009-06-01' }])[0]).toBe(false)
    // an incident on 2009-03-01 is exactly two years before → outside the window → passes
    expect(gates({ appliedOn: '2011-03-01', certifiedOn: '2010-01-01' }, [{ date: '2009-03-01' }])[0]).toBe(true)
    // an incident after the application (2011-06-01) does not count for it → passes
    expect(gates({ appliedOn: '2011-03-01', certifiedOn: '2010-01-01' }, [{ date: '2011-06-01' }])[0]).toBe(true)
  })
  it('held a year at the application date', () => {
    // certified 2010-03-02, applied 2011-03-01: 2010-03-02 + 1 year = 2011-03-02 > 2011-03-01 → not yet held a year
    expect(gates({ appliedOn: '2011-03-01', certifiedOn: '2010-03-02' }, [])[1]).toBe(false)
    // certified 2010-03-01: + 1 year = 2011-03-01 ≤ 2011-03-01 → held
    expect(gates({ appliedOn: '2011-03-01', certifiedOn: '2010-03-01' }, [])[1]).toBe(true)
  })
})
