/**
 * Scoring a cohort as a stream, for `kaoping score` and `kaoping explain`: a province in one run.
 *
 * Pass one reads the evidence subject by subject (NDJSON line by line as the bytes arrive; YAML, JSON and CSV files
 * whole, within their limits), scores each through the evaluator's cohort scorer — which keeps only what ranking
 * needs: id, total, eligibility, barred grades, cohort-quota counts — prints each subject's diagnostics (at most 20
 * per file and code), and writes the subject's output to a spill: the text of its row with holes where its rank and
 * grade go, and its threshold grade. The scorer then ranks the cohort. Pass two reads the spill back in order and
 * writes each row with its rank and grade filled in (a ranked quota's grade, or the threshold grade it kept).
 * Nothing in memory grows with the cohort but the standing (a few numbers and the id of each subject).
 *
 * The work is a generator that yields every few thousand subjects, so that the command line can stop it cleanly on
 * an interrupt (its `finally` blocks remove the spill and the unfinished output file).
 */
import type { CohortStanding, Evaluator, EvaluateOptions } from '../api/evaluator'
import type { Diagnostic, Path } from '../diagnostics/diagnostic'
import { makeDiagnostic } from '../diagnostics/diagnostic'
import type { CohortResult, SubjectResult } from '../evaluate/result'
import { DEFAULT_LIMITS, type Limits } from '../limits'
import { readEvidence } from '../load/evidence'
import { ndjsonLines } from '../load/ndjson'
import { parseCsv } from '../load/csv'
import { csvRecords, isRecordsHeader, type CsvRecordsFile } from '../load/csv-evidence'
import { CSV_BOM, type RowOrder, csvGrade, csvHeader, csvJoin, csvParts, type CsvHeaders, markdownHead, markdownRow, summaryGrade, summaryJoin, summaryParts, topItemsOf, type TopItem } from '../report/formats'
import { explain } from '../report/explain'
import { displayWidth, padEnd, padStart } from '../text/width'
import { Exit, printAt, read, type SubjectPlace } from './common'
import { memorySpill, UsageError, type CliIo, type Spill, type Steps } from './io'
import { readWorkbook } from './xlsx/read'
import { Reporter } from './reporter'
import { NO_PROGRESS } from './progress'
import { escapeControls } from '../text/controls'

export type OutputFormat = 'table' | 'json' | 'ndjson' | 'csv' | 'markdown'
export type InputFormat = 'yaml' | 'json' | 'csv' | 'ndjson' | 'xlsx'

/** Where a subject is written: enough to point a diagnostic at its line and column. */
type Origin = SubjectPlace & { file: string }

/** The format of an evidence path: its extension; standard input ('-') is as `--input-format` says, NDJSON by default. */
export function inputFormat(path: string, given: string | undefined): InputFormat {
  if (given !== undefined && !['yaml', 'json', 'csv', 'ndjson', 'xlsx'].includes(given)) throw new UsageError(`--input-format must be yaml, json, csv, ndjson or xlsx, not "${escapeControls(given.slice(0, 40))}"`)
  if (path === '-') return (given as InputFormat | undefined) ?? 'ndjson'
  const lower = path.toLowerCase()
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson'
  if (lower.endsWith('.csv')) return 'csv'
  if (lower.endsWith('.xlsx')) return 'xlsx'
  if (lower.endsWith('.json')) return 'json'
  return 'yaml'
}

/** A file read whole: its subjects and where they are written, and the cohort settings it gives. */
interface WholeFile {
  subjects: unknown[]
  origin: (i: number) => Origin
  settings: Record<string, unknown>
}

const SETTINGS = ['rubric', 'asOf', 'period', 'params'] as const

/** A records CSV file: records by subject id, merged into the subjects other files give. */
interface RecordsFile {
  path: string
  records: CsvRecordsFile
  /** Subject ids whose records were given to a subject. */
  used: Set<string>
}

