/**
 * The HTML report in a real browser (issue 11): Debian's Chromium, driven by playwright-core, renders the Xuzhou and
 * Xiangdong reports; the cohort table's cells are checked against the JSON result, a column is sorted by clicking its
 * header, Chinese is checked to be drawn with a CJK font (no tofu boxes), and a screenshot and a PDF are saved to
 * test-output/. `.ci/run` installs Chromium and a CJK font when they are missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { chromium, type Browser, type Page } from 'playwright-core'
import { cli, cliAsync } from './support/cli'

const root = join(__dirname, '..')
const OUT = join(root, 'test-output')
const CHROMIUM = process.env.KAOPING_CHROMIUM ?? '/usr/bin/chromium'
const INSTALL = 'install it with: sudo apt-get install -y chromium fonts-noto-cjk (Debian; or set KAOPING_CHROMIUM to a Chromium binary). `bash .ci/run` installs both when they are missing.'

const CASES = [
  { name: 'xuzhou', rubric: 'rubrics/xuzhou-statistics-2017.yaml', evidence: 'examples/xuzhou-statistics-2017/evidence.yaml' },
  { name: 'xiangdong', rubric: 'rubrics/xiangdong-civil-affairs-publicity.yaml', evidence: 'examples/xiangdong-civil-affairs-publicity/evidence.yaml' },
] as const

interface Row {
  id: string
  cells: Record<string, string>
}

/** The cohort table's rows as the browser shows them: each row's subject and its cells' text by data-key. */
const tableRows = (page: Page): Promise<Row[]> =>
  page.$$eval('table#cohort tbody tr', (trs) =>
    trs
      .filter((tr) => (tr as unknown as { offsetParent: unknown }).offsetParent !== null)
      .map((tr) => ({ id: tr.getAttribute('data-subject')!, cells: Object.fromEntries([...tr.querySelectorAll('td[data-key]')].map((td) => [td.getAttribute('data-key')!, (td.textContent ?? '').trim()])) })),
  )

let browser: Browser

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: the report's browser test needs it; ${INSTALL}`)
  let fonts = ''
  try {
    fonts = execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' })
  } catch {
    // no fontconfig: the font check below says what is missing
  }
  if (!fonts.trim()) throw new Error(`No Chinese font is installed, so Chinese would render as boxes; ${INSTALL}`)
  mkdirSync(OUT, { recursive: true })
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

