/**
 * `xlsxEvidence`: a filled evidence workbook (template.ts) read as evidence. Scoring it is scoring CSV evidence, by
 * the same code: the facts sheet is read by the CSV facts reader (`csvEvidence`) and each records sheet by the CSV
 * records reader (`csvRecords`), on tables made of the sheet's cells (cells.ts), so headers are matched, cells read by
 * type, and problems reported exactly as for CSV. What a workbook adds is how a cell becomes text (`cellText`: numbers
 * as their shortest decimal, dates as YYYY-MM-DD, formulas by their saved result) and the about sheet's settings
 * (rubric, asOf, period).
 *
 * Every problem names the file, and the sheet and cell: its location is the cell's row (as the line) and column, its
 * message starts with the reference (`'事實 facts'!C5: …`), and the text it quotes is that cell's line (cells.ts).
 *
 * The work is bounded: the workbook's size is checked before it is opened (maxEvidenceBytes), its zip archive is
 * inflated within the same limit before exceljs reads it (zip-guard.ts), exceljs skips what could make it expand a
 * range cell by cell (merged cells, validations, hyperlinks, tables), and the cells read, written out as the text
 * diagnostics quote, stay within the limit too.
 */
import type ExcelJS from 'exceljs'
import { newWorkbook } from './exceljs'
import type { Diagnostic, Location, Path, Span } from '../../diagnostics/diagnostic'
import { badArgument, makeDiagnostic } from '../../diagnostics/diagnostic'
import type { Rubric } from '../../kinds/rubric'
import { CONTROL_CHARACTER, codePoint, DEFAULT_LIMITS as LIMITS, limitExceeded, resolveLimits, type Limits } from '../../limits'
import { csvEvidence } from '../../load/evidence'
import { csvRecords, type CsvRecordsFile } from '../../load/csv-evidence'
import type { EvidenceFile } from '../../load/evidence-file'
import { Exit, printDiagnostics } from '../common'
import { waitFor, type CliIo } from '../io'
import type { Reporter } from '../reporter'
import { cellText, sheetTable, WorkbookText, type SheetCells } from './cells'
import { normaliseTitle } from '../../text/script'
import { FIXED_SHEETS, settingOf, sheetRef, sheetRole, SUBJECT_HEADERS } from './sheets'
import { zipProblem } from './zip-guard'

export interface XlsxEvidenceOptions {
  /** Limits to change from `DEFAULT_LIMITS`: maxEvidenceBytes (the workbook, and its parts inflated), maxStringLength (a cell), maxSubjects. */
  limits?: Partial<Limits>
}

/** Where a subject is written in the workbook: what `printAt` (common.ts) needs to point a diagnostic at its cell. */
export interface XlsxPlace {
  file: string
  /** The text diagnostics quote: a line per cell read (cells.ts). */
  text: string
  prefix: Path
  locate(path: Path, options?: { key?: boolean }): { span: Span; location: Location } | undefined
}

/** A workbook read as evidence. */
export interface XlsxEvidenceFile {
  file: string
  /** The text spans point into and diagnostics quote: a line per cell read. */
  text: string
  /** The facts sheet's subjects, each with the records the records sheets give for its id (YAML evidence's shape). */
  subjects: Record<string, unknown>[]
  /**
   * Records for ids the facts sheet does not give, to be added to the subjects of other evidence files as a records
   * CSV file's are (absent when there are none).
   */
  records?: CsvRecordsFile
  /** What the about sheet gives: `rubric`, `asOf`, `period` (each only when filled in). */
  settings: Record<string, unknown>
  /** Where the i-th subject is written. */
  origin(i: number): XlsxPlace
  /** Where the value at a path into `{ subjects }` is written (its cell, else its subject's row). */
  locate(path: Path, options?: { key?: boolean }): { span: Span; location: Location } | undefined
}

/** As every stage returns (`{ ok, value, diagnostics }`), and with the text a failure's diagnostics quote. */
export type XlsxEvidence = { ok: true; value: XlsxEvidenceFile; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[]; text?: string }

/** What exceljs does not read: each of these may make it visit a range cell by cell (a merge of A1:XFD1048576). */
const IGNORED = ['mergeCells', 'dataValidations', 'hyperlinks', 'conditionalFormatting', 'tableParts', 'autoFilter', 'cols', 'drawing', 'picture', 'extLst', 'rowBreaks']

