/**
 * Running the compiled rubric on one subject's evidence: the envelope, the facts and records (read and checked by
 * the generated code), the tree (once, or once per period and combined), then — for a full result — gates, grades
 * by threshold, quotas, money and the self-assessment. `totals()` uses the first part only; `evaluate` and
 * `evaluateCohort` all of it. Evidence the compiled code refuses is examined again on the refusal path, which
 * collects every problem with its message.
 */
import { makeDiagnostic, type Diagnostic, type Result } from '../diagnostics/diagnostic'
import { fail, ok } from '../diagnostics/diagnostic'
import type { Bound, Program } from '../compile/program'
import { newState } from '../compile/program'
import { EvidenceError, MAX_PROBLEMS, type LinkedEvaluate, type QuotaOutcome, type RunState } from '../compile/runtime'
import type { Scope } from '../compile/problems'
import { limitExceeded, type Limits } from '../limits'
import { preview } from '../load/text'
import { listWords } from '../kinds/facts'
import { FIRST_YEAR, formatDay, LAST_YEAR, parseDay, parsePeriodKey, spanOverYears } from '../num/dates'
import { add, round, toFixedString, type Fixed } from '../num/fixed'
import { checkSubjectData, countRecords } from '../validate/data-limits'
import { adjustmentValue, checkEnvelope, quickEnvelope, type SubjectEvidence } from './envelope'
import type { Adjustment, PeriodResult, SubjectResult } from './result'
import { combinePeriods, type PeriodRun } from './rollup'
import { ScoredSubject, type Rolled, type Scoring } from './subject-result'
import { Recorded } from './trail'

export interface EvaluateOptions {
  /** The evaluation date (YYYY-MM-DD); default: the end of the assessed span. Never the system clock. */
  asOf?: string
  /** The assessed span; default: the rubric's period. Records outside it are not counted. */
  period?: { from?: string; to?: string }
  /** Parameter overrides; each must pass the rubric's own rules (else OPTION_INVALID). */
  params?: Readonly<Record<string, unknown>>
  /** Build the trail of every item (default true), or only for the subjects whose ids are listed. */
  trail?: boolean | readonly string[]
  /** Limits to change from `DEFAULT_LIMITS` (src/limits.ts): maxSubjects, maxRecordsPerSubject, maxDepth, maxStringLength, maxPeriodYears. */
  limits?: Partial<Limits>
  /**
   * A subject whose evidence is refused: `fail` (default) fails the whole call; `skip` leaves it out — `totals`
   * gives it `null`, a cohort lists it under `refused` and ranks the others.
   */
  invalid?: 'fail' | 'skip'
}

export interface Window {
  asOf: number | undefined
  from: number | undefined
  to: number | undefined
  /** The dates as result text. */
  text: { asOf?: string; period?: { from?: string; to?: string } }
}

const dayOption = (s: unknown, what: string, ds: Diagnostic[]): number | undefined => {
  if (s === undefined) return undefined
  const d = typeof s === 'string' ? parseDay(s) : undefined
  if (d === undefined) ds.push(makeDiagnostic('OPTION_INVALID', `${what} ${typeof s === 'string' ? `"${s.slice(0, 40)}"` : String(s)} is not a date YYYY-MM-DD with a year from ${FIRST_YEAR} to ${LAST_YEAR}.`))
  return d
}

/**
 * LIMIT_EXCEEDED when the assessed span covers more than `maxPeriodYears` years, else undefined. Checked before any
 * period of the span is listed (a quota per month lists every month of it, for every subject).
 */
