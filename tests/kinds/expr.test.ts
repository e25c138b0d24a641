import { describe, expect, it } from 'vitest'
import { loadRubric } from '../../src/api/load-rubric'
import { validateRubric } from '../../src/validate/validate-rubric'
import { lintRubric } from '../../src/lint/lint-rubric'
import { parseExpr } from '../../src/kinds/kit/expr'
import { Rubric } from '../../src/kinds/rubric'
import { base, compileOk, failureOf, scoreOf } from './helpers'

/**
 * A target method's completion item (目標責任考核): 完成率 = 實際完成 ÷ 任務數; 完成任務得10分, 每低1個百分點扣1分,
 * 扣完為止; the rate kept to 4 places, half-up. A gate: 完成率達到80% (compared exactly, no rounding).
 */
const completion = (extra: Record<string, unknown> = {}) => ({
  ...base,
  total: 10,
  facts: {
    done: { type: 'number', title: '實際完成', min: 0 },
    task: { type: 'number', title: '任務數', min: 1 },
  },
  computed: { rate: { title: '完成率', expr: 'done / task', round: { places: 4, mode: 'half-up' } } },
  items: [{ kind: 'deduct', id: 'completion', title: '任務完成', max: 10, fact: 'rate', target: 1, step: 0.01, points: 1, rounding: 'ceil', floor: 0 }],
  ...extra,
})

describe('computed values: arithmetic on facts, exact, rounded as declared', () => {
  const ev = compileOk(completion())

  it('a whole ratio needs no rounding', () => {
    // 45 / 50 = 0.9 → 10 points short → −10 → 0; 48 / 50 = 0.96 → 4 short → 6
    expect(scoreOf(ev, { done: 45, task: 50 }).items[0]!.score).toBe('0')
    expect(scoreOf(ev, { done: 48, task: 50 }).items[0]!.score).toBe('6')
    expect(scoreOf(ev, { done: 50, task: 50 }).items[0]!.score).toBe('10')
  })

  it('a ratio with more places is rounded once, as declared (4 places, half-up)', () => {
    // 297 / 300 = 0.99 exactly → 1 point short → 9
    expect(scoreOf(ev, { done: 297, task: 300 }).items[0]!.score).toBe('9')
    // 2 / 3 = 0.666666… → 0.6667 → 33.33 points short → ceil 34 → 10 − 34 → floor 0
    expect(scoreOf(ev, { done: 2, task: 3 }).items[0]!.score).toBe('0')
    // 1999 / 2000 = 0.9995 → 0.9995 (exact) → 0.05 point short → ceil 1 → 9
    expect(scoreOf(ev, { done: 1999, task: 2000 }).items[0]!.score).toBe('9')
    // 19999 / 20000 = 0.99995 → half-up 1.0000 → meets the target → 10
    expect(scoreOf(ev, { done: 19999, task: 20000 }).items[0]!.score).toBe('10')
  })

  it('the trail shows the arithmetic from the facts', () => {
    const r = scoreOf(ev, { done: 2, task: 3 }, undefined, { trail: true })
    expect(r.items[0]!.trail!.inputs).toEqual({ rate: '0.6667' })
    expect(r.items[0]!.trail!.computed).toEqual({ rate: 'done / task = 2 / 3 = 0.666666… → 0.6667 (4 places, half-up)' })
    const whole = scoreOf(ev, { done: 45, task: 50 }, undefined, { trail: true })
    expect(whole.items[0]!.trail!.computed).toEqual({ rate: 'done / task = 45 / 50 = 0.9' })
  })

  it('a computed value reads other computed values and parameters', () => {
    // 與上年相比每下降1個百分點扣1分: change = (rate − lastRate) × 100 percentage points; target 0, 1 point per point below
    const ev2 = compileOk({
      ...completion(),
      params: { scale: { type: 'number', default: 100 } },
      facts: { ...completion().facts, lastRate: { type: 'rate', title: '上年完成率' } },
      computed: {
        rate: { title: '完成率', expr: 'done / task', round: { places: 4, mode: 'half-up' } },
        change: { title: '增減(百分點)', expr: '(rate - lastRate) * scale', round: { places: 2, mode: 'half-up' } },
      },
      items: [{ kind: 'deduct', id: 'trend', title: '與上年相比', max: 10, fact: 'change', target: 0, step: 1, points: 1, rounding: 'ceil', floor: 0 }],
    })
    // 45/50 = 0.9; (0.9 − 0.935) × 100 = −3.5 points → ceil 4 → 10 − 4 = 6
    const r = scoreOf(ev2, { done: 45, task: 50, lastRate: 0.935 }, undefined, { trail: true })
    expect(r.items[0]!.score).toBe('6')
    expect(r.items[0]!.trail!.computed).toEqual({ change: '(rate - lastRate) * scale = (0.9 - 0.935) * 100 = -3.5', rate: 'done / task = 45 / 50 = 0.9' })
  })

  it('a divisor of 0 refuses the subject, naming the fact', () => {
    const ev0 = compileOk(completion({ facts: { done: { type: 'number', title: '實際完成' }, task: { type: 'number', title: '任務數', min: 0 } } }))
    const ds = failureOf(ev0, { id: 's1', facts: { done: 0, task: 0 } })
    expect(ds[0]!.code).toBe('EVIDENCE_DIVISION_BY_ZERO')
    expect(ds[0]!.message).toBe('Computed value rate = done / task divides by task, which is 0 for this subject.')
    expect(ds[0]!.path).toEqual(['subjects', 0, 'facts', 'task'])
  })

  it('a declared range is checked', () => {
    const ev1 = compileOk(completion({ computed: { rate: { title: '完成率', expr: 'done / task', round: { places: 4, mode: 'half-up' }, max: 1.2 } } }))
    // 130 / 100 = 1.3 > 1.2
    expect(failureOf(ev1, { id: 's1', facts: { done: 130, task: 100 } })[0]!.code).toBe('EVIDENCE_OUT_OF_RANGE')
    expect(scoreOf(ev1, { done: 120, task: 100 }).items[0]!.score).toBe('10') // 1.2 ≥ target 1
  })
})

