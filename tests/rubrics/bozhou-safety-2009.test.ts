// Boundary cases for 第一篇《縣區安監局機關基礎工作考評辦法》(亳安監〔2009〕9號): rubrics/bozhou-safety-2009.yaml, and its
// composition into the county safety-production target score (四): rubrics/bozhou-county-target-2009.yaml.
// Every expectation is worked by hand beside it. Budgets and points per fault are the rubric's PLACEHOLDER defaults
// (the score sheet is missing): affairs 10/1, leadership 8/1, gov-info 8/0.5, inspection 10/1,
// hazard-rectification 10/2, major-hazard 8/2, accident-investigation 10/2, emergency-rescue 8/1, publicity 6/0.5,
// licensing 8/1, project-dispatch 6/1, reports 8/0.5 (budget / points per fault).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileRubric, loadRubric, type Evaluator, type LoadedRubric, type SubjectResult } from '../../src/index'

const root = join(__dirname, '..', '..')

function loaded(id: string): LoadedRubric {
  const file = join(root, 'rubrics', `${id}.yaml`)
  const r = loadRubric(readFileSync(file, 'utf8'), { file })
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2))
  expect(r.value.warnings).toEqual([]) // `kaoping validate`: 0 errors, 0 warnings
  return r.value
}
const load = (id: string) => loaded(id).rubric

function compile(id: string, opts: Parameters<typeof compileRubric>[1] = {}): Evaluator {
  const c = compileRubric(loaded(id), opts)
  if (!c.ok) throw new Error(JSON.stringify(c.diagnostics, null, 2))
  return c.value
}

const safety = compile('bozhou-safety-2009')

type Area =
  | 'affairs'
  | 'leadership'
  | 'gov-info'
  | 'inspection'
  | 'hazard-rectification'
  | 'major-hazard'
  | 'accident-investigation'
  | 'emergency-rescue'
  | 'publicity'
  | 'licensing'
  | 'project-dispatch'
  | 'reports'

const QUARTER_DAY = { '2009-Q1': '2009-02-15', '2009-Q2': '2009-05-15', '2009-Q3': '2009-08-15', '2009-Q4': '2009-11-15' } as const
type Q = keyof typeof QUARTER_DAY

/** n findings in one area, dated in the given quarter. */
const faults = (area: Area, n: number, q: Q = '2009-Q1') =>
  Array.from({ length: n }, (_, i) => ({ area, method: 'check-records', date: QUARTER_DAY[q], finding: `${area} #${i + 1}` }))

/** A subject with the four quarters; each quarter's findings given (a quarter left out of `byQuarter` has none). */
const subject = (id: string, byQuarter: Partial<Record<Q, unknown[]>> = {}, extra: Partial<Record<Q, Record<string, unknown>>> = {}) => ({
  id,
  periods: Object.fromEntries(
    (Object.keys(QUARTER_DAY) as Q[]).map((q) => [q, { ...(byQuarter[q] ? { records: { findings: byQuarter[q] } } : {}), ...(extra[q] ?? {}) }]),
  ),
})

function one(s: unknown, opts: Parameters<Evaluator['evaluate']>[1] = {}): SubjectResult {
  const r = safety.evaluate(s, opts)
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2))
  return r.value
}

const itemScore = (r: SubjectResult, id: string) => r.items.find((i) => i.id === id)!.score
const quarter = (r: SubjectResult, q: Q) => r.periods!.find((p) => p.period === q)!

describe('bozhou-safety-2009: structure (二、三)', () => {
  it('12 areas of 二 whose PLACEHOLDER budgets sum to the base score of 100 (三「100分為基礎分」)', () => {
    const r = load('bozhou-safety-2009')
    expect(r.total).toBe(100)
    // 二 lists exactly 12 areas: 10 + 8 + 8 + 10 + 10 + 8 + 10 + 8 + 6 + 8 + 6 + 8 = 100
    expect(r.items.map((i) => [i.id, i.title, Number(i.max)])).toEqual([
      ['affairs', '機關事務性工作', 10],
      ['leadership', '班子建設', 8],
      ['gov-info', '政務信息', 8],
      ['inspection', '安全檢查', 10],
      ['hazard-rectification', '隱患整改', 10],
      ['major-hazard', '重大危險源監控', 8],
      ['accident-investigation', '事故調查處理', 10],
      ['emergency-rescue', '應急救援', 8],
      ['publicity', '宣傳教育', 6],
      ['licensing', '安全許可', 8],
      ['project-dispatch', '項目調度', 6],
      ['reports', '報表和總結等材料報送', 8],
    ])
    // every area cites its clause and says it is a PLACEHOLDER for the missing attachment
    for (const i of r.items) {
      expect(i.source).toMatch(/^二\(\d+\)$/)
      expect(i.note).toContain('PLACEHOLDER')
    }
    expect(r.period).toEqual({ unit: 'quarter', from: '2009-01-01', to: '2009-12-31' }) // 三 每季度考評一次; 六 2009-01-01
    expect(r.effective).toEqual({ from: '2009-01-01' }) // 六、本辦法自2009年1月1日起施行
    expect(r.rollup).toEqual([expect.objectContaining({ from: 'quarter', to: 'year', combine: 'mean', missing: 'error' })]) // 四 全年綜合分值
    expect(r.subjects!.list!.map((s) => s.id)).toEqual(['qiaocheng', 'guoyang', 'mengcheng', 'lixin'])
  })
})

