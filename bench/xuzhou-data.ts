/** Deterministic synthetic Xuzhou evidence for benchmarks (a linear congruential generator, no Math.random). */
export function makeSubjects(n: number): { id: string; facts: Record<string, number | boolean>; records: { innovations: { title: string; kind: string; date: string }[] } }[] {
  let seed = 12345
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  const rate = () => Math.round(rnd() * 1000) / 1000
  const judged = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1))
  const kinds = ['innovation', 'national-adoption', 'provincial-adoption']
  return Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    facts: {
      countyStandardised: rnd() < 0.8,
      provincialDemonstration: rnd() < 0.4,
      townshipPassRate: rate(),
      townshipSamplingRatio: rate(),
      devZonePassRate: rnd() < 0.7 ? 1 : rate(),
      onlineQualifiedRate: rate(),
      villageQualifiedRate: rate(),
      chiefStatisticianRate: rnd() < 0.3 ? 1 : rate(),
      virtualSurveyTeam: rnd() < 0.7,
      materials: judged(1, 3),
      ledger: judged(1, 3),
      achievements: judged(1, 15),
      countyApplications: judged(1, 4),
      enterpriseAcceptance: judged(1, 5),
      workInformation: judged(1, 5),
      classifiedGuidance: judged(1, 5),
      lookBack: judged(1, 3),
      provincialShowcase: judged(1, 3),
      regulationMeasures: judged(1, 4),
    },
    records: {
      innovations: Array.from({ length: Math.floor(rnd() * 4) }, (_, k) => ({ title: `t${k}`, kind: kinds[Math.floor(rnd() * 3)]!, date: '2017-06-01' })),
    },
  }))
}

type Subject = ReturnType<typeof makeSubjects>[number]

/** The Xuzhou rubric hand-written with binary floats: the speed reference (its results are not exact). */
export function handWrittenTotal(s: Subject): number {
  const f = s.facts as Record<string, number> & Record<string, boolean>
  let key = (f.countyStandardised ? 3 : 0) + (f.provincialDemonstration ? 7 : 0)
  if ((f.townshipSamplingRatio as unknown as number) >= 0.3) key += Math.max(0, 10 - Math.ceil((0.9 - (f.townshipPassRate as unknown as number)) / 0.01 - 1e-9) * 1)
  key += (f.devZonePassRate as unknown as number) >= 1 ? 3 : 0
  key += (f.onlineQualifiedRate as unknown as number) >= 0.95 ? 7 : 0
  key += (f.villageQualifiedRate as unknown as number) >= 0.5 ? 10 : 0
  const c = f.chiefStatisticianRate as unknown as number
  key += c >= 1 ? 5 : c >= 0.4 ? 5 * c : 0
  key += f.virtualSurveyTeam ? 5 : 0
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))
  const work =
    clamp(f.materials as unknown as number, 1, 3) + clamp(f.ledger as unknown as number, 1, 3) + clamp(f.achievements as unknown as number, 1, 15) +
    clamp(f.countyApplications as unknown as number, 1, 4) + clamp(f.enterpriseAcceptance as unknown as number, 1, 5) + clamp(f.workInformation as unknown as number, 1, 5) +
    clamp(f.classifiedGuidance as unknown as number, 1, 5) + clamp(f.lookBack as unknown as number, 1, 3) + clamp(f.provincialShowcase as unknown as number, 1, 3) +
    clamp(f.regulationMeasures as unknown as number, 1, 4)
  let bonus = 0
  for (const r of s.records.innovations) bonus += r.kind === 'innovation' ? 2 : r.kind === 'national-adoption' ? 3 : 2
  return Math.round((key + work + Math.min(10, bonus)) * 100) / 100
}
