// Boundary cases for rubrics/grain-security-nonproducing-2018.yaml: the 2018 粮食安全省长责任制考核 scoring standard,
// 非产区 points (99 standards, 100 in all), graded by 国办发〔2015〕80号 第六条. Every expectation is worked by hand in
// the comment beside it, citing the standard. A province that meets every condition scores 100; each case changes
// only the facts it names, so the total is 100 minus the points lost.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileRubric, loadRubric, type Evaluator, type SubjectResult } from '../../src/index'
import { item as itemById } from '../kinds/helpers'

const file = join(__dirname, '..', '..', 'rubrics', 'grain-security-nonproducing-2018.yaml')
const loaded = loadRubric(readFileSync(file, 'utf8'), { file })
if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, null, 2))
const rubric = loaded.value.rubric

function evaluatorWith(params: Record<string, unknown> = {}): Evaluator {
  const c = compileRubric(rubric, { params })
  if (!c.ok) throw new Error(JSON.stringify(c.diagnostics, null, 2))
  return c.value
}
const ev = evaluatorWith()

/** Full marks: every condition met; no 育制种大县, no central repair subsidy, no 优质粮食工程 task (judged 3). */
const full: Record<string, unknown> = 
{
  s01Cultivated: 2818, s01CultivatedQuota: 2818, s02Farmland: 2400, s02Adjustable: 50, s02Quota: 2398,
  s03National: true, s03Provincial: true, s04FullCoverage: true, s04Area: 1200, s04LastArea: 1150,
  s05Network: true, s05Sites: 320, s05LastSites: 300, s06: true, s07Grade: 4.48, s07LastGrade: 4.52,
  s08Rate: 0.96, s09: true, s10Rate: 0.80, s10LastRate: 0.785,
  s11Area: 976, s11AreaAvg: 960, s11AreaMin: 900, s11LegalStats: true, s11Exempt: false,
  s12Output: 599, s12OutputAvg: 590, s12OutputMin: 560, s12LegalStats: true, s12Exempt: false,
  s13: true, s14Completion: 1, s15: true, s16: true, s17: true,
  seedCountyType: '无育制种大县', s18Policy: true, s18NanfanGroup: false, s18NanfanLand: false, s18NanfanFunds: false, s18NanfanDuty: false,
  s19Score: 4, s20: true, s21: true, s22: true, s23LargeRate: 0.95, s23OtherRate: 0.85, s24Area: 52, s24Target: 50, s25Score: 1.2,
  s26Paid: true, s26Violation: false, s27: true, s28: true, s29: true,
  s30Government: true, s30Department: true, s31: true, s32: true, s33: true, s34: true, s35Timely: true, s35Petition: false,
  s36Facilities: true, s36LatePlan: false, s36LateProgress: false, s36UnfinishedShare: 0, s36Unstarted: false, s36Accidents: 0, s36Irregular: 0,
  s37Upgrade: true, s37UnfinishedShare: 0, s37LateMonthly: false, s37Funds: false, s37Accident: false,
  s38Type: '其他省份', s38OwnWork: true, s38MeetsNeeds: true, s38Misuse: false, s38Severe: false,
  s39: true, s40: true, s41: true, s42: true, s43: true, s44: true, s45Done: true, s46: true, s47: true,
  s48: true, s49: true, s50: true, s51: true, s52: true, s53: true, s54: true,
  s55Troops: true, s55Mechanism: true, s55Mobilisation: true, s55Policy: true, s55Quality: true, s55Problem: false, s55Severe: false,
  s56: true, s57: true, s58: true, s59: true, s60: false, s61: true, s62: true, s63: false, s64: true, s65: true, s66Impact: false, s66Unhandled: false,
  s67StatsScore: 3.8, s67Praised: true, s67Fraud: false,
  s68: true, s69: true, s70: true, s71: true, s72: true, s73: true, s74: true, s75: true, s76: true, s77: true, s78: true, s79: true, s80: true,
  s81Ok: true, s82Ok: true, s83Outflow: false, s83Inflow: false, s84System: true, s84Incidents: 0, s84AutoSampling: false, s85Ok: true, s85Incidents: 0,
  s86: true, s87: true, s88: true, s89Type: '无建设任务', s89Judged: 3, s90: true, s91: true, s92: true, s93Enacted: true, s93Planned: false,
  s94: true, s95: true, s96: true, s97: true, s98: true, s99Signs: true, s99Events: true,
}

