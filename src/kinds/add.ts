/**
 * add: the mirror of deduct. From `from` (default 0), add `points` per `step` the value rises above (or falls below)
 * the target: 每超1個百分點加0.5分,最多加5分 is `step: 0.01, points: 0.5` on an item whose max (or bonus) is 5.
 * A partial step counts whole (ceil), not at all (floor), or in proportion (exact). The item's bounds cap it.
 */
import { z } from 'zod'
import { Name, ParamRef, StepRounding, Value } from '../model/common'
import { add as plus, type Fixed } from '../num/fixed'
import { ItemBase } from './base'
import type { ItemKind } from './kit/spec'
import { T } from './kit/words'
import { checkSteps, emitSteps, stepsRefs, stepsTrail } from './kit/steps'
import { Target } from './kit/target'

export const Add = z
  .object({
    kind: z.literal('add'),
    ...ItemBase,
    fact: Name.describe('The measured value, e.g. a completion rate.'),
    target: Target.describe('The target (a number, a parameter, each subject’s own fact, or a tier table); nothing is added until the value passes it.'),
    direction: z.enum(['above', 'below']).optional().describe('Add for rising above the target (default) or for falling below it (a cost kept under its budget).'),
    step: Value.describe('The size of one step, e.g. 0.01 for one percentage point.'),
    points: Value.describe('Points added per step (0 or more).'),
    rounding: z.union([StepRounding, ParamRef]).describe('How a partial step counts.'),
    from: Value.optional().describe('Points before the addition (default 0).'),
  })
  .strict()
  .describe('Per-step addition beyond a target, capped by the item’s max (and bonus).')

export type Add = z.infer<typeof Add>

// Slots: 0 the value, 1 the amount beyond the target, 2 the steps counted (NaN for exact), 3 the addition.
export const add: ItemKind<Add> = {
  kind: 'add',
  schema: Add,
  refs: (item, r, at) => stepsRefs(item, 'add', r, at),
  check: (item, c, at) => checkSteps(item, 'add', c, at),
  emit(item, g) {
    const d = emitSteps(item, g, item.direction !== 'below')
    g.line(`${g.out} = ${g.helper('add')}(${g.num(item.from, 0)}, ${d})`)
  },
  trail(item, v) {
    const start = v.num(item.from, 0)
    const { value, gap, amount: d, target, from, step, points, rounding, counted } = stepsTrail(item, v)
    const below = item.direction === 'below'
    const rule = `${T(start)} + ${T(points)} per ${T(step)} ${below ? 'below' : 'above'} ${T(target)}${from} (partial step: ${rounding}), at most ${T(v.node.hi)}`
    const total: Fixed = plus(start, d)
    const arithmetic = gap <= 0 ? `${T(value)} does not pass the target ${T(target)} → ${T(start)}` : `${below ? 'below' : 'above'} by ${counted}; ${T(start)} + ${T(d)} = ${T(total)}`
    return { rule, inputs: { [item.fact]: T(value) }, arithmetic }
  },
}
