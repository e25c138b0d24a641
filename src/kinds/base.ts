/** The fields every item has, whatever its kind. */
import { z } from 'zod'
import { Decimal, Doc, Id, Value } from '../model/common'
import { Condition } from './conditions'

export const ItemBase = {
  id: Id,
  ...Doc,
  max: Value.describe('The most points this item or section can give (its 分值); or a number parameter, for a score sheet whose points are set per round.'),
  min: Decimal.optional().describe('The least points it can give (default 0).'),
  bonus: Decimal.optional().describe('Points it may give beyond max (另加分, 最多加N分): kept within [min, max + bonus]; max stays its 分值, which sums and 不適用 use. A section without bonus passes on the bonus of its items.'),
  notApplicable: z
    .enum(['rescale', 'zero'])
    .optional()
    .describe("When evidence marks it 不適用: rescale = drop it and scale its siblings up to the parent's maximum; zero = score it 0. Default: the rubric's policy."),
  requires: Condition.optional().describe('A prerequisite of this item alone; when it fails the item scores `otherwise`.'),
  otherwise: Decimal.optional().describe('Points when `requires` fails (default 0).'),
}

/** What every item has, as the stages read it. */
export interface ItemCommon {
  kind: string
  id: string
  title: string
  source?: string
  note?: string
  max: number | string | { param: string }
  min?: number | string
  bonus?: number | string
  notApplicable?: 'rescale' | 'zero'
  requires?: Condition
  otherwise?: number | string
}
