/**
 * NDJSON evidence: one subject per line, each line one JSON value, read as the bytes arrive. A line is read by the
 * strict JSON reader's rules (src/load/json.ts); most lines take a faster road to the same data: one scan proves the
 * line is in the plain subset where `JSON.parse` and the strict reader cannot differ — no escapes, no control or
 * bidi characters, every number of at most 15 characters without an exponent (so read exactly), every string
 * within the length limit, nesting well within the depth limit, and as many keys in the data as written (no key
 * given twice) — and `JSON.parse` builds it. Any line outside that subset goes to the strict reader, which reports
 * what is wrong with it at its line and column.
 */
import type { Diagnostic, Location, Path, Result, Span } from '../diagnostics/diagnostic'
import { fail, makeDiagnostic } from '../diagnostics/diagnostic'
import { lineIndex, spanLocation } from '../diagnostics/format'
import { limitExceeded } from '../limits'
import { jsonLocator, parseJsonSource } from './json'
import { decodeText } from './text'

export interface NdjsonOptions {
  file?: string
  maxDepth: number
  maxStringLength: number
  /**
   * Most bytes in one line: a line that grows beyond it is refused as it arrives (LIMIT_EXCEEDED) and reading stops.
   * The file as a whole is not held, so it has no byte limit; the number of subjects has its own (maxSubjects).
   */
  maxBytes: number
  /**
   * Decodes bytes known to be whole lines as UTF-8, or undefined when they are not valid UTF-8 (a faster decoder the
   * host may have; default: TextDecoder, fatal).
   */
  decode?: (bytes: Uint8Array) => string | undefined
}

/** One line's value, able to point into the line. */
export interface NdjsonLine {
  /** 1-based line number in the file. */
  line: number
  /** The line's text: what spans refer to. */
  text: string
  data: unknown
  locate(path: Path, options?: { key?: boolean }): Span | undefined
  /** Line and column in the file (not in the line) of a span of the line. */
  location(span: Span): Location
}

export type NdjsonItem = { ok: true; value: NdjsonLine } | { ok: false; line: number; text: string; diagnostics: Diagnostic[] }

/** Whether a line is plain enough for JSON.parse to read it as the strict reader would (see the file's comment). */
function plain(text: string, maxDepth: number, maxStringLength: number): number {
  const n = text.length
  let depth = 0
  let keys = 0
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) {
      const start = i + 1
      for (i = start; i < n; i++) {
        const d = text.charCodeAt(i)
        if (d === 34) break
        if (d === 92 || d < 32 || (d >= 0x7f && d <= 0x9f) || (d >= 0x202a && d <= 0x202e) || (d >= 0x2066 && d <= 0x2069)) return -1
      }
      if (i - start > maxStringLength) return -1
      let k = i + 1
      while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++
      if (text.charCodeAt(k) === 58) keys++
    } else if (c === 123 || c === 91) {
      if (++depth >= maxDepth - 1) return -1
    } else if (c === 125 || c === 93) depth--
    else if (c === 45 || (c >= 48 && c <= 57)) {
      const start = i
      while (i + 1 < n) {
        const d = text.charCodeAt(i + 1)
        if ((d >= 48 && d <= 57) || d === 46 || d === 45 || d === 43) i++
        else if (d === 101 || d === 69) return -1
        else break
      }
      if (i + 1 - start > 15) return -1
    } else if (c >= 0x7f) return -1 // outside strings: not JSON (the strict reader says where)
  }
  return keys
}

