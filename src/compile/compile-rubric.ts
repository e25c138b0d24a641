import type { Rubric } from '../model/rubric'
import type { RankedQuota } from '../model/outcome'
import type { Diagnostic, Result } from '../diagnostics/diagnostic'
import { fail, ok } from '../diagnostics/diagnostic'
import { add, type Fixed } from '../num/fixed'
import { compileEvidenceValidator } from '../validate/evidence-schema'
import { compileMoney } from '../evaluate/money'
import { quotaOutcome, type QuotaOutcome } from '../evaluate/quota'
import type { EvalContext } from '../evaluate/context'
import type { MoneyResult } from '../evaluate/result'
import { compileCondition, type CompiledCondition } from './condition'
import { CompileError, num, type CompileContext, type ParamValue } from './compile-context'
import { compileLeaf } from './kinds'
import { resolveParams } from './params'
import { isLeaf, layoutTree, type CompiledNode } from './tree'
import { parseDay } from './dates'
import { generateFastScorer, type FastScorer } from './codegen'

export interface CompiledGate {
  readonly id: string
  readonly title: string
  readonly source: string | undefined
  readonly cond: CompiledCondition
  /** Grades barred when the gate fails; undefined: the subject becomes ineligible. */
  readonly bars: readonly string[] | undefined
}

export interface CompiledThreshold {
  readonly grade: string
  readonly min: Fixed | undefined
  readonly requires: CompiledCondition | undefined
}

/** Everything compiled from one rubric with one set of parameter values. Immutable; shared by all evaluations. */
export interface Program {
  readonly rubric: Rubric
  readonly params: Readonly<Record<string, ParamValue>>
  readonly nodes: readonly CompiledNode[]
  readonly post: Int32Array
  readonly childMax: Float64Array
  readonly index: ReadonlyMap<string, number>
  readonly gates: readonly CompiledGate[]
  readonly thresholds: readonly CompiledThreshold[]
  readonly rankedQuotas: readonly { quota: RankedQuota; minScore: Fixed | undefined }[]
  readonly quotas: readonly { id: string; title: string; source: string | undefined; outcome: (ctx: EvalContext) => QuotaOutcome; cohort: Fixed | undefined }[]
  readonly money: ((ctx: EvalContext) => MoneyResult) | undefined
  readonly validate: (subject: unknown, index: number) => Diagnostic[]
  readonly rounding: { places: number; mode: 'half-up' | 'half-even' | 'half-down' | 'up' | 'down' | 'ceil' | 'floor' }
  readonly period: { from: number | undefined; to: number | undefined }
  /** The generated straight-line scorer for the common evidence shape (see codegen.ts); undefined when not provable. */
  readonly fast: FastScorer | undefined
}

export interface CompileOptions {
  /** Parameter overrides (values as in YAML, or strings). */
  params?: Readonly<Record<string, unknown>>
}

/** Which items read each fact (so that an evidence error about a fact can name the items it affects). */
function factUsers(nodes: readonly CompiledNode[]): Map<string, string[]> {
  const users = new Map<string, string[]>()
  const note = (fact: unknown, id: string) => {
    if (typeof fact !== 'string') return
    const list = users.get(fact) ?? []
    if (!list.includes(id)) list.push(id)
    users.set(fact, list)
  }
  const walk = (v: unknown, id: string): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, id))
    if (v === null || typeof v !== 'object') return
    for (const [k, x] of Object.entries(v)) {
      if (k === 'items') continue
      if (k === 'fact' || k === 'date') note(x, id)
      else if ((k === 'span' || k === 'order') && Array.isArray(x)) x.forEach((f) => note(f, id))
      else walk(x, id)
    }
  }
  for (const n of nodes) if (n.item) walk(n.item, n.id)
  return users
}

