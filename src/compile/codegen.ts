import type { Condition } from '../model/condition'
import type { Fact, Field } from '../model/declarations'
import type { Item } from '../model/item'
import { add, div, divToInteger, max as maxOf, min as minOf, mul, mulInt, ONE, sub, type Fixed } from '../num/fixed'
import type { EvalContext } from '../evaluate/context'
import { requiredFacts } from '../validate/evidence-patterns'
import { num, type CompileContext } from './compile-context'
import { compileCondition, type CompiledCondition } from './condition'
import { parseDay } from './dates'
import type { CompiledNode } from './tree'
import { hasControl } from '../validate/data-limits'

/**
 * The fast path: one JavaScript function generated per rubric from the validated model (as ajv does for schemas).
 * It validates the common evidence shape while it reads it, and scores the tree with scaled integers in straight-line
 * code. It returns the exact total, or NaN for anything outside the common case (strings for numbers, missing facts,
 * N/A items, adjustments, an unknown key, a value in no band…), which the caller then scores on the general path —
 * the same numbers, with diagnostics. Generated text holds no rubric text as code: property names and categories are
 * JSON string literals, numbers are safe integers, identifiers are made from indices.
 */
/**
 * `maxStringLength` bounds the text it accepts (id, name, string fields; default 10,000): text longer, or holding a
 * control character, is left to the general path, which reports it.
 */
export type FastScorer = ((subject: unknown, ctx: EvalContext, maxStringLength?: number) => number) & { readonly source?: string }

interface Helpers {
  add: typeof add
  sub: typeof sub
  mul: typeof mul
  mulInt: typeof mulInt
  div: typeof div
  divToInteger: typeof divToInteger
  min: typeof minOf
  max: typeof maxOf
  parseDay: typeof parseDay
  /** Text within the length limit and free of control characters. */
  text: (s: string, max: number) => boolean
  /** A plain object: its prototype is Object.prototype or null. */
  plain: (o: object) => boolean
  leaves: ((ctx: EvalContext) => Fixed)[]
  conds: CompiledCondition[]
}

const BOUND = 2 ** 50

function lit(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`codegen: ${n} is not a safe integer`)
  return n < 0 ? `(${n})` : String(n)
}
const plainObject = (o: object): boolean => {
  const p = Object.getPrototypeOf(o)
  return p === Object.prototype || p === null
}

/** Within `max` code units, and no character of CONTROL_CHARACTER (the validator's own check). */
function plainText(s: string, max: number): boolean {
  return s.length <= max && !hasControl(s)
}

/** A string as a JavaScript string literal: JSON, with the line separators U+2028 and U+2029 escaped as well. */
export function jsString(s: string): string {
  if (typeof s !== 'string') throw new Error('codegen: not a string')
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}
const str = jsString

/** A rubric value compared with evidence (`where:`, `is:`, `in:`): a string literal, a finite number or a boolean. */
function jsValue(v: unknown): string {
  if (typeof v === 'string') return jsString(v)
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'number' && Number.isFinite(v)) return v < 0 || Object.is(v, -0) ? `(${JSON.stringify(v)})` : JSON.stringify(v)
  throw new Error('codegen: unexpected value')
}

export interface GeneratedSource {
  /** The body of the factory `new Function('h', source)`, which returns the scorer. */
  source: string
  helpers: Helpers
}

/**
 * The text of the generated scorer. Every string literal in it is made by `jsString` (JSON.stringify, with U+2028
 * and U+2029 escaped too), every number by `lit` (a safe integer), every identifier from an index (a0, v3, x12,
 * r0) or fixed in this file: no text of the rubric or of evidence is ever code.
 */
