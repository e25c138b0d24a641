/**
 * A workbook is a zip archive of XML parts, which exceljs inflates whole into memory. A small archive can hold parts
 * of gigabytes (a "zip bomb"), so before exceljs sees it the archive is checked here: each part is inflated once, with
 * node's zlib and a ceiling on its output, and the parts together may not exceed the evidence limit
 * (maxEvidenceBytes) — the same limit a CSV file of the same text would meet. The sizes the archive declares are not
 * trusted: the ceiling is on what inflating really gives.
 *
 * Only the zip structure is read here (the end record, the central directory, each part's local header); nothing of
 * the XML. ZIP64 archives (parts or archives over 4 GiB) are refused: a workbook within the limit never needs them.
 */
import { inflateRawSync } from 'node:zlib'

const END = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/** Why the archive cannot be read, or undefined: `{ size }` when its parts inflate to more than `maxBytes`. */
export function zipProblem(bytes: Uint8Array, maxBytes: number): { size: number } | { malformed: string } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const n = bytes.length
  const u16 = (at: number) => view.getUint16(at, true)
  const u32 = (at: number) => view.getUint32(at, true)
  // an OLE compound file: an old .xls workbook, or an .xlsx saved with a password (encrypted inside one)
  if (n >= 8 && u32(0) === 0xe011cfd0 && u32(4) === 0xe11ab1a1) return { malformed: 'it is an old .xls workbook, or one saved with a password; save it as .xlsx without a password' }
  if (n < 22 || u32(0) !== LOCAL) return { malformed: 'it is not a zip archive (an .xlsx file is one)' }
  // the end record: the last 22 bytes, or before a comment of at most 65,535 bytes
  let end = -1
  for (let at = n - 22; at >= Math.max(0, n - 22 - 0xffff); at--)
    if (u32(at) === END) {
      end = at
      break
    }
  if (end < 0) return { malformed: 'the zip archive has no end record (the file is cut short or is not a workbook)' }
  const entries = u16(end + 10)
  const directorySize = u32(end + 12)
  const directory = u32(end + 16)
  if (entries === 0xffff || directory === 0xffffffff || directorySize === 0xffffffff) return { malformed: 'it is a ZIP64 archive, which a workbook within the evidence limit never needs' }
  if (directory + directorySize > end) return { malformed: 'the zip archive\'s directory lies outside the file' }
  let total = 0
  let at = directory
  for (let k = 0; k < entries; k++) {
    if (at + 46 > end || u32(at) !== CENTRAL) return { malformed: 'the zip archive\'s directory is damaged' }
    const method = u16(at + 10)
    const compressed = u32(at + 20)
    const local = u32(at + 42)
    const next = at + 46 + u16(at + 28) + u16(at + 30) + u16(at + 32)
    if (local + 30 > n || u32(local) !== LOCAL) return { malformed: 'a part of the zip archive is not where its directory says' }
    const start = local + 30 + u16(local + 26) + u16(local + 28)
    if (start + compressed > n) return { malformed: 'a part of the zip archive runs past the end of the file' }
    const room = maxBytes - total
    if (method === 0) total += compressed
    else if (method === 8) {
      try {
        total += inflateRawSync(bytes.subarray(start, start + compressed), { maxOutputLength: Math.max(1, room + 1) }).length
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { size: maxBytes + 1 }
        return { malformed: 'a part of the zip archive cannot be inflated (the file is damaged)' }
      }
    } else return { malformed: `a part of the zip archive is compressed with method ${method}, which workbooks do not use` }
    if (total > maxBytes) return { size: total }
    at = next
  }
  return undefined
}
