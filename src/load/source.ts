/**
 * Reading YAML text into plain data while keeping the parsed document, so that
 * later stages (schema validation, rubric checks) can point at the exact place
 * in the file a problem comes from.
 *
 * YAML 1.2 with the core schema is enforced, even if the file carries a
 * `%YAML 1.1` directive: `yes`/`no`/`on`/`off` stay strings and `2017-01-01`
 * stays a string (no timestamps), so dates and answers are read verbatim.
 *
 * A leading byte-order mark is removed before parsing. All spans and offsets
 * (in diagnostics and from `locate`) refer to the text WITHOUT the BOM, which
 * is `SourceDoc.text`; line and column numbers are unaffected by the BOM.
 */
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Lexer, Parser, visit, YAMLParseError } from 'yaml'
import type { Alias, CST, Document, Pair, YAMLError, YAMLMap } from 'yaml'
import { diagnose, makeDiagnostic } from '../diagnostics/diagnostic'
import type { Code, ParamsOf, TemplatedCode } from '../diagnostics/codes'
import { fail, hasErrors, ok } from '../diagnostics/diagnostic'
import type { Diagnostic, Location, Path, Related, Result, Span } from '../diagnostics/diagnostic'
import { lineIndex, spanLocation } from '../diagnostics/format'
import { codePoint, CONTROL_CHARACTER, DEFAULT_LIMITS, limitExceeded, type LimitName } from '../limits'
import { numberLiteralProblem, numberProblemCode, preview, textProblem, type TextRole } from './text'
import { syntaxCause } from './yaml-syntax'

export interface SourceDoc {
  /** The parsed text (BOM removed). */
  text: string
  file?: string
  doc: Document.Parsed
  /** Span of the value at `path`, or of its deepest existing ancestor. */
  locate(path: Path): Span | undefined
  /** Span of the key scalar of the last segment of `path`, when that key exists in a mapping. */
  locateKey(path: Path): Span | undefined
  /** 1-based line and code-point column of an offset into `text`. */
  position(offset: number): { line: number; column: number }
  /** Full `Location` (with `file` and exclusive end) of a span of `text`. */
  location(span: Span): Location
}

export interface ParseOptions {
  file?: string
  /** Limit on alias expansion (yaml's `maxAliasCount`); default 100, -1 disables the check. */
  maxAliasCount?: number
  /**
   * Deepest nesting of mappings and lists allowed (default 100; a rubric needs
   * about 15). Deeper input is refused with `LIMIT_EXCEEDED` before it is built,
   * so that it can never exhaust the call stack.
   */
  maxDepth?: number
  /**
   * Longest string (key or value) allowed, in UTF-16 code units (default 10,000). Longer strings are refused with
   * `LIMIT_EXCEEDED`; strings holding control characters with `TEXT_CONTROL_CHARACTER`.
   */
  maxStringLength?: number
  /** Largest text allowed, in bytes of UTF-8, and the name of the limit that says so (default: none). */
  maxBytes?: { name: LimitName; value: number }
  /**
   * What the text is, for the codes of number problems: a rubric (`SCHEMA_INVALID_VALUE`, the default) or evidence
   * (`EVIDENCE_INVALID`, `EVIDENCE_PRECISION`, `NUMBER_OUT_OF_RANGE`).
   */
  role?: TextRole
}

export const DEFAULT_MAX_DEPTH = DEFAULT_LIMITS.maxDepth

interface Step {
  node: unknown
  pair?: Pair
}

function nodeSpan(node: unknown): Span | undefined {
  const r = (node as { range?: readonly number[] | null } | null)?.range
  return r && r.length >= 2 ? { start: r[0] as number, end: r[1] as number } : undefined
}

function keyMatches(key: unknown, segment: string | number): boolean {
  return isScalar(key) && key.value !== null && typeof key.value !== 'object' && String(key.value) === String(segment)
}

/**
 * The pairs of a large mapping by key (the first pair of each key), made once per mapping: placing many diagnostics
 * in a mapping of thousands of keys must not scan it once per diagnostic.
 */
const pairsByKey = new WeakMap<object, Map<string, Pair>>()

