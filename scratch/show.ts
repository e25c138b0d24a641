import { buildCase } from '../tests/support/random-rubric'
const seeds = JSON.parse(process.argv[2]!)
const c = buildCase(seeds.rubric, seeds.options, seeds.subjects)
const r = c.rubric as any
console.log(JSON.stringify({ period: r.period, rollup: r.rollup, options: c.options, missing: r.missing, na: r.notApplicable }))
if (process.argv[3]) console.log(JSON.stringify(c.rubric, null, 1).slice(0, Number(process.argv[3])))
