// Differential tests: kaoping against a plain reference evaluator of the Xuzhou 2017 rubric written here with
// decimal.js (no kaoping code), and the fast evidence check against plain ajv. FC_RUNS=<n> scales the number of
// runs by n / 300, FC_SEED=<seed> replays a failure.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv from 'ajv'
import { Decimal } from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { RubricSchema, type Rubric } from '../src/index'
import { subjectSchema } from '../src/compile/evidence-schema'
import { evidenceChecker } from './support/evidence'
import { base, unwrapOk } from './kinds/helpers'
import { allItems, fcSeed, JUDGED_FACTS, loadXuzhou, paramsArb, root, runs, xuzhouSubjectArb, type XuzhouParams, type XuzhouSubject } from './support/xuzhou'

// A private decimal.js constructor: never configure the global Decimal.
const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -50, toExpPos: 50 })
type Dec = InstanceType<typeof D>

// --- the reference evaluator ------------------------------------------------------------------------------------------

/**
 * The Xuzhou 2017 method as written in rubrics/xuzhou-statistics-2017.yaml, computed directly: the parameters'
 * defaults, each item's rule, [min, max] clamping, section sums, 不適用 rescaling of section (一), the total.
 * Returns every item's exact score (shortest decimal form), the exact total and the total to 2 places half-up.
 */
