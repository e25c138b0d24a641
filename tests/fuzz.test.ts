/**
 * Fuzzing (issue #5): arbitrary and mutated rubric text and evidence against the six shipped rubrics. Whatever
 * arrives, every stage returns a Result (nothing throws), no result holds NaN or Infinity, every item score lies
 * within its item's [min, max], and every call ends within 2 s. Object.prototype is untouched afterwards.
 *
 * `npm test` runs a CI-sized fuzz (about 2,500 cases, each scored several ways, in under 20 s); `npm run fuzz` runs
 * twenty times as many (KAOPING_FUZZ=<factor> sets another factor). A failure prints fast-check's seed: replay it
 * with FC_SEED=<seed>. KAOPING_FUZZ_STATS=1 prints how far the cases got (refused with which code, or scored).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { stringify } from 'yaml'
import { afterAll, describe, expect, it } from 'vitest'
import { codes as catalogue } from '../src/diagnostics/codes'
import { compileRubric, loadRubric, readEvidence, type Diagnostic, type Evaluator, type Result } from '../src/index'
import { parseFixed } from '../src/num/fixed'
import { fcSeed } from './support/xuzhou'

const root = join(__dirname, '..')
/** How many times the CI-sized run: KAOPING_FUZZ=<factor>; `npm run fuzz` defaults to 20 (about 20,000 cases). */
const FACTOR = Math.max(1, Number(process.env.KAOPING_FUZZ) || (process.env.npm_lifecycle_event === 'fuzz' ? 20 : 1))
const runs = (n: number) => Math.round(n * FACTOR)
const TIME_BOUND_MS = 2000

const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort()
const arrayBefore = Object.getOwnPropertyNames(Array.prototype).sort()
afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore)
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayBefore)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect((globalThis as Record<string, unknown>).pwned).toBeUndefined()
})

// --- the shipped rubrics and their examples ----------------------------------------------------------------------

interface Shipped {
  id: string
  text: string
  evaluator: Evaluator
  evidence: unknown
  evidenceText: string
}

const ids = readdirSync(join(root, 'rubrics'))
  .filter((f) => f.endsWith('.yaml') && !f.endsWith('.test.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort()

function compile(text: string, link: Record<string, Evaluator> = {}): Evaluator {
  const loaded = loadRubric(text)
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'))
  const c = compileRubric(loaded.value, { link })
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.message).join('\n'))
  return c.value
}

const texts = Object.fromEntries(ids.map((id) => [id, readFileSync(join(root, 'rubrics', `${id}.yaml`), 'utf8')]))
const plain = Object.fromEntries(ids.map((id) => [id, compile(texts[id]!)]))
const shipped: Shipped[] = ids.map((id) => {
  const dir = join(root, 'examples', id)
  const linkFile = join(dir, 'link.json')
  const link = existsSync(linkFile) ? Object.fromEntries((JSON.parse(readFileSync(linkFile, 'utf8')) as string[]).map((l) => [l, plain[l]!])) : {}
  const evaluator = Object.keys(link).length ? compile(texts[id]!, link) : plain[id]!
  const evidenceText = readFileSync(join(dir, 'evidence.yaml'), 'utf8')
  const r = readEvidence(evidenceText, 'evidence.yaml', evaluator.rubric)
  if (!r.ok) throw new Error(`${id}: ${r.diagnostics.map((d) => d.message).join('\n')}`)
  return { id, text: texts[id]!, evaluator, evidence: r.value.data, evidenceText }
})

// --- the invariants ----------------------------------------------------------------------------------------------

const CODES = new Set(Object.keys(catalogue))

/** A plain check (vitest's expect is too slow to call for every value of thousands of results). */
function check(ok: boolean, message: () => string): void {
  if (!ok) throw new Error(message())
}

