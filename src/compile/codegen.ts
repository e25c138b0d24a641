/**
 * The code generator: one JavaScript module per rubric, generated from the validated model (as ajv generates a
 * validator from a schema). It is the only implementation of scoring: a single subject, a cohort, `totals()` and
 * trails all run it, so they cannot disagree. The module has
 *
 * - `readFacts(st, facts, required)` and `readRecords(st, records)`: check the evidence while reading it into the
 *   state (exact values, ranges, types, unknown fields); stop at the first problem, or collect them all;
 * - `score(st)`: every item in scoring order, with 不適用, prerequisites, bounds and adjustments, recording the
 *   trail's numbers when asked (`st.TR`) and warnings when asked (`st.W`);
 * - `outcome(st)`: gates and grade prerequisites; `money(st)`: rewards and penalties; one function per quota.
 *
 * Safety: every string literal in the text is made by `jsString` (JSON, with U+2028 and U+2029 escaped), every
 * number by `lit`/`int` (safe integers only), every identifier by `local` (letters of this file and a counter) or
 * fixed here. No text of the rubric or of the evidence is ever code. What the constructs emit goes through the same
 * methods (src/kinds/kit/spec.ts, `Gen`).
 */
import type { Code } from '../diagnostics/codes'
import { formOf, kindOf, type Item } from '../kinds'
import type { Gen, NodeInfo } from '../kinds/kit/spec'
import { domainOf, literalFixed, own } from '../kinds/kit/values'
import type { Rubric } from '../kinds/rubric'
import type { DateValue, Value, Where } from '../model/common'
import { STEP_ROUNDINGS } from '../model/common'
import type { Computed, Fact, Field, RecordType } from '../model/declarations'
import { emitComputed } from '../kinds/computed'
import { refuseDivision } from '../kinds/conditions/expr'
import type { ExprNode } from '../kinds/kit/expr'
import { parseDay } from '../num/dates'
import type { Fixed } from '../num/fixed'
import { CompileError, fixed, type Layout } from './layout'

/** An enum of more values than this is looked up in a map when evidence is read, not tested value by value. */
export const LONG_ENUM = 16

/**
 * Where the generated code finds each record field's long enum (more than LONG_ENUM values): its place in `L.enums`,
 * after the facts' (by "list field" indexes). Made once per declarations.
 */
const longFields = new WeakMap<Declared, ReadonlyMap<string, number>>()
export function longEnumFields(d: Declared): ReadonlyMap<string, number> {
  let m = longFields.get(d)
  if (m === undefined) {
    const made = new Map<string, number>()
    d.lists.forEach((l, li) =>
      Object.values(l.type.fields).forEach((f, fi) => {
        if (f.type === 'enum' && f.values.length > LONG_ENUM) made.set(`${li} ${fi}`, d.facts.length + made.size)
      }),
    )
    longFields.set(d, (m = made))
  }
  return m
}

/** An enum's values by their index (the first of a repeated value), made once per list of values. */
const enumIndexes = new WeakMap<readonly string[], ReadonlyMap<string, number>>()
export function enumIndex(values: readonly string[]): ReadonlyMap<string, number> {
  let m = enumIndexes.get(values)
  if (m === undefined) {
    const made = new Map<string, number>()
    values.forEach((v, i) => made.has(v) || made.set(v, i))
    enumIndexes.set(values, (m = made))
  }
  return m
}

