/**
 * Names a rubric refers to (facts, records, fields, quotas, items, grades),
 * each with the path of the referring property and what it is used for.
 */
import { diagnose, makeDiagnostic, withinText } from '../diagnostics/diagnostic'
import { shown } from '../diagnostics/templates'
import { exprRefs, factOrComputed } from '../kinds/computed'
import type { Diagnostic } from '../diagnostics/diagnostic'
import type { Fact } from '../model/declarations'
import { formOf, kindOf } from '../kinds'
import type { Refs } from '../kinds/kit/spec'
import { own } from '../kinds/kit/values'
import { listWords } from '../kinds/facts'
import { withArticle } from '../kinds/kit/words'
import type { Rubric } from '../kinds/rubric'
import { allItems } from './values'
import { closest, didYouMean, suggestBudget, type MutablePath, type Scan, type SuggestBudget } from './walk'

export type FactType = Fact['type']

export type Ref =
  | { kind: 'fact'; name: string; path: MutablePath; use: string; types?: readonly FactType[]; role?: 'count'; within?: { text: string; start: number; end: number } }
  | { kind: 'records' | 'quota' | 'item' | 'grade'; name: string; path: MutablePath; use: string }
  | { kind: 'field'; name: string; path: MutablePath; use: string; records: string; fieldType?: 'date' }

/** References already collected, by rubric object and its scan's conditions (validation, linter and compiler share them). */
const collected = new WeakMap<object, { conditions: Scan['conditions']; refs: readonly Ref[] }>()

/** A rubric's references, as its constructs report them (collected once per rubric object and scan). */
export function collectRefs(rubric: Rubric, conditions: Scan['conditions']): readonly Ref[] {
  const kept = collected.get(rubric)
  if (kept !== undefined && kept.conditions === conditions) return kept.refs
  const refs = refsOf(rubric, conditions)
  collected.set(rubric, { conditions, refs })
  return refs
}

function refsOf(rubric: Rubric, conditions: Scan['conditions']): Ref[] {
  const refs: Ref[] = []
  const sink: Refs = {
    fact: (name, path, use, types, role) => refs.push({ kind: 'fact', name, path, use, ...(types ? { types } : {}), ...(role ? { role } : {}) }),
    records: (name, path, use) => refs.push({ kind: 'records', name, path, use }),
    where(w, list, at) {
      if (w) for (const k of Object.keys(w)) refs.push({ kind: 'field', name: k, path: [...at, 'where', k], use: 'where', records: list })
    },
    field: (name, list, path, use, fieldType) => refs.push({ kind: 'field', name, path, use, records: list, ...(fieldType === 'date' ? { fieldType } : {}) }),
    quota: (name, path, use) => refs.push({ kind: 'quota', name, path, use }),
    item: (name, path, use) => refs.push({ kind: 'item', name, path, use }),
    name: (name, path, use, within) => refs.push({ kind: 'fact', name, path, use, within }),
  }
  for (const { item, path } of allItems(rubric)) kindOf(item).refs(item, sink, path)
  for (const { cond, path } of conditions) formOf(cond).refs(cond, sink, path)
  for (const [name, c] of Object.entries(rubric.computed ?? {})) exprRefs(c.expr, sink, ['computed', name, 'expr'], `computed value "${name}"`)

  ;(rubric.quotas ?? []).forEach((q, i) => {
    sink.records(q.records, ['quotas', i, 'records'], `quota "${q.id}"`)
    sink.where(q.where, q.records, ['quotas', i])
  })
  for (const [name, rt] of Object.entries(rubric.records ?? {})) {
    if (rt.key !== undefined) sink.field(rt.key, name, ['records', name, 'key'], 'key')
    if (rt.date !== undefined) sink.field(rt.date, name, ['records', name, 'date'], 'date', 'date')
  }
  ;(rubric.money?.rewards ?? []).forEach((r, i) => {
    const at = ['money', 'rewards', i]
    sink.records(r.records, [...at, 'records'], `reward "${r.id}"`)
    sink.where(r.where, r.records, at)
    sink.field(r.category, r.records, [...at, 'category'], 'category')
  })
  ;(rubric.findings ?? []).forEach((f, i) => f.fact !== undefined && sink.fact(f.fact, ['findings', i, 'fact'], `finding "${f.id}"`))
  ;(rubric.money?.penalties ?? []).forEach((p, i) => {
    const at = ['money', 'penalties', i]
    if (p.quota !== undefined) sink.quota(p.quota, [...at, 'quota'], `penalty "${p.id}"`)
    if (p.fact !== undefined) sink.fact(p.fact, [...at, 'fact'], `penalty "${p.id}"`, ['integer', 'number'], 'count')
  })
  const g = rubric.grades
  if (g) {
    ;(g.thresholds ?? []).forEach((t, i) => refs.push({ kind: 'grade', name: t.grade, path: ['grades', 'thresholds', i, 'grade'], use: 'a threshold' }))
    ;(g.quotas ?? []).forEach((q, i) => refs.push({ kind: 'grade', name: q.grade, path: ['grades', 'quotas', i, 'grade'], use: 'a ranked quota' }))
    if (g.ineligible !== undefined) refs.push({ kind: 'grade', name: g.ineligible, path: ['grades', 'ineligible'], use: 'ineligible' })
    if (g.groupBy !== undefined) refs.push({ kind: 'fact', name: g.groupBy, path: ['grades', 'groupBy'], use: 'grades.groupBy', types: ['enum'] })
    ;(rubric.gates ?? []).forEach((gate, i) => (gate.bars ?? []).forEach((b, k) => refs.push({ kind: 'grade', name: b, path: ['gates', i, 'bars', k], use: `gate "${gate.id}"` })))
  }
  return refs
}

