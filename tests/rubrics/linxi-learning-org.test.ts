// Boundary cases for rubrics/linxi-learning-org.yaml, 第二篇 創建學習型機關考評辦法 (林西縣農業局).
// Every expectation is worked by hand in the comment beside it, citing the clause. The point split inside each
// area is the rubric's own choice (三; see the notes in the rubric):
//   三1 行政推動工作 25 = 組織機構 3 + 領導總負責 3 + 計劃 4 + 實施方案 4 + 動員會 3 + 考評檢查辦法 4 + 檢查記錄 4
//   三2 學習載體建設 30 = 集中學習 15 (安排 2 + 1次/月 6 + 記錄 2 + 筆記 2 + 參學率 3) + 推薦書目 4 + 業務培訓 4
//                          + 閱覽室(柜) 3 + 交流研討 4
//   三3 學習機制建立 15 = 學習制度 4 + 與考核相結合 4 + 創新學習機制 3 + 人員培訓 2 + 經費落實 2
//   三4 學習成效體現 30 = 工作創新效率服務 6 + 調研報告 4 + 內部管理制度 3 + 社會公德 3 + 無嚴重違紀違法 3
//                          + 全面完成目標任務 5 + 民主測評 6
// The default assessed span is the year-end evaluation of 2012: 2012-07-01 … 2012-12-31 (四 半年、年底各一次).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileRubric, loadRubric, type Evaluator, type EvaluateOptions, type ItemResult, type SubjectResult } from '../../src/index'
import { item as itemById } from '../kinds/helpers'

const file = join(__dirname, '..', '..', 'rubrics', 'linxi-learning-org.yaml')
const loaded = loadRubric(readFileSync(file, 'utf8'), { file })
if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, null, 2))
const rubric = loaded.value.rubric

function evaluatorWith(params: Record<string, unknown> = {}): Evaluator {
  const c = compileRubric(rubric, { params })
  if (!c.ok) throw new Error(JSON.stringify(c.diagnostics, null, 2))
  return c.value
}
const ev = evaluatorWith()

type Row = Record<string, unknown>
type Subject = { id: string; facts: Record<string, unknown>; records: Record<string, Row[]>; self?: { facts?: Record<string, unknown>; records?: Record<string, Row[]> } }

const session = (date: string, extra: Row = {}): Row => ({ topic: '集中學習', date, expected: 10, attended: 10, recorded: true, ...extra })
const months = ['07', '08', '09', '10', '11', '12']

/** A station that meets every item: 25 + 30 + 15 + 30 = 100. */
function full(): Subject {
  return {
    id: 's1',
    facts: {
      orgStructure: true, leaderResponsible: true, creationPlan: true, implementationPlan: true,
      mobilisationMeeting: true, assessmentMethod: true, inspectionRecords: true,
      studyArrangement: true, studyNotes: true, studyAttendanceRate: 1, businessTraining: 4, readingRoom: true, exchangeSeminars: 4,
      studyRules: true, appraisalLinked: true, mechanismInnovation: 3, staffTraining: true, fundingInPlace: true,
      workImprovement: 6, internalRules: true, socialMorality: true, targetsCompleted: true, satisfactionRate: 1,
    },
    records: {
      studySessions: months.map((m) => session(`2012-${m}-10`)),
      recommendedBooks: ['《第五項修煉》', '《學習型組織》', '《細節決定成敗》', '《執行力》', '《中國共產黨章程》'].map((book, i) => ({ book, date: `2012-${months[i]}-15` })),
      researchReports: [{ title: '調研報告', date: '2012-11-20' }],
      violations: [],
    },
  }
}

function withFacts(facts: Record<string, unknown>): Subject {
  const s = full()
  return { ...s, facts: { ...s.facts, ...facts } }
}
function withRecords(records: Record<string, Row[]>): Subject {
  const s = full()
  return { ...s, records: { ...s.records, ...records } }
}

function score(s: Subject, opts?: EvaluateOptions, e: Evaluator = ev): SubjectResult {
  const r = e.evaluate(s, opts)
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2))
  return r.value
}

