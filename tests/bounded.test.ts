/**
 * Bounded costs on the rubric side: every message stays short however large the lists behind it, the assessed span
 * has a limit (maxPeriodYears) checked before any period of it is listed, "did you mean" suggestions take bounded
 * work, and the cache of bound parameter sets keeps the recently used ones. The outcomes asserted are real ones (codes,
 * paths, messages, lengths), each worked out beside it; time is measured by benchmarks, not here.
 */
import { describe, expect, it } from 'vitest'
import { compileProgram } from '../src/compile/program'
import { DEFAULT_LIMITS, loadRubricData, type Diagnostic } from '../src/index'
import { resolveWindow } from '../src/evaluate/run'
import { lintRubric } from '../src/lint/lint-rubric'
import { parseDay, spanOverYears } from '../src/num/dates'
import { closest, suggestBudget, SUGGEST_CANDIDATES } from '../src/validate/walk'
import { base, compileOk, failureOf, scoreOf } from './kinds/helpers'
import { Rubric as RubricSchema } from '../src/kinds/rubric'

const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error')

/** A rubric data literal that must load (validate and lint) without errors. */
function loadedOk(data: Record<string, unknown>) {
  const r = loadRubricData(data)
  expect(errors(r.diagnostics)).toEqual([])
  return r
}

describe('messages that list values list at most 12', () => {
  const values = Array.from({ length: 5000 }, (_, i) => `e${i}`)

  it('5,000 condition values missing from an enum of 5,000: 5,000 messages of at most 120 characters', () => {
    const missing = Array.from({ length: 5000 }, (_, i) => `x${i}`)
    const r = loadRubricData({
      ...base,
      total: 1,
      facts: { f: { type: 'enum', title: '類別', values } },
      items: [{ kind: 'check', id: 'a', title: '甲', max: 1, when: { fact: 'f', in: missing } }],
    })
    expect(r.ok).toBe(false)
    const ds = errors(r.diagnostics)
    expect(ds).toHaveLength(5000)
    expect(new Set(ds.map((d) => d.code))).toEqual(new Set(['SCHEMA_INVALID_VALUE']))
    // e0 … e11 (10 × 2 + 2 × 3 characters, 11 ", " between) then ", … (5000 in all)": the whole enum is never listed.
    expect(ds[0]!.message).toBe('Fact "f" takes the values e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, … (5000 in all); "x0" is not one of them.')
    expect(ds[0]!.path).toEqual(['items', 0, 'when', 'in', 0])
    // The longest is the last: 26 (prefix) + 48 (12 values) + 17 (", … (5000 in all)") + 2 + 7 ("x4999" quoted) + 20 = 120.
    expect(Math.max(...ds.map((d) => d.message.length))).toBe(120)
    // Before, each message listed all 5,000 values (about 34,000 characters): 170 MB for the 5,000 of them.
  })

  it('a parameter default outside 5,000 enum values, and an unknown parameter among 5,000 declared', () => {
    const params: Record<string, unknown> = { kind: { type: 'enum', values, default: 'none' } }
    for (let i = 0; i < 4999; i++) params[`p${i}`] = { type: 'number', default: 1 }
    const r = loadRubricData({ ...base, total: 1, params, items: [{ kind: 'check', id: 'a', title: '甲', max: 1, when: { fact: 'j', atLeast: { param: 'zzzzzzzz' } } }], facts: { j: { type: 'number', title: '分' } } })
    const byCode = new Map(errors(r.diagnostics).map((d) => [d.code, d]))
    expect(byCode.get('PARAM_TYPE')!.message).toBe('Parameter "kind": the default "none" is not one of its values (e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, … (5000 in all)).')
    // "zzzzzzzz" is 8 letters from every declared name (none within 8 / 3 = 2 edits): the declared ones are listed, 12 of them.
    expect(byCode.get('UNKNOWN_PARAM')!.message).toBe('Unknown parameter "zzzzzzzz"; declared params: kind, p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, … (5000 in all).')
  })

  it('a record field of 5,000 enum values: a listed value is read by look-up, another refused with 12 listed', () => {
    const ev = compileOk({
      ...base,
      total: 10,
      records: { pieces: { title: '成果', fields: { kind: { type: 'enum', values } } } },
      items: [{ kind: 'count', id: 'pieces', title: '成果', max: 10, records: 'pieces', points: 1, where: { kind: 'e4999' } }],
    })
    // e4999 (the last value) and e0 are both values; only e4999 matches where → 1 piece × 1 point
    expect(scoreOf(ev, {}, { pieces: [{ kind: 'e4999' }, { kind: 'e0' }] }).total).toBe('1.00')
    const [d] = failureOf(ev, { id: 's1', facts: {}, records: { pieces: [{ kind: 'e5000' }] } })
    expect(d!.code).toBe('EVIDENCE_INVALID')
    expect(d!.message).toContain('e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, … (5000 in all)')
    expect(d!.message.length).toBeLessThan(300)
  })
})

