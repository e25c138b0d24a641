/** { count, where, distinct, within, before, atLeast … }: how many records match, compared with bounds. */
import { z } from 'zod'
import { Compare, Duration, Name, Where } from '../../model/common'
import { ONE } from '../../num/fixed'
import { checkDuration, durationArgs, durationOf, emitBounds, needsBound } from '../kit/compare'
import type { ConditionForm } from '../kit/spec'
import { describeBounds, describeWhere, durationText, held, mark } from '../kit/words'

export const CountCondition = z
  .object({
    count: Name.describe('The records counted.'),
    where: Where.optional(),
    distinct: z.boolean().optional().describe("Count each piece once (the record type's key)."),
    within: Duration.optional().describe('Only records dated within this long before the evaluation date (or before the date fact `before`).'),
    before: Name.optional().describe('A date fact to count back from instead of the evaluation date (two years before the application).'),
    ...Compare,
  })
  .strict()

export type CountCondition = z.infer<typeof CountCondition>

export const count: ConditionForm<CountCondition> = {
  key: 'count',
  schema: CountCondition,
  refs(c, r, at) {
    r.records(c.count, [...at, 'count'], 'a count condition')
    r.where(c.where, c.count, at)
    if (c.before !== undefined) r.fact(c.before, [...at, 'before'], 'a count condition', ['date'])
  },
  check(c, k, path) {
    needsBound(c, `count of "${c.count}"`, k, path)
    if (c.within !== undefined) k.needsField(c.count, 'date', `Counting "${c.count}" within a duration`, [...path, 'within'])
    if (c.before !== undefined && c.within === undefined) k.bad(`Counting "${c.count}" before "${c.before}" needs within (how far back to count).`, [...path, 'before'])
    if (c.distinct === true) k.needsField(c.count, 'key', `Counting distinct "${c.count}"`, [...path, 'distinct'])
    checkDuration(c.within, k, [...path, 'within'])
  },
  emit(c, g) {
    const n = g.local('n')
    const ok = g.local('ok')
    const record = g.slots(2)
    const keys = c.distinct ? g.scratch()[0] : undefined
    g.line(`let ${n} = 0`)
    const body = (row: string): void => {
      g.line(`if (!(${g.where(c.count, c.where, row)})) continue`)
      if (keys) g.line(`${keys}[${n}] = ${g.key(c.count, row)}`)
      g.line(`${n}++`)
    }
    if (c.within) {
      // Records dated after (anchor − within) and on or before the anchor, whatever the assessed span.
      const t = g.local('t')
      const since = g.local('since')
      g.line(`const ${t} = ${c.before !== undefined ? g.date(c.before) : g.asOf(`count ${c.count} within`)}`)
      g.line(`const ${since} = ${t} === ${t} ? ${g.helper('addDuration')}(${t}, ${durationArgs(c.within, g)}, -1) : NaN`)
      g.line(`if (${t} !== ${t}) ${n} = NaN; else {`)
      g.rows(c.count, false, (row, j) => {
        const d = g.local('d')
        g.line(`const ${d} = ${g.recordDay(c.count, j)}`)
        g.line(`if (${d} <= ${since} || ${d} > ${t}) continue`)
        body(row)
      })
      g.line('}')
    } else g.rows(c.count, true, (row) => body(row))
    if (keys) g.line(`if (${n} === ${n}) ${n} = ${g.helper('distinctCount')}(${keys}, ${n})`)
    g.line(`const ${ok} = ${n} === ${n} && ${emitBounds(c, `${n} * ${ONE}`, g)}`)
    record(0, n)
    record(1, `${ok} ? 1 : 0`)
    return ok
  },
  explain(c, v) {
    const n = v.slot(0)
    const span = c.within ? ` in the ${durationText(durationOf(c.within, (x) => v.num(x)))} before ${c.before ?? 'the evaluation date'}` : ''
    return `${c.count}${describeWhere(c.where)}${span}: ${n !== n ? `unknown (${c.before} not given)` : n} ${describeBounds(c, (x) => v.num(x))} ${mark(held(v.slot(1)))}`
  },
}