/** The score of the item with this id, anywhere in the result tree. */
const item = (r: { items: ItemResult[] }, id: string): string => itemById(r, id).score

describe('linxi-learning-org: the rubric', () => {
  it('loads with no findings (no errors, no warnings)', () => {
    expect(loaded.ok && loaded.value.warnings).toEqual([])
  })

  it('三: four areas 25 / 30 / 15 / 30 = 100', () => {
    expect(rubric.total).toBe(100)
    expect(rubric.items.map((i) => [i.id, i.max])).toEqual([
      ['administration', 25],
      ['carriers', 30],
      ['mechanisms', 15],
      ['outcomes', 30],
    ])
  })

  it('a station meeting every item scores 100 and is 先進', () => {
    const r = score(full())
    expect(r.exactTotal).toBe('100') // 25 + 30 + 15 + 30
    expect(r.grade).toBe('先進') // 四3、五: 100 ≥ advancedMin 90
    expect(r.eligible).toBe(true)
  })
})

describe('三1 行政推動工作 (25): seven checklist items', () => {
  it('each missing item loses its points', () => {
    // 三1: no 計劃 (4) and no 檢查記錄 (4) → 25 − 8 = 17
    const r = score(withFacts({ creationPlan: false, inspectionRecords: false }))
    expect(item(r, 'creation-plan')).toBe('0')
    expect(item(r, 'inspection-records')).toBe('0')
    expect(item(r, 'administration')).toBe('17')
  })
  it('none in place → 0', () => {
    // 三1: all seven false → 0 of 25; total 100 − 25 = 75 → 合格
    const r = score(withFacts({ orgStructure: false, leaderResponsible: false, creationPlan: false, implementationPlan: false, mobilisationMeeting: false, assessmentMethod: false, inspectionRecords: false }))
    expect(item(r, 'administration')).toBe('0')
    expect(r.exactTotal).toBe('75')
    expect(r.grade).toBe('合格')
  })
})