function score(facts: Record<string, unknown> = {}, e: Evaluator = ev, notApplicable: string[] = []): SubjectResult {
  const r = e.evaluate({ id: 'p', facts: { ...full, ...facts }, notApplicable })
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2))
  return r.value
}
const item = (r: SubjectResult, id: string): string => itemById(r, id).score

describe('grain-security-nonproducing-2018: the rubric', () => {
  it('loads with no findings (no errors, no warnings)', () => {
    expect(loaded.ok && loaded.value.warnings).toEqual([])
  })

  it('27 tasks (30 parts with 8.2, 14.2 and 24.3) whose 分值 add up to 100', () => {
    expect(rubric.total).toBe(100)
    expect(rubric.items.map((i) => [i.id, i.max])).toEqual([
      ['t01', 6], ['t02', 4], ['t03', 2], ['t04', 3], ['t05', 3], ['t06', 4], ['t07', 4], ['t08', 2.8], ['t08-2', 1.2], ['t09', 1],
      ['t10', 1], ['t11', 2], ['t12', 1], ['t13', 4], ['t14', 2.5], ['t14-2', 0.5], ['t15', 2], ['t16', 5], ['t17', 4], ['t18', 15],
      ['t19', 7], ['t20', 4], ['t21', 3], ['t22', 2], ['t23', 2], ['t24', 2.5], ['t24-3', 0.5], ['t25', 3], ['t26', 2], ['t27', 6],
    ])
  })

  it('分值合计: (33) and (34) are 0.25 each, as their text says (the copy lists 0.3)', () => {
    const r = score()
    expect([item(r, 's33'), item(r, 's34'), item(r, 't12')]).toEqual(['0.25', '0.25', '1'])
  })

  it('every condition met → 100, 优秀', () => {
    const r = score()
    expect([r.total, r.grade, r.bonus]).toEqual(['100.00', '优秀', undefined]) // no 另加分: the total never passes 100
  })
})

