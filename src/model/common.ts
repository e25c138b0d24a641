import { z } from 'zod'

/** Ids are ASCII so that paths, CSV headers and code stay unambiguous; titles carry the Chinese. */
export const Id = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'Use lower-case ASCII letters, digits and single hyphens, starting with a letter (e.g. "township-spot-check").')
  .max(64)
  .meta({ id: 'Id', description: 'An ASCII id: lower-case letters, digits and hyphens, starting with a letter.' })

/** Names every JavaScript object already has: as fact or field names they would read as built-ins. */
const RESERVED: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype'])

/** Fact, parameter, record and field names: camelCase ASCII, usable as JSON keys and CSV headers. */
export const Name = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'Use ASCII letters, digits and "_", starting with a letter (e.g. "passRate").')
  .max(64)
  .refine((s) => !RESERVED.has(s), 'This name is reserved (it is a property of every JavaScript object); choose another.')
  .meta({ id: 'Name', description: 'An ASCII name: letters, digits and "_", starting with a letter.' })

export const Text = z.string().min(1).max(2000)

/** An exact decimal: a YAML number or a decimal string such as "0.875". */
export const Decimal = z
  .union([z.number(), z.string().regex(/^[+-]?\d+(\.\d+)?$/, 'Write a decimal number such as 0.875.')])
  .meta({ id: 'Decimal', description: 'An exact decimal number, written as a number or a decimal string ("0.875").' })

export const ParamRef = z
  .object({ param: Name.describe('The name of a parameter declared under params.') })
  .strict()
  .meta({ id: 'ParamRef', description: 'The value of a parameter, overridable per evaluation.' })

/** A decimal that may be taken from a parameter. */
export const Value = z.union([Decimal, ParamRef]).meta({ id: 'Value' })

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Write a date as YYYY-MM-DD.')
  .describe('A calendar date, YYYY-MM-DD.')

/** An absolute date, a month-day recurring in the evaluated year (--MM-DD), or a parameter. */
export const DateValue = z.union([
  IsoDate,
  z.string().regex(/^--\d{2}-\d{2}$/, 'Write a yearly date as --MM-DD.').describe('A month and day in the evaluated year, --MM-DD.'),
  ParamRef,
])

export const Duration = z
  .object({
    years: z.union([z.number().int().min(0).max(100), ParamRef]).optional(),
    months: z.union([z.number().int().min(0).max(1200), ParamRef]).optional(),
    days: z.union([z.number().int().min(0).max(36500), ParamRef]).optional(),
  })
  .strict()
  .meta({ id: 'Duration', description: 'A calendar duration: years, months and days; each a whole number or an integer parameter.' })

export const StepRounding = z
  .enum(['ceil', 'floor', 'exact'])
  .describe('How a partial step counts: ceil = a started step counts whole, floor = only whole steps count, exact = proportionally.')

/** The step roundings by their number in compiled code (a parameter's value; deduct's emitted code tests 0 and 2). */
export const STEP_ROUNDINGS: readonly string[] = StepRounding.options

export const RoundingMode = z.enum(['half-up', 'half-even', 'half-down', 'up', 'down', 'ceil', 'floor'])

export const PeriodUnit = z.enum(['month', 'quarter', 'half', 'year'])
export const Combine = z.enum(['sum', 'mean', 'min', 'max', 'last'])

/** Citation and explanation fields shared by everything a rubric author writes. */
export const Doc = {
  title: Text.describe('The name used in the source document (Chinese).'),
  source: Text.optional().describe('The clause of the source document this encodes, e.g. "三(一)2".'),
  note: Text.optional().describe('How this rubric settles an ambiguity of the source, and why.'),
}

/** A record filter: each named field must equal the value, or one of the listed values. */
export const Where = z
  .record(Name, z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))]))
  .describe('Only records whose fields equal these values (a list means any of them).')

/** The comparisons of a number with bounds, shared by fact, count and score conditions. */
export const Compare = {
  atLeast: Value.optional().describe('≥ this value.'),
  atMost: Value.optional().describe('≤ this value.'),
  above: Value.optional().describe('> this value.'),
  below: Value.optional().describe('< this value.'),
}

export type Value = z.infer<typeof Value>
export type Where = z.infer<typeof Where>
export type DateValue = z.infer<typeof DateValue>
export type Duration = z.infer<typeof Duration>
