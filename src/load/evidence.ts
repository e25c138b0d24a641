import { makeDiagnostic } from '../diagnostics/diagnostic'
import type { Result } from '../diagnostics/diagnostic'
import { badArgument, fail, ok } from '../diagnostics/diagnostic'
import { limitExceeded, resolveLimits, type Limits } from '../limits'
import { parseCsv } from './csv'
import { csvEvidence, type EvidenceDeclarations } from './csv-evidence'
import type { EvidenceFile, EvidenceFormat } from './evidence-file'
export type { EvidenceFile, EvidenceFormat } from './evidence-file'
import { parseJsonSource } from './json'
import { parseYamlSource } from './source'
import { decodeText, textProblem } from './text'

export interface ReadEvidenceOptions {
  /** Limits to change from `DEFAULT_LIMITS` (see src/limits.ts): maxEvidenceBytes, maxYamlBytes, maxDepth, maxStringLength, maxAliasCount, maxSubjects. */
  limits?: Partial<Limits>
}

/** Reads an evidence text as YAML (or JSON, which is YAML). Returns the data with diagnostics located in the file. */
export function parseEvidence(text: string, file?: string, options: ReadEvidenceOptions = {}): Result<unknown> {
  const r = readEvidence(text, file ?? 'evidence.yaml', undefined, options)
  if (!r.ok) return r
  return { ok: true, value: r.value.data, diagnostics: r.diagnostics }
}


/** The format of an evidence file, by its extension: `.csv` is CSV, `.json` JSON, anything else YAML. */
export function evidenceFormat(file: string): EvidenceFormat {
  const lower = file.toLowerCase()
  if (lower.endsWith('.csv')) return 'csv'
  if (lower.endsWith('.json')) return 'json'
  return 'yaml'
}


/**
 * Reads an evidence file in the format its name says: `.json` as strict JSON (RFC 8259: a key given twice, a number
 * that cannot be held exactly are refused), `.csv` as CSV (which needs the rubric: its columns are named by facts,
 * name or title, and its cells are read by each fact's declared type), anything else as YAML 1.2.
 *
 * Bytes are decoded as UTF-8, refusing invalid UTF-8. The limits (maxEvidenceBytes, maxDepth, maxStringLength,
 * maxAliasCount, maxSubjects) are checked before and while reading, each as `LIMIT_EXCEEDED`.
 */
export function readEvidence(input: string | Uint8Array, file: string, rubric?: Rubric, options: ReadEvidenceOptions = {}): Result<EvidenceFile> {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) return fail([badArgument('readEvidence takes the evidence file: its text (a string) or its bytes (a Uint8Array).')])
  if (typeof file !== 'string') return fail([badArgument('readEvidence takes the file name (a string) after the text: its extension (.json, .csv, .yaml) says how to read it.')])
  if (options === null || typeof options !== 'object') return fail([badArgument('The options of readEvidence must be a mapping such as { limits }.')])
  const limits = resolveLimits(options.limits)
  if (!limits.ok) return limits
  const { maxEvidenceBytes, maxDepth, maxStringLength, maxAliasCount } = limits.value
  let text: string
  if (typeof input === 'string') text = input
  else {
    if (input.length > maxEvidenceBytes) return fail([limitExceeded('maxEvidenceBytes', maxEvidenceBytes, `The evidence file is ${input.length.toLocaleString('en')} bytes long`, { file })])
    const decoded = decodeText(input, file)
    if (!decoded.ok) return decoded
    text = decoded.value
  }
  const format = evidenceFormat(file)
  if (format === 'csv') {
    if (!rubric) return fail([makeDiagnostic('EVIDENCE_INVALID', 'CSV evidence can only be read against a rubric (its columns are named by the rubric\'s facts).', { file })])
    const t = parseCsv(text, { file, maxBytes: maxEvidenceBytes, maxStringLength })
    if (!t.ok) return t
    return withSubjectLimit(csvEvidence(t.value, rubric), limits.value)
  }
  if (format === 'json') {
    const stripped = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
    const early = textProblem(stripped, file, 'maxEvidenceBytes', maxEvidenceBytes)
    if (early) return fail([early])
    const r = parseJsonSource(stripped, { file, maxDepth, maxStringLength })
    if (!r.ok) return r
    const source = r.value
    return withSubjectLimit(
      ok({
        file,
        format,
        text: source.text,
        data: source.data,
        locate(path, options) {
          const span = source.locate(path, options)
          return span ? { span, location: source.location(span) } : undefined
        },
      }),
      limits.value,
    )
  }
  const { maxYamlBytes } = limits.value
  const maxBytes = maxYamlBytes < maxEvidenceBytes ? { name: 'maxYamlBytes' as const, value: maxYamlBytes } : { name: 'maxEvidenceBytes' as const, value: maxEvidenceBytes }
  const r = parseYamlSource(text, { file, maxAliasCount, maxDepth, maxStringLength, maxBytes, role: 'evidence' })
  if (!r.ok) return r
  const { source, data } = r.value
  return withSubjectLimit(
    ok(
      {
        file,
        format,
        text: source.text,
        data,
        locate(path, options) {
          const span = (options?.key ? source.locateKey(path) : undefined) ?? source.locate(path)
          return span ? { span, location: source.location(span) } : undefined
        },
      },
      r.diagnostics,
    ),
    limits.value,
  )
}

/** The subjects of evidence data, when it has a list of them. */
export function subjectsOf(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data
  if (data !== null && typeof data === 'object' && Array.isArray((data as { subjects?: unknown }).subjects)) return (data as { subjects: unknown[] }).subjects
  return undefined
}

function withSubjectLimit(r: Result<EvidenceFile>, limits: Limits): Result<EvidenceFile> {
  if (!r.ok) return r
  const subjects = subjectsOf(r.value.data)
  if (subjects && subjects.length > limits.maxSubjects) {
    const path = Array.isArray(r.value.data) ? [] : ['subjects']
    const at = r.value.locate(path)
    return fail([limitExceeded('maxSubjects', limits.maxSubjects, `The evidence gives ${subjects.length.toLocaleString('en')} subjects`, { path, ...(r.value.file !== undefined ? { file: r.value.file } : {}), ...(at ?? {}) })])
  }
  return r
}

export { csvEvidence, type EvidenceDeclarations }

type Rubric = EvidenceDeclarations
