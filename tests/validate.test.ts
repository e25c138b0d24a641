import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../src/diagnostics/diagnostic'
import { lintRubric } from '../src/lint/lint-rubric'
import { validateRubric } from '../src/validate/validate-rubric'

type Obj = Record<string, any>

/** Validation, then (when it passes) the linter. */
function diagnose(data: unknown): Diagnostic[] {
  const v = validateRubric(data)
  return [...v.diagnostics, ...(v.rubric ? lintRubric(v.rubric) : [])]
}

const same = (a: readonly unknown[] | undefined, b: readonly unknown[]) => JSON.stringify(a) === JSON.stringify(b)

/** The diagnostic with this code and path (failing with the full list when there is none). */
function finding(data: unknown, code: string, path: (string | number)[]): Diagnostic {
  const ds = diagnose(data)
  const d = ds.find((x) => x.code === code && same(x.path, path)) ?? ds.find((x) => x.code === code)
  expect(d, JSON.stringify(ds, null, 1)).toBeDefined()
  expect(d).toMatchObject({ code, path })
  return d!
}

function none(data: unknown, code: string): void {
  const ds = diagnose(data).filter((d) => d.code === code)
  expect(ds).toEqual([])
}

/** Bad rubric triggers `code` at `path`; the fixed one yields no diagnostic of that code. */
function pair(bad: unknown, fixed: unknown, code: string, path: (string | number)[]): Diagnostic {
  const d = finding(bad, code, path)
  none(fixed, code)
  // linter findings only count when the fixed rubric passes validation (the linter runs on valid rubrics)
  if (LINT_CODES.includes(code)) expect(validateRubric(fixed).diagnostics).toEqual([])
  return d
}

const LINT_CODES = ['BAND_GAP', 'BAND_OVERLAP', 'UNREACHABLE_GRADE', 'UNUSED_PARAM', 'UNUSED_FACT', 'DEDUCTION_WITHOUT_FLOOR', 'MONEY_CATEGORY_WITHOUT_AMOUNT']

/** A minimal valid rubric; `items`, `facts` and other keys may be replaced. */
function rubric(extra: Obj = {}): Obj {
  return {
    kaoping: 1,
    id: 'demo',
    title: '示例考评办法',
    total: 10,
    facts: { done: { type: 'boolean', title: '是否完成' }, passRate: { type: 'rate', title: '合格率' } },
    items: [
      { kind: 'check', id: 'a', title: 'A', max: 5, fact: 'done' },
      { kind: 'judged', id: 'b', title: 'B', max: 5, fact: 'passRate' },
    ],
    ...extra,
  }
}

/** A rubric whose only item is `item` (max 10). */
const one = (item: Obj, extra: Obj = {}) => rubric({ items: [{ id: 'x', title: 'X', max: 10, ...item }], ...extra })

describe('validateRubric: the minimal rubric', () => {
  it('is valid without any diagnostic', () => {
    const v = validateRubric(rubric())
    expect(v.diagnostics).toEqual([])
    expect(v.rubric).toBeDefined()
    expect(lintRubric(v.rubric!)).toEqual([])
  })
})

