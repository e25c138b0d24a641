"use strict"
const h_T = h.T
const h_absent = h.absent
const h_add = h.add
const h_bad = h.bad
const h_badAdjustment = h.badAdjustment
const h_band = h.band
const h_bestSum = h.bestSum
const h_distinctCount = h.distinctCount
const h_div = h.div
const h_divToInteger = h.divToInteger
const h_factProblem = h.factProblem
const h_fromNumber = h.fromNumber
const h_isDecimalText = h.isDecimalText
const h_isRateText = h.isRateText
const h_max = h.max
const h_mul = h.mul
const h_mulInt = h.mulInt
const h_parseDay = h.parseDay
const h_parseFixed = h.parseFixed
const h_pick = h.pick
const h_plain = h.plain
const h_refuse = h.refuse
const h_section = h.section
const h_show = h.show
const h_sub = h.sub
const h_text = h.text
const h_warn = h.warn
return { readFacts, readRecords, score, outcome, money, quotas: [] }
function readFacts(st, f, req) {
const V = st.V, X = st.X
for (let k = 0; k < 19; k++) { V[k] = NaN; X[k] = undefined; st.warned[k] = 0 }
if (f === undefined) return req ? (h_bad(st, L.missingFacts(st)), false) : true
if (typeof f !== "object" || f === null || Array.isArray(f) || !h_plain(f)) { h_bad(st, L.notMapping(st, "facts", f, ["facts"])); return false }
let n = 0, ok = true, a, v
a = f["countyStandardised"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 0))) return false; ok = false } }
else {
n++
if (a === true) V[0] = 1; else if (a === false) V[0] = 0; else { if (!h_bad(st, h_factProblem(st, 0, a))) return false; ok = false }
}
a = f["provincialDemonstration"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 1))) return false; ok = false } }
else {
n++
if (a === true) V[1] = 1; else if (a === false) V[1] = 0; else { if (!h_bad(st, h_factProblem(st, 1, a))) return false; ok = false }
}
a = f["townshipPassRate"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 2))) return false; ok = false } }
else {
n++
if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }
else if (typeof a === "string" && h_isRateText(a)) v = h_parseFixed(a)
else v = NaN
if (v !== v || v < 0 || v > 1000000) { if (!h_bad(st, h_factProblem(st, 2, a))) return false; ok = false }
else V[2] = v
}
a = f["townshipSamplingRatio"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 3))) return false; ok = false } }
else {
n++
if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }
else if (typeof a === "string" && h_isRateText(a)) v = h_parseFixed(a)
else v = NaN
if (v !== v || v < 0 || v > 1000000) { if (!h_bad(st, h_factProblem(st, 3, a))) return false; ok = false }
else V[3] = v
}
a = f["devZonePassRate"]
if (a === undefined) { }
else {
n++
if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }
else if (typeof a === "string" && h_isRateText(a)) v = h_parseFixed(a)
else v = NaN
if (v !== v || v < 0 || v > 1000000) { if (!h_bad(st, h_factProblem(st, 4, a))) return false; ok = false }
else V[4] = v
}
a = f["onlineQualifiedRate"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 5))) return false; ok = false } }
else {
n++
if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }
else if (typeof a === "string" && h_isRateText(a)) v = h_parseFixed(a)
else v = NaN
if (v !== v || v < 0 || v > 1000000) { if (!h_bad(st, h_factProblem(st, 5, a))) return false; ok = false }
else V[5] = v
}
a = f["villageQualifiedRate"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 6))) return false; ok = false } }
else {
n++
if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }
else if (typeof a === "string" && h_isRateText(a)) v = h_parseFixed(a)
else v = NaN
if (v !== v || v < 0 || v > 1000000) { if (!h_bad(st, h_factProblem(st, 6, a))) return false; ok = false }
else V[6] = v
}
a = f["chiefStatisticianRate"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 7))) return false; ok = false } }
else {
n++
if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }
else if (typeof a === "string" && h_isRateText(a)) v = h_parseFixed(a)
else v = NaN
if (v !== v || v < 0 || v > 1000000) { if (!h_bad(st, h_factProblem(st, 7, a))) return false; ok = false }
else V[7] = v
}
a = f["virtualSurveyTeam"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 8))) return false; ok = false } }
else {
n++
if (a === true) V[8] = 1; else if (a === false) V[8] = 0; else { if (!h_bad(st, h_factProblem(st, 8, a))) return false; ok = false }
}
a = f["materials"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 9))) return false; ok = false } }
else {
n++
if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }
else if (typeof a === "string" && h_isDecimalText(a)) v = h_parseFixed(a)
else v = NaN
if (v !== v) { if (!h_bad(st, h_factProblem(st, 9, a))) return false; ok = false }
else V[9] = v
}
a = f["ledger"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 10))) return false; ok = false } }
else {
n++
if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }
else if (typeof a === "string" && h_isDecimalText(a)) v = h_parseFixed(a)
else v = NaN
if (v !== v) { if (!h_bad(st, h_factProblem(st, 10, a))) return false; ok = false }
else V[10] = v
}
a = f["achievements"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 11))) return false; ok = false } }
else {
n++
if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }
else if (typeof a === "string" && h_isDecimalText(a)) v = h_parseFixed(a)
else v = NaN
if (v !== v) { if (!h_bad(st, h_factProblem(st, 11, a))) return false; ok = false }
else V[11] = v
}
a = f["countyApplications"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 12))) return false; ok = false } }
else {
n++
if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }
else if (typeof a === "string" && h_isDecimalText(a)) v = h_parseFixed(a)
else v = NaN
if (v !== v) { if (!h_bad(st, h_factProblem(st, 12, a))) return false; ok = false }
else V[12] = v
}
a = f["enterpriseAcceptance"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 13))) return false; ok = false } }
else {
n++
if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }
else if (typeof a === "string" && h_isDecimalText(a)) v = h_parseFixed(a)
else v = NaN
if (v !== v) { if (!h_bad(st, h_factProblem(st, 13, a))) return false; ok = false }
else V[13] = v
}
a = f["workInformation"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 14))) return false; ok = false } }
else {
n++
if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }
else if (typeof a === "string" && h_isDecimalText(a)) v = h_parseFixed(a)
else v = NaN
if (v !== v) { if (!h_bad(st, h_factProblem(st, 14, a))) return false; ok = false }
else V[14] = v
}
a = f["classifiedGuidance"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 15))) return false; ok = false } }
else {
n++
if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }
else if (typeof a === "string" && h_isDecimalText(a)) v = h_parseFixed(a)
else v = NaN
if (v !== v) { if (!h_bad(st, h_factProblem(st, 15, a))) return false; ok = false }
else V[15] = v
}
a = f["lookBack"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 16))) return false; ok = false } }
else {
n++
if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }
else if (typeof a === "string" && h_isDecimalText(a)) v = h_parseFixed(a)
else v = NaN
if (v !== v) { if (!h_bad(st, h_factProblem(st, 16, a))) return false; ok = false }
else V[16] = v
}
a = f["provincialShowcase"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 17))) return false; ok = false } }
else {
n++
if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }
else if (typeof a === "string" && h_isDecimalText(a)) v = h_parseFixed(a)
else v = NaN
if (v !== v) { if (!h_bad(st, h_factProblem(st, 17, a))) return false; ok = false }
else V[17] = v
}
a = f["regulationMeasures"]
if (a === undefined) { if (req) { if (!h_bad(st, L.missingFact(st, 18))) return false; ok = false } }
else {
n++
if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }
else if (typeof a === "string" && h_isDecimalText(a)) v = h_parseFixed(a)
else v = NaN
if (v !== v) { if (!h_bad(st, h_factProblem(st, 18, a))) return false; ok = false }
else V[18] = v
}
let c = 0
for (const _ in f) c++
if (c !== n && !L.unknownKeys(st, f, 0)) ok = false
return ok
}
function readRecords(st, rs) {
const R = st.R, RD = st.RD
for (let i = 0; i < 1; i++) R[i] = undefined
if (rs === undefined) return true
if (typeof rs !== "object" || rs === null || Array.isArray(rs) || !h_plain(rs)) { h_bad(st, L.notMapping(st, "records", rs, ["records"])); return false }
let n = 0, ok = true, total = 0, x, v
{ const rows = rs["innovations"]
if (rows !== undefined) {
n++
if (!Array.isArray(rows)) { if (!h_bad(st, L.notList(st, 0, rows))) return false; ok = false }
else {
total += rows.length
if (total > st.maxRecords) { h_bad(st, L.tooMany(st, total)); return false }
let D = RD[0]; if (D.length < rows.length) D = RD[0] = new Float64Array(Math.max(rows.length, 2 * D.length))
for (let j = 0; j < rows.length; j++) {
const row = rows[j]
if (typeof row !== "object" || row === null || Array.isArray(row) || !h_plain(row)) { if (!h_bad(st, L.notRow(st, 0, j, row))) return false; ok = false; continue }
let c = 0
x = row["title"]
if (x === undefined) { if (!h_bad(st, L.missingField(st, 0, j, "title"))) return false; ok = false }
else { c++
if (!(typeof x === "string" && h_text(x, st.maxString))) { if (!h_bad(st, L.fieldProblem(st, 0, j, 0, x))) return false; ok = false }
}
x = row["kind"]
if (x === undefined) { }
else { c++
if (!(x === "innovation" || x === "national-adoption" || x === "provincial-adoption")) { if (!h_bad(st, L.fieldProblem(st, 0, j, 1, x))) return false; ok = false }
}
x = row["date"]
if (x === undefined) { if (!h_bad(st, L.missingField(st, 0, j, "date"))) return false; ok = false }
else { c++
if (h_parseDay(x) !== h_parseDay(x)) { if (!h_bad(st, L.fieldProblem(st, 0, j, 2, x))) return false; ok = false }
}
D[j] = h_parseDay(row["date"])
let m = 0
for (const _ in row) m++
if (m !== c && !L.unknownRowKeys(st, 0, j, row)) { if (st.problems === null) return false; ok = false }
}
R[0] = rows
} } }
let c = 0
for (const _ in rs) c++
if (c !== n && !L.unknownKeys(st, rs, 1)) ok = false
return ok
}
function score0(st) {
const V = st.V, X = st.X, S = st.S, P = st.P, K = st.K, NA = st.NA, A = st.A, AB = st.AB, C = st.C, TR = st.TR, R = st.R, RD = st.RD, FROM = st.from, TO = st.to
if (NA !== null && NA[3] === 1) S[3] = 0
else {
let x
const b_1 = V[0] === 1
const ok_0 = b_1 === true
if (TR !== null) TR[3] = b_1 ? 1 : 0
if (TR !== null) TR[4] = ok_0 ? 1 : 0
if (TR !== null) TR[2] = ok_0 ? 1 : 0
x = ok_0 ? 3000000 : 0

if (TR !== null) TR[1] = x
if (x > 3000000) x = 3000000; else if (x < 0) x = 0
if (A !== null) { const a = A[3], b = AB[3]; if (a === a || b === b) { C[3] = x; x = a === a ? a : h_add(x, b); if (x > 3000000 || x < 0) h_badAdjustment(st, 3, x) } }
S[3] = x
}
if (NA !== null && NA[4] === 1) S[4] = 0
else {
let x
const b_3 = V[1] === 1
const ok_2 = b_3 === true
if (TR !== null) TR[8] = b_3 ? 1 : 0
if (TR !== null) TR[9] = ok_2 ? 1 : 0
if (TR !== null) TR[7] = ok_2 ? 1 : 0
x = ok_2 ? 7000000 : 0

if (TR !== null) TR[6] = x
if (x > 7000000) x = 7000000; else if (x < 0) x = 0
if (A !== null) { const a = A[4], b = AB[4]; if (a === a || b === b) { C[4] = x; x = a === a ? a : h_add(x, b); if (x > 7000000 || x < 0) h_badAdjustment(st, 4, x) } }
S[4] = x
}
if (NA !== null && NA[2] === 1) S[2] = 0
else {
let x
x = (NA === null ? h_add(S[3], S[4]) : h_section(st, 2))

if (x !== x) { NA[2] = 1; S[2] = 0 } else {
if (TR !== null) TR[11] = x
if (x > 10000000) x = 10000000; else if (x < 0) x = 0
if (A !== null) { const a = A[2], b = AB[2]; if (a === a || b === b) { C[2] = x; x = a === a ? a : h_add(x, b); if (x > 10000000 || x < 0) h_badAdjustment(st, 2, x) } }
S[2] = x
}
}
if (NA !== null && NA[5] === 1) S[5] = 0
else {
let x
const v_5 = V[3]
const ok_4 = v_5 >= P[1]
if (TR !== null) TR[14] = v_5
if (TR !== null) TR[15] = ok_4 ? 1 : 0
if (TR !== null) TR[12] = ok_4 ? 1 : 0
if (!ok_4) x = 0
else {
const v_6 = V[2]
const gap_7 = h_sub(900000, v_6)
const r_10 = P[0]
let steps_8 = 0, d_9 = 0
if (gap_7 > 0) {
if (r_10 === 2) { steps_8 = NaN; d_9 = h_div(h_mul(gap_7, 1000000), 10000) }
else { steps_8 = h_divToInteger(gap_7, 10000, r_10 === 0 ? "ceil" : "floor"); d_9 = h_mulInt(1000000, steps_8) } }
if (TR !== null) TR[16] = v_6
if (TR !== null) TR[17] = gap_7
if (TR !== null) TR[18] = steps_8
if (TR !== null) TR[19] = d_9
x = h_max(0, h_sub(10000000, d_9))
}
if (TR !== null) TR[13] = x
if (x > 10000000) x = 10000000; else if (x < 0) x = 0
if (A !== null) { const a = A[5], b = AB[5]; if (a === a || b === b) { C[5] = x; x = a === a ? a : h_add(x, b); if (x > 10000000 || x < 0) h_badAdjustment(st, 5, x) } }
S[5] = x
}
if (NA !== null && NA[6] === 1) S[6] = 0
else {
let x
const v_12 = (V[4] === V[4] ? V[4] : h_absent(st, 4))
const ok_11 = v_12 >= 1000000
if (TR !== null) TR[23] = v_12
if (TR !== null) TR[24] = ok_11 ? 1 : 0
if (TR !== null) TR[22] = ok_11 ? 1 : 0
x = ok_11 ? 3000000 : 0

if (TR !== null) TR[21] = x
if (x > 3000000) x = 3000000; else if (x < 0) x = 0
if (A !== null) { const a = A[6], b = AB[6]; if (a === a || b === b) { C[6] = x; x = a === a ? a : h_add(x, b); if (x > 3000000 || x < 0) h_badAdjustment(st, 6, x) } }
S[6] = x
}
if (NA !== null && NA[7] === 1) S[7] = 0
else {
let x
const v_14 = V[5]
const ok_13 = v_14 >= 950000
if (TR !== null) TR[28] = v_14
if (TR !== null) TR[29] = ok_13 ? 1 : 0
if (TR !== null) TR[27] = ok_13 ? 1 : 0
x = ok_13 ? 7000000 : 0

if (TR !== null) TR[26] = x
if (x > 7000000) x = 7000000; else if (x < 0) x = 0
if (A !== null) { const a = A[7], b = AB[7]; if (a === a || b === b) { C[7] = x; x = a === a ? a : h_add(x, b); if (x > 7000000 || x < 0) h_badAdjustment(st, 7, x) } }
S[7] = x
}
if (NA !== null && NA[8] === 1) S[8] = 0
else {
let x
const v_16 = V[6]
const ok_15 = v_16 >= 500000
if (TR !== null) TR[33] = v_16
if (TR !== null) TR[34] = ok_15 ? 1 : 0
if (TR !== null) TR[32] = ok_15 ? 1 : 0
x = ok_15 ? 10000000 : 0

if (TR !== null) TR[31] = x
if (x > 10000000) x = 10000000; else if (x < 0) x = 0
if (A !== null) { const a = A[8], b = AB[8]; if (a === a || b === b) { C[8] = x; x = a === a ? a : h_add(x, b); if (x > 10000000 || x < 0) h_badAdjustment(st, 8, x) } }
S[8] = x
}
if (NA !== null && NA[9] === 1) S[9] = 0
else {
let x
const v_17 = V[7]
const b_18 = h_band(K[0], v_17)
if (TR !== null) TR[37] = v_17
if (TR !== null) TR[38] = b_18
if (b_18 < 0) throw h_refuse(st, 9, "EVIDENCE_NO_BAND", "chiefStatisticianRate = " + h_T(v_17) + " falls in no band (" + K[0].words + "); the rubric must settle this value.", ["facts", "chiefStatisticianRate"])
const t_19 = K[0].times[b_18]
x = t_19 === t_19 ? h_mul(t_19, v_17) : K[0].points[b_18]

if (TR !== null) TR[36] = x
if (x > 5000000) x = 5000000; else if (x < 0) x = 0
if (A !== null) { const a = A[9], b = AB[9]; if (a === a || b === b) { C[9] = x; x = a === a ? a : h_add(x, b); if (x > 5000000 || x < 0) h_badAdjustment(st, 9, x) } }
S[9] = x
}
if (NA !== null && NA[10] === 1) S[10] = 0
else {
let x
const b_21 = V[8] === 1
const ok_20 = b_21 === true
if (TR !== null) TR[42] = b_21 ? 1 : 0
if (TR !== null) TR[43] = ok_20 ? 1 : 0
if (TR !== null) TR[41] = ok_20 ? 1 : 0
x = ok_20 ? 5000000 : 0

if (TR !== null) TR[40] = x
if (x > 5000000) x = 5000000; else if (x < 0) x = 0
if (A !== null) { const a = A[10], b = AB[10]; if (a === a || b === b) { C[10] = x; x = a === a ? a : h_add(x, b); if (x > 5000000 || x < 0) h_badAdjustment(st, 10, x) } }
S[10] = x
}
if (NA !== null && NA[1] === 1) S[1] = 0
else {
let x
x = (NA === null ? h_add(h_add(h_add(h_add(h_add(h_add(S[2], S[5]), S[6]), S[7]), S[8]), S[9]), S[10]) : h_section(st, 1))

if (x !== x) { NA[1] = 1; S[1] = 0 } else {
if (TR !== null) TR[45] = x
if (x > 50000000) x = 50000000; else if (x < 0) x = 0
if (A !== null) { const a = A[1], b = AB[1]; if (a === a || b === b) { C[1] = x; x = a === a ? a : h_add(x, b); if (x > 50000000 || x < 0) h_badAdjustment(st, 1, x) } }
S[1] = x
}
}
if (NA !== null && NA[12] === 1) S[12] = 0
else {
let x
const v_22 = V[9]
if (TR !== null) TR[48] = v_22
if (v_22 < 1000000 || v_22 > 3000000) {
if (st.W !== null) h_warn(st, "JUDGED_CLAMPED", "Fact \"materials\" = " + h_T(v_22) + " is outside [1, 3]; item materials takes " + h_T(v_22 < 1000000 ? 1000000 : 3000000) + ".", ["facts", "materials"])
}
x = v_22

if (TR !== null) TR[47] = x
if (x > 3000000) x = 3000000; else if (x < 1000000) x = 1000000
if (A !== null) { const a = A[12], b = AB[12]; if (a === a || b === b) { C[12] = x; x = a === a ? a : h_add(x, b); if (x > 3000000 || x < 1000000) h_badAdjustment(st, 12, x) } }
S[12] = x
}
if (NA !== null && NA[13] === 1) S[13] = 0
else {
let x
const v_23 = V[10]
if (TR !== null) TR[51] = v_23
if (v_23 < 1000000 || v_23 > 3000000) {
if (st.W !== null) h_warn(st, "JUDGED_CLAMPED", "Fact \"ledger\" = " + h_T(v_23) + " is outside [1, 3]; item ledger takes " + h_T(v_23 < 1000000 ? 1000000 : 3000000) + ".", ["facts", "ledger"])
}
x = v_23

if (TR !== null) TR[50] = x
if (x > 3000000) x = 3000000; else if (x < 1000000) x = 1000000
if (A !== null) { const a = A[13], b = AB[13]; if (a === a || b === b) { C[13] = x; x = a === a ? a : h_add(x, b); if (x > 3000000 || x < 1000000) h_badAdjustment(st, 13, x) } }
S[13] = x
}
if (NA !== null && NA[14] === 1) S[14] = 0
else {
let x
const v_24 = V[11]
if (TR !== null) TR[54] = v_24
if (v_24 < 1000000 || v_24 > 15000000) {
if (st.W !== null) h_warn(st, "JUDGED_CLAMPED", "Fact \"achievements\" = " + h_T(v_24) + " is outside [1, 15]; item achievements takes " + h_T(v_24 < 1000000 ? 1000000 : 15000000) + ".", ["facts", "achievements"])
}
x = v_24

if (TR !== null) TR[53] = x
if (x > 15000000) x = 15000000; else if (x < 1000000) x = 1000000
if (A !== null) { const a = A[14], b = AB[14]; if (a === a || b === b) { C[14] = x; x = a === a ? a : h_add(x, b); if (x > 15000000 || x < 1000000) h_badAdjustment(st, 14, x) } }
S[14] = x
}
if (NA !== null && NA[15] === 1) S[15] = 0
else {
let x
const v_25 = V[12]
if (TR !== null) TR[57] = v_25
if (v_25 < 1000000 || v_25 > 4000000) {
if (st.W !== null) h_warn(st, "JUDGED_CLAMPED", "Fact \"countyApplications\" = " + h_T(v_25) + " is outside [1, 4]; item county-applications takes " + h_T(v_25 < 1000000 ? 1000000 : 4000000) + ".", ["facts", "countyApplications"])
}
x = v_25

if (TR !== null) TR[56] = x
if (x > 4000000) x = 4000000; else if (x < 1000000) x = 1000000
if (A !== null) { const a = A[15], b = AB[15]; if (a === a || b === b) { C[15] = x; x = a === a ? a : h_add(x, b); if (x > 4000000 || x < 1000000) h_badAdjustment(st, 15, x) } }
S[15] = x
}
if (NA !== null && NA[16] === 1) S[16] = 0
else {
let x
const v_26 = V[13]
if (TR !== null) TR[60] = v_26
if (v_26 < 1000000 || v_26 > 5000000) {
if (st.W !== null) h_warn(st, "JUDGED_CLAMPED", "Fact \"enterpriseAcceptance\" = " + h_T(v_26) + " is outside [1, 5]; item enterprise-acceptance takes " + h_T(v_26 < 1000000 ? 1000000 : 5000000) + ".", ["facts", "enterpriseAcceptance"])
}
x = v_26

if (TR !== null) TR[59] = x
if (x > 5000000) x = 5000000; else if (x < 1000000) x = 1000000
if (A !== null) { const a = A[16], b = AB[16]; if (a === a || b === b) { C[16] = x; x = a === a ? a : h_add(x, b); if (x > 5000000 || x < 1000000) h_badAdjustment(st, 16, x) } }
S[16] = x
}
if (NA !== null && NA[17] === 1) S[17] = 0
else {
let x
const v_27 = V[14]
if (TR !== null) TR[63] = v_27
if (v_27 < 1000000 || v_27 > 5000000) {
if (st.W !== null) h_warn(st, "JUDGED_CLAMPED", "Fact \"workInformation\" = " + h_T(v_27) + " is outside [1, 5]; item work-information takes " + h_T(v_27 < 1000000 ? 1000000 : 5000000) + ".", ["facts", "workInformation"])
}
x = v_27

if (TR !== null) TR[62] = x
if (x > 5000000) x = 5000000; else if (x < 1000000) x = 1000000
if (A !== null) { const a = A[17], b = AB[17]; if (a === a || b === b) { C[17] = x; x = a === a ? a : h_add(x, b); if (x > 5000000 || x < 1000000) h_badAdjustment(st, 17, x) } }
S[17] = x
}
if (NA !== null && NA[18] === 1) S[18] = 0
else {
let x
const v_28 = V[15]
if (TR !== null) TR[66] = v_28
if (v_28 < 1000000 || v_28 > 5000000) {
if (st.W !== null) h_warn(st, "JUDGED_CLAMPED", "Fact \"classifiedGuidance\" = " + h_T(v_28) + " is outside [1, 5]; item classified-guidance takes " + h_T(v_28 < 1000000 ? 1000000 : 5000000) + ".", ["facts", "classifiedGuidance"])
}
x = v_28

if (TR !== null) TR[65] = x
if (x > 5000000) x = 5000000; else if (x < 1000000) x = 1000000
if (A !== null) { const a = A[18], b = AB[18]; if (a === a || b === b) { C[18] = x; x = a === a ? a : h_add(x, b); if (x > 5000000 || x < 1000000) h_badAdjustment(st, 18, x) } }
S[18] = x
}
if (NA !== null && NA[19] === 1) S[19] = 0
else {
let x
const v_29 = V[16]
if (TR !== null) TR[69] = v_29
if (v_29 < 1000000 || v_29 > 3000000) {
if (st.W !== null) h_warn(st, "JUDGED_CLAMPED", "Fact \"lookBack\" = " + h_T(v_29) + " is outside [1, 3]; item look-back takes " + h_T(v_29 < 1000000 ? 1000000 : 3000000) + ".", ["facts", "lookBack"])
}
x = v_29

if (TR !== null) TR[68] = x
if (x > 3000000) x = 3000000; else if (x < 1000000) x = 1000000
if (A !== null) { const a = A[19], b = AB[19]; if (a === a || b === b) { C[19] = x; x = a === a ? a : h_add(x, b); if (x > 3000000 || x < 1000000) h_badAdjustment(st, 19, x) } }
S[19] = x
}
if (NA !== null && NA[20] === 1) S[20] = 0
else {
let x
const v_30 = V[17]
if (TR !== null) TR[72] = v_30
if (v_30 < 1000000 || v_30 > 3000000) {
if (st.W !== null) h_warn(st, "JUDGED_CLAMPED", "Fact \"provincialShowcase\" = " + h_T(v_30) + " is outside [1, 3]; item provincial-showcase takes " + h_T(v_30 < 1000000 ? 1000000 : 3000000) + ".", ["facts", "provincialShowcase"])
}
x = v_30

if (TR !== null) TR[71] = x
if (x > 3000000) x = 3000000; else if (x < 1000000) x = 1000000
if (A !== null) { const a = A[20], b = AB[20]; if (a === a || b === b) { C[20] = x; x = a === a ? a : h_add(x, b); if (x > 3000000 || x < 1000000) h_badAdjustment(st, 20, x) } }
S[20] = x
}
if (NA !== null && NA[21] === 1) S[21] = 0
else {
let x
const v_31 = V[18]
if (TR !== null) TR[75] = v_31
if (v_31 < 1000000 || v_31 > 4000000) {
if (st.W !== null) h_warn(st, "JUDGED_CLAMPED", "Fact \"regulationMeasures\" = " + h_T(v_31) + " is outside [1, 4]; item regulation-measures takes " + h_T(v_31 < 1000000 ? 1000000 : 4000000) + ".", ["facts", "regulationMeasures"])
}
x = v_31

if (TR !== null) TR[74] = x
if (x > 4000000) x = 4000000; else if (x < 1000000) x = 1000000
if (A !== null) { const a = A[21], b = AB[21]; if (a === a || b === b) { C[21] = x; x = a === a ? a : h_add(x, b); if (x > 4000000 || x < 1000000) h_badAdjustment(st, 21, x) } }
S[21] = x
}
if (NA !== null && NA[11] === 1) S[11] = 0
else {
let x
x = (NA === null ? h_add(h_add(h_add(h_add(h_add(h_add(h_add(h_add(h_add(S[12], S[13]), S[14]), S[15]), S[16]), S[17]), S[18]), S[19]), S[20]), S[21]) : h_section(st, 11))

if (x !== x) { NA[11] = 1; S[11] = 0 } else {
if (TR !== null) TR[77] = x
if (x > 50000000) x = 50000000; else if (x < 0) x = 0
if (A !== null) { const a = A[11], b = AB[11]; if (a === a || b === b) { C[11] = x; x = a === a ? a : h_add(x, b); if (x > 50000000 || x < 0) h_badAdjustment(st, 11, x) } }
S[11] = x
}
}
if (NA !== null && NA[22] === 1) S[22] = 0
else {
let x
let n_32 = 0, sum_33 = 0
const keys_34 = [], pts_35 = []
{ const rows_36 = R[0]; if (rows_36 !== undefined) { const days_37 = RD[0]
for (let j_39 = 0; j_39 < rows_36.length; j_39++) {
if (days_37[j_39] < FROM || days_37[j_39] > TO) continue
const row_38 = rows_36[j_39]
if (!(true)) continue
const p_40 = h_pick(K[1], row_38["kind"])
if (p_40 === undefined) throw h_refuse(st, 22, "EVIDENCE_INVALID", "Record innovations[" + j_39 + "] has kind = " + h_show(row_38["kind"]) + ", which has no points in item innovation; use one of innovation, national-adoption, provincial-adoption.", ["records", "innovations", j_39, "kind"])
keys_34.push(row_38["title"]); pts_35.push(p_40)
} } }
sum_33 = h_bestSum(keys_34, pts_35); n_32 = h_distinctCount(keys_34)
if (TR !== null) TR[80] = n_32
if (TR !== null) TR[81] = sum_33
x = sum_33 < 10000000 ? sum_33 : 10000000

if (TR !== null) TR[79] = x
if (x > 10000000) x = 10000000; else if (x < 0) x = 0
if (A !== null) { const a = A[22], b = AB[22]; if (a === a || b === b) { C[22] = x; x = a === a ? a : h_add(x, b); if (x > 10000000 || x < 0) h_badAdjustment(st, 22, x) } }
S[22] = x
}
if (NA !== null && NA[0] === 1) S[0] = 0
else {
let x
x = (NA === null ? h_add(h_add(S[1], S[11]), S[22]) : h_section(st, 0))

if (x !== x) { NA[0] = 1; S[0] = 0 } else {
if (TR !== null) TR[83] = x
if (x > 110000000) x = 110000000; else if (x < 0) x = 0
if (A !== null) { const a = A[0], b = AB[0]; if (a === a || b === b) { C[0] = x; x = a === a ? a : h_add(x, b); if (x > 110000000 || x < 0) h_badAdjustment(st, 0, x) } }
S[0] = x
}
}
}
function score(st) {
score0(st)
}
function outcome(st) {
const V = st.V, X = st.X, S = st.S, P = st.P, K = st.K, NA = st.NA, A = st.A, AB = st.AB, C = st.C, TR = st.TR, R = st.R, RD = st.RD, FROM = st.from, TO = st.to

}
function money(st) {
const V = st.V, X = st.X, S = st.S, P = st.P, K = st.K, NA = st.NA, A = st.A, AB = st.AB, C = st.C, TR = st.TR, R = st.R, RD = st.RD, FROM = st.from, TO = st.to
const rewards = [], penalties = []
return { rewards, penalties }
}
