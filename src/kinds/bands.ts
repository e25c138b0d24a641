/** bands: the first band containing the value gives fixed points or points × the value. No band: the evidence is refused. */
import { z } from 'zod'
import { Name, Value } from '../model/common'
import { ONE, toFixedString, type Fixed } from '../num/fixed'
import { ItemBase } from './base'
import type { Checker, ItemKind } from './kit/spec'
import { literalFixed, NUMERIC_FACTS, own, type Path } from './kit/values'
import { T } from './kit/words'

export const Band = z
  .object({
    from: Value.optional().describe('Lower edge (none: unbounded).'),
    to: Value.optional().describe('Upper edge (none: unbounded).'),
    edges: z.enum(['[)', '[]', '(]', '()']).optional().describe('Which edges belong to the band: [ included, ( excluded. Default "[)".'),
    points: Value.optional().describe('Fixed points in this band.'),
    times: Value.optional().describe('Points × the measured value (a coefficient).'),
    title: z.string().optional(),
  })
  .strict()

export const Bands = z
  .object({
    kind: z.literal('bands'),
    ...ItemBase,
    fact: Name.describe('The measured value.'),
    bands: z.array(Band).min(1),
  })
  .strict()
  .describe('Coefficient bands: the band the value falls in gives fixed points or points × the value.')

export type Band = z.infer<typeof Band>
export type Bands = z.infer<typeof Bands>

/** The bands with their values resolved: edges (±Infinity when open), points or times (NaN when not given). */
export interface BandTable {
  lo: Float64Array
  hi: Float64Array
  loIn: Uint8Array
  hiIn: Uint8Array
  points: Float64Array
  times: Float64Array
  /** The bands in words, for the trail and the EVIDENCE_NO_BAND message. */
  words: string
}

export function bandTable(bands: readonly Band[], num: (v: Value | undefined, fallback?: Fixed) => Fixed): BandTable {
  const n = bands.length
  const t: BandTable = { lo: new Float64Array(n), hi: new Float64Array(n), loIn: new Uint8Array(n), hiIn: new Uint8Array(n), points: new Float64Array(n), times: new Float64Array(n), words: '' }
  bands.forEach((b, i) => {
    const edges = b.edges ?? '[)'
    t.lo[i] = b.from === undefined ? -Infinity : num(b.from)
    t.hi[i] = b.to === undefined ? Infinity : num(b.to)
    t.loIn[i] = edges[0] === '[' ? 1 : 0
    t.hiIn[i] = edges[1] === ']' ? 1 : 0
    t.points[i] = b.points === undefined ? (b.times === undefined ? 0 : NaN) : num(b.points)
    t.times[i] = b.times === undefined ? NaN : num(b.times)
  })
  t.words = Array.from({ length: n }, (_, i) => describeBand(t, i)).join('; ')
  return t
}

export function describeBand(t: BandTable, i: number): string {
  const lo = t.lo[i] === -Infinity ? '(−∞' : `${t.loIn[i] ? '[' : '('}${toFixedString(t.lo[i]!)}`
  const hi = t.hi[i] === Infinity ? '∞)' : `${toFixedString(t.hi[i]!)}${t.hiIn[i] ? ']' : ')'}`
  const gives = t.times[i] === t.times[i] ? `${toFixedString(t.times[i]!)} × value` : toFixedString(t.points[i]!)
  return `${lo}, ${hi} → ${gives}`
}

// --- lint: the bands must cover the fact's domain without gaps or overlaps --------------------------------------

interface Interval {
  lo: number // Fixed or -Infinity
  loIn: boolean
  hi: number // Fixed or +Infinity
  hiIn: boolean
}

interface Span extends Interval {
  index: number
}

const isEmpty = (i: Interval): boolean => i.lo > i.hi || (i.lo === i.hi && !(i.loIn && i.hiIn))

/** Whether a (non-empty) interval holds a whole number. */
function holdsInteger(i: Interval): boolean {
  if (i.lo === -Infinity || i.hi === Infinity) return true
  let first = Math.ceil(i.lo / ONE) * ONE
  if (first === i.lo && !i.loIn) first += ONE
  return first < i.hi || (first === i.hi && i.hiIn)
}

function clip(b: Interval, d: Interval): Interval {
  const lo = b.lo > d.lo ? { v: b.lo, in: b.loIn } : b.lo < d.lo ? { v: d.lo, in: d.loIn } : { v: b.lo, in: b.loIn && d.loIn }
  const hi = b.hi < d.hi ? { v: b.hi, in: b.hiIn } : b.hi > d.hi ? { v: d.hi, in: d.hiIn } : { v: b.hi, in: b.hiIn && d.hiIn }
  return { lo: lo.v, loIn: lo.in, hi: hi.v, hiIn: hi.in }
}

