/**
 * Issue #5, hostile and faulty input: the limits, prototype pollution, numbers and text, and the generated scorer
 * (no code from data). SECURITY.md describes what is tested here; the table "Numbers and text: what is accepted"
 * is the table NUMBER_ROWS below.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli/run'
import type { CliIo } from '../src/cli/io'
import { jsString } from '../src/compile/codegen'
import {
  compileRubric, decodeText, DEFAULT_LIMITS, LIMIT_NAMES, loadRubric, loadRubricData, readEvidence, resolveLimits,
  type CohortResult, type Diagnostic, type Evaluator, type Limits, type Result,
} from '../src/index'
import { csvField } from '../src/load/csv'
import { programOf } from '../src/api/evaluator'
import { cohortJsonChunks } from '../src/report/formats'

const root = join(__dirname, '..')
const read = (p: string) => readFileSync(join(root, p), 'utf8')
const XUZHOU = 'rubrics/xuzhou-statistics-2017.yaml'
const XUZHOU_EVIDENCE = 'examples/xuzhou-statistics-2017/evidence.yaml'

// --- the state of the built-ins, before anything in this file runs -------------------------------------------

const builtins = () => ({
  object: Object.getOwnPropertyNames(Object.prototype).sort(),
  array: Object.getOwnPropertyNames(Array.prototype).sort(),
  objectStatics: Object.getOwnPropertyNames(Object).sort(),
  func: Object.getOwnPropertyNames(Function.prototype).sort(),
  string: Object.getOwnPropertyNames(String.prototype).sort(),
  globals: Object.getOwnPropertyNames(globalThis).sort(),
})
const before = builtins()

afterAll(() => {
  // nothing any test below read or scored has added to or changed a built-in prototype, or left a global
  expect(builtins()).toEqual(before)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined()
  expect(Object.prototype.toString.call({})).toBe('[object Object]')
  expect((globalThis as Record<string, unknown>).pwned).toBeUndefined()
})

// --- helpers ---------------------------------------------------------------------------------------------------

function evaluatorOf(text: string, file = 'r.yaml'): Evaluator {
  const loaded = loadRubric(text, { file })
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'))
  const c = compileRubric(loaded.value)
  if (!c.ok) throw new Error(c.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'))
  return c.value
}

const codes = (r: { diagnostics: readonly Diagnostic[] }) => [...new Set(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))]
const limitOf = (r: Result<unknown>) => {
  expect(r.ok).toBe(false)
  const d = r.diagnostics.find((x) => x.code === 'LIMIT_EXCEEDED')
  expect(d, JSON.stringify(r.diagnostics)).toBeDefined()
  return d!
}

interface Ran {
  code: number
  out: string
  err: string
}

/** The CLI in-process over virtual files (text, or bytes to exercise the UTF-8 check); other paths read from the repository. */
function cli(argv: string[], files: Record<string, string | Uint8Array> = {}): Ran {
  let out = ''
  let err = ''
  const bytesOf = (p: string): Uint8Array => {
    if (Object.hasOwn(files, p)) {
      const f = files[p]!
      return typeof f === 'string' ? new TextEncoder().encode(f) : f
    }
    return readFileSync(join(root, p))
  }
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (p) => new TextDecoder().decode(bytesOf(p)),
    readBytes: bytesOf,
    size: (p) => bytesOf(p).length,
    exists: (p) => Object.hasOwn(files, p),
    glob: (p) => [p],
  }
  return { code: run(argv, io), out, err }
}

const SMALL = `kaoping: 1
id: small
title: 小型考評
total: 10
facts:
  done: { type: boolean, title: 是否完成 }
  rate: { type: rate, title: 合格率 }
items:
  - { kind: check, id: done, title: 是否完成, max: 5, fact: done }
  - kind: bands
    id: rate
    title: 合格率
    max: 5
    fact: rate
    bands:
      - { from: 0, to: 1, edges: "[]", times: 5 }
`
const small = evaluatorOf(SMALL)
const subject = (id: string, extra: Record<string, unknown> = {}) => ({ id, facts: { done: true, rate: 0.5 }, ...extra })

// --- limits ----------------------------------------------------------------------------------------------------

