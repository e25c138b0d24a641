// Boundary cases for 第五篇《湖北省機關檔案工作目標管理等級考評辦法》(鄂檔規[2011]1號): rubrics/hubei-archives-2011.yaml.
// Every expectation is worked by hand beside it. The sheet (附件2) is the rubric's PLACEHOLDER: 組織管理 15 (8 + 7),
// 基礎設施 15 (8 + 7), 業務建設 35 (12 + 12 + 11), 利用服務 20 (8 + 12), 信息化建設 15 (8 + 7) = 100.
// Unless a test says otherwise the subject is a city organ (市州直機關) that held 省二級 since 2010-01-20, applying on
// 2011-01-20 to the city bureau for promotion to 省一級; the round's evaluation date is 2011-03-31 and its year 2011.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileRubric, loadRubric, type Evaluator, type LoadedRubric, type SubjectResult } from '../../src/index'

const root = join(__dirname, '..', '..')

function loaded(): LoadedRubric {
  const file = join(root, 'rubrics', 'hubei-archives-2011.yaml')
  const r = loadRubric(readFileSync(file, 'utf8'), { file })
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2))
  expect(r.value.warnings).toEqual([]) // `kaoping validate`: 0 errors, 0 warnings
  return r.value
}

function compile(params: Record<string, unknown> = {}): Evaluator {
  const c = compileRubric(loaded(), { params })
  if (!c.ok) throw new Error(JSON.stringify(c.diagnostics, null, 2))
  return c.value
}

const ev = compile()
const ROUND = { asOf: '2011-03-31', period: { from: '2011-01-01', to: '2011-12-31' } }

/** Full marks on every PLACEHOLDER sheet item (100), overridden item by item. */
const FULL = {
  orgLeadership: 8,
  orgRules: 7,
  facRepository: 8,
  facEquipment: 7,
  opsCollection: 12,
  opsArrangement: 12,
  opsCustody: 11,
  useFindingAids: 8,
  useServices: 12,
  infoDigital: 8,
  infoElectronic: 7,
}

const BASE: Record<string, unknown> = {
  ...FULL,
  organLevel: 'city',
  appliedLevel: 'first',
  assessmentType: 'promotion',
  heldLevel: 'second',
  heldSince: '2010-01-20',
  certifiedOn: '2010-01-20',
  assessorLevel: 'city',
  withinJurisdiction: true,
  assessorSuspended: false,
  archivesRegistered: true,
  centralisedManagement: true,
  archiveTransfers: 'done',
  publicInfoFilings: 'done',
  electronicRecordsSecure: true,
  electronicArchiving: 'done',
  specialReview: 'not-held',
  systemSpotCheck: 'not-held',
  appliedOn: '2011-01-20',
  precheckedOn: '2011-03-01',
  noticeFrom: '2011-04-01',
  noticeTo: '2011-04-07',
  reviewedOn: '2011-04-20',
  approvedOn: '2011-05-10',
  summaryReportedOn: '2011-12-20',
  panelSize: 5,
  hasApplicationReport: true,
  hasApprovalForm: true,
  hasGradingSheet: true,
  hasNoticeResult: true,
  hasIntegrityNotice: true,
}

interface Case {
  facts?: Record<string, unknown>
  incidents?: { date: string; kind: string; description?: string }[]
  notApplicable?: string[]
  asOf?: string
  evaluator?: Evaluator
}

/** Scores one subject: BASE overridden by c.facts; a fact set to null is left out of the evidence (e.g. no certificate). */
function run(c: Case = {}): SubjectResult {
  const facts = Object.fromEntries(Object.entries({ ...BASE, ...c.facts }).filter(([, v]) => v !== null))
  const r = (c.evaluator ?? ev).evaluate(
    {
      id: 's1',
      facts,
      records: { incidents: c.incidents ?? [] },
      notApplicable: c.notApplicable ?? ['centre-composite'],
    },
    { ...ROUND, ...(c.asOf ? { asOf: c.asOf } : {}) },
  )
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2))
  return r.value
}

