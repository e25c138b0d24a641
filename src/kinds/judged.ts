/** judged: the assessor's score, kept within [min, max] (clamped with a warning, or refused). */
import { z } from 'zod'
import { Name } from '../model/common'
import { ItemBase } from './base'
import type { ItemKind } from './kit/spec'
import { NUMERIC_FACTS } from './kit/values'
import { T } from './kit/words'

export const Judged = z
  .object({
    kind: z.literal('judged'),
    ...ItemBase,
    fact: Name.describe("The assessor's score for this item."),
    outOfRange: z.enum(['clamp', 'error']).optional().describe('A score outside [min, max]: clamp into it with a warning (default), or refuse the evidence.'),
  })
  .strict()
  .describe('A score the assessor gives within [min, max].')

export type Judged = z.infer<typeof Judged>

// Slots: 0 the value.
export const judged: ItemKind<Judged> = {
  kind: 'judged',
  schema: Judged,
  refs: (item, r, at) => r.fact(item.fact, [...at, 'fact'], `judged item "${item.id}"`, NUMERIC_FACTS),
  emit(item, g) {
    const record = g.slots(1)
    const v = g.local('v')
    // a judged item with a bonus (另加分) takes scores up to max + bonus: its bound is hi
    const { hi: max, min } = g.node
    const range = `[${T(min)}, ${T(max)}]`
    const shown = `${g.helper('T')}(${v})`
    g.line(`const ${v} = ${g.number(item.fact)}`)
    record(0, v)
    g.line(`if (${v} < ${g.lit(min)} || ${v} > ${g.lit(max)}) {`)
    const at = g.path('facts', item.fact)
    if (item.outOfRange === 'error') g.line(g.refuse('EVIDENCE_OUT_OF_RANGE', `${g.str(`Fact "${item.fact}" = `)} + ${shown} + ${g.str(` is outside ${range} for item ${item.id}.`)}`, at))
    else {
      const bound = `${g.helper('T')}(${v} < ${g.lit(min)} ? ${g.lit(min)} : ${g.lit(max)})`
      g.line(g.warn('JUDGED_CLAMPED', `${g.str(`Fact "${item.fact}" = `)} + ${shown} + ${g.str(` is outside ${range}; item ${item.id} takes `)} + ${bound} + ${g.str('.')}`, at))
    }
    g.line('}')
    g.line(`${g.out} = ${v}`) // the item's bounds keep it within [min, max]; the trail shows the clamp
  },
  trail: (item, v) => ({ rule: `judged score within [${T(v.node.min)}, ${T(v.node.hi)}]`, inputs: { [item.fact]: T(v.slot(0)) }, arithmetic: T(v.slot(0)) }),
}
