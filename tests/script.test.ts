/**
 * Simplified and traditional characters: the converters (src/text/script.ts), and titles matched in either script
 * wherever evidence names a rubric's title or a fixed Chinese word (src/load/csv-evidence.ts: facts CSV headers, the
 * records CSV's subject and record columns, record type titles, field titles, enum values, "did you mean").
 *
 * Every simplified form below is written out by hand from the shipped rubric's traditional title, not computed by the
 * converter under test.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { loadRubric } from '../src/index'
import type { Diagnostic } from '../src/diagnostics/diagnostic'
import { formatDiagnostics } from '../src/diagnostics/format'
import { parseCsv, type CsvTable } from '../src/load/csv'
import { csvEvidence, csvRecords, isRecordsHeader, type EvidenceDeclarations } from '../src/load/csv-evidence'
import { foldScript, normaliseTitle, scriptConverter, SCRIPTS } from '../src/text/script'
import { cli } from './support/cli'

const root = join(__dirname, '..')
const read = (path: string) => readFileSync(join(root, path), 'utf8')
const RUBRIC = 'rubrics/xuzhou-statistics-2017.yaml'
const FACTS = 'tests/fixtures/csv/xuzhou-chinese.csv'
const INNOVATIONS = 'tests/fixtures/csv/xuzhou-innovations.csv'

function rubricOf(id: string) {
  const file = `rubrics/${id}.yaml`
  const r = loadRubric(read(file), { file })
  if (!r.ok) throw new Error(formatDiagnostics(r.diagnostics))
  return r.value.rubric
}
const xuzhou = rubricOf('xuzhou-statistics-2017')

function table(text: string, file = 'x.csv'): CsvTable {
  const t = parseCsv(text, { file })
  if (!t.ok) throw new Error(formatDiagnostics(t.diagnostics, text))
  return t.value
}

function failed<T>(r: { ok: boolean; diagnostics: Diagnostic[]; value?: T }): Diagnostic[] {
  expect(r.ok).toBe(false)
  return r.diagnostics
}

/** The Xuzhou fact titles (rubrics/xuzhou-statistics-2017.yaml, facts:) and each in simplified characters. */
const XUZHOU_TITLES: [name: string, traditional: string, simplified: string][] = [
  ['countyStandardised', '縣級統計局規範化管理保持全面合格水平', '县级统计局规范化管理保持全面合格水平'],
  ['provincialDemonstration', '創建省級示範單位', '创建省级示范单位'],
  ['townshipPassRate', '鄉鎮街道統計機構規範化管理抽檢合格率', '乡镇街道统计机构规范化管理抽检合格率'],
  ['townshipSamplingRatio', '鄉鎮街道抽檢比例', '乡镇街道抽检比例'],
  ['devZonePassRate', '省級以上開發區規範化管理驗收抽檢合格率', '省级以上开发区规范化管理验收抽检合格率'],
  ['onlineQualifiedRate', '聯網直報單位統計規範化指導合格面', '联网直报单位统计规范化指导合格面'],
  ['villageQualifiedRate', '村(居)統計規範化建設合格面', '村(居)统计规范化建设合格面'],
  ['chiefStatisticianRate', '首席統計員設置完成比例(按鎮級單位數)', '首席统计员设置完成比例(按镇级单位数)'],
  ['virtualSurveyTeam', '虛擬調查隊申報組建任務全面完成', '虚拟调查队申报组建任务全面完成'],
  ['materials', '工作材料按時報送(1—3分)', '工作材料按时报送(1—3分)'],
  ['ledger', '鄉鎮統計基礎建設臺賬更新(1—3分)', '乡镇统计基础建设台账更新(1—3分)'],
  ['achievements', '4個單項成果推薦(1—15分)', '4个单项成果推荐(1—15分)'],
  ['countyApplications', '縣級合格、示範材料申報(1—4分)', '县级合格、示范材料申报(1—4分)'],
  ['enterpriseAcceptance', '企業規範化指導驗收材料(1—5分)', '企业规范化指导验收材料(1—5分)'],
  ['workInformation', '工作信息報送(1—5分)', '工作信息报送(1—5分)'],
  ['classifiedGuidance', '分類指導(1—5分)', '分类指导(1—5分)'],
  ['lookBack', '「回頭看」活動(1—3分)', '「回头看」活动(1—3分)'],
  ['provincialShowcase', '全省性示範交流項目展示(1—3分)', '全省性示范交流项目展示(1—3分)'],
  ['regulationMeasures', '落實《江蘇省統計條例》制度規範(1—4分)', '落实《江苏省统计条例》制度规范(1—4分)'],
]

