/**
 * The ids of a cohort's subjects, for finding one given twice and for ranking ties in id order: one array of the id
 * strings, the entry each was first given at and an open-addressing table of their places, both in typed arrays —
 * a few bytes per subject beside the id itself (a Map of a million strings costs tens of bytes each, and large
 * arrays of numbers would sit in the collector's large-object space; ranking a province keeps all this to the end).
 */
export class IdIndex {
  #keys: string[] = []
  #entries = new Int32Array(1024)
  #table = new Int32Array(1024).fill(-1)

  /** Ids recorded. */
  get size(): number {
    return this.#keys.length
  }

  /** The place k of an id, or -1. */
  find(id: string): number {
    if (this.#table.length === 0) throw new Error('IdIndex: sealed')
    const mask = this.#table.length - 1
    for (let h = hash(id) & mask; ; h = (h + 1) & mask) {
      const k = this.#table[h]!
      if (k === -1 || this.#keys[k] === id) return k
    }
  }

  /** Records a new id, first given at `entry`; returns its place k. */
  add(id: string, entry: number): number {
    if (this.#table.length === 0) throw new Error('IdIndex: sealed')
    if ((this.#keys.length + 1) * 2 > this.#table.length) this.#grow()
    const mask = this.#table.length - 1
    let h = hash(id) & mask
    while (this.#table[h] !== -1) h = (h + 1) & mask
    const k = this.#keys.length
    this.#table[h] = k
    this.#keys.push(id)
    if (k === this.#entries.length) {
      const entries = new Int32Array(k * 2)
      entries.set(this.#entries)
      this.#entries = entries
    }
    this.#entries[k] = entry
    return k
  }

  /** The id at place k. */
  key(k: number): string {
    return this.#keys[k]!
  }

  /** The entry the id at place k was first given at. */
  entry(k: number): number {
    return this.#entries[k]!
  }

  /** No more ids will be added or looked up: the look-up table and entries go; `key` still gives every id. */
  seal(): void {
    this.#table = new Int32Array(0)
    this.#entries = new Int32Array(0)
  }

  #grow(): void {
    const table = new Int32Array(this.#table.length * 2).fill(-1)
    const mask = table.length - 1
    for (let k = 0; k < this.#keys.length; k++) {
      let h = hash(this.#keys[k]!) & mask
      while (table[h] !== -1) h = (h + 1) & mask
      table[h] = k
    }
    this.#table = table
  }
}

/** FNV-1a over UTF-16 code units. */
function hash(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}
