import { readFileSync } from 'node:fs'
import { compileRubric, loadRubric } from '../src/index'
import { makeSubjects } from '../bench/xuzhou-data'
const ev = compileRubric(loadRubric(readFileSync('rubrics/xuzhou-statistics-2017.yaml', 'utf8')).value!).value!
for (const n of [1000, 10000, 40000]) {
  const subjects = makeSubjects(n)
  for (const trail of [false, true]) {
    const t0 = Date.now()
    const r = ev.evaluateCohort({ subjects }, { trail })
    console.log(n, trail, r.ok, ((Date.now() - t0) * 1e6 / n).toFixed(0), 'ns/subject')
  }
}
