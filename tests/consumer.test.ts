// The acceptance test of `kaoping init` (issue 12): a consumer project made as a user makes one. The package is packed
// from a copy of this working tree (its `prepare` builds dist/ in the copy, so the dist/ other tests read is never
// touched), `kaoping init` scaffolds an empty directory, the tarball is installed there as a devDependency, and then
// the scaffold is checked as its user and their editor check it: `kaoping validate` and `kaoping test` through npx
// and the npm scripts, and yaml-language-server, headless over stdio as an editor runs it, following the modeline the
// scaffold wrote (and then the .vscode settings it wrote): the schema loads from node_modules/kaoping, the clean
// rubric has no problem, and a planted typo is reported on its line.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams, type SpawnSyncReturns } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = join(__dirname, '..')
const ID = 'county-targets'

/**
 * The environment for npm and the commands it runs: without the `npm_*` variables of an enclosing `npm test`, which
 * npm would read as its own configuration (`npm_config_local_prefix`, `npm_config_prefix`: the repository's), so that
 * every npm here works in the directory it is started in and nowhere else.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'INIT_CWD') env[k] = v
  return { ...env, NO_UPDATE_NOTIFIER: '1', CI: 'true' }
}

function sh(command: string, args: string[], cwd: string, timeout = 120_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Fails with what the command printed, so that a broken step says why. */
function ok(r: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status ?? r.signal}${r.error ? ` (${r.error.message})` : ''}\n${r.stdout}\n${r.stderr}`)
  return r
}

let work: string
let consumer: string
let rubricFile: string

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'kaoping-consumer-'))
  // the working tree as it is (uncommitted work included), without what is built or installed
  const copy = join(work, 'kaoping')
  const skip = new Set(['node_modules', 'dist', '.git', 'test-output', 'coverage', '.scratch', 'scratch'].map((d) => join(root, d)))
  cpSync(root, copy, { recursive: true, filter: (src) => !skip.has(src) && !src.startsWith(join(root, 'bench', '.out')) })
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir')
  const packs = join(work, 'pack')
  mkdirSync(packs)
  // the tarball's name is taken from the directory, not from npm's output (the build may print there too)
  ok(sh('npm', ['pack', '--pack-destination', packs], copy, 180_000), 'npm pack')
  const tarballs = readdirSync(packs).filter((f) => f.endsWith('.tgz'))
  expect(tarballs).toHaveLength(1)

  // init first, in an empty directory (it writes package.json), with the command the tarball holds
  consumer = join(work, 'consumer')
  ok(sh(process.execPath, [join(copy, 'dist', 'cli.cjs'), 'init', consumer, '--id', ID], work), 'kaoping init')
  rubricFile = join(consumer, 'rubrics', `${ID}.yaml`)
  // then kaoping as the devDependency, from the tarball (init's package.json is kept, its scripts with it)
  ok(sh('npm', ['install', '--no-audit', '--no-fund', '--save-dev', join(packs, tarballs[0]!)], consumer, 180_000), 'npm install')
}, 400_000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

/** The installed kaoping, and only it: `npx --no` refuses to fetch a package that is not installed. */
const kaoping = (...args: string[]) => sh('npx', ['--no', 'kaoping', ...args], consumer)

/** The scaffolded rubric with a typo planted in its first item: `titel:` for `title:`. Returns the text and the typo's line (0-based). */
function withTypo(): { text: string; line: number } {
  const text = readFileSync(rubricFile, 'utf8')
  const lines = text.split('\n')
  const line = lines.findIndex((l) => l.includes('kind: check, id: plan, title:'))
  expect(line).toBeGreaterThan(0)
  lines[line] = lines[line]!.replace('title:', 'titel:')
  return { text: lines.join('\n'), line }
}

describe('a consumer project: kaoping init, then the packed tarball as a devDependency', () => {
  it('keeps what init wrote, with kaoping installed from the tarball', () => {
    const pkg = JSON.parse(readFileSync(join(consumer, 'package.json'), 'utf8'))
    expect(pkg.scripts).toEqual({ validate: "kaoping validate 'rubrics/**/*.yaml'", test: 'kaoping test' })
    expect(pkg.devDependencies.kaoping).toMatch(/\.tgz$/)
    expect(existsSync(join(consumer, 'node_modules', 'kaoping', 'dist', 'cli.cjs'))).toBe(true)
  })

  it('has the schema where the rubric\'s modeline points', () => {
    const first = readFileSync(rubricFile, 'utf8').split('\n')[0]!
    expect(first).toBe('# yaml-language-server: $schema=../node_modules/kaoping/schemas/rubric.schema.json')
    const schema = resolve(consumer, 'rubrics', first.split('$schema=')[1]!)
    expect(JSON.parse(readFileSync(schema, 'utf8'))).toMatchObject({ title: 'kaoping rubric', type: 'object' })
  })

  it('validates the scaffolded rubric: kaoping validate exits 0 with no diagnostic', () => {
    const r = kaoping('validate', 'rubrics/*.yaml')
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('1 file checked: 0 errors, 0 warnings\n')
    expect(r.status).toBe(0)
  })

  it('passes its tests: kaoping test exits 0', () => {
    const r = kaoping('test')
    expect(r.stdout).toContain('3 passed, 0 failed')
    expect(r.status).toBe(0)
  })

  it('runs the npm scripts init wrote (npm run validate, npm test)', () => {
    expect(ok(sh('npm', ['run', '--silent', 'validate'], consumer), 'npm run validate').stdout).toContain('1 file checked: 0 errors, 0 warnings')
    expect(ok(sh('npm', ['test', '--silent'], consumer), 'npm test').stdout).toContain('3 passed, 0 failed')
  })

  it('tells where the schema is: kaoping schema --rubric prints the path the modeline resolves to', () => {
    const r = kaoping('schema', '--rubric')
    expect(r.status).toBe(0)
    expect(realpathSync(r.stdout.trim())).toBe(realpathSync(join(consumer, 'node_modules', 'kaoping', 'schemas', 'rubric.schema.json')))
    const printed = kaoping('schema', '--rubric', '--print')
    expect(printed.stdout).toBe(readFileSync(join(consumer, 'node_modules', 'kaoping', 'schemas', 'rubric.schema.json'), 'utf8'))
  })

  it('reports the planted typo with kaoping validate, on its line', () => {
    const { text, line } = withTypo()
    writeFileSync(join(consumer, 'rubrics', 'typo.yaml'), text)
    try {
      const r = kaoping('validate', 'rubrics/typo.yaml')
      expect(r.status).toBe(1)
      expect(r.stderr).toContain(`rubrics/typo.yaml:${line + 1}:`)
      expect(r.stderr).toContain('SCHEMA_UNKNOWN_KEY')
    } finally {
      rmSync(join(consumer, 'rubrics', 'typo.yaml'))
    }
  })
})

// ---- yaml-language-server, as an editor runs it ----------------------------------------------------------------

interface LspDiagnostic {
  range: { start: { line: number; character: number } }
  message: string
  source?: string
  data?: { schemaUri?: string[] }
}

interface Published {
  uri: string
  diagnostics: LspDiagnostic[]
}

/**
 * A minimal LSP client over stdio: Content-Length framed JSON-RPC. It answers the server's requests
 * (workspace/configuration with the settings, anything else with null) so that the server never waits on it.
 */
class LspClient {
  private readonly server: ChildProcessWithoutNullStreams
  private buffer = Buffer.alloc(0)
  private next = 0
  private readonly pending = new Map<number, (msg: { result?: unknown; error?: unknown }) => void>()
  readonly published: Published[] = []
  private readonly watchers = new Set<() => void>()
  stderr = ''

  constructor(
    cwd: string,
    public settings: { yaml: Record<string, unknown> },
  ) {
    const bin = join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server')
    this.server = spawn(process.execPath, [bin, '--stdio'], { cwd, env: cleanEnv() })
    this.server.stdout.on('data', (d: Buffer) => this.read(d))
    this.server.stderr.on('data', (d: Buffer) => void (this.stderr += d.toString()))
  }

  private send(msg: Record<string, unknown>): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8')
    this.server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`)
    this.server.stdin.write(body)
  }

  private read(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data])
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n')
      if (end < 0) return
      const length = Number(/Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'))?.[1])
      if (this.buffer.length < end + 4 + length) return
      const msg = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as { id?: number; method?: string; params?: unknown; result?: unknown; error?: unknown }
      this.buffer = this.buffer.subarray(end + 4 + length)
      if (msg.method !== undefined && msg.id !== undefined) this.answer(msg.id, msg.method, msg.params)
      else if (msg.id !== undefined) this.pending.get(msg.id)?.(msg)
      else if (msg.method === 'textDocument/publishDiagnostics') {
        this.published.push(msg.params as Published)
        for (const w of this.watchers) w()
      }
    }
  }

  private answer(id: number, method: string, params: unknown): void {
    if (method === 'workspace/configuration') {
      const items = (params as { items: Array<{ section?: string }> }).items
      this.send({ id, result: items.map((i) => (i.section === 'yaml' ? this.settings.yaml : null)) })
    } else this.send({ id, result: null })
  }

  request<T>(method: string, params: unknown, timeout = 30_000): Promise<T> {
    const id = ++this.next
    this.send({ id, method, params })
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} in ${timeout} ms; server stderr:\n${this.stderr}`)), timeout)
      this.pending.set(id, (msg) => {
        clearTimeout(timer)
        if (msg.error) reject(new Error(`${method}: ${JSON.stringify(msg.error)}`))
        else resolve(msg.result as T)
      })
    })
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params })
  }

  /** The first diagnostics published for uri, from the `from`-th publication on, that satisfy `test`. */
  diagnostics(uri: string, from: number, test: (ds: LspDiagnostic[]) => boolean, timeout = 30_000): Promise<LspDiagnostic[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.published.slice(from).find((p) => p.uri === uri && test(p.diagnostics))
        if (!hit) return
        this.watchers.delete(check)
        clearTimeout(timer)
        resolve(hit.diagnostics)
      }
      const timer = setTimeout(() => {
        this.watchers.delete(check)
        const seen = this.published.filter((p) => p.uri === uri).map((p) => JSON.stringify(p.diagnostics))
        reject(new Error(`no diagnostics as expected for ${uri} in ${timeout} ms; published: ${seen.join('\n') || 'none'}; server stderr:\n${this.stderr}`))
      }, timeout)
      this.watchers.add(check)
      check()
    })
  }

  async stop(): Promise<void> {
    try {
      await this.request('shutdown', null, 5_000)
      this.notify('exit', null)
    } catch {
      // a server that does not answer is ended below
    }
    if (this.server.exitCode === null) this.server.kill()
  }
}

describe('the scaffolded rubric in yaml-language-server, as an editor opens it', () => {
  let lsp: LspClient
  const uri = () => pathToFileURL(rubricFile).href
  const schemaUri = () => pathToFileURL(join(consumer, 'node_modules', 'kaoping', 'schemas', 'rubric.schema.json')).href
  // the settings of an editor with no schema mapped and no schema store: only the modeline names a schema
  const modelineOnly = { yaml: { validate: true, hover: true, completion: true, schemas: {}, schemaStore: { enable: false } } }

  beforeAll(async () => {
    lsp = new LspClient(consumer, modelineOnly)
    const folder = pathToFileURL(consumer).href
    await lsp.request('initialize', {
      processId: process.pid,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: 'consumer' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true }, hover: { contentFormat: ['markdown', 'plaintext'] }, synchronization: { dynamicRegistration: true } },
      },
    })
    lsp.notify('initialized', {})
    lsp.notify('workspace/didChangeConfiguration', { settings: modelineOnly })
  }, 60_000)

  afterAll(async () => {
    await lsp?.stop()
  })

  it('loads the schema through the modeline: the clean rubric gets no diagnostic, and a key\'s hover is the schema\'s description', async () => {
    const from = lsp.published.length
    lsp.notify('textDocument/didOpen', { textDocument: { uri: uri(), languageId: 'yaml', version: 1, text: readFileSync(rubricFile, 'utf8') } })
    // validation waits for the schema: its first publication is the verdict (a schema that failed to load is a warning)
    const first = await lsp.diagnostics(uri(), from, () => true)
    expect(first).toEqual([])
    const lines = readFileSync(rubricFile, 'utf8').split('\n')
    const hover = await lsp.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: uri() }, position: { line: lines.indexOf('kaoping: 1'), character: 2 } })
    expect(hover?.contents.value).toContain('The rubric language version.')
    // the description comes from the file the modeline names, in the consumer's node_modules
    expect(hover?.contents.value).toContain(schemaUri())
  })

  it('reports the planted typo on its line, from the schema in node_modules/kaoping', async () => {
    const { text, line } = withTypo()
    const from = lsp.published.length
    lsp.notify('textDocument/didChange', { textDocument: { uri: uri(), version: 2 }, contentChanges: [{ text }] })
    const ds = await lsp.diagnostics(uri(), from, (d) => d.length > 0)
    const typo = ds.find((d) => d.message === 'Property titel is not allowed.')
    expect(typo, JSON.stringify(ds)).toBeDefined()
    expect(typo!.range.start.line).toBe(line)
    expect(typo!.source).toBe('yaml-schema: kaoping rubric')
    expect(typo!.data?.schemaUri).toEqual([schemaUri()])
    // the item has lost its title: the schema says so too, on the same item
    expect(ds.some((d) => d.message === 'Missing property "title".' && d.range.start.line === line)).toBe(true)
  })

  it('clears the diagnostics when the typo is fixed', async () => {
    const from = lsp.published.length
    lsp.notify('textDocument/didChange', { textDocument: { uri: uri(), version: 3 }, contentChanges: [{ text: readFileSync(rubricFile, 'utf8') }] })
    expect(await lsp.diagnostics(uri(), from, (d) => d.length === 0)).toEqual([])
  })

  it('follows the comment in the form JetBrains IDEs read too (# $schema: …), as docs/editor.md says', async () => {
    const { text, line } = withTypo()
    const jetbrains = text.replace(/^# yaml-language-server: \$schema=/, '# $schema: ')
    expect(jetbrains.split('\n')[0]).toBe('# $schema: ../node_modules/kaoping/schemas/rubric.schema.json')
    const other = pathToFileURL(join(consumer, 'rubrics', 'jetbrains.yaml')).href
    const from = lsp.published.length
    lsp.notify('textDocument/didOpen', { textDocument: { uri: other, languageId: 'yaml', version: 1, text: jetbrains } })
    const ds = await lsp.diagnostics(other, from, (d) => d.length > 0)
    const typo = ds.find((d) => d.message === 'Property titel is not allowed.')
    expect(typo, JSON.stringify(ds)).toBeDefined()
    expect(typo!.range.start.line).toBe(line)
    expect(typo!.data?.schemaUri).toEqual([schemaUri()])
  })

  it('with the .vscode settings init wrote: a rubric without the modeline is checked, a test file is not', async () => {
    const settings = JSON.parse(readFileSync(join(consumer, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>
    lsp.settings = { yaml: { ...modelineOnly.yaml, schemas: settings['yaml.schemas'] } }
    lsp.notify('workspace/didChangeConfiguration', { settings: lsp.settings })

    // a new rubric beside the scaffolded one, before its author has added the modeline
    const { text, line } = withTypo()
    const bare = text.split('\n').slice(1).join('\n')
    const newRubric = pathToFileURL(join(consumer, 'rubrics', 'new-rubric.yaml')).href
    let from = lsp.published.length
    lsp.notify('textDocument/didOpen', { textDocument: { uri: newRubric, languageId: 'yaml', version: 1, text: bare } })
    const ds = await lsp.diagnostics(newRubric, from, (d) => d.length > 0)
    const typo = ds.find((d) => d.message === 'Property titel is not allowed.')
    expect(typo, JSON.stringify(ds)).toBeDefined()
    expect(typo!.range.start.line).toBe(line - 1)
    expect(typo!.data?.schemaUri).toEqual([schemaUri()])

    // the test file beside it matches rubrics/**/*.yaml too, but is excluded (it is not a rubric)
    const testFile = join(consumer, 'rubrics', `${ID}.test.yaml`)
    const testUri = pathToFileURL(testFile).href
    from = lsp.published.length
    lsp.notify('textDocument/didOpen', { textDocument: { uri: testUri, languageId: 'yaml', version: 1, text: readFileSync(testFile, 'utf8') } })
    expect(await lsp.diagnostics(testUri, from, () => true)).toEqual([])
  })
})

// everything above ran in the temporary directory: nothing of it in the repository itself
it('leaves the repository as it was: no tarball, no scaffold in it', () => {
  expect(readdirSync(root).filter((f) => f.endsWith('.tgz'))).toEqual([])
  expect(existsSync(join(root, 'rubrics', `${ID}.yaml`))).toBe(false)
})
