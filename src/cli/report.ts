import { evaluateOptions, evaluatorFor, Exit, scriptOf, writeWhole } from './common'
import { collectCohort } from './cohort-stream'
import { htmlReport, type HtmlReportOptions } from '../report/html'
import { EXIT_OK, one, parseArgs, UsageError, type CliIo, type Steps } from './io'

const REPORT_HELP = `Usage: kaoping report <rubric.yaml> <evidence…> [options]

Scores every subject in the evidence as one cohort and writes a report as one HTML file that needs no network:
the cohort table by rank (sortable and filterable in the browser), a chart of each subject's section scores,
and a score sheet per subject (考核評分表: each item's clause, points, score, the arithmetic and reasons behind
it, self-assessment, manual adjustments; gates, grade, quotas, rewards and penalties). It prints on A4, one
subject per page, readable in black and white. Evidence is read as for score (YAML, JSON, CSV or NDJSON; several
files form one cohort). See docs/cli.md.

Options:
  --out FILE             write the report to FILE, whole or not at all (default: standard output)
  --as-of YYYY-MM-DD     the evaluation date (default: the evidence's asOf, else the end of the rubric's period)
  --param name=value     override a rubric parameter (repeatable)
  --link rubric.yaml     link another rubric whose results this one takes as input (repeatable)
  --limit name=value     raise (or lower) a safety limit (repeatable; the limits are in SECURITY.md)
  --input-format FORMAT  read every evidence file as yaml, json, csv or ndjson, whatever its name
  --script SCRIPT        print the rubric's texts and the labels in simplified or traditional characters
                         (default: as the rubric writes them)
  --quiet                no progress on standard error
  -h, --help             show this help
`

const REPORT_OPTIONS = ['out', 'as-of', 'param', 'link', 'limit', 'input-format', 'script']

/** `kaoping report`: the cohort's results (src/cli/cohort-stream.ts) as one HTML file (src/report/html.ts). */
export function* reportCommand(argv: string[], io: CliIo): Steps {
  const args = parseArgs(argv, REPORT_OPTIONS, ['help', 'quiet'])
  if (args.flags.has('help')) {
    io.stdout(REPORT_HELP)
    return EXIT_OK
  }
  const [rubricPath, ...evidence] = args.positionals
  if (!rubricPath || !evidence.length) throw new UsageError('give a rubric file and at least one evidence file (- reads standard input)')
  const convert = scriptOf(args)
  const outPath = one(args, 'out')
  if (outPath !== undefined && !io.create) throw new UsageError('--out is not available here')
  const inputFormat = one(args, 'input-format')
  try {
    const evaluator = evaluatorFor(io, rubricPath, args)
    const cohort = yield* collectCohort(io, evaluator, evidence, { evaluate: evaluateOptions(args), quiet: args.flags.has('quiet'), ...(inputFormat !== undefined ? { inputFormat } : {}) })
    if (typeof cohort === 'number') return cohort
    const options: HtmlReportOptions = {}
    if (convert) options.convert = convert
    const grades = evaluator.rubric.grades?.order
    if (grades) options.grades = grades
    const html = htmlReport(cohort, options)
    if (outPath === undefined) {
      io.stdout(html)
      return EXIT_OK
    }
    writeWhole(io, outPath, html)
    return EXIT_OK
  } catch (e) {
    if (e instanceof Exit) return e.code
    throw e
  }
}
