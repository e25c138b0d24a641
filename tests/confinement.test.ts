/**
 * `kaoping test`: a test file's `file:` must stay inside the test file's directory, after `..` and symbolic links
 * are resolved. Anything else is refused with SCHEMA_INVALID_VALUE located at the `file:` value, and nothing of the
 * target is printed: each target holds a marker string, and the marker must not appear in stdout or stderr.
 *
 * Layout, in a fresh temporary directory (real files, real links, the real-fs io with `realpath`):
 *
 *   <tmp>/outside.yaml          the target outside: a YAML syntax error on the marker's line, so that reading it
 *                               would quote the marker (the control test below shows that it does)
 *   <tmp>/tests/mini.yaml       tests/fixtures/cli/mini-v1.yaml, copied: the legitimate rubric
 *   <tmp>/tests/link.yaml       → ../outside.yaml   (a link to a file outside)
 *   <tmp>/tests/sub             → ..                (a link to the directory above)
 *   <tmp>/tests/alias.yaml      → mini.yaml         (a link that stays inside: allowed)
 *   <tmp>/tests/x.test.yaml     the test file, rewritten for each case
 *
 * The test file is always `rubric: mini-method-2020` on line 1 and `file: <path>` on line 2, so the diagnostic is at
 * 2:7 (after the six characters `file: `).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli/run'
import type { CliIo } from '../src/cli/io'

const MARKER = 'KAOPING-CONFINEMENT-MARKER-5d1e7b'
// the colon-less second line and the unclosed bracket make YAML_SYNTAX errors that quote the lines around them
const OUTSIDE = `id: ${MARKER}\n${MARKER} [unclosed\n`
// mini-v1.test.yaml works it out: 0.875 is 2.5 steps short of 0.9, ⌈2.5⌉ = 3 → spot-check 6 − 3 = 3;
// registration 4; review 9; coverage 0.55 → 5: 3 + 4 + 9 + 5 = 21
const CASE = 'cases:\n  - name: p\n    subject: { id: p, facts: { passRate: 0.875, registered: true, judged: 9, coverage: 0.55 } }\n    expect: { p: { total: 21 } }\n'

let tmp = ''
let dir = ''
let testFile = ''

beforeAll(() => {
  tmp = realpathSync(mkdtempSync(join(tmpdir(), 'kaoping-confine-')))
  dir = join(tmp, 'tests')
  mkdirSync(dir)
  writeFileSync(join(tmp, 'outside.yaml'), OUTSIDE)
  writeFileSync(join(dir, 'mini.yaml'), readFileSync(join(__dirname, 'fixtures/cli/mini-v1.yaml'), 'utf8'))
  symlinkSync('../outside.yaml', join(dir, 'link.yaml'))
  symlinkSync('..', join(dir, 'sub'))
  symlinkSync('mini.yaml', join(dir, 'alias.yaml'))
  testFile = join(dir, 'x.test.yaml')
})

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

/** The io of the real command (src/cli/main.ts): the real file system, `realpath` included unless `lexical`. */
function realIo(lexical = false): { io: CliIo; output: () => { out: string; err: string } } {
  let out = ''
  let err = ''
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (p) => readFileSync(p, 'utf8'),
    readBytes: (p) => readFileSync(p),
    size: (p) => statSync(p).size,
    exists: existsSync,
    glob: (p) => [p],
  }
  if (!lexical) io.realpath = (p) => realpathSync(p)
  return { io, output: () => ({ out, err }) }
}

/** Runs `kaoping test` on the test file naming `file`. */
function runWith(file: string, lexical = false): { code: number; out: string; err: string } {
  writeFileSync(testFile, `rubric: mini-method-2020\nfile: ${file}\n${CASE}`)
  const { io, output } = realIo(lexical)
  const code = run(['test', testFile], io)
  return { code, ...output() }
}

const header = (named: string, why: string) =>
  `${testFile}:2:7: error SCHEMA_INVALID_VALUE "file" must name a file inside the test file's directory; "${named}" ${why}.`

