/**
 * An independent reference evaluator for kaoping rubrics, written from the documents only:
 * docs/rubric-language.md (cited as "§n"), docs/evidence.md (cited as "ev §n") and SECURITY.md §4.
 * It does not read or import anything of src/. It is used by differential tests: the same rubric and evidence
 * must give the same total (or the same refusal) here and in kaoping.
 *
 * Scope: the subject's total, its item scores, and the refusals that evidence can cause; with referenceGrades, the
 * ranks and grades of a cohort (§11 gates, §12 thresholds and ranked quotas) from each subject's standing. Quotas,
 * money and the self-assessment are evaluated only for the errors they can raise (§22: a problem found while working
 * them out stops the subject); their results are not returned.
 *
 * Arithmetic is decimal.js only, on a private clone (never the global Decimal). Adding and subtracting are
 * exact; multiplying and dividing round half-even to 6 places at each step (§19). Every arithmetic result is
 * kept within the exact range, about ±9 007 199 254.74 (SECURITY.md §2, §4), else NUMBER_OUT_OF_RANGE.
 *
 * Rules decided for the next release that this reference follows (they override the docs where they differ):
 *  R1 deduct / deductions / quota items: deduction 0 when the target is met; score = max(floor, from − deduction)
 *     in every case; then [min, max].
 *  R2 score conditions inside the tree read the final score of an item scored earlier (later items read 0).
 *  R3 record number/integer fields follow the fact number rules; `where:` and de-duplication keys compare by
 *     exact value (numbers by decimal value, dates by day); enum/string/boolean by ===.
 *  R4 a fact used as a count (count item, deduction, penalty) must not be negative unless it declares `min`
 *     (EVIDENCE_OUT_OF_RANGE); its whole part (floor) is used. Like the declared range, this is checked for every
 *     value the evidence gives (a period's and the self-assessment's too), whether or not a rule reads it.
 *  R5 a period whose from is after its to is refused (OPTION_INVALID); dates have years 1000–9999 and are real.
 *  R6 multiplication and division round half-even to 6 places at each step (§19).
 *
 * Readings of points the documents leave open (see also the report that came with this file):
 *  - Value problems are found when a value is used (ev §7 "While scoring, a few problems only show up when a value
 *    is used: too many decimal places, …"; ev §8): facts are read lazily, so a value nothing reads is never
 *    refused for its places; a JS number's range is checked before scoring (the schema), a decimal string's when
 *    used; record lists are checked (dates, places) when their type is first counted.
 *  - A value beyond the exact range: its declared range first (EVIDENCE_OUT_OF_RANGE, SECURITY.md §4 table), then
 *    NUMBER_OUT_OF_RANGE (ev §7 "A number too large to score exactly").
 *  - "At each step" (R6) is taken per operation, left to right: steps = gap ÷ step is rounded before ⌈⌉/⌊⌋;
 *    exact = (gap × points) ÷ step; rescale = (sum × all) ÷ kept.
 *  - The total is the (rescaled) sum of the top-level items, not clamped; an adjustment of `total` must lie
 *    within [0, total].
 *  - Rollups: combined values are not re-bounded; a period run checks every required fact up front; its record
 *    pool is the records dated in the period (also for `within`); with an adjustment, sections not adjusted and
 *    the total (unless adjusted, then its combined value ± by) are recomputed as plain sums.
 *  - A `many: true` score fact in a fact condition compares the mean of its list.
 *  - options.period replaces the rubric's period as a whole.
 *
 * Computed values (§5 "Computed values (`computed`)") and the expr condition (§10 "Arithmetic compared exactly:
 * `expr`"), with exact rationals (a BigInt fraction type below, not decimal.js: §5 "2 / 3 is two thirds, not
 * 0.666667"). Readings of what the documents leave open (where they do, following src/kinds/computed.ts and the
 * generated code's number() / emitComputedFn, read but not imported):
 *  - A computed value is worked out when it is first read in a run and kept for the rest of the run; a value never
 *    read (not used, or used only by an item 不適用 / a rule not run) refuses nothing, whatever it would divide by
 *    or however far outside its min/max it would be. Each run (the subject, a rollup period, the self-assessment)
 *    works it out from its own facts.
 *  - A name in an expression is a fact (read as anywhere else: a missing number read as 0 under `missing: zero` or
 *    `required: false`, §20; a single score fact as in a fact condition), a computed value (its rounded value: "every
 *    use reads that one value") or a number, integer or rate parameter.
 *  - `round` rounds the exact value once, with the modes of §19; without `round` the value is exact (the rubric
 *    check makes sure it has at most 6 places: EXPRESSION_ROUNDING). Then min/max is checked on the rounded value
 *    (EVIDENCE_OUT_OF_RANGE), then the exact range (NUMBER_OUT_OF_RANGE).
 *  - Every operand is worked out (min and max take all their arguments), so a division by zero anywhere in an
 *    expression read refuses the subject (EVIDENCE_DIVISION_BY_ZERO).
 *  - A computed value read as a count anywhere in the rubric (a deductions entry or a penalty, R4) is refused when
 *    negative unless it declares min, as a fact would be (§5 makes it a property of the value: "may not be negative
 *    unless the fact declares a min"), so the check is made when the value is worked out, whichever use reads it
 *    first (as src/compile/codegen.ts emitComputedFn does); its whole part (floor) is the count.
 *
 * Bonus beyond max (§8 "Bonus beyond max (另加分): `bonus`"), add and rated (§9), targets per subject (§9 "Targets
 * that differ per subject"). Readings:
 *  - An item's ceiling is max + bonus; a section without bonus has max + Σ (ceiling − max) of its items; the bounds
 *    step keeps every item (section or leaf) within [min, ceiling]; `max` still adds up and 不適用 rescaling uses it;
 *    the total is the (rescaled) sum of the top-level items, never clamped.
 *  - An adjustment (§17) must lie within the item's own bounds, [min, ceiling] (with a rollup too: "the same bound
 *    check"); the sections recomputed after a rollup adjustment are kept within [min, ceiling]; the total within
 *    [its least, total]. (src/compile/codegen.ts emitNode checks [min, hi] for an item, [min, max] for the total.)
 *  - judged with a bonus takes scores within [min, max + bonus] (§9 judged: "a judged item with a bonus takes scores
 *    up to max + bonus"); outside it, clamped or refused as without a bonus.
 *  - A `cap: true` section is capped at its ceiling (its max when nothing in it has a bonus; the generator never
 *    puts a bonus on or under a cap: true section).
 *  - add: gap = value − target (above, default) or target − value (below); nothing when gap ≤ 0; else ⌈steps⌉ ×
 *    points, ⌊steps⌋ × points or gap × points ÷ step, as for deduct; from (default 0) + addition.
 *  - A tier target whose enum fact is not given refuses the subject (EVIDENCE_MISSING) whatever the missing policy;
 *    a `{ fact }` target reads the fact (or computed value) as a numeric fact is read (§20).
 *  - rated: the points of the rating given; none given (allowed by the missing policy, §20) → 0.
 */
import Decimal from 'decimal.js'

const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -60, toExpPos: 60 })
type Dec = Decimal

// ---------------------------------------------------------------------------------------------------------
// Public interface
// ---------------------------------------------------------------------------------------------------------

export interface RefOptions {
  asOf?: string // YYYY-MM-DD evaluation date
  period?: { from?: string; to?: string } // assessed span; default: the rubric's period
  params?: Record<string, unknown> // parameter overrides
  /**
   * Extra (not in the brief's interface, optional): linked rubrics by id, for `score` facts given as another
   * rubric's evidence (§9 weighted). Without it such evidence is refused (EVIDENCE_INVALID).
   */
  links?: Record<string, any>
}

export type RefOutcome =
  | { ok: true; total: string; exactTotal: string; items: Record<string, string> }
  | { ok: false; code: string }

export function referenceEvaluate(rubric: any, subject: any, options: RefOptions = {}): RefOutcome {
  return referenceDetails(rubric, subject, options).outcome
}

/**
 * For the reference's own tests: the outcome plus figures that do not enter the total but are worked by hand in
 * the examples (the self-assessment's rounded total, §16; each quota's shortfall, §13).
 */
export interface RefDetails {
  outcome: RefOutcome
  selfTotal?: string
  shortfalls?: Record<string, string>
  /** What grading needs of this subject (§11, §12): worked out after scoring. */
  standing?: RefStanding
}

/** A ranked quota with its parameters resolved (§12). */
export interface RefQuota {
  grade: string
  count?: Dec
  min?: Dec
  max?: Dec
  share?: Dec
  shareRounding?: string
  take: 'max' | 'min'
  from: 'top' | 'bottom'
  minScore?: Dec
  ties: 'within-range' | 'include' | 'exclude'
  keepPlace: boolean
}

export interface RefStanding {
  eligible: boolean
  barred: string[]
  lowered: number
  /** The threshold grade (§12), skipping grades that have a ranked quota and barred grades; null: none holds. */
  threshold: string | null
  /** The value of grades.groupBy ('' when not given); undefined without groupBy. */
  group?: string
  quotas: RefQuota[]
  /** Each finding's value (§11 Findings): the fact's value as text (null when not given), or the condition's outcome. */
  findings: (string | boolean | null)[]
}

export function referenceDetails(rubric: any, subject: any, options: RefOptions = {}): RefDetails {
  try {
    return evaluateSubject(rubric, subject, options)
  } catch (e) {
    if (e instanceof RefError) return { outcome: { ok: false, code: e.code } }
    throw e
  }
}

// ---------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------

