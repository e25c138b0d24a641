import { describe, expect, it } from 'vitest'
import { base, compileOk, failureOf, subjectOk } from './helpers'

const quarterly = (missing?: 'error' | 'skip') => ({
  ...base,
  total: 100,
  period: { unit: 'year', from: '2017-01-01', to: '2017-12-31' },
  rollup: [{ from: 'quarter', to: 'year', combine: 'mean', ...(missing ? { missing } : {}) }],
  facts: { work: { type: 'number', title: '工作' }, done: { type: 'boolean', title: '完成' } },
  items: [
    {
      kind: 'section', id: 'all', title: '全部', max: 100,
      items: [
        { kind: 'judged', id: 'work', title: '工作', max: 90, fact: 'work' },
        { kind: 'check', id: 'done', title: '完成', max: 10, fact: 'done' },
      ],
    },
  ],
})

const q = (work: number, done = true) => ({ facts: { work, done } })

describe('rollup: quarters → year by mean', () => {
  const ev = compileOk(quarterly())

  it('each item and the total are the mean of the quarters', () => {
    const r = subjectOk(ev, { id: 's1', periods: { '2017-Q1': q(80), '2017-Q2': q(85), '2017-Q3': q(90, false), '2017-Q4': q(86) } })
    expect(r.exactTotal).toBe('92.75') // quarters 80+10, 85+10, 90+0 (not done), 86+10 = 90, 95, 90, 96 → 371 / 4 = 92.75
    expect(r.items[0]!.items!.map((i) => [i.id, i.score])).toEqual([
      ['work', '85.25'], // (80 + 85 + 90 + 86) / 4 = 341 / 4 = 85.25
      ['done', '7.5'], // (10 + 10 + 0 + 10) / 4 = 7.5
    ])
    expect(r.periods!.map((p) => [p.period, p.total])).toEqual([
      ['2017-Q1', '90'],
      ['2017-Q2', '95'],
      ['2017-Q3', '90'],
      ['2017-Q4', '96'],
    ])
    expect(r.periods![2]!.items).toEqual({ all: '90', work: '90', done: '0' })
  })

  it('the mean keeps 6 places, half-even', () => {
    const r = subjectOk(ev, { id: 's1', periods: { '2017-Q1': q(80), '2017-Q2': q(80), '2017-Q3': q(81), '2017-Q4': q(80) } })
    expect(r.items[0]!.items![0]!.score).toBe('80.25') // 321 / 4
    const three = compileOk(quarterly('skip'))
    const r3 = subjectOk(three, { id: 's1', periods: { '2017-Q1': q(80), '2017-Q2': q(80), '2017-Q3': q(81) } })
    expect(r3.items[0]!.items![0]!.score).toBe('80.333333') // 241 / 3 = 80.3333… → 80.333333
  })

  it('the trail shows the rollup', () => {
    const r = subjectOk(ev, { id: 's1', periods: { '2017-Q1': q(80), '2017-Q2': q(85), '2017-Q3': q(90), '2017-Q4': q(86) } })
    const t = r.items[0]!.items![0]!.trail!
    expect(t.rule).toBe('rollup quarter → year by mean')
    expect(t.arithmetic).toBe('mean of 2017-Q1 80, 2017-Q2 85, 2017-Q3 90, 2017-Q4 86 = 85.25')
  })

  it('a missing quarter is an error', () => {
    const ds = failureOf(ev, { id: 's1', periods: { '2017-Q1': q(80), '2017-Q2': q(85), '2017-Q4': q(86) } })
    const e = ds.find((d) => d.severity === 'error')!
    expect(e.code).toBe('EVIDENCE_INVALID')
    expect(e.subject).toBe('s1')
    expect(e.message).toContain('2017-Q3')
    expect(e.message).toContain('missing')
  })

  it('with missing: skip, the quarters given are combined, with a warning', () => {
    const ev2 = compileOk(quarterly('skip'))
    const r = subjectOk(ev2, { id: 's1', periods: { '2017-Q1': q(80), '2017-Q2': q(85), '2017-Q4': q(86) } })
    expect(r.items[0]!.items![0]!.score).toBe('83.666667') // (80 + 85 + 86) / 3 = 251 / 3 = 83.6666… → 83.666667
    expect(r.exactTotal).toBe('93.666667') // (90 + 95 + 96) / 3 = 281 / 3 = 93.6666… → 93.666667
    expect(r.total).toBe('93.67')
    const w = r.warnings.find((x) => x.code === 'EVIDENCE_MISSING')!
    expect(w.severity).toBe('warning')
    expect(w.message).toContain('2017-Q3')
  })

  it('a period key of the wrong unit is refused', () => {
    const ds = failureOf(ev, { id: 's1', periods: { '2017-03': q(80) } })
    expect(ds[0]!.code).toBe('EVIDENCE_INVALID')
    expect(ds[0]!.path).toEqual(['subjects', 0, 'periods', '2017-03'])
  })

  it('facts shared by every quarter may be given once at the top', () => {
    const r = subjectOk(ev, { id: 's1', facts: { done: true }, periods: { '2017-Q1': { facts: { work: 80 } }, '2017-Q2': { facts: { work: 80 } }, '2017-Q3': { facts: { work: 80 } }, '2017-Q4': { facts: { work: 84 } } } })
    expect(r.exactTotal).toBe('91') // work mean 81 + done 10
  })
})

