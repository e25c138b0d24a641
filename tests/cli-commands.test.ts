/**
 * The command line: `run(argv, io)` with an injected io, and the built bin (`node dist/cli.cjs`) as a
 * subprocess. Every expected number is worked out by hand (the Xuzhou figures in
 * examples/xuzhou-statistics-2017/WORKED.md; the CSV and mini-rubric figures in the comments below).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli } from './support/cli'
import { displayWidth } from '../src/text/width'
import { parseCsv } from '../src/load/csv'
import type { Rubric } from '../src/kinds/rubric'
import { diffRubrics, formatChange } from '../src/report/diff'
import { csvHeader } from '../src/report/formats'

const root = join(__dirname, '..')
const RUBRIC = 'rubrics/xuzhou-statistics-2017.yaml'
const EVIDENCE = 'examples/xuzhou-statistics-2017/evidence.yaml'
const CSV = 'tests/fixtures/csv/xuzhou-chinese.csv'
const V1 = 'tests/fixtures/cli/mini-v1.yaml'
const V2 = 'tests/fixtures/cli/mini-v2.yaml'
const MINI_EVIDENCE = 'tests/fixtures/cli/mini-evidence.yaml'

/** A diagnostic headed `file:line:col`, severity, code (and subject), whatever the punctuation between them; line and column may be patterns. */
const at = (file: string, line: number | string, column: number | string, severity: string, code: string, subject?: string) =>
  new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:${line}:${column}:?\\s+${severity}\\s+${code}${subject ? `\\s*\\[subject ${subject}\\]` : ''}`)

const lines = (s: string) => s.split('\n').filter((l) => l !== '')
const read = (p: string) => readFileSync(join(root, p), 'utf8')

// --- score ---------------------------------------------------------------------------------------------

describe('score', () => {
  it('prints an aligned table: Chinese names take two columns each, totals line up', () => {
    const r = cli(['score', RUBRIC, EVIDENCE])
    expect(r.code).toBe(0)
    const ls = lines(r.out)
    expect(ls[0]).toBe('2017年統計基層基礎工作考評辦法 [xuzhou-statistics-2017]  as of 2017-12-31')
    expect(ls[1]).toMatch(/^rank 排名 +id +name 名稱 +total 總分 +grade 等次 +eligible 資格$/)
    const rows = ls.slice(3, 14)
    expect(rows).toHaveLength(11)
    // the right edge of "total / max" is at the same display column in every row (a wide name does not shift it)
    const edges = rows.map((l) => displayWidth(l.slice(0, l.indexOf(' / 110') + 6)))
    expect(new Set(edges).size).toBe(1)
    // the grade column starts at the same display column in every row, after names of 5 to 12 characters
    const gradeAt = rows.map((l) => displayWidth(l.slice(0, l.search(/優秀|良好|合格|不合格/))))
    expect(new Set(gradeAt).size).toBe(1)
    // WORKED.md: 豐縣 88.025 → 88.03, rank 6, 良好; 鼓樓 79.43, rank 8, 合格; 經開區 and 新沂 tied at 93.05, rank 3
    expect(rows.find((l) => l.includes('fengxian'))).toMatch(/^ +6 +fengxian +豐縣統計局 +88\.03 \/ 110 +良好 +yes$/)
    expect(rows.find((l) => l.includes('gulou'))).toMatch(/^ +8 +gulou +鼓樓區統計局 +79\.43 \/ 110 +合格 +yes$/)
    expect(rows.find((l) => l.includes('kaifaqu'))).toMatch(/^ +3 +kaifaqu +徐州經濟技術開發區統計局 +93\.05 \/ 110 +良好 +yes$/)
    expect(rows.find((l) => l.includes('tongshan'))).toMatch(/^ +1 +tongshan +銅山區統計局 +106\.00 \/ 110 +優秀 +yes$/)
    // the warning about 賈汪區's clamped judged score goes to stderr, located in the evidence file
    expect(r.out).not.toContain('JUDGED_CLAMPED')
    expect(r.err).toMatch(at(EVIDENCE, '\\d+', '\\d+', 'warning', 'JUDGED_CLAMPED', 'jiawang'))
  })

  it('a total that may pass max by the top-level bonuses says so: table "113.50 / 100 + 320", ndjson "bonus"', () => {
    // examples/shicheng-river-chief-townships-2018/WORKED.md: 琴江镇 103.5 + 10 = 113.5; bonus 五1 170 + 六 150 = 320
    const args = ['score', 'rubrics/shicheng-river-chief-townships-2018.yaml', 'examples/shicheng-river-chief-townships-2018/evidence.yaml']
    const table = cli(args)
    expect(table.code).toBe(0)
    expect(lines(table.out).find((l) => l.includes('qinjiang'))).toMatch(/^ +1 +qinjiang +琴江镇 +113\.50 \/ 100 \+ 320 +— +yes$/)
    const nd = cli([...args, '--format', 'ndjson'])
    const row = JSON.parse(lines(nd.out).find((l) => l.includes('"qinjiang"'))!)
    expect([row.total, row.max, row.bonus]).toEqual(['113.50', '100', '320'])
  })

  it('--format json gives the full results', () => {
    const r = cli(['score', RUBRIC, EVIDENCE, '--format', 'json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out)
    expect(json.rubric.id).toBe('xuzhou-statistics-2017')
    expect(json.subjects).toHaveLength(11)
    const fengxian = json.subjects.find((s: { subject: { id: string } }) => s.subject.id === 'fengxian')
    expect(fengxian).toMatchObject({ total: '88.03', exactTotal: '88.025', grade: '良好', rank: 6, eligible: true })
    expect(fengxian.items[0].items[1]).toMatchObject({ id: 'township-spot-check', score: '7' })
  })

  it('--format csv for spreadsheets by default: UTF-8 byte-order mark, columns headed by title', () => {
    const r = cli(['score', RUBRIC, EVIDENCE, '--format', 'csv'])
    expect(r.code).toBe(0)
    // Excel and WPS read a CSV file as UTF-8 only when it starts with the byte-order mark EF BB BF
    expect(Buffer.from(r.out, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(r.out.slice(1).split('\r\n')[0]).toBe('排名,編號,名稱,總分,等次,資格,(一)重點目標考評,(二)工作環節考評,(三)工作創新創優考評')
    expect(r.out.split('\r\n')).toContain('6,fengxian,豐縣統計局,88.03,良好,true,37.025,44,7')
    // --bom says the default; --no-bom leaves the mark out
    expect(cli(['score', RUBRIC, EVIDENCE, '--format', 'csv', '--bom']).out).toBe(r.out)
    expect(cli(['score', RUBRIC, EVIDENCE, '--format', 'csv', '--no-bom']).out).toBe(r.out.slice(1))
  })

  it('by title, an item whose title another item (or a fixed column) also has is headed "title (id)"; fields are quoted as CSV needs', () => {
    const items = [
      { id: 'a', title: '日常工作', max: '5' },
      { id: 'b', title: '日常工作', max: '5' },
      { id: 'c', title: '總分', max: '5' },
      { id: 'd', title: '宣傳,報送', max: '5' },
    ]
    expect(csvHeader(items, 'title')).toBe('排名,編號,名稱,總分,等次,資格,日常工作 (a),日常工作 (b),總分 (c),"宣傳,報送"\r\n')
    expect(csvHeader(items)).toBe('rank,id,name,total,grade,eligible,a,b,c,d\r\n')
  })

  it('--headers and --bom go with --format csv, with the values they name', () => {
    const cases: [string[], string][] = [
      [['--format', 'csv', '--headers', 'code'], '--headers must be title or id, not "code"'],
      [['--format', 'table', '--headers', 'id'], '--headers, --bom and --no-bom go with --format csv'],
      [['--format', 'json', '--no-bom'], '--headers, --bom and --no-bom go with --format csv'],
      [['--format', 'csv', '--bom', '--no-bom'], 'give --bom or --no-bom, not both'],
    ]
    for (const [args, message] of cases) {
      const r = cli(['score', RUBRIC, EVIDENCE, ...args])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.err).toContain(message)
    }
  })

  it('--format csv --headers id --no-bom: rank, id, name, total, grade, eligible and the top-level items, best first', () => {
    const r = cli(['score', RUBRIC, EVIDENCE, '--format', 'csv', '--headers', 'id', '--no-bom'])
    expect(r.code).toBe(0)
    // WORKED.md table: (一), (二), (三), total, grade; its ranks: 銅山 1, 邳州 2, 開發區 and 新沂 3 (93.05 each: in id
    // order, kaifaqu before xinyi), 沛縣 5, 豐縣 6, 睢寧 7, 鼓樓 8, 雲龍 9, 泉山 10, 賈汪 11
    expect(r.out.split('\r\n')).toEqual([
      'rank,id,name,total,grade,eligible,key-targets,work-links,innovation',
      '1,tongshan,銅山區統計局,106.00,優秀,true,50,46,10',
      '2,pizhou,邳州市統計局,101.00,優秀,true,49.995,44,7',
      '3,kaifaqu,徐州經濟技術開發區統計局,93.05,良好,true,44.05,44,5',
      '3,xinyi,新沂市統計局,93.05,良好,true,47.05,42,4',
      '5,peixian,沛縣統計局,91.00,良好,true,50,37,4',
      '6,fengxian,豐縣統計局,88.03,良好,true,37.025,44,7',
      '7,suining,睢寧縣統計局,87.00,合格,true,42,42,3',
      '8,gulou,鼓樓區統計局,79.43,合格,true,40.425532,37,2',
      '9,yunlong,雲龍區統計局,66.75,合格,true,30.75,34,2',
      '10,quanshan,泉山區統計局,62.00,合格,true,29,33,0',
      '11,jiawang,賈汪區統計局,50.00,不合格,true,21,27,2',
      '',
    ])
    // --order evidence: the rows as the evidence file gives the subjects (豐縣 first), the same lines
    const byEvidence = cli(['score', RUBRIC, EVIDENCE, '--format', 'csv', '--headers', 'id', '--no-bom', '--order', 'evidence'])
    expect(byEvidence.out.split('\r\n')[1]).toBe('6,fengxian,豐縣統計局,88.03,良好,true,37.025,44,7')
    expect(byEvidence.out.split('\r\n').sort()).toEqual(r.out.split('\r\n').sort())
    expect(cli(['score', RUBRIC, EVIDENCE, '--order', 'best']).err).toContain('--order must be rank or evidence, not "best"')
  })

  it('--format markdown: a GitHub table', () => {
    const r = cli(['score', RUBRIC, EVIDENCE, '--format', 'markdown'])
    expect(r.code).toBe(0)
    const ls = lines(r.out)
    expect(ls[0]).toBe('**2017年統計基層基礎工作考評辦法** [xuzhou-statistics-2017] as of 2017-12-31')
    expect(ls[1]).toBe('| rank 排名 | id | name 名稱 | total 總分 | grade 等次 | eligible 資格 | (一)重點目標考評 (50) | (二)工作環節考評 (50) | (三)工作創新創優考評 (10) |')
    expect(ls[2]).toBe('|---:|---|---|---:|---|---|---:|---:|---:|')
    expect(ls).toContain('| 2 | `pizhou` | 邳州市統計局 | 101.00 | 優秀 | yes | 49.995 | 44 | 7 |')
    expect(ls).toContain('| 9 | `yunlong` | 雲龍區統計局 | 66.75 | 合格 | yes | 30.75 | 34 | 2 |')
    expect(ls).toHaveLength(3 + 11)
  })

  it('--param overrides a parameter: floor scores 豐縣\'s 87.5% as 8, one point more', () => {
    const r = cli(['score', RUBRIC, EVIDENCE, '--format', 'csv', '--param', 'spotCheckRounding=floor'])
    expect(r.code).toBe(0)
    // (一) 37.025 + 1 = 38.025; total 89.025 → 89.03
    expect(r.out.split('\r\n').find((l) => l.includes(',fengxian,'))).toMatch(/^\d+,fengxian,豐縣統計局,89\.03,[^,]+,true,38\.025,44,7$/)
  })
})

// --- CSV evidence --------------------------------------------------------------------------------------

describe('CSV evidence', () => {
  // tests/fixtures/csv/xuzhou-chinese.csv: BOM, CRLF, Chinese headers (titles, 名稱, 不適用, full-width （居）, a
  // quoted header with a line break), booleans as 是/否/TRUE/1/yes, rates as decimal strings. No records, so
  // (三) is 0 for everyone.
  //   fengxian (WORKED.md §1 facts): (一) 3 + 0 + 7 + 3 + 7 + 10 + 2.025 + 5 = 37.025; (二) 44 → 81.025 → 81.03
  //   gulou (不適用 dev-zone-acceptance): (一) (10 + 8 + 0 + 10 + 5 + 5) × 50 / 47 = 40.425532; (二) 37 → 77.43
  //   tongshan ("銅山區統計局, ""示範"""): (一) 50; (二) 3+3+13+4+5+4+4+3+3+4 = 46 → 96.00
  // Ranks 1 tongshan, 2 fengxian, 3 gulou. With the bars set by parameter (the method names none): 優秀 (≥ 90): only
  // tongshan qualifies → 優秀; 良好 (≥ 80): only fengxian → 良好; gulou 77.43 ≥ 60 → 合格.
  it('reads Chinese headers, quoted fields, a BOM and CRLF', () => {
    const r = cli(['score', RUBRIC, CSV, '--format', 'csv', '--param', 'excellentMinScore=90', '--param', 'goodMinScore=80'])
    expect(r.code).toBe(0)
    const rows = r.out.split('\r\n')
    expect(rows.slice(1, 4)).toEqual([
      '1,tongshan,"銅山區統計局, ""示範""",96.00,優秀,true,50,46,0',
      '2,fengxian,豐縣統計局,81.03,良好,true,37.025,44,0',
      '3,gulou,鼓樓區統計局,77.43,合格,true,40.425532,37,0',
    ])
    // the quota warnings (one candidate each for 優秀 and 良好) name the CSV file
    expect(r.err).toMatch(/xuzhou-chinese\.csv:?\s+warning\s+QUOTA_TIE/)
  })

  it('explain works on CSV evidence', () => {
    const r = cli(['explain', RUBRIC, CSV, '--subject', 'gulou'])
    expect(r.code).toBe(0)
    expect(r.out).toContain('總分 total: 77.43 / 110 (exact 77.425532)   排名 rank: 3')
    expect(r.out).toContain('計算 arithmetic: 10 + 8 + 0 + 10 + 5 + 5 = 38 × 50 / 47 (1 item 不適用, rescaled)')
  })

  it('an unknown header is an error naming the column and the closest fact', () => {
    const r = cli(['score', RUBRIC, 'bad.csv'], { 'bad.csv': 'id,鄉鎮抽檢合格率,townshipPasRate\nfengxian,0.9,0.9\n' })
    expect(r.code).toBe(1)
    expect(r.out).toBe('')
    expect(r.err).toMatch(at('bad.csv', 1, 4, 'error', 'EVIDENCE_UNKNOWN_FIELD'))
    expect(r.err).toContain('Column "鄉鎮抽檢合格率" is not a fact of rubric xuzhou-statistics-2017; did you mean "townshipPassRate" (鄉鎮街道統計機構規範化管理抽檢合格率)?')
    expect(r.err).toMatch(at('bad.csv', 1, 12, 'error', 'EVIDENCE_UNKNOWN_FIELD'))
    expect(r.err).toContain('Column "townshipPasRate" is not a fact of rubric xuzhou-statistics-2017; did you mean "townshipPassRate"')
  })

  it('cells are read by the fact type, with line numbers in errors', () => {
    const text = 'id,virtualSurveyTeam,townshipPassRate\n' + 'a,是,0.9\n' + 'b,maybe,0.9\n' + 'c,1\n'
    const r = cli(['score', RUBRIC, 'cells.csv'], { 'cells.csv': text })
    expect(r.code).toBe(1)
    expect(r.err).toMatch(at('cells.csv', 3, 3, 'error', 'EVIDENCE_INVALID'))
    expect(r.err).toContain('Line 3, column "virtualSurveyTeam" (fact "virtualSurveyTeam"): "maybe" is not a yes/no value')
    expect(r.err).toMatch(at('cells.csv', 4, 1, 'error', 'EVIDENCE_INVALID'))
    expect(r.err).toContain('Line 4 has 2 fields, but the header has 3.')
    // the 16 required facts without a column (devZonePassRate is optional) are reported once, at the header
    expect(r.err).toMatch(/cells\.csv:1:1: error EVIDENCE_MISSING.*no column for 16 required facts: countyStandardised \(縣級統計局規範化管理保持全面合格水平\)/)
  })

  it('a problem found when scoring points at the cell', () => {
    // 87.5% instead of 0.875 in 豐縣's row: line 3 (the header takes lines 1–2); the cell starts at column 21
    // (fengxian, = 9, 豐縣統計局, = 6, the empty 不適用 cell's comma 1, 是, 2, 否, 2 → 20 characters before it)
    const text = read(CSV).replace('0.875', '87.5%')
    const r = cli(['score', RUBRIC, 'pct.csv'], { 'pct.csv': text })
    expect(r.code).toBe(1)
    expect(r.err).toMatch(at('pct.csv', 3, 21, 'error', 'EVIDENCE_INVALID', 'fengxian'))
    expect(r.err).toContain('write 87.5% as 0.875')
  })

  it('an empty cell is an absent value: refused under missing: error, at the row', () => {
    // blank 鼓樓區's townshipSamplingRatio (0.45, the only such cell in the file)
    const r = cli(['score', RUBRIC, 'blank.csv'], { 'blank.csv': read(CSV).replace(',0.45,', ',,') })
    expect(r.code).toBe(1)
    expect(r.err).toMatch(at('blank.csv', 4, 1, 'error', 'EVIDENCE_MISSING', 'gulou'))
    expect(r.err).toContain('fact "townshipSamplingRatio" is missing')
  })

  it('JSON evidence is read by its extension, and scores as the same YAML does', () => {
    const json = JSON.stringify({ subjects: [{ id: 'p', facts: { passRate: '0.875', registered: true, judged: 9, coverage: 0.55 } }] })
    const r = cli(['score', V1, 'e.json', '--format', 'csv', '--headers', 'id', '--no-bom'], { 'e.json': json })
    expect(r.code).toBe(0)
    // 3 + 4 + 9 + 5 = 21 (see the diff tests); alone and ≥ 18 → 優秀
    expect(r.out).toBe('rank,id,name,total,grade,eligible,targets,review,coverage\r\n1,p,,21.00,優秀,true,7,9,5\r\n')
  })

  it('syntax errors carry their line and column', () => {
    const unterminated = cli(['score', RUBRIC, 'q.csv'], { 'q.csv': 'id,name\r\na,"ok"\r\nb,"never closed\r\n' })
    expect(unterminated.code).toBe(1)
    expect(unterminated.err).toMatch(at('q.csv', 3, 3, 'error', 'EVIDENCE_INVALID'))
    expect(unterminated.err).toContain('A quoted field is never closed')
    const stray = cli(['score', RUBRIC, 's.csv'], { 's.csv': 'id,name\na,b"c\n' })
    expect(stray.err).toMatch(at('s.csv', 2, 4, 'error', 'EVIDENCE_INVALID'))
  })

  it('parseCsv: RFC 4180 quoting, line breaks in quotes, CR / LF / CRLF, BOM, empty lines', () => {
    const r = parseCsv('\ufeffa,"b,1","say ""hi"""\r\n\r\n"x\ny",,z\rlast,"",\n')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const values = r.value.records.map((rec) => rec.cells.map((c) => c.value))
    expect(values).toEqual([
      ['a', 'b,1', 'say "hi"'],
      ['x\ny', '', 'z'],
      ['last', '', ''],
    ])
    expect(r.value.records.map((rec) => rec.line)).toEqual([1, 3, 5])
    expect(r.value.records[0]!.cells[2]).toMatchObject({ line: 1, column: 9, quoted: true })
    const bad = parseCsv('a,"b"c\n', { file: 'f.csv' })
    expect(bad.ok).toBe(false)
    expect(bad.diagnostics[0]).toMatchObject({ code: 'EVIDENCE_INVALID', location: { file: 'f.csv', line: 1, column: 6 } })
  })
})

// --- explain, schema -----------------------------------------------------------------------------------

describe('explain', () => {
  it('prints the full trail of one subject', () => {
    const r = cli(['explain', RUBRIC, EVIDENCE, '--subject', 'fengxian'])
    expect(r.code).toBe(0)
    expect(r.out).toContain('豐縣統計局 (fengxian) — 2017年統計基層基礎工作考評辦法 [xuzhou-statistics-2017]')
    expect(r.out).toContain('總分 total: 88.03 / 110 (exact 88.025)   排名 rank: 6')
    expect(r.out).toContain('等次 grade: 良好')
    expect(r.out).toContain('2、鄉鎮街道統計機構規範化管理抽檢 (township-spot-check): 7 / 10 [三(一)2]')
    expect(r.out).toContain('依據 evidence: spotCheckShortfall = 0.025')
    // the shortfall computed from the evidence: 0.90 − 0.875 = 0.025, sampling 0.33 ≥ 0.30 → 0
    expect(r.out).toContain('計算值 computed: spotCheckShortfall = max(0, 0.90 - townshipPassRate) + max(0, minSamplingRatio - townshipSamplingRatio) = max(0, 0.90 - 0.875) + max(0, 0.3 - 0.33) = 0.025')
    expect(r.out).toContain('6、首席統計員設置 (chief-statisticians): 2.025 / 5 [三(一)6]')
    expect(r.out).toContain('計算 arithmetic: 3 + 7 + 3 + 7 + 10 + 2.025 + 5 = 37.025')
    // every item of the tree is there: 3 sections + 2 + 6 leaves of (一) (one is a section of 2) + 10 of (二)
    expect(r.out.match(/^\s+規則 rule:/gm)).toHaveLength(3 + 1 + 2 + 6 + 10)
  })

  it('an unknown subject exits 1 with the subjects it could have been', () => {
    const r = cli(['explain', RUBRIC, EVIDENCE, '--subject', 'gulo'])
    expect(r.code).toBe(1)
    expect(r.out).toBe('')
    expect(r.err).toContain('kaoping explain: no subject "gulo" in the evidence (did you mean "gulou"?); its subjects are: fengxian, peixian, suining')
  })

  it('without --subject it is a usage error', () => {
    const r = cli(['explain', RUBRIC, EVIDENCE])
    expect(r.code).toBe(2)
    expect(r.err).toContain('give --subject ID')
  })
})

describe('schema', () => {
  it('prints the JSON Schema of the evidence', () => {
    const r = cli(['schema', RUBRIC])
    expect(r.code).toBe(0)
    const schema = JSON.parse(r.out)
    expect(schema.definitions.subject.properties.facts.properties.townshipPassRate.title).toBe('鄉鎮街道統計機構規範化管理抽檢合格率')
  })
})

// --- test ----------------------------------------------------------------------------------------------

describe('test', () => {
  it('runs the Xuzhou test cases beside the rubric', () => {
    const r = cli(['test', RUBRIC])
    expect(r.code).toBe(0)
    const ls = lines(r.out)
    expect(ls).toHaveLength(7)
    expect(ls.slice(0, 6).every((l) => l.startsWith('✓ '))).toBe(true)
    expect(ls).toContain('✓ item 2 at 87.5% loses a started point (ceil) → 7')
    expect(ls).toContain('✓ item 2 at 87.5% with spotCheckRounding floor → 8')
    expect(ls[6]).toBe('6 passed, 0 failed')
  })

  it('with no files runs every rubrics/*.test.yaml', () => {
    const r = cli(['test'])
    expect(r.globs).toEqual(['rubrics/*.test.yaml'])
    expect(r.out).toContain('✓ ranked quota tie at 92 keeps 優秀 to two (within-range)')
    expect(lines(r.out).at(-1)).toMatch(/^\d+ passed, \d+ failed$/)
  })

  it('a passing test file of the mini rubric', () => {
    const r = cli(['test', 'tests/fixtures/cli/mini-v1.test.yaml'])
    expect(r.out).toBe('✓ p alone\n✓ p with spotRounding floor\n✓ cohort of four\n✓ a rate above 1 is refused\n4 passed, 0 failed\n')
    expect(r.code).toBe(0)
  })

  it('failing cases: a line each, then a line per difference headed by its path:line:col; the count; exit 1', () => {
    const r = cli(['test', 'tests/fixtures/cli/failing.test.yaml'])
    expect(r.code).toBe(1)
    // issue 12: each difference is on its own line, under its case, at the value of the test file that expects it
    // (it was "✗ name: what differed" on one line). Places counted in failing.test.yaml: line 12 `    expect: { p: {
    // total: 20 } }` has 20 at column 27; line 19 `      q: { grade: 優秀 }` has 優秀 at 19; line 20 `      r: {
    // rank: 2, …` has 2 at 18; line 23 `    error: EVIDENCE_OUT_OF_RANGE` has the code at 12.
    const f = 'tests/fixtures/cli/failing.test.yaml'
    expect(r.out).toBe(
      [
        '✓ right total',
        '✗ wrong total',
        `  ${f}:12:27: expected total 20, got 21`,
        '✗ wrong grade and rank',
        `  ${f}:19:19: q: expected grade 優秀, got 合格`,
        `  ${f}:20:18: r: expected rank 2, got 3`,
        '✗ expects an error that does not come',
        `  ${f}:23:12: expected error EVIDENCE_OUT_OF_RANGE, but the cohort was scored`,
        '1 passed, 3 failed',
        '',
      ].join('\n'),
    )
  })

  it('several files: a header before each, one count for all', () => {
    const r = cli(['test', 'tests/fixtures/cli/failing.test.yaml', 'tests/fixtures/cli/mini-v1.test.yaml'])
    expect(r.code).toBe(1)
    const ls = lines(r.out)
    expect(ls[0]).toBe('tests/fixtures/cli/failing.test.yaml')
    // issue 12: failing.test.yaml now takes 8 lines (4 cases, 4 differences under them), so the next header is at 9
    expect(ls[9]).toBe('tests/fixtures/cli/mini-v1.test.yaml')
    expect(ls.at(-1)).toBe('5 passed, 3 failed')
  })

  it('numbers compare by exact value: 21, "21.00" and 21.0 agree; 21.001 does not', () => {
    const file = (total: string) => `rubric: mini-method-2020\nfile: mini-v1.yaml\ncases:\n  - name: t\n    subject: { id: p, facts: { passRate: 0.875, registered: true, judged: 9, coverage: 0.55 } }\n    expect: { p: { total: ${total} } }\n`
    for (const t of ['21', '"21.00"', '21.0', '"21"']) expect(cli(['test', 'tests/fixtures/cli/x.test.yaml'], { 'tests/fixtures/cli/x.test.yaml': file(t) }).code).toBe(0)
    const off = cli(['test', 'tests/fixtures/cli/x.test.yaml'], { 'tests/fixtures/cli/x.test.yaml': file('21.001') })
    expect(off.code).toBe(1)
    // issue 12: the difference is on its own line under the case, at the expected total (line 6, `    expect: { p: {
    // total: 21.001 } }`: column 27)
    expect(off.out).toContain('✗ t\n  tests/fixtures/cli/x.test.yaml:6:27: expected total 21.001, got 21\n')
  })

  it('a malformed test file is reported with its line and counts as a failure', () => {
    const r = cli(['test', 'tests/fixtures/cli/x.test.yaml'], { 'tests/fixtures/cli/x.test.yaml': 'rubric: mini-method-2020\nfile: mini-v1.yaml\ncases:\n  - name: t\n    subjct: { id: p }\n    expect: { p: { total: 1 } }\n' })
    expect(r.code).toBe(1)
    expect(r.err).toMatch(at('tests/fixtures/cli/x.test.yaml', 5, 5, 'error', 'SCHEMA_UNKNOWN_KEY'))
    expect(r.out).toContain('0 passed, 1 failed')
  })

  it('a rubric without a test file beside it is a usage error', () => {
    const r = cli(['test', V2])
    expect(r.code).toBe(2)
    expect(r.err).toContain('no test file beside tests/fixtures/cli/mini-v2.yaml')
  })
})

