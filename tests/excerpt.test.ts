/**
 * The excerpt under a diagnostic (formatDiagnostic in src/diagnostics/format.ts): control characters shown escaped,
 * long lines cut to a window around the span, and the line found in a cached index. Every expected string is
 * worked out by hand in the comments: offsets count UTF-16 units, the header's column counts code points, and the
 * caret line lines up under the quoted line as the terminal shows it (an escape is as wide as its text, `\x1b` 4
 * columns and `\u202e` 6; a Chinese character 2; "…" 1).
 *
 * The cut: a line wider than 100 columns is cut to at most 100, "…" included: 40 columns before the span's start,
 * then as much after it as fits in the 98 left for text; when the line ends sooner, the rest goes before the start.
 */
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../src/diagnostics/diagnostic'
import { formatDiagnostic, lineColumn } from '../src/diagnostics/format'

/** A diagnostic over `[start, end)`, without a file (shown as `<input>`). */
const at = (start: number, end: number, extra: Partial<Diagnostic> = {}): Diagnostic => ({ code: 'YAML_SYNTAX', severity: 'error', message: 'm', span: { start, end }, ...extra })

describe('control characters in the quoted line', () => {
  it('shows ESC and BEL as \\x1b and \\x07, never raw, and keeps the caret under the span', () => {
    // a: "<ESC>[31mred<BEL>": a 0, : 1, space 2, " 3, ESC 4, [ 5, 3 6, 1 7, m 8, r 9 → "red" is [9, 12), column 10.
    // Shown: `a: "` (4) + `\x1b` (4) + `[31m` (4) = 12 columns before "red".
    const src = 'a: "\x1b[31mred\x07"\n'
    const text = formatDiagnostic(at(9, 12), src)
    expect(text).toBe(['<input>:1:10: error YAML_SYNTAX m', '  1 | a: "\\x1b[31mred\\x07"', `    | ${' '.repeat(12)}^^^`].join('\n'))
    expect(text).not.toContain('\x1b')
    expect(text).not.toContain('\x07')
  })

  it('underlines an escaped character by the width of its escape', () => {
    // the span is the ESC itself, [4, 5): 4 columns before it, 4 carets under `\x1b`
    expect(formatDiagnostic(at(4, 5), 'a: "\x1b[31mred\x07"')).toBe(['<input>:1:5: error YAML_SYNTAX m', '  1 | a: "\\x1b[31mred\\x07"', '    |     ^^^^'].join('\n'))
  })

  it('escapes DEL, C1 controls, line separators and bidi controls; keeps tabs; Chinese stays two columns', () => {
    // t: <RLO>abc<PDF>\t<DEL><CSI><LS>值: t 0, : 1, space 2, U+202E 3, a 4, b 5, c 6, U+202C 7, tab 8, DEL 9,
    // U+009B 10, U+2028 11, 值 12 → column 13. Before 值: `t: ` 3 + `\u202e` 6 + `abc` 3 + `\u202c` 6 = 18 spaces,
    // then the tab (kept as a tab), then `\x7f` 4 + `\x9b` 4 + `\u2028` 6 = 14 spaces; 值 is 2 carets.
    const src = 't: \u202eabc\u202c\t\x7f\x9b\u2028值\n'
    const text = formatDiagnostic(at(12, 13), src)
    expect(text).toBe(
      ['<input>:1:13: error YAML_SYNTAX m', '  1 | t: \\u202eabc\\u202c\t\\x7f\\x9b\\u2028值', `    | ${' '.repeat(18)}\t${' '.repeat(14)}^^`].join('\n'),
    )
    for (const raw of ['\u202e', '\u202c', '\x7f', '\x9b', '\u2028']) expect(text).not.toContain(raw)
    // the isolates U+2066–U+2069 and a CR inside a line (not before its \n) too
    expect(formatDiagnostic(at(0, 1), '\u2066x\u2069\ry')).toBe(['<input>:1:1: error YAML_SYNTAX m', '  1 | \\u2066x\\u2069\\x0dy', '    | ^^^^^^'].join('\n'))
  })

  it('escapes control characters in the file name of the header; the message is left as the engine wrote it', () => {
    const text = formatDiagnostic({ ...at(0, 1), file: 'evil\x1b]0;title\x07.yaml' }, 'a: 1\n')
    expect(text.split('\n')[0]).toBe('evil\\x1b]0;title\\x07.yaml:1:1: error YAML_SYNTAX m')
    expect(text).not.toContain('\x1b')
  })
})

