import type { Deductions } from '../../model/item'
import { add, max as maxOf, min as minOf, mulInt, ONE, sub, toFixedString, type Fixed } from '../../num/fixed'
import type { EvalContext } from '../../evaluate/context'
import { describeWhere, matcher, numberReader, recordsReader } from '../../evaluate/read'
import { num, optNum } from '../compile-context'
import type { KindCompiler } from './kind'

/** deductions: a base score minus each fault × its points (each deduction capped), never below the floor. */
export const compileDeductions: KindCompiler<Deductions> = (item, cc, { max, min }) => {
  const base = optNum(cc, item.base, max, item.id)
  const floor = optNum(cc, item.floor, min, item.id)
  const parts = item.deductions.map((d) => {
    const points = num(cc, d.points, d.id)
    const cap = d.cap === undefined ? undefined : num(cc, d.cap, d.id)
    let count: (ctx: EvalContext) => number
    if (d.fact !== undefined) {
      const read = numberReader(cc, d.fact)
      count = (ctx) => Math.floor(read(ctx) / ONE)
    } else {
      const rows = recordsReader(cc, d.records!)
      const match = matcher(d.where)
      count = (ctx) => {
        let n = 0
        for (const r of rows(ctx)) if (match(r)) n++
        return n
      }
    }
    const take = (n: number): Fixed => {
      const t = mulInt(points, n)
      return cap === undefined ? t : minOf(cap, t)
    }
    return { d, points, cap, count, take }
  })
  const T = toFixedString
  return {
    score: (ctx) => {
      let total = 0
      for (const p of parts) total = add(total, p.take(p.count(ctx)))
      return maxOf(floor, sub(base, total))
    },
    explain: (ctx) => {
      let total = 0
      const lines: string[] = []
      const inputs: Record<string, string> = {}
      for (const p of parts) {
        const n = p.count(ctx)
        const t = p.take(n)
        total = add(total, t)
        // Two deductions may count the same records with different filters: key them by the filter too.
        inputs[p.d.fact ?? (p.d.records !== undefined ? p.d.records + describeWhere(p.d.where) : p.d.id)] = String(n)
        if (n > 0) lines.push(`${p.d.title} ${n} × ${T(p.points)}${p.cap !== undefined && t === p.cap ? ` (cap ${T(p.cap)})` : ''} = ${T(t)}`)
      }
      const result = sub(base, total)
      return {
        rule: `base ${T(base)} minus deductions, floor ${T(floor)}`,
        inputs,
        arithmetic: `${T(base)} − ${T(total)}${lines.length ? ` [${lines.join('; ')}]` : ''} = ${T(result)}${result < floor ? ` → floor ${T(floor)}` : ''}`,
      }
    },
  }
}
