/** The item tree with paths, for the checks that walk it. */
import type { Item } from '../kinds'
import type { Rubric } from '../kinds/rubric'
import type { Path } from '../kinds/kit/values'

export { fmt, literalFixed, own } from '../kinds/kit/values'

export interface ItemAt {
  item: Item
  path: Path
  parent: Item | undefined
}

/** Every item of the tree in pre-order, with its path (['items', 0, 'items', 2]). */
export function allItems(rubric: Pick<Rubric, 'items'>): ItemAt[] {
  const out: ItemAt[] = []
  const walk = (items: readonly Item[], path: Path, parent: Item | undefined): void => {
    items.forEach((item, i) => {
      const at = [...path, i]
      out.push({ item, path: at, parent })
      if (item.kind === 'section') walk(item.items, [...at, 'items'], item)
    })
  }
  walk(rubric.items, ['items'], undefined)
  return out
}
