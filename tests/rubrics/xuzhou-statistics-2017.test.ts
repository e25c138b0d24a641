// Boundary cases for rubrics/xuzhou-statistics-2017.yaml, 第三篇《2017年統計基層基礎工作考評辦法》(徐州市統計局).
// Every expectation is worked by hand in the comment beside it, citing the clause. The coverage table in
// rubrics/README.md names each test here against the clause it covers.
//
// The base bureau (full()) scores full marks everywhere except 三(三), which has no records:
//   三(一) 重點目標考評 50 = 1 (3 + 7) + 2 (10) + 3 (3) + 4 (7) + 5 (10) + 6 (5) + 7 (5)
//   三(二) 工作環節考評 50 = 3 + 3 + 15 + 4 + 5 + 5 + 5 + 3 + 3 + 4 (each judged score at the top of its range)
//   三(三) 工作創新創優考評 0 (no innovations)
//   total 100 of 110. Each test changes a few facts from here. Totals are rounded to 2 places half-up.
// Unless a test says otherwise the assessed span is the rubric's, 2017-01-01 … 2017-12-31 (二、考評時限).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileRubric, loadRubric, selectRubric, type CohortResult, type EvaluateOptions, type Evaluator, type ItemResult, type SubjectResult } from '../../src/index'
import { item as itemById } from '../kinds/helpers'

const file = join(__dirname, '..', '..', 'rubrics', 'xuzhou-statistics-2017.yaml')
const loaded = loadRubric(readFileSync(file, 'utf8'), { file })
if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, null, 2))
const rubric = loaded.value.rubric

const compiled = compileRubric(loaded.value)
if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics, null, 2))
const ev: Evaluator = compiled.value

type Row = Record<string, unknown>
type Facts = Record<string, unknown>
interface Subject {
  id: string
  facts: Facts
  records?: { innovations: Row[] }
  notApplicable?: string[]
  self?: { facts?: Facts }
}

const FULL: Facts = {
  countyStandardised: true,
  provincialDemonstration: true,
  townshipPassRate: 0.95,
  townshipSamplingRatio: 0.35,
  devZonePassRate: 1,
  onlineQualifiedRate: 0.96,
  villageQualifiedRate: 0.6,
  chiefStatisticianRate: 1,
  virtualSurveyTeam: true,
  materials: 3,
  ledger: 3,
  achievements: 15,
  countyApplications: 4,
  enterpriseAcceptance: 5,
  workInformation: 5,
  classifiedGuidance: 5,
  lookBack: 3,
  provincialShowcase: 3,
  regulationMeasures: 4,
}

/** Every judged score of 三(二) at the bottom of its range: (二) = 10, total 60. */
const LOWEST: Facts = {
  materials: 1, ledger: 1, achievements: 1, countyApplications: 1, enterpriseAcceptance: 1,
  workInformation: 1, classifiedGuidance: 1, lookBack: 1, provincialShowcase: 1, regulationMeasures: 1,
}

function full(facts: Facts = {}, id = 's1'): Subject {
  return { id, facts: { ...FULL, ...facts } }
}

/** A bureau whose total is 85 + achievements (1–15): only 三(二)3 differs from full(). */
const withAchievements = (id: string, achievements: number): Subject => full({ achievements }, id)

function score(s: Subject, opts?: EvaluateOptions): SubjectResult {
  const r = ev.evaluate(s, opts)
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2))
  return r.value
}

function cohort(subjects: Subject[], opts?: EvaluateOptions): CohortResult {
  const r = ev.evaluateCohort({ subjects }, opts)
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2))
  return r.value
}

/** The score of the item with this id, anywhere in the result tree. */
const item = (r: { items: ItemResult[] }, id: string): string => itemById(r, id).score

/** id → [total, grade] of a cohort result, in the order of the evidence. */
const grades = (c: CohortResult) => Object.fromEntries(c.subjects.map((s) => [s.subject.id, [s.total, s.grade]]))

const innovation = (kind: string, date: string): Row => ({ title: `${kind} ${date}`, kind, date })

