/**
 * `evidenceTemplate`: a workbook for entering a rubric's evidence in Excel or WPS, which `xlsxEvidence` (read.ts)
 * reads back. Its sheets (see sheets.ts for their names):
 *
 * - `說明 about`: the rubric, the settings an evidence file may give (rubric id, asOf, period), how to fill the
 *   workbook, and what it cannot hold (adjustments, self-assessment, periods, parameters).
 * - `事實 facts`: 編號 (id), 名稱 (name), one column per fact headed by its Chinese title, and 不適用 (notApplicable);
 *   the subjects the rubric lists are filled in.
 * - one sheet per record type: 編號 (the subject's id), then one column per field headed by its title.
 * - `值 lists` (hidden, only when needed): lists of allowed values too long to write in a validation.
 *
 * Each header has a note with the fact's or field's name, its type and what a cell accepts; each column a validation
 * (lists for enumerations and yes/no, 0–1 for rates, the judged item's range, whole numbers, dates) with its message
 * in Chinese and English. The header row is frozen. The headers are what the CSV reader matches (a fact's title, or
 * `facts.<name>` when the title would be read as something else), so reading the workbook back is reading CSV.
 */
import type ExcelJS from 'exceljs'
import { newWorkbook } from './exceljs'
import type { Rubric } from '../../kinds/rubric'
import type { Fact, Field } from '../../model/declarations'
import { toFixedString } from '../../num/fixed'
import { displayWidth } from '../../text/width'
import { normaliseTitle } from '../../text/script'
import { cellRef, FIXED_SHEETS, recordSheetNames, SETTINGS, sheetRef, SUBJECT_HEADERS } from './sheets'
import { decimal, factAccepts, fieldAccepts, judgedRanges, rangeWords, type JudgedRange } from './words'

export interface TemplateOptions {
  /** Applied to every Chinese text written (the rubric's titles, the headers, the instructions): simplified or traditional printing. */
  convert?: (text: string) => string
}

/** Rows given a validation below each header: a cohort of a province's units, a year of records. Rows further down are checked by kaoping only. */
const FACT_ROWS = 5000
const RECORD_ROWS = 20000

/** Excel's limits on a validation: 255 characters of message, 32 of title, 255 for a list written in the formula. */
const MESSAGE_MAX = 255
const TITLE_MAX = 32
const INLINE_LIST_MAX = 255

/** The evidence range of a decimal: about ±9,007,199,254 (src/kinds/facts.ts), so a validation can refuse text. */
const NUMBER_LIMIT = 9007199254

type Validation = ExcelJS.DataValidation

interface Column {
  header: string
  note: string
  width: number
  /** Text format ('@') for ids, names, text and choices; a date format for dates; General otherwise. */
  numFmt?: string
  validation?: Validation
}

const cut = (s: string, n: number) => (s.length <= n ? s : s.slice(0, n - 1) + '…')

/** A validation's error message: Chinese, then English. */
function refusing(title: string, zh: string, en: string, style: 'stop' | 'warning' = 'stop'): Pick<Validation, 'showErrorMessage' | 'errorStyle' | 'errorTitle' | 'error' | 'allowBlank'> {
  return { allowBlank: true, showErrorMessage: true, errorStyle: style, errorTitle: cut(title, TITLE_MAX), error: cut(`${zh} ${en}`, MESSAGE_MAX) }
}

/** exceljs validates a range through the sheet's `dataValidations` (not in its typings): one rule for a whole column. */
const validate = (ws: ExcelJS.Worksheet, range: string, v: Validation) =>
  (ws as unknown as { dataValidations: { add(address: string, validation: Validation): void } }).dataValidations.add(range, v)

/** Builds the workbook; lists too long for a validation's formula go to the hidden lists sheet, written last. */
class Builder {
  private readonly lists: (readonly string[])[] = []
  constructor(
    readonly book: ExcelJS.Workbook,
    readonly convert: (s: string) => string,
  ) {
    this.book.creator = 'kaoping'
  }