describe('bozhou-safety-2009: one quarter (三: base 100 minus deductions, each area within its budget)', () => {
  it('no finding in any quarter → 100 every quarter, 100 for the year', () => {
    const r = one(subject('qiaocheng'))
    expect(r.periods!.map((p) => p.total)).toEqual(['100', '100', '100', '100']) // 三: 100分為基礎分, nothing deducted
    expect(r.exactTotal).toBe('100')
    expect(r.total).toBe('100.00')
  })

  // One fault in Q1 in each area costs that area's default points (PLACEHOLDER); Q1 = 100 − points.
  const perFault: [Area, string, string][] = [
    ['affairs', '9', '99'], // 10 − 1
    ['leadership', '7', '99'], // 8 − 1
    ['gov-info', '7.5', '99.5'], // 8 − 0.5
    ['inspection', '9', '99'], // 10 − 1
    ['hazard-rectification', '8', '98'], // 10 − 2
    ['major-hazard', '6', '98'], // 8 − 2
    ['accident-investigation', '8', '98'], // 10 − 2
    ['emergency-rescue', '7', '99'], // 8 − 1
    ['publicity', '5.5', '99.5'], // 6 − 0.5
    ['licensing', '7', '99'], // 8 − 1
    ['project-dispatch', '5', '99'], // 6 − 1
    ['reports', '7.5', '99.5'], // 8 − 0.5
  ]
  for (const [area, areaScore, q1] of perFault) {
    it(`二: one fault in ${area} → area ${areaScore}, Q1 ${q1}`, () => {
      const r = one(subject('guoyang', { '2009-Q1': faults(area, 1) }))
      expect(quarter(r, '2009-Q1').items[area]).toBe(areaScore)
      expect(quarter(r, '2009-Q1').total).toBe(q1)
    })
  }

  it('deductions stop at the area budget: 4, 5 and 6 accident-investigation faults (2 each, budget 10)', () => {
    const r = one(subject('lixin', { '2009-Q1': faults('accident-investigation', 4), '2009-Q2': faults('accident-investigation', 5, '2009-Q2'), '2009-Q3': faults('accident-investigation', 6, '2009-Q3') }))
    expect(quarter(r, '2009-Q1').items['accident-investigation']).toBe('2') // 10 − 4 × 2 = 2
    expect(quarter(r, '2009-Q2').items['accident-investigation']).toBe('0') // 10 − 5 × 2 = 0: exactly the budget
    expect(quarter(r, '2009-Q3').items['accident-investigation']).toBe('0') // 10 − 6 × 2 = −2 → floor 0: capped at the budget
    expect(quarter(r, '2009-Q3').total).toBe('90') // 100 − 10, not 100 − 12: nothing spills into other areas
    // year: (2 + 0 + 0 + 10) / 4 = 3; total (92 + 90 + 90 + 100) / 4 = 372 / 4 = 93
    expect(itemScore(r, 'accident-investigation')).toBe('3')
    expect(r.exactTotal).toBe('93')
  })

  it('the half-point areas: 11 and 12 publicity faults (0.5 each, budget 6)', () => {
    const r = one(subject('mengcheng', { '2009-Q1': faults('publicity', 11), '2009-Q2': faults('publicity', 12, '2009-Q2') }))
    expect(quarter(r, '2009-Q1').items.publicity).toBe('0.5') // 6 − 5.5
    expect(quarter(r, '2009-Q2').items.publicity).toBe('0') // 6 − 6
  })

  it('a quarter can lose every area but never goes below 0', () => {
    const all: Area[] = ['affairs', 'leadership', 'gov-info', 'inspection', 'hazard-rectification', 'major-hazard', 'accident-investigation', 'emergency-rescue', 'publicity', 'licensing', 'project-dispatch', 'reports']
    const r = one(subject('lixin', { '2009-Q1': all.flatMap((a) => faults(a, 20)) })) // 20 faults each ≥ every budget
    expect(quarter(r, '2009-Q1').total).toBe('0') // every area at its floor 0
    expect(r.exactTotal).toBe('75') // (0 + 100 + 100 + 100) / 4
  })

  it('the points per fault are parameters (PLACEHOLDER defaults): accidentFaultPoints 3 → 4 faults → 12, capped at 10', () => {
    const r = one(subject('lixin', { '2009-Q1': faults('accident-investigation', 3) }), { params: { accidentFaultPoints: 3 } })
    expect(quarter(r, '2009-Q1').items['accident-investigation']).toBe('1') // 10 − 3 × 3 = 1
    const r2 = one(subject('lixin', { '2009-Q1': faults('accident-investigation', 4) }), { params: { accidentFaultPoints: 3 } })
    expect(quarter(r2, '2009-Q1').items['accident-investigation']).toBe('0') // 10 − 12 → 0
  })
})