const num = (v: number): string => toFixedString(v as Fixed)

/** "from 0.4 (inclusive) to 0.41 (exclusive)", "below 3", "the value 1", … */
export function describeRange(i: Interval, noun: string, single: string): string {
  if (i.lo === i.hi) return `${single} ${num(i.lo)}`
  const lo = i.lo === -Infinity ? undefined : `${num(i.lo)} (${i.loIn ? 'inclusive' : 'exclusive'})`
  const hi = i.hi === Infinity ? undefined : `${num(i.hi)} (${i.hiIn ? 'inclusive' : 'exclusive'})`
  if (lo === undefined && hi === undefined) return `all ${noun}`
  if (lo === undefined) return i.hiIn ? `${noun} up to ${hi}` : `${noun} below ${num(i.hi)}`
  if (hi === undefined) return i.loIn ? `${noun} from ${lo} up` : `${noun} above ${num(i.lo)}`
  return `${noun} from ${lo} to ${hi}`
}

/** The fact's domain, or undefined when the fact is unknown or not numeric. */
function domainFor(c: Checker, fact: string): { d: Interval; integer: boolean; noun: string; single: string } | undefined {
  const f = own(c.decls.facts, fact)
  if (!f) return undefined
  if (f.type === 'rate') return { d: { lo: 0, loIn: true, hi: ONE, hiIn: true }, integer: false, noun: 'rates', single: 'the rate' }
  if (f.type !== 'number' && f.type !== 'integer') return undefined
  const lo = f.min === undefined ? -Infinity : literalFixed(f.min)
  const hi = f.max === undefined ? Infinity : literalFixed(f.max)
  if (lo === undefined || hi === undefined) return undefined
  return { d: { lo, loIn: true, hi, hiIn: true }, integer: f.type === 'integer', noun: 'values', single: 'the value' }
}

/** BAND_GAP and BAND_OVERLAP. Linear in the number of bands after one sort. */
function lintBands(item: Bands, c: Checker, path: Path): void {
  const dom = domainFor(c, item.fact)
  if (!dom) return
  const spans: Span[] = []
  for (let index = 0; index < item.bands.length; index++) {
    const b = item.bands[index]!
    const edges = b.edges ?? '[)'
    const lo = b.from === undefined ? -Infinity : c.value(b.from)
    const hi = b.to === undefined ? Infinity : c.value(b.to)
    if (lo === undefined || hi === undefined) return // unresolvable value: reported by validation
    const cl = clip({ lo, loIn: b.from === undefined || edges[0] === '[', hi, hiIn: b.to === undefined || edges[1] === ']' }, dom.d)
    if (!isEmpty(cl) && (!dom.integer || holdsInteger(cl))) spans.push({ ...cl, index })
  }
  spans.sort((a, b) => a.lo - b.lo || Number(b.loIn) - Number(a.loIn) || a.index - b.index)

  const at = (j: number, key?: 'from' | 'to'): Path => {
    const band = item.bands[j]!
    return key !== undefined && band[key] !== undefined ? [...path, 'bands', j, key] : [...path, 'bands', j]
  }
  const edgesOf = (j: number): string => item.bands[j]!.edges ?? '[)'
  const real = (i: Interval) => !isEmpty(i) && (!dom.integer || holdsInteger(i))
  const gap = (g: Interval, before: Span | undefined, after: Span | undefined) => {
    if (!real(g)) return
    const lo = g.lo === -Infinity ? undefined : num(g.lo)
    const hi = g.hi === Infinity ? undefined : num(g.hi)
    let hint: string
    if (before && after && g.lo === g.hi)
      hint = `Include ${lo} in one band: edges "${edgesOf(before.index)[0]}]" on bands[${before.index}], or edges "[${edgesOf(after.index)[1]}" on bands[${after.index}].`
    else if (before && after) hint = `Set "to: ${hi}" on bands[${before.index}] so it ends where bands[${after.index}] starts, or "from: ${lo}" on bands[${after.index}] (bands include "from" and exclude "to" unless edges says otherwise).`
    else if (after) hint = `Extend bands[${after.index}] down to ${lo ?? 'the lowest value'} (${lo === undefined ? 'remove its "from"' : `from: ${lo}`}), or add a band for these ${dom.noun}.`
    else if (before) hint = `Extend bands[${before.index}] up to ${hi ?? 'the highest value'} (${hi === undefined ? 'remove its "to"' : `to: ${hi}, edges "${edgesOf(before.index)[0]}${g.hiIn ? ']' : ')'}"`}), or add a band for these ${dom.noun}.`
    else hint = 'Add a band for these values.'
    c.report('BAND_GAP', `Bands leave ${describeRange(g, dom.noun, dom.single)} without a score.`, after ? at(after.index, 'from') : before ? at(before.index, 'to') : [...path, 'bands'], `${hint} (Item "${item.id}", fact ${item.fact}.)`)
  }

  // Sweep: everything below `n` is settled (covered or reported); `n` itself is still needed when needIn.
  let n = dom.d.lo
  let needIn = dom.d.loIn
  let coverer: Span | undefined
  for (const s of spans) {
    const startsAfter = s.lo > n || (s.lo === n && !s.loIn && needIn)
    if (startsAfter) gap({ lo: n, loIn: needIn, hi: s.lo, hiIn: !s.loIn }, coverer, s)
    else if (coverer) {
      const hi = s.hi < n ? { v: s.hi, in: s.hiIn } : s.hi > n ? { v: n, in: !needIn } : { v: n, in: s.hiIn && !needIn }
      const o: Interval = { lo: s.lo, loIn: s.loIn, hi: hi.v, hiIn: hi.in }
      if (real(o)) {
        const [first, later] = coverer.index < s.index ? [coverer, s] : [s, coverer]
        c.report('BAND_OVERLAP', `Bands bands[${first.index}] and bands[${later.index}] both cover ${describeRange(o, dom.noun, dom.single)}; only the first listed applies there.`, at(later.index), `Make the bands disjoint: bands include "from" and exclude "to" unless edges says otherwise. (Item "${item.id}", fact ${item.fact}.)`)
      }
    }
    if (s.hi > n || (s.hi === n && s.hiIn && needIn)) {
      n = s.hi
      needIn = !s.hiIn
      coverer = s
    }
  }
  if (n < dom.d.hi || (n === dom.d.hi && needIn && dom.d.hiIn)) gap({ lo: n, loIn: needIn, hi: dom.d.hi, hiIn: dom.d.hiIn }, coverer, undefined)
}