describe('maxPeriodYears: the assessed span is at most 100 years, checked before any month of it is listed', () => {
  const rubric = {
    ...base,
    total: 10,
    records: { reports: { title: '報送', fields: { date: { type: 'date' } }, date: 'date' } },
    quotas: [{ id: 'monthly', title: '每月報送', records: 'reports', per: 'month', atLeast: 1 }],
    items: [{ kind: 'quota', id: 'reporting', title: '報送', max: 10, quota: 'monthly', points: 1, floor: 0 }],
  }
  const ev = compileOk(rubric)
  const subject = { id: 's1', facts: {}, records: { reports: [{ date: '2017-03-01' }] } }

  it('the default is 100 years', () => {
    expect(DEFAULT_LIMITS.maxPeriodYears).toBe(100)
  })

  it('spanOverYears: to on or after from + N years is over', () => {
    const d = (s: string) => parseDay(s)!
    expect(spanOverYears(d('2000-01-01'), d('2099-12-31'), 100)).toBe(false) // exactly 100 years
    expect(spanOverYears(d('2000-01-01'), d('2100-01-01'), 100)).toBe(true) // 100 years and a day
    // 2000-02-29 + 100 years is 2100-02-28 (2100 is no leap year): the day before is within, that day over
    expect(spanOverYears(d('2000-02-29'), d('2100-02-27'), 100)).toBe(false)
    expect(spanOverYears(d('2000-02-29'), d('2100-02-28'), 100)).toBe(true)
    // dates lie in 1000–9999, so 9,000 years or more is never exceeded
    expect(spanOverYears(d('1000-01-01'), d('9999-12-31'), 9000)).toBe(false)
    expect(spanOverYears(d('1000-01-01'), d('9999-12-31'), 8999)).toBe(true)
  })

  it('a span of 1000-01-01 to 9999-12-31 is refused with LIMIT_EXCEEDED at period, naming the limit and its option', () => {
    const ds = failureOf(ev, subject, { period: { from: '1000-01-01', to: '9999-12-31' } })
    expect(ds).toHaveLength(1)
    expect(ds[0]).toMatchObject({ code: 'LIMIT_EXCEEDED', path: ['period'] })
    expect(ds[0]!.message).toBe('The assessed span from 1000-01-01 to 9999-12-31 covers more than 100 years; the limit maxPeriodYears is 100.')
    expect(ds[0]!.hint).toContain('--limit maxPeriodYears=')
  })

  it('exactly 100 years is scored: 1,200 months, each listed in the quota, 12 of them in the trail', () => {
    const r = scoreOf(ev, {}, subject.records, { period: { from: '1917-01-01', to: '2016-12-31' } })
    // 100 × 12 months; one report in 2017-03 is outside the span → every month short by 1 → 10 − 1200 → floor 0
    expect(r.quotas![0]!.periods).toHaveLength(1200)
    expect(r.quotas![0]!.shortfall).toBe(1200)
    expect(r.items[0]!.score).toBe('0')
    // the trail lists the first 12 short months, then the count
    expect(r.items[0]!.trail!.arithmetic).toMatch(/^short 1200 \(1917-01: 0\/1, 1917-02: 0\/1, .*, 1917-12: 0\/1, … \(1200 in all\)\) × 1 = 1200; 10 − 1200 = -1190$/)
    // one day more is over
    expect(failureOf(ev, subject, { period: { from: '1917-01-01', to: '2017-01-01' } })[0]!.code).toBe('LIMIT_EXCEEDED')
  })

  it('the limit can be raised per call', () => {
    // 101 years: refused at 100, scored at 200 (101 × 12 = 1,212 months)
    const period = { from: '1916-01-01', to: '2016-12-31' }
    expect(failureOf(ev, subject, { period })[0]!.code).toBe('LIMIT_EXCEEDED')
    expect(scoreOf(ev, {}, subject.records, { period, limits: { maxPeriodYears: 200 } }).quotas![0]!.periods).toHaveLength(1212)
  })

  it('resolveWindow given the limits refuses the span once, for the whole call', () => {
    const program = compileProgram(RubricSchema.parse(rubric))
    expect(program.ok).toBe(true)
    if (!program.ok) return
    const w = resolveWindow(program.value, { period: { from: '1000-01-01', to: '9999-12-31' } }, DEFAULT_LIMITS)
    expect(w.ok).toBe(false)
    expect(w.diagnostics.map((d) => [d.code, d.path])).toEqual([['LIMIT_EXCEEDED', ['period']]])
    expect(resolveWindow(program.value, { period: { from: '2017-01-01', to: '2017-12-31' } }, DEFAULT_LIMITS).ok).toBe(true)
  })

  it("the rubric's own period over the limit is LIMIT_EXCEEDED at period.to", () => {
    const r = loadRubricData({ ...rubric, period: { unit: 'month', from: '1000-01-01', to: '9999-12-31' } })
    expect(r.ok).toBe(false)
    expect(errors(r.diagnostics).map((d) => [d.code, d.path])).toEqual([['LIMIT_EXCEEDED', ['period', 'to']]])
    expect(errors(r.diagnostics)[0]!.message).toBe("The rubric's period from 1000-01-01 to 9999-12-31 covers more than 100 years; the limit maxPeriodYears is 100.")
  })
})