describe('grain-security-nonproducing-2018: 耕地 (1)—(7)', () => {
  it('(1) 大于或等于 the quota: equal → 3; 0.1 万亩 short → 0', () => {
    expect(item(score({ s01Cultivated: 2818, s01CultivatedQuota: 2818 }), 's01')).toBe('3')
    expect(item(score({ s01Cultivated: 2817.9, s01CultivatedQuota: 2818 }), 's01')).toBe('0')
  })

  it('(2) 3 with the farmland alone, 2 with the adjustable land added, else 0', () => {
    // 2398 ≥ 2398 → 2 + 1 = 3; 2304.8 + 94.7 = 2399.5 ≥ 2398 → 2; 2304.8 + 93.1 = 2397.9 < 2398 → 0
    expect(item(score({ s02Farmland: 2398, s02Adjustable: 0, s02Quota: 2398 }), 's02')).toBe('3')
    expect(item(score({ s02Farmland: 2304.8, s02Adjustable: 94.7, s02Quota: 2398 }), 's02')).toBe('2')
    expect(item(score({ s02Farmland: 2304.8, s02Adjustable: 93.1, s02Quota: 2398 }), 's02')).toBe('0')
  })

  it('(3) and (5) 在此基础上: the 0.2 needs the first part', () => {
    // provincial plan without the national one → 0 + 0; sites increased without a network → 0 + 0
    expect(item(score({ s03National: false, s03Provincial: true }), 's03')).toBe('0')
    expect(item(score({ s03National: true, s03Provincial: false }), 's03')).toBe('0.8')
    expect(item(score({ s05Network: false, s05Sites: 400 }), 's05')).toBe('0')
    expect(item(score({ s05Sites: 300, s05LastSites: 300 }), 's05')).toBe('1.3')
  })

  it('(4) full coverage 1; else an increase 0.8, and 10%以上 (10% included) 0.2 more', () => {
    // 110 = 100 × 1.1 exactly → 1; 109.99 → 0.8; 100 (no increase) → 0
    expect(item(score({ s04FullCoverage: false, s04Area: 110, s04LastArea: 100 }), 's04')).toBe('1')
    expect(item(score({ s04FullCoverage: false, s04Area: 109.99, s04LastArea: 100 }), 's04')).toBe('0.8')
    expect(item(score({ s04FullCoverage: false, s04Area: 100, s04LastArea: 100 }), 's04')).toBe('0')
    expect(item(score({ s04FullCoverage: true, s04Area: 90, s04LastArea: 100 }), 's04')).toBe('1')
  })

  it('(7) 提高 2, 持平 1.8, 降低: 0.6 off per 0.1 等 from 2, a started 0.1 counting (gradeDeclineStep ceil), 扣完为止', () => {
    const at = (last: number, now: number, e = ev) => item(score({ s07LastGrade: last, s07Grade: now }, e), 's07')
    expect(at(4.52, 4.51)).toBe('2') // −0.01: 提高
    expect(at(4.52, 4.52)).toBe('1.8') // 0: 持平
    expect(at(4.5, 4.55)).toBe('1.4') // +0.05: a started step → 2 − 0.6
    expect(at(4.5, 4.6)).toBe('1.4') // +0.1: one step → 2 − 0.6
    expect(at(4.5, 4.65)).toBe('0.8') // +0.15: ceil 2 steps → 2 − 1.2
    expect(at(4.5, 4.9)).toBe('0') // +0.4: 4 steps → 2 − 2.4, the decline stops at −2 → 0
  })

  it('(7) gradeDeclineStep floor or exact: a decline of 0.05 等 costs nothing (2) or half a step (1.7)', () => {
    expect(item(score({ s07LastGrade: 4.5, s07Grade: 4.55 }, evaluatorWith({ gradeDeclineStep: 'floor' })), 's07')).toBe('2')
    expect(item(score({ s07LastGrade: 4.5, s07Grade: 4.55 }, evaluatorWith({ gradeDeclineStep: 'exact' })), 's07')).toBe('1.7')
  })
})