/** A rubric that uses nearly every feature of the language, correctly. */
const everything: Obj = {
  kaoping: 1, id: 'full-demo', title: '全功能', total: 100,
  effective: { from: '2024-01-01', until: '2024-12-31' },
  period: { unit: 'quarter', from: '2024-01-01', to: '2024-12-31' },
  rollup: [{ from: 'quarter', to: 'year', combine: 'mean' }],
  params: {
    target: { type: 'rate', default: 0.95 },
    how: { type: 'rounding', default: 'ceil' },
    due: { type: 'date', default: '2024-06-30' },
    per: { type: 'number', default: 0.5, min: 0, max: 5 },
    quotaMin: { type: 'integer', default: 2 },
  },
  facts: {
    passRate: { type: 'rate', title: 'p' }, done: { type: 'boolean', title: 'd' }, level: { type: 'enum', values: ['a', 'b'], title: 'l' },
    judged: { type: 'number', min: 0, max: 10, title: 'j' }, faults: { type: 'integer', min: 0, title: 'f' },
    handedIn: { type: 'date', title: 'h' }, start: { type: 'date', title: 's' }, end: { type: 'date', title: 'e' },
    child: { type: 'score', rubric: 'child', max: 100, title: 'c' }, visits: { type: 'integer', min: 0, max: 20, title: 'v' },
  },
  records: {
    articles: { title: 'a', fields: { ref: { type: 'string' }, day: { type: 'date' }, tier: { type: 'enum', values: ['national', 'city'] } }, key: 'ref', date: 'day' },
  },
  quotas: [{ id: 'monthly', title: 'm', records: 'articles', per: 'month', atLeast: { param: 'quotaMin' }, overrides: { x: 3 }, cohort: { atLeast: 10 } }],
  gates: [{ id: 'safety', title: 'g', when: { all: [{ fact: 'done', is: true }, { not: { fact: 'level', in: ['b'] } }, { order: ['start', 'end'] }, { span: ['start', 'end'], atMost: { days: 30 } }] } }],
  items: [
    { kind: 'section', id: 's1', title: 'S1', max: 40, items: [
      { kind: 'check', id: 'c1', title: 'c', max: 5, when: { date: 'handedIn', onOrBefore: { param: 'due' } } },
      { kind: 'check', id: 'c2', title: 'c', max: 5, when: { any: [{ fact: 'passRate', atLeast: { param: 'target' } }, { quota: 'monthly', met: true }] }, points: 5, else: 1 },
      { kind: 'deduct', id: 'd1', title: 'd', max: 10, fact: 'passRate', target: { param: 'target' }, step: 0.01, points: { param: 'per' }, rounding: { param: 'how' }, floor: 0 },
      { kind: 'bands', id: 'b1', title: 'b', max: 10, fact: 'passRate', bands: [{ from: 0.9, points: 10 }, { from: 0.6, to: 0.9, times: 10 }, { to: 0.6, points: 0 }] },
      { kind: 'judged', id: 'j1', title: 'j', max: 10, fact: 'judged', requires: { score: 'c1', atLeast: 5 } },
    ] },
    { kind: 'section', id: 's2', title: 'S2', max: 40, items: [
      { kind: 'count', id: 'n1', title: 'n', max: 10, records: 'articles', where: { tier: ['national', 'city'] }, points: { by: 'tier', values: { national: 2, city: 1 } }, dedupe: true },
      { kind: 'count', id: 'n2', title: 'n', max: 10, fact: 'visits', points: 0.5 },
      { kind: 'deductions', id: 'x1', title: 'x', max: 10, floor: 0, deductions: [{ id: 'f1', title: 'f', fact: 'faults', points: 1, cap: 5 }, { id: 'f2', title: 'f', records: 'articles', where: { tier: 'city' }, points: 0.5 }] },
      { kind: 'quota', id: 'q1', title: 'q', max: 10, quota: 'monthly', points: 1, floor: 0 },
    ] },
    { kind: 'weighted', id: 'w1', title: 'w', max: 20, terms: [{ fact: 'child', weight: 0.2 }] },
  ],
  grades: {
    order: ['优秀', '良好', '合格', '不合格'],
    quotas: [{ grade: '优秀', count: { min: 2, max: 3 }, minScore: 90 }],
    thresholds: [{ grade: '良好', min: 80, requires: { count: 'articles', within: { years: 1 }, atLeast: 1 } }, { grade: '合格', min: 60 }, { grade: '不合格' }],
    ineligible: '不合格',
  },
  money: {
    rewards: [{ id: 'r1', title: 'r', records: 'articles', category: 'tier', amounts: { national: 500, city: '100.50' }, dedupe: true }],
    penalties: [{ id: 'p1', title: 'p', quota: 'monthly', amount: 50 }, { id: 'p2', title: 'p', fact: 'faults', amount: 10 }],
  },
}

describe('validateRubric: a rubric using every feature', () => {
  it('yields no diagnostic at all', () => {
    const v = validateRubric(everything)
    expect(v.diagnostics).toEqual([])
    expect(v.rubric).toBeDefined()
    expect(lintRubric(v.rubric!)).toEqual([])
  })
})

