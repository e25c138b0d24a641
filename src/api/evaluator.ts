/**
 * The public evaluator: compile once, evaluate many. Every method runs the one compiled form of the rubric
 * (src/compile/codegen.ts): a subject alone, a cohort, `totals()` and trails cannot disagree. Nothing throws on bad
 * input; every answer is a Result with diagnostics.
 */
import { preview } from '../load/text'
import { makeDiagnostic, type Diagnostic, type Result } from '../diagnostics/diagnostic'
import { fail, ok } from '../diagnostics/diagnostic'
import { notRubricDiagnostic, rubricOf } from './schemas'
import { evidenceSchema as schemaOf } from '../compile/evidence-schema'
import { compileProgram, type Bound, type Program } from '../compile/program'
import type { LinkedEvaluate } from '../compile/runtime'
import { Standing } from '../evaluate/cohort'
import { listWords } from '../kinds/kit/words'
import { IdIndex } from '../evaluate/ids'
import type { CohortResult, DecimalString, RefusedSubject, SubjectResult } from '../evaluate/result'
import { closeCall, openCall, resolveWindow, subjectId, resultOf, totalOf, type Call, type EvaluateOptions } from '../evaluate/run'
import type { CohortQuotaResult } from '../evaluate/result'
import type { Rubric } from '../kinds/rubric'
import { DEFAULT_LIMITS, limitExceeded, resolveLimits, type Limits } from '../limits'
import { formatDay } from '../num/dates'
import { parseFixed, toFixedString } from '../num/fixed'
import { defaultValue } from '../validate/checker'
import { checkPlainData } from '../validate/data-limits'

export type { EvaluateOptions }
export type { SubjectEvidence } from '../evaluate/envelope'

export interface CompileRubricOptions {
  /** Parameter values for every evaluation of this evaluator (each evaluation may override them again). */
  params?: Readonly<Record<string, unknown>>
  /** Evaluators of other rubrics, by rubric id, for score facts given as that rubric's evidence. */
  link?: Readonly<Record<string, Evaluator>>
}

/** A compiled rubric: compile once, evaluate many. Pure and synchronous. */
export interface Evaluator {
  readonly rubric: Rubric
  /** Scores one subject. Evidence is checked first; problems come back as diagnostics, never as NaN or a silent 0. */
  evaluate(subject: unknown, options?: EvaluateOptions): Result<SubjectResult>
  /**
   * Scores every subject, ranks them and gives ranked-quota grades. Fails whole if any subject's evidence is refused,
   * unless `invalid: 'skip'` (then the refused ones are listed under `refused`).
   */
  evaluateCohort(evidence: unknown, options?: EvaluateOptions): Result<CohortResult>
  /**
   * Every subject's final total (checked, exact, rounded as the rubric says), without trails, gates or grades: the
   * same numbers as `evaluate`, from the same compiled code. Fails whole on the first refused subject, unless
   * `invalid: 'skip'` (then its total is null and its diagnostics are in the result's diagnostics, as warnings).
   */
  totals(subjects: readonly unknown[], options?: EvaluateOptions): Result<{ ids: string[]; totals: (DecimalString | null)[] }>
  /**
   * A cohort scored one subject at a time, for cohorts too large to hold: `add` gives each subject's result (without
   * rank or ranked-quota grade) and keeps only what ranking needs; `finish` ranks them, and its `apply` gives a
   * result its rank and grade. The same code as evaluateCohort. `settings` are the cohort's own (asOf, period,
   * params, rubric), as an evidence file gives them; options override them.
   */
  cohort(options?: EvaluateOptions, settings?: Omit<CohortEvidence, 'subjects'>, how?: CohortHow): Result<CohortScorer>
  /** The JSON Schema of the evidence this rubric expects. */
  evidenceSchema(): Record<string, unknown>
}

/** How a streamed cohort's results are used. */
export interface CohortHow {
  /**
   * Each result is read (written out, copied) before the next subject is added, and not after: the next subject's
   * numbers may then take its place. Saves the memory a kept result needs; a result read later reads wrong numbers.
   */
  transient?: boolean
}

