/**
 * Core diagnostic types shared by every stage of kaoping (loading, schema
 * validation, rubric checks, evidence checks, scoring).
 *
 * Library functions never throw for user mistakes: they return a `Result`
 * carrying diagnostics. Only `unwrap` (error.ts) throws, a `KaopingError`.
 */
import { codes, type Code, type CodeInfo, type ParamsOf, type Severity, type TemplatedCode } from './codes'
import type { Params } from './templates'

export type { Code, Params, Severity }

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
  code: Code
  severity: Severity
  message: string
  /** Path of the offending value inside the document. */
  path?: Path
  span?: Span
  location?: Location
  /** What the user can do about it. */
  hint?: string
  related?: Related[]
  /**
   * The part of the text value at `path` the diagnostic is about (a column of an expression), as offsets into that
   * text: used to locate the span. Not enumerable (set with `withinText`): it never reaches JSON or a copy.
   */
  within?: { text: string; start: number; end: number }
  /** Subject (assessed unit) id, for evidence and scoring diagnostics. */
  subject?: string
  file?: string
  /**
   * The values the message is made from, for codes whose catalogue entry renders them in each language (see
   * `diagnose`): data, like the code, for programs that print messages their own way.
   */
  params?: Params
}

export type Result<T> =
  | { ok: true; value: T; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] }

/** Marks the part of the text value at the diagnostic's path that it is about (see `Diagnostic.within`). */
export function withinText(d: Diagnostic, text: string, start: number, end: number): Diagnostic {
  Object.defineProperty(d, 'within', { value: { text, start, end }, enumerable: false })
  return d
}

/** Successful result; `diagnostics` may still hold warnings or infos. */
export function ok<T>(value: T, diagnostics: Diagnostic[] = []): Result<T> {
  return { ok: true, value, diagnostics }
}

/** Failed result. Callers should include at least one error diagnostic. */
export function fail<T = never>(diagnostics: Diagnostic[]): Result<T> {
  return { ok: false, diagnostics }
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return Array.isArray(ds) && ds.some((d) => d !== null && typeof d === 'object' && d.severity === 'error')
}

/** The answer of a public function to an argument of the wrong type: OPTION_INVALID, saying what it takes. */
export function badArgument(what: string): Diagnostic {
  return makeDiagnostic('OPTION_INVALID', what)
}

/**
 * Build a diagnostic for `code`, filling `severity` and `hint` from the
 * catalogue. Defined properties of `extra` override the defaults; properties
 * explicitly set to `undefined` in `extra` are ignored.
 */
export function makeDiagnostic(code: Code, message: string, extra?: Partial<Diagnostic>): Diagnostic {
  const info: CodeInfo | undefined = Object.prototype.hasOwnProperty.call(codes, code) ? codes[code] : undefined
  if (info === undefined) return makeDiagnostic('OPTION_INVALID', `makeDiagnostic: ${JSON.stringify(String(code)).slice(0, 60)} is not a kaoping code (see codes); the message was: ${String(message).slice(0, 200)}`)
  const d: Diagnostic = { code, severity: info.severity, message, hint: info.hint }
  if (extra) {
    for (const k in extra) {
      const v = (extra as Record<string, unknown>)[k]
      if (v !== undefined) (d as unknown as Record<string, unknown>)[k] = v
    }
  }
  return d
}

/**
 * Build a diagnostic of a code whose catalogue entry has message templates: the message (and the hint, when the
 * template gives one) in English from `params`, which the diagnostic keeps, so that it prints in any language.
 * `extra` as for `makeDiagnostic` (a hint given there wins).
 */
export function diagnose<C extends TemplatedCode>(code: C, params: ParamsOf<C>, extra?: Partial<Diagnostic>): Diagnostic {
  const template = codes[code].message as { en: (p: ParamsOf<C>) => string; hint?: { en: (p: ParamsOf<C>) => string | undefined } }
  const d = makeDiagnostic(code, template.en(params), extra)
  const hint = extra?.hint === undefined ? template.hint?.en(params) : undefined
  if (hint !== undefined) d.hint = hint
  // undefined params are left out: they are absent in JSON too, and a copy compares equal
  const kept: Record<string, Params[string]> = {}
  for (const k in params) if (params[k] !== undefined) kept[k] = params[k]
  d.params = kept
  return d
}

/**
 * Diagnostics of one code reported for one file before the rest are only counted (one summary then says how many
 * more): the CSV reader and the command line both hold to it, so a file with a million problems prints a page.
 */
export const SHOWN_PER_CODE = 20