describe('validateRubric: schema', () => {
  it('RUBRIC_NOT_OBJECT', () => {
    for (const data of [[1], 'text', null, 7]) expect(validateRubric(data).diagnostics).toMatchObject([{ code: 'RUBRIC_NOT_OBJECT', path: [] }])
    none(rubric(), 'RUBRIC_NOT_OBJECT')
  })

  it('SCHEMA_MISSING_KEY', () => {
    const d = pair(one({ kind: 'check', fact: 'done', max: undefined }), one({ kind: 'check', fact: 'done' }), 'SCHEMA_MISSING_KEY', ['items', 0, 'max'])
    expect(d.message).toBe('Missing key "max".')
    expect(validateRubric(one({ kind: 'check', fact: 'done', max: undefined })).rubric).toBeUndefined()
  })

  it('SCHEMA_INVALID_TYPE', () => {
    const d = pair(one({ kind: 'check', fact: 'done', max: true }), one({ kind: 'check', fact: 'done', max: '10' }), 'SCHEMA_INVALID_TYPE', ['items', 0, 'max'])
    expect(d.message).toMatch(/"max" must be a decimal number/)
    pair(rubric({ items: 'none' }), rubric(), 'SCHEMA_INVALID_TYPE', ['items'])
  })

  it('SCHEMA_UNKNOWN_KEY with a suggestion and the allowed keys', () => {
    const d = pair(rubric({ titel: 'x' }), rubric(), 'SCHEMA_UNKNOWN_KEY', ['titel'])
    expect(d.message).toMatch(/^Unknown key "titel"; did you mean "title"\?/)
    expect(d.message).toContain('kaoping, id, title')
    const inItem = finding(one({ kind: 'check', fact: 'done', pionts: 3 }), 'SCHEMA_UNKNOWN_KEY', ['items', 0, 'pionts'])
    expect(inItem.message).toMatch(/did you mean "points"/)
  })

  it('a bad discriminator lists the allowed kinds', () => {
    const d = pair(one({ kind: 'chek', fact: 'done' }), one({ kind: 'check', fact: 'done' }), 'SCHEMA_INVALID_VALUE', ['items', 0, 'kind'])
    expect(d.message).toContain('kind must be one of: section, check, judged, deduct, add, bands, count, deductions, weighted, quota, rated')
    expect(d.message).toContain('did you mean "check"')
    const p = finding(rubric({ params: { p: { type: 'nummer', default: 1 } } }), 'SCHEMA_INVALID_VALUE', ['params', 'p', 'type'])
    expect(p.message).toContain('type must be one of: number, rate, integer, boolean, date, rounding, enum')
    finding(one({ fact: 'done' }), 'SCHEMA_MISSING_KEY', ['items', 0, 'kind'])
  })

  it('reports the issues of the branch clearly meant (deduct, conditions, params)', () => {
    const deduct = { kind: 'deduct', fact: 'passRate', target: 0.9, step: 0.01, points: 1, rounding: 'ceil', floor: 0 }
    const d = pair(one({ ...deduct, step: 'one' }), one(deduct), 'SCHEMA_INVALID_VALUE', ['items', 0, 'step'])
    expect(d.message).toMatch(/write a decimal number/)
    const iz = finding(one({ kind: 'check', when: { fact: 'done', iz: true } }), 'SCHEMA_UNKNOWN_KEY', ['items', 0, 'when', 'iz'])
    expect(iz.message).toMatch(/did you mean "is"/)
    none(one({ kind: 'check', when: { fact: 'done', is: true } }), 'SCHEMA_UNKNOWN_KEY')
    finding(one({ kind: 'check', when: { all: [{ quota: 'q' }] } }), 'SCHEMA_MISSING_KEY', ['items', 0, 'when', 'all', 0, 'met'])
    const facts = finding(one({ kind: 'check', when: { facts: 'done', is: true } }), 'SCHEMA_UNKNOWN_KEY', ['items', 0, 'when', 'facts'])
    expect(facts.message).toMatch(/did you mean "fact"/)
    const parm = finding(one({ kind: 'check', fact: 'done', points: { parm: 'p' } }), 'SCHEMA_UNKNOWN_KEY', ['items', 0, 'points', 'parm'])
    expect(parm.message).toMatch(/did you mean "param"/)
  })

  it('SCHEMA_INVALID_VALUE for formats, enums and lengths', () => {
    const d = pair(rubric({ id: 'Bad Id' }), rubric(), 'SCHEMA_INVALID_VALUE', ['id'])
    expect(d.message).toMatch(/lower-case ASCII/)
    expect(finding(rubric({ rounding: { places: 2, mode: 'halfup' } }), 'SCHEMA_INVALID_VALUE', ['rounding', 'mode']).message).toMatch(/did you mean "half-up"/)
    // An empty item list is allowed (a money-and-quota method), but must then match total: 0.
    pair(rubric({ items: [] }), rubric(), 'MAX_MISMATCH', ['total'])
  })
})

