// `kaoping validate` against the corpus of broken rubrics in tests/fixtures/invalid/: every <name>.yaml has a golden
// <name>.expected listing the diagnostics it must produce (`line:col severity CODE`, one a line, in the order printed),
// and almost every one a near-miss <name>.ok.yaml, fixed, whose golden is empty. The corpus is also the source of the
// examples in docs/diagnostics.md (scripts/gen-diagnostics-doc.ts), so the doc and the tests cannot drift apart.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { codes, type Code } from '../src/diagnostics/codes'
import type { CliIo } from '../src/cli/io'
import { run } from '../src/cli/run'
import { expandGlob } from '../src/cli/glob'
import { compileRubric, loadRubric, selectRubric } from '../src/index'
import {
  checkEvidenceText, codeOfFixture, DOC_FILE, EVIDENCE_DIR, generateDiagnosticsDoc, goldenLine, INVALID_DIR, rubricForEvidence, VALIDATE_CODES,
} from '../scripts/gen-diagnostics-doc'

const root = join(__dirname, '..')
const corpus = join(root, INVALID_DIR)
const rel = (f: string) => `${INVALID_DIR}/${f}`

const yamlFiles = readdirSync(corpus).filter((f) => f.endsWith('.yaml')).sort()
const broken = yamlFiles.filter((f) => !f.endsWith('.ok.yaml'))
const fixed = yamlFiles.filter((f) => f.endsWith('.ok.yaml'))

/** The golden lines of a fixture: `line:col severity CODE`. */
function golden(file: string): string[] {
  return readFileSync(join(corpus, file.replace(/\.yaml$/, '.expected')), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
}

/** Expands a glob relative to the repository root, as the installed command does (src/cli/glob.ts). */
const glob = (pattern: string): string[] => expandGlob(pattern, root)

interface Ran {
  code: number
  stdout: string
  stderr: string
}

/** `kaoping <argv>` as a function call, with files read relative to the repository root. */
function kaoping(...argv: string[]): Ran {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: (p) => readFileSync(join(root, p), 'utf8'),
    exists: (p) => existsSync(join(root, p)),
    glob,
  }
  const code = run(argv, io)
  return { code, stdout, stderr }
}

/** The header lines of printed diagnostics: `path:line:col: severity CODE message`. */
const HEADER = /^(.+?):(\d+):(\d+): (error|warning|info) ([A-Z][A-Z_]*) (.+)$/

function headers(text: string): { file: string; golden: string; message: string }[] {
  return text
    .split('\n')
    .map((l) => HEADER.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: m[1]!, golden: `${m[2]}:${m[3]} ${m[4]} ${m[5]}`, message: m[6]! }))
}

const summary = (files: number, errors: number, warnings: number) =>
  `${files} file${files === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`

const count = (lines: readonly string[], severity: string) => lines.filter((l) => l.split(' ')[1] === severity).length

