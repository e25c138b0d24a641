import type { Bound, Program } from '../compile/program'
import { makeDiagnostic } from '../diagnostics/diagnostic'
import type { Diagnostic } from '../diagnostics/diagnostic'
import type { RankedQuota } from '../kinds/outcome'
import { rubricValue } from './trail'
import { fromNumber, toFixedString, type Fixed } from '../num/fixed'
import type { CohortQuotaResult, SubjectResult } from './result'
import { ScoredSubject } from './subject-result'
import type { IdIndex } from './ids'

/**
 * What ranking a cohort keeps of each subject: its id, final total, eligibility, the grades a gate bars it from and
 * its counts toward the cohort's own quotas — a few numbers per subject, not its result. A cohort is scored subject by
 * subject into a standing (`record`), ranked once (`finish`), and each result then takes its rank and ranked-quota
 * grade from it (`apply`): results need not be kept while the cohort is read, so a province streams through in
 * bounded memory, and `evaluateCohort` ranks by the same code.
 */
export class Standing {
  #n = 0
  #totals = new Float64Array(1024)
  #eligible = new Uint8Array(1024)
  /** Each subject's place in the id index (its id: `ids.key`), in a typed array. */
  #idAt = new Int32Array(1024)
  readonly #barred = new Map<number, readonly string[]>()
  /** Per cohort quota (rubric quotas with `cohort`), the sum of every subject's count. */
  readonly #cohortCounts: number[]
  readonly #cohortQuotas: number[]
  #ranks: Int32Array | undefined
  /** The ranked quota that graded each subject (its index), or -1; and the subject's place among its candidates. */
  #quotaOf: Int8Array | undefined
  #place: Int32Array | undefined
  #reasons: string[] = []
  #pool: number[] = []

  constructor(
    readonly program: Program,
    readonly bound: Bound,
    readonly ids: IdIndex,
  ) {
    this.#cohortQuotas = []
    ;(program.rubric.quotas ?? []).forEach((q, k) => {
      if (q.cohort !== undefined) this.#cohortQuotas.push(k)
    })
    this.#cohortCounts = this.#cohortQuotas.map(() => 0)
  }

  /** Subjects recorded so far; the next one recorded gets this index. */
  get size(): number {
    return this.#n
  }