export function generateFastScorerSource(nodes: readonly CompiledNode[], post: Int32Array, cc: CompileContext): GeneratedSource | undefined {
  const { rubric } = cc
  // Proven range: every node is kept within [min, max], so sums of children stay far below 2^53.
  let bound = 0
  for (const n of nodes) bound += Math.abs(n.max) + Math.abs(n.min)
  if (bound > BOUND) return undefined

  const h: Helpers = { add, sub, mul, mulInt, div, divToInteger, min: minOf, max: maxOf, parseDay, text: plainText, plain: plainObject, leaves: [], conds: [] }
  const out: string[] = []
  const factVar = new Map<string, string>()
  const facts = Object.entries(rubric.facts ?? {})
  const required = new Set(requiredFacts(rubric))

  out.push(
    `if (typeof s !== "object" || s === null || Array.isArray(s) || !h.plain(s)) return NaN`,
    `const L = T === undefined ? 10000 : T`,
    `for (const k in s) if (k !== "id" && k !== "name" && k !== "facts" && k !== "records") return NaN`,
    `const id = s.id; if (typeof id !== "string" || id.length === 0 || id.length > 200 || !h.text(id, L)) return NaN`,
    `if (s.name !== undefined && (typeof s.name !== "string" || !h.text(s.name, L))) return NaN`,
    `const f = s.facts; if (typeof f !== "object" || f === null || Array.isArray(f) || !h.plain(f)) return NaN`,
    `let n = 0`,
  )
  let i = 0
  for (const [name, fact] of facts) {
    const a = `a${i}`
    const v = `v${i++}`
    factVar.set(name, v)
    out.push(`const ${a} = f[${str(name)}]`)
    if (!required.has(name)) out.push(`if (${a} === undefined) return NaN`)
    out.push(...readFact(fact, a, v, cc), `n++`)
  }
  out.push(`for (const _ in f) n--`, `if (n !== 0) return NaN`)
  // Records: every row checked here; items below read them again.
  const lists = Object.entries(rubric.records ?? {})
  out.push(`const rs = s.records`, ...lists.map((_, li) => `let r${li}`), `if (rs !== undefined) {`, `if (typeof rs !== "object" || rs === null || Array.isArray(rs) || !h.plain(rs)) return NaN`, `let m = 0`)
  lists.forEach(([name, rt], li) => {
    const rows = `r${li}`
    out.push(`${rows} = rs[${str(name)}]`, `if (${rows} !== undefined) {`, `m++`, `if (!Array.isArray(${rows})) return NaN`, `for (let j = 0; j < ${rows}.length; j++) {`)
    out.push(`const row = ${rows}[j]`, `if (typeof row !== "object" || row === null || Array.isArray(row) || !h.plain(row)) return NaN`, `let c = 0`)
    for (const [field, def] of Object.entries(rt.fields)) {
      const req = field === rt.date || field === rt.key
      out.push(`{ const x = row[${str(field)}]; if (x === undefined) { ${req ? 'return NaN' : ''} } else { if (!(${fieldTest(def, 'x')})) return NaN; c++ } }`)
    }
    out.push(`for (const _ in row) c--`, `if (c !== 0) return NaN`, `}`, `}`)
  })
  out.push(`for (const _ in rs) m--`, `if (m !== 0) return NaN`, `}`)
  out.push(`const FROM = ctx.from, TO = ctx.to`)

  const gen: Gen = { cc, h, factVar, out, shared: [] }
  for (let k = 0; k < post.length; k++) {
    const node = nodes[post[k]!]!
    const x = `x${node.index}`
    out.push(`let ${x}`)
    let body: string
    if (node.leaf === undefined) {
      body = node.children.length ? `${x} = ${node.children.map((c) => `x${c}`).join(' + ')}` : `${x} = 0`
    } else {
      body = leafCode(gen, node, x)
    }
    if (node.requires !== undefined) {
      out.push(`if (!(${condCode(gen, node.item!.requires!, node.requires)})) ${x} = ${lit(node.otherwise)}`, `else {`, body, `}`)
    } else out.push(body)
    out.push(`if (${x} > ${lit(node.max)}) ${x} = ${lit(node.max)}; else if (${x} < ${lit(node.min)}) ${x} = ${lit(node.min)}`)
  }
  out.push(`return x0`)
  const source = `"use strict"\n${gen.shared.join('\n')}\nreturn function fastScore(s, ctx, T) {\n${out.join('\n')}\n}`
  return { source, helpers: h }
}

/**
 * The generated scorer, or undefined when the rubric is outside what the generator proves safe (any surprise while
 * generating disables the fast path; the general path then scores everything, with the same numbers). The function
 * carries its source text as `source`, for inspection and tests.
 */
