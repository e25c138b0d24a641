import { compileRubric, type Evaluator } from '../api/evaluator'
import type { Diagnostic } from '../diagnostics/diagnostic'
import { loadRubric, type LoadedRubric } from '../api/load-rubric'
import { readEvidence, type EvidenceFile } from '../load/evidence'
import type { Location, Path, Span } from '../diagnostics/diagnostic'
import type { Rubric } from '../kinds/rubric'
import type { CohortEvidence } from '../api/evaluator'
import { one, UsageError, type CliIo, type ParsedArgs } from './io'
import { DEFAULT_LIMITS, limitExceeded, parseLimitOptions, type Limits } from '../limits'
import { decodeText } from '../load/text'
import { SCRIPTS, scriptConverter, type Script } from '../text/script'
import { escapeControls } from '../text/controls'
import { Reporter } from './reporter'

/**
 * `--script simplified|traditional`: the converter its texts are printed through, undefined without it (as the
 * rubric writes them); another value is a usage error. One check for every command that prints in either script.
 */
export function scriptOf(args: ParsedArgs): ((text: string) => string) | undefined {
  const script = one(args, 'script')
  if (script === undefined) return undefined
  if (!(SCRIPTS as readonly string[]).includes(script)) throw new UsageError(`--script must be simplified or traditional, not "${escapeControls(script.slice(0, 40))}"`)
  return scriptConverter(script as Script)
}

/** Writes a file whole or not at all (`--out`): a temporary file renamed over it, removed if writing fails. */
export function writeWhole(io: CliIo, path: string, content: string | Uint8Array): void {
  if (!io.create) throw new UsageError('--out is not available here')
  const out = io.create(path)
  let done = false
  try {
    if (typeof content === 'string') out.write(content)
    else out.writeBytes(content)
    out.commit()
    done = true
  } finally {
    if (!done) out.abort()
  }
}

