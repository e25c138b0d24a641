/**
 * CSV records (the long format: one line per record, columns subject, record and the record's fields), and the
 * bounds on reading any CSV evidence: at most 20 diagnostics per code and file, then one saying how many more, and
 * work linear in the size of the file (checked here by the size of the output, not by timing).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileRubric, loadRubric } from '../src/index'
import type { Diagnostic } from '../src/diagnostics/diagnostic'
import { formatDiagnostics } from '../src/diagnostics/format'
import { parseCsv, type CsvTable } from '../src/load/csv'
import { csvEvidence, csvRecords, isRecordsHeader, MAX_PER_CODE } from '../src/load/csv-evidence'
import { readEvidence } from '../src/load/evidence'

const root = join(__dirname, '..')
const read = (path: string) => readFileSync(join(root, path), 'utf8')

function rubricOf(id: string) {
  const file = `rubrics/${id}.yaml`
  const r = loadRubric(read(file), { file })
  if (!r.ok) throw new Error(formatDiagnostics(r.diagnostics))
  return r.value.rubric
}
const xuzhou = rubricOf('xuzhou-statistics-2017')
const linxi = rubricOf('linxi-learning-org')

function table(text: string, file = 'records.csv'): CsvTable {
  const t = parseCsv(text, { file })
  if (!t.ok) throw new Error(formatDiagnostics(t.diagnostics, text))
  return t.value
}

/** The subjects of a YAML evidence file as read by readEvidence: id → records. */
function yamlRecords(path: string, rubric: typeof xuzhou): Map<string, Record<string, unknown[]>> {
  const r = readEvidence(read(path), path, rubric)
  if (!r.ok) throw new Error(formatDiagnostics(r.diagnostics))
  const subjects = (r.value.data as { subjects: { id: string; records?: Record<string, unknown[]> }[] }).subjects
  return new Map(subjects.map((s) => [s.id, s.records ?? {}]))
}

/** Code, line and column of each diagnostic, for comparing with what the comments work out. */
const where = (ds: readonly Diagnostic[]) => ds.map((d) => [d.code, d.location?.line, d.location?.column])

function failed<T>(r: { ok: boolean; diagnostics: Diagnostic[]; value?: T }): Diagnostic[] {
  expect(r.ok).toBe(false)
  return r.diagnostics
}

