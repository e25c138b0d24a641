import type { Condition } from '../model/condition'
import type { Duration } from '../model/common'
import { ONE, toFixedString, type Fixed } from '../num/fixed'
import { evidenceError, type EvalContext } from '../evaluate/context'
import { booleanReader, dateReader, describeWhere, matcher, numberReader, rawReader, recordDay, recordsReader } from '../evaluate/read'
import { quotaOutcome } from '../evaluate/quota'
import { CompileError, dateRef, num, type CompileContext, type DateRef } from './compile-context'
import { addDuration, daysFromCivil, daysInMonth, formatDay, ymd } from './dates'

/** A compiled condition: a fast test, and an explanation built only on request. */
export interface CompiledCondition {
  test(ctx: EvalContext): boolean
  explain(ctx: EvalContext): string
}

type Bounds = { atLeast?: Fixed; atMost?: Fixed; above?: Fixed; below?: Fixed }

function bounds(cc: CompileContext, c: { atLeast?: unknown; atMost?: unknown; above?: unknown; below?: unknown; between?: unknown }, what: string): Bounds {
  const b: Bounds = {}
  const n = (v: unknown) => num(cc, v as never, what)
  if (c.atLeast !== undefined) b.atLeast = n(c.atLeast)
  if (c.atMost !== undefined) b.atMost = n(c.atMost)
  if (c.above !== undefined) b.above = n(c.above)
  if (c.below !== undefined) b.below = n(c.below)
  if (Array.isArray(c.between)) {
    b.atLeast = n(c.between[0])
    b.atMost = n(c.between[1])
  }
  return b
}

function within(b: Bounds, v: Fixed): boolean {
  return (
    (b.atLeast === undefined || v >= b.atLeast) &&
    (b.atMost === undefined || v <= b.atMost) &&
    (b.above === undefined || v > b.above) &&
    (b.below === undefined || v < b.below)
  )
}

function describeBounds(b: Bounds): string {
  const parts: string[] = []
  if (b.atLeast !== undefined) parts.push(`≥ ${toFixedString(b.atLeast)}`)
  if (b.atMost !== undefined) parts.push(`≤ ${toFixedString(b.atMost)}`)
  if (b.above !== undefined) parts.push(`> ${toFixedString(b.above)}`)
  if (b.below !== undefined) parts.push(`< ${toFixedString(b.below)}`)
  return parts.join(' and ')
}

const mark = (ok: boolean) => (ok ? '✓' : '✗')

function resolveDay(ref: DateRef, ctx: EvalContext): number | undefined {
  if ('day' in ref) return ref.day
  const anchor = ctx.to ?? ctx.asOf
  if (anchor === undefined) return undefined
  return daysFromCivil(ymd(anchor).y, ref.month, Math.min(ref.date, daysInMonth(ymd(anchor).y, ref.month)))
}

function needAsOf(ctx: EvalContext, what: string): number {
  if (ctx.asOf === undefined) throw evidenceError(ctx, 'OPTION_INVALID', `${what} needs the evaluation date: pass asOf (--as-of YYYY-MM-DD).`, [])
  return ctx.asOf
}

function durationText(d: Duration): string {
  return [d.years && `${d.years}y`, d.months && `${d.months}m`, d.days && `${d.days}d`].filter(Boolean).join(' ') || '0d'
}

