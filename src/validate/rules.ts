/**
 * Rules zod cannot express. Each construct checks itself (its `check` in src/kinds); this file runs them over the
 * rubric with one Checker, and adds the rules of the rubric's own parts: every item's min ≤ max and otherwise ≤ max,
 * quotas, money, ranked quotas, fact ranges, the effective and assessed spans, the rollup chain.
 */
import type { Diagnostic } from '../diagnostics/diagnostic'
import { formOf, kindOf } from '../kinds'
import type { Checker } from '../kinds/kit/spec'
import type { Rubric } from '../kinds/rubric'
import { checkComputed } from '../kinds/computed'
import { sumMax } from '../kinds/section'
import { fmt } from '../kinds/kit/values'
import { withArticle } from '../kinds/kit/words'
import { makeChecker, type ParamValues } from './checker'
import { allItems } from './values'
import { withinRange } from '../kinds/kit/values'
import type { Scan } from './walk'

const UNITS = ['month', 'quarter', 'half', 'year'] as const

/** Every construct's rules, with `c` resolving values. */
export function checkConstructs(rubric: Rubric, scan: Scan, c: Checker): void {
  for (const { item, path } of allItems(rubric)) {
    const what = `${item.kind[0]!.toUpperCase()}${item.kind.slice(1)} item "${item.id}"`
    if (item.min !== undefined) c.ordered(item.min, item.max, `${what} has min above max`, [...path, 'min'])
    if (item.otherwise !== undefined) c.notAbove(c.value(item.max), item.otherwise, 'otherwise', item.id, [...path, 'otherwise'])
    if (item.bonus !== undefined) c.positive(item.bonus, false, `${what}: bonus`, [...path, 'bonus'])
    withinRange(() => kindOf(item).check?.(item, c, path))
  }
  for (const { cond, path } of scan.conditions) withinRange(() => formOf(cond).check?.(cond, c, path))
}

/** A ranked quota: a count (or range) or a share, counts that are whole numbers or integer parameters, min ≤ max. */
function checkRankedQuota(rubric: Rubric, q: NonNullable<NonNullable<Rubric['grades']>['quotas']>[number], c: Checker, at: (string | number)[]): void {
  const what = `The ranked quota for "${q.grade}"`
  c.oneOf(q, ['count', 'share'], what, at)
  if (q.share !== undefined) {
    c.positive(q.share, true, `${what}: share`, [...at, 'share'])
    const share = c.value(q.share)
    if (share !== undefined && share > 1_000_000) c.bad(`${what}: share ${share / 1_000_000} is more than 1 (all the subjects); write 20% as 0.2.`, [...at, 'share'])
    if (q.shareRounding === undefined) c.bad(`${what} gives a share of the subjects but not how it is rounded to a whole number.`, [...at, 'share'], 'Add shareRounding: floor (20% of 12 = 2.4 → 2), ceil (→ 3) or half-up.')
  } else if (q.shareRounding !== undefined) c.bad(`${what} has shareRounding but no share.`, [...at, 'shareRounding'])
  const count = q.count
  if (count === undefined) return
  const whole = (v: number | { param: string }, path: (string | number)[]): number | undefined => {
    if (typeof v === 'number') return v
    const p = rubric.params?.[v.param]
    if (p !== undefined && p.type !== 'integer') {
      c.bad(`${what}: a count is a whole number; parameter "${v.param}" is ${withArticle(p.type)} parameter.`, [...path, 'param'], 'Declare it with type: integer.')
      return undefined
    }
    const x = c.value(v)
    if (x !== undefined && x < 0) c.bad(`${what}: parameter "${v.param}" is ${x / 1_000_000}; a count cannot be negative.`, [...path, 'param'])
    return x === undefined ? undefined : Math.floor(x / 1_000_000)
  }
  if (typeof count === 'object' && 'min' in count) {
    const [min, max] = [whole(count.min, [...at, 'count', 'min']), whole(count.max, [...at, 'count', 'max'])]
    if (min !== undefined && max !== undefined && min > max) c.bad(`${what} has count.min ${min} above count.max ${max}.`, [...at, 'count', 'min'])
  } else whole(count, [...at, 'count'])
}

