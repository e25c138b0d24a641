/**
 * The semantic linter: findings about a schema-valid rubric that need
 * reasoning about values — band coverage, unreachable grades, deductions
 * without a floor, money categories without amounts, unused declarations.
 * Every diagnostic carries the path of the place to fix.
 */
import { makeDiagnostic } from '../diagnostics/codes'
import type { Diagnostic } from '../diagnostics/diagnostic'
import { Rubric } from '../model/rubric'
import { collectRefs } from '../validate/refs'
import { allItems, own } from '../validate/values'
import { scanRubric } from '../validate/walk'
import { lintBands } from './bands'
import { lintFloor } from './floors'
import { lintGrades } from './grades'

export function lintRubric(rubric: Rubric): Diagnostic[] {
  const out: Diagnostic[] = []
  const scan = scanRubric(Rubric, rubric)

  for (const { item, path } of allItems(rubric)) {
    if (item.kind === 'bands') out.push(...lintBands(rubric, item, path))
    if (item.kind === 'deduct' || item.kind === 'deductions' || item.kind === 'quota') {
      try {
        const d = lintFloor(rubric, item, path)
        if (d) out.push(d)
      } catch {
        // values beyond the exact range: nothing sensible to say about the floor
      }
    }
  }
  out.push(...lintGrades(rubric))
  out.push(...lintMoney(rubric))

  const usedParams = new Set(scan.params.map((p) => p.name))
  for (const name of Object.keys(rubric.params ?? {}))
    if (!usedParams.has(name)) out.push(makeDiagnostic('UNUSED_PARAM', `The parameter "${name}" is declared but no { param: ${name} } uses it.`, { path: ['params', name] }))

  const usedFacts = new Set(collectRefs(rubric, scan.conditions).flatMap((r) => (r.kind === 'fact' ? [r.name] : [])))
  for (const name of Object.keys(rubric.facts ?? {}))
    if (!usedFacts.has(name)) out.push(makeDiagnostic('UNUSED_FACT', `The fact "${name}" is declared but nothing uses it.`, { path: ['facts', name] }))
  return out
}

/** MONEY_CATEGORY_WITHOUT_AMOUNT: an enum category field whose (selected) values lack amounts, or amounts for values it does not have. */
function lintMoney(rubric: Rubric): Diagnostic[] {
  const out: Diagnostic[] = []
  ;(rubric.money?.rewards ?? []).forEach((r, i) => {
    const field = own(own(rubric.records ?? {}, r.records)?.fields ?? {}, r.category)
    if (field?.type !== 'enum') return
    const at = ['money', 'rewards', i, 'amounts']
    const filter = r.where?.[r.category]
    const selected = filter === undefined ? field.values : field.values.filter((v) => (Array.isArray(filter) ? filter : [filter]).map(String).includes(v))
    const missing = selected.filter((v) => !Object.prototype.hasOwnProperty.call(r.amounts, v))
    if (missing.length)
      out.push(
        makeDiagnostic('MONEY_CATEGORY_WITHOUT_AMOUNT', `Reward "${r.id}" has no amount for ${missing.map((v) => `"${v}"`).join(', ')} (values of ${r.records}.${r.category}).`, {
          path: at,
          hint: `Add an amount (yuan per record) for each value of ${r.category}, or exclude those values with where.`,
        }),
      )
    for (const key of Object.keys(r.amounts))
      if (!field.values.includes(key))
        out.push(
          makeDiagnostic('MONEY_CATEGORY_WITHOUT_AMOUNT', `Reward "${r.id}" gives an amount for "${key}", which is not a value of ${r.records}.${r.category} (${field.values.join(', ')}).`, {
            path: [...at, key],
            hint: `Use one of the values of ${r.category}, or add "${key}" to its values.`,
          }),
        )
  })
  return out
}