describe('grain-security-nonproducing-2018: 生产 (8)—(14)', () => {
  it('(8) 95% → 1.5; 0.3 per whole point below (partialStep floor); 90% → 0; below 90% → 0', () => {
    const at = (rate: number, e = ev) => item(score({ s08Rate: rate }, e), 's08')
    expect(at(0.95)).toBe('1.5')
    expect(at(0.94)).toBe('1.2') // 1 point → −0.3
    expect(at(0.925)).toBe('0.9') // 2.5 points, floor 2 → −0.6
    expect(at(0.9)).toBe('0') // 5 points → −1.5
    expect(at(0.899)).toBe('0') // 低于90%不得分
    expect(at(0.925, evaluatorWith({ partialStep: 'ceil' }))).toBe('0.6') // ceil 3 → −0.9
    expect(at(0.925, evaluatorWith({ partialStep: 'exact' }))).toBe('0.75') // 2.5 × 0.3 = 0.75
  })

  it('(10) 85%以上 last year: kept → 1; under 85%: +1 point → 1; otherwise the judged score', () => {
    expect(item(score({ s10LastRate: 0.85, s10Rate: 0.85 }), 's10')).toBe('1')
    expect(item(score({ s10LastRate: 0.84, s10Rate: 0.85 }), 's10')).toBe('1') // exactly 1 point up
    expect(item(score({ s10LastRate: 0.849, s10Rate: 0.858, s10Judged: 0.7 }), 's10')).toBe('0.7') // 0.9 point up: judged
    expect(item(score({ s10LastRate: 0.86, s10Rate: 0.859, s10Judged: 0.4 }), 's10')).toBe('0.4') // fell: judged
  })

  it('(11) 0.2 per percentage point below the average, the percentage rounded half-up, 扣完为止', () => {
    const at = (area: number, f: Record<string, unknown> = {}) => item(score({ s11Area: area, s11AreaAvg: 1000, s11AreaMin: 900, ...f }), 's11')
    expect(at(1000)).toBe('0.8') // at the average
    expect(at(996)).toBe('0.8') // 0.4% → 0 points
    expect(at(995)).toBe('0.6') // 0.5% → 1 point → −0.2
    expect(at(954)).toBe('0') // 4.6% → 5 points → −1.0 → 0
    expect(at(899)).toBe('0') // below the lowest level → 0
    expect(at(899, { s11Exempt: true })).toBe('0.8') // exempt reduction → 不扣分
    expect(at(960, { s11Exempt: true })).toBe('0.8')
    expect(at(1000, { s11LegalStats: false })).toBe('0') // 未使用法定统计数据的不得分
  })

  it('(12) 0.3 per percentage point below the average', () => {
    // (500 − 488) ÷ 500 = 2.4% → 2 points → 1.2 − 0.6 = 0.6
    expect(item(score({ s12Output: 488, s12OutputAvg: 500, s12OutputMin: 450 }), 's12')).toBe('0.6')
  })

  it('(14) all 0.8; 90% up to 100% 0.6; under 90% 0', () => {
    expect(item(score({ s14Completion: 1 }), 's14')).toBe('0.8')
    expect(item(score({ s14Completion: 0.9 }), 's14')).toBe('0.6')
    expect(item(score({ s14Completion: 0.8999 }), 's14')).toBe('0')
  })
})

describe('grain-security-nonproducing-2018: classes of province (18) (38) (89)', () => {
  const seed = { seedCountyType: '有育制种大县', s18EnforceRate: 1 }
  it('(18) with 育制种大县: 1.5 + 0.5, 0.1 less per whole 10 points of the 查处率; without: 2', () => {
    expect(item(score(seed), 's18')).toBe('2')
    expect(item(score({ ...seed, s18EnforceRate: 0.9 }), 's18')).toBe('1.9') // 1 step
    expect(item(score({ ...seed, s18EnforceRate: 0.85 }), 's18')).toBe('1.9') // 1.5 steps, floor 1
    expect(item(score({ ...seed, s18EnforceRate: 0.85 }, evaluatorWith({ partialStep: 'ceil' })), 's18')).toBe('1.8') // ceil 2
    expect(item(score({ ...seed, s18EnforceRate: 0.3 }), 's18')).toBe('1.5') // 7 steps → 0.5 − 0.7, 扣完为止 → 0
    expect(item(score({ ...seed, s18Policy: false }), 's18')).toBe('0.5')
    expect(item(score({ s18Policy: false }), 's18')).toBe('0') // no 育制种大县, no policy
  })

  it('(18) 南繁: each failure 倒扣0.5; all four with no policy → −2', () => {
    const nanfan = { s18NanfanGroup: true, s18NanfanLand: true, s18NanfanFunds: true, s18NanfanDuty: true }
    expect(item(score({ s18NanfanLand: true }), 's18')).toBe('1.5')
    expect(item(score({ ...nanfan, s18Policy: false }), 's18')).toBe('-2')
    expect(score({ ...nanfan, s18Policy: false }).total).toBe('96.00') // 100 − 2 − 2
  })

  it('(18) 除海南省以外: marked 不適用, task 6 is rescaled over (15)—(17)', () => {
    // (0 + 0.5 + 0.5) × 4 ÷ 2 = 2 when (15) is missed; 4 when all three are met
    expect(item(score({ s15: false }, ev, ['s18']), 't06')).toBe('2')
    expect(item(score({}, ev, ['s18']), 't06')).toBe('4')
  })

  const central = { s38Type: '有中央财政补助', s38FundsRate: 0.85, s38Completed: true }
  it('(38) central subsidy: funds 85%(含) 0.5, 60%(含)—85% 0.3, under 60% 0; completed 0.5', () => {
    expect(item(score(central), 's38')).toBe('1')
    expect(item(score({ ...central, s38FundsRate: 0.8499 }), 's38')).toBe('0.8')
    expect(item(score({ ...central, s38FundsRate: 0.6 }), 's38')).toBe('0.8')
    expect(item(score({ ...central, s38FundsRate: 0.5999 }), 's38')).toBe('0.5')
    expect(item(score({ ...central, s38Completed: false }), 's38')).toBe('0.5')
  })

  it('(38) misuse → 0; severe → −1', () => {
    expect(item(score({ s38Misuse: true }), 's38')).toBe('0')
    expect(item(score({ s38Misuse: true, s38Severe: true }), 's38')).toBe('-1')
  })

  it('(89) a task: all 3; more than 50% (50% excluded) 1.5; no task: the assessor 0—3', () => {
    const task = { s89Type: '有建设任务' }
    expect(item(score({ ...task, s89Completion: 1 }), 's89')).toBe('3')
    expect(item(score({ ...task, s89Completion: 0.501 }), 's89')).toBe('1.5')
    expect(item(score({ ...task, s89Completion: 0.5 }), 's89')).toBe('0')
    expect(item(score({ s89Judged: 2.5 }), 's89')).toBe('2.5')
  })
})

