/**
 * Progress on standard error for work that takes more than a second: a bar on a terminal, nothing when standard
 * error is a file or a pipe (the installed command gives a progress only to a terminal) or with `--quiet`.
 *
 * Written here rather than through a progress-bar package: the command works in steps that the driver interleaves
 * with signals (no timers of its own), its output goes through `CliIo` (so tests see it), and a diagnostic printed
 * while the bar is shown must first clear the bar's line — a dozen lines, which a package would not save.
 */

/** Reports how far a command has come. */
export interface Progress {
  /** `done` of `total` units (`total` unknown: a count only) of the work named `what`, e.g. "scoring", "subjects". */
  update(what: string, done: number, total: number | undefined, unit: string): void
  /** The work is over: the bar's line is cleared. */
  end(): void
}

/** A progress that reports nothing. */
export const NO_PROGRESS: Progress = { update: () => undefined, end: () => undefined }

/** A bar drawn on a terminal line: first after `after` ms, then at most every `every` ms; `clear` before other output. */
export function terminalProgress(write: (text: string) => void, now: () => number, columns: () => number, after = 1000, every = 100): Progress & { clear(): void } {
  const start = now()
  let drawn = false
  let last = -Infinity
  const clear = () => {
    if (drawn) write('\r\x1b[K')
    drawn = false
  }
  return {
    update(what, done, total, unit) {
      const t = now()
      if (t - start < after || t - last < every) return
      last = t
      const seconds = Math.round((t - start) / 1000)
      const count = `${done.toLocaleString('en')}${total !== undefined ? `/${total.toLocaleString('en')}` : ''} ${unit} · ${seconds} s`
      let bar = ''
      if (total !== undefined && total > 0) {
        const width = Math.max(10, Math.min(30, columns() - what.length - count.length - 12))
        const filled = Math.min(width, Math.floor((done / total) * width))
        bar = ` ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${String(Math.floor((done / total) * 100)).padStart(3)}%`
      }
      write(`\r\x1b[Kkaoping: ${what}${bar} ${count}`)
      drawn = true
    },
    end: clear,
    clear,
  }
}
