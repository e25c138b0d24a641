/**
 * A target that may differ per subject: a number or parameter (the same for all), a fact or computed value (each
 * town's own 任務數), or a tier table (`by` an enum fact: 一類縣 100, 二類縣 80). Shared by deduct and add.
 */
import { z } from 'zod'
import type { Fixed } from '../../num/fixed'
import { Name, Value } from '../../model/common'
import type { Checker, Gen, Refs, TrailView } from './spec'
import { listWords } from './words'
import { NUMERIC_FACTS, type Path } from './values'

export const Target = z.union([
  Value,
  z.object({ fact: Name.describe('A numeric fact or computed value: each subject’s own target.') }).strict(),
  z
    .object({
      by: Name.describe('An enum fact: the subject’s tier.'),
      values: z.record(z.string().min(1), Value).describe('The target of each tier; every value of the fact needs one.'),
    })
    .strict(),
])

export type Target = z.infer<typeof Target>

const isFact = (t: Target): t is { fact: string } => typeof t === 'object' && 'fact' in t
const isTier = (t: Target): t is { by: string; values: Record<string, Value> } => typeof t === 'object' && 'by' in t

export function targetRefs(t: Target, r: Refs, at: Path, use: string): void {
  if (isFact(t)) r.fact(t.fact, [...at, 'fact'], use, NUMERIC_FACTS)
  else if (isTier(t)) r.fact(t.by, [...at, 'by'], use, ['enum'])
}

/** The values a target takes compared with its fact's domain; a tier table names every tier once. */
export function checkTarget(t: Target, fact: string, c: Checker, at: Path, what: string): void {
  if (isFact(t)) return
  if (!isTier(t)) return c.outsideDomain(fact, [['target', t]], at.slice(0, -1))
  const f = c.fact(t.by)
  for (const [k, v] of Object.entries(t.values)) c.outsideDomain(fact, [[k, v]], [...at, 'values'])
  if (f?.type !== 'enum') return
  const values = new Set(f.values)
  for (const k of Object.keys(t.values)) if (!values.has(k)) c.bad(`${what}: the target table names "${k}", which is not a value of fact "${t.by}" (${listWords(f.values)}).`, [...at, 'values', k])
  const missing = f.values.filter((v) => !Object.prototype.hasOwnProperty.call(t.values, v))
  if (missing.length) c.bad(`${what}: the target table has no target for ${listWords(missing, undefined, ', ', (v) => `"${v}"`)} (values of fact "${t.by}").`, [...at, 'values'], 'Give every tier its target.')
}

/** The target as an expression of its Fixed value for this subject. */
export function emitTarget(t: Target, g: Gen): string {
  if (isFact(t)) return g.number(t.fact)
  if (!isTier(t)) return g.num(t)
  const values = (g.decls.facts?.[t.by] as { values?: string[] } | undefined)?.values ?? []
  const table = g.bind((num) => values.map((v) => (Object.prototype.hasOwnProperty.call(t.values, v) ? num(t.values[v]) : NaN)))
  const tier = g.local('tier')
  g.line(`const ${tier} = ${g.enumIn(t.by, values)} ? ${g.enumIndex(t.by)} : -1`)
  g.line(`if (${tier} < 0) ${g.refuse('EVIDENCE_MISSING', g.str(`The target of item ${g.node.id} depends on fact "${t.by}", which is not given.`), g.path('facts', t.by))}`)
  return `${table}[${tier}]`
}

/** The target this evaluation used (recorded in `slot` when it is per subject), and where it came from in words. */
export function targetOf(t: Target, v: TrailView, slot: number): { value: Fixed; from: string } {
  if (isFact(t)) return { value: v.slot(slot), from: ` (${t.fact})` }
  if (isTier(t)) return { value: v.slot(slot), from: ` (the target of its ${t.by})` }
  return { value: v.num(t), from: '' }
}
