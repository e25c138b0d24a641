import { z } from 'zod'
import { DateValue, Duration, Id, Name, Value } from './common'

/** A record filter: each named field must equal the value, or one of the listed values. */
export const Where = z
  .record(Name, z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))]))
  .describe('Only records whose fields equal these values (a list means any of them).')

const Compare = {
  atLeast: Value.optional().describe('≥ this value.'),
  atMost: Value.optional().describe('≤ this value.'),
  above: Value.optional().describe('> this value.'),
  below: Value.optional().describe('< this value.'),
}

export const FactCondition = z
  .object({
    fact: Name.describe('The fact compared.'),
    is: z.union([z.boolean(), z.string(), z.number()]).optional().describe('Equal to this value.'),
    in: z.array(z.union([z.string(), z.number()])).min(1).optional().describe('Equal to one of these values.'),
    between: z.tuple([Value, Value]).optional().describe('Within [low, high], both included.'),
    ...Compare,
  })
  .strict()

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

export const QuotaCondition = z
  .object({ quota: Id.describe('A quota declared under quotas.'), met: z.boolean() })
  .strict()

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

export const SpanCondition = z
  .object({
    span: z.tuple([Name, Name]).describe('Two date facts: start and end.'),
    atLeast: Duration.optional(),
    atMost: Duration.optional(),
    ends: z.enum(['inclusive', 'exclusive']).optional().describe('inclusive (default): both end days count, so 1–7 March is 7 days; exclusive: end − start.'),
  })
  .strict()

export const OrderCondition = z
  .object({ order: z.array(Name).min(2).describe('Date facts that must not go backwards (申報 → 預檢 → 公示 → 評審 → 審批).') })
  .strict()

export const ScoreCondition = z
  .object({ score: z.union([z.literal('total'), Id]).describe('"total" or an item id.'), ...Compare })
  .strict()

export type Condition =
  | z.infer<typeof FactCondition>
  | z.infer<typeof CountCondition>
  | z.infer<typeof QuotaCondition>
  | z.infer<typeof DateCondition>
  | z.infer<typeof SpanCondition>
  | z.infer<typeof OrderCondition>
  | z.infer<typeof ScoreCondition>
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    FactCondition,
    CountCondition,
    QuotaCondition,
    DateCondition,
    SpanCondition,
    OrderCondition,
    ScoreCondition,
    z.object({ all: z.array(Condition).min(1) }).strict(),
    z.object({ any: z.array(Condition).min(1) }).strict(),
    z.object({ not: Condition }).strict(),
  ]),
).meta({ id: 'Condition', description: 'A condition on the evidence.' })
