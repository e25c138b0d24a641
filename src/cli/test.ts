import { dirname, isAbsolute, join, relative, sep, win32, basename } from 'node:path'
import { compileRubric, type Evaluator } from '../api/evaluator'
import { makeDiagnostic } from '../diagnostics/diagnostic'
import type { Diagnostic, Path } from '../diagnostics/diagnostic'
import { formatDiagnostic } from '../diagnostics/format'
import { loadRubric } from '../api/load-rubric'
import { parseYamlSource, type SourceDoc } from '../load/source'
import { checkExpectation, expectedDecimal, type SubjectExpectation } from '../report/expect'
import { read, Exit, limitsOf } from './common'
import { resolveLimits, type Limits } from '../limits'
import { controlEscape, escapeControls } from '../text/controls'
import { parseFixed, toFixedString } from '../num/fixed'
import type { ItemResult, SubjectResult } from '../evaluate/result'
import { EXIT_FINDINGS, EXIT_OK, one, parseArgs, UsageError, type CliIo } from './io'
import { Reporter, workflowCommand } from './reporter'

const HELP = `Usage: kaoping test [files…] [options]

Runs the test cases written beside rubrics: rubrics/<id>.test.yaml next to rubrics/<id>.yaml.
Each case scores a small cohort and compares totals, grades, ranks, eligibility, item scores and money
with the values expected, exactly (7 equals "7.00"). The format is described in docs/cli.md.

Files: test files (x.test.yaml), rubric files (x.yaml: its x.test.yaml sibling is run) or globs
('rubrics/**/*.test.yaml'; a rubric a glob finds without a test file beside it is skipped).
Default: every rubrics/*.test.yaml. No test file found: a message on stderr and exit 0
(--fail-if-none: exit 1).

Output (text): one line per case, ✓ name or ✗ name, under a failed case one line per
difference headed by where the case expects it (path:line:col: expected total 20, got 21),
then "N passed, N failed". A test file that cannot be used counts as one failure.

Options:
  --format text|json|junit|github
                       text (default); json: one JSON object on stdout (every case, its
                       status and place, each difference with its place, expected and actual);
                       junit: JUnit XML on stdout (a testsuite per file, a testcase per case);
                       github: a workflow annotation per difference
                       (::error file=…,line=…,col=…,title=case::message), then the count
  --fail-if-none       exit 1 when no test file is found
  --limit name=value   raise (or lower) a safety limit (repeatable; see SECURITY.md)
  -h, --help           show this help

Exit codes: 0 every case passed (or none found), 1 a case failed or a test file could
not be used (or none found, with --fail-if-none), 2 usage error or a file that cannot be read.
`

const TEST_SUFFIX = /\.test\.ya?ml$/i
/** Where test files are looked for when none are named. */
const DEFAULT_TESTS = 'rubrics/*.test.yaml'
const FORMATS = ['text', 'json', 'junit', 'github'] as const
type Format = (typeof FORMATS)[number]

interface Case {
  name: string
  asOf?: string
  period?: { from?: string; to?: string }
  params?: Record<string, unknown>
  subjects: unknown[]
  expect: Record<string, SubjectExpectation>
  error?: string
  path: Path
}

interface TestFile {
  rubric: string
  file?: string
  base?: { facts?: Record<string, unknown>; records?: Record<string, unknown> }
  cases: Case[]
}

/** A place in a test file, as editors and CI reporters link to it. */
interface Place {
  file: string
  line: number
  column: number
}

/** One difference between what a case expects and what scoring gave, at the value in the test file that expects it. */
interface Failure {
  message: string
  at?: Place
  subject?: string
  expected?: unknown
  actual?: unknown
}

interface CaseResult {
  name: string
  at?: Place
  failures: Failure[]
}

/** A test file run: its cases, or why it could not be used (counted as one failure). */
interface FileResult {
  file: string
  cases: CaseResult[]
  notRun?: { message: string; diagnostics: Diagnostic[]; source?: string }
}

const failedCases = (r: FileResult): number => r.cases.filter((c) => c.failures.length).length + (r.notRun ? 1 : 0)

