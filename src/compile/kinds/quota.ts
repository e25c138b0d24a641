import type { QuotaItem } from '../../model/item'
import { max as maxOf, mulInt, sub, toFixedString } from '../../num/fixed'
import { quotaOutcome } from '../../evaluate/quota'
import { CompileError, num, optNum } from '../compile-context'
import type { KindCompiler } from './kind'

/** quota: max minus `points` per unit of the quota's shortfall, never below the floor. */
export const compileQuotaItem: KindCompiler<QuotaItem> = (item, cc, { max, min }) => {
  const q = cc.rubric.quotas?.find((x) => x.id === item.quota)
  if (!q) throw new CompileError(`unknown quota ${item.quota}`)
  const outcome = quotaOutcome(cc, q)
  const points = num(cc, item.points, item.id)
  const floor = optNum(cc, item.floor, min, item.id)
  const T = toFixedString
  return {
    score: (ctx) => maxOf(floor, sub(max, mulInt(points, outcome(ctx).shortfall))),
    explain: (ctx) => {
      const o = outcome(ctx)
      const d = mulInt(points, o.shortfall)
      return {
        rule: `${T(max)} − ${T(points)} per unit short of quota ${q.id} (${o.required}${q.per ? ' per ' + q.per : ''}), floor ${T(floor)}`,
        inputs: { [q.records]: `${o.count} counted` },
        arithmetic: `short ${o.shortfall}${o.periods.length ? ` (${o.periods.filter((p) => p.short > 0).map((p) => `${p.period}: ${p.count}/${p.required}`).join(', ') || 'none'})` : ''} × ${T(points)} = ${T(d)}; ${T(max)} − ${T(d)} = ${T(sub(max, d))}`,
      }
    },
  }
}
