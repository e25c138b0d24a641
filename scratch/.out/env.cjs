"use strict";

// bench/xuzhou-data.ts
function makeSubjects(n) {
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const rate = () => Math.round(rnd() * 1e3) / 1e3;
  const judged = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const kinds = ["innovation", "national-adoption", "provincial-adoption"];
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
      regulationMeasures: judged(1, 4)
    },
    records: {
      innovations: Array.from({ length: Math.floor(rnd() * 4) }, (_2, k) => ({ title: `t${k}`, kind: kinds[Math.floor(rnd() * 3)], date: "2017-06-01" }))
    }
  }));
}

// src/limits.ts
var DEFAULT_LIMITS = Object.freeze({
  maxRubricBytes: 1048576,
  maxEvidenceBytes: 268435456,
  maxYamlBytes: 4194304,
  maxAliasCount: 100,
  maxDepth: 100,
  maxItems: 1e4,
  maxStringLength: 1e4,
  maxRecordsPerSubject: 1e5,
  maxSubjects: 1e6
});
var LIMIT_NAMES = Object.freeze(Object.keys(DEFAULT_LIMITS));
function hasControl(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32) {
      if (c !== 9 && c !== 10 && c !== 13) return true;
    } else if (c >= 127 && (c <= 159 || c >= 8234 && (c <= 8238 || c >= 8294 && c <= 8297))) return true;
  }
  return false;
}

// scratch/env.ts
var N = 1e5;
var subjects = makeSubjects(N);
function bench(label, fn) {
  let c = 0;
  for (const s of subjects) if (fn(s)) c++;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < 5; r++) for (const s of subjects) if (fn(s)) c++;
  console.log(label.padEnd(20), (Number(process.hrtime.bigint() - t0) / N / 5).toFixed(0), "ns", c);
}
bench("proto", (s) => Object.getPrototypeOf(s) === Object.prototype);
bench("forin", (s) => {
  let n = 0;
  for (const k in s) n++;
  return n === 3;
});
bench("forin-own", (s) => {
  let n = 0;
  for (const k in s) if (Object.prototype.hasOwnProperty.call(s, k)) n++;
  return n === 3;
});
bench("id", (s) => typeof s.id === "string" && s.id.length > 0 && !hasControl(s.id));
bench("keys", (s) => Object.keys(s).length === 3);