/** A string as a JavaScript string literal: JSON, with the line separators U+2028 and U+2029 escaped as well. */
export function jsString(s: string): string {
  if (typeof s !== 'string') throw new CompileError('codegen: not a string')
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

/** A safe integer as a JavaScript literal. */
export function lit(n: number): string {
  if (!Number.isSafeInteger(n)) throw new CompileError(`codegen: ${n} is not a safe integer`)
  return n < 0 ? `(${n})` : String(n + 0)
}


/** How the program reads each fact, record list, parameter and quota. */
export interface Declared {
  facts: { name: string; fact: Fact; count: boolean; upfront: boolean; zeroWhenMissing: boolean }[]
  factIndex: Map<string, number>
  lists: { name: string; type: RecordType }[]
  listIndex: Map<string, number>
  params: Map<string, number>
  quotas: Map<string, number>
  /** Computed values, in V after the facts (V[facts.length + j]), each computed on first use in a run. */
  computed: { name: string; decl: Computed; expr: ExprNode; count: boolean }[]
  computedIndex: Map<string, number>
}

/** Where each construct's trail numbers are. */
export interface Slots {
  /** Per node: [requires held, points before bounds]; then the kind's own slots at `kind[i]`. */
  node: Int32Array
  kind: Int32Array
  cond: Map<object, number>
  size: number
}

export interface Generated {
  source: string
  slots: Slots
  /** Tables made per set of parameter values. */
  tables: ((num: (v: Value | undefined, fallback?: Fixed) => Fixed) => unknown)[]
  /** For each threshold with `requires`, its index in st.TH (-1: none). */
  thresholds: number[]
}

const FN_NODES = 200 // nodes per generated score function: each stays small enough for the optimising compiler

/** Generates the module's text for a validated rubric. Throws CompileError for what validation should have refused. */
export function generate(rubric: Rubric, layout: Layout, d: Declared): Generated {
  const slots: Slots = { node: new Int32Array(layout.nodes.length), kind: new Int32Array(layout.nodes.length).fill(-1), cond: new Map(), size: 0 }
  const tables: Generated['tables'] = []
  const out: string[] = ['"use strict"']
  const e = new Emitter(rubric, layout, d, slots, tables)
  const fns: string[] = []

  fns.push(e.emitReadFacts(), e.emitReadRecords())

  // score: the nodes in scoring order, in functions of FN_NODES nodes
  const post = Array.from(layout.post)
  const parts: string[] = []
  for (let start = 0; start < post.length; start += FN_NODES) {
    const name = `score${parts.length}`
    parts.push(name)
    e.begin()
    for (const i of post.slice(start, start + FN_NODES)) e.emitNode(i)
    fns.push(e.end(name))
  }
  const quotaCount = (rubric.quotas ?? []).length
  fns.push(`function score(st) {\n${quotaCount ? `for (let q = 0; q < ${quotaCount}; q++) st.Q[q] = undefined\n` : ''}${parts.map((p) => `${p}(st)`).join('\n')}\n}`)

  // outcome: gates, then the prerequisites of grade thresholds
  e.begin()
  ;(rubric.gates ?? []).forEach((g, i) => {
    const ok = e.cond(g.when)
    e.line(`st.G[${i}] = ${ok} ? 1 : 0`)
  })
  // findings with a condition: after the gates in st.G
  const gateCount = (rubric.gates ?? []).length
  ;(rubric.findings ?? []).forEach((f, j) => {
    if (f.when === undefined) return
    const ok = e.cond(f.when)
    e.line(`st.G[${gateCount + j}] = ${ok} ? 1 : 0`)
  })
  const thresholds: number[] = []
  let th = 0
  const quotaGrades = new Set((rubric.grades?.quotas ?? []).map((q) => q.grade))
  for (const t of rubric.grades?.thresholds ?? []) {
    // a grade with a ranked quota is given by its quota alone: its threshold is never used
    if (t.requires === undefined || quotaGrades.has(t.grade)) {
      thresholds.push(-1)
      continue
    }
    const ok = e.cond(t.requires)
    e.line(`st.TH[${th}] = ${ok} ? 1 : 0`)
    thresholds.push(th++)
  }
  fns.push(e.end('outcome'))

  d.computed.forEach((_, j) => fns.push(e.emitComputedFn(j)))
  ;(rubric.quotas ?? []).forEach((q, k) => fns.push(e.emitQuota(q, k)))
  fns.push(e.emitMoney())

  out.push(`return { readFacts, readRecords, score, outcome, money, quotas: [${(rubric.quotas ?? []).map((_, k) => `quota${k}`).join(', ')}] }`)
  out.push(...fns)
  slots.size = e.slotCount
  // The helpers the code calls, bound once to local names (a call through a large object on every use is slower).
  const body = out.join('\n')
  const used = new Set<string>()
  for (const m of body.replace(/"(?:[^"\\]|\\.)*"/g, '""').matchAll(/\bh_([a-zA-Z]+)\b/g)) used.add(m[1]!)
  const prologue = [...used].sort().map((n) => `const h_${n} = h.${n}`)
  prologue.push('const FK = L.factNames, FI = L.factIndex')
  return { source: ['"use strict"', ...prologue, ...out.slice(1)].join('\n'), slots, tables, thresholds }
}

const PREAMBLE =
  'const V = st.V, X = st.X, S = st.S, P = st.P, K = st.K, NA = st.NA, A = st.A, AB = st.AB, C = st.C, TR = st.TR, TB = st.TB, R = st.R, RD = st.RD, FROM = st.from, TO = st.to'

class Emitter implements Gen {
  private lines: string[] = []
  private counter = 0
  slotCount = 0
  /** The construct whose slots the next `slots()` call reserves. */
  private owner: { node: number } | { cond: object } | undefined
  private current: NodeInfo = { index: 0, id: 'total', max: 0, min: 0, hi: 0 }
  readonly out = 'x'
  readonly decls: Rubric
  /** Whether every node's [min, max] adds up below 2^50, so that sums of scores need no range check. */
  readonly proven: boolean

  constructor(
    private readonly rubric: Rubric,
    private readonly layout: Layout,
    private readonly d: Declared,
    private readonly slotTable: Slots,
    private readonly tableList: Generated['tables'],
  ) {
    this.decls = rubric
    let bound = 0
    for (const n of layout.nodes) bound += Math.abs(n.hi) + Math.abs(n.min)
    this.proven = bound <= 2 ** 50
  }

  get node(): NodeInfo {
    return this.current
  }

  begin(): void {
    this.lines = []
  }

  end(name: string): string {
    return `function ${name}(st) {\n${PREAMBLE}\n${this.lines.join('\n')}\n}`
  }

  line(code: string): void {
    this.lines.push(code)
  }

  local(hint: string): string {
    return `${/^[a-z]{1,8}$/i.test(hint) ? hint : 'v'}_${this.counter++}`
  }

  lit(v: Fixed): string {
    return lit(v)
  }

  int(n: number): string {
    return lit(n)
  }

  str(s: string): string {
    return jsString(s)
  }

  path(...segments: (string | number)[]): string {
    return `[${segments.map((s) => (typeof s === 'number' ? lit(s) : jsString(s))).join(', ')}]`
  }

  helper(name: string): string {
    if (!/^[a-zA-Z]+$/.test(name)) throw new CompileError(`codegen: bad helper name ${name}`)
    return `h_${name}`
  }

  private param(v: unknown): number | undefined {
    if (v === null || typeof v !== 'object' || !('param' in v)) return undefined
    const k = this.d.params.get((v as { param: string }).param)
    if (k === undefined) throw new CompileError(`unknown parameter ${(v as { param: string }).param}`)
    return k
  }

  num(v: Value | undefined, fallback?: Fixed): string {
    if (v === undefined) {
      if (fallback === undefined) throw new CompileError('codegen: a value is missing')
      return lit(fallback)
    }
    const p = this.param(v)
    if (p !== undefined) return `P[${p}]`
    return lit(fixed(v, 'a value'))
  }

  rounding(v: unknown): string {
    const p = this.param(v)
    if (p !== undefined) return `P[${p}]`
    const i = STEP_ROUNDINGS.indexOf(v as string)
    if (i < 0) throw new CompileError(`unknown rounding ${String(v)}`)
    return String(i)
  }

  day(v: DateValue): string {
    const p = this.param(v)
    if (p !== undefined) return `P[${p}]`
    if (typeof v === 'string' && v.startsWith('--')) return `h_yearly(st, ${lit(Number(v.slice(2, 4)))}, ${lit(Number(v.slice(5, 7)))})`
    const day = parseDay(v as string)
    if (day === undefined) throw new CompileError(`${String(v)} is not a date`)
    return lit(day)
  }

  bind(make: Generated['tables'][number]): string {
    this.tableList.push(make)
    return `K[${this.tableList.length - 1}]`
  }

  private fact(name: string) {
    const k = this.d.factIndex.get(name)
    if (k === undefined) throw new CompileError(`unknown fact ${name}`)
    return { k, ...this.d.facts[k]! }
  }

  number(name: string): string {
    const j = this.d.computedIndex.get(name)
    if (j !== undefined) {
      const k = this.d.facts.length + j
      return `(V[${k}] === V[${k}] ? V[${k}] : computed${j}(st))`
    }
    const f = this.fact(name)
    return f.upfront ? `V[${f.k}]` : `(V[${f.k}] === V[${f.k}] ? V[${f.k}] : h_absent(st, ${f.k}))`
  }

  count(name: string): string {
    return `Math.floor(${this.number(name)} / 1000000)`
  }

  boolean(name: string): string {
    const f = this.fact(name)
    return f.upfront ? `V[${f.k}] === 1` : `(V[${f.k}] === V[${f.k}] ? V[${f.k}] === 1 : h_absentBool(st, ${f.k}))`
  }

  enumIn(name: string, values: readonly string[]): string {
    const f = this.fact(name)
    if (f.fact.type !== 'enum') throw new CompileError(`fact ${name} is not an enum`)
    const index = enumIndex(f.fact.values)
    const idx = [...new Set(values.map((v) => index.get(v) ?? -1).filter((i) => i >= 0))]
    const test = idx.length ? idx.map((i) => `V[${f.k}] === ${lit(i)}`).join(' || ') : 'false'
    return f.upfront ? `(${test})` : `(V[${f.k}] === V[${f.k}] ? (${test}) : h_absentEnum(st, ${f.k}))`
  }

  enumIndex(name: string): string {
    const f = this.fact(name)
    return `(V[${f.k}] === V[${f.k}] ? V[${f.k}] : -1)`
  }

  date(name: string): string {
    const f = this.fact(name)
    return f.upfront || f.zeroWhenMissing ? `V[${f.k}]` : `(V[${f.k}] === V[${f.k}] ? V[${f.k}] : h_absentDate(st, ${f.k}))`
  }

  score(name: string, combine: 'sum' | 'mean' | 'min' | 'max'): string {
    if (this.d.computedIndex.has(name)) return this.number(name)
    const f = this.fact(name)
    if (f.fact.type !== 'score') return this.number(name)
    if (f.fact.many) return `(X[${f.k}] !== undefined ? h_combine(X[${f.k}], ${jsString(combine)}) : h_absentScore(st, ${f.k}))`
    return f.upfront ? `V[${f.k}]` : `(V[${f.k}] === V[${f.k}] ? V[${f.k}] : h_absentScore(st, ${f.k}))`
  }

  asOf(what: string): string {
    return `(st.asOf === st.asOf ? st.asOf : h_needAsOf(st, ${jsString(what)}))`
  }

  private list(name: string): { li: number; type: RecordType } {
    const li = this.d.listIndex.get(name)
    if (li === undefined) throw new CompileError(`unknown records ${name}`)
    return { li, type: this.d.lists[li]!.type }
  }

  rows(list: string, span: boolean, body: (row: string, j: string) => void): void {
    const { li, type } = this.list(list)
    const [rows, days, row, j] = [this.local('rows'), this.local('days'), this.local('row'), this.local('j')]
    this.line(`{ const ${rows} = R[${li}]; if (${rows} !== undefined) { const ${days} = RD[${li}]`)
    this.line(`for (let ${j} = 0; ${j} < ${rows}.length; ${j}++) {`)
    if (span && type.date !== undefined) this.line(`if (${days}[${j}] < FROM || ${days}[${j}] > TO) continue`)
    this.line(`const ${row} = ${rows}[${j}]`)
    body(row, j)
    this.line('} } }')
  }

  recordDay(list: string, j: string): string {
    const { li } = this.list(list)
    return `RD[${li}][${j}]`
  }

  private field(list: string, name: string): Field {
    const f = own(this.list(list).type.fields, name)
    if (f === undefined) throw new CompileError(`records ${list} have no field ${name}`)
    return f
  }

  /** A record field's value as compared: Fixed for numbers, a day for dates, else as given. */
  fieldValue(list: string, name: string, row: string): string {
    const f = this.field(list, name)
    const at = `${row}[${jsString(name)}]`
    if (f.type === 'number' || f.type === 'integer') return `h_fx(${at})`
    if (f.type === 'date') return `h_parseDay(${at})`
    return at
  }

  where(list: string, where: Where | undefined, row: string): string {
    if (where === undefined) return 'true'
    const tests = Object.entries(where).map(([name, want]) => {
      const f = this.field(list, name)
      const wants = (Array.isArray(want) ? want : [want])
        .map((w): string | undefined => {
          if (f.type === 'number' || f.type === 'integer') {
            const x = literalFixed(w)
            return x === undefined ? undefined : lit(x)
          }
          if (f.type === 'date') {
            const x = typeof w === 'string' ? parseDay(w) : undefined
            return x === undefined ? undefined : lit(x)
          }
          return typeof w === 'string' ? jsString(w) : typeof w === 'boolean' ? String(w) : lit(w)
        })
        .filter((x): x is string => x !== undefined)
      if (!wants.length) return 'false'
      if (wants.length === 1) return `${this.fieldValue(list, name, row)} === ${wants[0]}`
      const v = this.local('w')
      this.line(`const ${v} = ${this.fieldValue(list, name, row)}`)
      return `(${wants.map((w) => `${v} === ${w}`).join(' || ')})`
    })
    return tests.length ? tests.join(' && ') : 'true'
  }

  points(list: string, points: Value | { by: string; values: Record<string, Value> }, row: string, j: string, itemId: string): string {
    if (typeof points !== 'object' || !('by' in points)) return this.num(points as Value)
    const field = this.field(list, points.by)
    const keyOf = (k: string): unknown =>
      field.type === 'number' || field.type === 'integer' ? (literalFixed(k) ?? k) : field.type === 'boolean' ? (k === 'true' ? true : k === 'false' ? false : k) : field.type === 'date' ? (parseDay(k) ?? k) : k
    const table = this.bind((num) => new Map(Object.entries(points.values).map(([k, v]) => [keyOf(k), num(v)])))
    const names = Object.keys(points.values)
    const p = this.local('p')
    const shown = `h_show(${row}[${jsString(points.by)}])`
    this.line(`const ${p} = h_pick(${table}, ${this.fieldValue(list, points.by, row)})`)
    this.line(
      `if (${p} === undefined) ${this.refuse('EVIDENCE_INVALID', `${jsString(`Record ${list}[`)} + ${j} + ${jsString(`] has ${points.by} = `)} + ${shown} + ${jsString(`, which has no points in item ${itemId}; use one of ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}.`)}`, `[${jsString('records')}, ${jsString(list)}, ${j}, ${jsString(points.by)}]`)}`,
    )
    return p
  }

  scratch(): [string, string] {
    return ['st.KS', 'st.PS']
  }

  key(list: string, row: string): string {
    const key = this.list(list).type.key
    if (key === undefined) throw new CompileError(`records ${list} declare no key`)
    return this.fieldValue(list, key, row)
  }

  cond(c: unknown): string {
    const form = formOf(c)
    const saved = this.owner
    this.owner = { cond: c as object }
    try {
      return form.emit(c, this)
    } finally {
      this.owner = saved
    }
  }

  quota(id: string): string {
    const k = this.d.quotas.get(id)
    if (k === undefined) throw new CompileError(`unknown quota ${id}`)
    return `quota${k}(st)`
  }

  score_of(id: string): string {
    if (id === 'total') return 'S[0]'
    const i = this.layout.index.get(id)
    if (i === undefined) throw new CompileError(`unknown item ${id}`)
    return `S[${i}]`
  }

  slots(n: number): (i: number, expr: string) => void {
    const base = this.slotCount
    this.slotCount += n
    const owner = this.owner
    if (owner === undefined) throw new CompileError('codegen: slots outside a construct')
    if ('node' in owner) this.slotTable.kind[owner.node] = base
    else this.slotTable.cond.set(owner.cond, base)
    this.owner = undefined // one reservation per construct
    return (i, expr) => {
      if (i < 0 || i >= n) throw new CompileError('codegen: slot out of range')
      this.line(`if (TR !== null) TR[TB + ${base + i}] = ${expr}`)
    }
  }

  refuse(code: Code, message: string, path: string): string {
    return `throw h_refuse(st, ${lit(this.current.index)}, ${jsString(code)}, ${message}, ${path})`
  }

  warn(code: Code, message: string, path: string): string {
    return `if (st.W !== null) h_warn(st, ${jsString(code)}, ${message}, ${path})`
  }

  sectionSum(): string {
    const node = this.layout.nodes[this.current.index]!
    // Every score is kept within its [min, max]: when those add up far below 2^53, plain + is exact.
    const sum = node.children.length ? node.children.map((c) => `S[${c}]`).reduce((a, b) => (this.proven ? `${a} + ${b}` : `h_add(${a}, ${b})`)) : '0'
    return `(NA === null ? ${sum} : h_section(st, ${lit(node.index)}))`
  }

  /** The statements of one node: 不適用, prerequisite, rule, bounds, adjustment. */
  emitNode(i: number): void {
    const n = this.layout.nodes[i]!
    this.current = { index: i, id: n.id, max: n.max, min: n.min, hi: n.hi }
    const base = this.slotCount
    this.slotTable.node[i] = base
    this.slotCount += 2
    const item = n.item as Item | undefined
    const section = n.kind === 'section'
    // 不適用: marked so (or inside a section so marked), or a section whose every item is dropped.
    if (section) this.line(`if (NA !== null && (NA[${i}] === 1 || h_dropped(st, ${lit(i)}))) { NA[${i}] = 1; S[${i}] = 0 }`)
    else this.line(`if (NA !== null && NA[${i}] === 1) S[${i}] = 0`)
    this.line('else {')
    this.line('let x')
    let close = ''
    if (item?.requires !== undefined) {
      const ok = this.cond(item.requires)
      this.line(`if (TR !== null) TR[TB + ${base}] = ${ok} ? 1 : 0`)
      this.line(`if (!${ok}) x = ${lit(n.otherwise)}`)
      this.line('else {')
      close = '}'
    }
    // The total is never 不適用 itself: with every item dropped it is 0 (and its adjustment still applies).
    if (n.kind === 'total') this.line(`x = ${this.sectionSum()}; if (x !== x) x = 0`)
    else {
      this.owner = { node: i }
      kindOf(item!).emit(item, this)
      this.owner = undefined
    }
    this.line(close)
    this.line(`if (TR !== null) TR[TB + ${base + 1}] = x`)
    // Every item is kept within its [min, max]; the total is its items' sum (its bounds hold for adjustments only).
    if (i !== 0) this.line(`if (x > ${lit(n.hi)}) x = ${lit(n.hi)}; else if (x < ${lit(n.min)}) x = ${lit(n.min)}`)
    this.line(`if (A !== null) { const a = A[${i}], b = AB[${i}]; if (a === a || b === b) { C[${i}] = x; x = a === a ? a : h_add(x, b); if (x > ${lit(n.hi)} || x < ${lit(n.min)}) h_badAdjustment(st, ${i}, x) } }`)
    this.line(`S[${i}] = x`)
    this.line('}')
  }

  // --- reading the evidence -------------------------------------------------------------------------------------

  /**
   * `readFacts`: one pass over the keys the evidence gives (for…in reads each value by the object's own layout, where a
   * load by name from objects of many shapes is slow), each key found by its expected position (the rubric's order)
   * or else by name; then the required facts not given. A value that fails its check marks its fact as given (V = 0:
   * the subject is refused, the value is never used) so that it is not also reported missing.
   */
  emitReadFacts(): string {
    const lines: string[] = []
    const L = (s: string) => lines.push(s)
    const facts = this.d.facts
    const anyRequired = facts.some((f) => f.upfront)
    L(`function readFacts(st, f, req) {`)
    L(`const V = st.V, X = st.X`)
    L(`V.fill(NaN)`)
    facts.forEach((f, k) => f.fact.type === 'score' && f.fact.many && L(`X[${k}] = undefined`))
    L(`if (st.W !== null) st.warned.fill(0)`)
    L(`if (f === undefined) return ${anyRequired ? 'req ? (h_bad(st, L.missingFacts(st)), false) : true' : 'true'}`)
    L(`if (typeof f !== "object" || f === null || Array.isArray(f) || !h_plain(f)) { h_bad(st, L.notMapping(st, "facts", f, ["facts"])); return false }`)
    L(`let ok = true, other = false, p = 0, k, a, v`)
    L(`for (const key in f) {`)
    L(`if (key === FK[p]) k = p; else { k = FI.get(key); if (k === undefined) { other = true; continue } }`)
    L(`p = k + 1`)
    L(`a = f[key]`)
    L(`if (a === undefined) continue`)
    L(`switch (k) {`)
    facts.forEach((info, k) => {
      const { fact } = info
      L(`case ${k}:`)
      const fail = `{ if (!h_bad(st, h_factProblem(st, ${k}, a))) return false; ok = false; V[${k}] = 0 }`
      switch (fact.type) {
        case 'boolean':
          L(`if (a === true) V[${k}] = 1; else if (a === false) V[${k}] = 0; else ${fail}`)
          break
        case 'date':
          L(`v = typeof a === "string" ? h_parseDay(a) : NaN`)
          L(`if (v === v) V[${k}] = v; else ${fail}`)
          break
        case 'enum': {
          const values = fact.values
          const test = values.length <= 16 ? values.map((x, i) => `a === ${jsString(x)} ? ${lit(i)} : `).join('') + '-1' : `(typeof a === "string" ? (L.enums[${k}].get(a) ?? -1) : -1)`
          L(`v = ${test}`)
          L(`if (v >= 0) V[${k}] = v; else ${fail}`)
          break
        }
        case 'score':
          if (fact.many) {
            L(`{ const list = L.readMany(st, ${k}, a)`)
            L(`if (list === undefined) { if (st.problems === null) return false; ok = false; V[${k}] = 0 } else { X[${k}] = list; V[${k}] = 0 } }`)
            break
          }
          L(`if (a !== null && typeof a === "object" && !Array.isArray(a)) { v = L.linked(st, ${k}, a); if (v === v) V[${k}] = v; else { if (st.problems === null) return false; ok = false; V[${k}] = 0 } } else {`)
          this.readNumber(L, info, k, fail)
          L('}')
          break
        default:
          this.readNumber(L, info, k, fail)
      }
      L('break')
    })
    L(`}`)
    L(`}`)
    const required = facts.flatMap((f, k) => (f.upfront ? [k] : []))
    if (required.length) {
      L(`if (req) {`)
      for (const k of required) L(`if (V[${k}] !== V[${k}]) { if (!h_bad(st, L.missingFact(st, ${k}))) return false; ok = false }`)
      L(`}`)
    }
    L(`if (other && !L.unknownKeys(st, f, 0)) ok = false`)
    L(`return ok`)
    L(`}`)
    return lines.join('\n')
  }

  /** A number or decimal string, exact to 6 places, within its range. */
  private readNumber(L: (s: string) => void, info: Declared['facts'][number], k: number, fail: string): void {
    const { fact } = info
    const range = domainOf(fact) ?? { lo: undefined, hi: undefined, integer: false }
    L(`if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }`)
    if (fact.type === 'rate') L(`else if (typeof a === "string") v = h_rateText(a)`)
    else if (fact.type !== 'integer') L(`else if (typeof a === "string") v = h_decimalText(a)`)
    L(`else v = NaN`)
    const tests = ['v !== v']
    if (range.lo !== undefined) tests.push(`v < ${lit(range.lo)}`)
    if (range.hi !== undefined) tests.push(`v > ${lit(range.hi)}`)
    if (range.integer) tests.push('v % 1000000 !== 0')
    if (info.count && range.lo === undefined) tests.push('v < 0')
    L(`if (${tests.join(' || ')}) ${fail}`)
    L(`else V[${k}] = v`)
  }

  emitReadRecords(): string {
    const lines: string[] = []
    const L = (s: string) => lines.push(s)
    const lists = this.d.lists
    L(`function readRecords(st, rs) {`)
    L(`const R = st.R, RD = st.RD`)
    L(`for (let i = 0; i < ${lists.length}; i++) R[i] = undefined`)
    L(`if (rs === undefined) return true`)
    L(`if (typeof rs !== "object" || rs === null || Array.isArray(rs) || !h_plain(rs)) { h_bad(st, L.notMapping(st, "records", rs, ["records"])); return false }`)
    L(`let n = 0, ok = true, total = 0, x, v`)
    lists.forEach(({ name, type }, li) => {
      const fields = Object.entries(type.fields)
      const required = new Set([type.key, type.date].filter((f): f is string => f !== undefined))
      L(`{ const rows = rs[${jsString(name)}]`)
      L(`if (rows !== undefined) {`)
      L(`n++`)
      L(`if (!Array.isArray(rows)) { if (!h_bad(st, L.notList(st, ${li}, rows))) return false; ok = false }`)
      L(`else {`)
      L(`total += rows.length`)
      L(`if (total > st.maxRecords) { h_bad(st, L.tooMany(st, total)); return false }`)
      L(`let D = RD[${li}]; if (D.length < rows.length) D = RD[${li}] = new Float64Array(Math.max(rows.length, 2 * D.length))`)
      L(`for (let j = 0; j < rows.length; j++) {`)
      L(`const row = rows[j]`)
      L(`if (typeof row !== "object" || row === null || Array.isArray(row) || !h_plain(row)) { if (!h_bad(st, L.notRow(st, ${li}, j, row))) return false; ok = false; continue }`)
      L(`let c = 0`)
      fields.forEach(([field, f], fi) => {
        const fail = `{ if (!h_bad(st, L.fieldProblem(st, ${li}, j, ${lit(fi)}, x))) return false; ok = false }`
        L(`x = row[${jsString(field)}]`)
        L(`if (x === undefined) {${required.has(field) ? ` if (!h_bad(st, L.missingField(st, ${li}, j, ${jsString(field)}))) return false; ok = false` : ''} }`)
        L(`else { c++`)
        switch (f.type) {
          case 'string':
            L(`if (!(typeof x === "string" && h_text(x, st.maxString))) ${fail}`)
            break
          case 'date':
            L(`v = h_parseDay(x); if (v !== v) ${fail}${field === type.date ? '; D[j] = v' : ''}`)
            break
          case 'number':
            L(`v = h_fx(x); if (v !== v) ${fail}`)
            break
          case 'integer':
            L(`if (!(typeof x === "number" && Number.isInteger(x) && x < 8589934592 && x > -8589934592)) ${fail}`)
            break
          case 'boolean':
            L(`if (x !== true && x !== false) ${fail}`)
            break
          case 'enum':
            // A long list is a map in L.enums (after the facts'): one look-up per record, however many values.
            if (f.values.length > LONG_ENUM) L(`if (L.enums[${lit(longEnumFields(this.d).get(`${li} ${fi}`)!)}].get(x) === undefined) ${fail}`)
            else L(`if (!(${f.values.map((v) => `x === ${jsString(v)}`).join(' || ') || 'false'})) ${fail}`)
            break
        }
        L('}')
      })
      if (type.date === undefined) L(`D[j] = NaN`)
      L(`let m = 0`)
      L(`for (const _ in row) m++`)
      L(`if (m !== c && !L.unknownRowKeys(st, ${li}, j, row)) { if (st.problems === null) return false; ok = false }`)
      L(`}`)
      L(`R[${li}] = rows`)
      L(`} } }`)
    })
    L(`let c = 0`)
    L(`for (const _ in rs) c++`)
    L(`if (c !== n && !L.unknownKeys(st, rs, 1)) ok = false`)
    L(`return ok`)
    L(`}`)
    return lines.join('\n')
  }

  /** `computed<j>(st)`: the computed value j for this run, stored in V after the facts (see kinds/computed.ts). */
  emitComputedFn(j: number): string {
    this.begin()
    this.current = { index: 0, id: 'total', max: 0, min: 0, hi: 0 }
    const { name, decl, expr, count } = this.d.computed[j]!
    this.owner = { cond: decl }
    const path = this.path()
    const v = emitComputed(
      decl,
      expr,
      this,
      (divisor) => refuseDivision(this, `Computed value ${name} = ${decl.expr}`, divisor),
      (x) => this.refuse('EVIDENCE_OUT_OF_RANGE', `${jsString(`Computed value ${name} = ${decl.expr} is `)} + h_T(${x}) + ${jsString(`, outside its declared range${decl.min !== undefined ? ` min ${String(decl.min)}` : ''}${decl.max !== undefined ? ` max ${String(decl.max)}` : ''}.`)}`, path),
    )
    // a value read as a count (faults, pieces) is never negative unless its declared min allows it, as for a fact
    if (count && decl.min === undefined)
      this.line(`if (${v} < 0) ${this.refuse('EVIDENCE_OUT_OF_RANGE', `${jsString(`Computed value ${name} = ${decl.expr} is `)} + h_T(${v}) + ${jsString(', but it counts something and cannot be negative (declare min to allow it).')}`, path)}`)
    this.owner = undefined
    this.line(`return V[${this.d.facts.length + j}] = ${v}`)
    return this.end(`computed${j}`)
  }

  // --- quotas and money -------------------------------------------------------------------------------------------

  emitQuota(q: NonNullable<Rubric['quotas']>[number], k: number): string {
    this.begin()
    this.current = { index: 0, id: 'total', max: 0, min: 0, hi: 0 }
    // distinct: true, or a boolean parameter (keys gathered whenever it may be set; used when it is)
    const key = q.distinct !== undefined && q.distinct !== false ? this.list(q.records).type.key : undefined
    const distinct = typeof q.distinct === 'object' ? `${this.num(q.distinct)} === 1 ? keys : undefined` : 'keys'
    this.line(`if (st.Q[${k}] !== undefined) return st.Q[${k}]`)
    this.line(`const days = []${key !== undefined ? ', keys = []' : ''}`)
    this.rows(q.records, true, (row, j) => {
      this.line(`if (!(${this.where(q.records, q.where, row)})) continue`)
      this.line(`days.push(${this.recordDay(q.records, j)})`)
      if (key !== undefined) this.line(`keys.push(${this.key(q.records, row)})`)
    })
    const overrides = this.bind((num) => new Map(Object.entries(q.overrides ?? {}).map(([id, v]) => [id, Math.floor(num(v) / 1_000_000)])))
    this.line(`const own = ${overrides}.get(st.scope.subject)`)
    this.line(`const required = own !== undefined ? own : Math.floor(${this.num(q.atLeast)} / 1000000)`)
    this.line(`return h_quota(st, ${lit(k)}, ${jsString(q.id)}, required, own !== undefined, ${key !== undefined ? distinct : 'undefined'}, days, ${q.per !== undefined ? jsString(q.per) : 'undefined'})`)
    const body = this.end(`quota${k}`)
    return body
  }

  emitMoney(): string {
    this.begin()
    this.current = { index: 0, id: 'total', max: 0, min: 0, hi: 0 }
    const money = this.rubric.money
    this.line('const rewards = [], penalties = []')
    ;(money?.rewards ?? []).forEach((r) => {
      const key = r.dedupe ? this.list(r.records).type.key : undefined
      const table = this.bind((num) => new Map(Object.entries(r.amounts).map(([k, v]) => [k, num(v)])))
      const [keys, cats, amounts] = [this.local('keys'), this.local('cats'), this.local('amounts')]
      this.line(`const ${keys} = [], ${cats} = [], ${amounts} = []`)
      this.rows(r.records, true, (row, j) => {
        this.line(`if (!(${this.where(r.records, r.where, row)})) continue`)
        const cat = this.local('cat')
        const amount = this.local('amount')
        this.line(`const ${cat} = String(${row}[${jsString(r.category)}])`)
        this.line(`const ${amount} = ${table}.get(${cat})`)
        this.line(
          `if (${amount} === undefined) ${this.refuse('EVIDENCE_INVALID', `${jsString(`Record ${r.records}[`)} + ${j} + ${jsString(`]: ${r.category} = `)} + h_show(${row}[${jsString(r.category)}]) + ${jsString(` has no amount in ${r.id}; use one of ${Object.keys(r.amounts).slice(0, 12).join(', ')}.`)}`, `[${jsString('records')}, ${jsString(r.records)}, ${j}, ${jsString(r.category)}]`)}`,
        )
        this.line(`${keys}.push(${key !== undefined ? this.key(r.records, row) : j}); ${cats}.push(${cat}); ${amounts}.push(${amount})`)
      })
      this.line(`rewards.push({ keys: ${keys}, cats: ${cats}, amounts: ${amounts} })`)
    })
    ;(money?.penalties ?? []).forEach((p) => {
      if (p.quota !== undefined) this.line(`penalties.push({ amount: ${this.num(p.amount)}, n: ${this.quota(p.quota)}.shortfall })`)
      else this.line(`penalties.push({ amount: ${this.num(p.amount)}, n: ${this.count(p.fact!)} })`)
    })
    this.line('return { rewards, penalties }')
    return this.end('money')
  }
}
