import { describe, expect, it } from 'vitest'
import { base, compileOk, failureOf, scoreOf } from './helpers'

/** Xuzhou 三(一)6 首席統計員: 全部完成 5; 41%–99% 5 × rate; below 40% nothing. */
const chief = (coefficientFrom: number | string) => ({
  ...base,
  total: 5,
  facts: { chiefRate: { type: 'rate', title: '首席統計員設置完成比例' } },
  items: [
    {
      kind: 'bands',
      id: 'chief-statisticians',
      title: '首席統計員設置',
      max: 5,
      fact: 'chiefRate',
      bands: [
        { title: '全部完成', from: 1, to: 1, edges: '[]', points: 5 },
        { title: '系數', from: coefficientFrom, to: 1, edges: '[)', times: 5 },
        { title: '不得分', from: 0, to: 0.4, edges: '[)', points: 0 },
      ],
    },
  ],
})

const ev = compileOk(chief(0.4))
const score = (rate: unknown) => scoreOf(ev, { chiefRate: rate }).items[0]!.score

describe('bands like Xuzhou item 6 (max 5)', () => {
  it('the coefficient band starts at 40% inclusive', () => {
    expect(score(0.4)).toBe('2') // [0.40, 1): 5 × 0.40 = 2
    expect(score(0.405)).toBe('2.025') // 5 × 0.405 = 2.025 (exact, not 2.02 or 2.03)
    expect(score(0.41)).toBe('2.05') // 5 × 0.41 = 2.05
    expect(score(0.75)).toBe('3.75') // 5 × 0.75 = 3.75
    expect(score(0.999)).toBe('4.995') // 5 × 0.999 = 4.995, still the coefficient band
  })

  it('all done: [1, 1] gives the fixed 5', () => {
    expect(score(1)).toBe('5') // [1,1] → 5
    expect(score('1.0')).toBe('5')
  })

  it('below 40% gives nothing', () => {
    expect(score(0.399)).toBe('0') // [0, 0.40) → 0
    expect(score(0.399999)).toBe('0')
    expect(score(0)).toBe('0') // lower edge of [0, 0.40) included → 0
  })

  it('the item score is exact; only the total is rounded (2 places, half-up)', () => {
    const r = scoreOf(ev, { chiefRate: 0.405 })
    expect(r.items[0]!.score).toBe('2.025')
    expect(r.exactTotal).toBe('2.025')
    expect(r.total).toBe('2.03') // 2.025 → half-up → 2.03
  })

  it('the trail shows the band and the arithmetic', () => {
    const t = scoreOf(ev, { chiefRate: 0.405 }).items[0]!.trail!
    expect(t.inputs).toEqual({ chiefRate: '0.405' })
    expect(t.rule).toContain('[1, 1] → 5')
    expect(t.rule).toContain('[0.4, 1) → 5 × value')
    expect(t.arithmetic).toBe('in [0.4, 1) → 5 × value: 5 × 0.405 = 2.025')
    expect(scoreOf(ev, { chiefRate: 1 }).items[0]!.trail!.arithmetic).toBe('in [1, 1] → 5: 5')
    expect(scoreOf(ev, { chiefRate: 0.399 }).items[0]!.trail!.arithmetic).toBe('in [0, 0.4) → 0: 0')
  })

  it('with the coefficient band from 0.41 (a gap [0.40, 0.41)), 0.405 falls in no band: EVIDENCE_NO_BAND', () => {
    const gap = compileOk(chief(0.41))
    expect(scoreOf(gap, { chiefRate: 0.41 }).items[0]!.score).toBe('2.05') // 5 × 0.41 = 2.05
    expect(scoreOf(gap, { chiefRate: 0.399 }).items[0]!.score).toBe('0') // still [0, 0.40)
    const ds = failureOf(gap, { id: 'gulou', facts: { chiefRate: 0.405 } }) // 0.405 ∈ [0.40, 0.41): no band
    const e = ds.find((d) => d.severity === 'error')!
    expect(e.code).toBe('EVIDENCE_NO_BAND')
    expect(e.subject).toBe('gulou')
    expect(e.path).toEqual(['subjects', 0, 'facts', 'chiefRate'])
    expect(e.message).toContain('0.405')
    expect(e.message).toContain('chief-statisticians')
  })

  it('edge kinds: (] and () and unbounded bands', () => {
    const e = compileOk({
      ...base,
      total: 10,
      facts: { n: { type: 'number', title: 'n' } },
      items: [
        {
          kind: 'bands', id: 'b', title: 'B', max: 10, fact: 'n',
          bands: [
            { to: 0, edges: '()', points: 0 }, // (−∞, 0)
            { from: 0, to: 5, edges: '[]', points: 2 }, // [0, 5]
            { from: 5, to: 8, edges: '(]', points: 6 }, // (5, 8]
            { from: 8, edges: '()', points: 10 }, // (8, ∞)
          ],
        },
      ],
    })
    const s = (n: number) => scoreOf(e, { n }).items[0]!.score
    expect(s(-3)).toBe('0') // (−∞, 0)
    expect(s(0)).toBe('2') // [0, 5] includes 0
    expect(s(5)).toBe('2') // [0, 5] includes 5, (5, 8] does not
    expect(s(5.000001)).toBe('6') // (5, 8]
    expect(s(8)).toBe('6') // (5, 8] includes 8
    expect(s(8.000001)).toBe('10') // (8, ∞)
    expect(s(1e6)).toBe('10')
  })

  it('the first band containing the value wins', () => {
    const e = compileOk({
      ...base,
      total: 10,
      facts: { n: { type: 'number', title: 'n' } },
      items: [{ kind: 'bands', id: 'b', title: 'B', max: 10, fact: 'n', bands: [{ from: 0, to: 10, points: 3 }, { from: 5, to: 10, points: 9 }] }],
    })
    expect(scoreOf(e, { n: 7 }).items[0]!.score).toBe('3') // both contain 7; the first gives 3
  })

  it('points × value above max is kept within max', () => {
    const e = compileOk({
      ...base,
      total: 5,
      facts: { n: { type: 'number', title: 'n' } },
      items: [{ kind: 'bands', id: 'b', title: 'B', max: 5, fact: 'n', bands: [{ from: 0, times: 2 }] }],
    })
    const r = scoreOf(e, { n: 3 }) // 2 × 3 = 6 → max 5
    expect(r.items[0]!.score).toBe('5')
    expect(r.items[0]!.trail!.bounds).toBe('6 kept within [0, 5] → 5')
  })

  it('band edges from params, overridden per evaluation', () => {
    const e = compileOk({
      ...chief(0.4),
      params: { coefficientFrom: { type: 'rate', default: 0.4 } },
      items: [
        {
          kind: 'bands', id: 'chief-statisticians', title: '首席統計員設置', max: 5, fact: 'chiefRate',
          bands: [
            { from: 1, to: 1, edges: '[]', points: 5 },
            { from: { param: 'coefficientFrom' }, to: 1, times: 5 },
            { from: 0, to: { param: 'coefficientFrom' }, points: 0 },
          ],
        },
      ],
    })
    expect(scoreOf(e, { chiefRate: 0.405 }).items[0]!.score).toBe('2.025') // default 0.40: 5 × 0.405
    expect(scoreOf(e, { chiefRate: 0.405 }, undefined, { params: { coefficientFrom: 0.41 } }).items[0]!.score).toBe('0') // [0, 0.41) → 0
  })
})
