const N = 100000
for (let round = 0; round < 3; round++) {
  const recs = new Array(N)
  for (let i = 0; i < N; i++) recs[i] = { i, total: i * 1000 }
  const t0 = process.hrtime.bigint()
  const arr = new Array(N)
  for (let i = 0; i < N; i++) {
    const rec = recs[i]
    Object.defineProperty(arr, i, { get() { const v = { id: 's' + rec.i, total: String(rec.total) }; Object.defineProperty(arr, i, { value: v, writable: true, enumerable: true, configurable: true }); return v }, set(v) { Object.defineProperty(arr, i, { value: v, writable: true, enumerable: true, configurable: true }) }, enumerable: true, configurable: true })
  }
  const t1 = process.hrtime.bigint()
  let s = 0
  for (let i = 0; i < N; i++) s += arr[i].total.length
  const t2 = process.hrtime.bigint()
  console.log('define', Number(t1 - t0) / N, 'ns; first access', Number(t2 - t1) / N, 'ns', Array.isArray(arr), arr.length)
}
