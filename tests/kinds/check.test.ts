import { describe, expect, it } from 'vitest'
import { base, compileOk, failureOf, scoreOf } from './helpers'

describe('check: a yes/no fact', () => {
  const ev = compileOk({
    ...base,
    total: 3,
    facts: { standardised: { type: 'boolean', title: '規範化管理全面合格' } },
    items: [{ kind: 'check', id: 'county-qualified', title: '規範化管理', max: 3, fact: 'standardised' }],
  })

  it('true gives max, false gives 0', () => {
    expect(scoreOf(ev, { standardised: true }).items[0]!.score).toBe('3') // holds → max 3
    expect(scoreOf(ev, { standardised: false }).items[0]!.score).toBe('0') // does not → else 0
  })

  it('the trail says what held', () => {
    const t = scoreOf(ev, { standardised: true }).items[0]!.trail!
    expect(t.rule).toBe('3 points when it holds, else 0')
    expect(t.arithmetic).toBe('standardised = true, needs true ✓ → 3')
    expect(scoreOf(ev, { standardised: false }).items[0]!.trail!.arithmetic).toBe('standardised = false, needs true ✗ → 0')
  })
})

describe('check: thresholds', () => {
  const threshold = (when: unknown, extra: Record<string, unknown> = {}) =>
    compileOk({
      ...base,
      total: 7,
      facts: { rate: { type: 'rate', title: '合格面' } },
      items: [{ kind: 'check', id: 'online', title: '合格面不低于95%', max: 7, when, ...extra }],
    })

  it('atLeast: exactly at the threshold holds, just below does not', () => {
    const ev = threshold({ fact: 'rate', atLeast: 0.95 })
    expect(scoreOf(ev, { rate: 0.95 }).items[0]!.score).toBe('7') // 0.95 ≥ 0.95 → 7
    expect(scoreOf(ev, { rate: 0.949999 }).items[0]!.score).toBe('0') // 0.949999 < 0.95 → 0
    expect(scoreOf(ev, { rate: '0.95' }).items[0]!.score).toBe('7') // decimal string, same value
    expect(scoreOf(ev, { rate: 0.950001 }).items[0]!.score).toBe('7') // just above → 7
  })

  it('above (strict): exactly at the threshold does not hold, just above does', () => {
    const ev = threshold({ fact: 'rate', above: 0.95 })
    expect(scoreOf(ev, { rate: 0.95 }).items[0]!.score).toBe('0') // 0.95 > 0.95 is false → 0
    expect(scoreOf(ev, { rate: 0.950001 }).items[0]!.score).toBe('7') // → 7
  })

  it('atMost and below', () => {
    const atMost = threshold({ fact: 'rate', atMost: 0.05 })
    expect(scoreOf(atMost, { rate: 0.05 }).items[0]!.score).toBe('7') // 0.05 ≤ 0.05
    expect(scoreOf(atMost, { rate: 0.050001 }).items[0]!.score).toBe('0')
    const below = threshold({ fact: 'rate', below: 0.05 })
    expect(scoreOf(below, { rate: 0.05 }).items[0]!.score).toBe('0') // 0.05 < 0.05 is false
    expect(scoreOf(below, { rate: 0.049999 }).items[0]!.score).toBe('7')
  })

  it('between includes both ends', () => {
    const ev = threshold({ fact: 'rate', between: [0.5, 0.8] })
    expect(scoreOf(ev, { rate: 0.5 }).items[0]!.score).toBe('7')
    expect(scoreOf(ev, { rate: 0.8 }).items[0]!.score).toBe('7')
    expect(scoreOf(ev, { rate: 0.499999 }).items[0]!.score).toBe('0')
    expect(scoreOf(ev, { rate: 0.800001 }).items[0]!.score).toBe('0')
  })

  it('points and else', () => {
    const ev = threshold({ fact: 'rate', atLeast: 0.95 }, { points: 5, else: 2 })
    expect(scoreOf(ev, { rate: 0.96 }).items[0]!.score).toBe('5') // holds → points 5
    expect(scoreOf(ev, { rate: 0.5 }).items[0]!.score).toBe('2') // does not → else 2
  })

  it('the threshold from a param, overridden per evaluation', () => {
    const ev = compileOk({
      ...base,
      total: 7,
      params: { bar: { type: 'rate', default: 0.95 } },
      facts: { rate: { type: 'rate', title: '合格面' } },
      items: [{ kind: 'check', id: 'online', title: '合格面', max: 7, when: { fact: 'rate', atLeast: { param: 'bar' } } }],
    })
    expect(scoreOf(ev, { rate: 0.9 }).items[0]!.score).toBe('0') // 0.9 < 0.95
    expect(scoreOf(ev, { rate: 0.9 }, undefined, { params: { bar: 0.9 } }).items[0]!.score).toBe('7') // 0.9 ≥ 0.9
    // a rate param outside [0, 1] is refused
    expect(failureOf(ev, { id: 's1', facts: { rate: 0.9 } }, { params: { bar: 1.5 } }).map((d) => d.code)).toContain('OPTION_INVALID')
  })

  it('the trail shows the comparison', () => {
    const ev = threshold({ fact: 'rate', atLeast: 0.95 })
    expect(scoreOf(ev, { rate: 0.949999 }).items[0]!.trail!.arithmetic).toBe('rate = 0.949999 ≥ 0.95 ✗ → 0')
  })
})

