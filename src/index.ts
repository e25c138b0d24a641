// kaoping: declarative YAML rubrics for assessment methods, scored exactly with a trail for every number.
// The pipeline: load (text → data with source positions) → validate (the language's rules) → lint → compile → evaluate → report.
export { loadRubric, loadRubricData, type LoadedRubric, type LoadOptions } from './api/load-rubric'
export { readEvidence, type ReadEvidenceOptions, type EvidenceFile, type EvidenceFormat } from './load/evidence'
export { decodeText } from './load/text'
export { ndjsonLines, type NdjsonItem, type NdjsonLine, type NdjsonOptions } from './load/ndjson'
export { DEFAULT_LIMITS, LIMIT_NAMES, resolveLimits, type Limits, type LimitName } from './limits'
export { validateRubric, type Validated } from './validate/validate-rubric'
export { lintRubric } from './api/lint'
export { compileRubric, compileRubric as compile, evaluateCohort, type Evaluator, type CompileRubricOptions, type CohortEvidence, type EvaluateOptions, type SubjectEvidence, type CohortScorer, type CohortStanding, type CohortHow } from './api/evaluator'
export type {
  SubjectResult,
  CohortResult,
  ItemResult,
  GateResult,
  FindingResult,
  QuotaResult,
  MoneyResult,
  MoneyLine,
  Trail,
  Difference,
  Adjustment,
  PeriodResult,
  CohortQuotaResult,
  RefusedSubject,
  DecimalString,
} from './evaluate/result'
export { explain, summarizeCohort } from './report/explain'
export { evidenceSchema, subjectSchema } from './api/schemas'
export { rubricJsonSchema } from './kinds/rubric'
export { selectRubric } from './api/select'
export { Rubric as RubricSchema } from './kinds/rubric'
export type { Rubric } from './kinds/rubric'
export type { Item, Section, Leaf, Condition } from './kinds'
export { codes, type Code } from './diagnostics/codes'
export { formatDiagnostic, formatDiagnostics, formatGithub } from './diagnostics/format'
export { unwrap, KaopingError } from './diagnostics/error'
export { ok, fail, hasErrors, makeDiagnostic, type Diagnostic, type Result, type Severity, type Span, type Location } from './diagnostics/diagnostic'
