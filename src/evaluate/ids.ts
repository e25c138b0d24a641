/**
 * The ids of a cohort's subjects, for finding one given twice: an open-addressing table of entry numbers in a typed
 * array, a few bytes per subject (a Map of a million strings costs tens of bytes each, and ranking a province keeps it
 * to the end).
 */
export class IdIndex {
  #keys: (string | undefined)[] = []
  #entries: (number | undefined)[] = []
  #table = new Int32Array(1024).fill(-1)
  #size = 0

  /** The entry an id was first given at, or undefined; records it at `entry` when it is new. */
  firstOrAdd(id: string, entry: number): number | undefined {
    if ((this.#size + 1) * 2 > this.#table.length) this.#grow()
    const mask = this.#table.length - 1
    for (let h = hash(id) & mask; ; h = (h + 1) & mask) {
      const k = this.#table[h]!
      if (k === -1) {
        this.#table[h] = this.#keys.length
        this.#keys.push(id)
        this.#entries.push(entry)
        this.#size++
        return undefined
      }
      if (this.#keys[k] === id) return this.#entries[k]
    }
  }

  has(id: string): boolean {
    const mask = this.#table.length - 1
    for (let h = hash(id) & mask; ; h = (h + 1) & mask) {
      const k = this.#table[h]!
      if (k === -1) return false
      if (this.#keys[k] === id) return true
    }
  }

  clear(): void {
    this.#keys = []
    this.#entries = []
    this.#table = new Int32Array(1024).fill(-1)
    this.#size = 0
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
