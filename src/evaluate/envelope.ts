/**
 * A subject's evidence around its facts and records: id, name, 不適用 items, manual adjustments, self-assessment and
 * periods. `quickEnvelope` accepts the common shape at once; `checkEnvelope` says everything wrong with any other.
 * Facts and records are checked by the code compiled from the rubric.
 */
import { makeDiagnostic, type Diagnostic, type Path } from '../diagnostics/diagnostic'
import { textProblem, unknownField, show, type Scope } from '../compile/problems'
import type { Program } from '../compile/program'
import { MAX_PROBLEMS } from '../compile/runtime'
import { listWords, PERIOD_KEY_PATTERN } from '../kinds/facts'
import { parseDay } from '../num/dates'
import { fromNumber, parseFixed, type Fixed } from '../num/fixed'
import { hasControl } from '../limits'
import { isPlainObject } from '../validate/walk'

export interface AdjustmentEvidence {
  item: string
  to?: number | string
  by?: number | string
  reason: string
  approver: string
  date?: string
}

export interface PeriodEvidence {
  facts?: Record<string, unknown>
  records?: Record<string, unknown[]>
  notApplicable?: string[]
}

/** One subject's evidence, as a checked envelope. */
export interface SubjectEvidence {
  id: string
  name?: string
  facts?: Record<string, unknown>
  records?: Record<string, unknown[]>
  notApplicable?: string[]
  adjustments?: AdjustmentEvidence[]
  self?: { facts?: Record<string, unknown>; records?: Record<string, unknown[]> }
  periods?: Record<string, PeriodEvidence>
}

const KEYS = new Set(['id', 'name', 'facts', 'records', 'notApplicable', 'adjustments', 'self', 'periods'])
const PERIOD = new RegExp(PERIOD_KEY_PATTERN)
const MAX_ID = 200


/**
 * The subject as it is, when its envelope is certainly fine: id, name, facts, records and 不適用 items of the rubric
 * (facts and records are checked by the compiled code); undefined for anything else, which `checkEnvelope` examines.
 */
export function quickEnvelope(s: unknown, maxString: number, items: ReadonlyMap<string, number>): SubjectEvidence | undefined {
  if (!isPlainObject(s)) return undefined
  for (const k in s) {
    switch (k) {
      case 'id':
      case 'name':
      case 'facts':
      case 'records':
      case 'notApplicable':
        if (!Object.prototype.hasOwnProperty.call(s, k)) return undefined
        continue
      default:
        return undefined
    }
  }
  const id = s.id
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID || id.length > maxString || hasControl(id)) return undefined
  const name = s.name
  if (name !== undefined && (typeof name !== 'string' || name.length > maxString || hasControl(name))) return undefined
  if (s.adjustments !== undefined || s.self !== undefined || s.periods !== undefined) return undefined
  const na = s.notApplicable
  if (na !== undefined) {
    if (!Array.isArray(na)) return undefined
    for (let i = 0; i < na.length; i++) if (typeof na[i] !== 'string' || !items.has(na[i])) return undefined
  }
  return s as unknown as SubjectEvidence
}

/** Every problem of a subject's envelope (facts and records aside): appended to `out`. */
export function checkEnvelope(program: Program, s: unknown, scope: Scope, maxString: number, out: Diagnostic[]): void {
  const bad = (code: Parameters<typeof makeDiagnostic>[0], message: string, path: Path) => out.push(makeDiagnostic(code, message, { subject: scope.subject, path }))
  const invalid = (label: string, value: unknown, expected: string, path: Path) => bad('EVIDENCE_INVALID', `${scope.who}: ${label} must be ${expected} (got ${show(value)}).`, path)
  if (!isPlainObject(s)) {
    invalid('the subject', s, 'a mapping with id and facts', [])
    return
  }
  for (const k in s) if (!KEYS.has(k) && out.length <= MAX_PROBLEMS) out.push(unknownField(scope, [], k, [...KEYS]))
  const text = (label: string, v: string, path: Path) => {
    const p = textProblem(scope, label, v, maxString, path)
    if (p) out.push(p)
    return p === undefined
  }
  if (s.id === undefined) bad('EVIDENCE_MISSING', `${scope.who}: "id" is missing.`, ['id'])
  else if (typeof s.id !== 'string' || s.id.length === 0) invalid('"id"', s.id, 'a non-empty text', ['id'])
  else if (s.id.length > MAX_ID) bad('EVIDENCE_INVALID', `${scope.who}: "id" must be at most ${MAX_ID} characters long.`, ['id'])
  else text('"id"', s.id, ['id'])
  if (s.name !== undefined) {
    if (typeof s.name !== 'string') invalid('"name"', s.name, 'text', ['name'])
    else text('"name"', s.name, ['name'])
  }
  const ids = program.layout.index
  const na = (v: unknown, path: Path, words: string) => {
    if (v === undefined) return
    if (!Array.isArray(v)) return invalid(`notApplicable${words}`, v, 'a list of item ids', path)
    v.forEach((x, i) => {
      if (typeof x !== 'string' || !ids.has(x)) invalid(`notApplicable[${i}]${words}`, x, `an item id (${listWords([...ids.keys()])})`, [...path, i])
    })
  }
  na(s.notApplicable, ['notApplicable'], '')
  if (s.adjustments !== undefined) {
    if (!Array.isArray(s.adjustments)) invalid('adjustments', s.adjustments, 'a list of adjustments', ['adjustments'])
    else s.adjustments.forEach((a, i) => checkAdjustment(a, i, ids, scope, maxString, out))
  }
  if (s.self !== undefined) {
    if (!isPlainObject(s.self)) invalid('self', s.self, 'a mapping with facts and records', ['self'])
    else for (const k in s.self) if (k !== 'facts' && k !== 'records') out.push(unknownField(scope, ['self'], k, ['facts', 'records']))
  }
  if (s.periods !== undefined) {
    if (!program.rubric.rollup) out.push(unknownField(scope, [], 'periods', [...KEYS].filter((k) => k !== 'periods')))
    else if (!isPlainObject(s.periods)) invalid('periods', s.periods, 'a mapping of periods (2017-Q1: …)', ['periods'])
    else
      for (const key in s.periods) {
        const p = s.periods[key]
        if (!PERIOD.test(key)) {
          out.push(makeDiagnostic('EVIDENCE_UNKNOWN_FIELD', `${scope.who} has an unknown field "${key.slice(0, 40)}" in periods; expected a period key such as 2024, 2024-03, 2024-Q1 or 2024-H1.`, { subject: scope.subject, path: ['periods', key] }))
          continue
        }
        if (!isPlainObject(p)) {
          invalid(`periods.${key}`, p, 'a mapping with facts, records and notApplicable', ['periods', key])
          continue
        }
        for (const k in p) if (k !== 'facts' && k !== 'records' && k !== 'notApplicable') out.push(unknownField(scope, ['periods', key], k, ['facts', 'records', 'notApplicable']))
        na(p.notApplicable, ['periods', key, 'notApplicable'], ` in period ${key}`)
      }
  }
}

