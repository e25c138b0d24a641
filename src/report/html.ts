/**
 * A scored cohort as one printable HTML file (`kaoping report`): the cohort table (sortable, filterable), a chart of
 * section scores, and a score sheet per subject in the shape of a 考核評分表, with every number's trail.
 *
 * The file needs nothing from the network: styles and the one script are inline, the chart is inline SVG, fonts are
 * the system's. A Content-Security-Policy allows only that script (by its hash) and inline styles, so even text that
 * got through unescaped could not load or run anything. Every text from the rubric or the evidence is escaped, and
 * no data goes into the script: it reads the table.
 *
 * The DOM other tools rely on (the end-to-end test): `table#cohort`; `th[data-key] button` sorts by that column
 * (ascending, then descending), `aria-sort` on the sorted th; `tr[data-subject]`; `td[data-key]` whose text is the
 * result's decimal string as it is (or — when not applicable), with `data-value` for sorting; `input#filter`;
 * `select#grade-filter`; `svg#chart`; `section.sheet[data-subject]`.
 */
import type { Adjustment, CohortResult, Difference, ItemResult, MoneyLine, SubjectResult, Trail } from '../evaluate/result'
import { parseFixed } from '../num/fixed'
import { escapeHtml as esc, sectionChart, type ChartBar } from './chart'
import { trailLines, type TrailLine } from './explain'

export interface HtmlReportOptions {
  /** Applied to the rubric's own texts and the report's labels (simplified or traditional script); identity by default. */
  convert?: (text: string) => string
  /** The page's title and heading, instead of the rubric's title. */
  title?: string
  /** When the report was made, as the caller says (the report has no clock). */
  generatedAt?: string
  /** The rubric's grades, best first (`grades.order`): the grade filter lists them, and the grade column sorts by them. */
  grades?: readonly string[]
}

