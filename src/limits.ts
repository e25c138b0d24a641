/**
 * The safety limits: how much kaoping reads before it refuses an input. Every input of kaoping — rubric text,
 * evidence files, evidence given as data, parameters — may come from someone else; these limits keep the time and
 * memory one call can take bounded, whatever arrives. An input beyond a limit is refused with a `LIMIT_EXCEEDED`
 * diagnostic that names the limit, its value and the option that raises it; nothing is cut short silently.
 *
 * The defaults are far above what a real rubric or cohort needs (the largest shipped rubric has 45 items and is
 * 20 KB; a province's cohort has a few thousand subjects). Raise a limit per call with the `limits` option of
 * `loadRubric`, `loadRubricData`, `readEvidence`, `evaluate`, `evaluateCohort` and `totals`, or on the command
 * line with `--limit name=value` (repeatable). See SECURITY.md.
 */
import { makeDiagnostic } from './diagnostics/diagnostic'
import type { Diagnostic, Path, Result } from './diagnostics/diagnostic'
import { fail, ok } from './diagnostics/diagnostic'

export interface Limits {
  /** Largest rubric file, in bytes of UTF-8 (default 1 MiB; the shipped rubrics are 4–20 KB). */
  readonly maxRubricBytes: number
  /** Largest evidence file, in bytes of UTF-8 (default 256 MiB). */
  readonly maxEvidenceBytes: number
  /**
   * Largest YAML evidence file (or test file), in bytes of UTF-8 (default 4 MiB, about 15,000 subjects). Reading YAML
   * keeps a node for every value, with its place in the file: it takes about 100 times the file's size in memory
   * and about a second per MB, where JSON takes about 5 times and a tenth of the time. Give large cohorts as JSON
   * or CSV.
   */
  readonly maxYamlBytes: number
  /** Most YAML alias expansions (`*name`) in one file (default 100): a "billion laughs" file is refused at once. */
  readonly maxAliasCount: number
  /** Deepest nesting of mappings and lists, in files and in data (default 100; a rubric needs about 15). */
  readonly maxDepth: number
  /** Most items (sections and leaves, at every level) in one rubric (default 10,000). */
  readonly maxItems: number
  /** Longest string — a key or a value — anywhere in a rubric or in evidence, in UTF-16 code units (default 10,000). */
  readonly maxStringLength: number
  /** Most records one subject's evidence may give, all record lists, self-assessment and periods together (default 100,000). */
  readonly maxRecordsPerSubject: number
  /** Most subjects in one cohort (default 1,000,000). */
  readonly maxSubjects: number
  /**
   * Longest assessed span (period from–to), in calendar years (default 100): the span must end before the day
   * `from` + maxPeriodYears years. Quotas counted per month, quarter or half-year list every period of the span, so
   * a span from 1000-01-01 to 9999-12-31 would make 108,000 months for each subject; it is refused before any
   * period is listed. Checked for the rubric's `period`, the evidence file's `period` and the option `period`.
   */
  readonly maxPeriodYears: number
}

/** The default limits. Frozen: copy and change to make your own, or pass only the ones to change as `limits`. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxRubricBytes: 1_048_576,
  maxEvidenceBytes: 268_435_456,
  maxYamlBytes: 4_194_304,
  maxAliasCount: 100,
  maxDepth: 100,
  maxItems: 10_000,
  maxStringLength: 10_000,
  maxRecordsPerSubject: 100_000,
  maxSubjects: 1_000_000,
  maxPeriodYears: 100,
})

export type LimitName = keyof Limits

export const LIMIT_NAMES: readonly LimitName[] = Object.freeze(Object.keys(DEFAULT_LIMITS) as LimitName[])

const isLimitName = (k: string): k is LimitName => Object.prototype.hasOwnProperty.call(DEFAULT_LIMITS, k)

/**
 * The limits of one call: the defaults, overridden by `over` (a partial object). Each value must be a whole number
 * ≥ 0 (`maxAliasCount` may also be -1: no alias check); an unknown name or a bad value is `OPTION_INVALID`.
 */
