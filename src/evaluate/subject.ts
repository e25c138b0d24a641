import type { Program } from '../compile/compile-rubric'
import { formatDay, parseDay } from '../compile/dates'
import { makeDiagnostic } from '../diagnostics/codes'
import type { Diagnostic, Result } from '../diagnostics/diagnostic'
import { fail, ok } from '../diagnostics/diagnostic'
import { fromNumber, parseFixed, round, sub, toFixedString, type Fixed } from '../num/fixed'
import { EvidenceError, type EvalContext, type LinkedEvaluate, type Row } from './context'
import { itemResults } from './items'
import { rollupScores } from './rollup'
import { markNotApplicable, scoreTree, type BoundAdjustment } from './run'
import type { Adjustment, GateResult, SubjectResult } from './result'
import type { Limits } from '../limits'

export interface EvaluateOptions {
  /** The evaluation date (YYYY-MM-DD); default: the end of the assessed span. Never the system clock. */
  asOf?: string
  /** The assessed span; default: the rubric's period. Records outside it are not counted. */
  period?: { from?: string; to?: string }
  /** Parameter overrides. */
  params?: Readonly<Record<string, unknown>>
  /**
   * Build the trail of every item (default true), or only for the subjects whose ids are listed. Scores are the same
   * either way; without trails scoring is faster and the results smaller.
   */
  trail?: boolean | readonly string[]
  /** Limits to change from `DEFAULT_LIMITS` (src/limits.ts): maxSubjects, maxRecordsPerSubject, maxDepth, maxStringLength. */
  limits?: Partial<Limits>
}

export interface SubjectEvidence {
  id: string
  name?: string
  facts?: Record<string, unknown>
  records?: Record<string, Row[]>
  notApplicable?: string[]
  adjustments?: { item: string; to?: number | string; by?: number | string; reason: string; approver: string; date?: string }[]
  self?: { facts?: Record<string, unknown>; records?: Record<string, Row[]> }
  periods?: Record<string, { facts?: Record<string, unknown>; records?: Record<string, Row[]>; notApplicable?: string[] }>
}

export interface Window {
  asOf: number | undefined
  from: number | undefined
  to: number | undefined
  /** The dates as result text, made once per window. */
  text?: { asOf?: string; period?: { from?: string; to?: string } }
}

function windowText(w: Window): NonNullable<Window['text']> {
  if (w.text) return w.text
  const text: NonNullable<Window['text']> = {}
  if (w.asOf !== undefined) text.asOf = formatDay(w.asOf)
  if (w.from !== undefined || w.to !== undefined) {
    text.period = {}
    if (w.from !== undefined) text.period.from = formatDay(w.from)
    if (w.to !== undefined) text.period.to = formatDay(w.to)
  }
  w.text = text
  return text
}

/** Resolves dates of an evaluation: explicit options first, then the rubric's period. */
export function resolveWindow(program: Program, options: EvaluateOptions): Result<Window> {
  const ds: Diagnostic[] = []
  const day = (s: string | undefined, what: string) => {
    if (s === undefined) return undefined
    const d = parseDay(s)
    if (d === undefined) ds.push(makeDiagnostic('OPTION_INVALID', `${what} "${s}" is not a date YYYY-MM-DD.`))
    return d
  }
  const from = day(options.period?.from, 'period.from') ?? program.period.from
  const to = day(options.period?.to, 'period.to') ?? program.period.to
  const asOf = day(options.asOf, 'asOf') ?? to
  return ds.length ? fail(ds) : ok({ asOf, from, to })
}

export function makeContext(program: Program, subject: string, facts: Record<string, unknown>, records: Record<string, Row[]>, w: Window, linked: LinkedEvaluate | undefined, warnings: Diagnostic[]): EvalContext {
  return { subject, facts, records, asOf: w.asOf, from: w.from, to: w.to, warnings, scores: new Float64Array(program.nodes.length), memo: new Map(), linked }
}

/** Points a batch's one context at the next subject: no allocation per subject on the fast path. */
export function reuseContext(ctx: EvalContext, subject: string, facts: Record<string, unknown>, records: Record<string, Row[]>): void {
  const c = ctx as { -readonly [K in keyof EvalContext]: EvalContext[K] }
  c.subject = subject
  c.facts = facts
  c.records = records
  if (c.memo.size) c.memo.clear()
  if (c.warnings.length) c.warnings.length = 0
}

const fixedOf = (v: number | string | undefined): Fixed | undefined => (v === undefined ? undefined : typeof v === 'number' ? fromNumber(v) : parseFixed(v))

