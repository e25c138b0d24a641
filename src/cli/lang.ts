/**
 * The language of diagnostics: `--lang zh|en`, accepted by every command and anywhere on the command line (before or
 * after the command's name), else the locale of the environment, as other command-line programs read it: the first of
 * LC_ALL, LC_MESSAGES and LANG that is set and not empty decides, and a value starting with "zh" (zh_CN.UTF-8, zh_TW,
 * zh) means Chinese. Anything else (C, POSIX, en_US.UTF-8, nothing) means English: output that scripts read stays
 * English unless asked for.
 */
import type { Lang } from '../diagnostics/localize'
import { escapeControls } from '../text/controls'
import { UsageError } from './io'

export type { Lang }

/** The language a locale's environment names (see the top of this file). */
export function langOfEnv(env: NodeJS.ProcessEnv): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '')
  return locale !== undefined && /^zh/i.test(locale) ? 'zh' : 'en'
}

/**
 * The language asked for, and the arguments without `--lang X` (or `--lang=X`), wherever it appears before a `--`
 * (after it, every argument is a file). Given more than once, the last wins. A value other than zh or en, or none, is
 * a usage error. Without `--lang`: `fallback` when given (a language already worked out from the environment, such
 * as `CliIo.lang`), else the environment's (`langOfEnv`).
 */
export function langFrom(argv: readonly string[], env: NodeJS.ProcessEnv, fallback?: Lang): { argv: string[]; lang: Lang } {
  const rest: string[] = []
  let lang: Lang | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') {
      rest.push(...argv.slice(i))
      break
    }
    if (a !== '--lang' && !a.startsWith('--lang=')) {
      rest.push(a)
      continue
    }
    const value = a === '--lang' ? argv[++i] : a.slice('--lang='.length)
    if (value === undefined) throw new UsageError('option --lang needs a value: zh or en')
    if (value !== 'zh' && value !== 'en') throw new UsageError(`--lang must be zh or en, not "${escapeControls(value)}"`)
    lang = value
  }
  return { argv: rest, lang: lang ?? fallback ?? langOfEnv(env) }
}
