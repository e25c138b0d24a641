/**
 * The semantic linter: findings about a schema-valid rubric that need reasoning about values — band coverage and
 * deductions without a floor (each item kind lints itself, src/kinds), unreachable grades, money categories without
 * amounts, unused declarations. Every diagnostic carries the path of the place to fix.
 */
import { makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic'
import { kindOf } from '../kinds'
import type { Checker } from '../kinds/kit/spec'
import { own, withinRange } from '../kinds/kit/values'
import { listWords } from '../kinds/kit/words'
import { Rubric } from '../kinds/rubric'
import { expressionsOf, lintComputed, namesInBroken } from '../kinds/computed'
import { makeChecker } from '../validate/checker'
import { collectRefs } from '../validate/refs'
import { allItems } from '../validate/values'
import { scanRubric } from '../validate/walk'
import { lintGrades } from './grades'

/** The lint findings of every item (band gaps, deductions without a floor), with `c` resolving values. */
export function lintConstructs(rubric: Rubric, c: Checker): void {
  for (const { item, path } of allItems(rubric)) withinRange(() => kindOf(item).lint?.(item, c, path))
}

export function lintRubric(rubric: Rubric): Diagnostic[] {
  const out: Diagnostic[] = []
  const scan = scanRubric(Rubric, rubric)
  const checker = makeChecker(rubric, out)
  lintConstructs(rubric, checker)
  lintComputed(rubric, checker)
  out.push(...lintGrades(rubric))
  out.push(...lintMoney(rubric))

  const refs = collectRefs(rubric, scan.conditions)
  // parameters are used as { param: name }, or by name in an expression
  const broken = expressionsOf(rubric, scan.conditions).flatMap((e) => namesInBroken(e.text))
  const usedParams = new Set([...scan.params.map((p) => p.name), ...refs.flatMap((r) => (r.kind === 'fact' && r.within !== undefined ? [r.name] : [])), ...scan.conditions.flatMap(({ cond }) => (typeof cond.param === 'string' ? [cond.param] : [])), ...broken])
  for (const name of Object.keys(rubric.params ?? {}))
    if (!usedParams.has(name)) out.push(makeDiagnostic('UNUSED_PARAM', `The parameter "${name}" is declared but no { param: ${name} } uses it.`, { path: ['params', name] }))

  const usedFacts = new Set([...refs.flatMap((r) => (r.kind === 'fact' ? [r.name] : [])), ...broken])
  for (const name of Object.keys(rubric.facts ?? {}))
    if (!usedFacts.has(name)) out.push(makeDiagnostic('UNUSED_FACT', `The fact "${name}" is declared but nothing uses it.`, { path: ['facts', name] }))
  for (const name of Object.keys(rubric.computed ?? {}))
    if (!usedFacts.has(name)) out.push(makeDiagnostic('UNUSED_FACT', `The computed value "${name}" is declared but nothing reads it.`, { path: ['computed', name] }))
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
    const wanted = filter === undefined ? undefined : new Set((Array.isArray(filter) ? filter : [filter]).map(String))
    const selected = wanted === undefined ? field.values : field.values.filter((v) => wanted.has(v))
    const missing = selected.filter((v) => !Object.prototype.hasOwnProperty.call(r.amounts, v))
    if (missing.length)
      out.push(
        makeDiagnostic('MONEY_CATEGORY_WITHOUT_AMOUNT', `Reward "${r.id}" has no amount for ${listWords(missing, undefined, ', ', (v) => `"${v}"`)} (values of ${r.records}.${r.category}).`, {
          path: at,
          hint: `Add an amount (yuan per record) for each value of ${r.category}, or exclude those values with where.`,
        }),
      )
    const values = new Set(field.values)
    for (const key of Object.keys(r.amounts))
      if (!values.has(key))
        out.push(
          makeDiagnostic('MONEY_CATEGORY_WITHOUT_AMOUNT', `Reward "${r.id}" gives an amount for "${key}", which is not a value of ${r.records}.${r.category} (${listWords(field.values)}).`, {
            path: [...at, key],
            hint: `Use one of the values of ${r.category}, or add "${key}" to its values.`,
          }),
        )
  })
  return out
}
