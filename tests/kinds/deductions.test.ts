import { describe, expect, it } from 'vitest'
import { base, compileOk, scoreOf } from './helpers'

const rubric = (extra: Record<string, unknown> = {}) => ({
  ...base,
  total: 10,
  period: { unit: 'year', from: '2017-01-01', to: '2017-12-31' },
  facts: { lateReports: { type: 'integer', title: '遲報次數', min: 0 } },
  records: {
    incidents: {
      title: '差錯',
      fields: { date: { type: 'date' }, severity: { type: 'enum', values: ['minor', 'serious'] } },
      date: 'date',
    },
  },
  items: [
    {
      kind: 'deductions',
      id: 'quality',
      title: '數據質量',
      max: 10,
      deductions: [
        { id: 'late', title: '遲報', fact: 'lateReports', points: 0.5, cap: 3 },
        { id: 'serious', title: '嚴重差錯', records: 'incidents', where: { severity: 'serious' }, points: 2 },
        { id: 'minor', title: '一般差錯', records: 'incidents', where: { severity: 'minor' }, points: 0.25 },
      ],
      floor: 0,
      ...extra,
    },
  ],
})

const inc = (severity: string, date = '2017-05-01') => ({ severity, date })

describe('deductions: base minus faults', () => {
  const ev = compileOk(rubric())
  const score = (late: number, incidents: unknown[] = []) => scoreOf(ev, { lateReports: late }, { incidents }).items[0]!

  it('no faults → the base (max)', () => {
    expect(score(0).score).toBe('10')
    expect(score(0).trail!.arithmetic).toBe('10 − 0 = 10')
  })

  it('each fault × its points', () => {
    expect(score(3).score).toBe('8.5') // 3 late × 0.5 = 1.5 → 8.5
    expect(score(1, [inc('serious'), inc('minor'), inc('minor')]).score).toBe('7') // 0.5 + 2 + 0.5 = 3 → 7
  })

  it('a deduction stops at its cap', () => {
    expect(score(6).score).toBe('7') // 6 × 0.5 = 3 = cap → 7
    const r = score(10) // 10 × 0.5 = 5 → cap 3 → 7
    expect(r.score).toBe('7')
    expect(r.trail!.arithmetic).toContain('遲報 10 × 0.5 (cap 3) = 3')
  })

  it('never below the floor', () => {
    const r = score(10, [inc('serious'), inc('serious'), inc('serious'), inc('serious')]) // 3 + 8 = 11 → −1 → floor 0
    expect(r.score).toBe('0')
    expect(r.trail!.arithmetic).toContain('= -1 → floor 0')
  })

  it('only faults in the assessed span count', () => {
    expect(score(0, [inc('serious', '2016-12-31'), inc('serious', '2017-01-01')]).score).toBe('8') // one serious in 2017 → −2
  })

  it('the trail lists each deduction', () => {
    const t = score(2, [inc('serious')]).trail!
    expect(t.rule).toBe('base 10 minus deductions, floor 0')
    expect(t.inputs).toEqual({ lateReports: '2', 'incidents where severity = serious': '1', 'incidents where severity = minor': '0' }) // each deduction's own count
    expect(t.arithmetic).toBe('10 − 3 [遲報 2 × 0.5 = 1; 嚴重差錯 1 × 2 = 2] = 7')
  })

  it('a base other than max, and a floor above 0', () => {
    const e = compileOk(rubric({ base: 8, floor: 2 }))
    expect(scoreOf(e, { lateReports: 0 }, { incidents: [] }).items[0]!.score).toBe('8') // base 8
    expect(scoreOf(e, { lateReports: 0 }, { incidents: [inc('serious'), inc('serious'), inc('serious'), inc('serious')] }).items[0]!.score).toBe('2') // 8 − 8 = 0 → floor 2
  })
})
