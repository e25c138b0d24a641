// 湘東區民政局宣傳工作考評辦法 (rubrics/xiangdong-civil-affairs-publicity.yaml): boundary cases for 三 (quotas), 四
// (rewards and deductions) and 五 (monthly notice, townships), each worked by hand beside the expectation.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { compileRubric, loadRubric, type CohortResult, type EvaluateOptions, type Evaluator, type SubjectResult } from '../../src/index'

const root = join(__dirname, '..', '..')
const file = join(root, 'rubrics', 'xiangdong-civil-affairs-publicity.yaml')
const loaded = loadRubric(readFileSync(file, 'utf8'), { file })
if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, null, 2))
const compiled = compileRubric(loaded.value)
if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics, null, 2))
const ev: Evaluator = compiled.value

const YEAR: EvaluateOptions = { period: { from: '2017-01-01', to: '2017-12-31' } }

type Row = Record<string, unknown>
const pad = (n: number) => String(n).padStart(2, '0')

/** Submissions: counts[i] pieces in month i + 1 of 2017, dated the 1st, 2nd, … of the month. */
const submissions = (counts: number[]): Row[] =>
  counts.flatMap((n, m) => Array.from({ length: n }, (_, d) => ({ date: `2017-${pad(m + 1)}-${pad(d + 1)}`, title: `信息${m + 1}-${d + 1}` })))
const months = (n: number) => Array.from({ length: 12 }, () => n)
const adoption = (piece: string, outlet: string, date: string): Row => ({ piece, outlet, date })
const article = (date: string, author = '股室'): Row => ({ title: '調研文章', author, date })

/**
 * A unit that meets every per-unit quota with nothing to spare, and earns no reward: 2 submissions a month,
 * 2 civil-affairs and 2 district adoptions are replaced per test. Records not given count as empty.
 */
function unit(id: string, records: Record<string, Row[]>): Row {
  return { id, records }
}
const compliant = (id: string, monthly = 2): Record<string, Row[]> => ({
  submissions: submissions(months(monthly)),
  adoptions: [adoption(`${id}-1`, 'district', '2017-03-01'), adoption(`${id}-2`, 'district', '2017-04-01'), adoption(`${id}-3`, 'city-civil', '2017-05-01'), adoption(`${id}-4`, 'city-civil', '2017-06-01')],
  research: [article('2017-06-30')],
})

function one(subject: Row, opts: EvaluateOptions = YEAR): SubjectResult {
  const r = ev.evaluate(subject, opts)
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2))
  return r.value
}
function cohort(subjects: Row[], opts: EvaluateOptions = YEAR, e: Evaluator = ev): CohortResult {
  const r = e.evaluateCohort({ subjects }, opts)
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2))
  return r.value
}
const quota = (r: SubjectResult, id: string) => r.quotas!.find((q) => q.id === id)!
const penalty = (r: SubjectResult, id: string) => r.money!.penalties.find((p) => p.id === id)!.amount
const reward = (r: SubjectResult) => r.money!.rewards.find((p) => p.id === 'adoption-reward')!.amount

describe('xiangdong-civil-affairs-publicity: the rubric', () => {
  it('loads without errors or warnings; no points (total 0, no items); 9 subjects (8 units + 班子成員)', () => {
    expect(loaded.value!.warnings).toEqual([])
    expect(ev.rubric.total).toBe(0)
    expect(ev.rubric.items).toEqual([])
    expect(ev.rubric.subjects!.list!.map((s) => s.id)).toEqual(['shejiu', 'fupin', 'bangongshi', 'jiuzai', 'youfu', 'jiceng', 'shiwu', 'fuli', 'leadership'])
  })

  it('a compliant unit totals 0.00 with no grade, owes nothing and earns its rewards', () => {
    const r = one(unit('youfu', compliant('youfu')))
    // 三: no points → total 0.00 (exact 0), no grades declared → null
    expect([r.total, r.exactTotal, r.grade]).toEqual(['0.00', '0', null])
    // 四1 2 × 50 + 四4 2 × 60 = 220.00; 四7 nothing short → 0.00; net 220.00
    expect(r.money).toMatchObject({ rewardTotal: '220.00', penaltyTotal: '0.00', net: '220.00' })
  })

  it('the assessed span must be given: per-month quotas need it (the method is undated)', () => {
    const r = ev.evaluate(unit('youfu', compliant('youfu')))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.diagnostics.map((d) => d.code)).toContain('OPTION_INVALID')
  })
})

