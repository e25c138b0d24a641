/** Rules zod cannot express: exactly-one-of pairs, at-least-one comparators, ordered ranges, rollup chains. */
import { makeDiagnostic } from '../diagnostics/codes'
import type { Diagnostic } from '../diagnostics/diagnostic'
import type { Rubric } from '../model/rubric'
import { allItems, fmt, literalFixed, own, valueFixed } from './values'
import type { MutablePath, Scan } from './walk'

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
    }
  }

  ;(rubric.quotas ?? []).forEach((q, i) => q.per !== undefined && needsField(q.records, 'date', `Quota "${q.id}" per ${q.per}`, ['quotas', i, 'per']))
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
  if (f.type === 'enum') {
    const vals: unknown[] = c.in !== undefined ? (c.in as unknown[]) : c.is !== undefined ? [c.is] : []
    vals.forEach((v, i) => {
      if (!f.values.includes(v as string))
        bad(`Fact "${name}" takes the values ${f.values.join(', ')}; ${JSON.stringify(v)} is not one of them.`, c.in !== undefined ? [...path, 'in', i] : [...path, 'is'])
    })
  }
}
