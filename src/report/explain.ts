import type { CohortResult, ItemResult, SubjectResult, Trail } from '../evaluate/result'
import { badArgument } from '../diagnostics/diagnostic'
import { formatDiagnostic } from '../diagnostics/format'

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** Renders one subject's result and its full trail as text, Chinese labels first. */
export function explain(result: SubjectResult): string {
  if (!isRecord(result) || !isRecord(result.subject) || !isRecord(result.rubric) || !Array.isArray(result.items))
    return formatDiagnostic(badArgument("explain takes one subject's result: the value of evaluate, or one of evaluateCohort's subjects.")) + '\n'
  const out: string[] = []
  const who = result.subject.name ? `${result.subject.name} (${result.subject.id})` : result.subject.id
  out.push(`${who} — ${result.rubric.title} [${result.rubric.id}]`)
  if (result.asOf || result.period) out.push(`評價日期 as of: ${result.asOf ?? '-'}${result.period ? `   考評期間 period: ${result.period.from ?? '…'} – ${result.period.to ?? '…'}` : ''}`)
  out.push(`總分 total: ${result.total} / ${result.max}${result.bonus !== undefined ? ` (+ bonus ${result.bonus})` : ''}${result.total !== result.exactTotal ? ` (exact ${result.exactTotal})` : ''}${result.rank !== undefined ? `   排名 rank: ${result.rank}` : ''}`)
  out.push(`等次 grade: ${result.grade ?? '—'}   (${result.gradeBasis}: ${result.gradeReason})`)
  if (result.gates.length) {
    out.push(`資格 eligibility: ${result.eligible ? '符合 eligible' : '不符合 ineligible'}`)
    for (const g of result.gates) out.push(`  ${g.passed ? '✓' : '✗'} ${g.title} (${g.id})${g.source ? ` [${g.source}]` : ''}: ${g.reason}`)
  }
  if (result.findings?.length) {
    out.push('事項 findings:')
    for (const f of result.findings) out.push(`  ${f.title} (${f.id})${f.source ? ` [${f.source}]` : ''}: ${f.value === null ? '—' : String(f.value)}${f.reason ? ` — ${f.reason}` : ''}`)
  }
  out.push('評分 items:')
  for (const item of result.items) renderItem(item, 1, out)
  if (result.periods?.length) {
    out.push('分期 periods:')
    for (const p of result.periods) out.push(`  ${p.period}: ${p.total}`)
  }
  if (result.quotas?.length) {
    out.push('任務 quotas:')
    for (const q of result.quotas) {
      const short = q.periods?.filter((p) => p.short > 0).map((p) => `${p.period} ${p.count}/${p.required}`) ?? []
      out.push(`  ${q.title} (${q.id})${q.source ? ` [${q.source}]` : ''}: ${q.count} counted, required ${q.required}${q.periods ? ' per period' : ''}${q.overridden ? ' (this subject\'s own quota)' : ''}, short ${q.shortfall}${short.length ? ` — ${short.join(', ')}` : ''}`)
    }
  }
  if (result.money) {
    const m = result.money
    out.push(`獎懲 money (${m.currency}): rewards ${m.rewardTotal} − penalties ${m.penaltyTotal} = net ${m.net}`)
    for (const l of m.rewards) {
      out.push(`  + ${l.title} (${l.id})${l.source ? ` [${l.source}]` : ''}: ${l.amount} — ${l.detail}`)
      for (const d of l.duplicates ?? []) out.push(`      one piece "${d.key}": rewarded once at ${d.kept}, not again at ${d.dropped.join(', ')}`)
    }
    for (const l of m.penalties) out.push(`  − ${l.title} (${l.id})${l.source ? ` [${l.source}]` : ''}: ${l.amount} — ${l.detail}`)
  }
  if (result.self) {
    out.push(`自評 self-assessment: ${result.self.total}`)
    for (const d of result.differences ?? []) out.push(`  ${d.title} (${d.item}): self ${d.self}, assessor ${d.assessor}, difference ${d.difference}`)
  }
  if (result.warnings.length) {
    out.push('提示 warnings:')
    for (const w of result.warnings) out.push(`  ${w.code}: ${w.message}`)
  }
  return out.join('\n') + '\n'
}

