/** Terminal display width: East Asian wide and full-width characters take two columns, combining marks none. */

/** Terminal display width of a code point: 2 for East Asian wide/fullwidth, 0 for combining marks. */
export function codePointWidth(cp: number): number {
  if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff) return 0
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2
  }
  return 1
}

/** Whitespace that lines up under `s` in a terminal (tabs are kept as tabs). */
export function padFor(s: string): string {
  let out = ''
  for (const ch of s) out += ch === '\t' ? '\t' : ' '.repeat(codePointWidth(ch.codePointAt(0) as number))
  return out
}

export function displayWidth(s: string): number {
  let w = 0
  for (const ch of s) w += ch === '\t' ? 1 : codePointWidth(ch.codePointAt(0) as number)
  return w
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)))
}

export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s
}

/** An aligned text table; numeric columns (by header list) are right-aligned. */
export function table(headers: string[], rows: string[][], right: ReadonlySet<number> = new Set()): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right.has(i) ? padStart(c, widths[i]!) : padEnd(c, widths[i]!)))
      .join('  ')
      .trimEnd()
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n'
}
