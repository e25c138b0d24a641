// The HTML report (src/report/html.ts) of real rubrics' examples: the cohort table's cells against the hand-worked
// expected.json, the score sheets, the chart, escaping, and that the file needs nothing from outside. The DOM read here
// is the contract the headless-browser test relies on: table#cohort, th[data-key] button, tr[data-subject],
// td[data-key] (text exactly as in the JSON), input#filter, select#grade-filter, svg#chart, section.sheet[data-subject].
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { compileRubric, loadRubric, type CohortResult } from '../src/index'
import { htmlReport } from '../src/report/html'
import { reportCommand } from '../src/cli/report'
import { UsageError, type CliIo } from '../src/cli/io'

const root = join(__dirname, '..')

/** The cohort's result as plain data (what `kaoping report` hands to htmlReport), with every trail. */
function cohortOf(rubricId: string, evidence: unknown): CohortResult {
  const file = join(root, 'rubrics', `${rubricId}.yaml`)
  const loaded = loadRubric(readFileSync(file, 'utf8'), { file })
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, null, 2))
  const compiled = compileRubric(loaded.value)
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics, null, 2))
  const r = compiled.value.evaluateCohort(evidence, { trail: true })
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2))
  return JSON.parse(JSON.stringify(r.value)) as CohortResult
}

const example = (id: string) => parse(readFileSync(join(root, 'examples', id, 'evidence.yaml'), 'utf8'))
const expectedOf = (id: string) => JSON.parse(readFileSync(join(root, 'examples', id, 'expected.json'), 'utf8'))

// --- a tiny reader of the report's HTML ---------------------------------------------------------------------------

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
const textOf = (html: string) => unescape(html.replace(/<[^>]*>/g, ''))

function between(html: string, open: RegExp, close: string): string {
  const m = open.exec(html)
  if (!m) throw new Error(`not found: ${open}`)
  const start = m.index + m[0].length
  return html.slice(start, html.indexOf(close, start))
}

const cohortTable = (html: string) => between(html, /<table id="cohort">/, '</table>')

interface Cell {
  text: string
  value: string | undefined
}
interface Row {
  subject: string
  grade: string | undefined
  cells: Map<string, Cell>
  keys: string[]
}

function rows(html: string): Row[] {
  const out: Row[] = []
  for (const m of cohortTable(html).matchAll(/<tr data-subject="([^"]*)"([^>]*)>([\s\S]*?)<\/tr>/g)) {
    const cells = new Map<string, Cell>()
    const keys: string[] = []
    for (const c of m[3]!.matchAll(/<td data-key="([^"]*)"(?: data-value="([^"]*)")?[^>]*>([\s\S]*?)<\/td>/g)) {
      keys.push(unescape(c[1]!))
      cells.set(unescape(c[1]!), { text: textOf(c[3]!), value: c[2] === undefined ? undefined : unescape(c[2]) })
    }
    const grade = /data-grade="([^"]*)"/.exec(m[2]!)?.[1]
    out.push({ subject: unescape(m[1]!), grade: grade === undefined ? undefined : unescape(grade), cells, keys })
  }
  return out
}

/** The cohort table's header cells: data-key, data-sort, aria-sort, and whether the th holds a button. */
function heads(html: string) {
  return [...cohortTable(html).matchAll(/<th ([^>]*)>([\s\S]*?)<\/th>/g)].map((m) => ({
    key: unescape(/data-key="([^"]*)"/.exec(m[1]!)?.[1] ?? ''),
    sort: /data-sort="([^"]*)"/.exec(m[1]!)?.[1],
    ariaSort: /aria-sort="([^"]*)"/.exec(m[1]!)?.[1],
    button: /^<button type="button">[\s\S]*<\/button>$/.test(m[2]!),
  }))
}

/** One subject's score sheet. */
const sheetOf = (html: string, id: string) => between(html, new RegExp(`<section class="sheet" data-subject="${id}"[^>]*>`), '</section>')
const sheetIds = (html: string) => [...html.matchAll(/<section class="sheet" data-subject="([^"]*)"/g)].map((m) => unescape(m[1]!))

/** A sheet's item rows: id → the texts of its cells (項目, 依據, 分值, 得分, [自評, 差額,] 扣分及理由). */
function itemRows(sheet: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const m of sheet.matchAll(/<tr class="(?:section|leaf)" data-item="([^"]*)">([\s\S]*?)<\/tr>/g))
    out.set(unescape(m[1]!), [...m[2]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1]!)))
  return out
}

/** Every row of the tables in `html`, as the texts of its cells. */
const tableRows = (html: string): string[][] => [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1]!)))

const sheetHeads = (sheet: string) => [...between(sheet, /<table class="score-sheet"><thead>/, '</thead>').matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => textOf(m[1]!))

const chartOf = (html: string) => between(html, /<svg id="chart"[^>]*>/, '</svg>')

// --- Xuzhou 2017: facts, quota grades, a tie, an item not applicable ------------------------------------------------

