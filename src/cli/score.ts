import { explain } from '../report/explain'
import type { CohortResult } from '../evaluate/result'
import { evaluateOptions, evaluatorFor, Exit, printDiagnostics, readCohort } from './common'
import { EXIT_OK, one, parseArgs, UsageError, type CliIo } from './io'
import { table } from './width'

const SCORE_HELP = `Usage: kaoping score <rubric.yaml> <evidence…> [options]

Scores every subject in the evidence (YAML or JSON) and prints a table of totals, grades and ranks.

Options:
  --as-of YYYY-MM-DD     the evaluation date (default: the evidence's asOf, else the end of the rubric's period)
  --param name=value     override a rubric parameter (repeatable)
  --link rubric.yaml     link another rubric whose results this one takes as input (repeatable)
  --format table|json    output format (default table)
  --trail                after the table, print each subject's full trail
  -h, --help             show this help
`

const EXPLAIN_HELP = `Usage: kaoping explain <rubric.yaml> <evidence> --subject ID [options]

Prints the full trail for one subject: every item, the rule, the evidence it read, the clause, the arithmetic.

Options:
  --subject ID           the subject to explain (required)
  --as-of YYYY-MM-DD, --param name=value, --link rubric.yaml   as for score
  -h, --help             show this help
`

const VALUED = ['as-of', 'param', 'link', 'format', 'subject']

function scoreCohort(argv: string[], io: CliIo, help: string): { result: CohortResult; args: ReturnType<typeof parseArgs> } | number {
  const args = parseArgs(argv, VALUED, ['help', 'trail'])
  if (args.flags.has('help')) {
    io.stdout(help)
    return EXIT_OK
  }
  const [rubricPath, ...evidence] = args.positionals
  if (!rubricPath || !evidence.length) throw new UsageError('give a rubric file and at least one evidence file')
  try {
    const evaluator = evaluatorFor(io, rubricPath, args)
    const cohort = readCohort(io, evidence)
    const r = evaluator.evaluateCohort(cohort, evaluateOptions(args))
    if (!r.ok) {
      printDiagnostics(io, r.diagnostics.map((d) => ({ ...d, file: d.file ?? evidence.join(', ') })))
      return 1
    }
    printDiagnostics(io, [...r.diagnostics, ...r.value.subjects.flatMap((s) => s.warnings)].filter((d) => d.severity !== 'info'))
    return { result: r.value, args }
  } catch (e) {
    if (e instanceof Exit) return e.code
    throw e
  }
}

export function scoreCommand(argv: string[], io: CliIo): number {
  const scored = scoreCohort(argv, io, SCORE_HELP)
  if (typeof scored === 'number') return scored
  const { result, args } = scored
  const format = one(args, 'format') ?? 'table'
  if (format === 'json') io.stdout(JSON.stringify(result, null, 2) + '\n')
  else if (format === 'table') {
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
  } else throw new UsageError(`--format must be table or json, not "${format}"`)
  return EXIT_OK
}

export function explainCommand(argv: string[], io: CliIo): number {
  const scored = scoreCohort(argv, io, EXPLAIN_HELP)
  if (typeof scored === 'number') return scored
  const { result, args } = scored
  const id = one(args, 'subject')
  if (id === undefined) throw new UsageError('give --subject ID')
  const s = result.subjects.find((x) => x.subject.id === id)
  if (!s) {
    io.stderr(`kaoping explain: no subject "${id}" in the evidence; subjects: ${result.subjects.map((x) => x.subject.id).join(', ')}\n`)
    return 1
  }
  io.stdout(explain(s))
  return EXIT_OK
}