/** Thrown after diagnostics were printed: the command ends with this exit code. */
export class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`)
  }
}

/** What a file is read as: which size limit applies. */
export type FileKind = 'rubric' | 'evidence'

/**
 * A file's text, checked before it is used: its size against the limit for its kind (before it is read), and its
 * bytes as UTF-8 (when the io gives bytes). `{ error }` when it cannot be read at all; `{ diagnostics }` when it
 * is refused.
 */
export function readText(io: CliIo, path: string, kind: FileKind, limits: Partial<Limits> | undefined): { text: string } | { diagnostics: Diagnostic[] } | { error: string } {
  const name = kind === 'rubric' ? 'maxRubricBytes' : 'maxEvidenceBytes'
  const max = limits?.[name] ?? DEFAULT_LIMITS[name]
  try {
    if (io.size && path !== '-') {
      const size = io.size(path)
      if (size > max) return { diagnostics: [limitExceeded(name, max, `The ${kind} file is ${size.toLocaleString('en')} bytes long`, { file: path })] }
    }
    let bytes: Uint8Array
    if (io.chunks) {
      // read in pieces, the limit checked as they arrive: a pipe or a device reports no size beforehand
      const parts: Uint8Array[] = []
      let total = 0
      for (const c of io.chunks(path)) {
        total += c.length
        if (total > max) return { diagnostics: [limitExceeded(name, max, `The ${kind} ${path === '-' ? 'on standard input' : 'file'} is longer than ${max.toLocaleString('en')} bytes (reading stopped there)`, { file: path })] }
        parts.push(Uint8Array.prototype.slice.call(c))
      }
      bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts)
    } else {
      if (!io.readBytes) return { text: io.readFile(path) }
      bytes = io.readBytes(path)
    }
    if (bytes.length > max) return { diagnostics: [limitExceeded(name, max, `The ${kind} file is ${bytes.length.toLocaleString('en')} bytes long`, { file: path })] }
    const decoded = decodeText(bytes, path)
    return decoded.ok ? { text: decoded.value } : { diagnostics: decoded.diagnostics }
  } catch (e) {
    return { error: (e as Error).message }
  }
}

/** A file's text, or the command ends: exit 2 when it cannot be read, 1 when it is refused (printed). */
export function read(io: CliIo, path: string, kind: FileKind = 'rubric', limits?: Partial<Limits>): string {
  const r = readText(io, path, kind, limits)
  if ('text' in r) return r.text
  if ('error' in r) {
    io.stderr(`kaoping: cannot read ${path}: ${r.error}\n`)
    throw new Exit(2)
  }
  printDiagnostics(io, r.diagnostics)
  throw new Exit(1)
}

/** `--limit name=value` (repeatable) as limits; a bad one is a usage error. */
export function limitsOf(args: ParsedArgs): Partial<Limits> | undefined {
  const texts = args.options.get('limit') ?? []
  if (!texts.length) return undefined
  const r = parseLimitOptions(texts)
  if (!r.ok) throw new UsageError(r.diagnostics.map((d) => d.message).join('; '))
  return r.value
}

/** Prints diagnostics, at most 20 per file and code (then a count of the rest). */
export function printDiagnostics(io: CliIo, ds: readonly Diagnostic[], source?: string): void {
  const reporter = new Reporter(io)
  for (const d of ds) reporter.print(d, source)
  reporter.close()
}

export function loadRubricFile(io: CliIo, path: string, limits?: Partial<Limits>): LoadedRubric {
  const text = read(io, path, 'rubric', limits)
  const r = loadRubric(text, { file: path, ...(limits ? { limits } : {}) })
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
  const link: Record<string, Evaluator> = Object.create(null)
  const limits = limitsOf(args)
  for (const l of args.options.get('link') ?? []) {
    const e = compileOrExit(io, loadRubricFile(io, l, limits), {})
    link[e.rubric.id] = e
  }
  return compileOrExit(io, loadRubricFile(io, path, limits), link)
}

function compileOrExit(io: CliIo, loaded: LoadedRubric, link: Record<string, Evaluator>): Evaluator {
  const c = compileRubric(loaded, { link })
  if (!c.ok) {
    printDiagnostics(io, c.diagnostics)
    throw new Exit(1)
  }
  return c.value
}

/** Where a subject of the cohort came from: its file, and the path to it inside that file's data. */
export interface Origin {
  file: EvidenceFile
  prefix: Path
}

/** Evidence files merged into one cohort, remembering where each subject is written. */
export interface Cohort {
  evidence: CohortEvidence
  files: EvidenceFile[]
  /** By the subject's index in `evidence.subjects`. */
  origins: Origin[]
  /** The file each of rubric, asOf, period and params was taken from. */
  settings: Partial<Record<'rubric' | 'asOf' | 'period' | 'params', EvidenceFile>>
}

/**
 * Reads one or more evidence files (YAML, JSON or CSV, by extension) into one cohort; the first file's
 * asOf/period/params/rubric apply. CSV files are read against `rubric`.
 */
export function readCohort(io: CliIo, paths: readonly string[], rubric?: Rubric, limits?: Partial<Limits>): Cohort {
  const cohort: Cohort = { evidence: { subjects: [] }, files: [], origins: [], settings: {} }
  const add = (file: EvidenceFile, subjects: unknown[], prefix: Path) => {
    subjects.forEach((s, i) => {
      cohort.evidence.subjects.push(s)
      cohort.origins.push({ file, prefix: [...prefix, i] })
    })
  }
  for (const path of paths) {
    const text = read(io, path, 'evidence', limits)
    const r = readEvidence(text, path, rubric, limits ? { limits } : {})
    if (!r.ok) {
      printDiagnostics(io, r.diagnostics, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
      throw new Exit(1)
    }
    const file = r.value
    cohort.files.push(file)
    printDiagnostics(io, r.diagnostics.filter((d) => d.severity !== 'info'), file.text)
    const data = file.data as Partial<CohortEvidence> | unknown[]
    if (Array.isArray(data)) add(file, data, [])
    else if (data && typeof data === 'object' && Array.isArray(data.subjects)) {
      add(file, data.subjects, ['subjects'])
      for (const k of ['rubric', 'asOf', 'period', 'params'] as const)
        if (data[k] !== undefined && cohort.evidence[k] === undefined) {
          ;(cohort.evidence as unknown as Record<string, unknown>)[k] = data[k]
          cohort.settings[k] = file
        }
    } else if (data && typeof data === 'object' && 'id' in data) {
      cohort.evidence.subjects.push(data)
      cohort.origins.push({ file, prefix: [] })
    } else {
      io.stderr(`${path}: error EVIDENCE_INVALID: Evidence must be a list of subjects, a mapping with "subjects", or one subject with an "id".\n`)
      throw new Exit(1)
    }
  }
  return cohort
}

/**
 * Prints diagnostics of scoring a cohort, each pointing into the evidence file (and line) its subject came
 * from: `path` ["subjects", i, …] is the cohort's i-th subject; a subject's own warnings are found by its id.
 */
export function printCohortDiagnostics(io: CliIo, ds: readonly Diagnostic[], cohort: Cohort): void {
  const byId = new Map<string, Origin>()
  cohort.evidence.subjects.forEach((s, i) => {
    const id = (s as { id?: unknown } | null)?.id
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, cohort.origins[i]!)
  })
  const all = cohort.files.map((f) => f.file).join(', ')
  const reporter = new Reporter(io)
  for (const d of ds) {
    let origin: Origin | undefined
    let rest: Path = []
    if (d.path && d.path[0] === 'subjects' && typeof d.path[1] === 'number' && cohort.origins[d.path[1]]) {
      origin = cohort.origins[d.path[1]]
      rest = d.path.slice(2)
    } else if (d.subject !== undefined && byId.has(d.subject) && (!d.path || d.path[0] !== 'subjects')) {
      origin = byId.get(d.subject)
      rest = d.path ?? []
    } else if (d.subject === undefined && d.path && typeof d.path[0] === 'string' && d.path[0] in cohort.settings) {
      // a setting of the evidence file (params, asOf, period, rubric): where that file writes it
      origin = { file: cohort.settings[d.path[0] as keyof Cohort['settings']]!, prefix: [] }
      rest = d.path
    }
    if (!origin) {
      reporter.print({ ...d, file: d.file ?? all })
      continue
    }
    printAt(reporter, d, rest, { file: origin.file.file, text: origin.file.text, prefix: origin.prefix, locate: origin.file.locate })
  }
  reporter.close()
}

/** Where a subject is written in an evidence file: its file, the text spans refer to, its path in the data. */
export interface SubjectPlace {
  file: string | undefined
  text: string
  prefix: Path
  locate(path: Path, options?: { key?: boolean }): { span: Span; location: Location } | undefined
}

/**
 * Prints a diagnostic about a subject at the line and column of the value it is about (`rest`: its path inside the
 * subject), quoting that line; the place is looked up only when the reporter will print it.
 */
export function printAt(reporter: Reporter, d: Diagnostic, rest: Path, place: SubjectPlace): void {
  if (!reporter.shows(d, place.file ?? '')) return
  const path = [...place.prefix, ...rest]
  const at = place.locate(path, { key: d.code === 'EVIDENCE_UNKNOWN_FIELD' })
  const located: Diagnostic = { ...d, path }
  if (place.file !== undefined) located.file = place.file
  if (at) {
    located.span = at.span
    located.location = place.file !== undefined ? { ...at.location, file: place.file } : at.location
  }
  reporter.print(located, place.text)
}

export function evaluateOptions(args: ParsedArgs): { asOf?: string; params?: Record<string, string>; limits?: Partial<Limits> } {
  const asOf = one(args, 'as-of')
  const params = paramsOf(args)
  const limits = limitsOf(args)
  return { ...(asOf !== undefined ? { asOf } : {}), ...(Object.keys(params).length ? { params } : {}), ...(limits ? { limits } : {}) }
}
