import { z } from 'zod'
import { Rubric } from './rubric'

/** The JSON Schema of the rubric language, generated from the zod model (draft-07, for editors and plain ajv). */
export function rubricJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Rubric, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
  return {
    $schema: schema.$schema,
    $id: 'https://kaoping.invalid/schemas/rubric.schema.json',
    title: 'kaoping rubric',
    description: 'A kaoping rubric: one assessment method (考评办法) as data.',
    ...schema,
  }
}
