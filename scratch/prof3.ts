import { readFileSync } from 'node:fs'
import { compileRubric, loadRubric } from '../src/index'
import { makeSubjects } from '../bench/xuzhou-data'
const ev = compileRubric(loadRubric(readFileSync('rubrics/xuzhou-statistics-2017.yaml', 'utf8')).value!).value!
const subjects = makeSubjects(100000)
const t0 = Date.now()
for (let i = 0; i < 30; i++) ev.totals(subjects)
console.log((Date.now() - t0) / 30 / 100000 * 1e6, 'ns/subject')