/** Escapes, C1 control and bidi characters: a line with any goes to the strict reader (raw C0 controls inside strings make JSON.parse throw, which sends the line there too). */
const UNPLAIN = /[\\\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
/** 16 digits (a point among them), or a digit before e or E: perhaps a number not read exactly (the strict reader decides). */
const LONG_NUMBER = /\d[\d.]{15}|\d[eE]/
/**
 * How many keys a line may have written: its colons (each key has one; a colon inside a string only makes the count
 * larger, so the line then goes to the strict reader), when a quick look shows the line is plain; -1 when it is not
 * (or may not be). If the data parsed has as many keys, no key was given twice. Lines longer than the string limit
 * take the character-by-character scan.
 */
function plainKeys(text: string, maxDepth: number, maxStringLength: number): number {
  if (text.length > maxStringLength) return plain(text, maxDepth, maxStringLength)
  if (UNPLAIN.test(text) || LONG_NUMBER.test(text)) return -1
  let colons = 0
  for (let k = text.indexOf(':'); k !== -1; k = text.indexOf(':', k + 1)) colons++
  return colons
}

/** Own keys in parsed JSON data, counted all the way down; -1 when it nests `depth` or deeper. */
function countKeys(v: unknown, depth: number): number {
  if (typeof v === 'number') return Number.isFinite(v) ? 0 : -1
  if (v === null || typeof v !== 'object') return 0
  if (depth <= 1) return -1
  let n = 0
  if (Array.isArray(v))
    for (const x of v) {
      const k = countKeys(x, depth - 1)
      if (k < 0) return -1
      n += k
    }
  else
    for (const key in v) {
      const k = countKeys((v as Record<string, unknown>)[key], depth - 1)
      if (k < 0) return -1
      n += k + 1
    }
  return n
}

/** One line of NDJSON read into data (line number `line`, 1-based), or its diagnostics located in the file. */
export function readJsonLine(text: string, line: number, options: Omit<NdjsonOptions, 'maxBytes'>): NdjsonItem {
  let index: ((offset: number) => { line: number; column: number }) | undefined
  const location = (span: Span): Location => {
    const at = spanLocation((index ??= lineIndex(text)), span, options.file)
    return shifted(at, line)
  }
  const keys = plainKeys(text, options.maxDepth, options.maxStringLength)
  if (keys >= 0) {
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch {
      data = undefined
    }
    if (data !== undefined && countKeys(data, options.maxDepth - 1) === keys) {
      let locate: ReturnType<typeof jsonLocator> | undefined
      return { ok: true, value: { line, text, data, locate: (path, o) => (locate ??= jsonLocator(text))(path, o), location } }
    }
  }
  const r = parseJsonSource(text, { ...(options.file !== undefined ? { file: options.file } : {}), maxDepth: options.maxDepth, maxStringLength: options.maxStringLength })
  if (!r.ok) return { ok: false, line, text, diagnostics: r.diagnostics.map((d) => (d.span ? { ...d, location: location(d.span) } : d)) }
  return { ok: true, value: { line, text, data: r.value.data, locate: r.value.locate, location } }
}

const NL = 10

/** A copy of bytes (pieces given may be read into again once the next is asked for). */
const copy = (b: Uint8Array): Uint8Array => Uint8Array.prototype.slice.call(b)

/** A location in a line's own text moved to line `line` of the file. */
function shifted(at: Location, line: number): Location {
  const out: Location = { ...at, line: at.line + line - 1 }
  if (at.endLine !== undefined) out.endLine = at.endLine + line - 1
  return out
}

/**
 * The lines of NDJSON bytes as they arrive, each read into data. Blank lines are skipped; a line that is not valid
 * UTF-8 or not valid JSON is an item with its diagnostics, and reading goes on with the next line. Bytes beyond
 * `maxBytes` end the reading with LIMIT_EXCEEDED: the limit holds while reading, not after. The complete lines of
 * each piece are decoded at once; only a block with a byte that is not UTF-8 is looked at line by line, to say where.
 */
export function* ndjsonLines(chunks: Iterable<Uint8Array>, options: NdjsonOptions): Generator<NdjsonItem> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  /** The start of a line whose end has not arrived: pieces joined once, when it does (a long line costs its length). */
  let carry: Uint8Array[] = []
  let carried = 0
  const joined = (last: Uint8Array): Uint8Array => {
    if (!carry.length) return last
    const out = new Uint8Array(carried + last.length)
    let at = 0
    for (const c of carry) {
      out.set(c, at)
      at += c.length
    }
    out.set(last, at)
    carry = []
    carried = 0
    return out
  }
  let line = 0
  const read = (text: string): NdjsonItem | undefined => {
    line++
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1)
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    if (!/[^ \t]/.test(text)) return undefined
    return readJsonLine(text, line, options)
  }
  /** Complete lines (the block ends at a line end, or at the end of the input): each read, or refused where it is not UTF-8. */
  function* block(bytes: Uint8Array): Generator<NdjsonItem> {
    let text: string | undefined
    if (options.decode) text = options.decode(bytes)
    else
      try {
        text = decoder.decode(bytes)
      } catch {
        text = undefined
      }
    if (text !== undefined) {
      let start = 0
      for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', start)) {
        const item = read(text.slice(start, k))
        if (item) yield item
        start = k + 1
      }
      const item = read(text.slice(start)) // the last line of the block (empty lines count too)
      if (item) yield item
      return
    }
    let start = 0
    for (;;) {
      const k = bytes.indexOf(NL, start)
      const end = k === -1 ? bytes.length : k
      const one = bytes.subarray(start, end)
      let t: string | undefined
      try {
        t = decoder.decode(one)
      } catch {
        t = undefined
      }
      if (t !== undefined) {
        const item = read(t)
        if (item) yield item
      } else {
        line++
        const d = decodeText(one, options.file)
        yield { ok: false, line, text: '', diagnostics: d.ok ? [makeDiagnostic('TEXT_INVALID_UTF8', 'The line is not valid UTF-8.', options.file !== undefined ? { file: options.file } : {})] : d.diagnostics.map((x) => (x.location ? { ...x, location: shifted(x.location, line) } : x)) }
      }
      if (k === -1) return
      start = k + 1
    }
  }
  const tooLong = (): NdjsonItem => ({ ok: false, line: line + 1, text: '', diagnostics: [limitExceeded('maxEvidenceBytes', options.maxBytes, `Line ${(line + 1).toLocaleString('en')} is longer than ${options.maxBytes.toLocaleString('en')} bytes (reading stopped there); each line of NDJSON is one subject`, options.file !== undefined ? { file: options.file } : {})] })
  for (const chunk of chunks) {
    const last = chunk.lastIndexOf(NL)
    if (last === -1) {
      carry.push(copy(chunk))
      carried += chunk.length
      if (carried > options.maxBytes) return void (yield tooLong())
      continue
    }
    if (carried + last > options.maxBytes) {
      // one line of this block may be too long: find it before decoding anything
      let start = 0
      let length = carried
      for (let k = chunk.indexOf(NL); k !== -1 && k <= last; k = chunk.indexOf(NL, start)) {
        if (length + k - start > options.maxBytes) return void (yield tooLong())
        length = 0
        start = k + 1
      }
    }
    yield* block(joined(chunk.subarray(0, last)))
    if (last + 1 < chunk.length) {
      carry.push(copy(chunk.subarray(last + 1)))
      carried += chunk.length - last - 1
      if (carried > options.maxBytes) return void (yield tooLong())
    }
  }
  if (carried) yield* block(joined(new Uint8Array(0)))
}

/** A diagnostic for a line whose value is not a subject (a JSON object). */
export function notASubject(item: NdjsonLine, file: string | undefined): Result<never> {
  const span = { start: 0, end: item.text.length }
  return fail([makeDiagnostic('EVIDENCE_INVALID', 'Each line of NDJSON evidence is one subject: a JSON object with an "id" (and facts, records…).', { span, location: item.location(span), ...(file !== undefined ? { file } : {}) })])
}

