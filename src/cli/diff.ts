import type { CohortResult } from '../evaluate/result'
import type { Evaluator } from '../api/evaluator'
import { diffResults, diffRubrics, formatChange, formatResultChange, type ResultChange } from '../report/diff'
import { evaluateOptions, evaluatorFor, Exit, printCohortDiagnostics, readCohort } from './common'
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, one, parseArgs, UsageError, type CliIo } from './io'

const HELP = `Usage: kaoping diff <old-rubric.yaml> <new-rubric.yaml> [evidence…] [options]

What changed between two versions of a method, keyed by ids: items added, removed, moved or renamed,
max, kind, bands, points, targets and steps; parameters, facts, records; grades, quotas and thresholds;
money amounts; gates. One line per change:

  ~ items.key-targets.township-spot-check.target: 0.9 → 0.95
  + gates.registration: 完成機關檔案登記
  - params.innovationPoints: 每項可複製推廣的創新舉措加分 (number, default 2)

Given evidence (YAML, JSON or CSV), scores it with both versions and lists every subject whose total,
grade or rank changes:

  gulou (鼓樓區統計局): 79.43 合格 (rank 8) → 81.12 良好 (rank 7)

The evidence file's "rubric:" is not checked (the two versions usually have different ids).
Exit code: 0 when the versions are the same, 1 when they differ, 2 on a usage error, an unreadable or
invalid rubric, or evidence that one version cannot score.

Options:
  --format text|json     output format (default text)
  --as-of YYYY-MM-DD, --param name=value, --limit name=value   as for score; applied to both versions
  -h, --help             show this help
`

export function diffCommand(argv: string[], io: CliIo): number {
  const args = parseArgs(argv, ['format', 'as-of', 'param', 'limit'], ['help'])
  if (args.flags.has('help')) {
    io.stdout(HELP)
    return EXIT_OK
  }
  const format = one(args, 'format') ?? 'text'
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`)
  const [oldPath, newPath, ...evidence] = args.positionals
  if (!oldPath || !newPath) throw new UsageError('give the old and the new rubric file')
  const options = evaluateOptions(args)
  try {
    const before = evaluatorFor(io, oldPath, args)
    const after = evaluatorFor(io, newPath, args)
    const changes = diffRubrics(before.rubric, after.rubric)
    let results: { compared: number; changed: ResultChange[] } | undefined
    if (evidence.length) {
      const a = scoreWith(io, before, oldPath, evidence, options)
      const b = scoreWith(io, after, newPath, evidence, options)
      if (!a || !b) return EXIT_USAGE
      results = { compared: b.subjects.length, changed: diffResults(a, b) }
    }
    const identical = changes.length === 0 && (!results || results.changed.length === 0)
    if (format === 'json') {
      io.stdout(JSON.stringify({ old: oldPath, new: newPath, identical, changes, ...(results ? { results } : {}) }, null, 2) + '\n')
    } else {
      io.stdout(`--- ${oldPath} (${before.rubric.id})\n+++ ${newPath} (${after.rubric.id})\n`)
      if (!changes.length) io.stdout('no changes to the method\n')
      for (const c of changes) io.stdout(formatChange(c) + '\n')
      if (results) {
        io.stdout(`\nresults: ${results.changed.length} of ${results.compared} subject${results.compared === 1 ? '' : 's'} change${results.changed.length ? '' : ' (no total, grade or rank changes)'}\n`)
        for (const r of results.changed) io.stdout(formatResultChange(r) + '\n')
      }
    }
    return identical ? EXIT_OK : EXIT_FINDINGS
  } catch (e) {
    if (e instanceof Exit) return EXIT_USAGE
    throw e
  }
}

/** Scores the evidence with one version; on failure the problems go to stderr and the result is undefined. */
function scoreWith(io: CliIo, evaluator: Evaluator, path: string, evidence: readonly string[], options: ReturnType<typeof evaluateOptions>): CohortResult | undefined {
  const cohort = readCohort(io, evidence, evaluator.rubric, options.limits)
  delete cohort.evidence.rubric
  const r = evaluator.evaluateCohort(cohort.evidence, { ...options, trail: false })
  if (!r.ok) {
    io.stderr(`kaoping diff: the evidence cannot be scored with ${path}:\n`)
    printCohortDiagnostics(io, r.diagnostics, cohort)
    return undefined
  }
  return r.value
}
