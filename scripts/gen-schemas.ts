// Writes schemas/rubric.schema.json from the zod model (npm run schemas).
import { writeFileSync } from 'node:fs'
import { rubricJsonSchema } from '../src/kinds/rubric'

writeFileSync(new URL('../schemas/rubric.schema.json', import.meta.url), JSON.stringify(rubricJsonSchema(), null, 2) + '\n')
console.log('wrote schemas/rubric.schema.json')