describe('三1 每月信息報送 (monthly-submissions) and 四7 50 yuan per missing piece', () => {
  it('a unit: exactly 2 every month → short 0 → 0.00', () => {
    const r = one(unit('shiwu', { submissions: submissions(months(2)) }))
    expect(quota(r, 'monthly-submissions')).toMatchObject({ required: 2, count: 24, shortfall: 0 })
    expect(penalty(r, 'missing-submission')).toBe('0.00')
  })

  it('a unit: 1 in March, 0 in August → short 1 + 2 = 3 → 3 × 50 = 150.00 (per missing piece, not per month)', () => {
    const counts = months(2)
    counts[2] = 1
    counts[7] = 0
    const r = one(unit('shiwu', { submissions: submissions(counts) }))
    expect(quota(r, 'monthly-submissions')).toMatchObject({ count: 21, shortfall: 3 }) // 24 − 1 − 2 = 21 submitted
    expect(penalty(r, 'missing-submission')).toBe('150.00')
  })

  it('a surplus in one month does not make up for another: 6 in January, none in February → short 2', () => {
    const counts = months(2)
    counts[0] = 6
    counts[1] = 0
    const r = one(unit('fuli', { submissions: submissions(counts) }))
    // 6 + 0 + 10 × 2 = 26 submitted in the year (more than 12 × 2), but February is 0 of 2 → short 2 → 100.00
    expect(quota(r, 'monthly-submissions')).toMatchObject({ count: 26, shortfall: 2 })
    expect(penalty(r, 'missing-submission')).toBe('100.00')
  })

  it('社救局 ≥ 3 (override): 2 a month is short 1 each month → 12 → 600.00; 3 a month → 0', () => {
    const r = one(unit('shejiu', { submissions: submissions(months(2)) }))
    // 三1 其中社救局不少于3條: 12 months × (3 − 2) = 12 → 12 × 50 = 600.00 (a general unit would owe 0)
    expect(quota(r, 'monthly-submissions')).toMatchObject({ required: 3, overridden: true, shortfall: 12 })
    expect(penalty(r, 'missing-submission')).toBe('600.00')
    expect(quota(one(unit('shejiu', { submissions: submissions(months(3)) })), 'monthly-submissions').shortfall).toBe(0)
  })

  it('扶貧和移民辦 ≥ 1 (override): 1 a month → short 0; a month with none → short 1 → 50.00', () => {
    expect(quota(one(unit('fupin', { submissions: submissions(months(1)) })), 'monthly-submissions')).toMatchObject({ required: 1, shortfall: 0 })
    const counts = months(1)
    counts[11] = 0
    const r = one(unit('fupin', { submissions: submissions(counts) }))
    expect(quota(r, 'monthly-submissions').shortfall).toBe(1) // December 0 of 1
    expect(penalty(r, 'missing-submission')).toBe('50.00')
  })

  it('班子成員 are asked for no 報送信息: required 0, nothing owed', () => {
    const r = one({ id: 'leadership', records: {} })
    expect(quota(r, 'monthly-submissions')).toMatchObject({ required: 0, count: 0, shortfall: 0 })
    expect(penalty(r, 'missing-submission')).toBe('0.00')
  })

  it('month edges: 01-31 counts in January, 02-01 in February; 2016-12-31 and 2018-01-01 are outside the year', () => {
    const rows = submissions(months(2)).filter((s) => !String(s.date).startsWith('2017-01') && !String(s.date).startsWith('2017-02'))
    rows.push({ date: '2017-01-30', title: 'a' }, { date: '2017-01-31', title: 'b' }, { date: '2017-02-01', title: 'c' }, { date: '2016-12-31', title: 'd' }, { date: '2018-01-01', title: 'e' })
    const r = one(unit('jiceng', { submissions: rows }))
    // January 2 (30th, 31st), February 1 (1st) → short 1; 2016-12-31 and 2018-01-01 not counted: 20 + 3 = 23
    expect(quota(r, 'monthly-submissions')).toMatchObject({ count: 23, shortfall: 1 })
    expect(penalty(r, 'missing-submission')).toBe('50.00')
  })
})

