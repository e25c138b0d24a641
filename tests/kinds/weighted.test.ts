import { describe, expect, it } from 'vitest'
import { base, compileOk, failureOf, scoreOf } from './helpers'

/** A centre scored 80% on its own work and 20% on its agencies' results (another rubric). */
const centre = (termExtra: Record<string, unknown> = {}, agenciesExtra: Record<string, unknown> = {}) => ({
  ...base,
  id: 'centre-2024',
  total: 100,
  facts: {
    own: { type: 'number', title: '中心自身得分', min: 0, max: 100 },
    agencies: { type: 'score', title: '下屬機構得分', rubric: 'agency-2024', max: 100, ...agenciesExtra },
  },
  items: [
    {
      kind: 'weighted',
      id: 'composite',
      title: '綜合得分',
      max: 100,
      terms: [
        { fact: 'own', weight: 0.8 },
        { fact: 'agencies', weight: 0.2, ...termExtra },
      ],
    },
  ],
})

const agency = {
  ...base,
  id: 'agency-2024',
  title: '下屬機構考評',
  total: 100,
  facts: { work: { type: 'number', title: '工作得分' }, passRate: { type: 'rate', title: '合格率' } },
  items: [
    { kind: 'judged', id: 'work', title: '工作', max: 90, fact: 'work' },
    { kind: 'check', id: 'pass', title: '合格率達標', max: 10, when: { fact: 'passRate', atLeast: 0.9 } },
  ],
}

describe('weighted: a score fact given as a number', () => {
  const ev = compileOk(centre())

  it('Σ value × weight', () => {
    const r = scoreOf(ev, { own: 90, agencies: 80 })
    expect(r.items[0]!.score).toBe('88') // 90 × 0.8 + 80 × 0.2 = 72 + 16 = 88
    expect(r.total).toBe('88.00')
    const t = r.items[0]!.trail!
    expect(t.rule).toBe('own × 0.8 + agencies × 0.2')
    expect(t.inputs).toEqual({ own: '90', agencies: '80' })
    expect(t.arithmetic).toBe('90 × 0.8 + 80 × 0.2 = 88')
  })

  it('exact decimals, as numbers or strings', () => {
    expect(scoreOf(ev, { own: 87.35, agencies: '91.15' }).items[0]!.score).toBe('88.11') // 69.88 + 18.23 = 88.11
  })

  it('a score outside [0, the declared max] is refused, not clamped', () => {
    expect(scoreOf(ev, { own: 0, agencies: 100 }).items[0]!.score).toBe('20') // the max itself is fine: 100 × 0.2
    const over = failureOf(ev, { id: 'centre', facts: { own: 50, agencies: 150 } }) // 150 > max 100
    expect(over[0]!.code).toBe('EVIDENCE_OUT_OF_RANGE')
    expect(over[0]!.path).toEqual(['subjects', 0, 'facts', 'agencies'])
    expect(failureOf(ev, { id: 'centre', facts: { own: 50, agencies: -20 } })[0]!.code).toBe('EVIDENCE_OUT_OF_RANGE') // below 0
    const many = compileOk(centre({}, { many: true }))
    expect(failureOf(many, { id: 'centre', facts: { own: 50, agencies: [80, 100.5] } })[0]!.path).toEqual(['subjects', 0, 'facts', 'agencies', 1])
  })

  it('an object without a linked evaluator is refused', () => {
    const ds = failureOf(ev, { id: 'centre', facts: { own: 90, agencies: { facts: { work: 80, passRate: 1 } } } })
    expect(ds[0]!.code).toBe('EVIDENCE_INVALID')
    expect(ds[0]!.path).toEqual(['subjects', 0, 'facts', 'agencies'])
    expect(ds[0]!.message).toContain('link')
  })
})

describe('weighted: a list of results with many + combine', () => {
  const scores = [80, 70, 91]
  const run = (combine?: string) => scoreOf(compileOk(centre(combine ? { combine } : {}, { many: true })), { own: 90, agencies: scores }).items[0]!

  it('mean (the default)', () => {
    const i = run()
    expect(i.trail!.inputs.agencies).toBe('80.333333') // (80 + 70 + 91) / 3 = 80.3333… → 6 places half-even
    expect(i.score).toBe('88.066667') // 72 + 80.333333 × 0.2 = 72 + 16.0666666 → 16.066667 → 88.066667
  })

  it('sum, min, max', () => {
    expect(run('sum').trail!.inputs.agencies).toBe('241') // 80 + 70 + 91
    expect(run('sum').score).toBe('100') // 72 + 48.2 = 120.2 → kept within max 100
    expect(run('sum').trail!.bounds).toBe('120.2 kept within [0, 100] → 100')
    expect(run('min').score).toBe('86') // 72 + 70 × 0.2 = 86
    expect(run('max').score).toBe('90.2') // 72 + 91 × 0.2 = 90.2
  })

  it('an empty list is refused', () => {
    const ev = compileOk(centre({}, { many: true }))
    expect(failureOf(ev, { id: 'centre', facts: { own: 90, agencies: [] } })[0]!.code).toBe('EVIDENCE_INVALID')
  })
})

