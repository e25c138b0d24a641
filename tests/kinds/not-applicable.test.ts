import { describe, expect, it } from 'vitest'
import { base, compileOk, item, subjectOk } from './helpers'

/** A section of 3 + 7 + 10 = 20 (Xuzhou 三(一): a bureau with no development zone marks the 3-point item 不適用). */
const rubric = (policy?: 'rescale' | 'zero', rubricPolicy?: 'rescale' | 'zero') => ({
  ...base,
  total: 25,
  ...(rubricPolicy ? { notApplicable: rubricPolicy } : {}),
  facts: { a: { type: 'number', title: 'A' }, b: { type: 'number', title: 'B' }, c: { type: 'number', title: 'C' }, d: { type: 'number', title: 'D' } },
  items: [
    {
      kind: 'section', id: 'key', title: '重點目標', max: 20,
      items: [
        { kind: 'judged', id: 'dev-zone', title: '開發區', max: 3, fact: 'a', ...(policy ? { notApplicable: policy } : {}) },
        { kind: 'judged', id: 'online', title: '聯網直報', max: 7, fact: 'b' },
        { kind: 'judged', id: 'village', title: '村居', max: 10, fact: 'c' },
      ],
    },
    { kind: 'judged', id: 'other', title: '其他', max: 5, fact: 'd' },
  ],
})

const facts = { a: 3, b: 7, c: 5, d: 0 }

describe('not applicable: rescale (the default)', () => {
  const ev = compileOk(rubric())

  it('(7 + 5) × 20 / 17 = 14.117647 (6 places, half-even)', () => {
    const r = subjectOk(ev, { id: 's1', facts, notApplicable: ['dev-zone'] })
    const key = item(r, 'key')
    expect(key.score).toBe('14.117647') // 240 / 17 = 14.11764705… → 14.117647
    expect(r.exactTotal).toBe('14.117647') // + other 0
    expect(r.total).toBe('14.12')
    const na = item(r, 'dev-zone')
    expect(na.notApplicable).toBe('rescale')
    expect(na.score).toBe('0')
    expect(na.trail).toBeUndefined()
    expect(key.trail!.arithmetic).toBe('7 + 5 = 12 × 20 / 17 (1 item 不適用, rescaled)')
    expect(key.trail!.bounds).toBe('→ 14.117647')
  })

  it('without the N/A mark the section is a plain sum', () => {
    const r = subjectOk(ev, { id: 's1', facts })
    expect(item(r, 'key').score).toBe('15') // 3 + 7 + 5
  })

  it('rescaling never exceeds the section max', () => {
    const r = subjectOk(ev, { id: 's1', facts: { ...facts, c: 10 }, notApplicable: ['dev-zone'] })
    expect(item(r, 'key').score).toBe('20') // (7 + 10) × 20 / 17 = 20
  })

  it('a rescale that lands on a half at the 7th place rounds half-even', () => {
    // section of 4 + 16 = 20 with the 4 N/A: the 16-point child's score × 20 / 16 = × 1.25
    const e = compileOk({
      ...base,
      total: 20,
      facts: { a: { type: 'number', title: 'A' }, b: { type: 'number', title: 'B' } },
      items: [
        {
          kind: 'section', id: 's', title: 'S', max: 20,
          items: [
            { kind: 'judged', id: 'x', title: 'X', max: 4, fact: 'a' },
            { kind: 'judged', id: 'y', title: 'Y', max: 16, fact: 'b' },
          ],
        },
      ],
    })
    expect(item(subjectOk(e, { id: 's1', facts: { a: 0, b: 0.000001 }, notApplicable: ['x'] }), 's').score).toBe('0.000001') // 0.000001 × 20 / 16 = 0.00000125 → 0.000001
    expect(item(subjectOk(e, { id: 's1', facts: { a: 0, b: 0.000002 }, notApplicable: ['x'] }), 's').score).toBe('0.000002') // 0.0000025 → half-even → 0.000002
    expect(item(subjectOk(e, { id: 's1', facts: { a: 0, b: 0.000006 }, notApplicable: ['x'] }), 's').score).toBe('0.000008') // 0.0000075 → half-even → 0.000008
  })

  it('a section whose items are all N/A is itself N/A, rescaled in its parent', () => {
    const r = subjectOk(ev, { id: 's1', facts: { ...facts, d: 4 }, notApplicable: ['dev-zone', 'online', 'village'] })
    expect(item(r, 'key').notApplicable).toBe('rescale')
    expect(r.exactTotal).toBe('20') // other 4 × 25 / 5 = 20
  })
})

describe('not applicable: zero', () => {
  it('an item with notApplicable: zero scores 0 and keeps its share of the max', () => {
    const r = subjectOk(compileOk(rubric('zero')), { id: 's1', facts, notApplicable: ['dev-zone'] })
    expect(item(r, 'key').score).toBe('12') // 0 + 7 + 5, out of 20
    expect(item(r, 'dev-zone').notApplicable).toBe('zero')
    expect(item(r, 'key').trail!.arithmetic).toBe('0 (不適用) + 7 + 5 = 12')
  })

  it('the rubric-level policy applies to every item', () => {
    const r = subjectOk(compileOk(rubric(undefined, 'zero')), { id: 's1', facts, notApplicable: ['dev-zone'] })
    expect(item(r, 'key').score).toBe('12')
  })

  it('an item policy overrides the rubric policy', () => {
    const r = subjectOk(compileOk(rubric('rescale', 'zero')), { id: 's1', facts, notApplicable: ['dev-zone'] })
    expect(item(r, 'key').score).toBe('14.117647')
  })
})
