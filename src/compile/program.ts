/**
 * Compiles a validated rubric into a Program: the item tree laid out, the generated module (codegen.ts) with its
 * helpers, and what is needed to bind parameter values and to read trails back. Compile once, evaluate many: a
 * program serves every evaluation, whatever its parameter values (they are inputs of a run, not of the code).
 * A rubric that passed validation always compiles; anything that goes wrong here is a diagnostic.
 */
import { makeDiagnostic, type Result } from '../diagnostics/diagnostic'
import { fail, ok } from '../diagnostics/diagnostic'
import { literalFixed } from '../kinds/kit/values'
import type { Rubric } from '../kinds/rubric'
import { STEP_ROUNDINGS } from '../model/common'
import { parseDay } from '../num/dates'
import type { Fixed } from '../num/fixed'
import { collectRefs, type Ref } from '../validate/refs'
import { scanRubric } from '../validate/walk'
import { Rubric as RubricSchema } from '../kinds/rubric'
import { exprNames, isExprError, parseCached } from '../kinds/kit/expr'
import { computedChains, MAX_COMPUTED_DEPTH } from '../kinds/computed'
import { generate, longEnumFields, type Declared, type Generated, type Slots } from './codegen'
import { requiredFacts } from './evidence-schema'
import { CompileError, fixed, layoutTree, type Layout } from './layout'
import { checkOverrides, resolveParams, type ParamValue } from './params'
import { computedGiven, factProblem, fieldProblem, missingFact, missingFacts, missingField, notList, notMapping, show, tooManyRecords, unknownField } from './problems'
import { collect, exactNumber, makeHelpers, type Helpers, type QuotaOutcome, type RunState } from './runtime'

/** The functions of the generated module. */
export interface Module {
  readFacts(st: RunState, facts: unknown, required: boolean): boolean
  readRecords(st: RunState, records: unknown): boolean
  score(st: RunState): void
  outcome(st: RunState): void
  money(st: RunState): { rewards: { keys: unknown[]; cats: string[]; amounts: Fixed[] }[]; penalties: { amount: Fixed; n: number }[] }
  quotas: ((st: RunState) => QuotaOutcome)[]
}

/** Parameter values bound for evaluations: the values, their encoding for the generated code, and the tables made from them. */
export interface Bound {
  readonly values: Readonly<Record<string, ParamValue>>
  readonly P: Float64Array
  readonly K: unknown[]
}

export interface Program {
  readonly rubric: Rubric
  readonly layout: Layout
  readonly declared: Declared
  readonly module: Module
  readonly h: Helpers
  readonly slots: Slots
  /** For each grade threshold, its index among the prerequisites evaluated (st.TH), or -1. */
  readonly thresholds: readonly number[]
  /** Some grade threshold has a prerequisite (evaluated by `outcome`). */
  readonly hasPrerequisites: boolean
  readonly rounding: { places: number; mode: 'half-up' | 'half-even' | 'half-down' | 'up' | 'down' | 'ceil' | 'floor' }
  readonly period: { from: number | undefined; to: number | undefined }
  /** The generated source, for inspection and tests. */
  readonly source: string
  /** The parameters at their defaults. */
  readonly defaults: Bound
  /** The items that read each fact (their own rule, prerequisite or condition), for evidence diagnostics. */
  readonly factUsers: ReadonlyMap<string, readonly string[]>
  /**
   * Parameter overrides bound (checked against the rubric's rules). A cache keeps the BIND_CACHE sets used most
   * recently (and what binding them gave), so that calls with a few recurring sets bind each once.
   */
  bind(overrides: Readonly<Record<string, unknown>> | undefined): Result<Bound>
}


/** How many sets of parameter overrides a program keeps bound (least recently used dropped first). */
export const BIND_CACHE = 16

/** The items that read each fact: a reference at items[…][…] belongs to the item whose path it extends. */
function factUsers(refs: readonly Ref[], layout: Layout): Map<string, string[]> {
  const byPath = new Map(layout.nodes.slice(1).map((n) => [JSON.stringify(n.path), n.id]))
  const users = new Map<string, string[]>()
  const listed = new Set<string>() // "fact item" pairs already listed: one look-up per reference
  for (const r of refs) {
    if (r.kind !== 'fact' || r.path[0] !== 'items') continue
    let end = r.path.length
    while (end > 1 && !(r.path[end - 2] === 'items' && typeof r.path[end - 1] === 'number' && byPath.has(JSON.stringify(r.path.slice(0, end))))) end--
    const id = byPath.get(JSON.stringify(r.path.slice(0, end)))
    if (id === undefined) continue
    const pair = JSON.stringify([r.name, id])
    if (listed.has(pair)) continue
    listed.add(pair)
    const list = users.get(r.name)
    if (list === undefined) users.set(r.name, [id])
    else list.push(id)
  }
  return users
}

