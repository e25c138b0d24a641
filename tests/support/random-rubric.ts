/**
 * Random rubrics and evidence for kaoping's differential fuzz test.
 *
 * `rubricArb()` gives rubrics (plain data, as if parsed from YAML) that are valid by construction: every name they
 * reference is declared, maxima add up (a `cap: true` section's items add up to at least its max), bands cover their
 * fact's domain without gaps or overlaps, every compared or targeted value lies in its fact's domain, a `score`
 * condition inside the item tree names only an item scored earlier in post-order (never the item itself, an ancestor
 * or `total`), and deduct points / steps, deductions points / caps and quota item points are never negative (nor can a
 * parameter override make them so). About 40% of rubrics declare computed values (`computed:`) that items and
 * conditions read by name, and some conditions are `expr` conditions: a computed value's declared min/max holds every
 * value valid evidence gives it (interval arithmetic over the declared ranges of what it reads), `round` is given
 * whenever the expression multiplies or divides, and a divisor is never 0 for valid evidence (see "computed values
 * and expressions" below). `caseArb()` adds evaluation options (asOf, period, and parameter overrides with
 * valid values only) and a cohort of 1–8 subjects with unique ids.
 *
 * Evidence:
 * - About a third of the subjects are "plain": id, name, facts and records only, every declared fact given, numbers
 *   as numbers. That is the shape `Evaluator.totals` scores on its generated fast path; the other subjects vary
 *   everything (decimal strings, facts left out where allowed, 不適用 items and sections, adjustments, self, periods).
 * - About one subject in ten is invalid in exactly one way that every path must refuse (a required fact missing, a
 *   rate of 1.2, a surely-read value with 7 decimal places, an unknown fact, an adjustment outside the item's bounds,
 *   a judged score outside an `outOfRange: error` item, a divisor of 0 in an expression every path reads, …). `RandomCase.invalid` lists them with the reason; every
 *   other subject is valid and scores on every path.
 *
 * Bonus beyond max (docs §8 `bonus`): an item may give up to max + bonus; a section without bonus passes on its items'
 * bonuses (its ceiling is max + Σ (ceiling − max) of its items), a section with bonus caps them together. Maxima still
 * add up by `max` (a `cap: true` section's items to at least its max), and every value that must not exceed an
 * item's max (check points, band points, count cap, deduct/add `from`, deductions base, otherwise, a rated item's
 * points without bonus) stays within max; a rated item with bonus gives at most max + bonus. Targets of deduct and
 * add (docs §9) are a number or parameter in the fact's domain, `{ fact }` (a numeric fact or computed value), or
 * `{ by, values }` naming every value of an enum fact, each target in the fact's domain; that enum fact is never
 * left out by a valid subject (a missing tier is refused whatever the missing policy: invalid reason tier-missing).
 *
 * What the generator avoids on purpose (behaviour the docs leave open or kaoping handles surprisingly; see the
 * report that came with this file): `where` on `number` record fields (compared with ===, so "2.50" ≠ 2.5); leaving
 * out a zeroable number fact whose domain excludes 0 (read as 0 anyway, then no band / out of range); negative
 * number facts counted by deductions or penalties ("whole part" of −2.7); `by` adjustments on rollup results.
 * Bonus: never on or under a `cap: true` section (docs §8 say both "capped at its max" and "passes on the bonus of
 * its items"); no `by` adjustment of `total` when items have a bonus.
 * Computed values are read by deduct, add, bands and judged items, weighted terms, `{ fact }` targets and fact
 * conditions. Computed values read as a count (a deductions entry, a penalty) are either never negative for valid evidence (a
 * declared min ≥ 0, or a range that stays ≥ 0) or declare no min at all: a negative value is then refused
 * (EVIDENCE_OUT_OF_RANGE) when it is worked out; such a value ("count computed") is read by nothing else, the items
 * reading it have no prerequisite, and the evidence is checked with an exact evaluator here (valid subjects keep it
 * ≥ 0; invalid reason negative-count). A computed value with a negative min is never read as a count (whole part).
 *
 * Everything is deterministic given fast-check's seed: the random choices come from a small PRNG seeded by values
 * fast-check generates (never Math.random). The rubric, the options and each subject have their own seeds, so
 * fast-check shrinks a failing case by dropping subjects while keeping the rubric, and `buildCase(rubricSeed,
 * optionsSeed, subjectSeeds)` rebuilds any case from the seeds in a counterexample.
 *
 * Numbers are handled internally as integers in millionths ("micros": 0.875 is 875000), exactly as kaoping does.
 */
import fc from 'fast-check'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>

// =====================================================================================================================
// Public types
// =====================================================================================================================

export type InvalidReason =
  | 'missing-required-fact'
  | 'rate-out-of-range'
  | 'too-many-decimals'
  | 'unknown-fact'
  | 'adjustment-out-of-bounds'
  | 'judged-out-of-range'
  | 'number-out-of-range'
  | 'integer-as-string'
  | 'enum-value-unknown'
  | 'unknown-not-applicable-item'
  | 'record-without-date'
  | 'division-by-zero'
  | 'negative-count'
  | 'tier-missing'

export interface InvalidSubject {
  subject: string
  reason: InvalidReason
  detail: string
}

export interface RandomCase {
  /** The rubric as plain data (as if parsed from YAML). */
  rubric: Record<string, unknown>
  /** A cohort of 1–8 subjects' evidence, unique ids. */
  subjects: Record<string, unknown>[]
  /** Evaluation options; params hold valid overrides only. */
  options: { asOf?: string; period?: { from: string; to: string }; params?: Record<string, unknown> }
  /** Subjects whose evidence is deliberately invalid in one way: every path must refuse them. */
  invalid: InvalidSubject[]
  /** The seeds the case was built from: `buildCase(seeds.rubric, seeds.options, seeds.subjects)` rebuilds it. */
  seeds: { rubric: number; options: number; subjects: number[] }
}

// =====================================================================================================================
// Random source
// =====================================================================================================================

/** mulberry32: a small deterministic PRNG. */
export class Rng {
  private s: number
  constructor(seed: number) {
    this.s = (seed ^ 0x9e3779b9) >>> 0
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    if (hi <= lo) return lo
    return lo + Math.floor(this.next() * (hi - lo + 1))
  }
  bool(p = 0.5): boolean {
    return this.next() < p
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.next() * a.length)]!
  }
  weighted<T>(pairs: readonly (readonly [number, T])[]): T {
    let total = 0
    for (const [w] of pairs) total += w
    let x = this.next() * total
    for (const [w, v] of pairs) {
      if (x < w) return v
      x -= w
    }
    return pairs[pairs.length - 1]![1]
  }
  shuffle<T>(a: readonly T[]): T[] {
    const out = [...a]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      ;[out[i], out[j]] = [out[j]!, out[i]!]
    }
    return out
  }
  /** n distinct elements (all of them when n ≥ length), in random order. */
  sample<T>(a: readonly T[], n: number): T[] {
    return this.shuffle(a).slice(0, Math.max(0, n))
  }
  fork(): Rng {
    return new Rng(Math.floor(this.next() * 4294967296))
  }
}

// =====================================================================================================================
// Exact decimals (micros) and dates
// =====================================================================================================================

const M = 1_000_000

/** The shortest decimal text of a micro value: 875000 → "0.875", -2500000 → "-2.5". */
export function decText(m: number): string {
  const neg = m < 0
  const a = Math.abs(m)
  const ip = Math.floor(a / M)
  const fp = a - ip * M
  let s = String(ip)
  if (fp) s += '.' + String(fp).padStart(6, '0').replace(/0+$/, '')
  return (neg ? '-' : '') + s
}

/** A decimal (number or decimal string) as micros; undefined when it is not one. */
export function parseDec(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.round(v * M) : undefined
  if (typeof v !== 'string') return undefined
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(v.trim())
  if (!m) return undefined
  const frac = (m[3] ?? '').padEnd(6, '0')
  if (frac.length > 6 && /[1-9]/.test(frac.slice(6))) return undefined
  const x = Number(m[2]) * M + Number(frac.slice(0, 6))
  return m[1] === '-' ? -x : x
}

const PLACE_WEIGHTS: readonly (readonly [number, number])[] = [
  [5, 0],
  [5, 1],
  [4, 2],
  [2, 3],
  [1, 4],
  [1, 5],
  [1, 6],
]

/** A random multiple of 10^-places (places random up to maxPlaces) in [lo, hi] (micros). */
function randMicro(r: Rng, lo: number, hi: number, maxPlaces = 6): number {
  if (hi <= lo) return lo
  let p = Math.min(maxPlaces, r.weighted(PLACE_WEIGHTS))
  for (; p <= 6; p++) {
    const u = 10 ** (6 - p)
    const kLo = Math.ceil(lo / u)
    const kHi = Math.floor(hi / u)
    if (kLo <= kHi) return r.int(kLo, kHi) * u
  }
  return lo
}

/** The largest multiple of 10^-places (micros) at or below x (a real number; a float's error is allowed for). */
function floorAt(x: number, places: number): number {
  const u = 10 ** (6 - places)
  return Math.floor(((x - 1e-9 * (1 + Math.abs(x))) * M) / u) * u
}

/** The smallest multiple of 10^-places (micros) at or above x. */
function ceilAt(x: number, places: number): number {
  const u = 10 ** (6 - places)
  return Math.ceil(((x + 1e-9 * (1 + Math.abs(x))) * M) / u) * u
}

/** A rubric number: mostly a YAML number, sometimes a decimal string (trailing zeros, a leading +). */
function lit(r: Rng, m: number, stringP = 0.2): number | string {
  if (!r.bool(stringP)) return Number(decText(m))
  let s = decText(m)
  if (r.bool(0.25)) s = s.includes('.') ? s + '0' : s + '.0'
  if (m > 0 && r.bool(0.1)) s = '+' + s
  return s
}

/** An evidence number: a number, or a decimal string (no leading +), sometimes with trailing zeros. */
function evNum(r: Rng, m: number, stringP = 0.4): number | string {
  if (!r.bool(stringP)) return Number(decText(m))
  let s = decText(m)
  if (r.bool(0.2) && s.split('.')[1]?.length !== 6) s = s.includes('.') ? s + '0' : s + '.00'
  return s
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

function ymd(day: number): { y: number; m: number; d: number } {
  const z = day + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d }
}

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
const dim = (y: number, m: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!)
const day = (y: number, m: number, d: number) => daysFromCivil(y, m, d)

export function dayOf(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1 || d > dim(y, mo)) return undefined
  return daysFromCivil(y, mo, d)
}

export function dayText(d: number): string {
  const { y, m, d: dd } = ymd(d)
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`
}

type Duration = { years?: number; months?: number; days?: number }

/** day + duration (years and months first, clamping the day of month; then days), as kaoping defines it. */
function addDur(d: number, dur: Duration, sign = 1): number {
  const { y, m, d: dd } = ymd(d)
  const total = y * 12 + (m - 1) + sign * ((dur.years ?? 0) * 12 + (dur.months ?? 0))
  const ny = Math.floor(total / 12)
  const nm = (total % 12) + 1
  return daysFromCivil(ny, nm, Math.min(dd, dim(ny, nm))) + sign * (dur.days ?? 0)
}

type Unit = 'month' | 'quarter' | 'half' | 'year'
const UNITS: readonly Unit[] = ['month', 'quarter', 'half', 'year']
const UNIT_MONTHS: Record<Unit, number> = { month: 1, quarter: 3, half: 6, year: 12 }

function periodKey(d: number, unit: Unit): string {
  const { y, m } = ymd(d)
  if (unit === 'month') return `${y}-${String(m).padStart(2, '0')}`
  if (unit === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`
  if (unit === 'half') return `${y}-H${m <= 6 ? 1 : 2}`
  return `${y}`
}

/** First and last day of the period of `unit` containing day d. */
function periodOf(d: number, unit: Unit): { from: number; to: number } {
  const { y, m } = ymd(d)
  const n = UNIT_MONTHS[unit]
  const first = Math.floor((m - 1) / n) * n + 1
  const last = first + n - 1
  return { from: day(y, first, 1), to: day(y, last, dim(y, last)) }
}

function periodsBetween(from: number, to: number, unit: Unit): { key: string; from: number; to: number }[] {
  const out: { key: string; from: number; to: number }[] = []
  let d = from
  while (d <= to) {
    const p = periodOf(d, unit)
    out.push({ key: periodKey(d, unit), ...p })
    d = p.to + 1
  }
  return out
}

// =====================================================================================================================
// Vocabularies
// =====================================================================================================================

/** Subject ids a case draws from (quota overrides and subjects.list name them too). */
export const SUBJECT_POOL = ['fengxian', 'peixian', 'suining', 'pizhou', 'xinyi', 'tongshan', 'gulou', 'yunlong', 'quanshan', 'jiawang'] as const
const KEY_POOL = ['p1', 'p2', 'p3', 'p4', 'p5']
const STRING_POOL = ['甲', '乙', 'alpha', 'beta']
const ENUM_POOLS = [
  ['province', 'city', 'county', 'town'],
  ['district', 'city-party', 'province-party', 'national-web'],
  ['優', '良', '中', '差'],
  ['a', 'b', 'c'],
]
const GRADE_SETS = [
  ['優秀', '良好', '合格', '不合格'],
  ['先進', '合格', '不合格'],
  ['A', 'B', 'C', 'D'],
  ['excellent', 'good', 'pass'],
]
const REASONS = ['複核發現臺賬缺三月記錄', '遲報', '材料補充後複核', 'recheck']
const APPROVERS = ['市統計局考評小組', '張三', 'panel']
const ROUNDING_MODES = ['half-up', 'half-even', 'half-down', 'up', 'down', 'ceil', 'floor'] as const
const DURATIONS: Duration[] = [{ years: 1 }, { years: 2 }, { years: 3 }, { months: 6 }, { months: 1 }, { days: 7 }, { days: 30 }, { years: 1, months: 2, days: 3 }, { months: 13 }, { days: 365 }]

// =====================================================================================================================
// The rubric builder
// =====================================================================================================================

interface FactMeta {
  type: string
  lo?: number
  hi?: number
  values?: string[]
  max?: number
  many?: boolean
}

/**
 * A computed value: its declared min/max (micros; undefined when not declared, and then its domain is open on that
 * side), and the range [wlo, whi] (micros) its rounded value lies in for valid evidence (worked out by interval
 * arithmetic over the declared ranges of the facts and parameters it reads; always within the declared min/max).
 */
interface CompMeta {
  lo?: number
  hi?: number
  wlo: number
  whi: number
}

/**
 * An expression being built: its text, the interval its exact value lies in (as real numbers, not micros; for valid
 * evidence), whether it multiplies or divides (then `round` is required), and its precedence (0 a sum, 1 a product,
 * 2 an atom, a negation or a function call) for parentheses.
 */
interface Ex {
  text: string
  lo: number
  hi: number
  muldiv: boolean
  prec: 0 | 1 | 2
}

interface RecMeta {
  fields: Record<string, string>
  date?: string
  key?: string
  enumField: string
  enumValues: string[]
}

interface Done {
  id: string
  min: number
  max: number
  /** max + bonus (for a section without bonus, max + its items' extra). */
  hi: number
}

type Scope = 'tree' | 'outside'
type Kind = 'check' | 'judged' | 'deduct' | 'add' | 'bands' | 'count' | 'deductions' | 'weighted' | 'quota' | 'rated'

class RubricBuilder {
  readonly params: Obj = {}
  readonly facts: Obj = {}
  readonly fmeta = new Map<string, FactMeta>()
  readonly records: Obj = {}
  readonly rmeta = new Map<string, RecMeta>()
  readonly quotas: Obj[] = []
  /** Computed values (`computed:`), with what valid evidence makes of them (see `computedValue`). */
  readonly computed: Obj = {}
  readonly cmeta = new Map<string, CompMeta>()
  /** Whether this rubric declares computed values (about 30% of rubrics). */
  computedOn = false
  /** Items already scored, in post-order (a score condition inside the tree may name only these). */
  readonly scored: Done[] = []
  /** Each item's ceiling (max + bonus; a section without bonus: max + its items' extra), micros, by id. */
  readonly hiOf = new Map<string, number>()
  /** Set while building a leaf that reads a count computed value (one that may be negative): it gets no prerequisite. */
  private noRequires = false
  private n = 0
  private leaves = 0
  needsSpan = false
  readonly year: number
  readonly maxLeaves: number
  readonly paramP: number
  total = 0

  constructor(readonly r: Rng) {
    this.year = r.weighted([
      [6, 2017],
      [2, 2020],
      [1, 2016],
      [1, 2023],
    ])
    this.maxLeaves = r.weighted([
      [2, r.int(1, 3)],
      [5, r.int(3, 12)],
      [3, r.int(8, 20)],
      [1, r.int(15, 25)],
    ])
    this.paramP = r.pick([0, 0.08, 0.18, 0.3])
  }

  id(prefix: string): string {
    return `${prefix}-${++this.n}`
  }
  name(prefix: string): string {
    return `${prefix}${++this.n}`
  }

  // --- params --------------------------------------------------------------------------------------------------------

  /** A number position: the literal, or (sometimes) a parameter whose overrides stay within [lo, hi]. */
  value(m: number, c: { lo?: number; hi?: number } = {}, paramP = this.paramP): number | string | Obj {
    if (this.r.bool(paramP)) return { param: this.numParam(m, c) }
    return lit(this.r, m)
  }

  numParam(m: number, c: { lo?: number; hi?: number } = {}): string {
    const { r } = this
    const types: string[] = ['number', 'number']
    if ((c.lo === undefined || c.lo <= 0) && (c.hi === undefined || c.hi >= M) && m >= 0 && m <= M) types.push('rate', 'rate')
    if (m % M === 0 && (c.lo === undefined || Math.ceil(c.lo / M) * M <= m) && (c.hi === undefined || Math.floor(c.hi / M) * M >= m)) types.push('integer')
    const type = r.pick(types)
    const name = this.name(type === 'rate' ? 'rateP' : type === 'integer' ? 'intP' : 'numP')
    const decl: Obj = { type }
    if (type === 'rate') decl.default = lit(r, m)
    else if (type === 'integer') {
      decl.default = m / M
      if (c.lo !== undefined) decl.min = Math.ceil(c.lo / M)
      else if (m >= 0 && r.bool(0.5)) decl.min = 0
      if (c.hi !== undefined) decl.max = Math.floor(c.hi / M)
    } else {
      decl.default = lit(r, m)
      if (c.lo !== undefined) decl.min = lit(r, c.lo)
      else if (m >= 0 && r.bool(0.5)) decl.min = 0
      if (c.hi !== undefined) decl.max = lit(r, c.hi)
    }
    if (r.bool(0.4)) decl.title = `參數${name}`
    if (r.bool(0.15)) decl.note = 'The source text leaves this open; the default follows the usual practice.'
    this.params[name] = decl
    return name
  }

  /** A boolean parameter with this default (a quota's distinct, when the source leaves it open). */
  boolParam(v: boolean): string {
    const name = this.name('flagP')
    this.params[name] = { type: 'boolean', default: v, ...(this.r.bool(0.3) ? { title: '一稿多用只計一次' } : {}) }
    return name
  }

  /** An integer parameter with this default (a ranked quota's count set per year). */
  intParam(v: number): string {
    const name = this.name('intP')
    this.params[name] = { type: 'integer', default: v, min: 0, ...(this.r.bool(0.3) ? { title: '名額' } : {}) }
    return name
  }

  dateParam(d: number): string {
    const name = this.name('dateP')
    this.params[name] = { type: 'date', default: dayText(d), ...(this.r.bool(0.3) ? { title: '截止日期' } : {}) }
    return name
  }

  roundingParam(): string {
    const name = this.name('roundP')
    this.params[name] = { type: 'rounding', default: this.r.pick(['ceil', 'floor', 'exact']), title: '不足一步時的扣分' }
    return name
  }

  // --- facts ---------------------------------------------------------------------------------------------------------

  /**
   * A fact of this type: an existing one (reuse probability) or a new one. `nonNeg`: its declared min is ≥ 0;
   * `domain`: 'need' = number/integer with both min and max declared, 'any' = either.
   */
  fact(type: string, o: { reuse?: number; nonNeg?: boolean; domain?: 'need' | 'any' | 'none' } = {}): string {
    const { r } = this
    const domain = o.domain ?? 'any'
    if (r.bool(o.reuse ?? 0.4)) {
      const cands = [...this.fmeta].filter(([, m]) => {
        if (m.type !== type) return false
        if (type !== 'number' && type !== 'integer') return true
        if (o.nonNeg && (m.lo === undefined || m.lo < 0)) return false
        if (domain === 'need' && (m.lo === undefined || m.hi === undefined)) return false
        if (domain === 'none' && (m.lo !== undefined || m.hi !== undefined)) return false
        return true
      })
      if (cands.length) return r.pick(cands)[0]
    }
    const meta: FactMeta = { type }
    const decl: Obj = { type }
    const prefix = { boolean: 'flag', rate: 'rate', number: 'num', integer: 'int', date: 'day', enum: 'level', score: 'score' }[type] ?? 'fact'
    const name = this.name(prefix)
    if (type === 'number') {
      const declare = domain === 'need' || (domain === 'any' && r.bool(0.75))
      if (declare) {
        const lo = o.nonNeg ? r.pick([0, 0, M, M / 2]) : r.pick([0, 0, -10 * M, M, -5.5 * M])
        const hi = lo + r.pick([M, 3 * M, 5 * M, 10 * M, 20 * M, 100 * M, 7.5 * M, 2.25 * M])
        const which = domain === 'need' ? 'both' : r.weighted([
          [8, 'both'],
          [1, 'min'],
          [1, 'max'],
        ] as const)
        if (which !== 'max' || o.nonNeg) {
          decl.min = lit(r, lo)
          meta.lo = lo
        }
        if (which !== 'min') {
          decl.max = lit(r, hi)
          meta.hi = hi
        }
      } else if (o.nonNeg) {
        decl.min = 0
        meta.lo = 0
      }
    } else if (type === 'integer') {
      const declare = domain === 'need' || (domain === 'any' && r.bool(0.75))
      const lo = o.nonNeg ? r.pick([0, 0, 1]) : r.pick([0, 0, 1, -5])
      if (declare) {
        const hi = lo + r.pick([3, 5, 10, 20, 100])
        decl.min = lo
        decl.max = hi
        meta.lo = lo * M
        meta.hi = hi * M
      } else if (o.nonNeg || r.bool(0.5)) {
        decl.min = lo
        meta.lo = lo * M
      }
    } else if (type === 'enum') {
      const pool = r.pick(ENUM_POOLS)
      const values = pool.slice(0, r.int(2, pool.length))
      decl.values = values
      meta.values = values
    } else if (type === 'score') {
      const max = r.pick([100 * M, 100 * M, 10 * M, 5.5 * M, 120 * M])
      decl.rubric = r.pick(['hubei-archives-agency-2011', 'sub-rubric'])
      decl.max = lit(r, max)
      meta.max = max
      if (r.bool(0.45)) {
        decl.many = true
        meta.many = true
      } else if (r.bool(0.1)) decl.many = false
    }
    decl.title = `${{ boolean: '是否', rate: '比率', number: '數值', integer: '件數', date: '日期', enum: '級別', score: '得分' }[type] ?? '事實'}${name}`
    if (r.bool(0.15)) decl.required = false
    else if (r.bool(0.04)) decl.required = true
    if (r.bool(0.1)) decl.source = '三(一)2'
    this.facts[name] = decl
    this.fmeta.set(name, meta)
    return name
  }

