/**
 * Arithmetic on facts: a small, typed, exact expression form (`done / task`, `(rate - lastRate) * 100`,
 * `min(actual, task)`). Parsed here with each node's offset in the text, so a mistake points at its column; checked
 * against the rubric's declarations (every name a numeric fact, a computed value or a numeric parameter); compiled
 * into calls of the exact rational helpers (src/num/rational.ts). No text of an expression is ever code: the
 * generated JavaScript is made of helper calls, locals and literals only.
 *
 * Grammar (spaces anywhere between tokens):
 *   expr    = term { ("+" | "-") term }
 *   term    = unary { ("*" | "/") unary }
 *   unary   = "-" unary | primary
 *   primary = decimal | name | fn "(" expr { "," expr } ")" | "(" expr ")"
 *   fn      = min | max | abs
 */
import { parseFixed, type Fixed } from '../../num/fixed'
import type { Gen } from './spec'

export type ExprNode =
  | { op: 'num'; value: Fixed; text: string; at: number; end: number }
  | { op: 'name'; name: string; at: number; end: number }
  | { op: '+' | '-' | '*' | '/'; a: ExprNode; b: ExprNode; at: number; end: number }
  | { op: 'neg'; a: ExprNode; at: number; end: number }
  | { op: 'min' | 'max' | 'abs'; args: ExprNode[]; at: number; end: number }

/** A mistake in an expression's text: what is wrong, at which offset (UTF-16 index into the text). */
export interface ExprError {
  message: string
  at: number
  end: number
}

/** The longest expression text and the deepest nesting the parser takes (both keep its cost linear and bounded). */
export const MAX_EXPR_LENGTH = 500
export const MAX_EXPR_DEPTH = 32

const FUNCTIONS = new Set(['min', 'max', 'abs'])

type Token = { t: 'num' | 'name' | 'op' | 'end'; text: string; at: number; end: number }

function tokenize(text: string): Token[] | ExprError {
  const out: Token[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (c === ' ' || c === '\t') {
      i++
      continue
    }
    const num = /^\d+(?:\.\d+)?/.exec(text.slice(i, i + 40))
    if (num) {
      out.push({ t: 'num', text: num[0], at: i, end: i + num[0].length })
      i += num[0].length
      continue
    }
    const name = /^[A-Za-z][A-Za-z0-9_]*/.exec(text.slice(i, i + 80))
    if (name) {
      out.push({ t: 'name', text: name[0], at: i, end: i + name[0].length })
      i += name[0].length
      continue
    }
    if ('+-*/(),'.includes(c)) {
      out.push({ t: 'op', text: c, at: i, end: i + 1 })
      i++
      continue
    }
    const cp = text.codePointAt(i)!
    const shown = cp < 0x20 || cp === 0x7f ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : `"${String.fromCodePoint(cp)}"`
    const hint = c === '%' ? ' (write a percentage as a decimal: 90% is 0.9)' : c === '×' ? ' (write × as *)' : c === '÷' ? ' (write ÷ as /)' : ''
    return { message: `${shown} cannot appear in an expression${hint}; use numbers, names, + - * /, parentheses and min, max, abs.`, at: i, end: i + String.fromCodePoint(cp).length }
  }
  out.push({ t: 'end', text: '', at: text.length, end: text.length })
  return out
}

