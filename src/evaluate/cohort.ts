import type { Bound, Program } from '../compile/program'
import { makeDiagnostic } from '../diagnostics/diagnostic'
import type { Diagnostic } from '../diagnostics/diagnostic'
import { quotaRange, quotaWords, type RankedQuota } from '../kinds/outcome'
import { rubricValue } from './trail'
import { fromNumber, toFixedString, type Fixed } from '../num/fixed'
import type { CohortQuotaResult, SubjectResult } from './result'
import { loweredReason, lowerGrade, ScoredSubject } from './subject-result'
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
  /** Each subject's group (grades.groupBy), as an index into #groupNames; all 0 when the rubric does not group. */
  #group = new Int32Array(1024)
  readonly #groupIndex = new Map<string, number>()
  readonly #groupNames: string[] = []
  readonly #barred = new Map<number, readonly string[]>()
  readonly #lowered = new Map<number, number>()
  /** Per cohort quota (rubric quotas with `cohort`), the sum of every subject's count. */
  readonly #cohortCounts: number[]
  readonly #cohortQuotas: number[]
  #ranks: Int32Array | undefined
  /** The subjects best first, group by group (see `order`). */
  #display: Int32Array | undefined
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
      this.#totals = grown(this.#totals)
      this.#eligible = grown(this.#eligible)
      this.#idAt = grown(this.#idAt)
      this.#group = grown(this.#group)
    }
    this.#totals[i] = ScoredSubject.totalOf(r)
    this.#eligible[i] = r.eligible ? 1 : 0
    this.#idAt[i] = idAt
    if (r.barred?.length) this.#barred.set(i, r.barred)
    if (r.lowered) this.#lowered.set(i, r.lowered)
    const name = r.group ?? ''
    let g = this.#groupIndex.get(name)
    if (g === undefined) {
      g = this.#groupNames.length
      this.#groupIndex.set(name, g)
      this.#groupNames.push(name)
    }
    this.#group[i] = g
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
    const all = this.#order(n)
    const ranks = new Int32Array(n)
    const quotaOf = new Int8Array(n).fill(-1)
    const place = new Int32Array(n)
    // each group apart (one group when the rubric does not group): its subjects in the order of the whole cohort
    const groups = this.#groupNames.length
    const sizes = new Int32Array(groups + 1)
    for (let k = 0; k < n; k++) sizes[this.#group[k]! + 1]!++
    for (let g = 0; g < groups; g++) sizes[g + 1]! += sizes[g]!
    const byGroup = new Int32Array(n)
    const next = sizes.slice(0, groups)
    for (let k = 0; k < n; k++) byGroup[next[this.#group[all[k]!]!]!++] = all[k]!
    for (let g = 0; g < groups; g++) {
      const order = byGroup.subarray(sizes[g]!, sizes[g + 1]!)
      for (let k = 0; k < order.length; k++) ranks[order[k]!] = k > 0 && totals[order[k - 1]!] === totals[order[k]!] ? ranks[order[k - 1]!]! : k + 1
      this.#quotas(order, quotaOf, place, g, warnings)
    }
    this.#ranks = ranks
    this.#display = byGroup
    this.#quotaOf = quotaOf
    this.#place = place
  }

  /** The ranked quotas over one group's subjects (best first), best grade first, in the order written. */
  #quotas(order: Int32Array, quotaOf: Int8Array, place: Int32Array, group: number, warnings: Diagnostic[]): void {
    const { program, bound } = this
    const totals = this.#totals
    const num = (v: unknown) => rubricValue(program, bound.P, v)
    const size = order.length
    const label = this.#groupNames.length > 1 || this.#groupNames[0] !== '' ? ` (${this.#groupNames[group] || 'no group'})` : ''
    const nQuotas = program.rubric.grades?.quotas?.length ?? 0
    ;(program.rubric.grades?.quotas ?? []).forEach((q, qi) => {
      const minScore = q.minScore === undefined ? undefined : num(q.minScore)
      const bottom = q.from === 'bottom'
      const keep = q.ineligible === 'keep-place'
      // the candidates, best (or worst) first, and their totals: typed arrays (a province's pool is a million numbers)
      const candidates = new Int32Array(size)
      let count = 0
      for (let k = 0; k < size; k++) {
        const i = order[bottom ? size - 1 - k : k]!
        if (quotaOf[i] !== -1) continue
        const can = this.#eligible[i] === 1 && !this.#barred.get(i)?.includes(q.grade)
        if ((can || keep) && (minScore === undefined || (bottom ? totals[i]! <= minScore : totals[i]! >= minScore))) candidates[count++] = i
      }
      const pool = candidates.subarray(0, count)
      const scores = new Float64Array(count)
      for (let p = 0; p < count; p++) scores[p] = totals[pool[p]!]!
      const range = quotaRange(q, num, size)
      const taken = quotaSize(q, scores, range.min, range.max, warnings, label)
      for (let p = 0; p < taken; p++) {
        const i = pool[p]!
        // keep-place: an ineligible (or barred) subject takes up its place but does not get the grade
        if (this.#eligible[i] !== 1 || this.#barred.get(i)?.includes(q.grade)) continue
        quotaOf[i] = qi
        place[i] = p + 1
      }
      const at = group * nQuotas + qi
      this.#pool[at] = pool.length
      this.#reasons[at] = `${q.grade}${label}: ${bottom ? 'bottom ' : ''}quota ${quotaWords(q, range, num)}${minScore !== undefined ? `, total ${bottom ? '≤' : '≥'} ${toFixedString(minScore)}` : ''}`
    })
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

  /**
   * The subjects' indices in the order a ranked list shows them (after `finish`): group by group, the groups in the
   * order their first subject came; within a group best first, equal totals in id order — the order ranks are given in.
   */
  order(): Int32Array {
    return this.#display!
  }

  /** The rank of subject i (after `finish`). */
  rank(i: number): number {
    return this.#ranks![i]!
  }

  /** The ranked-quota grade of subject i, or undefined when it keeps its threshold grade (after `finish`). */
  quotaGrade(i: number): { grade: string; gradeReason: string } | undefined {
    const qi = this.#quotaOf![i]!
    if (qi < 0) return undefined
    const quotas = this.program.rubric.grades!.quotas!
    const grade = quotas[qi]!.grade
    const at = this.#group[i]! * quotas.length + qi
    return { grade, gradeReason: `${this.#reasons[at]}; place ${this.#place![i]} of ${this.#pool[at]} candidates (rank ${this.#ranks![i]}), total ${toFixedString(this.#totals[i]!, this.program.rounding.places)}` }
  }

  /** Gives result r (subject i of the standing) its rank and, when a ranked quota took it, that grade (lowered by failed gates with `lowers`). */
  apply(r: SubjectResult, i: number): SubjectResult {
    r.rank = this.rank(i)
    const q = this.quotaGrade(i)
    if (q) {
      const lowered = this.#lowered.get(i)
      r.grade = lowerGrade(this.program, q.grade, lowered)
      r.gradeBasis = 'quota'
      r.gradeReason = loweredReason(this.program, q.gradeReason, q.grade, lowered, undefined)
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
/** A typed array twice as long, its values kept. */
function grown<A extends Float64Array | Int32Array | Uint8Array>(a: A): A {
  const b = new (a.constructor as new (n: number) => A)(a.length * 2)
  b.set(a)
  return b
}

/** How many of a sorted pool get the grade, under the quota's tie policy. */
export function quotaSize(q: Pick<RankedQuota, 'take' | 'ties' | 'grade'>, scores: ArrayLike<Fixed> & { indexOf(x: Fixed): number }, min: number, max: number, warnings: Diagnostic[], label = ''): number {
  const want = Math.min(q.take === 'min' ? min : max, scores.length)
  if (scores.length < min)
    warnings.push(makeDiagnostic('QUOTA_TIE', `Only ${scores.length} subject(s) qualify for ${q.grade}${label}; the quota asks for at least ${min}.`, { severity: 'warning' }))
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
  const where = `${label ? `${label.slice(2, -1)}: ` : ''}places ${start + 1}–${end} are tied at ${toFixedString(tied)}`
  if (k > max) warnings.push(makeDiagnostic('QUOTA_TIE', `${q.grade}: ${where}; all ${k} get it, more than the quota's ${max}.`, { severity: 'warning' }))
  else if (k < min) warnings.push(makeDiagnostic('QUOTA_TIE', `${q.grade}: ${where}; none of them get it, leaving ${k}, fewer than the quota's ${min}.`, { severity: 'warning' }))
  else warnings.push(makeDiagnostic('QUOTA_TIE', `${q.grade}: ${where}; by the tie policy "${policy}", ${k} get it.`, { severity: 'info' }))
  return k
}
