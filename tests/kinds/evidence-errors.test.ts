import { describe, expect, it } from 'vitest'
import { base, codesOf, compileOk, expectNoNaN, failureOf, scoreOf, subjectOk } from './helpers'

const rubric = (extra: Record<string, unknown> = {}) => ({
  ...base,
  total: 20,
  facts: {
    done: { type: 'boolean', title: '完成' },
    passRate: { type: 'rate', title: '合格率' },
    materials: { type: 'number', title: '材料', min: 1, max: 5 },
    staff: { type: 'integer', title: '人數', min: 0 },
  },
  items: [
    { kind: 'check', id: 'done', title: '完成', max: 5, fact: 'done' },
    { kind: 'deduct', id: 'spot-check', title: '抽檢', max: 10, fact: 'passRate', target: 0.9, step: 0.01, points: 1, rounding: 'ceil', floor: 0 },
    { kind: 'judged', id: 'materials', title: '材料', min: 1, max: 5, fact: 'materials' },
  ],
  ...extra,
})

const good = { done: true, passRate: 0.95, materials: 4, staff: 3 }
const ev = compileOk(rubric())

describe('evidence errors: diagnostics naming subject and path, never NaN', () => {
  it('well-formed evidence scores', () => {
    const r = scoreOf(ev, good)
    expect(r.exactTotal).toBe('19') // 5 + 10 + 4
    expectNoNaN(r)
  })

  it('a value of the wrong type → EVIDENCE_INVALID', () => {
    const ds = failureOf(ev, { id: 'gulou', facts: { ...good, done: 'yes' } })
    expect(ds).toHaveLength(1)
    expect(ds[0]).toMatchObject({ code: 'EVIDENCE_INVALID', severity: 'error', subject: 'gulou', path: ['subjects', 0, 'facts', 'done'] })
    expect(ds[0]!.message).toContain('true or false')
    expect(failureOf(ev, { id: 'gulou', facts: { ...good, passRate: 'high' } })[0]).toMatchObject({ code: 'EVIDENCE_INVALID', path: ['subjects', 0, 'facts', 'passRate'] })
    expect(failureOf(ev, { id: 'gulou', facts: { ...good, staff: 2.5 } })[0]).toMatchObject({ code: 'EVIDENCE_INVALID', path: ['subjects', 0, 'facts', 'staff'] })
  })

  it('an unknown field → EVIDENCE_UNKNOWN_FIELD', () => {
    const ds = failureOf(ev, { id: 'gulou', facts: { ...good, passrate: 0.9 } })
    expect(ds[0]).toMatchObject({ code: 'EVIDENCE_UNKNOWN_FIELD', subject: 'gulou', path: ['subjects', 0, 'facts', 'passrate'] })
    expect(ds[0]!.message).toContain('"passrate"')
    expect(failureOf(ev, { id: 'gulou', facts: good, score: 90 })[0]).toMatchObject({ code: 'EVIDENCE_UNKNOWN_FIELD', path: ['subjects', 0, 'score'] })
  })

  it('a rate of 1.2 → EVIDENCE_OUT_OF_RANGE', () => {
    const ds = failureOf(ev, { id: 'gulou', facts: { ...good, passRate: 1.2 } })
    expect(ds).toHaveLength(1)
    expect(ds[0]).toMatchObject({ code: 'EVIDENCE_OUT_OF_RANGE', subject: 'gulou', path: ['subjects', 0, 'facts', 'passRate'] })
    expect(ds[0]!.message).toContain('0.875') // the hint: write 87.5% as 0.875
    expect(failureOf(ev, { id: 'gulou', facts: { ...good, passRate: -0.1 } })[0]!.code).toBe('EVIDENCE_OUT_OF_RANGE')
    expect(failureOf(ev, { id: 'gulou', facts: { ...good, passRate: 87.5 } })[0]!.code).toBe('EVIDENCE_OUT_OF_RANGE') // a percentage, not a rate
    expect(failureOf(ev, { id: 'gulou', facts: { ...good, materials: 6 } })[0]).toMatchObject({ code: 'EVIDENCE_OUT_OF_RANGE', path: ['subjects', 0, 'facts', 'materials'] }) // declared max 5
  })

  it('a missing required fact → EVIDENCE_MISSING', () => {
    const { passRate: _, ...without } = good
    const ds = failureOf(ev, { id: 'gulou', facts: without })
    expect(ds).toHaveLength(1)
    expect(ds[0]).toMatchObject({ code: 'EVIDENCE_MISSING', severity: 'error', subject: 'gulou', path: ['subjects', 0, 'facts', 'passRate'] })
    expect(failureOf(ev, { id: 'gulou' })[0]).toMatchObject({ code: 'EVIDENCE_MISSING', path: ['subjects', 0, 'facts'] })
  })

  it('several problems are all reported at once', () => {
    const ds = failureOf(ev, { id: 'gulou', facts: { done: 1, passRate: 1.2, materials: 4, extra: true } })
    expect(codesOf(ds).sort()).toEqual(['EVIDENCE_INVALID', 'EVIDENCE_MISSING', 'EVIDENCE_OUT_OF_RANGE', 'EVIDENCE_UNKNOWN_FIELD'])
    expect(ds.every((d) => d.subject === 'gulou')).toBe(true)
  })

  it('a subject without an id', () => {
    const ds = failureOf(ev, { facts: good })
    expect(ds[0]).toMatchObject({ code: 'EVIDENCE_MISSING', subject: '#0', path: ['subjects', 0, 'id'] })
  })

  it('in a cohort, the path names the subject\'s place', () => {
    const r = ev.evaluateCohort({ subjects: [{ id: 'a', facts: good }, { id: 'b', facts: { ...good, passRate: 1.2 } }] })
    expect(r.ok).toBe(false)
    expect(r.diagnostics[0]).toMatchObject({ code: 'EVIDENCE_OUT_OF_RANGE', subject: 'b', path: ['subjects', 1, 'facts', 'passRate'] })
  })

  it('in a cohort, an error found while scoring also names the subject\'s place', () => {
    const e = compileOk({
      ...base,
      total: 5,
      facts: { rate: { type: 'rate', title: '比例' } },
      items: [{ kind: 'bands', id: 'b', title: 'B', max: 5, fact: 'rate', bands: [{ from: 0.5, to: 1, edges: '[]', times: 5 }] }],
    })
    const r = e.evaluateCohort({ subjects: [{ id: 'a', facts: { rate: 0.6 } }, { id: 'b', facts: { rate: 0.4 } }] })
    expect(r.ok).toBe(false)
    expect(r.diagnostics[0]).toMatchObject({ code: 'EVIDENCE_NO_BAND', subject: 'b', path: ['subjects', 1, 'facts', 'rate'] })
  })
})