/** A Result as kaoping promises it: ok or not, diagnostics from the catalogue; no NaN or Infinity anywhere. */
function checkResult(r: Result<unknown>, what: string): void {
  check(typeof r.ok === 'boolean' && Array.isArray(r.diagnostics), () => `${what}: not a Result`)
  for (const d of r.diagnostics as Diagnostic[]) check(CODES.has(d.code) && typeof d.message === 'string', () => `${what}: a diagnostic with unknown code ${d.code}`)
  if (!r.ok) {
    check(r.diagnostics.some((d) => d.severity === 'error'), () => `${what}: a failure without an error`)
    return
  }
  // every number in the result is finite; every item score within its bounds
  const stack: unknown[] = [r.value]
  let seen = 0
  while (stack.length) {
    const v = stack.pop()
    check(++seen < 5_000_000, () => `${what}: result too large`)
    if (typeof v === 'number') check(Number.isFinite(v), () => `${what}: a number ${v}`)
    else if (typeof v === 'string') check(!/^-?(NaN|Infinity)$/.test(v), () => `${what}: a string ${v}`)
    else if (Array.isArray(v)) for (const x of v) stack.push(x)
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>
      if (typeof o.score === 'string' && typeof o.max === 'string' && typeof o.min === 'string' && typeof o.kind === 'string') {
        // an item with a bonus (另加分) is kept within [min, max + bonus]
        const [score, min, max, bonus] = [parseFixed(o.score), parseFixed(o.min), parseFixed(o.max), typeof o.bonus === 'string' ? parseFixed(o.bonus) : 0]
        check(score !== undefined && min !== undefined && max !== undefined && bonus !== undefined && score >= min && score <= max + bonus, () => `${what}: item ${String(o.id)} scores ${String(o.score)}, outside [${String(o.min)}, ${String(o.max)} + bonus ${String(o.bonus ?? 0)}]`)
      }
      if (typeof o.total === 'string' && typeof o.exactTotal === 'string' && typeof o.max === 'string') {
        // the total may pass max by the top-level items' bonuses, which the result states
        const [total, max, bonus] = [parseFixed(o.total), parseFixed(o.max), typeof o.bonus === 'string' ? parseFixed(o.bonus) : 0]
        check(total !== undefined && max !== undefined && bonus !== undefined && total <= max + bonus, () => `${what}: total ${String(o.total)} of ${String(o.max)} + bonus ${String(o.bonus ?? 0)}`)
      }
      for (const k in o) stack.push(o[k])
    }
  }
}

/** Runs one stage: it must return (not throw) within the time bound, a Result that keeps the promises. */
function stage<T>(what: string, f: () => Result<T>): Result<T> {
  const t0 = performance.now()
  let r: Result<T>
  try {
    r = f()
  } catch (e) {
    throw new Error(`${what} threw: ${(e as Error).stack ?? String(e)}`)
  }
  const ms = performance.now() - t0
  check(ms < TIME_BOUND_MS, () => `${what} took ${ms.toFixed(0)} ms`)
  checkResult(r as Result<unknown>, what)
  return r
}

/** Scores evidence data every way there is: as a cohort, subject by subject, and in bulk. */
function scoreAllWays(e: Evaluator, data: unknown, what: string): void {
  const cohort = stage(`${what}: evaluateCohort`, () => e.evaluateCohort(data))
  count(`${what.replace(/^\S+ /, '')}: ${cohort.ok ? 'scored' : cohort.diagnostics.find((d) => d.severity === 'error')!.code}`)
  const subjects = Array.isArray(data) ? data : data !== null && typeof data === 'object' && Array.isArray((data as { subjects?: unknown }).subjects) ? (data as { subjects: unknown[] }).subjects : [data]
  for (const s of subjects.slice(0, 3)) stage(`${what}: evaluate`, () => e.evaluate(s, { trail: true }))
  stage(`${what}: totals`, () => e.totals(subjects))
}

// --- arbitraries -------------------------------------------------------------------------------------------------

const deepList = (n: number): unknown => {
  let v: unknown = 1
  for (let i = 0; i < n; i++) v = [v]
  return v
}

/** Values that have broken parsers, validators and number code before. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(
      Number.NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, 1.2, -0.1, 1e21, 9007199254740993, 9e9, 1e-7, 0.1 + 0.2, 2 ** 53,
      '90%', '９０', ' 0.9 ', '1,234.5', '0x10', '1e3', '012', '.5', '', ' ', 'yes', 'no', 'true', 'null', '-0', '0.1000000000000000001',
      null, true, false, [], {}, [[]], { '': '' }, '__proto__', 'constructor', 'toString', '2017-02-30', '2017-01-01', '9999-12-31',
      'a'.repeat(10_001), '\u0000', '\u001b[2J', '\u2028', '\ud800', '考評', 'innovation', 'total',
      JSON.parse('{"__proto__": {"polluted": 1}}'), deepList(150), deepList(60),
    ),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
)

const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'id', 'facts', 'records', 'self', 'periods', 'notApplicable', 'adjustments', 'subjects', 'params', 'asOf', ''), fc.string({ maxLength: 8 }))

/** All paths to values in data (containers and leaves), depth first, at most `max` of them. */
function pathsOf(data: unknown, max = 2000): (string | number)[][] {
  const out: (string | number)[][] = [[]]
  const stack: { v: unknown; p: (string | number)[] }[] = [{ v: data, p: [] }]
  while (stack.length && out.length < max) {
    const { v, p } = stack.pop()!
    if (Array.isArray(v)) v.forEach((x, i) => (out.push([...p, i]), stack.push({ v: x, p: [...p, i] })))
    else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) out.push([...p, k]), stack.push({ v: (v as Record<string, unknown>)[k], p: [...p, k] })
  }
  return out
}

