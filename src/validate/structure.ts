/** Duplicate ids and grade names; maxima that do not add up to the total; score conditions that look ahead. */
import { diagnose, makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic'
import { kindOf } from '../kinds'
import type { Rubric } from '../kinds/rubric'
import { sumMax } from '../kinds/section'
import { allItems, fmt, literalFixed } from './values'
import type { MutablePath, Scan } from './walk'

/** DUPLICATE_ID among items, gates, quotas, deductions, rewards and penalties (one namespace), and among grade names. */
export function checkDuplicates(rubric: Rubric): Diagnostic[] {
  const out: Diagnostic[] = []
  const seen = new Map<string, { path: MutablePath; what: string }>()
  const define = (id: string, path: MutablePath, what: string) => {
    const first = seen.get(id)
    if (first === undefined) seen.set(id, { path, what })
    else
      out.push(
        diagnose('DUPLICATE_ID', { id, what, firstWhat: first.what }, {
          path,
          related: [{ message: 'First defined here.', path: first.path }],
        }),
      )
  }
  for (const { item, path } of allItems(rubric)) {
    define(item.id, [...path, 'id'], 'item')
    for (const inner of kindOf(item).ids?.(item, path) ?? []) define(inner.id, inner.path, inner.what)
  }
  ;(rubric.gates ?? []).forEach((g, i) => define(g.id, ['gates', i, 'id'], 'gate'))
  ;(rubric.quotas ?? []).forEach((q, i) => define(q.id, ['quotas', i, 'id'], 'quota'))
  ;(rubric.money?.rewards ?? []).forEach((r, i) => define(r.id, ['money', 'rewards', i, 'id'], 'reward'))
  ;(rubric.money?.penalties ?? []).forEach((p, i) => define(p.id, ['money', 'penalties', i, 'id'], 'penalty'))

  const grades = new Map<string, number>()
  ;(rubric.grades?.order ?? []).forEach((g, i) => {
    const first = grades.get(g)
    if (first === undefined) grades.set(g, i)
    else out.push(diagnose('DUPLICATE_ID', { grade: g }, { path: ['grades', 'order', i], related: [{ message: 'First defined here.', path: ['grades', 'order', first] }] }))
  })
  return out
}

/** MAX_MISMATCH: the top-level items must add up to the total (sections check their own items). */
export function checkTotal(rubric: Rubric): Diagnostic[] {
  // a top-level max from a parameter is checked with the parameter's value (rules.ts), overrides included
  if (rubric.items.some((it) => typeof it.max === 'object')) return []
  const total = literalFixed(rubric.total)
  const top = sumMax(rubric.items)
  if (total === undefined || top === undefined || total === top) return []
  return [makeDiagnostic('MAX_MISMATCH', `Items add up to ${fmt(top)}, but total is ${fmt(total)}.`, { path: ['total'], hint: `Make total ${fmt(top)}, or change the items' max so they add up to ${fmt(total)}.` })]
}

/**
 * A score condition inside the item tree (an item's `requires`, a check's `when`) may name only an item scored
 * before the item that uses it: items are scored children first, in the order written, so that is one of its own
 * items or an item of an earlier branch; never itself, an enclosing section, a later item or the total.
 */
export function checkScoreOrder(rubric: Rubric, scan: Scan): Diagnostic[] {
  const out: Diagnostic[] = []
  const order = new Map<string, number>() // item path → place in scoring order
  const byId = new Map<string, number>()
  const idAt = new Map<string, string>()
  let n = 0
  const visit = (items: Rubric['items'], path: MutablePath): void =>
    items.forEach((item, i) => {
      const at = [...path, i]
      if (item.kind === 'section') visit(item.items, [...at, 'items'])
      order.set(JSON.stringify(at), n)
      idAt.set(JSON.stringify(at), item.id)
      byId.set(item.id, n++)
    })
  visit(rubric.items, ['items'])
  for (const { cond, path } of scan.conditions) {
    if (typeof cond.score !== 'string' || path[0] !== 'items') continue
    // The item that uses the condition: the path up to its last item index.
    let end = path.length
    while (end > 1 && !(path[end - 2] === 'items' && typeof path[end - 1] === 'number')) end--
    const owner = path.slice(0, end)
    const at = order.get(JSON.stringify(owner))
    const ref = cond.score === 'total' ? undefined : byId.get(cond.score)
    if (at === undefined || (cond.score !== 'total' && ref === undefined)) continue // unknown item: UNKNOWN_ITEM
    if (ref !== undefined && ref < at) continue
    const user = idAt.get(JSON.stringify(owner))
    out.push(
      makeDiagnostic('SCHEMA_INVALID_VALUE', `A score condition inside the item tree can only read an item scored before the item that uses it; "${cond.score}" is ${cond.score === 'total' ? 'the total, scored last' : cond.score === user ? 'the item itself' : 'scored after'} "${user}".`, {
        path: [...path, 'score'],
        hint: 'Items are scored children first, in the order written. Refer to one of its own items or an earlier item, or test the score in a gate or a grade threshold, where every score is known.',
      }),
    )
  }
  return out
}
