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
 * `csvEvidence` in evidence.ts, which knows the rubric's facts.
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
  const error = (message: string, span: Span): Result<CsvTable> => {
    const extra: Partial<Diagnostic> = { span, location: location(span), hint: 'Check the CSV quoting: a field with a comma, quote or line break is written in quotes, and a quote inside it is written twice ("").' }
    if (options.file !== undefined) extra.file = options.file
    return fail([makeDiagnostic('EVIDENCE_INVALID', message, extra)])
  }
  const records: CsvRecord[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    const cells: CsvCell[] = []
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
      const span = { start, end: i }
      const at = index(start)
      if (value.length > maxStringLength) {
        const d = limitExceeded('maxStringLength', maxStringLength, `A field of ${value.length.toLocaleString('en')} characters`, { span, location: location(span) })
        if (options.file !== undefined) d.file = options.file
        return fail([d])
      }
      cells.push({ value, quoted, span, line: at.line, column: at.column })
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
    records.push({ line: first.line, cells })
  }
  const table: CsvTable = { text, records, location }
  if (options.file !== undefined) table.file = options.file
  return ok(table)
}

/** Offset → 1-based line and code-point column, where a line ends with CRLF, LF or a lone CR. */
function csvLineIndex(text: string): (offset: number) => LineColumn {
  const starts = [0]
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1)
  }
  return (offset) => {
    const off = Math.max(0, Math.min(offset, text.length))
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if (starts[mid]! <= off) lo = mid
      else hi = mid - 1
    }
    let column = 1
    for (let i = starts[lo]!; i < off; i++) {
      const c = text.charCodeAt(i)
      if (!(c >= 0xdc00 && c <= 0xdfff && i > starts[lo]! && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) column++
    }
    return { line: lo + 1, column }
  }
}

/** A CSV field as written: quoted when it holds a comma, quote, line break or leading/trailing space. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** One CSV line (CRLF-terminated, as RFC 4180 writes it). */
export function csvLine(values: readonly string[]): string {
  return values.map(csvField).join(',') + '\r\n'
}