function checkAdjustment(a: unknown, i: number, ids: ReadonlyMap<string, number>, scope: Scope, maxString: number, out: Diagnostic[]): void {
  const path: Path = ['adjustments', i]
  const bad = (code: Parameters<typeof makeDiagnostic>[0], message: string, at: Path = path): void => void out.push(makeDiagnostic(code, message, { subject: scope.subject, path: at }))
  if (!isPlainObject(a)) return bad('EVIDENCE_INVALID', `${scope.who}: adjustments[${i}] must be a mapping with item, to or by, reason and approver (got ${show(a)}).`)
  for (const k in a) if (!['item', 'to', 'by', 'reason', 'approver', 'date'].includes(k)) out.push(unknownField(scope, path, k, ['item', 'to', 'by', 'reason', 'approver', 'date']))
  if (a.item === undefined) bad('EVIDENCE_MISSING', `${scope.who}: adjustments[${i}] has no "item".`, [...path, 'item'])
  else if (typeof a.item !== 'string' || (a.item !== 'total' && !ids.has(a.item))) bad('EVIDENCE_INVALID', `${scope.who}: adjustments[${i}].item must be an item id or "total" (got ${show(a.item)}).`, [...path, 'item'])
  for (const k of ['reason', 'approver'] as const) {
    const v = a[k]
    if (v === undefined) bad('EVIDENCE_MISSING', `${scope.who}: adjustments[${i}] has no "${k}".`, [...path, k])
    else if (typeof v !== 'string' || v.length === 0) bad('EVIDENCE_INVALID', `${scope.who}: adjustments[${i}].${k} must not be empty.`, [...path, k])
    else {
      const p = textProblem(scope, `adjustments[${i}].${k}`, v, maxString, [...path, k])
      if (p) out.push(p)
    }
  }
  if (a.date !== undefined && (typeof a.date !== 'string' || parseDay(a.date) === undefined))
    bad('EVIDENCE_INVALID', `${scope.who}: adjustments[${i}].date must be a date written YYYY-MM-DD (got ${show(a.date)}).`, [...path, 'date'])
  const given = (['to', 'by'] as const).filter((k) => a[k] !== undefined)
  if (given.length !== 1) bad('EVIDENCE_INVALID', `${scope.who}: adjustments[${i}] must give exactly one of "to" (the adjusted score) or "by" (the change)${given.length === 2 ? ', not both' : ''}.`)
  for (const k of given) {
    const v = a[k]
    if (adjustmentValue(v) === undefined) {
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : undefined
      if (n !== undefined && Number.isFinite(n) && Math.abs(n) <= 9_007_199_254.740991) bad('EVIDENCE_PRECISION', `${scope.who}: adjustments[${i}].${k} = ${show(v)} has more than 6 decimal places; round it in the source system.`, [...path, k])
      else bad('EVIDENCE_INVALID', `${scope.who}: adjustments[${i}].${k} must be a number or a decimal string (got ${show(v)}).`, [...path, k])
    }
  }
}

/** An adjustment's to / by as Fixed; undefined when not an exact decimal. */
export function adjustmentValue(v: unknown): Fixed | undefined {
  if (typeof v === 'number') return fromNumber(v)
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return parseFixed(v)
  return undefined
}