function pairOf(n: YAMLMap, segment: string | number): Pair | undefined {
  if (n.items.length <= 16) return n.items.find((p) => keyMatches(p.key, segment))
  let byKey = pairsByKey.get(n)
  if (byKey === undefined) {
    byKey = new Map()
    for (const p of n.items) if (isScalar(p.key) && p.key.value !== null && typeof p.key.value !== 'object' && !byKey.has(String(p.key.value))) byKey.set(String(p.key.value), p)
    pairsByKey.set(n, byKey)
  }
  return byKey.get(String(segment))
}

/** One step down from `node` (following an alias into its anchored node). */
function child(doc: Document.Parsed, node: unknown, segment: string | number): Step | undefined {
  const n = isAlias(node) ? (node as Alias).resolve(doc) : node
  if (isMap(n)) {
    const pair = pairOf(n as YAMLMap, segment)
    return pair ? { node: pair.value, pair } : undefined
  }
  if (isSeq(n)) {
    const i = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1
    return Number.isInteger(i) && i >= 0 && i < n.items.length ? { node: n.items[i] } : undefined
  }
  return undefined
}

/** The span to show for a step: the value, or the key when the value is empty. */
function stepSpan(step: Step): Span | undefined {
  const value = step.node
  const valueSpan = nodeSpan(value)
  const empty = value === null || value === undefined || (isScalar(value) && value.value === null && valueSpan?.start === valueSpan?.end)
  if (empty && isPair(step.pair)) return nodeSpan(step.pair.key) ?? valueSpan
  return valueSpan
}

/** Span of the node at `path` in `doc`, walking up to the deepest existing ancestor. */
export function locateInDocument(doc: Document.Parsed, path: Path): Span | undefined {
  let best: Span | undefined = nodeSpan(doc.contents) ?? { start: 0, end: 0 }
  let node: unknown = doc.contents
  for (const segment of path) {
    const step = child(doc, node, segment)
    if (!step) break
    best = stepSpan(step) ?? best
    node = step.node
  }
  return best
}

/** Span of the key scalar naming the last segment of `path`, if that key exists. */
export function locateKeyInDocument(doc: Document.Parsed, path: Path): Span | undefined {
  if (path.length === 0) return undefined
  let node: unknown = doc.contents
  for (const segment of path.slice(0, -1)) {
    const step = child(doc, node, segment)
    if (!step) return undefined
    node = step.node
  }
  const last = child(doc, node, path[path.length - 1] as string | number)
  return last?.pair ? nodeSpan(last.pair.key) : undefined
}

function createSourceDoc(text: string, doc: Document.Parsed, file: string | undefined): SourceDoc {
  const index = lineIndex(text)
  const source: SourceDoc = {
    text,
    doc,
    locate: (path) => locateInDocument(doc, path),
    locateKey: (path) => locateKeyInDocument(doc, path),
    position: (offset) => index(offset),
    location: (span) => spanLocation(index, span, file),
  }
  if (file !== undefined) source.file = file
  return source
}

function located(source: Pick<SourceDoc, 'file' | 'location'>, code: Code, message: string, span: Span, severity?: Diagnostic['severity']): Diagnostic {
  return makeDiagnostic(code, message, { file: source.file, span, location: source.location(span), severity })
}

/** A diagnostic of a code with message templates, at `span`. */
function locatedWith<C extends TemplatedCode>(source: Pick<SourceDoc, 'file' | 'location'>, code: C, params: ParamsOf<C>, span: Span): Diagnostic {
  return diagnose(code, params, { file: source.file, span, location: source.location(span) })
}

/**
 * Offset of the first mapping or list nested more than `limit` levels deep in
 * the CST, or undefined. Iterative, so any depth is safe to inspect.
 */
