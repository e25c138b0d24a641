/**
 * Coverage of a `bands` item: the bands (edges resolved, params at their
 * defaults) must cover the fact's domain — rate [0, 1], number/integer
 * [min, max] when declared, else unbounded — without gaps or overlaps.
 * Interval ends are exact Fixed values; ±Infinity stands for "unbounded".
 */
import { makeDiagnostic } from '../diagnostics/codes'
import type { Diagnostic } from '../diagnostics/diagnostic'
import type { Bands } from '../model/item'
import type { Rubric } from '../model/rubric'
import { ONE, toFixedString, type Fixed } from '../num/fixed'
import { literalFixed, own, valueFixed } from '../validate/values'
import type { MutablePath } from '../validate/walk'

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
function domainOf(rubric: Rubric, fact: string): { d: Interval; integer: boolean; noun: string; single: string } | undefined {
  const f = own(rubric.facts ?? {}, fact)
  if (!f) return undefined
  if (f.type === 'rate') return { d: { lo: 0, loIn: true, hi: ONE, hiIn: true }, integer: false, noun: 'rates', single: 'the rate' }
  if (f.type !== 'number' && f.type !== 'integer') return undefined
  const lo = f.min === undefined ? -Infinity : literalFixed(f.min)
  const hi = f.max === undefined ? Infinity : literalFixed(f.max)
  if (lo === undefined || hi === undefined) return undefined
  return { d: { lo, loIn: true, hi, hiIn: true }, integer: f.type === 'integer', noun: 'values', single: 'the value' }
}

/** BAND_GAP and BAND_OVERLAP for one bands item at `path`. */
export function lintBands(rubric: Rubric, item: Bands, path: MutablePath): Diagnostic[] {
  const dom = domainOf(rubric, item.fact)
  if (!dom) return []
  const spans: Span[] = []
  for (let index = 0; index < item.bands.length; index++) {
    const b = item.bands[index]!
    const edges = b.edges ?? '[)'
    const lo = b.from === undefined ? -Infinity : valueFixed(rubric, b.from)
    const hi = b.to === undefined ? Infinity : valueFixed(rubric, b.to)
    if (lo === undefined || hi === undefined) return [] // unresolvable value: reported by validation
    const c = clip({ lo, loIn: b.from === undefined || edges[0] === '[', hi, hiIn: b.to === undefined || edges[1] === ']' }, dom.d)
    if (!isEmpty(c) && (!dom.integer || holdsInteger(c))) spans.push({ ...c, index })
  }
  spans.sort((a, b) => a.lo - b.lo || Number(b.loIn) - Number(a.loIn) || a.index - b.index)

  const out: Diagnostic[] = []
  const at = (j: number, key?: 'from' | 'to'): MutablePath => {
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
    const message = `Bands leave ${describeRange(g, dom.noun, dom.single)} without a score.`
    out.push(makeDiagnostic('BAND_GAP', message, { path: after ? at(after.index, 'from') : before ? at(before.index, 'to') : [...path, 'bands'], hint: `${hint} (Item "${item.id}", fact ${item.fact}.)` }))
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
        out.push(
          makeDiagnostic('BAND_OVERLAP', `Bands bands[${first.index}] and bands[${later.index}] both cover ${describeRange(o, dom.noun, dom.single)}; only the first listed applies there.`, {
            path: at(later.index),
            hint: `Make the bands disjoint: bands include "from" and exclude "to" unless edges says otherwise. (Item "${item.id}", fact ${item.fact}.)`,
          }),
        )
      }
    }
    if (s.hi > n || (s.hi === n && s.hiIn && needIn)) {
      n = s.hi
      needIn = !s.hiIn
      coverer = s
    }
  }
  if (n < dom.d.hi || (n === dom.d.hi && needIn && dom.d.hiIn)) gap({ lo: n, loIn: needIn, hi: dom.d.hi, hiIn: dom.d.hiIn }, coverer, undefined)
  return out
}
