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
  const items = topItems(result)
  let out = csvLine(['id', 'name', 'total', 'grade', 'rank', 'eligible', ...items.map((i) => i.id)])
  for (const s of result.subjects)
    out += csvLine([s.subject.id, s.subject.name ?? '', s.total, s.grade ?? '', s.rank === undefined ? '' : String(s.rank), String(s.eligible), ...items.map((i) => scoreOf(s, i.id))])
  return out
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