export function spanProblem(window: Pick<Window, 'from' | 'to'>, limits: Pick<Limits, 'maxPeriodYears'>): Diagnostic | undefined {
  const { from, to } = window
  if (from === undefined || to === undefined || !spanOverYears(from, to, limits.maxPeriodYears)) return undefined
  return limitExceeded('maxPeriodYears', limits.maxPeriodYears, `The assessed span from ${formatDay(from)} to ${formatDay(to)} covers more than ${limits.maxPeriodYears} years`, {
    path: ['period'],
    hint: `Assess a shorter span (period from/to: one evaluation covers a year or a few), or raise the limit with the option limits: { maxPeriodYears: … } (command line: --limit maxPeriodYears=…) if the input is trusted.`,
  })
}

/**
 * The dates of an evaluation: explicit options first, then the rubric's period. The span needs from ≤ to and at most
 * maxPeriodYears years: a call over a longer span is refused once, before any subject is read.
 */
export function resolveWindow(program: Program, options: Pick<EvaluateOptions, 'asOf' | 'period'>, limits: Pick<Limits, 'maxPeriodYears'>): Result<Window> {
  const ds: Diagnostic[] = []
  const period = options.period
  if (period !== undefined && (period === null || typeof period !== 'object')) return fail([makeDiagnostic('OPTION_INVALID', 'The option "period" must be a mapping { from, to }.')])
  const from = dayOption(period?.from, 'period.from', ds) ?? program.period.from
  const to = dayOption(period?.to, 'period.to', ds) ?? program.period.to
  const asOf = dayOption(options.asOf, 'asOf', ds) ?? to
  if (!ds.length && from !== undefined && to !== undefined && from > to)
    ds.push(makeDiagnostic('OPTION_INVALID', `The assessed span runs from ${formatDay(from)} to ${formatDay(to)}: its start is after its end.`, { hint: 'Give period.from on or before period.to.' }))
  if (!ds.length) {
    const tooLong = spanProblem({ from, to }, limits)
    if (tooLong) ds.push(tooLong)
  }
  if (ds.length) return fail(ds)
  const text: Window['text'] = {}
  if (asOf !== undefined) text.asOf = formatDay(asOf)
  if (from !== undefined || to !== undefined) text.period = { ...(from !== undefined ? { from: formatDay(from) } : {}), ...(to !== undefined ? { to: formatDay(to) } : {}) }
  return ok({ asOf, from, to, text })
}

/** One call of the API: a program with bound parameters, dates and limits, and the state its runs reuse. */
export interface Call {
  readonly program: Program
  bound: Bound
  window: Window
  limits: Limits
  opts: EvaluateOptions
  readonly st: RunState
  /** An N/A array and adjustment arrays reused from subject to subject. */
  readonly na: Uint8Array
  readonly adjTo: Float64Array
  readonly adjBy: Float64Array
  readonly computed: Float64Array
  /** Open (in use by a call that has not returned). */
  busy: boolean
  /** Where results keep their numbers (see `reserve`), and how much of it is used. */
  slab: Float64Array
  slabAt: number
  /**
   * Each result is read before the next subject is scored (a stream): every result keeps its numbers at the start of
   * one slab, which the next overwrites, instead of a fresh part of it (no slab garbage per few thousand subjects).
   */
  transient: boolean
}

/** Slab sizes: the first slab of a program is small (one subject scored alone), each next one twice as large. */
const FIRST_SLAB = 4096
const LARGEST_SLAB = 262_144

/**
 * Room for n numbers a result keeps, in the call's current slab (`call.slab` after this call): one backing store serves
 * many subjects (a store of its own per array is an allocation outside the heap, costly to make and to collect: a
 * cohort's garbage collections grow with the number of stores). Slabs are only ever cut forward, never written
 * again; a slab lives while any result that reads it does, so one result kept alone keeps at most 2 MB.
 */
function reserve(call: Call, n: number): number {
  if (call.slabAt + n > call.slab.length) {
    const size = call.slab.length === 0 ? FIRST_SLAB : Math.min(LARGEST_SLAB, call.slab.length * 2)
    call.slab = new Float64Array(Math.max(size, n))
    call.slabAt = 0
  }
  const at = call.slabAt
  call.slabAt += n
  return at
}