describe('validateRubric: ids and references', () => {
  it('DUPLICATE_ID points at the first definition', () => {
    const bad = rubric({ items: [{ kind: 'check', id: 'a', title: 'A', max: 5, fact: 'done' }, { kind: 'judged', id: 'a', title: 'B', max: 5, fact: 'passRate' }] })
    const d = pair(bad, rubric(), 'DUPLICATE_ID', ['items', 1, 'id'])
    expect(d.related).toEqual([{ message: 'First defined here.', path: ['items', 0, 'id'] }])
    const gate = rubric({ gates: [{ id: 'a', title: 'G', when: { fact: 'done', is: true } }] })
    finding(gate, 'DUPLICATE_ID', ['gates', 0, 'id'])
    const grades = (order: string[]) => rubric({ grades: { order, thresholds: [{ grade: '优秀', min: 9 }, { grade: '合格' }] } })
    pair(grades(['优秀', '合格', '优秀']), grades(['优秀', '合格']), 'DUPLICATE_ID', ['grades', 'order', 2])
  })

  it('UNKNOWN_FACT', () => {
    pair(one({ kind: 'check', fact: 'nope' }), one({ kind: 'check', fact: 'done' }), 'UNKNOWN_FACT', ['items', 0, 'fact'])
    pair(one({ kind: 'check', when: { any: [{ fact: 'nope', is: true }] } }), one({ kind: 'check', when: { any: [{ fact: 'done', is: true }] } }), 'UNKNOWN_FACT', ['items', 0, 'when', 'any', 0, 'fact'])
    pair(one({ kind: 'check', when: { span: ['start', 'end'], atMost: { days: 7 } } }), one({ kind: 'check', fact: 'done' }), 'UNKNOWN_FACT', ['items', 0, 'when', 'span', 0])
  })

  it('UNKNOWN_PARAM anywhere a { param } is written', () => {
    const params = { full: { type: 'number', default: 10 } }
    pair(one({ kind: 'check', fact: 'done', points: { param: 'ful' } }, { params }), one({ kind: 'check', fact: 'done', points: { param: 'full' } }, { params }), 'UNKNOWN_PARAM', ['items', 0, 'points', 'param'])
    finding(one({ kind: 'check', when: { fact: 'passRate', atLeast: { param: 'nope' } } }), 'UNKNOWN_PARAM', ['items', 0, 'when', 'atLeast', 'param'])
  })

  const articles = { articles: { title: '稿件', fields: { kind: { type: 'enum', values: ['a', 'b'] }, day: { type: 'date' }, ref: { type: 'string' } }, key: 'ref', date: 'day' } }

  it('UNKNOWN_RECORDS', () => {
    const count = (records: string) => one({ kind: 'count', records, points: 1 }, { records: articles })
    pair(count('article'), count('articles'), 'UNKNOWN_RECORDS', ['items', 0, 'records'])
    finding(one({ kind: 'check', when: { count: 'nope', atLeast: 1 } }), 'UNKNOWN_RECORDS', ['items', 0, 'when', 'count'])
  })

  it('UNKNOWN_FIELD', () => {
    const count = (where: Obj) => one({ kind: 'count', records: 'articles', where, points: 1 }, { records: articles })
    pair(count({ knd: 'a' }), count({ kind: 'a' }), 'UNKNOWN_FIELD', ['items', 0, 'where', 'knd'])
    const by = (field: string) => one({ kind: 'count', records: 'articles', points: { by: field, values: { a: 1, b: 2 } } }, { records: articles })
    pair(by('kinds'), by('kind'), 'UNKNOWN_FIELD', ['items', 0, 'points', 'by'])
    const dated = (date: string) => one({ kind: 'count', records: 'articles', points: 1 }, { records: { articles: { ...articles.articles, date } } })
    pair(dated('ref'), dated('day'), 'UNKNOWN_FIELD', ['records', 'articles', 'date'])
    pair(dated('when'), dated('day'), 'UNKNOWN_FIELD', ['records', 'articles', 'date'])
  })

  it('UNKNOWN_FIELD for a reward category', () => {
    const m = (category: string) => rubric({ records: articles, money: { rewards: [{ id: 'r', title: 'R', records: 'articles', category, amounts: { a: 10, b: 5 } }] } })
    const d = pair(m('knd'), m('kind'), 'UNKNOWN_FIELD', ['money', 'rewards', 0, 'category'])
    expect(d.message).toMatch(/did you mean "kind"/)
  })

  const quotas = [{ id: 'monthly', title: '每月报送', records: 'articles', per: 'month', atLeast: 2 }]

  it('UNKNOWN_QUOTA', () => {
    const q = (quota: string) => one({ kind: 'quota', quota, points: 1, floor: 0 }, { records: articles, quotas })
    pair(q('montly'), q('monthly'), 'UNKNOWN_QUOTA', ['items', 0, 'quota'])
  })

  it('UNKNOWN_ITEM', () => {
    const gate = (score: string) => rubric({ gates: [{ id: 'g', title: 'G', when: { score, atLeast: 3 } }] })
    pair(gate('c'), gate('a'), 'UNKNOWN_ITEM', ['gates', 0, 'when', 'score'])
    none(gate('total'), 'UNKNOWN_ITEM')
  })

  it('UNKNOWN_GRADE', () => {
    const g = (grade: string) => rubric({ grades: { order: ['优秀', '合格'], thresholds: [{ grade: '优秀', min: 9 }, { grade }] } })
    pair(g('及格'), g('合格'), 'UNKNOWN_GRADE', ['grades', 'thresholds', 1, 'grade'])
  })
})