/** How the compiler reads the rubric's declarations: indices, and facts used as counts. */
function declare(rubric: Rubric, refs: readonly Ref[]): Declared {
  // The same references the validator checked; only the roles are kept here.
  const counts = new Set(refs.flatMap((r) => (r.kind === 'fact' && r.role === 'count' ? [r.name] : [])))
  const upfront = new Set(requiredFacts(rubric))
  const zero = rubric.missing === 'zero'
  const facts = Object.entries(rubric.facts ?? {}).map(([name, fact]) => ({ name, fact, count: counts.has(name), upfront: upfront.has(name), zeroWhenMissing: zero || fact.required === false }))
  const lists = Object.entries(rubric.records ?? {}).map(([name, type]) => ({ name, type }))
  const computed = Object.entries(rubric.computed ?? {}).map(([name, decl]) => {
    const expr = parseCached(decl.expr)
    if (isExprError(expr)) throw new CompileError(`computed value ${name}: ${expr.message}`)
    return { name, decl, expr, count: counts.has(name) }
  })
  // each computed value is worked out inside the one that reads it: no circle, and no chain deeper than the limit
  // (validation says so with its place; a rubric compiled unchecked is refused here instead of overflowing the stack)
  const byName = new Map(computed.map((c) => [c.name, c]))
  const chains = computedChains(byName.keys(), (name) => exprNames(byName.get(name)!.expr).map((n) => n.name).filter((n) => byName.has(n)))
  if (chains.circles.length) throw new CompileError(`computed values read each other: ${chains.circles[0]!.join(' → ')}`)
  if (chains.tooDeep) throw new CompileError(`computed value ${chains.tooDeep.name} reads a chain of more than ${MAX_COMPUTED_DEPTH} computed values`)
  return {
    facts,
    computed,
    computedIndex: new Map(computed.map((c, j) => [c.name, j])),
    factIndex: new Map(facts.map((f, k) => [f.name, k])),
    lists,
    listIndex: new Map(lists.map((l, li) => [l.name, li])),
    params: new Map(Object.keys(rubric.params ?? {}).map((name, k) => [name, k])),
    quotas: new Map((rubric.quotas ?? []).map((q, k) => [q.id, k])),
  }
}

