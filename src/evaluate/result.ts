import type { Diagnostic } from '../diagnostics/diagnostic'
import type { Explained } from '../kinds/kit/spec'

/** Decimals in results are strings ("87.5"): exact, and safe to pass through JSON. */
export type DecimalString = string

export interface Trail extends Explained {
  /** The item's prerequisite, when it has one, and whether it held. */
  requires?: string
  /** Bounds, N/A rescaling or caps applied after the rule. */
  bounds?: string
  /** The computed values the rule read, each with its arithmetic (`done / task = 45 / 50 = 0.9`). */
  computed?: Record<string, string>
  /** In a rollup: how the item scored in each period, before the periods were combined. */
  periods?: { period: string; score: DecimalString; arithmetic: string }[]
}

export interface Adjustment {
  item: string
  to?: DecimalString
  by?: DecimalString
  reason: string
  approver: string
  date?: string
}

export interface ItemResult {
  id: string
  title: string
  kind: string
  source?: string
  note?: string
  max: DecimalString
  min: DecimalString
  /** Points it may give beyond max (另加分): its own, or a section's items' together. */
  bonus?: DecimalString
  score: DecimalString
  /** The computed score, when a manual adjustment replaced it. */
  computed?: DecimalString
  adjustment?: Adjustment
  notApplicable?: 'rescale' | 'zero'
  trail?: Trail
  items?: ItemResult[]
}

export interface GateResult {
  id: string
  title: string
  source?: string
  passed: boolean
  reason: string
  /** The grades this gate bars when it fails (otherwise failing makes the subject ineligible). */
  bars?: string[]
}

/** A finding of the rubric (`findings`): a fact's value, or whether a condition held and why. */
export interface FindingResult {
  id: string
  title: string
  source?: string
  /** The fact's value as text (an enum value, a decimal, a date, true/false; null when not given), or the condition's outcome. */
  value: string | boolean | null
  reason?: string
}

export interface QuotaResult {
  id: string
  title: string
  source?: string
  required: number
  overridden: boolean
  count: number
  shortfall: number
  periods?: { period: string; count: number; required: number; short: number }[]
}

export interface MoneyLine {
  id: string
  title: string
  source?: string
  amount: DecimalString
  /** How it was computed: counts per category, de-duplicated pieces, shortfall × amount. */
  detail: string
  lines?: { category: string; count: number; each: DecimalString; amount: DecimalString }[]
  duplicates?: { key: string; kept: string; dropped: string[] }[]
}

export interface MoneyResult {
  currency: string
  rewards: MoneyLine[]
  penalties: MoneyLine[]
  rewardTotal: DecimalString
  penaltyTotal: DecimalString
  net: DecimalString
}

export interface PeriodResult {
  period: string
  total: DecimalString
  items: Record<string, DecimalString>
}

export interface Difference {
  item: string
  title: string
  self: DecimalString
  assessor: DecimalString
  difference: DecimalString
}

/**
 * One subject's result. Its figures are fields; its parts (items and their trails, gates, quotas, money, periods,
 * self-assessment, adjustments) are written out when first read, so `Object.keys` and `{ ...result }` see the figures
 * only: use `JSON.stringify(result)` or `result.toJSON()` for the whole result as plain data.
 */
export interface SubjectResult {
  rubric: { id: string; title: string }
  subject: { id: string; name?: string }
  asOf?: string
  period?: { from?: string; to?: string }
  /** The total after the rubric's final rounding. */
  total: DecimalString
  /** The total before final rounding. */
  exactTotal: DecimalString
  max: DecimalString
  /** How far the total may go beyond max: the bonuses (另加分) of the top-level items. Absent when there are none. */
  bonus?: DecimalString
  eligible: boolean
  gates: GateResult[]
  /** Grades a failed gate bars this subject from. */
  barred?: string[]
  /** Places its grade was moved down in grades.order by failed gates with `lowers` (一票否決降一級). */
  lowered?: number
  /** Its group (the value of grades.groupBy): ranks and ranked quotas are within it. */
  group?: string
  /** The rubric's findings for this subject. */
  findings?: FindingResult[]
  grade: string | null
  /**
   * How the grade was given. `provisional`: one subject scored alone (`evaluate`) under a rubric whose ranked quotas
   * grade over the cohort — no grade is given (grade null); `provisionalGrade` is what the thresholds alone give.
   */
  gradeBasis: 'threshold' | 'quota' | 'ineligible' | 'none' | 'provisional'
  gradeReason: string
  /** With gradeBasis `provisional`: the grade by thresholds alone, which the cohort's ranked quotas may change. */
  provisionalGrade?: string | null
  rank?: number
  items: ItemResult[]
  quotas?: QuotaResult[]
  money?: MoneyResult
  periods?: PeriodResult[]
  self?: { total: DecimalString; items: Record<string, DecimalString> }
  differences?: Difference[]
  adjustments?: Adjustment[]
  warnings: Diagnostic[]
  /** The whole result as plain data, every part written out (a result from kaoping has it; JSON.stringify calls it). */
  toJSON?(): SubjectResult
}

export interface CohortQuotaResult {
  id: string
  title: string
  required: DecimalString
  count: number
  shortfall: number
  met: boolean
}

export interface CohortResult {
  rubric: { id: string; title: string }
  asOf?: string
  subjects: SubjectResult[]
  /** Quotas the whole cohort must reach together. */
  cohortQuotas: CohortQuotaResult[]
  /** With `invalid: 'skip'`: the subjects whose evidence was refused (not ranked), with why. */
  refused?: RefusedSubject[]
  warnings: Diagnostic[]
}

/** A subject left out of a cohort because its evidence was refused (`invalid: 'skip'`). */
export interface RefusedSubject {
  /** Its place in the evidence (0-based). */
  index: number
  /** Its id, when it has a readable one. */
  id?: string
  diagnostics: Diagnostic[]
}
