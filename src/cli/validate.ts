import type { Diagnostic } from '../diagnostics/diagnostic'
import { Reporter } from './reporter'
import { lintRubric } from '../lint/lint-rubric'
import { attachLocations, parseYamlSource } from '../load/source'
import { validateRubric } from '../validate/validate-rubric'
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, one, parseArgs, UsageError, type CliIo } from './io'
import { resolveLimits, type Limits } from '../limits'
import { limitsOf, readText } from './common'
import { escapeControls } from '../text/controls'

const HELP = `Usage: kaoping validate <files or globs…> [options]

Checks rubric files: YAML, the schema, references, sums and the semantic linter,
and reports every problem of a file at once, in the order of the file.

Files: rubric files or globs, quoted so that kaoping expands them
('rubrics/**/*.yaml', 'rubrics/{a,b}.yaml', '*/rubric.yaml'; dot files only when
the pattern names them). Test files (x.test.yaml) are never checked as rubrics,
whether a glob finds them or they are named (as a shell expanding an unquoted
glob names them): a glob skips them silently, a named one is skipped with a note
on stderr; run them with kaoping test. A directory is not expanded: give a glob.

Output (text): one block per problem on stderr, headed
  path:line:col: error|warning CODE message
then a one-line summary on stdout: N files checked: E errors, W warnings.

Options:
  --format text|json|github   output format (default text; json prints one JSON
                              object on stdout; github prints workflow annotations
                              ::error file=…,line=…,col=…,title=CODE::message,
                              the hint after the message)
  --max-warnings N            exit 1 when there are more than N warnings (N a
                              whole number, 0 for none allowed; default: no limit)
  --limit name=value          raise (or lower) a safety limit, e.g. --limit maxItems=20000
                              (repeatable; the limits are listed in SECURITY.md)
  -h, --help                  show this help

Exit codes: 0 no errors (warnings allowed, up to --max-warnings), 1 errors found
or more warnings than --max-warnings, 2 usage error or a file that cannot be read.
`

/**
 * Every problem of one rubric text, located and in file order: YAML errors, or
 * else schema errors, or else the semantic checks together with the linter
 * (which `loadRubric` runs only once the checks pass; here it runs whenever the
 * shape is right, so that one run reports everything that can be known).
 */
export function checkRubricText(text: string, file: string, over?: Partial<Limits>): Diagnostic[] {
  const limits = resolveLimits(over)
  if (!limits.ok) return limits.diagnostics
  const { maxAliasCount, maxDepth, maxStringLength, maxRubricBytes, maxItems } = limits.value
  const parsed = parseYamlSource(text, { file, maxAliasCount, maxDepth, maxStringLength, maxBytes: { name: 'maxRubricBytes', value: maxRubricBytes }, role: 'rubric' })
  if (!parsed.ok) return sortByPosition(parsed.diagnostics)
  const { source, data } = parsed.value
  const v = validateRubric(data, { maxItems })
  let lint: Diagnostic[] = []
  if (v.shaped) {
    try {
      lint = lintRubric(v.shaped)
    } catch {
      // the linter assumes references resolve; whatever it cannot reason about is reported by the checks
    }
  }
  return sortByPosition(attachLocations([...parsed.diagnostics, ...v.diagnostics, ...lint], source))
}

/** Stable sort by line and column; diagnostics without a location keep their place at the front. */
function sortByPosition(ds: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic): [number, number] => (d.location ? [d.location.line, d.location.column] : [0, 0])
  return ds
    .map((d, i) => ({ d, i, k: key(d) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.i - b.i)
    .map((x) => x.d)
}

const TEST_FILE = /\.test\.ya?ml$/i

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

export function validateCommand(argv: string[], io: CliIo): number {
  const args = parseArgs(argv, ['format', 'limit', 'max-warnings'], ['help'])
  if (args.flags.has('help')) {
    io.stdout(HELP)
    return EXIT_OK
  }
  const format = one(args, 'format') ?? 'text'
  if (!['text', 'json', 'github'].includes(format)) throw new UsageError(`--format must be text, json or github, not "${format}"`)
  const maxText = one(args, 'max-warnings')
  // a whole number as eslint takes it; "-1" or "2.5" is a mistake to report, not a limit to guess at
  if (maxText !== undefined && !/^\d+$/.test(maxText)) throw new UsageError(`--max-warnings takes a whole number (0 or more), not "${escapeControls(maxText)}"`)
  const maxWarnings = maxText === undefined ? undefined : Number(maxText)
  if (!args.positionals.length) throw new UsageError('give at least one rubric file')
  const limits = limitsOf(args)

  let ioError = false
  const files: string[] = []
  for (const pattern of args.positionals) {
    const matched = io.glob(pattern)
    // the io gives a path that is no glob back as it is
    const named = matched.length === 1 && matched[0] === pattern
    // test files (x.test.yaml, see `kaoping test`) are never rubrics: however the name came, through a glob of
    // kaoping's or one the shell expanded into names, the run is the same; only a name typed out gets a note
    const wanted = matched.filter((f) => !TEST_FILE.test(f))
    if (named && !wanted.length) io.stderr(`kaoping validate: skipped ${escapeControls(pattern)}, a test file (run it with kaoping test)\n`)
    else if (!wanted.length) {
      io.stderr(`kaoping validate: no files match ${escapeControls(pattern)}${matched.length ? ' (only test files, x.test.yaml, which validate skips)' : ''}\n`)
      ioError = true
    }
    for (const f of wanted) if (!files.includes(f)) files.push(f)
  }
  if (!files.length && !ioError) {
    io.stderr('kaoping validate: no rubric files to check (only test files)\n')
    return EXIT_USAGE
  }

  let checked = 0
  let errors = 0
  let warnings = 0
  const json: Diagnostic[] = []
  // text and annotations: at most 20 per file and code, then a count (json gives every diagnostic)
  const reporter = new Reporter(io, format === 'github' ? 'github' : 'text')
  for (const file of files) {
    const read = readText(io, file, 'rubric', limits)
    if ('error' in read) {
      // a directory: say what to write instead
      const dir = /EISDIR/.test(read.error) ? ` (a directory is not expanded: give a glob, '${escapeControls(file.replace(/\/+$/, ''))}/**/*.yaml')` : ''
      io.stderr(`kaoping validate: cannot read ${escapeControls(file)}: ${read.error}${dir}\n`)
      ioError = true
      continue
    }
    checked++
    const text = 'text' in read ? read.text : ''
    for (const d of 'text' in read ? checkRubricText(text, file, limits) : read.diagnostics) {
      if (d.severity === 'error') errors++
      else if (d.severity === 'warning') warnings++
      if (format === 'json') json.push(d)
      else reporter.print(d, text)
    }
  }
  reporter.close()

  const tooMany = maxWarnings !== undefined && warnings > maxWarnings
  if (format === 'json') io.stdout(JSON.stringify({ files: checked, errors, warnings, ...(maxWarnings !== undefined ? { maxWarnings, tooManyWarnings: tooMany } : {}), diagnostics: json }, null, 2) + '\n')
  else {
    io.stdout(`${plural(checked, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`)
    if (tooMany) io.stdout(`${plural(warnings, 'warning')}: more than --max-warnings ${maxWarnings} allows\n`)
  }
  return ioError ? EXIT_USAGE : errors > 0 || tooMany ? EXIT_FINDINGS : EXIT_OK
}
