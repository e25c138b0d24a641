import type { Deduct } from '../../model/item'
import { div, divToInteger, max as maxOf, mul, mulInt, sub, toFixedString, type Fixed } from '../../num/fixed'
import { numberReader } from '../../evaluate/read'
import { num, optNum, word } from '../compile-context'
import type { KindCompiler } from './kind'

/**
 * deduct: from `from` (default max), deduct `points` per `step` the value falls below (or rises above) the target.
 * A partial step counts whole (ceil), not at all (floor), or in proportion (exact). Never below `floor`.
 */
export const compileDeduct: KindCompiler<Deduct> = (item, cc, { max, min }) => {
  const read = numberReader(cc, item.fact)
  const target = num(cc, item.target, item.id)
  const step = num(cc, item.step, item.id)
  const points = num(cc, item.points, item.id)
  const start = optNum(cc, item.from, max, item.id)
  const floor = optNum(cc, item.floor, min, item.id)
  const rounding = word(cc, item.rounding)
  const above = item.direction === 'above'
  const deduction = (gap: Fixed): Fixed => {
    if (gap <= 0) return 0
    if (rounding === 'exact') return div(mul(gap, points), step)
    return mulInt(points, divToInteger(gap, step, rounding === 'ceil' ? 'ceil' : 'floor'))
  }
  const T = toFixedString
  const rule = `${T(start)} − ${T(points)} per ${T(step)} ${above ? 'above' : 'below'} ${T(target)} (partial step: ${rounding}), floor ${T(floor)}`
  return {
    score: (ctx) => {
      const v = read(ctx)
      return maxOf(floor, sub(start, deduction(above ? sub(v, target) : sub(target, v))))
    },
    explain: (ctx) => {
      const v = read(ctx)
      const gap = above ? sub(v, target) : sub(target, v)
      const d = deduction(gap)
      const result = maxOf(floor, sub(start, d))
      const steps = gap <= 0 ? '0' : rounding === 'exact' ? T(div(gap, step)) : String(divToInteger(gap, step, rounding === 'ceil' ? 'ceil' : 'floor'))
      const arithmetic =
        gap <= 0
          ? `${T(v)} meets the target ${T(target)} → ${T(start)}`
          : `${above ? 'above' : 'short'} by ${T(gap)} = ${T(div(gap, step))} steps → ${steps} (${rounding}) × ${T(points)} = ${T(d)}; ${T(start)} − ${T(d)} = ${T(sub(start, d))}${result !== sub(start, d) ? ` → floor ${T(floor)}` : ''}`
      return { rule, inputs: { [item.fact]: T(v) }, arithmetic }
    },
  }
}