describe('grain-security-nonproducing-2018: 倒扣 and deductions', () => {
  it('「不得分，同时倒扣X分」: (43) → −5, so 8 of the total are lost', () => {
    const r = score({ s43: false })
    expect([item(r, 's43'), item(r, 't16'), r.total]).toEqual(['-5', '-3', '92.00'])
  })

  it('(26) and (35): a violation makes the standard −1 / −0.5 even when paid in time', () => {
    expect(item(score({ s26Violation: true }), 's26')).toBe('-1')
    expect(item(score({ s26Paid: false }), 's26')).toBe('0')
    expect(item(score({ s35Petition: true }), 's35')).toBe('-0.5')
  })

  it('(55) a problem makes the five parts count 0; severe → −1.5', () => {
    expect(item(score({ s55Troops: false }), 's55')).toBe('1.1') // 1.5 − 0.4
    expect(item(score({ s55Problem: true }), 's55')).toBe('0')
    expect(item(score({ s55Problem: true, s55Severe: true }), 's55')).toBe('-1.5')
  })

  it('(60) (63) (66) (83): standards of 分值 0 that only 倒扣', () => {
    const r = score({ s60: true, s63: true, s66Impact: true, s66Unhandled: true, s83Outflow: true, s83Inflow: true })
    // −2 − 3 − 3 − 3 − 1 − 1 = −13
    expect([item(r, 's60'), item(r, 's63'), item(r, 's66'), item(r, 's83'), r.total]).toEqual(['-2', '-3', '-6', '-2', '87.00'])
  })

  it('(67) fraud: the statistics score does not count, and −2', () => {
    expect(item(score({ s67StatsScore: 3.1, s67Praised: false }), 's67')).toBe('3.1')
    expect(item(score({ s67Fraud: true }), 's67')).toBe('-2')
  })

  it('(36) deductions stop at 0 (本项赋分扣完为止); unfinished share × 2, at most 2', () => {
    expect(item(score({ s36UnfinishedShare: 1 }), 's36')).toBe('2') // 4 − 2
    expect(item(score({ s36UnfinishedShare: 0.3, s36LatePlan: true, s36Accidents: 1 }), 's36')).toBe('1.9') // 4 − 0.6 − 0.5 − 1
    expect(item(score({ s36Irregular: 3 }), 's36')).toBe('2.5') // 3 × 0.5
    expect(item(score({ s36Facilities: false, s36LatePlan: true }), 's36')).toBe('0') // 0 − 0.5 stops at 0
  })

  it('(37) 1 − share × 1 − 0.2 − 0.2 − 1, stopping at 0', () => {
    expect(item(score({ s37UnfinishedShare: 0.25, s37LateMonthly: true }), 's37')).toBe('0.55')
    expect(item(score({ s37Accident: true, s37Funds: true }), 's37')).toBe('0')
  })

  it('(84) 该项满分0.5分: the 0.1 for automatic sampling makes up for cases, never above 0.5', () => {
    expect(item(score({ s84AutoSampling: true }), 's84')).toBe('0.5') // 0.5 + 0.1 → capped 0.5
    expect(item(score({ s84AutoSampling: true, s84Incidents: 3 }), 's84')).toBe('0.3') // 0.5 − 0.3 + 0.1
    expect(item(score({ s84System: false, s84Incidents: 6 }), 's84')).toBe('0') // no 倒扣: stays at 0
  })

  it('(85) 0.1 per case, 0.5分封顶', () => {
    expect(item(score({ s85Incidents: 2 }), 's85')).toBe('0.3')
    expect(item(score({ s85Incidents: 9 }), 's85')).toBe('0')
    expect(item(score({ s85Ok: false }), 's85')).toBe('0')
  })

  it('(30) and (93): the lesser grade of a two-level standard', () => {
    expect(item(score({ s30Government: false }), 's30')).toBe('0.3')
    expect(item(score({ s30Government: false, s30Department: false }), 's30')).toBe('0')
    expect(item(score({ s93Enacted: false, s93Planned: true }), 's93')).toBe('0.3')
  })

  it('(45) (81) (82): the judged score counts only when the condition for full marks fails', () => {
    expect(item(score({ s45Done: false, s45Judged: 0.4 }), 's45')).toBe('0.4')
    expect(item(score({ s45Judged: 0.4 }), 's45')).toBe('1') // done: 1, the judged fact is not read
    expect(item(score({ s81Ok: false, s81Judged: 0.5 }), 's81')).toBe('0.5')
  })
})

