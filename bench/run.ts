// Throughput of exact scoring against hand-written float code for the same rubric (npm run bench: bundled, then
// run by node, as a package user would run it; the hand-written loop validates nothing and its results are not exact).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { compileRubric, loadRubric } from '../src/index'
import { handWrittenTotal, makeSubjects } from './xuzhou-data'

const N = Number(process.env.BENCH_N ?? 200_000)
const subjects = makeSubjects(N)
const loaded = loadRubric(readFileSync(join(__dirname, '..', '..', 'rubrics', 'xuzhou-statistics-2017.yaml'), 'utf8'))
if (!loaded.ok) throw new Error('rubric does not load')
const compiled = compileRubric(loaded.value)
if (!compiled.ok) throw new Error('rubric does not compile')
const evaluator = compiled.value

function time(label: string, fn: () => unknown, rounds = 3): number {
  fn() // warm-up
  let best = Infinity
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint()
    fn()
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9)
  }
  const rate = N / best / 1e6
  console.log(`${label.padEnd(44)} ${rate.toFixed(3)} M subjects/s  (${(best * 1e9 / N).toFixed(0)} ns each)`)
  return rate
}

let sink = 0
const hand = time('hand-written float code (reference)', () => {
  for (const s of subjects) sink += handWrittenTotal(s)
})
const fast = time('kaoping totals (exact, validated)', () => {
  const r = evaluator.totals(subjects)
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics[0]))
  sink += r.value.totals.length
})
time('kaoping evaluate, no trail', () => {
  for (const s of subjects) sink += evaluator.evaluate(s, { trail: false }).ok ? 1 : 0
}, 1)
time('kaoping evaluate with trail', () => {
  for (const s of subjects) sink += evaluator.evaluate(s).ok ? 1 : 0
}, 1)
console.log(`exact totals at ${((fast / hand) * 100).toFixed(0)}% of hand-written float speed (goal ≥ 50%)`)
if (sink === 42) console.log('')
