/**
 * `kaoping score` as a stream (src/cli/cohort-stream.ts): NDJSON evidence, standard input, several files as one
 * cohort, CSV records merged by id, diagnostics capped per file and code, `--out` written whole or not at all, a full
 * disk, and an interrupt. In-process through `run(argv, io)` with virtual files, and through the built bin
 * (`node dist/cli.cjs`, built by tests/support/build.ts). No expectation depends on timing: the interrupt test waits
 * for the partial output file to appear, and only then interrupts.
 */
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { cli, type Ran } from './support/cli'
import { compileRubric, loadRubric } from '../src/index'
import { formatDiagnostics } from '../src/diagnostics/format'
import { JUDGED, makeCohort } from '../bench/data'

const root = join(__dirname, '..')
const bin = join(root, 'dist', 'cli.cjs')
const RUBRIC = 'rubrics/xuzhou-statistics-2017.yaml'
const EVIDENCE = 'examples/xuzhou-statistics-2017/evidence.yaml'
const INNOVATIONS = 'tests/fixtures/csv/xuzhou-innovations.csv'
const read = (p: string) => readFileSync(join(root, p), 'utf8')


/** The built bin, synchronously. */
const node = (args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}) =>
  spawnSync(process.execPath, [bin, ...args], { cwd: options.cwd ?? root, encoding: 'utf8', maxBuffer: 256 << 20, ...(options.input !== undefined ? { input: options.input } : {}), ...(options.env ? { env: options.env } : {}) })

const temps: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kaoping-streaming-test-'))
  temps.push(d)
  return d
}
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true })
})

const partials = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.kaoping-partial'))
const ndjson = (subjects: readonly unknown[]) => subjects.map((s) => JSON.stringify(s)).join('\n') + '\n'

// --- the cohort: 60 generated Xuzhou bureaus, every judged fact given ---------------------------------------------

/**
 * makeCohort(60, 2) leaves a judged fact out of about 8 % of subjects (to test refusals); here each is filled with
 * the item's maximum, so every subject is scored. Ids are xz000001…xz000060, unique. Some judged facts are out of
 * range (clamped, with a JUDGED_CLAMPED warning): warnings do not stop the output.
 * Seed 2 is chosen because both ranked quotas of 四 give grades: the library ranks three subjects 優秀 (95.50, 91.26,
 * 89.49: the top 3, no least score by default) and four 良好 (88.22, 88.00, 87.49, 86.00: the next 4), each with
 * gradeBasis 'quota'; the rest have threshold grades (合格 from 60, 不合格 below).
 */
const cohort = makeCohort(60, 2)
for (const s of cohort) for (const j of JUDGED) if (s.facts[j.fact] === undefined) s.facts[j.fact] = j.max

const libraryResult = (() => {
  const loaded = loadRubric(read(RUBRIC), { file: RUBRIC })
  if (!loaded.ok) throw new Error(formatDiagnostics(loaded.diagnostics))
  const evaluator = compileRubric(loaded.value)
  if (!evaluator.ok) throw new Error(formatDiagnostics(evaluator.diagnostics))
  const r = evaluator.value.evaluateCohort(cohort, { trail: false })
  if (!r.ok) throw new Error(formatDiagnostics(r.diagnostics))
  return JSON.parse(JSON.stringify(r.value)) as {
    subjects: { subject: { id: string }; rank: number; total: string; exactTotal: string; grade: string | null; gradeBasis: string }[]
    cohortQuotas: unknown[]
  }
})()

const COHORT_NDJSON = ndjson(cohort)

/** The fields of each subject that ranking and grading decide, for a readable failure. */
const standings = (subjects: typeof libraryResult.subjects) => subjects.map((s) => [s.subject.id, s.rank, s.total, s.grade, s.gradeBasis])

