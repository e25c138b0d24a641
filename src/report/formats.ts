import type { CohortResult, ItemResult, SubjectResult } from '../evaluate/result'
import { ScoredSubject } from '../evaluate/subject-result'
import { csvField, csvLine } from '../load/csv'

/** A top-level item as the one-line-per-subject formats head its column. */
export interface TopItem {
  id: string
  title: string
  max: string
}

/** The top-level items of a result (the same for every subject of a rubric), in rubric order. */
export function topItemsOf(result: SubjectResult | undefined): TopItem[] {
  return result ? result.items.map((i) => ({ id: i.id, title: i.title, max: i.max })) : []
}

/** The top-level items of a cohort's results, in rubric order. */
function topItems(result: CohortResult): TopItem[] {
  return topItemsOf(result.subjects[0])
}

/** Each top-level item's score ('' when not applicable to the subject), in the order of `items`. */
function topScores(s: SubjectResult, items: readonly TopItem[]): string[] {
  const fast = ScoredSubject.topScores(s)
  if (fast && fast.length === items.length) return fast
  return items.map(({ id }) => {
    const item: ItemResult | undefined = s.items.find((i) => i.id === id)
    return !item || item.notApplicable ? '' : item.score
  })
}

/** Text as it is (the default conversion: no change of script). */
const same = (text: string): string => text

/** How CSV columns are headed: by id (`id`, `name`, …, each item's id) or by title (編號, 名稱, …, each item's title). */
export type CsvHeaders = 'id' | 'title'

/** The fixed columns' titles, in the order of `rank, id, name, total, grade, eligible`. */
const CSV_TITLES = ['排名', '編號', '名稱', '總分', '等次', '資格']

/** The CSV header line of `cohortCsv`. By title, an item whose title another item also has is headed `title (id)`. */
export function csvHeader(items: readonly TopItem[], headers: CsvHeaders = 'id', convert: (text: string) => string = same): string {
  if (headers === 'id') return csvLine(['rank', 'id', 'name', 'total', 'grade', 'eligible', ...items.map((i) => i.id)])
  const seen = new Map<string, number>()
  for (const i of items) seen.set(i.title, (seen.get(i.title) ?? 0) + 1)
  return csvLine([...CSV_TITLES.map(convert), ...items.map((i) => (seen.get(i.title)! > 1 || CSV_TITLES.includes(i.title) ? `${i.title} (${i.id})` : i.title))])
}

/** UTF-8's byte-order mark: Excel and WPS read a CSV file that starts with it as UTF-8 (without it, as the local code page). */
export const CSV_BOM = '\ufeff'

/**
 * One subject's CSV or NDJSON line is made of three parts: what comes before its grade, its grade (a ranked quota
 * may change it once the cohort is ranked), what comes after — and its rank, known last. A streamed cohort keeps
 * the parts of each subject until it is ranked, then joins them (`csvJoin`, `summaryJoin`).
 */
export interface RowParts {
  before: string
  after: string
}

/** CSV: `id,name,total` and `eligible,<score per top-level item>` (see `cohortCsv`). */
export function csvParts(s: SubjectResult, items: readonly TopItem[], convert: (text: string) => string = same): RowParts {
  let after = String(s.eligible)
  for (const score of topScores(s, items)) after += ',' + score
  return { before: `${csvField(s.subject.id)},${csvField(convert(s.subject.name ?? ''))},${s.total}`, after }
}

/** CSV: the grade cell. */
export const csvGrade = (grade: string | null): string => csvField(grade ?? '')

/** One subject's CSV line from its parts, grade cell and rank (the first column). */
export const csvJoin = (p: RowParts, grade: string, rank: number | undefined): string => `${rank ?? ''},${p.before},${grade},${p.after}\r\n`

/** One subject's CSV line (see `cohortCsv`). */
export function csvRow(s: SubjectResult, items: readonly TopItem[]): string {
  return csvJoin(csvParts(s, items), csvGrade(s.grade), s.rank)
}

/** The items' ids as JSON keys (`"id":`, after the first `,"id":`), made once per list of items. */
const itemKeysOf = new WeakMap<readonly TopItem[], string[]>()
function itemKeys(items: readonly TopItem[]): string[] {
  let keys = itemKeysOf.get(items)
  if (keys === undefined) itemKeysOf.set(items, (keys = items.map((item, k) => `${k ? ',' : ''}${JSON.stringify(item.id)}:`)))
  return keys
}

