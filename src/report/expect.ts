import type { ItemResult, SubjectResult } from '../evaluate/result'
import { fromNumber, parseFixed, toFixedString, type Fixed } from '../num/fixed'

/** What a rubric test case expects of one subject. Numbers are compared by exact value: 7 equals "7.00". */
export interface SubjectExpectation {
  total?: number | string
  exactTotal?: number | string
  grade?: string | null
  eligible?: boolean
  rank?: number | null
  items?: Record<string, number | string>
  money?: { net?: number | string; rewardTotal?: number | string; penaltyTotal?: number | string }
}

/** A decimal as written in a test file (a YAML number or a decimal string), exactly; undefined if it is not one. */
export function expectedDecimal(v: unknown): Fixed | undefined {
  if (typeof v === 'number') return fromNumber(v)
  if (typeof v === 'string') return parseFixed(v.trim())
  return undefined
}

const shown = (v: string | number): string => {
  const f = expectedDecimal(v)
  return f === undefined ? String(v) : toFixedString(f)
}

function flatten(items: readonly ItemResult[], out = new Map<string, ItemResult>()): Map<string, ItemResult> {
  for (const i of items) {
    out.set(i.id, i)
    if (i.items) flatten(i.items, out)
  }
  return out
}

/**
 * The differences between a subject's result and what is expected of it, one phrase each
 * ("expected total 7, got 8"); empty when everything expected holds. Only the keys given are checked.
 */
export function checkExpectation(result: SubjectResult, expect: SubjectExpectation): string[] {
  const out: string[] = []
  const decimal = (what: string, want: number | string | undefined, got: string | undefined) => {
    if (want === undefined) return
    const w = expectedDecimal(want)
    const g = got === undefined ? undefined : parseFixed(got)
    if (w === undefined) out.push(`expected ${what} ${String(want)} is not a decimal number`)
    else if (g === undefined) out.push(`expected ${what} ${shown(want)}, got nothing`)
    else if (w !== g) out.push(`expected ${what} ${shown(want)}, got ${toFixedString(g)}`)
  }
  decimal('total', expect.total, result.total)
  decimal('exact total', expect.exactTotal, result.exactTotal)
  if (expect.grade !== undefined && expect.grade !== result.grade) out.push(`expected grade ${expect.grade ?? 'none'}, got ${result.grade ?? 'none'}`)
  if (expect.eligible !== undefined && expect.eligible !== result.eligible) out.push(`expected eligible ${expect.eligible}, got ${result.eligible}`)
  if (expect.rank !== undefined && (expect.rank ?? undefined) !== result.rank) out.push(`expected rank ${expect.rank ?? 'none'}, got ${result.rank ?? 'none'}`)
  if (expect.items) {
    const items = flatten(result.items)
    for (const [id, want] of Object.entries(expect.items)) {
      const item = items.get(id)
      if (!item) out.push(`expected item ${id} ${shown(want)}, but the rubric has no item ${id}`)
      else decimal(`${id}`, want, item.score)
    }
  }
  if (expect.money) {
    const m = result.money
    for (const k of ['net', 'rewardTotal', 'penaltyTotal'] as const) {
      if (expect.money[k] === undefined) continue
      if (!m) out.push(`expected money ${k} ${shown(expect.money[k]!)}, but the rubric has no money`)
      else decimal(`money ${k}`, expect.money[k], m[k])
    }
  }
  return out
}
