/**
 * A strict JSON (RFC 8259) reader for evidence files: one pass, no recursion, no source tree kept.
 *
 * Unlike `JSON.parse`, it refuses what would make the data differ from the file: a key given twice (JSON.parse keeps
 * the last silently), a number that cannot be held exactly (`0.1000000000000000001`, `1e999`), strings beyond the
 * length limit or holding control characters, and nesting beyond the depth limit — each as a diagnostic with the
 * path of the value and its line and column. A `__proto__` key is kept as a plain own key, as JSON.parse keeps it.
 *
 * Positions are not recorded while reading (a 100,000-subject file would need millions of them); `locate` finds
 * the place of a path afterwards by scanning, remembering the element offsets of each list and mapping it scans (and,
 * for a mapping of many keys, a map from key to place): each container is scanned once whatever the number of
 * diagnostics, so locating them all costs the size of the text, not the text times the diagnostics.
 */
import { makeDiagnostic } from '../diagnostics/diagnostic'
import type { Code } from '../diagnostics/codes'
import type { Diagnostic, Location, Path, Result, Span } from '../diagnostics/diagnostic'
import { fail, ok } from '../diagnostics/diagnostic'
import { lineIndex, spanLocation } from '../diagnostics/format'
import { codePoint, CONTROL_CHARACTER, limitExceeded } from '../limits'
import { exactnessProblem, numberProblemCode, preview } from './text'

export interface JsonOptions {
  file?: string
  maxDepth: number
  maxStringLength: number
}

export interface JsonSource {
  /** The text read (byte-order mark removed): what spans refer to. */
  text: string
  data: unknown
  /** Span of the value at `path` (or of its key, with `key`), or of its deepest existing ancestor. */
  locate(path: Path, options?: { key?: boolean }): Span | undefined
  location(span: Span): Location
}

/** Most value problems reported (the first ones in the file); a syntax error stops at once. */
const MAX_PROBLEMS = 20

interface Frame {
  container: Record<string, unknown> | unknown[]
  array: boolean
  key: string
  keyStart: number
}

class Stop extends Error {}