/** What every part of the page reads. */
interface Page {
  cohort: CohortResult
  /** Converts a rubric text (escape it after). */
  t: (text: string) => string
  /** A fixed label, converted and escaped. */
  l: (label: string) => string
  /** By rank. */
  subjects: SubjectResult[]
  /** The top-level items, as the first subject's result has them (the same for every subject of a rubric). */
  items: ItemResult[]
  grades: readonly string[]
  /** Whether `grades` is the rubric's order (so grades sort by it) rather than only those found. */
  ordered: boolean
  hasGrades: boolean
  hasMoney: boolean
  hasGroups: boolean
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** The report as one HTML document. Pure: the same cohort and options give the same text. */
export function htmlReport(cohort: CohortResult, options: HtmlReportOptions = {}): string {
  if (!isRecord(cohort) || !Array.isArray(cohort.subjects) || !isRecord(cohort.rubric))
    return document('kaoping', '<p>htmlReport takes the value of evaluateCohort (a CohortResult).</p>')
  const page = pageOf(cohort, options)
  const title = options.title ?? `${page.t(cohort.rubric.title)} [${cohort.rubric.id}]`
  const body: string[] = [header(page, title, options.generatedAt), '<main>', cohortPart(page), chartPart(page), cohortNotes(page)]
  page.subjects.forEach((s, i) => body.push(sheet(page, s, i)))
  body.push('</main>')
  return document(title, body.join('\n'))
}

function pageOf(cohort: CohortResult, options: HtmlReportOptions): Page {
  const t = options.convert ?? ((text: string) => text)
  const subjects = byRank(cohort.subjects)
  // the grades given, best first: by the best rank that has each
  const found = [...new Set(subjects.map((s) => s.grade).filter((g): g is string => g !== null))]
  const ordered = options.grades !== undefined && found.every((g) => options.grades!.includes(g))
  return {
    cohort,
    t,
    l: (label) => esc(t(label)),
    subjects,
    items: subjects[0]?.items ?? [],
    grades: ordered ? options.grades! : found,
    ordered,
    hasGrades: subjects.some((s) => s.gradeBasis !== 'none') || found.length > 0 || (options.grades?.length ?? 0) > 0,
    hasMoney: subjects.some((s) => s.money !== undefined),
    hasGroups: subjects.some((s) => s.group !== undefined),
  }
}

/** Rank ascending, subjects without a rank last; ties keep their order in the input. */
function byRank(subjects: readonly SubjectResult[]): SubjectResult[] {
  const rank = (s: SubjectResult) => (typeof s.rank === 'number' ? s.rank : Number.MAX_SAFE_INTEGER)
  return subjects
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
    .map((x) => x.s)
}

function document(title: string, body: string): string {
  // only the script below (by its hash) and inline styles; no source of anything else, not even this file's folder
  const csp = `default-src 'none'; script-src '${COHORT_SCRIPT_HASH}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`
  return `<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kaoping">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
<script>${COHORT_SCRIPT}</script>
</body>
</html>
`
}

function header(page: Page, title: string, generatedAt: string | undefined): string {
  const { l, cohort } = page
  const period = page.subjects.find((s) => s.period)?.period
  const facts = [
    `${l('評價日期')} ${esc(cohort.asOf ?? '—')}`,
    ...(period ? [`${l('考評期間')} ${esc(period.from ?? '…')} – ${esc(period.to ?? '…')}`] : []),
    `${l('考評對象')} ${cohort.subjects.length}`,
    ...(cohort.refused?.length ? [`${l('未受理')} ${cohort.refused.length}`] : []),
    ...(generatedAt !== undefined ? [`${l('生成於')} ${esc(generatedAt)}`] : []),
  ]
  return `<header><h1>${esc(title)}</h1><p class="meta">${facts.join(' · ')}</p></header>`
}

// --- the cohort table --------------------------------------------------------------------------------------------

/** A cell: its text (escaped HTML) and, for sorting, its value (absent: sort by the text; '' sorts last). */
interface Cell {
  html: string
  value?: string
  numeric?: boolean
}

interface Column {
  key: string
  /** The heading, escaped HTML. */
  head: string
  sort: 'number' | 'text'
  cell(s: SubjectResult, items: Map<string, ItemResult>): Cell
}

const NONE = '—'

/** A decimal cell: its text is the result's string as it is. */
const decimal = (v: string | undefined): Cell => (v === undefined ? { html: NONE, value: '', numeric: true } : { html: esc(v), value: v, numeric: true })

function columns(page: Page): Column[] {
  const { t, l } = page
  const cols: Column[] = [
    { key: 'rank', head: l('排名'), sort: 'number', cell: (s) => decimal(typeof s.rank === 'number' ? String(s.rank) : undefined) },
    { key: 'id', head: l('編號'), sort: 'text', cell: (s) => ({ html: esc(s.subject.id) }) },
    { key: 'name', head: l('名稱'), sort: 'text', cell: (s) => (s.subject.name ? { html: esc(s.subject.name) } : { html: '', value: '' }) },
  ]
  if (page.hasGroups) cols.push({ key: 'group', head: l('組別'), sort: 'text', cell: (s) => (s.group !== undefined ? { html: esc(s.group) } : { html: '', value: '' }) })
  for (const item of page.items)
    cols.push({
      key: `item:${item.id}`,
      head: `${esc(t(item.title))} <span class="max">(${esc(item.max)}${item.bonus !== undefined ? `+${esc(item.bonus)}` : ''})</span>`,
      sort: 'number',
      cell: (_, items) => {
        const own = items.get(item.id)
        return decimal(own && !own.notApplicable ? own.score : undefined)
      },
    })
  cols.push({ key: 'total', head: l('總分'), sort: 'number', cell: (s) => decimal(s.total) })
  if (page.hasGrades) cols.push({ key: 'grade', head: l('等次'), sort: page.ordered ? 'number' : 'text', cell: (s) => gradeCell(page, s.grade) })
  cols.push({ key: 'eligible', head: l('資格'), sort: 'number', cell: (s) => ({ html: eligibility(page, s), value: s.eligible ? '1' : '0' }) })
  if (page.hasMoney)
    cols.push(
      { key: 'reward', head: l('獎勵'), sort: 'number', cell: (s) => decimal(s.money?.rewardTotal) },
      { key: 'penalty', head: l('處罰'), sort: 'number', cell: (s) => decimal(s.money?.penaltyTotal) },
      { key: 'net', head: l('淨額'), sort: 'number', cell: (s) => decimal(s.money?.net) },
    )
  return cols
}

function gradeCell(page: Page, grade: string | null): Cell {
  if (grade === null) return { html: NONE, value: '' }
  // by the rubric's order (best first) when it is known, else by the text
  return page.ordered ? { html: esc(page.t(grade)), value: String(page.grades.indexOf(grade)) } : { html: esc(page.t(grade)) }
}

/** 符合 / 不符合, with the failed gates' titles and reasons, the grades barred and places lowered. */
function eligibility(page: Page, s: SubjectResult): string {
  const { t, l } = page
  const reasons = s.gates.filter((g) => !g.passed).map((g) => `<span class="reason">✗ ${esc(t(g.title))}: ${esc(g.reason)}</span>`)
  if (s.barred?.length) reasons.push(`<span class="reason">${l('不得評')} ${s.barred.map((g) => esc(t(g))).join('、')}</span>`)
  if (s.lowered) reasons.push(`<span class="reason">${l('降')} ${s.lowered} ${l('級')}</span>`)
  return `${s.eligible ? l('符合') : l('不符合')}${reasons.join('')}`
}

function cohortPart(page: Page): string {
  const { l } = page
  const cols = columns(page)
  const out: string[] = ['<section id="cohort-part">', `<h2>${l('考評結果')}</h2>`, controls(page)]
  out.push('<div class="table-wrap"><table id="cohort"><thead><tr>')
  for (const c of cols) out.push(`<th scope="col" data-key="${esc(c.key)}" data-sort="${c.sort}"${c.key === 'rank' ? ' aria-sort="ascending"' : ''}><button type="button">${c.head}</button></th>`)
  out.push('</tr></thead><tbody>')
  page.subjects.forEach((s, i) => {
    const items = new Map(s.items.map((item) => [item.id, item]))
    out.push(`<tr data-subject="${esc(s.subject.id)}"${s.grade !== null ? ` data-grade="${esc(s.grade)}"` : ''}>`)
    for (const c of cols) {
      const cell = c.cell(s, items)
      const html = c.key === 'id' ? `<a href="#sheet-${i + 1}">${cell.html}</a>` : cell.html
      out.push(`<td data-key="${esc(c.key)}"${cell.value !== undefined ? ` data-value="${esc(cell.value)}"` : ''}${cell.numeric ? ' class="num"' : ''}>${html}</td>`)
    }
    out.push('</tr>')
  })
  out.push('</tbody></table></div></section>')
  return out.join('')
}

function controls(page: Page): string {
  const { t, l } = page
  const grades = page.hasGrades
    ? `<label>${l('等次')} <select id="grade-filter"><option value="">${l('全部')}</option>${page.grades.map((g) => `<option value="${esc(g)}">${esc(t(g))}</option>`).join('')}</select></label>`
    : ''
  return `<div class="controls"><label>${l('篩選')} <input id="filter" type="search" autocomplete="off" placeholder="${l('名稱、編號、等次…')}"></label>${grades}<output id="shown" aria-live="polite">${page.subjects.length} / ${page.subjects.length}</output></div>`
}

function chartPart(page: Page): string {
  const { t, l } = page
  const bars: ChartBar[] = page.subjects.map((s) => {
    const items = new Map(s.items.map((item) => [item.id, item]))
    return {
      label: s.subject.name ?? s.subject.id,
      total: s.total,
      scores: page.items.map((item) => {
        const own = items.get(item.id)
        return own && !own.notApplicable ? own.score : undefined
      }),
    }
  })
  const first = page.subjects[0]
  const chart = sectionChart(
    bars,
    page.items.map((i) => ({ title: t(i.title), max: i.bonus !== undefined ? `${i.max}+${i.bonus}` : i.max })),
    first?.max ?? '0',
    first?.bonus,
    // the chart escapes its texts itself
    { title: t('各分項得分'), description: t('每個考評對象一條橫條,按排名;各段為一個分項的得分,編號見圖例;虛線為滿分。'), empty: t('本辦法沒有計分項目。'), maxLabel: t('滿分') },
  )
  return `<section id="chart-part"><h2>${l('各分項得分')}</h2><div class="chart-wrap">${chart}</div></section>`
}

/** The cohort's own quotas, the subjects refused, and the cohort's warnings. */
function cohortNotes(page: Page): string {
  const { t, l, cohort } = page
  const out: string[] = []
  if (cohort.cohortQuotas?.length) {
    out.push(`<h3>${l('整體任務')}</h3>`, table([l('任務'), l('要求'), l('完成'), l('差額'), l('結果')], cohort.cohortQuotas.map((q) => [esc(t(q.title)), num(q.required), num(String(q.count)), num(String(q.shortfall)), q.met ? `✓ ${l('完成')}` : `✗ ${l('未完成')}`])))
  }
  if (cohort.refused?.length) {
    out.push(`<h3>${l('未受理')}</h3>`, table([l('序號'), l('編號'), l('原因')], cohort.refused.map((r) => [num(String(r.index + 1)), esc(r.id ?? NONE), r.diagnostics.map((d) => esc(`${d.code}: ${d.message}`)).join('<br>')])))
  }
  if (cohort.warnings?.length) out.push(`<h3>${l('提示')}</h3>`, list(cohort.warnings.map((w) => esc(`${w.code}: ${w.message}`))))
  return out.length ? `<section id="cohort-notes">${out.join('')}</section>` : ''
}

// --- the score sheets ----------------------------------------------------------------------------------------------

function sheet(page: Page, s: SubjectResult, index: number): string {
  const who = s.subject.name ? `${esc(s.subject.name)} <span class="id">${esc(s.subject.id)}</span>` : esc(s.subject.id)
  const out: string[] = [`<section class="sheet" data-subject="${esc(s.subject.id)}" id="sheet-${index + 1}">`]
  out.push(`<h2>${who}</h2>`, `<p class="meta">${sheetFacts(page, s).join(' · ')}</p>`)
  if (s.items.length) out.push(scoreTable(page, s))
  out.push(outcome(page, s), quotas(page, s), money(page, s), findings(page, s), periods(page, s), adjustments(page, s), warnings(page, s))
  out.push('</section>')
  return out.join('')
}

/** The 考核評分表 proper: a row per item, nested items indented, then the total. */
function scoreTable(page: Page, s: SubjectResult): string {
  const { l } = page
  const self = s.self
  const diffs = new Map((s.differences ?? []).map((d) => [d.item, d]))
  const heads = [l('項目'), l('依據'), l('分值'), l('得分'), ...(self ? [l('自評'), l('差額')] : []), l('扣分及理由')]
  const out: string[] = [`<table class="score-sheet"><thead><tr>${heads.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>`]
  for (const item of s.items) itemRows(page, item, 0, self?.items, diffs, out)
  const max = `${esc(s.max)}${s.bonus !== undefined ? `+${esc(s.bonus)}` : ''}`
  // the total before the rubric's final rounding, when rounding changed it
  const exact = parseFixed(s.exactTotal) !== parseFixed(s.total) ? `<div class="trail">${l('未舍入')} ${esc(s.exactTotal)}</div>` : ''
  out.push(`<tr class="total"><th scope="row">${l('合計')}</th><td></td><td class="num">${max}</td><td class="num">${esc(s.total)}</td>${self ? `<td class="num">${esc(self.total)}</td><td></td>` : ''}<td>${exact}</td></tr>`)
  out.push('</tbody></table>')
  return out.join('')
}

function sheetFacts(page: Page, s: SubjectResult): string[] {
  const { t, l } = page
  return [
    `${esc(t(s.rubric.title))} [${esc(s.rubric.id)}]`,
    ...(s.asOf ? [`${l('評價日期')} ${esc(s.asOf)}`] : []),
    ...(s.period ? [`${l('考評期間')} ${esc(s.period.from ?? '…')} – ${esc(s.period.to ?? '…')}`] : []),
    `${l('總分')} <b>${esc(s.total)}</b> / ${esc(s.max)}${s.bonus !== undefined ? ` (+${esc(s.bonus)})` : ''}`,
    ...(typeof s.rank === 'number' ? [`${l('排名')} ${s.rank}`] : []),
    ...(page.hasGrades ? [`${l('等次')} <b>${s.grade === null ? NONE : esc(t(s.grade))}</b>`] : []),
    ...(s.group !== undefined ? [`${l('組別')} ${esc(s.group)}`] : []),
  ]
}

/** An item's row, then its items' rows, indented by depth. */
function itemRows(page: Page, item: ItemResult, depth: number, self: Record<string, string> | undefined, diffs: Map<string, Difference>, out: string[]): void {
  const { t } = page
  const kind = item.items ? 'section' : 'leaf'
  const score = item.notApplicable ? NONE : esc(item.score)
  const selfCells = self ? `<td class="num">${self[item.id] !== undefined ? esc(self[item.id]!) : ''}</td><td class="num">${diffs.has(item.id) ? esc(signed(diffs.get(item.id)!.difference)) : ''}</td>` : ''
  out.push(
    `<tr class="${kind}" data-item="${esc(item.id)}"><th scope="row" class="item" style="--d:${depth}">${esc(t(item.title))}</th>` +
      `<td class="src">${item.source ? esc(t(item.source)) : ''}</td>` +
      `<td class="num">${esc(item.max)}${item.bonus !== undefined ? `<span class="bonus">+${esc(item.bonus)}</span>` : ''}</td>` +
      `<td class="num">${score}</td>${selfCells}<td>${reasons(page, item)}</td></tr>`,
  )
  for (const child of item.items ?? []) itemRows(page, child, depth + 1, self, diffs, out)
}

/** A difference as a change: + when the self-assessment is higher. */
const signed = (d: string): string => (d.startsWith('-') ? d : `+${d}`)

/** The 扣分及理由 cell: the trail (the words of `explain`), 不適用, the note, a manual adjustment. */
function reasons(page: Page, item: ItemResult): string {
  const { t, l } = page
  const out: string[] = []
  if (item.notApplicable) out.push(line(l('不適用'), item.notApplicable === 'rescale' ? l('不計入,所在部分按比例折算') : l('計0分'), 'note'))
  if (item.adjustment) out.push(`<div class="adj">${adjustmentText(page, item.adjustment, item.computed, item.score)}</div>`)
  if (item.trail) out.push(trail(page, item.trail))
  if (item.note) out.push(line(l('說明'), esc(t(item.note)), 'note'))
  return out.join('')
}

/** Each trail line's label on a score sheet (證據, not 依據: 依據 is the sheet's clause column). */
const SHEET_LABELS: Record<Exclude<TrailLine['kind'], 'period'>, string> = { rule: '規則', evidence: '證據', computed: '計算值', requires: '前提', arithmetic: '計算', bounds: '界限' }

function trail(page: Page, tr: Trail): string {
  const { l } = page
  const out = trailLines(tr).map((x) => (x.kind === 'period' ? line(esc(x.label ?? ''), esc(x.text), 'period') : line(l(SHEET_LABELS[x.kind]), esc(x.text))))
  return `<div class="trail">${out.join('')}</div>`
}

const line = (label: string, html: string, cls?: string): string => `<div${cls ? ` class="${cls}"` : ''}><b>${label}</b> ${html}</div>`

/** 人工調整 computed → score (調整為 to | 調整 by); 理由; 審批; 日期. */
function adjustmentText(page: Page, a: Adjustment, computed: string | undefined, score: string | undefined): string {
  const { l } = page
  const change = a.to !== undefined ? `${l('調整為')} ${esc(a.to)}` : `${l('調整')} ${esc(signed(a.by ?? '0'))}`
  const from = computed !== undefined && score !== undefined ? `${esc(computed)} → ${esc(score)} ` : ''
  return `<b>${l('人工調整')}</b> ${from}(${change}); ${l('理由')}: ${esc(a.reason)}; ${l('審批')}: ${esc(a.approver)}${a.date ? `; ${l('日期')}: ${esc(a.date)}` : ''}`
}

function outcome(page: Page, s: SubjectResult): string {
  const { t, l } = page
  const out: string[] = []
  if (s.gates.length) {
    out.push(`<h3>${l('資格條件')}: ${s.eligible ? l('符合') : l('不符合')}</h3>`)
    out.push(
      list(
        s.gates.map((g) => {
          const bars = !g.passed && g.bars?.length ? ` (${l('不得評')} ${g.bars.map((b) => esc(t(b))).join('、')})` : ''
          return `${g.passed ? `✓ ${l('通過')}` : `✗ ${l('未通過')}`} ${esc(t(g.title))}${g.source ? ` [${esc(t(g.source))}]` : ''}: ${esc(g.reason)}${bars}`
        }),
        'gates',
      ),
    )
  }
  if (page.hasGrades) {
    const basis = { threshold: '分數線', quota: '名額', ineligible: '不符合資格', none: '未評', provisional: '待全體排名' }[s.gradeBasis] ?? s.gradeBasis
    const lowered = s.lowered ? `; ${l('降')} ${s.lowered} ${l('級')}` : ''
    out.push(`<h3>${l('等次')}: ${s.grade === null ? NONE : esc(t(s.grade))}</h3><p>${l(basis)}${lowered}: ${esc(s.gradeReason)}</p>`)
  }
  return out.join('')
}

function quotas(page: Page, s: SubjectResult): string {
  const { t, l } = page
  if (!s.quotas?.length) return ''
  const rows = s.quotas.map((q) => {
    const short = q.periods?.filter((p) => p.short > 0).map((p) => `${p.period} ${p.count}/${p.required}`) ?? []
    const required = `${q.required}${q.periods ? ` ${t('每期')}` : ''}${q.overridden ? ` (${t('本單位')})` : ''}`
    return [`${esc(t(q.title))}${q.source ? ` [${esc(t(q.source))}]` : ''}`, esc(required), num(String(q.count)), num(String(q.shortfall)), esc(short.join(', '))]
  })
  return `<h3>${l('任務')}</h3>` + table([l('任務'), l('要求'), l('完成'), l('差額'), l('未完成的分期')], rows)
}

function money(page: Page, s: SubjectResult): string {
  const { t, l } = page
  const m = s.money
  if (!m) return ''
  const row = (kind: string, ml: MoneyLine) => {
    // one piece adopted at several levels: rewarded once, at the level kept
    const dup = (ml.duplicates ?? []).map((d) => `<div class="trail">${esc(d.key)}: ${l('按')} ${esc(d.kept)} ${l('計一次')}, ${l('不再計')} ${esc(d.dropped.join(', '))}</div>`).join('')
    return [kind, `${esc(t(ml.title))}${ml.source ? ` [${esc(t(ml.source))}]` : ''}`, num(ml.amount), esc(ml.detail) + dup]
  }
  const rows = [...m.rewards.map((ml) => row(l('獎勵'), ml)), ...m.penalties.map((ml) => row(l('處罰'), ml))]
  rows.push([`<b>${l('合計')}</b>`, '', num(m.net), esc(`${t('獎勵')} ${m.rewardTotal} − ${t('處罰')} ${m.penaltyTotal} = ${t('淨額')} ${m.net}`)])
  return `<h3>${l('獎懲')} (${esc(m.currency)})</h3>` + table([l('類別'), l('項目'), l('金額'), l('計算')], rows)
}

function findings(page: Page, s: SubjectResult): string {
  const { t, l } = page
  if (!s.findings?.length) return ''
  const value = (v: string | boolean | null) => (v === null ? NONE : v === true ? `✓ ${l('是')}` : v === false ? `✗ ${l('否')}` : esc(v))
  return `<h3>${l('事項')}</h3>` + table([l('事項'), l('依據'), l('結果'), l('理由')], s.findings.map((f) => [esc(t(f.title)), f.source ? esc(t(f.source)) : '', value(f.value), esc(f.reason ?? '')]))
}

function periods(page: Page, s: SubjectResult): string {
  const { l } = page
  if (!s.periods?.length) return ''
  return `<h3>${l('分期')}</h3>` + table([l('分期'), l('總分')], s.periods.map((p) => [esc(p.period), num(p.total)]))
}

/** Every adjustment of the subject (an adjustment of the total shows only here). */
function adjustments(page: Page, s: SubjectResult): string {
  const { t, l } = page
  if (!s.adjustments?.length) return ''
  const titles = new Map<string, string>()
  const walk = (items: readonly ItemResult[]) => items.forEach((i) => (titles.set(i.id, i.title), walk(i.items ?? [])))
  walk(s.items)
  const rows = s.adjustments.map((a) => [
    a.item === 'total' ? l('總分') : esc(t(titles.get(a.item) ?? a.item)),
    a.to !== undefined ? `${l('調整為')} ${esc(a.to)}` : `${l('調整')} ${esc(signed(a.by ?? '0'))}`,
    esc(a.reason),
    esc(a.approver),
    esc(a.date ?? ''),
  ])
  return `<h3>${l('人工調整')}</h3>` + table([l('項目'), l('調整'), l('理由'), l('審批'), l('日期')], rows)
}

function warnings(page: Page, s: SubjectResult): string {
  const shown = s.warnings.filter((w) => w.severity !== 'info')
  return shown.length ? `<h3>${page.l('提示')}</h3>` + list(shown.map((w) => esc(`${w.code}: ${w.message}`))) : ''
}

// --- small pieces ----------------------------------------------------------------------------------------------------

/** A number in a detail table: right-aligned, its text as the result gives it. */
interface Num {
  num: string
}
const num = (v: string): Num => ({ num: v })

/** A plain table: cells of escaped HTML, or numbers. */
function table(heads: readonly string[], rows: readonly (readonly (string | Num)[])[]): string {
  const cell = (c: string | Num) => (typeof c === 'string' ? `<td>${c}</td>` : `<td class="num">${esc(c.num)}</td>`)
  const body = rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')
  return `<table class="detail"><thead><tr>${heads.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`
}

const list = (items: readonly string[], cls?: string): string => `<ul${cls ? ` class="${cls}"` : ''}>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`

// --- style and script ------------------------------------------------------------------------------------------------

/** System fonts only: the CJK faces Linux, Windows and macOS ship, then the generic family. */
const FONTS = `"Noto Sans CJK SC", "Noto Sans CJK TC", "Source Han Sans SC", "Source Han Sans TC", "Source Han Sans", "Microsoft YaHei", "Microsoft JhengHei", "PingFang SC", "PingFang TC", "Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif`

const STYLE = `
:root { color-scheme: light; }
body { font-family: ${FONTS}; font-size: 14px; line-height: 1.5; color: #111; background: #fff; margin: 0 auto; max-width: 1280px; padding: 16px 24px 48px; }
h1 { font-size: 1.5em; margin: 0.3em 0; }
h2 { font-size: 1.2em; margin: 1.2em 0 0.4em; }
h3 { font-size: 1em; margin: 1em 0 0.3em; }
.meta { color: #333; margin: 0.2em 0 0.8em; }
.id { color: #555; font-weight: normal; font-size: 0.85em; }
.controls { display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: center; margin: 8px 0 12px; }
.controls input, .controls select { font: inherit; padding: 3px 8px; border: 1px solid #777; border-radius: 3px; background: #fff; color: #111; }
.controls input { min-width: 16em; }
#shown { color: #555; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #888; padding: 3px 6px; text-align: left; vertical-align: top; }
thead th { background: #eee; font-weight: 600; vertical-align: bottom; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
#cohort th .max { font-weight: normal; color: #444; font-size: 0.85em; white-space: nowrap; }
#cohort th button { all: unset; cursor: pointer; display: block; }
#cohort th button:focus-visible { outline: 2px solid #000; outline-offset: 2px; }
#cohort th button::after { content: " \\2195"; color: #999; }
#cohort th[aria-sort="ascending"] button::after { content: " \\25B2"; color: #000; }
#cohort th[aria-sort="descending"] button::after { content: " \\25BC"; color: #000; }
#cohort tbody tr:hover { background: #f6f6f6; }
#cohort .reason { display: block; font-size: 0.85em; color: #333; }
#cohort a { color: inherit; }
#cohort td[data-key="id"] { white-space: nowrap; }
.chart-wrap { overflow-x: auto; }
#chart { max-width: 100%; height: auto; }
#chart text { font-family: ${FONTS}; font-size: 12px; fill: #000; }
#chart .chart-small { font-size: 10px; }
#chart .chart-total { paint-order: stroke; stroke: #fff; stroke-width: 3px; }
#chart .chart-num { font-size: 10px; font-weight: 700; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.sheet { margin-top: 40px; padding-top: 8px; border-top: 2px solid #222; }
.score-sheet th[scope="row"] { font-weight: normal; }
.score-sheet thead th, table.detail thead th { white-space: nowrap; }
.score-sheet .src { min-width: 5.5em; }
.score-sheet .item { min-width: 12em; }
.score-sheet .item { padding-left: calc(6px + var(--d, 0) * 1.4em); }
.score-sheet tr.section > th, .score-sheet tr.section > td.num { font-weight: 700; }
.score-sheet tr.total > * { font-weight: 700; border-top: 2px solid #000; }
.score-sheet .bonus { color: #444; font-size: 0.85em; }
.trail { font-size: 0.85em; color: #222; }
.trail b, .note b, .adj b { font-weight: 600; margin-right: 0.25em; }
.trail .period { padding-left: 1em; }
.note { font-size: 0.85em; color: #444; }
.adj { border-left: 3px double #000; padding-left: 4px; margin: 2px 0; }
table.detail { margin-bottom: 0.6em; }
ul.gates { padding-left: 1.2em; margin: 0.2em 0; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; color: #000; background: #fff; }
  .controls { display: none !important; }
  #cohort th button { cursor: auto; }
  #cohort th button::after { content: none !important; }
  #cohort tbody tr:hover { background: none; }
  #cohort { font-size: 8.5pt; }
  #cohort-part, #chart-part { break-after: auto; }
  .table-wrap, .chart-wrap { overflow: visible; }
  #chart { width: 100%; break-inside: avoid; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  th, td { border-color: #000; }
  thead th { background: #fff; border-bottom: 1.5pt solid #000; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .sheet { break-before: page; page-break-before: always; margin-top: 0; padding-top: 0; border-top: 0; }
  a { color: #000; text-decoration: none; }
  .id, .meta, .trail, .note, #cohort .reason, #cohort th .max, .score-sheet .bonus { color: #000; }
}
`

/**
 * The page's one script: sorts the cohort table by a column (a header's button; ascending, then descending; decimal
 * strings compared exactly, digit by digit; cells without a value last), and filters its rows by the text typed and
 * the grade chosen. It reads only the table: no data is ever written into it. Its hash is in the page's
 * Content-Security-Policy (tests/report-html.test.ts checks that the two agree).
 */
const COHORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var table = document.getElementById('cohort');
  if (!table || !table.tHead || !table.tBodies[0]) return;
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  var rows = Array.prototype.slice.call(body.rows);
  var texts = rows.map(function (r) {
    return Array.prototype.map.call(r.cells, function (c) { return c.textContent; }).join('\n').toLowerCase();
  });
  var collator = typeof Intl === 'object' ? new Intl.Collator('zh', { numeric: true }) : null;