const failedGates = (r: SubjectResult) => r.gates.filter((g) => !g.passed).map((g) => g.id)
const score = (r: SubjectResult, id: string): string => {
  const walk = (items: SubjectResult['items']): string | undefined => {
    for (const i of items) {
      if (i.id === id) return i.score
      const f = i.items && walk(i.items)
      if (f !== undefined) return f
    }
    return undefined
  }
  return walk(r.items) ?? 'missing'
}

describe('the base case', () => {
  it('full marks, every gate passed: 省一級', () => {
    // 第七條: 100 ≥ 90; 第三條: 2010-01-20 + 1 year = 2011-01-20 ≤ appliedOn 2011-01-20; certificate current → 省一級
    const r = run()
    expect(r.total).toBe('100.00')
    expect(failedGates(r)).toEqual([])
    expect(r.grade).toBe('省一級')
  })
})

describe('第五條 申報必備條件: any failure → 不予確認 whatever the score', () => {
  it('第五條一: not registered → ineligible', () => {
    const r = run({ facts: { archivesRegistered: false } })
    expect(failedGates(r)).toEqual(['registration'])
    expect(r.eligible).toBe(false)
    expect(r.grade).toBe('不予確認')
    expect(r.total).toBe('100.00') // still scored
  })

  it('第五條二: archives not centrally managed → ineligible', () => {
    expect(failedGates(run({ facts: { centralisedManagement: false } }))).toEqual(['centralised'])
  })

  it('第五條三: transfers due but not made → ineligible; not an organ that must transfer, or a national special rule → passes', () => {
    expect(failedGates(run({ facts: { archiveTransfers: 'not-done' } }))).toEqual(['transfers'])
    expect(run({ facts: { archiveTransfers: 'not-required' } }).grade).toBe('省一級')
    expect(run({ facts: { archiveTransfers: 'special-rule' } }).grade).toBe('省一級')
  })

  it('第五條四: public information not filed → ineligible; not an organ that must file → passes', () => {
    expect(failedGates(run({ facts: { publicInfoFilings: 'not-done' } }))).toEqual(['public-information'])
    expect(run({ facts: { publicInfoFilings: 'not-required' } }).grade).toBe('省一級')
  })

  it('第五條五: an incident on 2009-01-21, applied 2011-01-20 → within two years → 不予確認', () => {
    // window: after appliedOn 2011-01-20 − 2 years = 2009-01-20, up to 2011-01-20 → 2009-01-21 counts
    const r = run({ incidents: [{ date: '2009-01-21', kind: 'lost' }] })
    expect(failedGates(r)).toEqual(['no-incident'])
    expect(r.grade).toBe('不予確認')
  })

  it('第五條五: an incident on 2009-01-20, applied 2011-01-20 → exactly two years back, outside → eligible', () => {
    expect(run({ incidents: [{ date: '2009-01-20', kind: 'damaged' }] }).grade).toBe('省一級')
  })

  it('第五條五: the two years run back from the application, not from the evaluation date', () => {
    // applied 2010-12-01: window (2008-12-01, 2010-12-01] → an incident on 2009-01-10 counts → ineligible,
    // although it lies more than two years before asOf 2011-03-31
    expect(run({ facts: { appliedOn: '2010-12-01' }, incidents: [{ date: '2009-01-10', kind: 'lost' }] }).eligible).toBe(false)
    // an incident after the application (2011-02-01, before asOf 2011-03-31) does not count for it
    expect(run({ incidents: [{ date: '2011-02-01', kind: 'stolen' }] }).eligible).toBe(true)
  })

  it('第五條五: an incident after the evaluation date (2011-04-02) is not counted', () => {
    // the window ends on appliedOn 2011-01-20
    expect(run({ incidents: [{ date: '2011-04-02', kind: 'stolen' }] }).eligible).toBe(true)
  })

  it('第五條五: every kind (丟失、被盜、損毀、失泄密) counts', () => {
    for (const kind of ['lost', 'stolen', 'damaged', 'leaked']) expect(run({ incidents: [{ date: '2010-10-01', kind }] }).eligible).toBe(false)
  })

  it('第五條六: electronic records not secure, or the required electronic filing not carried out → ineligible', () => {
    expect(failedGates(run({ facts: { electronicRecordsSecure: false } }))).toEqual(['electronic-records'])
    expect(failedGates(run({ facts: { electronicArchiving: 'not-done' } }))).toEqual(['electronic-records'])
    // not asked by the archives administration → passes
    expect(run({ facts: { electronicArchiving: 'not-required' } }).eligible).toBe(true)
  })
})