/** Scores one subject's (already validated) evidence: items, gates, grade by thresholds, quotas, money, self-assessment. */
export function evaluateSubject(program: Program, ev: SubjectEvidence, w: Window, options: EvaluateOptions, linked?: LinkedEvaluate): Result<SubjectResult> {
  const warnings: Diagnostic[] = []
  const { nodes, rubric } = program
  const ctx = makeContext(program, ev.id, ev.facts ?? {}, ev.records ?? {}, w, linked, warnings)
  try {
    const na = new Uint8Array(nodes.length)
    for (const id of ev.notApplicable ?? []) markNotApplicable(nodes, na, program.index.get(id)!)
    const adjust = new Map<number, BoundAdjustment>()
    for (const a of ev.adjustments ?? []) adjust.set(a.item === 'total' ? 0 : program.index.get(a.item)!, { to: fixedOf(a.to), by: fixedOf(a.by) })
    const trail = Array.isArray(options.trail) ? options.trail.includes(ev.id) : options.trail !== false
    const rolled = rubric.rollup && ev.periods ? rollupScores(program, ev, w, linked, warnings, adjust) : undefined
    const tree = rolled ? rolled.tree : scoreTree(nodes, program.post, program.childMax, ctx, na, adjust.size ? adjust : undefined)
    if (rolled) (ctx.scores as Float64Array).set(rolled.tree.scores)
    const exact = ctx.scores[0]!
    const total = round(exact, program.rounding.places, program.rounding.mode)
    const gates: GateResult[] = program.gates.map((g) => {
      const passed = g.cond.test(ctx)
      const r: GateResult = { id: g.id, title: g.title, passed, reason: g.cond.explain(ctx) }
      if (g.source !== undefined) r.source = g.source
      if (g.bars !== undefined) r.bars = [...g.bars]
      return r
    })
    const eligible = gates.every((g) => g.passed || g.bars !== undefined)
    const barred = new Set(gates.flatMap((g) => (g.passed ? [] : (g.bars ?? []))))
    let grade: string | null = null
    let gradeBasis: SubjectResult['gradeBasis'] = 'none'
    let gradeReason = 'no grades declared'
    if (!eligible) {
      grade = rubric.grades?.ineligible ?? null
      gradeBasis = 'ineligible'
      gradeReason = `failed ${gates.filter((g) => !g.passed && g.bars === undefined).map((g) => `${g.title} (${g.id})`).join(', ')}`
    } else if (program.thresholds.length) {
      // The reason names the threshold that held, and why each one above it did not.
      const missed: string[] = []
      gradeReason = `total ${toFixedString(total)} reaches no grade threshold`
      for (const t of program.thresholds) {
        if (barred.has(t.grade)) {
          missed.push(`not ${t.grade}: barred by a failed gate`)
          continue
        }
        if (t.min !== undefined && total < t.min) {
          missed.push(`not ${t.grade}: total ${toFixedString(total)} < ${toFixedString(t.min)}`)
          continue
        }
        if (t.requires !== undefined && !t.requires.test(ctx)) {
          missed.push(`not ${t.grade}: ${t.requires.explain(ctx)}`)
          continue
        }
        grade = t.grade
        gradeBasis = 'threshold'
        gradeReason = `${t.min !== undefined ? `total ${toFixedString(total)} ≥ ${toFixedString(t.min)}` : 'any total'}${t.requires ? `; ${t.requires.explain(ctx)}` : ''}`
        break
      }
      if (missed.length) gradeReason = `${gradeReason} (${missed.join('; ')})`
    }
    const result: SubjectResult = {
      rubric: { id: rubric.id, title: rubric.title },
      subject: { id: ev.id, ...(ev.name !== undefined ? { name: ev.name } : {}) },
      ...windowText(w),
      total: toFixedString(total, program.rounding.places),
      exactTotal: toFixedString(exact),
      max: nodes[0]!.text.max,
      eligible,
      gates,
      ...(barred.size ? { barred: [...barred] } : {}),
      grade,
      gradeBasis,
      gradeReason,
      items: itemResults(program, ctx, tree, trail && !rolled, trail ? rolled?.explain : undefined, ev.adjustments as Adjustment[] | undefined),
      warnings,
    }
    if (program.quotas.length) {
      result.quotas = program.quotas.map((q) => {
        const o = q.outcome(ctx)
        return { id: q.id, title: q.title, ...(q.source !== undefined ? { source: q.source } : {}), required: o.required, overridden: o.overridden, count: o.count, shortfall: o.shortfall, ...(o.periods.length ? { periods: o.periods } : {}) }
      })
    }
    if (program.money) result.money = program.money(ctx)
    if (rolled) result.periods = rolled.periods
    if (ev.adjustments?.length) result.adjustments = ev.adjustments.map((a) => ({ ...a, ...(a.to !== undefined ? { to: String(a.to) } : {}), ...(a.by !== undefined ? { by: String(a.by) } : {}) }) as Adjustment)
    if (ev.self && !rolled) {
      const selfCtx = makeContext(program, ev.id, { ...ev.facts, ...ev.self.facts }, ev.self.records ?? ev.records ?? {}, w, linked, [])
      const selfTree = scoreTree(nodes, program.post, program.childMax, selfCtx, Uint8Array.from(na), undefined)
      const items: Record<string, string> = {}
      result.differences = []
      for (const node of nodes) {
        if (node.index === 0) continue
        const s = selfTree.scores[node.index]!
        const a = tree.scores[node.index]!
        items[node.id] = toFixedString(s)
        if (s !== a) result.differences.push({ item: node.id, title: node.title, self: toFixedString(s), assessor: toFixedString(a), difference: toFixedString(sub(s, a)) })
      }
      const selfTotal = round(selfTree.scores[0]!, program.rounding.places, program.rounding.mode)
      result.self = { total: toFixedString(selfTotal, program.rounding.places), items }
    }
    return ok(result, warnings)
  } catch (e) {
    if (e instanceof EvidenceError) return fail([{ ...e.diagnostic, subject: e.diagnostic.subject ?? ev.id }, ...warnings])
    if (e instanceof Error && (e as { code?: string }).code === 'NUMBER_OUT_OF_RANGE')
      return fail([makeDiagnostic('NUMBER_OUT_OF_RANGE', `A number in the evidence of subject "${ev.id}" is too large to score exactly.`, { subject: ev.id })])
    throw e
  }
}
