/**
 * A workbook's cells as the CSV readers take them: each cell as the text a CSV field would hold, and a table
 * (`CsvTable`) per sheet whose lines are the sheet's rows and whose columns are its columns, so that the readers'
 * messages ("Line 5") and locations (line 5, column 3) are the sheet's rows and columns.
 *
 * A CSV table has a text its spans point into, which a diagnostic quotes. A workbook has none, so one is written: a
 * line per cell read, `'事實 facts'!C5: 0.875`. A problem at a cell then prints as
 *
 *     evidence.xlsx:5:3: error EVIDENCE_OUT_OF_RANGE [subject fengxian] … = 1.2 is above the maximum 1 …
 *       5 | '事實 facts'!C5: 1.2
 *         |                 ^^^
 *
 * with the file, the row and column, and the cell's reference (sheet!cell) on the quoted line.
 */
import type ExcelJS from 'exceljs'
import type { Location, Span } from '../../diagnostics/diagnostic'
import type { CsvCell, CsvRecord, CsvTable } from '../../load/csv'
import { cellRef, sheetRef } from './sheets'

/** A cell's value as CSV text, or why it cannot be read. */
export type CellText = { text: string } | { problem: string }

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/**
 * A cell's value as the text a CSV field would hold:
 *
 * - a number: its shortest decimal text (`String(0.875)` is "0.875"; a cell formatted as 87.5% holds 0.875). No
 *   arithmetic is done on it: the reader takes the decimal as written, exactly, or refuses it (more than 6 decimal
 *   places, such as a formula's 0.30000000000000004, is refused, never rounded);
 * - a date: YYYY-MM-DD (exceljs gives dates at midnight UTC); with a time of day, YYYY-MM-DDTHH:MM:SS, which a date
 *   fact refuses;
 * - true/false for a yes/no cell; the plain text of rich text and of a hyperlink;
 * - a formula: its saved result (a workbook saved by Excel or WPS keeps one), or a problem when there is none;
 * - an error value (#DIV/0!, #N/A, …): a problem.
 */
export function cellText(value: ExcelJS.CellValue, depth = 0): CellText {
  if (value === null || value === undefined) return { text: '' }
  if (typeof value === 'string') return { text: value }
  if (typeof value === 'number') return Number.isFinite(value) ? { text: String(value) } : { problem: `holds ${value}, which is not a number` }
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' }
  if (value instanceof Date) {
    const t = value.getTime()
    if (Number.isNaN(t)) return { problem: 'holds a date that is not a calendar date' }
    const day = `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`
    const time = t % 86_400_000
    return { text: time === 0 ? day : `${day}T${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}` }
  }
  if (typeof value !== 'object' || depth > 2) return { problem: 'holds a value kaoping cannot read' }
  if ('error' in value) return { problem: `holds the error value ${String(value.error)}` }
  if ('richText' in value) return Array.isArray(value.richText) ? { text: value.richText.map((r) => (typeof r?.text === 'string' ? r.text : '')).join('') } : { problem: 'holds rich text kaoping cannot read' }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result
    if (result === undefined || result === null)
      return { problem: 'holds a formula without a saved result; open the workbook in Excel or WPS and save it (the result is saved with the formula), or type the value' }
    return cellText(result as ExcelJS.CellValue, depth + 1)
  }
  if ('hyperlink' in value) return cellText((value as { text?: ExcelJS.CellValue }).text, depth + 1)
  if ('text' in value) return cellText((value as { text?: ExcelJS.CellValue }).text, depth + 1)
  return { problem: 'holds a value kaoping cannot read' }
}

/** Where a cell is: its sheet (by index into `WorkbookText.sheets`), row and column. */
export interface CellPlace {
  sheet: string
  row: number
  column: number
  /** `'事實 facts'!C5` */
  ref: string
}

/**
 * The text a workbook's diagnostics quote: a line per cell read, and the place of each line. Lines are added sheet by
 * sheet, row by row, so their offsets rise; a span's place is found by binary search.
 */
