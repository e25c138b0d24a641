/**
 * The README's commands stay true: every `npx kaoping …` line of its "Quick start" and "The command" blocks runs
 * in-process (through the installed command's driver) and exits as documented. Files a line writes (`--out`) are
 * kept for the lines after it, as in a shell: the template written is the evidence.xlsx scored next.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliAsync } from './support/cli'

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8')

/** The `npx kaoping` command lines of the README's sh blocks, as argv (quotes removed; `> file` and comments dropped). */
function commands(): { line: string; argv: string[] }[] {
  const out: { line: string; argv: string[] }[] = []
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g))
    for (const raw of block[1]!.split('\n')) {
      const at = raw.indexOf('npx kaoping ')
      if (at === -1 || raw.trimStart().startsWith('#') || raw.includes(' | npx kaoping')) continue // a pipe from another program: not runnable here
      const line = raw.slice(at + 'npx kaoping '.length).replace(/\s+#.*$/, '').replace(/\s*>\s*\S+\s*$/, '')
      out.push({ line: raw.trim(), argv: [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!) })
    }
  return out
}

describe('README', () => {
  it('has the quick start\'s score and report commands, and a screenshot that exists', () => {
    expect(readme).toContain('npx kaoping score rubrics/xuzhou-statistics-2017.yaml examples/xuzhou-statistics-2017/evidence.yaml --trail')
    expect(readme).toContain('npx kaoping report rubrics/xuzhou-statistics-2017.yaml examples/xuzhou-statistics-2017/evidence.yaml --out report.html')
    const image = /!\[[^\]]*\]\(([^)]+\.png)\)/.exec(readme)?.[1]
    expect(image).toBeDefined()
    expect(readFileSync(join(__dirname, '..', image!)).subarray(1, 4).toString()).toBe('PNG')
  })

  it('the Chinese diagnostic it shows is what kaoping prints', async () => {
    const shown = readme.split('\n').find((l) => l.startsWith('tests/fixtures/invalid/yaml-syntax-tab.yaml:'))!
    const r = await cliAsync(['validate', 'tests/fixtures/invalid/yaml-syntax-tab.yaml', '--lang', 'zh'])
    expect(r.err.split('\n')[0]).toBe(shown)
  })

  it('every npx kaoping line runs and exits as documented', async () => {
    const lines = commands()
    expect(lines.length).toBeGreaterThan(12)
    const files: Record<string, Uint8Array> = {}
    for (const { line, argv } of lines) {
      const r = await cliAsync(argv, files)
      Object.assign(files, r.written)
      // diff exits 1 when the versions differ (docs/cli.md); every other line exits 0
      expect(r.code, `${line}\n${r.err.slice(0, 600)}`).toBe(argv[0] === 'diff' ? 1 : 0)
    }
    expect(Object.keys(files).sort()).toEqual(['evidence.xlsx', 'report.html', 'results.xlsx'])
  }, 120_000)
})
