/**
 * The corpus of hostile input (tests/fixtures/hostile/, issue #5): each file with the exact diagnostic codes it must
 * yield (manifest.json), read by the library and by the command line; the cases too large or too binary to commit,
 * written at test time; and the measured bounds of SECURITY.md: a billion-laughs file (time and memory, in a child
 * process) and 100,000 subjects from a 20 MB file (the built CLI under a heap limit).
 */
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli/run'
import type { CliIo } from '../src/cli/io'
import { compileRubric, loadRubric, readEvidence, type Diagnostic, type Evaluator } from '../src/index'

const root = join(__dirname, '..')
const dir = join(root, 'tests/fixtures/hostile')
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, { about: string; rubric?: string; codes: string[] }>
const files = readdirSync(dir).filter((f) => f !== 'manifest.json').sort()

const evaluators = new Map<string, Evaluator>()
function evaluatorOf(path: string): Evaluator {
  let e = evaluators.get(path)
  if (!e) {
    const loaded = loadRubric(readFileSync(join(root, path), 'utf8'), { file: path })
    if (!loaded.ok) throw new Error(`${path} must load`)
    const c = compileRubric(loaded.value)
    if (!c.ok) throw new Error(`${path} must compile`)
    e = c.value
    evaluators.set(path, e)
  }
  return e
}

const uniq = (ds: readonly Diagnostic[]) => [...new Set(ds.map((d) => d.code))].sort()

/** What the library reports for a file: a rubric loaded (and compiled), or evidence read and scored. */
function libraryCodes(path: string, bytes: Uint8Array, rubric: string | undefined): string[] {
  const name = path.split('/').pop()!
  if (rubric === undefined) {
    const r = loadRubric(bytes, { file: name })
    return uniq(r.ok ? [...r.diagnostics, ...compileRubric(r.value).diagnostics] : r.diagnostics)
  }
  const e = evaluatorOf(rubric)
  const r = readEvidence(bytes, name, e.rubric)
  if (!r.ok) return uniq(r.diagnostics)
  const scored = e.evaluateCohort(r.value.data)
  return uniq([...r.diagnostics, ...scored.diagnostics, ...(scored.ok ? scored.value.subjects.flatMap((s) => s.warnings) : [])])
}

/** The command line over real files (bytes and sizes as main.ts reads them). */
function cli(argv: string[]): { code: number; out: string; err: string } {
  let out = ''
  let err = ''
  const real = (p: string) => (p.startsWith('/') ? p : join(root, p))
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (p) => readFileSync(real(p), 'utf8'),
    readBytes: (p) => readFileSync(real(p)),
    size: (p) => statSync(real(p)).size,
    exists: (p) => existsSync(real(p)),
    glob: (p) => [p],
  }
  return { code: run(argv, io), out, err }
}

