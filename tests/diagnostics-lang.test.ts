// Diagnostics in Chinese and English from one catalogue (src/diagnostics/codes.ts, templates.ts, localize.ts), the
// language of the command line (src/cli/lang.ts), and the rule that after a YAML syntax error only the first is
// reported, at its cause (src/load/yaml-syntax.ts), on every path that reads a rubric or YAML evidence.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { codes, type Code } from '../src/diagnostics/codes'
import { diagnose, makeDiagnostic, type Diagnostic } from '../src/diagnostics/diagnostic'
import { formatDiagnostic, formatDiagnostics } from '../src/diagnostics/format'
import { hintIn, messageIn } from '../src/diagnostics/localize'
import { loadRubric } from '../src/api/load-rubric'
import { checkRubricText } from '../src/cli/validate'
import { langFrom, langOfEnv } from '../src/cli/lang'
import { UsageError, type CliIo } from '../src/cli/io'
import { Reporter } from '../src/cli/reporter'
import { readEvidence } from '../src/load/evidence'
import { parseYamlSource } from '../src/load/source'

const root = join(__dirname, '..')
const read = (f: string) => readFileSync(join(root, f), 'utf8')
const CJK = /[\u4e00-\u9fff]/

describe('the catalogue in Chinese', () => {
  it('gives every code a Chinese title and hint', () => {
    for (const [code, info] of Object.entries(codes) as [Code, (typeof codes)[Code]][]) {
      expect(info.zh.title, code).toMatch(CJK)
      expect(info.zh.hint, code).toMatch(CJK)
      expect(info.zh.title.trim(), code).toBe(info.zh.title)
    }
  })

  it('renders the templated codes in both languages', () => {
    const templated = (Object.keys(codes) as Code[]).filter((c) => (codes[c] as { message?: unknown }).message !== undefined)
    expect(templated).toEqual(expect.arrayContaining(['YAML_SYNTAX', 'YAML_DUPLICATE_KEY', 'SCHEMA_UNKNOWN_KEY', 'SCHEMA_MISSING_KEY', 'SCHEMA_INVALID_TYPE', 'SCHEMA_INVALID_VALUE', 'UNKNOWN_FACT', 'DUPLICATE_ID']))
  })
})

