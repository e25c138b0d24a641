import { readFileSync } from 'node:fs'
import { compileRubric, loadRubric } from '../src/index'
import { handWrittenTotal, makeSubjects } from '../bench/xuzhou-data'
const N = 100000
const subjects = makeSubjects(N)
const ev = compileRubric(loadRubric(readFileSync('rubrics/xuzhou-statistics-2017.yaml', 'utf8')).value!).value!
let sink = 0
function time(label: string, fn: () => void) {
  fn()
  const ts: number[] = []
  for (let r = 0; r < 5; r++) { const t0 = process.hrtime.bigint(); fn(); ts.push(Number(process.hrtime.bigint() - t0) / N) }
  ts.sort((a, b) => a - b)
  console.log(label.padEnd(30), ts[2]!.toFixed(0), 'ns/subject')
  return ts[2]!
}
const h = time('hand', () => { for (const s of subjects) sink += handWrittenTotal(s) })
const t = time('totals', () => { const r = ev.totals(subjects); if (!r.ok) throw new Error(JSON.stringify(r.diagnostics[0])); sink += r.value.totals.length })
const c = time('cohort+trail', () => { const r = ev.evaluateCohort({ subjects }); if (!r.ok) throw new Error('x'); sink += r.value.subjects.length })
console.log('ratio totals', (h / t).toFixed(3), 'cohort', (h / c).toFixed(3), sink > 0)
