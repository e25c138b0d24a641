import { describe, expect, it } from 'vitest'
import type { CohortResult } from '../../src/evaluate/result'
import { base, cohortOk, compileOk, scoreOf } from './helpers'

const rubric = (grades: Record<string, unknown>) => ({
  ...base,
  total: 100,
  facts: { score: { type: 'number', title: '得分' }, heldGood: { type: 'boolean', title: '上年良好', required: false } },
  items: [{ kind: 'judged', id: 'work', title: '工作', max: 100, fact: 'score' }],
  grades,
})

describe('grades by thresholds', () => {
  const ev = compileOk(
    rubric({
      order: ['優秀', '良好', '合格', '不合格'],
      thresholds: [
        { grade: '優秀', min: 90, requires: { fact: 'heldGood', is: true } },
        { grade: '良好', min: 80 },
        { grade: '合格', min: 60 },
        { grade: '不合格' },
      ],
    }),
  )
  const grade = (score: number, heldGood = true) => scoreOf(ev, { score, heldGood }).grade

  it('exactly at a threshold reaches it; just below does not', () => {
    expect(grade(90)).toBe('優秀') // 90 ≥ 90
    expect(grade(89.99)).toBe('良好') // 89.99 < 90 → next: ≥ 80
    expect(grade(80)).toBe('良好')
    expect(grade(79.99)).toBe('合格')
    expect(grade(60)).toBe('合格')
    expect(grade(59.99)).toBe('不合格') // no min: any total
    expect(grade(0)).toBe('不合格')
  })

  it('a threshold\'s further condition', () => {
    expect(grade(95, false)).toBe('良好') // ≥ 90 but did not hold 良好 last year → falls to 良好
    const r = scoreOf(ev, { score: 95, heldGood: true })
    expect(r.gradeBasis).toBe('threshold')
    expect(r.gradeReason).toBe('total 95 ≥ 90; heldGood = true, needs true ✓')
  })

  it('no threshold reached → no grade', () => {
    const e = compileOk(rubric({ order: ['合格'], thresholds: [{ grade: '合格', min: 60 }] }))
    const r = scoreOf(e, { score: 50 })
    expect(r.grade).toBeNull()
    expect(r.gradeBasis).toBe('none')
    expect(r.gradeReason).toBe('total 50 reaches no grade threshold (not 合格: total 50 < 60)')
  })

  it('threshold mins from params', () => {
    const e = compileOk({
      ...rubric({ order: ['合格', '不合格'], thresholds: [{ grade: '合格', min: { param: 'passMark' } }, { grade: '不合格' }] }),
      params: { passMark: { type: 'number', default: 60 } },
    })
    expect(scoreOf(e, { score: 65 }).grade).toBe('合格')
    expect(scoreOf(e, { score: 65 }, undefined, { params: { passMark: 66 } }).grade).toBe('不合格')
  })
})

type Ties = 'within-range' | 'include' | 'exclude'

/** Xuzhou 四: 優秀 2–3 (≥ 90), 良好 3–4 (≥ 80), then 合格 ≥ 60, else 不合格. */
const ranked = (ties?: Ties, take?: 'min' | 'max') =>
  compileOk(
    rubric({
      order: ['優秀', '良好', '合格', '不合格'],
      quotas: [
        { grade: '優秀', count: { min: 2, max: 3 }, minScore: 90, ...(ties ? { ties } : {}), ...(take ? { take } : {}) },
        { grade: '良好', count: { min: 3, max: 4 }, minScore: 80, ...(ties ? { ties } : {}) },
      ],
      thresholds: [{ grade: '合格', min: 60 }, { grade: '不合格' }],
    }),
  )

const subjects = (scores: Record<string, number>) => Object.entries(scores).map(([id, score]) => ({ id, facts: { score } }))
const gradesOf = (c: CohortResult) => Object.fromEntries(c.subjects.map((s) => [s.subject.id, s.grade]))
const run = (scores: Record<string, number>, ties?: Ties, take?: 'min' | 'max') => cohortOk(ranked(ties, take), subjects(scores))
const whoGot = (c: CohortResult, grade: string) => c.subjects.filter((s) => s.grade === grade).map((s) => s.subject.id).sort()