  function magnitude(a, b) {
    var pa = a.split('.'), pb = b.split('.');
    var ia = pa[0].replace(/^0+/, ''), ib = pb[0].replace(/^0+/, '');
    if (ia.length !== ib.length) return ia.length < ib.length ? -1 : 1;
    if (ia !== ib) return ia < ib ? -1 : 1;
    var fa = pa[1] || '', fb = pb[1] || '';
    while (fa.length < fb.length) fa += '0';
    while (fb.length < fa.length) fb += '0';
    return fa === fb ? 0 : fa < fb ? -1 : 1;
  }
  function decimal(a, b) {
    var na = a.charAt(0) === '-' && /[1-9]/.test(a), nb = b.charAt(0) === '-' && /[1-9]/.test(b);
    if (na !== nb) return na ? -1 : 1;
    var c = magnitude(a.replace(/^[-+]/, ''), b.replace(/^[-+]/, ''));
    return na ? -c : c;
  }
  function valueOf(cell) {
    return cell.hasAttribute('data-value') ? cell.getAttribute('data-value') : cell.textContent;
  }
  function text(a, b) {
    return collator ? collator.compare(a, b) : a < b ? -1 : a > b ? 1 : 0;
  }
  function sortBy(th, direction) {
    var col = th.cellIndex, numeric = th.getAttribute('data-sort') === 'number';
    var keyed = rows.map(function (r, i) { return { row: r, i: i, v: valueOf(r.cells[col]) }; });
    keyed.sort(function (x, y) {
      var ex = x.v === '', ey = y.v === '';
      if (ex || ey) return ex === ey ? x.i - y.i : ex ? 1 : -1;
      var c = numeric ? decimal(x.v, y.v) : text(x.v, y.v);
      return (direction === 'descending' ? -c : c) || x.i - y.i;
    });
    keyed.forEach(function (k) { body.appendChild(k.row); });
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute('aria-sort');
    th.setAttribute('aria-sort', direction);
  }
  table.tHead.addEventListener('click', function (e) {
    var button = e.target && e.target.closest ? e.target.closest('button') : null;
    var th = button ? button.closest('th[data-key]') : null;
    if (th) sortBy(th, th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending');
  });

  var filter = document.getElementById('filter');
  var grade = document.getElementById('grade-filter');
  var shown = document.getElementById('shown');
  function apply() {
    var q = filter ? filter.value.trim().toLowerCase() : '', g = grade ? grade.value : '', n = 0;
    rows.forEach(function (r, i) {
      var show = (!q || texts[i].indexOf(q) !== -1) && (!g || r.getAttribute('data-grade') === g);
      r.hidden = !show;
      if (show) n++;
    });
    if (shown) shown.textContent = n + ' / ' + rows.length;
  }
  if (filter) filter.addEventListener('input', apply);
  if (grade) grade.addEventListener('change', apply);
  apply();
})();
`

/** The script's SHA-256, as the Content-Security-Policy names it. */
const COHORT_SCRIPT_HASH = 'sha256-n55px8ve0ob3c+AEmtVaZLzXosCEgUHLTrjBMIXBYJ4='
