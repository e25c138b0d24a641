import { readFileSync } from 'node:fs'
import { compileRubric, loadRubric } from '../src/index'
import { programOf } from '../src/api/evaluator'
const id = process.argv[2] ?? 'xuzhou-statistics-2017'
console.log(programOf(compileRubric(loadRubric(readFileSync(`rubrics/${id}.yaml`, 'utf8')).value!).value!)!.source)