export function generateFastScorer(nodes: readonly CompiledNode[], post: Int32Array, cc: CompileContext): FastScorer | undefined {
  let generated: GeneratedSource | undefined
  try {
    generated = generateFastScorerSource(nodes, post, cc)
  } catch {
    return undefined
  }
  if (generated === undefined) return undefined
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from the validated model only (see above)
  const factory = new Function('h', generated.source) as (h: Helpers) => FastScorer
  const scorer = factory(generated.helpers)
  Object.defineProperty(scorer, 'source', { value: generated.source, enumerable: false })
  return scorer
}

interface Gen {
  cc: CompileContext
  h: Helpers
  factVar: Map<string, string>
  out: string[]
  /** Functions declared once beside the scorer (e.g. a record filter used twice by a de-duplicating count). */
  shared: string[]
}

function readFact(fact: Fact, a: string, v: string, cc: CompileContext): string[] {
  const numeric = (lo: number | undefined, hi: number | undefined, integer: boolean) => [
    `if (typeof ${a} !== "number") return NaN`,
    `const ${v} = Math.round(${a} * 1000000)`,
    `if (${v} / 1000000 !== ${a} || ${a} >= 8589934592 || ${a} <= -8589934592) return NaN`,
    ...(lo !== undefined ? [`if (${v} < ${lit(lo)}) return NaN`] : []),
    ...(hi !== undefined ? [`if (${v} > ${lit(hi)}) return NaN`] : []),
    ...(integer ? [`if (${v} % 1000000 !== 0) return NaN`] : []),
  ]
  const n = (x: unknown) => (x === undefined ? undefined : num(cc, x as never, 'fact'))
  switch (fact.type) {
    case 'boolean':
      return [`const ${v} = ${a}`, `if (${v} !== true && ${v} !== false) return NaN`]
    case 'rate':
      return numeric(0, ONE, false)
    case 'number':
      return numeric(n(fact.min), n(fact.max), false)
    case 'integer':
      return numeric(n(fact.min), n(fact.max), true)
    case 'score':
      return fact.many ? [`return NaN`] : numeric(0, n(fact.max), false)
    case 'date':
      return [`const ${v} = typeof ${a} === "string" ? h.parseDay(${a}) : undefined`, `if (${v} === undefined) return NaN`]
    case 'enum':
      return [`const ${v} = ${a}`, `if (!(${fact.values.map((x) => `${v} === ${str(x)}`).join(' || ')})) return NaN`]
  }
}

function fieldTest(f: Field, x: string): string {
  switch (f.type) {
    case 'string':
      return `typeof ${x} === "string" && h.text(${x}, L)`
    case 'date':
      return `typeof ${x} === "string" && h.parseDay(${x}) !== undefined`
    case 'number':
      return `typeof ${x} === "number" && Number.isFinite(${x})`
    case 'integer':
      return `Number.isInteger(${x})`
    case 'boolean':
      return `typeof ${x} === "boolean"`
    case 'enum':
      return f.values.map((v) => `${x} === ${str(v)}`).join(' || ')
  }
}

/** Falls back to the compiled closure for this node (records with dedupe, quotas, linked results…). */
function callLeaf(g: Gen, node: CompiledNode, x: string): string {
  g.h.leaves.push(node.leaf!.score)
  return `${x} = h.leaves[${g.h.leaves.length - 1}](ctx)`
}

