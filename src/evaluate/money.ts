/** Money results from what the compiled rubric collected: rewards per record by category (once per piece, at its highest), penalties. */
import type { Money } from '../model/declarations'
import { add, mulInt, parseFixed, sub, toFixedString, type Fixed } from '../num/fixed'
import type { MoneyLine, MoneyResult } from './result'

const yuan = (v: Fixed) => toFixedString(v, 2)

/** The money of one subject: the records each reward counted (key, category, amount) and each penalty's amount × count. */
export function moneyResult(
  money: Money,
  raw: { rewards: { keys: unknown[]; cats: string[]; amounts: Fixed[] }[]; penalties: { amount: Fixed; n: number }[] },
): MoneyResult {
  const rewards = (money.rewards ?? []).map((r, ri): MoneyLine => {
    const { keys, cats, amounts } = raw.rewards[ri]!
    const kept = new Map<unknown, { amount: Fixed; category: string }>()
    const dropped = new Map<unknown, string[]>()
    for (let i = 0; i < keys.length; i++) {
      const [k, category, amount] = [keys[i], cats[i]!, amounts[i]!]
      const prev = kept.get(k)
      if (prev === undefined) kept.set(k, { amount, category })
      else {
        const list = dropped.get(k) ?? []
        if (amount > prev.amount) {
          list.push(prev.category)
          kept.set(k, { amount, category })
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
    const lines = Object.entries(r.amounts)
      .filter(([c]) => byCategory.has(c))
      .map(([category]) => {
        const each = amounts[cats.indexOf(category)]!
        return { category, count: byCategory.get(category)!, each: yuan(each), amount: yuan(mulInt(each, byCategory.get(category)!)) }
      })
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
  })
  const penalties = (money.penalties ?? []).map((p, pi): MoneyLine => {
    const { amount, n } = raw.penalties[pi]!
    const total = mulInt(amount, n)
    const detail = p.quota !== undefined ? `short ${n} of ${p.quota} × ${yuan(amount)} = ${yuan(total)}` : `${p.fact} ${n} × ${yuan(amount)} = ${yuan(total)}`
    return { id: p.id, title: p.title, ...(p.source !== undefined ? { source: p.source } : {}), amount: yuan(total), detail }
  })
  const sum = (lines: MoneyLine[]) => lines.reduce<Fixed>((acc, l) => add(acc, parseFixed(l.amount)!), 0)
  const rewardTotal = sum(rewards)
  const penaltyTotal = sum(penalties)
  return { currency: money.currency ?? 'CNY', rewards, penalties, rewardTotal: yuan(rewardTotal), penaltyTotal: yuan(penaltyTotal), net: yuan(sub(rewardTotal, penaltyTotal)) }
}
