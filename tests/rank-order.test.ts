/**
 * Rows by rank (issue 11): the table, CSV and Markdown list a cohort best first, group by group, with the rank column
 * first; JSON and NDJSON keep the evidence's order. A streamed cohort is put in ranked order by an external merge
 * sort (`rankedRecords`), which must give the same order as the library's `rankedSubjects` on whole results.
 */
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { rankedRecords } from '../src/cli/cohort-stream'
import { memorySpill, type Spill } from '../src/cli/io'
import { cohortCsv, cohortMarkdown, rankedSubjects } from '../src/report/formats'
import { cli } from './support/cli'
import { base, cohortOk, compileOk } from './kinds/helpers'

const RUBRIC = 'rubrics/xuzhou-statistics-2017.yaml'
const EVIDENCE = 'examples/xuzhou-statistics-2017/evidence.yaml'

describe('rankedRecords: an external merge sort of spilled rows', () => {
  /** A spill holding rows "row <i>" (one with a backslash and a line break inside, escaped as the spill writes them). */
  const spillOf = (n: number): Spill => {
    const s = memorySpill()
    for (let i = 0; i < n; i++) s.write(i === 3 ? 'row 3 with \\\\ and \\n inside\n' : `row ${i}\u0001${i % 7}\n`)
    return s
  }
  /** A permutation of 0..n-1 drawn from a fixed seed. */
  const shuffled = (n: number): Int32Array => {
    const order = Int32Array.from({ length: n }, (_, i) => i)
    let seed = 7
    for (let k = n - 1; k > 0; k--) {
      seed = (seed * 1103515245 + 12345) % 2147483648
      const j = seed % (k + 1)
      ;[order[k], order[j]] = [order[j]!, order[k]!]
    }
    return order
  }

  for (const [runChars, what] of [[1 << 20, 'in memory (one run)'], [40, 'in runs of about 4 rows, merged']] as const) {
    it(`gives the rows in the order asked for, each with its index: ${what}`, () => {
      const order = shuffled(500)
      let scratches = 0
      const out = [...rankedRecords(spillOf(500), order, () => (scratches++, memorySpill()), runChars)]
      expect(out.map(([i]) => i)).toEqual([...order])
      for (const [i, fields] of out) expect(fields).toEqual(i === 3 ? ['row 3 with \\ and \n inside'] : [`row ${i}`, String(i % 7)])
      // one run is sorted in memory; smaller runs: every full run but the last goes to a scratch spill
      if (runChars > 1000) expect(scratches).toBe(0)
      else expect(scratches).toBeGreaterThanOrEqual(50)
    })
  }

  it('an empty cohort gives no rows', () => {
    expect([...rankedRecords(memorySpill(), new Int32Array(0), memorySpill, 10)]).toEqual([])
  })
})

describe('the table, CSV and Markdown list the cohort best first', () => {
  it('table: 銅山 (rank 1) first, 賈汪 (rank 11) last; --order evidence keeps 豐縣 first', () => {
    // examples/xuzhou-statistics-2017/WORKED.md: ranks 銅山 1, 邳州 2, 開發區 3, 新沂 3, 沛縣 5, 豐縣 6, 睢寧 7, 鼓樓 8,
    // 雲龍 9, 泉山 10, 賈汪 11; the evidence lists 豐縣 first
    const rows = (extra: string[]) => cli(['score', RUBRIC, EVIDENCE, ...extra]).out.split('\n').slice(3, 14).map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '))
    expect(rows([])).toEqual(['1 tongshan', '2 pizhou', '3 kaifaqu', '3 xinyi', '5 peixian', '6 fengxian', '7 suining', '8 gulou', '9 yunlong', '10 quanshan', '11 jiawang'])
    expect(rows(['--order', 'evidence'])[0]).toBe('6 fengxian')
  })

  it('the trails after the table come in the same order as its rows', () => {
    const out = cli(['score', RUBRIC, EVIDENCE, '--trail']).out
    // each trail starts "<name> (<id>) — <rubric title> [<rubric id>]"
    const ids = [...out.matchAll(/^\S+ \((\w+)\) — /gm)].map((m) => m[1])
    expect(ids).toEqual(['tongshan', 'pizhou', 'kaifaqu', 'xinyi', 'peixian', 'fengxian', 'suining', 'gulou', 'yunlong', 'quanshan', 'jiawang'])
  })

  it('markdown: ranks in order; json keeps the evidence order', () => {
    const md = cli(['score', RUBRIC, EVIDENCE, '--format', 'markdown']).out.split('\n').slice(4, 15)
    expect(md.map((l) => Number(l.split('|')[1]))).toEqual([1, 2, 3, 3, 5, 6, 7, 8, 9, 10, 11])
    const json = JSON.parse(cli(['score', RUBRIC, EVIDENCE, '--format', 'json']).out)
    expect(json.subjects[0].subject.id).toBe('fengxian')
  })

  it('the streamed CSV and the library\'s cohortCsv give the same lines in the same order', () => {
    const streamed = cli(['score', RUBRIC, EVIDENCE, '--format', 'csv', '--headers', 'id', '--no-bom']).out
    const json = JSON.parse(cli(['score', RUBRIC, EVIDENCE, '--format', 'json']).out)
    expect(cohortCsv(json)).toBe(streamed)
    expect(cohortCsv(json, { order: 'evidence' }).split('\r\n')[1]).toMatch(/^6,fengxian,/)
    expect(cohortMarkdown(json).split('\n')[4]).toMatch(/^\| 1 \| `tongshan` \|/)
  })
})

describe('groups: each group best first, the groups in the order their first subject comes', () => {
  // grades.groupBy kind: 州市 u01 90, u02 80, u04 95; 成員單位 u03 85, u05 85, u06 70 (the evidence order u01…u06).
  // 州市 comes first (u01): u04 1 (95), u01 2, u02 3; then 成員單位: u03 and u05 1 (85 each: id order), u06 3
  const rubric = {
    ...base,
    total: 100,
    facts: { s: { type: 'number', title: '得分', min: 0, max: 100 }, kind: { type: 'enum', values: ['州市', '成員單位'], title: '類別' } },
    items: [{ kind: 'judged', id: 'score', title: '得分', max: 100, fact: 's' }],
    grades: { order: ['優秀', '合格'], thresholds: [{ grade: '合格' }], groupBy: 'kind', quotas: [{ grade: '優秀', count: 1 }] },
  }
  const scores: [number, string][] = [[90, '州市'], [80, '州市'], [85, '成員單位'], [95, '州市'], [85, '成員單位'], [70, '成員單位']]
  const subjects = scores.map(([s, kind], i) => ({ id: `u0${i + 1}`, facts: { s, kind } }))
  const expected = [['u04', 1], ['u01', 2], ['u02', 3], ['u03', 1], ['u05', 1], ['u06', 3]]

  it('rankedSubjects orders whole results so', () => {
    const r = cohortOk(compileOk(rubric), subjects)
    expect(rankedSubjects(r.subjects).map((s) => [s.subject.id, s.rank])).toEqual(expected)
  })

  it('the streamed CSV orders its rows so', () => {
    const out = cli(['score', 'g.yaml', 'e.yaml', '--format', 'csv', '--headers', 'id', '--no-bom'], { 'g.yaml': stringify(rubric), 'e.yaml': stringify({ subjects }) }).out
    expect(out.split('\r\n').slice(1, 7).map((l) => l.split(',').slice(0, 2))).toEqual(expected.map(([id, rank]) => [String(rank), id]))
  })
})