describe('htmlReport: Xuzhou 2017 (examples/xuzhou-statistics-2017)', () => {
  const cohort = cohortOf('xuzhou-statistics-2017', example('xuzhou-statistics-2017'))
  const expected = expectedOf('xuzhou-statistics-2017')
  const html = htmlReport(cohort, { grades: ['優秀', '良好', '合格', '不合格'] })
  const byId = new Map<string, any>(expected.subjects.map((s: any) => [s.id, s]))

  it('lists the subjects by rank, not in the order of the evidence', () => {
    // the evidence starts with fengxian (rank 6). WORKED.md's ranks: 銅山 106 first, 邳州 101, then 新沂 and 經開區
    // tied at 93.05 (both 3; 新沂 comes first in the evidence, so first here), 沛縣 91 fifth, …, 賈汪 50 last
    expect(rows(html).map((r) => r.subject)).toEqual(['tongshan', 'pizhou', 'xinyi', 'kaifaqu', 'peixian', 'fengxian', 'suining', 'gulou', 'yunlong', 'quanshan', 'jiawang'])
    const first = rows(html)[0]!
    expect(first.cells.get('rank')!.text).toBe('1')
    // 銅山: 50 + 46 + 10 = 106, printed with the rubric's 2 places
    expect(first.cells.get('total')).toEqual({ text: '106.00', value: '106.00' })
  })

  it("each cell's text is the JSON result's value, exactly", () => {
    for (const row of rows(html)) {
      const want = byId.get(row.subject)
      expect(row.cells.get('rank')!.text).toBe(String(want.rank))
      expect(row.cells.get('total')!.text).toBe(want.total)
      expect(row.cells.get('total')!.value).toBe(want.total)
      expect(row.cells.get('grade')!.text).toBe(want.grade)
      expect(row.grade).toBe(want.grade)
      for (const id of ['key-targets', 'work-links', 'innovation']) expect(row.cells.get(`item:${id}`), `${row.subject} ${id}`).toEqual({ text: want.items[id], value: want.items[id] })
      expect(row.cells.get('eligible')).toEqual({ text: '符合', value: '1' }) // no gates in this rubric
    }
    // 鼓樓: 三(一)3 不適用, (一) rescaled over 47: 37.2 × 50 ÷ 47 = 40.425532 (six places, as the result gives it)
    expect(rows(html).find((r) => r.subject === 'gulou')!.cells.get('item:key-targets')!.text).toBe('40.425532')
    // 豐縣: 88.025 before rounding, printed 88.03
    expect(rows(html).find((r) => r.subject === 'fengxian')!.cells.get('total')!.text).toBe('88.03')
  })

  it('heads every column with a data-key and a sort button; sorted by rank to begin with', () => {
    const hs = heads(html)
    expect(hs.map((h) => h.key)).toEqual(['rank', 'id', 'name', 'item:key-targets', 'item:work-links', 'item:innovation', 'total', 'grade', 'eligible']) // no money in this rubric
    expect(hs.every((h) => h.button)).toBe(true)
    expect(hs.filter((h) => h.ariaSort).map((h) => [h.key, h.ariaSort])).toEqual([['rank', 'ascending']])
    expect(Object.fromEntries(hs.map((h) => [h.key, h.sort]))).toMatchObject({ rank: 'number', id: 'text', name: 'text', 'item:innovation': 'number', total: 'number', grade: 'number' })
    // every row has one cell per column, in the columns' order (the script sorts by a th's cellIndex)
    for (const r of rows(html)) expect(r.keys).toEqual(hs.map((h) => h.key))
    // grades sort by the rubric's order, best first: 優秀 0 … 不合格 3
    expect(rows(html).map((r) => r.cells.get('grade')!.value)).toEqual(['0', '0', '1', '1', '1', '1', '2', '2', '2', '2', '3'])
  })

  it('has the text filter and the grade filter, with every grade of the rubric', () => {
    expect(html).toMatch(/<input id="filter" type="search"/)
    const select = between(html, /<select id="grade-filter">/, '</select>')
    expect([...select.matchAll(/<option value="([^"]*)">([^<]*)</g)].map((m) => [m[1], m[2]])).toEqual([
      ['', '全部'],
      ['優秀', '優秀'],
      ['良好', '良好'],
      ['合格', '合格'],
      ['不合格', '不合格'],
    ])
  })

  it('ties keep the order of the input, whatever it is', () => {
    const reversed = htmlReport({ ...cohort, subjects: [...cohort.subjects].reverse() })
    // reversed, 經開區 (last in the evidence) comes before 新沂 at the shared rank 3; the rest is by rank as before
    expect(rows(reversed).map((r) => r.subject)).toEqual(['tongshan', 'pizhou', 'kaifaqu', 'xinyi', 'peixian', 'fengxian', 'suining', 'gulou', 'yunlong', 'quanshan', 'jiawang'])
  })

  it('has one score sheet per subject, by rank, with a row per item of the tree', () => {
    expect(sheetIds(html)).toEqual(rows(html).map((r) => r.subject))
    for (const id of sheetIds(html)) {
      const items = itemRows(sheetOf(html, id))
      // expected.json lists every item in the tree's order: 3 sections, 7 + 10 items in the first two, 2 under 三(一)1
      expect([...items.keys()]).toEqual(Object.keys(byId.get(id).items))
      for (const [item, cells] of items) {
        const na = cohort.subjects.find((s) => s.subject.id === id)!.items.flatMap((i) => [i, ...(i.items ?? []), ...(i.items ?? []).flatMap((j) => j.items ?? [])]).find((i) => i.id === item)!.notApplicable
        expect(cells[3], `${id} ${item}`).toBe(na ? '—' : byId.get(id).items[item])
      }
      expect(sheetHeads(sheetOf(html, id))).toEqual(['項目', '依據', '分值', '得分', '扣分及理由']) // nobody assessed themselves here
    }
  })

  it('shows the arithmetic and reasons of each item beside its score', () => {
    const fengxian = itemRows(sheetOf(html, 'fengxian'))
    // 三(一)2: 87.5% is 2.5 points short of 90%; a partial point counts whole (ceil): −3 → 7
    const spot = fengxian.get('township-spot-check')!
    expect(spot.slice(0, 4)).toEqual(['2、鄉鎮街道統計機構規範化管理抽檢', '三(一)2', '10', '7'])
    expect(spot[4]).toContain('above by 0.025 = 2.5 steps → 3 (ceil) × 1 = 3; 10 − 3 = 7')
    expect(spot[4]).toContain('spotCheckShortfall = 0.025')
    // 三(一)6: in the band [0.4, 1) the points are 5 × 0.405 = 2.025
    expect(fengxian.get('chief-statisticians')![4]).toContain('5 × 0.405 = 2.025')
    // 鼓樓's 三(一)3 is 不適用: no score (—), and the sheet says so
    const devZone = itemRows(sheetOf(html, 'gulou')).get('dev-zone-acceptance')!
    expect(devZone[3]).toBe('—')
    expect(devZone[4]).toContain('不適用')
    // the grade, its basis and reason: 豐縣 is 4th of the candidates, within 良好's 3–4 places
    expect(textOf(sheetOf(html, 'fengxian'))).toContain('良好: quota 3–4, total ≥ 0; place 4 of 9 candidates (rank 6), total 88.03')
  })

  it('draws the chart: a bar per subject, a segment per section, a legend, all in text the SVG can be read by', () => {
    const svg = chartOf(html)
    expect(html).toMatch(/<svg id="chart"[^>]* role="img" aria-labelledby="chart-title chart-desc"/)
    expect(svg).toMatch(/<title id="chart-title">各分項得分<\/title>/)
    expect(svg.match(/<g class="bar">/g)).toHaveLength(11)
    expect(svg.match(/<g class="legend">/g)).toHaveLength(3)
    expect(textOf(svg)).toContain('(一)重點目標考評 (50)')
    // the totals shown are the results' strings; 銅山's segments are titled with its scores: 50, 46 and 10
    expect(svg).toContain('>106.00</text>')
    expect(svg).toContain('<title>1 (一)重點目標考評: 50 / 50</title>')
    expect(svg).toContain('<title>3 (三)工作創新創優考評: 10 / 10</title>')
    // coordinates at most 2 places: no float's tail in the file
    expect(svg).not.toMatch(/="-?\d+\.\d{3,}"/)
  })
})

