/**
 * The benchmark (npm run bench: bundled by tsup, then run by node, as a package user would run it).
 *
 * For each cohort size (default 10,000 and 100,000) in one process:
 * 1. build a realistic Xuzhou 2017 cohort (data.ts: refused subjects, clamped scores, 不適用, decimal strings, …);
 * 2. the check round, which is also the warm-up round: every implementation scores the cohort once (untimed) and its
 *    answers are compared with kaoping's `totals()` on every subject;
 * 3. the timed rounds, round-robin (A, B, C, …, A, B, C, …), a full GC before each run (not timed); the MEDIAN per
 *    implementation, per subject, and its speed relative to the hand-written baseline (hand = 1.00; 0.50 = half as fast).
 * Then `load + validate + compile` of every shipped rubric, warm, median of ≥ 20. Results go to bench/results.md.
 *
 * Knobs: BENCH_N=10000,100000 (sizes)  BENCH_ROUNDS=5 (timed rounds)  BENCH_ONLY=hand,zen,… (implementations; hand is
 * always run, as the baseline)  BENCH_SEED=2017  BENCH_OUT=bench/results.md  BENCH_COMPILE_ROUNDS=25.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { parseDocument } from 'yaml'
import { compileRubric, loadRubric, type Evaluator } from '../src/index'
import { JUDGED, describeCohort, makeCohort, type Subject } from './data'
import { decimalTotal } from './decimal'
import { handNaiveTotal, handTotal } from './hand'
import { jsonLogicTotal } from './jsonlogic'
import { kaopingCohort, kaopingTotals, loadEvaluator } from './kaoping'
import { phases, type Phase } from './phases'
import { makeRulesEngine, rulesEngineBatched, rulesEngineSequential } from './rules-engine'
import { makeZenDecision, zenBatched, zenSequential } from './zen'

// ── settings ──
const env = process.env
const SIZES = (env.BENCH_N ?? '10000,100000').split(',').map((s) => Number(s.trim().replace(/_/g, ''))).filter((x) => Number.isInteger(x) && x > 0)
const ROUNDS = Math.max(1, Number(env.BENCH_ROUNDS ?? 5) | 0)
const SEED = Number(env.BENCH_SEED ?? 2017) | 0
const COMPILE_ROUNDS = Math.max(20, Number(env.BENCH_COMPILE_ROUNDS ?? 25) | 0)
const ONLY = env.BENCH_ONLY ? new Set(env.BENCH_ONLY.split(',').map((s) => s.trim()).filter(Boolean)) : undefined

function findRoot(): string {
  const candidates = [process.cwd()]
  if (typeof __dirname === 'string') candidates.unshift(join(__dirname, '..', '..'), join(__dirname, '..'))
  for (const c of candidates) if (existsSync(join(c, 'rubrics', 'xuzhou-statistics-2017.yaml'))) return c
  throw new Error('Run the bench from the kaoping checkout (rubrics/ not found).')
}
const ROOT = findRoot()
const OUT = env.BENCH_OUT ?? join(ROOT, 'bench', 'results.md')

/** A full GC between runs (not timed), so one implementation's garbage is not collected on the next one's clock. */
const gc: () => void = (() => {
  try {
    setFlagsFromString('--expose-gc')
    return runInNewContext('gc') as () => void
  } catch {
    return () => {}
  }
})()

// ── implementations ──
type Totals = (string | null)[]
interface Impl {
  name: string
  what: string
  /** Scores the given subjects; returns each total ("87.50") or null (refused), in order. */
  run(subjects: Subject[]): Totals | Promise<Totals> | { count: number; totals(): Totals }
  /**
   * A row on part of the cohort: 'clean' = the subjects of the plainest shape (numbers only, every fact given, nothing
   * clamped, no 不適用), compared with hand on the same subjects.
   */
  input?: 'clean'
  /** Not run unless named in BENCH_ONLY. */
  optIn?: boolean
}

const evaluator: Evaluator = loadEvaluator(join(ROOT, 'rubrics', 'xuzhou-statistics-2017.yaml'))
const rulesEngine = makeRulesEngine()
const zen = makeZenDecision()

const each = (fn: (s: Subject) => string | null) => (subjects: Subject[]): Totals => {
  const out: Totals = new Array(subjects.length)
  for (let i = 0; i < subjects.length; i++) out[i] = fn(subjects[i]!)
  return out
}