function readWhole(io: CliIo, path: string, format: InputFormat, evaluator: Evaluator, limits: Partial<Limits> | undefined, reporter: Reporter): WholeFile | RecordsFile {
  const text = read(io, path, 'evidence', limits)
  if (format === 'csv') {
    const t = parseCsv(text, { file: path === '-' ? '<stdin>' : path, maxBytes: limits?.maxEvidenceBytes ?? DEFAULT_LIMITS.maxEvidenceBytes, maxStringLength: limits?.maxStringLength ?? DEFAULT_LIMITS.maxStringLength })
    if (t.ok && isRecordsHeader(t.value)) {
      const r = csvRecords(t.value, evaluator.rubric)
      if (!r.ok) {
        for (const d of r.diagnostics) reporter.print(d, t.value.text)
        throw new Exit(1)
      }
      return { path, records: r.value, used: new Set() }
    }
  }
  // the reader picks the format by the name's extension: give it one that says the format chosen
  const name = path === '-' ? `-.${format}` : path
  const r = readEvidence(text, name, evaluator.rubric, limits ? { limits } : {})
  const shown = (d: Diagnostic): Diagnostic => (path === '-' ? { ...d, file: '<stdin>', ...(d.location ? { location: { ...d.location, file: '<stdin>' } } : {}) } : d)
  if (!r.ok) {
    for (const d of r.diagnostics) reporter.print(shown(d), text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
    throw new Exit(1)
  }
  const file = r.value
  for (const d of r.diagnostics) if (d.severity !== 'info') reporter.print(shown(d), file.text)
  const data = file.data as Record<string, unknown> | unknown[]
  const origin = (prefix: Path): Origin => ({ file: path === '-' ? '<stdin>' : path, text: file.text, prefix, locate: (p, o) => file.locate(p, o) })
  if (Array.isArray(data)) return { subjects: data, origin: (i) => origin([i]), settings: {} }
  if (data && typeof data === 'object' && Array.isArray(data.subjects)) {
    const settings: Record<string, unknown> = {}
    for (const k of SETTINGS) if (data[k] !== undefined) settings[k] = data[k]
    return { subjects: data.subjects, origin: (i) => origin(['subjects', i]), settings }
  }
  if (data && typeof data === 'object' && 'id' in data) return { subjects: [data], origin: () => origin([]), settings: {} }
  io.stderr(`${path}: error EVIDENCE_INVALID: Evidence must be a list of subjects, a mapping with "subjects", or one subject with an "id".\n`)
  throw new Exit(1)
}

/**
 * Gives a subject the records the records files hold for its id. A type the subject gives itself and a file gives
 * too is one list: the subject's records, then the file's.
 */
function withRecords(subject: unknown, files: readonly RecordsFile[]): void {
  if (subject === null || typeof subject !== 'object' || Array.isArray(subject)) return
  const s = subject as { id?: unknown; records?: unknown }
  if (typeof s.id !== 'string') return
  for (const f of files) {
    const given = f.records.bySubject.get(s.id)
    if (!given) continue
    f.used.add(s.id)
    const own = s.records !== null && typeof s.records === 'object' && !Array.isArray(s.records) ? (s.records as Record<string, unknown>) : undefined
    if (s.records !== undefined && !own) continue // not a mapping: the evidence check says so
    const merged: Record<string, unknown> = { ...own }
    for (const [type, list] of Object.entries(given)) merged[type] = Array.isArray(merged[type]) ? [...(merged[type] as unknown[]), ...list] : merged[type] === undefined ? list : merged[type]
    s.records = merged
  }
}

/** The bytes of a path in pieces (the io's stream when it has one, else the whole file as one piece). */
function chunksOf(io: CliIo, path: string): Iterable<Uint8Array> {
  if (io.chunks) return io.chunks(path)
  if (io.readBytes) return [io.readBytes(path)]
  return [new TextEncoder().encode(io.readFile(path))]
}

// --- rows with holes ----------------------------------------------------------------------------------------

/** What a row's holes are filled with: its rank and its grade (with the grade's basis and reason). */
interface Standing {
  rank: number
  grade: string | null
  gradeBasis: string
  gradeReason: string
}

type Tag = 'K' | 'G' | 'B' | 'R'

/**
 * Rows are written with markers where the rank and grade go, then cut at the markers. A marker is made of private-use
 * characters and a number drawn for this run, so evidence cannot forge one; a row that does not cut into the pieces
 * expected is a defect, not output.
 */
class Holes {
  readonly #nonce = Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, '0')
  readonly #cut = new RegExp(`"?\\uE000${this.#nonce}([KGBR])\\uE001"?`, 'g')
  readonly #markers = { K: this.#make('K'), G: this.#make('G'), B: this.#make('B'), R: this.#make('R') }
  #make(tag: Tag): string {
    return `\uE000${this.#nonce}${tag}\uE001`
  }
  marker = (tag: Tag): string => this.#markers[tag]
  /** Gives a result markers for rank and grade; returns its threshold standing (the reason only when `reason`). */
  mark(r: SubjectResult, reason: boolean): Omit<Standing, 'rank'> {
    const kept = { grade: r.grade, gradeBasis: r.gradeBasis, gradeReason: reason ? r.gradeReason : '' }
    r.grade = this.marker('G')
    r.gradeBasis = this.marker('B') as SubjectResult['gradeBasis']
    r.gradeReason = this.marker('R')
    r.rank = this.marker('K') as unknown as number
    return kept
  }
  /** The text cut at its markers: [text, tag, text, tag, …, text]. */
  cut(text: string): string[] {
    return text.split(this.#cut)
  }
}

/** How a format writes a filled hole. */
type Fill = (tag: Tag, s: Standing) => string

const jsonFill: Fill = (tag, s) => (tag === 'K' ? String(s.rank) : JSON.stringify(tag === 'G' ? s.grade : tag === 'B' ? s.gradeBasis : s.gradeReason))
const rawFill = (none: string, escape: (s: string) => string): Fill => (tag, s) => (tag === 'K' ? String(s.rank) : escape(tag === 'G' ? (s.grade ?? none) : tag === 'B' ? s.gradeBasis : s.gradeReason))
const md = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')

function filled(pieces: readonly string[], fill: Fill, s: Standing): string {
  let out = pieces[0]!
  for (let k = 1; k < pieces.length; k += 2) out += fill(pieces[k] as Tag, s) + pieces[k + 1]!
  return out
}

// --- the command ---------------------------------------------------------------------------------------------

export interface StreamOptions {
  format: OutputFormat
  /** NDJSON: each line the whole result (else a summary line). */
  full: boolean
  /** Trails: every subject's (table: printed after the table; json/ndjson: inside each result). */
  trail: boolean
  /** explain: the one subject whose trail is printed. */
  explain?: string
  /** CSV: how the columns are headed (default id) and whether the file starts with UTF-8's byte-order mark (default no). */
  csv?: { headers: CsvHeaders; bom: boolean }
  inputFormat?: string
  evaluate: EvaluateOptions & { limits?: Partial<Limits> }
  /** The rows' order: ranked (default for table, csv and markdown) or as the evidence gives the subjects (json, ndjson). */
  order?: RowOrder
  /**
   * Table, CSV and Markdown: the script texts are printed in (`--script`): the rubric's titles, the grades, the
   * subjects' names, the fixed headers and the trails; never ids or numbers. Unchanged by default.
   */
  convert?: (text: string) => string
  /** No progress on standard error (`--quiet`). */
  quiet?: boolean
  /** With format ndjson, full and trail: each subject's whole result is handed here (ranked order), not written. */
  collect?: { subject(r: SubjectResult): void; end(cohort: Omit<CohortResult, 'subjects'>): void }
}



/** The formats whose rows come in ranked order unless `order` says otherwise: those people read. */
const RANKED_BY_DEFAULT: ReadonlySet<OutputFormat> = new Set(['table', 'csv', 'markdown'])

/** Subjects scored between two yields. */
const STEP = 2048

/**
 * Scores the evidence at `paths` as one cohort and writes it in `format` through `write`. Returns the exit code;
 * yields now and then (see the file's comment).
 */
export function* scoreStream(io: CliIo, evaluator: Evaluator, paths: readonly string[], o: StreamOptions, write: (text: string) => void): Steps {
  const reporter = new Reporter(io)
  const limits = o.evaluate.limits
  const maxBytes = limits?.maxEvidenceBytes ?? DEFAULT_LIMITS.maxEvidenceBytes
  const inputs = paths.map((path) => ({ path, format: inputFormat(path, o.inputFormat) }))
  if (inputs.filter((x) => x.path === '-').length > 1) throw new UsageError('standard input (-) can be read once')
  // Files read whole come first: the cohort's settings (asOf, period, params) must be known before the first subject.
  const whole = new Map<number, WholeFile>()
  const recordFiles: RecordsFile[] = []
  let settings: Record<string, unknown> = {}
  const settingFile: Record<string, string> = {}
  for (const [k, x] of inputs.entries()) {
    if (x.format === 'ndjson') continue
    let w: WholeFile | RecordsFile
    if (x.format === 'xlsx') {
      // a workbook: its facts sheet as subjects, its records sheets as a records file (src/cli/xlsx/read.ts)
      const f = yield* readWorkbook(io, x.path, evaluator.rubric, limits, reporter)
      if (f.records) recordFiles.push({ path: f.file, records: f.records, used: new Set() })
      w = { subjects: f.subjects, origin: f.origin, settings: f.settings }
    } else w = readWhole(io, x.path, x.format, evaluator, limits, reporter)
    if ('records' in w) {
      recordFiles.push(w)
      continue
    }
    whole.set(k, w)
    for (const key of SETTINGS)
      if (w.settings[key] !== undefined && settings[key] === undefined) {
        settings = { ...settings, [key]: w.settings[key] }
        settingFile[key] = x.path
      }
  }
  // each result is written out before the next subject (explain keeps one: not transient then)
  const scorer = evaluator.cohort({ ...o.evaluate, trail: o.explain !== undefined ? [o.explain] : o.trail, invalid: 'fail' }, settings, { transient: o.explain === undefined })
  if (!scorer.ok) {
    for (const d of scorer.diagnostics) {
      const key = typeof d.path?.[0] === 'string' ? d.path[0] : undefined
      reporter.print(key !== undefined && settingFile[key] ? { ...d, file: settingFile[key] } : d)
    }
    reporter.close()
    return 1
  }
  for (const d of scorer.diagnostics) reporter.print(d)
  const s = scorer.value

  const progress = o.quiet || !io.progress ? NO_PROGRESS : io.progress()
  // the subjects to score, when every file was read whole (NDJSON is counted as it arrives)
  let known: number | undefined = inputs.some((x) => x.format === 'ndjson') ? undefined : 0
  for (const w of whole.values()) if (known !== undefined) known += w.subjects.length
  const convert = o.convert ?? ((text: string) => text)
  const holes = new Holes()
  const spill: Spill = o.explain !== undefined ? memorySpill() : io.spill ? io.spill() : memorySpill()
  const trails: Spill | undefined = o.format === 'table' && o.trail ? (io.spill ? io.spill() : memorySpill()) : undefined
  try {
    let items: TopItem[] | undefined
    const hasMoney = evaluator.rubric.money !== undefined
    /** CSV and NDJSON summaries: rows kept as their parts around the grade, joined in pass two (no holes to cut). */
    const byParts = o.format === 'csv' || (o.format === 'ndjson' && !o.full && !o.trail)
    const reason = o.format === 'json' || o.format === 'ndjson'
    // table: the widest cell of each column (rank and grade are known at the end)
    const widths = [0, displayWidth('id'), displayWidth('name 名稱'), displayWidth('total 總分'), 0, displayWidth('eligible 資格'), displayWidth('net 獎懲淨額')]
    let explained: { result: SubjectResult; index: number } | undefined
    /** explain: some of the ids there are, and those near the one asked for, for the message when it is not found. */
    const someIds: string[] = []
    const nearIds: string[] = []
    let scored = 0
    let refused = 0

    /** A diagnostic about the subject at `origin`; its path starts ["subjects", i] when it is an error of the cohort. */
    const located = (d: Diagnostic, origin: Origin): void =>
      printAt(reporter, d, d.path && d.path[0] === 'subjects' && typeof d.path[1] === 'number' ? d.path.slice(2) : (d.path ?? []), origin)

    const one = (subject: unknown, origin: Origin): void => {
      if (((scored + refused) & 255) === 0) progress.update('scoring', scored + refused, known, 'subjects')
      if (recordFiles.length) withRecords(subject, recordFiles)
      const r = s.add(subject)
      if (!r.ok) {
        refused++
        for (const d of r.diagnostics) located(d, origin)
        return
      }
      const result = r.value
      const index = scored++
      if (o.explain === undefined || result.subject.id === o.explain) for (const d of result.warnings) if (d.severity !== 'info') located(d, origin)
      if (refused || reporter.errors) return // the cohort is refused: no output will be written
      if (o.explain !== undefined) {
        const id = result.subject.id
        if (id === o.explain) explained = { result, index }
        else {
          if (someIds.length < 20) someIds.push(id)
          const a = id.toLowerCase()
          const b = o.explain.toLowerCase()
          if (nearIds.length < 12 && (a.includes(b) || b.includes(a))) nearIds.push(id)
        }
        return
      }
      items ??= o.convert ? topItemsOf(result).map((item) => ({ ...item, title: convert(item.title) })) : topItemsOf(result)
      if (byParts) {
        // the line's parts around its grade and rank (joined in pass two, once they are known)
        const parts = o.format === 'csv' ? csvParts(result, items, convert) : summaryParts(result, items)
        const grade = o.format === 'csv' ? csvGrade(result.grade === null ? null : convert(result.grade)) : summaryGrade(result.grade, result.gradeBasis, result.gradeReason)
        spill.write(frame([parts.before, grade, parts.after]))
        return
      }
      if (o.format === 'table') {
        const cells = [result.subject.id, convert(result.subject.name ?? ''), `${result.total} / ${result.max}${result.bonus !== undefined ? ` + ${result.bonus}` : ''}`, '', result.eligible ? 'yes' : `no: ${result.gates.filter((g) => !g.passed).map((g) => g.id).join(', ')}`, ...(hasMoney ? [result.money?.net ?? ''] : [])]
        cells.forEach((c, k) => (widths[k + 1] = Math.max(widths[k + 1]!, displayWidth(c))))
        const kept = { grade: result.grade, gradeBasis: result.gradeBasis, gradeReason: '' }
        if (trails) {
          const t = holes.mark(result, true)
          trails.write(frame([explain(result), t.grade, t.gradeBasis, t.gradeReason]))
        }
        spill.write(frame([kept.grade, kept.gradeBasis, ...cells]))
        return
      }
      const kept = holes.mark(result, reason)
      // each row is spilled without its line end (added back in pass two): a row with no line break inside is
      // written to the spill as it is
      const text =
        o.format === 'markdown' ? markdownRow(result, items, hasMoney, convert).slice(0, -1)
        : o.format === 'ndjson' ? JSON.stringify(result)
        : '    ' + JSON.stringify(result, null, 2).replace(/\n/g, '\n    ')
      spill.write(frame([text, kept.grade, kept.gradeBasis, kept.gradeReason]))
    }

    for (let k = 0; k < inputs.length; k++) {
      const w = whole.get(k)
      if (w) {
        for (let i = 0; i < w.subjects.length; i++) {
          one(w.subjects[i], w.origin(i))
          if (i % STEP === STEP - 1) yield
        }
        whole.delete(k)
        continue
      }
      if (inputs[k]!.format !== 'ndjson') continue // a records file: its records went into the subjects above
      const { path } = inputs[k]!
      const file = path === '-' ? '<stdin>' : path
      let n = 0
      for (const line of ndjsonLines(chunksOf(io, path), { file, maxBytes, ...(io.decodeUtf8 ? { decode: (b: Uint8Array) => io.decodeUtf8!(b) } : {}), maxDepth: limits?.maxDepth ?? DEFAULT_LIMITS.maxDepth, maxStringLength: limits?.maxStringLength ?? DEFAULT_LIMITS.maxStringLength })) {
        if (!line.ok) {
          refused++
          for (const d of line.diagnostics) reporter.print({ ...d, file }, line.text || undefined)
          continue
        }
        const v = line.value
        const origin: Origin = { file, text: v.text, prefix: [], locate: (p, opt) => {
          const span = v.locate(p, opt)
          return span ? { span, location: v.location(span) } : undefined
        } }
        if (v.data === null || typeof v.data !== 'object' || Array.isArray(v.data)) {
          refused++
          const span = { start: 0, end: v.text.length }
          reporter.print(makeDiagnostic('EVIDENCE_INVALID', 'Each line of NDJSON evidence is one subject: a JSON object with an "id", its facts and records.', { file, span, location: v.location(span) }), v.text)
          continue
        }
        one(v.data, origin)
        if (++n % STEP === 0) yield
      }
    }

    // records no subject took would be lost: each is an error at its first line
    for (const f of recordFiles)
      for (const [id, types] of f.records.bySubject) {
        if (f.used.has(id)) continue
        const type = Object.keys(types)[0]!
        const at = f.records.locate(id, type, 0)
        reporter.print(makeDiagnostic('EVIDENCE_UNKNOWN_SUBJECT', `Records for subject "${id}", which no evidence file gives: add the subject (its facts) to the evidence, or correct the id.`, { file: f.path, ...(at ?? {}) }), f.records.text)
      }
    progress.update('ranking', scored, scored, 'subjects')
    const end = s.finish()
    for (const d of end.diagnostics) if (d.severity !== 'info') reporter.print({ ...d, ...(d.file === undefined ? { file: paths.join(', ') } : {}) })
    reporter.close()
    if (refused || reporter.errors || !end.ok) return 1
    const standing: CohortStanding = end.value

    if (o.explain !== undefined) {
      if (!explained) {
        const more = standing.size > someIds.length ? `, … (${standing.size.toLocaleString('en')} in all)` : ''
        io.stderr(`kaoping explain: no subject "${escapeControls(o.explain)}" in the evidence${nearIds.length ? ` (did you mean ${nearIds.map((x) => `"${escapeControls(x)}"`).join(' or ')}?)` : ''}; its subjects are: ${someIds.map(escapeControls).join(', ')}${more}\n`)
        return 1
      }
      write(explain(standing.apply(explained.result, explained.index)))
      return 0
    }

    // pass two: the rows, their holes filled
    const standingOf = (i: number, grade: string | null, gradeBasis: string, gradeReason: string): Standing => {
      const rank = standing.rank(i)
      const q = standing.quotaGrade(i)
      const shown = q ? { rank, grade: q.grade, gradeBasis: 'quota', gradeReason: q.gradeReason } : { rank, grade, gradeBasis, gradeReason }
      if (o.convert && shown.grade !== null) shown.grade = convert(shown.grade)
      return shown
    }
    const rubric = { id: evaluator.rubric.id, title: evaluator.rubric.title }
    const asOf = standing.asOf
    // rows with holes: json (whole results), ndjson with --full or --trail, markdown
    const lineEnd = o.format === 'json' ? '' : '\n'
    const fill: Fill = o.format === 'markdown' ? rawFill('—', md) : jsonFill
    // the rows in the order asked for: ranked (an external sort through scratch spills) or as the evidence gave them
    const ranked = o.order === 'rank' || (o.order === undefined && RANKED_BY_DEFAULT.has(o.format))
    const rows = (from: Spill): Iterable<[number, (string | null)[]]> => (ranked ? rankedRecords(from, standing.order(), () => (io.spill ? io.spill() : memorySpill())) : indexedRecords(from))
    let i = 0
    const wrote = () => {
      if (++i % STEP === 0) {
        progress.update('writing', i, standing.size, 'rows')
        return true
      }
      return false
    }
    if (o.format === 'table') {
      widths[0] = Math.max(displayWidth('rank 排名'), String(standing.size).length)
      widths[4] = Math.max(displayWidth('grade 等次'), displayWidth('—'), ...(evaluator.rubric.grades?.order ?? []).map(displayWidth))
      const headers = ['rank 排名', 'id', 'name 名稱', 'total 總分', 'grade 等次', 'eligible 資格', ...(hasMoney ? ['net 獎懲淨額'] : [])].map(convert)
      const right = new Set([0, 3, 6])
      const line = (cells: string[]) => cells.map((c, k) => (right.has(k) ? padStart(c, widths[k]!) : padEnd(c, widths[k]!))).join('  ').trimEnd() + '\n'
      write(`${convert(rubric.title)} [${rubric.id}]${asOf ? `  as of ${asOf}` : ''}\n`)
      write(line(headers) + headers.map((_, k) => '─'.repeat(widths[k]!)).join('  ') + '\n')
      for (const [k, [grade, basis, ...cells]] of rows(spill)) {
        const st = standingOf(k, grade!, basis!, '')
        write(line([String(st.rank), cells[0]!, cells[1]!, cells[2]!, st.grade ?? '—', ...(cells.slice(4) as string[])]))
        if (wrote()) yield
      }
      for (const q of standing.cohortQuotas) write(`cohort quota ${convert(q.title)} (${q.id}): ${q.count} / ${q.required} ${q.met ? '✓' : `✗ short ${q.shortfall}`}\n`)
      if (trails) {
        i = 0
        for (const [k, [text, grade, basis, why]] of rows(trails)) {
          write('\n' + convert(filled(holes.cut(text!), rawFill('—', (x) => x), standingOf(k, grade!, basis!, why!))))
          if (wrote()) yield
        }
      }
      return 0
    }
    if (o.format === 'csv') write(`${o.csv?.bom ? CSV_BOM : ''}${csvHeader(items ?? topItemsOf(undefined), o.csv?.headers, convert)}`)
    else if (o.format === 'markdown') write(markdownHead(rubric, asOf, items ?? [], hasMoney, convert))
    else if (o.format === 'json') write(`{\n  "rubric": ${JSON.stringify(rubric, null, 2).replace(/\n/g, '\n  ')},\n${asOf !== undefined ? `  "asOf": ${JSON.stringify(asOf)},\n` : ''}  "subjects": [${standing.size ? '\n' : ''}`)
    if (byParts) {
      for (const [k, record] of rows(spill)) {
        if (record.length !== 3) throw new Error(`kaoping: a spilled row has ${record.length} parts, not 3 (a defect: please report it)`)
        const [before, kept, after] = record as [string, string, string]
        i++
        const q = standing.quotaGrade(k)
        const grade = q === undefined ? kept : o.format === 'csv' ? csvGrade(convert(q.grade)) : summaryGrade(q.grade, 'quota', q.gradeReason)
        write(o.format === 'csv' ? csvJoin({ before, after }, grade, standing.rank(k)) : summaryJoin({ before, after }, grade, standing.rank(k)))
        if (i % STEP === 0) {
          progress.update('writing', i, standing.size, 'rows')
          yield
        }
      }
      return 0
    }
    for (const [k, [text, grade, basis, why]] of rows(spill)) {
      const st = standingOf(k, grade!, basis!, why!)
      const row = filled(holes.cut(text!), fill, st)
      if (o.collect) o.collect.subject(JSON.parse(row) as SubjectResult)
      else write((o.format === 'json' && i > 0 ? ',\n' : '') + row + lineEnd)
      if (wrote()) yield
    }
    if (o.collect) o.collect.end({ rubric, ...(asOf !== undefined ? { asOf } : {}), cohortQuotas: standing.cohortQuotas, warnings: [...scorer.diagnostics, ...end.diagnostics] })
    if (o.format === 'json') {
      const cohortWarnings = [...scorer.diagnostics, ...end.diagnostics]
      write(`${standing.size ? '\n  ' : ''}],\n  "cohortQuotas": ${JSON.stringify(standing.cohortQuotas, null, 2).replace(/\n/g, '\n  ')},\n  "warnings": ${JSON.stringify(cohortWarnings, null, 2).replace(/\n/g, '\n  ')}\n}\n`)
    }
    return 0
  } finally {
    progress.end()
    spill.dispose()
    trails?.dispose()
  }
}

// --- the spill's records: fields joined by U+0001, one record per line ----------------------------------

const SPECIAL = /[\\\n\u0001\u0002]/
const SPECIALS = /[\\\n\u0001\u0002]/g
const ESCAPED = /\\[\\n12]/g
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\u0001': '\\1', '\u0002': '\\2' }
const UNESCAPES: Record<string, string> = { '\\\\': '\\', '\\n': '\n', '\\1': '\u0001', '\\2': '\u0002' }
/** Stands for null (no grade). */
const NULL = '\u0002'

/** Backslash or line end in a record: its fields are written escaped. */
const ESCAPE_NEEDED = /[\\\n]/

/**
 * A record as one line of the spill (null written as U+0002; backslash, line end, U+0001, U+0002 escaped). Fields
 * hold no U+0001 or U+0002 (evidence and rubric text with control characters is refused before it is scored), so a
 * record with neither backslash nor line end is written as it is; pass two checks each record's field count.
 */
function frame(fields: readonly (string | null)[]): string {
  let out = ''
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k]!
    out += (k ? '\u0001' : '') + (f === null ? NULL : f)
  }
  if (!ESCAPE_NEEDED.test(out)) return out + '\n'
  out = ''
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k]!
    out += (k ? '\u0001' : '') + (f === null ? NULL : SPECIAL.test(f) ? f.replace(SPECIALS, (c) => ESCAPES[c]!) : f)
  }
  return out + '\n'
}