describe('xuzhou-statistics-2017: the rubric', () => {
  it('loads with no findings (no errors, no warnings)', () => {
    expect(loaded.value.warnings).toEqual([])
  })

  it('三: three parts 50 + 50 + 10 = 110', () => {
    // 三、考評內容及評分標準(110分): (一) 50, (二) 50, (三) 10
    expect(rubric.total).toBe(110)
    expect(rubric.items.map((i) => [i.id, i.max])).toEqual([
      ['key-targets', 50],
      ['work-links', 50],
      ['innovation', 10],
    ])
  })

  it('三(一): seven items 10 + 10 + 3 + 7 + 10 + 5 + 5 = 50', () => {
    const keyTargets = rubric.items[0]!
    expect(keyTargets.kind === 'section' && keyTargets.items.map((i) => [i.id, i.max])).toEqual([
      ['county-standardisation', 10], // 1: 3 + 7
      ['township-spot-check', 10], // 2
      ['dev-zone-acceptance', 3], // 3
      ['online-reporting', 7], // 4
      ['village-standardisation', 10], // 5
      ['chief-statisticians', 5], // 6
      ['virtual-survey-team', 5], // 7
    ])
  })

  it('a bureau meeting every item of (一) and (二), with no innovation, scores 100 of 110', () => {
    const r = score(full())
    expect(item(r, 'key-targets')).toBe('50')
    expect(item(r, 'work-links')).toBe('50')
    expect(item(r, 'innovation')).toBe('0')
    expect(r.exactTotal).toBe('100')
    expect(r.total).toBe('100.00')
  })

  it('二、考評時限: the assessed span is 2017-01-01 … 2017-12-31 and the evaluation date its last day', () => {
    const r = score(full())
    expect(r.period).toEqual({ from: '2017-01-01', to: '2017-12-31' })
    expect(r.asOf).toBe('2017-12-31')
  })

  it('in force when the assessment of 2017 is held: selected on 2018-01-20, not before 2017', () => {
    // the method states no dates of force; it is in force from the year it assesses, with no end date (the
    // assessment of 2017 is held after the year: 四(二) 市局…評比打分). effective.until 2017-12-31 would refuse it then.
    expect(loaded.value.rubric.effective).toEqual({ from: '2017-01-01' })
    const held = selectRubric([loaded.value.rubric], '2018-01-20')
    expect(held.ok && held.value.id).toBe('xuzhou-statistics-2017')
    const before = selectRubric([loaded.value.rubric], '2016-12-31')
    expect(before.ok ? [] : before.diagnostics.map((d) => d.code)).toEqual(['RUBRIC_NOT_IN_FORCE'])
  })
})

describe('三(一)1 縣級統計局規範化管理 (3) and 省級示範單位 (7)', () => {
  it('保持全面合格水平 3 and 創建省級示範單位 7 are lost one by one', () => {
    // not fully qualified: 0 + 7 = 7; (一) 47; total 97
    const a = score(full({ countyStandardised: false }))
    expect(item(a, 'county-qualified')).toBe('0')
    expect(item(a, 'county-standardisation')).toBe('7')
    expect(a.exactTotal).toBe('97')
    // not a provincial demonstration unit: 3 + 0 = 3; (一) 43; total 93
    const b = score(full({ provincialDemonstration: false }))
    expect(item(b, 'provincial-demonstration')).toBe('0')
    expect(item(b, 'county-standardisation')).toBe('3')
    expect(b.exactTotal).toBe('93')
  })
})

