/** { expr, atLeast | atMost | above | below }: arithmetic on facts compared exactly (2 / 3 is below 0.666667). */
import { z } from 'zod'
import { Compare } from '../../model/common'
import { checkExpr, exprRefs, leafOf, lintExpr } from '../computed'
import { BOUNDS, needsBound } from '../kit/compare'
import { emitExpr, exprNames, isExprError, MAX_EXPR_LENGTH, parseCached, substitute } from '../kit/expr'
import type { ConditionForm, Gen } from '../kit/spec'
import { own } from '../kit/values'
import { describeBounds, held, mark, maybe, T } from '../kit/words'

export const ExprCondition = z
  .object({
    expr: z.string().min(1).max(MAX_EXPR_LENGTH).describe('Arithmetic on numeric facts, computed values and number parameters (done / task), compared exactly.'),
    ...Compare,
  })
  .strict()

export type ExprCondition = z.infer<typeof ExprCondition>

/** A division by zero: the subject is refused, pointing at the fact divided by when the divisor is one. */
export function refuseDivision(g: Gen, what: string, divisor: string): string {
  const path = /^[A-Za-z][A-Za-z0-9_]*$/.test(divisor) && own(g.decls.facts, divisor) !== undefined ? g.path('facts', divisor) : g.path()
  return g.refuse('EVIDENCE_DIVISION_BY_ZERO', g.str(`${what} divides by ${divisor}, which is 0 for this subject.`), path)
}

// Slots: one per name read, then the exact value to 6 places, whether it is exact, and whether the condition held.
export const expr: ConditionForm<ExprCondition> = {
  key: 'expr',
  schema: ExprCondition,
  refs: (c, r, at) => exprRefs(c.expr, r, [...at, 'expr'], 'an expr condition'),
  check(c, k, path) {
    needsBound(c, `expression ${c.expr}`, k, path)
    if (checkExpr(c.expr, k, [...path, 'expr']) !== undefined) lintExpr(c.expr, k, [...path, 'expr'])
  },
  emit(c, g) {
    const e = parseCached(c.expr)
    if (isExprError(e)) throw new Error(`kaoping: expression not validated: ${c.expr}`)
    const n = exprNames(e).length
    const record = g.slots(n + 3)
    const q = emitExpr(e, c.expr, g, leafOf(g), (i, v) => record(i, v), (d) => refuseDivision(g, `The condition ${c.expr}`, d))
    const ok = g.local('ok')
    const cmp = g.helper('rcmp')
    const tests = BOUNDS.flatMap((b) => {
      const v = c[b]
      if (v === undefined) return []
      const op = b === 'atLeast' ? '>=' : b === 'atMost' ? '<=' : b === 'above' ? '>' : '<'
      // a Fixed compares as it is; a rational by the sign of its difference, exactly
      return [q.kind === 'fixed' ? `${q.value} ${op} ${g.num(v)}` : `${cmp}(${q.value}, ${g.num(v)}) ${op} 0`]
    })
    g.line(`const ${ok} = ${tests.length ? tests.join(' && ') : 'true'}`)
    record(n, q.kind === 'fixed' ? q.value : `${g.helper('rshow')}(${q.value})`)
    record(n + 1, q.kind === 'fixed' ? '1' : `${g.helper('rexact')}(${q.value})`)
    record(n + 2, `${ok} ? 1 : 0`)
    return ok
  },
  explain(c, v) {
    const e = parseCached(c.expr)
    if (isExprError(e)) return c.expr
    const n = exprNames(e).length
    const [shown, exact, ok] = [v.slot(n), v.slot(n + 1), v.slot(n + 2)]
    const value = shown !== shown ? '?' : exact === 1 ? T(shown) : `${T(shown)}…`
    return `${c.expr} = ${substitute(e, c.expr, (i) => maybe(v.slot(i)))} = ${value} ${describeBounds(c, (x) => v.num(x))} ${mark(held(ok))}`
  },
}
