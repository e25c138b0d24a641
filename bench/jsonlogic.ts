/**
 * The Xuzhou 2017 rubric as one json-logic-js rule (JSON data: `xuzhouRule`), evaluated with `jsonLogic.apply`.
 *
 * Pre-processed in JS, because json-logic cannot express it:
 * - grouping the innovation records by title (dedupe): `map`/`filter`/`reduce` see one element at a time, with no access
 *   to the other elements or to an outer scope, and there is no way to build an object keyed by a field. The records
 *   are handed to the rule grouped by title (`pieces`: one list per title); everything else about them — the 2017
 *   window (ISO dates compare as text), the points by kind, the highest per piece, the cap of 10 — is in the rule.
 * Everything else is in the rule, including the refusal (`missing`), the 不適用 rescale, clamping, the rounding (json-logic
 * has no round/floor/ceil: floor(x) = x − x % 1 for x ≥ 0, and a value is bound to a name with a one-element `reduce`,
 * since json-logic has no variables) and formatting the total as "87.50" (`cat` and `substr`).
 *
 * json-logic computes with binary floats; like hand.ts, the partial percentage point and the final rounding first
 * snap to whole millionths, which keeps the results exact for inputs of at most 6 decimal places.
 */
import * as jsonLogicModule from 'json-logic-js'
import type { RulesLogic, AdditionalOperation } from 'json-logic-js'
import { JUDGED, REQUIRED_FACTS, type Innovation, type Subject } from './data'

// A UMD module: its functions are the namespace when bundled (CommonJS), its default export when Node's ESM loader reads it.
const jsonLogic: typeof jsonLogicModule = (jsonLogicModule as unknown as { default?: typeof jsonLogicModule }).default ?? jsonLogicModule

// A tiny builder: every helper returns plain JSON.
type J = unknown
const v = (path: string): J => ({ var: path })
const F = (fact: string): J => v(`facts.${fact}`)
const add = (...xs: J[]): J => ({ '+': xs })
const mul = (...xs: J[]): J => ({ '*': xs })
const sub = (a: J, b: J): J => ({ '-': [a, b] })
const div = (a: J, b: J): J => ({ '/': [a, b] })
const mod = (a: J, b: J): J => ({ '%': [a, b] })
const min = (...xs: J[]): J => ({ min: xs })
const max = (...xs: J[]): J => ({ max: xs })
const ge = (a: J, b: J): J => ({ '>=': [a, b] })
const iff = (...xs: J[]): J => ({ if: xs })
/** `body` with {"var": "current"} bound to the value of x (a one-element reduce). */
const let1 = (x: J, body: J): J => ({ reduce: [{ merge: [x] }, body, 0] })
const CUR = v('current')
const floor = (x: J): J => let1(x, sub(CUR, mod(CUR, 1))) // x ≥ 0 (for x < 0 this truncates, which the rule never needs)
const round = (x: J): J => floor(add(x, 0.5)) // half-up, x ≥ 0
const ceil = (x: J): J => let1(x, iff({ '==': [mod(CUR, 1), 0] }, CUR, add(sub(CUR, mod(CUR, 1)), 1))) // x ≥ 0

const na = { in: ['dev-zone-acceptance', v('notApplicable')] }

// (一) 重點目標考評
const countyStandardisation = add(iff(F('countyStandardised'), 3, 0), iff(F('provincialDemonstration'), 7, 0))
const spotCheck = iff(
  ge(F('townshipSamplingRatio'), 0.3),
  // millionths short of 0.90, then −1 per started percentage point (10,000 millionths), floor 0
  let1(round(mul(sub(0.9, F('townshipPassRate')), 1e6)), iff({ '<=': [CUR, 0] }, 10, max(0, sub(10, ceil(div(CUR, 10000)))))),
  0,
)
const devZone = iff(na, 0, iff(ge(F('devZonePassRate'), 1), 3, 0)) // missing → null → 0
const online = iff(ge(F('onlineQualifiedRate'), 0.95), 7, 0)
const village = iff(ge(F('villageQualifiedRate'), 0.5), 10, 0)
const chief = let1(F('chiefStatisticianRate'), iff(ge(CUR, 1), 5, ge(CUR, 0.4), mul(5, CUR), 0))
const virtual = iff(F('virtualSurveyTeam'), 5, 0)
const keySum = add(countyStandardisation, spotCheck, devZone, online, village, chief, virtual)
const key = min(50, iff(na, div(round(div(mul(keySum, 50, 1e6), 47)), 1e6), keySum))

// (二) 工作環節考評
const work = min(50, add(...JUDGED.map((j) => max(j.min, min(j.max, F(j.fact))))))

// (三) 工作創新創優考評: per piece (a list of records with one title), the highest points among its 2017 records
const pointsOf = (kind: J): J => iff({ '==': [kind, 'innovation'] }, 2, { '==': [kind, 'national-adoption'] }, 3, { '==': [kind, 'provincial-adoption'] }, 2, 0)
const inSpan = { '<=': ['2017-01-01', v('date'), '2017-12-31'] }
const piece = { reduce: [{ filter: [v(''), inSpan] }, max(v('accumulator'), pointsOf(v('current.kind'))), 0] }
const bonus = min(10, { reduce: [{ map: [v('pieces'), piece] }, add(v('current'), v('accumulator')), 0] })

// total: to the millionth, half-up to cents, written "87.50"
const cents = round(div(round(mul(add(key, work, bonus), 1e6)), 1e4))
const formatted = let1(cents, { cat: [div(sub(CUR, mod(CUR, 100)), 100), '.', { substr: [{ cat: ['0', mod(CUR, 100)] }, -2] }] })

/** The whole rubric: null when a required fact is missing, else the total. JSON data (JSON.stringify it to store it). */
export const xuzhouRule = iff({ missing: REQUIRED_FACTS.map((k) => `facts.${k}`) }, null, formatted) as RulesLogic<AdditionalOperation>

/** The data the rule reads: the subject's facts and 不適用 list as given, its records grouped by title. */
export function jsonLogicData(s: Subject): { facts: Subject['facts']; notApplicable: string[] | undefined; pieces: Innovation[][] } {
  const rows = s.records.innovations
  const pieces: Innovation[][] = []
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!
    let k = 0
    while (k < pieces.length && pieces[k]![0]!.title !== r.title) k++
    if (k === pieces.length) pieces.push([r])
    else pieces[k]!.push(r)
  }
  return { facts: s.facts, notApplicable: s.notApplicable, pieces }
}

export function jsonLogicTotal(s: Subject): string | null {
  return jsonLogic.apply(xuzhouRule, jsonLogicData(s)) as string | null
}
