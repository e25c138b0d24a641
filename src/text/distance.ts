/**
 * Edit distance for "did you mean": one bounded implementation for every suggestion kaoping makes (unknown names in a
 * rubric, unknown CSV columns). Bounded whatever the input: strings are compared up to SUGGEST_CHARS characters, a
 * comparison stops as soon as it is certainly over its limit, and the work of a whole check can be taken from one
 * budget.
 */

/** A suggestion compares names of at most this many characters (ids and names are at most 64): longer ones get none. */
export const SUGGEST_CHARS = 64
/** A suggestion looks at most at this many candidates (in the order given: the rubric's order). */
export const SUGGEST_CANDIDATES = 1000
/**
 * The work all the suggestions of one check may take together, in cells of the distance table (about a tenth of a
 * second): a rubric with thousands of unknown names gets suggestions for the first ones, then the lists alone.
 */
export const SUGGEST_BUDGET = 20_000_000

/** What is left of a suggestion budget; share one among the suggestions of a check (`suggestBudget()`). */
export interface SuggestBudget {
  cells: number
}

export const suggestBudget = (cells = SUGGEST_BUDGET): SuggestBudget => ({ cells })

/** Rows reused by editDistance (three: optimal string alignment looks two rows back). */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(SUGGEST_CHARS + 1), new Int32Array(SUGGEST_CHARS + 1), new Int32Array(SUGGEST_CHARS + 1)]

/**
 * Edit distance with adjacent transpositions ("titel" → "title" is 1), or `limit + 1` as soon as it is certainly more
 * than `limit` (a row whose every cell is over it). Time: a.length × b.length at most, less with a small limit.
 */
export function editDistance(a: string, b: string, limit = Infinity, budget?: SuggestBudget): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  const n = b.length
  if (rows[0].length <= n) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)]
  let [before, prev, cur] = rows
  for (let j = 0; j <= n; j++) prev[j] = j
  for (let i = 1; i <= a.length; i++) {
    if (budget !== undefined) budget.cells -= n + 1
    cur[0] = i
    let least = i
    const ai = a.charCodeAt(i - 1)
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1)
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1))
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, before[j - 2]! + 1)
      cur[j] = v
      if (v < least) least = v
    }
    if (least > limit) return limit + 1
    ;[before, prev, cur] = [prev, cur, before]
  }
  return prev[n]!
}

