/**
 * A province in one run: N Xuzhou subjects (default 1,000,000; `npm run bench:province -- 200000` for fewer) as NDJSON
 * through `kaoping score --format ndjson`, against the fastest the library gives the same totals: the same file read
 * line by line, each line `JSON.parse`d, `totals()` in batches of 10,000 — and beside the same with kaoping's own
 * NDJSON reader (`ndjsonLines`, as strict as its JSON reader) in place of JSON.parse. Prints wall time and peak RSS of each
 * (GNU time), their ratio, and checks the command's output: one line per subject, ranks 1…N, and as many ranked-quota
 * grades as the quotas allow. Realistic evidence: bench/data.ts (out-of-range judged scores, 不適用, duplicated
 * adoptions); every judged fact is given, so no subject is refused.
 */
import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compileRubric, loadRubric, ndjsonLines } from '../src/index'
import { JUDGED, makeCohort } from './data'

const HERE = fileURLToPath(import.meta.url)
const ROOT = join(dirname(HERE), '..')
const RUBRIC = join(ROOT, 'rubrics', 'xuzhou-statistics-2017.yaml')
const CLI = join(ROOT, 'dist', 'cli.cjs')

/** Writes n subjects as NDJSON, 50,000 at a time. */
function generate(n: number, path: string): void {
  const fd = openSync(path, 'w')
  for (let start = 0; start < n; start += 50_000) {
    const subjects = makeCohort(Math.min(50_000, n - start), 2017 + start)
    let text = ''
    subjects.forEach((s, i) => {
      for (const j of JUDGED) if (!(j.fact in s.facts)) (s.facts as Record<string, unknown>)[j.fact] = j.min
      text += JSON.stringify({ ...s, id: `s${start + i}` }) + '\n'
    })
    writeSync(fd, text)
  }
  closeSync(fd)
}

/** The bytes of a file in pieces of 64 KB. */
function* pieces(path: string): Generator<Uint8Array> {
  const fd = openSync(path, 'r')
  const buffer = Buffer.allocUnsafe(1 << 16)
  for (let k = readSync(fd, buffer, 0, buffer.length, null); k > 0; k = readSync(fd, buffer, 0, buffer.length, null)) yield buffer.subarray(0, k)
  closeSync(fd)
}

/** The second baseline (--strict FILE): kaoping's own NDJSON reader (as strict as its JSON reader), then totals(). */
function strictBaseline(path: string): void {
  const loaded = loadRubric(readFileSync(RUBRIC, 'utf8'), { file: RUBRIC })
  if (!loaded.ok) throw new Error('the rubric does not load')
  const c = compileRubric(loaded.value)
  if (!c.ok) throw new Error('the rubric does not compile')
  let batch: unknown[] = []
  let n = 0
  for (const line of ndjsonLines(pieces(path), { maxBytes: 1 << 20, maxDepth: 100, maxStringLength: 10_000 })) {
    if (!line.ok) throw new Error(line.diagnostics[0]!.message)
    batch.push(line.value.data)
    if (batch.length === 10_000) {
      const r = c.value.totals(batch)
      if (!r.ok) throw new Error(r.diagnostics[0]!.message)
      n += batch.length
      batch = []
    }
  }
  if (batch.length && !c.value.totals(batch).ok) throw new Error('refused')
  process.stdout.write(`${n + batch.length}\n`)
}

