import type { Program } from '../compile/compile-rubric'
import type { CompiledNode } from '../compile/tree'
import { add, toFixedString, type Fixed } from '../num/fixed'
import type { EvalContext } from './context'
import type { Adjustment, ItemResult, Trail } from './result'
import type { TreeScores } from './run'

const T = toFixedString

/** The result tree with, on request, each item's trail. Explanations re-run the compiled rule; scores come from the tree. */
export function itemResults(
  program: Program,
  ctx: EvalContext,
  tree: TreeScores,
  trail: boolean,
  rolled: ((node: CompiledNode) => Trail) | undefined,
  adjustments: Adjustment[] | undefined,
): ItemResult[] {
  const { nodes } = program
  const build = (node: CompiledNode): ItemResult => {
    const i = node.index
    const r: ItemResult = { id: node.id, title: node.title, kind: node.kind, max: node.text.max, min: node.text.min, score: T(tree.scores[i]!) }
    if (node.source !== undefined) r.source = node.source
    if (node.note !== undefined) r.note = node.note
    if (tree.na[i] === 1) r.notApplicable = node.notApplicable
    const computed = tree.computed?.[i]
    if (computed !== undefined && !Number.isNaN(computed)) {
      r.computed = T(computed)
      const a = adjustments?.find((x) => x.item === node.id)
      if (a) r.adjustment = { ...a, ...(a.to !== undefined ? { to: String(a.to) } : {}), ...(a.by !== undefined ? { by: String(a.by) } : {}) }
    }
    if (rolled) r.trail = rolled(node)
    else if (trail && tree.na[i] !== 1) r.trail = explainNode(program, node, ctx, tree)
    if (node.children.length) r.items = node.children.map((c) => build(nodes[c]!))
    return r
  }
  return nodes[0]!.children.map((c) => build(nodes[c]!))
}

function explainNode(program: Program, node: CompiledNode, ctx: EvalContext, tree: TreeScores): Trail {
  const { nodes } = program
  const score = tree.computed && !Number.isNaN(tree.computed[node.index]!) ? tree.computed[node.index]! : tree.scores[node.index]!
  if (node.requires && !node.requires.test(ctx)) {
    return { rule: 'prerequisite of the item', inputs: {}, arithmetic: `not met → ${T(node.otherwise)}`, requires: node.requires.explain(ctx) }
  }
  if (node.leaf) {
    const e: Trail = node.leaf.explain(ctx)
    if (node.requires) e.requires = node.requires.explain(ctx)
    const raw = node.leaf.score(ctx)
    if (raw !== score) e.bounds = `${T(raw)} kept within [${T(node.min)}, ${T(node.max)}] → ${T(score)}`
    return e
  }
  const parts: string[] = []
  let sum: Fixed = 0
  let applicable: Fixed = 0
  let dropped = 0
  for (const c of node.children) {
    const child = nodes[c]!
    if (tree.na[c] === 1) {
      if (child.notApplicable === 'zero') {
        applicable = add(applicable, child.max)
        parts.push('0 (不適用)')
      } else dropped++
      continue
    }
    applicable = add(applicable, child.max)
    sum = add(sum, tree.scores[c]!)
    parts.push(T(tree.scores[c]!))
  }
  const childMax = program.childMax[node.index]!
  const rescale = dropped > 0 ? ` × ${T(childMax)} / ${T(applicable)} (${dropped} item${dropped > 1 ? 's' : ''} 不適用, rescaled)` : ''
  const capped = node.cap ? `, capped at ${T(node.max)}` : ''
  const e: Trail = { rule: `sum of ${node.children.length} items${capped}`, inputs: {}, arithmetic: `${parts.join(' + ') || '0'} = ${T(sum)}${rescale}` }
  if (dropped > 0 || score !== sum) e.bounds = `→ ${T(score)}${score > sum ? '' : ` (within [${T(node.min)}, ${T(node.max)}])`}`
  return e
}