describe('validateRubric: parameters and facts', () => {
  it('PARAM_TYPE for the kind of value expected', () => {
    const params = { flag: { type: 'boolean', default: true }, full: { type: 'number', default: 10 }, how: { type: 'rounding', default: 'ceil' }, due: { type: 'date', default: '2024-06-30' } }
    pair(one({ kind: 'check', fact: 'done', points: { param: 'flag' } }, { params }), one({ kind: 'check', fact: 'done', points: { param: 'full' } }, { params }), 'PARAM_TYPE', ['items', 0, 'points', 'param'])
    const deduct = (rounding: unknown) => one({ kind: 'deduct', fact: 'passRate', target: 0.9, step: 0.01, points: 1, rounding, floor: 0 }, { params })
    pair(deduct({ param: 'full' }), deduct({ param: 'how' }), 'PARAM_TYPE', ['items', 0, 'rounding', 'param'])
    const facts = { handedIn: { type: 'date', title: '报送日期' } }
    const date = (p: string) => one({ kind: 'check', when: { date: 'handedIn', onOrBefore: { param: p } } }, { params, facts })
    pair(date('full'), date('due'), 'PARAM_TYPE', ['items', 0, 'when', 'onOrBefore', 'param'])
  })

  it('PARAM_TYPE for invalid defaults', () => {
    const use = (params: Obj) => one({ kind: 'check', fact: 'done', points: { param: 'p' } }, { params })
    pair(use({ p: { type: 'rate', default: 1.5 } }), use({ p: { type: 'rate', default: 1 } }), 'PARAM_TYPE', ['params', 'p', 'default'])
    pair(use({ p: { type: 'number', default: 12, max: 10 } }), use({ p: { type: 'number', default: 8, max: 10 } }), 'PARAM_TYPE', ['params', 'p', 'default'])
    const e = (d: string) => rubric({ params: { mode: { type: 'enum', values: ['strict', 'lenient'], default: d } } })
    pair(e('strikt'), e('strict'), 'PARAM_TYPE', ['params', 'mode', 'default'])
  })

  it('facts of the wrong type for their use', () => {
    pair(one({ kind: 'judged', fact: 'done' }), one({ kind: 'judged', fact: 'passRate' }), 'SCHEMA_INVALID_VALUE', ['items', 0, 'fact'])
    pair(one({ kind: 'check', fact: 'passRate' }), one({ kind: 'check', fact: 'done' }), 'SCHEMA_INVALID_VALUE', ['items', 0, 'fact'])
    const facts = { done: { type: 'boolean', title: 'd' }, passRate: { type: 'rate', title: 'r' }, visits: { type: 'integer', title: 'v', min: 0 } }
    pair(one({ kind: 'count', fact: 'passRate', points: 1 }, { facts }), one({ kind: 'count', fact: 'visits', points: 1 }, { facts }), 'SCHEMA_INVALID_VALUE', ['items', 0, 'fact'])
    const w = (fact: string) => one({ kind: 'weighted', terms: [{ fact, weight: 1 }] })
    pair(w('done'), w('passRate'), 'SCHEMA_INVALID_VALUE', ['items', 0, 'terms', 0, 'fact'])
  })
})

