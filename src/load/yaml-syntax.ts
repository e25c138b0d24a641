/**
 * The cause of a YAML syntax error, as a person would fix it. One slip (a tab, a line indented a space too far, a
 * missing space after a colon) makes the yaml parser report errors on many later lines: a tab in the Xuzhou rubric
 * gives 19, its second line indented by one space 1,523. The first of them names what the parser could not read
 * ("Nested mappings are not allowed in compact mappings"), often on the line before or after the slip. So kaoping
 * reports one error, at its cause when it recognises one:
 *
 * - a tab in the indentation of the line the parser stopped at: the tab's own column;
 * - a colon with no space after it, or a full-width colon "：", on that line or the one before;
 * - a quote that is not closed: the opening quote;
 * - an indentation that does not fit: the line, found by trying, near where the parser stopped, each line indented
 *   as the lines around it are (alone, then with the lines under it), and keeping the first change after which the
 *   text reads without error (or without error up to well past that place). Lines off the file's grid (an odd indent
 *   in a file indented by twos) are tried first; a line is tried at the indent of its siblings, or a unit under its
 *   parent, never at its parent's; and a key whose block ends where the parser stopped is tried at that line's.
 *
 * Trying reads the text again: at most MAX_READS times, and at most READ_CHARS characters in all (a rubric of 70,000
 * characters 10 times at most, about half a second; a 4 MB evidence file not at all). When nothing fits, or
 * nothing may be tried, the parser's first error is reported as it is.
 */
import type { Span } from '../diagnostics/diagnostic'
import type { YamlSyntaxParams } from '../diagnostics/templates'

/** A YAML error as the parser reports it: where (offsets), and its message. */
export interface YamlErrorLike {
  readonly code: string
  readonly message: string
  readonly pos: readonly [number, number]
}

/** The errors of a text, as the parser reports them. */
export type Reparse = (text: string) => readonly YamlErrorLike[]

export interface SyntaxCause {
  span: Span
  params: YamlSyntaxParams
}

/**
 * Readings of the text with a line changed, at most. Trying the rubrics shipped with every fifth line moved one or two
 * columns, the change that fits was found within 8 readings in 2,398 cases of 2,413 (within 5 when the line was
 * one column off); a text that fits no change (fuzzing) spends them all.
 */
const MAX_READS = 10
/** Characters read again in all, at most. */
const READ_CHARS = 1_500_000

/** Reads changed texts while the budget lasts (`left`: readings still allowed). */
class Reader {
  left: number
  constructor(
    private readonly reparse: Reparse,
    size: number,
  ) {
    this.left = Math.min(MAX_READS, Math.floor(READ_CHARS / Math.max(1, size)))
  }
  /** The errors of a changed text, or undefined when the budget is spent. */
  read(text: string): readonly YamlErrorLike[] | undefined {
    if (this.left <= 0) return undefined
    this.left--
    return this.reparse(text)
  }
}

/** Lines either side of where the parser stopped that may be the cause. */
const REACH = 2

