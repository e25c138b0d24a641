/**
 * The cases that once made two code paths disagree, throw, or take a wrong value (issue "One kernel"): each scored
 * through every path (`evaluate` one by one, `totals`, `evaluateCohort`), each expectation worked out by hand beside
 * it. The general proof, over random rubrics, is tests/one-semantics.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../src/cli/run'
import type { CliIo } from '../src/cli/io'
import * as kaoping from '../src/index'
import { compileRubric, type Evaluator } from '../src/index'
import { Rubric as RubricSchema } from '../src/kinds/rubric'
import { validateRubric } from '../src/validate/validate-rubric'
import { walkSchema } from '../src/validate/walk'
import { buildRubric } from './support/random-rubric'
import { base, codesOf, compileOk } from './kinds/helpers'

const root = join(__dirname, '..')

/** Totals of the subjects by every path; the paths must agree, and the agreed totals are returned (null: refused). */
function everyPath(ev: Evaluator, subjects: Record<string, unknown>[]): (string | null)[] {
  const one = subjects.map((s) => {
    const r = ev.evaluate(s)
    return r.ok ? r.value.total : null
  })
  const t = ev.totals(subjects, { invalid: 'skip' })
  expect(t.ok).toBe(true)
  const c = ev.evaluateCohort({ subjects: [...subjects].reverse() }, { invalid: 'skip' })
  expect(c.ok).toBe(true)
  const byId = new Map(c.ok ? c.value.subjects.map((s) => [s.subject.id, s.total]) : [])
  expect(t.ok && t.value.totals).toEqual(one)
  expect(subjects.map((s) => byId.get(s.id as string) ?? null)).toEqual(one)
  return one
}

/** A rubric literal that must validate clean (the model and the language's rules) and compile. */
function validCompiled(rubric: Record<string, unknown>): Evaluator {
  const parsed = RubricSchema.parse(rubric)
  const v = validateRubric(parsed)
  expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return compileOk(parsed)
}

describe('paths that disagreed now run one compiled form', () => {
  const scoreRubric = validCompiled({
    ...base,
    total: 20,
    facts: { j: { type: 'number', title: '評審分' } },
    items: [
      { kind: 'judged', id: 'review', title: '評審', max: 10, fact: 'j' },
      { kind: 'check', id: 'bonus', title: '評審達8分加10分', max: 10, when: { score: 'review', atLeast: 8 } },
    ],
  })

  it('a check on an earlier score, alone and in a batch (no subject reads another one\'s scores)', () => {
    // j 9: review 9 ≥ 8 → bonus 10 → 19; j 7: review 7 < 8 → 0 → 7 (not 17: the first subject's review is not read)
    expect(everyPath(scoreRubric, [{ id: 'a', facts: { j: 9 } }, { id: 'b', facts: { j: 7 } }])).toEqual(['19.00', '7.00'])
    expect(everyPath(scoreRubric, [{ id: 'b', facts: { j: 7 } }, { id: 'a', facts: { j: 9 } }])).toEqual(['7.00', '19.00'])
  })

  it('count with dedupe and a negative points value', () => {
    const ev = validCompiled({
      ...base,
      total: 10,
      records: { pieces: { title: '成果', fields: { piece: { type: 'string' }, kind: { type: 'enum', values: ['good', 'flawed'] } }, key: 'piece' } },
      items: [{ kind: 'count', id: 'pieces', title: '成果', max: 10, records: 'pieces', dedupe: true, points: { by: 'kind', values: { good: 3, flawed: -1 } } }],
    })
    const rows = [
      { piece: 'A', kind: 'good' },
      { piece: 'A', kind: 'flawed' },
      { piece: 'B', kind: 'flawed' },
      { piece: 'C', kind: 'good' },
    ]
    // one per piece at its highest: A 3 (good beats flawed), B −1, C 3 → 5
    expect(everyPath(ev, [{ id: 'a', facts: {}, records: { pieces: rows } }])).toEqual(['5.00'])
  })

  it('deduct whose floor is above its from, target met', () => {
    const ev = validCompiled({
      ...base,
      total: 10,
      facts: { rate: { type: 'rate', title: '合格率' } },
      items: [{ kind: 'deduct', id: 'd', title: '抽檢', max: 10, fact: 'rate', target: 0.9, step: 0.01, points: 1, rounding: 'ceil', from: 5, floor: 8 }],
    })
    // target met → nothing deducted → from 5, never below the floor 8 → 8
    // 0.85: 5 steps short → 5 − 5 = 0 → floor 8 → 8
    expect(everyPath(ev, [{ id: 'a', facts: { rate: 0.95 } }, { id: 'b', facts: { rate: 0.85 } }])).toEqual(['8.00', '8.00'])
  })
})

