import { describe, expect, it } from 'vitest'
import { base, compileOk, failureOf, scoreOf } from './helpers'

const rubric = (money: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  ...base,
  total: 10,
  period: { unit: 'year', from: '2017-01-01', to: '2017-12-31' },
  facts: { lateReports: { type: 'integer', title: '遲報次數', min: 0, required: false } },
  records: {
    adoptions: {
      title: '信息採用',
      fields: { piece: { type: 'string' }, level: { type: 'enum', values: ['national', 'provincial', 'city', 'tiny'] }, date: { type: 'date' } },
      key: 'piece',
      date: 'date',
    },
  },
  quotas: [{ id: 'submissions', title: '全年報送', records: 'adoptions', atLeast: 4 }],
  items: [{ kind: 'count', id: 'adopted', title: '採用', max: 10, records: 'adoptions', points: 1 }],
  money,
  ...extra,
})

const row = (piece: string, level: string, date = '2017-06-01') => ({ piece, level, date })
const amounts = { national: 300, provincial: 200, city: 100 }

describe('money: rewards per category', () => {
  const ev = compileOk(rubric({ rewards: [{ id: 'adoption-reward', title: '採用獎勵', records: 'adoptions', category: 'level', amounts }] }))

  it('each record × the amount of its category', () => {
    const r = scoreOf(ev, {}, { adoptions: [row('a', 'national'), row('b', 'provincial'), row('c', 'provincial'), row('d', 'city')] })
    const m = r.money!
    expect(m.currency).toBe('CNY')
    expect(m.rewards[0]!.amount).toBe('800.00') // 300 + 2 × 200 + 100
    expect(m.rewards[0]!.lines).toEqual([
      { category: 'national', count: 1, each: '300.00', amount: '300.00' },
      { category: 'provincial', count: 2, each: '200.00', amount: '400.00' },
      { category: 'city', count: 1, each: '100.00', amount: '100.00' },
    ])
    expect(m.rewards[0]!.detail).toBe('national 1 × 300.00 + provincial 2 × 200.00 + city 1 × 100.00 = 800.00')
    expect(m.rewardTotal).toBe('800.00')
    expect(m.penaltyTotal).toBe('0.00')
    expect(m.net).toBe('800.00')
  })

  it('without dedupe a piece adopted twice is rewarded twice', () => {
    const r = scoreOf(ev, {}, { adoptions: [row('a', 'city'), row('a', 'national')] })
    expect(r.money!.rewards[0]!.amount).toBe('400.00') // 100 + 300
    expect(r.money!.rewards[0]!.duplicates).toBeUndefined()
  })

  it('records outside the span are not rewarded', () => {
    const r = scoreOf(ev, {}, { adoptions: [row('a', 'national', '2016-12-31'), row('b', 'city')] })
    expect(r.money!.rewardTotal).toBe('100.00')
  })

  it('a category without an amount is refused', () => {
    const ds = failureOf(ev, { id: 's1', records: { adoptions: [row('a', 'tiny')] } })
    expect(ds[0]!.code).toBe('EVIDENCE_INVALID')
    expect(ds[0]!.path).toEqual(['subjects', 0, 'records', 'adoptions', 0, 'level'])
  })

  it('where filters the rewarded records', () => {
    const e = compileOk(rubric({ rewards: [{ id: 'r', title: '省級以上採用獎勵', records: 'adoptions', where: { level: ['national', 'provincial'] }, category: 'level', amounts }] }))
    expect(scoreOf(e, {}, { adoptions: [row('a', 'national'), row('b', 'city')] }).money!.rewardTotal).toBe('300.00')
  })
})

describe('money: one piece adopted at several levels is rewarded once, at the highest', () => {
  const ev = compileOk(rubric({ rewards: [{ id: 'adoption-reward', title: '採用獎勵', records: 'adoptions', category: 'level', amounts, dedupe: true }] }))

  it('city, provincial and national adoptions of piece a → 300 once', () => {
    const r = scoreOf(ev, {}, { adoptions: [row('a', 'city'), row('a', 'provincial'), row('a', 'national'), row('b', 'provincial'), row('b', 'city')] })
    const line = r.money!.rewards[0]!
    expect(line.amount).toBe('500.00') // a: national 300; b: provincial 200
    expect(line.lines).toEqual([
      { category: 'national', count: 1, each: '300.00', amount: '300.00' },
      { category: 'provincial', count: 1, each: '200.00', amount: '200.00' },
    ])
    expect(line.duplicates).toEqual([
      { key: 'a', kept: 'national', dropped: ['city', 'provincial'] },
      { key: 'b', kept: 'provincial', dropped: ['city'] },
    ])
  })

  it('the highest wins whatever the order of the records', () => {
    const r = scoreOf(ev, {}, { adoptions: [row('a', 'national'), row('a', 'city'), row('a', 'provincial')] })
    expect(r.money!.rewardTotal).toBe('300.00')
    expect(r.money!.rewards[0]!.duplicates).toEqual([{ key: 'a', kept: 'national', dropped: ['city', 'provincial'] }])
  })
})

