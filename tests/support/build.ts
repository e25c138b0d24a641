// vitest globalSetup: build dist/ once before any test file runs, when it is missing or older than its sources,
// so that the tests that drive the built bin (node dist/cli.cjs) never race each other for it.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = join(__dirname, '..', '..')

function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0)
}

export default function setup(): void {
  const bin = join(root, 'dist', 'cli.cjs')
  const sources = Math.max(newest(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs, statSync(join(root, 'tsup.config.ts')).mtimeMs)
  if (existsSync(bin) && statSync(bin).mtimeMs >= sources) return
  try {
    execFileSync('npx', ['tsup'], { cwd: root, stdio: 'pipe', encoding: 'utf8' })
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string }
    throw new Error(`building dist/ failed:\n${stderr ?? ''}${stdout ?? ''}`)
  }
}