describe('三2 集中學習 1次/月 (the monthly quota, 6 points)', () => {
  it('one session in every month of the half-year → 6, shortfall 0', () => {
    const r = score(full())
    expect(item(r, 'monthly-study-held')).toBe('6')
    expect(r.quotas![0]).toMatchObject({ id: 'monthly-study', count: 6, required: 1, shortfall: 0 })
  })
  it('no session in August and October → short 2 → 6 − 2 × 1 = 4', () => {
    // 三2 1次/月: months 07 09 11 12 held, 08 and 10 missed
    const r = score(withRecords({ studySessions: ['07', '09', '11', '12'].map((m) => session(`2012-${m}-10`)) }))
    expect(item(r, 'monthly-study-held')).toBe('4')
    expect(r.quotas![0]!.shortfall).toBe(2)
    expect(r.quotas![0]!.periods!.filter((p) => p.short > 0).map((p) => p.period)).toEqual(['2012-08', '2012-10'])
  })
  it('two sessions in one month do not make up for a month without one', () => {
    // 三2 1次/月: July ×2, August none, Sept–Dec one each → 6 sessions, but short 1 → 5
    const sessions = [session('2012-07-05'), session('2012-07-25'), ...['09', '10', '11', '12'].map((m) => session(`2012-${m}-10`))]
    const r = score(withRecords({ studySessions: sessions }))
    expect(r.quotas![0]).toMatchObject({ count: 6, shortfall: 1 })
    expect(item(r, 'monthly-study-held')).toBe('5')
  })
  it('a session dated 30 June is outside the year-end span and does not count for July', () => {
    // span 2012-07-01 … 2012-12-31: 2012-06-30 is not counted → July short → 5
    const sessions = [session('2012-06-30'), ...['08', '09', '10', '11', '12'].map((m) => session(`2012-${m}-10`))]
    const r = score(withRecords({ studySessions: sessions }))
    expect(r.quotas![0]).toMatchObject({ count: 5, shortfall: 1 })
    expect(item(r, 'monthly-study-held')).toBe('5')
  })
  it('no session at all → short 6 → 6 − 6 = 0; the 記錄 check fails too (no session)', () => {
    const r = score(withRecords({ studySessions: [] }))
    expect(item(r, 'monthly-study-held')).toBe('0')
    expect(item(r, 'study-minutes')).toBe('0')
  })
  it('missedStudyPoints = 0.5: short 2 → 6 − 1 = 5', () => {
    const e = evaluatorWith({ missedStudyPoints: 0.5 })
    const r = score(withRecords({ studySessions: ['07', '09', '11', '12'].map((m) => session(`2012-${m}-10`)) }), undefined, e)
    expect(item(r, 'monthly-study-held')).toBe('5')
  })
  it('the half-year evaluation (四 半年) is the span 2012-01-01 … 2012-06-30: its months are January–June', () => {
    // the year-end records (July–December) are outside this span → short 6 → 0; a January–May record set → short 1 (June) → 5
    const half = { period: { from: '2012-01-01', to: '2012-06-30' } }
    expect(item(score(full(), half), 'monthly-study-held')).toBe('0')
    const r = score(withRecords({ studySessions: ['01', '02', '03', '04', '05'].map((m) => session(`2012-${m}-10`)) }), half)
    expect(r.quotas![0]!.periods!.map((p) => p.period)).toEqual(['2012-01', '2012-02', '2012-03', '2012-04', '2012-05', '2012-06'])
    expect(item(r, 'monthly-study-held')).toBe('5')
  })
  it('a whole-year span counts 12 months; 7 missed → 6 − 7 = −1 → floor 0', () => {
    const year = { period: { from: '2012-01-01', to: '2012-12-31' } }
    const r = score(withRecords({ studySessions: ['01', '03', '05', '07', '09'].map((m) => session(`2012-${m}-10`)) }), year)
    expect(r.quotas![0]!.periods!.length).toBe(12)
    expect(r.quotas![0]!.shortfall).toBe(7)
    expect(item(r, 'monthly-study-held')).toBe('0')
  })
})

describe('三2 集中學習 記錄 / 參學率', () => {
  it('記錄: one session without a written record → 0 of 2', () => {
    const sessions = months.map((m) => session(`2012-${m}-10`, m === '09' ? { recorded: false } : {}))
    expect(item(score(withRecords({ studySessions: sessions })), 'study-minutes')).toBe('0')
  })
  it('參學率 bands: 1 and 0.9 → 3; 0.899999 → 3 × 0.899999; 0.75 → 2.25; 0.6 → 1.8; 0.599999 → 0', () => {
    const att = (rate: number | string) => item(score(withFacts({ studyAttendanceRate: rate })), 'study-attendance')
    expect(att(1)).toBe('3') // [0.90, 1] → 3
    expect(att(0.9)).toBe('3') // exactly the bar belongs to the full band
    expect(att('0.899999')).toBe('2.699997') // [0.60, 0.90): 3 × 0.899999
    expect(att(0.75)).toBe('2.25') // 3 × 0.75
    expect(att(0.6)).toBe('1.8') // the coefficient band includes 60%: 3 × 0.6
    expect(att('0.599999')).toBe('0') // [0, 0.60) → 0
  })
  it('attendanceCoefficientFrom = 0.70: 0.65 → 0', () => {
    const e = evaluatorWith({ attendanceCoefficientFrom: 0.7 })
    expect(item(score(withFacts({ studyAttendanceRate: 0.65 }), undefined, e), 'study-attendance')).toBe('0')
  })
})

