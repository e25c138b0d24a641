import type { Bound, Program } from '../compile/program'
import { makeDiagnostic } from '../diagnostics/diagnostic'
import type { Diagnostic } from '../diagnostics/diagnostic'
import type { RankedQuota } from '../kinds/outcome'
import { rubricValue } from './trail'
import { fromNumber, toFixedString, type Fixed } from '../num/fixed'
import type { CohortQuotaResult, SubjectResult } from './result'
import { ScoredSubject } from './subject-result'

/** Ranks, quotas and grades all read the final total: the rounded figure that is published. */
const totalOf = ScoredSubject.totalOf

/**
 * Ranks a cohort (competition ranking: 1, 2, 2, 4 by the final, rounded total) and gives ranked-quota grades, best grade first,
 * to eligible subjects; those a quota passes over keep their threshold grade. Ties at a quota boundary follow the
 * quota's declared policy. Deterministic whatever the order of the subjects.
 */
export function rankCohort(program: Program, bound: Bound, results: SubjectResult[], warnings: Diagnostic[]): void {
  // each total is read once (not once per comparison): sorting 100,000 subjects compares about 1.7 million pairs
  const n = results.length
  const totals = new Float64Array(n)
  const order = new Array<number>(n)
  for (let i = 0; i < n; i++) {
    totals[i] = totalOf(results[i]!)
    order[i] = i
  }
  order.sort((a, b) => totals[b]! - totals[a]! || (results[a]!.subject.id < results[b]!.subject.id ? -1 : results[a]!.subject.id > results[b]!.subject.id ? 1 : 0))
  const sorted = order.map((i) => results[i]!)
  for (let k = 0; k < n; k++) {
    const r = sorted[k]!
    r.rank = k > 0 && totals[order[k - 1]!] === totals[order[k]!] ? sorted[k - 1]!.rank! : k + 1
  }
  const t = totalOf
  const taken = new Set<SubjectResult>()
  for (const q of program.rubric.grades?.quotas ?? []) {
    const minScore = q.minScore === undefined ? undefined : rubricValue(program, bound.P, q.minScore)
    const pool = sorted.filter((r) => r.eligible && !taken.has(r) && !r.barred?.includes(q.grade) && (minScore === undefined || t(r) >= minScore))
    const { min, max } = typeof q.count === 'number' ? { min: q.count, max: q.count } : q.count
    const k = quotaSize(q, pool.map(t), min, max, warnings)
    const range = min === max ? `${min}` : `${min}–${max}`
    pool.slice(0, k).forEach((r, i) => {
      taken.add(r)
      r.grade = q.grade
      r.gradeBasis = 'quota'
      r.gradeReason = `${q.grade}: quota ${range}${minScore !== undefined ? `, total ≥ ${toFixedString(minScore)}` : ''}; place ${i + 1} of ${pool.length} candidates (rank ${r.rank}), total ${r.total}`
    })
  }
}

/** How many of a sorted pool get the grade, under the quota's tie policy. */
export function quotaSize(q: Pick<RankedQuota, 'take' | 'ties' | 'grade'>, scores: Fixed[], min: number, max: number, warnings: Diagnostic[]): number {
  const want = Math.min(q.take === 'min' ? min : max, scores.length)
  if (scores.length < min)
    warnings.push(makeDiagnostic('QUOTA_TIE', `Only ${scores.length} subject(s) qualify for ${q.grade}; the quota asks for at least ${min}.`, { severity: 'warning' }))
  if (want === 0 || want >= scores.length || scores[want - 1] !== scores[want]) return want
  const tied = scores[want - 1]!
  const start = scores.indexOf(tied)
  let end = start
  while (end < scores.length && scores[end] === tied) end++
  const policy = q.ties ?? 'within-range'
  let k: number
  if (policy === 'include') k = end
  else if (policy === 'exclude') k = start
  else k = end <= max ? end : start >= min ? start : end
  const where = `places ${start + 1}–${end} are tied at ${toFixedString(tied)}`
  if (k > max) warnings.push(makeDiagnostic('QUOTA_TIE', `${q.grade}: ${where}; all ${k} get it, more than the quota's ${max}.`, { severity: 'warning' }))
  else if (k < min) warnings.push(makeDiagnostic('QUOTA_TIE', `${q.grade}: ${where}; none of them get it, leaving ${k}, fewer than the quota's ${min}.`, { severity: 'warning' }))
  else warnings.push(makeDiagnostic('QUOTA_TIE', `${q.grade}: ${where}; by the tie policy "${policy}", ${k} get it.`, { severity: 'info' }))
  return k
}

/** Quotas the whole cohort must reach together (全局 ≥ 16): the sum of every subject's count. */
export function cohortQuotas(program: Program, bound: Bound, results: SubjectResult[]): CohortQuotaResult[] {
  const out: CohortQuotaResult[] = []
  ;(program.rubric.quotas ?? []).forEach((q, k) => {
    if (q.cohort === undefined) return
    let count = 0
    for (const r of results) count += ScoredSubject.quotaCount(r, k, q.id)
    const required = rubricValue(program, bound.P, q.cohort.atLeast)
    const short = Math.max(0, Math.ceil((required - (fromNumber(count) ?? 0)) / 1_000_000))
    out.push({ id: q.id, title: q.title, required: toFixedString(required), count, shortfall: short, met: short === 0 })
  })
  return out
}
