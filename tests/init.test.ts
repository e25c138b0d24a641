// `kaoping init` in-process, on real directories: what it writes, that the scaffold is valid and its tests pass (the
// commands run on the written files, as a user runs them next), that it never overwrites unless told to, and that
// what it is given (a directory, an id, a title) is checked first. And `kaoping schema --rubric`, which tells an
// editor where the rubric schema is.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, isAbsolute, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { CliIo } from '../src/cli/io'
import { run } from '../src/cli/run'
import { rubricSchemaPath } from '../src/cli/schema'
import { checkRubricText } from '../src/cli/validate'
import { VERSION } from '../src/cli/version'

const root = join(__dirname, '..')
const scratch = mkdtempSync(join(tmpdir(), 'kaoping-init-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

let made = 0
/** A new directory path under the scratch directory (not created), named `name`. */
const fresh = (name = 'rubric-repo'): string => join(scratch, `${++made}`, name)

interface Ran {
  code: number
  out: string
  err: string
}

/**
 * Runs the CLI on the real file system as if started in `cwd` (relative paths are taken from there). Files are
 * written as the installed command writes them: to a temporary file, renamed over the file when complete.
 * `mkdir: false` leaves out the directory maker, as an io without one would.
 */
function kaoping(argv: string[], cwd: string, options: { mkdir?: boolean } = {}): Ran {
  let out = ''
  let err = ''
  const at = (p: string) => (isAbsolute(p) ? p : join(cwd, p))
  const io: CliIo & { mkdir?(path: string): void } = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readFile: (p) => readFileSync(at(p), 'utf8'),
    readBytes: (p) => readFileSync(at(p)),
    exists: (p) => existsSync(at(p)),
    realpath: (p) => realpathSync(at(p)),
    // `*` in the last segment is all these tests need (`rubrics/*.test.yaml`, kaoping test's default)
    glob: (pattern) => {
      if (!pattern.includes('*')) return [pattern]
      const dir = dirname(pattern)
      const re = new RegExp('^' + basename(pattern).replace(/\./g, '\\.').replace(/\*/g, '.*') + '$')
      return existsSync(at(dir)) ? readdirSync(at(dir)).filter((f) => re.test(f)).sort().map((f) => `${dir}/${f}`) : []
    },
    create: (path) => {
      const temp = `${at(path)}.partial`
      let text = ''
      return {
        write: (t) => void (text += t),
        writeBytes: (b) => void (text += Buffer.from(b).toString('utf8')),
        commit: () => {
          writeFileSync(temp, text, { flag: 'wx' })
          renameSync(temp, at(path))
        },
        abort: () => rmSync(temp, { force: true }),
      }
    },
  }
  if (options.mkdir !== false) io.mkdir = (p) => void mkdirSync(at(p), { recursive: true })
  const code = run(argv, io)
  return { code, out, err }
}

/** Every file under dir, relative, with `/`. */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1).split('\\').join('/'))
    .sort()
}

const SCAFFOLD = (id: string) =>
  [
    '.github/workflows/kaoping.yml',
    '.gitignore',
    '.vscode/extensions.json',
    '.vscode/settings.json',
    'README.md',
    'evidence/example.yaml',
    'package.json',
    `rubrics/${id}.test.yaml`,
    `rubrics/${id}.yaml`,
  ].sort()

