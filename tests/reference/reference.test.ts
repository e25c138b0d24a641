/**
 * Tests of the independent reference evaluator (tests/reference/reference.ts):
 *  1. every shipped rubric's example evidence against examples/<id>/expected.json;
 *  2. small hand-worked cases, one or more per construct of docs/rubric-language.md, with the working beside
 *     each expectation.
 * The reference and these tests are written from the documents only; nothing of src/ is read or imported.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { referenceDetails, referenceEvaluate, type RefOptions } from './reference'

const ROOT = join(__dirname, '..', '..')
const readYaml = (path: string): any => parse(readFileSync(join(ROOT, path), 'utf8'))

// ---------------------------------------------------------------------------------------------------------
// 1. The shipped examples
// ---------------------------------------------------------------------------------------------------------

const EXAMPLES = [
  'xuzhou-statistics-2017',
  'bozhou-safety-2009',
  'bozhou-county-target-2009',
  'linxi-learning-org',
  'xiangdong-civil-affairs-publicity',
  'hubei-archives-2011',
]

describe('shipped examples: examples/<id>/expected.json', () => {
  for (const id of EXAMPLES) {
    const rubric = readYaml(`rubrics/${id}.yaml`)
    const evidence = readYaml(`examples/${id}/evidence.yaml`)
    const expected = JSON.parse(readFileSync(join(ROOT, `examples/${id}/expected.json`), 'utf8'))
    const options: RefOptions = { asOf: evidence.asOf, period: evidence.period, params: evidence.params }
    // bozhou-county-target-2009 links bozhou-safety-2009 (link.json): two subjects give their score fact as that
    // rubric's evidence. The brief allowed skipping them; the reference scores them instead through its optional
    // `links` option (the linked rubric's rounded total). The same subjects are also checked with the link
    // removed, where such evidence must be refused.
    const linkFile = join(ROOT, `examples/${id}/link.json`)
    const linked: string[] = existsSync(linkFile) ? JSON.parse(readFileSync(linkFile, 'utf8')) : []
    const links = Object.fromEntries(linked.map((l) => [l, readYaml(`rubrics/${l}.yaml`)]))

    describe(id, () => {
      for (const subject of evidence.subjects) {
        const want = expected.subjects.find((s: any) => s.id === subject.id)
        it(subject.id, () => {
          const details = referenceDetails(rubric, subject, { ...options, links })
          const r = details.outcome
          if (!r.ok) throw new Error(`refused: ${r.code}`)
          expect(r.total).toBe(want.total)
          expect(r.exactTotal).toBe(want.exactTotal)
          for (const [item, score] of Object.entries(want.items ?? {})) expect([item, r.items[item]]).toEqual([item, score])
          // not part of the total, but worked by hand in the examples too
          if (want.self !== undefined) expect(details.selfTotal).toBe(want.self)
          for (const [q, v] of Object.entries<any>(want.quotas ?? {})) expect([q, details.shortfalls?.[q]]).toEqual([q, String(v.shortfall)])
        })
      }
      if (linked.length > 0) {
        it('nested evidence for a score fact without the link is refused (EVIDENCE_INVALID)', () => {
          const nested = evidence.subjects.filter((s: any) =>
            Object.values(s.facts ?? {}).some((v) => v !== null && typeof v === 'object'),
          )
          expect(nested.length).toBe(2) // qiaocheng and lixin
          for (const s of nested) expect(referenceEvaluate(rubric, s, options)).toEqual({ ok: false, code: 'EVIDENCE_INVALID' })
        })
      }
    })
  }

  it('counts: 44 example subjects in all', () => {
    const n = EXAMPLES.reduce((acc, id) => acc + readYaml(`examples/${id}/evidence.yaml`).subjects.length, 0)
    expect(n).toBe(44)
  })
})

// ---------------------------------------------------------------------------------------------------------
// rubrics/xuzhou-statistics-2017.test.yaml: its cases, each worked by hand in that file
// ---------------------------------------------------------------------------------------------------------

describe('rubrics/xuzhou-statistics-2017.test.yaml cases (totals and items)', () => {
  const rubric = readYaml('rubrics/xuzhou-statistics-2017.yaml')
  const tests = readYaml('rubrics/xuzhou-statistics-2017.test.yaml')
  for (const c of tests.cases) {
    const subjects = c.subjects ?? [c.subject]
    it(c.name, () => {
      for (const s of subjects) {
        const subject = { ...s, facts: { ...tests.base.facts, ...s.facts } }
        const r = referenceEvaluate(rubric, subject, { params: c.params, asOf: c.asOf, period: c.period })
        if (!r.ok) throw new Error(`refused: ${r.code}`)
        const want = c.expect[s.id]
        // the file compares numbers by exact value: 97, "97.00" and 97.0 are the same
        if (want.total !== undefined) expect(Number(r.total)).toBe(Number(want.total))
        if (want.exactTotal !== undefined) expect(r.exactTotal).toBe(String(want.exactTotal))
        for (const [item, v] of Object.entries(want.items ?? {})) expect([item, r.items[item]]).toEqual([item, String(v)])
      }
    })
  }
})

describe('docs/evidence.md §5: the full Xuzhou subject (不適用, an adjustment, a self-assessment)', () => {
  it('scores as the table of §5 says', () => {
    const rubric = readYaml('rubrics/xuzhou-statistics-2017.yaml')
    const subject = {
      id: 'fengxian',
      facts: {
        countyStandardised: true, provincialDemonstration: false, townshipPassRate: 0.875, townshipSamplingRatio: '0.33',
        devZonePassRate: 1, onlineQualifiedRate: 0.96, villageQualifiedRate: 0.58, chiefStatisticianRate: 0.405,
        virtualSurveyTeam: true, materials: 3, ledger: 3, achievements: 13, countyApplications: 4, enterpriseAcceptance: 4,
        workInformation: 5, classifiedGuidance: 4, lookBack: 3, provincialShowcase: 2, regulationMeasures: '2.5',
      },
      records: {
        innovations: [
          { title: '鄉鎮統計站季度巡查制度', kind: 'innovation', date: '2017-05-16' },
          { title: '企業統計臺賬電子化', kind: 'national-adoption', date: '2017-11-02' },
          { title: '村級統計員微課堂', kind: 'innovation', date: '2016-12-20' },
        ],
      },
      notApplicable: ['dev-zone-acceptance'],
      adjustments: [{ item: 'look-back', to: 2, reason: '複核', approver: '考評小組', date: '2018-01-15' }],
      self: { facts: { provincialDemonstration: true, townshipPassRate: 0.9 } },
    }
    const d = referenceDetails(rubric, subject, { asOf: '2017-12-31', period: { from: '2017-01-01', to: '2017-12-31' }, params: { spotCheckRounding: 'ceil' } })
    if (!d.outcome.ok) throw new Error(d.outcome.code)
    // (3 + 0 + 7 + 7 + 10 + 2.025 + 5) × 50 ÷ 47 = 34.025 × 50 ÷ 47 = 36.1968085… → 36.196809
    expect(d.outcome.items['key-targets']).toBe('36.196809')
    expect(d.outcome.items['look-back']).toBe('2') // adjusted (computed 3)
    expect(d.outcome.items['work-links']).toBe('42.5') // 3 + 3 + 13 + 4 + 4 + 5 + 4 + 2 + 2 + 2.5
    expect(d.outcome.items.innovation).toBe('5') // 2 + 3; the 2016 record is outside the span
    expect([d.outcome.exactTotal, d.outcome.total]).toEqual(['83.696809', '83.70'])
    // self: + 7 (provincial-demonstration) + 3 (township 0.9 meets the target) in (一), rescaled: 44.025 × 50 ÷ 47 =
    // 46.835106; (二) 43.5 (look-back not adjusted); (三) 5 → 95.335106 → 95.34
    expect(d.selfTotal).toBe('95.34')
  })
})

// ---------------------------------------------------------------------------------------------------------
// 2. Hand-worked cases
// ---------------------------------------------------------------------------------------------------------

/** A rubric around items; total = Σ top-level max unless given. */
function rubricOf(items: any[], extra: Record<string, any> = {}): any {
  const total = items.reduce((acc, i) => acc + Math.round(Number(i.max) * 1e6), 0) / 1e6 // test helper only
  return { kaoping: 1, id: 'unit', title: 'unit', total, rounding: { places: 6, mode: 'half-even' }, items, ...extra }
}

function score(rubric: any, subject: any, options?: RefOptions): { total: string; exactTotal: string; items: Record<string, string> } {
  const r = referenceEvaluate(rubric, { id: 'u1', ...subject }, options)
  if (!r.ok) throw new Error(`refused: ${r.code}`)
  return r
}

function refusal(rubric: any, subject: any, options?: RefOptions): string {
  const r = referenceEvaluate(rubric, { id: 'u1', ...subject }, options)
  return r.ok ? `scored ${r.exactTotal}` : r.code
}

const exact = (rubric: any, subject: any, options?: RefOptions) => score(rubric, subject, options).exactTotal

const judged = (id: string, max: number | string, fact: string, extra: any = {}) => ({ kind: 'judged', id, title: id, max, fact, ...extra })
const check = (id: string, max: number | string, fact: string, extra: any = {}) => ({ kind: 'check', id, title: id, max, fact, ...extra })
const section = (id: string, max: number | string, items: any[], extra: any = {}) => ({ kind: 'section', id, title: id, max, items, ...extra })
const num = (extra: any = {}) => ({ type: 'number', title: 'n', ...extra })
const bool = { type: 'boolean', title: 'b' }
const rate = { type: 'rate', title: 'r' }

