import { Exit, evaluatorFor, scriptOf, writeWhole } from './common'
import { EXIT_OK, one, parseArgs, UsageError, waitFor, type CliIo } from './io'
import { evidenceTemplate } from './xlsx/template'

const HELP = `Usage: kaoping template <rubric.yaml> --out evidence.xlsx [options]

Writes an Excel workbook for entering the rubric's evidence, which kaoping score reads back:
a sheet of facts (a row per subject, a column per fact headed by its Chinese title, the fact's name,
type and accepted values in a note), one sheet per record type, and an about sheet with the rubric,
the evaluation date and period, and how to fill it in. Each column checks what is typed: lists for
choices and yes/no (是/否), 0–1 for rates, the judged item's range, whole numbers, dates.

Options:
  --out FILE              the workbook to write (required: a workbook is not for a terminal)
  --script simplified|traditional
                          print titles and headers in simplified or traditional characters
                          (default: as the rubric writes them); either is read back
  --link rubric.yaml      link a rubric this one takes results from (repeatable)
  --limit name=value      raise (or lower) a safety limit (repeatable; see SECURITY.md)
  -h, --help              show this help
`

/** `kaoping template <rubric> --out FILE`: the evidence workbook of a rubric (src/cli/xlsx/template.ts). */
export function* templateCommand(argv: string[], io: CliIo): Generator<void | Promise<unknown>, number, unknown> {
  const args = parseArgs(argv, ['out', 'script', 'link', 'limit'], ['help'])
  if (args.flags.has('help')) {
    io.stdout(HELP)
    return EXIT_OK
  }
  const [rubricPath, ...rest] = args.positionals
  if (!rubricPath) throw new UsageError('give a rubric file')
  if (rest.length) throw new UsageError(`give one rubric file, not ${rest.length + 1}`)
  const outPath = one(args, 'out')
  if (outPath === undefined) throw new UsageError('give --out FILE: the workbook is written to a file (it is binary, not for a terminal)')
  if (!io.create) throw new UsageError('--out is not available here')
  const convert = scriptOf(args)
  try {
    const evaluator = evaluatorFor(io, rubricPath, args)
    const bytes = yield* waitFor(evidenceTemplate(evaluator.rubric, convert ? { convert } : {}))
    writeWhole(io, outPath, bytes)
    return EXIT_OK
  } catch (e) {
    if (e instanceof Exit) return e.code
    throw e
  }
}
