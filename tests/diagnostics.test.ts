import { describe, expect, it } from 'vitest'
import { codes, isCode } from '../src/diagnostics/codes'
import { fail, hasErrors, makeDiagnostic, ok } from '../src/diagnostics/diagnostic'
import { KaopingError, unwrap } from '../src/diagnostics/error'
import type { Diagnostic } from '../src/diagnostics/diagnostic'
import { formatDiagnostic, formatGithub, lineColumn, lineIndex } from '../src/diagnostics/format'

const REQUIRED = [
  'YAML_SYNTAX', 'YAML_DUPLICATE_KEY', 'YAML_ALIAS_LIMIT', 'YAML_MULTIPLE_DOCUMENTS', 'RUBRIC_NOT_OBJECT',
  'SCHEMA_INVALID_TYPE', 'SCHEMA_UNKNOWN_KEY', 'SCHEMA_MISSING_KEY', 'SCHEMA_INVALID_VALUE', 'DUPLICATE_ID',
  'UNKNOWN_FACT', 'UNKNOWN_PARAM', 'UNKNOWN_ITEM', 'UNKNOWN_RECORDS', 'UNKNOWN_FIELD', 'UNKNOWN_QUOTA',
  'UNKNOWN_GRADE', 'MAX_MISMATCH', 'BAND_GAP', 'BAND_OVERLAP', 'UNREACHABLE_GRADE', 'UNUSED_PARAM',
  'DEDUCTION_WITHOUT_FLOOR', 'MONEY_CATEGORY_WITHOUT_AMOUNT', 'PARAM_TYPE', 'EVIDENCE_INVALID', 'EVIDENCE_MISSING',
  'EVIDENCE_UNKNOWN_FIELD', 'EVIDENCE_OUT_OF_RANGE', 'EVIDENCE_PRECISION', 'EVIDENCE_NO_BAND',
  'EVIDENCE_UNKNOWN_SUBJECT', 'EVIDENCE_DUPLICATE_SUBJECT', 'EVIDENCE_MISSING_ZEROED', 'JUDGED_CLAMPED',
  'QUOTA_NEEDS_COHORT', 'QUOTA_TIE', 'ADJUSTMENT_INVALID', 'RUBRIC_NOT_IN_FORCE', 'NUMBER_OUT_OF_RANGE',
  'OPTION_INVALID', 'LIMIT_EXCEEDED',
]

describe('results', () => {
  it('ok, fail and hasErrors', () => {
    const warn = makeDiagnostic('UNUSED_PARAM', 'Parameter p is never used.')
    const err = makeDiagnostic('BAND_GAP', 'gap')
    expect(ok(1)).toEqual({ ok: true, value: 1, diagnostics: [] })
    expect(ok(1, [warn]).diagnostics).toEqual([warn])
    expect(fail([err])).toEqual({ ok: false, diagnostics: [err] })
    expect(hasErrors([warn])).toBe(false)
    expect(hasErrors([warn, err])).toBe(true)
    expect(unwrap(ok('v'))).toBe('v')
  })

  it('KaopingError carries diagnostics and a formatted message', () => {
    const d = makeDiagnostic('OPTION_INVALID', 'Unknown option --foo.', { hint: 'See --help.' })
    const e = new KaopingError([d])
    expect(e).toBeInstanceOf(Error)
    expect(e.name).toBe('KaopingError')
    expect(e.diagnostics).toEqual([d])
    expect(e.message).toBe('<input>: error OPTION_INVALID Unknown option --foo.\n  hint: See --help.')
    expect(() => unwrap(fail([d]))).toThrow(KaopingError)
  })
})