function firstTooDeep(tokens: readonly CST.Token[], limit: number): number | undefined {
  const stack: { token: CST.Token | undefined; depth: number }[] = tokens.map((token) => ({ token, depth: 0 })).reverse()
  let found: number | undefined
  while (stack.length) {
    const { token, depth } = stack.pop()!
    if (!token) continue
    if (token.type === 'document') {
      stack.push({ token: token.value, depth })
      continue
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue
    const d = depth + 1
    if (d > limit) {
      if (found === undefined || token.offset < found) found = token.offset
      continue
    }
    for (const item of token.items) {
      const entry = item as { key?: CST.Token | null; value?: CST.Token }
      if (entry.value) stack.push({ token: entry.value, depth: d })
      if (entry.key) stack.push({ token: entry.key, depth: d })
    }
  }
  return found
}

/**
 * The CST tokens of the text, read by yaml's lexer and parser in one pass, and the offset of the first flow collection
 * ([…] or {…}) nested more than `limit` levels deep, if any: the lexer's tokens are counted as they arrive, and the
 * parser stops there (it would take seconds to build a million nested lists before the exact check could refuse them).
 */
function tokenize(text: string, limit: number): { tokens: CST.Token[]; flow: number | undefined } {
  const parser = new Parser()
  const tokens: CST.Token[] = []
  let depth = 0
  let offset = 0
  for (const lexeme of new Lexer().lex(text)) {
    // control tokens (document start, scalar, flow error end) are one character below U+0020 and not in the text
    if (!(lexeme.length === 1 && lexeme.charCodeAt(0) < 0x20 && lexeme !== '\n' && lexeme !== '\t' && lexeme !== '\r')) {
      if (lexeme === '[' || lexeme === '{') {
        if (++depth > limit) return { tokens: [], flow: offset }
      } else if (lexeme === ']' || lexeme === '}') depth--
      offset += lexeme.length
    }
    for (const token of parser.next(lexeme)) tokens.push(token)
  }
  for (const token of parser.end()) tokens.push(token)
  return { tokens, flow: undefined }
}

/** How kaoping composes YAML: 1.2 core schema, no tags resolved, keys given twice found by `duplicateKeys`. */
const COMPOSE: ConstructorParameters<typeof Composer>[0] = {
  // yaml compares each key with every other key of its mapping (a mapping of 16,000 keys: seconds); kaoping finds
  // keys given twice itself, with a set per mapping (`duplicateKeys`)
  uniqueKeys: false,
  keepSourceTokens: false,
  version: '1.2',
  schema: 'core',
  resolveKnownTags: false,
}

/** yaml's parseDocument, from CST tokens already read. */
function compose(tokens: readonly CST.Token[], text: string, options: ConstructorParameters<typeof Composer>[0]): Document.Parsed {
  const composer = new Composer(options)
  let doc: Document.Parsed | undefined
  for (const next of composer.compose(tokens, true, text.length)) {
    if (!doc) doc = next
    else {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'))
      break
    }
  }
  return doc as Document.Parsed // compose(…, true, …) always yields a document
}

/**
 * Keys given twice in a mapping (YAML_DUPLICATE_KEY at the second), as yaml's own check finds them — scalar keys of
 * the same type and value — with one set per mapping: linear in the number of keys.
 */
function duplicateKeys(source: SourceDoc): Diagnostic[] {
  const out: Diagnostic[] = []
  visit(source.doc, {
    Map(_, map) {
      if (map.items.length < 2) return
      const seen = new Set<string>()
      for (const pair of map.items) {
        const key = pair.key
        if (!isScalar(key)) continue
        const id = `${typeof key.value}:${String(key.value)}`
        if (!seen.has(id)) {
          seen.add(id)
          continue
        }
        const span = nodeSpan(key)
        if (!span) continue
        const text = source.text.slice(span.start, span.end).trim()
        out.push(locatedWith(source, 'YAML_DUPLICATE_KEY', text ? { key: text } : {}, span))
      }
    },
  })
  return out
}

function fromYamlError(source: SourceDoc, e: YAMLError, warning: boolean): Diagnostic {
  const span = { start: e.pos[0], end: Math.max(e.pos[0], e.pos[1]) }
  if (warning) return locatedWith(source, 'YAML_WARNING', { yaml: e.message }, span)
  switch (e.code) {
    case 'DUPLICATE_KEY': {
      const keySpan = keyAt(source.doc, span.start) ?? span
      const key = source.text.slice(keySpan.start, keySpan.end).trim()
      return locatedWith(source, 'YAML_DUPLICATE_KEY', key ? { key } : {}, keySpan)
    }
    case 'MULTIPLE_DOCS':
      return locatedWith(source, 'YAML_MULTIPLE_DOCUMENTS', {}, span)
    case 'RESOURCE_EXHAUSTION':
      return located(source, 'LIMIT_EXCEEDED', `The YAML is nested too deeply to read: ${e.message}`, span)
    default:
      return locatedWith(source, 'YAML_SYNTAX', { cause: 'yaml', yaml: e.message }, span)
  }
}

/** Codes of yaml's errors that are not about the syntax of the text. */
const NOT_SYNTAX = new Set(['MULTIPLE_DOCS', 'RESOURCE_EXHAUSTION', 'DUPLICATE_KEY'])

/**
 * The one diagnostic for a text with YAML syntax errors: the first, at its cause (see yaml-syntax.ts), saying how many
 * more errors the parser reported. Most of them follow from the first (a tab, a line indented a space too far), and
 * a person fixes one error and checks again, so they are not printed.
 */
function firstSyntaxError(source: SourceDoc, errors: readonly YAMLError[], first: YAMLError): Diagnostic {
  const more = errors.length > 1 ? errors.length - 1 : undefined
  const span = { start: first.pos[0], end: Math.max(first.pos[0], first.pos[1]) }
  // an unclosed { … } or [ … ]: yaml notices it where the next line starts; point at the opening bracket
  const open = /end with a ([}\]])$/.test(first.message) ? unclosedFlowAt(source.doc, span.start) : undefined
  if (open) {
    const d = locatedWith(source, 'YAML_SYNTAX', { cause: 'unclosed-bracket', open: source.text[open.start]!, yaml: first.message, more }, open)
    d.related = [{ message: 'The parser noticed it here.', span, location: source.location(span) }]
    return d
  }
  // tried changes are judged by their syntax errors (a second document, say, is another matter)
  const reparse = (text: string) => compose([...new Parser().parse(text)], text, COMPOSE).errors.filter((e) => !NOT_SYNTAX.has(e.code))
  const cause = syntaxCause(source.text, first, errors.filter((e) => !NOT_SYNTAX.has(e.code)).length, reparse)
  return locatedWith(source, 'YAML_SYNTAX', { ...cause.params, more }, cause.span)
}

