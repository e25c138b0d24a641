/**
 * One semantics, proven on random rubrics: for random valid rubrics (every item kind and condition form, caps,
 * floors, negative points, dedupe, bands with every edge form, 不適用, parameters, periods — tests/support/
 * random-rubric.ts) and random cohorts, every path of kaoping gives the same total for every subject, and so does
 * an independent reference evaluator written apart with decimal.js from the language reference alone
 * (tests/reference/reference.ts):
 *
 *   totals()  ·  evaluate() one by one, with and without trail  ·  evaluateCohort() in a random order  ·  reference
 * (and, for the cohort, competition ranks worked out here from the totals (within each group), the same ranks and
 * grades in another order, and the reference's ranks and grades: thresholds, gates that bar, veto or lower, ranked
 * quotas by count, range, parameter or share, from the top or the bottom, with ties, keep-place and groups)
 *
 * A subject refused by one is refused by all. `npm test` runs 2,000 rubric × cohort cases; `npm run fuzz` twenty
 * times as many (KAOPING_FUZZ=<factor>). A failure prints fast-check's seed: replay it with FC_SEED=<seed>;
 * DUMP_CASE=<file> writes the failing case (rubric, subjects, options) as JSON.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileRubric, explain, loadRubricData, type Evaluator } from '../src/index'
import { referenceDetails, referenceGrades, type RefOptions, type RefStanding } from './reference/reference'
import { validOptions } from './support/cases'
import { caseArb, type RandomCase } from './support/random-rubric'
import { fcSeed } from './support/xuzhou'

const FACTOR = Math.max(1, Number(process.env.KAOPING_FUZZ) || (process.env.npm_lifecycle_event === 'fuzz' ? 20 : 1))
const CASES = Math.round(2000 * FACTOR)

type Outcome = { total: string } | { refused: string }

const show = (o: Outcome | undefined) => (o === undefined ? 'nothing' : 'total' in o ? o.total : `refused ${o.refused}`)

function compiled(c: RandomCase): Evaluator {
  const loaded = loadRubricData(c.rubric)
  if (!loaded.ok) throw new Error(`the generator made a rubric kaoping refuses: ${loaded.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`)
  const e = compileRubric(loaded.value)
  if (!e.ok) throw new Error(`a valid rubric does not compile: ${e.diagnostics.map((d) => d.message).join('; ')}`)
  return e.value
}

/** A deterministic shuffle from fast-check's seed. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs]
  let s = seed >>> 0 || 1
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

describe('one semantics: every path and an independent reference agree on random rubrics', () => {
  it(`${CASES.toLocaleString('en')} random rubric × cohort cases`, () => {
    let subjects = 0
    let refused = 0
    let graded_ = 0
    fc.assert(
      fc.property(caseArb(), fc.integer(), (c, order) => {
        const e = compiled(c)
        const options = validOptions(e, c.options)
        const ids = c.subjects.map((s) => String(s.id))
        const outcomes: Record<string, Map<string, Outcome>> = {}
        const put = (path: string, id: string, o: Outcome) => (outcomes[path] ??= new Map()).set(id, o)

        // 1. totals(), skipping refused subjects
        const t = e.totals(c.subjects, { ...options, invalid: 'skip' })
        if (!t.ok) throw new Error(`totals failed: ${t.diagnostics.map((d) => d.message).join('; ')}`)
        t.value.totals.forEach((total, i) => put('totals', ids[i]!, total === null ? { refused: t.diagnostics.find((d) => d.path?.[1] === i)?.code ?? '?' } : { total }))

        // 2. evaluate() one by one, with and without trail (the trail renders)
        for (const s of c.subjects) {
          const id = String(s.id)
          for (const trail of [false, true]) {
            const r = e.evaluate(s, { ...options, trail })
            put(trail ? 'evaluate+trail' : 'evaluate', id, r.ok ? { total: r.value.total } : { refused: r.diagnostics.find((d) => d.severity === 'error')?.code ?? '?' })
            if (r.ok && trail) expect(explain(r.value)).toContain(r.value.total)
          }
        }

        // 3. evaluateCohort() in a random order
        const cohort = e.evaluateCohort({ subjects: shuffled(c.subjects, order) }, { ...options, invalid: 'skip' })
        if (!cohort.ok) throw new Error(`evaluateCohort failed: ${cohort.diagnostics.map((d) => d.message).join('; ')}`)
        for (const s of cohort.value.subjects) put('cohort', s.subject.id, { total: s.total })
        for (const x of cohort.value.refused ?? []) put('cohort', x.id ?? `#${x.index}`, { refused: x.diagnostics.find((d) => d.severity === 'error')?.code ?? '?' })

        // 3b. ranking: competition ranks by the published total (1 + how many have a higher one), computed here
        // independently of kaoping's sort; and ranks and grades (ranked quotas included) the same in another order
        // (with grades.groupBy, within the subject's group)
        const published = cohort.value.subjects.map((x) => Number(x.total))
        cohort.value.subjects.forEach((x, i) =>
          expect(x.rank, `rank of ${x.subject.id}\nseeds ${JSON.stringify(c.seeds)}`).toBe(1 + published.filter((t, j) => t > published[i]! && cohort.value.subjects[j]!.group === x.group).length),
        )
        const again = e.evaluateCohort({ subjects: shuffled(c.subjects, order + 1) }, { ...options, invalid: 'skip' })
        if (!again.ok) throw new Error('evaluateCohort failed in another order')
        const standing = (r: typeof cohort.value) => new Map(r.subjects.map((x) => [x.subject.id, [x.rank, x.grade, x.gradeBasis, x.gradeReason]]))
        expect(standing(again.value), `seeds ${JSON.stringify(c.seeds)}`).toEqual(standing(cohort.value))

        // 4. the independent reference: totals, then ranks and grades over the cohort (§11, §12)
        const standings: { id: string; total: string; standing: RefStanding }[] = []
        for (const s of c.subjects) {
          const d = referenceDetails(c.rubric, s, options as RefOptions)
          const r = d.outcome
          put('reference', String(s.id), r.ok ? { total: r.total } : { refused: r.code })
          if (r.ok && d.standing) standings.push({ id: String(s.id), total: r.total, standing: d.standing })
        }
        if (standings.length === cohort.value.subjects.length) {
          const graded = referenceGrades(c.rubric, standings)
          for (const x of cohort.value.subjects) {
            // findings: the same values (a fact's text, a condition's outcome)
            const ref = standings.find((q) => q.id === x.subject.id)!.standing.findings
            const got = (x.findings ?? []).map((f) => f.value)
            if (JSON.stringify(got) !== JSON.stringify(ref)) throw new Error(`subject ${x.subject.id}: kaoping's findings ${JSON.stringify(got)}, the reference's ${JSON.stringify(ref)}\nseeds ${JSON.stringify(c.seeds)}`)
            const want = graded.get(x.subject.id)
            if ((!want || want.rank !== x.rank || want.grade !== x.grade) && process.env.DUMP_CASE) require('node:fs').writeFileSync(process.env.DUMP_CASE, JSON.stringify(c))
          if (!want || want.rank !== x.rank || want.grade !== x.grade)
              throw new Error(`subject ${x.subject.id}: kaoping ranks ${x.rank} (group ${JSON.stringify(x.group)}) and grades ${x.grade} (${x.gradeReason}); the reference ${want?.rank} (group ${JSON.stringify(standings.find((q) => q.id === x.subject.id)?.standing.group)}) and ${want?.grade}; cohort ${JSON.stringify(cohort.value.subjects.map((y) => [y.subject.id, y.total, y.group, y.rank]))} ref ${JSON.stringify(standings.map((q) => [q.id, q.total, q.standing.group]))} groupBy ${JSON.stringify((c.rubric as any).grades?.groupBy)} facts ${JSON.stringify(c.subjects.map((q: any) => [q.id, q.facts?.[(c.rubric as any).grades?.groupBy], q.periods !== undefined]))}\nseeds ${JSON.stringify(c.seeds)}`)
          }
          graded_++
        }

        for (const id of ids) {
          const base = outcomes.evaluate!.get(id)
          for (const [path, m] of Object.entries(outcomes)) {
            const o = m.get(id)
            const agree = o !== undefined && base !== undefined && ('total' in o && 'total' in base ? o.total === base.total : 'refused' in o && 'refused' in base)
            if (!agree && process.env.DUMP_CASE) require('node:fs').writeFileSync(process.env.DUMP_CASE, JSON.stringify(c))
            if (!agree) throw new Error(`subject ${id}: evaluate gives ${show(base)}, ${path} gives ${show(o)}\nseeds ${JSON.stringify(c.seeds)}`)
          }
          // the kaoping paths refuse with the same code
          for (const path of ['totals', 'evaluate+trail', 'cohort']) {
            const o = outcomes[path]!.get(id)!
            if ('refused' in o && 'refused' in base! && path !== 'totals') expect(o.refused, `${id} ${path}`).toBe(base.refused)
          }
          subjects++
          if ('refused' in base!) refused++
        }
      }),
      { numRuns: CASES, ...fcSeed },
    )
    // the cases reach both sides: most subjects score, some are refused
    expect(subjects).toBeGreaterThan(CASES * 2)
    expect(refused).toBeGreaterThan(CASES / 20)
    expect(refused).toBeLessThan(subjects / 2)
    // ranks and grades were compared with the reference in (nearly) every case
    expect(graded_).toBeGreaterThan(CASES * 0.9)
  })
})
