/**
 * The Xuzhou 2017 rubric hand-written with plain JS numbers: the speed baseline. It makes the same checks as kaoping
 * (a missing required fact refuses the subject; judged scores are clamped into [min, max]; section (一) is rescaled
 * over the applicable items when 三(一)3 is 不適用; innovations are deduplicated by title at their highest points and
 * counted only when dated in 2017), with the parameters at their defaults, and nothing else (no type checks, no trail).
 *
 * Binary floats, written the way a careful engineer would: every input has at most 6 decimal places and every
 * intermediate result is within 1e-9 of a 6-place decimal, so the two places where a float result is cut — the
 * partial percentage point of 三(一)2 and the final rounding — first snap to whole millionths (Math.round(x × 1e6)).
 * Without that (`handNaiveTotal` below) 0.88 is (0.9 − 0.88) / 0.01 = 2.0000000000000018 points short (ceil: −3, not −2),
 * and 28.665 + 35 + 8, exactly 71.665, adds up to 71.66499999999999 and rounds to 71.66 (kaoping: 71.67).
 */
import { JUDGED, REQUIRED_FACTS, type Innovation, type Subject } from './data'

const NA_DEV_ZONE = 'dev-zone-acceptance'

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v)

/** The rounded total ("87.50"), or null when a required fact is missing. */
export function handTotal(s: Subject): string | null {
  const f = s.facts as Record<string, number | string | boolean | undefined>
  const county = f.countyStandardised
  const demo = f.provincialDemonstration
  const passRaw = f.townshipPassRate
  const samplingRaw = f.townshipSamplingRatio
  const onlineRaw = f.onlineQualifiedRate
  const villageRaw = f.villageQualifiedRate
  const chiefRaw = f.chiefStatisticianRate
  const virtual = f.virtualSurveyTeam
  const materials = f.materials as number | undefined
  const ledger = f.ledger as number | undefined
  const achievements = f.achievements as number | undefined
  const applications = f.countyApplications as number | undefined
  const enterprise = f.enterpriseAcceptance as number | undefined
  const information = f.workInformation as number | undefined
  const guidance = f.classifiedGuidance as number | undefined
  const lookBack = f.lookBack as number | undefined
  const showcase = f.provincialShowcase as number | undefined
  const regulation = f.regulationMeasures as number | undefined
  if (
    county == null || demo == null || passRaw == null || samplingRaw == null || onlineRaw == null || villageRaw == null ||
    chiefRaw == null || virtual == null || materials == null || ledger == null || achievements == null ||
    applications == null || enterprise == null || information == null || guidance == null || lookBack == null ||
    showcase == null || regulation == null
  )
    return null

  // (一) 重點目標考評, max 50
  let key = (county === true ? 3 : 0) + (demo === true ? 7 : 0)
  if (+samplingRaw >= 0.3) {
    const shortMillionths = Math.round((0.9 - +passRaw) * 1e6) // 0.90 − rate, in millionths
    key += shortMillionths <= 0 ? 10 : Math.max(0, 10 - Math.ceil(shortMillionths / 10000)) // −1 per started point
  }
  const na = s.notApplicable !== undefined && s.notApplicable.includes(NA_DEV_ZONE)
  if (!na) {
    const dev = f.devZonePassRate // required: false; missing counts as 0
    if (dev != null && +dev >= 1) key += 3
  }
  if (+onlineRaw >= 0.95) key += 7
  if (+villageRaw >= 0.5) key += 10
  const chief = +chiefRaw
  key += chief >= 1 ? 5 : chief >= 0.4 ? 5 * chief : 0
  if (virtual === true) key += 5
  // × 50 / 47 to 6 places (a quotient by 47 is never a tie at the 7th place, so half-up = half-even here)
  if (na) key = Math.round((key * 50 * 1e6) / 47) / 1e6
  if (key > 50) key = 50

  // (二) 工作環節考評, max 50: judged scores clamped into their ranges
  let work =
    clamp(materials, 1, 3) + clamp(ledger, 1, 3) + clamp(achievements, 1, 15) + clamp(applications, 1, 4) + clamp(enterprise, 1, 5) +
    clamp(information, 1, 5) + clamp(guidance, 1, 5) + clamp(lookBack, 1, 3) + clamp(showcase, 1, 3) + clamp(regulation, 1, 4)
  if (work > 50) work = 50

  // (三) 工作創新創優考評: one piece per title at its highest points, dated in 2017, cap 10
  const bonus = innovationPoints(s.records.innovations)

  // exact to the millionth, then half-up to cents
  const cents = Math.round(Math.round((key + work + bonus) * 1e6) / 1e4)
  const whole = Math.floor(cents / 100)
  const c = cents - whole * 100
  return whole + (c < 10 ? '.0' : '.') + c
}

const points = (kind: string) => (kind === 'national-adoption' ? 3 : 2) // innovation 2, provincial adoption 2

/** In-span records only, one per title at its highest points, capped at 10. At most a few records: no Map. */
function innovationPoints(rows: readonly Innovation[]): number {
  let sum = 0
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!
    if (r.date < '2017-01-01' || r.date > '2017-12-31') continue
    let p = points(r.kind)
    let first = true
    for (let j = 0; j < rows.length; j++) {
      if (j === i) continue
      const o = rows[j]!
      if (o.title !== r.title || o.date < '2017-01-01' || o.date > '2017-12-31') continue
      const q = points(o.kind)
      // the piece is counted at the first of its best records
      if (q > p || (q === p && j < i)) {
        first = false
        break
      }
    }
    if (first) sum += p
  }
  return sum > 10 ? 10 : sum
}

/**
 * The same with the float idioms one writes first: ⌈(0.90 − rate) / 0.01⌉, × 50 / 47 unrounded, Math.round(x × 100) / 100.
 * Not timed; the bench counts where it differs from kaoping (binary floating point, a finding).
 */
export function handNaiveTotal(s: Subject): string | null {
  const f = s.facts as Record<string, number | string | boolean | undefined>
  for (const k of REQUIRED_FACTS) if (f[k] == null) return null
  let key = (f.countyStandardised ? 3 : 0) + (f.provincialDemonstration ? 7 : 0)
  if (+f.townshipSamplingRatio! >= 0.3) {
    const pass = +f.townshipPassRate!
    key += pass >= 0.9 ? 10 : Math.max(0, 10 - Math.ceil((0.9 - pass) / 0.01))
  }
  const na = s.notApplicable?.includes(NA_DEV_ZONE) ?? false
  if (!na && f.devZonePassRate != null && +f.devZonePassRate >= 1) key += 3
  if (+f.onlineQualifiedRate! >= 0.95) key += 7
  if (+f.villageQualifiedRate! >= 0.5) key += 10
  const chief = +f.chiefStatisticianRate!
  key += chief >= 1 ? 5 : chief >= 0.4 ? 5 * chief : 0
  if (f.virtualSurveyTeam) key += 5
  if (na) key = (key * 50) / 47
  key = Math.min(50, key)
  let work = 0
  for (const j of JUDGED) work += clamp(f[j.fact] as number, j.min, j.max)
  const total = key + Math.min(50, work) + innovationPoints(s.records.innovations)
  return (Math.round(total * 100) / 100).toFixed(2)
}