describe('limits', () => {
  it('the defaults are one frozen object, exported from the package', () => {
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true)
    expect(DEFAULT_LIMITS).toEqual({
      maxRubricBytes: 1_048_576,
      maxEvidenceBytes: 268_435_456,
      maxYamlBytes: 4_194_304,
      maxAliasCount: 100,
      maxDepth: 100,
      maxItems: 10_000,
      maxStringLength: 10_000,
      maxRecordsPerSubject: 100_000,
      maxSubjects: 1_000_000,
      maxPeriodYears: 100,
    })
    expect(LIMIT_NAMES).toEqual(Object.keys(DEFAULT_LIMITS))
    expect(() => {
      ;(DEFAULT_LIMITS as { maxDepth: number }).maxDepth = 1
    }).toThrow()
  })

  it('compileRubric refuses what is not a validated rubric, rather than failing on it', () => {
    for (const bad of [null, undefined, 1, 'x', {}, { rubric: null }, { kaoping: 1 }, loadRubric('x: 1')]) expect(codes(compileRubric(bad as never)), JSON.stringify(bad)).toEqual(['OPTION_INVALID'])
    for (const bad of [null, undefined, 'x', { subjects: [] }]) expect(codes(small.totals(bad as never))).toEqual(['EVIDENCE_INVALID'])
    for (const bad of [null, undefined, 'x', 1, { subjects: 'x' }]) expect(codes(small.evaluateCohort(bad))).toEqual(['EVIDENCE_INVALID'])
  })

  it('bad limits are OPTION_INVALID, in the library and on the command line', () => {
    expect(codes(resolveLimits({ maxDepth: -1 }))).toEqual(['OPTION_INVALID'])
    expect(codes(resolveLimits({ maxDepth: 1.5 }))).toEqual(['OPTION_INVALID'])
    expect(codes(resolveLimits({ nope: 1 }))).toEqual(['OPTION_INVALID'])
    expect(codes(resolveLimits(JSON.parse('{"__proto__": {"maxDepth": 1}}')))).toEqual(['OPTION_INVALID'])
    expect(codes(loadRubric(SMALL, { limits: { maxItems: Number.NaN } }))).toEqual(['OPTION_INVALID'])
    expect(codes(small.evaluate(subject('a'), { limits: { maxSubjects: '10' as never } }))).toEqual(['OPTION_INVALID'])
    const r = cli(['validate', XUZHOU, '--limit', 'maxNope=3'])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/--limit takes name=value with one of maxRubricBytes/)
    expect(cli(['validate', XUZHOU, '--limit', 'maxDepth=lots']).code).toBe(2)
  })

  it('maxRubricBytes: a rubric over 1 MiB is refused before it is parsed; the limit can be raised', () => {
    const big = SMALL + `# ${'x'.repeat(1_048_576)}\n`
    const d = limitOf(loadRubric(big, { file: 'big.yaml' }))
    expect(d.message).toMatch(/^The text is 1,048,\d{3} bytes long; the limit maxRubricBytes is 1,048,576 bytes \(1 MiB\)\.$/)
    expect(d.hint).toContain('limits: { maxRubricBytes: … }')
    expect(d.hint).toContain('--limit maxRubricBytes=')
    expect(loadRubric(big, { limits: { maxRubricBytes: 2_000_000 } }).ok).toBe(true)
    // bytes of UTF-8, not characters: 400,000 Chinese characters are 1.2 MB
    expect(limitOf(loadRubric(SMALL + `# ${'考'.repeat(400_000)}\n`)).message).toContain('maxRubricBytes')
    // the CLI checks a file's size before it reads it
    const r = cli(['validate', 'big.yaml'], { 'big.yaml': big })
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/^big\.yaml: error LIMIT_EXCEEDED The rubric file is 1,048,\d{3} bytes long; the limit maxRubricBytes is/)
    expect(cli(['validate', 'big.yaml', '--limit', 'maxRubricBytes=2000000'], { 'big.yaml': big }).code).toBe(0)
  })

  it('maxEvidenceBytes: checked on the text, the bytes and the file size', () => {
    const text = JSON.stringify({ subjects: [subject('a')] })
    expect(readEvidence(text, 'e.json', small.rubric).ok).toBe(true)
    const tiny = { limits: { maxEvidenceBytes: 20 } }
    for (const file of ['e.json', 'e.yaml']) expect(limitOf(readEvidence(text, file, small.rubric, tiny)).message).toContain('maxEvidenceBytes is 20')
    expect(limitOf(readEvidence('id,done,rate\na,true,0.5\nb,true,0.5\n', 'e.csv', small.rubric, tiny)).message).toContain('maxEvidenceBytes')
    expect(limitOf(readEvidence(new TextEncoder().encode(text), 'e.json', small.rubric, tiny)).message).toContain('The evidence file is')
    const r = cli(['score', 'small.yaml', 'e.json', '--limit', 'maxEvidenceBytes=20'], { 'small.yaml': SMALL, 'e.json': text })
    expect(r.code).toBe(1)
    expect(r.err).toContain('error LIMIT_EXCEEDED The evidence file is')
  })

  it('maxYamlBytes: YAML evidence over 4 MiB is refused with advice to give it as JSON or CSV', () => {
    const yaml = `subjects:\n${Array.from({ length: 40_000 }, (_, i) => `  - { id: s${i}, name: ${'名'.repeat(20)}, facts: { done: true, rate: 0.5 } }\n`).join('')}`
    expect(yaml.length * 2).toBeGreaterThan(4_194_304)
    const d = limitOf(readEvidence(yaml, 'e.yaml', small.rubric))
    expect(d.message).toMatch(/^The YAML text is [\d,]+ bytes long \(reading YAML takes about 100 times its size in memory: give large cohorts as JSON or CSV\); the limit maxYamlBytes is 4,194,304 bytes \(4 MiB\)\.$/)
    // the same cohort as JSON is read
    const json = JSON.stringify({ subjects: Array.from({ length: 40_000 }, (_, i) => ({ id: `s${i}`, name: '名'.repeat(20), facts: { done: true, rate: 0.5 } })) })
    expect(readEvidence(json, 'e.json', small.rubric).ok).toBe(true)
    // a smaller file under a lowered limit, then the limit raised
    const some = yaml.slice(0, yaml.indexOf('  - { id: s500,'))
    expect(limitOf(readEvidence(some, 'e.yaml', small.rubric, { limits: { maxYamlBytes: 50_000 } })).message).toContain('maxYamlBytes is 50,000')
    expect(readEvidence(some, 'e.yaml', small.rubric, { limits: { maxYamlBytes: 100_000 } }).ok).toBe(true)
  })

  it('maxAliasCount: a billion-laughs file fails at once, naming the limit', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let i = 1; i < 9; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`)
    const text = laughs.join('\n') + '\n'
    const t0 = performance.now()
    const r = loadRubric(text)
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(codes(r)).toEqual(['YAML_ALIAS_LIMIT'])
    expect(r.diagnostics[0]!.message).toContain('The limit maxAliasCount is 100')
    expect(r.diagnostics[0]!.hint).toContain('--limit maxAliasCount=')
    expect(codes(readEvidence(text, 'e.yaml'))).toEqual(['YAML_ALIAS_LIMIT'])
  })

  it('maxDepth: YAML, JSON and data nested deeper are refused before they are built; cycles too', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n)
    expect(limitOf(loadRubric(`kaoping: 1\nx: ${deep(100)}\n`)).message).toContain('maxDepth is 100')
    expect(limitOf(readEvidence(`{"subjects": ${deep(100)}}`, 'e.json')).message).toContain('maxDepth is 100')
    expect(limitOf(readEvidence(`subjects: ${deep(100)}\n`, 'e.yaml')).message).toContain('maxDepth is 100')
    // a million levels: refused quickly, without a stack overflow
    const t0 = performance.now()
    expect(limitOf(readEvidence(`{"subjects": ${deep(1_000_000)}}`, 'e.json')).code).toBe('LIMIT_EXCEEDED')
    expect(limitOf(loadRubric(`x: ${deep(1_000_000)}\n`, { limits: { maxRubricBytes: 3_000_000 } })).code).toBe('LIMIT_EXCEEDED')
    expect(performance.now() - t0).toBeLessThan(5000)
    // data: nested, and cyclic
    let nested: unknown = 1
    for (let i = 0; i < 150; i++) nested = [nested]
    expect(limitOf(small.evaluate(subject('a', { name: nested }))).message).toMatch(/^The data at subjects\[0\]\.name(\[0\])* is nested deeper than the limit/)
    const cycle: Record<string, unknown> = { id: 'a', facts: { done: true, rate: 0.5 } }
    cycle.self = cycle
    expect(limitOf(small.evaluate(cycle)).code).toBe('LIMIT_EXCEEDED')
    const rubric = JSON.parse(JSON.stringify(small.rubric)) as Record<string, unknown>
    rubric.notes = [{ about: 'x', note: 'y' }]
    ;(rubric.notes as unknown[]).push(rubric.notes)
    expect(limitOf(loadRubricData(rubric)).code).toBe('LIMIT_EXCEEDED')
    // a value shared a million times is walked once per depth, not once per path
    let shared: unknown = { x: 1 }
    for (let i = 0; i < 40; i++) shared = [shared, shared]
    const t1 = performance.now()
    expect(codes(small.evaluate(subject('a', { name: shared })))).toEqual(['EVIDENCE_INVALID']) // not text: the schema says so
    expect(performance.now() - t1).toBeLessThan(1000)
  })

  it('maxItems: counted before the schema reads the rubric', () => {
    const shipped = read(XUZHOU)
    expect(loadRubric(shipped).ok).toBe(true)
    const d = limitOf(loadRubric(shipped, { limits: { maxItems: 10 } }))
    expect(d.message).toMatch(/^The rubric has \d+ items; the limit maxItems is 10\.$/)
    const data = { kaoping: 1, id: 'many', title: '多', total: 10_001, items: Array.from({ length: 10_001 }, (_, i) => ({ kind: 'check', id: `c${i}`, title: 'c', max: 1, fact: 'x' })) }
    expect(limitOf(loadRubricData(data)).message).toContain('maxItems is 10,000')
    expect(codes(loadRubricData(data, { limits: { maxItems: 20_000 } }))).not.toContain('LIMIT_EXCEEDED')
  })

  it('maxStringLength: any string, key or value, in a rubric or in evidence', () => {
    const long = '長'.repeat(10_001)
    const titled = SMALL.replace('title: 小型考評', `title: ${long}`)
    expect(limitOf(loadRubric(titled)).message).toBe('A string of 10,001 characters; the limit maxStringLength is 10,000.')
    // raised, the string is read, and the schema has its say (a title is at most 2,000 characters)
    expect(codes(loadRubric(titled, { limits: { maxStringLength: 20_000 } }))).toEqual(['SCHEMA_INVALID_VALUE'])
    expect(limitOf(loadRubric(`? ${long}\n: 1\n`)).code).toBe('LIMIT_EXCEEDED') // a key (written as an explicit key: YAML allows implicit keys of 1,024 characters)
    const ev = { subjects: [subject('a', { name: long })] }
    expect(limitOf(readEvidence(JSON.stringify(ev), 'e.json', small.rubric)).path).toEqual(['subjects', 0, 'name'])
    expect(limitOf(readEvidence(`subjects:\n  - { id: a, name: ${long} }\n`, 'e.yaml', small.rubric)).path).toEqual(['subjects', 0, 'name'])
    expect(limitOf(readEvidence(`id,name\na,${long}\n`, 'e.csv', small.rubric)).message).toContain('A field of 10,001 characters')
    expect(limitOf(small.evaluateCohort(ev)).path).toEqual(['subjects', 0, 'name'])
    expect(limitOf(small.evaluate(subject('a', { facts: { done: true, rate: 0.5, [long]: 1 } }))).code).toBe('LIMIT_EXCEEDED')
    expect(limitOf(small.evaluateCohort({ subjects: [subject('a')], params: { [long]: 1 } })).code).toBe('LIMIT_EXCEEDED')
    expect(limitOf(small.evaluate(subject('a'), { params: { x: long } })).path).toEqual(['params', 'x'])
    expect(small.evaluateCohort(ev, { limits: { maxStringLength: 20_000 } }).ok).toBe(true)
    // the bulk path (the generated scorer) checks its text too
    expect(limitOf(small.totals(ev.subjects)).path).toEqual(['subjects', 0, 'name'])
    expect(small.totals(ev.subjects, { limits: { maxStringLength: 20_000 } }).ok).toBe(true)
  })

  it('maxRecordsPerSubject: all record lists of a subject together, self-assessment and periods included', () => {
    const records = (n: number) => ({ innovations: Array.from({ length: n }, (_, i) => ({ title: `t${i}`, kind: 'innovation', date: '2017-05-01' })) })
    const xuzhou = evaluatorOf(read(XUZHOU))
    const evidence = (readEvidence(read(XUZHOU_EVIDENCE), XUZHOU_EVIDENCE) as { value: { data: { subjects: Record<string, unknown>[] } } }).value.data
    const s = { ...evidence.subjects[0]!, records: records(3), self: { records: records(2) } }
    expect(xuzhou.evaluate(s, { limits: { maxRecordsPerSubject: 5 } }).ok).toBe(true)
    const d = limitOf(xuzhou.evaluate(s, { limits: { maxRecordsPerSubject: 4 } }))
    expect(d.message).toBe('Subject "fengxian" gives 5 records; the limit maxRecordsPerSubject is 4.')
    expect(limitOf(xuzhou.evaluateCohort({ subjects: [s] }, { limits: { maxRecordsPerSubject: 4 } })).path).toEqual(['subjects', 0])
    expect(limitOf(xuzhou.totals([s], { limits: { maxRecordsPerSubject: 4 } })).code).toBe('LIMIT_EXCEEDED')
    expect(limitOf(xuzhou.evaluate({ ...s, records: records(100_001), self: undefined })).message).toContain('100,001 records; the limit maxRecordsPerSubject is 100,000')
  })

  it('maxSubjects: in evidence files and in cohorts', () => {
    const three = { subjects: [subject('a'), subject('b'), subject('c')] }
    const limits = { maxSubjects: 2 }
    expect(limitOf(small.evaluateCohort(three, { limits })).message).toBe('The cohort has 3 subjects; the limit maxSubjects is 2.')
    expect(limitOf(small.totals(three.subjects, { limits })).code).toBe('LIMIT_EXCEEDED')
    expect(limitOf(readEvidence(JSON.stringify(three), 'e.json', small.rubric, { limits })).path).toEqual(['subjects'])
    expect(limitOf(readEvidence('id,done,rate\na,true,0\nb,true,0\nc,true,0\n', 'e.csv', small.rubric, { limits })).code).toBe('LIMIT_EXCEEDED')
    expect(small.evaluateCohort(three, { limits: { maxSubjects: 3 } }).ok).toBe(true)
  })
})

// --- prototype pollution ---------------------------------------------------------------------------------------

describe('prototype pollution: __proto__, constructor and prototype are data or refused, never prototypes', () => {
  const POLLUTE = '{"polluted": "yes", "toString": 1}'

  it('rubrics: a __proto__ key (YAML or JSON, anywhere) is refused; constructor and prototype are reserved names', () => {
    for (const text of [
      `__proto__: ${POLLUTE}\n${SMALL}`,
      SMALL.replace('facts:\n', `facts:\n  __proto__: ${POLLUTE}\n`),
      SMALL.replace('{ kind: check, id: done,', `{ __proto__: ${POLLUTE}, kind: check, id: done,`),
      JSON.stringify({ ...(JSON.parse(JSON.stringify(small.rubric)) as object), x: 1 }).replace('"x":1', `"__proto__": ${POLLUTE}`),
    ]) {
      const r = loadRubric(text)
      expect(codes(r)).toContain('SCHEMA_UNKNOWN_KEY')
      expect(r.diagnostics.find((d) => d.code === 'SCHEMA_UNKNOWN_KEY')!.location).toBeDefined()
    }
    expect(codes(loadRubricData(JSON.parse(`{"__proto__": ${POLLUTE}, "kaoping": 1}`)))).toEqual(['SCHEMA_UNKNOWN_KEY'])
    // a category of a count item, where any text is a key
    const category = read('tests/fixtures/security/injection.yaml').replace('"constructor": 4', '"__proto__": 4')
    expect(codes(loadRubric(category))).toEqual(['SCHEMA_UNKNOWN_KEY'])
    for (const name of ['constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']) {
      const r = loadRubric(SMALL.replaceAll('rate', name))
      expect(codes(r), name).toEqual(['SCHEMA_INVALID_VALUE'])
      expect(r.diagnostics[0]!.message).toContain('reserved')
    }
  })

  it('evidence: __proto__ keys (YAML, JSON, CSV header) are unknown fields, kept as data until refused', () => {
    const yaml = readEvidence(`subjects:\n  - id: a\n    facts: { done: true, rate: 0.5, __proto__: ${POLLUTE} }\n`, 'e.yaml', small.rubric)
    const json = readEvidence(`{"subjects": [{"id": "a", "facts": {"done": true, "rate": 0.5, "__proto__": ${POLLUTE}}}]}`, 'e.json', small.rubric)
    for (const r of [yaml, json]) {
      if (!r.ok) throw new Error(JSON.stringify(r.diagnostics))
      const facts = (r.value.data as { subjects: { facts: Record<string, unknown> }[] }).subjects[0]!.facts
      expect(Object.getPrototypeOf(facts)).toBe(Object.prototype)
      expect(Object.hasOwn(facts, '__proto__')).toBe(true)
      expect(facts.polluted).toBeUndefined()
      const scored = small.evaluateCohort(r.value.data)
      expect(codes(scored)).toEqual(['EVIDENCE_UNKNOWN_FIELD'])
      expect(scored.diagnostics[0]!.path).toEqual(['subjects', 0, 'facts', '__proto__'])
    }
    for (const header of ['__proto__', 'constructor', 'prototype', 'toString']) {
      const r = readEvidence(`id,done,rate,${header}\na,true,0.5,1\n`, 'e.csv', small.rubric)
      expect(codes(r), header).toEqual(['EVIDENCE_UNKNOWN_FIELD'])
    }
    // top-level, subject-level, records and self
    const cohort = JSON.parse(`{"__proto__": ${POLLUTE}, "subjects": [{"id": "a", "__proto__": ${POLLUTE}, "facts": {"done": true, "rate": 0.5}, "records": {"__proto__": []}, "self": {"__proto__": {}}}]}`)
    expect(codes(small.evaluateCohort(cohort))).toEqual(['EVIDENCE_UNKNOWN_FIELD'])
  })

  it('evidence: a subject id or an enum value "__proto__" or "constructor" is plain text, scored as any other', () => {
    const r = small.evaluateCohort({ subjects: [subject('__proto__'), subject('constructor'), subject('prototype')] })
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics))
    expect(r.value.subjects.map((s) => [s.subject.id, s.total])).toEqual([
      ['__proto__', '7.50'],
      ['constructor', '7.50'],
      ['prototype', '7.50'],
    ])
    expect(codes(small.evaluateCohort({ subjects: [subject('__proto__'), subject('__proto__')] }))).toEqual(['EVIDENCE_DUPLICATE_SUBJECT'])
  })

  it('parameters: --param __proto__=… and options.params with __proto__ are unknown parameters', () => {
    const params = JSON.parse(`{"__proto__": ${POLLUTE}}`)
    for (const r of [small.evaluate(subject('a'), { params }), small.evaluateCohort({ subjects: [subject('a')], params }), small.evaluateCohort({ subjects: [subject('a')] }, { params })])
      expect(codes(r)).toEqual(['OPTION_INVALID'])
    expect(codes(compileRubric(small.rubric, { params }))).toEqual(['OPTION_INVALID'])
    for (const p of ['__proto__=x', 'constructor=x', 'prototype=1', '__proto__.polluted=1', 'toString=1']) {
      const r = cli(['score', XUZHOU, XUZHOU_EVIDENCE, '--param', p])
      expect(r.code, p).toBe(1)
      expect(r.err, p).toMatch(/error OPTION_INVALID Unknown parameter/)
    }
  })

  it('test files: an expected subject "__proto__" is checked like any other', () => {
    const test = `rubric: small\nfile: small.yaml\ncases:\n  - name: proto\n    subjects: [{ id: __proto__, facts: { done: true, rate: 0.5 } }]\n    expect:\n      __proto__: { total: 9 }\n`
    const r = cli(['test', 'small.test.yaml'], { 'small.yaml': SMALL, 'small.test.yaml': test })
    // issue 12: the difference is on its own line under the case, at the value expected (line 7, `      __proto__: {
    // total: 9 }`: 9 at column 27)
    expect(r.out).toContain('✗ proto\n  small.test.yaml:7:27: expected total 9, got 7.5\n')
    expect(r.code).toBe(1)
  })
})

