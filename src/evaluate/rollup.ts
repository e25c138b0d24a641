import type { Program } from '../compile/compile-rubric'
import { parsePeriodKey, periodKey, periodsBetween, type PeriodUnit } from '../compile/dates'
import type { CompiledNode } from '../compile/tree'
import { makeDiagnostic } from '../diagnostics/codes'
import type { Diagnostic } from '../diagnostics/diagnostic'
import { add, divInt, toFixedString, type Fixed } from '../num/fixed'
import { EvidenceError, type EvalContext, type LinkedEvaluate, type Row } from './context'
import type { PeriodResult, Trail } from './result'
import { markNotApplicable, scoreTree, type BoundAdjustment, type TreeScores } from './run'
import type { SubjectEvidence, Window } from './subject'
import { makeContext } from './subject'

interface Group {
  key: string
  scores: Float64Array
  na: Uint8Array
  parts: { key: string; scores: Float64Array }[]
}

/**
 * Scores each period the evidence gives, then combines them level by level (month → quarter → year) with each
 * level's declared combine. Every node combines on its own; the final level must leave one period.
 */
export function rollupScores(
  program: Program,
  ev: SubjectEvidence,
  w: Window,
  linked: LinkedEvaluate | undefined,
  warnings: Diagnostic[],
  adjust: ReadonlyMap<number, BoundAdjustment>,
): { tree: TreeScores; periods: PeriodResult[]; explain: (node: CompiledNode) => Trail } {
  const levels = program.rubric.rollup!
  const { nodes } = program
  const err = (message: string, path: (string | number)[] = ['periods']) => new EvidenceError(makeDiagnostic('EVIDENCE_INVALID', message, { subject: ev.id, path }))
  const first = levels[0]!.from
  const periods: PeriodResult[] = []
  const evaluated: { key: string; ctx: EvalContext; tree: TreeScores }[] = []
  let groups: Group[] = []
  for (const [key, p] of Object.entries(ev.periods!).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const span = parsePeriodKey(key)
    if (!span || span.unit !== first) throw err(`Period "${key}" is not a ${first} (write ${example(first)}).`, ['periods', key])
    if ((w.from !== undefined && span.to < w.from) || (w.to !== undefined && span.from > w.to)) continue
    const records: Record<string, Row[]> = { ...(ev.records ?? {}) }
    for (const [name, rows] of Object.entries(p.records ?? {})) records[name] = [...(records[name] ?? []), ...rows]
    const ctx = makeContext(program, ev.id, { ...ev.facts, ...p.facts }, records, { asOf: w.asOf, from: span.from, to: span.to }, linked, warnings)
    const na = new Uint8Array(nodes.length)
    for (const id of [...(ev.notApplicable ?? []), ...(p.notApplicable ?? [])]) markNotApplicable(nodes, na, program.index.get(id)!)
    try {
      const t = scoreTree(nodes, program.post, program.childMax, ctx, na, undefined)
      groups.push({ key, scores: Float64Array.from(t.scores), na: t.na, parts: [] })
      // Kept for the trail: each period's own explanation of each item, built only when asked for.
      evaluated.push({ key, ctx, tree: { scores: Float64Array.from(t.scores), na: t.na, computed: undefined } })
    } catch (e) {
      if (e instanceof EvidenceError) throw new EvidenceError({ ...e.diagnostic, message: `Period ${key}: ${e.diagnostic.message}` })
      throw e
    }
    const items: Record<string, string> = {}
    for (const n of nodes) if (n.index > 0) items[n.id] = toFixedString(ctx.scores[n.index]!)
    periods.push({ period: key, total: toFixedString(ctx.scores[0]!), items })
  }
  if (!groups.length) throw err(`No period of the evidence falls in the assessed span.`)
  const trails = new Map<number, string>()
  let unit: PeriodUnit = first
  for (const level of levels) {
    if (level.from !== unit) throw err(`The rubric's rollup goes from ${level.from}, but the previous level gives ${unit}.`)
    const byKey = new Map<string, Group[]>()
    for (const g of groups) {
      const k = periodKey(parsePeriodKey(g.key)!.from, level.to)
      byKey.set(k, [...(byKey.get(k) ?? []), g])
    }
    const next: Group[] = []
    for (const [key, members] of byKey) {
      const span = parsePeriodKey(key)!
      const expected = periodsBetween(Math.max(span.from, w.from ?? span.from), Math.min(span.to, w.to ?? span.to), level.from)
      const missing = expected.filter((e) => !members.some((m) => m.key === e))
      if (missing.length && level.missing !== 'skip') throw err(`${key} combines ${level.from}s by ${level.combine}, but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing from the evidence.`)
      if (missing.length) warnings.push(makeDiagnostic('EVIDENCE_MISSING', `${key}: ${missing.join(', ')} missing; combined the ${members.length} given.`, { subject: ev.id, severity: 'warning', path: ['periods'] }))
      const scores = new Float64Array(nodes.length)
      const na = new Uint8Array(nodes.length)
      for (let i = 0; i < nodes.length; i++) {
        const live = members.filter((m) => m.na[i] !== 1)
        if (!live.length) {
          na[i] = 1
          continue
        }
        scores[i] = combine(level.combine, live.map((m) => m.scores[i]!))
        trails.set(i, `${level.combine} of ${live.map((m) => `${m.key} ${toFixedString(m.scores[i]!)}`).join(', ')} = ${toFixedString(scores[i]!)}` + (trails.has(i) && levels.length > 1 ? '' : ''))
      }
      next.push({ key, scores, na, parts: members.map((m) => ({ key: m.key, scores: m.scores })) })
    }
    groups = next
    unit = level.to
  }
  if (groups.length !== 1) throw err(`The evidence covers ${groups.length} ${unit}s (${groups.map((g) => g.key).join(', ')}); give the assessed span (period from/to).`)
  const final = groups[0]!
  let computed: Float64Array | undefined
  for (const [i, a] of adjust) {
    computed ??= new Float64Array(nodes.length).fill(NaN)
    computed[i] = final.scores[i]!
    final.scores[i] = a.to !== undefined ? a.to : add(final.scores[i]!, a.by!)
    const node = nodes[i]!
    if (final.scores[i]! > node.max || final.scores[i]! < node.min)
      throw new EvidenceError(
        makeDiagnostic('ADJUSTMENT_INVALID', `The adjustment of ${node.id} (${node.title}) gives ${toFixedString(final.scores[i]!)}, outside [${toFixedString(node.min)}, ${toFixedString(node.max)}].`, {
          subject: ev.id,
          path: ['adjustments'],
        }),
      )
  }
  if (computed) {
    // Adjusted leaves flow up: each section becomes its children's sum again.
    for (const i of program.post) {
      const node = nodes[i]!
      if (!node.children.length || adjust.has(i)) continue
      let s: Fixed = 0
      for (const c of node.children) s = add(s, final.scores[c]!)
      final.scores[i] = Math.min(node.max, Math.max(node.min, s))
    }
  }
  const levelText = levels.map((l) => `${l.from} → ${l.to} by ${l.combine}`).join(', ')
  return {
    tree: { scores: final.scores, na: final.na, computed },
    periods,
    explain: (node) => {
      const trail: Trail = { rule: `rollup ${levelText}`, inputs: {}, arithmetic: trails.get(node.index) ?? 'not applicable in every period' }
      if (node.leaf !== undefined)
        trail.periods = evaluated.map(({ key, ctx, tree }) => {
          const i = node.index
          if (tree.na[i] === 1) return { period: key, score: '0', arithmetic: '不適用 (not applicable)' }
          const score = toFixedString(tree.scores[i]!)
          if (node.requires && !node.requires.test(ctx)) return { period: key, score, arithmetic: `prerequisite not met → ${toFixedString(node.otherwise)} (${node.requires.explain(ctx)})` }
          const e = node.leaf!.explain(ctx)
          const inputs = Object.entries(e.inputs).map(([k, v]) => `${k} = ${v}`).join(', ')
          return { period: key, score, arithmetic: `${inputs ? inputs + ': ' : ''}${e.arithmetic}` }
        })
      return trail
    },
  }
}

function combine(how: 'sum' | 'mean' | 'min' | 'max' | 'last', values: Fixed[]): Fixed {
  switch (how) {
    case 'sum':
      return values.reduce((a, b) => add(a, b), 0)
    case 'mean':
      return divInt(values.reduce((a, b) => add(a, b), 0), values.length)
    case 'min':
      return Math.min(...values)
    case 'max':
      return Math.max(...values)
    case 'last':
      return values[values.length - 1]!
  }
}

function example(unit: PeriodUnit): string {
  return { month: '2017-03', quarter: '2017-Q1', half: '2017-H1', year: '2017' }[unit]
}
