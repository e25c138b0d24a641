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
import { EvidenceError, type LinkedEvaluate, type QuotaOutcome, type RunState } from '../compile/runtime'
import type { Scope } from '../compile/problems'
import type { Limits } from '../limits'
import { FIRST_YEAR, formatDay, LAST_YEAR, parseDay, parsePeriodKey } from '../num/dates'
import { add, round, sub, toFixedString, type Fixed } from '../num/fixed'
import { literalFixed as literalOf } from '../kinds/kit/values'
import { checkSubjectData, countRecords } from '../validate/data-limits'
import { adjustmentValue, checkEnvelope, quickEnvelope, type SubjectEvidence } from './envelope'
import { moneyResult } from './money'
import type { Adjustment, GateResult, ItemResult, PeriodResult, SubjectResult, Trail } from './result'
import { combinePeriods, type PeriodRun } from './rollup'
import { explainCondition, nodeTrail, type Recorded } from './trail'

export interface EvaluateOptions {
  /** The evaluation date (YYYY-MM-DD); default: the end of the assessed span. Never the system clock. */
  asOf?: string
  /** The assessed span; default: the rubric's period. Records outside it are not counted. */
  period?: { from?: string; to?: string }
  /** Parameter overrides; each must pass the rubric's own rules (else OPTION_INVALID). */
  params?: Readonly<Record<string, unknown>>
  /** Build the trail of every item (default true), or only for the subjects whose ids are listed. */
  trail?: boolean | readonly string[]
  /** Limits to change from `DEFAULT_LIMITS` (src/limits.ts): maxSubjects, maxRecordsPerSubject, maxDepth, maxStringLength. */
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

/** The dates of an evaluation: explicit options first, then the rubric's period. The span needs from ≤ to. */
export function resolveWindow(program: Program, options: Pick<EvaluateOptions, 'asOf' | 'period'>): Result<Window> {
  const ds: Diagnostic[] = []
  const period = options.period
  if (period !== undefined && (period === null || typeof period !== 'object')) return fail([makeDiagnostic('OPTION_INVALID', 'The option "period" must be a mapping { from, to }.')])
  const from = dayOption(period?.from, 'period.from', ds) ?? program.period.from
  const to = dayOption(period?.to, 'period.to', ds) ?? program.period.to
  const asOf = dayOption(options.asOf, 'asOf', ds) ?? to
  if (!ds.length && from !== undefined && to !== undefined && from > to)
    ds.push(makeDiagnostic('OPTION_INVALID', `The assessed span runs from ${formatDay(from)} to ${formatDay(to)}: its start is after its end.`, { hint: 'Give period.from on or before period.to.' }))
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
    const fresh: Call = { program, bound, window, limits, opts, st: newState(program, bound, window, limits), na: new Uint8Array(n), adjTo: new Float64Array(n), adjBy: new Float64Array(n), computed: new Float64Array(n), busy: false }
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
  st.R.fill(undefined)
  st.X.fill(undefined)
  st.KS.length = 0
  st.Q.fill(undefined)
  st.TR = st.W = st.problems = null
  st.NA = st.A = st.AB = st.C = null
  c.opts = {}
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

/** Marks node i and everything inside it 不適用. */
function markNA(program: Program, na: Uint8Array, i: number): void {
  const stack = [i]
  while (stack.length) {
    const j = stack.pop()!
    na[j] = 1
    for (const c of program.layout.nodes[j]!.children) stack.push(c)
  }
}

/** Points st.NA at the subject's 不適用 items (null when none). */
function bindNA(call: Call, ids: readonly string[] | undefined, more?: readonly string[]): void {
  const { st, program, na } = call
  if ((ids === undefined || ids.length === 0) && (more === undefined || more.length === 0)) {
    st.NA = null
    return
  }
  na.fill(0)
  for (const list of [ids, more]) for (const id of list ?? []) markNA(program, na, program.layout.index.get(id)!)
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
  const { st, program, limits } = call
  const plain = checkSubjectData(subject, index, limits, ['subjects', index])
  if (plain.length) return plain
  const s = subject as SubjectEvidence & Record<string, unknown>
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
  if (!out.length) out.push(makeDiagnostic('EVIDENCE_INVALID', `${st.scope.who}: the evidence is not of the form the rubric expects.`, { subject: st.scope.subject }))
  return prefixed(out.map((d) => withUsers(program, d)), index)
}

/** Adds "(read by item …)" to a diagnostic about a fact, so that the evidence is fixed where it matters. */
function withUsers(program: Program, d: Diagnostic): Diagnostic {
  const p = d.path ?? []
  const at = p.indexOf('facts')
  const fact = at >= 0 ? p[at + 1] : undefined
  const items = typeof fact === 'string' ? program.factUsers.get(fact) : undefined
  return items ? { ...d, message: `${d.message.replace(/\.$/, '')} (read by item${items.length > 1 ? 's' : ''} ${items.join(', ')}).` } : d
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

/** A diagnostic from an error thrown inside a run (evidence refused while scoring, a number out of the exact range). */
function runError(e: unknown, subject: string): Diagnostic {
  if (process.env.KAOPING_DEBUG) console.error(e)
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
  const ev = read(call, subject, index)
  if (ev === undefined) return diagnose(call, subject, index)
  try {
    const S = scoreSubject(call, ev, false).S
    return toFixedString(round(S[0]!, program.rounding.places, program.rounding.mode), program.rounding.places)
  } catch (e) {
    return prefixed([runError(e, ev.id)], index)
  }
}

/** What scoring one subject leaves for its result. */
interface Scored {
  S: Float64Array
  NA: Uint8Array | null
  C: Float64Array | null
  rolled: Rolled | undefined
  quotas: QuotaOutcome[]
  money: ReturnType<Program['module']['money']> | undefined
  /** The self-assessment's scores, when the subject gives one (and there is no rollup). */
  self: Float64Array | undefined
}

/**
 * Scores one subject whose evidence was read into the state: the tree (or its periods, combined), then gates and
 * grade prerequisites, quotas, money and the self-assessment. `totals()` and full results both run all of it, so a
 * subject is refused by both or by neither. Throws EvidenceError (caught by the caller).
 */
function scoreSubject(call: Call, ev: SubjectEvidence, trail: boolean): Scored {
  const { st, program } = call
  const record = st.TR !== null // a full result records the numbers of its gates' and items' explanations
  const { rubric } = program
  let S: Float64Array
  let NA: Uint8Array | null
  let C: Float64Array | null
  let rolled: Rolled | undefined
  if (rubric.rollup && ev.periods) {
    rolled = rollup(call, ev, trail)
    ;({ S, NA, C } = rolled)
    // Gates, grades, quotas and money read the subject's own evidence over the whole span, with the combined scores.
    program.module.readFacts(st, ev.facts, false)
    program.module.readRecords(st, ev.records)
    st.S.set(S)
    st.TR = record ? new Float64Array(program.slots.size).fill(NaN) : null
    for (let q = 0; q < st.Q.length; q++) st.Q[q] = undefined
  } else {
    program.module.score(st)
    S = st.TR === null ? st.S : Float64Array.from(st.S)
    NA = st.NA === null ? null : st.TR === null ? st.NA : Uint8Array.from(st.NA)
    C = st.C === null ? null : Float64Array.from(st.C)
  }
  if (rubric.gates?.length || program.thresholds.some((t) => t >= 0)) program.module.outcome(st)
  const quotas = program.module.quotas.length ? program.module.quotas.map((q) => q(st)) : NO_QUOTAS
  const money = rubric.money ? program.module.money(st) : undefined
  let self: Float64Array | undefined
  if (ev.self && !rolled) {
    // The assessor's facts overridden by the subject's own, its own records if given; the same 不適用, no adjustments.
    if (S === st.S) S = Float64Array.from(st.S)
    if (NA !== null && NA === st.NA) NA = Uint8Array.from(NA)
    const [TR, W, A, AB, Cs] = [st.TR, st.W, st.A, st.AB, st.C]
    program.module.readFacts(st, { ...ev.facts, ...ev.self.facts }, false)
    program.module.readRecords(st, ev.self.records ?? ev.records)
    st.NA = NA
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
  return { S, NA, C, rolled, quotas, money, self }
}

const NO_QUOTAS: QuotaOutcome[] = []

interface Rolled {
  S: Float64Array
  NA: Uint8Array
  C: Float64Array | null
  periods: PeriodResult[]
  runs: PeriodRun[]
  trails: Map<number, string>
  levels: string
}

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
  const combined = combinePeriods(program, runs, window, ev.id)
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
      if (S[i]! > nodes[i]!.max || S[i]! < nodes[i]!.min) program.h.badAdjustment(st, i, S[i]!)
    }
    if (C !== null)
    for (const i of program.layout.post) {
      const n = nodes[i]!
      if (!n.children.length || C[i] === C[i] || combined.NA[i] === 1) continue
      let s: Fixed = 0
      for (const c of n.children) s = add(s, S[c]!)
      S[i] = i === 0 ? s : Math.min(n.max, Math.max(n.min, s)) // the total is its items' sum; sections keep their bounds
    }
  }
  st.A = A
  st.AB = AB
  return { S: combined.S, NA: combined.NA, C, periods, runs, trails: combined.trails, levels: combined.levels }
}

const T = toFixedString

/** Everything about one subject: items (with trails when asked), gates, grade by threshold, quotas, money, self. */
export function resultOf(call: Call, subject: unknown, index: number, trail: boolean): Result<SubjectResult> {
  const { st, program, window } = call
  const { rubric, layout } = program
  const warnings: Diagnostic[] = []
  st.W = warnings
  st.TR = new Float64Array(program.slots.size).fill(NaN)
  const ev = read(call, subject, index)
  if (ev === undefined) return fail(diagnose(call, subject, index))
  try {
    const { S, NA, C, rolled, quotas, money: rawMoney, self } = scoreSubject(call, ev, trail)
    const exact = S[0]!
    const total = round(exact, program.rounding.places, program.rounding.mode)
    const money = rubric.money ? moneyResult(rubric.money, rawMoney!) : undefined
    const recorded: Recorded = { TR: st.TR!, S, C, NA, P: st.P, Q: quotas, asOf: st.asOf, to: st.to }

    const gates: GateResult[] = (rubric.gates ?? []).map((g, i) => {
      const r: GateResult = { id: g.id, title: g.title, passed: st.G[i] === 1, reason: explainCondition(program, recorded, g.when) }
      if (g.source !== undefined) r.source = g.source
      if (g.bars !== undefined) r.bars = [...g.bars]
      return r
    })
    const eligible = gates.every((g) => g.passed || g.bars !== undefined)
    const barred = new Set(gates.flatMap((g) => (g.passed ? [] : (g.bars ?? []))))
    const graded = gradeByThreshold(call, recorded, total, eligible, barred, gates)

    const adjustments = ev.adjustments?.length ? ev.adjustments.map(adjustmentText) : undefined
    const result: SubjectResult = {
      rubric: { id: rubric.id, title: rubric.title },
      subject: { id: ev.id, ...(ev.name !== undefined ? { name: ev.name } : {}) },
      ...window.text,
      total: T(total, program.rounding.places),
      exactTotal: T(exact),
      max: layout.nodes[0]!.text.max,
      eligible,
      gates,
      ...(barred.size ? { barred: [...barred] } : {}),
      ...graded,
      items: itemResults(call, recorded, trail, rolled, adjustments),
      warnings,
    }
    if (rubric.quotas?.length)
      result.quotas = quotas.map((o, k) => {
        const q = rubric.quotas![k]!
        return { id: q.id, title: q.title, ...(q.source !== undefined ? { source: q.source } : {}), required: o.required, overridden: o.overridden, count: o.count, shortfall: o.shortfall, ...(o.periods.length ? { periods: o.periods } : {}) }
      })
    if (money) result.money = money
    if (rolled) result.periods = rolled.periods
    if (adjustments) result.adjustments = adjustments
    if (self !== undefined) selfAssessment(call, S, self, result)
    return ok(result, warnings)
  } catch (e) {
    return fail(prefixed([runError(e, ev.id), ...warnings], index))
  } finally {
    st.W = null
  }
}

const adjustmentText = (a: NonNullable<SubjectEvidence['adjustments']>[number]): Adjustment =>
  ({ ...a, ...(a.to !== undefined ? { to: String(a.to) } : {}), ...(a.by !== undefined ? { by: String(a.by) } : {}) }) as Adjustment

/** The grade by thresholds: the first that holds (skipping barred grades); its reason names why higher ones were missed. */
function gradeByThreshold(call: Call, r: Recorded, total: Fixed, eligible: boolean, barred: ReadonlySet<string>, gates: GateResult[]): Pick<SubjectResult, 'grade' | 'gradeBasis' | 'gradeReason'> {
  const { program, st } = call
  const { rubric } = program
  if (!eligible) return { grade: rubric.grades?.ineligible ?? null, gradeBasis: 'ineligible', gradeReason: `failed ${gates.filter((g) => !g.passed && g.bars === undefined).map((g) => `${g.title} (${g.id})`).join(', ')}` }
  const thresholds = rubric.grades?.thresholds ?? []
  const quotaGrades = new Set((rubric.grades?.quotas ?? []).map((q) => q.grade))
  const num = (v: unknown): Fixed => (v !== null && typeof v === 'object' ? st.P[program.declared.params.get((v as { param: string }).param)!]! : (literalOf(v) as Fixed))
  if (!thresholds.some((t) => !quotaGrades.has(t.grade))) return { grade: null, gradeBasis: 'none', gradeReason: 'no grades declared' }
  const missed: string[] = []
  let reason = `total ${T(total)} reaches no grade threshold`
  for (let k = 0; k < thresholds.length; k++) {
    const t = thresholds[k]!
    if (quotaGrades.has(t.grade)) continue // a grade with a ranked quota is given only by its quota
    if (barred.has(t.grade)) {
      missed.push(`not ${t.grade}: barred by a failed gate`)
      continue
    }
    const min = t.min === undefined ? undefined : num(t.min)
    if (min !== undefined && total < min) {
      missed.push(`not ${t.grade}: total ${T(total)} < ${T(min)}`)
      continue
    }
    const req = program.thresholds[k]!
    if (t.requires !== undefined && st.TH[req] !== 1) {
      missed.push(`not ${t.grade}: ${explainCondition(program, r, t.requires)}`)
      continue
    }
    reason = `${min !== undefined ? `total ${T(total)} ≥ ${T(min)}` : 'any total'}${t.requires ? `; ${explainCondition(program, r, t.requires)}` : ''}`
    return { grade: t.grade, gradeBasis: 'threshold', gradeReason: missed.length ? `${reason} (${missed.join('; ')})` : reason }
  }
  return { grade: null, gradeBasis: 'none', gradeReason: missed.length ? `${reason} (${missed.join('; ')})` : reason }
}


/** The result tree; trails from the recorded numbers, on request. */
function itemResults(call: Call, r: Recorded, trail: boolean, rolled: Rolled | undefined, adjustments: Adjustment[] | undefined): ItemResult[] {
  const { program } = call
  const nodes = program.layout.nodes
  const build = (i: number): ItemResult => {
    const node = nodes[i]!
    const x: ItemResult = { id: node.id, title: node.title, kind: node.kind, max: node.text.max, min: node.text.min, score: T(r.S[i]!) }
    if (node.source !== undefined) x.source = node.source
    if (node.note !== undefined) x.note = node.note
    const na = r.NA?.[i] === 1
    if (na) x.notApplicable = node.policy
    const computed = r.C?.[i]
    if (computed !== undefined && computed === computed) {
      x.computed = T(computed)
      let a: Adjustment | undefined
      for (const y of adjustments ?? []) if (y.item === node.id) a = y
      if (a) x.adjustment = a
    }
    if (trail && rolled) x.trail = rolledTrail(call, rolled, i)
    else if (trail && !na) x.trail = nodeTrail(program, r, i)
    if (node.children.length) x.items = node.children.map(build)
    return x
  }
  return nodes[0]!.children.map(build)
}

/** The trail of an item in a rollup: how the periods combined, and how it scored in each period. */
function rolledTrail(call: Call, rolled: Rolled, i: number): Trail {
  const { program, st } = call
  const node = program.layout.nodes[i]!
  const t: Trail = { rule: `rollup ${rolled.levels}`, inputs: {}, arithmetic: rolled.trails.get(i) ?? 'not applicable in every period' }
  if (node.kind !== 'section')
    t.periods = rolled.runs.map((run) => {
      if (run.NA[i] === 1) return { period: run.key, score: '0', arithmetic: '不適用 (not applicable)' }
      const e = nodeTrail(program, { TR: run.TR!, S: run.S, C: null, NA: run.NA, P: st.P, Q: run.Q, asOf: st.asOf, to: run.to }, i)
      if (e.rule === 'prerequisite of the item') return { period: run.key, score: T(run.S[i]!), arithmetic: `prerequisite not met → ${T(node.otherwise)} (${e.requires})` }
      const inputs = Object.entries(e.inputs).map(([k, v]) => `${k} = ${v}`).join(', ')
      return { period: run.key, score: T(run.S[i]!), arithmetic: `${inputs ? inputs + ': ' : ''}${e.arithmetic}` }
    })
  return t
}

/** The self-assessment beside the assessor's scores: the self total, every item's self score, the differences. */
function selfAssessment(call: Call, S: Float64Array, self: Float64Array, result: SubjectResult): void {
  const { program } = call
  const items: Record<string, string> = {}
  const differences: NonNullable<SubjectResult['differences']> = []
  for (const node of program.layout.nodes) {
    if (node.index === 0) continue
    const s = self[node.index]!
    const a = S[node.index]!
    items[node.id] = T(s)
    if (s !== a) differences.push({ item: node.id, title: node.title, self: T(s), assessor: T(a), difference: T(sub(s, a)) })
  }
  result.self = { total: T(round(self[0]!, program.rounding.places, program.rounding.mode), program.rounding.places), items }
  result.differences = differences
}

/** The evidence check alone (no scoring): every problem of one subject's evidence, or none. */
export function checkEvidence(call: Call, subject: unknown, index: number): Diagnostic[] {
  call.st.TR = null
  call.st.W = null
  return read(call, subject, index) === undefined ? diagnose(call, subject, index) : []
}