  /** A new number or integer fact with exactly this declared domain (undefined ends: not declared). */
  factWithDomain(type: 'number' | 'integer' | 'rate', lo: number | undefined, hi: number | undefined): string {
    const name = this.name(type === 'rate' ? 'rate' : type === 'number' ? 'num' : 'int')
    const decl: Obj = { type, title: `評分${name}` }
    const meta: FactMeta = { type }
    if (type !== 'rate') {
      if (lo !== undefined) {
        decl.min = type === 'integer' ? lo / M : lit(this.r, lo)
        meta.lo = lo
      }
      if (hi !== undefined) {
        decl.max = type === 'integer' ? hi / M : lit(this.r, hi)
        meta.hi = hi
      }
    }
    if (this.r.bool(0.15)) decl.required = false
    this.facts[name] = decl
    this.fmeta.set(name, meta)
    return name
  }

  /**
   * The values a numeric fact (or computed value) can take (micros); unbounded ends are undefined. For a computed
   * value, [wlo, whi] is the range valid evidence gives it (within the declared domain).
   */
  domain(f: string): { lo?: number; hi?: number; type: string; wlo?: number; whi?: number } {
    const c = this.cmeta.get(f)
    if (c) return { lo: c.lo, hi: c.hi, type: 'number', wlo: c.wlo, whi: c.whi }
    const m = this.fmeta.get(f)!
    if (m.type === 'rate') return { lo: 0, hi: M, type: 'rate' }
    return { lo: m.lo, hi: m.hi, type: m.type }
  }

  /** A value inside a fact's domain (unbounded ends: a working range around the bounded one). */
  valueIn(f: string, places = 3): number {
    const d = this.domain(f)
    const lo = d.wlo ?? d.lo ?? (d.hi !== undefined ? d.hi - 20 * M : -20 * M)
    const hi = d.whi ?? d.hi ?? lo + 120 * M
    if (d.type === 'integer') return this.r.int(Math.ceil(lo / M), Math.floor(hi / M)) * M
    return randMicro(this.r, lo, hi, places)
  }

  // --- computed values and expressions (docs §5 "Computed values", §10 "Arithmetic compared exactly: expr") ----------
  //
  // An expression reads numeric facts with a declared (bounded) range, number/integer/rate parameters with declared
  // bounds, decimals and earlier computed values, so that interval arithmetic gives the range of its exact value for
  // valid evidence; a computed value's declared min/max (when given) contains that range rounded outwards, so valid
  // evidence never breaks it. Divisors are a positive decimal, a fact or parameter whose range starts at 1 or more,
  // or an integer fact whose range starts at 0 ("zero divisor": valid evidence never gives it 0, see `nonZero` in
  // analyzeRubric; an invalid subject may, reason division-by-zero). A divisor is always a single name or decimal, so
  // analyzeRubric finds divisors as the token after "/". Never a cycle: a computed value reads only earlier ones.

  /** A live computed value (read by items or conditions; valid evidence keeps it within its range), or undefined. */
  someComputed(): string | undefined {
    const names = [...this.cmeta.keys()]
    return names.length ? this.r.pick(names) : undefined
  }

  private exprLeaf(): Ex {
    const { r } = this
    const live = [...this.cmeta.keys()]
    const kind = r.weighted([
      [6, 'fact'],
      [2, 'param'],
      [2, 'literal'],
      [live.length ? 3 : 0, 'computed'],
    ] as const)
    const atom = (text: string, lo: number, hi: number): Ex => ({ text, lo, hi, muldiv: false, prec: 2 })
    if (kind === 'computed') {
      const name = r.pick(live)
      const c = this.cmeta.get(name)!
      return atom(name, c.wlo / M, c.whi / M)
    }
    if (kind === 'param') {
      const lo = r.pick([0, 0, -5 * M, M])
      return this.exprParam(lo, lo + r.pick([M, 10 * M, 100 * M]))
    }
    if (kind === 'literal') {
      const m = r.weighted<() => number>([
        [3, () => r.int(0, 10) * M],
        [3, () => randMicro(r, 0, 100 * M, 2)],
        [1, () => randMicro(r, 0, M, 6)],
      ])()
      return atom(decText(m), m / M, m / M)
    }
    const type = r.weighted([
      [4, 'number'],
      [3, 'rate'],
      [3, 'integer'],
      [1, 'score'],
    ] as const)
    if (type === 'score') {
      const single = [...this.fmeta].filter(([, m]) => m.type === 'score' && !m.many)
      let f: string
      if (single.length && r.bool(0.5)) f = r.pick(single)[0]
      else {
        f = this.name('score')
        const max = r.pick([100 * M, 10 * M, 5.5 * M])
        this.facts[f] = { type: 'score', rubric: 'sub-rubric', max: lit(r, max), title: `得分${f}` }
        this.fmeta.set(f, { type: 'score', max })
      }
      return atom(f, 0, this.fmeta.get(f)!.max! / M)
    }
    const f = this.fact(type, { reuse: 0.5, domain: 'need' })
    const d = this.domain(f)
    return atom(f, d.lo! / M, d.hi! / M)
  }

  /** A number, integer or rate parameter whose value (default and every override) stays within [lo, hi] (micros). */
  private exprParam(lo: number, hi: number): Ex {
    const m = randMicro(this.r, lo, hi, 2)
    const name = this.numParam(m, { lo, hi })
    const rate = this.params[name].type === 'rate'
    return { text: name, lo: rate ? 0 : lo / M, hi: rate ? 1 : hi / M, muldiv: false, prec: 2 }
  }

  /** A divisor: a positive decimal, a fact or parameter of at least 1, or (sometimes) an integer fact whose range starts at 0. */
  private exprDivisor(): Ex {
    const { r } = this
    const atom = (text: string, lo: number, hi: number): Ex => ({ text, lo, hi, muldiv: false, prec: 2 })
    const kind = r.weighted([
      [4, 'literal'],
      [4, 'fact'],
      [2, 'param'],
      [4, 'zero-fact'],
    ] as const)
    if (kind === 'literal') {
      const t = r.pick(['2', '3', '4', '7', '8', '10', '100', '1.5', '2.5', '12', '1'])
      return atom(t, Number(t), Number(t))
    }
    if (kind === 'param') return this.exprParam(M, r.pick([2, 5, 10, 20]) * M)
    if (kind === 'fact') {
      const cands = [...this.fmeta].filter(([, m]) => (m.type === 'number' || m.type === 'integer') && m.lo !== undefined && m.lo >= M && m.hi !== undefined)
      let f: string
      if (cands.length && r.bool(0.4)) f = r.pick(cands)[0]
      else {
        const type = r.pick(['integer', 'integer', 'number'] as const)
        const lo = type === 'integer' ? r.pick([1, 1, 2, 5]) * M : r.pick([M, M, 1_500_000, 10 * M])
        f = this.factWithDomain(type, lo, lo + r.pick([3, 9, 19, 99]) * M)
      }
      const d = this.domain(f)
      return atom(f, d.lo! / M, d.hi! / M)
    }
    const cands = [...this.fmeta].filter(([, m]) => m.type === 'integer' && m.lo === 0 && m.hi !== undefined && m.hi >= M)
    const f = cands.length && r.bool(0.5) ? r.pick(cands)[0] : this.factWithDomain('integer', 0, r.pick([1, 3, 5, 10]) * M)
    return atom(f, 1, this.domain(f).hi! / M)
  }

  /** An expression over numeric facts, parameters, decimals and earlier computed values (depth 0: the whole of it). */
  expression(depth = 0): Ex {
    const { r } = this
    const deep = depth >= 2
    const kind = r.weighted([
      [depth === 0 ? 1 : 6, 'leaf'],
      [deep ? 0 : 4, 'add'],
      [deep ? 0 : 2, 'mul'],
      [deep ? 0 : depth === 0 ? 6 : 4, 'div'],
      [deep ? 0 : 1, 'neg'],
      [deep ? 0 : 2, 'minmax'],
      [deep ? 0 : 1, 'abs'],
    ] as const)
    // parentheses where the grammar needs them, and now and then where it does not
    const wrap = (e: Ex, need: 0 | 1 | 2) => (e.prec < need || r.bool(0.08) ? `(${e.text})` : e.text)
    const corners = (xs: number[]) => ({ lo: Math.min(...xs), hi: Math.max(...xs) })
    const sub = () => this.expression(depth + 1)
    switch (kind) {
      case 'leaf':
        return this.exprLeaf()
      case 'add': {
        const [a, b] = [sub(), sub()]
        const op = r.pick(['+', '-'])
        const iv = op === '+' ? { lo: a.lo + b.lo, hi: a.hi + b.hi } : { lo: a.lo - b.hi, hi: a.hi - b.lo }
        return { text: `${wrap(a, 0)} ${op} ${wrap(b, 1)}`, ...iv, muldiv: a.muldiv || b.muldiv, prec: 0 }
      }
      case 'mul': {
        const a = sub()
        const b = r.bool(0.5) ? this.exprLeaf() : sub()
        const iv = corners([a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi])
        if (Math.max(Math.abs(iv.lo), Math.abs(iv.hi)) > 1e5) return { text: `${wrap(a, 0)} + ${wrap(b, 1)}`, lo: a.lo + b.lo, hi: a.hi + b.hi, muldiv: a.muldiv || b.muldiv, prec: 0 }
        return { text: `${wrap(a, 1)} * ${wrap(b, 2)}`, ...iv, muldiv: true, prec: 1 }
      }
      case 'div': {
        const a = sub()
        const b = this.exprDivisor()
        return { text: `${wrap(a, 1)} / ${b.text}`, ...corners([a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi]), muldiv: true, prec: 1 }
      }
      case 'neg': {
        const a = sub()
        return { text: `-${wrap(a, 2)}`, lo: -a.hi, hi: -a.lo, muldiv: a.muldiv, prec: 2 }
      }
      case 'abs': {
        const a = sub()
        const iv = a.lo >= 0 ? { lo: a.lo, hi: a.hi } : a.hi <= 0 ? { lo: -a.hi, hi: -a.lo } : { lo: 0, hi: Math.max(-a.lo, a.hi) }
        return { text: `abs(${a.text})`, ...iv, muldiv: a.muldiv, prec: 2 }
      }
      default: {
        const fn = r.pick(['min', 'max'] as const)
        const args = Array.from({ length: r.weighted([
          [4, 2],
          [1, 3],
        ]) }, sub)
        const los = args.map((x) => x.lo)
        const his = args.map((x) => x.hi)
        const iv = fn === 'min' ? { lo: Math.min(...los), hi: Math.min(...his) } : { lo: Math.max(...los), hi: Math.max(...his) }
        return { text: `${fn}(${args.map((x) => x.text).join(r.bool(0.2) ? ',' : ', ')})`, ...iv, muldiv: args.some((x) => x.muldiv), prec: 2 }
      }
    }
  }

  /** A whole expression of moderate size (|value| ≤ 10^6 for valid evidence), sometimes written without spaces. */
  topExpression(): Ex {
    let e = this.expression(0)
    if (Math.max(Math.abs(e.lo), Math.abs(e.hi)) > 1e6) e = this.exprLeaf()
    if (this.r.bool(0.15)) e = { ...e, text: e.text.replace(/ /g, '') }
    return e
  }

  /** Declares a computed value that items and conditions read; valid evidence keeps it within its declared range. */
  declareComputed(): string {
    const { r } = this
    const name = this.name('calc')
    const e = this.topExpression()
    const decl: Obj = { title: `計算值${name}`, expr: e.text }
    let places = 6
    if (e.muldiv || r.bool(0.25)) {
      places = r.int(0, 6)
      decl.round = { places, mode: r.pick(ROUNDING_MODES) }
    }
    const meta: CompMeta = { wlo: floorAt(e.lo, places), whi: ceilAt(e.hi, places) }
    const which = r.weighted([
      [9, 'both'],
      [3, 'min'],
      [3, 'max'],
      [5, 'none'],
    ] as const)
    const slack = () => (r.bool(0.5) ? 0 : randMicro(r, 0, 5 * M, r.pick([0, 1, 2])))
    if (which === 'both' || which === 'min') {
      meta.lo = meta.wlo - slack()
      decl.min = lit(r, meta.lo)
    }
    if (which === 'both' || which === 'max') {
      meta.hi = meta.whi + slack()
      decl.max = lit(r, meta.hi)
    }
    if (r.bool(0.1)) decl.source = '三(一)2'
    if (r.bool(0.05)) decl.note = 'The method defines the rate as done ÷ task.'
    this.computed[name] = decl
    this.cmeta.set(name, meta)
    return name
  }

  /**
   * A computed value to read as a count (docs §5: a count may not be negative unless it declares min): one of the
   * live values that valid evidence never makes negative (a declared min ≥ 0, or no min and a range that stays ≥ 0;
   * never a negative min, whose "whole part" the docs leave open), or else a new "count computed" value: an
   * expression shifted so that its sign varies (E − k, k inside E's range), no min, read by nothing but counts.
   * Valid evidence keeps a count computed value ≥ 0 (the evidence builder evaluates it exactly); the items that read
   * it get no prerequisite, so that whether it is worked out is known.
   */
  countComputed(): string {
    const { r } = this
    const safe = [...this.cmeta].filter(([, c]) => (c.lo !== undefined ? c.lo >= 0 : c.wlo >= 0)).map(([n]) => n)
    if (safe.length && r.bool(0.45)) return r.pick(safe)
    const name = this.name('cnt')
    const e = this.topExpression()
    // k near the low third of E's values at sample points (parameters at their defaults), so that valid evidence
    // gives E − k both signs; the interval's middle when no sample divides without 0
    const samples = Array.from({ length: 5 }, () => this.sampleExpr(e.text)).filter((x): x is number => x !== undefined).sort((a, b) => a - b)
    const k = samples.length ? floorAt(samples[Math.floor((samples.length - 1) / 3)]! / M, 2) : randMicro(r, Math.max(-1e5 * M, floorAt(e.lo, 2)), Math.min(1e5 * M, ceilAt(e.hi, 2)), 2)
    const text = k >= 0 ? `${e.text} - ${decText(k)}` : `${e.text} + ${decText(-k)}`
    const decl: Obj = { title: `計數${name}`, expr: r.bool(0.15) ? text.replace(/ /g, '') : text }
    let places = 6
    if (e.muldiv || r.bool(0.25)) {
      places = r.int(0, 6)
      decl.round = { places, mode: r.pick(ROUNDING_MODES) }
    }
    if (r.bool(0.3)) decl.max = lit(r, ceilAt(e.hi - k / M, places) + (r.bool(0.5) ? 0 : randMicro(r, 0, 5 * M, 1)))
    this.computed[name] = decl
    this.noRequires = true
    return name
  }

  /** E's value (micros, rounded down to 6 places) at a random point of the facts' domains, parameters at their defaults. */
  sampleExpr(text: string): number | undefined {
    const seen = new Map<string, Rat | undefined>()
    const value = (t: string): Rat | undefined => {
      if (seen.has(t)) return seen.get(t)
      let v: Rat | undefined
      const c = this.computed[t] as Obj | undefined
      if (c !== undefined) {
        const m = roundComputed(c, exprRat(c.expr, value))
        v = m === undefined ? undefined : { n: m, d: BigInt(M) }
      } else if (this.fmeta.has(t)) {
        const f = this.fmeta.get(t)!
        v = ratOfMicros(f.type === 'score' ? randMicro(this.r, 0, f.max!, 2) : this.valueIn(t, 2))
      } else v = ratOfMicros(parseDec(this.params[t].default)!)
      seen.set(t, v)
      return v
    }
    const x = exprRat(text, value)
    return x === undefined ? undefined : Number(roundRat(x, 6, 'down'))
  }

  /**
   * A computed value nothing reads: it divides by a value valid evidence may give as 0, or declares a range valid
   * evidence may break. Computed values are worked out when first read (src/kinds/computed.ts, codegen number()), so
   * it never refuses a subject.
   */
  unreadComputed(): void {
    const { r } = this
    const nums = [...this.fmeta].filter(([, m]) => m.type === 'rate' || m.type === 'number' || m.type === 'integer').map(([n]) => n)
    const a = nums.length ? r.pick(nums) : this.fact('rate', { reuse: 0 })
    const b = nums.length ? r.pick(nums) : a
    const decl: Obj = { title: '未使用的計算值', expr: r.pick([`${a} / ${b}`, `${a} - ${b}`, `(${a} + 1) / ${b}`, `max(${a}, ${b}) * 3`]) }
    if (/[*/]/.test(decl.expr)) decl.round = { places: r.int(0, 6), mode: r.pick(ROUNDING_MODES) }
    if (r.bool(0.6)) decl.max = lit(r, randMicro(r, -M, M, 2))
    this.computed[this.name('unread')] = decl
  }

  /** { expr, atLeast | atMost | above | below }, compared exactly, with bounds around the expression's range. */
  exprCond(): Obj {
    const { r } = this
    const e = this.topExpression()
    const c: Obj = { expr: e.text }
    const [lo, hi] = [floorAt(e.lo, 6), ceilAt(e.hi, 6)]
    const ops = r.sample(['atLeast', 'atMost', 'above', 'below'], r.weighted([
      [5, 1],
      [2, 2],
    ]))
    for (const op of ops) c[op] = this.value(randMicro(r, lo, hi, r.pick([0, 1, 2, 3, 6])), {}, this.paramP + 0.1)
    return c
  }

  // --- records -------------------------------------------------------------------------------------------------------

  recordType(need: { date?: boolean; key?: boolean } = {}, reuse = 0.6): string {
    const { r } = this
    if (r.bool(reuse)) {
      const cands = [...this.rmeta].filter(([, m]) => (!need.date || m.date) && (!need.key || m.key))
      if (cands.length) return r.pick(cands)[0]
    }
    const name = this.name(r.pick(['adoptions', 'incidents', 'pieces', 'visits', 'reports']))
    const fields: Obj = {}
    const types: Record<string, string> = {}
    const meta: RecMeta = { fields: types, enumField: '', enumValues: [] }
    const rt: Obj = { title: `記錄${name}` }
    if (need.date || r.bool(0.85)) {
      const f = r.pick(['date', 'on', 'day'])
      fields[f] = { type: 'date', ...(r.bool(0.4) ? { title: '日期' } : {}) }
      types[f] = 'date'
      rt.date = f
      meta.date = f
    }
    if (need.key || r.bool(0.55)) {
      const f = r.pick(['piece', 'ref', 'code'])
      fields[f] = { type: 'string', ...(r.bool(0.3) ? { title: '編號' } : {}) }
      types[f] = 'string'
      rt.key = f
      meta.key = f
    }
    const ef = r.pick(['kind', 'outlet', 'level'])
    const pool = r.pick(ENUM_POOLS)
    const values = pool.slice(0, r.int(2, pool.length))
    fields[ef] = { type: 'enum', values, ...(r.bool(0.3) ? { title: '類別' } : {}) }
    types[ef] = 'enum'
    meta.enumField = ef
    meta.enumValues = values
    if (r.bool(0.7)) ((fields.ok = { type: 'boolean' }), (types.ok = 'boolean'))
    if (r.bool(0.5)) ((fields.amount = { type: 'number' }), (types.amount = 'number'))
    if (r.bool(0.5)) ((fields.qty = { type: 'integer' }), (types.qty = 'integer'))
    if (r.bool(0.4)) ((fields.note = { type: 'string' }), (types.note = 'string'))
    if (r.bool(0.15)) ((fields.filed = { type: 'date' }), (types.filed = 'date'))
    rt.fields = fields
    if (r.bool(0.1)) rt.source = '三(三)'
    this.records[name] = rt
    this.rmeta.set(name, meta)
    return name
  }

  /**
   * A record filter. Never on a `number` field: `where` compares with ===, so a number field written as a decimal
   * string would never match a number in the filter (see the report); enum, boolean, integer and string only.
   */
  where(rec: string): Obj {
    const { r } = this
    const m = this.rmeta.get(rec)!
    const fields = Object.entries(m.fields).filter(([, t]) => t === 'enum' || t === 'boolean' || t === 'integer' || t === 'string')
    const out: Obj = {}
    for (const [f, t] of r.sample(fields, r.weighted([
      [6, 1],
      [2, 2],
    ]))) {
      if (t === 'enum') out[f] = r.bool(0.5) ? r.pick(m.enumValues) : r.sample(m.enumValues, r.int(1, m.enumValues.length))
      else if (t === 'boolean') out[f] = r.bool(0.7)
      else if (t === 'integer') out[f] = r.bool(0.6) ? r.int(0, 3) : r.sample([0, 1, 2, 3, 4], r.int(1, 3))
      else {
        const pool = f === m.key ? KEY_POOL : STRING_POOL
        out[f] = r.bool(0.6) ? r.pick(pool) : r.sample(pool, r.int(1, 3))
      }
    }
    return out
  }

  // --- quotas --------------------------------------------------------------------------------------------------------

  quota(reuse = 0.3): string {
    const { r } = this
    if (this.quotas.length && r.bool(reuse)) return r.pick(this.quotas).id as string
    const per: Unit | undefined = r.bool(0.55) ? r.pick(UNITS) : undefined
    const distinct = r.bool(0.25)
    const rec = this.recordType({ date: per !== undefined, key: distinct })
    const q: Obj = { id: this.id('quota'), title: `報送任務${this.n}`, records: rec }
    if (r.bool(0.1)) q.source = '二(一)'
    if (r.bool(0.4)) q.where = this.where(rec)
    if (per) {
      q.per = per
      this.needsSpan = true
    }
    if (distinct) q.distinct = r.bool(0.2) ? { param: this.boolParam(r.bool(0.7)) } : true // counted once, or by parameter
    else if (r.bool(0.05)) q.distinct = false
    const atLeast = r.bool(0.85) ? r.int(0, 4) * M : randMicro(r, 0, 4 * M, 1)
    q.atLeast = this.value(atLeast, { lo: 0, hi: 10 * M })
    if (r.bool(0.3)) {
      q.overrides = {}
      for (const s of r.sample(SUBJECT_POOL, r.int(1, 3))) q.overrides[s] = this.value(r.int(0, 5) * M, { lo: 0, hi: 10 * M })
    }
    if (r.bool(0.2)) q.cohort = { atLeast: this.value(r.int(1, 20) * M, { lo: 0, hi: 50 * M }, this.paramP + 0.15), ...(r.bool(0.5) ? { title: '全局全年合計' } : {}) }
    this.quotas.push(q)
    return q.id as string
  }

  // --- conditions ----------------------------------------------------------------------------------------------------

  duration(): Duration {
    return { ...this.r.pick(DURATIONS) }
  }

  /** Sometimes one part of a duration becomes an integer parameter with that default (docs §4). */
  paramDuration(d: Duration): Obj {
    const parts = (['years', 'months', 'days'] as const).filter((k) => d[k] !== undefined)
    if (!parts.length || !this.r.bool(0.15)) return d
    const k = this.r.pick(parts)
    return { ...d, [k]: { param: this.intParam(d[k]!) } }
  }