function reference(subject: XuzhouSubject, params: XuzhouParams = {}): { items: Record<string, string>; exactTotal: string; total: string } {
  const p = {
    spotCheckRounding: params.spotCheckRounding ?? 'ceil',
    minSamplingRatio: new D('0.30'),
    chiefAllFrom: new D(1),
    chiefCoefficientFrom: new D(params.chiefCoefficientFrom ?? '0.40'),
    innovationPoints: new D(2),
    nationalAdoptionPoints: new D(3),
    provincialAdoptionPoints: new D(2),
  }
  const f = subject.facts
  const num = (name: string): Dec => new D(f[name] as number | string)
  const bool = (name: string): boolean => f[name] === true
  const clamp = (v: Dec, lo: Decimal.Value, hi: Decimal.Value): Dec => D.min(D.max(v, lo), hi)
  const items: Record<string, Dec> = {}

  // (一) 重點目標考評, 50
  items['county-qualified'] = new D(bool('countyStandardised') ? 3 : 0)
  items['provincial-demonstration'] = new D(bool('provincialDemonstration') ? 7 : 0)
  items['county-standardisation'] = clamp(items['county-qualified'].plus(items['provincial-demonstration']), 0, 10)
  // 2: −1 per percentage point the pass rate is under 90% and the sampling ratio under 30%, the two shortfalls added
  // (samplingShortfall: deduct, the default); partial point: ceil / floor / exact; ≥ 0
  {
    const gap = D.max(0, new D('0.90').minus(num('townshipPassRate'))).plus(D.max(0, p.minSamplingRatio.minus(num('townshipSamplingRatio'))))
    let steps = new D(0)
    if (gap.gt(0)) {
      const exact = gap.div('0.01')
      steps = p.spotCheckRounding === 'ceil' ? exact.ceil() : p.spotCheckRounding === 'floor' ? exact.floor() : exact.toDecimalPlaces(6, D.ROUND_HALF_EVEN)
    }
    items['township-spot-check'] = clamp(D.max(0, new D(10).minus(steps)), 0, 10)
  }
  const devZoneNa = subject.notApplicable?.includes('dev-zone-acceptance') === true
  items['dev-zone-acceptance'] = devZoneNa ? new D(0) : new D(num('devZonePassRate').gte(1) ? 3 : 0)
  items['online-reporting'] = new D(num('onlineQualifiedRate').gte('0.95') ? 7 : 0)
  items['village-standardisation'] = new D(num('villageQualifiedRate').gte('0.50') ? 10 : 0)
  // 6: [all, 1] → 5; [coefficient, all) → 5 × rate; [0, coefficient) → 0
  const chief = num('chiefStatisticianRate')
  items['chief-statisticians'] = clamp(
    chief.gte(p.chiefAllFrom) ? new D(5) : chief.gte(p.chiefCoefficientFrom) ? chief.times(5).toDecimalPlaces(6, D.ROUND_HALF_EVEN) : new D(0),
    0,
    5,
  )
  items['virtual-survey-team'] = new D(bool('virtualSurveyTeam') ? 5 : 0)
  const keyIds = ['county-standardisation', 'township-spot-check', 'dev-zone-acceptance', 'online-reporting', 'village-standardisation', 'chief-statisticians', 'virtual-survey-team']
  let key = keyIds.reduce((s, id) => s.plus(items[id]!), new D(0))
  // 不適用 (rescale): the other six over their 47 points, scaled back to 50, rounded half-even to 6 places
  if (devZoneNa) key = key.times(50).div(47).toDecimalPlaces(6, D.ROUND_HALF_EVEN)
  items['key-targets'] = clamp(key, 0, 50)

  // (二) 工作環節考評, 50: the judged scores, each clamped into its range
  const ranges: Record<(typeof JUDGED_FACTS)[number], [string, number, number]> = {
    materials: ['materials', 1, 3],
    ledger: ['ledger', 1, 3],
    achievements: ['achievements', 1, 15],
    countyApplications: ['county-applications', 1, 4],
    enterpriseAcceptance: ['enterprise-acceptance', 1, 5],
    workInformation: ['work-information', 1, 5],
    classifiedGuidance: ['classified-guidance', 1, 5],
    lookBack: ['look-back', 1, 3],
    provincialShowcase: ['provincial-showcase', 1, 3],
    regulationMeasures: ['regulation-measures', 1, 4],
  }
  let work = new D(0)
  for (const fact of JUDGED_FACTS) {
    const [id, lo, hi] = ranges[fact]
    items[id] = clamp(num(fact), lo, hi)
    work = work.plus(items[id]!)
  }
  items['work-links'] = clamp(work, 0, 50)

  // (三) 工作創新創優考評: points per record dated in 2017, by kind, capped at 10
  const points = { innovation: p.innovationPoints, 'national-adoption': p.nationalAdoptionPoints, 'provincial-adoption': p.provincialAdoptionPoints }
  // 三(三): records dated in 2017; one piece (same title) counts once, at its highest points.
  const best = new Map<string, Decimal>()
  for (const r of subject.records?.innovations ?? []) {
    if (r.date < '2017-01-01' || r.date > '2017-12-31') continue
    const prev = best.get(r.title!)
    if (prev === undefined || points[r.kind].gt(prev)) best.set(r.title!, points[r.kind])
  }
  let innovation = new D(0)
  for (const v of best.values()) innovation = innovation.plus(v)
  items['innovation'] = clamp(D.min(innovation, 10), 0, 10)

  const exact = clamp(items['key-targets'].plus(items['work-links']).plus(items['innovation']), 0, 110)
  return {
    items: Object.fromEntries(Object.entries(items).map(([id, v]) => [id, v.toFixed()])),
    exactTotal: exact.toFixed(),
    total: exact.toFixed(2, D.ROUND_HALF_UP),
  }
}