describe('csvRecords: the long format', () => {
  it('reads Xuzhou innovations into the records the YAML evidence gives', () => {
    // tests/fixtures/csv/xuzhou-innovations.csv is examples/xuzhou-statistics-2017/evidence.yaml's innovations written
    // out by hand, one line per record in the YAML order, headed by titles (單位編號, 記錄類型, 名稱, 類別,
    // 發文或採用日期), the type written by name or by its title 工作創新創優成果, with Excel's BOM and CRLF.
    const r = csvRecords(table(read('tests/fixtures/csv/xuzhou-innovations.csv'), 'xuzhou-innovations.csv'), xuzhou)
    expect(r.diagnostics).toEqual([])
    if (!r.ok) return
    const yaml = yamlRecords('examples/xuzhou-statistics-2017/evidence.yaml', xuzhou)
    // quanshan's innovations are [] in the YAML: a CSV has no line for it, and no records are none (it is absent)
    expect(yaml.get('quanshan')).toEqual({ innovations: [] })
    yaml.delete('quanshan')
    expect(Object.fromEntries(r.value.bySubject)).toEqual(Object.fromEntries(yaml))
    // subjects in the order they first appear, which is the YAML's
    expect([...r.value.bySubject.keys()]).toEqual([...yaml.keys()])
  })

  it('scores the Xuzhou cohort the same with its records from the CSV file', () => {
    const evidence = readEvidence(read('examples/xuzhou-statistics-2017/evidence.yaml'), 'evidence.yaml', xuzhou)
    const records = csvRecords(table(read('tests/fixtures/csv/xuzhou-innovations.csv')), xuzhou)
    const evaluator = compileRubric(xuzhou)
    if (!evidence.ok || !records.ok || !evaluator.ok) throw new Error('setup')
    const data = evidence.value.data as { subjects: { id: string; records?: unknown }[] }
    // the same cohort, each subject's records replaced by what the CSV gives for its id (as the CLI merges them)
    const merged = { ...data, subjects: data.subjects.map(({ records: _, ...s }) => ({ ...s, ...(records.value.bySubject.has(s.id) ? { records: records.value.bySubject.get(s.id) } : {}) })) }
    const totals = (cohort: unknown) => {
      const r = evaluator.value.evaluateCohort(cohort)
      if (!r.ok) throw new Error(formatDiagnostics(r.diagnostics))
      return r.value.subjects.map((s) => [s.subject.id, s.exactTotal, s.grade, s.rank])
    }
    expect(totals(merged)).toEqual(totals(data))
    // and the records count: without them the totals differ (fengxian's innovations are worth points)
    const without = { ...data, subjects: data.subjects.map(({ records: _, ...s }) => s) }
    expect(totals(without)).not.toEqual(totals(data))
  })

  it('reads several record types from one file, each cell by its field type (Linxi)', () => {
    // tests/fixtures/csv/linxi-bangongshi-records.csv: bangongshi's studySessions, recommendedBooks and
    // researchReports from examples/linxi-learning-org/evidence.yaml, interleaved by date; each type leaves the
    // other types' columns empty. recorded is written 是, true, 1 and yes (all true); expected and attended are
    // integers, so they become numbers as in the YAML; spaces around a topic are not part of it.
    const r = csvRecords(table(read('tests/fixtures/csv/linxi-bangongshi-records.csv')), linxi)
    expect(r.diagnostics).toEqual([])
    if (!r.ok) return
    const { violations, ...yaml } = yamlRecords('examples/linxi-learning-org/evidence.yaml', linxi).get('bangongshi')!
    expect(violations).toEqual([]) // an empty list: nothing for a CSV file to give
    expect(r.value.bySubject.get('bangongshi')).toEqual(yaml)
    expect([...r.value.bySubject.keys()]).toEqual(['bangongshi'])
  })

  it('locates a record and its cells', () => {
    const text = read('tests/fixtures/csv/xuzhou-innovations.csv')
    const r = csvRecords(table(text, 'x.csv'), xuzhou)
    if (!r.ok) throw new Error('read')
    // fengxian's third innovation is on line 4:
    //   fengxian,innovations,豐縣推行企業統計臺賬電子化(國家統計局網站採用),national-adoption,2017-11-02
    // "fengxian," is 9 characters, "innovations," 12, the title 24 code points and its comma 1, "national-adoption," 18:
    // the date starts at column 9 + 12 + 25 + 18 + 1 = 65 and ends before 65 + 10 = 75.
    expect(r.value.locate('fengxian', 'innovations', 2, 'date')?.location).toEqual({ file: 'x.csv', line: 4, column: 65, endLine: 4, endColumn: 75 })
    const title = r.value.locate('fengxian', 'innovations', 2, 'title')!
    expect(text.replace(/^\ufeff/, '').slice(title.span.start, title.span.end)).toBe('豐縣推行企業統計臺賬電子化(國家統計局網站採用)')
    // without a field (or a field the line leaves empty): the whole line, from column 1 to after the date
    expect(r.value.locate('fengxian', 'innovations', 2)?.location).toEqual({ file: 'x.csv', line: 4, column: 1, endLine: 4, endColumn: 75 })
    // peixian's records are lines 5 and 6; a record the file does not have is not located
    expect(r.value.locate('peixian', 'innovations', 1)?.location.line).toBe(6)
    expect(r.value.locate('peixian', 'innovations', 2)).toBeUndefined()
    expect(r.value.locate('quanshan', 'innovations', 0)).toBeUndefined()
    expect(r.value.locate('fengxian', 'constructor', 0)).toBeUndefined()
  })

  it('isRecordsHeader: a subject and a record column, in English or Chinese', () => {
    expect(isRecordsHeader(table(read('tests/fixtures/csv/xuzhou-innovations.csv')))).toBe(true)
    expect(isRecordsHeader(['subject', 'record', 'date'])).toBe(true)
    expect(isRecordsHeader([' 单位编号 ', '记录类型'])).toBe(true)
    expect(isRecordsHeader(['subject', 'date'])).toBe(false)
    expect(isRecordsHeader(table(read('tests/fixtures/csv/xuzhou-chinese.csv')))).toBe(false)
    // a facts reader handed a records file says so, once
    const ds = failed(csvEvidence(table('subject,record,date\nfengxian,innovations,2017-01-01\n'), xuzhou))
    expect(ds.map((d) => d.code)).toEqual(['EVIDENCE_INVALID'])
    expect(ds[0]!.message).toContain('gives records')
  })
})