/** Codes in printed diagnostics (`file:line:col: severity CODE …` or `file: severity CODE …`). */
const printed = (text: string) => [...new Set([...text.matchAll(/(?:^|\n)\S.*?:? (?:error|warning) ([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!))].sort()

const ERRORS = new Set(['YAML_WARNING', 'UNUSED_PARAM', 'UNUSED_FACT', 'UNREACHABLE_GRADE', 'DEDUCTION_WITHOUT_FLOOR', 'EVIDENCE_MISSING_ZEROED', 'JUDGED_CLAMPED', 'QUOTA_TIE', 'QUOTA_NEEDS_COHORT'])
const isError = (code: string) => !ERRORS.has(code)

describe('the corpus of hostile input (tests/fixtures/hostile)', () => {
  it('has at least 40 files, rubrics and evidence, each in the manifest with the codes it must yield', () => {
    expect(files.length).toBeGreaterThanOrEqual(40)
    expect(files.filter((f) => f.startsWith('rubric-')).length).toBeGreaterThanOrEqual(20)
    expect(files.filter((f) => f.startsWith('evidence-')).length).toBeGreaterThanOrEqual(20)
    expect(Object.keys(manifest).sort()).toEqual(files)
    for (const f of files) expect(manifest[f]!.about.length, f).toBeGreaterThan(5)
  })

  for (const f of files) {
    const entry = manifest[f]!
    it(`${f}: ${entry.codes.length ? entry.codes.join(', ') : 'no diagnostics'} — ${entry.about}`, () => {
      const bytes = readFileSync(join(dir, f))
      expect(libraryCodes(`tests/fixtures/hostile/${f}`, bytes, entry.rubric)).toEqual(entry.codes)
      const path = `tests/fixtures/hostile/${f}`
      const r = entry.rubric === undefined ? cli(['validate', path]) : cli(['score', entry.rubric, path, '--format', 'csv'])
      const errors = entry.codes.filter(isError)
      expect(r.code, r.err).toBe(errors.length ? 1 : 0)
      for (const code of errors) expect(printed(r.err), r.err).toContain(code)
      expect(r.err).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/) // never a stack trace
      expect((globalThis as Record<string, unknown>).pwned).toBeUndefined()
    })
  }
})

describe('hostile input written at test time (too large or too binary to commit)', () => {
  let tmp: string
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'kaoping-hostile-'))
  })
  afterAll(() => rmSync(tmp, { recursive: true, force: true }))
  const RUBRIC = 'tests/fixtures/security/numbers.yaml'
  const subjectJson = (extra = '') => `{"subjects": [{"id": "s1", "facts": {"j": 1, "r": 0.5, "b": true}${extra}}]}\n`
  const base = readFileSync(join(root, 'tests/fixtures/hostile/rubric-simplified-traditional.yaml'))

  const cases: { name: string; bytes: () => Uint8Array; rubric?: string; codes: string[] }[] = [
    { name: 'rubric-gbk.yaml', bytes: () => Uint8Array.from([...base.subarray(0, 60), 0xbf, 0xbc, 0xc6, 0xc0, 0x0a]), codes: ['TEXT_INVALID_UTF8'] },
    { name: 'rubric-nul.yaml', bytes: () => Uint8Array.from([...base, 0x00, 0x0a]), codes: ['TEXT_CONTROL_CHARACTER'] },
    { name: 'rubric-over-1mib.yaml', bytes: () => Buffer.concat([base, Buffer.from(`# ${'x'.repeat(1_048_576)}\n`)]), codes: ['LIMIT_EXCEEDED'] },
    {
      name: 'rubric-10001-items.yaml',
      bytes: () =>
        Buffer.from(`kaoping: 1\nid: many\ntitle: 多\ntotal: 10001\nfacts:\n  done: { type: boolean, title: 是否完成 }\nitems:\n${Array.from({ length: 10_001 }, (_, i) => `  - { kind: check, id: c${i}, title: c, max: 1, fact: done }\n`).join('')}`),
      codes: ['LIMIT_EXCEEDED'],
    },
    { name: 'rubric-long-title.yaml', bytes: () => Buffer.from(base.toString('utf8').replace('title: 考评', `title: ${'考'.repeat(10_001)}`)), codes: ['LIMIT_EXCEEDED'] },
    { name: 'evidence-gbk.yaml', rubric: RUBRIC, bytes: () => Uint8Array.from([...Buffer.from('subjects:\n  - id: s1\n    name: '), 0xbf, 0xbc, 0xc6, 0xc0, 0x0a]), codes: ['TEXT_INVALID_UTF8'] },
    { name: 'evidence-latin1.csv', rubric: RUBRIC, bytes: () => Uint8Array.from([...Buffer.from('id,j,r,b\ns'), 0xe9, ...Buffer.from(',1,0.5,true\n')]), codes: ['TEXT_INVALID_UTF8'] },
    { name: 'evidence-nul.json', rubric: RUBRIC, bytes: () => Buffer.from(subjectJson().replace('"s1"', '"s\u00001"')), codes: ['TEXT_CONTROL_CHARACTER'] },
    { name: 'evidence-long-name.json', rubric: RUBRIC, bytes: () => Buffer.from(subjectJson(`, "name": "${'名'.repeat(10_001)}"`)), codes: ['LIMIT_EXCEEDED'] },
    {
      name: 'evidence-100001-records.json',
      rubric: 'rubrics/xuzhou-statistics-2017.yaml',
      bytes: () => {
        const xuzhou = readEvidence(readFileSync(join(root, 'examples/xuzhou-statistics-2017/evidence.yaml')), 'e.yaml')
        const s = (xuzhou as { value: { data: { subjects: Record<string, unknown>[] } } }).value.data.subjects[0]!
        const records = { innovations: Array.from({ length: 100_001 }, (_, i) => ({ title: `t${i}`, kind: 'innovation', date: '2017-05-01' })) }
        return Buffer.from(JSON.stringify({ subjects: [{ ...s, records }] }))
      },
      codes: ['LIMIT_EXCEEDED'],
    },
  ]
  for (const c of cases) {
    it(`${c.name}: ${c.codes.join(', ')}`, () => {
      const path = join(tmp, c.name)
      writeFileSync(path, c.bytes())
      expect(libraryCodes(path, readFileSync(path), c.rubric)).toEqual(c.codes)
      const r = c.rubric === undefined ? cli(['validate', path]) : cli(['score', c.rubric, path, '--format', 'csv'])
      expect(r.code, r.err).toBe(1)
      for (const code of c.codes) expect(printed(r.err), r.err).toContain(code)
    })
  }
})

// --- measured bounds (SECURITY.md) -------------------------------------------------------------------------------

const DIST = join(root, 'dist')

/** Runs a script in a fresh node; it prints one JSON line with what it measured. */
function measure(script: string, args: string[] = []): Record<string, unknown> {
  const r = spawnSync(process.execPath, ['-e', script, '--', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 })
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>
}

