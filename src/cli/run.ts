import { EXIT_USAGE, IoError, UsageError, type CliIo, type Steps } from './io'
import { escapeControls } from '../text/controls'
import { editDistance } from '../text/distance'
import { scoreCommand, explainCommand } from './score'
import { validateCommand } from './validate'
import { schemaCommand } from './schema'
import { testCommand } from './test'
import { diffCommand } from './diff'
import { reportCommand } from './report'
import { templateCommand } from './template'
import { initCommand } from './init'
import { VERSION } from './version'
import { langFrom } from './lang'

const HELP = `kaoping — score assessment rubrics (考评办法) exactly, with a trail for every number

Usage: kaoping <command> [options]

Commands:
  score <rubric> <evidence…>     score a cohort (YAML, JSON, CSV or NDJSON evidence, - for standard input);
                                 a table of totals, grades, ranks (or json, ndjson, csv, markdown)
  explain <rubric> <evidence> --subject ID
                                 the full trail for one subject
  validate <files…>              check rubric files (schema, references, sums, linter)
  schema <rubric>                the JSON Schema of the evidence a rubric expects (--rubric: of rubric files)
  test [files…]                  run the test cases beside rubrics (rubrics/<id>.test.yaml)
  diff <old> <new> [evidence…]   what changed between two versions of a rubric, and whose results change
  init [dir]                     scaffold a rubric repository: an example rubric and its tests, package.json,
                                 a CI workflow and editor settings (never overwrites without --force)
  report <rubric> <evidence…> --out report.html
                                 a printable HTML report: the ranked cohort, a chart, a score sheet per subject
  template <rubric> --out evidence.xlsx
                                 an Excel workbook for entering evidence (score reads it back)

Run 'kaoping <command> --help' (or 'kaoping help <command>') for a command's options; docs/cli.md describes
them all. 'kaoping --version' (or -v) prints the version.
Every command takes --lang zh|en: the language of diagnostics (default: from LC_ALL, LC_MESSAGES or LANG).
Exit codes: 0 ok, 1 findings or failed checks, 2 usage or I/O error.
`

/** A command returns its exit code, or works in steps (see `Steps`). */
type Command = (argv: string[], io: CliIo) => number | Steps

const commands: Record<string, Command> = {
  score: scoreCommand,
  explain: explainCommand,
  validate: validateCommand,
  schema: schemaCommand,
  test: testCommand,
  diff: diffCommand,
  report: reportCommand,
  template: templateCommand,
  init: initCommand,
}

/**
 * The command meant by a misspelled name ("valdate" → "validate"): the closest in `commands`, if it is at most 2 edits
 * away (3 for names of 6 letters or more), so that a name unlike every command gets no guess. Ties go to the command
 * listed first.
 */
function suggestCommand(name: string): string | undefined {
  const typed = name.toLowerCase()
  const limit = typed.length >= 6 ? 3 : 2
  let best: { name: string; d: number } | undefined
  for (const c of Object.keys(commands)) {
    const d = editDistance(typed, c, limit)
    if (d <= limit && (best === undefined || d < best.d)) best = { name: c, d }
  }
  return best?.name
}

const commandOf = (name: string): Command | undefined => (Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined)

/** The answer to an unknown command: its name, the command it may be a misspelling of, and the help; exit 2. */
function unknownCommand(io: CliIo, name: string): number {
  const meant = suggestCommand(name)
  io.stderr(`kaoping: unknown command "${escapeControls(name)}"${meant ? `; did you mean "${meant}"?` : ''}\n\n${HELP}`)
  return EXIT_USAGE
}