describe('the expr condition compares exactly', () => {
  // 任務完成率達到2/3以上的得分: a prerequisite; 2 / 3 is 0.666666…, below 0.666667 and above 0.666666
  const gated = (atLeast: number) =>
    compileOk({
      ...base,
      total: 5,
      facts: { done: { type: 'integer', title: '完成', min: 0 }, task: { type: 'integer', title: '任務', min: 1 } },
      items: [{ kind: 'check', id: 'met', title: '達標', max: 5, when: { expr: 'done / task', atLeast }, points: 5 }],
    })

  it('2 / 3 is below 0.666667 (no 6-place rounding) and at least 0.666666', () => {
    expect(scoreOf(gated(0.666667), { done: 2, task: 3 }).items[0]!.score).toBe('0')
    expect(scoreOf(gated(0.666666), { done: 2, task: 3 }).items[0]!.score).toBe('5')
  })

  it('explains the exact value', () => {
    const r = scoreOf(gated(0.666667), { done: 2, task: 3 }, undefined, { trail: true })
    expect(r.items[0]!.trail!.arithmetic).toContain('done / task = 2 / 3 = 0.666666… ≥ 0.666667 ✗')
  })
})

describe('expression diagnostics', () => {
  const diagnose = (text: string, extra: Record<string, unknown> = {}) => {
    const yaml = `kaoping: 1\nid: t\ntitle: t\ntotal: 10\nfacts:\n  done: { type: number, title: 完成, min: 0 }\n  task: { type: number, title: 任務 }\n  ok: { type: boolean, title: 是否 }\ncomputed:\n  rate:\n    title: 完成率\n    expr: "${text}"\n    round: { places: 4, mode: half-up }\nitems:\n  - { kind: deduct, id: c, title: c, max: 10, fact: rate, target: 1, step: 0.01, points: 1, rounding: ceil, floor: 0 }\n${Object.entries(extra).map(([k, v]) => `${k}: ${v}\n`).join('')}`
    return loadRubric(yaml, { file: 'r.yaml' }).diagnostics
  }

  it('a syntax error points at its column', () => {
    const [d] = diagnose('done / / task')
    expect(d!.code).toBe('EXPRESSION_SYNTAX')
    expect(d!.message).toBe('Expected a number, a name or "(" but found "/". (column 8 of the expression)')
    // line 12 is `    expr: "done / / task"`: the value's quote is at column 11, the second "/" 7 characters on
    expect(d!.location).toMatchObject({ line: 12, column: 19 })
  })

  it('a percent sign is explained', () => {
    expect(diagnose('done / task * 100%')[0]!.message).toContain('write a percentage as a decimal: 90% is 0.9')
  })

  it('an unknown name points at itself and suggests', () => {
    const [d] = diagnose('done / tsak')
    expect(d!.code).toBe('UNKNOWN_FACT')
    expect(d!.message).toContain('did you mean "task"')
    expect(d!.location).toMatchObject({ line: 12, column: 19 })
  })

  it('a boolean fact is not a number', () => {
    const [d] = diagnose('done / ok')
    expect(d!.code).toBe('EXPRESSION_TYPE')
    expect(d!.location).toMatchObject({ line: 12, column: 19 })
  })

  it('a quotient must say how it is rounded', () => {
    const parsed = Rubric.parse({ ...completion(), computed: { rate: { title: '完成率', expr: 'done / task' } } })
    const r = validateRubric(parsed)
    expect(r.diagnostics.map((d) => d.code)).toEqual(['EXPRESSION_ROUNDING'])
  })

  it('computed values in a circle are refused', () => {
    const parsed = Rubric.parse({ ...completion(), computed: { rate: { title: 'a', expr: 'done - b' }, b: { title: 'b', expr: 'rate + 1' } } })
    expect(validateRubric(parsed).diagnostics.map((d) => [d.code, d.message])).toEqual([['EXPRESSION_CYCLE', 'Computed values depend on each other in a circle: rate → b → rate.']])
  })

  it('a divisor that may be 0 is a lint warning; min: 1 settles it', () => {
    const warned = lintRubric(Rubric.parse({ ...completion(), facts: { done: { type: 'number', title: 'd' }, task: { type: 'number', title: 't', min: 0 } } }))
    expect(warned.map((d) => d.code)).toContain('DIVISION_BY_ZERO_POSSIBLE')
    expect(lintRubric(Rubric.parse(completion())).map((d) => d.code)).not.toContain('DIVISION_BY_ZERO_POSSIBLE')
  })

  it('the parser stays bounded', () => {
    expect(parseExpr('('.repeat(40) + '1' + ')'.repeat(40))).toMatchObject({ message: expect.stringContaining('nests deeper than 32') })
    expect(parseExpr('1+'.repeat(300) + '1')).toMatchObject({ message: expect.stringContaining('at most 500') })
  })
})