describe('§8 the item tree', () => {
  it('a section is the sum of its items', () => {
    const r = rubricOf([section('s', 10, [check('a', 4, 'fa'), check('b', 6, 'fb')])], { facts: { fa: bool, fb: bool } })
    expect(exact(r, { facts: { fa: true, fb: true } })).toBe('10') // 4 + 6
    expect(exact(r, { facts: { fa: true, fb: false } })).toBe('4') // 4 + 0
  })

  it('cap: true keeps a bonus section at its max', () => {
    const r = rubricOf(
      [
        section('bonus', 10, [
          { kind: 'count', id: 'x', title: 'x', max: 10, records: 'xs', points: 3 },
          { kind: 'count', id: 'y', title: 'y', max: 10, records: 'ys', points: 4 },
        ], { cap: true }),
      ],
      { records: { xs: { title: 'x', fields: { t: { type: 'string' } } }, ys: { title: 'y', fields: { t: { type: 'string' } } } } },
    )
    const three = [{ t: '1' }, { t: '2' }, { t: '3' }]
    const two = [{ t: '1' }, { t: '2' }]
    const s = score(r, { records: { xs: three, ys: two } })
    expect(s.items.x).toBe('9') // 3 × 3
    expect(s.items.y).toBe('8') // 2 × 4
    expect(s.exactTotal).toBe('10') // 9 + 8 = 17, capped at the section's 10
  })

  it('不適用 rescale: the section is scaled back up to the max of all its items', () => {
    const r = rubricOf([section('s', 23, [judged('j1', 10, 'f1'), judged('j2', 10, 'f2'), check('c', 3, 'fc')])], {
      facts: { f1: num(), f2: num(), fc: bool },
    })
    const facts = { f1: 7, f2: 8, fc: true }
    expect(exact(r, { facts })).toBe('18') // 7 + 8 + 3
    const s = score(r, { facts, notApplicable: ['c'] })
    expect(s.exactTotal).toBe('17.25') // (7 + 8) × 23 ÷ 20 = 345 ÷ 20
    expect(s.items.c).toBe('0') // an item 不適用 scores 0
  })

  it('the rescale is rounded half-even to 6 places', () => {
    const r = rubricOf([section('s', 7, [judged('j1', 3, 'f1'), judged('j2', 3, 'f2'), check('c', 1, 'fc')])], {
      facts: { f1: num(), f2: num(), fc: bool },
    })
    // (2 + 3) × 7 ÷ 6 = 35 ÷ 6 = 5.8333333… → 5.833333
    expect(exact(r, { facts: { f1: 2, f2: 3, fc: true }, notApplicable: ['c'] })).toBe('5.833333')
  })

  it('R6: the rescale rounds at each step (multiply, then divide)', () => {
    const r = rubricOf(
      [section('s', 1.5, [judged('a', 0.25, 'fa'), check('b', 0.25, 'fb'), check('c', 1, 'fc')])],
      { facts: { fa: num(), fb: bool, fc: bool } },
    )
    // c dropped: sum 0.000001 + 0; × 1.5 (all) = 0.0000015 → half-even 0.000002; ÷ 0.5 (kept) = 0.000004.
    // (Rounded once at the end it would be 0.000003.)
    expect(exact(r, { facts: { fa: 0.000001, fb: false, fc: true }, notApplicable: ['c'] })).toBe('0.000004')
  })

  it('不適用 zero: the item counts 0 of its max, nothing is rescaled', () => {
    const r = rubricOf([section('s', 23, [judged('j1', 10, 'f1'), judged('j2', 10, 'f2'), check('c', 3, 'fc', { notApplicable: 'zero' })])], {
      facts: { f1: num(), f2: num(), fc: bool },
    })
    expect(exact(r, { facts: { f1: 7, f2: 8, fc: true }, notApplicable: ['c'] })).toBe('15') // 7 + 8 + 0
  })

  it('the rubric-level notApplicable is the default policy of every item', () => {
    const r = rubricOf([judged('j', 10, 'f'), check('c', 10, 'fc')], { facts: { f: num(), fc: bool }, notApplicable: 'zero' })
    expect(exact(r, { facts: { f: 6, fc: true }, notApplicable: ['c'] })).toBe('6') // 6 + 0, no rescale
  })

  it('a section whose items are all dropped becomes 不適用 itself, treated by its own policy', () => {
    const items = (policy?: string) => [
      section('s1', 10, [check('a', 10, 'fa')], policy ? { notApplicable: policy } : {}),
      judged('k', 10, 'fk'),
    ]
    const facts = { facts: { fa: bool, fk: num() } }
    const subject = { facts: { fa: true, fk: 6 }, notApplicable: ['a'] }
    // s1 (rescale by default) is dropped at the top: total = 6 × 20 ÷ 10 = 12
    expect(exact(rubricOf(items(), facts), subject)).toBe('12')
    // s1 with policy zero counts 0 of its 10: total = 0 + 6
    expect(exact(rubricOf(items('zero'), facts), subject)).toBe('6')
  })

  it('dropping a top-level item rescales the total', () => {
    const r = rubricOf([judged('j', 30, 'f'), check('c', 10, 'fc')], { facts: { f: num(), fc: bool } })
    expect(exact(r, { facts: { f: 21, fc: false }, notApplicable: ['c'] })).toBe('28') // 21 × 40 ÷ 30
  })

  it('marking a section 不適用 marks everything inside and reads nothing inside', () => {
    const r = rubricOf(
      [
        section('s', 5, [
          { kind: 'bands', id: 'b', title: 'b', max: 5, fact: 'r', bands: [{ from: 0, to: 0.5, edges: '[]', points: 5 }] },
        ]),
        judged('k', 5, 'fk'),
      ],
      { facts: { r: rate, fk: num() } },
    )
    const facts = { r: 0.9, fk: 4 } // 0.9 is in no band: refused if read
    expect(refusal(r, { facts })).toBe('EVIDENCE_NO_BAND')
    const s = score(r, { facts, notApplicable: ['s'] })
    expect(s.exactTotal).toBe('8') // s dropped: 4 × 10 ÷ 5
    expect(s.items.b).toBe('0') // inside a section 不適用
    expect(s.items.s).toBe('0')
  })

  it('requires / otherwise on a leaf', () => {
    const r = rubricOf(
      [{ kind: 'check', id: 'c', title: 'c', max: 5, when: { fact: 'flag', is: true }, requires: { fact: 'ratio', atLeast: 0.3 }, otherwise: 1 }],
      { facts: { flag: bool, ratio: rate } },
    )
    expect(exact(r, { facts: { flag: true, ratio: 0.25 } })).toBe('1') // 0.25 < 0.3: the rule is not run → otherwise 1
    expect(exact(r, { facts: { flag: true, ratio: 0.3 } })).toBe('5') // 0.3 ≥ 0.3 (atLeast includes): flag → 5
    expect(exact(r, { facts: { flag: false, ratio: 0.3 } })).toBe('0') // requires holds, when fails → else 0
  })

  it('requires / otherwise on a section: its items are still scored, but do not count', () => {
    const r = rubricOf([section('s', 10, [check('a', 10, 'fa')], { requires: { fact: 'g', is: true }, otherwise: 2 })], {
      facts: { fa: bool, g: bool },
    })
    const s = score(r, { facts: { fa: true, g: false } })
    expect(s.items.a).toBe('10') // scored and listed
    expect(s.items.s).toBe('2') // otherwise
    expect(s.exactTotal).toBe('2')
  })

  it('every score is kept within [min, max]', () => {
    const r = rubricOf(
      [{ kind: 'deduct', id: 'd', title: 'd', min: 2, max: 10, fact: 'r', target: 0.9, step: 0.01, points: 1, rounding: 'ceil', floor: 0 }],
      { facts: { r: rate } },
    )
    // gap 0.4 = 40 steps → 40; max(floor 0, 10 − 40) = 0; then kept within [2, 10] → 2
    expect(exact(r, { facts: { r: 0.5 } })).toBe('2')
  })
})

