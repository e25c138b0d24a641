/** quota: max minus `points` per unit of the quota's shortfall, never below the floor. */
import { z } from 'zod'
import { Id, Value } from '../model/common'
import { mulInt, sub } from '../num/fixed'
import type { Quota } from '../model/declarations'
import { ItemBase } from './base'
import { FLOOR_HINT } from './deduct'
import type { ItemKind } from './kit/spec'
import { listWords, LISTED, T } from './kit/words'

/** The rubric's quotas by id, made once per quotas list (a trail per quota item would otherwise search the list). */
const byId = new WeakMap<readonly Quota[], ReadonlyMap<string, Quota>>()
function quotaById(quotas: readonly Quota[] | undefined): ReadonlyMap<string, Quota> {
  if (quotas === undefined) return new Map()
  let m = byId.get(quotas)
  if (m === undefined) byId.set(quotas, (m = new Map(quotas.map((q) => [q.id, q] as const))))
  return m
}

export const QuotaItem = z
  .object({
    kind: z.literal('quota'),
    ...ItemBase,
    quota: Id.describe('A quota declared under quotas.'),
    points: Value.describe('Points deducted per unit of shortfall (0 or more).'),
    floor: Value.optional(),
  })
  .strict()
  .describe('Points from max minus a per-unit deduction for a quota shortfall.')

export type QuotaItem = z.infer<typeof QuotaItem>

// Slots: 0 the shortfall.
export const quota: ItemKind<QuotaItem> = {
  kind: 'quota',
  schema: QuotaItem,
  refs: (item, r, at) => r.quota(item.quota, [...at, 'quota'], `quota item "${item.id}"`),
  check: (item, c, at) => c.positive(item.points, false, `Quota item "${item.id}": points`, [...at, 'points']),
  lint(item, c, path) {
    if (item.floor === undefined)
      c.report('DEDUCTION_WITHOUT_FLOOR', `Item "${item.id}" has no floor: a large enough shortfall of quota "${item.quota}" deducts more than the item's points.`, path, FLOOR_HINT)
  },
  emit(item, g) {
    const record = g.slots(1)
    const short = g.local('short')
    g.line(`const ${short} = ${g.quota(item.quota)}.shortfall`)
    record(0, short)
    g.line(`${g.out} = ${g.helper('max')}(${g.num(item.floor, g.node.min)}, ${g.helper('sub')}(${g.lit(g.node.max)}, ${g.helper('mulInt')}(${g.num(item.points)}, ${short})))`)
  },
  trail(item, v) {
    const o = v.quota(item.quota)
    const [max, points, floor] = [v.node.max, v.num(item.points), v.num(item.floor, v.node.min)]
    const d = mulInt(points, o.shortfall)
    const quota = quotaById(v.decls.quotas).get(item.quota)
    const shortPeriods = o.periods.length ? ` (${listWords(o.periods.filter((p) => p.short > 0), LISTED, ', ', (p) => `${p.period}: ${p.count}/${p.required}`) || 'none'})` : ''
    return {
      rule: `${T(max)} − ${T(points)} per unit short of quota ${item.quota} (${o.required}${quota?.per ? ' per ' + quota.per : ''}), floor ${T(floor)}`,
      inputs: { [quota?.records ?? item.quota]: `${o.count} counted` },
      arithmetic: `short ${o.shortfall}${shortPeriods} × ${T(points)} = ${T(d)}; ${T(max)} − ${T(d)} = ${T(sub(max, d))}`,
    }
  },
}