  /** A date near the base year: mostly plain days, sometimes month ends and 29 February. */
  someDay(): number {
    const { r, year } = this
    const y = year + r.int(-3, 1)
    const m = r.int(1, 12)
    const d = r.weighted([
      [6, r.int(1, dim(y, m))],
      [2, dim(y, m)],
      [1, 1],
    ])
    if (r.bool(0.05) && isLeap(y)) return day(y, 2, 29)
    return day(y, m, d)
  }

  dateValue(): string | Obj {
    const { r } = this
    return r.weighted<() => string | Obj>([
      [4, () => dayText(this.someDay())],
      [3, () => r.pick(['--12-20', '--12-31', '--06-30', '--02-29', '--01-31', '--03-31', `--${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`])],
      [3, () => ({ param: this.dateParam(this.someDay()) })],
    ])()
  }

  cond(scope: Scope, depth: number): Obj {
    const { r } = this
    const form = r.weighted<string>([
      [30, 'fact'],
      [12, 'count'],
      [6, 'quota'],
      [12, 'date'],
      [6, 'span'],
      [5, 'order'],
      [scope === 'outside' || this.scored.length ? 10 : 0, 'score'],
      [depth < 2 ? 16 : 0, 'combo'],
      [this.computedOn ? 8 : 3, 'expr'],
    ])
    switch (form) {
      case 'fact':
        return this.factCond()
      case 'expr':
        return this.exprCond()
      case 'count':
        return this.countCond()
      case 'quota':
        return { quota: this.quota(0.6), met: r.bool(0.6) }
      case 'date':
        return this.dateCond()
      case 'span': {
        const a = this.fact('date', { reuse: 0.5 })
        let b = this.fact('date', { reuse: 0.5 })
        if (b === a) b = this.fact('date', { reuse: 0 })
        const c: Obj = { span: [a, b] }
        const which = r.weighted([
          [4, 'atLeast'],
          [3, 'atMost'],
          [2, 'both'],
        ])
        if (which !== 'atMost') c.atLeast = this.duration()
        if (which !== 'atLeast') c.atMost = which === 'both' ? { ...c.atLeast, years: (c.atLeast.years ?? 0) + 1 } : this.duration()
        if (c.atLeast) c.atLeast = this.paramDuration(c.atLeast)
        if (c.atMost) c.atMost = this.paramDuration(c.atMost)
        const ends = r.weighted([
          [3, undefined],
          [2, 'inclusive'],
          [3, 'exclusive'],
        ])
        if (ends) c.ends = ends
        return c
      }
      case 'order': {
        const n = r.int(2, 4)
        const names: string[] = []
        for (let i = 0; i < n * 3 && names.length < n; i++) {
          const f = this.fact('date', { reuse: 0.6 })
          if (!names.includes(f)) names.push(f)
        }
        if (names.length < 2) names.push(this.fact('date', { reuse: 0 }))
        return { order: names }
      }
      case 'score':
        return this.scoreCond(scope)
      default: {
        const k = r.weighted([
          [4, 'all'],
          [4, 'any'],
          [2, 'not'],
        ])
        if (k === 'not') return { not: this.cond(scope, depth + 1) }
        const parts: Obj[] = []
        for (let i = r.int(1, 3); i > 0; i--) parts.push(this.cond(scope, depth + 1))
        return { [k]: parts }
      }
    }
  }

  factCond(): Obj {
    const { r } = this
    // sometimes a computed value, compared like a number fact (docs §5)
    const comp = this.cmeta.size && r.bool(0.5) ? this.someComputed() : undefined
    const type = comp
      ? 'number'
      : r.weighted([
          [5, 'boolean'],
          [4, 'enum'],
          [5, 'rate'],
          [4, 'number'],
          [4, 'integer'],
        ])
    const f = comp ?? this.fact(type, { reuse: 0.5 })
    if (type === 'boolean') return { fact: f, is: r.bool(0.75) }
    if (type === 'enum') {
      const values = this.fmeta.get(f)!.values!
      return r.bool(0.6) ? { fact: f, is: r.pick(values) } : { fact: f, in: r.sample(values, r.int(1, values.length)) }
    }
    const d = this.domain(f)
    const places = type === 'integer' ? (r.bool(0.8) ? 0 : 1) : r.pick([1, 2, 2, 3, 6])
    const v = () => this.valueIn(f, places)
    const c: Obj = { fact: f }
    const c1 = { lo: d.lo, hi: d.hi }
    const pp = this.paramP + 0.12
    const op = r.weighted([
      [3, 'is'],
      [3, 'in'],
      [3, 'between'],
      [4, 'atLeast'],
      [3, 'atMost'],
      [3, 'above'],
      [3, 'below'],
    ])
    if (op === 'is') c.is = r.bool(0.8) ? Number(decText(v())) : decText(v())
    else if (op === 'in') c.in = [...new Set(Array.from({ length: r.int(1, 3) }, () => v()))].map((m) => Number(decText(m)))
    else if (op === 'between') {
      const [a, b] = [v(), v()].sort((x, y) => x - y) as [number, number]
      c.between = [this.value(a!, c1, pp), this.value(b!, c1, pp)]
    } else c[op] = this.value(v(), c1, pp)
    // sometimes a second bound, consistent or not (a condition that can never hold is still a valid condition)
    if ((op === 'atLeast' || op === 'above') && r.bool(0.25)) c[r.pick(['atMost', 'below'])] = this.value(v(), c1, pp)
    return c
  }

  countCond(): Obj {
    const { r } = this
    const within = r.bool(0.35)
    const distinct = r.bool(0.25)
    const rec = this.recordType({ date: within, key: distinct })
    const c: Obj = { count: rec }
    if (r.bool(0.4)) c.where = this.where(rec)
    if (distinct) c.distinct = true
    if (within) {
      c.within = this.paramDuration(this.duration())
      if (r.bool(0.4)) c.before = this.fact('date', { reuse: 0.5 })
    }
    const ops = r.sample(['atLeast', 'atMost', 'above', 'below'], r.weighted([
      [5, 1],
      [1, 2],
    ]))
    for (const op of ops) c[op] = this.value(r.int(0, 4) * M, { lo: 0, hi: 20 * M }, this.paramP + 0.1)
    return c
  }

  dateCond(): Obj {
    const { r } = this
    const c: Obj = { date: this.fact('date', { reuse: 0.5 }) }
    const tests = r.sample(['validFor', 'heldFor', 'onOrBefore', 'onOrAfter'], r.weighted([
      [5, 1],
      [2, 2],
    ]))
    for (const t of tests) {
      if (t === 'validFor' || t === 'heldFor') c[t] = this.paramDuration(this.duration())
      else c[t] = this.dateValue()
    }
    if ((c.validFor || c.heldFor || r.bool(0.1)) && r.bool(0.3)) {
      let at = this.fact('date', { reuse: 0.5 })
      if (at === c.date) at = this.fact('date', { reuse: 0 })
      c.at = at
    }
    return c
  }

  scoreCond(scope: Scope): Obj {
    const { r } = this
    let target: Done
    if (scope === 'outside' && r.bool(0.35)) target = { id: 'total', min: 0, max: this.total, hi: this.total }
    else target = r.pick(this.scored)
    const c: Obj = { score: target.id }
    const lo = Math.min(target.min, target.max)
    const ops = r.sample(['atLeast', 'atMost', 'above', 'below'], r.weighted([
      [5, 1],
      [1, 2],
    ]))
    for (const op of ops) c[op] = this.value(randMicro(r, lo, target.hi, 2), { lo, hi: target.hi }, this.paramP + 0.1)
    return c
  }

  // --- items ---------------------------------------------------------------------------------------------------------

  done(id: string, min: number, max: number, hi = max): void {
    this.scored.push({ id, min, max, hi })
    this.hiOf.set(id, hi)
  }

  /** A bonus beyond max (docs §8): 0 or more, at most one decimal place now and then more. */
  bonusValue(): number {
    const { r } = this
    return r.weighted<() => number>([
      [1, () => 0],
      [6, () => r.int(1, 5) * M],
      [3, () => randMicro(r, M / 10, 8 * M, 2)],
    ])()
  }

  items(depth: number, count: number): Obj[] {
    const out: Obj[] = []
    for (let i = 0; i < count; i++) out.push(this.item(depth))
    return out
  }

  item(depth: number): Obj {
    const canSection = depth < 3 && this.leaves < this.maxLeaves - 1
    if (canSection && this.r.bool(depth === 0 ? 0.45 : 0.3)) return this.section(depth)
    return this.leaf()
  }

  /** Item-level extras: notApplicable policy, requires + otherwise (generated after the item's own body). */
  extras(it: Obj, min: number, max: number): void {
    const { r } = this
    if (r.bool(0.1)) it.notApplicable = r.pick(['rescale', 'zero'])
    if (!this.noRequires && r.bool(0.12)) {
      it.requires = this.cond('tree', 0)
      if (r.bool(0.6)) it.otherwise = lit(r, randMicro(r, Math.min(0, min), max, 1))
    }
    if (r.bool(0.05)) it.source = '三(一)'
    if (r.bool(0.03)) it.note = 'The method gives no detail; scored as written.'
  }

  section(depth: number): Obj {
    const { r } = this
    const id = this.id('sec')
    const children = this.items(depth + 1, r.weighted([
      [3, 1],
      [4, 2],
      [3, 3],
      [2, 4],
    ]))
    const sum = children.reduce((a, it) => a + parseDec(it.max)!, 0)
    const extra = children.reduce((a, it) => a + this.hiOf.get(it.id)! - parseDec(it.max)!, 0)
    const s: Obj = { kind: 'section', id, title: `（${this.n}）考評部分` }
    let max = sum
    // cap: true only over items without a bonus, and never with a bonus of its own (docs §8 leave the two together open)
    if (sum > 0 && extra === 0 && r.bool(0.2)) {
      s.cap = true
      max = r.bool(0.2) ? sum : randMicro(r, 0, sum, r.pick([0, 1, 2]))
    } else if (r.bool(0.04)) s.cap = false
    s.max = lit(r, max)
    let min = 0
    if (max > 0 && r.bool(0.2)) {
      min = randMicro(r, 1, max, 1)
      s.min = lit(r, min)
    }
    let hi = max + extra
    if (s.cap !== true && r.bool(extra > 0 ? 0.3 : 0.08)) {
      const bonus = r.bool(0.5) && extra > 0 ? randMicro(r, 0, extra, 1) : this.bonusValue()
      s.bonus = lit(r, bonus)
      hi = max + bonus
    }
    this.extras(s, min, max)
    s.items = children
    this.done(id, min, max, hi)
    return s
  }

  leafMax(): number {
    const { r } = this
    return r.weighted<() => number>([
      [70, () => r.int(1, 20) * M],
      [20, () => randMicro(r, M / 2, 15 * M, 2)],
      [5, () => r.int(21, 60) * M],
      [2, () => 0],
    ])()
  }

  leaf(): Obj {
    const { r } = this
    this.leaves++
    this.noRequires = false
    const kind = r.weighted<Kind>([
      [19, 'check'],
      [12, 'judged'],
      [12, 'deduct'],
      [10, 'add'],
      [12, 'bands'],
      [12, 'count'],
      [10, 'deductions'],
      [9, 'weighted'],
      [8, 'quota'],
      [7, 'rated'],
    ])
    const it =
      kind === 'check' ? this.check()
      : kind === 'judged' ? this.judged()
      : kind === 'deduct' ? this.deduct()
      : kind === 'add' ? this.add()
      : kind === 'bands' ? this.bands()
      : kind === 'count' ? this.count()
      : kind === 'deductions' ? this.deductions()
      : kind === 'weighted' ? this.weighted()
      : kind === 'rated' ? this.rated()
      : this.quotaItem()
    const max = parseDec(it.max)!
    const min = it.min === undefined ? 0 : parseDec(it.min)!
    // a bonus on any kind (a judged item then takes scores up to max + bonus); add and rated choose their own
    if (it.bonus === undefined && kind !== 'add' && kind !== 'rated' && r.bool(0.1)) it.bonus = lit(r, this.bonusValue())
    this.extras(it, min, max)
    this.noRequires = false
    this.done(it.id as string, min, max, max + (it.bonus === undefined ? 0 : parseDec(it.bonus)!))
    return it
  }

  check(): Obj {
    const { r } = this
    const max = this.leafMax()
    const it: Obj = { kind: 'check', id: this.id('check'), title: `檢查項${this.n}`, max: lit(r, max) }
    if (r.bool(0.35)) it.fact = this.fact('boolean', { reuse: 0.3 })
    else it.when = this.cond('tree', 0)
    let points = max
    if (r.bool(0.35)) {
      points = randMicro(r, 0, max, 2)
      it.points = this.value(points, { lo: 0, hi: max })
    }
    if (r.bool(0.3)) it.else = this.value(randMicro(r, 0, points, 2), { lo: 0, hi: max }, this.paramP + 0.1)
    if (r.bool(0.05) && max > 0) it.min = lit(r, randMicro(r, 0, max, 1))
    return it
  }

  judged(): Obj {
    const { r } = this
    if (this.cmeta.size && r.bool(0.3)) return this.judgedComputed()
    const type = r.weighted<'number' | 'integer' | 'rate'>([
      [6, 'number'],
      [3, 'integer'],
      [2, 'rate'],
    ])
    const oor = r.weighted([
      [5, undefined],
      [2, 'clamp'],
      [3, 'error'],
    ])
    // a fact domain wider than the item's range lets evidence fall outside it (clamped, or refused with error)
    const wideP = oor === 'error' ? 7 : 4
    let min = 0
    let max: number
    let fact: string
    if (type === 'rate') {
      max = r.pick([M, M / 2, 800_000, 5 * M])
      if (r.bool(0.3)) min = randMicro(r, 0, Math.min(max, M), 2)
      fact = this.factWithDomain('rate', undefined, undefined)
    } else if (type === 'integer') {
      max = r.int(1, 10) * M
      if (r.bool(0.4)) min = r.int(0, max / M) * M
      const wide = r.weighted([
        [3, 'same'],
        [wideP, 'wider'],
        [2, 'open'],
      ])
      fact =
        wide === 'same'
          ? this.factWithDomain('integer', min, max)
          : wide === 'wider'
            ? this.factWithDomain('integer', min - r.int(0, 2) * M, max + r.int(1, 5) * M)
            : this.factWithDomain('integer', r.bool() ? 0 : undefined, undefined)
    } else {
      max = Math.max(M / 2, this.leafMax())
      if (r.bool(0.4)) min = randMicro(r, 0, max, 1)
      const wide = r.weighted([
        [3, 'same'],
        [wideP, 'wider'],
        [2, 'open'],
      ])
      fact =
        wide === 'same'
          ? this.factWithDomain('number', min, max)
          : wide === 'wider'
            ? this.factWithDomain('number', min - randMicro(r, 0, 2 * M, 1), max + randMicro(r, M / 10, 5 * M, 1))
            : this.factWithDomain('number', r.bool() ? 0 : undefined, undefined)
    }
    const it: Obj = { kind: 'judged', id: this.id('judged'), title: `評分項${this.n}`, max: lit(r, max), fact }
    if (min > 0 || r.bool(0.1)) it.min = lit(r, min)
    if (oor) it.outOfRange = oor
    return it
  }

  /**
   * judged reading a computed value: clamped (default or clamp); outOfRange: error only when [min, max] holds every
   * value valid evidence gives it.
   */
  judgedComputed(): Obj {
    const { r } = this
    const f = this.someComputed()!
    const d = this.domain(f)
    const it: Obj = { kind: 'judged', id: this.id('judged'), title: `評分項${this.n}`, fact: f }
    let max = Math.max(M / 2, this.leafMax())
    if (d.wlo! >= -20 * M && d.whi! <= 60 * M && r.bool(0.5)) {
      max = Math.max(M / 2, ceilAt(d.whi! / M, r.int(0, 2)))
      if (d.wlo! < 0) it.min = lit(r, floorAt(d.wlo! / M, r.int(0, 2)))
      it.outOfRange = 'error'
    } else {
      const oor = r.pick([undefined, 'clamp'])
      if (oor) it.outOfRange = oor
      if (max > 0 && r.bool(0.3)) it.min = lit(r, randMicro(r, 0, max, 1))
    }
    it.max = lit(r, max)
    return it
  }

  /** The measured value of a deduct or add item: a rate, number or integer fact, or a computed value. */
  stepFact(): { f: string; ftype: string; comp?: string } {
    const { r } = this
    const ftype = r.weighted([
      [5, 'rate'],
      [3, 'number'],
      [2, 'integer'],
    ])
    // sometimes a computed value instead of a fact (read by name like a number fact, docs §5)
    const comp = this.cmeta.size && r.bool(0.5) ? this.someComputed() : undefined
    return { f: comp ?? this.fact(ftype, { reuse: 0.25 }), ftype, comp }
  }

  /**
   * A target for a deduct or add item reading f (docs §9 "Targets that differ per subject"): a number or parameter in
   * f's domain; `{ fact }`, each subject's own value of a numeric fact or computed value (of f's kind, so that the
   * two are comparable); or `{ by, values }`, a target in f's domain for every value of an enum fact (the tier).
   */
  target(f: string, ftype: string, comp: string | undefined): number | string | Obj {
    const { r } = this
    const d = this.domain(f)
    const one = () => (comp ? this.valueIn(f, r.pick([1, 2, 3])) : ftype === 'rate' ? randMicro(r, M / 2, M, 2) : this.valueIn(f, 1))
    const form = r.weighted([
      [6, 'value'],
      [3, 'fact'],
      [2, 'tier'],
    ] as const)
    if (form === 'fact') {
      let t: string | undefined
      const others = [...this.cmeta.keys()].filter((n) => n !== f)
      if (others.length && r.bool(comp ? 0.85 : 0.5)) t = r.pick(others)
      if (t === undefined) t = this.fact(comp ? r.pick(['rate', 'number', 'integer']) : ftype, { reuse: 0.4 })
      if (t !== f) return { fact: t }
    }
    if (form === 'tier') {
      const by = this.fact('enum', { reuse: 0.5 })
      const values: Obj = {}
      for (const v of r.bool(0.3) ? r.shuffle(this.fmeta.get(by)!.values!) : this.fmeta.get(by)!.values!) values[v] = this.value(one(), { lo: d.lo, hi: d.hi })
      return { by, values }
    }
    return this.value(one(), { lo: d.lo, hi: d.hi })
  }

  /** step, points and rounding of a deduct or add item (step narrow for a rate or a narrow computed value). */
  steps(it: Obj, f: string, ftype: string, comp: string | undefined): void {
    const { r } = this
    const d = this.domain(f)
    const narrow = ftype === 'rate' || (comp !== undefined && d.whi! - d.wlo! < 3 * M)
    const step = narrow ? r.pick([10_000, 50_000, 100_000, 5_000, 20_000, 1_000, 2_500]) : r.pick([M / 2, M, 2 * M, M / 4, 5 * M, M / 10])
    it.step = this.value(step, { lo: 1000, hi: step * 10 })
    const points = r.pick([M / 2, M, 2 * M, M / 4, 3 * M, 1_500_000])
    it.points = this.value(points, { lo: 0, hi: 10 * M })
    it.rounding = r.bool(0.25) ? { param: this.roundingParam() } : r.pick(['ceil', 'floor', 'exact'])
  }

  deduct(): Obj {
    const { r } = this
    const max = Math.max(M, this.leafMax())
    const { f, ftype, comp } = this.stepFact()
    const it: Obj = { kind: 'deduct', id: this.id('deduct'), title: `扣分項${this.n}`, max: lit(r, max), fact: f }
    it.target = this.target(f, ftype, comp)
    const dir = r.weighted([
      [5, undefined],
      [2, 'below'],
      [3, 'above'],
    ])
    if (dir) it.direction = dir
    this.steps(it, f, ftype, comp)
    let min = 0
    if (r.bool(0.2)) {
      min = randMicro(r, M / 10, max / 2, 1)
      it.min = lit(r, min)
    }
    let from = max
    if (r.bool(0.35)) {
      from = randMicro(r, 0, max, 1)
      it.from = this.value(from, { lo: 0, hi: max }, this.paramP + 0.1)
    }
    if (r.bool(0.6)) {
      const floor = r.weighted<() => number>([
        [4, () => 0],
        [it.from !== undefined ? 4 : 1, () => (from < max ? randMicro(r, from + 1, max, 1) : from)], // above from: the score is at least the floor, even when the target is met
        [2, () => (min > 0 ? randMicro(r, 0, min - 1, 1) : -randMicro(r, M / 2, 3 * M, 1))], // below the item's min
        [2, () => randMicro(r, 0, from, 1)],
      ])()
      it.floor = this.value(floor, { lo: -10 * M, hi: max })
    }
    return it
  }

  /**
   * add (docs §9): from (default 0) + points per step beyond the target, kept within [min, max + bonus]. An add item
   * is often all bonus (max 0, 「另加分最多3分」) or has a bonus beyond its max; `from` stays within [0, max].
   */
  add(): Obj {
    const { r } = this
    const max = r.bool(0.3) ? 0 : Math.max(M, this.leafMax())
    const { f, ftype, comp } = this.stepFact()
    const it: Obj = { kind: 'add', id: this.id('add'), title: `加分項${this.n}`, max: lit(r, max), fact: f }
    it.target = this.target(f, ftype, comp)
    const dir = r.weighted([
      [5, undefined],
      [3, 'above'],
      [2, 'below'],
    ])
    if (dir) it.direction = dir
    this.steps(it, f, ftype, comp)
    if (max > 0 && r.bool(0.3)) it.from = this.value(randMicro(r, 0, max, 1), { lo: 0, hi: max }, this.paramP + 0.1)
    else if (r.bool(0.05)) it.from = 0
    if (max === 0 || r.bool(0.5)) it.bonus = lit(r, max === 0 ? Math.max(M / 2, this.bonusValue()) : this.bonusValue())
    if (max > 0 && r.bool(0.12)) it.min = lit(r, randMicro(r, M / 10, max, 1))
    return it
  }

  /**
   * rated (docs §9): an enum fact's rating gives the points its table names; every value named; points 0 or more and
   * at most max, or max + bonus when the item has one.
   */
  rated(): Obj {
    const { r } = this
    const max = r.bool(0.1) ? 0 : this.leafMax()
    const f = this.fact('enum', { reuse: 0.4 })
    const it: Obj = { kind: 'rated', id: this.id('rated'), title: `評級項${this.n}`, max: lit(r, max), fact: f }
    const bonus = max === 0 || r.bool(0.2) ? this.bonusValue() : undefined
    const hi = max + (bonus ?? 0)
    const values = this.fmeta.get(f)!.values!
    const points: Obj = {}
    for (const v of r.bool(0.2) ? r.shuffle(values) : values) points[v] = this.value(r.weighted<() => number>([
      [2, () => hi],
      [1, () => 0],
      [1, () => max],
      [6, () => randMicro(r, 0, hi, 2)],
    ])(), { lo: 0, hi })
    it.points = points
    if (bonus !== undefined) it.bonus = lit(r, bonus)
    if (max > 0 && r.bool(0.08)) it.min = lit(r, randMicro(r, 0, max, 1))
    return it
  }

