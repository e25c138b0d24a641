/** weighted: Σ value × weight over the terms (the 20% rule; a centre scored with its agencies). */
import { z } from 'zod'
import { Name, Value } from '../model/common'
import { ItemBase } from './base'
import { add, mul, type Fixed } from '../num/fixed'
import type { Checker, ItemKind } from './kit/spec'
import { domainOf, fmt, type Path } from './kit/values'
import { T } from './kit/words'

export const Term = z
  .object({
    fact: Name.describe("A score fact (another rubric's result) or a number."),
    weight: Value.describe('Its weight, e.g. 0.2.'),
    combine: z.enum(['sum', 'mean', 'min', 'max']).optional().describe('How a list of results is combined first (default mean).'),
    title: z.string().optional(),
  })
  .strict()

export const Weighted = z
  .object({ kind: z.literal('weighted'), ...ItemBase, terms: z.array(Term).min(1) })
  .strict()
  .describe('Composition: other results, each × its weight, added.')

export type Term = z.infer<typeof Term>
export type Weighted = z.infer<typeof Weighted>

/**
 * WEIGHTS_MISMATCH: the largest weighted sum the terms can give (each at the top of its fact's range) is not the
 * item's max: above it, the item's bounds cut the score silently; below it, the max can never be reached.
 */
function lintWeights(item: Weighted, c: Checker, at: Path): void {
  const max = c.value(item.max)
  if (max === undefined) return
  let top: Fixed = 0
  for (const t of item.terms) {
    const hi = domainOf(c.fact(t.fact))?.hi
    const w = c.value(t.weight)
    if (hi === undefined || w === undefined || w < 0) return // a range not declared: nothing to compare
    top = add(top, mul(hi, w))
  }
  const bonus = item.bonus === undefined ? 0 : c.value(item.bonus)
  if (bonus === undefined || top === add(max, bonus)) return
  const ceiling = add(max, bonus)
  const sum = item.terms.map((t) => `${fmt(domainOf(c.fact(t.fact))!.hi!)} × ${fmt(c.value(t.weight)!)}`).join(' + ')
  c.report(
    'WEIGHTS_MISMATCH',
    top > ceiling
      ? `Weighted item "${item.id}": at the top of their ranges the terms give ${sum} = ${fmt(top)}, more than the item's ${bonus ? 'max + bonus' : 'max'} ${fmt(ceiling)}; a higher sum is cut to ${fmt(ceiling)}.`
      : `Weighted item "${item.id}": at the top of their ranges the terms give ${sum} = ${fmt(top)}, so the item never reaches its max ${fmt(ceiling)}.`,
    [...at, 'terms'],
  )
}

// Slots: one per term, its value.
export const weighted: ItemKind<Weighted> = {
  kind: 'weighted',
  schema: Weighted,
  refs: (item, r, at) => item.terms.forEach((t, j) => r.fact(t.fact, [...at, 'terms', j, 'fact'], `a term of weighted item "${item.id}"`, ['score', 'number', 'rate', 'integer'])),
  lint: lintWeights,
  emit(item, g) {
    const record = g.slots(item.terms.length)
    const s = g.local('s')
    g.line(`let ${s} = 0`)
    item.terms.forEach((t, j) => {
      const v = g.local('v')
      g.line(`const ${v} = ${g.score(t.fact, t.combine ?? 'mean')}`)
      record(j, v)
      g.line(`${s} = ${g.helper('add')}(${s}, ${g.helper('mul')}(${v}, ${g.num(t.weight)}))`)
    })
    g.line(`${g.out} = ${s}`)
  },
  trail(item, v) {
    const inputs: Record<string, string> = {}
    const parts = item.terms.map((t, j) => {
      inputs[t.fact] = T(v.slot(j))
      return `${T(v.slot(j))} × ${T(v.num(t.weight))}`
    })
    return { rule: item.terms.map((t) => `${t.fact} × ${T(v.num(t.weight))}`).join(' + '), inputs, arithmetic: `${parts.join(' + ')} = ${T(v.raw)}` }
  },
}