// --- the file itself: self-contained, printable, its script allowed by its own policy --------------------------------

describe('htmlReport: one self-contained file', () => {
  const html = htmlReport(cohortOf('xuzhou-statistics-2017', example('xuzhou-statistics-2017')))

  it('is a UTF-8 document in Chinese, with one inline script and nothing from outside', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh">')).toBe(true)
    expect(html).toContain('<meta charset="utf-8">')
    expect(html.match(/<script/g)).toHaveLength(1)
    expect(html).not.toMatch(/<script\s/) // inline: no src, no type
    // nothing in the script could end it or open a comment the parser would read differently
    expect(between(html, /<script>/, '</script>')).not.toMatch(/<\/|<!--/)
    for (const outside of ['http://', 'https://', 'src=', '@import', 'url(', '<link', '@font-face', '<iframe', '<img']) expect(html, outside).not.toContain(outside)
    // the fonts are the system's CJK faces
    expect(html).toContain('font-family: "Noto Sans CJK SC", "Noto Sans CJK TC", "Source Han Sans SC"')
  })

  it("allows only its own script, by the hash in its Content-Security-Policy", () => {
    const script = between(html, /<script>/, '</script>')
    const hash = createHash('sha256').update(script, 'utf8').digest('base64')
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'`)
    // the script reads the table; no data of the result is in it
    for (const data of ['tongshan', '銅山', '106.00', '優秀']) expect(script).not.toContain(data)
    expect(script).not.toMatch(/\beval\b|new Function|innerHTML/)
  })

  it('prints on A4: table and chart first, a page per subject, headers repeated, rows whole, controls hidden', () => {
    const style = between(html, /<style>/, '</style>')
    expect(style).toContain('@page { size: A4; margin: 15mm; }')
    const print = style.slice(style.indexOf('@media print'))
    expect(print).toContain('.sheet { break-before: page;')
    expect(print).toContain('thead { display: table-header-group; }')
    expect(print).toContain('tr { break-inside: avoid;')
    expect(print).toContain('.controls { display: none !important; }')
    expect(print).toContain('#cohort th button::after { content: none !important; }')
    // the cohort table and the chart come before the first sheet
    expect(html.indexOf('<table id="cohort">')).toBeLessThan(html.indexOf('<svg id="chart"'))
    expect(html.indexOf('<svg id="chart"')).toBeLessThan(html.indexOf('<section class="sheet"'))
  })

  it('grows linearly with the cohort', () => {
    const one = cohortOf('xuzhou-statistics-2017', example('xuzhou-statistics-2017'))
    const times = (n: number): CohortResult => ({
      ...one,
      subjects: Array.from({ length: n }, (_, k) => one.subjects.map((s) => ({ ...s, subject: { ...s.subject, id: `${s.subject.id}-${k}` } }))).flat(),
    })
    const small = htmlReport(times(10)).length
    const large = htmlReport(times(40)).length
    // 4 times the subjects: about 4 times the text (the page's fixed part makes it a little less)
    expect(large / small).toBeGreaterThan(3.8)
    expect(large / small).toBeLessThan(4.05)
  })
})

// --- Xiangdong: records, quotas and money; no scored items, no grades ------------------------------------------------

