/**
 * One subject's result. Its figures — total, exact total, eligibility, grade, rank, warnings — are plain fields, set
 * when the subject is scored. Its parts — the items with their trails, gates, quotas, money, the self-assessment —
 * are written out from the numbers the run recorded when first read, then kept: a cohort of 100,000 subjects costs
 * little until its trails are read, and each part is written by the same code whenever it is read. `toJSON` gives
 * the whole result, every part included, as plain data (JSON.stringify calls it).
 */
import type { Program } from '../compile/program'
import type { Diagnostic } from '../diagnostics/diagnostic'
import { parseFixed, round, sub, toFixedString, type Fixed } from '../num/fixed'
import { moneyResult } from './money'
import type { Adjustment, Difference, FindingResult, GateResult, ItemResult, MoneyResult, PeriodResult, QuotaResult, SubjectResult, Trail } from './result'
import type { PeriodRun } from './rollup'
import { explainCondition, nodeTrail, Recorded, rubricValue } from './trail'

const T = toFixedString

/** A subject scored period by period: the combined scores, each period's run, and how each item was combined. */
export interface Rolled {
  S: Float64Array
  NA: Uint8Array
  C: Float64Array | null
  periods: PeriodResult[]
  runs: PeriodRun[]
  trails: Map<number, string>
  levels: string
}

export type RawMoney = Parameters<typeof moneyResult>[1]

/** What a result is written from: copies of what the run recorded, nothing that the next run overwrites. */
export interface Scoring {
  program: Program
  rec: Recorded
  /** Gate results (1 passed) and grade prerequisites (1 held), by index. */
  G: Uint8Array
  TH: Uint8Array
  /** Items get their trails. */
  trail: boolean
  rolled: Rolled | undefined
  adjustments: Adjustment[] | undefined
  money: RawMoney | undefined
  /** The self-assessment's scores, when the subject gave one. */
  self: Float64Array | undefined
  /** The window's dates as result text. */
  dates: { asOf?: string; period?: { from?: string; to?: string } }
  /** Its value of grades.groupBy (undefined: the rubric ranks the cohort as one; '' when the fact is not given). */
  group?: string
  /** The values of the facts findings report, by finding index (null: not given). */
  findingFacts?: (string | null)[]
}

const rubricRefs = new WeakMap<Program, { id: string; title: string }>()
const rubricRef = (program: Program) => {
  let r = rubricRefs.get(program)
  if (r === undefined) rubricRefs.set(program, (r = Object.freeze({ id: program.rubric.id, title: program.rubric.title })))
  return r
}

export class ScoredSubject implements SubjectResult {
  readonly rubric: { id: string; title: string }
  readonly subject: { id: string; name?: string }
  declare asOf?: string
  declare period?: { from?: string; to?: string }
  total: string
  exactTotal: string
  max: string
  declare bonus?: string
  eligible: boolean
  declare barred?: string[]
  declare lowered?: number
  declare group?: string
  grade: string | null
  gradeBasis: SubjectResult['gradeBasis']
  /** Scored alone under ranked quotas (see SubjectResult.provisionalGrade). */
  declare provisionalGrade?: string | null
  warnings: Diagnostic[]
  declare rank?: number

  readonly #s: Scoring
  /** The rounded total as a number, for ranking. */
  readonly #total: Fixed
  #reason: string | undefined
  #gates: GateResult[] | undefined
  #items: ItemResult[] | undefined
  #quotas: QuotaResult[] | undefined
  #money: MoneyResult | undefined
  #self: { self: NonNullable<SubjectResult['self']>; differences: Difference[] } | undefined