// --- numbers ---------------------------------------------------------------------------------------------------

/**
 * How each way of writing a number is read, in each place it can be written: the value read (as the item's score
 * shows it) or the code it is refused with. SECURITY.md prints this table.
 *   written: as in a YAML or JSON file ("…" is a string); CSV cells and --param values are the text without quotes.
 *   fact: j (number 0–10000), r (rate), b (yes/no; its item scores 1 for true).
 */
const NUMBER_ROWS: { written: string; fact: 'j' | 'r' | 'b'; yaml: string; json: string; csv: string; param?: string; rubric?: string }[] = [
  { written: '0.875', fact: 'j', yaml: '0.875', json: '0.875', csv: '0.875', param: '0.875', rubric: '0.875' },
  { written: '1.50', fact: 'j', yaml: '1.5', json: '1.5', csv: '1.5', param: '1.5', rubric: '1.5' },
  { written: '"1.50"', fact: 'j', yaml: '1.5', json: '1.5', csv: '1.5', param: '1.5', rubric: '1.5' },
  { written: '-0', fact: 'j', yaml: '0', json: '0', csv: '0', param: '0', rubric: '0' },
  { written: '1e3', fact: 'j', yaml: '1000', json: '1000', csv: 'EVIDENCE_INVALID', param: '1000', rubric: '1000' },
  { written: '+5', fact: 'j', yaml: '5', json: 'EVIDENCE_INVALID', csv: 'EVIDENCE_INVALID', param: '5', rubric: '5' },
  { written: '012', fact: 'j', yaml: 'EVIDENCE_INVALID', json: 'EVIDENCE_INVALID', csv: '12', param: '12', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: '"012"', fact: 'j', yaml: '12', json: '12', csv: '12', param: '12', rubric: '12' },
  { written: '0x10', fact: 'j', yaml: 'EVIDENCE_INVALID', json: 'EVIDENCE_INVALID', csv: 'EVIDENCE_INVALID', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: '0o17', fact: 'j', yaml: 'EVIDENCE_INVALID', json: 'EVIDENCE_INVALID', csv: 'EVIDENCE_INVALID', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: '.5', fact: 'j', yaml: 'EVIDENCE_INVALID', json: 'EVIDENCE_INVALID', csv: 'EVIDENCE_INVALID', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: '5.', fact: 'j', yaml: 'EVIDENCE_INVALID', json: 'EVIDENCE_INVALID', csv: 'EVIDENCE_INVALID', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: '1_000', fact: 'j', yaml: 'EVIDENCE_INVALID', json: 'EVIDENCE_INVALID', csv: 'EVIDENCE_INVALID', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: 'NaN', fact: 'j', yaml: 'EVIDENCE_INVALID', json: 'EVIDENCE_INVALID', csv: 'EVIDENCE_INVALID', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: '.nan', fact: 'j', yaml: 'EVIDENCE_INVALID', json: 'EVIDENCE_INVALID', csv: 'EVIDENCE_INVALID', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: '.inf', fact: 'j', yaml: 'NUMBER_OUT_OF_RANGE', json: 'EVIDENCE_INVALID', csv: 'EVIDENCE_INVALID', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: '-.inf', fact: 'j', yaml: 'NUMBER_OUT_OF_RANGE', json: 'EVIDENCE_INVALID', csv: 'EVIDENCE_INVALID', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: '1e999', fact: 'j', yaml: 'NUMBER_OUT_OF_RANGE', json: 'NUMBER_OUT_OF_RANGE', csv: 'EVIDENCE_INVALID', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: '1e-7', fact: 'j', yaml: 'EVIDENCE_PRECISION', json: 'EVIDENCE_PRECISION', csv: 'EVIDENCE_INVALID', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: '0.1000000000000000001', fact: 'j', yaml: 'EVIDENCE_PRECISION', json: 'EVIDENCE_PRECISION', csv: 'EVIDENCE_PRECISION', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: `0.${'1'.repeat(3000)}`, fact: 'j', yaml: 'EVIDENCE_PRECISION', json: 'EVIDENCE_PRECISION', csv: 'EVIDENCE_PRECISION', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: `"0.${'1'.repeat(3000)}"`, fact: 'j', yaml: 'EVIDENCE_PRECISION', json: 'EVIDENCE_PRECISION', csv: 'EVIDENCE_PRECISION', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: '10000.000001', fact: 'j', yaml: 'EVIDENCE_OUT_OF_RANGE', json: 'EVIDENCE_OUT_OF_RANGE', csv: 'EVIDENCE_OUT_OF_RANGE', param: 'OPTION_INVALID', rubric: 'MAX_MISMATCH' },
  { written: '9007199254.75', fact: 'j', yaml: 'EVIDENCE_OUT_OF_RANGE', json: 'EVIDENCE_OUT_OF_RANGE', csv: 'EVIDENCE_OUT_OF_RANGE', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: '"９０"', fact: 'j', yaml: 'EVIDENCE_INVALID', json: 'EVIDENCE_INVALID', csv: 'EVIDENCE_INVALID', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: '" 0.9 "', fact: 'j', yaml: 'EVIDENCE_INVALID', json: 'EVIDENCE_INVALID', csv: '0.9', param: '0.9', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: '"1,234.5"', fact: 'j', yaml: 'EVIDENCE_INVALID', json: 'EVIDENCE_INVALID', csv: 'EVIDENCE_INVALID', param: 'OPTION_INVALID', rubric: 'SCHEMA_INVALID_VALUE' },
  { written: '"90%"', fact: 'r', yaml: 'EVIDENCE_INVALID', json: 'EVIDENCE_INVALID', csv: 'EVIDENCE_INVALID' },
  { written: '1.2', fact: 'r', yaml: 'EVIDENCE_OUT_OF_RANGE', json: 'EVIDENCE_OUT_OF_RANGE', csv: 'EVIDENCE_OUT_OF_RANGE' },
  { written: '-0.1', fact: 'r', yaml: 'EVIDENCE_OUT_OF_RANGE', json: 'EVIDENCE_OUT_OF_RANGE', csv: 'EVIDENCE_OUT_OF_RANGE' },
  { written: 'yes', fact: 'b', yaml: 'EVIDENCE_INVALID', json: 'EVIDENCE_INVALID', csv: '1' },
  { written: '"true"', fact: 'b', yaml: 'EVIDENCE_INVALID', json: 'EVIDENCE_INVALID', csv: '1' },
  { written: '1', fact: 'b', yaml: 'EVIDENCE_INVALID', json: 'EVIDENCE_INVALID', csv: '1' },
]