function leafCode(g: Gen, node: CompiledNode, x: string): string {
  const item = node.item as Exclude<Item, { kind: 'section' }>
  const N = (v: unknown) => num(g.cc, v as never, item.id)
  const fv = (name: string) => g.factVar.get(name)
  const decl = (name: string) => g.cc.facts[name]
  switch (item.kind) {
    case 'check': {
      const cond: Condition = item.when ?? { fact: item.fact!, is: true }
      const yes = item.points === undefined ? node.max : N(item.points)
      const no = item.else === undefined ? 0 : N(item.else)
      return `${x} = (${condCode(g, cond, undefined)}) ? ${lit(yes)} : ${lit(no)}`
    }
    case 'judged': {
      const v = fv(item.fact)
      if (!v || item.outOfRange === 'error' || decl(item.fact)?.type === 'date') return callLeaf(g, node, x)
      return `if (${v} < ${lit(node.min)} || ${v} > ${lit(node.max)}) return NaN\n${x} = ${v}`
    }
    case 'deduct': {
      const v = fv(item.fact)
      if (!v) return callLeaf(g, node, x)
      const target = N(item.target)
      const step = N(item.step)
      const points = N(item.points)
      const start = item.from === undefined ? node.max : N(item.from)
      const floor = item.floor === undefined ? node.min : N(item.floor)
      const rounding = typeof item.rounding === "object" ? String(g.cc.params[item.rounding.param]) : item.rounding
      const gap = item.direction === 'above' ? `h.sub(${v}, ${lit(target)})` : `h.sub(${lit(target)}, ${v})`
      const d = rounding === 'exact' ? `h.div(h.mul(g, ${lit(points)}), ${lit(step)})` : `h.mulInt(${lit(points)}, h.divToInteger(g, ${lit(step)}, ${str(rounding === 'ceil' ? 'ceil' : 'floor')}))`
      return `{ const g = ${gap}; ${x} = g <= 0 ? ${lit(start)} : h.max(${lit(floor)}, h.sub(${lit(start)}, ${d})) }`
    }
    case 'bands': {
      const v = fv(item.fact)
      if (!v) return callLeaf(g, node, x)
      const parts = item.bands.map((b) => {
        const edges = b.edges ?? '[)'
        const tests: string[] = []
        if (b.from !== undefined) tests.push(`${v} ${edges[0] === '[' ? '>=' : '>'} ${lit(N(b.from))}`)
        if (b.to !== undefined) tests.push(`${v} ${edges[1] === ']' ? '<=' : '<'} ${lit(N(b.to))}`)
        const value = b.times !== undefined ? `h.mul(${lit(N(b.times))}, ${v})` : lit(b.points === undefined ? 0 : N(b.points))
        return `if (${tests.join(' && ') || 'true'}) ${x} = ${value}`
      })
      return `${parts.join('\nelse ')}\nelse return NaN`
    }
    case 'count': {
      if (item.fact !== undefined) {
        const v = fv(item.fact)
        if (!v || typeof item.points === "object") return callLeaf(g, node, x)
        const cap = item.cap === undefined ? node.max : N(item.cap)
        return `${x} = h.min(${lit(cap)}, h.mulInt(${lit(N(item.points))}, Math.floor(${v} / 1000000)))`
      }
      const rt = g.cc.records[item.records!]
      const keyField = item.dedupe ? rt?.key : undefined
      if (item.dedupe && keyField === undefined) return callLeaf(g, node, x)
      const li = Object.keys(g.cc.records).indexOf(item.records!)
      const cap = item.cap === undefined ? node.max : N(item.cap)
      let pointsCode: string
      if (typeof item.points === "object" && 'by' in item.points) {
        const by = item.points.by
        const entries = Object.entries(item.points.values).map(([k, val]) => `k === ${str(k)} ? ${lit(N(val))}`)
        pointsCode = `{ const k = row[${str(by)}]; p = ${entries.join(' : ')} : NaN }`
      } else pointsCode = `p = ${lit(N(item.points))}`
      const where = Object.entries(item.where ?? {}).map(([k, want]) => {
        const vals = Array.isArray(want) ? want : [want]
        return `(${vals.map((w) => `row[${str(k)}] === ${jsValue(w)}`).join(' || ')})`
      })
      const dateField = rt?.date
      if (keyField !== undefined) {
        // One piece (same key) counts once, at its highest points: without allocating, by scanning the rows
        // before (is this piece already counted?) and after (its best points). Quadratic, so only for short
        // lists; longer ones go to the compiled closure.
        const fn = `pts${node.index}`
        g.shared.push(
          `function ${fn}(row, FROM, TO) {`,
          ...(dateField ? [`const day = h.parseDay(row[${str(dateField)}])`, `if ((FROM !== undefined && day < FROM) || (TO !== undefined && day > TO)) return -1`] : []),
          ...(where.length ? [`if (!(${where.join(' && ')})) return -1`] : []),
          `let p`,
          pointsCode,
          `return p }`,
        )
        g.h.leaves.push(node.leaf!.score)
        const closure = `h.leaves[${g.h.leaves.length - 1}]`
        const K = str(keyField)
        return [
          `{ const rows = r${li}`,
          `if (rows !== undefined && rows.length > 64) ${x} = ${closure}(ctx)`,
          `else { let sum = 0`,
          `if (rows !== undefined) for (let j = 0; j < rows.length; j++) {`,
          `const row = rows[j]; const p = ${fn}(row, FROM, TO)`,
          `if (p !== p) return NaN`,
          `if (p < 0) continue`,
          `const key = row[${K}]; let seen = false`,
          `for (let k = 0; k < j; k++) { const o = rows[k]; if (o[${K}] === key && ${fn}(o, FROM, TO) >= 0) { seen = true; break } }`,
          `if (seen) continue`,
          `let best = p`,
          `for (let m = j + 1; m < rows.length; m++) { const o = rows[m]; if (o[${K}] !== key) continue; const q = ${fn}(o, FROM, TO); if (q !== q) return NaN; if (q > best) best = q }`,
          `sum = h.add(sum, best) }`,
          `${x} = h.min(${lit(cap)}, sum) } }`,
        ].join('\n')
      }
      return [
        `{ let sum = 0; const rows = r${li}`,
        `if (rows !== undefined) for (let j = 0; j < rows.length; j++) {`,
        `const row = rows[j]`,
        ...(dateField ? [`const day = h.parseDay(row[${str(dateField)}])`, `if ((FROM !== undefined && day < FROM) || (TO !== undefined && day > TO)) continue`] : []),
        ...(where.length ? [`if (!(${where.join(' && ')})) continue`] : []),
        `let p`,
        pointsCode,
        `if (p !== p) return NaN`,
        `sum = h.add(sum, p) }`,
        `${x} = h.min(${lit(cap)}, sum) }`,
      ].join('\n')
    }
    case 'weighted': {
      const terms = item.terms.map((t) => ({ v: fv(t.fact), w: N(t.weight), many: (decl(t.fact) as { many?: boolean } | undefined)?.many === true }))
      if (terms.some((t) => !t.v || t.many)) return callLeaf(g, node, x)
      return `${x} = ${terms.map((t) => `h.mul(${t.v}, ${lit(t.w)})`).reduce((a, b) => `h.add(${a}, ${b})`)}`
    }
    default:
      return callLeaf(g, node, x)
  }
}