describe('三(一)2 鄉鎮抽檢: ≥ 90% with sampling ≥ 30% → 10; −1 per point below either; 扣完為止', () => {
  it('pass rate exactly 0.90 → 10; 0.89, one point below → 9', () => {
    // 「不低于90%」: 0.90 meets the target, gap 0 → 10
    expect(item(score(full({ townshipPassRate: 0.9 })), 'township-spot-check')).toBe('10')
    // gap 0.90 − 0.89 = 0.01 = 1 step → −1 → 9 (the same under ceil, floor and exact); total 99
    const r = score(full({ townshipPassRate: 0.89 }))
    expect(item(r, 'township-spot-check')).toBe('9')
    expect(r.exactTotal).toBe('99')
  })

  it('0.875 is 2.5 points below: ceil (default) 7, floor 8, exact 7.5 (spotCheckRounding)', () => {
    // gap 0.025 = 2.5 steps of 0.01. ceil: ⌈2.5⌉ = 3 → 7; floor: ⌊2.5⌋ = 2 → 8; exact: 2.5 → 7.5
    const s = full({ townshipPassRate: 0.875 })
    expect(item(score(s), 'township-spot-check')).toBe('7')
    expect(item(score(s, { params: { spotCheckRounding: 'floor' } }), 'township-spot-check')).toBe('8')
    const exact = score(s, { params: { spotCheckRounding: 'exact' } })
    expect(item(exact, 'township-spot-check')).toBe('7.5')
    expect(exact.total).toBe('97.50') // 50 − 2.5 + 50
  })

  it('a millionth below 0.90 is a started point under ceil (9), nothing under floor (10), 0.0001 under exact', () => {
    // gap 0.000001 = 0.0001 steps: ceil → 1 → 9; floor → 0 → 10; exact → 0.0001 → 9.9999
    const s = full({ townshipPassRate: 0.899999 })
    expect(item(score(s), 'township-spot-check')).toBe('9')
    expect(item(score(s, { params: { spotCheckRounding: 'floor' } }), 'township-spot-check')).toBe('10')
    expect(item(score(s, { params: { spotCheckRounding: 'exact' } }), 'township-spot-check')).toBe('9.9999')
  })

  it('扣完為止: 0.80 → 0; 0.79 would be −1 and stays at 0; 0.5 → 0', () => {
    // 0.80: 10 steps → 10 − 10 = 0. 0.79: 11 steps → −1 → floor 0. 0.5: 40 steps → floor 0. Total 90 each time.
    for (const rate of [0.8, 0.79, 0.5]) {
      const r = score(full({ townshipPassRate: rate }))
      expect(item(r, 'township-spot-check')).toBe('0')
      expect(r.exactTotal).toBe('90')
    }
  })

  it('sampling ratio exactly 0.30 counts; 0.29 is one point short → −1 like the pass rate (samplingShortfall: deduct)', () => {
    // 「抽檢比例不低于30%」: 0.30 ≥ 0.30 → the pass rate 0.95 is scored → 10
    expect(item(score(full({ townshipSamplingRatio: 0.3 })), 'township-spot-check')).toBe('10')
    // 0.29: 0.30 − 0.29 = 0.01 short = 1 step → 10 − 1 = 9; total 99
    const r = score(full({ townshipSamplingRatio: 0.29 }), { trail: true })
    expect(item(r, 'township-spot-check')).toBe('9')
    expect(r.exactTotal).toBe('99')
    // the trail shows the shortfall computed from both facts
    const trail = r.items[0]!.items!.find((i) => i.id === 'township-spot-check')!.trail!
    expect(trail.computed).toEqual({ spotCheckShortfall: 'max(0, 0.90 - townshipPassRate) + max(0, minSamplingRatio - townshipSamplingRatio) = max(0, 0.90 - 0.95) + max(0, 0.3 - 0.29) = 0.01' })
    // a millionth short is a started point under ceil → 9
    expect(item(score(full({ townshipSamplingRatio: 0.299999 })), 'township-spot-check')).toBe('9')
  })

  it('both short: pass rate 0.875 (2.5 points) and sampling 0.25 (5 points) add to 7.5 → ceil 8 → 2', () => {
    // 0.025 + 0.05 = 0.075 = 7.5 steps → ⌈7.5⌉ = 8 → 10 − 8 = 2; floor → 7 → 3
    const s = full({ townshipPassRate: 0.875, townshipSamplingRatio: 0.25 })
    expect(item(score(s), 'township-spot-check')).toBe('2')
    expect(item(score(s, { params: { spotCheckRounding: 'floor' } }), 'township-spot-check')).toBe('3')
  })

  it('samplingShortfall = zero: a ratio under 30% scores 0 whatever the pass rate; at 30% the pass rate alone counts', () => {
    const zero = { params: { samplingShortfall: 'zero' } }
    expect(item(score(full({ townshipSamplingRatio: 0.29 }), zero), 'township-spot-check')).toBe('0') // requires fails → otherwise 0
    expect(item(score(full({ townshipSamplingRatio: 0.299999 }), zero), 'township-spot-check')).toBe('0')
    expect(item(score(full({ townshipSamplingRatio: 0.3, townshipPassRate: 0.875 }), zero), 'township-spot-check')).toBe('7') // 2.5 → ceil 3
  })

  it('minSamplingRatio = 0.25: a sampling ratio of 0.29 is enough → 10', () => {
    expect(item(score(full({ townshipSamplingRatio: 0.29 }), { params: { minSamplingRatio: 0.25 } }), 'township-spot-check')).toBe('10')
    expect(item(score(full({ townshipSamplingRatio: 0.29 }), { params: { minSamplingRatio: 0.25, samplingShortfall: 'zero' } }), 'township-spot-check')).toBe('10')
  })
})