describe('numbers and text: what is accepted (the table of SECURITY.md)', () => {
  const RUBRIC = read('tests/fixtures/security/numbers.yaml')
  const numbers = evaluatorOf(RUBRIC)
  const item = { j: 'j', r: 'r', b: 'c' } as const
  const defaults = { j: '1', r: '0.5', b: 'true' }
  const text = (w: string) => (w.startsWith('"') ? (JSON.parse(w) as string) : w)
  const outcome = (r: Result<CohortResult> | Result<unknown>, id: string): string => {
    if (!r.ok) return codes(r).join('+')
    return (r.value as CohortResult).subjects[0]!.items.find((i) => i.id === id)!.score
  }
  const scored = (r: ReturnType<typeof readEvidence>, id: string) => (r.ok ? outcome(numbers.evaluateCohort(r.value.data, { params: { p: 1 } }), id) : outcome(r, id))
  const places = {
    yaml: (w: string, f: 'j' | 'r' | 'b') => scored(readEvidence(`subjects:\n  - id: s\n    facts: { ${Object.entries(defaults).map(([k, v]) => `${k}: ${k === f ? w : v}`).join(', ')} }\n`, 'e.yaml', numbers.rubric), item[f]),
    json: (w: string, f: 'j' | 'r' | 'b') => scored(readEvidence(`{"subjects": [{"id": "s", "facts": {${Object.entries(defaults).map(([k, v]) => `"${k}": ${k === f ? w : v}`).join(', ')}}}]}`, 'e.json', numbers.rubric), item[f]),
    csv: (w: string, f: 'j' | 'r' | 'b') => scored(readEvidence(`id,j,r,b\ns,${Object.entries(defaults).map(([k, v]) => (k === f ? csvField(text(w)) : v)).join(',')}\n`, 'e.csv', numbers.rubric), item[f]),
  }
  const param = (w: string) => outcome(numbers.evaluateCohort({ subjects: [{ id: 's', facts: { j: 1, r: 0.5, b: true } }] }, { params: { p: text(w) } }), 'c')
  const rubric = (w: string) => {
    const loaded = loadRubric(RUBRIC.replace('points: { param: p }', `points: ${w}`))
    if (!loaded.ok) return outcome(loaded, 'c')
    return outcome(evaluatorOf(RUBRIC.replace('points: { param: p }', `points: ${w}`)).evaluateCohort({ subjects: [{ id: 's', facts: { j: 1, r: 0.5, b: true } }] }), 'c')
  }

  for (const row of NUMBER_ROWS) {
    it(`${row.written.length > 24 ? `${row.written.slice(0, 12)}…(${row.written.length} characters)` : row.written} as fact ${row.fact}`, () => {
      expect(places.yaml(row.written, row.fact), 'YAML evidence').toBe(row.yaml)
      expect(places.json(row.written, row.fact), 'JSON evidence').toBe(row.json)
      expect(places.csv(row.written, row.fact), 'CSV evidence').toBe(row.csv)
      if (row.param !== undefined) expect(param(row.written), '--param / options.params').toBe(row.param)
      if (row.rubric !== undefined) expect(rubric(row.written), 'rubric literal').toBe(row.rubric)
    })
  }

  it('SECURITY.md shows every row of the table', () => {
    const doc = read('SECURITY.md')
    for (const row of NUMBER_ROWS) if (row.written.length < 40) expect(doc, row.written).toContain(`\`${row.written}\``)
  })

  it('refusals name the field: its path, line and column, and say what to write', () => {
    const yes = readEvidence('subjects:\n  - id: s\n    facts: { j: 1, r: 0.5, b: yes }\n', 'e.yaml', numbers.rubric)
    const r = numbers.evaluateCohort((yes as { value: { data: unknown } }).value.data)
    expect(r.diagnostics[0]!.path).toEqual(['subjects', 0, 'facts', 'b'])
    expect(r.diagnostics[0]!.message).toContain('YAML 1.2 reads yes, no, on and off as text')
    const hex = readEvidence('subjects:\n  - id: s\n    facts: { j: 0x10, r: 0.5, b: true }\n', 'e.yaml', numbers.rubric)
    expect(hex.diagnostics[0]).toMatchObject({ code: 'EVIDENCE_INVALID', path: ['subjects', 0, 'facts', 'j'], location: { line: 3, column: 17 } })
    expect(hex.diagnostics[0]!.message).toBe('0x10 is hexadecimal; write the decimal number 16.')
    const big = readEvidence('{"subjects": [{"id": "s",\n "facts": {"j": 1e999}}]}', 'e.json', numbers.rubric)
    expect(big.diagnostics[0]).toMatchObject({ code: 'NUMBER_OUT_OF_RANGE', path: ['subjects', 0, 'facts', 'j'], location: { line: 2, column: 17 } })
    const full = numbers.evaluate({ id: 's', facts: { j: '９０', r: 0.5, b: true } })
    expect(full.diagnostics[0]!.message).toContain('full-width digits')
    const dup = readEvidence('{"subjects": [{"id": "s", "id": "t"}]}', 'e.json')
    expect(dup.diagnostics[0]).toMatchObject({ code: 'YAML_DUPLICATE_KEY', path: ['subjects', 0, 'id'] })
  })

  it('JavaScript numbers given as data: NaN and ±Infinity are refused with the path', () => {
    for (const [v, code] of [
      [Number.NaN, 'EVIDENCE_INVALID'],
      [Infinity, 'NUMBER_OUT_OF_RANGE'],
      [-Infinity, 'NUMBER_OUT_OF_RANGE'],
    ] as const) {
      const r = numbers.evaluate({ id: 's', facts: { j: v, r: 0.5, b: true } })
      expect(r.diagnostics[0]).toMatchObject({ code, path: ['subjects', 0, 'facts', 'j'] })
      expect(codes(numbers.totals([{ id: 's', facts: { j: 1, r: v, b: true } }]))).toEqual([code])
    }
    expect(codes(loadRubricData({ ...(JSON.parse(JSON.stringify(numbers.rubric)) as object), total: Number.NaN }))).toEqual(['SCHEMA_INVALID_VALUE'])
    const odd = numbers.evaluate({ id: 's', facts: { j: 1, r: 0.5, b: true }, name: new Date(0) })
    expect(odd.diagnostics[0]!.message).toBe('The value at subjects[0].name is a Date, not plain data (a mapping, list, string, number, true/false or null).')
    expect(codes(numbers.evaluate({ id: 's', facts: { j: 1n, r: 0.5, b: true } }))).toEqual(['EVIDENCE_INVALID'])
    expect(codes(numbers.evaluate({ id: 's', facts: { j: () => 1, r: 0.5, b: true } }))).toEqual(['EVIDENCE_INVALID'])
  })
})