describe('§17 manual adjustments', () => {
  const r = rubricOf([section('s', 10, [judged('j', 5, 'f'), check('c', 5, 'fc')])], { facts: { f: num(), fc: bool } })
  const facts = { f: 3, fc: true } // j 3, c 5, s 8
  const adj = (a: any) => ({ reason: 'r', approver: 'a', ...a })

  it('to / by, and the change flows upward', () => {
    const to = score(r, { facts, adjustments: [adj({ item: 'j', to: 4 })] })
    expect([to.items.j, to.items.s, to.exactTotal]).toEqual(['4', '9', '9']) // 4 + 5
    const by = score(r, { facts, adjustments: [adj({ item: 'j', by: -1 })] })
    expect([by.items.j, by.exactTotal]).toEqual(['2', '7']) // 3 − 1 = 2; 2 + 5
    expect(exact(r, { facts, adjustments: [adj({ item: 'j', by: '0.5' })] })).toBe('8.5') // 3.5 + 5
  })

  it('the adjusted value must lie within [min, max] (ADJUSTMENT_INVALID)', () => {
    expect(refusal(r, { facts, adjustments: [adj({ item: 'j', to: 6 })] })).toBe('ADJUSTMENT_INVALID') // 6 > 5
    expect(refusal(r, { facts, adjustments: [adj({ item: 'j', by: 3 })] })).toBe('ADJUSTMENT_INVALID') // 3 + 3 = 6 > 5
    expect(refusal(r, { facts, adjustments: [adj({ item: 'j', by: -4 })] })).toBe('ADJUSTMENT_INVALID') // −1 < 0
  })

  it('one per item: a later adjustment replaces an earlier one', () => {
    const s = score(r, { facts, adjustments: [adj({ item: 'j', to: 6 }), adj({ item: 'j', to: 1 })] })
    expect(s.exactTotal).toBe('6') // only "to 1" applies (the out-of-bounds 6 is replaced): 1 + 5
  })

  it('an adjustment of an item 不適用 has no effect', () => {
    const s = score(r, { facts, notApplicable: ['j'], adjustments: [adj({ item: 'j', to: 99 })] })
    expect(s.exactTotal).toBe('10') // j dropped: 5 × 10 ÷ 5; the adjustment (even out of bounds) is ignored
  })

  it('a section and the total can be adjusted', () => {
    expect(exact(r, { facts, adjustments: [adj({ item: 's', to: 9.5 })] })).toBe('9.5')
    expect(exact(r, { facts, adjustments: [adj({ item: 'total', by: -1.5 })] })).toBe('6.5') // 8 − 1.5
    expect(refusal(r, { facts, adjustments: [adj({ item: 'total', by: 3 })] })).toBe('ADJUSTMENT_INVALID') // 11 > total 10
  })

  it('the form of an adjustment is checked (EVIDENCE_INVALID)', () => {
    expect(refusal(r, { facts, adjustments: [adj({ item: 'j', to: 1, by: 1 })] })).toBe('EVIDENCE_INVALID') // both
    expect(refusal(r, { facts, adjustments: [adj({ item: 'j' })] })).toBe('EVIDENCE_INVALID') // neither
    expect(refusal(r, { facts, adjustments: [adj({ item: 'nope', to: 1 })] })).toBe('EVIDENCE_INVALID') // no such item
  })
})

describe('§9 check', () => {
  it('fact shorthand: max when true, 0 when false', () => {
    const r = rubricOf([check('c', 7, 'b')], { facts: { b: bool } })
    expect(exact(r, { facts: { b: true } })).toBe('7')
    expect(exact(r, { facts: { b: false } })).toBe('0')
  })

  it('when with points and else (points a parameter)', () => {
    const r = rubricOf([{ kind: 'check', id: 'c', title: 'c', max: 5, when: { fact: 'att', atLeast: 0.9 }, points: { param: 'p' }, else: 2 }], {
      facts: { att: rate },
      params: { p: { type: 'number', default: 5, title: 'p' } },
    })
    expect(exact(r, { facts: { att: 0.9 } })).toBe('5') // 0.9 ≥ 0.9 → points 5
    expect(exact(r, { facts: { att: '0.899999' } })).toBe('2') // below → else 2
    expect(exact(r, { facts: { att: 0.95 } }, { params: { p: '4.5' } })).toBe('4.5') // the override
  })
})

describe('§9 judged', () => {
  const r = (extra: any = {}) => rubricOf([judged('j', 3, 'f', { min: 1, ...extra })], { facts: { f: num() } })
  it('the fact within [min, max]; outside clamped', () => {
    expect(exact(r(), { facts: { f: 2.5 } })).toBe('2.5')
    expect(exact(r(), { facts: { f: 4 } })).toBe('3') // 4 → 3
    expect(exact(r(), { facts: { f: 0.5 } })).toBe('1') // 0.5 → 1
  })
  it('outOfRange: error refuses (EVIDENCE_OUT_OF_RANGE)', () => {
    expect(refusal(r({ outOfRange: 'error' }), { facts: { f: 4 } })).toBe('EVIDENCE_OUT_OF_RANGE')
    expect(exact(r({ outOfRange: 'error' }), { facts: { f: 3 } })).toBe('3')
  })
})

describe('§9 deduct (with R1)', () => {
  const item = (extra: any = {}) => ({ kind: 'deduct', id: 'd', title: 'd', max: 10, fact: 'r', target: 0.9, step: 0.01, points: 1, rounding: 'ceil', floor: 0, ...extra })
  const r = (extra: any = {}) => rubricOf([item(extra)], { facts: { r: rate } })
  it('the worked example: 87.5% with ceil, floor, exact', () => {
    expect(exact(r(), { facts: { r: 0.875 } })).toBe('7') // gap 0.025 = 2.5 steps; ⌈2.5⌉ = 3 → 10 − 3
    expect(exact(r({ rounding: 'floor' }), { facts: { r: 0.875 } })).toBe('8') // ⌊2.5⌋ = 2
    expect(exact(r({ rounding: 'exact' }), { facts: { r: 0.875 } })).toBe('7.5') // 0.025 × 1 ÷ 0.01 = 2.5
    expect(exact(r(), { facts: { r: 0.9 } })).toBe('10') // target met
    expect(exact(r(), { facts: { r: 0.88 } })).toBe('8') // exactly 2 steps
    expect(exact(r(), { facts: { r: 0.75 } })).toBe('0') // 15 points, stops at the floor 0
  })
  it('rounding from a parameter, and its override', () => {
    const rp = rubricOf([item({ rounding: { param: 'rnd' } })], { facts: { r: rate }, params: { rnd: { type: 'rounding', default: 'ceil', title: 'r' } } })
    expect(exact(rp, { facts: { r: 0.875 } })).toBe('7')
    expect(exact(rp, { facts: { r: 0.875 } }, { params: { rnd: 'floor' } })).toBe('8')
  })
  it('direction above deducts for exceeding the target', () => {
    // error rate 0.035, target 0.02: gap 0.015 = 1.5 steps of 0.01 → ⌈1.5⌉ = 2 × 2 points = 4 → 10 − 4 = 6
    expect(exact(r({ direction: 'above', target: 0.02, points: 2 }), { facts: { r: 0.035 } })).toBe('6')
    expect(exact(r({ direction: 'above', target: 0.02, points: 2 }), { facts: { r: 0.01 } })).toBe('10') // below: met
  })
  it('exact deduction rounds half-even to 6 places', () => {
    // gap 0.01 × 1 ÷ 0.03 = 0.333333… → 0.333333; 10 − 0.333333 = 9.666667
    expect(exact(r({ rounding: 'exact', step: 0.03 }), { facts: { r: 0.89 } })).toBe('9.666667')
  })
  it('from, and R1: max(floor, from − deduction) even when the target is met', () => {
    expect(exact(r({ from: 8 }), { facts: { r: 0.95 } })).toBe('8') // met: from 8, not max
    expect(exact(r({ from: 8 }), { facts: { r: 0.88 } })).toBe('6') // 8 − 2
    expect(exact(r({ from: 5, floor: 6 }), { facts: { r: 0.95 } })).toBe('6') // met: max(6, 5 − 0) = 6
  })
})

describe('§9 bands', () => {
  const bands = (list: any[]) => rubricOf([{ kind: 'bands', id: 'b', title: 'b', max: 5, fact: 'r', bands: list }], { facts: { r: rate } })
  const xuzhou = bands([
    { from: 1, to: 1, edges: '[]', points: 5 },
    { from: 0.4, to: 1, edges: '[)', times: 5 },
    { from: 0, to: 0.4, points: 0 },
  ])
  it('the worked table of item 6', () => {
    expect(exact(xuzhou, { facts: { r: 0.4 } })).toBe('2') // [0.40, 1): 5 × 0.40
    expect(exact(xuzhou, { facts: { r: 0.405 } })).toBe('2.025') // 5 × 0.405
    expect(exact(xuzhou, { facts: { r: 0.999 } })).toBe('4.995') // not [1, 1]
    expect(exact(xuzhou, { facts: { r: 1 } })).toBe('5') // [1, 1]
    expect(exact(xuzhou, { facts: { r: 0.399 } })).toBe('0') // [0, 0.40) (edges default "[)")
  })
  it('edges (] and (), open ends', () => {
    const b = bands([
      { from: 0.5, to: 1, edges: '(]', points: 4 },
      { from: 0.2, to: 0.5, edges: '()', points: 2 },
      { to: 0.2, edges: '[]', points: 1 },
      { from: 0.5, to: 0.5, edges: '[]', points: 3 },
    ])
    expect(exact(b, { facts: { r: 1 } })).toBe('4') // (0.5, 1] includes 1
    expect(exact(b, { facts: { r: 0.5 } })).toBe('3') // not (0.5, …], not (…, 0.5): the band [0.5, 0.5]
    expect(exact(b, { facts: { r: 0.3 } })).toBe('2') // (0.2, 0.5)
    expect(exact(b, { facts: { r: 0.2 } })).toBe('1') // not (0.2, …); "to: 0.2" with no from, "]" includes 0.2
    expect(exact(b, { facts: { r: 0 } })).toBe('1')
  })
  it('the first band in order that contains the value wins', () => {
    const b = bands([
      { from: 0.5, to: 1, edges: '[]', points: 3 },
      { from: 0, to: 1, edges: '[]', points: 1 },
    ])
    expect(exact(b, { facts: { r: 0.6 } })).toBe('3')
    expect(exact(b, { facts: { r: 0.4 } })).toBe('1')
  })
  it('a value in no band is refused (EVIDENCE_NO_BAND), e.g. with a parameter opening a gap', () => {
    const b = rubricOf(
      [
        {
          kind: 'bands', id: 'b', title: 'b', max: 5, fact: 'r',
          bands: [
            { from: 1, to: 1, edges: '[]', points: 5 },
            { from: { param: 'coef' }, to: 1, times: 5 },
            { from: 0, to: 0.4, points: 0 },
          ],
        },
      ],
      { facts: { r: rate }, params: { coef: { type: 'rate', default: 0.4, title: 'c' } } },
    )
    expect(exact(b, { facts: { r: 0.405 } })).toBe('2.025')
    expect(refusal(b, { facts: { r: 0.405 } }, { params: { coef: 0.41 } })).toBe('EVIDENCE_NO_BAND') // [0.4, 0.41) uncovered
  })
  it('times × value is rounded half-even to 6 places', () => {
    const b = bands([{ from: 0, to: 1, edges: '[]', times: 0.333333 }])
    // 0.333333 × 0.5 = 0.1666665 → half-even → 0.166666 (half-up would give 0.166667)
    expect(exact(b, { facts: { r: 0.5 } })).toBe('0.166666')
  })
})