/**
 * One spare call per program, kept for the program's life and reused by each call that finds it free (a call that
 * starts inside another, through a linked rubric, gets its own). Reuse is not only thrift: the engine's optimised
 * code is specialised to the shapes of these objects, and shapes that die with their objects take that code with them.
 */
const spares = new WeakMap<Program, Call>()

export function openCall(program: Program, bound: Bound, window: Window, limits: Limits, link: LinkedEvaluate | undefined, opts: EvaluateOptions = {}): Call {
  let c = spares.get(program)
  if (c === undefined || c.busy) {
    const n = program.layout.nodes.length
    const fresh: Call = { program, bound, window, limits, opts, st: newState(program, bound, window, limits), na: new Uint8Array(n), adjTo: new Float64Array(n), adjBy: new Float64Array(n), computed: new Float64Array(n), busy: false, slab: new Float64Array(0), slabAt: 0, transient: false }
    if (c === undefined) spares.set(program, fresh)
    c = fresh
  }
  c.bound = bound
  c.window = window
  c.limits = limits
  c.opts = opts
  c.busy = true
  const st = c.st
  st.P = bound.P
  st.K = bound.K
  st.asOf = window.asOf ?? NaN
  st.from = window.from ?? -Infinity
  st.to = window.to ?? Infinity
  st.maxString = limits.maxStringLength
  st.maxRecords = limits.maxRecordsPerSubject
  st.link = link
  return c
}

/** Ends a call: its state is free for the next, and holds no evidence or callback of this one. */
export function closeCall(c: Call): void {
  const st = c.st
  st.link = undefined
  st.linkParams = undefined
  st.R.fill(undefined)
  st.X.fill(undefined)
  st.KS.length = 0
  st.Q.fill(undefined)
  st.TR = st.W = st.problems = null
  st.NA = st.A = st.AB = st.C = null
  c.opts = {}
  c.transient = false
  c.busy = false
}

const prefixed = (ds: readonly Diagnostic[], index: number): Diagnostic[] => ds.map((d) => (d.severity === 'error' ? { ...d, path: ['subjects', index, ...(d.path ?? [])] } : d))

function scopeOf(st: RunState, id: string | undefined, index: number, prefix: Scope['prefix'] = [], words = ''): void {
  const s = st.scope
  s.subject = id ?? `#${index}`
  s.who = id !== undefined ? `Subject "${id.slice(0, 60)}"` : `Subject #${index}`
  s.prefix = prefix
  s.words = words
}

/** Points st.NA at the subject's 不適用 items and everything inside them (null when none). */
function bindNA(call: Call, ids: readonly string[] | undefined, more?: readonly string[]): void {
  const { st, program, na } = call
  if ((ids === undefined || ids.length === 0) && (more === undefined || more.length === 0)) {
    st.NA = null
    return
  }
  const { nodes, index } = program.layout
  na.fill(0)
  for (const list of ids === undefined ? [more!] : more === undefined ? [ids] : [ids, more])
    for (let k = 0; k < list.length; k++) {
      const i = index.get(list[k]!)!
      na.fill(1, i, nodes[i]!.end) // the item and everything inside it
    }
  st.NA = na
}

/** Points st.A / st.AB at the subject's adjustments (null when none; a later one for the same item replaces an earlier). */
function bindAdjustments(call: Call, adjustments: SubjectEvidence['adjustments']): void {
  const { st, program } = call
  if (!adjustments?.length) {
    st.A = st.AB = st.C = null
    return
  }
  call.adjTo.fill(NaN)
  call.adjBy.fill(NaN)
  call.computed.fill(NaN)
  for (const a of adjustments) {
    const i = a.item === 'total' ? 0 : program.layout.index.get(a.item)!
    call.adjTo[i] = a.to !== undefined ? adjustmentValue(a.to)! : NaN
    call.adjBy[i] = a.by !== undefined ? adjustmentValue(a.by)! : NaN
  }
  st.A = call.adjTo
  st.AB = call.adjBy
  st.C = call.computed
}

