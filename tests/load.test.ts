import { describe, expect, it } from 'vitest'
import { makeDiagnostic } from '../src/diagnostics/diagnostic'
import type { Diagnostic } from '../src/diagnostics/diagnostic'
import { formatDiagnostic } from '../src/diagnostics/format'
import { attachLocations, parseYamlSource } from '../src/load/source'
import type { SourceDoc } from '../src/load/source'

function load(text: string, file = 'rubrics/t.yaml'): { source: SourceDoc; data: unknown } {
  const r = parseYamlSource(text, { file })
  if (!r.ok) throw new Error(r.diagnostics.map((d) => formatDiagnostic(d, text)).join('\n'))
  return r.value
}

function errorsOf(text: string, file = 'rubrics/t.yaml'): Diagnostic[] {
  const r = parseYamlSource(text, { file })
  expect(r.ok).toBe(false)
  return r.diagnostics
}

const rubric = [
  'id: 2024-城区',        // 1
  'title: 城区考评办法',   // 2
  'items:',               // 3
  '  - id: 安全生产',      // 4
  '    標題: 值',          // 5
  '    max: 10',          // 6
  '    note:',            // 7
  '',
].join('\n')

describe('parseYamlSource', () => {
  it('loads data and locates nodes with code-point columns', () => {
    const { source, data } = load(rubric)
    expect(data).toEqual({ id: '2024-城区', title: '城区考评办法', items: [{ id: '安全生产', 標題: '值', max: 10, note: null }] })
    const span = source.locate(['items', 0, '標題'])
    expect(span).toBeDefined()
    expect(source.text.slice(span!.start, span!.end)).toBe('值')
    expect(source.position(span!.start)).toEqual({ line: 5, column: 9 })
    expect(source.location(source.locate(['title'])!)).toEqual({ file: 'rubrics/t.yaml', line: 2, column: 8, endLine: 2, endColumn: 14 })
    const top = load('標題: 值\n').source
    expect(top.position(top.locate(['標題'])!.start)).toEqual({ line: 1, column: 5 })
  })

  it('locate walks up to the deepest existing ancestor and uses the key for empty values', () => {
    const { source } = load(rubric)
    const pos = (path: (string | number)[]) => source.position(source.locate(path)!.start)
    expect(pos(['items', 0, 'max'])).toEqual({ line: 6, column: 10 })
    expect(pos(['items', 0, 'max', 'deeper'])).toEqual({ line: 6, column: 10 })
    expect(pos(['items', 0, 'missing'])).toEqual({ line: 4, column: 5 })
    expect(pos(['items', 7])).toEqual({ line: 4, column: 3 })
    expect(pos(['items', '0', 'id'])).toEqual({ line: 4, column: 9 })
    expect(pos(['items', 0, 'note'])).toEqual({ line: 7, column: 5 })
    expect(pos([])).toEqual({ line: 1, column: 1 })
    expect(pos(['nope'])).toEqual({ line: 1, column: 1 })
    expect(source.locateKey(['items', 0, 'max'])).toEqual({ start: rubric.indexOf('max'), end: rubric.indexOf('max') + 3 })
    expect(source.locateKey(['items', 0])).toBeUndefined()
    expect(source.locateKey(['items', 0, 'missing'])).toBeUndefined()
  })

  it('keeps YAML 1.1 booleans and dates as strings', () => {
    const text = 'a: 2017-01-01\nb: yes\nc: no\nd: on\ne: true\nf: 1_000\n'
    expect(load(text).data).toEqual({ a: '2017-01-01', b: 'yes', c: 'no', d: 'on', e: true, f: '1_000' })
    // YAML 1.2 reads 0o17 as 15 and YAML 1.1 reads 017 as 15: kaoping takes neither (issue #5; see SECURITY.md)
    expect(errorsOf('f: 0o17\n').map((d) => d.code)).toEqual(['SCHEMA_INVALID_VALUE'])
    expect(errorsOf('f: 017\n').map((d) => d.code)).toEqual(['SCHEMA_INVALID_VALUE'])
    expect(load('%YAML 1.1\n---\na: 2017-01-01\nb: yes\n').data).toEqual({ a: '2017-01-01', b: 'yes' })
  })

  it('reports duplicate keys at the duplicate', () => {
    const ds = errorsOf('id: x\nitems:\n  - id: a\n    max: 1\n    max: 2\n')
    expect(ds).toHaveLength(1)
    const d = ds[0]!
    expect(d.code).toBe('YAML_DUPLICATE_KEY')
    expect(d.severity).toBe('error')
    expect(d.file).toBe('rubrics/t.yaml')
    expect(d.location).toMatchObject({ file: 'rubrics/t.yaml', line: 5, column: 5 })
    expect(d.message).toContain('"max"')
    expect(d.hint).toBeTruthy()
  })

  it('rejects a billion-laughs document quickly', () => {
    const names = 'abcdefghi'
    let text = `a: &a [${Array(9).fill('"lol"').join(', ')}]\n`
    for (let i = 1; i < 9; i++) text += `${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(', ')}]\n`
    const t0 = performance.now()
    const r = parseYamlSource(text, { file: 'bomb.yaml' })
    const elapsed = performance.now() - t0
    expect(r.ok).toBe(false)
    expect(r.diagnostics.map((d) => d.code)).toEqual(['YAML_ALIAS_LIMIT'])
    expect(r.diagnostics[0]!.location?.line).toBeGreaterThanOrEqual(2)
    expect(elapsed).toBeLessThan(500)
  })

  it('honours maxAliasCount', () => {
    const text = 'a: &x 1\nb: [*x, *x, *x]\n'
    expect(load(text).data).toEqual({ a: 1, b: [1, 1, 1] })
    const r = parseYamlSource(text, { maxAliasCount: 0 })
    expect(r.ok).toBe(false)
    expect(r.diagnostics[0]?.code).toBe('YAML_ALIAS_LIMIT')
  })

  it('reports an alias without anchor', () => {
    const [d] = errorsOf('a: 1\nb: *nope\n')
    expect(d?.code).toBe('YAML_SYNTAX')
    expect(d?.location).toMatchObject({ line: 2, column: 4 })
  })

  it('reports multiple documents and syntax errors with positions', () => {
    const [multi] = errorsOf('a: 1\n---\nb: 2\n')
    expect(multi?.code).toBe('YAML_MULTIPLE_DOCUMENTS')
    expect(multi?.location?.line).toBe(2)
    const syntax = errorsOf('a: 1\nb: [1, 2\nc: 3\n')
    expect(syntax.length).toBeGreaterThan(0)
    expect(syntax.every((d) => d.code === 'YAML_SYNTAX' && d.span && d.location && d.file === 'rubrics/t.yaml')).toBe(true)
    const [tab] = errorsOf('a: 1\n\tb: 2\n')
    expect(tab?.location).toMatchObject({ line: 2, column: 1 })
  })

  it('returns parser warnings as warnings', () => {
    const r = parseYamlSource('a: !custom 1\n')
    expect(r.ok).toBe(true)
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.location?.line])).toEqual([['YAML_WARNING', 'warning', 1]])
  })

  it('strips a BOM; spans refer to the stripped text', () => {
    const { source, data } = load('\uFEFFid: 城区\nmax: 5\n')
    expect(data).toEqual({ id: '城区', max: 5 })
    expect(source.text.startsWith('id')).toBe(true)
    const span = source.locate(['max'])!
    expect(source.text.slice(span.start, span.end)).toBe('5')
    expect(source.position(span.start)).toEqual({ line: 2, column: 6 })
    const [dup] = errorsOf('\uFEFFa: 1\na: 2\n')
    expect(dup?.span).toEqual({ start: 5, end: 6 })
    expect(dup?.location).toMatchObject({ line: 2, column: 1 })
  })

  it('counts lines correctly in CRLF files', () => {
    const text = 'id: x\r\nitems:\r\n  - id: a\r\n    max: 1\r\n    max: 2\r\n'
    const [d] = errorsOf(text)
    expect(d?.location).toMatchObject({ line: 5, column: 5 })
    expect(formatDiagnostic(d!, text).split('\n').slice(1, 3)).toEqual(['  5 |     max: 2', '    |     ^^^'])
    const { source } = load('a: 1\r\nb:\r\n  c: 値\r\n')
    expect(source.position(source.locate(['b', 'c'])!.start)).toEqual({ line: 3, column: 6 })
  })

  it('loads empty documents as null', () => {
    const { source, data } = load('# nothing\n')
    expect(data).toBeNull()
    expect(source.locate(['x'])).toEqual({ start: 0, end: 0 })
  })
})

