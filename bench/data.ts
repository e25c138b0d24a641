/**
 * A deterministic, realistic cohort for the Xuzhou 2017 rubric (rubrics/xuzhou-statistics-2017.yaml), as kaoping takes
 * subject evidence: { id, facts, records: { innovations }, notApplicable? }.
 *
 * Realistic means the evidence is not all clean. Per subject, independently (rates are approximate):
 * -  8 %: one judged score (materials, ledger, achievements, …) is MISSING. Those facts are required (`missing: error`),
 *         so the subject must be refused (every implementation answers null).
 * - 15 %: one judged score is OUT OF RANGE (0, or max + 1): the judged item clamps it into [min, max].
 * - 20 %: the bureau has no development zone: `notApplicable: ['dev-zone-acceptance']`, devZonePassRate omitted
 *         (section (一) is rescaled over 47).
 * -  5 %: devZonePassRate omitted WITHOUT marking the item 不適用 (`required: false`: it counts as 0).
 * - rates have 3 or 4 decimal places; about 12 % of them sit exactly on a boundary of the rubric (0.90, 0.95, 0.5,
 *   0.40, 1, …) and about 15 % are written as decimal strings ("0.8750"). Rates stay within [0, 1].
 * - 0–6 innovation records: about 30 % of the records after the first repeat an earlier title with another kind
 *   (dedupe keeps the highest points), and about 10 % are dated outside 2017 (not counted).
 *
 * The generator is a 32-bit linear congruential generator (no Math.random): the same (n, seed) gives the same cohort.
 */

export type InnovationKind = 'innovation' | 'national-adoption' | 'provincial-adoption'

export interface Innovation {
  title: string
  kind: InnovationKind
  date: string
}

export type FactValue = number | string | boolean

export interface Subject {
  id: string
  facts: Record<string, FactValue>
  records: { innovations: Innovation[] }
  notApplicable?: string[]
}

/** The judged items of 三(二): fact, min, max (the rubric's ranges). */
export const JUDGED: readonly { readonly fact: string; readonly min: number; readonly max: number }[] = [
  { fact: 'materials', min: 1, max: 3 },
  { fact: 'ledger', min: 1, max: 3 },
  { fact: 'achievements', min: 1, max: 15 },
  { fact: 'countyApplications', min: 1, max: 4 },
  { fact: 'enterpriseAcceptance', min: 1, max: 5 },
  { fact: 'workInformation', min: 1, max: 5 },
  { fact: 'classifiedGuidance', min: 1, max: 5 },
  { fact: 'lookBack', min: 1, max: 3 },
  { fact: 'provincialShowcase', min: 1, max: 3 },
  { fact: 'regulationMeasures', min: 1, max: 4 },
]

/** Every fact the rubric requires (all but devZonePassRate, which is `required: false`). */
export const REQUIRED_FACTS: readonly string[] = [
  'countyStandardised',
  'provincialDemonstration',
  'townshipPassRate',
  'townshipSamplingRatio',
  'onlineQualifiedRate',
  'villageQualifiedRate',
  'chiefStatisticianRate',
  'virtualSurveyTeam',
  ...JUDGED.map((j) => j.fact),
]

