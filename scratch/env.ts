import { makeSubjects } from '../bench/xuzhou-data'
import { hasControl } from '../src/limits'
const N = 100000
const subjects = makeSubjects(N) as any[]
function bench(label: string, fn: (s: any) => boolean) {
  let c = 0
  for (const s of subjects) if (fn(s)) c++
  const t0 = process.hrtime.bigint()
  for (let r = 0; r < 5; r++) for (const s of subjects) if (fn(s)) c++
  console.log(label.padEnd(20), (Number(process.hrtime.bigint() - t0) / N / 5).toFixed(0), 'ns', c)
}
bench('proto', (s) => Object.getPrototypeOf(s) === Object.prototype)
bench('forin', (s) => { let n = 0; for (const k in s) n++; return n === 3 })
bench('forin-own', (s) => { let n = 0; for (const k in s) if (Object.prototype.hasOwnProperty.call(s, k)) n++; return n === 3 })
bench('id', (s) => typeof s.id === 'string' && s.id.length > 0 && !hasControl(s.id))
bench('keys', (s) => Object.keys(s).length === 3)