describe('formatDiagnostic in Chinese', () => {
  const validated = (f: string) => {
    const text = read(f)
    return { text, ds: checkRubricText(text, f) }
  }

  it('prints a templated code wholly in Chinese: SCHEMA_UNKNOWN_KEY with its suggestion', () => {
    const { text, ds } = validated('tests/fixtures/invalid/schema-unknown-key.yaml')
    const d = ds.find((x) => x.code === 'SCHEMA_UNKNOWN_KEY')!
    const [head, , , hint] = formatDiagnostic(d, text, { lang: 'zh' }).split('\n')
    expect(head).toMatch(/^tests\/fixtures\/invalid\/schema-unknown-key\.yaml:\d+:\d+: 错误 SCHEMA_UNKNOWN_KEY 未知的键“\w+”；是不是想写“\w+”？这里允许的键：/)
    expect(hint).toBe(`  建议：${codes.SCHEMA_UNKNOWN_KEY.zh.hint}`)
    // the English is what it was: made from the same params
    expect(formatDiagnostic(d, text).split('\n')[0]).toMatch(/ error SCHEMA_UNKNOWN_KEY Unknown key "\w+"; did you mean "\w+"\? Allowed here: /)
  })

  it('prints UNKNOWN_FACT in Chinese, with its suggestion or the facts declared', () => {
    const { text, ds } = validated('tests/fixtures/invalid/unknown-fact.yaml')
    expect(formatDiagnostic(ds.find((d) => d.code === 'UNKNOWN_FACT')!, text, { lang: 'zh' })).toBe(
      [
        'tests/fixtures/invalid/unknown-fact.yaml:15:11: 错误 UNKNOWN_FACT 事实“townshipPassrate”没有声明（用在 deduct item "township-spot-check"）。是不是想写“townshipPassRate”？',
        '  15 |     fact: townshipPassrate',
        '     |           ^^^^^^^^^^^^^^^^',
        '  建议：在 facts 下声明这个事实，或改正引用处的拼写。',
      ].join('\n'),
    )
    const several = validated('tests/fixtures/invalid/several-problems.yaml').ds.find((d) => d.message.includes('workLinks'))!
    expect(messageIn(several, 'zh')).toBe(
      '事实“workLinks”没有声明（用在 judged item "work-links"）。已声明的事实：townshipPassRate、townshipSamplingRatio、chiefStatisticianRate、virtualSurveyTeam。',
    )
  })

  it('prints a code without a template as its Chinese title, the English detail in parentheses: BAND_GAP', () => {
    const { text, ds } = validated('tests/fixtures/invalid/band-gap.yaml')
    const d = ds.find((x) => x.code === 'BAND_GAP')!
    const zh = formatDiagnostic(d, text, { lang: 'zh' }).split('\n')
    expect(zh[0]).toBe(`tests/fixtures/invalid/band-gap.yaml:${d.location!.line}:${d.location!.column}: 错误 BAND_GAP 分档之间留了空档：落在空档里的数值得不到分数（${d.message}）`)
    // its hint is the call site's own, in English, after the catalogue's Chinese hint
    expect(zh[3]).toBe(`  建议：把相邻的一档延伸过来，或加一档覆盖这个空档（${d.hint}）`)
  })

  it('prints the severity, the subject and related places in Chinese; the code and the place stay', () => {
    const d: Diagnostic = { ...makeDiagnostic('EVIDENCE_MISSING_ZEROED', 'No value for fact rate; scored as 0.'), file: 'evidence.yaml', subject: 'gulou' }
    expect(formatDiagnostic(d, undefined, { lang: 'zh' })).toBe(
      'evidence.yaml: 警告 EVIDENCE_MISSING_ZEROED [单位 gulou] 缺少的证据按 0 计分（No value for fact rate; scored as 0.）\n' +
        '  建议：如果有这项证据，请补上；本考评办法对缺少的证据按 0 计分。',
    )
    const dup = diagnose('DUPLICATE_ID', { id: 'a', what: 'item', firstWhat: 'item' }, { file: 'r.yaml', location: { line: 9, column: 9 }, related: [{ message: 'First defined here.', location: { line: 3, column: 9 } }] })
    expect(formatDiagnostic(dup, undefined, { lang: 'zh' })).toBe(
      'r.yaml:9:9: 错误 DUPLICATE_ID 这个评分项目的编号“a”已被另一个评分项目使用。\n  建议：每个评分项目、参数、事实和等次都要有自己唯一的编号。\n  相关：第一次定义在这里。 (r.yaml:3:9)',
    )
    expect(formatDiagnostic(dup)).toBe(
      'r.yaml:9:9: error DUPLICATE_ID The id "a" of this item is already used by another item.\n  hint: Give every item, param, fact and grade a unique id.\n  related: First defined here. (r.yaml:3:9)',
    )
    const info = { ...makeDiagnostic('QUOTA_NEEDS_COHORT', 'Graded by thresholds only.'), severity: 'info' as const }
    expect(formatDiagnostic(info, undefined, { lang: 'zh' }).split('\n')[0]).toBe('<input>: 提示 QUOTA_NEEDS_COHORT 名额只能在全部被考评单位中一起确定（Graded by thresholds only.）')
    // what is not kaoping's (a code or severity of another program) is printed as it is
    const foreign = { code: 'constructor', severity: 'toString', message: 'm', related: [{ message: 'constructor' }] } as unknown as Diagnostic
    expect(formatDiagnostic(foreign, undefined, { lang: 'zh' })).toBe('<input>: toString constructor m\n  相关：constructor')
  })

  it('falls back to the title when a templated message was changed after it was made', () => {
    const d = diagnose('SCHEMA_MISSING_KEY', { key: 'max' })
    const changed = { ...d, message: `${d.message} (in item "a")` }
    expect(messageIn(d, 'zh')).toBe('缺少键“max”。')
    expect(messageIn(changed, 'zh')).toBe('缺少必需的键（Missing key "max". (in item "a")）')
    expect(hintIn({ ...d, hint: `${codes.SCHEMA_MISSING_KEY.hint} It is required since version 2.` }, 'zh')).toBe('补上缺少的键。（It is required since version 2.）')
  })

  it('keeps English the default, byte for byte, and JSON data in English with params', () => {
    const { text, ds } = validated('tests/fixtures/invalid/several-problems.yaml')
    expect(formatDiagnostics(ds, text, { lang: 'en' })).toBe(formatDiagnostics(ds, text))
    const unknown = JSON.parse(JSON.stringify(validated('tests/fixtures/invalid/schema-unknown-key.yaml').ds.find((d) => d.code === 'SCHEMA_UNKNOWN_KEY')))
    expect(unknown.message).toMatch(/^Unknown key/)
    expect(unknown.params).toMatchObject({ key: expect.any(String), allowed: expect.any(Array) })
  })

  it('the Reporter prints text in the language of its io', () => {
    let err = ''
    const io = { stdout: () => undefined, stderr: (t: string) => void (err += t), readFile: () => '', exists: () => false, glob: () => [], lang: 'zh' } as CliIo
    const reporter = new Reporter(io)
    for (let i = 0; i < 22; i++) reporter.print({ ...makeDiagnostic('UNUSED_FACT', `The fact "f${i}" is declared but nothing uses it.`), file: 'r.yaml' })
    reporter.close()
    expect(err).toContain('r.yaml: 警告 UNUSED_FACT 声明了事实，但没有用到（The fact "f0" is declared but nothing uses it.）\n  建议：')
    expect(err).toContain('r.yaml: 另有 2 条 UNUSED_FACT 没有显示（共 22 条，前 20 条见上）。\n')
  })
})

