/** check: points when a condition holds (a checklist line, or a threshold reached), else `else`. */
import { z } from 'zod'
import { Name, Value } from '../model/common'
import type { Condition } from './conditions'
import { Condition as ConditionSchema } from './conditions'
import { ItemBase } from './base'
import type { ItemKind } from './kit/spec'
import { held, T } from './kit/words'

export const Check = z
  .object({
    kind: z.literal('check'),
    ...ItemBase,
    fact: Name.optional().describe('A yes/no fact: true gives the points (shorthand for when: {fact, is: true}).'),
    when: ConditionSchema.optional().describe('The condition that gives the points.'),
    points: Value.optional().describe('Points when it holds (default max).'),
    else: Value.optional().describe('Points when it does not (default 0).'),
  })
  .strict()
  .describe('Checklist or threshold item: points when a condition holds.')

export type Check = z.infer<typeof Check>

const shorthands = new WeakMap<Check, Condition>()

/** The condition of a check: `when`, or `{ fact, is: true }` for the `fact:` shorthand (one object per item). */
function conditionOf(item: Check): Condition {
  if (item.when) return item.when
  let c = shorthands.get(item)
  if (!c) shorthands.set(item, (c = { fact: item.fact!, is: true }))
  return c
}

// Slots: 0 holds.
export const check: ItemKind<Check> = {
  kind: 'check',
  schema: Check,
  refs(item, r, at) {
    if (item.fact !== undefined) r.fact(item.fact, [...at, 'fact'], `check item "${item.id}"`, ['boolean'])
  },
  check(item, c, at) {
    c.oneOf(item, ['fact', 'when'], `Check item "${item.id}"`, at)
    const max = c.value(item.max)
    if (item.points !== undefined) c.notAbove(max, item.points, 'points', item.id, [...at, 'points'])
    if (item.else !== undefined) c.notAbove(max, item.else, 'else', item.id, [...at, 'else'])
  },
  emit(item, g) {
    const record = g.slots(1)
    const ok = g.cond(conditionOf(item))
    record(0, `${ok} ? 1 : 0`)
    g.line(`${g.out} = ${ok} ? ${g.num(item.points, g.node.max)} : ${g.num(item.else, 0)}`)
  },
  trail(item, v) {
    const yes = v.num(item.points, v.node.max)
    const no = v.num(item.else, 0)
    return { rule: `${T(yes)} points when it holds, else ${T(no)}`, inputs: {}, arithmetic: `${v.cond(conditionOf(item))} → ${T(held(v.slot(0)) ? yes : no)}` }
  },
}
