/**
 * The Xuzhou 2017 rubric with decimal.js: the hand-written logic of hand.ts, exact. A private constructor
 * (`Decimal.clone`), never the global one: 40 significant digits, half-even by default as kaoping's internal steps.
 * Rounding as the rubric language says: band coefficients and the 不適用 rescale to 6 places half-even, the final
 * total to 2 places half-up.
 */
import { Decimal } from 'decimal.js'
import { JUDGED, REQUIRED_FACTS, type Innovation, type Subject } from './data'

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 30 })
type Dec = InstanceType<typeof D>

const ZERO = new D(0)
const ONE = new D(1)
const TARGET = new D('0.90') // 三(一)2 target
const STEP = new D('0.01') // one percentage point
const MIN_SAMPLING = new D('0.30')
const ONLINE = new D('0.95')
const VILLAGE = new D('0.50')
const CHIEF_FROM = new D('0.40')
const FIVE = new D(5)
const TEN = new D(10)
const FIFTY = new D(50)
const FORTY_SEVEN = new D(47)
const JUDGED_D = JUDGED.map((j) => ({ fact: j.fact, min: new D(j.min), max: new D(j.max) }))
const POINTS: Record<string, Dec> = { innovation: new D(2), 'national-adoption': new D(3), 'provincial-adoption': new D(2) }

const dec = (v: unknown): Dec => new D(v as number | string)
const clamp = (v: Dec, lo: Dec, hi: Dec): Dec => (v.lt(lo) ? lo : v.gt(hi) ? hi : v)

export function decimalTotal(s: Subject): string | null {
  const f = s.facts
  for (const k of REQUIRED_FACTS) if (f[k] == null) return null

  // (一)
  let key = new D((f.countyStandardised === true ? 3 : 0) + (f.provincialDemonstration === true ? 7 : 0))
  if (dec(f.townshipSamplingRatio).gte(MIN_SAMPLING)) {
    const gap = TARGET.minus(dec(f.townshipPassRate))
    key = key.plus(gap.lte(ZERO) ? TEN : D.max(ZERO, TEN.minus(gap.div(STEP).ceil())))
  }
  const na = s.notApplicable?.includes('dev-zone-acceptance') ?? false
  if (!na && f.devZonePassRate != null && dec(f.devZonePassRate).gte(ONE)) key = key.plus(3)
  if (dec(f.onlineQualifiedRate).gte(ONLINE)) key = key.plus(7)
  if (dec(f.villageQualifiedRate).gte(VILLAGE)) key = key.plus(10)
  const chief = dec(f.chiefStatisticianRate)
  if (chief.gte(ONE)) key = key.plus(FIVE)
  else if (chief.gte(CHIEF_FROM)) key = key.plus(chief.times(FIVE).toDecimalPlaces(6, D.ROUND_HALF_EVEN))
  if (f.virtualSurveyTeam === true) key = key.plus(5)
  if (na) key = key.times(FIFTY).div(FORTY_SEVEN).toDecimalPlaces(6, D.ROUND_HALF_EVEN)
  key = D.min(FIFTY, key)

  // (二)
  let work = ZERO
  for (const j of JUDGED_D) work = work.plus(clamp(dec(f[j.fact]), j.min, j.max))
  work = D.min(FIFTY, work)

  // (三)
  const total = key.plus(work).plus(innovation(s.records.innovations))
  return total.toFixed(2, D.ROUND_HALF_UP)
}

function innovation(rows: readonly Innovation[]): Dec {
  const best = new Map<string, Dec>()
  for (const r of rows) {
    if (r.date < '2017-01-01' || r.date > '2017-12-31') continue
    const p = POINTS[r.kind]!
    const prev = best.get(r.title)
    if (prev === undefined || p.gt(prev)) best.set(r.title, p)
  }
  let sum = ZERO
  for (const p of best.values()) sum = sum.plus(p)
  return D.min(TEN, sum)
}