describe('csvRecords: diagnostics, each at its line and column', () => {
  it('an unknown column, a missing subject, an unknown or missing type, a short line', () => {
    const text = [
      'subject,record,title,kind,date,remark', //               line 1: "remark" starts at column 1 + 31 = 32 ("subject,record,title,kind,date," is 31)
      'fengxian,innovations,A,innovation,2017-01-01,', //       line 2: fine (the remark cell is empty, the column unknown)
      ',innovations,B,innovation,2017-02-01,', //               line 3: no subject, at column 1
      'peixian,inovations,C,innovation,2017-03-01,', //         line 4: type "inovations" at column 9 ("peixian," is 8)
      'peixian,,D,innovation,2017-03-01,', //                   line 5: no type, at column 9
      'peixian,innovations,E,innovation', //                    line 6: 4 fields of 6, at column 1
    ].join('\n')
    const ds = failed(csvRecords(table(text), xuzhou))
    expect(where(ds)).toEqual([
      ['EVIDENCE_UNKNOWN_FIELD', 1, 32],
      ['EVIDENCE_INVALID', 3, 1],
      ['EVIDENCE_UNKNOWN_FIELD', 4, 9],
      ['EVIDENCE_INVALID', 5, 9],
      ['EVIDENCE_INVALID', 6, 1],
    ])
    expect(ds[0]!.message).toBe('Column "remark" is not a field of any record type of rubric xuzhou-statistics-2017.')
    expect(ds[0]!.hint).toContain('innovations: title (名稱), kind (類別), date (發文或採用日期)')
    expect(ds[1]!.message).toBe('Line 3 has no subject: whose record it is.')
    expect(ds[2]!.message).toBe('Line 4: "inovations" is not a record type of rubric xuzhou-statistics-2017; did you mean "innovations"?')
    expect(ds[3]!.hint).toContain('innovations (工作創新創優成果)')
    expect(ds[4]!.message).toBe('Line 6 has 4 fields, but the header has 6.')
    expect(ds.every((d) => d.file === 'records.csv' && d.hint)).toBe(true)
  })

  it('a cell of a field another type has, a bad integer or boolean, two columns for one field, an unnamed column with values', () => {
    const text = [
      'subject,record,topic,book,expected,recorded,date,學習日期,', // line 1: 學習日期 is studySessions.date's title, as "date" is its name; column 9 has no header
      'bangongshi,recommendedBooks,讀書會,《執行力》,,,2012-07-10,,', // line 2: topic is not a field of recommendedBooks
      'bangongshi,studySessions,X,,9.5,也許,,,', //                      line 3: expected 9.5 is not an integer, recorded 也許 not a yes/no
      'bangongshi,studySessions,Y,,1,是,,,note', //                      line 4: the unnamed column 9 holds "note"
    ].join('\n')
    const ds = failed(csvRecords(table(text), linxi))
    // Columns of line 1 start after "subject," (8), "record," (7), "topic," (6), "book," (5), "expected," (9),
    // "recorded," (9), "date," (5), "學習日期," (5): 學習日期 at 8+7+6+5+9+9+5 = 49 → column 50; column 9 at 54 → 55.
    // The unnamed column's values are reported at its header. Line 2: "bangongshi," (11) + "recommendedBooks," (17)
    // → topic at column 29. Line 3: "bangongshi," (11) + "studySessions," (14) + "X," (2) + "," (1, book) → expected
    // at column 29; + "9.5," (4) → recorded at column 33. Header problems come first, in column order.
    expect(where(ds)).toEqual([
      ['EVIDENCE_INVALID', 1, 50],
      ['EVIDENCE_INVALID', 1, 55],
      ['EVIDENCE_UNKNOWN_FIELD', 2, 29],
      ['EVIDENCE_INVALID', 3, 29],
      ['EVIDENCE_INVALID', 3, 33],
    ])
    expect(ds[0]!.message).toBe('Columns 7 and 8 both give field "date" of studySessions.')
    expect(ds[1]!.message).toBe('Column 9 has no header but holds values; name it after a record field.')
    expect(ds[2]!.message).toBe('Line 2, column "topic": records of recommendedBooks have no such field, so the cell must be empty on recommendedBooks lines.')
    expect(ds[2]!.hint).toBe('Empty the cell, or move the value to a column of recommendedBooks: book (書名), date (推薦日期).')
    expect(ds[3]!.message).toBe('Line 3, column "expected" (field "expected" of studySessions): "9.5" is not a whole number.')
    expect(ds[4]!.message).toContain('"也許" is not a yes/no value')
  })

  it('a header without a subject or record column', () => {
    const ds = failed(csvRecords(table('subject,date\nbangongshi,2012-07-10\n'), linxi))
    expect(where(ds)).toEqual([['EVIDENCE_INVALID', 1, 1]])
    expect(ds[0]!.message).toBe('The records CSV header has no "record" (or 記錄類型) column: every line needs the subject id and the record type.')
  })
})