export class WorkbookText {
  private readonly parts: string[] = []
  private readonly starts: number[] = []
  private readonly rows: number[] = []
  private readonly columns: number[] = []
  private readonly sheetOf: number[] = []
  readonly sheets: string[] = []
  length = 0
  #text: string | undefined

  constructor(readonly file: string) {}

  /** Starts the cells of a sheet; returns its index. */
  sheet(name: string): number {
    this.sheets.push(name)
    return this.sheets.length - 1
  }

  /** Adds the line of a cell; returns the span of its value (empty at the line's end for an empty cell). */
  add(sheet: number, row: number, column: number, value: string): Span {
    const prefix = `${sheetRef(this.sheets[sheet]!)}!${cellRef(row, column)}: `
    // the value as one line: its line breaks shown (the value itself is kept as it is)
    const shown = value.replace(/\r\n|\r|\n/g, '↵')
    this.starts.push(this.length)
    this.rows.push(row)
    this.columns.push(column)
    this.sheetOf.push(sheet)
    const start = this.length + prefix.length
    this.parts.push(prefix, shown, '\n')
    this.length = start + shown.length + 1
    this.#text = undefined
    return { start, end: start + shown.length }
  }

  get text(): string {
    return (this.#text ??= this.parts.join(''))
  }

  /** The cell whose line holds `offset`. */
  place(offset: number): CellPlace | undefined {
    let lo = 0
    let hi = this.starts.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.starts[mid]! <= offset) lo = mid + 1
      else hi = mid
    }
    const k = lo - 1
    if (k < 0) return undefined
    const sheet = this.sheets[this.sheetOf[k]!]!
    return { sheet, row: this.rows[k]!, column: this.columns[k]!, ref: `${sheetRef(sheet)}!${cellRef(this.rows[k]!, this.columns[k]!)}` }
  }

  /** The location of a span: the file, the row as the line and the column as the column of the cell it starts in. */
  location(span: Span): Location {
    const p = this.place(span.start)
    return p ? { file: this.file, line: p.row, column: p.column, endLine: p.row, endColumn: p.column + 1 } : { file: this.file, line: 1, column: 1 }
  }
}

/** A cell of a sheet's table. */
class SheetCell implements CsvCell {
  readonly quoted = false
  constructor(
    readonly value: string,
    readonly span: Span,
    readonly line: number,
    readonly column: number,
  ) {}
}

/** A row of a sheet's table: its row number is its line. */
class SheetRow implements CsvRecord {
  constructor(
    readonly line: number,
    readonly cells: CsvCell[],
  ) {}
}

/** One sheet's cells, read: the rows that hold a value (the header first), each as wide as the widest. */
export interface SheetCells {
  /** Row numbers, in order. */
  rows: number[]
  /** By row (same order), column → text of each non-empty cell. */
  values: Map<number, string>[]
  /** The last column holding a value. */
  width: number
}

/**
 * A sheet's table for the CSV readers: each row `width` cells (an empty cell where the sheet has none), every cell a
 * line of `text`. `headerAs` reads some header cells as other words (a records sheet's 編號 as the CSV reader's
 * `subject`), the line still quoting what the cell says. `record` adds a last column with the record type (a records
 * sheet holds one type; the CSV reader takes it from a column), its cells located at the row's first cell.
 */
export function sheetTable(text: WorkbookText, sheet: number, cells: SheetCells, options: { headerAs?: ReadonlyMap<number, string>; record?: string } = {}): CsvTable {
  const records: CsvRecord[] = []
  cells.rows.forEach((row, k) => {
    const values = cells.values[k]!
    const out: CsvCell[] = []
    for (let c = 1; c <= cells.width; c++) {
      const v = values.get(c) ?? ''
      const span = text.add(sheet, row, c, v)
      out.push(new SheetCell(k === 0 ? (options.headerAs?.get(c) ?? v) : v, span, row, c))
    }
    if (options.record !== undefined) out.push(new SheetCell(k === 0 ? 'record' : options.record, out[0]!.span, row, 1))
    records.push(new SheetRow(row, out))
  })
  return {
    file: text.file,
    records,
    location: (span) => text.location(span),
    get text() {
      return text.text
    },
  }
}