describe('check: other conditions', () => {
  it('enum facts with is / in, and all / any / not', () => {
    const ev = compileOk({
      ...base,
      total: 10,
      facts: {
        level: { type: 'enum', values: ['national', 'provincial', 'city'], title: '級別' },
        staff: { type: 'integer', title: '人數' },
        done: { type: 'boolean', title: '完成' },
      },
      items: [
        { kind: 'check', id: 'high-level', title: '省級以上', max: 2, when: { fact: 'level', in: ['national', 'provincial'] } },
        { kind: 'check', id: 'national', title: '國家級', max: 2, when: { fact: 'level', is: 'national' } },
        { kind: 'check', id: 'all', title: 'all', max: 2, when: { all: [{ fact: 'done' }, { fact: 'staff', atLeast: 3 }] } },
        { kind: 'check', id: 'any', title: 'any', max: 2, when: { any: [{ fact: 'done' }, { fact: 'staff', atLeast: 3 }] } },
        { kind: 'check', id: 'not', title: 'not', max: 2, when: { not: { fact: 'done', is: true } } },
      ],
    })
    const r = scoreOf(ev, { level: 'provincial', staff: 3, done: false })
    expect(r.items.map((i) => i.score)).toEqual(['2', '0', '0', '2', '2']) // in ✓, is ✗, all ✗ (done false), any ✓ (staff 3), not ✓
    const r2 = scoreOf(ev, { level: 'national', staff: 2, done: true })
    expect(r2.items.map((i) => i.score)).toEqual(['2', '2', '0', '2', '0']) // staff 2 < 3 fails all
    expect(r2.total).toBe('6.00')
  })

  it('a score condition reads an item already scored', () => {
    const ev = compileOk({
      ...base,
      total: 12,
      facts: { a: { type: 'number', title: 'A' } },
      items: [
        { kind: 'judged', id: 'base-score', title: '基本分', max: 10, fact: 'a' },
        { kind: 'check', id: 'bonus', title: '基本分達8分加2分', max: 2, when: { score: 'base-score', atLeast: 8 } },
      ],
    })
    expect(scoreOf(ev, { a: 8 }).total).toBe('10.00') // 8 + bonus 2
    expect(scoreOf(ev, { a: 7.999999 }).total).toBe('8.00') // 7.999999 + 0 → rounded 8.00
    expect(scoreOf(ev, { a: 7.999999 }).exactTotal).toBe('7.999999')
  })
})