/** Adds "read by item …" to evidence diagnostics about a fact. */
function withItems(validate: (s: unknown, i: number) => Diagnostic[], users: ReadonlyMap<string, string[]>): (s: unknown, i: number) => Diagnostic[] {
  return (s, i) => {
    const ds = validate(s, i)
    if (!ds.length) return ds
    return ds.map((d) => {
      const p = d.path ?? []
      const at = p.indexOf('facts')
      const fact = at >= 0 ? p[at + 1] : undefined
      const items = typeof fact === 'string' ? users.get(fact) : undefined
      return items ? { ...d, message: `${d.message.replace(/\.$/, '')} (read by item${items.length > 1 ? 's' : ''} ${items.join(', ')}).` } : d
    })
  }
}

/** Compiles a validated rubric. Fails only for bad parameter values; a rubric that passed validation always compiles. */
export function compileProgram(rubric: Rubric, options: CompileOptions = {}): Result<Program> {
  const { values, diagnostics } = resolveParams(rubric, options.params)
  if (diagnostics.some((d) => d.severity === 'error')) return fail(diagnostics)
  const { nodes, post, index } = layoutTree(rubric)
  const cc: CompileContext = {
    rubric,
    params: values,
    facts: rubric.facts ?? {},
    records: rubric.records ?? {},
    itemIndex: index,
  }
  try {
    const childMax = new Float64Array(nodes.length)
    for (const node of nodes) {
      let sum = 0
      for (const c of node.children) sum = add(sum, nodes[c]!.max)
      childMax[node.index] = sum
      if (isLeaf(node.item)) {
        node.leaf = compileLeaf(node.item, cc, { max: node.max, min: node.min })
      }
      if (node.item?.requires !== undefined) node.requires = compileCondition(cc, node.item.requires)
    }
    const gates = (rubric.gates ?? []).map((g) => ({ id: g.id, title: g.title, source: g.source, cond: compileCondition(cc, g.when), bars: g.bars }))
    // A grade with a ranked quota is given only by its quota; thresholds grade the rest (the linter flags such a threshold).
    const quotaGrades = new Set((rubric.grades?.quotas ?? []).map((q) => q.grade))
    const thresholds = (rubric.grades?.thresholds ?? []).filter((t) => !quotaGrades.has(t.grade)).map((t) => ({
      grade: t.grade,
      min: t.min === undefined ? undefined : num(cc, t.min, `grade ${t.grade}`),
      requires: t.requires === undefined ? undefined : compileCondition(cc, t.requires),
    }))
    const rankedQuotas = (rubric.grades?.quotas ?? []).map((quota) => ({
      quota,
      minScore: quota.minScore === undefined ? undefined : num(cc, quota.minScore, `quota ${quota.grade}`),
    }))
    const quotas = (rubric.quotas ?? []).map((q) => ({
      id: q.id,
      title: q.title,
      source: q.source,
      outcome: quotaOutcome(cc, q),
      cohort: q.cohort === undefined ? undefined : num(cc, q.cohort.atLeast, q.id),
    }))
    const money = rubric.money ? compileMoney(cc, rubric.money) : undefined
    const period = {
      from: rubric.period?.from !== undefined ? parseDay(rubric.period.from) : undefined,
      to: rubric.period?.to !== undefined ? parseDay(rubric.period.to) : undefined,
    }
    return ok(
      {
        rubric,
        params: values,
        nodes,
        post,
        childMax,
        index,
        gates,
        thresholds,
        rankedQuotas,
        quotas,
        money,
        validate: withItems(compileEvidenceValidator(rubric), factUsers(nodes)),
        rounding: rubric.rounding ?? { places: 2, mode: 'half-up' },
        period,
        fast: generateFastScorer(nodes, post, cc),
      },
      diagnostics,
    )
  } catch (e) {
    if (e instanceof CompileError) return fail([{ code: 'SCHEMA_INVALID_VALUE', severity: 'error', message: `The rubric cannot be compiled: ${e.message}.` }])
    throw e
  }
}
