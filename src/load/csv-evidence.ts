/**
 * CSV evidence, read against the rubric (which says what each column means and how each cell is read):
 *
 * - a facts file (`csvEvidence`): one row per subject, a column per fact. See docs/cli.md, "CSV evidence".
 * - a records file (`csvRecords`): the long format, one row per record, with a `subject` column (the subject id), a
 *   `record` column (the record type) and a column per record field. See docs/evidence.md, "CSV records".
 *   `isRecordsHeader` tells the two apart.
 *
 * Titles match in simplified or traditional characters (乡镇 for 鄉鎮, and mixed): a header matching no name or title
 * exactly is looked up by its fold (`foldScript`), and two different titles sharing a fold are told, not guessed.
 *
 * Every step is linear in the size of the file: columns are found by hashing their header (each header and each title
 * folded at most once), rows are read once, and at most SHOWN_PER_CODE problems of one code are told (suggestions are
 * worked out for those only, over at most SUGGEST_CANDIDATES names of at most SUGGEST_CHARS characters), then one
 * more saying how many were not.
 */
import { SHOWN_PER_CODE } from '../diagnostics/diagnostic'
import { editDistance, SUGGEST_CANDIDATES, SUGGEST_CHARS } from '../text/distance'
import { foldScript, normaliseTitle as normalise } from '../text/script'
import type { Code } from '../diagnostics/codes'
import { makeDiagnostic } from '../diagnostics/diagnostic'
import type { Diagnostic, Location, Path, Result, Span } from '../diagnostics/diagnostic'
import { fail, ok } from '../diagnostics/diagnostic'
import type { CsvCell, CsvRecord, CsvTable } from './csv'
import type { EvidenceFile } from './evidence-file'

// --- declarations ----------------------------------------------------------------------------------------------

/** A fact as reading CSV evidence needs it. */
type Fact = { type: string; title: string; required?: boolean; many?: boolean; values?: readonly string[] }

/** A record field as reading CSV records needs it (a rubric's `records.<type>.fields.<name>`). */
type FieldDecl = { readonly type: string; readonly title?: string; readonly values?: readonly string[] }

/** A record type as reading CSV records needs it (a rubric's `records.<type>`). */
type RecordDecl = { readonly title?: string; readonly fields?: Readonly<Record<string, FieldDecl>> }

/**
 * What reading evidence needs of the rubric (a validated rubric is one): its id, its facts (to read CSV columns by
 * name or title, by type), its record types (to read records CSV columns by field name or title, by type) and its
 * missing policy. Loading stays below the rubric model.
 */
export interface EvidenceDeclarations {
  readonly id: string
  readonly facts?: Readonly<Record<string, Fact>>
  readonly records?: Readonly<Record<string, RecordDecl>>
  readonly missing?: string
  readonly rollup?: readonly unknown[]
}

type Rubric = EvidenceDeclarations

// --- problems, told with a cap ---------------------------------------------------------------------------------

export { SHOWN_PER_CODE as MAX_PER_CODE }


/**
 * The problems of one CSV file, each located at its cell. Past SHOWN_PER_CODE of a code, a problem is only counted:
 * a file with 300,000 unknown columns gives 21 diagnostics, not 300,000 (each printed with its line quoted).
 */
class Problems {
  private readonly told: Diagnostic[] = []
  private readonly counts = new Map<Code, number>()
  private readonly untold = new Map<Code, { n: number; span: Span }>()
  constructor(private readonly table: CsvTable) {}

  /** A problem at `at`. `message` may be a function: it is then only called (a suggestion worked out) when told. */
  add(at: CsvCell | { span: Span }, code: Code, message: string | (() => string), extra: Partial<Diagnostic> = {}): void {
    const n = this.counts.get(code) ?? 0
    if (n >= SHOWN_PER_CODE) {
      const u = this.untold.get(code)
      if (u) u.n++
      else this.untold.set(code, { n: 1, span: at.span })
      return
    }
    this.counts.set(code, n + 1)
    this.told.push(this.make(at.span, code, typeof message === 'function' ? message() : message, extra))
  }

  get any(): boolean {
    return this.told.length > 0
  }

  /** The problems told, then for each code past the cap how many more there are (located at the first of them). */
  all(): Diagnostic[] {
    const out = [...this.told]
    for (const [code, { n, span }] of this.untold)
      out.push(
        this.make(span, code, `… and ${n.toLocaleString('en')} more ${code} problem${n === 1 ? '' : 's'} in this file.`, {
          hint: `Only the first ${SHOWN_PER_CODE} problems of each code are told (the next is marked here). Fix those, or check that the file goes with this rubric, and read it again.`,
        }),
      )
    return out
  }

