/**
 * What the generated scorer runs on: the state of one evaluation (`RunState`, reused from subject to subject in a
 * batch; nothing carries over: every run writes every value it reads), and the helpers its code calls (`Helpers`:
 * exact arithmetic, dates, de-duplication, warnings and refusals). The helpers are plain functions, the only
 * implementation of what they do; generated code only strings their calls together.
 */
import type { Code } from '../diagnostics/codes'
import { makeDiagnostic, type Diagnostic, type Path } from '../diagnostics/diagnostic'
import { addDuration, daysFromCivil, daysInMonth, parseDay, periodKey, periodsBetween, ymd, type PeriodUnit } from '../num/dates'
import { add, decimalText, div, divInt, divToInteger, fromNumber, max, min, mul, mulInt, rateText, round, sub, toFixedString, type Fixed } from '../num/fixed'
import { hasControl } from '../limits'
import { isExactFixed, rabs, radd, rcmpFixed, rdiv, rmax, rmin, rmul, rneg, rq, rround, rsub, type Rational } from '../num/rational'
import type { Scope } from './problems'

/** Evidence that cannot be scored: thrown inside a run, caught at its boundary and returned as a diagnostic. */
export class EvidenceError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message)
  }
}

/** Another rubric's evaluator, for score facts given as that rubric's evidence: its rounded total, or a diagnostic. */
export type LinkedEvaluate = (rubricId: string, evidence: unknown, st: RunState, fact: string) => Fixed | Diagnostic

export interface QuotaPeriod {
  period: string
  count: number
  required: number
  short: number
}

/** One subject's standing against one quota. Counts are whole numbers. */
export interface QuotaOutcome {
  id: string
  required: number
  overridden: boolean
  count: number
  shortfall: number
  periods: QuotaPeriod[]
}

/** The state of one evaluation. Typed arrays are sized by the program; one state serves a whole batch. */
export interface RunState {
  /** Parameter values (Fixed numbers, day numbers, rounding 0 ceil / 1 floor / 2 exact), by parameter index. */
  P: Float64Array
  /** Tables bound to these parameter values (band edges, points by category), by table index. */
  K: unknown[]
  /** The evaluation date and the assessed span as day numbers (NaN, −∞ and +∞ when not given). */
  asOf: number
  from: number
  to: number
  link: LinkedEvaluate | undefined
  /** Parameter values for linked rubrics, by rubric id (`--param other-rubric.name=value`). */
  linkParams: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined
  maxString: number
  maxRecords: number
  /** The subject being scored, and where its evidence part is (for diagnostics). */
  scope: Scope
  /** Fact values by fact index (Fixed, 1/0, day number, enum index); NaN when absent. */
  V: Float64Array
  /** Lists of results of `many` score facts, by fact index. */
  X: (Fixed[] | undefined)[]
  /** Record lists by list index (undefined: not given), and each record's day number. */
  R: (readonly Record<string, unknown>[] | undefined)[]
  RD: Float64Array[]
  /** Scores by node index (0 is the total). */
  S: Float64Array
  /** 1 where the evidence marks the node 不適用 (null: nothing is). */
  NA: Uint8Array | null
  /** Manual adjustments by node index: the score to set, or the change (NaN: none); null: no adjustment. */
  A: Float64Array | null
  AB: Float64Array | null
  /** The score before adjustment, where one applied (NaN elsewhere). */
  C: Float64Array | null
  /** Trail slots (null: no trail is recorded), from offset TB on. */
  TR: Float64Array | null
  TB: number
  /** Warnings (null: not collected). */
  W: Diagnostic[] | null
  /** Facts already reported as missing in this run. */
  warned: Uint8Array
  /** Scratch for gathering (key, points) pairs: keys and points of de-duplicated records. */
  KS: unknown[]
  PS: number[]
  /** The number of distinct keys bestSum found. */
  DN: number
  /** Quota outcomes of this run, by quota index. */
  Q: (QuotaOutcome | undefined)[]
  /** Gate results (1 passed) and threshold prerequisites (1 held), by index. */
  G: Uint8Array
  TH: Uint8Array
  /** Evidence problems, collected when not null (the refusal path); null: stop at the first. */
  problems: Diagnostic[] | null
}