export function resolveLimits(over: unknown): Result<Limits> {
  if (over === undefined || over === null) return ok(DEFAULT_LIMITS)
  if (typeof over !== 'object' || Array.isArray(over)) return fail([makeDiagnostic('OPTION_INVALID', 'The option "limits" must be an object such as { maxStringLength: 20000 }.')])
  const out: Record<LimitName, number> = { ...DEFAULT_LIMITS }
  const ds: Diagnostic[] = []
  for (const key of Object.keys(over)) {
    const v = (over as Record<string, unknown>)[key]
    if (v === undefined) continue
    if (!isLimitName(key)) {
      ds.push(makeDiagnostic('OPTION_INVALID', `Unknown limit "${key}"; the limits are ${LIMIT_NAMES.join(', ')}.`))
      continue
    }
    const min = key === 'maxAliasCount' ? -1 : 0
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
      ds.push(makeDiagnostic('OPTION_INVALID', `Limit ${key} must be a whole number of at least ${min}, not ${JSON.stringify(v) ?? String(v)}.`))
      continue
    }
    out[key] = v
  }
  return ds.length ? fail(ds) : ok(out)
}

/** Parses `--limit name=value` texts into a partial limits object, or a diagnostic. */
export function parseLimitOptions(texts: readonly string[]): Result<Partial<Limits>> {
  const out: Partial<Record<LimitName, number>> = {}
  const ds: Diagnostic[] = []
  for (const t of texts) {
    const eq = t.indexOf('=')
    const name = eq > 0 ? t.slice(0, eq).trim() : t.trim()
    const value = eq > 0 ? t.slice(eq + 1).trim() : ''
    if (!isLimitName(name)) {
      ds.push(makeDiagnostic('OPTION_INVALID', `--limit takes name=value with one of ${LIMIT_NAMES.join(', ')}; not "${t}".`))
      continue
    }
    if (!/^-?\d{1,15}$/.test(value)) {
      ds.push(makeDiagnostic('OPTION_INVALID', `--limit ${name} needs a whole number, not "${value}".`))
      continue
    }
    out[name] = Number(value)
  }
  if (ds.length) return fail(ds)
  const checked = resolveLimits(out)
  return checked.ok ? ok(out) : checked
}

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** How a limit is written in a message: its value, in bytes with MiB when that is whole. */
export function showLimit(name: LimitName, value: number): string {
  const mib = value / 1_048_576
  return /Bytes$/.test(name) && Number.isInteger(mib) && mib >= 1 ? `${grouped(value)} bytes (${mib} MiB)` : grouped(value)
}

/**
 * The `LIMIT_EXCEEDED` diagnostic for an input beyond `name`: "<what>; the limit maxX is N. Raise it with the
 * option limits.maxX (command line: --limit maxX=…) if the input is trusted."
 */
export function limitExceeded(name: LimitName, value: number, what: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  const message = `${what}; the limit ${name} is ${showLimit(name, value)}.`
  return makeDiagnostic('LIMIT_EXCEEDED', message, {
    hint: `Reduce the input, or raise the limit with the option limits: { ${name}: … } (command line: --limit ${name}=…) if the input is trusted.`,
    ...extra,
  })
}

/** Number of bytes `text` takes in UTF-8 (a lone surrogate counts 3, as TextEncoder writes U+FFFD for it). */
export function utf8Length(text: string): number {
  let n = text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) continue
    if (c < 0x800) n += 1
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2 // a pair: 2 code units, 4 bytes
      i++
    } else n += 2
  }
  return n
}

/** Whether `text` is over `maxBytes` bytes of UTF-8, without counting when its length alone decides. */
export function overBytes(text: string, maxBytes: number): number | undefined {
  if (text.length * 3 <= maxBytes) return undefined
  if (text.length > maxBytes) return text.length // every code unit is at least one byte
  const n = utf8Length(text)
  return n > maxBytes ? n : undefined
}

/**
 * The characters kaoping refuses in any text: C0 controls but tab, line feed and carriage return; DEL; C1 controls;
 * and the bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), which make a
 * terminal or an editor show text in another order than it is ("Trojan Source").
 */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

/** U+0007 as "U+0007". */
export const codePoint = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`

/** A path as people read it: subjects[3].facts.passRate. */
export function showPath(path: Path): string {
  let s = ''
  for (const x of path) s += typeof x === 'number' ? `[${x}]` : (s ? '.' : '') + x
  return s || 'the top level'
}

/** Whether a string holds a character of CONTROL_CHARACTER (a loop: faster than the regular expression on short strings). */
export function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20) {
      if (c !== 9 && c !== 10 && c !== 13) return true
    } else if (c >= 0x7f && (c <= 0x9f || (c >= 0x202a && (c <= 0x202e || (c >= 0x2066 && c <= 0x2069))))) return true
  }
  return false
}
