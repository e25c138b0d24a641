/**
 * `npm run stress`: cost against input size. Each hostile input class is generated at two sizes (n and 8n) and run
 * through the built command (`node dist/cli.cjs …`) and, where relevant, through the library (this script run again
 * as a child under `node --expose-gc --import tsx`). Printed: a table of class, size, wall time, peak RSS, output
 * bytes (stdout + stderr) and the ratio 8n / n of time, then PASS or FAIL per class.
 *
 * A class FAILS when the larger input costs more than 12× the smaller in time, when an output that must be bounded
 * grows more than 12× (see `bounded` per class), or when a run exceeds 60 s (it is killed then). Exit 1 on any FAIL.
 * Peak RSS comes from `/usr/bin/time -f %M` when present, else from polling /proc/<pid>/status VmRSS every 50 ms.
 * Inputs are written to a temporary directory, removed at the end.
 */
import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { stringify as yamlStringify, parse as yamlParse } from 'yaml'
import { makeCohort, JUDGED, type Subject } from '../bench/data'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const BUILT_CLI = path.join(ROOT, 'dist', 'cli.cjs')
/** The built CLI, copied into the temporary directory at the start: a rebuild of dist/ during the run cannot remove it. */
let CLI = BUILT_CLI
const XUZHOU = path.join(ROOT, 'rubrics', 'xuzhou-statistics-2017.yaml')
const LINXI = path.join(ROOT, 'rubrics', 'linxi-learning-org.yaml')
const KILL_MS = 60_000
const MAX_RATIO = 12
const TIME_BIN = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

// ---------------------------------------------------------------------------------------------------------------
// Child mode: library measurements, one process per (class, size), so RSS and heap are the run's own.

async function child(kind: string, n: number, file: string): Promise<void> {
  const lib = await import('../src/index')
  const gc = (globalThis as { gc?: () => void }).gc
  const heap = () => {
    gc?.()
    gc?.()
    return gc ? process.memoryUsage().heapUsed : process.memoryUsage().rss
  }
  const loaded = lib.loadRubric(fs.readFileSync(XUZHOU), { file: XUZHOU })
  if (!loaded.ok) throw new Error('the Xuzhou rubric does not load')
  const compiled = lib.compileRubric(loaded.value)
  if (!compiled.ok) throw new Error('the Xuzhou rubric does not compile')
  const ev = compiled.value
  const out: Record<string, unknown> = { kind, n }
  if (kind === 'params') {
    const subject = JSON.parse(fs.readFileSync(file, 'utf8').split('\n')[0]!)
    ev.evaluate(subject) // warm
    const before = heap()
    let ok = 0
    for (let i = 0; i < n; i++) {
      // n distinct parameter sets: minSamplingRatio 0.200000, 0.200001, … (a rate with at most 6 places)
      const r = ev.evaluate(subject, { params: { minSamplingRatio: (200000 + i) / 1e6, spotCheckRounding: i % 2 ? 'ceil' : 'floor' } })
      if (r.ok) ok++
    }
    out.ok = ok
    out.heapGrowth = heap() - before
    out.heapKind = gc ? 'heapUsed after gc' : 'rss'
  } else if (kind === 'cohort') {
    // the class-1 cohort through evaluate(), one subject at a time, counting warnings
    let ok = 0
    let warnings = 0
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue
      const r = ev.evaluate(JSON.parse(line))
      if (r.ok) ok++
      warnings += r.diagnostics.filter((d) => d.severity === 'warning').length
    }
    out.ok = ok
    out.warnings = warnings
  }
  process.stdout.write(JSON.stringify(out) + '\n')
}

// ---------------------------------------------------------------------------------------------------------------
// Running one command: wall time, peak RSS, bytes out, longest line, killed at 60 s.

interface Run {
  ms: number
  rssKb: number
  stdoutBytes: number
  stderrBytes: number
  longestLine: number
  code: number | null
  killed: boolean
  stdoutHead: string
  stderrHead: string
}

