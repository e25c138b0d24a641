import type { Check } from '../../model/item'
import { toFixedString } from '../../num/fixed'
import { compileCondition } from '../condition'
import { optNum } from '../compile-context'
import type { KindCompiler } from './kind'

/** check: points when a condition holds (a checklist line, or a threshold reached), else `else`. */
export const compileCheck: KindCompiler<Check> = (item, cc, { max }) => {
  const cond = compileCondition(cc, item.when ?? { fact: item.fact!, is: true })
  const yes = optNum(cc, item.points, max, item.id)
  const no = optNum(cc, item.else, 0, item.id)
  const rule = `${toFixedString(yes)} points when it holds, else ${toFixedString(no)}`
  return {
    score: (ctx) => (cond.test(ctx) ? yes : no),
    explain: (ctx) => {
      const holds = cond.test(ctx)
      return { rule, inputs: {}, arithmetic: `${cond.explain(ctx)} → ${toFixedString(holds ? yes : no)}` }
    },
  }
}
