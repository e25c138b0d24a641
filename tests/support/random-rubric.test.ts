// The random rubric and evidence generator (tests/support/random-rubric.ts) that drives the differential fuzz test:
// every generated rubric passes loadRubricData and compiles, obeys the rules the next release's validator adds, and its
// evidence scores (valid subjects) or is refused (the subjects the case lists as invalid); over the run every construct
// of the language appears. FC_RUNS=<n> scales the number of cases by n / 300 (default 600), FC_SEED=<seed> replays a run.
import { validOptions } from './cases'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileRubric, loadRubricData } from '../../src/index'
import { buildCase, caseArb, coverageOf, EXPECTED_TAGS, parseDec, labelledSubjectArb, rubricArb, type RandomCase } from './random-rubric'
import { fcSeed, runs } from './xuzhou'

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const RUNS = runs(600)
const SEED = fcSeed

/** Rule of the next release: a score condition inside the tree names only an item scored earlier (post-order). */
function scoreOrderProblems(rubric: Obj): string[] {
  const problems: string[] = []
  const done = new Set<string>()
  const conds = (c: unknown, out: Obj[] = []): Obj[] => {
    if (c === null || typeof c !== 'object') return out
    const o = c as Obj
    out.push(o)
    for (const x of o.all ?? []) conds(x, out)
    for (const x of o.any ?? []) conds(x, out)
    if (o.not) conds(o.not, out)
    return out
  }
  const visit = (items: Obj[]) => {
    for (const it of items) {
      if (it.kind === 'section') visit(it.items)
      for (const c of [...conds(it.requires), ...conds(it.when)])
        if (typeof c.score === 'string' && (c.score === 'total' || !done.has(c.score))) problems.push(`${it.id} reads the score of ${c.score}, not scored before it`)
      done.add(it.id)
    }
  }
  visit(rubric.items)
  return problems
}

/** Rule of the next release: deduct points ≥ 0 and step > 0, deductions points and cap ≥ 0, quota item points ≥ 0 (parameters: default and min). */
function signProblems(rubric: Obj): string[] {
  const problems: string[] = []
  const check = (v: unknown, what: string, strict = false) => {
    const bad = (x: number | undefined) => x === undefined || (strict ? x <= 0 : x < 0)
    if (v !== null && typeof v === 'object') {
      const p = rubric.params[(v as Obj).param]
      const lo = p.type === 'rate' ? 0 : p.min === undefined ? undefined : parseDec(p.min)
      if (bad(parseDec(p.default)) || bad(lo)) problems.push(`${what}: parameter ${(v as Obj).param} can be ${strict ? '≤' : '<'} 0`)
    } else if (bad(parseDec(v))) problems.push(`${what} = ${String(v)}`)
  }
  const visit = (items: Obj[]) => {
    for (const it of items) {
      if (it.kind === 'section') visit(it.items)
      if (it.kind === 'deduct') (check(it.points, `${it.id}.points`), check(it.step, `${it.id}.step`, true))
      if (it.kind === 'deductions')
        for (const d of it.deductions) {
          check(d.points, `${d.id}.points`)
          if (d.cap !== undefined) check(d.cap, `${d.id}.cap`)
        }
      if (it.kind === 'quota') check(it.points, `${it.id}.points`)
    }
  }
  visit(rubric.items)
  return problems
}

const show = (ds: readonly { severity: string; code: string; message: string; path?: readonly (string | number)[] }[]) =>
  ds.map((d) => `${d.severity} ${d.code}${d.path ? ` @${d.path.join('.')}` : ''}: ${d.message}`).join('\n')

