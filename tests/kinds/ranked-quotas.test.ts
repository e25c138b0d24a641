import { describe, expect, it } from 'vitest'
import { Rubric } from '../../src/kinds/rubric'
import { validateRubric } from '../../src/validate/validate-rubric'
import { base, cohortOk, compileOk, scoreOf } from './helpers'

/** A one-item rubric whose total is the judged fact `s` (0–100); grades 優秀 / 良好 / 合格 / 差. */
const rubric = (grades: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  ...base,
  total: 100,
  facts: { s: { type: 'number', title: '得分', min: 0, max: 100 }, kind: { type: 'enum', values: ['州市', '成員單位'], title: '類別' }, veto: { type: 'boolean', title: '一票否決事項' } },
  items: [{ kind: 'judged', id: 'score', title: '得分', max: 100, fact: 's' }],
  grades: { order: ['優秀', '良好', '合格', '差'], thresholds: [{ grade: '合格', min: 60 }, { grade: '差' }], ...grades },
  ...extra,
})
const subjects = (scores: number[], more: (i: number) => Record<string, unknown> = () => ({})) =>
  scores.map((s, i) => ({ id: `u${String(i + 1).padStart(2, '0')}`, facts: { s, kind: '州市', veto: false, ...more(i) } }))
const grades = (ev: ReturnType<typeof compileOk>, ss: unknown[], opts = {}) => Object.fromEntries(cohortOk(ev, ss, opts).subjects.map((r) => [r.subject.id, r.grade]))

describe('ranked quotas: a count from a parameter', () => {
  const ev = compileOk(rubric({ quotas: [{ grade: '優秀', count: { param: 'excellent' } }] }, { params: { excellent: { type: 'integer', default: 2, min: 0, title: '優秀名額' } } }))
  it('優秀2名 by default, 3 by parameter', () => {
    const ss = subjects([95, 90, 85, 80])
    expect(grades(ev, ss)).toEqual({ u01: '優秀', u02: '優秀', u03: '合格', u04: '合格' })
    expect(grades(ev, ss, { params: { excellent: 3 } })).toEqual({ u01: '優秀', u02: '優秀', u03: '優秀', u04: '合格' })
  })
})

describe('ranked quotas: a share of the subjects (前20%)', () => {
  const ev = (rounding: string) => compileOk(rubric({ quotas: [{ grade: '優秀', share: 0.2, shareRounding: rounding }] }))
  const twelve = subjects([99, 98, 97, 96, 95, 94, 93, 92, 91, 90, 89, 88])
  it('20% of 12 is 2.4: floor → 2, ceil → 3, half-up → 2', () => {
    const top = (g: Record<string, string | null>) => Object.entries(g).filter(([, x]) => x === '優秀').map(([id]) => id)
    expect(top(grades(ev('floor'), twelve))).toEqual(['u01', 'u02'])
    expect(top(grades(ev('ceil'), twelve))).toEqual(['u01', 'u02', 'u03'])
    expect(top(grades(ev('half-up'), twelve))).toEqual(['u01', 'u02'])
  })
  it('25% of 10 is 2.5: half-up → 3', () => {
    const q = compileOk(rubric({ quotas: [{ grade: '優秀', share: 0.25, shareRounding: 'half-up' }] }))
    const r = cohortOk(q, subjects([99, 98, 97, 96, 95, 94, 93, 92, 91, 90]))
    expect(r.subjects.filter((s) => s.grade === '優秀').map((s) => s.subject.id)).toEqual(['u01', 'u02', 'u03'])
    expect(r.subjects[0]!.gradeReason).toBe('優秀: quota 3 (25% of the subjects, half-up); place 1 of 10 candidates (rank 1), total 99.00')
  })
})