/** The lines of a text: where each starts and ends (without its line break). */
class Lines {
  readonly starts: number[] = [0]
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1)
  }
  get count(): number {
    return this.starts.length
  }
  /** 0-based line of an offset. */
  of(offset: number): number {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if (this.starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return lo
  }
  start(i: number): number {
    return this.starts[i]!
  }
  end(i: number): number {
    let e = i + 1 < this.starts.length ? this.starts[i + 1]! - 1 : this.text.length
    if (e > this.start(i) && this.text[e - 1] === '\r') e--
    return e
  }
  line(i: number): string {
    return this.text.slice(this.start(i), this.end(i))
  }
  /** Spaces before the first other character. */
  indent(i: number): number {
    return /^ */.exec(this.line(i))![0].length
  }
  /** A line with something on it other than a comment. */
  content(i: number): boolean {
    return /^[ \t]*[^\s#]/.test(this.line(i))
  }
  /** The content line before (or after) line i, or undefined. */
  step(i: number, by: -1 | 1): number | undefined {
    for (let j = i + by; j >= 0 && j < this.count; j += by) if (this.content(j)) return j
    return undefined
  }
  #textLines: Uint8Array | undefined
  /** Whether line i is text of a block scalar (the lines under `note: >-` or `- |`, indented more than its header). */
  isText(i: number): boolean {
    if (this.#textLines === undefined) {
      this.#textLines = new Uint8Array(this.count)
      for (let j = 0; j < this.count; j++) {
        if (!SCALAR.test(this.line(j))) continue
        const header = this.indent(j)
        for (let k = j + 1; k < this.count && (!this.content(k) || this.indent(k) > header); k++) this.#textLines[k] = 1
      }
    }
    return this.#textLines[i] === 1
  }
  /** The neighbour of line i that says how it should be indented: of text, the next text line; of a key, the next key. */
  near(i: number, by: -1 | 1): number | undefined {
    const text = this.isText(i)
    let j = this.step(i, by)
    while (j !== undefined && !text && this.isText(j)) j = this.step(j, by)
    return j
  }
  /** The text with line i's leading whitespace replaced by `k` spaces. */
  reindented(i: number, k: number): string {
    const line = this.line(i)
    const ws = /^[ \t]*/.exec(line)![0].length
    return this.text.slice(0, this.start(i)) + ' '.repeat(k) + this.text.slice(this.start(i) + ws)
  }
  /** The last line of line i's block: the lines after it indented more than it (blank lines and comments included). */
  blockEnd(i: number): number {
    const own = this.indent(i)
    let end = i
    for (let j = this.step(i, 1); j !== undefined && this.indent(j) > own; j = this.step(j, 1)) end = j
    return end
  }
  /** The text with lines i to `end` moved by `by` columns (right when positive); undefined when one cannot move left so far. */
  shifted(i: number, end: number, by: number): string | undefined {
    const parts: string[] = [this.text.slice(0, this.start(i))]
    for (let j = i; j <= end; j++) {
      const line = this.line(j)
      const spaces = /^ */.exec(line)![0].length
      if (by < 0 && spaces < -by && line.trim() !== '') return undefined
      parts.push(by >= 0 ? ' '.repeat(by) + line : line.slice(Math.min(spaces, -by)), this.text.slice(this.end(j), j + 1 < this.count ? this.start(j + 1) : this.text.length))
    }
    parts.push(this.text.slice(end + 1 < this.count ? this.start(end + 1) : this.text.length))
    return parts.join('')
  }
}

/** A line that opens a mapping or list under it: `key:`, or a lone `-`. */
const OPENS = /:[ \t]*(#.*)?$|^[ \t]*-[ \t]*$/
/** A line that opens a block scalar, text under it: `key: |`, `key: >-`, `- |`. */
const SCALAR = /(:|^[ \t]*-|[ \t]-)[ \t]+[|>][-+0-9]*[ \t]*(#.*)?$/

/** Where the keys of a line stand: its indent, or after `- ` for an entry of a list with a key on its line (`- id: a`). */
function keyColumns(lines: Lines, i: number): number[] {
  const m = /^( *)(- +)+(?=[^\s#])/.exec(lines.line(i))
  return m ? [m[0].length, lines.indent(i)] : [lines.indent(i)]
}

/**
 * The file's unit of indentation: 4 or 2 when nearly every indented line is a multiple of it (all but two, or all but
 * a tenth), else 1. A file with few indented lines is taken to be indented by twos, as most YAML is.
 */
function gridOf(lines: Lines): number {
  let indented = 0
  let even = 0
  let four = 0
  for (let i = 0; i < lines.count; i++) {
    if (!lines.content(i)) continue
    const n = lines.indent(i)
    if (n === 0) continue
    indented++
    if (n % 2 === 0) even++
    if (n % 4 === 0) four++
  }
  const nearly = (n: number) => indented - n <= Math.max(2, indented * 0.1)
  return indented >= 8 && nearly(four) ? 4 : nearly(even) ? 2 : 1
}

/**
 * Whether the text, with line `changed` changed, reads without the error: no error at all, or (another mistake
 * further on) fewer errors than before, the first of them well past both the change and where the parser stopped.
 */
function reads(errors: readonly YamlErrorLike[] | undefined, lines: Lines, changed: number, stopped: number, before: number): boolean {
  if (errors === undefined) return false
  if (errors.length === 0) return true
  const first = lines.of(errors.reduce((m, e) => Math.min(m, e.pos[0]), Infinity))
  return errors.length < before && first > Math.max(changed, stopped) + REACH + 1
}

/** The key-colon mistakes: no space after the colon (`type:rounding`), or a full-width colon (`title：甲`). */
const NO_SPACE = /^([ \t]*(?:-[ \t]+)*)([A-Za-z_$][\w$.-]*):(?=[^\s:/])(.*)$/
const FULL_WIDTH = /^([ \t]*(?:-[ \t]+)*)([^\s:：#'"[\]{},-][^:：#]*?)[ \t]*：[ \t]*(.*)$/

function colonCause(lines: Lines, at: number, reader: Reader, before: number): SyntaxCause | undefined {
  for (const i of [at, lines.step(at, -1)]) {
    if (i === undefined) continue
    const line = lines.line(i)
    const start = lines.start(i)
    let m = NO_SPACE.exec(line)
    if (m) {
      const colon = start + m[1]!.length + m[2]!.length
      const fixed = lines.text.slice(0, colon + 1) + ' ' + lines.text.slice(colon + 1)
      if (reads(reader.read(fixed), lines, i, at, before)) return { span: { start: colon, end: colon + 1 }, params: { cause: 'colon-space', key: m[2]!, rest: cut(m[3]!) } }
    }
    m = FULL_WIDTH.exec(line)
    if (m) {
      const colon = start + line.indexOf('：', m[1]!.length + m[2]!.length)
      const fixed = lines.text.slice(0, colon) + ': ' + lines.text.slice(colon + 1).replace(/^[ \t]*/, '')
      if (reads(reader.read(fixed), lines, i, at, before)) return { span: { start: colon, end: colon + 1 }, params: { cause: 'fullwidth-colon', key: m[2]!, rest: cut(m[3]!) } }
    }
  }
  return undefined
}

/** What follows a colon, as a message quotes it: at most 20 characters. */
const cut = (s: string): string => {
  const chars = [...s.trimEnd()]
  return chars.length > 20 ? chars.slice(0, 20).join('') + '…' : chars.join('')
}

/**
 * The indents to try for line i: its neighbours' (the line before only when it is a sibling: a line that opens a
 * block is the parent, and the line belongs a unit under it), then a unit either way, then a space either way. A line
 * off the grid tries the grid first.
 */
function indentsFor(lines: Lines, i: number, unit: number): number[] {
  const own = lines.indent(i)
  const prev = lines.near(i, -1)
  const next = lines.near(i, 1)
  const parent = prev !== undefined && !lines.isText(i) && OPENS.test(lines.line(prev))
  const suggested: number[] = []
  if (prev !== undefined && !parent) suggested.push(...keyColumns(lines, prev))
  if (next !== undefined) suggested.push(lines.indent(next))
  if (prev !== undefined && parent) suggested.push(keyColumns(lines, prev)[0]! + unit)
  const down = own - (own % unit || unit)
  const up = own % unit ? down + unit : own + unit
  const onGrid = (k: number) => k % unit === 0
  const order = own % unit ? [...suggested.filter(onGrid), down, up, ...suggested] : [...suggested, down, up, own - 1, own + 1]
  return [...new Set(order)].filter((k) => k >= 0 && k !== own)
}

/**
 * Whether the opener `j` is the line off its column, rather than `at`: more lines of their mapping stand in `at`'s
 * column (from `at` down) than in the opener's (from the opener up), back to the mapping's parent either way.
 */
function openerIsOff(lines: Lines, j: number, at: number): boolean {
  const col = lines.indent(j)
  const other = lines.indent(at)
  const floor = Math.min(col, other)
  let mine = 0
  let theirs = 0
  for (let i: number | undefined = j, n = 0; i !== undefined && lines.indent(i) >= floor && n < 2000; i = lines.near(i, -1), n++) if (lines.indent(i) === col) mine++
  for (let i: number | undefined = at, n = 0; i !== undefined && lines.indent(i) >= floor && n < 2000; i = lines.near(i, 1), n++) if (lines.indent(i) === other) theirs++
  return theirs > mine
}

/**
 * The opener above line `at` whose block runs down to it, when the opener is indented a little off `at`'s column: a
 * key with lines under it (`  basicManagementYear:`), indented a space or a unit wrong, shows only where its block
 * ends, at the next key of its own level, many lines below.
 */
function openerAbove(lines: Lines, at: number, unit: number): number | undefined {
  const own = lines.indent(at)
  for (let j = lines.near(at, -1), n = 0; j !== undefined && n < 500; j = lines.near(j, -1), n++) {
    const k = lines.indent(j)
    // the opener's own lines (a unit or more under `at`'s column) are passed over
    if (k >= own + unit) continue
    return k !== own && Math.abs(k - own) <= unit && OPENS.test(lines.line(j)) ? j : undefined
  }
  return undefined
}

function indentCause(lines: Lines, at: number, reader: Reader, before: number): SyntaxCause | undefined {
  const unit = gridOf(lines)
  // the lines near where the parser stopped, nearest first, the one below before the one above
  const near: number[] = lines.content(at) ? [at] : []
  let up: number | undefined = at
  let down: number | undefined = at
  for (let k = 0; k < REACH; k++) {
    down = down === undefined ? undefined : lines.step(down, 1)
    up = up === undefined ? undefined : lines.step(up, -1)
    if (down !== undefined) near.push(down)
    if (up !== undefined) near.push(up)
  }
  // the changes to try, likeliest first: lines off the grid moved onto it (a line indented one space too far or too
  // little is the slip); each near line at its neighbours' indent; an opener above whose block ends here; the rest.
  // Each change is tried for the line alone, then for the line with the lines under it (an entry of a list pasted a
  // column off, with its keys)
  const candidates = near.map((i) => [i, indentsFor(lines, i, unit)] as const)
  const offGrid: [number, number][] = []
  if (unit > 1) for (const [i, ks] of candidates) if (lines.indent(i) % unit) for (const k of ks) if (k % unit === 0) offGrid.push([i, k])
  const neighbours = candidates.flatMap(([i, ks]) => ks.slice(0, 2).map((k): [number, number] => [i, k]))
  const rest = candidates.flatMap(([i, ks]) => ks.slice(2).map((k): [number, number] => [i, k]))
  const opener = lines.content(at) ? openerAbove(lines, at, unit) : undefined
  // an opener off the column of most of its mapping, or off the grid where `at` is on it, comes first
  const offTheGrid = (i: number) => unit > 1 && lines.indent(i) % unit !== 0
  const openerFirst = opener !== undefined && (openerIsOff(lines, opener, at) || (offTheGrid(opener) && !offTheGrid(at)))
  const alone = (list: [number, number][]) => list.map(([i, k]): [number, number, number] => [i, k, i])
  const withBlock = (list: [number, number][]) => list.flatMap(([i, k]): [number, number, number][] => (lines.blockEnd(i) > i ? [[i, k, lines.blockEnd(i)]] : []))
  const moves = [
    ...(openerFirst ? alone([[opener, lines.indent(at)]]) : []),
    ...alone(offGrid),
    ...withBlock(offGrid),
    ...alone(neighbours),
    ...(opener !== undefined && !openerFirst ? alone([[opener, lines.indent(at)]]) : []),
    ...withBlock(neighbours),
    ...alone(rest),
    ...withBlock(rest),
  ]
  const tried = new Set<string>()
  for (const [i, k, end] of moves) {
    if (tried.has(`${i}:${k}:${end}`)) continue
    tried.add(`${i}:${k}:${end}`)
    if (reader.left <= 0) return undefined
    const text = end === i ? lines.reindented(i, k) : lines.shifted(i, end, k - lines.indent(i))
    if (text === undefined || !reads(reader.read(text), lines, end, at, before)) continue
    // the first word of the line (a key, or a list's dash) is what stands in the wrong column
    const start = lines.start(i) + lines.indent(i)
    const word = /^(-|[^\s:]+)/.exec(lines.text.slice(start, lines.end(i)))?.[0].length ?? 1
    const under = end > i ? { under: countContent(lines, i + 1, end) } : {}
    return { span: { start, end: start + word }, params: { cause: 'indent', found: lines.indent(i), fits: k, ...under } }
  }
  return undefined
}

/** Lines with content from `from` to `to`. */
function countContent(lines: Lines, from: number, to: number): number {
  let n = 0
  for (let j = from; j <= to; j++) if (lines.content(j)) n++
  return n
}

/** The tab in the indentation of line i (or of the lines just above it), with the indent that fits instead. */
function tabCause(lines: Lines, at: number, reader: Reader, before: number): SyntaxCause | undefined {
  const i = [at, lines.step(at, -1)].find((j) => j !== undefined && /^[ \t]*\t/.test(lines.line(j)))
  if (i === undefined) return undefined
  const tab = lines.start(i) + lines.line(i).indexOf('\t')
  const params: YamlSyntaxParams = { cause: 'tab' }
  // how many spaces instead: the indent of a neighbour (a sibling's, or a unit under a parent) with which the text reads
  const prev = lines.near(i, -1)
  const next = lines.near(i, 1)
  const indents = [
    ...(prev !== undefined ? (OPENS.test(lines.line(prev)) ? [keyColumns(lines, prev)[0]! + gridOf(lines)] : keyColumns(lines, prev)) : []),
    ...(next !== undefined ? [lines.indent(next)] : []),
  ]
  const fits = [...new Set(indents)].find((k) => reads(reader.read(lines.reindented(i, k)), lines, i, at, before))
  if (fits !== undefined) params.fits = fits
  return { span: { start: tab, end: tab + 1 }, params }
}

/** The opening quote of the quoted text that the parser found unclosed at `offset`. */
function openingQuote(text: string, offset: number, quote: string): number | undefined {
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    if (text[i] !== quote) continue
    // an opening quote starts a value: after ": ", "- ", "[", "{", ",", or first on its line
    const before = text.slice(Math.max(0, text.lastIndexOf('\n', i - 1) + 1), i)
    if (/(^|[:\-[{,?])[ \t]*$/.test(before)) return i
  }
  return undefined
}

/**
 * The cause of the parser's first error `first` in `text` (see the top of this file); `reparse` reads a changed
 * text. `errors` is how many errors the parser reported.
 */
export function syntaxCause(text: string, first: YamlErrorLike, errors: number, reparse: Reparse): SyntaxCause {
  const span = { start: first.pos[0], end: Math.max(first.pos[0], first.pos[1]) }
  const lines = new Lines(text)
  const at = lines.of(span.start)
  const yaml = first.message
  const quote = /^Missing closing (["'])quote/.exec(yaml)
  if (quote) {
    const open = openingQuote(text, span.start, quote[1]!)
    if (open !== undefined) return { span: { start: open, end: open + 1 }, params: { cause: 'unclosed-quote', open: quote[1]!, yaml } }
  }
  const reader = new Reader(reparse, text.length)
  const found = tabCause(lines, at, reader, errors) ?? colonCause(lines, at, reader, errors) ?? indentCause(lines, at, reader, errors)
  if (found) return { span: found.span, params: { ...found.params, yaml } }
  return { span, params: { cause: 'yaml', yaml } }
}
