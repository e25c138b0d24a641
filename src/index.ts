// kaoping: declarative YAML rubrics for assessment methods, scored exactly with a trail for every number.
export { loadRubric, loadRubricData, type LoadedRubric, type LoadOptions } from './load/load-rubric'
export { readEvidence, type ReadEvidenceOptions, type EvidenceFile, type EvidenceFormat } from './load/evidence'
export { decodeText } from './load/text'
export { DEFAULT_LIMITS, LIMIT_NAMES, resolveLimits, type Limits, type LimitName } from './limits'
export { validateRubric, type Validated } from './validate/validate-rubric'
export { lintRubric } from './lint/lint-rubric'
export { compileRubric, compileRubric as compile, evaluateCohort, type Evaluator, type CompileRubricOptions, type CohortEvidence } from './evaluator'
export type { EvaluateOptions, SubjectEvidence } from './evaluate/subject'
export type {
  SubjectResult,
  CohortResult,
  ItemResult,
  GateResult,
  QuotaResult,
  MoneyResult,
  MoneyLine,
  Trail,
  Difference,
  Adjustment,
  PeriodResult,
  CohortQuotaResult,
  DecimalString,
} from './evaluate/result'
export { explain, summarizeCohort } from './report/explain'
export { evidenceSchema, subjectSchema } from './validate/evidence-schema'
export { rubricJsonSchema } from './model/json-schema'
export { selectRubric } from './select'
export { Rubric as RubricSchema } from './model/rubric'
export type { Rubric } from './model/rubric'
export type { Item, Section, Leaf } from './model/item'
export type { Condition } from './model/condition'
export { codes, makeDiagnostic, type Code } from './diagnostics/codes'
export { formatDiagnostic, formatDiagnostics, formatGithub } from './diagnostics/format'
export { ok, fail, hasErrors, unwrap, KaopingError, type Diagnostic, type Result, type Severity, type Span, type Location } from './diagnostics/diagnostic'
