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
import { escapeControls } from '../text/controls'
import { EXIT_FINDINGS, EXIT_OK, parseArgs, UsageError, type CliIo } from './io'

const HELP = `Usage: kaoping test [files…]

Runs the test cases written beside rubrics: rubrics/<id>.test.yaml next to rubrics/<id>.yaml.
Each case scores a small cohort and compares totals, grades, ranks, eligibility, item scores and money
with the values expected, exactly (7 equals "7.00"). The format is described in docs/cli.md.

Files: test files (x.test.yaml), rubric files (x.yaml: its x.test.yaml sibling is run) or globs.
Default: every rubrics/*.test.yaml.

Prints one line per case (✓ name, or ✗ name: what differed), then "N passed, N failed".
Exit code 1 if any case failed.

Options:
  --limit name=value   raise (or lower) a safety limit (repeatable; see SECURITY.md)
  -h, --help           show this help
`

const TEST_SUFFIX = /\.test\.ya?ml$/i

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

export function testCommand(argv: string[], io: CliIo): number {
  const args = parseArgs(argv, ['limit'], ['help'])
  if (args.flags.has('help')) {
    io.stdout(HELP)
    return EXIT_OK
  }
  const limits = limitsOf(args)
  const files = testFiles(io, args.positionals)
  let passed = 0
  let failed = 0
  try {
    for (const file of files) {
      if (files.length > 1) io.stdout(`${file}\n`)
      const r = runFile(io, file, limits)
      passed += r.passed
      failed += r.failed
    }
  } catch (e) {
    if (e instanceof Exit) return e.code
    throw e
  }
  io.stdout(`${passed} passed, ${failed} failed\n`)
  return failed > 0 ? EXIT_FINDINGS : EXIT_OK
}

/** The test files to run: the arguments (test files, rubric files, globs), or every rubrics/*.test.yaml. */
function testFiles(io: CliIo, positionals: readonly string[]): string[] {
  if (!positionals.length) {
    const all = io.glob('rubrics/*.test.yaml')
    if (!all.length) throw new UsageError('no rubrics/*.test.yaml here; give test files or rubric files')
    return all
  }
  const out: string[] = []
  for (const p of positionals) {
    const matched = io.glob(p)
    if (!matched.length) throw new UsageError(`no files match ${p}`)
    for (const f of matched) {
      if (TEST_SUFFIX.test(f)) out.push(f)
      else if (/\.ya?ml$/i.test(f)) {
        const sibling = f.replace(/\.ya?ml$/i, '.test.yaml')
        if (!io.exists(sibling)) throw new UsageError(`no test file beside ${f} (looked for ${sibling})`)
        out.push(sibling)
      } else throw new UsageError(`${f} is neither a test file (.test.yaml) nor a rubric file (.yaml)`)
    }
  }
  return [...new Set(out)]
}

/** Runs one test file; a file that cannot be used counts as one failure, with its problems on stderr. */
function runFile(io: CliIo, file: string, over: Partial<Limits> | undefined): { passed: number; failed: number } {
  const text = read(io, file, 'evidence', over)
  const limits = resolveLimits(over)
  if (!limits.ok) throw new UsageError(limits.diagnostics.map((d) => d.message).join('; '))
  const { maxAliasCount, maxDepth, maxStringLength, maxYamlBytes } = limits.value
  const broken = (ds: Diagnostic[], source?: string) => {
    for (const d of ds) io.stderr(formatDiagnostic(d, source) + '\n')
    io.stdout(`✗ ${file}: not run: ${ds.find((d) => d.severity === 'error')?.message ?? 'invalid test file'}\n`)
    return { passed: 0, failed: 1 }
  }
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

  let passed = 0
  let failed = 0
  for (const c of spec.cases) {
    const problems = runCase(evaluator, c, spec.base, over)
    if (problems.length) {
      failed++
      io.stdout(`✗ ${c.name}: ${problems.join('; ')}\n`)
    } else {
      passed++
      io.stdout(`✓ ${c.name}\n`)
    }
  }
  return { passed, failed }
}

/** What went wrong in one case; empty when it passed. */
function runCase(evaluator: Evaluator, c: Case, base: TestFile['base'], limits: Partial<Limits> | undefined): string[] {
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
  if (!r.ok) {
    const errors = r.diagnostics.filter((d) => d.severity === 'error')
    if (c.error !== undefined) return errors.some((d) => d.code === c.error) ? [] : [`expected error ${c.error}, got ${errors.map((d) => d.code).join(', ')}: ${errors[0]?.message ?? ''}`]
    return [`not scored: ${errors.map((d) => `${d.code} ${d.message}`).join(' ')}`]
  }
  if (c.error !== undefined) return [`expected error ${c.error}, but the cohort was scored`]
  const out: string[] = []
  const several = Object.keys(c.expect).length > 1
  for (const [id, expect] of Object.entries(c.expect)) {
    const s = r.value.subjects.find((x) => x.subject.id === id)
    if (!s) {
      out.push(`no subject "${id}" in the case`)
      continue
    }
    const diffs = checkExpectation(s, expect)
    if (diffs.length) out.push(several ? `${id}: ${diffs.join(', ')}` : diffs.join(', '))
  }
  return out
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