// --- diff ----------------------------------------------------------------------------------------------

describe('diff', () => {
  // mini-v2.yaml changes, by hand: id, title; passMark 12 → 13; spotRounding removed and spot-check rounds down;
  // a gate; spot-check max 6 → 7, target 0.9 → 0.95; registration renamed, max 4 → 3; coverage band edge 0.5 →
  // 0.6 (both bands); 優秀 minScore 18 → 17; ineligible → 不合格.
  const STRUCTURE = [
    '~ id: mini-method-2020 → mini-method-2021',
    '~ title: 小型考評辦法(2020) → 小型考評辦法(2021)',
    '~ params.passMark.default: 12 → 13',
    '- params.spotRounding: 抽檢扣分取整 (rounding, default ceil)',
    '+ gates.registered-gate: 完成登記方可評優',
    '~ items.targets.spot-check.max: 6 → 7',
    '~ items.targets.spot-check.target: 0.9 → 0.95',
    '~ items.targets.spot-check.rounding: { param: spotRounding } → floor',
    '~ items.targets.registration.title: 登記 → 完成登記',
    '~ items.targets.registration.max: 4 → 3',
    '~ items.coverage.bands[0].from: 0.5 → 0.6',
    '~ items.coverage.bands[1].to: 0.5 → 0.6',
    '~ grades.quotas.優秀.minScore: 18 → 17',
    '+ grades.ineligible: 不合格',
  ]

  it('lists what changed, keyed by ids; exit 1', () => {
    const r = cli(['diff', V1, V2])
    expect(r.code).toBe(1)
    expect(lines(r.out)).toEqual([`--- ${V1} (mini-method-2020)`, `+++ ${V2} (mini-method-2021)`, ...STRUCTURE])
  })

  it('with evidence, lists whose total, grade or rank changes', () => {
    // v1: p 3 + 4 + 9 + 5 = 21; q 6 + 0 + 9.5 + 5 = 20.5; r 6 + 4 + 8 + 0 = 18; s 0. Ranks 1–4; 優秀 p; q, r 合格; s 不合格.
    // v2: p: 0.875 is 7.5 steps short of 0.95, ⌊7.5⌋ = 7 → 7 − 7 = 0; + 3 + 9 + coverage 0.55 < 0.6 → 0 = 12
    //     q: meets 0.95 → 7; 0 + 9.5 + 5 = 21.5, but unregistered → ineligible → 不合格
    //     r: 3 steps short → 4; + 3 + 8 + 0 = 15;  s: 0, unregistered → 不合格 (as before)
    //     Ranks q 1, r 2, p 3, s 4. 優秀 needs an eligible ≥ 17: none. r 15 ≥ 13 → 合格; p 12 < 13 → 不合格.
    const r = cli(['diff', V1, V2, MINI_EVIDENCE])
    expect(r.code).toBe(1)
    const ls = lines(r.out)
    expect(ls.slice(2, 2 + STRUCTURE.length)).toEqual(STRUCTURE)
    expect(ls.slice(2 + STRUCTURE.length)).toEqual([
      'results: 3 of 4 subjects change',
      'p (甲單位): 21.00 優秀 (rank 1) → 12.00 不合格 (rank 3)',
      'q (乙單位): 20.50 合格 (rank 2) → 21.50 不合格 (rank 1)',
      'r (丙單位): 18.00 合格 (rank 3) → 15.00 合格 (rank 2)',
    ])
  })

  it('--format json', () => {
    const r = cli(['diff', V1, V2, MINI_EVIDENCE, '--format', 'json'])
    expect(r.code).toBe(1)
    const json = JSON.parse(r.out)
    expect(json.identical).toBe(false)
    expect(json.changes).toHaveLength(STRUCTURE.length)
    expect(json.changes).toContainEqual({ op: 'changed', path: 'items.targets.spot-check.target', from: 0.9, to: 0.95 })
    expect(json.changes).toContainEqual(expect.objectContaining({ op: 'added', path: 'gates.registered-gate' }))
    expect(json.results.compared).toBe(4)
    expect(json.results.changed).toContainEqual({ id: 'r', name: '丙單位', old: { total: '18.00', grade: '合格', rank: 3 }, new: { total: '15.00', grade: '合格', rank: 2 } })
  })

  it('identical versions: exit 0', () => {
    const r = cli(['diff', V1, V1, MINI_EVIDENCE])
    expect(r.code).toBe(0)
    expect(r.out).toContain('no changes to the method')
    expect(r.out).toContain('results: 0 of 4 subjects change')
  })

  it('diffRubrics: moved, added and removed items, kind changes, money amounts, order', () => {
    const leaf = (id: string, max: number, kind = 'judged') => ({ kind, id, title: id.toUpperCase(), max, fact: 'f' })
    const a = {
      kaoping: 1, id: 'a', title: 'A', total: 10,
      items: [
        { kind: 'section', id: 's1', title: 'S1', max: 5, items: [leaf('c1', 2, 'check'), leaf('c2', 3)] },
        { kind: 'section', id: 's2', title: 'S2', max: 5, items: [leaf('j1', 5)] },
      ],
      grades: { order: ['甲', '乙'], thresholds: [{ grade: '甲', min: 8 }, { grade: '乙' }] },
      money: { rewards: [{ id: 'rw', title: 'RW', records: 'x', category: 'k', amounts: { a: 50, b: 100 } }] },
    } as unknown as Rubric
    const b = {
      kaoping: 1, id: 'a', title: 'A', total: 10,
      items: [
        { kind: 'section', id: 's1', title: 'S1', max: 5, items: [leaf('c2', 3, 'check'), leaf('j1', 2)] },
        { kind: 'section', id: 's3', title: 'S3', max: 5, items: [leaf('j3', 5)] },
      ],
      grades: { order: ['甲', '乙'], thresholds: [{ grade: '甲', min: '8.00' }, { grade: '乙' }] },
      money: { rewards: [{ id: 'rw', title: 'RW', records: 'x', category: 'k', amounts: { a: '50.00', b: 120 } }] },
    } as unknown as Rubric
    expect(diffRubrics(a, b).map(formatChange)).toEqual([
      '~ items.s1.c2.kind: judged → check',
      '~ items.s1.j1: moved from s2 to s1',
      '~ items.s1.j1.max: 5 → 2',
      '+ items.s3: S3 (section, max 5)',
      '- items.s1.c1: C1 (check, max 2)',
      '- items.s2: S2 (section, max 5)',
      '~ money.rewards.rw.amounts.b: 100 → 120',
    ])
    expect(diffRubrics(a, a)).toEqual([])
  })

  it('the reverse direction swaps + and -', () => {
    const r = cli(['diff', V2, V1])
    expect(r.out).toContain('+ params.spotRounding: 抽檢扣分取整 (rounding, default ceil)')
    expect(r.out).toContain('- gates.registered-gate: 完成登記方可評優')
    expect(r.out).toContain('- grades.ineligible: 不合格')
  })
})