/** Every problem of a refused subject, with its message and its path from the cohort (the refusal path). */
export function diagnose(call: Call, subject: unknown, index: number): Diagnostic[] {
  const { program, limits } = call
  // The usual refusal — a subject of the usual shape with facts missing and nothing else wrong — is told by the
  // compiled check alone: every value it was given passed its declared check. Anything else is first walked whole
  // (plain data, depth, text, long keys), since the checks that follow may not reach every part.
  if (quickEnvelope(subject, limits.maxStringLength, program.layout.index) !== undefined) {
    const out = problemsOf(call, subject as SubjectEvidence & Record<string, unknown>, index)
    if (out.length && out.every((d) => d.code === 'EVIDENCE_MISSING')) return finish(call, out, index)
  }
  const plain = checkSubjectData(subject, index, limits, ['subjects', index])
  if (plain.length) return plain
  return finish(call, problemsOf(call, subject as SubjectEvidence & Record<string, unknown>, index), index)
}

/** The problems the envelope check and the compiled check (collecting, not stopping) find in a subject. */
function problemsOf(call: Call, s: SubjectEvidence & Record<string, unknown>, index: number): Diagnostic[] {
  const { st, program, limits } = call
  const id = typeof s?.id === 'string' ? s.id : undefined
  scopeOf(st, id, index)
  const out: Diagnostic[] = []
  checkEnvelope(program, s, st.scope, limits.maxStringLength, out)
  st.problems = out
  try {
    if (s !== null && typeof s === 'object') {
      program.module.readFacts(st, s.facts, true)
      program.module.readRecords(st, s.records)
      if (s.self !== null && typeof s.self === 'object') {
        scopeOf(st, id, index, ['self'], ' (self-assessment)')
        program.module.readFacts(st, s.self.facts, false)
        program.module.readRecords(st, s.self.records)
      }
      if (program.rubric.rollup && s.periods !== null && typeof s.periods === 'object')
        for (const [key, p] of Object.entries(s.periods as Record<string, PeriodEvidenceLike>)) {
          if (p === null || typeof p !== 'object') continue
          scopeOf(st, id, index, ['periods', key], ` in period ${key}`)
          program.module.readFacts(st, p.facts, false)
          program.module.readRecords(st, p.records)
        }
    }
  } finally {
    st.problems = null
    scopeOf(st, id, index)
  }
  return out
}

/** The problems as the caller gets them: the items that read each fact named, paths from the cohort. */
function finish(call: Call, out: Diagnostic[], index: number): Diagnostic[] {
  const { st, program } = call
  if (!out.length) out.push(makeDiagnostic('EVIDENCE_INVALID', `${st.scope.who}: the evidence is not of the form the rubric expects.`, { subject: st.scope.subject }))
  if (out.length > MAX_PROBLEMS) {
    out.length = MAX_PROBLEMS
    out.push(makeDiagnostic('EVIDENCE_INVALID', `${st.scope.who}: the evidence has more problems than the ${MAX_PROBLEMS} above; fix those and check again.`, { subject: st.scope.subject }))
  }
  return prefixed(out.map((d) => withUsers(program, d)), index)
}

/** Adds "(read by item …)" to a diagnostic about a fact, so that the evidence is fixed where it matters. */
function withUsers(program: Program, d: Diagnostic): Diagnostic {
  const p = d.path ?? []
  const at = p.indexOf('facts')
  const fact = at >= 0 ? p[at + 1] : undefined
  const items = typeof fact === 'string' ? program.factUsers.get(fact) : undefined
  return items ? { ...d, message: `${d.message.replace(/\.$/, '')} (read by item${items.length > 1 ? 's' : ''} ${listWords(items)}).` } : d
}

type PeriodEvidenceLike = { facts?: unknown; records?: unknown; notApplicable?: string[] }

