import type { Judged } from '../../model/item'
import { toFixedString } from '../../num/fixed'
import { evidenceError, warn } from '../../evaluate/context'
import { numberReader } from '../../evaluate/read'
import type { KindCompiler } from './kind'

/** judged: the assessor's score, kept within [min, max] (clamped with a warning, or refused). */
export const compileJudged: KindCompiler<Judged> = (item, cc, { max, min }) => {
  const read = numberReader(cc, item.fact)
  const refuse = item.outOfRange === 'error'
  const range = `[${toFixedString(min)}, ${toFixedString(max)}]`
  return {
    score: (ctx) => {
      const v = read(ctx)
      if (v >= min && v <= max) return v
      if (refuse) throw evidenceError(ctx, 'EVIDENCE_OUT_OF_RANGE', `Fact "${item.fact}" = ${toFixedString(v)} is outside ${range} for item ${item.id}.`, ['facts', item.fact])
      const key = `clamped:${item.id}`
      if (!ctx.memo.has(key)) {
        ctx.memo.set(key, true)
        warn(ctx, 'JUDGED_CLAMPED', `Fact "${item.fact}" = ${toFixedString(v)} is outside ${range}; item ${item.id} takes ${toFixedString(v < min ? min : max)}.`, ['facts', item.fact])
      }
      return v // the tree keeps every score within [min, max]; the trail shows the clamp
    },
    explain: (ctx) => {
      const v = read(ctx)
      return { rule: `judged score within ${range}`, inputs: { [item.fact]: toFixedString(v) }, arithmetic: toFixedString(v) }
    },
  }
}