/** The opening bracket of the (innermost) flow collection that yaml found unclosed at `offset`. */
function unclosedFlowAt(doc: Document.Parsed, offset: number): Span | undefined {
  let found: Span | undefined
  const check = (node: unknown) => {
    const n = node as { flow?: boolean; range?: readonly number[] | null }
    if (n.flow && n.range && n.range[1] === offset && n.range[0]! < offset && (!found || n.range[0]! > found.start)) found = { start: n.range[0]!, end: n.range[0]! + 1 }
  }
  visit(doc, { Map: (_k, n) => void check(n), Seq: (_k, n) => void check(n) })
  return found
}

/** Span of the map key that starts at `offset` (yaml reports only its first character). */
function keyAt(doc: Document.Parsed, offset: number): Span | undefined {
  let span: Span | undefined
  visit(doc, {
    Pair(_key, pair) {
      const keySpan = nodeSpan(pair.key)
      if (keySpan?.start !== offset) return undefined
      span = keySpan
      return visit.BREAK
    },
  })
  return span
}

/** First alias node (optionally with the given anchor name), for pointing at alias problems. */
function firstAlias(doc: Document.Parsed, name?: string): Span | undefined {
  let span: Span | undefined
  visit(doc, {
    Alias(_key, node) {
      if (name !== undefined && node.source !== name) return undefined
      span = nodeSpan(node)
      return visit.BREAK
    },
  })
  return span
}

function fromToJsError(source: SourceDoc, err: unknown, maxAliasCount: number): Diagnostic {
  const message = err instanceof Error ? err.message : String(err)
  const whole = nodeSpan(source.doc.contents) ?? { start: 0, end: 0 }
  if (/Excessive alias count|Alias resolution is disabled/.test(message)) return locatedWith(source, 'YAML_ALIAS_LIMIT', { max: maxAliasCount }, firstAlias(source.doc) ?? whole)
  const unresolved = /Unresolved alias.*: (.+)$/.exec(message)
  if (unresolved) {
    const name = unresolved[1] as string
    return locatedWith(source, 'YAML_SYNTAX', { cause: 'undefined-alias', alias: name, yaml: message }, firstAlias(source.doc, name) ?? whole)
  }
  if (err instanceof RangeError) return located(source, 'LIMIT_EXCEEDED', `The YAML is nested too deeply to read: ${message}`, whole)
  return locatedWith(source, 'YAML_SYNTAX', { cause: 'yaml', yaml: message }, whole)
}

