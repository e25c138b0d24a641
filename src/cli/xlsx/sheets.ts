/**
 * The shape of an evidence workbook, shared by the template that writes it (template.ts) and the reader that reads it
 * back (read.ts): which sheet is which, and what its header cells say.
 *
 * A sheet is known by its name. The fixed sheets have fixed names, in either script (the template prints them in the
 * script asked for): `說明 about` (the rubric, the assessed span, how to fill the workbook), `事實 facts` (one row per
 * subject), and the hidden `值 lists` (long lists of allowed values, which a validation refers to). A records sheet
 * is named `<the record type's title> <its name>` (`工作創新創優成果 innovations`): the reader knows it by the last word,
 * the type's name, so a user may rename the Chinese part.
 */
import type { Rubric } from '../../kinds/rubric'

/** Excel's longest sheet name. */
export const SHEET_NAME_MAX = 31

/** The fixed sheets: the name the template writes (traditional; converted for --script), and the names read. */
export const FIXED_SHEETS = {
  about: { written: '說明 about', read: ['說明 about', '说明 about', 'about', '說明', '说明'] },
  facts: { written: '事實 facts', read: ['事實 facts', '事实 facts', 'facts', '事實', '事实'] },
  lists: { written: '值 lists', read: ['值 lists', 'lists'] },
} as const

export type FixedSheet = keyof typeof FIXED_SHEETS

/** A records sheet's name when the type has no title (記錄: record). */
const RECORDS_WORD = '記錄'

/** Characters Excel refuses in a sheet name. */
const FORBIDDEN = /[\\/?*[\]:]/g

/** Cuts `s` to at most `n` UTF-16 units without splitting a surrogate pair. */
function cut(s: string, n: number): string {
  if (s.length <= n) return s
  let out = s.slice(0, n)
  if (/[\ud800-\udbff]$/.test(out)) out = out.slice(0, -1)
  return out
}

/**
 * The name of each record type's sheet, in the rubric's order: its title (converted, cut to fit) and its name. Names
 * are unique without regard to case, as Excel requires; a clash is settled by a number in front (`2 foo`), which keeps
 * the last word.
 */
export function recordSheetNames(rubric: Rubric, convert: (s: string) => string): Map<string, string> {
  const out = new Map<string, string>()
  const used = new Set<string>(Object.values(FIXED_SHEETS).flatMap((s) => [...s.read, convert(s.written)].map((n) => n.toLowerCase())))
  let k = 0
  for (const [type, decl] of Object.entries(rubric.records ?? {})) {
    k++
    const word = cut(type, SHEET_NAME_MAX)
    const title = convert(decl.title ?? RECORDS_WORD).replace(FORBIDDEN, '').replace(/\s+/g, '').replace(/^'+|'+$/g, '')
    const room = SHEET_NAME_MAX - word.length - 1
    let name = room > 0 && title !== '' ? `${cut(title, room)} ${word}` : word
    if (used.has(name.toLowerCase())) name = cut(`${k} ${word}`, SHEET_NAME_MAX)
    used.add(name.toLowerCase())
    out.set(type, name)
  }
  return out
}

export type SheetRole = { kind: FixedSheet } | { kind: 'records'; type: string } | undefined

/**
 * What a sheet of a workbook is, by its name: a fixed sheet (either script), or the records of the type named by its
 * last word (a name Excel cut at 31 characters is matched by its start, when one type has it). Undefined: a sheet
 * kaoping does not read.
 */
export function sheetRole(name: string, rubric: Rubric): SheetRole {
  const n = name.trim()
  for (const [kind, s] of Object.entries(FIXED_SHEETS) as [FixedSheet, (typeof FIXED_SHEETS)[FixedSheet]][]) if ((s.read as readonly string[]).includes(n)) return { kind }
  const word = n.split(/\s+/).pop() ?? ''
  const types = Object.keys(rubric.records ?? {})
  if (types.includes(word)) return { kind: 'records', type: word }
  if (word.length === SHEET_NAME_MAX) {
    const started = types.filter((t) => t.startsWith(word))
    if (started.length === 1) return { kind: 'records', type: started[0]! }
  }
  return undefined
}

/** A cell's address in A1 notation: column 3, row 5 is C5. */
export function cellRef(row: number, column: number): string {
  let letters = ''
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters
  return `${letters}${row}`
}

/** A sheet name as a reference writes it: quoted when it is not a plain word (`'事實 facts'!C5`). */
export function sheetRef(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`
}

/** The settings the about sheet gives, each on a row labelled `<Chinese> <key>` (the key is the label's last word). */
export const SETTINGS = [
  { key: 'rubric', label: '考評辦法編號 rubric' },
  { key: 'asOf', label: '評估日期 asOf' },
  { key: 'period.from', label: '考評期間起 period.from' },
  { key: 'period.to', label: '考評期間止 period.to' },
] as const

export type SettingKey = (typeof SETTINGS)[number]['key']

/** The setting a label of the about sheet names, by its last word; undefined for any other text. */
export function settingOf(label: string): SettingKey | undefined {
  if (label.length > 80) return undefined
  const word = label.trim().split(/\s+/).pop() ?? ''
  return SETTINGS.find((s) => s.key === word)?.key
}

/** Header words for the subject id of a records sheet (the facts sheet's are the CSV reader's: 編號, id, …). */
export const SUBJECT_HEADERS = new Set(['編號', '编号', 'id', 'subject', '單位編號', '单位编号'])
