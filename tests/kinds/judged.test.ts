import { describe, expect, it } from 'vitest'
import { base, compileOk, failureOf, scoreOf } from './helpers'

const judged = (extra: Record<string, unknown> = {}) =>
  compileOk({
    ...base,
    total: 5,
    facts: { materials: { type: 'number', title: '工作材料按時報送' } },
    items: [{ kind: 'judged', id: 'materials', title: '按時報送材料', min: 1, max: 5, fact: 'materials', ...extra }],
  })

describe('judged: the assessor\'s score within [min, max]', () => {
  const ev = judged()

  it('a score within the range is taken as given', () => {
    expect(scoreOf(ev, { materials: 3.5 }).items[0]!.score).toBe('3.5')
    expect(scoreOf(ev, { materials: 1 }).items[0]!.score).toBe('1') // min itself
    expect(scoreOf(ev, { materials: 5 }).items[0]!.score).toBe('5') // max itself
    expect(scoreOf(ev, { materials: '4.25' }).items[0]!.score).toBe('4.25') // decimal string
    expect(scoreOf(ev, { materials: 5 }).warnings).toEqual([])
  })

  it('6 in [1, 5] is clamped to 5 with a JUDGED_CLAMPED warning', () => {
    const r = scoreOf(ev, { materials: 6 })
    expect(r.items[0]!.score).toBe('5') // 6 > max 5 → 5
    expect(r.total).toBe('5.00')
    expect(r.warnings).toHaveLength(1)
    const w = r.warnings[0]!
    expect(w.code).toBe('JUDGED_CLAMPED')
    expect(w.severity).toBe('warning')
    expect(w.subject).toBe('s1')
    expect(w.path).toEqual(['facts', 'materials'])
    expect(w.message).toContain('takes 5')
    expect(r.items[0]!.trail!.bounds).toBe('6 kept within [1, 5] → 5')
    // the warning also comes back with the result's diagnostics
    const res = ev.evaluate({ id: 's1', facts: { materials: 6 } })
    expect(res.ok && res.diagnostics.map((d) => d.code)).toEqual(['JUDGED_CLAMPED'])
  })

  it('0 in [1, 5] is clamped up to the min 1', () => {
    const r = scoreOf(ev, { materials: 0 })
    expect(r.items[0]!.score).toBe('1') // 0 < min 1 → 1
    expect(r.warnings[0]!.code).toBe('JUDGED_CLAMPED')
    expect(r.warnings[0]!.message).toContain('takes 1')
  })

  it('outOfRange: error refuses the evidence with EVIDENCE_OUT_OF_RANGE', () => {
    const strict = judged({ outOfRange: 'error' })
    expect(scoreOf(strict, { materials: 5 }).items[0]!.score).toBe('5') // in range: fine
    const ds = failureOf(strict, { id: 'gulou', facts: { materials: 6 } })
    expect(ds).toHaveLength(1)
    expect(ds[0]!.code).toBe('EVIDENCE_OUT_OF_RANGE')
    expect(ds[0]!.severity).toBe('error')
    expect(ds[0]!.subject).toBe('gulou')
    expect(ds[0]!.path).toEqual(['subjects', 0, 'facts', 'materials'])
    expect(ds[0]!.message).toContain('[1, 5]')
    expect(failureOf(strict, { id: 'gulou', facts: { materials: 0.999999 } })[0]!.code).toBe('EVIDENCE_OUT_OF_RANGE') // just under min
  })

  it('0.1 + 0.2: two judged items sum exactly to 0.3', () => {
    const two = compileOk({
      ...base,
      total: 2,
      rounding: { places: 6, mode: 'half-up' },
      facts: { a: { type: 'number', title: 'A' }, b: { type: 'number', title: 'B' } },
      items: [
        {
          kind: 'section', id: 'part', title: '部分', max: 2,
          items: [
            { kind: 'judged', id: 'a', title: 'A', max: 1, fact: 'a' },
            { kind: 'judged', id: 'b', title: 'B', max: 1, fact: 'b' },
          ],
        },
      ],
    })
    const r = scoreOf(two, { a: 0.1, b: 0.2 })
    expect(r.items[0]!.score).toBe('0.3') // 0.1 + 0.2 = 0.3 exactly (not 0.30000000000000004)
    expect(r.exactTotal).toBe('0.3')
    expect(r.total).toBe('0.300000') // 6 places
    expect(r.items[0]!.trail!.arithmetic).toBe('0.1 + 0.2 = 0.3')
  })

  it('the trail gives the judged score', () => {
    const t = scoreOf(ev, { materials: 2.5 }).items[0]!.trail!
    expect(t.rule).toBe('judged score within [1, 5]')
    expect(t.inputs).toEqual({ materials: '2.5' })
    expect(t.arithmetic).toBe('2.5')
  })

  it('a fact with more than 6 decimals is refused (EVIDENCE_PRECISION), never rounded silently', () => {
    const ds = failureOf(ev, { id: 's1', facts: { materials: 2.1234567 } })
    expect(ds[0]!.code).toBe('EVIDENCE_PRECISION')
  })
})