// --- text ------------------------------------------------------------------------------------------------------

describe('text', () => {
  it('a byte-order mark and CRLF line ends load, with the same lines and columns', () => {
    const crlf = '\ufeff' + SMALL.replace(/\n/g, '\r\n')
    expect(loadRubric(crlf).ok).toBe(true)
    const lf = SMALL.replace('max: 5, fact: done', 'max: 5, fact: nope')
    const where = (text: string) => loadRubric(text).diagnostics.find((x) => x.code === 'UNKNOWN_FACT')!.location
    expect(where(lf)).toMatchObject({ line: 9, column: 57 })
    expect(where('\ufeff' + lf.replace(/\n/g, '\r\n'))).toEqual(where(lf))
  })

  it('a tab used for indentation is YAML_SYNTAX at its line and column', () => {
    const r = loadRubric(SMALL.replace('  done: { type', '\tdone: { type'), { file: 't.yaml' })
    expect(codes(r)).toEqual(['YAML_SYNTAX'])
    expect(r.diagnostics[0]!.location).toMatchObject({ file: 't.yaml', line: 6, column: 1 })
  })

  it('Simplified and Traditional Chinese are kept as written, never normalised', () => {
    const mixed = SMALL.replace('title: 小型考評', 'title: 考评辦法(简繁混排)統計局统计局')
    const r = evaluatorOf(mixed).evaluateCohort({ subjects: [{ ...subject('a'), name: '丰县統計局' }] })
    expect(r.ok && [r.value.rubric.title, r.value.subjects[0]!.subject.name]).toEqual(['考评辦法(简繁混排)統計局统计局', '丰县統計局'])
  })

  it('a very long line loads (within the limits) in bounded time', () => {
    const notes = Array.from({ length: 2000 }, (_, i) => `{ about: 說明${i}, note: ${'說'.repeat(100)} }`).join(', ')
    const t0 = performance.now()
    const r = loadRubric(`${SMALL}notes: [${notes}]\n`)
    expect(r.ok).toBe(true)
    expect(performance.now() - t0).toBeLessThan(5000)
  })

  it('invalid UTF-8 is refused at the line and column of the first bad byte, never read as U+FFFD', () => {
    const good = new TextEncoder().encode('id: a\ntitle: 考評\n')
    const gbk = Uint8Array.from([...new TextEncoder().encode('id: a\ntitle: '), 0xbf, 0xbc, 0xc6, 0xc0, 0x0a]) // 考評 in GBK
    expect(decodeText(good)).toEqual({ ok: true, value: 'id: a\ntitle: 考評\n', diagnostics: [] })
    const r = decodeText(gbk, 'gbk.yaml')
    expect(r.ok).toBe(false)
    expect(r.diagnostics[0]).toMatchObject({ code: 'TEXT_INVALID_UTF8', file: 'gbk.yaml', location: { line: 2, column: 8 } })
    expect(r.diagnostics[0]!.message).toBe('The file is not valid UTF-8: the bytes BF BC C6 C0 at line 2, column 8 (byte 13) are not a UTF-8 character.')
    expect(r.diagnostics[0]!.hint).toContain('GBK')
    // overlong forms, surrogates, truncated sequences
    for (const bytes of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe4, 0xb8], [0xf5, 0x80, 0x80, 0x80], [0xff]]) expect(decodeText(Uint8Array.from([0x61, ...bytes])).diagnostics[0]!.location).toMatchObject({ line: 1, column: 2 })
    expect(codes(loadRubric(gbk))).toEqual(['TEXT_INVALID_UTF8'])
    expect(codes(readEvidence(gbk, 'e.yaml'))).toEqual(['TEXT_INVALID_UTF8'])
    // the command line, for rubrics and for evidence
    const v = cli(['validate', 'gbk.yaml'], { 'gbk.yaml': gbk })
    expect(v.code).toBe(1)
    expect(v.err).toMatch(/^gbk\.yaml:2:8: error TEXT_INVALID_UTF8 The file is not valid UTF-8/)
    const s = cli(['score', XUZHOU, 'gbk.yaml'], { 'gbk.yaml': gbk })
    expect(s.code).toBe(1)
    expect(s.err).toContain('gbk.yaml:2:8: error TEXT_INVALID_UTF8')
  })

  it('NUL and other control characters are refused, in the text and in values (ids, names, titles)', () => {
    const nul = loadRubric(SMALL.replace('title: 小型考評', 'title: 小型\u0000考評'))
    expect(codes(nul)).toEqual(['TEXT_CONTROL_CHARACTER'])
    expect(nul.diagnostics[0]!.location).toMatchObject({ line: 3, column: 10 })
    expect(codes(loadRubric(SMALL.replace('title: 小型考評', 'title: "小型\\e[31m考評"')))).toEqual(['TEXT_CONTROL_CHARACTER'])
    expect(codes(readEvidence('{"subjects": [{"id": "a\\u0000b"}]}', 'e.json'))).toEqual(['TEXT_CONTROL_CHARACTER'])
    expect(codes(readEvidence('id,done,rate\na\u0007,true,0.5\n', 'e.csv', small.rubric))).toEqual(['TEXT_CONTROL_CHARACTER'])
    for (const id of ['a\u0000', 'a\u001b[2J', 'a\u007f', 'a\u0085', 'a\u009b31m', 'a\u202egnp.exe', 'a\u2066b\u2069']) {
      const r = small.evaluate(subject(id))
      expect(codes(r), JSON.stringify(id)).toEqual(['TEXT_CONTROL_CHARACTER'])
      expect(r.diagnostics[0]!.path).toEqual(['subjects', 0, 'id'])
    }
    // the bulk path as well (the generated scorer leaves such text to the full check)
    expect(codes(small.totals([subject('a\u0000')]))).toEqual(['TEXT_CONTROL_CHARACTER'])
    expect(codes(small.totals([subject('a', { name: '\u202e' })]))).toEqual(['TEXT_CONTROL_CHARACTER'])
    const injection = evaluatorOf(read('tests/fixtures/security/injection.yaml'))
    expect(codes(injection.totals([{ id: 'a', facts: { k: '\\', ok: true }, records: { events: [{ kind: 'constructor', day: '2017-06-01', note: '\u001b[2J' }] } }]))).toEqual(['TEXT_CONTROL_CHARACTER'])
    // tabs and line breaks are text
    expect(small.evaluate(subject('a', { name: '第一\t第二\r\n第三' })).ok).toBe(true)
    expect(small.totals([subject('a', { name: '第一\t第二\r\n第三' })]).ok).toBe(true)
  })
})