/**
 * NDJSON summary: `"id", "name"?, "total", "max", "bonus"?` and `"eligible", "failedGates"?, "barred"?, "items": {top-level id:
 * score or null}, "net"?` (see `summaryJoin`).
 */
export function summaryParts(s: SubjectResult, items: readonly TopItem[]): RowParts {
  // totals, maxima, amounts and scores are decimals kaoping wrote (digits, "-", "."): written as they are
  let before = `"id":${JSON.stringify(s.subject.id)}`
  if (s.subject.name !== undefined) before += `,"name":${JSON.stringify(s.subject.name)}`
  before += `,"total":"${s.total}","max":"${s.max}"${s.bonus !== undefined ? `,"bonus":"${s.bonus}"` : ''}`
  let after = `"eligible":${s.eligible}`
  if (!s.eligible) after += `,"failedGates":${JSON.stringify(s.gates.filter((g) => !g.passed && g.bars === undefined).map((g) => g.id))}`
  if (s.barred !== undefined) after += `,"barred":${JSON.stringify(s.barred)}`
  after += ',"items":{'
  const keys = itemKeys(items)
  const scores = topScores(s, items)
  for (let k = 0; k < items.length; k++) after += `${keys[k]}${scores[k] ? `"${scores[k]}"` : 'null'}`
  after += '}'
  const money = s.money
  if (money !== undefined) after += `,"net":"${money.net}"`
  return { before, after }
}

/** NDJSON summary: the grade with its basis and reason. */
export const summaryGrade = (grade: string | null, gradeBasis: string, gradeReason: string): string =>
  `"grade":${JSON.stringify(grade)},"gradeBasis":${JSON.stringify(gradeBasis)},"gradeReason":${JSON.stringify(gradeReason)}`

/**
 * One subject as one line of NDJSON output (with its line end): `{"rank", "id", "name"?, "total", "max", "grade",
 * "gradeBasis", "gradeReason", "eligible", "failedGates"?, "barred"?, "items", "net"?}`. The whole result is
 * `JSON.stringify(result)`.
 */
export const summaryJoin = (p: RowParts, grade: string, rank: number | undefined): string => `{"rank":${rank ?? null},${p.before},${grade},${p.after}}\n`

/** One subject's NDJSON summary line (see `summaryJoin`). */
export function subjectSummary(s: SubjectResult, items: readonly TopItem[]): string {
  return summaryJoin(summaryParts(s, items), summaryGrade(s.grade, s.gradeBasis, s.gradeReason), s.rank)
}

/** The order of a cohort's rows: ranked (group by group, best first) or as the evidence gives the subjects. */
export type RowOrder = 'rank' | 'evidence'

/**
 * A cohort's subjects in ranked order, as `kaoping score` lists them: group by group (the groups in the order their
 * first subject comes), by rank within a group, equal ranks in id order (the order ranks were given in). Subjects
 * without a rank come last, in the order given.
 */
export function rankedSubjects<S extends Pick<SubjectResult, 'rank' | 'group' | 'subject'>>(subjects: readonly S[]): S[] {
  const groups = new Map<string, number>()
  for (const s of subjects) if (!groups.has(s.group ?? '')) groups.set(s.group ?? '', groups.size)
  return subjects
    .map((s, k) => ({ s, k, g: groups.get(s.group ?? '')! }))
    .sort((a, b) => {
      if (a.s.rank === undefined || b.s.rank === undefined) return a.s.rank === b.s.rank ? a.k - b.k : a.s.rank === undefined ? 1 : -1
      if (a.g !== b.g) return a.g - b.g
      if (a.s.rank !== b.s.rank) return a.s.rank - b.s.rank
      return a.s.subject.id < b.s.subject.id ? -1 : a.s.subject.id > b.s.subject.id ? 1 : a.k - b.k
    })
    .map((x) => x.s)
}

const inOrder = <S extends SubjectResult>(subjects: readonly S[], order: RowOrder | undefined): readonly S[] => (order === 'evidence' ? subjects : rankedSubjects(subjects))

