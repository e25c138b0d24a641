import type { Location, Path, Span } from '../diagnostics/diagnostic'

export type EvidenceFormat = 'yaml' | 'json' | 'csv'

/** An evidence file read into data, able to point back into its text. */
export interface EvidenceFile {
  file?: string
  format: EvidenceFormat
  /** The text read (byte-order mark removed): what spans refer to. */
  text: string
  /** A cohort mapping, a list of subjects or one subject (YAML/JSON); always `{ subjects }` for CSV. */
  data: unknown
  /** Where the value at `path` (a path into `data`) is written, or the nearest place that contains it. */
  locate(path: Path, options?: { key?: boolean }): { span: Span; location: Location } | undefined
}
