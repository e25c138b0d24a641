/**
 * Hand-worked cases for the reference evaluator (tests/reference/reference.ts) on the constructs it learnt from
 * docs/rubric-language.md after its first version: `add` and `rated` (§9), `bonus` beyond max (§8), targets that
 * differ per subject (§9 after deduct), computed values read by a weighted term or as a count (§5). The working is
 * beside each expectation; like the reference, nothing of src/ is read or imported.
 */
import { describe, expect, it } from 'vitest'
import { referenceEvaluate, type RefOptions } from './reference'

const rubric = (items: unknown[], extra: Record<string, unknown> = {}) => ({ kaoping: 1, id: 'r', title: 'r', total: 10, ...extra, items })
const subject = (facts: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ id: 's', facts, ...extra })
const total = (r: unknown, s: unknown, o: RefOptions = {}) => {
  const out = referenceEvaluate(r, s, o)
  return out.ok ? out.exactTotal : `refused ${out.code}`
}
const items = (r: unknown, s: unknown) => {
  const out = referenceEvaluate(r, s)
  if (!out.ok) throw new Error(`refused ${out.code}`)
  return out.items
}

const rateFacts = { rate: { type: 'number', min: 0, max: 2, title: '完成率' } }
// §9 add, worked: target 1, step 0.01, 0.5 points, floor, bonus 3
const beyond = (rounding: string, more: Record<string, unknown> = {}) => ({ kind: 'add', id: 'beyond', title: '超額加分', max: 0, bonus: 3, fact: 'rate', target: 1, step: 0.01, points: 0.5, rounding, ...more })

describe('add (§9): the mirror of deduct', () => {
  const r = (rounding: string, more = {}) => rubric([beyond(rounding, more)], { total: 0, facts: rateFacts })
  it('103.5%: 3.5 steps above → ⌊3.5⌋ × 0.5 = 1.5 (floor), ⌈3.5⌉ × 0.5 = 2 (ceil), 3.5 × 0.5 = 1.75 (exact)', () => {
    expect(total(r('floor'), subject({ rate: 1.035 }))).toBe('1.5')
    expect(total(r('ceil'), subject({ rate: 1.035 }))).toBe('2')
    expect(total(r('exact'), subject({ rate: 1.035 }))).toBe('1.75')
  })
  it('120%: 20 steps → 10, kept at max 0 + bonus 3 = 3; at or below the target nothing is added', () => {
    expect(total(r('floor'), subject({ rate: 1.2 }))).toBe('3')
    expect(total(r('floor'), subject({ rate: 1 }))).toBe('0')
    expect(total(r('floor'), subject({ rate: 0.5 }))).toBe('0')
  })
  it('from is the start (default 0); direction below adds for staying under the target', () => {
    expect(total(r('floor', { from: 0, direction: 'below' }), subject({ rate: 0.98 }))).toBe('1') // 2 steps under × 0.5
    expect(total(rubric([{ ...beyond('floor'), max: 2, from: 1, bonus: undefined }], { total: 2, facts: rateFacts }), subject({ rate: 1.015 }))).toBe('1.5')
  })
})