export function compileCondition(cc: CompileContext, c: Condition): CompiledCondition {
  if ('all' in c) {
    const parts = c.all.map((p) => compileCondition(cc, p))
    return { test: (ctx) => parts.every((p) => p.test(ctx)), explain: (ctx) => `all of (${parts.map((p) => p.explain(ctx)).join('; ')})` }
  }
  if ('any' in c) {
    const parts = c.any.map((p) => compileCondition(cc, p))
    return { test: (ctx) => parts.some((p) => p.test(ctx)), explain: (ctx) => `any of (${parts.map((p) => p.explain(ctx)).join('; ')})` }
  }
  if ('not' in c) {
    const inner = compileCondition(cc, c.not)
    return { test: (ctx) => !inner.test(ctx), explain: (ctx) => `not (${inner.explain(ctx)})` }
  }
  if ('fact' in c) return factCondition(cc, c)
  if ('count' in c) {
    const rows = recordsReader(cc, c.count)
    const match = matcher(c.where)
    const b = bounds(cc, c, `count ${c.count}`)
    const dateField = cc.records[c.count]?.date
    const dur = c.within
    const anchor = c.before !== undefined ? dateReader(cc, c.before) : undefined
    const key = c.distinct ? cc.records[c.count]?.key : undefined
    const count = (ctx: EvalContext) => {
      let n = 0
      const seen = key === undefined ? undefined : new Set<unknown>()
      const all = dur ? ctx.records[c.count] ?? [] : rows(ctx)
      const asOf = dur ? (anchor ? anchor(ctx) : needAsOf(ctx, `count ${c.count} within`)) : 0
      if (asOf === undefined) return NaN
      const since = dur ? addDuration(asOf, dur, -1) : 0
      for (let i = 0; i < all.length; i++) {
        const r = all[i]!
        if (!match(r)) continue
        if (dur && dateField) {
          const day = recordDay(ctx, c.count, r, dateField, i)
          if (day <= since || day > asOf) continue
        }
        if (seen !== undefined) {
          if (seen.has(r[key!])) continue
          seen.add(r[key!])
        }
        n++
      }
      return n
    }
    return {
      test: (ctx) => within(b, count(ctx) * ONE),
      explain: (ctx) => {
        const n = count(ctx)
        return `${c.count}${describeWhere(c.where)}${dur ? ` in the ${durationText(dur)} before ${c.before ?? 'the evaluation date'}` : ''}: ${Number.isNaN(n) ? `unknown (${c.before} not given)` : n} ${describeBounds(b)} ${mark(within(b, n * ONE))}`
      },
    }
  }
  if ('quota' in c) {
    const q = cc.rubric.quotas?.find((x) => x.id === c.quota)
    if (!q) throw new CompileError(`unknown quota ${c.quota}`)
    const outcome = quotaOutcome(cc, q)
    return {
      test: (ctx) => (outcome(ctx).shortfall === 0) === c.met,
      explain: (ctx) => {
        const o = outcome(ctx)
        return `quota ${c.quota}: shortfall ${o.shortfall} ${mark((o.shortfall === 0) === c.met)}`
      },
    }
  }
  if ('date' in c) return dateCondition(cc, c)
  if ('span' in c) {
    const [a, b] = [dateReader(cc, c.span[0]), dateReader(cc, c.span[1])]
    const extra = c.ends === 'exclusive' ? 0 : 1
    const test = (ctx: EvalContext) => {
      const s = a(ctx)
      const e = b(ctx)
      if (s === undefined || e === undefined) return false
      const end = e + extra
      return (!c.atLeast || addDuration(s, c.atLeast) <= end) && (!c.atMost || end <= addDuration(s, c.atMost))
    }
    return {
      test,
      explain: (ctx) => {
        const s = a(ctx)
        const e = b(ctx)
        const days = s === undefined || e === undefined ? 'unknown' : `${e - s + extra} days`
        return `${c.span[0]} → ${c.span[1]}: ${days}${c.atLeast ? `, at least ${durationText(c.atLeast)}` : ''}${c.atMost ? `, at most ${durationText(c.atMost)}` : ''} ${mark(test(ctx))}`
      },
    }
  }
  if ('order' in c) {
    const readers = c.order.map((n) => dateReader(cc, n))
    const test = (ctx: EvalContext) => {
      let prev = -Infinity
      for (const r of readers) {
        const d = r(ctx)
        if (d === undefined || d < prev) return false
        prev = d
      }
      return true
    }
    return {
      test,
      explain: (ctx) => `${c.order.map((n, i) => `${n} ${fmtDay(readers[i]!(ctx))}`).join(' ≤ ')} ${mark(test(ctx))}`,
    }
  }
  if ('score' in c) {
    const index = c.score === 'total' ? 0 : cc.itemIndex.get(c.score)
    if (index === undefined) throw new CompileError(`unknown item ${c.score}`)
    const b = bounds(cc, c, `score ${c.score}`)
    return {
      test: (ctx) => within(b, ctx.scores[index]!),
      explain: (ctx) => `score of ${c.score} ${toFixedString(ctx.scores[index]!)} ${describeBounds(b)} ${mark(within(b, ctx.scores[index]!))}`,
    }
  }
  throw new CompileError(`unknown condition ${JSON.stringify(c)}`)
}

