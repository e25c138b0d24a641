/**
 * The catalogue of diagnostic codes. Every diagnostic kaoping emits uses one
 * of these codes; `severity` is the default (callers may override it) and
 * `hint` is the default advice shown under the message.
 */
export type Severity = 'error' | 'warning' | 'info'

export interface CodeInfo {
  readonly severity: Severity
  readonly title: string
  readonly hint: string
}

export const codes = {
  // --- text ---------------------------------------------------------------
  TEXT_INVALID_UTF8: { severity: 'error', title: 'A file is not valid UTF-8.', hint: 'Save the file as UTF-8. Files from older Windows systems are often GBK or Big5: convert them first (e.g. iconv -f GBK -t UTF-8).' },
  TEXT_CONTROL_CHARACTER: { severity: 'error', title: 'Text holds a control character.', hint: 'Remove the control character (NUL, escape, bell, …); only tabs and line breaks are allowed in text.' },
  // --- YAML reading -------------------------------------------------------
  YAML_SYNTAX: { severity: 'error', title: 'The file is not valid YAML.', hint: 'Fix the YAML syntax at the marked position (check indentation, colons and brackets).' },
  YAML_DUPLICATE_KEY: { severity: 'error', title: 'A mapping contains the same key twice.', hint: 'Remove or rename one of the duplicate keys; YAML keys must be unique.' },
  YAML_ALIAS_LIMIT: { severity: 'error', title: 'Too many alias expansions (possible "billion laughs" document).', hint: 'Reduce the use of YAML anchors and aliases (&name / *name), or write the values out.' },
  YAML_MULTIPLE_DOCUMENTS: { severity: 'error', title: 'The file contains more than one YAML document.', hint: 'Keep one document per file: remove the extra `---` separator or split the file.' },
  YAML_WARNING: { severity: 'warning', title: 'The YAML parser reported a warning.', hint: 'Check the marked position; the value may not be read the way you expect.' },
  // --- rubric structure ---------------------------------------------------
  RUBRIC_NOT_OBJECT: { severity: 'error', title: 'The rubric document is not a mapping.', hint: 'A rubric file must be a YAML mapping with keys such as `id`, `title` and `items`.' },
  SCHEMA_INVALID_TYPE: { severity: 'error', title: 'A value has the wrong type.', hint: 'Change the value to the expected type (quote text, write numbers without quotes).' },
  SCHEMA_UNKNOWN_KEY: { severity: 'error', title: 'A key is not allowed here.', hint: 'Check the spelling of the key, or remove it; see the rubric schema for the allowed keys.' },
  SCHEMA_MISSING_KEY: { severity: 'error', title: 'A required key is missing.', hint: 'Add the missing key.' },
  SCHEMA_INVALID_VALUE: { severity: 'error', title: 'A value is not allowed here.', hint: 'Use one of the allowed values or formats described in the rubric schema.' },
  DUPLICATE_ID: { severity: 'error', title: 'An id is defined more than once.', hint: 'Give every item, param, fact and grade a unique id.' },
  // --- references ---------------------------------------------------------
  UNKNOWN_FACT: { severity: 'error', title: 'Reference to an undeclared fact.', hint: 'Declare the fact under `facts`, or fix the spelling of the reference.' },
  UNKNOWN_PARAM: { severity: 'error', title: 'Reference to an undeclared parameter.', hint: 'Declare the parameter under `params`, or fix the spelling of the reference.' },
  UNKNOWN_ITEM: { severity: 'error', title: 'Reference to an unknown item.', hint: 'Check the item id; it must match the `id` of an item in this rubric.' },
  UNKNOWN_RECORDS: { severity: 'error', title: 'Reference to an undeclared record list.', hint: 'Declare the record list under `records`, or fix the spelling of the reference.' },
  UNKNOWN_FIELD: { severity: 'error', title: 'Reference to an undeclared record field.', hint: 'Declare the field on the record list, or fix the spelling of the reference.' },
  UNKNOWN_QUOTA: { severity: 'error', title: 'Reference to an undeclared quota.', hint: 'Declare the quota under `quotas`, or fix the spelling of the reference.' },
  UNKNOWN_GRADE: { severity: 'error', title: 'Reference to an undeclared grade.', hint: 'Use one of the grade ids declared under `grades`.' },
  EXPRESSION_SYNTAX: { severity: 'error', title: 'An expression cannot be read.', hint: 'Write numbers, names, + - * /, parentheses and min(…), max(…), abs(…); the column marks where reading stopped.' },
  EXPRESSION_TYPE: { severity: 'error', title: 'A name in an expression is not a number.', hint: 'Use numeric facts (number, integer, rate, score), computed values or number parameters in arithmetic; compare other facts in conditions.' },
  EXPRESSION_CYCLE: { severity: 'error', title: 'Computed values depend on each other in a circle.', hint: 'Break the circle: one of the values must be computed from facts and parameters only.' },
  EXPRESSION_ROUNDING: { severity: 'error', title: 'A computed value that multiplies or divides does not say how it is rounded.', hint: 'Add `round: { places: 4, mode: half-up }` (the places and mode the source states, or the ones you settle on in a note).' },
  // --- rubric consistency -------------------------------------------------
  MAX_MISMATCH: { severity: 'error', title: 'The declared maximum does not match the computed maximum.', hint: 'Make `max` equal to the sum of the maxima of the parts, or adjust the parts.' },
  BAND_GAP: { severity: 'error', title: 'Bands leave a range of values without a score.', hint: 'Extend a neighbouring band or add a band that covers the gap.' },
  BAND_OVERLAP: { severity: 'error', title: 'Two bands cover the same values.', hint: 'Make the bands disjoint; check which bound is inclusive (`from`) and which is exclusive (`to`).' },
  UNREACHABLE_GRADE: { severity: 'warning', title: 'A grade can never be awarded.', hint: 'Check the grade thresholds against the possible total scores.' },
  UNUSED_PARAM: { severity: 'warning', title: 'A parameter is declared but never used.', hint: 'Remove the parameter, or reference it where it was meant to be used.' },
  UNUSED_FACT: { severity: 'warning', title: 'A fact is declared but never used.', hint: 'Remove the fact, or reference it where it was meant to be used.' },
  DEDUCTION_WITHOUT_FLOOR: { severity: 'warning', title: 'A deduction has no floor and can drive the score below zero.', hint: 'Add a `floor` (usually 0) to the deduction or its item.' },
  MONEY_CATEGORY_WITHOUT_AMOUNT: { severity: 'error', title: 'A money category has no amount field.', hint: 'Add an `amount` field (in yuan) to the records of this category.' },
  DIVISION_BY_ZERO_POSSIBLE: { severity: 'warning', title: 'An expression divides by a value that may be 0.', hint: 'Declare `min` above 0 on the fact divided by (任務數 ≥ 1), or compute the item another way; a subject whose divisor is 0 is refused.' },
  WEIGHTS_MISMATCH: { severity: 'warning', title: "A weighted item's terms do not add up to its max.", hint: "Make the weights add up (Σ each term's top × its weight = the item's max), or change the item's max; a sum above it is cut, one below never reaches it." },
  PARAM_TYPE: { severity: 'error', title: 'A parameter value has the wrong type.', hint: 'Give the parameter a value of its declared type.' },
  // --- evidence -----------------------------------------------------------
  EVIDENCE_INVALID: { severity: 'error', title: 'The evidence file is malformed.', hint: 'Check the evidence file against the documented evidence format.' },
  EVIDENCE_MISSING: { severity: 'error', title: 'Required evidence is missing.', hint: 'Supply the missing fact for this subject, or mark it explicitly as absent if the rubric allows that.' },
  EVIDENCE_UNKNOWN_FIELD: { severity: 'error', title: 'The evidence contains a field the rubric does not declare.', hint: 'Check the spelling of the field, or remove it.' },
  EVIDENCE_OUT_OF_RANGE: { severity: 'error', title: 'An evidence value is outside its allowed range.', hint: 'Correct the value; see the `min`/`max` declared for the fact.' },
  EVIDENCE_PRECISION: { severity: 'error', title: 'An evidence value has more decimal places than allowed.', hint: 'Round the value to the precision declared for the fact, or write it as given in the source document.' },
  EVIDENCE_NO_BAND: { severity: 'error', title: 'An evidence value falls into no band.', hint: 'Check the value, or fix the item\'s bands so they cover it.' },
  EVIDENCE_UNKNOWN_SUBJECT: { severity: 'error', title: 'Evidence is given for a subject that is not in the cohort.', hint: 'Check the subject id, or add the subject to the cohort.' },
  EVIDENCE_DUPLICATE_SUBJECT: { severity: 'error', title: 'Evidence for the same subject is given twice.', hint: 'Merge the two entries into one.' },
  EVIDENCE_DIVISION_BY_ZERO: { severity: 'error', title: 'A computed value divides by zero for this subject.', hint: 'Check the evidence value divided by; if 0 is a real value, the rubric must say what it means.' },
  EVIDENCE_MISSING_ZEROED: { severity: 'warning', title: 'Missing evidence was scored as zero.', hint: 'Supply the evidence if it exists; the rubric scores missing evidence as zero.' },
  // --- scoring ------------------------------------------------------------
  JUDGED_CLAMPED: { severity: 'warning', title: 'A judged score was clamped to its allowed range.', hint: 'Enter a judged score between the item\'s minimum and maximum.' },
  QUOTA_NEEDS_COHORT: { severity: 'error', title: 'A quota can only be applied to a whole cohort.', hint: 'Score all subjects together (pass the cohort) so the quota can be applied.' },
  QUOTA_TIE: { severity: 'warning', title: 'A tie at the quota boundary was broken by a rule.', hint: 'Review the tie-break rule, or settle the tie by hand.' },
  ADJUSTMENT_INVALID: { severity: 'error', title: 'A manual adjustment is invalid.', hint: 'Give the adjustment an existing item, an amount within limits and a reason.' },
  RUBRIC_NOT_IN_FORCE: { severity: 'error', title: 'The rubric is not in force for the assessment period.', hint: 'Use the rubric version in force for the period, or check `effective` dates.' },
  NUMBER_OUT_OF_RANGE: { severity: 'error', title: 'A number is too large, too small or not finite.', hint: 'Use a finite number within the supported range.' },
  OPTION_INVALID: { severity: 'error', title: 'An option passed to kaoping is invalid.', hint: 'Check the option against the API or CLI documentation.' },
  LIMIT_EXCEEDED: { severity: 'error', title: 'An input exceeds a safety limit.', hint: 'Reduce the size or nesting depth of the input, or raise the limit with the option limits (command line: --limit name=value); see SECURITY.md.' },
} as const satisfies Record<string, CodeInfo>

export type Code = keyof typeof codes

export function isCode(code: string): code is Code {
  return Object.prototype.hasOwnProperty.call(codes, code)
}
