/** Gates and grades: what the scores lead to (eligibility, grades by threshold and by ranked quota). */
import { z } from 'zod'
import { Doc, Id, Text, Value } from '../model/common'
import { Condition } from './conditions'

/** A prerequisite: a subject that fails it is ineligible whatever its score. */
export const Gate = z
  .object({
    id: Id,
    ...Doc,
    when: Condition.describe('What must hold.'),
    bars: z
      .array(Text)
      .optional()
      .describe('Only these grades are barred when it fails (a veto on 先進); an empty list makes the gate advisory (reported, barring nothing). Without bars, failing makes the subject ineligible for every grade.'),
  })
  .strict()

export const Threshold = z
  .object({
    grade: Text.describe('The grade given.'),
    min: Value.optional().describe('The least total score for it (inclusive). None: any score.'),
    requires: Condition.optional().describe('A further condition for this grade (e.g. held the lower level a year).'),
    source: Doc.source,
    note: Doc.note,
  })
  .strict()

export const RankedQuota = z
  .object({
    grade: Text,
    count: z
      .union([z.number().int().min(0), z.object({ min: z.number().int().min(0), max: z.number().int().min(0) }).strict()])
      .describe('How many subjects get the grade: a number, or a range {min, max} (優秀 2–3).'),
    take: z.enum(['max', 'min']).optional().describe('With a range: give up to max (default) or only min.'),
    minScore: Value.optional().describe('The least total score for the grade, whatever the rank.'),
    ties: z
      .enum(['within-range', 'include', 'exclude'])
      .optional()
      .describe('Subjects tied at the boundary: within-range (default) = all of them if that stays within the range, else none if that still reaches min, else all; include = always all; exclude = never the tied group.'),
    source: Doc.source,
    note: Doc.note,
  })
  .strict()

export const Grades = z
  .object({
    order: z.array(Text).min(1).describe('Every grade, best first.'),
    quotas: z.array(RankedQuota).optional().describe('Ranked quotas over a cohort, applied best grade first.'),
    thresholds: z.array(Threshold).optional().describe('For the rest: the first whose min and requires hold.'),
    ineligible: Text.optional().describe('The grade of a subject that fails a gate (default: none).'),
    source: Doc.source,
    note: Doc.note,
  })
  .strict()

export type Gate = z.infer<typeof Gate>
export type Threshold = z.infer<typeof Threshold>
export type RankedQuota = z.infer<typeof RankedQuota>
export type Grades = z.infer<typeof Grades>
