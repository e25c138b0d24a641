// The package as importing systems and CI get it: the tarball `npm pack` makes, linted by publint and
// @arethetypeswrong/cli, then installed into a new project that requires and imports it by its package paths.
//
// The tarball is packed from a copy of the repository in a temporary directory, not from the repository itself: packing
// runs `prepare`, which rebuilds dist/, and other test files run the built bin (dist/cli.cjs) at the same time. The copy
// holds what the package is made of (package.json's `files`, without dist) and what the build reads (src/, the tsup and
// TypeScript configs), taken from the working tree, with a link to the repository's node_modules for the build tools.
// Copying by that list, not by `git ls-files`, needs no git and leaves out stray files of the working tree.
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = join(__dirname, '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; files: string[]; exports: Record<string, unknown> }

interface Ran {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * The environment of the commands: without the `npm_*` variables of an enclosing `npm test` or `npx`, which npm would
 * read as its own configuration (`npm_config_local_prefix` names the repository), except how to reach the registry.
 */
const keep = /^npm_config_(registry|cache|userconfig|cafile|strict_ssl|proxy|https_proxy|noproxy)$/i
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => (!/^npm_/i.test(k) || keep.test(k)) && k !== 'INIT_CWD'))

/** Runs a command to its end (asynchronously, so that independent ones overlap). */
function run(command: string, args: string[], cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0', NO_UPDATE_NOTIFIER: '1' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', (e) => resolve({ code: -1, stdout, stderr: stderr + String(e) }))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** A devDependency's command (not `npx`, which would fetch a package of that name were it missing). */
const bin = (name: string) => join(root, 'node_modules', '.bin', name)