// --- usage and exit codes ------------------------------------------------------------------------------

describe('usage errors and exit codes', () => {
  it.each([
    [[], 'Usage: kaoping <command>'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['score'], 'give a rubric file and at least one evidence file'],
    [['score', RUBRIC], 'give a rubric file and at least one evidence file'],
    [['score', RUBRIC, EVIDENCE, '--format', 'xml'], '--format must be table, json, ndjson, csv, markdown or xlsx, not "xml"'],
    [['score', RUBRIC, EVIDENCE, '--bogus'], 'unknown option --bogus'],
    [['score', RUBRIC, EVIDENCE, '--param', 'noequals'], '--param takes name=value'],
    [['score', RUBRIC, 'no/such/file.yaml'], 'cannot read no/such/file.yaml'],
    [['diff', V1], 'give the old and the new rubric file'],
    [['diff', V1, V2, '--format', 'csv'], '--format must be text or json'],
    [['diff', V1, 'no/such/rubric.yaml'], 'cannot read no/such/rubric.yaml'],
    // issue 12: a glob that finds no test file is not a usage error (exit 0, or 1 with --fail-if-none: tests/ci-conventions.test.ts)
    [['schema'], 'give a rubric file'],
  ])('%j exits 2', (argv, message) => {
    const r = cli(argv as string[])
    expect(r.code).toBe(2)
    expect(r.out + r.err).toContain(message)
  })

  it('--help on every command prints usage to stdout and exits 0', () => {
    for (const c of ['score', 'explain', 'validate', 'schema', 'test', 'diff']) {
      const r = cli([c, '--help'])
      expect(r.code, c).toBe(0)
      expect(r.out, c).toContain(`Usage: kaoping ${c}`)
      expect(r.err, c).toBe('')
    }
  })

  it('evidence the rubric refuses exits 1, an unknown parameter too', () => {
    const r = cli(['score', V1, 'e.yaml'], { 'e.yaml': 'subjects:\n  - { id: p, facts: { passRate: 1.2, registered: true, judged: 9, coverage: 0.5 } }\n' })
    expect(r.code).toBe(1)
    expect(r.err).toMatch(at('e.yaml', 2, 33, 'error', 'EVIDENCE_OUT_OF_RANGE', 'p'))
    expect(cli(['score', V1, MINI_EVIDENCE, '--param', 'nosuch=1']).code).toBe(1)
  })
})

