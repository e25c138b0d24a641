import type { CohortResult, ItemResult, SubjectResult } from '../../src/index'

/**
 * The part of a result an `expected.json` states: every number, grade, rank, eligibility and amount, flattened so
 * that a hand-worked file stays readable. Sections that a rubric does not use are left out.
 */
export function projectSubject(r: SubjectResult): Record<string, unknown> {
  const items: Record<string, string> = {}
  const walk = (list: ItemResult[]) => {
    for (const i of list) {
      items[i.id] = i.score
      if (i.items) walk(i.items)
    }
  }
  walk(r.items)
  const out: Record<string, unknown> = {
    id: r.subject.id,
    total: r.total,
    exactTotal: r.exactTotal,
    grade: r.grade,
    rank: r.rank ?? null,
    eligible: r.eligible,
    items,
  }
  if (r.gates.length) out.gates = Object.fromEntries(r.gates.map((g) => [g.id, g.passed]))
  if (r.findings?.length) out.findings = Object.fromEntries(r.findings.map((f) => [f.id, f.value]))
  if (r.quotas?.length) out.quotas = Object.fromEntries(r.quotas.map((q) => [q.id, { count: q.count, required: q.required, shortfall: q.shortfall }]))
  if (r.money)
    out.money = {
      rewards: Object.fromEntries(r.money.rewards.map((l) => [l.id, l.amount])),
      penalties: Object.fromEntries(r.money.penalties.map((l) => [l.id, l.amount])),
      rewardTotal: r.money.rewardTotal,
      penaltyTotal: r.money.penaltyTotal,
      net: r.money.net,
    }
  if (r.periods?.length) out.periods = Object.fromEntries(r.periods.map((p) => [p.period, p.total]))
  if (r.self) out.self = r.self.total
  return out
}

export function projectCohort(r: CohortResult): Record<string, unknown> {
  const out: Record<string, unknown> = {
    rubric: r.rubric.id,
    subjects: r.subjects.map(projectSubject),
  }
  if (r.cohortQuotas.length) out.cohortQuotas = Object.fromEntries(r.cohortQuotas.map((q) => [q.id, { count: q.count, required: q.required, met: q.met }]))
  return out
}
