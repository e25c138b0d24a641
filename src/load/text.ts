/**
 * Text as kaoping reads it: bytes → UTF-8 text (refusing invalid UTF-8 rather than replacing it), the characters it
 * refuses (control characters), and the number literals it takes from YAML and JSON (exactly, or not at all).
 */
import { makeDiagnostic } from '../diagnostics/diagnostic'
import type { Code } from '../diagnostics/codes'
import type { Diagnostic, Result } from '../diagnostics/diagnostic'
import { badArgument, fail, ok } from '../diagnostics/diagnostic'
import { codePoint, CONTROL_CHARACTER, limitExceeded, overBytes, type LimitName } from '../limits'
import { lineIndex, spanLocation } from '../diagnostics/format'

/** What a text is: which codes its problems get. */
export type TextRole = 'rubric' | 'evidence'

// --- bytes ---------------------------------------------------------------------------------------------------------

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length
  let i = 0
  while (i < n) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let lo = 0x80
    let hi = 0xbf
    if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      if (b === 0xe0) lo = 0xa0 // no overlong forms
      if (b === 0xed) hi = 0x9f // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      if (b === 0xf0) lo = 0x90
      if (b === 0xf4) hi = 0x8f // ≤ U+10FFFF
    } else return i
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return i
      const c = bytes[i + k]!
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i
    }
    i += need + 1
  }
  return -1
}

/** 1-based line and code-point column of a byte offset in (valid up to there) UTF-8. */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1
  let column = 1
  for (let i = 0; i < offset; i++) {
    const b = bytes[i]!
    if (b === 0x0a) {
      line++
      column = 1
    } else if ((b & 0xc0) !== 0x80) column++ // count characters, not continuation bytes
  }
  return { line, column }
}

/**
 * Bytes of a file as UTF-8 text. Invalid UTF-8 is refused with `TEXT_INVALID_UTF8` at the line and column of the
 * first bad byte (never replaced by U+FFFD, which would change what the file says). A byte-order mark is kept (the
 * readers remove it).
 */
export function decodeText(bytes: Uint8Array, file?: string): Result<string> {
  if (!(bytes instanceof Uint8Array)) return fail([badArgument('decodeText takes the bytes of a file (a Uint8Array).')])
  try {
    return ok(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes))
  } catch (e) {
    const at = firstInvalidUtf8(bytes)
    if (at < 0) {
      // valid UTF-8, but more text than one string can hold (the engine's limit, about 512 million characters)
      return fail([
        makeDiagnostic('LIMIT_EXCEEDED', `The file is ${bytes.length.toLocaleString('en')} bytes long: more text than can be read as one (${e instanceof Error ? e.message : 'the engine refused it'}).`, {
          ...(file !== undefined ? { file } : {}),
          hint: 'Give a cohort this large as NDJSON (one subject per line, .ndjson), which is read line by line, or split it into several files.',
        }),
      ])
    }
    const { line, column } = bytePosition(bytes, at)
    const hex = Array.from(bytes.subarray(at, Math.min(bytes.length, at + 4)), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ')
    return fail([
      makeDiagnostic('TEXT_INVALID_UTF8', `The file is not valid UTF-8: the bytes ${hex} at line ${line}, column ${column} (byte ${at}) are not a UTF-8 character.`, {
        ...(file !== undefined ? { file } : {}),
        location: { ...(file !== undefined ? { file } : {}), line, column },
      }),
    ])
  }
}

/**
 * A whole text's first problem, before it is parsed: more bytes than `maxBytes` (LIMIT_EXCEEDED, naming `limit`), or
 * a raw control character (TEXT_CONTROL_CHARACTER, located). `text` is without its byte-order mark.
 */
export function textProblem(text: string, file: string | undefined, limit: LimitName, maxBytes: number): Diagnostic | undefined {
  const size = overBytes(text, maxBytes)
  const f = file !== undefined ? { file } : {}
  if (size !== undefined) {
    const why = limit === 'maxYamlBytes' ? ' (reading YAML takes about 100 times its size in memory: give large cohorts as JSON or CSV)' : ''
    return limitExceeded(limit, maxBytes, `The ${limit === 'maxYamlBytes' ? 'YAML ' : ''}text is ${size.toLocaleString('en')} bytes long${why}`, f)
  }
  const m = CONTROL_CHARACTER.exec(text)
  if (!m) return undefined
  const span = { start: m.index, end: m.index + 1 }
  return makeDiagnostic('TEXT_CONTROL_CHARACTER', `The file holds the control character ${codePoint(m[0])}; kaoping reads text, where only tabs and line breaks are allowed.`, {
    ...f,
    span,
    location: spanLocation(lineIndex(text), span, file),
  })
}