describe('第七條 pass lines: 省一級 90, 省二級 80 (rounded total, inclusive)', () => {
  it('exactly 90 → 省一級', () => {
    // useServices 2 instead of 12: 100 − 10 = 90 ≥ 90
    expect(run({ facts: { useServices: 2 } }).grade).toBe('省一級')
  })

  it('89.5 → 省二級 (the promotion fails, 80 is reached)', () => {
    // useServices 1.5: 100 − 10.5 = 89.5 < 90; ≥ 80
    const r = run({ facts: { useServices: 1.5 } })
    expect(r.total).toBe('89.50')
    expect(r.grade).toBe('省二級')
  })

  it('89.995 is published as 90.00 and reaches 90', () => {
    // useServices 1.995: 100 − 10.005 = 89.995 → 2 places half-up → 90.00
    const r = run({ facts: { useServices: 1.995 } })
    expect(r.exactTotal).toBe('89.995')
    expect(r.total).toBe('90.00')
    expect(r.grade).toBe('省一級')
  })

  it('89.994 → 89.99 → 省二級', () => {
    expect(run({ facts: { useServices: 1.994 } }).grade).toBe('省二級')
  })

  it('exactly 80 → 省二級; 79.5 → 未達標', () => {
    // useServices 0, useFindingAids 0: 100 − 20 = 80
    expect(run({ facts: { useServices: 0, useFindingAids: 0 } }).grade).toBe('省二級')
    // … and orgRules 6.5: 80 − 0.5 = 79.5
    const r = run({ facts: { useServices: 0, useFindingAids: 0, orgRules: 6.5 } })
    expect(r.total).toBe('79.50')
    expect(r.grade).toBe('未達標')
  })

  it('a judged score above its item maximum is clamped (PLACEHOLDER item max 8)', () => {
    const r = run({ facts: { orgLeadership: 9 } })
    expect(score(r, 'leadership')).toBe('8')
    expect(r.total).toBe('100.00')
  })
})

describe('第四條: 信息化建設 is what 省一級 adds; a 省二級 applicant marks it 不適用 and the sheet is rescaled', () => {
  it('省二級 promotion: four areas 68 of 85 → 68 × 100 ÷ 85 = 80 → 省二級', () => {
    // full 85 minus useServices 12 and orgRules 5 (7 → 2): 85 − 17 = 68; 68 × 100 / 85 = 80
    const r = run({
      facts: { appliedLevel: 'second', heldLevel: 'none', useServices: 0, orgRules: 2 },
      notApplicable: ['centre-composite', 'informatisation'],
    })
    expect(score(r, 'informatisation')).toBe('0')
    expect(score(r, 'sheet')).toBe('80')
    expect(r.grade).toBe('省二級')
  })

  it('the rescale divides half-even to 6 places: 65.5 × 100 ÷ 85 = 77.0588235… → 77.058824 → 77.06, 未達標', () => {
    // full 85 − 19.5: useServices 0 (−12), orgRules 0 (−7), facEquipment 6.5 (−0.5) → 65.5
    const r = run({
      facts: { appliedLevel: 'second', heldLevel: 'none', useServices: 0, orgRules: 0, facEquipment: 6.5 },
      notApplicable: ['centre-composite', 'informatisation'],
    })
    expect(r.exactTotal).toBe('77.058824')
    expect(r.total).toBe('77.06')
    expect(r.grade).toBe('未達標')
  })
})

