// The coverage tables of rubrics/README.md (issue #3: clause → rubric id path → test that covers it) must not drift
// from the code. For every table with a "rubric id path" and a "test" column, this checks that
//   - every rubric id path written in backticks exists in the section's rubric: items by id anywhere in the tree,
//     gates, quotas, money.rewards, money.penalties, deductions, subjects.list and notes by id (or `about`),
//     grades.thresholds and grades.quotas by grade, params, facts and records by name; `path: value` also checks the
//     value; a `*` matches any key or element (and must match at least one);
//   - every test named in the test column exists: T «…» in the section's test file (an it/test/describe title),
//     K «…» a case of the rubric's .test.yaml (`kaoping test`), E «…» the section's shipped example or one of its
//     subjects, `tests/….test.ts` «…» a test in that file.
// The conventions are described at the top of rubrics/README.md.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const root = join(__dirname, '..')
const readme = readFileSync(join(root, 'rubrics', 'README.md'), 'utf8')

// --- the README: sections, their declarations and tables -----------------------------------------------------

interface Row {
  line: number
  cells: string[]
}

interface Table {
  line: number
  header: string[]
  rows: Row[]
}

interface Section {
  title: string
  line: number
  rubrics: string[]
  examples: string[]
  tests: string[]
  tables: Table[]
}

/** Splits a Markdown table row into cells: `|` separates cells except inside backticks or after a backslash. */
function cellsOf(line: string): string[] {
  const cells: string[] = []
  let cur = ''
  let code = false
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '')
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!
    if (ch === '\\' && body[i + 1] === '|') {
      cur += '|'
      i++
    } else if (ch === '`') {
      code = !code
      cur += ch
    } else if (ch === '|' && !code) {
      cells.push(cur.trim())
      cur = ''
    } else cur += ch
  }
  cells.push(cur.trim())
  return cells
}