/** Parses an expression; an ExprError says what is wrong and where. */
export function parseExpr(text: string): ExprNode | ExprError {
  if (text.length > MAX_EXPR_LENGTH) return { message: `The expression is ${text.length} characters long; at most ${MAX_EXPR_LENGTH} are allowed. Split it into computed values.`, at: 0, end: text.length }
  const tokens = tokenize(text)
  if (!Array.isArray(tokens)) return tokens
  let p = 0
  let depth = 0
  const peek = () => tokens[p]!
  class Stop extends Error {
    constructor(readonly e: ExprError) {
      super(e.message)
    }
  }
  const fail = (message: string, tok: Token): never => {
    throw new Stop({ message, at: tok.at, end: Math.max(tok.end, tok.at + 1) })
  }
  const what = (tok: Token) => (tok.t === 'end' ? 'the end of the expression' : `"${tok.text}"`)
  const expect = (s: string) => {
    const tok = peek()
    if (tok.t !== 'op' || tok.text !== s) fail(`Expected "${s}" but found ${what(tok)}.`, tok)
    p++
  }
  const expr = (): ExprNode => {
    if (++depth > MAX_EXPR_DEPTH) fail(`The expression nests deeper than ${MAX_EXPR_DEPTH} levels; split it into computed values.`, peek())
    let a = term()
    while (peek().t === 'op' && (peek().text === '+' || peek().text === '-')) {
      const op = tokens[p++]!.text as '+' | '-'
      const b = term()
      a = { op, a, b, at: a.at, end: b.end }
    }
    depth--
    return a
  }
  const term = (): ExprNode => {
    let a = unary()
    while (peek().t === 'op' && (peek().text === '*' || peek().text === '/')) {
      const op = tokens[p++]!.text as '*' | '/'
      const b = unary()
      a = { op, a, b, at: a.at, end: b.end }
    }
    return a
  }
  const unary = (): ExprNode => {
    const tok = peek()
    if (tok.t === 'op' && tok.text === '-') {
      p++
      if (++depth > MAX_EXPR_DEPTH) fail(`The expression nests deeper than ${MAX_EXPR_DEPTH} levels; split it into computed values.`, tok)
      const a = unary()
      depth--
      return { op: 'neg', a, at: tok.at, end: a.end }
    }
    return primary()
  }
  const primary = (): ExprNode => {
    const tok = peek()
    if (tok.t === 'num') {
      p++
      const value = parseFixed(tok.text)
      if (value === undefined) fail(`${tok.text} has more than 6 decimal places or is too large; a number is exact to 6 places.`, tok)
      return { op: 'num', value: value!, text: tok.text, at: tok.at, end: tok.end }
    }
    if (tok.t === 'name') {
      p++
      if (peek().t === 'op' && peek().text === '(') {
        if (!FUNCTIONS.has(tok.text)) fail(`"${tok.text}" is not a function; the functions are min, max and abs.`, tok)
        p++
        const args = [expr()]
        while (peek().t === 'op' && peek().text === ',') {
          p++
          args.push(expr())
        }
        const close = peek()
        expect(')')
        const fn = tok.text as 'min' | 'max' | 'abs'
        if (fn === 'abs' && args.length !== 1) fail(`abs takes one value, not ${args.length}.`, tok)
        if (fn !== 'abs' && args.length < 2) fail(`${fn} takes two or more values.`, tok)
        return { op: fn, args, at: tok.at, end: close.end }
      }
      if (FUNCTIONS.has(tok.text)) fail(`${tok.text} is a function: write ${tok.text}(a, b).`, tok)
      return { op: 'name', name: tok.text, at: tok.at, end: tok.end }
    }
    if (tok.t === 'op' && tok.text === '(') {
      p++
      const inner = expr()
      expect(')')
      return inner
    }
    return fail(`Expected a number, a name or "(" but found ${what(tok)}.`, tok)
  }
  try {
    const e = expr()
    const rest = peek()
    if (rest.t !== 'end') fail(`Unexpected ${what(rest)}: an operator (+ - * /) or the end of the expression was expected.`, rest)
    return e
  } catch (err) {
    if (err instanceof Stop) return err.e
    throw err
  }
}

export const isExprError = (e: ExprNode | ExprError): e is ExprError => 'message' in e

/** The names an expression reads, in order of appearance (each occurrence, with its offset). */
export function exprNames(e: ExprNode): { name: string; at: number; end: number }[] {
  const out: { name: string; at: number; end: number }[] = []
  const walk = (n: ExprNode): void => {
    switch (n.op) {
      case 'num':
        return
      case 'name':
        out.push({ name: n.name, at: n.at, end: n.end })
        return
      case 'neg':
        return walk(n.a)
      case 'min':
      case 'max':
      case 'abs':
        return n.args.forEach(walk)
      default:
        walk(n.a)
        walk(n.b)
    }
  }
  walk(e)
  return out
}

/** The divisions of an expression: each divisor with the offsets of its `/` operand. */
export function divisors(e: ExprNode): ExprNode[] {
  const out: ExprNode[] = []
  const walk = (n: ExprNode): void => {
    if (n.op === 'num' || n.op === 'name') return
    if (n.op === 'neg') return walk(n.a)
    if ('args' in n) {
      for (const x of n.args) walk(x)
      return
    }
    if (n.op === '/') out.push(n.b)
    walk(n.a)
    walk(n.b)
  }
  walk(e)
  return out
}