describe('三1 用稿 quotas, per unit and bureau-wide', () => {
  it('民政系統 = city-civil + province-civil + national-civil; city party press and district do not count', () => {
    const r = one(
      unit('youfu', {
        adoptions: [adoption('a', 'city-civil', '2017-02-01'), adoption('b', 'national-civil', '2017-03-01'), adoption('c', 'city-party', '2017-04-01'), adoption('d', 'district', '2017-05-01')],
      }),
    )
    expect(quota(r, 'civil-affairs-adoptions')).toMatchObject({ required: 2, count: 2, shortfall: 0 }) // a, b
    expect(penalty(r, 'missing-civil-affairs-adoption')).toBe('0.00')
  })

  it('四7: 1 civil-affairs adoption of the 2 → short 1 → 100.00; none → 200.00', () => {
    const r1 = one(unit('jiuzai', { adoptions: [adoption('a', 'province-civil', '2017-02-01')] }))
    expect(quota(r1, 'civil-affairs-adoptions').shortfall).toBe(1)
    expect(penalty(r1, 'missing-civil-affairs-adoption')).toBe('100.00')
    const r0 = one(unit('jiuzai', { adoptions: [adoption('a', 'province-party', '2017-02-01')] })) // party press: not 民政系統
    expect(penalty(r0, 'missing-civil-affairs-adoption')).toBe('200.00') // 2 × 100
  })

  it('one piece at two civil-affairs levels counts twice toward the quota but is rewarded once (用稿的計數, 四8)', () => {
    const r = one(unit('jiceng', { adoptions: [adoption('JC-03', 'city-civil', '2017-06-21'), adoption('JC-03', 'province-civil', '2017-07-03')] }))
    // 三1 two 用稿 → count 2 → short 0 → no deduction; 四8 rewarded once at the higher, 200.00 (not 60 + 200)
    expect(quota(r, 'civil-affairs-adoptions')).toMatchObject({ count: 2, shortfall: 0 })
    expect(penalty(r, 'missing-civil-affairs-adoption')).toBe('0.00')
    expect(reward(r)).toBe('200.00')
  })

  it('pieceCountsOnce = true, the other reading of 用稿的計數: one piece counts once in each quota; not the default', () => {
    // with the parameter, the adoption quotas count distinct pieces (records.adoptions has key: piece): JC-03 at the
    // city and the provincial civil web is one piece → count 1 of 2 → short 1 → 100.00 deducted (四7); the reward
    // is 200.00 either way (四8)
    const e = compileRubric(loaded.value, { params: { pieceCountsOnce: true } })
    if (!e.ok) throw new Error('does not compile')
    const r = e.value.evaluate(unit('jiceng', { adoptions: [adoption('JC-03', 'city-civil', '2017-06-21'), adoption('JC-03', 'province-civil', '2017-07-03')] }), YEAR)
    if (!r.ok) throw new Error('refused')
    expect(quota(r.value, 'civil-affairs-adoptions')).toMatchObject({ count: 1, shortfall: 1 })
    expect(penalty(r.value, 'missing-civil-affairs-adoption')).toBe('100.00')
    expect(reward(r.value)).toBe('200.00')
  })

  it('區級政務信息: 1 of 2 → short 1, but 四7 deducts nothing for it', () => {
    const r = one(unit('youfu', { adoptions: [adoption('a', 'district', '2017-02-01')] }))
    expect(quota(r, 'district-adoptions')).toMatchObject({ required: 2, count: 1, shortfall: 1 })
    expect(r.money!.penalties.map((p) => p.id)).toEqual(['missing-submission', 'missing-civil-affairs-adoption', 'missing-research', 'missing-leadership-research'])
  })

  it('其他黨報黨刊 per unit: default 0 (bureau-wide only); otherPartyPressPerUnit=1 asks 1 of each unit, no money', () => {
    const subject = unit('bangongshi', { adoptions: [adoption('a', 'district', '2017-02-01')] })
    expect(quota(one(subject), 'party-press-adoptions')).toMatchObject({ required: 0, count: 0, shortfall: 0 })
    const r = one(subject, { ...YEAR, params: { otherPartyPressPerUnit: 1 } })
    expect(quota(r, 'party-press-adoptions')).toMatchObject({ required: 1, count: 0, shortfall: 1 })
    expect(r.money!.penaltyTotal).toBe(one(subject).money!.penaltyTotal) // the same deductions either way
    // 班子成員 stay at 0 whatever the parameter
    expect(quota(one({ id: 'leadership', records: {} }, { ...YEAR, params: { otherPartyPressPerUnit: 1 } }), 'party-press-adoptions').required).toBe(0)
  })

  it('bureau-wide: 民政系統 16 exactly is met, 15 is not (「16篇以上」 includes 16)', () => {
    // eight units with 2 civil-affairs adoptions each = 16
    const ids = ['shejiu', 'fupin', 'bangongshi', 'jiuzai', 'youfu', 'jiceng', 'shiwu', 'fuli']
    const sixteen = cohort(ids.map((id) => unit(id, compliant(id))))
    expect(sixteen.cohortQuotas.find((q) => q.id === 'civil-affairs-adoptions')).toMatchObject({ count: 16, required: '16', met: true, shortfall: 0 })
    // 區級政務信息 16 ≥ 12 → met; 其他黨報黨刊 0 of 5 → short 5
    expect(sixteen.cohortQuotas.find((q) => q.id === 'district-adoptions')).toMatchObject({ count: 16, met: true })
    expect(sixteen.cohortQuotas.find((q) => q.id === 'party-press-adoptions')).toMatchObject({ count: 0, required: '5', met: false, shortfall: 5 })
    // drop one civil-affairs adoption of 辦公室 → 15 < 16 → short 1; the unit itself is short 1 → 100.00
    const fifteen = cohort(ids.map((id) => (id === 'bangongshi' ? unit(id, { ...compliant(id), adoptions: compliant(id).adoptions!.slice(0, 3) }) : unit(id, compliant(id)))))
    expect(fifteen.cohortQuotas.find((q) => q.id === 'civil-affairs-adoptions')).toMatchObject({ count: 15, met: false, shortfall: 1 })
    expect(penalty(fifteen.subjects.find((s) => s.subject.id === 'bangongshi')!, 'missing-civil-affairs-adoption')).toBe('100.00')
  })

  it('bureau-wide: 其他黨報黨刊 5 exactly is met, and 班子成員 adoptions count toward the bureau totals', () => {
    const r = cohort([
      unit('shejiu', { adoptions: [adoption('a', 'city-party', '2017-02-01'), adoption('b', 'province-party', '2017-03-01')] }),
      unit('shiwu', { adoptions: [adoption('c', 'city-party', '2017-04-01'), adoption('d', 'city-party', '2017-05-01')] }),
      { id: 'leadership', records: { adoptions: [adoption('e', 'province-party', '2017-06-01')] } },
    ])
    expect(r.cohortQuotas.find((q) => q.id === 'party-press-adoptions')).toMatchObject({ count: 5, met: true })
  })
})