const fmtDay = (d: number | undefined) => (d === undefined ? '(none)' : formatDay(d))

function factCondition(cc: CompileContext, c: Extract<Condition, { fact: string }>): CompiledCondition {
  const decl = cc.facts[c.fact]
  if (!decl) throw new CompileError(`unknown fact ${c.fact}`)
  const numeric = decl.type === 'rate' || decl.type === 'number' || decl.type === 'integer' || decl.type === 'score'
  if (numeric) {
    const read = numberReader(cc, c.fact)
    const b = bounds(cc, c, `fact ${c.fact}`)
    if (c.is !== undefined) b.atLeast = b.atMost = num(cc, c.is as never, c.fact)
    const set = c.in ? c.in.map((v) => num(cc, v as never, c.fact)) : undefined
    const test = (ctx: EvalContext) => {
      const v = read(ctx)
      return within(b, v) && (!set || set.includes(v))
    }
    return { test, explain: (ctx) => `${c.fact} = ${toFixedString(read(ctx))} ${describeBounds(b)}${set ? ` in [${set.map((x) => toFixedString(x)).join(', ')}]` : ''} ${mark(test(ctx))}` }
  }
  if (decl.type === 'boolean') {
    const read = booleanReader(cc, c.fact)
    const want = c.is === undefined ? true : c.is
    return { test: (ctx) => read(ctx) === want, explain: (ctx) => `${c.fact} = ${String(read(ctx))}, needs ${String(want)} ${mark(read(ctx) === want)}` }
  }
  if (decl.type === 'date') {
    return dateCondition(cc, { date: c.fact, ...(c.is !== undefined ? {} : {}) })
  }
  const read = rawReader(cc, c.fact)
  const set = c.in ?? (c.is !== undefined ? [c.is] : [])
  const test = (ctx: EvalContext) => set.includes(read(ctx) as never)
  return { test, explain: (ctx) => `${c.fact} = ${String(read(ctx))}, needs ${set.map(String).join(' or ')} ${mark(test(ctx))}` }
}

function dateCondition(cc: CompileContext, c: Extract<Condition, { date: string }>): CompiledCondition {
  const read = dateReader(cc, c.date)
  const at = c.at !== undefined ? dateReader(cc, c.at) : undefined
  const when = (ctx: EvalContext, what: string): number | undefined => (at ? at(ctx) : needAsOf(ctx, what))
  const before = c.onOrBefore !== undefined ? dateRef(cc, c.onOrBefore, c.date) : undefined
  const after = c.onOrAfter !== undefined ? dateRef(cc, c.onOrAfter, c.date) : undefined
  const test = (ctx: EvalContext) => {
    const d = read(ctx)
    if (d === undefined) return false
    if (c.validFor) {
      const t = when(ctx, `${c.date} validFor`)
      if (t === undefined || !(t < addDuration(d, c.validFor))) return false
    }
    if (c.heldFor) {
      const t = when(ctx, `${c.date} heldFor`)
      if (t === undefined || !(addDuration(d, c.heldFor) <= t)) return false
    }
    if (before) {
      const limit = resolveDay(before, ctx)
      if (limit === undefined || d > limit) return false
    }
    if (after) {
      const limit = resolveDay(after, ctx)
      if (limit === undefined || d < limit) return false
    }
    return true
  }
  return {
    test,
    explain: (ctx) => {
      const d = read(ctx)
      const parts: string[] = []
      if (c.validFor && d !== undefined) parts.push(`valid until ${formatDay(addDuration(d, c.validFor) - 1)} (${durationText(c.validFor)})`)
      if (c.heldFor && d !== undefined) parts.push(`held ${durationText(c.heldFor)} from ${formatDay(addDuration(d, c.heldFor))}`)
      if (before) parts.push(`deadline ${fmtDay(resolveDay(before, ctx))}`)
      if (after) parts.push(`not before ${fmtDay(resolveDay(after, ctx))}`)
      if (c.validFor || c.heldFor) {
        const t = at ? at(ctx) : ctx.asOf
        if (t !== undefined) parts.push(`${c.at ? `at ${c.at} ` : 'as of '}${formatDay(t)}`)
      }
      return `${c.date} = ${fmtDay(d)}${parts.length ? ', ' + parts.join(', ') : ''} ${mark(test(ctx))}`
    },
  }
}
