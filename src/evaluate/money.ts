import type { CompileContext } from '../compile/compile-context'
import { num } from '../compile/compile-context'
import type { Money } from '../model/outcome'
import { add, mulInt, ONE, parseFixed, sub, toFixedString, type Fixed } from '../num/fixed'
import { evidenceError, type EvalContext } from './context'
import { quotaOutcome } from './quota'
import { matcher, numberReader, recordsReader } from './read'
import type { MoneyLine, MoneyResult } from './result'

const yuan = (v: Fixed) => toFixedString(v, 2)

/** Compiles the money rules: rewards per record by category (optionally once per piece, at its highest), penalties per shortfall. */
export function compileMoney(cc: CompileContext, money: Money): (ctx: EvalContext) => MoneyResult {
  const rewards = (money.rewards ?? []).map((r) => {
    const rows = recordsReader(cc, r.records)
    const match = matcher(r.where)
    const amounts = new Map(Object.entries(r.amounts).map(([k, v]) => [k, num(cc, v, r.id)]))
    const key = r.dedupe ? cc.records[r.records]?.key : undefined
    return (ctx: EvalContext): MoneyLine => {
      const all = rows(ctx)
      const kept = new Map<unknown, { amount: Fixed; category: string; at: number }>()
      const dropped = new Map<unknown, string[]>()
      let n = 0
      for (let i = 0; i < all.length; i++) {
        const row = all[i]!
        if (!match(row)) continue
        const category = String(row[r.category])
        const amount = amounts.get(category)
        if (amount === undefined)
          throw evidenceError(ctx, 'EVIDENCE_INVALID', `Record ${r.records}[${i}]: ${r.category} = ${JSON.stringify(row[r.category])} has no amount in ${r.id}; use one of ${[...amounts.keys()].join(', ')}.`, ['records', r.records, i, r.category])
        const k = key === undefined ? n : row[key]
        n++
        const prev = kept.get(k)
        if (prev === undefined) kept.set(k, { amount, category, at: i })
        else {
          const list = dropped.get(k) ?? []
          if (amount > prev.amount) {
            list.push(prev.category)
            kept.set(k, { amount, category, at: i })
          } else list.push(category)
          dropped.set(k, list)
        }
      }
      const byCategory = new Map<string, number>()
      let total: Fixed = 0
      for (const { amount, category } of kept.values()) {
        byCategory.set(category, (byCategory.get(category) ?? 0) + 1)
        total = add(total, amount)
      }
      const lines = [...amounts.entries()]
        .filter(([c]) => byCategory.has(c))
        .map(([category, each]) => ({ category, count: byCategory.get(category)!, each: yuan(each), amount: yuan(mulInt(each, byCategory.get(category)!)) }))
      const duplicates = [...dropped.entries()].map(([k, list]) => ({ key: String(k), kept: kept.get(k)!.category, dropped: list }))
      return {
        id: r.id,
        title: r.title,
        ...(r.source !== undefined ? { source: r.source } : {}),
        amount: yuan(total),
        detail: lines.map((l) => `${l.category} ${l.count} × ${l.each}`).join(' + ') + (lines.length ? ` = ${yuan(total)}` : 'none'),
        lines,
        ...(duplicates.length ? { duplicates } : {}),
      }
    }
  })
  const penalties = (money.penalties ?? []).map((p) => {
    const amount = num(cc, p.amount, p.id)
    if (p.quota !== undefined) {
      const q = cc.rubric.quotas!.find((x) => x.id === p.quota)!
      const outcome = quotaOutcome(cc, q)
      return (ctx: EvalContext): MoneyLine => {
        const o = outcome(ctx)
        const total = mulInt(amount, o.shortfall)
        return { id: p.id, title: p.title, ...(p.source !== undefined ? { source: p.source } : {}), amount: yuan(total), detail: `short ${o.shortfall} of ${q.id} × ${yuan(amount)} = ${yuan(total)}` }
      }
    }
    const read = numberReader(cc, p.fact!)
    return (ctx: EvalContext): MoneyLine => {
      const n = Math.floor(read(ctx) / ONE)
      const total = mulInt(amount, n)
      return { id: p.id, title: p.title, ...(p.source !== undefined ? { source: p.source } : {}), amount: yuan(total), detail: `${p.fact} ${n} × ${yuan(amount)} = ${yuan(total)}` }
    }
  })
  const currency = money.currency ?? 'CNY'
  return (ctx) => {
    const r = rewards.map((f) => f(ctx))
    const p = penalties.map((f) => f(ctx))
    const sum = (lines: MoneyLine[]) => lines.reduce<Fixed>((acc, l) => add(acc, parseFixed(l.amount)!), 0)
    const rewardTotal = sum(r)
    const penaltyTotal = sum(p)
    return { currency, rewards: r, penalties: p, rewardTotal: yuan(rewardTotal), penaltyTotal: yuan(penaltyTotal), net: yuan(sub(rewardTotal, penaltyTotal)) }
  }
}
