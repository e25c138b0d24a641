import { z } from 'zod'
import { Decimal, Doc, Id, IsoDate, Name, Text } from '../model/common'
import { Computed, Fact, Money, Param, Period, Quota, RecordType, Rollup, Rounding, SubjectDecl } from '../model/declarations'
import { Item } from './index'
import { Finding, Gate, Grades } from './outcome'

/** The rubric language: one file encodes one assessment method. */
export const Rubric = z
  .object({
    $schema: z.string().optional(),
    kaoping: z.literal(1).describe('The rubric language version.'),
    id: Id.describe('The rubric id, named for issuer and year (xuzhou-statistics-2017).'),
    ...Doc,
    issuer: Text.optional().describe('Who issued the method.'),
    document: Text.optional().describe('The document number (文號).'),
    effective: z
      .object({ from: IsoDate, until: IsoDate.optional() })
      .strict()
      .optional()
      .describe('When this version is in force (from and until, both included).'),
    subjects: z
      .object({ title: Text, list: z.array(SubjectDecl).optional() })
      .strict()
      .optional()
      .describe('Who is assessed; a list fixes the cohort (and lets evidence be checked against it).'),
    period: Period.optional(),
    rollup: z.array(Rollup).optional().describe('How period results combine (quarter → year by mean).'),
    total: Decimal.describe('The most points in all; the top-level items must add up to it.'),
    rounding: Rounding.optional().describe('How the final score is rounded (default 2 places, half-up).'),
    missing: z
      .enum(['error', 'zero'])
      .optional()
      .describe('What a fact missing from the evidence means: error (default), or 0 / false with a warning.'),
    notApplicable: z.enum(['rescale', 'zero']).optional().describe('Default policy for items marked 不適用 (default rescale).'),
    params: z.record(Name, Param).optional(),
    facts: z.record(Name, Fact).optional(),
    computed: z.record(Name, Computed).optional().describe('Values computed from facts (完成率 = 實際完成 ÷ 任務數).'),
    records: z.record(Name, RecordType).optional(),
    quotas: z.array(Quota).optional(),
    gates: z.array(Gate).optional(),
    findings: z.array(Finding).optional().describe('Facts and conditions each result reports as data (申報等級, 申報未獲批准).'),
    items: z.array(Item).describe('The scored items (may be empty for a method that only counts quotas and money).'),
    grades: Grades.optional(),
    money: Money.optional(),
    notes: z.array(z.object({ about: Text, note: Text, source: Text.optional() }).strict()).optional().describe('Ambiguities settled at rubric level.'),
  })
  .strict()

export type Rubric = z.infer<typeof Rubric>

/** The JSON Schema of the rubric language, generated from the zod model (draft-07, for editors and plain ajv). */
export function rubricJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Rubric, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
  return {
    $schema: schema.$schema,
    $id: 'https://kaoping.invalid/schemas/rubric.schema.json',
    title: 'kaoping rubric',
    description: 'A kaoping rubric: one assessment method (考评办法) as data.',
    ...schema,
  }
}
