/** { fact, is | in | between | atLeast | atMost | above | below }: a fact compared with values. */
import { z } from 'zod'
import { Compare, Name, Value } from '../../model/common'
import type { Fact } from '../../model/declarations'
import { BOUNDS, emitBounds, type Compared } from '../kit/compare'
import type { Checker, ConditionForm } from '../kit/spec'
import { isNumericFact, literalFixed, type Path } from '../kit/values'
import { preview } from '../../load/text'
import { describeBounds, held, listWords, mark, maybe } from '../kit/words'

export const FactCondition = z
  .object({
    fact: Name.describe('The fact compared.'),
    is: z.union([z.boolean(), z.string(), z.number()]).optional().describe('Equal to this value.'),
    in: z.array(z.union([z.string(), z.number()])).min(1).optional().describe('Equal to one of these values.'),
    between: z.tuple([Value, Value]).optional().describe('Within [low, high], both included.'),
    ...Compare,
  })
  .strict()

export type FactCondition = z.infer<typeof FactCondition>

const COMPARATORS = ['is', 'in', 'between', ...BOUNDS] as const

/** The bounds a numeric comparison tests: atLeast … below, then between, then is (as both atLeast and atMost). */
function effective(c: FactCondition): Compared {
  const b: Compared = { atLeast: c.atLeast, atMost: c.atMost, above: c.above, below: c.below }
  if (c.between) [b.atLeast, b.atMost] = c.between
  if (c.is !== undefined) b.atLeast = b.atMost = c.is
  return b
}

function check(c: FactCondition, k: Checker, path: Path): void {
  const f = k.fact(c.fact)
  if (!COMPARATORS.some((key) => c[key] !== undefined)) k.bad(`The condition on fact "${c.fact}" has no comparison; add one of ${COMPARATORS.join(', ')}.`, path, 'For a yes/no fact write `is: true`.')
  if (c.between) k.ordered(c.between[0], c.between[1], `between [low, high] of fact "${c.fact}" has low above high`, [...path, 'between'])
  if (!f) return
  const numeric = isNumericFact(f)
  const name = c.fact
  if (!numeric) {
    const used = (['between', ...BOUNDS] as const).filter((key) => c[key] !== undefined)
    if (used.length) k.bad(`Fact "${name}" is a ${f.type} fact; ${used.join(', ')} ${used.length > 1 ? 'compare' : 'compares'} only numbers.`, [...path, used[0]!])
  }
  if (f.type === 'date') k.bad(`Fact "${name}" is a date; test it with a date condition ({ date: ${name}, onOrBefore: … }).`, [...path, 'fact'])
  if (f.type === 'score' && f.many) k.bad(`Fact "${name}" is a list of results; compare it in a weighted item, not in a condition.`, [...path, 'fact'])
  if (f.type === 'boolean' && c.is !== undefined && typeof c.is !== 'boolean') k.bad(`Fact "${name}" is yes/no; write is: true or is: false.`, [...path, 'is'])
  if (f.type === 'boolean' && c.in !== undefined) k.bad(`Fact "${name}" is yes/no; write is: true or is: false instead of in.`, [...path, 'in'])
  if (numeric && c.is !== undefined && literalFixed(c.is) === undefined) k.bad(`Fact "${name}" is a number; is must be a number, not ${JSON.stringify(c.is)}.`, [...path, 'is'])
  if (numeric && c.in) c.in.forEach((v, i) => literalFixed(v) === undefined && k.bad(`Fact "${name}" is a number; ${JSON.stringify(v)} is not a number.`, [...path, 'in', i]))
  if (numeric) {
    k.outsideDomain(name, BOUNDS.map((key) => [key, c[key]] as const), path)
    if (c.between) k.outsideDomain(name, c.between.map((v, i) => [`between.${i}`, v] as const), path)
    if (c.is !== undefined) k.outsideDomain(name, [['is', c.is]], path)
    if (c.in) k.outsideDomain(name, c.in.map((v, i) => [`in.${i}`, v] as const), path)
  }
  if (f.type === 'enum') {
    const vals: unknown[] = c.in !== undefined ? c.in : c.is !== undefined ? [c.is] : []
    const values = new Set<unknown>(f.values)
    vals.forEach((v, i) => {
      if (!values.has(v)) k.bad(`Fact "${name}" takes the values ${listWords(f.values)}; ${typeof v === 'string' ? preview(v) : JSON.stringify(v)} is not one of them.`, c.in !== undefined ? [...path, 'in', i] : [...path, 'is'])
    })
  }
}

const kindOf = (f: Fact | undefined): 'number' | 'boolean' | 'enum' => (f?.type === 'boolean' ? 'boolean' : f?.type === 'enum' ? 'enum' : 'number')

export const fact: ConditionForm<FactCondition> = {
  key: 'fact',
  schema: FactCondition,
  refs: (c, r, at) => r.fact(c.fact, [...at, 'fact'], 'a fact condition'),
  check,
  emit(c, g) {
    const f = g.decls.facts?.[c.fact]
    const ok = g.local('ok')
    const record = g.slots(2)
    switch (kindOf(f)) {
      case 'boolean': {
        const v = g.local('b')
        g.line(`const ${v} = ${g.boolean(c.fact)}`)
        g.line(`const ${ok} = ${v} === ${c.is === false ? 'false' : 'true'}`)
        record(0, `${v} ? 1 : 0`)
        break
      }
      case 'enum': {
        const set = (c.in ?? (c.is !== undefined ? [c.is] : [])).map(String)
        g.line(`const ${ok} = ${g.enumIn(c.fact, set)}`)
        record(0, g.enumIndex(c.fact))
        break
      }
      default: {
        const v = g.local('v')
        g.line(`const ${v} = ${g.number(c.fact)}`)
        const tests = [emitBounds(effective(c), v, g)]
        if (c.in) tests.push(`(${c.in.map((x) => `${v} === ${g.lit(literalFixed(x) ?? NaN)}`).join(' || ')})`)
        g.line(`const ${ok} = ${tests.join(' && ')}`)
        record(0, v)
      }
    }
    record(1, `${ok} ? 1 : 0`)
    return ok
  },
  explain(c, v) {
    const f = v.decls.facts?.[c.fact]
    const ok = held(v.slot(1))
    switch (kindOf(f)) {
      case 'boolean':
        return `${c.fact} = ${v.slot(0) === 1 ? 'true' : v.slot(0) === 0 ? 'false' : '?'}, needs ${String(c.is ?? true)} ${mark(ok)}`
      case 'enum': {
        const set = c.in ?? (c.is !== undefined ? [c.is] : [])
        const i = v.slot(0)
        const values = f?.type === 'enum' ? f.values : []
        return `${c.fact} = ${i >= 0 ? values[i] : 'undefined'}, needs ${listWords(set.map(String), undefined, ' or ')} ${mark(ok)}`
      }
      default: {
        const set = c.in ? ` in [${listWords(c.in, undefined, ', ', (x) => maybe(literalFixed(x) ?? NaN))}]` : ''
        return `${c.fact} = ${maybe(v.slot(0))} ${describeBounds(effective(c), (x) => v.num(x))}${set} ${mark(ok)}`
      }
    }
  },
}
