/**
 * Message templates: for the codes authors meet most, the catalogue (codes.ts) renders the message from the
 * diagnostic's `params` in each language, so that the Chinese output says as much as the English one. The English
 * template gives exactly the sentence the call site wrote before it passed params (`diagnose` in diagnostic.ts makes
 * `message` from it), and the formatter uses the Chinese one only while the English one still renders the message
 * (a message changed after it was made falls back to the title and the English detail).
 *
 * Params are JSON data (they reach `--format json`): names, numbers, lists of names. Lists are kept to what a message
 * shows (the first 12 or 40, and the count), never a rubric's thousands of names.
 *
 * Chinese is written in simplified characters, for the mainland government offices that use kaoping.
 */

/** The language of printed messages. */
export type Lang = 'en' | 'zh'

/** A value a message is made from. */
export type ParamValue = string | number | boolean | readonly (string | number)[]

/** The values a message is made from, by name. */
export type Params = { readonly [name: string]: ParamValue | undefined }

/** A message in each language, from the same params; optionally a hint too (undefined: the catalogue's hint). */
export interface Template<P extends Params> {
  readonly en: (p: P) => string
  readonly zh: (p: P) => string
  readonly hint?: { readonly en: (p: P) => string | undefined; readonly zh: (p: P) => string | undefined }
}

const template = <P extends Params>(t: Template<P>): Template<P> => t

/** `map[key]` when the map has it as its own (never Object.prototype's `constructor`). */
export function own<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined
}

// --- words ----------------------------------------------------------------

/** Most values a message lists (as `listWords` in src/kinds/kit/words.ts, which this base layer cannot import). */
export const LISTED = 12

/** The first `most` values, for params: the message lists them and says how many there are in all. */
export const shown = (values: readonly string[], most = LISTED): string[] => values.slice(0, most)

/** "a, b, c", or the first values then "… (N in all)": the rule of `listWords`. */
function listEn(values: readonly string[], count = values.length): string {
  return count > values.length ? `${values.join(', ')}, … (${count} in all)` : values.join(', ')
}

/** "a、b、c", or the first values then "……(共 N 个)". */
function listZh(values: readonly string[], count = values.length): string {
  return count > values.length ? `${values.join('、')}……（共 ${count} 个）` : values.join('、')
}

const q = (s: string): string => `“${s}”`

/** What a path names, as the schema messages say it: `"max"`, `Entry 3 of "items"`, `The rubric`. */
export function pathLabel(path: readonly (string | number)[], lang: Lang = 'en'): string {
  const last = path[path.length - 1]
  if (last === undefined) return lang === 'en' ? 'The rubric' : '考评办法'
  if (typeof last === 'number') {
    const parent = path[path.length - 2]
    // a person counts from 1: 第 1 项 is entry 0
    if (lang === 'zh') return parent === undefined ? `第 ${last + 1} 项` : `${q(String(parent))}的第 ${last + 1} 项`
    return parent === undefined ? `Entry ${last}` : `Entry ${last} of "${parent}"`
  }
  return lang === 'en' ? `"${last}"` : q(last)
}

/** A value found where another was expected, as params: its kind and, for text and numbers, the value. */
export type ValueParams = { got: string; value?: string | number }

/** `got` and `value` of a value (text cut at 40 characters). */
export function valueParams(v: unknown): ValueParams {
  if (v === undefined) return { got: 'nothing' }
  if (v === null) return { got: 'null' }
  if (typeof v === 'string') return { got: 'text', value: v.length > 40 ? v.slice(0, 40) + '…' : v }
  if (typeof v === 'number') return { got: 'number', value: v }
  if (typeof v === 'boolean') return { got: String(v) }
  if (Array.isArray(v)) return { got: 'list' }
  if (typeof v === 'object') return { got: 'mapping' }
  return { got: typeof v }
}

