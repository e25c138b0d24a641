import { z } from 'zod'
import { Decimal, Doc, Id, IsoDate, Name, ParamRef, PeriodUnit, RoundingMode, StepRounding, Text, Value, Where } from './common'

const ParamBase = { ...Doc, title: Doc.title.optional() }

/** A parameter: a documented default that an evaluation may override (`--param k=v`). */
export const Param = z.discriminatedUnion('type', [
  z.object({ type: z.literal('number'), default: Decimal, min: Decimal.optional(), max: Decimal.optional(), ...ParamBase }).strict(),
  z.object({ type: z.literal('rate'), default: Decimal, ...ParamBase }).strict(),
  z.object({ type: z.literal('integer'), default: z.number().int(), min: z.number().int().optional(), max: z.number().int().optional(), ...ParamBase }).strict(),
  z.object({ type: z.literal('boolean'), default: z.boolean(), ...ParamBase }).strict(),
  z.object({ type: z.literal('date'), default: IsoDate, ...ParamBase }).strict(),
  z.object({ type: z.literal('rounding'), default: StepRounding, ...ParamBase }).strict(),
  z.object({ type: z.literal('enum'), values: z.array(z.string().min(1)).min(1), default: z.string(), ...ParamBase }).strict(),
])

const FactBase = {
  ...Doc,
  required: z.boolean().optional().describe('Whether evidence must give this fact (default: the rubric\'s missing policy decides).'),
}

/** A fact: one value the evidence gives about a subject. */
export const Fact = z.discriminatedUnion('type', [
  z.object({ type: z.literal('boolean'), ...FactBase }).strict(),
  z.object({ type: z.literal('rate'), ...FactBase }).strict().describe('A proportion from 0 to 1 (87.5% is written 0.875).'),
  z.object({ type: z.literal('number'), min: Decimal.optional(), max: Decimal.optional(), ...FactBase }).strict(),
  z.object({ type: z.literal('integer'), min: z.number().int().optional(), max: z.number().int().optional(), ...FactBase }).strict(),
  z.object({ type: z.literal('date'), ...FactBase }).strict(),
  z.object({ type: z.literal('enum'), values: z.array(z.string().min(1)).min(1), ...FactBase }).strict(),
  z
    .object({
      type: z.literal('score'),
      rubric: Id.describe('The id of the rubric whose result this is.'),
      max: Decimal.describe('The highest score that rubric gives.'),
      many: z.boolean().optional().describe('Whether the evidence gives a list of such results (e.g. a centre\'s agencies).'),
      ...FactBase,
    })
    .strict()
    .describe("Another rubric's result: a number, or that rubric's evidence when the evaluator is linked to it."),
])

/**
 * A value the rubric computes from facts and parameters (完成率 = 實際完成 ÷ 任務數): named like a fact, read by
 * every construct that reads a numeric fact, never given by the evidence.
 */
export const Computed = z
  .object({
    ...Doc,
    expr: z
      .string()
      .min(1)
      .max(500)
      .describe('The arithmetic: numeric facts, other computed values, numeric parameters and decimals with + - * /, parentheses, min(…), max(…), abs(…).'),
    round: z
      .object({
        places: z.number().int().min(0).max(6).describe('Decimal places kept.'),
        mode: RoundingMode.describe('How the exact value is rounded to those places.'),
      })
      .strict()
      .optional()
      .describe('How the exact value is rounded (required when the expression multiplies or divides).'),
    min: Decimal.optional().describe('The least value it may take; a subject whose value is lower is refused.'),
    max: Decimal.optional().describe('The greatest value it may take; a subject whose value is higher is refused.'),
  })
  .strict()
  .describe('A value computed from facts: exact arithmetic, rounded only as declared.')

export const Field = z.discriminatedUnion('type', [
  z.object({ type: z.literal('string'), title: Text.optional() }).strict(),
  z.object({ type: z.literal('date'), title: Text.optional() }).strict(),
  z.object({ type: z.literal('number'), title: Text.optional() }).strict(),
  z.object({ type: z.literal('integer'), title: Text.optional() }).strict(),
  z.object({ type: z.literal('boolean'), title: Text.optional() }).strict(),
  z.object({ type: z.literal('enum'), values: z.array(z.string().min(1)).min(1), title: Text.optional() }).strict(),
])

/** A kind of dated record the evidence lists (articles submitted, pieces adopted, incidents). */
export const RecordType = z
  .object({
    ...Doc,
    fields: z.record(Name, Field).describe('The fields each record has.'),
    key: Name.optional().describe('The field that identifies one piece across several records (for de-duplication).'),
    date: Name.optional().describe('The date field that places a record in a period.'),
  })
  .strict()

