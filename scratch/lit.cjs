const N = 1e6
function a(rec, i) {
  return { id: 's' + i, total: '1.00', grade: null, rank: 0,
    get items() { const v = [rec]; Object.defineProperty(this, 'items', { value: v, enumerable: true, writable: true, configurable: true }); return v },
    set items(v) { Object.defineProperty(this, 'items', { value: v, enumerable: true, writable: true, configurable: true }) },
    get gates() { const v = [rec]; Object.defineProperty(this, 'gates', { value: v, enumerable: true, writable: true, configurable: true }); return v },
    set gates(v) { Object.defineProperty(this, 'gates', { value: v, enumerable: true, writable: true, configurable: true }) },
    warnings: [] }
}
class B { constructor(rec, i) { this.id = 's' + i; this.total = '1.00'; this.grade = null; this.rank = 0; this.rec = rec; this.warnings = [] } get items() { return [this.rec] } }
function c(rec, i) { return { id: 's' + i, total: '1.00', grade: null, rank: 0, items: undefined, gates: undefined, warnings: [] } }
for (const [name, f] of [['literal getters', a], ['class', (r, i) => new B(r, i)], ['plain', c], ['literal getters', a]]) {
  const out = new Array(N)
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < N; i++) out[i] = f(i, i)
  console.log(name, Number(process.hrtime.bigint() - t0) / N, 'ns')
}
