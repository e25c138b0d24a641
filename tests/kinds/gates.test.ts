import { describe, expect, it } from 'vitest'
import { base, cohortOk, compileOk, scoreOf } from './helpers'

const rubric = (grades: Record<string, unknown> | undefined) => ({
  ...base,
  total: 100,
  period: { unit: 'year', from: '2017-01-01', to: '2017-12-31' },
  facts: {
    work: { type: 'number', title: '工作得分' },
    falsified: { type: 'boolean', title: '統計造假' },
  },
  records: { accidents: { title: '重大事故', fields: { date: { type: 'date' } }, date: 'date' } },
  gates: [
    { id: 'no-falsification', title: '無統計造假', source: '五', when: { fact: 'falsified', is: false } },
    { id: 'no-major-accident', title: '無重大事故', when: { count: 'accidents', atMost: 0 } },
  ],
  items: [{ kind: 'judged', id: 'work', title: '工作', max: 100, fact: 'work' }],
  ...(grades ? { grades } : {}),
})

const grades = {
  order: ['優秀', '良好', '合格', '不合格', '取消資格'],
  thresholds: [
    { grade: '優秀', min: 90 },
    { grade: '良好', min: 80 },
    { grade: '合格', min: 60 },
    { grade: '不合格' },
  ],
  ineligible: '取消資格',
}

describe('gates: a subject failing a gate is ineligible whatever its score', () => {
  const ev = compileOk(rubric(grades))

  it('passing every gate: eligible, graded by thresholds', () => {
    const r = scoreOf(ev, { work: 95, falsified: false }, { accidents: [] })
    expect(r.eligible).toBe(true)
    expect(r.gates.map((g) => [g.id, g.passed])).toEqual([
      ['no-falsification', true],
      ['no-major-accident', true],
    ])
    expect(r.grade).toBe('優秀')
    expect(r.gradeBasis).toBe('threshold')
  })

  it('failing a gate with a full score: ineligible, grade ineligible, with the reason', () => {
    const r = scoreOf(ev, { work: 100, falsified: true }, { accidents: [] })
    expect(r.total).toBe('100.00') // the score is still computed
    expect(r.eligible).toBe(false)
    expect(r.grade).toBe('取消資格') // grades.ineligible
    expect(r.gradeBasis).toBe('ineligible')
    expect(r.gradeReason).toBe('failed 無統計造假 (no-falsification)')
    const g = r.gates[0]!
    expect(g).toMatchObject({ id: 'no-falsification', title: '無統計造假', source: '五', passed: false })
    expect(g.reason).toBe('falsified = true, needs false ✗')
    expect(r.gates[1]!.passed).toBe(true)
  })

  it('every failed gate is named', () => {
    const r = scoreOf(ev, { work: 100, falsified: true }, { accidents: [{ date: '2017-05-01' }] })
    expect(r.gradeReason).toBe('failed 無統計造假 (no-falsification), 無重大事故 (no-major-accident)')
    expect(r.gates[1]!.reason).toBe('accidents: 1 ≤ 0 ✗')
  })

  it('an accident outside the assessed span does not fail the gate', () => {
    const r = scoreOf(ev, { work: 85, falsified: false }, { accidents: [{ date: '2016-12-31' }] })
    expect(r.eligible).toBe(true)
    expect(r.grade).toBe('良好')
  })

  it('without grades.ineligible an ineligible subject has no grade', () => {
    const e = compileOk(rubric({ ...grades, ineligible: undefined }))
    const r = scoreOf(e, { work: 100, falsified: true }, {})
    expect(r.eligible).toBe(false)
    expect(r.grade).toBeNull()
    expect(r.gradeBasis).toBe('ineligible')
    expect(r.gradeReason).toContain('no-falsification')
  })

  it('without grades at all, gates still decide eligibility', () => {
    const e = compileOk(rubric(undefined))
    const r = scoreOf(e, { work: 100, falsified: true }, {})
    expect(r.eligible).toBe(false)
    expect(r.grade).toBeNull()
  })

  it('in a cohort an ineligible subject gets no ranked-quota grade, even with the best score', () => {
    const e = compileOk(rubric({ ...grades, quotas: [{ grade: '優秀', count: 1, minScore: 90 }] }))
    const c = cohortOk(e, [
      { id: 'a', facts: { work: 99, falsified: true } },
      { id: 'b', facts: { work: 95, falsified: false } },
      { id: 'c', facts: { work: 92, falsified: false } },
    ])
    const by = Object.fromEntries(c.subjects.map((s) => [s.subject.id, s]))
    expect(by.a!.grade).toBe('取消資格')
    expect(by.a!.gradeBasis).toBe('ineligible')
    expect(by.b!.grade).toBe('優秀') // the quota of 1 passes over a (ineligible) to b
    expect(by.b!.gradeBasis).toBe('quota')
  })
})