class RefError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`)
  }
}

function fail(code: string, message: string): never {
  throw new RefError(code, message)
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers for plain data
// ---------------------------------------------------------------------------------------------------------

function own(obj: unknown, key: string): boolean {
  return obj !== null && typeof obj === 'object' && Object.prototype.hasOwnProperty.call(obj, key)
}

/** An own property that is not undefined (undefined in JS data reads as absent). */
function ownValue(obj: unknown, key: string): unknown {
  return own(obj, key) ? (obj as any)[key] : undefined
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

function isParamRef(v: unknown): v is { param: string } {
  return isPlainObject(v) && typeof v.param === 'string'
}

// ---------------------------------------------------------------------------------------------------------
// Numbers (§3, §19, ev §4, SECURITY.md §4)
// ---------------------------------------------------------------------------------------------------------

/** The exact range: scaled integers of 6 places within Number.MAX_SAFE_INTEGER (SECURITY.md §2, §4). */
const LIMIT = new D('9007199254.740991')
const ZERO = new D(0)
const EVIDENCE_DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/ // ev §4: digits, optional leading "-", optional fraction
const RUBRIC_DECIMAL = /^[+-]?[0-9]+(\.[0-9]+)?$/ // §3: optional sign, "+1.5" allowed in a rubric

function inRange(x: Dec): Dec {
  if (!x.isFinite() || x.abs().gt(LIMIT)) fail('NUMBER_OUT_OF_RANGE', `${x.toString()} is beyond the exact range`)
  return x
}

/** Adding and subtracting are exact (§19). */
function add(a: Dec, b: Dec): Dec {
  return inRange(a.plus(b))
}
function sub(a: Dec, b: Dec): Dec {
  return inRange(a.minus(b))
}
/** Multiplying and dividing round half-even to 6 places at each step (§19, R6). */
function mul(a: Dec, b: Dec): Dec {
  return inRange(a.times(b).toDecimalPlaces(6, D.ROUND_HALF_EVEN))
}
function div(a: Dec, b: Dec): Dec {
  if (b.isZero()) fail('NUMBER_OUT_OF_RANGE', 'division by zero')
  return inRange(a.div(b).toDecimalPlaces(6, D.ROUND_HALF_EVEN))
}
function dmax(a: Dec, b: Dec): Dec {
  return a.gte(b) ? a : b
}
function dmin(a: Dec, b: Dec): Dec {
  return a.lte(b) ? a : b
}
function clamp(x: Dec, lo: Dec, hi: Dec): Dec {
  return dmin(dmax(x, lo), hi)
}
function sum(xs: Dec[]): Dec {
  return xs.reduce((s, x) => add(s, x), ZERO)
}

/** A number written in the rubric (already validated): a YAML number or a decimal string (§3). */
function lit(v: unknown): Dec {
  if (typeof v === 'number') return new D(String(v))
  if (typeof v === 'string' && RUBRIC_DECIMAL.test(v)) return new D(v.replace(/^\+/, ''))
  throw new Error(`reference: not a rubric number: ${JSON.stringify(v)}`)
}

/** The shortest exact decimal string of a score ("36.196809", "7", "0"). */
function show(x: Dec): string {
  return x.isZero() ? '0' : x.toString()
}

/**
 * Reads an evidence number that has the right form (a finite JS number or a decimal string): the exact decimal
 * written. JS numbers are read as their shortest round-trip decimal (0.1 is 0.1; 0.1 + 0.2 is
 * 0.30000000000000004 and has too many places).
 */
function evidenceDecimal(v: unknown, what: string): Dec {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) fail('EVIDENCE_INVALID', `${what} is NaN`)
    if (!Number.isFinite(v)) fail('NUMBER_OUT_OF_RANGE', `${what} is not finite`)
    return new D(String(v))
  }
  if (typeof v === 'string' && EVIDENCE_DECIMAL.test(v)) return new D(v)
  fail('EVIDENCE_INVALID', `${what} is not a number or a decimal string`)
}

/** At most 6 decimal places (§19, ev §4): EVIDENCE_PRECISION. */
function checkPlaces(x: Dec, what: string): Dec {
  if (x.decimalPlaces() > 6) fail('EVIDENCE_PRECISION', `${what} has more than 6 decimal places`)
  return x
}

/** The form check made before scoring (ev §8: the schema's check): a number or a decimal string. */
function numberFormOk(v: unknown, what: string): boolean {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) fail('EVIDENCE_INVALID', `${what} is NaN`)
    if (!Number.isFinite(v)) fail('NUMBER_OUT_OF_RANGE', `${what} is not finite`)
    return true
  }
  if (typeof v === 'string' && EVIDENCE_DECIMAL.test(v)) return true
  fail('EVIDENCE_INVALID', `${what} must be a number or a decimal string`)
}

// ---------------------------------------------------------------------------------------------------------
// Dates (§10 durations, §7, R5). Days are counted as integers (day numbers since 1970-01-01).
// ---------------------------------------------------------------------------------------------------------

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}
function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!
}
/** Day number of a civil date (proleptic Gregorian; H. Hinnant's days_from_civil). */
function dayOf(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const mp = (m + 9) % 12
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}
/** The civil date of a day number (civil_from_days). */
function civil(z: number): [number, number, number] {
  const zz = z + 719468
  const era = Math.floor(zz / 146097)
  const doe = zz - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return [m <= 2 ? era * 400 + yoe + 1 : era * 400 + yoe, m, d]
}
function showDay(z: number): string {
  const [y, m, d] = civil(z)
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

const DATE_FORM = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/

/** A real calendar date YYYY-MM-DD with a year 1000–9999 (R5), or null. */
function parseDay(v: unknown): number | null {
  if (typeof v !== 'string') return null
  const m = DATE_FORM.exec(v)
  if (!m) return null
  const y = Number(m[1]),
    mo = Number(m[2]),
    d = Number(m[3])
  if (y < 1000 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null
  return dayOf(y, mo, d)
}

interface Duration {
  years?: number
  months?: number
  days?: number
}

/**
 * §10 Durations: add years and months first, keeping the day of the month but clamping it to the month's last
 * day, then add the days. sign −1 goes back the same way (for "evaluation date − duration", §10 count within).
 */
function addDuration(day: number, dur: Duration, sign: 1 | -1 = 1, env?: Env): number {
  // §4: each part may be an integer parameter
  if (env !== undefined) dur = { years: partOf(env, dur.years), months: partOf(env, dur.months), days: partOf(env, dur.days) }
  const [y, m, d] = civil(day)
  const monthIndex = y * 12 + (m - 1) + sign * ((dur.years ?? 0) * 12 + (dur.months ?? 0))
  const ny = Math.floor(monthIndex / 12)
  const nm = monthIndex - ny * 12 + 1
  const nd = Math.min(d, daysInMonth(ny, nm))
  return dayOf(ny, nm, nd) + sign * (dur.days ?? 0)
}

/** §11 Findings: a fact's value as text — an enum value, a decimal, a date, true/false; null when not given. */
function factText(run: Run, name: string): string | null {
  const v = run.facts.get(name)
  if (v === undefined) return null
  const type = factDecl(run.env, name).type
  if (type === 'boolean') return v === true ? 'true' : 'false'
  if (type === 'enum' || type === 'date') return String(v)
  const d = new D(v as any)
  return d.isZero() ? '0' : d.toFixed()
}

function partOf(env: Env, v: unknown): number | undefined {
  if (v === undefined) return undefined
  return isParamRef(v) ? num(env, v).toNumber() : (v as number)
}

// Periods (§15, ev §6): month 2017-03, quarter 2017-Q1, half 2017-H1, year 2017.
type Unit = 'month' | 'quarter' | 'half' | 'year'
const UNIT_MONTHS: Record<Unit, number> = { month: 1, quarter: 3, half: 6, year: 12 }

interface Range {
  from: number
  to: number
}

function periodKey(unit: Unit, day: number): string {
  const [y, m] = civil(day)
  const ys = String(y).padStart(4, '0')
  switch (unit) {
    case 'month':
      return `${ys}-${String(m).padStart(2, '0')}`
    case 'quarter':
      return `${ys}-Q${Math.floor((m - 1) / 3) + 1}`
    case 'half':
      return `${ys}-H${Math.floor((m - 1) / 6) + 1}`
    case 'year':
      return ys
  }
}

/** The days of a period key of a unit, or null when the key is not one of that unit. */
function periodRange(unit: Unit, key: string): Range | null {
  let y: number, first: number
  let m: RegExpExecArray | null
  if (unit === 'month' && (m = /^([0-9]{4})-([0-9]{2})$/.exec(key))) {
    y = Number(m[1])
    first = Number(m[2])
    if (first < 1 || first > 12) return null
  } else if (unit === 'quarter' && (m = /^([0-9]{4})-Q([1-4])$/.exec(key))) {
    y = Number(m[1])
    first = (Number(m[2]) - 1) * 3 + 1
  } else if (unit === 'half' && (m = /^([0-9]{4})-H([12])$/.exec(key))) {
    y = Number(m[1])
    first = (Number(m[2]) - 1) * 6 + 1
  } else if (unit === 'year' && (m = /^([0-9]{4})$/.exec(key))) {
    y = Number(m[1])
    first = 1
  } else return null
  if (y < 1000) return null
  const last = first + UNIT_MONTHS[unit] - 1
  return { from: dayOf(y, first, 1), to: dayOf(y, last, daysInMonth(y, last)) }
}

/** Every period of a unit that overlaps [from, to], in order. */
function periodsOverlapping(unit: Unit, from: number, to: number): string[] {
  const keys: string[] = []
  let day = from
  while (day <= to) {
    const key = periodKey(unit, day)
    keys.push(key)
    day = periodRange(unit, key)!.to + 1
  }
  return keys
}

// ---------------------------------------------------------------------------------------------------------
// The evaluation environment: parameters, span, evaluation date (§4, §7, §22 steps 1–2)
// ---------------------------------------------------------------------------------------------------------

interface Span {
  from?: number
  to?: number
}

type ParamValue = Dec | string | boolean | number

interface Env {
  rubric: any
  subjectId: string
  params: Map<string, { type: string; value: ParamValue }>
  span: Span
  asOf?: number
  items: Map<string, any> // every item by id
  postOrder: any[] // every item, children before their section, in the order written
  links?: Record<string, any>
  rollup: boolean
  /** Each item's ceiling (§8 bonus), worked out when first needed. */
  his: Map<string, Dec>
  /** Computed values read as a count somewhere (a deductions entry, a penalty), worked out when first needed. */
  countNames?: Set<string>
}

function makeEnv(rubric: any, subject: any, options: RefOptions): Env {
  // §4: defaults, then overrides; an unknown name or an invalid value is OPTION_INVALID.
  const params = new Map<string, { type: string; value: ParamValue }>()
  const declared = rubric.params ?? {}
  for (const name of Object.keys(declared)) {
    const decl = declared[name]
    params.set(name, { type: decl.type, value: paramValue(decl, decl.default, name) })
  }
  const overrides = options.params ?? {}
  for (const name of Object.keys(overrides)) {
    if (!own(declared, name)) fail('OPTION_INVALID', `unknown parameter ${name}`)
    const decl = declared[name]
    params.set(name, { type: decl.type, value: paramValue(decl, overrides[name], name) })
  }

  // §4: an item's max from a number parameter is that parameter's value (the maxima adding up is the caller's check)
  const maxOf = (v: any) => (isParamRef(v) ? num({ params } as Env, v).toString() : v)
  const withMaxima = (list: any[]): any[] => list.map((it) => (it.kind === 'section' ? { ...it, max: maxOf(it.max), items: withMaxima(it.items ?? []) } : { ...it, max: maxOf(it.max) }))
  const maxFromParam = (list: any[]): boolean => list.some((it) => isParamRef(it.max) || (it.kind === 'section' && maxFromParam(it.items ?? [])))
  if (maxFromParam(rubric.items ?? [])) rubric = { ...rubric, items: withMaxima(rubric.items ?? []) }

  // §7, §22 step 2: the assessed span (the option, else the rubric's period) and the evaluation date.
  const period = options.period !== undefined ? options.period : rubric.period
  const span: Span = {}
  if (period?.from !== undefined) span.from = optionDay(period.from, 'period.from')
  if (period?.to !== undefined) span.to = optionDay(period.to, 'period.to')
  if (span.from !== undefined && span.to !== undefined && span.from > span.to)
    fail('OPTION_INVALID', 'the period starts after it ends') // R5
  const asOf = options.asOf !== undefined ? optionDay(options.asOf, 'asOf') : span.to

  const items = new Map<string, any>()
  const postOrder: any[] = []
  const walk = (list: any[]) => {
    for (const item of list) {
      if (item.kind === 'section') walk(item.items ?? [])
      items.set(item.id, item)
      postOrder.push(item)
    }
  }
  walk(rubric.items ?? [])

  return {
    rubric,
    subjectId: String(subject?.id),
    params,
    span,
    asOf,
    items,
    postOrder,
    links: options.links,
    rollup: Array.isArray(rubric.rollup) && rubric.rollup.length > 0,
    his: new Map(),
  }
}

function optionDay(v: unknown, what: string): number {
  const day = parseDay(v)
  if (day === null) fail('OPTION_INVALID', `${what} is not a real date YYYY-MM-DD`)
  return day
}

/** A parameter's value read by its type (§4); invalid → OPTION_INVALID. */
function paramValue(decl: any, v: unknown, name: string): ParamValue {
  const bad = (why: string): never => fail('OPTION_INVALID', `parameter ${name}: ${why}`)
  switch (decl.type) {
    case 'number':
    case 'rate':
    case 'integer': {
      let x: Dec
      if (typeof v === 'number' && Number.isFinite(v)) x = new D(String(v))
      else if (typeof v === 'string' && RUBRIC_DECIMAL.test(v.trim())) x = new D(v.trim().replace(/^\+/, ''))
      else return bad('not a decimal')
      if (x.decimalPlaces() > 6) bad('more than 6 decimal places')
      if (x.abs().gt(LIMIT)) bad('beyond the exact range')
      if (decl.type === 'rate' && (x.lt(0) || x.gt(1))) bad('a rate must lie within 0–1')
      if (decl.type === 'integer' && !x.isInteger()) bad('not a whole number')
      if (decl.min !== undefined && x.lt(lit(decl.min))) bad('below min')
      if (decl.max !== undefined && x.gt(lit(decl.max))) bad('above max')
      return x
    }
    case 'date': {
      const day = parseDay(v)
      if (day === null) bad('not a date')
      return day as number
    }
    case 'rounding':
      if (v === 'ceil' || v === 'floor' || v === 'exact') return v
      return bad('not ceil, floor or exact')
    case 'boolean':
      if (v === true || v === 'true') return true
      if (v === false || v === 'false') return false
      return bad('not true or false')
    case 'enum':
      if (typeof v === 'string' && (decl.values ?? []).includes(v)) return v
      return bad('not one of the values')
    default:
      return bad(`unknown type ${decl.type}`)
  }
}

/** A number position: a literal or `{ param: name }` (§3). */
function num(env: Env, v: unknown): Dec {
  if (isParamRef(v)) {
    const p = env.params.get(v.param)
    if (!p || !(p.value instanceof D)) throw new Error(`reference: parameter ${v.param} is not numeric`)
    return p.value
  }
  return lit(v)
}

// ---------------------------------------------------------------------------------------------------------
// The evidence check before scoring (§22 step 3, ev §7–8)
// ---------------------------------------------------------------------------------------------------------

const SUBJECT_KEYS = ['id', 'name', 'facts', 'records', 'notApplicable', 'adjustments', 'self', 'periods']

function precheckSubject(env: Env, subject: unknown): void {
  const rubric = env.rubric
  if (!isPlainObject(subject)) fail('EVIDENCE_INVALID', 'a subject must be a mapping')
  // required keys first, then unknown keys, then each key in order (the order of a JSON Schema check)
  const factsDecl = rubric.facts ?? {}
  const requiredFacts = env.rollup
    ? [] // §20: with a rollup, facts may be given per period; not required up front
    : Object.keys(factsDecl).filter((n) => rubric.missing !== 'zero' && factsDecl[n].required !== false)
  if (ownValue(subject, 'facts') === undefined && requiredFacts.length > 0)
    fail('EVIDENCE_MISSING', `fact ${requiredFacts[0]} is missing (no facts)`)
  for (const key of Object.keys(subject)) {
    if (!SUBJECT_KEYS.includes(key) || (key === 'periods' && !env.rollup))
      fail('EVIDENCE_UNKNOWN_FIELD', `unknown key ${key} in the subject`)
  }
  const id = subject.id
  if (typeof id !== 'string' || id.length < 1 || id.length > 200) fail('EVIDENCE_INVALID', 'bad subject id')
  if (subject.name !== undefined && typeof subject.name !== 'string') fail('EVIDENCE_INVALID', 'bad name')
  if (subject.facts !== undefined) precheckFacts(env, subject.facts, requiredFacts, 'facts')
  if (subject.records !== undefined) precheckRecords(env, subject.records, 'records')
  if (subject.notApplicable !== undefined) precheckNotApplicable(env, subject.notApplicable, 'notApplicable')
  if (subject.adjustments !== undefined) precheckAdjustments(env, subject.adjustments)
  if (subject.self !== undefined) {
    const self = subject.self
    if (!isPlainObject(self)) fail('EVIDENCE_INVALID', 'self must be a mapping')
    for (const key of Object.keys(self))
      if (key !== 'facts' && key !== 'records') fail('EVIDENCE_UNKNOWN_FIELD', `unknown key ${key} in self`)
    if (self.facts !== undefined) precheckFacts(env, self.facts, [], 'self.facts')
    if (self.records !== undefined) precheckRecords(env, self.records, 'self.records')
  }
  if (subject.periods !== undefined) precheckPeriods(env, subject.periods)
}

function precheckFacts(env: Env, facts: unknown, required: string[], where: string): void {
  if (!isPlainObject(facts)) fail('EVIDENCE_INVALID', `${where} must be a mapping`)
  const decls = env.rubric.facts ?? {}
  for (const name of required)
    if (ownValue(facts, name) === undefined) fail('EVIDENCE_MISSING', `fact ${name} is missing`)
  for (const name of Object.keys(facts))
    if (!own(decls, name)) fail('EVIDENCE_UNKNOWN_FIELD', `unknown fact ${name} in ${where}`)
  for (const name of Object.keys(decls)) {
    const v = ownValue(facts, name)
    if (v !== undefined) precheckFactValue(env, decls[name], v, `${where}.${name}`, countNames(env).has(name))
  }
}

/** ev §4 value formats, the part the schema checks (JS numbers against their range; forms of everything). */
function precheckFactValue(env: Env, decl: any, v: unknown, what: string, count = false): void {
  // R4, §5: a fact that counts something may not be negative unless it declares min: part of its range, so checked
  // with the range, for every value given (a period's, the self-assessment's too), whether or not a rule reads it
  const least = (): Dec | undefined => (decl.min !== undefined ? lit(decl.min) : count ? ZERO : undefined)
  const range = (lo: Dec | undefined, hi: Dec | undefined) => {
    // (next release) every given value is checked before scoring, used or not: exact (≤ 6 places), within range
    const x = checkPlaces(evidenceDecimal(v, what), what)
    if (x.abs().gt('9007199254.740991')) fail('EVIDENCE_OUT_OF_RANGE', `${what} = ${String(v)} is too large to score exactly`)
    if (lo !== undefined && x.lt(lo)) fail('EVIDENCE_OUT_OF_RANGE', `${what} = ${v} is below ${lo}`)
    if (hi !== undefined && x.gt(hi)) fail('EVIDENCE_OUT_OF_RANGE', `${what} = ${v} is above ${hi}`)
  }
  switch (decl.type) {
    case 'boolean':
      if (typeof v !== 'boolean') fail('EVIDENCE_INVALID', `${what} must be true or false`)
      return
    case 'rate':
      numberFormOk(v, what)
      range(ZERO, new D(1))
      return
    case 'number':
      numberFormOk(v, what)
      range(least(), decl.max !== undefined ? lit(decl.max) : undefined)
      return
    case 'integer':
      if (typeof v !== 'number') fail('EVIDENCE_INVALID', `${what} must be a whole number`)
      numberFormOk(v, what)
      if (!Number.isInteger(v)) fail('EVIDENCE_INVALID', `${what} must be a whole number`)
      range(least(), decl.max !== undefined ? lit(decl.max) : undefined)
      return
    case 'date':
      if (typeof v !== 'string' || !DATE_FORM.test(v) || parseDay(v) === null) fail('EVIDENCE_INVALID', `${what} must be a real date YYYY-MM-DD`)
      return
    case 'enum':
      if (typeof v !== 'string' || !(decl.values ?? []).includes(v))
        fail('EVIDENCE_INVALID', `${what} is not one of the values`)
      return
    case 'score': {
      const element = (e: unknown, w: string) => {
        if (isPlainObject(e)) {
          if (!env.links || !own(env.links, decl.rubric)) fail('EVIDENCE_INVALID', `${w}: no linked rubric`)
          return
        }
        numberFormOk(e, w)
        if (typeof e === 'number') {
          const x = new D(String(e))
          if (x.lt(0) || x.gt(lit(decl.max))) fail('EVIDENCE_OUT_OF_RANGE', `${w} is outside [0, ${decl.max}]`)
        }
      }
      if (decl.many === true) {
        if (!Array.isArray(v) || v.length === 0) fail('EVIDENCE_INVALID', `${what} must be a non-empty list`)
        v.forEach((e, i) => element(e, `${what}[${i}]`))
      } else {
        if (Array.isArray(v)) fail('EVIDENCE_INVALID', `${what} must be one score`)
        element(v, what)
      }
      return
    }
    default:
      throw new Error(`reference: unknown fact type ${decl.type}`)
  }
}

function precheckRecords(env: Env, records: unknown, where: string): void {
  if (!isPlainObject(records)) fail('EVIDENCE_INVALID', `${where} must be a mapping`)
  const decls = env.rubric.records ?? {}
  for (const type of Object.keys(records))
    if (!own(decls, type)) fail('EVIDENCE_UNKNOWN_FIELD', `unknown record type ${type} in ${where}`)
  for (const type of Object.keys(decls)) {
    const list = ownValue(records, type)
    if (list === undefined) continue
    if (!Array.isArray(list)) fail('EVIDENCE_INVALID', `${where}.${type} must be a list`)
    const decl = decls[type]
    list.forEach((rec, i) => precheckRecord(decl, rec, `${where}.${type}[${i}]`))
  }
}

/** §6, ev §4 Records: declared fields only; the date and key fields given; each field of its type. */
function precheckRecord(decl: any, rec: unknown, what: string): void {
  if (!isPlainObject(rec)) fail('EVIDENCE_INVALID', `${what} must be a mapping`)
  for (const f of [decl.date, decl.key])
    if (f !== undefined && ownValue(rec, f) === undefined) fail('EVIDENCE_MISSING', `${what} lacks ${f}`)
  const fields = decl.fields ?? {}
  for (const f of Object.keys(rec)) if (!own(fields, f)) fail('EVIDENCE_UNKNOWN_FIELD', `${what}: unknown field ${f}`)
  for (const f of Object.keys(fields)) {
    const v = ownValue(rec, f)
    if (v === undefined) continue
    const fd = fields[f]
    const w = `${what}.${f}`
    switch (fd.type) {
      case 'string':
        if (typeof v !== 'string') fail('EVIDENCE_INVALID', `${w} must be text`)
        break
      case 'date':
        if (typeof v !== 'string' || !DATE_FORM.test(v)) fail('EVIDENCE_INVALID', `${w} must be YYYY-MM-DD`)
        break
      case 'number':
        numberFormOk(v, w)
        break
      case 'integer':
        if (typeof v !== 'number') fail('EVIDENCE_INVALID', `${w} must be a whole number`)
        numberFormOk(v, w)
        if (!Number.isInteger(v)) fail('EVIDENCE_INVALID', `${w} must be a whole number`)
        break
      case 'boolean':
        if (typeof v !== 'boolean') fail('EVIDENCE_INVALID', `${w} must be true or false`)
        break
      case 'enum':
        if (!(fd.values ?? []).includes(v)) fail('EVIDENCE_INVALID', `${w} is not one of the values`)
        break
      default:
        throw new Error(`reference: unknown field type ${fd.type}`)
    }
  }
}

function precheckNotApplicable(env: Env, list: unknown, where: string): void {
  if (!Array.isArray(list)) fail('EVIDENCE_INVALID', `${where} must be a list`)
  for (const id of list)
    if (typeof id !== 'string' || !env.items.has(id)) fail('EVIDENCE_INVALID', `${where}: ${String(id)} is not an item`)
}

const ADJUSTMENT_KEYS = ['item', 'to', 'by', 'reason', 'approver', 'date']

/** §17, ev §3: { item, to | by, reason, approver, date? }. */
function precheckAdjustments(env: Env, list: unknown): void {
  if (!Array.isArray(list)) fail('EVIDENCE_INVALID', 'adjustments must be a list')
  list.forEach((a, i) => {
    const w = `adjustments[${i}]`
    if (!isPlainObject(a)) fail('EVIDENCE_INVALID', `${w} must be a mapping`)
    for (const k of ['item', 'reason', 'approver'])
      if (ownValue(a, k) === undefined) fail('EVIDENCE_INVALID', `${w} lacks ${k}`)
    for (const k of Object.keys(a)) if (!ADJUSTMENT_KEYS.includes(k)) fail('EVIDENCE_UNKNOWN_FIELD', `${w}: ${k}`)
    if (typeof a.item !== 'string' || (a.item !== 'total' && !env.items.has(a.item)))
      fail('EVIDENCE_INVALID', `${w}: unknown item`)
    const hasTo = ownValue(a, 'to') !== undefined
    const hasBy = ownValue(a, 'by') !== undefined
    if (hasTo === hasBy) fail('EVIDENCE_INVALID', `${w}: give exactly one of to and by`)
    numberFormOk(hasTo ? a.to : a.by, w)
    for (const k of ['reason', 'approver'])
      if (typeof a[k] !== 'string' || (a[k] as string).length === 0) fail('EVIDENCE_INVALID', `${w}: empty ${k}`)
    if (a.date !== undefined && (typeof a.date !== 'string' || !DATE_FORM.test(a.date)))
      fail('EVIDENCE_INVALID', `${w}: date must be YYYY-MM-DD`)
  })
}

/** ev §6: keys of the first rollup level's unit; each { facts?, records?, notApplicable? }. */
function precheckPeriods(env: Env, periods: unknown): void {
  if (!isPlainObject(periods)) fail('EVIDENCE_INVALID', 'periods must be a mapping')
  const unit = env.rubric.rollup[0].from as Unit
  for (const key of Object.keys(periods)) {
    if (periodRange(unit, key) === null) fail('EVIDENCE_INVALID', `period key ${key} is not a ${unit}`)
    const p = periods[key]
    if (p === null || p === undefined) continue
    if (!isPlainObject(p)) fail('EVIDENCE_INVALID', `periods.${key} must be a mapping`)
    for (const k of Object.keys(p))
      if (!['facts', 'records', 'notApplicable'].includes(k)) fail('EVIDENCE_UNKNOWN_FIELD', `periods.${key}.${k}`)
    if (p.facts !== undefined) precheckFacts(env, p.facts, [], `periods.${key}.facts`)
    if (p.records !== undefined) precheckRecords(env, p.records, `periods.${key}.records`)
    if (p.notApplicable !== undefined) precheckNotApplicable(env, p.notApplicable, `periods.${key}.notApplicable`)
  }
}

// ---------------------------------------------------------------------------------------------------------
// One scoring run: the evidence one tree evaluation sees (the whole span, one period, or the self-assessment)
// ---------------------------------------------------------------------------------------------------------

interface Rec {
  raw: Record<string, unknown>
  day?: number // the record type's date field, when it declares one
}

interface Run {
  env: Env
  facts: Map<string, unknown>
  records: Map<string, unknown[]>
  periodRange?: Range // a rollup period: records dated outside it are not counted (§15 step 1)
  span: Span // the span records are counted in
  na: Set<string>
  adjust: Map<string, any> | null
  scores: Map<string, Dec> // final scores of the items scored so far (R2)
  total?: Dec // known only after the tree (gates); inside the tree `total` reads 0 (§10 Scores)
  out: Map<string, Dec | 'na'>
  factCache: Map<string, unknown>
  poolCache: Map<string, Rec[]>
  quotaCache: Map<string, Dec>
}

function newRun(
  env: Env,
  facts: Map<string, unknown>,
  records: Map<string, unknown[]>,
  na: Set<string>,
  span: Span,
  adjust: Map<string, any> | null,
  periodRange?: Range,
): Run {
  return {
    env,
    facts,
    records,
    na,
    span,
    adjust,
    periodRange,
    scores: new Map(),
    out: new Map(),
    factCache: new Map(),
    poolCache: new Map(),
    quotaCache: new Map(),
  }
}

function factMap(...sources: unknown[]): Map<string, unknown> {
  const m = new Map<string, unknown>()
  for (const s of sources) {
    if (!isPlainObject(s)) continue
    for (const k of Object.keys(s)) if (s[k] !== undefined) m.set(k, s[k])
  }
  return m
}

function recordMap(...sources: unknown[]): Map<string, unknown[]> {
  const m = new Map<string, unknown[]>()
  for (const s of sources) {
    if (!isPlainObject(s)) continue
    for (const k of Object.keys(s)) {
      const list = s[k]
      if (Array.isArray(list)) m.set(k, [...(m.get(k) ?? []), ...list])
    }
  }
  return m
}

function naSet(...lists: unknown[]): Set<string> {
  const s = new Set<string>()
  for (const l of lists) if (Array.isArray(l)) for (const id of l) s.add(id)
  return s
}

function adjustmentMap(list: unknown): Map<string, any> {
  // §17: one adjustment per item; a later one replaces an earlier one.
  const m = new Map<string, any>()
  if (Array.isArray(list)) for (const a of list) m.set(a.item, a)
  return m
}

// ---------------------------------------------------------------------------------------------------------
// Reading facts (§5, §20)
// ---------------------------------------------------------------------------------------------------------

function factDecl(env: Env, name: string): any {
  const decl = env.rubric.facts?.[name]
  if (!decl) throw new Error(`reference: unknown fact ${name}`)
  return decl
}

/** §20: a missing fact may be read (as 0 / false / no value / no date) under missing: zero or required: false. */
function missingAllowed(env: Env, decl: any): boolean {
  return env.rubric.missing === 'zero' || decl.required === false
}

/** The range of a numeric fact: a rate [0, 1]; number/integer its min/max; a score [0, max] (§5). */
function checkFactRange(decl: any, x: Dec, what: string): void {
  let lo: Dec | undefined, hi: Dec | undefined
  if (decl.type === 'rate') (lo = ZERO), (hi = new D(1))
  else if (decl.type === 'score') (lo = ZERO), (hi = lit(decl.max))
  else {
    if (decl.min !== undefined) lo = lit(decl.min)
    if (decl.max !== undefined) hi = lit(decl.max)
  }
  if (lo !== undefined && x.lt(lo)) fail('EVIDENCE_OUT_OF_RANGE', `${what} = ${x} is below ${lo}`)
  if (hi !== undefined && x.gt(hi)) fail('EVIDENCE_OUT_OF_RANGE', `${what} = ${x} is above ${hi}`)
}

/** An evidence number when it is used: its places (EVIDENCE_PRECISION), range, then the exact range. */
function useNumber(decl: any, v: unknown, what: string): Dec {
  const x = checkPlaces(evidenceDecimal(v, what), what)
  checkFactRange(decl, x, what)
  return inRange(x)
}

/** A rate, number, integer (or single score) fact as a number; missing → 0 when allowed (§20). */
function readNumber(run: Run, name: string): Dec {
  if (isComputed(run.env, name)) return computedValue(run, name) // §5: read by name wherever a numeric fact is read
  const key = `n:${name}`
  if (run.factCache.has(key)) return run.factCache.get(key) as Dec
  const decl = factDecl(run.env, name)
  let x: Dec
  if (decl.type === 'score') {
    // §20: a score fact in a fact condition reads 0 when missing (allowed); a list is combined by its mean
    const vals = readScores(run, name, false)
    x = vals.length === 0 ? ZERO : vals.length === 1 ? vals[0]! : div(sum(vals), new D(vals.length))
  } else {
    const v = run.facts.get(name)
    if (v === undefined) {
      if (!missingAllowed(run.env, decl)) fail('EVIDENCE_MISSING', `fact ${name} is missing`)
      x = ZERO
    } else x = useNumber(decl, v, `fact ${name}`)
  }
  run.factCache.set(key, x)
  return x
}

/**
 * A score fact's values (§9 weighted, §5): one, or the list of a `many: true` fact. Missing: refused in a
 * weighted term even when allowed; elsewhere 0 (§20). A mapping is the linked rubric's evidence: that rubric
 * scores it (same subject id, same evaluation date) and its rounded total is used.
 */
function readScores(run: Run, name: string, inWeighted: boolean): Dec[] {
  const key = `s:${name}`
  const decl = factDecl(run.env, name)
  const v = run.facts.get(name)
  if (v === undefined) {
    if (inWeighted || !missingAllowed(run.env, decl)) fail('EVIDENCE_MISSING', `score fact ${name} is missing`)
    return [ZERO]
  }
  if (run.factCache.has(key)) return run.factCache.get(key) as Dec[]
  const element = (e: unknown, what: string): Dec => {
    if (isPlainObject(e)) return linkedScore(run, decl, e)
    return useNumber(decl, e, what)
  }
  const vals =
    decl.many === true && Array.isArray(v)
      ? v.map((e, i) => element(e, `fact ${name}[${i}]`))
      : [element(v, `fact ${name}`)]
  run.factCache.set(key, vals)
  return vals
}

function linkedScore(run: Run, decl: any, evidence: Record<string, unknown>): Dec {
  const links = run.env.links
  if (!links || !own(links, decl.rubric)) fail('EVIDENCE_INVALID', `no linked rubric ${decl.rubric}`)
  const nested = { ...evidence, id: run.env.subjectId }
  const asOf = run.env.asOf !== undefined ? showDay(run.env.asOf) : undefined
  const res = referenceEvaluate(links[decl.rubric], nested, asOf !== undefined ? { asOf, links } : { links })
  if (!res.ok) fail(res.code, `linked rubric ${decl.rubric} refused the evidence`)
  return new D(res.total)
}

function readBoolean(run: Run, name: string): boolean {
  const decl = factDecl(run.env, name)
  const v = run.facts.get(name)
  if (v === undefined) {
    if (!missingAllowed(run.env, decl)) fail('EVIDENCE_MISSING', `fact ${name} is missing`)
    return false
  }
  if (typeof v !== 'boolean') fail('EVIDENCE_INVALID', `fact ${name} must be true or false`)
  return v
}

function readEnum(run: Run, name: string): string | undefined {
  const decl = factDecl(run.env, name)
  const v = run.facts.get(name)
  if (v === undefined) {
    if (!missingAllowed(run.env, decl)) fail('EVIDENCE_MISSING', `fact ${name} is missing`)
    return undefined
  }
  return v as string
}

/** A date fact as a day number; absent (when allowed) → undefined; not a real date → EVIDENCE_INVALID. */
function readDate(run: Run, name: string): number | undefined {
  const decl = factDecl(run.env, name)
  const v = run.facts.get(name)
  if (v === undefined) {
    if (!missingAllowed(run.env, decl)) fail('EVIDENCE_MISSING', `fact ${name} is missing`)
    return undefined
  }
  const day = parseDay(v)
  if (day === null) fail('EVIDENCE_INVALID', `fact ${name} = ${String(v)} is not a real date`)
  return day
}

/** R4: a fact used as a count: not negative unless it declares min; its whole part (floor). */
function readCount(run: Run, name: string): Dec {
  const decl = isComputed(run.env, name) ? run.env.rubric.computed[name] : factDecl(run.env, name)
  const x = readNumber(run, name)
  if (x.isNegative() && !x.isZero() && decl.min === undefined)
    fail('EVIDENCE_OUT_OF_RANGE', `fact ${name} = ${x} is a count and must not be negative`)
  return x.floor()
}

// ---------------------------------------------------------------------------------------------------------
// Computed values (§5 "Computed values") and expressions: exact rationals
// ---------------------------------------------------------------------------------------------------------

/** An exact rational n / d, d > 0, in lowest terms (§5 "Exact arithmetic": sums, products, quotients exact). */
interface Q {
  n: bigint
  d: bigint
}

function bigAbs(x: bigint): bigint {
  return x < 0n ? -x : x
}

function gcd(a: bigint, b: bigint): bigint {
  a = bigAbs(a)
  b = bigAbs(b)
  while (b !== 0n) [a, b] = [b, a % b]
  return a
}

function q(n: bigint, d: bigint): Q {
  if (d === 0n) throw new Error('reference: a fraction with denominator 0')
  if (d < 0n) [n, d] = [-n, -d]
  const g = gcd(n, d)
  return g > 1n ? { n: n / g, d: d / g } : { n, d }
}

/** A decimal as a fraction: digits over a power of ten, exactly. */
function qOf(x: Dec): Q {
  const text = x.toFixed() // no exponent
  const m = /^(-?)([0-9]+)(?:\.([0-9]+))?$/.exec(text)
  if (!m) throw new Error(`reference: not a decimal: ${text}`)
  const frac = m[3] ?? ''
  const n = BigInt(m[2]! + frac)
  return q(m[1] === '-' ? -n : n, 10n ** BigInt(frac.length))
}

const qAdd = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d)
const qSub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d)
const qMul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d)
const qNeg = (a: Q): Q => ({ n: -a.n, d: a.d })
/** The sign of a − b. */
const qCmp = (a: Q, b: Q): number => {
  const x = a.n * b.d - b.n * a.d
  return x < 0n ? -1 : x > 0n ? 1 : 0
}

/**
 * The fraction rounded to `places` decimals with a mode of §19: half-up (halves away from zero), half-even,
 * half-down (halves toward zero), up (away from zero), down (toward zero), ceil (toward +∞), floor (toward −∞).
 */
function qRound(a: Q, places: number, mode: string): Dec {
  const scale = 10n ** BigInt(places)
  const num = a.n * scale
  const negative = num < 0n
  const mag = bigAbs(num)
  const whole = mag / a.d
  const rest = mag % a.d
  let away: boolean // one more unit of the last place, away from zero
  if (rest === 0n) away = false
  else {
    const half = 2n * rest === a.d ? 0 : 2n * rest > a.d ? 1 : -1
    switch (mode) {
      case 'half-up':
        away = half >= 0
        break
      case 'half-down':
        away = half > 0
        break
      case 'half-even':
        away = half > 0 || (half === 0 && whole % 2n === 1n)
        break
      case 'up':
        away = true
        break
      case 'down':
        away = false
        break
      case 'ceil':
        away = !negative
        break
      case 'floor':
        away = negative
        break
      default:
        throw new Error(`reference: unknown rounding mode ${mode}`)
    }
  }
  const m = whole + (away ? 1n : 0n)
  return new D((negative ? -m : m).toString()).div(new D(scale.toString())) // exact: a division by a power of ten
}

/** Whether the fraction is a decimal of at most `places` places. */
const qExactAt = (a: Q, places: number): boolean => (a.n * 10n ** BigInt(places)) % a.d === 0n

/**
 * Expressions (§5 "Expressions"): decimals, names, + - * /, parentheses, min(a, b, …), max(a, b, …), abs(a); `-`
 * also negates. The usual precedence: * and / before + and -, each left to right; a negation binds tighter.
 */
type Node =
  | { op: 'num'; value: Dec }
  | { op: 'name'; name: string }
  | { op: '+' | '-' | '*' | '/'; a: Node; b: Node }
  | { op: 'neg'; a: Node }
  | { op: 'min' | 'max' | 'abs'; args: Node[] }

const parsedExprs = new Map<string, Node>()

function parseExpression(text: string): Node {
  const cached = parsedExprs.get(text)
  if (cached) return cached
  const tokens = text.match(/[0-9]+(?:\.[0-9]+)?|[A-Za-z][A-Za-z0-9_]*|[-+*/(),]|\S/g) ?? []
  let i = 0
  const peek = () => tokens[i]
  const bad = (why: string): never => {
    throw new Error(`reference: cannot read the expression ${JSON.stringify(text)}: ${why}`)
  }
  const expect = (t: string) => (tokens[i] === t ? i++ : bad(`expected ${t} at token ${i}`))
  const sum = (): Node => {
    let a = product()
    while (peek() === '+' || peek() === '-') {
      const op = tokens[i++] as '+' | '-'
      a = { op, a, b: product() }
    }
    return a
  }
  const product = (): Node => {
    let a = unary()
    while (peek() === '*' || peek() === '/') {
      const op = tokens[i++] as '*' | '/'
      a = { op, a, b: unary() }
    }
    return a
  }
  const unary = (): Node => {
    if (peek() === '-') {
      i++
      return { op: 'neg', a: unary() }
    }
    return atom()
  }
  const atom = (): Node => {
    const t = peek()
    if (t === undefined) return bad('unexpected end')
    if (t === '(') {
      i++
      const inner = sum()
      expect(')')
      return inner
    }
    if (/^[0-9]/.test(t)) {
      i++
      return { op: 'num', value: new D(t) }
    }
    if (/^[A-Za-z]/.test(t)) {
      i++
      if (peek() !== '(') return { op: 'name', name: t }
      if (t !== 'min' && t !== 'max' && t !== 'abs') return bad(`${t} is not a function`)
      i++
      const args = [sum()]
      while (peek() === ',') {
        i++
        args.push(sum())
      }
      expect(')')
      if (t === 'abs' ? args.length !== 1 : args.length < 2) bad(`${t} with ${args.length} values`)
      return { op: t, args }
    }
    return bad(`unexpected ${t}`)
  }
  const node = sum()
  if (i !== tokens.length) bad(`unexpected ${tokens[i]}`)
  parsedExprs.set(text, node)
  return node
}

function isComputed(env: Env, name: string): boolean {
  return own(env.rubric.computed, name)
}

/** A name's value in an expression: a computed value, a fact (§20: missing → 0 when allowed) or a parameter. */
function nameValue(run: Run, name: string): Dec {
  if (isComputed(run.env, name) || own(run.env.rubric.facts, name)) return readNumber(run, name)
  if (run.env.params.has(name)) return num(run.env, { param: name })
  throw new Error(`reference: unknown name ${name} in an expression`)
}

/** The exact value of an expression; every operand is worked out; a divisor of 0 refuses the subject (§5). */
function exprValue(run: Run, text: string): Q {
  const walk = (n: Node): Q => {
    switch (n.op) {
      case 'num':
        return qOf(n.value)
      case 'name':
        return qOf(nameValue(run, n.name))
      case 'neg':
        return qNeg(walk(n.a))
      case 'abs': {
        const a = walk(n.args[0]!)
        return a.n < 0n ? qNeg(a) : a
      }
      case 'min':
      case 'max': {
        const xs = n.args.map(walk)
        return xs.reduce((a, b) => (n.op === 'min' ? (qCmp(b, a) < 0 ? b : a) : qCmp(b, a) > 0 ? b : a))
      }
      default: {
        const a = walk(n.a)
        const b = walk(n.b)
        if (n.op === '+') return qAdd(a, b)
        if (n.op === '-') return qSub(a, b)
        if (n.op === '*') return qMul(a, b)
        if (b.n === 0n) fail('EVIDENCE_DIVISION_BY_ZERO', `${text} divides by 0`)
        return q(a.n * b.d, a.d * b.n)
      }
    }
  }
  return walk(parseExpression(text))
}

/**
 * A computed value (§5): the exact value rounded once as `round` says (without it, exact: at most 6 places), then
 * within its min/max (EVIDENCE_OUT_OF_RANGE) and the exact range. Worked out when first read in the run, then kept.
 */
function computedValue(run: Run, name: string): Dec {
  const key = `c:${name}`
  if (run.factCache.has(key)) return run.factCache.get(key) as Dec
  const decl = run.env.rubric.computed[name]
  const exact = exprValue(run, decl.expr)
  let x: Dec
  if (decl.round !== undefined) x = qRound(exact, decl.round.places, decl.round.mode)
  else {
    if (!qExactAt(exact, 6)) throw new Error(`reference: computed value ${name} needs round (the rubric is invalid)`)
    x = qRound(exact, 6, 'down')
  }
  if (decl.min !== undefined && x.lt(lit(decl.min))) fail('EVIDENCE_OUT_OF_RANGE', `computed value ${name} = ${x} is below its min ${decl.min}`)
  if (decl.max !== undefined && x.gt(lit(decl.max))) fail('EVIDENCE_OUT_OF_RANGE', `computed value ${name} = ${x} is above its max ${decl.max}`)
  // §5, R4: a value that counts something (read as a count anywhere) is never negative unless it declares min
  if (decl.min === undefined && x.isNegative() && !x.isZero() && countNames(run.env).has(name))
    fail('EVIDENCE_OUT_OF_RANGE', `computed value ${name} = ${x} counts something and must not be negative`)
  inRange(x)
  run.factCache.set(key, x)
  return x
}

/** The names read as a count: a deductions entry's fact, a penalty's fact (§5, R4). */
function countNames(env: Env): Set<string> {
  if (env.countNames) return env.countNames
  const out = new Set<string>()
  const walk = (items: any[]) => {
    for (const it of items ?? []) {
      if (it.kind === 'section') walk(it.items)
      if (it.kind === 'deductions') for (const d of it.deductions ?? []) if (typeof d.fact === 'string') out.add(d.fact)
      if (it.kind === 'count' && typeof it.fact === 'string') out.add(it.fact)
    }
  }
  walk(env.rubric.items)
  for (const p of env.rubric.money?.penalties ?? []) if (typeof p.fact === 'string') out.add(p.fact)
  env.countNames = out
  return out
}

/**
 * §10 "Parameter switches": { param } holds when the boolean parameter is true; { param, is } when the boolean or
 * enum parameter equals the value; { param, in } when the enum parameter is one of the values.
 */
function paramCondition(run: Run, c: any): boolean {
  const p = run.env.params.get(c.param)
  if (!p || (p.type !== 'boolean' && p.type !== 'enum')) throw new Error(`reference: ${c.param} is not a boolean or enum parameter`)
  if (own(c, 'is') && p.value !== c.is) return false
  if (own(c, 'in') && !c.in.includes(p.value)) return false
  if (!own(c, 'is') && !own(c, 'in')) return p.value === true
  return true
}

/** §10 expr: the exact value compared with atLeast / atMost / above / below, with no rounding anywhere. */
function exprCondition(run: Run, c: any): boolean {
  const x = exprValue(run, c.expr)
  const env = run.env
  const cmp = (v: unknown) => qCmp(x, qOf(num(env, v)))
  if (own(c, 'atLeast') && !(cmp(c.atLeast) >= 0)) return false
  if (own(c, 'atMost') && !(cmp(c.atMost) <= 0)) return false
  if (own(c, 'above') && !(cmp(c.above) > 0)) return false
  if (own(c, 'below') && !(cmp(c.below) < 0)) return false
  return true
}

// ---------------------------------------------------------------------------------------------------------
// Records (§6, R3)
// ---------------------------------------------------------------------------------------------------------

function recordDecl(env: Env, type: string): any {
  const decl = env.rubric.records?.[type]
  if (!decl) throw new Error(`reference: unknown record type ${type}`)
  return decl
}

/**
 * The records of a type this run sees, checked when first used (ev §7: impossible dates and too many places show
 * up while scoring): date fields real dates, number fields at most 6 places and within the exact range. In a
 * rollup period only records dated in the period count (§15 step 1).
 */
function pool(run: Run, type: string, all = false): Rec[] {
  const cacheKey = all ? `${type}\u0000all` : type
  const cached = run.poolCache.get(cacheKey)
  if (cached) return cached
  const decl = recordDecl(run.env, type)
  const fields = decl.fields ?? {}
  const out: Rec[] = []
  for (const raw of (run.records.get(type) ?? []) as Record<string, unknown>[]) {
    for (const f of Object.keys(fields)) {
      const v = ownValue(raw, f)
      if (v === undefined) continue
      const t = fields[f].type
      if (t === 'date' && parseDay(v) === null) fail('EVIDENCE_INVALID', `${type}.${f} = ${String(v)} is not a real date`)
      if (t === 'number' || t === 'integer') inRange(checkPlaces(evidenceDecimal(v, `${type}.${f}`), `${type}.${f}`))
    }
    const rec: Rec = { raw }
    if (decl.date !== undefined) rec.day = parseDay(raw[decl.date])!
    // (next release) a count `within` a duration counts every record given, in a period too: its own window replaces the span
    if (!all && run.periodRange && rec.day !== undefined && (rec.day < run.periodRange.from || rec.day > run.periodRange.to))
      continue
    out.push(rec)
  }
  run.poolCache.set(cacheKey, out)
  return out
}

/** §6: only records dated within the assessed span count; a type without a date field is never filtered. */
function inSpan(run: Run, type: string): Rec[] {
  const span = run.span
  return pool(run, type).filter(
    (r) =>
      r.day === undefined ||
      ((span.from === undefined || r.day >= span.from) && (span.to === undefined || r.day <= span.to)),
  )
}

/** R3: equality of a record field's value with a value written in the rubric. */
function fieldEquals(fieldDecl: any, v: unknown, want: unknown): boolean {
  if (v === undefined) return false
  switch (fieldDecl?.type) {
    case 'number':
    case 'integer':
      if (typeof want !== 'number' && !(typeof want === 'string' && RUBRIC_DECIMAL.test(want))) return false
      return evidenceDecimal(v, 'field').eq(lit(want))
    case 'date': {
      const a = parseDay(v),
        b = parseDay(want)
      return a !== null && a === b
    }
    default:
      return v === want
  }
}

/** §6 where: every named field equals the value; a list means any of its values. */
function matches(env: Env, type: string, rec: Rec, where: any): boolean {
  if (!where) return true
  const fields = recordDecl(env, type).fields ?? {}
  for (const field of Object.keys(where)) {
    const want = where[field]
    const wants = Array.isArray(want) ? want : [want]
    const v = ownValue(rec.raw, field)
    if (!wants.some((w) => fieldEquals(fields[field], v, w))) return false
  }
  return true
}

/** R3: a de-duplication key compared by normalised value (numbers by value, dates by day). */
function pieceKey(env: Env, type: string, rec: Rec): string {
  const decl = recordDecl(env, type)
  const fd = decl.fields?.[decl.key]
  const v = ownValue(rec.raw, decl.key)
  switch (fd?.type) {
    case 'number':
    case 'integer':
      return `n:${evidenceDecimal(v, 'key').toString()}`
    case 'date':
      return `d:${parseDay(v)}`
    default:
      return `${typeof v}:${String(v)}`
  }
}

/** A value from a mapping keyed by field values (count `points.values`, reward `amounts`), by R3 equality. */
function lookupByValue(fieldDecl: any, v: unknown, mapping: Record<string, unknown>): string | undefined {
  if (v === undefined) return undefined
  for (const k of Object.keys(mapping)) {
    if (fieldDecl?.type === 'boolean') {
      if (String(v) === k) return k
    } else if (fieldEquals(fieldDecl, v, k)) return k
  }
  return undefined
}

function selectRecords(run: Run, type: string, where: any): Rec[] {
  return inSpan(run, type).filter((r) => matches(run.env, type, r, where))
}

function distinctCount(run: Run, type: string, recs: Rec[]): number {
  return new Set(recs.map((r) => pieceKey(run.env, type, r))).size
}

// ---------------------------------------------------------------------------------------------------------
// Quotas (§13)
// ---------------------------------------------------------------------------------------------------------

function quotaDecl(env: Env, id: string): any {
  const q = (env.rubric.quotas ?? []).find((x: any) => x.id === id)
  if (!q) throw new Error(`reference: unknown quota ${id}`)
  return q
}

/**
 * A subject's shortfall: required = overrides[subject id] else atLeast (its whole part); without `per`,
 * max(0, required − count) over the span; with `per`, the sum over every period of the unit that overlaps the
 * span (which must have both ends) of max(0, required − count in the period). `distinct` counts a piece once,
 * in the period of its first record in the evidence.
 */
function shortfall(run: Run, id: string): Dec {
  const cached = run.quotaCache.get(id)
  if (cached) return cached
  const env = run.env
  const q = quotaDecl(env, id)
  const requiredRaw = own(q.overrides, env.subjectId) ? q.overrides[env.subjectId] : q.atLeast
  const required = num(env, requiredRaw).floor()
  if (q.per !== undefined && (run.span.from === undefined || run.span.to === undefined))
    fail('OPTION_INVALID', `quota ${id} counts per ${q.per} and needs an assessed span`)
  let recs = selectRecords(run, q.records, q.where)
  // §13: distinct is true or a boolean parameter
  if (q.distinct === true || (isParamRef(q.distinct) && env.params.get(q.distinct.param)?.value === true)) {
    const seen = new Set<string>()
    recs = recs.filter((r) => {
      const k = pieceKey(env, q.records, r)
      if (seen.has(k)) return false
      seen.add(k)
      return true
    })
  }
  let s = ZERO
  if (q.per === undefined) {
    s = dmax(ZERO, sub(required, new D(recs.length)))
  } else {
    for (const key of periodsOverlapping(q.per, run.span.from!, run.span.to!)) {
      const p = periodRange(q.per, key)!
      const c = recs.filter((r) => r.day !== undefined && r.day >= p.from && r.day <= p.to).length
      s = add(s, dmax(ZERO, sub(required, new D(c))))
    }
  }
  run.quotaCache.set(id, s)
  return s
}

// ---------------------------------------------------------------------------------------------------------
// Conditions (§10)
// ---------------------------------------------------------------------------------------------------------

/** Evaluates a condition; `all` stops at the first failing part, `any` at the first holding part. */
function holds(run: Run, c: any): boolean {
  // §10 (next release): every part of all / any is decided, whatever the others give (no short cut).
  if (own(c, 'all')) return c.all.map((part: any) => holds(run, part)).every(Boolean)
  if (own(c, 'any')) return c.any.map((part: any) => holds(run, part)).some(Boolean)
  if (own(c, 'not')) return !holds(run, c.not)
  if (own(c, 'fact')) return factCondition(run, c)
  if (own(c, 'count')) return countCondition(run, c)
  if (own(c, 'quota')) return quotaCondition(run, c)
  if (own(c, 'date')) return dateCondition(run, c)
  if (own(c, 'span')) return spanCondition(run, c)
  if (own(c, 'order')) return orderCondition(run, c)
  if (own(c, 'score')) return scoreCondition(run, c)
  if (own(c, 'expr')) return exprCondition(run, c)
  if (own(c, 'param')) return paramCondition(run, c)
  throw new Error(`reference: unknown condition ${JSON.stringify(c)}`)
}

/** atLeast / atMost / above / below (and between for facts); every key given must hold. */
function compares(run: Run, x: Dec, c: any): boolean {
  const env = run.env
  if (own(c, 'between')) {
    const [lo, hi] = c.between
    if (x.lt(num(env, lo)) || x.gt(num(env, hi))) return false
  }
  if (own(c, 'atLeast') && !x.gte(num(env, c.atLeast))) return false
  if (own(c, 'atMost') && !x.lte(num(env, c.atMost))) return false
  if (own(c, 'above') && !x.gt(num(env, c.above))) return false
  if (own(c, 'below') && !x.lt(num(env, c.below))) return false
  return true
}

/** Fact comparisons: is / in for boolean, enum and numeric facts; the ordered comparisons for numeric ones. */
function factCondition(run: Run, c: any): boolean {
  const decl = isComputed(run.env, c.fact) ? { type: 'number' } : factDecl(run.env, c.fact)
  if (decl.type === 'boolean') {
    const v = readBoolean(run, c.fact)
    if (own(c, 'is') && v !== c.is) return false
    if (own(c, 'in') && !c.in.includes(v)) return false
    return true
  }
  if (decl.type === 'enum') {
    const v = readEnum(run, c.fact)
    if (v === undefined) return false // §20: no value, is/in fail
    if (own(c, 'is') && v !== c.is) return false
    if (own(c, 'in') && !c.in.includes(v)) return false
    return true
  }
  const x = readNumber(run, c.fact)
  if (own(c, 'is') && !x.eq(lit(c.is))) return false
  if (own(c, 'in') && !c.in.some((w: unknown) => x.eq(lit(w)))) return false
  return compares(run, x, c)
}

/**
 * Counting records: without `within`, the records in the span; with `within: d`, those dated after
 * (reference − d) and on or before the reference, the reference being the evaluation date, or the `before`
 * date fact (absent → the count is unknown and the condition fails).
 */
function countCondition(run: Run, c: any): boolean {
  const env = run.env
  let recs: Rec[]
  if (own(c, 'within')) {
    let ref: number | undefined
    if (own(c, 'before')) {
      ref = readDate(run, c.before)
      if (ref === undefined) return false
    } else {
      ref = env.asOf
      if (ref === undefined) fail('OPTION_INVALID', 'a count within a duration needs an evaluation date')
    }
    const after = addDuration(ref, c.within, -1, run.env)
    recs = pool(run, c.count, true).filter((r) => r.day !== undefined && r.day > after && r.day <= ref!)
    recs = recs.filter((r) => matches(env, c.count, r, c.where))
  } else recs = selectRecords(run, c.count, c.where)
  const n = c.distinct === true ? distinctCount(run, c.count, recs) : recs.length
  return compares(run, new D(n), c)
}

/** { quota, met }: met: true when the shortfall is 0, met: false when it is more. */
function quotaCondition(run: Run, c: any): boolean {
  const met = shortfall(run, c.quota).isZero()
  return c.met === false ? !met : met
}

/** A date X: "YYYY-MM-DD", a yearly "--MM-DD" (the year of the span's last day, else of the evaluation date), or a date parameter. */
function dateValue(run: Run, x: unknown): number {
  const env = run.env
  if (isParamRef(x)) {
    const p = env.params.get(x.param)
    if (!p || typeof p.value !== 'number') throw new Error(`reference: ${x.param} is not a date parameter`)
    return p.value
  }
  const yearly = typeof x === 'string' ? /^--([0-9]{2})-([0-9]{2})$/.exec(x) : null
  if (yearly) {
    const base = env.span.to ?? env.asOf
    if (base === undefined) fail('OPTION_INVALID', 'a yearly date needs an assessed span or an evaluation date')
    const y = civil(base)[0]
    const m = Number(yearly[1])
    const d = Math.min(Number(yearly[2]), daysInMonth(y, m)) // clamped to the month's end
    return dayOf(y, m, d)
  }
  const day = parseDay(x)
  if (day === null) throw new Error(`reference: bad date ${String(x)}`)
  return day
}

/** validFor: reference < date + d; heldFor: date + d ≤ reference; onOrBefore / onOrAfter. */
function dateCondition(run: Run, c: any): boolean {
  const env = run.env
  const needsRef = own(c, 'validFor') || own(c, 'heldFor')
  if (needsRef && !own(c, 'at') && env.asOf === undefined)
    fail('OPTION_INVALID', 'validFor and heldFor need an evaluation date')
  // Every limit is resolved (a yearly date needs a span end or an evaluation date) before the date is compared.
  const before = own(c, 'onOrBefore') ? dateValue(run, c.onOrBefore) : undefined
  const after = own(c, 'onOrAfter') ? dateValue(run, c.onOrAfter) : undefined
  const day = readDate(run, c.date)
  if (day === undefined) return false
  let ref = env.asOf
  if (needsRef && own(c, 'at')) {
    ref = readDate(run, c.at)
    if (ref === undefined) return false
  }
  if (own(c, 'validFor') && !(ref! < addDuration(day, c.validFor, 1, run.env))) return false
  if (own(c, 'heldFor') && !(addDuration(day, c.heldFor, 1, run.env) <= ref!)) return false
  if (before !== undefined && !(day <= before)) return false
  if (after !== undefined && !(day >= after)) return false
  return true
}

/** span: [start, end]; inclusive (default) uses end + 1 day; exclusive the end itself. */
function spanCondition(run: Run, c: any): boolean {
  const [a, b] = c.span
  const start = readDate(run, a)
  const end = readDate(run, b)
  if (start === undefined || end === undefined) return false
  const last = c.ends === 'exclusive' ? end : end + 1
  if (own(c, 'atLeast') && !(addDuration(start, c.atLeast, 1, run.env) <= last)) return false
  if (own(c, 'atMost') && !(last <= addDuration(start, c.atMost, 1, run.env))) return false
  return true
}

/** order: each date on or after the one before; any absent → fails. */
function orderCondition(run: Run, c: any): boolean {
  const days = (c.order as string[]).map((n) => readDate(run, n))
  if (days.some((d) => d === undefined)) return false
  for (let i = 1; i < days.length; i++) if (days[i]! < days[i - 1]!) return false
  return true
}

/** score: the exact score of `total` or an item (R2: inside the tree, items not yet scored and total read 0). */
function scoreCondition(run: Run, c: any): boolean {
  const x = c.score === 'total' ? (run.total ?? ZERO) : (run.scores.get(c.score) ?? ZERO)
  return compares(run, x, c)
}

// ---------------------------------------------------------------------------------------------------------
// The item tree (§8) and the leaf kinds (§9)
// ---------------------------------------------------------------------------------------------------------

type Res = { na: false; score: Dec } | { na: true; policy: 'zero' | 'rescale' }

function policyOf(env: Env, item: any): 'zero' | 'rescale' {
  return item.notApplicable ?? env.rubric.notApplicable ?? 'rescale'
}

const itemMin = (item: any): Dec => (item.min !== undefined ? lit(item.min) : ZERO)
const itemMax = (item: any): Dec => lit(item.max)

/**
 * §8 bonus: the most an item's score may be. max + bonus; a section without bonus passes on its items' bonuses
 * (max + Σ (ceiling − max) of its items); an item without bonus that is not a section: max.
 */
function itemHi(env: Env, item: any): Dec {
  const cached = env.his.get(item.id)
  if (cached) return cached
  let extra = ZERO
  if (item.bonus !== undefined) extra = lit(item.bonus)
  else if (item.kind === 'section') extra = sum((item.items ?? []).map((c: any) => sub(itemHi(env, c), itemMax(c))))
  const hi = add(itemMax(item), extra)
  env.his.set(item.id, hi)
  return hi
}

function record(run: Run, item: any, v: Dec | 'na'): void {
  run.out.set(item.id, v)
  run.scores.set(item.id, v === 'na' ? ZERO : v)
}

/**
 * §8 order for each item: marked 不適用 → 0 (and nothing inside is read); requires fails → otherwise; else the
 * rule (a section: the sum of its items, rescaled); kept within [min, max]; then a manual adjustment.
 */
function scoreItem(run: Run, item: any, insideNa: boolean): Res {
  if (insideNa || run.na.has(item.id)) {
    if (item.kind === 'section') for (const child of item.items ?? []) scoreItem(run, child, true)
    record(run, item, 'na')
    return { na: true, policy: policyOf(run.env, item) }
  }
  if (item.kind === 'section') return scoreSection(run, item)
  let pts: Dec
  if (item.requires !== undefined && !holds(run, item.requires)) pts = otherwise(item)
  else pts = leafRule(run, item)
  pts = clamp(pts, itemMin(item), itemHi(run.env, item))
  pts = applyAdjustment(run, item.id, pts, itemMin(item), itemHi(run.env, item))
  record(run, item, pts)
  return { na: false, score: pts }
}

function otherwise(item: any): Dec {
  return item.otherwise !== undefined ? lit(item.otherwise) : ZERO
}

/** A section: its items first (in order), then requires, the (rescaled) sum, bounds, adjustment. */
function scoreSection(run: Run, item: any): Res {
  const children = (item.items ?? []).map((c: any) => ({ item: c, res: scoreItem(run, c, false) }))
  if (children.length > 0 && children.every((c: any) => dropped(c.res))) {
    // §8: a section whose items are all dropped becomes 不適用 itself, treated by its own policy
    record(run, item, 'na')
    return { na: true, policy: policyOf(run.env, item) }
  }
  let pts: Dec
  if (item.requires !== undefined && !holds(run, item.requires)) pts = otherwise(item)
  else pts = sectionSum(children)
  pts = clamp(pts, itemMin(item), itemHi(run.env, item))
  pts = applyAdjustment(run, item.id, pts, itemMin(item), itemHi(run.env, item))
  record(run, item, pts)
  return { na: false, score: pts }
}

function dropped(res: Res): boolean {
  return res.na && res.policy === 'rescale'
}

/**
 * §8 不適用: `zero` items count 0 of their max; `rescale` items are dropped and the section is scaled back up:
 * sum × (Σ max of all items) ÷ (Σ max of the items not dropped), each step half-even to 6 places (R6).
 */
function sectionSum(children: { item: any; res: Res }[]): Dec {
  const total = sum(children.map((c) => (c.res.na ? ZERO : c.res.score)))
  if (!children.some((c) => dropped(c.res))) return total
  const allMax = sum(children.map((c) => itemMax(c.item)))
  const keptMax = sum(children.filter((c) => !dropped(c.res)).map((c) => itemMax(c.item)))
  if (keptMax.isZero()) return total
  return div(mul(total, allMax), keptMax)
}

/** §17: to / by; the adjusted value must lie within [min, max] (ADJUSTMENT_INVALID). */
function applyAdjustment(run: Run, id: string, pts: Dec, lo: Dec, hi: Dec): Dec {
  const a = run.adjust?.get(id)
  if (!a) return pts
  return adjusted(a, pts, lo, hi, id)
}

/** (next release) The least a total can be: 0, or the sum of the top-level items' min when that is negative. */
function totalMin(env: Env): Dec {
  const least = sum((env.rubric.items ?? []).map((it: any) => itemMin(it)))
  return least.lt(ZERO) ? least : ZERO
}

function adjusted(a: any, pts: Dec, lo: Dec, hi: Dec, id: string): Dec {
  const value = (v: unknown) => inRange(checkPlaces(evidenceDecimal(v, `adjustment of ${id}`), `adjustment of ${id}`))
  const v = a.to !== undefined ? value(a.to) : add(pts, value(a.by))
  if (v.lt(lo) || v.gt(hi)) fail('ADJUSTMENT_INVALID', `the adjustment of ${id} gives ${v}, outside [${lo}, ${hi}]`)
  return v
}

function leafRule(run: Run, item: any): Dec {
  switch (item.kind) {
    case 'check':
      return checkRule(run, item)
    case 'judged':
      return judgedRule(run, item)
    case 'deduct':
      return deductRule(run, item)
    case 'add':
      return addRule(run, item)
    case 'rated':
      return ratedRule(run, item)
    case 'bands':
      return bandsRule(run, item)
    case 'count':
      return countRule(run, item)
    case 'deductions':
      return deductionsRule(run, item)
    case 'weighted':
      return weightedRule(run, item)
    case 'quota':
      return quotaRule(run, item)
    default:
      throw new Error(`reference: unknown item kind ${item.kind}`)
  }
}

/** check: `points` (default max) when the condition holds, else `else` (default 0). */
function checkRule(run: Run, item: any): Dec {
  const cond = item.fact !== undefined ? { fact: item.fact, is: true } : item.when
  if (holds(run, cond)) return item.points !== undefined ? num(run.env, item.points) : itemMax(item)
  return item.else !== undefined ? num(run.env, item.else) : ZERO
}

/** judged: the fact's value; outside [min, max] clamped (default) or refused (outOfRange: error). */
function judgedRule(run: Run, item: any): Dec {
  const x = readNumber(run, item.fact)
  const lo = itemMin(item),
    hi = itemMax(item).plus(item.bonus !== undefined ? num(run.env, item.bonus) : 0)
  if (x.lt(lo) || x.gt(hi)) {
    if (item.outOfRange === 'error') fail('EVIDENCE_OUT_OF_RANGE', `judged ${item.id}: ${x} is outside [${lo}, ${hi}]`)
    return clamp(x, lo, hi)
  }
  return x
}

/**
 * deduct: gap = target − value (below) or value − target (above); no deduction when gap ≤ 0; else
 * steps = gap ÷ step (exact), deduction ⌈steps⌉ × points (ceil), ⌊steps⌋ × points (floor) or gap × points ÷ step
 * (exact); score = max(floor, from − deduction) (R1).
 */
function deductRule(run: Run, item: any): Dec {
  const env = run.env
  const x = readNumber(run, item.fact)
  const target = targetValue(run, item)
  const from = item.from !== undefined ? num(env, item.from) : itemMax(item)
  const floor = item.floor !== undefined ? num(env, item.floor) : itemMin(item)
  const gap = item.direction === 'above' ? sub(x, target) : sub(target, x)
  return dmax(floor, sub(from, stepAmount(env, item, gap)))
}

/**
 * The points for a gap beyond the target (deduct, add): 0 when gap ≤ 0; else ⌈steps⌉ × points (ceil), ⌊steps⌋ ×
 * points (floor) or gap × points ÷ step (exact), steps = gap ÷ step.
 */
function stepAmount(env: Env, item: any, gap: Dec): Dec {
  if (!gap.gt(0)) return ZERO
  const step = num(env, item.step)
  const points = num(env, item.points)
  const rounding = isParamRef(item.rounding) ? (env.params.get(item.rounding.param)!.value as string) : item.rounding
  if (rounding === 'exact') return div(mul(gap, points), step)
  // (next release) whole steps are counted on the exact quotient: a started step is a started step
  const steps = gap.div(step)
  return mul(rounding === 'ceil' ? steps.ceil() : steps.floor(), points)
}

/**
 * §9 "Targets that differ per subject": a number or parameter; `{ fact }`, the subject's value of a numeric fact or
 * computed value; `{ by, values }`, the target of the subject's tier (an enum fact): not given → EVIDENCE_MISSING.
 */
function targetValue(run: Run, item: any): Dec {
  const t = item.target
  if (isPlainObject(t) && typeof t.fact === 'string') return readNumber(run, t.fact)
  if (isPlainObject(t) && typeof t.by === 'string') {
    const tier = run.facts.get(t.by)
    if (tier === undefined) {
      factDecl(run.env, t.by)
      fail('EVIDENCE_MISSING', `item ${item.id}: the target depends on fact ${t.by}, which is not given`)
    }
    if (!own(t.values, tier as string)) throw new Error(`reference: no target for tier ${String(tier)}`)
    return num(run.env, (t.values as any)[tier as string])
  }
  return num(run.env, t)
}

/** add (§9): from (default 0) + the addition for the gap beyond the target (above by default, or below). */
function addRule(run: Run, item: any): Dec {
  const env = run.env
  const x = readNumber(run, item.fact)
  const target = targetValue(run, item)
  const gap = item.direction === 'below' ? sub(target, x) : sub(x, target)
  return add(item.from !== undefined ? num(env, item.from) : ZERO, stepAmount(env, item, gap))
}

/** rated (§9): the points of the rating given; none given (the missing policy allows it, §20) → 0. */
function ratedRule(run: Run, item: any): Dec {
  const rating = readEnum(run, item.fact)
  if (rating === undefined) return ZERO
  if (!own(item.points, rating)) throw new Error(`reference: rated item ${item.id} has no points for ${rating}`)
  return num(run.env, item.points[rating])
}

/** bands: the first band (in order) that contains the value; points, or times × value; none → EVIDENCE_NO_BAND. */
function bandsRule(run: Run, item: any): Dec {
  const env = run.env
  const x = readNumber(run, item.fact)
  for (const band of item.bands) {
    const edges: string = band.edges ?? '[)'
    if (band.from !== undefined) {
      const lo = num(env, band.from)
      if (edges[0] === '[' ? x.lt(lo) : x.lte(lo)) continue
    }
    if (band.to !== undefined) {
      const hi = num(env, band.to)
      if (edges[1] === ']' ? x.gt(hi) : x.gte(hi)) continue
    }
    return band.times !== undefined ? mul(num(env, band.times), x) : num(env, band.points)
  }
  fail('EVIDENCE_NO_BAND', `item ${item.id}: ${item.fact} = ${x} falls in no band`)
}

/**
 * count: records (in the span, matching where) × points, or points by a field; dedupe: one piece at its
 * highest points; or an integer fact × points (R4). Score = min(cap, sum).
 */
function countRule(run: Run, item: any): Dec {
  const env = run.env
  const cap = item.cap !== undefined ? num(env, item.cap) : itemMax(item)
  if (item.fact !== undefined) return dmin(cap, mul(num(env, item.points), readCount(run, item.fact)))
  const type = item.records
  const recs = selectRecords(run, type, item.where)
  const fields = recordDecl(env, type).fields ?? {}
  const pointsOf = (r: Rec): Dec => {
    const p = item.points
    if (isPlainObject(p) && own(p, 'by')) {
      const by = p.by as string
      const k = lookupByValue(fields[by], ownValue(r.raw, by), p.values as Record<string, unknown>)
      if (k === undefined) fail('EVIDENCE_INVALID', `item ${item.id}: no points for ${by} = ${String(r.raw[by])}`)
      return num(env, (p.values as any)[k])
    }
    return num(env, p)
  }
  let total: Dec
  if (item.dedupe === true) {
    const best = new Map<string, Dec>()
    for (const r of recs) {
      const k = pieceKey(env, type, r)
      const pts = pointsOf(r)
      const prev = best.get(k)
      best.set(k, prev === undefined ? pts : dmax(prev, pts))
    }
    total = sum([...best.values()])
  } else total = sum(recs.map(pointsOf))
  return dmin(cap, total)
}

/** deductions: max(floor, base − Σ min(cap, faults × points)) (R1); faults from a fact (R4) or records. */
function deductionsRule(run: Run, item: any): Dec {
  const env = run.env
  const base = item.base !== undefined ? num(env, item.base) : itemMax(item)
  const floor = item.floor !== undefined ? num(env, item.floor) : itemMin(item)
  let total = ZERO
  for (const d of item.deductions ?? []) {
    const faults = d.fact !== undefined ? readCount(run, d.fact) : new D(selectRecords(run, d.records, d.where).length)
    let amount = mul(faults, num(env, d.points))
    if (d.cap !== undefined) amount = dmin(num(env, d.cap), amount)
    total = add(total, amount)
  }
  return dmax(floor, sub(base, total))
}

/** weighted: Σ value × weight, each product half-even to 6 places; many scores combined first (mean by default). */
function weightedRule(run: Run, item: any): Dec {
  const env = run.env
  let total = ZERO
  for (const term of item.terms ?? []) {
    const decl = isComputed(env, term.fact) ? { type: 'number' } : factDecl(env, term.fact)
    let value: Dec
    if (decl.type === 'score') {
      const vals = readScores(run, term.fact, true)
      value = vals.length === 1 && decl.many !== true ? vals[0]! : combine(vals, term.combine ?? 'mean')
    } else value = readNumber(run, term.fact)
    total = add(total, mul(value, num(env, term.weight)))
  }
  return total
}

function combine(vals: Dec[], how: string): Dec {
  switch (how) {
    case 'sum':
      return sum(vals)
    case 'min':
      return vals.reduce((a, b) => dmin(a, b))
    case 'max':
      return vals.reduce((a, b) => dmax(a, b))
    case 'mean':
    default:
      return div(sum(vals), new D(vals.length))
  }
}

/** quota item: max(floor, max − points × shortfall) (R1). */
function quotaRule(run: Run, item: any): Dec {
  const env = run.env
  const floor = item.floor !== undefined ? num(env, item.floor) : itemMin(item)
  return dmax(floor, sub(itemMax(item), mul(num(env, item.points), shortfall(run, item.quota))))
}

/** The whole tree once: the top-level items like a section's, the total their (rescaled) sum (§8). */
function scoreTree(run: Run): Dec {
  const rubric = run.env.rubric
  const children = (rubric.items ?? []).map((c: any) => ({ item: c, res: scoreItem(run, c, false) }))
  if (children.length > 0 && children.every((c: any) => dropped(c.res))) return ZERO
  return sectionSum(children)
}

function applyTotalAdjustment(run: Run, total: Dec): Dec {
  return applyAdjustment(run, 'total', total, totalMin(run.env), lit(run.env.rubric.total))
}

// ---------------------------------------------------------------------------------------------------------
// Rollups (§15, §17)
// ---------------------------------------------------------------------------------------------------------

interface PeriodResult {
  key: string
  items: Map<string, Dec | 'na'>
  total: Dec
}

/** §20: with a rollup, a required fact missing when a period is scored is refused (EVIDENCE_MISSING). */
function requireFacts(run: Run): void {
  const env = run.env
  if (env.rubric.missing === 'zero') return
  const decls = env.rubric.facts ?? {}
  for (const name of Object.keys(decls))
    if (decls[name].required !== false && !run.facts.has(name)) fail('EVIDENCE_MISSING', `fact ${name} is missing`)
}

function intersect(span: Span, r: Range): Span {
  return {
    from: span.from === undefined ? r.from : Math.max(span.from, r.from),
    to: span.to === undefined ? r.to : Math.min(span.to, r.to),
  }
}

/**
 * §15: score the tree for each period of the first unit (facts overridden by the period's, records the subject's
 * plus the period's counted only in the period, 不適用 the union; no adjustments), skip periods wholly outside the
 * span, then combine level by level, each item on its own; the last level must leave a single period.
 */
function scoreRollup(env: Env, subject: any): { items: Map<string, Dec | 'na'>; total: Dec } {
  const levels = env.rubric.rollup as any[]
  const span = env.span
  let unit = levels[0].from as Unit
  const periods = subject.periods as Record<string, any>
  let present: PeriodResult[] = []
  const keys = Object.keys(periods).sort((a, b) => periodRange(unit, a)!.from - periodRange(unit, b)!.from)
  for (const key of keys) {
    const range = periodRange(unit, key)!
    if ((span.from !== undefined && range.to < span.from) || (span.to !== undefined && range.from > span.to)) continue
    const p = periods[key] ?? {}
    const run = newRun(
      env,
      factMap(subject.facts, p.facts),
      recordMap(subject.records, p.records),
      naSet(subject.notApplicable, p.notApplicable),
      intersect(span, range),
      null,
      range,
    )
    requireFacts(run)
    const total = scoreTree(run)
    present.push({ key, items: run.out, total })
  }

  for (const level of levels) {
    const to = level.to as Unit
    // the periods of this unit the groups need: within the span (both ends known), else within the groups given
    let needed: string[]
    if (span.from !== undefined && span.to !== undefined) needed = periodsOverlapping(unit, span.from, span.to)
    else {
      needed = []
      const groups = [...new Set(present.map((p) => periodKey(to, periodRange(unit, p.key)!.from)))]
      for (const g of groups) {
        const gr = intersect(span, periodRange(to, g)!)
        if (gr.from! <= gr.to!) needed.push(...periodsOverlapping(unit, gr.from!, gr.to!))
      }
    }
    const have = new Set(present.map((p) => p.key))
    const missing = needed.filter((k) => !have.has(k))
    if (missing.length > 0 && (level.missing ?? 'error') === 'error')
      fail('EVIDENCE_INVALID', `periods missing for the rollup: ${missing.join(', ')}`)
    const groups = new Map<string, PeriodResult[]>()
    for (const p of present) {
      const g = periodKey(to, periodRange(unit, p.key)!.from)
      groups.set(g, [...(groups.get(g) ?? []), p])
    }
    present = [...groups.entries()]
      .sort((a, b) => periodRange(to, a[0])!.from - periodRange(to, b[0])!.from)
      .map(([g, members]) => combinePeriods(env, g, members, isParamRef(level.combine) ? String(env.params.get(level.combine.param)!.value) : level.combine))
    unit = to
  }
  if (present.length !== 1) fail('EVIDENCE_INVALID', `the rollup leaves ${present.length} periods, not one`)
  return { items: present[0]!.items, total: present[0]!.total }
}

/** Each item on its own: sum, mean (half-even to 6 places), min, max or last; 不適用 periods left out. */
function combinePeriods(env: Env, key: string, members: PeriodResult[], how: string): PeriodResult {
  const pick = (vals: Dec[]): Dec => {
    switch (how) {
      case 'last':
        return vals[vals.length - 1]!
      default:
        return combine(vals, how)
    }
  }
  const items = new Map<string, Dec | 'na'>()
  for (const item of env.postOrder) {
    const vals = members.map((m) => m.items.get(item.id)).filter((v): v is Dec => v !== undefined && v !== 'na')
    items.set(item.id, vals.length === 0 ? 'na' : pick(vals))
  }
  return { key, items, total: pick(members.map((m) => m.total)) }
}

/**
 * §17 with a rollup: adjustments apply to the combined result, with the same bound check; when any applies,
 * every section not itself adjusted is recomputed as the plain sum of its items, kept within [min, max]
 * (no 不適用 rescaling); the total likewise unless it is adjusted itself.
 */
function adjustRollup(env: Env, subject: any, items: Map<string, Dec | 'na'>, total: Dec): Dec {
  const adjust = adjustmentMap(subject.adjustments)
  if (adjust.size === 0) return total
  const adjustedIds = new Set<string>()
  let any = false
  for (const item of env.postOrder) {
    const a = adjust.get(item.id)
    if (!a) continue
    const v = items.get(item.id)
    if (v === undefined || v === 'na') continue // an adjustment of an item 不適用 has no effect
    items.set(item.id, adjusted(a, v, itemMin(item), itemHi(env, item), item.id))
    adjustedIds.add(item.id)
    any = true
  }
  const totalAdj = adjust.get('total')
  if (!any && !totalAdj) return total
  for (const item of env.postOrder) {
    if (item.kind !== 'section' || adjustedIds.has(item.id) || items.get(item.id) === 'na') continue
    const s = sum((item.items ?? []).map((c: any) => items.get(c.id)).map((v: any) => (v === 'na' || !v ? ZERO : v)))
    items.set(item.id, clamp(s, itemMin(item), itemHi(env, item)))
  }
  if (totalAdj) return adjusted(totalAdj, total, totalMin(env), lit(env.rubric.total), 'total')
  return sum((env.rubric.items ?? []).map((c: any) => items.get(c.id)).map((v: any) => (v === 'na' || !v ? ZERO : v)))
}

// ---------------------------------------------------------------------------------------------------------
// Gates, thresholds, quotas, money (§11–14): worked out only for the errors they can raise (§22 steps 6–8)
// ---------------------------------------------------------------------------------------------------------

function afterScoring(run: Run, rounded: Dec): { shortfalls: Record<string, string>; standing: RefStanding } {
  const env = run.env
  const rubric = env.rubric
  // §11 gates: without bars, ineligible; with bars, those grades barred (bars: [] advisory); with lowers, n places down
  let eligible = true
  const barred = new Set<string>()
  let lowered = 0
  for (const gate of rubric.gates ?? []) {
    if (holds(run, gate.when)) continue
    if (gate.lowers !== undefined) lowered += Number(gate.lowers)
    else if (gate.bars === undefined) eligible = false
    else for (const g of gate.bars) barred.add(g)
  }
  // §12 threshold grade: in order, skipping barred grades and grades that have a ranked quota
  let threshold: string | null = null
  const quotaGrades = new Set((rubric.grades?.quotas ?? []).map((q: any) => q.grade))
  if (rubric.grades?.thresholds) {
    // (next release) every threshold's prerequisite is decided, whatever the total: the same inputs for every subject
    const req = rubric.grades.thresholds.map((t: any) => (t.requires !== undefined && !quotaGrades.has(t.grade) ? holds(run, t.requires) : true))
    rubric.grades.thresholds.forEach((t: any, i: number) => {
      if (threshold !== null || quotaGrades.has(t.grade) || barred.has(t.grade)) return
      if (t.min !== undefined && rounded.lt(num(env, t.min))) return
      if (req[i]) threshold = t.grade
    })
  }
  const num0 = (v: unknown) => (v === undefined ? undefined : num(env, v))
  const quotas: RefQuota[] = (rubric.grades?.quotas ?? []).map((q: any) => ({
    grade: q.grade,
    ...(q.count !== undefined && (typeof q.count !== 'object' || isParamRef(q.count)) ? { count: num(env, q.count) } : {}),
    ...(q.count !== undefined && typeof q.count === 'object' && !isParamRef(q.count) ? { min: num(env, q.count.min), max: num(env, q.count.max) } : {}),
    ...(q.share !== undefined ? { share: num(env, q.share), shareRounding: q.shareRounding } : {}),
    take: q.take ?? 'max',
    from: q.from ?? 'top',
    ...(q.minScore !== undefined ? { minScore: num0(q.minScore) } : {}),
    ties: q.ties ?? 'within-range',
    keepPlace: q.ineligible === 'keep-place',
  }))
  const findings = (rubric.findings ?? []).map((f: any) => (f.when !== undefined ? holds(run, f.when) : factText(run, f.fact)))
  const standing: RefStanding = { eligible, barred: [...barred], lowered, threshold, quotas, findings }
  // §12 Groups: a subject that does not give the fact forms a group of its own ('') — not a missing-evidence error
  if (rubric.grades?.groupBy !== undefined) standing.group = (run.facts.get(rubric.grades.groupBy) as string | undefined) ?? ''
  // §13 quotas: every quota of the subject is listed in its result
  const shortfalls: Record<string, string> = {}
  for (const q of rubric.quotas ?? []) shortfalls[q.id] = show(shortfall(run, q.id))
  // §14 money
  const money = rubric.money
  if (money) {
    for (const r of money.rewards ?? []) rewardTotal(run, r)
    for (const p of money.penalties ?? []) {
      const amount = num(env, p.amount)
      if (p.quota !== undefined) mul(amount, shortfall(run, p.quota))
      else mul(amount, readCount(run, p.fact))
    }
  }
  return { shortfalls, standing }
}

function rewardTotal(run: Run, r: any): Dec {
  const env = run.env
  const fields = recordDecl(env, r.records).fields ?? {}
  const recs = selectRecords(run, r.records, r.where)
  const amountOf = (rec: Rec): Dec => {
    const k = lookupByValue(fields[r.category], ownValue(rec.raw, r.category), r.amounts)
    if (k === undefined) fail('EVIDENCE_INVALID', `reward ${r.id}: no amount for ${String(rec.raw[r.category])}`)
    return num(env, r.amounts[k])
  }
  if (r.dedupe !== true) return sum(recs.map(amountOf))
  const best = new Map<string, Dec>()
  for (const rec of recs) {
    const k = pieceKey(env, r.records, rec)
    const a = amountOf(rec)
    const prev = best.get(k)
    best.set(k, prev === undefined ? a : dmax(prev, a))
  }
  return sum([...best.values()])
}

// ---------------------------------------------------------------------------------------------------------
// One subject (§22)
// ---------------------------------------------------------------------------------------------------------

/** §19: the total rounded once to `places` with the rubric's mode. */
function roundTotal(x: Dec, rounding: any): string {
  const places = rounding?.places ?? 2
  const modes: Record<string, Decimal.Rounding> = {
    'half-up': D.ROUND_HALF_UP,
    'half-even': D.ROUND_HALF_EVEN,
    'half-down': D.ROUND_HALF_DOWN,
    up: D.ROUND_UP,
    down: D.ROUND_DOWN,
    ceil: D.ROUND_CEIL,
    floor: D.ROUND_FLOOR,
  }
  const mode = modes[rounding?.mode ?? 'half-up']
  if (mode === undefined) throw new Error(`reference: unknown rounding mode ${rounding?.mode}`)
  const r = x.toDecimalPlaces(places, mode)
  return (r.isZero() ? new D(0) : r).toFixed(places)
}

function evaluateSubject(rubric: any, subject: any, options: RefOptions): RefDetails {
  const env = makeEnv(rubric, subject, options) // §22 steps 1–2
  precheckSubject(env, subject) // step 3

  const usePeriods = env.rollup && subject.periods !== undefined
  let items: Map<string, Dec | 'na'>
  let total: Dec
  let run: Run
  if (usePeriods) {
    // step 4 with a rollup; gates and the rest use the subject-level evidence over the whole span (§15)
    const r = scoreRollup(env, subject)
    items = r.items
    total = adjustRollup(env, subject, items, r.total)
    run = newRun(
      env,
      factMap(subject.facts),
      recordMap(subject.records),
      naSet(subject.notApplicable),
      env.span,
      null,
    )
    for (const [id, v] of items) run.scores.set(id, v === 'na' ? ZERO : v)
  } else {
    run = newRun(
      env,
      factMap(subject.facts),
      recordMap(subject.records),
      naSet(subject.notApplicable),
      env.span,
      adjustmentMap(subject.adjustments),
    )
    if (env.rollup) requireFacts(run)
    total = applyTotalAdjustment(run, scoreTree(run)) // step 4
    items = run.out
  }
  const rounded = roundTotal(total, rubric.rounding) // step 5
  run.total = total
  const { shortfalls, standing } = afterScoring(run, new D(rounded)) // steps 6–8

  // step 8: the self-assessment (not with a rollup, §15): facts overridden one by one, records replaced when
  // given, the same 不適用 items, no adjustments; its errors stop the subject (§16), its score does not count.
  let selfTotal: string | undefined
  if (subject.self !== undefined && !usePeriods) {
    const self = subject.self
    const selfRun = newRun(
      env,
      factMap(subject.facts, self.facts),
      self.records !== undefined ? recordMap(self.records) : recordMap(subject.records),
      naSet(subject.notApplicable),
      env.span,
      null,
    )
    selfTotal = roundTotal(scoreTree(selfRun), rubric.rounding)
  }

  const out: Record<string, string> = {}
  for (const item of env.postOrder) {
    const v = items.get(item.id)
    out[item.id] = v === undefined || v === 'na' ? '0' : show(v)
  }
  const outcome: RefOutcome = { ok: true, total: rounded, exactTotal: show(total), items: out }
  return selfTotal !== undefined ? { outcome, selfTotal, shortfalls, standing } : { outcome, shortfalls, standing }
}

// ---------------------------------------------------------------------------------------------------------
// Grades over a cohort (§11, §12): ranks, ranked quotas, thresholds, ineligibility, lowering
// ---------------------------------------------------------------------------------------------------------

export interface RefGraded {
  rank: number
  grade: string | null
}

/**
 * The ranks and grades of a cohort (§12 "How it works"), from each scored subject's published total and standing.
 * Refused subjects are not in the cohort. Ranks are competition ranks within each group (§12 Groups).
 */
export function referenceGrades(rubric: any, cohort: { id: string; total: string; standing: RefStanding }[]): Map<string, RefGraded> {
  const out = new Map<string, RefGraded>()
  const order: string[] = rubric.grades?.order ?? []
  const groups = new Map<string | undefined, typeof cohort>()
  for (const s of cohort) {
    const g = groups.get(s.standing.group)
    if (g) g.push(s)
    else groups.set(s.standing.group, [s])
  }
  for (const members of groups.values()) {
    const total = new Map(members.map((m) => [m.id, new D(m.total)]))
    const quotaGrade = new Map<string, string>() // the quota grade given; a place kept empty (keep-place) gives none
    for (const q of cohort[0]?.standing.quotas ?? []) {
      let min: number
      let max: number
      if (q.share !== undefined) {
        const x = q.share.times(members.length)
        const k = q.shareRounding === 'floor' ? x.floor() : q.shareRounding === 'ceil' ? x.ceil() : x.toDecimalPlaces(0, D.ROUND_HALF_UP)
        min = max = k.toNumber()
      } else if (q.count !== undefined) min = max = q.count.toNumber()
      else {
        min = q.min!.toNumber()
        max = q.max!.toNumber()
      }
      const wanted = q.take === 'min' ? min : max
      const can = (m: (typeof members)[number]) => m.standing.eligible && !m.standing.barred.includes(q.grade)
      const candidates = members
        .filter((m) => !quotaGrade.has(m.id) && (q.keepPlace || can(m)))
        .filter((m) => q.minScore === undefined || (q.from === 'top' ? total.get(m.id)!.gte(q.minScore) : total.get(m.id)!.lte(q.minScore)))
        .sort((a, b) => (q.from === 'top' ? total.get(b.id)!.cmp(total.get(a.id)!) : total.get(a.id)!.cmp(total.get(b.id)!)))
      let taken: typeof members
      if (candidates.length < min) taken = candidates
      else {
        const n = Math.min(wanted, candidates.length)
        taken = candidates.slice(0, n)
        if (n > 0 && n < candidates.length && total.get(candidates[n - 1]!.id)!.eq(total.get(candidates[n]!.id)!)) {
          const t = total.get(candidates[n - 1]!.id)!
          const before = candidates.filter((m) => !total.get(m.id)!.eq(t) && taken.includes(m))
          const tied = candidates.filter((m) => total.get(m.id)!.eq(t))
          const all = [...before, ...tied]
          taken = q.ties === 'include' ? all : q.ties === 'exclude' ? before : before.length + tied.length <= max ? all : before.length >= min ? before : all
        }
      }
      // a subject that cannot have the grade takes up its place and stays without a quota grade, so a later quota
      // may still take it ("the candidates are the … subjects that have no quota grade yet")
      for (const m of taken) if (can(m)) quotaGrade.set(m.id, q.grade)
    }
    for (const m of members) {
      const t = total.get(m.id)!
      const rank = 1 + members.filter((o) => total.get(o.id)!.gt(t)).length
      let grade: string | null
      let movable = true
      if (!m.standing.eligible) {
        grade = rubric.grades?.ineligible ?? null
        movable = false
      } else if (quotaGrade.has(m.id)) grade = quotaGrade.get(m.id)!
      else grade = m.standing.threshold
      if (movable && grade !== null && m.standing.lowered > 0) grade = order[Math.min(order.indexOf(grade) + m.standing.lowered, order.length - 1)]!
      out.set(m.id, { rank, grade })
    }
  }
  return out
}
