/** kaoping score --script (issue 11): the table, CSV and Markdown printed in simplified or traditional characters. */
import { describe, expect, it } from 'vitest'
import { cli } from './support/cli'

const RUBRIC = 'rubrics/xuzhou-statistics-2017.yaml'
const EVIDENCE = 'examples/xuzhou-statistics-2017/evidence.yaml'

describe('kaoping score --script', () => {
  it('csv in simplified: the fixed headers, the item titles, the names and the grades; ids as written', () => {
    const r = cli(['score', RUBRIC, EVIDENCE, '--format', 'csv', '--no-bom', '--script', 'simplified'])
    expect(r.code).toBe(0)
    const lines = r.out.split('\r\n')
    // 編號 → 编号, 名稱 → 名称, 總分 → 总分, 資格 → 资格 (排名, 等次 are the same in both); 重點 → 重点, 環節 → 环节, 創新創優 → 创新创优
    expect(lines[0]).toBe('排名,编号,名称,总分,等次,资格,(一)重点目标考评,(二)工作环节考评,(三)工作创新创优考评')
    // 銅山區統計局 → 铜山区统计局; 優秀 → 优秀; 不合格 stays
    expect(lines[1]).toBe('1,tongshan,铜山区统计局,106.00,优秀,true,50,46,10')
    expect(lines[11]).toBe('11,jiawang,贾汪区统计局,50.00,不合格,true,21,27,2')
  })

  it('the table in simplified: the rubric title, headers, names and grades', () => {
    const out = cli(['score', RUBRIC, EVIDENCE, '--script', 'simplified']).out
    expect(out.split('\n')[0]).toBe('2017年统计基层基础工作考评办法 [xuzhou-statistics-2017]  as of 2017-12-31')
    expect(out).toMatch(/^ +2 +pizhou +邳州市统计局 +101\.00 \/ 110 +优秀 +yes$/m)
    expect(out).toContain('name 名称')
  })

  it('traditional leaves the shipped (traditional) rubric\'s text as it is', () => {
    const plain = cli(['score', RUBRIC, EVIDENCE, '--format', 'markdown']).out
    expect(cli(['score', RUBRIC, EVIDENCE, '--format', 'markdown', '--script', 'traditional']).out).toBe(plain)
  })

  it('misuse is a usage error', () => {
    expect(cli(['score', RUBRIC, EVIDENCE, '--script', 'pinyin']).err).toContain('--script must be simplified or traditional, not "pinyin"')
    const json = cli(['score', RUBRIC, EVIDENCE, '--format', 'json', '--script', 'simplified'])
    expect(json.code).toBe(2)
    expect(json.err).toContain('--script goes with table, csv, markdown or xlsx')
  })
})
