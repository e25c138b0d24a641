/**
 * What issue 11's outputs cost, each input class at n and 8n (`npx tsx bench/outputs.ts`): the ranked CSV of a
 * streamed cohort (the external merge sort, in one run and forced into many), the HTML report, the results workbook
 * and reading a filled evidence workbook. Realistic evidence: bench/data.ts's Xuzhou cohorts (out-of-range judged
 * scores, 不適用, duplicated adoptions). Prints milliseconds and the ratio 8n / n (linear: about 8).
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { compileRubric, loadRubric, type CohortResult } from '../src/index'
import { rankedRecords } from '../src/cli/cohort-stream'
import { memorySpill } from '../src/cli/io'
import { htmlReport } from '../src/report/html'
import { resultsWorkbook } from '../src/cli/xlsx/results'
import { evidenceTemplate } from '../src/cli/xlsx/template'
import { xlsxEvidence } from '../src/cli/xlsx/read'
import { JUDGED, makeCohort } from './data'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const loaded = loadRubric(readFileSync(join(ROOT, 'rubrics', 'xuzhou-statistics-2017.yaml'), 'utf8'), { file: 'xuzhou.yaml' })
if (!loaded.ok) throw new Error('rubric')
const compiled = compileRubric(loaded.value)
if (!compiled.ok) throw new Error('compile')
const evaluator = compiled.value

const cohortOf = (n: number) =>
  makeCohort(n, 2017).map((s, i) => {
    for (const j of JUDGED) if (!(j.fact in s.facts)) (s.facts as Record<string, unknown>)[j.fact] = j.min
    return { ...s, id: `s${i}` }
  })

const resultsOf = (n: number, trail: boolean): CohortResult => {
  const r = evaluator.evaluateCohort({ subjects: cohortOf(n) }, { trail })
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics.slice(0, 3)))
  return JSON.parse(JSON.stringify(r.value)) as CohortResult
}

async function time(f: () => unknown | Promise<unknown>): Promise<number> {
  await f() // warm
  const t = performance.now()
  await f()
  return performance.now() - t
}

async function pair(what: string, n: number, make: (n: number) => Promise<() => unknown>): Promise<void> {
  const a = await time(await make(n))
  const b = await time(await make(8 * n))
  console.log(`${what.padEnd(52)} n=${String(n).padStart(7)}: ${a.toFixed(1).padStart(8)} ms   8n: ${b.toFixed(1).padStart(9)} ms   ×${(b / a).toFixed(1)}`)
}

/** A spill of n rows of CSV length, and a shuffled order. */
const sortInput = (n: number) => {
  const order = Int32Array.from({ length: n }, (_, i) => i)
  let seed = 11
  for (let k = n - 1; k > 0; k--) {
    seed = (seed * 1103515245 + 12345) % 2147483648
    const j = seed % (k + 1)
    ;[order[k], order[j]] = [order[j]!, order[k]!]
  }
  const lines: string[] = []
  for (let i = 0; i < n; i++) lines.push(`s${i},徐州市第${i}號基層統計單位,88.03\u0001良好\u0001true,37.025,44,7\n`)
  return { order, lines }
}

await pair('ranked rows: external sort, one run in memory', 25_000, async (n) => {
  const { order, lines } = sortInput(n)
  return () => {
    const s = memorySpill()
    for (const l of lines) s.write(l)
    let k = 0
    for (const _ of rankedRecords(s, order, memorySpill)) k++
    return k
  }
})
await pair('ranked rows: external sort, runs of 64 KB merged', 25_000, async (n) => {
  const { order, lines } = sortInput(n)
  return () => {
    const s = memorySpill()
    for (const l of lines) s.write(l)
    let k = 0
    for (const _ of rankedRecords(s, order, memorySpill, 1 << 16)) k++
    return k
  }
})
await pair('HTML report (trails, every sheet)', 100, async (n) => {
  const r = resultsOf(n, true)
  return () => htmlReport(r, { grades: evaluator.rubric.grades?.order ?? [] }).length
})
await pair('results workbook (--format xlsx)', 500, async (n) => {
  const r = resultsOf(n, false)
  return () => resultsWorkbook(r)
})
await pair('reading a filled evidence workbook', 250, async (n) => {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(await evidenceTemplate(evaluator.rubric)) as never, { ignoreNodes: ['dataValidations'] } as never)
  const facts = book.worksheets.find((w) => w.name.endsWith('facts'))!
  const columns = new Map<string, number>()
  facts.getRow(1).eachCell((cell, c) => {
    const note = typeof cell.note === 'string' ? cell.note : (cell.note?.texts ?? []).map((t) => t.text).join('')
    columns.set(note.split(' · ')[0]!, c)
  })
  cohortOf(n).forEach((s, i) => {
    facts.getCell(i + 2, 1).value = s.id
    for (const [name, value] of Object.entries(s.facts)) {
      const c = columns.get(name)
      if (c !== undefined) facts.getCell(i + 2, c).value = typeof value === 'boolean' ? (value ? '是' : '否') : (value as number | string)
    }
  })
  const bytes = new Uint8Array(await book.xlsx.writeBuffer())
  return async () => {
    const r = await xlsxEvidence(bytes, 'e.xlsx', evaluator.rubric)
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).slice(0, 3).join('\n'))
    return r.value.subjects.length
  }
})
