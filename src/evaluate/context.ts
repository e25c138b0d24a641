import type { Diagnostic } from '../diagnostics/diagnostic'
import { makeDiagnostic, type Code } from '../diagnostics/codes'

export type Row = Readonly<Record<string, unknown>>

/** Everything one evaluation of one subject reads and writes. Built per subject; never shared. */
export interface EvalContext {
  readonly subject: string
  readonly facts: Readonly<Record<string, unknown>>
  readonly records: Readonly<Record<string, readonly Row[] | undefined>>
  /** The evaluation date as a day number, when given. */
  readonly asOf: number | undefined
  /** The assessed span [from, to] as day numbers; records outside it are not counted. */
  readonly from: number | undefined
  readonly to: number | undefined
  readonly warnings: Diagnostic[]
  /** Item scores by node index, filled in post-order (conditions on scores read them). */
  readonly scores: Float64Array
  /** Per-evaluation memo (filtered records, quota outcomes). */
  readonly memo: Map<string, unknown>
  /** Another rubric's evaluator, for score facts given as evidence. */
  readonly linked: LinkedEvaluate | undefined
}

export type LinkedEvaluate = (rubricId: string, evidence: unknown, ctx: EvalContext, fact: string) => number

/** Evidence that cannot be scored. Thrown inside evaluation, caught at its boundary and returned as diagnostics. */
export class EvidenceError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message)
  }
}

export function evidenceError(ctx: EvalContext, code: Code, message: string, path: (string | number)[]): EvidenceError {
  return new EvidenceError(makeDiagnostic(code, message, { subject: ctx.subject, path }))
}

export function warn(ctx: EvalContext, code: Code, message: string, path: (string | number)[]): void {
  ctx.warnings.push(makeDiagnostic(code, message, { subject: ctx.subject, path, severity: 'warning' }))
}
