import type { Progress } from './progress'
/** What the CLI may touch: injected so that it runs as a plain function in tests. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  readFile(path: string): string
  /**
   * The file's bytes. When given, the CLI decodes them itself, refusing invalid UTF-8 (TEXT_INVALID_UTF8) instead
   * of reading U+FFFD for it; without it, `readFile` is used.
   */
  readBytes?(path: string): Uint8Array
  /** The file's size in bytes, checked against the limits before it is read (so a huge file is never loaded). */
  size?(path: string): number
  exists(path: string): boolean
  /** Expands a glob (or returns the path itself); sorted. */
  glob(pattern: string): string[]
  /**
   * The canonical path (every `..` and symbolic link resolved); throws when the path does not exist. When given,
   * `kaoping test` checks through it that a test file's `file:` does not lead out of its directory by a link;
   * without it, the check is on the path as written.
   */
  realpath?(path: string): string
  /**
   * The file's bytes in pieces as they are read ('-' is standard input), so that a large file or a pipe is never
   * held whole. A piece is valid until the next is asked for (the buffer may be read into again): a reader that
   * keeps one copies it. Without it, the whole file is read (`readBytes`, else `readFile`) as one piece.
   */
  chunks?(path: string): Iterable<Uint8Array>
  /**
   * A file written whole or not at all (`--out`): its text goes to a temporary file beside it, renamed over it by
   * `commit`; `abort` removes the temporary file. Without it, `--out` is refused.
   */
  create?(path: string): OutputFile
  /** The language diagnostics are printed in as text (`--lang`; the installed command: from the environment). Default en. */
  lang?: 'zh' | 'en'
  /** Makes a directory and every missing one above it (`kaoping init`); without it, init is refused. */
  mkdir?(path: string): void
  /** Decodes UTF-8 (undefined when the bytes are not valid UTF-8): a faster decoder than TextDecoder, when there is one. */
  decodeUtf8?(bytes: Uint8Array): string | undefined
  /** Scratch space for a cohort's second pass (a temporary file); without it, memory. */
  spill?(): Spill
  /**
   * A progress report on standard error for a long command (a bar on a terminal); without it, none. The installed
   * command gives one only when standard error is a terminal.
   */
  progress?(): Progress
}

export interface OutputFile {
  write(text: string): void
  /** Writes bytes (a workbook), as they are. */
  writeBytes(bytes: Uint8Array): void
  commit(): void
  abort(): void
}

/** Lines written once, then read back in order, then disposed of. */
export interface Spill {
  write(text: string): void
  /** Everything written, in pieces (ends of pieces need not fall on line ends). */
  read(): Iterable<string>
  dispose(): void
}

/** Reading or writing failed (disk full, a closed pipe, no permission): the command ends with one line and exit 2. */
export class IoError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message)
  }
}

/** A spill in memory (tests, and io without `spill`). */
export function memorySpill(): Spill {
  let pieces: string[] = []
  return {
    write: (t) => void pieces.push(t),
    read: () => pieces,
    dispose: () => void (pieces = []),
  }
}

export const EXIT_OK = 0
export const EXIT_FINDINGS = 1
export const EXIT_USAGE = 2

export class UsageError extends Error {}

/**
 * A command's work in steps (a generator), which a driver may interleave with signals. A step may yield a promise
 * (work a library does asynchronously, such as reading a workbook): the installed command's driver (`runAsync`)
 * waits for it and resumes the command with its value, or throws its error into the command (see `waitFor`).
 */
export type Steps = Generator<void | Promise<unknown>, number, unknown>

/**
 * Waits for a promise inside a command's steps (`const book = yield* waitFor(load(bytes))`): the installed command's
 * driver resumes the command with its value, or throws its error there (see `Steps` in run.ts).
 */
export function* waitFor<T>(promise: Promise<T>): Generator<Promise<unknown>, T, unknown> {
  return (yield promise) as T
}

export interface ParsedArgs {
  positionals: string[]
  options: Map<string, string[]>
  flags: Set<string>
}

/** Parses `--name value`, `--name=value` and boolean `--flag`s; which names take values is declared. */
export function parseArgs(argv: readonly string[], valued: readonly string[], booleans: readonly string[]): ParsedArgs {
  const positionals: string[] = []
  const options = new Map<string, string[]>()
  const flags = new Set<string>()
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (a.startsWith('--') || (a.startsWith('-') && a.length === 2)) {
      const eq = a.indexOf('=')
      const name = (eq > 0 ? a.slice(0, eq) : a).replace(/^-+/, '')
      const long = name === 'h' ? 'help' : name
      if (booleans.includes(long)) {
        flags.add(long)
        continue
      }
      if (!valued.includes(long)) throw new UsageError(`unknown option ${a}`)
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i]
      if (value === undefined) throw new UsageError(`option --${long} needs a value`)
      options.set(long, [...(options.get(long) ?? []), value])
      continue
    }
    positionals.push(a)
  }
  return { positionals, options, flags }
}

export function one(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name)
  return v?.[v.length - 1]
}
