// Properties of the engine, checked with fast-check on generated evidence and rubrics. FC_RUNS=<n> scales every
// property's number of runs by n / 300 (e.g. FC_RUNS=3000 for ten times as many); FC_SEED=<seed> replays a failure.
import { Decimal } from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Evaluator, SubjectResult } from '../src/index'
import { base, compileOk, scoreOf, unwrapOk } from './kinds/helpers'
import {
  allItems, decimalText, fcSeed, itemById, loadXuzhou, numberOrString, paramsArb, permuted,
  ROUNDINGS, runs, SUBJECT_IDS, xuzhouSubjectArb, type XuzhouSubject,
} from './support/xuzhou'

// A private decimal.js constructor: never configure the global Decimal.
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -60, toExpPos: 60 })

const xuzhou: Evaluator = loadXuzhou()
const opts = (params: object | undefined) => (params && Object.keys(params).length ? { params: params as Record<string, unknown> } : {})
const DEC = /^-?\d+(\.\d+)?$/

/** Every string anywhere in a value (keys excluded). */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v)
  else if (Array.isArray(v)) for (const x of v) strings(x, out)
  else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) strings(x, out)
  return out
}

describe('1. bounds', () => {
  // Guards: whatever valid evidence and parameters come in, every item score stays within its own [min, max], the
  // total within [0, 110], and no number anywhere in the result (scores, trails, warnings) is NaN, Infinity or
  // written in exponent notation.
  it('every item within [min, max], total within [0, 110], no NaN / Infinity / exponent', () => {
    fc.assert(
      fc.property(xuzhouSubjectArb(), paramsArb, (subject, params) => {
        const r = unwrapOk(xuzhou.evaluate(subject, opts(params)))
        // Plain checks gathered into one list (thousands of expect() calls per run would dominate the run time).
        const bad: string[] = []
        const within = (what: string, v: string, lo: string, hi: string) => {
          if (!DEC.test(v) || !DEC.test(lo) || !DEC.test(hi)) bad.push(`${what}: not a decimal: ${v} [${lo}, ${hi}]`)
          else if (new D(v).lt(lo) || new D(v).gt(hi)) bad.push(`${what}: ${v} ∉ [${lo}, ${hi}]`)
        }
        for (const i of allItems(r.items)) {
          within(i.id, i.score, i.min, i.max)
          if (i.trail && i.kind !== 'count') for (const [k, v] of Object.entries(i.trail.inputs)) if (!DEC.test(v)) bad.push(`${i.id} input ${k} = ${v}`)
        }
        within('total', r.total, '0', '110')
        within('exactTotal', r.exactTotal, '0', '110')
        if (r.max !== '110') bad.push(`max ${r.max}`)
        // The subject's own id and name are free text from the evidence (a name may well read "0e0"): not checked.
        for (const s of strings({ ...r, subject: undefined })) if (/NaN|Infinity/.test(s) || /\d[eE][+-]?\d/.test(s)) bad.push(`string: ${s}`)
        expect(bad).toEqual([])
      }),
      { numRuns: runs(400), ...fcSeed },
    )
  })
})

