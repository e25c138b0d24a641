/**
 * The registry of the language's constructs: every item kind and condition form is one module, listed here once.
 * Adding a kind touches its module, one line below, the docs and its tests. The `Item` schema is the union of the
 * kinds' schemas.
 */
import { z } from 'zod'
import { add, type Add } from './add'
import { bands, type Bands } from './bands'
import { check, type Check } from './check'
import { count, type Count } from './count'
import { deduct, type Deduct } from './deduct'
import { deductions, type Deductions } from './deductions'
import { judged, type Judged } from './judged'
import type { ItemKind } from './kit/spec'
import { quota, type QuotaItem } from './quota'
import { rated, type Rated } from './rated'
import { section, type Section as SectionShape } from './section'
import { weighted, type Weighted } from './weighted'

export type Leaf = Check | Judged | Deduct | Add | Bands | Count | Deductions | Weighted | QuotaItem | Rated
export type Section = Omit<SectionShape, 'items'> & { items: Item[] }
export type Item = Section | Leaf

/** The item kinds, by name. */
export const itemKinds = {
  section: section(() => Item),
  check,
  judged,
  deduct,
  add,
  bands,
  count,
  deductions,
  weighted,
  quota,
  rated,
} satisfies Record<Item['kind'], ItemKind>

export const Item: z.ZodType<Item> = z.lazy(() =>
  z.discriminatedUnion(
    'kind',
    Object.values(itemKinds).map((k) => k.schema) as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]],
  ),
) as unknown as z.ZodType<Item>

/** The definition of an item's kind. */
export const kindOf = (item: { kind: string }): ItemKind => (itemKinds as Record<string, ItemKind>)[item.kind]!


export { conditionForms, formOf, Condition } from './conditions'
export type { Band, Bands } from './bands'
export type { Add, Check, Count, Deduct, Deductions, Judged, QuotaItem, Rated, Weighted }
