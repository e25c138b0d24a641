// Writes docs/diagnostics.md from the catalogue of codes (src/diagnostics/codes.ts) and the examples in the corpus of
// broken rubrics (tests/fixtures/invalid/<code>[-variant].yaml beside its fixed <…>.ok.yaml), in English and in
// Chinese (each code's titles and hints, and each example as `--lang en` and `--lang zh` print it). Run:
//
//   npx tsx scripts/gen-diagnostics-doc.ts
//
// tests/validate-cli.test.ts regenerates the page and fails when the committed copy is stale.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { checkRubricText } from '../src/cli/validate'
import { codes, isCode, type Code } from '../src/diagnostics/codes'
import type { Diagnostic } from '../src/diagnostics/diagnostic'
import { formatDiagnostic } from '../src/diagnostics/format'
import { WORDS } from '../src/diagnostics/localize'
import { compileRubric } from '../src/api/evaluator'
import { loadRubric } from '../src/api/load-rubric'
import { attachLocations, parseYamlSource } from '../src/load/source'

export const INVALID_DIR = 'tests/fixtures/invalid'
/** Broken evidence: <code>[-variant].yaml and its fixed .ok.yaml, scored with rubric.yaml (or <name>.rubric.yaml beside it). */
export const EVIDENCE_DIR = `${INVALID_DIR}/evidence`
export const DOC_FILE = 'docs/diagnostics.md'

/** The codes `kaoping validate` reports (reading a rubric); each has examples in the corpus. */
export const VALIDATE_CODES: readonly Code[] = [
  'TEXT_CONTROL_CHARACTER', 'YAML_SYNTAX', 'YAML_DUPLICATE_KEY', 'YAML_ALIAS_LIMIT', 'YAML_MULTIPLE_DOCUMENTS', 'YAML_WARNING', 'LIMIT_EXCEEDED',
  'RUBRIC_NOT_OBJECT', 'SCHEMA_INVALID_TYPE', 'SCHEMA_UNKNOWN_KEY', 'SCHEMA_MISSING_KEY', 'SCHEMA_INVALID_VALUE', 'DUPLICATE_ID',
  'UNKNOWN_FACT', 'UNKNOWN_PARAM', 'UNKNOWN_ITEM', 'UNKNOWN_RECORDS', 'UNKNOWN_FIELD', 'UNKNOWN_QUOTA', 'UNKNOWN_GRADE',
  'MAX_MISMATCH', 'BAND_GAP', 'BAND_OVERLAP', 'UNREACHABLE_GRADE', 'UNUSED_PARAM', 'UNUSED_FACT', 'DEDUCTION_WITHOUT_FLOOR',
  'MONEY_CATEGORY_WITHOUT_AMOUNT', 'PARAM_TYPE', 'EXPRESSION_SYNTAX', 'EXPRESSION_TYPE', 'EXPRESSION_CYCLE', 'EXPRESSION_ROUNDING',
  'DIVISION_BY_ZERO_POSSIBLE', 'WEIGHTS_MISMATCH',
]

/** Codes about the bytes of a file, reported by every command that reads one (`kaoping validate` included). */
const FILE_CODES: Partial<Record<Code, string>> = {
  TEXT_INVALID_UTF8: 'every command, when it reads a file (`kaoping validate` included), and by the library when it is given bytes (`decodeText`, `loadRubric`, `readEvidence`)',
}

