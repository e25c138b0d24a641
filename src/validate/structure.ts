/** Duplicate ids and grade names; maxima that do not add up. */
import { makeDiagnostic } from '../diagnostics/codes'
import type { Diagnostic } from '../diagnostics/diagnostic'
import type { Item } from '../model/item'
import type { Rubric } from '../model/rubric'
import { add, type Fixed } from '../num/fixed'
import { allItems, fmt, literalFixed, valueFixed } from './values'
import type { MutablePath } from './walk'

/** DUPLICATE_ID among items, gates, quotas, deductions, rewards and penalties (one namespace), and among grade names. */
export function checkDuplicates(rubric: Rubric): Diagnostic[] {
  const out: Diagnostic[] = []
  const seen = new Map<string, { path: MutablePath; what: string }>()
  const define = (id: string, path: MutablePath, what: string) => {
    const first = seen.get(id)
    if (first === undefined) seen.set(id, { path, what })
    else
      out.push(
        makeDiagnostic('DUPLICATE_ID', `The id "${id}" of this ${what} is already used by ${first.what === what ? 'another' : 'a'} ${first.what}.`, {
          path,
          related: [{ message: 'First defined here.', path: first.path }],
        }),
      )
  }
  for (const { item, path } of allItems(rubric)) {
    define(item.id, [...path, 'id'], 'item')
    if (item.kind === 'deductions') item.deductions.forEach((d, j) => define(d.id, [...path, 'deductions', j, 'id'], 'deduction'))
  }
  ;(rubric.gates ?? []).forEach((g, i) => define(g.id, ['gates', i, 'id'], 'gate'))
  ;(rubric.quotas ?? []).forEach((q, i) => define(q.id, ['quotas', i, 'id'], 'quota'))
  ;(rubric.money?.rewards ?? []).forEach((r, i) => define(r.id, ['money', 'rewards', i, 'id'], 'reward'))
  ;(rubric.money?.penalties ?? []).forEach((p, i) => define(p.id, ['money', 'penalties', i, 'id'], 'penalty'))

  const grades = new Map<string, number>()
  ;(rubric.grades?.order ?? []).forEach((g, i) => {
    const first = grades.get(g)
    if (first === undefined) grades.set(g, i)
    else out.push(makeDiagnostic('DUPLICATE_ID', `The grade "${g}" is listed twice in grades.order.`, { path: ['grades', 'order', i], related: [{ message: 'First defined here.', path: ['grades', 'order', first] }] }))
  })
  return out
}

function sumMax(items: readonly Item[]): Fixed | undefined {
  let sum = 0
  for (const it of items) {
    const m = literalFixed(it.max)
    if (m === undefined) return undefined
    try {
      sum = add(sum, m)
    } catch {
      return undefined // beyond the exact range: reported elsewhere
    }
  }
  return sum
}

/** MAX_MISMATCH: sections and the total must equal the sum of their parts; a leaf cannot give more than its max. */
export function checkMaxima(rubric: Rubric): Diagnostic[] {
  const out: Diagnostic[] = []
  const total = literalFixed(rubric.total)
  const top = sumMax(rubric.items)
  if (total !== undefined && top !== undefined && total !== top)
    out.push(makeDiagnostic('MAX_MISMATCH', `Items add up to ${fmt(top)}, but total is ${fmt(total)}.`, { path: ['total'], hint: `Make total ${fmt(top)}, or change the items' max so they add up to ${fmt(total)}.` }))

  for (const { item, path } of allItems(rubric)) {
    const max = literalFixed(item.max)
    if (max === undefined) continue
    const over = (key: string, v: unknown, what: string) => {
      const x = valueFixed(rubric, v)
      if (x !== undefined && x > max)
        out.push(makeDiagnostic('MAX_MISMATCH', `Item "${item.id}": ${what} ${fmt(x)} is more than its max ${fmt(max)}.`, { path: [...path, ...key.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k))], hint: `Lower ${what}, or raise max to ${fmt(x)} (and its parent's).` }))
    }
    if (item.otherwise !== undefined) over('otherwise', item.otherwise, 'otherwise')
    switch (item.kind) {
      case 'section': {
        const sum = sumMax(item.items)
        if (item.cap === true) {
          if (sum !== undefined && sum < max)
            out.push(makeDiagnostic('MAX_MISMATCH', `Items add up to ${fmt(sum)}, less than the section's max ${fmt(max)}, so the section can never reach it; cap: true is for a bonus section whose items add up to more than its max.`, { path: [...path, 'max'], hint: `Make max ${fmt(sum)} (and drop cap: true), or raise the items' max so they add up to at least ${fmt(max)}.` }))
          break
        }
        if (sum !== undefined && sum !== max)
          out.push(makeDiagnostic('MAX_MISMATCH', `Items add up to ${fmt(sum)}, but the section's max is ${fmt(max)}.`, { path: [...path, 'max'], hint: `Make max ${fmt(sum)}, change the items' max, or set cap: true for a bonus section whose items may add up to more.` }))
        break
      }
      case 'check':
        if (item.points !== undefined) over('points', item.points, 'points')
        if (item.else !== undefined) over('else', item.else, 'else')
        break
      case 'count':
        if (item.cap !== undefined) over('cap', item.cap, 'cap')
        break
      case 'deduct':
        if (item.from !== undefined) over('from', item.from, 'from')
        break
      case 'deductions':
        if (item.base !== undefined) over('base', item.base, 'base')
        break
      case 'bands':
        item.bands.forEach((b, j) => b.points !== undefined && over(`bands.${j}.points`, b.points, `the points of band ${j}`))
        break
    }
  }
  return out
}