describe('第三條 逐級晉升: apply for the next level one year after the lower certificate', () => {
  it('省二級 since 2010-01-20, applied 2011-01-20 → exactly one year → 省一級', () => {
    expect(run().grade).toBe('省一級')
  })

  it('省二級 since 2010-01-21, applied 2011-01-20 → one day short of a year → stays 省二級 despite 100 points', () => {
    // 2010-01-21 + 1 year = 2011-01-21 > 2011-01-20
    const r = run({ facts: { heldSince: '2010-01-21', certifiedOn: '2010-01-21' } })
    expect(r.total).toBe('100.00')
    expect(r.grade).toBe('省二級')
  })

  it('the refusal is data: applied 省一級 (first), awarded 省二級, refused-under-a-year true with its reason', () => {
    const r = run({ facts: { heldSince: '2010-01-21', certifiedOn: '2010-01-21' } })
    expect(r.findings!.map((f) => [f.id, f.value])).toEqual([
      ['applied-level', 'first'],
      ['refused-under-a-year', true],
    ])
    expect(r.findings![1]!.reason).toContain('heldSince → appliedOn: 364 days, at least 1y ✗') // 2010-01-21 … 2011-01-20
    // exactly a year: granted, no refusal
    expect(run().findings!.map((f) => [f.id, f.value])).toEqual([
      ['applied-level', 'first'],
      ['refused-under-a-year', false],
    ])
  })

  it('the year counts from heldSince (first certificate), not from a later review certificate', () => {
    // held since 2007-05-01, reviewed 2010-06-01 (復查合格證書): held ≥ 1 year, certificate current → 省一級
    expect(run({ facts: { heldSince: '2007-05-01', certifiedOn: '2010-06-01' } }).grade).toBe('省一級')
  })

  it('a 省一級 application with no level held breaks 逐級晉升 → level-sequence gate → 不予確認', () => {
    const r = run({ facts: { heldLevel: 'none', heldSince: null, certifiedOn: null } })
    expect(failedGates(r)).toEqual(['level-sequence'])
    expect(r.grade).toBe('不予確認')
  })

  it('a 省特級 application while holding 省二級 → level-sequence gate', () => {
    // assessed by the province (the only body that assesses 省特級 promotions), panel 6 for a city organ
    const r = run({ facts: { appliedLevel: 'special', assessorLevel: 'province', panelSize: 6, forwardedOn: '2011-03-01' } })
    expect(failedGates(r)).toEqual(['level-sequence'])
  })

  it('a review of a level not held (review of 省一級 while holding 省二級) → level-sequence gate', () => {
    expect(failedGates(run({ facts: { assessmentType: 'review' } }))).toEqual(['level-sequence'])
  })
})

