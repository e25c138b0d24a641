/** { span: [start, end], atLeast, atMost, ends }: the time between two date facts. */
import { z } from 'zod'
import { Duration, Name } from '../../model/common'
import { checkDuration, durationArgs, durationOf } from '../kit/compare'
import type { ConditionForm } from '../kit/spec'
import { durationText, held, mark } from '../kit/words'

export const SpanCondition = z
  .object({
    span: z.tuple([Name, Name]).describe('Two date facts: start and end.'),
    atLeast: Duration.optional(),
    atMost: Duration.optional(),
    ends: z.enum(['inclusive', 'exclusive']).optional().describe('inclusive (default): both end days count, so 1–7 March is 7 days; exclusive: end − start.'),
  })
  .strict()

export type SpanCondition = z.infer<typeof SpanCondition>

// Slots: 0 start, 1 end, 2 holds.
export const span: ConditionForm<SpanCondition> = {
  key: 'span',
  schema: SpanCondition,
  refs: (c, r, at) => c.span.forEach((n, j) => r.fact(n, [...at, 'span', j], 'a span condition', ['date'])),
  check(c, k, path) {
    if (c.atLeast === undefined && c.atMost === undefined) k.bad('The span condition tests nothing; add atLeast or atMost.', path)
    checkDuration(c.atLeast, k, [...path, 'atLeast'])
    checkDuration(c.atMost, k, [...path, 'atMost'])
  },
  emit(c, g) {
    const record = g.slots(3)
    const [s, e, ok] = [g.local('s'), g.local('e'), g.local('ok')]
    const extra = c.ends === 'exclusive' ? 0 : 1
    const add = g.helper('addDuration')
    g.line(`const ${s} = ${g.date(c.span[0])}, ${e} = ${g.date(c.span[1])}`)
    const tests = [`${s} === ${s}`, `${e} === ${e}`]
    if (c.atLeast) tests.push(`${add}(${s}, ${durationArgs(c.atLeast, g)}, 1) <= ${e} + ${extra}`)
    if (c.atMost) tests.push(`${e} + ${extra} <= ${add}(${s}, ${durationArgs(c.atMost, g)}, 1)`)
    g.line(`const ${ok} = ${tests.join(' && ')}`)
    record(0, s)
    record(1, e)
    record(2, `${ok} ? 1 : 0`)
    return ok
  },
  explain(c, v) {
    const [s, e] = [v.slot(0), v.slot(1)]
    const extra = c.ends === 'exclusive' ? 0 : 1
    const days = s !== s || e !== e ? 'unknown' : `${e - s + extra} days`
    const num = (x: { param: string }) => v.num(x)
    return `${c.span[0]} → ${c.span[1]}: ${days}${c.atLeast ? `, at least ${durationText(durationOf(c.atLeast, num))}` : ''}${c.atMost ? `, at most ${durationText(durationOf(c.atMost, num))}` : ''} ${mark(held(v.slot(2)))}`
  },
}
