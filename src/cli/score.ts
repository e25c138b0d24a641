import { evaluateOptions, evaluatorFor, Exit, scriptOf, writeWhole } from './common'
import { collectCohort, scoreStream, type OutputFormat } from './cohort-stream'
import { resultsWorkbook } from './xlsx/results'
import type { Evaluator } from '../api/evaluator'
import { escapeControls } from '../text/controls'
import type { RowOrder } from '../report/formats'
import { EXIT_OK, one, parseArgs, UsageError, waitFor, type CliIo, type ParsedArgs, type Steps } from './io'

const SCORE_HELP = `Usage: kaoping score <rubric.yaml> <evidence…> [options]

Scores every subject in the evidence and prints a table of totals, grades and ranks.
Evidence files are YAML, JSON, CSV or NDJSON, by extension (.yaml/.yml, .json, .csv, .ndjson/.jsonl), or as
--input-format says; - reads standard input (NDJSON unless --input-format says otherwise). Several files form
one cohort. NDJSON has one subject per line and is read as it arrives: a cohort of millions of subjects is
scored in bounded memory. A CSV file has one row per subject: columns id, name, and one per fact (its name,
facts.<name>, or its title as the rubric writes it). See docs/evidence.md and docs/cli.md.

Options:
  --as-of YYYY-MM-DD     the evaluation date (default: the evidence's asOf, else the end of the rubric's period)
  --param name=value     override a rubric parameter (repeatable)
  --link rubric.yaml     link another rubric whose results this one takes as input (repeatable)
  --format FORMAT        table (default), json (the full results), ndjson (one line per subject: rank, id,
                         name, total, grade, eligibility, top-level item scores), csv (rank, id, name, total,
                         grade, eligible, one column per top-level item), markdown (a GitHub table) or xlsx (a
                         workbook, with --out: the cohort by rank and every item's score)
  --order rank|evidence  the rows' order: rank (best first, group by group; the default for table, csv and
                         markdown) or evidence (as the evidence gives the subjects; the default for json, ndjson)
  --headers title|id     with --format csv: head the columns by title (default: 排名, 編號, 名稱, 總分, 等次,
                         資格, each item's title) or by id (rank, id, name, total, grade, eligible, item ids)
  --script simplified|traditional
                         with table, csv, markdown or xlsx: print the rubric's titles, the grades, the subjects' names,
                         the headers and the trails in simplified or traditional characters (ids stay as written)
  --no-bom               with --format csv: leave out the UTF-8 byte-order mark the file starts with by default
                         (Excel and WPS need it to read Chinese right; --bom says the default)
  --full                 with --format ndjson: each line is the subject's whole result
  --trail                after the table, print each subject's full trail (json, ndjson: include them)
  --out FILE             write the output to FILE, whole or not at all (a temporary file renamed when complete)
  --quiet                no progress bar (one is shown on a terminal when scoring takes over a second; never
                         when standard error is piped or redirected)
  --input-format FORMAT  read every evidence file as yaml, json, csv or ndjson, whatever its name
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
  --as-of YYYY-MM-DD, --param name=value, --link rubric.yaml, --limit name=value, --input-format FORMAT, --quiet
                         as for score
  -h, --help             show this help
`

const SCORE_OPTIONS = ['as-of', 'param', 'link', 'format', 'limit', 'out', 'input-format', 'headers', 'order', 'script']
const EXPLAIN_OPTIONS = ['as-of', 'param', 'link', 'subject', 'limit', 'input-format']

const FORMATS = ['table', 'json', 'ndjson', 'csv', 'markdown', 'xlsx']

