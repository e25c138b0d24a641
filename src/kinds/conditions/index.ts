/** The condition forms: one module each, registered here. The `Condition` schema is their union. */
import { z } from 'zod'
import type { ConditionForm } from '../kit/spec'
import { all, any, not } from './combine'
import { count, type CountCondition } from './count'
import { date, type DateCondition } from './date'
import { expr, type ExprCondition } from './expr'
import { fact, type FactCondition } from './fact'
import { order, type OrderCondition } from './order'
import { param, type ParamCondition } from './param'
import { quota, type QuotaCondition } from './quota'
import { score, type ScoreCondition } from './score'
import { span, type SpanCondition } from './span'

export type Condition =
  | FactCondition
  | CountCondition
  | QuotaCondition
  | DateCondition
  | SpanCondition
  | OrderCondition
  | ScoreCondition
  | ExprCondition
  | ParamCondition
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }

const lazy = (): z.ZodType => Condition

/** The registry: adding a form is its module and one line here. */
export const conditionForms: readonly ConditionForm[] = [fact, count, quota, date, span, order, score, expr, param, all(lazy), any(lazy), not(lazy)]

const byKey = new Map(conditionForms.map((f) => [f.key, f]))

export const Condition: z.ZodType<Condition> = z
  .lazy(() => z.union(conditionForms.map((f) => f.schema) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]))
  .meta({ id: 'Condition', description: 'A condition on the evidence.' }) as z.ZodType<Condition>

/** The form of a (schema-valid) condition. */
export function formOf(c: unknown): ConditionForm {
  if (c !== null && typeof c === 'object') for (const key of Object.keys(c)) {
    const f = byKey.get(key)
    if (f) return f
  }
  throw new Error(`kaoping: not a condition: ${JSON.stringify(c)?.slice(0, 80)}`)
}