describe('bozhou-safety-2009: findings are placed in quarters by date (三 每季度考評一次; 聽匯報、查資料、看現場)', () => {
  it('a finding listed once for the year counts in the quarter of its date only', () => {
    const s = { id: 'guoyang', records: { findings: [{ area: 'licensing', method: 'see-site', date: '2009-06-30', finding: '許可證過期' }] }, periods: subject('guoyang').periods }
    const r = one(s)
    expect(r.periods!.map((p) => p.total)).toEqual(['100', '99', '100', '100']) // 2009-06-30 is the last day of Q2 → Q2 only
    expect(r.exactTotal).toBe('99.75') // 399 / 4
  })

  it('a finding listed under a quarter but dated in another quarter does not count (its date must lie in the quarter assessed)', () => {
    const r = one(subject('guoyang', { '2009-Q1': [{ area: 'licensing', method: 'check-records', date: '2009-04-01', finding: '考評日期誤作問題日期' }] }))
    expect(r.periods!.map((p) => p.total)).toEqual(['100', '100', '100', '100']) // 2009-04-01 is not in Q1, and Q2's list does not have it
  })

  it('the way a fault was found is recorded, and an unknown area or method is refused', () => {
    const bad = safety.evaluate(subject('guoyang', { '2009-Q1': [{ area: 'canteen', method: 'see-site', date: '2009-02-01', finding: '食堂' }] }))
    expect(bad.ok).toBe(false)
    expect(bad.diagnostics.some((d) => d.severity === 'error' && d.code === 'EVIDENCE_INVALID')).toBe(true) // 二 names 12 areas, no other
    const badMethod = safety.evaluate(subject('guoyang', { '2009-Q1': [{ area: 'affairs', method: 'phone-call', date: '2009-02-01', finding: '電話抽查' }] }))
    expect(badMethod.ok).toBe(false) // 三: 聽匯報、查資料、看現場 only
  })
})

describe('bozhou-safety-2009: the year (四 全年綜合分值 = mean of the quarters)', () => {
  it('the mean of 99, 99, 100, 98.5 is 99.125, published as 99.13 (2 places, half-up)', () => {
    const r = one(subject('qiaocheng', { '2009-Q1': [...faults('gov-info', 1), ...faults('reports', 1)], '2009-Q2': faults('inspection', 1, '2009-Q2'), '2009-Q4': [...faults('publicity', 1, '2009-Q4'), ...faults('affairs', 1, '2009-Q4')] }))
    expect(r.periods!.map((p) => p.total)).toEqual(['99', '99', '100', '98.5'])
    expect(r.exactTotal).toBe('99.125') // 396.5 / 4
    expect(r.total).toBe('99.13') // half-up (half-even would give 99.12)
    expect(itemScore(r, 'gov-info')).toBe('7.875') // (7.5 + 8 + 8 + 8) / 4
  })

  it('a quarter not assessed is an error naming it (rollup missing: error)', () => {
    const s = subject('qiaocheng')
    delete (s.periods as Record<string, unknown>)['2009-Q3']
    const r = safety.evaluate(s)
    expect(r.ok).toBe(false)
    const e = r.diagnostics.find((d) => d.severity === 'error')!
    expect(e.code).toBe('EVIDENCE_INVALID')
    expect(e.message).toContain('2009-Q3')
  })

  it('an area marked 不適用 in one quarter is dropped and that quarter rescaled to 100 (notApplicable: rescale)', () => {
    const r = one(subject('mengcheng', { '2009-Q3': faults('affairs', 1, '2009-Q3') }, { '2009-Q3': { notApplicable: ['project-dispatch'] } }))
    // Q3: applicable areas 100 − 6 = 94 points, scored 94 − 1 = 93 → 93 × 100 / 94 = 98.93617021… → 98.936170 (6 places)
    expect(quarter(r, '2009-Q3').total).toBe('98.93617')
    // year: (100 + 100 + 98.936170 + 100) / 4 = 99.7340425 → half-even to 6 places 99.734042; published 99.73
    expect(r.exactTotal).toBe('99.734042')
    expect(r.total).toBe('99.73')
    expect(itemScore(r, 'project-dispatch')).toBe('6') // mean of the three quarters it applies in: (6 + 6 + 6) / 3
    expect(itemScore(r, 'affairs')).toBe('9.75') // (10 + 10 + 9 + 10) / 4
  })
})

