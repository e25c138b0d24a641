/**
 * What changed between two versions of a rubric: a structural diff keyed by ids, so that moving a clause or
 * re-ordering a mapping does not show as a change, and a changed number names the item it belongs to:
 *
 *   ~ items.key-targets.township-spot-check.target: 0.9 → 0.95
 *   + gates.registration: 完成機關檔案登記
 *   - params.innovationPoints: 每項可複製推廣的創新舉措加分 (number, default 2)
 *
 * Paths are written with the ids of lists of things that have ids (items by their place in the tree, gates,
 * quotas, deductions, rewards, penalties, listed subjects), grades for ranked quotas and thresholds, the fact
 * for weighted terms, and [index] for other lists (bands). Numbers are compared by exact value (0.90 = "0.9").
 */
import type { CohortResult, SubjectResult } from '../evaluate/result'
import type { Item } from '../kinds'
import type { Rubric } from '../kinds/rubric'
import { fromNumber, parseFixed, toFixedString } from '../num/fixed'

export interface RubricChange {
  /** added: only in the new version; removed: only in the old; changed: in both, different; moved: an item in another section. */
  op: 'added' | 'removed' | 'changed' | 'moved'
  /** Where, keyed by ids: `items.key-targets.township-spot-check.target`. */
  path: string
  /** The old value (changed, moved, removed). */
  from?: unknown
  /** The new value (changed, moved, added). */
  to?: unknown
}

type Seg = string | number
const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)
const isParamRef = (v: unknown): v is { param: string } => isMap(v) && Object.keys(v).length === 1 && typeof v.param === 'string'

/** A decimal as written in a rubric (number or decimal string), or undefined. */
function decimal(v: unknown): number | undefined {
  if (typeof v === 'number') return fromNumber(v)
  if (typeof v === 'string' && /^[+-]?\d+(\.\d+)?$/.test(v)) return parseFixed(v)
  return undefined
}