const list = (names: readonly string[]): string => (names.length === 0 ? 'none' : listWords(names))

/** "; did you mean "x"?" when a declared name is close, else "; declared <what>: a, b, c." */
function suggest(name: string, names: readonly string[], what: string, budget: SuggestBudget): string {
  return didYouMean(name, names, budget) || `; ${what}: ${list(names)}.`
}

/** Diagnostics for references to undeclared names and facts of the wrong type. */
export function checkRefs(rubric: Rubric, refs: readonly Ref[]): Diagnostic[] {
  const out: Diagnostic[] = []
  const facts = rubric.facts ?? {}
  const recordTypes = rubric.records ?? {}
  // Lists for suggestions, sets for look-ups: one look-up per reference, whatever the rubric's size.
  const quotaIds = (rubric.quotas ?? []).map((q) => q.id)
  const itemIds = allItems(rubric).map((x) => x.item.id)
  const grades = rubric.grades?.order ?? []
  const quotaSet = new Set(quotaIds)
  const itemSet = new Set(itemIds)
  const gradeSet = new Set(grades)
  const budget = suggestBudget() // one for all the suggestions of the rubric
  for (const r of refs) {
    switch (r.kind) {
      case 'fact': {
        const f = factOrComputed(rubric, r.name)
        if (!f) {
          // a name in an expression may also be a parameter (its type is the expression's rule)
          if (r.within !== undefined && own(rubric.params, r.name) !== undefined) break
          const names = r.within !== undefined ? [...Object.keys(facts), ...Object.keys(rubric.computed ?? {}), ...Object.keys(rubric.params ?? {})] : [...Object.keys(facts), ...Object.keys(rubric.computed ?? {})]
          const suggestion = closest(r.name, names, budget)
          const declared = suggestion === undefined ? { declared: shown(names), declaredCount: names.length } : { declared: [], declaredCount: names.length }
          const d = diagnose('UNKNOWN_FACT', { name: r.name, use: r.use, inExpression: r.within !== undefined, suggestion, ...declared }, { path: r.path })
          out.push(r.within !== undefined ? withinText(d, r.within.text, r.within.start, r.within.end) : d)
        } else if (r.types && !r.types.includes(f.type)) {
          out.push(
            makeDiagnostic('SCHEMA_INVALID_VALUE', `Fact "${r.name}" is ${withArticle(f.type)} fact, but ${r.use} needs ${r.types.map(withArticle).join(' or ')} fact.`, {
              path: r.path,
              hint: `Use a fact of type ${r.types.join(' or ')}, or change the type of "${r.name}" under facts.`,
            }),
          )
        }
        break
      }
      case 'records':
        if (!own(recordTypes, r.name)) out.push(makeDiagnostic('UNKNOWN_RECORDS', `Unknown records "${r.name}" in ${r.use}${suggest(r.name, Object.keys(recordTypes), 'declared records', budget)}`, { path: r.path }))
        break
      case 'quota':
        if (!quotaSet.has(r.name)) out.push(makeDiagnostic('UNKNOWN_QUOTA', `Unknown quota "${r.name}" in ${r.use}${suggest(r.name, quotaIds, 'declared quotas', budget)}`, { path: r.path }))
        break
      case 'item':
        if (!itemSet.has(r.name)) out.push(makeDiagnostic('UNKNOWN_ITEM', `Unknown item "${r.name}" in ${r.use}${didYouMean(r.name, itemIds, budget) || '; use "total" or the id of an item.'}`, { path: r.path }))
        break
      case 'grade':
        if (!gradeSet.has(r.name)) out.push(makeDiagnostic('UNKNOWN_GRADE', `Unknown grade "${r.name}" in ${r.use}${suggest(r.name, grades, 'grades.order lists', budget)}`, { path: r.path }))
        break
      case 'field': {
        const rt = own(recordTypes, r.records)
        if (!rt) break // reported as UNKNOWN_RECORDS
        const f = own(rt.fields, r.name)
        if (!f) out.push(makeDiagnostic('UNKNOWN_FIELD', `Records "${r.records}" have no field "${r.name}" (used as ${r.use})${suggest(r.name, Object.keys(rt.fields), 'fields', budget)}`, { path: r.path }))
        else if (r.fieldType && f.type !== r.fieldType)
          out.push(makeDiagnostic('UNKNOWN_FIELD', `Field "${r.name}" of records "${r.records}" is ${withArticle(f.type)} field, but ${r.use} must name a date field.`, { path: r.path, hint: `Name a field of type ${r.fieldType}, or declare "${r.name}" with type: ${r.fieldType}.` }))
      }
    }
  }
  return out
}