describe('§9 count', () => {
  const records = {
    pieces: {
      title: 'p',
      fields: { piece: { type: 'string' }, level: { type: 'enum', values: ['a', 'b', 'c'] }, date: { type: 'date' } },
      key: 'piece',
      date: 'date',
    },
    notes: { title: 'n', fields: { t: { type: 'string' } } },
  }
  const period = { unit: 'year', from: '2017-01-01', to: '2017-12-31' }
  const countItem = (extra: any) => ({ kind: 'count', id: 'n', title: 'n', max: 20, records: 'pieces', ...extra })
  const r = (extra: any) => rubricOf([countItem(extra)], { records, period })
  const recs = [
    { piece: 'p1', level: 'a', date: '2017-03-01' },
    { piece: 'p1', level: 'b', date: '2017-04-01' },
    { piece: 'p2', level: 'a', date: '2017-05-01' },
    { piece: 'p3', level: 'b', date: '2016-12-20' }, // outside the span: not counted
  ]
  const byLevel = { by: 'level', values: { a: 1, b: 10 } }

  it('records × points, in the span only', () => {
    expect(exact(r({ points: 2 }), { records: { pieces: recs } })).toBe('6') // 3 records in 2017 × 2
  })
  it('points by a field; dedupe keeps a piece once at its highest points', () => {
    expect(exact(r({ points: byLevel }), { records: { pieces: recs } })).toBe('12') // 1 + 10 + 1
    expect(exact(r({ points: byLevel, dedupe: true }), { records: { pieces: recs } })).toBe('11') // p1 at 10, p2 at 1
  })
  it('where filters; cap limits', () => {
    expect(exact(r({ points: byLevel, where: { level: 'b' } }), { records: { pieces: recs } })).toBe('10')
    expect(exact(r({ points: byLevel, where: { level: ['a', 'b'] }, cap: 5 }), { records: { pieces: recs } })).toBe('5') // 12 → cap 5
  })
  it('a field value without points is refused (EVIDENCE_INVALID)', () => {
    const more = [...recs, { piece: 'p4', level: 'c', date: '2017-06-01' }]
    expect(refusal(r({ points: byLevel }), { records: { pieces: more } })).toBe('EVIDENCE_INVALID')
  })
  it('the assessed span comes from the option (replacing the rubric period)', () => {
    const opt = { period: { from: '2016-01-01', to: '2016-12-31' } }
    expect(exact(r({ points: byLevel }), { records: { pieces: recs } }, opt)).toBe('10') // only p3 (b) in 2016
  })
  it('a record type without a date field always counts', () => {
    const rn = rubricOf([countItem({ records: 'notes', points: 2 })], { records, period })
    expect(exact(rn, { records: { notes: [{ t: 'x' }, { t: 'y' }] } })).toBe('4')
    expect(exact(rn, {})).toBe('0') // a record list not given counts as empty
  })
  it('an integer fact × points (R4: not negative without min)', () => {
    const rf = rubricOf([{ kind: 'count', id: 'n', title: 'n', max: 20, fact: 'k', points: 1.5 }], { facts: { k: { type: 'integer', title: 'k' } } })
    expect(exact(rf, { facts: { k: 4 } })).toBe('6') // 4 × 1.5
    expect(exact(rf, { facts: { k: 40 } })).toBe('20') // 60 → cap (default max) 20
    expect(refusal(rf, { facts: { k: -1 } })).toBe('EVIDENCE_OUT_OF_RANGE')
  })
})

describe('§9 deductions', () => {
  const r = (extra: any = {}) =>
    rubricOf(
      [
        {
          kind: 'deductions', id: 'h', title: 'h', max: 10, floor: 0,
          deductions: [
            { id: 'late', title: 'late', fact: 'late', points: 1, cap: 5 },
            { id: 'gap', title: 'gap', records: 'files', where: { complete: false }, points: 0.5 },
          ],
          ...extra,
        },
      ],
      { facts: { late: num({ min: 0 }) }, records: { files: { title: 'f', fields: { complete: { type: 'boolean' } } } } },
    )
  const files = [{ complete: false }, { complete: true }, { complete: false }, { complete: false }]
  it('the worked example', () => {
    expect(exact(r(), { facts: { late: 4 }, records: { files } })).toBe('4.5') // 10 − (4 + 3 × 0.5)
    expect(exact(r(), { facts: { late: 9 }, records: { files } })).toBe('3.5') // 9 → cap 5; 10 − 6.5
    expect(exact(r(), { facts: { late: 2.7 }, records: { files } })).toBe('6.5') // 2.7 faults count 2; 10 − 3.5
  })
  it('base and floor (R1)', () => {
    expect(exact(r({ base: 8 }), { facts: { late: 1 }, records: { files: [] } })).toBe('7') // 8 − 1
    expect(exact(r({ floor: 1 }), { facts: { late: 5 }, records: { files: [...files, ...files, ...files] } })).toBe('1') // 10 − 5 − 4.5 = 0.5 → floor 1
  })
  it('a number too large to score exactly (NUMBER_OUT_OF_RANGE)', () => {
    const rb = rubricOf([{ kind: 'deductions', id: 'h', title: 'h', max: 7, floor: 0, deductions: [{ id: 'l', title: 'l', fact: 'n', points: 2 }] }], {
      facts: { n: { type: 'integer', min: 0, title: 'n' } },
    })
    expect(refusal(rb, { facts: { n: 9000000000 } })).toBe('NUMBER_OUT_OF_RANGE') // 2 × 9 000 000 000 is beyond the range
  })
})

describe('§9 weighted', () => {
  const facts = {
    own: { type: 'score', rubric: 'other', max: 100, title: 'o' },
    agencies: { type: 'score', rubric: 'other', max: 100, many: true, title: 'a' },
  }
  const r = (combine?: string) =>
    rubricOf(
      [{ kind: 'weighted', id: 'w', title: 'w', max: 100, terms: [{ fact: 'own', weight: 0.6 }, { fact: 'agencies', weight: 0.4, ...(combine ? { combine } : {}) }] }],
      { facts },
    )
  const subject = { facts: { own: 91.5, agencies: [88, '90.25', 77.78] } }
  it('the worked example (mean)', () => {
    // mean (88 + 90.25 + 77.78) ÷ 3 = 256.03 ÷ 3 = 85.343333; 91.5 × 0.6 + 85.343333 × 0.4 = 54.9 + 34.137333
    expect(exact(r(), subject)).toBe('89.037333')
  })
  it('combine sum, min, max', () => {
    expect(exact(r('sum'), subject)).toBe('100') // 54.9 + 256.03 × 0.4 = 54.9 + 102.412 = 157.312 → max 100
    expect(exact(r('min'), subject)).toBe('86.012') // 54.9 + 77.78 × 0.4 = 54.9 + 31.112
    expect(exact(r('max'), subject)).toBe('91') // 54.9 + 90.25 × 0.4 = 54.9 + 36.1
  })
  it('a score outside [0, max] is refused; a score missing in a weighted term is refused', () => {
    expect(refusal(r(), { facts: { own: 150, agencies: [1] } })).toBe('EVIDENCE_OUT_OF_RANGE')
    expect(refusal(r(), { facts: { own: '150', agencies: [1] } })).toBe('EVIDENCE_OUT_OF_RANGE') // a string: when used
    expect(refusal(r(), { facts: { own: 1, agencies: [] } })).toBe('EVIDENCE_INVALID') // an empty list
    const optional = rubricOf(r().items, { facts: { ...facts, own: { ...facts.own, required: false } } })
    expect(refusal(optional, { facts: { agencies: [1] } })).toBe('EVIDENCE_MISSING') // §20: still refused
  })
  it('number and rate terms, each product rounded half-even', () => {
    const rn = rubricOf([{ kind: 'weighted', id: 'w', title: 'w', max: 10, terms: [{ fact: 'x', weight: 0.333333 }, { fact: 'y', weight: 10 }] }], {
      facts: { x: num(), y: rate },
    })
    // 0.5 × 0.333333 = 0.1666665 → 0.166666; 0.25 × 10 = 2.5; 2.666666
    expect(exact(rn, { facts: { x: 0.5, y: 0.25 } })).toBe('2.666666')
  })
})

