/**
 * Steps beyond a target, shared by deduct and add: the gap between the value and the target (each subject's own, or
 * a tier's), counted in steps of `step` — a started step whole (ceil), whole steps only (floor), or in proportion
 * (exact) — times `points`. One definition, so a deduction and an addition count steps alike.
 */
import { div, type Fixed } from '../../num/fixed'
import type { Checker, Gen, Refs, TrailView } from './spec'
import { checkTarget, emitTarget, targetOf, targetRefs, type Target } from './target'
import { NUMERIC_FACTS, type Path } from './values'
import { T } from './words'

export interface Stepped {
  fact: string
  target: Target
  step: unknown
  points: unknown
  rounding: unknown
}

/**
 * Emits the amount (a local) for the value's gap beyond the target: `gap` is value − target when `above`, else
 * target − value; nothing when it is 0 or less. Slots: 0 the value, 1 the gap, 2 the steps counted (NaN for exact),
 * 3 the amount, 4 the target.
 */
export function emitSteps(item: Stepped, g: Gen, above: boolean): string {
  const record = g.slots(5)
  const [v, gap, steps, d, r] = [g.local('v'), g.local('gap'), g.local('steps'), g.local('d'), g.local('r')]
  const target = g.local('target')
  g.line(`const ${target} = ${emitTarget(item.target, g)}`)
  record(4, target)
  const [step, points] = [g.num(item.step as never), g.num(item.points as never)]
  const sub = g.helper('sub')
  g.line(`const ${v} = ${g.number(item.fact)}`)
  g.line(`const ${gap} = ${above ? `${sub}(${v}, ${target})` : `${sub}(${target}, ${v})`}`)
  g.line(`const ${r} = ${g.rounding(item.rounding)}`)
  g.line(`let ${steps} = 0, ${d} = 0`)
  g.line(`if (${gap} > 0) {`)
  g.line(`if (${r} === 2) { ${steps} = NaN; ${d} = ${g.helper('div')}(${g.helper('mul')}(${gap}, ${points}), ${step}) }`)
  g.line(`else { ${steps} = ${g.helper('divToInteger')}(${gap}, ${step}, ${r} === 0 ? "ceil" : "floor"); ${d} = ${g.helper('mulInt')}(${points}, ${steps}) } }`)
  record(0, v)
  record(1, gap)
  record(2, steps)
  record(3, d)
  return d
}

/** What the emitted code recorded, with the rubric's values resolved: the trail's numbers and the step in words. */
export function stepsTrail(item: Stepped, v: TrailView): { value: Fixed; gap: Fixed; amount: Fixed; target: Fixed; from: string; step: Fixed; points: Fixed; rounding: string; counted: string } {
  const { value: target, from } = targetOf(item.target, v, 4)
  const [step, points] = [v.num(item.step as never), v.num(item.points as never)]
  const rounding = v.word(item.rounding)
  const [value, gap, steps, amount] = [v.slot(0), v.slot(1), v.slot(2), v.slot(3)]
  // "0.025 = 2.5 steps → 3 (ceil) × 1 = 3"
  const counted = `${T(gap)} = ${T(div(gap, step))} steps → ${steps === steps ? String(steps) : T(div(gap, step))} (${rounding}) × ${T(points)} = ${T(amount)}`
  return { value, gap, amount, target, from, step, points, rounding, counted }
}

/** The names a stepped item reads: its fact, and its target's fact or tier. */
export function stepsRefs(item: Stepped & { id: string }, kind: string, r: Refs, at: Path): void {
  r.fact(item.fact, [...at, 'fact'], `${kind} item "${item.id}"`, NUMERIC_FACTS)
  targetRefs(item.target, r, [...at, 'target'], `the target of ${kind} item "${item.id}"`)
}

/** The rules of a stepped item: its target within the fact's range, a step above 0, points and from not negative / above max. */
export function checkSteps(item: Stepped & { id: string; max: unknown; from?: unknown }, kind: string, c: Checker, at: Path): void {
  const what = `${kind[0]!.toUpperCase()}${kind.slice(1)} item "${item.id}"`
  checkTarget(item.target, item.fact, c, [...at, 'target'], what)
  c.positive(item.step, true, `${what}: step`, [...at, 'step'])
  c.positive(item.points, false, `${what}: points`, [...at, 'points'])
  if (item.from !== undefined) c.notAbove(c.value(item.max), item.from, 'from', item.id, [...at, 'from'])
}
