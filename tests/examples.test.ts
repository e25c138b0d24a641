// Every shipped example: score examples/<rubric-id>/evidence.yaml with rubrics/<rubric-id>.yaml and compare the
// whole result (scores, grades, ranks, eligibility, amounts) with the hand-worked expected.json beside it.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { compileRubric, loadRubric, type Evaluator } from '../src/index'
import { projectCohort } from './support/project'

const root = join(__dirname, '..')
const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()

function evaluatorOf(id: string, link: Record<string, Evaluator> = {}): Evaluator {
  const file = join(root, 'rubrics', `${id}.yaml`)
  const loaded = loadRubric(readFileSync(file, 'utf8'), { file })
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, null, 2))
  const c = compileRubric(loaded.value, { link })
  if (!c.ok) throw new Error(JSON.stringify(c.diagnostics, null, 2))
  return c.value
}

describe('shipped examples', () => {
  it('there is at least one example', () => {
    expect(examples.length).toBeGreaterThan(0)
  })
  for (const id of examples) {
    it(`${id}: the result equals expected.json`, () => {
      const dir = join(root, 'examples', id)
      const evidence = parse(readFileSync(join(dir, 'evidence.yaml'), 'utf8'))
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'))
      // An example may name rubrics it takes results from (composition): link.json lists their ids.
      const linkFile = join(dir, 'link.json')
      const link = existsSync(linkFile) ? Object.fromEntries((JSON.parse(readFileSync(linkFile, 'utf8')) as string[]).map((l) => [l, evaluatorOf(l)])) : {}
      const result = evaluatorOf(id, link).evaluateCohort(evidence)
      if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2))
      expect(projectCohort(result.value)).toEqual(expected)
      expect(existsSync(join(dir, 'WORKED.md'))).toBe(true)
    })
  }
})
