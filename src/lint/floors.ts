/** DEDUCTION_WITHOUT_FLOOR: deducting items without a floor whose deductions can reach below their min. */
import { makeDiagnostic } from '../diagnostics/codes'
import type { Diagnostic } from '../diagnostics/diagnostic'
import type { Deduct, Deductions, QuotaItem } from '../model/item'
import type { Rubric } from '../model/rubric'
import { add, div, divToInteger, mul, mulInt, ONE, sub, type Fixed } from '../num/fixed'
import { fmt, literalFixed, own, valueFixed, wordValue } from '../validate/values'
import type { MutablePath } from '../validate/walk'

const HINT = 'Add `floor: 0` (扣完為止) or the least score it may give, so the clamp is written down.'

/** The fact's declared [lo, hi] (rate: [0, 1]); undefined ends are unbounded. */
function bounds(rubric: Rubric, fact: string | undefined): { lo: Fixed | undefined; hi: Fixed | undefined } {
  const f = fact === undefined ? undefined : own(rubric.facts ?? {}, fact)
  if (f?.type === 'rate') return { lo: 0, hi: ONE }
  if (f?.type === 'number' || f?.type === 'integer')
    return { lo: f.min === undefined ? undefined : literalFixed(f.min), hi: f.max === undefined ? undefined : literalFixed(f.max) }
  return { lo: undefined, hi: undefined }
}

function safe(f: () => Fixed): Fixed | undefined {
  try {
    return f()
  } catch {
    return undefined
  }
}

function lintDeduct(rubric: Rubric, item: Deduct, path: MutablePath): Diagnostic | undefined {
  const max = literalFixed(item.max)
  const start = item.from === undefined ? max : valueFixed(rubric, item.from)
  const least = item.min === undefined ? 0 : literalFixed(item.min)
  const target = valueFixed(rubric, item.target)
  const step = valueFixed(rubric, item.step)
  const points = valueFixed(rubric, item.points)
  const rounding = wordValue(rubric, item.rounding)
  if (start === undefined || least === undefined || target === undefined || step === undefined || step <= 0 || points === undefined) return undefined
  const above = item.direction === 'above'
  const { lo, hi } = bounds(rubric, item.fact)
  const extreme = above ? hi : lo
  if (extreme === undefined)
    return makeDiagnostic('DEDUCTION_WITHOUT_FLOOR', `Item "${item.id}" has no floor, and fact ${item.fact} has no declared ${above ? 'max' : 'min'}, so the deduction has no limit and can go below the item's min ${fmt(least)}.`, { path, hint: HINT })
  const gap = above ? extreme - target : target - extreme
  if (gap <= 0) return undefined
  const largest = safe(() =>
    rounding === 'exact' ? div(mul(gap, points, 'ceil'), step, 'ceil') : mulInt(points, divToInteger(gap, step, rounding === 'floor' ? 'floor' : 'ceil')),
  )
  if (largest !== undefined && sub(start, largest) >= least) return undefined
  const at = `${item.fact} = ${fmt(extreme)}`
  return makeDiagnostic(
    'DEDUCTION_WITHOUT_FLOOR',
    largest === undefined
      ? `Item "${item.id}" has no floor, and its largest deduction is too large to compute.`
      : `Item "${item.id}" has no floor: at ${at} it deducts ${fmt(largest)} from ${fmt(start)}, which gives ${fmt(sub(start, largest))}, below its min ${fmt(least)}.`,
    { path, hint: HINT },
  )
}

function lintDeductions(rubric: Rubric, item: Deductions, path: MutablePath): Diagnostic | undefined {
  const base = valueFixed(rubric, item.base ?? item.max)
  const least = item.min === undefined ? 0 : literalFixed(item.min)
  if (base === undefined || least === undefined) return undefined
  let sum: Fixed | undefined = 0
  for (const d of item.deductions) {
    const points = valueFixed(rubric, d.points)
    if (points === undefined || points <= 0) continue
    let most = d.cap === undefined ? undefined : valueFixed(rubric, d.cap)
    if (most === undefined && d.fact !== undefined) {
      const { hi } = bounds(rubric, d.fact)
      if (hi !== undefined) most = safe(() => mulInt(points, Math.floor(hi / ONE)))
    }
    if (most === undefined)
      return makeDiagnostic('DEDUCTION_WITHOUT_FLOOR', `Item "${item.id}" has no floor, and deduction "${d.id}" has no cap, so the deductions can take it below its min ${fmt(least)}.`, { path, hint: `${HINT} Or give "${d.id}" a cap.` })
    sum = sum === undefined ? undefined : safe(() => add(sum!, most!))
  }
  if (sum !== undefined && sub(base, sum) >= least) return undefined
  return makeDiagnostic(
    'DEDUCTION_WITHOUT_FLOOR',
    `Item "${item.id}" has no floor: its deductions can take up to ${sum === undefined ? 'more than can be computed' : fmt(sum)} from ${fmt(base)}, below its min ${fmt(least)}.`,
    { path, hint: HINT },
  )
}

function lintQuotaItem(item: QuotaItem, path: MutablePath): Diagnostic {
  return makeDiagnostic('DEDUCTION_WITHOUT_FLOOR', `Item "${item.id}" has no floor: a large enough shortfall of quota "${item.quota}" deducts more than the item's points.`, { path, hint: HINT })
}

/** The finding for one item, when it deducts without a floor and can go below its min. */
export function lintFloor(rubric: Rubric, item: Deduct | Deductions | QuotaItem, path: MutablePath): Diagnostic | undefined {
  if (item.floor !== undefined) return undefined
  if (item.kind === 'deduct') return lintDeduct(rubric, item, path)
  if (item.kind === 'deductions') return lintDeductions(rubric, item, path)
  return lintQuotaItem(item, path)
}