type Mutation = { at: number; op: 'replace' | 'delete' | 'insert' | 'duplicate' | 'wrap'; value: unknown; key: string }

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('replace', 'replace', 'replace', 'delete', 'insert', 'duplicate', 'wrap'),
  value: hostileValue,
  key: hostileKey,
})

/** A copy of `data` with the mutations applied (each at a path chosen by `at` among the current paths). */
function mutate(data: unknown, mutations: readonly Mutation[]): unknown {
  let root = structuredClone(data)
  for (const m of mutations) {
    const paths = pathsOf(root)
    const path = paths[m.at % paths.length]!
    if (path.length === 0) {
      root = m.op === 'wrap' ? [root] : m.op === 'replace' ? m.value : root
      continue
    }
    let parent = root as Record<string | number, unknown>
    for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>
    const last = path[path.length - 1]!
    const set = (k: string | number, v: unknown) => Object.defineProperty(parent, k, { value: v, writable: true, enumerable: true, configurable: true })
    switch (m.op) {
      case 'replace':
        set(last, m.value)
        break
      case 'delete':
        if (Array.isArray(parent)) parent.splice(Number(last), 1)
        else delete parent[last]
        break
      case 'insert': {
        const target = parent[last]
        if (Array.isArray(target)) target.push(m.value)
        else if (target !== null && typeof target === 'object') Object.defineProperty(target, m.key, { value: m.value, writable: true, enumerable: true, configurable: true })
        else set(last, m.value)
        break
      }
      case 'duplicate':
        if (Array.isArray(parent)) parent.push(structuredClone(parent[last as number]))
        break
      case 'wrap':
        set(last, [parent[last]])
        break
    }
  }
  return root
}

/** Text edits: delete, duplicate or swap lines; flip, insert or delete characters. */
type Edit = { at: number; op: 'delete-line' | 'duplicate-line' | 'swap-lines' | 'flip' | 'insert' | 'delete-char' | 'truncate'; text: string }

const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete-line', 'duplicate-line', 'swap-lines', 'flip', 'flip', 'insert', 'insert', 'delete-char', 'truncate'),
  text: fc.oneof(
    fc.constantFrom(':', '-', '{', '}', '[', ']', ',', '"', "'", '&a ', '*a', '&a [1, 2]', '*b', '!!binary ', '!!str ', '<<: *a', '#', '\t', '\n', '\r\n', '\ufeff', '---\n', '? ', '|\n', '>-\n', '0x10', '012', '.inf', '.nan', '1e999', '-0', 'yes', '~', '__proto__: 1\n', 'constructor: {}\n', '\u0000', '\u2028', '${', '`', '*/', '考'),
    fc.string({ maxLength: 6 }),
  ),
})

function edit(text: string, edits: readonly Edit[]): string {
  let t = text
  for (const e of edits) {
    const lines = t.split('\n')
    const li = e.at % Math.max(1, lines.length)
    const ci = e.at % Math.max(1, t.length)
    switch (e.op) {
      case 'delete-line':
        lines.splice(li, 1)
        t = lines.join('\n')
        break
      case 'duplicate-line':
        lines.splice(li, 0, lines[li] ?? '')
        t = lines.join('\n')
        break
      case 'swap-lines': {
        const lj = (li + 1) % lines.length
        ;[lines[li], lines[lj]] = [lines[lj]!, lines[li]!]
        t = lines.join('\n')
        break
      }
      case 'flip':
        t = t.slice(0, ci) + (e.text[0] ?? 'x') + t.slice(ci + 1)
        break
      case 'insert':
        t = t.slice(0, ci) + e.text + t.slice(ci)
        break
      case 'delete-char':
        t = t.slice(0, ci) + t.slice(ci + 1)
        break
      case 'truncate':
        t = t.slice(0, ci)
        break
    }
  }
  return t
}

/** Adversarial YAML added to a rubric: deep nesting, anchors and aliases, long scalars. */
const appendixArb = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 1, max: 400 }).map((n) => `x-deep: ${'['.repeat(n)}${']'.repeat(n)}\n`),
  fc.integer({ min: 1, max: 12 }).map((n) => {
    const lines = ['laughs:', '  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]']
    for (let i = 1; i < n; i++) lines.push(`  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`)
    return lines.join('\n') + '\n'
  }),
  fc.integer({ min: 1, max: 30_000 }).map((n) => `x-long: ${'考'.repeat(n)}\n`),
  fc.constant('x: &anchor {a: 1}\ny: *anchor\n'),
)

const params = { ...fcSeed, interruptAfterTimeLimit: 60_000 * FACTOR }