/** The object the generated code reads as `L`: problem builders bound to the rubric's declarations. */
function layoutObject(d: Declared) {
  const factNames = d.facts.map((f) => f.name)
  const listNames = d.lists.map((l) => l.name)
  // each record list's fields: names, by name, and declarations (in the order readRecords numbers them)
  const rows = d.lists.map((l) => {
    const entries = Object.entries(l.type.fields)
    return { entries, names: entries.map(([name]) => name), allowed: new Map(entries.map(([name], i) => [name, i])) }
  })
  const unknownIn = (st: RunState, obj: Record<string, unknown>, allowed: ReadonlyMap<string, number>, names: readonly string[], container: (string | number)[]): boolean => {
    let clean = true
    for (const key in obj) {
      const own_ = Object.prototype.hasOwnProperty.call(obj, key)
      if (own_ && allowed.has(key)) continue
      clean = false
      // a computed value given in the facts: the rubric works it out itself
      const j = container[container.length - 1] === 'facts' && own_ ? d.computedIndex.get(key) : undefined
      const d_ = j !== undefined ? computedGiven(st.scope, container, key, d.computed[j]!.decl.expr) : unknownField(st.scope, container, key, names)
      if (!collect(st, d_)) return false
    }
    return clean
  }
  return {
    /** Fact names by index, and indexes by name (readFacts finds each given key by them). */
    factNames,
    factIndex: d.factIndex,
    /** Each enum fact's values by index (by fact index), then each long enum field's (codegen's longEnumFields). */
    enums: [
      ...d.facts.map((f) => (f.fact.type === 'enum' ? new Map(f.fact.values.map((v, i) => [v, i] as const).reverse()) : undefined)),
      ...[...longEnumFields(d).keys()].map((at) => {
        const [li, fi] = at.split(' ').map(Number)
        const f = rows[li!]!.entries[fi!]![1] as { values: readonly string[] }
        return new Map(f.values.map((v, i) => [v, i] as const).reverse())
      }),
    ],
    missingFacts: (st: RunState) => missingFacts(st.scope, d.facts.filter((f) => f.upfront).map((f) => f.name)),
    missingFact: (st: RunState, k: number) => missingFact(st.scope, d.facts[k]!.name),
    notMapping: (st: RunState, what: string, value: unknown, path: (string | number)[]) => notMapping(st.scope, what, value, path),
    notList: (st: RunState, li: number, value: unknown) => notList(st.scope, `record list "${d.lists[li]!.name}"`, value, ['records', d.lists[li]!.name]),
    notRow: (st: RunState, li: number, j: number, value: unknown) => notMapping(st.scope, `record ${d.lists[li]!.name}[${j}]`, value, ['records', d.lists[li]!.name, j]),
    fieldProblem: (st: RunState, li: number, j: number, fi: number, value: unknown) => {
      const [name, field] = rows[li]!.entries[fi]!
      return fieldProblem(st.scope, d.lists[li]!.name, j, name, field, value, st.maxString)
    },
    missingField: (st: RunState, li: number, j: number, name: string) => missingField(st.scope, d.lists[li]!.name, j, name),
    tooMany: (st: RunState, total: number) => tooManyRecords(st.scope, total, st.maxRecords),
    unknownKeys: (st: RunState, obj: Record<string, unknown>, which: 0 | 1) =>
      which === 0 ? unknownIn(st, obj, d.factIndex, factNames, ['facts']) : unknownIn(st, obj, d.listIndex, listNames, ['records']),
    unknownRowKeys: (st: RunState, li: number, j: number, row: Record<string, unknown>) => unknownIn(st, row, rows[li]!.allowed, rows[li]!.names, ['records', listNames[li]!, j]),
    /** A `many` score fact: a non-empty list of results. */
    readMany: (st: RunState, k: number, a: unknown): Fixed[] | undefined => {
      if (!Array.isArray(a) || a.length === 0) {
        collect(st, factProblem(st.scope, d.facts[k]!.name, d.facts[k]!.fact, a, false))
        return undefined
      }
      const out: Fixed[] = []
      let good = true
      a.forEach((x, i) => {
        const v = oneScore(st, k, x, i)
        if (v === undefined) good = false
        else out.push(v)
      })
      return good ? out : undefined
    },
    linked: (st: RunState, k: number, a: unknown): number => oneScore(st, k, a) ?? NaN,
  }

  /** One result of another rubric: a number within [0, its max], or that rubric's evidence when linked. */
  function oneScore(st: RunState, k: number, x: unknown, element?: number): Fixed | undefined {
    const f = d.facts[k]!
    const decl = f.fact as Extract<Rubric['facts'] extends Record<string, infer F> | undefined ? F : never, { type: 'score' }>
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
      if (!st.link) {
        collect(st, makeDiagnostic('EVIDENCE_INVALID', `${st.scope.who}: fact "${f.name}" must be a score (a number) from rubric ${decl.rubric}, or link that rubric to give its evidence.`, { subject: st.scope.subject, path: [...st.scope.prefix, 'facts', f.name, ...(element === undefined ? [] : [element])] }))
        return undefined
      }
      const r = st.link(decl.rubric, x, st, f.name)
      if (typeof r === 'number') return r
      collect(st, { ...r, subject: st.scope.subject, message: `Fact "${f.name}" (rubric ${decl.rubric}): ${r.message}` })
      return undefined
    }
    const v = exactNumber(x)
    const max = literalFixed(decl.max) ?? NaN
    if (v !== v || v < 0 || v > max) {
      collect(st, factProblem(st.scope, f.name, decl, x, false, element))
      return undefined
    }
    return v
  }
}

/** Compiles a validated rubric. Never throws: a failure is a diagnostic. */
export function compileProgram(rubric: Rubric, source: Rubric = rubric): Result<Program> {
  try {
    return compile(rubric, source)
  } catch (e) {
    const why = e instanceof CompileError ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : String(e)
    return fail([makeDiagnostic('SCHEMA_INVALID_VALUE', `The rubric cannot be compiled: ${why.slice(0, 300)}.`, { hint: 'This is a defect of kaoping (the rubric passed validation); please report it with the rubric.' })])
  }
}