describe('scriptConverter', () => {
  const simplified = scriptConverter('simplified')
  const traditional = scriptConverter('traditional')

  it('writes text in either script', () => {
    expect(simplified('徐州市統計局考核評分表')).toBe('徐州市统计局考核评分表')
    expect(traditional('优秀')).toBe('優秀')
    expect(traditional('乡镇抽检合格率')).toBe('鄉鎮抽檢合格率')
    expect(traditional('徐州市统计局考核评分表')).toBe('徐州市統計局考核評分表')
    // what is not Chinese is kept: names, numbers, punctuation
    expect(simplified('townshipPassRate 0.875（1—3分）')).toBe('townshipPassRate 0.875（1—3分）')
    expect(traditional('townshipPassRate 0.875（1—3分）')).toBe('townshipPassRate 0.875（1—3分）')
  })

  it('converts each Xuzhou fact title both ways', () => {
    for (const [, t, s] of XUZHOU_TITLES) {
      expect(simplified(t)).toBe(s)
      expect(traditional(s)).toBe(t)
    }
  })

  it('keeps the shipped rubrics\' traditional characters (Taiwan variants, not OpenCC\'s own standard)', () => {
    // words the shipped rubrics write: each is its own traditional form, and comes back from its simplified form
    const words: [string, string][] = [
      ['鄉鎮', '乡镇'],
      ['統計', '统计'],
      ['考評', '考评'],
      ['優秀', '优秀'],
      ['獎懲', '奖惩'],
      ['考核', '考核'], // OpenCC's standard would print 考覈
      ['為', '为'], // … and 爲
      ['群眾', '群众'], // … and 羣衆
      ['記錄類型', '记录类型'],
      ['單位編號', '单位编号'],
      ['工作創新創優成果', '工作创新创优成果'],
    ]
    for (const [t, s] of words) {
      expect(traditional(t)).toBe(t)
      expect(traditional(s)).toBe(t)
      expect(simplified(t)).toBe(s)
    }
    // Where the shipped rubrics differ from the converter: hubei-archives-2011 writes 泄 (失泄密), which Taiwan's
    // variants print 洩; and titles that mix in simplified characters (xiangdong's 關于) are printed all traditional.
    expect(traditional('失泄密')).toBe('失洩密')
    expect(traditional('關于')).toBe('關於')
  })

  it('keeps ideographic descriptions as written, and reads a header of them in linear time', () => {
    // ⿰虫风 describes one character by its parts: its parts are not converted (OpenCC's rule), the text around is
    expect(traditional('乡⿰虫风镇')).toBe('鄉⿰虫风鎮')
    expect(simplified('⿰⿱艹氵尔裡')).toBe('⿰⿱艹氵尔里')
    expect(traditional('为⿰')).toBe('為⿰')
    // opencc-js finds where a description ends in time exponential in its operators (100 never end): kept out of it
    const hostile = '鄉' + '⿰'.repeat(100_000) + '鎮'
    expect(foldScript(hostile)).toBe('乡' + '⿰'.repeat(100_000) + '镇')
    const r = csvEvidence(table(`id,${'⿰'.repeat(50_000)}\nfengxian,1\n`), { ...xuzhou, missing: 'zero' })
    expect(r.ok).toBe(false)
  })

  it('is built once per script', () => {
    expect(scriptConverter('simplified')).toBe(simplified)
    expect(scriptConverter('traditional')).toBe(traditional)
    expect(SCRIPTS).toEqual(['simplified', 'traditional'])
    expect(() => scriptConverter('tw' as never)).toThrow(/simplified" or "traditional/)
  })
})

