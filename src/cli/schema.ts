import { dirname, join } from 'node:path'
import { evidenceSchema } from '../compile/evidence-schema'
import { rubricJsonSchema } from '../kinds/rubric'
import { Exit, limitsOf, loadRubricFile } from './common'
import { EXIT_OK, EXIT_USAGE, parseArgs, UsageError, type CliIo } from './io'

const HELP = `Usage: kaoping schema <rubric.yaml>
       kaoping schema --rubric [--print]

Prints the JSON Schema (draft-07) of the evidence the rubric expects, for upstream systems to check their data.

With --rubric: prints the path of the JSON Schema of rubric files in this kaoping installation
(node_modules/kaoping/schemas/rubric.schema.json when kaoping is installed in a project), for an
editor's settings (docs/editor.md); with --print as well, the schema itself.

Options:
  --rubric               the rubric schema's path, instead of a rubric's evidence schema
  --print                with --rubric: print the schema, not its path
  --limit name=value     raise (or lower) a safety limit (repeatable; see SECURITY.md)
  -h, --help             show this help
`

export function schemaCommand(argv: string[], io: CliIo): number {
  const args = parseArgs(argv, ['limit'], ['help', 'rubric', 'print'])
  if (args.flags.has('help')) {
    io.stdout(HELP)
    return EXIT_OK
  }
  if (args.flags.has('rubric')) {
    if (args.positionals.length) throw new UsageError('--rubric takes no file: it gives the schema of every rubric file (without it, a rubric\'s evidence schema)')
    // the shipped file is this very text (tests/schemas.test.ts keeps them equal); printing it needs no file
    if (args.flags.has('print')) {
      io.stdout(JSON.stringify(rubricJsonSchema(), null, 2) + '\n')
      return EXIT_OK
    }
    const found = rubricSchemaPath(io)
    if ('path' in found) {
      io.stdout(`${found.path}\n`)
      return EXIT_OK
    }
    io.stderr(`kaoping schema: cannot find schemas/rubric.schema.json of this kaoping installation (looked from ${found.looked.join(', ') || 'nowhere: the running file is unknown'}); kaoping schema --rubric --print prints the schema itself\n`)
    return EXIT_USAGE
  }
  if (args.flags.has('print')) throw new UsageError('--print goes with --rubric (kaoping schema --rubric --print)')
  const [path] = args.positionals
  if (!path) throw new UsageError('give a rubric file (or --rubric for the schema of rubric files)')
  try {
    io.stdout(JSON.stringify(evidenceSchema(loadRubricFile(io, path, limitsOf(args)).rubric), null, 2) + '\n')
    return EXIT_OK
  } catch (e) {
    if (e instanceof Exit) return e.code
    throw e
  }
}

/** How many directories up from the running file the package's root may be: dist/cli.cjs is 1, src/cli/schema.ts 2. */
const LEVELS = 3

/**
 * The rubric schema of the kaoping that is running: found from the running file, not from the current directory
 * (which may hold another kaoping, or none). The installed command is a CommonJS bundle, dist/cli.cjs, so the file
 * is `__filename`; run from the sources it is this file. Should a build ever lack `__filename` (ESM), the script
 * the process was started with (node_modules/.bin/kaoping, a link to dist/cli.cjs) is taken instead. From each
 * start, the directories above it are tried for the package's root: a package.json named kaoping beside
 * schemas/rubric.schema.json, so that neither the layout of dist/ nor the name of the install directory matters.
 */
export function rubricSchemaPath(io: CliIo, starts: readonly string[] = runningFiles(io)): { path: string } | { looked: string[] } {
  const looked: string[] = []
  for (const file of starts) {
    let dir = dirname(file)
    looked.push(dir)
    for (let up = 0; up < LEVELS; up++) {
      const schema = join(dir, 'schemas', 'rubric.schema.json')
      if (isKaopingRoot(io, dir) && io.exists(schema)) return { path: schema }
      const parent = dirname(dir)
      if (parent === dir) break
      dir = parent
    }
  }
  return { looked }
}

function isKaopingRoot(io: CliIo, dir: string): boolean {
  const pkg = join(dir, 'package.json')
  try {
    return io.exists(pkg) && (JSON.parse(io.readFile(pkg)) as { name?: unknown }).name === 'kaoping'
  } catch {
    return false
  }
}

/** The files the running command may be: this module's file, then the process's script with its links resolved. */
function runningFiles(io: CliIo): string[] {
  const files: string[] = []
  if (typeof __filename === 'string' && __filename) files.push(__filename)
  const script = process.argv[1]
  if (script) {
    try {
      files.push(io.realpath ? io.realpath(script) : script)
    } catch {
      // not a file (node -e): nothing to start from
    }
  }
  return files
}
