import { describe, expect, it } from 'vitest'
import { Rubric } from '../../src/kinds/rubric'
import { validateRubric } from '../../src/validate/validate-rubric'
import { base, compileOk, failureOf, item, scoreOf } from './helpers'

/**
 * Target methods (目標責任考核): 完成任務得10分,每低1個百分點扣1分,扣完為止;每超1個百分點加0.5分,最多加3分
 * (另加分, beyond the item's 分值 of 10). One section of 分值 10 with bonus passed on from its `add` item.
 */
const target = (extra: Record<string, unknown> = {}) =>
  compileOk({
    ...base,
    total: 10,
    facts: { rate: { type: 'number', title: '完成率', min: 0, max: 2 } },
    items: [
      {
        kind: 'section',
        id: 'completion',
        title: '目標任務完成情況',
        max: 10,
        items: [
          { kind: 'deduct', id: 'short', title: '每低1個百分點扣1分', max: 10, fact: 'rate', target: 1, step: 0.01, points: 1, rounding: 'ceil', floor: 0 },
          { kind: 'add', id: 'beyond', title: '每超1個百分點加0.5分,最多加3分', max: 0, bonus: 3, fact: 'rate', target: 1, step: 0.01, points: 0.5, rounding: 'floor', ...extra },
        ],
      },
    ],
  })

describe('add: per step beyond a target, capped (the mirror of deduct)', () => {
  const ev = target()
  it('nothing is added at or below the target', () => {
    expect(scoreOf(ev, { rate: 1 }).total).toBe('10.00') // meets: 10 + 0
    expect(scoreOf(ev, { rate: 0.97 }).total).toBe('7.00') // 3 points short → 10 − 3 = 7; add 0
  })
  it('adds per whole step above (floor), beyond the 分值', () => {
    const r = scoreOf(ev, { rate: 1.035 }) // 3.5 points above → floor 3 steps × 0.5 = 1.5 → 10 + 1.5
    expect(item(r, 'beyond').score).toBe('1.5')
    expect(item(r, 'completion').score).toBe('11.5')
    expect(r.total).toBe('11.50')
  })
  it('stops at the bonus (最多加3分)', () => {
    const r = scoreOf(ev, { rate: 1.2 }, undefined, { trail: true }) // 20 steps × 0.5 = 10 → capped at 0 + 3 = 3
    expect(item(r, 'beyond').score).toBe('3')
    expect(item(r, 'completion').score).toBe('13')
    expect(item(r, 'beyond').bonus).toBe('3')
    expect(item(r, 'completion').bonus).toBe('3') // passed on from its item
    expect(item(r, 'beyond').trail!.arithmetic).toBe('above by 0.2 = 20 steps → 20 (floor) × 0.5 = 10; 0 + 10 = 10')
    expect(item(r, 'beyond').trail!.bounds).toBe('10 kept within [0, 3 (max 0 + bonus)] → 3')
  })
  it('exact partial steps', () => {
    const r = scoreOf(target({ rounding: 'exact' }), { rate: 1.035 }) // 3.5 steps × 0.5 = 1.75
    expect(item(r, 'beyond').score).toBe('1.75')
  })
  it('a section bonus caps its items together', () => {
    const capped = compileOk({
      ...base,
      total: 10,
      facts: { a: { type: 'number', title: 'a', min: 0, max: 2 }, b: { type: 'number', title: 'b', min: 0, max: 2 } },
      items: [
        {
          kind: 'section', id: 's', title: '加分項目最多加2分', max: 10, bonus: 2,
          items: [
            { kind: 'judged', id: 'base', title: '基本分', max: 10, fact: 'a' },
            { kind: 'add', id: 'x', title: 'x', max: 0, bonus: 2, fact: 'b', target: 0, step: 1, points: 1, rounding: 'floor' },
          ],
        },
      ],
    })
    // a = 2 → judged clamps to... max 10, so 2; b = 2 → +2 → section 4 (under its ceiling 12)
    expect(scoreOf(capped, { a: 2, b: 2 }).total).toBe('4.00')
  })
  it('negative points are refused', () => {
    const bad = validateRubric(Rubric.parse({ ...base, total: 3, facts: { r: { type: 'rate', title: 'r' } }, items: [{ kind: 'add', id: 'x', title: 'x', max: 3, fact: 'r', target: 0.9, step: 0.01, points: -1, rounding: 'ceil' }] }))
    expect(bad.diagnostics.map((d) => d.message)).toEqual(['Add item "x": points must be 0 or more, not -1.'])
  })
})

describe('rated: a rating turned into points (好 8 / 中 5 / 差 2)', () => {
  const rubric = (points: Record<string, unknown>) => ({
    ...base,
    total: 8,
    facts: { quality: { type: 'enum', values: ['好', '中', '差'], title: '信息質量' } },
    items: [{ kind: 'rated', id: 'quality', title: '信息質量(好8分、中5分、差2分)', max: 8, fact: 'quality', points }],
  })
  const ev = compileOk(rubric({ 好: 8, 中: 5, 差: 2 }))
  it('each rating gives its points', () => {
    expect(scoreOf(ev, { quality: '好' }).total).toBe('8.00')
    expect(scoreOf(ev, { quality: '中' }).total).toBe('5.00')
    const r = scoreOf(ev, { quality: '差' }, undefined, { trail: true })
    expect(r.total).toBe('2.00')
    expect(r.items[0]!.trail!.arithmetic).toBe('差 → 2')
  })
  it('a rating not in the list is refused', () => {
    expect(failureOf(ev, { id: 's1', facts: { quality: '優' } })[0]!.code).toBe('EVIDENCE_INVALID')
  })
  it('every value needs points, and only values of the fact', () => {
    const d = validateRubric(Rubric.parse(rubric({ 好: 8, 中: 5, 優: 9 }))).diagnostics.map((x) => x.message)
    expect(d).toContain('Rated item "quality" gives points for "優", which is not a value of fact "quality" (好, 中, 差).')
    expect(d).toContain('Rated item "quality" has no points for "差" (values of fact "quality").')
    expect(d).toContain('Item "quality": the points for "優" 9 is more than its max 8.')
  })
})