describe('htmlReport: Xiangdong (examples/xiangdong-civil-affairs-publicity, rewards and penalties)', () => {
  const cohort = cohortOf('xiangdong-civil-affairs-publicity', example('xiangdong-civil-affairs-publicity'))
  const expected = expectedOf('xiangdong-civil-affairs-publicity')
  const html = htmlReport(cohort)

  it('has the money columns, and no grade column or grade filter (the rubric has no grades)', () => {
    expect(heads(html).map((h) => h.key)).toEqual(['rank', 'id', 'name', 'total', 'eligible', 'reward', 'penalty', 'net'])
    expect(html).not.toContain('id="grade-filter"')
    expect(html).toMatch(/<input id="filter" type="search"/)
  })

  it("each subject's reward, penalty and net are the JSON's", () => {
    // every total is 0.00 (no scored items), so all rank 1 and keep the evidence's order
    expect(rows(html).map((r) => r.subject)).toEqual(expected.subjects.map((s: any) => s.id))
    for (const row of rows(html)) {
      const want = expected.subjects.find((s: any) => s.id === row.subject)
      expect(row.cells.get('reward')).toEqual({ text: want.money.rewardTotal, value: want.money.rewardTotal })
      expect(row.cells.get('penalty')).toEqual({ text: want.money.penaltyTotal, value: want.money.penaltyTotal })
      expect(row.cells.get('net')).toEqual({ text: want.money.net, value: want.money.net })
    }
    // 社救局: adoptions 50 + 60 + 60 + 200 + 400 = 770 (SJ-07 rewarded once, at the province's rate); 4 monthly
    // submissions short (Feb 1, May 2, Oct 1) × 50 = 200; 770 − 200 = 570
    const shejiu = rows(html)[0]!
    expect([shejiu.cells.get('reward')!.text, shejiu.cells.get('penalty')!.text, shejiu.cells.get('net')!.text]).toEqual(['770.00', '200.00', '570.00'])
  })

  it("shows each subject's quotas and money lines with their detail on its sheet", () => {
    const sheet = textOf(sheetOf(html, 'shejiu'))
    expect(sheet).toContain('district 1 × 50.00 + city-party 1 × 60.00 + city-civil 1 × 60.00 + province-civil 1 × 200.00 + national-civil 1 × 400.00 = 770.00')
    expect(sheet).toContain('SJ-07: 按 province-civil 計一次, 不再計 district, city-civil')
    expect(sheet).toContain('short 4 of monthly-submissions × 50.00 = 200.00')
    // the months short of 3 submissions: Feb 2, May 1, Oct 2
    expect(sheet).toContain('2017-02 2/3, 2017-05 1/3, 2017-10 2/3')
    expect(sheet).not.toContain('<table class="score-sheet">') // no items to score
    // the cohort's own quotas: 5 other party-press adoptions wanted, 4 made
    expect(tableRows(between(html, /<section id="cohort-notes">/, '</section>'))).toContainEqual(['其他黨報黨刊用稿5篇以上', '5', '4', '1', '✗ 未完成'])
  })

  it('draws an empty chart, saying why', () => {
    expect(chartOf(html)).toContain('本辦法沒有計分項目。')
    expect(chartOf(html)).not.toContain('<g class="bar">')
  })
})

// --- Hubei archives: gates, findings --------------------------------------------------------------------------------

describe('htmlReport: Hubei archives 2011 (examples/hubei-archives-2011, gates that make a subject ineligible)', () => {
  const html = htmlReport(cohortOf('hubei-archives-2011', example('hubei-archives-2011')))

  it('says why a subject is not eligible: the failed gate, its title and reason', () => {
    const byId = new Map(rows(html).map((r) => [r.subject, r]))
    // WORKED.md: 交通運輸局 had 2 incidents within the two years before it applied (2010-07-15 and 2009-03-20): 第五條五 fails
    expect(byId.get('yc-jiaotong')!.cells.get('eligible')).toEqual({ text: '不符合✗ 五、機關兩年內沒有發生檔案丟失、被盜、損毀、失泄密等檔案安全事故: incidents in the 2y before appliedOn: 2 ≤ 0 ✗', value: '0' })
    // 環境保護局's notice ran 6 days, fewer than 7: 第十條三 fails
    expect(byId.get('yc-huanbao')!.cells.get('eligible')).toEqual({ text: '不符合✗ 公示時間不少于7天: noticeFrom → noticeTo: 6 days, at least 7d ✗', value: '0' })
    expect(byId.get('yc-jiaotong')!.cells.get('grade')!.text).toBe('不予確認')
    expect(byId.get('yc-shuili')!.cells.get('eligible')).toEqual({ text: '符合', value: '1' })
  })

  it("lists every gate on the sheet, passed or not, the grade's basis and reason, and the findings", () => {
    const sheet = textOf(sheetOf(html, 'yc-jiaotong'))
    expect(sheet).toContain('資格條件: 不符合')
    expect(sheet).toContain('✗ 未通過 五、機關兩年內沒有發生檔案丟失、被盜、損毀、失泄密等檔案安全事故 [第五條五]: incidents in the 2y before appliedOn: 2 ≤ 0 ✗')
    expect(sheet).toContain('✓ 通過 公示時間不少于7天 [第十條三]: noticeFrom → noticeTo: 7 days, at least 7d ✓')
    expect(sheet).toContain('等次: 不予確認不符合資格: failed 五、機關兩年內沒有發生檔案丟失、被盜、損毀、失泄密等檔案安全事故 (no-incident)')
    expect(tableRows(between(sheetOf(html, 'yc-jiaotong'), /<h3>事項<\/h3>/, '</table>'))[1]).toEqual(['申報等級', '第十條一', 'first', ''])
  })
})

