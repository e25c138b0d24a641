/**
 * Turning offsets into line/column positions, and diagnostics into text.
 *
 * Positions are 1-based. Columns count Unicode code points, not UTF-16 code
 * units, so a line of Chinese text (or emoji outside the BMP) gets the column
 * a person would count: in `標題: 值` the value `值` is at column 5. Lines are
 * separated by `\n`; in CRLF files the `\r` belongs to the end of its line, so
 * line numbers are the same as for LF files.
 */
import { displayWidth, padFor } from '../text/width'
import { badArgument, type Diagnostic, type Location, type Span } from './diagnostic'

/** Has the fields every diagnostic has (code, severity and message as text). */
const isDiagnostic = (d: unknown): d is Diagnostic =>
  d !== null && typeof d === 'object' && typeof (d as Diagnostic).code === 'string' && typeof (d as Diagnostic).severity === 'string' && typeof (d as Diagnostic).message === 'string'

export interface LineColumn {
  line: number
  column: number
}

/** Sorted first-offset of every line. */
function lineStartsOf(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** Sorted offsets of every high surrogate that starts a valid surrogate pair. */
function surrogatePairsOf(text: string): number[] {
  const pairs: number[] = []
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const n = text.charCodeAt(i + 1)
      if (n >= 0xdc00 && n <= 0xdfff) pairs.push(i++)
    }
  }
  return pairs
}