/**
 * Parse YAML text into plain data. Never throws for bad input: YAML errors,
 * duplicate keys, multiple documents and alias bombs become diagnostics with
 * `file`, `span` and `location`. Parser warnings are returned as warnings.
 * After a syntax error the result holds that error alone: the first, pointed
 * at its cause (yaml-syntax.ts), saying how many more the parser reported.
 *
 * Before it is built, the text is checked against the limits (bytes, nesting);
 * once composed, every scalar is checked: strings for length and control
 * characters, numbers for their written form (see `numberLiteralProblem`).
 * Explicit YAML 1.1 tags (`!!binary`, `!!set`, `!!timestamp`, …) are not
 * resolved: the data holds only mappings, lists, strings, numbers, booleans
 * and null.
 */
export function parseYamlSource(text: string, options: ParseOptions = {}): Result<{ source: SourceDoc; data: unknown }> {
  const stripped = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const maxAliasCount = options.maxAliasCount ?? DEFAULT_LIMITS.maxAliasCount
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH
  const maxStringLength = options.maxStringLength ?? DEFAULT_LIMITS.maxStringLength
  const role: TextRole = options.role ?? 'rubric'
  let index: ((offset: number) => { line: number; column: number }) | undefined
  const where = {
    file: options.file,
    location: (span: Span) => spanLocation((index ??= lineIndex(stripped)), span, options.file),
  }
  const early = textProblem(stripped, options.file, options.maxBytes?.name ?? 'maxRubricBytes', options.maxBytes?.value ?? Infinity)
  if (early) return fail([early])
  const { tokens, flow } = tokenize(stripped, maxDepth)
  const deep = flow ?? firstTooDeep(tokens, maxDepth)
  if (deep !== undefined) {
    const span = { start: deep, end: Math.min(deep + 1, stripped.length) }
    const what = 'The YAML is nested deeper than the limit allows (mappings and lists inside each other); it is refused before it is built'
    return fail([limitExceeded('maxDepth', maxDepth, what, { file: options.file, span, location: where.location(span) })])
  }
  const doc = compose(tokens, stripped, COMPOSE)
  const source = createSourceDoc(stripped, doc, options.file)
  // a stack overflow while composing is reported once (yaml may report it at every level it unwinds)
  const errors = doc.errors.filter((e, i) => e.code !== 'RESOURCE_EXHAUSTION' || doc.errors.findIndex((f) => f.code === 'RESOURCE_EXHAUSTION') === i)
  // after a syntax error, the syntax error alone: the rest (more syntax errors, keys given twice, the schema) mostly
  // follow from it
  const syntax = errors.find((e) => !NOT_SYNTAX.has(e.code))
  if (syntax && !errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) return fail([firstSyntaxError(source, errors, syntax)])
  const ds: Diagnostic[] = [
    ...errors.map((e) => fromYamlError(source, e, false)),
    ...duplicateKeys(source),
    ...doc.warnings.map((w) => fromYamlError(source, w, true)),
  ]
  if (hasErrors(ds)) return fail(ds)
  const scalars = checkScalars(source, maxStringLength, role)
  if (scalars.length) return fail([...ds, ...scalars])
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount })
  } catch (err) {
    return fail([...ds, fromToJsError(source, err, maxAliasCount)])
  }
  return ok({ source, data }, ds)
}

/** How many scalar problems are reported at most (the first ones in the file). */
const MAX_SCALAR_PROBLEMS = 20

interface Visit {
  node: unknown
  parent: Visit | undefined
  segment: string | number | undefined
}

/** The path of a visited node, from its parents (computed only for a problem). */
function pathOf(v: Visit): (string | number)[] {
  const out: (string | number)[] = []
  for (let x: Visit | undefined = v; x?.segment !== undefined; x = x.parent) out.unshift(x.segment)
  return out
}

/**
 * Every scalar (keys included, aliases not followed): strings within `maxStringLength` and free of control
 * characters, numbers written as plain decimals that are read exactly. Iterative: any depth is safe.
 */
