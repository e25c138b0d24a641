import { describe, expect, it } from 'vitest'
import { base, compileOk, failureOf, item, subjectOk } from './helpers'

const ev = compileOk({
  ...base,
  total: 20,
  facts: { a: { type: 'number', title: 'A' }, b: { type: 'number', title: 'B' }, c: { type: 'number', title: 'C' } },
  items: [
    {
      kind: 'section', id: 'part', title: '部分', max: 15,
      items: [
        { kind: 'judged', id: 'x', title: 'X', max: 10, fact: 'a' },
        { kind: 'judged', id: 'y', title: 'Y', min: 1, max: 5, fact: 'b' },
      ],
    },
    { kind: 'judged', id: 'z', title: 'Z', max: 5, fact: 'c' },
  ],
})

const facts = { a: 6, b: 4, c: 3 } // part 10, total 13
const adj = (a: Record<string, unknown>) => ({ reason: '復核更正', approver: '王局長', ...a })

describe('manual adjustments', () => {
  it('to: replaces the score; the computed score is kept; the parent sums follow', () => {
    const r = subjectOk(ev, { id: 's1', facts, adjustments: [adj({ item: 'x', to: 8, date: '2018-01-10' })] })
    const x = item(r, 'x')
    expect(x.score).toBe('8') // adjusted to 8
    expect(x.computed).toBe('6') // as computed from the evidence
    expect(x.adjustment).toEqual({ item: 'x', to: '8', reason: '復核更正', approver: '王局長', date: '2018-01-10' })
    expect(item(r, 'part').score).toBe('12') // 8 + 4
    expect(item(r, 'part').computed).toBeUndefined() // the section was not itself adjusted
    expect(r.exactTotal).toBe('15') // 12 + 3
    expect(r.adjustments).toEqual([{ item: 'x', to: '8', reason: '復核更正', approver: '王局長', date: '2018-01-10' }])
    expect(x.trail!.arithmetic).toBe('6') // the trail explains the computed score
  })

  it('by: adds to the computed score (negative to deduct)', () => {
    const r = subjectOk(ev, { id: 's1', facts, adjustments: [adj({ item: 'y', by: -1.5 })] })
    expect(item(r, 'y').score).toBe('2.5') // 4 − 1.5
    expect(item(r, 'y').computed).toBe('4')
    expect(item(r, 'y').adjustment!.by).toBe('-1.5')
    expect(item(r, 'part').score).toBe('8.5') // 6 + 2.5
    expect(r.exactTotal).toBe('11.5')
  })

  it('decimal strings, exactly', () => {
    const r = subjectOk(ev, { id: 's1', facts, adjustments: [adj({ item: 'x', by: '0.1' }), adj({ item: 'y', by: '0.2' })] })
    expect(item(r, 'part').score).toBe('10.3') // 6.1 + 4.2
  })

  it('a section or the total may be adjusted', () => {
    const s = subjectOk(ev, { id: 's1', facts, adjustments: [adj({ item: 'part', to: 14 })] })
    expect(item(s, 'part').score).toBe('14')
    expect(item(s, 'part').computed).toBe('10')
    expect(s.exactTotal).toBe('17') // 14 + 3
    const t = subjectOk(ev, { id: 's1', facts, adjustments: [adj({ item: 'total', by: -3 })] })
    expect(t.exactTotal).toBe('10') // 13 − 3
  })

  it('an adjustment out of bounds is refused with ADJUSTMENT_INVALID', () => {
    const over = failureOf(ev, { id: 's1', facts, adjustments: [adj({ item: 'x', to: 10.5 })] }) // max 10
    expect(over[0]!.code).toBe('ADJUSTMENT_INVALID')
    expect(over[0]!.subject).toBe('s1')
    expect(over[0]!.path).toEqual(['subjects', 0, 'adjustments'])
    expect(over[0]!.message).toContain('10.5')
    expect(over[0]!.message).toContain('[0, 10]')
    expect(failureOf(ev, { id: 's1', facts, adjustments: [adj({ item: 'y', by: -3.5 })] })[0]!.code).toBe('ADJUSTMENT_INVALID') // 4 − 3.5 = 0.5 < min 1
    expect(failureOf(ev, { id: 's1', facts, adjustments: [adj({ item: 'total', by: 8 })] })[0]!.code).toBe('ADJUSTMENT_INVALID') // 13 + 8 = 21 > 20
    // exactly at a bound is fine
    expect(item(subjectOk(ev, { id: 's1', facts, adjustments: [adj({ item: 'y', by: -3 })] }), 'y').score).toBe('1') // 4 − 3 = 1 = min
  })

  it('an adjustment needs a known item, a reason, an approver and exactly one of to / by', () => {
    expect(failureOf(ev, { id: 's1', facts, adjustments: [adj({ item: 'nope', to: 1 })] })[0]!.code).toBe('EVIDENCE_INVALID')
    expect(failureOf(ev, { id: 's1', facts, adjustments: [{ item: 'x', to: 1, approver: '王' }] })[0]!.code).toBe('EVIDENCE_MISSING')
    expect(failureOf(ev, { id: 's1', facts, adjustments: [adj({ item: 'x', to: 1, by: 1 })] })[0]!.code).toBe('EVIDENCE_INVALID')
    expect(failureOf(ev, { id: 's1', facts, adjustments: [adj({ item: 'x' })] })[0]!.code).toBe('EVIDENCE_INVALID')
  })
})

describe('manual adjustments of a rolled-up result', () => {
  const rolled = compileOk({
    ...base,
    total: 100,
    period: { unit: 'year', from: '2017-01-01', to: '2017-12-31' },
    rollup: [{ from: 'quarter', to: 'year', combine: 'mean' }],
    facts: { work: { type: 'number', title: '工作' }, extra: { type: 'number', title: '附加' } },
    items: [
      {
        kind: 'section', id: 'all', title: '全部', max: 100,
        items: [
          { kind: 'judged', id: 'work', title: '工作', max: 90, fact: 'work' },
          { kind: 'judged', id: 'extra', title: '附加', max: 10, fact: 'extra' },
        ],
      },
    ],
  })
  const periods = Object.fromEntries(['2017-Q1', '2017-Q2', '2017-Q3', '2017-Q4'].map((q) => [q, { facts: { work: 80, extra: 8 } }]))

  it('the adjusted year score replaces the mean; the section sums follow', () => {
    const r = subjectOk(rolled, { id: 's1', periods, adjustments: [adj({ item: 'work', to: 85 })] })
    expect(item(r, 'work').score).toBe('85')
    expect(item(r, 'work').computed).toBe('80') // the mean of the quarters
    expect(item(r, 'all').score).toBe('93') // 85 + 8
    expect(r.exactTotal).toBe('93')
  })

  it('out of bounds is refused with ADJUSTMENT_INVALID, as without rollup', () => {
    expect(failureOf(rolled, { id: 's1', periods, adjustments: [adj({ item: 'work', to: 95 })] })[0]!.code).toBe('ADJUSTMENT_INVALID') // max 90
    expect(failureOf(rolled, { id: 's1', periods, adjustments: [adj({ item: 'work', by: -81 })] })[0]!.code).toBe('ADJUSTMENT_INVALID') // 80 − 81 = −1 < 0
  })
})