/** Where the other codes come from, for the page (they are not about the rubric text). */
const REPORTED_BY: Partial<Record<Code, string>> = {
  EVIDENCE_INVALID: 'checking evidence (`kaoping score`, `kaoping explain`, `evaluate`, `evaluateCohort`)',
  EVIDENCE_MISSING: 'checking evidence; as a warning for a listed subject without evidence, or a rollup period missing under `missing: skip`',
  EVIDENCE_UNKNOWN_FIELD: 'checking evidence',
  EVIDENCE_OUT_OF_RANGE: 'checking evidence, and scoring a judged item with `outOfRange: error`',
  EVIDENCE_PRECISION: 'scoring, when a value with too many decimal places is used; and reading an evidence file, for a number with more digits than a number holds (`0.1000000000000000001`)',
  EVIDENCE_NO_BAND: 'scoring a `bands` item of a rubric that was compiled without the linter (`BAND_GAP` refuses a rubric whose bands leave a gap, and `OPTION_INVALID` a parameter override that would open one)',
  EVIDENCE_UNKNOWN_SUBJECT: 'scoring a cohort against a rubric with `subjects.list`',
  EVIDENCE_DUPLICATE_SUBJECT: 'scoring a cohort',
  EVIDENCE_DIVISION_BY_ZERO: 'scoring, when a computed value or an `expr` condition divides by a value that is 0 for the subject',
  EVIDENCE_MISSING_ZEROED: 'scoring, for a fact missing under `missing: zero` or `required: false`; part of the subject\'s result',
  JUDGED_CLAMPED: 'scoring a `judged` item with `outOfRange: clamp` (the default); part of the subject\'s result',
  QUOTA_NEEDS_COHORT: 'the library, when one subject is evaluated alone against a rubric with ranked quotas that need the cohort',
  QUOTA_TIE: 'scoring a cohort with ranked quotas (`grades.quotas`)',
  ADJUSTMENT_INVALID: 'applying the manual adjustments of the evidence',
  RUBRIC_NOT_IN_FORCE: 'the library\'s `selectRubric(rubrics, date)`',
  NUMBER_OUT_OF_RANGE: 'reading or scoring a number beyond the exact range (about ±9 007 199 254.74), or one that is not finite (`.inf`, `1e999` in an evidence file)',
  OPTION_INVALID: 'options: `--param`, `--as-of`, the evidence file\'s `params`, `asOf` and `period`, and library options',
}

/** Codes that come from library calls, not from a file: a TypeScript example each. */
const API_EXAMPLES: Partial<Record<Code, { about: string; bad: string; fixed: string }>> = {
  TEXT_INVALID_UTF8: {
    about: '從舊系統導出的證據文件是GBK編碼,不是UTF-8:kaoping不會把無法解碼的字節悄悄換成U+FFFD,而是指出第一個壞字節的行和列。',
    bad: "decodeText(readFileSync('evidence-gbk.yaml'), 'evidence-gbk.yaml')   // TEXT_INVALID_UTF8 at line 5, column 11",
    fixed: "// iconv -f GBK -t UTF-8 evidence-gbk.yaml > evidence.yaml\ndecodeText(readFileSync('evidence.yaml'), 'evidence.yaml')           // ok: the text",
  },
  QUOTA_NEEDS_COHORT: {
    about: 'Ranked quotas (優秀2-3名) rank a whole cohort, so one subject scored alone gets no grade: gradeBasis provisional, the thresholds\' grade in provisionalGrade, with this warning.',
    bad: "const one = evaluator.evaluate(fengxian)   // warning QUOTA_NEEDS_COHORT: grade null, provisionalGrade 合格",
    fixed: "const all = evaluator.evaluateCohort({ subjects: [fengxian, peixian, suining] })   // ranked quotas applied",
  },
  EVIDENCE_NO_BAND: {
    about: 'Bands that leave a gap never reach scoring through `loadRubric` or `kaoping` (BAND_GAP), nor do parameter overrides that would open one (OPTION_INVALID). A program that compiles a rubric it did not lint can meet a value in a gap: it is refused, never guessed.',
    bad: "compileRubric(loadRubric(text, { lint: false }).value).value.evaluate(fengxian)   // chiefStatisticianRate 0.405 in the gap [0.40, 0.41): EVIDENCE_NO_BAND",
    fixed: "loadRubric(text)   // lint on (the default): BAND_GAP names the gap before any evidence is read",
  },
  RUBRIC_NOT_IN_FORCE: {
    about: 'Choosing the version of a method in force on a date, when none of the rubrics given is (each rubric\'s `effective: { from, until }`).',
    bad: "selectRubric([xuzhou2017], '2018-06-30')              // effective 2017-01-01 – 2017-12-31: RUBRIC_NOT_IN_FORCE",
    fixed: "selectRubric([xuzhou2017, xuzhou2018], '2018-06-30')  // the 2018 version is in force",
  },
}

const slug = (code: string) => code.toLowerCase().replace(/_/g, '-')

/** The code a corpus file is about: its name is `<code>[-variant].yaml` (the longest code that fits). */
export function codeOfFixture(file: string): Code | undefined {
  const name = file.replace(/(\.ok)?\.yaml$/, '')
  let best: Code | undefined
  for (const code of Object.keys(codes) as Code[]) {
    const s = slug(code)
    if ((name === s || name.startsWith(s + '-')) && (!best || s.length > slug(best).length)) best = code
  }
  return best
}