  constructor(s: Scoring, subject: { id: string; name?: string }, warnings: Diagnostic[]) {
    const { program, rec } = s
    this.#s = s
    this.rubric = rubricRef(program)
    this.subject = subject
    if (s.dates.asOf !== undefined) this.asOf = s.dates.asOf
    if (s.dates.period !== undefined) this.period = s.dates.period
    const exact = rec.score(0)
    this.#total = round(exact, program.rounding.places, program.rounding.mode)
    this.total = T(this.#total, program.rounding.places)
    this.exactTotal = T(exact)
    this.max = program.layout.nodes[0]!.text.max
    if (program.layout.bonus !== undefined) this.bonus = program.layout.bonus
    let eligible = true
    let barred: string[] | undefined
    let lowered = 0
    const gates = program.rubric.gates
    if (gates)
      for (let i = 0; i < gates.length; i++) {
        if (s.G[i] === 1) continue
        const { bars, lowers } = gates[i]!
        if (lowers !== undefined) lowered += lowers
        else if (bars === undefined) eligible = false
        else for (const b of bars) if (!(barred ??= []).includes(b)) barred.push(b)
      }
    this.eligible = eligible
    if (barred?.length) this.barred = barred
    if (lowered > 0) this.lowered = lowered
    if (s.group !== undefined) this.group = s.group
    const g = thresholdGrade(s, this.#total, eligible, barred, false)
    this.grade = eligible ? lowerGrade(program, g.grade, lowered) : g.grade
    this.gradeBasis = g.gradeBasis
    this.#reason = undefined
    this.warnings = warnings
  }

  /** The rounded total as a Fixed number (a result made elsewhere: parsed from its text). */
  static totalOf(r: SubjectResult): Fixed {
    return #total in r ? (r as ScoredSubject).#total : parseFixed(r.total)!
  }

  /** The count of quota k (id) of a result, read from the run's outcome (the quotas part is not written out for it). */
  static quotaCount(r: SubjectResult, k: number, id: string): number {
    if (#s in r) return (r as ScoredSubject).#s.rec.Q[k]?.count ?? 0
    return r.quotas?.find((x) => x.id === id)?.count ?? 0
  }

  /**
   * The scores of the top-level items, in rubric order ('' for one not applicable to the subject), read from the run
   * without writing out the items: what a one-line-per-subject report needs. Undefined for a result made elsewhere.
   */
  static topScores(r: SubjectResult): string[] | undefined {
    if (!(#s in r)) return undefined
    const { program, rec } = (r as ScoredSubject).#s
    return program.layout.nodes[0]!.children.map((i) => (rec.notApplicable(i) ? '' : T(rec.score(i))))
  }

  get gradeReason(): string {
    if (this.#reason === undefined) {
      const g = thresholdGrade(this.#s, this.#total, this.eligible, this.barred, true)
      this.#reason = loweredReason(this.#s.program, g.gradeReason, g.grade, this.eligible ? this.lowered : undefined, this.#s.G)
    }
    return this.#reason
  }
  set gradeReason(reason: string) {
    this.#reason = reason
  }

  get gates(): GateResult[] {
    if (this.#gates === undefined) {
      const { program, rec, G } = this.#s
      this.#gates = (program.rubric.gates ?? []).map((g, i) => {
        const r: GateResult = { id: g.id, title: g.title, passed: G[i] === 1, reason: explainCondition(program, rec, g.when) }
        if (g.source !== undefined) r.source = g.source
        if (g.bars !== undefined) r.bars = [...g.bars]
        return r
      })
    }
    return this.#gates
  }

  get items(): ItemResult[] {
    return (this.#items ??= itemResults(this.#s))
  }

  get findings(): FindingResult[] | undefined {
    const { program, rec, G, findingFacts } = this.#s
    const findings = program.rubric.findings
    if (!findings?.length) return undefined
    const gates = (program.rubric.gates ?? []).length
    return findings.map((f, j) => {
      const r: FindingResult = f.when !== undefined ? { id: f.id, title: f.title, value: G[gates + j] === 1, reason: explainCondition(program, rec, f.when) } : { id: f.id, title: f.title, value: findingFacts?.[j] ?? null }
      if (f.source !== undefined) r.source = f.source
      return r
    })
  }

  get quotas(): QuotaResult[] | undefined {
    const { program, rec } = this.#s
    const quotas = program.rubric.quotas
    if (!quotas?.length) return undefined
    return (this.#quotas ??= quotas.map((q, k) => {
      const o = rec.Q[k]!
      return { id: q.id, title: q.title, ...(q.source !== undefined ? { source: q.source } : {}), required: o.required, overridden: o.overridden, count: o.count, shortfall: o.shortfall, ...(o.periods.length ? { periods: o.periods } : {}) }
    }))
  }

  get money(): MoneyResult | undefined {
    const { program, money } = this.#s
    if (!program.rubric.money || money === undefined) return undefined
    return (this.#money ??= moneyResult(program.rubric.money, money))
  }

  get periods(): PeriodResult[] | undefined {
    return this.#s.rolled?.periods
  }

  get adjustments(): Adjustment[] | undefined {
    return this.#s.adjustments
  }

  get self(): SubjectResult['self'] {
    return this.#selfAssessment()?.self
  }

  get differences(): Difference[] | undefined {
    return this.#selfAssessment()?.differences
  }

  #selfAssessment() {
    const { program, rec, self } = this.#s
    if (self === undefined) return undefined
    if (this.#self === undefined) {
      const items: Record<string, string> = {}
      const differences: Difference[] = []
      for (const node of program.layout.nodes) {
        if (node.index === 0) continue
        const s = self[node.index]!
        const a = rec.score(node.index)
        items[node.id] = T(s)
        if (s !== a) differences.push({ item: node.id, title: node.title, self: T(s), assessor: T(a), difference: T(sub(s, a)) })
      }
      this.#self = { self: { total: T(round(self[0]!, program.rounding.places, program.rounding.mode), program.rounding.places), items }, differences }
    }
    return this.#self
  }

  /** The whole result as plain data, in the order a reader expects (JSON.stringify calls this). */
  toJSON(): SubjectResult {
    const o: SubjectResult = { rubric: this.rubric, subject: this.subject } as SubjectResult
    if (this.asOf !== undefined) o.asOf = this.asOf
    if (this.period !== undefined) o.period = this.period
    o.total = this.total
    o.exactTotal = this.exactTotal
    o.max = this.max
    if (this.bonus !== undefined) o.bonus = this.bonus
    o.eligible = this.eligible
    o.gates = this.gates
    if (this.barred !== undefined) o.barred = this.barred
    if (this.lowered !== undefined) o.lowered = this.lowered
    if (this.group !== undefined) o.group = this.group
    o.grade = this.grade
    o.gradeBasis = this.gradeBasis
    o.gradeReason = this.gradeReason
    if (this.provisionalGrade !== undefined) o.provisionalGrade = this.provisionalGrade
    o.items = this.items
    const findings = this.findings
    if (findings !== undefined) o.findings = findings
    o.warnings = this.warnings
    const { quotas, money, periods, adjustments, self, differences } = this
    if (quotas !== undefined) o.quotas = quotas
    if (money !== undefined) o.money = money
    if (periods !== undefined) o.periods = periods
    if (adjustments !== undefined) o.adjustments = adjustments
    if (self !== undefined) o.self = self
    if (differences !== undefined) o.differences = differences
    if (this.rank !== undefined) o.rank = this.rank
    return o
  }
}

/** A grade moved `places` down grades.order (一票否決降一級), stopping at the last grade; null stays null. */
export function lowerGrade(program: Program, grade: string | null, places: number | undefined): string | null {
  if (grade === null || !places) return grade
  const order = program.rubric.grades?.order ?? []
  const at = order.indexOf(grade)
  return at < 0 ? grade : order[Math.min(order.length - 1, at + places)]!
}

/** A grade reason with the lowering said: "…; 合格 lowered 1 place to 差 by failed gate safety-veto". */
export function loweredReason(program: Program, reason: string, grade: string | null, places: number | undefined, G: Uint8Array | undefined): string {
  if (!places || grade === null) return reason
  const gates = G === undefined ? [] : (program.rubric.gates ?? []).filter((g, i) => g.lowers !== undefined && G[i] !== 1).map((g) => g.id)
  const by = gates.length ? ` by failed gate${gates.length > 1 ? 's' : ''} ${gates.join(', ')}` : ' by a failed gate'
  return `${reason}; ${grade} lowered ${places} place${places > 1 ? 's' : ''} to ${lowerGrade(program, grade, places)}${by}`
}

/** For each grade threshold of the program, whether its grade is given by a ranked quota instead (worked out once). */
const quotaGradedBy = new WeakMap<Program, readonly boolean[]>()
function quotaGraded(program: Program): readonly boolean[] {
  let byQuota = quotaGradedBy.get(program)
  if (byQuota === undefined) {
    const grades = new Set((program.rubric.grades?.quotas ?? []).map((q) => q.grade))
    quotaGradedBy.set(program, (byQuota = (program.rubric.grades?.thresholds ?? []).map((t) => grades.has(t.grade))))
  }
  return byQuota
}

/**
 * The grade by thresholds: the first that holds, skipping barred grades and those a ranked quota gives. The reason
 * (why this grade, and why not each higher one) is written only when `explain`; the grade is the same either way.
 */
function thresholdGrade(s: Scoring, total: Fixed, eligible: boolean, barred: readonly string[] | undefined, explain: boolean): Pick<SubjectResult, 'grade' | 'gradeBasis' | 'gradeReason'> {
  const { program, rec, TH } = s
  const { rubric } = program
  if (!eligible) {
    const failed = explain ? (rubric.gates ?? []).filter((g, i) => s.G[i] !== 1 && g.bars === undefined).map((g) => `${g.title} (${g.id})`).join(', ') : ''
    return { grade: rubric.grades?.ineligible ?? null, gradeBasis: 'ineligible', gradeReason: `failed ${failed}` }
  }
  const thresholds = rubric.grades?.thresholds ?? []
  const byQuota = quotaGraded(program)
  if (byQuota.every(Boolean)) return { grade: null, gradeBasis: 'none', gradeReason: 'no grades declared' }
  const missed: string[] = []
  let reason = explain ? `total ${T(total)} reaches no grade threshold` : ''
  for (let k = 0; k < thresholds.length; k++) {
    const t = thresholds[k]!
    if (byQuota[k]) continue // a grade with a ranked quota is given only by its quota
    if (barred?.includes(t.grade)) {
      if (explain) missed.push(`not ${t.grade}: barred by a failed gate`)
      continue
    }
    const min = t.min === undefined ? undefined : rubricValue(program, rec.P, t.min)
    if (min !== undefined && total < min) {
      if (explain) missed.push(`not ${t.grade}: total ${T(total)} < ${T(min)}`)
      continue
    }
    if (t.requires !== undefined && TH[program.thresholds[k]!] !== 1) {
      if (explain) missed.push(`not ${t.grade}: ${explainCondition(program, rec, t.requires)}`)
      continue
    }
    if (explain) reason = `${min !== undefined ? `total ${T(total)} ≥ ${T(min)}` : 'any total'}${t.requires ? `; ${explainCondition(program, rec, t.requires)}` : ''}`
    return { grade: t.grade, gradeBasis: 'threshold', gradeReason: missed.length ? `${reason} (${missed.join('; ')})` : reason }
  }
  return { grade: null, gradeBasis: 'none', gradeReason: missed.length ? `${reason} (${missed.join('; ')})` : reason }
}

/** The result tree; trails from the recorded numbers, when asked for. */
function itemResults(s: Scoring): ItemResult[] {
  const { program, rec: r, trail, rolled, adjustments } = s
  const nodes = program.layout.nodes
  const build = (i: number): ItemResult => {
    const node = nodes[i]!
    const x: ItemResult = { id: node.id, title: node.title, kind: node.kind, max: node.text.max, min: node.text.min, ...(node.hi !== node.max ? { bonus: T(node.hi - node.max) } : {}), score: T(r.score(i)) }
    if (node.source !== undefined) x.source = node.source
    if (node.note !== undefined) x.note = node.note
    const na = r.notApplicable(i)
    if (na) x.notApplicable = node.policy
    const computed = r.before(i)
    if (computed === computed) {
      x.computed = T(computed)
      let a: Adjustment | undefined
      for (const y of adjustments ?? []) if (y.item === node.id) a = y
      if (a) x.adjustment = a
    }
    if (trail && rolled) x.trail = rolledTrail(program, r, rolled, i)
    else if (trail && !na) x.trail = nodeTrail(program, r, i)
    if (node.children.length) x.items = node.children.map(build)
    return x
  }
  return nodes[0]!.children.map(build)
}

/** An item's trail in a rollup: how it was combined, and how it scored in each period. */
function rolledTrail(program: Program, r: Recorded, rolled: Rolled, i: number): Trail {
  const node = program.layout.nodes[i]!
  const t: Trail = { rule: `rollup ${rolled.levels}`, inputs: {}, arithmetic: rolled.trails.get(i) ?? 'not applicable in every period' }
  if (node.kind !== 'section')
    t.periods = rolled.runs.map((run) => {
      if (run.NA[i] === 1) return { period: run.key, score: '0', arithmetic: '不適用 (not applicable)' }
      const e = nodeTrail(program, new Recorded(run.TR, 0, run.S, 0, run.NA, 0, null, 0, r.P, run.Q, r.asOf, run.to), i)
      if (e.rule === 'prerequisite of the item') return { period: run.key, score: T(run.S[i]!), arithmetic: `prerequisite not met → ${T(node.otherwise)} (${e.requires})` }
      const inputs = Object.entries(e.inputs).map(([k, v]) => `${k} = ${v}`).join(', ')
      return { period: run.key, score: T(run.S[i]!), arithmetic: `${inputs ? inputs + ': ' : ''}${e.arithmetic}` }
    })
  return t
}