describe('2. caps and floors', () => {
  // Guards 扣完為止: the spot check never goes below 0 however far the pass rate falls, and a higher pass rate never
  // scores less (fixed rounding, sampling ratio ≥ 30% so the prerequisite holds).
  it('township-spot-check ≥ 0 and non-decreasing in the pass rate', () => {
    const ratePair = fc.tuple(decimalText(0, 1), decimalText(0, 1)).map(([a, b]): [string, string] => (new D(a).lte(b) ? [a, b] : [b, a]))
    fc.assert(
      fc.property(xuzhouSubjectArb(), ratePair, decimalText(0, 1).filter((s) => new D(s).gte('0.3')), fc.constantFrom(...ROUNDINGS), fc.boolean(), (subject, [lo, hi], sampling, rounding, asNumber) => {
        const at = (rate: string): string => {
          const facts = { ...subject.facts, townshipPassRate: asNumber ? Number(rate) : rate, townshipSamplingRatio: sampling }
          const r = unwrapOk(xuzhou.evaluate({ ...subject, facts }, { params: { spotCheckRounding: rounding } }))
          return itemById(r.items, 'township-spot-check').score
        }
        const sLo = at(lo)
        const sHi = at(hi)
        expect(new D(sLo).gte(0), sLo).toBe(true)
        expect(new D(sHi).gte(0), sHi).toBe(true)
        expect(new D(sLo).lte(sHi), `rate ${lo} → ${sLo}, rate ${hi} → ${sHi} (${rounding})`).toBe(true)
      }),
      { numRuns: runs(300), ...fcSeed },
    )
  })

  // Guards the innovation cap: however many innovations and adoptions, the item gives at most 10.
  it('innovation never exceeds its cap of 10', () => {
    fc.assert(
      fc.property(xuzhouSubjectArb(fc.constant('s1'), 40), paramsArb, (subject, params) => {
        const r = unwrapOk(xuzhou.evaluate(subject, opts(params)))
        const s = itemById(r.items, 'innovation').score
        expect(new D(s).gte(0) && new D(s).lte(10), s).toBe(true)
      }),
      { numRuns: runs(300), ...fcSeed },
    )
  })
})

describe('3. determinism and order independence', () => {
  const cohortArb = fc
    .uniqueArray(fc.constantFrom(...SUBJECT_IDS), { minLength: 3, maxLength: 12 })
    .chain((ids) =>
      fc.tuple(
        fc.tuple(...ids.map((id) => xuzhouSubjectArb(fc.constant(id), 12))),
        fc.array(fc.integer(), { minLength: ids.length, maxLength: ids.length }), // permutation of the subjects
        fc.array(fc.array(fc.integer(), { minLength: 12, maxLength: 12 }), { minLength: ids.length, maxLength: ids.length }), // of each one's records
        paramsArb,
      ),
    )
  const byId = (subjects: SubjectResult[]) => new Map(subjects.map((s) => [s.subject.id, s]))
  const shuffleRecords = (s: XuzhouSubject, keys: number[]): XuzhouSubject => (s.records ? { ...s, records: { innovations: permuted(s.records.innovations, keys) } } : s)

  // Guards: a subject's result (score, trail, rank, grade) depends on the cohort, not on the order in which the
  // subjects or their records are listed; and the same evidence always gives byte-identical JSON.
  it('shuffling subjects or records changes no subject result; evaluating twice gives identical JSON', () => {
    fc.assert(
      fc.property(cohortArb, ([subjects, order, recordOrders, params]) => {
        const evaluate = (list: XuzhouSubject[]) => unwrapOk(xuzhou.evaluateCohort({ subjects: list }, opts(params)))
        const first = evaluate(subjects)
        const again = evaluate(subjects)
        expect(JSON.stringify(again)).toBe(JSON.stringify(first))
        const shuffled = byId(evaluate(permuted(subjects, order)).subjects)
        const reordered = byId(evaluate(subjects.map((s, i) => shuffleRecords(s, recordOrders[i]!))).subjects)
        expect(first.subjects.length).toBe(subjects.length)
        for (const s of first.subjects) {
          expect(shuffled.get(s.subject.id), `subjects shuffled: ${s.subject.id}`).toEqual(s)
          expect(reordered.get(s.subject.id), `records shuffled: ${s.subject.id}`).toEqual(s)
        }
      }),
      { numRuns: runs(120), ...fcSeed },
    )
  })
})

