/**
 * Names a rubric refers to (facts, records, fields, quotas, items, grades),
 * each with the path of the referring property and what it is used for.
 */
import { makeDiagnostic } from '../diagnostics/codes'
import type { Diagnostic } from '../diagnostics/diagnostic'
import type { Fact } from '../model/declarations'
import type { Rubric } from '../model/rubric'
import { allItems, own } from './values'
import { didYouMean, type MutablePath, type Scan } from './walk'

export type FactType = Fact['type']

export type Ref =
  | { kind: 'fact'; name: string; path: MutablePath; use: string; types?: readonly FactType[] }
  | { kind: 'records' | 'quota' | 'item' | 'grade'; name: string; path: MutablePath; use: string }
  | { kind: 'field'; name: string; path: MutablePath; use: string; records: string; fieldType?: 'date' }

export const NUMERIC: readonly FactType[] = ['rate', 'number', 'integer']

/** Every reference in the rubric. `conditions` comes from `scanRubric` (all conditions, nested ones included). */
export function collectRefs(rubric: Rubric, conditions: Scan['conditions']): Ref[] {
  const refs: Ref[] = []
  const fact = (name: string, path: MutablePath, use: string, types?: readonly FactType[]) => refs.push({ kind: 'fact', name, path, use, ...(types ? { types } : {}) })
  const records = (name: string, path: MutablePath, use: string) => refs.push({ kind: 'records', name, path, use })
  const where = (w: Record<string, unknown> | undefined, list: string | undefined, path: MutablePath) => {
    if (!w || list === undefined) return
    for (const k of Object.keys(w)) refs.push({ kind: 'field', name: k, path: [...path, 'where', k], use: 'where', records: list })
  }
  const field = (name: string, list: string, path: MutablePath, use: string) => refs.push({ kind: 'field', name, path, use, records: list })

  for (const { item, path } of allItems(rubric)) {
    switch (item.kind) {
      case 'check':
        if (item.fact !== undefined) fact(item.fact, [...path, 'fact'], `check item "${item.id}"`, ['boolean'])
        break
      case 'judged':
      case 'deduct':
      case 'bands':
        fact(item.fact, [...path, 'fact'], `${item.kind} item "${item.id}"`, NUMERIC)
        break
      case 'count':
        if (item.fact !== undefined) fact(item.fact, [...path, 'fact'], `count item "${item.id}"`, ['integer'])
        if (item.records !== undefined) {
          records(item.records, [...path, 'records'], `count item "${item.id}"`)
          where(item.where, item.records, path)
          if (typeof item.points === 'object' && 'by' in item.points) field(item.points.by, item.records, [...path, 'points', 'by'], 'points.by')
        }
        break
      case 'deductions':
        item.deductions.forEach((d, j) => {
          const at = [...path, 'deductions', j]
          if (d.fact !== undefined) fact(d.fact, [...at, 'fact'], `deduction "${d.id}"`, ['integer', 'number'])
          if (d.records !== undefined) {
            records(d.records, [...at, 'records'], `deduction "${d.id}"`)
            where(d.where, d.records, at)
          }
        })
        break
      case 'weighted':
        item.terms.forEach((t, j) => fact(t.fact, [...path, 'terms', j, 'fact'], `a term of weighted item "${item.id}"`, ['score', 'number', 'rate', 'integer']))
        break
      case 'quota':
        refs.push({ kind: 'quota', name: item.quota, path: [...path, 'quota'], use: `quota item "${item.id}"` })
        break
    }
  }

  for (const { cond: c, path } of conditions) {
    if (typeof c.fact === 'string') fact(c.fact, [...path, 'fact'], 'a fact condition')
    if (typeof c.date === 'string') fact(c.date, [...path, 'date'], 'a date condition', ['date'])
    if (Array.isArray(c.span)) c.span.forEach((n, j) => typeof n === 'string' && fact(n, [...path, 'span', j], 'a span condition', ['date']))
    if (Array.isArray(c.order)) c.order.forEach((n, j) => typeof n === 'string' && fact(n, [...path, 'order', j], 'an order condition', ['date']))
    if (typeof c.before === 'string') fact(c.before, [...path, 'before'], 'a count condition', ['date'])
    if (typeof c.at === 'string') fact(c.at, [...path, 'at'], 'a date condition', ['date'])
    if (typeof c.count === 'string') {
      records(c.count, [...path, 'count'], 'a count condition')
      where(c.where as Record<string, unknown> | undefined, c.count, path)
    }
    if (typeof c.quota === 'string') refs.push({ kind: 'quota', name: c.quota, path: [...path, 'quota'], use: 'a quota condition' })
    if (typeof c.score === 'string' && c.score !== 'total') refs.push({ kind: 'item', name: c.score, path: [...path, 'score'], use: 'a score condition' })
  }

  ;(rubric.quotas ?? []).forEach((q, i) => {
    records(q.records, ['quotas', i, 'records'], `quota "${q.id}"`)
    where(q.where, q.records, ['quotas', i])
  })
  for (const [name, rt] of Object.entries(rubric.records ?? {})) {
    if (rt.key !== undefined) field(rt.key, name, ['records', name, 'key'], 'key')
    if (rt.date !== undefined) refs.push({ kind: 'field', name: rt.date, path: ['records', name, 'date'], use: 'date', records: name, fieldType: 'date' })
  }
  ;(rubric.money?.rewards ?? []).forEach((r, i) => {
    const at = ['money', 'rewards', i]
    records(r.records, [...at, 'records'], `reward "${r.id}"`)
    where(r.where, r.records, at)
    field(r.category, r.records, [...at, 'category'], 'category')
  })
  ;(rubric.money?.penalties ?? []).forEach((p, i) => {
    const at = ['money', 'penalties', i]
    if (p.quota !== undefined) refs.push({ kind: 'quota', name: p.quota, path: [...at, 'quota'], use: `penalty "${p.id}"` })
    if (p.fact !== undefined) fact(p.fact, [...at, 'fact'], `penalty "${p.id}"`, ['integer', 'number'])
  })
  const g = rubric.grades
  if (g) {
    ;(g.thresholds ?? []).forEach((t, i) => refs.push({ kind: 'grade', name: t.grade, path: ['grades', 'thresholds', i, 'grade'], use: 'a threshold' }))
    ;(g.quotas ?? []).forEach((q, i) => refs.push({ kind: 'grade', name: q.grade, path: ['grades', 'quotas', i, 'grade'], use: 'a ranked quota' }))
    if (g.ineligible !== undefined) refs.push({ kind: 'grade', name: g.ineligible, path: ['grades', 'ineligible'], use: 'ineligible' })
    ;(rubric.gates ?? []).forEach((gate, i) => (gate.bars ?? []).forEach((b, k) => refs.push({ kind: 'grade', name: b, path: ['gates', i, 'bars', k], use: `gate "${gate.id}"` })))
  }
  return refs
}