describe('the corpus of broken rubrics', () => {
  it('has at least 30 broken files, each with a golden file', () => {
    expect(broken.length).toBeGreaterThanOrEqual(30)
    for (const f of yamlFiles) expect(existsSync(join(corpus, f.replace(/\.yaml$/, '.expected'))), f).toBe(true)
  })

  it('has a fixed near-miss beside every broken file, and nothing else', () => {
    for (const f of broken) expect(fixed, f).toContain(f.replace(/\.yaml$/, '.ok.yaml'))
    for (const f of fixed) expect(broken, f).toContain(f.replace(/\.ok\.yaml$/, '.yaml'))
    const others = readdirSync(corpus).filter((f) => !/\.(yaml|expected)$/.test(f) && f !== 'evidence')
    expect(others).toEqual([])
  })

  it('gives every fixed file an empty golden, and every broken file a non-empty one', () => {
    for (const f of fixed) expect(golden(f), f).toEqual([])
    for (const f of broken) expect(golden(f).length, f).toBeGreaterThan(0)
  })

  it('names each broken file after the code it is about, and that code is among its diagnostics', () => {
    for (const f of broken) {
      if (f === 'several-problems.yaml') continue
      const code = codeOfFixture(f)
      expect(code, `${f} should be named <code>[-variant].yaml`).toBeDefined()
      expect(golden(f).map((l) => l.split(' ')[2]), f).toContain(code)
    }
  })

  it('triggers every code kaoping validate can report, each with a fixed file that does not', () => {
    const triggered = new Set(broken.flatMap((f) => golden(f).map((l) => l.split(' ')[2])))
    for (const code of VALIDATE_CODES) {
      expect(triggered, code).toContain(code)
      const own = broken.filter((f) => codeOfFixture(f) === code)
      expect(own.length, `a fixture named after ${code}`).toBeGreaterThan(0)
    }
    // and nothing outside that list
    for (const code of triggered) expect(VALIDATE_CODES, code).toContain(code)
  })

  it('includes the cases of issue #4', () => {
    const names = new Set(broken.map((f) => f.replace(/\.yaml$/, '')))
    for (const n of [
      'band-gap', 'band-overlap', 'max-mismatch-section', 'max-mismatch-total', 'unreachable-grade', 'duplicate-id',
      'unknown-fact', 'unknown-param', 'unknown-records', 'unknown-field', 'unknown-quota', 'unknown-item', 'unknown-grade',
      'unused-param', 'unused-fact', 'deduction-without-floor', 'money-category-without-amount', 'param-type',
      'schema-unknown-key', 'schema-missing-key', 'schema-invalid-type', 'schema-invalid-value', 'yaml-syntax',
      'yaml-duplicate-key', 'yaml-alias-limit', 'yaml-multiple-documents', 'rubric-not-object', 'several-problems',
    ])
      expect(names, n).toContain(n)
    // several problems at once: validate collects them all, from every stage that can run
    const many = golden('several-problems.yaml').map((l) => l.split(' ')[2])
    expect(new Set(many).size).toBeGreaterThanOrEqual(6)
    expect(many).toEqual(expect.arrayContaining(['UNKNOWN_FACT', 'UNKNOWN_PARAM', 'DUPLICATE_ID', 'MAX_MISMATCH', 'BAND_GAP', 'UNREACHABLE_GRADE']))
  })

  it('BAND_GAP is the Xuzhou item-6 gap from 40% to 41%, and SCHEMA_UNKNOWN_KEY suggests the key meant', () => {
    const gap = headers(kaoping('validate', rel('band-gap.yaml')).stderr)
    expect(gap[0]?.message).toBe('Bands leave rates from 0.4 (inclusive) to 0.41 (exclusive) without a score.')
    const typo = headers(kaoping('validate', rel('schema-unknown-key.yaml')).stderr)
    expect(typo[0]?.message).toMatch(/^Unknown key "notAplicable"; did you mean "notApplicable"\?/)
  })
})

describe('kaoping validate <fixture>', () => {
  for (const f of yamlFiles) {
    it(f, () => {
      const want = golden(f)
      const r = kaoping('validate', rel(f))
      const got = headers(r.stderr)
      expect(got.map((h) => h.golden)).toEqual(want)
      for (const h of got) expect(h.file).toBe(rel(f))
      expect(r.stdout).toBe(summary(1, count(want, 'error'), count(want, 'warning')))
      expect(r.code).toBe(count(want, 'error') > 0 ? 1 : 0)
      if (want.length === 0) expect(r.stderr).toBe('')
    })
  }
})

