// Excel in and out (issue 11): the evidence template, reading a filled workbook, the results workbook.
//
// The acceptance test is the round trip: template → cells filled programmatically with exceljs from the shipped YAML
// example → read back → scored → the same result as the YAML evidence, for Xuzhou (facts, one record type, a 不適用
// item, asOf) and Xiangdong (records only, three record types, a period). The other tests check what a person filling
// the workbook meets: validations, notes, a bad cell located at its sheet and cell, a percentage cell, a date cell,
// and that the results workbook shows the JSON's decimals.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { compileRubric, loadRubric, formatDiagnostic, type Evaluator, type Diagnostic } from '../src/index'
import { evidenceTemplate } from '../src/cli/xlsx/template'
import { xlsxEvidence, type XlsxEvidenceFile } from '../src/cli/xlsx/read'
import { resultsWorkbook } from '../src/cli/xlsx/results'

const root = join(__dirname, '..')

function evaluatorOf(id: string): Evaluator {
  const file = join(root, 'rubrics', `${id}.yaml`)
  const loaded = loadRubric(readFileSync(file, 'utf8'), { file })
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, null, 2))
  const c = compileRubric(loaded.value)
  if (!c.ok) throw new Error(JSON.stringify(c.diagnostics, null, 2))
  return c.value
}

const exampleOf = (id: string) => parse(readFileSync(join(root, 'examples', id, 'evidence.yaml'), 'utf8')) as Example

interface ExampleSubject {
  id: string
  name?: string
  facts?: Record<string, unknown>
  records?: Record<string, Record<string, unknown>[] | null>
  notApplicable?: string[]
}
interface Example {
  rubric?: string
  asOf?: string
  period?: { from: string; to: string }
  subjects: ExampleSubject[]
}

/** A workbook as exceljs reads it. Filling one skips its validations (exceljs reads a rule for a range as one per cell: slow). */
const load = async (bytes: Uint8Array, options: { validations?: boolean } = {}) => {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(bytes) as never, options.validations === false ? { ignoreNodes: ['dataValidations'] } : {})
  return book
}

const sheetByWord = (book: ExcelJS.Workbook, word: string) => book.worksheets.find((w) => w.name.split(' ').pop() === word)

/** The column of each header by the name its note starts with (`townshipPassRate · rate · …`): how a program finds a fact's column. */
function columnsByNote(ws: ExcelJS.Worksheet): Map<string, number> {
  const out = new Map<string, number>()
  ws.getRow(1).eachCell((cell, c) => {
    const note = typeof cell.note === 'string' ? cell.note : (cell.note?.texts ?? []).map((t) => t.text).join('')
    out.set(note.split(' · ')[0]!, c)
  })
  return out
}

/** A YAML date as a date cell (exceljs: a Date at midnight UTC), as a person typing 2017-12-31 gets. */
const dateCell = (iso: string) => new Date(`${iso}T00:00:00Z`)

/**
 * Fills the template from YAML evidence, cell by cell, as a person would type it: rates as numbers (every other one
 * typed as a percentage: 87.5% is the number 0.875 with a % format), yes/no as 是/否, decimal strings as the numbers
 * they are, dates as date cells, 不適用 item ids separated by ;. A subject the template lists already has its row.
 */
async function fill(template: Uint8Array, evaluator: Evaluator, example: Example): Promise<Uint8Array> {
  const book = await load(template, { validations: false })
  const rubric = evaluator.rubric
  const about = sheetByWord(book, 'about')!
  about.eachRow((row) => {
    const key = String(row.getCell(1).value ?? '').split(' ').pop()
    if (key === 'asOf' && example.asOf) row.getCell(2).value = dateCell(example.asOf)
    if (key === 'period.from' && example.period) row.getCell(2).value = dateCell(example.period.from)
    if (key === 'period.to' && example.period) row.getCell(2).value = dateCell(example.period.to)
  })
  const facts = sheetByWord(book, 'facts')!
  const factColumn = columnsByNote(facts)
  let percent = false
  const rowOf = (id: string) => {
    for (let r = 2; r <= facts.rowCount; r++) if (facts.getCell(r, 1).value === id) return r
    return Math.max(facts.rowCount, 1) + 1
  }
  for (const s of example.subjects) {
    const r = rowOf(s.id)
    facts.getCell(r, 1).value = s.id
    if (s.name !== undefined) facts.getCell(r, 2).value = s.name
    for (const [name, value] of Object.entries(s.facts ?? {})) {
      const cell = facts.getCell(r, factColumn.get(name)!)
      const type = rubric.facts![name]!.type
      if (type === 'boolean') cell.value = value ? '是' : '否'
      else if (type === 'date') cell.value = dateCell(String(value))
      else if (type === 'rate' || type === 'number' || type === 'integer') {
        cell.value = Number(value) // what typing the decimal gives: Excel keeps a number
        if (type === 'rate' && (percent = !percent)) cell.numFmt = '0.0%'
      } else cell.value = String(value)
    }
    if (s.notApplicable?.length) facts.getCell(r, factColumn.get('notApplicable')!).value = s.notApplicable.join(';')
    for (const [type, list] of Object.entries(s.records ?? {})) {
      const ws = sheetByWord(book, type)!
      const fieldColumn = columnsByNote(ws)
      for (const record of list ?? []) {
        const row = ws.rowCount + 1
        ws.getCell(row, 1).value = s.id
        for (const [field, value] of Object.entries(record)) {
          const cell = ws.getCell(row, fieldColumn.get(field)!)
          const t = rubric.records![type]!.fields[field]!.type
          cell.value = t === 'date' ? dateCell(String(value)) : t === 'number' || t === 'integer' ? Number(value) : t === 'boolean' ? (value ? '是' : '否') : String(value)
        }
      }
    }
  }
  return new Uint8Array(await book.xlsx.writeBuffer())
}