export function testCommand(argv: string[], io: CliIo): number {
  const args = parseArgs(argv, ['limit', 'format'], ['help', 'fail-if-none'])
  if (args.flags.has('help')) {
    io.stdout(HELP)
    return EXIT_OK
  }
  const format = (one(args, 'format') ?? 'text') as Format
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be text, json, junit or github, not "${escapeControls(format)}"`)
  const limits = limitsOf(args)
  const patterns = args.positionals.length ? args.positionals : [DEFAULT_TESTS]
  const files = testFiles(io, patterns)
  if (!files.length) {
    // a repository without tests yet is not a broken build: CI that wants tests says so with --fail-if-none
    const strict = args.flags.has('fail-if-none')
    const looked = patterns.map(escapeControls).join(', ')
    io.stderr(
      strict
        ? `kaoping test: no test files found (${looked}), and --fail-if-none makes that a failure.\n`
        : `kaoping test: no test files found (${looked}); nothing to run. A test file is <id>.test.yaml beside the rubric <id>.yaml (docs/cli.md, "test"); --fail-if-none makes this a failure.\n`,
    )
    // the machine formats still give a document a reporter can read: no cases
    if (format === 'json') io.stdout(JSON.stringify({ passed: 0, failed: 0, files: [] }, null, 2) + '\n')
    if (format === 'junit') io.stdout(junit([]))
    return strict ? EXIT_FINDINGS : EXIT_OK
  }
  let passed = 0
  let failed = 0
  // json and junit are one document, written at the end; text and annotations as each file is run
  const kept: FileResult[] = []
  try {
    for (const file of files) {
      const r = runFile(io, file, limits)
      passed += r.cases.length - r.cases.filter((c) => c.failures.length).length
      failed += failedCases(r)
      if (format === 'text') printText(io, r, files.length > 1)
      else if (format === 'github') printGithub(io, r)
      else kept.push(r)
    }
  } catch (e) {
    if (e instanceof Exit) return e.code
    throw e
  }
  if (format === 'json') io.stdout(JSON.stringify({ passed, failed, files: kept.map(fileJson) }, null, 2) + '\n')
  else if (format === 'junit') io.stdout(junit(kept))
  else io.stdout(`${passed} passed, ${failed} failed\n`)
  return failed > 0 ? EXIT_FINDINGS : EXIT_OK
}

/**
 * The test files to run, from test files, rubric files and globs. A path named is used as named: a rubric without a
 * test file beside it, or a file that is neither, is a usage error. What a glob finds is filtered: a rubric without a
 * test file beside it, and any other file, is skipped (not every rubric has tests), so a glob that finds nothing to
 * run adds nothing, and no test file at all is for the caller to report.
 */
function testFiles(io: CliIo, patterns: readonly string[]): string[] {
  const out: string[] = []
  for (const p of patterns) {
    const matched = io.glob(p)
    // the io gives a path that is no glob back as it is
    const named = matched.length === 1 && matched[0] === p
    for (const f of matched) {
      if (TEST_SUFFIX.test(f)) out.push(f)
      else if (/\.ya?ml$/i.test(f)) {
        const sibling = f.replace(/\.ya?ml$/i, '.test.yaml')
        if (io.exists(sibling)) out.push(sibling)
        else if (named) throw new UsageError(`no test file beside ${escapeControls(f)} (looked for ${escapeControls(sibling)})`)
      } else if (named) throw new UsageError(`${escapeControls(f)} is neither a test file (.test.yaml) nor a rubric file (.yaml)`)
    }
  }
  return [...new Set(out)]
}

/** Where a value of the test file is (its key's place with `key`), if it can be found. */
function placeOf(source: SourceDoc, file: string, path: Path, key = false): Place | undefined {
  const span = (key ? source.locateKey(path) : undefined) ?? source.locate(path)
  if (!span) return undefined
  const { line, column } = source.location(span)
  return { file, line, column }
}

/** Runs one test file; a file that cannot be used is one failure, with its problems (printed by the format). */
function runFile(io: CliIo, file: string, over: Partial<Limits> | undefined): FileResult {
  const text = read(io, file, 'evidence', over)
  const limits = resolveLimits(over)
  if (!limits.ok) throw new UsageError(limits.diagnostics.map((d) => d.message).join('; '))
  const { maxAliasCount, maxDepth, maxStringLength, maxYamlBytes } = limits.value
  const broken = (ds: Diagnostic[], source?: string): FileResult => ({
    file,
    cases: [],
    notRun: { message: ds.find((d) => d.severity === 'error')?.message ?? 'invalid test file', diagnostics: ds, ...(source !== undefined ? { source } : {}) },
  })
  const parsed = parseYamlSource(text, { file, maxAliasCount, maxDepth, maxStringLength, maxBytes: { name: 'maxYamlBytes', value: maxYamlBytes }, role: 'evidence' })
  if (!parsed.ok) return broken(parsed.diagnostics, text)
  const { source, data } = parsed.value
  const checked = checkTestFile(data, source)
  if (!checked.file) return broken(checked.diagnostics, source.text)
  const spec = checked.file

  let rubricPath = file.replace(TEST_SUFFIX, '.yaml')
  if (spec.file !== undefined) {
    // checked before the file is even looked for: nothing of a file outside is read, quoted or confirmed to exist
    const inside = confine(io, file, spec.file)
    if ('outside' in inside) {
      const refused = makeDiagnostic('SCHEMA_INVALID_VALUE', `"file" must name a file inside the test file's directory; "${escapeControls(spec.file)}" ${inside.outside}.`, { file, path: ['file'], hint: CONFINED_HINT })
      return broken([locate(refused, source)], source.text)
    }
    rubricPath = inside.path
  } else {
    // the rubric beside the test file: a symbolic link out of the directory is refused as a named one would be
    const inside = confine(io, file, basename(rubricPath))
    if ('outside' in inside) {
      const refused = makeDiagnostic('SCHEMA_INVALID_VALUE', `The rubric beside the test file, ${escapeControls(basename(rubricPath))}, ${inside.outside}: it must be a file inside the test file's directory.`, { file, hint: CONFINED_HINT })
      return broken([refused], source.text)
    }
  }
  if (!io.exists(rubricPath)) return broken([makeDiagnostic('OPTION_INVALID', `The rubric file ${escapeControls(rubricPath)} does not exist${spec.file === undefined ? ' (a test file x.test.yaml tests the rubric x.yaml beside it; or give file:)' : ''}.`, { file, path: spec.file !== undefined ? ['file'] : ['rubric'] })].map((d) => locate(d, source)), source.text)
  const rubricText = read(io, rubricPath, 'rubric', over)
  const loaded = loadRubric(rubricText, { file: rubricPath, ...(over ? { limits: over } : {}) })
  if (!loaded.ok) return broken(loaded.diagnostics, rubricText)
  if (loaded.value.rubric.id !== spec.rubric)
    return broken([locate(makeDiagnostic('OPTION_INVALID', `The test file is for rubric "${spec.rubric}", but ${escapeControls(rubricPath)} is rubric "${loaded.value.rubric.id}".`, { file, path: ['rubric'] }), source)], source.text)
  const compiled = compileRubric(loaded.value)
  if (!compiled.ok) return broken(compiled.diagnostics)
  const evaluator = compiled.value
  const at = (path: Path, key?: boolean) => placeOf(source, file, path, key)
  return { file, cases: spec.cases.map((c) => ({ name: c.name, ...optional('at', at(c.path)), failures: runCase(evaluator, c, spec.base, over, at) })) }
}

