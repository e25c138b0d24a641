/**
 * Combining the periods of a rollup, level by level (month → quarter → year), each item on its own with the level's
 * `combine`. The periods were scored by the compiled rubric, one run each (run.ts).
 */
import type { Program } from '../compile/program'
import type { QuotaOutcome } from '../compile/runtime'
import { makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic'
import { parsePeriodKey, periodKey, periodsBetween, type PeriodUnit } from '../num/dates'
import { add, divInt, toFixedString, type Fixed } from '../num/fixed'
import { EvidenceError } from '../compile/runtime'
import { listWords } from '../kinds/facts'

/** One period's run: its key, scores, 不適用 items, trail numbers and quota outcomes. */
export interface PeriodRun {
  key: string
  S: Float64Array
  NA: Uint8Array
  TR: Float64Array | null
  Q: (QuotaOutcome | undefined)[]
  /** The period's last day (yearly dates in its trail resolve in its year). */
  to: number
}

interface Group {
  key: string
  scores: Float64Array
  na: Uint8Array
}

export function combinePeriods(
  program: Program,
  runs: readonly PeriodRun[],
  window: { from: number | undefined; to: number | undefined },
  subject: string,
  params: Readonly<Record<string, unknown>> = {},
): { S: Float64Array; NA: Uint8Array; trails: Map<number, string>; levels: string; warnings: Diagnostic[] } {
  const levels = program.rubric.rollup!
  const n = program.layout.nodes.length
  const warnings: Diagnostic[] = []
  const err = (message: string) => new EvidenceError(makeDiagnostic('EVIDENCE_INVALID', message, { subject, path: ['periods'] }))
  let groups: Group[] = runs.map((r) => ({ key: r.key, scores: r.S, na: r.NA }))
  const trails = new Map<number, string>()
  let unit: PeriodUnit = levels[0]!.from
  for (const rolled of levels) {
    // a combine given by an enum parameter: its value for this evaluation
    const level = { ...rolled, combine: (typeof rolled.combine === 'object' ? params[rolled.combine.param] : rolled.combine) as 'sum' | 'mean' | 'min' | 'max' | 'last' }
    if (level.from !== unit) throw err(`The rubric's rollup goes from ${level.from}, but the previous level gives ${unit}.`)
    const byKey = new Map<string, Group[]>()
    for (const g of groups) {
      const k = periodKey(parsePeriodKey(g.key)!.from, level.to)
      const members = byKey.get(k)
      if (members === undefined) byKey.set(k, [g])
      else members.push(g)
    }
    const next: Group[] = []
    for (const [key, members] of byKey) {
      const span = parsePeriodKey(key)!
      const expected = periodsBetween(Math.max(span.from, window.from ?? span.from), Math.min(span.to, window.to ?? span.to), level.from)
      const given = new Set(members.map((m) => m.key))
      const missing = expected.filter((e) => !given.has(e))
      if (missing.length && level.missing !== 'skip') throw err(`${key} combines ${level.from}s by ${level.combine}, but ${listWords(missing)} ${missing.length > 1 ? 'are' : 'is'} missing from the evidence.`)
      if (missing.length) warnings.push(makeDiagnostic('EVIDENCE_MISSING', `${key}: ${listWords(missing)} missing; combined the ${members.length} given.`, { subject, severity: 'warning', path: ['periods'] }))
      const scores = new Float64Array(n)
      const na = new Uint8Array(n)
      for (let i = 0; i < n; i++) {
        const live = members.filter((m) => m.na[i] !== 1)
        if (!live.length) {
          na[i] = 1
          continue
        }
        scores[i] = combine(level.combine, live.map((m) => m.scores[i]!))
        trails.set(i, `${level.combine} of ${live.map((m) => `${m.key} ${toFixedString(m.scores[i]!)}`).join(', ')} = ${toFixedString(scores[i]!)}`)
      }
      next.push({ key, scores, na })
    }
    groups = next
    unit = level.to
  }
  if (groups.length !== 1) throw err(`The evidence covers ${groups.length} ${unit}s (${listWords(groups, undefined, ', ', (g) => g.key)}); give the assessed span (period from/to).`)
  return { S: groups[0]!.scores, NA: groups[0]!.na, trails, levels: levels.map((l) => `${l.from} → ${l.to} by ${typeof l.combine === 'object' ? String(params[l.combine.param]) : l.combine}`).join(', '), warnings }
}

function combine(how: 'sum' | 'mean' | 'min' | 'max' | 'last', values: Fixed[]): Fixed {
  switch (how) {
    case 'sum':
      return values.reduce((a, b) => add(a, b), 0)
    case 'mean':
      return divInt(values.reduce((a, b) => add(a, b), 0), values.length)
    case 'min':
      return values.reduce((a, b) => (b < a ? b : a))
    case 'max':
      return values.reduce((a, b) => (b > a ? b : a))
    case 'last':
      return values[values.length - 1]!
  }
}