/** The subject's envelope when its evidence reads clean into the state (facts, records, 不適用, adjustments); else undefined. */
function read(call: Call, subject: unknown, index: number): SubjectEvidence | undefined {
  const { st, program, limits } = call
  let ev = quickEnvelope(subject, limits.maxStringLength, program.layout.index)
  if (ev === undefined) {
    // Another shape (adjustments, self, periods) or a problem: the full check decides.
    const out: Diagnostic[] = []
    scopeOf(st, undefined, index)
    checkEnvelope(program, subject, st.scope, limits.maxStringLength, out)
    if (out.length || countRecords(subject) > limits.maxRecordsPerSubject) return undefined
    ev = subject as SubjectEvidence
    const self = ev.self
    if (self !== undefined && (!program.module.readFacts(st, self.facts, false) || !program.module.readRecords(st, self.records))) return undefined
    if (ev.periods !== undefined) for (const p of Object.values(ev.periods)) if (!program.module.readFacts(st, p.facts, false) || !program.module.readRecords(st, p.records)) return undefined
  }
  st.scope.subject = ev.id
  if (!program.module.readFacts(st, ev.facts, true) || !program.module.readRecords(st, ev.records)) return undefined
  bindNA(call, ev.notApplicable)
  bindAdjustments(call, ev.adjustments)
  return ev
}

/**
 * The subject's evidence read into the state, or every reason it is refused. Evidence that throws when read (an
 * accessor or a proxy of the caller's) is refused with the error's message: nothing escapes as an exception.
 */
