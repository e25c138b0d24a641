/** Calendar arithmetic on day numbers (days since 1970-01-01, UTC). Pure: no clock, no time zone. */

/** The first and last years a date may have: four digits, as YYYY-MM-DD writes them. */
export const FIRST_YEAR = 1000
export const LAST_YEAR = 9999

/**
 * The day number of a calendar date written YYYY-MM-DD with a year from 1000 to 9999, or undefined (not a date, not a
 * real day such as 2017-02-30, or a year outside that range).
 */
export function parseDay(s: string): number | undefined {
  // YYYY-MM-DD by character codes (no regular expression: this runs for every dated record).
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined
  let y = 0
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48
    if (c < 0 || c > 9) return undefined
    y = y * 10 + c
  }
  const m1 = s.charCodeAt(5) - 48
  const m2 = s.charCodeAt(6) - 48
  const d1 = s.charCodeAt(8) - 48
  const d2 = s.charCodeAt(9) - 48
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return undefined
  const mo = m1 * 10 + m2
  const d = d1 * 10 + d2
  if (y < FIRST_YEAR || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined
  return daysFromCivil(y, mo, d)
}

/** Days since 1970-01-01 of a proleptic Gregorian date, by arithmetic alone (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

export function formatDay(day: number): string {
  const { y, m, d } = ymd(day)
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export function daysInMonth(year: number, month: number): number {
  if (month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return 29
  return MONTH_DAYS[month - 1]!
}

/** The calendar date of a day number (H. Hinnant's civil_from_days). */
export function ymd(day: number): { y: number; m: number; d: number } {
  const z = day + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d }
}

/** day + duration, with the day of month clamped to the target month's length (2024-02-29 + 1 year → 2025-02-28). */
export function addDuration(day: number, dur: { years?: number; months?: number; days?: number }, sign = 1): number {
  const { y, m, d } = ymd(day)
  const totalMonths = y * 12 + (m - 1) + sign * ((dur.years ?? 0) * 12 + (dur.months ?? 0))
  const ny = Math.floor(totalMonths / 12)
  const nm = (totalMonths % 12) + 1
  const nd = Math.min(d, daysInMonth(ny, nm))
  return daysFromCivil(ny, nm, nd) + sign * (dur.days ?? 0)
}

/**
 * Whether the span [from, to] (day numbers) covers more than `years` calendar years: whether `to` is on or after
 * `from` + years (2000-01-01 to 2099-12-31 is 100 years; to 2100-01-01 is more). Every date lies within FIRST_YEAR
 * to LAST_YEAR, so a limit of 9,000 years or more is never exceeded (and is not added, which could leave the exact range).
 */
export function spanOverYears(from: number, to: number, years: number): boolean {
  if (years >= LAST_YEAR - FIRST_YEAR + 1) return false
  return to >= addDuration(from, { years })
}

export type PeriodUnit = 'month' | 'quarter' | 'half' | 'year'

const MONTHS: Record<PeriodUnit, number> = { month: 1, quarter: 3, half: 6, year: 12 }

/** The key of the period containing a day: 2017-03, 2017-Q1, 2017-H1, 2017. */
export function periodKey(day: number, unit: PeriodUnit): string {
  const { y, m } = ymd(day)
  switch (unit) {
    case 'month':
      return `${y}-${String(m).padStart(2, '0')}`
    case 'quarter':
      return `${y}-Q${Math.ceil(m / 3)}`
    case 'half':
      return `${y}-H${m <= 6 ? 1 : 2}`
    case 'year':
      return `${y}`
  }
}

const KEY = /^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?$/

/** The first and last day of a period key, and its unit; undefined when the key is malformed. */
export function parsePeriodKey(key: string): { unit: PeriodUnit; from: number; to: number } | undefined {
  const m = KEY.exec(key)
  if (!m) return undefined
  const y = Number(m[1])
  let unit: PeriodUnit = 'year'
  let first = 1
  if (m[2] !== undefined) {
    unit = 'month'
    first = Number(m[2])
    if (first < 1 || first > 12) return undefined
  } else if (m[3] !== undefined) {
    unit = 'quarter'
    first = (Number(m[3]) - 1) * 3 + 1
  } else if (m[4] !== undefined) {
    unit = 'half'
    first = m[4] === '1' ? 1 : 7
  }
  const from = daysFromCivil(y, first, 1)
  const last = first - 1 + MONTHS[unit]
  const to = daysFromCivil(y, last, daysInMonth(y, last))
  return { unit, from, to }
}

/** The keys of every period of a unit that overlaps [from, to], in order. */
export function periodsBetween(from: number, to: number, unit: PeriodUnit): string[] {
  const keys: string[] = []
  let day = from
  while (day <= to) {
    const key = periodKey(day, unit)
    keys.push(key)
    day = parsePeriodKey(key)!.to + 1
  }
  return keys
}

/** Does period `inner` lie within period `outer`? */
export function periodWithin(inner: string, outer: string): boolean {
  const a = parsePeriodKey(inner)
  const b = parsePeriodKey(outer)
  return !!a && !!b && a.from >= b.from && a.to <= b.to
}