/** A value as the schema messages describe it ("the text \"x\"", "a list"; `describeValue` in validate/zod-issues.ts). */
function valueText(p: { got?: string; value?: unknown }, lang: Lang): string {
  const en: Record<string, string> = { nothing: 'nothing', null: 'an empty value (null)', list: 'a list', mapping: 'a mapping' }
  const zh: Record<string, string> = { nothing: '空缺', null: '空值（null）', list: '列表', mapping: '映射', true: 'true', false: 'false' }
  const got = p.got ?? 'nothing'
  if (got === 'text') return lang === 'en' ? `the text ${JSON.stringify(p.value)}` : `文字 ${JSON.stringify(p.value)}`
  if (got === 'number') return lang === 'en' ? `the number ${p.value}` : `数字 ${p.value}`
  return own(lang === 'en' ? en : zh, got) ?? got
}

/** A type the schema expects (zod's names), as the messages say it. */
const EXPECTED: Record<string, { en: string; zh: string }> = {
  number: { en: 'a number', zh: '数字' },
  int: { en: 'a whole number', zh: '整数' },
  string: { en: 'text', zh: '文字' },
  boolean: { en: 'true or false', zh: 'true 或 false' },
  array: { en: 'a list', zh: '列表' },
  tuple: { en: 'a list', zh: '列表' },
  object: { en: 'a mapping', zh: '映射（键: 值）' },
  record: { en: 'a mapping', zh: '映射（键: 值）' },
  null: { en: 'null', zh: 'null' },
  undefined: { en: 'nothing', zh: '空缺' },
}

function expectedText(types: readonly (string | number)[], lang: Lang): string {
  const parts = [...new Set(types.map((t) => own(EXPECTED, String(t))?.[lang] ?? (lang === 'en' ? `a ${t}` : String(t))))]
  const or = lang === 'en' ? ' or ' : '或'
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(lang === 'en' ? ', ' : '、')}${or}${parts[parts.length - 1]}`
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`

/** A sentence ends with a full stop (yaml's messages have none). */
const sentence = (s: string): string => (/[.?!]$/.test(s) ? s : `${s}.`)

// --- YAML -----------------------------------------------------------------

/**
 * What went wrong in YAML text. `cause` is what kaoping recognised (a tab, an indentation, a missing space after a
 * colon, a full-width colon, an unclosed quote or bracket, an undefined alias) or `yaml`: the parser's own message.
 */
export type YamlSyntaxParams = {
  cause: 'tab' | 'indent' | 'colon-space' | 'fullwidth-colon' | 'unclosed-quote' | 'unclosed-bracket' | 'undefined-alias' | 'yaml'
  /** The message of the yaml parser, in English (the whole message when the cause is `yaml`). */
  yaml?: string
  /** How many more YAML errors the parser reported (not printed: most follow from this one). */
  more?: number
  /** Spaces this line is indented by (indent), and the spaces that fit the lines around it (indent, tab). */
  found?: number
  fits?: number
  /** Lines under this one that are off by as much and move with it (indent). */
  under?: number
  /** The key before the colon, and what follows the colon (colon-space, fullwidth-colon). */
  key?: string
  rest?: string
  /** The opening quote (unclosed-quote) or bracket (unclosed-bracket). */
  open?: string
  /** The alias's name (undefined-alias). */
  alias?: string
}

const closing = (open: string | undefined): string => (open === '[' ? ']' : open === '{' ? '}' : (open ?? ''))

