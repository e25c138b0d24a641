/**
 * Shared pieces for the property and differential tests: the Xuzhou 2017 evaluator, fast-check arbitraries for
 * valid Xuzhou evidence, and a run-count knob (FC_RUNS).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { compileRubric, loadRubric, type Evaluator, type ItemResult } from '../../src/index'

export const root = join(__dirname, '..', '..')

/** numRuns for a property: `base` by default, scaled by FC_RUNS / 300 when FC_RUNS is set (e.g. FC_RUNS=5000). */
export function runs(base: number): number {
  const env = Number(process.env.FC_RUNS)
  if (!Number.isFinite(env) || env <= 0) return base
  return Math.max(1, Math.round((base * env) / 300))
}

/** Optional fixed seed for replaying a failure: FC_SEED=<seed printed by fast-check>. */
export const fcSeed: { seed?: number } = Number.isInteger(Number(process.env.FC_SEED)) && process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}

export function loadXuzhou(): Evaluator {
  const file = join(root, 'rubrics', 'xuzhou-statistics-2017.yaml')
  const loaded = loadRubric(readFileSync(file, 'utf8'), { file })
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, null, 2))
  const c = compileRubric(loaded.value)
  if (!c.ok) throw new Error(JSON.stringify(c.diagnostics, null, 2))
  return c.value
}

// --- decimals ------------------------------------------------------------------

/** m × 10^-p written out with exactly p places ("0.50", "-3.125", "7"). */
export function fmtScaled(m: bigint, p: number): string {
  const neg = m < 0n
  const s = (neg ? -m : m).toString().padStart(p + 1, '0')
  const int = s.slice(0, s.length - p)
  const frac = s.slice(s.length - p)
  return (neg ? '-' : '') + int + (p > 0 ? '.' + frac : '')
}

/** A decimal string in [lo, hi] with 0–maxPlaces places (trailing zeros kept as written). */
export function decimalText(lo: number, hi: number, maxPlaces = 6): fc.Arbitrary<string> {
  return fc
    .integer({ min: 0, max: maxPlaces })
    .chain((p) => fc.bigInt({ min: BigInt(lo) * 10n ** BigInt(p), max: BigInt(hi) * 10n ** BigInt(p) }).map((m) => fmtScaled(m, p)))
}

/** The same decimal given as a JSON number or as a decimal string (sometimes padded with trailing zeros). */
export function numberOrString(text: fc.Arbitrary<string>): fc.Arbitrary<number | string> {
  return fc.tuple(text, fc.constantFrom('number', 'string', 'padded')).map(([s, how]) =>
    how === 'number' ? Number(s) : how === 'padded' && s.includes('.') ? s + '000' : s,
  )
}

// --- Xuzhou evidence ------------------------------------------------------------------

/** Rates that sit on or next to the rubric's edges (targets, band edges, the parameter pool below). */
const RATE_EDGES = [
  '0', '1', '1.0', '0.000001', '0.999999', '0.25', '0.29', '0.299999', '0.3', '0.300001', '0.33', '0.369999', '0.37',
  '0.399999', '0.4', '0.400001', '0.405', '0.409999', '0.41', '0.410001', '0.5', '0.499999',
  '0.875', '0.88', '0.89', '0.895', '0.899999', '0.9', '0.900001', '0.949999', '0.95', '0.99', '0.995',
]

/** A rate in [0, 1] with at most 6 places, as a number or a decimal string; often an edge value. */
export const rateArb: fc.Arbitrary<number | string> = numberOrString(fc.oneof({ weight: 3, arbitrary: decimalText(0, 1) }, { weight: 2, arbitrary: fc.constantFrom(...RATE_EDGES) }))

/** A judged score: usually an integer or decimal near the item's range, sometimes far outside it, sometimes -0. */
export const judgedArb: fc.Arbitrary<number | string> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -2, max: 17 }) },
  { weight: 4, arbitrary: numberOrString(decimalText(-1, 16)) },
  { weight: 1, arbitrary: numberOrString(decimalText(-1_000_000, 1_000_000)) },
  { weight: 1, arbitrary: fc.constantFrom<number | string>(-0, '-0', '0.000000', 1, 3, 15, '15.000001', 0.999999) },
)

export const JUDGED_FACTS = [
  'materials', 'ledger', 'achievements', 'countyApplications', 'enterpriseAcceptance',
  'workInformation', 'classifiedGuidance', 'lookBack', 'provincialShowcase', 'regulationMeasures',
] as const

export const INNOVATION_KINDS = ['innovation', 'national-adoption', 'provincial-adoption'] as const

const DAY_MS = 86_400_000
const dayText = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10)
const DAY_2016_07_01 = Date.UTC(2016, 6, 1) / DAY_MS
const DAY_2018_06_30 = Date.UTC(2018, 5, 30) / DAY_MS