// --- the generated scorer ----------------------------------------------------------------------------------------

/** The tokens of generated JavaScript: strings, identifiers, numbers, punctuation. Fails on anything else. */
function tokens(source: string): { strings: string[]; identifiers: Set<string> } {
  const strings: string[] = []
  const identifiers = new Set<string>()
  let i = 0
  while (i < source.length) {
    const c = source[i]!
    if (/\s/.test(c)) i++
    else if (c === '"') {
      let j = i + 1
      while (source[j] !== '"') {
        if (source[j] === '\\') j++
        if (j >= source.length) throw new Error('unterminated string')
        j++
      }
      strings.push(source.slice(i, j + 1))
      i = j + 1
    } else if (c === "'" || c === '`') throw new Error(`a ${c} string at ${i}: ${source.slice(i, i + 40)}`)
    else if (source.startsWith('//', i) || source.startsWith('/*', i)) throw new Error(`a comment at ${i}`)
    else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][\w$]*/.exec(source.slice(i))![0]
      identifiers.add(m)
      i += m.length
    } else if (/\d/.test(c)) i += /^\d+/.exec(source.slice(i))![0].length
    else if ('()[]{};,.=!<>&|+-*/%?:'.includes(c)) i++
    else throw new Error(`unexpected ${JSON.stringify(c)} at ${i}`)
  }
  return { strings, identifiers }
}