describe('grain-security-nonproducing-2018: 第六条 grades', () => {
  // judged (19) 0 (−4), (25) 0 (−1.2), (67) 0 (−3.8) → 91; (44) missed (−1) → 90; (82) judged 0.49 (−0.01) → 89.99
  const minus10 = { s19Score: 0, s25Score: 0, s67StatsScore: 0, s44: false }
  const cent = { s82Ok: false, s82Judged: 0.49 }
  // (43) −8, (47) −5, (51) −6, (65) −6 → 75; with (98) −4, (19) −4, (67) −3.8, (25) −1.2, (46) −2 → 60
  const minus25 = { s43: false, s47: false, s51: false, s65: false }
  const minus40 = { ...minus25, s98: false, s19Score: 0, s67StatsScore: 0, s25Score: 0, s46: false }
  it('90分以上为优秀 (90 included); 75 良好; 60 合格; below 60 不合格', () => {
    const g = (f: Record<string, unknown>) => [score(f).total, score(f).grade]
    expect(g(minus10)).toEqual(['90.00', '优秀'])
    expect(g({ ...minus10, ...cent })).toEqual(['89.99', '良好'])
    expect(g(minus25)).toEqual(['75.00', '良好'])
    expect(g({ ...minus25, ...cent })).toEqual(['74.99', '合格'])
    expect(g(minus40)).toEqual(['60.00', '合格'])
    expect(g({ ...minus40, ...cent })).toEqual(['59.99', '不合格'])
  })
})