describe('§9 quota items and §13 quotas', () => {
  const rubric = (quota: any) =>
    rubricOf([{ kind: 'quota', id: 'q', title: 'q', max: 20, quota: 'monthly', points: 2, floor: 0 }], {
      period: { unit: 'quarter', from: '2017-01-01', to: '2017-03-31' },
      records: { subs: { title: 's', fields: { piece: { type: 'string' }, date: { type: 'date' } }, date: 'date', key: 'piece' } },
      quotas: [{ id: 'monthly', title: 'm', records: 'subs', per: 'month', atLeast: 3, ...quota }],
    })
  const day = (d: string, piece = d) => ({ date: d, piece })
  const subs = [day('2017-01-05'), day('2017-01-06'), day('2017-01-07'), day('2017-02-01'), day('2017-03-01'), day('2017-03-02')]
  it('the worked example: 3, 1 and 2 against 3 a month → short 3; 20 − 2 × 3 = 14', () => {
    expect(exact(rubric({}), { records: { subs } })).toBe('14')
  })
  it('a surplus in one month does not make up for another', () => {
    const more = [...subs, day('2017-01-08'), day('2017-01-09')] // January 5, February 1, March 2 → short 0 + 2 + 1
    expect(exact(rubric({}), { records: { subs: more } })).toBe('14')
  })
  it('overrides by subject id; the floor', () => {
    expect(exact(rubric({ overrides: { u1: 1 } }), { records: { subs } })).toBe('20') // every month ≥ 1
    expect(exact(rubric({ overrides: { u1: 10 } }), { records: { subs } })).toBe('0') // short 7 + 9 + 8 = 24 → 20 − 48 → floor 0
  })
  it('distinct counts a piece once', () => {
    const dup = [day('2017-01-05', 'A'), day('2017-01-06', 'A'), day('2017-01-07', 'B'), day('2017-02-01', 'C'), day('2017-02-02', 'D'), day('2017-02-03', 'E'), day('2017-03-01', 'F'), day('2017-03-02', 'G'), day('2017-03-03', 'H')]
    expect(exact(rubric({}), { records: { subs: dup } })).toBe('20') // 3, 3, 3 records
    expect(exact(rubric({ distinct: true }), { records: { subs: dup } })).toBe('18') // January 2 pieces → short 1 → 20 − 2
  })
  it('a quota per period needs an assessed span with both ends (OPTION_INVALID)', () => {
    const noSpan = { ...rubric({}), period: { unit: 'quarter' } }
    expect(refusal(noSpan, { records: { subs } })).toBe('OPTION_INVALID')
  })
  it('without per: the count over the whole span', () => {
    expect(exact(rubric({ per: undefined, atLeast: 8 }), { records: { subs } })).toBe('16') // 6 of 8 → short 2 → 20 − 4
  })
})

/** A rubric of one check item with the condition: total 1 when it holds, 0 when not. */
function condRubric(when: any, extra: Record<string, any>): any {
  return rubricOf([{ kind: 'check', id: 'c', title: 'c', max: 1, when }], extra)
}
const holdsFor = (rubric: any, subject: any, options?: RefOptions) => exact(rubric, subject, options) === '1'

describe('§10 fact comparisons', () => {
  const facts = { r: rate, n: num(), b: bool, e: { type: 'enum', values: ['province', 'city', 'county'], title: 'e' }, i: { type: 'integer', title: 'i' } }
  const h = (when: any, f: any, params?: any, options?: RefOptions) => holdsFor(condRubric(when, { facts, ...(params ? { params } : {}) }), { facts: { r: 0, n: 0, b: false, e: 'city', i: 0, ...f } }, options)
  it('is / in for boolean, enum and numeric facts', () => {
    expect(h({ fact: 'b', is: true }, { b: true })).toBe(true)
    expect(h({ fact: 'b', is: false }, { b: true })).toBe(false)
    expect(h({ fact: 'e', in: ['province', 'city'] }, { e: 'city' })).toBe(true)
    expect(h({ fact: 'e', is: 'county' }, { e: 'city' })).toBe(false)
    expect(h({ fact: 'n', is: 0.3 }, { n: '0.30' })).toBe(true) // exact decimal equality
    expect(h({ fact: 'i', in: [3, 5] }, { i: 5 })).toBe(true)
  })
  it('between (both ends included), atLeast, atMost, above, below; several keys all must hold', () => {
    expect(h({ fact: 'i', between: [3, 5] }, { i: 3 })).toBe(true)
    expect(h({ fact: 'i', between: [3, 5] }, { i: 5 })).toBe(true)
    expect(h({ fact: 'i', between: [3, 5] }, { i: 6 })).toBe(false)
    expect(h({ fact: 'r', atLeast: 0.95 }, { r: 0.95 })).toBe(true)
    expect(h({ fact: 'r', atMost: 0.95 }, { r: 0.950001 })).toBe(false)
    expect(h({ fact: 'r', above: 0.95 }, { r: 0.95 })).toBe(false)
    expect(h({ fact: 'r', below: 0.95 }, { r: 0.949999 })).toBe(true)
    expect(h({ fact: 'n', atLeast: 2, below: 3 }, { n: 3 })).toBe(false)
  })
  it('a comparison with a parameter, overridden', () => {
    const params = { m: { type: 'rate', default: 0.3, title: 'm' } }
    expect(h({ fact: 'r', atLeast: { param: 'm' } }, { r: 0.3 }, params)).toBe(true)
    expect(h({ fact: 'r', atLeast: { param: 'm' } }, { r: 0.3 }, params, { params: { m: '0.31' } })).toBe(false)
  })
})

describe('§10 count conditions', () => {
  const records = {
    incidents: { title: 'i', fields: { date: { type: 'date' }, serious: { type: 'boolean' }, piece: { type: 'string' } }, date: 'date', key: 'piece' },
  }
  const facts = { appliedOn: { type: 'date', title: 'a', required: false } }
  const rubric = (when: any) => condRubric(when, { records, facts, period: { unit: 'year', from: '2017-01-01', to: '2017-12-31' } })
  const inc = (date: string, extra: any = {}) => ({ date, serious: true, piece: date, ...extra })
  it('where, in the span', () => {
    const r = rubric({ count: 'incidents', where: { serious: true }, atLeast: 2 })
    expect(holdsFor(r, { records: { incidents: [inc('2017-01-01'), inc('2017-12-31')] } })).toBe(true)
    expect(holdsFor(r, { records: { incidents: [inc('2017-01-01'), inc('2018-01-01')] } })).toBe(false) // 2018 is outside
    expect(holdsFor(r, { records: { incidents: [inc('2017-01-01'), inc('2017-02-01', { serious: false })] } })).toBe(false)
  })
  it('distinct: A, A, B count 3, or 2 distinct', () => {
    const recs = [inc('2017-01-01', { piece: 'A' }), inc('2017-01-02', { piece: 'A' }), inc('2017-01-03', { piece: 'B' })]
    expect(holdsFor(rubric({ count: 'incidents', atLeast: 3 }), { records: { incidents: recs } })).toBe(true)
    expect(holdsFor(rubric({ count: 'incidents', distinct: true, atLeast: 3 }), { records: { incidents: recs } })).toBe(false)
  })
  it('within 2 years of the evaluation date 2017-12-31: 2016-01-01 counts, 2015-12-31 does not', () => {
    const r = rubric({ count: 'incidents', within: { years: 2 }, atMost: 0 })
    expect(holdsFor(r, { records: { incidents: [inc('2016-01-01')] } })).toBe(false) // counted: 1 > 0
    expect(holdsFor(r, { records: { incidents: [inc('2015-12-31')] } })).toBe(true) // not counted
    expect(holdsFor(r, { records: { incidents: [inc('2018-01-01')] } })).toBe(true) // after the evaluation date
    expect(holdsFor(r, { records: { incidents: [inc('2015-12-31')] } }, { asOf: '2017-12-30' })).toBe(false) // window moves: after 2015-12-30
  })
  it('before: counts back from a date fact; absent → the condition fails', () => {
    const r = rubric({ count: 'incidents', within: { years: 2 }, before: 'appliedOn', atMost: 0 })
    const applied = { appliedOn: '2011-03-01' }
    expect(holdsFor(r, { facts: applied, records: { incidents: [inc('2009-06-01')] } })).toBe(false) // counted
    expect(holdsFor(r, { facts: applied, records: { incidents: [inc('2009-03-01')] } })).toBe(true) // exactly 2 years before
    expect(holdsFor(r, { facts: applied, records: { incidents: [inc('2011-06-01')] } })).toBe(true) // after the application
    expect(holdsFor(r, { records: { incidents: [] } })).toBe(false) // no appliedOn: unknown, fails
    const n = rubric({ not: { count: 'incidents', within: { years: 2 }, before: 'appliedOn', atLeast: 1 } })
    expect(holdsFor(n, { records: { incidents: [] } })).toBe(true) // not of a failing condition holds
  })
  it('within needs an evaluation date (OPTION_INVALID without span end or asOf)', () => {
    const r = { ...rubric({ count: 'incidents', within: { years: 2 }, atMost: 0 }), period: { unit: 'year' } }
    expect(refusal(r, { records: { incidents: [] } })).toBe('OPTION_INVALID')
  })
})

describe('§10 quota met', () => {
  const r = (met: boolean) =>
    condRubric({ quota: 'q', met }, {
      period: { unit: 'year', from: '2017-01-01', to: '2017-12-31' },
      records: { subs: { title: 's', fields: { date: { type: 'date' } }, date: 'date' } },
      quotas: [{ id: 'q', title: 'q', records: 'subs', atLeast: 2 }],
    })
  it('met: true holds at shortfall 0; met: false when short', () => {
    const two = [{ date: '2017-01-01' }, { date: '2017-06-01' }]
    expect(holdsFor(r(true), { records: { subs: two } })).toBe(true)
    expect(holdsFor(r(false), { records: { subs: two } })).toBe(false)
    expect(holdsFor(r(false), { records: { subs: two.slice(1) } })).toBe(true) // short 1
  })
})