function run(argv: string[], opts: { stdinFile?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const rssFile = path.join(tmp, `rss-${process.hrtime.bigint()}.txt`)
    const [cmd, args] = TIME_BIN ? [TIME_BIN, ['-f', '%M', '-o', rssFile, ...argv]] : [argv[0]!, argv.slice(1)]
    const t0 = performance.now()
    const stdin = opts.stdinFile ? fs.openSync(opts.stdinFile, 'r') : undefined
    // detached: its own process group, so a kill at 60 s reaches node under /usr/bin/time too
    const env = { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') } // the copy's yaml and zod
    const p = spawn(cmd, args, { cwd: ROOT, env, detached: true, stdio: [stdin ?? 'ignore', 'pipe', 'pipe'] })
    if (stdin !== undefined) fs.closeSync(stdin)
    let stdoutBytes = 0
    let stderrBytes = 0
    let longestLine = 0
    let current = 0
    let stdoutHead = ''
    let stderrHead = ''
    const lines = (chunk: Buffer) => {
      for (const b of chunk) {
        if (b === 10) {
          if (current > longestLine) longestLine = current
          current = 0
        } else current++
      }
    }
    p.stdout!.on('data', (c: Buffer) => {
      stdoutBytes += c.length
      if (stdoutHead.length < 2000) stdoutHead += c.toString('utf8', 0, Math.min(c.length, 2000))
      lines(c)
    })
    p.stderr!.on('data', (c: Buffer) => {
      stderrBytes += c.length
      if (stderrHead.length < 8_000_000) stderrHead += c.toString('utf8')
      lines(c)
    })
    // Without /usr/bin/time: poll VmRSS (VmHWM cannot be read after exit).
    let polledKb = 0
    const poll = TIME_BIN
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p.pid}/status`, 'utf8'))
            if (m) polledKb = Math.max(polledKb, Number(m[1]))
          } catch {
            /* exited */
          }
        }, 50)
    let killed = false
    const timer = setTimeout(() => {
      killed = true
      try {
        process.kill(-p.pid!, 'SIGKILL') // the whole group: /usr/bin/time and node
      } catch {
        /* gone */
      }
    }, KILL_MS)
    p.on('close', (code) => {
      const ms = performance.now() - t0
      clearTimeout(timer)
      if (poll) clearInterval(poll)
      if (current > longestLine) longestLine = current
      let rssKb = polledKb
      if (TIME_BIN) {
        try {
          // GNU time writes "Command exited with non-zero status N" before the figure when the exit code is not 0
          const lines = fs.readFileSync(rssFile, 'utf8').trim().split('\n')
          rssKb = Number(lines[lines.length - 1]) || 0
        } catch {
          /* killed before writing */
        }
      }
      resolve({ ms, rssKb, stdoutBytes, stderrBytes, longestLine, code, killed, stdoutHead, stderrHead })
    })
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Generators.

let tmp = ''
const w = (name: string, text: string | Buffer) => {
  const f = path.join(tmp, name)
  fs.writeFileSync(f, text)
  return f
}

/** The Xuzhou cohort, every subject scored (missing judged facts filled with their min), each with one warning. */
function warnedCohort(n: number): Subject[] {
  const cohort = makeCohort(n, 2017)
  cohort.forEach((s, i) => {
    s.id = `s${i + 1}`
    for (const j of JUDGED) if (s.facts[j.fact] === undefined) s.facts[j.fact] = j.min
    const j = JUDGED[i % JUDGED.length]!
    s.facts[j.fact] = j.max + 1 // JUDGED_CLAMPED
  })
  return cohort
}

const xuzhouSubject = (): Subject => {
  const s = warnedCohort(1)[0]!
  for (const j of JUDGED) s.facts[j.fact] = j.max // clean: no warning
  s.records.innovations = []
  return s
}

/** A small valid rubric (as tests/bounded.test.ts builds them), written as JSON, which is YAML. */
const base = { kaoping: 1, id: 'test-rubric', title: '測試考評' }

function enumRubric(k: number): string {
  const values = Array.from({ length: k }, (_, i) => `e${i}`)
  const missing = Array.from({ length: k }, (_, i) => `x${i}`)
  return JSON.stringify({ ...base, total: 1, facts: { f: { type: 'enum', title: '類別', values } }, items: [{ kind: 'check', id: 'a', title: '甲', max: 1, when: { fact: 'f', in: missing } }] })
}

function unknownFactsRubric(k: number): string {
  const facts: Record<string, unknown> = {}
  for (let i = 0; i < k; i++) facts[`fact${String(i).padStart(5, '0')}`] = { type: 'boolean', title: `事實${i}` }
  const refs = [{ fact: 'fcat00005', is: true }, ...Array.from({ length: k - 1 }, (_, i) => ({ fact: `qqqqqqqq${i}`, is: true }))]
  return JSON.stringify({ ...base, total: 1, facts, items: [{ kind: 'check', id: 'a', title: '甲', max: 1, when: { all: refs } }] })
}

/** k computed values, each dividing by a fact that may be 0 (a DIVISION_BY_ZERO_POSSIBLE warning each; unread: UNUSED_FACT). */
function computedRubric(k: number): string {
  const computed: Record<string, unknown> = {}
  for (let i = 0; i < k; i++) computed[`r${i}`] = { title: 'r', expr: 'done / task', round: { places: 4, mode: 'half-up' } }
  return JSON.stringify({
    ...base,
    total: 1,
    facts: { done: { type: 'number', min: 0, title: '完成' }, task: { type: 'number', min: 0, title: '任務' } },
    computed,
    items: [{ kind: 'check', id: 'a', title: '甲', max: 1, when: { fact: 'r0', atLeast: 0.5 } }],
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Classes.

interface Row {
  cls: string
  size: string
  run: Run
  note?: string
}

interface ClassSpec {
  id: string
  name: string
  /** What must stay bounded: 'stderr', 'stdout', 'all' (stdout + stderr), 'line' (the longest line) — or none. */
  bounded: ('stderr' | 'stdout' | 'all' | 'line')[]
  sizes: [string, string]
  make: (big: boolean) => Promise<{ argv: string[]; stdinFile?: string; note?: (r: Run) => string; expect?: (r: Run) => string | undefined }>
}

const node = (...a: string[]) => ['node', CLI, ...a]
const lib = (kind: string, n: number, file: string) => ['node', '--expose-gc', '--import', 'tsx', path.join(ROOT, 'scripts', 'stress.ts'), '--child', kind, String(n), file]

const N1 = 12_500
const ndjsonFiles: Record<string, string> = {}
const ndjson = (n: number) => (ndjsonFiles[n] ??= w(`cohort-${n}.ndjson`, warnedCohort(n).map((s) => JSON.stringify(s)).join('\n') + '\n'))
const exitIs = (codes: number[]) => (r: Run) => (r.code !== null && codes.includes(r.code) ? undefined : `exit ${r.code}`)
const stderrHas = (s: string) => (r: Run) => (r.stderrHead.includes(s) ? undefined : `stderr lacks ${s}`)

const classes: ClassSpec[] = [
  {
    id: '1',
    name: 'NDJSON cohort, one warning each (cli)',
    bounded: ['stderr'],
    sizes: ['12,500 subj', '100,000 subj'],
    make: async (big) => ({ argv: node('score', XUZHOU, ndjson(big ? 8 * N1 : N1), '--format', 'ndjson'), expect: (r) => exitIs([0])(r) ?? stderrHas('JUDGED_CLAMPED')(r) }),
  },
  {
    id: '1L',
    name: 'the same cohort through evaluate() (library)',
    bounded: [],
    sizes: ['12,500 subj', '100,000 subj'],
    make: async (big) => {
      const n = big ? 8 * N1 : N1
      return { argv: lib('cohort', n, ndjson(n)), note: (r) => r.stdoutHead.trim() }
    },
  },
  {
    id: '2',
    name: 'one-line JSON cohort, one warning each, csv',
    bounded: ['stderr'],
    sizes: ['12,500 subj', '100,000 subj'],
    make: async (big) => {
      const n = big ? 8 * N1 : N1
      const f = w(`cohort-${n}.json`, JSON.stringify({ subjects: warnedCohort(n) }))
      return { argv: node('score', XUZHOU, f, '--format', 'csv'), expect: (r) => exitIs([0])(r) ?? stderrHas('JUDGED_CLAMPED')(r) }
    },
  },
  {
    id: '3',
    name: 'period 1000-01-01..9999-12-31, monthly quota (Linxi)',
    bounded: ['all'],
    sizes: ['6 subj', '48 subj'],
    make: async (big) => {
      const ev = yamlParse(fs.readFileSync(path.join(ROOT, 'examples', 'linxi-learning-org', 'evidence.yaml'), 'utf8')) as { period: unknown; subjects: { id: string }[] }
      ev.period = { from: '1000-01-01', to: '9999-12-31' }
      if (big) ev.subjects = Array.from({ length: 8 }, (_, k) => ev.subjects.map((s) => ({ ...s, id: `${s.id}-${k}` }))).flat()
      const f = w(`period-${big ? 8 : 1}.yaml`, yamlStringify(ev))
      return { argv: node('score', LINXI, f), expect: (r) => stderrHas('LIMIT_EXCEEDED')(r) ?? (r.code === 0 ? 'scored, not refused' : undefined) }
    },
  },
  {
    id: '4',
    name: 'condition values missing from an enum (validate)',
    bounded: ['line'],
    sizes: ['k=625', 'k=5,000'],
    make: async (big) => ({ argv: node('validate', w(`enum-${big}.yaml`, enumRubric(big ? 5000 : 625))), expect: (r) => exitIs([1])(r) ?? stderrHas('SCHEMA_INVALID_VALUE')(r) }),
  },
  {
    id: '5',
    name: 'unknown fact names, "did you mean" (validate)',
    bounded: ['line'],
    sizes: ['250 names', '2,000 names'],
    make: async (big) => ({ argv: node('validate', w(`facts-${big}.yaml`, unknownFactsRubric(big ? 2000 : 250))), expect: (r) => exitIs([1])(r) ?? stderrHas('UNKNOWN_FACT')(r) }),
  },
  {
    id: '5b',
    name: 'computed values dividing by a fact that may be 0 (validate)',
    bounded: ['line'],
    sizes: ['1,000 values', '8,000 values'],
    make: async (big) => ({ argv: node('validate', w(`computed-${big}.json`, computedRubric(big ? 8000 : 1000))), expect: (r) => stderrHas('DIVISION_BY_ZERO_POSSIBLE')(r) }),
  },
  {
    id: '6',
    name: 'CSV header of unknown columns (score)',
    bounded: ['all', 'line'],
    sizes: ['37,500 cols', '300,000 cols'],
    make: async (big) => {
      const k = big ? 300_000 : 37_500
      const s = xuzhouSubject()
      const known = Object.keys(s.facts)
      const unknown = Array.from({ length: k }, (_, i) => `col${i}`)
      const header = ['id', ...known, ...unknown].join(',')
      const row = [s.id, ...known.map((f) => String(s.facts[f])), ...unknown.map(() => '')].join(',')
      return { argv: node('score', XUZHOU, w(`header-${k}.csv`, header + '\n' + row + '\n')), expect: exitIs([0, 1]) }
    },
  },
  {
    id: '7',
    name: "unknown keys in one subject's facts, JSON (score)",
    bounded: ['all', 'line'],
    sizes: ['2,000 keys', '16,000 keys'],
    make: async (big) => {
      const k = big ? 16_000 : 2_000
      const s = xuzhouSubject()
      for (let i = 0; i < k; i++) s.facts[`unknownKey${i}`] = i
      return { argv: node('score', XUZHOU, w(`keys-${k}.json`, JSON.stringify({ subjects: [s] }))), expect: exitIs([0, 1]) }
    },
  },
  {
    id: '8',
    name: 'innovation records of one subject, JSON (score)',
    bounded: ['all'],
    sizes: ['10,000 rec', '80,000 rec'],
    make: async (big) => {
      const k = big ? 80_000 : 10_000
      const s = xuzhouSubject()
      const kinds = ['innovation', 'provincial-adoption', 'national-adoption'] as const
      for (let i = 0; i < k; i++) s.records.innovations.push({ title: `創新做法${i}`, kind: kinds[i % 3]!, date: `2017-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}` })
      return { argv: node('score', XUZHOU, w(`records-${k}.json`, JSON.stringify({ subjects: [s] }))), expect: exitIs([0]) }
    },
  },
  {
    id: '9',
    name: 'distinct params per evaluate() call (library)',
    bounded: [],
    sizes: ['1,000 sets', '8,000 sets'],
    make: async (big) => {
      const f = w('one.ndjson', JSON.stringify(xuzhouSubject()) + '\n')
      return { argv: lib('params', big ? 8000 : 1000, f), note: (r) => r.stdoutHead.trim() }
    },
  },
  {
    id: '10',
    name: 'class-1 NDJSON on standard input',
    bounded: ['stderr'],
    sizes: ['12,500 subj', '100,000 subj'],
    make: async (big) => ({ argv: node('score', XUZHOU, '-', '--format', 'ndjson'), stdinFile: ndjson(big ? 8 * N1 : N1), expect: (r) => exitIs([0])(r) ?? stderrHas('JUDGED_CLAMPED')(r) }),
  },
]

// ---------------------------------------------------------------------------------------------------------------

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`)
const fmtMb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`
const fmtBytes = (b: number) => (b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : b >= 1e4 ? `${(b / 1e3).toFixed(1)} KB` : `${b} B`)
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length))

async function main(): Promise<void> {
  if (!fs.existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run tsup first (npm run stress does)`)
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-stress-'))
  CLI = path.join(tmp, 'cli.cjs')
  fs.copyFileSync(BUILT_CLI, CLI)
  const only = process.argv[2]?.split(',')
  const verdicts: string[] = []
  const table: string[] = []
  const head = ['class', 'size', 'wall', 'peak RSS', 'out (stdout+stderr)', 'stderr', 'longest line', 'time 8n/n']
  table.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`)
  let failed = false
  let hundredK: number | undefined
  try {
    for (const c of classes) {
      if (only && !only.includes(c.id)) continue
      const rows: Run[] = []
      const notes: string[] = []
      const problems: string[] = []
      for (const big of [false, true]) {
        const spec = await c.make(big)
        const r = await run(spec.argv, { stdinFile: spec.stdinFile })
        rows.push(r)
        if (r.killed) problems.push(`${c.sizes[big ? 1 : 0]} killed at 60 s`)
        const bad = spec.expect?.(r)
        if (bad) problems.push(`${c.sizes[big ? 1 : 0]}: ${bad} (${r.stderrHead.slice(0, 200).replace(/\n/g, ' ⏎ ')})`)
        if (spec.note) notes.push(spec.note(r))
        if (c.id === '1' && big) hundredK = r.ms
      }
      const [a, b] = rows as [Run, Run]
      const ratio = b.ms / a.ms
      if (ratio > MAX_RATIO) problems.push(`time grew ${ratio.toFixed(1)}× (> ${MAX_RATIO}×)`)
      const grow = (x: number, y: number, what: string) => {
        if (y > MAX_RATIO * Math.max(x, 1)) problems.push(`${what} grew ${(y / Math.max(x, 1)).toFixed(1)}× (${x} → ${y} B): must be bounded`)
      }
      for (const what of c.bounded) {
        if (what === 'stderr') grow(a.stderrBytes, b.stderrBytes, 'stderr')
        if (what === 'stdout') grow(a.stdoutBytes, b.stdoutBytes, 'stdout')
        if (what === 'all') grow(a.stdoutBytes + a.stderrBytes, b.stdoutBytes + b.stderrBytes, 'output')
        if (what === 'line') grow(a.longestLine, b.longestLine, 'the longest line')
      }
      if (c.id === '9') {
        // The bind cache keeps 16 sets: heap growth must not follow the number of sets (8× would be linear).
        const g = notes.map((s) => (JSON.parse(s) as { heapGrowth: number }).heapGrowth)
        if (g[1]! > 3 * Math.max(g[0]!, 0) + 2 * 1024 * 1024) problems.push(`heap grew ${g[0]} → ${g[1]} B: the bind cache is not bounded`)
      }
      rows.forEach((r, i) => {
        table.push(
          `| ${c.id} ${i === 0 ? c.name : ''} | ${c.sizes[i]} | ${fmtMs(r.ms)}${r.killed ? ' (killed)' : ''} | ${fmtMb(r.rssKb)} | ${fmtBytes(r.stdoutBytes + r.stderrBytes)} | ${fmtBytes(r.stderrBytes)} | ${r.longestLine} | ${i === 1 ? ratio.toFixed(1) + '×' : ''} |`,
        )
      })
      if (problems.length) failed = true
      const bounded = c.bounded.length ? ` (bounded: ${c.bounded.join(', ')})` : ''
      const verdict = `${problems.length ? 'FAIL' : 'PASS'} class ${c.id}${bounded}${notes.length ? ' — ' + notes.join(' / ') : ''}${problems.length ? ': ' + problems.join('; ') : ''}`
      verdicts.push(verdict)
      process.stderr.write(`${verdict}\n`)
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  console.log(`\nkaoping stress: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, Node.js ${process.version}, ${new Date().toISOString().slice(0, 10)}; peak RSS by ${TIME_BIN ? '/usr/bin/time -f %M' : 'polling VmRSS'}\n`)
  console.log(table.join('\n'))
  console.log('')
  if (hundredK !== undefined) {
    const ok = hundredK < 10_000
    if (!ok) failed = true
    console.log(`${ok ? 'PASS' : 'FAIL'} 100,000 NDJSON subjects with a warning each scored in ${fmtMs(hundredK)} (must be under 10 s)`)
  }
  for (const v of verdicts) console.log(v)
  console.log(failed ? '\nstress: FAIL' : '\nstress: PASS')
  process.exitCode = failed ? 1 : 0
}

if (process.argv[2] === '--child') {
  child(process.argv[3]!, Number(process.argv[4]), process.argv[5]!).catch((e) => {
    console.error(e)
    process.exit(2)
  })
} else {
  main().catch((e) => {
    console.error(e)
    process.exit(2)
  })
}