describe('bozhou-safety-2009: ranking and notice (三 綜合確定各縣區得分并進行通報)', () => {
  const cohort = [
    subject('qiaocheng', { '2009-Q1': faults('affairs', 2) }), // Q1 98; year (98 + 300) / 4 = 99.5
    subject('guoyang', { '2009-Q2': faults('inspection', 2, '2009-Q2') }), // Q1 100; year 99.5 (ties with 譙城區)
    subject('mengcheng', { '2009-Q1': faults('hazard-rectification', 1) }), // Q1 98; year 99.5
    subject('lixin', { '2009-Q1': faults('accident-investigation', 6), '2009-Q4': faults('reports', 1, '2009-Q4') }), // Q1 90, Q4 99.5; year 389.5 / 4 = 97.375 → 97.38
  ]

  it('the year: ranked by the rounded total, ties share a rank (competition ranking); no grades', () => {
    const r = safety.evaluateCohort({ subjects: cohort })
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics))
    expect(r.value.subjects.map((s) => [s.subject.id, s.total, s.rank, s.grade])).toEqual([
      ['qiaocheng', '99.50', 1, null],
      ['guoyang', '99.50', 1, null],
      ['mengcheng', '99.50', 1, null],
      ['lixin', '97.38', 4, null], // 97.375 half-up → 97.38
    ])
  })

  it('a quarterly notice: the same evidence scored over one quarter (period Q1) ranks on that quarter', () => {
    const r = safety.evaluateCohort({ subjects: cohort, period: { from: '2009-01-01', to: '2009-03-31' } })
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics))
    expect(r.value.subjects.map((s) => [s.subject.id, s.total, s.rank])).toEqual([
      ['qiaocheng', '98.00', 2], // 100 − 2 × 1
      ['guoyang', '100.00', 1], // its Q2 faults are outside the span
      ['mengcheng', '98.00', 2], // 100 − 2
      ['lixin', '90.00', 4], // 100 − 10 (capped)
    ])
  })

  it('a county that is not one of the four is refused', () => {
    const r = safety.evaluateCohort({ subjects: [...cohort, subject('bozhou-city')] })
    expect(r.ok).toBe(false)
    expect(r.diagnostics.some((d) => d.code === 'EVIDENCE_UNKNOWN_SUBJECT')).toBe(true)
  })
})