describe('every rubric that validates compiles', () => {
  const records = { pieces: { title: '成果', fields: { piece: { type: 'string' }, kind: { type: 'enum', values: ['a', 'b'] } }, key: 'piece' } }

  it('where with an empty list matches no record', () => {
    const ev = validCompiled({ ...base, total: 5, records, items: [{ kind: 'count', id: 'c', title: '計數', max: 5, records: 'pieces', where: { kind: [] }, points: 1 }] })
    expect(everyPath(ev, [{ id: 'a', facts: {}, records: { pieces: [{ piece: 'x', kind: 'a' }] } }])).toEqual(['0.00']) // kind in [] never holds → 0
  })

  it('points by a field with no values: any record is refused, none scores 0', () => {
    const ev = validCompiled({ ...base, total: 5, records, items: [{ kind: 'count', id: 'c', title: '計數', max: 5, records: 'pieces', points: { by: 'kind', values: {} } }] })
    expect(everyPath(ev, [{ id: 'none', facts: {} }, { id: 'one', facts: {}, records: { pieces: [{ piece: 'x', kind: 'a' }] } }])).toEqual(['0.00', null])
    const r = ev.evaluate({ id: 'one', facts: {}, records: { pieces: [{ piece: 'x', kind: 'a' }] } })
    expect(!r.ok && r.diagnostics[0]!.message).toContain('has no points in item c')
  })

  it('10,000 contiguous bands compile and score', () => {
    const bands = Array.from({ length: 10_000 }, (_, i) => ({ title: `b${i}`, from: i, to: i + 1, points: i % 7 }))
    const ev = validCompiled({ ...base, total: 10, facts: { v: { type: 'number', title: '值', min: 0, max: 9999.999 } }, items: [{ kind: 'bands', id: 'b', title: '分檔', max: 10, fact: 'v', bands }] })
    // 9999.5 is in [9999, 10000): 9999 % 7 = 3 points; 0 is in [0, 1): 0 points; 701 is in [701, 702): 701 % 7 = 1
    expect(everyPath(ev, [{ id: 'a', facts: { v: 9999.5 } }, { id: 'b', facts: { v: 0 } }, { id: 'c', facts: { v: 701 } }])).toEqual(['3.00', '0.00', '1.00'])
  })
})

describe('values at the edge of the exact range', () => {
  it('a rubric whose lint arithmetic leaves the exact range still loads, compiles and scores or refuses', () => {
    const rubric = {
      ...base,
      total: 10,
      facts: { n: { type: 'integer', title: '次數', min: 0, max: 9_000_000_000 } },
      items: [{ kind: 'deductions', id: 'd', title: '扣分', max: 10, min: -9_000_000_000, base: -9_000_000_000, deductions: [{ id: 'x', title: '差錯', fact: 'n', points: 9_000_000_000, cap: 9_000_000_000 }] }],
    }
    const loaded = kaoping.loadRubricData(rubric) // −9e9 − 9e9 is past ±9,007,199,254.74: the floor lint cannot judge it
    expect(loaded.ok && loaded.diagnostics).toEqual([])
    const ev = compileOk(loaded.ok ? loaded.value.rubric : undefined)
    const r = ev.evaluate({ id: 'a', facts: { n: 1 } }) // −9e9 − 9e9 again, now in the score: refused, not thrown
    expect(codesOf(unwrapFail(r))).toEqual(['NUMBER_OUT_OF_RANGE'])
  })
})

describe('parameter overrides pass the rubric\'s own rules', () => {
  const rubric = {
    ...base,
    total: 10,
    params: { step: { type: 'number', default: 0.01, title: '每檔' }, per: { type: 'number', default: 1, title: '每檔扣分' } },
    facts: { rate: { type: 'rate', title: '合格率' } },
    items: [{ kind: 'deduct', id: 'd', title: '抽檢', max: 10, fact: 'rate', target: 0.9, step: { param: 'step' }, points: { param: 'per' }, rounding: 'ceil', floor: 0 }],
  }
  const ev = validCompiled(rubric)
  const s = { id: 'a', facts: { rate: 0.85 } }

  it('the defaults score: 0.85 is 5 steps short → 10 − 5 = 5', () => {
    expect(everyPath(ev, [s])).toEqual(['5.00'])
  })

  for (const [name, value] of [['step', 0], ['step', -0.01], ['per', -1]] as const) {
    it(`${name} = ${value} is OPTION_INVALID everywhere, never a division by zero or full marks`, () => {
      const params = { [name]: value }
      expect(codesOf(unwrapFail(compileRubric(RubricSchema.parse(rubric), { params })))).toContain('OPTION_INVALID')
      expect(codesOf(unwrapFail(ev.evaluate(s, { params })))).toContain('OPTION_INVALID')
      expect(codesOf(unwrapFail(ev.totals([s], { params, invalid: 'skip' })))).toContain('OPTION_INVALID')
      expect(codesOf(unwrapFail(ev.evaluateCohort({ params, subjects: [s] })))).toContain('OPTION_INVALID')
      const r = cliRun(['score', 'r.yaml', 'e.json', '--param', `${name}=${value}`], { 'r.yaml': JSON.stringify(rubric), 'e.json': JSON.stringify({ subjects: [s] }) })
      expect(r.code).toBe(1)
      expect(r.err).toContain('OPTION_INVALID')
      expect(r.err).not.toMatch(/RangeError|division/)
    })
  }
})