/** A calendar date around 2017 (about a third outside it), often on the year's edges. */
export const dateArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: DAY_2016_07_01, max: DAY_2018_06_30 }).map(dayText) },
  { weight: 1, arbitrary: fc.constantFrom('2016-12-31', '2017-01-01', '2017-12-31', '2018-01-01', '2017-02-28', '2016-02-29') },
)

export interface InnovationRow {
  title?: string
  kind: (typeof INNOVATION_KINDS)[number]
  date: string
}

export const innovationArb: fc.Arbitrary<InnovationRow> = fc.record(
  // The title is the record type's key (one piece); a few short titles so that pieces repeat and dedupe bites.
  { title: fc.oneof(fc.constantFrom('甲', '乙', '丙'), fc.string({ maxLength: 8 })), kind: fc.constantFrom(...INNOVATION_KINDS), date: dateArb },
  { requiredKeys: ['title', 'kind', 'date'] },
)

export interface XuzhouSubject {
  id: string
  name?: string
  facts: Record<string, unknown>
  records?: { innovations: InnovationRow[] }
  notApplicable?: string[]
}

export const xuzhouFactsArb: fc.Arbitrary<Record<string, unknown>> = fc.record({
  countyStandardised: fc.boolean(),
  provincialDemonstration: fc.boolean(),
  townshipPassRate: rateArb,
  townshipSamplingRatio: rateArb,
  devZonePassRate: rateArb,
  onlineQualifiedRate: rateArb,
  villageQualifiedRate: rateArb,
  chiefStatisticianRate: rateArb,
  virtualSurveyTeam: fc.boolean(),
  ...Object.fromEntries(JUDGED_FACTS.map((f) => [f, judgedArb])),
})

/** One valid subject's evidence (0–maxRecords innovation records; sometimes dev-zone-acceptance 不適用). */
export function xuzhouSubjectArb(id: fc.Arbitrary<string> = fc.constant('s1'), maxRecords = 20): fc.Arbitrary<XuzhouSubject> {
  return fc
    .record({
      id,
      name: fc.option(fc.string({ maxLength: 6 }), { nil: undefined }),
      facts: xuzhouFactsArb,
      innovations: fc.option(fc.array(innovationArb, { maxLength: maxRecords }), { nil: undefined, freq: 6 }),
      na: fc.boolean(),
    })
    .map(({ id, name, facts, innovations, na }) => ({
      id,
      ...(name !== undefined ? { name } : {}),
      facts,
      ...(innovations !== undefined ? { records: { innovations } } : {}),
      ...(na ? { notApplicable: ['dev-zone-acceptance'] } : {}),
    }))
}

export const SUBJECT_IDS = ['fengxian', 'peixian', 'suining', 'pizhou', 'xinyi', 'tongshan', 'gulou', 'yunlong', 'jiawang', 'quanshan', 'kaifaqu', 'a', 'b', 'c', 'x-1', 'x-2']

/**
 * Parameter values. Every distinct set of overrides compiles the rubric once more (an ajv compile, ~70 ms), so the
 * coefficient edge is drawn from a fixed pool in [0.3, 0.41] (its ends, values a millionth off the default 0.4, and
 * one inside) rather than from the whole interval; some are given as numbers, some as strings. Not overriding it
 * gives the default 0.4.
 */
export const COEFFICIENT_POOL: readonly (number | string)[] = [0.3, '0.300001', 0.37, '0.399999', '0.400001', 0.41]
export const ROUNDINGS = ['ceil', 'floor', 'exact'] as const

export interface XuzhouParams {
  spotCheckRounding?: (typeof ROUNDINGS)[number]
  chiefCoefficientFrom?: number | string
}

export const paramsArb: fc.Arbitrary<XuzhouParams | undefined> = fc.option(
  fc.record({ spotCheckRounding: fc.constantFrom(...ROUNDINGS), chiefCoefficientFrom: fc.constantFrom(...COEFFICIENT_POOL) }, { requiredKeys: [] }),
  { nil: undefined, freq: 4 },
)

/** Every item result in the tree, depth first. */
export function allItems(items: readonly ItemResult[] | undefined, out: ItemResult[] = []): ItemResult[] {
  for (const i of items ?? []) {
    out.push(i)
    allItems(i.items, out)
  }
  return out
}

export function itemById(items: readonly ItemResult[], id: string): ItemResult {
  const found = allItems(items).find((i) => i.id === id)
  if (!found) throw new Error(`no item ${id}`)
  return found
}

/** A copy of an array in the order given by a permutation arbitrary's keys. */
export function permuted<T>(list: readonly T[], keys: readonly number[]): T[] {
  return list
    .map((x, i) => ({ x, k: keys[i] ?? 0, i }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((e) => e.x)
}