/**
 * The cohort as CSV (RFC 4180, CRLF): rank, id, name, total, grade, eligible, then one column per top-level item,
 * headed by its id (or, with `headers: 'title'`, each by its title). Rows in ranked order unless `order` is
 * 'evidence'. An empty cell is no grade, no rank, or an item not applicable to the subject.
 */
export function cohortCsv(result: CohortResult, options: { headers?: CsvHeaders; bom?: boolean; order?: RowOrder } = {}): string {
  let out = ''
  for (const line of cohortCsvChunks(result, options)) out += line
  return out
}

/** `cohortCsv` line by line. */
export function* cohortCsvChunks(result: CohortResult, options: { headers?: CsvHeaders; bom?: boolean; order?: RowOrder } = {}): Generator<string> {
  const items = topItems(result)
  if (options.bom) yield CSV_BOM
  yield csvHeader(items, options.headers)
  for (const s of inOrder(result.subjects, options.order)) yield csvRow(s, items)
}

/**
 * `JSON.stringify(result, null, 2) + '\n'`, the same text, in pieces: one per subject. A cohort of 100,000 subjects
 * is never one string (which can exceed the longest string V8 makes: "Invalid string length").
 */
export function* cohortJsonChunks(result: CohortResult): Generator<string> {
  const record = result as unknown as Record<string, unknown>
  const keys = Object.keys(record).filter((k) => record[k] !== undefined && typeof record[k] !== 'function')
  yield '{\n'
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!
    const comma = k < keys.length - 1 ? ',' : ''
    const value = record[key]
    if (key === 'subjects' && Array.isArray(value) && value.length) {
      yield '  "subjects": [\n'
      for (let i = 0; i < value.length; i++) yield '    ' + JSON.stringify(value[i], null, 2).replace(/\n/g, '\n    ') + (i < value.length - 1 ? ',\n' : '\n')
      yield `  ]${comma}\n`
    } else yield `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}${comma}\n`
  }
  yield '}\n'
}

const md = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')

/** The heading and table head of `cohortMarkdown`. */
export function markdownHead(rubric: { id: string; title: string }, asOf: string | undefined, items: readonly TopItem[], hasMoney: boolean, convert: (text: string) => string = same): string {
  const headers = [...['rank 排名', 'id', 'name 名稱', 'total 總分', 'grade 等次', 'eligible 資格'].map(convert), ...items.map((i) => `${i.title} (${i.max})`), ...(hasMoney ? [convert('net 獎懲淨額')] : [])]
  const align = ['---:', '---', '---', '---:', '---', '---', ...items.map(() => '---:'), ...(hasMoney ? ['---:'] : [])]
  return `**${md(convert(rubric.title))}** [${rubric.id}]${asOf ? ` as of ${asOf}` : ''}\n\n` + mdRow(headers) + `|${align.join('|')}|\n`
}

const mdRow = (cells: string[]) => `| ${cells.map(md).join(' | ')} |\n`

/** One subject's row of `cohortMarkdown`. */
export function markdownRow(s: SubjectResult, items: readonly TopItem[], hasMoney: boolean, convert: (text: string) => string = same): string {
  const scores = topScores(s, items)
  return mdRow([
    s.rank === undefined ? '' : String(s.rank),
    `\`${s.subject.id}\``,
    convert(s.subject.name ?? ''),
    s.total,
    s.grade === null ? '—' : convert(s.grade),
    s.eligible ? 'yes' : `no: ${s.gates.filter((g) => !g.passed).map((g) => g.id).join(', ')}`,
    ...scores.map((x) => x || 'n/a'),
    ...(hasMoney ? [s.money?.net ?? ''] : []),
  ])
}

/** The cohort as a GitHub-flavoured Markdown table: rank, id, name, total, grade, eligible, the top-level items; ranked unless `order` is 'evidence'. */
export function cohortMarkdown(result: CohortResult, options: { order?: RowOrder } = {}): string {
  const items = topItems(result)
  const hasMoney = result.subjects.some((s) => s.money)
  let out = markdownHead(result.rubric, result.asOf, items, hasMoney)
  for (const s of inOrder(result.subjects, options.order)) out += markdownRow(s, items, hasMoney)
  return out
}