describe('第十一條: certificate valid 3 years; no review applied for by expiry → the level lapses', () => {
  // A county organ holding 省一級 reviewed by the county bureau (county → county: panel 3–5).
  const review = { organLevel: 'county', assessorLevel: 'county', appliedLevel: 'first', assessmentType: 'review', heldLevel: 'first', heldSince: '2005-01-10', panelSize: 3 }

  it('certificate 2008-01-15, review applied 2011-01-14 (last valid day) → in time → 省一級', () => {
    // valid while appliedOn < 2008-01-15 + 3 years = 2011-01-15
    const r = run({ facts: { ...review, certifiedOn: '2008-01-15', appliedOn: '2011-01-14' } })
    expect(r.grade).toBe('省一級')
  })

  it('certificate 2008-01-15, review applied 2011-01-15 → expired → 等級資格失效 whatever the score', () => {
    const r = run({ facts: { ...review, certifiedOn: '2008-01-15', appliedOn: '2011-01-15' } })
    expect(r.total).toBe('100.00')
    expect(r.eligible).toBe(true)
    expect(r.grade).toBe('等級資格失效')
  })

  it('a review in time but under 90 → not confirmed at 省一級, 省二級 at ≥ 80', () => {
    const r = run({ facts: { ...review, certifiedOn: '2008-04-22', appliedOn: '2011-01-25', useServices: 0 } })
    // 100 − 12 = 88 < 90 → 省二級
    expect(r.grade).toBe('省二級')
  })

  it('a lapsed 省二級 cannot carry a promotion: certificate 2007-12-01, applied 2011-01-20 → 省二級 despite 100', () => {
    // 2007-12-01 + 3 years = 2010-12-01 ≤ 2011-01-20: lapsed; the 省一級 threshold needs a current certificate
    const r = run({ facts: { heldSince: '2007-12-01', certifiedOn: '2007-12-01' } })
    expect(r.grade).toBe('省二級')
  })

  it('a review with no certificate date given is treated as lapsed', () => {
    expect(run({ facts: { ...review, certifiedOn: null } }).grade).toBe('等級資格失效')
  })
})

describe('第六條 省特級: on-site review and spot check, on a current 省一級 held a year', () => {
  // A city organ holding 省一級 since 2009-06-16 applies to the province (one level below: panel 5–7), forwarded in Q1.
  const special = {
    appliedLevel: 'special',
    heldLevel: 'first',
    heldSince: '2009-06-16',
    certifiedOn: '2009-06-16',
    assessorLevel: 'province',
    panelSize: 6,
    forwardedOn: '2011-03-10',
    specialReview: 'passed',
    systemSpotCheck: 'passed',
    summaryReportedOn: null,
  }

  it('both passed, 100 points → 省特級', () => {
    const r = run({ facts: special })
    expect(failedGates(r)).toEqual([])
    expect(r.grade).toBe('省特級')
  })

  it('on-site review failed → keeps 省一級 (current 省一級, ≥ 90)', () => {
    expect(run({ facts: { ...special, specialReview: 'failed' } }).grade).toBe('省一級')
  })

  it('spot check of the system failed → 省一級', () => {
    expect(run({ facts: { ...special, systemSpotCheck: 'failed' } }).grade).toBe('省一級')
  })

  it('省一級 held less than a year (since 2010-02-01, applied 2011-01-20) → 省一級', () => {
    // 2010-02-01 + 1 year = 2011-02-01 > 2011-01-20
    expect(run({ facts: { ...special, heldSince: '2010-02-01', certifiedOn: '2010-02-01' } }).grade).toBe('省一級')
  })

  it('specialMinScore: sheet 89 → not 省特級 nor 省一級 → 省二級; with specialMinScore 0 → 省特級', () => {
    // useServices 1: 100 − 11 = 89 < 90
    expect(run({ facts: { ...special, useServices: 1 } }).grade).toBe('省二級')
    expect(run({ facts: { ...special, useServices: 1 }, evaluator: compile({ specialMinScore: 0 }) }).grade).toBe('省特級')
  })

  it('a 省特級 review (held 省特級, city bureau, current certificate) needs no year held', () => {
    // 第九條: the city bureau reviews 省特級 in its area; city → city organ: panel 3–5
    const r = run({
      facts: { ...special, assessmentType: 'review', heldLevel: 'special', heldSince: '2008-05-01', certifiedOn: '2008-05-01', assessorLevel: 'city', panelSize: 5, summaryReportedOn: '2011-12-20' },
    })
    // 2008-05-01 + 3 years = 2011-05-01 > 2011-01-20: current
    expect(failedGates(r)).toEqual([])
    expect(r.grade).toBe('省特級')
  })

  it('第十條一: a city organ applying for 省特級 must be forwarded to the province in Q1: 2011-03-31 ✓, 2011-04-01 ✗', () => {
    expect(run({ facts: { ...special, forwardedOn: '2011-03-31' } }).eligible).toBe(true)
    expect(failedGates(run({ facts: { ...special, forwardedOn: '2011-04-01' } }))).toEqual(['special-forwarded'])
    expect(failedGates(run({ facts: { ...special, forwardedOn: '2010-12-30' } }))).toEqual(['special-forwarded'])
  })

  it('a provincial organ applying for 省特級 is not forwarded (province → provincial organ: panel 3–5)', () => {
    const r = run({ facts: { ...special, organLevel: 'provincial', forwardedOn: null, panelSize: 4 } })
    expect(failedGates(r)).toEqual([])
    expect(r.grade).toBe('省特級')
  })
})