/** Reads JSON text into plain data, or diagnostics located in the text. Never throws for bad input. */
export function parseJsonSource(input: string, options: JsonOptions): Result<JsonSource> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  const n = text.length
  let index: ((offset: number) => { line: number; column: number }) | undefined
  const location = (span: Span): Location => spanLocation((index ??= lineIndex(text)), span, options.file)
  const problems: Diagnostic[] = []
  const stack: Frame[] = []
  let i = 0

  const pathHere = (): (string | number)[] => stack.map((f) => (f.array ? (f.container as unknown[]).length : f.key))
  const report = (code: Code, message: string, span: Span, extra: Partial<Diagnostic> = {}): void => {
    const d = makeDiagnostic(code, message, { span, location: location(span), ...extra })
    if (options.file !== undefined) d.file = options.file
    problems.push(d)
    if (problems.length >= MAX_PROBLEMS) throw new Stop()
  }
  /** A syntax error: reported, and nothing after it can be trusted. */
  const syntax = (message: string, at = i): never => {
    const span = { start: at, end: Math.min(n, at + 1) }
    const d = makeDiagnostic('EVIDENCE_INVALID', `Not valid JSON: ${message}.`, {
      span,
      location: location(span),
      hint: 'Check the JSON syntax at the marked position (a missing comma, quote or bracket; JSON has no comments and no trailing commas).',
    })
    if (options.file !== undefined) d.file = options.file
    problems.push(d)
    throw new Stop()
  }
  const what = (at: number) => (at >= n ? 'the end of the file' : JSON.stringify(String.fromCodePoint(text.codePointAt(at)!)))

  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i)
      if (c === 32 || c === 10 || c === 13 || c === 9) i++
      else return
    }
  }

  const readString = (): string => {
    // text[i] is the opening quote
    const open = i
    let j = i + 1
    let start = j
    let out: string | undefined
    for (;;) {
      if (j >= n) {
        i = open
        syntax('a string is never closed: its opening quote is here')
      }
      const c = text.charCodeAt(j)
      if (c === 34) break
      if (c === 92) {
        out = (out ?? '') + text.slice(start, j)
        const e = text.charCodeAt(j + 1)
        switch (e) {
          case 34: out += '"'; break
          case 92: out += '\\'; break
          case 47: out += '/'; break
          case 98: out += '\b'; break
          case 102: out += '\f'; break
          case 110: out += '\n'; break
          case 114: out += '\r'; break
          case 116: out += '\t'; break
          case 117: {
            const hex = text.slice(j + 2, j + 6)
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) syntax('\\u must be followed by four hexadecimal digits', j)
            out += String.fromCharCode(parseInt(hex, 16))
            j += 4
            break
          }
          default:
            syntax(`\\${what(j + 1).slice(1, -1)} is not a JSON escape`, j)
        }
        j += 2
        start = j
        continue
      }
      if (c < 32) syntax('a line break or control character inside a string must be written as an escape (\\n, \\t, \\u0000)', j)
      j++
    }
    const s = out === undefined ? text.slice(start, j) : out + text.slice(start, j)
    i = j + 1
    return s
  }

  /** Checks a string read from `start` to `i` (its closing quote included); the path is made only for a problem. */
  const checkString = (s: string, start: number, path: () => (string | number)[]) => {
    if (s.length > options.maxStringLength) {
      const span = { start, end: i }
      problems.push(limitExceeded('maxStringLength', options.maxStringLength, `A string of ${s.length.toLocaleString('en')} characters`, { span, location: location(span), path: path(), ...(options.file !== undefined ? { file: options.file } : {}) }))
      if (problems.length >= MAX_PROBLEMS) throw new Stop()
    } else if (CONTROL_CHARACTER.test(s)) {
      const m = CONTROL_CHARACTER.exec(s)!
      report('TEXT_CONTROL_CHARACTER', `The text ${preview(s)} holds the control character ${codePoint(m[0])} (written as an escape); only tabs and line breaks are allowed in text.`, { start, end: i }, { path: path() })
    }
  }

  const readKey = (frame: Frame) => {
    ws()
    if (text.charCodeAt(i) !== 34) syntax(`expected a key in quotes, found ${what(i)}`)
    const start = i
    const key = readString()
    frame.keyStart = start
    frame.key = key
    checkString(key, start, pathHere)
    if (Object.prototype.hasOwnProperty.call(frame.container, key))
      report('YAML_DUPLICATE_KEY', `Duplicate key ${JSON.stringify(key)}: keys of a JSON object must be unique (JSON.parse would silently keep the last one).`, { start, end: i }, { path: pathHere() })
    ws()
    if (text.charCodeAt(i) !== 58) syntax(`expected ":" after the key, found ${what(i)}`)
    i++
  }

  const readNumber = (): number => {
    const start = i
    if (text.charCodeAt(i) === 45) i++
    const digits = () => {
      const s = i
      while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++
      return i - s
    }
    const first = i
    const int = digits()
    if (int === 0) {
      i = start
      noValue()
    }
    if (int > 1 && text.charCodeAt(first) === 48) syntax('a number must not start with 0 (write 12, not 012)', first)
    if (text.charCodeAt(i) === 46) {
      i++
      if (digits() === 0) syntax('a decimal point must be followed by digits', i)
    }
    const e = text.charCodeAt(i)
    if (e === 101 || e === 69) {
      i++
      const sign = text.charCodeAt(i)
      if (sign === 43 || sign === 45) i++
      if (digits() === 0) syntax('an exponent must have digits', i)
    }
    const src = text.slice(start, i)
    const value = Number(src)
    const p = exactnessProblem(src, value)
    if (p) report(numberProblemCode(p, 'evidence'), `${p.message[0]!.toUpperCase()}${p.message.slice(1)}.`, { start, end: i }, { path: pathHere() })
    return value
  }

  const noValue = (): never => {
    const word = /^(NaN|Infinity|-Infinity)/.exec(text.slice(i, i + 9))
    if (word) syntax(`${word[0]} is not a JSON number (and not a number kaoping can score)`)
    return syntax(`expected a value, found ${what(i)}`)
  }
  const literal = (word: string, value: unknown): unknown => {
    if (!text.startsWith(word, i)) return noValue()
    i += word.length
    return value
  }

  let root: unknown
  try {
    outer: for (;;) {
      ws()
      let v: unknown
      const c = text.charCodeAt(i)
      if (c === 123 || c === 91) {
        if (stack.length >= options.maxDepth) {
          const span = { start: i, end: i + 1 }
          problems.push(limitExceeded('maxDepth', options.maxDepth, 'The JSON is nested deeper than the limit allows (objects and arrays inside each other); it is refused before it is built', { span, location: location(span), path: pathHere(), ...(options.file !== undefined ? { file: options.file } : {}) }))
          throw new Stop()
        }
        i++
        ws()
        const array = c === 91
        if (text.charCodeAt(i) === (array ? 93 : 125)) {
          i++
          v = array ? [] : {}
        } else {
          const frame: Frame = { container: array ? [] : {}, array, key: '', keyStart: 0 }
          stack.push(frame)
          if (!array) readKey(frame)
          continue
        }
      } else if (c === 34) {
        const start = i
        v = readString()
        checkString(v as string, start, pathHere)
      } else if (c === 45 || (c >= 48 && c <= 57)) v = readNumber()
      else if (c === 116) v = literal('true', true)
      else if (c === 102) v = literal('false', false)
      else if (c === 110) v = literal('null', null)
      else v = noValue()
      // attach the value, closing every container it completes
      for (;;) {
        const top = stack[stack.length - 1]
        if (!top) {
          root = v
          break outer
        }
        if (top.array) (top.container as unknown[]).push(v)
        else if (top.key === '__proto__') Object.defineProperty(top.container, '__proto__', { value: v, writable: true, enumerable: true, configurable: true })
        else (top.container as Record<string, unknown>)[top.key] = v
        ws()
        const d = text.charCodeAt(i)
        if (d === 44) {
          i++
          if (!top.array) readKey(top)
          continue outer
        }
        if (d === (top.array ? 93 : 125)) {
          i++
          stack.pop()
          v = top.container
          continue
        }
        syntax(`expected "," or "${top.array ? ']' : '}'}" after a value in ${top.array ? 'an array' : 'an object'}, found ${what(i)}`)
      }
    }
    ws()
    if (i < n) syntax(`unexpected text after the end of the JSON value: ${what(i)}`)
  } catch (e) {
    if (!(e instanceof Stop)) throw e
  }
  if (problems.length) return fail(problems)
  const locate = jsonLocator(text)
  return ok({ text, data: root, locate, location })
}

