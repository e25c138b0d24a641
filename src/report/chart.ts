/**
 * The chart of the HTML report (src/report/html.ts): one horizontal stacked bar per subject, a segment per top-level
 * item, drawn as inline SVG so that the report needs nothing from the network. Segments differ by fill pattern and
 * grey level and carry their item's number (the legend's), so the chart reads in black and white and for readers
 * who do not tell colours apart. Figures shown are the results' decimal strings; only coordinates are computed, from
 * the exact values, and rounded to 2 places.
 */
import { parseFixed } from '../num/fixed'

/** Escapes text for HTML (element text and quoted attribute values alike). Evidence and rubric text are untrusted. */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"'\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, (c) => ESCAPES[c] ?? '\ufffd')
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** A bar: one subject. `scores` are its top-level items' scores in legend order, undefined when not applicable. */
export interface ChartBar {
  label: string
  total: string
  scores: (string | undefined)[]
}

/** A segment kind: a top-level item, titled as the legend shows it (converted, not yet escaped). */
export interface ChartSeries {
  title: string
  max: string
}

export interface ChartText {
  /** The chart's accessible title and its description. */
  title: string
  description: string
  /** Shown instead of bars when the rubric has no scored items. */
  empty: string
  /** The dashed line at the rubric's max (滿分). */
  maxLabel: string
}

const WIDTH = 800
const LABEL = 190 // the subjects' names, right-aligned before the bars
const TOTAL = 64 // the totals, after the bars
const BAR = WIDTH - LABEL - TOTAL - 16
const ROW = 20
const TOP = 26
const LEGEND_ROW = 18

/**
 * Fills told apart without colour: greys and textures, drawn inside the segment itself (lines with dash patterns),
 * not as SVG patterns, so that the file has no `url(…)` reference of any kind. Beyond these, styles repeat; the
 * number on each segment still tells the items apart.
 */
const STYLES = 10

/** A segment of style k at (x, y), w wide and h high: its fill, its texture, its outline. */
function swatch(k: number, x: number, y: number, w: number, h: number): string {
  const box = `x="${at(x)}" y="${at(y)}" width="${at(w)}" height="${at(h)}"`
  /** A line across the segment at height dy, dashed: dashes as thick as the line are dots, as thick as the bar stripes. */
  const across = (dy: number, width: number, dash: string, offset = 0, colour = '#222') =>
    `<line x1="${at(x)}" y1="${at(y + dy)}" x2="${at(x + w)}" y2="${at(y + dy)}" stroke="${colour}" stroke-width="${at(width)}"${dash ? ` stroke-dasharray="${dash}"` : ''}${offset ? ` stroke-dashoffset="${offset}"` : ''}/>`
  const fills = ['#333', '#fff', '#a0a0a0', '#fff', '#fff', '#d4d4d4', '#fff', '#666', '#bdbdbd', '#fff']
  const textures = [
    '',
    across(h / 2, h, '2 2'), // vertical stripes
    '',
    across(h / 4, 2, '2 3') + across((3 * h) / 4, 2, '2 3', 2.5), // staggered dots
    [1, 3, 5, 7].map((i) => across((i * h) / 8, 1.4, '')).join(''), // horizontal lines
    '',
    across(h / 4, h / 2, '4 4') + across((3 * h) / 4, h / 2, '4 4', 4), // chequers
    '',
    across(h / 2, h, '1 3', 0, '#000'), // thin stripes on grey
    across(h / 2, h, '1 4') + across(h / 2, 1, ''), // a grid
  ]
  return `<rect ${box} fill="${fills[k % STYLES]}"/>${textures[k % STYLES]}<rect ${box} fill="none" stroke="#000" stroke-width="0.6"/>`
}

/** A coordinate: exact value scaled, rounded to 2 places. */
const at = (v: number): string => String(Math.round(v * 100) / 100)

/** A decimal string as its exact scaled integer (0 when it is not one, negative clamped: a bar has no negative part). */
function amount(text: string | undefined): number {
  const v = text === undefined ? undefined : parseFixed(text)
  return v === undefined || v < 0 ? 0 : v
}