const IMPLS: Impl[] = [
  { name: 'hand', what: 'hand-written, JS numbers (baseline)', run: each(handTotal) },
  { name: 'decimal', what: 'hand-written, decimal.js (exact)', run: each(decimalTotal) },
  { name: 'jsonlogic', what: 'json-logic-js rule, jsonLogic.apply', run: each(jsonLogicTotal) },
  { name: 'rules-engine', what: 'json-rules-engine, one run awaited at a time', run: (s) => rulesEngineSequential(rulesEngine, s) },
  { name: 'rules-engine-batched', what: 'json-rules-engine, 500 runs in flight', run: (s) => rulesEngineBatched(rulesEngine, s, 500), optIn: true },
  { name: 'zen', what: 'ZEN decision graph, one evaluate awaited at a time', run: (s) => zenSequential(zen.decision, s) },
  { name: 'zen-batched', what: 'ZEN decision graph, Promise.all over chunks of 200', run: (s) => zenBatched(zen.decision, s, 200) },
  { name: 'kaoping-totals', what: "kaoping totals(subjects, { invalid: 'skip' })", run: (s) => kaopingTotals(evaluator, s) },
  {
    name: 'kaoping-cohort',
    what: "kaoping evaluateCohort({ subjects }, { invalid: 'skip', trail: true }): every subject scored, ranked and graded, its trail recorded (written out when read)",
    run: (s) => {
      const r = kaopingCohort(evaluator, s)
      return { count: r.result.subjects.length, totals: () => r.totalsInOrder() }
    },
  },
  {
    name: 'kaoping-cohort-read',
    what: 'the same, then every subject\'s result read whole (JSON.stringify: items, every trail, gates, quotas)',
    run: (s) => {
      const r = kaopingCohort(evaluator, s)
      let chars = 0
      for (const x of r.result.subjects) chars += JSON.stringify(x).length
      return { count: r.result.subjects.length + (chars > 0 ? 0 : 1), totals: () => r.totalsInOrder() }
    },
  },
  {
    name: 'kaoping-totals-clean',
    what: 'kaoping totals() on the clean subjects only (numbers only, every fact given, nothing clamped, no 不適用)',
    input: 'clean',
    run: (s) => {
      const r = evaluator.totals(s)
      if (!r.ok) throw new Error(r.diagnostics[0]?.message)
      return r.value.totals
    },
  },
  { name: 'hand-clean', what: 'hand-written, JS numbers, on the clean subjects only (for the row above)', input: 'clean', run: each(handTotal) },
]

const selected = IMPLS.filter((i) => (ONLY ? ONLY.has(i.name) || i.name === 'hand' || (i.name === 'hand-clean' && ONLY.has('kaoping-totals-clean')) : !i.optIn))
if (ONLY) for (const name of ONLY) if (!IMPLS.some((i) => i.name === name)) throw new Error(`BENCH_ONLY: no implementation "${name}"; one of ${IMPLS.map((i) => i.name).join(', ')}`)

// ── helpers ──
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}
const fmtInt = (x: number) => Math.round(x).toLocaleString('en-US')
const fmtNs = (ns: number) => (ns >= 100 ? fmtInt(ns) : ns.toFixed(1))
const now = () => process.hrtime.bigint()
let sink = 0