describe('validateRubric: exactly-one and ordering rules', () => {
  const records = { articles: { title: '稿件', fields: { ref: { type: 'string' } } } }
  it('check needs exactly one of fact / when', () => {
    pair(one({ kind: 'check' }), one({ kind: 'check', fact: 'done' }), 'SCHEMA_INVALID_VALUE', ['items', 0])
    finding(one({ kind: 'check', fact: 'done', when: { fact: 'done', is: true } }), 'SCHEMA_INVALID_VALUE', ['items', 0, 'when'])
  })
  it('count needs exactly one of records / fact, and dedupe needs a key', () => {
    const facts = { n: { type: 'integer', title: 'n' } }
    pair(one({ kind: 'count', records: 'articles', fact: 'n', points: 1 }, { records, facts }), one({ kind: 'count', fact: 'n', points: 1 }, { records, facts }), 'SCHEMA_INVALID_VALUE', ['items', 0, 'fact'])
    const keyed = { articles: { ...records.articles, key: 'ref' } }
    pair(one({ kind: 'count', records: 'articles', dedupe: true, points: 1 }, { records }), one({ kind: 'count', records: 'articles', dedupe: true, points: 1 }, { records: keyed }), 'SCHEMA_INVALID_VALUE', ['items', 0, 'dedupe'])
  })
  it('a deduction needs exactly one of fact / records; a penalty one of quota / fact', () => {
    const facts = { faults: { type: 'integer', title: 'f' }, done: { type: 'boolean', title: 'd' } }
    const ded = (d: Obj) => rubric({ facts, records, items: [{ kind: 'check', id: 'a', title: 'A', max: 5, fact: 'done' }, { kind: 'deductions', id: 'b', title: 'B', max: 5, floor: 0, deductions: [{ id: 'd1', title: 'D', points: 1, ...d }] }] })
    pair(ded({}), ded({ fact: 'faults' }), 'SCHEMA_INVALID_VALUE', ['items', 1, 'deductions', 0])
    const pen = (p: Obj) => rubric({ facts, money: { penalties: [{ id: 'p', title: 'P', amount: 100, ...p }] } })
    pair(pen({}), pen({ fact: 'faults' }), 'SCHEMA_INVALID_VALUE', ['money', 'penalties', 0])
  })
  it('a band needs exactly one of points / times', () => {
    const b = (band: Obj) => one({ kind: 'bands', fact: 'passRate', bands: [{ to: 0.5, points: 0 }, { from: 0.5, ...band }] })
    pair(b({ points: 10, times: 10 }), b({ times: 10 }), 'SCHEMA_INVALID_VALUE', ['items', 0, 'bands', 1, 'times'])
  })
  it('conditions need a comparison', () => {
    pair(one({ kind: 'check', when: { fact: 'passRate' } }), one({ kind: 'check', when: { fact: 'passRate', atLeast: 0.9 } }), 'SCHEMA_INVALID_VALUE', ['items', 0, 'when'])
    const facts = { handedIn: { type: 'date', title: 'd' } }
    pair(one({ kind: 'check', when: { date: 'handedIn' } }, { facts }), one({ kind: 'check', when: { date: 'handedIn', onOrBefore: '--06-30' } }, { facts }), 'SCHEMA_INVALID_VALUE', ['items', 0, 'when'])
  })
  it('ranges must be ordered', () => {
    const q = (count: Obj) => rubric({ grades: { order: ['优秀', '合格'], quotas: [{ grade: '优秀', count }], thresholds: [{ grade: '合格' }] } })
    pair(q({ min: 3, max: 2 }), q({ min: 2, max: 3 }), 'SCHEMA_INVALID_VALUE', ['grades', 'quotas', 0, 'count', 'min'])
    pair(one({ kind: 'judged', fact: 'passRate', min: 12 }), one({ kind: 'judged', fact: 'passRate', min: -2 }), 'SCHEMA_INVALID_VALUE', ['items', 0, 'min'])
    pair(rubric({ effective: { from: '2024-01-01', until: '2023-12-31' } }), rubric({ effective: { from: '2024-01-01', until: '2024-12-31' } }), 'SCHEMA_INVALID_VALUE', ['effective', 'until'])
  })
  it('rollup levels must connect and grow', () => {
    const r = (rollup: Obj[]) => rubric({ period: { unit: 'month' }, rollup })
    const ok = [{ from: 'month', to: 'quarter', combine: 'sum' }, { from: 'quarter', to: 'year', combine: 'mean' }]
    pair(r([{ from: 'month', to: 'quarter', combine: 'sum' }, { from: 'half', to: 'year', combine: 'mean' }]), r(ok), 'SCHEMA_INVALID_VALUE', ['rollup', 1, 'from'])
    finding(r([{ from: 'month', to: 'month', combine: 'sum' }]), 'SCHEMA_INVALID_VALUE', ['rollup', 0, 'to'])
  })
  it('decimals have at most 6 places', () => {
    const d = pair(rubric({ total: 10.0000001 }), rubric(), 'SCHEMA_INVALID_VALUE', ['total'])
    expect(d.message).toMatch(/has more than 6 decimal places/)
    const s = finding(one({ kind: 'check', fact: 'done', points: '1.1234567' }), 'SCHEMA_INVALID_VALUE', ['items', 0, 'points'])
    expect(s.message).toMatch(/has more than 6 decimal places/)
    none(one({ kind: 'check', fact: 'done', points: '1.123456' }), 'SCHEMA_INVALID_VALUE')
  })
})

