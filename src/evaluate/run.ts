import type { CompiledNode } from '../compile/tree'
import { add, div, mul, toFixedString, type Fixed } from '../num/fixed'
import { makeDiagnostic } from '../diagnostics/codes'
import { EvidenceError, type EvalContext } from './context'

/** A manual adjustment bound to a node: replace the score, or add to it. */
export interface BoundAdjustment {
  to: Fixed | undefined
  by: Fixed | undefined
}

/** Marks an item not applicable, and everything inside it: nothing below an N/A section is read or scored. */
export function markNotApplicable(nodes: readonly CompiledNode[], na: Uint8Array, index: number): void {
  na[index] = 1
  for (const c of nodes[index]!.children) markNotApplicable(nodes, na, c)
}

/** Scores of one evaluation, by node index. */
export interface TreeScores {
  scores: Float64Array
  /** 1 where the node is not applicable. */
  na: Uint8Array
  /** Scores before adjustment, where an adjustment applied (else NaN). */
  computed: Float64Array | undefined
}

/**
 * Scores the whole tree in post-order into ctx.scores. Leaves run their compiled rule; sections add their
 * children, rescaling over the applicable ones; every node is kept within [min, max]. No allocation per node.
 */
export function scoreTree(
  nodes: readonly CompiledNode[],
  post: Int32Array,
  childMax: Float64Array,
  ctx: EvalContext,
  na: Uint8Array,
  adjust: ReadonlyMap<number, BoundAdjustment> | undefined,
): TreeScores {
  const scores = ctx.scores as Float64Array
  let computed: Float64Array | undefined
  for (let k = 0; k < post.length; k++) {
    const i = post[k]!
    const node = nodes[i]!
    if (na[i] === 1) {
      scores[i] = 0
      continue
    }
    let v: Fixed
    let failed = false
    if (node.requires !== undefined) {
      try {
        failed = !node.requires.test(ctx)
      } catch (e) {
        throw itemError(e, node)
      }
    }
    if (failed) v = node.otherwise
    else if (node.leaf !== undefined) {
      try {
        v = node.leaf.score(ctx)
      } catch (e) {
        throw itemError(e, node)
      }
    } else {
      v = 0
      let applicable = 0
      let dropped = false
      const children = node.children
      for (let c = 0; c < children.length; c++) {
        const j = children[c]!
        const child = nodes[j]!
        if (na[j] === 1) {
          if (child.notApplicable === 'zero') applicable += child.max
          else dropped = true
          continue
        }
        v = add(v, scores[j]!)
        applicable += child.max
      }
      if (dropped) {
        if (applicable === 0) {
          na[i] = 1
          scores[i] = 0
          continue
        }
        v = div(mul(v, childMax[i]!), applicable)
      }
    }
    if (v > node.max) v = node.max
    else if (v < node.min) v = node.min
    if (adjust !== undefined) {
      const a = adjust.get(i)
      if (a !== undefined) {
        computed ??= new Float64Array(nodes.length).fill(NaN)
        computed[i] = v
        v = a.to !== undefined ? a.to : add(v, a.by!)
        if (v > node.max || v < node.min)
          throw new EvidenceError(
            makeDiagnostic('ADJUSTMENT_INVALID', `The adjustment of ${node.id} (${node.title}) gives ${toFixedString(v)}, outside [${toFixedString(node.min)}, ${toFixedString(node.max)}].`, {
              subject: ctx.subject,
              path: ['adjustments'],
            }),
          )
      }
    }
    scores[i] = v
  }
  return { scores, na, computed }
}

function itemError(e: unknown, node: CompiledNode): unknown {
  if (!(e instanceof EvidenceError)) return e
  const d = e.diagnostic
  return new EvidenceError({ ...d, message: `Item ${node.id} (${node.title}): ${d.message}` })
}