describe('foldScript', () => {
  it('gives a title, its simplified form and mixtures of both one key', () => {
    expect(foldScript('鄉鎮街道抽檢比例')).toBe('乡镇街道抽检比例')
    expect(foldScript('乡镇街道抽检比例')).toBe('乡镇街道抽检比例')
    expect(foldScript('鄉镇街道抽检比例')).toBe('乡镇街道抽检比例')
    for (const [, t, s] of XUZHOU_TITLES) expect(foldScript(t)).toBe(foldScript(s))
    // variants read alike: 為 爲 为, 裡 裏 里
    expect(new Set(['為', '爲', '为'].map(foldScript))).toEqual(new Set(['为']))
    expect(new Set(['裡', '裏', '里'].map(foldScript))).toEqual(new Set(['里']))
  })

  it('normalises as exact matching does: NFKC, no white space', () => {
    expect(normaliseTitle(' 村（居） 統計\n規範化 ')).toBe('村(居)統計規範化')
    expect(foldScript(' 村（居） 統計\n規範化 ')).toBe('村(居)统计规范化')
    expect(foldScript(foldScript('村（居）統計'))).toBe(foldScript('村（居）統計'))
    expect(foldScript('townshipPassRate')).toBe('townshipPassRate')
    expect(foldScript('')).toBe('')
  })

  it('folds different titles together when only their script tells them apart', () => {
    // 幹部 (cadres) and 干部 are one word in simplified characters; so are 乾 (dry) and 干
    expect(foldScript('幹部人數')).toBe('干部人数')
    expect(foldScript('干部人數')).toBe('干部人数')
    expect(foldScript('乾部人數')).toBe('干部人数')
  })
})

// --- facts CSV ---------------------------------------------------------------------------------------------------

/** tests/fixtures/csv/xuzhou-chinese.csv with every header in simplified characters (cells as they are). */
function simplifiedFacts(): string {
  const header = ['id', '名称', '不适用', ...XUZHOU_TITLES.map(([, , s]) => s)]
  const fixture = read(FACTS).replace(/^\ufeff/, '')
  // the fixture's header ends at "regulationMeasures"; its rows give the facts in the order of XUZHOU_TITLES
  const rows = fixture.slice(fixture.indexOf('regulationMeasures') + 'regulationMeasures'.length).replace(/^\r?\n/, '')
  return `${header.join(',')}\r\n${rows}`
}

