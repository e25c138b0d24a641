// The shipped rubrics as code (src/api/shipped-rubrics.ts, the `kaoping/shipped` entry): the committed copy must be
// current, and each id must load the rubric its file holds, with diagnostics that name the file in the package.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadRubric } from '../src/index'
import { shippedRubrics } from '../src/api/shipped-rubrics'
import { loadShippedRubric, shippedRubricIds, shippedRubricText } from '../src/shipped'

const root = join(__dirname, '..')
const files = readdirSync(join(root, 'rubrics')).filter((f) => f.endsWith('.yaml') && !f.endsWith('.test.yaml')).sort()
const read = (f: string) => readFileSync(join(root, 'rubrics', f), 'utf8')

describe('src/api/shipped-rubrics.ts', () => {
  it('is what `npm run shipped` generates from rubrics/*.yaml (run it if this fails)', () => {
    expect(shippedRubrics).toEqual(Object.fromEntries(files.map((f) => [f.slice(0, -'.yaml'.length), read(f)])))
  })
})

describe('shippedRubricIds', () => {
  it('lists the rubrics of rubrics/ by file name, sorted, without the test cases (*.test.yaml)', () => {
    expect(shippedRubricIds()).toEqual([
      'bozhou-county-target-2009',
      'bozhou-safety-2009',
      'grain-security-nonproducing-2018',
      'hubei-archives-2011',
      'linxi-learning-org',
      'shicheng-river-chief-townships-2018',
      'xiangdong-civil-affairs-publicity',
      'xuzhou-statistics-2017',
    ])
    expect(shippedRubricIds()).toEqual(files.map((f) => f.replace(/\.yaml$/, '')))
  })

  it('gives a new list each time: changing it changes nothing shipped', () => {
    shippedRubricIds().pop()
    expect(shippedRubricIds()).toHaveLength(files.length)
  })
})

describe('shippedRubricText', () => {
  it("is the file's text, byte for byte", () => {
    expect(shippedRubricText('xuzhou-statistics-2017')).toBe(read('xuzhou-statistics-2017.yaml'))
  })

  it('is undefined for an unknown id, a test file, a path, an inherited name or a value that is not a string', () => {
    for (const id of ['nope', 'xuzhou-statistics-2017.test', 'xuzhou-statistics-2017.yaml', 'rubrics/xuzhou-statistics-2017', 'constructor', '__proto__', 'toString'])
      expect(shippedRubricText(id), id).toBeUndefined()
    expect(shippedRubricText(42 as unknown as string)).toBeUndefined()
  })
})

describe('loadShippedRubric', () => {
  it('loads the Xuzhou 2017 method', () => {
    const r = loadShippedRubric('xuzhou-statistics-2017')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.rubric.id).toBe('xuzhou-statistics-2017')
    expect(r.value.rubric.title).toBe('2017年統計基層基礎工作考評辦法')
    expect(r.value.rubric.issuer).toBe('徐州市統計局')
  })

  for (const id of shippedRubricIds()) {
    it(`loads ${id} as loadRubric loads rubrics/${id}.yaml, its id the file's name`, () => {
      const r = loadShippedRubric(id)
      const direct = loadRubric(read(`${id}.yaml`), { file: `rubrics/${id}.yaml` })
      expect(r.ok && direct.ok).toBe(true)
      if (!r.ok || !direct.ok) return
      expect(r.value.rubric.id).toBe(id)
      expect(r.value.rubric).toEqual(direct.value.rubric)
    })
  }

  it('names kaoping/rubrics/<id>.yaml in diagnostics, with the line in that file', () => {
    const r = loadShippedRubric('xuzhou-statistics-2017', { limits: { maxItems: 3 } })
    expect(r.ok).toBe(false)
    expect(r.diagnostics).toMatchObject([{ code: 'LIMIT_EXCEEDED', path: ['items'], location: { file: 'kaoping/rubrics/xuzhou-statistics-2017.yaml', line: 147, column: 3 } }])
  })

  it("passes loadRubric's options on, and options.file wins", () => {
    const r = loadShippedRubric('xuzhou-statistics-2017', { file: 'vendor/xuzhou.yaml', limits: { maxItems: 3 } })
    expect(r.diagnostics[0]?.location?.file).toBe('vendor/xuzhou.yaml')
  })

  it('answers an unknown id with OPTION_INVALID naming the ids there are', () => {
    const r = loadShippedRubric('xuzhou-statistics-2018')
    expect(r).toMatchObject({ ok: false, diagnostics: [{ code: 'OPTION_INVALID', severity: 'error' }] })
    expect(r.diagnostics).toHaveLength(1)
    const message = r.diagnostics[0]!.message
    expect(message).toContain('"xuzhou-statistics-2018"')
    for (const id of shippedRubricIds()) expect(message).toContain(id)
    expect(r.diagnostics[0]!.hint).toContain('shippedRubricIds()')
  })

  it('answers an id or options of the wrong type with OPTION_INVALID, without throwing', () => {
    expect(loadShippedRubric(undefined as unknown as string).diagnostics).toMatchObject([{ code: 'OPTION_INVALID', message: expect.stringContaining('an id that is undefined') }])
    expect(loadShippedRubric(null as unknown as string).diagnostics).toMatchObject([{ code: 'OPTION_INVALID', message: expect.stringContaining('an id that is null') }])
    expect(loadShippedRubric('xuzhou-statistics-2017', null as never).diagnostics).toMatchObject([{ code: 'OPTION_INVALID', message: expect.stringContaining('options of loadShippedRubric') }])
  })
})
