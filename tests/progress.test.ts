/** Progress on standard error (issue 11): a bar on a terminal after a second, nothing when piped or with --quiet. */
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { terminalProgress, type Progress } from '../src/cli/progress'
import { run } from '../src/cli/run'
import type { CliIo } from '../src/cli/io'
import { readFileSync } from 'node:fs'

const root = join(__dirname, '..')

describe('terminalProgress', () => {
  it('draws nothing in the first second, then a bar at most every 100 ms, and clears its line', () => {
    let t = 0
    let out = ''
    const p = terminalProgress((x) => void (out += x), () => t, () => 80)
    p.update('scoring', 10, 100, 'subjects')
    t = 999
    p.update('scoring', 20, 100, 'subjects')
    expect(out).toBe('') // under a second: quiet
    t = 1000
    p.update('scoring', 50, 100, 'subjects')
    // 50 of 100: half of the 30-cell bar filled (80 columns leave room for 30), "50%", the count and the second
    expect(out).toBe(`\r\x1b[Kkaoping: scoring ${'█'.repeat(15)}${'░'.repeat(15)}  50% 50/100 subjects · 1 s`)
    t = 1050
    p.update('scoring', 60, 100, 'subjects')
    expect(out.split('\r\x1b[K')).toHaveLength(2) // 50 ms later: not drawn again
    t = 2500
    p.update('scoring', 1234, undefined, 'subjects')
    // an unknown total: the count alone (NDJSON is counted as it arrives)
    expect(out.endsWith('\r\x1b[Kkaoping: scoring 1,234 subjects · 3 s')).toBe(true)
    p.clear()
    expect(out.endsWith('\r\x1b[K')).toBe(true)
    const before = out.length
    p.end() // nothing drawn since the clear: nothing to clear
    expect(out.length).toBe(before)
  })
})

describe('kaoping score reports progress through the io', () => {
  const runWith = (extra: string[]) => {
    const updates: string[] = []
    let ended = 0
    const progress: Progress = { update: (what, done, total) => void updates.push(`${what} ${done}/${total ?? '?'}`), end: () => void ended++ }
    const io: CliIo = {
      stdout: () => undefined,
      stderr: () => undefined,
      readFile: (p) => readFileSync(join(root, p), 'utf8'),
      exists: () => true,
      glob: (p) => [p],
      progress: () => progress,
    }
    const code = run(['score', 'rubrics/xuzhou-statistics-2017.yaml', 'examples/xuzhou-statistics-2017/evidence.yaml', ...extra], io)
    return { code, updates, ended }
  }

  it('scoring from 0 of the 11 subjects the file holds, ranking, then the bar is ended', () => {
    const r = runWith([])
    expect(r.code).toBe(0)
    // one update before the first subject (every 256th), one when ranking: 11 subjects in the Xuzhou example
    expect(r.updates).toEqual(['scoring 0/11', 'ranking 11/11'])
    expect(r.ended).toBe(1)
  })

  it('--quiet: no progress at all', () => {
    const r = runWith(['--quiet'])
    expect(r.code).toBe(0)
    expect(r.updates).toEqual([])
    expect(r.ended).toBe(0)
  })

  it('the installed command draws no bar when standard error is a pipe', () => {
    const bin = join(root, 'dist', 'cli.cjs')
    const r = spawnSync(process.execPath, [bin, 'score', 'rubrics/xuzhou-statistics-2017.yaml', 'examples/xuzhou-statistics-2017/evidence.yaml'], { cwd: root, encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect(r.stderr).not.toContain('\x1b[K')
    expect(r.stderr).not.toContain('kaoping: scoring')
  })
})