describe('"did you mean": bounded, and still helpful', () => {
  it('suggests a close name: a transposition, a letter missing, a case difference', () => {
    expect(closest('titel', ['total', 'title'])).toBe('title') // one transposition
    expect(closest('pasRate', ['passRate', 'townshipPassRate'])).toBe('passRate') // one letter missing
    expect(closest('PASSRATE', ['passRate'])).toBe('passRate') // the same but for case: distance 0
  })

  it('says nothing for a far name, a name longer than 64 characters, or once the budget is spent', () => {
    // "zzzz" is 4 edits from "title"; at most max(1, ⌊5 / 3⌋) = 1 is allowed
    expect(closest('zzzz', ['title', 'total'])).toBeUndefined()
    // a 65-character name is not compared, even with a candidate that differs in its last letter only
    expect(closest(`${'a'.repeat(64)}b`, [`${'a'.repeat(64)}c`])).toBeUndefined()
    expect(closest(`${'a'.repeat(63)}b`, [`${'a'.repeat(63)}c`])).toBe(`${'a'.repeat(63)}c`)
    expect(closest('titel', ['title'], suggestBudget(0))).toBeUndefined()
  })

  it(`looks at the first ${SUGGEST_CANDIDATES} candidates only`, () => {
    const far = Array.from({ length: SUGGEST_CANDIDATES - 1 }, (_, i) => `unrelated${i}`)
    expect(closest('titel', [...far, 'title'])).toBe('title') // the 1,000th
    expect(closest('titel', [...far, 'other', 'title'])).toBeUndefined() // the 1,001st is not looked at
  })

  it('1,000 unknown facts among 1,000 declared: the near miss is suggested, the far ones list 12 declared names', () => {
    const facts: Record<string, unknown> = {}
    for (let i = 0; i < 1000; i++) facts[`fact${String(i).padStart(4, '0')}`] = { type: 'boolean', title: `事實${i}` }
    const refs = [{ fact: 'fcat0005', is: true }, ...Array.from({ length: 999 }, (_, i) => ({ fact: `qqqqqqqq${i}`, is: true }))]
    const r = loadRubricData({ ...base, total: 1, facts, items: [{ kind: 'check', id: 'a', title: '甲', max: 1, when: { all: refs } }] })
    const ds = errors(r.diagnostics)
    expect(ds).toHaveLength(1000)
    expect(ds.every((d) => d.code === 'UNKNOWN_FACT')).toBe(true)
    // fcat0005 → fact0005: one transposition
    expect(ds[0]!.message).toBe('Unknown fact "fcat0005" in a fact condition; did you mean "fact0005"?')
    // qqqqqqqq0 shares no letter with fact0000 … fact0999 (at least 8 edits; 3 allowed): no suggestion, 12 names listed
    expect(ds[1]!.message).toBe(
      'Unknown fact "qqqqqqqq0" in a fact condition; declared facts: fact0000, fact0001, fact0002, fact0003, fact0004, fact0005, fact0006, fact0007, fact0008, fact0009, fact0010, fact0011, … (1000 in all).',
    )
  })
})