describe('kaoping init: the scaffold', () => {
  const dir = fresh('city-statistics')
  let ran: Ran
  beforeAll(() => void (ran = kaoping(['init', dir], scratch)))
  const file = (rel: string) => readFileSync(join(dir, rel), 'utf8')

  it('creates the directory and writes every file, listing them', () => {
    expect(ran).toMatchObject({ code: 0, err: '' })
    expect(tree(dir)).toEqual(SCAFFOLD('city-statistics'))
    for (const rel of SCAFFOLD('city-statistics')) expect(ran.out).toContain(`  ${rel}\n`)
    expect(ran.out).toContain('npm install')
  })

  it('takes the rubric id and the package name from the directory', () => {
    expect(parse(file('rubrics/city-statistics.yaml')).id).toBe('city-statistics')
    expect(JSON.parse(file('package.json')).name).toBe('city-statistics')
  })

  it('starts the rubric with the modeline to the schema in node_modules/kaoping, a path that exists once it is installed', () => {
    const first = file('rubrics/city-statistics.yaml').split('\n')[0]
    expect(first).toBe('# yaml-language-server: $schema=../node_modules/kaoping/schemas/rubric.schema.json')
    // relative to the rubric's directory, as editors resolve it
    const target = resolve(dir, 'rubrics', first!.split('$schema=')[1]!)
    expect(target).toBe(join(dir, 'node_modules', 'kaoping', 'schemas', 'rubric.schema.json'))
    // the file ships in the package (tests/consumer.test.ts installs the packed tarball and follows the path)
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).files).toContain('schemas')
  })

  it('pins the running kaoping as a devDependency, private, with the validate and test scripts', () => {
    const pkg = JSON.parse(file('package.json'))
    expect(pkg).toMatchObject({
      private: true,
      devDependencies: { kaoping: VERSION },
      scripts: { validate: "kaoping validate 'rubrics/**/*.yaml'", test: 'kaoping test' },
    })
    expect(pkg.dependencies).toBeUndefined()
  })

  it('writes a workflow that installs with npm ci and runs the installed kaoping, never npx --yes', () => {
    const text = file('.github/workflows/kaoping.yml')
    expect(text).not.toMatch(/--yes|\s-y\b/)
    const wf = parse(text)
    expect(wf.on).toEqual(['push', 'pull_request'])
    const steps = wf.jobs.rubrics.steps as Array<Record<string, unknown>>
    expect(steps[0]).toEqual({ uses: 'actions/checkout@v4' })
    expect(steps[1]).toMatchObject({ uses: 'actions/setup-node@v4', with: { 'node-version': 20 } })
    // npx --no: in CI npx assumes --yes, and --no turns a missing install into an error rather than a download
    expect(steps.slice(2).map((s) => s.run)).toEqual(['npm ci', "npx --no kaoping validate 'rubrics/**/*.yaml' --format github", 'npx --no kaoping test --format github'])
  })

  it('maps the schema to the rubrics (not their test files) in VS Code and recommends the YAML extension', () => {
    expect(JSON.parse(file('.vscode/settings.json'))['yaml.schemas']).toEqual({
      './node_modules/kaoping/schemas/rubric.schema.json': ['rubrics/**/*.yaml', '!rubrics/**/*.test.yaml'],
    })
    expect(JSON.parse(file('.vscode/extensions.json'))).toEqual({ recommendations: ['redhat.vscode-yaml'] })
  })

  it('writes a README in Chinese and English and a .gitignore', () => {
    const readme = file('README.md')
    for (const s of ['npm install', 'npm run validate', 'npm test', 'npx kaoping score rubrics/city-statistics.yaml evidence/example.yaml', '安装', '检查', '测试', '评分'])
      expect(readme).toContain(s)
    expect(file('.gitignore')).toBe('node_modules/\n')
  })

  it('writes a rubric that validates with no diagnostic at all', () => {
    expect(checkRubricText(file('rubrics/city-statistics.yaml'), 'rubrics/city-statistics.yaml')).toEqual([])
    expect(kaoping(['validate', 'rubrics/city-statistics.yaml'], dir)).toEqual({ code: 0, out: '1 file checked: 0 errors, 0 warnings\n', err: '' })
  })

  it('writes test cases that pass (kaoping test, as npm test runs it)', () => {
    const r = kaoping(['test'], dir)
    expect(r.err).toBe('')
    expect(r.out).toContain('3 passed, 0 failed')
    expect(r.code).toBe(0)
  })

  it('writes evidence that scores as the tests say', () => {
    const r = kaoping(['score', 'rubrics/city-statistics.yaml', 'evidence/example.yaml', '--format', 'json'], dir)
    expect(r.code).toBe(0)
    const subjects = (JSON.parse(r.out) as { subjects: Array<{ subject: { id: string }; total: string; grade: string }> }).subjects
    expect(subjects.map((s) => [s.subject.id, s.total, s.grade])).toEqual([
      ['a', '96.00', '优秀'],
      ['b', '63.00', '合格'],
    ])
  })
})

