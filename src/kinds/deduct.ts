/**
 * deduct: from `from` (default max), deduct `points` per `step` the value falls below (or rises above) the target.
 * A partial step counts whole (ceil), not at all (floor), or in proportion (exact). Never below `floor`.
 */
import { z } from 'zod'
import { Name, ParamRef, StepRounding, Value } from '../model/common'
import { div, divToInteger, mul, mulInt, sub, type Fixed } from '../num/fixed'
import { ItemBase } from './base'
import type { Checker, ItemKind } from './kit/spec'
import { domainOf, fmt, type Path } from './kit/values'
import { T } from './kit/words'
import { checkSteps, emitSteps, stepsRefs, stepsTrail } from './kit/steps'
import { Target } from './kit/target'

export const Deduct = z
  .object({
    kind: z.literal('deduct'),
    ...ItemBase,
    fact: Name.describe('The measured value, e.g. a pass rate.'),
    target: Target.describe('The target (a number, a parameter, each subject’s own fact, or a tier table); no deduction when it is met.'),
    direction: z.enum(['below', 'above']).optional().describe('Deduct for falling below the target (default) or for rising above it.'),
    step: Value.describe('The size of one step, e.g. 0.01 for one percentage point.'),
    points: Value.describe('Points deducted per step (0 or more).'),
    rounding: z.union([StepRounding, ParamRef]).describe('How a partial step counts.'),
    from: Value.optional().describe('Points before deduction (default max).'),
    floor: Value.optional().describe('The score never goes below this (扣完為止 → 0).'),
  })
  .strict()
  .describe('Per-step deduction from a target.')

export type Deduct = z.infer<typeof Deduct>

export const FLOOR_HINT = 'Add `floor: 0` (扣完為止) or the least score it may give, so the clamp is written down.'

/** DEDUCTION_WITHOUT_FLOOR: without a floor, the largest deduction the fact's range allows takes the item below its min. */
function lintFloor(item: Deduct, c: Checker, path: Path): void {
  if (item.floor !== undefined) return
  const max = c.value(item.max)
  const start = item.from === undefined ? max : c.value(item.from)
  const least = item.min === undefined ? 0 : c.value(item.min)
  const [target, step, points, rounding] = [c.value(item.target), c.value(item.step), c.value(item.points), c.word(item.rounding)]
  if (start === undefined || least === undefined || target === undefined || step === undefined || step <= 0 || points === undefined) return
  const above = item.direction === 'above'
  const d = domainOf(c.fact(item.fact))
  const extreme = above ? d?.hi : d?.lo
  const report = (message: string) => c.report('DEDUCTION_WITHOUT_FLOOR', message, path, FLOOR_HINT)
  if (extreme === undefined)
    return report(`Item "${item.id}" has no floor, and fact ${item.fact} has no declared ${above ? 'max' : 'min'}, so the deduction has no limit and can go below the item's min ${fmt(least)}.`)
  const gap = above ? extreme - target : target - extreme
  if (gap <= 0) return
  let largest: Fixed | undefined
  try {
    largest = rounding === 'exact' ? div(mul(gap, points, 'ceil'), step, 'ceil') : mulInt(points, divToInteger(gap, step, rounding === 'floor' ? 'floor' : 'ceil'))
  } catch {
    largest = undefined
  }
  if (largest !== undefined && sub(start, largest) >= least) return
  report(
    largest === undefined
      ? `Item "${item.id}" has no floor, and its largest deduction is too large to compute.`
      : `Item "${item.id}" has no floor: at ${item.fact} = ${fmt(extreme)} it deducts ${fmt(largest)} from ${fmt(start)}, which gives ${fmt(sub(start, largest))}, below its min ${fmt(least)}.`,
  )
}

// Slots: 0 the value, 1 the gap, 2 the steps counted (NaN for exact), 3 the deduction.
export const deduct: ItemKind<Deduct> = {
  kind: 'deduct',
  schema: Deduct,
  refs: (item, r, at) => stepsRefs(item, 'deduct', r, at),
  check: (item, c, at) => checkSteps(item, 'deduct', c, at),
  lint: lintFloor,
  emit(item, g) {
    const d = emitSteps(item, g, item.direction === 'above')
    g.line(`${g.out} = ${g.helper('max')}(${g.num(item.floor, g.node.min)}, ${g.helper('sub')}(${g.num(item.from, g.node.max)}, ${d}))`)
  },
  trail(item, v) {
    const [start, floor] = [v.num(item.from, v.node.max), v.num(item.floor, v.node.min)]
    const { value, gap, amount: d, target, from, step, points, rounding, counted } = stepsTrail(item, v)
    const above = item.direction === 'above'
    const result = sub(start, d) < floor ? floor : sub(start, d)
    const floored = result !== sub(start, d) ? ` → floor ${T(floor)}` : ''
    const rule = `${T(start)} − ${T(points)} per ${T(step)} ${above ? 'above' : 'below'} ${T(target)}${from} (partial step: ${rounding}), floor ${T(floor)}`
    const arithmetic = gap <= 0 ? `${T(value)} meets the target ${T(target)} → ${T(start)}${floored}` : `${above ? 'above' : 'short'} by ${counted}; ${T(start)} − ${T(d)} = ${T(sub(start, d))}${floored}`
    return { rule, inputs: { [item.fact]: T(value) }, arithmetic }
  },
}