/** A sheet's cells, read, with the cells that could not be (a formula without a result, an error value, …). */
interface ReadSheet extends SheetCells {
  name: string
  problems: { row: number; column: number; code: 'EVIDENCE_INVALID' | 'LIMIT_EXCEEDED' | 'TEXT_CONTROL_CHARACTER'; message: string }[]
}

/** The cells of a sheet that hold a value; a row whose cells are all blank is skipped, as an empty CSV line is. */
function readSheet(ws: ExcelJS.Worksheet, maxStringLength: number): ReadSheet {
  const out: ReadSheet = { name: ws.name, rows: [], values: [], width: 0, problems: [] }
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const values = new Map<number, string>()
    let any = false
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const t = cellText(cell.value)
      let text: string
      if ('problem' in t) {
        out.problems.push({ row: r, column: c, code: 'EVIDENCE_INVALID', message: `The cell ${t.problem}.` })
        text = typeof cell.formula === 'string' && cell.formula ? `=${cell.formula}` : '?'
      } else text = t.text
      if (text.length > maxStringLength) {
        out.problems.push({ row: r, column: c, code: 'LIMIT_EXCEEDED', message: `The cell holds ${text.length.toLocaleString('en')} characters; the limit maxStringLength is ${maxStringLength.toLocaleString('en')}.` })
        text = text.slice(0, 80) + '…'
      }
      const control = CONTROL_CHARACTER.exec(text)
      if (control) out.problems.push({ row: r, column: c, code: 'TEXT_CONTROL_CHARACTER', message: `The cell holds the control character ${codePoint(control[0])}; kaoping reads text, where only tabs and line breaks are allowed.` })
      if (text.trim() === '') return
      values.set(c, text)
      any = true
      if (c > out.width) out.width = c
    })
    if (!any) return
    out.rows.push(r)
    out.values.push(values)
  })
  return out
}

/** The length of the text a sheet's cells are written out as (cells.ts): a line per cell, with its reference. */
function textLength(s: ReadSheet): number {
  let n = s.rows.length * s.width * (sheetRef(s.name).length + 16)
  for (const v of s.values) for (const t of v.values()) n += t.length
  return n
}

/**
 * Reads an evidence workbook (`bytes`, named `file` in diagnostics) against `rubric`: see the file's comment. The
 * subjects are YAML evidence's (`{ id, name, facts, notApplicable, records }`), with facts and fields as CSV evidence
 * reads them (decimals as strings, exact).
 */
