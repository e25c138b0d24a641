/**
 * The kaoping side of the benchmark, through the public API only: load + compile the rubric once, then
 * `totals(subjects, { invalid: 'skip' })` (the bulk path: a refused subject's total is null) and
 * `evaluateCohort({ subjects }, { invalid: 'skip', trail: true })` (ranks, grades, and every subject's trail recorded).
 */
import { readFileSync } from 'node:fs'
import { compileRubric, loadRubric, type CohortResult, type Evaluator, type SubjectResult, unwrap } from '../src/index'

/**
 * The parameter values the benchmark scores with. The other implementations (hand.ts, decimal.ts, jsonlogic.ts,
 * rules-engine.ts, zen.ts) encode 三(一)2 as first read: a sampling ratio under 30% scores the spot check 0. The
 * rubric's default now deducts a point per percentage point short (samplingShortfall: deduct); the benchmark sets
 * the former reading so that every implementation scores the same rules. The cost is the same either way: the
 * shortfall is computed for every subject that reaches the item.
 */
export const BENCH_PARAMS = { samplingShortfall: 'zero' }

/** Loads, validates and compiles a rubric file once. Throws with the first diagnostic if it does not load. */
export function loadEvaluator(file: string): Evaluator {
  const text = readFileSync(file, 'utf8')
  return unwrap(compileRubric(unwrap(loadRubric(text, { file }), text), { params: BENCH_PARAMS }), text)
}

/** Every subject's rounded total ("87.50"), or null where kaoping refuses the subject (a missing required fact). */
export function kaopingTotals(evaluator: Evaluator, subjects: readonly unknown[]): (string | null)[] {
  return unwrap(evaluator.totals(subjects, { invalid: 'skip' })).totals
}

export interface CohortRun {
  /** The scored subjects, ranked and graded, each with its trail. */
  readonly result: CohortResult
  /** How many subjects were refused. */
  readonly refused: number
  /** Totals by input position (null = refused), for checking against `totals()`. */
  totalsInOrder(): (string | null)[]
}

/** `evaluateCohort` with trails over a cohort that may hold refused subjects. */
export function kaopingCohort(evaluator: Evaluator, subjects: readonly { id: string }[]): CohortRun {
  const value = unwrap(evaluator.evaluateCohort({ subjects }, { invalid: 'skip', trail: true }))
  return cohortRun(value, value.refused?.length ?? 0, subjects)
}

function cohortRun(result: CohortResult, refused: number, subjects: readonly { id: string }[]): CohortRun {
  return {
    result,
    refused,
    totalsInOrder() {
      const byId = new Map<string, SubjectResult>()
      for (const s of result.subjects) byId.set(s.subject.id, s)
      return subjects.map((s) => byId.get(s.id)?.total ?? null)
    },
  }
}