describe('三2 向干部職工推薦書目(不少于5本)', () => {
  const books = (n: number, date = '2012-09-01') => Array.from({ length: n }, (_, i) => ({ book: `書${i + 1}`, date }))
  it('exactly 5 → 4; 4 → 0', () => {
    expect(item(score(withRecords({ recommendedBooks: books(5) })), 'recommended-books')).toBe('4')
    expect(item(score(withRecords({ recommendedBooks: books(4) })), 'recommended-books')).toBe('0')
  })
  it('5 listed but one recommended in June (before the span) → 4 counted → 0', () => {
    const list = [...books(4), { book: '書5', date: '2012-06-15' }]
    expect(item(score(withRecords({ recommendedBooks: list })), 'recommended-books')).toBe('0')
  })
  it('minBooks = 4: 4 books → 4', () => {
    expect(item(score(withRecords({ recommendedBooks: books(4) }), undefined, evaluatorWith({ minBooks: 4 })), 'recommended-books')).toBe('4')
  })
})

describe('judged items (the leading group\'s scores)', () => {
  it('a score above the range is clamped with a warning: 業務培訓 5 → 4', () => {
    const r = score(withFacts({ businessTraining: 5 }))
    expect(item(r, 'business-training')).toBe('4')
    expect(r.warnings.map((w) => w.code)).toContain('JUDGED_CLAMPED')
  })
  it('三3 創新學習機制 2.5 of 3, 三4 工作創新 4.5 of 6', () => {
    const r = score(withFacts({ mechanismInnovation: 2.5, workImprovement: 4.5 }))
    expect(item(r, 'mechanisms')).toBe('14.5') // 4 + 4 + 2.5 + 2 + 2
    expect(item(r, 'outcomes')).toBe('28.5') // 4.5 + 4 + 3 + 3 + 3 + 5 + 6
  })
})

describe('三3 學習機制建立 (15)', () => {
  it('人員培訓 and 經費落實 are two sub-items of 2 each', () => {
    // 三3 「人員培訓、經費落實情況」: funding missing → 15 − 2 = 13
    expect(item(score(withFacts({ fundingInPlace: false })), 'mechanisms')).toBe('13')
    // both missing, and not linked to appraisal → 15 − 2 − 2 − 4 = 7
    expect(item(score(withFacts({ fundingInPlace: false, staffTraining: false, appraisalLinked: false })), 'mechanisms')).toBe('7')
  })
})

describe('三4 學習成效體現: 調研報告, 民主測評', () => {
  it('有調研報告: none → 0; one in the span → 4; one dated 2013-01-05 → outside → 0', () => {
    expect(item(score(withRecords({ researchReports: [] })), 'research-report')).toBe('0')
    expect(item(score(full()), 'research-report')).toBe('4')
    expect(item(score(withRecords({ researchReports: [{ title: '年度調研', date: '2013-01-05' }] })), 'research-report')).toBe('0')
  })
  it('民主測評 bands: 0.9 → 6, 0.899 → 4, 0.8 → 4, 0.799 → 2, 0.7 → 2, 0.699 → 0', () => {
    const sat = (rate: number) => item(score(withFacts({ satisfactionRate: rate })), 'democratic-appraisal')
    expect(sat(0.9)).toBe('6') // [0.90, 1]
    expect(sat(0.899)).toBe('4') // [0.80, 0.90)
    expect(sat(0.8)).toBe('4')
    expect(sat(0.799)).toBe('2') // [0.70, 0.80)
    expect(sat(0.7)).toBe('2')
    expect(sat(0.699)).toBe('0') // [0, 0.70)
  })
  it('satisfactionHighFrom = 0.95: 0.92 → 4', () => {
    expect(item(score(withFacts({ satisfactionRate: 0.92 }), undefined, evaluatorWith({ satisfactionHighFrom: 0.95 })), 'democratic-appraisal')).toBe('4')
  })
  it('全面完成上級下達的各項工作目標任務: not completed → 0 of 5', () => {
    expect(item(score(withFacts({ targetsCompleted: false })), 'outcomes')).toBe('25')
  })
})