/** A record's fields from its line in a spill. */
const fields = (line: string): (string | null)[] => line.split('\u0001').map((f) => (f === NULL ? null : f.includes('\\') ? f.replace(ESCAPED, (e) => UNESCAPES[e]!) : f))

/** The lines of a spill (each one record), as they are read back. */
function* spillLines(spill: Spill): Generator<string> {
  let rest = ''
  for (const piece of spill.read()) {
    const text = rest ? rest + piece : piece
    let start = 0
    for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', start)) {
      yield text.slice(start, k)
      start = k + 1
    }
    rest = text.slice(start)
  }
  if (rest) yield rest
}

/** The records of a spill in the order written, each with its subject's index. */
function* indexedRecords(spill: Spill): Generator<[number, (string | null)[]]> {
  let i = 0
  for (const line of spillLines(spill)) yield [i++, fields(line)]
}

/** Characters of rows one run of the ranked sort holds in memory (about 64 MB of strings). */
export const SORT_RUN_CHARS = 32 * 1024 * 1024

/**
 * The records of a spill in ranked order (`order`: the subjects' indices best first), each with its subject's index:
 * an external merge sort. Rows are read in the order written and gathered into runs of at most `runChars`
 * characters; a run is sorted by its rows' places in `order` and, when more than one run is needed, written to a
 * scratch spill; the runs are then merged, one row of each at a time. A cohort whose rows fit in one run (a province
 * of 100,000 subjects as CSV is about 20 MB) is sorted in memory; a larger one costs one more write and read of
 * its rows, and memory of one run plus one row per run — never the cohort.
 */