// --- self-assessment, a manual adjustment, items not applicable -------------------------------------------------------

describe('htmlReport: self-assessment, adjustments, 不適用 (the full example of docs/evidence.md, section 5)', () => {
  const evidence = example('xuzhou-statistics-2017')
  const peixian = evidence.subjects.find((s: any) => s.id === 'peixian')
  // docs/evidence.md, section 5: 豐縣 with 三(一)3 不適用, look-back adjusted to 2, and its self-assessment
  const fengxian = {
    id: 'fengxian',
    name: '豐縣統計局',
    facts: {
      countyStandardised: true, provincialDemonstration: false, townshipPassRate: 0.875, townshipSamplingRatio: '0.33', devZonePassRate: 1,
      onlineQualifiedRate: 0.96, villageQualifiedRate: 0.58, chiefStatisticianRate: 0.405, virtualSurveyTeam: true,
      materials: 3, ledger: 3, achievements: 13, countyApplications: 4, enterpriseAcceptance: 4, workInformation: 5,
      classifiedGuidance: 4, lookBack: 3, provincialShowcase: 2, regulationMeasures: '2.5',
    },
    records: {
      innovations: [
        { title: '鄉鎮統計站季度巡查制度', kind: 'innovation', date: '2017-05-16' },
        { title: '企業統計臺賬電子化(國家統計局網站採用)', kind: 'national-adoption', date: '2017-11-02' },
        { title: '村級統計員微課堂', kind: 'innovation', date: '2016-12-20' },
      ],
    },
    notApplicable: ['dev-zone-acceptance'],
    adjustments: [{ item: 'look-back', to: 2, reason: '複核發現「回頭看」臺賬缺三月記錄', approver: '市統計局考評小組', date: '2018-01-15' }],
    self: { facts: { provincialDemonstration: true, townshipPassRate: 0.9 } },
  }
  // 沛縣 as in the example, but with the whole of (三) marked 不適用: a top-level item with no score
  const cohort = cohortOf('xuzhou-statistics-2017', { ...evidence, subjects: [fengxian, { ...peixian, notApplicable: ['innovation'] }] })
  const html = htmlReport(cohort)

  it("gives the hand-worked figures of docs/evidence.md in the cohort table", () => {
    const row = rows(html).find((r) => r.subject === 'fengxian')!
    // (一) (3 + 0 + 7 + 7 + 10 + 2.025 + 5) × 50 ÷ 47 = 36.196809; (二) 3+3+13+4+4+5+4+2+2+2.5 = 42.5 (look-back
    // adjusted to 2); (三) innovation 2 + national adoption 3 = 5 (the 2016 record is outside the span); total 83.70
    expect(['item:key-targets', 'item:work-links', 'item:innovation', 'total'].map((k) => row.cells.get(k)!.text)).toEqual(['36.196809', '42.5', '5', '83.70'])
  })

  it('shows a top-level item not applicable as — with no sort value', () => {
    const row = rows(html).find((r) => r.subject === 'peixian')!
    expect(row.cells.get('item:innovation')).toEqual({ text: '—', value: '' })
    // its sheet says why, and its chart bar has no third segment
    expect(itemRows(sheetOf(html, 'peixian')).get('innovation')![4]).toContain('不適用')
    const bar = chartOf(html).split('<g class="bar">').find((b) => b.startsWith('<title>沛縣統計局</title>'))!
    expect(bar).toContain('<title>1 (一)重點目標考評: ')
    expect(bar).not.toContain('<title>3 (三)工作創新創優考評: ')
  })

  it("puts the self-assessment beside the assessor's score, only on the sheet of a subject that has one", () => {
    const sheet = sheetOf(html, 'fengxian')
    expect(sheetHeads(sheet)).toEqual(['項目', '依據', '分值', '得分', '自評', '差額', '扣分及理由'])
    expect(sheetHeads(sheetOf(html, 'peixian'))).toEqual(['項目', '依據', '分值', '得分', '扣分及理由'])
    const items = itemRows(sheet)
    // self: a provincial demonstration unit (7, assessor 0), 90% in the spot check (10, assessor 7), look-back 3 as
    // computed (the self score is not adjusted; the assessor's is 2)
    expect(items.get('provincial-demonstration')!.slice(3, 6)).toEqual(['0', '7', '+7'])
    expect(items.get('township-spot-check')!.slice(3, 6)).toEqual(['7', '10', '+3'])
    expect(items.get('look-back')!.slice(3, 6)).toEqual(['2', '3', '+1'])
    expect(items.get('online-reporting')!.slice(3, 6)).toEqual(['7', '7', '']) // no difference
    // the total row: 83.70 by the assessor (83.696809 before rounding to 2 places), 95.34 by the bureau itself
    expect(tableRows(sheet).find((r) => r[0] === '合計')).toEqual(['合計', '', '110', '83.70', '95.34', '', '未舍入 83.696809'])
  })

  it('shows a manual adjustment with its reason, approver and date, and the score before it', () => {
    const cell = itemRows(sheetOf(html, 'fengxian')).get('look-back')![6]!
    expect(cell).toContain('人工調整 3 → 2 (調整為 2); 理由: 複核發現「回頭看」臺賬缺三月記錄; 審批: 市統計局考評小組; 日期: 2018-01-15')
    // and in the list of the subject's adjustments under its sheet
    const sheet = sheetOf(html, 'fengxian')
    const list = between(sheet, /<h3>人工調整<\/h3>/, '</table>')
    expect(tableRows(list)).toEqual([
      ['項目', '調整', '理由', '審批', '日期'],
      ['8、「回頭看」活動方案與工作記錄臺賬', '調整為 2', '複核發現「回頭看」臺賬缺三月記錄', '市統計局考評小組', '2018-01-15'],
    ])
  })
})