// --- locating a path afterwards -------------------------------------------------------------------------------

interface Child {
  key: string | undefined
  keyStart: number
  keyEnd: number
  start: number
  end: number
}

/** A `locate` for valid JSON text: scans along the path, remembering the children of each container it scans. */
export function jsonLocator(text: string): (path: Path, options?: { key?: boolean }) => Span | undefined {
  const n = text.length
  const cache = new Map<number, Child[]>()
  const ws = (k: number) => {
    while (k < n) {
      const c = text.charCodeAt(k)
      if (c === 32 || c === 10 || c === 13 || c === 9) k++
      else break
    }
    return k
  }
  /** End (exclusive) of the string whose opening quote is at k. */
  const stringEnd = (k: number) => {
    for (let j = k + 1; j < n; j++) {
      const c = text.charCodeAt(j)
      if (c === 92) j++
      else if (c === 34) return j + 1
    }
    return n
  }
  /** End (exclusive) of the value starting at k. */
  const valueEnd = (k: number): number => {
    const c = text.charCodeAt(k)
    if (c === 34) return stringEnd(k)
    if (c === 123 || c === 91) {
      let depth = 0
      for (let j = k; j < n; j++) {
        const d = text.charCodeAt(j)
        if (d === 34) j = stringEnd(j) - 1
        else if (d === 123 || d === 91) depth++
        else if (d === 125 || d === 93) {
          depth--
          if (depth === 0) return j + 1
        }
      }
      return n
    }
    let j = k
    for (; j < n; j++) {
      const d = text.charCodeAt(j)
      if (d === 44 || d === 93 || d === 125 || d === 32 || d === 10 || d === 13 || d === 9) break
    }
    return j
  }
  const childrenOf = (start: number): Child[] => {
    const known = cache.get(start)
    if (known) return known
    const out: Child[] = []
    const array = text.charCodeAt(start) === 91
    let k = ws(start + 1)
    if (text.charCodeAt(k) !== (array ? 93 : 125)) {
      for (;;) {
        let key: string | undefined
        let keyStart = k
        let keyEnd = k
        if (!array) {
          keyStart = k
          keyEnd = stringEnd(k)
          key = JSON.parse(text.slice(keyStart, keyEnd)) as string
          k = ws(ws(keyEnd) + 1) // past ':'
        }
        const end = valueEnd(k)
        out.push({ key, keyStart, keyEnd, start: k, end })
        k = ws(end)
        if (text.charCodeAt(k) !== 44) break
        k = ws(k + 1)
      }
    }
    cache.set(start, out)
    return out
  }
  /** Each container's children by key, for a look-up that does not scan a container of many keys per path. */
  const keyed = new Map<number, Map<string, Child>>()
  const childByKey = (start: number, kids: Child[], key: string): Child | undefined => {
    if (kids.length <= 16) return kids.find((k) => k.key === key)
    let m = keyed.get(start)
    if (m === undefined) {
      m = new Map()
      for (const k of kids) if (k.key !== undefined && !m.has(k.key)) m.set(k.key, k)
      keyed.set(start, m)
    }
    return m.get(key)
  }
  const root = ws(0)
  /** The root's end: found once (each path used to scan the whole text for it). */
  let rootEnd: number | undefined
  return (path, options) => {
    let start = root
    if (start >= n) return { start: 0, end: 0 }
    let span: Span = { start, end: (rootEnd ??= valueEnd(start)) }
    for (let p = 0; p < path.length; p++) {
      const seg = path[p]!
      const c = text.charCodeAt(start)
      if (c !== 123 && c !== 91) break
      const kids = childrenOf(start)
      const child = c === 91 ? (typeof seg === 'number' ? kids[seg] : /^\d+$/.test(String(seg)) ? kids[Number(seg)] : undefined) : childByKey(start, kids, String(seg))
      if (!child) break
      if (options?.key && p === path.length - 1 && child.key !== undefined) return { start: child.keyStart, end: child.keyEnd }
      start = child.start
      span = { start: child.start, end: child.end }
    }
    return span
  }
}
