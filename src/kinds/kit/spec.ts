/**
 * The shape of a construct of the rubric language. Each item kind (src/kinds/<kind>.ts) and each condition form
 * (src/kinds/conditions/<form>.ts) is one definition object of this shape, as each ajv keyword is one definition:
 * its part of the zod model, the names it refers to, the rules and lint findings about it, the code it compiles to,
 * and the words of its trail. The stages (validate, lint, compile, evaluate) call these through the registry
 * (src/kinds/index.ts); a construct never imports a stage.
 */
import type { z } from 'zod'
import type { Code } from '../../diagnostics/codes'
import type { DateValue, Value, Where } from '../../model/common'
import type { Declarations, Fact, Field } from '../../model/declarations'
import type { Fixed } from '../../num/fixed'
import type { Path } from './values'

/** How a leaf's points came about, as data: rendered by `explain`. */
export interface Explained {
  /** The rule in words, with the rubric's constants filled in. */
  rule: string
  /** The evidence values it read, as exact strings. */
  inputs: Record<string, string>
  /** The arithmetic, step by step, ending in the points before the item's bounds are applied. */
  arithmetic: string
  /** Bounds, 不適用 rescaling or caps applied after the rule (a section says its own; for a leaf the evaluator adds them). */
  bounds?: string
}

/** The names a construct refers to. The reference check reports undeclared ones; the compiler learns how facts are used. */
export interface Refs {
  /** A fact, with the types this use accepts; `count` when its value counts faults or pieces (whole, not negative). */
  fact(name: string, path: Path, use: string, types?: readonly Fact['type'][], role?: 'count'): void
  records(name: string, path: Path, use: string): void
  /** The fields a `where:` filter names (at `at`, whose key `where` holds it). */
  where(where: Where | undefined, records: string, at: Path): void
  field(name: string, records: string, path: Path, use: string, fieldType?: Field['type']): void
  quota(id: string, path: Path, use: string): void
  item(id: string, path: Path, use: string): void
  /** A name in an expression (`within`: where in the text at `path`): a numeric fact, a computed value or a number parameter. */
  name(name: string, path: Path, use: string, within: { text: string; start: number; end: number }): void
}

/**
 * Rules and lint findings about a schema-valid rubric. Values are resolved with the parameter values being checked:
 * the defaults when a rubric is validated, the given values when an evaluation overrides parameters (so an override
 * passes the same rules as the value written in the rubric).
 */
export interface Checker {
  readonly decls: Declarations
  /** A number as written (literal or `{ param }`), resolved; undefined when it cannot be known. */
  value(v: unknown): Fixed | undefined
  /** A word as written (a rounding mode or `{ param }`), resolved. */
  word(v: unknown): string | undefined
  fact(name: string): Fact | undefined
  /** A value the language does not allow here (SCHEMA_INVALID_VALUE). */
  bad(message: string, path: Path, hint?: string): void
  /** A finding; `within` marks the part of the text value at `path` it is about (a column of an expression). */
  report(code: Code, message: string, path: Path, hint?: string, within?: { text: string; start: number; end: number }): void
  /** Exactly one of two keys. */
  oneOf(o: object, keys: readonly [string, string], what: string, path: Path): void
  /** lo ≤ hi when both are known. */
  ordered(lo: unknown, hi: unknown, what: string, path: Path): void
  /** The record type declares a key or date field. */
  needsField(list: string | undefined, field: 'key' | 'date', what: string, path: Path): void
  /** Values compared with (or targeted for) a numeric fact must lie within what the fact can take. */
  outsideDomain(fact: string, values: readonly (readonly [string, unknown])[], path: Path): void
  /** A value (at `path`, under key `key`) must not exceed the item's max (MAX_MISMATCH). */
  notAbove(max: Fixed | undefined, value: unknown, what: string, itemId: string, path: Path): void
  /** A value must be > 0 (strict) or ≥ 0. */
  positive(value: unknown, strict: boolean, what: string, path: Path): void
}

/** A compiled item's place in the tree, as the code generator knows it. */
export interface NodeInfo {
  readonly index: number
  readonly id: string
  readonly max: Fixed
  readonly min: Fixed
  /** max plus the bonus it may give beyond it (the bound its score is kept within). */
  readonly hi: Fixed
}

/**
 * The code generator, as a construct sees it. Constructs emit JavaScript statements through it; the generator owns
 * how evidence is read (facts, records, the assessed span), how parameters are bound and how trails are recorded.
 * Every identifier and literal in emitted code comes from these methods (or from `local`), never from rubric text.
 */
