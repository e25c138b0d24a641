import { describe, expect, it } from 'vitest'
import { base, compileOk, failureOf, scoreOf } from './helpers'

const records = {
  innovations: {
    title: '創新創優成果',
    fields: {
      piece: { type: 'string' },
      kind: { type: 'enum', values: ['innovation', 'national', 'provincial'] },
      date: { type: 'date' },
    },
    key: 'piece',
    date: 'date',
  },
}

const rubric = (item: Record<string, unknown>) => ({
  ...base,
  total: 10,
  period: { unit: 'year', from: '2017-01-01', to: '2017-12-31' },
  records,
  ...(item.fact ? { facts: { papers: { type: 'integer', title: '論文數', min: 0 } } } : {}),
  items: [{ kind: 'count', id: 'innovation', title: '工作創新創優', max: 10, ...item }],
})

const row = (piece: string, kind: string, date = '2017-06-01') => ({ piece, kind, date })

describe('count: records × points, capped', () => {
  const ev = compileOk(rubric({ records: 'innovations', where: { kind: 'innovation' }, points: 2 }))
  const score = (rows: unknown[]) => scoreOf(ev, {}, { innovations: rows }).items[0]!

  it('counts the matching records', () => {
    expect(score([]).score).toBe('0') // none → 0
    expect(score([row('a', 'innovation'), row('b', 'innovation'), row('c', 'national')]).score).toBe('4') // 2 innovations × 2 = 4 (national not matched)
    expect(scoreOf(ev, {}).items[0]!.score).toBe('0') // no record list given at all → 0
  })

  it('caps at max (the default cap)', () => {
    const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((p) => row(p, 'innovation'))
    const r = score(six) // 6 × 2 = 12 → cap 10
    expect(r.score).toBe('10')
    expect(r.trail!.arithmetic).toBe('12 → cap 10')
    expect(r.trail!.inputs).toEqual({ innovations: '6 counted' })
    expect(r.trail!.rule).toContain('where kind = innovation')
  })

  it('records outside the assessed span are not counted', () => {
    const rows = [row('a', 'innovation', '2016-12-31'), row('b', 'innovation', '2017-01-01'), row('c', 'innovation', '2017-12-31'), row('d', 'innovation', '2018-01-01')]
    expect(score(rows).score).toBe('4') // only 2017-01-01 and 2017-12-31 (both ends included) → 2 × 2
    // a different span passed as an option
    expect(scoreOf(ev, {}, { innovations: rows }, { period: { from: '2016-01-01', to: '2016-12-31' } }).items[0]!.score).toBe('2') // only 2016-12-31
  })

  it('an explicit cap below max', () => {
    const capped = compileOk(rubric({ records: 'innovations', points: 2, cap: 5 }))
    expect(scoreOf(capped, {}, { innovations: [row('a', 'innovation'), row('b', 'national'), row('c', 'provincial')] }).items[0]!.score).toBe('5') // 3 × 2 = 6 → cap 5
  })

  it('where with a list matches any of the values', () => {
    const e = compileOk(rubric({ records: 'innovations', where: { kind: ['national', 'provincial'] }, points: 1 }))
    expect(scoreOf(e, {}, { innovations: [row('a', 'innovation'), row('b', 'national'), row('c', 'provincial')] }).items[0]!.score).toBe('2') // national + provincial
  })
})

describe('count: points by a field, and de-duplication', () => {
  const points = { by: 'kind', values: { innovation: 2, national: 3, provincial: 1.5 } }

  it('each record takes the points of its category', () => {
    const ev = compileOk(rubric({ records: 'innovations', points }))
    const r = scoreOf(ev, {}, { innovations: [row('a', 'innovation'), row('b', 'national'), row('c', 'provincial'), row('d', 'provincial')] })
    expect(r.items[0]!.score).toBe('8') // 2 + 3 + 1.5 + 1.5 = 8
    expect(r.items[0]!.trail!.rule).toContain('points by kind')
  })

  it('without dedupe a piece adopted twice counts twice', () => {
    const ev = compileOk(rubric({ records: 'innovations', points }))
    expect(scoreOf(ev, {}, { innovations: [row('a', 'provincial'), row('a', 'national')] }).items[0]!.score).toBe('4.5') // 1.5 + 3
  })

  it('with dedupe a piece counts once, at its highest points', () => {
    const ev = compileOk(rubric({ records: 'innovations', points, dedupe: true }))
    const r = scoreOf(ev, {}, { innovations: [row('a', 'provincial'), row('a', 'national'), row('a', 'provincial'), row('b', 'provincial')] })
    expect(r.items[0]!.score).toBe('4.5') // piece a once at national 3, piece b 1.5 → 4.5
    expect(r.items[0]!.trail!.inputs).toEqual({ innovations: '2 counted' })
    expect(r.items[0]!.trail!.rule).toContain('one per piece at its highest')
  })

  it('a category with no points is refused, naming the record', () => {
    const ev = compileOk(rubric({ records: 'innovations', points: { by: 'kind', values: { innovation: 2, national: 3 } } }))
    const ds = failureOf(ev, { id: 's1', records: { innovations: [row('a', 'national'), row('b', 'provincial')] } })
    expect(ds[0]!.code).toBe('EVIDENCE_INVALID')
    expect(ds[0]!.path).toEqual(['subjects', 0, 'records', 'innovations', 1, 'kind'])
    expect(ds[0]!.subject).toBe('s1')
  })

  it('points from params', () => {
    const ev = compileOk({
      ...rubric({ records: 'innovations', points: { by: 'kind', values: { innovation: { param: 'innovationPoints' }, national: 3, provincial: 2 } } }),
      params: { innovationPoints: { type: 'number', default: 2 } },
    })
    const rows = { innovations: [row('a', 'innovation'), row('b', 'innovation')] }
    expect(scoreOf(ev, {}, rows).items[0]!.score).toBe('4') // 2 × 2
    expect(scoreOf(ev, {}, rows, { params: { innovationPoints: 2.5 } }).items[0]!.score).toBe('5') // 2 × 2.5
  })
})

describe('count: an integer fact that is already a count', () => {
  const ev = compileOk(rubric({ fact: 'papers', points: 0.5, cap: 3 }))

  it('fact × points, capped', () => {
    expect(scoreOf(ev, { papers: 0 }).items[0]!.score).toBe('0')
    expect(scoreOf(ev, { papers: 5 }).items[0]!.score).toBe('2.5') // 5 × 0.5
    expect(scoreOf(ev, { papers: 7 }).items[0]!.score).toBe('3') // 3.5 → cap 3
    expect(scoreOf(ev, { papers: 7 }).items[0]!.trail!.arithmetic).toBe('7 × 0.5 = 3.5 → cap 3')
  })

  it('a fractional or negative count is refused by the evidence schema', () => {
    expect(failureOf(ev, { id: 's1', facts: { papers: 2.5 } })[0]!.code).toBe('EVIDENCE_INVALID')
    expect(failureOf(ev, { id: 's1', facts: { papers: -1 } })[0]!.code).toBe('EVIDENCE_OUT_OF_RANGE')
  })
})