/** What the helpers know of the compiled rubric. */
export interface RuntimeLayout {
  facts: readonly { name: string; zeroWhenMissing: boolean; rubric?: string }[]
  nodes: readonly { id: string; title: string; max: Fixed; min: Fixed; hi: Fixed; children: readonly number[]; policy: 'rescale' | 'zero'; childMax: Fixed }[]
  /** The problem builders for facts and records (problems.ts), bound to the rubric's declarations. */
  factProblem(st: RunState, k: number, value: unknown, element?: number): Diagnostic
}


/** An evidence number (a number, or a decimal string) as Fixed; NaN when it is neither, or not exact. */
export function exactNumber(v: unknown): number {
  return typeof v === 'number' ? (fromNumber(v) ?? NaN) : typeof v === 'string' ? decimalText(v) : NaN
}

/** The most problems told of one subject's evidence; one more is kept to say that there are more. */
export const MAX_PROBLEMS = 20

/**
 * Reports an evidence problem on the refusal path (into st.problems): true when the check goes on collecting, false
 * to stop (not collecting, or enough collected). Past the cap a problem is not kept: the output stays bounded.
 */
export function collect(st: RunState, d: Diagnostic): boolean {
  const ps = st.problems
  if (ps === null || ps.length > MAX_PROBLEMS) return false
  ps.push(d)
  return ps.length <= MAX_PROBLEMS
}

/** Key equality as a Map or Set sees it (SameValueZero: NaN equals NaN). */
const same = (a: unknown, b: unknown): boolean => a === b || (a !== a && b !== b)

/** Whether keys[i] is the first of its key among keys[0..i] (small lists: compared in place, no allocation). */
function firstOf(keys: readonly unknown[], i: number): boolean {
  for (let k = 0; k < i; k++) if (same(keys[k], keys[i])) return false
  return true
}

