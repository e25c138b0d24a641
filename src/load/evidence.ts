import { makeDiagnostic } from '../diagnostics/diagnostic'
import type { Diagnostic, Location, Path, Result, Span } from '../diagnostics/diagnostic'
import { badArgument, fail, ok } from '../diagnostics/diagnostic'
import { limitExceeded, resolveLimits, type Limits } from '../limits'
import { parseCsv, type CsvCell, type CsvTable } from './csv'
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

export type EvidenceFormat = 'yaml' | 'json' | 'csv'

/** The format of an evidence file, by its extension: `.csv` is CSV, `.json` JSON, anything else YAML. */
export function evidenceFormat(file: string): EvidenceFormat {
  const lower = file.toLowerCase()
  if (lower.endsWith('.csv')) return 'csv'
  if (lower.endsWith('.json')) return 'json'
  return 'yaml'
}

/** An evidence file read into data, able to point back into its text. */
export interface EvidenceFile {
  file?: string
  format: EvidenceFormat
  /** The text read (byte-order mark removed): what spans refer to. */
  text: string
  /** A cohort mapping, a list of subjects or one subject (YAML/JSON); always `{ subjects }` for CSV. */
  data: unknown
  /** Where the value at `path` (a path into `data`) is written, or the nearest place that contains it. */
  locate(path: Path, options?: { key?: boolean }): { span: Span; location: Location } | undefined
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

// --- CSV ------------------------------------------------------------------------------------------------

/** A fact as reading CSV evidence needs it. */
type Fact = { type: string; title: string; required?: boolean; many?: boolean; values?: readonly string[] }

/**
 * What reading evidence needs of the rubric (a validated rubric is one): its id, its facts (to read CSV columns by
 * name or title, by type), its record names and its missing policy. Loading stays below the rubric model.
 */
export interface EvidenceDeclarations {
  readonly id: string
  readonly facts?: Readonly<Record<string, Fact>>
  readonly records?: Readonly<Record<string, unknown>>
  readonly missing?: string
  readonly rollup?: readonly unknown[]
}

type Rubric = EvidenceDeclarations

type Column =
  | { kind: 'id' }
  | { kind: 'name' }
  | { kind: 'notApplicable' }
  | { kind: 'fact'; name: string; fact: Fact }
  | { kind: 'ignore' }

/** Header words that are not facts (ASCII, then their Chinese equivalents). */
const RESERVED: Record<string, 'id' | 'name' | 'notApplicable'> = {
  id: 'id',
  name: 'name',
  notApplicable: 'notApplicable',
  編號: 'id',
  编号: 'id',
  名稱: 'name',
  名称: 'name',
  單位名稱: 'name',
  单位名称: 'name',
  不適用: 'notApplicable',
  不适用: 'notApplicable',
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是'])
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否'])

/** Titles and headers are compared after NFKC (full-width （） are ()) and without spaces. */
const normalise = (s: string) => s.normalize('NFKC').replace(/\s+/g, '')

/**
 * Turns a CSV table into cohort evidence: one subject per row. See docs/cli.md, "CSV evidence".
 * Every problem is located at its line and column; all of them are reported, not only the first.
 */
export function csvEvidence(table: CsvTable, rubric: Rubric): Result<EvidenceFile> {
  const file = table.file
  const ds: Diagnostic[] = []
  const at = (cell: CsvCell | { span: Span }, code: Parameters<typeof makeDiagnostic>[0], message: string, extra: Partial<Diagnostic> = {}) => {
    const d = makeDiagnostic(code, message, { span: cell.span, location: table.location(cell.span), ...extra })
    if (file !== undefined) d.file = file
    ds.push(d)
  }
  const [header, ...rows] = table.records
  if (!header) {
    const d = makeDiagnostic('EVIDENCE_INVALID', 'The CSV file is empty: it needs a header line (id, name and one column per fact) and one line per subject.')
    if (file !== undefined) d.file = file
    return fail([d])
  }
  const facts = rubric.facts ?? {}
  const byTitle = new Map<string, string>()
  for (const [name, f] of Object.entries(facts)) if (!byTitle.has(normalise(f.title))) byTitle.set(normalise(f.title), name)
  const columns: Column[] = []
  const seen = new Map<string, number>()
  header.cells.forEach((cell, i) => {
    const h = cell.value.trim()
    const column = columnOf(h, rubric, byTitle)
    if (column === undefined) {
      if (h === '' && rows.every((r) => (r.cells[i]?.value ?? '').trim() === '')) return columns.push({ kind: 'ignore' })
      if (h === '') {
        at(cell, 'EVIDENCE_INVALID', `Column ${i + 1} has no header but holds values; name it after a fact.`)
      } else if (/^records\./.test(h) || Object.hasOwn(rubric.records ?? {}, h)) {
        at(cell, 'EVIDENCE_INVALID', `Column "${h}": records cannot be given in a CSV file (one row per subject gives facts only); give them in YAML or JSON evidence.`)
      } else {
        const s = suggest(h, facts)
        at(cell, 'EVIDENCE_UNKNOWN_FIELD', `Column "${h}" is not a fact of rubric ${rubric.id}${s ? `; did you mean "${s.name}" (${s.title})?` : '.'}`, {
          hint: 'Name each column id, name, notApplicable, a fact (townshipPassRate or facts.townshipPassRate), or a fact\'s title exactly as the rubric writes it.',
        })
      }
      return columns.push({ kind: 'ignore' })
    }
    const key = column.kind === 'fact' ? `fact:${column.name}` : column.kind
    const before = seen.get(key)
    if (before !== undefined) {
      at(cell, 'EVIDENCE_INVALID', `Columns ${before + 1} and ${i + 1} both give ${column.kind === 'fact' ? `fact "${column.name}"` : `"${column.kind}"`}.`)
      return columns.push({ kind: 'ignore' })
    }
    seen.set(key, i)
    columns.push(column)
  })
  if (!seen.has('id')) at(header.cells[0]!, 'EVIDENCE_INVALID', 'The CSV header has no "id" column: every row needs the id of its subject.')
  // a required fact without a column is missing for every row: say so once, at the header
  const required = rubric.missing === 'zero' || rubric.rollup ? [] : Object.entries(facts).filter(([name, f]) => f.required !== false && !seen.has(`fact:${name}`))
  if (required.length && rows.length)
    at({ span: { start: header.cells[0]!.span.start, end: header.cells[header.cells.length - 1]!.span.end } }, 'EVIDENCE_MISSING', `The CSV has no column for ${required.length === 1 ? 'the required fact' : `${required.length} required facts`}: ${required.map(([name, f]) => `${name} (${f.title})`).join(', ')}.`, {
      hint: 'Add a column for each, headed by the fact\'s name or title; an empty cell is a missing value.',
    })

  const subjects: Record<string, unknown>[] = []
  const cellsOf: Map<string, CsvCell>[] = []
  const rowOf: CsvCell[] = []
  for (const row of rows) {
    if (row.cells.length !== header.cells.length) {
      at(row.cells[0]!, 'EVIDENCE_INVALID', `Line ${row.line} has ${row.cells.length} field${row.cells.length === 1 ? '' : 's'}, but the header has ${header.cells.length}.`, {
        hint: 'Every line needs one field per header column; quote a value that contains a comma.',
      })
      continue
    }
    const subject: Record<string, unknown> = {}
    const factValues: Record<string, unknown> = {}
    const cells = new Map<string, CsvCell>()
    row.cells.forEach((cell, i) => {
      const column = columns[i]!
      const v = cell.value.trim()
      if (column.kind === 'ignore' || v === '') return
      if (column.kind === 'id' || column.kind === 'name') {
        subject[column.kind] = v
        cells.set(column.kind, cell)
      } else if (column.kind === 'notApplicable') {
        subject.notApplicable = v.split(/[\s,;、，；]+/).filter(Boolean)
        cells.set('notApplicable', cell)
      } else if (column.kind === 'fact') {
        const value = cellValue(v, column.fact)
        if (value.error) at(cell, 'EVIDENCE_INVALID', `Line ${row.line}, column "${header.cells[i]!.value.trim()}" (fact "${column.name}"): ${value.error}`)
        else factValues[column.name] = value.value
        cells.set(`facts.${column.name}`, cell)
      }
    })
    if (subject.id === undefined && seen.has('id')) at(row.cells[0]!, 'EVIDENCE_INVALID', `Line ${row.line} has no id.`)
    if (Object.keys(factValues).length) subject.facts = factValues
    subjects.push(subject)
    cellsOf.push(cells)
    rowOf.push(row.cells[0]!)
  }
  if (ds.length) return fail(ds)

  const locate = (path: Path) => {
    if (path[0] !== 'subjects' || typeof path[1] !== 'number' || !rowOf[path[1]]) return undefined
    const cells = cellsOf[path[1]]!
    const key = path[2] === 'facts' && typeof path[3] === 'string' ? `facts.${path[3]}` : typeof path[2] === 'string' ? path[2] : undefined
    const cell = (key !== undefined ? cells.get(key) : undefined) ?? rowOf[path[1]]!
    return { span: cell.span, location: table.location(cell.span) }
  }
  const value: EvidenceFile = { format: 'csv', text: table.text, data: { subjects }, locate }
  if (file !== undefined) value.file = file
  return ok(value)
}

function columnOf(h: string, rubric: Rubric, byTitle: Map<string, string>): Column | undefined {
  const facts = rubric.facts ?? {}
  if (h === 'id') return { kind: 'id' }
  if (h === 'name') return { kind: 'name' }
  if (h === 'notApplicable') return { kind: 'notApplicable' }
  const name = h.startsWith('facts.') ? h.slice(6) : h
  if (Object.hasOwn(facts, name)) return { kind: 'fact', name, fact: facts[name]! }
  if (h === '') return undefined
  const titled = byTitle.get(normalise(h))
  if (titled !== undefined) return { kind: 'fact', name: titled, fact: facts[titled]! }
  const word = normalise(h)
  // an own key only: a header "__proto__" or "constructor" must not find what every object inherits
  const reserved = Object.prototype.hasOwnProperty.call(RESERVED, word) ? RESERVED[word] : undefined
  if (reserved !== undefined) return reserved === 'id' ? { kind: 'id' } : reserved === 'name' ? { kind: 'name' } : { kind: 'notApplicable' }
  return undefined
}

/** A cell's text as the evidence value of a fact of this type; decimals stay strings, so they stay exact. */
function cellValue(v: string, fact: Fact): { value?: unknown; error?: string } {
  switch (fact.type) {
    case 'boolean': {
      const w = v.normalize('NFKC').toLowerCase()
      if (TRUE_WORDS.has(w)) return { value: true }
      if (FALSE_WORDS.has(w)) return { value: false }
      return { error: `"${v}" is not a yes/no value; write true or false (also 是/否, yes/no, 1/0).` }
    }
    case 'integer':
      return /^-?\d+$/.test(v) ? { value: Number(v) } : { error: `"${v}" is not a whole number.` }
    case 'score':
      if (fact.many) return { value: v.split(/[;；、]/).map((s) => s.trim()).filter(Boolean) }
      return { value: v }
    default:
      // rate, number: the decimal string as written (the evidence check reads it exactly and reports "87.5%");
      // date and enum: the text.
      return { value: v }
  }
}

/** The fact whose name or title is closest to a header (edit distance relative to length). */
function suggest(h: string, facts: Record<string, Fact>): { name: string; title: string } | undefined {
  let best: { name: string; title: string; d: number } | undefined
  const hn = normalise(h)
  for (const [name, f] of Object.entries(facts)) {
    const tn = normalise(f.title)
    const dName = distance(hn.toLowerCase(), name.toLowerCase()) / Math.max(hn.length, name.length)
    const dTitle = distance(hn, tn) / Math.max(hn.length, tn.length)
    const d = Math.min(dName, dTitle)
    if (!best || d < best.d) best = { name, title: f.title, d }
  }
  return best ? { name: best.name, title: best.title } : undefined
}

/** Levenshtein distance over code points. */
function distance(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const cur = [i]
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[y.length]!
}
