import { explain } from '../report/explain'
import type { CohortResult } from '../evaluate/result'
import { cohortCsvChunks, cohortJsonChunks, cohortMarkdown } from '../report/formats'
import { evaluateOptions, evaluatorFor, Exit, printCohortDiagnostics, readCohort } from './common'
import { EXIT_FINDINGS, EXIT_OK, one, parseArgs, UsageError, type CliIo, type ParsedArgs } from './io'
import { table } from '../text/width'

const SCORE_HELP = `Usage: kaoping score <rubric.yaml> <evidence…> [options]

Scores every subject in the evidence and prints a table of totals, grades and ranks.
Evidence files are YAML, JSON or CSV, by extension (.yaml/.yml, .json, .csv); several files form one cohort.
A CSV file has one row per subject: columns id, name, and one per fact (its name, facts.<name>, or its
title as the rubric writes it). See docs/cli.md.

Options:
  --as-of YYYY-MM-DD     the evaluation date (default: the evidence's asOf, else the end of the rubric's period)
  --param name=value     override a rubric parameter (repeatable)
  --link rubric.yaml     link another rubric whose results this one takes as input (repeatable)
  --format FORMAT        table (default), json (the full results), csv (id, name, total, grade, rank,
                         eligible, one column per top-level item) or markdown (a GitHub table)
  --trail                after the table, print each subject's full trail (with --format json: include them)
  --limit name=value     raise (or lower) a safety limit, e.g. --limit maxEvidenceBytes=1073741824 (repeatable;
                         the limits and their defaults are in SECURITY.md)
  -h, --help             show this help
`

const EXPLAIN_HELP = `Usage: kaoping explain <rubric.yaml> <evidence…> --subject ID [options]

Scores the cohort (YAML, JSON or CSV evidence, as for score), then prints the full trail for one subject:
every item, the rule, the evidence it read, the clause, the arithmetic; gates, quotas, money, warnings.
An unknown subject is an error (exit 1) that lists the subjects there are.

Options:
  --subject ID           the subject to explain (required)
  --as-of YYYY-MM-DD, --param name=value, --link rubric.yaml, --limit name=value   as for score
  -h, --help             show this help
`

const SCORE_OPTIONS = ['as-of', 'param', 'link', 'format', 'limit']
const EXPLAIN_OPTIONS = ['as-of', 'param', 'link', 'subject', 'limit']

const FORMATS = ['table', 'json', 'csv', 'markdown']

function scoreCohort(argv: string[], io: CliIo, help: string, valued: readonly string[], check: (args: ParsedArgs) => void): { result: CohortResult; args: ParsedArgs } | number {
  const args = parseArgs(argv, valued, valued === SCORE_OPTIONS ? ['help', 'trail'] : ['help'])
  if (args.flags.has('help')) {
    io.stdout(help)
    return EXIT_OK
  }
  const [rubricPath, ...evidence] = args.positionals
  if (!rubricPath || !evidence.length) throw new UsageError('give a rubric file and at least one evidence file')
  check(args)
  // Trails are built only where they are printed: every subject's with --trail, the one explained by explain.
  const about = one(args, 'subject')
  const trail: boolean | string[] = about !== undefined ? [about] : args.flags.has('trail')
  const options = { ...evaluateOptions(args), trail }
  try {
    const evaluator = evaluatorFor(io, rubricPath, args)
    const cohort = readCohort(io, evidence, evaluator.rubric, options.limits)
    const r = evaluator.evaluateCohort(cohort.evidence, options)
    if (!r.ok) {
      printCohortDiagnostics(io, r.diagnostics, cohort)
      return EXIT_FINDINGS
    }
    // explain: only the warnings about its subject (and the cohort's own); score: all of them
    const subjects = about === undefined ? r.value.subjects : r.value.subjects.filter((s) => s.subject.id === about)
    const cohortWide = r.value.warnings.filter((d) => about === undefined || d.subject === undefined || d.subject === about)
    printCohortDiagnostics(io, [...cohortWide, ...subjects.flatMap((s) => s.warnings)].filter((d) => d.severity !== 'info'), cohort)
    return { result: r.value, args }
  } catch (e) {
    if (e instanceof Exit) return e.code
    throw e
  }
}

/** Writes output in pieces of about 1 MB: never one string for the whole cohort. */
function writeChunks(io: CliIo, chunks: Iterable<string>): void {
  let buffer = ''
  for (const c of chunks) {
    buffer += c
    if (buffer.length >= 1 << 20) {
      io.stdout(buffer)
      buffer = ''
    }
  }
  if (buffer) io.stdout(buffer)
}

export function scoreCommand(argv: string[], io: CliIo): number {
  const scored = scoreCohort(argv, io, SCORE_HELP, SCORE_OPTIONS, (args) => {
    const format = one(args, 'format') ?? 'table'
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be table, json, csv or markdown, not "${format}"`)
  })
  if (typeof scored === 'number') return scored
  const { result, args } = scored
  const format = one(args, 'format') ?? 'table'
  if (format === 'json') writeChunks(io, cohortJsonChunks(result))
  else if (format === 'csv') writeChunks(io, cohortCsvChunks(result))
  else if (format === 'markdown') io.stdout(cohortMarkdown(result))
  else {
    const hasMoney = result.subjects.some((s) => s.money)
    const headers = ['rank 排名', 'id', 'name 名稱', 'total 總分', 'grade 等次', 'eligible 資格', ...(hasMoney ? ['net 獎懲淨額'] : [])]
    const rows = result.subjects.map((s) => [
      String(s.rank ?? ''),
      s.subject.id,
      s.subject.name ?? '',
      `${s.total} / ${s.max}`,
      s.grade ?? '—',
      s.eligible ? 'yes' : `no: ${s.gates.filter((g) => !g.passed).map((g) => g.id).join(', ')}`,
      ...(hasMoney ? [s.money?.net ?? ''] : []),
    ])
    io.stdout(`${result.rubric.title} [${result.rubric.id}]${result.asOf ? `  as of ${result.asOf}` : ''}\n`)
    io.stdout(table(headers, rows, new Set([0, 3, ...(hasMoney ? [6] : [])])))
    for (const q of result.cohortQuotas) io.stdout(`cohort quota ${q.title} (${q.id}): ${q.count} / ${q.required} ${q.met ? '✓' : `✗ short ${q.shortfall}`}\n`)
    if (args.flags.has('trail')) for (const s of result.subjects) io.stdout('\n' + explain(s))
  }
  return EXIT_OK
}

export function explainCommand(argv: string[], io: CliIo): number {
  const scored = scoreCohort(argv, io, EXPLAIN_HELP, EXPLAIN_OPTIONS, (args) => {
    if (one(args, 'subject') === undefined) throw new UsageError('give --subject ID')
  })
  if (typeof scored === 'number') return scored
  const { result, args } = scored
  const id = one(args, 'subject')!
  const s = result.subjects.find((x) => x.subject.id === id)
  if (!s) {
    const ids = result.subjects.map((x) => x.subject.id)
    const near = ids.filter((x) => x.toLowerCase().includes(id.toLowerCase()) || id.toLowerCase().includes(x.toLowerCase()))
    io.stderr(`kaoping explain: no subject "${id}" in the evidence${near.length ? ` (did you mean ${near.map((x) => `"${x}"`).join(' or ')}?)` : ''}; its subjects are: ${ids.join(', ')}\n`)
    return EXIT_FINDINGS
  }
  io.stdout(explain(s))
  return EXIT_OK
}
