/**
 * The Xuzhou 2017 rubric as a GoRules ZEN decision graph (JDM: `xuzhouGraph`, JSON data), created once with
 * `new ZenEngine()` / `createDecision` and evaluated per subject (async: the native engine runs it on its own threads).
 *
 *   input → refusal (expression) → switch ─ refuse → refused (expression: total null)                    → output
 *                                         └ else   → items (expression) → chief (decision table) → total (expression) → output
 *
 * ZEN's expression language computes with decimals (rust_decimal), so no snapping is needed: 0.90 − 0.88 is 0.02, and
 * round(x, 2) rounds half away from zero (= half-up for totals). Nothing is pre-processed: the subject goes in as kaoping
 * takes it. The dedupe of innovations by title is written with nested closures (`map(xs as r, … filter(xs, #.title ==
 * r.title) …)`): each record gives its piece's highest points ÷ the piece's record count, so a piece sums to its highest
 * points; the sum is rounded to 6 places (2/3 + 2/3 + 2/3 is 2.0000000000000000000000000001 in ZEN's 28 digits).
 * ZEN stops on null in arithmetic, so a subject missing a required fact is routed by the switch before anything reads it.
 */
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type * as ZenModule from '@gorules/zen-engine'
import type { ZenDecision, ZenEngine } from '@gorules/zen-engine'
import { JUDGED, REQUIRED_FACTS, type Subject } from './data'

/**
 * A native addon (a .node binary chosen at run time): required when the bench runs, never bundled — tsup (esbuild)
 * cannot bundle it, and a require through createRequire is left alone, so `npm run bench` needs no --external.
 */
const zenModule = createRequire(typeof __filename === 'string' ? __filename : join(process.cwd(), 'bench', 'zen.ts'))('@gorules/zen-engine') as typeof ZenModule

const node = (id: string, type: string, content?: unknown) => ({ id, type, name: id, position: { x: 0, y: 0 }, ...(content !== undefined ? { content } : {}) })
const expressions = (list: [string, string][], passThrough = false) => ({
  expressions: list.map(([key, value], i) => ({ id: `${key}-${i}`, key, value })),
  passThrough,
  inputField: null,
  outputPath: null,
  executionMode: 'single',
})
const edge = (sourceId: string, targetId: string, sourceHandle?: string) => ({ id: `${sourceId}->${targetId}`, type: 'edge', sourceId, targetId, ...(sourceHandle ? { sourceHandle } : {}) })

const n = (fact: string) => `number(facts.${fact})`
const inSpan = "d(#.date) >= d('2017-01-01') and d(#.date) <= d('2017-12-31')"
const piecePoints = "#.kind == 'national-adoption' ? 3 : (#.kind == 'innovation' or #.kind == 'provincial-adoption' ? 2 : 0)"