describe('三(一)3 省級以上開發區驗收: 抽檢合格率達到100% → 3', () => {
  it('1 → 3; 0.999999, just below 100% → 0', () => {
    expect(item(score(full({ devZonePassRate: 1 })), 'dev-zone-acceptance')).toBe('3')
    const r = score(full({ devZonePassRate: 0.999999 }))
    expect(item(r, 'dev-zone-acceptance')).toBe('0')
    expect(r.exactTotal).toBe('97') // 100 − 3
  })

  it('no provincial-level development zone: 不適用, (一) rescaled over the other 47 points', () => {
    // full marks on the other six: 47 of 47 → 47 × 50 ÷ 47 = 50; total 100 (no penalty for having no zone)
    const a = score({ ...full(), notApplicable: ['dev-zone-acceptance'] })
    expect(item(a, 'key-targets')).toBe('50')
    expect(a.exactTotal).toBe('100')
    // without the demonstration unit: 3 + 10 + 7 + 10 + 5 + 5 = 40 of 47 → 40 × 50 ÷ 47 = 42.5531914… → 42.553191
    // (6 places half-even); total 42.553191 + 50 = 92.553191 → 92.55
    const b = score({ ...full({ provincialDemonstration: false }), notApplicable: ['dev-zone-acceptance'] })
    expect(item(b, 'key-targets')).toBe('42.553191')
    expect(b.exactTotal).toBe('92.553191')
    expect(b.total).toBe('92.55')
  })
})

describe('三(一)4 聯網直報 ≥ 95% → 7; 三(一)5 村(居) ≥ 50% → 10', () => {
  it('聯網直報: exactly 0.95 → 7; 0.949999 → 0', () => {
    expect(item(score(full({ onlineQualifiedRate: 0.95 })), 'online-reporting')).toBe('7')
    const r = score(full({ onlineQualifiedRate: 0.949999 }))
    expect(item(r, 'online-reporting')).toBe('0')
    expect(r.exactTotal).toBe('93') // 100 − 7
  })

  it('村(居): exactly 0.50 → 10; 0.499999 → 0', () => {
    expect(item(score(full({ villageQualifiedRate: 0.5 })), 'village-standardisation')).toBe('10')
    const r = score(full({ villageQualifiedRate: 0.499999 }))
    expect(item(r, 'village-standardisation')).toBe('0')
    expect(r.exactTotal).toBe('90') // 100 − 10
  })
})

describe('三(一)6 首席統計員: 全部完成 5; 41%–99% by coefficient; below 40% nothing', () => {
  it('band edges with the defaults: 0.40 → 2, 0.405 → 2.025, 0.41 → 2.05, 0.999 → 4.995, 1 → 5', () => {
    // bands [1, 1] → 5; [0.40, 1) → 5 × rate; [0, 0.40) → 0 (chiefAllFrom 1, chiefCoefficientFrom 0.40)
    const cases: [number, string][] = [
      [0.4, '2'], // 5 × 0.40: the coefficient band includes 40% (the gap [40%, 41%) settled)
      [0.405, '2.025'], // 5 × 0.405
      [0.41, '2.05'], // 5 × 0.41
      [0.999, '4.995'], // 5 × 0.999: not 「全部完成」
      [1, '5'], // 全部完成
    ]
    for (const [rate, points] of cases) expect(item(score(full({ chiefStatisticianRate: rate })), 'chief-statisticians'), String(rate)).toBe(points)
    // 0.999: (一) 49.995, total 99.995 → 100.00 (half-up)
    expect(score(full({ chiefStatisticianRate: 0.999 })).total).toBe('100.00')
  })

  it('below 40% nothing: 0.399999 → 0; 0 → 0', () => {
    expect(item(score(full({ chiefStatisticianRate: 0.399999 })), 'chief-statisticians')).toBe('0')
    expect(item(score(full({ chiefStatisticianRate: 0 })), 'chief-statisticians')).toBe('0')
  })

  it('chiefCoefficientFrom = 0.41: [40%, 41%) scores nothing (0.40, 0.405 → 0), 0.41 → 2.05', () => {
    const opts = { params: { chiefCoefficientFrom: 0.41 } }
    expect(item(score(full({ chiefStatisticianRate: 0.4 }), opts), 'chief-statisticians')).toBe('0')
    expect(item(score(full({ chiefStatisticianRate: 0.405 }), opts), 'chief-statisticians')).toBe('0')
    expect(item(score(full({ chiefStatisticianRate: 0.41 }), opts), 'chief-statisticians')).toBe('2.05')
  })

  it('chiefAllFrom = 0.99: 99% and 99.5% count as 「全部完成」 → 5; 0.989999 → 4.949995', () => {
    // bands [0.99, 1] → 5; [0.40, 0.99) → 5 × rate
    const opts = { params: { chiefAllFrom: 0.99 } }
    expect(item(score(full({ chiefStatisticianRate: 0.99 }), opts), 'chief-statisticians')).toBe('5')
    expect(item(score(full({ chiefStatisticianRate: 0.995 }), opts), 'chief-statisticians')).toBe('5')
    expect(item(score(full({ chiefStatisticianRate: 0.989999 }), opts), 'chief-statisticians')).toBe('4.949995')
    // with the default (chiefAllFrom 1), 0.995 is scored by coefficient: 5 × 0.995 = 4.975
    expect(item(score(full({ chiefStatisticianRate: 0.995 })), 'chief-statisticians')).toBe('4.975')
  })
})

