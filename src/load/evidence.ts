import type { Result } from '../diagnostics/diagnostic'
import { parseYamlSource } from './source'

/** Reads an evidence file: YAML or JSON (JSON is YAML). Returns the data with diagnostics located in the file. */
export function parseEvidence(text: string, file?: string): Result<unknown> {
  const r = parseYamlSource(text, file !== undefined ? { file } : {})
  if (!r.ok) return r
  return { ok: true, value: r.value.data, diagnostics: r.diagnostics }
}
