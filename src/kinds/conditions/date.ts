/** { date, validFor | heldFor | onOrBefore | onOrAfter, at }: a date fact tested against durations and deadlines. */
import { z } from 'zod'
import { DateValue, Duration, Name } from '../../model/common'
import { addDuration, formatDay } from '../../num/dates'
import { checkDuration, durationArgs, durationOf } from '../kit/compare'
import type { ConditionForm } from '../kit/spec'
import { dayText, durationText, held, mark } from '../kit/words'

export const DateCondition = z
  .object({
    date: Name.describe('A date fact.'),
    validFor: Duration.optional().describe('Holds while the evaluation date is before date + this duration (a certificate valid 3 years).'),
    heldFor: Duration.optional().describe('Holds once date + this duration is on or before the evaluation date (held at least a year).'),
    onOrBefore: DateValue.optional().describe('A deadline: the date is on or before this one.'),
    onOrAfter: DateValue.optional().describe('The date is on or after this one.'),
    at: Name.optional().describe('A date fact at which validFor and heldFor are measured, instead of the evaluation date (the application date).'),
  })
  .strict()

export type DateCondition = z.infer<typeof DateCondition>

const TESTS = ['validFor', 'heldFor', 'onOrBefore', 'onOrAfter'] as const

// Slots: 0 the date, 1 the `at` date, 2 the onOrBefore limit, 3 the onOrAfter limit, 4 holds.
export const date: ConditionForm<DateCondition> = {
  key: 'date',
  schema: DateCondition,
  refs(c, r, at) {
    r.fact(c.date, [...at, 'date'], 'a date condition', ['date'])
    if (c.at !== undefined) r.fact(c.at, [...at, 'at'], 'a date condition', ['date'])
  },
  check(c, k, path) {
    if (!TESTS.some((t) => c[t] !== undefined)) k.bad(`The date condition on "${c.date}" tests nothing; add one of ${TESTS.join(', ')}.`, path)
    checkDuration(c.validFor, k, [...path, 'validFor'])
    checkDuration(c.heldFor, k, [...path, 'heldFor'])
  },
  emit(c, g) {
    const record = g.slots(5)
    const d = g.local('d')
    const a = g.local('at')
    const ok = g.local('ok')
    g.line(`const ${d} = ${g.date(c.date)}`)
    g.line(`const ${a} = ${c.at !== undefined ? g.date(c.at) : 'NaN'}`)
    record(0, d)
    record(1, a)
    // validFor and heldFor are measured at `at`, else at the evaluation date, which they need whatever the evidence.
    const t = g.local('t')
    if (c.validFor || c.heldFor) g.line(`const ${t} = ${c.at !== undefined ? a : g.asOf(`${c.date} ${c.validFor ? 'validFor' : 'heldFor'}`)}`)
    g.line(`let ${ok} = ${d} === ${d}`)
    const add = g.helper('addDuration')
    if (c.validFor) g.line(`if (${ok}) ${ok} = ${t} === ${t} && ${t} < ${add}(${d}, ${durationArgs(c.validFor, g)}, 1)`)
    if (c.heldFor) g.line(`if (${ok}) ${ok} = ${t} === ${t} && ${add}(${d}, ${durationArgs(c.heldFor, g)}, 1) <= ${t}`)
    if (c.onOrBefore !== undefined) {
      const lim = g.local('lim')
      g.line(`const ${lim} = ${g.day(c.onOrBefore)}`)
      record(2, lim)
      g.line(`if (${ok}) ${ok} = ${lim} === ${lim} && ${d} <= ${lim}`)
    }
    if (c.onOrAfter !== undefined) {
      const lim = g.local('lim')
      g.line(`const ${lim} = ${g.day(c.onOrAfter)}`)
      record(3, lim)
      g.line(`if (${ok}) ${ok} = ${lim} === ${lim} && ${d} >= ${lim}`)
    }
    record(4, `${ok} ? 1 : 0`)
    return ok
  },
  explain(c, v) {
    const d = v.slot(0)
    const known = d === d
    const parts: string[] = []
    const num = (x: { param: string }) => v.num(x)
    if (c.validFor && known) parts.push(`valid until ${formatDay(addDuration(d, durationOf(c.validFor, num)) - 1)} (${durationText(durationOf(c.validFor, num))})`)
    if (c.heldFor && known) parts.push(`held ${durationText(durationOf(c.heldFor, num))} from ${formatDay(addDuration(d, durationOf(c.heldFor, num)))}`)
    if (c.onOrBefore !== undefined) parts.push(`deadline ${dayText(v.slot(2))}`)
    if (c.onOrAfter !== undefined) parts.push(`not before ${dayText(v.slot(3))}`)
    if (c.validFor || c.heldFor) {
      const t = c.at !== undefined ? v.slot(1) : v.asOf
      if (t !== undefined && t === t) parts.push(`${c.at !== undefined ? `at ${c.at} ` : 'as of '}${formatDay(t)}`)
    }
    return `${c.date} = ${dayText(d)}${parts.length ? ', ' + parts.join(', ') : ''} ${mark(held(v.slot(4)))}`
  },
}
