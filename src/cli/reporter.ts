import { SHOWN_PER_CODE, type Diagnostic } from '../diagnostics/diagnostic'
import { formatDiagnostic, formatGithub } from '../diagnostics/format'
import { escapeControls } from '../text/controls'
import type { CliIo } from './io'
import type { Lang } from './lang'

/**
 * A diagnostic as a workflow annotation, its hint after the message ("message\n\nhint: …", which the annotation
 * carries as %0A%0A): the annotation is all a reviewer sees on the pull request, and the hint says how to fix it.
 * formatGithub escapes the whole message, the line breaks included.
 */
export function githubAnnotation(d: Diagnostic, source?: string): string {
  return formatGithub(d.hint ? { ...d, message: `${d.message}\n\nhint: ${d.hint}` } : d, source)
}

/** Escapes a workflow command's message as GitHub requires: %, CR and LF. */
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')

/**
 * A workflow command, `::error file=…,line=…,col=…,title=…::message`, for what is not a diagnostic (a failed test
 * case). Escaped as GitHub requires: %, CR and LF in the message, and also : and , in a property. Other control
 * characters are first written as visible escapes (a log viewer acts on some).
 */
export function workflowCommand(command: 'error' | 'warning' | 'notice', props: { file?: string; line?: number; col?: number; title?: string }, message: string): string {
  // CR and LF are GitHub's to escape (%0D, %0A); every other control character becomes a visible escape first
  const data = (s: string) => escapeData(s.replace(/[^\r\n]+/g, escapeControls))
  const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
  const list: string[] = []
  if (props.file !== undefined) list.push(`file=${property(props.file)}`)
  if (props.line !== undefined) list.push(`line=${props.line}`)
  if (props.col !== undefined) list.push(`col=${props.col}`)
  if (props.title !== undefined) list.push(`title=${property(props.title)}`)
  return `::${command} ${list.join(',')}::${data(message)}`
}

/** Diagnostics of one code printed for one file before the rest are only counted (SHOWN_PER_CODE). */
export const PER_CODE = SHOWN_PER_CODE

/**
 * Prints diagnostics, at most `PER_CODE` of each code for each file; `close` then prints one line per file and code
 * with how many more there were. A file with a million warnings prints a page, not a million lines. As text to
 * stderr, or (`github`) as GitHub Actions annotations to stdout, the count then a notice.
 */
export class Reporter {
  readonly #io: CliIo
  readonly #github: boolean
  readonly #counts = new Map<string, { file: string; code: string; n: number }>()
  /** Errors seen, printed or not. */
  errors = 0

  constructor(io: CliIo, style: 'text' | 'github' = 'text') {
    this.#io = io
    this.#github = style === 'github'
  }

  /**
   * Whether a diagnostic of this code for this file would be printed; when not, it is counted (and `print` must not
   * be called for it). Lets a caller skip the work of locating what will not be shown.
   */
  shows(d: Diagnostic, file: string): boolean {
    const c = this.#counts.get(`${file}\u0000${d.code}`)
    if (c === undefined || c.n < PER_CODE) return true
    if (d.severity === 'error') this.errors++
    c.n++
    return false
  }

  print(d: Diagnostic, source?: string): void {
    if (d.severity === 'error') this.errors++
    const file = d.file ?? d.location?.file ?? ''
    const key = `${file}\u0000${d.code}`
    let c = this.#counts.get(key)
    if (c === undefined) this.#counts.set(key, (c = { file, code: d.code, n: 0 }))
    if (++c.n > PER_CODE) return
    if (this.#github) this.#io.stdout(githubAnnotation(d, source) + '\n')
    else this.#io.stderr(formatDiagnostic(d, source, { lang: this.#lang }) + '\n')
  }

  /** The language of the text (`--lang`, or the environment's; see lang.ts): English unless the io says zh. */
  get #lang(): Lang {
    return this.#io.lang === 'zh' ? 'zh' : 'en'
  }

  /** The count of what was not printed, one line per file and code. */
  close(): void {
    for (const c of this.#counts.values()) {
      if (c.n <= PER_CODE) continue
      const more = `${(c.n - PER_CODE).toLocaleString('en')} more ${c.code} diagnostic${c.n - PER_CODE === 1 ? '' : 's'} not shown (${c.n.toLocaleString('en')} in all; the first ${PER_CODE} are above).`
      if (this.#github) this.#io.stdout(formatGithub({ code: c.code, severity: 'info', message: more, ...(c.file ? { file: c.file } : {}) } as Diagnostic) + '\n')
      else {
        const zh = `另有 ${(c.n - PER_CODE).toLocaleString('en')} 条 ${c.code} 没有显示（共 ${c.n.toLocaleString('en')} 条，前 ${PER_CODE} 条见上）。`
        this.#io.stderr(`${c.file ? `${escapeControls(c.file)}: ` : ''}${this.#lang === 'zh' ? zh : more}\n`)
      }
    }
    this.#counts.clear()
  }
}