describe('targets that differ per subject', () => {
  // 各鎮任務數不同: 完成任務數不低于本鎮任務數得10分,每少1件扣2分
  const own = compileOk({
    ...base,
    total: 10,
    facts: { done: { type: 'integer', title: '完成件數', min: 0 }, task: { type: 'integer', title: '本鎮任務數', min: 0 } },
    items: [{ kind: 'deduct', id: 'tasks', title: '任務完成', max: 10, fact: 'done', target: { fact: 'task' }, step: 1, points: 2, rounding: 'ceil', floor: 0 }],
  })
  it('each subject is measured against its own fact', () => {
    expect(scoreOf(own, { done: 12, task: 12 }).total).toBe('10.00') // meets its 12
    expect(scoreOf(own, { done: 9, task: 12 }).total).toBe('4.00') // 3 short × 2 = 6 → 4
    const r = scoreOf(own, { done: 9, task: 10 }, undefined, { trail: true }) // 1 short → 8
    expect(r.total).toBe('8.00')
    expect(r.items[0]!.trail!.rule).toBe('10 − 2 per 1 below 10 (task) (partial step: ceil), floor 0')
  })

  // 一類縣 完成率目標 95%, 二類縣 90%; 每低1個百分點扣1分
  const tiered = compileOk({
    ...base,
    total: 10,
    facts: { tier: { type: 'enum', values: ['一類', '二類'], title: '縣區類別' }, rate: { type: 'rate', title: '完成率' } },
    items: [{ kind: 'deduct', id: 'rate', title: '完成率', max: 10, fact: 'rate', target: { by: 'tier', values: { 一類: 0.95, 二類: 0.9 } }, step: 0.01, points: 1, rounding: 'ceil', floor: 0 }],
  })
  it('a tier table gives the target of the subject’s tier', () => {
    expect(scoreOf(tiered, { tier: '一類', rate: 0.92 }).total).toBe('7.00') // 95% − 92% = 3 → 7
    expect(scoreOf(tiered, { tier: '二類', rate: 0.92 }).total).toBe('10.00') // meets 90%
    const r = scoreOf(tiered, { tier: '二類', rate: 0.885 }, undefined, { trail: true }) // 1.5 short → ceil 2 → 8
    expect(r.total).toBe('8.00')
    expect(r.items[0]!.trail!.rule).toContain('below 0.9 (the target of its tier)')
  })
  it('every tier needs a target', () => {
    const d = validateRubric(Rubric.parse({ ...base, total: 10, facts: { tier: { type: 'enum', values: ['一類', '二類'], title: 't' }, rate: { type: 'rate', title: 'r' } }, items: [{ kind: 'deduct', id: 'rate', title: 'r', max: 10, fact: 'rate', target: { by: 'tier', values: { 一類: 0.95, 三類: 1.2 } }, step: 0.01, points: 1, rounding: 'ceil', floor: 0 }] })).diagnostics.map((x) => x.message)
    expect(d).toContain('Deduct item "rate": the target table has no target for "二類" (values of fact "tier").')
    expect(d).toContain('Deduct item "rate": the target table names "三類", which is not a value of fact "tier" (一類, 二類).')
    expect(d.some((m) => m.startsWith('三類 1.2 is outside the values fact "rate" can take'))).toBe(true)
  })
})

describe('deduct: linear interpolation and no negative points', () => {
  it('完成率100%得10分、80%得0分,其間按比例: exact steps of 0.2 worth 10', () => {
    const ev = compileOk({ ...base, total: 10, facts: { rate: { type: 'rate', title: '完成率' } }, items: [{ kind: 'deduct', id: 'r', title: 'r', max: 10, fact: 'rate', target: 1, step: 0.2, points: 10, rounding: 'exact', floor: 0 }] })
    expect(scoreOf(ev, { rate: 0.9 }).total).toBe('5.00') // 0.1 short = half a step → −5 → 5
    expect(scoreOf(ev, { rate: 0.85 }).total).toBe('2.50') // 0.15 short = 0.75 step → −7.5 → 2.5
    expect(scoreOf(ev, { rate: 0.7 }).total).toBe('0.00') // −15 → floor 0
  })
  it('negative points are refused, literal or by parameter', () => {
    const d = validateRubric(Rubric.parse({ ...base, total: 10, params: { p: { type: 'number', default: -3 } }, facts: { rate: { type: 'rate', title: 'r' } }, items: [{ kind: 'deduct', id: 'r', title: 'r', max: 10, fact: 'rate', target: 1, step: 0.01, points: { param: 'p' }, rounding: 'ceil', floor: 0 }] })).diagnostics
    expect(d.map((x) => x.message)).toEqual(['Deduct item "r": points must be 0 or more, not -3.'])
  })
})