function parseReadme(text: string): Section[] {
  const lines = text.split('\n')
  const sections: Section[] = []
  let section: Section | undefined
  let fence = false
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (/^```/.test(line)) fence = !fence
    if (fence) continue
    if (/^## /.test(line)) {
      section = { title: line.slice(3).trim(), line: i + 1, rubrics: [], examples: [], tests: [], tables: [] }
      sections.push(section)
      continue
    }
    if (!section) continue
    const decl = /^- \*\*(Rubrics?|Examples?|Tests?):\*\*(.*)$/.exec(line)
    if (decl) {
      // the declaration, with its continuation lines (indented)
      let text = decl[2]!
      while (/^ {2}\S/.test(lines[i + 1] ?? '')) text += ' ' + lines[++i]!.trim()
      const paths = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)
      if (decl[1]!.startsWith('Rubric')) section.rubrics.push(...paths.filter((p) => /^rubrics\/[^/]+(?<!\.test)\.yaml$/.test(p)))
      else if (decl[1]!.startsWith('Example')) section.examples.push(...paths.filter((p) => /^examples\/[^/]+\/$/.test(p)))
      else section.tests.push(...paths.filter((p) => /\.test\.ts$/.test(p)))
      continue
    }
    if (/^\|/.test(line) && /^\|[\s:|-]+\|\s*$/.test(lines[i + 1] ?? '')) {
      const table: Table = { line: i + 1, header: cellsOf(line).map((h) => h.toLowerCase()), rows: [] }
      i += 2
      while (i < lines.length && /^\|/.test(lines[i]!)) {
        table.rows.push({ line: i + 1, cells: cellsOf(lines[i]!) })
        i++
      }
      i--
      section.tables.push(table)
    }
  }
  return sections
}

// --- rubric id paths ------------------------------------------------------------------------------------------

type Json = unknown
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v)
const own = (o: Record<string, Json>, k: string) => Object.prototype.hasOwnProperty.call(o, k)

/** Every item below a list of items (depth first), sections included. */
function descendants(items: Json): Record<string, Json>[] {
  const out: Record<string, Json>[] = []
  const walk = (list: Json) => {
    if (!Array.isArray(list)) return
    for (const i of list) {
      if (!isObject(i)) continue
      out.push(i)
      walk(i.items)
    }
  }
  walk(items)
  return out
}

const isItemList = (v: Json) => Array.isArray(v) && v.length > 0 && v.every((x) => isObject(x) && typeof x.kind === 'string')
const globRe = (seg: string) => new RegExp(`^${seg.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)

/** One element of a list by index, or by its id, grade, about or name. */
function pick(list: Json[], sel: string): Json[] {
  if (/^\d+$/.test(sel)) return list.length > Number(sel) ? [list[Number(sel)]] : []
  return list.filter((x) => isObject(x) && (x.id === sel || x.grade === sel || x.about === sel || x.name === sel))
}

/** One step of a path from one value: a key, an element, or (for items) an item anywhere below. */
function step(cur: Json, seg: string): Json[] {
  if (seg.includes('*')) {
    const re = globRe(seg)
    if (Array.isArray(cur)) return seg === '*' ? [...cur] : cur.filter((x) => isObject(x) && typeof x.id === 'string' && re.test(x.id))
    if (isObject(cur)) return Object.keys(cur).filter((k) => re.test(k)).map((k) => cur[k])
    return []
  }
  if (Array.isArray(cur)) {
    if (isItemList(cur)) return descendants(cur).filter((i) => i.id === seg)
    return pick(cur, seg)
  }
  if (isObject(cur)) {
    if (own(cur, seg)) return [cur[seg]]
    // an item's own items, at any depth
    if (typeof cur.kind === 'string' && Array.isArray(cur.items)) return descendants(cur.items).filter((i) => i.id === seg)
  }
  return []
}

/** `a.b[sel].c` → ['a', 'b', '[sel]', 'c']. */
function segments(path: string): string[] {
  const out: string[] = []
  for (const m of path.matchAll(/([^.[\]]+)|\[([^\]]+)\]/g)) out.push(m[1] !== undefined ? m[1] : `[${m[2]}]`)
  return out
}

function resolve(doc: Json, path: string): Json[] {
  let cur: Json[] = [doc]
  for (const seg of segments(path)) {
    const sel = /^\[(.*)\]$/.exec(seg)
    cur = cur.flatMap((c) => (sel ? (Array.isArray(c) ? pick(c, sel[1]!) : []) : step(c, seg)))
    if (cur.length === 0) return []
  }
  return cur
}

const same = (a: Json, b: Json): boolean => JSON.stringify(a) === JSON.stringify(b)

/** Problems with one backticked rubric path (or `path: value`), or none. */
function checkPath(doc: Json, token: string): string | undefined {
  const m = /^([^:\s]+):\s+(.+)$/.exec(token)
  const path = m ? m[1]! : token
  if (!/^[A-Za-z*][\w*-]*(?:(?:\.[\w*-]+)|(?:\[[^\]]+\]))*$/.test(path)) return `\`${token}\` is not a rubric id path`
  const found = resolve(doc, path)
  if (found.length === 0) return `\`${path}\` is not in the rubric`
  if (m) {
    const want = parse(m[2]!) as Json
    const bad = found.filter((v) => !same(v, want))
    if (bad.length) return `\`${path}\` is ${JSON.stringify(bad[0])}, not ${JSON.stringify(want)}`
  }
  return undefined
}

// --- tests named ------------------------------------------------------------------------------------------------

interface Titles {
  exact: Set<string>
  patterns: RegExp[]
  text: string
}

const titlesCache = new Map<string, Titles | undefined>()