describe('4. exactness', () => {
  const RM = {
    'half-up': D.ROUND_HALF_UP, 'half-even': D.ROUND_HALF_EVEN, 'half-down': D.ROUND_HALF_DOWN,
    up: D.ROUND_UP, down: D.ROUND_DOWN, ceil: D.ROUND_CEIL, floor: D.ROUND_FLOOR,
  } as const
  type Mode = keyof typeof RM
  const MAX = 100_000
  const judgedRubric = (n: number, rounding?: { places: number; mode: Mode }) => ({
    ...base,
    total: n * MAX,
    ...(rounding ? { rounding } : {}),
    facts: Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, { type: 'number', title: `分數${i}` }])),
    items: Array.from({ length: n }, (_, i) => ({ kind: 'judged', id: `j${i}`, title: `評分${i}`, max: MAX, fact: `f${i}` })),
  })
  const compiled = new Map<string, Evaluator>()
  const evaluatorFor = (n: number, rounding?: { places: number; mode: Mode }) => {
    const key = `${n}:${JSON.stringify(rounding)}`
    let e = compiled.get(key)
    if (!e) compiled.set(key, (e = compileOk(judgedRubric(n, rounding))))
    return e
  }
  /** Decimals that add up badly in binary floating point, and any others with ≤ 6 places. */
  const factArb = numberOrString(
    fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom('0.1', '0.2', '0.3', '0.7', '1.1', '2.675', '1.005', '0.000001', '99999.999999', '0.015', '0.125', '0.005') },
      { weight: 2, arbitrary: decimalText(0, 10) },
      { weight: 1, arbitrary: decimalText(0, MAX - 1) },
    ),
  )
  const factsArb = fc.integer({ min: 2, max: 10 }).chain((n) => fc.array(factArb, { minLength: n, maxLength: n }))
  const exactSum = (facts: (number | string)[]) => facts.reduce<Decimal>((acc, f) => acc.plus(new D(f)), new D(0))

  // Guards exact decimal addition: 0.1 + 0.2 is 0.3, and the total is the exact sum, rounded once, half-up, to 2 places.
  it('the total of N judged items is the exact decimal sum', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const r = scoreOf(evaluatorFor(facts.length), Object.fromEntries(facts.map((f, i) => [`f${i}`, f])))
        const sum = exactSum(facts)
        expect(r.exactTotal).toBe(sum.toFixed())
        expect(r.total).toBe(sum.toFixed(2, D.ROUND_HALF_UP))
      }),
      { numRuns: runs(400), ...fcSeed },
    )
  })

  // Guards the final rounding for every declared places/mode: rounded once from the exact sum.
  it('with any rubric rounding, the total is the exact sum rounded by it', () => {
    const roundingArb = fc.record({ places: fc.integer({ min: 0, max: 6 }), mode: fc.constantFrom(...(Object.keys(RM) as Mode[])) })
    fc.assert(
      fc.property(factsArb, roundingArb, (facts, rounding) => {
        // One 10-item rubric per rounding (compiling is the slow part); the items beyond the facts drawn score 0.
        const padded = [...facts, ...Array.from({ length: 10 - facts.length }, () => 0)]
        const r = scoreOf(evaluatorFor(10, rounding), Object.fromEntries(padded.map((f, i) => [`f${i}`, f])))
        const sum = exactSum(facts)
        expect(r.exactTotal).toBe(sum.toFixed())
        expect(r.total).toBe(sum.toFixed(rounding.places, RM[rounding.mode]))
      }),
      { numRuns: runs(300), ...fcSeed },
    )
  })
})

