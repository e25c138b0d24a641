import { formatDiagnostic, formatGithub } from '../diagnostics/format'
import { loadRubric } from '../load/load-rubric'
import { read, Exit } from './common'
import { EXIT_FINDINGS, EXIT_OK, one, parseArgs, UsageError, type CliIo } from './io'

const HELP = `Usage: kaoping validate <files or globs…> [options]

Checks rubric files: YAML, the schema, references, sums and the semantic linter.
Prints path:line:col: severity CODE message for each problem, then a one-line summary.

Options:
  --format text|json|github   output format (default text; github prints workflow annotations)
  -h, --help                  show this help
`

export function validateCommand(argv: string[], io: CliIo): number {
  const args = parseArgs(argv, ['format'], ['help'])
  if (args.flags.has('help')) {
    io.stdout(HELP)
    return EXIT_OK
  }
  const format = one(args, 'format') ?? 'text'
  if (!['text', 'json', 'github'].includes(format)) throw new UsageError(`--format must be text, json or github, not "${format}"`)
  if (!args.positionals.length) throw new UsageError('give at least one rubric file')
  const files = args.positionals.flatMap((p) => io.glob(p))
  if (!files.length) throw new UsageError(`no files match ${args.positionals.join(' ')}`)
  let errors = 0
  let warnings = 0
  const json: unknown[] = []
  try {
    for (const file of files) {
      const text = read(io, file)
      const r = loadRubric(text, { file })
      for (const d of r.diagnostics) {
        if (d.severity === 'error') errors++
        else if (d.severity === 'warning') warnings++
        if (format === 'json') json.push(d)
        else if (format === 'github') io.stdout(formatGithub(d, text) + '\n')
        else io.stdout(formatDiagnostic(d, text) + '\n')
      }
    }
  } catch (e) {
    if (e instanceof Exit) return e.code
    throw e
  }
  if (format === 'json') io.stdout(JSON.stringify({ files: files.length, errors, warnings, diagnostics: json }, null, 2) + '\n')
  else io.stdout(`${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`)
  return errors > 0 ? EXIT_FINDINGS : EXIT_OK
}
