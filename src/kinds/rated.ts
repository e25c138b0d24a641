/** rated: the assessor's rating (好 / 中 / 差, an enum fact) gives the points its table names: 好 8, 中 5, 差 2. */
import { z } from 'zod'
import { Name, Value } from '../model/common'
import { ItemBase } from './base'
import type { ItemKind } from './kit/spec'
import { listWords } from './kit/words'
import { T } from './kit/words'

export const Rated = z
  .object({
    kind: z.literal('rated'),
    ...ItemBase,
    fact: Name.describe('An enum fact: the rating given (好, 較好, 一般, 差).'),
    points: z.record(z.string().min(1), Value).describe('Points for each value of the rating; every value needs one.'),
  })
  .strict()
  .describe('A rating (an enum fact) turned into points by a table.')

export type Rated = z.infer<typeof Rated>

// Slots: 0 the rating's index among the fact's values (−1: none given, scored 0 under a zeroing missing policy).
export const rated: ItemKind<Rated> = {
  kind: 'rated',
  schema: Rated,
  refs: (item, r, at) => r.fact(item.fact, [...at, 'fact'], `rated item "${item.id}"`, ['enum']),
  check(item, c, at) {
    const f = c.fact(item.fact)
    if (f?.type !== 'enum') return
    const values = new Set(f.values)
    for (const key of Object.keys(item.points))
      if (!values.has(key)) c.bad(`Rated item "${item.id}" gives points for "${key}", which is not a value of fact "${item.fact}" (${listWords(f.values)}).`, [...at, 'points', key], `Use the fact's values as keys, or add "${key}" to its values.`)
    const missing = f.values.filter((v) => !Object.prototype.hasOwnProperty.call(item.points, v))
    if (missing.length) c.bad(`Rated item "${item.id}" has no points for ${listWords(missing, undefined, ', ', (v) => `"${v}"`)} (values of fact "${item.fact}").`, [...at, 'points'], 'Give every value of the rating its points (0 included), so that no rating is left unscored.')
    const [max, bonus] = [c.value(item.max), item.bonus === undefined ? 0 : c.value(item.bonus)]
    for (const [key, v] of Object.entries(item.points)) {
      c.positive(v, false, `Rated item "${item.id}": the points for "${key}"`, [...at, 'points', key])
      if (bonus === 0) c.notAbove(max, v, `the points for "${key}"`, item.id, [...at, 'points', key])
    }
  },
  emit(item, g) {
    const record = g.slots(1)
    const values = (g.decls.facts?.[item.fact] as { values?: string[] } | undefined)?.values ?? []
    const table = g.bind((num) => values.map((v) => (Object.prototype.hasOwnProperty.call(item.points, v) ? num(item.points[v]) : 0)))
    const [i, given] = [g.local('i'), g.local('given')]
    g.line(`const ${given} = ${g.enumIn(item.fact, values)}`) // a missing rating: refused, or none (0) under missing: zero
    g.line(`const ${i} = ${given} ? ${g.enumIndex(item.fact)} : -1`)
    record(0, i)
    g.line(`${g.out} = ${i} >= 0 ? ${table}[${i}] : 0`)
  },
  trail(item, v) {
    const values = (v.decls.facts?.[item.fact] as { values?: string[] } | undefined)?.values ?? []
    const i = v.slot(0)
    const rating = i >= 0 ? values[i]! : undefined
    const rule = `points by rating: ${Object.entries(item.points).map(([k, p]) => `${k} ${T(v.num(p))}`).join(', ')}`
    return { rule, inputs: { [item.fact]: rating ?? '(none)' }, arithmetic: rating === undefined ? 'no rating → 0' : `${rating} → ${T(v.num(item.points[rating]))}` }
  },
}
