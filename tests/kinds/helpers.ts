/** Small helpers for the per-kind unit tests: parse a rubric literal with the zod model, compile, evaluate. */
import { expect } from 'vitest'
import type { Diagnostic, Result } from '../../src/diagnostics/diagnostic'
import { compileRubric, type CompileRubricOptions, type Evaluator } from '../../src/api/evaluator'
import type { CohortResult, ItemResult, SubjectResult } from '../../src/evaluate/result'
import type { EvaluateOptions, SubjectEvidence } from '../../src/api/evaluator'
import { Rubric as RubricSchema } from '../../src/kinds/rubric'

export type { Evaluator }

/** The fields every test rubric shares; spread it into a literal: `{ ...base, total: 10, items: [...] }`. */
export const base = { kaoping: 1, id: 'test-rubric', title: '測試考評' } as const

const show = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.severity} ${d.code}${d.subject ? ` [${d.subject}]` : ''}${d.path ? ` @${d.path.join('.')}` : ''}: ${d.message}`).join('\n')

/** Parses a rubric literal with the zod model (throws on a schema error) and compiles it (throws with the diagnostics). */
export function compileOk(rubric: unknown, opts?: CompileRubricOptions): Evaluator {
  const parsed = RubricSchema.parse(rubric)
  const r = compileRubric(parsed, opts)
  if (!r.ok) throw new Error(`compile failed:\n${show(r.diagnostics)}`)
  return r.value
}

export function unwrapOk<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`evaluation failed:\n${show(r.diagnostics)}`)
  return r.value
}

/** Scores one subject ("s1") from facts (and records); throws with the diagnostics on failure. */
export function scoreOf(evaluator: Evaluator, facts: Record<string, unknown>, records?: Record<string, unknown[]>, opts?: EvaluateOptions): SubjectResult {
  return unwrapOk(evaluator.evaluate({ id: 's1', facts, ...(records ? { records } : {}) }, opts))
}

/** Scores a whole subject's evidence (notApplicable, adjustments, self, periods…); throws on failure. */
export function subjectOk(evaluator: Evaluator, subject: SubjectEvidence | Record<string, unknown>, opts?: EvaluateOptions): SubjectResult {
  return unwrapOk(evaluator.evaluate(subject, opts))
}

/** Evaluates and expects failure; returns the diagnostics. */
export function failureOf(evaluator: Evaluator, subject: unknown, opts?: EvaluateOptions): Diagnostic[] {
  const r = evaluator.evaluate(subject, opts)
  if (r.ok) throw new Error(`expected the evaluation to fail, but it scored ${r.value.total}`)
  return r.diagnostics
}

export function cohortOk(evaluator: Evaluator, subjects: unknown[], opts?: EvaluateOptions): CohortResult {
  return unwrapOk(evaluator.evaluateCohort({ subjects }, opts))
}

/** The item result with this id, anywhere in the tree. */
export function item(result: { items: ItemResult[] }, id: string): ItemResult {
  const walk = (items: ItemResult[] | undefined): ItemResult | undefined => {
    for (const i of items ?? []) {
      if (i.id === id) return i
      const found = walk(i.items)
      if (found) return found
    }
    return undefined
  }
  const found = walk(result.items)
  if (!found) throw new Error(`no item ${id}`)
  return found
}

/** Asserts every decimal string in a result tree is a finite decimal (never "NaN" or "Infinity"). */
export function expectNoNaN(result: SubjectResult): void {
  const dec = /^-?\d+(\.\d+)?$/
  expect(result.total).toMatch(dec)
  expect(result.exactTotal).toMatch(dec)
  const walk = (items: ItemResult[] | undefined) => {
    for (const i of items ?? []) {
      expect(i.score, i.id).toMatch(dec)
      walk(i.items)
    }
  }
  walk(result.items)
  expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/)
}

export const codesOf = (ds: readonly Diagnostic[]) => ds.map((d) => d.code)