/** Every identifier the generator writes: keywords, its own names, helpers, and names made from indices. */
const ALLOWED_IDENTIFIERS =
  /^(use|strict|return|function|const|let|if|else|for|in|new|throw|typeof|continue|undefined|null|true|false|NaN|Array|isArray|Number|isInteger|Math|floor|max|round|String|Float64Array|length|push|get|st|h|L|V|X|S|P|K|NA|A|AB|C|TR|TB|R|RD|G|TH|Q|W|D|FROM|TO|from|to|asOf|scope|subject|problems|warned|maxString|maxRecords|readFacts|readRecords|score\d*|outcome|money|quotas?\d*|f|rs|req|a|b|c|i|j|k|m|n|q|v|x|_|ok|own|required|list|rows|row|days|keys|cats|amounts|total|rewards|penalties|amount|shortfall|words|times|points|add|sub|mul|mulInt|div|divToInteger|min|T|fromNumber|parseFixed|parseDay|decimalText|rateText|factNames|factIndex|FK|FI|key|other|p|switch|case|break|plain|text|addDuration|yearly|needAsOf|absent|absentBool|absentEnum|absentDate|absentScore|combine|warn|refuse|badAdjustment|section|band|bestSum|distinctCount|pick|quota|bad|factProblem|show|missingFact|missingFacts|notMapping|notList|notRow|fieldProblem|missingField|tooMany|unknownKeys|unknownRowKeys|enums|readMany|linked|dropped|fill|warned|KS|PS|DN|computed\d+|abs|0n|h_[a-zA-Z]+|[a-z]+_\d+)$/

