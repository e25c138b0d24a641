/** { quota, met }: whether the subject reached a quota (shortfall 0). */
import { z } from 'zod'
import { Id } from '../../model/common'
import type { ConditionForm } from '../kit/spec'
import { held, mark } from '../kit/words'

export const QuotaCondition = z.object({ quota: Id.describe('A quota declared under quotas.'), met: z.boolean() }).strict()

export type QuotaCondition = z.infer<typeof QuotaCondition>

export const quota: ConditionForm<QuotaCondition> = {
  key: 'quota',
  schema: QuotaCondition,
  refs: (c, r, at) => r.quota(c.quota, [...at, 'quota'], 'a quota condition'),
  emit(c, g) {
    const short = g.local('short')
    const ok = g.local('ok')
    const record = g.slots(2)
    g.line(`const ${short} = ${g.quota(c.quota)}.shortfall`)
    g.line(`const ${ok} = (${short} === 0) === ${c.met ? 'true' : 'false'}`)
    record(0, short)
    record(1, `${ok} ? 1 : 0`)
    return ok
  },
  explain: (c, v) => `quota ${c.quota}: shortfall ${v.slot(0)} ${mark(held(v.slot(1)))}`,
}