describe('ranked quotas: within groups (州市 and 成員單位 ranked apart)', () => {
  const ev = compileOk(rubric({ groupBy: 'kind', quotas: [{ grade: '優秀', count: 1 }] }))
  it('each group has its own ranks and its own 優秀', () => {
    // 州市: u01 90, u02 80; 成員單位: u03 85, u04 70 → 優秀 u01 (州市) and u03 (成員單位), though u03 < u01
    const ss = subjects([90, 80, 85, 70], (i) => ({ kind: i < 2 ? '州市' : '成員單位' }))
    const r = cohortOk(ev, ss)
    expect(r.subjects.map((s) => [s.subject.id, s.group, s.rank, s.grade])).toEqual([
      ['u01', '州市', 1, '優秀'],
      ['u02', '州市', 2, '合格'],
      ['u03', '成員單位', 1, '優秀'],
      ['u04', '成員單位', 2, '合格'],
    ])
    expect(r.subjects[2]!.gradeReason).toBe('優秀 (成員單位): quota 1; place 1 of 2 candidates (rank 1), total 85.00')
  })
})

describe('the group and the findings are the assessor’s, not the self-assessment’s', () => {
  const ev = compileOk(rubric({ groupBy: 'kind', quotas: [{ grade: '優秀', count: 1 }] }, { findings: [{ id: 'kind-found', title: '類別', fact: 'kind' }] }))
  it('a subject whose self-assessment claims the other kind stays in its own group', () => {
    // u01 州市 90 (its self-assessment says 成員單位), u02 州市 80, u03 成員單位 85: 州市 ranks u01 1, u02 2; 成員單位 u03 1
    const ss = subjects([90, 80, 85], (i) => ({ kind: i < 2 ? '州市' : '成員單位' })) as { id: string; facts: Record<string, unknown>; self?: unknown }[]
    ss[0]!.self = { facts: { kind: '成員單位', s: 95 } }
    const r = cohortOk(ev, ss)
    expect(r.subjects.map((x) => [x.subject.id, x.group, x.rank, x.grade])).toEqual([
      ['u01', '州市', 1, '優秀'],
      ['u02', '州市', 2, '合格'],
      ['u03', '成員單位', 1, '優秀'],
    ])
    expect(r.subjects[0]!.findings?.map((f) => f.value)).toEqual(['州市'])
    expect(r.subjects[0]!.self?.total).toBe('95.00') // the self-assessment itself still scores its own claim
  })
})

describe('ranked quotas: from the bottom (末位、倒數第一為差)', () => {
  const ev = compileOk(rubric({ quotas: [{ grade: '優秀', count: 1 }, { grade: '差', count: 1, from: 'bottom' }] }))
  it('the last subject is 差 whatever its score; the rest by threshold', () => {
    // 95 → 優秀; 72 (last) → 差 though ≥ 60; 80 → 合格
    expect(grades(ev, subjects([95, 80, 72]))).toEqual({ u01: '優秀', u02: '合格', u03: '差' })
  })
  it('a tie for last place: both are 差 under include', () => {
    const inc = compileOk(rubric({ quotas: [{ grade: '差', count: 1, from: 'bottom', ties: 'include' }] }))
    expect(grades(inc, subjects([95, 70, 70]))).toEqual({ u01: '合格', u02: '差', u03: '差' })
  })
})

