/**
 * The conventions CI users expect of the command (issue 12): globs as a shell with globstar expands them
 * (tinyglobby), test files never taken for rubrics, `kaoping test` with no test files, `--format json|junit|github`
 * for test results with the place of every failure, hints in annotations, `--max-warnings`, `-v`, `help <command>`
 * and a suggestion for a misspelled command. Expected values are worked out by hand in the comments.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from './support/cli'
import { expandGlob } from '../src/cli/glob'
import { githubAnnotation, workflowCommand } from '../src/cli/reporter'
import type { Diagnostic } from '../src/diagnostics/diagnostic'

const root = join(__dirname, '..')
const bin = join(root, 'dist', 'cli.cjs')
const FAILING = 'tests/fixtures/cli/failing.test.yaml'
const MINI = 'tests/fixtures/cli/mini-v1.yaml'
const node = (args: string[], cwd = root) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' })

/** The shipped rubrics, test files left out: what `validate 'rubrics/*.yaml'` must check. */
const shipped = readdirSync(join(root, 'rubrics')).filter((f) => /\.ya?ml$/.test(f) && !/\.test\.ya?ml$/.test(f))
const summary = (files: number, errors: number, warnings: number) =>
  `${files} file${files === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`

/**
 * A temporary tree for the glob semantics:
 *
 *   t/a.yaml  t/b.test.yaml  t/notes.txt  t/.f.yaml  t/.hidden/e.yaml  t/g/h.yaml  t/sub/c.yaml  t/sub/deep/d.yml
 *   p/a(1).yaml   (a name that looks like a pattern)
 *   rubrics/a.yaml  rubrics/nested/b.yaml   (a shipped rubric, copied)   rubrics/a.test.yaml   (not a rubric)
 */