describe('periods and record values are checked as the facts are', () => {
  const rubric = {
    ...base,
    total: 10,
    period: { unit: 'year', from: '2017-01-01', to: '2017-12-31' },
    facts: { faults: { type: 'integer', title: '差錯次數' } },
    records: { samples: { title: '抽樣', fields: { v: { type: 'number' }, date: { type: 'date' } }, date: 'date' } },
    items: [
      { kind: 'count', id: 'hits', title: '抽樣命中', max: 5, records: 'samples', where: { v: 0.3 }, points: 1 },
      { kind: 'deductions', id: 'faults', title: '差錯', max: 5, deductions: [{ id: 'f', title: '差錯', fact: 'faults', points: 1 }], floor: 0 },
    ],
  }
  const ev = validCompiled(rubric)
  const subject = (v: unknown, faults = 0) => ({ id: 'a', facts: { faults }, records: { samples: [{ v, date: '2017-03-01' }] } })

  it('a period before year 1000, or one that ends before it starts, is OPTION_INVALID', () => {
    expect(codesOf(unwrapFail(ev.evaluate(subject(0.3), { period: { from: '0999-12-31', to: '2017-12-31' } })))).toEqual(['OPTION_INVALID'])
    expect(codesOf(unwrapFail(ev.evaluate(subject(0.3), { period: { from: '2017-12-31', to: '2017-01-01' } })))).toEqual(['OPTION_INVALID'])
    expect(codesOf(unwrapFail(ev.evaluateCohort({ period: { from: '2017-12-31', to: '2017-01-01' }, subjects: [subject(0.3)] })))).toEqual(['OPTION_INVALID'])
  })

  it('record numbers must be exact decimals of at most 6 places within range', () => {
    for (const v of [0.1 + 0.2, 1e-7, 1e300]) {
      // 0.30000000000000004 has 17 places; 1e-7 has 7; 1e300 is beyond the exact range
      expect(everyPath(ev, [subject(v)]), String(v)).toEqual([null])
    }
  })

  it('a record number written "0.3" is the number 0.3 (where v: 0.3 counts it)', () => {
    // 1 hit × 1 point = 1; no faults → 5; total 6
    expect(everyPath(ev, [subject('0.3'), { ...subject(0.3), id: 'b' }, { ...subject('0.30'), id: 'c' }])).toEqual(['6.00', '6.00', '6.00'])
  })

  it('a negative fault count is refused (a count is whole and not negative unless the fact declares a min)', () => {
    expect(everyPath(ev, [subject(0.3, -2)])).toEqual([null]) // −2 faults would raise the item above its base
    expect(codesOf(unwrapFail(ev.evaluate(subject(0.3, -2))))).toEqual(['EVIDENCE_OUT_OF_RANGE'])
    expect(everyPath(ev, [subject(0.3, 2)])).toEqual(['4.00']) // 1 + (5 − 2 × 1)
  })
})