/** The titles of every it/test/describe in a test file; template titles become patterns. */
function titlesOf(file: string): Titles | undefined {
  if (titlesCache.has(file)) return titlesCache.get(file)
  const full = join(root, file)
  let t: Titles | undefined
  if (existsSync(full)) {
    const text = readFileSync(full, 'utf8')
    t = { exact: new Set(), patterns: [], text }
    const call = /\b(?:it|test|describe)(?:\.(?:only|skip|todo|concurrent))?\(\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`)/g
    const unescape = (s: string) => s.replace(/\\(.)/g, '$1')
    for (const m of text.matchAll(call)) {
      if (m[1] !== undefined) t.exact.add(unescape(m[1]))
      else if (m[2] !== undefined) t.exact.add(unescape(m[2]))
      else if (m[3] !== undefined) {
        const parts = m[3].split(/\$\{[^}]*\}/)
        if (parts.length === 1) t.exact.add(unescape(m[3]))
        else t.patterns.push(new RegExp(`^${parts.map((p) => unescape(p).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(.+?)')}$`))
      }
    }
  }
  titlesCache.set(file, t)
  return t
}

/** Whether a test of this name is in the file: a literal title, or a template title whose filled-in parts are in the file. */
function hasTest(file: string, name: string): boolean {
  const t = titlesOf(file)
  if (!t) return false
  if (t.exact.has(name)) return true
  return t.patterns.some((re) => {
    const m = re.exec(name)
    return m !== null && m.slice(1).every((part) => t.text.includes(part))
  })
}

interface Ref {
  source: string
  name: string
}

/** The tests a cell names: a marker (T, K, E or a backticked test file) followed by one or more «names». */
function refsOf(cell: string): { refs: Ref[]; orphans: string[] } {
  const refs: Ref[] = []
  const orphans: string[] = []
  let source: string | undefined
  for (const m of cell.matchAll(/`([^`]+\.test\.ts)`|(?<![\w-])([TKE])(?=:?\s*«)|«([^»]+)»/g)) {
    if (m[1] !== undefined) source = m[1]
    else if (m[2] !== undefined) source = m[2]
    else if (source === undefined) orphans.push(m[3]!)
    else refs.push({ source, name: m[3]! })
  }
  return { refs, orphans }
}

// --- the checks -------------------------------------------------------------------------------------------------

const sections = parseReadme(readme)
const coverage = sections.filter((s) => s.tables.some((t) => t.header.some((h) => h.includes('rubric id path'))))

const rubricDocs = new Map<string, Json>()
function rubricDoc(path: string): Json {
  if (!rubricDocs.has(path)) rubricDocs.set(path, parse(readFileSync(join(root, path), 'utf8')))
  return rubricDocs.get(path)
}

function exampleSubjects(dir: string): string[] {
  const file = join(root, dir, 'expected.json')
  if (!existsSync(file)) return []
  const expected = JSON.parse(readFileSync(file, 'utf8')) as { subjects?: { id: string }[] }
  return (expected.subjects ?? []).map((s) => s.id)
}

const exampleId = (dir: string) => dir.replace(/\/$/, '').split('/').pop()!

describe('rubrics/README.md coverage tables', () => {
  it('hold a table for each of the five documents and each further method encoded', () => {
    // the five seed documents, and the two further target methods of issue 10 (粮食安全省长责任制考核 2018 非产区;
    // 石城县 2018 河长制湖长制乡镇考核)
    expect(coverage.length).toBe(7)
    for (const s of coverage) {
      expect(s.rubrics.length, `${s.title}: declares its rubric`).toBeGreaterThan(0)
      for (const r of s.rubrics) expect(existsSync(join(root, r)), `${s.title}: ${r} exists`).toBe(true)
      for (const e of s.examples) expect(existsSync(join(root, e, 'expected.json')), `${s.title}: ${e}expected.json exists`).toBe(true)
      for (const t of s.tests) expect(existsSync(join(root, t)), `${s.title}: ${t} exists`).toBe(true)
    }
  })

  it('every shipped example is run by tests/examples.test.ts (E «…» names one, or one of its subjects)', () => {
    // the example ids come from the examples/ folder, so the title is a template: `${id}: the result equals expected.json`
    expect(titlesOf('tests/examples.test.ts')?.patterns.some((re) => re.test('xuzhou-statistics-2017: the result equals expected.json'))).toBe(true)
  })

  for (const s of coverage) {
    describe(s.title, () => {
      const tables = s.tables.filter((t) => t.header.some((h) => h.includes('rubric id path')))
      const rows = tables.flatMap((t) => {
        const pathCol = t.header.findIndex((h) => h.includes('rubric id path'))
        const testCol = t.header.findIndex((h) => h.startsWith('test'))
        return t.rows.map((r) => ({ line: r.line, clause: r.cells[0] ?? '', paths: r.cells[pathCol] ?? '', tests: r.cells[testCol] ?? '', width: r.cells.length, want: t.header.length }))
      })

      it('every row has every column, and a test or "—" with the reason there is none', () => {
        const bad: string[] = []
        for (const r of rows) {
          if (r.width !== r.want) bad.push(`line ${r.line}: ${r.width} cells, the header has ${r.want}`)
          const { refs, orphans } = refsOf(r.tests)
          if (orphans.length) bad.push(`line ${r.line}: «${orphans[0]}» has no T, K, E or test file before it`)
          if (refs.length === 0 && !r.tests.startsWith('—')) bad.push(`line ${r.line} (${r.clause}): no test named, and no "—" saying why`)
          if (r.paths === '') bad.push(`line ${r.line} (${r.clause}): the rubric id path cell is empty (write — for none)`)
        }
        expect(bad).toEqual([])
      })

      it('every rubric id path exists in the rubric', () => {
        const ids = new Map(s.rubrics.map((p) => [(rubricDoc(p) as { id: string }).id, p]))
        const bad: string[] = []
        let checked = 0
        for (const r of rows) {
          let rubric = s.rubrics[0]!
          for (const m of r.paths.matchAll(/`([^`]+)`/g)) {
            const token = m[1]!
            if (ids.has(token)) {
              rubric = ids.get(token)!
              continue
            }
            checked++
            const problem = checkPath(rubricDoc(rubric), token)
            if (problem) bad.push(`line ${r.line} (${r.clause}): ${problem} (${rubric})`)
          }
        }
        expect(bad).toEqual([])
        expect(checked).toBeGreaterThan(0)
      })

      it('every test named exists', () => {
        const subjects = new Map(s.examples.flatMap((e) => exampleSubjects(e).map((id) => [id, e] as const)))
        const exampleIds = new Set(s.examples.map(exampleId))
        const cases = new Set(
          s.rubrics.flatMap((p) => {
            const file = join(root, p.replace(/\.yaml$/, '.test.yaml'))
            return existsSync(file) ? ((parse(readFileSync(file, 'utf8')) as { cases?: { name: string }[] }).cases ?? []).map((c) => c.name) : []
          }),
        )
        const bad: string[] = []
        let checked = 0
        for (const r of rows) {
          for (const { source, name } of refsOf(r.tests).refs) {
            checked++
            const where = `line ${r.line} (${r.clause})`
            if (source === 'T') {
              if (!s.tests.some((f) => hasTest(f, name))) bad.push(`${where}: no test «${name}» in ${s.tests.join(', ') || '(no Tests declared)'}`)
            } else if (source === 'K') {
              if (!cases.has(name)) bad.push(`${where}: no kaoping test case «${name}» beside ${s.rubrics.join(', ')}`)
            } else if (source === 'E') {
              if (!exampleIds.has(name) && !subjects.has(name)) bad.push(`${where}: «${name}» is neither an example (${[...exampleIds].join(', ')}) nor one of its subjects`)
            } else if (!existsSync(join(root, source))) bad.push(`${where}: no test file ${source}`)
            else if (!hasTest(source, name)) bad.push(`${where}: no test «${name}» in ${source}`)
          }
        }
        expect(bad).toEqual([])
        expect(checked).toBeGreaterThan(0)
      })
    })
  }
})

