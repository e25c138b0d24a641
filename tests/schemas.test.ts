// The rubric JSON Schema is generated from the zod model; the committed copy must be current, and it must accept
// every shipped rubric with plain ajv (CI users in other languages validate with the schema alone).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv from 'ajv'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { rubricJsonSchema } from '../src/index'

const root = join(__dirname, '..')
const committed = JSON.parse(readFileSync(join(root, 'schemas', 'rubric.schema.json'), 'utf8'))
const rubrics = readdirSync(join(root, 'rubrics')).filter((f) => f.endsWith('.yaml') && !f.endsWith('.test.yaml'))

describe('schemas/rubric.schema.json', () => {
  it('is what `npm run schemas` generates from the zod model (run it if this fails)', () => {
    expect(committed).toEqual(rubricJsonSchema())
  })

  const AjvClass = ((Ajv as unknown as { default?: typeof Ajv }).default ?? Ajv) as typeof Ajv
  const validate = new AjvClass({ allErrors: true, strict: false }).compile(committed)

  it('ships at least one rubric', () => expect(rubrics.length).toBeGreaterThan(0))
  for (const file of rubrics) {
    it(`accepts rubrics/${file} with plain ajv`, () => {
      const text = readFileSync(join(root, 'rubrics', file), 'utf8')
      expect(text.startsWith('# yaml-language-server: $schema=../schemas/rubric.schema.json')).toBe(true)
      const ok = validate(parse(text))
      expect(validate.errors ?? []).toEqual([])
      expect(ok).toBe(true)
    })
  }

  it('rejects a rubric with an unknown item kind and a missing total', () => {
    expect(validate({ kaoping: 1, id: 'x', title: 'X', items: [{ kind: 'magic', id: 'a', title: 'A', max: 1 }] })).toBe(false)
  })
})