describe('第八條: centre and related organs scored separately, combined (PLACEHOLDER weights 0.6 / 0.4)', () => {
  const centre = { appliedLevel: 'second', heldLevel: 'none', heldSince: null, certifiedOn: null, centreScore: 86, agencyScores: [82, 88.5, 79] }

  it('86 × 0.6 + mean(82, 88.5, 79) × 0.4 = 51.6 + 83.166667 × 0.4 = 51.6 + 33.266667 = 84.866667 → 84.87 → 省二級', () => {
    // mean = 249.5 / 3 = 83.1666666… → 83.166667 (half-even, 6 places); × 0.4 = 33.2666668 → 33.266667
    const r = run({ facts: centre, notApplicable: ['sheet'] })
    expect(score(r, 'centre-composite')).toBe('84.866667')
    expect(score(r, 'sheet')).toBe('0')
    expect(r.total).toBe('84.87')
    expect(r.grade).toBe('省二級')
  })

  it('weights 0.5 / 0.5: 43 + 41.5833335 → 41.583334 (half-even: …3335 → …334) → 84.583334 → 84.58', () => {
    // 86 × 0.5 = 43; 83.166667 × 0.5 = 41.5833335 → half-even to 6 places → 41.583334
    const r = run({ facts: centre, notApplicable: ['sheet'], evaluator: compile({ centreWeight: 0.5, agencyWeight: 0.5 }) })
    expect(r.exactTotal).toBe('84.583334')
  })

  it('a centre system promoted to 省一級 reaches 90: 95 × 0.6 + mean(90, 86) × 0.4 = 57 + 35.2 = 92.2 → 省一級', () => {
    const r = run({ facts: { centreScore: 95, agencyScores: [90, 86] }, notApplicable: ['sheet'] })
    expect(r.total).toBe('92.20')
    expect(r.grade).toBe('省一級')
  })
})

describe('第九條 考評權限: a result from a body without authority is not valid', () => {
  const authorityFails = (facts: Record<string, unknown>) => failedGates(run({ facts })).includes('authority')

  it('the province assesses every level of provincial organs, and 省特級 promotions anywhere', () => {
    expect(authorityFails({ organLevel: 'provincial', assessorLevel: 'province', panelSize: 4 })).toBe(false)
    // a 省一級 promotion of a city organ is the city bureau's, not the province's
    expect(authorityFails({ assessorLevel: 'province', panelSize: 6 })).toBe(true)
  })

  it('the city bureau: 省一級 promotion of county organs yes; 省二級 promotion of county organs no (county bureau)', () => {
    expect(authorityFails({ organLevel: 'county', panelSize: 6 })).toBe(false)
    expect(authorityFails({ organLevel: 'county', appliedLevel: 'second', heldLevel: 'none', panelSize: 6 })).toBe(true)
  })

  it('the city bureau: 省特級 review in its area yes; 省特級 promotion no (province)', () => {
    const sp = { appliedLevel: 'special', heldLevel: 'special', assessmentType: 'review', organLevel: 'county', panelSize: 6, forwardedOn: '2011-03-01' }
    expect(authorityFails(sp)).toBe(false)
    expect(authorityFails({ ...sp, assessmentType: 'promotion', heldLevel: 'first' })).toBe(true)
  })

  it('the county bureau: 省一級 review and 省二級 yes; 省一級 promotion no (city bureau)', () => {
    const county = { organLevel: 'county', assessorLevel: 'county', panelSize: 3 }
    expect(authorityFails({ ...county, assessmentType: 'review', heldLevel: 'first' })).toBe(false)
    expect(authorityFails({ ...county, appliedLevel: 'second', heldLevel: 'none' })).toBe(false)
    expect(authorityFails(county)).toBe(true)
  })

  it('the county bureau cannot assess a city organ', () => {
    expect(authorityFails({ assessorLevel: 'county', appliedLevel: 'second', heldLevel: 'none', panelSize: 3 })).toBe(true)
  })

  it('an organ outside the bureau’s area, or a bureau whose powers were suspended (第十二條) → not valid', () => {
    expect(failedGates(run({ facts: { withinJurisdiction: false } }))).toEqual(['authority'])
    const r = run({ facts: { assessorSuspended: true } })
    expect(failedGates(r)).toEqual(['authority'])
    expect(r.grade).toBe('不予確認')
  })
})

