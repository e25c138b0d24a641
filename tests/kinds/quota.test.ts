import { describe, expect, it } from 'vitest'
import { base, cohortOk, compileOk, failureOf, scoreOf, subjectOk } from './helpers'

const rubric = (extra: Record<string, unknown> = {}, itemExtra: Record<string, unknown> = {}) => ({
  ...base,
  total: 10,
  period: { unit: 'quarter', from: '2017-01-01', to: '2017-03-31' },
  records: {
    reports: {
      title: '信息報送',
      fields: { date: { type: 'date' }, kind: { type: 'enum', values: ['info', 'analysis', 'other'] } },
      date: 'date',
    },
  },
  quotas: [
    {
      id: 'monthly-reports',
      title: '每月報送信息',
      records: 'reports',
      where: { kind: ['info', 'analysis'] },
      per: 'month',
      atLeast: 2,
      overrides: { 'social-aid': 3 },
      cohort: { atLeast: 16, title: '全局合計' },
    },
  ],
  items: [{ kind: 'quota', id: 'reporting', title: '信息報送', max: 10, quota: 'monthly-reports', points: 1, floor: 0, ...itemExtra }],
  ...extra,
})

/** n reports in a month ("2017-01"), of a kind. */
const reports = (month: string, n: number, kind = 'info') => Array.from({ length: n }, (_, i) => ({ date: `${month}-${String(i + 1).padStart(2, '0')}`, kind }))

const civil = { id: 'civil', records: { reports: [...reports('2017-01', 2), ...reports('2017-02', 1)] } } // 2, 1, 0
const socialAid = { id: 'social-aid', records: { reports: [...reports('2017-01', 2), ...reports('2017-02', 3, 'analysis'), ...reports('2017-03', 3)] } } // 2, 3, 3
const full = { id: 'full', records: { reports: [...reports('2017-01', 3), ...reports('2017-02', 2), ...reports('2017-03', 2)] } } // 3, 2, 2