describe('CSV facts headed in either script', () => {
  it('reads a file headed in simplified characters as the one headed as the rubric writes', () => {
    const traditional = csvEvidence(table(read(FACTS)), xuzhou)
    const simplified = csvEvidence(table(simplifiedFacts()), xuzhou)
    expect(traditional.diagnostics).toEqual([])
    expect(simplified.diagnostics).toEqual([])
    if (!traditional.ok || !simplified.ok) return
    expect(simplified.value.data).toEqual(traditional.value.data)
    expect((simplified.value.data as { subjects: unknown[] }).subjects).toHaveLength(3)
  })

  it('finds each Xuzhou fact by its title in simplified characters', () => {
    for (const [name, , s] of XUZHOU_TITLES) {
      const r = csvEvidence(table(`id,${s}\nfengxian,1\n`), { ...xuzhou, missing: 'zero' })
      expect(r.ok && Object.keys((r.value.data as { subjects: { facts: object }[] }).subjects[0]!.facts)).toEqual([name])
    }
  })

  it('matches a header mixing both scripts, and the Chinese column names in either', () => {
    const r = csvEvidence(table('編号,单位名稱,不適用,乡镇街道統計機構规范化管理抽檢合格率\nfengxian,豐縣統計局,,0.875\n'), { ...xuzhou, missing: 'zero' })
    expect(r.diagnostics).toEqual([])
    if (!r.ok) return
    expect(r.value.data).toEqual({ subjects: [{ id: 'fengxian', name: '豐縣統計局', facts: { townshipPassRate: '0.875' } }] })
  })

  it('one fact given twice, in each script, is told as given twice', () => {
    const ds = failed(csvEvidence(table('id,鄉鎮街道抽檢比例,乡镇街道抽检比例\nfengxian,0.33,0.33\n'), { ...xuzhou, missing: 'zero' }))
    expect(ds.map((d) => d.message)).toEqual(['Columns 2 and 3 both give fact "townshipSamplingRatio".'])
  })

  it('suggests across scripts', () => {
    // the abbreviated title, written in simplified characters: as close to the full title as its traditional form
    const ds = failed(csvEvidence(table('id,乡镇抽检合格率\nfengxian,0.875\n'), { ...xuzhou, missing: 'zero' }))
    expect(ds[0]!.message).toBe('Column "乡镇抽检合格率" is not a fact of rubric xuzhou-statistics-2017; did you mean "townshipPassRate" (鄉鎮街道統計機構規範化管理抽檢合格率)?')
    expect(ds[0]!.hint).toContain('in simplified or traditional characters')
  })

  it('tells titles alike in simplified characters apart only when written exactly', () => {
    const rubric: EvidenceDeclarations = {
      id: 'cadres',
      missing: 'zero',
      facts: { cadres: { type: 'integer', title: '幹部人數' }, others: { type: 'integer', title: '干部人數' } },
    }
    // as the rubric writes them: each its own fact, as before
    const exact = csvEvidence(table('id,幹部人數,干部人數\na,3,4\n'), rubric)
    expect(exact.ok && exact.value.data).toEqual({ subjects: [{ id: 'a', facts: { cadres: 3, others: 4 } }] })
    // in simplified characters: either could be meant, so neither is guessed
    const ds = failed(csvEvidence(table('id,干部人数\na,3\n'), rubric))
    expect(ds).toHaveLength(1)
    expect(ds[0]).toMatchObject({ code: 'EVIDENCE_INVALID', location: { line: 1, column: 4 } })
    expect(ds[0]!.message).toBe('Column "干部人数" could be fact "cadres" (幹部人數) or fact "others" (干部人數): their titles are alike once written in simplified characters.')
  })

  it('reads two facts with one title (grain-security) by the first, in either script, as written', () => {
    // grain-security-nonproducing-2018 titles both s38Severe and s55Severe 上述问题严重: the exact header gives the
    // first, and so does the header in traditional characters (one title, not two)
    const grain = rubricOf('grain-security-nonproducing-2018')
    for (const h of ['上述问题严重', '上述問題嚴重']) {
      const r = csvEvidence(table(`id,${h}\na,是\n`), { ...grain, missing: 'zero' })
      expect(r.diagnostics).toEqual([])
      expect(r.ok && r.value.data).toEqual({ subjects: [{ id: 'a', facts: { s38Severe: true } }] })
    }
  })

  it('reads enum values in either script (grain-security\'s 有育制种大县)', () => {
    const grain = rubricOf('grain-security-nonproducing-2018')
    // the title and the value in traditional characters; the rubric writes both in simplified
    const r = csvEvidence(table('id,除海南省以外:是否有育製種大縣\na,有育製種大縣\nb,无育制种大县\nc,其他\n'), { ...grain, missing: 'zero' })
    expect(r.diagnostics).toEqual([])
    expect(r.ok && r.value.data).toEqual({
      subjects: [
        { id: 'a', facts: { seedCountyType: '有育制种大县' } },
        { id: 'b', facts: { seedCountyType: '无育制种大县' } },
        // no value alike: kept as written, for the evidence check to refuse with the values it takes
        { id: 'c', facts: { seedCountyType: '其他' } },
      ],
    })
    // two values alike: told
    const ds = failed(csvEvidence(table('id,kind\na,乾部\n'), { id: 'x', missing: 'zero', facts: { kind: { type: 'enum', title: '類別', values: ['幹部', '干部'] } } }))
    expect(ds.map((d) => d.message)).toEqual(['Line 2, column "kind" (fact "kind"): "乾部" could be "幹部" or "干部" (alike once written in simplified characters); write one of them exactly.'])
  })
})

