/**
 * `resultsWorkbook`: a cohort's results as an Excel workbook (`kaoping score … --format xlsx --out results.xlsx`).
 *
 * - `排名 cohort`: a row per subject in rank order — rank, id, name, each top-level item's score, total, grade,
 *   eligibility with its reasons, and reward, penalty and net when the rubric has money;
 * - `得分 item scores`: a row per subject and item, over the whole item tree (titles indented by depth): max, score,
 *   不適用, and the computed score and reason when an adjustment replaced it;
 * - `任務 quotas` (when the rubric counts quotas): a row per subject and quota: required, counted, shortfall;
 * - `說明 about`: the rubric, the evaluation date, the cohort's quotas, and how the numbers are written.
 *
 * Numbers: kaoping's results are exact decimal strings ("87.50"). Excel needs numbers to sum and sort, so a decimal is
 * written as the number it is AND given a format with its count of decimal places ("87.50" → 87.5 shown with 0.00),
 * so that the cell shows exactly the string of the JSON result. This is exact whenever the decimal survives the trip
 * through a binary number (its shortest decimal text is the string, trailing zeros aside) and has at most the 15
 * significant digits Excel shows — every decimal of at most 15 significant digits does, which is all of kaoping's
 * scores and amounts in practice (up to 9 digits before the point and 6 after); a decimal that would not is written as
 * text, exact, rather than as a nearby number.
 */
import type ExcelJS from 'exceljs'
import { newWorkbook } from './exceljs'
import type { CohortResult, ItemResult, SubjectResult } from '../../evaluate/result'
import { displayWidth } from '../../text/width'

export interface ResultsOptions {
  /** Applied to the rubric's texts (titles, grades, names) and the headers: simplified or traditional printing. */
  convert?: (text: string) => string
}

/** A decimal string without trailing zeros in its fraction (and without "-" on zero): how a binary number prints it. */
function canonical(s: string): string {
  let t = s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s
  if (/^-0*$/.test(t)) t = '0'
  return t.replace(/^(-?)0+(?=\d)/, '$1')
}

/** Significant digits Excel shows of a number (it stores doubles, and shows at most 15 digits of one). */
const EXCEL_DIGITS = 15

/**
 * Writes a decimal string into a cell: a number with as many decimal places shown as the string has, or text when
 * Excel would not show that number as the string (its binary number prints otherwise, or it has more than 15
 * significant digits).
 */
export function putDecimal(cell: ExcelJS.Cell, s: string): void {
  const n = Number(s)
  const digits = canonical(s).replace(/^-/, '').replace('.', '').replace(/^0+/, '').length
  if (s !== '' && Number.isFinite(n) && String(n) === canonical(s) && digits <= EXCEL_DIGITS) {
    const places = s.includes('.') ? s.length - s.indexOf('.') - 1 : 0
    cell.value = n
    cell.numFmt = places ? `0.${'0'.repeat(places)}` : '0'
  } else {
    cell.value = s
    cell.alignment = { horizontal: 'right' }
  }
}

/** A cell's content: text, a decimal string written as a number (see `putDecimal`), a whole number, or nothing. */
type Value = string | { decimal: string } | number | undefined

interface SheetSpec {
  name: string
  headers: { text: string; note?: string }[]
  rows: Value[][]
  /** Per row, the indent of a column (the item tree's depth), when any. */
  indent?: { column: number; depths: number[] }
  /** Columns frozen at the left (the subject's id and name). */
  frozen: number
}

/** Rows a sheet holds below its header: Excel's 1,048,576 rows, less the header. */
const SHEET_ROWS = 1_048_575

/** Adds the sheet, continued on sheets named "<name> (2)", "(3)", … past the rows one sheet holds. */
function addSheet(book: ExcelJS.Workbook, spec: SheetSpec): void {
  const parts = Math.max(1, Math.ceil(spec.rows.length / SHEET_ROWS))
  for (let part = 0; part < parts; part++) {
    const [from, to] = [part * SHEET_ROWS, (part + 1) * SHEET_ROWS]
    const name = part === 0 ? spec.name : `${spec.name} (${part + 1})`
    addPart(book, { ...spec, name, rows: spec.rows.slice(from, to), ...(spec.indent ? { indent: { column: spec.indent.column, depths: spec.indent.depths.slice(from, to) } } : {}) })
  }
}