/** The decision graph (JDM), as JSON data. */
export const xuzhouGraph = {
  contentType: 'application/vnd.gorules.decision',
  nodes: [
    node('input', 'inputNode'),
    node('refusal', 'expressionNode', expressions([['refuse', REQUIRED_FACTS.map((f) => `facts.${f} == null`).join(' or ')]], true)),
    node('switch', 'switchNode', {
      hitPolicy: 'first',
      statements: [
        { id: 'refuse', condition: 'refuse' },
        { id: 'score', condition: '' },
      ],
    }),
    node('refused', 'expressionNode', expressions([['total', 'null']])),
    node(
      'items',
      'expressionNode',
      expressions([
        ['na', "notApplicable != null and contains(notApplicable, 'dev-zone-acceptance')"],
        // (一) 重點目標考評
        ['county', '(facts.countyStandardised ? 3 : 0) + (facts.provincialDemonstration ? 7 : 0)'],
        ['spot', `${n('townshipSamplingRatio')} >= 0.30 ? (${n('townshipPassRate')} >= 0.90 ? 10 : max([0, 10 - ceil((0.90 - ${n('townshipPassRate')}) / 0.01)])) : 0`],
        ['devZone', `$.na or facts.devZonePassRate == null ? 0 : (${n('devZonePassRate')} >= 1 ? 3 : 0)`],
        ['online', `${n('onlineQualifiedRate')} >= 0.95 ? 7 : 0`],
        ['village', `${n('villageQualifiedRate')} >= 0.50 ? 10 : 0`],
        ['chiefRate', n('chiefStatisticianRate')],
        ['virtual', 'facts.virtualSurveyTeam ? 5 : 0'],
        // (二) 工作環節考評
        ['work', `min([50, ${JUDGED.map((j) => `min([max([${n(j.fact)}, ${j.min}]), ${j.max}])`).join(' + ')}])`],
        // (三) 工作創新創優考評
        ['inSpan', `filter(records.innovations, ${inSpan})`],
        ['bonus', `min([10, round(sum(map($.inSpan as r, max(map(filter($.inSpan, #.title == r.title), ${piecePoints})) / count($.inSpan, #.title == r.title))), 6)])`],
      ]),
    ),
    node('chief', 'decisionTableNode', {
      hitPolicy: 'first',
      inputs: [{ id: 'rate', name: '首席統計員設置完成比例', field: 'chiefRate' }],
      outputs: [{ id: 'points', name: '得分', field: 'chief' }],
      rules: [
        { _id: 'all', rate: '[1..1]', points: '5' },
        { _id: 'coefficient', rate: '[0.40..1)', points: 'round(5 * chiefRate, 6)' },
        { _id: 'below', rate: '[0..0.40)', points: '0' },
      ],
      passThrough: true,
      inputField: null,
      outputPath: null,
      executionMode: 'single',
    }),
    node(
      'total',
      'expressionNode',
      expressions([
        ['keySum', 'county + spot + devZone + online + village + chief + virtual'],
        ['key', 'min([50, na ? round($.keySum * 50 / 47, 6) : $.keySum])'],
        ['total', 'round($.key + work + bonus, 2)'],
      ]),
    ),
    node('output', 'outputNode'),
  ],
  edges: [
    edge('input', 'refusal'),
    edge('refusal', 'switch'),
    edge('switch', 'refused', 'refuse'),
    edge('refused', 'output'),
    edge('switch', 'items', 'score'),
    edge('items', 'chief'),
    edge('chief', 'total'),
    edge('total', 'output'),
  ],
}

export function makeZenDecision(): { engine: ZenEngine; decision: ZenDecision } {
  const engine = new zenModule.ZenEngine()
  return { engine, decision: engine.createDecision(xuzhouGraph) }
}

const format = (total: unknown): string | null => (total === null || total === undefined ? null : (total as number).toFixed(2))

export async function zenTotal(decision: ZenDecision, s: Subject): Promise<string | null> {
  return format((await decision.evaluate(s)).result.total)
}

/** One evaluation at a time, each awaited. */
export async function zenSequential(decision: ZenDecision, subjects: readonly Subject[]): Promise<(string | null)[]> {
  const out: (string | null)[] = new Array(subjects.length)
  for (let i = 0; i < subjects.length; i++) out[i] = format((await decision.evaluate(subjects[i])).result.total)
  return out
}

/** `chunk` evaluations in flight at once (Promise.all over chunks): the native engine spreads them over its threads. */
export async function zenBatched(decision: ZenDecision, subjects: readonly Subject[], chunk = 1000): Promise<(string | null)[]> {
  const out: (string | null)[] = new Array(subjects.length)
  for (let start = 0; start < subjects.length; start += chunk) {
    const end = Math.min(subjects.length, start + chunk)
    const runs: Promise<void>[] = []
    for (let i = start; i < end; i++) runs.push(decision.evaluate(subjects[i]).then((r) => void (out[i] = format(r.result.total))))
    await Promise.all(runs)
  }
  return out
}