async function runTotals(impl: Impl, input: Subject[]): Promise<Totals> {
  const r = await impl.run(input)
  return Array.isArray(r) ? r : r.totals()
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** One timed run: ns, and the heap in use just after it while its result is still alive. The result is not kept. */
async function timeOnce(impl: Impl, input: Subject[]): Promise<{ ns: number; heap: number }> {
  gc()
  await pause(20) // V8 sweeps after a full GC on background threads: let it finish off the clock
  const t0 = now()
  const r = await impl.run(input)
  const ns = Number(now() - t0)
  sink += Array.isArray(r) ? r.length : r.count
  return { ns, heap: process.memoryUsage().heapUsed }
}

function describeSubject(s: Subject): string {
  const f = s.facts
  const bits: string[] = []
  if (s.notApplicable?.length) bits.push(`notApplicable ${s.notApplicable.join(',')}`)
  const rates = ['townshipPassRate', 'townshipSamplingRatio', 'devZonePassRate', 'onlineQualifiedRate', 'villageQualifiedRate', 'chiefStatisticianRate']
  bits.push(rates.map((k) => `${k.replace(/Rate|Ratio/, '')}=${f[k] === undefined ? '—' : JSON.stringify(f[k])}`).join(' '))
  bits.push(`${s.records.innovations.length} innovation records`)
  return bits.join('; ')
}

interface Mismatch {
  id: string
  expected: string | null
  got: string | null
  subject: string
}
interface Row {
  impl: Impl
  n: number
  times: number[]
  /** Most heap in use just after a timed run, result alive (bytes). */
  heap: number
  mismatches: number
  examples: Mismatch[]
}

function compare(got: Totals, expected: Totals, subjects: Subject[]): { count: number; examples: Mismatch[] } {
  let count = 0
  const examples: Mismatch[] = []
  for (let i = 0; i < subjects.length; i++) {
    if (got[i] === expected[i]) continue
    count++
    if (examples.length < 3) examples.push({ id: subjects[i]!.id, expected: expected[i] ?? null, got: got[i] ?? null, subject: describeSubject(subjects[i]!) })
  }
  return { count, examples }
}

/** The plainest shape of evidence: numbers only, every fact given, nothing clamped, no 不適用. */
function isClean(s: Subject): boolean {
  if (s.notApplicable !== undefined) return false
  if (s.facts.devZonePassRate === undefined) return false
  for (const k in s.facts) if (typeof s.facts[k] === 'string') return false
  for (const j of JUDGED) {
    const v = s.facts[j.fact]
    if (v === undefined || (v as number) < j.min || (v as number) > j.max) return false
  }
  return true
}

// ── one cohort size ──
interface SizeResult {
  n: number
  mix: Record<string, number>
  refused: number
  clean: number
  rows: Row[]
  naive: { count: number; examples: Mismatch[] }
  crossCheck: { count: number; examples: Mismatch[] }
  baseHeapMB: number
  phases: Phase[]
}

async function benchSize(n: number): Promise<SizeResult> {
  console.log(`\n== n = ${n.toLocaleString('en-US')} ==`)
  const subjects = makeCohort(n, SEED)
  const mix = describeCohort(subjects)
  console.log('cohort:', JSON.stringify(mix))
  const expected = kaopingTotals(evaluator, subjects) // the reference (untimed)
  let scored = 0
  const cleanIdx: number[] = []
  for (let i = 0; i < n; i++) {
    if (expected[i] !== null) scored++
    if (isClean(subjects[i]!)) cleanIdx.push(i)
  }
  const subsets = {
    clean: { subjects: cleanIdx.map((i) => subjects[i]!), expected: cleanIdx.map((i) => expected[i]!) },
  }
  const inputOf = (impl: Impl) => (impl.input === undefined ? { subjects, expected } : subsets[impl.input])
  const refused = n - scored
  console.log(`kaoping refuses ${refused} subjects (${((refused / n) * 100).toFixed(1)} %); ${cleanIdx.length} (${((cleanIdx.length / n) * 100).toFixed(1)} %) are clean`)

  const naive = compare(subjects.map(handNaiveTotal), expected, subjects)
  const crossCheck = compare(subjects.map(decimalTotal), expected, subjects)

  // the check round (also the warm-up round): every implementation once, in round-robin order
  const rows: Row[] = []
  for (const impl of selected) {
    const input = inputOf(impl)
    const got = await runTotals(impl, input.subjects)
    const c = compare(got, input.expected, input.subjects)
    rows.push({ impl, n: input.subjects.length, times: [], heap: 0, mismatches: c.count, examples: c.examples })
    console.log(`check ${impl.name.padEnd(22)} ${c.count} mismatches${c.examples.map((e) => `\n    ${e.id}: kaoping ${e.expected}, got ${e.got} (${e.subject})`).join('')}`)
  }

  for (let r = 0; r < ROUNDS; r++) {
    for (const row of rows) {
      const { ns, heap } = await timeOnce(row.impl, inputOf(row.impl).subjects)
      row.times.push(ns)
      row.heap = Math.max(row.heap, heap)
    }
    console.log(`round ${r + 1}/${ROUNDS}: ${rows.map((x) => `${x.impl.name} ${fmtNs(x.times[r]! / x.n)}`).join(', ')} (ns/subject)`)
  }
  gc()
  const baseHeap = process.memoryUsage().heapUsed // the cohort and the engines, no result alive
  const steps = phases(evaluator, subjects)
  for (const p of steps) console.log(`phase ${p.step.padEnd(50)} ${fmtNs(p.ns)} ns × ${p.subjects} subjects`)
  return { n, mix, refused, clean: cleanIdx.length, rows, naive, crossCheck, baseHeapMB: baseHeap / 1e6, phases: steps }
}

// ── rubric compile times ──
interface CompileRow {
  file: string
  items: number
  kb: number
  /** The yaml library's parseDocument alone on the same text (part of loadRubric). */
  yamlMs: number
  medianMs: number
  maxMs: number
}

function benchCompile(): CompileRow[] {
  const dir = join(ROOT, 'rubrics')
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('.test.yaml'))
    .sort()
  const jobs = files.map((file) => {
    const text = readFileSync(join(dir, file), 'utf8')
    const once = () => {
      const loaded = loadRubric(text, { file })
      if (!loaded.ok) throw new Error(`${file}: ${loaded.diagnostics[0]?.message}`)
      const compiled = compileRubric(loaded.value)
      if (!compiled.ok) throw new Error(`${file}: ${compiled.diagnostics[0]?.message}`)
      return compiled.value
    }
    return { file, once, items: 0, times: [] as number[], yaml: [] as number[], kb: Buffer.byteLength(text) / 1024, text }
  })
  gc()
  for (const j of jobs) {
    j.items = countItems(j.once().rubric.items)
    for (let i = 0; i < 5; i++) j.once() // warm
  }
  // round-robin over the rubrics, as the implementations above
  for (let i = 0; i < COMPILE_ROUNDS; i++) {
    for (const j of jobs) {
      const t0 = now()
      j.once()
      j.times.push(Number(now() - t0) / 1e6)
      const t1 = now()
      parseDocument(j.text)
      j.yaml.push(Number(now() - t1) / 1e6)
    }
  }
  return jobs.map((j) => {
    console.log(`compile ${j.file.padEnd(42)} ${median(j.times).toFixed(2)} ms (median of ${COMPILE_ROUNDS}; YAML parse alone ${median(j.yaml).toFixed(2)} ms)`)
    return { file: j.file, items: j.items, kb: j.kb, yamlMs: median(j.yaml), medianMs: median(j.times), maxMs: Math.max(...j.times) }
  })
}