export function checkRules(rubric: Rubric, scan: Scan, params?: ParamValues): Diagnostic[] {
  const out: Diagnostic[] = []
  const c = makeChecker(rubric, out, params ? { params } : {})
  checkConstructs(rubric, scan, c)
  checkComputed(rubric, c)

  ;(rubric.quotas ?? []).forEach((q, i) => {
    if (q.per !== undefined) c.needsField(q.records, 'date', `Quota "${q.id}" per ${q.per}`, ['quotas', i, 'per'])
    if (q.distinct !== undefined && q.distinct !== false) c.needsField(q.records, 'key', `Quota "${q.id}" counts distinct pieces`, ['quotas', i, 'distinct'])
    if (typeof q.distinct === 'object') {
      const p = rubric.params?.[q.distinct.param]
      if (p !== undefined && p.type !== 'boolean') c.bad(`Quota "${q.id}": distinct takes a boolean parameter; "${q.distinct.param}" is ${withArticle(p.type)} parameter.`, ['quotas', i, 'distinct', 'param'])
    }
    c.positive(q.atLeast, false, `Quota "${q.id}": atLeast`, ['quotas', i, 'atLeast'])
    for (const [id, v] of Object.entries(q.overrides ?? {})) c.positive(v, false, `Quota "${q.id}": the override for ${id}`, ['quotas', i, 'overrides', id])
  })
  ;(rubric.money?.rewards ?? []).forEach((r, i) => r.dedupe === true && c.needsField(r.records, 'key', `Reward "${r.id}" dedupes`, ['money', 'rewards', i, 'dedupe']))
  ;(rubric.money?.penalties ?? []).forEach((p, i) => c.oneOf(p, ['quota', 'fact'], `Penalty "${p.id}"`, ['money', 'penalties', i]))
  ;(rubric.grades?.quotas ?? []).forEach((q, i) => checkRankedQuota(rubric, q, c, ['grades', 'quotas', i]))
  // the top-level items add up to the total also when an item's max is a parameter (at its value, overrides included)
  if (rubric.items.some((it) => typeof it.max === 'object')) {
    const top = sumMax(rubric.items, (v) => c.value(v))
    const total = c.value(rubric.total)
    if (top !== undefined && total !== undefined && top !== total) c.report('MAX_MISMATCH', `Items add up to ${fmt(top)}, but total is ${fmt(total)}.`, ['total'], `Make total ${fmt(top)}, or change the items' max so they add up to ${fmt(total)}.`)
  }
  const findingIds = new Set<string>()
  ;(rubric.findings ?? []).forEach((f, i) => {
    c.oneOf(f, ['fact', 'when'], `Finding "${f.id}"`, ['findings', i])
    if (findingIds.has(f.id)) c.report('DUPLICATE_ID', `Finding "${f.id}" is declared twice.`, ['findings', i, 'id'], 'Give every finding its own id.')
    findingIds.add(f.id)
  })
  ;(rubric.gates ?? []).forEach((g, i) => {
    if (g.lowers !== undefined && g.bars !== undefined) c.bad(`Gate "${g.id}" has both bars and lowers; a failed gate either bars grades or lowers the grade.`, ['gates', i, 'lowers'], 'Keep one: bars: [先進] (not these grades) or lowers: 1 (one grade down).')
  })
  for (const [name, f] of Object.entries(rubric.facts ?? {}))
    if ((f.type === 'number' || f.type === 'integer') && f.min !== undefined && f.max !== undefined) c.ordered(f.min, f.max, `Fact "${name}" has min above max`, ['facts', name, 'min'])

  const e = rubric.effective
  if (e?.until !== undefined && e.from > e.until) c.bad(`effective.from ${e.from} is after effective.until ${e.until}.`, ['effective', 'until'])
  const per = rubric.period
  if (per?.from !== undefined && per.to !== undefined && per.from > per.to) c.bad(`period.from ${per.from} is after period.to ${per.to}.`, ['period', 'to'])

  let prev: (typeof UNITS)[number] | undefined = rubric.period?.unit
  ;(rubric.rollup ?? []).forEach((r, i) => {
    if (typeof r.combine === 'object') {
      const p = rubric.params?.[r.combine.param]
      const ways = ['sum', 'mean', 'min', 'max', 'last']
      if (p !== undefined && (p.type !== 'enum' || p.values.some((v) => !ways.includes(v))))
        c.bad(`Rollup level ${i} takes combine from parameter "${r.combine.param}", which must be an enum parameter with values among ${ways.join(', ')}.`, ['rollup', i, 'combine', 'param'], `Declare it as { type: enum, values: [mean, sum], default: mean }.`)
    }
    if (prev !== undefined && r.from !== prev)
      c.bad(`Rollup level ${i} combines ${r.from} results, but the ${i === 0 ? 'period unit' : 'previous level gives'} ${prev} results; each level must start where the one before ends.`, ['rollup', i, 'from'])
    if (UNITS.indexOf(r.to) <= UNITS.indexOf(r.from)) c.bad(`Rollup level ${i} goes from ${r.from} to ${r.to}; it must combine into a longer period (month < quarter < half < year).`, ['rollup', i, 'to'])
    prev = r.to
  })
  return out
}
