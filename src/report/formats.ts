import type { CohortResult, ItemResult, SubjectResult } from '../evaluate/result'
import { csvLine } from '../load/csv'

/** The top-level items of a cohort's results (the same for every subject), in rubric order. */
function topItems(result: CohortResult): { id: string; title: string; max: string }[] {
  const first = result.subjects[0]
  return first ? first.items.map((i) => ({ id: i.id, title: i.title, max: i.max })) : []
}

const scoreOf = (s: SubjectResult, id: string): string => {
  const item: ItemResult | undefined = s.items.find((i) => i.id === id)
  return !item || item.notApplicable ? '' : item.score
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
  yield csvLine(['id', 'name', 'total', 'grade', 'rank', 'eligible', ...items.map((i) => i.id)])
  for (const s of result.subjects)
    yield csvLine([s.subject.id, s.subject.name ?? '', s.total, s.grade ?? '', s.rank === undefined ? '' : String(s.rank), String(s.eligible), ...items.map((i) => scoreOf(s, i.id))])
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

/** The cohort as a GitHub-flavoured Markdown table: rank, id, name, total, grade, eligible, the top-level items. */
export function cohortMarkdown(result: CohortResult): string {
  const items = topItems(result)
  const hasMoney = result.subjects.some((s) => s.money)
  const headers = ['rank 排名', 'id', 'name 名稱', 'total 總分', 'grade 等次', 'eligible 資格', ...items.map((i) => `${i.title} (${i.max})`), ...(hasMoney ? ['net 獎懲淨額'] : [])]
  const align = ['---:', '---', '---', '---:', '---', '---', ...items.map(() => '---:'), ...(hasMoney ? ['---:'] : [])]
  const row = (cells: string[]) => `| ${cells.map(md).join(' | ')} |\n`
  let out = `**${md(result.rubric.title)}** [${result.rubric.id}]${result.asOf ? ` as of ${result.asOf}` : ''}\n\n`
  out += row(headers) + `|${align.join('|')}|\n`
  for (const s of result.subjects)
    out += row([
      s.rank === undefined ? '' : String(s.rank),
      `\`${s.subject.id}\``,
      s.subject.name ?? '',
      s.total,
      s.grade ?? '—',
      s.eligible ? 'yes' : `no: ${s.gates.filter((g) => !g.passed).map((g) => g.id).join(', ')}`,
      ...items.map((i) => scoreOf(s, i.id) || 'n/a'),
      ...(hasMoney ? [s.money?.net ?? ''] : []),
    ])
  return out
}
