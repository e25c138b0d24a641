/**
 * Core diagnostic types shared by every stage of kaoping (loading, schema
 * validation, rubric checks, evidence checks, scoring).
 *
 * Library functions never throw for user mistakes: they return a `Result`
 * carrying diagnostics. Only thin convenience wrappers throw `KaopingError`.
 */
import { formatDiagnostic } from './format'

export type Severity = 'error' | 'warning' | 'info'

/** Path into a parsed document, e.g. `['items', 3, 'bands', 0, 'from']`. */
export type Path = readonly (string | number)[]

/**
 * Half-open range `[start, end)` of character offsets (UTF-16 code-unit
 * indices, i.e. ordinary JS string indices) into the source text.
 */
export interface Span {
  start: number
  end: number
}

/**
 * Human-facing position, 1-based. Columns count Unicode code points (see
 * `lineIndex` in format.ts). `endColumn` is exclusive: the column just after
 * the last character of the span.
 */
export interface Location {
  file?: string
  line: number
  column: number
  endLine?: number
  endColumn?: number
}

/** A secondary location that helps explain a diagnostic (e.g. the first definition of a duplicate id). */
export interface Related {
  message: string
  path?: Path
  span?: Span
  location?: Location
}

export interface Diagnostic {
  /** Stable machine-readable code, see `codes` in codes.ts. */
  code: string
  severity: Severity
  message: string
  /** Path of the offending value inside the document. */
  path?: Path
  span?: Span
  location?: Location
  /** What the user can do about it. */
  hint?: string
  related?: Related[]
  /** Subject (assessed unit) id, for evidence and scoring diagnostics. */
  subject?: string
  file?: string
}

export type Result<T> =
  | { ok: true; value: T; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] }

/** Successful result; `diagnostics` may still hold warnings or infos. */
export function ok<T>(value: T, diagnostics: Diagnostic[] = []): Result<T> {
  return { ok: true, value, diagnostics }
}

/** Failed result. Callers should include at least one error diagnostic. */
export function fail<T = never>(diagnostics: Diagnostic[]): Result<T> {
  return { ok: false, diagnostics }
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error')
}

/**
 * Thrown only by convenience wrappers (never by the core API). The message is
 * the formatted diagnostics, one block per diagnostic.
 */
export class KaopingError extends Error {
  readonly diagnostics: Diagnostic[]

  constructor(diagnostics: Diagnostic[], source?: string) {
    super(diagnostics.map((d) => formatDiagnostic(d, source)).join('\n') || 'kaoping: failed without diagnostics')
    this.name = 'KaopingError'
    this.diagnostics = diagnostics
  }
}

/** Unwrap a result or throw a `KaopingError` with its diagnostics. */
export function unwrap<T>(result: Result<T>, source?: string): T {
  if (result.ok) return result.value
  throw new KaopingError(result.diagnostics, source)
}
