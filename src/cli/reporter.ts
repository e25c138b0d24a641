import { SHOWN_PER_CODE, type Diagnostic } from '../diagnostics/diagnostic'
import { formatDiagnostic, formatGithub } from '../diagnostics/format'
import { escapeControls } from '../text/controls'
import type { CliIo } from './io'

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
    if (this.#github) this.#io.stdout(formatGithub(d, source) + '\n')
    else this.#io.stderr(formatDiagnostic(d, source) + '\n')
  }

  /** The count of what was not printed, one line per file and code. */
  close(): void {
    for (const c of this.#counts.values()) {
      if (c.n <= PER_CODE) continue
      const more = `${(c.n - PER_CODE).toLocaleString('en')} more ${c.code} diagnostic${c.n - PER_CODE === 1 ? '' : 's'} not shown (${c.n.toLocaleString('en')} in all; the first ${PER_CODE} are above).`
      if (this.#github) this.#io.stdout(formatGithub({ code: c.code, severity: 'info', message: more, ...(c.file ? { file: c.file } : {}) } as Diagnostic) + '\n')
      else this.#io.stderr(`${c.file ? `${escapeControls(c.file)}: ` : ''}${more}\n`)
    }
    this.#counts.clear()
  }
}