  bands(): Obj {
    const { r } = this
    const max = Math.max(M, this.leafMax())
    const mode = r.weighted([
      [5, 'rate'],
      [3, 'number'],
      [1, 'integer'],
      [1, 'open'],
    ])
    let f: string
    const comp = this.cmeta.size && r.bool(0.5) ? this.someComputed() : undefined
    if (comp) f = comp
    else if (mode === 'rate') f = this.fact('rate', { reuse: 0.3 })
    else if (mode === 'number') f = this.fact('number', { reuse: 0.3, domain: 'need' })
    else if (mode === 'integer') f = this.fact('integer', { reuse: 0.3, domain: 'need' })
    else f = this.fact('number', { reuse: 0.3, domain: 'none' })
    const d = this.domain(f)
    // working range for cut points: the domain (for a computed value, the range valid evidence gives it), or a range
    // around the bounded end
    const wlo = d.wlo ?? d.lo ?? (d.hi !== undefined ? d.hi - 50 * M : -20 * M)
    const whi = d.whi ?? d.hi ?? (d.lo !== undefined ? d.lo + 100 * M : 100 * M)
    const many = r.bool(0.04)
    const k = many
      ? r.int(20, 60)
      : r.weighted([
          [1, 1],
          [4, 2],
          [4, 3],
          [2, 4],
          [1, 5],
        ])
    // k - 1 distinct interior cut points
    let cuts: number[] = []
    for (let p = many ? 3 : r.pick([0, 1, 2, 2, 3]); p <= 6 && cuts.length < k - 1; p++) {
      const u = 10 ** (6 - p)
      const lo = Math.floor(wlo / u) + 1
      const hi = Math.ceil(whi / u) - 1
      if (hi - lo + 1 < k - 1) continue
      const set = new Set<number>()
      while (set.size < k - 1) set.add(r.int(lo, hi) * u)
      cuts = [...set].sort((a, b) => a - b)
    }
    if (cuts.length < k - 1) cuts = []
    interface Seg {
      from?: number | Obj
      to?: number | Obj
      loIn: boolean
      hiIn: boolean
    }
    const segs: Seg[] = []
    // first band's lower edge
    let lower: { v?: number | Obj; in: boolean }
    if (d.lo === undefined) lower = { v: undefined, in: r.bool() }
    else
      lower = r.weighted<{ v?: number | Obj; in: boolean }>([
        [6, { v: d.lo, in: true }],
        [2, { v: undefined, in: r.bool() }],
        [1, { v: d.lo - randMicro(r, M / 10, 5 * M, 1), in: r.bool() }],
      ])
    const paramEdge = (c: number, lo: number, hi: number): Obj => ({ param: this.numParam(c, { lo, hi }) })
    if (lower.v === d.lo && d.lo !== undefined && !many && r.bool(0.1)) lower.v = paramEdge(d.lo, d.lo - 10 * M, d.lo)
    for (let i = 0; i < cuts.length; i++) {
      const c = cuts[i]!
      const point = !many && r.bool(0.08)
      if (point) {
        segs.push({ from: lower.v, to: c, loIn: lower.in, hiIn: false })
        segs.push({ from: c, to: c, loIn: true, hiIn: true })
        lower = { v: c, in: false }
        continue
      }
      const toLower = r.bool()
      let edge: number | Obj = c
      const prevPoint = segs.length > 0 && typeof segs[segs.length - 1]!.from === 'number' && segs[segs.length - 1]!.from === segs[segs.length - 1]!.to
      if (!many && !prevPoint && r.bool(0.12)) {
        const prev = i > 0 ? cuts[i - 1]! : d.lo ?? c - 10 * M
        const next = i + 1 < cuts.length ? cuts[i + 1]! : d.hi ?? c + 10 * M
        edge = paramEdge(c, Math.floor((prev + c) / 2) + 1, Math.floor((c + next) / 2))
      }
      segs.push({ from: lower.v, to: edge, loIn: lower.in, hiIn: toLower })
      lower = { v: typeof edge === 'object' ? { ...edge } : edge, in: !toLower }
    }
    // last band's upper edge
    let upper: { v?: number | Obj; in: boolean }
    if (d.hi === undefined) upper = { v: undefined, in: r.bool() }
    else
      upper = r.weighted<{ v?: number | Obj; in: boolean }>([
        [6, { v: d.hi, in: true }],
        [2, { v: undefined, in: r.bool() }],
        [1, { v: d.hi + randMicro(r, M / 10, 5 * M, 1), in: r.bool() }],
      ])
    if (upper.v === d.hi && d.hi !== undefined && !many && r.bool(0.1)) upper.v = paramEdge(d.hi, d.hi, d.hi + 10 * M)
    segs.push({ from: lower.v, to: upper.v, loIn: lower.in, hiIn: upper.in })

    const timesMax = whi > 0 ? Math.min(100 * M, Math.max(M / 10, Math.floor((max / whi) * M))) : 2 * M
    const bands = segs.map((s) => {
      const b: Obj = {}
      if (r.bool(0.15)) b.title = r.pick(['全部完成', '用系數計算', '不得分', '基本完成'])
      if (s.from !== undefined) b.from = typeof s.from === 'object' ? s.from : lit(r, s.from)
      if (s.to !== undefined) b.to = typeof s.to === 'object' ? s.to : lit(r, s.to)
      const edges = `${s.loIn ? '[' : '('}${s.hiIn ? ']' : ')'}`
      if (edges !== '[)' || r.bool(0.2)) b.edges = edges
      if (r.bool(0.72)) b.points = this.value(randMicro(r, 0, max, 2), { lo: 0, hi: max })
      else b.times = this.value(randMicro(r, 0, timesMax, 3), { lo: 0, hi: 100 * M })
      return b
    })
    const order = r.weighted([
      [55, 'asc'],
      [35, 'desc'],
      [10, 'shuffle'],
    ])
    const listed = order === 'asc' ? bands : order === 'desc' ? [...bands].reverse() : r.shuffle(bands)
    return { kind: 'bands', id: this.id('bands'), title: `分檔項${this.n}`, max: lit(r, max), fact: f, bands: listed }
  }

  count(): Obj {
    const { r } = this
    const max = Math.max(M, this.leafMax())
    const it: Obj = { kind: 'count', id: this.id('count'), title: `計數項${this.n}`, max: lit(r, max) }
    let negative = false
    const pts = () => {
      if (r.bool(0.2)) {
        negative = true
        return this.value(-randMicro(r, M / 4, 3 * M, 2), { lo: -10 * M, hi: 0 })
      }
      return this.value(randMicro(r, M / 4, 4 * M, 2), { lo: 0, hi: 10 * M })
    }
    if (r.bool(0.2)) {
      it.fact = this.fact('integer', { reuse: 0.3, nonNeg: r.bool(0.8) })
      it.points = pts()
    } else {
      const dedupe = r.bool(0.25)
      const rec = this.recordType({ key: dedupe })
      it.records = rec
      if (r.bool(0.5)) it.where = this.where(rec)
      const m = this.rmeta.get(rec)!
      if (r.bool(0.3)) {
        const boolBy = m.fields.ok === 'boolean' && r.bool(0.25)
        const values: Obj = {}
        for (const v of boolBy ? ['true', 'false'] : m.enumValues) values[v] = pts()
        it.points = { by: boolBy ? 'ok' : m.enumField, values }
      } else it.points = pts()
      if (dedupe) it.dedupe = true
      else if (r.bool(0.05)) it.dedupe = false
    }
    if (r.bool(0.35)) it.cap = this.value(randMicro(r, 0, max, 1), { lo: 0, hi: max }, this.paramP + 0.1)
    if (negative && r.bool(0.5)) it.min = lit(r, -randMicro(r, M, max, 1))
    else if (r.bool(0.06)) it.min = lit(r, randMicro(r, 0, max / 2, 1))
    return it
  }

  deductions(): Obj {
    const { r } = this
    const max = Math.max(M, this.leafMax())
    const it: Obj = { kind: 'deductions', id: this.id('deductions'), title: `扣減項${this.n}`, max: lit(r, max) }
    if (r.bool(0.3)) it.base = this.value(randMicro(r, 0, max, 1), { lo: 0, hi: max }, this.paramP + 0.12)
    const list: Obj[] = []
    for (let i = r.int(1, 3); i > 0; i--) {
      const d: Obj = { id: this.id('ded'), title: r.pick(['事故遲報', '調查檔案不全', '違規', '缺報']) }
      if (this.computedOn && r.bool(0.5)) d.fact = this.countComputed()
      else if (r.bool(0.45)) d.fact = this.fact(r.pick(['integer', 'number']), { reuse: 0.2, nonNeg: true })
      else {
        d.records = this.recordType({})
        if (r.bool(0.5)) d.where = this.where(d.records)
      }
      d.points = this.value(r.pick([M / 2, M, 2 * M, M / 4, 1_500_000, 0]), { lo: 0, hi: 10 * M })
      if (r.bool(0.4)) d.cap = this.value(randMicro(r, 0, max, 1), { lo: 0, hi: 2 * max })
      list.push(d)
    }
    it.deductions = list
    if (r.bool(0.6)) {
      const floor = r.weighted<() => number>([
        [5, () => 0],
        [2, () => -randMicro(r, M / 2, 3 * M, 1)],
        [2, () => randMicro(r, 0, max, 1)],
      ])()
      it.floor = this.value(floor, { lo: -10 * M, hi: max })
    }
    if (r.bool(0.15)) it.min = lit(r, randMicro(r, 0, max / 2, 1))
    return it
  }

  weighted(): Obj {
    const { r } = this
    const max = r.bool(0.5) ? Math.max(M, this.leafMax()) : r.pick([50, 60, 100, 20]) * M
    const terms: Obj[] = []
    const used = new Set<string>()
    for (let i = r.int(1, 3); i > 0; i--) {
      const type = r.weighted([
        [4, 'score'],
        [2, 'number'],
        [2, 'rate'],
        [1, 'integer'],
        [this.cmeta.size ? 2 : 0, 'computed'],
      ])
      // a computed value, read by name like a number fact (docs §5)
      const f = type === 'computed' ? this.someComputed()! : this.fact(type, { reuse: 0.25 })
      if (used.has(f)) continue
      used.add(f)
      const t: Obj = { fact: f, weight: this.value(randMicro(r, M / 20, M, 2), { lo: 0, hi: M }) }
      if (this.fmeta.get(f)?.many) {
        const combine = r.pick([undefined, 'mean', 'sum', 'min', 'max'])
        if (combine) t.combine = combine
      }
      if (r.bool(0.2)) t.title = '所屬機關得分'
      terms.push(t)
    }
    return { kind: 'weighted', id: this.id('weighted'), title: `綜合項${this.n}`, max: lit(r, max), terms }
  }

  quotaItem(): Obj {
    const { r } = this
    const max = Math.max(M, this.leafMax())
    const it: Obj = { kind: 'quota', id: this.id('quota-item'), title: `報送項${this.n}`, max: lit(r, max), quota: this.quota() }
    it.points = this.value(r.pick([M, 2 * M, M / 2, 0]), { lo: 0, hi: 10 * M })
    if (r.bool(0.6)) it.floor = this.value(r.bool(0.6) ? 0 : randMicro(r, 0, max / 2, 1), { lo: -5 * M, hi: max }, this.paramP + 0.1)
    if (r.bool(0.1)) it.min = lit(r, randMicro(r, 0, max / 2, 1))
    return it
  }

  // --- gates, grades, money ------------------------------------------------------------------------------------------

  grades(): Obj {
    const { r } = this
    const set = r.pick(GRADE_SETS)
    const order = set.slice(0, r.int(2, set.length))
    const g: Obj = { order }
    if (r.bool(0.2)) g.source = '四、獎項設置'
    const ranked = r.bool(0.35) ? order.slice(0, r.int(1, Math.min(2, order.length - 1))) : []
    if (ranked.length) {
      g.quotas = ranked.map((grade) => {
        const q: Obj = { grade }
        const how = r.weighted([
          [4, 'count'],
          [4, 'range'],
          [2, 'share'],
          [1, 'param'],
        ] as const)
        if (how === 'count') q.count = r.int(0, 3)
        else if (how === 'param') q.count = { param: this.intParam(r.int(0, 3)) }
        else if (how === 'share') {
          // 前20%: a share of the subjects ranked (of the group), made whole as shareRounding says
          q.share = r.pick([0.2, 0.25, 0.3, 0.5, 1, 0.125])
          q.shareRounding = r.pick(['floor', 'ceil', 'half-up'])
        } else {
          const min = r.int(0, 2)
          q.count = { min: r.bool(0.15) ? { param: this.intParam(min) } : min, max: min + r.int(0, 2) }
          if (r.bool(0.3)) q.take = r.pick(['max', 'min'])
        }
        if (r.bool(0.25)) q.from = r.pick(['top', 'bottom']) // 末位為差
        if (r.bool(0.6)) q.minScore = this.value(randMicro(r, 0, this.total, 1), { lo: 0, hi: this.total }, this.paramP + 0.2)
        if (r.bool(0.5)) q.ties = r.pick(['within-range', 'include', 'exclude'])
        if (r.bool(0.25)) q.ineligible = r.pick(['skip', 'keep-place']) // a vetoed unit keeps its place
        return q
      })
    }
    // rank each value of an enum fact apart (州市 and 成員單位)
    if (r.bool(0.2)) g.groupBy = this.fact('enum', { reuse: 0.3 })
    const rest = order.filter((x) => !ranked.includes(x))
    const fracs = rest.map(() => r.int(0, 100)).sort((a, b) => b - a)
    g.thresholds = rest.map((grade, i) => {
      const t: Obj = { grade }
      const last = i === rest.length - 1
      if (!last || r.bool(0.3)) t.min = this.value(Math.round((this.total * fracs[i]!) / 100 / 10_000) * 10_000, { lo: 0, hi: this.total }, this.paramP + 0.1)
      if (r.bool(0.15)) t.requires = this.cond('outside', 0)
      return t
    })
    if (r.bool(0.5)) g.ineligible = order[order.length - 1]
    return g
  }

  /** Findings (docs §11): a fact's value or a condition's outcome, reported in every result. */
  findings(): Obj[] {
    const { r } = this
    const out: Obj[] = []
    for (let i = r.int(1, 2); i > 0; i--) {
      const f: Obj = { id: this.id('finding'), title: r.pick(['申報等級', '申報未獲批准:取得下一級證書未滿一年', '單位類別']) }
      if (r.bool(0.5)) f.fact = this.fact(r.pick(['boolean', 'enum', 'number', 'rate', 'integer', 'date']), { reuse: 0.7 })
      else f.when = this.cond('outside', 0)
      if (r.bool(0.2)) f.source = '第三條'
      out.push(f)
    }
    return out
  }

  gates(grades: Obj | undefined): Obj[] {
    const { r } = this
    const out: Obj[] = []
    for (let i = r.int(1, 3); i > 0; i--) {
      const gate: Obj = { id: this.id('gate'), title: r.pick(['依法辦理了檔案登記', '兩年內沒有發生檔案安全事故', '無嚴重違紀違法問題', '按時報送匯總表']), when: this.cond('outside', 0) }
      const bars = r.weighted([
        [4, 'none'],
        [2, 'advisory'],
        [grades ? 4 : 0, 'some'],
        [grades ? 2 : 0, 'lowers'],
      ])
      if (bars === 'advisory') gate.bars = []
      else if (bars === 'some') gate.bars = r.sample(grades!.order as string[], r.int(1, 2))
      else if (bars === 'lowers') gate.lowers = r.int(1, 2) // 一票否決降一級
      out.push(gate)
    }
    return out
  }

  money(): Obj {
    const { r } = this
    const money: Obj = {}
    if (r.bool(0.2)) money.currency = 'CNY'
    if (r.bool(0.75)) {
      money.rewards = []
      for (let i = r.int(1, 2); i > 0; i--) {
        const dedupe = r.bool(0.45)
        const rec = this.recordType({ key: dedupe })
        const m = this.rmeta.get(rec)!
        const amounts: Obj = {}
        for (const v of m.enumValues) amounts[v] = this.value(r.pick([50, 60, 200, 400, 12.5, 0.255]) * M, { lo: 0, hi: 1000 * M })
        const reward: Obj = { id: this.id('reward'), title: '用稿獎勵', records: rec, category: m.enumField, amounts }
        if (r.bool(0.3)) reward.where = this.where(rec)
        if (dedupe) reward.dedupe = true
        money.rewards.push(reward)
      }
    }
    if (r.bool(0.6) || !money.rewards) {
      money.penalties = []
      for (let i = r.int(1, 2); i > 0; i--) {
        const p: Obj = { id: this.id('penalty'), title: r.pick(['缺報', '違紀', '缺調研文章']) }
        if (r.bool(0.5)) p.quota = this.quota(0.6)
        else if (this.computedOn && r.bool(0.7)) p.fact = this.countComputed()
        else p.fact = this.fact(r.pick(['integer', 'number']), { reuse: 0.3, nonNeg: true })
        p.amount = this.value(r.pick([50, 100, 200, 0.5]) * M, { lo: 0, hi: 1000 * M }, this.paramP + 0.15)
        money.penalties.push(p)
      }
    }
    return money
  }

  // --- period and rollup ---------------------------------------------------------------------------------------------

  /** A span inside one period of `unit` in the base year (full or partial). */
  spanWithin(unit: Unit): { from: number; to: number } {
    const { r, year } = this
    const months = UNIT_MONTHS[unit]
    const first = r.int(0, 12 / months - 1) * months + 1
    const last = first + months - 1
    let from = day(year, first, 1)
    let to = day(year, last, dim(year, last))
    if (r.bool(0.3)) {
      const a = from + r.int(0, Math.floor((to - from) / 3))
      const b = to - r.int(0, Math.floor((to - from) / 3))
      from = a
      to = Math.max(a, b)
    }
    return { from, to }
  }

  build(seedText: string): Obj {
    const { r } = this
    const rubric: Obj = { kaoping: 1, id: `random-${seedText}`, title: `隨機考評辦法${seedText}` }
    if (r.bool(0.05)) rubric.$schema = '../schemas/rubric.schema.json'
    if (r.bool(0.3)) rubric.issuer = '徐州市統計局'
    if (r.bool(0.15)) rubric.document = '徐統發〔2017〕X號'
    if (r.bool(0.15)) rubric.source = '第三篇'
    if (r.bool(0.1)) rubric.note = 'Generated for the differential fuzz test.'
    if (r.bool(0.15)) rubric.effective = { from: `${this.year}-01-01`, ...(r.bool(0.5) ? { until: `${this.year}-12-31` } : {}) }

    // period and rollup first: they decide which quotas and conditions can be scored
    let rollup: Obj[] | undefined
    if (r.bool(0.15)) {
      const chains: [Unit, Unit][][] = [
        [['month', 'quarter']],
        [
          ['month', 'quarter'],
          ['quarter', 'year'],
        ],
        [['quarter', 'year']],
        [['month', 'year']],
        [['half', 'year']],
        [
          ['quarter', 'half'],
          ['half', 'year'],
        ],
        [
          ['month', 'quarter'],
          ['quarter', 'half'],
          ['half', 'year'],
        ],
      ]
      const chain = r.pick(chains)
      rollup = chain.map(([from, to]) => {
        const combine = r.pick(['sum', 'mean', 'min', 'max', 'last'])
        const level: Obj = { from, to, combine }
        if (r.bool(0.15)) {
          // how periods combine, by parameter (an enum parameter whose values are combine modes)
          const name = this.name('enumP')
          this.params[name] = { type: 'enum', values: ['sum', 'mean', 'min', 'max', 'last'], default: combine, title: '合併方式' }
          level.combine = { param: name }
        }
        const missing = r.weighted([
          [3, undefined],
          [2, 'error'],
          [3, 'skip'],
        ])
        if (missing) level.missing = missing
        if (r.bool(0.3)) level.title = '全年綜合'
        return level
      })
      const span = this.spanWithin(chain[chain.length - 1]![1])
      rubric.period = { unit: chain[0]![0], from: dayText(span.from), to: dayText(span.to) }
      rubric.rollup = rollup
    } else if (r.bool(0.6)) {
      const unit = r.pick(UNITS)
      const y = this.year
      const span = r.weighted<() => { from?: number; to?: number }>([
        [10, () => ({ from: day(y, 1, 1), to: day(y, 12, 31) })],
        [3, () => ({ from: day(y - 1, 7, 1), to: day(y, 12, 31) })],
        [4, () => this.spanWithin(r.pick(UNITS))],
        [1, () => ({ from: day(y, 1, 1) })],
        [1, () => ({ to: day(y, 12, 31) })],
        [1, () => ({})],
      ])()
      rubric.period = { unit, ...(span.from !== undefined ? { from: dayText(span.from) } : {}), ...(span.to !== undefined ? { to: dayText(span.to) } : {}) }
    }

    // computed values first: items and conditions read them by name (docs §5); an unread one now and then
    if (r.bool(0.4)) {
      this.computedOn = true
      for (let i = r.int(1, 3); i > 0; i--) this.declareComputed()
    }
    const items = this.items(0, r.weighted([
      [2, 1],
      [4, 2],
      [4, 3],
      [3, 4],
      [2, 5],
      [1, 6],
    ]))
    this.total = items.reduce((a, it) => a + parseDec(it.max)!, 0)
    rubric.total = lit(r, this.total)
    // a score sheet whose points are set per round: an item's max from a number parameter (docs §4), here one whose
    // only value is the max written (an override of it keeps the maxima adding up)
    if (r.bool(0.12)) {
      const all: Obj[] = []
      const collect = (list: Obj[]) => list.forEach((it) => (all.push(it), it.kind === 'section' && collect(it.items)))
      collect(items)
      for (const it of r.sample(all, r.int(1, 2))) {
        const name = this.name('maxP')
        this.params[name] = { type: 'number', default: it.max, min: it.max, max: it.max, title: `${it.title}分值` }
        it.max = { param: name }
      }
    }
    if (r.bool(0.6)) rubric.rounding = { places: r.int(0, 6), mode: r.pick(ROUNDING_MODES) }
    const missing = r.weighted([
      [6, undefined],
      [3, 'zero'],
      [1, 'error'],
    ])
    if (missing) rubric.missing = missing
    const na = r.weighted([
      [6, undefined],
      [2, 'rescale'],
      [2, 'zero'],
    ])
    if (na) rubric.notApplicable = na

    const grades = r.bool(0.4) ? this.grades() : undefined
    const gates = r.bool(0.4) ? this.gates(grades) : undefined
    const findings = r.bool(0.2) ? this.findings() : undefined
    const money = r.bool(0.25) ? this.money() : undefined
    if (r.bool(0.1)) this.quota(0) // a quota no item uses: still reported for every subject

    // declared but unused (warnings only): a boolean or enum parameter, a fact
    if (r.bool(0.08)) this.params[this.name('flagP')] = { type: 'boolean', default: r.bool() }
    if (r.bool(0.05)) this.params[this.name('enumP')] = { type: 'enum', values: ['a', 'b'], default: 'a' }
    if (r.bool(0.05)) this.fact(r.pick(['boolean', 'rate', 'number']), { reuse: 0 })

    if (this.computedOn && r.bool(0.25)) this.unreadComputed()

    if (this.needsSpan) {
      const p = (rubric.period ??= { unit: r.pick(UNITS) }) as Obj
      if (p.from === undefined || p.to === undefined) {
        p.from = `${this.year}-01-01`
        p.to = `${this.year}-12-31`
      }
    }
    if (r.bool(0.25)) {
      rubric.subjects = { title: '各縣(市)區統計局' }
      if (r.bool(0.4)) rubric.subjects.list = SUBJECT_POOL.map((id) => ({ id, name: `${id}統計局`, ...(r.bool(0.1) ? { note: '月度報送要求為1篇' } : {}) }))
    }
    if (Object.keys(this.params).length) rubric.params = this.params
    if (Object.keys(this.facts).length) rubric.facts = this.facts
    if (Object.keys(this.computed).length) rubric.computed = this.computed
    if (Object.keys(this.records).length) rubric.records = this.records
    if (this.quotas.length) rubric.quotas = this.quotas
    if (gates) rubric.gates = gates
    if (findings) rubric.findings = findings
    rubric.items = items
    if (grades) rubric.grades = grades
    if (money) rubric.money = money
    if (r.bool(0.1)) rubric.notes = [{ about: '合格分數線', note: 'The method names 合格 but gives no score bar.', source: '四' }]
    return rubric
  }
}

