/**
 * Computed values (`computed:`) and the expressions they and the `expr` condition are written in: everything about
 * them in one module, as each item kind is one: the names an expression refers to, its rules (syntax, types, cycles,
 * rounding), its lint (division by a value that may be 0), the code it compiles to and the words of its trail.
 *
 * A computed value is exact until the rubric rounds it: sums, products and quotients are exact rationals, rounded
 * once, as `round` says. Every construct that reads a numeric fact reads a computed value the same way.
 */
import type { Code } from '../diagnostics/codes'
import type { Computed, Declarations, Fact, Param } from '../model/declarations'
import { divisors, emitExpr, exprNames, isExprError, needsRounding, parseCached, substitute, type ExprNode } from './kit/expr'
import type { Checker, Gen, Refs } from './kit/spec'
import { domainOf, own, type Path } from './kit/values'
import { maybe, T, withArticle } from './kit/words'

/** A computed value as the fact it stands in for: a number within its declared min and max. */
export function computedFact(c: Computed | undefined): Fact | undefined {
  if (c === undefined) return undefined
  return { type: 'number', title: c.title, ...(c.min !== undefined ? { min: c.min } : {}), ...(c.max !== undefined ? { max: c.max } : {}) }
}

/** A fact or computed value by name. */
export const factOrComputed = (d: Declarations, name: string): Fact | undefined => own(d.facts, name) ?? computedFact(own(d.computed, name))

const NUMERIC_PARAMS: readonly Param['type'][] = ['number', 'integer', 'rate']

/** The names an expression reads, reported as references (each pointing at its column). */
export function exprRefs(text: string, r: Refs, path: Path, use: string): void {
  const e = parseCached(text)
  if (isExprError(e)) return
  for (const n of exprNames(e)) r.name(n.name, path, use, { text, start: n.at, end: n.end })
}

/** A diagnostic about part of an expression. */
function at(c: Checker, code: Code, message: string, path: Path, text: string, start: number, end: number, hint?: string): void {
  c.report(code, message, path, hint, { text, start, end })
}

/**
 * The rules of one expression: it parses, and every name it reads is a number (a numeric fact, a computed value or a
 * number parameter). Unknown names are the reference check's (UNKNOWN_FACT). Returns the parsed expression.
 */
export function checkExpr(text: string, c: Checker, path: Path): ExprNode | undefined {
  const e = parseCached(text)
  if (isExprError(e)) {
    at(c, 'EXPRESSION_SYNTAX', `${e.message} (column ${e.at + 1} of the expression)`, path, text, e.at, e.end)
    return undefined
  }
  for (const n of exprNames(e)) {
    const f = own(c.decls.facts, n.name)
    const p = own(c.decls.params, n.name)
    const computed = own(c.decls.computed, n.name)
    if ([f, p, computed].filter((x) => x !== undefined).length > 1)
      at(c, 'EXPRESSION_TYPE', `"${n.name}" names both a ${f ? 'fact' : 'computed value'} and a ${p ? 'parameter' : 'computed value'}; an expression cannot tell which is meant.`, path, text, n.at, n.end, 'Rename one of them.')
    else if (f !== undefined && !(f.type === 'number' || f.type === 'integer' || f.type === 'rate' || (f.type === 'score' && !f.many)))
      at(c, 'EXPRESSION_TYPE', `Fact "${n.name}" is ${f.type === 'score' ? 'a list of results' : withArticle(`${f.type} fact`)}; arithmetic takes numbers only.`, path, text, n.at, n.end, f.type === 'score' ? 'Combine the list in a weighted item.' : 'Compare it in a condition ({ fact: … }) instead.')
    else if (p !== undefined && !NUMERIC_PARAMS.includes(p.type))
      at(c, 'EXPRESSION_TYPE', `Parameter "${n.name}" is ${withArticle(p.type)} parameter; arithmetic takes number, integer and rate parameters only.`, path, text, n.at, n.end)
  }
  return e
}

/** The domain of a name's values: a fact's or computed value's min/max, or a parameter's value. */
function mayBeZero(c: Checker, name: string): boolean {
  const p = own(c.decls.params, name)
  if (p !== undefined) {
    const v = c.value({ param: name })
    return v === undefined || v === 0
  }
  const f = factOrComputed(c.decls, name)
  const d = domainOf(f)
  if (d === undefined) return false
  return (d.lo === undefined || d.lo <= 0) && (d.hi === undefined || d.hi >= 0)
}

