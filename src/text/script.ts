/**
 * Simplified and traditional characters. Source documents are mixed: a rubric written in traditional characters
 * (鄉鎮抽檢合格率) is read with evidence headed in simplified ones (乡镇抽检合格率), and the other way round. A header or
 * title is matched by its fold (`foldScript`: normalised, then in simplified characters), and reports can print in
 * either script (`scriptConverter`).
 *
 * The tables are OpenCC's, through opencc-js, imported by the package's main entry: it has both an ES module and a
 * CommonJS build (so kaoping's ESM and CJS bundles both load it), and it is smaller (1.2 MB) than the two
 * per-direction entries together, which share its code (t2cn 0.1 MB, cn2t 1.1 MB, nearly all of it the simplified →
 * traditional phrases); those, and the per-dictionary files, are reachable only through the package's "exports",
 * which the architecture check does not resolve. Loading it takes about 25 ms; a converter's trie is built on its
 * first use and kept (about 25 ms for simplified, 300 ms for traditional): matching headers never builds the
 * traditional one.
 */
import { Converter } from 'opencc-js'

export type Script = 'simplified' | 'traditional'

/** The scripts, in the order options list them. */
export const SCRIPTS: readonly Script[] = ['simplified', 'traditional']

/**
 * How each script is written from the other. Simplified: OpenCC's generic traditional → mainland simplified (t2s),
 * which also reads Taiwan and Hong Kong variants (爲 and 為, 裏 and 裡 alike). Traditional: simplified → traditional
 * with Taiwan's variant characters (s2tw), not OpenCC's own standard (s2t): the shipped rubrics write 考核 and 為,
 * which s2t prints 考覈 and 爲 (and 群众 羣衆, not 群眾). Neither changes vocabulary (no 自行車 → 腳踏車).
 */
const BUILD: Record<Script, () => (text: string) => string> = {
  simplified: () => outsideDescriptions(Converter({ from: 't', to: 'cn' })),
  traditional: () => outsideDescriptions(Converter({ from: 'cn', to: 'tw' })),
}

/** An ideographic description character (⿰, ⿱, … U+2FF0–U+2FFF). */
const DESCRIPTION = /[\u2ff0-\u2fff]/

/** The longest description kept whole, in characters (real ones are a few: ⿰氵尔). */
const DESCRIPTION_MAX = 16

/**
 * Where the description starting at `i` ends (after its operator and its parts, nested ones too), or 0 when it does
 * not end within DESCRIPTION_MAX characters.
 */
function descriptionEnd(text: string, i: number): number {
  let open = 1
  for (let j = i, n = 0; j < text.length && n < DESCRIPTION_MAX; n++) {
    const c = text.codePointAt(j)!
    j += c > 0xffff ? 2 : 1
    // each character fills one open part; an operator opens its own (⿲ and ⿳ three, the others two)
    open += c >= 0x2ff0 && c <= 0x2fff ? (c === 0x2ff2 || c === 0x2ff3 ? 2 : 1) : -1
    if (open === 0) return j
  }
  return 0
}

/**
 * A converter that never sees an ideographic description character. opencc-js keeps a description (⿰氵尔, a
 * character described by its parts) as written, but finds where one ends recursively, in time exponential in the
 * number of operators: a header of 100 ⿰ would never be read. So descriptions (and stray operators) are kept as
 * written here, found in bounded steps each, and only the text between them is converted: linear, and the same
 * result on real text.
 */
function outsideDescriptions(convert: (text: string) => string): (text: string) => string {
  return (text) => {
    if (!DESCRIPTION.test(text)) return convert(text)
    let out = ''
    let from = 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c < 0x2ff0 || c > 0x2fff) continue
      const end = descriptionEnd(text, i) || i + 1
      out += convert(text.slice(from, i)) + text.slice(i, end)
      from = end
      i = end - 1
    }
    return out + convert(text.slice(from))
  }
}

/** The converters built so far: a table filled once per script, never changed after (it cannot change a result). */
const built: Partial<Record<Script, (text: string) => string>> = {}

/** A function writing text in `script` (characters of the other script converted, phrase by phrase; others kept). */
export function scriptConverter(script: Script): (text: string) => string {
  if (!Object.hasOwn(BUILD, script)) throw new TypeError(`scriptConverter takes "simplified" or "traditional", not ${JSON.stringify(script)}.`)
  return (built[script] ??= BUILD[script]())
}

/**
 * A title or header as compared: after NFKC (full-width （） are (), compatibility ideographs their unified forms),
 * without white space. Exact matching compares these; `foldScript` starts from them.
 */
export const normaliseTitle = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '')

/** Text without a character above U+007F: the same in either script. */
const ASCII = /^[\x00-\x7f]*$/

/**
 * A key for matching titles across scripts: the normalised text (`normaliseTitle`) in simplified characters, so
 * 鄉鎮抽檢合格率, 乡镇抽检合格率 and 鄉镇抽检合格率 have one key. Linear in the text (the converter looks ahead at most
 * the length of its longest phrase); match by hashing keys, each header and each title folded once.
 *
 * Two different titles may share a key (幹部 and 干部 both fold to 干部): a caller matching by key checks that one
 * title has it, and says so when several do.
 */
export function foldScript(text: string): string {
  const n = normaliseTitle(text)
  return ASCII.test(n) ? n : scriptConverter('simplified')(n)
}
