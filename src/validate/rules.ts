/** Rules zod cannot express: exactly-one-of pairs, at-least-one comparators, ordered ranges, rollup chains. */
import { makeDiagnostic } from '../diagnostics/codes'
import type { Diagnostic } from '../diagnostics/diagnostic'
import type { Rubric } from '../model/rubric'
import type { Fact } from '../model/declarations'
import { ONE, type Fixed } from '../num/fixed'
import { allItems, fmt, literalFixed, own, valueFixed } from './values'
import { isPlainObject, type MutablePath, type Scan } from './walk'

const COMPARATORS = ['is', 'in', 'between', 'atLeast', 'atMost', 'above', 'below'] as const
const BOUNDS = ['atLeast', 'atMost', 'above', 'below'] as const
const DATE_TESTS = ['validFor', 'heldFor', 'onOrBefore', 'onOrAfter'] as const
const UNITS = ['month', 'quarter', 'half', 'year'] as const

export function checkRules(rubric: Rubric, scan: Scan): Diagnostic[] {
  const out: Diagnostic[] = []
  const bad = (message: string, path: MutablePath, hint?: string) => out.push(makeDiagnostic('SCHEMA_INVALID_VALUE', message, { path, hint }))
  const oneOf = (o: object, keys: readonly [string, string], what: string, path: MutablePath) => {
    const present = keys.filter((k) => (o as Record<string, unknown>)[k] !== undefined)
    if (present.length === 0) bad(`${what} needs exactly one of ${keys.join(' or ')}; it has neither.`, path)
    else if (present.length === 2) bad(`${what} has both ${keys[0]} and ${keys[1]}; give exactly one of them.`, [...path, keys[1]])
  }
  const records = rubric.records ?? {}
  const needsField = (list: string | undefined, field: 'key' | 'date', what: string, path: MutablePath) => {
    const rt = list === undefined ? undefined : own(records, list)
    if (rt && rt[field] === undefined)
      bad(`${what} needs records "${list}" to declare a ${field} field (records.${list}.${field}).`, path, `Add \`${field}: <field name>\` to records.${list}.`)
  }
  const ordered = (lo: unknown, hi: unknown, what: string, path: MutablePath) => {
    const a = valueFixed(rubric, lo)
    const b = valueFixed(rubric, hi)
    if (a !== undefined && b !== undefined && a > b) bad(`${what}: ${fmt(a)} is greater than ${fmt(b)}.`, path)
  }

  for (const { item, path } of allItems(rubric)) {
    const what = `${item.kind[0]!.toUpperCase()}${item.kind.slice(1)} item "${item.id}"`
    if (item.min !== undefined) ordered(item.min, item.max, `${what} has min above max`, [...path, 'min'])
    switch (item.kind) {
      case 'check':
        oneOf(item, ['fact', 'when'], what, path)
        break
      case 'count':
        oneOf(item, ['records', 'fact'], what, path)
        if (item.fact !== undefined && typeof item.points === 'object' && 'by' in item.points) bad(`${what} counts a fact, so its points cannot be chosen by a record field.`, [...path, 'points'])
        if (item.fact !== undefined && item.where !== undefined) bad(`${what} counts a fact; where only filters records.`, [...path, 'where'])
        if (item.dedupe === true) {
          if (item.records === undefined) bad(`${what}: dedupe needs records (it keeps one record per key).`, [...path, 'dedupe'])
          else needsField(item.records, 'key', `${what} dedupes`, [...path, 'dedupe'])
        }
        break
      case 'deduct': {
        const f = own(rubric.facts ?? {}, item.fact)
        if (f) outsideDomain(rubric, item.fact, f, [['target', item.target]], path, bad)
        const step = valueFixed(rubric, item.step)
        if (step !== undefined && step <= 0) bad(`${what}: step must be greater than 0, not ${fmt(step)}.`, [...path, 'step'])
        break
      }
      case 'bands':
        item.bands.forEach((b, j) => {
          oneOf(b, ['points', 'times'], `Band ${j} of ${what.toLowerCase()}`, [...path, 'bands', j])
          ordered(b.from, b.to, `Band ${j} of ${what.toLowerCase()} has from above to`, [...path, 'bands', j, 'from'])
        })
        break
      case 'deductions':
        item.deductions.forEach((d, j) => {
          const at = [...path, 'deductions', j]
          oneOf(d, ['fact', 'records'], `Deduction "${d.id}"`, at)
          if (d.fact !== undefined && d.where !== undefined) bad(`Deduction "${d.id}" counts a fact; where only filters records.`, [...at, 'where'])
        })
        break
    }
  }

  for (const { cond: c, path } of scan.conditions) {
    if (typeof c.fact === 'string') {
      if (!COMPARATORS.some((k) => c[k] !== undefined)) bad(`The condition on fact "${c.fact}" has no comparison; add one of ${COMPARATORS.join(', ')}.`, path, 'For a yes/no fact write `is: true`.')
      else factComparators(rubric, c, path, bad)
      if (Array.isArray(c.between)) ordered(c.between[0], c.between[1], `between [low, high] of fact "${c.fact}" has low above high`, [...path, 'between'])
    } else if (typeof c.date === 'string') {
      if (!DATE_TESTS.some((k) => c[k] !== undefined)) bad(`The date condition on "${c.date}" tests nothing; add one of ${DATE_TESTS.join(', ')}.`, path)
    } else if (Array.isArray(c.span)) {
      if (c.atLeast === undefined && c.atMost === undefined) bad('The span condition tests nothing; add atLeast or atMost.', path)
    } else if (typeof c.count === 'string' || typeof c.score === 'string') {
      const what = typeof c.count === 'string' ? `count of "${c.count}"` : `score of "${String(c.score)}"`
      if (!BOUNDS.some((k) => c[k] !== undefined)) bad(`The condition on the ${what} has no comparison; add one of ${BOUNDS.join(', ')}.`, path)
      if (typeof c.count === 'string' && c.within !== undefined) needsField(c.count, 'date', `Counting "${c.count}" within a duration`, [...path, 'within'])
      if (typeof c.count === 'string' && c.before !== undefined && c.within === undefined) bad(`Counting "${c.count}" before "${String(c.before)}" needs within (how far back to count).`, [...path, 'before'])
      if (typeof c.count === 'string' && c.distinct === true) needsField(c.count, 'key', `Counting distinct "${c.count}"`, [...path, 'distinct'])
    }
  }

  ;(rubric.quotas ?? []).forEach((q, i) => q.per !== undefined && needsField(q.records, 'date', `Quota "${q.id}" per ${q.per}`, ['quotas', i, 'per']))
  ;(rubric.quotas ?? []).forEach((q, i) => q.distinct === true && needsField(q.records, 'key', `Quota "${q.id}" counts distinct pieces`, ['quotas', i, 'distinct']))
  ;(rubric.money?.rewards ?? []).forEach((r, i) => r.dedupe === true && needsField(r.records, 'key', `Reward "${r.id}" dedupes`, ['money', 'rewards', i, 'dedupe']))
  ;(rubric.money?.penalties ?? []).forEach((p, i) => oneOf(p, ['quota', 'fact'], `Penalty "${p.id}"`, ['money', 'penalties', i]))
  ;(rubric.grades?.quotas ?? []).forEach((q, i) => {
    if (typeof q.count === 'object' && q.count.min > q.count.max) bad(`The ranked quota for "${q.grade}" has count.min ${q.count.min} above count.max ${q.count.max}.`, ['grades', 'quotas', i, 'count', 'min'])
  })
  for (const [name, f] of Object.entries(rubric.facts ?? {}))
    if ((f.type === 'number' || f.type === 'integer') && f.min !== undefined && f.max !== undefined) ordered(f.min, f.max, `Fact "${name}" has min above max`, ['facts', name, 'min'])

  const e = rubric.effective
  if (e?.until !== undefined && e.from > e.until) bad(`effective.from ${e.from} is after effective.until ${e.until}.`, ['effective', 'until'])
  const per = rubric.period
  if (per?.from !== undefined && per.to !== undefined && per.from > per.to) bad(`period.from ${per.from} is after period.to ${per.to}.`, ['period', 'to'])

  let prev: (typeof UNITS)[number] | undefined = rubric.period?.unit
  ;(rubric.rollup ?? []).forEach((r, i) => {
    if (prev !== undefined && r.from !== prev)
      bad(`Rollup level ${i} combines ${r.from} results, but the ${i === 0 ? 'period unit' : 'previous level gives'} ${prev} results; each level must start where the one before ends.`, ['rollup', i, 'from'])
    if (UNITS.indexOf(r.to) <= UNITS.indexOf(r.from)) bad(`Rollup level ${i} goes from ${r.from} to ${r.to}; it must combine into a longer period (month < quarter < half < year).`, ['rollup', i, 'to'])
    prev = r.to
  })
  return out
}