/** DIVISION_BY_ZERO_POSSIBLE: a divisor that is a name whose values include 0, or the number 0. */
export function lintExpr(text: string, c: Checker, path: Path): void {
  const e = parseCached(text)
  if (isExprError(e)) return
  for (const d of divisors(e)) {
    if (d.op === 'num' && d.value === 0) at(c, 'DIVISION_BY_ZERO_POSSIBLE', `The expression divides by 0.`, path, text, d.at, d.end)
    else if (d.op === 'name' && mayBeZero(c, d.name)) {
      const p = own(c.decls.params, d.name)
      const what = p !== undefined ? `parameter "${d.name}" is 0` : `"${d.name}" may be 0: it is ${domainOf(factOrComputed(c.decls, d.name))?.what ?? 'a number'}`
      at(c, 'DIVISION_BY_ZERO_POSSIBLE', `The expression divides by ${d.name}, and ${what}. A subject whose ${d.name} is 0 is refused.`, path, text, d.at, d.end)
    }
  }
}

/** The rubric-level rules of computed values: each expression's, names not shared with facts or parameters, rounding declared, no cycles. */
export function checkComputed(d: Declarations, c: Checker): void {
  const all = Object.entries(d.computed ?? {})
  const parsed = new Map<string, ExprNode>()
  for (const [name, comp] of all) {
    const path = ['computed', name]
    if (own(d.facts, name) !== undefined || own(d.params, name) !== undefined)
      c.report('DUPLICATE_ID', `"${name}" is declared as a computed value and as a ${own(d.facts, name) !== undefined ? 'fact' : 'parameter'}; a name means one thing.`, path, 'Rename the computed value or the declaration it shares its name with.')
    const e = checkExpr(comp.expr, c, [...path, 'expr'])
    if (e === undefined) continue
    parsed.set(name, e)
    if (comp.round === undefined && needsRounding(e))
      c.report('EXPRESSION_ROUNDING', `Computed value "${name}" = ${comp.expr} ${divisors(e).length ? 'divides' : 'multiplies'}, so its exact value can have more decimal places than it keeps; say how it is rounded.`, [...path, 'expr'])
    if (comp.min !== undefined && comp.max !== undefined) c.ordered(comp.min, comp.max, `Computed value "${name}" has min above max`, [...path, 'min'])
  }
  const chains = computedChains(parsed.keys(), (name) => exprNames(parsed.get(name)!).filter((n) => parsed.has(n.name)).map((n) => n.name))
  for (const circle of chains.circles)
    c.report('EXPRESSION_CYCLE', `Computed values depend on each other in a circle: ${circle.length > 12 ? [...circle.slice(0, 6), '…', ...circle.slice(-5)].join(' → ') : circle.join(' → ')}.`, ['computed', circle[0]!, 'expr'])
  if (chains.tooDeep !== undefined)
    c.report('LIMIT_EXCEEDED', `Computed value "${chains.tooDeep.name}" reads a chain of ${chains.tooDeep.depth} computed values, each reading the next; at most ${MAX_COMPUTED_DEPTH} are allowed.`, ['computed', chains.tooDeep.name, 'expr'], 'Compute the value from facts in fewer steps: one expression may hold up to 500 characters.')
}

/**
 * The circles among computed values reading computed values, and the first whose chain is longer than
 * MAX_COMPUTED_DEPTH: an iterative depth-first walk (a long chain is no deep recursion; the path is kept once, not
 * copied per step). The check reports them; the compiler refuses them for a rubric compiled unchecked.
 */
export function computedChains(names: Iterable<string>, reads: (name: string) => string[]): { circles: string[][]; tooDeep?: { name: string; depth: number } } {
  const state = new Map<string, 1 | 2>()
  const depth = new Map<string, number>()
  const circles: string[][] = []
  let tooDeep: { name: string; depth: number } | undefined
  for (const root of names) {
    if (state.has(root)) continue
    const path: string[] = [root]
    const next: string[][] = [reads(root)]
    state.set(root, 1)
    while (path.length) {
      const n = next[next.length - 1]!.pop()
      if (n === undefined) {
        // finished: its depth is one more than the deepest computed value it reads
        const done = path.pop()!
        state.set(done, 2)
        next.pop()
        const d = 1 + Math.max(0, ...reads(done).map((r) => depth.get(r) ?? 0))
        depth.set(done, d)
        if (d > MAX_COMPUTED_DEPTH && tooDeep === undefined) tooDeep = { name: done, depth: d }
        continue
      }
      const s = state.get(n)
      if (s === 2) continue
      if (s === 1) {
        circles.push([...path.slice(path.indexOf(n)), n])
        continue
      }
      state.set(n, 1)
      path.push(n)
      next.push(reads(n))
    }
  }
  return tooDeep === undefined ? { circles } : { circles, tooDeep }
}

