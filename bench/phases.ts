/**
 * Where kaoping's time goes on the bench cohort: each step of `totals()` timed alone over the subjects it scores (the
 * compiled reader of the facts, of the records, the compiled scorer, the envelope check) and the refusal path over
 * the subjects it refuses, then a full result and the ranking. The fastest of a few runs each (the least disturbed by
 * other work on the machine). Reaches into the engine's internals (src/evaluate/run.ts), unlike bench/kaoping.ts.
 */
import { programOf } from '../src/api/evaluator'
import type { Evaluator } from '../src/index'
import { closeCall, diagnose, openCall, resolveWindow, resultOf, totalOf } from '../src/evaluate/run'
import { quickEnvelope } from '../src/evaluate/envelope'
import { DEFAULT_LIMITS } from '../src/limits'
import type { Subject } from './data'

export interface Phase {
  step: string
  subjects: number
  /** Nanoseconds per subject of the step's subjects. */
  ns: number
  /** Nanoseconds per subject of the whole cohort (ns × subjects ÷ n): what the step adds to `totals()`. */
  share: number
}

export function phases(evaluator: Evaluator, subjects: readonly Subject[], rounds = 7): Phase[] {
  const program = programOf(evaluator)!
  const window = resolveWindow(program, {}, DEFAULT_LIMITS)
  if (!window.ok) throw new Error(window.diagnostics[0]?.message)
  const call = openCall(program, program.defaults, window.value, DEFAULT_LIMITS, undefined)
  try {
    const st = call.st
    const m = program.module
    const scored = subjects.filter((s, i) => typeof totalOf(call, s, i) === 'string')
    const refused = subjects.filter((s, i) => typeof totalOf(call, s, i) !== 'string')
    const n = subjects.length
    const out: Phase[] = []
    const time = (step: string, list: readonly Subject[], fn: (s: Subject, i: number) => unknown) => {
      let best = Infinity
      for (let r = 0; r < rounds; r++) {
        const t0 = process.hrtime.bigint()
        for (let i = 0; i < list.length; i++) fn(list[i]!, i)
        best = Math.min(best, Number(process.hrtime.bigint() - t0))
      }
      const ns = list.length ? best / list.length : 0
      out.push({ step, subjects: list.length, ns, share: (ns * list.length) / n })
    }
    time('envelope check (id, name, 不適用 list)', scored, (s) => quickEnvelope(s, DEFAULT_LIMITS.maxStringLength, program.layout.index))
    time('facts read and checked (generated)', scored, (s) => m.readFacts(st, s.facts, true))
    time('records read and checked (generated)', scored, (s) => m.readRecords(st, s.records))
    time('facts + records + scoring (generated)', scored, (s) => {
      m.readFacts(st, s.facts, true)
      m.readRecords(st, s.records)
      st.NA = null
      m.score(st)
    })
    time('a scored subject, whole (totalOf)', scored, (s, i) => totalOf(call, s, i))
    time('a refused subject, whole, with its diagnostics', refused, (s, i) => totalOf(call, s, i))
    time('… of which telling why (diagnose)', refused, (s, i) => diagnose(call, s, i))
    time('a full result with trails recorded (resultOf)', scored, (s, i) => resultOf(call, s, i, true))
    return out
  } finally {
    closeCall(call)
  }
}