describe('codes', () => {
  it('catalogue contains every required code with title and hint', () => {
    for (const code of REQUIRED) {
      expect(isCode(code), code).toBe(true)
      const info = codes[code as keyof typeof codes]
      expect(['error', 'warning', 'info']).toContain(info.severity)
      expect(info.title.length).toBeGreaterThan(5)
      expect(info.hint.length).toBeGreaterThan(5)
    }
    expect(isCode('NOPE')).toBe(false)
  })

  it('makeDiagnostic fills severity and hint, extra overrides', () => {
    expect(makeDiagnostic('UNUSED_PARAM', 'm')).toEqual({ code: 'UNUSED_PARAM', severity: 'warning', message: 'm', hint: codes.UNUSED_PARAM.hint })
    const d = makeDiagnostic('BAND_GAP', 'm', { severity: 'info', hint: 'h', path: ['items', 0], hint2: undefined } as never)
    expect(d).toEqual({ code: 'BAND_GAP', severity: 'info', message: 'm', hint: 'h', path: ['items', 0] })
    expect(makeDiagnostic('BAND_GAP', 'm', { hint: undefined }).hint).toBe(codes.BAND_GAP.hint)
  })
})

describe('lineColumn / lineIndex', () => {
  const text = 'id: 城区\n標題: 值\n  - 😀x: 1\n'
  it('counts columns in code points, lines from 1', () => {
    expect(lineColumn(text, 0)).toEqual({ line: 1, column: 1 })
    expect(lineColumn(text, text.indexOf('城区'))).toEqual({ line: 1, column: 5 })
    expect(lineColumn(text, text.indexOf('值'))).toEqual({ line: 2, column: 5 })
    // the emoji is two UTF-16 code units but one column
    expect(lineColumn(text, text.indexOf('x:'))).toEqual({ line: 3, column: 6 })
    expect(lineColumn(text, text.indexOf('\n'))).toEqual({ line: 1, column: 7 })
  })

  it('clamps offsets and handles CRLF', () => {
    expect(lineColumn(text, -5)).toEqual({ line: 1, column: 1 })
    expect(lineColumn(text, 10_000)).toEqual({ line: 4, column: 1 })
    const crlf = 'a: 1\r\nb: 2\r\nc: 3'
    expect(lineColumn(crlf, crlf.indexOf('c'))).toEqual({ line: 3, column: 1 })
    expect(lineColumn(crlf, crlf.indexOf('2'))).toEqual({ line: 2, column: 4 })
  })

  it('maps an offset inside a surrogate pair to the column of that character', () => {
    const s = 'a😀b'
    expect(lineColumn(s, 2)).toEqual({ line: 1, column: 2 })
    expect(lineColumn(s, 3)).toEqual({ line: 1, column: 3 })
  })

  it('agrees with a naive count for every offset', () => {
    const big = Array.from({ length: 200 }, (_, i) => `k${i}: 值${'😀'.repeat(i % 3)}${'x'.repeat(i % 7)}`).join('\n')
    const index = lineIndex(big)
    for (let off = 0; off <= big.length; off += 1) {
      const unit = big.charCodeAt(off)
      if (unit >= 0xdc00 && unit <= 0xdfff) continue // middle of a surrogate pair
      const before = big.slice(0, off)
      const lines = before.split('\n')
      expect(index(off)).toEqual({ line: lines.length, column: [...(lines[lines.length - 1] as string)].length + 1 })
    }
  })
})