describe('kaoping init: never overwrites unless told to', () => {
  it('refuses when the files exist, lists them, and changes nothing', () => {
    const dir = fresh()
    expect(kaoping(['init', dir], scratch).code).toBe(0)
    writeFileSync(join(dir, 'README.md'), 'mine\n')
    const r = kaoping(['init', dir], scratch)
    expect(r.code).toBe(1)
    expect(r.out).toBe('')
    for (const rel of SCAFFOLD('rubric-repo')) expect(r.err).toContain(`  ${rel}\n`)
    expect(r.err).toContain('--force')
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('mine\n')
  })

  it('refuses when only one file exists, and writes none of the others', () => {
    const dir = fresh()
    mkdirSync(join(dir, '.vscode'), { recursive: true })
    writeFileSync(join(dir, '.vscode', 'settings.json'), '{ "editor.tabSize": 2 }\n')
    const r = kaoping(['init', dir], scratch)
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/this file exists .*\n  \.vscode\/settings\.json\n$/)
    expect(tree(dir)).toEqual(['.vscode/settings.json'])
  })

  it('keeps files it does not write (an existing repository gets the scaffold beside them)', () => {
    const dir = fresh()
    mkdirSync(join(dir, 'rubrics'), { recursive: true })
    writeFileSync(join(dir, 'rubrics', 'other.yaml'), 'kaoping: 1\n')
    expect(kaoping(['init', dir], scratch).code).toBe(0)
    expect(readFileSync(join(dir, 'rubrics', 'other.yaml'), 'utf8')).toBe('kaoping: 1\n')
  })

  it('overwrites with --force, and says how many it overwrote', () => {
    const dir = fresh()
    kaoping(['init', dir], scratch)
    writeFileSync(join(dir, 'rubrics', 'rubric-repo.yaml'), 'broken: [\n')
    const r = kaoping(['init', dir, '--force'], scratch)
    expect(r.code).toBe(0)
    expect(r.out).toContain(`(${SCAFFOLD('x').length} overwritten)`)
    expect(readFileSync(join(dir, 'rubrics', 'rubric-repo.yaml'), 'utf8')).toMatch(/^# yaml-language-server: /)
    // no temporary file is left behind
    expect(tree(dir)).toEqual(SCAFFOLD('rubric-repo'))
  })

  it('scaffolds the current directory by default', () => {
    const dir = fresh('Assessment Rules 2025')
    mkdirSync(dir, { recursive: true })
    const r = kaoping(['init'], dir)
    expect(r.code).toBe(0)
    expect(r.out).not.toContain('cd ')
    expect(tree(dir)).toEqual(SCAFFOLD('assessment-rules-2025'))
  })
})

describe('kaoping init: what it is given', () => {
  it('makes a valid id of the directory name', () => {
    for (const [name, id] of [
      ['My_Rubrics  2025', 'my-rubrics-2025'],
      ['2025-rubrics', 'rubric-2025-rubrics'],
      ['考评办法', 'rubric'],
      ['ＡＢＣ 考评', 'abc'],
      ['x'.repeat(80), 'x'.repeat(64)],
    ]) {
      const dir = fresh(name)
      expect(kaoping(['init', dir], scratch).code, name).toBe(0)
      expect(tree(dir), name).toContain(`rubrics/${id}.yaml`)
    }
  })

  it('takes --id and --title; the rubric stays valid and its tests name it', () => {
    const dir = fresh()
    const title = '2025年度"目标"考核: #1 细则'
    expect(kaoping(['init', dir, '--id', 'county-targets-2025', '--title', title], scratch).code).toBe(0)
    const text = readFileSync(join(dir, 'rubrics', 'county-targets-2025.yaml'), 'utf8')
    expect(parse(text)).toMatchObject({ id: 'county-targets-2025', title })
    expect(checkRubricText(text, 'x.yaml')).toEqual([])
    expect(parse(readFileSync(join(dir, 'rubrics', 'county-targets-2025.test.yaml'), 'utf8')).rubric).toBe('county-targets-2025')
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toMatchObject({ name: 'rubric-repo', description: title })
    expect(readFileSync(join(dir, 'README.md'), 'utf8').split('\n')[0]).toBe(`# ${title}`)
    expect(kaoping(['test'], dir).code).toBe(0)
  })

  it('refuses an id that is not a rubric id, before writing anything', () => {
    for (const id of ['Bad_Id', '../escape', 'a--b', '-a', 'a-', '1abc', 'x'.repeat(65), '', 'a\u001b[31m']) {
      const dir = fresh()
      const r = kaoping(['init', dir, '--id', id], scratch)
      expect(r.code, id).toBe(2)
      expect(r.err, id).toContain('--id must be lower-case ASCII')
      expect(r.err, id).not.toContain('\u001b')
      expect(existsSync(dir), id).toBe(false)
    }
  })

  it('refuses a title that is empty or holds control characters', () => {
    for (const [title, message] of [
      ['  ', '--title is empty'],
      ['标题\n第二行', '--title contains control characters'],
      ['\u202e标题', '--title contains control characters'],
      ['字'.repeat(2001), '--title is longer than 2000 characters'],
    ]) {
      const dir = fresh()
      const r = kaoping(['init', dir, '--title', title!], scratch)
      expect(r.code).toBe(2)
      expect(r.err).toContain(message)
      expect(existsSync(dir)).toBe(false)
    }
  })

  it('refuses a directory name with control characters, and never echoes them', () => {
    const dir = join(scratch, 'evil\u001b]0;title\u0007')
    const r = kaoping(['init', dir], scratch)
    expect(r.code).toBe(2)
    expect(r.err).toContain('the directory name contains control characters')
    expect(r.err).not.toMatch(/[\u0007\u001b]/)
    expect(existsSync(dir)).toBe(false)
  })

  it('tells how to change into the directory, quoted for the shell when it must be', () => {
    const dir = fresh("it's 考评 $HOME")
    const r = kaoping(['init', dir], scratch)
    expect(r.code).toBe(0)
    expect(r.out).toContain(`  cd '${dir.replace("'", "'\\''")}'\n`)
  })

  it('refuses two directories, and unknown options', () => {
    expect(kaoping(['init', 'a', 'b'], scratch)).toMatchObject({ code: 2, err: expect.stringContaining('give one directory') })
    expect(kaoping(['init', '--overwrite'], scratch)).toMatchObject({ code: 2, err: expect.stringContaining('unknown option --overwrite') })
  })

  it('needs an io that makes directories, and says so', () => {
    const dir = fresh()
    const r = kaoping(['init', dir], scratch, { mkdir: false })
    expect(r.code).toBe(2)
    expect(r.err).toContain('init needs to create directories and files')
    expect(existsSync(dir)).toBe(false)
  })

  it('prints its help', () => {
    const r = kaoping(['init', '--help'], scratch)
    expect(r.code).toBe(0)
    for (const s of ['Usage: kaoping init [dir]', '--id', '--title', '--force', 'rubrics/<id>.test.yaml', '.vscode/settings.json']) expect(r.out).toContain(s)
  })
})