const optional = <K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } => (v === undefined ? {} : ({ [k]: v } as { [P in K]?: V }))

/** A decimal as the messages show it ("21" for "21.00"); anything else as it is. */
function decimalShown(v: unknown): unknown {
  const f = typeof v === 'string' ? parseFixed(v.trim()) : expectedDecimal(v)
  return f === undefined ? v : toFixedString(f)
}

function findItem(items: readonly ItemResult[], id: string): ItemResult | undefined {
  for (const i of items) {
    if (i.id === id) return i
    const inner = i.items && findItem(i.items, id)
    if (inner) return inner
  }
  return undefined
}

/**
 * What a case expects of one subject, one expectation at a time (each checked alone by checkExpectation, so that a
 * difference is located at the value that expects it), with the value expected and the value scored.
 */
function expectations(s: SubjectResult, e: SubjectExpectation): { path: Path; expect: SubjectExpectation; expected: unknown; actual: unknown }[] {
  const out: { path: Path; expect: SubjectExpectation; expected: unknown; actual: unknown }[] = []
  if (e.total !== undefined) out.push({ path: ['total'], expect: { total: e.total }, expected: decimalShown(e.total), actual: decimalShown(s.total) })
  if (e.exactTotal !== undefined) out.push({ path: ['exactTotal'], expect: { exactTotal: e.exactTotal }, expected: decimalShown(e.exactTotal), actual: decimalShown(s.exactTotal) })
  if (e.grade !== undefined) out.push({ path: ['grade'], expect: { grade: e.grade }, expected: e.grade, actual: s.grade ?? null })
  if (e.eligible !== undefined) out.push({ path: ['eligible'], expect: { eligible: e.eligible }, expected: e.eligible, actual: s.eligible })
  if (e.rank !== undefined) out.push({ path: ['rank'], expect: { rank: e.rank }, expected: e.rank ?? null, actual: s.rank ?? null })
  for (const [id, want] of Object.entries(e.items ?? {}))
    out.push({ path: ['items', id], expect: { items: { [id]: want } }, expected: decimalShown(want), actual: decimalShown(findItem(s.items, id)?.score ?? null) })
  for (const k of ['net', 'rewardTotal', 'penaltyTotal'] as const)
    if (e.money?.[k] !== undefined) out.push({ path: ['money', k], expect: { money: { [k]: e.money[k] } }, expected: decimalShown(e.money[k]), actual: decimalShown(s.money?.[k] ?? null) })
  return out
}