describe('ranked quotas over a cohort', () => {
  const plain = { a: 98, b: 95, c: 93, d: 91, e: 88, f: 85, g: 84, h: 82, i: 81, j: 70, k: 50 }

  it('without ties: up to max of each range, best first, then thresholds', () => {
    const c = run(plain)
    expect(whoGot(c, '優秀')).toEqual(['a', 'b', 'c']) // 4 reach 90; the quota gives up to 3
    expect(whoGot(c, '良好')).toEqual(['d', 'e', 'f', 'g']) // d (91) passed over for 優秀 → 良好; up to 4
    expect(whoGot(c, '合格')).toEqual(['h', 'i', 'j']) // 82, 81 are ≥ 80 but 良好 is full → threshold 合格
    expect(whoGot(c, '不合格')).toEqual(['k'])
    const a = c.subjects.find((s) => s.subject.id === 'a')!
    expect(a.gradeBasis).toBe('quota')
    expect(a.gradeReason).toBe('優秀: quota 2–3, total ≥ 90; place 1 of 4 candidates (rank 1), total 98.00')
    const h = c.subjects.find((s) => s.subject.id === 'h')!
    expect(h.gradeBasis).toBe('threshold')
  })

  it('take: min gives only the minimum of the range', () => {
    const c = run(plain, undefined, 'min')
    expect(whoGot(c, '優秀')).toEqual(['a', 'b']) // min 2
    expect(whoGot(c, '良好')).toEqual(['c', 'd', 'e', 'f']) // 良好 has no take: up to 4
  })

  it('minScore: fewer candidates than the minimum get it, with a warning', () => {
    const c = run({ a: 95, b: 89.99, c: 88, d: 85, e: 70 })
    expect(whoGot(c, '優秀')).toEqual(['a']) // only a ≥ 90
    expect(whoGot(c, '良好')).toEqual(['b', 'c', 'd']) // ≥ 80: 3 candidates
    expect(c.warnings.some((w) => w.code === 'QUOTA_TIE' && w.message.includes('Only 1 subject(s) qualify for 優秀'))).toBe(true)
  })

  describe('ties at the 優秀 (2–3) boundary', () => {
    // a 98, b 95, c 93, d 93: the 3rd and 4th are tied; all 4 would exceed 3, dropping both leaves 2 (= min)
    const crossing = { a: 98, b: 95, c: 93, d: 93, e: 85, f: 84, g: 82, h: 81 }

    it('within-range (the default): dropping the tied pair stays within the range → 2', () => {
      const c = run(crossing)
      expect(whoGot(c, '優秀')).toEqual(['a', 'b']) // tied group at places 3–4: all would be 4 > 3; none leaves 2 ≥ 2
      expect(whoGot(c, '良好')).toEqual(['c', 'd', 'e', 'f']) // c, d fall to 良好 with e, f
      expect(gradesOf(run(crossing, 'within-range'))).toEqual(gradesOf(c))
      expect(c.warnings.find((w) => w.code === 'QUOTA_TIE')!.message).toContain('places 3–4 are tied at 93')
    })

    it('include: the whole tied group → 4, beyond the maximum, with a warning', () => {
      const c = run(crossing, 'include')
      expect(whoGot(c, '優秀')).toEqual(['a', 'b', 'c', 'd']) // 4 > max 3
      expect(whoGot(c, '良好')).toEqual(['e', 'f', 'g', 'h'])
      expect(c.warnings.some((w) => w.severity === 'warning' && w.message.includes('all 4 get it, more than the quota\'s 3'))).toBe(true)
    })

    it('exclude: never the tied group → 2', () => {
      const c = run(crossing, 'exclude')
      expect(whoGot(c, '優秀')).toEqual(['a', 'b'])
    })

    // a 98, then b, c, d tied at 93: all would be 4 > 3, none would leave 1 < 2
    const wide = { a: 98, b: 93, c: 93, d: 93, e: 85, f: 84, g: 82 }

    it('within-range when neither fits: all of the tied group (reaching the minimum matters more)', () => {
      expect(whoGot(run(wide), '優秀')).toEqual(['a', 'b', 'c', 'd']) // 4: within-range falls back to all
    })

    it('exclude when neither fits: only the one above the tie, below the minimum, with a warning', () => {
      const c = run(wide, 'exclude')
      expect(whoGot(c, '優秀')).toEqual(['a']) // 1 < min 2
      expect(c.warnings.some((w) => w.message.includes('none of them get it, leaving 1, fewer than the quota\'s 2'))).toBe(true)
      expect(whoGot(c, '良好')).toEqual(['b', 'c', 'd', 'e'])
    })

    it('take: min with a tie that fits within the range: within-range and include give all 3, exclude 1', () => {
      const fits = { a: 98, b: 93, c: 93, d: 85 } // the 2nd and 3rd tied; 3 ≤ max 3
      expect(whoGot(run(fits, 'within-range', 'min'), '優秀')).toEqual(['a', 'b', 'c'])
      expect(whoGot(run(fits, 'include', 'min'), '優秀')).toEqual(['a', 'b', 'c'])
      expect(whoGot(run(fits, 'exclude', 'min'), '優秀')).toEqual(['a'])
    })
  })

  describe('ties at the 良好 (3–4) boundary', () => {
    // 優秀 takes a, b, c. 良好 pool: d 88, e 86, f 85, g 84, h 84, i 81 → places 4–5 tied at 84
    const fitsLow = { a: 98, b: 95, c: 93, d: 88, e: 86, f: 85, g: 84, h: 84, i: 81 }

    it('within-range: all 5 would exceed 4; dropping them leaves 3 = min → 3', () => {
      expect(whoGot(run(fitsLow), '良好')).toEqual(['d', 'e', 'f'])
      expect(whoGot(run(fitsLow), '合格')).toEqual(['g', 'h', 'i']) // passed over → threshold 合格
    })

    it('include → 5; exclude → 3', () => {
      expect(whoGot(run(fitsLow, 'include'), '良好')).toEqual(['d', 'e', 'f', 'g', 'h'])
      expect(whoGot(run(fitsLow, 'exclude'), '良好')).toEqual(['d', 'e', 'f'])
    })

    // 良好 pool: d 88, e 86, f 84, g 84, h 84, i 81 → places 3–5 tied at 84: all = 5 > 4, none = 2 < 3
    const neither = { a: 98, b: 95, c: 93, d: 88, e: 86, f: 84, g: 84, h: 84, i: 81 }

    it('within-range when neither fits → all 5; include → 5; exclude → 2', () => {
      expect(whoGot(run(neither), '良好')).toEqual(['d', 'e', 'f', 'g', 'h'])
      expect(whoGot(run(neither, 'include'), '良好')).toEqual(['d', 'e', 'f', 'g', 'h'])
      expect(whoGot(run(neither, 'exclude'), '良好')).toEqual(['d', 'e'])
    })
  })

  it('competition ranks: 1, 2, 2, 4 by exact total', () => {
    const c = run({ a: 95, b: 90, c: 90, d: 85 })
    expect(Object.fromEntries(c.subjects.map((s) => [s.subject.id, s.rank]))).toEqual({ a: 1, b: 2, c: 2, d: 4 })
  })

  it('ranks, like thresholds and minScore, read the published (rounded) total', () => {
    const c = run({ a: 90.001, b: 90.004, c: 89.996, d: 89.994 }) // a, b, c → 90.00; d → 89.99
    expect(c.subjects.map((s) => s.total)).toEqual(['90.00', '90.00', '90.00', '89.99'])
    expect(Object.fromEntries(c.subjects.map((s) => [s.subject.id, s.rank]))).toEqual({ a: 1, b: 1, c: 1, d: 4 })
    expect(whoGot(c, '優秀')).toEqual(['a', 'b', 'c']) // three tied at 90.00 (≥ minScore 90) = max 3
    expect(whoGot(c, '良好')).toEqual(['d'])
  })

  it('the result is independent of the order of the subjects', () => {
    const scores = { a: 98, b: 93, c: 93, d: 93, e: 85, f: 84, g: 84, h: 84, i: 81, j: 60, k: 59 }
    for (const ties of ['within-range', 'include', 'exclude'] as const) {
      const ev = ranked(ties)
      const list = subjects(scores)
      const key = (c: CohortResult) => Object.fromEntries(c.subjects.map((s) => [s.subject.id, [s.grade, s.rank, s.gradeBasis]]))
      const expected = key(cohortOk(ev, list))
      const orders = [[...list].reverse(), [...list.slice(5), ...list.slice(0, 5)], [list[3], list[0], list[9], list[1], list[7], list[2], list[10], list[4], list[8], list[5], list[6]]]
      for (const order of orders) expect(key(cohortOk(ev, order))).toEqual(expected)
    }
  })
})
