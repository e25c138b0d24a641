/** { score: total | item id, atLeast … }: an exact score compared with bounds. */
import { z } from 'zod'
import { Compare, Id } from '../../model/common'
import { emitBounds, needsBound } from '../kit/compare'
import type { ConditionForm } from '../kit/spec'
import { describeBounds, held, mark, maybe } from '../kit/words'

export const ScoreCondition = z.object({ score: z.union([z.literal('total'), Id]).describe('"total" or an item id.'), ...Compare }).strict()

export type ScoreCondition = z.infer<typeof ScoreCondition>

// Inside the item tree a score condition may name only an item scored before the one that uses it (validate/structure.ts).
export const score: ConditionForm<ScoreCondition> = {
  key: 'score',
  schema: ScoreCondition,
  refs: (c, r, at) => (c.score === 'total' ? undefined : r.item(c.score, [...at, 'score'], 'a score condition')),
  check: (c, k, path) => needsBound(c, `score of "${c.score}"`, k, path),
  emit(c, g) {
    const record = g.slots(2)
    const [v, ok] = [g.local('v'), g.local('ok')]
    g.line(`const ${v} = ${g.score_of(c.score)}`)
    g.line(`const ${ok} = ${emitBounds(c, v, g)}`)
    record(0, v)
    record(1, `${ok} ? 1 : 0`)
    return ok
  },
  explain: (c, v) => `score of ${c.score} ${maybe(v.slot(0))} ${describeBounds(c, (x) => v.num(x))} ${mark(held(v.slot(1)))}`,
}