const must = (what: string, r: Ran): Ran => {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.stderr}\n${r.stdout}`)
  return r
}

let tmp: string
let packStdout: string
let dryRunStdout: string
let files: string[]
let publint: Ran
let attw: Ran
let consumer: string
let builtShipped: string

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'kaoping-package-'))
  const repo = join(tmp, 'repo')
  const inputs = ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'tsup.config.ts', 'src', ...pkg.files.filter((f) => f !== 'dist')]
  for (const f of inputs) if (existsSync(join(root, f))) cpSync(join(root, f), join(repo, f), { recursive: true })
  symlinkSync(join(root, 'node_modules'), join(repo, 'node_modules'), 'dir')

  // With scripts (prepare builds dist/ in the copy), whatever the user's npm configuration says.
  const pack = must('npm pack', await run('npm', ['pack', '--json', '--ignore-scripts=false', '--pack-destination', tmp], repo))
  packStdout = pack.stdout
  const [entry] = JSON.parse(packStdout) as { filename: string; files: { path: string }[] }[]
  const tarball = join(tmp, entry!.filename)
  files = entry!.files.map((f) => f.path)
  builtShipped = readFileSync(join(repo, 'dist', 'shipped.js'), 'utf8')

  consumer = join(tmp, 'consumer')
  mkdirSync(consumer)
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'commonjs' }))
  // Independent: the two linters read the tarball while npm installs it (and its dependencies, from the registry).
  const [dry, lint, types, install] = await Promise.all([
    run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], repo),
    run(bin('publint'), ['run', tarball, '--strict'], root),
    run(bin('attw'), [tarball, '--profile', 'strict', '--format', 'json'], root),
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], consumer),
  ])
  dryRunStdout = must('npm pack --dry-run', dry).stdout
  publint = lint
  attw = types
  must('npm install <tarball>', install)
}, 300_000)

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

/** Runs a CommonJS or ES module script in the consumer project and returns what it printed as JSON. */
async function inConsumer(script: string, type: 'commonjs' | 'module'): Promise<Record<string, unknown>> {
  const r = must(`node (${type})`, await run(process.execPath, ['--input-type', type, '-e', script], consumer))
  return JSON.parse(r.stdout) as Record<string, unknown>
}

describe('npm pack --json', () => {
  it('prints only JSON on stdout, with the build (prepare) and without it (--ignore-scripts)', () => {
    expect(() => JSON.parse(packStdout)).not.toThrow()
    expect(() => JSON.parse(dryRunStdout)).not.toThrow()
  })
})

describe('the tarball', () => {
  it('ships what the docs point to: examples/, SECURITY.md, bench/results.md', () => {
    expect(files).toContain('SECURITY.md')
    expect(files).toContain('bench/results.md')
    expect(files).toContain('examples/xuzhou-statistics-2017/evidence.yaml')
    expect(files).toContain('examples/xuzhou-statistics-2017/WORKED.md')
  })

  it('ships the schema, every rubric and both entries (ESM, CommonJS, types)', () => {
    expect(files).toContain('schemas/rubric.schema.json')
    expect(files).toContain('rubrics/xuzhou-statistics-2017.yaml')
    expect(files.filter((f) => /^rubrics\/[^/]+\.yaml$/.test(f) && !f.endsWith('.test.yaml')).length).toBeGreaterThanOrEqual(8)
    for (const name of ['index', 'shipped']) for (const ext of ['js', 'cjs', 'd.ts', 'd.cts']) expect(files).toContain(`dist/${name}.${ext}`)
    expect(files).toContain('dist/cli.cjs')
  })

  it('ships no sourcemaps (README, "The package")', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([])
  })

  it("the shipped entry carries the rubrics' text but not the core: it imports the main entry", () => {
    expect(builtShipped).toMatch(/from "\.\/index\.js"/)
    expect(builtShipped).toContain('title: 2017年統計基層基礎工作考評辦法')
    expect(builtShipped).not.toContain('function loadRubric')
  })
})

describe('publint and @arethetypeswrong/cli', () => {
  it('publint finds nothing (not even a suggestion)', () => {
    expect(publint.code, publint.stdout + publint.stderr).toBe(0)
    expect(publint.stdout).toContain('All good!')
    expect(publint.stdout + publint.stderr).not.toMatch(/suggestion|warning|error/i)
  })

  it('attw finds no problem for any entry point, in any resolution (node10, node16 from CJS and ESM, bundler)', () => {
    expect(attw.code, attw.stderr).toBe(0)
    const report = JSON.parse(attw.stdout) as { problems: Record<string, unknown[]>; analysis: { entrypoints: Record<string, unknown> } }
    expect(report.problems).toEqual({})
    expect(Object.keys(report.analysis.entrypoints)).toEqual(Object.keys(pkg.exports))
  })
})

describe('installed in a project', () => {
  it('has its repository in package.json', () => {
    const installed = JSON.parse(readFileSync(join(consumer, 'node_modules', pkg.name, 'package.json'), 'utf8')) as { repository?: { type?: string; url?: string } }
    expect(installed.repository).toMatchObject({ type: 'git', url: expect.stringMatching(/^git\+https:\/\//) })
  })

  it('resolves kaoping/rubrics/… and kaoping/schemas/… from require', async () => {
    const r = await inConsumer(
      `const path = require('node:path')
      const rel = (p) => path.relative(path.join(process.cwd(), 'node_modules', 'kaoping'), p)
      console.log(JSON.stringify({
        rubric: rel(require.resolve('kaoping/rubrics/xuzhou-statistics-2017.yaml')),
        schema: rel(require.resolve('kaoping/schemas/rubric.schema.json')),
        schemaTitle: typeof require('kaoping/schemas/rubric.schema.json').properties,
      }))`,
      'commonjs',
    )
    expect(r).toEqual({ rubric: join('rubrics', 'xuzhou-statistics-2017.yaml'), schema: join('schemas', 'rubric.schema.json'), schemaTitle: 'object' })
  })

  it('require("kaoping/shipped") loads a shipped rubric that require("kaoping") compiles, with one copy of the core', async () => {
    const r = await inConsumer(
      `const path = require('node:path')
      const { shippedRubricIds, shippedRubricText, loadShippedRubric } = require('kaoping/shipped')
      const { compileRubric } = require('kaoping')
      const loaded = loadShippedRubric('xuzhou-statistics-2017')
      const unknown = loadShippedRubric('nope')
      console.log(JSON.stringify({
        ids: shippedRubricIds().length,
        text: shippedRubricText('xuzhou-statistics-2017').split('\\n')[3],
        title: loaded.ok && loaded.value.rubric.title,
        compiled: loaded.ok && compileRubric(loaded.value).ok,
        unknown: unknown.diagnostics.map((d) => d.code),
        core: Object.keys(require.cache).filter((f) => f.includes(path.join('node_modules', 'kaoping', 'dist'))).map((f) => path.basename(f)).sort(),
      }))`,
      'commonjs',
    )
    expect(r).toEqual({
      ids: 8,
      text: 'title: 2017年統計基層基礎工作考評辦法',
      title: '2017年統計基層基礎工作考評辦法',
      compiled: true,
      unknown: ['OPTION_INVALID'],
      core: ['index.cjs', 'shipped.cjs'],
    })
  })

  it('import("kaoping/shipped") and import.meta.resolve("kaoping/rubrics/…") work from an ES module', async () => {
    const r = await inConsumer(
      `const { shippedRubricIds, loadShippedRubric } = await import('kaoping/shipped')
      const { compileRubric } = await import('kaoping')
      const loaded = loadShippedRubric('hubei-archives-2011')
      console.log(JSON.stringify({
        ids: shippedRubricIds().includes('xuzhou-statistics-2017'),
        title: loaded.ok && loaded.value.rubric.title,
        compiled: loaded.ok && compileRubric(loaded.value).ok,
        rubric: import.meta.resolve('kaoping/rubrics/xuzhou-statistics-2017.yaml').endsWith('/node_modules/kaoping/rubrics/xuzhou-statistics-2017.yaml'),
        schema: import.meta.resolve('kaoping/schemas/rubric.schema.json').endsWith('/node_modules/kaoping/schemas/rubric.schema.json'),
      }))`,
      'module',
    )
    expect(r).toEqual({ ids: true, title: '湖北省機關檔案工作目標管理等級考評辦法', compiled: true, rubric: true, schema: true })
  })
})