describe('三2 調研文章 and 四7 200 yuan per missing article', () => {
  it('a unit: none → short 1 → 200.00; one → 0; two → 0 (no reward for a surplus)', () => {
    expect(penalty(one(unit('fuli', { research: [] })), 'missing-research')).toBe('200.00')
    expect(penalty(one(unit('fuli', { research: [article('2017-12-31')] })), 'missing-research')).toBe('0.00') // the span's last day counts
    const two = one(unit('fuli', { research: [article('2017-03-01'), article('2017-09-01')] }))
    expect(quota(two, 'research')).toMatchObject({ count: 2, shortfall: 0 })
    expect(penalty(two, 'missing-research')).toBe('0.00')
    expect(two.money!.rewardTotal).toBe('0.00') // 三2 articles earn nothing in 四
  })

  it('an article dated 2016-12-31 belongs to 2016: short 1 → 200.00', () => {
    expect(penalty(one(unit('shiwu', { research: [article('2016-12-31')] })), 'missing-research')).toBe('200.00')
  })

  it('班子成員: 5 members (default), 4 articles → short 1, reported; 四7 (各部門) deducts nothing by default', () => {
    const four = ['局長', '副局長甲', '副局長乙', '紀檢組長'].map((a, i) => article(`2017-0${i + 3}-10`, a))
    const r = one({ id: 'leadership', records: { research: four } })
    expect(quota(r, 'leadership-research')).toMatchObject({ required: 5, count: 4, shortfall: 1 })
    expect(quota(r, 'research')).toMatchObject({ required: 0, shortfall: 0 })
    expect(penalty(r, 'missing-leadership-research')).toBe('0.00') // leadershipResearchPenalty 0 (the literal reading)
    expect(penalty(r, 'missing-research')).toBe('0.00')
    // a unit with its one article: leadership-research asks 0 of it
    expect(quota(one(unit('fuli', { research: [article('2017-05-01')] })), 'leadership-research')).toMatchObject({ required: 0, shortfall: 0 })
  })

  it('leadershipMembers=4 → 4 of 4 → 0.00; leadershipResearchPenalty=200 (as for a unit) → short 1 → 200.00', () => {
    const four = ['局長', '副局長甲', '副局長乙', '紀檢組長'].map((a, i) => article(`2017-0${i + 3}-10`, a))
    const s = { id: 'leadership', records: { research: four } }
    expect(quota(one(s, { ...YEAR, params: { leadershipMembers: 4 } }), 'leadership-research').shortfall).toBe(0)
    const r = one(s, { ...YEAR, params: { leadershipResearchPenalty: 200 } })
    expect(quota(r, 'leadership-research').shortfall).toBe(1)
    expect(penalty(r, 'missing-leadership-research')).toBe('200.00') // 1 × 200
  })
})