/** Items at every level (sections and leaves). */
function countItems(items: readonly { kind: string; items?: unknown }[]): number {
  return items.reduce((n, it) => n + 1 + (it.kind === 'section' ? countItems(it.items as { kind: string }[]) : 0), 0)
}

// ── report ──
/** Speed relative to hand; rows on the clean subjects are compared with hand on the same subjects (hand-clean). */
function speedVsHand(rows: Row[], row: Row): number {
  const hand = (row.impl.input === 'clean' ? rows.find((r) => r.impl.name === 'hand-clean') : undefined) ?? rows.find((r) => r.impl.name === 'hand')!
  return median(hand.times) / hand.n / (median(row.times) / row.n)
}

function report(sizes: SizeResult[], compile: CompileRow[], started: Date): string {
  const cpu = cpus()
  const L: string[] = []
  L.push('# Benchmark: the Xuzhou 2017 rubric')
  L.push('')
  L.push('Written by `npm run bench` (bench/run.ts). Do not edit by hand.')
  L.push('')
  L.push(`- Date: ${started.toISOString()}`)
  L.push(`- Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'} (${cpu.length} logical CPUs), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version} (${process.platform}-${process.arch})`)
  L.push(`- Load average (1 min) at the start and the end: ${loadAtStart.toFixed(2)} → ${loadavg()[0]!.toFixed(2)} (the machine is shared: other work on it shows as spread between rounds)`)
  L.push(`- Settings: sizes ${sizes.map((s) => s.n.toLocaleString('en-US')).join(', ')}; ${ROUNDS} timed rounds, round-robin, after a check round that is also the warm-up; seed ${SEED}; a full GC and a 20 ms pause before each timed run (not timed)`)
  L.push('- Median time per subject over the timed rounds; "speed vs hand" = hand\'s median time per subject ÷ this one\'s (hand = 1.00; 0.50 = half as fast).')
  L.push("- Mismatches: subjects whose answer (total \"87.50\", or null = refused) differs from kaoping's `totals()`, on every subject.")
  L.push('')
  L.push('## Targets')
  L.push('')
  L.push('| target | ' + sizes.map((s) => `n = ${s.n.toLocaleString('en-US')}`).join(' | ') + ' |')
  L.push('|---|' + sizes.map(() => '---|').join(''))
  const target = (label: string, name: string, bar: number) => {
    const cells = sizes.map((s) => {
      const row = s.rows.find((r) => r.impl.name === name)
      if (!row) return 'not run'
      const v = speedVsHand(s.rows, row)
      return `${v.toFixed(3)} ${v >= bar ? '✓' : '✗'}`
    })
    L.push(`| ${label} | ${cells.join(' | ')} |`)
  }
  target('kaoping totals ≥ 0.5 × hand', 'kaoping-totals', 0.5)
  target('kaoping evaluateCohort with trails ≥ 0.2 × hand', 'kaoping-cohort', 0.2)
  target('(for comparison) evaluateCohort with every trail read ≥ 0.2 × hand', 'kaoping-cohort-read', 0.2)
  target('(for comparison) totals on the clean subjects ≥ 0.5 × hand on them', 'kaoping-totals-clean', 0.5)
  L.push('')
  const slowest = compile.reduce((a, b) => (b.medianMs > a.medianMs ? b : a), compile[0]!)
  L.push(`load + validate + compile < 20 ms for every shipped rubric: ${compile.every((c) => c.medianMs < 20) ? '✓' : '✗'} (slowest: ${slowest.file}, median ${slowest.medianMs.toFixed(2)} ms).`)
  L.push('')
  for (const s of sizes) {
    L.push(`## n = ${s.n.toLocaleString('en-US')}`)
    L.push('')
    const m = s.mix
    L.push(
      `Cohort (seed ${SEED}): ${s.refused.toLocaleString('en-US')} refused by kaoping (a judged score missing: ${m.missing}); ${m.outOfRange} with a judged score out of range (clamped); ${m.na} marked 不適用 for dev-zone-acceptance; ${m.devMissing} without devZonePassRate and not 不適用 (counts as 0); ${m.stringRates} of ${m.rates} rates written as decimal strings; ${m.records} innovation records, ${m.duplicates} repeating a title, ${m.outside} dated outside 2017. ${s.clean.toLocaleString('en-US')} subjects (${((s.clean / s.n) * 100).toFixed(1)} %) are clean (numbers only, every fact given, nothing clamped, no 不適用). Heap with the cohort loaded and no result alive: ${fmtInt(s.baseHeapMB)} MB; the last column gives the most heap in use just after a timed run of that implementation, its result still alive (nothing is kept from one round to the next).`,
    )
    L.push('')
    L.push('| implementation | median ns/subject | subjects/s | speed vs hand | min–max ns/subject | mismatches | heap after run, MB |')
    L.push('|---|---:|---:|---:|---:|---:|---:|')
    for (const row of s.rows) {
      const per = median(row.times) / row.n
      const lo = Math.min(...row.times) / row.n
      const hi = Math.max(...row.times) / row.n
      const label = `\`${row.impl.name}\`${row.impl.input ? ` (${row.n.toLocaleString('en-US')} ${row.impl.input} subjects)` : ''}`
      L.push(`| ${label} — ${row.impl.what} | ${fmtNs(per)} | ${fmtInt(1e9 / per)} | ${speedVsHand(s.rows, row).toFixed(3)} | ${fmtNs(lo)}–${fmtNs(hi)} | ${row.mismatches} | ${fmtInt(row.heap / 1e6)} |`)
    }
    L.push('')
    const withExamples = s.rows.filter((r) => r.examples.length)
    for (const row of withExamples) {
      L.push(`Mismatches of \`${row.impl.name}\` (first ${row.examples.length}):`)
      for (const e of row.examples) L.push(`- ${e.id}: kaoping ${e.expected ?? 'refused'}, ${row.impl.name} ${e.got ?? 'refused'} — ${e.subject}`)
      L.push('')
    }
    L.push(
      `Float finding: the same hand-written code with the float idioms one writes first (\`Math.ceil((0.9 - rate) / 0.01)\`, \`Math.round(x * 100) / 100\`, bench/hand.ts \`handNaiveTotal\`; not timed) differs from kaoping on **${s.naive.count.toLocaleString('en-US')}** of ${s.n.toLocaleString('en-US')} subjects (${((s.naive.count / s.n) * 100).toFixed(2)} %)${s.naive.examples.length ? ', e.g.' : '.'}`,
    )
    for (const e of s.naive.examples) L.push(`- ${e.id}: kaoping ${e.expected}, naive floats ${e.got} — ${e.subject}`)
    L.push('')
    L.push(`Reference cross-check: decimal.js (independent, exact) differs from kaoping on ${s.crossCheck.count} subjects.`)
    L.push('')
    const hand = s.rows.find((r) => r.impl.name === 'hand')!
    L.push(`Where kaoping's time goes (bench/phases.ts: each step alone, the fastest of 7 runs; hand takes ${fmtNs(median(hand.times) / hand.n)} ns per subject in the table above):`)
    L.push('')
    L.push('| step | subjects | ns per subject of the step | ns per subject of the cohort |')
    L.push('|---|---:|---:|---:|')
    for (const p of s.phases) L.push(`| ${p.step} | ${p.subjects.toLocaleString('en-US')} | ${fmtNs(p.ns)} | ${fmtNs(p.share)} |`)
    L.push('')
  }
  L.push('## load + validate + compile (every shipped rubric)')
  L.push('')
  L.push(`\`loadRubric(text)\` (YAML, schema, references, linter) then \`compileRubric\`; warm, median of ${COMPILE_ROUNDS}; target < 20 ms each. "YAML parse" is the yaml library's \`parseDocument\` alone on the same text, the part of \`loadRubric\` kaoping does not write; the rest grows with the file too.`)
  L.push('')
  L.push('| rubric | items | KB | YAML parse ms | median ms | max ms | < 20 ms |')
  L.push('|---|---:|---:|---:|---:|---:|:---:|')
  for (const c of compile) L.push(`| ${c.file} | ${c.items} | ${c.kb.toFixed(1)} | ${c.yamlMs.toFixed(2)} | ${c.medianMs.toFixed(2)} | ${c.maxMs.toFixed(2)} | ${c.medianMs < 20 ? '✓' : '✗'} |`)
  L.push('')
  L.push('## Notes')
  L.push('')
  L.push(
    "- `kaoping-totals` and `kaoping-cohort` take the whole cohort with `{ invalid: 'skip' }`: a refused subject gets `null` and its diagnostics (built, with their messages, for every refused subject). `kaoping-cohort` gives every subject's figures (total, exact total, eligibility, grade, rank, warnings) at once, and its items, trails, gates and quotas written out from the numbers recorded while scoring when first read; `kaoping-cohort-read` reads every one of them, the cost of a report that shows every trail. `kaoping-totals-clean` runs on the subjects of the plainest shape only, compared with `hand-clean`, hand on the same subjects (a subset spread over the heap costs more per subject than the whole cohort read in order, for every implementation).",
  )
  L.push('- hand, jsonlogic and rules-engine compute with binary floats and snap to whole millionths before the partial percentage point and the final rounding; ZEN computes with decimals; decimal.js and kaoping are exact.')
  L.push('- Pre-processing outside the rule languages: json-logic gets the innovation records grouped by title (it cannot group); json-rules-engine computes the innovation bonus as a dynamic fact and adds the fired events\' points in JS (rescale, caps, rounding). ZEN takes the subject as is.')
  L.push('- json-rules-engine with many runs in flight on one engine (`rules-engine-batched`, opt-in: BENCH_ONLY=rules-engine-batched) is slower than one run at a time, so `rules-engine` awaits each run.')
  L.push('')
  return L.join('\n')
}

const loadAtStart = loadavg()[0]!

async function main(): Promise<void> {
  const started = new Date()
  console.log(`kaoping bench: node ${process.version}, ${cpus()[0]?.model.trim()}; sizes ${SIZES.join(', ')}; ${ROUNDS} rounds; ${selected.map((i) => i.name).join(', ')}`)
  const sizes: SizeResult[] = []
  for (const n of SIZES) sizes.push(await benchSize(n))
  console.log('')
  const compile = benchCompile()
  zen.engine.dispose()
  const md = report(sizes, compile, started)
  writeFileSync(OUT, md)
  console.log(`\n${md}`)
  console.log(`written to ${OUT}`)
  if (sink === -1) console.log('')
}

main().catch((e: unknown) => {
  console.error(e)
  process.exitCode = 1
})
