import { evidenceSchema } from '../compile/evidence-schema'
import { Exit, limitsOf, loadRubricFile } from './common'
import { EXIT_OK, parseArgs, UsageError, type CliIo } from './io'

const HELP = `Usage: kaoping schema <rubric.yaml>

Prints the JSON Schema (draft-07) of the evidence the rubric expects, for upstream systems to check their data.

Options:
  --limit name=value     raise (or lower) a safety limit (repeatable; see SECURITY.md)
  -h, --help             show this help
`

export function schemaCommand(argv: string[], io: CliIo): number {
  const args = parseArgs(argv, ['limit'], ['help'])
  if (args.flags.has('help')) {
    io.stdout(HELP)
    return EXIT_OK
  }
  const [path] = args.positionals
  if (!path) throw new UsageError('give a rubric file')
  try {
    io.stdout(JSON.stringify(evidenceSchema(loadRubricFile(io, path, limitsOf(args)).rubric), null, 2) + '\n')
    return EXIT_OK
  } catch (e) {
    if (e instanceof Exit) return e.code
    throw e
  }
}