describe('三4 無嚴重違紀違法問題: 3 points; a veto only by parameter (violationVeto, default none)', () => {
  const violation = (date: string, serious = true) => ({ description: '違紀', date, serious })
  const barring = evaluatorWith({ violationVeto: 'bars-advanced' })
  const vetoing = evaluatorWith({ violationVeto: 'ineligible' })
  it('a serious violation in the span: 0 of 3 and nothing more by default (97 → 先進)', () => {
    const r = score(withRecords({ violations: [violation('2012-09-20')] }))
    expect(item(r, 'no-serious-violation')).toBe('0')
    expect(r.exactTotal).toBe('97') // 100 − 3
    expect(r.eligible).toBe(true)
    expect(r.gates).toMatchObject([{ id: 'violation-bars-advanced', passed: true }, { id: 'violation-veto', passed: true }])
    expect(r.grade).toBe('先進') // 97 ≥ 90: the text states no consequence beyond the 3 points
  })
  it('violationVeto = bars-advanced: the same station cannot be 先進 (97 → 合格)', () => {
    const r = score(withRecords({ violations: [violation('2012-09-20')] }), undefined, barring)
    expect(r.eligible).toBe(true)
    expect(r.gates).toMatchObject([{ id: 'violation-bars-advanced', passed: false }, { id: 'violation-veto', passed: true }])
    expect(r.grade).toBe('合格') // graded as if 先進 did not exist: 97 ≥ 60
  })
  it('violationVeto = ineligible: 不合格 whatever the score (97)', () => {
    const r = score(withRecords({ violations: [violation('2012-09-20')] }), undefined, vetoing)
    expect(r.eligible).toBe(false)
    expect(r.gates).toMatchObject([{ id: 'violation-bars-advanced', passed: true }, { id: 'violation-veto', passed: false }])
    expect(r.grade).toBe('不合格') // grades.ineligible: 批評, never 先進
  })
  it('a violation that is not serious: no effect', () => {
    const r = score(withRecords({ violations: [violation('2012-09-20', false)] }), undefined, vetoing)
    expect(item(r, 'no-serious-violation')).toBe('3')
    expect(r.eligible).toBe(true)
    expect(r.grade).toBe('先進')
  })
  it('a serious violation in March 2012 (first half): outside the span → still 3 points; vetoed only when switched on (within one year of 2012-12-31)', () => {
    const s = withRecords({ violations: [violation('2012-03-15')] })
    expect(item(score(s), 'no-serious-violation')).toBe('3')
    expect(score(s).grade).toBe('先進') // 100, no veto by default
    const r = score(s, undefined, vetoing)
    expect(r.exactTotal).toBe('100')
    expect(r.eligible).toBe(false)
    expect(r.grade).toBe('不合格')
  })
  it('the one-year window: 2012-01-01 is inside (vetoed), 2011-12-31 is not', () => {
    // within { years: 1 } as of 2012-12-31: dated after 2011-12-31 and on or before 2012-12-31
    expect(score(withRecords({ violations: [violation('2012-01-01')] }), undefined, vetoing).eligible).toBe(false)
    expect(score(withRecords({ violations: [violation('2011-12-31')] }), undefined, vetoing).eligible).toBe(true)
  })
})

describe('四3、五 grades: 先進 (表揚) / 合格 / 不合格 (批評)', () => {
  // full 100 − workImprovement 6 − businessTraining 4 = 90; then exchangeSeminars lowers the rest
  const at = (exchange: string) => withFacts({ workImprovement: 0, businessTraining: 0, exchangeSeminars: exchange })
  it('exactly 90 → 先進', () => {
    const r = score(at('4'))
    expect(r.total).toBe('90.00')
    expect(r.grade).toBe('先進')
  })
  it('89.995 rounds half-up to 90.00 → 先進 (grades use the rounded total)', () => {
    const r = score(at('3.995'))
    expect(r.exactTotal).toBe('89.995')
    expect(r.total).toBe('90.00')
    expect(r.grade).toBe('先進')
  })
  it('89.994 → 89.99 → 合格', () => {
    const r = score(at('3.994'))
    expect(r.total).toBe('89.99')
    expect(r.grade).toBe('合格')
  })
  it('passMark 60: 60 → 合格, 59.5 → 不合格 (批評)', () => {
    // 100 − 三1 25 − 三4 工作創新 6 − 調研 4 − 目標 5 = 60
    const sixty = withFacts({ orgStructure: false, leaderResponsible: false, creationPlan: false, implementationPlan: false, mobilisationMeeting: false, assessmentMethod: false, inspectionRecords: false, workImprovement: 0, targetsCompleted: false })
    sixty.records.researchReports = []
    expect(score(sixty).exactTotal).toBe('60')
    expect(score(sixty).grade).toBe('合格')
    sixty.facts.exchangeSeminars = 3.5 // 60 − 0.5
    expect(score(sixty).total).toBe('59.50')
    expect(score(sixty).grade).toBe('不合格')
  })
  it('advancedMin = 95: 92 → 合格', () => {
    const e = evaluatorWith({ advancedMin: 95 })
    const r = score(withFacts({ creationPlan: false, inspectionRecords: false }), undefined, e) // 100 − 8 = 92
    expect(r.grade).toBe('合格')
  })
})

