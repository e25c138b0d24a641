import type { CompileContext } from '../compile/compile-context'
import { num } from '../compile/compile-context'
import { parsePeriodKey, periodKey, periodsBetween } from '../compile/dates'
import type { Quota } from '../model/outcome'
import { ONE } from '../num/fixed'
import { evidenceError, type EvalContext } from './context'
import { matcher, recordDay, recordsReader } from './read'

export interface QuotaPeriod {
  period: string
  count: number
  required: number
  short: number
}

/** One subject's standing against one quota. Counts are whole numbers. */
export interface QuotaOutcome {
  id: string
  required: number
  overridden: boolean
  count: number
  shortfall: number
  periods: QuotaPeriod[]
}

/** Compiles a quota into a per-subject function, memoised per evaluation. */
export function quotaOutcome(cc: CompileContext, q: Quota): (ctx: EvalContext) => QuotaOutcome {
  const rows = recordsReader(cc, q.records)
  const match = matcher(q.where)
  const base = Math.floor(num(cc, q.atLeast, `quota ${q.id}`) / ONE)
  const overrides = new Map(Object.entries(q.overrides ?? {}).map(([k, v]) => [k, Math.floor(num(cc, v, `quota ${q.id}`) / ONE)]))
  const dateField = cc.records[q.records]?.date
  const memoKey = `quota:${q.id}`
  const unit = q.per
  const key = q.distinct ? cc.records[q.records]?.key : undefined
  return (ctx) => {
    const memo = ctx.memo.get(memoKey) as QuotaOutcome | undefined
    if (memo) return memo
    const required = overrides.get(ctx.subject) ?? base
    const list = rows(ctx)
    let count = 0
    const byPeriod = new Map<string, number>()
    // With distinct, a piece counts once, in the period of its first record.
    const seen = key === undefined ? undefined : new Set<unknown>()
    for (let i = 0; i < list.length; i++) {
      const r = list[i]!
      if (!match(r)) continue
      if (seen !== undefined) {
        if (seen.has(r[key!])) continue
        seen.add(r[key!])
      }
      count++
      if (unit && dateField) {
        const p = periodKey(recordDay(ctx, q.records, r, dateField, i), unit)
        byPeriod.set(p, (byPeriod.get(p) ?? 0) + 1)
      }
    }
    const periods: QuotaPeriod[] = []
    let shortfall = 0
    if (unit) {
      if (ctx.from === undefined || ctx.to === undefined)
        throw evidenceError(ctx, 'OPTION_INVALID', `Quota "${q.id}" is counted per ${unit}: give the assessed span (period from/to).`, [])
      for (const p of periodsBetween(ctx.from, ctx.to, unit)) {
        const n = byPeriod.get(p) ?? 0
        const short = Math.max(0, required - n)
        shortfall += short
        periods.push({ period: p, count: n, required, short })
      }
    } else {
      shortfall = Math.max(0, required - count)
    }
    const outcome: QuotaOutcome = { id: q.id, required, overridden: overrides.has(ctx.subject), count, shortfall, periods }
    ctx.memo.set(memoKey, outcome)
    return outcome
  }
}

export { parsePeriodKey }
