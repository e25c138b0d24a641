import { compileRubric, type Evaluator } from '../evaluator'
import { formatDiagnostic } from '../diagnostics/format'
import type { Diagnostic } from '../diagnostics/diagnostic'
import { loadRubric, type LoadedRubric } from '../load/load-rubric'
import { parseEvidence } from '../load/evidence'
import type { CohortEvidence } from '../evaluator'
import { one, UsageError, type CliIo, type ParsedArgs } from './io'

/** Thrown after diagnostics were printed: the command ends with this exit code. */
export class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`)
  }
}

export function read(io: CliIo, path: string): string {
  try {
    return io.readFile(path)
  } catch (e) {
    io.stderr(`kaoping: cannot read ${path}: ${(e as Error).message}\n`)
    throw new Exit(2)
  }
}

export function printDiagnostics(io: CliIo, ds: readonly Diagnostic[], source?: string): void {
  for (const d of ds) io.stderr(formatDiagnostic(d, source) + '\n')
}

export function loadRubricFile(io: CliIo, path: string): LoadedRubric {
  const text = read(io, path)
  const r = loadRubric(text, { file: path })
  if (!r.ok) {
    printDiagnostics(io, r.diagnostics, text)
    throw new Exit(1)
  }
  return r.value
}

/** `--param k=v` (repeatable) as a record of strings. */
export function paramsOf(args: ParsedArgs): Record<string, string> {
  const out: Record<string, string> = Object.create(null)
  for (const p of args.options.get('param') ?? []) {
    const eq = p.indexOf('=')
    if (eq <= 0) throw new UsageError(`--param takes name=value, not "${p}"`)
    out[p.slice(0, eq)] = p.slice(eq + 1)
  }
  return out
}

/** Compiles the rubric at `path`, linking each `--link` rubric file for composition. */
export function evaluatorFor(io: CliIo, path: string, args: ParsedArgs): Evaluator {
  const link: Record<string, Evaluator> = {}
  for (const l of args.options.get('link') ?? []) {
    const e = compileOrExit(io, loadRubricFile(io, l), {})
    link[e.rubric.id] = e
  }
  return compileOrExit(io, loadRubricFile(io, path), link)
}

function compileOrExit(io: CliIo, loaded: LoadedRubric, link: Record<string, Evaluator>): Evaluator {
  const c = compileRubric(loaded, { link })
  if (!c.ok) {
    printDiagnostics(io, c.diagnostics)
    throw new Exit(1)
  }
  return c.value
}

/** Reads one or more evidence files into one cohort; the first file's asOf/period/params apply. */
export function readCohort(io: CliIo, paths: readonly string[]): CohortEvidence {
  const cohort: CohortEvidence = { subjects: [] }
  for (const path of paths) {
    const text = read(io, path)
    const r = parseEvidence(text, path)
    if (!r.ok) {
      printDiagnostics(io, r.diagnostics, text)
      throw new Exit(1)
    }
    const data = r.value as Partial<CohortEvidence> | unknown[]
    if (Array.isArray(data)) cohort.subjects.push(...data)
    else if (data && typeof data === 'object' && Array.isArray(data.subjects)) {
      cohort.subjects.push(...data.subjects)
      for (const k of ['rubric', 'asOf', 'period', 'params'] as const) if (data[k] !== undefined && cohort[k] === undefined) (cohort as unknown as Record<string, unknown>)[k] = data[k]
    } else if (data && typeof data === 'object' && 'id' in data) cohort.subjects.push(data)
    else {
      io.stderr(`${path}: error EVIDENCE_INVALID: Evidence must be a list of subjects, a mapping with "subjects", or one subject with an "id".\n`)
      throw new Exit(1)
    }
  }
  return cohort
}

export function evaluateOptions(args: ParsedArgs): { asOf?: string; params?: Record<string, string> } {
  const asOf = one(args, 'as-of')
  const params = paramsOf(args)
  return { ...(asOf !== undefined ? { asOf } : {}), ...(Object.keys(params).length ? { params } : {}) }
}