describe('三(一)7 虛擬調查隊申報組建 (5)', () => {
  it('completed → 5; not completed → 0', () => {
    expect(item(score(full()), 'virtual-survey-team')).toBe('5')
    const r = score(full({ virtualSurveyTeam: false }))
    expect(item(r, 'virtual-survey-team')).toBe('0')
    expect(r.exactTotal).toBe('95')
  })
})

describe('三(二) 工作環節考評: ten judged scores within the ranges the method gives', () => {
  it('ranges 1—3, 1—3, 1—15, 1—4, 1—5, 1—5, 1—5, 1—3, 1—3, 1—4 add up to 50', () => {
    const workLinks = rubric.items[1]!
    const ranges = workLinks.kind === 'section' ? workLinks.items.map((i) => [i.id, i.min, i.max]) : []
    expect(ranges).toEqual([
      ['materials', 1, 3],
      ['ledger', 1, 3],
      ['achievements', 1, 15],
      ['county-applications', 1, 4],
      ['enterprise-acceptance', 1, 5],
      ['work-information', 1, 5],
      ['classified-guidance', 1, 5],
      ['look-back', 1, 3],
      ['provincial-showcase', 1, 3],
      ['regulation-measures', 1, 4],
    ])
    expect(ranges.reduce((sum, r) => sum + (r[2] as number), 0)).toBe(50)
  })

  it('every score at the bottom of its range: (二) = 10, total 60', () => {
    const r = score(full(LOWEST))
    expect(item(r, 'work-links')).toBe('10') // 10 items × 1
    expect(r.exactTotal).toBe('60') // 50 + 10 + 0
  })

  it('a score above its range is clamped to the top with a warning: achievements 16 → 15', () => {
    const r = score(full({ achievements: 16 }))
    expect(item(r, 'achievements')).toBe('15')
    expect(r.exactTotal).toBe('100')
    expect(r.warnings.filter((w) => w.code === 'JUDGED_CLAMPED')).toHaveLength(1)
  })

  it('a score below its range is clamped to the bottom with a warning: provincialShowcase 0 → 1', () => {
    // 三(二)9 is 1—3: 0 → 1; (二) 50 − 3 + 1 = 48; total 98
    const r = score(full({ provincialShowcase: 0 }))
    expect(item(r, 'provincial-showcase')).toBe('1')
    expect(r.exactTotal).toBe('98')
    expect(r.warnings.map((w) => w.code)).toContain('JUDGED_CLAMPED')
  })

  it('half points are kept exactly: achievements 12.5 → (二) 47.5', () => {
    const r = score(full({ achievements: 12.5 }))
    expect(item(r, 'achievements')).toBe('12.5')
    expect(item(r, 'work-links')).toBe('47.5') // 50 − 15 + 12.5
    expect(r.total).toBe('97.50')
  })
})

