/**
 * `evaluator.cohort()`: a cohort scored one subject at a time, for cohorts too large to hold (the command line streams
 * through it). It runs the scorer evaluateCohort runs, so its ranks and grades must be evaluateCohort's exactly.
 */
import { describe, expect, it } from 'vitest'
import { JUDGED, makeCohort } from '../bench/data'
import type { SubjectResult } from '../src/index'
import { loadXuzhou } from './support/xuzhou'

const xuzhou = loadXuzhou()

/** 60 realistic Xuzhou subjects, every judged fact given (so none is refused). */
function cohort(seed: number): unknown[] {
  return makeCohort(60, seed).map((s, i) => {
    for (const j of JUDGED) if (!(j.fact in s.facts)) (s.facts as Record<string, unknown>)[j.fact] = j.max
    return { ...s, id: `s${i}` }
  })
}

const standing = (r: SubjectResult) => [r.subject.id, r.total, r.rank, r.grade, r.gradeBasis, r.gradeReason]

describe('evaluator.cohort()', () => {
  it('gives the ranks and grades evaluateCohort gives, ranked quotas included', () => {
    const subjects = cohort(2)
    const whole = xuzhou.evaluateCohort(subjects, { trail: false })
    if (!whole.ok) throw new Error(whole.diagnostics[0]!.message)
    // the cohort really exercises the quotas: 3 優秀 and 4 良好 by quota (seed 2, worked out in tests/streaming-cli.test.ts)
    expect(whole.value.subjects.filter((s) => s.gradeBasis === 'quota').map((s) => s.grade).sort()).toEqual(['優秀', '優秀', '優秀', '良好', '良好', '良好', '良好'])
    const scorer = xuzhou.cohort({ trail: false })
    if (!scorer.ok) throw new Error('no scorer')
    const results = subjects.map((s) => {
      const r = scorer.value.add(s)
      if (!r.ok) throw new Error(r.diagnostics[0]!.message)
      return r.value
    })
    // before finish: no rank, threshold grades only
    expect(results.every((r) => r.rank === undefined && r.gradeBasis !== 'quota')).toBe(true)
    const end = scorer.value.finish()
    if (!end.ok) throw new Error(end.diagnostics[0]!.message)
    expect(end.value.size).toBe(60)
    results.forEach((r, i) => end.value.apply(r, i))
    expect(results.map(standing)).toEqual(whole.value.subjects.map(standing))
    expect(end.value.cohortQuotas).toEqual(whole.value.cohortQuotas)
    expect(end.value.asOf).toBe('2017-12-31')
    // finish again: the same standing
    const again = scorer.value.finish()
    expect(again.ok && again.value).toBe(end.value)
  })

  it('transient results: each read before the next subject gives the same figures', () => {
    const subjects = cohort(5)
    const whole = xuzhou.evaluateCohort(subjects, { trail: false })
    if (!whole.ok) throw new Error('refused')
    const scorer = xuzhou.cohort({ trail: false }, undefined, { transient: true })
    if (!scorer.ok) throw new Error('no scorer')
    // read each result's items (the part kept in the reused buffer) before the next add
    const seen = subjects.map((s) => {
      const r = scorer.value.add(s)
      if (!r.ok) throw new Error('refused')
      return JSON.stringify(r.value.items)
    })
    // `whole` is read only now, after the transient scorer ran on the same program: its results must not have been
    // overwritten (a transient scorer once reused the slab that whole's results read)
    expect(seen).toEqual(whole.value.subjects.map((r) => JSON.stringify(r.items)))
  })

  it('refuses a subject given twice, and anything added after finish', () => {
    const scorer = xuzhou.cohort({ trail: false })
    if (!scorer.ok) throw new Error('no scorer')
    const [a] = cohort(3)
    expect(scorer.value.add(a).ok).toBe(true)
    const twice = scorer.value.add(a)
    // entries 1 and 2: the same id "s0"
    expect(twice.ok ? [] : twice.diagnostics.map((d) => [d.code, d.message])).toEqual([['EVIDENCE_DUPLICATE_SUBJECT', 'Subject "s0" appears twice (entries 1 and 2).']])
    const end = scorer.value.finish()
    expect(end.ok && end.value.size).toBe(1)
    const late = scorer.value.add(cohort(4)[1])
    expect(late.ok ? [] : late.diagnostics.map((d) => d.code)).toEqual(['OPTION_INVALID'])
  })

  it('takes the cohort settings an evidence file gives, and refuses another rubric\'s', () => {
    const scorer = xuzhou.cohort({ trail: false }, { asOf: '2017-06-30' })
    if (!scorer.ok) throw new Error('no scorer')
    const end = scorer.value.finish()
    expect(end.ok && end.value.asOf).toBe('2017-06-30')
    const other = xuzhou.cohort({ trail: false }, { rubric: 'someone-else' })
    expect(other.ok ? [] : other.diagnostics.map((d) => d.code)).toEqual(['EVIDENCE_INVALID'])
  })
})