function compile(rubric: Rubric, source: Rubric): Result<Program> {
  const { values, diagnostics } = resolveParams(rubric)
  if (diagnostics.some((d) => d.severity === 'error')) return fail(diagnostics)
  const layout = layoutTree(rubric)
  const refs = collectRefs(rubric, scanRubric(RubricSchema, rubric).conditions)
  const d = declare(rubric, refs)
  const generated: Generated = generate(rubric, layout, d)
  const L = layoutObject(d)
  const h = makeHelpers({
    facts: d.facts.map((f) => ({ name: f.name, zeroWhenMissing: f.zeroWhenMissing, ...(f.fact.type === 'score' ? { rubric: f.fact.rubric } : {}) })),
    nodes: layout.nodes.map((n) => ({ id: n.id, title: n.title, max: n.max, min: n.min, hi: n.hi, children: n.children, policy: n.policy, childMax: n.childMax })),
    factProblem: (st, k, value, element) => factProblem(st.scope, d.facts[k]!.name, d.facts[k]!.fact, value, d.facts[k]!.count, element),
  })
  const helpers = { ...h, show }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from the validated model only (codegen.ts)
  const factory = new Function('h', 'L', generated.source) as (h: unknown, L: unknown) => Module
  const module = factory(helpers, L)
  const names = Object.keys(rubric.params ?? {})
  const decls = rubric.params ?? {}
  const encode = (vals: Readonly<Record<string, ParamValue>>): Bound => {
    const P = new Float64Array(names.length).fill(NaN)
    names.forEach((name, k) => {
      const v = vals[name]
      const decl = decls[name]!
      if (typeof v === 'number') P[k] = v
      else if (decl.type === 'rounding' && typeof v === 'string') P[k] = STEP_ROUNDINGS.indexOf(v)
      else if (decl.type === 'boolean' && typeof v === 'boolean') P[k] = v ? 1 : 0 // read by parameter conditions
      else if (decl.type === 'enum' && typeof v === 'string') P[k] = decl.values.indexOf(v)
    })
    const num = (v: unknown, fallback?: Fixed): Fixed => {
      if (v === undefined) return fallback!
      if (v !== null && typeof v === 'object' && 'param' in v) return P[d.params.get((v as { param: string }).param)!]!
      return fixed(v, 'a value')
    }
    return { values: vals, P, K: generated.tables.map((make) => make(num as never)) }
  }
  const defaults = encode(values)
  const cache = new Map<string, Result<Bound>>()
  const bind = (overrides: Readonly<Record<string, unknown>> | undefined): Result<Bound> => {
    if (overrides === undefined || Object.keys(overrides).length === 0) return ok(defaults)
    let key: string
    try {
      key = JSON.stringify(Object.entries(overrides).sort(([a], [b]) => (a < b ? -1 : 1)))
    } catch {
      key = ''
    }
    const hit = key ? cache.get(key) : undefined
    if (hit) {
      // Least recently used first: a hit moves to the end of the map's order.
      cache.delete(key)
      cache.set(key, hit)
      return hit
    }
    const r = resolveParams(rubric, overrides)
    let result: Result<Bound>
    if (r.diagnostics.some((x) => x.severity === 'error')) result = fail(r.diagnostics.filter((x) => x.severity === 'error'))
    else {
      // overrides keep the rubric as written within its rules (`source`: with item maxima from parameters, not the
      // values this program was compiled with)
      const problems = checkOverrides(source, r.values, Object.keys(overrides))
      result = problems.length ? fail(problems) : ok(encode(r.values))
    }
    if (key) {
      if (cache.size >= BIND_CACHE) cache.delete(cache.keys().next().value!)
      cache.set(key, result)
    }
    return result
  }
  return ok(
    {
      rubric,
      layout,
      declared: d,
      module,
      h,
      slots: generated.slots,
      thresholds: generated.thresholds,
      hasPrerequisites: generated.thresholds.some((t) => t >= 0) || (rubric.findings ?? []).some((f) => f.when !== undefined),
      rounding: rubric.rounding ?? { places: 2, mode: 'half-up' },
      period: {
        from: rubric.period?.from !== undefined ? parseDay(rubric.period.from) : undefined,
        to: rubric.period?.to !== undefined ? parseDay(rubric.period.to) : undefined,
      },
      source: generated.source,
      defaults,
      factUsers: factUsers(refs, layout),
      bind,
    },
    diagnostics,
  )
}

/** A fresh state for evaluations with this program (reused subject after subject). */
export function newState(program: Program, bound: Bound, window: { asOf: number | undefined; from: number | undefined; to: number | undefined }, limits: { maxStringLength: number; maxRecordsPerSubject: number }): RunState {
  const { declared: d, layout, rubric } = program
  return {
    P: bound.P,
    K: bound.K,
    asOf: window.asOf ?? NaN,
    from: window.from ?? -Infinity,
    to: window.to ?? Infinity,
    link: undefined,
    linkParams: undefined,
    maxString: limits.maxStringLength,
    maxRecords: limits.maxRecordsPerSubject,
    scope: { who: 'Subject', subject: '', prefix: [], words: '' },
    V: new Float64Array(d.facts.length + d.computed.length),
    X: new Array(d.facts.length).fill(undefined),
    R: new Array(d.lists.length).fill(undefined),
    RD: d.lists.map(() => new Float64Array(16)),
    S: new Float64Array(layout.nodes.length),
    NA: null,
    A: null,
    AB: null,
    C: null,
    TR: null,
    TB: 0,
    W: null,
    warned: new Uint8Array(d.facts.length),
    KS: [],
    PS: [],
    DN: 0,
    Q: new Array((rubric.quotas ?? []).length).fill(undefined),
    G: new Uint8Array((rubric.gates ?? []).length + (rubric.findings ?? []).length),
    TH: new Uint8Array(program.thresholds.filter((t) => t >= 0).length),
    problems: null,
  }
}

