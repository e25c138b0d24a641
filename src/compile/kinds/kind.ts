import type { Fixed } from '../../num/fixed'
import type { EvalContext } from '../../evaluate/context'
import type { CompileContext } from '../compile-context'

/** How a leaf item's points came about: data, rendered by explain(). */
export interface Explained {
  /** The rule in words, with the rubric's constants filled in. */
  rule: string
  /** The evidence values it read, as exact strings. */
  inputs: Record<string, string>
  /** The arithmetic, step by step, ending in the points before the item's bounds are applied. */
  arithmetic: string
}

/** A compiled leaf: a fast score, and the same computation explained on request. */
export interface LeafScorer {
  score(ctx: EvalContext): Fixed
  explain(ctx: EvalContext): Explained
}

export interface Bounds {
  readonly max: Fixed
  readonly min: Fixed
}

export type KindCompiler<T> = (item: T, cc: CompileContext, bounds: Bounds) => LeafScorer