describe('formatDiagnostic', () => {
  const source = Array.from({ length: 41 }, (_, i) => `# line ${i + 1}`).join('\n') + '\n        - from: 0.41\n'
  const start = source.indexOf('from: 0.41')
  const gap: Diagnostic = {
    code: 'BAND_GAP',
    severity: 'error',
    message: 'Bands leave rates from 0.40 (inclusive) to 0.41 (exclusive) without a score.',
    file: 'rubrics/x.yaml',
    span: { start, end: start + 'from: 0.41'.length },
    hint: 'Extend the lower band to 0.41, or add a band for [0.40, 0.41).',
  }

  it('renders header, excerpt and hint', () => {
    expect(formatDiagnostic(gap, source)).toBe(
      [
        'rubrics/x.yaml:42:11: error BAND_GAP Bands leave rates from 0.40 (inclusive) to 0.41 (exclusive) without a score.',
        '  42 |         - from: 0.41',
        '     |           ^^^^^^^^^^',
        '  hint: Extend the lower band to 0.41, or add a band for [0.40, 0.41).',
      ].join('\n'),
    )
  })

  it('uses the location without an excerpt when no source is given', () => {
    const d = { ...gap, location: { line: 42, column: 11 } }
    expect(formatDiagnostic(d)).toBe(
      'rubrics/x.yaml:42:11: error BAND_GAP Bands leave rates from 0.40 (inclusive) to 0.41 (exclusive) without a score.\n' +
        '  hint: Extend the lower band to 0.41, or add a band for [0.40, 0.41).',
    )
  })

  it('handles missing location, missing file and subjects', () => {
    expect(formatDiagnostic({ code: 'YAML_SYNTAX', severity: 'error', message: 'bad', file: 'r.yaml' })).toBe('r.yaml: error YAML_SYNTAX bad')
    expect(formatDiagnostic({ code: 'QUOTA_TIE', severity: 'warning', message: 'tie' })).toBe('<input>: warning QUOTA_TIE tie')
    expect(formatDiagnostic({ code: 'EVIDENCE_MISSING', severity: 'error', message: 'No value for fact rate.', file: 'evidence.yaml', subject: 'gulou' })).toBe(
      'evidence.yaml: error EVIDENCE_MISSING [subject gulou] No value for fact rate.',
    )
  })

  it('aligns carets under wide characters and marks empty spans with one caret', () => {
    const src = 'items:\n  - 標題: 值\n'
    const at = src.indexOf('值')
    expect(formatDiagnostic({ code: 'SCHEMA_INVALID_TYPE', severity: 'error', message: 'Expected a number.', span: { start: at, end: at + 1 } }, src)).toBe(
      ['<input>:2:9: error SCHEMA_INVALID_TYPE Expected a number.', '  2 |   - 標題: 值', '    |           ^^'].join('\n'),
    )
    const eol = src.indexOf('\n')
    expect(formatDiagnostic({ code: 'YAML_SYNTAX', severity: 'error', message: 'x', span: { start: eol, end: eol } }, src)).toBe(
      ['<input>:1:7: error YAML_SYNTAX x', '  1 | items:', '    |       ^'].join('\n'),
    )
  })

  it('underlines only the first line of a multi-line span and ignores CR', () => {
    const src = 'a:\r\n  b: 1\r\n  c: 2\r\n'
    const s = src.indexOf('b')
    expect(formatDiagnostic({ code: 'X' as Diagnostic['code'], severity: 'info', message: 'm', span: { start: s, end: src.length } }, src)).toBe(
      ['<input>:2:3: info X m', '  2 |   b: 1', '    |   ^^^^'].join('\n'),
    )
  })
})

describe('formatGithub', () => {
  it('formats errors with location and title', () => {
    const d: Diagnostic = { code: 'BAND_GAP', severity: 'error', message: 'gap', file: 'rubrics/x.yaml', location: { line: 42, column: 11 } }
    expect(formatGithub(d)).toBe('::error file=rubrics/x.yaml,line=42,col=11,title=BAND_GAP::gap')
  })

  it('escapes data and properties', () => {
    const d: Diagnostic = { code: 'UNUSED_PARAM', severity: 'warning', message: '100% sure\r\nnext: a,b', file: 'C:\\a,b.yaml', location: { line: 1, column: 2 } }
    expect(formatGithub(d)).toBe('::warning file=C%3A\\a%2Cb.yaml,line=1,col=2,title=UNUSED_PARAM::100%25 sure%0D%0Anext: a,b')
  })

  it('maps info to notice and omits unknown location; computes it from a source', () => {
    expect(formatGithub({ code: 'QUOTA_TIE', severity: 'info', message: 'm' })).toBe('::notice title=QUOTA_TIE::m')
    const d: Diagnostic = { code: 'YAML_SYNTAX', severity: 'error', message: 'm', file: 'f.yaml', span: { start: 5, end: 6 }, subject: 's1' }
    expect(formatGithub(d, 'a: 1\nb: 2\n')).toBe('::error file=f.yaml,line=2,col=1,title=YAML_SYNTAX::[subject s1] m')
  })
})
