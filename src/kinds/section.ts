/** section: the sum of its items (rescaled over those not dropped as 不適用), kept within [min, max]; `cap: true` for a bonus section. */
import { z } from 'zod'
import { add, type Fixed } from '../num/fixed'
import { ItemBase, type ItemCommon } from './base'
import type { Checker, ItemKind } from './kit/spec'
import { fmt, literalFixed, type Path } from './kit/values'
import { T } from './kit/words'

export interface Section extends ItemCommon {
  kind: 'section'
  cap?: boolean
  items: ItemCommon[]
}

/** The sum of the items' max (`value` resolves a literal or a parameter); undefined when one is unknown or the sum leaves the exact range. */
export function sumMax(items: readonly ItemCommon[], value: (v: unknown) => Fixed | undefined = literalFixed): Fixed | undefined {
  let sum = 0
  for (const it of items) {
    const m = value(it.max)
    if (m === undefined) return undefined
    try {
      sum = add(sum, m)
    } catch {
      return undefined // beyond the exact range: reported elsewhere
    }
  }
  return sum
}

/** MAX_MISMATCH: a section's items must add up to its max (to at least its max with cap: true). */
function checkSum(item: Section, c: Checker, at: Path): void {
  const max = c.value(item.max)
  const sum = sumMax(item.items, (v) => c.value(v))
  if (max === undefined || sum === undefined) return
  if (item.cap === true) {
    if (sum < max)
      c.report('MAX_MISMATCH', `Items add up to ${fmt(sum)}, less than the section's max ${fmt(max)}, so the section can never reach it; cap: true is for a bonus section whose items add up to more than its max.`, [...at, 'max'], `Make max ${fmt(sum)} (and drop cap: true), or raise the items' max so they add up to at least ${fmt(max)}.`)
  } else if (sum !== max)
    c.report('MAX_MISMATCH', `Items add up to ${fmt(sum)}, but the section's max is ${fmt(max)}.`, [...at, 'max'], `Make max ${fmt(sum)}, change the items' max, or set cap: true for a bonus section whose items may add up to more.`)
}

/** The section kind; `item` is the schema of any item (sections hold items of every kind). */
export function section(item: () => z.ZodType): ItemKind<Section> {
  const schema = z
    .object({
      kind: z.literal('section'),
      ...ItemBase,
      cap: z.boolean().optional().describe('Children may add up to more than max; the sum is capped at max (a bonus section).'),
      get items() {
        return z.array(item()).min(1)
      },
    })
    .strict()
    .describe('A section: its score is the sum of its items.')
  return {
    kind: 'section',
    schema,
    refs: () => undefined,
    check: checkSum,
    emit: (_, g) => g.line(`${g.out} = ${g.sectionSum()}`),
    trail(s, v) {
      const parts: string[] = []
      let sum: Fixed = 0
      let applicable: Fixed = 0
      let all: Fixed = 0
      let dropped = 0
      for (const c of v.children()) {
        all = add(all, c.max)
        if (c.na) {
          if (c.policy === 'zero') {
            applicable = add(applicable, c.max)
            parts.push('0 (不適用)')
          } else dropped++
          continue
        }
        applicable = add(applicable, c.max)
        sum = add(sum, c.score)
        parts.push(T(c.score))
      }
      const rescale = dropped > 0 ? ` × ${T(all)} / ${T(applicable)} (${dropped} item${dropped > 1 ? 's' : ''} 不適用, rescaled)` : ''
      const capped = s.cap ? `, capped at ${T(v.node.max)}` : ''
      const score = v.score
      return {
        rule: `sum of ${s.items.length} items${capped}`,
        inputs: {},
        arithmetic: `${parts.join(' + ') || '0'} = ${T(sum)}${rescale}`,
        ...(dropped > 0 || score !== sum ? { bounds: `→ ${T(score)}${score > sum ? '' : ` (within [${T(v.node.min)}, ${T(v.node.hi)}])`}` } : {}),
      }
    },
  }
}