/** Builds one rubric (plain data) from a seed. Valid by construction. */
export function buildRubric(seed: number): Record<string, unknown> {
  return new RubricBuilder(new Rng(seed)).build((seed >>> 0).toString(36))
}

// =====================================================================================================================
// Reading a rubric back (from its data) for evidence
// =====================================================================================================================

interface FactInfo {
  name: string
  type: string
  lo?: number
  hi?: number
  values?: string[]
  max?: number
  many?: boolean
  /** A missing value is read as 0 / false / no date rather than refused. */
  zeroable: boolean
  /** A divisor in an expression that is read (a computed value read somewhere, an expr condition): never 0 for a valid subject. */
  nonZero: boolean
  /** Values worth hitting exactly (targets, band edges, thresholds, judged ranges), micros. */
  points: number[]
}

interface ItemInfo {
  id: string
  kind: string
  min: number
  max: number
  /** The ceiling its score is kept within: max + bonus (a section without bonus: max + its items' extra). */
  hi: number
  parent?: string
  children: string[]
  raw: Obj
  /** Bounds of the score the item can compute (before adjustment), for `by` adjustments that stay valid. */
  range: [number, number]
}

interface RecInfo {
  name: string
  fields: Record<string, Obj>
  date?: string
  key?: string
  /** Fields whose value selects points or an amount: every record must give them (a missing one has no price). */
  priced: Set<string>
}

/** What evidence for a rubric needs to know, read from the rubric data and the evaluation options. */
export interface RubricInfo {
  rubric: Obj
  facts: Map<string, FactInfo>
  records: Map<string, RecInfo>
  items: Map<string, ItemInfo>
  itemOrder: string[]
  total: number
  /** Judged items with outOfRange: error, by fact: a valid subject's value must lie in [lo, hi] when the item is read. */
  judgedError: Map<string, { item: string; lo: number; hi: number }[]>
  /** Leaves reading a fact as their own value without a prerequisite: the fact is read whenever the leaf is applicable. */
  readers: Map<string, string[]>
  /** Facts read outside the item tree (gates, grade thresholds, penalties): with a rollup they come from the subject level. */
  outside: Set<string>
  /** Facts the evidence must give before scoring (missing: error, no rollup, not required: false). */
  required: Set<string>
  rollup?: { first: Unit; levels: Obj[] }
  span: { from?: number; to?: number }
  asOf?: number
  dateMarks: number[]
  recordMarks: number[]
  /** Pairs of date facts a span / order / `at` condition relates, with the duration. */
  datePairs: { a: string; b: string; d: Duration }[]
  year: number
  /** Computed values: the names each expression reads and the names it divides by (the token after "/"). */
  computed: Map<string, { names: string[]; divisors: string[] }>
  /** Effective parameter values (numbers as micros), for evaluating expressions. */
  params: Map<string, number | string | boolean>
  /**
   * Count computed values: read as a count (a deductions entry, a penalty), no declared min, so a negative value is
   * refused when worked out. `items`: the deductions items reading it (without a prerequisite, so read whenever
   * applicable); `penalty`: a penalty reads it (with the subject-level facts); `inputs`: the facts it reads.
   */
  countNeg: Map<string, { items: string[]; penalty: boolean; inputs: string[] }>
  /** Enum facts a tier target reads: a valid subject always gives them. */
  tiers: Set<string>
  /** A deduct or add value fact and its `{ fact }` target fact, with the step: evidence puts them close now and then. */
  targetPairs: { a: string; b: string; step: number }[]
  /** Whether any item can give more than its max (a bonus somewhere). */
  bonus: boolean
}

const EXPR_FUNCTIONS = new Set(['min', 'max', 'abs'])

/** The names an expression reads (functions left out), each once. */
export function exprNames(text: string): string[] {
  return [...new Set((text.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []).filter((n) => !EXPR_FUNCTIONS.has(n)))]
}

/** The names an expression divides by: the generator only ever divides by a single name or decimal. */
function exprDivisors(text: string): string[] {
  return [...text.matchAll(/\/\s*([A-Za-z][A-Za-z0-9_]*)/g)].map((m) => m[1]!)
}

function eachCond(c: unknown, fn: (c: Obj) => void): void {
  if (c === null || typeof c !== 'object') return
  const o = c as Obj
  fn(o)
  if (Array.isArray(o.all)) o.all.forEach((x: unknown) => eachCond(x, fn))
  if (Array.isArray(o.any)) o.any.forEach((x: unknown) => eachCond(x, fn))
  if (o.not) eachCond(o.not, fn)
}

/** Every condition object of the rubric (nested ones included), with where it is: in the tree or outside it. */
function allConds(rubric: Obj): { c: Obj; outside: boolean }[] {
  const out: { c: Obj; outside: boolean }[] = []
  const walk = (items: Obj[]) => {
    for (const it of items ?? []) {
      if (it.requires) eachCond(it.requires, (c) => out.push({ c, outside: false }))
      if (it.when) eachCond(it.when, (c) => out.push({ c, outside: false }))
      if (it.kind === 'section') walk(it.items)
    }
  }
  walk(rubric.items)
  for (const g of rubric.gates ?? []) eachCond(g.when, (c) => out.push({ c, outside: true }))
  for (const t of rubric.grades?.thresholds ?? []) if (t.requires) eachCond(t.requires, (c) => out.push({ c, outside: true }))
  for (const f of rubric.findings ?? []) if (f.when) eachCond(f.when, (c) => out.push({ c, outside: true }))
  return out
}

/** Every name an item, a condition or another computed value reads (facts and computed values alike). */
function eachRead(R: Obj, fn: (name: string) => void): void {
  const walk = (items: Obj[]) => {
    for (const it of items ?? []) {
      if (it.kind === 'section') walk(it.items)
      for (const n of [it.fact, ...(it.terms ?? []).map((t: Obj) => t.fact), ...(it.deductions ?? []).map((d: Obj) => d.fact)]) if (typeof n === 'string') fn(n)
    }
  }
  walk(R.items)
  for (const { c } of allConds(R)) {
    if (typeof c.fact === 'string') fn(c.fact)
    if (typeof c.expr === 'string') exprNames(c.expr).forEach(fn)
  }
  for (const p of R.money?.penalties ?? []) if (typeof p.fact === 'string') fn(p.fact)
  for (const f of R.findings ?? []) if (typeof f.fact === 'string') fn(f.fact)
  for (const [name, cd] of Object.entries<Obj>(R.computed ?? {})) exprNames(cd.expr).filter((n) => n !== name).forEach(fn)
}

/** Effective parameter values: defaults, overridden by options.params. Numbers as micros, dates as day numbers. */
function paramValues(rubric: Obj, overrides: Obj | undefined): Map<string, number | string | boolean> {
  const out = new Map<string, number | string | boolean>()
  for (const [name, p] of Object.entries<Obj>(rubric.params ?? {})) {
    const raw = overrides && Object.prototype.hasOwnProperty.call(overrides, name) ? overrides[name] : p.default
    if (p.type === 'number' || p.type === 'rate') out.set(name, parseDec(raw)!)
    else if (p.type === 'integer') out.set(name, Number(raw) * M)
    else if (p.type === 'date') out.set(name, dayOf(String(raw))!)
    else out.set(name, raw as string | boolean)
  }
  return out
}

/** The rubric with every item max read from a parameter written out at the parameter's default. */
export function withMaxDefaults(rubric: Record<string, unknown>): Obj {
  const R = rubric as Obj
  const write = (list: Obj[]): Obj[] =>
    list.map((it) => {
      const max = it.max !== null && typeof it.max === 'object' ? (R.params[it.max.param] as Obj).default : it.max
      return it.kind === 'section' ? { ...it, max, items: write(it.items) } : { ...it, max }
    })
  return { ...R, items: write(R.items ?? []) }
}

export function analyzeRubric(rubric: Record<string, unknown>, options: RandomCase['options'] = {}): RubricInfo {
  const R = withMaxDefaults(rubric)
  const params = paramValues(R, options.params)
  const num = (v: unknown): number | undefined => (v !== null && typeof v === 'object' ? (params.get((v as Obj).param) as number | undefined) : parseDec(v))
  const from = options.period?.from ?? R.period?.from
  const to = options.period?.to ?? R.period?.to
  const span = { from: from === undefined ? undefined : dayOf(from), to: to === undefined ? undefined : dayOf(to) }
  const asOf = options.asOf !== undefined ? dayOf(options.asOf) : span.to
  const year = ymd(span.to ?? asOf ?? span.from ?? day(2017, 12, 31)).y

  // Facts that count faults or pieces (a count item's fact, a deduction's, a penalty's) are never negative unless declared.
  const counts = new Set<string>()
  const countWalk = (list: Obj[]) => {
    for (const it of list ?? []) {
      if (it.kind === 'section') countWalk(it.items)
      if (it.kind === 'count' && it.fact) counts.add(it.fact)
      if (it.kind === 'deductions') for (const d of it.deductions) if (d.fact) counts.add(d.fact)
    }
  }
  countWalk(R.items)
  for (const p of R.money?.penalties ?? []) if (p.fact) counts.add(p.fact)
  const facts = new Map<string, FactInfo>()
  for (const [name, f] of Object.entries<Obj>(R.facts ?? {})) {
    const info: FactInfo = { name, type: f.type, zeroable: R.missing === 'zero' || f.required === false, nonZero: false, points: [] }
    if (f.type === 'rate') ((info.lo = 0), (info.hi = M))
    if (f.type === 'number' || f.type === 'integer') {
      if (f.min !== undefined) info.lo = parseDec(f.min)
      if (f.max !== undefined) info.hi = parseDec(f.max)
      if (f.min === undefined && counts.has(name)) info.lo = 0
    }
    if (f.type === 'enum') info.values = f.values
    if (f.type === 'score') ((info.max = parseDec(f.max)), (info.many = f.many === true))
    facts.set(name, info)
  }
  const required = new Set<string>(R.missing === 'zero' || R.rollup ? [] : [...facts.values()].filter((f) => !f.zeroable).map((f) => f.name))

  const records = new Map<string, RecInfo>()
  for (const [name, rt] of Object.entries<Obj>(R.records ?? {})) records.set(name, { name, fields: rt.fields, date: rt.date, key: rt.key, priced: new Set() })

  const items = new Map<string, ItemInfo>()
  const itemOrder: string[] = []
  const tiers = new Set<string>()
  const targetPairs: RubricInfo['targetPairs'] = []
  let bonus = false
  const judgedError = new Map<string, { item: string; lo: number; hi: number }[]>()
  const readers = new Map<string, string[]>()
  const addReader = (f: string, id: string) => readers.set(f, [...(readers.get(f) ?? []), id])
  const point = (f: string | undefined, v: number | undefined) => {
    if (f === undefined || v === undefined) return
    facts.get(f)?.points.push(v)
  }
  const walk = (list: Obj[], parent: string | undefined) => {
    for (const it of list ?? []) {
      const max = parseDec(it.max)!
      const min = it.min === undefined ? 0 : parseDec(it.min)!
      const info: ItemInfo = { id: it.id, kind: it.kind, min, max, hi: max, parent, children: [], raw: it, range: [min, max] }
      items.set(it.id, info)
      itemOrder.push(it.id)
      if (parent) items.get(parent)!.children.push(it.id)
      const plain = it.requires === undefined
      let lo = min
      let hi = max
      // the targets of deduct and add: boundary values of the measured value, a tier fact always given, a target fact
      const targets = (target: unknown, step: number | undefined, at: (t: number, k: number) => number) => {
        const ts: (number | undefined)[] = []
        if (target !== null && typeof target === 'object' && typeof (target as Obj).by === 'string') {
          tiers.add((target as Obj).by)
          addReader((target as Obj).by, it.id)
          ts.push(...Object.values<unknown>((target as Obj).values).map(num))
        } else if (target !== null && typeof target === 'object' && typeof (target as Obj).fact === 'string') {
          const t = (target as Obj).fact as string
          if (plain) addReader(t, it.id)
          if (facts.has(t) && facts.has(it.fact) && step !== undefined) targetPairs.push({ a: it.fact, b: t, step })
        } else ts.push(num(target))
        for (const t of ts) if (t !== undefined && step !== undefined) for (const k of [0, 1, 2, 2.5, 10]) point(it.fact, at(t, Math.round(k * step)))
      }
      switch (it.kind) {
        case 'section':
          walk(it.items, it.id)
          break
        case 'check': {
          const yes = it.points === undefined ? max : num(it.points)!
          const no = it.else === undefined ? 0 : num(it.else)!
          ;[lo, hi] = [Math.min(yes, no), Math.max(yes, no)]
          break
        }
        case 'judged': {
          // a judged item with a bonus takes scores up to max + bonus (docs §9)
          const top = max + (it.bonus === undefined ? 0 : num(it.bonus)!)
          point(it.fact, min)
          point(it.fact, top)
          if (it.outOfRange === 'error') judgedError.set(it.fact, [...(judgedError.get(it.fact) ?? []), { item: it.id, lo: min, hi: top }])
          if (plain) addReader(it.fact, it.id)
          break
        }
        case 'deduct': {
          targets(it.target, num(it.step), (t, d) => (it.direction === 'above' ? t + d : t - d))
          if (plain) addReader(it.fact, it.id)
          const start = it.from === undefined ? max : num(it.from)!
          const floor = it.floor === undefined ? min : num(it.floor)!
          ;[lo, hi] = [floor, Math.max(floor, start)]
          break
        }
        case 'bands':
          for (const b of it.bands) {
            point(it.fact, num(b.from))
            point(it.fact, num(b.to))
          }
          if (plain) addReader(it.fact, it.id)
          if (it.bands.every((b: Obj) => b.points !== undefined)) {
            const ps = it.bands.map((b: Obj) => num(b.points)!)
            ;[lo, hi] = [Math.min(...ps), Math.max(...ps)]
          }
          break
        case 'count': {
          const cap = it.cap === undefined ? max : num(it.cap)!
          const ps: number[] = typeof it.points === 'object' && 'by' in it.points ? Object.values<unknown>(it.points.values).map((v) => num(v)!) : [num(it.points)!]
          const nonNeg = ps.every((p) => p >= 0) && (it.fact === undefined || (facts.get(it.fact)?.lo ?? -1) >= 0)
          ;[lo, hi] = nonNeg ? [Math.min(0, cap), cap] : [min, cap]
          if (it.fact !== undefined && plain) addReader(it.fact, it.id)
          if (typeof it.points === 'object' && 'by' in it.points) records.get(it.records)?.priced.add(it.points.by)
          break
        }
        case 'deductions': {
          const base = it.base === undefined ? max : num(it.base)!
          const floor = it.floor === undefined ? min : num(it.floor)!
          ;[lo, hi] = [floor, Math.max(floor, base)]
          for (const d of it.deductions) if (d.fact !== undefined && plain) addReader(d.fact, it.id)
          break
        }
        case 'weighted':
          for (const t of it.terms) if (plain) addReader(t.fact, it.id)
          break
        case 'quota': {
          const floor = it.floor === undefined ? min : num(it.floor)!
          ;[lo, hi] = [floor, Math.max(floor, max)]
          break
        }
        case 'add': {
          targets(it.target, num(it.step), (t, d) => (it.direction === 'below' ? t - d : t + d))
          if (plain) addReader(it.fact, it.id)
          lo = it.from === undefined ? 0 : num(it.from)!
          hi = Infinity
          break
        }
        case 'rated': {
          const ps = Object.values<unknown>(it.points).map((v) => num(v)!)
          ;[lo, hi] = [Math.min(0, ...ps), Math.max(0, ...ps)] // 0: no rating given (missing: zero)
          if (plain) addReader(it.fact, it.id)
          break
        }
      }
      // the ceiling: max + bonus; a section without bonus passes on its items' extra (docs §8)
      if (it.bonus !== undefined) info.hi = max + parseDec(it.bonus)!
      else if (it.kind === 'section') info.hi = max + info.children.reduce((a, c) => a + items.get(c)!.hi - items.get(c)!.max, 0)
      if (info.hi > max) bonus = true
      if (it.kind === 'section' || it.kind === 'weighted' || it.kind === 'bands' || it.kind === 'judged') hi = info.hi
      if (!plain) ((lo = Math.min(lo, it.otherwise === undefined ? 0 : parseDec(it.otherwise)!)), (hi = Math.max(hi, it.otherwise === undefined ? 0 : parseDec(it.otherwise)!)))
      const clamp = (v: number) => Math.min(info.hi, Math.max(min, v))
      info.range = [clamp(lo), clamp(Math.max(lo, hi))]
    }
  }
  walk(R.items, undefined)
  for (const rw of R.money?.rewards ?? []) records.get(rw.records)?.priced.add(rw.category)

  const outside = new Set<string>()
  const dateMarks: number[] = []
  const recordMarks: number[] = []
  const datePairs: { a: string; b: string; d: Duration }[] = []
  // a duration part may be an integer parameter: read at its default
  const dur = (d: Obj): Duration => {
    const part = (v: unknown) => (v !== null && typeof v === 'object' ? Number((R.params[(v as Obj).param] as Obj).default) : (v as number | undefined))
    return { years: part(d.years), months: part(d.months), days: part(d.days) }
  }
  const resolveDate = (v: unknown): number | undefined => {
    if (v !== null && typeof v === 'object') return params.get((v as Obj).param) as number
    const s = String(v)
    if (!s.startsWith('--')) return dayOf(s)
    const anchor = span.to ?? asOf
    if (anchor === undefined) return undefined
    const y = ymd(anchor).y
    const mo = Number(s.slice(2, 4))
    return day(y, mo, Math.min(Number(s.slice(5, 7)), dim(y, mo)))
  }
  const around = (list: number[], d: number | undefined) => {
    if (d !== undefined) list.push(d - 1, d, d + 1)
  }
  for (const { c, outside: out } of allConds(R)) {
    const factNames = [c.fact, c.date, c.before, c.at, ...(c.span ?? []), ...(c.order ?? [])].filter((x) => typeof x === 'string')
    if (out) factNames.forEach((f) => outside.add(f))
    if (typeof c.fact === 'string') {
      for (const k of ['atLeast', 'atMost', 'above', 'below', 'is']) if (c[k] !== undefined && typeof c[k] !== 'boolean') point(c.fact, num(c[k]))
      for (const v of c.in ?? []) point(c.fact, num(v))
      for (const v of c.between ?? []) point(c.fact, num(v))
    }
    if (typeof c.date === 'string') {
      around(dateMarks, c.onOrBefore === undefined ? undefined : resolveDate(c.onOrBefore))
      around(dateMarks, c.onOrAfter === undefined ? undefined : resolveDate(c.onOrAfter))
      for (const d of [c.validFor, c.heldFor]) {
        if (!d) continue
        if (c.at) datePairs.push({ a: c.date, b: c.at, d: dur(d) })
        else if (asOf !== undefined) around(dateMarks, addDur(asOf, dur(d), -1))
      }
    }
    if (Array.isArray(c.span)) for (const d of [c.atLeast, c.atMost]) if (d) datePairs.push({ a: c.span[0], b: c.span[1], d: dur(d) })
    if (Array.isArray(c.order)) for (let i = 1; i < c.order.length; i++) datePairs.push({ a: c.order[i - 1], b: c.order[i], d: {} })
    if (typeof c.count === 'string' && c.within) {
      if (c.before) datePairs.push({ a: c.before, b: c.before, d: dur(c.within) })
      else if (asOf !== undefined) around(recordMarks, addDur(asOf, dur(c.within), -1))
    }
  }
  for (const p of R.money?.penalties ?? []) if (p.fact) outside.add(p.fact)

  // computed values and expr conditions: the facts they read (a gate's or threshold's expression reads subject-level
  // facts, as a rollup's outside facts), and the divisors valid evidence must not make 0
  const computed = new Map<string, { names: string[]; divisors: string[] }>()
  for (const [name, c] of Object.entries<Obj>(R.computed ?? {})) computed.set(name, { names: exprNames(c.expr), divisors: exprDivisors(c.expr) })
  const factsRead = (names: string[], seen = new Set<string>()): string[] =>
    names.flatMap((n) => {
      if (seen.has(n)) return []
      seen.add(n)
      const c = computed.get(n)
      return c ? factsRead(c.names, seen) : facts.has(n) ? [n] : []
    })
  const read = new Set<string>()
  const readComputed = (n: string) => {
    if (read.has(n) || !computed.has(n)) return
    read.add(n)
    computed.get(n)!.names.forEach(readComputed)
  }
  const divisorsOf: string[] = []
  for (const { c, outside: out } of allConds(R)) {
    const names = [...(typeof c.fact === 'string' ? [c.fact] : []), ...(typeof c.expr === 'string' ? exprNames(c.expr) : [])]
    names.forEach(readComputed)
    if (out) factsRead(names).forEach((f) => outside.add(f))
    if (typeof c.expr === 'string') divisorsOf.push(...exprDivisors(c.expr))
  }
  for (const id of itemOrder) {
    const it = items.get(id)!.raw
    for (const n of [it.fact, it.target?.fact, ...(it.terms ?? []).map((t: Obj) => t.fact), ...(it.deductions ?? []).map((d: Obj) => d.fact)]) if (typeof n === 'string') readComputed(n)
  }
  // a penalty reads its fact (or computed value) with the subject-level facts, as a gate does
  for (const p of R.money?.penalties ?? [])
    if (typeof p.fact === 'string') {
      readComputed(p.fact)
      factsRead([p.fact]).forEach((f) => outside.add(f))
    }
  // a finding reads its fact with the subject-level facts, as a gate does
  for (const f of R.findings ?? []) if (typeof f.fact === 'string') factsRead([f.fact]).forEach((x) => outside.add(x))
  for (const n of read) divisorsOf.push(...computed.get(n)!.divisors)
  for (const d of divisorsOf) if (facts.has(d)) facts.get(d)!.nonZero = true

  // count computed values: read as a count, no declared min (a negative value is refused when worked out)
  const countNeg: RubricInfo['countNeg'] = new Map()
  const negEntry = (n: string) => {
    if (!computed.has(n) || R.computed[n].min !== undefined) return undefined
    if (!countNeg.has(n)) countNeg.set(n, { items: [], penalty: false, inputs: factsRead([n]) })
    return countNeg.get(n)!
  }
  for (const id of itemOrder) {
    const it = items.get(id)!.raw
    if (it.kind === 'deductions') for (const d of it.deductions) if (typeof d.fact === 'string') negEntry(d.fact)?.items.push(id)
  }
  for (const p of R.money?.penalties ?? []) if (typeof p.fact === 'string') {
    const e = negEntry(p.fact)
    if (e) e.penalty = true
  }

  around(recordMarks, span.from)
  around(recordMarks, span.to)
  let rollup: RubricInfo['rollup']
  if (Array.isArray(R.rollup) && R.rollup.length) rollup = { first: R.rollup[0].from, levels: R.rollup }
  return { rubric: R, facts, records, items, itemOrder, total: parseDec(R.total)!, judgedError, readers, outside, required, rollup, span, asOf, dateMarks, recordMarks, datePairs, year, computed, params, countNeg, tiers, targetPairs, bonus }
}