const asJson = (v: unknown) => JSON.parse(JSON.stringify(v))

/** Scores a workbook's evidence as `kaoping score` will: its subjects, with the about sheet's settings. */
function scoreWorkbook(evaluator: Evaluator, read: XlsxEvidenceFile) {
  return evaluator.evaluateCohort({ ...read.settings, subjects: read.subjects })
}

async function readOk(bytes: Uint8Array, evaluator: Evaluator, file = 'evidence.xlsx'): Promise<XlsxEvidenceFile> {
  const r = await xlsxEvidence(bytes, file, evaluator.rubric)
  if (!r.ok) throw new Error(r.diagnostics.map((d) => formatDiagnostic(d, r.text)).join('\n'))
  return r.value
}

describe('round trip: template → filled → read → scored = the YAML evidence', () => {
  for (const id of ['xuzhou-statistics-2017', 'xiangdong-civil-affairs-publicity']) {
    it(id, async () => {
      const evaluator = evaluatorOf(id)
      const example = exampleOf(id)
      const bytes = await fill(await evidenceTemplate(evaluator.rubric), evaluator, example)
      const read = await readOk(bytes, evaluator)
      // the about sheet gives what the YAML's top level gives: the rubric id (written by the template), asOf, period
      expect(read.settings).toEqual({ rubric: id, ...(example.asOf ? { asOf: example.asOf } : {}), ...(example.period ? { period: example.period } : {}) })
      const fromYaml = evaluator.evaluateCohort(example)
      const fromXlsx = scoreWorkbook(evaluator, read)
      if (!fromYaml.ok) throw new Error(JSON.stringify(fromYaml.diagnostics))
      if (!fromXlsx.ok) throw new Error(JSON.stringify(fromXlsx.diagnostics))
      const yaml = asJson(fromYaml.value)
      const xlsx = asJson(fromXlsx.value)
      // subject by subject: total, grade, rank, then the whole result (items, trails, quotas, money, warnings)
      expect(xlsx.subjects.map((s: { subject: { id: string } }) => s.subject.id)).toEqual(yaml.subjects.map((s: { subject: { id: string } }) => s.subject.id))
      for (let i = 0; i < yaml.subjects.length; i++) {
        const [a, b] = [yaml.subjects[i], xlsx.subjects[i]]
        expect({ id: b.subject.id, total: b.total, grade: b.grade, rank: b.rank }).toEqual({ id: a.subject.id, total: a.total, grade: a.grade, rank: a.rank })
        expect(b).toEqual(a)
      }
      expect(xlsx).toEqual(yaml)
    })
  }
})

// --- a small rubric with what the shipped ones lack: a list of subjects with facts, a long enumeration, a date fact,
// a whole-number fact with a minimum, a yes/no record field
const SMALL = `
kaoping: 1
id: small-workbook-2020
title: 小型工作簿考評(2020)
subjects:
  title: 各單位
  list:
    - { id: a, name: 甲單位 }
    - { id: b, name: 乙單位 }
    - { id: c, name: 丙單位 }
period: { unit: year, from: "2020-01-01", to: "2020-12-31" }
total: 20
facts:
  passRate: { type: rate, title: 合格率 }
  level: { type: enum, values: [${Array.from({ length: 40 }, (_, i) => `level-${String(i + 1).padStart(2, '0')}`).join(', ')}], title: 等級 }
  certified: { type: date, title: 認證日期, required: false }
  staff: { type: integer, min: 0, title: 人數 }
  judged: { type: number, title: 評審得分 }
  registered: { type: boolean, title: 已登記 }
records:
  events:
    title: 活動
    fields:
      title: { type: string, title: 名稱 }
      online: { type: boolean, title: 線上 }
      date: { type: date, title: 日期 }
    date: date
items:
  - { kind: judged, id: review, title: 評審, max: 10, fact: judged }
  - kind: bands
    id: pass
    title: 合格
    max: 5
    fact: passRate
    bands:
      - { from: 0.5, to: 1, edges: "[]", points: 5 }
      - { from: 0, to: 0.5, points: 0 }
  - { kind: count, id: events, title: 活動, max: 5, records: events, points: 1 }
`

function smallEvaluator(): Evaluator {
  const loaded = loadRubric(SMALL, { file: 'small.yaml' })
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, null, 2))
  const c = compileRubric(loaded.value)
  if (!c.ok) throw new Error(JSON.stringify(c.diagnostics, null, 2))
  return c.value
}

/** The small rubric's template with subject a's row and records filled in by `edit` (row 2 is a: the template lists a, b, c). */
async function smallWorkbook(edit: (book: ExcelJS.Workbook, facts: ExcelJS.Worksheet, col: Map<string, number>) => void): Promise<Uint8Array> {
  const book = await load(await evidenceTemplate(smallEvaluator().rubric), { validations: false })
  const facts = sheetByWord(book, 'facts')!
  edit(book, facts, columnsByNote(facts))
  return new Uint8Array(await book.xlsx.writeBuffer())
}

/** Subject a's facts, all valid: what each bad-cell test starts from. */
function fillA(facts: ExcelJS.Worksheet, col: Map<string, number>): void {
  facts.getCell(2, col.get('passRate')!).value = 0.875
  facts.getCell(2, col.get('level')!).value = 'level-07'
  facts.getCell(2, col.get('staff')!).value = 12
  facts.getCell(2, col.get('judged')!).value = 7.5
  facts.getCell(2, col.get('registered')!).value = '是'
}