/** How many cases reached each outcome (printed with KAOPING_FUZZ_STATS=1, to see that the fuzz reaches scoring). */
const stats = new Map<string, number>()
const count = (k: string) => stats.set(k, (stats.get(k) ?? 0) + 1)
afterAll(() => {
  if (process.env.KAOPING_FUZZ_STATS) console.log(Object.fromEntries([...stats].sort()))
})

// --- the properties ----------------------------------------------------------------------------------------------

describe(`fuzz (×${FACTOR}; KAOPING_FUZZ raises it)`, () => {
  it('mutated evidence data: every stage returns a Result that keeps the promises', () => {
    fc.assert(
      fc.property(fc.nat({ max: shipped.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (r, mutations) => {
        const s = shipped[r]!
        scoreAllWays(s.evaluator, mutate(s.evidence, mutations), `${s.id} mutated`)
      }),
      { ...params, numRuns: runs(900) },
    )
  })

  it('arbitrary JSON values as evidence', () => {
    fc.assert(
      fc.property(fc.nat({ max: shipped.length - 1 }), fc.oneof(fc.jsonValue({ maxDepth: 4 }), hostileValue), (r, data) => {
        const s = shipped[r]!
        scoreAllWays(s.evaluator, data, `${s.id} arbitrary`)
        scoreAllWays(s.evaluator, { subjects: [data] }, `${s.id} arbitrary subject`)
      }),
      { ...params, numRuns: runs(600) },
    )
  })

  it('mutated evidence text (YAML, JSON, CSV): read, then scored', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: shipped.length - 1 }),
        fc.constantFrom('yaml', 'shipped-yaml', 'json', 'csv'),
        fc.array(mutationArb, { maxLength: 2 }),
        fc.array(editArb, { maxLength: 4 }),
        (r, format, mutations, edits) => {
          const s = shipped[r]!
          const data = mutate(s.evidence, mutations)
          let text: string
          let file: string
          if (format === 'shipped-yaml') [text, file] = [s.evidenceText, 'e.yaml']
          else if (format === 'yaml') [text, file] = [safeYaml(data), 'e.yaml']
          else if (format === 'json') [text, file] = [JSON.stringify(data, null, 1) ?? 'null', 'e.json']
          else [text, file] = [csvOf(data), 'e.csv']
          const read = stage(`${s.id} ${format} text`, () => readEvidence(edit(text, edits), file, s.evaluator.rubric))
          if (read.ok) scoreAllWays(s.evaluator, read.value.data, `${s.id} ${format} text`)
        },
      ),
      { ...params, numRuns: runs(600) },
    )
  })

  it('mutated rubric text: loaded, compiled and scored, or refused with diagnostics', () => {
    fc.assert(
      fc.property(fc.nat({ max: shipped.length - 1 }), fc.array(editArb, { maxLength: 2 }), fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: appendixArb }), (r, edits, appendix) => {
        const s = shipped[r]!
        const text = edit(s.text, edits) + appendix
        const loaded = stage(`${s.id} rubric`, () => loadRubric(text, { file: `${s.id}.yaml` }))
        count(`rubric: ${loaded.ok ? 'loaded' : loaded.diagnostics.find((d) => d.severity === 'error')!.code}`)
        if (!loaded.ok) return
        const compiled = stage(`${s.id} compile`, () => compileRubric(loaded.value, s.id === 'bozhou-county-target-2009' ? { link: { 'bozhou-safety-2009': plain['bozhou-safety-2009']! } } : {}))
        if (!compiled.ok) return
        scoreAllWays(compiled.value, s.evidence, `${s.id} mutated rubric`)
      }),
      { ...params, numRuns: runs(350) },
    )
  })
})

/** YAML of data that may hold values YAML cannot write (NaN, cycles are impossible here; undefined is dropped). */
function safeYaml(data: unknown): string {
  try {
    return stringify(data, { aliasDuplicateObjects: false, lineWidth: 0 })
  } catch {
    return JSON.stringify(data) ?? 'null'
  }
}

/** A CSV of the subjects' ids and facts (what a CSV file can give). */
function csvOf(data: unknown): string {
  const subjects = (data as { subjects?: unknown } | null)?.subjects
  if (!Array.isArray(subjects)) return String(data)
  const names = new Set<string>()
  for (const s of subjects) for (const k of Object.keys(((s as { facts?: unknown } | null)?.facts as object | null) ?? {})) names.add(k)
  const cell = (v: unknown) => {
    const t = typeof v === 'string' ? v : JSON.stringify(v) ?? ''
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t
  }
  const lines = [['id', ...names].join(',')]
  for (const s of subjects) {
    const o = (s ?? {}) as { id?: unknown; facts?: Record<string, unknown> }
    lines.push([cell(o.id), ...[...names].map((n) => cell(o.facts?.[n]))].join(','))
  }
  return lines.join('\n') + '\n'
}
