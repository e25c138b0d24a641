import { readFileSync } from 'node:fs'
import { compileRubric, loadRubric } from '../src/index'
import { makeSubjects } from '../bench/xuzhou-data'
const ev = compileRubric(loadRubric(readFileSync('rubrics/xuzhou-statistics-2017.yaml', 'utf8')).value!).value!
const subjects = makeSubjects(20000)
for (let i = 0; i < 3; i++) ev.evaluateCohort({ subjects }, { trail: false })
