/**
 * The catalogue of diagnostic codes. Every diagnostic kaoping emits uses one
 * of these codes; `severity` is the default (callers may override it) and
 * `hint` is the default advice shown under the message.
 *
 * Each code has its title and hint in English and, under `zh`, in Chinese: simplified characters, for the mainland
 * government offices that use kaoping, in the words of the methods they apply (考评办法, 评分项目, 事实, 证据, 参数,
 * 等次, 名额). A code may also have `message`: templates that render the diagnostic's `params` in each language
 * (templates.ts); its diagnostics are made with `diagnose`, and print wholly in Chinese. The others print the Chinese
 * title and the English detail their call site wrote.
 */
import {
  duplicateId, schemaInvalidType, schemaInvalidValue, schemaMissingKey, schemaUnknownKey, unknownFact, yamlAliasLimit, yamlDuplicateKey,
  yamlMultipleDocuments, yamlSyntax, yamlWarning, type Template,
} from './templates'

export type Severity = 'error' | 'warning' | 'info'

export interface CodeInfo {
  readonly severity: Severity
  readonly title: string
  readonly hint: string
  readonly zh: { readonly title: string; readonly hint: string }
  /** Each code's template takes its own params (so here: a template of any params). */
  readonly message?: Template<never>
}

export const codes = {
  // --- text ---------------------------------------------------------------
  TEXT_INVALID_UTF8: {
    severity: 'error', title: 'A file is not valid UTF-8.', hint: 'Save the file as UTF-8. Files from older Windows systems are often GBK or Big5: convert them first (e.g. iconv -f GBK -t UTF-8).',
    zh: { title: '文件不是 UTF-8 编码。', hint: '把文件另存为 UTF-8 编码。旧 Windows 系统导出的文件常是 GBK 或 Big5 编码，要先转换（例如在记事本里“另存为”时选 UTF-8，或用 iconv -f GBK -t UTF-8）。' },
  },
  TEXT_CONTROL_CHARACTER: {
    severity: 'error', title: 'Text holds a control character.', hint: 'Remove the control character (NUL, escape, bell, …); only tabs and line breaks are allowed in text.',
    zh: { title: '文字里有控制字符。', hint: '删去其中的控制字符（NUL、ESC、响铃等）；文字里只允许制表符和换行。' },
  },
  // --- YAML reading -------------------------------------------------------
  YAML_SYNTAX: {
    severity: 'error', title: 'The file is not valid YAML.', hint: 'Fix the YAML syntax at the marked position (check indentation, colons and brackets).',
    zh: { title: '文件不符合 YAML 格式。', hint: '在标出的位置改正 YAML 格式（检查缩进、冒号和括号）。' },
    message: yamlSyntax,
  },
  YAML_DUPLICATE_KEY: {
    severity: 'error', title: 'A mapping contains the same key twice.', hint: 'Remove or rename one of the duplicate keys; YAML keys must be unique.',
    zh: { title: '同一个映射里有两个相同的键。', hint: '删去其中一个，或给它改名；同一层里的键不能重复。' },
    message: yamlDuplicateKey,
  },
  YAML_ALIAS_LIMIT: {
    severity: 'error', title: 'Too many alias expansions (possible "billion laughs" document).', hint: 'Reduce the use of YAML anchors and aliases (&name / *name), or write the values out.',
    zh: { title: '别名展开次数太多（可能是“十亿笑声”式的恶意文件）。', hint: '少用 YAML 锚点和别名（&名称 / *名称），或把内容直接写出来。' },
    message: yamlAliasLimit,
  },
  YAML_MULTIPLE_DOCUMENTS: {
    severity: 'error', title: 'The file contains more than one YAML document.', hint: 'Keep one document per file: remove the extra `---` separator or split the file.',
    zh: { title: '文件里有不止一份 YAML 文档。', hint: '一个文件只放一份文档：删去多余的 --- 分隔线，或把文件拆开。' },
    message: yamlMultipleDocuments,
  },
  YAML_WARNING: {
    severity: 'warning', title: 'The YAML parser reported a warning.', hint: 'Check the marked position; the value may not be read the way you expect.',
    zh: { title: 'YAML 解析器给出了警告。', hint: '检查标出的位置；这个值可能没有按你的意思读入。' },
    message: yamlWarning,
  },
  // --- rubric structure ---------------------------------------------------
  RUBRIC_NOT_OBJECT: {
    severity: 'error', title: 'The rubric document is not a mapping.', hint: 'A rubric file must be a YAML mapping with keys such as `id`, `title` and `items`.',
    zh: { title: '考评办法文件的内容不是映射。', hint: '考评办法文件必须是 YAML 映射（键: 值），包含 id、title、items 等键。' },
  },
  SCHEMA_INVALID_TYPE: {
    severity: 'error', title: 'A value has the wrong type.', hint: 'Change the value to the expected type (quote text, write numbers without quotes).',
    zh: { title: '值的类型不对。', hint: '把值改成要求的类型（文字可以加引号，数字不加引号）。' },
    message: schemaInvalidType,
  },
  SCHEMA_UNKNOWN_KEY: {
    severity: 'error', title: 'A key is not allowed here.', hint: 'Check the spelling of the key, or remove it; see the rubric schema for the allowed keys.',
    zh: { title: '这里不允许这个键。', hint: '检查键名的拼写，或删去这个键；允许的键见考评办法的规范（schemas/rubric.schema.json）。' },
    message: schemaUnknownKey,
  },
  SCHEMA_MISSING_KEY: {
    severity: 'error', title: 'A required key is missing.', hint: 'Add the missing key.',
    zh: { title: '缺少必需的键。', hint: '补上缺少的键。' },
    message: schemaMissingKey,
  },
  SCHEMA_INVALID_VALUE: {
    severity: 'error', title: 'A value is not allowed here.', hint: 'Use one of the allowed values or formats described in the rubric schema.',
    zh: { title: '这里不允许这个值。', hint: '改用考评办法规范允许的值或格式。' },
    message: schemaInvalidValue,
  },
  DUPLICATE_ID: {
    severity: 'error', title: 'An id is defined more than once.', hint: 'Give every item, param, fact and grade a unique id.',
    zh: { title: '同一个编号（id）定义了不止一次。', hint: '每个评分项目、参数、事实和等次都要有自己唯一的编号。' },
    message: duplicateId,
  },
  // --- references ---------------------------------------------------------
  UNKNOWN_FACT: {
    severity: 'error', title: 'Reference to an undeclared fact.', hint: 'Declare the fact under `facts`, or fix the spelling of the reference.',
    zh: { title: '引用了没有声明的事实。', hint: '在 facts 下声明这个事实，或改正引用处的拼写。' },
    message: unknownFact,
  },
  UNKNOWN_PARAM: {
    severity: 'error', title: 'Reference to an undeclared parameter.', hint: 'Declare the parameter under `params`, or fix the spelling of the reference.',
    zh: { title: '引用了没有声明的参数。', hint: '在 params 下声明这个参数，或改正引用处的拼写。' },
  },
  UNKNOWN_ITEM: {
    severity: 'error', title: 'Reference to an unknown item.', hint: 'Check the item id; it must match the `id` of an item in this rubric.',
    zh: { title: '引用了不存在的评分项目。', hint: '检查项目编号：它必须与本考评办法中某个评分项目的 id 一致。' },
  },
  UNKNOWN_RECORDS: {
    severity: 'error', title: 'Reference to an undeclared record list.', hint: 'Declare the record list under `records`, or fix the spelling of the reference.',
    zh: { title: '引用了没有声明的记录类型。', hint: '在 records 下声明这类记录，或改正引用处的拼写。' },
  },
  UNKNOWN_FIELD: {
    severity: 'error', title: 'Reference to an undeclared record field.', hint: 'Declare the field on the record list, or fix the spelling of the reference.',
    zh: { title: '引用了没有声明的记录字段。', hint: '在这类记录下声明这个字段，或改正引用处的拼写。' },
  },
  UNKNOWN_QUOTA: {
    severity: 'error', title: 'Reference to an undeclared quota.', hint: 'Declare the quota under `quotas`, or fix the spelling of the reference.',
    zh: { title: '引用了没有声明的名额。', hint: '在 quotas 下声明这个名额，或改正引用处的拼写。' },
  },
  UNKNOWN_GRADE: {
    severity: 'error', title: 'Reference to an undeclared grade.', hint: 'Use one of the grade ids declared under `grades`.',
    zh: { title: '引用了没有声明的等次。', hint: '使用 grades 下已声明的等次之一。' },
  },
  EXPRESSION_SYNTAX: {
    severity: 'error', title: 'An expression cannot be read.', hint: 'Write numbers, names, + - * /, parentheses and min(…), max(…), abs(…); the column marks where reading stopped.',
    zh: { title: '算式读不懂。', hint: '算式里只能写数字、名称、+ - * /、括号和 min(…)、max(…)、abs(…)；列号标出读到哪里停下。' },
  },
  EXPRESSION_TYPE: {
    severity: 'error', title: 'A name in an expression is not a number.', hint: 'Use numeric facts (number, integer, rate, score), computed values or number parameters in arithmetic; compare other facts in conditions.',
    zh: { title: '算式里的某个名称不是数值。', hint: '算术里只能用数值型的事实（number、integer、rate、score）、计算值或数值参数；其他事实请在条件里比较。' },
  },
  EXPRESSION_CYCLE: {
    severity: 'error', title: 'Computed values depend on each other in a circle.', hint: 'Break the circle: one of the values must be computed from facts and parameters only.',
    zh: { title: '几个计算值互相依赖，绕成了一个圈。', hint: '打破这个圈：其中一个值必须只由事实和参数算出。' },
  },
  EXPRESSION_ROUNDING: {
    severity: 'error', title: 'A computed value that multiplies or divides does not say how it is rounded.', hint: 'Add `round: { places: 4, mode: half-up }` (the places and mode the source states, or the ones you settle on in a note).',
    zh: { title: '有乘除的计算值没有说明怎样取舍。', hint: '加上 round: { places: 4, mode: half-up }（按文件规定的位数和方式，或在 note 里写明你采用的取舍）。' },
  },
  // --- rubric consistency -------------------------------------------------
  MAX_MISMATCH: {
    severity: 'error', title: 'The declared maximum does not match the computed maximum.', hint: 'Make `max` equal to the sum of the maxima of the parts, or adjust the parts.',
    zh: { title: '声明的满分与算出的满分不一致。', hint: '把 max 改为各部分满分之和，或调整各部分。' },
  },
  BAND_GAP: {
    severity: 'error', title: 'Bands leave a range of values without a score.', hint: 'Extend a neighbouring band or add a band that covers the gap.',
    zh: { title: '分档之间留了空档：落在空档里的数值得不到分数。', hint: '把相邻的一档延伸过来，或加一档覆盖这个空档。' },
  },
  BAND_OVERLAP: {
    severity: 'error', title: 'Two bands cover the same values.', hint: 'Make the bands disjoint; check which bound is inclusive (`from`) and which is exclusive (`to`).',
    zh: { title: '两个分档覆盖了相同的数值。', hint: '让各档互不重叠；注意哪一端包含在内（from），哪一端不包含（to）。' },
  },
  UNREACHABLE_GRADE: {
    severity: 'warning', title: 'A grade can never be awarded.', hint: 'Check the grade thresholds against the possible total scores.',
    zh: { title: '某个等次永远评不上。', hint: '对照可能的总分检查各等次的分数线。' },
  },
  UNUSED_PARAM: {
    severity: 'warning', title: 'A parameter is declared but never used.', hint: 'Remove the parameter, or reference it where it was meant to be used.',
    zh: { title: '声明了参数，但没有用到。', hint: '删去这个参数，或在本该用它的地方引用它。' },
  },
  UNUSED_FACT: {
    severity: 'warning', title: 'A fact is declared but never used.', hint: 'Remove the fact, or reference it where it was meant to be used.',
    zh: { title: '声明了事实，但没有用到。', hint: '删去这个事实，或在本该用它的地方引用它。' },
  },
  DEDUCTION_WITHOUT_FLOOR: {
    severity: 'warning', title: 'A deduction has no floor and can drive the score below zero.', hint: 'Add a `floor` (usually 0) to the deduction or its item.',
    zh: { title: '扣分没有下限，得分可能被扣成负数。', hint: '给扣分或它所在的评分项目加上 floor（通常为 0）。' },
  },
  MONEY_CATEGORY_WITHOUT_AMOUNT: {
    severity: 'error', title: 'A money category has no amount field.', hint: 'Add an `amount` field (in yuan) to the records of this category.',
    zh: { title: '奖惩的金额类别没有金额字段。', hint: '给这类记录加上 amount 字段（单位：元）。' },
  },
  DIVISION_BY_ZERO_POSSIBLE: {
    severity: 'warning', title: 'An expression divides by a value that may be 0.', hint: 'Declare `min` above 0 on the fact divided by (任務數 ≥ 1), or compute the item another way; a subject whose divisor is 0 is refused.',
    zh: { title: '算式的除数可能为 0。', hint: '给作除数的事实声明大于 0 的 min（任务数 ≥ 1），或换一种算法；除数为 0 的单位会被拒绝评分。' },
  },
  WEIGHTS_MISMATCH: {
    severity: 'warning', title: "A weighted item's terms do not add up to its max.", hint: "Make the weights add up (Σ each term's top × its weight = the item's max), or change the item's max; a sum above it is cut, one below never reaches it.",
    zh: { title: '加权项目各项加起来与它的满分不一致。', hint: '调整权重（各项最高分 × 权重之和 = 该项满分），或修改该项的满分；超出的部分会被截去，不足则永远得不到满分。' },
  },
  PARAM_TYPE: {
    severity: 'error', title: 'A parameter value has the wrong type.', hint: 'Give the parameter a value of its declared type.',
    zh: { title: '参数值的类型不对。', hint: '按参数声明的类型给值。' },
  },
  // --- evidence -----------------------------------------------------------
  EVIDENCE_INVALID: {
    severity: 'error', title: 'The evidence file is malformed.', hint: 'Check the evidence file against the documented evidence format.',
    zh: { title: '证据文件的格式不对。', hint: '对照证据格式的说明（docs/evidence.md）检查证据文件。' },
  },
  EVIDENCE_MISSING: {
    severity: 'error', title: 'Required evidence is missing.', hint: 'Supply the missing fact for this subject, or mark it explicitly as absent if the rubric allows that.',
    zh: { title: '缺少必需的证据。', hint: '为这个单位补上缺少的事实；如果考评办法允许，也可以明确标为缺失。' },
  },
  EVIDENCE_UNKNOWN_FIELD: {
    severity: 'error', title: 'The evidence contains a field the rubric does not declare.', hint: 'Check the spelling of the field, or remove it.',
    zh: { title: '证据里有考评办法没有声明的字段。', hint: '检查字段名的拼写，或删去这个字段。' },
  },
  EVIDENCE_OUT_OF_RANGE: {
    severity: 'error', title: 'An evidence value is outside its allowed range.', hint: 'Correct the value; see the `min`/`max` declared for the fact.',
    zh: { title: '证据里的数值超出了允许的范围。', hint: '改正这个数值；范围见该事实声明的 min 和 max。' },
  },
  EVIDENCE_PRECISION: {
    severity: 'error', title: 'An evidence value has more decimal places than allowed.', hint: 'Round the value to the precision declared for the fact, or write it as given in the source document.',
    zh: { title: '证据里数值的小数位数超过了允许的位数。', hint: '按该事实声明的精度取舍，或照原始文件的写法填写。' },
  },
  EVIDENCE_NO_BAND: {
    severity: 'error', title: 'An evidence value falls into no band.', hint: 'Check the value, or fix the item\'s bands so they cover it.',
    zh: { title: '证据里的数值不在任何一档里。', hint: '检查这个数值，或修改该评分项目的分档，使它覆盖这个数值。' },
  },
  EVIDENCE_UNKNOWN_SUBJECT: {
    severity: 'error', title: 'Evidence is given for a subject that is not in the cohort.', hint: 'Check the subject id, or add the subject to the cohort.',
    zh: { title: '证据给出的单位不在这次考评的单位里。', hint: '检查单位编号，或把这个单位加入考评名单。' },
  },
  EVIDENCE_DUPLICATE_SUBJECT: {
    severity: 'error', title: 'Evidence for the same subject is given twice.', hint: 'Merge the two entries into one.',
    zh: { title: '同一个单位的证据给了两次。', hint: '把两份合并成一份。' },
  },
  EVIDENCE_DIVISION_BY_ZERO: {
    severity: 'error', title: 'A computed value divides by zero for this subject.', hint: 'Check the evidence value divided by; if 0 is a real value, the rubric must say what it means.',
    zh: { title: '对这个单位，某个计算值的除数为 0。', hint: '检查作除数的证据值；如果 0 是真实情况，考评办法必须说明这时怎样计分。' },
  },
  EVIDENCE_MISSING_ZEROED: {
    severity: 'warning', title: 'Missing evidence was scored as zero.', hint: 'Supply the evidence if it exists; the rubric scores missing evidence as zero.',
    zh: { title: '缺少的证据按 0 计分。', hint: '如果有这项证据，请补上；本考评办法对缺少的证据按 0 计分。' },
  },
  // --- scoring ------------------------------------------------------------
  JUDGED_CLAMPED: {
    severity: 'warning', title: 'A judged score was clamped to its allowed range.', hint: 'Enter a judged score between the item\'s minimum and maximum.',
    zh: { title: '评定的分数超出允许范围，已按上限或下限计。', hint: '填写在该评分项目最低分和最高分之间的评定分数。' },
  },
  QUOTA_NEEDS_COHORT: {
    severity: 'error', title: 'A quota can only be applied to a whole cohort.', hint: 'Score all subjects together (pass the cohort) so the quota can be applied.',
    zh: { title: '名额只能在全部被考评单位中一起确定。', hint: '把全部单位一起评分（传入整批单位），才能按名额评定等次。' },
  },
  QUOTA_TIE: {
    severity: 'warning', title: 'A tie at the quota boundary was broken by a rule.', hint: 'Review the tie-break rule, or settle the tie by hand.',
    zh: { title: '名额边界上出现并列，已按规则决定。', hint: '复核并列时的处理规则，或人工裁定。' },
  },
  ADJUSTMENT_INVALID: {
    severity: 'error', title: 'A manual adjustment is invalid.', hint: 'Give the adjustment an existing item, an amount within limits and a reason.',
    zh: { title: '人工调整无效。', hint: '人工调整要写明存在的评分项目、限度以内的分值和理由。' },
  },
  RUBRIC_NOT_IN_FORCE: {
    severity: 'error', title: 'The rubric is not in force for the assessment period.', hint: 'Use the rubric version in force for the period, or check `effective` dates.',
    zh: { title: '考评办法在这个考评期间不在有效期内。', hint: '使用这个期间有效的考评办法版本，或检查 effective 日期。' },
  },
  NUMBER_OUT_OF_RANGE: {
    severity: 'error', title: 'A number is too large, too small or not finite.', hint: 'Use a finite number within the supported range.',
    zh: { title: '数字太大、太小，或不是有限的数。', hint: '使用支持范围以内的有限数。' },
  },
  OPTION_INVALID: {
    severity: 'error', title: 'An option passed to kaoping is invalid.', hint: 'Check the option against the API or CLI documentation.',
    zh: { title: '传给 kaoping 的选项无效。', hint: '对照接口或命令行的说明检查这个选项。' },
  },
  LIMIT_EXCEEDED: {
    severity: 'error', title: 'An input exceeds a safety limit.', hint: 'Reduce the size or nesting depth of the input, or raise the limit with the option limits (command line: --limit name=value); see SECURITY.md.',
    zh: { title: '输入超过了安全限制。', hint: '减小输入的大小或嵌套层数，或用 limits 选项放宽限制（命令行：--limit 名称=值）；见 SECURITY.md。' },
  },
} as const satisfies Record<string, CodeInfo>

export type Code = keyof typeof codes

export function isCode(code: string): code is Code {
  return Object.prototype.hasOwnProperty.call(codes, code)
}

type Catalogue = typeof codes

/** The codes whose messages are rendered from params (in every language). */
export type TemplatedCode = { [C in Code]: Catalogue[C] extends { message: Template<never> } ? C : never }[Code]

/** The params a templated code's message is made from. */
export type ParamsOf<C extends TemplatedCode> = Catalogue[C] extends { message: Template<infer P> } ? P : never