/** One sheet of `addSheet`: the header (bold, noted, frozen), the rows, widths to fit, an autofilter. */
function addPart(book: ExcelJS.Workbook, spec: SheetSpec): void {
  const ws = book.addWorksheet(spec.name, { views: [{ state: 'frozen', xSplit: spec.frozen, ySplit: 1 }] })
  const widths = spec.headers.map((h) => displayWidth(h.text))
  spec.headers.forEach((h, c) => {
    const cell = ws.getCell(1, c + 1)
    cell.value = h.text
    if (h.note) cell.note = h.note
    cell.font = { bold: true }
    cell.alignment = { wrapText: true, vertical: 'top' }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } }
  })
  spec.rows.forEach((row, k) => {
    row.forEach((v, c) => {
      if (v === undefined || v === '') return
      const cell = ws.getCell(k + 2, c + 1)
      if (typeof v === 'object') putDecimal(cell, v.decimal)
      else cell.value = v
      const depth = spec.indent && spec.indent.column === c ? spec.indent.depths[k]! : 0
      if (depth) cell.alignment = { indent: depth }
      widths[c] = Math.max(widths[c]!, displayWidth(typeof v === 'object' ? v.decimal : String(v)) + depth * 2)
    })
  })
  widths.forEach((w, c) => (ws.getColumn(c + 1).width = Math.min(48, Math.max(6, w + 2))))
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + spec.rows.length, column: spec.headers.length } }
}

/** Subjects in rank order (a cohort's results are; a subject without a rank goes last, in the order given). */
const ranked = (subjects: readonly SubjectResult[]) =>
  subjects
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.rank ?? Infinity) - (b.s.rank ?? Infinity) || a.i - b.i)
    .map((x) => x.s)

/** Why a subject is ineligible or barred from grades: each failed gate with its reason. */
function reasons(s: SubjectResult, convert: (t: string) => string): string {
  const failed = s.gates.filter((g) => !g.passed)
  return failed.map((g) => `${convert(g.title)}: ${convert(g.reason)}${g.bars ? ` (${convert('不得評')} ${g.bars.map(convert).join('、')})` : ''}`).join('; ')
}

