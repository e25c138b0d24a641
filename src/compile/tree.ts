import type { Item, Leaf } from '../model/item'
import type { Rubric } from '../model/rubric'
import { toFixedString, type Fixed } from '../num/fixed'
import type { CompiledCondition } from './condition'
import type { LeafScorer } from './kinds'
import { toFixed } from './compile-context'

/** One node of the compiled item tree. Index 0 is the rubric's total. */
export interface CompiledNode {
  readonly index: number
  readonly id: string
  readonly title: string
  readonly kind: Item['kind'] | 'total'
  readonly source: string | undefined
  readonly note: string | undefined
  /** Where the item is written in the rubric, for locating diagnostics. */
  readonly path: readonly (string | number)[]
  readonly max: Fixed
  readonly min: Fixed
  /** max and min as result strings, made once. */
  readonly text: { readonly max: string; readonly min: string }
  readonly parent: number
  children: readonly number[]
  readonly depth: number
  /** Policy when the evidence marks this item 不適用. */
  readonly notApplicable: 'rescale' | 'zero'
  /** A section whose children may add up to more than its max. */
  readonly cap: boolean
  readonly item: Item | undefined
  leaf: LeafScorer | undefined
  requires: CompiledCondition | undefined
  otherwise: Fixed
}

/** Lays the item tree out in pre-order (index 0 = total) and gives the post-order in which it is scored. */
export function layoutTree(rubric: Rubric): { nodes: CompiledNode[]; post: Int32Array; index: Map<string, number> } {
  const nodes: CompiledNode[] = []
  const index = new Map<string, number>()
  const policy = rubric.notApplicable ?? 'rescale'
  const root: CompiledNode = {
    index: 0, id: 'total', title: rubric.title, kind: 'total', source: undefined, note: undefined, path: [],
    max: toFixed(rubric.total, 'total'), min: 0, text: { max: '', min: '0' }, parent: -1, children: [], depth: 0, notApplicable: policy, cap: false,
    item: undefined, leaf: undefined, requires: undefined, otherwise: 0,
  }
  nodes.push(root)
  const post: number[] = []
  const visit = (items: readonly Item[], parent: number, depth: number, path: (string | number)[]): number[] => {
    const ids: number[] = []
    items.forEach((item, i) => {
      const at = [...path, i]
      const node: CompiledNode = {
        index: nodes.length, id: item.id, title: item.title, kind: item.kind, source: item.source, note: item.note, path: at,
        max: toFixed(item.max, item.id), min: item.min === undefined ? 0 : toFixed(item.min, item.id), text: { max: '', min: '' }, parent, children: [], depth,
        notApplicable: item.notApplicable ?? policy, cap: item.kind === 'section' && item.cap === true, item,
        leaf: undefined, requires: undefined, otherwise: item.otherwise === undefined ? 0 : toFixed(item.otherwise, item.id),
      }
      nodes.push(node)
      index.set(item.id, node.index)
      ids.push(node.index)
      if (item.kind === 'section') node.children = visit(item.items, node.index, depth + 1, [...at, 'items'])
      post.push(node.index)
    })
    return ids
  }
  root.children = visit(rubric.items, 0, 1, ['items'])
  for (const n of nodes) (n as { text: CompiledNode['text'] }).text = { max: toFixedString(n.max), min: toFixedString(n.min) }
  post.push(0)
  return { nodes, post: Int32Array.from(post), index }
}

export function isLeaf(item: Item | undefined): item is Leaf {
  return item !== undefined && item.kind !== 'section'
}