/** A label cut to `n` characters (code points), so that a long name does not run into the bars; the full name is its title. */
function cut(text: string, n: number): string {
  const chars = Array.from(text)
  return chars.length <= n ? text : chars.slice(0, n - 1).join('') + '…'
}

/**
 * The chart as an `<svg id="chart">` element. `max` is the rubric's max (the dashed 滿分 line); the scale runs to
 * the largest of max, max + bonus and any total, so a bonus never runs off the chart.
 */
export function sectionChart(bars: readonly ChartBar[], series: readonly ChartSeries[], max: string, bonus: string | undefined, text: ChartText): string {
  let scale = amount(max) + amount(bonus)
  for (const b of bars) scale = Math.max(scale, amount(b.total))
  const empty = !series.length || scale === 0
  const legendTop = TOP + bars.length * ROW + 14
  const height = empty ? TOP + 12 : legendTop + series.length * LEGEND_ROW + 8
  const out: string[] = []
  out.push(`<svg id="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="chart-title chart-desc">`)
  out.push(`<title id="chart-title">${escapeHtml(text.title)}</title><desc id="chart-desc">${escapeHtml(empty ? text.empty : text.description)}</desc>`)
  if (empty) {
    out.push(`<text x="0" y="${TOP - 8}">${escapeHtml(text.empty)}</text></svg>`)
    return out.join('')
  }
  const x = (v: number): number => LABEL + (v / scale) * BAR
  // the rubric's max: a dashed line through every bar, labelled above them
  const maxX = at(x(amount(max)))
  out.push(`<line x1="${maxX}" y1="${TOP - 8}" x2="${maxX}" y2="${TOP + bars.length * ROW}" stroke="#000" stroke-dasharray="3 3"/>`)
  out.push(`<text x="${maxX}" y="${TOP - 11}" text-anchor="middle" class="chart-small chart-total">${escapeHtml(`${text.maxLabel} ${max}`)}</text>`)
  bars.forEach((b, i) => out.push(bar(b, series, TOP + i * ROW, x)))
  series.forEach((s, k) => {
    const y = legendTop + k * LEGEND_ROW
    out.push(`<g class="legend">${swatch(k, LABEL, y, 26, 13)}`)
    out.push(`<text x="${LABEL + 13}" y="${y + 10}" text-anchor="middle" class="chart-num">${k + 1}</text>`)
    out.push(`<text x="${LABEL + 34}" y="${y + 10.5}">${escapeHtml(`${s.title} (${s.max})`)}</text></g>`)
  })
  out.push('</svg>')
  return out.join('')
}

/** One subject's bar: its label, a segment per item it scored (numbered as the legend), its total after the bar. */
function bar(b: ChartBar, series: readonly ChartSeries[], y: number, x: (v: number) => number): string {
  const out: string[] = [`<g class="bar"><title>${escapeHtml(b.label)}</title>`]
  out.push(`<text x="${LABEL - 6}" y="${y + 13}" text-anchor="end">${escapeHtml(cut(b.label, 14))}</text>`)
  let sum = 0
  b.scores.forEach((score, k) => {
    const v = amount(score)
    if (v === 0) return
    const x0 = x(sum)
    sum += v
    const w = x(sum) - x0
    const s = series[k]!
    out.push(`<g><title>${escapeHtml(`${k + 1} ${s.title}: ${score} / ${s.max}`)}</title>${swatch(k, x0, y + 2, w, ROW - 4)}</g>`)
    // the item's number on its segment, outlined in white so it reads on any fill; only where it fits
    if (w >= 14) out.push(`<text x="${at(x0 + w / 2)}" y="${y + 13}" text-anchor="middle" class="chart-num">${k + 1}</text>`)
  })
  out.push(`<text x="${at(x(sum) + 5)}" y="${y + 13}" class="chart-total">${escapeHtml(b.total)}</text></g>`)
  return out.join('')
}