/** What went wrong in one case, each difference at the value of the test file that expects it; empty when it passed. */
function runCase(evaluator: Evaluator, c: Case, base: TestFile['base'], limits: Partial<Limits> | undefined, at: (path: Path, key?: boolean) => Place | undefined): Failure[] {
  const subjects = c.subjects.map((s) => withBase(s, base))
  const r = evaluator.evaluateCohort(
    {
      subjects,
      ...(c.asOf !== undefined ? { asOf: c.asOf } : {}),
      ...(c.period !== undefined ? { period: c.period } : {}),
      ...(c.params !== undefined ? { params: c.params } : {}),
    },
    { trail: false, ...(limits ? { limits } : {}) },
  )
  const failure = (message: string, path: Path, more: Omit<Failure, 'message' | 'at'> = {}, key?: boolean): Failure => ({ message, ...optional('at', at(path, key)), ...more })
  if (!r.ok) {
    const errors = r.diagnostics.filter((d) => d.severity === 'error')
    const codes = errors.map((d) => d.code)
    if (c.error !== undefined)
      return codes.includes(c.error as (typeof codes)[number]) ? [] : [failure(`expected error ${c.error}, got ${codes.join(', ')}: ${errors[0]?.message ?? ''}`, [...c.path, 'error'], { expected: c.error, actual: codes })]
    return [failure(`not scored: ${errors.map((d) => `${d.code} ${d.message}`).join(' ')}`, c.path, { actual: codes })]
  }
  if (c.error !== undefined) return [failure(`expected error ${c.error}, but the cohort was scored`, [...c.path, 'error'], { expected: c.error, actual: null })]
  const out: Failure[] = []
  const several = Object.keys(c.expect).length > 1
  for (const [id, expect] of Object.entries(c.expect)) {
    const ep: Path = [...c.path, 'expect', id]
    const s = r.value.subjects.find((x) => x.subject.id === id)
    if (!s) {
      out.push(failure(`no subject "${id}" in the case`, ep, { subject: id }, true))
      continue
    }
    for (const x of expectations(s, expect))
      for (const d of checkExpectation(s, x.expect)) out.push(failure(several ? `${id}: ${d}` : d, [...ep, ...x.path], { subject: id, expected: x.expected, actual: x.actual }))
  }
  return out
}

