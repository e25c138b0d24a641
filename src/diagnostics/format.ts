/**
 * Turning offsets into line/column positions, and diagnostics into text.
 *
 * Positions are 1-based. Columns count Unicode code points, not UTF-16 code
 * units, so a line of Chinese text (or emoji outside the BMP) gets the column
 * a person would count: in `標題: 值` the value `值` is at column 5. Lines are
 * separated by `\n`; in CRLF files the `\r` belongs to the end of its line, so
 * line numbers are the same as for LF files.
 */
import { codePointWidth } from '../text/width'
import { controlEscape, escapeControls, isControl } from '../text/controls'
import { badArgument, type Diagnostic, type Location, type Span } from './diagnostic'
import { hintIn, messageIn, relatedIn, WORDS, type Lang } from './localize'
import { own } from './templates'

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

/** An index of a text: its line starts, and offset → position. */
interface TextIndex {
  /** Sorted first-offset of every line (`starts[0]` is 0). */
  readonly starts: readonly number[]
  readonly at: (offset: number) => LineColumn
}

function buildIndex(text: string): TextIndex {
  const starts = lineStartsOf(text)
  const pairs = surrogatePairsOf(text)
  const at = (offset: number): LineColumn => {
    const off = Math.max(0, Math.min(Math.trunc(offset) || 0, text.length))
    const line = countBelow(starts, off + 1) // number of line starts <= off
    const start = starts[line - 1] as number
    const pairsBefore = countBelow(pairs, off) - countBelow(pairs, start)
    return { line, column: off - start - pairsBefore + 1 }
  }
  return { starts, at }
}

/**
 * Build a reusable offset → position lookup for `text`: O(n) once, then
 * O(log n) per lookup (binary search over line starts and surrogate pairs).
 * Offsets are JS string indices; out-of-range offsets are clamped, and an
 * offset inside a surrogate pair maps to the column of that character.
 */
export function lineIndex(text: string): (offset: number) => LineColumn {
  return buildIndex(text).at
}

/** How many texts keep their index: diagnostics of a few files printed in turn each find theirs. */
const CACHED_TEXTS = 4
/** The indexes of the texts used most recently, the most recent last. */
const cache = new Map<string, TextIndex>()

/** Index of `text`, reusing one of the last few built (formatting many diagnostics of a few files, in any order). */
function indexFor(text: string): TextIndex {
  let index = cache.get(text)
  if (index !== undefined) {
    cache.delete(text)
  } else {
    index = buildIndex(text)
    if (cache.size >= CACHED_TEXTS) cache.delete(cache.keys().next().value as string)
  }
  cache.set(text, index)
  return index
}

/**
 * Position of `offset` in `text`. Convenience for one-off lookups (it reuses
 * the index of the few most recent texts); for many texts prefer `lineIndex`.
 */
export function lineColumn(text: string, offset: number): LineColumn {
  return indexFor(text).at(offset)
}

/** `Location` (with exclusive end) of `span` in a text indexed by `index`. */
export function spanLocation(index: (offset: number) => LineColumn, span: Span, file?: string): Location {
  const start = index(span.start)
  const end = index(Math.max(span.start, span.end))
  const loc: Location = { line: start.line, column: start.column, endLine: end.line, endColumn: end.column }
  if (file !== undefined) loc.file = file
  return loc
}

/** Display columns of a quoted line at most, "…" marks included: a longer line is cut around the span's start. */
const EXCERPT_WIDTH = 100
/** Display columns kept before the span's start when a line is cut (more when the span is near the line's end). */
const EXCERPT_BEFORE = 40

const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff
const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff

/** Offset of the code point before `i` (a surrogate pair is one). */
function before(s: string, i: number): number {
  return i >= 2 && isLow(s.charCodeAt(i - 1)) && isHigh(s.charCodeAt(i - 2)) ? i - 2 : i - 1
}

/** The code point shown for `cp`: its escape when it is a control character. */
const shown = (cp: number): string => (isControl(cp) ? controlEscape(cp) : String.fromCodePoint(cp))

/** Columns `cp` takes as shown: an escape's length, a tab 1, else its display width. */
const columns = (cp: number): number => (isControl(cp) ? controlEscape(cp).length : cp === 0x09 ? 1 : codePointWidth(cp))

/** What `cp` costs of the excerpt's width: its columns, and at least 1 (so zero-width characters are bounded too). */
const cost = (cp: number): number => Math.max(1, columns(cp))

/** `s[from, to)` as shown, and the whitespace that lines up under it (tabs kept as tabs). */
function shownSlice(s: string, from: number, to: number): { text: string; pad: string; width: number } {
  let text = ''
  let pad = ''
  let width = 0
  for (let i = from; i < to; ) {
    const cp = s.codePointAt(i) as number
    const w = columns(cp)
    text += shown(cp)
    pad += cp === 0x09 ? '\t' : ' '.repeat(w)
    width += w
    i += cp > 0xffff ? 2 : 1
  }
  return { text, pad, width }
}

/** The offset walking forward from `from` (not past `limit`) while the cost stays within `budget`, and the cost. */
function forward(s: string, from: number, limit: number, budget: number): { at: number; used: number } {
  let at = from
  let used = 0
  while (at < limit) {
    const cp = s.codePointAt(at) as number
    const c = cost(cp)
    if (used + c > budget) break
    used += c
    at += cp > 0xffff ? 2 : 1
  }
  return { at, used }
}