describe('5. totals() agrees with evaluate()', () => {
  // Guards the bulk fast path (shared context, no trail) against the full evaluation: same ids, same totals, with
  // and without parameter overrides and 不適用 items.
  it('totals(subjects).totals[i] === evaluate(subjects[i]).total', () => {
    const subjectsArb = fc.uniqueArray(fc.constantFrom(...SUBJECT_IDS), { minLength: 1, maxLength: 10 }).chain((ids) => fc.tuple(...ids.map((id) => xuzhouSubjectArb(fc.constant(id)))))
    fc.assert(
      fc.property(subjectsArb, paramsArb, (subjects, params) => {
        const t = unwrapOk(xuzhou.totals(subjects, opts(params)))
        expect(t.ids).toEqual(subjects.map((s) => s.id))
        subjects.forEach((s, i) => {
          expect(t.totals[i], s.id).toBe(unwrapOk(xuzhou.evaluate(s, opts(params))).total)
        })
      }),
      { numRuns: runs(250), ...fcSeed },
    )
  })

  // Guards "nothing throws on bad input" on the fast path too: evidence whose points add up beyond the exact range
  // (here 11+ records of 900 000 000 points, counted before the cap) fails totals() with the diagnostic evaluate()
  // gives, and totals() succeeds exactly when every evaluate() does.
  it('totals() never throws, and fails exactly when some evaluate() fails', () => {
    const big = compileOk({
      ...base,
      total: 10,
      records: { pieces: { title: '件', fields: { name: { type: 'string' } } } },
      items: [{ kind: 'count', id: 'pieces', title: '件數', max: 10, records: 'pieces', points: 900_000_000 }],
    })
    const subjectsArb = fc.array(fc.integer({ min: 0, max: 14 }), { minLength: 1, maxLength: 5 }).map((ns) =>
      ns.map((n, i) => ({ id: `s${i}`, records: { pieces: Array.from({ length: n }, (_, k) => ({ name: `p${k}` })) } })),
    )
    fc.assert(
      fc.property(subjectsArb, (subjects) => {
        const each = subjects.map((s) => big.evaluate(s))
        let t: ReturnType<Evaluator['totals']>
        try {
          t = big.totals(subjects)
        } catch (e) {
          throw new Error(`totals() threw ${(e as Error).name}: ${(e as Error).message}`)
        }
        const firstFailure = each.find((r) => !r.ok)
        expect(t.ok).toBe(firstFailure === undefined)
        if (t.ok) expect(t.value.totals).toEqual(each.map((r) => unwrapOk(r).total))
        else expect(t.diagnostics[0]!.code).toBe(firstFailure!.diagnostics[0]!.code)
      }),
      { numRuns: runs(100), ...fcSeed },
    )
  })
})

describe('6. money exactness', () => {
  const AMOUNTS = { tiny: 0.1, small: 0.2, mid: 50, big: 400 } as const
  type Level = keyof typeof AMOUNTS
  const moneyRubric = (dedupe: boolean) => ({
    ...base,
    total: 10,
    period: { unit: 'year', from: '2017-01-01', to: '2017-12-31' },
    records: {
      adoptions: {
        title: '信息採用',
        fields: { piece: { type: 'string' }, level: { type: 'enum', values: Object.keys(AMOUNTS) }, date: { type: 'date' } },
        key: 'piece',
        date: 'date',
      },
    },
    items: [{ kind: 'count', id: 'adopted', title: '採用', max: 10, records: 'adoptions', points: 1 }],
    money: { rewards: [{ id: 'adoption-reward', title: '採用獎勵', records: 'adoptions', category: 'level', amounts: AMOUNTS, dedupe }] },
  })
  const evaluators = { true: compileOk(moneyRubric(true)), false: compileOk(moneyRubric(false)) }
  const rowArb = fc.record({
    piece: fc.constantFrom('p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'),
    level: fc.constantFrom(...(Object.keys(AMOUNTS) as Level[])),
    date: fc.constantFrom('2017-01-01', '2017-06-15', '2017-12-31', '2016-12-31', '2018-01-01'),
  })
  const inSpan = (date: string) => date >= '2017-01-01' && date <= '2017-12-31'

  // Guards yuan arithmetic: 0.1 and 0.2 add up exactly, and with dedupe a piece adopted several times is paid once,
  // at its highest amount (records outside the assessed year are not paid).
  it('reward total = Σ over pieces of the highest amount (dedupe), or Σ over records (no dedupe)', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), fc.boolean(), (rows, dedupe) => {
        const r = scoreOf(evaluators[`${dedupe}`], {}, { adoptions: rows })
        const counted = rows.filter((x) => inSpan(x.date))
        let expected = new D(0)
        if (dedupe) {
          const best = new Map<string, Decimal>()
          for (const x of counted) {
            const a = new D(AMOUNTS[x.level])
            const prev = best.get(x.piece)
            if (prev === undefined || a.gt(prev)) best.set(x.piece, a)
          }
          for (const a of best.values()) expected = expected.plus(a)
        } else for (const x of counted) expected = expected.plus(AMOUNTS[x.level])
        const m = r.money!
        expect(m.rewards[0]!.amount).toBe(expected.toFixed(2))
        expect(m.rewardTotal).toBe(expected.toFixed(2))
        expect(m.net).toBe(expected.toFixed(2))
        expect(m.penaltyTotal).toBe('0.00')
      }),
      { numRuns: runs(400), ...fcSeed },
    )
  })
})