export async function xlsxEvidence(bytes: Uint8Array, file: string, rubric: Rubric, options: XlsxEvidenceOptions = {}): Promise<XlsxEvidence> {
  if (!(bytes instanceof Uint8Array)) return { ok: false, diagnostics: [badArgument('xlsxEvidence takes the bytes of a workbook (a Uint8Array).')] }
  const resolved = resolveLimits(options.limits)
  if (!resolved.ok) return { ok: false, diagnostics: resolved.diagnostics }
  const limits = resolved.value
  const max = limits.maxEvidenceBytes
  const at = { file }
  if (bytes.length > max) return { ok: false, diagnostics: [limitExceeded('maxEvidenceBytes', max, `The workbook is ${bytes.length.toLocaleString('en')} bytes long`, at)] }
  const zip = zipProblem(bytes, max)
  if (zip && 'size' in zip) return { ok: false, diagnostics: [limitExceeded('maxEvidenceBytes', max, 'The workbook\'s parts, inflated, are more than the limit (an .xlsx file is a compressed archive)', at)] }
  if (zip) return { ok: false, diagnostics: [notAWorkbook(file, zip.malformed)] }
  const book = await newWorkbook()
  try {
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never, { ignoreNodes: IGNORED })
  } catch (e) {
    return { ok: false, diagnostics: [notAWorkbook(file, `exceljs could not read it (${e instanceof Error ? e.message.slice(0, 200) : 'an error'})`)] }
  }

  // --- which sheet is which
  const diagnostics: Diagnostic[] = []
  const roles = new Map<string, ExcelJS.Worksheet>() // 'about', 'facts', 'lists', 'records:<type>' → the sheet
  for (const ws of book.worksheets) {
    const role = sheetRole(ws.name, rubric)
    if (role === undefined) {
      diagnostics.push(
        makeDiagnostic('EVIDENCE_UNKNOWN_FIELD', `Sheet "${ws.name}" is not read: it is not a sheet of an evidence workbook for rubric ${rubric.id}.`, {
          severity: 'warning',
          file,
          hint: `kaoping reads the sheets ${FIXED_SHEETS.about.written}, ${FIXED_SHEETS.facts.written} and one per record type, named by the type's name last (${Object.keys(rubric.records ?? {}).join(', ') || 'this rubric has none'}); \`kaoping template\` writes them. Rename the sheet if it holds evidence.`,
        }),
      )
      continue
    }
    const key = role.kind === 'records' ? `records:${role.type}` : role.kind
    const before = roles.get(key)
    if (before) {
      diagnostics.push(makeDiagnostic('EVIDENCE_INVALID', `Sheets "${before.name}" and "${ws.name}" both give the ${role.kind === 'records' ? `records of ${role.type}` : role.kind}.`, { file, hint: 'Keep one of them (move the rows of one into the other).' }))
      continue
    }
    roles.set(key, ws)
  }

  // --- the cells
  const sheets: { key: string; sheet: ReadSheet }[] = []
  for (const [key, ws] of roles) if (key !== 'lists') sheets.push({ key, sheet: readSheet(ws, limits.maxStringLength) })
  let length = 0
  for (const { sheet } of sheets) length += textLength(sheet)
  if (length > max) return { ok: false, diagnostics: [limitExceeded('maxEvidenceBytes', max, `The workbook's cells, read as text, are about ${length.toLocaleString('en')} characters`, at)] }

  const text = new WorkbookText(file)
  const place = (d: Diagnostic): Diagnostic => placed(d, text)
  const tables = new Map<string, { index: number; sheet: ReadSheet; table: ReturnType<typeof sheetTable> }>()
  for (const { key, sheet } of sheets) {
    const index = text.sheet(sheet.name)
    const options: Parameters<typeof sheetTable>[3] = {}
    if (key.startsWith('records:')) {
      const type = key.slice(8)
      options.record = type
      const subject = subjectColumn(sheet, rubric, type)
      if (subject !== undefined) options.headerAs = new Map([[subject, 'subject']])
      else if (sheet.rows.length) {
        diagnostics.push(makeDiagnostic('EVIDENCE_INVALID', `${sheetRef(sheet.name)}!${sheet.rows[0]}:${sheet.rows[0]}: The header row has no 編號 column: the id of the subject each record belongs to.`, { file, hint: 'Head the column of subject ids 編號 (or 單位編號, subject), as `kaoping template` writes it.' }))
        continue
      }
    }
    tables.set(key, { index, sheet, table: sheetTable(text, index, sheet, options) })
  }
  for (const { sheet, table } of tables.values())
    for (const p of sheet.problems) {
      const k = sheet.rows.indexOf(p.row)
      const cell = k >= 0 ? table.records[k]!.cells[p.column - 1] : undefined
      if (!cell) continue
      diagnostics.push(place(makeDiagnostic(p.code, p.message, { file, span: cell.span, location: text.location(cell.span) })))
    }
  const settings = aboutSettings(tables.get('about'), rubric, text, diagnostics)
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics, text: text.text }

  // --- the facts sheet and the records sheets, read by the CSV readers
  let facts: EvidenceFile | undefined
  const factsTable = tables.get('facts')
  if (factsTable && factsTable.sheet.rows.length) {
    const r = csvEvidence(factsTable.table, rubric)
    if (!r.ok) diagnostics.push(...r.diagnostics.map(place))
    else facts = r.value
  }
  const recordFiles = new Map<string, CsvRecordsFile>()
  for (const [key, t] of tables) {
    if (!key.startsWith('records:') || t.sheet.rows.length === 0) continue
    const r = csvRecords(t.table, rubric)
    if (!r.ok) diagnostics.push(...r.diagnostics.map(place))
    else recordFiles.set(key.slice(8), r.value)
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics, text: text.text }

  // --- records join the facts sheet's subjects by id; the rest are for other files' subjects
  const all = ((facts?.data as { subjects?: Record<string, unknown>[] } | undefined)?.subjects ?? []) as Record<string, unknown>[]
  const firstOf = new Map<string, number>()
  all.forEach((s, i) => {
    if (typeof s.id === 'string' && !firstOf.has(s.id)) firstOf.set(s.id, i)
  })
  const withRecords = new Set<string>()
  const leftover = new Map<string, Record<string, unknown[]>>()
  for (const [type, f] of recordFiles)
    for (const [id, types] of f.bySubject) {
      const list = types[type]
      if (!list) continue
      const i = firstOf.get(id)
      if (i === undefined) {
        let l = leftover.get(id)
        if (!l) leftover.set(id, (l = {}))
        l[type] = list
        continue
      }
      const s = all[i]!
      ;((s.records as Record<string, unknown[]> | undefined) ?? (s.records = {}) as Record<string, unknown[]>)[type] = list
      withRecords.add(id)
    }
  // a row the template filled in (id and name) and nobody else: no evidence for that subject, as if left out of YAML
  const declaresFacts = Object.keys(rubric.facts ?? {}).length > 0
  const kept: number[] = []
  all.forEach((s, i) => {
    const blank = declaresFacts && s.facts === undefined && s.notApplicable === undefined && !(typeof s.id === 'string' && withRecords.has(s.id))
    if (!blank) kept.push(i)
  })
  const subjects = kept.map((i) => all[i]!)
  if (subjects.length > limits.maxSubjects) return { ok: false, diagnostics: [...diagnostics, limitExceeded('maxSubjects', limits.maxSubjects, `The workbook gives ${subjects.length.toLocaleString('en')} subjects`, at)] }

  const locate = (path: Path, options?: { key?: boolean }): { span: Span; location: Location } | undefined => {
    if (path[0] !== 'subjects' || typeof path[1] !== 'number') return undefined
    const i = kept[path[1]]
    if (i === undefined || !facts) return undefined
    const id = all[i]!.id
    if (path[2] === 'records' && typeof path[3] === 'string' && typeof path[4] === 'number' && typeof id === 'string') {
      const found = recordFiles.get(path[3])?.locate(id, path[3], path[4], typeof path[5] === 'string' ? path[5] : undefined)
      if (found) return found
    }
    return facts.locate(['subjects', i, ...path.slice(2)], options)
  }
  const value: XlsxEvidenceFile = {
    file,
    get text() {
      return text.text
    },
    subjects,
    settings,
    origin: (i) => ({ file, text: text.text, prefix: ['subjects', i], locate }),
    locate,
  }
  if (leftover.size)
    value.records = {
      file,
      text: text.text,
      bySubject: leftover,
      locate: (id, type, index, field) => recordFiles.get(type)?.locate(id, type, index, field),
    }
  return { ok: true, value, diagnostics }
}

