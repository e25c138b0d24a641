import { describe, expect, it } from 'vitest'
import { base, compileOk, failureOf, scoreOf } from './helpers'

/** Xuzhou 三(一)2: 合格率不低于90%得10分;低于1個百分點扣1分,扣完為止. */
const spotCheck = (rounding: unknown, extra: Record<string, unknown> = {}) => ({
  ...base,
  total: 10,
  params: { stepRounding: { type: 'rounding', default: 'ceil' } },
  facts: { passRate: { type: 'rate', title: '合格率' } },
  items: [{ kind: 'deduct', id: 'spot-check', title: '抽檢', max: 10, fact: 'passRate', target: 0.9, step: 0.01, points: 1, rounding, floor: 0, ...extra }],
})

const ceil = compileOk(spotCheck('ceil'))
const floor = compileOk(spotCheck('floor'))
const exact = compileOk(spotCheck('exact'))
const score = (ev: typeof ceil, rate: unknown) => scoreOf(ev, { passRate: rate }).items[0]!.score

describe('deduct: target 0.90, 1 point per 0.01 below, max 10, floor 0', () => {
  it('exactly at the target deducts nothing', () => {
    expect(score(ceil, 0.9)).toBe('10') // gap 0 → 0 steps → 10
    expect(score(floor, 0.9)).toBe('10')
    expect(score(exact, 0.9)).toBe('10')
  })

  it('above the target deducts nothing', () => {
    expect(score(ceil, 0.95)).toBe('10') // gap −0.05 → no deduction → 10
    expect(score(ceil, 1)).toBe('10')
  })

  it('one whole step below deducts one point under every rounding', () => {
    expect(score(ceil, 0.89)).toBe('9') // 0.01 short = 1 step → −1 → 9
    expect(score(floor, 0.89)).toBe('9')
    expect(score(exact, 0.89)).toBe('9')
  })

  it('a partial step: 87.5% under ceil, floor and exact', () => {
    expect(score(ceil, 0.875)).toBe('7') // 87.5% → 2.5 points short → ceil → −3 → 7
    expect(score(floor, 0.875)).toBe('8') // 2.5 steps → floor → −2 → 8
    expect(score(exact, 0.875)).toBe('7.5') // 2.5 steps × 1 → −2.5 → 7.5
  })

  it('just below the target: one micro-unit short is a started step under ceil only', () => {
    expect(score(ceil, 0.899999)).toBe('9') // 0.000001 short = 0.0001 step → ceil 1 → 9
    expect(score(floor, 0.899999)).toBe('10') // floor 0 → 10
    expect(score(exact, 0.899999)).toBe('9.9999') // 0.0001 step × 1 → 10 − 0.0001
  })

  it('stops at the floor (扣完為止)', () => {
    expect(score(ceil, 0)).toBe('0') // 0.90 short = 90 steps → 10 − 90 = −80 → floor 0
    expect(score(ceil, 0.8)).toBe('0') // 10 steps → 10 − 10 = 0 exactly
    expect(score(ceil, 0.81)).toBe('1') // 9 steps → 1
  })

  it('a decimal string fact is read exactly', () => {
    expect(score(ceil, '0.875')).toBe('7') // same as 0.875
  })

  it('the total is rounded as the rubric says, the exact total kept', () => {
    const r = scoreOf(exact, { passRate: 0.8755 }) // 2.45 steps → −2.45 → 7.55
    expect(r.exactTotal).toBe('7.55')
    expect(r.total).toBe('7.55')
    const r2 = scoreOf(exact, { passRate: 0.87555 }) // 2.445 steps → 7.555 → half-up 2 places → 7.56
    expect(r2.exactTotal).toBe('7.555')
    expect(r2.total).toBe('7.56')
  })

  it('explains the arithmetic in the trail', () => {
    const t = scoreOf(ceil, { passRate: 0.875 }).items[0]!.trail!
    expect(t.inputs).toEqual({ passRate: '0.875' })
    expect(t.rule).toContain('per 0.01 below 0.9')
    expect(t.arithmetic).toContain('short by 0.025')
    expect(t.arithmetic).toContain('2.5 steps → 3 (ceil)')
    expect(t.arithmetic).toContain('10 − 3 = 7')
    const met = scoreOf(ceil, { passRate: 0.9 }).items[0]!.trail!
    expect(met.arithmetic).toBe('0.9 meets the target 0.9 → 10')
    const floored = scoreOf(ceil, { passRate: 0 }).items[0]!.trail!
    expect(floored.arithmetic).toContain('10 − 90 = -80 → floor 0') // 90 steps → −80 → floor
  })

  it('direction above: deduct for rising above the target', () => {
    const ev = compileOk({
      ...base,
      total: 10,
      facts: { errorRate: { type: 'rate', title: '差錯率' } },
      items: [{ kind: 'deduct', id: 'errors', title: '差錯率', max: 10, fact: 'errorRate', target: 0.05, direction: 'above', step: 0.01, points: 2, rounding: 'ceil', floor: 0 }],
    })
    expect(scoreOf(ev, { errorRate: 0.05 }).total).toBe('10.00') // at the target → 10
    expect(scoreOf(ev, { errorRate: 0.02 }).total).toBe('10.00') // below the target is fine → 10
    expect(scoreOf(ev, { errorRate: 0.065 }).items[0]!.score).toBe('6') // 0.015 above = 1.5 steps → ceil 2 × 2 → −4 → 6
    expect(scoreOf(ev, { errorRate: 0.2 }).items[0]!.score).toBe('0') // 15 steps × 2 = 30 → −20 → floor 0
    expect(scoreOf(ev, { errorRate: 0.065 }).items[0]!.trail!.arithmetic).toContain('above by 0.015')
  })

  it('from: deduct from a base other than max', () => {
    const ev = compileOk(spotCheck('ceil', { from: 8 }))
    expect(score(ev, 0.95)).toBe('8') // met → from = 8
    expect(score(ev, 0.88)).toBe('6') // 2 steps → 8 − 2 = 6
  })

  it('rounding from a {param}, overridden per evaluation with options.params', () => {
    const ev = compileOk(spotCheck({ param: 'stepRounding' }))
    expect(scoreOf(ev, { passRate: 0.875 }).items[0]!.score).toBe('7') // default ceil → −3 → 7
    expect(scoreOf(ev, { passRate: 0.875 }, undefined, { params: { stepRounding: 'floor' } }).items[0]!.score).toBe('8') // floor → −2 → 8
    expect(scoreOf(ev, { passRate: 0.875 }, undefined, { params: { stepRounding: 'exact' } }).items[0]!.score).toBe('7.5') // exact → −2.5 → 7.5
    // the override does not stick: the next evaluation uses the default again
    expect(scoreOf(ev, { passRate: 0.875 }).items[0]!.score).toBe('7')
    expect(scoreOf(ev, { passRate: 0.875 }, undefined, { params: { stepRounding: 'floor' } }).items[0]!.trail!.arithmetic).toContain('→ 2 (floor)')
  })

  it('rounding bound at compile time with compileRubric(…, {params})', () => {
    const ev = compileOk(spotCheck({ param: 'stepRounding' }), { params: { stepRounding: 'exact' } })
    expect(score(ev, 0.875)).toBe('7.5') // exact → 7.5
  })

  it('a bad rounding override is refused with OPTION_INVALID', () => {
    const ev = compileOk(spotCheck({ param: 'stepRounding' }))
    const ds = failureOf(ev, { id: 's1', facts: { passRate: 0.875 } }, { params: { stepRounding: 'nearest' } })
    expect(ds.map((d) => d.code)).toContain('OPTION_INVALID')
  })

  it('target, step and points from params', () => {
    const ev = compileOk({
      ...base,
      total: 10,
      params: { target: { type: 'rate', default: 0.9 }, perStep: { type: 'number', default: 1 } },
      facts: { passRate: { type: 'rate', title: '合格率' } },
      items: [{ kind: 'deduct', id: 'spot-check', title: '抽檢', max: 10, fact: 'passRate', target: { param: 'target' }, step: 0.01, points: { param: 'perStep' }, rounding: 'ceil', floor: 0 }],
    })
    expect(scoreOf(ev, { passRate: 0.875 }).items[0]!.score).toBe('7') // 3 steps × 1
    expect(scoreOf(ev, { passRate: 0.875 }, undefined, { params: { perStep: 2 } }).items[0]!.score).toBe('4') // 3 steps × 2 = 6 → 4
    expect(scoreOf(ev, { passRate: 0.875 }, undefined, { params: { target: 0.85 } }).items[0]!.score).toBe('10') // 0.875 ≥ 0.85 → 10
  })

  it('requires / otherwise: a failed prerequisite gives `otherwise` whatever the rate', () => {
    const ev = compileOk({
      ...base,
      total: 10,
      facts: { passRate: { type: 'rate', title: '合格率' }, samplingRatio: { type: 'rate', title: '抽檢比例' } },
      items: [
        {
          kind: 'deduct', id: 'spot-check', title: '抽檢', max: 10, fact: 'passRate', target: 0.9, step: 0.01, points: 1, rounding: 'ceil', floor: 0,
          requires: { fact: 'samplingRatio', atLeast: 0.3 }, otherwise: 0,
        },
      ],
    })
    expect(scoreOf(ev, { passRate: 0.95, samplingRatio: 0.3 }).items[0]!.score).toBe('10') // ratio exactly 30% → holds → 10
    const r = scoreOf(ev, { passRate: 0.95, samplingRatio: 0.299999 }) // just under 30% → otherwise 0
    expect(r.items[0]!.score).toBe('0')
    expect(r.items[0]!.trail!.requires).toContain('✗')
    expect(r.items[0]!.trail!.arithmetic).toBe('not met → 0')
  })
})