describe('三(三) 工作創新創優: bonus points, capped at 10', () => {
  it('an innovation 2, a national adoption 3, a provincial adoption 2 (the default parameters)', () => {
    const r = score({
      ...full(),
      records: { innovations: [innovation('innovation', '2017-03-01'), innovation('national-adoption', '2017-06-01'), innovation('provincial-adoption', '2017-09-01')] },
    })
    expect(item(r, 'innovation')).toBe('7') // 2 + 3 + 2
    expect(r.exactTotal).toBe('107')
  })

  it('capped at 10: five innovations give exactly 10, six (12) are capped at 10; total at most 110', () => {
    const five = Array.from({ length: 5 }, (_, i) => innovation('innovation', `2017-0${i + 1}-15`))
    expect(item(score({ ...full(), records: { innovations: five } }), 'innovation')).toBe('10') // 5 × 2
    const six = [...five, innovation('innovation', '2017-07-15')]
    const r = score({ ...full(), records: { innovations: six } })
    expect(item(r, 'innovation')).toBe('10') // 6 × 2 = 12 → cap 10
    expect(r.exactTotal).toBe('110') // 50 + 50 + 10
  })

  it('only records dated in 2017 count: 2016-12-31 and 2018-01-01 are outside, 2017-01-01 and 2017-12-31 inside', () => {
    // 二、考評時限 2017-01-01 … 2017-12-31; 四(一) materials are dated by 發文日期或上報時間 (the record's date)
    const r = score({
      ...full(),
      records: {
        innovations: [
          innovation('innovation', '2016-12-31'), // outside
          innovation('innovation', '2017-01-01'), // 2
          innovation('national-adoption', '2017-12-31'), // 3
          innovation('national-adoption', '2018-01-01'), // outside
        ],
      },
    })
    expect(item(r, 'innovation')).toBe('5') // 2 + 3
  })

  it('one piece adopted by several outlets counts once, at its highest points; two pieces count twice', () => {
    // 一篇信息多處采用: records with the same title are one piece (records.innovations.key: title, dedupe: true).
    // 「統計分析A」 adopted nationally (3) and provincially (2) → once, at 3; 「統計分析B」 provincially → 2. 3 + 2 = 5.
    const piece = (title: string, kind: string, date: string): Row => ({ title, kind, date })
    const r = score({
      ...full(),
      records: { innovations: [piece('統計分析A', 'provincial-adoption', '2017-05-01'), piece('統計分析A', 'national-adoption', '2017-06-01'), piece('統計分析B', 'provincial-adoption', '2017-07-01')] },
    })
    expect(item(r, 'innovation')).toBe('5')
    expect(r.exactTotal).toBe('105') // 100 + 5
  })

  it('the points are parameters: innovationPoints 3, nationalAdoptionPoints 4, provincialAdoptionPoints 1 → 8', () => {
    const r = score(
      { ...full(), records: { innovations: [innovation('innovation', '2017-03-01'), innovation('national-adoption', '2017-06-01'), innovation('provincial-adoption', '2017-09-01')] } },
      { params: { innovationPoints: 3, nationalAdoptionPoints: 4, provincialAdoptionPoints: 1 } },
    )
    expect(item(r, 'innovation')).toBe('8') // 3 + 4 + 1
  })
})