  /** A list validation: inline (`"是,否"`) when short and free of commas and quotes, else a range of the lists sheet. */
  list(values: readonly string[], message: Pick<Validation, 'showErrorMessage' | 'errorStyle' | 'errorTitle' | 'error' | 'allowBlank'>): Validation {
    const inline = values.join(',')
    if (inline.length + 2 <= INLINE_LIST_MAX && !values.some((v) => /[",]/.test(v))) return { type: 'list', formulae: [`"${inline}"`], ...message }
    this.lists.push(values)
    const letters = cellRef(1, this.lists.length).replace(/\d+$/, '')
    return { type: 'list', formulae: [`${sheetRef(this.convert(FIXED_SHEETS.lists.written))}!$${letters}$1:$${letters}$${values.length}`], ...message }
  }

  /** The hidden sheet of the lists the validations refer to (none when every list was short). */
  finish(): void {
    if (!this.lists.length) return
    const ws = this.book.addWorksheet(this.convert(FIXED_SHEETS.lists.written), { state: 'hidden' })
    this.lists.forEach((values, k) =>
      values.forEach((v, i) => {
        const cell = ws.getCell(i + 1, k + 1)
        cell.numFmt = '@'
        cell.value = v
      }),
    )
  }

  /** A sheet with a header row of `columns`: notes, widths, formats, validations for `rows` rows, the header frozen. */
  sheet(name: string, columns: readonly Column[], rows: number, frozenColumns: number): ExcelJS.Worksheet {
    const ws = this.book.addWorksheet(name, { views: [{ state: 'frozen', xSplit: frozenColumns, ySplit: 1 }] })
    let lines = 1
    columns.forEach((c, i) => {
      const column = ws.getColumn(i + 1)
      column.width = c.width
      if (c.numFmt) column.numFmt = c.numFmt
      const cell = ws.getCell(1, i + 1)
      cell.value = c.header
      cell.numFmt = '@'
      cell.note = c.note
      cell.font = { bold: true }
      cell.alignment = { wrapText: true, vertical: 'top' }
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } }
      lines = Math.max(lines, Math.ceil(displayWidth(c.header) / Math.max(1, c.width - 1)))
      if (c.validation) validate(ws, `${column.letter}2:${column.letter}${rows + 1}`, c.validation)
    })
    ws.getRow(1).height = 15 * Math.min(lines, 6)
    return ws
  }
}

/** A column width fitting its header (Chinese characters count two), within reason. */
const widthFor = (header: string, least = 10) => Math.min(32, Math.max(least, displayWidth(header) + 2))
/** Room for the longest of a list of values (and the list's drop-down arrow). */
const widest = (values: readonly string[]) => Math.min(32, Math.max(10, ...values.map((v) => displayWidth(v) + 4)))

/** Words the CSV facts reader takes as the id, name and 不適用 columns (a fact headed by one would not be read as the fact). */
const RESERVED = new Set(['id', 'name', 'notApplicable', '編號', '编号', '名稱', '名称', '單位名稱', '单位名称', '不適用', '不适用', 'subject', 'record', '單位編號', '单位编号', '記錄類型', '记录类型'])
/** Words a records sheet reads as the subject id or the record type (a field headed by one would not be read as the field). */
const RESERVED_IN_RECORDS = new Set([...SUBJECT_HEADERS, 'record', '記錄類型', '记录类型'])
/** Titles compared as the CSV reader compares them. */
const normalise = normaliseTitle

/**
 * The header of each fact: its title as the rubric writes it (converted), unless the CSV reader would read that title
 * as something else — a reserved word, another fact's name, a title two facts share, `facts.…` — then `facts.<name>`,
 * which always means the fact.
 */
function factHeaders(facts: Readonly<Record<string, Fact>>, convert: (s: string) => string): Map<string, string> {
  const count = new Map<string, number>()
  for (const f of Object.values(facts)) count.set(normalise(f.title), (count.get(normalise(f.title)) ?? 0) + 1)
  const out = new Map<string, string>()
  for (const [name, f] of Object.entries(facts)) {
    const t = normalise(f.title)
    const clash = RESERVED.has(t) || Object.hasOwn(facts, f.title.trim()) || count.get(t)! > 1 || t.startsWith('facts.') || t.startsWith('records.')
    out.set(name, clash ? `facts.${name}` : convert(f.title.trim()))
  }
  return out
}

/** The header of each field of a record type: its title, or its name when the title would be read as another field. */
function fieldHeaders(fields: Readonly<Record<string, Field>>, convert: (s: string) => string): Map<string, string> {
  const count = new Map<string, number>()
  for (const f of Object.values(fields)) if (f.title !== undefined) count.set(normalise(f.title), (count.get(normalise(f.title)) ?? 0) + 1)
  const out = new Map<string, string>()
  for (const [name, f] of Object.entries(fields)) {
    if (f.title === undefined) {
      out.set(name, name)
      continue
    }
    const t = normalise(f.title)
    const clash = RESERVED_IN_RECORDS.has(t) || Object.hasOwn(fields, f.title.trim()) || count.get(t)! > 1
    out.set(name, clash ? name : convert(f.title.trim()))
  }
  return out
}

/** The validation of a fact's column. */
function factValidation(b: Builder, fact: Fact, judged: JudgedRange | undefined): Validation | undefined {
  switch (fact.type) {
    case 'boolean':
      return b.list(['是', '否'], refusing('是否 yes/no', '請選擇「是」或「否」。', 'Choose 是 (yes) or 否 (no).'))
    case 'rate':
      return { type: 'decimal', operator: 'between', formulae: [0, 1], ...refusing('比率 rate', '請填0到1之間的比率,如0.875或87.5%。', 'Enter a proportion from 0 to 1, e.g. 0.875 or 87.5%.') }
    case 'enum':
      return b.list(fact.values, refusing('選項 choice', `請從清單中選擇:${fact.values.join('、')}。`, 'Choose one of the listed values.'))
    case 'date':
      return dateValidation()
    case 'score':
      if (fact.many) return undefined
      return { type: 'decimal', operator: 'between', formulae: [0, Number(decimal(fact.max))], ...refusing('得分 score', `請填0至${decimal(fact.max)}的得分。`, `Enter a result from 0 to ${decimal(fact.max)}.`) }
    case 'number':
    case 'integer': {
      const whole = fact.type === 'integer'
      const own = { min: decimal(fact.min), max: decimal(fact.max) }
      const kind = whole ? { type: 'whole' as const, zh: '整數', en: 'a whole number', title: '整數 whole number' } : { type: 'decimal' as const, zh: '數值', en: 'a number', title: '數值 number' }
      if (own.min === undefined && own.max === undefined && judged) {
        const lo = toFixedString(judged.min)
        const hi = toFixedString(judged.max)
        const style = judged.refused ? 'stop' : 'warning'
        const after = judged.refused ? { zh: '', en: '' } : { zh: '超出範圍將按上下限計分。', en: ' A score outside is clamped into the range.' }
        return { type: kind.type, operator: 'between', formulae: [Number(lo), Number(hi)], ...refusing('評分 judged score', `「${b.convert(judged.title)}」的評分為${lo}至${hi}分。${after.zh}`, `Item ${judged.item} takes a score from ${lo} to ${hi}.${after.en}`, style) }
      }
      const r = rangeWords(own.min, own.max)
      const formulae = [Number(own.min ?? -NUMBER_LIMIT), Number(own.max ?? NUMBER_LIMIT)]
      return { type: kind.type, operator: 'between', formulae, ...refusing(kind.title, `請填${kind.zh}${r.zh ? `(${r.zh})` : ''}${whole ? '' : ',最多6位小數'}。`, `Enter ${kind.en}${r.en}${whole ? '' : ', at most 6 decimal places'}.`) }
    }
  }
}

function fieldValidation(b: Builder, field: Field): Validation | undefined {
  switch (field.type) {
    case 'boolean':
      return b.list(['是', '否'], refusing('是否 yes/no', '請選擇「是」或「否」。', 'Choose 是 (yes) or 否 (no).'))
    case 'enum':
      return b.list(field.values, refusing('選項 choice', `請從清單中選擇:${field.values.join('、')}。`, 'Choose one of the listed values.'))
    case 'date':
      return dateValidation()
    case 'integer':
      return { type: 'whole', operator: 'between', formulae: [-NUMBER_LIMIT, NUMBER_LIMIT], ...refusing('整數 whole number', '請填整數。', 'Enter a whole number.') }
    case 'number':
      return { type: 'decimal', operator: 'between', formulae: [-NUMBER_LIMIT, NUMBER_LIMIT], ...refusing('數值 number', '請填數值,最多6位小數。', 'Enter a number, at most 6 decimal places.') }
    case 'string':
      return undefined
  }
}

function dateValidation(): Validation {
  return { type: 'date', operator: 'between', formulae: [new Date(Date.UTC(1900, 0, 1)), new Date(Date.UTC(9999, 11, 31))], ...refusing('日期 date', '請填日期,如2017-12-31。', 'Enter a date, e.g. 2017-12-31.') }
}

/** The format of a column of this type: text for what must stay text (ids such as 001, choices), a date format for dates. */
const formatOf = (type: string): string | undefined => (type === 'date' ? 'yyyy-mm-dd' : type === 'string' || type === 'enum' || type === 'boolean' || type === 'score' ? '@' : undefined)

/**
 * A workbook for entering the evidence of `rubric` (see the file's comment). Titles and fixed Chinese texts are
 * passed through `options.convert` (simplified or traditional printing; unchanged by default).
 */
export async function evidenceTemplate(rubric: Rubric, options: TemplateOptions = {}): Promise<Uint8Array> {
  const convert = options.convert ?? ((s: string) => s)
  const b = new Builder(await newWorkbook(), convert)
  b.book.title = convert(rubric.title)
  aboutSheet(b, rubric)

  // --- facts
  const facts = rubric.facts ?? {}
  const judged = judgedRanges(rubric)
  const listed = rubric.subjects?.list ?? []
  const idValidation = listed.length ? b.list(listed.map((s) => s.id), refusing('編號 id', '請選擇考評辦法列出的單位編號。', 'Choose a subject id the rubric lists.')) : undefined
  const headers = factHeaders(facts, convert)
  const columns: Column[] = [
    { header: convert('編號'), note: convert('id · 被考評單位的編號(必填) · the subject id (required)'), width: 16, numFmt: '@', ...(idValidation ? { validation: idValidation } : {}) },
    { header: convert('名稱'), note: convert('name · 單位名稱 · the subject\'s name'), width: 20, numFmt: '@' },
  ]
  for (const [name, fact] of Object.entries(facts)) {
    const header = headers.get(name)!
    const accepts = factAccepts(name, fact, judged.get(name))
    const required = fact.required === false || rubric.missing === 'zero' ? convert(' · 可空 may be left empty') : ''
    const source = fact.source !== undefined ? ` · ${convert(fact.source)}` : ''
    const validation = factValidation(b, fact, judged.get(name))
    const format = formatOf(fact.type)
    columns.push({
      header,
      note: `${name} · ${fact.type}${source}${required}\n${convert(accepts.zh)}\n${accepts.en}`,
      width: widthFor(header, fact.type === 'date' ? 12 : fact.type === 'enum' ? widest(fact.values) : 10),
      ...(format ? { numFmt: format } : {}),
      ...(validation ? { validation } : {}),
    })
  }
  if (rubric.items.length)
    columns.push({
      header: convert('不適用'),
      note: convert('notApplicable · 不適用的項目編號,以分號(;)、逗號或頓號分隔 · item ids marked not applicable, separated by ; , or 、'),
      width: 14,
      numFmt: '@',
    })
  const ws = b.sheet(convert(FIXED_SHEETS.facts.written), columns, FACT_ROWS, 2)
  listed.forEach((s, i) => {
    ws.getCell(i + 2, 1).value = s.id
    ws.getCell(i + 2, 2).value = convert(s.name)
  })

  // --- records
  const names = recordSheetNames(rubric, convert)
  for (const [type, decl] of Object.entries(rubric.records ?? {})) {
    const fields = fieldHeaders(decl.fields, convert)
    const cols: Column[] = [{ header: convert('編號'), note: convert(`subject · 記錄所屬單位的編號(必填) · the id of the subject the record belongs to (required)`), width: 16, numFmt: '@', ...(idValidation ? { validation: idValidation } : {}) }]
    for (const [name, field] of Object.entries(decl.fields)) {
      const header = fields.get(name)!
      const accepts = fieldAccepts(field)
      const needed = name === decl.date || name === decl.key ? convert(' · 必填 required') : ''
      const validation = fieldValidation(b, field)
      const format = formatOf(field.type)
      cols.push({
        header,
        note: `${name} · ${field.type}${needed}\n${convert(accepts.zh)}\n${accepts.en}`,
        width: field.type === 'string' ? Math.max(24, widthFor(header)) : widthFor(header, field.type === 'date' ? 12 : field.type === 'enum' ? widest(field.values) : 10),
        ...(format ? { numFmt: format } : {}),
        ...(validation ? { validation } : {}),
      })
    }
    b.sheet(names.get(type)!, cols, RECORD_ROWS, 1)
  }
  b.finish()
  return new Uint8Array(await b.book.xlsx.writeBuffer())
}

/** The about sheet: the rubric, the settings (label, value), how to fill the workbook, what it cannot hold. */
function aboutSheet(b: Builder, rubric: Rubric): void {
  const c = b.convert
  const ws = b.book.addWorksheet(c(FIXED_SHEETS.about.written))
  ws.getColumn(1).width = 26
  ws.getColumn(2).width = 40
  ws.getCell('A1').value = c(rubric.title)
  ws.getCell('A1').font = { bold: true, size: 14 }
  const period = rubric.period
  const span = period?.from !== undefined && period.to !== undefined ? `${period.from} … ${period.to}` : undefined
  const notes: Record<string, string> = {
    rubric: c('此證據所屬考評辦法的編號;計分時核對。The id of the rubric this evidence is for; checked when scored.'),
    asOf: c('評估日期(YYYY-MM-DD)。空:命令列 --as-of,否則考評期間的最後一天。The evaluation date. Empty: --as-of, else the last day of the assessed span.'),
    'period.from': c(`考評期間(起止兩格都填)。空:${span ? `考評辦法的期間 ${span}` : '考評辦法未定期間,按月或按年的任務需要填寫'}。The assessed span (give both). Empty: ${span ? `the rubric's ${span}` : 'the rubric gives none; quotas counted per month or year need it'}.`),
  }
  notes['period.to'] = notes['period.from']!
  SETTINGS.forEach((s, i) => {
    const row = 3 + i
    const label = ws.getCell(row, 1)
    label.value = c(s.label)
    label.font = { bold: true }
    label.note = notes[s.key]!
    const value = ws.getCell(row, 2)
    if (s.key === 'rubric') {
      value.numFmt = '@'
      value.value = rubric.id
    } else {
      value.numFmt = 'yyyy-mm-dd'
      validate(ws, value.address, dateValidation())
    }
  })
  const lines = [
    '填寫說明 How to fill in',
    '1. 「事實 facts」表每個被考評單位一行:編號必填,每個事實一欄(欄名為事實的標題,批註寫明其名稱、類型和可填的值)。One row per subject on the facts sheet; the id is required; a column per fact (its note gives the fact\'s name, type and what it takes).',
    '2. 比率填0到1的小數(0.875),或連同百分號(87.5%);是否題填「是」或「否」;日期填日期格或YYYY-MM-DD。Rates: 0.875 or 87.5%; yes/no: 是 or 否; dates: a date cell or YYYY-MM-DD.',
    '3. 空格即未提供:按考評辦法的缺項規則處理。An empty cell is a missing value: the rubric\'s missing policy decides.',
    '4. 只有預填編號和名稱、其餘都空的行視為未提交證據,不計分。A row left with only the id and name filled in (and no records) is not scored: that subject gave no evidence.',
    '5. 每類記錄一張表,每條記錄一行,編號填記錄所屬單位的編號。Records: one sheet per type, one row per record; 編號 is the id of the subject it belongs to.',
    '6. 「不適用」欄填不適用的項目編號,以分號分隔。The 不適用 column lists item ids marked not applicable, separated by ;.',
    '7. 公式格讀取其保存的計算結果;數值最多6位小數,不會被四捨五入(請用ROUND)。Formula cells are read by their saved result; numbers may have at most 6 decimal places and are never rounded for you (use ROUND).',
    '8. 本工作簿不能提供:人工調整、自評、分期證據(按季度等)、參數。需要時改用YAML或JSON證據文件,參數用 --param。This workbook cannot give adjustments, self-assessment, per-period evidence or parameters: give such subjects in YAML or JSON evidence, and parameters with --param.',
    `9. 計分:kaoping score <考評辦法>.yaml 本工作簿.xlsx。Score it: kaoping score <rubric>.yaml this-workbook.xlsx (rubric ${rubric.id}).`,
  ]
  lines.forEach((text, i) => {
    const cell = ws.getCell(4 + SETTINGS.length + i, 1)
    cell.value = c(text)
    if (i === 0) cell.font = { bold: true }
  })
}
