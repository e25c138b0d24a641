/**
 * A diagnostic's words in a language. English is the diagnostic itself (`message`, `hint`). Chinese comes from the
 * catalogue: the code's message template when the diagnostic carries params that still render its English message,
 * else the code's Chinese title followed by the English detail in parentheses (the values and names a rubric author
 * needs are in the detail; the title says what kind of problem it is). Hints likewise: a template's, the catalogue's
 * Chinese hint for the catalogue's English one, or the Chinese hint with the call site's own English advice after it.
 */
import { codes, isCode, type CodeInfo, type Severity } from './codes'
import type { Diagnostic } from './diagnostic'
import { own, type Lang, type Template } from './templates'

export type { Lang }

/** The languages messages are printed in. */
export const LANGS: readonly Lang[] = ['en', 'zh']

/** Words of the printed form, by language. */
export const WORDS: Record<Lang, { severity: Record<Severity, string>; hint: string; related: string; subject: string }> = {
  en: { severity: { error: 'error', warning: 'warning', info: 'info' }, hint: 'hint: ', related: 'related: ', subject: 'subject' },
  // 建议 for the hint: 提示 is the severity info
  zh: { severity: { error: '错误', warning: '警告', info: '提示' }, hint: '建议：', related: '相关：', subject: '单位' },
}

/** Fixed sentences of related locations, in Chinese (the rest print in English). */
const RELATED_ZH: Record<string, string> = {
  'First defined here.': '第一次定义在这里。',
  'The parser noticed it here.': '解析器在这里发现了问题。',
}

/** The template of the diagnostic's code, when it has one and the diagnostic carries params. */
function templateOf(d: Diagnostic): Template<NonNullable<Diagnostic['params']>> | undefined {
  if (d.params === undefined || d.params === null || typeof d.params !== 'object' || !isCode(d.code)) return undefined
  return (codes[d.code] as CodeInfo).message as Template<NonNullable<Diagnostic['params']>> | undefined
}

/** Renders, or undefined when a template throws on params it was not made for (a hand-made diagnostic). */
function render(f: ((p: NonNullable<Diagnostic['params']>) => string | undefined) | undefined, d: Diagnostic): string | undefined {
  try {
    return f?.(d.params!)
  } catch {
    return undefined
  }
}

/** Drops a final full stop, so that the English detail can follow in parentheses. */
const unstop = (s: string): string => s.replace(/[。.]$/, '')

/** The message of `d` in `lang`. */
export function messageIn(d: Diagnostic, lang: Lang): string {
  if (lang !== 'zh' || !isCode(d.code)) return d.message
  const t = templateOf(d)
  // the Chinese template only while the English one still gives the message: a message changed after it was made
  // (a sentence added) would otherwise lose what was added
  if (t && render(t.en, d) === d.message) {
    const zh = render(t.zh, d)
    if (zh !== undefined) return zh
  }
  return `${unstop(codes[d.code].zh.title)}（${d.message}）`
}

/** The hint of `d` in `lang` (undefined when it has none). */
export function hintIn(d: Diagnostic, lang: Lang): string | undefined {
  if (lang !== 'zh' || d.hint === undefined || !isCode(d.code)) return d.hint
  const info = codes[d.code]
  const t = templateOf(d)
  if (t?.hint && render(t.hint.en, d) === d.hint) {
    const zh = render(t.hint.zh, d)
    if (zh !== undefined) return zh
  }
  if (d.hint === info.hint) return info.zh.hint
  // the catalogue's hint with a sentence of the call site after it: that sentence in English
  if (d.hint.startsWith(info.hint)) return `${info.zh.hint}（${d.hint.slice(info.hint.length).trim()}）`
  return `${unstop(info.zh.hint)}（${d.hint}）`
}

/** A related location's message in `lang`. */
export function relatedIn(message: string, lang: Lang): string {
  return lang === 'zh' ? (own(RELATED_ZH, message) ?? message) : message
}