let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaoping-ci-'))
  for (const f of ['t/a.yaml', 't/b.test.yaml', 't/notes.txt', 't/.f.yaml', 't/.hidden/e.yaml', 't/g/h.yaml', 't/sub/c.yaml', 't/sub/deep/d.yml', 'p/a(1).yaml']) {
    mkdirSync(join(dir, f, '..'), { recursive: true })
    writeFileSync(join(dir, f), 'x: 1\n')
  }
  mkdirSync(join(dir, 'rubrics', 'nested'), { recursive: true })
  copyFileSync(join(root, MINI), join(dir, 'rubrics', 'a.yaml'))
  copyFileSync(join(root, MINI), join(dir, 'rubrics', 'nested', 'b.yaml'))
  // were it taken for a rubric, it would be full of schema errors (no id, no items, an unknown key "cases")
  writeFileSync(join(dir, 'rubrics', 'a.test.yaml'), readFileSync(join(root, 'tests/fixtures/cli/mini-v1.test.yaml'), 'utf8').replace(/^file: .*$/m, 'file: a.yaml'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('globs (tinyglobby)', () => {
  const g = (pattern: string) => expandGlob(pattern, dir)

  it('** descends any depth; files only, sorted; dot files only when named', () => {
    // .yaml files under t/: a, b.test, g/h, sub/c (sub/deep/d.yml is .yml; .f.yaml and .hidden/ are dot entries)
    expect(g('t/**/*.yaml')).toEqual(['t/a.yaml', 't/b.test.yaml', 't/g/h.yaml', 't/sub/c.yaml'])
    expect(g('t/**/*.{yaml,yml}')).toEqual(['t/a.yaml', 't/b.test.yaml', 't/g/h.yaml', 't/sub/c.yaml', 't/sub/deep/d.yml'])
    expect(g('t/.hidden/*.yaml')).toEqual(['t/.hidden/e.yaml'])
  })

  it('{a,b} picks alternatives, across directories too', () => {
    expect(g('t/{a,sub/c}.yaml')).toEqual(['t/a.yaml', 't/sub/c.yaml'])
    expect(g('{t/a,t/g/h}.yaml')).toEqual(['t/a.yaml', 't/g/h.yaml'])
  })

  it('*/ matches one directory level', () => {
    // t/*/c.yaml: t/sub/c.yaml only (t/g has h.yaml); */a.yaml from the top: rubrics/a.yaml and t/a.yaml
    // (rubrics/nested/b.yaml and t/sub/c.yaml are two levels down)
    expect(g('t/*/c.yaml')).toEqual(['t/sub/c.yaml'])
    expect(g('*/a.yaml')).toEqual(['rubrics/a.yaml', 't/a.yaml'])
    expect(g('t/*/*.yaml')).toEqual(['t/g/h.yaml', 't/sub/c.yaml'])
  })

  it('keeps the paths as written: ./ and absolute prefixes stay', () => {
    // tinyglobby alone answers x/a.yaml for ./x/*.yaml and a path relative to its cwd for an absolute pattern
    expect(g('./t/*.yaml')).toEqual(['./t/a.yaml', './t/b.test.yaml'])
    expect(g(`${dir}/t/*.yaml`)).toEqual([`${dir}/t/a.yaml`, `${dir}/t/b.test.yaml`])
  })

  it('a path that is no pattern comes back as it is (a missing one too); a pattern matching nothing gives nothing', () => {
    expect(g('t/a.yaml')).toEqual(['t/a.yaml'])
    expect(g('t/missing.yaml')).toEqual(['t/missing.yaml'])
    expect(g('nothing/**/*.yaml')).toEqual([])
    // a(1).yaml reads as a pattern (an extglob group) that matches nothing: the file of that name is meant
    expect(g('p/a(1).yaml')).toEqual(['p/a(1).yaml'])
  })

  it('validate expands **, {a,b} and */ in-process (the tests\' io uses the same expansion)', () => {
    expect(cli(['validate', 'rubrics/**/*.yaml'])).toMatchObject({ code: 0, out: summary(shipped.length, 0, 0), err: '' })
    // band-gap.ok.yaml and unused-fact.ok.yaml: both fixed near-misses, no finding
    expect(cli(['validate', 'tests/fixtures/invalid/{band-gap,unused-fact}.ok.yaml'])).toMatchObject({ code: 0, out: summary(2, 0, 0) })
    // */xuzhou-statistics-2017.yaml from the repository root: rubrics/ is the only directory holding that file
    expect(cli(['validate', '*/xuzhou-statistics-2017.yaml'])).toMatchObject({ code: 0, out: summary(1, 0, 0) })
  })

  it('the installed command expands ** (dist/cli.cjs, run in the temporary tree)', () => {
    expect(existsSync(bin)).toBe(true)
    // rubrics/a.yaml and rubrics/nested/b.yaml; rubrics/a.test.yaml is skipped
    const r = node(['validate', 'rubrics/**/*.yaml', '--format', 'json'], dir)
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toMatchObject({ files: 2, errors: 0, warnings: 0, diagnostics: [] })
    expect(r.status).toBe(0)
  })
})

describe('test files are not rubrics', () => {
  it('a glob skips them, whatever its form', () => {
    // rubrics/*.yaml matches xuzhou-statistics-2017.test.yaml too; it is not checked (it would be full of errors)
    expect(cli(['validate', 'rubrics/*.yaml'])).toMatchObject({ code: 0, out: summary(shipped.length, 0, 0), err: '' })
    expect(cli(['validate', 'rubrics/{xuzhou-statistics-2017,xuzhou-statistics-2017.test}.yaml'])).toMatchObject({ code: 0, out: summary(1, 0, 0), err: '' })
    expect(expandGlob('rubrics/**/*.yaml', dir)).toContain('rubrics/a.test.yaml')
    expect(node(['validate', 'rubrics/**/*.yaml'], dir).stdout).toBe(summary(2, 0, 0))
  })

  it('named, one is skipped with a note (an unquoted glob reaches kaoping as names); alone, nothing is left to check', () => {
    const r = cli(['validate', 'rubrics/xuzhou-statistics-2017.yaml', 'rubrics/xuzhou-statistics-2017.test.yaml'])
    expect(r).toMatchObject({ code: 0, out: summary(1, 0, 0) })
    expect(r.err).toBe('kaoping validate: skipped rubrics/xuzhou-statistics-2017.test.yaml, a test file (run it with kaoping test)\n')
    const alone = cli(['validate', 'rubrics/xuzhou-statistics-2017.test.yaml'])
    expect(alone.code).toBe(2)
    expect(alone.err).toContain('no rubric files to check')
  })

  it('a glob of test files only matches nothing validate checks: exit 2', () => {
    const r = cli(['validate', 'rubrics/*.test.yaml'])
    expect(r.code).toBe(2)
    expect(r.err).toContain('no files match rubrics/*.test.yaml (only test files')
  })

  it('a directory is not expanded: the message says which glob to give', () => {
    const r = cli(['validate', 'rubrics'])
    expect(r.code).toBe(2)
    expect(r.err).toContain("give a glob, 'rubrics/**/*.yaml'")
  })
})

describe('kaoping test with no test files', () => {
  it('exits 0 with a message on stderr; --fail-if-none exits 1', () => {
    // tests/fixtures/invalid holds rubrics and .expected files, no .test.yaml
    const r = cli(['test', 'tests/fixtures/invalid/*.test.yaml'])
    expect(r).toMatchObject({ code: 0, out: '' })
    expect(r.err).toMatch(/^kaoping test: no test files found \(tests\/fixtures\/invalid\/\*\.test\.yaml\); nothing to run\./)
    const strict = cli(['test', 'tests/fixtures/invalid/*.test.yaml', '--fail-if-none'])
    expect(strict.code).toBe(1)
    expect(strict.err).toContain('no test files found')
  })

  it('by default looks for rubrics/*.test.yaml (the installed command, in a directory without any)', () => {
    const empty = join(dir, 't')
    const r = node(['test'], empty)
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^kaoping test: no test files found \(rubrics\/\*\.test\.yaml\)/)
    expect(node(['test', '--fail-if-none'], empty).status).toBe(1)
  })

  it('json and junit still write their (empty) document', () => {
    expect(JSON.parse(cli(['test', 'no/such/*.test.yaml', '--format', 'json']).out)).toEqual({ passed: 0, failed: 0, files: [] })
    const x = cli(['test', 'no/such/*.test.yaml', '--format', 'junit']).out
    expect(wellFormed(x)).toBe(true)
    expect(x).toContain('<testsuites name="kaoping test" tests="0" failures="0" errors="0">')
  })

  it('a glob of rubrics runs the test files beside them and skips rubrics without one', () => {
    // rubrics/*.yaml finds each rubric and xuzhou-statistics-2017.test.yaml; the test file runs once
    const all = cli(['test'])
    const viaRubrics = cli(['test', 'rubrics/*.yaml'])
    expect(viaRubrics.code).toBe(0)
    expect(viaRubrics.out).toBe(all.out)
  })
})

// failing.test.yaml, by hand (1 passes, 3 fail). The cases start at `name` (column 5) on lines 7, 10, 13 and 21.
// The values that expect otherwise:
//   line 12 `    expect: { p: { total: 20 } }`      20 at column 27        (it is 21)
//   line 19 `      q: { grade: 優秀 }`               優秀 at column 19      (q is 合格)
//   line 20 `      r: { rank: 2, total: "18.00" }`  2 at column 18         (r is 3rd; its total 18 holds)
//   line 23 `    error: EVIDENCE_OUT_OF_RANGE`       the code at column 12  (the cohort is scored)
describe('kaoping test --format', () => {
  it('json: one object with every case, its status and place, each failure with its place, expected and actual', () => {
    const r = cli(['test', FAILING, '--format', 'json'])
    expect(r.code).toBe(1)
    expect(r.err).toBe('')
    const out = JSON.parse(r.out)
    expect(out).toMatchObject({ passed: 1, failed: 3 })
    expect(out.files).toHaveLength(1)
    const [f] = out.files
    expect(f).toMatchObject({ file: FAILING, passed: 1, failed: 3 })
    expect(f.cases.map((c: { name: string; status: string; line: number; column: number }) => [c.name, c.status, c.line, c.column])).toEqual([
      ['right total', 'passed', 7, 5],
      ['wrong total', 'failed', 10, 5],
      ['wrong grade and rank', 'failed', 13, 5],
      ['expects an error that does not come', 'failed', 21, 5],
    ])
    expect(f.cases[0].failures).toEqual([])
    expect(f.cases[1].failures).toEqual([{ message: 'expected total 20, got 21', file: FAILING, line: 12, column: 27, subject: 'p', expected: '20', actual: '21' }])
    expect(f.cases[2].failures).toEqual([
      { message: 'q: expected grade 優秀, got 合格', file: FAILING, line: 19, column: 19, subject: 'q', expected: '優秀', actual: '合格' },
      { message: 'r: expected rank 2, got 3', file: FAILING, line: 20, column: 18, subject: 'r', expected: 2, actual: 3 },
    ])
    expect(f.cases[3].failures).toEqual([{ message: 'expected error EVIDENCE_OUT_OF_RANGE, but the cohort was scored', file: FAILING, line: 23, column: 12, expected: 'EVIDENCE_OUT_OF_RANGE', actual: null }])
  })

  it('junit: well-formed XML, a testcase per case, a failure naming file:line', () => {
    const r = cli(['test', FAILING, '--format', 'junit'])
    expect(r.code).toBe(1)
    expect(wellFormed(r.out)).toBe(true)
    expect(r.out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kaoping test" tests="4" failures="3" errors="0">')).toBe(true)
    expect(r.out.match(/<testsuite /g)).toHaveLength(1)
    expect(r.out.match(/<testcase /g)).toHaveLength(4)
    expect(r.out.match(/<failure /g)).toHaveLength(3)
    expect(r.out).toContain(`<testcase classname="${FAILING}" name="right total" file="${FAILING}" line="7"/>`)
    expect(r.out).toContain(
      `<testcase classname="${FAILING}" name="wrong total" file="${FAILING}" line="10">\n` +
        `      <failure message="expected total 20, got 21" type="expectation">${FAILING}:12:27: expected total 20, got 21</failure>`,
    )
    // two differences: one failure (the schema allows one), both in its message and each on a line of its text
    expect(r.out).toContain(`<failure message="q: expected grade 優秀, got 合格; r: expected rank 2, got 3" type="expectation">${FAILING}:19:19: q: expected grade 優秀, got 合格\n${FAILING}:20:18: r: expected rank 2, got 3</failure>`)
  })

  it('junit escapes markup in names, and a file that cannot be used is an error element', () => {
    const name = `a <b> & "c" 'd'`
    const file = 'tests/fixtures/cli/x.test.yaml'
    const test = `rubric: mini-method-2020\nfile: mini-v1.yaml\ncases:\n  - name: ${JSON.stringify(name)}\n    subject: { id: p, facts: { passRate: 0.875, registered: true, judged: 9, coverage: 0.55 } }\n    expect: { p: { total: 20 } }\n`
    const r = cli(['test', file, '--format', 'junit'], { [file]: test })
    expect(wellFormed(r.out)).toBe(true)
    expect(r.out).toContain('name="a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;"')
    // an escape sequence (ESC) in a case name: the YAML is refused, and the XML still holds no control character
    const esc = cli(['test', file, '--format', 'junit'], { [file]: test.replace(JSON.stringify(name), '"\\e[31mred"') })
    expect(esc.code).toBe(1)
    expect(wellFormed(esc.out)).toBe(true)
    expect(esc.out).toMatch(/<testsuite [^>]* errors="1"/)
    expect(esc.out).toMatch(/<error message="not run: [^"]*" type="[A-Z_]+">/)
    expect(/[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(esc.out)).toBe(false)
  })

  it('github: an annotation per failed expectation, at its line and column, titled by the case; then the count', () => {
    const r = cli(['test', FAILING, '--format', 'github'])
    expect(r.code).toBe(1)
    expect(r.out).toBe(
      [
        `::error file=${FAILING},line=12,col=27,title=wrong total::expected total 20, got 21`,
        `::error file=${FAILING},line=19,col=19,title=wrong grade and rank::q: expected grade 優秀, got 合格`,
        `::error file=${FAILING},line=20,col=18,title=wrong grade and rank::r: expected rank 2, got 3`,
        `::error file=${FAILING},line=23,col=12,title=expects an error that does not come::expected error EVIDENCE_OUT_OF_RANGE, but the cohort was scored`,
        '1 passed, 3 failed',
        '',
      ].join('\n'),
    )
  })

  it('github escapes % in the message, and : , % in a property (the title)', () => {
    const file = 'tests/fixtures/cli/x.test.yaml'
    // the case expects total 20 on line 6 (`    expect: { p: { total: 20 } }`, 20 at column 27); its name, a title:
    // "50%: a, b" → % → %25, : → %3A, , → %2C
    const test = 'rubric: mini-method-2020\nfile: mini-v1.yaml\ncases:\n  - name: "50%: a, b"\n    subject: { id: p, facts: { passRate: 0.875, registered: true, judged: 9, coverage: 0.55 } }\n    expect: { p: { total: 20 } }\n'
    const r = cli(['test', file, '--format', 'github'], { [file]: test })
    expect(r.out.split('\n')[0]).toBe(`::error file=${file},line=6,col=27,title=50%25%3A a%2C b::expected total 20, got 21`)
    // the message keeps : and , as they are (only properties escape them); %, CR and LF are escaped
    expect(workflowCommand('error', { file: 'a:b,c.yaml', line: 1, col: 2, title: 't' }, '100% done: a, b\r\nnext')).toBe('::error file=a%3Ab%2Cc.yaml,line=1,col=2,title=t::100%25 done: a, b%0D%0Anext')
  })

  it('text: each failure on a line that starts with its path:line:col', () => {
    const r = cli(['test', FAILING])
    const located = r.out.split('\n').filter((l) => /^ {2}\S+:\d+:\d+: /.test(l))
    expect(located.map((l) => l.trim().split(': ')[0])).toEqual([`${FAILING}:12:27`, `${FAILING}:19:19`, `${FAILING}:20:18`, `${FAILING}:23:12`])
  })

  it('an unknown --format is a usage error', () => {
    const r = cli(['test', FAILING, '--format', 'tap'])
    expect(r.code).toBe(2)
    expect(r.err).toContain('--format must be text, json, junit or github, not "tap"')
  })
})

describe('hints in validate annotations', () => {
  it('an annotation is "message%0A%0Ahint: hint", both escaped', () => {
    // a diagnostic with every character GitHub escapes in data: % → %25, CR → %0D, LF → %0A; the file, a property,
    // also escapes : and ,
    const d = { code: 'BAND_GAP', severity: 'error', message: '50% short\r\nof 0.9', hint: 'Set "to: 0.41", or 100%.', file: 'a:b,c.yaml', location: { line: 3, column: 7 } } as Diagnostic
    expect(githubAnnotation(d)).toBe('::error file=a%3Ab%2Cc.yaml,line=3,col=7,title=BAND_GAP::50%25 short%0D%0Aof 0.9%0A%0Ahint: Set "to: 0.41", or 100%25.')
    // without a hint, the message alone
    expect(githubAnnotation({ ...d, hint: undefined } as unknown as Diagnostic)).toBe('::error file=a%3Ab%2Cc.yaml,line=3,col=7,title=BAND_GAP::50%25 short%0D%0Aof 0.9')
  })

  it('validate --format github carries each diagnostic\'s hint, as --format json gives it', () => {
    const f = 'tests/fixtures/invalid/band-gap.yaml'
    const [d] = JSON.parse(cli(['validate', f, '--format', 'json']).out).diagnostics as { message: string; hint: string }[]
    expect(d!.hint).toBeTruthy()
    const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
    // tests/fixtures/invalid/band-gap.expected: 18:38 error BAND_GAP
    expect(cli(['validate', f, '--format', 'github']).out.split('\n')[0]).toBe(`::error file=${f},line=18,col=38,title=BAND_GAP::${data(d!.message)}%0A%0Ahint: ${data(d!.hint)}`)
  })
})

describe('validate --max-warnings', () => {
  // tests/fixtures/invalid/unused-fact.yaml: one warning (9:3 UNUSED_FACT), no error
  const f = 'tests/fixtures/invalid/unused-fact.yaml'

  it('0 with a warning: exit 1 and a line saying so; 1 (enough): exit 0; none given: no limit', () => {
    const over = cli(['validate', f, '--max-warnings', '0'])
    expect(over.code).toBe(1)
    expect(over.out).toBe(summary(1, 0, 1) + '1 warning: more than --max-warnings 0 allows\n')
    expect(cli(['validate', f, '--max-warnings', '1'])).toMatchObject({ code: 0, out: summary(1, 0, 1) })
    expect(cli(['validate', f, '--max-warnings=5'])).toMatchObject({ code: 0, out: summary(1, 0, 1) })
    expect(cli(['validate', f])).toMatchObject({ code: 0, out: summary(1, 0, 1) })
    expect(JSON.parse(cli(['validate', f, '--max-warnings', '0', '--format', 'json']).out)).toMatchObject({ warnings: 1, maxWarnings: 0, tooManyWarnings: true })
  })

  it('N must be a whole number ≥ 0', () => {
    for (const n of ['-1', '1.5', 'x', '', ' 1']) {
      const r = cli(['validate', f, '--max-warnings', n])
      expect(r.code, n).toBe(2)
      expect(r.err, n).toContain('--max-warnings takes a whole number')
    }
  })
})

describe('version, help and misspelled commands', () => {
  it('-v and --version print the version', () => {
    // from the sources there is no version written in: 0.0.0-dev; the built command has package.json's
    expect(cli(['-v'])).toMatchObject({ code: 0, out: '0.0.0-dev\n', err: '' })
    expect(cli(['--version']).out).toBe('0.0.0-dev\n')
    expect(node(['-v']).stdout).toBe(`${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`)
  })

  it('help <command> prints that command\'s help', () => {
    for (const c of ['validate', 'test', 'score']) {
      const r = cli(['help', c])
      expect(r.code, c).toBe(0)
      expect(r.out, c).toBe(cli([c, '--help']).out)
    }
    expect(cli(['help']).out).toContain('Usage: kaoping <command>')
  })

  it('a misspelled command gets the closest command; exit 2 and the help', () => {
    const r = cli(['valdate'])
    expect(r.code).toBe(2)
    expect(r.err.split('\n')[0]).toBe('kaoping: unknown command "valdate"; did you mean "validate"?')
    expect(r.err).toContain('Usage: kaoping <command>')
    // tset → test (two letters swapped: 1); scroe → score (1); explian → explain (1); tempalte → template (1)
    for (const [typed, meant] of [['tset', 'test'], ['scroe', 'score'], ['explian', 'explain'], ['tempalte', 'template'], ['Validate', 'validate']])
      expect(cli([typed!]).err.split('\n')[0], typed).toBe(`kaoping: unknown command "${typed}"; did you mean "${meant}"?`)
    // nothing close: no guess
    expect(cli(['frobnicate']).err.split('\n')[0]).toBe('kaoping: unknown command "frobnicate"')
    expect(cli(['help', 'valdate']).err.split('\n')[0]).toBe('kaoping: unknown command "valdate"; did you mean "validate"?')
  })
})

/**
 * A small well-formedness check of XML as kaoping writes it: one declaration, then elements that nest and close,
 * attributes double-quoted without `<`, `&` only in the five entities or a character reference, and no character
 * XML 1.0 forbids. Enough to catch unescaped markup; not a general parser (no comments, CDATA or DTD are written).
 */
function wellFormed(text: string): boolean {
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/.test(text)) return false
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) return false
  let rest = text.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '')
  if (rest === text) return false
  const open: string[] = []
  let roots = 0
  const tag = /^<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>/
  while (rest.length) {
    const lt = rest.indexOf('<')
    const textPart = lt === -1 ? rest : rest.slice(0, lt)
    if (textPart.includes('>') || (!open.length && textPart.trim())) return false
    if (lt === -1) break
    const m = tag.exec(rest.slice(lt))
    if (!m) return false
    const [all, close, name, , selfClose] = m
    if (close) {
      if (open.pop() !== name) return false
    } else {
      if (!open.length && roots++) return false
      if (!selfClose) open.push(name!)
    }
    rest = rest.slice(lt + all.length)
  }
  return open.length === 0 && roots === 1
}