describe('kaoping against the reference evaluator of the Xuzhou rubric', () => {
  const xuzhou = loadXuzhou()

  // The reference reproduces the shipped, hand-worked example before it is trusted on random evidence.
  it('the reference agrees with examples/xuzhou-statistics-2017/expected.json', () => {
    const dir = join(root, 'examples', 'xuzhou-statistics-2017')
    const evidence = parse(readFileSync(join(dir, 'evidence.yaml'), 'utf8')) as { subjects: XuzhouSubject[] }
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { subjects: { id: string; total: string; exactTotal: string; items: Record<string, string> }[] }
    for (const s of evidence.subjects) {
      const want = expected.subjects.find((x) => x.id === s.id)!
      const got = reference(s)
      expect({ total: got.total, exactTotal: got.exactTotal, items: got.items }, s.id).toEqual({ total: want.total, exactTotal: want.exactTotal, items: want.items })
    }
  })

  // Guards every rule of the rubric at once: on random evidence and parameters, kaoping's total, exact total and
  // every item's score equal the reference's.
  it('total, exact total and every item score equal the reference', () => {
    fc.assert(
      fc.property(xuzhouSubjectArb(), paramsArb, (subject, params) => {
        const r = unwrapOk(xuzhou.evaluate(subject, params && Object.keys(params).length ? { params: { ...params } } : {}))
        const want = reference(subject, params)
        const got = { items: Object.fromEntries(allItems(r.items).map((i) => [i.id, i.score])), exactTotal: r.exactTotal, total: r.total }
        expect(got).toEqual(want)
      }),
      { numRuns: runs(400), ...fcSeed },
    )
  })
})

// --- the fast evidence check never accepts what ajv rejects ----------------------------------------------------------

/** A second rubric with every kind of fact and field the fast check compiles (the Xuzhou rubric has only three). */
const allKinds: Rubric = RubricSchema.parse({
  ...base,
  total: 10,
  facts: {
    flag: { type: 'boolean', title: '是否' },
    share: { type: 'rate', title: '比例' },
    amount: { type: 'number', title: '金額', min: '-2.5', max: 100 },
    free: { type: 'number', title: '任意數' },
    count: { type: 'integer', title: '次數', min: 0, max: 12 },
    optionalCount: { type: 'integer', title: '可選次數', required: false },
    day: { type: 'date', title: '日期' },
    level: { type: 'enum', values: ['a', 'b', '1'], title: '等級' },
  },
  records: {
    articles: {
      title: '信息',
      fields: {
        piece: { type: 'string' },
        date: { type: 'date' },
        words: { type: 'integer' },
        weight: { type: 'number' },
        adopted: { type: 'boolean' },
        level: { type: 'enum', values: ['national', 'provincial'] },
      },
      key: 'piece',
      date: 'date',
    },
    notes: { title: '備註', fields: { text: { type: 'string' } } },
  },
  items: [{ kind: 'check', id: 'flagged', title: '是否', max: 10, fact: 'flag' }],
})

const UNKNOWN_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'extra', 'Facts', 'id ', '']

/** Values of every JSON type, in the shapes that sit on either side of the schemas' lines. */
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null, true, false, 0, -0, 1, -1, 0.5, 1.5, -0.5, 2, 12, 13, 100, 100.5, -2.5, -2.6, 1e21, 1e-7, 5e-324, 1.7976931348623157e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2,
    '', '0', '1', '0.5', '1.0', '1.00', '1.5', '1.01', '.5', '5.', '+0.5', '-0.5', '-0', '0.5e1', '1e-3', ' 0.5', '0.5 ', '0.5\n', '\n0.5', '0x1', 'NaN', 'Infinity',
    'true', 'false', 'null', '2017-01-01', '2017-13-45', '2017-1-1', '20170101', '2017-01-01T00:00:00Z', '２０１７-01-01', '٠.٥', 'a', 'b', '1', 'national', 'innovation', 'national-adoption',
    [], {}, [1], ['a'], { a: 1 },
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -20, max: 20 }),
  fc.string({ maxLength: 8 }),
  fc.jsonValue({ maxDepth: 2 }),
)

/** Values right at the lines the schemas draw (rate and integer bounds, decimal and date string formats). */
const lineValue: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  -1, -0.5, -0.000001, 1.000001, 1.01, 1.5, 12, 12.5, 13, 100.000001, 100.5, -2.500001, -3,
  '-1', '-0.5', '1.01', '1.5', '1.000', '1.0000001', '2', '10', '-0', '+1', '00.5', '0.', '1.', '0.5e1', '.5', '1,5', '0.5.5', '--1', '1-',
  '2017-02-30', '2017-1-01', '17-01-01', ' 2017-01-01', '2017-01-01 ', 'A', 'B', 'Provincial', 1, 0,
)