/** The items marked not applicable by these ids, with everything inside them. */
function naClosure(info: RubricInfo, ids: readonly string[]): Set<string> {
  const out = new Set<string>()
  const mark = (id: string) => {
    if (out.has(id)) return
    out.add(id)
    for (const c of info.items.get(id)?.children ?? []) mark(c)
  }
  ids.forEach(mark)
  return out
}

// =====================================================================================================================
// Evidence
// =====================================================================================================================

/** The interval a valid value of this fact must lie in for a subject with these N/A items. */
function validInterval(info: RubricInfo, f: FactInfo, na: Set<string>): { lo: number; hi: number } {
  let lo = f.lo ?? (f.hi !== undefined ? f.hi - 30 * M : Math.min(-10 * M, ...f.points) - 5 * M)
  let hi = f.hi ?? (f.lo !== undefined ? Math.max(f.lo + 60 * M, ...f.points) + 5 * M : Math.max(100 * M, ...f.points) + 5 * M)
  if (f.hi === undefined && f.lo === undefined) lo = Math.min(lo, ...f.points.map((p) => p - 5 * M))
  for (const j of info.judgedError.get(f.name) ?? []) {
    if (na.has(j.item)) continue
    lo = Math.max(lo, j.lo)
    hi = Math.min(hi, j.hi)
  }
  if (f.type === 'integer') ((lo = Math.ceil(lo / M) * M), (hi = Math.floor(hi / M) * M))
  // a divisor (an integer fact whose range starts at 0): never 0, so never left out either (it would read as 0)
  if (f.nonZero && lo <= 0 && hi >= M) lo = M
  return { lo, hi: Math.max(lo, hi) }
}

function numericValue(r: Rng, info: RubricInfo, f: FactInfo, na: Set<string>): number {
  const { lo, hi } = validInterval(info, f, na)
  const inside = (v: number) => Math.min(hi, Math.max(lo, v))
  let v: number
  if (f.points.length && r.bool(0.45)) {
    v = r.pick(f.points)
    if (r.bool(0.3)) v += r.pick([-1, 1]) * r.pick(f.type === 'integer' ? [M] : [1, 10, 1000, 10_000, M])
  } else if (r.bool(0.1)) v = r.pick([lo, hi, 0])
  else v = randMicro(r, lo, hi)
  v = inside(v)
  if (f.type === 'integer') v = inside(Math.round(v / M) * M)
  return v
}

/**
 * Whether a valid subject may leave the fact out: it must be zeroable, and for a numeric fact the 0 it is then read
 * as must be a value the fact may take. (kaoping reads a missing number as 0 even when the fact's own min is above 0:
 * a bands item then finds no band and a judged item with outOfRange: error refuses it; see the report.)
 */
function canOmit(info: RubricInfo, f: FactInfo, na: Set<string>): boolean {
  if (!f.zeroable || f.type === 'score' || info.tiers.has(f.name)) return false
  if (f.type !== 'number' && f.type !== 'integer' && f.type !== 'rate') return true
  const { lo, hi } = validInterval(info, f, na)
  return lo <= 0 && 0 <= hi
}

function scoreValue(r: Rng, f: FactInfo, plain: boolean): number | string {
  const max = f.max!
  return evNum(r, r.bool(0.15) ? r.pick([0, max]) : randMicro(r, 0, max, 3), plain ? 0 : 0.4)
}

function factValue(r: Rng, info: RubricInfo, f: FactInfo, na: Set<string>, plain = false): unknown {
  switch (f.type) {
    case 'boolean':
      return r.bool()
    case 'enum':
      return r.pick(f.values!)
    case 'date':
      return dayText(someEvidenceDay(r, info, info.dateMarks))
    case 'score':
      return f.many ? Array.from({ length: r.int(1, 4) }, () => scoreValue(r, f, plain)) : scoreValue(r, f, plain)
    case 'integer':
      return numericValue(r, info, f, na) / M
    default:
      return evNum(r, numericValue(r, info, f, na), plain ? 0 : 0.4)
  }
}

function someEvidenceDay(r: Rng, info: RubricInfo, marks: number[], window?: { from?: number; to?: number }): number {
  const w = window ?? info.span
  const y = info.year
  const from = w.from ?? day(y, 1, 1)
  const to = w.to ?? day(y, 12, 31)
  return r.weighted<() => number>([
    [6, () => r.int(from, Math.max(from, to))],
    [marks.length ? 3 : 0, () => r.pick(marks)],
    [2, () => r.pick([from, to, from - 1, to + 1])],
    [1, () => r.int(day(y - 4, 1, 1), day(y + 1, 12, 31))],
  ])()
}

// --- computed values, exactly: is a count computed value negative for this evidence? ----------------------------

/** An exact fraction n / d, d > 0. */
interface Rat {
  n: bigint
  d: bigint
}

const ratOfMicros = (m: number): Rat => ({ n: BigInt(m), d: BigInt(M) })

/** The rounded value (micros, as a bigint) of a fraction at `places` with a mode of docs §19. */
function roundRat(x: Rat, places: number, mode: string): bigint {
  const scale = 10n ** BigInt(places)
  const num = x.n * scale
  const neg = num < 0n
  const mag = neg ? -num : num
  const whole = mag / x.d
  const rest = mag % x.d
  let up = false
  if (rest !== 0n) {
    const half = 2n * rest === x.d ? 0 : 2n * rest > x.d ? 1 : -1
    up =
      mode === 'half-up' ? half >= 0
      : mode === 'half-down' ? half > 0
      : mode === 'half-even' ? half > 0 || (half === 0 && whole % 2n === 1n)
      : mode === 'up' ? true
      : mode === 'down' ? false
      : mode === 'ceil' ? !neg
      : neg // floor
  }
  const v = whole + (up ? 1n : 0n)
  return (neg ? -v : v) * 10n ** BigInt(6 - places)
}

/**
 * The exact value of an expression (the grammar of docs §5), each name's value given by `value`; undefined when it
 * divides by 0 or a name has no value.
 */
function exprRat(text: string, value: (name: string) => Rat | undefined): Rat | undefined {
  const tokens: string[] = text.match(/[0-9]+(?:\.[0-9]+)?|[A-Za-z][A-Za-z0-9_]*|[-+*/(),]/g) ?? []
  let i = 0
  let bad = false
  const mk = (n: bigint, d: bigint): Rat => (d < 0n ? { n: -n, d: -d } : { n, d })
  const cmp = (a: Rat, b: Rat) => a.n * b.d - b.n * a.d
  const leaf = (t: string): Rat => {
    if (/^[0-9]/.test(t)) return ratOfMicros(parseDec(t)!)
    const v = value(t)
    if (v === undefined) bad = true
    return v ?? { n: 0n, d: 1n }
  }
  const sum = (): Rat => {
    let a = prod()
    while (tokens[i] === '+' || tokens[i] === '-') {
      const op = tokens[i++]
      const b = prod()
      a = mk(op === '+' ? a.n * b.d + b.n * a.d : a.n * b.d - b.n * a.d, a.d * b.d)
    }
    return a
  }
  const prod = (): Rat => {
    let a = unary()
    while (tokens[i] === '*' || tokens[i] === '/') {
      const op = tokens[i++]
      const b = unary()
      if (op === '*') a = mk(a.n * b.n, a.d * b.d)
      else if (b.n === 0n) bad = true
      else a = mk(a.n * b.d, a.d * b.n)
    }
    return a
  }
  const unary = (): Rat => {
    if (tokens[i] === '-') {
      i++
      const a = unary()
      return { n: -a.n, d: a.d }
    }
    return atom()
  }
  const atom = (): Rat => {
    const t = tokens[i++]!
    if (t === '(') {
      const a = sum()
      i++ // ')'
      return a
    }
    if (tokens[i] !== '(') return leaf(t)
    i++
    const args = [sum()]
    while (tokens[i] === ',') (i++, args.push(sum()))
    i++ // ')'
    if (t === 'abs') return { n: args[0]!.n < 0n ? -args[0]!.n : args[0]!.n, d: args[0]!.d }
    return args.reduce((a, b) => (t === 'min' ? (cmp(b, a) < 0 ? b : a) : cmp(b, a) > 0 ? b : a))
  }
  const exact = sum()
  return bad ? undefined : exact
}

/** A computed value's stored value (micros): its exact value rounded once as `round` says (exact without it). */
function roundComputed(decl: Obj, exact: Rat | undefined): bigint | undefined {
  if (exact === undefined) return undefined
  return decl.round ? roundRat(exact, decl.round.places, decl.round.mode) : roundRat(exact, 6, 'down')
}

/**
 * The value (micros) of a computed value for these facts (a missing fact reads 0; parameters at their values);
 * undefined when an expression divides by 0 (the subject is refused anyway).
 */
function computedMicros(info: RubricInfo, name: string, facts: Obj, cache = new Map<string, bigint | undefined>()): bigint | undefined {
  if (cache.has(name)) return cache.get(name)
  const decl = (info.rubric.computed as Obj)[name] as Obj
  const v = roundComputed(
    decl,
    exprRat(decl.expr, (t) => {
      if (info.computed.has(t)) {
        const c = computedMicros(info, t, facts, cache)
        return c === undefined ? undefined : { n: c, d: BigInt(M) }
      }
      if (info.facts.has(t)) {
        const x = facts[t]
        return ratOfMicros(x === undefined ? 0 : info.facts.get(t)!.type === 'integer' ? (x as number) * M : parseDec(x)!)
      }
      return ratOfMicros(info.params.get(t) as number)
    }),
  )
  cache.set(name, v)
  return v
}

/** The count computed values a run reads that are negative for these facts (docs §5: refused when worked out). */
function negativeCounts(info: RubricInfo, facts: Obj, reads: (e: { items: string[]; penalty: boolean }) => boolean): string[] {
  const cache = new Map<string, bigint | undefined>()
  return [...info.countNeg].filter(([n, e]) => reads(e) && (computedMicros(info, n, facts, cache) ?? 0n) < 0n).map(([n]) => n)
}

/**
 * Keeps the count computed values a run reads ≥ 0 by drawing the facts they read again (into `layer`, over `base`);
 * false when that does not succeed.
 */
function repairCounts(r: Rng, info: RubricInfo, base: Obj, layer: Obj, na: Set<string>, reads: (e: { items: string[]; penalty: boolean }) => boolean, plain = false): boolean {
  for (let tries = 0; tries < 40; tries++) {
    const bad = negativeCounts(info, { ...base, ...layer }, reads)
    if (!bad.length) return true
    for (const n of bad) for (const f of info.countNeg.get(n)!.inputs) layer[f] = factValue(r, info, info.facts.get(f)!, na, plain)
  }
  return !negativeCounts(info, { ...base, ...layer }, reads).length
}

/** A run reads a count computed value when a penalty reads it (the subject level) or an applicable item does. */
const readsIn = (na: Set<string>, penalty: boolean) => (e: { items: string[]; penalty: boolean }) => (penalty && e.penalty) || e.items.some((id) => !na.has(id))

/** Puts a deduct or add item's measured value next to its `{ fact }` target now and then (on it, a step either side). */
function correlateTargets(r: Rng, info: RubricInfo, facts: Obj, na: Set<string>, plain: boolean): void {
  for (const { a, b, step } of info.targetPairs) {
    if (!r.bool(0.3) || facts[b] === undefined || a === b) continue
    const fa = info.facts.get(a)!
    const fb = info.facts.get(b)!
    const t = fb.type === 'integer' ? (facts[b] as number) * M : parseDec(facts[b])!
    let v = t + r.pick([-1, 0, 0, 1]) * step
    const { lo, hi } = validInterval(info, fa, na)
    if (fa.type === 'integer') v = Math.round(v / M) * M
    if (v < lo || v > hi) continue
    facts[a] = fa.type === 'integer' ? v / M : evNum(r, v, plain ? 0 : 0.4)
  }
}

/** Moves some date facts so that the pairs the rubric relates sit on (or next to) their boundaries. */
function correlateDates(r: Rng, info: RubricInfo, facts: Obj): void {
  for (const { a, b, d } of info.datePairs) {
    if (!r.bool(0.35) || typeof facts[a] !== 'string' || a === b) continue
    const base = dayOf(facts[a])!
    facts[b] = dayText(addDur(base, d) + r.pick([-2, -1, 0, 0, 1]))
  }
}

function recordRows(r: Rng, info: RubricInfo, rec: RecInfo, window: { from?: number; to?: number } | undefined, n: number): Obj[] {
  const rows: Obj[] = []
  for (let i = 0; i < n; i++) {
    const row: Obj = {}
    for (const [name, f] of Object.entries(rec.fields)) {
      const must = name === rec.date || name === rec.key || rec.priced.has(name)
      if (!must && r.bool(0.08)) continue
      switch (f.type) {
        case 'date':
          row[name] = dayText(name === rec.date ? someEvidenceDay(r, info, info.recordMarks, window) : someEvidenceDay(r, info, []))
          break
        case 'string':
          row[name] = name === rec.key ? r.pick(KEY_POOL) : r.pick(STRING_POOL)
          break
        case 'enum':
          row[name] = r.pick(f.values as string[])
          break
        case 'boolean':
          row[name] = r.bool(0.6)
          break
        case 'number':
          row[name] = evNum(r, randMicro(r, -5 * M, 20 * M))
          break
        case 'integer':
          row[name] = r.int(0, 5)
          break
      }
    }
    rows.push(row)
  }
  return rows
}

function recordsFor(r: Rng, info: RubricInfo, window?: { from?: number; to?: number }, p = 0.75): Obj | undefined {
  const out: Obj = {}
  for (const rec of info.records.values()) {
    if (!r.bool(p)) continue
    out[rec.name] = recordRows(r, info, rec, window, r.weighted([
      [2, 0],
      [6, r.int(1, 4)],
      [3, r.int(4, 9)],
    ]))
  }
  return Object.keys(out).length ? out : undefined
}

interface Built {
  subject: Obj
  invalid?: { reason: InvalidReason; detail: string }
}

/**
 * One subject's evidence for an analysed rubric: valid, or (wantInvalid) invalid in exactly one way that every
 * path must refuse. Falls back to a valid subject when no kind of invalidity fits.
 */
export function buildSubject(info: RubricInfo, seed: number, id: string, wantInvalid = false): Built {
  const r = new Rng(seed)
  const s: Obj = { id }
  if (r.bool(0.5)) s.name = `${id}統計局`
  // A plain subject has the shape bulk scoring (Evaluator.totals) takes on its fast path: id, name, facts, records
  // only, every declared fact given, numbers as numbers. The others vary everything.
  const plain = r.bool(0.35)
  const naIds = !plain && r.bool(0.35) ? r.sample(info.itemOrder, r.int(1, Math.min(3, info.itemOrder.length))) : []
  if (naIds.length) s.notApplicable = naIds
  const na = naClosure(info, naIds)
  const rolled = !plain && info.rollup !== undefined && r.bool(0.85)

  // facts at the subject level
  const facts: Obj = {}
  const inPeriods = new Set<string>()
  // in the declared order mostly, sometimes not: the compiled reader finds each key by position, else by name
  for (const f of r.bool(0.3) ? r.shuffle([...info.facts.values()]) : info.facts.values()) {
    const mustGive = !canOmit(info, f, na)
    if (rolled && !info.outside.has(f.name) && f.type !== 'score' && r.bool(0.4)) {
      inPeriods.add(f.name)
      continue
    }
    if (mustGive || plain || r.bool(0.7)) facts[f.name] = factValue(r, info, f, na, plain)
  }
  correlateDates(r, info, facts)
  correlateTargets(r, info, facts, na, plain)
  if (Object.keys(facts).length || info.required.size || plain || r.bool(0.5)) s.facts = facts

  // records
  const recs = recordsFor(r, info)
  if (recs) s.records = recs

  // periods (rollup)
  if (rolled) {
    const span = info.span as { from: number; to: number }
    const unit = info.rollup!.first
    let periods = periodsBetween(span.from, span.to, unit)
    const level0 = info.rollup!.levels[0]!
    if (level0.missing === 'skip' && r.bool(0.4)) {
      // drop some periods, but keep one in every group of the next unit (later levels may refuse a missing group)
      const next = level0.to as Unit
      const keep = new Set<string>()
      const groups = new Map<string, string[]>()
      for (const p of periods) groups.set(periodKey(p.from, next), [...(groups.get(periodKey(p.from, next)) ?? []), p.key])
      for (const g of groups.values()) keep.add(r.pick(g))
      periods = periods.filter((p) => keep.has(p.key) || r.bool(0.6))
    }
    if (r.bool(0.1)) {
      const before = periodOf(periodOf(span.from, unit).from - 1, unit)
      periods = [{ key: periodKey(before.from, unit), ...before }, ...periods]
    }
    const out: Obj = {}
    for (const p of r.bool(0.2) ? r.shuffle(periods) : periods) {
      const pNa = r.bool(0.1) ? r.sample(info.itemOrder, 1) : []
      const closure = naClosure(info, [...naIds, ...pNa])
      const pf: Obj = {}
      for (const f of info.facts.values()) {
        if (inPeriods.has(f.name)) {
          if (!canOmit(info, f, closure) || r.bool(0.85)) pf[f.name] = factValue(r, info, f, closure)
        } else if (r.bool(0.25)) pf[f.name] = factValue(r, info, f, closure)
      }
      correlateDates(r, info, pf)
      const entry: Obj = {}
      if (Object.keys(pf).length) entry.facts = pf
      const pr = recordsFor(r, info, r.bool(0.85) ? p : undefined, 0.4)
      if (pr) entry.records = pr
      if (pNa.length) entry.notApplicable = pNa
      out[p.key] = entry
    }
    s.periods = out
  }

  // adjustments
  if (!plain && r.bool(0.22) && info.itemOrder.length) {
    const adj: Obj[] = []
    for (let i = r.int(1, 2); i > 0; i--) {
      const target = r.bool(0.15) ? 'total' : r.pick(info.itemOrder)
      const it = target === 'total' ? { min: 0, max: info.total, hi: info.total, range: [0, info.total] as [number, number] } : info.items.get(target)!
      const a: Obj = { item: target }
      // within [min, max + bonus] (docs §8, §17), with a rollup too
      const top = it.hi
      // `by` on the total only when nothing gives more than its max (a bonus may take the total above `total`)
      if (!rolled && !(target === 'total' && info.bonus) && r.bool(0.4)) {
        const [lo, hi] = it.range
        a.by = evNum(r, randMicro(r, it.min - lo, top - hi, 2))
      } else a.to = evNum(r, r.bool(0.3) ? r.pick([it.min, it.max, top]) : randMicro(r, it.min, top, 2))
      a.reason = r.pick(REASONS)
      a.approver = r.pick(APPROVERS)
      if (r.bool(0.5)) a.date = dayText((info.span.to ?? day(info.year, 12, 31)) + r.int(1, 40))
      adj.push(a)
    }
    s.adjustments = adj
  }

  // self-assessment (never with a rollup: it is not computed there)
  if (!plain && !info.rollup && r.bool(0.15)) {
    const self: Obj = {}
    const sf: Obj = {}
    for (const f of info.facts.values()) if (r.bool(0.4)) sf[f.name] = factValue(r, info, f, na)
    if (Object.keys(sf).length || r.bool(0.5)) self.facts = sf
    if (r.bool(0.3)) self.records = recordsFor(r, info) ?? {}
    s.self = self
  }

  // count computed values (docs §5): ≥ 0 wherever a run of this subject works them out — the subject level (a
  // penalty; the tree unless rolled up), each period, the self-assessment; else the subject is invalid
  let negative: Built['invalid']
  if (info.countNeg.size) {
    const refuse = (where: string) => (negative ??= { reason: 'negative-count', detail: `a count computed value is negative (${where}) and declares no min` })
    // repairs into a layer of facts (created when missing, dropped again when it stays empty)
    const repair = (owner: Obj, base: Obj, layerNa: Set<string>, reads: ReturnType<typeof readsIn>): boolean => {
      const layer = (owner.facts ?? {}) as Obj
      const ok = repairCounts(r, info, base, layer, layerNa, reads, plain && owner === s)
      if (owner.facts !== undefined || Object.keys(layer).length) owner.facts = layer
      return ok
    }
    if (!repair(s, {}, na, readsIn(rolled ? new Set(info.itemOrder) : na, true))) refuse('subject level')
    const sf = (s.facts ?? {}) as Obj
    if (s.periods) {
      const inSpan = new Set(periodsBetween(info.span.from!, info.span.to!, info.rollup!.first).map((p) => p.key))
      for (const [key, p] of Object.entries<Obj>(s.periods)) {
        const pNa = naClosure(info, [...naIds, ...(p.notApplicable ?? [])])
        if (!repair(p, sf, pNa, readsIn(pNa, false)) && inSpan.has(key)) refuse(`period ${key}`)
      }
    }
    if (s.self && !repair(s.self, sf, na, readsIn(na, false))) refuse('self-assessment')
  }
  if (negative) return { subject: s, invalid: negative }
  if (!wantInvalid) return { subject: s }
  const invalid = makeInvalid(r, info, s, na, rolled)
  return invalid ? { subject: s, invalid } : { subject: s }
}

