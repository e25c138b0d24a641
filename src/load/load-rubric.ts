import type { Diagnostic, Result } from '../diagnostics/diagnostic'
import { fail, ok } from '../diagnostics/diagnostic'
import { lintRubric } from '../lint/lint-rubric'
import type { Rubric } from '../model/rubric'
import { validateRubric } from '../validate/validate-rubric'
import { attachLocations, parseYamlSource, type SourceDoc } from './source'

/** A rubric that passed validation, with the source it came from (for locating later diagnostics). */
export interface LoadedRubric {
  readonly rubric: Rubric
  readonly source: SourceDoc | undefined
  /** Warnings found while loading (linter findings that do not stop scoring). */
  readonly warnings: readonly Diagnostic[]
}

export interface LoadOptions {
  /** The file name printed in diagnostics. */
  file?: string
  /** Most YAML alias expansions allowed (default 100). */
  maxAliasCount?: number
  /** Run the semantic linter too (default true). Its errors (band gaps, money without amounts) fail the load. */
  lint?: boolean
}

/**
 * Reads rubric text: YAML with source ranges → the zod model → references, sums, and the linter.
 * Every diagnostic carries file, line and column. Pure: the caller reads the file.
 */
export function loadRubric(text: string, options: LoadOptions = {}): Result<LoadedRubric> {
  const parsed = parseYamlSource(text, { ...(options.file !== undefined ? { file: options.file } : {}), ...(options.maxAliasCount !== undefined ? { maxAliasCount: options.maxAliasCount } : {}) })
  if (!parsed.ok) return parsed
  const { source, data } = parsed.value
  const v = validateRubric(data)
  const lint = v.rubric && options.lint !== false ? lintRubric(v.rubric) : []
  const diagnostics = attachLocations([...parsed.diagnostics, ...v.diagnostics, ...lint], source)
  if (!v.rubric || diagnostics.some((d) => d.severity === 'error')) return fail(diagnostics)
  return ok({ rubric: v.rubric, source, warnings: diagnostics }, diagnostics)
}

/** Validates a rubric given as data (e.g. already parsed JSON), without source positions. */
export function loadRubricData(data: unknown, options: { lint?: boolean } = {}): Result<LoadedRubric> {
  const v = validateRubric(data)
  const lint = v.rubric && options.lint !== false ? lintRubric(v.rubric) : []
  const diagnostics = [...v.diagnostics, ...lint]
  if (!v.rubric || diagnostics.some((d) => d.severity === 'error')) return fail(diagnostics)
  return ok({ rubric: v.rubric, source: undefined, warnings: diagnostics }, diagnostics)
}
