/** { param, is | in }: a yes/no or enum parameter's value for this evaluation (a switch the rubric leaves to the user). */
import { z } from 'zod'
import { Name } from '../../model/common'
import type { ConditionForm } from '../kit/spec'
import { own } from '../kit/values'
import { held, listWords, mark, withArticle } from '../kit/words'

export const ParamCondition = z
  .object({
    param: Name.describe('A boolean or enum parameter.'),
    is: z.union([z.boolean(), z.string()]).optional().describe('Its value (default true, for a boolean parameter).'),
    in: z.array(z.string()).min(1).optional().describe('One of these values (an enum parameter).'),
  })
  .strict()

export type ParamCondition = z.infer<typeof ParamCondition>

/** The values a parameter condition accepts, as they are encoded in P (1/0 for yes/no, the index of an enum value). */
function wanted(c: ParamCondition, values: readonly string[] | undefined): number[] {
  if (values === undefined) return [c.is === false ? 0 : 1]
  const set = c.in ?? (c.is !== undefined ? [String(c.is)] : [])
  return set.map((v) => values.indexOf(v)).filter((i) => i >= 0)
}

// Slots: 0 the parameter's encoded value, 1 whether the condition held.
export const param: ConditionForm<ParamCondition> = {
  key: 'param',
  schema: ParamCondition,
  refs: () => undefined, // parameters are checked here (UNKNOWN_PARAM), as { param } values are by the scan
  check(c, k, path) {
    const p = own(k.decls.params, c.param)
    if (p === undefined) {
      const names = Object.keys(k.decls.params ?? {})
      return k.report('UNKNOWN_PARAM', `Unknown parameter "${c.param}" in a parameter condition; declared parameters: ${names.length ? listWords(names) : 'none'}.`, [...path, 'param'])
    }
    if (p.type === 'boolean') {
      if (c.in !== undefined) k.bad(`Parameter "${c.param}" is yes/no; write is: true or is: false instead of in.`, [...path, 'in'])
      if (c.is !== undefined && typeof c.is !== 'boolean') k.bad(`Parameter "${c.param}" is yes/no; write is: true or is: false.`, [...path, 'is'])
    } else if (p.type === 'enum') {
      if (c.is === undefined && c.in === undefined) k.bad(`The condition on parameter "${c.param}" needs is or in (one of ${listWords(p.values)}).`, path)
      const given = c.in !== undefined ? c.in.map((v, i) => [v, [...path, 'in', i]] as const) : c.is !== undefined ? [[c.is, [...path, 'is']] as const] : []
      for (const [v, at] of given) if (typeof v !== 'string' || !p.values.includes(v)) k.bad(`Parameter "${c.param}" takes the values ${listWords(p.values)}; ${JSON.stringify(v)} is not one of them.`, [...at])
    } else
      k.bad(`Parameter "${c.param}" is ${withArticle(p.type)} parameter; a parameter condition tests a yes/no or enum parameter.`, [...path, 'param'], p.type === 'date' ? 'Compare dates in a date condition.' : 'Compare a number parameter in an expr condition ({ expr: "…", atLeast: … }) or use it as a value ({ param: … }).')
  },
  emit(c, g) {
    const p = own(g.decls.params, c.param)
    const values = p?.type === 'enum' ? p.values : undefined
    const record = g.slots(2)
    const [v, ok] = [g.local('v'), g.local('ok')]
    g.line(`const ${v} = ${g.num({ param: c.param })}`)
    const tests = wanted(c, values).map((i) => `${v} === ${g.int(i)}`)
    g.line(`const ${ok} = ${tests.length ? tests.join(' || ') : 'false'}`)
    record(0, v)
    record(1, `${ok} ? 1 : 0`)
    return ok
  },
  explain(c, v) {
    const p = own(v.decls.params, c.param)
    const values = p?.type === 'enum' ? p.values : undefined
    const x = v.slot(0)
    const shown = values !== undefined ? (values[x] ?? '?') : x === 1 ? 'true' : x === 0 ? 'false' : '?'
    const needs = values !== undefined ? listWords(c.in ?? [String(c.is)], undefined, ' or ') : String(c.is ?? true)
    return `parameter ${c.param} = ${shown}, needs ${needs} ${mark(held(v.slot(1)))}`
  },
}