describe('docs/diagnostics.md in both languages', () => {
  it('gives every code its Chinese title and hint, and each example as --lang zh prints it', () => {
    const doc = read('docs/diagnostics.md')
    for (const [code, info] of Object.entries(codes) as [Code, (typeof codes)[Code]][]) {
      expect(doc, code).toContain(info.zh.title)
      expect(doc, code).toContain(info.zh.hint)
    }
    expect(doc).toContain('`kaoping validate --lang zh` prints:')
    expect(doc).toContain('tests/fixtures/invalid/yaml-syntax-tab.yaml:10:1: 错误 YAML_SYNTAX 这一行用制表符（Tab）缩进')
  })
})

describe('langFrom: --lang zh|en, else the environment', () => {
  it('reads LC_ALL, then LC_MESSAGES, then LANG: the first set decides; zh… is Chinese', () => {
    expect(langOfEnv({})).toBe('en')
    expect(langOfEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh')
    expect(langOfEnv({ LANG: 'zh_TW.UTF-8' })).toBe('zh')
    expect(langOfEnv({ LANG: 'en_US.UTF-8' })).toBe('en')
    expect(langOfEnv({ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh')
    expect(langOfEnv({ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).toBe('en')
    expect(langOfEnv({ LC_ALL: '', LC_MESSAGES: 'zh_CN', LANG: 'C' })).toBe('zh')
    expect(langOfEnv({ LC_MESSAGES: 'POSIX', LANG: 'zh_CN.UTF-8' })).toBe('en')
  })

  it('takes --lang anywhere before --, removes it, and lets the last win', () => {
    expect(langFrom(['validate', 'r.yaml'], { LANG: 'zh_CN.UTF-8' })).toEqual({ argv: ['validate', 'r.yaml'], lang: 'zh' })
    expect(langFrom(['--lang', 'zh', 'validate', 'r.yaml'], {})).toEqual({ argv: ['validate', 'r.yaml'], lang: 'zh' })
    expect(langFrom(['validate', 'r.yaml', '--lang=en'], { LANG: 'zh_CN.UTF-8' })).toEqual({ argv: ['validate', 'r.yaml'], lang: 'en' })
    expect(langFrom(['score', '--lang', 'en', 'r.yaml', '--lang', 'zh', 'e.yaml'], {})).toEqual({ argv: ['score', 'r.yaml', 'e.yaml'], lang: 'zh' })
    expect(langFrom(['validate', '--', '--lang', 'zh'], {})).toEqual({ argv: ['validate', '--', '--lang', 'zh'], lang: 'en' })
    // a language already worked out (the io's) stands in for the environment; --lang still wins
    expect(langFrom(['validate', 'r.yaml'], { LANG: 'en_US.UTF-8' }, 'zh')).toEqual({ argv: ['validate', 'r.yaml'], lang: 'zh' })
    expect(langFrom(['validate', '--lang', 'en'], {}, 'zh').lang).toBe('en')
  })

  it('refuses another value, or none, as a usage error', () => {
    expect(() => langFrom(['validate', '--lang', 'fr'], {})).toThrow(UsageError)
    expect(() => langFrom(['validate', '--lang', 'fr'], {})).toThrow('--lang must be zh or en, not "fr"')
    expect(() => langFrom(['validate', '--lang'], {})).toThrow('option --lang needs a value: zh or en')
    expect(() => langFrom(['--lang=\u001b[31m'], {})).toThrow('not "\\x1b[31m"')
  })
})

describe('after a YAML syntax error, the first alone, at its cause', () => {
  const xuzhou = read('rubrics/xuzhou-statistics-2017.yaml')
  const lines = xuzhou.split('\n')
  const at = (n: number) => lines.findIndex((l) => l === '    type: rounding') + n
  const changed = (i: number, line: string) => lines.map((l, j) => (j === i ? line : l)).join('\n')
  // line 17 of the rubric is `    type: rounding`, the first key under params.spotCheckRounding
  const row = at(0)
  const cases = {
    tab: changed(row, '\ttype: rounding'),
    tabAfterSpaces: changed(row, '  \ttype: rounding'),
    indentOneMore: changed(row, '     type: rounding'),
    indentOneLess: changed(row + 1, '   default: ceil'),
    unclosedQuote: changed(lines.findIndex((l) => l.startsWith('title: ')), 'title: "2017年統計基層基礎工作考評辦法'),
    noSpace: changed(row, '    type:rounding'),
    fullWidth: changed(row, '    type：rounding'),
    topIndent: changed(1, ' kaoping: 1'),
  }
  const only = (text: string) => {
    const ds = checkRubricText(text, 'x.yaml')
    expect(ds).toHaveLength(1)
    return ds[0]!
  }
  const where = (d: Diagnostic) => [d.code, d.location?.line, d.location?.column, d.params?.cause, d.params?.more]

  it('a tab: its line and column, with a hint that YAML indents with spaces', () => {
    const d = only(cases.tab)
    expect(where(d)).toEqual(['YAML_SYNTAX', row + 1, 1, 'tab', 18])
    expect(d.message).toBe('A tab indents this line: YAML indents with spaces, never with tabs. 18 more YAML errors follow from this one; fix it and check again.')
    expect(d.hint).toBe('Replace the tab with 4 spaces, as the lines around it are indented (an editor can be set to insert spaces for the Tab key).')
    expect(formatDiagnostic(d, cases.tab, { lang: 'zh' })).toBe(
      [
        `x.yaml:${row + 1}:1: 错误 YAML_SYNTAX 这一行用制表符（Tab）缩进：YAML 只能用空格缩进，不能用制表符。后面还有 18 个 YAML 错误是由这一处引起的；请先改正这一处，再重新检查。`,
        `  ${row + 1} | \ttype: rounding`,
        '     | ^',
        '  建议：把制表符换成 4 个空格，与上下行对齐（可以把编辑器设置为按 Tab 键时插入空格）。',
      ].join('\n'),
    )
    // a tab after spaces: the tab's own column
    expect(where(only(cases.tabAfterSpaces)).slice(0, 4)).toEqual(['YAML_SYNTAX', row + 1, 3, 'tab'])
  })

  it('a line indented one space too far or too little: that line, not the lines the parser stumbles on', () => {
    const more = only(cases.indentOneMore)
    expect(where(more)).toEqual(['YAML_SYNTAX', row + 1, 6, 'indent', 3])
    expect(more.message).toBe('The indentation goes wrong on this line: it is indented by 5 spaces, where the lines around it need 4. 3 more YAML errors follow from this one; fix it and check again.')
    expect(where(only(cases.indentOneLess))).toEqual(['YAML_SYNTAX', row + 2, 4, 'indent', expect.any(Number)])
    // the second line indented by one: the parser stops on the third and fails on 1,522 more
    const top = only(cases.topIndent)
    expect(where(top)).toEqual(['YAML_SYNTAX', 2, 2, 'indent', 1522])
    expect(top.message).toMatch(/indented by 1 space, where the lines around it start in the first column\. 1,522 more YAML errors follow/)
  })

  it('an unclosed quote: the opening quote', () => {
    const d = only(cases.unclosedQuote)
    expect(where(d)).toEqual(['YAML_SYNTAX', 4, 8, 'unclosed-quote', undefined])
    expect(d.message).toBe('The " that opens this text is not closed.')
  })

  it('a missing space after a colon, and a full-width colon', () => {
    const d = only(cases.noSpace)
    expect(where(d).slice(0, 4)).toEqual(['YAML_SYNTAX', row + 1, 9, 'colon-space'])
    expect(d.hint).toBe('Write a space after the colon: "type: rounding".')
    const f = only(cases.fullWidth)
    expect(where(f).slice(0, 4)).toEqual(['YAML_SYNTAX', row + 1, 9, 'fullwidth-colon'])
    expect(messageIn(f, 'zh')).toBe('“type”后面的冒号是全角的“：”，YAML 会把这一行当作一段文字，而不是键“type”和它的值。')
  })

  it('on every path that reads YAML: loadRubric, validate, YAML evidence', () => {
    const loaded = loadRubric(cases.tab, { file: 'x.yaml' })
    expect(loaded.ok).toBe(false)
    expect(loaded.diagnostics.map(where)).toEqual([['YAML_SYNTAX', row + 1, 1, 'tab', 18]])
    const evidence = 'subjects:\n  - id: gulou\n    facts:\n\t  rate: 0.9\n      count: 3\n  - id: tongshan\n'
    const r = readEvidence(evidence, 'evidence.yaml')
    expect(r.ok).toBe(false)
    expect(r.diagnostics.map((d) => [d.code, d.location?.line, d.location?.column, d.params?.cause])).toEqual([['YAML_SYNTAX', 4, 1, 'tab']])
    // no schema, reference or lint errors after a syntax error, and no keys given twice
    const both = 'kaoping: 1\nid: x\nid: y\nitems:\n  - kind: check\n   id: a\n'
    expect(parseYamlSource(both).diagnostics.map((d) => d.code)).toEqual(['YAML_SYNTAX'])
  })

  it('a file without syntax errors reports its other YAML problems as before', () => {
    const dup = parseYamlSource('a: 1\nb: 2\na: 3\nb: 4\n', { file: 'd.yaml' })
    expect(dup.diagnostics.map((d) => [d.code, d.location?.line, d.message])).toEqual([
      ['YAML_DUPLICATE_KEY', 3, 'Duplicate key "a": map keys must be unique.'],
      ['YAML_DUPLICATE_KEY', 4, 'Duplicate key "b": map keys must be unique.'],
    ])
  })
})

describe('--lang on the command line', () => {
  it('validate --lang zh prints the tab error in Chinese; --lang en (or none) in English; another value is a usage error', async () => {
    const { cli } = await import('./support/cli')
    const file = 'tests/fixtures/invalid/yaml-syntax-tab.yaml'
    // the file's line 10 is indented with a tab: one error, at the tab (10:1), the 4 that follow from it counted
    const zh = cli(['validate', file, '--lang', 'zh'])
    expect(zh.code).toBe(1)
    expect(zh.err).toContain(`${file}:10:1: 错误 YAML_SYNTAX 这一行用制表符（Tab）缩进：YAML 只能用空格缩进，不能用制表符。后面还有 4 个 YAML 错误是由这一处引起的`)
    const en = cli(['--lang', 'en', 'validate', file])
    expect(en.err).toContain(`${file}:10:1: error YAML_SYNTAX`)
    expect(cli(['validate', file]).err).toBe(en.err)
    const bad = cli(['validate', file, '--lang', 'fr'])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('--lang must be zh or en, not "fr"')
  })
})