const LOAD = (file: string) => `
const { readFileSync } = require('node:fs')
const { loadRubric } = require(${JSON.stringify(join(DIST, 'index.cjs'))})
const text = readFileSync(${JSON.stringify(file)}, 'utf8')
const t0 = process.hrtime.bigint()
const r = loadRubric(text)
const ms = Number(process.hrtime.bigint() - t0) / 1e6
console.log(JSON.stringify({ ok: r.ok, codes: r.diagnostics.map((d) => d.code), ms, maxRssKb: process.resourceUsage().maxRSS }))
`

describe('measured bounds', () => {
  it('the billion-laughs file fails in under 1 s, with less than 100 MB more memory than loading a small rubric', () => {
    const laughs = measure(LOAD(join(dir, 'rubric-billion-laughs.yaml')))
    const small = measure(LOAD(join(dir, 'rubric-bom-crlf.yaml')))
    expect(small.ok).toBe(true)
    expect(laughs.ok).toBe(false)
    expect(laughs.codes).toEqual(['YAML_ALIAS_LIMIT'])
    expect(laughs.ms as number).toBeLessThan(1000)
    const extraMb = ((laughs.maxRssKb as number) - (small.maxRssKb as number)) / 1024
    expect(extraMb).toBeLessThan(100)
    // the figures SECURITY.md states
    console.log(`billion laughs: ${(laughs.ms as number).toFixed(1)} ms, peak RSS ${((laughs.maxRssKb as number) / 1024).toFixed(0)} MB (${extraMb.toFixed(1)} MB more than a small rubric)`)
  })

  it('100,000 subjects from a 20 MB JSON file score within a 384 MB heap, as CSV and as JSON', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kaoping-100k-'))
    try {
      const evidence = join(tmp, 'cohort.json')
      writeFileSync(evidence, bigEvidence(100_000))
      const size = statSync(evidence).size
      expect(size).toBeGreaterThanOrEqual(20_000_000)
      const rubric = join(root, 'tests/fixtures/perf/compact.yaml')
      for (const format of ['csv', 'json']) {
        const out = join(tmp, `out.${format}`)
        const fd = openSync(out, 'w')
        const t0 = performance.now()
        // the bin as it is installed, with its heap limited: exceeding the bound ends it with an out-of-memory crash
        const wrapper = `process.on('exit', () => require('node:fs').writeSync(2, '\\nKAOPING_MAX_RSS_KB=' + process.resourceUsage().maxRSS + '\\n')); require(${JSON.stringify(join(DIST, 'cli.cjs'))})`
        const r = spawnSync(process.execPath, ['--max-old-space-size=384', '-e', wrapper, 'kaoping', 'score', rubric, evidence, '--format', format], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: 60_000 })
        closeSync(fd)
        const seconds = (performance.now() - t0) / 1000
        expect(r.status, r.stderr.slice(0, 2000)).toBe(0)
        const rss = Number(/KAOPING_MAX_RSS_KB=(\d+)/.exec(r.stderr)?.[1]) / 1024
        const text = readFileSync(out, 'utf8')
        if (format === 'csv') {
          const lines = text.split('\r\n').filter((l) => l !== '')
          expect(lines).toHaveLength(100_001)
          // the spreadsheet default: UTF-8's byte-order mark, then the columns headed by title
          expect(lines[0]).toBe('\ufeff排名,編號,名稱,總分,等次,資格,合格率,是否完成,評分,遲報,類別,創新')
          // rows best first: the rank column (first) never falls
          let last = 0
          for (let k = 1; k < lines.length; k++) {
            const rank = Number(lines[k]!.slice(0, lines[k]!.indexOf(',')))
            expect(rank >= last).toBe(true)
            last = rank
          }
        } else {
          expect(text.endsWith('\n}\n')).toBe(true)
          expect(text.match(/^ {6}"subject": \{$/gm)).toHaveLength(100_000) // one result per subject
        }
        console.log(`100,000 subjects, ${(size / 1e6).toFixed(1)} MB JSON, --format ${format}: ${seconds.toFixed(1)} s, peak RSS ${rss.toFixed(0)} MB`)
        expect(seconds).toBeLessThan(60)
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
  })
})

/** 100,000 subjects of tests/fixtures/perf/compact.yaml: about 22 MB of JSON. Deterministic. */
function bigEvidence(n: number): string {
  let seed = 20171231
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648)
  const kinds = ['a', 'b', 'c']
  const parts: string[] = []
  for (let i = 0; i < n; i++) {
    const records = Array.from({ length: 1 + (i % 2) }, (_, k) => ({ t: `鄉鎮統計站創新舉措第${k + 1}項`, d: `2017-0${1 + (i % 9)}-1${k}` }))
    parts.push(JSON.stringify({ id: `s${String(i).padStart(6, '0')}`, name: `徐州市第${i}號基層統計單位`, facts: { r: Math.round(rnd() * 1000) / 1000, b: rnd() < 0.8, j: Math.floor(rnd() * 41) / 2, n: Math.floor(rnd() * 4), k: kinds[i % 3] }, records: { x: records } }))
  }
  return `{"rubric": "compact-100k", "subjects": [\n${parts.join(',\n')}\n]}\n`
}