export const Rounding = z
  .object({
    places: z.number().int().min(0).max(6).describe('Decimal places kept in a final score.'),
    mode: RoundingMode.describe('How the final score is rounded to those places.'),
  })
  .strict()

export const Period = z
  .object({
    unit: PeriodUnit.describe('The period one evaluation covers (每季度考評一次 → quarter).'),
    from: IsoDate.optional().describe('First day of the assessed time span.'),
    to: IsoDate.optional().describe('Last day of the assessed time span.'),
  })
  .strict()

export const Rollup = z
  .object({
    from: PeriodUnit.describe('The period the evidence is given for.'),
    to: PeriodUnit.describe('The period the results are combined into.'),
    combine: z
      .union([z.enum(['sum', 'mean', 'min', 'max', 'last']), ParamRef])
      .describe('How the period results are combined; or an enum parameter whose values are among sum, mean, min, max, last.'),
    missing: z.enum(['error', 'skip']).optional().describe('What a missing period means: error (default), or combine those given.'),
    ...Doc,
    title: Doc.title.optional(),
  })
  .strict()

export const SubjectDecl = z
  .object({ id: Id, name: Text, note: Text.optional() })
  .strict()

export const Quota = z
  .object({
    id: Id,
    ...Doc,
    records: Name.describe('The records counted.'),
    where: Where.optional(),
    per: PeriodUnit.optional().describe('Counted per period (each month must reach atLeast); none: over the whole assessed span.'),
    distinct: z
      .union([z.boolean(), ParamRef])
      .optional()
      .describe("Count each piece once (the record type's key), however many records it has; or a boolean parameter."),
    atLeast: Value.describe('The least count for each subject.'),
    overrides: z.record(z.string(), Value).optional().describe('Per-subject quotas by subject id (社救局 ≥ 3).'),
    cohort: z
      .object({ atLeast: Value, title: z.string().optional() })
      .strict()
      .optional()
      .describe('A total the whole cohort must reach together (全局 ≥ 16).'),
  })
  .strict()

export const Reward = z
  .object({
    id: Id,
    ...Doc,
    records: Name.describe('The records rewarded.'),
    where: Where.optional(),
    category: Name.describe('The field whose value selects the amount.'),
    amounts: z.record(z.string(), Value).describe('Yuan per record, by category.'),
    dedupe: z.boolean().optional().describe('A piece adopted several times is rewarded once, at its highest amount (by the record type\'s key).'),
  })
  .strict()

export const Penalty = z
  .object({
    id: Id,
    ...Doc,
    quota: Id.optional().describe('A quota: the amount is charged per unit of shortfall.'),
    fact: Name.optional().describe('Or an integer fact counting the faults.'),
    amount: Value.describe('Yuan per unit.'),
  })
  .strict()

export const Money = z
  .object({
    currency: z.string().optional().describe('Default CNY (元); amounts are exact to the fen.'),
    rewards: z.array(Reward).optional(),
    penalties: z.array(Penalty).optional(),
    note: Doc.note,
  })
  .strict()

export type Param = z.infer<typeof Param>
export type Fact = z.infer<typeof Fact>
export type Field = z.infer<typeof Field>
export type Computed = z.infer<typeof Computed>
export type RecordType = z.infer<typeof RecordType>
export type Rounding = z.infer<typeof Rounding>
export type Rollup = z.infer<typeof Rollup>
export type Quota = z.infer<typeof Quota>
export type Reward = z.infer<typeof Reward>
export type Penalty = z.infer<typeof Penalty>
export type Money = z.infer<typeof Money>
export type Period = z.infer<typeof Period>
export type SubjectDecl = z.infer<typeof SubjectDecl>

/**
 * What the language's constructs read of the rubric around them: its declarations (the rubric type itself is
 * assembled from the constructs, in kinds/rubric.ts). A Rubric is a Declarations.
 */
export interface Declarations {
  readonly id: string
  readonly params?: Readonly<Record<string, Param>>
  readonly facts?: Readonly<Record<string, Fact>>
  readonly computed?: Readonly<Record<string, Computed>>
  readonly records?: Readonly<Record<string, RecordType>>
  readonly quotas?: readonly Quota[]
  readonly missing?: 'error' | 'zero'
  readonly notApplicable?: 'rescale' | 'zero'
  readonly period?: Period
  readonly rollup?: readonly Rollup[]
}