describe('kaoping schema --rubric', () => {
  const shipped = join(root, 'schemas', 'rubric.schema.json')

  it('prints the path of the rubric schema of the running kaoping, a file that exists', () => {
    const r = kaoping(['schema', '--rubric'], scratch)
    expect(r).toMatchObject({ code: 0, err: '' })
    const path = r.out.trimEnd()
    expect(r.out).toBe(`${path}\n`)
    expect(existsSync(path)).toBe(true)
    expect(realpathSync(path)).toBe(realpathSync(shipped))
  })

  it('prints the schema itself with --print: the shipped file, byte for byte', () => {
    const r = kaoping(['schema', '--rubric', '--print'], scratch)
    expect(r.code).toBe(0)
    expect(r.out).toBe(readFileSync(shipped, 'utf8'))
  })

  it('finds the package root from the installed layout (dist/cli.cjs) and from a link to it, and only a kaoping root', () => {
    const fakeIo = (files: Record<string, string>): CliIo => ({
      stdout: () => undefined,
      stderr: () => undefined,
      readFile: (p) => {
        if (!Object.hasOwn(files, p)) throw new Error(`ENOENT ${p}`)
        return files[p]!
      },
      exists: (p) => Object.hasOwn(files, p),
      glob: (p) => [p],
    })
    const pkg = '/consumer/node_modules/kaoping'
    const io = fakeIo({ [`${pkg}/package.json`]: '{"name":"kaoping"}', [`${pkg}/schemas/rubric.schema.json`]: '{}' })
    expect(rubricSchemaPath(io, [`${pkg}/dist/cli.cjs`])).toEqual({ path: `${pkg}/schemas/rubric.schema.json` })
    // the first start leads nowhere (a bundle elsewhere), the second (the script) to the package
    expect(rubricSchemaPath(io, ['/elsewhere/bin/x.cjs', `${pkg}/dist/cli.cjs`])).toEqual({ path: `${pkg}/schemas/rubric.schema.json` })
    // a package of another name with a schemas/ folder is not taken for kaoping
    const other = fakeIo({ '/p/package.json': '{"name":"not-kaoping"}', '/p/schemas/rubric.schema.json': '{}', '/p/package.json.bak': '' })
    expect(rubricSchemaPath(other, ['/p/dist/cli.cjs'])).toEqual({ looked: ['/p/dist'] })
  })

  it('refuses --print without --rubric, and a file with --rubric', () => {
    expect(kaoping(['schema', '--print'], scratch)).toMatchObject({ code: 2, err: expect.stringContaining('--print goes with --rubric') })
    expect(kaoping(['schema', '--rubric', 'rubrics/x.yaml'], scratch)).toMatchObject({ code: 2, err: expect.stringContaining('--rubric takes no file') })
  })

  it('documents --rubric and --print in its help', () => {
    const r = kaoping(['schema', '--help'], scratch)
    expect(r.out).toContain('kaoping schema --rubric [--print]')
    expect(r.out).toContain('docs/editor.md')
  })
})