describe('四1、四2 自評 beside 領導小組檢查考評', () => {
  it('the self total and the differences (self − leading group)', () => {
    // self claims 檢查記錄 (+4) and 參學率 0.90 (3 vs 3 × 0.875 = 2.625, +0.375)
    const s = withFacts({ inspectionRecords: false, studyAttendanceRate: 0.875 })
    s.self = { facts: { inspectionRecords: true, studyAttendanceRate: 0.9 } }
    const r = score(s)
    expect(r.exactTotal).toBe('95.625') // 100 − 4 − 0.375
    expect(r.self!.total).toBe('100.00')
    expect(r.differences).toEqual([
      { item: 'administration', title: '1、行政推動工作', self: '25', assessor: '21', difference: '4' },
      { item: 'inspection-records', title: '檢查記錄', self: '4', assessor: '0', difference: '4' },
      { item: 'carriers', title: '2、學習載體建設', self: '30', assessor: '29.625', difference: '0.375' },
      { item: 'central-study', title: '集中學習(安排、1次/月、記錄、筆記、人員參學率)', self: '15', assessor: '14.625', difference: '0.375' },
      { item: 'study-attendance', title: '人員參學率', self: '3', assessor: '2.625', difference: '0.375' },
    ])
  })
  it('self-claimed study records replace the group\'s: a claimed August session → self 6, group 5', () => {
    const s = withRecords({ studySessions: ['07', '09', '10', '11', '12'].map((m) => session(`2012-${m}-10`)) })
    s.self = { records: { ...s.records, studySessions: months.map((m) => session(`2012-${m}-10`)) } }
    const r = score(s)
    expect(item(r, 'monthly-study-held')).toBe('5')
    expect(r.self!.items['monthly-study-held']).toBe('6')
    expect(r.differences!.find((d) => d.item === 'monthly-study-held')!.difference).toBe('1')
  })
  it('a station scoring itself lower gives a negative difference', () => {
    const s = full()
    s.self = { facts: { workImprovement: 5 } }
    const r = score(s)
    expect(r.differences).toContainEqual({ item: 'work-improvement', title: '學習促進工作創新、提高工作效率和服務水平的效果明顯', self: '5', assessor: '6', difference: '-1' })
  })
})

describe('the cohort: ranks include the vetoed station', () => {
  it('a vetoed station (violationVeto = ineligible) keeps its rank but is 不合格', () => {
    const a = { ...withRecords({ violations: [{ description: '違紀', date: '2012-10-01', serious: true }] }), id: 'a' } // 97, vetoed
    const b = { ...withFacts({ creationPlan: false }), id: 'b' } // 96
    const r = evaluatorWith({ violationVeto: 'ineligible' }).evaluateCohort({ subjects: [a, b] })
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics))
    expect(r.value.subjects.map((s) => [s.subject.id, s.rank, s.grade])).toEqual([
      ['a', 1, '不合格'],
      ['b', 2, '先進'],
    ])
  })
})
