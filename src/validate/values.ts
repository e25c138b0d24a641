/** Small shared helpers for rubric checks: exact values (params resolved to their defaults) and the item tree with paths. */
import type { Item } from '../model/item'
import type { Rubric } from '../model/rubric'
import { fromInt, fromNumber, ONE, parseFixed, toFixedString, type Fixed } from '../num/fixed'
import type { MutablePath } from './walk'

/** A decimal literal (number or decimal string) as Fixed; undefined when not exact within 6 places. */
export function literalFixed(v: unknown): Fixed | undefined {
  if (typeof v === 'number') return fromNumber(v)
  if (typeof v === 'string') return parseFixed(v.trim())
  return undefined
}

/** A number-or-param value: the literal, or the default of a number/rate/integer parameter; undefined when unknown. */
export function valueFixed(rubric: Rubric, v: unknown): Fixed | undefined {
  if (v !== null && typeof v === 'object' && 'param' in v) {
    const name = (v as { param: unknown }).param
    const p = typeof name === 'string' && rubric.params && Object.prototype.hasOwnProperty.call(rubric.params, name) ? rubric.params[name] : undefined
    if (!p) return undefined
    let x: Fixed | undefined
    if (p.type === 'integer') x = Number.isSafeInteger(p.default) && Math.abs(p.default) <= Number.MAX_SAFE_INTEGER / 1e6 ? fromInt(p.default) : undefined
    else if (p.type === 'number' || p.type === 'rate') x = literalFixed(p.default)
    if (x === undefined) return undefined
    // an invalid default is reported once (PARAM_TYPE), not again by every check that uses it
    if (p.type === 'rate' && (x < 0 || x > ONE)) return undefined
    if (p.type === 'number' || p.type === 'integer') {
      const lo = p.min === undefined ? undefined : literalFixed(p.min)
      const hi = p.max === undefined ? undefined : literalFixed(p.max)
      if ((lo !== undefined && x < lo) || (hi !== undefined && x > hi)) return undefined
    }
    return x
  }
  return literalFixed(v)
}

/** A word-or-param value (rounding mode): the literal, or the parameter's default. */
export function wordValue(rubric: Rubric, v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (v !== null && typeof v === 'object' && 'param' in v) {
    const name = (v as { param: unknown }).param
    const p = typeof name === 'string' && rubric.params && Object.prototype.hasOwnProperty.call(rubric.params, name) ? rubric.params[name] : undefined
    return p && typeof p.default === 'string' ? p.default : undefined
  }
  return undefined
}

export const fmt = (v: Fixed): string => toFixedString(v)

export interface ItemAt {
  item: Item
  path: MutablePath
  parent: Item | undefined
}

/** Every item of the tree in pre-order, with its path (['items', 0, 'items', 2]). */
export function allItems(rubric: Rubric): ItemAt[] {
  const out: ItemAt[] = []
  const walk = (items: readonly Item[], path: MutablePath, parent: Item | undefined): void => {
    items.forEach((item, i) => {
      const at = [...path, i]
      out.push({ item, path: at, parent })
      if (item.kind === 'section') walk(item.items, [...at, 'items'], item)
    })
  }
  walk(rubric.items, ['items'], undefined)
  return out
}

export function hasKey<T extends object>(o: T | undefined, key: string): boolean {
  return o !== undefined && Object.prototype.hasOwnProperty.call(o, key)
}

/** The declared fact, record type or param named `key`, safely (names such as "toString" are not inherited). */
export function own<T>(o: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return o !== undefined && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined
}