function syntaxEn(p: YamlSyntaxParams): string {
  let m: string
  switch (p.cause) {
    case 'tab':
      m = 'A tab indents this line: YAML indents with spaces, never with tabs.'
      break
    case 'indent':
      m = `The indentation goes wrong on this line: it is indented by ${plural(p.found ?? 0, 'space')}, where the lines around it ${p.fits === 0 ? 'start in the first column' : `need ${p.fits}`}${p.under ? ` (and ${p.under === 1 ? 'the line under it is' : `the ${p.under} lines under it are`} off by as much)` : ''}.`
      break
    case 'colon-space':
      m = `There is no space after the colon in "${p.key}:${p.rest}", so YAML reads it as one text, not as the key "${p.key}" with a value.`
      break
    case 'fullwidth-colon':
      m = `The colon after "${p.key}" is the full-width "：", so YAML reads the line as one text, not as the key "${p.key}" with a value.`
      break
    case 'unclosed-quote':
      m = `The ${p.open} that opens this text is not closed.`
      break
    case 'unclosed-bracket':
      m = `The ${p.open} opened here is not closed: the ${p.open === '[' ? 'list' : 'mapping'} must end with ${closing(p.open)}.`
      break
    case 'undefined-alias':
      m = `Alias *${p.alias} refers to an anchor &${p.alias} that is not defined before it.`
      break
    default:
      m = p.yaml ?? ''
  }
  if (!p.more) return m
  return `${sentence(m)} ${p.more.toLocaleString('en')} more YAML ${p.more === 1 ? 'error follows' : 'errors follow'} from this one; fix it and check again.`
}

function syntaxZh(p: YamlSyntaxParams): string {
  let m: string
  switch (p.cause) {
    case 'tab':
      m = '这一行用制表符（Tab）缩进：YAML 只能用空格缩进，不能用制表符。'
      break
    case 'indent':
      m = `这一行的缩进不对：缩进了 ${p.found} 个空格，按上下行${p.fits === 0 ? '应顶格写（不缩进）' : `应为 ${p.fits} 个`}${p.under ? `（它下面的 ${p.under} 行也差同样多）` : ''}。`
      break
    case 'colon-space':
      m = `${q(`${p.key}:${p.rest}`)}的冒号后面没有空格，YAML 会把它当作一段文字，而不是键${q(p.key ?? '')}和它的值。`
      break
    case 'fullwidth-colon':
      m = `${q(p.key ?? '')}后面的冒号是全角的“：”，YAML 会把这一行当作一段文字，而不是键${q(p.key ?? '')}和它的值。`
      break
    case 'unclosed-quote':
      m = `这段文字开头的 ${p.open} 没有对应的结束引号。`
      break
    case 'unclosed-bracket':
      m = `这里开始的 ${p.open} 没有对应的 ${closing(p.open)}：${p.open === '[' ? '列表' : '映射'}必须以 ${closing(p.open)} 结束。`
      break
    case 'undefined-alias':
      m = `别名 *${p.alias} 引用的锚点 &${p.alias} 在它之前没有定义。`
      break
    default:
      m = `YAML 格式错误（${p.yaml ?? ''}）。`
  }
  if (!p.more) return m
  return `${m}后面还有 ${p.more.toLocaleString('en')} 个 YAML 错误是由这一处引起的；请先改正这一处，再重新检查。`
}

