import { readFileSync } from 'node:fs'
import { compileRubric, loadRubric } from '../src/index'
import { programOf } from '../src/api/evaluator'
import { openCall, resolveWindow } from '../src/evaluate/run'
import { quickEnvelope } from '../src/evaluate/envelope'
import { DEFAULT_LIMITS } from '../src/limits'
import { makeSubjects } from '../bench/xuzhou-data'
const ev = compileRubric(loadRubric(readFileSync('rubrics/xuzhou-statistics-2017.yaml', 'utf8')).value!).value!
const program = programOf(ev)!
const call = openCall(program, program.defaults, resolveWindow(program, {}).value!, DEFAULT_LIMITS, undefined)
const st = call.st
const N = 100000
const subjects = makeSubjects(N) as any[]
const m = program.module
function time(label: string, fn: (s: any) => void) {
  for (const s of subjects) fn(s)
  const t0 = process.hrtime.bigint()
  for (let r = 0; r < 5; r++) for (const s of subjects) fn(s)
  console.log(label.padEnd(20), (Number(process.hrtime.bigint() - t0) / N / 5).toFixed(0), 'ns')
}
time('envelope', (s) => quickEnvelope(s, 10000, program.layout.index))
time('facts', (s) => m.readFacts(st, s.facts, true))
time('records', (s) => m.readRecords(st, s.records))
time('score', (s) => { m.readFacts(st, s.facts, true); m.readRecords(st, s.records); m.score(st) })
time('totals/1', (s) => ev.totals([s]))
time('empty', (s) => s.id)
let sum = 0
const t0 = process.hrtime.bigint()
for (let r = 0; r < 5; r++) for (const s of subjects) { if (quickEnvelope(s, 10000, program.layout.index)) sum++ }
console.log('inline envelope', Number(process.hrtime.bigint() - t0) / N / 5)