// --- untrusted text ----------------------------------------------------------------------------------------------

describe('htmlReport: text from the rubric and the evidence is escaped', () => {
  it('escapes a subject name that is a script', () => {
    const evidence = example('xuzhou-statistics-2017')
    evidence.subjects[0].name = '<script>alert(1)</script>'
    const html = htmlReport(cohortOf('xuzhou-statistics-2017', evidence))
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html.match(/<script/g)).toHaveLength(1) // the report's own
    expect(rows(html).find((r) => r.subject === 'fengxian')!.cells.get('name')!.text).toBe('<script>alert(1)</script>')
  })

  it('escapes ids in attributes, titles, reasons and the chart', () => {
    const cohort = cohortOf('xuzhou-statistics-2017', example('xuzhou-statistics-2017'))
    const hostile = `x" onmouseover="alert(1)' <img src=x onerror=alert(2)> & </title></svg></script>`
    cohort.rubric.title = hostile
    cohort.subjects[0]!.subject.id = hostile
    cohort.subjects[0]!.subject.name = hostile
    cohort.subjects[0]!.items[0]!.title = hostile
    cohort.subjects[0]!.items[0]!.trail!.arithmetic = hostile
    cohort.subjects[0]!.gates = [{ id: 'g', title: hostile, passed: false, reason: hostile }]
    cohort.subjects[0]!.eligible = false
    const html = htmlReport(cohort)
    expect(html).not.toContain('<img')
    expect(html).not.toContain('" onmouseover')
    expect(between(html, /<head>/, '</head>').match(/<\/title>/g)).toHaveLength(1) // the page's title closes once
    expect(html.match(/<\/script>/g)).toHaveLength(1)
    expect(html.match(/<\/svg>/g)).toHaveLength(1)
    expect(html).toContain('x&quot; onmouseover=&quot;alert(1)&#39; &lt;img src=x onerror=alert(2)&gt; &amp; &lt;/title&gt;')
    // the cell still reads as the id, and the eligibility says which gate failed and why
    const row = rows(html).find((r) => r.subject === hostile)!
    expect(row.cells.get('id')!.text).toBe(hostile)
    expect(row.cells.get('eligible')).toEqual({ text: `不符合✗ ${hostile}: ${hostile}`, value: '0' })
  })
})

// --- options -------------------------------------------------------------------------------------------------------

