import { basename, dirname, join, normalize, resolve } from 'node:path'
import { isControl } from '../text/controls'
import { writeWhole } from './common'
import { EXIT_FINDINGS, EXIT_OK, one, parseArgs, UsageError, type CliIo } from './io'
import { scaffoldFiles } from './init-template'
import { VERSION } from './version'

const DEFAULT_TITLE = '示例考评办法'

const HELP = `Usage: kaoping init [dir] [options]

Scaffolds a rubric repository in dir (default: the current directory; created when missing):
  rubrics/<id>.yaml              an example rubric to rewrite, whose first line points editors at the
                                 rubric schema in node_modules/kaoping
  rubrics/<id>.test.yaml         its test cases (kaoping test)
  evidence/example.yaml          evidence to score it with
  package.json                   kaoping as a devDependency; npm run validate, npm test
  .github/workflows/kaoping.yml  CI: npm ci, kaoping validate (annotations), kaoping test
  .vscode/settings.json          the rubric schema for rubrics/**/*.yaml (YAML extension)
  .vscode/extensions.json        recommends the YAML extension (redhat.vscode-yaml)
  README.md, .gitignore
Nothing is overwritten: when any of these files exists, init lists them, writes nothing and
exits 1, unless --force.

Options:
  --id <rubric-id>    the rubric's id (default: from the directory's name): lower-case ASCII
                      letters, digits and single hyphens, starting with a letter
  --title <title>     the rubric's title (default: ${DEFAULT_TITLE})
  --force             overwrite the files that exist
  -h, --help          show this help

Then: npm install (commit package-lock.json), npm run validate, npm test.
`

/** The rubric language's ids (model/common.ts): a file name and a package name as they are. */
const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/
const MAX_ID = 64
const MAX_TITLE = 2000

/**
 * The io init needs: directories made (recursively) as well as files written. \`mkdir\` is to join CliIo; until then it
 * is declared here, and an io without it (the in-process test driver) gets a usage error.
 */
type InitIo = CliIo & { mkdir?(path: string): void }

const hasControl = (s: string): boolean => [...s].some((c) => isControl(c.codePointAt(0)!))

/** A name made a valid id: `My Rubrics 2024` → `my-rubrics-2024`; undefined when nothing of it is ASCII. */
function idFrom(name: string): string | undefined {
  let s = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (!s) return undefined
  if (!/^[a-z]/.test(s)) s = `rubric-${s}`
  return s.slice(0, MAX_ID).replace(/-+$/, '')
}

/** The directory's own name (`.` and `..` are named through the io, which knows where the command runs). */
function nameOf(io: CliIo, dir: string): string {
  const base = basename(normalize(dir))
  if (base && base !== '.' && base !== '..') return base
  try {
    return basename(io.realpath ? io.realpath(dir) : resolve(dir))
  } catch {
    return basename(resolve(dir))
  }
}

export function initCommand(argv: string[], io: InitIo): number {
  const args = parseArgs(argv, ['id', 'title'], ['help', 'force'])
  if (args.flags.has('help')) {
    io.stdout(HELP)
    return EXIT_OK
  }
  if (args.positionals.length > 1) throw new UsageError('give one directory')
  const dir = args.positionals[0] ?? '.'
  // the directory is text from anywhere (a script, a pasted line): refused before it is used or echoed
  if (!dir) throw new UsageError('the directory is empty')
  if (hasControl(dir)) throw new UsageError('the directory name contains control characters')

  const dirName = nameOf(io, dir)
  const id = one(args, 'id') ?? idFrom(dirName) ?? 'rubric'
  if (hasControl(id) || !ID.test(id) || id.length > MAX_ID)
    throw new UsageError(`--id must be lower-case ASCII letters, digits and single hyphens, starting with a letter, at most ${MAX_ID} characters (e.g. "city-statistics-2025"), not ${JSON.stringify(id)}`)
  const title = one(args, 'title') ?? DEFAULT_TITLE
  if (!title.trim()) throw new UsageError('--title is empty')
  if (hasControl(title)) throw new UsageError('--title contains control characters')
  if (title.length > MAX_TITLE) throw new UsageError(`--title is longer than ${MAX_TITLE} characters`)

  if (!io.mkdir || !io.create) throw new UsageError('init needs to create directories and files, which only the installed command does')
  const mkdir = io.mkdir.bind(io)

  const files = scaffoldFiles({ id, title, name: idFrom(dirName) ?? id, version: VERSION })
  // every path is a fixed one, or one made of the checked id: all of them inside dir
  const target = (rel: string) => join(dir, ...rel.split('/'))
  const existing = files.map(([rel]) => rel).filter((rel) => io.exists(target(rel)))
  if (existing.length && !args.flags.has('force')) {
    io.stderr(`kaoping init: ${existing.length === 1 ? 'this file exists' : 'these files exist'} in ${dir} (nothing was written; --force overwrites):\n${existing.map((rel) => `  ${rel}\n`).join('')}`)
    return EXIT_FINDINGS
  }

  for (const [rel, text] of files) {
    mkdir(dirname(target(rel)))
    writeWhole(io, target(rel), text)
  }
  // quoted for a POSIX shell when it needs to be, so that the line can be pasted as it is
  const cd = dir === '.' ? '' : `  cd ${/^[\w./-]+$/.test(dir) ? dir : `'${dir.replace(/'/g, `'\\''`)}'`}\n`
  io.stdout(
    `Wrote ${files.length} files in ${dir}${existing.length ? ` (${existing.length} overwritten)` : ''}:\n` +
      files.map(([rel]) => `  ${rel}\n`).join('') +
      `Next:\n${cd}  npm install        # then commit package-lock.json\n  npm run validate\n  npm test\n`,
  )
  return EXIT_OK
}