type Bad = (message: string, path: MutablePath, hint?: string) => void

/** The values a numeric fact can take: a rate [0, 1], a score [0, max], a number or integer within its declared min/max. */
function domainOf(f: Fact): { lo: Fixed | undefined; hi: Fixed | undefined; what: string } | undefined {
  if (f.type === 'rate') return { lo: 0, hi: ONE, what: 'a rate from 0 to 1 (write 95% as 0.95)' }
  if (f.type === 'score') return { lo: 0, hi: literalFixed(f.max), what: `a score from 0 to ${String(f.max)}` }
  if ((f.type === 'number' || f.type === 'integer') && (f.min !== undefined || f.max !== undefined)) {
    const lo = f.min === undefined ? undefined : literalFixed(f.min)
    const hi = f.max === undefined ? undefined : literalFixed(f.max)
    const range = lo !== undefined && hi !== undefined ? `from ${fmt(lo)} to ${fmt(hi)}` : lo !== undefined ? `of at least ${fmt(lo)}` : `of at most ${fmt(hi!)}`
    return { lo, hi, what: `${f.type === 'integer' ? 'an integer' : 'a number'} ${range} (its declared min/max)` }
  }
  return undefined
}

/**
 * A value compared with (or targeted for) a numeric fact that lies outside what the fact can take:
 * the comparison is decided before any evidence is read, almost always a unit slip (95 for 95%).
 */