const article = (t: string): string => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`)
const list = (names: readonly string[]): string => (names.length === 0 ? 'none' : names.length > 12 ? `${names.slice(0, 12).join(', ')}, … (${names.length} in all)` : names.join(', '))

/** "; did you mean "x"?" when a declared name is close, else "; declared <what>: a, b, c." */
function suggest(name: string, names: readonly string[], what: string): string {
  return didYouMean(name, names) || `; ${what}: ${list(names)}.`
}

/** Diagnostics for references to undeclared names and facts of the wrong type. */
export function checkRefs(rubric: Rubric, refs: readonly Ref[]): Diagnostic[] {
  const out: Diagnostic[] = []
  const facts = rubric.facts ?? {}
  const recordTypes = rubric.records ?? {}
  const quotaIds = (rubric.quotas ?? []).map((q) => q.id)
  const itemIds = allItems(rubric).map((x) => x.item.id)
  const grades = rubric.grades?.order ?? []
  for (const r of refs) {
    switch (r.kind) {
      case 'fact': {
        const f = own(facts, r.name)
        if (!f) {
          out.push(makeDiagnostic('UNKNOWN_FACT', `Unknown fact "${r.name}" in ${r.use}${suggest(r.name, Object.keys(facts), 'declared facts')}`, { path: r.path }))
        } else if (r.types && !r.types.includes(f.type)) {
          out.push(
            makeDiagnostic('SCHEMA_INVALID_VALUE', `Fact "${r.name}" is ${article(f.type)} fact, but ${r.use} needs ${r.types.map(article).join(' or ')} fact.`, {
              path: r.path,
              hint: `Use a fact of type ${r.types.join(' or ')}, or change the type of "${r.name}" under facts.`,
            }),
          )
        }
        break
      }
      case 'records':
        if (!own(recordTypes, r.name)) out.push(makeDiagnostic('UNKNOWN_RECORDS', `Unknown records "${r.name}" in ${r.use}${suggest(r.name, Object.keys(recordTypes), 'declared records')}`, { path: r.path }))
        break
      case 'quota':
        if (!quotaIds.includes(r.name)) out.push(makeDiagnostic('UNKNOWN_QUOTA', `Unknown quota "${r.name}" in ${r.use}${suggest(r.name, quotaIds, 'declared quotas')}`, { path: r.path }))
        break
      case 'item':
        if (!itemIds.includes(r.name)) out.push(makeDiagnostic('UNKNOWN_ITEM', `Unknown item "${r.name}" in ${r.use}${didYouMean(r.name, itemIds) || '; use "total" or the id of an item.'}`, { path: r.path }))
        break
      case 'grade':
        if (!grades.includes(r.name)) out.push(makeDiagnostic('UNKNOWN_GRADE', `Unknown grade "${r.name}" in ${r.use}${suggest(r.name, grades, 'grades.order lists')}`, { path: r.path }))
        break
      case 'field': {
        const rt = own(recordTypes, r.records)
        if (!rt) break // reported as UNKNOWN_RECORDS
        const f = own(rt.fields, r.name)
        if (!f) out.push(makeDiagnostic('UNKNOWN_FIELD', `Records "${r.records}" have no field "${r.name}" (used as ${r.use})${suggest(r.name, Object.keys(rt.fields), 'fields')}`, { path: r.path }))
        else if (r.fieldType && f.type !== r.fieldType)
          out.push(makeDiagnostic('UNKNOWN_FIELD', `Field "${r.name}" of records "${r.records}" is ${article(f.type)} field, but ${r.use} must name a date field.`, { path: r.path, hint: `Name a field of type ${r.fieldType}, or declare "${r.name}" with type: ${r.fieldType}.` }))
      }
    }
  }
  return out
}
