/**
 * A small RFC 4180 CSV reader, without dependencies.
 *
 * - Fields are separated by `,`; records end with CRLF, LF or a lone CR.
 * - A field may be quoted with `"`: it may then hold commas, line breaks and quotes written twice (`""`).
 * - A quote inside an unquoted field, text after a closing quote, and a quote never closed are errors,
 *   reported with the line and column where they occur.
 * - A leading byte-order mark is removed; offsets, lines and columns refer to the text without it.
 * - Empty lines (a record of one empty, unquoted field) are skipped; a final line break is optional.
 *
 * Cells keep their text exactly (no trimming, no type conversion): turning cells into evidence is
 * `csvEvidence` (facts) and `csvRecords` (records) in csv-evidence.ts, which know the rubric.
 *
 * Reading is linear in the text: one pass over it, one pass to index its lines, and a cell's line and column are
 * found by binary search when asked for (a 3 MB header of 300,000 cells took minutes when each cell's column was
 * counted from the start of its line).
 */
import { makeDiagnostic } from '../diagnostics/diagnostic'
import type { Diagnostic, Location, Result, Span } from '../diagnostics/diagnostic'
import { fail, ok } from '../diagnostics/diagnostic'
import { spanLocation, type LineColumn } from '../diagnostics/format'
import { limitExceeded } from '../limits'
import { textProblem } from './text'

export interface CsvCell {
  /** The field's text: unquoted, with `""` turned into `"`. */
  value: string
  /** Whether it was written in quotes. */
  quoted: boolean
  /** Where it is in the text (the quotes included). */
  span: Span
  /** 1-based line and code-point column of its first character. */
  line: number
  column: number
}

export interface CsvRecord {
  /** The line the record starts on (a quoted field may carry it over several lines). */
  line: number
  cells: CsvCell[]
}

export interface CsvTable {
  /** The text read (byte-order mark removed): what spans refer to. */
  text: string
  file?: string
  /** Every non-empty record, the header first. */
  records: CsvRecord[]
  /** Location of a span of `text`. */
  location(span: Span): Location
}

/** Reads CSV text into records of cells. Fails with one located diagnostic at the first syntax error. */
export function parseCsv(input: string, options: { file?: string; maxBytes?: number; maxStringLength?: number } = {}): Result<CsvTable> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  const early = textProblem(text, options.file, 'maxEvidenceBytes', options.maxBytes ?? Infinity)
  if (early) return fail([early])
  const maxStringLength = options.maxStringLength ?? Infinity
  const index = csvLineIndex(text)
  const location = (span: Span): Location => spanLocation(index, span, options.file)
  const Cell = cellClass(index)
  const error = (message: string, span: Span): Result<CsvTable> => {
    const extra: Partial<Diagnostic> = { span, location: location(span), hint: 'Check the CSV quoting: a field with a comma, quote or line break is written in quotes, and a quote inside it is written twice ("").' }
    if (options.file !== undefined) extra.file = options.file
    return fail([makeDiagnostic('EVIDENCE_INVALID', message, extra)])
  }
  const records: CsvRecord[] = []
  const n = text.length
  // a row's cells are gathered here, then copied to an array of their exact number (an array grown by push keeps
  // room for 17: most of a short row's memory)
  const cells: CsvCell[] = []
  let i = 0
  while (i < n) {
    cells.length = 0
    for (;;) {
      const start = i
      let value: string
      let quoted = false
      if (text.charCodeAt(i) === 34 /* " */) {
        quoted = true
        value = ''
        i++
        for (;;) {
          const q = text.indexOf('"', i)
          if (q === -1) return error('A quoted field is never closed: the quote that opens it is here.', { start, end: start + 1 })
          value += text.slice(i, q)
          if (text.charCodeAt(q + 1) === 34) {
            value += '"'
            i = q + 2
          } else {
            i = q + 1
            break
          }
        }
        const c = text.charCodeAt(i)
        if (i < n && c !== 44 && c !== 10 && c !== 13) {
          return error(`Unexpected text after the closing quote of a field; a quote inside a quoted field is written twice ("").`, { start: i, end: i + 1 })
        }
      } else {
        let j = i
        while (j < n) {
          const c = text.charCodeAt(j)
          if (c === 44 || c === 10 || c === 13) break
          if (c === 34) return error('A quote inside a field that does not start with a quote; quote the whole field and write the quote twice ("").', { start: j, end: j + 1 })
          j++
        }
        value = text.slice(i, j)
        i = j
      }
      if (value.length > maxStringLength) {
        const span = { start, end: i }
        const d = limitExceeded('maxStringLength', maxStringLength, `A field of ${value.length.toLocaleString('en')} characters`, { span, location: location(span) })
        if (options.file !== undefined) d.file = options.file
        return fail([d])
      }
      cells.push(new Cell(value, quoted, start, i))
      if (text.charCodeAt(i) === 44) {
        i++
        continue
      }
      if (text.charCodeAt(i) === 13) i++
      if (text.charCodeAt(i) === 10) i++
      break
    }
    const first = cells[0]!
    if (cells.length === 1 && !first.quoted && first.value === '') continue // an empty line
    records.push(new Row(cells.slice()))
  }
  const table: CsvTable = { text, records, location }
  if (options.file !== undefined) table.file = options.file
  return ok(table)
}

/**
 * Cells of one table. A file of short rows has millions of them, so a cell holds its text and offsets only; its span,
 * line and column are worked out when asked for (through the table's line index, O(log n)).
 */
function cellClass(index: (offset: number) => LineColumn) {
  return class Cell implements CsvCell {
    constructor(
      readonly value: string,
      readonly quoted: boolean,
      private readonly start: number,
      private readonly end: number,
    ) {}
    get span(): Span {
      return { start: this.start, end: this.end }
    }
    get line(): number {
      return index(this.start).line
    }
    get column(): number {
      return index(this.start).column
    }
  }
}

class Row implements CsvRecord {
  constructor(readonly cells: CsvCell[]) {}
  get line(): number {
    return this.cells[0]!.line
  }
}

/**
 * Offset → 1-based line and code-point column, where a line ends with CRLF, LF or a lone CR. Built in one pass over
 * the text; each look-up is two binary searches (line starts, surrogate pairs), so locating every cell of a 3 MB line
 * costs O(cells × log n), not O(cells × line length).
 */
function csvLineIndex(text: string): (offset: number) => LineColumn {
  const starts: number[] = [0]
  const pairs: number[] = [] // offsets of high surrogates that start a valid pair: one code point, two code units
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1)
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) pairs.push(i++)
    }
  }
  return (offset) => {
    const off = Math.max(0, Math.min(offset, n))
    const line = countAtMost(starts, off)
    const start = starts[line - 1]!
    // a pair whose second half is before `off` counts one column for its two code units
    return { line, column: off - start + 1 - (countBelow(pairs, off - 1) - countBelow(pairs, start)) }
  }
}

/** Number of elements of sorted `xs` that are `< value`. */
function countBelow(xs: readonly number[], value: number): number {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (xs[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Number of elements of sorted `xs` that are `<= value`. */
const countAtMost = (xs: readonly number[], value: number): number => countBelow(xs, value + 1)

/** A CSV field as written: quoted when it holds a comma, quote, line break or leading/trailing space. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** One CSV line (CRLF-terminated, as RFC 4180 writes it). */
export function csvLine(values: readonly string[]): string {
  return values.map(csvField).join(',') + '\r\n'
}