// --- output ---------------------------------------------------------------------------------------------

const placeText = (p: Place | undefined, file: string): string => (p ? `${escapeControls(p.file)}:${p.line}:${p.column}` : escapeControls(file))

/** Text: ✓ or ✗ per case; under a failed case each difference, headed by its place (path:line:col:, as compilers print). */
function printText(io: CliIo, r: FileResult, header: boolean): void {
  if (header) io.stdout(`${escapeControls(r.file)}\n`)
  if (r.notRun) {
    for (const d of r.notRun.diagnostics) io.stderr(formatDiagnostic(d, r.notRun.source, { lang: io.lang ?? 'en' }) + '\n')
    io.stdout(`✗ ${escapeControls(r.file)}: not run: ${r.notRun.message}\n`)
    return
  }
  for (const c of r.cases) {
    if (!c.failures.length) {
      io.stdout(`✓ ${c.name}\n`)
      continue
    }
    io.stdout(`✗ ${c.name}\n` + c.failures.map((f) => `  ${placeText(f.at ?? c.at, r.file)}: ${f.message}\n`).join(''))
  }
}

/** Annotations: one per difference, at its place, titled by the case; a test file not run, its diagnostics (hints included). */
function printGithub(io: CliIo, r: FileResult): void {
  if (r.notRun) {
    const reporter = new Reporter(io, 'github')
    for (const d of r.notRun.diagnostics) reporter.print(d, r.notRun.source)
    reporter.close()
    return
  }
  for (const c of r.cases)
    for (const f of c.failures) {
      const p = f.at ?? c.at
      io.stdout(workflowCommand('error', { file: p?.file ?? r.file, ...(p ? { line: p.line, col: p.column } : {}), title: c.name }, f.message) + '\n')
    }
}

function fileJson(r: FileResult): unknown {
  const cases = r.cases.map((c) => ({
    name: c.name,
    status: c.failures.length ? 'failed' : 'passed',
    ...(c.at ?? { file: r.file }),
    failures: c.failures.map((f) => ({ message: f.message, ...(f.at ?? c.at ?? { file: r.file }), ...optional('subject', f.subject), ...('expected' in f ? { expected: f.expected } : {}), ...('actual' in f ? { actual: f.actual } : {}) })),
  }))
  return { file: r.file, passed: r.cases.filter((c) => !c.failures.length).length, failed: failedCases(r), cases, ...(r.notRun ? { error: { message: r.notRun.message, diagnostics: r.notRun.diagnostics } } : {}) }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }
/** Lone surrogates and the non-characters U+FFFE and U+FFFF: not allowed in XML 1.0, whatever the escaping. */
const NOT_XML = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g

/**
 * Text for XML content or an attribute: control characters written as visible escapes (XML 1.0 allows none of C0
 * but tab, CR and LF, and a reader normalises line breaks in attributes away), then the five markup characters as
 * entities. Lines are escaped one by one and joined by the caller.
 */