/** A cohort being scored subject by subject (see `Evaluator.cohort`). */
export interface CohortScorer {
  /**
   * Scores the next subject. A refused subject (its evidence, or an id given twice) fails with its diagnostics,
   * paths starting ["subjects", i] where i counts every subject added; the caller decides whether that refuses the
   * cohort (as evaluateCohort does by default) or skips the subject.
   */
  add(subject: unknown): Result<SubjectResult>
  /** Ranks the subjects added. Fails when the cohort itself is wrong (a subject not among the rubric's own). */
  finish(): Result<CohortStanding>
}

/** A ranked cohort: subject i is the i-th subject whose `add` succeeded. */
export interface CohortStanding {
  readonly size: number
  rank(i: number): number
  /**
   * The subjects' indices (as `add` numbered them) in ranked order: group by group (groups in the order their first
   * subject came), best first within a group, equal totals in id order.
   */
  order(): Int32Array
  /** The grade a ranked quota gave subject i, with the reason; undefined when it keeps its threshold grade. */
  quotaGrade(i: number): { grade: string; gradeReason: string } | undefined
  /** The evaluation date the cohort was scored at. */
  asOf?: string
  /** Gives result r (subject i, as `add` returned it, or scored again) its rank and ranked-quota grade. */
  apply(r: SubjectResult, i: number): SubjectResult
  cohortQuotas: CohortQuotaResult[]
  warnings: Diagnostic[]
}

/** The scorer behind evaluateCohort and `cohort()`. */
interface Scorer {
  call: Call
  /** The evaluation date, as result text (the call's state is reused once the scorer finishes). */
  asOf?: string
  standing: Standing
  /** Scores the next subject (its index: the number added before it). */
  add(subject: unknown): Result<SubjectResult>
  /** Ends the call; ranks unless `rank` is false (a cohort already refused). */
  finish(rank?: boolean): { problems: Diagnostic[]; warnings: Diagnostic[] }
  close(): void
}

export interface CohortEvidence {
  rubric?: string
  asOf?: string
  period?: { from?: string; to?: string }
  params?: Record<string, unknown>
  subjects: unknown[]
}

const programs = new WeakMap<Evaluator, Program>()