describe('public functions answer wrong arguments with a diagnostic, never an exception', () => {
  const ev = compileOk({ ...base, total: 1, facts: { done: { type: 'boolean', title: '完成' } }, items: [{ kind: 'check', id: 'c', title: '完成', max: 1, fact: 'done' }] })
  const wrong: unknown[] = [null, undefined, 42, 'text', [], {}, true]
  const resultFunctions: [string, (a: never) => unknown][] = [
    ['loadRubric', (a) => kaoping.loadRubric(a)],
    ['loadRubric options', (a) => kaoping.loadRubric('kaoping: 1', a)],
    ['loadRubricData', (a) => kaoping.loadRubricData(a)],
    ['readEvidence', (a) => kaoping.readEvidence(a, 'e.json')],
    ['readEvidence file name', (a) => kaoping.readEvidence('{}', a)],
    ['compileRubric', (a) => kaoping.compileRubric(a)],
    ['evaluate', (a) => ev.evaluate(a)],
    ['evaluate options', (a) => ev.evaluate({ id: 's', facts: { done: true } }, a)],
    ['evaluateCohort', (a) => ev.evaluateCohort(a)],
    ['evaluateCohort (function)', (a) => kaoping.evaluateCohort(a, [])],
    ['totals', (a) => ev.totals(a)],
    ['totals options', (a) => ev.totals([], a)],
    ['selectRubric', (a) => kaoping.selectRubric(a, '2017-01-01')],
    ['selectRubric date', (a) => kaoping.selectRubric([], a)],
  ]
  for (const [name, call] of resultFunctions)
    it(`${name}: a Result`, () => {
      for (const a of wrong) {
        const r = call(a as never) as { ok: boolean; diagnostics: kaoping.Diagnostic[] }
        expect(typeof r.ok, `${name}(${JSON.stringify(a)})`).toBe('boolean')
        if (!r.ok) expect(r.diagnostics.length).toBeGreaterThan(0)
      }
    })

  it('validateRubric and lintRubric answer with diagnostics', () => {
    for (const a of wrong) {
      const v = kaoping.validateRubric(a)
      expect(v.rubric, JSON.stringify(a)).toBeUndefined()
      expect(v.diagnostics.some((d) => d.severity === 'error')).toBe(true)
      expect(codesOf(kaoping.lintRubric(a as never))).toEqual(['OPTION_INVALID'])
    }
  })

  it('functions that return text answer with the diagnostic in words', () => {
    for (const a of wrong) {
      for (const text of [kaoping.explain(a as never), kaoping.summarizeCohort(a as never)]) expect(text).toContain('OPTION_INVALID')
      expect(kaoping.formatDiagnostics(a as never)).toMatch(/OPTION_INVALID|^$/) // [] is a list: no diagnostics, no text
      if (!Array.isArray(a)) expect(kaoping.formatDiagnostic(a as never)).toContain('OPTION_INVALID')
      if (!Array.isArray(a)) expect(kaoping.formatGithub(a as never)).toContain('OPTION_INVALID')
      expect(kaoping.hasErrors(a as never)).toBe(false)
    }
    expect(kaoping.makeDiagnostic('NO_SUCH_CODE' as never, 'x').code).toBe('OPTION_INVALID')
  })

  it('a subject with thousands of problems is told the first 20 and that there are more (bounded output)', () => {
    const facts: Record<string, unknown> = { done: true }
    for (let i = 0; i < 5_000; i++) facts[`extra${i}`] = i
    const r = ev.evaluate({ id: 'a', facts })
    const ds = r.ok ? [] : r.diagnostics
    expect(ds).toHaveLength(21) // 20 unknown fields, then one line saying there are more
    expect(codesOf(ds.slice(0, 20))).toEqual(Array(20).fill('EVIDENCE_UNKNOWN_FIELD'))
    expect(ds[20]!.message).toBe('Subject "a": the evidence has more problems than the 20 above; fix those and check again.')
    expect(JSON.stringify(ds).length).toBeLessThan(20_000)
  })

  it('evidence whose accessors or proxies throw is refused, not thrown', () => {
    const facts = {}
    Object.defineProperty(facts, 'done', { enumerable: true, get: () => { throw new Error('boom') } })
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error('no keys') } })
    const idGetter = Object.defineProperty({ facts: { done: true } }, 'id', { enumerable: true, get: () => { throw new Error('no id') } })
    expect(ev.evaluate(idGetter).ok).toBe(false) // a Result, not an exception
    expect(ev.evaluateCohort([idGetter], { invalid: 'skip' }).ok).toBe(true)
    for (const s of [{ id: 'a', facts }, { id: 'a', facts: proxy }]) {
      const r = ev.evaluate(s)
      expect(!r.ok && r.diagnostics[0]!.message).toMatch(/could not be read \("(boom|no keys)" was thrown\)/)
      const t = ev.totals([s], { invalid: 'skip' })
      expect(t.ok && t.value.totals).toEqual([null])
      const c = ev.evaluateCohort([s], { invalid: 'skip' })
      expect(c.ok && c.value.refused?.length).toBe(1)
    }
  })
})