describe('the template', () => {
  it('has an about sheet, a facts sheet and a sheet per record type, headed by titles with the name and type in a note', async () => {
    const book = await load(await evidenceTemplate(evaluatorOf('xuzhou-statistics-2017').rubric))
    // the records sheet is named by the type's title and name (rubrics/xuzhou-statistics-2017.yaml records.innovations)
    expect(book.worksheets.map((w) => w.name)).toEqual(['說明 about', '事實 facts', '工作創新創優成果 innovations'])
    const facts = sheetByWord(book, 'facts')!
    expect(facts.getCell('A1').value).toBe('編號')
    expect(facts.getCell('B1').value).toBe('名稱')
    // the first fact: countyStandardised, title 縣級統計局規範化管理保持全面合格水平, a boolean of clause 三(一)1
    expect(facts.getCell('C1').value).toBe('縣級統計局規範化管理保持全面合格水平')
    expect(facts.getCell('C1').note).toMatch(/^countyStandardised · boolean · 三\(一\)1\n是\/否/)
    // the third: townshipPassRate, a rate, which accepts 0.875 or 87.5% (Excel keeps 87.5% as 0.875)
    expect(facts.getCell('E1').note).toMatch(/^townshipPassRate · rate · .*\n.*87\.5%/)
    // 19 facts, then 不適用 (the rubric has items)
    expect(facts.getCell(1, 2 + 19 + 1).value).toBe('不適用')
    // the header row is frozen, with the id and name
    expect(facts.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 1 })
    const innovations = sheetByWord(book, 'innovations')!
    // 編號, then the fields by title: 名稱 (title), 類別 (kind), 發文或採用日期 (date)
    expect([1, 2, 3, 4].map((c) => innovations.getCell(1, c).value)).toEqual(['編號', '名稱', '類別', '發文或採用日期'])
    expect(innovations.getCell('D1').note).toMatch(/^date · date · 必填 required/)
    expect(innovations.getColumn(4).numFmt).toBe('yyyy-mm-dd')
    // the about sheet: the rubric's id is written (checked when read), asOf and period are left to fill
    const about = sheetByWord(book, 'about')!
    expect(about.getCell('A1').value).toBe('2017年統計基層基礎工作考評辦法')
    expect(about.getCell('B3').value).toBe('xuzhou-statistics-2017')
    expect(about.getCell('A4').value).toBe('評估日期 asOf')
  })

  it('checks each column: yes/no and enumerations as lists, rates from 0 to 1, judged ranges, dates', async () => {
    const book = await load(await evidenceTemplate(evaluatorOf('xuzhou-statistics-2017').rubric))
    const facts = sheetByWord(book, 'facts')!
    const col = columnsByNote(facts)
    const at = (name: string, row = 2) => facts.getCell(row, col.get(name)!).dataValidation
    // boolean: the list 是/否, with its message in Chinese and English
    expect(at('countyStandardised')).toMatchObject({ type: 'list', formulae: ['"是,否"'], showErrorMessage: true })
    expect(at('countyStandardised').error).toMatch(/請選擇「是」或「否」.*Choose 是 \(yes\) or 否 \(no\)/)
    // rate: a decimal from 0 to 1, on every row the template checks (rows 2 to 5001)
    expect(at('townshipPassRate')).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 1], errorStyle: 'stop' })
    expect(at('townshipPassRate', 5001)).toMatchObject({ type: 'decimal', formulae: [0, 1] })
    expect(at('townshipPassRate').error).toMatch(/0到1.*proportion from 0 to 1/)
    // judged: materials feeds item materials, min 1 max 3; the item clamps (no outOfRange: error), so a warning
    expect(at('materials')).toMatchObject({ type: 'decimal', formulae: [1, 3], errorStyle: 'warning' })
    expect(at('achievements')).toMatchObject({ type: 'decimal', formulae: [1, 15] }) // item achievements: 1—15
    // enum: innovations.kind lists its three values
    const innovations = sheetByWord(book, 'innovations')!
    expect(innovations.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ['"innovation,national-adoption,provincial-adoption"'] })
    // date: innovations.date
    expect(innovations.getCell('D2').dataValidation).toMatchObject({ type: 'date', operator: 'between' })
  })

  it('fills in the subjects the rubric lists, checks ids against them, and puts long lists on a hidden sheet', async () => {
    const book = await load(await evidenceTemplate(smallEvaluator().rubric))
    const facts = sheetByWord(book, 'facts')!
    // subjects.list: a 甲單位, b 乙單位, c 丙單位
    expect([2, 3, 4].map((r) => [facts.getCell(r, 1).value, facts.getCell(r, 2).value])).toEqual([['a', '甲單位'], ['b', '乙單位'], ['c', '丙單位']])
    expect(facts.getCell('A2').dataValidation).toMatchObject({ type: 'list', formulae: ['"a,b,c"'] })
    // 40 values of 8 characters do not fit the 255 characters of a list written in the validation: a hidden sheet
    const col = columnsByNote(facts)
    const lists = book.worksheets[book.worksheets.length - 1]!
    expect([lists.name, lists.state]).toEqual(['值 lists', 'hidden'])
    expect(facts.getCell(2, col.get('level')!).dataValidation).toMatchObject({ type: 'list', formulae: ["'值 lists'!$A$1:$A$40"] })
    expect([lists.getCell('A1').value, lists.getCell('A40').value]).toEqual(['level-01', 'level-40'])
    // staff: a whole number of at least 0 (its min); judged: no range of its own, item review's 0–10
    expect(facts.getCell(2, col.get('staff')!).dataValidation).toMatchObject({ type: 'whole', formulae: [0, 9007199254] })
    expect(facts.getCell(2, col.get('judged')!).dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 10] })
    // the records sheet's yes/no field
    const events = sheetByWord(book, 'events')!
    expect(events.name).toBe('活動 events')
    expect(events.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] })
    expect(events.getCell('A2').dataValidation).toMatchObject({ type: 'list', formulae: ['"a,b,c"'] })
  })
})