describe('kaoping validate: output', () => {
  it('prints path:line:col: severity CODE message, the line with a caret under the offending node, and a hint', () => {
    const r = kaoping('validate', rel('band-gap.yaml'))
    const lines = r.stderr.split('\n')
    expect(lines[0]).toBe(`${rel('band-gap.yaml')}:18:38: error BAND_GAP Bands leave rates from 0.4 (inclusive) to 0.41 (exclusive) without a score.`)
    expect(lines[1]).toBe('  18 |       - { title: 41%-99%用系數計算, from: 0.41, to: 1, edges: "[)", times: 5 }')
    expect(lines[2]).toMatch(/^ {5}\| {26,}\^{4}$/)
    expect(lines[3]).toMatch(/^ {2}hint: /)
  })

  it('--format github prints one workflow annotation per problem', () => {
    const r = kaoping('validate', '--format', 'github', rel('several-problems.yaml'), rel('band-gap.ok.yaml'))
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('')
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines.pop()).toBe(summary(2, 6, 4).trimEnd())
    const want = golden('several-problems.yaml')
    expect(lines).toHaveLength(want.length)
    lines.forEach((l, i) => {
      const [lc, severity, code] = want[i]!.split(' ')
      const [line, col] = lc!.split(':')
      expect(l.startsWith(`::${severity} file=${rel('several-problems.yaml')},line=${line},col=${col},title=${code}::`), l).toBe(true)
      expect(l.length).toBeGreaterThan(l.indexOf('::', 2) + 2)
    })
    // issue 12: the hint follows the message, after a blank line (%0A%0A), as the annotation is all a reviewer sees
    expect(lines[0]).toMatch(new RegExp(`^::error file=${rel('several-problems.yaml')},line=6,col=8,title=MAX_MISMATCH::Items add up to 70, but total is 30\\.%0A%0Ahint: \\S`))
  })

  it('--format json prints one JSON object with every diagnostic, located', () => {
    const r = kaoping('validate', '--format', 'json', rel('unknown-param.yaml'))
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout)
    expect(out).toMatchObject({ files: 1, errors: 1, warnings: 1 })
    expect(out.diagnostics.map((d: { code: string }) => d.code)).toEqual(['UNUSED_PARAM', 'UNKNOWN_PARAM'])
    expect(out.diagnostics[1]).toMatchObject({ file: rel('unknown-param.yaml'), path: ['grades', 'thresholds', 0, 'min', 'param'], location: { line: 23, column: 34 } })
  })

  it('checks every shipped rubric without a finding: only the one-line summary', () => {
    const rubrics = readdirSync(join(root, 'rubrics')).filter((f) => f.endsWith('.yaml') && !/\.test\.ya?ml$/.test(f))
    expect(rubrics.length).toBeGreaterThan(0)
    const r = kaoping('validate', 'rubrics/*.yaml')
    expect(r).toEqual({ code: 0, stdout: summary(rubrics.length, 0, 0), stderr: '' })
  })

  it('warnings alone exit 0', () => {
    const r = kaoping('validate', rel('unused-fact.yaml'))
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(summary(1, 0, 1))
  })
})