export function* rankedRecords(spill: Spill, order: Int32Array, scratch: () => Spill, runChars = SORT_RUN_CHARS): Generator<[number, (string | null)[]]> {
  const place = new Int32Array(order.length)
  for (let k = 0; k < order.length; k++) place[order[k]!] = k
  const runs: Spill[] = []
  try {
    let run: { at: number; i: number; line: string }[] = []
    let chars = 0
    const sorted = () => run.sort((a, b) => a.at - b.at)
    let i = 0
    for (const line of spillLines(spill)) {
      run.push({ at: place[i]!, i, line })
      i++
      chars += line.length
      if (chars >= runChars) {
        const out = scratch()
        runs.push(out)
        for (const r of sorted()) out.write(`${r.i}\u0001${r.line}\n`)
        run = []
        chars = 0
      }
    }
    if (!runs.length) {
      for (const r of sorted()) yield [r.i, fields(r.line)]
      return
    }
    // the last run stays in memory; the others are read back a line at a time and merged by place
    const heads: { at: number; i: number; line: string; next: Iterator<string> | undefined }[] = []
    const take = (next: Iterator<string>) => {
      const n = next.next()
      if (n.done) return undefined
      const cut = n.value.indexOf('\u0001')
      const i = Number(n.value.slice(0, cut))
      return { at: place[i]!, i, line: n.value.slice(cut + 1), next }
    }
    for (const r of runs) {
      const h = take(spillLines(r)[Symbol.iterator]())
      if (h) heads.push(h)
    }
    const last = sorted()[Symbol.iterator]()
    const fromLast = (): (typeof heads)[number] | undefined => {
      const n = last.next()
      return n.done ? undefined : { ...n.value, next: undefined }
    }
    const first = fromLast()
    if (first) heads.push(first)
    const heap = new MinHeap(heads, (a, b) => a.at - b.at)
    while (heap.size) {
      const h = heap.top()
      yield [h.i, fields(h.line)]
      const n = h.next ? take(h.next) : fromLast()
      if (n) heap.replaceTop(n)
      else heap.pop()
    }
  } finally {
    for (const r of runs) r.dispose()
  }
}