describe('random rubric generator', () => {
  it(`${RUNS} cases: valid rubrics that compile, evidence that scores or is refused as labelled, every construct covered`, () => {
    const counts = new Map<string, number>()
    const warnings = new Map<string, number>()
    let subjects = 0
    let invalid = 0
    let leaves = 0
    let maxItems = 0
    fc.assert(
      fc.property(caseArb(), (c: RandomCase) => {
        const loaded = loadRubricData(c.rubric)
        if (!loaded.ok) throw new Error(`rubric refused:\n${show(loaded.diagnostics)}\n${JSON.stringify(c.rubric)}`)
        for (const d of loaded.diagnostics) warnings.set(d.code, (warnings.get(d.code) ?? 0) + 1)
        const compiled = compileRubric(loaded.value)
        if (!compiled.ok) throw new Error(`rubric does not compile:\n${show(compiled.diagnostics)}`)
        const order = scoreOrderProblems(c.rubric)
        if (order.length) throw new Error(`score conditions out of order: ${order.join('; ')}`)
        const signs = signProblems(c.rubric)
        if (signs.length) throw new Error(`negative points or steps: ${signs.join('; ')}`)

        const ids = c.subjects.map((s) => s.id)
        if (new Set(ids).size !== ids.length) throw new Error(`duplicate subject ids: ${ids.join(', ')}`)
        // each subject alone: a valid one scores, a listed invalid one is refused
        const options = validOptions(compiled.value, c.options)
        for (const s of c.subjects) {
          const inv = c.invalid.find((x) => x.subject === s.id)
          const r = compiled.value.evaluate(s, options)
          if (inv && r.ok) throw new Error(`subject ${String(s.id)} should be refused (${inv.reason}: ${inv.detail}) but scored ${r.value.total}`)
          if (!inv && !r.ok) throw new Error(`subject ${String(s.id)} should score but was refused:\n${show(r.diagnostics)}`)
        }
        subjects += c.subjects.length
        invalid += c.invalid.length
        const count = (items: Obj[]): number => items.reduce((n, it) => n + 1 + (it.kind === 'section' ? count(it.items) : 0), 0)
        const n = count(c.rubric.items as Obj[])
        maxItems = Math.max(maxItems, n)
        leaves += n
        for (const tag of coverageOf(c)) counts.set(tag, (counts.get(tag) ?? 0) + 1)
      }),
      { numRuns: RUNS, ...SEED },
    )

    const sorted = [...counts].sort(([a], [b]) => (a < b ? -1 : 1))
    const width = Math.max(...sorted.map(([k]) => k.length))
    console.log(
      [
        `random rubric generator: ${RUNS} cases, ${subjects} subjects (${invalid} invalid, ${((100 * invalid) / subjects).toFixed(1)}%), ${(leaves / RUNS).toFixed(1)} items per rubric on average, at most ${maxItems}`,
        `loader warnings: ${[...warnings].map(([k, v]) => `${k} ${v}`).join(', ')}`,
        'cases exercising each construct:',
        ...sorted.map(([k, v]) => `  ${k.padEnd(width)} ${v}`),
      ].join('\n'),
    )
    const missing = EXPECTED_TAGS.filter((t) => !counts.has(t))
    expect(missing, `constructs never generated in ${RUNS} cases`).toEqual([])
  }, 300_000)

  it('is deterministic: the same seeds give the same case', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 1, maxLength: 8 }), (a, b, s) => {
        expect(buildCase(a, b, s)).toEqual(buildCase(a, b, s))
      }),
      { numRuns: 50 },
    )
  })

  it('rubricArb and subjectArb give valid rubrics and evidence on their own', () => {
    fc.assert(
      fc.property(
        rubricArb().chain((rubric) => fc.tuple(fc.constant(rubric), labelledSubjectArb(rubric))),
        ([rubric, { subject, invalid }]) => {
          const loaded = loadRubricData(rubric)
          if (!loaded.ok) throw new Error(show(loaded.diagnostics))
          const compiled = compileRubric(loaded.value)
          if (!compiled.ok) throw new Error(show(compiled.diagnostics))
          // no options: the subject may still need an evaluation date the rubric does not give (validFor without a span)
          const r = compiled.value.evaluate(subject, { asOf: '2017-12-31' })
          // a subject the builder could not keep valid (rare: a count computed value it could not keep ≥ 0) is labelled
          if (invalid === undefined && !r.ok) throw new Error(show(r.diagnostics))
          if (invalid !== undefined && r.ok) throw new Error(`should be refused (${invalid.reason}: ${invalid.detail}) but scored ${r.value.total}`)
        },
      ),
      { numRuns: 100, ...SEED },
    )
  })
})