describe('bonus beyond max (§8)', () => {
  // 完成任務得10分,每低1個百分點扣1分; 每超1個百分點加0.5分,最多加3分
  const short = { kind: 'deduct', id: 'short', title: '未完成扣分', max: 10, fact: 'rate', target: 1, step: 0.01, points: 1, rounding: 'ceil', floor: 0 }
  const completion = (more = {}) => rubric([{ kind: 'section', id: 'completion', title: '目標任務完成情況', max: 10, ...more, items: [short, beyond('floor')] }], { facts: rateFacts })
  it('a section without bonus passes on its items’ bonuses: 10 + 3 = 13, and the total is not clamped to 10', () => {
    expect(items(completion(), subject({ rate: 1.2 })).completion).toBe('13')
    expect(total(completion(), subject({ rate: 1.2 }))).toBe('13')
    expect(total(completion(), subject({ rate: 0.97 }))).toBe('7')
  })
  it('a section with bonus caps its items’ extra together: 13 kept within [0, 10 + 1]', () => {
    expect(total(completion({ bonus: 1 }), subject({ rate: 1.2 }))).toBe('11')
  })
  it('不適用 rescaling uses max: (5 + 10) × 20 ÷ 10 = 30, kept within [0, 20 + 5]', () => {
    const r = rubric(
      [
        {
          kind: 'section', id: 'sec', title: '部分', max: 20,
          items: [
            { kind: 'check', id: 'a', title: 'a', max: 5, fact: 'ok' },
            { kind: 'add', id: 'b', title: 'b', max: 5, bonus: 5, fact: 'rate', target: 0, step: 0.1, points: 1, rounding: 'floor' },
            { kind: 'check', id: 'c', title: 'c', max: 10, fact: 'ok' },
          ],
        },
      ],
      { total: 20, facts: { ...rateFacts, ok: { type: 'boolean', title: 'ok' } } },
    )
    expect(total(r, subject({ ok: true, rate: 2 }, { notApplicable: ['c'] }))).toBe('25')
  })
  it('judged with a bonus takes scores within [min, max + bonus] (§9): 6 stays 6, 8 takes 7', () => {
    const r = rubric([{ kind: 'judged', id: 'j', title: 'j', max: 5, bonus: 2, fact: 'v' }], { total: 5, facts: { v: { type: 'number', min: 0, max: 10, title: 'v' } } })
    expect(total(r, subject({ v: 6 }))).toBe('6')
    expect(total(r, subject({ v: 8 }))).toBe('7')
  })
  it('an adjustment lies within [min, max + bonus] (§17 with §8); the total within [0, total]', () => {
    const r = rubric([beyond('floor')], { total: 0, facts: rateFacts })
    const adj = (item: string, to: number) => subject({ rate: 1 }, { adjustments: [{ item, to, reason: '複核', approver: '張三' }] })
    expect(total(r, adj('beyond', 2.5))).toBe('2.5')
    expect(total(r, adj('beyond', 3.5))).toBe('refused ADJUSTMENT_INVALID')
    expect(total(r, adj('total', 0.5))).toBe('refused ADJUSTMENT_INVALID')
  })
  it('with a rollup, the same bound check: 6 within [0, 5 + 2]; unadjusted sections kept within [min, max + bonus]', () => {
    const r = rubric(
      [{ kind: 'section', id: 'sec', title: '部分', max: 5, items: [{ kind: 'add', id: 'a', title: 'a', max: 5, bonus: 2, fact: 'v', target: 0, step: 1, points: 1, rounding: 'floor' }] }],
      { total: 5, facts: { v: { type: 'number', min: 0, max: 10, title: 'v' } }, period: { unit: 'quarter', from: '2017-01-01', to: '2017-12-31' }, rollup: [{ from: 'quarter', to: 'year', combine: 'sum' }] },
    )
    const periods = { '2017-Q1': {}, '2017-Q2': {}, '2017-Q3': {}, '2017-Q4': {} }
    expect(total(r, subject({ v: 1 }, { periods, adjustments: [{ item: 'a', to: 6, reason: '複核', approver: '張三' }] }))).toBe('6')
    expect(total(r, subject({ v: 1 }, { periods, adjustments: [{ item: 'a', to: 7.5, reason: '複核', approver: '張三' }] }))).toBe('refused ADJUSTMENT_INVALID')
  })
})

describe('rated (§9): points by rating', () => {
  const r = (extra = {}) => rubric([{ kind: 'rated', id: 'quality', title: '信息質量', max: 8, fact: 'quality', points: { 好: 8, 中: 5, 差: 2 } }], { total: 8, facts: { quality: { type: 'enum', values: ['好', '中', '差'], title: '信息質量' } }, ...extra })
  it('差 → 2; 好 → 8; no rating under missing: zero → 0; a rating not among the values is refused', () => {
    expect(total(r(), subject({ quality: '差' }))).toBe('2')
    expect(total(r(), subject({ quality: '好' }))).toBe('8')
    expect(total(r({ missing: 'zero' }), subject({}))).toBe('0')
    expect(total(r(), subject({}))).toBe('refused EVIDENCE_MISSING')
    expect(total(r(), subject({ quality: '優' }))).toBe('refused EVIDENCE_INVALID')
  })
})