/** Whether the expression multiplies or divides (its exact value may then have more places than a score keeps). */
export function needsRounding(e: ExprNode): boolean {
  if (e.op === 'num' || e.op === 'name') return false
  if (e.op === '*' || e.op === '/') return true
  if (e.op === 'neg') return needsRounding(e.a)
  if ('args' in e) return e.args.some((x) => needsRounding(x))
  return needsRounding(e.a) || needsRounding(e.b)
}

/** Parsed expressions by text: a rubric's expression is parsed by several stages, once. */
const parsed = new Map<string, ExprNode | ExprError>()
export function parseCached(text: string): ExprNode | ExprError {
  let e = parsed.get(text)
  if (e === undefined) {
    e = parseExpr(text)
    if (parsed.size > 4096) parsed.clear()
    parsed.set(text, e)
  }
  return e
}

/** An emitted expression: a local holding its exact value, as a Fixed (sums and differences) or a rational. */
export interface Emitted {
  readonly value: string
  readonly kind: 'fixed' | 'rational'
}

/**
 * Emits an expression as statements computing its exact value and returns the local holding it. Without * or /
 * the value of Fixed inputs is a Fixed, computed with the exact Fixed helpers (no allocation); otherwise it is an
 * exact rational. `leaf(name)` gives a name's Fixed value as an expression; `recordLeaf(i, v)` records the i-th
 * name's value for the trail. A division by zero stops scoring the subject with `onZero(divisorText)`.
 */
export function emitExpr(e: ExprNode, text: string, g: Gen, leaf: (name: string) => string, recordLeaf: (i: number, v: string) => void, onZero: (divisor: string) => string): Emitted {
  let leaves = 0
  const fixed = !needsRounding(e)
  const walk = (n: ExprNode): string => {
    const r = g.local('q')
    const wrap = (v: string) => (fixed ? v : `${g.helper('rq')}(${v})`)
    switch (n.op) {
      case 'num':
        g.line(`const ${r} = ${wrap(g.lit(n.value))}`)
        break
      case 'name': {
        const v = g.local('v')
        g.line(`const ${v} = ${leaf(n.name)}`)
        recordLeaf(leaves++, v)
        g.line(`const ${r} = ${wrap(v)}`)
        break
      }
      case 'neg':
        g.line(`const ${r} = ${fixed ? `${g.helper('sub')}(0, ${walk(n.a)})` : `${g.helper('rneg')}(${walk(n.a)})`}`)
        break
      case 'abs':
        g.line(`const ${r} = ${fixed ? `Math.abs(${walk(n.args[0]!)})` : `${g.helper('rabs')}(${walk(n.args[0]!)})`}`)
        break
      case 'min':
      case 'max': {
        const args = n.args.map(walk)
        g.line(`const ${r} = ${fixed ? `Math.${n.op}(${args.join(', ')})` : `${g.helper(n.op === 'min' ? 'rmin' : 'rmax')}(${args.join(', ')})`}`)
        break
      }
      case '/': {
        const [a, b] = [walk(n.a), walk(n.b)]
        g.line(`if (${b}.n === 0n) ${onZero(text.slice(n.b.at, n.b.end))}`)
        g.line(`const ${r} = ${g.helper('rdiv')}(${a}, ${b})`)
        break
      }
      default: {
        const [a, b] = [walk(n.a), walk(n.b)]
        const op = n.op === '+' ? 'add' : n.op === '-' ? 'sub' : 'mul'
        g.line(`const ${r} = ${g.helper(fixed ? op : `r${op}`)}(${a}, ${b})`)
      }
    }
    return r
  }
  return { value: walk(e), kind: fixed ? 'fixed' : 'rational' }
}

/** The expression's text with each name replaced by its recorded value (`45 / 50` for `done / task`). */
export function substitute(e: ExprNode, text: string, value: (i: number) => string): string {
  const names = exprNames(e)
  let out = ''
  let at = 0
  names.forEach((n, i) => {
    out += text.slice(at, n.at) + value(i)
    at = n.end
  })
  return (out + text.slice(at)).trim()
}