// Slots: 0 the value, 1 the band's index.
export const bands: ItemKind<Bands> = {
  kind: 'bands',
  schema: Bands,
  refs: (item, r, at) => r.fact(item.fact, [...at, 'fact'], `bands item "${item.id}"`, NUMERIC_FACTS),
  check(item, c, at) {
    const max = c.value(item.max)
    item.bands.forEach((b, j) => {
      c.oneOf(b, ['points', 'times'], `Band ${j} of bands item "${item.id}"`, [...at, 'bands', j])
      c.ordered(b.from, b.to, `Band ${j} of bands item "${item.id}" has from above to`, [...at, 'bands', j, 'from'])
      if (b.points !== undefined) c.notAbove(max, b.points, `the points of band ${j}`, item.id, [...at, 'bands', j, 'points'])
    })
  },
  lint: lintBands,
  emit(item, g) {
    const record = g.slots(2)
    const table = g.bind((num) => bandTable(item.bands, num))
    const [v, b, t] = [g.local('v'), g.local('b'), g.local('t')]
    g.line(`const ${v} = ${g.number(item.fact)}`)
    g.line(`const ${b} = ${g.helper('band')}(${table}, ${v})`)
    record(0, v)
    record(1, b)
    g.line(`if (${b} < 0) ${g.refuse('EVIDENCE_NO_BAND', `${g.str(`${item.fact} = `)} + ${g.helper('T')}(${v}) + " falls in no band (" + ${table}.words + "); the rubric must settle this value."`, g.path('facts', item.fact))}`)
    g.line(`const ${t} = ${table}.times[${b}]`)
    g.line(`${g.out} = ${t} === ${t} ? ${g.helper('mul')}(${t}, ${v}) : ${table}.points[${b}]`)
  },
  trail(item, v) {
    const table = bandTable(item.bands, (x, f) => v.num(x, f))
    const [value, i] = [v.slot(0), v.slot(1)]
    const times = table.times[i]!
    const arithmetic = times === times ? `${T(times)} × ${T(value)} = ${T(v.raw)}` : T(table.points[i]!)
    return { rule: `bands: ${table.words}`, inputs: { [item.fact]: T(value) }, arithmetic: `in ${describeBand(table, i)}: ${arithmetic}` }
  },
}