  /** Keeps what ranking needs of a scored subject (its id at place `idAt` of the id index); returns its index. */
  record(r: SubjectResult, idAt: number): number {
    const i = this.#n++
    if (i === this.#totals.length) {
      const totals = new Float64Array(i * 2)
      totals.set(this.#totals)
      this.#totals = totals
      const eligible = new Uint8Array(i * 2)
      eligible.set(this.#eligible)
      this.#eligible = eligible
      const at = new Int32Array(i * 2)
      at.set(this.#idAt)
      this.#idAt = at
    }
    this.#totals[i] = ScoredSubject.totalOf(r)
    this.#eligible[i] = r.eligible ? 1 : 0
    this.#idAt[i] = idAt
    if (r.barred?.length) this.#barred.set(i, r.barred)
    const quotas = this.program.rubric.quotas
    for (let c = 0; c < this.#cohortQuotas.length; c++) {
      const k = this.#cohortQuotas[c]!
      this.#cohortCounts[c]! += ScoredSubject.quotaCount(r, k, quotas![k]!.id)
    }
    return i
  }

  /**
   * Ranks every subject recorded (competition ranking: 1, 2, 2, 4 by the final, rounded total; equal totals in id
   * order) and gives ranked-quota grades, best grade first, to eligible subjects; those a quota passes over keep
   * their threshold grade. Ties at a quota boundary follow the quota's declared policy; its warnings go to
   * `warnings`. Deterministic whatever the order of the subjects.
   */
  finish(warnings: Diagnostic[]): void {
    const n = this.#n
    const totals = this.#totals
    const order = this.#order(n)
    const ranks = new Int32Array(n)
    for (let k = 0; k < n; k++) ranks[order[k]!] = k > 0 && totals[order[k - 1]!] === totals[order[k]!] ? ranks[order[k - 1]!]! : k + 1
    const quotaOf = new Int8Array(n).fill(-1)
    const place = new Int32Array(n)
    const { program, bound } = this
    ;(program.rubric.grades?.quotas ?? []).forEach((q, qi) => {
      const minScore = q.minScore === undefined ? undefined : rubricValue(program, bound.P, q.minScore)
      // the candidates, best first, and their totals: typed arrays (a province's pool is a million numbers)
      const candidates = new Int32Array(n)
      let size = 0
      for (let k = 0; k < n; k++) {
        const i = order[k]!
        if (this.#eligible[i] === 1 && quotaOf[i] === -1 && !this.#barred.get(i)?.includes(q.grade) && (minScore === undefined || totals[i]! >= minScore)) candidates[size++] = i
      }
      const pool = candidates.subarray(0, size)
      const scores = new Float64Array(size)
      for (let p = 0; p < size; p++) scores[p] = totals[pool[p]!]!
      const { min, max } = typeof q.count === 'number' ? { min: q.count, max: q.count } : q.count
      const taken = quotaSize(q, scores, min, max, warnings)
      for (let p = 0; p < taken; p++) {
        quotaOf[pool[p]!] = qi
        place[pool[p]!] = p + 1
      }
      this.#pool[qi] = pool.length
      this.#reasons[qi] = `${q.grade}: quota ${min === max ? `${min}` : `${min}–${max}`}${minScore !== undefined ? `, total ≥ ${toFixedString(minScore)}` : ''}`
    })
    this.#ranks = ranks
    this.#quotaOf = quotaOf
    this.#place = place
  }

  /**
   * The subjects best first: by total, highest first, equal totals in id order. Sorted without a comparator where it
   * can be (a million calls of one cost seconds): the distinct totals by the engine's own numeric sort, the subjects
   * counted into them, then only the subjects of a tied total compared by id.
   */
  #order(n: number): Int32Array {
    const totals = this.#totals
    const distinct = Float64Array.from(totals.subarray(0, n)).sort()
    let d = 0
    for (let k = 0; k < n; k++) if (k === 0 || distinct[k] !== distinct[k - 1]) distinct[d++] = distinct[k]!
    const values = distinct.subarray(0, d)
    /** Place of a total among the distinct ones, highest first. */
    const place = (t: number): number => {
      let lo = 0
      let hi = d
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (values[mid]! < t) lo = mid + 1
        else hi = mid
      }
      return d - 1 - lo
    }
    const at = new Int32Array(n)
    const starts = new Int32Array(d + 1)
    for (let i = 0; i < n; i++) starts[(at[i] = place(totals[i]!)) + 1]!++
    for (let p = 0; p < d; p++) starts[p + 1]! += starts[p]!
    const order = new Int32Array(n)
    const next = starts.slice(0, d)
    for (let i = 0; i < n; i++) order[next[at[i]!]!++] = i
    const idAt = this.#idAt
    const ids = this.ids
    const byId = (a: number, b: number) => {
      const x = ids.key(idAt[a]!)
      const y = ids.key(idAt[b]!)
      return x < y ? -1 : x > y ? 1 : 0
    }
    for (let p = 0; p < d; p++) if (starts[p + 1]! - starts[p]! > 1) order.subarray(starts[p]!, starts[p + 1]!).sort(byId)
    return order
  }

  /** The rank of subject i (after `finish`). */
  rank(i: number): number {
    return this.#ranks![i]!
  }

  /** The ranked-quota grade of subject i, or undefined when it keeps its threshold grade (after `finish`). */
  quotaGrade(i: number): { grade: string; gradeReason: string } | undefined {
    const qi = this.#quotaOf![i]!
    if (qi < 0) return undefined
    const grade = this.program.rubric.grades!.quotas![qi]!.grade
    return { grade, gradeReason: `${this.#reasons[qi]}; place ${this.#place![i]} of ${this.#pool[qi]} candidates (rank ${this.#ranks![i]}), total ${toFixedString(this.#totals[i]!, this.program.rounding.places)}` }
  }

  /** Gives result r (subject i of the standing) its rank and, when a ranked quota took it, that grade. */
  apply(r: SubjectResult, i: number): SubjectResult {
    r.rank = this.rank(i)
    const q = this.quotaGrade(i)
    if (q) {
      r.grade = q.grade
      r.gradeBasis = 'quota'
      r.gradeReason = q.gradeReason
    }
    return r
  }

  /** Quotas the whole cohort must reach together (全局 ≥ 16): the sum of every subject's count. */
  cohortQuotas(): CohortQuotaResult[] {
    const { program, bound } = this
    return this.#cohortQuotas.map((k, c) => {
      const q = program.rubric.quotas![k]!
      const count = this.#cohortCounts[c]!
      const required = rubricValue(program, bound.P, q.cohort!.atLeast)
      const short = Math.max(0, Math.ceil((required - (fromNumber(count) ?? 0)) / 1_000_000))
      return { id: q.id, title: q.title, required: toFixedString(required), count, shortfall: short, met: short === 0 }
    })
  }
}
/** How many of a sorted pool get the grade, under the quota's tie policy. */
export function quotaSize(q: Pick<RankedQuota, 'take' | 'ties' | 'grade'>, scores: ArrayLike<Fixed> & { indexOf(x: Fixed): number }, min: number, max: number, warnings: Diagnostic[]): number {
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