describe('results written out when read', () => {
  const text = readFileSync(join(root, 'rubrics/xuzhou-statistics-2017.yaml'), 'utf8')
  const evidence = kaoping.readEvidence(readFileSync(join(root, 'examples/xuzhou-statistics-2017/evidence.yaml'), 'utf8'), 'evidence.yaml')
  const loaded = kaoping.loadRubric(text)
  const ev = compileOk(loaded.ok ? loaded.value.rubric : undefined)
  const subjects = (evidence.ok ? (evidence.value.data as { subjects: Record<string, unknown>[] }).subjects : []) as Record<string, unknown>[]

  it('read late, a result says what it said at once: later subjects do not touch it', () => {
    expect(subjects.length).toBeGreaterThan(5)
    const now = subjects.map((s) => JSON.stringify(ev.evaluate(s, { asOf: '2017-12-31' })))
    const kept = subjects.map((s) => ev.evaluate(s, { asOf: '2017-12-31' }))
    for (let round = 0; round < 3; round++) ev.evaluateCohort({ subjects }, { asOf: '2017-12-31' }) // more subjects scored meanwhile
    expect(kept.map((r) => JSON.stringify(r))).toEqual(now)
    const first = kept[0]!
    expect(first.ok && first.value.items.length).toBeGreaterThan(0)
    expect(first.ok && Object.keys({ ...first.value })).not.toContain('items') // the figures only: toJSON for the whole
    expect(first.ok && Object.keys(first.value.toJSON!())).toContain('items')
  })
})

describe('the rubric scan narrows unions by type and keys', () => {
  // validation, the linter and the compiler read one scan of the rubric; it picks each union's option by the value's
  // type and keys, parsing only where several remain. It must walk exactly as parsing every option would.
  const walk = (rubric: unknown, valid: boolean) => {
    const seen: string[] = []
    walkSchema(RubricSchema, rubric, (def, _value, path) => void seen.push(`${def.type} ${path.join('.')}`), [], valid)
    return seen
  }
  it('on every shipped rubric and 300 random ones', () => {
    const shipped = readdirSync(join(root, 'rubrics')).filter((f) => f.endsWith('.yaml')).map((f) => kaoping.loadRubric(readFileSync(join(root, 'rubrics', f), 'utf8')))
    const random = Array.from({ length: 300 }, (_, i) => kaoping.loadRubricData(buildRubric(i + 1)))
    let walked = 0
    for (const r of [...shipped, ...random]) {
      if (!r.ok) continue
      expect(walk(r.value.rubric, true)).toEqual(walk(r.value.rubric, false))
      walked++
    }
    expect(walked).toBeGreaterThan(250)
  })
})

describe('the published types', () => {
  // dist/ is built once by tests/support/build.ts (vitest globalSetup).
  const dts = readFileSync(join(root, 'dist/index.d.ts'), 'utf8')
  const block = (head: string) => {
    const at = dts.indexOf(head)
    expect(at, head).toBeGreaterThanOrEqual(0)
    return dts.slice(at, dts.indexOf('\n}', at))
  }

  it('an Evaluator shows its methods and rubric, not its compiled program', () => {
    const evaluator = block('interface Evaluator {')
    expect(evaluator).not.toMatch(/\bprogram\b/)
    expect(evaluator).toMatch(/evaluate\(subject: unknown/)
    expect(dts).not.toMatch(/RunState|interface Program\b|ScoredSubject/)
  })

  it('Diagnostic.code is the union of the catalogued codes, not any string', () => {
    expect(block('interface Diagnostic {')).toMatch(/\n\s+code: Code;/)
    expect(dts).toMatch(/type Code = keyof typeof codes;/)
  })

  it('decimal.js is not a runtime dependency', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> }
    // the runtime dependencies: yaml and zod (loading), opencc-js (titles in either script), exceljs (workbooks, in
    // the command line only, loaded when a workbook is read or written), tinyglobby (the command line's globs); no
    // decimal library
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['exceljs', 'opencc-js', 'tinyglobby', 'yaml', 'zod'])
    expect(pkg.devDependencies['decimal.js']).toBeDefined()
  })
})

function unwrapFail(r: { ok: boolean; diagnostics: readonly kaoping.Diagnostic[] }): kaoping.Diagnostic[] {
  expect(r.ok).toBe(false)
  return [...r.diagnostics]
}

/** The command line in-process, over virtual files. */
function cliRun(argv: string[], files: Record<string, string>): { code: number; out: string; err: string } {
  let out = ''
  let err = ''
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (p) => (Object.hasOwn(files, p) ? files[p]! : readFileSync(join(root, p), 'utf8')),
    exists: (p) => Object.hasOwn(files, p),
    glob: (pattern) => [pattern],
  }
  return { code: run(argv, io), out, err }
}
