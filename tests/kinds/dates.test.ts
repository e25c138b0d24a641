import { describe, expect, it } from 'vitest'
import { base, compileOk, failureOf, scoreOf } from './helpers'

/** One check item on a date condition; the score is 1 when it holds. */
const dated = (when: unknown, facts: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  compileOk({ ...base, total: 1, facts, items: [{ kind: 'check', id: 'c', title: '條件', max: 1, when }], ...extra })

const date = (title: string, required?: boolean) => ({ type: 'date', title, ...(required === undefined ? {} : { required }) })
const holds = (ev: ReturnType<typeof dated>, facts: Record<string, unknown>, asOf?: string, period?: { from?: string; to?: string }) =>
  scoreOf(ev, facts, undefined, { ...(asOf ? { asOf } : {}), ...(period ? { period } : {}) }).items[0]!.score === '1'

describe('validFor: a certificate valid 3 years', () => {
  const ev = dated({ date: 'certified', validFor: { years: 3 } }, { certified: date('發證日期') })

  it('2014-06-30 is valid as of 2017-06-29 and lapsed as of 2017-06-30', () => {
    expect(holds(ev, { certified: '2014-06-30' }, '2014-06-30')).toBe(true) // the day of issue
    expect(holds(ev, { certified: '2014-06-30' }, '2017-06-29')).toBe(true) // last valid day: 2014-06-30 + 3y − 1 day
    expect(holds(ev, { certified: '2014-06-30' }, '2017-06-30')).toBe(false) // 2014-06-30 + 3y = 2017-06-30: lapsed
  })

  it('the trail gives the last valid day', () => {
    const t = scoreOf(ev, { certified: '2014-06-30' }, undefined, { asOf: '2017-06-30' }).items[0]!.trail!
    expect(t.arithmetic).toBe('certified = 2014-06-30, valid until 2017-06-29 (3y), as of 2017-06-30 ✗ → 0')
  })

  it('leap day: 2016-02-29 + 1 year → 2017-02-28', () => {
    const one = dated({ date: 'certified', validFor: { years: 1 } }, { certified: date('發證日期') })
    expect(holds(one, { certified: '2016-02-29' }, '2017-02-27')).toBe(true) // before 2017-02-28
    expect(holds(one, { certified: '2016-02-29' }, '2017-02-28')).toBe(false) // 2016-02-29 + 1y = 2017-02-28 (clamped): lapsed
  })

  it('needs the evaluation date; it defaults to the end of the assessed span', () => {
    const ds = failureOf(ev, { id: 's1', facts: { certified: '2014-06-30' } })
    expect(ds[0]!.code).toBe('OPTION_INVALID')
    const withPeriod = dated({ date: 'certified', validFor: { years: 3 } }, { certified: date('發證日期') }, { period: { unit: 'year', from: '2017-01-01', to: '2017-06-29' } })
    expect(holds(withPeriod, { certified: '2014-06-30' })).toBe(true) // asOf = period.to = 2017-06-29
    expect(holds(withPeriod, { certified: '2014-06-30' }, '2017-06-30')).toBe(false) // asOf given explicitly wins
  })
})

describe('heldFor: held at least 1 year', () => {
  const ev = dated({ date: 'since', heldFor: { years: 1 } }, { since: date('取得日期') })

  it('holds from the anniversary on', () => {
    expect(holds(ev, { since: '2016-06-30' }, '2017-06-29')).toBe(false) // one day short
    expect(holds(ev, { since: '2016-06-30' }, '2017-06-30')).toBe(true) // 2016-06-30 + 1y = 2017-06-30 ≤ asOf
  })

  it('leap day: 2016-02-29 + 1 year → 2017-02-28', () => {
    expect(holds(ev, { since: '2016-02-29' }, '2017-02-27')).toBe(false)
    expect(holds(ev, { since: '2016-02-29' }, '2017-02-28')).toBe(true) // anniversary clamped to 2017-02-28
    expect(scoreOf(ev, { since: '2016-02-29' }, undefined, { asOf: '2017-02-28' }).items[0]!.trail!.arithmetic).toContain('held 1y from 2017-02-28')
  })

  it('months and days', () => {
    const e = dated({ date: 'since', heldFor: { months: 1, days: 2 } }, { since: date('取得日期') })
    expect(holds(e, { since: '2017-01-31' }, '2017-03-01')).toBe(false) // 01-31 + 1m → 02-28 (clamped) + 2d = 03-02
    expect(holds(e, { since: '2017-01-31' }, '2017-03-02')).toBe(true)
  })
})

describe('deadlines: onOrBefore / onOrAfter', () => {
  it('onOrBefore "--12-20": the 20 December of the evaluated year', () => {
    const ev = dated({ date: 'submitted', onOrBefore: '--12-20' }, { submitted: date('報送日期') }, { period: { unit: 'year', from: '2017-01-01', to: '2017-12-31' } })
    expect(holds(ev, { submitted: '2017-12-20' })).toBe(true) // on the deadline
    expect(holds(ev, { submitted: '2017-12-21' })).toBe(false) // a day late
    expect(holds(ev, { submitted: '2017-01-05' })).toBe(true)
    // another year's span: the deadline moves with it
    expect(holds(ev, { submitted: '2017-12-21' }, '2018-12-31', { from: '2018-01-01', to: '2018-12-31' })).toBe(true) // ≤ 2018-12-20
    expect(scoreOf(ev, { submitted: '2017-12-21' }).items[0]!.trail!.arithmetic).toBe('submitted = 2017-12-21, deadline 2017-12-20 ✗ → 0')
  })

  it('an absolute deadline and onOrAfter', () => {
    const ev = dated({ date: 'submitted', onOrAfter: '2017-03-01', onOrBefore: '2017-03-31' }, { submitted: date('報送日期') })
    expect(holds(ev, { submitted: '2017-02-28' })).toBe(false)
    expect(holds(ev, { submitted: '2017-03-01' })).toBe(true)
    expect(holds(ev, { submitted: '2017-03-31' })).toBe(true)
    expect(holds(ev, { submitted: '2017-04-01' })).toBe(false)
  })

  it('a deadline from a date param', () => {
    const ev = dated({ date: 'submitted', onOrBefore: { param: 'deadline' } }, { submitted: date('報送日期') }, { params: { deadline: { type: 'date', default: '2017-06-30' } } })
    expect(holds(ev, { submitted: '2017-07-01' })).toBe(false)
    expect(scoreOf(ev, { submitted: '2017-07-01' }, undefined, { params: { deadline: '2017-07-15' } }).items[0]!.score).toBe('1')
  })
})

describe('span: between two dates', () => {
  const facts = { start: date('開始'), end: date('結束') }

  it('7 days inclusive (the default): 1–7 March is 7 days', () => {
    const ev = dated({ span: ['start', 'end'], atLeast: { days: 7 } }, facts)
    expect(holds(ev, { start: '2017-03-01', end: '2017-03-07' })).toBe(true) // 7 − 1 + 1 = 7 days
    expect(holds(ev, { start: '2017-03-01', end: '2017-03-06' })).toBe(false) // 6 days
    expect(scoreOf(ev, { start: '2017-03-01', end: '2017-03-07' }).items[0]!.trail!.arithmetic).toBe('start → end: 7 days, at least 7d ✓ → 1')
  })

  it('7 days exclusive: end − start', () => {
    const ev = dated({ span: ['start', 'end'], atLeast: { days: 7 }, ends: 'exclusive' }, facts)
    expect(holds(ev, { start: '2017-03-01', end: '2017-03-07' })).toBe(false) // 7 − 1 = 6 days
    expect(holds(ev, { start: '2017-03-01', end: '2017-03-08' })).toBe(true) // 7 days
  })

  it('atMost', () => {
    const inclusive = dated({ span: ['start', 'end'], atMost: { days: 7 } }, facts)
    expect(holds(inclusive, { start: '2017-03-01', end: '2017-03-07' })).toBe(true) // 7 days
    expect(holds(inclusive, { start: '2017-03-01', end: '2017-03-08' })).toBe(false) // 8 days
    const exclusive = dated({ span: ['start', 'end'], atMost: { days: 7 }, ends: 'exclusive' }, facts)
    expect(holds(exclusive, { start: '2017-03-01', end: '2017-03-08' })).toBe(true) // 7 days
    expect(holds(exclusive, { start: '2017-03-01', end: '2017-03-09' })).toBe(false)
  })

  it('across a month end and a leap February', () => {
    const ev = dated({ span: ['start', 'end'], atLeast: { days: 7 } }, facts)
    expect(holds(ev, { start: '2016-02-25', end: '2016-03-02' })).toBe(true) // 25, 26, 27, 28, 29, 1, 2 = 7 days
    expect(holds(ev, { start: '2017-02-25', end: '2017-03-02' })).toBe(false) // no 29th: 6 days
  })
})

describe('order: procedure dates must not go backwards', () => {
  const ev = dated(
    { order: ['applied', 'checked', 'published', 'approved'] },
    { applied: date('申報'), checked: date('預檢'), published: date('公示', false), approved: date('審批') },
  )

  it('in order, or on the same day', () => {
    expect(holds(ev, { applied: '2017-03-01', checked: '2017-03-05', published: '2017-03-10', approved: '2017-03-20' })).toBe(true)
    expect(holds(ev, { applied: '2017-03-01', checked: '2017-03-01', published: '2017-03-01', approved: '2017-03-01' })).toBe(true) // equal is not backwards
  })

  it('a step before the one it follows fails', () => {
    expect(holds(ev, { applied: '2017-03-01', checked: '2017-03-05', published: '2017-03-04', approved: '2017-03-20' })).toBe(false) // 公示 before 預檢
    const t = scoreOf(ev, { applied: '2017-03-01', checked: '2017-03-05', published: '2017-03-04', approved: '2017-03-20' }).items[0]!.trail!
    expect(t.arithmetic).toBe('applied 2017-03-01 ≤ checked 2017-03-05 ≤ published 2017-03-04 ≤ approved 2017-03-20 ✗ → 0')
  })

  it('a missing optional step fails the order', () => {
    expect(holds(ev, { applied: '2017-03-01', checked: '2017-03-05', approved: '2017-03-20' })).toBe(false)
  })

  it('an impossible date is refused', () => {
    const ds = failureOf(ev, { id: 's1', facts: { applied: '2017-02-30', checked: '2017-03-05', approved: '2017-03-20' } })
    expect(ds[0]!.code).toBe('EVIDENCE_INVALID')
    expect(ds[0]!.path).toEqual(['subjects', 0, 'facts', 'applied'])
  })
})

describe('records within 2 years before the evaluation date', () => {
  const ev = compileOk({
    ...base,
    total: 5,
    period: { unit: 'year', from: '2017-01-01', to: '2017-12-31' },
    records: { incidents: { title: '事故', fields: { date: { type: 'date' }, kind: { type: 'enum', values: ['major', 'minor'] } }, date: 'date' } },
    items: [{ kind: 'check', id: 'safe', title: '兩年內無重大事故', max: 5, when: { count: 'incidents', where: { kind: 'major' }, within: { years: 2 }, atMost: 0 } }],
  })
  const score = (dates: string[], asOf?: string, kind = 'major') => scoreOf(ev, {}, { incidents: dates.map((d) => ({ date: d, kind })) }, asOf ? { asOf } : undefined).items[0]!.score

  it('counts only records in (asOf − 2 years, asOf], even before the assessed span', () => {
    expect(score([])).toBe('5')
    expect(score(['2015-12-31'])).toBe('5') // asOf 2017-12-31 − 2y = 2015-12-31: not within
    expect(score(['2016-01-01'])).toBe('0') // within the 2 years (and before the 2017 span)
    expect(score(['2017-12-31'])).toBe('0') // the evaluation date itself
    expect(score(['2018-01-01'])).toBe('5') // after the evaluation date
    expect(score(['2016-06-01'], undefined, 'minor')).toBe('5') // where: only major
  })

  it('the window follows asOf', () => {
    expect(score(['2016-01-01'], '2018-01-01')).toBe('5') // window (2016-01-01, 2018-01-01]
    expect(score(['2016-01-02'], '2018-01-01')).toBe('0')
  })

  it('the trail names the window', () => {
    const t = scoreOf(ev, {}, { incidents: [{ date: '2016-05-01', kind: 'major' }] }).items[0]!.trail!
    expect(t.arithmetic).toBe('incidents where kind = major in the 2y before the evaluation date: 1 ≤ 0 ✗ → 0')
  })
})