/** Starts a command: its exit code, or its steps. Usage and I/O errors are reported here. */
function start(given: readonly string[], io: CliIo): number | { name: string; steps: Steps } {
  // --lang zh|en, anywhere before `--`, for every command (the environment's language otherwise)
  let argv: string[]
  try {
    const picked = langFrom(given, {}, io.lang)
    argv = picked.argv
    io.lang = picked.lang
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`kaoping: ${e.message}\n`)
      return EXIT_USAGE
    }
    throw e
  }
  let [name, ...rest] = argv
  // `kaoping help validate` is `kaoping validate --help` (and `kaoping help help` the general help)
  if (name === 'help' && rest.length && rest[0] !== 'help') {
    if (!commandOf(rest[0]!)) return unknownCommand(io, rest[0]!)
    ;[name, rest] = [rest[0]!, ['--help']]
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(HELP)
    return name === undefined ? EXIT_USAGE : 0
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`)
    return 0
  }
  const command = commandOf(name)
  if (!command) return unknownCommand(io, name)
  return guarded(io, name, () => {
    const r = command(rest, io)
    return typeof r === 'number' ? r : { name, steps: r }
  })
}

/** Runs fn; a usage error or an I/O error becomes its message on stderr and exit 2 (a closed pipe ends quietly). */
function guarded<T>(io: CliIo, name: string, fn: () => T): T | number {
  try {
    return fn()
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`kaoping ${name}: ${e.message}\nRun 'kaoping ${name} --help' for usage.\n`)
      return EXIT_USAGE
    }
    if (e instanceof IoError) {
      // a reader that stops early (`kaoping score … | head`) closes the pipe: that ends the output, not an error
      if (e.code === 'EPIPE') return 0
      try {
        io.stderr(`kaoping ${name}: ${e.message}\n`)
      } catch {
        // stderr is gone too: the exit code says it
      }
      return EXIT_USAGE
    }
    throw e
  }
}

/** What a step gives back: the value a promise the command waited for resolved to, or the error it failed with. */
type Resume = { value?: unknown } | { error: unknown }

/** Takes one step of a command: its exit code when it is done, else the promise it waits for, if any. */
function step(io: CliIo, name: string, steps: Steps, resume: Resume = {}): number | { wait?: Promise<unknown> } {
  const r = guarded(io, name, () => ('error' in resume ? steps.throw(resume.error) : steps.next(resume.value)))
  if (typeof r === 'number') {
    steps.return(r)
    return r
  }
  if (r.done) return r.value
  return r.value instanceof Promise ? { wait: r.value } : {}
}

/** The whole CLI as a function: argv (without node and script) → exit code. Never calls process.exit. */
export function run(argv: readonly string[], io: CliIo): number {
  const started = start(argv, io)
  if (typeof started === 'number') return started
  for (;;) {
    const r = step(io, started.name, started.steps)
    if (typeof r === 'number') return r
    if (r.wait) {
      // this driver cannot wait: the command's asynchronous work (a workbook) needs the installed command
      r.wait.catch(() => undefined)
      started.steps.return(EXIT_USAGE)
      io.stderr(`kaoping ${started.name}: this needs asynchronous work, which only the installed command (runAsync) does\n`)
      return EXIT_USAGE
    }
  }
}

/** Exit code after an interrupt (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130

/**
 * The CLI as the installed command runs it: between steps it lets the event loop run, so that an interrupt
 * (`interrupted()` turns true) ends the command cleanly — its unfinished output file and scratch files removed.
 */
export async function runAsync(argv: readonly string[], io: CliIo, interrupted: () => boolean): Promise<number> {
  const started = start(argv, io)
  if (typeof started === 'number') return started
  let resume: Resume = {}
  for (;;) {
    if (interrupted()) {
      started.steps.return(EXIT_INTERRUPTED)
      io.stderr(`kaoping ${started.name}: interrupted\n`)
      return EXIT_INTERRUPTED
    }
    const r = step(io, started.name, started.steps, resume)
    if (typeof r === 'number') return r
    resume = {}
    if (r.wait) {
      try {
        resume = { value: await r.wait }
      } catch (error) {
        resume = { error }
      }
    } else await new Promise<void>((resolve) => setImmediate(resolve))
  }
}