/** Sets an own enumerable property (also `__proto__`, which a plain assignment would turn into a prototype). */
function put(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true })
}
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

type Mutation = { at: 'top' | 'facts' | 'records' | 'row' | 'field'; op: 'set' | 'delete'; key: string; value: unknown; index: number }

/** Applies mutations to a JSON copy of a valid subject, then round-trips it through JSON.parse (own "__proto__" keys). */
function mutate(valid: unknown, mutations: Mutation[]): unknown {
  const s = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>
  for (const m of mutations) {
    let target: unknown
    if (m.at === 'top') target = s
    else if (m.at === 'facts') target = s.facts
    else if (m.at === 'records') target = s.records
    else {
      const lists = isObj(s.records) ? Object.values(s.records).filter(Array.isArray) : []
      const list = lists[m.index % Math.max(1, lists.length)]
      const at = Math.floor(m.index / 3)
      if (m.at === 'row') {
        if (list) {
          if (m.op === 'delete') list.splice(at % Math.max(1, list.length), 1)
          else list[at % (list.length + 1)] = m.value
        }
        continue
      }
      target = list?.[at % Math.max(1, list.length)]
    }
    if (!isObj(target)) continue
    if (m.op === 'delete') delete target[m.key]
    else put(target, m.key, m.value)
  }
  return JSON.parse(JSON.stringify(s))
}

function mutationArb(factNames: readonly string[], recordNames: readonly string[], fieldNames: readonly string[], rowArb: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> {
  // Mostly declared names (a wrong value where a right one was), sometimes unknown or prototype keys.
  const key = (declared: readonly string[]) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...declared) }, { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_KEYS) })
  const op = fc.constantFrom('set' as const, 'set' as const, 'delete' as const)
  const value = fc.oneof({ weight: 3, arbitrary: weirdValue }, { weight: 3, arbitrary: lineValue }, { weight: 1, arbitrary: rowArb })
  const index = fc.nat(30)
  return fc.oneof(
    { weight: 2, arbitrary: fc.record({ at: fc.constant('top' as const), op, key: key(['id', 'name', 'facts', 'records', 'notApplicable', 'adjustments', 'self', 'periods']), value, index }) },
    { weight: 4, arbitrary: fc.record({ at: fc.constant('facts' as const), op, key: key(factNames), value, index }) },
    { weight: 2, arbitrary: fc.record({ at: fc.constant('records' as const), op, key: key(recordNames), value: fc.oneof(value, fc.array(rowArb, { maxLength: 3 })), index }) },
    { weight: 2, arbitrary: fc.record({ at: fc.constant('row' as const), op, key: fc.constant(''), value: fc.oneof(rowArb, fc.constantFrom<unknown>([], [{}], null, 'row', 0, {}), weirdValue), index }) },
    { weight: 3, arbitrary: fc.record({ at: fc.constant('field' as const), op, key: key(fieldNames), value, index }) },
  )
}

/** Ids on both sides of the schema's length limits (1–200 code points; the fast check counts UTF-16 units). */
const idArb = fc.oneof(
  fc.string({ maxLength: 5 }),
  fc.constantFrom('', 'x'.repeat(200), 'x'.repeat(201), '𝒳'.repeat(100), '𝒳'.repeat(101), '𝒳'.repeat(200), '𝒳'.repeat(201), '\ud835'),
)