// --- records CSV -------------------------------------------------------------------------------------------------

/** Xuzhou innovations (rubric: 工作創新創優成果, fields 名稱, 類別, 發文或採用日期), as the fixture's first lines give them. */
const INNOVATION_LINES = [
  'fengxian,innovations,鄉鎮統計站「六位一體」規範化建設季度巡查制度,innovation,2017-05-16',
  'peixian,工作創新創優成果,沛縣鄉鎮統計規範化「回頭看」做法(江蘇統計網採用),provincial-adoption,2017-06-21',
]

describe('CSV records in either script', () => {
  const traditional = csvRecords(table(['單位編號,記錄類型,名稱,類別,發文或採用日期', ...INNOVATION_LINES].join('\n')), xuzhou)

  it('reads column names, field titles and record type titles in simplified characters, or mixed', () => {
    expect(traditional.ok).toBe(true)
    if (!traditional.ok) return
    const expected = Object.fromEntries(traditional.value.bySubject)
    expect(expected.peixian).toEqual({ innovations: [{ title: '沛縣鄉鎮統計規範化「回頭看」做法(江蘇統計網採用)', kind: 'provincial-adoption', date: '2017-06-21' }] })
    const headers = ['单位编号,记录类型,名称,类别,发文或采用日期', '單位编号,记录類型,名称,類别,发文或採用日期', 'subject,record,名称,类别,发文或采用日期']
    for (const header of headers) {
      for (const type of ['工作创新创优成果', '工作創新创优成果']) {
        const text = [header, ...INNOVATION_LINES.map((l) => l.replace('工作創新創優成果', type))].join('\n')
        expect(isRecordsHeader(table(text))).toBe(true)
        const r = csvRecords(table(text), xuzhou)
        expect(r.diagnostics).toEqual([])
        expect(r.ok && Object.fromEntries(r.value.bySubject)).toEqual(expected)
      }
    }
  })

  it('suggests a record type and a field across scripts', () => {
    const ds = failed(csvRecords(table('单位编号,记录类型,名称,类,发文或采用日期\nfengxian,工作创新创优,x,innovation,2017-05-16\n'), xuzhou))
    expect(ds.map((d) => d.message)).toEqual([
      'Column "类" is not a field of any record type of rubric xuzhou-statistics-2017; did you mean "kind" (類別), a field of innovations?',
      'Line 2: "工作创新创优" is not a record type of rubric xuzhou-statistics-2017; did you mean "innovations"?',
    ])
  })

  it('tells field titles and record type titles alike in simplified characters apart only when written exactly', () => {
    const rubric: EvidenceDeclarations = {
      id: 'cadres',
      records: {
        training: { title: '幹部培訓', fields: { cadres: { type: 'integer', title: '幹部人數' }, others: { type: 'integer', title: '干部人數' } } },
        other: { title: '干部培訓', fields: { cadres: { type: 'integer', title: '幹部人數' } } },
      },
    }
    // exactly: as before
    const exact = csvRecords(table('subject,record,幹部人數,干部人數\na,幹部培訓,3,4\na,干部培訓,5,\n'), rubric)
    expect(exact.ok && Object.fromEntries(exact.value.bySubject)).toEqual({ a: { training: [{ cadres: 3, others: 4 }], other: [{ cadres: 5 }] } })
    // the field: two of training's fields are alike (other's one field alone would not be)
    const field = failed(csvRecords(table('subject,record,干部人数\na,training,3\n'), rubric))
    expect(field.map((d) => d.message)).toEqual(['Column "干部人数" could be field "cadres" (幹部人數) or field "others" (干部人數) of training: their titles are alike once written in simplified characters.'])
    // the record type, on each line that writes it
    const type = failed(csvRecords(table('subject,record,cadres\na,干部培训,3\nb,干部培训,4\n'), rubric))
    expect(type.map((d) => [d.message, d.location?.line, d.location?.column])).toEqual([
      ['Line 2: "干部培训" could be record type "training" (幹部培訓) or record type "other" (干部培訓): their titles are alike once written in simplified characters.', 2, 3],
      ['Line 3: "干部培训" could be record type "training" (幹部培訓) or record type "other" (干部培訓): their titles are alike once written in simplified characters.', 3, 3],
    ])
  })
})