export function outsideDomain(rubric: Rubric, name: string, f: Fact, values: readonly (readonly [string, unknown])[], path: MutablePath, bad: Bad): void {
  const d = domainOf(f)
  if (!d) return
  for (const [key, raw] of values) {
    if (raw === undefined) continue
    const v = valueFixed(rubric, raw)
    if (v === undefined || !((d.lo !== undefined && v < d.lo) || (d.hi !== undefined && v > d.hi))) continue
    const at = [...path, ...key.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k))]
    const param = raw !== null && typeof raw === 'object' ? ` (the default of parameter "${String((raw as { param: unknown }).param)}")` : ''
    bad(
      `${key.split('.')[0]} ${fmt(v)}${param} is outside the values fact "${name}" can take: it is ${d.what}.`,
      isPlainObject(raw) ? [...at, 'param'] : at,
      f.type === 'rate' ? 'Write rates as decimals from 0 to 1: 95% is 0.95, 40.5% is 0.405.' : `Compare with a value within the fact's range, or change the fact's min/max.`,
    )
  }
}

/** Comparisons that do not fit the fact's type (numeric bounds on a yes/no fact, enum values not declared). */
function factComparators(rubric: Rubric, c: Record<string, unknown>, path: MutablePath, bad: Bad): void {
  const f = own(rubric.facts ?? {}, c.fact as string)
  if (!f) return
  const numeric = f.type === 'rate' || f.type === 'number' || f.type === 'integer' || f.type === 'score'
  const name = c.fact as string
  if (!numeric) {
    const used = (['between', ...BOUNDS] as const).filter((k) => c[k] !== undefined)
    if (used.length) bad(`Fact "${name}" is a ${f.type} fact; ${used.join(', ')} ${used.length > 1 ? 'compare' : 'compares'} only numbers.`, [...path, used[0]!])
  }
  if (f.type === 'date') bad(`Fact "${name}" is a date; test it with a date condition ({ date: ${name}, onOrBefore: … }).`, [...path, 'fact'])
  if (f.type === 'boolean' && c.is !== undefined && typeof c.is !== 'boolean') bad(`Fact "${name}" is yes/no; write is: true or is: false.`, [...path, 'is'])
  if (f.type === 'boolean' && c.in !== undefined) bad(`Fact "${name}" is yes/no; write is: true or is: false instead of in.`, [...path, 'in'])
  if (numeric && c.is !== undefined && literalFixed(c.is) === undefined) bad(`Fact "${name}" is a number; is must be a number, not ${JSON.stringify(c.is)}.`, [...path, 'is'])
  if (numeric && Array.isArray(c.in)) c.in.forEach((v, i) => literalFixed(v) === undefined && bad(`Fact "${name}" is a number; ${JSON.stringify(v)} is not a number.`, [...path, 'in', i]))
  outsideDomain(rubric, name, f, BOUNDS.map((k) => [k, c[k]] as const), path, bad)
  if (Array.isArray(c.between)) outsideDomain(rubric, name, f, c.between.map((v, i) => [`between.${i}`, v] as const), path, bad)
  if (numeric && c.is !== undefined) outsideDomain(rubric, name, f, [['is', c.is]], path, bad)
  if (numeric && Array.isArray(c.in)) outsideDomain(rubric, name, f, c.in.map((v, i) => [`in.${i}`, v] as const), path, bad)
  if (f.type === 'enum') {
    const vals: unknown[] = c.in !== undefined ? (c.in as unknown[]) : c.is !== undefined ? [c.is] : []
    vals.forEach((v, i) => {
      if (!f.values.includes(v as string))
        bad(`Fact "${name}" takes the values ${f.values.join(', ')}; ${JSON.stringify(v)} is not one of them.`, c.in !== undefined ? [...path, 'in', i] : [...path, 'is'])
    })
  }
}