/** The compiled program behind an evaluator (for kaoping's own tests and tools; not part of the published API). */
export function programOf(evaluator: Evaluator): Program | undefined {
  return programs.get(evaluator)
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** The parameters an item's max is read from (a score sheet whose points are set per round), each once. */
function maxParams(items: readonly Rubric['items'][number][]): string[] {
  const names = new Set<string>()
  const walk = (list: readonly Rubric['items'][number][]): void => {
    for (const it of list) {
      if (typeof it.max === 'object') names.add(it.max.param)
      if (it.kind === 'section') walk(it.items)
    }
  }
  walk(items)
  return [...names]
}

/** The rubric with every item max given by a parameter written out at `values` (a program is compiled for it). */
function withMaxima(r: Rubric, values: Readonly<Record<string, unknown>>): Rubric {
  const write = (list: readonly Rubric['items'][number][]): Rubric['items'] =>
    list.map((it) => {
      const max = typeof it.max === 'object' ? toFixedString(values[it.max.param] as number) : it.max
      return (it.kind === 'section' ? { ...it, max, items: write(it.items) } : { ...it, max }) as Rubric['items'][number]
    })
  return { ...r, items: write(r.items) }
}

/** How many programs an evaluator keeps compiled for sets of item maxima from parameters (least recently used dropped first). */
const MAX_VARIANTS = 8

/**
 * The program for a set of parameter values: the rubric's own, or — when an item's max is a parameter — one compiled
 * with those maxima written out (the layout, its bounds and its rescaling are the program's), kept for later calls.
 */
export type ProgramFor = (values: Readonly<Record<string, unknown>>) => Result<Program>

function variants(r: Rubric): Result<{ program: Program; programFor: ProgramFor }> {
  const names = maxParams(r.items)
  if (!names.length) {
    const compiled = compileProgram(r)
    return compiled.ok ? ok({ program: compiled.value, programFor: () => compiled }, compiled.diagnostics) : compiled
  }
  const kept = new Map<string, Result<Program>>()
  const programFor: ProgramFor = (values) => {
    const key = JSON.stringify(names.map((n) => values[n]))
    let p = kept.get(key)
    if (p !== undefined) {
      kept.delete(key) // most recently used last
      kept.set(key, p)
      return p
    }
    p = compileProgram(withMaxima(r, values), r)
    kept.set(key, p)
    if (kept.size > MAX_VARIANTS) kept.delete(kept.keys().next().value!)
    return p
  }
  // the rubric's own program: the maxima at the parameters' defaults (its rules hold for the rubric as written)
  const defaults = Object.fromEntries(Object.entries(r.params ?? {}).flatMap(([n, p]) => (p.type === 'number' || p.type === 'integer' || p.type === 'rate' ? [[n, defaultValue(p)]] : [])))
  const program = programFor(defaults)
  return program.ok ? ok({ program: program.value, programFor }, program.diagnostics) : program
}

/** Compiles a validated rubric into an evaluator. Fails only for bad parameter values (or a defect, as a diagnostic). */
export function compileRubric(rubric: Rubric | { rubric: Rubric }, options: CompileRubricOptions = {}): Result<Evaluator> {
  const r = rubricOf(rubric)
  if (!r) return fail([notRubricDiagnostic('compileRubric')])
  if (!isObject(options)) return fail([makeDiagnostic('OPTION_INVALID', 'The options of compileRubric must be a mapping { params, link }.')])
  const compiled = variants(r)
  if (!compiled.ok) return compiled
  const { program: own, programFor } = compiled.value
  if (options.params !== undefined && !isObject(options.params)) return fail([makeDiagnostic('OPTION_INVALID', 'The option "params" must be a mapping of parameter names to values.')])
  const bound = own.bind(options.params)
  if (!bound.ok) return bound
  // compile-time parameters may set an item's max: the evaluator's base program is the one for their values
  const chosen = programFor(bound.value.values)
  if (!chosen.ok) return chosen
  const program = chosen.value
  const base = program === own ? bound : program.bind(options.params)
  if (!base.ok) return base
  const evaluator = makeEvaluator(program, base.value, options, programFor)
  programs.set(evaluator, program)
  return ok(evaluator, compiled.diagnostics)
}

/**
 * Parameter values split into this rubric's own and those of linked rubrics: `other-rubric.name` goes to the rubric
 * linked as other-rubric (ids have no dots, parameter names neither). A dotted name whose rubric is not linked is
 * refused.
 */
function splitLinked(params: Record<string, unknown>, link: CompileRubricOptions['link']): Result<{ own: Record<string, unknown>; linked: Record<string, Record<string, unknown>> | undefined }> {
  // objects without a prototype: a key "__proto__" is a key like any other (and reported as unknown)
  const own: Record<string, unknown> = Object.create(null)
  let linked: Record<string, Record<string, unknown>> | undefined
  for (const [key, value] of Object.entries(params)) {
    const dot = key.indexOf('.')
    // without linked rubrics a dotted name is this rubric's, and reported as unknown by it
    if (dot < 0 || link === undefined || Object.keys(link).length === 0) {
      own[key] = value
      continue
    }
    const [id, name] = [key.slice(0, dot), key.slice(dot + 1)]
    if (!Object.prototype.hasOwnProperty.call(link, id)) {
      const ids = Object.keys(link)
      return fail([makeDiagnostic('OPTION_INVALID', `Parameter ${preview(key)} names rubric ${preview(id)}, which is not linked${ids.length ? `; linked: ${ids.slice(0, 12).join(', ')}` : ''}.`, { path: ['params', key] })])
    }
    ;((linked ??= Object.create(null) as Record<string, Record<string, unknown>>)[id] ??= Object.create(null) as Record<string, unknown>)[name] = value
  }
  return ok({ own, linked })
}

function makeEvaluator(program: Program, base: Bound, options: CompileRubricOptions, programFor: ProgramFor): Evaluator {
  const link: LinkedEvaluate | undefined = options.link
    ? (rubricId, evidence, st, fact) => {
        const other = Object.prototype.hasOwnProperty.call(options.link, rubricId) ? options.link![rubricId] : undefined
        if (!other) return makeDiagnostic('EVIDENCE_INVALID', `Fact "${fact}" gives evidence for rubric ${rubricId}, but no evaluator for it is linked.`, { path: ['facts', fact] })
        const params = st.linkParams?.[rubricId]
        const r = other.evaluate({ id: st.scope.subject, ...(evidence as object) }, { ...(st.asOf === st.asOf ? { asOf: formatDay(st.asOf) } : {}), ...(params ? { params } : {}), trail: false })
        if (!r.ok) return r.diagnostics.find((d) => d.severity === 'error') ?? makeDiagnostic('EVIDENCE_INVALID', 'The linked rubric refused the evidence.')
        return parseFixed(r.value.total)!
      }
    : undefined

  /** Everything one call needs: limits, parameter values (checked), dates, and the state its runs reuse. */
  const open = (opts: unknown, extra?: Pick<CohortEvidence, 'asOf' | 'period' | 'params'>): Result<Call> => {
    if (opts !== undefined && !isObject(opts)) return fail([makeDiagnostic('OPTION_INVALID', 'The options must be a mapping such as { asOf: "2017-12-31" }.')])
    const o = (opts ?? {}) as EvaluateOptions
    const limits = o.limits === undefined ? ok(DEFAULT_LIMITS as Limits) : resolveLimits(o.limits)
    if (!limits.ok) return limits
    if (o.invalid !== undefined && o.invalid !== 'fail' && o.invalid !== 'skip') return fail([makeDiagnostic('OPTION_INVALID', `The option "invalid" must be "fail" or "skip", not ${JSON.stringify(o.invalid)?.slice(0, 40)}.`)])
    const callParams = o.params ?? extra?.params
    if (callParams !== undefined) {
      if (!isObject(callParams)) return fail([makeDiagnostic('OPTION_INVALID', 'The option "params" must be a mapping of parameter names to values.')])
      const plain = checkPlainData(callParams, limits.value, 'evidence', ['params'])
      if (plain.length) return fail(plain.map((d) => ({ ...d, code: d.code === 'EVIDENCE_INVALID' ? ('OPTION_INVALID' as const) : d.code })))
    }
    const given = extra?.params !== undefined && o.params !== undefined ? { ...extra.params, ...o.params } : callParams
    const split = given === undefined ? undefined : splitLinked(given as Record<string, unknown>, options.link)
    if (split !== undefined && !split.ok) return split
    const params = split?.value.own
    let bound = params === undefined || Object.keys(params).length === 0 ? ok(base) : program.bind({ ...options.params, ...params })
    if (!bound.ok) return bound
    // an item's max set by these parameter values: the program compiled for them (kept for later calls)
    let prog = program
    if (bound !== undefined && params !== undefined && Object.keys(params).length) {
      const chosen = programFor(bound.value.values)
      if (!chosen.ok) return chosen
      if (chosen.value !== program) {
        prog = chosen.value
        bound = prog.bind({ ...options.params, ...params })
        if (!bound.ok) return bound
      }
    }
    const w = resolveWindow(prog, { asOf: o.asOf ?? extra?.asOf, period: o.period ?? extra?.period }, limits.value)
    if (!w.ok) return w
    const call = openCall(prog, bound.value, w.value, limits.value, link, o)
    call.st.linkParams = split?.value.linked
    return ok(call)
  }
  /** Runs fn inside an open call, closed however fn ends. */
  const within = <T>(opts: unknown, extra: Pick<CohortEvidence, 'asOf' | 'period' | 'params'> | undefined, fn: (c: Call) => Result<T>): Result<T> => {
    const call = open(opts, extra)
    if (!call.ok) return call
    try {
      return fn(call.value)
    } finally {
      closeCall(call.value)
    }
  }
  const tooMany = (n: number, limits: Limits): Result<never> | undefined =>
    n > limits.maxSubjects ? fail([limitExceeded('maxSubjects', limits.maxSubjects, `The cohort has ${n.toLocaleString('en')} subjects`, { path: ['subjects'] })]) : undefined
  /** Which subjects get their items' trails under the call's options: all, none, or those listed (a set made once). */
  const trailsFor = (o: EvaluateOptions): ((id: string | undefined) => boolean) => {
    if (!Array.isArray(o.trail)) {
      const all = o.trail !== false
      return () => all
    }
    const listed = new Set<unknown>(o.trail)
    return (id) => id !== undefined && listed.has(id)
  }

  /** The cohort-wide settings an evidence file may give (rubric, asOf, period, params), checked as plain data. */
  const settingsOf = (file: CohortEvidence): Result<Pick<CohortEvidence, 'asOf' | 'period' | 'params'>> => {
    const rest: Record<string, unknown> = {}
    for (const k of ['rubric', 'asOf', 'period', 'params']) if (file[k as keyof CohortEvidence] !== undefined) rest[k] = file[k as keyof CohortEvidence]
    const plain = checkPlainData(rest, DEFAULT_LIMITS, 'evidence')
    if (plain.length) return fail(plain)
    const diagnostics: Diagnostic[] = []
    if (file.rubric !== undefined && file.rubric !== program.rubric.id) diagnostics.push(makeDiagnostic('EVIDENCE_INVALID', `The evidence is for rubric "${String(file.rubric).slice(0, 80)}", not "${program.rubric.id}".`, { path: ['rubric'] }))
    const settings: Pick<CohortEvidence, 'asOf' | 'period' | 'params'> = {}
    if (file.asOf !== undefined) settings.asOf = file.asOf
    if (file.period !== undefined) settings.period = file.period
    if (file.params !== undefined) settings.params = file.params
    return ok(settings, diagnostics)
  }

  /**
   * A cohort scored subject by subject: each subject's result as it is added (without rank or ranked-quota grade),
   * and what ranking needs kept in a standing; `finish` ranks them. evaluateCohort and the streaming CLI both run it.
   */
  const openScorer = (opts: unknown, settings: Pick<CohortEvidence, 'asOf' | 'period' | 'params'> | undefined, transient = false): Result<Scorer> => {
    const call = open(opts, settings)
    if (!call.ok) return call
    const c = call.value
    c.transient = transient
    // A transient scorer writes each subject over the last, from the start of its slab: a slab of its own, never one
    // that results of earlier calls still read (slabs are otherwise only cut forward).
    if (transient) {
      c.slab = new Float64Array(0)
      c.slabAt = 0
    }
    const trailFor = trailsFor(c.opts)
    const seen = new IdIndex()
    const declared = program.rubric.subjects?.list
    const declaredIds = declared ? new Set(declared.map((d) => d.id)) : undefined
    const problems: Diagnostic[] = []
    const standing = new Standing(c.program, c.bound, seen)
    let closed = false
    let count = 0
    const close = () => {
      if (!closed) closeCall(c)
      closed = true
    }
    return ok({
      call: c,
      ...(c.window.text.asOf !== undefined ? { asOf: c.window.text.asOf } : {}),
      standing,
      close,
      add(subject) {
        const index = count++
        if (closed) return fail([makeDiagnostic('OPTION_INVALID', 'This cohort is finished: start another with evaluator.cohort().')])
        if (standing.size >= c.limits.maxSubjects) return fail([limitExceeded('maxSubjects', c.limits.maxSubjects, `The cohort has more than ${c.limits.maxSubjects.toLocaleString('en')} subjects`, { path: ['subjects', index] })])
        const id = subjectId(subject)
        // the id's place in the index (a subject without an id is refused by resultOf)
        let idAt = -1
        if (id !== undefined) {
          const known = seen.find(id)
          if (known !== -1)
            return fail([makeDiagnostic('EVIDENCE_DUPLICATE_SUBJECT', `Subject "${id}" appears twice (entries ${seen.entry(known) + 1} and ${index + 1}).`, { subject: id, path: ['subjects', index, 'id'] })])
          idAt = seen.add(id, index)
        }
        const r = resultOf(c, subject, index, trailFor(id))
        if (!r.ok) return r
        if (declaredIds && !declaredIds.has(r.value.subject.id))
          problems.push(makeDiagnostic('EVIDENCE_UNKNOWN_SUBJECT', `Subject "${r.value.subject.id}" is not one of the rubric's subjects: ${listWords([...declaredIds])}.`, { subject: r.value.subject.id, path: ['subjects', index, 'id'] }))
        standing.record(r.value, idAt)
        return r
      },
      finish(rank = true) {
        const warnings: Diagnostic[] = []
        if (declared) for (const d of declared) if (seen.find(d.id) === -1) warnings.push(makeDiagnostic('EVIDENCE_MISSING', `Subject "${d.id}" (${d.name}) has no evidence.`, { severity: 'warning', subject: d.id, path: ['subjects'] }))
        close()
        seen.seal() // ranking needs the ids, no longer the table that finds them
        if (rank && !problems.some((d) => d.severity === 'error')) standing.finish(warnings)
        return { problems: problems.splice(0), warnings }
      },
    })
  }

  /** The published face of a scorer. */
  const publicScorer = (s: Scorer): CohortScorer => {
    let done: CohortStanding | undefined
    return {
      add: (subject) => s.add(subject),
      finish() {
        if (done) return ok(done)
        const end = s.finish()
        if (end.problems.some((d) => d.severity === 'error')) return fail([...end.problems, ...end.warnings])
        const { standing } = s
        done = {
          size: standing.size,
          rank: (i) => standing.rank(i),
          order: () => standing.order(),
          quotaGrade: (i) => standing.quotaGrade(i),
          ...(s.asOf !== undefined ? { asOf: s.asOf } : {}),
          apply: (r, i) => standing.apply(r, i),
          cohortQuotas: standing.cohortQuotas(),
          warnings: end.warnings,
        }
        return ok(done, [...end.problems, ...end.warnings])
      },
    }
  }

  const evaluator: Evaluator = {
    rubric: program.rubric,
    evaluate(subject, opts) {
      const r = within(opts, undefined, (c) => resultOf(c, subject, 0, trailsFor(c.opts)(subjectId(subject))))
      if (r.ok && program.rubric.grades?.quotas?.length) {
        // a ranked quota may give this subject another grade than its thresholds: alone, it gets none (an ineligible
        // subject's grade needs no cohort)
        const v = r.value
        const grades = program.rubric.grades.quotas.map((q) => q.grade).join(', ')
        if (v.gradeBasis !== 'ineligible') {
          const threshold = v.grade
          v.provisionalGrade = threshold
          v.grade = null
          v.gradeBasis = 'provisional'
          v.gradeReason = `no grade alone: ranked quotas (${grades}) grade over the cohort (evaluateCohort); by thresholds alone, ${threshold ?? 'no grade'} (${v.gradeReason})`
        }
        v.warnings.push(makeDiagnostic('QUOTA_NEEDS_COHORT', `Ranked quota grades (${grades}) are given over a cohort: use evaluateCohort; scored alone, this subject ${v.gradeBasis === 'provisional' ? `gets no grade (by thresholds alone: ${v.provisionalGrade ?? 'none'})` : 'keeps its grade as ineligible'}.`, { severity: 'warning', subject: v.subject.id }))
      }
      return r
    },
    evaluateCohort(evidence, opts) {
      const file = (Array.isArray(evidence) ? { subjects: evidence } : evidence) as CohortEvidence
      if (!isObject(file) || !Array.isArray(file.subjects))
        return fail([makeDiagnostic('EVIDENCE_INVALID', 'Cohort evidence must be a list of subjects, or a mapping with a "subjects" list.', { path: [] })])
      const settings = Array.isArray(evidence) ? undefined : settingsOf(file)
      if (settings && !settings.ok) return settings
      const scorer = openScorer(opts, settings?.value)
      if (!scorer.ok) return scorer
      const s = scorer.value
      const too = tooMany(file.subjects.length, s.call.limits)
      if (too) {
        s.close()
        return too
      }
      const skip = s.call.opts.invalid === 'skip'
      const diagnostics: Diagnostic[] = [...(settings?.diagnostics ?? [])]
      // results[k] is subject k of the standing: only a subject added without refusal is recorded
      const results: SubjectResult[] = []
      const refused: RefusedSubject[] = []
      for (let i = 0; i < file.subjects.length; i++) {
        const r = s.add(file.subjects[i])
        if (r.ok) results.push(r.value)
        else if (skip) {
          const id = subjectId(file.subjects[i])
          refused.push({ index: i, ...(id !== undefined ? { id } : {}), diagnostics: r.diagnostics })
        } else diagnostics.push(...r.diagnostics)
      }
      const refusedAlready = diagnostics.some((d) => d.severity === 'error')
      const end = s.finish(!refusedAlready)
      diagnostics.push(...end.problems)
      if (diagnostics.some((d) => d.severity === 'error')) return fail([...diagnostics, ...end.warnings])
      const warnings = [...diagnostics, ...end.warnings]
      results.forEach((r, k) => s.standing.apply(r, k))
      const value: CohortResult = {
        rubric: { id: program.rubric.id, title: program.rubric.title },
        ...(s.asOf !== undefined ? { asOf: s.asOf } : {}),
        subjects: results,
        cohortQuotas: s.standing.cohortQuotas(),
        ...(skip ? { refused } : {}),
        warnings,
      }
      return ok(value, warnings)
    },
    cohort(opts, settings, how) {
      let checked: Result<Pick<CohortEvidence, 'asOf' | 'period' | 'params'>> | undefined
      if (settings !== undefined) {
        if (!isObject(settings)) return fail([makeDiagnostic('OPTION_INVALID', 'The cohort settings must be a mapping such as { asOf, period, params, rubric }.')])
        checked = settingsOf(settings as CohortEvidence)
        if (!checked.ok) return checked
        if (checked.diagnostics.some((d) => d.severity === 'error')) return fail(checked.diagnostics)
      }
      const scorer = openScorer(opts, checked?.ok ? checked.value : undefined, isObject(how) && how.transient === true)
      return scorer.ok ? ok(publicScorer(scorer.value), checked?.diagnostics ?? []) : scorer
    },
    totals(subjects, opts) {
      if (!Array.isArray(subjects)) return fail([makeDiagnostic('EVIDENCE_INVALID', 'totals takes a list of subjects.', { path: [] })])
      return within(opts, undefined, (c) => {
        const too = tooMany(subjects.length, c.limits)
        if (too) return too
        const skip = c.opts.invalid === 'skip'
        const ids: string[] = new Array(subjects.length)
        const totals: (DecimalString | null)[] = new Array(subjects.length)
        const refusals: Diagnostic[] = []
        for (let i = 0; i < subjects.length; i++) {
          const t = totalOf(c, subjects[i], i)
          if (typeof t === 'string') {
            ids[i] = c.st.scope.subject
            totals[i] = t
            continue
          }
          if (!skip) return fail(t)
          ids[i] = subjectId(subjects[i]) ?? `#${i}`
          totals[i] = null
          for (const d of t) refusals.push({ ...d, severity: 'warning' })
        }
        return ok({ ids, totals }, refusals)
      })
    },
    evidenceSchema: () => schemaOf(program.rubric),
  }
  return evaluator
}

/** Scores a cohort with a compiled rubric (the same as `evaluator.evaluateCohort`). */
export function evaluateCohort(evaluator: Evaluator, evidence: unknown, options?: EvaluateOptions): Result<CohortResult> {
  if (!isObject(evaluator) || typeof (evaluator as { evaluateCohort?: unknown }).evaluateCohort !== 'function')
    return fail([makeDiagnostic('OPTION_INVALID', 'evaluateCohort takes an evaluator made by compileRubric.')])
  return evaluator.evaluateCohort(evidence, options)
}
