/**
 * The Xuzhou 2017 rubric as json-rules-engine rules (`xuzhouRules`, JSON data). Each rule's event carries the points
 * it gives (`replaceFactsInEventParams`: a judged score or a coefficient's fact is resolved into the event); the
 * facts are the subject's own. One Engine, built once; `engine.run(facts)` per subject (async).
 *
 * What the engine cannot express, done in JS and marked so:
 * - the innovation bonus (dedupe by title at the highest points, the 2017 window, the cap): conditions test facts,
 *   they do not aggregate a list of records, so it is a dynamic fact (`innovationBonus`, computed from the records);
 * - the arithmetic after the rules fired (`tally`): summing the events' points per section, the 不適用 rescale × 50 / 47,
 *   the section caps and the final rounding. A rules engine decides which rules fire; it does not add.
 * 三(一)2's "−1 per started percentage point below 90%" is written as rules: one band per point, [0.89, 0.90) → 9,
 * [0.88, 0.89) → 8, …, built from the rubric's target, step and points (ceil: a started point counts whole).
 *
 * Binary floats (JS numbers), with hand.ts's snap to whole millionths before the final rounding.
 */
import { Engine, type Event, type RuleProperties, type TopLevelCondition } from 'json-rules-engine'
import { JUDGED, REQUIRED_FACTS, type Innovation, type Subject } from './data'

type Section = 'key' | 'work' | 'bonus'
const points = (section: Section, pts: number | { fact: string }, name: string, conditions: TopLevelCondition): RuleProperties => ({
  name,
  conditions,
  event: { type: 'points', params: { section, points: pts } },
})

function spotCheckRules(): RuleProperties[] {
  // target 0.90, step 0.01, 1 point per started step, floor 0; only with a sampling ratio ≥ 0.30
  const rules: RuleProperties[] = []
  for (let k = 0; k < 10; k++) {
    const lo = (90 - k) / 100 // the double nearest the decimal, as the fact's own value
    const band = k === 0 ? [{ fact: 'townshipPassRate', operator: 'greaterThanInclusive', value: lo }] : [
      { fact: 'townshipPassRate', operator: 'greaterThanInclusive', value: lo },
      { fact: 'townshipPassRate', operator: 'lessThan', value: (91 - k) / 100 },
    ]
    rules.push(points('key', 10 - k, `township-spot-check −${k}`, { all: [{ fact: 'townshipSamplingRatio', operator: 'greaterThanInclusive', value: 0.3 }, ...band] }))
  }
  return rules
}

/** The rules, as JSON data. */
export const xuzhouRules: RuleProperties[] = [
  {
    name: 'refuse: a required fact is missing',
    conditions: { any: REQUIRED_FACTS.map((fact) => ({ fact, operator: 'isMissing', value: true })) },
    event: { type: 'refuse' },
  },
  // (一) 重點目標考評
  points('key', 3, 'county-qualified', { all: [{ fact: 'countyStandardised', operator: 'equal', value: true }] }),
  points('key', 7, 'provincial-demonstration', { all: [{ fact: 'provincialDemonstration', operator: 'equal', value: true }] }),
  ...spotCheckRules(),
  points('key', 3, 'dev-zone-acceptance', {
    all: [
      { fact: 'notApplicable', operator: 'doesNotContain', value: 'dev-zone-acceptance' },
      { fact: 'devZonePassRate', operator: 'greaterThanInclusive', value: 1 }, // missing: fails (counts as 0)
    ],
  }),
  {
    name: 'dev-zone-acceptance 不適用',
    conditions: { all: [{ fact: 'notApplicable', operator: 'contains', value: 'dev-zone-acceptance' }] },
    event: { type: 'notApplicable', params: { section: 'key', max: 3 } },
  },
  points('key', 7, 'online-reporting', { all: [{ fact: 'onlineQualifiedRate', operator: 'greaterThanInclusive', value: 0.95 }] }),
  points('key', 10, 'village-standardisation', { all: [{ fact: 'villageQualifiedRate', operator: 'greaterThanInclusive', value: 0.5 }] }),
  points('key', 5, 'chief-statisticians 全部完成', { all: [{ fact: 'chiefStatisticianRate', operator: 'greaterThanInclusive', value: 1 }] }),
  {
    name: 'chief-statisticians 系數',
    conditions: {
      all: [
        { fact: 'chiefStatisticianRate', operator: 'greaterThanInclusive', value: 0.4 },
        { fact: 'chiefStatisticianRate', operator: 'lessThan', value: 1 },
      ],
    },
    event: { type: 'points', params: { section: 'key', times: 5, value: { fact: 'chiefStatisticianRate' } } },
  },
  points('key', 5, 'virtual-survey-team', { all: [{ fact: 'virtualSurveyTeam', operator: 'equal', value: true }] }),
  // (二) 工作環節考評: the judged score, clamped into [min, max]
  ...JUDGED.flatMap((j) => [
    points('work', j.min, `${j.fact} below ${j.min}`, { all: [{ fact: j.fact, operator: 'lessThan', value: j.min }] }),
    points('work', j.max, `${j.fact} above ${j.max}`, { all: [{ fact: j.fact, operator: 'greaterThan', value: j.max }] }),
    points('work', { fact: j.fact }, j.fact, {
      all: [
        { fact: j.fact, operator: 'greaterThanInclusive', value: j.min },
        { fact: j.fact, operator: 'lessThanInclusive', value: j.max },
      ],
    }),
  ]),
  // (三) 工作創新創優考評
  points('bonus', { fact: 'innovationBonus' }, 'innovation', { all: [{ fact: 'innovationBonus', operator: 'greaterThan', value: 0 }] }),
]