/** The baseline, run in this process when called with --baseline FILE: read, parse, totals(). */
function baseline(path: string): void {
  const loaded = loadRubric(readFileSync(RUBRIC, 'utf8'), { file: RUBRIC })
  if (!loaded.ok) throw new Error('the rubric does not load')
  const c = compileRubric(loaded.value)
  if (!c.ok) throw new Error('the rubric does not compile')
  const fd = openSync(path, 'r')
  const decoder = new TextDecoder()
  let rest = ''
  let batch: unknown[] = []
  let n = 0
  const flush = () => {
    const r = c.value.totals(batch)
    if (!r.ok) throw new Error(r.diagnostics[0]!.message)
    n += batch.length
    batch = []
  }
  const buffer = Buffer.allocUnsafe(1 << 16)
  for (;;) {
    const k = readSync(fd, buffer, 0, buffer.length, null)
    if (k === 0) break
    const text = rest + decoder.decode(buffer.subarray(0, k), { stream: true })
    let start = 0
    for (let e = text.indexOf('\n'); e !== -1; e = text.indexOf('\n', start)) {
      batch.push(JSON.parse(text.slice(start, e)))
      start = e + 1
      if (batch.length === 10_000) flush()
    }
    rest = text.slice(start)
  }
  if (batch.length) flush()
  closeSync(fd)
  process.stdout.write(`${n}\n`)
}

/** Runs a command under GNU time: wall seconds, peak RSS in MB, its stdout. */
function timed(args: string[], out?: string): { seconds: number; rssMb: number; status: number | null; stderr: string } {
  const outFd = out ? openSync(out, 'w') : 'ignore'
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', ...args], { stdio: ['ignore', outFd, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 })
  if (typeof outFd === 'number') closeSync(outFd)
  const m = /TIME ([\d.]+) (\d+)/.exec(r.stderr ?? '')
  return { seconds: m ? Number(m[1]) : NaN, rssMb: m ? Number(m[2]) / 1024 : NaN, status: r.status, stderr: r.stderr ?? '' }
}

function main(): void {
  if (process.argv[2] === '--baseline') return baseline(process.argv[3]!)
  if (process.argv[2] === '--strict') return strictBaseline(process.argv[3]!)
  const n = Number(process.argv[2] ?? 1_000_000)
  const dir = mkdtempSync(join(tmpdir(), 'kaoping-province-'))
  try {
    const file = join(dir, 'province.ndjson')
    generate(n, file)
    console.log(`${n.toLocaleString('en')} subjects, ${(statSync(file).size / 2 ** 20).toFixed(0)} MB of NDJSON`)
    const base = timed([process.execPath, '--import', 'tsx', HERE, '--baseline', file])
    const strict = timed([process.execPath, '--import', 'tsx', HERE, '--strict', file])
    const out = join(dir, 'out.ndjson')
    const cli = timed([process.execPath, CLI, 'score', RUBRIC, file, '--format', 'ndjson'], out)
    if (cli.status !== 0) throw new Error(`kaoping score exited ${cli.status}: ${cli.stderr.slice(0, 500)}`)
    // the output: one line per subject, every rank from 1 to n present, quota grades within the quotas' counts
    let lines = 0
    let quota = 0
    const ranks = new Uint8Array(n + 1)
    const text = readFileSync(out, 'utf8')
    for (let s = 0, e = text.indexOf('\n'); e !== -1; s = e + 1, e = text.indexOf('\n', s)) {
      const row = JSON.parse(text.slice(s, e)) as { rank: number; gradeBasis: string }
      lines++
      ranks[row.rank] = 1
      if (row.gradeBasis === 'quota') quota++
    }
    const ok = lines === n && quota >= 1 && ranks[1] === 1
    console.log(`totals() after JSON.parse: ${base.seconds.toFixed(2)} s, peak RSS ${base.rssMb.toFixed(0)} MB`)
    console.log(`totals() after kaoping's NDJSON reader (ndjsonLines): ${strict.seconds.toFixed(2)} s, peak RSS ${strict.rssMb.toFixed(0)} MB`)
    console.log(`kaoping score --format ndjson: ${cli.seconds.toFixed(2)} s, peak RSS ${cli.rssMb.toFixed(0)} MB (${(cli.seconds / base.seconds).toFixed(2)}× the first, ${(cli.seconds / strict.seconds).toFixed(2)}× the second)`)
    console.log(`output: ${lines.toLocaleString('en')} lines, ${quota} ranked-quota grades (優秀 2–3 + 良好 3–4, more when tied at a boundary): ${ok ? 'as expected' : 'WRONG'}`)
    if (!ok) process.exitCode = 1
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main()