describe('第十條 考評程序', () => {
  it('order 申報 → 預檢 → 公示 → 評審 → 審批: a precheck before the application fails', () => {
    expect(failedGates(run({ facts: { precheckedOn: '2011-01-19' } }))).toEqual(['procedure-order'])
  })

  it('the review may be held on the last day of the publicity (same day allowed); one day earlier fails', () => {
    expect(run({ facts: { reviewedOn: '2011-04-07' } }).eligible).toBe(true)
    expect(failedGates(run({ facts: { reviewedOn: '2011-04-06' } }))).toEqual(['procedure-order'])
  })

  it('a missing step (no precheck date) fails the order', () => {
    expect(failedGates(run({ facts: { precheckedOn: null } }))).toEqual(['procedure-order'])
  })

  it('公示不少于7天, both ends counted: 04-01 … 04-07 is 7 days ✓; 04-01 … 04-06 is 6 days ✗', () => {
    expect(run({ facts: { noticeTo: '2011-04-07' } }).eligible).toBe(true)
    expect(failedGates(run({ facts: { noticeTo: '2011-04-06' } }))).toEqual(['public-notice'])
  })

  it('panel, same level (city → city organ) 3–5: 3 ✓, 5 ✓, 2 ✗, 6 ✗', () => {
    expect(run({ facts: { panelSize: 3 } }).eligible).toBe(true)
    expect(run({ facts: { panelSize: 5 } }).eligible).toBe(true)
    expect(failedGates(run({ facts: { panelSize: 2 } }))).toEqual(['panel-size'])
    expect(failedGates(run({ facts: { panelSize: 6 } }))).toEqual(['panel-size'])
  })

  it('panel, one level below (city → county organ) 5–7: 4 ✗, 5 ✓, 7 ✓, 8 ✗', () => {
    const county = { organLevel: 'county' }
    expect(failedGates(run({ facts: { ...county, panelSize: 4 } }))).toEqual(['panel-size'])
    expect(run({ facts: { ...county, panelSize: 5 } }).eligible).toBe(true)
    expect(run({ facts: { ...county, panelSize: 7 } }).eligible).toBe(true)
    expect(failedGates(run({ facts: { ...county, panelSize: 8 } }))).toEqual(['panel-size'])
  })

  it('panel, the province’s 省特級 review of a county organ 7–9: 6 ✗, 7 ✓, 9 ✓, 10 ✗', () => {
    const sp = { organLevel: 'county', appliedLevel: 'special', heldLevel: 'first', heldSince: '2009-06-16', certifiedOn: '2009-06-16', assessorLevel: 'province', forwardedOn: '2011-03-10', specialReview: 'passed', systemSpotCheck: 'passed' }
    expect(failedGates(run({ facts: { ...sp, panelSize: 6 } }))).toEqual(['panel-size'])
    expect(run({ facts: { ...sp, panelSize: 7 } }).grade).toBe('省特級')
    expect(run({ facts: { ...sp, panelSize: 9 } }).grade).toBe('省特級')
    expect(failedGates(run({ facts: { ...sp, panelSize: 10 } }))).toEqual(['panel-size'])
  })

  it('panel, city bureau → township organ (not in the text): fartherPanelMin–Max, default 5–7', () => {
    const town = { organLevel: 'township' }
    expect(failedGates(run({ facts: { ...town, panelSize: 4 } }))).toEqual(['panel-size'])
    expect(run({ facts: { ...town, panelSize: 5 } }).eligible).toBe(true)
    // with fartherPanelMin 7: 5 < 7 fails
    expect(failedGates(run({ facts: { ...town, panelSize: 5 }, evaluator: compile({ fartherPanelMin: 7, fartherPanelMax: 9 }) }))).toEqual(['panel-size'])
  })

  it('審批依據: each of the five documents missing → 不予確認', () => {
    for (const doc of ['hasApplicationReport', 'hasApprovalForm', 'hasGradingSheet', 'hasNoticeResult', 'hasIntegrityNotice']) {
      const r = run({ facts: { [doc]: false } })
      expect(failedGates(r)).toEqual(['approval-documents'])
      expect(r.grade).toBe('不予確認')
    }
  })

  it('市州級檔案局 reports by December 20: 2011-12-20 ✓ (the day itself counts); 2011-12-21 ✗, reported and nothing more by default', () => {
    expect(run({ facts: { summaryReportedOn: '2011-12-20' } }).eligible).toBe(true)
    const late = run({ facts: { summaryReportedOn: '2011-12-21' } })
    expect(failedGates(late)).toEqual(['summary-report'])
    expect(late.eligible).toBe(true) // advisory (bars: []): the duty is the city bureau's; no consequence stated for the organ
    expect(late.grade).toBe(run().grade)
  })

  it('lateSummaryVoids = true: a late summary voids the approval (不予確認)', () => {
    const e = compile({ lateSummaryVoids: true })
    const late = run({ facts: { summaryReportedOn: '2011-12-21' }, evaluator: e })
    expect(failedGates(late)).toEqual(['summary-report', 'summary-report-voids'])
    expect(late.eligible).toBe(false)
    expect(late.grade).toBe('不予確認')
    expect(run({ facts: { summaryReportedOn: '2011-12-20' }, evaluator: e }).eligible).toBe(true)
  })

  it('the summary must come after the approval, and is not needed when the province approves', () => {
    expect(failedGates(run({ facts: { summaryReportedOn: '2011-05-09' } }))).toEqual(['summary-report'])
    expect(failedGates(run({ facts: { summaryReportedOn: '2011-05-09' }, evaluator: compile({ lateSummaryVoids: true }) }))).toEqual(['summary-report', 'summary-report-voids'])
    const r = run({ facts: { organLevel: 'provincial', assessorLevel: 'province', panelSize: 4, summaryReportedOn: null } })
    expect(failedGates(r)).toEqual([])
  })
})

describe('第十六條: in force from publication (publishedOn, default 2011-01-01)', () => {
  it('applied 2010-12-31 → before the method → not confirmed under it; 2011-01-01 → in force', () => {
    // keep the one year of 第三條: heldSince 2009-12-01
    const older = { heldSince: '2009-12-01', certifiedOn: '2009-12-01' }
    expect(failedGates(run({ facts: { ...older, appliedOn: '2010-12-31' } }))).toEqual(['method-in-force'])
    expect(run({ facts: { ...older, appliedOn: '2011-01-01' } }).grade).toBe('省一級')
  })

  it('with publishedOn 2011-02-01 an application of 2011-01-20 falls under the 2009 method', () => {
    expect(failedGates(run({ evaluator: compile({ publishedOn: '2011-02-01' }) }))).toEqual(['method-in-force'])
  })
})
