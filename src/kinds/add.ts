/**
 * add: the mirror of deduct. From `from` (default 0), add `points` per `step` the value rises above (or falls below)
 * the target: 每超1個百分點加0.5分,最多加5分 is `step: 0.01, points: 0.5` on an item whose max (or bonus) is 5.
 * A partial step counts whole (ceil), not at all (floor), or in proportion (exact). The item's bounds cap it.
 */
import { z } from 'zod'
import { Name, ParamRef, StepRounding, Value } from '../model/common'
import { add as plus, div, type Fixed } from '../num/fixed'
import { ItemBase } from './base'
import type { ItemKind } from './kit/spec'
import { NUMERIC_FACTS } from './kit/values'
import { T } from './kit/words'
import { checkTarget, emitTarget, Target, targetOf, targetRefs } from './kit/target'

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
  refs(item, r, at) {
    r.fact(item.fact, [...at, 'fact'], `add item "${item.id}"`, NUMERIC_FACTS)
    targetRefs(item.target, r, [...at, 'target'], `the target of add item "${item.id}"`)
  },
  check(item, c, at) {
    checkTarget(item.target, item.fact, c, [...at, 'target'], `Add item "${item.id}"`)
    c.positive(item.step, true, `Add item "${item.id}": step`, [...at, 'step'])
    c.positive(item.points, false, `Add item "${item.id}": points`, [...at, 'points'])
    if (item.from !== undefined) c.notAbove(c.value(item.max), item.from, 'from', item.id, [...at, 'from'])
  },
  emit(item, g) {
    const record = g.slots(5)
    const [v, gap, steps, d, r] = [g.local('v'), g.local('gap'), g.local('steps'), g.local('d'), g.local('r')]
    const target = g.local('target')
    g.line(`const ${target} = ${emitTarget(item.target, g)}`)
    record(4, target)
    const [step, points] = [g.num(item.step), g.num(item.points)]
    const sub = g.helper('sub')
    g.line(`const ${v} = ${g.number(item.fact)}`)
    g.line(`const ${gap} = ${item.direction === 'below' ? `${sub}(${target}, ${v})` : `${sub}(${v}, ${target})`}`)
    g.line(`const ${r} = ${g.rounding(item.rounding)}`)
    g.line(`let ${steps} = 0, ${d} = 0`)
    g.line(`if (${gap} > 0) {`)
    g.line(`if (${r} === 2) { ${steps} = NaN; ${d} = ${g.helper('div')}(${g.helper('mul')}(${gap}, ${points}), ${step}) }`)
    g.line(`else { ${steps} = ${g.helper('divToInteger')}(${gap}, ${step}, ${r} === 0 ? "ceil" : "floor"); ${d} = ${g.helper('mulInt')}(${points}, ${steps}) } }`)
    record(0, v)
    record(1, gap)
    record(2, steps)
    record(3, d)
    g.line(`${g.out} = ${g.helper('add')}(${g.num(item.from, 0)}, ${d})`)
  },
  trail(item, v) {
    const [start, target, step, points] = [v.num(item.from, 0), targetOf(item.target, v, 4).value, v.num(item.step), v.num(item.points)]
    const rounding = v.word(item.rounding)
    const below = item.direction === 'below'
    const [value, gap, steps, d] = [v.slot(0), v.slot(1), v.slot(2), v.slot(3)]
    const rule = `${T(start)} + ${T(points)} per ${T(step)} ${below ? 'below' : 'above'} ${T(target)}${targetOf(item.target, v, 4).from} (partial step: ${rounding}), at most ${T(v.node.hi)}`
    const total: Fixed = plus(start, d)
    const arithmetic =
      gap <= 0
        ? `${T(value)} does not pass the target ${T(target)} → ${T(start)}`
        : `${below ? 'below' : 'above'} by ${T(gap)} = ${T(div(gap, step))} steps → ${steps === steps ? String(steps) : T(div(gap, step))} (${rounding}) × ${T(points)} = ${T(d)}; ${T(start)} + ${T(d)} = ${T(total)}`
    return { rule, inputs: { [item.fact]: T(value) }, arithmetic }
  },
}
