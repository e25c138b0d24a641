import type { Bands } from '../../model/item'
import { mul, toFixedString, type Fixed } from '../../num/fixed'
import { evidenceError } from '../../evaluate/context'
import { numberReader } from '../../evaluate/read'
import { num } from '../compile-context'
import type { KindCompiler } from './kind'

export interface CompiledBand {
  lo: Fixed | undefined
  hi: Fixed | undefined
  loIn: boolean
  hiIn: boolean
  points: Fixed | undefined
  times: Fixed | undefined
}

export function bandContains(b: CompiledBand, v: Fixed): boolean {
  return (b.lo === undefined || (b.loIn ? v >= b.lo : v > b.lo)) && (b.hi === undefined || (b.hiIn ? v <= b.hi : v < b.hi))
}

export function describeBand(b: CompiledBand): string {
  const lo = b.lo === undefined ? '(−∞' : `${b.loIn ? '[' : '('}${toFixedString(b.lo)}`
  const hi = b.hi === undefined ? '∞)' : `${toFixedString(b.hi)}${b.hiIn ? ']' : ')'}`
  const gives = b.times !== undefined ? `${toFixedString(b.times)} × value` : `${toFixedString(b.points ?? 0)}`
  return `${lo}, ${hi} → ${gives}`
}

/** bands: the first band containing the value gives fixed points or points × the value. No band: the evidence is refused. */
export const compileBands: KindCompiler<Bands> = (item, cc) => {
  const read = numberReader(cc, item.fact)
  const bands: CompiledBand[] = item.bands.map((b) => {
    const edges = b.edges ?? '[)'
    return {
      lo: b.from === undefined ? undefined : num(cc, b.from, item.id),
      hi: b.to === undefined ? undefined : num(cc, b.to, item.id),
      loIn: edges[0] === '[',
      hiIn: edges[1] === ']',
      points: b.points === undefined ? undefined : num(cc, b.points, item.id),
      times: b.times === undefined ? undefined : num(cc, b.times, item.id),
    }
  })
  const find = (ctx: Parameters<ReturnType<KindCompiler<Bands>>['score']>[0], v: Fixed): CompiledBand => {
    for (const b of bands) if (bandContains(b, v)) return b
    throw evidenceError(
      ctx,
      'EVIDENCE_NO_BAND',
      `${item.fact} = ${toFixedString(v)} falls in no band (${bands.map(describeBand).join('; ')}); the rubric must settle this value.`,
      ['facts', item.fact],
    )
  }
  const value = (b: CompiledBand, v: Fixed): Fixed => (b.times !== undefined ? mul(b.times, v) : (b.points ?? 0))
  return {
    score: (ctx) => {
      const v = read(ctx)
      return value(find(ctx, v), v)
    },
    explain: (ctx) => {
      const v = read(ctx)
      const b = find(ctx, v)
      const arithmetic = b.times !== undefined ? `${toFixedString(b.times)} × ${toFixedString(v)} = ${toFixedString(value(b, v))}` : toFixedString(value(b, v))
      return { rule: `bands: ${bands.map(describeBand).join('; ')}`, inputs: { [item.fact]: toFixedString(v) }, arithmetic: `in ${describeBand(b)}: ${arithmetic}` }
    },
  }
}