/** A 32-bit LCG (Numerical Recipes constants); returns [0, 1) from the high bits. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 4294967296
  }
}

const PHRASES = [
  '鄉鎮統計站「六位一體」規範化建設巡查制度',
  '村級統計員業務微課堂',
  '企業統計臺賬電子化',
  '首席統計員制度全覆蓋',
  '統計執法與規範化建設聯動機制',
  '鎮村統計網格化管理',
  '統計文化示範站建設',
  '落實《江蘇省統計條例》調研分析',
  '基層統計人員培訓體系',
  '鄉鎮統計站標準化檔案管理',
  '聯網直報企業分類指導',
  '「回頭看」整改閉環做法',
]

const KINDS: readonly InnovationKind[] = ['innovation', 'national-adoption', 'provincial-adoption']

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n))

/** Days in each month of a non-leap year (2016 is a leap year: February gets 29 there). */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export function makeCohort(n: number, seed = 2017): Subject[] {
  const rnd = lcg(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!

  /** A rate with 3 or 4 decimal places in [lo, hi] (or one of `edges`, about 12 % of the time); 15 % as a string. */
  const rate = (lo: number, hi: number, edges: readonly number[]): number | string => {
    let places = rnd() < 0.5 ? 3 : 4
    let v: number
    if (rnd() < 0.12) {
      v = pick(edges)
      // written with its own places or padded: "0.9", "0.90", "0.900"; 0.875 keeps at least its 3
      places = Math.max((String(v).split('.')[1] ?? '').length, 1 + Math.floor(rnd() * 4))
    } else {
      const scale = places === 3 ? 1000 : 10000
      const k = Math.round(lo * scale) + Math.floor(rnd() * (Math.round((hi - lo) * scale) + 1))
      v = k / scale // the double nearest the decimal k / 10^places
    }
    return rnd() < 0.15 ? v.toFixed(places) : v
  }

  const kind = (): InnovationKind => {
    const u = rnd()
    return u < 0.45 ? 'innovation' : u < 0.8 ? 'provincial-adoption' : 'national-adoption'
  }

  const date = (): string => {
    const u = rnd()
    if (u < 0.1) {
      // outside 2017: the days next to the span are the likeliest mistakes
      const v = rnd()
      if (v < 0.3) return '2016-12-31'
      if (v < 0.6) return '2018-01-01'
      const year = v < 0.8 ? 2016 : 2018
      const m = 1 + Math.floor(rnd() * 12)
      const days = m === 2 && year === 2016 ? 29 : MONTH_DAYS[m - 1]!
      return `${year}-${pad2(m)}-${pad2(1 + Math.floor(rnd() * days))}`
    }
    if (u < 0.13) return rnd() < 0.5 ? '2017-01-01' : '2017-12-31'
    const m = 1 + Math.floor(rnd() * 12)
    return `2017-${pad2(m)}-${pad2(1 + Math.floor(rnd() * MONTH_DAYS[m - 1]!))}`
  }

  /** A judged score: mostly high (bureaus rarely get the minimum), a few halves (2.5). */
  const judged = (min: number, max: number): number => {
    const u = Math.sqrt(rnd()) // skewed toward max
    const v = min + Math.floor(u * (max - min + 1))
    const whole = v > max ? max : v
    return whole < max && rnd() < 0.1 ? whole + 0.5 : whole
  }

  const out: Subject[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const id = `xz${String(i + 1).padStart(6, '0')}`
    const facts: Record<string, FactValue> = {
      countyStandardised: rnd() < 0.88,
      provincialDemonstration: rnd() < 0.45,
      townshipPassRate: rate(0.78, 1, [0.9, 0.88, 0.875, 0.8, 1]),
      townshipSamplingRatio: rate(0.2, 0.6, [0.3, 0.29]),
      devZonePassRate: rnd() < 0.65 ? 1 : rate(0.85, 1, [1, 0.99]),
      onlineQualifiedRate: rate(0.85, 1, [0.95, 0.9499]),
      villageQualifiedRate: rate(0.3, 0.95, [0.5, 0.4999]),
      chiefStatisticianRate: rnd() < 0.3 ? 1 : rate(0.2, 1, [0.4, 0.405, 0.41, 0.999, 1, 0.3999]),
      virtualSurveyTeam: rnd() < 0.8,
    }
    for (const j of JUDGED) facts[j.fact] = judged(j.min, j.max)

    if (rnd() < 0.15) {
      const j = pick(JUDGED)
      facts[j.fact] = rnd() < 0.5 ? 0 : j.max + 1
    }
    const missingFact = rnd() < 0.08 ? pick(JUDGED).fact : undefined
    const na = rnd()
    const omitDevZone = na < 0.25 // 不適用 (< 0.20) or simply not given
    // Built key by key, never with `delete` (which would leave V8 dictionary-mode objects that no parsed evidence has):
    // the subject looks like what JSON.parse gives for the evidence file.
    const given: Record<string, FactValue> = {}
    for (const k in facts) if (k !== missingFact && !(omitDevZone && k === 'devZonePassRate')) given[k] = facts[k]!
    const s: Subject = na < 0.2 ? { id, facts: given, records: { innovations: [] }, notApplicable: ['dev-zone-acceptance'] } : { id, facts: given, records: { innovations: [] } }

    const count = Math.floor(rnd() * 7) // 0–6
    const rows = s.records.innovations
    for (let k = 0; k < count; k++) {
      if (k > 0 && rnd() < 0.3) {
        // the same piece again, adopted elsewhere: another kind (dedupe keeps the highest points)
        const prev = rows[Math.floor(rnd() * rows.length)]!
        const others = KINDS.filter((x) => x !== prev.kind)
        rows.push({ title: prev.title, kind: pick(others), date: date() })
      } else rows.push({ title: `${pick(PHRASES)}(${id}-${k + 1})`, kind: kind(), date: date() })
    }
    out[i] = s
  }
  return out
}

/** Counts of what the cohort holds (printed by the bench, so a reader can see the mix is realistic). */
export function describeCohort(subjects: readonly Subject[]): Record<string, number> {
  let missing = 0
  let outOfRange = 0
  let na = 0
  let devMissing = 0
  let stringRates = 0
  let rates = 0
  let records = 0
  let duplicates = 0
  let outside = 0
  for (const s of subjects) {
    const f = s.facts
    if (JUDGED.some((j) => f[j.fact] === undefined)) missing++
    if (JUDGED.some((j) => typeof f[j.fact] === 'number' && ((f[j.fact] as number) < j.min || (f[j.fact] as number) > j.max))) outOfRange++
    if (s.notApplicable?.includes('dev-zone-acceptance')) na++
    else if (f.devZonePassRate === undefined) devMissing++
    for (const k of ['townshipPassRate', 'townshipSamplingRatio', 'devZonePassRate', 'onlineQualifiedRate', 'villageQualifiedRate', 'chiefStatisticianRate']) {
      if (f[k] === undefined) continue
      rates++
      if (typeof f[k] === 'string') stringRates++
    }
    const seen = new Set<string>()
    for (const r of s.records.innovations) {
      records++
      if (seen.has(r.title)) duplicates++
      seen.add(r.title)
      if (r.date < '2017-01-01' || r.date > '2017-12-31') outside++
    }
  }
  return { subjects: subjects.length, missing, outOfRange, na, devMissing, rates, stringRates, records, duplicates, outside }
}
