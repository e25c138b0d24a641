import { readFileSync } from 'node:fs'
import { compileRubric, loadRubric } from '../src/index'
import { programOf } from '../src/api/evaluator'
const ids = new Set<string>()
for (const f of ['bozhou-county-target-2009', 'bozhou-safety-2009', 'hubei-archives-2011', 'linxi-learning-org', 'xiangdong-civil-affairs-publicity', 'xuzhou-statistics-2017'].map((id) => `rubrics/${id}.yaml`).concat(['tests/fixtures/security/injection.yaml'])) {
  const l = loadRubric(readFileSync(f, 'utf8'))
  if (!l.ok) { console.log(f, l.diagnostics[0]); continue }
  const src = programOf(compileRubric(l.value).value!)!.source
  const noStrings = src.replace(/"(?:[^"\\]|\\.)*"/g, '""')
  for (const m of noStrings.matchAll(/[A-Za-z_$][\w$]*/g)) ids.add(m[0].replace(/_\d+$/, '_N'))
}
console.log([...ids].sort().join(' '))