  private make(span: Span, code: Code, message: string, extra: Partial<Diagnostic>): Diagnostic {
    const d = makeDiagnostic(code, message, { span, location: this.table.location(span), ...extra })
    if (this.table.file !== undefined) d.file = this.table.file
    return d
  }
}

/** A header or cell as a message quotes it: a long one is cut (a 3 MB header is not repeated in every message). */
function shown(s: string): string {
  if (s.length <= 80) return s
  return Array.from(s.slice(0, 90)).slice(0, 77).join('') + '…'
}

/**
 * Titles by their fold: for a header in the other script (乡镇 for 鄉鎮) or mixing both, the distinct titles it can
 * mean (as given: normalised titles, or enum values), usually one. The titles are folded on the first header that
 * needs it, each once; only a header matching nothing exactly is folded, so a file written as the rubric writes
 * reads as it always has. Titles that are the same once normalised are one title: a header in the other script means
 * what the title written exactly means.
 */
function foldedTitles(titles: () => Iterable<string>): (header: string) => readonly string[] {
  let index: Map<string, Set<string>> | undefined
  return (header) => {
    if (index === undefined) {
      index = new Map()
      for (const t of titles()) {
        const k = foldScript(t)
        const same = index.get(k)
        if (same) same.add(t)
        else index.set(k, new Set([t]))
      }
    }
    const same = index.get(foldScript(header))
    return same ? [...same] : []
  }
}