describe('htmlReport: options', () => {
  const cohort = cohortOf('xuzhou-statistics-2017', example('xuzhou-statistics-2017'))

  it("converts the rubric's texts and the labels, not the evidence's nor the values the filter compares", () => {
    // a stand-in for the simplified-script converter: a few characters
    const table: Record<string, string> = { 統: '统', 計: '计', 總: '总', 優: '优', 錄: '录', 縣: '县', 評: '评' }
    const html = htmlReport(cohort, { convert: (text) => text.replace(/./g, (c) => table[c] ?? c) })
    expect(html).toContain('<h1>2017年统计基層基礎工作考评辦法 [xuzhou-statistics-2017]</h1>')
    expect(html).toContain('<button type="button">总分</button>')
    const tongshan = rows(html)[0]!
    expect(tongshan.cells.get('grade')!.text).toBe('优秀') // shown converted
    expect(tongshan.grade).toBe('優秀') // compared as the result gives it
    expect(between(html, /<select id="grade-filter">/, '</select>')).toContain('<option value="優秀">优秀</option>')
    expect(tongshan.cells.get('name')!.text).toBe('銅山區統計局') // the evidence's own text
  })

  it('takes a title and the time it was made from the caller; grades in the order found without the rubric\'s', () => {
    const html = htmlReport(cohort, { title: '2017年度通報', generatedAt: '2018-01-20 10:00' })
    expect(html).toContain('<title>2017年度通報</title>')
    expect(textOf(between(html, /<header>/, '</header>'))).toBe('2017年度通報評價日期 2017-12-31 · 考評期間 2017-01-01 – 2017-12-31 · 考評對象 11 · 生成於 2018-01-20 10:00')
    // without the rubric's order the grade column sorts as text, and the filter lists the grades by best rank
    expect(heads(html).find((h) => h.key === 'grade')!.sort).toBe('text')
    expect([...between(html, /<select id="grade-filter">/, '</select>').matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual(['', '優秀', '良好', '合格', '不合格'])
  })

  it('puts subjects without a rank last', () => {
    const unranked = { ...cohort, subjects: cohort.subjects.map((s) => (s.subject.id === 'tongshan' ? { ...s, rank: undefined } : s)) }
    const order = rows(htmlReport(unranked as CohortResult)).map((r) => r.subject)
    expect(order[0]).toBe('pizhou')
    expect(order.at(-1)).toBe('tongshan')
    expect(rows(htmlReport(unranked as CohortResult)).at(-1)!.cells.get('rank')).toEqual({ text: '—', value: '' })
  })
})

// --- the page's script, run on a stand-in for the DOM it reads -------------------------------------------------------

/** Just enough DOM for the report's script: the cohort table as parsed from the HTML, the filter controls. */
class FakeElement {
  hidden = false
  constructor(
    readonly attrs: Map<string, string>,
    public textContent = '',
  ) {}
  getAttribute(name: string) {
    return this.attrs.has(name) ? this.attrs.get(name)! : null
  }
  hasAttribute(name: string) {
    return this.attrs.has(name)
  }
  setAttribute(name: string, value: string) {
    this.attrs.set(name, String(value))
  }
  removeAttribute(name: string) {
    this.attrs.delete(name)
  }
}

const attrsOf = (tag: string) => new Map([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, unescape(m[2]!)]))

/** Loads the report in the stand-in DOM and runs its script (in a fresh context, as a browser would run it). */
function page(html: string) {
  const listeners: Record<string, (e: { target: unknown }) => void> = {}
  const on = (name: string) => (_type: string, fn: (e: { target: unknown }) => void) => void (listeners[name] = fn)
  const ths = [...cohortTable(html).matchAll(/<th ([^>]*)>/g)].map((m, i) => Object.assign(new FakeElement(attrsOf(m[1]!)), { cellIndex: i }))
  const buttons = ths.map((th) => ({ closest: (sel: string) => (sel === 'button' ? buttons[ths.indexOf(th)] : th) }))
  const body = {
    rows: [...cohortTable(html).matchAll(/<tr (data-subject[^>]*)>([\s\S]*?)<\/tr>/g)].map((m) =>
      Object.assign(new FakeElement(attrsOf(m[1]!)), { cells: [...m[2]!.matchAll(/<td ([^>]*)>([\s\S]*?)<\/td>/g)].map((c) => new FakeElement(attrsOf(c[1]!), textOf(c[2]!))) }),
    ),
    appendChild(row: unknown) {
      this.rows.splice(this.rows.indexOf(row as never), 1)
      this.rows.push(row as never)
    },
  }
  const table = { tHead: { rows: [{ cells: ths }], addEventListener: on('click') }, tBodies: [body] }
  const filter = { value: '', addEventListener: on('input') }
  const grade = html.includes('id="grade-filter"') ? { value: '', addEventListener: on('change') } : null
  const shown = { textContent: '' }
  const elements: Record<string, unknown> = { cohort: table, filter, 'grade-filter': grade, shown }
  runInNewContext(between(html, /<script>/, '</script>'), { document: { getElementById: (id: string) => elements[id] ?? null }, Intl })
  const key = (k: string) => ths.findIndex((th) => th.getAttribute('data-key') === k)
  return {
    click: (k: string) => listeners.click!({ target: buttons[key(k)] }),
    /** The subjects shown, top to bottom. */
    order: () => body.rows.filter((r) => !r.hidden).map((r) => r.getAttribute('data-subject')),
    column: (k: string) => body.rows.filter((r) => !r.hidden).map((r) => r.cells[key(k)]!.textContent),
    ariaSort: () => ths.filter((th) => th.hasAttribute('aria-sort')).map((th) => [th.getAttribute('data-key'), th.getAttribute('aria-sort')]),
    type: (text: string) => ((filter.value = text), listeners.input!({ target: filter })),
    choose: (g: string) => ((grade!.value = g), listeners.change!({ target: grade })),
    shown: () => shown.textContent,
  }
}

describe("htmlReport: the page's script sorts and filters the cohort table", () => {
  const cohort = cohortOf('xuzhou-statistics-2017', example('xuzhou-statistics-2017'))
  const html = htmlReport(cohort, { grades: ['優秀', '良好', '合格', '不合格'] })

  it('sorts by a column: ascending on the first click, descending on the second', () => {
    const p = page(html)
    expect(p.shown()).toBe('11 / 11')
    p.click('total')
    expect(p.ariaSort()).toEqual([['total', 'ascending']])
    // 賈汪 50.00 lowest … 銅山 106.00 highest; 新沂 and 經開區 tie at 93.05 and keep their order (by rank, as given)
    expect(p.column('total')).toEqual(['50.00', '62.00', '66.75', '79.43', '87.00', '88.03', '91.00', '93.05', '93.05', '101.00', '106.00'])
    expect(p.order().slice(7, 9)).toEqual(['xinyi', 'kaifaqu'])
    p.click('total')
    expect(p.ariaSort()).toEqual([['total', 'descending']])
    expect(p.column('total')).toEqual(['106.00', '101.00', '93.05', '93.05', '91.00', '88.03', '87.00', '79.43', '66.75', '62.00', '50.00'])
    expect(p.order().slice(2, 4)).toEqual(['xinyi', 'kaifaqu'])
    p.click('rank') // back to rank order
    expect(p.order()).toEqual(rows(html).map((r) => r.subject))
    // on a fresh page the table is by rank, ascending: the first click on rank turns it round
    const fresh = page(html)
    expect(fresh.ariaSort()).toEqual([['rank', 'ascending']])
    fresh.click('rank')
    expect(fresh.order()[0]).toBe('jiawang')
  })

  it('compares decimal strings exactly, as numbers, and puts cells without a value last either way', () => {
    const totals: Record<string, string> = { tongshan: '-0.5', pizhou: '0', xinyi: '10', kaifaqu: '9.5', peixian: '40.425532', fengxian: '40.4255', suining: '100', gulou: '-12' }
    const odd = {
      ...cohort,
      subjects: cohort.subjects.map((s) => ({ ...s, total: totals[s.subject.id] ?? s.total, items: s.subject.id === 'yunlong' ? s.items.map((i) => (i.id === 'innovation' ? { ...i, notApplicable: 'rescale' as const } : i)) : s.items })),
    }
    const p = page(htmlReport(odd))
    p.click('total')
    expect(p.column('total').slice(0, 8)).toEqual(['-12', '-0.5', '0', '9.5', '10', '40.4255', '40.425532', '50.00'])
    // (三) of 雲龍 is not applicable: — sorts last, ascending and descending
    p.click('item:innovation')
    expect(p.column('item:innovation').at(-1)).toBe('—')
    p.click('item:innovation')
    expect(p.column('item:innovation')[0]).toBe('10')
    expect(p.column('item:innovation').at(-1)).toBe('—')
  })

  it('sorts grades by the rubric\'s order and text by the Chinese collation', () => {
    const p = page(html)
    p.click('grade')
    p.click('grade') // descending: 不合格 first, 優秀 last
    expect(p.column('grade')[0]).toBe('不合格')
    expect(p.column('grade').at(-1)).toBe('優秀')
    p.click('id')
    expect(p.column('id')).toEqual([...p.column('id')].sort((a, b) => new Intl.Collator('zh', { numeric: true }).compare(a, b)))
  })

  it('filters by the text typed (any case) and by grade', () => {
    const p = page(html)
    // 區 is in 6 names: 銅山區, 經濟技術開發區, 鼓樓區, 雲龍區, 泉山區, 賈汪區
    p.type('區')
    expect(p.order()).toEqual(['tongshan', 'kaifaqu', 'gulou', 'yunlong', 'quanshan', 'jiawang'])
    expect(p.shown()).toBe('6 / 11')
    p.type('TONG')
    expect(p.order()).toEqual(['tongshan'])
    p.type('')
    p.choose('優秀') // 銅山 and 邳州, the two best (優秀 2–3 名; 3rd and 4th tied, so 2)
    expect(p.order()).toEqual(['tongshan', 'pizhou'])
    p.type('區')
    expect(p.order()).toEqual(['tongshan'])
    expect(p.shown()).toBe('1 / 11')
  })
})

// --- kaoping report --------------------------------------------------------------------------------------------------

/** Runs `kaoping report` in-process: files under the project root, or given as text; --out files kept in `written`. */
function report(argv: string[], files: Record<string, string> = {}) {
  let out = ''
  let err = ''
  const written: Record<string, string> = {}
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (p) => (Object.hasOwn(files, p) ? files[p]! : readFileSync(join(root, p), 'utf8')),
    exists: (p) => Object.hasOwn(files, p),
    glob: (p) => [p],
    create: (path) => {
      let text = ''
      return { write: (t) => void (text += t), writeBytes: () => undefined, commit: () => void (written[path] = text), abort: () => undefined }
    },
  }
  const steps = reportCommand(argv, io)
  let r = steps.next()
  while (!r.done) r = steps.next()
  return { code: r.value, out, err, written }
}