describe('validateRubric: maxima', () => {
  const section = (max: number, cap?: boolean) =>
    rubric({
      items: [
        { kind: 'section', id: 's', title: 'S', max, ...(cap ? { cap } : {}), items: [{ kind: 'check', id: 'a', title: 'A', max: 4.8, fact: 'done' }, { kind: 'judged', id: 'b', title: 'B', max: 5.2, fact: 'passRate' }] },
      ],
      total: max,
    })
  it('MAX_MISMATCH when a section does not add up', () => {
    const bad = rubric({ items: [{ ...section(10).items[0], max: 12 }], total: 12 })
    const d = pair(bad, section(10), 'MAX_MISMATCH', ['items', 0, 'max'])
    expect(d.message).toBe("Items add up to 10, but the section's max is 12.")
    none(rubric({ items: [{ ...section(10).items[0], max: 8, cap: true }], total: 8 }), 'MAX_MISMATCH')
  })
  it('MAX_MISMATCH when the items do not add up to total', () => {
    const d = pair(rubric({ total: 12 }), rubric(), 'MAX_MISMATCH', ['total'])
    expect(d.message).toBe('Items add up to 10, but total is 12.')
  })
  it('MAX_MISMATCH when a leaf gives more than its max', () => {
    pair(one({ kind: 'check', fact: 'done', points: 11 }), one({ kind: 'check', fact: 'done', points: 10 }), 'MAX_MISMATCH', ['items', 0, 'points'])
    const facts = { n: { type: 'integer', title: 'n' } }
    pair(one({ kind: 'count', fact: 'n', points: 1, cap: 12 }, { facts }), one({ kind: 'count', fact: 'n', points: 1, cap: 8 }, { facts }), 'MAX_MISMATCH', ['items', 0, 'cap'])
    const deduct = (from: number) => one({ kind: 'deduct', fact: 'passRate', target: 0.9, step: 0.01, points: 1, rounding: 'ceil', floor: 0, from })
    pair(deduct(15), deduct(10), 'MAX_MISMATCH', ['items', 0, 'from'])
  })
})