export const yamlSyntax = template<YamlSyntaxParams>({
  en: syntaxEn,
  zh: syntaxZh,
  hint: {
    en: (p) => {
      switch (p.cause) {
        case 'tab':
          if (p.fits === 0) return 'Remove the tab: this line starts in the first column, as the lines around it do.'
          return `Replace the tab with ${p.fits !== undefined ? plural(p.fits, 'space') : 'spaces'}, as the lines around it are indented (an editor can be set to insert spaces for the Tab key).`
        case 'indent':
          return `YAML reads the structure from the indentation: the keys of one mapping, and the dashes of one list, start in the same column. ${p.fits ? `Indent this line by ${plural(p.fits, 'space')}` : 'Start this line in the first column, with no space before it'}${p.under ? ', and move the lines under it as far' : ''}.`
        case 'colon-space':
          return `Write a space after the colon: "${p.key}: ${p.rest}".`
        case 'fullwidth-colon':
          return `Write an ASCII colon and a space, "${p.key}: ${p.rest}" (switch the input method to half-width punctuation).`
        case 'unclosed-quote':
          return `Add the closing ${p.open} where the text ends, or remove the opening one: most text needs no quotes.`
        case 'unclosed-bracket':
          return `Add ${closing(p.open)} where the ${p.open === '[' ? 'list' : 'mapping'} ends.`
        case 'undefined-alias':
          return `Put the anchor &${p.alias} on a value above this line, or correct the alias's name.`
        default:
          return undefined
      }
    },
    zh: (p) => {
      switch (p.cause) {
        case 'tab':
          if (p.fits === 0) return '删去制表符：这一行和上下行一样，应顶格写。'
          return `把制表符换成${p.fits !== undefined ? ` ${p.fits} 个` : ''}空格，与上下行对齐（可以把编辑器设置为按 Tab 键时插入空格）。`
        case 'indent':
          return `YAML 用缩进表示层次：同一映射里的键、同一列表里的短横线“-”都必须从同一列开始。${p.fits ? `请把这一行缩进 ${p.fits} 个空格` : '请把这一行顶格写，前面不留空格'}${p.under ? '，它下面的各行也跟着移动同样的距离' : ''}。`
        case 'colon-space':
          return `在冒号后加一个空格：${q(`${p.key}: ${p.rest}`)}。`
        case 'fullwidth-colon':
          return `改用半角冒号并加一个空格：${q(`${p.key}: ${p.rest}`)}（把输入法切换到半角标点）。`
        case 'unclosed-quote':
          return `在文字结尾处补上 ${p.open}，或删去开头的 ${p.open}：多数文字不需要加引号。`
        case 'unclosed-bracket':
          return `在${p.open === '[' ? '列表' : '映射'}结束处补上 ${closing(p.open)}。`
        case 'undefined-alias':
          return `在这一行之前的某个值上加锚点 &${p.alias}，或改正别名的名称。`
        default:
          return undefined
      }
    },
  },
})

export const yamlDuplicateKey = template<{ key?: string }>({
  en: (p) => (p.key ? `Duplicate key "${p.key}": map keys must be unique.` : 'Map keys must be unique.'),
  zh: (p) => (p.key ? `键${q(p.key)}重复了：同一层里的键不能重复。` : '同一层里的键不能重复。'),
})

export const yamlMultipleDocuments = template<Record<string, never>>({
  en: () => 'The file contains more than one YAML document (a second document starts here).',
  zh: () => '文件里有不止一份 YAML 文档（第二份从这里开始）。',
})

export const yamlAliasLimit = template<{ max: number }>({
  en: (p) => `Aliases expand to too much data (more than ${p.max} alias expansions); refusing to load. The limit maxAliasCount is ${p.max}.`,
  zh: (p) => `别名展开后的数据太多（超过 ${p.max} 次展开），拒绝读入。限制 maxAliasCount 为 ${p.max}。`,
  hint: {
    en: () =>
      'Reduce the use of YAML anchors and aliases (&name / *name), or write the values out. A trusted file may raise the limit with the option limits: { maxAliasCount: … } (command line: --limit maxAliasCount=…).',
    zh: () => '少用 YAML 锚点和别名（&名称 / *名称），或把内容直接写出来。可信的文件可以用选项 limits: { maxAliasCount: … } 放宽限制（命令行：--limit maxAliasCount=…）。',
  },
})

export const yamlWarning = template<{ yaml: string }>({
  en: (p) => p.yaml,
  zh: (p) => `YAML 解析器的警告（${p.yaml}）。`,
})

// --- schema ---------------------------------------------------------------

export type UnknownKeyParams = {
  key: string
  /** A key allowed here that is close to it ("did you mean"). */
  suggestion?: string
  /** The keys allowed here (the first 40) and how many there are. */
  allowed: readonly string[]
  allowedCount: number
  /** The key has no value and holds a comma or space: the end of a text cut at a comma inside { … }. */
  cutAtComma?: boolean
}

/** Keys allowed, listed whole up to 40 (a rubric's top level has about 25). */
export const ALLOWED_LISTED = 40