describe('四1-6 rewards and 四8 one piece rewarded once at its highest level', () => {
  it('each level pays its amount: 50 + 60 + 200 + 60 + 200 + 400 = 970.00', () => {
    const r = one(
      unit('bangongshi', {
        adoptions: [
          adoption('p1', 'district', '2017-01-10'), // 四1 50
          adoption('p2', 'city-party', '2017-02-10'), // 四2 60
          adoption('p3', 'province-party', '2017-03-10'), // 四3 200
          adoption('p4', 'city-civil', '2017-04-10'), // 四4 60
          adoption('p5', 'province-civil', '2017-05-10'), // 四5 200
          adoption('p6', 'national-civil', '2017-06-10'), // 四6 400
        ],
      }),
    )
    expect(reward(r)).toBe('970.00')
  })

  it('district + city civil web + provincial civil web → once, 200.00 (not 50 + 60 + 200 = 310)', () => {
    const r = one(unit('shejiu', { adoptions: [adoption('SJ-07', 'district', '2017-04-10'), adoption('SJ-07', 'city-civil', '2017-04-12'), adoption('SJ-07', 'province-civil', '2017-04-20')] }))
    expect(reward(r)).toBe('200.00')
    expect(r.money!.rewards[0]!.duplicates).toEqual([{ key: 'SJ-07', kept: 'province-civil', dropped: ['district', 'city-civil'] }])
  })

  it('the national level wins whatever the order: national then district → 400.00', () => {
    expect(reward(one(unit('shiwu', { adoptions: [adoption('x', 'national-civil', '2017-02-01'), adoption('x', 'district', '2017-02-05')] })))).toBe('400.00')
  })

  it('equal amounts (city party press 60, city civil web 60) pay 60.00 once', () => {
    expect(reward(one(unit('jiuzai', { adoptions: [adoption('JZ-05', 'city-party', '2017-07-21'), adoption('JZ-05', 'city-civil', '2017-07-24')] })))).toBe('60.00')
  })

  it('two different pieces at the same level are two rewards: 2 × 50 = 100.00', () => {
    expect(reward(one(unit('fuli', { adoptions: [adoption('a', 'district', '2017-02-01'), adoption('b', 'district', '2017-02-01')] })))).toBe('100.00')
  })

  it('an adoption outside the year is neither counted nor rewarded: 2016-12 district + 2017-01 provincial → 200.00, civil count 1', () => {
    const r = one(unit('youfu', { adoptions: [adoption('y', 'district', '2016-12-30'), adoption('y', 'province-civil', '2017-01-03'), adoption('z', 'national-civil', '2018-01-02')] }))
    expect(reward(r)).toBe('200.00')
    expect(quota(r, 'civil-affairs-adoptions').count).toBe(1)
    expect(quota(r, 'district-adoptions').count).toBe(0)
  })

  it('an outlet 四 does not name (e.g. a national party paper) is refused, not guessed', () => {
    const r = ev.evaluate(unit('youfu', { adoptions: [adoption('q', 'national-party', '2017-02-01')] }), YEAR)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.diagnostics.map((d) => d.code)).toContain('EVIDENCE_INVALID')
  })
})