/** The offset walking back from `from` (not before `limit`) while the cost stays within `budget`, and the cost. */
function backward(s: string, from: number, limit: number, budget: number): { at: number; used: number } {
  let at = from
  let used = 0
  while (at > limit) {
    const prev = before(s, at)
    const c = cost(s.codePointAt(prev) as number)
    if (used + c > budget) break
    used += c
    at = prev
  }
  return { at, used }
}

/**
 * Source excerpt with the first line of `span` underlined by carets. Control characters are shown escaped (the
 * carets allow for the escapes' width); a line wider than EXCERPT_WIDTH is cut around the span's start, "…"
 * marking each cut. Costs O(log n + EXCERPT_WIDTH): the line is found in the cached index of `source`.
 */
function excerpt(source: string, span: Span, shownLine?: number): string[] {
  const index = indexFor(source)
  let start = Math.max(0, Math.min(Math.trunc(span.start) || 0, source.length))
  if (start > 0 && isLow(source.charCodeAt(start)) && isHigh(source.charCodeAt(start - 1))) start-- // inside a pair: the pair
  const { line } = index.at(start)
  const lineStart = index.starts[line - 1] as number
  let lineEnd = line < index.starts.length ? (index.starts[line] as number) - 1 : source.length
  if (lineEnd > lineStart && source[lineEnd - 1] === '\r') lineEnd--
  const at = Math.min(start, lineEnd)
  const spanEnd = Number.isFinite(span.end) ? Math.trunc(span.end) : at
  const end = Math.max(at, Math.min(spanEnd, lineEnd))

  let from = lineStart
  let to = lineEnd
  if (forward(source, lineStart, lineEnd, EXCERPT_WIDTH).at < lineEnd) {
    const room = EXCERPT_WIDTH - 2 // a "…" each side
    const back = backward(source, at, lineStart, EXCERPT_BEFORE)
    const ahead = forward(source, at, lineEnd, room - back.used)
    from = ahead.at < lineEnd ? back.at : backward(source, at, lineStart, room - ahead.used).at
    to = ahead.at
  }
  const lead = from > lineStart ? '…' : ''
  const tail = to < lineEnd ? '…' : ''
  const quoted = shownSlice(source, from, to).text
  const pad = shownSlice(source, from, at).pad
  const marked = shownSlice(source, at, Math.min(end, to)).width
  const num = String(shownLine ?? line)
  return [`  ${num} | ${lead}${quoted}${tail}`.trimEnd(), `  ${' '.repeat(num.length)} | ${lead ? ' ' : ''}${pad}${'^'.repeat(Math.max(1, marked))}`]
}

/** How diagnostics are printed as text. */
export interface FormatOptions {
  /**
   * The language of the words (default `en`): in `zh` the severity, the hint's label and the message in Chinese (the
   * code's template, or its Chinese title with the English detail in parentheses; see localize.ts). The code and the
   * place stay as they are, so that editors and terminals still link to it.
   */
  lang?: Lang
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
export function formatDiagnostic(d: Diagnostic, source?: string, options: FormatOptions = {}): string {
  if (!isDiagnostic(d)) return formatDiagnostic(badArgument('formatDiagnostic takes a diagnostic (from a Result, or made by makeDiagnostic).'))
  if (typeof source !== 'string') source = undefined
  const lang: Lang = options !== null && typeof options === 'object' && options.lang === 'zh' ? 'zh' : 'en'
  const words = WORDS[lang]
  const file = escapeControls(d.file ?? d.location?.file ?? '<input>')
  const loc: Location | undefined =
    d.location ?? (source !== undefined && d.span ? spanLocation(indexFor(source).at, d.span) : undefined)
  const subject = d.subject !== undefined ? ` [${words.subject} ${d.subject}]` : ''
  const where = loc ? `${file}:${loc.line}:${loc.column}` : file
  const lines = [`${where}: ${own(words.severity, d.severity) ?? d.severity} ${d.code}${subject} ${messageIn(d, lang)}`]
  // the line number shown is the diagnostic's own: a source may be one line of a longer file (NDJSON)
  if (source !== undefined && d.span) lines.push(...excerpt(source, d.span, d.location?.line))
  const hint = hintIn(d, lang)
  if (hint) lines.push(`  ${words.hint}${hint}`)
  for (const r of d.related ?? []) {
    const rl = r.location
    const message = relatedIn(r.message, lang)
    lines.push(rl ? `  ${words.related}${message} (${rl.file !== undefined ? escapeControls(rl.file) : file}:${rl.line}:${rl.column})` : `  ${words.related}${message}`)
  }
  return lines.join('\n')
}

/** All diagnostics, separated by blank lines. */
export function formatDiagnostics(ds: readonly Diagnostic[], source?: string, options: FormatOptions = {}): string {
  if (!Array.isArray(ds)) return formatDiagnostic(badArgument('formatDiagnostics takes a list of diagnostics (the diagnostics of a Result).'))
  return ds.map((d) => formatDiagnostic(d, source, options)).join('\n\n')
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
  const loc = d.location ?? (source !== undefined && d.span ? spanLocation(indexFor(source).at, d.span) : undefined)
  const props: string[] = []
  if (file !== undefined) props.push(`file=${escapeProperty(file)}`)
  if (loc) props.push(`line=${loc.line}`, `col=${loc.column}`)
  props.push(`title=${escapeProperty(d.code)}`)
  const subject = d.subject !== undefined ? `[subject ${d.subject}] ` : ''
  return `::${command} ${props.join(',')}::${escapeData(subject + d.message)}`
}
