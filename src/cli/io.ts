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
}

export const EXIT_OK = 0
export const EXIT_FINDINGS = 1
export const EXIT_USAGE = 2

export class UsageError extends Error {}

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