describe('missing: zero', () => {
  const zero = compileOk(rubric({ missing: 'zero' }))

  it('a missing fact counts as 0 (or false) with an EVIDENCE_MISSING_ZEROED warning', () => {
    const r = scoreOf(zero, { materials: 4 })
    expect(r.items.map((i) => i.score)).toEqual(['0', '0', '4']) // done → false → 0; passRate → 0 → 90 steps → floor 0; materials 4
    expect(r.exactTotal).toBe('4')
    expect(r.warnings.map((w) => [w.code, w.severity, w.path])).toEqual([
      ['EVIDENCE_MISSING_ZEROED', 'warning', ['facts', 'done']],
      ['EVIDENCE_MISSING_ZEROED', 'warning', ['facts', 'passRate']],
    ])
    expect(r.warnings[0]!.message).toContain('false')
    expect(r.warnings[1]!.message).toContain('0')
    expectNoNaN(r)
  })

  it('a subject with no facts at all', () => {
    const r = subjectOk(zero, { id: 's1' })
    expect(r.exactTotal).toBe('1') // materials missing → 0 → clamped to its min 1, with a JUDGED_CLAMPED warning
    expect(codesOf(r.warnings)).toEqual(['EVIDENCE_MISSING_ZEROED', 'EVIDENCE_MISSING_ZEROED', 'EVIDENCE_MISSING_ZEROED', 'JUDGED_CLAMPED'])
    expectNoNaN(r)
  })

  it('a wrong value is still an error under missing: zero', () => {
    expect(failureOf(zero, { id: 's1', facts: { passRate: 1.2 } })[0]!.code).toBe('EVIDENCE_OUT_OF_RANGE')
  })

  it('required: false makes one fact optional under missing: error', () => {
    const e = compileOk({ ...rubric(), facts: { ...rubric().facts, done: { type: 'boolean', title: '完成', required: false } } })
    const r = scoreOf(e, { passRate: 0.9, materials: 2, staff: 0 })
    expect(r.items[0]!.score).toBe('0')
    expect(codesOf(r.warnings)).toEqual(['EVIDENCE_MISSING_ZEROED'])
  })
})

describe('never NaN', () => {
  it('odd inputs give a diagnostic or an exact number, never NaN', () => {
    for (const passRate of [null, '', 'NaN', '1e-7', '0.1234567', Number.NaN, Infinity, {}, []]) {
      const r = ev.evaluate({ id: 's1', facts: { ...good, passRate } })
      if (r.ok) expectNoNaN(r.value)
      else expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true)
    }
  })

  it('null for a required fact is refused', () => {
    const ds = failureOf(ev, { id: 's1', facts: { ...good, passRate: null } })
    expect(ds[0]!.code).toBe('EVIDENCE_INVALID')
  })
})