const xml = (s: string): string => escapeControls(s).replace(NOT_XML, (c) => controlEscape(c.charCodeAt(0))).replace(/[&<>"']/g, (c) => ENTITIES[c]!)

/**
 * JUnit XML as GitHub's and GitLab's JUnit reporters read it: <testsuites>, a <testsuite> per test file, a
 * <testcase> per case with its file and line; a failed case has one <failure> (the schema allows one) whose
 * message lists the differences and whose text gives each with its place; a file that cannot be used is one
 * testcase with an <error>.
 */
function junit(files: readonly FileResult[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>']
  const total = (f: (r: FileResult) => number) => files.reduce((n, r) => n + f(r), 0)
  const tests = total((r) => (r.notRun ? 1 : r.cases.length))
  const failures = total((r) => r.cases.filter((c) => c.failures.length).length)
  const errors = total((r) => (r.notRun ? 1 : 0))
  lines.push(`<testsuites name="kaoping test" tests="${tests}" failures="${failures}" errors="${errors}">`)
  for (const r of files) {
    const file = xml(r.file)
    const failed = r.cases.filter((c) => c.failures.length).length
    lines.push(`  <testsuite name="${file}" tests="${r.notRun ? 1 : r.cases.length}" failures="${failed}" errors="${r.notRun ? 1 : 0}" skipped="0" file="${file}">`)
    if (r.notRun) {
      const d = r.notRun.diagnostics.find((x) => x.severity === 'error')
      const text = r.notRun.diagnostics.map((x) => formatDiagnostic(x).split('\n').map(xml).join('\n')).join('\n')
      lines.push(`    <testcase classname="${file}" name="${file}" file="${file}">`, `      <error message="${xml(`not run: ${r.notRun.message}`)}" type="${xml(d?.code ?? 'TEST_FILE')}">${text}</error>`, '    </testcase>')
    }
    for (const c of r.cases) {
      const line = c.at ? ` line="${c.at.line}"` : ''
      const head = `    <testcase classname="${file}" name="${xml(c.name)}" file="${file}"${line}`
      if (!c.failures.length) {
        lines.push(head + '/>')
        continue
      }
      const text = c.failures.map((f) => xml(`${placeText(f.at ?? c.at, r.file)}: ${f.message}`)).join('\n')
      lines.push(head + '>', `      <failure message="${xml(c.failures.map((f) => f.message).join('; '))}" type="expectation">${text}</failure>`, '    </testcase>')
    }
    lines.push('  </testsuite>')
  }
  lines.push('</testsuites>')
  return lines.join('\n') + '\n'
}

/** A subject over the file's `base`: the subject's facts override the base facts one by one; its record lists replace the base's. */
function withBase(subject: unknown, base: TestFile['base']): unknown {
  if (!base || subject === null || typeof subject !== 'object' || Array.isArray(subject)) return subject
  const s = subject as Record<string, unknown>
  const out: Record<string, unknown> = { ...s }
  if (base.facts || s.facts) out.facts = { ...base.facts, ...(s.facts as Record<string, unknown> | undefined) }
  if (base.records || s.records) out.records = { ...base.records, ...(s.records as Record<string, unknown> | undefined) }
  return out
}

const CONFINED_HINT = 'Give the rubric file\'s path relative to the test file, inside its directory (no absolute path, no ".." out of it, no symbolic link leading out of it); or put the test file beside the rubric file.'

/**
 * Where a test file's `file:` leads, or why it may not be used. It must be a relative path that stays inside the
 * test file's directory once `..` is resolved and, when the io resolves them (`realpath`), symbolic links too: the
 * file's canonical path must start with the directory's canonical path and a separator. Otherwise a test file could
 * make kaoping read a file anywhere (/proc/self/environ, a key) and quote its lines in diagnostics.
 */
function confine(io: CliIo, testFile: string, named: string): { path: string } | { outside: string } {
  if (isAbsolute(named) || win32.isAbsolute(named)) return { outside: 'is an absolute path' }
  const dir = dirname(testFile)
  const path = join(dir, named)
  const rel = relative(dir, path)
  if (rel === '') return { outside: 'names the directory itself' }
  if (rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return { outside: 'leads out of it' }
  if (!io.realpath) return { path }
  let realDir: string
  let realPath: string
  try {
    realDir = io.realpath(dir)
  } catch {
    return { outside: 'cannot be checked (the directory cannot be resolved)' }
  }
  try {
    realPath = io.realpath(path)
  } catch {
    // not there (a dangling link included): reported as missing, nothing is read
    return io.exists(path) ? { outside: 'cannot be resolved' } : { path }
  }
  const base = realDir.endsWith(sep) ? realDir : realDir + sep
  return realPath.startsWith(base) ? { path } : { outside: 'leads out of it through a symbolic link' }
}

function locate(d: Diagnostic, source: SourceDoc): Diagnostic {
  if (!d.path) return d
  const span = d.code === 'SCHEMA_UNKNOWN_KEY' ? source.locateKey(d.path) ?? source.locate(d.path) : source.locate(d.path)
  return span ? { ...d, span, location: source.location(span) } : d
}

// --- checking the test file ---------------------------------------------------------------------------

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

function checkTestFile(data: unknown, source: SourceDoc): { file?: TestFile; diagnostics: Diagnostic[] } {
  const ds: Diagnostic[] = []
  const problem = (path: Path, message: string, code: 'SCHEMA_INVALID_TYPE' | 'SCHEMA_UNKNOWN_KEY' | 'SCHEMA_MISSING_KEY' | 'SCHEMA_INVALID_VALUE' = 'SCHEMA_INVALID_VALUE') =>
    ds.push(locate(makeDiagnostic(code, message, { file: source.file, path, hint: 'See "kaoping test" in docs/cli.md for the test file format.' }), source))
  const keys = (v: Record<string, unknown>, path: Path, allowed: readonly string[]) => {
    for (const k of Object.keys(v)) if (!allowed.includes(k)) problem([...path, k], `Unknown key "${k}"; expected one of: ${allowed.join(', ')}.`, 'SCHEMA_UNKNOWN_KEY')
  }
  const decimal = (v: unknown, path: Path) => {
    if (expectedDecimal(v) === undefined) problem(path, `Expected a decimal number (7, 2.025 or "7.00"), got ${JSON.stringify(v)}.`)
  }
  if (!isMap(data)) {
    problem([], 'A test file is a mapping with "rubric" and "cases".', 'SCHEMA_INVALID_TYPE')
    return { diagnostics: ds }
  }
  keys(data, [], ['rubric', 'file', 'base', 'cases'])
  if (typeof data.rubric !== 'string' || !data.rubric) problem(['rubric'], 'Give "rubric": the id of the rubric tested.', 'SCHEMA_MISSING_KEY')
  if (data.file !== undefined && typeof data.file !== 'string') problem(['file'], '"file" is the rubric file\'s path, relative to the test file.', 'SCHEMA_INVALID_TYPE')
  if (data.base !== undefined) {
    if (!isMap(data.base)) problem(['base'], '"base" is a mapping with facts and/or records.', 'SCHEMA_INVALID_TYPE')
    else {
      keys(data.base, ['base'], ['facts', 'records'])
      for (const k of ['facts', 'records']) if (data.base[k] !== undefined && !isMap(data.base[k])) problem(['base', k], `"base.${k}" is a mapping by name.`, 'SCHEMA_INVALID_TYPE')
    }
  }
  if (!Array.isArray(data.cases) || data.cases.length === 0) {
    problem(['cases'], 'Give "cases": a list of test cases.', 'SCHEMA_MISSING_KEY')
    return { diagnostics: ds }
  }
  const cases: Case[] = []
  const names = new Set<string>()
  data.cases.forEach((c: unknown, i: number) => {
    const at: Path = ['cases', i]
    if (!isMap(c)) return problem(at, 'A case is a mapping with name, subjects (or subject) and expect.', 'SCHEMA_INVALID_TYPE')
    keys(c, at, ['name', 'asOf', 'period', 'params', 'subjects', 'subject', 'expect', 'error'])
    if (typeof c.name !== 'string' || !c.name) problem([...at, 'name'], 'Give each case a "name".', 'SCHEMA_MISSING_KEY')
    else if (names.has(c.name)) problem([...at, 'name'], `Two cases are named "${c.name}".`)
    else names.add(c.name)
    if (c.asOf !== undefined && typeof c.asOf !== 'string') problem([...at, 'asOf'], '"asOf" is a date, YYYY-MM-DD.', 'SCHEMA_INVALID_TYPE')
    if (c.period !== undefined && !isMap(c.period)) problem([...at, 'period'], '"period" is { from, to }.', 'SCHEMA_INVALID_TYPE')
    if (c.params !== undefined && !isMap(c.params)) problem([...at, 'params'], '"params" is a mapping of parameter name to value.', 'SCHEMA_INVALID_TYPE')
    if ((c.subjects === undefined) === (c.subject === undefined)) problem(at, 'Give exactly one of "subjects" (a cohort) and "subject" (one subject).', 'SCHEMA_MISSING_KEY')
    else if (c.subjects !== undefined && (!Array.isArray(c.subjects) || !c.subjects.length)) problem([...at, 'subjects'], '"subjects" is a non-empty list of subjects\' evidence.', 'SCHEMA_INVALID_TYPE')
    else if (c.subject !== undefined && !isMap(c.subject)) problem([...at, 'subject'], '"subject" is one subject\'s evidence (a mapping with id).', 'SCHEMA_INVALID_TYPE')
    if (c.error !== undefined && typeof c.error !== 'string') problem([...at, 'error'], '"error" is a diagnostic code, e.g. EVIDENCE_NO_BAND.', 'SCHEMA_INVALID_TYPE')
    if (c.expect === undefined && c.error === undefined) problem(at, 'Give "expect" (the results by subject id) or "error" (the code scoring must fail with).', 'SCHEMA_MISSING_KEY')
    if (c.expect !== undefined && c.error !== undefined) problem([...at, 'error'], 'Give "expect" or "error", not both.')
    // subject ids are data: an id "__proto__" must be a key like any other, not the object's prototype
    const expect: Record<string, SubjectExpectation> = Object.create(null)
    if (c.expect !== undefined) {
      if (!isMap(c.expect) || !Object.keys(c.expect).length) problem([...at, 'expect'], '"expect" maps subject ids to what is expected of them.', 'SCHEMA_INVALID_TYPE')
      else
        for (const [id, e] of Object.entries(c.expect)) {
          const ep: Path = [...at, 'expect', id]
          if (!isMap(e)) {
            problem(ep, 'What is expected of a subject is a mapping: total, exactTotal, grade, eligible, rank, items, money.', 'SCHEMA_INVALID_TYPE')
            continue
          }
          keys(e, ep, ['total', 'exactTotal', 'grade', 'eligible', 'rank', 'items', 'money'])
          for (const k of ['total', 'exactTotal'] as const) if (e[k] !== undefined) decimal(e[k], [...ep, k])
          if (e.grade !== undefined && e.grade !== null && typeof e.grade !== 'string') problem([...ep, 'grade'], '"grade" is a grade of the rubric, or null for none.', 'SCHEMA_INVALID_TYPE')
          if (e.eligible !== undefined && typeof e.eligible !== 'boolean') problem([...ep, 'eligible'], '"eligible" is true or false.', 'SCHEMA_INVALID_TYPE')
          if (e.rank !== undefined && e.rank !== null && !Number.isInteger(e.rank)) problem([...ep, 'rank'], '"rank" is a whole number.', 'SCHEMA_INVALID_TYPE')
          if (e.items !== undefined) {
            if (!isMap(e.items)) problem([...ep, 'items'], '"items" maps item ids to scores.', 'SCHEMA_INVALID_TYPE')
            else for (const [k, v] of Object.entries(e.items)) decimal(v, [...ep, 'items', k])
          }
          if (e.money !== undefined) {
            if (!isMap(e.money)) problem([...ep, 'money'], '"money" is { net, rewardTotal, penaltyTotal }.', 'SCHEMA_INVALID_TYPE')
            else {
              keys(e.money, [...ep, 'money'], ['net', 'rewardTotal', 'penaltyTotal'])
              for (const [k, v] of Object.entries(e.money)) decimal(v, [...ep, 'money', k])
            }
          }
          expect[id] = e as SubjectExpectation
        }
    }
    const out: Case = { name: String(c.name), subjects: Array.isArray(c.subjects) ? c.subjects : [c.subject], expect, path: at }
    if (typeof c.asOf === 'string') out.asOf = c.asOf
    if (isMap(c.period)) out.period = c.period as Case['period'] & object
    if (isMap(c.params)) out.params = c.params
    if (typeof c.error === 'string') out.error = c.error
    cases.push(out)
  })
  if (ds.some((d) => d.severity === 'error')) return { diagnostics: ds }
  const file: TestFile = { rubric: data.rubric as string, cases }
  if (typeof data.file === 'string') file.file = data.file
  if (isMap(data.base)) file.base = data.base as TestFile['base'] & object
  return { file, diagnostics: ds }
}
