import { readFileSync } from 'node:fs'
import { compileRubric, loadRubric } from '../src/index'
import { makeSubjects } from '../bench/xuzhou-data'
const N = 100000
const subjects = makeSubjects(N)
const ev = compileRubric(loadRubric(readFileSync('rubrics/xuzhou-statistics-2017.yaml', 'utf8')).value!).value!
const mode = process.argv[2]
for (let r = 0; r < 10; r++) {
  if (mode === 'cohort') ev.evaluateCohort({ subjects: subjects.slice(0, 5000) })
  else ev.totals(subjects)
}