describe('streaming equals the library', () => {
  it('the cohort really uses both ranked quotas (the premise of the comparisons below)', () => {
    const quota = libraryResult.subjects.filter((s) => s.gradeBasis === 'quota')
    // 3 優秀 and 4 良好 by quota (see the comment on `cohort`)
    expect(quota.filter((s) => s.grade === '優秀').map((s) => s.total).sort()).toEqual(['89.49', '91.26', '95.50'])
    expect(quota.filter((s) => s.grade === '良好').map((s) => s.total).sort()).toEqual(['86.00', '87.49', '88.00', '88.22'])
    expect(new Set(libraryResult.subjects.map((s) => s.subject.id)).size).toBe(60)
  })

  it('score --format json on NDJSON gives what evaluateCohort gives: subjects (ranks, quota grades, totals), cohortQuotas', () => {
    const r = cli(['score', RUBRIC, 'cohort.ndjson', '--format', 'json'], { 'cohort.ndjson': COHORT_NDJSON })
    expect(r.code).toBe(0)
    const out = JSON.parse(r.out)
    expect(standings(out.subjects)).toEqual(standings(libraryResult.subjects))
    expect(out.subjects).toEqual(libraryResult.subjects)
    expect(out.cohortQuotas).toEqual(libraryResult.cohortQuotas)
    // clamped judged facts are warned about on stderr, never in the output
    expect(r.err).toContain('JUDGED_CLAMPED')
  })

  it('the same cohort as a JSON {subjects} file gives the same', () => {
    const r = cli(['score', RUBRIC, 'cohort.json', '--format', 'json'], { 'cohort.json': JSON.stringify({ subjects: cohort }) })
    expect(r.code).toBe(0)
    const out = JSON.parse(r.out)
    expect(out.subjects).toEqual(libraryResult.subjects)
    expect(out.cohortQuotas).toEqual(libraryResult.cohortQuotas)
  })

  it('--format ndjson: one line per subject, in the evidence order, with rank, id, total, grade and gradeBasis as the library says', () => {
    const r = cli(['score', RUBRIC, 'cohort.ndjson', '--format', 'ndjson'], { 'cohort.ndjson': COHORT_NDJSON })
    expect(r.code).toBe(0)
    const rows = r.out.trimEnd().split('\n').map((l) => JSON.parse(l))
    expect(rows).toHaveLength(60)
    expect(rows.map((x) => [x.id, x.rank, x.total, x.grade, x.gradeBasis])).toEqual(standings(libraryResult.subjects))
  })
})

describe('several files and standard input', () => {
  // the first 25 subjects in NDJSON, the other 35 in a JSON {subjects} file: one cohort, scored in that order
  const first = ndjson(cohort.slice(0, 25))
  const rest = JSON.stringify({ subjects: cohort.slice(25) })

  it('NDJSON + JSON files are one cohort: the same ranks and quota grades as the whole cohort in one file', () => {
    const r = cli(['score', RUBRIC, 'a.ndjson', 'b.json', '--format', 'json'], { 'a.ndjson': first, 'b.json': rest })
    expect(r.code).toBe(0)
    const out = JSON.parse(r.out)
    expect(out.subjects).toEqual(libraryResult.subjects)
    expect(out.cohortQuotas).toEqual(libraryResult.cohortQuotas)
  })

  it('the built bin reads NDJSON from standard input (-)', () => {
    const r = node(['score', RUBRIC, '-', '--format', 'json'], { input: COHORT_NDJSON })
    expect(r.status).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.subjects).toEqual(libraryResult.subjects)
    expect(out.cohortQuotas).toEqual(libraryResult.cohortQuotas)
  })

  it('the built bin: a JSON file and NDJSON on standard input, in that order, make the cohort split the other way', () => {
    const dir = tempDir()
    // the first 25 in a JSON file, the other 35 on standard input
    writeFileSync(join(dir, 'head.json'), JSON.stringify({ subjects: cohort.slice(0, 25) }))
    const r = node(['score', join(root, RUBRIC), join(dir, 'head.json'), '-', '--format', 'ndjson'], { input: ndjson(cohort.slice(25)) })
    expect(r.status).toBe(0)
    const rows = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l))
    expect(rows.map((x) => [x.id, x.rank, x.total, x.grade, x.gradeBasis])).toEqual(standings(libraryResult.subjects))
  })

  it('the built bin: --input-format json reads standard input as a JSON {subjects} file', () => {
    const r = node(['score', RUBRIC, '-', '--input-format', 'json', '--format', 'json'], { input: JSON.stringify({ subjects: cohort }) })
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout).subjects).toEqual(libraryResult.subjects)
  })
})