describe.each(CASES)('the $name report in headless Chromium', ({ name, rubric, evidence }) => {
  let page: Page
  let json: { subjects: { subject: { id: string; name?: string }; total: string; grade: string | null; rank: number; items: { id: string; score: string; notApplicable?: string }[]; money?: { net: string } }[] }

  beforeAll(async () => {
    const r = await cliAsync(['report', rubric, evidence, '--out', `${name}.html`, '--quiet'])
    expect(r.code, r.err).toBe(0)
    const html = r.written[`${name}.html`]!
    writeFileSync(join(OUT, `${name}.html`), html)
    const scored = cli(['score', rubric, evidence, '--format', 'json'])
    expect(scored.code, scored.err).toBe(0)
    json = JSON.parse(scored.out)
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    // no network: a request for anything but the file itself fails the test
    const outside: string[] = []
    page.on('request', (req) => {
      if (!req.url().startsWith('file://') && !req.url().startsWith('data:')) outside.push(req.url())
    })
    await page.goto(`file://${join(OUT, `${name}.html`)}`)
    expect(outside).toEqual([])
  }, 60_000)

  afterAll(async () => {
    await page?.close()
  })

  it('the table holds every subject, best first, with the JSON result\'s values', async () => {
    const rows = await tableRows(page)
    expect(rows.map((r) => r.id).sort()).toEqual(json.subjects.map((s) => s.subject.id).sort())
    const ranks = rows.map((r) => Number(r.cells.rank))
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    for (const s of json.subjects) {
      const row = rows.find((r) => r.id === s.subject.id)!
      expect(row.cells.rank, s.subject.id).toBe(String(s.rank))
      expect(row.cells.total, s.subject.id).toBe(s.total)
      // a rubric without grades (湘東: money only) has no grade column
      if (json.subjects.some((x) => x.grade !== null)) expect(row.cells.grade, s.subject.id).toBe(s.grade ?? '—')
      else expect(row.cells.grade).toBeUndefined()
      for (const item of s.items) expect(row.cells[`item:${item.id}`], `${s.subject.id} ${item.id}`).toBe(item.notApplicable ? '—' : item.score)
      if (s.money) expect(row.cells.net, s.subject.id).toBe(s.money.net)
    }
  })

  it('clicking the total\'s header sorts by total, lowest first, then highest first', async () => {
    const totals = () => tableRows(page).then((rows) => rows.map((r) => Number(r.cells.total)))
    await page.click('table#cohort th[data-key="total"] button')
    const up = await totals()
    expect(up).toEqual([...up].sort((a, b) => a - b))
    expect(await page.getAttribute('table#cohort th[data-key="total"]', 'aria-sort')).toBe('ascending')
    await page.click('table#cohort th[data-key="total"] button')
    const down = await totals()
    expect(down).toEqual([...down].sort((a, b) => b - a))
    expect(await page.getAttribute('table#cohort th[data-key="total"]', 'aria-sort')).toBe('descending')
    // back to rank order for the pictures
    await page.click('table#cohort th[data-key="rank"] button')
  })

  it('typing in the filter leaves the rows that match', async () => {
    const first = json.subjects.find((s) => s.rank === 1)!
    await page.fill('input#filter', first.subject.id)
    const rows = await tableRows(page)
    expect(rows.map((r) => r.id)).toContain(first.subject.id)
    expect(rows.length).toBeLessThan(json.subjects.length)
    await page.fill('input#filter', '')
    expect(await tableRows(page)).toHaveLength(json.subjects.length)
  })

  it('Chinese is drawn with a CJK font, not as boxes', async () => {
    // the fonts Chromium used for the glyphs of the first subject's name cell and the heading
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const { root: doc } = await cdp.send('DOM.getDocument', { depth: -1 })
    for (const selector of ['h1', 'table#cohort tbody tr td[data-key="name"]']) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: doc.nodeId, selector })
      expect(nodeId, selector).toBeGreaterThan(0)
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
      const cjk = fonts.filter((f: { familyName: string }) => /CJK|Han|Hei|Song|Ming|Kai|WenQuanYi|Droid Sans Fallback/i.test(f.familyName))
      expect(cjk.length, `${selector}: drawn with ${fonts.map((f: { familyName: string }) => f.familyName).join(', ')}; ${INSTALL}`).toBeGreaterThan(0)
    }
    await cdp.detach()
  })

  it('every subject has a score sheet, and the chart of section scores is drawn (when there are sections)', async () => {
    expect(await page.$$eval('section.sheet[data-subject]', (s) => s.length)).toBe(json.subjects.length)
    // one bar per subject, each at least 10 px high; 湘東 scores no items (money only): there is nothing to chart
    const height = await page.$eval('svg#chart', (svg) => svg.getBoundingClientRect().height)
    if (json.subjects[0]!.items.length) expect(height).toBeGreaterThan(10 * json.subjects.length)
  })

  it('saves a screenshot and an A4 PDF to test-output/', async () => {
    const png = join(OUT, `${name}.png`)
    const pdf = join(OUT, `${name}.pdf`)
    await page.screenshot({ path: png, fullPage: false })
    await page.emulateMedia({ media: 'print' })
    await page.pdf({ path: pdf, format: 'A4', printBackground: false })
    await page.emulateMedia({ media: 'screen' })
    expect(statSync(png).size).toBeGreaterThan(10_000)
    // one page for the cohort (table and chart) at least, and one per subject's score sheet
    const pdfText = require('node:fs').readFileSync(pdf, 'latin1') as string
    const pages = (pdfText.match(/\/Type\s*\/Page[^s]/g) ?? []).length
    expect(pages).toBeGreaterThanOrEqual(json.subjects.length + 1)
  }, 60_000)
})
