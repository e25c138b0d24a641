/**
 * What each fact and field type accepts in a workbook, in words (Chinese and English): the header notes and the
 * validation messages of the template. Each says what the reader takes, which is what CSV evidence takes
 * (src/load/csv-evidence.ts, `cellValue`; docs/evidence.md §9–10), plus what a workbook cell holds that a CSV field
 * does not: a yes/no cell (TRUE/FALSE), a date cell, a number typed with % (Excel keeps 87.5% as 0.875).
 */
import type { Fact, Field } from '../../model/declarations'
import { literalFixed } from '../../kinds/kit/values'
import { add, toFixedString, type Fixed } from '../../num/fixed'
import type { Rubric } from '../../kinds/rubric'
import type { Item } from '../../kinds'

/** The range a judged item gives the fact it reads: [min, max + bonus], and whether a score outside is refused. */
export interface JudgedRange {
  item: string
  title: string
  min: Fixed
  max: Fixed
  refused: boolean
}

/**
 * The judged items of a rubric by the fact each reads (the first item, when several read one fact). A max given by a
 * parameter is taken at the parameter's default (the template is written before any --param); without a number, the
 * fact gets no range.
 */
export function judgedRanges(rubric: Rubric): Map<string, JudgedRange> {
  const out = new Map<string, JudgedRange>()
  const valueOf = (v: unknown): Fixed | undefined => {
    if (v !== null && typeof v === 'object' && 'param' in v) {
      const p = rubric.params?.[(v as { param: string }).param]
      return p && (p.type === 'number' || p.type === 'integer' || p.type === 'rate') ? literalFixed(p.default) : undefined
    }
    return literalFixed(v)
  }
  const walk = (items: readonly Item[]) => {
    for (const item of items) {
      if (item.kind === 'section') walk(item.items)
      else if (item.kind === 'judged' && !out.has(item.fact)) {
        const max = valueOf(item.max)
        const min = item.min === undefined ? 0 : valueOf(item.min)
        const bonus = item.bonus === undefined ? 0 : valueOf(item.bonus)
        if (max === undefined || min === undefined || bonus === undefined) continue
        out.set(item.fact, { item: item.id, title: item.title, min, max: add(max, bonus), refused: item.outOfRange === 'error' })
      }
    }
  }
  walk(rubric.items)
  return out
}

/** A rubric decimal as text (`"1"`, `"0.5"`), or undefined. */
export const decimal = (v: unknown): string | undefined => {
  const f = literalFixed(v)
  return f === undefined ? undefined : toFixedString(f)
}

/** " from 1 to 3", " of at least 0", … (and the Chinese). */
export function rangeWords(min: string | undefined, max: string | undefined): { en: string; zh: string } {
  if (min !== undefined && max !== undefined) return { en: ` from ${min} to ${max}`, zh: `${min}至${max}` }
  if (min !== undefined) return { en: ` of at least ${min}`, zh: `不小於${min}` }
  if (max !== undefined) return { en: ` of at most ${max}`, zh: `不大於${max}` }
  return { en: '', zh: '' }
}

/** What a cell of a fact accepts: `{ type, zh, en }` for the header note. */
export function factAccepts(name: string, fact: Fact, judged: JudgedRange | undefined): { zh: string; en: string } {
  switch (fact.type) {
    case 'boolean':
      return { zh: '是/否(也可填 true/false、yes/no、1/0)', en: 'yes or no: 是/否 (also true/false, yes/no, 1/0)' }
    case 'rate':
      return { zh: '0到1之間的比率:0.875,或連同百分號填87.5%', en: 'a proportion from 0 to 1: 0.875, or 87.5% typed with the % sign (Excel keeps it as 0.875)' }
    case 'number': {
      const own = rangeWords(decimal(fact.min), decimal(fact.max))
      if (judged && fact.min === undefined && fact.max === undefined) {
        const r = rangeWords(toFixedString(judged.min), toFixedString(judged.max))
        const outside = judged.refused ? { zh: '超出範圍不予受理', en: 'a score outside is refused' } : { zh: '超出範圍按上下限計分並提示', en: 'a score outside is clamped into it, with a warning' }
        return { zh: `評分${r.zh}分(項目 ${judged.item}「${judged.title}」;${outside.zh}),最多6位小數`, en: `the judged score of item ${judged.item},${r.en} (${outside.en}); at most 6 decimal places` }
      }
      return { zh: `數值${own.zh},最多6位小數`, en: `a number${own.en}, at most 6 decimal places` }
    }
    case 'integer': {
      const r = rangeWords(fact.min === undefined ? undefined : String(fact.min), fact.max === undefined ? undefined : String(fact.max))
      return { zh: `整數${r.zh}`, en: `a whole number${r.en}` }
    }
    case 'date':
      return { zh: '日期,如2017-12-31', en: 'a date: a date cell, or text written YYYY-MM-DD' }
    case 'enum':
      return { zh: `下列之一:${fact.values.join('、')}`, en: `one of: ${fact.values.join(', ')}` }
    case 'score':
      return fact.many
        ? { zh: `考評辦法 ${fact.rubric} 的得分(0至${decimal(fact.max)}),多個以分號(;)分隔`, en: `results of rubric ${fact.rubric} (each from 0 to ${decimal(fact.max)}), separated by ;` }
        : { zh: `考評辦法 ${fact.rubric} 的得分,0至${decimal(fact.max)}`, en: `the result of rubric ${fact.rubric}, from 0 to ${decimal(fact.max)}` }
  }
  return { zh: name, en: name }
}

/** What a cell of a record field accepts. */
export function fieldAccepts(field: Field): { zh: string; en: string } {
  switch (field.type) {
    case 'string':
      return { zh: '文字', en: 'text' }
    case 'date':
      return { zh: '日期,如2017-12-31', en: 'a date: a date cell, or text written YYYY-MM-DD' }
    case 'number':
      return { zh: '數值,最多6位小數', en: 'a number, at most 6 decimal places' }
    case 'integer':
      return { zh: '整數', en: 'a whole number' }
    case 'boolean':
      return { zh: '是/否(也可填 true/false、yes/no、1/0)', en: 'yes or no: 是/否 (also true/false, yes/no, 1/0)' }
    case 'enum':
      return { zh: `下列之一:${field.values.join('、')}`, en: `one of: ${field.values.join(', ')}` }
  }
}
