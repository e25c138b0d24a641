/**
 * NDJSON evidence (src/load/ndjson.ts): a plain line is read by JSON.parse, any other by the strict JSON reader. The
 * two roads must give the same answer for every line: the same data, or a refusal. A differential test over random
 * lines built to sit on the edges (keys given twice, spaced keys, numbers of 15, 16 and more digits with and without
 * a point or an exponent, escapes, control and bidi characters, nesting near the limit), then the line reader itself.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseJsonSource } from '../src/load/json'
import { ndjsonLines, readJsonLine } from '../src/load/ndjson'
import { runs } from './support/xuzhou'

const OPTIONS = { maxDepth: 8, maxStringLength: 40 }

const NUMBERS = ['1234567.1234567891', '0', '-0', '7', '-12', '0.875', '87.5', '123456789012345', '1234567890123456', '12345678901234567', '1234567.123456789', '123456789.012345', '0.1000000000000000001', '0.30000000000000004', '1e2', '1E-7', '1e-400', '1e999', '2.5e+3', '9007199254740993', '-0.0000001']
const STRINGS = ['08:30', 'a\":1', 'raw\u0007bell', 'raw\ttab', 'c1\u0085', 'a', '豐縣', 'x y', 'tab\\there', 'esc\\u001b', 'quote\\"', 'bell\\u0007', '\u202etxt', 'line\\nbreak', 'e5', '2e3', '1234567890123456', 'x'.repeat(41), '__proto__', 'constructor']
const KEYS = ['id', 'facts', 'a', 'b', '__proto__', 'rate', '率']

/** JSON text of a random value, written as text (so that keys can repeat and numbers keep their form). */
const value: fc.Memo<string> = fc.memo((n) =>
  n <= 1
    ? fc.oneof(fc.constantFrom(...NUMBERS), fc.constantFrom(...STRINGS).map((s) => `"${s}"`), fc.constantFrom('true', 'false', 'null'))
    : fc.oneof(
        { weight: 2, arbitrary: value(1) },
        fc.array(value(n - 1), { maxLength: 3 }).map((xs) => `[${xs.join(',')}]`),
        fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom('', ' '), value(n - 1)), { maxLength: 4 }).map((kvs) => `{${kvs.map(([k, sp, v]) => `"${k}"${sp}:${v}`).join(',')}}`),
      ),
)

/** A value as the strict reader reads it: the data, or "refused". */
function strict(text: string): unknown {
  const r = parseJsonSource(text, OPTIONS)
  return r.ok ? r.value.data : 'refused'
}

function viaLine(text: string): unknown {
  const r = readJsonLine(text, 1, OPTIONS)
  return r.ok ? r.value.data : 'refused'
}

describe('NDJSON lines: the fast road and the strict reader agree', () => {
  it('on random lines at the edges (same data, or both refuse)', () => {
    fc.assert(
      fc.property(value(6), (text) => {
        // toEqual tells -0 from 0, and sees own __proto__ keys
        expect(viaLine(text)).toEqual(strict(text))
      }),
      { numRuns: runs(3000) },
    )
  })

  it('on hand-picked lines', () => {
    // a key given twice: JSON.parse would keep the second silently; both roads refuse
    expect(viaLine('{"a":1,"a":2}')).toBe('refused')
    expect(viaLine('{"a":1,"a" :2}')).toBe('refused')
    // 16 significant digits around a point (1234567.123456789 is read exactly; 0.1000000000000000001 is not)
    expect(viaLine('{"x":1234567.123456789}')).toEqual({ x: 1234567.123456789 })
    expect(viaLine('{"x":0.1000000000000000001}')).toBe('refused')
    // 17 digits split by the point (7 + 10): read as 1234567.123456789, not as written; no run of 16 digits shows it
    expect(viaLine('{"x":1234567.1234567891}')).toBe('refused')
    // 1e-400 is 0 to JSON.parse: the strict reader refuses it (not read as written)
    expect(viaLine('{"x":1e-400}')).toBe('refused')
    expect(viaLine('{"x":1e999}')).toBe('refused')
    // an escaped ESC, a raw bidi override: refused as control characters
    expect(viaLine('{"name":"a\\u001bb"}')).toBe('refused')
    expect(viaLine('{"name":"a\u202eb"}')).toBe('refused')
    // plain lines: the data as written
    expect(viaLine('{"id":"s1","facts":{"rate":0.875,"ok":true},"records":{"r":[{"t":"豐縣"}]}}')).toEqual({ id: 's1', facts: { rate: 0.875, ok: true }, records: { r: [{ t: '豐縣' }] } })
  })
})

describe('ndjsonLines', () => {
  const bytes = (s: string) => new TextEncoder().encode(s)
  const read = (chunks: Uint8Array[], maxBytes = 1000) => [...ndjsonLines(chunks, { ...OPTIONS, maxBytes })]

  it('numbers lines as the file does, blank and CRLF lines included, across pieces cut anywhere', () => {
    const text = '{"id":"a"}\r\n\n  \n{"id":"b"}\n{"id":"豐"}'
    const whole = read([bytes(text)]).map((x) => (x.ok ? [x.value.line, x.value.data] : ['refused', x.line]))
    // lines 1, 4 and 5 hold subjects (2 and 3 are blank)
    expect(whole).toEqual([
      [1, { id: 'a' }],
      [4, { id: 'b' }],
      [5, { id: '豐' }],
    ])
    const all = bytes(text)
    for (let cut = 1; cut < all.length; cut++) {
      const pieces = read([all.slice(0, cut), all.slice(cut)]).map((x) => (x.ok ? [x.value.line, x.value.data] : ['refused', x.line]))
      expect(pieces).toEqual(whole)
    }
  })

  it('refuses a line that is not UTF-8 at its line, and reads on', () => {
    const bad = new Uint8Array([...bytes('{"id":"a"}\n{"id":"'), 0xff, ...bytes('"}\n{"id":"c"}\n')])
    const out = read([bad])
    expect(out.map((x) => (x.ok ? x.value.line : `refused ${x.line} ${x.diagnostics[0]!.code} ${x.diagnostics[0]!.location?.line}`))).toEqual([1, 'refused 2 TEXT_INVALID_UTF8 2', 3])
  })

  it('stops at a line longer than maxBytes, as it arrives', () => {
    // 30 bytes allowed per line: the second line (about 60 bytes, given in two pieces) stops the reading
    const out = read([bytes('{"id":"a"}\n{"id":"' + 'x'.repeat(20)), bytes('x'.repeat(30) + '"}\n{"id":"c"}\n')], 30)
    expect(out.map((x) => (x.ok ? x.value.line : `${x.diagnostics[0]!.code} line ${x.line}`))).toEqual([1, 'LIMIT_EXCEEDED line 2'])
  })
})
