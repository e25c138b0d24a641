import { describe, expect, it } from 'vitest'
import { Rubric } from '../../src/kinds/rubric'
import { validateRubric } from '../../src/validate/validate-rubric'
import { base, compileOk, failureOf, scoreOf } from './helpers'

/**
 * A score sheet whose points are set per round (a placeholder sheet of 考評表 areas): 基礎 aMax and 業務 bMax, judged
 * scores, adding up to 100. The maxima are parameters, 60 and 40 by default.
 */
const sheet = {
  ...base,
  total: 100,
  params: {
    aMax: { type: 'number', default: 60, min: 0, title: '基礎工作分值' },
    bMax: { type: 'number', default: 40, min: 0, title: '業務工作分值' },
  },
  facts: { a: { type: 'number', min: 0, max: 100, title: '基礎工作得分' }, b: { type: 'number', min: 0, max: 100, title: '業務工作得分' } },
  items: [
    { kind: 'judged', id: 'basics', title: '基礎工作', max: { param: 'aMax' }, fact: 'a' },
    { kind: 'judged', id: 'business', title: '業務工作', max: { param: 'bMax' }, fact: 'b' },
  ],
}

describe("an item's max from a parameter (a sheet set per round)", () => {
  const ev = compileOk(sheet)
  it('at the defaults 60 / 40: 65 is clamped to 60', () => {
    const r = scoreOf(ev, { a: 65, b: 30 })
    expect(r.total).toBe('90.00') // min(65, 60) + 30
    expect(r.items.map((i) => [i.id, i.max, i.score])).toEqual([
      ['basics', '60', '60'],
      ['business', '40', '30'],
    ])
  })
  it('70 / 30 for this round: 65 counts whole, 30 is the most for 業務', () => {
    const r = scoreOf(ev, { a: 65, b: 35 }, undefined, { params: { aMax: 70, bMax: 30 } })
    expect(r.total).toBe('95.00') // 65 + min(35, 30)
    expect(r.items.map((i) => [i.id, i.max, i.score])).toEqual([
      ['basics', '70', '65'],
      ['business', '30', '30'],
    ])
    // the default program is untouched by the other call
    expect(scoreOf(ev, { a: 65, b: 35 }).total).toBe('95.00') // 60 + 35
  })
  it('values that no longer add up to the total are refused (MAX_MISMATCH under OPTION_INVALID)', () => {
    const ds = failureOf(ev, { id: 's1', facts: { a: 65, b: 35 } }, { params: { aMax: 70 } })
    expect([ds[0]!.code, ds[0]!.message]).toEqual(['OPTION_INVALID', 'With aMax = 70: Items add up to 110, but total is 100.'])
  })
  it("compile-time parameters set the evaluator's own sheet", () => {
    expect(scoreOf(compileOk(sheet, { params: { aMax: 50, bMax: 50 } }), { a: 65, b: 45 }).total).toBe('95.00') // 50 + 45
  })
  it('the rubric is checked at the defaults: 60 + 50 ≠ 100', () => {
    const bad = { ...sheet, params: { ...sheet.params, bMax: { type: 'number', default: 50, min: 0, title: 'b' } } }
    expect(validateRubric(Rubric.parse(bad)).diagnostics.map((d) => [d.code, d.message])).toEqual([['MAX_MISMATCH', 'Items add up to 110, but total is 100.']])
  })
})