describe('gates that lower the grade (一票否決降一級)', () => {
  const ev = compileOk(rubric({ quotas: [{ grade: '優秀', count: 1 }] }, { gates: [{ id: 'veto', title: '一票否決事項降一級', when: { fact: 'veto', is: false }, lowers: 1 }] }))
  it('a quota grade and a threshold grade move one place down; the subject stays eligible', () => {
    const ss = subjects([95, 80, 50], (i) => ({ veto: i !== 1 ? true : false }))
    const r = cohortOk(ev, ss)
    // u01 優秀 → 良好; u02 合格 (no veto); u03 差 stays 差 (the last grade)
    expect(r.subjects.map((s) => [s.subject.id, s.grade, s.eligible, s.lowered])).toEqual([
      ['u01', '良好', true, 1],
      ['u02', '合格', true, undefined],
      ['u03', '差', true, 1],
    ])
    expect(r.subjects[0]!.gradeReason).toBe('優秀: quota 1; place 1 of 3 candidates (rank 1), total 95.00; 優秀 lowered 1 place to 良好 by a failed gate')
  })
  it('scored alone: no grade (the quotas need the cohort); the provisional threshold grade is lowered', () => {
    // 70 ≥ 60 → 合格, lowered one place by the failed veto gate → 差; alone, that is the provisional grade only
    const r = scoreOf(ev, { s: 70, kind: '州市', veto: true })
    expect([r.grade, r.gradeBasis, r.provisionalGrade]).toEqual([null, 'provisional', '差'])
    expect(r.gradeReason).toBe('no grade alone: ranked quotas (優秀) grade over the cohort (evaluateCohort); by thresholds alone, 差 (total 70 ≥ 60; 合格 lowered 1 place to 差 by failed gate veto)')
  })
})

describe('a vetoed subject keeps its place (ineligible: keep-place)', () => {
  const gate = { gates: [{ id: 'veto', title: '一票否決', when: { fact: 'veto', is: false } }] }
  it('skip (default): the place goes to the next; keep-place: it is used up', () => {
    const ss = subjects([95, 90, 85], (i) => ({ veto: i === 0 }))
    const skip = compileOk(rubric({ ineligible: '差', quotas: [{ grade: '優秀', count: 2 }] }, gate))
    expect(grades(skip, ss)).toEqual({ u01: '差', u02: '優秀', u03: '優秀' })
    const keep = compileOk(rubric({ ineligible: '差', quotas: [{ grade: '優秀', count: 2, ineligible: 'keep-place' }] }, gate))
    expect(grades(keep, ss)).toEqual({ u01: '差', u02: '優秀', u03: '合格' })
  })
})

describe('ranked quota diagnostics', () => {
  const bad = (grades: Record<string, unknown>, extra: Record<string, unknown> = {}) => validateRubric(Rubric.parse(rubric(grades, extra))).diagnostics.map((d) => d.message)
  it('a share needs its rounding; count and share are exclusive', () => {
    expect(bad({ quotas: [{ grade: '優秀', share: 0.2 }] })).toEqual(['The ranked quota for "優秀" gives a share of the subjects but not how it is rounded to a whole number.'])
    expect(bad({ quotas: [{ grade: '優秀', share: 0.2, shareRounding: 'floor', count: 2 }] })).toEqual(['The ranked quota for "優秀" has both count and share; give exactly one of them.'])
    expect(bad({ quotas: [{ grade: '優秀' }] })).toEqual(['The ranked quota for "優秀" needs exactly one of count or share; it has neither.'])
    expect(bad({ quotas: [{ grade: '優秀', share: 1.5, shareRounding: 'floor' }] })).toEqual(['The ranked quota for "優秀": share 1.5 is more than 1 (all the subjects); write 20% as 0.2.'])
  })
  it('a count parameter must be an integer parameter', () => {
    expect(bad({ quotas: [{ grade: '優秀', count: { param: 'n' } }] }, { params: { n: { type: 'rate', default: 0.2 } } })).toEqual(['The ranked quota for "優秀": a count is a whole number; parameter "n" is a rate parameter.'])
  })
  it('lowers and bars are exclusive; groupBy names an enum fact', () => {
    expect(bad({}, { gates: [{ id: 'g', title: 'g', when: { fact: 'veto', is: false }, lowers: 1, bars: ['優秀'] }] })).toEqual(['Gate "g" has both bars and lowers; a failed gate either bars grades or lowers the grade.'])
    expect(bad({ groupBy: 's' })).toEqual(['Fact "s" is a number fact, but grades.groupBy needs an enum fact.'])
  })
})
