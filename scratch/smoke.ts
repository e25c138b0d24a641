import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { compileRubric, loadRubric } from '../src/index'
for (const id of ['xuzhou-statistics-2017', 'bozhou-safety-2009', 'linxi-learning-org', 'xiangdong-civil-affairs-publicity', 'hubei-archives-2011', 'bozhou-county-target-2009']) {
  const loaded = loadRubric(readFileSync(`/work/main/rubrics/${id}.yaml`, 'utf8'))
  if (!loaded.ok) { console.log(id, loaded.diagnostics.slice(0, 3)); continue }
  const c = compileRubric(loaded.value)
  if (!c.ok) { console.log(id, c.diagnostics); continue }
  const ev = parse(readFileSync(`/work/main/examples/${id}/evidence.yaml`, 'utf8'))
  const expected = JSON.parse(readFileSync(`/work/main/examples/${id}/expected.json`, 'utf8'))
  const r = c.value.evaluateCohort(ev)
  if (!r.ok) { console.log(id, 'FAIL', r.diagnostics.slice(0, 3)); continue }
  const got = Object.fromEntries(r.value.subjects.map((s) => [s.subject.id, s.total]))
  const exp = expected.subjects ? Object.fromEntries(expected.subjects.map((s: any) => [s.subject?.id ?? s.id, s.total])) : expected
  console.log(id, JSON.stringify(got), JSON.stringify(exp).slice(0, 300))
}