/** A condition as an expression; kinds other than comparisons of facts call the compiled closure. */
function condCode(g: Gen, c: Condition, compiled: CompiledCondition | undefined): string {
  const fallback = () => {
    // Lazily compiled closure for a sub-condition without generated code.
    const cc = compiled ?? compileCondition(g.cc, c)
    g.h.conds.push(cc)
    return `h.conds[${g.h.conds.length - 1}].test(ctx)`
  }
  if ('all' in c) return c.all.map((p) => `(${condCode(g, p, undefined)})`).join(' && ')
  if ('any' in c) return c.any.map((p) => `(${condCode(g, p, undefined)})`).join(' || ')
  if ('not' in c) return `!(${condCode(g, c.not, undefined)})`
  if (!('fact' in c)) return fallback()
  const v = g.factVar.get(c.fact)
  const decl = g.cc.facts[c.fact]
  if (!v || !decl) return fallback()
  if (decl.type === "boolean") return `${v} === ${c.is === undefined ? 'true' : JSON.stringify(c.is)}`
  if (decl.type === 'enum') {
    const set = c.in ?? (c.is !== undefined ? [c.is] : [])
    return set.length ? set.map((x) => `${v} === ${jsValue(x)}`).join(' || ') : 'false'
  }
  if (decl.type === 'date' || (decl.type === 'score' && decl.many)) return fallback()
  const N = (x: unknown) => lit(num(g.cc, x as never, c.fact))
  const tests: string[] = []
  if (c.is !== undefined) tests.push(`${v} === ${N(c.is)}`)
  if (c.in) tests.push(`(${c.in.map((x) => `${v} === ${N(x)}`).join(' || ')})`)
  if (c.between) tests.push(`${v} >= ${N(c.between[0])} && ${v} <= ${N(c.between[1])}`)
  if (c.atLeast !== undefined) tests.push(`${v} >= ${N(c.atLeast)}`)
  if (c.atMost !== undefined) tests.push(`${v} <= ${N(c.atMost)}`)
  if (c.above !== undefined) tests.push(`${v} > ${N(c.above)}`)
  if (c.below !== undefined) tests.push(`${v} < ${N(c.below)}`)
  return tests.join(' && ') || 'true'
}

