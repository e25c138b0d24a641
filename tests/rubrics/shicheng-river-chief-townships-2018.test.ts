// Boundary cases for rubrics/shicheng-river-chief-townships-2018.yaml: 石城县2018年度河长制湖长制工作乡镇目标管理(绩效)考核细则.
// Every expectation is worked by hand in the comment beside it, citing the item (一3 is part 一, item 3). A township
// meeting every condition scores 100 (琴江镇, with the 温坊人工湖 of 二7); each case changes only the facts it names.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileRubric, loadRubric, type SubjectResult } from '../../src/index'
import { item as itemById } from '../kinds/helpers'

const file = join(__dirname, '..', '..', 'rubrics', 'shicheng-river-chief-townships-2018.yaml')
const loaded = loadRubric(readFileSync(file, 'utf8'), { file })
if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, null, 2))
const rubric = loaded.value.rubric
const c = compileRubric(rubric)
if (!c.ok) throw new Error(JSON.stringify(c.diagnostics, null, 2))
const ev = c.value

/** Full marks, 琴江镇 (item 7 scored). */
const full: Record<string, unknown> = {
  s01: 5, s02: 4, s03RevisedOn: '2018-07-20', s04: 2, s05App: true, s05Patrol: true, s05Logs: true,
  s06Media: true, s06FourInto: true, s06Schools: true, s08: 3, s09NoRebound: true, s09Ledger: true,
  s10Outlets: true, s10Notice: true, s11Cleaning: true, s11Funds: true, s12Failures: 0, s13SmallFactories: true, s13Sewage: true,
  s14: 2, s15Pesticides: true, s15Fertiliser: true, s16System: true, s16Facilities: true, s16Sorting: true, s16SewagePlants: true,
  s17Ledger: true, s17Enforcement: true, s17Unreported: 0, s18Ledger: true, s18Boats: true, s18Other: 1, s19Ledger: true, s19Rectified: true,
  s20Team: true, s20Cases: 2, s21Reservoirs: 5, s21Done: 5, s22Supervision: true, s22Forests: true, s22Cases: true, s23: true,
  adoptedProvincial: 1, adoptedCity: 2, adoptedCounty: 2, summariesOnTime: true,
  praisedProvincial: 0, praisedCity: 0, criticisedProvincial: 0, criticisedCity: 0, s07: 2,
}

function score(facts: Record<string, unknown> = {}, notApplicable: string[] = []): SubjectResult {
  const r = ev.evaluate({ id: 't', facts: { ...full, ...facts }, notApplicable })
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2))
  return r.value
}
const item = (r: SubjectResult, id: string): string => itemById(r, id).score
const noLake = ['lake-chief-system']

describe('shicheng-river-chief-townships-2018: the rubric', () => {
  it('loads with no findings (no errors, no warnings)', () => {
    expect(loaded.ok && loaded.value.warnings).toEqual([])
  })

  it('一 31 + 二 2 + 三 15 + 四 45 + 五 7 = 100; 六 adds and takes beyond it', () => {
    const sheet = rubric.items[0]!
    expect(rubric.total).toBe(100)
    expect(rubric.items.map((i) => [i.id, i.max])).toEqual([['sheet', 100], ['awards', 0]])
    expect('items' in sheet && sheet.items.map((i) => [i.id, i.max])).toEqual([['consolidate', 31], ['lake-chief', 2], ['land-and-water', 15], ['campaigns', 45], ['reporting', 7]])
  })

  it('every condition met → 100, no grade (the sheet names none)', () => {
    const r = score()
    expect([r.total, r.grade]).toEqual(['100.00', null])
  })
})