function readOrRefuse(call: Call, subject: unknown, index: number): SubjectEvidence | Diagnostic[] {
  try {
    return read(call, subject, index) ?? diagnose(call, subject, index)
  } catch (e) {
    call.st.problems = null
    const id = subjectId(subject)
    const why = e instanceof Error ? e.message : String(e)
    return [makeDiagnostic('EVIDENCE_INVALID', `${id !== undefined ? `Subject ${preview(id)}` : `Subject #${index}`}: the evidence could not be read (${preview(why)} was thrown); give plain data (JSON values), without accessors or proxies.`, { subject: id ?? `#${index}`, path: ['subjects', index] })]
  }
}

/** A subject's id: its "id" when that is a text (and reading it does not throw), else undefined. */
export function subjectId(s: unknown): string | undefined {
  if (s === null || typeof s !== 'object' || Array.isArray(s)) return undefined
  try {
    const id = (s as { id?: unknown }).id
    return typeof id === 'string' ? id : undefined
  } catch {
    return undefined
  }
}

/** A diagnostic from an error thrown inside a run (evidence refused while scoring, a number out of the exact range). */
function runError(e: unknown, subject: string): Diagnostic {
  if (e instanceof EvidenceError) return { ...e.diagnostic, subject: e.diagnostic.subject || subject }
  if (e instanceof Error && (e as { code?: string }).code === 'NUMBER_OUT_OF_RANGE')
    return makeDiagnostic('NUMBER_OUT_OF_RANGE', `A number in the evidence of subject "${subject}" is too large to score exactly.`, { subject })
  throw e
}

/** The final total of one subject (rounded as the rubric says), or why its evidence is refused. */
export function totalOf(call: Call, subject: unknown, index: number): string | Diagnostic[] {
  const { st, program } = call
  st.TR = null
  st.W = null
  const ev = readOrRefuse(call, subject, index)
  if (!('id' in ev)) return ev
  try {
    const exact = scoreSubject(call, ev, false, false).exact
    return toFixedString(round(exact, program.rounding.places, program.rounding.mode), program.rounding.places)
  } catch (e) {
    return prefixed([runError(e, ev.id)], index)
  }
}

/** What scoring one subject leaves for its result. */
interface Scored {
  /** The total before the final rounding. */
  exact: Fixed
  /** The numbers recorded for the result (when asked to record). */
  rec: Recorded | undefined
  rolled: Rolled | undefined
  quotas: QuotaOutcome[]
  money: ReturnType<Program['module']['money']> | undefined
  /** The self-assessment's scores, when the subject gives one (and there is no rollup). */
  self: Float64Array | undefined
  /** Read from the assessor's facts before a self-assessment replaces them (when recording): grades.groupBy's value, the findings' fact values. */
  group?: string
  findingFacts?: (string | null)[]
}

/** Copies n numbers of `from` (a typed array, or null: none) into buf at `at`; the offset, or -1 when none. */
function copyInto(buf: Float64Array, at: number, from: ArrayLike<number> | null, n: number): number {
  if (from === null) return -1
  for (let i = 0; i < n; i++) buf[at + i] = from[i]!
  return at
}

/**
 * Scores one subject whose evidence was read into the state: the tree (or its periods, combined), then gates and
 * grade prerequisites, quotas, money and the self-assessment. `totals()` and full results both run all of it, so a
 * subject is refused by both or by neither; with `record`, the numbers a result explains itself with are kept (the
 * trail slots, scores, 不適用 marks, scores before adjustment). Throws EvidenceError (caught by the caller).
 */
function scoreSubject(call: Call, ev: SubjectEvidence, trail: boolean, record: boolean): Scored {
  const { st, program } = call
  const { rubric } = program
  const n = program.layout.nodes.length
  const slots = program.slots.size
  let rolled: Rolled | undefined
  // Where the recorded numbers go: trail slots, then scores, 不適用 marks and scores before adjustment (n each).
  let buf: Float64Array | undefined
  let at = 0
  if (rubric.rollup && ev.periods) {
    rolled = rollup(call, ev, trail)
    // Gates, grades, quotas and money read the subject's own evidence over the whole span, with the combined scores.
    program.module.readFacts(st, ev.facts, false)
    program.module.readRecords(st, ev.records)
    st.S.set(rolled.S)
    if (record) buf = new Float64Array(slots + 3 * n)
    for (let q = 0; q < st.Q.length; q++) st.Q[q] = undefined
  } else if (record) {
    if (call.transient) call.slabAt = 0
    at = reserve(call, slots + 3 * n)
    buf = call.slab
  }
  if (buf !== undefined) buf.fill(NaN, at, at + slots)
  st.TR = buf ?? null
  st.TB = at
  if (!rolled) program.module.score(st)
  if (rubric.gates?.length || program.hasPrerequisites) program.module.outcome(st)
  const quotas = program.module.quotas.length ? program.module.quotas.map((q) => q(st)) : NO_QUOTAS
  const money = rubric.money ? program.module.money(st) : undefined
  const S = rolled ? rolled.S : st.S
  const exact = S[0]!
  let rec: Recorded | undefined
  if (buf !== undefined) {
    const sAt = copyInto(buf, at + slots, S, n)
    const naAt = copyInto(buf, at + slots + n, rolled ? rolled.NA : st.NA, n)
    const cAt = copyInto(buf, at + slots + 2 * n, rolled ? rolled.C : st.C, n)
    rec = new Recorded(buf, at, buf, sAt, naAt < 0 ? null : buf, naAt, cAt < 0 ? null : buf, cAt, st.P, quotas, st.asOf, st.to)
  }
  // the group and the findings' facts are the assessor's: read them before the self-assessment's facts replace them
  let group: string | undefined
  let findingFacts: (string | null)[] | undefined
  if (record) {
    const groupBy = rubric.grades?.groupBy
    if (groupBy !== undefined) group = groupOf(program, st.V, groupBy)
    const findings = rubric.findings
    if (findings?.some((f) => f.fact !== undefined)) findingFacts = findings.map((f) => (f.fact === undefined ? null : factText(program, st.V, f.fact)))
  }
  let self: Float64Array | undefined
  if (ev.self && !rolled) {
    // The assessor's facts overridden by the subject's own, its own records if given; the same 不適用, no adjustments.
    const [TR, W, A, AB, Cs] = [st.TR, st.W, st.A, st.AB, st.C]
    program.module.readFacts(st, { ...ev.facts, ...ev.self.facts }, false)
    program.module.readRecords(st, ev.self.records ?? ev.records)
    st.A = st.AB = st.C = null
    st.W = null
    st.TR = null
    try {
      program.module.score(st)
    } finally {
      ;[st.TR, st.W, st.A, st.AB, st.C] = [TR, W, A, AB, Cs]
    }
    self = Float64Array.from(st.S)
  }
  return { exact, rec, rolled, quotas, money, self, ...(group !== undefined ? { group } : {}), ...(findingFacts !== undefined ? { findingFacts } : {}) }
}

const NO_QUOTAS: QuotaOutcome[] = []

/** Scores each period the subject gives and combines them level by level; adjustments apply to the result. */
function rollup(call: Call, ev: SubjectEvidence, trail: boolean): Rolled {
  const { st, program, window } = call
  const runs: PeriodRun[] = []
  const periods: PeriodResult[] = []
  const nodes = program.layout.nodes
  const first = program.rubric.rollup![0]!.from
  const refuse = (message: string, path: (string | number)[] = ['periods']) => new EvidenceError(makeDiagnostic('EVIDENCE_INVALID', message, { subject: ev.id, path }))
  const A = st.A
  const AB = st.AB
  st.A = st.AB = st.C = null
  for (const [key, p] of Object.entries(ev.periods!).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const span = parsePeriodKey(key)
    if (!span || span.unit !== first) throw refuse(`Period "${key}" is not a ${first} (write ${({ month: '2017-03', quarter: '2017-Q1', half: '2017-H1', year: '2017' } as const)[first]}).`, ['periods', key])
    if ((window.from !== undefined && span.to < window.from) || (window.to !== undefined && span.from > window.to)) continue
    const records: Record<string, unknown[]> = { ...(ev.records ?? {}) }
    for (const [name, rows] of Object.entries(p.records ?? {})) records[name] = [...(records[name] ?? []), ...rows]
    program.module.readFacts(st, { ...ev.facts, ...p.facts }, false)
    program.module.readRecords(st, records)
    bindNA(call, ev.notApplicable, p.notApplicable)
    // Records count when dated in the period and in the assessed span.
    st.from = Math.max(span.from, window.from ?? -Infinity)
    st.to = Math.min(span.to, window.to ?? Infinity)
    st.TR = trail ? new Float64Array(program.slots.size).fill(NaN) : null
    st.TB = 0
    try {
      program.module.score(st)
    } catch (e) {
      if (e instanceof EvidenceError) throw new EvidenceError({ ...e.diagnostic, message: `Period ${key}: ${e.diagnostic.message}` })
      throw e
    } finally {
      st.from = window.from ?? -Infinity
      st.to = window.to ?? Infinity
    }
    const run: PeriodRun = { key, S: Float64Array.from(st.S), NA: st.NA ? Uint8Array.from(st.NA) : new Uint8Array(nodes.length), TR: st.TR, Q: [...st.Q], to: Math.min(span.to, window.to ?? Infinity) }
    runs.push(run)
    const items: Record<string, string> = {}
    for (let i = 1; i < nodes.length; i++) items[nodes[i]!.id] = toFixedString(run.S[i]!)
    periods.push({ period: key, total: toFixedString(run.S[0]!), items })
  }
  if (!runs.length) throw refuse('No period of the evidence falls in the assessed span.')
  const combined = combinePeriods(program, runs, window, ev.id, call.bound.values)
  for (const w of combined.warnings) st.W?.push(w)
  // Adjustments apply to the combined result; then every section not itself adjusted is its items' plain sum again.
  let C: Float64Array | null = null
  if (A !== null) {
    const S = combined.S
    for (let i = 0; i < nodes.length; i++) {
      const to = A[i]!
      const by = AB![i]!
      if ((to !== to && by !== by) || combined.NA[i] === 1) continue // an adjustment of an item 不適用 has no effect
      C ??= new Float64Array(nodes.length).fill(NaN)
      C[i] = S[i]!
      S[i] = to === to ? to : add(S[i]!, by)
      if (S[i]! > nodes[i]!.hi || S[i]! < nodes[i]!.min) program.h.badAdjustment(st, i, S[i]!)
    }
    if (C !== null)
    for (const i of program.layout.post) {
      const n = nodes[i]!
      if (!n.children.length || C[i] === C[i] || combined.NA[i] === 1) continue
      let s: Fixed = 0
      for (const c of n.children) s = add(s, S[c]!)
      S[i] = i === 0 ? s : Math.min(n.hi, Math.max(n.min, s)) // the total is its items' sum; sections keep their bounds
    }
  }
  st.A = A
  st.AB = AB
  return { S: combined.S, NA: combined.NA, C, periods, runs, trails: combined.trails, levels: combined.levels }
}

/** A fact's value as result text: an enum value, a decimal, a date, true/false; null when not given. */
function factText(program: Program, V: Float64Array, name: string): string | null {
  const k = program.declared.factIndex.get(name)
  if (k === undefined) return null
  const v = V[k]!
  if (v !== v) return null
  const fact = program.declared.facts[k]!.fact
  switch (fact.type) {
    case 'enum':
      return fact.values[v] ?? null
    case 'boolean':
      return v === 1 ? 'true' : 'false'
    case 'date':
      return formatDay(v)
    default:
      return toFixedString(v)
  }
}

/** The subject's value of the grouping fact (an enum): '' when it is not given. */
function groupOf(program: Program, V: Float64Array, name: string): string {
  return factText(program, V, name) ?? ''
}

/** Everything about one subject: its figures now; items (with trails when asked), gates, quotas, money, self when read. */
export function resultOf(call: Call, subject: unknown, index: number, trail: boolean): Result<SubjectResult> {
  const { st, program, window } = call
  const warnings: Diagnostic[] = []
  st.W = warnings
  st.TR = null
  const ev = readOrRefuse(call, subject, index)
  if (!('id' in ev)) return fail(ev)
  try {
    const { rec, rolled, money, self, group, findingFacts } = scoreSubject(call, ev, trail, true)
    const scoring: Scoring = {
      program,
      rec: rec!,
      G: st.G.length ? Uint8Array.from(st.G) : st.G,
      TH: st.TH.length ? Uint8Array.from(st.TH) : st.TH,
      trail,
      rolled,
      adjustments: ev.adjustments?.length ? ev.adjustments.map(adjustmentText) : undefined,
      money,
      self,
      dates: window.text,
    }
    if (group !== undefined) scoring.group = group
    if (findingFacts !== undefined) scoring.findingFacts = findingFacts
    return ok(new ScoredSubject(scoring, ev.name !== undefined ? { id: ev.id, name: ev.name } : { id: ev.id }, warnings), warnings)
  } catch (e) {
    return fail(prefixed([runError(e, ev.id), ...warnings], index))
  } finally {
    st.W = null
  }
}

const adjustmentText = (a: NonNullable<SubjectEvidence['adjustments']>[number]): Adjustment =>
  ({ ...a, ...(a.to !== undefined ? { to: String(a.to) } : {}), ...(a.by !== undefined ? { by: String(a.by) } : {}) }) as Adjustment

/** The evidence check alone (no scoring): every problem of one subject's evidence, or none. */
export function checkEvidence(call: Call, subject: unknown, index: number): Diagnostic[] {
  call.st.TR = null
  call.st.W = null
  const ev = readOrRefuse(call, subject, index)
  return 'id' in ev ? [] : ev
}