describe('bozhou-county-target-2009: 四 全年綜合分值按20%加權計入縣區安全生產目標考評分', () => {
  const linked = compile('bozhou-county-target-2009', { link: { 'bozhou-safety-2009': safety } })
  const plain = compile('bozhou-county-target-2009')

  it('structure: 20 (the weighted basic-management result) + 80 (PLACEHOLDER other target items) = 100', () => {
    const r = load('bozhou-county-target-2009')
    expect(r.items.map((i) => [i.id, i.kind, Number(i.max)])).toEqual([
      ['basic-management', 'weighted', 20],
      ['other-targets', 'judged', 80],
    ])
    expect(r.facts!.basicManagementYear).toMatchObject({ type: 'score', rubric: 'bozhou-safety-2009', max: 100 })
  })

  it('a plain number: 96 × 0.2 = 19.2; + 74 = 93.2', () => {
    const r = plain.evaluate({ id: 'guoyang', facts: { basicManagementYear: 96, otherTargetScore: 74 } })
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics))
    expect(r.value.items.map((i) => i.score)).toEqual(['19.2', '74'])
    expect(r.value.total).toBe('93.20')
  })

  it('the full basic-management score gives exactly the 20 points: 100 × 0.2 = 20', () => {
    const r = plain.evaluate({ id: 'guoyang', facts: { basicManagementYear: 100, otherTargetScore: 80 } })
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics))
    expect(r.value.exactTotal).toBe('100')
  })

  it('nested evidence is scored by the linked rubric and its published (rounded) year result weighted: 99.13 × 0.2 = 19.826', () => {
    const nested = subject('qiaocheng', { '2009-Q1': [...faults('gov-info', 1), ...faults('reports', 1)], '2009-Q2': faults('inspection', 1, '2009-Q2'), '2009-Q4': [...faults('publicity', 1, '2009-Q4'), ...faults('affairs', 1, '2009-Q4')] })
    const { id: _id, ...evidence } = nested
    const r = linked.evaluate({ id: 'qiaocheng', facts: { basicManagementYear: evidence, otherTargetScore: 72.5 } })
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics))
    expect(r.value.items[0]!.score).toBe('19.826') // year 99.125 → published 99.13; × 0.2 = 19.826 (not 19.825)
    expect(r.value.exactTotal).toBe('92.326') // 19.826 + 72.5
    expect(r.value.total).toBe('92.33')
  })

  it('a capped quarter flows through: 利辛縣 Q1 accident-investigation 6 faults → 89; year 93.625 → 93.63 → 18.726', () => {
    const nested = subject('lixin', {
      '2009-Q1': [...faults('accident-investigation', 6), ...faults('reports', 2)], // 100 − 10 − 1 = 89
      '2009-Q2': [...faults('accident-investigation', 2, '2009-Q2'), ...faults('hazard-rectification', 1, '2009-Q2')], // 100 − 4 − 2 = 94
      '2009-Q3': [...faults('inspection', 3, '2009-Q3'), ...faults('major-hazard', 1, '2009-Q3')], // 100 − 3 − 2 = 95
      '2009-Q4': [...faults('accident-investigation', 1, '2009-Q4'), ...faults('emergency-rescue', 1, '2009-Q4'), ...faults('publicity', 1, '2009-Q4')], // 100 − 2 − 1 − 0.5 = 96.5
    })
    const { id: _id, ...evidence } = nested
    const r = linked.evaluate({ id: 'lixin', facts: { basicManagementYear: evidence, otherTargetScore: 76 } })
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics))
    expect(r.value.items[0]!.score).toBe('18.726') // 374.5 / 4 = 93.625 → 93.63 × 0.2
    expect(r.value.total).toBe('94.73') // 94.726 half-up
  })

  it('a result outside [0, 100], an other-targets score outside [0, 80], or nested evidence without the link is refused', () => {
    expect(plain.evaluate({ id: 'lixin', facts: { basicManagementYear: 100.5, otherTargetScore: 70 } }).diagnostics[0]!.code).toBe('EVIDENCE_OUT_OF_RANGE')
    expect(plain.evaluate({ id: 'lixin', facts: { basicManagementYear: 90, otherTargetScore: 80.5 } }).diagnostics[0]!.code).toBe('EVIDENCE_OUT_OF_RANGE')
    const { id: _id, ...evidence } = subject('lixin')
    const r = plain.evaluate({ id: 'lixin', facts: { basicManagementYear: evidence, otherTargetScore: 70 } })
    expect(r.ok).toBe(false)
    expect(r.diagnostics[0]!.code).toBe('EVIDENCE_INVALID') // nested evidence needs the linked rubric
  })

  it('the counties are ranked on the target score, no grades (先進 is set by《亳州市安全生產目標管理考核辦法》)', () => {
    const r = plain.evaluateCohort({
      subjects: [
        { id: 'qiaocheng', facts: { basicManagementYear: '99.13', otherTargetScore: 72.5 } }, // 19.826 + 72.5 = 92.326 → 92.33
        { id: 'lixin', facts: { basicManagementYear: '93.63', otherTargetScore: 76 } }, // 18.726 + 76 = 94.726 → 94.73
      ],
    })
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics))
    expect(r.value.subjects.map((s) => [s.subject.id, s.total, s.rank, s.grade])).toEqual([
      ['qiaocheng', '92.33', 2, null],
      ['lixin', '94.73', 1, null],
    ])
  })
})
