/** count: records (or a count fact) × points, optionally one per piece at its highest points, capped. */
import { z } from 'zod'
import { Name, Value, Where } from '../model/common'
import { ItemBase } from './base'
import type { ItemKind } from './kit/spec'
import { describeWhere, T } from './kit/words'

export const PointsBy = z
  .object({
    by: Name.describe('The record field whose value selects the points.'),
    values: z.record(z.string(), Value).describe('Points per value of that field.'),
  })
  .strict()

export const Count = z
  .object({
    kind: z.literal('count'),
    ...ItemBase,
    records: Name.optional().describe('The records counted.'),
    where: Where.optional(),
    fact: Name.optional().describe('Or an integer fact that is already a count.'),
    points: z.union([Value, PointsBy]).describe('Points per record (or per unit of the fact).'),
    dedupe: z.boolean().optional().describe("Count a piece (the record type's key) once, at its highest points."),
    cap: Value.optional().describe('The most this item gives (default max).'),
  })
  .strict()
  .describe('Counted records × points, with a cap (also bonus points).')

export type Count = z.infer<typeof Count>
export type PointsBy = z.infer<typeof PointsBy>

const isBy = (p: Count['points']): p is PointsBy => typeof p === 'object' && 'by' in p

// Slots: 0 the count (records counted, or the fact's whole part), 1 the points before the cap.
export const count: ItemKind<Count> = {
  kind: 'count',
  schema: Count,
  refs(item, r, at) {
    if (item.fact !== undefined) r.fact(item.fact, [...at, 'fact'], `count item "${item.id}"`, ['integer'], 'count')
    if (item.records !== undefined) {
      r.records(item.records, [...at, 'records'], `count item "${item.id}"`)
      r.where(item.where, item.records, at)
      if (isBy(item.points)) r.field(item.points.by, item.records, [...at, 'points', 'by'], 'points.by')
    }
  },
  check(item, c, at) {
    const what = `Count item "${item.id}"`
    c.oneOf(item, ['records', 'fact'], what, at)
    if (item.fact !== undefined && isBy(item.points)) c.bad(`${what} counts a fact, so its points cannot be chosen by a record field.`, [...at, 'points'])
    if (item.fact !== undefined && item.where !== undefined) c.bad(`${what} counts a fact; where only filters records.`, [...at, 'where'])
    if (item.dedupe === true) {
      if (item.records === undefined) c.bad(`${what}: dedupe needs records (it keeps one record per key).`, [...at, 'dedupe'])
      else c.needsField(item.records, 'key', `${what} dedupes`, [...at, 'dedupe'])
    }
    if (item.cap !== undefined) c.notAbove(c.value(item.max), item.cap, 'cap', item.id, [...at, 'cap'])
  },
  emit(item, g) {
    const record = g.slots(2)
    const cap = g.num(item.cap, g.node.max)
    const [n, sum] = [g.local('n'), g.local('sum')]
    if (item.fact !== undefined) {
      g.line(`const ${n} = ${g.count(item.fact)}`)
      g.line(`const ${sum} = ${g.helper('mulInt')}(${g.num(item.points as never)}, ${n})`)
    } else {
      const list = item.records!
      const dedupe = item.dedupe === true
      const [keys, pts] = g.scratch()
      g.line(`let ${n} = 0, ${sum} = 0`)
      g.rows(list, true, (row, j) => {
        g.line(`if (!(${g.where(list, item.where, row)})) continue`)
        const p = g.points(list, item.points, row, j, item.id)
        if (dedupe) g.line(`${keys}[${n}] = ${g.key(list, row)}; ${pts}[${n}] = ${p}; ${n}++`)
        else g.line(`${sum} = ${g.helper('add')}(${sum}, ${p}); ${n}++`)
      })
      // One piece (the same key) counts once, at its highest points.
      if (dedupe) g.line(`${sum} = ${g.helper('bestSum')}(st, ${keys}, ${pts}, ${n}); ${n} = st.DN`)
    }
    record(0, n)
    record(1, sum)
    g.line(`${g.out} = ${sum} < ${cap} ? ${sum} : ${cap}`)
  },
  trail(item, v) {
    const cap = v.num(item.cap, v.node.max)
    const [n, sum] = [v.slot(0), v.slot(1)]
    const capped = sum > cap ? ` → cap ${T(cap)}` : ''
    if (item.fact !== undefined) {
      const per = v.num(item.points as never)
      return { rule: `${T(per)} per unit of ${item.fact}, cap ${T(cap)}`, inputs: { [item.fact]: String(n) }, arithmetic: `${n} × ${T(per)} = ${T(sum)}${capped}` }
    }
    const per = isBy(item.points) ? `points by ${item.points.by}` : `${T(v.num(item.points))} each`
    const key = item.dedupe ? v.decls.records?.[item.records!]?.key : undefined
    return {
      rule: `${item.records}${describeWhere(item.where)}: ${per}${key ? `, one per ${key} at its highest` : ''}, cap ${T(cap)}`,
      inputs: { [item.records!]: `${n} counted` },
      arithmetic: `${T(sum)}${capped}`,
    }
  },
}
