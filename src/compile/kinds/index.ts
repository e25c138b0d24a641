import type { Leaf } from '../../model/item'
import type { CompileContext } from '../compile-context'
import { compileBands } from './bands'
import { compileCheck } from './check'
import { compileCount } from './count'
import { compileDeduct } from './deduct'
import { compileDeductions } from './deductions'
import { compileJudged } from './judged'
import type { Bounds, KindCompiler, LeafScorer } from './kind'
import { compileQuotaItem } from './quota'
import { compileWeighted } from './weighted'

export type { Explained, LeafScorer } from './kind'

/** The registry of leaf kinds: adding a kind is one file plus one line here. */
const kinds: { [K in Leaf['kind']]: KindCompiler<Extract<Leaf, { kind: K }>> } = {
  check: compileCheck,
  judged: compileJudged,
  deduct: compileDeduct,
  bands: compileBands,
  count: compileCount,
  deductions: compileDeductions,
  weighted: compileWeighted,
  quota: compileQuotaItem,
}

export function compileLeaf(item: Leaf, cc: CompileContext, bounds: Bounds): LeafScorer {
  return (kinds[item.kind] as KindCompiler<Leaf>)(item, cc, bounds)
}