describe('long lines are cut around the span', () => {
  it('keeps 40 columns before the start and fills the rest after it, "…" at both cuts', () => {
    // `k: ` (0–2), 297 a (3–299), ERR (300–302), 500 b: one line of 803 columns. Span [300, 303), column 301.
    // Before: 40 columns → from 260, 40 a. After: 98 − 40 = 58 → ERR and 55 b, up to 358. Shown: … 40a ERR 55b …
    const src = 'k: ' + 'a'.repeat(297) + 'ERR' + 'b'.repeat(500)
    expect(formatDiagnostic(at(300, 303), src)).toBe(
      ['<input>:1:301: error YAML_SYNTAX m', `  1 | …${'a'.repeat(40)}ERR${'b'.repeat(55)}…`, `    |  ${' '.repeat(40)}^^^`].join('\n'),
    )
  })

  it('near the start of the line: no cut before, the rest after', () => {
    // span [5, 6) of the same line: before it 5 columns, to the line start → no "…" before; after: 98 − 5 = 93
    // columns from offset 5 → text [0, 98) then "…"
    const src = 'k: ' + 'a'.repeat(297) + 'ERR' + 'b'.repeat(500)
    expect(formatDiagnostic(at(5, 6), src)).toBe(['<input>:1:6: error YAML_SYNTAX m', `  1 | k: ${'a'.repeat(95)}…`, '    |      ^'].join('\n'))
  })

  it('near the end of the line: what is left goes before the start', () => {
    // 500 a then END (500–502), then a newline: END takes 3 of the 98, so 95 a before it: … 95a END, no "…" after
    const src = 'a'.repeat(500) + 'END\nnext line\n'
    expect(formatDiagnostic(at(500, 503), src)).toBe(['<input>:1:501: error YAML_SYNTAX m', `  1 | …${'a'.repeat(95)}END`, `    |  ${' '.repeat(95)}^^^`].join('\n'))
  })

  it('counts wide characters as two columns and escapes as their width, when cutting', () => {
    // 100 漢, 錯 (offset 100, column 101), 100 漢. Before: 40 columns = 20 漢; after: 58 columns = 錯 and 28 漢.
    const han = '漢'.repeat(100) + '錯' + '漢'.repeat(100)
    expect(formatDiagnostic(at(100, 101), han)).toBe(
      ['<input>:1:101: error YAML_SYNTAX m', `  1 | …${'漢'.repeat(20)}錯${'漢'.repeat(28)}…`, `    |  ${' '.repeat(40)}^^`].join('\n'),
    )
    // 300 a, ESC (300), ERR (301–303), 300 b. Before ERR: `\x1b` takes 4 of the 40, then 36 a; after: ERR + 55 b.
    const esc = 'a'.repeat(300) + '\x1bERR' + 'b'.repeat(300)
    expect(formatDiagnostic(at(301, 304), esc)).toBe(
      ['<input>:1:302: error YAML_SYNTAX m', `  1 | …${'a'.repeat(36)}\\x1bERR${'b'.repeat(55)}…`, `    |  ${' '.repeat(40)}^^^`].join('\n'),
    )
  })

  it('underlines a span running past the cut only up to the cut', () => {
    // span [300, 803) of the first line: the window after the start holds 58 columns, so 58 carets
    const src = 'k: ' + 'a'.repeat(297) + 'ERR' + 'b'.repeat(500)
    expect(formatDiagnostic(at(300, 803), src).split('\n')[2]).toBe(`    |  ${' '.repeat(40)}${'^'.repeat(58)}`)
  })

  it('a line of exactly 100 columns is quoted whole; 101 is cut', () => {
    expect(formatDiagnostic(at(0, 1), 'x'.repeat(100)).split('\n')[1]).toBe(`  1 | ${'x'.repeat(100)}`)
    // 101: start 0 → nothing before; 98 after → 98 x and "…"
    expect(formatDiagnostic(at(0, 1), 'x'.repeat(101)).split('\n')[1]).toBe(`  1 | ${'x'.repeat(98)}…`)
  })

  it('a 300 KB one-line file with 1,000 diagnostics: each under 400 characters, carets under their values', () => {
    // 1,000 subjects of 300 characters each in one JSON line: [{"id":"s0000","note":"xxx…","rate":1.5}, …]
    // (`{"id":"s0000","note":"` 22 + 265 x + `","rate":1.5}` 13 = 300)
    const subject = (i: number) => `{"id":"s${String(i).padStart(4, '0')}","note":"${'x'.repeat(265)}","rate":1.5}`
    expect(subject(0)).toHaveLength(300)
    const src = '[' + Array.from({ length: 1000 }, (_, i) => subject(i)).join(',') + ']'
    expect(src.length).toBeGreaterThan(300_000)
    let total = 0
    let from = 0
    for (let i = 0; i < 1000; i++) {
      const start = src.indexOf('1.5}', from)
      from = start + 1
      const text = formatDiagnostic({ ...at(start, start + 3), file: 'big.json', message: `Subject s${i}: the rate is above 1.` }, src)
      expect(text.length).toBeLessThan(400)
      total += text.length
      const [head, quoted, carets] = text.split('\n') as [string, string, string]
      expect(head).toBe(`big.json:1:${start + 1}: error YAML_SYNTAX Subject s${i}: the rate is above 1.`)
      // ASCII only: the caret's index in its line is the index of the value in the quoted line
      expect(carets.indexOf('^^^')).toBe(quoted.indexOf('1.5}'))
      expect(carets.endsWith('^^^')).toBe(true)
    }
    expect(total).toBeLessThan(400 * 1000)
  })
})

describe('the cached line index', () => {
  it('gives the right positions when two texts alternate', () => {
    // a: 1,000 lines "line N"; b: one line of 300,000 characters. Positions worked out from the construction:
    // in a, line k (1-based) starts at the sum of the lengths of the lines before it, plus one newline each.
    const a = Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`).join('\n')
    const b = 'y'.repeat(300_000)
    const startOf = (k: number) => Array.from({ length: k - 1 }, (_, i) => `line ${i + 1}`.length + 1).reduce((s, n) => s + n, 0)
    for (const k of [1, 2, 10, 500, 1000]) {
      expect(lineColumn(a, startOf(k) + 5)).toEqual({ line: k, column: 6 })
      expect(lineColumn(b, k * 299)).toEqual({ line: 1, column: k * 299 + 1 })
    }
    // excerpts alternate too: line 500 of a ("line 500", its digits at column 6) and the middle of b
    for (let i = 0; i < 3; i++) {
      expect(formatDiagnostic(at(startOf(500) + 5, startOf(500) + 8), a).split('\n').slice(1)).toEqual(['  500 | line 500', '      |      ^^^'])
      expect(formatDiagnostic(at(150_000, 150_001), b).split('\n')[1]).toBe(`  1 | …${'y'.repeat(98)}…`)
    }
  })
})