// --- diagnostics --------------------------------------------------------------------------------------------------

/** A complete subject (fengxian's facts in examples/xuzhou-statistics-2017/evidence.yaml), with another id. */
const FENGXIAN_FACTS = {
  countyStandardised: true,
  provincialDemonstration: false,
  townshipPassRate: 0.875,
  townshipSamplingRatio: 0.33,
  devZonePassRate: 1,
  onlineQualifiedRate: 0.96,
  villageQualifiedRate: 0.58,
  chiefStatisticianRate: 0.405,
  virtualSurveyTeam: true,
  materials: 3,
  ledger: 3,
  achievements: 13,
  countyApplications: 4,
  enterpriseAcceptance: 4,
  workInformation: 5,
  classifiedGuidance: 4,
  lookBack: 3,
  provincialShowcase: 2,
  regulationMeasures: 3,
}
const subject = (id: string, facts: Record<string, unknown> = FENGXIAN_FACTS, more: Record<string, unknown> = {}) => ({ id, ...more, facts, records: { innovations: [] } })

/** A diagnostic's head: `file:line:column: severity CODE`. */
const head = (file: string, line: number, column: number, severity: string, code: string) => `${file}:${line}:${column}: ${severity} ${code}`

describe('NDJSON diagnostics: at their line (blank lines counted) and column in the file', () => {
  it('syntax error, not an object, duplicate key, too many digits: each located; exit 1, nothing on stdout', () => {
    const text = [
      JSON.stringify(subject('good')), // 1: a complete subject
      '', //                                2: blank (skipped, but counted)
      '{"id":"a",', //                      3: ends inside the object: expected a key at column 11, after the 10 characters
      '[1,2]', //                           4: an array, not a subject: the whole line, from column 1
      '   ', //                             5: blank (spaces only)
      '{"id":"b","id":"c"}', //             6: the second "id" starts after `{"id":"b",` (10 characters): column 11
      '{"id":"d","facts":{"materials":1.00000000000000001}}', // 7: the number starts after `{"id":"d","facts":{"materials":` (31 characters): column 32
    ].join('\n')
    const r = cli(['score', RUBRIC, 'bad.ndjson'], { 'bad.ndjson': text + '\n' })
    expect(r.code).toBe(1)
    expect(r.out).toBe('')
    expect(r.err).toContain(head('bad.ndjson', 3, 11, 'error', 'EVIDENCE_INVALID') + ' Not valid JSON')
    expect(r.err).toContain(head('bad.ndjson', 4, 1, 'error', 'EVIDENCE_INVALID') + ' Each line of NDJSON evidence is one subject')
    // strict JSON: a key given twice is an error (JSON.parse would keep the last one silently)
    expect(r.err).toContain(head('bad.ndjson', 6, 11, 'error', 'YAML_DUPLICATE_KEY'))
    // 18 significant digits: a double would read it as 1
    expect(r.err).toContain(head('bad.ndjson', 7, 32, 'error', 'EVIDENCE_PRECISION'))
    // each excerpt is numbered with the file's line
    expect(r.err).toContain('  6 | {"id":"b","id":"c"}')
    // the complete subject on line 1 has nothing to report
    expect(r.err).not.toMatch(/bad\.ndjson:1:/)
  })

  it('caps: 100 JUDGED_CLAMPED warnings print the first 20 and one line for the other 80', () => {
    // materials 0 is below the item's range 1—3: each subject is scored with 1, and warned about (JUDGED_CLAMPED)
    const text = ndjson(Array.from({ length: 100 }, (_, k) => subject(`c${k + 1}`, { ...FENGXIAN_FACTS, materials: 0 })))
    const r = cli(['score', RUBRIC, 'clamped.ndjson', '--format', 'json'], { 'clamped.ndjson': text })
    // warnings only: the cohort is scored
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out).subjects).toHaveLength(100)
    const shown = r.err.split('\n').filter((l) => / warning JUDGED_CLAMPED /.test(l))
    expect(shown).toHaveLength(20)
    // one a line, subjects c1…c20 on lines 1…20; `"materials":` is at the same column on every line of the same id length
    expect(shown[0]).toMatch(/^clamped\.ndjson:1:\d+: warning JUDGED_CLAMPED \[subject c1\]/)
    expect(shown[19]).toMatch(/^clamped\.ndjson:20:\d+: warning JUDGED_CLAMPED \[subject c20\]/)
    const summary = r.err.split('\n').filter((l) => l.includes('more JUDGED_CLAMPED'))
    expect(summary).toEqual(['clamped.ndjson: 80 more JUDGED_CLAMPED diagnostics not shown (100 in all; the first 20 are above).'])
  })

  it('raw ESC in a name (invalid JSON) and an escaped \\u001b (TEXT_CONTROL_CHARACTER): no raw ESC byte on stderr', () => {
    const text = [
      JSON.stringify(subject('raw')).replace('"facts"', '"name":"x\u001by","facts"'), // 1: a raw ESC: not JSON (control characters must be escaped)
      JSON.stringify(subject('escaped', FENGXIAN_FACTS, { name: 'x\u001by' })), //      2: JSON.stringify writes it as \u001b: valid JSON, refused text
    ].join('\n')
    expect(text.split('\n')[0]).toContain('\u001b')
    expect(text.split('\n')[1]).toContain('\\u001b')
    const r = cli(['score', RUBRIC, 'esc.ndjson'], { 'esc.ndjson': text })
    expect(r.code).toBe(1)
    expect(r.out).toBe('')
    // line 1: `{"id":"raw","name":"x` is 21 characters: the ESC is at column 22
    expect(r.err).toContain(head('esc.ndjson', 1, 22, 'error', 'EVIDENCE_INVALID'))
    // line 2: the name's string starts after `{"id":"escaped","name":` (23 characters): column 24
    expect(r.err).toContain(head('esc.ndjson', 2, 24, 'error', 'TEXT_CONTROL_CHARACTER'))
    expect(r.err).not.toContain('\u001b')
    // the excerpt of line 1 shows the byte as the four characters \x1b
    expect(r.err).toContain('"name":"x\\x1by"')
  })

  it('the built bin prints no raw ESC either', () => {
    const text = JSON.stringify(subject('raw')).replace('"facts"', '"name":"x\u001by","facts"') + '\n' + JSON.stringify(subject('escaped', FENGXIAN_FACTS, { name: 'x\u001by' })) + '\n'
    const r = node(['score', RUBRIC, '-'], { input: text })
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(head('<stdin>', 2, 24, 'error', 'TEXT_CONTROL_CHARACTER'))
    expect(r.stderr).not.toContain('\u001b')
  })
})