describe('the cache of bound parameter sets keeps the most recently used', () => {
  it('a set used again is kept when 16 others have been bound since it was first bound', () => {
    const program = compileProgram(RubricSchema.parse({ ...base, total: 100, params: { p: { type: 'number', default: 1 } }, facts: { j: { type: 'number', title: '分' } }, items: [{ kind: 'judged', id: 'a', title: '甲', max: 100, fact: 'j' }] }))
    expect(program.ok).toBe(true)
    if (!program.ok) return
    const bind = (v: number) => program.value.bind({ p: v })
    const a = bind(0)
    for (let v = 1; v <= 15; v++) bind(v) // 16 sets: 0, 1 … 15 (the cache is full)
    expect(bind(0)).toBe(a) // a hit: 0 becomes the most recently used
    bind(16) // evicts the least recently used: 1 (first in, first out would have evicted 0)
    expect(bind(0)).toBe(a) // still the same binding, not bound again
    const one = bind(1)
    expect(bind(1)).toBe(one) // 1 was bound again (a new object), and is now kept
  })
})

describe('the grade lint finds the first open threshold by binary search, with the findings of a scan', () => {
  const grades = (thresholds: Record<string, unknown>[]) =>
    lintRubric(
      RubricSchema.parse({
        ...base,
        total: 100,
        facts: { j: { type: 'number', title: '分' } },
        items: [{ kind: 'judged', id: 'a', title: '甲', max: 100, fact: 'j' }],
        grades: { order: thresholds.map((t) => t.grade), thresholds },
      }),
    )
      .filter((d) => d.code === 'UNREACHABLE_GRADE')
      .map((d) => d.message)

  it('mins falling: none unreachable; a min at or below an earlier one, or after one without min: unreachable', () => {
    // 90, 80, 70, 60: each below every one before → all reachable
    expect(grades([90, 80, 70, 60].map((min, i) => ({ grade: `g${i}`, min })))).toEqual([])
    // 90, 80, 85: 85 ≥ 80, so every total reaching 85 stops at the earlier 80 (the first open one with min ≤ 85)
    expect(grades([{ grade: 'a', min: 90 }, { grade: 'b', min: 80 }, { grade: 'c', min: 85 }])).toEqual([
      'The threshold for "c" can never apply: the threshold for "b" before it has no requires and a min of 80, so it takes every subject with 85 or more first.',
    ])
    // 90, none, 70: the one without min takes everything after it
    expect(grades([{ grade: 'a', min: 90 }, { grade: 'b' }, { grade: 'c', min: 70 }])).toEqual([
      'The threshold for "c" can never apply: the threshold for "b" before it has neither min nor requires, so it takes every subject that reaches it.',
    ])
    // 60, none: the earlier 60 comes first in order, not the one without min
    expect(grades([{ grade: 'a', min: 60 }, { grade: 'b', min: 50 }, { grade: 'c' }, { grade: 'd', min: 60 }])).toEqual([
      'The threshold for "d" can never apply: the threshold for "a" before it has no requires and a min of 60, so it takes every subject with 60 or more first.',
    ])
  })

  it('a valid rubric with 2,000 falling thresholds lints clean', () => {
    // mins 1999, 1998 … 0 of 2000 points: each below every one before, none above the total
    const thresholds = Array.from({ length: 2000 }, (_, i) => ({ grade: `g${i}`, min: 1999 - i }))
    const r = loadedOk({ ...base, total: 2000, facts: { j: { type: 'number', title: '分' } }, items: [{ kind: 'judged', id: 'a', title: '甲', max: 2000, fact: 'j' }], grades: { order: thresholds.map((t) => t.grade), thresholds } })
    expect(r.diagnostics.filter((d) => d.code === 'UNREACHABLE_GRADE')).toEqual([])
  })
})
