/** { order: [date facts…] }: dates that must not go backwards (申報 → 預檢 → 公示 → 評審 → 審批). */
import { z } from 'zod'
import { Name } from '../../model/common'
import type { ConditionForm } from '../kit/spec'
import { dayText, held, mark } from '../kit/words'

export const OrderCondition = z
  .object({ order: z.array(Name).min(2).describe('Date facts that must not go backwards (申報 → 預檢 → 公示 → 評審 → 審批).') })
  .strict()

export type OrderCondition = z.infer<typeof OrderCondition>

// Slots: one per date, then holds.
export const order: ConditionForm<OrderCondition> = {
  key: 'order',
  schema: OrderCondition,
  refs: (c, r, at) => c.order.forEach((n, j) => r.fact(n, [...at, 'order', j], 'an order condition', ['date'])),
  emit(c, g) {
    const record = g.slots(c.order.length + 1)
    const ds = c.order.map((name, i) => {
      const d = g.local('d')
      g.line(`const ${d} = ${g.date(name)}`)
      record(i, d)
      return d
    })
    const ok = g.local('ok')
    const tests = ds.map((d, i) => (i === 0 ? `${d} === ${d}` : `${d} === ${d} && ${d} >= ${ds[i - 1]}`))
    g.line(`const ${ok} = ${tests.join(' && ')}`)
    record(c.order.length, `${ok} ? 1 : 0`)
    return ok
  },
  explain: (c, v) => `${c.order.map((n, i) => `${n} ${dayText(v.slot(i))}`).join(' ≤ ')} ${mark(held(v.slot(c.order.length)))}`,
}