describe('weighted: linked evidence of another compiled rubric', () => {
  const agencyEv = compileOk(agency)
  const linked = compileOk(centre({}, { many: true }), { link: { 'agency-2024': agencyEv } })

  it('each agency\'s evidence is scored by the linked evaluator, then combined', () => {
    // agency a: 80 + 10 (0.95 ≥ 0.9) = 90; agency b: 70 + 0 (0.85 < 0.9) = 70 → mean 80
    const r = scoreOf(linked, { own: 90, agencies: [{ facts: { work: 80, passRate: 0.95 } }, { facts: { work: 70, passRate: 0.85 } }] })
    expect(r.items[0]!.trail!.inputs.agencies).toBe('80')
    expect(r.items[0]!.score).toBe('88') // 90 × 0.8 + 80 × 0.2 = 88
  })

  it('numbers and evidence may be mixed in the list', () => {
    const r = scoreOf(linked, { own: 90, agencies: [{ facts: { work: 80, passRate: 0.95 } }, 60] })
    expect(r.items[0]!.trail!.inputs.agencies).toBe('75') // (90 + 60) / 2
    expect(r.items[0]!.score).toBe('87') // 72 + 15
  })

  it('a single linked score fact', () => {
    const one = compileOk(centre(), { link: { 'agency-2024': agencyEv } })
    expect(scoreOf(one, { own: 50, agencies: { facts: { work: 85.5, passRate: 1 } } }).items[0]!.score).toBe('59.1') // 40 + 95.5 × 0.2 = 40 + 19.1
  })

  it('the linked rubric\'s result is its rounded total', () => {
    const one = compileOk(centre(), { link: { 'agency-2024': agencyEv } })
    // agency total 80.125 → rounded 80.13 (half-up, 2 places); 0 + 80.13 × 0.2 = 16.026
    expect(scoreOf(one, { own: 0, agencies: { facts: { work: 80.125, passRate: 0 } } }).items[0]!.score).toBe('16.026')
  })

  it('invalid linked evidence is refused, naming the fact and the other rubric', () => {
    const ds = failureOf(linked, { id: 'centre', facts: { own: 90, agencies: [{ facts: { work: 80, passRate: 1.2 } }] } })
    const e = ds.find((d) => d.severity === 'error')!
    expect(e.code).toBe('EVIDENCE_OUT_OF_RANGE')
    expect(e.message).toContain('Fact "agencies" (rubric agency-2024)')
    expect(e.subject).toBe('centre')
  })
})

describe('weighted: plain number facts', () => {
  it('reads number facts directly', () => {
    const ev = compileOk({
      ...base,
      total: 10,
      facts: { a: { type: 'number', title: 'A' }, b: { type: 'rate', title: 'B' } },
      params: { wa: { type: 'number', default: 0.5 } },
      items: [{ kind: 'weighted', id: 'w', title: 'W', max: 10, terms: [{ fact: 'a', weight: { param: 'wa' } }, { fact: 'b', weight: 4 }] }],
    })
    expect(scoreOf(ev, { a: 7, b: 0.25 }).items[0]!.score).toBe('4.5') // 7 × 0.5 + 0.25 × 4 = 3.5 + 1
    expect(scoreOf(ev, { a: 7, b: 0.25 }, undefined, { params: { wa: 1 } }).items[0]!.score).toBe('8') // 7 + 1
  })
})

describe('weighted: parameters of a linked rubric (other-rubric.name)', () => {
  // the agency rubric with its pass bar as a parameter (default 0.9)
  const agencyP = { ...agency, params: { passBar: { type: 'rate', default: 0.9, title: '合格率標準' } }, items: [agency.items[0], { ...agency.items[1], when: { fact: 'passRate', atLeast: { param: 'passBar' } } }] }
  const one = compileOk(centre(), { link: { 'agency-2024': compileOk(agencyP) } })
  const evidence = { own: 50, agencies: { facts: { work: 80, passRate: 0.85 } } }
  it('agency-2024.passBar reaches the linked rubric: 0.85 misses 0.9 but meets 0.8', () => {
    // default: 80 + 0 = 80 → 40 + 80 × 0.2 = 56; with passBar 0.8: 80 + 10 = 90 → 40 + 18 = 58
    expect(scoreOf(one, evidence).items[0]!.score).toBe('56')
    expect(scoreOf(one, evidence, undefined, { params: { 'agency-2024.passBar': 0.8 } }).items[0]!.score).toBe('58')
  })
  it('a dotted name whose rubric is not linked is refused', () => {
    const ds = failureOf(one, { id: 's1', facts: evidence }, { params: { 'other-2024.passBar': 0.8 } })
    expect([ds[0]!.code, ds[0]!.message]).toEqual(['OPTION_INVALID', 'Parameter "other-2024.passBar" names rubric "other-2024", which is not linked; linked: agency-2024.'])
  })
})
