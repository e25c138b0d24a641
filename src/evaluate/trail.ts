/**
 * Trails from what a run recorded: each construct's own words (src/kinds) over the numbers the generated code wrote
 * into the trail slots. Nothing is computed again here: the trail shows the numbers that made the score.
 */
import type { Program } from '../compile/program'
import type { QuotaOutcome } from '../compile/runtime'
import { formOf, kindOf } from '../kinds'
import { computedReads, computedText } from '../kinds/computed'
import type { NodeInfo, TrailView } from '../kinds/kit/spec'
import { literalFixed } from '../kinds/kit/values'
import type { DateValue, Value } from '../model/common'
import { STEP_ROUNDINGS } from '../model/common'
import { daysFromCivil, daysInMonth, parseDay, ymd } from '../num/dates'
import { toFixedString, type Fixed } from '../num/fixed'
import type { Trail } from './result'

/** A number of the rubric (a literal, or a parameter at the call's values P) as Fixed. */
export function rubricValue(program: Program, P: Float64Array, v: unknown): Fixed {
  if (v !== null && typeof v === 'object') return P[program.declared.params.get((v as { param: string }).param)!]!
  return literalFixed(v)!
}

/**
 * The numbers of one run, kept for its trails: trail slots, scores, 不適用 marks and scores before adjustment, each
 * read at its offset in an array that may hold other subjects' numbers too (results of a cohort share a few large
 * arrays; one small array per subject would cost more to make than the scoring itself).
 */
export class Recorded {
  constructor(
    private readonly tr: Float64Array | null,
    private readonly trAt: number,
    private readonly s: Float64Array,
    private readonly sAt: number,
    /** 1 where the node is 不適用; null: none is. */
    private readonly na: ArrayLike<number> | null,
    private readonly naAt: number,
    /** The score before adjustment where one applied (NaN elsewhere); null: no adjustment. */
    private readonly c: Float64Array | null,
    private readonly cAt: number,
    readonly P: Float64Array,
    readonly Q: readonly (QuotaOutcome | undefined)[],
    readonly asOf: number,
    readonly to: number,
  ) {}

  /** Trail slot k (NaN: not reached, or no trail recorded). */
  slot(k: number): number {
    return this.tr === null ? NaN : this.tr[this.trAt + k]!
  }

  /** The score of node i (after adjustment). */
  score(i: number): Fixed {
    return this.s[this.sAt + i]!
  }

  /** The score of node i before its adjustment; NaN when none applied. */
  before(i: number): number {
    return this.c === null ? NaN : this.c[this.cAt + i]!
  }

  notApplicable(i: number): boolean {
    return this.na !== null && this.na[this.naAt + i] === 1
  }
}

const T = toFixedString

class View implements TrailView {
  constructor(
    private readonly program: Program,
    private readonly r: Recorded,
    private readonly base: number,
    private readonly info: NodeInfo,
  ) {}

  slot(i: number): number {
    return this.base < 0 ? NaN : this.r.slot(this.base + i)
  }

  num(v: Value | undefined, fallback?: Fixed): Fixed {
    return v === undefined ? fallback! : rubricValue(this.program, this.r.P, v)
  }

  word(v: unknown): string {
    if (v !== null && typeof v === 'object' && 'param' in v) return STEP_ROUNDINGS[this.r.P[this.program.declared.params.get((v as { param: string }).param)!]!] ?? '?'
    return String(v)
  }

  day(v: DateValue): number | undefined {
    if (typeof v === 'object') return this.r.P[this.program.declared.params.get(v.param)!]
    if (v.startsWith('--')) {
      const anchor = this.r.to !== Infinity ? this.r.to : this.r.asOf
      if (anchor !== anchor) return undefined
      const y = ymd(anchor).y
      const [m, d] = [Number(v.slice(2, 4)), Number(v.slice(5, 7))]
      return daysFromCivil(y, m, Math.min(d, daysInMonth(y, m)))
    }
    return parseDay(v)
  }

  cond(c: unknown): string {
    const base = this.program.slots.cond.get(c as object)
    return formOf(c).explain(c, new View(this.program, this.r, base ?? -1, this.info))
  }

  quota(id: string): QuotaOutcome {
    const k = this.program.declared.quotas.get(id)!
    return this.r.Q[k] ?? { id, required: 0, overridden: false, count: 0, shortfall: 0, periods: [] }
  }

  get score(): Fixed {
    const c = this.r.before(this.info.index)
    return c === c ? c : this.r.score(this.info.index)
  }

  get raw(): Fixed {
    return this.r.slot(this.program.slots.node[this.info.index]! + 1)
  }

  get node(): NodeInfo {
    return this.info
  }

  children(): { id: string; score: Fixed; max: Fixed; na: boolean; policy: 'rescale' | 'zero' }[] {
    const nodes = this.program.layout.nodes
    return nodes[this.info.index]!.children.map((c) => ({ id: nodes[c]!.id, score: this.r.score(c), max: nodes[c]!.max, na: this.r.notApplicable(c), policy: nodes[c]!.policy }))
  }

  get asOf(): number | undefined {
    return this.r.asOf === this.r.asOf ? this.r.asOf : undefined
  }

  get decls() {
    return this.program.rubric
  }
}

function nodeInfo(program: Program, i: number): NodeInfo {
  const n = program.layout.nodes[i]!
  return { index: i, id: n.id, max: n.max, min: n.min, hi: n.hi }
}

/** The explanation of a condition evaluated outside the item tree (a gate, a grade threshold). */
export function explainCondition(program: Program, r: Recorded, c: unknown): string {
  return new View(program, r, -1, nodeInfo(program, 0)).cond(c)
}

/** The arithmetic of the computed values among `names` (and of those they read), as recorded; undefined when none. */
export function computedTrails(program: Program, r: Recorded, names: Iterable<string>): Record<string, string> | undefined {
  if (program.declared.computed.length === 0) return undefined
  let out: Record<string, string> | undefined
  for (const name of computedReads(program.rubric, names)) {
    const decl = program.rubric.computed![name]!
    const base = program.slots.cond.get(decl)
    const text = base === undefined ? undefined : computedText(decl, (i) => r.slot(base + i))
    if (text !== undefined) (out ??= {})[name] = text
  }
  return out
}

/** The trail of item node i. */
export function nodeTrail(program: Program, r: Recorded, i: number): Trail {
  const n = program.layout.nodes[i]!
  const item = n.item!
  const view = new View(program, r, program.slots.kind[i]!, nodeInfo(program, i))
  const nodeBase = program.slots.node[i]!
  const requires = item.requires !== undefined ? view.cond(item.requires) : undefined
  if (item.requires !== undefined && r.slot(nodeBase) === 0) return { rule: 'prerequisite of the item', inputs: {}, arithmetic: `not met → ${T(n.otherwise)}`, requires: requires! }
  const e: Trail = kindOf(item).trail(item, view)
  if (requires !== undefined) e.requires = requires
  const computed = computedTrails(program, r, Object.keys(e.inputs))
  if (computed !== undefined) e.computed = computed
  const raw = r.slot(nodeBase + 1)
  const score = view.score
  if (e.bounds === undefined && item.kind !== 'section' && raw !== score) e.bounds = `${T(raw)} kept within [${n.text.min}, ${n.text.hi}${n.hi !== n.max ? ` (max ${n.text.max} + bonus)` : ''}] → ${T(score)}`
  return e
}