describe('rollup: months → quarter by sum, then quarter → year by mean', () => {
  const ev = compileOk({
    ...base,
    total: 30,
    period: { unit: 'year', from: '2017-01-01', to: '2017-12-31' },
    rollup: [
      { from: 'month', to: 'quarter', combine: 'sum' },
      { from: 'quarter', to: 'year', combine: 'mean' },
    ],
    facts: { n: { type: 'number', title: '當月得分' } },
    items: [{ kind: 'judged', id: 'monthly', title: '月度工作', max: 30, fact: 'n' }],
  })
  const months = (values: number[]) => Object.fromEntries(values.map((n, i) => [`2017-${String(i + 1).padStart(2, '0')}`, { facts: { n } }]))

  it('sums each quarter, then takes the mean of the quarters', () => {
    // Q1 1+2+3 = 6, Q2 4+5+6 = 15, Q3 7+8+9 = 24, Q4 10+10+10 = 30 → (6 + 15 + 24 + 30) / 4 = 75 / 4 = 18.75
    const r = subjectOk(ev, { id: 's1', periods: months([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10]) })
    expect(r.exactTotal).toBe('18.75')
    expect(r.total).toBe('18.75')
    expect(r.periods).toHaveLength(12)
    expect(r.items[0]!.trail!.rule).toBe('rollup month → quarter by sum, quarter → year by mean')
    expect(r.items[0]!.trail!.arithmetic).toBe('mean of 2017-Q1 6, 2017-Q2 15, 2017-Q3 24, 2017-Q4 30 = 18.75')
  })

  it('a missing month is an error (the first level has no skip)', () => {
    const m = months([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10])
    delete m['2017-05']
    const ds = failureOf(ev, { id: 's1', periods: m })
    expect(ds[0]!.code).toBe('EVIDENCE_INVALID')
    expect(ds[0]!.message).toContain('2017-05')
  })

  it('a missing whole quarter is an error too', () => {
    const m = months([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10])
    for (const k of ['2017-07', '2017-08', '2017-09']) delete m[k]
    const ds = failureOf(ev, { id: 's1', periods: m })
    expect(ds[0]!.code).toBe('EVIDENCE_INVALID')
    expect(ds[0]!.message).toContain('2017-Q3')
  })
})

describe('rollup trails', () => {
  const ev = compileOk(quarterly())
  it('each item explains how it scored in every period, then how the periods combine', () => {
    const periods = { '2017-Q1': q(80), '2017-Q2': q(85), '2017-Q3': q(90, false), '2017-Q4': q(86) }
    const done = subjectOk(ev, { id: 's1', periods }).items[0]!.items![1]!
    // 完成 is true in Q1, Q2, Q4 (10 each) and false in Q3 (0): mean (10 + 10 + 0 + 10) / 4 = 7.5
    expect(done.trail!.arithmetic).toBe('mean of 2017-Q1 10, 2017-Q2 10, 2017-Q3 0, 2017-Q4 10 = 7.5')
    expect(done.trail!.periods!.map((p) => [p.period, p.score])).toEqual([
      ['2017-Q1', '10'],
      ['2017-Q2', '10'],
      ['2017-Q3', '0'],
      ['2017-Q4', '10'],
    ])
    expect(done.trail!.periods![2]!.arithmetic).toContain('done = false')
    // without a trail, no per-period explanation is built
    expect(subjectOk(ev, { id: 's1', periods }, { trail: false }).items[0]!.items![1]!.trail).toBeUndefined()
  })
})

describe('rollup: combine from an enum parameter', () => {
  // period.unit quarter: the unit each period's evidence is scored for, where the rollup starts
  const rubric = { ...quarterly(), period: { unit: 'quarter', from: '2017-01-01', to: '2017-12-31' }, params: { yearFrom: { type: 'enum', values: ['mean', 'min'], default: 'mean', title: '年度得分取季度的' } }, rollup: [{ from: 'quarter', to: 'year', combine: { param: 'yearFrom' } }] }
  const ev = compileOk(rubric)
  const periods = { '2017-Q1': q(80), '2017-Q2': q(85), '2017-Q3': q(90, false), '2017-Q4': q(86) }
  it('mean by default (92.75), the lowest quarter with min (90)', () => {
    // quarters 90, 95, 90, 96: mean 371 / 4 = 92.75; min 90
    expect(subjectOk(ev, { id: 's1', periods }).exactTotal).toBe('92.75')
    expect(subjectOk(ev, { id: 's1', periods }, { params: { yearFrom: 'min' } }).exactTotal).toBe('90')
  })
  it('the parameter must be an enum of ways to combine', async () => {
    const { validateRubric } = await import('../../src/validate/validate-rubric')
    const { Rubric } = await import('../../src/kinds/rubric')
    const bad = { ...rubric, params: { yearFrom: { type: 'enum', values: ['mean', 'median'], default: 'mean' } } }
    expect(validateRubric(Rubric.parse(bad)).diagnostics.map((d) => d.message)).toEqual(['Rollup level 0 takes combine from parameter "yearFrom", which must be an enum parameter with values among sum, mean, min, max, last.'])
  })
})