// --- the command line ----------------------------------------------------------------------------------------------

describe('kaoping score with titles in simplified characters', () => {
  it('scores a facts CSV headed in simplified characters as the one headed as the rubric writes', () => {
    const expected = cli(['score', RUBRIC, FACTS])
    expect(expected.code).toBe(0)
    const r = cli(['score', RUBRIC, 'x.csv'], { 'x.csv': simplifiedFacts() })
    expect(r.code).toBe(0)
    expect(r.out).toBe(expected.out)
    // the totals (WORKED.md, as in tests/cli-commands.test.ts): tongshan 96.00, fengxian 81.03, gulou 77.43
    const json = JSON.parse(cli(['score', RUBRIC, 'x.csv', '--format', 'json'], { 'x.csv': simplifiedFacts() }).out) as { subjects: { subject: { id: string }; total: string }[] }
    expect(json.subjects.map((s) => [s.subject.id, s.total]).sort()).toEqual([
      ['fengxian', '81.03'],
      ['gulou', '77.43'],
      ['tongshan', '96.00'],
    ])
  })

  it('merges a records CSV in simplified characters as the one the rubric writes', () => {
    // examples/xuzhou-statistics-2017/evidence.yaml without its records, and its innovations from the CSV fixture:
    // headed and typed by title, as written (單位編號, 工作創新創優成果) and in simplified characters
    const yaml = parseYaml(read('examples/xuzhou-statistics-2017/evidence.yaml')) as { subjects: { records?: unknown }[] }
    const facts = JSON.stringify({ ...yaml, subjects: yaml.subjects.map(({ records: _, ...s }) => s) })
    const fixture = read(INNOVATIONS).replace(/^\ufeff/, '')
    const simplified = fixture.replace('單位編號,記錄類型,名稱,類別,發文或採用日期', '单位编号,记录类型,名称,类别,发文或采用日期').replaceAll('工作創新創優成果', '工作创新创优成果')
    expect(simplified).not.toMatch(/記錄|工作創新創優成果/)
    const totals = (records: string) => {
      const r = cli(['score', RUBRIC, 'facts.json', 'records.csv', '--format', 'json'], { 'facts.json': facts, 'records.csv': records })
      expect(r.code).toBe(0)
      return (JSON.parse(r.out) as { subjects: { subject: { id: string }; exactTotal: string; grade: string; rank: number }[] }).subjects.map((s) => [s.subject.id, s.exactTotal, s.grade, s.rank])
    }
    const expected = totals(fixture)
    // WORKED.md: fengxian 88.025, rank 6, 良好 (its 3 innovations counted)
    expect(expected).toContainEqual(['fengxian', '88.025', '良好', 6])
    expect(totals(simplified)).toEqual(expected)
  })
})
