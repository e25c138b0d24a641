/**
 * { all: [...] }, { any: [...] }, { not: ... }: conditions combined. Every part is decided, whatever the others
 * give (no short cut), so a trail explains each part and an evaluation needs the same inputs whatever the evidence.
 */
import { z } from 'zod'
import type { ConditionForm } from '../kit/spec'

type Parts = { all: unknown[] } | { any: unknown[] }

function many(key: 'all' | 'any', condition: () => z.ZodType): ConditionForm<Parts> {
  const join = key === 'all' ? ' && ' : ' || '
  return {
    key,
    schema: (key === 'all'
      ? z.object({
          get all() {
            return z.array(condition()).min(1)
          },
        })
      : z.object({
          get any() {
            return z.array(condition()).min(1)
          },
        })
    ).strict(),
    refs: () => undefined, // the parts are visited on their own
    emit(c, g) {
      const record = g.slots(1)
      const parts = (c as Record<string, unknown[]>)[key]!.map((p) => g.cond(p))
      const ok = g.local('ok')
      g.line(`const ${ok} = ${parts.join(join)}`)
      record(0, `${ok} ? 1 : 0`)
      return ok
    },
    explain: (c, v) => `${key} of (${(c as Record<string, unknown[]>)[key]!.map((p) => v.cond(p)).join('; ')})`,
  }
}

export const all = (condition: () => z.ZodType): ConditionForm<Parts> => many('all', condition)
export const any = (condition: () => z.ZodType): ConditionForm<Parts> => many('any', condition)

export const not = (condition: () => z.ZodType): ConditionForm<{ not: unknown }> => ({
  key: 'not',
  schema: z
    .object({
      get not() {
        return condition()
      },
    })
    .strict(),
  refs: () => undefined,
  emit(c, g) {
    const record = g.slots(1)
    const inner = g.cond(c.not)
    const ok = g.local('ok')
    g.line(`const ${ok} = !${inner}`)
    record(0, `${ok} ? 1 : 0`)
    return ok
  },
  explain: (c, v) => `not (${v.cond(c.not)})`,
})
