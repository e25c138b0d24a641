/** UNREACHABLE_GRADE: grades that no subject can ever be given. */
import { makeDiagnostic } from '../diagnostics/diagnostic'
import type { Diagnostic } from '../diagnostics/diagnostic'
import type { Rubric } from '../kinds/rubric'
import { makeChecker } from '../validate/checker'
import { fmt, literalFixed } from '../validate/values'

export function lintGrades(rubric: Rubric): Diagnostic[] {
  const g = rubric.grades
  if (!g) return []
  const out: Diagnostic[] = []
  const c = makeChecker(rubric, [])
  const warn = (message: string, path: (string | number)[], hint?: string) => out.push(makeDiagnostic('UNREACHABLE_GRADE', message, { path, hint }))
  const total = literalFixed(rubric.total)
  const given = new Set<string>()

  // a grade some threshold or quota names, but which is reported as unreachable there (not again under order)
  const reported = new Set<string>()
  // earlier thresholds without requires: every total reaching their min stops there. Kept as what the search for the
  // first of them that takes a total needs: the first without min, and those whose min is below every min before
  // them (the first open threshold with min ≤ m is one of these, and their mins fall: a binary search finds it).
  type Open = { index: number; min: number | undefined }
  let noMin: Open | undefined
  const falling: (Open & { min: number })[] = []
  const firstOpen = (min: number | undefined): Open | undefined => {
    let found: Open | undefined
    if (min !== undefined && falling.length && falling[falling.length - 1]!.min <= min) {
      let lo = 0
      let hi = falling.length - 1
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (falling[mid]!.min <= min) hi = mid
        else lo = mid + 1
      }
      found = falling[lo]
    }
    return noMin !== undefined && (found === undefined || noMin.index < found.index) ? noMin : found
  }
  const quotaGrades = new Set((g.quotas ?? []).map((q) => q.grade))
  ;(g.thresholds ?? []).forEach((t, i) => {
    if (quotaGrades.has(t.grade)) {
      warn(
        `The threshold for "${t.grade}" is never used: "${t.grade}" has a ranked quota, which alone gives it.`,
        ['grades', 'thresholds', i],
        `Remove this threshold; put the score bar in the quota's minScore.`,
      )
      reported.add(t.grade)
      return
    }
    const min = t.min === undefined ? undefined : c.value(t.min)
    const unknownMin = t.min !== undefined && min === undefined
    const before = unknownMin ? undefined : firstOpen(min)
    if (before) {
      const b = g.thresholds![before.index]!
      const why =
        before.min === undefined
          ? 'has neither min nor requires, so it takes every subject that reaches it'
          : `has no requires and a min of ${fmt(before.min)}, so it takes every subject with ${min === undefined ? 'any total' : `${fmt(min)} or more`} first`
      warn(
        `The threshold for "${t.grade}" can never apply: the threshold for "${b.grade}" before it ${why}.`,
        ['grades', 'thresholds', i],
        'Thresholds are tried in order and the first that holds gives the grade: list them from the highest min to the lowest, with the one without min last.',
      )
      reported.add(t.grade)
      return
    }
    if (min !== undefined && total !== undefined && min > total) {
      warn(`The grade "${t.grade}" needs at least ${fmt(min)} points, but the total is at most ${fmt(total)}.`, ['grades', 'thresholds', i, 'min'], `Lower min to at most ${fmt(total)}.`)
      reported.add(t.grade)
      return
    }
    given.add(t.grade)
    if (t.requires === undefined && !unknownMin) {
      if (min === undefined) noMin ??= { index: i, min }
      else if (!falling.length || min < falling[falling.length - 1]!.min) falling.push({ index: i, min })
    }
  })

  ;(g.quotas ?? []).forEach((q, i) => {
    const min = q.minScore === undefined ? undefined : c.value(q.minScore)
    if (min !== undefined && total !== undefined && min > total) {
      warn(`The ranked quota for "${q.grade}" needs a score of at least ${fmt(min)}, but the total is at most ${fmt(total)}.`, ['grades', 'quotas', i, 'minScore'], `Lower minScore to at most ${fmt(total)}.`)
      reported.add(q.grade)
      return
    }
    // a share or a parameter may give the grade; a count of 0 never does
    const max = q.count === undefined ? undefined : typeof q.count === 'number' ? q.count : 'max' in q.count ? (typeof q.count.max === 'number' ? q.count.max : undefined) : undefined
    if (max === undefined || max > 0) given.add(q.grade)
  })
  if (g.ineligible !== undefined) given.add(g.ineligible)

  g.order.forEach((grade, i) => {
    if (!given.has(grade) && !reported.has(grade))
      warn(`No threshold, ranked quota or ineligible can give the grade "${grade}".`, ['grades', 'order', i], `Add a threshold or ranked quota for "${grade}", or remove it from grades.order.`)
  })
  return out
}