describe('kaoping test: file: stays inside the test file\'s directory', () => {
  it('control: the outside file, read, would print the marker (so its absence below means something)', () => {
    writeFileSync(join(dir, 'copy.yaml'), OUTSIDE)
    const r = runWith('copy.yaml')
    expect(r.code).toBe(1)
    expect(r.err).toContain(MARKER)
  })

  for (const [what, named, why] of [
    ['a path climbing out with ../', '../outside.yaml', 'leads out of it'],
    ['a path climbing out after a detour', 'nested/../../outside.yaml', 'leads out of it'],
    ['the directory itself', '.', 'names the directory itself'],
  ] as const) {
    it(`refuses ${what}: located at the value, with a hint, exit 1, nothing of the target`, () => {
      const r = runWith(named)
      expect(r.code).toBe(1)
      expect(r.err.split('\n').slice(0, 3)).toEqual([header(named, why), `  2 | file: ${named}`, `    |       ${'^'.repeat(named.length)}`])
      expect(r.err).toMatch(/\n {2}hint: Give the rubric file's path relative to the test file, inside its directory/)
      expect(r.out).toBe(`✗ ${testFile}: not run: "file" must name a file inside the test file's directory; "${named}" ${why}.\n0 passed, 1 failed\n`)
      expect(r.out + r.err).not.toContain(MARKER)
    })
  }

  it('refuses an absolute path, even one inside the directory', () => {
    for (const named of [join(tmp, 'outside.yaml'), join(dir, 'mini.yaml'), '/proc/self/environ']) {
      const r = runWith(named)
      expect(r.code).toBe(1)
      expect(r.err.split('\n')[0]).toBe(header(named, 'is an absolute path'))
      expect(r.out + r.err).not.toContain(MARKER)
      expect(r.out).toContain('0 passed, 1 failed')
    }
  })

  it('refuses a symbolic link to a file outside, and a path through a linked directory', () => {
    for (const named of ['link.yaml', 'sub/outside.yaml']) {
      const r = runWith(named)
      expect(r.code).toBe(1)
      expect(r.err.split('\n')[0]).toBe(header(named, 'leads out of it through a symbolic link'))
      expect(r.out + r.err).not.toContain(MARKER)
    }
  })

  it('refuses the rubric beside a test file (no file:) when it is a symbolic link out of the directory', () => {
    // link.test.yaml tests link.yaml beside it; link.yaml → ../outside.yaml: refused before it is read
    const linked = join(dir, 'link.test.yaml')
    writeFileSync(linked, `rubric: mini-method-2020\n${CASE}`)
    const { io, output } = realIo()
    const code = run(['test', linked], io)
    const r = output()
    expect(code).toBe(1)
    expect(r.err).toContain('error SCHEMA_INVALID_VALUE The rubric beside the test file, link.yaml, leads out of it through a symbolic link')
    expect(r.out + r.err).not.toContain(MARKER)
  })

  it('without realpath in the io, the check is on the path as written: ../ and absolute paths are still refused', () => {
    for (const [named, why] of [
      ['../outside.yaml', 'leads out of it'],
      [join(tmp, 'outside.yaml'), 'is an absolute path'],
    ] as const) {
      const r = runWith(named, true)
      expect(r.code).toBe(1)
      expect(r.err.split('\n')[0]).toBe(header(named, why))
      expect(r.out + r.err).not.toContain(MARKER)
    }
  })

  it('a missing file inside is reported as missing, as before', () => {
    const r = runWith('nothing.yaml')
    expect(r.code).toBe(1)
    expect(r.err).toContain(`${testFile}:2:7: error OPTION_INVALID The rubric file ${join(dir, 'nothing.yaml')} does not exist.`)
  })

  it('a relative file inside works: beside the test file, through an inner ./ and .., and a link that stays inside', () => {
    for (const named of ['mini.yaml', './nested/../mini.yaml', 'alias.yaml']) {
      const r = runWith(named)
      expect(r.err).toBe('')
      expect(r.out).toBe('✓ p\n1 passed, 0 failed\n')
      expect(r.code).toBe(0)
    }
  })
})
