/** The item tree laid out for scoring: nodes in pre-order (index 0 is the total), scored in post-order. */
import type { Item } from '../kinds'
import type { Rubric } from '../kinds/rubric'
import { literalFixed } from '../kinds/kit/values'
import { add, sub, toFixedString, type Fixed } from '../num/fixed'

/** One node of the compiled item tree. */
export interface Node {
  readonly index: number
  readonly id: string
  readonly title: string
  readonly kind: Item['kind'] | 'total'
  readonly source: string | undefined
  readonly note: string | undefined
  /** Where the item is written in the rubric. */
  readonly path: readonly (string | number)[]
  readonly max: Fixed
  readonly min: Fixed
  /** The most its score may be: max, plus its bonus (另加分; for a section without one, its items' bonuses); the total's is its max (the bound of an adjustment of the total; its sum is never clamped). */
  readonly hi: Fixed
  /** max, min and hi as result strings, made once. */
  readonly text: { readonly max: string; readonly min: string; readonly hi: string }
  readonly children: readonly number[]
  /** One past the last node inside this one: the node and everything inside it are [index, end) (pre-order). */
  readonly end: number
  /** The sum of the children's max. */
  readonly childMax: Fixed
  /** Policy when the evidence marks this item 不適用. */
  readonly policy: 'rescale' | 'zero'
  readonly item: Item | undefined
  readonly otherwise: Fixed
}

export interface Layout {
  nodes: Node[]
  /** The order of scoring: children before their section, in the order written; the total last. */
  post: Int32Array
  /** Node index of each item id. */
  index: Map<string, number>
  /** How far the total may go beyond its max (the top-level items' bonuses) as result text; undefined when none. */
  bonus: string | undefined
}

/** Thrown when a validated rubric still cannot be compiled: reported as a diagnostic, never thrown out of kaoping. */
export class CompileError extends Error {}

export function fixed(v: unknown, what: string): Fixed {
  const f = literalFixed(v)
  if (f === undefined) throw new CompileError(`${what}: ${String(v)} is not an exact decimal with at most 6 places`)
  return f
}

/** Lays the item tree out (iteratively: the depth of a rubric never reaches the stack). */
export function layoutTree(rubric: Pick<Rubric, 'items' | 'total' | 'title' | 'notApplicable'>): Layout {
  const nodes: Node[] = []
  const index = new Map<string, number>()
  const policy = rubric.notApplicable ?? 'rescale'
  type Draft = { -readonly [K in keyof Node]: Node[K] } & { children: number[] }
  const root: Draft = {
    index: 0, id: 'total', title: rubric.title, kind: 'total', source: undefined, note: undefined, path: [],
    max: fixed(rubric.total, 'total'), min: 0, hi: 0, text: { max: '', min: '', hi: '' }, children: [], end: 0, childMax: 0, policy,
    item: undefined, otherwise: 0,
  }
  nodes.push(root)
  const post: number[] = []
  // Pre-order numbering with an explicit stack; post-order from the same walk.
  const stack: { items: readonly Item[]; i: number; parent: number; path: (string | number)[] }[] = [{ items: rubric.items, i: 0, parent: 0, path: ['items'] }]
  while (stack.length) {
    const top = stack[stack.length - 1]!
    if (top.i === top.items.length) {
      stack.pop()
      post.push(top.parent)
      continue
    }
    const i = top.i++
    const item = top.items[i]!
    const at = [...top.path, i]
    const node: Draft = {
      index: nodes.length, id: item.id, title: item.title, kind: item.kind, source: item.source, note: item.note, path: at,
      max: fixed(item.max, item.id), min: item.min === undefined ? 0 : fixed(item.min, item.id), hi: 0, text: { max: '', min: '', hi: '' }, children: [], end: 0, childMax: 0,
      policy: item.notApplicable ?? policy, item,
      otherwise: item.otherwise === undefined ? 0 : fixed(item.otherwise, item.id),
    }
    nodes.push(node)
    index.set(item.id, node.index)
    ;(nodes[top.parent] as Draft).children.push(node.index)
    if (item.kind === 'section') stack.push({ items: item.items, i: 0, parent: node.index, path: [...at, 'items'] })
    else post.push(node.index)
  }
  for (const n of nodes as Draft[]) {
    let sum = 0
    for (const c of n.children) sum = add(sum, nodes[c]!.max)
    n.childMax = sum
  }
  // The total is the sum of the top-level items: it goes below 0 only when items may (a negative min).
  let least = 0
  for (const c of root.children) least = add(least, nodes[c]!.min)
  root.min = Math.min(0, least)
  // hi, children first (a node's children come after it in pre-order)
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i] as Draft
    const own = n.item?.bonus
    let extra = own === undefined ? 0 : fixed(own, n.id)
    if (own === undefined) for (const c of n.children) extra = add(extra, sub(nodes[c]!.hi, nodes[c]!.max))
    n.hi = add(n.max, extra)
  }
  // the total is its items' sum, never clamped; its bound (for an adjustment of the total) is its max, and how far
  // it may go beyond that is its items' bonuses
  let bonus = 0
  for (const c of root.children) bonus = add(bonus, sub(nodes[c]!.hi, nodes[c]!.max))
  root.hi = root.max
  for (const n of nodes as Draft[]) n.text = { max: toFixedString(n.max), min: toFixedString(n.min), hi: toFixedString(n.hi) }
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i] as Draft
    n.end = n.children.length ? nodes[n.children[n.children.length - 1]!]!.end : i + 1
  }
  return { nodes, post: Int32Array.from(post), index, bonus: bonus === 0 ? undefined : toFixedString(bonus) }
}