describe('bounds: at most 20 diagnostics per code in a file, and output bounded by it', () => {
  it('5,000 unknown columns give 20 diagnostics and one saying how many more', () => {
    // columns u0 … u4999 after "subject,record,": 5,000 unknown columns, one EVIDENCE_UNKNOWN_FIELD each
    const header = ['subject', 'record', ...Array.from({ length: 5000 }, (_, i) => `u${i}`)].join(',')
    const ds = failed(csvRecords(table(`${header}\n`), xuzhou))
    expect(ds).toHaveLength(MAX_PER_CODE + 1)
    expect(ds.every((d) => d.code === 'EVIDENCE_UNKNOWN_FIELD')).toBe(true)
    // the summary: 5,000 − 20 more, located at the first not told, u20: "subject,record," is 15 characters, u0–u9
    // take 3 each ("u0,") and u10–u19 4 each, so u20 starts at 15 + 30 + 40 = 85, column 86
    expect(ds[20]!.message).toBe('… and 4,980 more EVIDENCE_UNKNOWN_FIELD problems in this file.')
    expect(ds[20]!.location).toMatchObject({ line: 1, column: 86 })
    expect(ds[19]!.message).toContain('"u19"')
  })

  it('the facts reader caps each code the same way', () => {
    // 5,000 unknown fact columns (EVIDENCE_UNKNOWN_FIELD, 20 + 1), the required facts missing (one EVIDENCE_MISSING),
    // and 30 lines without an id (EVIDENCE_INVALID, 20 + 1 saying 10 more)
    const header = ['id', ...Array.from({ length: 5000 }, (_, i) => `u${i}`)].join(',')
    const rows = Array.from({ length: 30 }, () => ','.repeat(5000)).join('\n')
    const ds = failed(csvEvidence(table(`${header}\n${rows}\n`), xuzhou))
    const count = (code: string) => ds.filter((d) => d.code === code).length
    expect([count('EVIDENCE_UNKNOWN_FIELD'), count('EVIDENCE_MISSING'), count('EVIDENCE_INVALID')]).toEqual([21, 1, 21])
    expect(ds.at(-1)!.message).toBe('… and 10 more EVIDENCE_INVALID problems in this file.')
    // lines 2–21 are told; line 22 is the first not told
    expect(ds.at(-1)!.location?.line).toBe(22)
  })

  it('a 20,000-column header with no match gives bounded output', () => {
    // 20,000 distinct headers, none a field, name or title; each suggestion is looked for only for the 20 told
    const header = ['subject', 'record', ...Array.from({ length: 20000 }, (_, i) => `zz${i}qq`)].join(',')
    const t = table(`${header}\nfengxian,innovations${','.repeat(20000)}\n`)
    const records = failed(csvRecords(t, xuzhou))
    expect(records).toHaveLength(21)
    // no header is within 2/3 of a candidate's length in edits: no suggestion
    expect(records.slice(0, 20).every((d) => d.message.endsWith('of rubric xuzhou-statistics-2017.'))).toBe(true)
    const facts = failed(csvEvidence(table(`id,${Array.from({ length: 20000 }, (_, i) => `zz${i}qq`).join(',')}\nfengxian${','.repeat(20000)}\n`), xuzhou))
    // 20 told, the missing required facts, then the summaries (after every problem told)
    expect(facts.map((d) => d.code)).toEqual([...Array(20).fill('EVIDENCE_UNKNOWN_FIELD'), 'EVIDENCE_MISSING', 'EVIDENCE_UNKNOWN_FIELD'])
    expect(facts.at(-1)!.message).toBe('… and 19,980 more EVIDENCE_UNKNOWN_FIELD problems in this file.')
    // printed, each with its line quoted: far less than one line per column
    expect(formatDiagnostics(records, t.text).split('\n').length).toBeLessThan(200)
  })

  it('a header cell of 1,000,000 characters is quoted cut', () => {
    // "townshipPasRate" then a million x: the suggestion compares the first 64 characters only (64 against the
    // 16 of townshipPassRate: too far apart to be suggested); the message quotes 77 characters and "…"
    const long = 'townshipPasRate' + 'x'.repeat(1_000_000)
    const ds = failed(csvEvidence(table(`id,${long}\nfengxian,1\n`), xuzhou))
    const unknown = ds.find((d) => d.code === 'EVIDENCE_UNKNOWN_FIELD')!
    expect(unknown.message.length).toBeLessThan(200)
    expect(unknown.message).toContain(`"${long.slice(0, 77)}…"`)
    expect(unknown.location).toMatchObject({ line: 1, column: 4 })
  })

  it('an unnamed column is looked at once per line, not once per column and line', () => {
    // 20,000 columns without a header, 3 lines; only column 15,000 holds a value (on line 3): one diagnostic, at
    // that column of the header. Column 15,000 starts after "id" and 14,999 commas: offset 15,001, column 15,002.
    const cells = (at?: number) => Array.from({ length: 20000 }, (_, i) => (i + 2 === at ? 'v' : '')).join(',')
    const text = `id,${cells()}\nfengxian,${cells()}\npeixian,${cells(15000)}\n`
    const ds = failed(csvEvidence(table(text), xuzhou)).filter((d) => d.code !== 'EVIDENCE_MISSING')
    expect(where(ds)).toEqual([['EVIDENCE_INVALID', 1, 15002]])
    expect(ds[0]!.message).toBe('Column 15000 has no header but holds values; name it after a fact.')
  })
})