describe('targets that differ per subject (§9)', () => {
  const tierFacts = { rate: { type: 'rate', title: '抽檢合格率' }, tier: { type: 'enum', values: ['一類', '二類'], title: '類別', required: false } }
  const tiered = (kind = 'deduct') =>
    rubric([{ kind, id: 'spot', title: '抽檢', max: 10, fact: 'rate', target: { by: 'tier', values: { 一類: 0.95, 二類: 0.9 } }, step: 0.01, points: 1, rounding: 'ceil', floor: 0 }], { facts: tierFacts })
  it('a tier table: 二類 at 0.88 is 2 steps short of 0.90 → 8; 一類 is 7 short of 0.95 → 3', () => {
    expect(total(tiered(), subject({ rate: 0.88, tier: '二類' }))).toBe('8')
    expect(total(tiered(), subject({ rate: 0.88, tier: '一類' }))).toBe('3')
  })
  it('a subject whose tier is not given is refused (EVIDENCE_MISSING), even when the fact may be left out', () => {
    expect(total(tiered(), subject({ rate: 0.88 }))).toBe('refused EVIDENCE_MISSING')
  })
  it('{ fact }: 10 − 2 per 1 below 12 (task): 10 done → 6; a computed target too', () => {
    const facts = { done: { type: 'number', min: 0, title: '完成' }, task: { type: 'number', min: 1, title: '任務數' } }
    const r = (target: unknown, extra = {}) => rubric([{ kind: 'deduct', id: 'd', title: 'd', max: 10, fact: 'done', target, step: 1, points: 2, rounding: 'ceil', floor: 0 }], { facts, ...extra })
    expect(total(r({ fact: 'task' }), subject({ done: 10, task: 12 }))).toBe('6')
    expect(total(r({ fact: 'goal' }, { computed: { goal: { title: '目標', expr: 'task + 1' } } }), subject({ done: 10, task: 12 }))).toBe('4')
  })
})

describe('computed values (§5) read by a weighted term and as a count', () => {
  const facts = { a: { type: 'number', min: 0, max: 100, title: 'a' }, b: { type: 'number', min: 0, max: 100, title: 'b' } }
  it('a weighted term reads a computed value like a number fact: (a − b) × 0.5', () => {
    const r = rubric([{ kind: 'weighted', id: 'w', title: 'w', max: 100, terms: [{ fact: 'gap', weight: 0.5 }] }], { total: 100, facts, computed: { gap: { title: '差', expr: 'a - b' } } })
    expect(total(r, subject({ a: 30, b: 9 }))).toBe('10.5')
  })
  it('a count that is negative is refused unless the computed value declares min; its whole part counts', () => {
    const r = (decl: Record<string, unknown>) =>
      rubric([{ kind: 'deductions', id: 'd', title: 'd', max: 10, floor: 0, deductions: [{ id: 'late', title: '遲報', fact: 'late', points: 1 }] }], { facts, computed: { late: { title: '遲報數', expr: 'a - b', ...decl } } })
    expect(total(r({}), subject({ a: 3.5, b: 1 }))).toBe('8') // 2.5 faults count 2
    expect(total(r({}), subject({ a: 1, b: 3 }))).toBe('refused EVIDENCE_OUT_OF_RANGE')
    expect(total(r({ min: 0 }), subject({ a: 1, b: 3 }))).toBe('refused EVIDENCE_OUT_OF_RANGE') // below its own min
  })
  it('the check is made when the value is worked out, whichever use reads it first (a penalty reads it too)', () => {
    const r = rubric([{ kind: 'bands', id: 'g', title: 'g', max: 10, fact: 'late', bands: [{ points: 10 }] }], {
      facts,
      computed: { late: { title: '遲報數', expr: 'a - b' } },
      money: { penalties: [{ id: 'p', title: '罰', fact: 'late', amount: 100 }] },
    })
    expect(total(r, subject({ a: 1, b: 3 }))).toBe('refused EVIDENCE_OUT_OF_RANGE')
    expect(total(r, subject({ a: 3, b: 1 }))).toBe('10')
  })
})