/** The longest chain of computed values reading computed values (each is worked out inside the one that reads it). */
export const MAX_COMPUTED_DEPTH = 100

/** The lint findings of computed values. */
export function lintComputed(d: Declarations, c: Checker): void {
  for (const [name, comp] of Object.entries(d.computed ?? {})) lintExpr(comp.expr, c, ['computed', name, 'expr'])
}

/** A name's value in generated code: a parameter (P), else a fact or computed value (read through the generator). */
export function leafOf(g: Gen): (name: string) => string {
  return (name) => (own(g.decls.params, name) !== undefined ? g.num({ param: name }) : g.number(name))
}

/**
 * The statements of a computed value (inside its own function): the exact value, rounded as declared, checked
 * against min and max. Slots: one per name read, then the value, its exact value to 6 places and whether that was exact.
 */
export function emitComputed(comp: Computed, e: ExprNode, g: Gen, refuseZero: (divisor: string) => string, refuseRange: (v: string) => string): string {
  const names = exprNames(e).length
  const record = g.slots(names + 3)
  const q = emitExpr(e, comp.expr, g, leafOf(g), (i, v) => record(i, v), refuseZero)
  const v = g.local('v')
  const round = comp.round ?? { places: 6, mode: 'down' as const }
  if (q.kind === 'fixed') g.line(`const ${v} = ${round.places === 6 ? q.value : `${g.helper('round')}(${q.value}, ${g.int(round.places)}, ${g.str(round.mode)})`}`)
  else g.line(`const ${v} = ${g.helper('rround')}(${q.value}, ${g.int(round.places)}, ${g.str(round.mode)})`)
  record(names, v)
  record(names + 1, q.kind === 'fixed' ? q.value : `${g.helper('rshow')}(${q.value})`)
  record(names + 2, q.kind === 'fixed' ? '1' : `${g.helper('rexact')}(${q.value})`)
  const tests = [comp.min !== undefined ? `${v} < ${g.num(comp.min)}` : '', comp.max !== undefined ? `${v} > ${g.num(comp.max)}` : ''].filter(Boolean)
  if (tests.length) g.line(`if (${tests.join(' || ')}) ${refuseRange(v)}`)
  return v
}

/** The trail of a computed value: `done / task = 45 / 50 = 0.9`, with the rounding when it changed the value. */
export function computedText(comp: Computed, slot: (i: number) => number): string | undefined {
  const e = parseCached(comp.expr)
  if (isExprError(e)) return undefined
  const n = exprNames(e).length
  const [value, shown, exact] = [slot(n), slot(n + 1), slot(n + 2)]
  if (value !== value) return undefined
  const with_ = substitute(e, comp.expr, (i) => maybe(slot(i)))
  const exactText = exact === 1 ? T(shown) : `${T(shown)}…`
  const rounded = exact === 1 && shown === value ? '' : ` → ${T(value)} (${comp.round?.places ?? 6} places, ${comp.round?.mode ?? 'exact'})`
  return `${comp.expr} = ${with_} = ${exactText}${rounded}`
}

/** Every expression of the rubric (computed values, expr conditions) with its path. */
export function expressionsOf(d: Declarations, conditions: readonly { cond: Record<string, unknown>; path: Path }[]): { text: string; path: Path }[] {
  const out = Object.entries(d.computed ?? {}).map(([name, c]) => ({ text: c.expr, path: ['computed', name, 'expr'] as Path }))
  for (const { cond, path } of conditions) if (typeof cond.expr === 'string') out.push({ text: cond.expr, path: [...path, 'expr'] })
  return out
}

/** The names an expression that cannot be read seems to use (so that a syntax error is not also reported as unused declarations). */
export function namesInBroken(text: string): string[] {
  return isExprError(parseCached(text)) ? (text.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []) : []
}

/** The names of the computed values an expression reads, directly or through other computed values (each once, in order). */
export function computedReads(d: Declarations, names: Iterable<string>): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  const visit = (name: string): void => {
    const comp = own(d.computed, name)
    if (comp === undefined || seen.has(name)) return
    seen.add(name)
    out.push(name)
    const e = parseCached(comp.expr)
    if (!isExprError(e)) for (const n of exprNames(e)) visit(n.name)
  }
  for (const n of names) visit(n)
  return out
}