export interface Gen {
  /** Appends statements. */
  line(code: string): void
  /** A fresh local variable name. */
  local(hint: string): string
  /** A Fixed as a JavaScript literal. */
  lit(v: Fixed): string
  /** A safe integer (a count, a duration's years) as a JavaScript literal. */
  int(n: number): string
  /** A string as a JavaScript string literal. */
  str(s: string): string
  /** A rubric number (literal or parameter) as an expression of its Fixed value. */
  num(v: Value | undefined, fallback?: Fixed): string
  /** A step rounding (literal or parameter) as an expression: 0 ceil, 1 floor, 2 exact. */
  rounding(v: unknown): string
  /** A date value (YYYY-MM-DD, --MM-DD, or a date parameter) as an expression of its day number (NaN: unknown). */
  day(v: DateValue): string
  /** A numeric fact as an expression of its Fixed value (missing: the rubric's policy). */
  number(fact: string): string
  /** A fact used as a count: an expression of its whole part (a plain integer). */
  count(fact: string): string
  /** A yes/no fact as a boolean expression. */
  boolean(fact: string): string
  /** Whether an enum fact equals one of `values`: a boolean expression (missing: false, with a warning). */
  enumIn(fact: string, values: readonly string[]): string
  /** An enum fact's value as an expression: its index among the declared values, -1 when missing. */
  enumIndex(fact: string): string
  /** A date fact as an expression of its day number, NaN when absent. */
  date(fact: string): string
  /** A weighted term's fact: a number, or a score fact (a list combined with `combine`). */
  score(fact: string, combine: 'sum' | 'mean' | 'min' | 'max'): string
  /** The evaluation date as an expression; the evaluation stops with OPTION_INVALID when there is none. */
  asOf(what: string): string
  /** Loops over a record list: in the assessed span (`span`), or all given records. */
  rows(list: string, span: boolean, body: (row: string, j: string) => void): void
  /** The day number of record `j` of a list (NaN when the type has no date field). */
  recordDay(list: string, j: string): string
  /** A `where:` filter as a boolean expression on `row`. */
  where(list: string, where: Where | undefined, row: string): string
  /** The points of a record: a number, or chosen by one of its fields (unknown value: the evidence is refused). */
  points(list: string, points: Value | { by: string; values: Record<string, Value> }, row: string, j: string, itemId: string): string
  /** A record's key, normalised for comparison. */
  key(list: string, row: string): string
  /** Two arrays to gather (key, points) pairs in, reused from run to run (one construct at a time). */
  scratch(): [keys: string, points: string]
  /** A condition: emits it and returns the name of a boolean local holding whether it holds. */
  cond(c: unknown): string
  /** A quota's outcome for this subject ({ required, count, shortfall, periods }), computed once. */
  quota(id: string): string
  /** The exact score of an earlier item (or the total, outside the tree). */
  score_of(id: string): string
  /**
   * A table made once per set of parameter values (band edges, points by category): `make` gets the values resolved.
   * Returns the expression that reads it.
   */
  bind(make: (num: (v: Value | undefined, fallback?: Fixed) => Fixed) => unknown): string
  /** A runtime helper: `h.name`. */
  helper(name: string): string
  /** Reserves `n` trail slots for this construct; `record(i, expr)` stores a number in slot i. */
  slots(n: number): (i: number, expr: string) => void
  /** A statement that stops scoring this subject with an evidence diagnostic (message and path are expressions). */
  refuse(code: Code, message: string, path: string): string
  /** A statement that adds a warning to the subject's result when warnings are collected (expressions, evaluated then). */
  warn(code: Code, message: string, path: string): string
  /** An evidence path as an array expression: `path('facts', name)`. */
  path(...segments: (string | number)[]): string
  /** The item being compiled, and the variable its points go to. */
  readonly node: NodeInfo
  readonly out: string
  /** The score of a section's items, rescaled for 不適用 (sections only). */
  sectionSum(): string
  readonly decls: Declarations
}

/** The values an evaluation recorded for one construct, with the rubric's values resolved for that evaluation. */
export interface TrailView {
  /** Slot i of this construct (NaN: not recorded, e.g. a condition not reached). */
  slot(i: number): number
  num(v: Value | undefined, fallback?: Fixed): Fixed
  word(v: unknown): string
  /** A date value resolved for this evaluation (yearly dates in the evaluated year); undefined when unknown. */
  day(v: DateValue): number | undefined
  /** The explanation of a nested condition. */
  cond(c: unknown): string
  /** A quota's outcome for this subject. */
  quota(id: string): { required: number; count: number; shortfall: number; periods: { period: string; count: number; required: number; short: number }[] }
  /** The item's points after bounds (items only). */
  readonly score: Fixed
  /** The item's points as its rule gave them, before bounds (items only). */
  readonly raw: Fixed
  readonly node: NodeInfo
  /** A section's items: their scores and 不適用 state. */
  children(): { id: string; score: Fixed; max: Fixed; na: boolean; policy: 'rescale' | 'zero' }[]
  readonly asOf: number | undefined
  readonly decls: Declarations
}

/** An item kind: everything about it in one definition. */
export interface ItemKind<T = any> {
  readonly kind: string
  /** Its zod object (with the fields every item has). */
  readonly schema: z.ZodType
  /** The names it refers to. */
  refs(item: T, r: Refs, at: Path): void
  /** Ids it defines inside itself (a deduction's id), which share the namespace of item ids. */
  ids?(item: T, at: Path): { id: string; path: Path; what: string }[]
  /** The rules the schema cannot express. */
  check?(item: T, c: Checker, at: Path): void
  /** Lint findings (band gaps, deductions without a floor, …). */
  lint?(item: T, c: Checker, at: Path): void
  /** Emits the statements that set `g.out` to its points (before the item's bounds). */
  emit(item: T, g: Gen): void
  /** Its trail, from what the emitted code recorded. */
  trail(item: T, v: TrailView): Explained
}

/** A condition form: everything about it in one definition. */
export interface ConditionForm<C = any> {
  /** The key that marks this form (fact, count, quota, date, span, order, score, all, any, not). */
  readonly key: string
  readonly schema: z.ZodType
  refs(c: C, r: Refs, at: Path): void
  check?(c: C, k: Checker, at: Path): void
  /** Emits the statements that decide it; returns the name of a boolean local. */
  emit(c: C, g: Gen): string
  /** Its explanation, from what the emitted code recorded ('✓' or '✗' at the end). */
  explain(c: C, v: TrailView): string
}
