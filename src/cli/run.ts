import { EXIT_USAGE, UsageError, type CliIo } from './io'
import { scoreCommand, explainCommand } from './score'
import { validateCommand } from './validate'
import { schemaCommand } from './schema'
import { testCommand } from './test'
import { diffCommand } from './diff'

const HELP = `kaoping — score assessment rubrics (考评办法) exactly, with a trail for every number

Usage: kaoping <command> [options]

Commands:
  score <rubric> <evidence…>     score a cohort (YAML, JSON or CSV evidence); a table of totals, grades, ranks
  explain <rubric> <evidence> --subject ID
                                 the full trail for one subject
  validate <files…>              check rubric files (schema, references, sums, linter)
  schema <rubric>                the JSON Schema of the evidence a rubric expects
  test [files…]                  run the test cases beside rubrics (rubrics/<id>.test.yaml)
  diff <old> <new> [evidence…]   what changed between two versions of a rubric, and whose results change

Run 'kaoping <command> --help' for a command's options; docs/cli.md describes them all.
Exit codes: 0 ok, 1 findings or failed checks, 2 usage or I/O error.
`

const commands: Record<string, (argv: string[], io: CliIo) => number> = {
  score: scoreCommand,
  explain: explainCommand,
  validate: validateCommand,
  schema: schemaCommand,
  test: testCommand,
  diff: diffCommand,
}

/** The whole CLI as a function: argv (without node and script) → exit code. Never calls process.exit. */
export function run(argv: readonly string[], io: CliIo): number {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(HELP)
    return name === undefined ? EXIT_USAGE : 0
  }
  if (name === '--version') {
    io.stdout(`${VERSION}\n`)
    return 0
  }
  const command = commands[name]
  if (!command) {
    io.stderr(`kaoping: unknown command "${name}"\n\n${HELP}`)
    return EXIT_USAGE
  }
  try {
    return command(rest, io)
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`kaoping ${name}: ${e.message}\nRun 'kaoping ${name} --help' for usage.\n`)
      return EXIT_USAGE
    }
    throw e
  }
}

declare const __KAOPING_VERSION__: string | undefined
const VERSION = typeof __KAOPING_VERSION__ === 'string' ? __KAOPING_VERSION__ : '0.0.0-dev'
