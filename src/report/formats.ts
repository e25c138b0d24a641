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

/** The CSV header line of `cohortCsv`. */
export function csvHeader(items: readonly TopItem[]): string {
  return csvLine(['id', 'name', 'total', 'grade', 'rank', 'eligible', ...items.map((i) => i.id)])
}

/** A row's rank and grade: filled in once the cohort is ranked. */
export interface RowStanding {
  rank: number | undefined
  grade: string | null
  gradeBasis: string
  gradeReason: string
}

/** Stands for "no name" among a row's fields. */
const NO_NAME = '\u0000'

/**
 * What one subject's CSV or NDJSON line says besides its rank and grade, as strings (a streamed cohort keeps these
 * until it is ranked): id, name, total, max, eligibility, failed gates and barred grades (JSON lists, '' for none),
 * the net amount ('' for none), then each top-level item's score ('' when not applicable).
 */
export function rowFields(s: SubjectResult, items: readonly TopItem[]): string[] {
  const failed = s.eligible ? '' : JSON.stringify(s.gates.filter((g) => !g.passed && g.bars === undefined).map((g) => g.id))
  const money = s.money
  return [s.subject.id, s.subject.name ?? NO_NAME, s.total, s.max, s.eligible ? '1' : '0', failed, s.barred !== undefined ? JSON.stringify(s.barred) : '', money !== undefined ? money.net : '', ...topScores(s, items)]
}

/** The standing a result carries itself. */
export const standingOf = (s: SubjectResult): RowStanding => ({ rank: s.rank, grade: s.grade, gradeBasis: s.gradeBasis, gradeReason: s.gradeReason })

/** Fields before the item scores. */
export const ROW_FIXED_FIELDS = 8
const FIXED = ROW_FIXED_FIELDS

/** One subject's CSV line (see `cohortCsv`) from its fields (`rowFields`) and standing. */
export function csvLineOf(f: readonly string[], st: RowStanding): string {
  let out = `${csvField(f[0]!)},${f[1] === NO_NAME ? '' : csvField(f[1]!)},${f[2]},${csvField(st.grade ?? '')},${st.rank ?? ''},${f[4] === '1'}`
  for (let k = FIXED; k < f.length; k++) out += ',' + f[k]
  return out + '\r\n'
}

/** One subject's CSV line (see `cohortCsv`). */
export function csvRow(s: SubjectResult, items: readonly TopItem[]): string {
  return csvLineOf(rowFields(s, items), standingOf(s))
}

/**
 * One subject as one line of NDJSON output (with its line end), from its fields (`rowFields`) and standing:
 * `{"rank", "id", "name"?, "total", "max", "grade", "gradeBasis", "gradeReason", "eligible", "failedGates"?,
 * "barred"?, "items": {top-level id: score or null}, "net"?}`. The whole result is `JSON.stringify(result)`.
 */
export function summaryLine(f: readonly string[], st: RowStanding, items: readonly TopItem[]): string {
  // totals, maxima, amounts and scores are decimals kaoping wrote (digits, "-", "."): written as they are
  let out = `{"rank":${st.rank ?? null},"id":${JSON.stringify(f[0])}`
  if (f[1] !== NO_NAME) out += `,"name":${JSON.stringify(f[1])}`
  out += `,"total":"${f[2]}","max":"${f[3]}","grade":${JSON.stringify(st.grade)},"gradeBasis":${JSON.stringify(st.gradeBasis)},"gradeReason":${JSON.stringify(st.gradeReason)},"eligible":${f[4] === '1'}`
  if (f[5]) out += `,"failedGates":${f[5]}`
  if (f[6]) out += `,"barred":${f[6]}`
  out += ',"items":{'
  const keys = itemKeys(items)
  for (let k = 0; k < items.length; k++) {
    const v = f[FIXED + k]
    out += `${keys[k]}${v ? `"${v}"` : 'null'}`
  }
  out += '}'
  if (f[7]) out += `,"net":"${f[7]}"`
  return out + '}\n'
}

/** The items' ids as JSON keys (`"id":`, after the first `,"id":`), made once per list of items. */
const itemKeysOf = new WeakMap<readonly TopItem[], string[]>()
function itemKeys(items: readonly TopItem[]): string[] {
  let keys = itemKeysOf.get(items)
  if (keys === undefined) itemKeysOf.set(items, (keys = items.map((item, k) => `${k ? ',' : ''}${JSON.stringify(item.id)}:`)))
  return keys
}

/** One subject's NDJSON summary line (see `summaryLine`). */
export function subjectSummary(s: SubjectResult, items: readonly TopItem[]): string {
  return summaryLine(rowFields(s, items), standingOf(s), items)
}

/**
 * The cohort as CSV (RFC 4180, CRLF): id, name, total, grade, rank, eligible, then one column per top-level
 * item, headed by its id. An empty cell is no grade, no rank, or an item not applicable to the subject.
 */
export function cohortCsv(result: CohortResult): string {
  let out = ''
  for (const line of cohortCsvChunks(result)) out += line
  return out
}

/** `cohortCsv` line by line. */
export function* cohortCsvChunks(result: CohortResult): Generator<string> {
  const items = topItems(result)
  yield csvHeader(items)
  for (const s of result.subjects) yield csvRow(s, items)
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
export function markdownHead(rubric: { id: string; title: string }, asOf: string | undefined, items: readonly TopItem[], hasMoney: boolean): string {
  const headers = ['rank 排名', 'id', 'name 名稱', 'total 總分', 'grade 等次', 'eligible 資格', ...items.map((i) => `${i.title} (${i.max})`), ...(hasMoney ? ['net 獎懲淨額'] : [])]
  const align = ['---:', '---', '---', '---:', '---', '---', ...items.map(() => '---:'), ...(hasMoney ? ['---:'] : [])]
  return `**${md(rubric.title)}** [${rubric.id}]${asOf ? ` as of ${asOf}` : ''}\n\n` + mdRow(headers) + `|${align.join('|')}|\n`
}

const mdRow = (cells: string[]) => `| ${cells.map(md).join(' | ')} |\n`

/** One subject's row of `cohortMarkdown`. */
export function markdownRow(s: SubjectResult, items: readonly TopItem[], hasMoney: boolean): string {
  const scores = topScores(s, items)
  return mdRow([
    s.rank === undefined ? '' : String(s.rank),
    `\`${s.subject.id}\``,
    s.subject.name ?? '',
    s.total,
    s.grade ?? '—',
    s.eligible ? 'yes' : `no: ${s.gates.filter((g) => !g.passed).map((g) => g.id).join(', ')}`,
    ...scores.map((x) => x || 'n/a'),
    ...(hasMoney ? [s.money?.net ?? ''] : []),
  ])
}

/** The cohort as a GitHub-flavoured Markdown table: rank, id, name, total, grade, eligible, the top-level items. */
export function cohortMarkdown(result: CohortResult): string {
  const items = topItems(result)
  const hasMoney = result.subjects.some((s) => s.money)
  let out = markdownHead(result.rubric, result.asOf, items, hasMoney)
  for (const s of result.subjects) out += markdownRow(s, items, hasMoney)
  return out
}