describe('kaoping validate: many problems in one file', () => {
  it('prints 20 of a code, then one line with how many more (text); annotations likewise; json gives all', () => {
    // the Xuzhou rubric with 100 unknown top-level keys (and one key given twice): 100 SCHEMA_UNKNOWN_KEY errors
    const base = readFileSync(join(root, 'rubrics/xuzhou-statistics-2017.yaml'), 'utf8')
    const extra = Array.from({ length: 100 }, (_, i) => `x_unknown_${i}: ${i}\n`).join('')
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-many-'))
    const file = join(dir, 'many.yaml')
    writeFileSync(file, base + extra)
    try {
      const run1 = (...argv: string[]) => {
        let stdout = ''
        let stderr = ''
        const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readFile: (p) => readFileSync(p, 'utf8'), exists: existsSync, glob: (p) => [p] }
        return { code: run(argv, io), stdout, stderr }
      }
      const text = run1('validate', file)
      expect(text.code).toBe(1)
      expect(text.stderr.split('\n').filter((l) => / error SCHEMA_UNKNOWN_KEY /.test(l))).toHaveLength(20)
      // 100 − 20 = 80 not shown
      expect(text.stderr).toContain(`${file}: 80 more SCHEMA_UNKNOWN_KEY diagnostics not shown (100 in all; the first 20 are above).`)
      expect(text.stdout).toBe('1 file checked: 100 errors, 0 warnings\n')
      const github = run1('validate', '--format', 'github', file)
      expect(github.stdout.split('\n').filter((l) => l.startsWith('::error'))).toHaveLength(20)
      expect(github.stdout).toContain('::notice file=' + file.replace(/:/g, '%3A').replace(/,/g, '%2C') + ',title=SCHEMA_UNKNOWN_KEY::80 more SCHEMA_UNKNOWN_KEY diagnostics not shown (100 in all; the first 20 are above).')
      const json = JSON.parse(run1('validate', '--format', 'json', file).stdout) as { diagnostics: unknown[] }
      expect(json.diagnostics).toHaveLength(100)
      // a key given twice in a mapping of many keys is still found (kaoping's own linear check)
      writeFileSync(file, base + extra + 'x_unknown_7: again\n')
      expect(run1('validate', file).stderr).toMatch(/many\.yaml:\d+:1: error YAML_DUPLICATE_KEY Duplicate key "x_unknown_7": map keys must be unique\./)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('kaoping validate: exit codes', () => {
  it('0 without errors, 1 with errors', () => {
    expect(kaoping('validate', rel('band-gap.ok.yaml')).code).toBe(0)
    expect(kaoping('validate', rel('band-gap.yaml')).code).toBe(1)
    expect(kaoping('validate', rel('band-gap.ok.yaml'), rel('band-gap.yaml')).code).toBe(1)
  })

  it('2 for a missing file, still checking the others', () => {
    const r = kaoping('validate', rel('no-such-file.yaml'), rel('band-gap.yaml'))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`cannot read ${rel('no-such-file.yaml')}`)
    expect(headers(r.stderr).map((h) => h.golden)).toEqual(golden('band-gap.yaml'))
    expect(r.stdout).toBe(summary(1, 1, 0))
  })

  it('2 for a glob that matches nothing', () => {
    const r = kaoping('validate', `${INVALID_DIR}/*.yml`)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('no files match')
  })

  it('2 without a file argument or with a bad option', () => {
    const none = kaoping('validate')
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('give at least one rubric file')
    expect(kaoping('validate', '--format', 'xml', rel('band-gap.yaml')).code).toBe(2)
    expect(kaoping('validate', '--frmat', 'json', rel('band-gap.yaml')).code).toBe(2)
  })
})

describe('the built bin (dist/cli.cjs)', () => {
  const bin = join(root, 'dist', 'cli.cjs')

  // dist/ is built once by tests/support/build.ts (vitest globalSetup).
  beforeAll(() => expect(existsSync(bin)).toBe(true))

  it('validates the whole corpus with --format json: the codes and lines of the goldens', () => {
    const r = spawnSync(process.execPath, [bin, 'validate', '--format', 'json', `${INVALID_DIR}/*.yaml`], { cwd: root, encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(r.stderr).toBe('')
    const out = JSON.parse(r.stdout) as { files: number; errors: number; warnings: number; diagnostics: { file: string; severity: string; code: string; location: { line: number; column: number } }[] }
    expect(out.files).toBe(yamlFiles.length)
    const got = new Map<string, string[]>()
    for (const d of out.diagnostics) got.set(d.file, [...(got.get(d.file) ?? []), `${d.location.line}:${d.location.column} ${d.severity} ${d.code}`])
    for (const f of yamlFiles) expect(got.get(rel(f)) ?? [], f).toEqual(golden(f))
    const all = yamlFiles.flatMap(golden)
    expect(out.errors).toBe(count(all, 'error'))
    expect(out.warnings).toBe(count(all, 'warning'))
  })

  it('checks the shipped rubrics: exit 0 and only the summary', () => {
    const r = spawnSync(process.execPath, [bin, 'validate', 'rubrics/*.yaml'], { cwd: root, encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/^\d+ files? checked: 0 errors, 0 warnings\n$/)
    expect(r.status).toBe(0)
  })
})

describe('the corpus of broken evidence (examples of the codes kaoping validate does not report)', () => {
  const dir = join(root, EVIDENCE_DIR)
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.endsWith('rubric.yaml')).sort()
  const bad = files.filter((f) => !f.endsWith('.ok.yaml'))
  const evidenceGolden = (f: string) => readFileSync(join(dir, f.replace(/\.yaml$/, '.expected')), 'utf8').split('\n').filter((l) => l.trim() !== '')
  const check = (f: string) => {
    const rubric = rubricForEvidence(join(dir, f))
    return checkEvidenceText(readFileSync(rubric, 'utf8'), rubric, readFileSync(join(dir, f), 'utf8'), `${EVIDENCE_DIR}/${f}`)
  }

  it('has rubrics that validate without a finding', () => {
    const rubrics = readdirSync(dir).filter((f) => f.endsWith('rubric.yaml'))
    expect(rubrics).toContain('rubric.yaml')
    const r = kaoping('validate', ...rubrics.map((f) => `${EVIDENCE_DIR}/${f}`))
    expect(r).toEqual({ code: 0, stdout: summary(rubrics.length, 0, 0), stderr: '' })
  })

  it('pairs every broken file with a fixed one, named after its code', () => {
    for (const f of bad) {
      expect(files, f).toContain(f.replace(/\.yaml$/, '.ok.yaml'))
      expect(codeOfFixture(f), f).toBeDefined()
      expect(VALIDATE_CODES, f).not.toContain(codeOfFixture(f))
      expect(evidenceGolden(f).map((l) => l.split(' ')[2]), f).toContain(codeOfFixture(f))
    }
  })

  for (const f of files) {
    it(f, () => {
      expect(check(f).map(goldenLine)).toEqual(evidenceGolden(f))
      if (f.endsWith('.ok.yaml')) expect(evidenceGolden(f)).toEqual([])
    })
  }

  it('QUOTA_NEEDS_COHORT and RUBRIC_NOT_IN_FORCE, which come from library calls', () => {
    const rubricFile = join(dir, 'quota-tie.rubric.yaml')
    const loaded = loadRubric(readFileSync(rubricFile, 'utf8'))
    if (!loaded.ok) throw new Error('quota-tie.rubric.yaml does not load')
    const evaluator = compileRubric(loaded.value)
    if (!evaluator.ok) throw new Error('quota-tie.rubric.yaml does not compile')
    const subject = { id: 'fengxian', facts: { townshipPassRate: 0.95, chiefStatisticianRate: 0.75, materials: 3, lateReports: 0 } }
    const one = evaluator.value.evaluate(subject)
    expect(one.diagnostics.map((d) => d.code)).toContain('QUOTA_NEEDS_COHORT')
    const all = evaluator.value.evaluateCohort({ subjects: [subject] })
    expect(all.ok && all.value.subjects[0]!.grade).toBe('優秀')
    expect(all.diagnostics.map((d) => d.code)).not.toContain('QUOTA_NEEDS_COHORT')

    const y2017 = { ...loaded.value.rubric, effective: { from: '2017-01-01', until: '2017-12-31' } }
    const y2018 = { ...loaded.value.rubric, effective: { from: '2018-01-01' } }
    const none = selectRubric([y2017], '2018-06-30')
    expect(none.ok).toBe(false)
    expect(none.diagnostics.map((d) => d.code)).toEqual(['RUBRIC_NOT_IN_FORCE'])
    const chosen = selectRubric([y2017, y2018], '2018-06-30')
    expect(chosen.ok && chosen.value).toBe(y2018)
  })
})

describe('docs/diagnostics.md', () => {
  const committed = readFileSync(join(root, DOC_FILE), 'utf8')

  it('is what scripts/gen-diagnostics-doc.ts generates (run `npx tsx scripts/gen-diagnostics-doc.ts` if this fails)', () => {
    expect(committed).toBe(generateDiagnosticsDoc())
  })

  it('documents every code of src/diagnostics/codes.ts, with its title, severity and hint', () => {
    for (const [code, info] of Object.entries(codes) as [Code, (typeof codes)[Code]][]) {
      expect(committed, code).toContain(`### \`${code}\``)
      expect(committed, code).toContain(info.title)
      expect(committed, code).toContain(info.hint)
      expect(committed, code).toContain(`**${info.severity}**`)
    }
  })

  it('shows every fixture of the corpus as an example', () => {
    for (const f of yamlFiles) expect(committed, f).toContain(rel(f))
    for (const f of readdirSync(join(root, EVIDENCE_DIR)).filter((f) => f.endsWith('.yaml'))) expect(committed, f).toContain(`${EVIDENCE_DIR}/${f}`)
  })

  it('gives every code an example: a broken and a fixed file, or a library call', () => {
    for (const code of Object.keys(codes)) {
      const section = committed.slice(committed.indexOf(`### \`${code}\``)).split(/\n### /)[0]!
      expect(section, code).toMatch(/Fixed/)
      expect(section, code).toMatch(/```(yaml|ts)\n/)
    }
  })
})