describe('quota item: per-month quotas, per-subject overrides, shortfall', () => {
  const ev = compileOk(rubric())

  it('each month short counts: 2, 1, 0 of 2 → short 0 + 1 + 2 = 3 → 7', () => {
    const r = scoreOf(ev, {}, civil.records)
    expect(r.items[0]!.score).toBe('7') // 10 − 3 × 1 = 7
    expect(r.quotas).toEqual([
      {
        id: 'monthly-reports',
        title: '每月報送信息',
        required: 2,
        overridden: false,
        count: 3,
        shortfall: 3,
        periods: [
          { period: '2017-01', count: 2, required: 2, short: 0 },
          { period: '2017-02', count: 1, required: 2, short: 1 },
          { period: '2017-03', count: 0, required: 2, short: 2 },
        ],
      },
    ])
    expect(r.items[0]!.trail!.arithmetic).toBe('short 3 (2017-02: 1/2, 2017-03: 0/2) × 1 = 3; 10 − 3 = 7')
  })

  it('a per-subject override (社救局 ≥ 3): 2, 3, 3 of 3 → short 1 → 9', () => {
    const r = scoreOf(ev, {}, socialAid.records, undefined)
    // scoreOf evaluates subject "s1": no override applies → 2, 3, 3 of 2 → short 0
    expect(r.items[0]!.score).toBe('10')
    const o = subjectOk(ev, socialAid)
    expect(o.items[0]!.score).toBe('9') // Jan 2 of 3 → short 1 → 10 − 1 = 9
    expect(o.quotas![0]).toMatchObject({ required: 3, overridden: true, count: 8, shortfall: 1 })
  })

  it('a surplus in one month does not make up for another', () => {
    const r = scoreOf(ev, {}, { reports: [...reports('2017-01', 6)] }) // 6, 0, 0 → short 0 + 2 + 2 = 4
    expect(r.items[0]!.score).toBe('6')
    expect(scoreOf(ev, {}, full.records).items[0]!.score).toBe('10') // 3, 2, 2 → 0 short
  })

  it('records outside the span, or not matching where, are not counted', () => {
    const rows = [...reports('2016-12', 5), ...reports('2017-01', 2), ...reports('2017-02', 2), ...reports('2017-03', 1), ...reports('2017-03', 4, 'other'), ...reports('2017-04', 5)]
    const r = scoreOf(ev, {}, { reports: rows })
    expect(r.quotas![0]!.count).toBe(5) // 2 + 2 + 1 (the "other" kind and Dec / Apr are not counted)
    expect(r.items[0]!.score).toBe('9') // March 1 of 2 → short 1
  })

  it('never below the floor', () => {
    const e = compileOk(rubric({}, { points: 2 }))
    expect(scoreOf(e, {}, { reports: [] }).items[0]!.score).toBe('0') // short 6 × 2 = 12 → −2 → floor 0
    expect(scoreOf(e, {}, civil.records).items[0]!.score).toBe('4') // short 3 × 2 = 6 → 4
  })

  it('a per-month quota needs the assessed span', () => {
    const e = compileOk({ ...rubric(), period: { unit: 'quarter' } })
    const ds = failureOf(e, { id: 's1', records: civil.records })
    expect(ds[0]!.code).toBe('OPTION_INVALID')
    expect(scoreOf(e, {}, civil.records, { period: { from: '2017-01-01', to: '2017-02-28' } }).items[0]!.score).toBe('9') // Jan 2, Feb 1 → short 1
  })

  it('a quota over the whole span (no per)', () => {
    const e = compileOk(rubric({ quotas: [{ id: 'monthly-reports', title: '全年報送', records: 'reports', atLeast: 5 }] }))
    expect(scoreOf(e, {}, civil.records).items[0]!.score).toBe('8') // 3 of 5 → short 2 → 8
    expect(scoreOf(e, {}, civil.records).quotas![0]!.periods).toBeUndefined()
    expect(scoreOf(e, {}, full.records).items[0]!.score).toBe('10') // 7 ≥ 5
  })

  it('a quota as a condition', () => {
    const e = compileOk(rubric({ items: [{ kind: 'check', id: 'met', title: '完成任務', max: 10, when: { quota: 'monthly-reports', met: true } }] }))
    expect(scoreOf(e, {}, full.records).items[0]!.score).toBe('10')
    expect(scoreOf(e, {}, civil.records).items[0]!.score).toBe('0')
    expect(scoreOf(e, {}, civil.records).items[0]!.trail!.arithmetic).toBe('quota monthly-reports: shortfall 3 ✗ → 0')
  })
})

describe('cohort-level quota totals (全局 ≥ 16)', () => {
  const ev = compileOk(rubric())

  it('the cohort reaches the total together', () => {
    const c = cohortOk(ev, [civil, socialAid, full])
    // counts: civil 3, social-aid 8, full 7 → 18 ≥ 16
    expect(c.cohortQuotas).toEqual([{ id: 'monthly-reports', title: '每月報送信息', required: '16', count: 18, shortfall: 0, met: true }])
    expect(c.subjects.map((s) => [s.subject.id, s.items[0]!.score])).toEqual([
      ['civil', '7'],
      ['social-aid', '9'],
      ['full', '10'],
    ])
  })

  it('a cohort short of the total', () => {
    const c = cohortOk(ev, [civil, full])
    expect(c.cohortQuotas[0]).toMatchObject({ required: '16', count: 10, shortfall: 6, met: false }) // 3 + 7 = 10 → 6 short
  })

  it('the cohort total from a param', () => {
    const e = compileOk(rubric({
      params: { cohortTotal: { type: 'integer', default: 16 } },
      quotas: [{ id: 'monthly-reports', title: '每月報送信息', records: 'reports', per: 'month', atLeast: 2, cohort: { atLeast: { param: 'cohortTotal' } } }],
    }))
    expect(cohortOk(e, [civil, full], { params: { cohortTotal: 10 } }).cohortQuotas[0]).toMatchObject({ required: '10', count: 10, shortfall: 0, met: true })
  })

  it('no cohort total declared → no cohort quota results', () => {
    const e = compileOk(rubric({ quotas: [{ id: 'monthly-reports', title: '每月', records: 'reports', per: 'month', atLeast: 2 }] }))
    expect(cohortOk(e, [civil, full]).cohortQuotas).toEqual([])
  })
})
