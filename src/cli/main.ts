import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, basename, join } from 'node:path'
import { run } from './run'
import type { CliIo } from './io'

/** Expands `*` and `?` in the last path segment (enough for `rubrics/*.yaml`; shells expand the rest). */
function glob(pattern: string): string[] {
  if (!/[*?]/.test(pattern)) return [pattern]
  const dir = dirname(pattern)
  const re = new RegExp('^' + basename(pattern).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$')
  try {
    return readdirSync(dir)
      .filter((f) => re.test(f))
      .sort()
      .map((f) => (dir === '.' ? f : join(dir, f)))
  } catch {
    return []
  }
}

const io: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readFile: (p) => readFileSync(p, 'utf8'),
  readBytes: (p) => readFileSync(p),
  size: (p) => statSync(p).size,
  exists: existsSync,
  glob,
}

// A reader that stops early (`kaoping score … | head`) closes the pipe: that ends the output, it is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw e
})

process.exitCode = run(process.argv.slice(2), io)
