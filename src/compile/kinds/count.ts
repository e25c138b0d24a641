import type { Count } from '../../model/item'
import { add, min as minOf, mulInt, ONE, toFixedString, type Fixed } from '../../num/fixed'
import { evidenceError, type EvalContext, type Row } from '../../evaluate/context'
import { describeWhere, matcher, numberReader, recordsReader } from '../../evaluate/read'
import { num, optNum, type CompileContext } from '../compile-context'
import type { KindCompiler } from './kind'

/** Points per record: one value, or a value chosen by a field of the record. */
export function pointsOf(cc: CompileContext, points: Count['points'], what: string): (row: Row, ctx: EvalContext, i: number, list: string) => Fixed {
  if (typeof points === 'object' && 'by' in points) {
    const table = new Map(Object.entries(points.values).map(([k, v]) => [k, num(cc, v, what)]))
    return (row, ctx, i, list) => {
      const v = table.get(String(row[points.by]))
      if (v === undefined)
        throw evidenceError(ctx, 'EVIDENCE_INVALID', `Record ${list}[${i}] has ${points.by} = ${JSON.stringify(row[points.by])}, which has no points in item ${what}; use one of ${[...table.keys()].join(', ')}.`, ['records', list, i, points.by])
      return v
    }
  }
  const v = num(cc, points, what)
  return () => v
}

/** count: records (or a count fact) × points, optionally one per piece at its highest points, capped. */
export const compileCount: KindCompiler<Count> = (item, cc, { max }) => {
  const cap = optNum(cc, item.cap, max, item.id)
  if (item.fact !== undefined) {
    const read = numberReader(cc, item.fact)
    const per = num(cc, item.points as never, item.id)
    const total = (ctx: EvalContext) => mulInt(per, Math.floor(read(ctx) / ONE))
    return {
      score: (ctx) => minOf(cap, total(ctx)),
      explain: (ctx) => ({
        rule: `${toFixedString(per)} per unit of ${item.fact}, cap ${toFixedString(cap)}`,
        inputs: { [item.fact!]: toFixedString(read(ctx)) },
        arithmetic: `${toFixedString(read(ctx))} × ${toFixedString(per)} = ${toFixedString(total(ctx))}${total(ctx) > cap ? ` → cap ${toFixedString(cap)}` : ''}`,
      }),
    }
  }
  const list = item.records!
  const rows = recordsReader(cc, list)
  const match = matcher(item.where)
  const pts = pointsOf(cc, item.points, item.id)
  const key = item.dedupe ? cc.records[list]?.key : undefined
  const tally = (ctx: EvalContext): { sum: Fixed; n: number } => {
    const all = rows(ctx)
    if (key === undefined) {
      let sum = 0
      let n = 0
      for (let i = 0; i < all.length; i++) {
        const r = all[i]!
        if (!match(r)) continue
        sum = add(sum, pts(r, ctx, i, list))
        n++
      }
      return { sum, n }
    }
    const best = new Map<unknown, Fixed>()
    for (let i = 0; i < all.length; i++) {
      const r = all[i]!
      if (!match(r)) continue
      const p = pts(r, ctx, i, list)
      const k = r[key]
      const prev = best.get(k)
      if (prev === undefined || p > prev) best.set(k, p)
    }
    let sum = 0
    for (const p of best.values()) sum = add(sum, p)
    return { sum, n: best.size }
  }
  const per = typeof item.points === 'object' && 'by' in item.points ? `points by ${item.points.by}` : `${toFixedString(num(cc, item.points as never, item.id))} each`
  return {
    score: (ctx) => minOf(cap, tally(ctx).sum),
    explain: (ctx) => {
      const { sum, n } = tally(ctx)
      return {
        rule: `${list}${describeWhere(item.where)}: ${per}${key ? `, one per ${key} at its highest` : ''}, cap ${toFixedString(cap)}`,
        inputs: { [list]: `${n} counted` },
        arithmetic: `${toFixedString(sum)}${sum > cap ? ` → cap ${toFixedString(cap)}` : ''}`,
      }
    },
  }
}
