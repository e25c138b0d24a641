/** The command line run in-process, as the CLI tests call it. */
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import type { CliIo } from '../../src/cli/io'
import { run, runAsync } from '../../src/cli/run'
import { expandGlob } from '../../src/cli/glob'

const root = join(__dirname, '..', '..')

export interface Ran {
  code: number
  out: string
  err: string
  /** The patterns the command asked to expand. */
  globs: string[]
}

/** Expands a glob under the project root through the installed command's expansion (tinyglobby), so tests see its semantics. */
const expand = (pattern: string): string[] => expandGlob(pattern, root)

/** Runs the CLI in-process. `files` are virtual files (path → text) seen before the real ones under the project root. */
export function cli(argv: string[], files: Record<string, string> = {}): Ran {
  let out = ''
  let err = ''
  const globs: string[] = []
  const real = (p: string) => (isAbsolute(p) ? p : join(root, p))
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (p) => (Object.hasOwn(files, p) ? files[p]! : readFileSync(real(p), 'utf8')),
    exists: (p) => Object.hasOwn(files, p) || existsSync(real(p)),
    glob: (pattern) => {
      globs.push(pattern)
      return expand(pattern)
    },
  }
  const code = run(argv, io)
  return { code, out, err, globs }
}

/** What `cliAsync` ran: as `cli`, and the files the command wrote with `--out` (path → bytes). */
export interface RanAsync extends Ran {
  written: Record<string, Uint8Array>
}

/**
 * Runs the CLI in-process through the installed command's driver (`runAsync`), which waits for a command's
 * asynchronous work (workbooks). `files` are virtual files (path → text or bytes); `--out` files are kept in
 * `written`, not written to disk.
 */
export async function cliAsync(argv: string[], files: Record<string, string | Uint8Array> = {}): Promise<RanAsync> {
  let out = ''
  let err = ''
  const globs: string[] = []
  const written: Record<string, Uint8Array> = {}
  const real = (p: string) => (isAbsolute(p) ? p : join(root, p))
  const bytesOf = (p: string): Uint8Array => {
    if (Object.hasOwn(files, p)) {
      const f = files[p]!
      return typeof f === 'string' ? new TextEncoder().encode(f) : f
    }
    return readFileSync(real(p))
  }
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (p) => new TextDecoder().decode(bytesOf(p)),
    readBytes: bytesOf,
    exists: (p) => Object.hasOwn(files, p) || existsSync(real(p)),
    glob: (pattern) => {
      globs.push(pattern)
      return expand(pattern)
    },
    create: (path) => {
      const parts: Uint8Array[] = []
      return {
        write: (t) => void parts.push(new TextEncoder().encode(t)),
        writeBytes: (b) => void parts.push(Uint8Array.prototype.slice.call(b)),
        commit: () => void (written[path] = Buffer.concat(parts)),
        abort: () => void (parts.length = 0),
      }
    },
  }
  const code = await runAsync(argv, io, () => false)
  return { code, out, err, globs, written }
}