// --- CSV records ----------------------------------------------------------------------------------------------------

describe('CSV records merged into subjects by id', () => {
  /**
   * examples/xuzhou-statistics-2017/evidence.yaml without its records (asOf, names, facts and notApplicable kept):
   * tests/fixtures/csv/xuzhou-innovations.csv gives the same innovations, line by line in the YAML order (quanshan,
   * whose innovations are [] in the YAML, has no line).
   */
  const yaml = parseYaml(read(EVIDENCE)) as { subjects: { id: string; records?: unknown }[] }
  const factsOnly = JSON.stringify({ ...yaml, subjects: yaml.subjects.map(({ records: _, ...s }) => s) })
  const results = (r: Ran) => {
    expect(r.code).toBe(0)
    return (JSON.parse(r.out).subjects as { subject: { id: string }; exactTotal: string; total: string; grade: string; rank: number }[]).map((s) => [s.subject.id, s.exactTotal, s.total, s.grade, s.rank])
  }

  // a records CSV joins the subjects of the other files by id, whatever its place among them
  it('facts (JSON) + records (CSV) score as the YAML evidence with its records', () => {
    const expected = results(cli(['score', RUBRIC, EVIDENCE, '--format', 'json']))
    // WORKED.md: fengxian 88.025 → 88.03, rank 6, 良好 (its 3 innovations: 2 innovation + 1 national-adoption)
    expect(expected).toContainEqual(['fengxian', '88.025', '88.03', '良好', 6])
    const merged = results(cli(['score', RUBRIC, 'facts.json', INNOVATIONS, '--format', 'json'], { 'facts.json': factsOnly }))
    expect(merged).toEqual(expected)
    // the records file may come first: it is merged whatever its place
    expect(results(cli(['score', RUBRIC, INNOVATIONS, 'facts.json', '--format', 'json'], { 'facts.json': factsOnly }))).toEqual(expected)
  })

  it('without the records the totals differ (the CSV is really read)', () => {
    // no records given is none counted (as `innovations: []`): the cohort is scored, with lower 三(三) scores
    const r = cli(['score', RUBRIC, 'facts.json', '--format', 'json'], { 'facts.json': factsOnly })
    expect(results(r)).not.toEqual(results(cli(['score', RUBRIC, EVIDENCE, '--format', 'json'])))
  })

  it('records for ids no evidence file gives: EVIDENCE_UNKNOWN_SUBJECT at each id\'s first line, exit 1', () => {
    // tests/fixtures/csv/xuzhou-chinese.csv gives fengxian, gulou and tongshan only; the innovations file has lines
    // for 7 more: peixian (first at line 5, the header being line 1), suining 7, pizhou 8, xinyi 11, yunlong 20,
    // jiawang 22, kaifaqu 23
    const r = cli(['score', RUBRIC, 'tests/fixtures/csv/xuzhou-chinese.csv', INNOVATIONS])
    expect(r.code).toBe(1)
    expect(r.out).toBe('')
    const unknown = r.err.split('\n').filter((l) => l.includes('EVIDENCE_UNKNOWN_SUBJECT'))
    expect(unknown).toHaveLength(7)
    const where = unknown.map((l) => [l.match(/^(.*?):(\d+):\d+:/)?.slice(1, 3), l.match(/subject "([^"]+)"/)?.[1]])
    expect(where).toEqual([
      [[INNOVATIONS, '5'], 'peixian'],
      [[INNOVATIONS, '7'], 'suining'],
      [[INNOVATIONS, '8'], 'pizhou'],
      [[INNOVATIONS, '11'], 'xinyi'],
      [[INNOVATIONS, '20'], 'yunlong'],
      [[INNOVATIONS, '22'], 'jiawang'],
      [[INNOVATIONS, '23'], 'kaifaqu'],
    ])
    // and nothing else is wrong: the facts file and the records file are both well formed
    expect(r.err.split('\n').filter((l) => / error /.test(l) && !l.includes('EVIDENCE_UNKNOWN_SUBJECT'))).toEqual([])
  })
})

// --- output files, a full disk, an interrupt ------------------------------------------------------------------------

describe('--out: whole or not at all (built bin)', () => {
  const rubric = join(root, RUBRIC)
  const evidence = join(root, EVIDENCE)

  it('success writes the file (what stdout would have had) and leaves no partial file', () => {
    const dir = tempDir()
    const r = node(['score', rubric, evidence, '--format', 'csv', '--out', 'out.csv'], { cwd: dir })
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('')
    const plain = node(['score', rubric, evidence, '--format', 'csv'], { cwd: dir })
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(plain.stdout)
    expect(readdirSync(dir).sort()).toEqual(['out.csv'])
  })

  it('a refused cohort (exit 1) leaves an existing target untouched and no partial file', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'out.csv'), 'old\n')
    // line 2 is not JSON: the cohort is refused
    writeFileSync(join(dir, 'bad.ndjson'), JSON.stringify(subject('good')) + '\n{"id":\n')
    const r = node(['score', rubric, 'bad.ndjson', '--format', 'csv', '--out', 'out.csv'], { cwd: dir })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('bad.ndjson:2:')
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('old\n')
    expect(partials(dir)).toEqual([])
  })
})