function pathText(segs: readonly Seg[]): string {
  let out = ''
  for (const s of segs) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`
  return out
}

/** The field that identifies the elements of a list at this path, if any. */
function keyField(segs: readonly Seg[], list: readonly unknown[]): string | undefined {
  const last = segs[segs.length - 1]
  const parent = segs[segs.length - 2]
  if (parent === 'grades' && (last === 'quotas' || last === 'thresholds')) return 'grade'
  if (last === 'terms') return 'fact'
  if (last === 'notes') return 'about'
  if (last === 'rollup') return undefined
  if (list.length && list.every((e) => isMap(e) && typeof e.id === 'string')) return 'id'
  return undefined
}

const COLLECTIONS = ['params', 'facts', 'records']

class Differ {
  readonly changes: RubricChange[] = []

  add(op: RubricChange['op'], segs: readonly Seg[], from: unknown, to: unknown): void {
    const c: RubricChange = { op, path: pathText(segs) }
    if (from !== undefined) c.from = from
    if (to !== undefined) c.to = to
    this.changes.push(c)
  }

  compare(segs: readonly Seg[], a: unknown, b: unknown): void {
    if (a === undefined && b === undefined) return
    // a whole list of things with ids (or all parameters, facts, records) added or removed: one line for each
    const one = a === undefined ? b : a
    if ((a === undefined || b === undefined) && (Array.isArray(one) ? keyField(segs, one) : isMap(one) && segs.length === 1 && COLLECTIONS.includes(String(segs[0]))))
      return Array.isArray(one) ? this.list(segs, (a ?? []) as unknown[], (b ?? []) as unknown[]) : this.compare(segs, a ?? {}, b ?? {})
    if (a === undefined) return this.add('added', segs, undefined, b)
    if (b === undefined) return this.add('removed', segs, a, undefined)
    const da = decimal(a)
    const db = decimal(b)
    if (da !== undefined && db !== undefined) {
      if (da !== db) this.add('changed', segs, a, b)
      return
    }
    if (Array.isArray(a) && Array.isArray(b)) return this.list(segs, a, b)
    if (isMap(a) && isMap(b) && !isParamRef(a) && !isParamRef(b)) {
      const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !Object.hasOwn(b, k))]
      for (const k of keys) if (k !== '$schema') this.compare([...segs, k], a[k], b[k])
      return
    }
    if (!same(a, b)) this.add('changed', segs, a, b)
  }

  list(segs: readonly Seg[], a: readonly unknown[], b: readonly unknown[]): void {
    const key = keyField(segs, [...a, ...b])
    if (key) {
      const ka = a.map((e) => String((e as Record<string, unknown>)[key]))
      const kb = b.map((e) => String((e as Record<string, unknown>)[key]))
      if (new Set(ka).size === ka.length && new Set(kb).size === kb.length) {
        b.forEach((e, i) => {
          const j = ka.indexOf(kb[i]!)
          if (j < 0) this.add('added', [...segs, kb[i]!], undefined, e)
          else this.compare([...segs, kb[i]!], a[j], e)
        })
        a.forEach((e, j) => {
          if (!kb.includes(ka[j]!)) this.add('removed', [...segs, ka[j]!], e, undefined)
        })
        const commonA = ka.filter((k) => kb.includes(k))
        const commonB = kb.filter((k) => ka.includes(k))
        if (commonA.join('\u0000') !== commonB.join('\u0000')) this.add('changed', [...segs, 'order'], commonA, commonB)
        return
      }
    }
    if ([...a, ...b].every((e) => !isMap(e) && !Array.isArray(e))) {
      if (!same(a, b)) this.add('changed', segs, a, b)
      return
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) this.compare([...segs, i], a[i], b[i])
  }

  /** Items are matched by id wherever they are in the tree; a match under another section is a move. */
  items(a: readonly Item[], b: readonly Item[]): void {
    const fa = flattenItems(a)
    const fb = flattenItems(b)
    const label = (path: readonly string[]) => ['items', ...path]
    for (const [id, nb] of fb) {
      const na = fa.get(id)
      if (!na) {
        if (nb.parent === undefined || fa.has(nb.parent)) this.add('added', label(nb.path), undefined, nb.item)
        continue
      }
      if (na.parent !== nb.parent) this.add('moved', label(nb.path), na.parent ?? '(top level)', nb.parent ?? '(top level)')
      const { items: ia, ...restA } = na.item as Item & { items?: Item[] }
      const { items: ib, ...restB } = nb.item as Item & { items?: Item[] }
      this.compare(label(nb.path), restA, restB)
      if (ia && ib) {
        const oa = ia.map((i) => i.id).filter((x) => ib.some((i) => i.id === x))
        const ob = ib.map((i) => i.id).filter((x) => ia.some((i) => i.id === x))
        if (oa.join('\u0000') !== ob.join('\u0000')) this.add('changed', [...label(nb.path), 'order'], oa, ob)
      }
    }
    for (const [id, na] of fa) if (!fb.has(id) && (na.parent === undefined || fb.has(na.parent))) this.add('removed', label(na.path), na.item, undefined)
    const ta = a.map((i) => i.id).filter((x) => fb.has(x) && fb.get(x)!.parent === undefined)
    const tb = b.map((i) => i.id).filter((x) => fa.has(x) && fa.get(x)!.parent === undefined)
    if (ta.join('\u0000') !== tb.join('\u0000')) this.add('changed', ['items', 'order'], ta, tb)
  }
}

interface Placed {
  item: Item
  parent?: string
  path: string[]
}

function flattenItems(items: readonly Item[], parent?: Placed, out = new Map<string, Placed>()): Map<string, Placed> {
  for (const item of items) {
    const placed: Placed = { item, path: [...(parent?.path ?? []), item.id] }
    if (parent) placed.parent = parent.item.id
    if (!out.has(item.id)) out.set(item.id, placed)
    const children = (item as { items?: Item[] }).items
    if (children) flattenItems(children, placed, out)
  }
  return out
}

function same(a: unknown, b: unknown): boolean {
  const da = decimal(a)
  const db = decimal(b)
  if (da !== undefined && db !== undefined) return da === db
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]))
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a)
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]))
  }
  return a === b
}

/** The structural differences from rubric `a` (old) to rubric `b` (new); empty when they say the same thing. */
export function diffRubrics(a: Rubric, b: Rubric): RubricChange[] {
  const d = new Differ()
  const { items: ia, ...ra } = a
  const { items: ib, ...rb } = b
  // the header and declarations first, then the item tree, then grades and money (the order of a rubric file)
  const late = ['grades', 'money']
  const early = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([k]) => !late.includes(k)))
  d.compare([], early(ra), early(rb))
  d.items(ia, ib)
  for (const k of late) d.compare([k], (ra as Record<string, unknown>)[k], (rb as Record<string, unknown>)[k])
  return d.changes
}

// --- rendering ------------------------------------------------------------------------------------------

/** A value in one line: decimals canonical (0.90 → 0.9), parameters as { param: x }, things with a title by it. */
export function showValue(v: unknown): string {
  if (v === undefined) return '—'
  if (v === null) return 'null'
  const d = decimal(v)
  if (d !== undefined) return toFixedString(d)
  if (typeof v === 'string') return v
  if (typeof v !== 'object') return String(v)
  if (isParamRef(v)) return `{ param: ${v.param} }`
  if (Array.isArray(v)) return `[${v.map(showValue).join(', ')}]`
  const m = v as Record<string, unknown>
  if (typeof m.title === 'string') {
    const facts: string[] = []
    if (typeof m.kind === 'string') facts.push(m.kind)
    if (typeof m.type === 'string') facts.push(m.type)
    if (m.max !== undefined) facts.push(`max ${showValue(m.max)}`)
    if (m.default !== undefined) facts.push(`default ${showValue(m.default)}`)
    return `${m.title}${facts.length ? ` (${facts.join(', ')})` : ''}`
  }
  const inner = Object.entries(m)
    .map(([k, x]) => `${k}: ${showValue(x)}`)
    .join(', ')
  return inner.length > 160 ? `{ ${inner.slice(0, 157)}… }` : `{ ${inner} }`
}

/** One change as a line: `~ path: old → new`, `+ path: new`, `- path: old`, `> path: moved from a to b`. */
export function formatChange(c: RubricChange): string {
  switch (c.op) {
    case 'added':
      return `+ ${c.path}: ${showValue(c.to)}`
    case 'removed':
      return `- ${c.path}: ${showValue(c.from)}`
    case 'moved':
      return `~ ${c.path}: moved from ${showValue(c.from)} to ${showValue(c.to)}`
    default:
      return `~ ${c.path}: ${showValue(c.from)} → ${showValue(c.to)}`
  }
}

// --- results ------------------------------------------------------------------------------------------

export interface SubjectOutcome {
  total: string
  grade: string | null
  rank?: number
}

export interface ResultChange {
  id: string
  name?: string
  /** Missing when the subject was scored by one version only. */
  old?: SubjectOutcome
  new?: SubjectOutcome
}

const outcome = (s: SubjectResult): SubjectOutcome => (s.rank !== undefined ? { total: s.total, grade: s.grade, rank: s.rank } : { total: s.total, grade: s.grade })

/** Subjects whose total (by exact value), grade or rank differs between two scorings of the same evidence. */
export function diffResults(a: CohortResult, b: CohortResult): ResultChange[] {
  const out: ResultChange[] = []
  const inA = new Map(a.subjects.map((s) => [s.subject.id, s]))
  const inB = new Map(b.subjects.map((s) => [s.subject.id, s]))
  for (const sb of b.subjects) {
    const sa = inA.get(sb.subject.id)
    const name = sb.subject.name ?? sa?.subject.name
    const base: ResultChange = name !== undefined ? { id: sb.subject.id, name } : { id: sb.subject.id }
    if (!sa) out.push({ ...base, new: outcome(sb) })
    else if (parseFixed(sa.total) !== parseFixed(sb.total) || sa.grade !== sb.grade || sa.rank !== sb.rank) out.push({ ...base, old: outcome(sa), new: outcome(sb) })
  }
  for (const sa of a.subjects) if (!inB.has(sa.subject.id)) out.push({ id: sa.subject.id, ...(sa.subject.name !== undefined ? { name: sa.subject.name } : {}), old: outcome(sa) })
  return out
}

const showOutcome = (o: SubjectOutcome | undefined) => (o ? `${o.total} ${o.grade ?? '—'}${o.rank !== undefined ? ` (rank ${o.rank})` : ''}` : 'not scored')

/** `gulou (鼓樓區統計局): 79.43 合格 (rank 8) → 81.12 良好 (rank 7)` */
export function formatResultChange(c: ResultChange): string {
  return `${c.id}${c.name ? ` (${c.name})` : ''}: ${showOutcome(c.old)} → ${showOutcome(c.new)}`
}