/** The catalogue in its written order, with the section comments of codes.ts as groups. */
function groups(root: string): { title: string; codes: Code[] }[] {
  const out: { title: string; codes: Code[] }[] = []
  for (const line of readFileSync(join(root, 'src/diagnostics/codes.ts'), 'utf8').split('\n')) {
    const group = /^\s*\/\/ -+ (.+?) -+\s*$/.exec(line)
    if (group) out.push({ title: group[1]!, codes: [] })
    const code = /^\s*([A-Z][A-Z0-9_]*): \{/.exec(line)
    if (code && isCode(code[1]!)) out[out.length - 1]?.codes.push(code[1])
  }
  const listed = new Set(out.flatMap((g) => g.codes))
  const rest = (Object.keys(codes) as Code[]).filter((c) => !listed.has(c))
  if (rest.length) out.push({ title: 'other', codes: rest })
  return out
}

interface Fixture {
  file: string // relative to the repository root
  text: string
  /** The leading comment: what the example is about. */
  about: string
  /** The lines after the leading comment. */
  body: string[]
  /** Number of leading comment lines (so body line i is file line i + 1 + offset). */
  offset: number
}

function readFixture(root: string, file: string): Fixture {
  const text = readFileSync(join(root, file), 'utf8')
  const lines = text.replace(/\n$/, '').split('\n')
  let offset = 0
  while (offset < lines.length && /^#/.test(lines[offset]!)) offset++
  const about = lines
    .slice(0, offset)
    .map((l) => l.replace(/^#\s?/, ''))
    .join(' ')
    .trim()
  return { file, text, about, body: lines.slice(offset), offset }
}

/** Line ranges [from, to) worth showing: `marks` (0-based body lines) with context, merged. */
function windows(marks: Iterable<number>, length: number, before = 4, after = 2): [number, number][] {
  const sorted = [...new Set(marks)].filter((m) => m >= 0 && m < length).sort((a, b) => a - b)
  const out: [number, number][] = []
  for (const m of sorted) {
    const from = Math.max(0, m - before)
    const to = Math.min(length, m + after + 1)
    const last = out[out.length - 1]
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to)
    else out.push([from, to])
  }
  return out
}

function excerpt(f: Fixture, ranges: [number, number][]): string {
  // short files, or when most of the file would be shown anyway, are shown whole
  const shown = ranges.reduce((n, [a, b]) => n + b - a, 0)
  if (f.body.length <= 14 || shown >= f.body.length * 0.7) ranges = [[0, f.body.length]]
  const parts: string[] = []
  ranges.forEach(([a, b], i) => {
    if (a > 0 && (i === 0 || a > ranges[i - 1]![1])) parts.push('# …')
    parts.push(...f.body.slice(a, b))
  })
  if (ranges[ranges.length - 1]![1] < f.body.length) parts.push('# …')
  return parts.join('\n')
}

const fence = (lang: string, text: string) => '```' + lang + '\n' + text.replace(/\n+$/, '') + '\n```'

/** The lines where two bodies differ: the common prefix and suffix are the same, the rest is the change. */
function change(a: readonly string[], b: readonly string[]): { prefix: number; suffix: number } {
  let prefix = 0
  let suffix = 0
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++
  return { prefix, suffix }
}

/**
 * The bad and fixed examples of a pair of corpus files, with the diagnostics `check` finds in the bad one
 * (`printedAs` says where they are printed); the fixed file is shown around the same lines.
 */
function example(root: string, badFile: string, check: (f: Fixture) => Diagnostic[], printedAs: string, printedAsZh: string, context = ''): string {
  const bad = readFixture(root, badFile)
  const okFile = badFile.replace(/\.yaml$/, '.ok.yaml')
  const ok = existsSync(join(root, okFile)) ? readFixture(root, okFile) : undefined
  const ds = check(bad)

  const { prefix, suffix } = ok ? change(bad.body, ok.body) : { prefix: 0, suffix: 0 }
  const badChanged = ok ? range(prefix, bad.body.length - suffix) : []
  const okChanged = ok ? range(prefix, ok.body.length - suffix) : []
  const located = ds.flatMap((d) => (d.location ? [d.location.line - 1 - bad.offset] : []))
  // a line of the bad body as a line of the fixed body (same prefix, same suffix; inside the change: its start)
  const toOk = (i: number) => (!ok ? i : i < prefix ? i : i >= bad.body.length - suffix ? i - bad.body.length + ok.body.length : prefix)
  const badRanges = windows([...badChanged, ...located], bad.body.length)
  const okRanges = ok ? windows([...okChanged, ...located.map(toOk)], ok.body.length) : []

  const printed = ds.map((d) => formatDiagnostic(d, bad.text)).join('\n')
  const printedZh = ds.map((d) => formatDiagnostic(d, bad.text, { lang: 'zh' })).join('\n')
  const parts = [`${bad.about}`, '', `\`${bad.file}\`${context}:`, '', fence('yaml', excerpt(bad, badRanges)), '', `${printedAs}:`, '', fence('text', printed), '', `${printedAsZh}:`, '', fence('text', printedZh)]
  if (ok) parts.push('', `Fixed, \`${ok.file}\`${ok.about ? ` (${ok.about.replace(/[。.]$/, '')})` : ''}:`, '', fence('yaml', excerpt(ok, okRanges)))
  return parts.join('\n')
}

/** The rubric an evidence example is scored with: `<name>.rubric.yaml` beside it, else the shared `rubric.yaml`. */
export function rubricForEvidence(file: string): string {
  const own = file.replace(/(\.ok)?\.yaml$/, '.rubric.yaml')
  return existsSync(own) ? own : join(dirname(file), 'rubric.yaml')
}

/**
 * What scoring evidence with a rubric reports, located in the evidence file: the errors that stop the cohort, or
 * else the warnings and notes of the cohort and of each subject. Subject diagnostics (whose paths start at the
 * subject) are placed under that subject's entry. The rubric must load without diagnostics.
 */
export function checkEvidenceText(rubricText: string, rubricFile: string, text: string, file: string): Diagnostic[] {
  const loaded = loadRubric(rubricText, { file: rubricFile })
  if (!loaded.ok || loaded.diagnostics.length) throw new Error(`${rubricFile} must load cleanly:\n${loaded.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}`)
  const evaluator = compileRubric(loaded.value)
  if (!evaluator.ok) throw new Error(`${rubricFile} must compile:\n${evaluator.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}`)
  const parsed = parseYamlSource(text, { file })
  if (!parsed.ok) return parsed.diagnostics
  const { source, data } = parsed.value
  const r = evaluator.value.evaluateCohort(data)
  const ds = r.ok ? [...r.value.warnings, ...r.value.subjects.flatMap((s) => s.warnings)] : r.diagnostics
  const subjects = (data as { subjects?: unknown[] } | null)?.subjects ?? []
  const placed = ds.map((d): Diagnostic => {
    if (d.subject === undefined || d.path?.[0] === 'subjects') return d
    const i = subjects.findIndex((s) => (s as { id?: unknown } | null)?.id === d.subject)
    return i < 0 ? d : { ...d, path: ['subjects', i, ...(d.path ?? [])] }
  })
  return attachLocations(placed, source)
}

/** `line:col severity CODE` (or `- severity CODE` without a location): the form of the golden files. */
export function goldenLine(d: Diagnostic): string {
  return `${d.location ? `${d.location.line}:${d.location.column}` : '-'} ${d.severity} ${d.code}`
}

function range(a: number, b: number): number[] {
  return Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i)
}

/** The codes whose messages have templates, for the page. */
function templated(): string {
  return (Object.keys(codes) as Code[])
    .filter((c) => (codes[c] as { message?: unknown }).message !== undefined)
    .map((c) => `\`${c}\``)
    .join(', ')
}

function anchor(code: string): string {
  return code.toLowerCase()
}

/** The whole page. */
export function generateDiagnosticsDoc(root: string = fileURLToPath(new URL('..', import.meta.url))): string {
  const broken = (dir: string) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.yaml') && !f.endsWith('.ok.yaml') && !f.endsWith('rubric.yaml'))
      .sort()
  const corpus = broken(INVALID_DIR)
  const evidence = existsSync(join(root, EVIDENCE_DIR)) ? broken(EVIDENCE_DIR) : []
  // the file named exactly after the code first, then its variants
  const of = (files: readonly string[], code: Code) =>
    files.filter((f) => codeOfFixture(f) === code).sort((a, b) => Number(b === `${slug(code)}.yaml`) - Number(a === `${slug(code)}.yaml`) || (a < b ? -1 : 1))
  const examplesOf = (code: Code) => of(corpus, code)
  const evidenceOf = (code: Code) => of(evidence, code)
  const validated = (f: Fixture) => checkRubricText(f.text, f.file)
  const scored = (f: Fixture) => {
    const rubric = rubricForEvidence(join(root, f.file))
    return checkEvidenceText(readFileSync(rubric, 'utf8'), rubric, f.text, f.file)
  }
  const shared = readFixture(root, `${EVIDENCE_DIR}/rubric.yaml`)
  const out: string[] = []
  const p = (...lines: string[]) => out.push(...lines)

  p(
    '# Diagnostic codes',
    '',
    '<!-- Generated by scripts/gen-diagnostics-doc.ts from src/diagnostics/codes.ts and the examples in',
    `     ${INVALID_DIR}/. Do not edit by hand: run \`npx tsx scripts/gen-diagnostics-doc.ts\`. -->`,
    '',
    'Every problem kaoping reports is a **diagnostic** with a stable **code**, a severity, a message, the place it',
    'refers to, and a hint. This page lists every code: its title, its default severity and hint, and for the codes',
    'found when a rubric is read, a broken example and its fix. The examples are the corpus of broken rubrics the',
    `tests run (\`${INVALID_DIR}/\`), so what is shown here is exactly what kaoping prints.`,
    '',
    '## How diagnostics are printed',
    '',
    '`kaoping validate <files or globs…>` checks rubric files and reports every problem of a file at once, in the',
    'order of the file. Each problem is printed to stderr as',
    '',
    fence('text', 'path:line:col: error|warning CODE message\n  line | the line of the file\n       |     ^^^^ under the offending YAML node\n  hint: what to do about it'),
    '',
    'then a one-line summary to stdout: `N files checked: E errors, W warnings`. Lines and columns are 1-based;',
    'columns count characters (a Chinese character is one column). Other output formats:',
    '',
    '- `--format json`: one JSON object on stdout, `{ files, errors, warnings, diagnostics: [...] }`; each diagnostic',
    '  has `code`, `severity`, `message`, `hint`, `file`, `path` (into the document), `span` (offsets) and `location`',
    '  (`line`, `column`, `endLine`, `endColumn`).',
    '- `--format github`: GitHub Actions workflow annotations on stdout,',
    '  `::error file=…,line=…,col=…,title=CODE::message`, so that problems show on the pull request.',
    '',
    'Exit codes: **0** no errors (warnings are allowed), **1** errors found, **2** usage error or a file that cannot',
    'be read. A glob skips the test files kept beside rubrics (`x.test.yaml`).',
    '',
    '### In Chinese (`--lang zh`)',
    '',
    'Every command takes `--lang zh|en`. Without it the language follows the environment: the first of `LC_ALL`,',
    '`LC_MESSAGES` and `LANG` that is set decides, and a value starting with `zh` (`zh_CN.UTF-8`) means Chinese;',
    'anything else means English. In Chinese the severity, the hint and the message are in Chinese (simplified',
    'characters); the place and the code stay as they are. The codes whose messages are rendered from data print',
    'wholly in Chinese:',
    '',
    templated(),
    '',
    'the others print the Chinese title of the code with the English detail in parentheses, which holds the names and',
    'values. `--format json` and `--format github` stay in English; a JSON diagnostic of a code above also carries',
    '`params`, the data its message is made from.',
    '',
    '每个命令都接受 `--lang zh|en`。不加时按环境变量决定：`LC_ALL`、`LC_MESSAGES`、`LANG` 中第一个有值的变量以 `zh`',
    '开头（如 `zh_CN.UTF-8`）就用中文，否则用英文。中文输出里，严重程度、说明和建议都是中文（简体），位置和代码不变；',
    '上面列出的代码整句是中文，其余的代码先写中文标题，括号里是英文的详细说明（其中有名称和数值）。',
    '',
    fence('text', `path:line:col: ${WORDS.zh.severity.error}|${WORDS.zh.severity.warning} CODE 说明\n  line | the line of the file\n       |     ^^^^\n  ${WORDS.zh.hint}怎样改正`),
    '',
    'The checks run in stages: YAML, then the schema (keys, types, values), then the semantic checks (references,',
    'ids, parameter types, sums) together with the linter (band coverage, reachable grades, floors, unused',
    'declarations, money). A YAML error stops the later stages, and a schema error stops the semantic checks and',
    'the linter; otherwise every problem is reported in one run. Of YAML syntax errors only the first is reported,',
    'pointed at its cause (a tab, a line indented wrongly, a missing space after a colon, an unclosed quote or',
    'bracket), with how many more the parser found: one slip makes the parser fail on many later lines, and they go',
    'away with it. For example:',
    '',
  )
  const many = readFixture(root, `${INVALID_DIR}/several-problems.yaml`)
  p(
    fence('text', checkRubricText(many.text, many.file).map((d) => formatDiagnostic(d).split('\n')[0]).join('\n')),
    '',
    `(\`${many.file}\`; its fixed version is \`${INVALID_DIR}/several-problems.ok.yaml\`.)`,
    '',
    'When a rubric is loaded to be scored (`kaoping score`, `loadRubric`), the linter runs only once the semantic',
    'checks pass, and a rubric with any error is not scored.',
    '',
    '## Codes',
    '',
  )
  const all = groups(root)
  for (const g of all) {
    p(`**${g.title[0]!.toUpperCase()}${g.title.slice(1)}**`, '', '| code | severity | title | 标题 |', '|---|---|---|---|')
    for (const c of g.codes) p(`| [\`${c}\`](#${anchor(c)}) | ${codes[c].severity} | ${codes[c].title} | ${codes[c].zh.title} |`)
    p('')
  }
  for (const g of all) {
    p(`## ${g.title[0]!.toUpperCase()}${g.title.slice(1)}`, '')
    if (g.codes.some((c) => evidenceOf(c).length))
      p(
        `The evidence examples in this section are scored with \`${shared.file}\` (${shared.about.replace(/[。.]$/, '')}) unless they say`,
        'otherwise; they are checked by the tests like the rubric examples. The diagnostics are shown located in the evidence',
        'file, in the format above.',
        '',
        '<details><summary>The rubric of the evidence examples</summary>',
        '',
        fence('yaml', shared.body.join('\n')),
        '',
        '</details>',
        '',
      )
    for (const c of g.codes) {
      const info = codes[c]
      p(`### \`${c}\``, '', `**${info.severity}** — ${info.title}`, '', `**${WORDS.zh.severity[info.severity]}** — ${info.zh.title}`, '', `Hint: ${info.hint}`, '', `${WORDS.zh.hint}${info.zh.hint}`, '')
      const numbered = (list: readonly string[], one: (f: string) => string) => list.forEach((f, i) => p(list.length > 1 ? `**Example ${i + 1}.** ${one(f)}` : one(f), ''))
      if (VALIDATE_CODES.includes(c)) {
        p('Reported when a rubric is read: `kaoping validate`, and every command or library call that loads a rubric.', '')
        numbered(examplesOf(c), (f) => example(root, `${INVALID_DIR}/${f}`, validated, '`kaoping validate` prints', '`kaoping validate --lang zh` prints'))
        continue
      }
      if (FILE_CODES[c]) p(`Reported by ${FILE_CODES[c]}. See [SECURITY.md](../SECURITY.md).`, '')
      else p(`Reported by ${REPORTED_BY[c] ?? 'scoring'}; not by \`kaoping validate\`, which reads rubrics only. See also [evidence.md](evidence.md#7-how-problems-are-reported).`, '')
      numbered(evidenceOf(c), (f) => {
        const file = `${EVIDENCE_DIR}/${f}`
        const rubric = rubricForEvidence(join(root, file))
        if (rubric.endsWith(`${f.replace(/\.yaml$/, '')}.rubric.yaml`)) {
          const own = readFixture(root, `${EVIDENCE_DIR}/${f.replace(/\.yaml$/, '.rubric.yaml')}`)
          const { prefix, suffix } = change(shared.body, own.body)
          const ranges = windows(range(prefix, own.body.length - suffix), own.body.length)
          p(`With its own rubric, \`${own.file}\` (${own.about.replace(/[。.]$/, '')}):`, '', fence('yaml', excerpt(own, ranges)), '')
        }
        return example(root, file, scored, 'The diagnostic', 'With `--lang zh`')
      })
      const api = API_EXAMPLES[c]
      if (api) p(api.about, '', fence('ts', api.bad), '', 'Fixed:', '', fence('ts', api.fixed), '')
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').replace(/\n*$/, '\n')
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = fileURLToPath(new URL('..', import.meta.url))
  writeFileSync(join(root, DOC_FILE), generateDiagnosticsDoc(root))
  console.log(`wrote ${DOC_FILE}`)
}