describe('a full disk (built bin)', () => {
  it.skipIf(!existsSync('/dev/full'))('stdout on /dev/full: exit 2 and one line on stderr naming ENOSPC, no stack trace (skipped where /dev/full does not exist)', () => {
    // the mini rubric and its evidence score without a warning: stderr holds only what the write failure says
    const out = openSync('/dev/full', 'w')
    try {
      const r = spawnSync(process.execPath, [bin, 'score', 'tests/fixtures/cli/mini-v1.yaml', 'tests/fixtures/cli/mini-evidence.yaml', '--format', 'json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', out, 'pipe'] })
      expect(r.status).toBe(2)
      const lines = r.stderr.split('\n').filter((l) => l !== '')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toContain('ENOSPC')
      expect(r.stderr).not.toMatch(/\n\s+at /)
    } finally {
      closeSync(out)
    }
  })
})

describe('an interrupt (built bin)', () => {
  /** 200,000 complete subjects (about 110 MB): far more than is scored before the interrupt arrives. */
  function bigCohort(dir: string): string {
    const path = join(dir, 'big.ndjson')
    const tail = JSON.stringify(subject('x')).slice('{"id":"x",'.length)
    const fd = openSync(path, 'w')
    try {
      let buffer = ''
      for (let k = 0; k < 200_000; k++) {
        buffer += `{"id":"s${k}",${tail}\n`
        if (buffer.length > 1 << 20) {
          writeSync(fd, buffer)
          buffer = ''
        }
      }
      writeSync(fd, buffer)
    } finally {
      closeSync(fd)
    }
    return path
  }

  /** Starts the bin, waits for its partial output file to appear, interrupts it; its exit code and what it printed. */
  async function interrupted(dir: string, scratch: string): Promise<{ code: number | null; signal: string | null; stderr: string }> {
    const child = spawn(process.execPath, [bin, 'score', join(root, RUBRIC), 'big.ndjson', '--format', 'json', '--out', 'out.json'], { cwd: dir, env: { ...process.env, TMPDIR: scratch }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')))
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
    let done = false
    void exited.then(() => (done = true))
    try {
      // the partial file is made before the first subject is read: once it is there, the command is scoring
      while (!done && partials(dir).length === 0) await new Promise((r) => setTimeout(r, 20))
      expect(done).toBe(false)
      expect(partials(dir)).toEqual([`.out.json.${child.pid}.kaoping-partial`])
      child.kill('SIGINT')
      const end = await exited
      return { ...end, stderr }
    } finally {
      if (!done) child.kill('SIGKILL')
    }
  }

  const dir = tempDir()
  const big = bigCohort(dir)

  it('SIGINT: exit 130, no out.json, no partial file, no spill left in TMPDIR', async () => {
    const scratch = tempDir()
    const r = await interrupted(dir, scratch)
    expect(r.code).toBe(130)
    expect(r.stderr).toContain('kaoping score: interrupted')
    expect(readdirSync(dir)).toEqual(['big.ndjson'])
    // the spill (a kaoping-* directory under TMPDIR) is removed too
    expect(readdirSync(scratch)).toEqual([])
    expect(existsSync(big)).toBe(true)
  })

  it('SIGINT with an out.json already there: it is left as it was', async () => {
    const scratch = tempDir()
    writeFileSync(join(dir, 'out.json'), '{"old":true}\n')
    try {
      const r = await interrupted(dir, scratch)
      expect(r.code).toBe(130)
      expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe('{"old":true}\n')
      expect(readdirSync(dir).sort()).toEqual(['big.ndjson', 'out.json'])
      expect(readdirSync(scratch)).toEqual([])
    } finally {
      rmSync(join(dir, 'out.json'), { force: true })
    }
  })
})