describe('the checker itself', () => {
  const doc = {
    id: 'r',
    params: { aFaultPoints: { type: 'number', default: 1 } },
    items: [{ kind: 'section', id: 'sec', max: 10, items: [{ kind: 'check', id: 'leaf', max: 10, fact: 'f', notApplicable: 'rescale' }] }],
    grades: { order: ['甲'], thresholds: [{ grade: '甲', min: 60 }] },
    notes: [{ about: '說明', note: 'n' }],
  }
  it('resolves items anywhere, lists by id, grade or about, keys, globs and values', () => {
    for (const ok of ['items.leaf', 'items.sec.leaf', 'items.sec.leaf.notApplicable: rescale', 'grades.thresholds[甲].min: 60', 'notes[說明]', 'params.*FaultPoints', 'items.*.max: 10'])
      expect(checkPath(doc, ok), ok).toBeUndefined()
    for (const bad of ['items.nope', 'items.leaf.sec', 'grades.thresholds[乙]', 'notes[其他]', 'params.*Nothing', 'items.leaf.notApplicable: zero', 'a b'])
      expect(checkPath(doc, bad), bad).toBeDefined()
  })
  it('reads T, K, E and file markers, and «names» without one', () => {
    expect(refsOf('T «a»; «b»; K «c»; E «d» (note); `tests/x.test.ts` «e»').refs).toEqual([
      { source: 'T', name: 'a' },
      { source: 'T', name: 'b' },
      { source: 'K', name: 'c' },
      { source: 'E', name: 'd' },
      { source: 'tests/x.test.ts', name: 'e' },
    ])
    expect(refsOf('see «x»').orphans).toEqual(['x'])
  })
  it('finds literal and template test titles', () => {
    expect(hasTest('tests/examples.test.ts', 'there is at least one example')).toBe(true)
    expect(hasTest('tests/examples.test.ts', 'no such test')).toBe(false)
    expect(hasTest('tests/rubrics/bozhou-safety-2009.test.ts', '二: one fault in affairs → area 9, Q1 99')).toBe(true)
    expect(hasTest('tests/rubrics/bozhou-safety-2009.test.ts', '二: one fault in nowhere → area 9, Q1 99')).toBe(false)
  })
})