function notAWorkbook(file: string, why: string): Diagnostic {
  return makeDiagnostic('EVIDENCE_INVALID', `The file cannot be read as an Excel workbook: ${why}.`, {
    file,
    hint: 'Give an .xlsx workbook (Excel 2007 or later; WPS: save as .xlsx), such as `kaoping template` writes; an old .xls file must be saved as .xlsx first.',
  })
}

/**
 * A diagnostic of the CSV readers, said of the sheet: its message starts with the cell's reference, and "Line 5" (the
 * readers' words) is "Row 5".
 */
function placed(d: Diagnostic, text: WorkbookText): Diagnostic {
  const p = d.span ? text.place(d.span.start) : undefined
  const message = d.message
    .replace(/^Line (\d+)/, 'Row $1')
    .replace(/The CSV header/g, 'The header row')
    .replace(/The CSV has/g, 'The sheet has')
    .replace(/CSV file/g, 'sheet')
  return { ...d, file: text.file, message: p ? `${p.ref}: ${message}` : message }
}

/** The column of a records sheet that holds the subject id: headed 編號 (as the template writes), 單位編號, subject, or id when no field is so named. */
function subjectColumn(sheet: ReadSheet, rubric: Rubric, type: string): number | undefined {
  const header = sheet.values[0]
  if (!header) return undefined
  const fields = rubric.records?.[type]?.fields ?? {}
  const isField = (h: string) => Object.hasOwn(fields, h) || Object.values(fields).some((f) => f.title?.trim() === h)
  for (const [c, v] of [...header].sort((a, b) => a[0] - b[0])) {
    const h = normaliseTitle(v)
    if (SUBJECT_HEADERS.has(h) && !isField(h)) return c
  }
  return undefined
}

