import { compileRubric, loadRubricData } from '../src/index'
import { referenceEvaluate } from '../tests/reference/reference'
import { validOptions } from '../tests/support/cases'
import { buildCase } from '../tests/support/random-rubric'
const seeds = JSON.parse(process.argv[2]!)
const c = buildCase(seeds.rubric, seeds.options, seeds.subjects)
const e = compileRubric(loadRubricData(c.rubric).value!).value!
const options = validOptions(e, c.options)
const only = process.argv[3]
console.log('options', JSON.stringify(options))
const find = (items: any[], id: string): any => { for (const it of items) { if (it.id === id) return it; if (it.items) { const f = find(it.items, id); if (f) return f } } }
for (const s of c.subjects) {
  if (only && s.id !== only) continue
  const k = e.evaluate(s, { ...options, trail: true })
  const r = referenceEvaluate(c.rubric, s, options as any)
  console.log('\n##', s.id, k.ok ? k.value.total : k.diagnostics.map((d) => d.code + ' ' + d.message), r.ok ? r.total : r)
  if (!k.ok || !r.ok) continue
  const flat: Record<string, any> = {}
  const walk = (items: any[]) => { for (const it of items) { flat[it.id] = it; if (it.items) walk(it.items) } }
  walk(k.value.items)
  for (const [id, v] of Object.entries(r.items)) {
    if (flat[id]?.score !== v) {
      console.log(' ', id, 'kaoping', flat[id]?.score, 'reference', v, JSON.stringify(flat[id]?.trail))
      const def = find(c.rubric.items as any[], id)
      console.log('   def', JSON.stringify({ ...def, items: def?.items ? '[…]' : undefined }).slice(0, 900))
    }
  }
  if (process.argv[4]) console.log(JSON.stringify(s).slice(0, 3000))
}
