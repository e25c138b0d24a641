/** The one error kaoping throws on purpose: `unwrap` of a failed result, for callers who prefer exceptions. */
import type { Result } from './diagnostic'
import { formatDiagnostic } from './format'
import type { Diagnostic } from './diagnostic'

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
