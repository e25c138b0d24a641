import { compileProgram, type Program } from './compile/compile-rubric'
import { makeDiagnostic } from './diagnostics/codes'
import type { Diagnostic, Result } from './diagnostics/diagnostic'
import { fail, ok } from './diagnostics/diagnostic'
import { EvidenceError, type LinkedEvaluate } from './evaluate/context'
import { cohortQuotas, rankCohort } from './evaluate/cohort'
import type { CohortResult, DecimalString, SubjectResult } from './evaluate/result'
import { evaluateSubject, makeContext, resolveWindow, reuseContext, type EvaluateOptions, type SubjectEvidence } from './evaluate/subject'
import type { Rubric } from './model/rubric'
import { formatDay } from './compile/dates'
import { parseFixed, round, toFixedString } from './num/fixed'
import { scoreTree } from './evaluate/run'
import { evidenceSchema } from './validate/evidence-schema'
import { checkPlainData, checkSubjectData, countRecords } from './validate/data-limits'
import { DEFAULT_LIMITS, limitExceeded, resolveLimits, type Limits } from './limits'

const isRangeError = (e: unknown) => e instanceof Error && (e as { code?: string }).code === 'NUMBER_OUT_OF_RANGE'

const EMPTY: Record<string, never> = Object.freeze({}) as Record<string, never>

/** The limits of one call (the defaults without a `limits` option); parameter values given as options are checked against them. */
function limitsOf(opts: EvaluateOptions): Result<Limits> {
  const limits = opts.limits === undefined ? ok(DEFAULT_LIMITS) : resolveLimits(opts.limits)
  if (!limits.ok || opts.params === undefined) return limits
  const plain = checkPlainData(opts.params, limits.value, 'evidence', ['params'])
  return plain.length ? fail(plain.map((d) => ({ ...d, code: d.code === 'EVIDENCE_INVALID' ? 'OPTION_INVALID' : d.code }))) : limits
}

export interface CompileRubricOptions {
  /** Parameter overrides bound at compile time (each evaluation may override again). */
  params?: Readonly<Record<string, unknown>>
  /** Evaluators of other rubrics, by rubric id, for score facts given as that rubric's evidence. */
  link?: Readonly<Record<string, Evaluator>>
}

/** A compiled rubric: compile once, evaluate many. Pure and synchronous. */
export interface Evaluator {
  readonly rubric: Rubric
  readonly program: Program
  /** Scores one subject. Evidence is validated first; problems come back as diagnostics, never as NaN or a silent 0. */
  evaluate(subject: unknown, options?: EvaluateOptions): Result<SubjectResult>
  /** Scores every subject, ranks them and gives ranked-quota grades. Fails whole if any subject's evidence is invalid. */
  evaluateCohort(evidence: unknown, options?: EvaluateOptions): Result<CohortResult>
  /**
   * The fast path for bulk scoring: every subject's final total (validated, exact, rounded as the rubric says),
   * without trails, gates or grades. Same numbers as `evaluate`; fails whole on the first invalid subject.
   */
  totals(subjects: readonly unknown[], options?: EvaluateOptions): Result<{ ids: string[]; totals: DecimalString[] }>
  /** The JSON Schema of the evidence this rubric expects. */
  evidenceSchema(): Record<string, unknown>
}

export interface CohortEvidence {
  rubric?: string
  asOf?: string
  period?: { from?: string; to?: string }
  params?: Record<string, unknown>
  subjects: unknown[]
}

