import { z } from 'zod'
import { Decimal, Doc, Id, Name, ParamRef, StepRounding, Value } from './common'
import { Condition, Where } from './condition'

const ItemBase = {
  id: Id,
  ...Doc,
  max: Decimal.describe('The most points this item or section can give.'),
  min: Decimal.optional().describe('The least points it can give (default 0).'),
  notApplicable: z
    .enum(['rescale', 'zero'])
    .optional()
    .describe('When evidence marks it 不適用: rescale = drop it and scale its siblings up to the parent\'s maximum; zero = score it 0. Default: the rubric\'s policy.'),
  requires: Condition.optional().describe('A prerequisite of this item alone; when it fails the item scores `otherwise`.'),
  otherwise: Decimal.optional().describe('Points when `requires` fails (default 0).'),
}

export const Check = z
  .object({
    kind: z.literal('check'),
    ...ItemBase,
    fact: Name.optional().describe('A yes/no fact: true gives the points (shorthand for when: {fact, is: true}).'),
    when: Condition.optional().describe('The condition that gives the points.'),
    points: Value.optional().describe('Points when it holds (default max).'),
    else: Value.optional().describe('Points when it does not (default 0).'),
  })
  .strict()
  .describe('Checklist or threshold item: points when a condition holds.')

export const Judged = z
  .object({
    kind: z.literal('judged'),
    ...ItemBase,
    fact: Name.describe('The assessor\'s score for this item.'),
    outOfRange: z.enum(['clamp', 'error']).optional().describe('A score outside [min, max]: clamp into it with a warning (default), or refuse the evidence.'),
  })
  .strict()
  .describe('A score the assessor gives within [min, max].')

export const Deduct = z
  .object({
    kind: z.literal('deduct'),
    ...ItemBase,
    fact: Name.describe('The measured value, e.g. a pass rate.'),
    target: Value.describe('The target; no deduction when it is met.'),
    direction: z.enum(['below', 'above']).optional().describe('Deduct for falling below the target (default) or for rising above it.'),
    step: Value.describe('The size of one step, e.g. 0.01 for one percentage point.'),
    points: Value.describe('Points deducted per step.'),
    rounding: z.union([StepRounding, ParamRef]).describe('How a partial step counts.'),
    from: Value.optional().describe('Points before deduction (default max).'),
    floor: Value.optional().describe('The score never goes below this (扣完為止 → 0).'),
  })
  .strict()
  .describe('Per-step deduction from a target.')

export const Band = z
  .object({
    from: Value.optional().describe('Lower edge (none: unbounded).'),
    to: Value.optional().describe('Upper edge (none: unbounded).'),
    edges: z.enum(['[)', '[]', '(]', '()']).optional().describe('Which edges belong to the band: [ included, ( excluded. Default "[)".'),
    points: Value.optional().describe('Fixed points in this band.'),
    times: Value.optional().describe('Points × the measured value (a coefficient).'),
    title: z.string().optional(),
  })
  .strict()

export const Bands = z
  .object({
    kind: z.literal('bands'),
    ...ItemBase,
    fact: Name.describe('The measured value.'),
    bands: z.array(Band).min(1),
  })
  .strict()
  .describe('Coefficient bands: the band the value falls in gives fixed points or points × the value.')

export const PointsBy = z
  .object({
    by: Name.describe('The record field whose value selects the points.'),
    values: z.record(z.string(), Value).describe('Points per value of that field.'),
  })
  .strict()

export const Count = z
  .object({
    kind: z.literal('count'),
    ...ItemBase,
    records: Name.optional().describe('The records counted.'),
    where: Where.optional(),
    fact: Name.optional().describe('Or an integer fact that is already a count.'),
    points: z.union([Value, PointsBy]).describe('Points per record (or per unit of the fact).'),
    dedupe: z.boolean().optional().describe('Count a piece (the record type\'s key) once, at its highest points.'),
    cap: Value.optional().describe('The most this item gives (default max).'),
  })
  .strict()
  .describe('Counted records × points, with a cap (also bonus points).')

export const Deduction = z
  .object({
    id: Id,
    ...Doc,
    fact: Name.optional().describe('An integer fact counting the faults.'),
    records: Name.optional().describe('Or records counted as faults.'),
    where: Where.optional(),
    points: Value.describe('Points deducted per fault.'),
    cap: Value.optional().describe('The most this deduction takes.'),
  })
  .strict()

export const Deductions = z
  .object({
    kind: z.literal('deductions'),
    ...ItemBase,
    base: Value.optional().describe('The base score deductions start from (default max).'),
    deductions: z.array(Deduction).min(1),
    floor: Value.optional().describe('The score never goes below this.'),
  })
  .strict()
  .describe('Base score minus deductions.')

export const Term = z
  .object({
    fact: Name.describe('A score fact (another rubric\'s result) or a number.'),
    weight: Value.describe('Its weight, e.g. 0.2.'),
    combine: z.enum(['sum', 'mean', 'min', 'max']).optional().describe('How a list of results is combined first (default mean).'),
    title: z.string().optional(),
  })
  .strict()

export const Weighted = z
  .object({ kind: z.literal('weighted'), ...ItemBase, terms: z.array(Term).min(1) })
  .strict()
  .describe('Composition: other results, each × its weight, added.')

export const QuotaItem = z
  .object({
    kind: z.literal('quota'),
    ...ItemBase,
    quota: Id.describe('A quota declared under quotas.'),
    points: Value.describe('Points deducted per unit of shortfall.'),
    floor: Value.optional(),
  })
  .strict()
  .describe('Points from max minus a per-unit deduction for a quota shortfall.')

export type Section = z.infer<typeof SectionBase> & { items: Item[] }
const SectionBase = z.object({
  kind: z.literal('section'),
  ...ItemBase,
  cap: z.boolean().optional().describe('Children may add up to more than max; the sum is capped at max (a bonus section).'),
})

export const Section: z.ZodType<Section> = SectionBase.extend({
  get items() {
    return z.array(Item).min(1)
  },
})
  .strict()
  .describe('A section: its score is the sum of its items.') as unknown as z.ZodType<Section>

export type Item =
  | Section
  | z.infer<typeof Check>
  | z.infer<typeof Judged>
  | z.infer<typeof Deduct>
  | z.infer<typeof Bands>
  | z.infer<typeof Count>
  | z.infer<typeof Deductions>
  | z.infer<typeof Weighted>
  | z.infer<typeof QuotaItem>

export const Item: z.ZodType<Item> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    Section as unknown as typeof SectionBase,
    Check,
    Judged,
    Deduct,
    Bands,
    Count,
    Deductions,
    Weighted,
    QuotaItem,
  ]),
) as unknown as z.ZodType<Item>

export type Check = z.infer<typeof Check>
export type Judged = z.infer<typeof Judged>
export type Deduct = z.infer<typeof Deduct>
export type Band = z.infer<typeof Band>
export type Bands = z.infer<typeof Bands>
export type Count = z.infer<typeof Count>
export type Deductions = z.infer<typeof Deductions>
export type Weighted = z.infer<typeof Weighted>
export type QuotaItem = z.infer<typeof QuotaItem>
export type Leaf = Exclude<Item, Section>