describe('shicheng-river-chief-townships-2018: the items with a rule', () => {
  it('一3 7月底前: revised on 31 July → 2; on 1 August → 0; not revised (no date) → 0', () => {
    expect(item(score({ s03RevisedOn: '2018-07-31' }), 'assessment-plan')).toBe('2')
    expect(item(score({ s03RevisedOn: '2018-08-01' }), 'assessment-plan')).toBe('0')
    const { s03RevisedOn: _, ...rest } = full
    const r = ev.evaluate({ id: 't', facts: rest })
    expect(r.ok && item(r.value, 'assessment-plan')).toBe('0')
  })

  it('四12 4, 2 off per failing river or reservoir, 扣完为止: 0 → 4, 1 → 2, 2 → 0, 3 → 0', () => {
    expect([0, 1, 2, 3].map((n) => item(score({ s12Failures: n }), 'water-quality'))).toEqual(['4', '2', '0', '0'])
  })

  it('四17 2 off per case not reported or stopped, within the item: 1 case → 2; 2 cases → 0; 3 → 0', () => {
    expect([1, 2, 3].map((n) => item(score({ s17Unreported: n }), 'shoreline'))).toEqual(['2', '0', '0'])
  })

  it('四18 the sub-items give 1 + 1; the third point of its 3 is judged', () => {
    expect(item(score({ s18Other: 0 }), 'sand-mining')).toBe('2')
    expect(item(score({ s18Boats: false, s18Other: 0.5 }), 'sand-mining')).toBe('1.5')
  })

  it('四20 年内无案例不得分: no case → 1 (the patrol team only); one case → 4', () => {
    expect(item(score({ s20Cases: 0 }), 'fisheries')).toBe('1')
    expect(item(score({ s20Cases: 1 }), 'fisheries')).toBe('4')
  })

  it('四21 4 × the share converted: 5 of 5 → 4; 3 of 5 → 2.4; 2 of 3 → 0.6667 → 2.6668; 0 → 0', () => {
    expect(item(score({ s21Reservoirs: 5, s21Done: 5 }), 'reservoirs')).toBe('4')
    expect(item(score({ s21Reservoirs: 5, s21Done: 3 }), 'reservoirs')).toBe('2.4')
    expect(item(score({ s21Reservoirs: 3, s21Done: 2 }), 'reservoirs')).toBe('2.6668') // 4 − 0.3333 × 4
    expect(item(score({ s21Reservoirs: 5, s21Done: 0 }), 'reservoirs')).toBe('0')
  })

  it('五1 province 1, city 2, county 2 → 5; one short at any level → 0', () => {
    expect(item(score(), 'adoptions')).toBe('5')
    expect(item(score({ adoptedCounty: 1 }), 'adoptions')).toBe('0')
    expect(item(score({ adoptedProvincial: 0 }), 'adoptions')).toBe('0')
  })

  it('五1 多投稿一篇按2:1:0.5加分, beyond the 100: 3 / 2 / 2 → 5 + 4 = 9, total 104', () => {
    const r = score({ adoptedProvincial: 3 })
    expect([item(r, 'adoption-extra'), item(r, 'adoptions'), r.total]).toEqual(['4', '9', '104.00'])
    // province 0, city 4, county 5: quota lost (−5), extra 0 + 2 + 1.5 = 3.5 → 98.5
    expect(score({ adoptedProvincial: 0, adoptedCity: 4, adoptedCounty: 5 }).total).toBe('98.50')
  })

  it('六 省、市通报表扬 +20 / +10; 点名批评 −20 / −10, beyond the 100', () => {
    expect(score({ praisedProvincial: 2 }).total).toBe('140.00')
    expect(score({ praisedCity: 1, criticisedProvincial: 1 }).total).toBe('90.00')
    expect(score({ criticisedCity: 3 }).total).toBe('70.00')
  })

  it('the result states how far the total may pass 100: bonus 320 (五1 170 + 六 150)', () => {
    const r = score({ praisedProvincial: 1 })
    expect([r.total, r.max, r.bonus]).toEqual(['120.00', '100', '320'])
    expect(JSON.parse(JSON.stringify(r)).bonus).toBe('320')
  })

  it('六 a count above the bound the rubric gives (5) is refused, not cut', () => {
    const r = ev.evaluate({ id: 't', facts: { ...full, praisedProvincial: 6 } })
    expect(r.ok).toBe(false)
    expect(!r.ok && r.diagnostics.map((d) => d.code)).toContain('EVIDENCE_OUT_OF_RANGE')
  })
})

describe('shicheng-river-chief-townships-2018: 二 only for 琴江镇', () => {
  it('no 温坊人工湖: item 7 不適用, the sheet is scaled from 98 to 100; 六 is not scaled', () => {
    expect(score({}, noLake).total).toBe('100.00') // 98 × 100 ÷ 98
    expect(score({ s01: 4 }, noLake).exactTotal).toBe('98.979592') // 97 × 100 ÷ 98 = 98.9795918…
    expect(score({ s01: 4, praisedCity: 1 }, noLake).exactTotal).toBe('108.979592') // + 10, unscaled
  })
})