export const schemaUnknownKey = template<UnknownKeyParams>({
  en: (p) => {
    const list = p.allowedCount ? ` Allowed here: ${listEn(p.allowed, p.allowedCount)}.` : ''
    if (p.cutAtComma) return `Unknown key "${p.key}" without a value: probably the end of a text cut off at a comma, which separates entries inside { … }.${list}`
    return `Unknown key "${p.key}"${p.suggestion !== undefined ? `; did you mean "${p.suggestion}"?` : '.'}${list}`
  },
  zh: (p) => {
    const list = p.allowedCount ? `这里允许的键：${listZh(p.allowed, p.allowedCount)}。` : ''
    if (p.cutAtComma) return `未知的键${q(p.key)}，而且没有值：多半是一段文字在 { … } 里被逗号截断了（逗号在 { … } 里用来分隔各项）。${list}`
    return `未知的键${q(p.key)}${p.suggestion !== undefined ? `；是不是想写${q(p.suggestion)}？` : '。'}${list}`
  },
  hint: {
    en: (p) => (p.cutAtComma ? 'Quote text that contains a comma inside { … } (note: "甲,乙"), or write the mapping as indented lines.' : undefined),
    zh: (p) => (p.cutAtComma ? '在 { … } 里含逗号的文字要加引号（note: "甲,乙"），或把这个映射改写成缩进的多行。' : undefined),
  },
})

export type MissingKeyParams = {
  key: string
  /** The values the key may take (the first 12) and how many there are. */
  values?: readonly string[]
  valuesCount?: number
  /** `one-of`: "; one of: …" (or "; write key: value" for one value); `must`: "; key must be one of: …". */
  style?: 'one-of' | 'must'
}

export const schemaMissingKey = template<MissingKeyParams>({
  en: (p) => {
    if (p.values === undefined) return `Missing key "${p.key}".`
    if (p.style === 'must') return `Missing key "${p.key}"; ${p.key} must be one of: ${listEn(p.values, p.valuesCount)}.`
    return p.values.length === 1 && (p.valuesCount ?? 1) === 1 ? `Missing key "${p.key}"; write ${p.key}: ${p.values[0]}.` : `Missing key "${p.key}"; one of: ${listEn(p.values, p.valuesCount)}.`
  },
  zh: (p) => {
    if (p.values === undefined) return `缺少键${q(p.key)}。`
    if (p.values.length === 1 && (p.valuesCount ?? 1) === 1 && p.style !== 'must') return `缺少键${q(p.key)}；请写 ${p.key}: ${p.values[0]}。`
    return `缺少键${q(p.key)}；它的值应为以下之一：${listZh(p.values, p.valuesCount)}。`
  },
})

export type InvalidTypeParams = ValueParams & {
  /** Where the value is (the path a message names). */
  at: readonly (string | number)[]
  /** The types expected (zod's names: number, int, string, boolean, array, object, …). */
  expected: readonly string[]
}

export const schemaInvalidType = template<InvalidTypeParams>({
  en: (p) => `${pathLabel(p.at)} must be ${expectedText(p.expected, 'en')}, not ${valueText(p, 'en')}.`,
  zh: (p) => `${pathLabel(p.at, 'zh')}应为${expectedText(p.expected, 'zh')}，而不是${valueText(p, 'zh')}。`,
})

export type InvalidValueParams = ValueParams & {
  at: readonly (string | number)[]
  /**
   * `one-of`: the value must be one of `values`; `literal`: it must be `literal`; `discriminator`: the key at `at`
   * chooses a form, one of `values`; `bound`: a number must be `relation` `bound`.
   */
  form: 'one-of' | 'literal' | 'discriminator' | 'bound'
  /** The one value allowed, as JSON (`1`, `"kaoping"`). */
  literal?: string
  values?: readonly string[]
  valuesCount?: number
  /** A value allowed that is close to the one given ("did you mean"). */
  suggestion?: string
  bound?: number
  relation?: 'at least' | 'greater than' | 'at most' | 'less than'
}

const RELATION_ZH: Record<string, string> = { 'at least': '不小于', 'greater than': '大于', 'at most': '不大于', 'less than': '小于' }