describe('attachLocations', () => {
  const text = 'id: r\nitems:\n  - id: a\n    maks: 10\n  - id: a\n'
  const { source } = load(text, 'r.yaml')

  it('fills span, location and file from the path', () => {
    const dup = makeDiagnostic('DUPLICATE_ID', 'Item id "a" is used twice.', {
      path: ['items', 1, 'id'],
      related: [{ message: 'first defined here', path: ['items', 0, 'id'] }],
    })
    const [out] = attachLocations([dup], source)
    expect(out).toMatchObject({ file: 'r.yaml', span: { start: text.lastIndexOf('a'), end: text.lastIndexOf('a') + 1 } })
    expect(out?.location).toEqual({ file: 'r.yaml', line: 5, column: 9, endLine: 5, endColumn: 10 })
    expect(out?.related?.[0]?.location).toMatchObject({ line: 3, column: 9 })
    expect(dup.location).toBeUndefined() // input not mutated
  })

  it('points unknown keys at the key and leaves other files alone', () => {
    const unknown = makeDiagnostic('SCHEMA_UNKNOWN_KEY', 'Unknown key "maks".', { path: ['items', 0, 'maks'] })
    const other = makeDiagnostic('UNKNOWN_FACT', 'x', { path: ['id'], file: 'other.yaml' })
    const [a, b] = attachLocations([unknown, other], source)
    expect(a?.location).toEqual({ file: 'r.yaml', line: 4, column: 5, endLine: 4, endColumn: 9 })
    expect(formatDiagnostic(a!, source.text)).toBe(
      ['r.yaml:4:5: error SCHEMA_UNKNOWN_KEY Unknown key "maks".', '  4 |     maks: 10', '    |     ^^^^', `  hint: ${unknown.hint}`].join('\n'),
    )
    expect(b).toBe(other)
  })
})