describe('money: penalties', () => {
  const ev = compileOk(
    rubric({
      rewards: [{ id: 'adoption-reward', title: '採用獎勵', records: 'adoptions', category: 'level', amounts }],
      penalties: [
        { id: 'short', title: '未完成報送任務', quota: 'submissions', amount: 50 },
        { id: 'late', title: '遲報', fact: 'lateReports', amount: 20.5 },
      ],
    }),
  )

  it('per unit of quota shortfall, and per fault', () => {
    const r = scoreOf(ev, { lateReports: 2 }, { adoptions: [row('a', 'city')] })
    const m = r.money!
    expect(m.penalties[0]).toMatchObject({ id: 'short', amount: '150.00', detail: 'short 3 of submissions × 50.00 = 150.00' }) // 1 of 4 → short 3 × 50
    expect(m.penalties[1]).toMatchObject({ id: 'late', amount: '41.00', detail: 'lateReports 2 × 20.50 = 41.00' }) // 2 × 20.5
    expect(m.rewardTotal).toBe('100.00')
    expect(m.penaltyTotal).toBe('191.00') // 150 + 41
    expect(m.net).toBe('-91.00') // 100 − 191
  })

  it('quota met → no penalty', () => {
    const rows = ['a', 'b', 'c', 'd'].map((p) => row(p, 'city'))
    const m = scoreOf(ev, { lateReports: 0 }, { adoptions: rows }).money!
    expect(m.penaltyTotal).toBe('0.00')
    expect(m.net).toBe('400.00')
  })

  it('a missing optional fault count is taken as 0 with a warning', () => {
    const r = scoreOf(ev, {}, { adoptions: ['a', 'b', 'c', 'd'].map((p) => row(p, 'city')) })
    expect(r.money!.penaltyTotal).toBe('0.00')
    expect(r.warnings.map((w) => w.code)).toContain('EVIDENCE_MISSING_ZEROED')
  })
})

describe('money is exact to the fen', () => {
  it('0.1 + 0.2 = 0.30 exactly', () => {
    const ev = compileOk(rubric({ rewards: [{ id: 'r', title: '獎勵', records: 'adoptions', category: 'level', amounts: { national: 0.2, provincial: 0.1, city: 0 } }] }))
    const m = scoreOf(ev, {}, { adoptions: [row('a', 'provincial'), row('b', 'national')] }).money!
    expect(m.rewardTotal).toBe('0.30') // 0.1 + 0.2 = 0.30, not 0.30000000000000004
    expect(m.net).toBe('0.30')
  })

  it('0.1 + 0.2 across two reward lines', () => {
    const ev = compileOk(
      rubric({
        rewards: [
          { id: 'r1', title: '獎勵一', records: 'adoptions', where: { level: 'provincial' }, category: 'level', amounts: { provincial: 0.1 } },
          { id: 'r2', title: '獎勵二', records: 'adoptions', where: { level: 'national' }, category: 'level', amounts: { national: '0.2' } },
        ],
      }),
    )
    const m = scoreOf(ev, {}, { adoptions: [row('a', 'provincial'), row('b', 'national')] }).money!
    expect(m.rewards.map((l) => l.amount)).toEqual(['0.10', '0.20'])
    expect(m.rewardTotal).toBe('0.30')
  })

  it('many small amounts add without drift', () => {
    const ev = compileOk(rubric({ rewards: [{ id: 'r', title: '獎勵', records: 'adoptions', category: 'level', amounts: { national: 0.01, provincial: 0.01, city: 0.01 } }] }))
    const rows = Array.from({ length: 1000 }, (_, i) => row(`p${i}`, 'city'))
    expect(scoreOf(ev, {}, { adoptions: rows }).money!.rewardTotal).toBe('10.00') // 1000 × 0.01 = 10.00 exactly
  })

  it('amounts from params', () => {
    const ev = compileOk({
      ...rubric({ rewards: [{ id: 'r', title: '獎勵', records: 'adoptions', category: 'level', amounts: { national: { param: 'nationalYuan' }, provincial: 200, city: 100 } }] }),
      params: { nationalYuan: { type: 'number', default: 300 } },
    })
    const rows = { adoptions: [row('a', 'national'), row('b', 'national')] }
    expect(scoreOf(ev, {}, rows).money!.rewardTotal).toBe('600.00')
    expect(scoreOf(ev, {}, rows, { params: { nationalYuan: 250.55 } }).money!.rewardTotal).toBe('501.10') // 2 × 250.55
  })
})