describe('reading a workbook', () => {
  it('reads cells as CSV text: numbers as their shortest decimal, a percentage by the number it holds, dates as YYYY-MM-DD, formulas by their result', async () => {
    const bytes = await smallWorkbook((book, facts, col) => {
      fillA(facts, col)
      facts.getCell(2, col.get('passRate')!).numFmt = '0.0%' // shown 87.5%, holds 0.875
      facts.getCell(2, col.get('certified')!).value = dateCell('2020-03-31')
      facts.getCell(2, col.get('staff')!).value = { formula: '5+7', result: 12 } // its saved result
      facts.getCell(2, 2).value = { richText: [{ text: '甲' }, { text: '單位', font: { bold: true } }] }
      const events = sheetByWord(book, 'events')!
      events.addRow(['a', '開放日', true, dateCell('2020-05-04')]) // a yes/no cell (TRUE) in the 線上 column
      events.addRow(['a', '講座', '否', '2020-06-01']) // a date typed as text
      events.addRow(['z', '外單位', '否', dateCell('2020-07-01')]) // an id the facts sheet does not give
    })
    const r = await readOk(bytes, smallEvaluator())
    // b and c were left as the template filled them (id and name only): no evidence, not subjects
    expect(r.subjects).toEqual([
      {
        id: 'a',
        name: '甲單位',
        // as CSV evidence reads them: decimals as strings (exact), whole numbers as numbers, yes/no as booleans
        facts: { passRate: '0.875', level: 'level-07', certified: '2020-03-31', staff: 12, judged: '7.5', registered: true },
        records: {
          events: [
            { title: '開放日', online: true, date: '2020-05-04' },
            { title: '講座', online: false, date: '2020-06-01' },
          ],
        },
      },
    ])
    // z's record is for another evidence file's subject (as a records CSV file's would be)
    expect([...r.records!.bySubject]).toEqual([['z', { events: [{ title: '外單位', online: false, date: '2020-07-01' }] }]])
    // the rubric's id, written by the template, is read as the evidence's `rubric`
    expect(r.settings).toEqual({ rubric: 'small-workbook-2020' })
    // scored: review 7.5 + pass 5 (0.875 in [0.5, 1]) + events 2 = 14.5
    const scored = smallEvaluator().evaluateCohort({ ...r.settings, subjects: r.subjects })
    expect(scored.ok && scored.value.subjects[0]!.total).toBe('14.50')
  })

  it('points a problem found while reading at its sheet and cell', async () => {
    const bytes = await smallWorkbook((_, facts, col) => {
      fillA(facts, col)
      facts.getCell(2, col.get('registered')!).value = '也許' // not a yes/no value: column H (the 8th), row 2
    })
    const r = await xlsxEvidence(bytes, 'evidence.xlsx', smallEvaluator().rubric)
    expect(r.ok).toBe(false)
    const d = r.diagnostics[0]!
    const h = columnsByNote(sheetByWord(await load(bytes), 'facts')!).get('registered')!
    expect(d).toMatchObject({ code: 'EVIDENCE_INVALID', file: 'evidence.xlsx', location: { line: 2, column: h } })
    expect(d.message).toMatch(/^'事實 facts'!H2: Row 2, column "已登記" \(fact "registered"\): "也許" is not a yes\/no value/)
    // printed, it quotes the cell: its reference and its value, marked
    const printed = formatDiagnostic(d, r.ok ? undefined : r.text)
    expect(printed).toContain(`evidence.xlsx:2:${h}: error EVIDENCE_INVALID`)
    expect(printed).toContain("2 | '事實 facts'!H2: 也許")
  })

  it('points a problem found while scoring at its cell, through the subject\'s origin', async () => {
    const bytes = await smallWorkbook((book, facts, col) => {
      fillA(facts, col)
      facts.getCell(2, col.get('passRate')!).value = '87.5%' // text, not the number 0.875: the rate check refuses it
      sheetByWord(book, 'events')!.addRow(['a', '開放日', '否', '2020-02-30']) // no such day
    })
    const evaluator = smallEvaluator()
    const r = await readOk(bytes, evaluator)
    const scored = evaluator.evaluateCohort({ ...r.settings, subjects: r.subjects })
    expect(scored.ok).toBe(false)
    // print each as `kaoping score` does (printAt with the subject's origin): at the cell, quoting it
    const { Reporter } = await import('../src/cli/reporter')
    const { printAt } = await import('../src/cli/common')
    let err = ''
    const reporter = new Reporter({ stderr: (t: string) => void (err += t) } as never)
    for (const d of scored.diagnostics) printAt(reporter, d, d.path!.slice(2), r.origin(d.path![1] as number))
    // passRate is column C of 事實 facts; the record is row 2 of 活動 events, its date in column D
    expect(err).toMatch(/evidence\.xlsx:2:3: error EVIDENCE_INVALID \[subject a\] .*passRate.*87\.5%/)
    expect(err).toContain("2 | '事實 facts'!C2: 87.5%")
    expect(err).toMatch(/evidence\.xlsx:2:4: error EVIDENCE_INVALID \[subject a\] .*2020-02-30/)
    expect(err).toContain("2 | '活動 events'!D2: 2020-02-30")
  })

  it('refuses a formula without a saved result and an error value, at their cells; never rounds a number', async () => {
    const bytes = await smallWorkbook((_, facts, col) => {
      fillA(facts, col)
      facts.getCell(2, col.get('staff')!).value = { formula: 'B7*2' } // written by a program, never calculated
      facts.getCell(2, col.get('judged')!).value = { formula: '1/0', result: { error: '#DIV/0!' } }
    })
    const r = await xlsxEvidence(bytes, 'evidence.xlsx', smallEvaluator().rubric)
    expect(r.ok).toBe(false)
    expect(r.diagnostics.map((d) => [d.code, d.message.split(':')[0], d.location?.line])).toEqual([
      ['EVIDENCE_INVALID', "'事實 facts'!F2", 2],
      ['EVIDENCE_INVALID', "'事實 facts'!G2", 2],
    ])
    expect(r.diagnostics[0]!.message).toMatch(/formula without a saved result; open the workbook in Excel or WPS and save it/)
    expect(r.diagnostics[1]!.message).toMatch(/the error value #DIV\/0!/)

    // 0.1 + 0.2 is 0.30000000000000004 in binary: read as written, refused for its 17 decimal places, not rounded
    const sum = await smallWorkbook((_, facts, col) => {
      fillA(facts, col)
      facts.getCell(2, col.get('judged')!).value = { formula: '0.1+0.2', result: 0.1 + 0.2 }
    })
    const read = await readOk(sum, smallEvaluator())
    expect((read.subjects[0]!.facts as Record<string, unknown>).judged).toBe('0.30000000000000004')
    const scored = smallEvaluator().evaluateCohort({ subjects: read.subjects })
    // (b and c, listed but left blank, are each a warning EVIDENCE_MISSING: listed, no evidence)
    expect(scored.ok ? [] : scored.diagnostics.map((d) => [d.code, d.severity])).toEqual([['EVIDENCE_PRECISION', 'error'], ['EVIDENCE_MISSING', 'warning'], ['EVIDENCE_MISSING', 'warning']])
  })

  it('warns of a sheet it does not read, and refuses a workbook for another rubric', async () => {
    const bytes = await smallWorkbook((book, facts, col) => {
      fillA(facts, col)
      book.addWorksheet('草稿').getCell('A1').value = 'notes'
    })
    const r = await xlsxEvidence(bytes, 'evidence.xlsx', smallEvaluator().rubric)
    expect(r.ok).toBe(true)
    expect(r.diagnostics).toMatchObject([{ code: 'EVIDENCE_UNKNOWN_FIELD', severity: 'warning', file: 'evidence.xlsx', message: expect.stringContaining('Sheet "草稿" is not read') }])

    const other = await smallWorkbook((book, facts, col) => {
      fillA(facts, col)
      sheetByWord(book, 'about')!.getCell('B3').value = 'mini-method-2020'
    })
    const o = await xlsxEvidence(other, 'evidence.xlsx', smallEvaluator().rubric)
    expect(o.ok).toBe(false)
    expect(o.diagnostics).toMatchObject([{ code: 'EVIDENCE_INVALID', location: { line: 3, column: 2 }, message: expect.stringMatching(/^'說明 about'!B3: This workbook is for rubric "mini-method-2020", not small-workbook-2020/) }])
  })

  it('bounds the work: the file, its parts inflated, and anything that is not a workbook', async () => {
    const rubric = smallEvaluator().rubric
    const bytes = await evidenceTemplate(rubric)
    // over maxEvidenceBytes before it is opened
    const big = await xlsxEvidence(bytes, 'evidence.xlsx', rubric, { limits: { maxEvidenceBytes: 1000 } })
    expect(big.ok ? [] : big.diagnostics).toMatchObject([{ code: 'LIMIT_EXCEEDED', file: 'evidence.xlsx', message: expect.stringMatching(/^The workbook is [\d,]+ bytes long; the limit maxEvidenceBytes is 1,000/) }])
    // within the limit compressed, beyond it inflated (the template's XML is several times its zip)
    const inflated = await xlsxEvidence(bytes, 'evidence.xlsx', rubric, { limits: { maxEvidenceBytes: bytes.length + 1 } })
    expect(inflated.ok ? [] : inflated.diagnostics).toMatchObject([{ code: 'LIMIT_EXCEEDED', message: expect.stringContaining('inflated') }])
    // not a zip archive at all: a CSV file named .xlsx
    const csv = await xlsxEvidence(new TextEncoder().encode('id,name\na,甲\n'), 'evidence.xlsx', rubric)
    expect(csv.ok ? [] : csv.diagnostics).toMatchObject([{ code: 'EVIDENCE_INVALID', message: expect.stringMatching(/^The file cannot be read as an Excel workbook: it is not a zip archive/) }])
    // a zip archive cut short
    const cut = await xlsxEvidence(bytes.slice(0, bytes.length - 100), 'evidence.xlsx', rubric)
    expect(cut.ok ? [] : cut.diagnostics).toMatchObject([{ code: 'EVIDENCE_INVALID' }])
  })
})

/** A cell as Excel shows it: a number in its format's count of decimal places (0.00 → 2), or its text. */
function shown(cell: ExcelJS.Cell): string {
  const v = cell.value
  if (typeof v !== 'number') return v === null || v === undefined ? '' : String(v)
  const m = /^0(?:\.(0+))?$/.exec(cell.numFmt ?? '')
  if (!m) throw new Error(`cell ${cell.address} has the number format ${cell.numFmt}`)
  return v.toFixed(m[1]?.length ?? 0)
}

describe('the results workbook', () => {
  it('Xuzhou: the cohort in rank order and every item, each cell showing the JSON decimal', async () => {
    const evaluator = evaluatorOf('xuzhou-statistics-2017')
    const scored = evaluator.evaluateCohort(exampleOf('xuzhou-statistics-2017'))
    if (!scored.ok) throw new Error(JSON.stringify(scored.diagnostics))
    const json = asJson(scored.value)
    const book = await load(await resultsWorkbook(scored.value))
    expect(book.worksheets.map((w) => w.name)).toEqual(['排名 cohort', '得分 item scores', '說明 about'])
    const cohort = book.worksheets[0]!
    // rank, id, name, the three top-level items (key-targets, work-links, innovation), total, grade, eligible, reasons
    const top = json.subjects[0].items.map((i: { title: string }) => i.title)
    expect(cohort.getRow(1).values).toEqual([undefined, '排名', '編號', '名稱', ...top, '總分', '等次', '資格', '原因'])
    expect(cohort.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(cohort.autoFilter).toBeDefined()
    // rows by rank (examples/xuzhou-statistics-2017/expected.json: pizhou 101.00 is 2nd, fengxian 88.03 6th, …)
    const byRank = [...json.subjects].sort((a, b) => a.rank - b.rank)
    byRank.forEach((s, k) => {
      const row = k + 2
      expect(cohort.getCell(row, 1).value).toBe(s.rank)
      expect(cohort.getCell(row, 2).value).toBe(s.subject.id)
      // each top-level score as the JSON writes it ("37.025"), empty when 不適用
      s.items.forEach((item: { score: string; notApplicable?: string }, i: number) => expect(shown(cohort.getCell(row, 4 + i))).toBe(item.notApplicable ? '' : item.score))
      // the total as the rubric rounds it: "88.03", "91.00" — a number, shown with its two places
      const total = cohort.getCell(row, 4 + top.length)
      expect(typeof total.value).toBe('number')
      expect(shown(total)).toBe(s.total)
      expect(cohort.getCell(row, 5 + top.length).value).toBe(s.grade ?? null)
      expect(cohort.getCell(row, 6 + top.length).value).toBe(s.eligible ? '是' : '否')
    })
    // item scores: a row per subject and item of the whole tree, in the same order
    const items = book.worksheets[1]!
    let row = 2
    const walk = (s: { subject: { id: string } }, list: { id: string; max: string; score: string; notApplicable?: string; items?: unknown[] }[], depth: number) => {
      for (const i of list) {
        expect([items.getCell(row, 1).value, items.getCell(row, 3).value]).toEqual([s.subject.id, i.id])
        expect([shown(items.getCell(row, 6)), shown(items.getCell(row, 7))]).toEqual([i.max, i.score])
        expect(items.getCell(row, 8).value).toBe(i.notApplicable ? '是' : null)
        expect(items.getCell(row, 4).alignment?.indent ?? 0).toBe(depth)
        row++
        if (i.items) walk(s, i.items as never, depth + 1)
      }
    }
    for (const s of byRank) walk(s, s.items, 0)
    expect(items.rowCount).toBe(row - 1)
  })

  it('Xiangdong: money and quotas', async () => {
    const evaluator = evaluatorOf('xiangdong-civil-affairs-publicity')
    const scored = evaluator.evaluateCohort(exampleOf('xiangdong-civil-affairs-publicity'))
    if (!scored.ok) throw new Error(JSON.stringify(scored.diagnostics))
    const json = asJson(scored.value)
    const book = await load(await resultsWorkbook(scored.value))
    expect(book.worksheets.map((w) => w.name)).toEqual(['排名 cohort', '得分 item scores', '任務 quotas', '說明 about'])
    const cohort = book.worksheets[0]!
    // no items (total 0): rank, id, name, total, grade, eligible, reasons, then reward, penalty, net
    expect(cohort.getRow(1).values).toEqual([undefined, '排名', '編號', '名稱', '總分', '等次', '資格', '原因', '獎勵', '扣減', '淨額'])
    const shejiu = json.subjects.find((s: { subject: { id: string } }) => s.subject.id === 'shejiu')
    const r = [...Array(cohort.rowCount).keys()].map((k) => k + 1).find((k) => cohort.getCell(k, 2).value === 'shejiu')!
    // examples/xiangdong-civil-affairs-publicity/expected.json: shejiu 770.00 − 200.00 = 570.00
    expect([8, 9, 10].map((c) => shown(cohort.getCell(r, c)))).toEqual([shejiu.money.rewardTotal, shejiu.money.penaltyTotal, shejiu.money.net])
    expect([8, 9, 10].map((c) => shown(cohort.getCell(r, c)))).toEqual(['770.00', '200.00', '570.00'])
    // quotas: 9 subjects × 6 quotas; shejiu's monthly submissions: 33 counted, 3 a month required, short 4
    const quotas = book.worksheets[2]!
    expect(quotas.rowCount).toBe(1 + json.subjects.length * 6)
    const q = [...Array(quotas.rowCount).keys()].map((k) => k + 1).find((k) => quotas.getCell(k, 1).value === 'shejiu' && quotas.getCell(k, 3).value === 'monthly-submissions')!
    expect([5, 6, 7].map((c) => quotas.getCell(q, c).value)).toEqual([3, 33, 4])
  })

  it('writes a decimal as the number it is, shown with its own places, or as text when no number is exactly it', async () => {
    const { putDecimal } = await import('../src/cli/xlsx/results')
    const ws = new ExcelJS.Workbook().addWorksheet('x')
    const put = (s: string) => {
      const cell = ws.getCell('A1')
      cell.numFmt = undefined as never
      putDecimal(cell, s)
      return [cell.value, typeof cell.value === 'number' ? cell.numFmt : 'text']
    }
    expect(put('87.50')).toEqual([87.5, '0.00'])
    expect(put('2.025')).toEqual([2.025, '0.000'])
    expect(put('-3')).toEqual([-3, '0'])
    expect(put('0.000001')).toEqual([0.000001, '0.000000'])
    // 15 significant digits: Excel shows them all
    expect(put('999999999.999999')).toEqual([999999999.999999, '0.000000'])
    // 17: Excel shows 15 significant digits of a number, so the exact text is kept
    expect(put('1234567.8901234567')).toEqual(['1234567.8901234567', 'text'])
    // a number's shortest text differs from the string: 0.1 + 0.2 is not 0.3 … but "0.30000000000000004" has 17 digits
    expect(put('0.30000000000000004')).toEqual(['0.30000000000000004', 'text'])
  })
})

/** Runs a command's steps as the installed driver does: each promise it yields is awaited and its value given back. */
async function drive(steps: Generator<void | Promise<unknown>, number, unknown>): Promise<number> {
  let r = steps.next()
  while (!r.done) r = r.value instanceof Promise ? steps.next(await r.value) : steps.next()
  return r.value
}

function fakeIo(files: Record<string, string> = {}) {
  const written: Record<string, Uint8Array> = {}
  let err = ''
  let out = ''
  const io = {
    stdout: (t: string) => void (out += t),
    stderr: (t: string) => void (err += t),
    readFile: (p: string) => (Object.hasOwn(files, p) ? files[p]! : readFileSync(join(root, p), 'utf8')),
    exists: () => true,
    glob: (p: string) => [p],
    create: (path: string) => {
      const parts: Uint8Array[] = []
      return { write: () => undefined, writeBytes: (b: Uint8Array) => void parts.push(b), commit: () => void (written[path] = Buffer.concat(parts)), abort: () => void (parts.length = 0) }
    },
  }
  return { io, written, err: () => err, out: () => out }
}

describe('kaoping template', () => {
  it('writes the workbook to --out; --out is required; --script prints simplified titles that are read back', async () => {
    const { templateCommand } = await import('../src/cli/template')
    const { UsageError } = await import('../src/cli/io')
    const f = fakeIo()
    expect(await drive(templateCommand(['rubrics/xuzhou-statistics-2017.yaml', '--out', 'evidence.xlsx'], f.io as never))).toBe(0)
    const book = await load(f.written['evidence.xlsx']!)
    expect(book.worksheets.map((w) => w.name)).toEqual(['說明 about', '事實 facts', '工作創新創優成果 innovations'])
    // a workbook is binary: without --out it is a usage error (exit 2 from run), as is an unknown script
    expect(() => templateCommand(['rubrics/xuzhou-statistics-2017.yaml'], fakeIo().io as never).next()).toThrow(UsageError)
    expect(() => templateCommand(['rubrics/xuzhou-statistics-2017.yaml', '--out', 'x.xlsx', '--script', 'cyrillic'], fakeIo().io as never).next()).toThrow(/--script must be simplified or traditional/)
    const help = fakeIo()
    expect(await drive(templateCommand(['--help'], help.io as never))).toBe(0)
    expect(help.out()).toMatch(/^Usage: kaoping template <rubric.yaml> --out evidence.xlsx/)

    // simplified: 事实 facts, 编号, 县级统计局规范化管理保持全面合格水平, …; filled and read back, it scores as the YAML does
    const s = fakeIo()
    expect(await drive(templateCommand(['rubrics/xuzhou-statistics-2017.yaml', '--out', 'evidence.xlsx', '--script', 'simplified'], s.io as never))).toBe(0)
    const simplified = await load(s.written['evidence.xlsx']!)
    expect(simplified.worksheets.map((w) => w.name)).toEqual(['说明 about', '事实 facts', '工作创新创优成果 innovations'])
    expect(simplified.worksheets[1]!.getCell('C1').value).toBe('县级统计局规范化管理保持全面合格水平')
    const evaluator = evaluatorOf('xuzhou-statistics-2017')
    const example = exampleOf('xuzhou-statistics-2017')
    const read = await readOk(await fill(s.written['evidence.xlsx']!, evaluator, example), evaluator)
    const a = evaluator.evaluateCohort(example)
    const b = scoreWorkbook(evaluator, read)
    // names were written in simplified characters too (豐縣統計局 → 丰县统计局): compare all but the names
    const strip = (r: typeof a) => asJson(r.ok ? r.value : r.diagnostics).subjects.map((x: { subject: { name?: string } }) => ({ ...x, subject: { ...x.subject, name: undefined } }))
    expect(strip(b)).toEqual(strip(a))
  })
})

describe('on the command line', () => {
  it('readWorkbook: the size checked before reading, problems printed at their cells, warnings printed, the file returned', async () => {
    const { readWorkbook } = await import('../src/cli/xlsx/read')
    const { Reporter } = await import('../src/cli/reporter')
    const { Exit } = await import('../src/cli/common')
    const evaluator = smallEvaluator()
    const run = async (bytes: Uint8Array, limits?: { maxEvidenceBytes: number }) => {
      let err = ''
      let read = 0
      const io = { stdout: () => undefined, stderr: (t: string) => void (err += t), readFile: () => '', exists: () => true, glob: (p: string) => [p], size: () => bytes.length, readBytes: () => (read++, bytes) }
      const reporter = new Reporter(io as never)
      try {
        const file = await drive((function* () {
          yield* readWorkbook(io as never, 'evidence.xlsx', evaluator.rubric, limits, reporter)
          return 0
        })())
        return { code: file, err, read }
      } catch (e) {
        if (e instanceof Exit) return { code: e.code, err, read }
        throw e
      }
    }
    const good = await smallWorkbook((book, facts, col) => {
      fillA(facts, col)
      book.addWorksheet('草稿')
    })
    // scored: a warning for the sheet it does not read
    expect(await run(good)).toMatchObject({ code: 0, err: expect.stringMatching(/^evidence\.xlsx: warning EVIDENCE_UNKNOWN_FIELD Sheet "草稿" is not read/) })
    // too large: refused by its size, before it is read
    expect(await run(good, { maxEvidenceBytes: 100 })).toMatchObject({ code: 1, read: 0, err: expect.stringContaining('LIMIT_EXCEEDED') })
    const bad = await smallWorkbook((_, facts, col) => {
      fillA(facts, col)
      facts.getCell(2, col.get('staff')!).value = 12.5 // not a whole number: column F
    })
    const r = await run(bad)
    expect(r.code).toBe(1)
    expect(r.err).toContain("evidence.xlsx:2:6: error EVIDENCE_INVALID '事實 facts'!F2: Row 2, column \"人數\" (fact \"staff\"): \"12.5\" is not a whole number.")
    expect(r.err).toContain("2 | '事實 facts'!F2: 12.5")
  })

  it('kaoping template through the CLI: the workbook in --out, exit 2 without --out', async () => {
    const { cliAsync } = await import('./support/cli')
    const ran = await cliAsync(['template', 'rubrics/xuzhou-statistics-2017.yaml', '--out', 'evidence.xlsx'])
    expect(ran.code).toBe(0)
    const book = await load(ran.written['evidence.xlsx']!)
    expect(book.worksheets.map((w) => w.name)).toEqual(['說明 about', '事實 facts', '工作創新創優成果 innovations'])
    const usage = await cliAsync(['template', 'rubrics/xuzhou-statistics-2017.yaml'])
    expect(usage.code).toBe(2)
    expect(usage.err).toMatch(/--out/)
  })
})

describe('kaoping score with workbooks: a filled template in, a results workbook out', () => {
  for (const id of ['xuzhou-statistics-2017', 'xiangdong-civil-affairs-publicity']) {
    it(`${id}: kaoping score reads the filled workbook and gives the YAML evidence's JSON; --format xlsx writes the ranked cohort`, async () => {
      const { cliAsync, cli } = await import('./support/cli')
      const rubric = `rubrics/${id}.yaml`
      const evaluator = evaluatorOf(id)
      const filled = await fill(await evidenceTemplate(evaluator.rubric), evaluator, exampleOf(id))
      const fromYaml = cli(['score', rubric, `examples/${id}/evidence.yaml`, '--format', 'json', '--trail'])
      expect(fromYaml.code, fromYaml.err).toBe(0)
      const fromXlsx = await cliAsync(['score', rubric, 'filled.xlsx', '--format', 'json', '--trail'], { 'filled.xlsx': filled })
      expect(fromXlsx.code, fromXlsx.err).toBe(0)
      // the same results, every item and trail; warnings differ only in where they point (a cell, not a YAML line)
      const strip = (r: { subjects: { warnings: unknown[] }[]; warnings: unknown[] }) => ({ ...r, warnings: [], subjects: r.subjects.map((s) => ({ ...s, warnings: s.warnings.length })) })
      expect(strip(JSON.parse(fromXlsx.out))).toEqual(strip(JSON.parse(fromYaml.out)))

      const out = await cliAsync(['score', rubric, 'filled.xlsx', '--format', 'xlsx', '--out', 'results.xlsx'], { 'filled.xlsx': filled })
      expect(out.code, out.err).toBe(0)
      const book = await load(out.written['results.xlsx']!)
      const cohort = book.worksheets[0]!
      const json = JSON.parse(fromYaml.out) as { subjects: { subject: { id: string }; rank: number; total: string }[] }
      // rows best first (equal ranks in id order: 湘東's nine all rank 1 with 0.00, bangongshi first): the best on row 2,
      // its total the JSON's decimal as a number shown with its own two places
      const best = [...json.subjects].sort((a, b) => a.rank - b.rank || (a.subject.id < b.subject.id ? -1 : 1))[0]!
      const cells = cohort.getRow(2).values as unknown[]
      expect(cells).toContain(best.subject.id)
      const totalCol = (cohort.getRow(1).values as unknown[]).findIndex((v) => typeof v === 'string' && v.startsWith('總分'))
      const total = cohort.getRow(2).getCell(totalCol)
      expect(total.value).toBe(Number(best.total))
      expect(total.numFmt).toBe('0.00')
    })
  }

  it('--format xlsx needs --out, and goes without --trail', async () => {
    const { cliAsync } = await import('./support/cli')
    const noOut = await cliAsync(['score', 'rubrics/xuzhou-statistics-2017.yaml', 'examples/xuzhou-statistics-2017/evidence.yaml', '--format', 'xlsx'])
    expect(noOut.code).toBe(2)
    expect(noOut.err).toContain('--format xlsx writes a workbook: give --out FILE.xlsx')
    const trail = await cliAsync(['score', 'rubrics/xuzhou-statistics-2017.yaml', 'examples/xuzhou-statistics-2017/evidence.yaml', '--format', 'xlsx', '--out', 'r.xlsx', '--trail'])
    expect(trail.code).toBe(2)
  })
})