describe('kaoping report', () => {
  const rubric = 'rubrics/xuzhou-statistics-2017.yaml'
  const evidence = 'examples/xuzhou-statistics-2017/evidence.yaml'

  it('writes the report to standard output, by rank, grades in the rubric\'s order', () => {
    const r = report([rubric, evidence])
    expect(r.code).toBe(0)
    expect(r.out.startsWith('<!DOCTYPE html>')).toBe(true)
    const order = rows(r.out).map((row) => row.subject)
    expect(order.slice(0, 2)).toEqual(['tongshan', 'pizhou'])
    expect(order.slice(2, 4).sort()).toEqual(['kaifaqu', 'xinyi']) // tied at 93.05, in the order the command hands them over
    expect(order.at(-1)).toBe('jiawang')
    expect(heads(r.out).find((h) => h.key === 'grade')!.sort).toBe('number')
    // the evidence's one warning (賈汪's 0 clamped to 1) is printed on standard error, as score prints it
    expect(r.err).toContain('JUDGED_CLAMPED')
  })

  it('writes --out whole, and nothing to standard output', () => {
    const r = report([rubric, evidence, '--out', 'report.html'])
    expect(r.code).toBe(0)
    expect(r.out).toBe('')
    expect(rows(r.written['report.html']!)).toHaveLength(11)
  })

  it('prints in simplified characters with --script simplified', () => {
    const r = report([rubric, evidence, '--script', 'simplified'])
    expect(r.out).toContain('<h1>2017年统计基层基础工作考评办法 [xuzhou-statistics-2017]</h1>')
    expect(r.out).toContain('<button type="button">总分</button>')
    expect(rows(r.out)[0]!.cells.get('grade')!.text).toBe('优秀')
  })

  it('passes --as-of and --param to the evaluation', () => {
    // a pass mark of 95 leaves only the quota grades (優秀, 良好) and 不合格: 睢寧 87 is then 不合格
    const r = report([rubric, evidence, '--param', 'passMark=95'])
    expect(rows(r.out).find((row) => row.subject === 'suining')!.cells.get('grade')!.text).toBe('不合格')
  })

  it('refuses bad usage, and ends with 1 when the evidence is refused', () => {
    expect(() => report([rubric])).toThrow(UsageError)
    expect(() => report([rubric, evidence, '--script', 'cyrillic'])).toThrow(/--script must be simplified or traditional/)
    expect(() => report([rubric, evidence, '--format', 'html'])).toThrow(/unknown option --format/)
    expect(report(['--help']).out).toContain('Usage: kaoping report <rubric.yaml> <evidence…> [options]')
    const bad = report([rubric, 'bad.yaml', '--out', 'report.html'], { 'bad.yaml': 'subjects:\n  - id: a\n    facts: { townshipPassRate: "90%" }\n' })
    expect(bad.code).toBe(1)
    expect(bad.err).toContain('EVIDENCE_INVALID')
    expect(bad.written).toEqual({})
  })
})
