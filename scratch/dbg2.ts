import { buildCase } from '../tests/support/random-rubric'
import { compileRubric, loadRubricData } from '../src/index'
import { programOf } from '../src/api/evaluator'
import { openCall, resolveWindow } from '../src/evaluate/run'
import { DEFAULT_LIMITS } from '../src/limits'
const seeds = JSON.parse(process.argv[2]!)
const c = buildCase(seeds.rubric, seeds.options, seeds.subjects)
const e = compileRubric(loadRubricData(c.rubric).value!).value!
const p = programOf(e)!
const s: any = c.subjects.find((x: any) => x.id === process.argv[3])
const call = openCall(p, p.bind(c.options.params).value!, resolveWindow(p, c.options as any).value!, DEFAULT_LIMITS, undefined)
const st = call.st
for (const [key, per] of Object.entries<any>(s.periods ?? { x: {} })) {
  p.module.readFacts(st, { ...s.facts, ...per.facts }, false)
  const recs: any = { ...(s.records ?? {}) }
  for (const [n, rows] of Object.entries<any>(per.records ?? {})) recs[n] = [...(recs[n] ?? []), ...rows]
  p.module.readRecords(st, recs)
  const na = new Uint8Array(p.layout.nodes.length)
  const mark = (i: number) => { na[i] = 1; for (const c of p.layout.nodes[i]!.children) mark(c) }
  for (const id of [...(s.notApplicable ?? []), ...(per.notApplicable ?? [])]) mark(p.layout.index.get(id)!)
  st.NA = na
  st.TR = new Float64Array(p.slots.size).fill(NaN)
  try { p.module.score(st) } catch (x: any) { console.log(key, x.stack.split('\n').slice(0, 6).join('\n')); console.log([...st.S].map((v, i) => p.layout.nodes[i]!.id + '=' + v).join(' ')); break }
}