/** "a (甲), b (乙) or c (丙)": what a header could mean, for a message. */
const listed = (names: readonly string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`)

/** Why a header or cell could mean several things. */
const ALIKE = 'alike once written in simplified characters'

/** A span from the start of the first cell to the end of the last: a whole row. */
const rowSpan = (row: CsvRecord): Span => ({ start: row.cells[0]!.span.start, end: row.cells[row.cells.length - 1]!.span.end })

// --- suggestions, bounded --------------------------------------------------------------------------------------

export { SUGGEST_CANDIDATES, SUGGEST_CHARS }
/**
 * A candidate is suggested when its edit distance is at most this share of the longer length: "townshipPasRate"
 * (1 edit of 16), and the abbreviated title "鄉鎮抽檢合格率" for "鄉鎮街道統計機構規範化管理抽檢合格率" (11 insertions of 18).
 */
const SUGGEST_RATIO = 2 / 3

type Candidate<T> = { text: string; fold: boolean; value: T }

/**
 * A function giving the candidate closest to a header, or none close enough, compared in either script (both
 * folded: 乡镇抽检合格率 is close to 鄉鎮街道統計機構規範化管理抽檢合格率). Candidates are listed once, on the first call.
 * Each call costs at most SUGGEST_CANDIDATES × SUGGEST_CHARS² steps, whatever the length of the header; candidates
 * whose length differs from the header's by more than the allowed distance are skipped unread.
 */
function suggester<T>(list: () => Iterable<Candidate<T>>): (header: string) => T | undefined {
  let prepared: { text: string; fold: boolean; value: T }[] | undefined
  return (header) => {
    if (prepared === undefined) {
      prepared = []
      for (const c of list()) {
        if (prepared.length >= SUGGEST_CANDIDATES) break
        const n = foldScript(c.text.slice(0, SUGGEST_CHARS * 4))
        prepared.push({ text: (c.fold ? n.toLowerCase() : n).slice(0, SUGGEST_CHARS), fold: c.fold, value: c.value })
      }
    }
    const h = foldScript(header.slice(0, SUGGEST_CHARS * 4))
    const exact = h.slice(0, SUGGEST_CHARS)
    const folded = h.toLowerCase().slice(0, SUGGEST_CHARS)
    let best: { value: T; rel: number } | undefined
    for (const c of prepared) {
      const a = c.fold ? folded : exact
      const longer = Math.max(a.length, c.text.length)
      if (longer === 0) continue
      const allowed = Math.floor(SUGGEST_RATIO * longer)
      if (Math.abs(a.length - c.text.length) > allowed) continue
      const d = editDistance(a, c.text, allowed)
      if (d > allowed) continue
      const rel = d / longer
      if (!best || rel < best.rel) best = { value: c.value, rel }
    }
    return best?.value
  }
}

// --- cells -----------------------------------------------------------------------------------------------------

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是'])
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否'])

type Declared = { type: string; many?: boolean; values?: readonly string[] }
type CellValue = { value?: unknown; error?: string }

/**
 * Enum values written in the other script (较好 for the rubric's 較好): a cell that is not a value exactly is read as the
 * one value it folds to; a cell folding to none is kept as written (the evidence check says which values there are).
 * One per file: each declaration's values are hashed, and folded, once, on the first cell that needs it.
 */
function enumReader(): (v: string, declared: Declared) => CellValue {
  const of = new Map<Declared, { exact: Set<string>; folded: (v: string) => readonly string[] }>()
  return (v, declared) => {
    let e = of.get(declared)
    const values = declared.values ?? []
    if (!e) of.set(declared, (e = { exact: new Set(values), folded: foldedTitles(() => values) }))
    if (e.exact.has(v)) return { value: v }
    const folded = e.folded(v)
    if (folded.length > 1) return { error: `"${shown(v)}" could be ${listed(folded.map((f) => `"${f}"`))} (${ALIKE}); write one of them exactly.` }
    return { value: folded[0] ?? v }
  }
}

/** A cell's text as the evidence value of a fact or field of this type; decimals stay strings, so they stay exact. */
function cellValue(v: string, declared: Declared, readEnum: ReturnType<typeof enumReader>): CellValue {
  switch (declared.type) {
    case 'boolean': {
      const w = v.normalize('NFKC').toLowerCase()
      if (TRUE_WORDS.has(w)) return { value: true }
      if (FALSE_WORDS.has(w)) return { value: false }
      return { error: `"${shown(v)}" is not a yes/no value; write true or false (also 是/否, yes/no, 1/0).` }
    }
    case 'integer':
      return /^-?\d+$/.test(v) ? { value: Number(v) } : { error: `"${shown(v)}" is not a whole number.` }
    case 'score':
      if (declared.many) return { value: v.split(/[;；、]/).map((s) => s.trim()).filter(Boolean) }
      return { value: v }
    case 'enum':
      return declared.values !== undefined ? readEnum(v, declared) : { value: v }
    default:
      // rate, number: the decimal string as written (the evidence check reads it exactly and reports "87.5%");
      // date, string: the text (the evidence check reads dates).
      return { value: v }
  }
}

/**
 * For each column whose header is empty, whether any row has a value in it: one pass over the cells (asking each
 * such column of every row would be columns × rows).
 */
function emptyHeadedColumnsWithValues(header: CsvRecord, rows: readonly CsvRecord[]): Set<number> {
  const empty: number[] = []
  header.cells.forEach((c, i) => {
    if (c.value.trim() === '') empty.push(i)
  })
  const holding = new Set<number>()
  if (empty.length === 0) return holding
  for (const row of rows)
    for (const i of empty) {
      const cell = row.cells[i]
      if (cell !== undefined && cell.value.trim() !== '') holding.add(i)
    }
  return holding
}

// --- facts: one row per subject --------------------------------------------------------------------------------

type Column =
  | { kind: 'id' }
  | { kind: 'name' }
  | { kind: 'notApplicable' }
  | { kind: 'fact'; name: string; fact: Fact }
  | { kind: 'ignore' }

/** A header folding to the titles of several facts: told, not guessed. */
type Ambiguous = { kind: 'ambiguous'; names: string[] }

/** Header words that are not facts (ASCII, then their Chinese equivalents; mixed scripts are found by their fold). */
const RESERVED: Record<string, 'id' | 'name' | 'notApplicable'> = {
  id: 'id',
  name: 'name',
  notApplicable: 'notApplicable',
  編號: 'id',
  编号: 'id',
  名稱: 'name',
  名称: 'name',
  單位名稱: 'name',
  单位名称: 'name',
  不適用: 'notApplicable',
  不适用: 'notApplicable',
}

/**
 * Turns a CSV table into cohort evidence: one subject per row; columns headed by fact names or titles (in simplified or
 * traditional characters), enum values read in either script. See docs/cli.md, "CSV evidence".
 * Every problem is located at its line and column; all of them are reported (at most SHOWN_PER_CODE of each code, then
 * how many more), not only the first.
 */
export function csvEvidence(table: CsvTable, rubric: Rubric): Result<EvidenceFile> {
  const file = table.file
  const p = new Problems(table)
  const [header, ...rows] = table.records
  if (!header) {
    const d = makeDiagnostic('EVIDENCE_INVALID', 'The CSV file is empty: it needs a header line (id, name and one column per fact) and one line per subject.')
    if (file !== undefined) d.file = file
    return fail([d])
  }
  if (isRecordsHeader(table)) {
    p.add({ span: rowSpan(header) }, 'EVIDENCE_INVALID', 'This CSV file gives records (its header has a subject and a record column), not facts: read it as records.', {
      hint: 'A facts CSV has an id column and a column per fact; a records CSV has subject, record and a column per record field (docs/evidence.md).',
    })
    return fail(p.all())
  }
  const facts = rubric.facts ?? {}
  const byTitle = new Map<string, string>()
  for (const [name, f] of Object.entries(facts)) if (!byTitle.has(normalise(f.title))) byTitle.set(normalise(f.title), name)
  const titlesOf = foldedTitles(() => byTitle.keys())
  const readEnum = enumReader()
  const suggest = suggester(function* () {
    for (const [name, f] of Object.entries(facts)) {
      yield { text: name, fold: true, value: { name, title: f.title } }
      yield { text: f.title, fold: false, value: { name, title: f.title } }
    }
  })
  const holding = emptyHeadedColumnsWithValues(header, rows)
  const columns: Column[] = []
  const seen = new Map<string, number>()
  header.cells.forEach((cell, i) => {
    const h = cell.value.trim()
    const column = columnOf(h, rubric, byTitle, titlesOf)
    if (column?.kind === 'ambiguous') {
      p.add(cell, 'EVIDENCE_INVALID', `Column "${shown(h)}" could be ${listed(column.names.map((n) => `fact "${n}" (${facts[n]!.title})`))}: their titles are ${ALIKE}.`, {
        hint: 'Head the column with the fact\'s name, or with its title exactly as the rubric writes it.',
      })
      return columns.push({ kind: 'ignore' })
    }
    if (column === undefined) {
      if (h === '' && !holding.has(i)) return columns.push({ kind: 'ignore' })
      if (h === '') {
        p.add(cell, 'EVIDENCE_INVALID', `Column ${i + 1} has no header but holds values; name it after a fact.`)
      } else if (/^records\./.test(h) || Object.hasOwn(rubric.records ?? {}, h)) {
        p.add(cell, 'EVIDENCE_INVALID', `Column "${shown(h)}": records are not given in a facts CSV file (one row per subject gives facts only).`, {
          hint: 'Give records in a records CSV file (columns subject, record and the record\'s fields, one line per record; see docs/evidence.md), or in YAML or JSON evidence.',
        })
      } else if (recordsWord(h) !== undefined) {
        p.add(cell, 'EVIDENCE_UNKNOWN_FIELD', `Column "${shown(h)}" is not a fact of rubric ${rubric.id}; a records CSV file needs both a subject and a record column.`, {
          hint: 'A records CSV file has a subject column (the subject id), a record column (the record type) and a column per record field; a facts CSV file has an id column and a column per fact.',
        })
      } else {
        p.add(
          cell,
          'EVIDENCE_UNKNOWN_FIELD',
          () => {
            const s = suggest(h)
            return `Column "${shown(h)}" is not a fact of rubric ${rubric.id}${s ? `; did you mean "${s.name}" (${s.title})?` : '.'}`
          },
          { hint: 'Name each column id, name, notApplicable, a fact (townshipPassRate or facts.townshipPassRate), or a fact\'s title as the rubric writes it (in simplified or traditional characters).' },
        )
      }
      return columns.push({ kind: 'ignore' })
    }
    const key = column.kind === 'fact' ? `fact:${column.name}` : column.kind
    const before = seen.get(key)
    if (before !== undefined) {
      p.add(cell, 'EVIDENCE_INVALID', `Columns ${before + 1} and ${i + 1} both give ${column.kind === 'fact' ? `fact "${column.name}"` : `"${column.kind}"`}.`)
      return columns.push({ kind: 'ignore' })
    }
    seen.set(key, i)
    columns.push(column)
  })
  if (!seen.has('id')) p.add(header.cells[0]!, 'EVIDENCE_INVALID', 'The CSV header has no "id" column: every row needs the id of its subject.')
  // a required fact without a column is missing for every row: say so once, at the header
  const required = rubric.missing === 'zero' || rubric.rollup ? [] : Object.entries(facts).filter(([name, f]) => f.required !== false && !seen.has(`fact:${name}`))
  if (required.length && rows.length)
    p.add({ span: rowSpan(header) }, 'EVIDENCE_MISSING', `The CSV has no column for ${required.length === 1 ? 'the required fact' : `${required.length} required facts`}: ${required.map(([name, f]) => `${name} (${f.title})`).join(', ')}.`, {
      hint: 'Add a column for each, headed by the fact\'s name or title; an empty cell is a missing value.',
    })

  const subjects: Record<string, unknown>[] = []
  const rowOf: CsvRecord[] = [] // the row of subjects[k]
  for (const row of rows) {
    if (row.cells.length !== header.cells.length) {
      p.add(row.cells[0]!, 'EVIDENCE_INVALID', `Line ${row.line} has ${row.cells.length} field${row.cells.length === 1 ? '' : 's'}, but the header has ${header.cells.length}.`, {
        hint: 'Every line needs one field per header column; quote a value that contains a comma.',
      })
      continue
    }
    const subject: Record<string, unknown> = {}
    const factValues: Record<string, unknown> = {}
    let given = 0
    row.cells.forEach((cell, i) => {
      const column = columns[i]!
      if (column.kind === 'ignore') return
      const v = cell.value.trim()
      if (v === '') return
      if (column.kind === 'id' || column.kind === 'name') subject[column.kind] = v
      else if (column.kind === 'notApplicable') subject.notApplicable = v.split(/[\s,;、，；]+/).filter(Boolean)
      else {
        const value = cellValue(v, column.fact, readEnum)
        if (value.error) p.add(cell, 'EVIDENCE_INVALID', `Line ${row.line}, column "${shown(header.cells[i]!.value.trim())}" (fact "${column.name}"): ${value.error}`)
        else {
          factValues[column.name] = value.value
          given++
        }
      }
    })
    if (subject.id === undefined && seen.has('id')) p.add(row.cells[0]!, 'EVIDENCE_INVALID', `Line ${row.line} has no id.`)
    if (given) subject.facts = factValues
    subjects.push(subject)
    rowOf.push(row)
  }
  if (p.any) return fail(p.all())

  // where a value is: its cell when it is written, else the first cell of its row
  const locate = (path: Path) => {
    if (path[0] !== 'subjects' || typeof path[1] !== 'number' || !rowOf[path[1]]) return undefined
    const row = rowOf[path[1]]!
    const key = path[2] === 'facts' && typeof path[3] === 'string' ? `fact:${path[3]}` : path[2] === 'id' || path[2] === 'name' || path[2] === 'notApplicable' ? path[2] : undefined
    const i = key !== undefined ? seen.get(key) : undefined
    const written = i !== undefined && row.cells[i]!.value.trim() !== '' ? row.cells[i]! : undefined
    const cell = written ?? row.cells[0]!
    return { span: cell.span, location: table.location(cell.span) }
  }
  const value: EvidenceFile = { format: 'csv', text: table.text, data: { subjects }, locate }
  if (file !== undefined) value.file = file
  return ok(value)
}

/**
 * What a header gives: by name, then by title or header word as written, then (only when none of those matches) by
 * its fold, so a title or word in the other script, or mixing both, is found.
 */
function columnOf(h: string, rubric: Rubric, byTitle: Map<string, string>, titlesOf: (header: string) => readonly string[]): Column | Ambiguous | undefined {
  const facts = rubric.facts ?? {}
  if (h === 'id') return { kind: 'id' }
  if (h === 'name') return { kind: 'name' }
  if (h === 'notApplicable') return { kind: 'notApplicable' }
  const name = h.startsWith('facts.') ? h.slice(6) : h
  if (Object.hasOwn(facts, name)) return { kind: 'fact', name, fact: facts[name]! }
  if (h === '') return undefined
  const word = normalise(h)
  const titled = byTitle.get(word)
  if (titled !== undefined) return { kind: 'fact', name: titled, fact: facts[titled]! }
  const reserved = reservedWord(word)
  if (reserved !== undefined) return reserved
  const titles = titlesOf(word)
  if (titles.length > 1) return { kind: 'ambiguous', names: titles.map((t) => byTitle.get(t)!) }
  if (titles.length === 1) {
    const folded = byTitle.get(titles[0]!)!
    return { kind: 'fact', name: folded, fact: facts[folded]! }
  }
  return reservedWord(foldScript(word))
}

function reservedWord(word: string): Column | undefined {
  // an own key only: a header "__proto__" or "constructor" must not find what every object inherits
  const reserved = Object.prototype.hasOwnProperty.call(RESERVED, word) ? RESERVED[word] : undefined
  if (reserved !== undefined) return reserved === 'id' ? { kind: 'id' } : reserved === 'name' ? { kind: 'name' } : { kind: 'notApplicable' }
  return undefined
}

// --- records: one row per record (the long format) ---------------------------------------------------------------

/** Header words of a records file: the subject id, and the record type (ASCII, then the Chinese equivalents). */
const SUBJECT_WORDS = new Set(['subject', '單位編號', '单位编号'])
const RECORD_WORDS = new Set(['record', '記錄類型', '记录类型'])

/** The lengths of those words: only a header of one of them is folded (every CSV's header is asked). */
const WORD_LENGTHS = new Set([...SUBJECT_WORDS, ...RECORD_WORDS].map((w) => w.length))

const wordOf = (w: string) => (SUBJECT_WORDS.has(w) ? 'subject' : RECORD_WORDS.has(w) ? 'record' : undefined)

/**
 * Whether a header is one of the two words of a records file, as written or in mixed scripts (單位编号). A long
 * header is not (and is not normalised).
 */
function recordsWord(h: string): 'subject' | 'record' | undefined {
  if (h.length > 64) return undefined
  const w = normalise(h)
  return wordOf(w) ?? (WORD_LENGTHS.has(w.length) ? wordOf(foldScript(w)) : undefined)
}

/**
 * Whether a CSV file gives records (the long format) rather than facts: its header has a `subject` column (or
 * 單位編號/单位编号) and a `record` column (or 記錄類型/记录类型). Takes the table, or its header's cells or texts.
 */
export function isRecordsHeader(table: CsvTable | readonly (CsvCell | string)[]): boolean {
  const cells: readonly (CsvCell | string)[] = Array.isArray(table) ? table : ((table as CsvTable).records[0]?.cells ?? [])
  let subject = false
  let record = false
  for (const c of cells) {
    const w = recordsWord((typeof c === 'string' ? c : c.value).trim())
    if (w === 'subject') subject = true
    else if (w === 'record') record = true
  }
  return subject && record
}

/** A records CSV file read against the rubric. */
export interface CsvRecordsFile {
  file?: string
  /** The text read (byte-order mark removed): what spans refer to. */
  text: string
  /**
   * The records of each subject (by id, in the order subjects first appear), by record type, each list in file
   * order: `{ innovations: [{ title, kind, date }, …] }`, as YAML evidence gives them under a subject's `records`.
   */
  bySubject: Map<string, Record<string, unknown[]>>
  /**
   * Where record `index` (0-based, in `bySubject.get(subjectId)[type]`) is written: the cell of `field` when given and
   * written, else the record's whole line. Undefined for a record the file does not have.
   */
  locate(subjectId: string, type: string, index: number, field?: string): { span: Span; location: Location } | undefined
}

type RecordsColumn = { kind: 'subject' } | { kind: 'record' } | { kind: 'fields'; fields: Map<string, string> /* type → field */ } | { kind: 'ignore' }

/**
 * Reads a records CSV file (the long format): one line per record, a `subject` column with the subject's id, a
 * `record` column with the record type (its name under the rubric's `records:`, or its title), and a column per
 * field, headed by the field's name or title. One file may hold several record types: a column is read on the lines
 * of each type that has a field of that name or title, and must be empty on the others. Cells are read by the
 * field's type (booleans as 是/否…, integers as numbers, enum values in either script; decimals, dates and text as
 * written); an empty cell is an absent field. Titles and the Chinese column names match in simplified or traditional
 * characters. See docs/evidence.md, "CSV records".
 */
export function csvRecords(table: CsvTable, rubric: Rubric): Result<CsvRecordsFile> {
  const p = new Problems(table)
  const [header, ...rows] = table.records
  if (!header) {
    const d = makeDiagnostic('EVIDENCE_INVALID', 'The CSV file is empty: a records file needs a header line (subject, record and one column per record field) and one line per record.')
    if (table.file !== undefined) d.file = table.file
    return fail([d])
  }
  const types = rubric.records ?? {}
  const typeNames = Object.keys(types)
  const typeByTitle = new Map<string, string>()
  // header → (type → field), by name and by title, over every type: one look-up per column
  const byName = new Map<string, Map<string, string>>()
  const byTitle = new Map<string, Map<string, string>>()
  const put = (m: Map<string, Map<string, string>>, key: string, type: string, field: string) => {
    let e = m.get(key)
    if (!e) m.set(key, (e = new Map()))
    if (!e.has(type)) e.set(type, field)
  }
  for (const [type, decl] of Object.entries(types)) {
    if (decl.title !== undefined && !typeByTitle.has(normalise(decl.title))) typeByTitle.set(normalise(decl.title), type)
    for (const [field, f] of Object.entries(decl.fields ?? {})) {
      put(byName, field, type, field)
      if (f.title !== undefined) put(byTitle, normalise(f.title), type, field)
    }
  }
  // in the other script: a header matching no name or title, and a record type matching none, by its fold
  const fieldTitlesOf = foldedTitles(() => byTitle.keys())
  const typeTitlesOf = foldedTitles(() => typeByTitle.keys())
  const typeFolds = new Map<string, readonly string[]>() // a type cell as written → its titles: each text folded once
  const foldedType = (t: string) => {
    let titles = typeFolds.get(t)
    if (titles === undefined) typeFolds.set(t, (titles = typeTitlesOf(t)))
    return titles
  }
  const readEnum = enumReader()
  const fieldsOf = (type: string) => types[type]!.fields ?? {}
  const fieldList = (type: string) => Object.entries(fieldsOf(type)).map(([name, f]) => (f.title !== undefined ? `${name} (${f.title})` : name)).join(', ')
  const typeList = () => (typeNames.length ? typeNames.map((t) => (types[t]!.title !== undefined ? `${t} (${types[t]!.title})` : t)).join(', ') : 'none: the rubric declares no records')
  const suggestField = suggester(function* () {
    for (const [type, decl] of Object.entries(types))
      for (const [field, f] of Object.entries(decl.fields ?? {})) {
        yield { text: field, fold: true, value: { type, field, title: f.title } }
        if (f.title !== undefined) yield { text: f.title, fold: false, value: { type, field, title: f.title } }
      }
  })
  const suggestType = suggester(function* () {
    for (const [type, decl] of Object.entries(types)) {
      yield { text: type, fold: true, value: type }
      if (decl.title !== undefined) yield { text: decl.title, fold: false, value: type }
    }
  })

  // --- the header
  const holding = emptyHeadedColumnsWithValues(header, rows)
  const columns: RecordsColumn[] = []
  let subjectAt: number | undefined
  let recordAt: number | undefined
  const fieldAt = new Map<string, Map<string, number>>() // type → field → column
  header.cells.forEach((cell, i) => {
    const h = cell.value.trim()
    const word = recordsWord(h)
    if (word !== undefined) {
      const before = word === 'subject' ? subjectAt : recordAt
      if (before !== undefined) {
        p.add(cell, 'EVIDENCE_INVALID', `Columns ${before + 1} and ${i + 1} both give the ${word === 'subject' ? 'subject id' : 'record type'}.`, { hint: 'Keep one of them.' })
        return columns.push({ kind: 'ignore' })
      }
      if (word === 'subject') subjectAt = i
      else recordAt = i
      return columns.push({ kind: word })
    }
    if (h === '') {
      if (holding.has(i)) p.add(cell, 'EVIDENCE_INVALID', `Column ${i + 1} has no header but holds values; name it after a record field.`, { hint: 'Head the column with a field\'s name or title as the rubric declares it, or empty its cells.' })
      return columns.push({ kind: 'ignore' })
    }
    const named = byName.get(h)
    let titled = byTitle.get(normalise(h))
    if (!named && !titled) {
      // each type's field of each title the header folds to: one title, or titles naming one field of each type
      const byType = new Map<string, Set<string>>()
      for (const title of fieldTitlesOf(h))
        for (const [type, field] of byTitle.get(title)!) {
          const same = byType.get(type)
          if (same) same.add(field)
          else byType.set(type, new Set([field]))
        }
      const ambiguous = [...byType].find(([, fs]) => fs.size > 1)
      if (ambiguous) {
        const [type, fs] = ambiguous
        p.add(cell, 'EVIDENCE_INVALID', `Column "${shown(h)}" could be ${listed([...fs].map((f) => `field "${f}" (${fieldsOf(type)[f]!.title})`))} of ${type}: their titles are ${ALIKE}.`, {
          hint: 'Head the column with the field\'s name, or with its title exactly as the rubric writes it.',
        })
        return columns.push({ kind: 'ignore' })
      }
      if (byType.size) titled = new Map([...byType].map(([type, fs]) => [type, [...fs][0]!]))
    }
    if (!named && !titled) {
      p.add(
        cell,
        'EVIDENCE_UNKNOWN_FIELD',
        () => {
          const s = suggestField(h)
          return `Column "${shown(h)}" is not a field of any record type of rubric ${rubric.id}${s ? `; did you mean "${s.field}"${s.title !== undefined ? ` (${s.title})` : ''}, a field of ${s.type}?` : '.'}`
        },
        { hint: `Head each column subject, record, or a record field by its name or title as the rubric declares it: ${typeNames.length ? typeNames.map((t) => `${t}: ${fieldList(t)}`).join('; ') : 'the rubric declares no records'}.` },
      )
      return columns.push({ kind: 'ignore' })
    }
    // by name first, then by title, for each type
    const fields = new Map<string, string>(titled ?? [])
    for (const [type, field] of named ?? []) fields.set(type, field)
    for (const [type, field] of fields) {
      let at = fieldAt.get(type)
      if (!at) fieldAt.set(type, (at = new Map()))
      const before = at.get(field)
      if (before !== undefined) {
        p.add(cell, 'EVIDENCE_INVALID', `Columns ${before + 1} and ${i + 1} both give field "${field}" of ${type}.`, { hint: 'Keep one of them.' })
        fields.delete(type)
      } else at.set(field, i)
    }
    columns.push({ kind: 'fields', fields })
  })
  if (subjectAt === undefined || recordAt === undefined) {
    const lacking = [subjectAt === undefined ? '"subject" (or 單位編號)' : undefined, recordAt === undefined ? '"record" (or 記錄類型)' : undefined].filter(Boolean).join(' and ')
    p.add({ span: rowSpan(header) }, 'EVIDENCE_INVALID', `The records CSV header has no ${lacking} column: every line needs the subject id and the record type.`, {
      hint: 'A records CSV file has a subject column (the subject id), a record column (the record type under the rubric\'s records:) and a column per record field.',
    })
    return fail(p.all())
  }

  // --- the lines
  const bySubject = new Map<string, Record<string, unknown[]>>()
  const rowsOf = new Map<string, Map<string, CsvRecord[]>>() // subject → type → the line of each record
  for (const row of rows) {
    if (row.cells.length !== header.cells.length) {
      p.add(row.cells[0]!, 'EVIDENCE_INVALID', `Line ${row.line} has ${row.cells.length} field${row.cells.length === 1 ? '' : 's'}, but the header has ${header.cells.length}.`, {
        hint: 'Every line needs one field per header column; quote a value that contains a comma.',
      })
      continue
    }
    let good = true
    const subjectCell = row.cells[subjectAt]!
    const id = subjectCell.value.trim()
    if (id === '') {
      p.add(subjectCell, 'EVIDENCE_INVALID', `Line ${row.line} has no subject: whose record it is.`, { hint: 'Write the id of the subject in the subject column of every line, as the other evidence files give it.' })
      good = false
    }
    const typeCell = row.cells[recordAt]!
    const t = typeCell.value.trim()
    let type: string | undefined
    if (t === '') p.add(typeCell, 'EVIDENCE_INVALID', `Line ${row.line} has no record type.`, { hint: `Write the record type in the record column: ${typeList()}.` })
    else {
      type = Object.hasOwn(types, t) ? t : typeByTitle.get(normalise(t))
      const titles = type === undefined ? foldedType(t) : []
      if (titles.length === 1) type = typeByTitle.get(titles[0]!)
      if (titles.length > 1)
        p.add(typeCell, 'EVIDENCE_INVALID', `Line ${row.line}: "${shown(t)}" could be ${listed(titles.map((title) => `record type "${typeByTitle.get(title)}" (${title})`))}: their titles are ${ALIKE}.`, {
          hint: 'Write the record type\'s name, or its title exactly as the rubric writes it.',
        })
      else if (type === undefined)
        p.add(
          typeCell,
          'EVIDENCE_UNKNOWN_FIELD',
          () => {
            const s = suggestType(t)
            return `Line ${row.line}: "${shown(t)}" is not a record type of rubric ${rubric.id}${s !== undefined ? `; did you mean "${s}"?` : '.'}`
          },
          { hint: `Write a record type the rubric declares under records: (its name or title): ${typeList()}.` },
        )
    }
    if (type === undefined) continue // without its type, a line's fields cannot be read
    const declared = fieldsOf(type)
    const record: Record<string, unknown> = {}
    row.cells.forEach((cell, i) => {
      const column = columns[i]!
      if (column.kind !== 'fields') return
      const v = cell.value.trim()
      if (v === '') return
      const field = column.fields.get(type)
      const h = shown(header.cells[i]!.value.trim())
      if (field === undefined) {
        p.add(cell, 'EVIDENCE_UNKNOWN_FIELD', `Line ${row.line}, column "${h}": records of ${type} have no such field, so the cell must be empty on ${type} lines.`, {
          hint: `Empty the cell, or move the value to a column of ${type}: ${fieldList(type)}.`,
        })
        good = false
        return
      }
      const value = cellValue(v, declared[field]!, readEnum)
      if (value.error) {
        p.add(cell, 'EVIDENCE_INVALID', `Line ${row.line}, column "${h}" (field "${field}" of ${type}): ${value.error}`)
        good = false
      } else record[field] = value.value
    })
    if (!good) continue
    let ofSubject = bySubject.get(id)
    let linesOf = rowsOf.get(id)
    if (!ofSubject || !linesOf) {
      bySubject.set(id, (ofSubject = {}))
      rowsOf.set(id, (linesOf = new Map()))
    }
    // an own key: a record type may be named "constructor", which every object inherits
    ;(Object.hasOwn(ofSubject, type) ? ofSubject[type]! : (ofSubject[type] = [])).push(record)
    let lines = linesOf.get(type)
    if (!lines) linesOf.set(type, (lines = []))
    lines.push(row)
  }
  if (p.any) return fail(p.all())

  const locate = (subjectId: string, type: string, index: number, field?: string) => {
    const row = rowsOf.get(subjectId)?.get(type)?.[index]
    if (row === undefined) return undefined
    const i = field !== undefined ? fieldAt.get(type)?.get(field) : undefined
    const span = i !== undefined && row.cells[i]!.value.trim() !== '' ? row.cells[i]!.span : rowSpan(row)
    return { span, location: table.location(span) }
  }
  const value: CsvRecordsFile = { text: table.text, bySubject, locate }
  if (table.file !== undefined) value.file = table.file
  return ok(value)
}