const kindsValidArb: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    {
      id: idArb,
      name: fc.string({ maxLength: 4 }),
      facts: fc.record(
        {
          flag: fc.boolean(),
          share: fc.oneof(fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000), fc.constantFrom('0', '1', '0.25', '1.000')),
          amount: fc.oneof(fc.integer({ min: -2500, max: 100000 }).map((n) => n / 1000), fc.constantFrom('-7', '1000.5', '3')),
          free: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 100), fc.constantFrom('-1.5', '2')),
          count: fc.integer({ min: 0, max: 12 }),
          optionalCount: fc.integer(),
          day: fc.constantFrom('2017-01-01', '2017-12-31', '1999-99-99'),
          level: fc.constantFrom('a', 'b', '1'),
        },
        { requiredKeys: ['flag', 'share', 'amount', 'free', 'count', 'day', 'level'] },
      ),
      records: fc.record(
        {
          articles: fc.array(
            fc.record(
              {
                piece: fc.string({ maxLength: 3 }),
                date: fc.constantFrom('2017-06-01', '2018-01-01'),
                words: fc.integer({ min: -5, max: 5000 }),
                weight: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 1000), fc.constant('0.5')),
                adopted: fc.boolean(),
                level: fc.constantFrom('national', 'provincial'),
              },
              { requiredKeys: ['piece', 'date'] },
            ),
            { maxLength: 4 },
          ),
          notes: fc.array(fc.record({ text: fc.string({ maxLength: 3 }) }, { requiredKeys: [] }), { maxLength: 2 }),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['id', 'facts'] },
  )
  .map((s) => JSON.parse(JSON.stringify(s)) as Record<string, unknown>) // -0 → 0, as JSON evidence would have it

describe('the compiled evidence check never accepts what the JSON Schema rejects', () => {
  const AjvClass = ((Ajv as unknown as { default?: typeof Ajv }).default ?? Ajv) as typeof Ajv
  const xuzhou = loadXuzhou().rubric

  const check = (rubric: Rubric, subjects: fc.Arbitrary<unknown>, numRuns: number) => {
    const validate = new AjvClass().compile(subjectSchema(rubric)) // ajv's defaults
    const checker = evidenceChecker(rubric)
    const fast = (x: unknown) => checker(x, 0).length === 0
    let accepted = 0
    let rejected = 0
    fc.assert(
      fc.property(subjects, (x) => {
        const f = fast(x)
        const a = validate(x)
        if (f) accepted++
        else if (!a) rejected++
        if (f && !a) expect.fail(`the compiled check accepts what ajv rejects: ${JSON.stringify(validate.errors)}`)
      }),
      { numRuns, ...fcSeed },
    )
    // The generator must reach both sides of the line, or the property says nothing.
    if (numRuns >= 200) {
      expect(accepted, 'evidence the fast check accepted').toBeGreaterThan(numRuns / 20)
      expect(rejected, 'evidence both rejected').toBeGreaterThan(numRuns / 20)
    }
  }

  // Guards the promise in compile/evidence-schema.ts: the published schema accepts all the compiled check accepts.
  it('Xuzhou: mutated valid evidence, unknown and prototype keys, wrong types, missing facts', () => {
    const xuzhouRow = fc.record({ title: weirdValue, kind: fc.constantFrom('innovation', 'national-adoption', 'provincial-adoption', 'other'), date: fc.constantFrom('2017-01-01', '2017-1-1') }, { requiredKeys: [] })
    const subjects = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(xuzhouSubjectArb(idArb, 4), fc.array(mutationArb(Object.keys(xuzhou.facts ?? {}), ['innovations'], ['title', 'kind', 'date'], xuzhouRow), { maxLength: 2 })).map(([s, ms]) => mutate(s, ms)) },
      { weight: 1, arbitrary: weirdValue },
    )
    check(xuzhou, subjects, runs(1500))
  })

  it('a rubric with every fact and field type: mutated evidence and arbitrary JSON', () => {
    const row = fc.dictionary(fc.constantFrom('piece', 'date', 'words', 'weight', 'adopted', 'level', 'text', '__proto__', 'x'), weirdValue, { maxKeys: 4 })
    const subjects = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(kindsValidArb, fc.array(mutationArb(Object.keys(allKinds.facts ?? {}), ['articles', 'notes'], ['piece', 'date', 'words', 'weight', 'adopted', 'level', 'text'], row), { maxLength: 2 })).map(([s, ms]) => mutate(s, ms)) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    )
    check(allKinds, subjects, runs(1500))
  })
})