describe('lintRubric', () => {
  const xuzhou = (lastTo: number) =>
    rubric({
      total: 5,
      facts: { chiefRate: { type: 'rate', title: '主要负责人到会率' } },
      items: [{ kind: 'bands', id: 'item6', title: '第六项', max: 5, fact: 'chiefRate', bands: [{ from: 1, to: 1, edges: '[]', points: 5 }, { from: 0.41, to: 1, times: 5 }, { to: lastTo, points: 0 }] }],
    })

  it('BAND_GAP: the Xuzhou item 6 case', () => {
    const gaps = diagnose(xuzhou(0.4)).filter((d) => d.code === 'BAND_GAP')
    expect(gaps).toHaveLength(1)
    expect(gaps[0]).toMatchObject({ code: 'BAND_GAP', severity: 'error', path: ['items', 0, 'bands', 1, 'from'] })
    expect(gaps[0]!.message).toBe('Bands leave rates from 0.4 (inclusive) to 0.41 (exclusive) without a score.')
    expect(gaps[0]!.hint).toContain('to: 0.41')
    expect(diagnose(xuzhou(0.41))).toEqual([])
  })

  it('BAND_GAP at the ends of a bounded number fact', () => {
    const facts = { score: { type: 'number', title: 's', min: 0, max: 100 } }
    const b = (bands: Obj[]) => one({ kind: 'bands', fact: 'score', bands }, { facts })
    pair(b([{ from: 0, to: 60, points: 0 }, { from: 60, to: 100, points: 10 }]), b([{ from: 0, to: 60, points: 0 }, { from: 60, to: 100, edges: '[]', points: 10 }]), 'BAND_GAP', ['items', 0, 'bands', 1, 'to'])
  })

  it('BAND_OVERLAP at the later band', () => {
    const b = (from: number) => one({ kind: 'bands', fact: 'passRate', bands: [{ to: 0.6, points: 0 }, { from, points: 10 }] })
    const d = pair(b(0.5), b(0.6), 'BAND_OVERLAP', ['items', 0, 'bands', 1])
    expect(d.message).toContain('rates from 0.5 (inclusive) to 0.6 (exclusive)')
  })

  it('UNREACHABLE_GRADE', () => {
    const g = (grades: Obj) => rubric({ grades })
    pair(g({ order: ['优秀', '合格'], thresholds: [{ grade: '优秀', min: 11 }, { grade: '合格' }] }), g({ order: ['优秀', '合格'], thresholds: [{ grade: '优秀', min: 9 }, { grade: '合格' }] }), 'UNREACHABLE_GRADE', ['grades', 'thresholds', 0, 'min'])
    pair(g({ order: ['优秀', '合格'], thresholds: [{ grade: '合格' }, { grade: '优秀', min: 9 }] }), g({ order: ['优秀', '合格'], thresholds: [{ grade: '优秀', min: 9 }, { grade: '合格' }] }), 'UNREACHABLE_GRADE', ['grades', 'thresholds', 1])
    pair(g({ order: ['优秀', '合格'], quotas: [{ grade: '优秀', count: 2, minScore: 12 }], thresholds: [{ grade: '合格' }] }), g({ order: ['优秀', '合格'], quotas: [{ grade: '优秀', count: 2, minScore: 9 }], thresholds: [{ grade: '合格' }] }), 'UNREACHABLE_GRADE', ['grades', 'quotas', 0, 'minScore'])
    pair(g({ order: ['优秀', '合格', '不合格'], thresholds: [{ grade: '优秀', min: 9 }, { grade: '合格' }] }), g({ order: ['优秀', '合格', '不合格'], thresholds: [{ grade: '优秀', min: 9 }, { grade: '合格' }], ineligible: '不合格' }), 'UNREACHABLE_GRADE', ['grades', 'order', 2])
  })

  it('UNUSED_PARAM', () => {
    const params = { full: { type: 'number', default: 5 } }
    pair(rubric({ params }), one({ kind: 'check', fact: 'done', points: { param: 'full' } }, { params }), 'UNUSED_PARAM', ['params', 'full'])
  })

  it('UNUSED_FACT', () => {
    const facts = { done: { type: 'boolean', title: 'd' }, passRate: { type: 'rate', title: 'r' }, extra: { type: 'integer', title: 'e' } }
    pair(rubric({ facts }), rubric(), 'UNUSED_FACT', ['facts', 'extra'])
  })

  it('DEDUCTION_WITHOUT_FLOOR', () => {
    const deduct = { kind: 'deduct', fact: 'passRate', target: 0.9, step: 0.01, points: 1, rounding: 'ceil' }
    const d = pair(one(deduct), one({ ...deduct, floor: 0 }), 'DEDUCTION_WITHOUT_FLOOR', ['items', 0])
    expect(d.message).toContain('deducts 90 from 10')
    none(one({ ...deduct, points: 0.1 }), 'DEDUCTION_WITHOUT_FLOOR') // at most 9 of 10
    const facts = { temp: { type: 'number', title: 't' } }
    finding(one({ ...deduct, fact: 'temp', direction: 'above', target: 20, step: 1 }, { facts }), 'DEDUCTION_WITHOUT_FLOOR', ['items', 0])
    const faults = { faults: { type: 'integer', title: 'f' } }
    const ded = (d1: Obj, floor?: number) => one({ kind: 'deductions', ...(floor === undefined ? {} : { floor }), deductions: [{ id: 'd1', title: 'D', fact: 'faults', points: 2, ...d1 }] }, { facts: faults })
    pair(ded({}), ded({ cap: 10 }), 'DEDUCTION_WITHOUT_FLOOR', ['items', 0])
    pair(ded({ cap: 12 }), ded({ cap: 12 }, 0), 'DEDUCTION_WITHOUT_FLOOR', ['items', 0])
    const records = { articles: { title: '稿件', fields: { day: { type: 'date' } }, date: 'day' } }
    const quotas = [{ id: 'monthly', title: '每月报送', records: 'articles', per: 'month', atLeast: 2 }]
    const qi = (floor?: number) => one({ kind: 'quota', quota: 'monthly', points: 1, ...(floor === undefined ? {} : { floor }) }, { records, quotas })
    pair(qi(), qi(0), 'DEDUCTION_WITHOUT_FLOOR', ['items', 0])
  })

  it('MONEY_CATEGORY_WITHOUT_AMOUNT', () => {
    const records = { adopted: { title: '采用', fields: { level: { type: 'enum', values: ['national', 'province', 'city'] } } } }
    const m = (amounts: Obj, where?: Obj) => rubric({ records, money: { rewards: [{ id: 'r', title: 'R', records: 'adopted', category: 'level', amounts, ...(where ? { where } : {}) }] } })
    const d = pair(m({ national: 500, province: 200 }), m({ national: 500, province: 200, city: 100 }), 'MONEY_CATEGORY_WITHOUT_AMOUNT', ['money', 'rewards', 0, 'amounts'])
    expect(d.message).toContain('"city"')
    none(m({ national: 500, province: 200 }, { level: ['national', 'province'] }), 'MONEY_CATEGORY_WITHOUT_AMOUNT')
    pair(m({ national: 500, province: 200, city: 100, county: 50 }), m({ national: 500, province: 200, city: 100 }), 'MONEY_CATEGORY_WITHOUT_AMOUNT', ['money', 'rewards', 0, 'amounts', 'county'])
  })
})