export const schemaInvalidValue = template<InvalidValueParams>({
  en: (p) => {
    const what = pathLabel(p.at)
    const values = p.values ?? []
    switch (p.form) {
      case 'literal':
        return `${what} must be ${p.literal}, not ${valueText(p, 'en')}.`
      case 'discriminator':
        return `${p.at[p.at.length - 1]} must be one of: ${listEn(values, p.valuesCount)} (not ${valueText(p, 'en')}${p.suggestion !== undefined ? `; did you mean "${p.suggestion}"?` : ''}).`
      case 'bound':
        return `${what} must be ${p.relation} ${p.bound}, not ${valueText(p, 'en')}.`
      default:
        return `${what} must be one of: ${listEn(values, p.valuesCount)}; not ${valueText(p, 'en')}${p.suggestion !== undefined ? `; did you mean "${p.suggestion}"?` : '.'}`
    }
  },
  zh: (p) => {
    const values = p.values ?? []
    const what = p.form === 'discriminator' ? q(String(p.at[p.at.length - 1])) : pathLabel(p.at, 'zh')
    const guess = p.suggestion !== undefined ? `是不是想写${q(p.suggestion)}？` : ''
    switch (p.form) {
      case 'literal':
        return `${what}必须是 ${p.literal}，而不是${valueText(p, 'zh')}。`
      case 'bound':
        return `${what}必须${own(RELATION_ZH, p.relation ?? '') ?? p.relation} ${p.bound}，而不是${valueText(p, 'zh')}。`
      default:
        return `${what}应为以下之一：${listZh(values, p.valuesCount)}；而不是${valueText(p, 'zh')}。${guess}`
    }
  },
})

export const duplicateId = template<{ id?: string; what?: string; firstWhat?: string; grade?: string }>({
  en: (p) =>
    p.grade !== undefined
      ? `The grade "${p.grade}" is listed twice in grades.order.`
      : `The id "${p.id}" of this ${p.what} is already used by ${p.firstWhat === p.what ? 'another' : 'a'} ${p.firstWhat}.`,
  zh: (p) => (p.grade !== undefined ? `等次${q(p.grade)}在 grades.order 里列了两次。` : `这个${thing(p.what)}的编号${q(p.id ?? '')}已被${p.firstWhat === p.what ? '另一个' : ''}${thing(p.firstWhat)}使用。`),
})

/** The things that have ids, as the Chinese messages name them. */
const THINGS: Record<string, string> = { item: '评分项目', gate: '前提条件', quota: '名额', reward: '奖励', penalty: '处罚', deduction: '扣分项', band: '分档', term: '加权项', grade: '等次', fact: '事实', parameter: '参数' }
const thing = (what: string | undefined): string => own(THINGS, what ?? '') ?? what ?? ''

// --- references -----------------------------------------------------------

export type UnknownFactParams = {
  name: string
  /** Where the name is used, in English ("check item \"x\"", "a threshold"). */
  use: string
  /** The name is in an expression (where facts, computed values and parameters may be named). */
  inExpression: boolean
  suggestion?: string
  /** The names declared (the first 12) and how many there are, listed when there is no suggestion. */
  declared: readonly string[]
  declaredCount: number
}

export const unknownFact = template<UnknownFactParams>({
  en: (p) => {
    const what = p.inExpression ? 'declared facts, computed values and parameters' : 'declared facts'
    const tail = p.suggestion !== undefined ? `; did you mean "${p.suggestion}"?` : `; ${what}: ${p.declaredCount === 0 ? 'none' : listEn(p.declared, p.declaredCount)}.`
    return `Unknown ${p.inExpression ? 'name' : 'fact'} "${p.name}" in ${p.use}${tail}`
  },
  zh: (p) => {
    const what = p.inExpression ? '已声明的事实、计算值和参数' : '已声明的事实'
    const tail = p.suggestion !== undefined ? `是不是想写${q(p.suggestion)}？` : `${what}：${p.declaredCount === 0 ? '无' : listZh(p.declared, p.declaredCount)}。`
    return `${p.inExpression ? '名称' : '事实'}${q(p.name)}没有声明（用在 ${p.use}）。${tail}`
  },
})
