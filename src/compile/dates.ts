/** Calendar arithmetic on day numbers (days since 1970-01-01, UTC). Pure: no clock, no time zone. */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/

export function parseDay(s: string): number | undefined {
  const m = ISO.exec(s)
  if (!m) return undefined
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined
  return Date.UTC(y, mo - 1, d) / 86_400_000
}

export function formatDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10)
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

export function ymd(day: number): { y: number; m: number; d: number } {
  const t = new Date(day * 86_400_000)
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() }
}

/** day + duration, with the day of month clamped to the target month's length (2024-02-29 + 1 year → 2025-02-28). */
export function addDuration(day: number, dur: { years?: number; months?: number; days?: number }, sign = 1): number {
  const { y, m, d } = ymd(day)
  const totalMonths = y * 12 + (m - 1) + sign * ((dur.years ?? 0) * 12 + (dur.months ?? 0))
  const ny = Math.floor(totalMonths / 12)
  const nm = (totalMonths % 12) + 1
  const nd = Math.min(d, daysInMonth(ny, nm))
  return Date.UTC(ny, nm - 1, nd) / 86_400_000 + sign * (dur.days ?? 0)
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
  const from = Date.UTC(y, first - 1, 1) / 86_400_000
  const to = Date.UTC(y, first - 1 + MONTHS[unit], 0) / 86_400_000
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