// --- the built bin -------------------------------------------------------------------------------------

describe('the built bin (node dist/cli.cjs)', () => {
  const bin = join(root, 'dist', 'cli.cjs')

  // dist/ is built once by tests/support/build.ts (vitest globalSetup).
  beforeAll(() => expect(existsSync(bin)).toBe(true))

  const node = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' })

  it('score --format csv gives the same output as run()', () => {
    const r = node(['score', RUBRIC, EVIDENCE, '--format', 'csv'])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(cli(['score', RUBRIC, EVIDENCE, '--format', 'csv']).out)
    expect(r.stderr).toContain('JUDGED_CLAMPED')
  })

  it('score of CSV evidence, the table', () => {
    const r = node(['score', RUBRIC, CSV])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/1 +tongshan +銅山區統計局, "示範" +96\.00 \/ 110 +優秀/)
  })

  it('test: exit 0 when all pass, 1 when one fails', () => {
    const ok = node(['test', RUBRIC])
    expect(ok.status).toBe(0)
    expect(ok.stdout.trimEnd().split('\n').at(-1)).toBe('6 passed, 0 failed')
    const failing = node(['test', 'tests/fixtures/cli/failing.test.yaml'])
    expect(failing.status).toBe(1)
    expect(failing.stdout).toContain('1 passed, 3 failed')
  })

  it('diff: exit 1 with differences, 0 without', () => {
    expect(node(['diff', V1, V2]).status).toBe(1)
    expect(node(['diff', V1, V1]).status).toBe(0)
  })

  it('explain and schema', () => {
    const e = node(['explain', RUBRIC, EVIDENCE, '--subject', 'suining'])
    expect(e.status).toBe(0)
    // WORKED.md: 睢寧縣 samples 0.25, 5 points short of 0.30, so the spot check scores 10 − 5 = 5; total 87
    expect(e.stdout).toContain('總分 total: 87.00 / 110')
    expect(e.stdout).toContain('(township-spot-check): 5 / 10')
    expect(node(['explain', RUBRIC, EVIDENCE, '--subject', 'nobody']).status).toBe(1)
    expect(JSON.parse(node(['schema', RUBRIC]).stdout).definitions.subject).toBeDefined()
  })

  it('usage errors exit 2; --version prints the package version', () => {
    const r = node(['score'])
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('give a rubric file')
    expect(node(['--version']).stdout.trim()).toBe(JSON.parse(read('package.json')).version)
  })
})