describe('四7 money exact to the fen; net may be negative', () => {
  it('a unit that did nothing: 24 × 50 + 2 × 100 + 1 × 200 = 1600.00 deducted, net −1600.00', () => {
    const r = one(unit('jiceng', {}))
    expect(r.money).toMatchObject({ rewardTotal: '0.00', penaltyTotal: '1600.00', net: '-1600.00' })
    expect(r.money!.penalties.map((p) => p.amount)).toEqual(['1200.00', '200.00', '200.00', '0.00'])
  })

  it('社救局 with nothing: 12 × 3 = 36 missing pieces → 1800.00; total 1800 + 200 + 200 = 2200.00', () => {
    expect(one(unit('shejiu', {})).money).toMatchObject({ penaltyTotal: '2200.00', net: '-2200.00' })
  })
})

describe('五2 每月通報一次: the same rubric for one month (period option)', () => {
  const example = parse(readFileSync(join(root, 'examples', 'xiangdong-civil-affairs-publicity', 'evidence.yaml'), 'utf8')) as { subjects: Row[] }
  const month = (m: string): EvaluateOptions => ({ period: { from: `2017-${m}-01`, to: `2017-${m}-${m === '04' ? '30' : '31'}` } })

  it('May 2017: 社救局 1 of 3 → short 2 → 100.00; 扶貧和移民辦 1 of 1 → 0; 辦公室 BG-04 (district + provincial party) → 200.00', () => {
    const r = cohort(example.subjects, month('05'))
    const by = (id: string) => r.subjects.find((s) => s.subject.id === id)!
    const sj = quota(by('shejiu'), 'monthly-submissions')
    expect(sj).toMatchObject({ required: 3, count: 1, shortfall: 2 })
    expect(sj.periods).toEqual([{ period: '2017-05', count: 1, required: 3, short: 2 }])
    expect(penalty(by('shejiu'), 'missing-submission')).toBe('100.00')
    expect(quota(by('fupin'), 'monthly-submissions')).toMatchObject({ count: 1, shortfall: 0 })
    expect(reward(by('bangongshi'))).toBe('200.00') // BG-04 district 05-09 + province-party 05-25 → once, 200
    // the notice's 網上用稿: May's adoptions bureau-wide: BG-04 × 2, JC-02, FL-02 = 4 records
    const all = r.subjects.reduce((n, s) => n + s.quotas!.filter((q) => q.id.endsWith('-adoptions')).reduce((k, q) => k + q.count, 0), 0)
    expect(all).toBe(4)
  })

  it('April 2017: 社救局 SJ-07 adopted three times in April → 200.00 once; submissions 3 of 3 → 0', () => {
    const r = cohort(example.subjects, month('04'))
    const sj = r.subjects.find((s) => s.subject.id === 'shejiu')!
    expect(reward(sj)).toBe('200.00')
    expect(quota(sj, 'monthly-submissions')).toMatchObject({ count: 3, shortfall: 0 })
    // the yearly quotas show the month's standing only: civil-affairs 2 (SJ-07 city + provincial) of 2
    expect(quota(sj, 'civil-affairs-adoptions')).toMatchObject({ count: 2, shortfall: 0 })
  })
})

describe('五4 各鄉(鎮、街)民政所參照執行', () => {
  const township = { id: 'xiabu', name: '下埠鎮民政所', records: compliant('xiabu') }

  it('one township scored on its own takes the general quotas (2 a month, 2 + 2 adoptions, 1 article)', () => {
    const r = one(township)
    expect(quota(r, 'monthly-submissions')).toMatchObject({ required: 2, overridden: false, shortfall: 0 })
    expect(r.money!.net).toBe('220.00') // 2 × 50 + 2 × 60, nothing short
  })

  it('a township in a cohort is refused by subjects.list; a copy of the rubric without the list scores the townships', () => {
    const refused = ev.evaluateCohort({ subjects: [township] }, YEAR)
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.diagnostics.map((d) => d.code)).toContain('EVIDENCE_UNKNOWN_SUBJECT')
    const rubric = loaded.value!.rubric
    const copy = compileRubric({ ...rubric, subjects: { title: '各鄉(鎮、街)民政所' } })
    if (!copy.ok) throw new Error('copy did not compile')
    const r = cohort([township, { id: 'laoguan', records: { submissions: submissions(months(1)) } }], YEAR, copy.value)
    const lg = r.subjects.find((s) => s.subject.id === 'laoguan')!
    // 老關鎮: 1 a month of 2 → short 12 → 600.00; no adoptions → 2 × 100 = 200.00; no article → 200.00 → 1000.00
    expect(lg.money).toMatchObject({ penaltyTotal: '1000.00', net: '-1000.00' })
  })
})
