// Runs the one-semantics property outside vitest and prints the first disagreement's seeds.
import fc from 'fast-check'
import { compileRubric, loadRubricData } from '../src/index'
import { referenceEvaluate } from '../tests/reference/reference'
import { validOptions } from '../tests/support/cases'
import { caseArb } from '../tests/support/random-rubric'
const runs = Number(process.argv[2] ?? 500)
const seed = process.argv[3] ? Number(process.argv[3]) : undefined
let n = 0
const r = fc.check(fc.property(caseArb(), (c) => {
  n++
  const e = compileRubric(loadRubricData(c.rubric).value!).value!
  const options = validOptions(e, c.options)
  const t = e.totals(c.subjects, { ...options, invalid: 'skip' })
  if (!t.ok) throw new Error('totals failed ' + t.diagnostics[0]?.message)
  c.subjects.forEach((s, i) => {
    const k = e.evaluate(s, options)
    const ref = referenceEvaluate(c.rubric, s, options as any)
    const a = k.ok ? k.value.total : 'refused ' + k.diagnostics.find((d) => d.severity === 'error')?.code
    const b = ref.ok ? ref.total : 'refused ' + ref.code
    const tt = t.value.totals[i] ?? 'refused'
    const same = (x: string, y: string) => x === y || (x.startsWith('refused') && y.startsWith('refused'))
    if (!same(a, b) || !same(a, tt)) throw new Error(`${s.id}: evaluate ${a} (${k.ok ? '' : k.diagnostics.find((d) => d.severity === 'error')?.message}) reference ${b} totals ${tt} seeds ${JSON.stringify(c.seeds)}`)
  })
}), { numRuns: runs, ...(seed !== undefined ? { seed } : {}), endOnFailure: true })
console.log(r.failed ? String(r.errorInstance).slice(0, 1500) : `ok ${n}`)