describe('no code from data: the generated scorer', () => {
  const INJECTION = read('tests/fixtures/security/injection.yaml')

  it('takes no identifier and no unescaped text from the rubric: every string literal is a JSON string', () => {
    for (const file of [...['bozhou-county-target-2009', 'bozhou-safety-2009', 'hubei-archives-2011', 'linxi-learning-org', 'xiangdong-civil-affairs-publicity', 'xuzhou-statistics-2017'].map((id) => `rubrics/${id}.yaml`), 'tests/fixtures/security/injection.yaml']) {
      const e = evaluatorOf(read(file), file)
      const source = programOf(e)?.source
      expect(source, file).toBeTypeOf('string')
      const { strings, identifiers } = tokens(source!)
      for (const s of strings) expect(jsString(JSON.parse(s) as string), `${file}: ${s}`).toBe(s)
      for (const id of identifiers) expect(id, file).toMatch(ALLOWED_IDENTIFIERS)
    }
  })

  it('the injection rubric loads, compiles to a fast scorer, runs nothing and scores right', () => {
    const e = evaluatorOf(INJECTION)
    const source = programOf(e)!.source
    // the line separators are escaped: a string literal never spans two lines of the source
    expect(source).not.toMatch(/[\u2028\u2029]/)
    expect(source).toContain('"\\"}; globalThis.pwned = 1; //"')
    expect(source).toContain('"\\u2028globalThis.pwned = 1\\u2029"')
    const k = (e.rubric.facts!.k as { values: string[] }).values
    const kinds = (e.rubric.records!.events!.fields.kind as { values: string[] }).values
    const day = '2017-06-01'
    const subjects = [
      { id: 'a', facts: { k: k[0], ok: true }, records: { events: [{ kind: kinds[0], day }, { kind: kinds[1], day }, { kind: kinds[2], day }, { kind: kinds[3], day }] } },
      { id: 'b', facts: { k: k[2], ok: true }, records: { events: [{ kind: kinds[2], day, note: '"); globalThis.pwned = 1; //' }] } },
      { id: 'c', facts: { k: k[3], ok: true } },
      { id: 'd', facts: { k: k[4], ok: false }, records: { events: [{ kind: kinds[1], day }] } },
    ]
    // check (10 if ok and k is one of three), where-filter (1 per kind 0 or 2), by-category (1, 2, 3, 4 by kind)
    const expected = ['22.00', '14.00', '0.00', '2.00']
    const fast = e.totals(subjects)
    const general = e.evaluateCohort({ subjects })
    expect(fast.ok && fast.value.totals).toEqual(expected)
    expect(general.ok && general.value.subjects.map((s) => s.total)).toEqual(expected)
    expect(general.ok && general.value.subjects[0]!.items.map((i) => i.id)).toEqual(['constructor', 'where-filter', 'by-category'])
    // a kind with no points ("__proto__") is refused, not scored as something inherited
    expect(codes(e.totals([{ id: 'e', facts: { k: k[0], ok: true }, records: { events: [{ kind: '__proto__', day }] } }]))).toEqual(['EVIDENCE_INVALID'])
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined()
  })

  it('ids, fact names and field names cannot carry code: they are refused before any code is made', () => {
    const attempts: [string, string][] = [
      ['id: small', 'id: "small\\"); globalThis.pwned = 1; //"'],
      ['id: done, title: 是否完成, max: 5', 'id: "x}; globalThis.pwned=1;//", title: 是否完成, max: 5'],
      ['  done: { type: boolean', '  "a\\"]; globalThis.pwned = 1; //": { type: boolean'],
      ['  done: { type: boolean', '  "a b": { type: boolean'],
    ]
    for (const [from, to] of attempts) {
      const r = loadRubric(SMALL.replace(from, to))
      expect(r.ok, to).toBe(false)
      expect(codes(r).some((c) => c.startsWith('SCHEMA_')), to).toBe(true)
    }
    const field = read('tests/fixtures/security/injection.yaml').replace('      day: { type: date }', '      "d\\"]; globalThis.pwned = 1; //": { type: date }')
    expect(loadRubric(field).ok).toBe(false)
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined()
  })

  it('nothing in src/ evaluates text but the one generated factory', () => {
    const { readdirSync, statSync } = require('node:fs') as typeof import('node:fs')
    const files: string[] = []
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f)
        if (statSync(p).isDirectory()) walk(p)
        else if (p.endsWith('.ts')) files.push(p)
      }
    }
    walk(join(root, 'src'))
    const uses = files.flatMap((f) => {
      const text = readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => !/^\s*(\/\/|\/?\*)/.test(l))
        .join('\n')
      // a dynamic import of a package named in the code (exceljs, loaded on first use) is no code from data
      return [...text.matchAll(/\bnew Function\b|\beval\(|\brequire\(|\bimport\((?!'[a-z@][\w@/.-]*'\))|\bvm\./g)].map((m) => `${f.slice(root.length + 1)}: ${m[0]}`)
    })
    expect(uses).toEqual(['src/compile/program.ts: new Function'])
  })
})

// --- output ----------------------------------------------------------------------------------------------------

describe('output of large cohorts', () => {
  it('the JSON written per subject is the text JSON.stringify would make', () => {
    const xuzhou = evaluatorOf(read(XUZHOU))
    const data = (readEvidence(read(XUZHOU_EVIDENCE), XUZHOU_EVIDENCE) as { value: { data: unknown } }).value.data
    for (const trail of [true, false]) {
      const r = xuzhou.evaluateCohort(data, { trail })
      if (!r.ok) throw new Error('xuzhou')
      expect([...cohortJsonChunks(r.value)].join('')).toBe(JSON.stringify(r.value, null, 2) + '\n')
    }
    const one = small.evaluateCohort({ subjects: [subject('a')] })
    if (!one.ok) throw new Error('small')
    expect([...cohortJsonChunks(one.value)].join('')).toBe(JSON.stringify(one.value, null, 2) + '\n')
  })

  it('trails are built only when printed: --trail, or the subject explained', () => {
    const plain = JSON.parse(cli(['score', XUZHOU, XUZHOU_EVIDENCE, '--format', 'json']).out) as CohortResult
    expect(plain.subjects.every((s) => s.items.every((i) => i.trail === undefined))).toBe(true)
    const trailed = JSON.parse(cli(['score', XUZHOU, XUZHOU_EVIDENCE, '--format', 'json', '--trail']).out) as CohortResult
    expect(trailed.subjects.every((s) => s.items.every((i) => i.trail !== undefined))).toBe(true)
    expect(cli(['explain', XUZHOU, XUZHOU_EVIDENCE, '--subject', 'fengxian']).out).toContain('規則 rule:')
  })
})

/** Keeps the Limits type in use (exported for library users). */
export type { Limits }