/** A cohort's results as a workbook (see the file's comment). */
export async function resultsWorkbook(cohort: CohortResult, options: ResultsOptions = {}): Promise<Uint8Array> {
  const c = options.convert ?? ((s: string) => s)
  const book = await newWorkbook()
  book.creator = 'kaoping'
  book.title = c(cohort.rubric.title)
  const subjects = ranked(cohort.subjects)
  const first = subjects[0]
  const top = first?.items ?? []
  const hasMoney = subjects.some((s) => s.money !== undefined)
  const seen = new Map<string, number>()
  for (const i of top) seen.set(i.title, (seen.get(i.title) ?? 0) + 1)

  // --- the cohort
  const headers = [
    { text: c('排名'), note: 'rank' },
    { text: c('編號'), note: 'id' },
    { text: c('名稱'), note: 'name' },
    ...top.map((i) => ({ text: seen.get(i.title)! > 1 ? `${c(i.title)} (${i.id})` : c(i.title), note: `${i.id} · ${c('分值')} max ${i.max}${i.source ? ` · ${c(i.source)}` : ''}` })),
    { text: c('總分'), note: `total · ${c('滿分')} max ${first?.max ?? ''}` },
    { text: c('等次'), note: 'grade' },
    { text: c('資格'), note: c('eligible · 是/否') },
    { text: c('原因'), note: c('reasons · 未通過的條件 failed gates') },
    ...(hasMoney ? [{ text: c('獎勵'), note: 'reward total' }, { text: c('扣減'), note: 'penalty total' }, { text: c('淨額'), note: 'net' }] : []),
  ]
  const rows: Value[][] = subjects.map((s) => {
    const byId = new Map(s.items.map((i) => [i.id, i]))
    return [
      s.rank,
      s.subject.id,
      s.subject.name !== undefined ? c(s.subject.name) : undefined,
      ...top.map((t) => {
        const item = byId.get(t.id)
        return item && !item.notApplicable ? { decimal: item.score } : undefined
      }),
      { decimal: s.total },
      s.grade !== null ? c(s.grade) : undefined,
      c(s.eligible ? '是' : '否'),
      reasons(s, c) || undefined,
      ...(hasMoney ? [s.money ? { decimal: s.money.rewardTotal } : undefined, s.money ? { decimal: s.money.penaltyTotal } : undefined, s.money ? { decimal: s.money.net } : undefined] : []),
    ]
  })
  addSheet(book, { name: c('排名 cohort'), headers, rows, frozen: 3 })

  // --- every item of every subject
  const itemRows: Value[][] = []
  const depths: number[] = []
  for (const s of subjects) {
    const walk = (items: readonly ItemResult[], depth: number) => {
      for (const i of items) {
        itemRows.push([
          s.subject.id,
          s.subject.name !== undefined ? c(s.subject.name) : undefined,
          i.id,
          c(i.title),
          i.source !== undefined ? c(i.source) : undefined,
          { decimal: i.max },
          { decimal: i.score },
          i.notApplicable ? c('是') : undefined,
          i.computed !== undefined ? { decimal: i.computed } : undefined,
          i.adjustment ? c(`${i.adjustment.reason} (${i.adjustment.approver}${i.adjustment.date ? `, ${i.adjustment.date}` : ''})`) : undefined,
        ])
        depths.push(depth)
        if (i.items) walk(i.items, depth + 1)
      }
    }
    walk(s.items, 0)
  }
  addSheet(book, {
    name: c('得分 item scores'),
    headers: [
      { text: c('編號'), note: 'subject id' },
      { text: c('名稱'), note: 'subject name' },
      { text: c('項目編號'), note: 'item id' },
      { text: c('項目'), note: c('item title, indented by its depth in the item tree') },
      { text: c('條款'), note: 'source clause' },
      { text: c('分值'), note: 'max' },
      { text: c('得分'), note: 'score' },
      { text: c('不適用'), note: 'not applicable (N/A)' },
      { text: c('計算得分'), note: 'computed score, before a manual adjustment' },
      { text: c('調整'), note: 'adjustment: reason (approver, date)' },
    ],
    rows: itemRows,
    indent: { column: 3, depths },
    frozen: 2,
  })

  // --- quotas, when the rubric counts any
  if (subjects.some((s) => s.quotas?.length)) {
    const quotaRows: Value[][] = []
    for (const s of subjects) for (const q of s.quotas ?? []) quotaRows.push([s.subject.id, s.subject.name !== undefined ? c(s.subject.name) : undefined, q.id, c(q.title), q.required, q.count, q.shortfall])
    addSheet(book, {
      name: c('任務 quotas'),
      headers: [
        { text: c('編號'), note: 'subject id' },
        { text: c('名稱'), note: 'subject name' },
        { text: c('任務編號'), note: 'quota id' },
        { text: c('任務'), note: 'quota' },
        { text: c('要求'), note: 'required' },
        { text: c('完成'), note: 'counted' },
        { text: c('差額'), note: 'shortfall' },
      ],
      rows: quotaRows,
      frozen: 2,
    })
  }

  // --- about
  const about = book.addWorksheet(c('說明 about'))
  about.getColumn(1).width = 24
  about.getColumn(2).width = 60
  const lines: [string, string | number][] = [
    [c('考評辦法 rubric'), c(cohort.rubric.title)],
    [c('辦法編號 id'), cohort.rubric.id],
    [c('評估日期 as of'), cohort.asOf ?? ''],
    [c('被考評單位 subjects'), subjects.length],
    ...cohort.cohortQuotas.map((q): [string, string] => [c('全局任務 cohort quota'), `${c(q.title)} (${q.id}): ${q.count} / ${q.required}${q.met ? ' ✓' : ` ✗ ${c('差')} ${q.shortfall}`}`]),
    [c('數字 numbers'), c('得分和金額是精確的小數,以數字寫入並按其小數位數顯示。Scores and amounts are exact decimals, written as numbers shown with their own decimal places.')],
    [c('產生 made by'), 'kaoping score --format xlsx'],
  ]
  lines.forEach(([label, value], k) => {
    about.getCell(k + 1, 1).value = label
    about.getCell(k + 1, 1).font = { bold: true }
    about.getCell(k + 1, 2).value = value
  })
  return new Uint8Array(await book.xlsx.writeBuffer())
}