/** Number of elements of sorted `xs` that are `< value`. */
function countBelow(xs: readonly number[], value: number): number {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((xs[mid] as number) < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Build a reusable offset → position lookup for `text`: O(n) once, then
 * O(log n) per lookup (binary search over line starts and surrogate pairs).
 * Offsets are JS string indices; out-of-range offsets are clamped, and an
 * offset inside a surrogate pair maps to the column of that character.
 */
export function lineIndex(text: string): (offset: number) => LineColumn {
  const starts = lineStartsOf(text)
  const pairs = surrogatePairsOf(text)
  return (offset: number): LineColumn => {
    const off = Math.max(0, Math.min(Math.trunc(offset) || 0, text.length))
    const line = countBelow(starts, off + 1) // number of line starts <= off
    const start = starts[line - 1] as number
    const pairsBefore = countBelow(pairs, off) - countBelow(pairs, start)
    return { line, column: off - start - pairsBefore + 1 }
  }
}

let cachedText: string | undefined
let cachedIndex: ((offset: number) => LineColumn) | undefined

/** Index of `text`, reusing the last one built (formatting many diagnostics of one file). */
function indexFor(text: string): (offset: number) => LineColumn {
  if (cachedIndex === undefined || cachedText !== text) {
    cachedIndex = lineIndex(text)
    cachedText = text
  }
  return cachedIndex
}

/**
 * Position of `offset` in `text`. Convenience for one-off lookups (it reuses
 * the index of the most recent text); for many texts prefer `lineIndex`.
 */
export function lineColumn(text: string, offset: number): LineColumn {
  return indexFor(text)(offset)
}

/** `Location` (with exclusive end) of `span` in a text indexed by `index`. */
export function spanLocation(index: (offset: number) => LineColumn, span: Span, file?: string): Location {
  const start = index(span.start)
  const end = index(Math.max(span.start, span.end))
  const loc: Location = { line: start.line, column: start.column, endLine: end.line, endColumn: end.column }
  if (file !== undefined) loc.file = file
  return loc
}


/** Source excerpt with the first line of `span` underlined by carets. */
function excerpt(source: string, span: Span): string[] {
  const start = Math.max(0, Math.min(span.start, source.length))
  const lineStart = source.lastIndexOf('\n', start - 1) + 1
  let lineEnd = source.indexOf('\n', start)
  if (lineEnd === -1) lineEnd = source.length
  if (lineEnd > lineStart && source[lineEnd - 1] === '\r') lineEnd--
  const lineText = source.slice(lineStart, lineEnd)
  const { line } = lineColumn(source, start)
  const marked = source.slice(Math.min(start, lineEnd), Math.max(start, Math.min(span.end, lineEnd)))
  const carets = '^'.repeat(Math.max(1, displayWidth(marked)))
  const num = String(line)
  return [
    `  ${num} | ${lineText}`.trimEnd(),
    `  ${' '.repeat(num.length)} | ${padFor(source.slice(lineStart, Math.min(start, lineEnd)))}${carets}`,
  ]
}

/**
 * Human-readable, multi-line rendering:
 *
 * ```
 * rubrics/x.yaml:42:11: error BAND_GAP Bands leave rates from 0.40 ...
 *   42 |         - from: 0.41
 *      |           ^^^^^^^^^^
 *   hint: Extend the lower band to 0.41, or add a band for [0.40, 0.41).
 * ```
 *
 * The excerpt is shown only when `source` (the text the span refers to) is
 * given and the diagnostic has a span. The header is
 * `file:line:column: severity CODE message` (as compilers print it, so that
 * editors and terminals link to the place); without a location it is
 * `file: severity CODE message`, and without a file the name is `<input>`.
 * A subject, when there is one, follows the code: `CODE [subject s1] message`.
 */
export function formatDiagnostic(d: Diagnostic, source?: string): string {
  if (!isDiagnostic(d)) return formatDiagnostic(badArgument('formatDiagnostic takes a diagnostic (from a Result, or made by makeDiagnostic).'))
  if (typeof source !== 'string') source = undefined
  const file = d.file ?? d.location?.file ?? '<input>'
  const loc: Location | undefined =
    d.location ?? (source !== undefined && d.span ? spanLocation(indexFor(source), d.span) : undefined)
  const subject = d.subject !== undefined ? ` [subject ${d.subject}]` : ''
  const where = loc ? `${file}:${loc.line}:${loc.column}` : file
  const lines = [`${where}: ${d.severity} ${d.code}${subject} ${d.message}`]
  if (source !== undefined && d.span) lines.push(...excerpt(source, d.span))
  if (d.hint) lines.push(`  hint: ${d.hint}`)
  for (const r of d.related ?? []) {
    const rl = r.location
    lines.push(rl ? `  related: ${r.message} (${rl.file ?? file}:${rl.line}:${rl.column})` : `  related: ${r.message}`)
  }
  return lines.join('\n')
}

/** All diagnostics, separated by blank lines. */
export function formatDiagnostics(ds: readonly Diagnostic[], source?: string): string {
  if (!Array.isArray(ds)) return formatDiagnostic(badArgument('formatDiagnostics takes a list of diagnostics (the diagnostics of a Result).'))
  return ds.map((d) => formatDiagnostic(d, source)).join('\n\n')
}

/** Escape workflow-command data (the message). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Escape a workflow-command property value. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/**
 * GitHub Actions workflow command, e.g.
 * `::error file=rubrics/x.yaml,line=42,col=11,title=BAND_GAP::Bands leave ...`.
 * `info` maps to `::notice`. `file`, `line` and `col` are omitted when unknown;
 * `source` is only used to compute a missing location from the span.
 */
export function formatGithub(d: Diagnostic, source?: string): string {
  if (!isDiagnostic(d)) return formatGithub(badArgument('formatGithub takes a diagnostic (from a Result, or made by makeDiagnostic).'))
  if (typeof source !== 'string') source = undefined
  const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice'
  const file = d.file ?? d.location?.file
  const loc = d.location ?? (source !== undefined && d.span ? spanLocation(indexFor(source), d.span) : undefined)
  const props: string[] = []
  if (file !== undefined) props.push(`file=${escapeProperty(file)}`)
  if (loc) props.push(`line=${loc.line}`, `col=${loc.column}`)
  props.push(`title=${escapeProperty(d.code)}`)
  const subject = d.subject !== undefined ? `[subject ${d.subject}] ` : ''
  return `::${command} ${props.join(',')}::${escapeData(subject + d.message)}`
}