/** One line of an item's trail: what it is, and its text. */
export interface TrailLine {
  kind: 'rule' | 'evidence' | 'computed' | 'requires' | 'arithmetic' | 'period' | 'bounds'
  /** A period's line: the period. */
  label?: string
  text: string
}

/** The lines of an item's trail, in the order every report shows them (text here, HTML in src/report/html.ts). */
export function trailLines(t: Trail): TrailLine[] {
  const out: TrailLine[] = [{ kind: 'rule', text: t.rule }]
  const inputs = Object.entries(t.inputs ?? {})
  if (inputs.length) out.push({ kind: 'evidence', text: inputs.map(([k, v]) => `${k} = ${v}`).join(', ') })
  for (const [name, text] of Object.entries(t.computed ?? {})) out.push({ kind: 'computed', text: `${name} = ${text}` })
  if (t.requires) out.push({ kind: 'requires', text: t.requires })
  out.push({ kind: 'arithmetic', text: t.arithmetic })
  for (const p of t.periods ?? []) out.push({ kind: 'period', label: p.period, text: `${p.score} — ${p.arithmetic}` })
  if (t.bounds) out.push({ kind: 'bounds', text: t.bounds })
  return out
}

/** Each trail line's label in `explain`'s text. */
const TEXT_LABELS: Record<TrailLine['kind'], string> = { rule: '規則 rule:', evidence: '依據 evidence:', computed: '計算值 computed:', requires: '前提 requires:', arithmetic: '計算 arithmetic:', period: '', bounds: '界限 bounds:' }

function renderItem(item: ItemResult, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth)
  const na = item.notApplicable ? ` 不適用 not applicable (${item.notApplicable})` : ''
  out.push(`${pad}${item.title} (${item.id}): ${item.score} / ${item.max}${item.source ? ` [${item.source}]` : ''}${na}`)
  if (item.trail) {
    const inner = pad + '    '
    for (const x of trailLines(item.trail)) out.push(x.kind === 'period' ? `${inner}  ${x.label}: ${x.text}` : `${inner}${TEXT_LABELS[x.kind]} ${x.text}`)
  }
  if (item.note) out.push(`${pad}    說明 note: ${item.note}`)
  if (item.adjustment) {
    const a = item.adjustment
    out.push(`${pad}    人工調整 adjustment: ${item.computed} → ${item.score} (${a.to !== undefined ? `set to ${a.to}` : `by ${a.by}`}); reason: ${a.reason}; approved by ${a.approver}${a.date ? ` on ${a.date}` : ''}`)
  }
  for (const child of item.items ?? []) renderItem(child, depth + 1, out)
}

/** One line per subject: rank, id, name, total, grade; then the cohort's own quotas. */
export function summarizeCohort(result: CohortResult): string {
  if (!isRecord(result) || !Array.isArray(result.subjects) || !Array.isArray(result.cohortQuotas))
    return formatDiagnostic(badArgument('summarizeCohort takes the value of evaluateCohort.')) + '\n'
  const lines = result.subjects.map((s) => `${String(s.rank ?? '-').padStart(3)}  ${s.subject.id}  ${s.subject.name ?? ''}  ${s.total}  ${s.grade ?? '—'}${s.eligible ? '' : '  (ineligible)'}`)
  for (const q of result.cohortQuotas) lines.push(`cohort ${q.title} (${q.id}): ${q.count} / ${q.required}${q.met ? ' ✓' : ` ✗ short ${q.shortfall}`}`)
  return lines.join('\n') + '\n'
}
