import type { Diagnostic, Result } from '../diagnostics/diagnostic'
import { badArgument, fail, ok } from '../diagnostics/diagnostic'
import { limitExceeded, resolveLimits, type Limits } from '../limits'
import { checkPlainData } from '../validate/data-limits'
import { decodeText } from '../load/text'
import { lintRubric } from '../lint/lint-rubric'
import type { Rubric } from '../kinds/rubric'
import { validateRubric } from '../validate/validate-rubric'
import { attachLocations, parseYamlSource, type SourceDoc } from '../load/source'

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
  /** Most YAML alias expansions allowed (default 100; the same as `limits.maxAliasCount`, and wins over it). */
  maxAliasCount?: number
  /** Run the semantic linter too (default true). Its errors (band gaps, money without amounts) fail the load. */
  lint?: boolean
  /**
   * Limits to change from `DEFAULT_LIMITS` (src/limits.ts): maxRubricBytes, maxAliasCount, maxDepth,
   * maxStringLength, maxItems. A rubric beyond one is refused with `LIMIT_EXCEEDED`.
   */
  limits?: Partial<Limits>
}

/**
 * Reads rubric text: YAML with source ranges → the zod model → references, sums, and the linter.
 * Every diagnostic carries file, line and column. Pure: the caller reads the file.
 */
export function loadRubric(input: string | Uint8Array, options: LoadOptions = {}): Result<LoadedRubric> {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) return fail([badArgument('loadRubric takes the rubric file: its text (a string) or its bytes (a Uint8Array).')])
  if (options === null || typeof options !== 'object') return fail([badArgument('The options of loadRubric must be a mapping such as { file, limits }.')])
  const limits = resolveLimits(options.limits)
  if (!limits.ok) return limits
  const { maxRubricBytes, maxDepth, maxStringLength, maxItems } = limits.value
  const file = options.file !== undefined ? { file: options.file } : {}
  let text: string
  if (typeof input === 'string') text = input
  else {
    if (input.length > maxRubricBytes) return fail([limitExceeded('maxRubricBytes', maxRubricBytes, `The rubric file is ${input.length.toLocaleString('en')} bytes long`, file)])
    const decoded = decodeText(input, options.file)
    if (!decoded.ok) return decoded
    text = decoded.value
  }
  const parsed = parseYamlSource(text, {
    ...file,
    maxAliasCount: options.maxAliasCount ?? limits.value.maxAliasCount,
    maxDepth,
    maxStringLength,
    maxBytes: { name: 'maxRubricBytes', value: maxRubricBytes },
    role: 'rubric',
  })
  if (!parsed.ok) return parsed
  const { source, data } = parsed.value
  const v = validateRubric(data, { maxItems, maxPeriodYears: limits.value.maxPeriodYears })
  const lint = v.rubric && options.lint !== false ? lintRubric(v.rubric) : []
  const diagnostics = attachLocations([...parsed.diagnostics, ...v.diagnostics, ...lint], source)
  if (!v.rubric || diagnostics.some((d) => d.severity === 'error')) return fail(diagnostics)
  return ok({ rubric: v.rubric, source, warnings: diagnostics }, diagnostics)
}

/**
 * Validates a rubric given as data (e.g. already parsed JSON), without source positions. The data must be plain
 * (mappings, lists, strings, finite numbers, booleans, null) and within the limits (maxDepth, maxStringLength,
 * maxItems), checked before anything else reads it.
 */
export function loadRubricData(data: unknown, options: { lint?: boolean; limits?: Partial<Limits> } = {}): Result<LoadedRubric> {
  const limits = resolveLimits(options.limits)
  if (!limits.ok) return limits
  const plain = checkPlainData(data, limits.value, 'rubric')
  if (plain.length) return fail(plain)
  const v = validateRubric(data, { maxItems: limits.value.maxItems, maxPeriodYears: limits.value.maxPeriodYears })
  const lint = v.rubric && options.lint !== false ? lintRubric(v.rubric) : []
  const diagnostics = [...v.diagnostics, ...lint]
  if (!v.rubric || diagnostics.some((d) => d.severity === 'error')) return fail(diagnostics)
  return ok({ rubric: v.rubric, source: undefined, warnings: diagnostics }, diagnostics)
}