/** Makes the subject invalid in one way every path must refuse; undefined when none applies. */
function makeInvalid(r: Rng, info: RubricInfo, s: Obj, na: Set<string>, rolled: boolean): Built['invalid'] {
  const facts = [...info.facts.values()]
  const scoredDirectly = !rolled
  // a fact surely read: a leaf reads it as its own value, without a prerequisite, and nothing above it is N/A
  const surelyRead = (f: FactInfo) => (info.readers.get(f.name) ?? []).some((id) => !na.has(id))
  const options: [number, InvalidReason][] = []
  const requiredGiven = [...info.required].filter((f) => s.facts && f in s.facts)
  if (requiredGiven.length) options.push([4, 'missing-required-fact'])
  if (facts.some((f) => f.type === 'rate')) options.push([4, 'rate-out-of-range'])
  const decimals = scoredDirectly ? facts.filter((f) => (f.type === 'rate' || f.type === 'number') && surelyRead(f)) : []
  if (decimals.length) options.push([4, 'too-many-decimals'])
  options.push([3, 'unknown-fact'])
  // an adjustment of an item 不適用 has no effect (with a rollup too: an item 不適用 in every period given is 不適用
  // in the combined result): only applicable leaves
  const periodNa = rolled && s.periods ? Object.values<Obj>(s.periods).map((p) => naClosure(info, [...na, ...(p.notApplicable ?? [])])) : []
  const naEverywhere = (id: string) => na.has(id) || (periodNa.length > 0 && periodNa.every((set) => set.has(id)))
  const leaves = [...info.items.values()].filter((it) => it.kind !== 'section' && !naEverywhere(it.id))
  if (leaves.length) options.push([4, 'adjustment-out-of-bounds'])
  const judged = scoredDirectly
    ? [...info.items.values()].filter((it) => {
        if (it.kind !== 'judged' || it.raw.outOfRange !== 'error' || it.raw.requires !== undefined || na.has(it.id) || !info.facts.has(it.raw.fact)) return false
        const f = info.facts.get(it.raw.fact)!
        return (f.lo === undefined || f.lo < it.min) || (f.hi === undefined || f.hi > it.hi)
      })
    : []
  if (judged.length) options.push([20, 'judged-out-of-range'])
  const bounded = facts.filter((f) => (f.type === 'number' || f.type === 'integer') && (f.lo !== undefined || f.hi !== undefined))
  if (bounded.length) options.push([2, 'number-out-of-range'])
  const integers = facts.filter((f) => f.type === 'integer')
  if (integers.length) options.push([1, 'integer-as-string'])
  const enums = facts.filter((f) => f.type === 'enum')
  if (enums.length) options.push([1, 'enum-value-unknown'])
  options.push([1, 'unknown-not-applicable-item'])
  const dated = [...info.records.values()].filter((rec) => rec.date !== undefined)
  if (dated.length) options.push([1, 'record-without-date'])
  // a computed value surely read (a leaf reads it as its own value, without a prerequisite, applicable; a condition
  // every path decides reads it; or a computed value surely read reads it), or an expr condition every path decides,
  // that divides by an integer fact whose range starts at 0: that fact given as 0
  const sure = new Set<string>()
  const markSure = (n: string): void => {
    if (sure.has(n) || !info.computed.has(n)) return
    sure.add(n)
    info.computed.get(n)!.names.forEach(markSure)
  }
  for (const n of info.computed.keys()) if ((info.readers.get(n) ?? []).some((id) => !na.has(id))) markSure(n)
  // conditions every path decides (all / any decide every part): an applicable item's requires, an applicable
  // check's when (without requires), every gate; the computed values they read and their own expressions
  const sureExprs: string[] = []
  const condReads = (root: unknown) =>
    eachCond(root, (x) => {
      if (typeof x.fact === 'string') markSure(x.fact)
      if (typeof x.expr === 'string') (exprNames(x.expr).forEach(markSure), sureExprs.push(x.expr))
    })
  // a section every item of which is dropped (不適用 with rescale) is 不適用 itself (docs §8): its requires is not read
  const dropped = new Set(na)
  const policy = (it: ItemInfo) => it.raw.notApplicable ?? info.rubric.notApplicable ?? 'rescale'
  for (const id of [...info.itemOrder].reverse()) {
    const it = info.items.get(id)!
    if (it.kind === 'section' && it.children.every((c) => dropped.has(c) && policy(info.items.get(c)!) === 'rescale')) dropped.add(id)
  }
  for (const it of info.items.values()) {
    if (dropped.has(it.id)) continue
    if (it.raw.requires !== undefined) condReads(it.raw.requires)
    else if (it.kind === 'check' && it.raw.when !== undefined) condReads(it.raw.when)
  }
  for (const g of info.rubric.gates ?? []) condReads(g.when)
  const zeroDivisors = scoredDirectly
    ? [...new Set([...[...sure].flatMap((n) => info.computed.get(n)!.divisors), ...sureExprs.flatMap(exprDivisors)])].filter((d) => {
        const f = info.facts.get(d)
        return f !== undefined && f.type === 'integer' && f.lo !== undefined && f.lo <= 0 && (f.hi === undefined || f.hi >= 0)
      })
    : []
  if (zeroDivisors.length) options.push([80, 'division-by-zero'])
  // a count computed value the subject level surely works out (a penalty; an applicable item without prerequisite),
  // made negative by drawing its facts again
  const negReads = readsIn(scoredDirectly ? na : new Set(info.itemOrder), true)
  const negs = [...info.countNeg].filter(([, e]) => negReads(e) && (e.penalty || e.items.some((id) => !na.has(id) && info.items.get(id)!.raw.requires === undefined)))
  if (negs.length) options.push([80, 'negative-count'])
  // a tier target surely read (an applicable deduct or add item without prerequisite), its tier left out
  const tierItems = scoredDirectly
    ? [...info.items.values()].filter((it) => (it.kind === 'deduct' || it.kind === 'add') && it.raw.requires === undefined && !na.has(it.id) && typeof it.raw.target?.by === 'string')
    : []
  if (tierItems.length) options.push([20, 'tier-missing'])

  const reason = r.weighted(options)
  const facts_ = (s.facts ??= {}) as Obj
  switch (reason) {
    case 'missing-required-fact': {
      const f = r.pick(requiredGiven)
      delete facts_[f]
      return { reason, detail: `required fact ${f} is missing` }
    }
    case 'rate-out-of-range': {
      const f = r.pick(facts.filter((x) => x.type === 'rate'))
      facts_[f.name] = r.pick([1.2, 1.5, -0.1, 2, 1.000001])
      return { reason, detail: `rate ${f.name} = ${facts_[f.name]}` }
    }
    case 'too-many-decimals': {
      const f = r.pick(decimals)
      const { lo, hi } = validInterval(info, f, na)
      // strictly inside the interval, so that the 7th decimal (moving away from 0) keeps it within the fact's range
      const base = randMicro(r, Math.min(lo + 1, hi - 1), Math.max(lo + 1, hi - 1), 5)
      const [ip, fp = ''] = decText(Math.abs(base)).split('.')
      const text = `${base < 0 ? '-' : ''}${ip}.${fp.padEnd(6, '0')}${r.int(1, 9)}`
      facts_[f.name] = r.bool(0.5) ? Number(text) : text
      return { reason, detail: `fact ${f.name} = ${text} (7 decimal places)` }
    }
    case 'unknown-fact':
      facts_[r.pick(['unknownFact', 'townshipPassRatio', 'extra_1'])] = r.pick([1, true, 'x', 0.5])
      return { reason, detail: 'a fact the rubric does not declare' }
    case 'adjustment-out-of-bounds': {
      const it = r.pick(leaves)
      const above = r.bool(0.6)
      const to = above ? it.hi + randMicro(r, 10_000, 5 * M, 2) : it.min - randMicro(r, 10_000, 5 * M, 2)
      const adj = (s.adjustments ??= []) as Obj[]
      adj.push({ item: it.id, to: evNum(r, to), reason: '複核', approver: '張三' })
      return { reason, detail: `adjustment of ${it.id} to ${decText(to)}, outside [${decText(it.min)}, ${decText(it.hi)}]` }
    }
    case 'judged-out-of-range': {
      const it = r.pick(judged)
      const f = info.facts.get(it.raw.fact)!
      const below = f.lo === undefined || f.lo < it.min
      const above = f.hi === undefined || f.hi > it.hi
      const low = below && (!above || r.bool())
      let v = low ? randMicro(r, f.lo ?? it.min - 5 * M, it.min - 1, 2) : randMicro(r, it.hi + 1, f.hi ?? it.hi + 5 * M, 2)
      if (f.type === 'integer') v = low ? Math.floor((it.min - 1) / M) * M : Math.ceil((it.hi + 1) / M) * M
      if ((f.lo !== undefined && v < f.lo) || (f.hi !== undefined && v > f.hi)) return undefined
      facts_[f.name] = f.type === 'integer' ? v / M : evNum(r, v)
      return { reason, detail: `judged ${it.id} (outOfRange: error): ${f.name} = ${decText(v)} outside [${decText(it.min)}, ${decText(it.hi)}]` }
    }
    case 'number-out-of-range': {
      const f = r.pick(bounded)
      const v = f.hi !== undefined && (f.lo === undefined || r.bool()) ? f.hi + (f.type === 'integer' ? M : randMicro(r, 1000, 3 * M, 2)) : f.lo! - (f.type === 'integer' ? M : randMicro(r, 1000, 3 * M, 2))
      facts_[f.name] = Number(decText(v))
      return { reason, detail: `fact ${f.name} = ${decText(v)} outside its min/max` }
    }
    case 'integer-as-string': {
      const f = r.pick(integers)
      facts_[f.name] = String(Math.max(0, Math.ceil((f.lo ?? 0) / M)))
      return { reason, detail: `integer fact ${f.name} written as a string` }
    }
    case 'enum-value-unknown': {
      const f = r.pick(enums)
      facts_[f.name] = 'not-a-value'
      return { reason, detail: `enum fact ${f.name} = not-a-value` }
    }
    case 'unknown-not-applicable-item':
      s.notApplicable = [...(s.notApplicable ?? []), 'no-such-item']
      return { reason, detail: 'notApplicable names an item the rubric does not have' }
    case 'negative-count': {
      const [name, e] = r.pick(negs)
      const saved = { ...facts_ }
      for (let tries = 0; tries < 40; tries++) {
        for (const f of e.inputs) facts_[f] = factValue(r, info, info.facts.get(f)!, na)
        const v = computedMicros(info, name, facts_)
        if (v !== undefined && v < 0n) return { reason, detail: `count computed value ${name} = ${decText(Number(v))} is negative and declares no min` }
      }
      s.facts = saved
      return undefined
    }
    case 'tier-missing': {
      const it = r.pick(tierItems)
      delete facts_[it.raw.target.by]
      return { reason, detail: `${it.id} targets by tier ${it.raw.target.by}, which is not given` }
    }
    case 'division-by-zero': {
      const f = r.pick(zeroDivisors)
      facts_[f] = 0
      return { reason, detail: `${f} = 0 divides a computed value or expr condition every path reads` }
    }
    case 'record-without-date': {
      const rec = r.pick(dated)
      const rows = ((s.records ??= {})[rec.name] ??= []) as Obj[]
      const row = recordRows(r, info, rec, undefined, 1)[0]!
      delete row[rec.date!]
      rows.push(row)
      return { reason, detail: `a ${rec.name} record without its date field ${rec.date}` }
    }
  }
}

// =====================================================================================================================
// Options
// =====================================================================================================================

/** Whether some condition needs the evaluation date (validFor / heldFor without at; count within without before). */
function needsAsOf(rubric: Obj): boolean {
  const yearly = (v: unknown) => typeof v === 'string' && v.startsWith('--')
  return allConds(rubric).some(
    ({ c }) => (typeof c.date === 'string' && ((c.validFor || c.heldFor) && !c.at || yearly(c.onOrBefore) || yearly(c.onOrAfter))) || (typeof c.count === 'string' && c.within && !c.before),
  )
}

/** A valid override for a parameter declaration. */
function paramOverride(r: Rng, p: Obj): unknown {
  switch (p.type) {
    case 'rate':
      return evNum(r, r.bool(0.2) ? r.pick([0, M]) : randMicro(r, 0, M, 3))
    case 'number': {
      const d = parseDec(p.default)!
      const lo = p.min !== undefined ? parseDec(p.min)! : d >= 0 ? 0 : d - 5 * M
      const hi = p.max !== undefined ? parseDec(p.max)! : d + 5 * M
      return evNum(r, r.bool(0.2) ? r.pick([lo, hi]) : randMicro(r, lo, hi, 3))
    }
    case 'integer': {
      const d = p.default as number
      const v = r.int(p.min ?? (d >= 0 ? 0 : d - 3), p.max ?? d + 3)
      return r.bool(0.2) ? String(v) : v
    }
    case 'date':
      return dayText(dayOf(p.default)! + r.int(-400, 400))
    case 'rounding':
      return r.pick(['ceil', 'floor', 'exact'])
    case 'boolean':
      return r.bool()
    case 'enum':
      return r.pick(p.values)
  }
  return p.default
}

export function buildOptions(rubric: Record<string, unknown>, seed: number): RandomCase['options'] {
  const R = rubric as Obj
  const r = new Rng(seed)
  const o: RandomCase['options'] = {}
  const params = Object.entries<Obj>(R.params ?? {})
  if (params.length && r.bool(0.5)) {
    o.params = {}
    for (const [name, p] of params) if (r.bool(0.6)) o.params[name] = paramOverride(r, p)
    if (!Object.keys(o.params).length) delete o.params
  }
  const from = R.period?.from === undefined ? undefined : dayOf(R.period.from)
  const to = R.period?.to === undefined ? undefined : dayOf(R.period.to)
  const year = ymd(to ?? from ?? day(2017, 12, 31)).y
  if (r.bool(0.15)) {
    if (Array.isArray(R.rollup)) {
      // stay within the final rollup unit of the rubric's span: the last level must leave a single period
      const last = R.rollup[R.rollup.length - 1].to as Unit
      const unit = periodOf(from!, last)
      const a = r.int(unit.from, unit.to)
      o.period = { from: dayText(a), to: dayText(r.int(a, unit.to)) }
    } else {
      const a = r.int(day(year - 1, 1, 1), day(year, 12, 31))
      const b = r.weighted([
        [3, day(ymd(a).y, 12, 31)],
        [2, a + r.int(0, 400)],
        [1, a],
      ])
      o.period = { from: dayText(a), to: dayText(Math.max(a, b)) }
    }
  }
  const spanTo = o.period ? dayOf(o.period.to) : to
  if (r.bool(0.3)) o.asOf = dayText((spanTo ?? day(year, 12, 31)) + r.int(-90, 90))
  else if (spanTo === undefined && needsAsOf(R)) o.asOf = dayText(day(year, 12, 31) - r.int(0, 60))
  return o
}

// =====================================================================================================================
// Arbitraries
// =====================================================================================================================

const seedArb = fc.integer({ min: 0, max: 0xffffffff })

/** Random valid rubrics (plain data). */
export function rubricArb(): fc.Arbitrary<Record<string, unknown>> {
  return fc.noShrink(seedArb).map(buildRubric)
}

/** Valid evidence for one subject of `rubric` (with these options: parameter values, span and evaluation date). */
export function subjectArb(rubric: Record<string, unknown>, options: RandomCase['options'] = {}, id = 'fengxian'): fc.Arbitrary<Record<string, unknown>> {
  return labelledSubjectArb(rubric, options, id).map((b) => b.subject)
}

/**
 * A subject with its label: valid evidence when the builder can make it (a subject it could not keep valid — a count
 * computed value it could not keep ≥ 0 — is drawn again from the next seed, up to 20 times); else the last one drawn,
 * labelled with why it must be refused.
 */
export function labelledSubjectArb(rubric: Record<string, unknown>, options: RandomCase['options'] = {}, id = 'fengxian'): fc.Arbitrary<{ subject: Record<string, unknown>; invalid?: { reason: string; detail: string } }> {
  const info = analyzeRubric(rubric, options)
  return fc.noShrink(seedArb).map((seed) => {
    let built = buildSubject(info, seed, id)
    for (let k = 1; k < 20 && built.invalid !== undefined; k++) built = buildSubject(info, (seed + k * 7919) >>> 0, id)
    return built.invalid === undefined ? { subject: built.subject } : { subject: built.subject, invalid: built.invalid }
  })
}

/** Assembles a case from its seeds (exported so that a failure can be rebuilt from the seeds fast-check prints). */
export function buildCase(rubricSeed: number, optionsSeed: number, subjectSeeds: readonly number[]): RandomCase {
  const rubric = buildRubric(rubricSeed)
  const options = buildOptions(rubric, optionsSeed)
  const info = analyzeRubric(rubric, options)
  const ids = new Rng(optionsSeed ^ 0x5bd1e995).sample(SUBJECT_POOL, subjectSeeds.length)
  const subjects: Record<string, unknown>[] = []
  const invalid: InvalidSubject[] = []
  subjectSeeds.forEach((seed, i) => {
    const wantInvalid = new Rng(seed ^ 0x27d4eb2f).bool(0.1)
    const b = buildSubject(info, seed, ids[i]!, wantInvalid)
    subjects.push(b.subject)
    if (b.invalid) invalid.push({ subject: ids[i]!, ...b.invalid })
  })
  return { rubric, subjects, options, invalid, seeds: { rubric: rubricSeed, options: optionsSeed, subjects: [...subjectSeeds] } }
}

/** A random rubric, a cohort of 1–8 subjects (about one in ten invalid, listed in `invalid`) and evaluation options. */
export function caseArb(): fc.Arbitrary<RandomCase> {
  return fc
    .record({
      rubric: fc.noShrink(seedArb),
      options: fc.noShrink(seedArb),
      subjects: fc.array(fc.noShrink(seedArb), { minLength: 1, maxLength: 8 }),
    })
    .map(({ rubric, options, subjects }) => buildCase(rubric, options, subjects))
}

// =====================================================================================================================
// Coverage: which constructs a case exercises
// =====================================================================================================================