// ── JS the engine cannot express (1): the records' dedupe, window and cap, as a dynamic fact ──
const kindPoints = (kind: string) => (kind === 'national-adoption' ? 3 : 2)
function innovationBonus(rows: readonly Innovation[] | undefined): number {
  const best = new Map<string, number>()
  for (const r of rows ?? []) {
    if (r.date < '2017-01-01' || r.date > '2017-12-31') continue
    const p = kindPoints(r.kind)
    if (p > (best.get(r.title) ?? 0)) best.set(r.title, p)
  }
  let sum = 0
  for (const p of best.values()) sum += p
  return Math.min(10, sum)
}

/** The engine, built once: the rules, a `isMissing` operator and the dynamic fact. */
export function makeRulesEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, replaceFactsInEventParams: true })
  engine.addOperator('isMissing', (value: unknown) => value === undefined || value === null)
  engine.addFact('innovationBonus', (_params, almanac) => almanac.factValue<Innovation[]>('innovations').then(innovationBonus))
  for (const r of xuzhouRules) engine.addRule(r)
  return engine
}

const factsOf = (s: Subject): Record<string, unknown> => ({ ...s.facts, notApplicable: s.notApplicable ?? [], innovations: s.records.innovations })

// ── JS the engine cannot express (2): adding up the fired events ──
function tally(events: readonly Event[]): string | null {
  let key = 0
  let work = 0
  let bonus = 0
  let na = false
  for (const e of events) {
    if (e.type === 'refuse') return null
    const p = e.params as { section: Section; points?: number | string; times?: number; value?: number | string }
    if (e.type === 'notApplicable') {
      na = true
      continue
    }
    const pts = p.times !== undefined ? p.times * +p.value! : +p.points!
    if (p.section === 'key') key += pts
    else if (p.section === 'work') work += pts
    else bonus += pts
  }
  if (na) key = Math.round((key * 50 * 1e6) / 47) / 1e6
  const cents = Math.round(Math.round((Math.min(50, key) + Math.min(50, work) + bonus) * 1e6) / 1e4)
  const whole = Math.floor(cents / 100)
  const c = cents - whole * 100
  return whole + (c < 10 ? '.0' : '.') + c
}

/** One subject at a time, each run awaited. */
export async function rulesEngineSequential(engine: Engine, subjects: readonly Subject[]): Promise<(string | null)[]> {
  const out: (string | null)[] = new Array(subjects.length)
  for (let i = 0; i < subjects.length; i++) out[i] = tally((await engine.run(factsOf(subjects[i]!))).events)
  return out
}

/**
 * Many runs in flight on the one engine (Promise.all over chunks). Safe here because every rule has the same priority:
 * the engine keeps one `status` for all runs and skips the rules of a run whose priority set starts after another run
 * finished, so with several priorities concurrent runs would lose rules (the bench's check against kaoping would show it).
 */
export async function rulesEngineBatched(engine: Engine, subjects: readonly Subject[], chunk = 500): Promise<(string | null)[]> {
  const out: (string | null)[] = new Array(subjects.length)
  for (let start = 0; start < subjects.length; start += chunk) {
    const end = Math.min(subjects.length, start + chunk)
    const runs: Promise<void>[] = []
    for (let i = start; i < end; i++) runs.push(engine.run(factsOf(subjects[i]!)).then((r) => void (out[i] = tally(r.events))))
    await Promise.all(runs)
  }
  return out
}
