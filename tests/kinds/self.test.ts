import { describe, expect, it } from 'vitest'
import { base, compileOk, subjectOk } from './helpers'

const ev = compileOk({
  ...base,
  total: 20,
  period: { unit: 'year', from: '2017-01-01', to: '2017-12-31' },
  facts: {
    materials: { type: 'number', title: '材料' },
    standardised: { type: 'boolean', title: '規範化' },
    passRate: { type: 'rate', title: '合格率' },
  },
  records: { innovations: { title: '創新', fields: { date: { type: 'date' } }, date: 'date' } },
  items: [
    {
      kind: 'section', id: 'part', title: '部分', max: 15,
      items: [
        { kind: 'judged', id: 'materials', title: '材料', min: 1, max: 5, fact: 'materials' },
        { kind: 'check', id: 'standardised', title: '規範化', max: 3, fact: 'standardised' },
        { kind: 'deduct', id: 'spot-check', title: '抽檢', max: 7, fact: 'passRate', target: 0.9, step: 0.01, points: 1, rounding: 'ceil', floor: 0 },
      ],
    },
    { kind: 'count', id: 'innovation', title: '創新', max: 5, records: 'innovations', points: 2 },
  ],
})

const facts = { materials: 3, standardised: true, passRate: 0.875 } // 3 + 3 + (7 − 3) = 10
const records = { innovations: [{ date: '2017-03-01' }] } // 2

describe('self-assessment beside the assessor\'s scores', () => {
  it('the self-assessed total and items, and the differences (self − assessor)', () => {
    const r = subjectOk(ev, { id: 's1', facts, records, self: { facts: { materials: 4.5, passRate: 0.9 } } })
    expect(r.exactTotal).toBe('12') // assessor: 3 + 3 + 4 + 2
    expect(r.self!.total).toBe('16.50') // self: 4.5 + 3 + 7 + 2 = 16.5, rounded like the total
    expect(r.self!.items).toEqual({ part: '14.5', materials: '4.5', standardised: '3', 'spot-check': '7', innovation: '2' })
    expect(r.differences).toEqual([
      { item: 'part', title: '部分', self: '14.5', assessor: '10', difference: '4.5' },
      { item: 'materials', title: '材料', self: '4.5', assessor: '3', difference: '1.5' },
      { item: 'spot-check', title: '抽檢', self: '7', assessor: '4', difference: '3' }, // 0.9 meets the target vs 87.5% → −3
    ])
  })

  it('facts the self-assessment does not give are the assessor\'s', () => {
    const r = subjectOk(ev, { id: 's1', facts, records, self: { facts: {} } })
    expect(r.self!.total).toBe('12.00')
    expect(r.differences).toEqual([])
  })

  it('a self-assessment lower than the assessor gives a negative difference', () => {
    const r = subjectOk(ev, { id: 's1', facts, records, self: { facts: { standardised: false } } })
    expect(r.differences).toEqual([
      { item: 'part', title: '部分', self: '7', assessor: '10', difference: '-3' },
      { item: 'standardised', title: '規範化', self: '0', assessor: '3', difference: '-3' },
    ])
  })

  it('self-assessed records replace the assessor\'s records', () => {
    const r = subjectOk(ev, { id: 's1', facts, records, self: { records: { innovations: [{ date: '2017-03-01' }, { date: '2017-04-01' }, { date: '2017-05-01' }] } } })
    expect(r.self!.items.innovation).toBe('5') // 3 × 2 = 6 → cap 5
    expect(r.differences).toEqual([{ item: 'innovation', title: '創新', self: '5', assessor: '2', difference: '3' }])
  })

  it('the assessor\'s score is unaffected by the self-assessment', () => {
    const without = subjectOk(ev, { id: 's1', facts, records })
    const withSelf = subjectOk(ev, { id: 's1', facts, records, self: { facts: { materials: 5 } } })
    expect(withSelf.total).toBe(without.total)
    expect(withSelf.items).toEqual(without.items)
    expect(without.self).toBeUndefined()
    expect(without.differences).toBeUndefined()
  })
})
