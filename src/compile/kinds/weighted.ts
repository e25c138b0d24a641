import type { Weighted } from '../../model/item'
import { add, div, fromNumber, max as maxOf, min as minOf, mul, parseFixed, toFixedString, type Fixed } from '../../num/fixed'
import { evidenceError, type EvalContext } from '../../evaluate/context'
import { numberReader } from '../../evaluate/read'
import { num, toFixed, type CompileContext } from '../compile-context'
import type { KindCompiler } from './kind'

/** Reads a score fact: a number, or (with a linked evaluator) another rubric's evidence; `many` gives a list. */
export function scoreReader(cc: CompileContext, name: string, combine: 'sum' | 'mean' | 'min' | 'max'): (ctx: EvalContext) => Fixed {
  const decl = cc.facts[name]
  if (decl?.type !== 'score') return numberReader(cc, name)
  const top = toFixed(decl.max, name)
  const one = (ctx: EvalContext, raw: unknown, path: (string | number)[]): Fixed => {
    if (typeof raw === 'number' || typeof raw === 'string') {
      const v = typeof raw === 'number' ? fromNumber(raw) : parseFixed(raw)
      if (v === undefined) throw evidenceError(ctx, 'EVIDENCE_PRECISION', `Fact "${name}" = ${JSON.stringify(raw)} is not an exact decimal.`, path)
      // A result of another rubric lies within [0, its declared max]; anything else is not such a result.
      if (v < 0 || v > top)
        throw evidenceError(ctx, 'EVIDENCE_OUT_OF_RANGE', `Fact "${name}" = ${toFixedString(v)} is outside [0, ${toFixedString(top)}], the scores rubric ${decl.rubric} gives.`, path)
      return v
    }
    if (raw !== null && typeof raw === 'object' && ctx.linked) return ctx.linked(decl.rubric, raw, ctx, name)
    throw evidenceError(ctx, 'EVIDENCE_INVALID', `Fact "${name}" must be a score (a number) from rubric ${decl.rubric}${raw !== null && typeof raw === 'object' ? ', or link that rubric to give its evidence' : ''}.`, path)
  }
  return (ctx) => {
    const raw = ctx.facts[name]
    if (raw === undefined || raw === null) throw evidenceError(ctx, 'EVIDENCE_MISSING', `Fact "${name}" (a result of ${decl.rubric}) is missing.`, ['facts', name])
    if (!decl.many) return one(ctx, raw, ['facts', name])
    if (!Array.isArray(raw) || raw.length === 0) throw evidenceError(ctx, 'EVIDENCE_INVALID', `Fact "${name}" must be a non-empty list of results of ${decl.rubric}.`, ['facts', name])
    let acc = one(ctx, raw[0], ['facts', name, 0])
    for (let i = 1; i < raw.length; i++) {
      const v = one(ctx, raw[i], ['facts', name, i])
      acc = combine === 'min' ? minOf(acc, v) : combine === 'max' ? maxOf(acc, v) : add(acc, v)
    }
    return combine === 'mean' ? div(acc, raw.length * 1_000_000) : acc
  }
}

/** weighted: Σ value × weight over the terms (the 20% rule; a centre scored with its agencies). */
export const compileWeighted: KindCompiler<Weighted> = (item, cc) => {
  const terms = item.terms.map((t) => ({ t, weight: num(cc, t.weight, item.id), read: scoreReader(cc, t.fact, t.combine ?? 'mean') }))
  const T = toFixedString
  return {
    score: (ctx) => {
      let s = 0
      for (const term of terms) s = add(s, mul(term.read(ctx), term.weight))
      return s
    },
    explain: (ctx) => {
      let s = 0
      const inputs: Record<string, string> = {}
      const parts: string[] = []
      for (const term of terms) {
        const v = term.read(ctx)
        inputs[term.t.fact] = T(v)
        parts.push(`${T(v)} × ${T(term.weight)}`)
        s = add(s, mul(v, term.weight))
      }
      return { rule: terms.map((x) => `${x.t.fact} × ${T(x.weight)}`).join(' + '), inputs, arithmetic: `${parts.join(' + ')} = ${T(s)}` }
    },
  }
}