/** Compiles a validated rubric into an evaluator. Fails only for bad parameter values. */
export function compileRubric(rubric: Rubric | { rubric: Rubric }, options: CompileRubricOptions = {}): Result<Evaluator> {
  const r = rubric !== null && typeof rubric === 'object' && 'kaoping' in rubric ? rubric : (rubric as { rubric?: Rubric } | null)?.rubric
  if (r === null || typeof r !== 'object' || !('kaoping' in r) || !Array.isArray((r as { items?: unknown }).items))
    return fail([makeDiagnostic('OPTION_INVALID', 'compileRubric takes a rubric that passed validation: the value of loadRubric or loadRubricData (or its .rubric).')])
  const compiled = compileProgram(r, options.params ? { params: options.params } : {})
  if (!compiled.ok) return compiled
  return ok(makeEvaluator(compiled.value, options), compiled.diagnostics)
}

function makeEvaluator(program: Program, options: CompileRubricOptions): Evaluator {
  const bound = new Map<string, Result<Evaluator>>()
  const withParams = (params: Readonly<Record<string, unknown>>): Result<Evaluator> => {
    const key = JSON.stringify(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)))
    let e = bound.get(key)
    if (!e) {
      e = compileRubric(program.rubric, { ...options, params: { ...options.params, ...params } })
      bound.set(key, e)
    }
    return e
  }
  const linked: LinkedEvaluate | undefined = options.link
    ? (rubricId, evidence, ctx, fact) => {
        const other = options.link![rubricId]
        const path = ['facts', fact]
        if (!other) throw new EvidenceError(makeDiagnostic('EVIDENCE_INVALID', `Fact "${fact}" gives evidence for rubric ${rubricId}, but no evaluator for it is linked.`, { subject: ctx.subject, path }))
        const r = other.evaluate({ id: ctx.subject, ...(evidence as object) }, { ...(ctx.asOf !== undefined ? { asOf: formatDay(ctx.asOf) } : {}), trail: false })
        if (!r.ok) {
          const first = r.diagnostics.find((d) => d.severity === 'error')!
          throw new EvidenceError({ ...first, message: `Fact "${fact}" (rubric ${rubricId}): ${first.message}` })
        }
        return parseFixed(r.value.total)!
      }
    : undefined

  /** With parameter overrides, the same call on the evaluator bound to them (compiled once per set of values). */
  const rebind = <T>(params: Readonly<Record<string, unknown>> | undefined, call: (e: Evaluator) => Result<T>): Result<T> | undefined => {
    if (!params || !Object.keys(params).length) return undefined
    const e = withParams(params)
    return e.ok ? call(e.value) : e
  }
  const tooManySubjects = (n: number, limits: Limits): Result<never> | undefined =>
    n > limits.maxSubjects ? fail([limitExceeded('maxSubjects', limits.maxSubjects, `The cohort has ${n.toLocaleString('en')} subjects`, { path: ['subjects'] })]) : undefined

  const evaluator: Evaluator = {
    rubric: program.rubric,
    program,
    evaluate(subject, opts = {}) {
      const limits = limitsOf(opts)
      if (!limits.ok) return limits
      const bound = rebind(opts.params, (e) => e.evaluate(subject, { ...opts, params: undefined }))
      if (bound) return bound
      const w = resolveWindow(program, opts)
      if (!w.ok) return w
      const plain = checkSubjectData(subject, 0, limits.value, ['subjects', 0])
      if (plain.length) return fail(plain)
      const ds = program.validate(subject, 0)
      if (ds.some((d) => d.severity === 'error')) return fail(ds)
      const r = evaluateSubject(program, subject as SubjectEvidence, w.value, opts, linked)
      if (r.ok && program.rankedQuotas.length) {
        const note = makeDiagnostic('QUOTA_NEEDS_COHORT', `Ranked quota grades (${program.rankedQuotas.map((q) => q.quota.grade).join(', ')}) are given over a cohort: use evaluateCohort; this subject is graded by thresholds only.`, { severity: 'info', subject: r.value.subject.id })
        r.value.warnings.push(note)
      }
      return r
    },
    evaluateCohort(evidence, opts = {}) {
      const file: CohortEvidence = Array.isArray(evidence) ? { subjects: evidence } : (evidence as CohortEvidence)
      if (file === null || typeof file !== 'object' || !Array.isArray(file.subjects))
        return fail([makeDiagnostic('EVIDENCE_INVALID', 'Cohort evidence must be a list of subjects, or a mapping with a "subjects" list.', { path: [] })])
      const limits = limitsOf(opts)
      if (!limits.ok) return limits
      const tooMany = tooManySubjects(file.subjects.length, limits.value)
      if (tooMany) return tooMany
      if (!Array.isArray(evidence)) {
        // everything but the subjects (checked one by one below): rubric, asOf, period, params
        const rest: Record<string, unknown> = {}
        for (const k of Object.keys(file)) if (k !== 'subjects') Object.defineProperty(rest, k, { value: (file as unknown as Record<string, unknown>)[k], enumerable: true })
        const plain = checkPlainData(rest, limits.value, 'evidence')
        if (plain.length) return fail(plain)
      }
      const merged: EvaluateOptions = {
        ...opts,
        ...(opts.asOf ?? file.asOf ? { asOf: opts.asOf ?? file.asOf } : {}),
        ...(opts.period ?? file.period ? { period: opts.period ?? file.period } : {}),
        ...(opts.params || file.params ? { params: { ...file.params, ...opts.params } } : {}),
      }
      const rest = file.rubric !== undefined ? { rubric: file.rubric, subjects: file.subjects } : file.subjects
      const bound = rebind(merged.params, (e) => e.evaluateCohort(rest, { ...merged, params: undefined }))
      if (bound) return bound
      const diagnostics: Diagnostic[] = []
      if (file.rubric !== undefined && file.rubric !== program.rubric.id)
        diagnostics.push(makeDiagnostic('EVIDENCE_INVALID', `The evidence is for rubric "${file.rubric}", not "${program.rubric.id}".`, { path: ['rubric'] }))
      const w = resolveWindow(program, merged)
      if (!w.ok) return w
      const seen = new Map<string, number>()
      const declared = program.rubric.subjects?.list
      const results: SubjectResult[] = []
      file.subjects.forEach((s, i) => {
        const plain = checkSubjectData(s, i, limits.value, ['subjects', i])
        if (plain.length) {
          diagnostics.push(...plain)
          return
        }
        const ds = program.validate(s, i)
        if (ds.length) {
          diagnostics.push(...ds)
          if (ds.some((d) => d.severity === 'error')) return
        }
        const ev = s as SubjectEvidence
        if (seen.has(ev.id)) {
          diagnostics.push(makeDiagnostic('EVIDENCE_DUPLICATE_SUBJECT', `Subject "${ev.id}" appears twice (entries ${seen.get(ev.id)! + 1} and ${i + 1}).`, { subject: ev.id, path: ['subjects', i, 'id'] }))
          return
        }
        seen.set(ev.id, i)
        if (declared && !declared.some((d) => d.id === ev.id))
          diagnostics.push(makeDiagnostic('EVIDENCE_UNKNOWN_SUBJECT', `Subject "${ev.id}" is not one of the rubric's subjects: ${declared.map((d) => d.id).join(', ')}.`, { subject: ev.id, path: ['subjects', i, 'id'] }))
        const r = evaluateSubject(program, ev, w.value, merged, linked)
        if (!r.ok) diagnostics.push(...r.diagnostics.map((d) => ({ ...d, path: d.path && d.path[0] !== 'subjects' ? ['subjects', i, ...d.path] : d.path })))
        else results.push(r.value)
      })
      if (declared)
        for (const d of declared)
          if (!seen.has(d.id)) diagnostics.push(makeDiagnostic('EVIDENCE_MISSING', `Subject "${d.id}" (${d.name}) has no evidence.`, { severity: 'warning', subject: d.id, path: ['subjects'] }))
      if (diagnostics.some((d) => d.severity === 'error')) return fail(diagnostics)
      const warnings = [...diagnostics]
      rankCohort(program, results, warnings)
      const value: CohortResult = {
        rubric: { id: program.rubric.id, title: program.rubric.title },
        ...(w.value.asOf !== undefined ? { asOf: formatDay(w.value.asOf) } : {}),
        subjects: results,
        cohortQuotas: cohortQuotas(program, results),
        warnings,
      }
      return ok(value, warnings)
    },
    totals(subjects, opts = {}) {
      if (!Array.isArray(subjects)) return fail([makeDiagnostic('EVIDENCE_INVALID', 'totals takes a list of subjects.', { path: [] })])
      const limits = limitsOf(opts)
      if (!limits.ok) return limits
      const bound = rebind(opts.params, (e) => e.totals(subjects, { ...opts, params: undefined }))
      if (bound) return bound
      const w = resolveWindow(program, opts)
      if (!w.ok) return w
      const tooMany = tooManySubjects(subjects.length, limits.value)
      if (tooMany) return tooMany
      const ids: string[] = new Array(subjects.length)
      const totals: DecimalString[] = new Array(subjects.length)
      const na = new Uint8Array(program.nodes.length)
      const { places, mode } = program.rounding
      const ctx = makeContext(program, '', {}, {}, w.value, linked, [])
      const fast = program.fast
      for (let i = 0; i < subjects.length; i++) {
        const s = subjects[i] as SubjectEvidence
        // The fast scorer takes only plain data of the common shape, and checks its text against the limits itself;
        // anything else gets the full check of the limits below.
        if (fast !== undefined && countRecords(s) <= limits.value.maxRecordsPerSubject) {
          reuseContext(ctx, typeof s?.id === 'string' ? s.id : '', s?.facts ?? EMPTY, s?.records ?? EMPTY)
          let t = NaN
          try {
            t = fast(s, ctx, limits.value.maxStringLength)
          } catch (e) {
            if (!(e instanceof EvidenceError) && !isRangeError(e)) throw e
          }
          if (t === t) {
            ids[i] = s.id
            totals[i] = toFixedString(round(t, places, mode), places)
            continue
          }
        }
        const plain = checkSubjectData(s, i, limits.value, ['subjects', i])
        if (plain.length) return fail(plain)
        const ds = program.validate(s, i)
        if (ds.length && ds.some((d) => d.severity === 'error')) return fail(ds)
        ids[i] = s.id
        if (s.notApplicable || s.adjustments || s.periods) {
          const r = evaluateSubject(program, s, w.value, { trail: false }, linked)
          if (!r.ok) return fail(r.diagnostics)
          totals[i] = r.value.total
          continue
        }
        reuseContext(ctx, s.id, s.facts ?? EMPTY, s.records ?? EMPTY)
        try {
          scoreTree(program.nodes, program.post, program.childMax, ctx, na, undefined)
        } catch (e) {
          if (e instanceof EvidenceError) return fail([{ ...e.diagnostic, path: ['subjects', i, ...(e.diagnostic.path ?? [])] }])
          // As evaluate() does (evaluateSubject): a sum beyond the exact range is a diagnostic, never a throw.
          if (e instanceof Error && (e as { code?: string }).code === 'NUMBER_OUT_OF_RANGE')
            return fail([makeDiagnostic('NUMBER_OUT_OF_RANGE', `A number in the evidence of subject "${s.id}" is too large to score exactly.`, { subject: s.id, path: ['subjects', i] })])
          throw e
        }
        totals[i] = toFixedString(round(ctx.scores[0]!, places, mode), places)
      }
      return ok({ ids, totals })
    },
    evidenceSchema: () => evidenceSchema(program.rubric),
  }
  return evaluator
}

/** Scores a cohort with a compiled rubric (the same as `evaluator.evaluateCohort`). */
export function evaluateCohort(evaluator: Evaluator, evidence: unknown, options?: EvaluateOptions): Result<CohortResult> {
  return evaluator.evaluateCohort(evidence, options)
}