/** The helpers of one compiled rubric. */
export function makeHelpers(layout: RuntimeLayout) {
  const warnOnce = (st: RunState, k: number, value: string): void => {
    if (st.W === null || st.warned[k] === 1) return
    st.warned[k] = 1
    const name = layout.facts[k]!.name
    st.W.push(makeDiagnostic('EVIDENCE_MISSING_ZEROED', `Fact "${name}" is missing and was taken as ${value}.`, { subject: st.scope.subject, path: ['facts', name], severity: 'warning' }))
  }
  const missing = (st: RunState, k: number): EvidenceError => {
    const name = layout.facts[k]!.name
    return new EvidenceError(makeDiagnostic('EVIDENCE_MISSING', `Fact "${name}" is missing; give it in the evidence.`, { subject: st.scope.subject, path: [...st.scope.prefix, 'facts', name] }))
  }
  return {
    add,
    sub,
    mul,
    div,
    mulInt,
    divToInteger,
    max,
    min,
    /** A Fixed rounded to `places` with `mode` (a computed value without * or /). */
    round,
    rq,
    radd,
    rsub,
    rmul,
    rdiv,
    rneg,
    rabs,
    rmin,
    rmax,
    rround,
    /** The sign of a rational minus a Fixed. */
    rcmp: rcmpFixed,
    /** A rational for the trail: its first 6 places, cut (shown with "…" when it has more; exactness recorded beside it). */
    rshow: (a: Rational): number => rround(a, 6, 'down'),
    rexact: (a: Rational): number => (isExactFixed(a) ? 1 : 0),
    T: (v: Fixed): string => toFixedString(v),
    /** A JS number as Fixed; NaN when it is not an exact decimal with at most 6 places within range. */
    fromNumber: (x: number): number => fromNumber(x) ?? NaN,
    parseDay: (s: unknown): number => (typeof s === 'string' ? (parseDay(s) ?? NaN) : NaN),
    fx: exactNumber,
    /** Evidence text for a number ("0.875", "-2") as Fixed; NaN when malformed or not exact. */
    decimalText,
    /** Evidence text for a rate, 0 to 1 ("0.875", "1.000"), as Fixed; NaN otherwise. */
    rateText,
    plain: (o: object): boolean => {
      const p = Object.getPrototypeOf(o)
      return p === Object.prototype || p === null
    },
    /** Text within the length limit and free of control characters. */
    text: (s: string, max: number): boolean => s.length <= max && !hasControl(s),
    addDuration: (day: number, years: number, months: number, days: number, sign: number): number => addDuration(day, { years, months, days }, sign),
    /** --MM-DD in the year of the end of the assessed span (else of the evaluation date), which it needs. */
    yearly: (st: RunState, month: number, date: number): number => {
      const anchor = st.to !== Infinity ? st.to : st.asOf
      if (anchor !== anchor)
        throw new EvidenceError(makeDiagnostic('OPTION_INVALID', `A yearly date (--${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}) needs the assessed span or the evaluation date: pass period or asOf (--as-of YYYY-MM-DD).`, { subject: st.scope.subject, path: [] }))
      const y = ymd(anchor).y
      return daysFromCivil(y, month, Math.min(date, daysInMonth(y, month)))
    },
    needAsOf: (st: RunState, what: string): never => {
      throw new EvidenceError(makeDiagnostic('OPTION_INVALID', `${what} needs the evaluation date: pass asOf (--as-of YYYY-MM-DD).`, { subject: st.scope.subject, path: [] }))
    },
    /** An absent number fact read by an item: 0 with a warning, or refused when the rubric requires it. */
    absent: (st: RunState, k: number): number => {
      if (!layout.facts[k]!.zeroWhenMissing) throw missing(st, k)
      warnOnce(st, k, '0')
      return 0
    },
    absentBool: (st: RunState, k: number): boolean => {
      if (!layout.facts[k]!.zeroWhenMissing) throw missing(st, k)
      warnOnce(st, k, 'false')
      return false
    },
    absentEnum: (st: RunState, k: number): boolean => {
      if (!layout.facts[k]!.zeroWhenMissing) throw missing(st, k)
      warnOnce(st, k, 'no value')
      return false
    },
    /** An absent date under `missing: error` (possible only in a period of a rollup). */
    absentDate: (st: RunState, k: number): number => {
      if (!layout.facts[k]!.zeroWhenMissing) throw missing(st, k)
      return NaN
    },
    /** A score fact is needed in a weighted term, whatever the missing policy. */
    absentScore: (st: RunState, k: number): never => {
      const f = layout.facts[k]!
      throw new EvidenceError(makeDiagnostic('EVIDENCE_MISSING', `Fact "${f.name}" (a result of ${f.rubric}) is missing.`, { subject: st.scope.subject, path: [...st.scope.prefix, 'facts', f.name] }))
    },
    /** A list of results combined (mean rounded half-even to 6 places). */
    combine: (list: readonly Fixed[], how: 'sum' | 'mean' | 'min' | 'max'): Fixed => {
      let acc = list[0]!
      for (let i = 1; i < list.length; i++) acc = how === 'min' ? min(acc, list[i]!) : how === 'max' ? max(acc, list[i]!) : add(acc, list[i]!)
      return how === 'mean' ? divInt(acc, list.length) : acc
    },
    warn: (st: RunState, code: Code, message: string, path: Path): void => {
      st.W!.push(makeDiagnostic(code, message, { subject: st.scope.subject, path, severity: 'warning' }))
    },
    /** The diagnostic that stops scoring this subject, naming the item being scored. */
    refuse: (st: RunState, node: number, code: Code, message: string, path: Path): EvidenceError => {
      const n = layout.nodes[node]
      const about = node > 0 && n !== undefined ? `Item ${n.id} (${n.title}): ` : ''
      return new EvidenceError(makeDiagnostic(code, about + message, { subject: st.scope.subject, path: [...st.scope.prefix, ...path] }))
    },
    /** An adjusted score outside the item's [min, max]. */
    badAdjustment: (st: RunState, node: number, v: Fixed): never => {
      const n = layout.nodes[node]!
      throw new EvidenceError(
        makeDiagnostic('ADJUSTMENT_INVALID', `The adjustment of ${n.id} (${n.title}) gives ${toFixedString(v)}, outside [${toFixedString(n.min)}, ${toFixedString(n.hi)}].`, { subject: st.scope.subject, path: ['adjustments'] }),
      )
    },
    /**
     * A section's score when some of its items are 不適用: the sum of the others × the max of all ÷ the max of those
     * not dropped (each step rounded half-even). When those not dropped have no points to give (max 0), nothing is
     * rescaled. (A section whose every item is dropped is 不適用 itself: `dropped`, tested first.)
     */
    section: (st: RunState, i: number): number => {
      const node = layout.nodes[i]!
      const NA = st.NA!
      let v = 0
      let applicable = 0
      let dropped = false
      for (const j of node.children) {
        if (NA[j] === 1) {
          if (layout.nodes[j]!.policy === 'zero') applicable += layout.nodes[j]!.max
          else dropped = true
          continue
        }
        v = add(v, st.S[j]!)
        applicable += layout.nodes[j]!.max
      }
      if (!dropped || applicable === 0) return v
      return div(mul(v, node.childMax), applicable)
    },
    /** Whether every item of section i is dropped as 不適用 (the section is then 不適用 itself). */
    dropped: (st: RunState, i: number): boolean => {
      const children = layout.nodes[i]!.children
      if (children.length === 0) return false
      for (const j of children) if (st.NA![j] !== 1 || layout.nodes[j]!.policy !== 'rescale') return false
      return true
    },
    /** The index of the first band containing v, or -1. */
    band: (t: { lo: Float64Array; hi: Float64Array; loIn: Uint8Array; hiIn: Uint8Array }, v: number): number => {
      const n = t.lo.length
      for (let i = 0; i < n; i++) {
        const lo = t.lo[i]!
        const hi = t.hi[i]!
        if ((t.loIn[i] ? v >= lo : v > lo) && (t.hiIn[i] ? v <= hi : v < hi)) return i
      }
      return -1
    },
    /**
     * Σ over distinct keys of the highest points among the records with that key (the first n entries); the number
     * of distinct keys goes to st.DN.
     */
    bestSum: (st: RunState, keys: readonly unknown[], pts: readonly Fixed[], n: number): Fixed => {
      let sum = 0
      if (n <= 32) {
        // Small lists (the usual case): compare in place, no allocation.
        let d = 0
        for (let i = 0; i < n; i++) {
          if (!firstOf(keys, i)) continue
          d++
          let best = pts[i]!
          for (let k = i + 1; k < n; k++) if (same(keys[k], keys[i]) && pts[k]! > best) best = pts[k]!
          sum = add(sum, best)
        }
        st.DN = d
        return sum
      }
      const best = new Map<unknown, Fixed>()
      for (let i = 0; i < n; i++) {
        const prev = best.get(keys[i])
        if (prev === undefined || pts[i]! > prev) best.set(keys[i], pts[i]!)
      }
      for (const p of best.values()) sum = add(sum, p)
      st.DN = best.size
      return sum
    },
    /** How many distinct keys among the first n entries. */
    distinctCount: (keys: readonly unknown[], n: number): number => {
      if (n > 32) return new Set(keys.slice(0, n)).size
      let d = 0
      for (let i = 0; i < n; i++) if (firstOf(keys, i)) d++
      return d
    },
    /** Points chosen by a record field's value; undefined when the value has none. */
    pick: (table: ReadonlyMap<unknown, Fixed>, value: unknown): number | undefined => table.get(value),
    /** The outcome of a quota from the keys and days of the records that count for it. */
    quota: (st: RunState, q: number, id: string, required: number, overridden: boolean, keys: unknown[] | undefined, days: number[], unit: PeriodUnit | undefined): QuotaOutcome => {
      let count = 0
      const byPeriod = new Map<string, number>()
      const seen = keys === undefined ? undefined : new Set<unknown>()
      for (let i = 0; i < days.length; i++) {
        // With distinct, a piece counts once, in the period of its first record.
        if (seen !== undefined) {
          if (seen.has(keys![i])) continue
          seen.add(keys![i])
        }
        count++
        if (unit) {
          const p = periodKey(days[i]!, unit)
          byPeriod.set(p, (byPeriod.get(p) ?? 0) + 1)
        }
      }
      const periods: QuotaPeriod[] = []
      let shortfall = 0
      if (unit) {
        if (st.from === -Infinity || st.to === Infinity)
          throw new EvidenceError(makeDiagnostic('OPTION_INVALID', `Quota "${id}" is counted per ${unit}: give the assessed span (period from/to).`, { subject: st.scope.subject, path: [] }))
        for (const p of periodsBetween(st.from, st.to, unit)) {
          const n = byPeriod.get(p) ?? 0
          const short = Math.max(0, required - n)
          shortfall += short
          periods.push({ period: p, count: n, required, short })
        }
      } else shortfall = Math.max(0, required - count)
      const o: QuotaOutcome = { id, required, overridden, count, shortfall, periods }
      st.Q[q] = o
      return o
    },
    /** Reports an evidence problem; true when problems are being collected (the check goes on), false to stop. */
    bad: collect,
    factProblem: (st: RunState, k: number, value: unknown, element?: number): Diagnostic => layout.factProblem(st, k, value, element),
  }
}

export type Helpers = ReturnType<typeof makeHelpers>
