/**
 * Characters a terminal acts on instead of showing: written out as escapes (`\x1b`, `\u202e`) wherever text read
 * from a file is echoed (a diagnostic's excerpt, a file name), so that a file cannot move the cursor, ring the
 * bell, retitle the window or reorder what is shown around it.
 *
 * Escaped: C0 controls except tab (NUL … US, ESC, BEL, CR, LF), DEL, C1 controls (U+0080–U+009F), the line and
 * paragraph separators U+2028/U+2029, and the bidirectional controls (U+202A–U+202E embeddings and overrides,
 * U+2066–U+2069 isolates, and the marks U+200E, U+200F, U+061C). A backslash is not escaped.
 */

const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/
const CONTROLS = new RegExp(CONTROL.source, 'g')

/** Is the code point one that is shown escaped? */
export function isControl(cp: number): boolean {
  return (
    (cp <= 0x1f && cp !== 0x09) ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x061c ||
    cp === 0x200e ||
    cp === 0x200f ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069)
  )
}

/** The escape shown for a control code point: `\x1b` below U+0100, `\u202e` above (lower-case hex). */
export function controlEscape(cp: number): string {
  return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`
}

/** `s` with every control character escaped (other text, tabs included, unchanged). */
export function escapeControls(s: string): string {
  return CONTROL.test(s) ? s.replace(CONTROLS, (c) => controlEscape(c.charCodeAt(0))) : s
}