describe('四 獎項設置: 優秀 2–3 and 良好 3–4 by rank, then 合格 (≥ 60) and 不合格', () => {
  it('優秀 takes up to 3, 良好 up to 4 of the rest, the others by threshold', () => {
    // totals 100, 99, …, 93 (85 + achievements 15 … 8), 60 (every judged score at 1), 59.99 (and 三(一)6 at 0.998:
    // 5 × 0.998 = 4.99 → (一) 49.99). 優秀: every bureau is a candidate (no least score by default), take 3 → 100,
    // 99, 98. 良好: take 4 of the rest → 97, 96, 95, 94. 93: both quotas are full → threshold 合格. 60 → 合格 (≥ 60);
    // 59.99 → 不合格.
    const c = cohort([
      ...[15, 14, 13, 12, 11, 10, 9, 8].map((a, i) => withAchievements(`s${i + 1}`, a)),
      full(LOWEST, 'sixty'),
      full({ ...LOWEST, chiefStatisticianRate: 0.998 }, 'below'),
    ])
    expect(grades(c)).toEqual({
      s1: ['100.00', '優秀'],
      s2: ['99.00', '優秀'],
      s3: ['98.00', '優秀'],
      s4: ['97.00', '良好'],
      s5: ['96.00', '良好'],
      s6: ['95.00', '良好'],
      s7: ['94.00', '良好'],
      s8: ['93.00', '合格'],
      sixty: ['60.00', '合格'],
      below: ['59.99', '不合格'],
    })
    expect(c.subjects.find((s) => s.subject.id === 's8')!.gradeBasis).toBe('threshold')
    expect(c.subjects.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it('no least score by default (the method names none): the top 3 are 優秀 and the next 4 良好, whatever their totals', () => {
    // 優秀 2-3名 / 良好 3-4名 only: totals 95, 89, 88, 87, 86, 85, 84, 83 → 優秀 95, 89, 88; 良好 87, 86, 85, 84;
    // 83 → 合格 (threshold, ≥ 60). With the bars 90 / 80 (below) only 95 would be 優秀.
    // 三(二)3 achievements 10, 4, 3, 2, 1 → 95 … 86; then materials 2 (−1) → 85, materials 1 (−2) → 84, and ledger 2 (−1) → 83
    const c = cohort([
      ...[10, 4, 3, 2, 1].map((a, i) => withAchievements(`s${i + 1}`, a)),
      full({ achievements: 1, materials: 2 }, 's6'),
      full({ achievements: 1, materials: 1 }, 's7'),
      full({ achievements: 1, materials: 1, ledger: 2 }, 's8'),
    ])
    expect(grades(c)).toEqual({
      s1: ['95.00', '優秀'],
      s2: ['89.00', '優秀'],
      s3: ['88.00', '優秀'],
      s4: ['87.00', '良好'],
      s5: ['86.00', '良好'],
      s6: ['85.00', '良好'],
      s7: ['84.00', '良好'],
      s8: ['83.00', '合格'],
    })
    expect(c.warnings.filter((w) => w.code === 'QUOTA_TIE')).toEqual([])
  })

  it('minScore: 優秀 needs ≥ 90 and 良好 ≥ 80, both inclusive: 95 and 90 優秀; 89, 86 and 80 良好; 79.99 合格', () => {
    // with --param excellentMinScore=90 --param goodMinScore=80 (the bars are a parameter, off by default)
    // 80: achievements 1 (86) and materials 1, ledger 1, countyApplications 2 (−2 −2 −2) → 80;
    // 79.99: the same with 三(一)6 at 0.998 (−0.01). 優秀: 2 candidates (= min 2) → both. 良好: 3 (= min 3) → all.
    const eighty = { achievements: 1, materials: 1, ledger: 1, countyApplications: 2 }
    const c = cohort([
      withAchievements('a', 10),
      withAchievements('b', 5),
      withAchievements('c', 4),
      withAchievements('d', 1),
      full(eighty, 'e'),
      full({ ...eighty, chiefStatisticianRate: 0.998 }, 'f'),
    ], { params: { excellentMinScore: 90, goodMinScore: 80 } })
    expect(grades(c)).toEqual({
      a: ['95.00', '優秀'],
      b: ['90.00', '優秀'],
      c: ['89.00', '良好'],
      d: ['86.00', '良好'],
      e: ['80.00', '良好'],
      f: ['79.99', '合格'],
    })
    expect(c.warnings.filter((w) => w.code === 'QUOTA_TIE')).toEqual([])
  })

  it('fewer than 2 reach 90: the one who does is 優秀, and 良好 takes the 2 left, each with a QUOTA_TIE warning', () => {
    // 優秀: only 95 ≥ 90 → 1 < min 2 → all 1 get it (warning). 良好: 89, 88 ≥ 80 → 2 < min 3 → both (warning).
    // with the bars 90 / 80 set by parameter
    const c = cohort([withAchievements('a', 10), withAchievements('b', 4), withAchievements('c', 3)], { params: { excellentMinScore: 90, goodMinScore: 80 } })
    expect(grades(c)).toEqual({ a: ['95.00', '優秀'], b: ['89.00', '良好'], c: ['88.00', '良好'] })
    expect(c.warnings.filter((w) => w.code === 'QUOTA_TIE' && w.severity === 'warning')).toHaveLength(2)
  })

  it('the published total decides: exact 89.995 is published 90.00 and reaches 優秀; 89.994 (89.99) does not', () => {
    // a: 三(一)6 0.999 → 4.995, (一) 49.995; achievements 5 → (二) 40: 89.995 → 90.00 (half-up) ≥ 90
    // b: 三(一)6 0.9988 → 5 × 0.9988 = 4.994: 89.994 → 89.99 < 90 → 良好 (≥ 80; 1 < 3 candidates, warning)
    // c: 95. 優秀: c and a (2 = min) → both.
    const c = cohort([
      full({ chiefStatisticianRate: 0.999, achievements: 5 }, 'a'),
      full({ chiefStatisticianRate: 0.9988, achievements: 5 }, 'b'),
      withAchievements('c', 10),
    ], { params: { excellentMinScore: 90, goodMinScore: 80 } }) // with the bar 90 set by parameter
    const a = c.subjects.find((s) => s.subject.id === 'a')!
    expect([a.exactTotal, a.total, a.grade]).toEqual(['89.995', '90.00', '優秀'])
    expect(grades(c)).toEqual({ a: ['90.00', '優秀'], b: ['89.99', '良好'], c: ['95.00', '優秀'] })
  })

  it('a tie at the 良好 boundary (within-range): five candidates, places 4 and 5 tied → 3 get 良好', () => {
    // 優秀: 100, 99, 98. 良好 candidates 89, 88, 87, 86, 86 (achievements 4, 3, 2, 1, 1): 4 are wanted but places 4
    // and 5 are tied at 86. within-range: taking both gives 5 > 4; leaving both out gives 3 ≥ min 3 → 89, 88, 87.
    // The two at 86 keep their threshold grade 合格. Competition ranks: 86 and 86 share rank 7.
    const c = cohort([15, 14, 13, 4, 3, 2, 1, 1].map((a, i) => withAchievements(`s${i + 1}`, a)))
    expect(c.subjects.map((s) => [s.total, s.grade, s.rank])).toEqual([
      ['100.00', '優秀', 1],
      ['99.00', '優秀', 2],
      ['98.00', '優秀', 3],
      ['89.00', '良好', 4],
      ['88.00', '良好', 5],
      ['87.00', '良好', 6],
      ['86.00', '合格', 7],
      ['86.00', '合格', 7],
    ])
    expect(c.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'QUOTA_TIE', severity: 'info' })]))
  })

  it('excellentMinScore = 95 and goodMinScore = 90: 96 優秀; 94 and 91 良好; 89 合格', () => {
    // defaults (no bars) give 優秀 96, 94, 91 (the top 3) and 良好 89 (1 < min 3, warning).
    // 優秀 ≥ 95: only 96 (1 < 2, warning). 良好 ≥ 90: 94, 91 (2 < 3, warning). 89 → 合格 (threshold).
    const subjects = [withAchievements('a', 11), withAchievements('b', 9), withAchievements('c', 6), withAchievements('d', 4)]
    expect(grades(cohort(subjects))).toEqual({ a: ['96.00', '優秀'], b: ['94.00', '優秀'], c: ['91.00', '優秀'], d: ['89.00', '良好'] })
    expect(grades(cohort(subjects, { params: { excellentMinScore: 95, goodMinScore: 90 } }))).toEqual({
      a: ['96.00', '優秀'],
      b: ['94.00', '良好'],
      c: ['91.00', '良好'],
      d: ['89.00', '合格'],
    })
  })

  it('合格 bar (passMark 60): exactly 60 → 合格, 59.99 → 不合格; with passMark 55, 59.99 → 合格', () => {
    // scored alone, a bureau gets no grade (the ranked quotas need the cohort): the thresholds' grade is its
    // provisional grade
    expect(score(full(LOWEST)).provisionalGrade).toBe('合格') // 60.00 ≥ 60
    const below = full({ ...LOWEST, chiefStatisticianRate: 0.998 }) // 59.99
    const r = score(below)
    expect([r.total, r.grade, r.provisionalGrade]).toEqual(['59.99', null, '不合格'])
    expect(r.gradeReason).toContain('not 合格: total 59.99 < 60')
    expect(score(below, { params: { passMark: 55 } }).provisionalGrade).toBe('合格')
  })

  it('scored alone, a bureau gets no grade (QUOTA_NEEDS_COHORT): 100 is 合格 by thresholds, provisionally', () => {
    // 優秀 and 良好 come only from their ranked quotas, which need the cohort: alone, the thresholds would say 合格,
    // where a cohort (even of one) gives 優秀 — so no grade, the thresholds' 合格 marked provisional, and why
    const r = score(full())
    expect([r.total, r.grade, r.gradeBasis, r.provisionalGrade]).toEqual(['100.00', null, 'provisional', '合格'])
    expect(r.gradeReason).toMatch(/^no grade alone: ranked quotas \(優秀, 良好\) grade over the cohort \(evaluateCohort\); by thresholds alone, 合格 \(/)
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'QUOTA_NEEDS_COHORT', severity: 'warning' })])
    expect(JSON.parse(JSON.stringify(r))).toMatchObject({ grade: null, gradeBasis: 'provisional', provisionalGrade: '合格' })
    // in a cohort (even of one) the quotas apply: rank 1 → 優秀
    expect(cohort([full()]).subjects[0]!.grade).toBe('優秀')
  })
})

describe('四(一) 自測自評 beside the city bureau\'s scoring (四(二))', () => {
  it('the self-assessment total and the differences, self − city bureau', () => {
    // city bureau: no demonstration unit (0 of 7), pass rate 0.875 (ceil → 7): (一) 3 + 7 + 3 + 7 + 10 + 5 + 5 = 40,
    // total 90. The bureau's own claims: demonstration unit, 0.90 → (一) 50, total 100.
    const r = score({ ...full({ provincialDemonstration: false, townshipPassRate: 0.875 }), self: { facts: { provincialDemonstration: true, townshipPassRate: 0.9 } } })
    expect(r.total).toBe('90.00')
    expect(r.self?.total).toBe('100.00')
    expect(r.differences?.map((d) => [d.item, d.self, d.assessor, d.difference])).toEqual([
      ['key-targets', '50', '40', '10'],
      ['county-standardisation', '10', '3', '7'],
      ['provincial-demonstration', '7', '0', '7'],
      ['township-spot-check', '10', '7', '3'],
    ])
  })
})
