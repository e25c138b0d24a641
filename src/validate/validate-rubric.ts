/**
 * Validates rubric data (already read from YAML or JSON): first the zod model
 * (every issue a diagnostic with the path of the offending value), then, only
 * when the shape is right, the semantic checks (all of them, not stopping at
 * the first): duplicate ids, references, parameter types, fact types, exactly-
 * one rules, exact decimals, and maxima that must add up.
 */
import { makeDiagnostic } from '../diagnostics/codes'
import type { Diagnostic } from '../diagnostics/diagnostic'
import { Rubric } from '../model/rubric'
import { checkLiterals, checkParamDefaults, checkParamRefs } from './params'
import { checkRefs, collectRefs } from './refs'
import { checkRules } from './rules'
import { checkDuplicates, checkMaxima } from './structure'
import { isPlainObject, scanRubric } from './walk'
import { issuesToDiagnostics } from './zod-issues'

export interface Validated {
  /** The rubric, when it has no errors (warnings may remain in `diagnostics`). */
  rubric: Rubric | undefined
  /**
   * The data as the model reads it whenever its shape is right, even when the
   * semantic checks found errors (for tools that report every problem at once,
   * such as `kaoping validate`, which also lints it). Not for scoring.
   */
  shaped?: Rubric
  diagnostics: Diagnostic[]
}

/** The semantic checks of a schema-valid rubric. */
export function checkRubric(rubric: Rubric): Diagnostic[] {
  const scan = scanRubric(Rubric, rubric)
  return [
    ...checkLiterals(scan),
    ...checkDuplicates(rubric),
    ...checkRefs(rubric, collectRefs(rubric, scan.conditions)),
    ...checkParamRefs(rubric, scan),
    ...checkParamDefaults(rubric),
    ...checkRules(rubric, scan),
    ...checkMaxima(rubric),
  ]
}

export function validateRubric(data: unknown): Validated {
  if (!isPlainObject(data)) {
    const got = data === null || data === undefined ? 'empty' : Array.isArray(data) ? 'a list' : `a single ${typeof data} value`
    return { rubric: undefined, diagnostics: [makeDiagnostic('RUBRIC_NOT_OBJECT', `The rubric must be a mapping (kaoping, id, title, total, items, …), but the document is ${got}.`, { path: [] })] }
  }
  const parsed = Rubric.safeParse(data)
  if (!parsed.success) return { rubric: undefined, diagnostics: issuesToDiagnostics(Rubric, data, parsed.error.issues) }
  const diagnostics = checkRubric(parsed.data)
  const failed = diagnostics.some((d) => d.severity === 'error')
  return { rubric: failed ? undefined : parsed.data, shaped: parsed.data, diagnostics }
}