/** The constructs a case exercises, as tags ("kind:bands", "cond:date:onOrBefore:yearly", "ev:na:section", …). */
export function coverageOf(c: RandomCase): Set<string> {
  const t = new Set<string>()
  const add = (s: string) => t.add(s)
  const R = withMaxDefaults(c.rubric)
  const info = analyzeRubric(c.rubric, c.options)
  const isParam = (v: unknown) => v !== null && typeof v === 'object' && typeof (v as Obj).param === 'string'
  const maxFromParam = (list: Obj[]): boolean => list.some((it) => isParam(it.max) || (it.kind === 'section' && maxFromParam(it.items)))
  if (maxFromParam(c.rubric.items as Obj[])) add('item:max:param')
  const p = (v: unknown, label: string) => {
    if (isParam(v)) add(`param@${label}`)
  }
  const num = (v: unknown): number | undefined => (isParam(v) ? parseDec((R.params[(v as Obj).param] as Obj).default) : parseDec(v))

  // header
  if (R.rounding) (add(`rounding:mode:${R.rounding.mode}`), add(`rounding:places:${R.rounding.places}`))
  if (R.missing) add(`missing:${R.missing}`)
  if (R.notApplicable) add(`notApplicable:rubric:${R.notApplicable}`)
  for (const f of Object.values<Obj>(R.facts ?? {})) {
    add(`fact:${f.type}`)
    if (f.required === false) add('fact:required-false')
  }
  for (const pd of Object.values<Obj>(R.params ?? {})) add(`param:type:${pd.type}`)
  if (R.period) {
    add(`period:unit:${R.period.unit}`)
    if (R.period.from && R.period.to) add('period:span')
  }
  for (const l of R.rollup ?? []) (add(`rollup:${l.from}->${l.to}`), add(`rollup:combine:${typeof l.combine === 'string' ? l.combine : 'param'}`), add(`rollup:missing:${l.missing ?? 'default'}`))
  if (R.rollup) add(`rollup:levels:${R.rollup.length}`)
  if (R.subjects?.list) add('subjects:list')

  // computed values (docs §5)
  const readNames = new Set<string>()
  eachRead(R, (n) => readNames.add(n))
  for (const [name, cd] of Object.entries<Obj>(R.computed ?? {})) {
    add('computed')
    add(cd.round ? `computed:round:${cd.round.mode}` : 'computed:round:none')
    if (cd.round) add(`computed:round:places:${cd.round.places}`)
    if (cd.min !== undefined) add('computed:min')
    if (cd.max !== undefined) add('computed:max')
    const names = exprNames(cd.expr)
    if (names.some((n) => R.computed[n] !== undefined)) add('computed:reads-computed')
    if (names.some((n) => R.params?.[n] !== undefined)) add('computed:reads-param')
    if (names.some((n) => R.facts?.[n]?.type === 'score')) add('computed:reads-score')
    for (const fn of ['min', 'max', 'abs']) if (cd.expr.includes(`${fn}(`)) add(`computed:fn:${fn}`)
    if (cd.expr.includes('/')) add('computed:divides')
    if (cd.expr.includes('*')) add('computed:multiplies')
    if (/(^|[(,*/+-]\s*)-/.test(cd.expr.replace(/\s/g, ''))) add('computed:negates')
    if (!readNames.has(name)) add('computed:unread')
  }

  // conditions
  const condTags = (root: Obj, place: string) => {
    add(`cond-in:${place}`)
    eachCond(root, (cond) => {
      if (cond.all || cond.any || cond.not) {
        const k = cond.all ? 'all' : cond.any ? 'any' : 'not'
        add(`cond:${k}`)
        const inner = cond.all ?? cond.any ?? [cond.not]
        if (inner.some((x: Obj) => x.all || x.any || x.not)) add('cond:nested-combination')
      } else if (typeof cond.expr === 'string') {
        add('cond:expr')
        for (const op of ['atLeast', 'atMost', 'above', 'below']) if (cond[op] !== undefined) add(`cond:expr:${op}`)
        for (const op of ['atLeast', 'atMost', 'above', 'below']) p(cond[op], 'condition.expr')
        if (cond.expr.includes('/')) add('cond:expr:divides')
        if (exprNames(cond.expr).some((n) => R.computed?.[n] !== undefined)) add('cond:expr:reads-computed')
      } else if (typeof cond.fact === 'string') {
        const type = R.facts?.[cond.fact]?.type ?? (R.computed?.[cond.fact] !== undefined ? 'computed' : '?')
        for (const op of ['is', 'in', 'between', 'atLeast', 'atMost', 'above', 'below']) if (cond[op] !== undefined) add(`cond:fact:${type}:${op}`)
        for (const op of ['atLeast', 'atMost', 'above', 'below']) p(cond[op], 'condition.' + op)
        for (const v of cond.between ?? []) p(v, 'condition.between')
      } else if (typeof cond.count === 'string') {
        add('cond:count')
        if (cond.where) add('cond:count:where')
        if (cond.distinct) add('cond:count:distinct')
        if (cond.within) add(cond.before ? 'cond:count:within+before' : 'cond:count:within')
        if (Object.values(cond.within ?? {}).some(isParam)) add('duration:param')
        for (const op of ['atLeast', 'atMost', 'above', 'below']) p(cond[op], 'condition.count.' + op)
      } else if (typeof cond.quota === 'string') add(`cond:quota:met-${cond.met}`)
      else if (typeof cond.date === 'string') {
        for (const k of ['validFor', 'heldFor']) if (cond[k]) add(`cond:date:${k}`)
        for (const k of ['validFor', 'heldFor']) if (Object.values(cond[k] ?? {}).some(isParam)) add('duration:param')
        for (const k of ['onOrBefore', 'onOrAfter'])
          if (cond[k] !== undefined) {
            add(`cond:date:${k}:${isParam(cond[k]) ? 'param' : String(cond[k]).startsWith('--') ? 'yearly' : 'iso'}`)
            p(cond[k], 'condition.' + k)
          }
        if (cond.at) add('cond:date:at')
      } else if (Array.isArray(cond.span)) {
        add(`cond:span:${cond.ends ?? 'default'}`)
        if (cond.atLeast) add('cond:span:atLeast')
        if (cond.atMost) add('cond:span:atMost')
        if ([cond.atLeast, cond.atMost].some((d) => Object.values(d ?? {}).some(isParam))) add('duration:param')
      } else if (Array.isArray(cond.order)) add(`cond:order`)
      else if (typeof cond.score === 'string') {
        add(cond.score === 'total' ? 'cond:score:total' : `cond:score:item${place === 'gate' || place === 'threshold' ? '' : ':in-tree'}`)
        for (const op of ['atLeast', 'atMost', 'above', 'below']) p(cond[op], 'condition.score.' + op)
      }
    })
  }

  // items
  const walk = (items: Obj[], level: number) => {
    for (const it of items) {
      add(`kind:${it.kind}`)
      const max = parseDec(it.max)!
      const min = it.min === undefined ? 0 : parseDec(it.min)!
      if (it.notApplicable) add(`notApplicable:item:${it.notApplicable}`)
      if (it.requires) {
        condTags(it.requires, it.kind === 'section' ? 'requires(section)' : 'requires(leaf)')
        if (it.otherwise !== undefined) add('requires+otherwise')
      }
      if (min < 0) add('item:min<0')
      if (max === 0) add('item:max=0')
      const ii = info.items.get(it.id)!
      if (it.bonus !== undefined) {
        add(`bonus:${it.kind === 'section' ? 'section' : 'leaf'}`)
        add(`bonus@${it.kind}`)
        if (parseDec(it.bonus) === 0) add('bonus:0')
        if (it.kind === 'section' && it.items.some((c: Obj) => info.items.get(c.id)!.hi > parseDec(c.max)!)) add('bonus:section-caps-items')
      } else if (it.kind === 'section' && ii.hi > max) add('bonus:section-passes-on')
      // deduct and add targets (docs §9 "Targets that differ per subject")
      if (it.kind === 'deduct' || it.kind === 'add') {
        const tg = it.target
        const form = tg !== null && typeof tg === 'object' ? (typeof tg.by === 'string' ? 'tier' : typeof tg.fact === 'string' ? (R.computed?.[tg.fact] !== undefined ? 'fact:computed' : 'fact') : 'param') : 'number'
        add(`${it.kind}:target:${form}`)
        if (form === 'tier') for (const v of Object.values(tg.values)) p(v, 'target.tier')
      }
      switch (it.kind) {
        case 'section':
          add(`section:level${level}`)
          if (it.cap === true) add('section:cap')
          if (min > 0) add('section:min>0')
          walk(it.items, level + 1)
          break
        case 'check':
          add(it.fact ? 'check:fact' : 'check:when')
          if (it.when) condTags(it.when, 'check.when')
          if (it.points !== undefined) add('check:points')
          if (it.else !== undefined) add('check:else')
          p(it.points, 'check.points')
          p(it.else, 'check.else')
          break
        case 'judged':
          add(`judged:outOfRange:${it.outOfRange ?? 'default'}`)
          add(`judged:fact:${R.facts?.[it.fact]?.type ?? 'computed'}`)
          if (R.computed?.[it.fact] !== undefined) add(`computed@judged${it.outOfRange === 'error' ? ':error' : ''}`)
          if (min > 0) add('judged:min>0')
          break
        case 'deduct': {
          add(`deduct:direction:${it.direction ?? 'default'}`)
          add(`deduct:rounding:${isParam(it.rounding) ? 'param' : it.rounding}`)
          add(`deduct:fact:${R.facts?.[it.fact]?.type ?? 'computed'}`)
          if (R.computed?.[it.fact] !== undefined) add('computed@deduct')
          for (const k of ['target', 'step', 'points', 'rounding', 'from', 'floor']) p(it[k], 'deduct.' + k)
          if (it.from !== undefined) add('deduct:from')
          if (it.floor !== undefined) {
            add('deduct:floor')
            const floor = num(it.floor)!
            if (floor > (it.from === undefined ? max : num(it.from)!)) add('deduct:floor>from')
            if (floor < min) add('deduct:floor<min')
          }
          if (min > 0) add('deduct:min>0')
          break
        }
        case 'bands': {
          const bands = it.bands as Obj[]
          const fd = R.facts?.[it.fact] ?? { type: 'computed', ...R.computed[it.fact] }
          add(`bands:fact:${fd.type}${fd.min === undefined && fd.max === undefined && fd.type !== 'rate' ? ':unbounded' : ''}`)
          for (const b of bands) {
            add(`bands:edges:${b.edges ?? '[) default'}`)
            add(b.points !== undefined ? 'bands:points' : 'bands:times')
            for (const k of ['from', 'to', 'points', 'times']) p(b[k], 'band.' + k)
            if (b.from !== undefined && b.to !== undefined && JSON.stringify(b.from) === JSON.stringify(b.to)) add('bands:point-band')
          }
          if (bands.some((b) => b.from === undefined)) add('bands:open-first')
          if (bands.some((b) => b.to === undefined)) add('bands:open-last')
          if (bands.length >= 20) add('bands:many(20+)')
          if (bands.length === 1) add('bands:single')
          const lows = bands.map((b) => num(b.from) ?? -Infinity)
          if (lows.some((v, i) => i > 0 && v < lows[i - 1]!)) add('bands:not-ascending')
          break
        }
        case 'count':
          add(it.records ? 'count:records' : 'count:fact')
          if (it.where) add('count:where')
          if (typeof it.points === 'object' && 'by' in it.points) {
            add('count:points-by')
            for (const v of Object.values(it.points.values)) p(v, 'count.points.values')
          } else {
            add('count:points-number')
            p(it.points, 'count.points')
          }
          if (JSON.stringify(it.points).includes('-') || (typeof it.points === 'object' && Object.values<unknown>(it.points.values ?? { x: it.points }).some((v) => (num(v) ?? 0) < 0)) || (num(it.points) ?? 0) < 0) add('count:negative-points')
          if (it.dedupe === true) add('count:dedupe')
          if (it.cap !== undefined) add('count:cap')
          p(it.cap, 'count.cap')
          break
        case 'deductions':
          for (const d of it.deductions) {
            add(d.fact ? 'deductions:fact' : 'deductions:records')
            if (R.computed?.[d.fact] !== undefined) (add('deductions:computed'), add(`deductions:computed:${R.computed[d.fact].min === undefined ? 'no-min' : 'min'}`))
            if (d.where) add('deductions:where')
            if (d.cap !== undefined) add('deductions:cap')
            p(d.points, 'deduction.points')
            p(d.cap, 'deduction.cap')
          }
          if (it.base !== undefined) add('deductions:base')
          if (it.floor !== undefined) add('deductions:floor')
          p(it.base, 'deductions.base')
          p(it.floor, 'deductions.floor')
          break
        case 'weighted':
          for (const term of it.terms) {
            const f = R.facts?.[term.fact] ?? { type: 'computed' }
            add(`weighted:${f.type}${f.many ? ':many' : ''}`)
            if (f.many) add(`weighted:combine:${term.combine ?? 'default'}`)
            p(term.weight, 'term.weight')
          }
          break
        case 'add': {
          add(`add:direction:${it.direction ?? 'default'}`)
          add(`add:rounding:${isParam(it.rounding) ? 'param' : it.rounding}`)
          add(`add:fact:${R.facts?.[it.fact]?.type ?? 'computed'}`)
          for (const k of ['target', 'step', 'points', 'rounding', 'from']) p(it[k], 'add.' + k)
          if (it.from !== undefined) add('add:from')
          if (max === 0) add('add:max=0')
          if (min > 0) add('add:min>0')
          break
        }
        case 'rated': {
          add('rated')
          for (const v of Object.values(it.points)) p(v, 'rated.points')
          if (Object.values<unknown>(it.points).some((v) => (num(v) ?? 0) > max)) add('rated:points>max')
          if (R.facts?.[it.fact]?.required === false || R.missing === 'zero') add('rated:may-be-missing')
          break
        }
        case 'quota':
          add('quota-item')
          p(it.points, 'quota.points')
          p(it.floor, 'quota.floor')
          if (it.floor !== undefined) add('quota-item:floor')
          break
      }
    }
  }
  walk(R.items, 1)
  for (const q of R.quotas ?? []) {
    add(`quota:per:${q.per ?? 'none'}`)
    if (q.overrides) add('quota:overrides')
    if (q.distinct) add(q.distinct === true ? 'quota:distinct' : 'quota:distinct:param')
    if (q.cohort) add('quota:cohort')
    if (q.where) add('quota:where')
    p(q.atLeast, 'quota.atLeast')
    for (const v of Object.values(q.overrides ?? {})) p(v, 'quota.overrides')
    p(q.cohort?.atLeast, 'quota.cohort.atLeast')
  }
  for (const g of R.gates ?? []) {
    add(`gate:${g.lowers !== undefined ? 'lowers' : g.bars === undefined ? 'no-bars' : g.bars.length ? 'bars' : 'advisory'}`)
    condTags(g.when, 'gate')
  }
  for (const f of R.findings ?? []) add(f.when !== undefined ? 'finding:when' : 'finding:fact')
  if (R.grades) {
    const g = R.grades
    if (g.thresholds?.length) add('grades:thresholds')
    for (const th of g.thresholds ?? []) {
      p(th.min, 'threshold.min')
      if (th.requires) condTags(th.requires, 'threshold')
    }
    if (g.groupBy) add('grades:groupBy')
    for (const q of g.quotas ?? []) {
      add(`grades:ranked:${q.share !== undefined ? 'share' : typeof q.count === 'number' ? 'count' : q.count?.param !== undefined ? 'count-param' : 'range'}`)
      if (q.from) add(`grades:ranked:from:${q.from}`)
      if (q.ineligible) add(`grades:ranked:ineligible:${q.ineligible}`)
      if (q.ties) add(`grades:ranked:ties:${q.ties}`)
      if (q.take) add(`grades:ranked:take:${q.take}`)
      p(q.minScore, 'rankedQuota.minScore')
    }
    if (g.ineligible) add('grades:ineligible')
  }
  for (const rw of R.money?.rewards ?? []) {
    add(rw.dedupe ? 'money:reward:dedupe' : 'money:reward')
    for (const v of Object.values(rw.amounts)) p(v, 'reward.amounts')
  }
  for (const pen of R.money?.penalties ?? []) {
    add(pen.quota ? 'money:penalty:quota' : 'money:penalty:fact')
    if (R.computed?.[pen.fact] !== undefined) (add('money:penalty:computed'), add(`money:penalty:computed:${R.computed[pen.fact].min === undefined ? 'no-min' : 'min'}`))
    p(pen.amount, 'penalty.amount')
  }

  // options
  if (c.options.params) {
    add('options:params')
    for (const name of Object.keys(c.options.params)) add(`options:params:${(R.params[name] as Obj).type}`)
  }
  if (c.options.period) add('options:period')
  if (c.options.asOf) add('options:asOf')

  // evidence
  const exprInputs = new Set<string>()
  for (const cd of Object.values<Obj>(R.computed ?? {})) for (const n of exprNames(cd.expr)) if (info.facts.has(n)) exprInputs.add(n)
  for (const { c: cond } of allConds(R)) if (typeof cond.expr === 'string') for (const n of exprNames(cond.expr)) if (info.facts.has(n)) exprInputs.add(n)
  for (const inv of c.invalid) add(`invalid:${inv.reason}`)
  const invalidIds = new Set(c.invalid.map((x) => x.subject))
  if (c.subjects.length > 1) add('cohort:several-subjects')
  for (const s of c.subjects as Obj[]) {
    if (invalidIds.has(s.id)) continue
    const factSets: Obj[] = [s.facts ?? {}, ...Object.values<Obj>(s.periods ?? {}).map((x) => x.facts ?? {}), s.self?.facts ?? {}]
    for (const facts of factSets)
      for (const [name, v] of Object.entries(facts)) {
        const f = info.facts.get(name)
        if (!f) continue
        if (typeof v === 'string' && (f.type === 'rate' || f.type === 'number' || f.type === 'score')) add('ev:decimal-string')
        if (Array.isArray(v) && v.some((x) => typeof x === 'string')) add('ev:decimal-string')
        const m = f.type === 'integer' ? (v as number) * M : parseDec(v)
        if (m !== undefined && (f.type === 'rate' || f.type === 'number') && decText(m).split('.')[1]?.length === 6) add('ev:six-places')
        if (m !== undefined && f.points.includes(m)) add('ev:on-boundary')
        for (const it of info.items.values())
          if (it.kind === 'judged' && it.raw.fact === name && m !== undefined && (m < it.min || m > it.hi)) add(it.raw.outOfRange === 'error' ? 'ev:judged-out-of-range(N/A)' : 'ev:judged-clamped')
      }
    for (const f of info.facts.values()) if (!(f.name in (s.facts ?? {})) && !s.periods) add(`ev:fact-missing:${f.type}`)
    for (const it of info.items.values()) if (it.kind === 'rated' && !(it.raw.fact in (s.facts ?? {})) && !s.periods) add('ev:rated:missing(0 points)')
    if (info.countNeg.size) add('ev:count-computed')
    for (const f of exprInputs) if (!(f in (s.facts ?? {})) && !s.periods) add('ev:expression-input-missing(read as 0)')
    for (const id of s.notApplicable ?? []) add(info.items.get(id)?.kind === 'section' ? 'ev:na:section' : 'ev:na:leaf')
    if (s.periods) {
      add('ev:periods')
      for (const pe of Object.values<Obj>(s.periods)) if (pe.notApplicable) add('ev:periods:na')
    }
    if (s.self) add('ev:self')
    const keys = Object.keys(s)
    if (keys.every((k) => k === 'id' || k === 'name' || k === 'facts' || k === 'records') && s.facts && [...info.facts.keys()].every((f) => f in s.facts) && Object.values(s.facts).every((v) => typeof v !== 'string'))
      add('ev:plain-subject')
    if (info.rollup && !s.periods) add('ev:rollup-without-periods')
    const na = naClosure(info, s.notApplicable ?? [])
    for (const a of s.adjustments ?? []) {
      add(`ev:adjust:${a.to !== undefined ? 'to' : 'by'}`)
      if (a.item === 'total') add('ev:adjust:total')
      if (na.has(a.item)) add(s.periods ? 'ev:adjust:na-item(rollup: applied)' : 'ev:adjust:na-item(no effect)')
      const ai = info.items.get(a.item)
      if (ai && a.to !== undefined && parseDec(a.to)! > ai.max) add('ev:adjust:within-bonus')
    }
    for (const [name, rows] of Object.entries<Obj[]>(s.records ?? {})) {
      const rec = info.records.get(name)!
      if (rec.key && new Set(rows.map((x) => x[rec.key!])).size < rows.length) add('ev:records:duplicate-key')
      if (rec.date && info.span.from !== undefined && info.span.to !== undefined)
        for (const row of rows) {
          const d = dayOf(row[rec.date])!
          if (d < info.span.from || d > info.span.to) add('ev:records:outside-span')
          if (d === info.span.from || d === info.span.to) add('ev:records:on-span-edge')
        }
      for (const row of rows)
        for (const [k, v] of Object.entries(row)) {
          if (rec.fields[k]?.type === 'number') add(typeof v === 'string' ? 'ev:records:number-as-string' : 'ev:records:number')
          if (rec.fields[k]?.type === 'integer') add('ev:records:integer')
        }
    }
  }
  return t
}

/** Tags every run of the fuzz test should see at least once (a generator change that loses one shows up here). */
export const EXPECTED_TAGS: readonly string[] = [
  // item kinds and their options
  'kind:section', 'section:level1', 'section:level2', 'section:level3', 'section:cap', 'section:min>0',
  'kind:check', 'check:fact', 'check:when', 'check:points', 'check:else',
  'kind:judged', 'judged:outOfRange:default', 'judged:outOfRange:clamp', 'judged:outOfRange:error', 'judged:min>0',
  'kind:deduct', 'deduct:direction:below', 'deduct:direction:above', 'deduct:direction:default', 'deduct:rounding:ceil', 'deduct:rounding:floor',
  'deduct:rounding:exact', 'deduct:rounding:param', 'deduct:from', 'deduct:floor', 'deduct:floor>from', 'deduct:floor<min',
  'kind:bands', 'bands:edges:[)', 'bands:edges:[]', 'bands:edges:(]', 'bands:edges:()', 'bands:edges:[) default', 'bands:open-first', 'bands:open-last',
  'bands:points', 'bands:times', 'bands:many(20+)', 'bands:point-band', 'bands:not-ascending', 'bands:fact:number:unbounded', 'bands:fact:integer',
  'kind:count', 'count:records', 'count:fact', 'count:where', 'count:points-number', 'count:points-by', 'count:dedupe', 'count:cap', 'count:negative-points',
  'kind:deductions', 'deductions:fact', 'deductions:records', 'deductions:cap', 'deductions:base', 'deductions:floor',
  'kind:weighted', 'weighted:number', 'weighted:rate', 'weighted:integer', 'weighted:score', 'weighted:score:many',
  'weighted:combine:mean', 'weighted:combine:sum', 'weighted:combine:min', 'weighted:combine:max', 'weighted:combine:default',
  'kind:quota', 'quota-item', 'quota:per:month', 'quota:per:quarter', 'quota:per:half', 'quota:per:year', 'quota:per:none', 'quota:overrides', 'quota:distinct', 'quota:cohort',
  'notApplicable:item:rescale', 'notApplicable:item:zero', 'notApplicable:rubric:rescale', 'notApplicable:rubric:zero', 'missing:zero', 'fact:required-false',
  'requires+otherwise', 'item:min<0',
  // conditions
  ...['boolean', 'enum'].map((x) => `cond:fact:${x}:is`), 'cond:fact:enum:in',
  ...['rate', 'number', 'integer'].flatMap((x) => ['is', 'in', 'between', 'atLeast', 'atMost', 'above', 'below'].map((op) => `cond:fact:${x}:${op}`)),
  'cond:count', 'cond:count:where', 'cond:count:distinct', 'cond:count:within', 'cond:count:within+before', 'cond:quota:met-true', 'cond:quota:met-false',
  'cond:date:validFor', 'cond:date:heldFor', 'cond:date:at', ...['onOrBefore', 'onOrAfter'].flatMap((k) => ['iso', 'yearly', 'param'].map((x) => `cond:date:${k}:${x}`)),
  'cond:span:inclusive', 'cond:span:exclusive', 'cond:span:default', 'cond:span:atLeast', 'cond:span:atMost', 'cond:order',
  'cond:score:item:in-tree', 'cond:score:item', 'cond:score:total', 'cond:all', 'cond:any', 'cond:not', 'cond:nested-combination',
  'cond-in:check.when', 'cond-in:requires(leaf)', 'cond-in:requires(section)', 'cond-in:gate', 'cond-in:threshold',
  // numbers, params, periods
  ...ROUNDING_MODES.map((m) => `rounding:mode:${m}`), ...[0, 1, 2, 3, 4, 5, 6].map((n) => `rounding:places:${n}`),
  'param:type:number', 'param:type:rate', 'param:type:integer', 'param:type:date', 'param:type:rounding',
  ...['check.points', 'check.else', 'deduct.target', 'deduct.step', 'deduct.points', 'deduct.rounding', 'deduct.from', 'deduct.floor', 'band.from', 'band.to',
    'band.points', 'band.times', 'count.points', 'count.points.values', 'count.cap', 'deductions.base', 'deductions.floor', 'deduction.points', 'deduction.cap',
    'term.weight', 'quota.points', 'quota.floor', 'condition.between', 'condition.atLeast', 'condition.atMost', 'condition.above', 'condition.below',
    'condition.onOrBefore', 'condition.onOrAfter', 'threshold.min', 'rankedQuota.minScore', 'quota.atLeast', 'quota.overrides', 'quota.cohort.atLeast',
    'reward.amounts', 'penalty.amount'].map((x) => `param@${x}`),
  'options:params', 'options:params:number', 'options:params:rate', 'options:params:integer', 'options:params:date', 'options:params:rounding', 'options:period', 'options:asOf',
  'period:span', 'rollup:month->quarter', 'rollup:quarter->year', 'rollup:levels:2', ...['sum', 'mean', 'min', 'max', 'last'].map((x) => `rollup:combine:${x}`),
  'rollup:missing:error', 'rollup:missing:skip',
  // outcomes
  'gate:no-bars', 'gate:bars', 'gate:advisory', 'gate:lowers', 'grades:thresholds', 'grades:ranked:count', 'grades:ranked:range', 'grades:ineligible',
  'grades:ranked:share', 'grades:ranked:count-param', 'grades:ranked:from:bottom', 'grades:ranked:ineligible:keep-place', 'grades:groupBy',
  'quota:distinct:param', 'rollup:combine:param', 'duration:param', 'finding:fact', 'finding:when', 'item:max:param',
  'money:reward', 'money:reward:dedupe', 'money:penalty:quota', 'money:penalty:fact',
  // evidence
  'ev:decimal-string', 'ev:six-places', 'ev:on-boundary', 'ev:judged-clamped', 'ev:fact-missing:number', 'ev:na:leaf', 'ev:na:section', 'ev:periods', 'ev:periods:na',
  'ev:self', 'ev:plain-subject', 'ev:rollup-without-periods', 'ev:adjust:to', 'ev:adjust:by', 'ev:adjust:total', 'ev:adjust:na-item(no effect)', 'ev:records:duplicate-key', 'ev:records:outside-span', 'ev:records:on-span-edge',
  'ev:records:number-as-string', 'ev:records:number', 'cohort:several-subjects',
  'invalid:missing-required-fact', 'invalid:rate-out-of-range', 'invalid:too-many-decimals', 'invalid:unknown-fact', 'invalid:adjustment-out-of-bounds',
  'invalid:judged-out-of-range',
  // computed values (docs §5) and the expr condition (docs §10)
  'computed', 'computed:round:none', ...ROUNDING_MODES.map((m) => `computed:round:${m}`), ...[0, 1, 2, 3, 4, 5, 6].map((n) => `computed:round:places:${n}`),
  'computed:min', 'computed:max', 'computed:reads-computed', 'computed:reads-param', 'computed:reads-score', 'computed:fn:min', 'computed:fn:max', 'computed:fn:abs',
  'computed:divides', 'computed:multiplies', 'computed:negates', 'computed:unread',
  'computed@deduct', 'computed@judged', 'computed@judged:error', 'deduct:fact:computed', 'bands:fact:computed', 'bands:fact:computed:unbounded', 'judged:fact:computed',
  ...['is', 'in', 'between', 'atLeast', 'atMost', 'above', 'below'].map((op) => `cond:fact:computed:${op}`),
  'cond:expr', ...['atLeast', 'atMost', 'above', 'below'].map((op) => `cond:expr:${op}`), 'cond:expr:divides', 'cond:expr:reads-computed', 'param@condition.expr',
  'ev:expression-input-missing(read as 0)', 'invalid:division-by-zero',
  // add (docs §9), rated (docs §9), bonus beyond max (docs §8), targets per subject (docs §9), computed values read
  // by weighted terms and as counts (docs §5)
  'kind:add', 'add:direction:default', 'add:direction:above', 'add:direction:below', 'add:rounding:ceil', 'add:rounding:floor', 'add:rounding:exact',
  'add:rounding:param', 'add:from', 'add:max=0', 'add:min>0', 'add:fact:rate', 'add:fact:number', 'add:fact:integer', 'add:fact:computed',
  ...['target', 'step', 'points', 'rounding', 'from'].map((k) => `param@add.${k}`),
  'kind:rated', 'rated', 'rated:points>max', 'rated:may-be-missing', 'param@rated.points', 'ev:rated:missing(0 points)',
  'bonus:leaf', 'bonus:section', 'bonus:0', 'bonus:section-passes-on', 'bonus:section-caps-items',
  ...['add', 'rated', 'check', 'deduct', 'bands', 'count', 'deductions', 'weighted', 'quota', 'section'].map((k) => `bonus@${k}`),
  'ev:adjust:within-bonus',
  ...['deduct', 'add'].flatMap((k) => ['number', 'param', 'fact', 'fact:computed', 'tier'].map((f) => `${k}:target:${f}`)), 'param@target.tier',
  'invalid:tier-missing',
  'weighted:computed', 'deductions:computed', 'deductions:computed:no-min', 'deductions:computed:min', 'money:penalty:computed', 'money:penalty:computed:no-min',
  'ev:count-computed', 'invalid:negative-count',
]