/** The settings of the about sheet: each row whose first cell is a setting's label gives its value in the second. */
function aboutSettings(about: { index: number; sheet: ReadSheet; table: ReturnType<typeof sheetTable> } | undefined, rubric: Rubric, text: WorkbookText, diagnostics: Diagnostic[]): Record<string, unknown> {
  const settings: Record<string, unknown> = {}
  if (!about) return settings
  const seen = new Set<string>()
  about.table.records.forEach((row) => {
    const label = row.cells[0]?.value ?? ''
    const key = settingOf(label)
    if (key === undefined) return
    const cell = row.cells[1]
    const v = (cell?.value ?? '').trim()
    if (!cell || v === '') return
    const problem = (message: string, hint: string) => diagnostics.push(placed(makeDiagnostic('EVIDENCE_INVALID', message, { file: text.file, span: cell.span, location: text.location(cell.span), hint }), text))
    if (seen.has(key)) return problem(`${key} is given twice on the about sheet.`, 'Keep one row for it.')
    seen.add(key)
    if (key === 'rubric') {
      if (v !== rubric.id) problem(`This workbook is for rubric "${v}", not ${rubric.id}.`, `Score it with rubric ${v}, or write ${rubric.id} here if the workbook is meant for it (its sheets must then be that rubric's: \`kaoping template\` writes them).`)
      else settings.rubric = v
      return
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return problem(`${key} must be a date (a date cell, or YYYY-MM-DD), not "${v.slice(0, 40)}".`, 'Enter a date such as 2017-12-31, or leave the cell empty.')
    if (key === 'asOf') settings.asOf = v
    else {
      const period = (settings.period ??= {}) as Record<string, string>
      period[key === 'period.from' ? 'from' : 'to'] = v
    }
  })
  return settings
}

/**
 * The bytes of a workbook named on the command line, within maxEvidenceBytes (its size checked before it is read, when
 * the io can tell it). Exit 2 when it cannot be read, 1 when it is too large (printed).
 */
export function workbookBytes(io: CliIo, path: string, limits?: Partial<Limits>): Uint8Array {
  const max = limits?.maxEvidenceBytes ?? LIMITS.maxEvidenceBytes
  const tooLarge = (size: string) => {
    printDiagnostics(io, [limitExceeded('maxEvidenceBytes', max, `The workbook${path === '-' ? ' on standard input' : ''} is ${size} bytes long`, { file: path })])
    return new Exit(1)
  }
  try {
    if (io.size && path !== '-') {
      const size = io.size(path)
      if (size > max) throw tooLarge(size.toLocaleString('en'))
    }
    if (io.chunks) {
      const parts: Uint8Array[] = []
      let total = 0
      for (const c of io.chunks(path)) {
        total += c.length
        if (total > max) throw tooLarge(`more than ${max.toLocaleString('en')}`)
        parts.push(Uint8Array.prototype.slice.call(c))
      }
      return parts.length === 1 ? parts[0]! : Buffer.concat(parts)
    }
    if (!io.readBytes) {
      io.stderr(`kaoping: cannot read ${path}: a workbook is read as bytes, which this environment does not offer\n`)
      throw new Exit(2)
    }
    const bytes = io.readBytes(path)
    if (bytes.length > max) throw tooLarge(bytes.length.toLocaleString('en'))
    return bytes
  } catch (e) {
    if (e instanceof Exit) throw e
    io.stderr(`kaoping: cannot read ${path}: ${(e as Error).message}\n`)
    throw new Exit(2)
  }
}

/**
 * A workbook named on the command line, read as evidence within `limits`: its bytes (`workbookBytes`), then
 * `xlsxEvidence`, its warnings printed through `reporter` (each quoting its cell). When it is refused, its diagnostics
 * are printed and the command ends (Exit 1; Exit 2 when it cannot be read). A command's step: `const f = yield*
 * readWorkbook(…)`.
 */
export function* readWorkbook(io: CliIo, path: string, rubric: Rubric, limits: Partial<Limits> | undefined, reporter: Reporter): Generator<Promise<unknown>, XlsxEvidenceFile, unknown> {
  const bytes = workbookBytes(io, path, limits)
  const file = path === '-' ? '<stdin>' : path
  const r = yield* waitFor(xlsxEvidence(bytes, file, rubric, limits ? { limits } : {}))
  if (!r.ok) {
    for (const d of r.diagnostics) reporter.print(d, r.text)
    throw new Exit(1)
  }
  for (const d of r.diagnostics) if (d.severity !== 'info') reporter.print(d, r.value.text)
  return r.value
}