describe('computed values everywhere a numeric fact is read', () => {
  it('a weighted term reads a computed value', () => {
    // 得分 = 完成率 × 10: rate = 45 / 50 = 0.9 → 0.9 × 10 = 9
    const ev = compileOk({
      ...base,
      total: 10,
      facts: { done: { type: 'number', title: 'd', min: 0 }, task: { type: 'number', title: 't', min: 1 } },
      computed: { rate: { title: '完成率', expr: 'done / task', round: { places: 4, mode: 'half-up' }, max: 1 } },
      items: [{ kind: 'weighted', id: 'w', title: 'w', max: 10, terms: [{ fact: 'rate', weight: 10 }] }],
    })
    expect(scoreOf(ev, { done: 45, task: 50 }).total).toBe('9.00')
  })
  it('a value read as a count is refused when negative (no declared min), as a fact would be', () => {
    // 違規次數 = 上報 − 撤銷: 0 − 3 = −3 would raise the score; refused
    const ev = compileOk({
      ...base,
      total: 10,
      facts: { reported: { type: 'integer', title: 'r', min: 0 }, withdrawn: { type: 'integer', title: 'w', min: 0 } },
      computed: { faults: { title: '違規次數', expr: 'reported - withdrawn' } },
      items: [{ kind: 'deductions', id: 'd', title: 'd', max: 10, floor: 0, deductions: [{ id: 'x', title: 'x', fact: 'faults', points: 1 }] }],
    })
    expect(scoreOf(ev, { reported: 5, withdrawn: 3 }).total).toBe('8.00') // 2 faults × 1 → 8
    const ds = failureOf(ev, { id: 's1', facts: { reported: 0, withdrawn: 3 } })
    expect([ds[0]!.code, ds[0]!.message]).toEqual(['EVIDENCE_OUT_OF_RANGE', 'Computed value faults = reported - withdrawn is -3, but it counts something and cannot be negative (declare min to allow it).'])
  })
})

describe('a computed value given in the evidence', () => {
  it('is refused with what the rubric computes it from', () => {
    const ev = compileOk(completion())
    const ds = failureOf(ev, { id: 's1', facts: { done: 9, task: 10, rate: 0.9 } })
    expect([ds[0]!.code, ds[0]!.message]).toEqual(['EVIDENCE_UNKNOWN_FIELD', 'Subject "s1" gives "rate" in facts, but the rubric computes it (done / task); give the facts it is computed from and leave it out (read by item completion).'])
  })
})

describe('a computed value nothing reads', () => {
  it('is an UNUSED_FACT warning', () => {
    const r = Rubric.parse({ ...completion(), computed: { rate: { title: '完成率', expr: 'done / task', round: { places: 4, mode: 'half-up' } }, spare: { title: '差額', expr: 'task - done' } } })
    expect(lintRubric(r).map((d) => [d.code, d.message])).toEqual([['UNUSED_FACT', 'The computed value "spare" is declared but nothing reads it.']])
  })
})

describe('computed values stay bounded', () => {
  // a chain a0 = x + 0, a1 = a0 + 0, …: each is worked out inside the one that reads it
  const chain = (n: number) => {
    const computed: Record<string, unknown> = {}
    for (let i = 0; i < n; i++) computed[`a${i}`] = { title: 'a', expr: i > 0 ? `a${i - 1} + 0` : 'x + 0' }
    return Rubric.parse({ ...base, total: 10, facts: { x: { type: 'number', min: 0, max: 10, title: 'x' } }, computed, items: [{ kind: 'judged', id: 'j', title: 'j', max: 10, fact: `a${n - 1}` }] })
  }
  it('a chain of 100 scores; 101 is refused by the check and by the compiler (no stack overflow)', () => {
    expect(scoreOf(compileOk(chain(100)), { x: 5 }).total).toBe('5.00')
    expect(validateRubric(chain(101)).diagnostics.map((d) => [d.code, d.message])).toEqual([['LIMIT_EXCEEDED', 'Computed value "a100" reads a chain of 101 computed values, each reading the next; at most 100 are allowed.']])
    expect(() => compileOk(chain(3000))).toThrow('reads a chain of more than 100 computed values')
  })
})