// --- characters --------------------------------------------------------------------------------------------------

/** A short, printable preview of a string for messages (control characters shown as \u…). */
export function preview(s: string): string {
  const cut = s.length > 40 ? s.slice(0, 37) + '…' : s
  return JSON.stringify(cut).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

// --- number literals ---------------------------------------------------------------------------------------------

/** The one form of number kaoping reads from YAML and JSON: an optional sign, digits without a leading zero, an
 * optional fraction, an optional exponent. */
const PLAIN_NUMBER = /^[-+]?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/

/** A decimal as significant digits D and a point p (value = 0.D × 10^p); zero is D = ''. */
function canon(text: string): { digits: string; point: number } | undefined {
  const m = /^[-+]?(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text)
  if (!m) return undefined
  const int = m[1] ?? ''
  const frac = m[2] ?? ''
  let digits = int + frac
  let point = int.length + (m[3] === undefined ? 0 : Number(m[3]))
  let start = 0
  while (start < digits.length && digits.charCodeAt(start) === 48) start++
  point -= start
  let end = digits.length
  while (end > start && digits.charCodeAt(end - 1) === 48) end--
  digits = digits.slice(start, end)
  return digits === '' ? { digits: '', point: 0 } : { digits, point }
}

export type NumberProblem = { kind: 'form' | 'range' | 'precision'; message: string }

/**
 * Whether the literal `src` (as written in the file) that YAML or JSON read as `value` can be taken: a plain decimal
 * (`12`, `-0.875`, `1.5e2`), finite, and exactly the value written. Refused, with the reason: hexadecimal, octal
 * and binary forms, leading zeros (`012` is 10 in YAML 1.1 and 12 in YAML 1.2), `.5` and `5.`, `.nan`, `.inf`, a
 * number beyond the range of numbers (`1e999`), and digits a number cannot hold (`0.1000000000000000001`).
 */
export function numberLiteralProblem(src: string, value: number): NumberProblem | undefined {
  const s = src.trim()
  if (!PLAIN_NUMBER.test(s)) {
    const lower = s.toLowerCase().replace(/^[-+]/, '')
    if (lower === '.nan') return { kind: 'form', message: `${s} means "not a number", which cannot be scored` }
    if (lower === '.inf') return { kind: 'range', message: `${s} (infinity) is not a finite number` }
    if (/^[-+]?0x[0-9a-f]+$/i.test(s)) return { kind: 'form', message: `${s} is hexadecimal; write the decimal number ${value}` }
    if (/^[-+]?0o[0-7]+$/i.test(s)) return { kind: 'form', message: `${s} is octal; write the decimal number ${value}` }
    if (/^[-+]?0\d+(\.\d+)?$/.test(s))
      return { kind: 'form', message: `${s} has a leading zero, which YAML 1.1 reads as octal and YAML 1.2 as decimal; write ${value} (or quote "${s}" if it is text)` }
    if (/^[-+]?\.\d/.test(s) || /^[-+]?\d+\.([eE]|$)/.test(s)) return { kind: 'form', message: `${s} has no digit on one side of the decimal point; write ${value}` }
    return { kind: 'form', message: `${s} is not written as a plain decimal number; write ${Number.isFinite(value) ? value : 'a decimal number'}` }
  }
  return exactnessProblem(s, value)
}

/** For a plain decimal literal `s` read as `value`: whether the value is finite and exactly what is written. */
export function exactnessProblem(s: string, value: number): NumberProblem | undefined {
  if (!Number.isFinite(value)) return { kind: 'range', message: `${s} is beyond the range of numbers` }
  if (s.length <= 15 && !/[eE]/.test(s)) return undefined // ≤ 15 digits, no exponent: always read exactly
  const written = canon(s)!
  // ≤ 15 significant digits in the normal range always round-trip through a binary number
  if (written.digits.length <= 15 && written.point > -300 && written.point < 300) return undefined
  const read = canon(String(value))!
  if (read.digits === written.digits && read.point === written.point) return undefined
  if (written.point > 15) return { kind: 'range', message: `${s} is too large to be read exactly` }
  return { kind: 'precision', message: `${s} has more digits than a number holds; it would be read as ${String(value)}, not as written` }
}

/** The code of a number problem for a role: rubric literals are schema values; evidence has its own codes. */
export function numberProblemCode(p: NumberProblem, role: TextRole): Code {
  if (role === 'rubric') return 'SCHEMA_INVALID_VALUE'
  return p.kind === 'range' ? 'NUMBER_OUT_OF_RANGE' : p.kind === 'precision' ? 'EVIDENCE_PRECISION' : 'EVIDENCE_INVALID'
}
