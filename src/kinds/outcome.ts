/** Gates and grades: what the scores lead to (eligibility, grades by threshold and by ranked quota). */
import { z } from 'zod'
import { Doc, Id, Name, ParamRef, Text, Value } from '../model/common'
import { divToInteger, mulInt, ONE } from '../num/fixed'
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
      .describe('Only these grades are barred when it fails (a veto on 先進); an empty list makes the gate advisory (reported, barring nothing). Without bars (or lowers), failing makes the subject ineligible for every grade.'),
    lowers: z
      .number()
      .int()
      .min(1)
      .max(20)
      .optional()
      .describe('Failing moves the grade down this many places in grades.order (一票否決降一級: 1); the subject stays eligible.'),
  })
  .strict()

/**
 * A finding: a fact's value or a condition's outcome the method asks to report (the level applied for; an
 * application refused because the lower level was held under a year), written into each result as data.
 */
export const Finding = z
  .object({
    id: Id,
    ...Doc,
    fact: Name.optional().describe('Report the value of this fact.'),
    when: Condition.optional().describe('Or report whether this condition holds (true / false), with its reason.'),
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

/** A count of subjects: a whole number or an integer parameter. */
const Count = z.union([z.number().int().min(0), ParamRef])

export const RankedQuota = z
  .object({
    grade: Text,
    count: z
      .union([Count, z.object({ min: Count, max: Count }).strict()])
      .optional()
      .describe('How many subjects get the grade: a number, or a range {min, max} (優秀 2–3); either may be an integer parameter.'),
    share: Value.optional().describe('Or the share of the subjects ranked (of its group, with groupBy) that get it: 0.2 for 前20%.'),
    shareRounding: z
      .enum(['floor', 'ceil', 'half-up'])
      .optional()
      .describe('How share × the number of subjects becomes a whole number (required with share): 20% of 12 = 2.4 → floor 2, ceil 3.'),
    from: z.enum(['top', 'bottom']).optional().describe('Take the best subjects (top, default) or the worst (bottom: 末位、倒數第一).'),
    ineligible: z
      .enum(['skip', 'keep-place'])
      .optional()
      .describe('A subject that cannot get the grade (ineligible, or barred from it): skip it and give its place to the next (default), or keep its place (it takes up a place and does not get the grade).'),
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
    groupBy: Name.optional().describe('An enum fact: subjects are ranked, and ranked quotas applied, within each of its values apart (州市 and 成員單位).'),
    source: Doc.source,
    note: Doc.note,
  })
  .strict()

export type Gate = z.infer<typeof Gate>
export type Finding = z.infer<typeof Finding>
export type Threshold = z.infer<typeof Threshold>
export type RankedQuota = z.infer<typeof RankedQuota>
export type Grades = z.infer<typeof Grades>

/**
 * How many subjects a ranked quota gives its grade, among `size` subjects ranked: its count (or range), or its share
 * of them rounded as it says. `num` resolves a rubric number (a literal or a parameter) to Fixed.
 */
export function quotaRange(q: RankedQuota, num: (v: unknown) => number, size: number): { min: number; max: number } {
  const whole = (v: number | { param: string }): number => (typeof v === 'number' ? v : Math.floor(num(v) / 1_000_000))
  if (q.share !== undefined) {
    // share × subjects, a Fixed (exact: a share is at most 1), divided exactly into a whole number as the rubric says
    const n = divToInteger(mulInt(num(q.share), size), ONE, q.shareRounding ?? 'floor')
    return { min: n, max: n }
  }
  const c = q.count ?? 0
  if (typeof c === 'object' && 'min' in c) return { min: whole(c.min), max: whole(c.max) }
  const n = whole(c)
  return { min: n, max: n }
}

/** A quota's count in words: "2–3", "1", "20% (floor)". */
export function quotaWords(q: RankedQuota, range: { min: number; max: number }, num: (v: unknown) => number): string {
  const counted = range.min === range.max ? `${range.min}` : `${range.min}–${range.max}`
  if (q.share === undefined) return counted
  const share = num(q.share) / 10_000
  return `${counted} (${Number.isInteger(share) ? share : share.toFixed(4).replace(/0+$/, '')}% of the subjects, ${q.shareRounding ?? 'floor'})`
}
