/** deductions: a base score minus each fault × its points (each deduction capped), never below the floor. */
import { z } from 'zod'
import { Doc, Id, Name, Value, Where } from '../model/common'
import { add, mulInt, ONE, sub, type Fixed } from '../num/fixed'
import { ItemBase } from './base'
import { FLOOR_HINT } from './deduct'
import type { Checker, ItemKind } from './kit/spec'
import { domainOf, fmt, type Path } from './kit/values'
import { describeWhere, T } from './kit/words'

export const Deduction = z
  .object({
    id: Id,
    ...Doc,
    fact: Name.optional().describe('An integer fact counting the faults.'),
    records: Name.optional().describe('Or records counted as faults.'),
    where: Where.optional(),
    points: Value.describe('Points deducted per fault (0 or more).'),
    cap: Value.optional().describe('The most this deduction takes.'),
  })
  .strict()

export const Deductions = z
  .object({
    kind: z.literal('deductions'),
    ...ItemBase,
    base: Value.optional().describe('The base score deductions start from (default max).'),
    deductions: z.array(Deduction).min(1),
    floor: Value.optional().describe('The score never goes below this.'),
  })
  .strict()
  .describe('Base score minus deductions.')

export type Deduction = z.infer<typeof Deduction>
export type Deductions = z.infer<typeof Deductions>

function safe(f: () => Fixed): Fixed | undefined {
  try {
    return f()
  } catch {
    return undefined
  }
}

/** DEDUCTION_WITHOUT_FLOOR: without a floor, the deductions at their largest take the item below its min. */
function lintFloor(item: Deductions, c: Checker, path: Path): void {
  if (item.floor !== undefined) return
  const base = c.value(item.base ?? item.max)
  const least = item.min === undefined ? 0 : c.value(item.min)
  if (base === undefined || least === undefined) return
  let sum: Fixed | undefined = 0
  for (const d of item.deductions) {
    const points = c.value(d.points)
    if (points === undefined || points <= 0) continue
    let most = d.cap === undefined ? undefined : c.value(d.cap)
    if (most === undefined && d.fact !== undefined) {
      const hi = domainOf(c.fact(d.fact))?.hi
      if (hi !== undefined) most = safe(() => mulInt(points, Math.floor(hi / ONE)))
    }
    if (most === undefined)
      return c.report('DEDUCTION_WITHOUT_FLOOR', `Item "${item.id}" has no floor, and deduction "${d.id}" has no cap, so the deductions can take it below its min ${fmt(least)}.`, path, `${FLOOR_HINT} Or give "${d.id}" a cap.`)
    sum = sum === undefined ? undefined : safe(() => add(sum!, most!))
  }
  if (sum !== undefined && sub(base, sum) >= least) return
  c.report('DEDUCTION_WITHOUT_FLOOR', `Item "${item.id}" has no floor: its deductions can take up to ${sum === undefined ? 'more than can be computed' : fmt(sum)} from ${fmt(base)}, below its min ${fmt(least)}.`, path, FLOOR_HINT)
}

// Slots: per deduction 2k the faults counted, 2k + 1 the points it takes; then the total taken.
export const deductions: ItemKind<Deductions> = {
  kind: 'deductions',
  schema: Deductions,
  refs(item, r, at) {
    item.deductions.forEach((d, j) => {
      const p = [...at, 'deductions', j]
      if (d.fact !== undefined) r.fact(d.fact, [...p, 'fact'], `deduction "${d.id}"`, ['integer', 'number'], 'count')
      if (d.records !== undefined) {
        r.records(d.records, [...p, 'records'], `deduction "${d.id}"`)
        r.where(d.where, d.records, p)
      }
    })
  },
  ids: (item, at) => item.deductions.map((d, j) => ({ id: d.id, path: [...at, 'deductions', j, 'id'], what: 'deduction' })),
  check(item, c, at) {
    if (item.base !== undefined) c.notAbove(c.value(item.max), item.base, 'base', item.id, [...at, 'base'])
    item.deductions.forEach((d, j) => {
      const p = [...at, 'deductions', j]
      c.oneOf(d, ['fact', 'records'], `Deduction "${d.id}"`, p)
      if (d.fact !== undefined && d.where !== undefined) c.bad(`Deduction "${d.id}" counts a fact; where only filters records.`, [...p, 'where'])
      c.positive(d.points, false, `Deduction "${d.id}": points`, [...p, 'points'])
      if (d.cap !== undefined) c.positive(d.cap, false, `Deduction "${d.id}": cap`, [...p, 'cap'])
    })
  },
  lint: lintFloor,
  emit(item, g) {
    const k = item.deductions.length
    const record = g.slots(2 * k + 1)
    const total = g.local('total')
    g.line(`let ${total} = 0`)
    item.deductions.forEach((d, j) => {
      const [n, t] = [g.local('n'), g.local('t')]
      if (d.fact !== undefined) g.line(`const ${n} = ${g.count(d.fact)}`)
      else {
        g.line(`let ${n} = 0`)
        g.rows(d.records!, true, (row) => g.line(`if (${g.where(d.records!, d.where, row)}) ${n}++`))
      }
      g.line(`let ${t} = ${g.helper('mulInt')}(${g.num(d.points)}, ${n})`)
      if (d.cap !== undefined) g.line(`if (${t} > ${g.num(d.cap)}) ${t} = ${g.num(d.cap)}`)
      g.line(`${total} = ${g.helper('add')}(${total}, ${t})`)
      record(2 * j, n)
      record(2 * j + 1, t)
    })
    record(2 * k, total)
    g.line(`${g.out} = ${g.helper('max')}(${g.num(item.floor, g.node.min)}, ${g.helper('sub')}(${g.num(item.base, g.node.max)}, ${total}))`)
  },
  trail(item, v) {
    const base = v.num(item.base, v.node.max)
    const floor = v.num(item.floor, v.node.min)
    const k = item.deductions.length
    const lines: string[] = []
    const inputs: Record<string, string> = {}
    item.deductions.forEach((d, j) => {
      const [n, t] = [v.slot(2 * j), v.slot(2 * j + 1)]
      const cap = d.cap === undefined ? undefined : v.num(d.cap)
      // Two deductions may count the same records with different filters: key them by the filter too.
      inputs[d.fact ?? (d.records !== undefined ? d.records + describeWhere(d.where) : d.id)] = String(n)
      if (n > 0) lines.push(`${d.title} ${n} × ${T(v.num(d.points))}${cap !== undefined && t === cap ? ` (cap ${T(cap)})` : ''} = ${T(t)}`)
    })
    const total = v.slot(2 * k)
    const result = sub(base, total)
    return {
      rule: `base ${T(base)} minus deductions, floor ${T(floor)}`,
      inputs,
      arithmetic: `${T(base)} − ${T(total)}${lines.length ? ` [${lines.join('; ')}]` : ''} = ${T(result)}${result < floor ? ` → floor ${T(floor)}` : ''}`,
    }
  },
}