describe('§10 date conditions and durations', () => {
  const facts = { d: { type: 'date', title: 'd', required: false }, at: { type: 'date', title: 'at', required: false } }
  const period = { unit: 'year', from: '2017-01-01', to: '2017-12-31' }
  const h = (when: any, f: any, options?: RefOptions, params?: any) => holdsFor(condRubric(when, { facts, period, ...(params ? { params } : {}) }), { facts: f }, options)
  it('validFor: evaluation date < date + d', () => {
    const c = { date: 'd', validFor: { years: 3 } }
    expect(h(c, { d: '2014-04-01' }, { asOf: '2017-03-31' })).toBe(true)
    expect(h(c, { d: '2014-04-01' }, { asOf: '2017-04-01' })).toBe(false)
  })
  it('heldFor: date + d ≤ evaluation date; at: measured at a date fact', () => {
    const c = { date: 'd', heldFor: { years: 1 } }
    expect(h(c, { d: '2016-03-31' }, { asOf: '2017-03-31' })).toBe(true)
    expect(h(c, { d: '2016-03-31' }, { asOf: '2017-03-30' })).toBe(false)
    const at = { date: 'd', heldFor: { years: 1 }, at: 'at' }
    expect(h(at, { d: '2010-03-01', at: '2011-03-01' })).toBe(true)
    expect(h(at, { d: '2010-03-02', at: '2011-03-01' })).toBe(false)
    expect(h(at, { d: '2010-03-01' })).toBe(false) // no `at` date: fails
  })
  it('the evaluation date defaults to the last day of the span', () => {
    expect(h({ date: 'd', validFor: { days: 1 } }, { d: '2017-12-31' })).toBe(true) // 2017-12-31 < 2018-01-01
    expect(h({ date: 'd', validFor: { days: 1 } }, { d: '2017-12-30' })).toBe(false) // 2017-12-31 = 2017-12-31
  })
  it('durations clamp to the month end: 2016-02-29 + 1 year, 2017-01-31 + 1 month', () => {
    expect(h({ date: 'd', heldFor: { years: 1 } }, { d: '2016-02-29' }, { asOf: '2017-02-28' })).toBe(true) // = 2017-02-28
    expect(h({ date: 'd', validFor: { months: 1 } }, { d: '2017-01-31' }, { asOf: '2017-02-27' })).toBe(true) // < 2017-02-28
    expect(h({ date: 'd', validFor: { months: 1 } }, { d: '2017-01-31' }, { asOf: '2017-02-28' })).toBe(false)
    expect(h({ date: 'd', heldFor: { months: 1, days: 7 } }, { d: '2017-01-31' }, { asOf: '2017-03-07' })).toBe(true) // 02-28 + 7
    expect(h({ date: 'd', heldFor: { months: 1, days: 7 } }, { d: '2017-01-31' }, { asOf: '2017-03-06' })).toBe(false)
  })
  it('onOrBefore / onOrAfter with absolute, yearly --MM-DD (clamped) and parameter dates', () => {
    expect(h({ date: 'd', onOrBefore: '--12-20' }, { d: '2017-12-20' })).toBe(true) // the deadline day counts
    expect(h({ date: 'd', onOrBefore: '--12-20' }, { d: '2017-12-21' })).toBe(false)
    expect(h({ date: 'd', onOrBefore: '--12-20' }, { d: '2016-12-21' }, { period: { from: '2016-01-01', to: '2016-12-31' } })).toBe(false) // the year of the span end
    expect(h({ date: 'd', onOrBefore: '--02-29' }, { d: '2017-02-28' })).toBe(true) // 2017: 28 February
    expect(h({ date: 'd', onOrBefore: '--02-29' }, { d: '2017-03-01' })).toBe(false)
    expect(h({ date: 'd', onOrAfter: '--02-29' }, { d: '2016-02-29' }, { period: { from: '2016-01-01', to: '2016-12-31' } })).toBe(true)
    expect(h({ date: 'd', onOrAfter: '2011-05-01', onOrBefore: '2011-05-31' }, { d: '2011-05-01' })).toBe(true) // all given must hold
    expect(h({ date: 'd', onOrAfter: '2011-05-01', onOrBefore: '2011-05-31' }, { d: '2011-06-01' })).toBe(false)
    const params = { deadline: { type: 'date', default: '2011-03-31', title: 'd' } }
    expect(h({ date: 'd', onOrBefore: { param: 'deadline' } }, { d: '2011-03-31' }, undefined, params)).toBe(true)
    expect(h({ date: 'd', onOrBefore: { param: 'deadline' } }, { d: '2011-03-31' }, { params: { deadline: '2011-03-30' } }, params)).toBe(false)
  })
  it('an absent date fails every date condition; not of it holds', () => {
    expect(h({ date: 'd', onOrAfter: '2000-01-01' }, {})).toBe(false)
    expect(h({ not: { date: 'd', onOrAfter: '2000-01-01' } }, {})).toBe(true)
  })
  it('validFor without an evaluation date stops (OPTION_INVALID); an impossible date is refused', () => {
    const r = { ...condRubric({ date: 'd', validFor: { years: 1 } }, { facts }), period: { unit: 'year' } }
    expect(refusal(r, { facts: { d: '2017-01-01' } })).toBe('OPTION_INVALID')
    expect(refusal(condRubric({ date: 'd', onOrAfter: '2000-01-01' }, { facts, period }), { facts: { d: '2017-02-30' } })).toBe('EVIDENCE_INVALID')
    expect(refusal(condRubric({ date: 'd', onOrAfter: '2000-01-01' }, { facts, period }), { facts: { d: '2017/02/03' } })).toBe('EVIDENCE_INVALID')
  })
})

describe('§10 spans and order', () => {
  const facts = { a: { type: 'date', title: 'a', required: false }, b: { type: 'date', title: 'b', required: false }, c: { type: 'date', title: 'c', required: false } }
  const h = (when: any, f: any) => holdsFor(condRubric(when, { facts }), { facts: f })
  it('span inclusive (default) and exclusive: the worked notice 1–7 March', () => {
    const f = { a: '2017-03-01', b: '2017-03-07' }
    expect(h({ span: ['a', 'b'], atLeast: { days: 7 } }, f)).toBe(true) // 2017-03-08 ≤ 2017-03-08
    expect(h({ span: ['a', 'b'], atLeast: { days: 7 }, ends: 'exclusive' }, f)).toBe(false) // 2017-03-08 > 2017-03-07
    expect(h({ span: ['a', 'b'], atMost: { days: 7 } }, f)).toBe(true) // 2017-03-08 ≤ 2017-03-08
    expect(h({ span: ['a', 'b'], atMost: { days: 6 } }, f)).toBe(false) // 2017-03-08 > 2017-03-07
    expect(h({ span: ['a', 'b'], atMost: { days: 6 }, ends: 'exclusive' }, f)).toBe(true) // 2017-03-07 ≤ 2017-03-07
    expect(h({ span: ['a', 'b'], atLeast: { days: 1 } }, { a: '2017-03-01' })).toBe(false) // an end absent
  })
  it('order: each date on or after the one before; absent fails', () => {
    expect(h({ order: ['a', 'b', 'c'] }, { a: '2017-01-01', b: '2017-01-01', c: '2017-02-01' })).toBe(true) // same day allowed
    expect(h({ order: ['a', 'b', 'c'] }, { a: '2017-01-02', b: '2017-01-01', c: '2017-02-01' })).toBe(false)
    expect(h({ order: ['a', 'b', 'c'] }, { a: '2017-01-01', c: '2017-02-01' })).toBe(false)
  })
})

describe('§10 score conditions (R2) and all / any / not', () => {
  it('a score condition reads an earlier item’s final score (after bounds and adjustment); later items read 0', () => {
    const r = rubricOf(
      [
        judged('a', 5, 'fa'),
        { kind: 'check', id: 'b', title: 'b', max: 5, when: { score: 'a', atLeast: 3 } },
      ],
      { facts: { fa: num() } },
    )
    expect(exact(r, { facts: { fa: 3 } })).toBe('8') // a 3 ≥ 3 → b 5
    expect(exact(r, { facts: { fa: 2.5 } })).toBe('2.5') // a 2.5 < 3 → b 0
    expect(exact(r, { facts: { fa: 9 } })).toBe('10') // a clamped to 5 ≥ 3
    expect(exact(r, { facts: { fa: 2 }, adjustments: [{ item: 'a', to: 4, reason: 'r', approver: 'p' }] })).toBe('9') // a adjusted 4 → b 5
  })
  it('all and any decide every part; every given fact is checked, used or not', () => {
    const facts = { t: bool, r: rate }
    const subject = { facts: { t: true, r: 0.5 } }
    // every part is decided: a part that needs the evaluation date needs it whatever the others give
    const dated = { facts: { ...facts, d: { type: 'date', title: 'd' } } }
    const needsDate = { date: 'd', validFor: { years: 1 } }
    expect(refusal(condRubric({ all: [{ fact: 't', is: false }, needsDate] }, dated), { facts: { t: true, r: 0.5, d: '2017-01-01' } })).toBe('OPTION_INVALID')
    expect(refusal(condRubric({ any: [{ fact: 't', is: true }, needsDate] }, dated), { facts: { t: true, r: 0.5, d: '2017-01-01' } })).toBe('OPTION_INVALID')
    // a value with 7 places is refused before scoring, even when no part reads it
    expect(refusal(condRubric({ fact: 't', is: true }, { facts }), { facts: { t: true, r: '0.1234567' } })).toBe('EVIDENCE_PRECISION')
    expect(holdsFor(condRubric({ not: { any: [{ fact: 't', is: false }, { fact: 't', is: false }] } }, { facts }), subject)).toBe(true)
  })
})