/** Scores a cohort as a stream (src/cli/cohort-stream.ts) into standard output or, with --out, a file written whole. */
function* scoreCohort(argv: string[], io: CliIo, help: string, valued: readonly string[], check: (args: ParsedArgs) => void): Steps {
  const args = parseArgs(argv, valued, valued === SCORE_OPTIONS ? ['help', 'trail', 'full', 'bom', 'no-bom', 'quiet'] : ['help', 'quiet'])
  if (args.flags.has('help')) {
    io.stdout(help)
    return EXIT_OK
  }
  const [rubricPath, ...evidence] = args.positionals
  if (!rubricPath || !evidence.length) throw new UsageError('give a rubric file and at least one evidence file (- reads standard input)')
  check(args)
  const format = (one(args, 'format') ?? 'table') as OutputFormat | 'xlsx'
  const outPath = one(args, 'out')
  if (outPath !== undefined && !io.create) throw new UsageError('--out is not available here')
  const about = one(args, 'subject')
  const inputFormat = one(args, 'input-format')
  const order = one(args, 'order') as RowOrder | undefined
  const convert = scriptOf(args)
  try {
    const evaluator = evaluatorFor(io, rubricPath, args)
    if (format === 'xlsx') return yield* scoreWorkbook(io, evaluator, evidence, args, outPath!)
    const out = outPath !== undefined ? io.create!(outPath) : undefined
    let done = false
    try {
      let buffer = ''
      const write = (text: string) => {
        buffer += text
        if (buffer.length >= 1 << 16) {
          if (out) out.write(buffer)
          else io.stdout(buffer)
          buffer = ''
        }
      }
      // CSV for spreadsheets: headed by title and marked UTF-8 unless asked otherwise
      const csv = { headers: (one(args, 'headers') ?? 'title') as 'id' | 'title', bom: !args.flags.has('no-bom') }
      const code = yield* scoreStream(io, evaluator, evidence, { format, full: args.flags.has('full'), trail: args.flags.has('trail'), csv, ...(about !== undefined ? { explain: about } : {}), ...(inputFormat !== undefined ? { inputFormat } : {}), ...(order !== undefined ? { order } : {}), ...(convert ? { convert } : {}), quiet: args.flags.has('quiet'), evaluate: evaluateOptions(args) }, write)
      if (buffer) {
        if (out) out.write(buffer)
        else io.stdout(buffer)
      }
      if (code === EXIT_OK && out) out.commit()
      done = code === EXIT_OK
      return code
    } finally {
      if (out && !done) out.abort()
    }
  } catch (e) {
    if (e instanceof Exit) return e.code
    throw e
  }
}

/**
 * `--format xlsx`: the cohort's results as a workbook (src/cli/xlsx/results.ts: a cohort sheet by rank, a sheet of
 * every item's score), written whole to --out. The results are held in memory, as a workbook is.
 */
function* scoreWorkbook(io: CliIo, evaluator: Evaluator, evidence: readonly string[], args: ParsedArgs, outPath: string): Steps {
  const inputFormat = one(args, 'input-format')
  const convert = scriptOf(args)
  const cohort = yield* collectCohort(io, evaluator, evidence, { evaluate: evaluateOptions(args), trail: false, quiet: args.flags.has('quiet'), ...(inputFormat !== undefined ? { inputFormat } : {}) })
  if (typeof cohort === 'number') return cohort
  const bytes = yield* waitFor(resultsWorkbook(cohort, convert ? { convert } : {}))
  writeWhole(io, outPath, bytes)
  return EXIT_OK
}

export function scoreCommand(argv: string[], io: CliIo): Steps {
  return scoreCohort(argv, io, SCORE_HELP, SCORE_OPTIONS, (args) => {
    const format = one(args, 'format') ?? 'table'
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be table, json, ndjson, csv, markdown or xlsx, not "${escapeControls(format.slice(0, 40))}"`)
    if (format === 'xlsx' && one(args, 'out') === undefined) throw new UsageError('--format xlsx writes a workbook: give --out FILE.xlsx')
    if (format === 'xlsx' && (args.flags.has('trail') || args.flags.has('full') || one(args, 'order') !== undefined)) throw new UsageError('--format xlsx lists the cohort by rank, with every item\'s score; --trail, --full and --order do not go with it')
    const order = one(args, 'order')
    if (scriptOf(args) && (format === 'json' || format === 'ndjson')) throw new UsageError('--script goes with table, csv, markdown or xlsx: json and ndjson give the results as data, as the rubric writes them')
    if (order !== undefined && order !== 'rank' && order !== 'evidence') throw new UsageError(`--order must be rank or evidence, not "${escapeControls(order.slice(0, 40))}"`)
    const headers = one(args, 'headers')
    if (headers !== undefined && headers !== 'id' && headers !== 'title') throw new UsageError(`--headers must be title or id, not "${escapeControls(headers.slice(0, 40))}"`)
    if (format !== 'csv' && (headers !== undefined || args.flags.has('bom') || args.flags.has('no-bom'))) throw new UsageError('--headers, --bom and --no-bom go with --format csv')
    if (args.flags.has('bom') && args.flags.has('no-bom')) throw new UsageError('give --bom or --no-bom, not both')
  })
}

export function explainCommand(argv: string[], io: CliIo): Steps {
  return scoreCohort(argv, io, EXPLAIN_HELP, EXPLAIN_OPTIONS, (args) => {
    if (one(args, 'subject') === undefined) throw new UsageError('give --subject ID')
  })
}