describe('grain-security-nonproducing-2018: the yes/no standards', () => {
  // 「…的，(产区得X分，)非产区得Y分，否则不得分」: the 非产区 points Y as the text gives them, read off the standard
  const yesNo: [string, number][] = [
    ['s06', 0.5], ['s09', 0.5], ['s13', 0.2], ['s15', 1], ['s16', 0.5], ['s17', 0.5], ['s20', 0.5], ['s21', 0.4], ['s22', 0.5], ['s27', 0.4], ['s28', 0.2], ['s29', 0.4], ['s31', 0.5], ['s33', 0.25], ['s34', 0.25], ['s39', 0.5], ['s40', 0.5], ['s41', 1.2], ['s42', 0.8], ['s44', 1], ['s46', 2], ['s48', 2], ['s49', 1], ['s50', 1], ['s52', 1.2], ['s53', 1], ['s54', 0.8], ['s56', 1.5], ['s57', 1.5], ['s58', 0.5], ['s59', 0.5], ['s61', 1], ['s62', 1.5], ['s64', 1], ['s68', 0.4], ['s69', 0.1], ['s70', 0.5], ['s71', 0.5], ['s72', 0.3], ['s73', 0.2], ['s74', 1], ['s75', 0.9], ['s76', 0.1], ['s77', 0.5], ['s78', 0.5], ['s79', 1], ['s80', 1], ['s86', 0.1], ['s87', 0.2], ['s88', 0.2], ['s90', 1], ['s91', 1], ['s92', 1], ['s94', 0.5], ['s95', 0.5], 
  ]
  it('every 「得Y分，否则不得分」 standard: met → Y, not met → 0 and Y off the total (55 standards)', () => {
    expect(yesNo.length).toBe(55)
    const bad: string[] = []
    for (const [fact, points] of yesNo) {
      const r = score({ [fact]: false })
      const want = (10000 - points * 100) / 100
      if (item(score(), fact) !== String(points) || item(r, fact) !== '0' || r.exactTotal !== String(want)) bad.push(`${fact}: ${item(score(), fact)} / ${item(r, fact)} / ${r.exactTotal}`)
    }
    expect(bad).toEqual([])
  })

  // 「否则不得分，同时倒扣X分」 (非产区 figures): [fact, 分值, 倒扣]
  const orMinus: [string, number, number][] = [
    ['s32', 0.5, 0.5], ['s43', 3, 5], ['s47', 2, 3], ['s51', 3, 3], ['s65', 3, 3], ['s96', 0.5, 1], ['s97', 0.5, 0.5], ['s98', 1.5, 2.5],
  ]
  it('every 「否则不得分，同时倒扣X分」 standard: met → its 分值, not met → −X (8 standards)', () => {
    const bad: string[] = []
    for (const [fact, points, minus] of orMinus) {
      const r = score({ [fact]: false })
      const want = (10000 - (points + minus) * 100) / 100
      if (item(score(), fact) !== String(points) || item(r, fact) !== String(-minus) || r.exactTotal !== String(want)) bad.push(`${fact}: ${item(r, fact)} / ${r.exactTotal}`)
    }
    expect(bad).toEqual([])
  })

  it('(23) 大型灌区 90%以上 and other projects 80%: both at the bar → 0.6; either below → 0', () => {
    expect(item(score({ s23LargeRate: 0.9, s23OtherRate: 0.8 }), 's23')).toBe('0.6')
    expect(item(score({ s23LargeRate: 0.8999, s23OtherRate: 0.8 }), 's23')).toBe('0')
    expect(item(score({ s23LargeRate: 0.9, s23OtherRate: 0.7999 }), 's23')).toBe('0')
  })

  it('(24) 高效节水灌溉 target of the year reached → 0.8, 0.01 万亩 short → 0', () => {
    expect(item(score({ s24Area: 50, s24Target: 50 }), 's24')).toBe('0.8')
    expect(item(score({ s24Area: 49.99, s24Target: 50 }), 's24')).toBe('0')
  })

  it('(19) (25) (67): judged within the 分值 the other method gives', () => {
    const r = score({ s19Score: 3.25, s25Score: 0.9, s67StatsScore: 3.5 })
    // 100 − 0.75 − 0.3 − 0.3 = 98.65
    expect([item(r, 's19'), item(r, 's25'), item(r, 's67'), r.total]).toEqual(['3.25', '0.9', '3.7', '98.65'])
  })
})