describe('§4 parameters, §7 span and evaluation date', () => {
  const r = rubricOf([judged('j', 10, 'f')], { facts: { f: num() }, params: { p: { type: 'rate', default: 0.5, title: 'p' } } })
  it('an unknown parameter or an invalid value is OPTION_INVALID', () => {
    expect(refusal(r, { facts: { f: 1 } }, { params: { q: 1 } })).toBe('OPTION_INVALID')
    expect(refusal(r, { facts: { f: 1 } }, { params: { p: 1.5 } })).toBe('OPTION_INVALID') // a rate within 0–1
    expect(refusal(r, { facts: { f: 1 } }, { params: { p: '0.1234567' } })).toBe('OPTION_INVALID')
  })
  it('R5: a period from after to, or a date that is not real, is OPTION_INVALID', () => {
    expect(refusal(r, { facts: { f: 1 } }, { period: { from: '2017-12-31', to: '2017-01-01' } })).toBe('OPTION_INVALID')
    expect(refusal({ ...r, period: { unit: 'year', from: '2017-12-31', to: '2017-01-01' } }, { facts: { f: 1 } })).toBe('OPTION_INVALID')
    expect(refusal(r, { facts: { f: 1 } }, { asOf: '2017-02-30' })).toBe('OPTION_INVALID')
    expect(refusal(r, { facts: { f: 1 } }, { asOf: '0999-01-01' })).toBe('OPTION_INVALID')
    expect(exact(r, { facts: { f: 1 } }, { period: { from: '2017-01-01', to: '2017-01-01' } })).toBe('1') // one day is fine
  })
})

describe('§20 missing evidence', () => {
  const facts = { n: num(), b: bool, e: { type: 'enum', values: ['x', 'y'], title: 'e' }, d: { type: 'date', title: 'd' } }
  const items = [
    judged('j', 5, 'n'),
    check('c', 5, 'b'),
    { kind: 'check', id: 'ce', title: 'ce', max: 5, when: { not: { fact: 'e', is: 'x' } } },
    { kind: 'check', id: 'cd', title: 'cd', max: 5, when: { not: { date: 'd', onOrAfter: '2000-01-01' } } },
  ]
  it('missing: error refuses a missing fact, even one read only by an item 不適用', () => {
    const r = rubricOf(items, { facts })
    expect(refusal(r, { facts: { n: 1, b: true, e: 'x' } })).toBe('EVIDENCE_MISSING')
    expect(refusal(r, { facts: { n: 1, b: true, e: 'x' }, notApplicable: ['cd'] })).toBe('EVIDENCE_MISSING')
    expect(refusal(r, {})).toBe('EVIDENCE_MISSING') // facts: missing altogether
  })
  it('missing: zero reads 0, false, no value, no date', () => {
    const r = rubricOf(items, { facts, missing: 'zero' })
    const s = score(r, {})
    // j: 0; c: false → 0; ce: e has no value, is fails, not → 5; cd: no date, date condition fails, not → 5
    expect([s.items.j, s.items.c, s.items.ce, s.items.cd, s.exactTotal]).toEqual(['0', '0', '5', '5', '10'])
  })
  it('required: false under missing: error', () => {
    const r = rubricOf([judged('j', 5, 'n', { min: 1 })], { facts: { n: num({ required: false }) } })
    expect(exact(r, {})).toBe('1') // read as 0, then clamped to the item's min 1
  })
})

describe('§15 rollups', () => {
  const base = (level: any, extra: any = {}) =>
    rubricOf([section('s', 20, [judged('j', 10, 'f'), check('c', 10, 'b')])], {
      facts: { f: num(), b: bool },
      period: { unit: 'quarter', from: '2009-01-01', to: '2009-12-31' },
      rollup: [{ from: 'quarter', to: 'year', ...level }],
      ...extra,
    })
  const quarters = {
    '2009-Q1': { facts: { f: 8 } },
    '2009-Q2': { facts: { f: 9 } },
    '2009-Q3': { facts: { f: 7 }, notApplicable: ['c'] },
    '2009-Q4': { facts: { f: 6.5, b: false } },
  }
  const subject = { facts: { b: true }, periods: quarters }
  // period scores: Q1 j 8, c 10, s 18; Q2 9, 10, 19; Q3 j 7, c 不適用 → s 7 × 20 ÷ 10 = 14; Q4 6.5, 0, 6.5
  it('mean: each item on its own (a section is the mean of its period scores)', () => {
    const s = score(base({ combine: 'mean' }), subject)
    expect(s.items.j).toBe('7.625') // (8 + 9 + 7 + 6.5) ÷ 4 = 30.5 ÷ 4
    expect(s.items.c).toBe('6.666667') // Q3 left out: (10 + 10 + 0) ÷ 3 = 6.666666… → half-even
    expect(s.items.s).toBe('14.375') // (18 + 19 + 14 + 6.5) ÷ 4 = 57.5 ÷ 4 (not j + c)
    expect(s.exactTotal).toBe('14.375') // the totals' mean
  })
  it('sum, min, max, last', () => {
    expect(exact(base({ combine: 'sum' }), subject)).toBe('57.5') // 18 + 19 + 14 + 6.5
    expect(exact(base({ combine: 'min' }), subject)).toBe('6.5')
    expect(exact(base({ combine: 'max' }), subject)).toBe('19')
    const last = score(base({ combine: 'last' }), subject)
    expect([last.exactTotal, last.items.c]).toEqual(['6.5', '0']) // Q4; c: its latest applicable period is Q4 (0)
  })
  it('missing: error refuses a missing period; skip combines those given', () => {
    const three = { facts: { b: true }, periods: { '2009-Q1': quarters['2009-Q1'], '2009-Q2': quarters['2009-Q2'], '2009-Q4': quarters['2009-Q4'] } }
    expect(refusal(base({ combine: 'mean' }), three)).toBe('EVIDENCE_INVALID')
    expect(exact(base({ combine: 'mean', missing: 'skip' }), three)).toBe('14.5') // (18 + 19 + 6.5) ÷ 3 = 43.5 ÷ 3
  })
  it('a span of one quarter keeps that quarter only', () => {
    expect(exact(base({ combine: 'mean' }), subject, { period: { from: '2009-04-01', to: '2009-06-30' } })).toBe('19')
  })
  it('period keys of another unit are refused; the last level must leave a single period', () => {
    expect(refusal(base({ combine: 'mean' }), { facts: { b: true }, periods: { '2009-03': { facts: { f: 1 } } } })).toBe('EVIDENCE_INVALID')
    const open = { ...base({ combine: 'mean', missing: 'skip' }), period: { unit: 'quarter' } }
    expect(exact(open, { facts: { b: true }, periods: { '2009-Q1': quarters['2009-Q1'] } })).toBe('18')
    expect(refusal(open, { facts: { b: true }, periods: { '2009-Q1': quarters['2009-Q1'], '2010-Q1': quarters['2009-Q1'] } })).toBe('EVIDENCE_INVALID') // two years
  })
  it('a fact missing when a period is scored is refused', () => {
    expect(refusal(base({ combine: 'mean' }), { periods: quarters })).toBe('EVIDENCE_MISSING') // b is given in no Q1..Q3
  })
  it('records count in the period of their date', () => {
    const r = rubricOf([{ kind: 'deductions', id: 'd', title: 'd', max: 10, floor: 0, deductions: [{ id: 'x', title: 'x', records: 'faults', points: 1 }] }], {
      period: { unit: 'quarter', from: '2009-01-01', to: '2009-12-31' },
      records: { faults: { title: 'f', fields: { date: { type: 'date' } }, date: 'date' } },
      rollup: [{ from: 'quarter', to: 'year', combine: 'mean' }],
    })
    const periods = { '2009-Q1': {}, '2009-Q2': { records: { faults: [{ date: '2009-05-01' }, { date: '2009-08-01' }] } }, '2009-Q3': {}, '2009-Q4': {} }
    // Q2 sees 1 (the 2009-08-01 record given under Q2 is not in Q2); the subject-level record of 2009-11-02 counts in Q4
    // quarters 10, 9, 10, 9 → mean 9.5
    expect(exact(r, { records: { faults: [{ date: '2009-11-02' }] }, periods })).toBe('9.5')
  })
  it('two levels: month → quarter (sum), quarter → year (mean)', () => {
    const r = rubricOf([judged('j', 10, 'f')], {
      facts: { f: num() },
      period: { unit: 'month', from: '2009-01-01', to: '2009-06-30' },
      rollup: [
        { from: 'month', to: 'quarter', combine: 'sum' },
        { from: 'quarter', to: 'half', combine: 'mean' },
      ],
    })
    const f = [1, 1, 1, 2, 2, 2.5]
    const periods = Object.fromEntries(['01', '02', '03', '04', '05', '06'].map((m, i) => [`2009-${m}`, { facts: { f: f[i] } }]))
    // Q1 1 + 1 + 1 = 3, Q2 2 + 2 + 2.5 = 6.5; H1 (3 + 6.5) ÷ 2 = 4.75
    expect(exact(r, { periods })).toBe('4.75')
  })
  it('§17: adjustments apply after combining; sections not adjusted are recomputed as plain sums', () => {
    const adj = { item: 'j', by: 1, reason: 'r', approver: 'p' }
    const s = score(base({ combine: 'mean' }), { ...subject, adjustments: [adj] })
    // j 7.625 + 1 = 8.625; s recomputed 8.625 + 6.666667 = 15.291667; the total likewise
    expect([s.items.j, s.items.s, s.exactTotal]).toEqual(['8.625', '15.291667', '15.291667'])
    expect(refusal(base({ combine: 'mean' }), { ...subject, adjustments: [{ ...adj, by: 3 }] })).toBe('ADJUSTMENT_INVALID') // 10.625 > 10
  })
})