function checkScalars(source: SourceDoc, maxStringLength: number, role: TextRole): Diagnostic[] {
  const out: Diagnostic[] = []
  const stack: Visit[] = [{ node: source.doc.contents, parent: undefined, segment: undefined }]
  while (stack.length && out.length < MAX_SCALAR_PROBLEMS) {
    const v = stack.pop()!
    const node = v.node
    if (isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i]!
        const key = isScalar(pair.key) ? pair.key.value : undefined
        const segment = key !== null && key !== undefined && typeof key !== 'object' ? String(key) : i
        if (pair.value) stack.push({ node: pair.value, parent: v, segment })
        if (pair.key) stack.push({ node: pair.key, parent: v, segment })
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], parent: v, segment: i })
    } else if (isScalar(node)) {
      const span = nodeSpan(node)
      if (!span) continue
      const value = node.value
      const at = () => {
        const path = pathOf(v)
        return path.length ? { path } : {}
      }
      if (typeof value === 'string') {
        if (value.length > maxStringLength) {
          out.push(limitExceeded('maxStringLength', maxStringLength, `A string of ${value.length.toLocaleString('en')} characters`, { file: source.file, span, location: source.location(span), ...at() }))
          continue
        }
        const m = CONTROL_CHARACTER.exec(value)
        if (m) out.push(located(source, 'TEXT_CONTROL_CHARACTER', `The text ${preview(value)} holds the control character ${codePoint(m[0])} (written as an escape); only tabs and line breaks are allowed in text.`, span))
      } else if (typeof value === 'number') {
        const p = numberLiteralProblem(source.text.slice(span.start, span.end), value)
        if (p) {
          const d = located(source, numberProblemCode(p, role), `${p.message[0]!.toUpperCase()}${p.message.slice(1)}.`, span)
          out.push({ ...d, ...at() })
        }
      }
    }
  }
  return out
}

function sameFile(file: string | undefined, source: SourceDoc): boolean {
  return file === undefined || source.file === undefined || file === source.file
}

function fillRelated(r: Related, source: SourceDoc): Related {
  if (r.location || (!r.span && !r.path)) return r
  const span = r.span ?? (r.path ? source.locate(r.path) : undefined)
  return span ? { ...r, span, location: source.location(span) } : r
}

/** Whether the offending thing is the last key of the path rather than its value (an unknown key, an unused declaration, a `where:` field name). */
function namesKey(d: Diagnostic): boolean {
  if (d.code === 'SCHEMA_UNKNOWN_KEY' || d.code === 'EVIDENCE_UNKNOWN_FIELD' || d.code === 'UNUSED_PARAM' || d.code === 'UNUSED_FACT') return true
  return d.code === 'UNKNOWN_FIELD' && d.path !== undefined && d.path[d.path.length - 2] === 'where'
}

/**
 * The span of part of a text value: the value's own span narrowed to `w`'s offsets, when the source holds the text
 * as written (plain or quoted, without escapes); else the value's span.
 */
function narrow(text: string, span: Span, w: NonNullable<Diagnostic['within']>): Span {
  const q = text[span.start]
  const inner = q === '"' || q === "'" ? span.start + 1 : span.start
  if (text.startsWith(w.text, inner) && inner + w.text.length <= span.end) return { start: inner + w.start, end: inner + Math.max(w.end, w.start + 1) }
  return span
}

/**
 * Fill in `span` (from `path`), `location` and `file` for diagnostics about
 * `source`. For `SCHEMA_UNKNOWN_KEY`, `EVIDENCE_UNKNOWN_FIELD`, `UNUSED_PARAM`,
 * `UNUSED_FACT` and `UNKNOWN_FIELD` in a `where:`, whose path ends with the
 * offending key, the key itself is located rather than its value. Diagnostics that name a
 * different file are returned unchanged. Returns new objects; inputs are not mutated.
 */
export function attachLocations(ds: Diagnostic[], source: SourceDoc): Diagnostic[] {
  return ds.map((d) => {
    if (!sameFile(d.file, source)) return d
    const out: Diagnostic = { ...d }
    if (!out.span && out.path) {
      const keySpan = namesKey(out) ? source.locateKey(out.path) : undefined
      const span = keySpan ?? source.locate(out.path)
      if (span) out.span = d.within ? narrow(source.text, span, d.within) : span
    }
    if (out.file === undefined && source.file !== undefined) out.file = source.file
    if (!out.location && out.span) out.location = source.location(out.span)
    if (out.related) out.related = out.related.map((r) => fillRelated(r, source))
    return out
  })
}
