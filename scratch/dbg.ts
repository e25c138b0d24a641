import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { Rubric } from '../src/kinds/rubric'
import { scanRubric, defOf } from '../src/validate/walk'
import { Condition } from '../src/kinds/conditions'
const r = Rubric.parse(parse(readFileSync('rubrics/hubei-archives-2011.yaml', 'utf8')))
const scan = scanRubric(Rubric, r)
console.log(scan.conditions.length, scan.params.length, scan.decimals.length)
console.log(defOf(Condition).type)
console.log(JSON.stringify(r.gates?.[0]).slice(0, 200))