describe('§16 self-assessment', () => {
  const r = rubricOf([judged('j', 10, 'f'), check('c', 5, 'b')], { facts: { f: num(), b: bool } })
  it('does not change the total; its evidence is still checked', () => {
    const s = referenceDetails(r, { id: 'u1', facts: { f: 6, b: false }, self: { facts: { b: true } } })
    expect(s.outcome.ok && s.outcome.exactTotal).toBe('6') // the assessor's 6 + 0
    expect(s.selfTotal).toBe('11.000000') // 6 + 5 (rounded like the total, 6 places here)
    expect(refusal(r, { facts: { f: 6, b: false }, self: { facts: { f: '6.1234567' } } })).toBe('EVIDENCE_PRECISION')
    expect(refusal(r, { facts: { f: 6, b: false }, self: { facts: { x: 1 } } })).toBe('EVIDENCE_UNKNOWN_FIELD')
  })
})

describe('§19 final rounding', () => {
  const r = (places: number, mode: string) => rubricOf([judged('j', 10, 'f')], { facts: { f: num() }, rounding: { places, mode } })
  const total = (places: number, mode: string, f: number | string) => score(r(places, mode), { facts: { f } }).total
  it('the seven modes on 2.345 (2 places)', () => {
    expect(total(2, 'half-up', 2.345)).toBe('2.35')
    expect(total(2, 'half-even', 2.345)).toBe('2.34') // 4 is even
    expect(total(2, 'half-even', 2.355)).toBe('2.36') // 6 is even
    expect(total(2, 'half-down', 2.345)).toBe('2.34')
    expect(total(2, 'up', 2.341)).toBe('2.35')
    expect(total(2, 'down', 2.349)).toBe('2.34')
    expect(total(2, 'ceil', 2.341)).toBe('2.35')
    expect(total(2, 'floor', 2.349)).toBe('2.34')
  })
  it('places 0 and the default { places: 2, mode: half-up }', () => {
    expect(total(0, 'half-even', 2.5)).toBe('2')
    expect(total(0, 'half-up', 2.5)).toBe('3')
    const d = rubricOf([judged('j', 100, 'f')], { facts: { f: num() } })
    delete d.rounding
    expect(score(d, { facts: { f: 89.995 } })).toMatchObject({ total: '90.00', exactTotal: '89.995' }) // half-up
  })
})

describe('numbers in evidence (§3, ev §4, SECURITY.md §4)', () => {
  const r = rubricOf([judged('j', 10, 'n')], { facts: { n: num({ min: 0, max: 10 }) } })
  const rr = rubricOf([judged('j', 1, 'r')], { facts: { r: rate } })
  const ri = rubricOf([judged('j', 10, 'i')], { facts: { i: { type: 'integer', title: 'i' } } })
  const ru = rubricOf([judged('j', 10, 'n')], { facts: { n: num() } })
  it('numbers and decimal strings are exact decimals', () => {
    expect(exact(r, { facts: { n: '0.875' } })).toBe('0.875')
    expect(exact(r, { facts: { n: '1.50' } })).toBe('1.5')
    expect(exact(r, { facts: { n: -0 } })).toBe('0')
    expect(exact(ru, { facts: { n: '012' } })).toBe('10') // "012" is 12 (text has no octal), clamped by the judged item
  })
  it('at most 6 decimal places (EVIDENCE_PRECISION)', () => {
    expect(refusal(r, { facts: { n: 0.1234567 } })).toBe('EVIDENCE_PRECISION')
    expect(refusal(r, { facts: { n: '0.1000000000000000001' } })).toBe('EVIDENCE_PRECISION')
    expect(refusal(r, { facts: { n: 0.1 + 0.2 } })).toBe('EVIDENCE_PRECISION') // 0.30000000000000004
    expect(refusal(r, { facts: { n: 1e-7 } })).toBe('EVIDENCE_PRECISION')
    expect(exact(r, { facts: { n: 0.123456 } })).toBe('0.123456')
  })
  it('forms that are refused (EVIDENCE_INVALID), infinities (NUMBER_OUT_OF_RANGE)', () => {
    for (const bad of ['90%', '+2', '.5', '5.', '1,234.5', ' 0.9 ', '1e3', '0x10', '９０', true, null, [1]])
      expect([bad, refusal(r, { facts: { n: bad } })]).toEqual([bad, 'EVIDENCE_INVALID'])
    expect(refusal(r, { facts: { n: Number.NaN } })).toBe('EVIDENCE_INVALID')
    expect(refusal(r, { facts: { n: Number.POSITIVE_INFINITY } })).toBe('NUMBER_OUT_OF_RANGE')
  })
  it('ranges: rates within [0, 1]; numbers within min/max; strings checked when used', () => {
    expect(refusal(rr, { facts: { r: 1.2 } })).toBe('EVIDENCE_OUT_OF_RANGE')
    expect(refusal(rr, { facts: { r: -0.1 } })).toBe('EVIDENCE_OUT_OF_RANGE')
    expect(refusal(rr, { facts: { r: '1.2' } })).toBe('EVIDENCE_OUT_OF_RANGE')
    expect(refusal(r, { facts: { n: 10.000001 } })).toBe('EVIDENCE_OUT_OF_RANGE')
    expect(refusal(r, { facts: { n: '012' } })).toBe('EVIDENCE_OUT_OF_RANGE') // 12 > 10
    expect(exact(r, { facts: { n: 10 } })).toBe('10')
  })
  it('the magnitude limit, about ±9 007 199 254.74', () => {
    expect(exact(ru, { facts: { n: '9007199254.740991' } })).toBe('10') // read, then clamped by the judged item
    expect(refusal(ru, { facts: { n: '9007199254.75' } })).toBe('EVIDENCE_OUT_OF_RANGE') // SECURITY.md: beyond the exact range
    expect(refusal(r, { facts: { n: 9007199254.75 } })).toBe('EVIDENCE_OUT_OF_RANGE') // over the fact's max first
  })
  it('integers are whole numbers', () => {
    expect(exact(ri, { facts: { i: 7 } })).toBe('7')
    expect(refusal(ri, { facts: { i: 7.5 } })).toBe('EVIDENCE_INVALID')
    expect(refusal(ri, { facts: { i: '7' } })).toBe('EVIDENCE_INVALID')
  })
})

describe('the evidence check before scoring (ev §3–4, §7)', () => {
  const records = {
    items: {
      title: 'i',
      fields: { v: { type: 'number' }, k: { type: 'integer' }, when: { type: 'date' }, ok: { type: 'boolean' }, kind: { type: 'enum', values: ['a', 'b'] } },
      date: 'when',
    },
  }
  const r = rubricOf([{ kind: 'count', id: 'n', title: 'n', max: 10, records: 'items', where: { v: 0.3 }, points: 1 }], {
    records,
    facts: { b: bool },
    period: { unit: 'year', from: '2017-01-01', to: '2017-12-31' },
  })
  const rec = (extra: any) => ({ when: '2017-05-01', ...extra })
  it('unknown facts, subject keys, record types and fields (EVIDENCE_UNKNOWN_FIELD)', () => {
    expect(refusal(r, { facts: { b: true, c: 1 } })).toBe('EVIDENCE_UNKNOWN_FIELD')
    expect(refusal(r, { facts: { b: true }, extra: 1 })).toBe('EVIDENCE_UNKNOWN_FIELD')
    expect(refusal(r, { facts: { b: true }, records: { other: [] } })).toBe('EVIDENCE_UNKNOWN_FIELD')
    expect(refusal(r, { facts: { b: true }, records: { items: [rec({ zz: 1 })] } })).toBe('EVIDENCE_UNKNOWN_FIELD')
    expect(refusal(r, { facts: { b: true }, periods: {} })).toBe('EVIDENCE_UNKNOWN_FIELD') // no rollup in the rubric
  })
  it('types of facts and record fields; notApplicable ids (EVIDENCE_INVALID); a record without its date (EVIDENCE_MISSING)', () => {
    expect(refusal(r, { facts: { b: 'true' } })).toBe('EVIDENCE_INVALID')
    expect(refusal(r, { facts: { b: true }, notApplicable: ['nope'] })).toBe('EVIDENCE_INVALID')
    expect(refusal(r, { facts: { b: true }, records: { items: [rec({ kind: 'c' })] } })).toBe('EVIDENCE_INVALID')
    expect(refusal(r, { facts: { b: true }, records: { items: [rec({ ok: 'yes' })] } })).toBe('EVIDENCE_INVALID')
    expect(refusal(r, { facts: { b: true }, records: { items: [rec({ k: 1.5 })] } })).toBe('EVIDENCE_INVALID')
    expect(refusal(r, { facts: { b: true }, records: { items: [{ v: 1 }] } })).toBe('EVIDENCE_MISSING')
    expect(refusal(r, { facts: { b: true }, records: { items: [rec({ when: '2017-02-30' })] } })).toBe('EVIDENCE_INVALID') // when used
  })
  it('R3: record numbers follow the fact number rules; where compares by exact value', () => {
    const s = (v: unknown[]) => exact(r, { facts: { b: true }, records: { items: v.map((x) => rec({ v: x })) } })
    expect(s([0.3, '0.3', '0.30', 0.31, '3'])).toBe('3') // 0.3, "0.3" and "0.30" equal where: { v: 0.3 }
    expect(refusal(r, { facts: { b: true }, records: { items: [rec({ v: '0.3000001' })] } })).toBe('EVIDENCE_PRECISION')
  })
})