/** A binary heap, smallest first: the merge's next row among the runs' heads. */
class MinHeap<T> {
  readonly #items: T[]
  constructor(
    items: T[],
    readonly less: (a: T, b: T) => number,
  ) {
    this.#items = items
    for (let k = (items.length >> 1) - 1; k >= 0; k--) this.#down(k)
  }
  get size(): number {
    return this.#items.length
  }
  top(): T {
    return this.#items[0]!
  }
  replaceTop(item: T): void {
    this.#items[0] = item
    this.#down(0)
  }
  pop(): void {
    const last = this.#items.pop()!
    if (this.#items.length) this.replaceTop(last)
  }
  #down(k: number): void {
    const a = this.#items
    for (;;) {
      const l = 2 * k + 1
      const r = l + 1
      let m = k
      if (l < a.length && this.less(a[l]!, a[m]!) < 0) m = l
      if (r < a.length && this.less(a[r]!, a[m]!) < 0) m = r
      if (m === k) return
      ;[a[k], a[m]] = [a[m]!, a[k]!]
      k = m
    }
  }
}

/**
 * Scores a cohort as `kaoping score` does and returns its results as plain data, ranked, each with its trail (for
 * reports that show every subject whole: HTML, workbooks). The results are held in memory: a report of a province
 * is a document a person reads, not a stream. Returns the exit code instead when the evidence is refused (the
 * diagnostics printed).
 */
export function* collectCohort(io: CliIo, evaluator: Evaluator, paths: readonly string[], o: Pick<StreamOptions, 'inputFormat' | 'evaluate' | 'order' | 'quiet'> & { trail?: boolean }): Generator<void | Promise<unknown>, CohortResult | number, unknown> {
  const subjects: SubjectResult[] = []
  let rest: Omit<CohortResult, 'subjects'> | undefined
  const code = yield* scoreStream(io, evaluator, paths, { ...o, format: 'ndjson', full: true, trail: o.trail ?? true, order: o.order ?? 'rank', collect: { subject: (r) => void subjects.push(r), end: (c) => void (rest = c) } }, () => undefined)
  if (code !== 0 || !rest) return code || 1
  return { ...rest, subjects }
}
