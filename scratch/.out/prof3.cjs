"use strict";

// scratch/prof3.ts
var import_node_fs = require("fs");

// src/diagnostics/codes.ts
var codes = {
  // --- text ---------------------------------------------------------------
  TEXT_INVALID_UTF8: { severity: "error", title: "A file is not valid UTF-8.", hint: "Save the file as UTF-8. Files from older Windows systems are often GBK or Big5: convert them first (e.g. iconv -f GBK -t UTF-8)." },
  TEXT_CONTROL_CHARACTER: { severity: "error", title: "Text holds a control character.", hint: "Remove the control character (NUL, escape, bell, \u2026); only tabs and line breaks are allowed in text." },
  // --- YAML reading -------------------------------------------------------
  YAML_SYNTAX: { severity: "error", title: "The file is not valid YAML.", hint: "Fix the YAML syntax at the marked position (check indentation, colons and brackets)." },
  YAML_DUPLICATE_KEY: { severity: "error", title: "A mapping contains the same key twice.", hint: "Remove or rename one of the duplicate keys; YAML keys must be unique." },
  YAML_ALIAS_LIMIT: { severity: "error", title: 'Too many alias expansions (possible "billion laughs" document).', hint: "Reduce the use of YAML anchors and aliases (&name / *name), or write the values out." },
  YAML_MULTIPLE_DOCUMENTS: { severity: "error", title: "The file contains more than one YAML document.", hint: "Keep one document per file: remove the extra `---` separator or split the file." },
  YAML_WARNING: { severity: "warning", title: "The YAML parser reported a warning.", hint: "Check the marked position; the value may not be read the way you expect." },
  // --- rubric structure ---------------------------------------------------
  RUBRIC_NOT_OBJECT: { severity: "error", title: "The rubric document is not a mapping.", hint: "A rubric file must be a YAML mapping with keys such as `id`, `title` and `items`." },
  SCHEMA_INVALID_TYPE: { severity: "error", title: "A value has the wrong type.", hint: "Change the value to the expected type (quote text, write numbers without quotes)." },
  SCHEMA_UNKNOWN_KEY: { severity: "error", title: "A key is not allowed here.", hint: "Check the spelling of the key, or remove it; see the rubric schema for the allowed keys." },
  SCHEMA_MISSING_KEY: { severity: "error", title: "A required key is missing.", hint: "Add the missing key." },
  SCHEMA_INVALID_VALUE: { severity: "error", title: "A value is not allowed here.", hint: "Use one of the allowed values or formats described in the rubric schema." },
  DUPLICATE_ID: { severity: "error", title: "An id is defined more than once.", hint: "Give every item, param, fact and grade a unique id." },
  // --- references ---------------------------------------------------------
  UNKNOWN_FACT: { severity: "error", title: "Reference to an undeclared fact.", hint: "Declare the fact under `facts`, or fix the spelling of the reference." },
  UNKNOWN_PARAM: { severity: "error", title: "Reference to an undeclared parameter.", hint: "Declare the parameter under `params`, or fix the spelling of the reference." },
  UNKNOWN_ITEM: { severity: "error", title: "Reference to an unknown item.", hint: "Check the item id; it must match the `id` of an item in this rubric." },
  UNKNOWN_RECORDS: { severity: "error", title: "Reference to an undeclared record list.", hint: "Declare the record list under `records`, or fix the spelling of the reference." },
  UNKNOWN_FIELD: { severity: "error", title: "Reference to an undeclared record field.", hint: "Declare the field on the record list, or fix the spelling of the reference." },
  UNKNOWN_QUOTA: { severity: "error", title: "Reference to an undeclared quota.", hint: "Declare the quota under `quotas`, or fix the spelling of the reference." },
  UNKNOWN_GRADE: { severity: "error", title: "Reference to an undeclared grade.", hint: "Use one of the grade ids declared under `grades`." },
  // --- rubric consistency -------------------------------------------------
  MAX_MISMATCH: { severity: "error", title: "The declared maximum does not match the computed maximum.", hint: "Make `max` equal to the sum of the maxima of the parts, or adjust the parts." },
  BAND_GAP: { severity: "error", title: "Bands leave a range of values without a score.", hint: "Extend a neighbouring band or add a band that covers the gap." },
  BAND_OVERLAP: { severity: "error", title: "Two bands cover the same values.", hint: "Make the bands disjoint; check which bound is inclusive (`from`) and which is exclusive (`to`)." },
  UNREACHABLE_GRADE: { severity: "warning", title: "A grade can never be awarded.", hint: "Check the grade thresholds against the possible total scores." },
  UNUSED_PARAM: { severity: "warning", title: "A parameter is declared but never used.", hint: "Remove the parameter, or reference it where it was meant to be used." },
  UNUSED_FACT: { severity: "warning", title: "A fact is declared but never used.", hint: "Remove the fact, or reference it where it was meant to be used." },
  DEDUCTION_WITHOUT_FLOOR: { severity: "warning", title: "A deduction has no floor and can drive the score below zero.", hint: "Add a `floor` (usually 0) to the deduction or its item." },
  MONEY_CATEGORY_WITHOUT_AMOUNT: { severity: "error", title: "A money category has no amount field.", hint: "Add an `amount` field (in yuan) to the records of this category." },
  PARAM_TYPE: { severity: "error", title: "A parameter value has the wrong type.", hint: "Give the parameter a value of its declared type." },
  // --- evidence -----------------------------------------------------------
  EVIDENCE_INVALID: { severity: "error", title: "The evidence file is malformed.", hint: "Check the evidence file against the documented evidence format." },
  EVIDENCE_MISSING: { severity: "error", title: "Required evidence is missing.", hint: "Supply the missing fact for this subject, or mark it explicitly as absent if the rubric allows that." },
  EVIDENCE_UNKNOWN_FIELD: { severity: "error", title: "The evidence contains a field the rubric does not declare.", hint: "Check the spelling of the field, or remove it." },
  EVIDENCE_OUT_OF_RANGE: { severity: "error", title: "An evidence value is outside its allowed range.", hint: "Correct the value; see the `min`/`max` declared for the fact." },
  EVIDENCE_PRECISION: { severity: "error", title: "An evidence value has more decimal places than allowed.", hint: "Round the value to the precision declared for the fact, or write it as given in the source document." },
  EVIDENCE_NO_BAND: { severity: "error", title: "An evidence value falls into no band.", hint: "Check the value, or fix the item's bands so they cover it." },
  EVIDENCE_UNKNOWN_SUBJECT: { severity: "error", title: "Evidence is given for a subject that is not in the cohort.", hint: "Check the subject id, or add the subject to the cohort." },
  EVIDENCE_DUPLICATE_SUBJECT: { severity: "error", title: "Evidence for the same subject is given twice.", hint: "Merge the two entries into one." },
  EVIDENCE_MISSING_ZEROED: { severity: "warning", title: "Missing evidence was scored as zero.", hint: "Supply the evidence if it exists; the rubric scores missing evidence as zero." },
  // --- scoring ------------------------------------------------------------
  JUDGED_CLAMPED: { severity: "warning", title: "A judged score was clamped to its allowed range.", hint: "Enter a judged score between the item's minimum and maximum." },
  QUOTA_NEEDS_COHORT: { severity: "error", title: "A quota can only be applied to a whole cohort.", hint: "Score all subjects together (pass the cohort) so the quota can be applied." },
  QUOTA_TIE: { severity: "warning", title: "A tie at the quota boundary was broken by a rule.", hint: "Review the tie-break rule, or settle the tie by hand." },
  ADJUSTMENT_INVALID: { severity: "error", title: "A manual adjustment is invalid.", hint: "Give the adjustment an existing item, an amount within limits and a reason." },
  RUBRIC_NOT_IN_FORCE: { severity: "error", title: "The rubric is not in force for the assessment period.", hint: "Use the rubric version in force for the period, or check `effective` dates." },
  NUMBER_OUT_OF_RANGE: { severity: "error", title: "A number is too large, too small or not finite.", hint: "Use a finite number within the supported range." },
  OPTION_INVALID: { severity: "error", title: "An option passed to kaoping is invalid.", hint: "Check the option against the API or CLI documentation." },
  LIMIT_EXCEEDED: { severity: "error", title: "An input exceeds a safety limit.", hint: "Reduce the size or nesting depth of the input, or raise the limit with the option limits (command line: --limit name=value); see SECURITY.md." }
};

// src/diagnostics/diagnostic.ts
function ok(value, diagnostics = []) {
  return { ok: true, value, diagnostics };
}
function fail(diagnostics) {
  return { ok: false, diagnostics };
}
function hasErrors(ds) {
  return ds.some((d) => d.severity === "error");
}
function makeDiagnostic(code, message, extra) {
  const info = codes[code];
  const d = { code, severity: info.severity, message, hint: info.hint };
  if (extra) {
    for (const [k, v] of Object.entries(extra)) {
      if (v !== void 0) d[k] = v;
    }
  }
  return d;
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
var isLimitName = (k) => Object.prototype.hasOwnProperty.call(DEFAULT_LIMITS, k);
function resolveLimits(over) {
  if (over === void 0 || over === null) return ok(DEFAULT_LIMITS);
  if (typeof over !== "object" || Array.isArray(over)) return fail([makeDiagnostic("OPTION_INVALID", 'The option "limits" must be an object such as { maxStringLength: 20000 }.')]);
  const out = { ...DEFAULT_LIMITS };
  const ds = [];
  for (const key of Object.keys(over)) {
    const v = over[key];
    if (v === void 0) continue;
    if (!isLimitName(key)) {
      ds.push(makeDiagnostic("OPTION_INVALID", `Unknown limit "${key}"; the limits are ${LIMIT_NAMES.join(", ")}.`));
      continue;
    }
    const min2 = key === "maxAliasCount" ? -1 : 0;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min2) {
      ds.push(makeDiagnostic("OPTION_INVALID", `Limit ${key} must be a whole number of at least ${min2}, not ${JSON.stringify(v) ?? String(v)}.`));
      continue;
    }
    out[key] = v;
  }
  return ds.length ? fail(ds) : ok(out);
}
var grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
function showLimit(name, value) {
  const mib = value / 1048576;
  return /Bytes$/.test(name) && Number.isInteger(mib) && mib >= 1 ? `${grouped(value)} bytes (${mib} MiB)` : grouped(value);
}
function limitExceeded(name, value, what, extra = {}) {
  const message = `${what}; the limit ${name} is ${showLimit(name, value)}.`;
  return makeDiagnostic("LIMIT_EXCEEDED", message, {
    hint: `Reduce the input, or raise the limit with the option limits: { ${name}: \u2026 } (command line: --limit ${name}=\u2026) if the input is trusted.`,
    ...extra
  });
}
function utf8Length(text) {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) continue;
    if (c < 2048) n += 1;
    else if (c >= 55296 && c <= 56319 && i + 1 < text.length && (text.charCodeAt(i + 1) & 64512) === 56320) {
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}
function overBytes(text, maxBytes) {
  if (text.length * 3 <= maxBytes) return void 0;
  if (text.length > maxBytes) return text.length;
  const n = utf8Length(text);
  return n > maxBytes ? n : void 0;
}
var CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
var codePoint = (ch) => `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
function showPath(path) {
  let s = "";
  for (const x of path) s += typeof x === "number" ? `[${x}]` : (s ? "." : "") + x;
  return s || "the top level";
}
function hasControl(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32) {
      if (c !== 9 && c !== 10 && c !== 13) return true;
    } else if (c >= 127 && (c <= 159 || c >= 8234 && (c <= 8238 || c >= 8294 && c <= 8297))) return true;
  }
  return false;
}

// src/diagnostics/format.ts
function lineStartsOf(text) {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
function surrogatePairsOf(text) {
  const pairs = [];
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 55296 && c <= 56319) {
      const n = text.charCodeAt(i + 1);
      if (n >= 56320 && n <= 57343) pairs.push(i++);
    }
  }
  return pairs;
}
function countBelow(xs, value) {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    if (xs[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function lineIndex(text) {
  const starts = lineStartsOf(text);
  const pairs = surrogatePairsOf(text);
  return (offset) => {
    const off = Math.max(0, Math.min(Math.trunc(offset) || 0, text.length));
    const line = countBelow(starts, off + 1);
    const start = starts[line - 1];
    const pairsBefore = countBelow(pairs, off) - countBelow(pairs, start);
    return { line, column: off - start - pairsBefore + 1 };
  };
}
function spanLocation(index, span2, file) {
  const start = index(span2.start);
  const end = index(Math.max(span2.start, span2.end));
  const loc = { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  if (file !== void 0) loc.file = file;
  return loc;
}

// src/load/text.ts
function firstInvalidUtf8(bytes) {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 128) {
      i++;
      continue;
    }
    let need;
    let lo = 128;
    let hi = 191;
    if (b >= 194 && b <= 223) need = 1;
    else if (b >= 224 && b <= 239) {
      need = 2;
      if (b === 224) lo = 160;
      if (b === 237) hi = 159;
    } else if (b >= 240 && b <= 244) {
      need = 3;
      if (b === 240) lo = 144;
      if (b === 244) hi = 143;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return i;
      const c = bytes[i + k];
      if (c < (k === 1 ? lo : 128) || c > (k === 1 ? hi : 191)) return i;
    }
    i += need + 1;
  }
  return -1;
}
function bytePosition(bytes, offset) {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i];
    if (b === 10) {
      line++;
      column = 1;
    } else if ((b & 192) !== 128) column++;
  }
  return { line, column };
}
function decodeText(bytes, file) {
  try {
    return ok(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    const at = Math.max(0, firstInvalidUtf8(bytes));
    const { line, column } = bytePosition(bytes, at);
    const hex = Array.from(bytes.subarray(at, Math.min(bytes.length, at + 4)), (b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");
    return fail([
      makeDiagnostic("TEXT_INVALID_UTF8", `The file is not valid UTF-8: the bytes ${hex} at line ${line}, column ${column} (byte ${at}) are not a UTF-8 character.`, {
        ...file !== void 0 ? { file } : {},
        location: { ...file !== void 0 ? { file } : {}, line, column }
      })
    ]);
  }
}
function textProblem(text, file, limit, maxBytes) {
  const size = overBytes(text, maxBytes);
  const f = file !== void 0 ? { file } : {};
  if (size !== void 0) {
    const why = limit === "maxYamlBytes" ? " (reading YAML takes about 100 times its size in memory: give large cohorts as JSON or CSV)" : "";
    return limitExceeded(limit, maxBytes, `The ${limit === "maxYamlBytes" ? "YAML " : ""}text is ${size.toLocaleString("en")} bytes long${why}`, f);
  }
  const m = CONTROL_CHARACTER.exec(text);
  if (!m) return void 0;
  const span2 = { start: m.index, end: m.index + 1 };
  return makeDiagnostic("TEXT_CONTROL_CHARACTER", `The file holds the control character ${codePoint(m[0])}; kaoping reads text, where only tabs and line breaks are allowed.`, {
    ...f,
    span: span2,
    location: spanLocation(lineIndex(text), span2, file)
  });
}
function preview(s) {
  const cut = s.length > 40 ? s.slice(0, 37) + "\u2026" : s;
  return JSON.stringify(cut).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
var PLAIN_NUMBER = /^[-+]?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;
function canon(text) {
  const m = /^[-+]?(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text);
  if (!m) return void 0;
  const int = m[1] ?? "";
  const frac = m[2] ?? "";
  let digits = int + frac;
  let point = int.length + (m[3] === void 0 ? 0 : Number(m[3]));
  let start = 0;
  while (start < digits.length && digits.charCodeAt(start) === 48) start++;
  point -= start;
  let end = digits.length;
  while (end > start && digits.charCodeAt(end - 1) === 48) end--;
  digits = digits.slice(start, end);
  return digits === "" ? { digits: "", point: 0 } : { digits, point };
}
function numberLiteralProblem(src, value) {
  const s = src.trim();
  if (!PLAIN_NUMBER.test(s)) {
    const lower = s.toLowerCase().replace(/^[-+]/, "");
    if (lower === ".nan") return { kind: "form", message: `${s} means "not a number", which cannot be scored` };
    if (lower === ".inf") return { kind: "range", message: `${s} (infinity) is not a finite number` };
    if (/^[-+]?0x[0-9a-f]+$/i.test(s)) return { kind: "form", message: `${s} is hexadecimal; write the decimal number ${value}` };
    if (/^[-+]?0o[0-7]+$/i.test(s)) return { kind: "form", message: `${s} is octal; write the decimal number ${value}` };
    if (/^[-+]?0\d+(\.\d+)?$/.test(s))
      return { kind: "form", message: `${s} has a leading zero, which YAML 1.1 reads as octal and YAML 1.2 as decimal; write ${value} (or quote "${s}" if it is text)` };
    if (/^[-+]?\.\d/.test(s) || /^[-+]?\d+\.([eE]|$)/.test(s)) return { kind: "form", message: `${s} has no digit on one side of the decimal point; write ${value}` };
    return { kind: "form", message: `${s} is not written as a plain decimal number; write ${Number.isFinite(value) ? value : "a decimal number"}` };
  }
  return exactnessProblem(s, value);
}
function exactnessProblem(s, value) {
  if (!Number.isFinite(value)) return { kind: "range", message: `${s} is beyond the range of numbers` };
  if (s.length <= 15 && !/[eE]/.test(s)) return void 0;
  const written = canon(s);
  if (written.digits.length <= 15 && written.point > -300 && written.point < 300) return void 0;
  const read2 = canon(String(value));
  if (read2.digits === written.digits && read2.point === written.point) return void 0;
  if (written.point > 15) return { kind: "range", message: `${s} is too large to be read exactly` };
  return { kind: "precision", message: `${s} has more digits than a number holds; it would be read as ${String(value)}, not as written` };
}
function numberProblemCode(p, role) {
  if (role === "rubric") return "SCHEMA_INVALID_VALUE";
  return p.kind === "range" ? "NUMBER_OUT_OF_RANGE" : p.kind === "precision" ? "EVIDENCE_PRECISION" : "EVIDENCE_INVALID";
}

// src/validate/data-limits.ts
function pathOf(e, prefix, last) {
  const out = [];
  for (let x = e; x?.segment !== void 0; x = x.parent) out.unshift(x.segment);
  if (last !== void 0) out.push(last);
  return [...prefix, ...out];
}
var MAX_PROBLEMS = 10;
function checkPlainData(value, limits, role, prefix = [], subject, seen = /* @__PURE__ */ new Map()) {
  const out = [];
  const extra = (path) => subject !== void 0 ? { path, subject } : { path };
  const invalid2 = role === "rubric" ? "SCHEMA_INVALID_TYPE" : "EVIDENCE_INVALID";
  const check3 = (v, parent, segment, depth, stack2) => {
    switch (typeof v) {
      case "string": {
        if (v.length > limits.maxStringLength) {
          const path = pathOf(parent, prefix, segment);
          out.push(limitExceeded("maxStringLength", limits.maxStringLength, `The string at ${showPath(path)} has ${v.length.toLocaleString("en")} characters`, extra(path)));
        } else if (CONTROL_CHARACTER.test(v)) {
          const path = pathOf(parent, prefix, segment);
          const ch = CONTROL_CHARACTER.exec(v)[0];
          out.push(makeDiagnostic("TEXT_CONTROL_CHARACTER", `The text ${preview(v)} at ${showPath(path)} holds the control character ${codePoint(ch)}; only tabs and line breaks are allowed in text.`, extra(path)));
        }
        return;
      }
      case "number":
        if (!Number.isFinite(v)) {
          const path = pathOf(parent, prefix, segment);
          const code = role === "rubric" ? "SCHEMA_INVALID_VALUE" : Number.isNaN(v) ? "EVIDENCE_INVALID" : "NUMBER_OUT_OF_RANGE";
          out.push(makeDiagnostic(code, `The value at ${showPath(path)} is ${String(v)}, not a finite number.`, extra(path)));
        }
        return;
      case "boolean":
        return;
      case "object": {
        if (v === null) return;
        const proto = Object.getPrototypeOf(v);
        if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) {
          const path = pathOf(parent, prefix, segment);
          const kind = Object.prototype.toString.call(v).slice(8, -1);
          const what = kind === "Object" ? "an object with a prototype of its own" : `a ${kind}`;
          out.push(makeDiagnostic(invalid2, `The value at ${showPath(path)} is ${what}, not plain data (a mapping, list, string, number, true/false or null).`, extra(path)));
          return;
        }
        const d = depth + 1;
        const before = seen.get(v);
        if (before !== void 0 && before >= d) return;
        if (d > limits.maxDepth) {
          const path = pathOf(parent, prefix, segment);
          out.push(limitExceeded("maxDepth", limits.maxDepth, `The data at ${showPath(path)} is nested deeper than the limit (mappings and lists inside each other, or a cycle)`, extra(path)));
          return;
        }
        seen.set(v, d);
        stack2.push({ value: v, depth: d, parent, segment });
        return;
      }
      case "undefined":
        return;
      // an absent optional value
      default: {
        const path = pathOf(parent, prefix, segment);
        out.push(makeDiagnostic(invalid2, `The value at ${showPath(path)} is a ${typeof v}, not plain data.`, extra(path)));
      }
    }
  };
  const stack = [];
  check3(value, void 0, void 0, 0, stack);
  while (stack.length && out.length < MAX_PROBLEMS) {
    const e = stack.pop();
    const v = e.value;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length && out.length < MAX_PROBLEMS; i++) check3(v[i], e, i, e.depth, stack);
      continue;
    }
    for (const k in v) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      if (k.length > limits.maxStringLength || CONTROL_CHARACTER.test(k)) {
        check3(k, e, k.length > 40 ? `${k.slice(0, 37)}\u2026` : k, e.depth, stack);
        continue;
      }
      check3(v[k], e, k, e.depth, stack);
      if (out.length >= MAX_PROBLEMS) break;
    }
  }
  return out.slice(0, MAX_PROBLEMS);
}
function countRecords(subject) {
  if (subject === null || typeof subject !== "object") return 0;
  const s = subject;
  let n = lists(s.records);
  if (s.self !== null && typeof s.self === "object") n += lists(s.self.records);
  if (s.periods !== null && typeof s.periods === "object") {
    for (const k in s.periods) if (Object.prototype.hasOwnProperty.call(s.periods, k)) n += lists(s.periods[k]?.records);
  }
  return n;
}
function lists(records) {
  if (records === null || typeof records !== "object") return 0;
  let n = 0;
  for (const k in records) {
    if (!Object.prototype.hasOwnProperty.call(records, k)) continue;
    const rows = records[k];
    if (Array.isArray(rows)) n += rows.length;
  }
  return n;
}
function checkSubjectData(subject, index, limits, prefix, seen) {
  const records = countRecords(subject);
  if (records <= limits.maxRecordsPerSubject && quickCheck(subject, limits)) return [];
  const id = subject !== null && typeof subject === "object" && typeof subject.id === "string" ? subject.id : void 0;
  if (records > limits.maxRecordsPerSubject)
    return [limitExceeded("maxRecordsPerSubject", limits.maxRecordsPerSubject, `Subject ${id !== void 0 ? `"${id.slice(0, 60)}"` : `#${index}`} gives ${records.toLocaleString("en")} records`, { path: prefix, ...id !== void 0 ? { subject: id } : {} })];
  return checkPlainData(subject, limits, "evidence", prefix, id, seen);
}
var QUICK_BUDGET = 1e6;
var QUICK_DEPTH = 200;
function quickCheck(value, limits) {
  let budget = QUICK_BUDGET;
  const maxDepth = Math.min(limits.maxDepth, QUICK_DEPTH);
  const maxString = limits.maxStringLength;
  const walk = (v, depth) => {
    if (--budget < 0) return false;
    switch (typeof v) {
      case "string":
        return v.length <= maxString && !hasControl(v);
      case "number":
        return v - v === 0;
      // finite
      case "boolean":
      case "undefined":
        return true;
      case "object": {
        if (v === null) return true;
        if (depth >= maxDepth) return false;
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) if (!walk(v[i], depth + 1)) return false;
          return true;
        }
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) return false;
        for (const k in v) {
          if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
          if (k.length > maxString || hasControl(k) || !walk(v[k], depth + 1)) return false;
        }
        return true;
      }
      default:
        return false;
    }
  };
  return walk(value, 0);
}

// src/kinds/index.ts
var import_zod21 = require("zod");

// src/kinds/bands.ts
var import_zod12 = require("zod");

// src/model/common.ts
var import_zod = require("zod");
var Id = import_zod.z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'Use lower-case ASCII letters, digits and single hyphens, starting with a letter (e.g. "township-spot-check").').max(64).meta({ id: "Id", description: "An ASCII id: lower-case letters, digits and hyphens, starting with a letter." });
var RESERVED = /* @__PURE__ */ new Set([...Object.getOwnPropertyNames(Object.prototype), "prototype"]);
var Name = import_zod.z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'Use ASCII letters, digits and "_", starting with a letter (e.g. "passRate").').max(64).refine((s) => !RESERVED.has(s), "This name is reserved (it is a property of every JavaScript object); choose another.").meta({ id: "Name", description: 'An ASCII name: letters, digits and "_", starting with a letter.' });
var Text = import_zod.z.string().min(1).max(2e3);
var Decimal = import_zod.z.union([import_zod.z.number(), import_zod.z.string().regex(/^[+-]?\d+(\.\d+)?$/, "Write a decimal number such as 0.875.")]).meta({ id: "Decimal", description: 'An exact decimal number, written as a number or a decimal string ("0.875").' });
var ParamRef = import_zod.z.object({ param: Name.describe("The name of a parameter declared under params.") }).strict().meta({ id: "ParamRef", description: "The value of a parameter, overridable per evaluation." });
var Value = import_zod.z.union([Decimal, ParamRef]).meta({ id: "Value" });
var IsoDate = import_zod.z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Write a date as YYYY-MM-DD.").describe("A calendar date, YYYY-MM-DD.");
var DateValue = import_zod.z.union([
  IsoDate,
  import_zod.z.string().regex(/^--\d{2}-\d{2}$/, "Write a yearly date as --MM-DD.").describe("A month and day in the evaluated year, --MM-DD."),
  ParamRef
]);
var Duration = import_zod.z.object({
  years: import_zod.z.number().int().min(0).max(100).optional(),
  months: import_zod.z.number().int().min(0).max(1200).optional(),
  days: import_zod.z.number().int().min(0).max(36500).optional()
}).strict().meta({ id: "Duration", description: "A calendar duration: years, months and days." });
var StepRounding = import_zod.z.enum(["ceil", "floor", "exact"]).describe("How a partial step counts: ceil = a started step counts whole, floor = only whole steps count, exact = proportionally.");
var RoundingMode = import_zod.z.enum(["half-up", "half-even", "half-down", "up", "down", "ceil", "floor"]);
var PeriodUnit = import_zod.z.enum(["month", "quarter", "half", "year"]);
var Combine = import_zod.z.enum(["sum", "mean", "min", "max", "last"]);
var Doc = {
  title: Text.describe("The name used in the source document (Chinese)."),
  source: Text.optional().describe('The clause of the source document this encodes, e.g. "\u4E09(\u4E00)2".'),
  note: Text.optional().describe("How this rubric settles an ambiguity of the source, and why.")
};
var Where = import_zod.z.record(Name, import_zod.z.union([import_zod.z.string(), import_zod.z.number(), import_zod.z.boolean(), import_zod.z.array(import_zod.z.union([import_zod.z.string(), import_zod.z.number(), import_zod.z.boolean()]))])).describe("Only records whose fields equal these values (a list means any of them).");
var Compare = {
  atLeast: Value.optional().describe("\u2265 this value."),
  atMost: Value.optional().describe("\u2264 this value."),
  above: Value.optional().describe("> this value."),
  below: Value.optional().describe("< this value.")
};

// src/num/fixed.ts
var PLACES = 6;
var SCALE = 1e6;
var ONE = SCALE;
var FixedRangeError = class extends Error {
  code = "NUMBER_OUT_OF_RANGE";
  constructor(message) {
    super(message);
    this.name = "FixedRangeError";
  }
};
var TWO53 = 2 ** 53;
var BIG_SCALE = 1000000n;
var BIG_MAX = BigInt(Number.MAX_SAFE_INTEGER);
var POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];
function outOfRange(op) {
  throw new FixedRangeError(`${op}: result out of range (|value| must be \u2264 ${Number.MAX_SAFE_INTEGER / SCALE})`);
}
function checkPlaces(places) {
  if (!Number.isInteger(places) || places < 0 || places > PLACES) throw new RangeError(`places must be an integer 0..${PLACES}`);
}
function bump(mode, isNeg, half, odd) {
  switch (mode) {
    case "down":
      return false;
    case "up":
      return true;
    case "ceil":
      return !isNeg;
    case "floor":
      return isNeg;
    case "half-up":
      return half >= 0;
    case "half-down":
      return half > 0;
    case "half-even":
      return half > 0 || half === 0 && odd;
    default:
      throw new RangeError(`unknown rounding mode: ${String(mode)}`);
  }
}
function divRound(n, d, mode) {
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const r = n % d;
  const q = (n - r) / d;
  if (r === 0) return q + 0;
  const isNeg = n < 0;
  const ar = isNeg ? -r : r;
  return bump(mode, isNeg, ar - (d - ar), q % 2 !== 0) ? isNeg ? q - 1 : q + 1 : q + 0;
}
function divRoundBig(n, d, mode) {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const isNeg = n < 0n;
  const ar = isNeg ? -r : r;
  const twice = ar * 2n;
  const half = twice > d ? 1 : twice < d ? -1 : 0;
  return bump(mode, isNeg, half, q % 2n !== 0n) ? isNeg ? q - 1n : q + 1n : q;
}
function toSafe(b, op) {
  if (b > BIG_MAX || b < -BIG_MAX) outOfRange(op);
  return Number(b);
}
function fromInt(n) {
  if (!Number.isInteger(n)) throw new RangeError("fromInt: not an integer");
  const v = n * SCALE;
  if (!Number.isSafeInteger(v)) outOfRange("fromInt");
  return v + 0;
}
function fromNumber(x) {
  if (Math.abs(x) < 8589934592) {
    const r = Math.round(x * SCALE);
    if (r / SCALE === x && Number.isSafeInteger(r)) return r + 0;
  }
  if (!Number.isFinite(x)) return void 0;
  return parseFixed(String(x));
}
var DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
function parseFixed(s) {
  const m = DECIMAL.exec(s);
  if (m === null) return void 0;
  const digits = m[2] + (m[3] ?? "");
  const exp = m[4] === void 0 ? 0 : Number(m[4]);
  let start = 0;
  while (start < digits.length && digits.charCodeAt(start) === 48) start++;
  if (start === digits.length) return 0;
  let end = digits.length;
  while (digits.charCodeAt(end - 1) === 48) end--;
  const point = m[2].length + exp - start;
  if (point > 10) return void 0;
  const decimals = end - start - point;
  if (!(decimals <= PLACES)) return void 0;
  const v = Number(digits.slice(start, end) + "0".repeat(PLACES - decimals));
  if (!Number.isSafeInteger(v)) return void 0;
  return m[1] === "-" ? -v : v;
}
var ZEROS = ["", "0", "00", "000", "0000", "00000", "000000"];
function toFixedString(v, places) {
  if (places !== void 0) {
    checkPlaces(places);
    v = round(v, places, "half-up");
  }
  if (places === void 0 && v % SCALE === 0 && Math.abs(v) < 2 ** 53) return String(v / SCALE);
  const isNeg = v < 0;
  const a = isNeg ? -v : v;
  let frac = a % SCALE;
  const int = (a - frac) / SCALE;
  const head = isNeg ? "-" + int : String(int);
  let digits = PLACES;
  if (places === void 0) {
    if (frac === 0) return head;
    while (frac % 10 === 0) {
      frac /= 10;
      digits--;
    }
  } else {
    if (places === 0) return head;
    frac = Math.floor(frac / POW10[PLACES - places]);
    digits = places;
  }
  const f = String(frac);
  return head + "." + ZEROS[digits - f.length] + f;
}
function add(a, b) {
  const s = a + b;
  if (!Number.isSafeInteger(s)) outOfRange("add");
  return s;
}
function sub(a, b) {
  const s = a - b;
  if (!Number.isSafeInteger(s)) outOfRange("sub");
  return s;
}
var min = (a, b) => a < b ? a : b;
var max = (a, b) => a > b ? a : b;
function mulInt(a, n) {
  if (!Number.isInteger(n)) throw new RangeError("mulInt: count is not an integer");
  const p = a * n;
  if (!Number.isSafeInteger(p)) outOfRange("mulInt");
  return p + 0;
}
function mul(a, b, mode = "half-even") {
  const p = a * b;
  if (p < TWO53 && p > -TWO53) return divRound(p, SCALE, mode);
  return toSafe(divRoundBig(BigInt(a) * BigInt(b), BIG_SCALE, mode), "mul");
}
function div(a, b, mode = "half-even") {
  if (b === 0) throw new RangeError("division by zero");
  const n = a * SCALE;
  if (n < TWO53 && n > -TWO53) return divRound(n, b, mode);
  return toSafe(divRoundBig(BigInt(a) * BIG_SCALE, BigInt(b), mode), "div");
}
function divInt(a, n, mode = "half-even") {
  if (n === 0) throw new RangeError("division by zero");
  if (!Number.isSafeInteger(n)) throw new RangeError("divInt: divisor is not a safe integer");
  return divRound(a, n, mode);
}
function divToInteger(a, b, mode) {
  if (b === 0) throw new RangeError("division by zero");
  return divRound(a, b, mode);
}
function round(v, places, mode) {
  checkPlaces(places);
  if (places === PLACES) return v;
  const f = POW10[PLACES - places];
  const r = divRound(v, f, mode) * f;
  if (!Number.isSafeInteger(r)) outOfRange("round");
  return r;
}

// src/kinds/base.ts
var import_zod11 = require("zod");

// src/kinds/conditions/index.ts
var import_zod10 = require("zod");

// src/kinds/conditions/combine.ts
var import_zod2 = require("zod");
function many(key, condition) {
  const join = key === "all" ? " && " : " || ";
  return {
    key,
    schema: (key === "all" ? import_zod2.z.object({
      get all() {
        return import_zod2.z.array(condition()).min(1);
      }
    }) : import_zod2.z.object({
      get any() {
        return import_zod2.z.array(condition()).min(1);
      }
    })).strict(),
    refs: () => void 0,
    // the parts are visited on their own
    emit(c, g) {
      const record = g.slots(1);
      const parts = c[key].map((p) => g.cond(p));
      const ok2 = g.local("ok");
      g.line(`const ${ok2} = ${parts.join(join)}`);
      record(0, `${ok2} ? 1 : 0`);
      return ok2;
    },
    explain: (c, v) => `${key} of (${c[key].map((p) => v.cond(p)).join("; ")})`
  };
}
var all = (condition) => many("all", condition);
var any = (condition) => many("any", condition);
var not = (condition) => ({
  key: "not",
  schema: import_zod2.z.object({
    get not() {
      return condition();
    }
  }).strict(),
  refs: () => void 0,
  emit(c, g) {
    const record = g.slots(1);
    const inner = g.cond(c.not);
    const ok2 = g.local("ok");
    g.line(`const ${ok2} = !${inner}`);
    record(0, `${ok2} ? 1 : 0`);
    return ok2;
  },
  explain: (c, v) => `not (${v.cond(c.not)})`
});

// src/kinds/conditions/count.ts
var import_zod3 = require("zod");

// src/kinds/kit/compare.ts
var BOUNDS = ["atLeast", "atMost", "above", "below"];
function emitBounds(c, v, g) {
  const tests = [];
  if (c.atLeast !== void 0) tests.push(`${v} >= ${g.num(c.atLeast)}`);
  if (c.atMost !== void 0) tests.push(`${v} <= ${g.num(c.atMost)}`);
  if (c.above !== void 0) tests.push(`${v} > ${g.num(c.above)}`);
  if (c.below !== void 0) tests.push(`${v} < ${g.num(c.below)}`);
  return tests.length ? tests.join(" && ") : "true";
}
function needsBound(c, what, k, path) {
  if (!BOUNDS.some((b) => c[b] !== void 0)) k.bad(`The condition on the ${what} has no comparison; add one of ${BOUNDS.join(", ")}.`, path);
}
function durationArgs(d, g) {
  return `${g.int(d.years ?? 0)}, ${g.int(d.months ?? 0)}, ${g.int(d.days ?? 0)}`;
}

// src/num/dates.ts
var FIRST_YEAR = 1e3;
var LAST_YEAR = 9999;
function parseDay(s) {
  if (typeof s !== "string" || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return void 0;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return void 0;
    y = y * 10 + c;
  }
  const m1 = s.charCodeAt(5) - 48;
  const m2 = s.charCodeAt(6) - 48;
  const d1 = s.charCodeAt(8) - 48;
  const d2 = s.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return void 0;
  const mo = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (y < FIRST_YEAR || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return void 0;
  return daysFromCivil(y, mo, d);
}
function daysFromCivil(y, m, d) {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
function formatDay(day) {
  const { y, m, d } = ymd(day);
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}
var MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(year, month) {
  if (month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return 29;
  return MONTH_DAYS[month - 1];
}
function ymd(day) {
  const z25 = day + 719468;
  const era = Math.floor(z25 / 146097);
  const doe = z25 - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}
function addDuration(day, dur, sign = 1) {
  const { y, m, d } = ymd(day);
  const totalMonths = y * 12 + (m - 1) + sign * ((dur.years ?? 0) * 12 + (dur.months ?? 0));
  const ny = Math.floor(totalMonths / 12);
  const nm = totalMonths % 12 + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return daysFromCivil(ny, nm, nd) + sign * (dur.days ?? 0);
}
var MONTHS = { month: 1, quarter: 3, half: 6, year: 12 };
function periodKey(day, unit) {
  const { y, m } = ymd(day);
  switch (unit) {
    case "month":
      return `${y}-${String(m).padStart(2, "0")}`;
    case "quarter":
      return `${y}-Q${Math.ceil(m / 3)}`;
    case "half":
      return `${y}-H${m <= 6 ? 1 : 2}`;
    case "year":
      return `${y}`;
  }
}
var KEY = /^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?$/;
function parsePeriodKey(key) {
  const m = KEY.exec(key);
  if (!m) return void 0;
  const y = Number(m[1]);
  let unit = "year";
  let first = 1;
  if (m[2] !== void 0) {
    unit = "month";
    first = Number(m[2]);
    if (first < 1 || first > 12) return void 0;
  } else if (m[3] !== void 0) {
    unit = "quarter";
    first = (Number(m[3]) - 1) * 3 + 1;
  } else if (m[4] !== void 0) {
    unit = "half";
    first = m[4] === "1" ? 1 : 7;
  }
  const from = daysFromCivil(y, first, 1);
  const last = first - 1 + MONTHS[unit];
  const to = daysFromCivil(y, last, daysInMonth(y, last));
  return { unit, from, to };
}
function periodsBetween(from, to, unit) {
  const keys = [];
  let day = from;
  while (day <= to) {
    const key = periodKey(day, unit);
    keys.push(key);
    day = parsePeriodKey(key).to + 1;
  }
  return keys;
}

// src/kinds/kit/words.ts
var T = (v) => toFixedString(v);
var maybe = (v) => v === v ? toFixedString(v) : "?";
var mark = (ok2) => ok2 ? "\u2713" : "\u2717";
var held = (v) => v === 1;
var dayText = (d) => d === void 0 || d !== d ? "(none)" : formatDay(d);
function durationText(d) {
  return [d.years && `${d.years}y`, d.months && `${d.months}m`, d.days && `${d.days}d`].filter(Boolean).join(" ") || "0d";
}
function describeWhere(where) {
  if (!where) return "";
  return " where " + Object.entries(where).map(([k, v]) => `${k} ${Array.isArray(v) ? "in [" + v.join(", ") + "]" : "= " + String(v)}`).join(" and ");
}
function describeBounds(c, num2) {
  const parts = [];
  if (c.atLeast !== void 0) parts.push(`\u2265 ${T(num2(c.atLeast))}`);
  if (c.atMost !== void 0) parts.push(`\u2264 ${T(num2(c.atMost))}`);
  if (c.above !== void 0) parts.push(`> ${T(num2(c.above))}`);
  if (c.below !== void 0) parts.push(`< ${T(num2(c.below))}`);
  return parts.join(" and ");
}

// src/kinds/conditions/count.ts
var CountCondition = import_zod3.z.object({
  count: Name.describe("The records counted."),
  where: Where.optional(),
  distinct: import_zod3.z.boolean().optional().describe("Count each piece once (the record type's key)."),
  within: Duration.optional().describe("Only records dated within this long before the evaluation date (or before the date fact `before`)."),
  before: Name.optional().describe("A date fact to count back from instead of the evaluation date (two years before the application)."),
  ...Compare
}).strict();
var count = {
  key: "count",
  schema: CountCondition,
  refs(c, r, at) {
    r.records(c.count, [...at, "count"], "a count condition");
    r.where(c.where, c.count, at);
    if (c.before !== void 0) r.fact(c.before, [...at, "before"], "a count condition", ["date"]);
  },
  check(c, k, path) {
    needsBound(c, `count of "${c.count}"`, k, path);
    if (c.within !== void 0) k.needsField(c.count, "date", `Counting "${c.count}" within a duration`, [...path, "within"]);
    if (c.before !== void 0 && c.within === void 0) k.bad(`Counting "${c.count}" before "${c.before}" needs within (how far back to count).`, [...path, "before"]);
    if (c.distinct === true) k.needsField(c.count, "key", `Counting distinct "${c.count}"`, [...path, "distinct"]);
  },
  emit(c, g) {
    const n = g.local("n");
    const ok2 = g.local("ok");
    const record = g.slots(2);
    const keys = c.distinct ? g.scratch()[0] : void 0;
    g.line(`let ${n} = 0`);
    const body = (row) => {
      g.line(`if (!(${g.where(c.count, c.where, row)})) continue`);
      if (keys) g.line(`${keys}[${n}] = ${g.key(c.count, row)}`);
      g.line(`${n}++`);
    };
    if (c.within) {
      const t = g.local("t");
      const since = g.local("since");
      g.line(`const ${t} = ${c.before !== void 0 ? g.date(c.before) : g.asOf(`count ${c.count} within`)}`);
      g.line(`const ${since} = ${t} === ${t} ? ${g.helper("addDuration")}(${t}, ${durationArgs(c.within, g)}, -1) : NaN`);
      g.line(`if (${t} !== ${t}) ${n} = NaN; else {`);
      g.rows(c.count, false, (row, j) => {
        const d = g.local("d");
        g.line(`const ${d} = ${g.recordDay(c.count, j)}`);
        g.line(`if (${d} <= ${since} || ${d} > ${t}) continue`);
        body(row);
      });
      g.line("}");
    } else g.rows(c.count, true, (row) => body(row));
    if (keys) g.line(`if (${n} === ${n}) ${n} = ${g.helper("distinctCount")}(${keys}, ${n})`);
    g.line(`const ${ok2} = ${n} === ${n} && ${emitBounds(c, `${n} * ${ONE}`, g)}`);
    record(0, n);
    record(1, `${ok2} ? 1 : 0`);
    return ok2;
  },
  explain(c, v) {
    const n = v.slot(0);
    const span2 = c.within ? ` in the ${durationText(c.within)} before ${c.before ?? "the evaluation date"}` : "";
    return `${c.count}${describeWhere(c.where)}${span2}: ${n !== n ? `unknown (${c.before} not given)` : n} ${describeBounds(c, (x) => v.num(x))} ${mark(held(v.slot(1)))}`;
  }
};

// src/kinds/conditions/date.ts
var import_zod4 = require("zod");
var DateCondition = import_zod4.z.object({
  date: Name.describe("A date fact."),
  validFor: Duration.optional().describe("Holds while the evaluation date is before date + this duration (a certificate valid 3 years)."),
  heldFor: Duration.optional().describe("Holds once date + this duration is on or before the evaluation date (held at least a year)."),
  onOrBefore: DateValue.optional().describe("A deadline: the date is on or before this one."),
  onOrAfter: DateValue.optional().describe("The date is on or after this one."),
  at: Name.optional().describe("A date fact at which validFor and heldFor are measured, instead of the evaluation date (the application date).")
}).strict();
var TESTS = ["validFor", "heldFor", "onOrBefore", "onOrAfter"];
var date = {
  key: "date",
  schema: DateCondition,
  refs(c, r, at) {
    r.fact(c.date, [...at, "date"], "a date condition", ["date"]);
    if (c.at !== void 0) r.fact(c.at, [...at, "at"], "a date condition", ["date"]);
  },
  check(c, k, path) {
    if (!TESTS.some((t) => c[t] !== void 0)) k.bad(`The date condition on "${c.date}" tests nothing; add one of ${TESTS.join(", ")}.`, path);
  },
  emit(c, g) {
    const record = g.slots(5);
    const d = g.local("d");
    const a = g.local("at");
    const ok2 = g.local("ok");
    g.line(`const ${d} = ${g.date(c.date)}`);
    g.line(`const ${a} = ${c.at !== void 0 ? g.date(c.at) : "NaN"}`);
    record(0, d);
    record(1, a);
    g.line(`let ${ok2} = ${d} === ${d}`);
    const when = (what) => c.at !== void 0 ? a : g.asOf(`${c.date} ${what}`);
    const add2 = g.helper("addDuration");
    if (c.validFor) {
      const t = g.local("t");
      g.line(`if (${ok2}) { const ${t} = ${when("validFor")}; ${ok2} = ${t} === ${t} && ${t} < ${add2}(${d}, ${durationArgs(c.validFor, g)}, 1) }`);
    }
    if (c.heldFor) {
      const t = g.local("t");
      g.line(`if (${ok2}) { const ${t} = ${when("heldFor")}; ${ok2} = ${t} === ${t} && ${add2}(${d}, ${durationArgs(c.heldFor, g)}, 1) <= ${t} }`);
    }
    if (c.onOrBefore !== void 0) {
      const lim = g.local("lim");
      g.line(`const ${lim} = ${g.day(c.onOrBefore)}`);
      record(2, lim);
      g.line(`if (${ok2}) ${ok2} = ${lim} === ${lim} && ${d} <= ${lim}`);
    }
    if (c.onOrAfter !== void 0) {
      const lim = g.local("lim");
      g.line(`const ${lim} = ${g.day(c.onOrAfter)}`);
      record(3, lim);
      g.line(`if (${ok2}) ${ok2} = ${lim} === ${lim} && ${d} >= ${lim}`);
    }
    record(4, `${ok2} ? 1 : 0`);
    return ok2;
  },
  explain(c, v) {
    const d = v.slot(0);
    const known = d === d;
    const parts = [];
    if (c.validFor && known) parts.push(`valid until ${formatDay(addDuration(d, c.validFor) - 1)} (${durationText(c.validFor)})`);
    if (c.heldFor && known) parts.push(`held ${durationText(c.heldFor)} from ${formatDay(addDuration(d, c.heldFor))}`);
    if (c.onOrBefore !== void 0) parts.push(`deadline ${dayText(v.slot(2))}`);
    if (c.onOrAfter !== void 0) parts.push(`not before ${dayText(v.slot(3))}`);
    if (c.validFor || c.heldFor) {
      const t = c.at !== void 0 ? v.slot(1) : v.asOf;
      if (t !== void 0 && t === t) parts.push(`${c.at !== void 0 ? `at ${c.at} ` : "as of "}${formatDay(t)}`);
    }
    return `${c.date} = ${dayText(d)}${parts.length ? ", " + parts.join(", ") : ""} ${mark(held(v.slot(4)))}`;
  }
};

// src/kinds/conditions/fact.ts
var import_zod5 = require("zod");

// src/kinds/kit/values.ts
function literalFixed(v) {
  if (typeof v === "number") return fromNumber(v);
  if (typeof v === "string") return parseFixed(v.trim());
  return void 0;
}
function own(o, key) {
  return o !== void 0 && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : void 0;
}
var fmt = (v) => toFixedString(v);
function domainOf(f) {
  if (f === void 0) return void 0;
  if (f.type === "rate") return { lo: 0, hi: ONE, what: "a rate from 0 to 1 (write 95% as 0.95)", integer: false };
  if (f.type === "score") return { lo: 0, hi: literalFixed(f.max), what: `a score from 0 to ${String(f.max)}`, integer: false };
  if (f.type === "number" || f.type === "integer") {
    const lo = f.min === void 0 ? void 0 : literalFixed(f.min);
    const hi = f.max === void 0 ? void 0 : literalFixed(f.max);
    const range = lo !== void 0 && hi !== void 0 ? `from ${fmt(lo)} to ${fmt(hi)}` : lo !== void 0 ? `of at least ${fmt(lo)}` : hi !== void 0 ? `of at most ${fmt(hi)}` : "";
    return { lo, hi, what: `${f.type === "integer" ? "an integer" : "a number"}${range ? ` ${range} (its declared min/max)` : ""}`, integer: f.type === "integer" };
  }
  return void 0;
}
var NUMERIC_FACTS = ["rate", "number", "integer"];
var isNumericFact = (f) => f !== void 0 && (f.type === "rate" || f.type === "number" || f.type === "integer" || f.type === "score");

// src/kinds/conditions/fact.ts
var FactCondition = import_zod5.z.object({
  fact: Name.describe("The fact compared."),
  is: import_zod5.z.union([import_zod5.z.boolean(), import_zod5.z.string(), import_zod5.z.number()]).optional().describe("Equal to this value."),
  in: import_zod5.z.array(import_zod5.z.union([import_zod5.z.string(), import_zod5.z.number()])).min(1).optional().describe("Equal to one of these values."),
  between: import_zod5.z.tuple([Value, Value]).optional().describe("Within [low, high], both included."),
  ...Compare
}).strict();
var COMPARATORS = ["is", "in", "between", ...BOUNDS];
function effective(c) {
  const b = { atLeast: c.atLeast, atMost: c.atMost, above: c.above, below: c.below };
  if (c.between) [b.atLeast, b.atMost] = c.between;
  if (c.is !== void 0) b.atLeast = b.atMost = c.is;
  return b;
}
function check(c, k, path) {
  const f = k.fact(c.fact);
  if (!COMPARATORS.some((key) => c[key] !== void 0)) k.bad(`The condition on fact "${c.fact}" has no comparison; add one of ${COMPARATORS.join(", ")}.`, path, "For a yes/no fact write `is: true`.");
  if (c.between) k.ordered(c.between[0], c.between[1], `between [low, high] of fact "${c.fact}" has low above high`, [...path, "between"]);
  if (!f) return;
  const numeric = isNumericFact(f);
  const name = c.fact;
  if (!numeric) {
    const used = ["between", ...BOUNDS].filter((key) => c[key] !== void 0);
    if (used.length) k.bad(`Fact "${name}" is a ${f.type} fact; ${used.join(", ")} ${used.length > 1 ? "compare" : "compares"} only numbers.`, [...path, used[0]]);
  }
  if (f.type === "date") k.bad(`Fact "${name}" is a date; test it with a date condition ({ date: ${name}, onOrBefore: \u2026 }).`, [...path, "fact"]);
  if (f.type === "score" && f.many) k.bad(`Fact "${name}" is a list of results; compare it in a weighted item, not in a condition.`, [...path, "fact"]);
  if (f.type === "boolean" && c.is !== void 0 && typeof c.is !== "boolean") k.bad(`Fact "${name}" is yes/no; write is: true or is: false.`, [...path, "is"]);
  if (f.type === "boolean" && c.in !== void 0) k.bad(`Fact "${name}" is yes/no; write is: true or is: false instead of in.`, [...path, "in"]);
  if (numeric && c.is !== void 0 && literalFixed(c.is) === void 0) k.bad(`Fact "${name}" is a number; is must be a number, not ${JSON.stringify(c.is)}.`, [...path, "is"]);
  if (numeric && c.in) c.in.forEach((v, i) => literalFixed(v) === void 0 && k.bad(`Fact "${name}" is a number; ${JSON.stringify(v)} is not a number.`, [...path, "in", i]));
  if (numeric) {
    k.outsideDomain(name, BOUNDS.map((key) => [key, c[key]]), path);
    if (c.between) k.outsideDomain(name, c.between.map((v, i) => [`between.${i}`, v]), path);
    if (c.is !== void 0) k.outsideDomain(name, [["is", c.is]], path);
    if (c.in) k.outsideDomain(name, c.in.map((v, i) => [`in.${i}`, v]), path);
  }
  if (f.type === "enum") {
    const vals = c.in !== void 0 ? c.in : c.is !== void 0 ? [c.is] : [];
    vals.forEach((v, i) => {
      if (!f.values.includes(v)) k.bad(`Fact "${name}" takes the values ${f.values.join(", ")}; ${JSON.stringify(v)} is not one of them.`, c.in !== void 0 ? [...path, "in", i] : [...path, "is"]);
    });
  }
}
var kindOf = (f) => f?.type === "boolean" ? "boolean" : f?.type === "enum" ? "enum" : "number";
var fact = {
  key: "fact",
  schema: FactCondition,
  refs: (c, r, at) => r.fact(c.fact, [...at, "fact"], "a fact condition"),
  check,
  emit(c, g) {
    const f = g.decls.facts?.[c.fact];
    const ok2 = g.local("ok");
    const record = g.slots(2);
    switch (kindOf(f)) {
      case "boolean": {
        const v = g.local("b");
        g.line(`const ${v} = ${g.boolean(c.fact)}`);
        g.line(`const ${ok2} = ${v} === ${c.is === false ? "false" : "true"}`);
        record(0, `${v} ? 1 : 0`);
        break;
      }
      case "enum": {
        const set = (c.in ?? (c.is !== void 0 ? [c.is] : [])).map(String);
        g.line(`const ${ok2} = ${g.enumIn(c.fact, set)}`);
        record(0, g.enumIndex(c.fact));
        break;
      }
      default: {
        const v = g.local("v");
        g.line(`const ${v} = ${g.number(c.fact)}`);
        const tests = [emitBounds(effective(c), v, g)];
        if (c.in) tests.push(`(${c.in.map((x) => `${v} === ${g.lit(literalFixed(x) ?? NaN)}`).join(" || ")})`);
        g.line(`const ${ok2} = ${tests.join(" && ")}`);
        record(0, v);
      }
    }
    record(1, `${ok2} ? 1 : 0`);
    return ok2;
  },
  explain(c, v) {
    const f = v.decls.facts?.[c.fact];
    const ok2 = held(v.slot(1));
    switch (kindOf(f)) {
      case "boolean":
        return `${c.fact} = ${v.slot(0) === 1 ? "true" : v.slot(0) === 0 ? "false" : "?"}, needs ${String(c.is ?? true)} ${mark(ok2)}`;
      case "enum": {
        const set = c.in ?? (c.is !== void 0 ? [c.is] : []);
        const i = v.slot(0);
        const values = f?.type === "enum" ? f.values : [];
        return `${c.fact} = ${i >= 0 ? values[i] : "undefined"}, needs ${set.map(String).join(" or ")} ${mark(ok2)}`;
      }
      default: {
        const set = c.in ? ` in [${c.in.map((x) => maybe(literalFixed(x) ?? NaN)).join(", ")}]` : "";
        return `${c.fact} = ${maybe(v.slot(0))} ${describeBounds(effective(c), (x) => v.num(x))}${set} ${mark(ok2)}`;
      }
    }
  }
};

// src/kinds/conditions/order.ts
var import_zod6 = require("zod");
var OrderCondition = import_zod6.z.object({ order: import_zod6.z.array(Name).min(2).describe("Date facts that must not go backwards (\u7533\u5831 \u2192 \u9810\u6AA2 \u2192 \u516C\u793A \u2192 \u8A55\u5BE9 \u2192 \u5BE9\u6279).") }).strict();
var order = {
  key: "order",
  schema: OrderCondition,
  refs: (c, r, at) => c.order.forEach((n, j) => r.fact(n, [...at, "order", j], "an order condition", ["date"])),
  emit(c, g) {
    const record = g.slots(c.order.length + 1);
    const ds = c.order.map((name, i) => {
      const d = g.local("d");
      g.line(`const ${d} = ${g.date(name)}`);
      record(i, d);
      return d;
    });
    const ok2 = g.local("ok");
    const tests = ds.map((d, i) => i === 0 ? `${d} === ${d}` : `${d} === ${d} && ${d} >= ${ds[i - 1]}`);
    g.line(`const ${ok2} = ${tests.join(" && ")}`);
    record(c.order.length, `${ok2} ? 1 : 0`);
    return ok2;
  },
  explain: (c, v) => `${c.order.map((n, i) => `${n} ${dayText(v.slot(i))}`).join(" \u2264 ")} ${mark(held(v.slot(c.order.length)))}`
};

// src/kinds/conditions/quota.ts
var import_zod7 = require("zod");
var QuotaCondition = import_zod7.z.object({ quota: Id.describe("A quota declared under quotas."), met: import_zod7.z.boolean() }).strict();
var quota = {
  key: "quota",
  schema: QuotaCondition,
  refs: (c, r, at) => r.quota(c.quota, [...at, "quota"], "a quota condition"),
  emit(c, g) {
    const short = g.local("short");
    const ok2 = g.local("ok");
    const record = g.slots(2);
    g.line(`const ${short} = ${g.quota(c.quota)}.shortfall`);
    g.line(`const ${ok2} = (${short} === 0) === ${c.met ? "true" : "false"}`);
    record(0, short);
    record(1, `${ok2} ? 1 : 0`);
    return ok2;
  },
  explain: (c, v) => `quota ${c.quota}: shortfall ${v.slot(0)} ${mark(held(v.slot(1)))}`
};

// src/kinds/conditions/score.ts
var import_zod8 = require("zod");
var ScoreCondition = import_zod8.z.object({ score: import_zod8.z.union([import_zod8.z.literal("total"), Id]).describe('"total" or an item id.'), ...Compare }).strict();
var score = {
  key: "score",
  schema: ScoreCondition,
  refs: (c, r, at) => c.score === "total" ? void 0 : r.item(c.score, [...at, "score"], "a score condition"),
  check: (c, k, path) => needsBound(c, `score of "${c.score}"`, k, path),
  emit(c, g) {
    const record = g.slots(2);
    const [v, ok2] = [g.local("v"), g.local("ok")];
    g.line(`const ${v} = ${g.score_of(c.score)}`);
    g.line(`const ${ok2} = ${emitBounds(c, v, g)}`);
    record(0, v);
    record(1, `${ok2} ? 1 : 0`);
    return ok2;
  },
  explain: (c, v) => `score of ${c.score} ${maybe(v.slot(0))} ${describeBounds(c, (x) => v.num(x))} ${mark(held(v.slot(1)))}`
};

// src/kinds/conditions/span.ts
var import_zod9 = require("zod");
var SpanCondition = import_zod9.z.object({
  span: import_zod9.z.tuple([Name, Name]).describe("Two date facts: start and end."),
  atLeast: Duration.optional(),
  atMost: Duration.optional(),
  ends: import_zod9.z.enum(["inclusive", "exclusive"]).optional().describe("inclusive (default): both end days count, so 1\u20137 March is 7 days; exclusive: end \u2212 start.")
}).strict();
var span = {
  key: "span",
  schema: SpanCondition,
  refs: (c, r, at) => c.span.forEach((n, j) => r.fact(n, [...at, "span", j], "a span condition", ["date"])),
  check(c, k, path) {
    if (c.atLeast === void 0 && c.atMost === void 0) k.bad("The span condition tests nothing; add atLeast or atMost.", path);
  },
  emit(c, g) {
    const record = g.slots(3);
    const [s, e, ok2] = [g.local("s"), g.local("e"), g.local("ok")];
    const extra = c.ends === "exclusive" ? 0 : 1;
    const add2 = g.helper("addDuration");
    g.line(`const ${s} = ${g.date(c.span[0])}, ${e} = ${g.date(c.span[1])}`);
    const tests = [`${s} === ${s}`, `${e} === ${e}`];
    if (c.atLeast) tests.push(`${add2}(${s}, ${durationArgs(c.atLeast, g)}, 1) <= ${e} + ${extra}`);
    if (c.atMost) tests.push(`${e} + ${extra} <= ${add2}(${s}, ${durationArgs(c.atMost, g)}, 1)`);
    g.line(`const ${ok2} = ${tests.join(" && ")}`);
    record(0, s);
    record(1, e);
    record(2, `${ok2} ? 1 : 0`);
    return ok2;
  },
  explain(c, v) {
    const [s, e] = [v.slot(0), v.slot(1)];
    const extra = c.ends === "exclusive" ? 0 : 1;
    const days = s !== s || e !== e ? "unknown" : `${e - s + extra} days`;
    return `${c.span[0]} \u2192 ${c.span[1]}: ${days}${c.atLeast ? `, at least ${durationText(c.atLeast)}` : ""}${c.atMost ? `, at most ${durationText(c.atMost)}` : ""} ${mark(held(v.slot(2)))}`;
  }
};

// src/kinds/conditions/index.ts
var lazy = () => Condition;
var conditionForms = [fact, count, quota, date, span, order, score, all(lazy), any(lazy), not(lazy)];
var byKey = new Map(conditionForms.map((f) => [f.key, f]));
var Condition = import_zod10.z.lazy(() => import_zod10.z.union(conditionForms.map((f) => f.schema))).meta({ id: "Condition", description: "A condition on the evidence." });
function formOf(c) {
  if (c !== null && typeof c === "object") for (const key of Object.keys(c)) {
    const f = byKey.get(key);
    if (f) return f;
  }
  throw new Error(`kaoping: not a condition: ${JSON.stringify(c)?.slice(0, 80)}`);
}

// src/kinds/base.ts
var ItemBase = {
  id: Id,
  ...Doc,
  max: Decimal.describe("The most points this item or section can give."),
  min: Decimal.optional().describe("The least points it can give (default 0)."),
  notApplicable: import_zod11.z.enum(["rescale", "zero"]).optional().describe("When evidence marks it \u4E0D\u9069\u7528: rescale = drop it and scale its siblings up to the parent's maximum; zero = score it 0. Default: the rubric's policy."),
  requires: Condition.optional().describe("A prerequisite of this item alone; when it fails the item scores `otherwise`."),
  otherwise: Decimal.optional().describe("Points when `requires` fails (default 0).")
};

// src/kinds/bands.ts
var Band = import_zod12.z.object({
  from: Value.optional().describe("Lower edge (none: unbounded)."),
  to: Value.optional().describe("Upper edge (none: unbounded)."),
  edges: import_zod12.z.enum(["[)", "[]", "(]", "()"]).optional().describe('Which edges belong to the band: [ included, ( excluded. Default "[)".'),
  points: Value.optional().describe("Fixed points in this band."),
  times: Value.optional().describe("Points \xD7 the measured value (a coefficient)."),
  title: import_zod12.z.string().optional()
}).strict();
var Bands = import_zod12.z.object({
  kind: import_zod12.z.literal("bands"),
  ...ItemBase,
  fact: Name.describe("The measured value."),
  bands: import_zod12.z.array(Band).min(1)
}).strict().describe("Coefficient bands: the band the value falls in gives fixed points or points \xD7 the value.");
function bandTable(bands2, num2) {
  const n = bands2.length;
  const t = { lo: new Float64Array(n), hi: new Float64Array(n), loIn: new Uint8Array(n), hiIn: new Uint8Array(n), points: new Float64Array(n), times: new Float64Array(n), words: "" };
  bands2.forEach((b, i) => {
    const edges = b.edges ?? "[)";
    t.lo[i] = b.from === void 0 ? -Infinity : num2(b.from);
    t.hi[i] = b.to === void 0 ? Infinity : num2(b.to);
    t.loIn[i] = edges[0] === "[" ? 1 : 0;
    t.hiIn[i] = edges[1] === "]" ? 1 : 0;
    t.points[i] = b.points === void 0 ? b.times === void 0 ? 0 : NaN : num2(b.points);
    t.times[i] = b.times === void 0 ? NaN : num2(b.times);
  });
  t.words = Array.from({ length: n }, (_, i) => describeBand(t, i)).join("; ");
  return t;
}
function describeBand(t, i) {
  const lo = t.lo[i] === -Infinity ? "(\u2212\u221E" : `${t.loIn[i] ? "[" : "("}${toFixedString(t.lo[i])}`;
  const hi = t.hi[i] === Infinity ? "\u221E)" : `${toFixedString(t.hi[i])}${t.hiIn[i] ? "]" : ")"}`;
  const gives = t.times[i] === t.times[i] ? `${toFixedString(t.times[i])} \xD7 value` : toFixedString(t.points[i]);
  return `${lo}, ${hi} \u2192 ${gives}`;
}
var isEmpty = (i) => i.lo > i.hi || i.lo === i.hi && !(i.loIn && i.hiIn);
function holdsInteger(i) {
  if (i.lo === -Infinity || i.hi === Infinity) return true;
  let first = Math.ceil(i.lo / ONE) * ONE;
  if (first === i.lo && !i.loIn) first += ONE;
  return first < i.hi || first === i.hi && i.hiIn;
}
function clip(b, d) {
  const lo = b.lo > d.lo ? { v: b.lo, in: b.loIn } : b.lo < d.lo ? { v: d.lo, in: d.loIn } : { v: b.lo, in: b.loIn && d.loIn };
  const hi = b.hi < d.hi ? { v: b.hi, in: b.hiIn } : b.hi > d.hi ? { v: d.hi, in: d.hiIn } : { v: b.hi, in: b.hiIn && d.hiIn };
  return { lo: lo.v, loIn: lo.in, hi: hi.v, hiIn: hi.in };
}
var num = (v) => toFixedString(v);
function describeRange(i, noun, single) {
  if (i.lo === i.hi) return `${single} ${num(i.lo)}`;
  const lo = i.lo === -Infinity ? void 0 : `${num(i.lo)} (${i.loIn ? "inclusive" : "exclusive"})`;
  const hi = i.hi === Infinity ? void 0 : `${num(i.hi)} (${i.hiIn ? "inclusive" : "exclusive"})`;
  if (lo === void 0 && hi === void 0) return `all ${noun}`;
  if (lo === void 0) return i.hiIn ? `${noun} up to ${hi}` : `${noun} below ${num(i.hi)}`;
  if (hi === void 0) return i.loIn ? `${noun} from ${lo} up` : `${noun} above ${num(i.lo)}`;
  return `${noun} from ${lo} to ${hi}`;
}
function domainFor(c, fact2) {
  const f = own(c.decls.facts, fact2);
  if (!f) return void 0;
  if (f.type === "rate") return { d: { lo: 0, loIn: true, hi: ONE, hiIn: true }, integer: false, noun: "rates", single: "the rate" };
  if (f.type !== "number" && f.type !== "integer") return void 0;
  const lo = f.min === void 0 ? -Infinity : literalFixed(f.min);
  const hi = f.max === void 0 ? Infinity : literalFixed(f.max);
  if (lo === void 0 || hi === void 0) return void 0;
  return { d: { lo, loIn: true, hi, hiIn: true }, integer: f.type === "integer", noun: "values", single: "the value" };
}
function lintBands(item, c, path) {
  const dom = domainFor(c, item.fact);
  if (!dom) return;
  const spans = [];
  for (let index = 0; index < item.bands.length; index++) {
    const b = item.bands[index];
    const edges = b.edges ?? "[)";
    const lo = b.from === void 0 ? -Infinity : c.value(b.from);
    const hi = b.to === void 0 ? Infinity : c.value(b.to);
    if (lo === void 0 || hi === void 0) return;
    const cl = clip({ lo, loIn: b.from === void 0 || edges[0] === "[", hi, hiIn: b.to === void 0 || edges[1] === "]" }, dom.d);
    if (!isEmpty(cl) && (!dom.integer || holdsInteger(cl))) spans.push({ ...cl, index });
  }
  spans.sort((a, b) => a.lo - b.lo || Number(b.loIn) - Number(a.loIn) || a.index - b.index);
  const at = (j, key) => {
    const band = item.bands[j];
    return key !== void 0 && band[key] !== void 0 ? [...path, "bands", j, key] : [...path, "bands", j];
  };
  const edgesOf = (j) => item.bands[j].edges ?? "[)";
  const real = (i) => !isEmpty(i) && (!dom.integer || holdsInteger(i));
  const gap = (g, before, after) => {
    if (!real(g)) return;
    const lo = g.lo === -Infinity ? void 0 : num(g.lo);
    const hi = g.hi === Infinity ? void 0 : num(g.hi);
    let hint;
    if (before && after && g.lo === g.hi)
      hint = `Include ${lo} in one band: edges "${edgesOf(before.index)[0]}]" on bands[${before.index}], or edges "[${edgesOf(after.index)[1]}" on bands[${after.index}].`;
    else if (before && after) hint = `Set "to: ${hi}" on bands[${before.index}] so it ends where bands[${after.index}] starts, or "from: ${lo}" on bands[${after.index}] (bands include "from" and exclude "to" unless edges says otherwise).`;
    else if (after) hint = `Extend bands[${after.index}] down to ${lo ?? "the lowest value"} (${lo === void 0 ? 'remove its "from"' : `from: ${lo}`}), or add a band for these ${dom.noun}.`;
    else if (before) hint = `Extend bands[${before.index}] up to ${hi ?? "the highest value"} (${hi === void 0 ? 'remove its "to"' : `to: ${hi}, edges "${edgesOf(before.index)[0]}${g.hiIn ? "]" : ")"}"`}), or add a band for these ${dom.noun}.`;
    else hint = "Add a band for these values.";
    c.report("BAND_GAP", `Bands leave ${describeRange(g, dom.noun, dom.single)} without a score.`, after ? at(after.index, "from") : before ? at(before.index, "to") : [...path, "bands"], `${hint} (Item "${item.id}", fact ${item.fact}.)`);
  };
  let n = dom.d.lo;
  let needIn = dom.d.loIn;
  let coverer;
  for (const s of spans) {
    const startsAfter = s.lo > n || s.lo === n && !s.loIn && needIn;
    if (startsAfter) gap({ lo: n, loIn: needIn, hi: s.lo, hiIn: !s.loIn }, coverer, s);
    else if (coverer) {
      const hi = s.hi < n ? { v: s.hi, in: s.hiIn } : s.hi > n ? { v: n, in: !needIn } : { v: n, in: s.hiIn && !needIn };
      const o = { lo: s.lo, loIn: s.loIn, hi: hi.v, hiIn: hi.in };
      if (real(o)) {
        const [first, later] = coverer.index < s.index ? [coverer, s] : [s, coverer];
        c.report("BAND_OVERLAP", `Bands bands[${first.index}] and bands[${later.index}] both cover ${describeRange(o, dom.noun, dom.single)}; only the first listed applies there.`, at(later.index), `Make the bands disjoint: bands include "from" and exclude "to" unless edges says otherwise. (Item "${item.id}", fact ${item.fact}.)`);
      }
    }
    if (s.hi > n || s.hi === n && s.hiIn && needIn) {
      n = s.hi;
      needIn = !s.hiIn;
      coverer = s;
    }
  }
  if (n < dom.d.hi || n === dom.d.hi && needIn && dom.d.hiIn) gap({ lo: n, loIn: needIn, hi: dom.d.hi, hiIn: dom.d.hiIn }, coverer, void 0);
}
var bands = {
  kind: "bands",
  schema: Bands,
  refs: (item, r, at) => r.fact(item.fact, [...at, "fact"], `bands item "${item.id}"`, NUMERIC_FACTS),
  check(item, c, at) {
    const max2 = c.value(item.max);
    item.bands.forEach((b, j) => {
      c.oneOf(b, ["points", "times"], `Band ${j} of bands item "${item.id}"`, [...at, "bands", j]);
      c.ordered(b.from, b.to, `Band ${j} of bands item "${item.id}" has from above to`, [...at, "bands", j, "from"]);
      if (b.points !== void 0) c.notAbove(max2, b.points, `the points of band ${j}`, item.id, [...at, "bands", j, "points"]);
    });
  },
  lint: lintBands,
  emit(item, g) {
    const record = g.slots(2);
    const table = g.bind((num2) => bandTable(item.bands, num2));
    const [v, b, t] = [g.local("v"), g.local("b"), g.local("t")];
    g.line(`const ${v} = ${g.number(item.fact)}`);
    g.line(`const ${b} = ${g.helper("band")}(${table}, ${v})`);
    record(0, v);
    record(1, b);
    g.line(`if (${b} < 0) ${g.refuse("EVIDENCE_NO_BAND", `${g.str(`${item.fact} = `)} + ${g.helper("T")}(${v}) + " falls in no band (" + ${table}.words + "); the rubric must settle this value."`, g.path("facts", item.fact))}`);
    g.line(`const ${t} = ${table}.times[${b}]`);
    g.line(`${g.out} = ${t} === ${t} ? ${g.helper("mul")}(${t}, ${v}) : ${table}.points[${b}]`);
  },
  trail(item, v) {
    const table = bandTable(item.bands, (x, f) => v.num(x, f));
    const [value, i] = [v.slot(0), v.slot(1)];
    const times = table.times[i];
    const arithmetic = times === times ? `${T(times)} \xD7 ${T(value)} = ${T(v.raw)}` : T(table.points[i]);
    return { rule: `bands: ${table.words}`, inputs: { [item.fact]: T(value) }, arithmetic: `in ${describeBand(table, i)}: ${arithmetic}` };
  }
};

// src/kinds/check.ts
var import_zod13 = require("zod");
var Check = import_zod13.z.object({
  kind: import_zod13.z.literal("check"),
  ...ItemBase,
  fact: Name.optional().describe("A yes/no fact: true gives the points (shorthand for when: {fact, is: true})."),
  when: Condition.optional().describe("The condition that gives the points."),
  points: Value.optional().describe("Points when it holds (default max)."),
  else: Value.optional().describe("Points when it does not (default 0).")
}).strict().describe("Checklist or threshold item: points when a condition holds.");
var shorthands = /* @__PURE__ */ new WeakMap();
function conditionOf(item) {
  if (item.when) return item.when;
  let c = shorthands.get(item);
  if (!c) shorthands.set(item, c = { fact: item.fact, is: true });
  return c;
}
var check2 = {
  kind: "check",
  schema: Check,
  refs(item, r, at) {
    if (item.fact !== void 0) r.fact(item.fact, [...at, "fact"], `check item "${item.id}"`, ["boolean"]);
  },
  check(item, c, at) {
    c.oneOf(item, ["fact", "when"], `Check item "${item.id}"`, at);
    const max2 = c.value(item.max);
    if (item.points !== void 0) c.notAbove(max2, item.points, "points", item.id, [...at, "points"]);
    if (item.else !== void 0) c.notAbove(max2, item.else, "else", item.id, [...at, "else"]);
  },
  emit(item, g) {
    const record = g.slots(1);
    const ok2 = g.cond(conditionOf(item));
    record(0, `${ok2} ? 1 : 0`);
    g.line(`${g.out} = ${ok2} ? ${g.num(item.points, g.node.max)} : ${g.num(item.else, 0)}`);
  },
  trail(item, v) {
    const yes = v.num(item.points, v.node.max);
    const no = v.num(item.else, 0);
    return { rule: `${T(yes)} points when it holds, else ${T(no)}`, inputs: {}, arithmetic: `${v.cond(conditionOf(item))} \u2192 ${T(held(v.slot(0)) ? yes : no)}` };
  }
};

// src/kinds/count.ts
var import_zod14 = require("zod");
var PointsBy = import_zod14.z.object({
  by: Name.describe("The record field whose value selects the points."),
  values: import_zod14.z.record(import_zod14.z.string(), Value).describe("Points per value of that field.")
}).strict();
var Count = import_zod14.z.object({
  kind: import_zod14.z.literal("count"),
  ...ItemBase,
  records: Name.optional().describe("The records counted."),
  where: Where.optional(),
  fact: Name.optional().describe("Or an integer fact that is already a count."),
  points: import_zod14.z.union([Value, PointsBy]).describe("Points per record (or per unit of the fact)."),
  dedupe: import_zod14.z.boolean().optional().describe("Count a piece (the record type's key) once, at its highest points."),
  cap: Value.optional().describe("The most this item gives (default max).")
}).strict().describe("Counted records \xD7 points, with a cap (also bonus points).");
var isBy = (p) => typeof p === "object" && "by" in p;
var count2 = {
  kind: "count",
  schema: Count,
  refs(item, r, at) {
    if (item.fact !== void 0) r.fact(item.fact, [...at, "fact"], `count item "${item.id}"`, ["integer"], "count");
    if (item.records !== void 0) {
      r.records(item.records, [...at, "records"], `count item "${item.id}"`);
      r.where(item.where, item.records, at);
      if (isBy(item.points)) r.field(item.points.by, item.records, [...at, "points", "by"], "points.by");
    }
  },
  check(item, c, at) {
    const what = `Count item "${item.id}"`;
    c.oneOf(item, ["records", "fact"], what, at);
    if (item.fact !== void 0 && isBy(item.points)) c.bad(`${what} counts a fact, so its points cannot be chosen by a record field.`, [...at, "points"]);
    if (item.fact !== void 0 && item.where !== void 0) c.bad(`${what} counts a fact; where only filters records.`, [...at, "where"]);
    if (item.dedupe === true) {
      if (item.records === void 0) c.bad(`${what}: dedupe needs records (it keeps one record per key).`, [...at, "dedupe"]);
      else c.needsField(item.records, "key", `${what} dedupes`, [...at, "dedupe"]);
    }
    if (item.cap !== void 0) c.notAbove(c.value(item.max), item.cap, "cap", item.id, [...at, "cap"]);
  },
  emit(item, g) {
    const record = g.slots(2);
    const cap = g.num(item.cap, g.node.max);
    const [n, sum] = [g.local("n"), g.local("sum")];
    if (item.fact !== void 0) {
      g.line(`const ${n} = ${g.count(item.fact)}`);
      g.line(`const ${sum} = ${g.helper("mulInt")}(${g.num(item.points)}, ${n})`);
    } else {
      const list2 = item.records;
      const dedupe = item.dedupe === true;
      const [keys, pts] = g.scratch();
      g.line(`let ${n} = 0, ${sum} = 0`);
      g.rows(list2, true, (row, j) => {
        g.line(`if (!(${g.where(list2, item.where, row)})) continue`);
        const p = g.points(list2, item.points, row, j, item.id);
        if (dedupe) g.line(`${keys}[${n}] = ${g.key(list2, row)}; ${pts}[${n}] = ${p}; ${n}++`);
        else g.line(`${sum} = ${g.helper("add")}(${sum}, ${p}); ${n}++`);
      });
      if (dedupe) g.line(`${sum} = ${g.helper("bestSum")}(${keys}, ${pts}, ${n}); ${n} = ${g.helper("distinctCount")}(${keys}, ${n})`);
    }
    record(0, n);
    record(1, sum);
    g.line(`${g.out} = ${sum} < ${cap} ? ${sum} : ${cap}`);
  },
  trail(item, v) {
    const cap = v.num(item.cap, v.node.max);
    const [n, sum] = [v.slot(0), v.slot(1)];
    const capped = sum > cap ? ` \u2192 cap ${T(cap)}` : "";
    if (item.fact !== void 0) {
      const per2 = v.num(item.points);
      return { rule: `${T(per2)} per unit of ${item.fact}, cap ${T(cap)}`, inputs: { [item.fact]: String(n) }, arithmetic: `${n} \xD7 ${T(per2)} = ${T(sum)}${capped}` };
    }
    const per = isBy(item.points) ? `points by ${item.points.by}` : `${T(v.num(item.points))} each`;
    const key = item.dedupe ? v.decls.records?.[item.records]?.key : void 0;
    return {
      rule: `${item.records}${describeWhere(item.where)}: ${per}${key ? `, one per ${key} at its highest` : ""}, cap ${T(cap)}`,
      inputs: { [item.records]: `${n} counted` },
      arithmetic: `${T(sum)}${capped}`
    };
  }
};

// src/kinds/deduct.ts
var import_zod15 = require("zod");
var Deduct = import_zod15.z.object({
  kind: import_zod15.z.literal("deduct"),
  ...ItemBase,
  fact: Name.describe("The measured value, e.g. a pass rate."),
  target: Value.describe("The target; no deduction when it is met."),
  direction: import_zod15.z.enum(["below", "above"]).optional().describe("Deduct for falling below the target (default) or for rising above it."),
  step: Value.describe("The size of one step, e.g. 0.01 for one percentage point."),
  points: Value.describe("Points deducted per step (0 or more)."),
  rounding: import_zod15.z.union([StepRounding, ParamRef]).describe("How a partial step counts."),
  from: Value.optional().describe("Points before deduction (default max)."),
  floor: Value.optional().describe("The score never goes below this (\u6263\u5B8C\u70BA\u6B62 \u2192 0).")
}).strict().describe("Per-step deduction from a target.");
var FLOOR_HINT = "Add `floor: 0` (\u6263\u5B8C\u70BA\u6B62) or the least score it may give, so the clamp is written down.";
function lintFloor(item, c, path) {
  if (item.floor !== void 0) return;
  const max2 = c.value(item.max);
  const start = item.from === void 0 ? max2 : c.value(item.from);
  const least = item.min === void 0 ? 0 : c.value(item.min);
  const [target, step, points, rounding] = [c.value(item.target), c.value(item.step), c.value(item.points), c.word(item.rounding)];
  if (start === void 0 || least === void 0 || target === void 0 || step === void 0 || step <= 0 || points === void 0) return;
  const above = item.direction === "above";
  const d = domainOf(c.fact(item.fact));
  const extreme = above ? d?.hi : d?.lo;
  const report = (message) => c.report("DEDUCTION_WITHOUT_FLOOR", message, path, FLOOR_HINT);
  if (extreme === void 0)
    return report(`Item "${item.id}" has no floor, and fact ${item.fact} has no declared ${above ? "max" : "min"}, so the deduction has no limit and can go below the item's min ${fmt(least)}.`);
  const gap = above ? extreme - target : target - extreme;
  if (gap <= 0) return;
  let largest;
  try {
    largest = rounding === "exact" ? div(mul(gap, points, "ceil"), step, "ceil") : mulInt(points, divToInteger(gap, step, rounding === "floor" ? "floor" : "ceil"));
  } catch {
    largest = void 0;
  }
  if (largest !== void 0 && sub(start, largest) >= least) return;
  report(
    largest === void 0 ? `Item "${item.id}" has no floor, and its largest deduction is too large to compute.` : `Item "${item.id}" has no floor: at ${item.fact} = ${fmt(extreme)} it deducts ${fmt(largest)} from ${fmt(start)}, which gives ${fmt(sub(start, largest))}, below its min ${fmt(least)}.`
  );
}
var deduct = {
  kind: "deduct",
  schema: Deduct,
  refs: (item, r, at) => r.fact(item.fact, [...at, "fact"], `deduct item "${item.id}"`, NUMERIC_FACTS),
  check(item, c, at) {
    c.outsideDomain(item.fact, [["target", item.target]], at);
    c.positive(item.step, true, `Deduct item "${item.id}": step`, [...at, "step"]);
    c.positive(item.points, false, `Deduct item "${item.id}": points`, [...at, "points"]);
    if (item.from !== void 0) c.notAbove(c.value(item.max), item.from, "from", item.id, [...at, "from"]);
  },
  lint: lintFloor,
  emit(item, g) {
    const record = g.slots(4);
    const [v, gap, steps, d, r] = [g.local("v"), g.local("gap"), g.local("steps"), g.local("d"), g.local("r")];
    const target = g.num(item.target);
    const [step, points] = [g.num(item.step), g.num(item.points)];
    const sub2 = g.helper("sub");
    g.line(`const ${v} = ${g.number(item.fact)}`);
    g.line(`const ${gap} = ${item.direction === "above" ? `${sub2}(${v}, ${target})` : `${sub2}(${target}, ${v})`}`);
    g.line(`const ${r} = ${g.rounding(item.rounding)}`);
    g.line(`let ${steps} = 0, ${d} = 0`);
    g.line(`if (${gap} > 0) {`);
    g.line(`if (${r} === 2) { ${steps} = NaN; ${d} = ${g.helper("div")}(${g.helper("mul")}(${gap}, ${points}), ${step}) }`);
    g.line(`else { ${steps} = ${g.helper("divToInteger")}(${gap}, ${step}, ${r} === 0 ? "ceil" : "floor"); ${d} = ${g.helper("mulInt")}(${points}, ${steps}) } }`);
    record(0, v);
    record(1, gap);
    record(2, steps);
    record(3, d);
    g.line(`${g.out} = ${g.helper("max")}(${g.num(item.floor, g.node.min)}, ${sub2}(${g.num(item.from, g.node.max)}, ${d}))`);
  },
  trail(item, v) {
    const [start, floor, target, step, points] = [v.num(item.from, v.node.max), v.num(item.floor, v.node.min), v.num(item.target), v.num(item.step), v.num(item.points)];
    const rounding = v.word(item.rounding);
    const above = item.direction === "above";
    const [value, gap, steps, d] = [v.slot(0), v.slot(1), v.slot(2), v.slot(3)];
    const result = sub(start, d) < floor ? floor : sub(start, d);
    const floored = result !== sub(start, d) ? ` \u2192 floor ${T(floor)}` : "";
    const rule = `${T(start)} \u2212 ${T(points)} per ${T(step)} ${above ? "above" : "below"} ${T(target)} (partial step: ${rounding}), floor ${T(floor)}`;
    const arithmetic = gap <= 0 ? `${T(value)} meets the target ${T(target)} \u2192 ${T(start)}${floored}` : `${above ? "above" : "short"} by ${T(gap)} = ${T(div(gap, step))} steps \u2192 ${steps === steps ? String(steps) : T(div(gap, step))} (${rounding}) \xD7 ${T(points)} = ${T(d)}; ${T(start)} \u2212 ${T(d)} = ${T(sub(start, d))}${floored}`;
    return { rule, inputs: { [item.fact]: T(value) }, arithmetic };
  }
};

// src/kinds/deductions.ts
var import_zod16 = require("zod");
var Deduction = import_zod16.z.object({
  id: Id,
  ...Doc,
  fact: Name.optional().describe("An integer fact counting the faults."),
  records: Name.optional().describe("Or records counted as faults."),
  where: Where.optional(),
  points: Value.describe("Points deducted per fault (0 or more)."),
  cap: Value.optional().describe("The most this deduction takes.")
}).strict();
var Deductions = import_zod16.z.object({
  kind: import_zod16.z.literal("deductions"),
  ...ItemBase,
  base: Value.optional().describe("The base score deductions start from (default max)."),
  deductions: import_zod16.z.array(Deduction).min(1),
  floor: Value.optional().describe("The score never goes below this.")
}).strict().describe("Base score minus deductions.");
function safe(f) {
  try {
    return f();
  } catch {
    return void 0;
  }
}
function lintFloor2(item, c, path) {
  if (item.floor !== void 0) return;
  const base = c.value(item.base ?? item.max);
  const least = item.min === void 0 ? 0 : c.value(item.min);
  if (base === void 0 || least === void 0) return;
  let sum = 0;
  for (const d of item.deductions) {
    const points = c.value(d.points);
    if (points === void 0 || points <= 0) continue;
    let most = d.cap === void 0 ? void 0 : c.value(d.cap);
    if (most === void 0 && d.fact !== void 0) {
      const hi = domainOf(c.fact(d.fact))?.hi;
      if (hi !== void 0) most = safe(() => mulInt(points, Math.floor(hi / ONE)));
    }
    if (most === void 0)
      return c.report("DEDUCTION_WITHOUT_FLOOR", `Item "${item.id}" has no floor, and deduction "${d.id}" has no cap, so the deductions can take it below its min ${fmt(least)}.`, path, `${FLOOR_HINT} Or give "${d.id}" a cap.`);
    sum = sum === void 0 ? void 0 : safe(() => add(sum, most));
  }
  if (sum !== void 0 && sub(base, sum) >= least) return;
  c.report("DEDUCTION_WITHOUT_FLOOR", `Item "${item.id}" has no floor: its deductions can take up to ${sum === void 0 ? "more than can be computed" : fmt(sum)} from ${fmt(base)}, below its min ${fmt(least)}.`, path, FLOOR_HINT);
}
var deductions = {
  kind: "deductions",
  schema: Deductions,
  refs(item, r, at) {
    item.deductions.forEach((d, j) => {
      const p = [...at, "deductions", j];
      if (d.fact !== void 0) r.fact(d.fact, [...p, "fact"], `deduction "${d.id}"`, ["integer", "number"], "count");
      if (d.records !== void 0) {
        r.records(d.records, [...p, "records"], `deduction "${d.id}"`);
        r.where(d.where, d.records, p);
      }
    });
  },
  ids: (item, at) => item.deductions.map((d, j) => ({ id: d.id, path: [...at, "deductions", j, "id"], what: "deduction" })),
  check(item, c, at) {
    if (item.base !== void 0) c.notAbove(c.value(item.max), item.base, "base", item.id, [...at, "base"]);
    item.deductions.forEach((d, j) => {
      const p = [...at, "deductions", j];
      c.oneOf(d, ["fact", "records"], `Deduction "${d.id}"`, p);
      if (d.fact !== void 0 && d.where !== void 0) c.bad(`Deduction "${d.id}" counts a fact; where only filters records.`, [...p, "where"]);
      c.positive(d.points, false, `Deduction "${d.id}": points`, [...p, "points"]);
      if (d.cap !== void 0) c.positive(d.cap, false, `Deduction "${d.id}": cap`, [...p, "cap"]);
    });
  },
  lint: lintFloor2,
  emit(item, g) {
    const k = item.deductions.length;
    const record = g.slots(2 * k + 1);
    const total = g.local("total");
    g.line(`let ${total} = 0`);
    item.deductions.forEach((d, j) => {
      const [n, t] = [g.local("n"), g.local("t")];
      if (d.fact !== void 0) g.line(`const ${n} = ${g.count(d.fact)}`);
      else {
        g.line(`let ${n} = 0`);
        g.rows(d.records, true, (row) => g.line(`if (${g.where(d.records, d.where, row)}) ${n}++`));
      }
      g.line(`let ${t} = ${g.helper("mulInt")}(${g.num(d.points)}, ${n})`);
      if (d.cap !== void 0) g.line(`if (${t} > ${g.num(d.cap)}) ${t} = ${g.num(d.cap)}`);
      g.line(`${total} = ${g.helper("add")}(${total}, ${t})`);
      record(2 * j, n);
      record(2 * j + 1, t);
    });
    record(2 * k, total);
    g.line(`${g.out} = ${g.helper("max")}(${g.num(item.floor, g.node.min)}, ${g.helper("sub")}(${g.num(item.base, g.node.max)}, ${total}))`);
  },
  trail(item, v) {
    const base = v.num(item.base, v.node.max);
    const floor = v.num(item.floor, v.node.min);
    const k = item.deductions.length;
    const lines = [];
    const inputs = {};
    item.deductions.forEach((d, j) => {
      const [n, t] = [v.slot(2 * j), v.slot(2 * j + 1)];
      const cap = d.cap === void 0 ? void 0 : v.num(d.cap);
      inputs[d.fact ?? (d.records !== void 0 ? d.records + describeWhere(d.where) : d.id)] = String(n);
      if (n > 0) lines.push(`${d.title} ${n} \xD7 ${T(v.num(d.points))}${cap !== void 0 && t === cap ? ` (cap ${T(cap)})` : ""} = ${T(t)}`);
    });
    const total = v.slot(2 * k);
    const result = sub(base, total);
    return {
      rule: `base ${T(base)} minus deductions, floor ${T(floor)}`,
      inputs,
      arithmetic: `${T(base)} \u2212 ${T(total)}${lines.length ? ` [${lines.join("; ")}]` : ""} = ${T(result)}${result < floor ? ` \u2192 floor ${T(floor)}` : ""}`
    };
  }
};

// src/kinds/judged.ts
var import_zod17 = require("zod");
var Judged = import_zod17.z.object({
  kind: import_zod17.z.literal("judged"),
  ...ItemBase,
  fact: Name.describe("The assessor's score for this item."),
  outOfRange: import_zod17.z.enum(["clamp", "error"]).optional().describe("A score outside [min, max]: clamp into it with a warning (default), or refuse the evidence.")
}).strict().describe("A score the assessor gives within [min, max].");
var judged = {
  kind: "judged",
  schema: Judged,
  refs: (item, r, at) => r.fact(item.fact, [...at, "fact"], `judged item "${item.id}"`, NUMERIC_FACTS),
  emit(item, g) {
    const record = g.slots(1);
    const v = g.local("v");
    const { max: max2, min: min2 } = g.node;
    const range = `[${T(min2)}, ${T(max2)}]`;
    const shown = `${g.helper("T")}(${v})`;
    g.line(`const ${v} = ${g.number(item.fact)}`);
    record(0, v);
    g.line(`if (${v} < ${g.lit(min2)} || ${v} > ${g.lit(max2)}) {`);
    const at = g.path("facts", item.fact);
    if (item.outOfRange === "error") g.line(g.refuse("EVIDENCE_OUT_OF_RANGE", `${g.str(`Fact "${item.fact}" = `)} + ${shown} + ${g.str(` is outside ${range} for item ${item.id}.`)}`, at));
    else {
      const bound2 = `${g.helper("T")}(${v} < ${g.lit(min2)} ? ${g.lit(min2)} : ${g.lit(max2)})`;
      g.line(g.warn("JUDGED_CLAMPED", `${g.str(`Fact "${item.fact}" = `)} + ${shown} + ${g.str(` is outside ${range}; item ${item.id} takes `)} + ${bound2} + ${g.str(".")}`, at));
    }
    g.line("}");
    g.line(`${g.out} = ${v}`);
  },
  trail: (item, v) => ({ rule: `judged score within [${T(v.node.min)}, ${T(v.node.max)}]`, inputs: { [item.fact]: T(v.slot(0)) }, arithmetic: T(v.slot(0)) })
};

// src/kinds/quota.ts
var import_zod18 = require("zod");
var QuotaItem = import_zod18.z.object({
  kind: import_zod18.z.literal("quota"),
  ...ItemBase,
  quota: Id.describe("A quota declared under quotas."),
  points: Value.describe("Points deducted per unit of shortfall (0 or more)."),
  floor: Value.optional()
}).strict().describe("Points from max minus a per-unit deduction for a quota shortfall.");
var quota2 = {
  kind: "quota",
  schema: QuotaItem,
  refs: (item, r, at) => r.quota(item.quota, [...at, "quota"], `quota item "${item.id}"`),
  check: (item, c, at) => c.positive(item.points, false, `Quota item "${item.id}": points`, [...at, "points"]),
  lint(item, c, path) {
    if (item.floor === void 0)
      c.report("DEDUCTION_WITHOUT_FLOOR", `Item "${item.id}" has no floor: a large enough shortfall of quota "${item.quota}" deducts more than the item's points.`, path, FLOOR_HINT);
  },
  emit(item, g) {
    const record = g.slots(1);
    const short = g.local("short");
    g.line(`const ${short} = ${g.quota(item.quota)}.shortfall`);
    record(0, short);
    g.line(`${g.out} = ${g.helper("max")}(${g.num(item.floor, g.node.min)}, ${g.helper("sub")}(${g.lit(g.node.max)}, ${g.helper("mulInt")}(${g.num(item.points)}, ${short})))`);
  },
  trail(item, v) {
    const o = v.quota(item.quota);
    const [max2, points, floor] = [v.node.max, v.num(item.points), v.num(item.floor, v.node.min)];
    const d = mulInt(points, o.shortfall);
    const quota3 = v.decls.quotas?.find((q) => q.id === item.quota);
    const shortPeriods = o.periods.length ? ` (${o.periods.filter((p) => p.short > 0).map((p) => `${p.period}: ${p.count}/${p.required}`).join(", ") || "none"})` : "";
    return {
      rule: `${T(max2)} \u2212 ${T(points)} per unit short of quota ${item.quota} (${o.required}${quota3?.per ? " per " + quota3.per : ""}), floor ${T(floor)}`,
      inputs: { [quota3?.records ?? item.quota]: `${o.count} counted` },
      arithmetic: `short ${o.shortfall}${shortPeriods} \xD7 ${T(points)} = ${T(d)}; ${T(max2)} \u2212 ${T(d)} = ${T(sub(max2, d))}`
    };
  }
};

// src/kinds/section.ts
var import_zod19 = require("zod");
function sumMax(items) {
  let sum = 0;
  for (const it of items) {
    const m = literalFixed(it.max);
    if (m === void 0) return void 0;
    try {
      sum = add(sum, m);
    } catch {
      return void 0;
    }
  }
  return sum;
}
function checkSum(item, c, at) {
  const max2 = literalFixed(item.max);
  const sum = sumMax(item.items);
  if (max2 === void 0 || sum === void 0) return;
  if (item.cap === true) {
    if (sum < max2)
      c.report("MAX_MISMATCH", `Items add up to ${fmt(sum)}, less than the section's max ${fmt(max2)}, so the section can never reach it; cap: true is for a bonus section whose items add up to more than its max.`, [...at, "max"], `Make max ${fmt(sum)} (and drop cap: true), or raise the items' max so they add up to at least ${fmt(max2)}.`);
  } else if (sum !== max2)
    c.report("MAX_MISMATCH", `Items add up to ${fmt(sum)}, but the section's max is ${fmt(max2)}.`, [...at, "max"], `Make max ${fmt(sum)}, change the items' max, or set cap: true for a bonus section whose items may add up to more.`);
}
function section(item) {
  const schema = import_zod19.z.object({
    kind: import_zod19.z.literal("section"),
    ...ItemBase,
    cap: import_zod19.z.boolean().optional().describe("Children may add up to more than max; the sum is capped at max (a bonus section)."),
    get items() {
      return import_zod19.z.array(item()).min(1);
    }
  }).strict().describe("A section: its score is the sum of its items.");
  return {
    kind: "section",
    schema,
    refs: () => void 0,
    check: checkSum,
    emit: (_, g) => g.line(`${g.out} = ${g.sectionSum()}`),
    trail(s, v) {
      const parts = [];
      let sum = 0;
      let applicable = 0;
      let all2 = 0;
      let dropped = 0;
      for (const c of v.children()) {
        all2 = add(all2, c.max);
        if (c.na) {
          if (c.policy === "zero") {
            applicable = add(applicable, c.max);
            parts.push("0 (\u4E0D\u9069\u7528)");
          } else dropped++;
          continue;
        }
        applicable = add(applicable, c.max);
        sum = add(sum, c.score);
        parts.push(T(c.score));
      }
      const rescale = dropped > 0 ? ` \xD7 ${T(all2)} / ${T(applicable)} (${dropped} item${dropped > 1 ? "s" : ""} \u4E0D\u9069\u7528, rescaled)` : "";
      const capped = s.cap ? `, capped at ${T(v.node.max)}` : "";
      const score2 = v.score;
      return {
        rule: `sum of ${s.items.length} items${capped}`,
        inputs: {},
        arithmetic: `${parts.join(" + ") || "0"} = ${T(sum)}${rescale}`,
        ...dropped > 0 || score2 !== sum ? { bounds: `\u2192 ${T(score2)}${score2 > sum ? "" : ` (within [${T(v.node.min)}, ${T(v.node.max)}])`}` } : {}
      };
    }
  };
}

// src/kinds/weighted.ts
var import_zod20 = require("zod");
var Term = import_zod20.z.object({
  fact: Name.describe("A score fact (another rubric's result) or a number."),
  weight: Value.describe("Its weight, e.g. 0.2."),
  combine: import_zod20.z.enum(["sum", "mean", "min", "max"]).optional().describe("How a list of results is combined first (default mean)."),
  title: import_zod20.z.string().optional()
}).strict();
var Weighted = import_zod20.z.object({ kind: import_zod20.z.literal("weighted"), ...ItemBase, terms: import_zod20.z.array(Term).min(1) }).strict().describe("Composition: other results, each \xD7 its weight, added.");
var weighted = {
  kind: "weighted",
  schema: Weighted,
  refs: (item, r, at) => item.terms.forEach((t, j) => r.fact(t.fact, [...at, "terms", j, "fact"], `a term of weighted item "${item.id}"`, ["score", "number", "rate", "integer"])),
  emit(item, g) {
    const record = g.slots(item.terms.length);
    const s = g.local("s");
    g.line(`let ${s} = 0`);
    item.terms.forEach((t, j) => {
      const v = g.local("v");
      g.line(`const ${v} = ${g.score(t.fact, t.combine ?? "mean")}`);
      record(j, v);
      g.line(`${s} = ${g.helper("add")}(${s}, ${g.helper("mul")}(${v}, ${g.num(t.weight)}))`);
    });
    g.line(`${g.out} = ${s}`);
  },
  trail(item, v) {
    const inputs = {};
    const parts = item.terms.map((t, j) => {
      inputs[t.fact] = T(v.slot(j));
      return `${T(v.slot(j))} \xD7 ${T(v.num(t.weight))}`;
    });
    return { rule: item.terms.map((t) => `${t.fact} \xD7 ${T(v.num(t.weight))}`).join(" + "), inputs, arithmetic: `${parts.join(" + ")} = ${T(v.raw)}` };
  }
};

// src/kinds/index.ts
var itemKinds = {
  section: section(() => Item),
  check: check2,
  judged,
  deduct,
  bands,
  count: count2,
  deductions,
  weighted,
  quota: quota2
};
var Item = import_zod21.z.lazy(
  () => import_zod21.z.discriminatedUnion(
    "kind",
    Object.values(itemKinds).map((k) => k.schema)
  )
);
var kindOf2 = (item) => itemKinds[item.kind];

// src/kinds/rubric.ts
var import_zod24 = require("zod");

// src/model/declarations.ts
var import_zod22 = require("zod");
var ParamBase = { ...Doc, title: Doc.title.optional() };
var Param = import_zod22.z.discriminatedUnion("type", [
  import_zod22.z.object({ type: import_zod22.z.literal("number"), default: Decimal, min: Decimal.optional(), max: Decimal.optional(), ...ParamBase }).strict(),
  import_zod22.z.object({ type: import_zod22.z.literal("rate"), default: Decimal, ...ParamBase }).strict(),
  import_zod22.z.object({ type: import_zod22.z.literal("integer"), default: import_zod22.z.number().int(), min: import_zod22.z.number().int().optional(), max: import_zod22.z.number().int().optional(), ...ParamBase }).strict(),
  import_zod22.z.object({ type: import_zod22.z.literal("boolean"), default: import_zod22.z.boolean(), ...ParamBase }).strict(),
  import_zod22.z.object({ type: import_zod22.z.literal("date"), default: IsoDate, ...ParamBase }).strict(),
  import_zod22.z.object({ type: import_zod22.z.literal("rounding"), default: StepRounding, ...ParamBase }).strict(),
  import_zod22.z.object({ type: import_zod22.z.literal("enum"), values: import_zod22.z.array(import_zod22.z.string().min(1)).min(1), default: import_zod22.z.string(), ...ParamBase }).strict()
]);
var FactBase = {
  ...Doc,
  required: import_zod22.z.boolean().optional().describe("Whether evidence must give this fact (default: the rubric's missing policy decides).")
};
var Fact = import_zod22.z.discriminatedUnion("type", [
  import_zod22.z.object({ type: import_zod22.z.literal("boolean"), ...FactBase }).strict(),
  import_zod22.z.object({ type: import_zod22.z.literal("rate"), ...FactBase }).strict().describe("A proportion from 0 to 1 (87.5% is written 0.875)."),
  import_zod22.z.object({ type: import_zod22.z.literal("number"), min: Decimal.optional(), max: Decimal.optional(), ...FactBase }).strict(),
  import_zod22.z.object({ type: import_zod22.z.literal("integer"), min: import_zod22.z.number().int().optional(), max: import_zod22.z.number().int().optional(), ...FactBase }).strict(),
  import_zod22.z.object({ type: import_zod22.z.literal("date"), ...FactBase }).strict(),
  import_zod22.z.object({ type: import_zod22.z.literal("enum"), values: import_zod22.z.array(import_zod22.z.string().min(1)).min(1), ...FactBase }).strict(),
  import_zod22.z.object({
    type: import_zod22.z.literal("score"),
    rubric: Id.describe("The id of the rubric whose result this is."),
    max: Decimal.describe("The highest score that rubric gives."),
    many: import_zod22.z.boolean().optional().describe("Whether the evidence gives a list of such results (e.g. a centre's agencies)."),
    ...FactBase
  }).strict().describe("Another rubric's result: a number, or that rubric's evidence when the evaluator is linked to it.")
]);
var Field = import_zod22.z.discriminatedUnion("type", [
  import_zod22.z.object({ type: import_zod22.z.literal("string"), title: Text.optional() }).strict(),
  import_zod22.z.object({ type: import_zod22.z.literal("date"), title: Text.optional() }).strict(),
  import_zod22.z.object({ type: import_zod22.z.literal("number"), title: Text.optional() }).strict(),
  import_zod22.z.object({ type: import_zod22.z.literal("integer"), title: Text.optional() }).strict(),
  import_zod22.z.object({ type: import_zod22.z.literal("boolean"), title: Text.optional() }).strict(),
  import_zod22.z.object({ type: import_zod22.z.literal("enum"), values: import_zod22.z.array(import_zod22.z.string().min(1)).min(1), title: Text.optional() }).strict()
]);
var RecordType = import_zod22.z.object({
  ...Doc,
  fields: import_zod22.z.record(Name, Field).describe("The fields each record has."),
  key: Name.optional().describe("The field that identifies one piece across several records (for de-duplication)."),
  date: Name.optional().describe("The date field that places a record in a period.")
}).strict();
var Rounding = import_zod22.z.object({
  places: import_zod22.z.number().int().min(0).max(6).describe("Decimal places kept in a final score."),
  mode: RoundingMode.describe("How the final score is rounded to those places.")
}).strict();
var Period = import_zod22.z.object({
  unit: PeriodUnit.describe("The period one evaluation covers (\u6BCF\u5B63\u5EA6\u8003\u8A55\u4E00\u6B21 \u2192 quarter)."),
  from: IsoDate.optional().describe("First day of the assessed time span."),
  to: IsoDate.optional().describe("Last day of the assessed time span.")
}).strict();
var Rollup = import_zod22.z.object({
  from: PeriodUnit.describe("The period the evidence is given for."),
  to: PeriodUnit.describe("The period the results are combined into."),
  combine: import_zod22.z.enum(["sum", "mean", "min", "max", "last"]).describe("How the period results are combined."),
  missing: import_zod22.z.enum(["error", "skip"]).optional().describe("What a missing period means: error (default), or combine those given."),
  ...Doc,
  title: Doc.title.optional()
}).strict();
var SubjectDecl = import_zod22.z.object({ id: Id, name: Text, note: Text.optional() }).strict();
var Quota = import_zod22.z.object({
  id: Id,
  ...Doc,
  records: Name.describe("The records counted."),
  where: Where.optional(),
  per: PeriodUnit.optional().describe("Counted per period (each month must reach atLeast); none: over the whole assessed span."),
  distinct: import_zod22.z.boolean().optional().describe("Count each piece once (the record type's key), however many records it has."),
  atLeast: Value.describe("The least count for each subject."),
  overrides: import_zod22.z.record(import_zod22.z.string(), Value).optional().describe("Per-subject quotas by subject id (\u793E\u6551\u5C40 \u2265 3)."),
  cohort: import_zod22.z.object({ atLeast: Value, title: import_zod22.z.string().optional() }).strict().optional().describe("A total the whole cohort must reach together (\u5168\u5C40 \u2265 16).")
}).strict();
var Reward = import_zod22.z.object({
  id: Id,
  ...Doc,
  records: Name.describe("The records rewarded."),
  where: Where.optional(),
  category: Name.describe("The field whose value selects the amount."),
  amounts: import_zod22.z.record(import_zod22.z.string(), Value).describe("Yuan per record, by category."),
  dedupe: import_zod22.z.boolean().optional().describe("A piece adopted several times is rewarded once, at its highest amount (by the record type's key).")
}).strict();
var Penalty = import_zod22.z.object({
  id: Id,
  ...Doc,
  quota: Id.optional().describe("A quota: the amount is charged per unit of shortfall."),
  fact: Name.optional().describe("Or an integer fact counting the faults."),
  amount: Value.describe("Yuan per unit.")
}).strict();
var Money = import_zod22.z.object({
  currency: import_zod22.z.string().optional().describe("Default CNY (\u5143); amounts are exact to the fen."),
  rewards: import_zod22.z.array(Reward).optional(),
  penalties: import_zod22.z.array(Penalty).optional(),
  note: Doc.note
}).strict();

// src/kinds/outcome.ts
var import_zod23 = require("zod");
var Gate = import_zod23.z.object({
  id: Id,
  ...Doc,
  when: Condition.describe("What must hold."),
  bars: import_zod23.z.array(Text).optional().describe("Only these grades are barred when it fails (a veto on \u5148\u9032); an empty list makes the gate advisory (reported, barring nothing). Without bars, failing makes the subject ineligible for every grade.")
}).strict();
var Threshold = import_zod23.z.object({
  grade: Text.describe("The grade given."),
  min: Value.optional().describe("The least total score for it (inclusive). None: any score."),
  requires: Condition.optional().describe("A further condition for this grade (e.g. held the lower level a year)."),
  source: Doc.source,
  note: Doc.note
}).strict();
var RankedQuota = import_zod23.z.object({
  grade: Text,
  count: import_zod23.z.union([import_zod23.z.number().int().min(0), import_zod23.z.object({ min: import_zod23.z.number().int().min(0), max: import_zod23.z.number().int().min(0) }).strict()]).describe("How many subjects get the grade: a number, or a range {min, max} (\u512A\u79C0 2\u20133)."),
  take: import_zod23.z.enum(["max", "min"]).optional().describe("With a range: give up to max (default) or only min."),
  minScore: Value.optional().describe("The least total score for the grade, whatever the rank."),
  ties: import_zod23.z.enum(["within-range", "include", "exclude"]).optional().describe("Subjects tied at the boundary: within-range (default) = all of them if that stays within the range, else none if that still reaches min, else all; include = always all; exclude = never the tied group."),
  source: Doc.source,
  note: Doc.note
}).strict();
var Grades = import_zod23.z.object({
  order: import_zod23.z.array(Text).min(1).describe("Every grade, best first."),
  quotas: import_zod23.z.array(RankedQuota).optional().describe("Ranked quotas over a cohort, applied best grade first."),
  thresholds: import_zod23.z.array(Threshold).optional().describe("For the rest: the first whose min and requires hold."),
  ineligible: Text.optional().describe("The grade of a subject that fails a gate (default: none)."),
  source: Doc.source,
  note: Doc.note
}).strict();

// src/kinds/rubric.ts
var Rubric = import_zod24.z.object({
  $schema: import_zod24.z.string().optional(),
  kaoping: import_zod24.z.literal(1).describe("The rubric language version."),
  id: Id.describe("The rubric id, named for issuer and year (xuzhou-statistics-2017)."),
  ...Doc,
  issuer: Text.optional().describe("Who issued the method."),
  document: Text.optional().describe("The document number (\u6587\u865F)."),
  effective: import_zod24.z.object({ from: IsoDate, until: IsoDate.optional() }).strict().optional().describe("When this version is in force (from and until, both included)."),
  subjects: import_zod24.z.object({ title: Text, list: import_zod24.z.array(SubjectDecl).optional() }).strict().optional().describe("Who is assessed; a list fixes the cohort (and lets evidence be checked against it)."),
  period: Period.optional(),
  rollup: import_zod24.z.array(Rollup).optional().describe("How period results combine (quarter \u2192 year by mean)."),
  total: Decimal.describe("The most points in all; the top-level items must add up to it."),
  rounding: Rounding.optional().describe("How the final score is rounded (default 2 places, half-up)."),
  missing: import_zod24.z.enum(["error", "zero"]).optional().describe("What a fact missing from the evidence means: error (default), or 0 / false with a warning."),
  notApplicable: import_zod24.z.enum(["rescale", "zero"]).optional().describe("Default policy for items marked \u4E0D\u9069\u7528 (default rescale)."),
  params: import_zod24.z.record(Name, Param).optional(),
  facts: import_zod24.z.record(Name, Fact).optional(),
  records: import_zod24.z.record(Name, RecordType).optional(),
  quotas: import_zod24.z.array(Quota).optional(),
  gates: import_zod24.z.array(Gate).optional(),
  items: import_zod24.z.array(Item).describe("The scored items (may be empty for a method that only counts quotas and money)."),
  grades: Grades.optional(),
  money: Money.optional(),
  notes: import_zod24.z.array(import_zod24.z.object({ about: Text, note: Text, source: Text.optional() }).strict()).optional().describe("Ambiguities settled at rubric level.")
}).strict();

// src/validate/checker.ts
function defaultValue(p) {
  if (p.type === "rounding" || p.type === "enum") return typeof p.default === "string" ? p.default : void 0;
  let x;
  if (p.type === "integer") x = Number.isSafeInteger(p.default) && Math.abs(p.default) <= Number.MAX_SAFE_INTEGER / 1e6 ? fromInt(p.default) : void 0;
  else if (p.type === "number" || p.type === "rate") x = literalFixed(p.default);
  if (x === void 0) return void 0;
  if (p.type === "rate" && (x < 0 || x > ONE)) return void 0;
  if (p.type === "number" || p.type === "integer") {
    const lo = p.min === void 0 ? void 0 : literalFixed(p.min);
    const hi = p.max === void 0 ? void 0 : literalFixed(p.max);
    if (lo !== void 0 && x < lo || hi !== void 0 && x > hi) return void 0;
  }
  return x;
}
function makeChecker(decls, out, options = {}) {
  const param = (v) => {
    if (v === null || typeof v !== "object" || !("param" in v)) return void 0;
    const name = v.param;
    return typeof name === "string" ? own(decls.params, name) : void 0;
  };
  const override = (v) => {
    const name = v.param;
    return options.params && Object.prototype.hasOwnProperty.call(options.params, name) ? options.params[name] : void 0;
  };
  const value = (v) => {
    const p = param(v);
    if (p === void 0) return v !== null && typeof v === "object" ? void 0 : literalFixed(v);
    if (p.type !== "number" && p.type !== "rate" && p.type !== "integer") return void 0;
    const o = override(v);
    if (typeof o === "number") return o;
    const d = defaultValue(p);
    return typeof d === "number" ? d : void 0;
  };
  const word = (v) => {
    if (typeof v === "string") return v;
    const p = param(v);
    if (p === void 0) return void 0;
    const o = override(v);
    if (typeof o === "string") return o;
    const d = defaultValue(p);
    return typeof d === "string" ? d : void 0;
  };
  const report = (code, message, path, hint) => out.push(makeDiagnostic(code, message, { path, ...hint !== void 0 ? { hint } : {} }));
  const bad = (message, path, hint) => report("SCHEMA_INVALID_VALUE", message, path, hint);
  const at = (path, key) => [...path, ...key.split(".").map((k) => /^\d+$/.test(k) ? Number(k) : k)];
  const checker = {
    decls,
    value,
    word,
    fact: (name) => own(decls.facts, name),
    records: (name) => own(decls.records, name),
    bad,
    report,
    oneOf(o, keys, what, path) {
      const present = keys.filter((k) => o[k] !== void 0);
      if (present.length === 0) bad(`${what} needs exactly one of ${keys.join(" or ")}; it has neither.`, path);
      else if (present.length === 2) bad(`${what} has both ${keys[0]} and ${keys[1]}; give exactly one of them.`, [...path, keys[1]]);
    },
    ordered(lo, hi, what, path) {
      const a = value(lo);
      const b = value(hi);
      if (a !== void 0 && b !== void 0 && a > b) bad(`${what}: ${fmt(a)} is greater than ${fmt(b)}.`, path);
    },
    needsField(list2, field, what, path) {
      const rt = list2 === void 0 ? void 0 : own(decls.records, list2);
      if (rt && rt[field] === void 0) bad(`${what} needs records "${list2}" to declare a ${field} field (records.${list2}.${field}).`, path, `Add \`${field}: <field name>\` to records.${list2}.`);
    },
    outsideDomain(name, values, path) {
      const f = own(decls.facts, name);
      if (!isNumericFact(f)) return;
      const d = domainOf(f);
      if (!d || d.lo === void 0 && d.hi === void 0) return;
      for (const [key, raw] of values) {
        if (raw === void 0) continue;
        const v = value(raw);
        if (v === void 0 || !(d.lo !== void 0 && v < d.lo || d.hi !== void 0 && v > d.hi)) continue;
        const p = param(raw);
        const shown = p !== void 0 ? ` (the ${override(raw) !== void 0 ? "value" : "default"} of parameter "${String(raw.param)}")` : "";
        bad(
          `${key.split(".")[0]} ${fmt(v)}${shown} is outside the values fact "${name}" can take: it is ${d.what}.`,
          p !== void 0 ? [...at(path, key), "param"] : at(path, key),
          f.type === "rate" ? "Write rates as decimals from 0 to 1: 95% is 0.95, 40.5% is 0.405." : `Compare with a value within the fact's range, or change the fact's min/max.`
        );
      }
    },
    notAbove(max2, raw, what, itemId, path) {
      const x = value(raw);
      if (max2 !== void 0 && x !== void 0 && x > max2)
        report("MAX_MISMATCH", `Item "${itemId}": ${what} ${fmt(x)} is more than its max ${fmt(max2)}.`, param(raw) !== void 0 ? [...path, "param"] : path, `Lower ${what}, or raise max to ${fmt(x)} (and its parent's).`);
    },
    positive(raw, strict, what, path) {
      const x = value(raw);
      if (x === void 0) return;
      if (strict ? x <= 0 : x < 0)
        bad(`${what} must be ${strict ? "greater than 0" : "0 or more"}, not ${fmt(x)}.`, param(raw) !== void 0 ? [...path, "param"] : path);
    }
  };
  return checker;
}

// src/validate/values.ts
function allItems(rubric) {
  const out = [];
  const walk = (items, path, parent) => {
    items.forEach((item, i) => {
      const at = [...path, i];
      out.push({ item, path: at, parent });
      if (item.kind === "section") walk(item.items, [...at, "items"], item);
    });
  };
  walk(rubric.items, ["items"], void 0);
  return out;
}

// src/validate/walk.ts
function defOf(schema) {
  return schema._zod.def;
}
function isPlainObject(v) {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
function has(o, key) {
  return isPlainObject(o) && Object.prototype.hasOwnProperty.call(o, key);
}
function getAt(data, path) {
  let v = data;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === "number") v = v[seg];
    else if (isPlainObject(v) && has(v, String(seg))) v = v[String(seg)];
    else return void 0;
  }
  return v;
}
var WRAPPERS = /* @__PURE__ */ new Set(["optional", "nullable", "default", "prefault", "nonoptional", "readonly", "catch", "success"]);
function unwrap(schema) {
  let s = schema;
  for (let i = 0; i < 50; i++) {
    const def = defOf(s);
    if (WRAPPERS.has(def.type)) s = def.innerType;
    else if (def.type === "lazy") s = s._zod.innerType ?? def.getter();
    else if (def.type === "pipe") s = def.in;
    else return s;
  }
  return s;
}
function unionOption(def, value) {
  const options = def.options;
  if (typeof def.discriminator === "string" && isPlainObject(value)) {
    const d = value[def.discriminator];
    for (const o of options) {
      const values = o._zod.propValues?.[def.discriminator];
      if (values?.has(d)) return o;
    }
    return void 0;
  }
  return options.find((o) => o.safeParse(value).success);
}
function walkSchema(schema, data, visit2, path = []) {
  const def = defOf(schema);
  visit2(def, data, path);
  if (data === void 0) return;
  if (WRAPPERS.has(def.type)) return walkSchema(def.innerType, data, visit2, path);
  if (def.type === "lazy") return walkSchema(unwrap(schema), data, visit2, path);
  if (def.type === "pipe") return walkSchema(def.in, data, visit2, path);
  if (def.type === "union") {
    const o = unionOption(def, data);
    if (o !== void 0) walkSchema(o, data, visit2, path);
    return;
  }
  if (def.type === "object" && isPlainObject(data)) {
    const shape = def.shape;
    for (const key of Object.keys(shape)) if (has(data, key)) walkSchema(shape[key], data[key], visit2, [...path, key]);
    return;
  }
  if (def.type === "record" && isPlainObject(data)) {
    for (const key of Object.keys(data)) walkSchema(def.valueType, data[key], visit2, [...path, key]);
    return;
  }
  if (def.type === "array" && Array.isArray(data)) {
    data.forEach((v, i) => walkSchema(def.element, v, visit2, [...path, i]));
    return;
  }
  if (def.type === "tuple" && Array.isArray(data)) {
    const items = def.items;
    data.forEach((v, i) => {
      const s = items[i] ?? def.rest;
      if (s) walkSchema(s, v, visit2, [...path, i]);
    });
  }
}
function objectSchemasAt(root, data, path) {
  let current = [root];
  for (let i = 0; i <= path.length; i++) {
    const here = getAt(data, path.slice(0, i));
    const expanded = [];
    const queue = [...current];
    while (queue.length) {
      const def = defOf(unwrap(queue.shift()));
      if (def.type === "union") {
        const chosen = typeof def.discriminator === "string" ? unionOption(def, here) : void 0;
        queue.push(...chosen !== void 0 ? [chosen] : def.options);
      } else expanded.push(def);
    }
    if (i === path.length) return expanded.filter((d) => d.type === "object");
    const seg = path[i];
    const next = [];
    for (const def of expanded) {
      if (def.type === "object" && typeof seg === "string" && has(def.shape, seg)) next.push(def.shape[seg]);
      else if (def.type === "record" && typeof seg === "string") next.push(def.valueType);
      else if (def.type === "array" && typeof seg === "number") next.push(def.element);
      else if (def.type === "tuple" && typeof seg === "number" && (def.items[seg] ?? def.rest)) next.push(def.items[seg] ?? def.rest);
    }
    current = next;
  }
  return [];
}
function allowedKeysAt(root, data, path) {
  const objects = objectSchemasAt(root, data, path);
  const value = getAt(data, path);
  const keys = isPlainObject(value) ? Object.keys(value) : [];
  let best = -1;
  let chosen = [];
  for (const o of objects) {
    const score2 = keys.filter((k) => has(o.shape, k)).length;
    if (score2 > best) {
      best = score2;
      chosen = [o];
    } else if (score2 === best) chosen.push(o);
  }
  return [...new Set(chosen.flatMap((o) => Object.keys(o.shape)))];
}
function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_2, j) => i === 0 ? j : j === 0 ? i : 0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
    }
  }
  return d[a.length][b.length];
}
function closest(word, candidates) {
  let best;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== void 0 && bestD <= Math.max(1, Math.floor(Math.max(word.length, best.length) / 3)) ? best : void 0;
}
var didYouMean = (word, candidates) => {
  const c = closest(word, candidates);
  return c === void 0 ? "" : `; did you mean "${c}"?`;
};
var DECIMAL2 = defOf(Decimal);
var VALUE = defOf(Value);
var DATE_VALUE = defOf(DateValue);
var PARAM_REF = defOf(ParamRef);
var ISO_DATE = defOf(IsoDate);
var CONDITION = defOf(Condition);
var STEP_ROUNDING = defOf(StepRounding);
function paramExpect(def) {
  if (def === VALUE) return "number";
  if (def === DATE_VALUE) return "date";
  const options = def.options.map((o) => defOf(o));
  if (options.includes(DECIMAL2) || options.includes(VALUE)) return "number";
  if (options.includes(ISO_DATE)) return "date";
  if (options.includes(STEP_ROUNDING)) return "rounding";
  return "any";
}
function scanRubric(rubricSchema, rubric) {
  const scan = { decimals: [], params: [], dates: [], conditions: [] };
  walkSchema(rubricSchema, rubric, (def, value, path) => {
    if (value === void 0) return;
    if (def === DECIMAL2) scan.decimals.push({ value, path });
    else if (def === ISO_DATE && typeof value === "string") scan.dates.push({ value, path });
    else if (def === CONDITION && isPlainObject(value)) scan.conditions.push({ cond: value, path });
    else if (def.type === "union" && isPlainObject(value) && typeof value.param === "string") {
      if (def.options.some((o) => defOf(o) === PARAM_REF)) scan.params.push({ name: value.param, path, expect: paramExpect(def) });
    }
  });
  return scan;
}

// src/validate/refs.ts
function collectRefs(rubric, conditions) {
  const refs = [];
  const sink = {
    fact: (name, path, use, types, role) => refs.push({ kind: "fact", name, path, use, ...types ? { types } : {}, ...role ? { role } : {} }),
    records: (name, path, use) => refs.push({ kind: "records", name, path, use }),
    where(w, list2, at) {
      if (w) for (const k of Object.keys(w)) refs.push({ kind: "field", name: k, path: [...at, "where", k], use: "where", records: list2 });
    },
    field: (name, list2, path, use, fieldType) => refs.push({ kind: "field", name, path, use, records: list2, ...fieldType === "date" ? { fieldType } : {} }),
    quota: (name, path, use) => refs.push({ kind: "quota", name, path, use }),
    item: (name, path, use) => refs.push({ kind: "item", name, path, use })
  };
  for (const { item, path } of allItems(rubric)) kindOf2(item).refs(item, sink, path);
  for (const { cond, path } of conditions) formOf(cond).refs(cond, sink, path);
  (rubric.quotas ?? []).forEach((q, i) => {
    sink.records(q.records, ["quotas", i, "records"], `quota "${q.id}"`);
    sink.where(q.where, q.records, ["quotas", i]);
  });
  for (const [name, rt] of Object.entries(rubric.records ?? {})) {
    if (rt.key !== void 0) sink.field(rt.key, name, ["records", name, "key"], "key");
    if (rt.date !== void 0) sink.field(rt.date, name, ["records", name, "date"], "date", "date");
  }
  ;
  (rubric.money?.rewards ?? []).forEach((r, i) => {
    const at = ["money", "rewards", i];
    sink.records(r.records, [...at, "records"], `reward "${r.id}"`);
    sink.where(r.where, r.records, at);
    sink.field(r.category, r.records, [...at, "category"], "category");
  });
  (rubric.money?.penalties ?? []).forEach((p, i) => {
    const at = ["money", "penalties", i];
    if (p.quota !== void 0) sink.quota(p.quota, [...at, "quota"], `penalty "${p.id}"`);
    if (p.fact !== void 0) sink.fact(p.fact, [...at, "fact"], `penalty "${p.id}"`, ["integer", "number"], "count");
  });
  const g = rubric.grades;
  if (g) {
    ;
    (g.thresholds ?? []).forEach((t, i) => refs.push({ kind: "grade", name: t.grade, path: ["grades", "thresholds", i, "grade"], use: "a threshold" }));
    (g.quotas ?? []).forEach((q, i) => refs.push({ kind: "grade", name: q.grade, path: ["grades", "quotas", i, "grade"], use: "a ranked quota" }));
    if (g.ineligible !== void 0) refs.push({ kind: "grade", name: g.ineligible, path: ["grades", "ineligible"], use: "ineligible" });
    (rubric.gates ?? []).forEach((gate, i) => (gate.bars ?? []).forEach((b, k) => refs.push({ kind: "grade", name: b, path: ["gates", i, "bars", k], use: `gate "${gate.id}"` })));
  }
  return refs;
}
var article = (t) => /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
var list = (names) => names.length === 0 ? "none" : names.length > 12 ? `${names.slice(0, 12).join(", ")}, \u2026 (${names.length} in all)` : names.join(", ");
function suggest(name, names, what) {
  return didYouMean(name, names) || `; ${what}: ${list(names)}.`;
}
function checkRefs(rubric, refs) {
  const out = [];
  const facts = rubric.facts ?? {};
  const recordTypes = rubric.records ?? {};
  const quotaIds = (rubric.quotas ?? []).map((q) => q.id);
  const itemIds2 = allItems(rubric).map((x) => x.item.id);
  const grades = rubric.grades?.order ?? [];
  for (const r of refs) {
    switch (r.kind) {
      case "fact": {
        const f = own(facts, r.name);
        if (!f) {
          out.push(makeDiagnostic("UNKNOWN_FACT", `Unknown fact "${r.name}" in ${r.use}${suggest(r.name, Object.keys(facts), "declared facts")}`, { path: r.path }));
        } else if (r.types && !r.types.includes(f.type)) {
          out.push(
            makeDiagnostic("SCHEMA_INVALID_VALUE", `Fact "${r.name}" is ${article(f.type)} fact, but ${r.use} needs ${r.types.map(article).join(" or ")} fact.`, {
              path: r.path,
              hint: `Use a fact of type ${r.types.join(" or ")}, or change the type of "${r.name}" under facts.`
            })
          );
        }
        break;
      }
      case "records":
        if (!own(recordTypes, r.name)) out.push(makeDiagnostic("UNKNOWN_RECORDS", `Unknown records "${r.name}" in ${r.use}${suggest(r.name, Object.keys(recordTypes), "declared records")}`, { path: r.path }));
        break;
      case "quota":
        if (!quotaIds.includes(r.name)) out.push(makeDiagnostic("UNKNOWN_QUOTA", `Unknown quota "${r.name}" in ${r.use}${suggest(r.name, quotaIds, "declared quotas")}`, { path: r.path }));
        break;
      case "item":
        if (!itemIds2.includes(r.name)) out.push(makeDiagnostic("UNKNOWN_ITEM", `Unknown item "${r.name}" in ${r.use}${didYouMean(r.name, itemIds2) || '; use "total" or the id of an item.'}`, { path: r.path }));
        break;
      case "grade":
        if (!grades.includes(r.name)) out.push(makeDiagnostic("UNKNOWN_GRADE", `Unknown grade "${r.name}" in ${r.use}${suggest(r.name, grades, "grades.order lists")}`, { path: r.path }));
        break;
      case "field": {
        const rt = own(recordTypes, r.records);
        if (!rt) break;
        const f = own(rt.fields, r.name);
        if (!f) out.push(makeDiagnostic("UNKNOWN_FIELD", `Records "${r.records}" have no field "${r.name}" (used as ${r.use})${suggest(r.name, Object.keys(rt.fields), "fields")}`, { path: r.path }));
        else if (r.fieldType && f.type !== r.fieldType)
          out.push(makeDiagnostic("UNKNOWN_FIELD", `Field "${r.name}" of records "${r.records}" is ${article(f.type)} field, but ${r.use} must name a date field.`, { path: r.path, hint: `Name a field of type ${r.fieldType}, or declare "${r.name}" with type: ${r.fieldType}.` }));
      }
    }
  }
  return out;
}

// src/lint/grades.ts
function lintGrades(rubric) {
  const g = rubric.grades;
  if (!g) return [];
  const out = [];
  const valueFixed = (_, v) => makeChecker(rubric, []).value(v);
  const warn = (message, path, hint) => out.push(makeDiagnostic("UNREACHABLE_GRADE", message, { path, hint }));
  const total = literalFixed(rubric.total);
  const given = /* @__PURE__ */ new Set();
  const reported = /* @__PURE__ */ new Set();
  const open = [];
  const quotaGrades = new Set((g.quotas ?? []).map((q) => q.grade));
  (g.thresholds ?? []).forEach((t, i) => {
    if (quotaGrades.has(t.grade)) {
      warn(
        `The threshold for "${t.grade}" is never used: "${t.grade}" has a ranked quota, which alone gives it.`,
        ["grades", "thresholds", i],
        `Remove this threshold; put the score bar in the quota's minScore.`
      );
      reported.add(t.grade);
      return;
    }
    const min2 = t.min === void 0 ? void 0 : valueFixed(rubric, t.min);
    const unknownMin = t.min !== void 0 && min2 === void 0;
    const before = unknownMin ? void 0 : open.find((o) => o.min === void 0 || min2 !== void 0 && o.min <= min2);
    if (before) {
      const b = g.thresholds[before.index];
      const why = before.min === void 0 ? "has neither min nor requires, so it takes every subject that reaches it" : `has no requires and a min of ${fmt(before.min)}, so it takes every subject with ${min2 === void 0 ? "any total" : `${fmt(min2)} or more`} first`;
      warn(
        `The threshold for "${t.grade}" can never apply: the threshold for "${b.grade}" before it ${why}.`,
        ["grades", "thresholds", i],
        "Thresholds are tried in order and the first that holds gives the grade: list them from the highest min to the lowest, with the one without min last."
      );
      reported.add(t.grade);
      return;
    }
    if (min2 !== void 0 && total !== void 0 && min2 > total) {
      warn(`The grade "${t.grade}" needs at least ${fmt(min2)} points, but the total is at most ${fmt(total)}.`, ["grades", "thresholds", i, "min"], `Lower min to at most ${fmt(total)}.`);
      reported.add(t.grade);
      return;
    }
    given.add(t.grade);
    if (t.requires === void 0 && !unknownMin) open.push({ index: i, min: min2 });
  });
  (g.quotas ?? []).forEach((q, i) => {
    const min2 = q.minScore === void 0 ? void 0 : valueFixed(rubric, q.minScore);
    if (min2 !== void 0 && total !== void 0 && min2 > total) {
      warn(`The ranked quota for "${q.grade}" needs a score of at least ${fmt(min2)}, but the total is at most ${fmt(total)}.`, ["grades", "quotas", i, "minScore"], `Lower minScore to at most ${fmt(total)}.`);
      reported.add(q.grade);
      return;
    }
    const max2 = typeof q.count === "number" ? q.count : q.count.max;
    if (max2 > 0) given.add(q.grade);
  });
  if (g.ineligible !== void 0) given.add(g.ineligible);
  g.order.forEach((grade, i) => {
    if (!given.has(grade) && !reported.has(grade))
      warn(`No threshold, ranked quota or ineligible can give the grade "${grade}".`, ["grades", "order", i], `Add a threshold or ranked quota for "${grade}", or remove it from grades.order.`);
  });
  return out;
}

// src/lint/lint-rubric.ts
function lintConstructs(rubric, c) {
  for (const { item, path } of allItems(rubric)) kindOf2(item).lint?.(item, c, path);
}
function lintRubric(rubric) {
  const out = [];
  const scan = scanRubric(Rubric, rubric);
  lintConstructs(rubric, makeChecker(rubric, out));
  out.push(...lintGrades(rubric));
  out.push(...lintMoney(rubric));
  const usedParams = new Set(scan.params.map((p) => p.name));
  for (const name of Object.keys(rubric.params ?? {}))
    if (!usedParams.has(name)) out.push(makeDiagnostic("UNUSED_PARAM", `The parameter "${name}" is declared but no { param: ${name} } uses it.`, { path: ["params", name] }));
  const usedFacts = new Set(collectRefs(rubric, scan.conditions).flatMap((r) => r.kind === "fact" ? [r.name] : []));
  for (const name of Object.keys(rubric.facts ?? {}))
    if (!usedFacts.has(name)) out.push(makeDiagnostic("UNUSED_FACT", `The fact "${name}" is declared but nothing uses it.`, { path: ["facts", name] }));
  return out;
}
function lintMoney(rubric) {
  const out = [];
  (rubric.money?.rewards ?? []).forEach((r, i) => {
    const field = own(own(rubric.records ?? {}, r.records)?.fields ?? {}, r.category);
    if (field?.type !== "enum") return;
    const at = ["money", "rewards", i, "amounts"];
    const filter = r.where?.[r.category];
    const selected = filter === void 0 ? field.values : field.values.filter((v) => (Array.isArray(filter) ? filter : [filter]).map(String).includes(v));
    const missing = selected.filter((v) => !Object.prototype.hasOwnProperty.call(r.amounts, v));
    if (missing.length)
      out.push(
        makeDiagnostic("MONEY_CATEGORY_WITHOUT_AMOUNT", `Reward "${r.id}" has no amount for ${missing.map((v) => `"${v}"`).join(", ")} (values of ${r.records}.${r.category}).`, {
          path: at,
          hint: `Add an amount (yuan per record) for each value of ${r.category}, or exclude those values with where.`
        })
      );
    for (const key of Object.keys(r.amounts))
      if (!field.values.includes(key))
        out.push(
          makeDiagnostic("MONEY_CATEGORY_WITHOUT_AMOUNT", `Reward "${r.id}" gives an amount for "${key}", which is not a value of ${r.records}.${r.category} (${field.values.join(", ")}).`, {
            path: [...at, key],
            hint: `Use one of the values of ${r.category}, or add "${key}" to its values.`
          })
        );
  });
  return out;
}

// src/validate/params.ts
var NUMBER_TYPES = ["number", "rate", "integer"];
var EXPECTED_TYPES = { number: NUMBER_TYPES, date: ["date"], rounding: ["rounding"] };
function checkParamRefs(rubric, scan) {
  const out = [];
  const params = rubric.params ?? {};
  for (const ref of scan.params) {
    const p = own(params, ref.name);
    if (!p) {
      out.push(makeDiagnostic("UNKNOWN_PARAM", `Unknown parameter "${ref.name}"${didYouMean(ref.name, Object.keys(params)) || `; declared params: ${Object.keys(params).join(", ") || "none"}.`}`, { path: [...ref.path, "param"] }));
      continue;
    }
    const want = EXPECTED_TYPES[ref.expect];
    if (want && !want.includes(p.type)) {
      const what = ref.expect === "number" ? "a number (a number, rate or integer parameter)" : ref.expect === "date" ? "a date (a date parameter)" : "a step rounding (a rounding parameter)";
      out.push(makeDiagnostic("PARAM_TYPE", `Parameter "${ref.name}" is of type ${p.type}, but ${what} is needed here.`, { path: [...ref.path, "param"] }));
    }
  }
  return out;
}
function checkParamDefaults(rubric) {
  const out = [];
  for (const [name, p] of Object.entries(rubric.params ?? {})) {
    const at = ["params", name];
    const bad = (why, key = "default") => out.push(makeDiagnostic("PARAM_TYPE", `Parameter "${name}": ${why}`, { path: [...at, key] }));
    switch (p.type) {
      case "rate": {
        const v = literalFixed(p.default);
        if (v !== void 0 && (v < 0 || v > ONE)) bad(`the default ${fmt(v)} is not a rate from 0 to 1 (write 87.5% as 0.875).`);
        break;
      }
      case "number":
      case "integer": {
        const v = literalFixed(p.default);
        const lo = p.min === void 0 ? void 0 : literalFixed(p.min);
        const hi = p.max === void 0 ? void 0 : literalFixed(p.max);
        if (lo !== void 0 && hi !== void 0 && lo > hi) bad(`min ${fmt(lo)} is greater than max ${fmt(hi)}.`, "min");
        else if (v !== void 0 && lo !== void 0 && v < lo) bad(`the default ${fmt(v)} is below its min ${fmt(lo)}.`);
        else if (v !== void 0 && hi !== void 0 && v > hi) bad(`the default ${fmt(v)} is above its max ${fmt(hi)}.`);
        break;
      }
      case "enum":
        if (!p.values.includes(p.default)) bad(`the default "${p.default}" is not one of its values (${p.values.join(", ")}).`);
        break;
      case "date":
        if (parseDay(p.default) === void 0) bad(`the default ${p.default} is not a calendar date.`);
        break;
    }
  }
  return out;
}
function decimalProblem(v) {
  if (literalFixed(v) !== void 0) return void 0;
  const text = typeof v === "number" ? String(v) : String(v).trim();
  if (typeof v === "number" && !Number.isFinite(v)) return `${text} is not a finite number`;
  const m = /^[+-]?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (m) {
    const frac = (m[2] ?? "").replace(/0+$/, "").length - Number(m[3] ?? 0);
    if (frac > PLACES) return `${text} has more than ${PLACES} decimal places`;
    return `${text} is too large (at most ${Number.MAX_SAFE_INTEGER / 1e6})`;
  }
  return `${text} is not an exact decimal number`;
}
function checkLiterals(scan) {
  const out = [];
  const check3 = (value, path) => {
    const why = decimalProblem(value);
    if (why) out.push(makeDiagnostic("SCHEMA_INVALID_VALUE", `${why[0].toUpperCase()}${why.slice(1)}; rubric numbers are exact decimals with at most ${PLACES} places.`, { path, hint: why.includes("decimal places") ? `Round the number to at most ${PLACES} decimal places.` : "Write an exact decimal number within range." }));
  };
  for (const d of scan.decimals) check3(d.value, d.path);
  for (const { cond, path } of scan.conditions) {
    if (typeof cond.fact !== "string") continue;
    if (typeof cond.is === "number") check3(cond.is, [...path, "is"]);
    if (Array.isArray(cond.in)) cond.in.forEach((v, i) => typeof v === "number" && check3(v, [...path, "in", i]));
  }
  for (const d of scan.dates)
    if (d.path[0] !== "params" && parseDay(d.value) === void 0) out.push(makeDiagnostic("SCHEMA_INVALID_VALUE", `${d.value} is not a calendar date.`, { path: d.path, hint: "Write an existing date as YYYY-MM-DD." }));
  return out;
}

// src/validate/rules.ts
var UNITS = ["month", "quarter", "half", "year"];
function checkConstructs(rubric, scan, c) {
  for (const { item, path } of allItems(rubric)) {
    const what = `${item.kind[0].toUpperCase()}${item.kind.slice(1)} item "${item.id}"`;
    if (item.min !== void 0) c.ordered(item.min, item.max, `${what} has min above max`, [...path, "min"]);
    if (item.otherwise !== void 0) c.notAbove(c.value(item.max), item.otherwise, "otherwise", item.id, [...path, "otherwise"]);
    kindOf2(item).check?.(item, c, path);
  }
  for (const { cond, path } of scan.conditions) formOf(cond).check?.(cond, c, path);
}
function checkRules(rubric, scan, params) {
  const out = [];
  const c = makeChecker(rubric, out, params ? { params } : {});
  checkConstructs(rubric, scan, c);
  (rubric.quotas ?? []).forEach((q, i) => {
    if (q.per !== void 0) c.needsField(q.records, "date", `Quota "${q.id}" per ${q.per}`, ["quotas", i, "per"]);
    if (q.distinct === true) c.needsField(q.records, "key", `Quota "${q.id}" counts distinct pieces`, ["quotas", i, "distinct"]);
    c.positive(q.atLeast, false, `Quota "${q.id}": atLeast`, ["quotas", i, "atLeast"]);
    for (const [id, v] of Object.entries(q.overrides ?? {})) c.positive(v, false, `Quota "${q.id}": the override for ${id}`, ["quotas", i, "overrides", id]);
  });
  (rubric.money?.rewards ?? []).forEach((r, i) => r.dedupe === true && c.needsField(r.records, "key", `Reward "${r.id}" dedupes`, ["money", "rewards", i, "dedupe"]));
  (rubric.money?.penalties ?? []).forEach((p, i) => c.oneOf(p, ["quota", "fact"], `Penalty "${p.id}"`, ["money", "penalties", i]));
  (rubric.grades?.quotas ?? []).forEach((q, i) => {
    if (typeof q.count === "object" && q.count.min > q.count.max) c.bad(`The ranked quota for "${q.grade}" has count.min ${q.count.min} above count.max ${q.count.max}.`, ["grades", "quotas", i, "count", "min"]);
  });
  for (const [name, f] of Object.entries(rubric.facts ?? {}))
    if ((f.type === "number" || f.type === "integer") && f.min !== void 0 && f.max !== void 0) c.ordered(f.min, f.max, `Fact "${name}" has min above max`, ["facts", name, "min"]);
  const e = rubric.effective;
  if (e?.until !== void 0 && e.from > e.until) c.bad(`effective.from ${e.from} is after effective.until ${e.until}.`, ["effective", "until"]);
  const per = rubric.period;
  if (per?.from !== void 0 && per.to !== void 0 && per.from > per.to) c.bad(`period.from ${per.from} is after period.to ${per.to}.`, ["period", "to"]);
  let prev = rubric.period?.unit;
  (rubric.rollup ?? []).forEach((r, i) => {
    if (prev !== void 0 && r.from !== prev)
      c.bad(`Rollup level ${i} combines ${r.from} results, but the ${i === 0 ? "period unit" : "previous level gives"} ${prev} results; each level must start where the one before ends.`, ["rollup", i, "from"]);
    if (UNITS.indexOf(r.to) <= UNITS.indexOf(r.from)) c.bad(`Rollup level ${i} goes from ${r.from} to ${r.to}; it must combine into a longer period (month < quarter < half < year).`, ["rollup", i, "to"]);
    prev = r.to;
  });
  return out;
}

// src/validate/structure.ts
function checkDuplicates(rubric) {
  const out = [];
  const seen = /* @__PURE__ */ new Map();
  const define = (id, path, what) => {
    const first = seen.get(id);
    if (first === void 0) seen.set(id, { path, what });
    else
      out.push(
        makeDiagnostic("DUPLICATE_ID", `The id "${id}" of this ${what} is already used by ${first.what === what ? "another" : "a"} ${first.what}.`, {
          path,
          related: [{ message: "First defined here.", path: first.path }]
        })
      );
  };
  for (const { item, path } of allItems(rubric)) {
    define(item.id, [...path, "id"], "item");
    for (const inner of kindOf2(item).ids?.(item, path) ?? []) define(inner.id, inner.path, inner.what);
  }
  ;
  (rubric.gates ?? []).forEach((g, i) => define(g.id, ["gates", i, "id"], "gate"));
  (rubric.quotas ?? []).forEach((q, i) => define(q.id, ["quotas", i, "id"], "quota"));
  (rubric.money?.rewards ?? []).forEach((r, i) => define(r.id, ["money", "rewards", i, "id"], "reward"));
  (rubric.money?.penalties ?? []).forEach((p, i) => define(p.id, ["money", "penalties", i, "id"], "penalty"));
  const grades = /* @__PURE__ */ new Map();
  (rubric.grades?.order ?? []).forEach((g, i) => {
    const first = grades.get(g);
    if (first === void 0) grades.set(g, i);
    else out.push(makeDiagnostic("DUPLICATE_ID", `The grade "${g}" is listed twice in grades.order.`, { path: ["grades", "order", i], related: [{ message: "First defined here.", path: ["grades", "order", first] }] }));
  });
  return out;
}
function checkTotal(rubric) {
  const total = literalFixed(rubric.total);
  let top = 0;
  for (const it of rubric.items) {
    const m = literalFixed(it.max);
    try {
      top = m === void 0 || top === void 0 ? void 0 : add(top, m);
    } catch {
      top = void 0;
    }
  }
  if (total === void 0 || top === void 0 || total === top) return [];
  return [makeDiagnostic("MAX_MISMATCH", `Items add up to ${fmt(top)}, but total is ${fmt(total)}.`, { path: ["total"], hint: `Make total ${fmt(top)}, or change the items' max so they add up to ${fmt(total)}.` })];
}
function checkScoreOrder(rubric, scan) {
  const out = [];
  const order2 = /* @__PURE__ */ new Map();
  const byId = /* @__PURE__ */ new Map();
  const idAt = /* @__PURE__ */ new Map();
  let n = 0;
  const visit2 = (items, path) => items.forEach((item, i) => {
    const at = [...path, i];
    if (item.kind === "section") visit2(item.items, [...at, "items"]);
    order2.set(JSON.stringify(at), n);
    idAt.set(JSON.stringify(at), item.id);
    byId.set(item.id, n++);
  });
  visit2(rubric.items, ["items"]);
  for (const { cond, path } of scan.conditions) {
    if (typeof cond.score !== "string" || path[0] !== "items") continue;
    let end = path.length;
    while (end > 1 && !(path[end - 2] === "items" && typeof path[end - 1] === "number")) end--;
    const owner = path.slice(0, end);
    const at = order2.get(JSON.stringify(owner));
    const ref = cond.score === "total" ? void 0 : byId.get(cond.score);
    if (at === void 0 || cond.score !== "total" && ref === void 0) continue;
    if (ref !== void 0 && ref < at) continue;
    const user = idAt.get(JSON.stringify(owner));
    out.push(
      makeDiagnostic("SCHEMA_INVALID_VALUE", `A score condition inside the item tree can only read an item scored before the item that uses it; "${cond.score}" is ${cond.score === "total" ? "the total, scored last" : cond.score === user ? "the item itself" : "scored after"} "${user}".`, {
        path: [...path, "score"],
        hint: "Items are scored children first, in the order written. Refer to one of its own items or an earlier item, or test the score in a gate or a grade threshold, where every score is known."
      })
    );
  }
  return out;
}

// src/validate/zod-issues.ts
var WRONG_TYPE = 1e3;
function label(path) {
  const last = path[path.length - 1];
  if (last === void 0) return "The rubric";
  if (typeof last === "number") {
    const parent = path[path.length - 2];
    return parent === void 0 ? `Entry ${last}` : `Entry ${last} of "${parent}"`;
  }
  return `"${last}"`;
}
function describeValue(v) {
  if (v === void 0) return "nothing";
  if (v === null) return "an empty value (null)";
  if (typeof v === "string") return `the text ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "\u2026" : v)}`;
  if (typeof v === "number") return `the number ${v}`;
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return typeof v;
}
var EXPECTED = {
  number: "a number",
  int: "a whole number",
  string: "text",
  boolean: "true or false",
  array: "a list",
  tuple: "a list",
  object: "a mapping",
  record: "a mapping",
  null: "null",
  undefined: "nothing"
};
var expectedText = (e) => EXPECTED[e] ?? `a ${e}`;
function joinOr(parts) {
  const u = [...new Set(parts)];
  return u.length <= 1 ? u[0] ?? "" : `${u.slice(0, -1).join(", ")} or ${u[u.length - 1]}`;
}
var lcFirst = (s) => /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
var sentence = (s) => /[.?!]$/.test(s) ? s : s + ".";
var FORMS = /* @__PURE__ */ new Map([
  [defOf(Decimal), 'a decimal number (e.g. 0.875 or "0.875")'],
  [defOf(Value), "a decimal number (e.g. 0.875) or a parameter ({ param: name })"],
  [defOf(DateValue), "a date (YYYY-MM-DD), a yearly date (--MM-DD) or a parameter ({ param: name })"],
  [defOf(Condition), "a condition: a mapping with one of fact, count, quota, date, span, order, score, all, any or not"]
]);
function formName(schema) {
  let s = schema;
  for (let i = 0; i < 20 && s !== void 0; i++) {
    const def = defOf(s);
    const name = FORMS.get(def);
    if (name) return name;
    if (def.type === "lazy") s = s._zod.innerType;
    else s = def.innerType ?? (def.type === "pipe" ? def.in : void 0);
  }
  return void 0;
}
var IssueMapper = class {
  constructor(root, data) {
    this.root = root;
    this.data = data;
  }
  root;
  data;
  out = [];
  missing(path) {
    const key = path[path.length - 1];
    if (key === void 0 || typeof key === "number") return false;
    const parent = getAt(this.data, path.slice(0, -1));
    return isPlainObject(parent) && (!has(parent, key) || parent[key] === void 0);
  }
  push(code, message, path, hint) {
    this.out.push(makeDiagnostic(code, message, { path, hint }));
  }
  unknownKey(key, path, allowed) {
    const list2 = allowed.length ? ` Allowed here: ${allowed.join(", ")}.` : "";
    const parent = getAt(this.data, path);
    if (isPlainObject(parent) && parent[key] === null && /[^\x00-\x7f]|\s/.test(key)) {
      const hint = 'Quote text that contains a comma inside { \u2026 } (note: "\u7532,\u4E59"), or write the mapping as indented lines.';
      return void this.out.push(makeDiagnostic("SCHEMA_UNKNOWN_KEY", `Unknown key "${key}" without a value: probably the end of a text cut off at a comma, which separates entries inside { \u2026 }.${list2}`, { path: [...path, key], hint }));
    }
    this.push("SCHEMA_UNKNOWN_KEY", `Unknown key "${key}"${didYouMean(key, allowed) || "."}${list2}`, [...path, key]);
  }
  map(issues, base = []) {
    for (const issue of issues) this.one(issue, base);
  }
  one(issue, base) {
    const path = [...base, ...issue.path.map((p) => typeof p === "symbol" ? String(p) : p)];
    const value = getAt(this.data, path);
    const what = label(path);
    switch (issue.code) {
      case "invalid_type":
        if (this.missing(path)) return this.push("SCHEMA_MISSING_KEY", `Missing key "${String(path[path.length - 1])}".`, path);
        return this.push("SCHEMA_INVALID_TYPE", `${what} must be ${expectedText(issue.expected)}, not ${describeValue(value)}.`, path);
      case "unrecognized_keys": {
        const allowed = allowedKeysAt(this.root, this.data, path);
        for (const key of issue.keys) this.unknownKey(key, path, allowed);
        return;
      }
      case "invalid_union":
        return this.union(issue, path);
      case "invalid_key": {
        const why = issue.issues.map((i) => lcFirst(i.message.replace(/\.$/, ""))).join("; ");
        return this.push("SCHEMA_INVALID_VALUE", `Invalid name "${String(path[path.length - 1])}" under ${label(path.slice(0, -1))}: ${sentence(why)}`, path);
      }
      case "invalid_value": {
        if (this.missing(path)) {
          const key = String(path[path.length - 1]);
          const allowed = issue.values.map((v) => typeof v === "string" ? v : String(v));
          const how = allowed.length === 1 ? `; write ${key}: ${allowed[0]}` : `; one of: ${allowed.join(", ")}`;
          return this.push("SCHEMA_MISSING_KEY", `Missing key "${key}"${how}.`, path);
        }
        const values = issue.values.map((v) => typeof v === "string" ? v : String(v));
        if (values.length === 1) return this.push("SCHEMA_INVALID_VALUE", `${what} must be ${JSON.stringify(issue.values[0])}, not ${describeValue(value)}.`, path);
        const guess = typeof value === "string" ? didYouMean(value, values) : "";
        return this.push("SCHEMA_INVALID_VALUE", `${what} must be one of: ${values.join(", ")}; not ${describeValue(value)}${guess || "."}`, path);
      }
      case "too_small":
      case "too_big": {
        const small = issue.code === "too_small";
        const bound2 = Number(small ? issue.minimum : issue.maximum);
        const inclusive = issue.inclusive !== false;
        let msg;
        if (issue.origin === "array" || issue.origin === "set")
          msg = small ? `${what} needs at least ${bound2} ${bound2 === 1 ? "entry" : "entries"}.` : `${what} has too many entries (at most ${bound2}).`;
        else if (issue.origin === "string")
          msg = small ? bound2 === 1 ? `${what} must not be empty.` : `${what} must be at least ${bound2} characters long.` : `${what} is too long (at most ${bound2} characters).`;
        else
          msg = `${what} must be ${small ? inclusive ? "at least" : "greater than" : inclusive ? "at most" : "less than"} ${bound2}, not ${describeValue(value)}.`;
        return this.push("SCHEMA_INVALID_VALUE", msg, path);
      }
      case "invalid_format": {
        const own2 = issue.message && !/^Invalid/.test(issue.message) ? lcFirst(issue.message) : `it must match the format ${issue.pattern ?? issue.format}`;
        return this.push("SCHEMA_INVALID_VALUE", `${what} is ${describeValue(value)}, which is not valid: ${sentence(own2)}`, path);
      }
      case "custom":
        return this.push("SCHEMA_INVALID_VALUE", `${what} (${describeValue(value)}): ${sentence(lcFirst(issue.message || "invalid value"))}`, path);
      default:
        return this.push("SCHEMA_INVALID_VALUE", `${what}: ${sentence(lcFirst(issue.message || "invalid value"))}`, path);
    }
  }
  union(issue, path) {
    const disc = issue.discriminator;
    if (disc !== void 0 && issue.errors.length === 0 && issue.inclusive !== false) {
      const at = path[path.length - 1] === disc ? path : [...path, disc];
      const options = (issue.options ?? []).map(String);
      const got = getAt(this.data, at);
      if (!isPlainObject(getAt(this.data, at.slice(0, -1))))
        return this.push("SCHEMA_INVALID_TYPE", `${label(at.slice(0, -1))} must be a mapping with "${disc}" (one of: ${options.join(", ")}), not ${describeValue(getAt(this.data, at.slice(0, -1)))}.`, at.slice(0, -1));
      if (got === void 0) return this.push("SCHEMA_MISSING_KEY", `Missing key "${disc}"; ${disc} must be one of: ${options.join(", ")}.`, at);
      const guess = typeof got === "string" ? closest(got, options) : void 0;
      return this.push("SCHEMA_INVALID_VALUE", `${disc} must be one of: ${options.join(", ")} (not ${describeValue(got)}${guess ? `; did you mean "${guess}"?` : ""}).`, at);
    }
    if (issue.inclusive === false) return this.push("SCHEMA_INVALID_VALUE", `${label(path)} matches more than one form; make it unambiguous.`, path);
    if (this.missing(path)) return this.push("SCHEMA_MISSING_KEY", `Missing key "${String(path[path.length - 1])}".`, path);
    const scores = issue.errors.map((b) => this.badness(b, path));
    const min2 = Math.min(...scores);
    const best = issue.errors.filter((_, i) => scores[i] === min2);
    if (best.length === 1 && min2 < WRONG_TYPE) return this.map(best[0], path);
    const value = getAt(this.data, path);
    const form = formName(this.formSchema(path));
    if (min2 >= WRONG_TYPE) {
      const expected = form ?? joinOr(issue.errors.flatMap((b) => this.rootExpected(b)).map(expectedText));
      return this.push("SCHEMA_INVALID_TYPE", `${label(path)} must be ${expected}, not ${describeValue(value)}.`, path);
    }
    const common = commonUnknownKeys(best);
    if (common.length) {
      const allowed = allowedKeysAt(this.root, this.data, path);
      for (const key of common) this.unknownKey(key, path, allowed);
      return;
    }
    const unknown = best.flatMap((b) => b.flatMap((i) => i.code === "unrecognized_keys" && i.path.length === 0 ? i.keys : []));
    if (best.every((b) => b.every((i) => i.code === "unrecognized_keys" && i.path.length === 0))) {
      const keys = [...new Set(unknown)].map((k) => `"${k}"`);
      const tip = form?.startsWith("a condition") ? " (combine several conditions with all or any)" : "";
      return this.push("SCHEMA_INVALID_VALUE", `${label(path)} mixes keys of different forms: ${joinOr(keys).replace(/ or /, " and ")} cannot be used together; use one form per mapping${tip}.`, path);
    }
    if (form) return this.push("SCHEMA_INVALID_VALUE", `${label(path)} is ${describeValue(value)}, which is not ${form}.`, path);
    const msgs = best.map((b) => b.map((i) => lcFirst(i.message.replace(/\.$/, ""))).join(", "));
    return this.push("SCHEMA_INVALID_VALUE", `${label(path)} matches none of its allowed forms; the closest fail with: ${[...new Set(msgs)].join(" / ")}.`, path);
  }
  /** The model schema at `path`, for naming union forms. */
  formSchema(path) {
    let s = this.root;
    for (let i = 0; i < path.length; i++) {
      const def = defOf(unwrap(s));
      const seg = path[i];
      if (def.type === "object" && typeof seg === "string" && has(def.shape, seg)) s = def.shape[seg];
      else if (def.type === "record") s = def.valueType;
      else if (def.type === "array") s = def.element;
      else if (def.type === "tuple" && typeof seg === "number") s = def.items[seg] ?? def.rest;
      else if (def.type === "union") {
        const here = getAt(this.data, path.slice(0, i));
        const picked = typeof def.discriminator === "string" ? unionOption(def, here) : void 0;
        if (picked !== void 0) {
          const o = defOf(unwrap(picked));
          s = o.type === "object" && typeof seg === "string" ? o.shape[seg] : void 0;
          if (s === void 0) return this.root;
          continue;
        }
        const fits = def.options.map((o) => defOf(unwrap(o))).filter((o) => o.type === "object" && typeof seg === "string" && has(o.shape, seg) && isPlainObject(here));
        if (fits.length !== 1) return s;
        s = fits[0].shape[seg];
      } else return s;
      if (s === void 0) return this.root;
    }
    return s;
  }
  rootExpected(branch) {
    return branch.flatMap((i) => i.path.length === 0 && i.code === "invalid_type" ? [i.expected] : i.path.length === 0 && i.code === "invalid_union" ? i.errors.flatMap((b) => this.rootExpected(b)) : []);
  }
  /** How badly a union branch fits the value: the lowest is the branch meant. */
  badness(branch, base) {
    let score2 = 0;
    for (const i of branch) {
      const full = [...base, ...i.path];
      if (i.path.length === 0) {
        if (i.code === "invalid_type") score2 += WRONG_TYPE;
        else if (i.code === "invalid_value") score2 += 100;
        else if (i.code === "unrecognized_keys") score2 += 10 * i.keys.length;
        else if (i.code === "invalid_union") score2 += i.errors.length ? Math.min(...i.errors.map((b) => this.badness(b, full))) : 100;
        else score2 += 5;
      } else if ((i.code === "invalid_type" || i.code === "invalid_union") && this.missing(full)) score2 += 10;
      else score2 += 1;
    }
    return score2;
  }
};
function commonUnknownKeys(branches) {
  const sets = branches.map((b) => new Set(b.flatMap((i) => i.code === "unrecognized_keys" && i.path.length === 0 ? i.keys : [])));
  const [first, ...rest] = sets;
  return first ? [...first].filter((k) => rest.every((s) => s.has(k))) : [];
}
function issuesToDiagnostics(root, data, issues) {
  const m = new IssueMapper(root, data);
  m.map(issues);
  return m.out;
}

// src/validate/validate-rubric.ts
function checkRubric(rubric) {
  const scan = scanRubric(Rubric, rubric);
  return [
    ...checkLiterals(scan),
    ...checkDuplicates(rubric),
    ...checkRefs(rubric, collectRefs(rubric, scan.conditions)),
    ...checkParamRefs(rubric, scan),
    ...checkParamDefaults(rubric),
    ...checkRules(rubric, scan),
    ...checkTotal(rubric),
    ...checkScoreOrder(rubric, scan)
  ];
}
function countItems(data) {
  let n = 0;
  const stack = [data];
  while (stack.length) {
    const v = stack.pop();
    if (!isPlainObject(v) || !Array.isArray(v.items)) continue;
    n += v.items.length;
    for (const item of v.items) stack.push(item);
  }
  return n;
}
function protoKeys(data) {
  const out = [];
  const stack = [{ v: data, path: [] }];
  while (stack.length && out.length < 10) {
    const { v, path } = stack.pop();
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else if (v !== null && typeof v === "object")
      for (const k of Object.keys(v)) {
        if (k === "__proto__") out.push([...path, k]);
        else stack.push({ v: v[k], path: [...path, k] });
      }
  }
  return out;
}
function validateRubric(data, options = {}) {
  const maxItems = options.maxItems ?? DEFAULT_LIMITS.maxItems;
  const items = countItems(data);
  if (items > maxItems) return { rubric: void 0, diagnostics: [limitExceeded("maxItems", maxItems, `The rubric has ${items.toLocaleString("en")} items`, { path: ["items"] })] };
  const proto = protoKeys(data);
  if (proto.length)
    return {
      rubric: void 0,
      diagnostics: proto.map(
        (path) => makeDiagnostic("SCHEMA_UNKNOWN_KEY", 'The key "__proto__" is not allowed anywhere in a rubric: JavaScript tools read it as the prototype of the mapping, not as data.', {
          path,
          hint: 'Rename the key (a category, subject id or name); "__proto__" can never be one.'
        })
      )
    };
  if (!isPlainObject(data)) {
    const got = data === null || data === void 0 ? "empty" : Array.isArray(data) ? "a list" : `a single ${typeof data} value`;
    return { rubric: void 0, diagnostics: [makeDiagnostic("RUBRIC_NOT_OBJECT", `The rubric must be a mapping (kaoping, id, title, total, items, \u2026), but the document is ${got}.`, { path: [] })] };
  }
  const parsed = Rubric.safeParse(data);
  if (!parsed.success) return { rubric: void 0, diagnostics: issuesToDiagnostics(Rubric, data, parsed.error.issues) };
  const diagnostics = checkRubric(parsed.data);
  const failed = diagnostics.some((d) => d.severity === "error");
  return { rubric: failed ? void 0 : parsed.data, shaped: parsed.data, diagnostics };
}

// src/load/source.ts
var import_yaml = require("yaml");
var DEFAULT_MAX_DEPTH = DEFAULT_LIMITS.maxDepth;
function nodeSpan(node) {
  const r = node?.range;
  return r && r.length >= 2 ? { start: r[0], end: r[1] } : void 0;
}
function keyMatches(key, segment) {
  return (0, import_yaml.isScalar)(key) && key.value !== null && typeof key.value !== "object" && String(key.value) === String(segment);
}
function child(doc, node, segment) {
  const n = (0, import_yaml.isAlias)(node) ? node.resolve(doc) : node;
  if ((0, import_yaml.isMap)(n)) {
    const pair = n.items.find((p) => keyMatches(p.key, segment));
    return pair ? { node: pair.value, pair } : void 0;
  }
  if ((0, import_yaml.isSeq)(n)) {
    const i = typeof segment === "number" ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
    return Number.isInteger(i) && i >= 0 && i < n.items.length ? { node: n.items[i] } : void 0;
  }
  return void 0;
}
function stepSpan(step) {
  const value = step.node;
  const valueSpan = nodeSpan(value);
  const empty = value === null || value === void 0 || (0, import_yaml.isScalar)(value) && value.value === null && valueSpan?.start === valueSpan?.end;
  if (empty && (0, import_yaml.isPair)(step.pair)) return nodeSpan(step.pair.key) ?? valueSpan;
  return valueSpan;
}
function locateInDocument(doc, path) {
  let best = nodeSpan(doc.contents) ?? { start: 0, end: 0 };
  let node = doc.contents;
  for (const segment of path) {
    const step = child(doc, node, segment);
    if (!step) break;
    best = stepSpan(step) ?? best;
    node = step.node;
  }
  return best;
}
function locateKeyInDocument(doc, path) {
  if (path.length === 0) return void 0;
  let node = doc.contents;
  for (const segment of path.slice(0, -1)) {
    const step = child(doc, node, segment);
    if (!step) return void 0;
    node = step.node;
  }
  const last = child(doc, node, path[path.length - 1]);
  return last?.pair ? nodeSpan(last.pair.key) : void 0;
}
function createSourceDoc(text, doc, file) {
  const index = lineIndex(text);
  const source = {
    text,
    doc,
    locate: (path) => locateInDocument(doc, path),
    locateKey: (path) => locateKeyInDocument(doc, path),
    position: (offset) => index(offset),
    location: (span2) => spanLocation(index, span2, file)
  };
  if (file !== void 0) source.file = file;
  return source;
}
function located(source, code, message, span2, severity) {
  return makeDiagnostic(code, message, { file: source.file, span: span2, location: source.location(span2), severity });
}
function firstTooDeep(tokens, limit) {
  const stack = tokens.map((token) => ({ token, depth: 0 })).reverse();
  let found;
  while (stack.length) {
    const { token, depth } = stack.pop();
    if (!token) continue;
    if (token.type === "document") {
      stack.push({ token: token.value, depth });
      continue;
    }
    if (token.type !== "block-map" && token.type !== "block-seq" && token.type !== "flow-collection") continue;
    const d = depth + 1;
    if (d > limit) {
      if (found === void 0 || token.offset < found) found = token.offset;
      continue;
    }
    for (const item of token.items) {
      const entry = item;
      if (entry.value) stack.push({ token: entry.value, depth: d });
      if (entry.key) stack.push({ token: entry.key, depth: d });
    }
  }
  return found;
}
function firstFlowTooDeep(text, limit) {
  let brackets = 0;
  for (let i = text.indexOf("["); i !== -1 && brackets <= limit; i = text.indexOf("[", i + 1)) brackets++;
  for (let i = text.indexOf("{"); i !== -1 && brackets <= limit; i = text.indexOf("{", i + 1)) brackets++;
  if (brackets <= limit) return void 0;
  let depth = 0;
  let offset = 0;
  for (const token of new import_yaml.Lexer().lex(text)) {
    if (token.length === 1 && token.charCodeAt(0) < 32 && token !== "\n" && token !== "	" && token !== "\r") continue;
    if (token === "[" || token === "{") {
      if (++depth > limit) return offset;
    } else if (token === "]" || token === "}") depth--;
    offset += token.length;
  }
  return void 0;
}
function compose(tokens, text, options) {
  const composer = new import_yaml.Composer(options);
  let doc;
  for (const next of composer.compose(tokens, true, text.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(new import_yaml.YAMLParseError([next.range[0], next.range[1]], "MULTIPLE_DOCS", "Source contains multiple documents"));
      break;
    }
  }
  return doc;
}
function fromYamlError(source, e, warning) {
  const span2 = { start: e.pos[0], end: Math.max(e.pos[0], e.pos[1]) };
  if (warning) return located(source, "YAML_WARNING", e.message, span2);
  switch (e.code) {
    case "DUPLICATE_KEY": {
      const keySpan = keyAt(source.doc, span2.start) ?? span2;
      const key = source.text.slice(keySpan.start, keySpan.end).trim();
      const message = key ? `Duplicate key "${key}": map keys must be unique.` : "Map keys must be unique.";
      return located(source, "YAML_DUPLICATE_KEY", message, keySpan);
    }
    case "MULTIPLE_DOCS":
      return located(source, "YAML_MULTIPLE_DOCUMENTS", "The file contains more than one YAML document (a second document starts here).", span2);
    case "RESOURCE_EXHAUSTION":
      return located(source, "LIMIT_EXCEEDED", `The YAML is nested too deeply to read: ${e.message}`, span2);
    default: {
      const open = /end with a ([}\]])$/.test(e.message) ? unclosedFlowAt(source.doc, span2.start) : void 0;
      if (open) {
        const d = located(source, "YAML_SYNTAX", `${e.message}: the ${source.text[open.start]} opened here is not closed.`, open);
        d.related = [{ message: "The parser noticed it here.", span: span2, location: source.location(span2) }];
        return d;
      }
      return located(source, "YAML_SYNTAX", e.message, span2);
    }
  }
}
function unclosedFlowAt(doc, offset) {
  let found;
  const check3 = (node) => {
    const n = node;
    if (n.flow && n.range && n.range[1] === offset && n.range[0] < offset && (!found || n.range[0] > found.start)) found = { start: n.range[0], end: n.range[0] + 1 };
  };
  (0, import_yaml.visit)(doc, { Map: (_k, n) => void check3(n), Seq: (_k, n) => void check3(n) });
  return found;
}
function keyAt(doc, offset) {
  let span2;
  (0, import_yaml.visit)(doc, {
    Pair(_key, pair) {
      const keySpan = nodeSpan(pair.key);
      if (keySpan?.start !== offset) return void 0;
      span2 = keySpan;
      return import_yaml.visit.BREAK;
    }
  });
  return span2;
}
function firstAlias(doc, name) {
  let span2;
  (0, import_yaml.visit)(doc, {
    Alias(_key, node) {
      if (name !== void 0 && node.source !== name) return void 0;
      span2 = nodeSpan(node);
      return import_yaml.visit.BREAK;
    }
  });
  return span2;
}
function fromToJsError(source, err, maxAliasCount) {
  const message = err instanceof Error ? err.message : String(err);
  const whole = nodeSpan(source.doc.contents) ?? { start: 0, end: 0 };
  if (/Excessive alias count|Alias resolution is disabled/.test(message)) {
    const text = `Aliases expand to too much data (more than ${maxAliasCount} alias expansions); refusing to load. The limit maxAliasCount is ${maxAliasCount}.`;
    const d = located(source, "YAML_ALIAS_LIMIT", text, firstAlias(source.doc) ?? whole);
    return { ...d, hint: `${d.hint} A trusted file may raise the limit with the option limits: { maxAliasCount: \u2026 } (command line: --limit maxAliasCount=\u2026).` };
  }
  const unresolved = /Unresolved alias.*: (.+)$/.exec(message);
  if (unresolved) {
    const name = unresolved[1];
    return located(source, "YAML_SYNTAX", `Alias *${name} refers to an anchor &${name} that is not defined before it.`, firstAlias(source.doc, name) ?? whole);
  }
  if (err instanceof RangeError) return located(source, "LIMIT_EXCEEDED", `The YAML is nested too deeply to read: ${message}`, whole);
  return located(source, "YAML_SYNTAX", message, whole);
}
function parseYamlSource(text, options = {}) {
  const stripped = text.charCodeAt(0) === 65279 ? text.slice(1) : text;
  const maxAliasCount = options.maxAliasCount ?? DEFAULT_LIMITS.maxAliasCount;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxStringLength = options.maxStringLength ?? DEFAULT_LIMITS.maxStringLength;
  const role = options.role ?? "rubric";
  let index;
  const where = {
    file: options.file,
    location: (span2) => spanLocation(index ??= lineIndex(stripped), span2, options.file)
  };
  const early = textProblem(stripped, options.file, options.maxBytes?.name ?? "maxRubricBytes", options.maxBytes?.value ?? Infinity);
  if (early) return fail([early]);
  const flow = firstFlowTooDeep(stripped, maxDepth);
  const tokens = flow === void 0 ? [...new import_yaml.Parser().parse(stripped)] : [];
  const deep = flow ?? firstTooDeep(tokens, maxDepth);
  if (deep !== void 0) {
    const span2 = { start: deep, end: Math.min(deep + 1, stripped.length) };
    const what = "The YAML is nested deeper than the limit allows (mappings and lists inside each other); it is refused before it is built";
    return fail([limitExceeded("maxDepth", maxDepth, what, { file: options.file, span: span2, location: where.location(span2) })]);
  }
  const doc = compose(tokens, stripped, {
    uniqueKeys: true,
    keepSourceTokens: false,
    version: "1.2",
    schema: "core",
    resolveKnownTags: false
  });
  const source = createSourceDoc(stripped, doc, options.file);
  const errors = doc.errors.filter((e, i) => e.code !== "RESOURCE_EXHAUSTION" || doc.errors.findIndex((f) => f.code === "RESOURCE_EXHAUSTION") === i);
  const ds = [
    ...errors.map((e) => fromYamlError(source, e, false)),
    ...doc.warnings.map((w) => fromYamlError(source, w, true))
  ];
  if (hasErrors(ds)) return fail(ds);
  const scalars = checkScalars(source, maxStringLength, role);
  if (scalars.length) return fail([...ds, ...scalars]);
  let data;
  try {
    data = doc.toJS({ maxAliasCount });
  } catch (err) {
    return fail([...ds, fromToJsError(source, err, maxAliasCount)]);
  }
  return ok({ source, data }, ds);
}
var MAX_SCALAR_PROBLEMS = 20;
function pathOf2(v) {
  const out = [];
  for (let x = v; x?.segment !== void 0; x = x.parent) out.unshift(x.segment);
  return out;
}
function checkScalars(source, maxStringLength, role) {
  const out = [];
  const stack = [{ node: source.doc.contents, parent: void 0, segment: void 0 }];
  while (stack.length && out.length < MAX_SCALAR_PROBLEMS) {
    const v = stack.pop();
    const node = v.node;
    if ((0, import_yaml.isMap)(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        const key = (0, import_yaml.isScalar)(pair.key) ? pair.key.value : void 0;
        const segment = key !== null && key !== void 0 && typeof key !== "object" ? String(key) : i;
        if (pair.value) stack.push({ node: pair.value, parent: v, segment });
        if (pair.key) stack.push({ node: pair.key, parent: v, segment });
      }
    } else if ((0, import_yaml.isSeq)(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], parent: v, segment: i });
    } else if ((0, import_yaml.isScalar)(node)) {
      const span2 = nodeSpan(node);
      if (!span2) continue;
      const value = node.value;
      const at = () => {
        const path = pathOf2(v);
        return path.length ? { path } : {};
      };
      if (typeof value === "string") {
        if (value.length > maxStringLength) {
          out.push(limitExceeded("maxStringLength", maxStringLength, `A string of ${value.length.toLocaleString("en")} characters`, { file: source.file, span: span2, location: source.location(span2), ...at() }));
          continue;
        }
        const m = CONTROL_CHARACTER.exec(value);
        if (m) out.push(located(source, "TEXT_CONTROL_CHARACTER", `The text ${preview(value)} holds the control character ${codePoint(m[0])} (written as an escape); only tabs and line breaks are allowed in text.`, span2));
      } else if (typeof value === "number") {
        const p = numberLiteralProblem(source.text.slice(span2.start, span2.end), value);
        if (p) {
          const d = located(source, numberProblemCode(p, role), `${p.message[0].toUpperCase()}${p.message.slice(1)}.`, span2);
          out.push({ ...d, ...at() });
        }
      }
    }
  }
  return out;
}
function sameFile(file, source) {
  return file === void 0 || source.file === void 0 || file === source.file;
}
function fillRelated(r, source) {
  if (r.location || !r.span && !r.path) return r;
  const span2 = r.span ?? (r.path ? source.locate(r.path) : void 0);
  return span2 ? { ...r, span: span2, location: source.location(span2) } : r;
}
function namesKey(d) {
  if (d.code === "SCHEMA_UNKNOWN_KEY" || d.code === "EVIDENCE_UNKNOWN_FIELD" || d.code === "UNUSED_PARAM" || d.code === "UNUSED_FACT") return true;
  return d.code === "UNKNOWN_FIELD" && d.path !== void 0 && d.path[d.path.length - 2] === "where";
}
function attachLocations(ds, source) {
  return ds.map((d) => {
    if (!sameFile(d.file, source)) return d;
    const out = { ...d };
    if (!out.span && out.path) {
      const keySpan = namesKey(out) ? source.locateKey(out.path) : void 0;
      const span2 = keySpan ?? source.locate(out.path);
      if (span2) out.span = span2;
    }
    if (out.file === void 0 && source.file !== void 0) out.file = source.file;
    if (!out.location && out.span) out.location = source.location(out.span);
    if (out.related) out.related = out.related.map((r) => fillRelated(r, source));
    return out;
  });
}

// src/api/load-rubric.ts
function loadRubric(input, options = {}) {
  const limits = resolveLimits(options.limits);
  if (!limits.ok) return limits;
  const { maxRubricBytes, maxDepth, maxStringLength, maxItems } = limits.value;
  const file = options.file !== void 0 ? { file: options.file } : {};
  let text;
  if (typeof input === "string") text = input;
  else {
    if (input.length > maxRubricBytes) return fail([limitExceeded("maxRubricBytes", maxRubricBytes, `The rubric file is ${input.length.toLocaleString("en")} bytes long`, file)]);
    const decoded = decodeText(input, options.file);
    if (!decoded.ok) return decoded;
    text = decoded.value;
  }
  const parsed = parseYamlSource(text, {
    ...file,
    maxAliasCount: options.maxAliasCount ?? limits.value.maxAliasCount,
    maxDepth,
    maxStringLength,
    maxBytes: { name: "maxRubricBytes", value: maxRubricBytes },
    role: "rubric"
  });
  if (!parsed.ok) return parsed;
  const { source, data } = parsed.value;
  const v = validateRubric(data, { maxItems });
  const lint = v.rubric && options.lint !== false ? lintRubric(v.rubric) : [];
  const diagnostics = attachLocations([...parsed.diagnostics, ...v.diagnostics, ...lint], source);
  if (!v.rubric || diagnostics.some((d) => d.severity === "error")) return fail(diagnostics);
  return ok({ rubric: v.rubric, source, warnings: diagnostics }, diagnostics);
}

// src/kinds/facts.ts
var DECIMAL_PATTERN = "^-?\\d+(\\.\\d+)?$";
var RATE_STRING_PATTERN = "^(0(\\.\\d+)?|1(\\.0+)?)$";
var DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";
var PERIOD_KEY_PATTERN = "^\\d{4}(-\\d{2}|-Q[1-4]|-H[12])?$";
var RATE_HINT = "a rate: write 87.5% as 0.875";
var BOOLEAN_HINT = "write true or false without quotes (YAML 1.2 reads yes, no, on and off as text, never as true or false)";
var uniq = (values) => [...new Set(values)];
var decimalString = () => ({ type: "string", pattern: DECIMAL_PATTERN });
var dateString = () => ({ type: "string", pattern: DATE_PATTERN });
var decimalSchema = () => ({ anyOf: [{ type: "number" }, decimalString()] });
function bound(v) {
  if (v === void 0) return void 0;
  const n = Number(v);
  return Number.isFinite(n) ? n : void 0;
}
function withRange(base, min2, max2) {
  const lo = bound(min2);
  const hi = bound(max2);
  if (lo !== void 0) base.minimum = lo;
  if (hi !== void 0) base.maximum = hi;
  return base;
}
function rangeWords(min2, max2) {
  const lo = bound(min2);
  const hi = bound(max2);
  if (lo !== void 0 && hi !== void 0) return ` from ${lo} to ${hi}`;
  if (lo !== void 0) return ` of at least ${lo}`;
  if (hi !== void 0) return ` of at most ${hi}`;
  return "";
}
var listWords = (values, most = 12) => {
  const shown = values.slice(0, most).map((v) => typeof v === "string" ? v : JSON.stringify(v));
  return values.length > most ? `${shown.join(", ")}, \u2026 (${values.length} in all)` : shown.join(", ");
};
function factValueSchema(fact2) {
  switch (fact2.type) {
    case "boolean":
      return { type: "boolean" };
    case "rate":
      return { anyOf: [{ type: "number", minimum: 0, maximum: 1 }, { type: "string", pattern: RATE_STRING_PATTERN }] };
    case "number":
      return { anyOf: [withRange({ type: "number" }, fact2.min, fact2.max), decimalString()] };
    case "integer":
      return withRange({ type: "integer" }, fact2.min, fact2.max);
    case "date":
      return dateString();
    case "enum":
      return { enum: uniq(fact2.values) };
    case "score": {
      const one = { anyOf: [{ type: "number", minimum: 0, maximum: bound(fact2.max) }, decimalString(), { type: "object", description: `The evidence of one subject of rubric "${fact2.rubric}".` }] };
      return fact2.many ? { type: "array", minItems: 1, items: one } : one;
    }
  }
}
function factWords(fact2, element = false) {
  switch (fact2.type) {
    case "boolean":
      return "true or false";
    case "rate":
      return "a number from 0 to 1, or a decimal string";
    case "number":
      return `a number${rangeWords(fact2.min, fact2.max)}, or a decimal string`;
    case "integer":
      return `a whole number${rangeWords(fact2.min, fact2.max)}`;
    case "date":
      return "a date written YYYY-MM-DD";
    case "enum":
      return `one of: ${listWords(fact2.values)}`;
    case "score": {
      const one = `a number, a decimal string, or the evidence of a subject of rubric "${fact2.rubric}"`;
      return fact2.many && !element ? `a non-empty list of results (each ${one})` : one;
    }
  }
}
var factHint = (fact2) => fact2.type === "rate" ? RATE_HINT : fact2.type === "boolean" ? BOOLEAN_HINT : void 0;
function factRange(fact2) {
  switch (fact2.type) {
    case "rate":
      return { lo: 0, hi: 1e6, integer: false };
    case "number":
    case "integer":
      return { lo: fact2.min === void 0 ? void 0 : literalFixed(fact2.min), hi: fact2.max === void 0 ? void 0 : literalFixed(fact2.max), integer: fact2.type === "integer" };
    case "score":
      return { lo: 0, hi: literalFixed(fact2.max), integer: false };
    default:
      return void 0;
  }
}
function fieldSchema(field) {
  let s;
  switch (field.type) {
    case "string":
      s = { type: "string" };
      break;
    case "date":
      s = dateString();
      break;
    case "number":
      s = decimalSchema();
      break;
    case "integer":
      s = { type: "integer" };
      break;
    case "boolean":
      s = { type: "boolean" };
      break;
    case "enum":
      s = { enum: uniq(field.values) };
      break;
  }
  return field.title !== void 0 ? { title: field.title, ...s } : s;
}
function fieldWords(field) {
  switch (field.type) {
    case "string":
      return "text";
    case "date":
      return "a date written YYYY-MM-DD";
    case "number":
      return "a number or a decimal string";
    case "integer":
      return "a whole number";
    case "boolean":
      return "true or false";
    case "enum":
      return `one of: ${listWords(field.values)}`;
  }
}
function numberTextHint(value) {
  if (typeof value !== "string") return void 0;
  if (/[\uff10-\uff19\uff0e\uff0d]/.test(value)) return "it is written with full-width digits (\uFF19\uFF10); write ASCII digits (90)";
  if (/^\s|\s$/.test(value)) return "it has spaces around it; write the value alone";
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(value)) return "it has thousands separators; write 1234.5, not 1,234.5";
  if (/%\s*$/.test(value)) return "it is a percentage; write 87.5% as 0.875";
  return void 0;
}

// src/compile/evidence-schema.ts
function requiredFacts(rubric) {
  if (rubric.missing === "zero" || rubric.rollup) return [];
  return Object.entries(rubric.facts ?? {}).filter(([, f]) => f.required !== false).map(([name]) => name);
}
function itemIds(rubric) {
  const ids = [];
  const walk = (items) => {
    for (const it of items) {
      ids.push(it.id);
      if (it.kind === "section") walk(it.items);
    }
  };
  walk(rubric.items);
  return [...new Set(ids)];
}
function factSchema(fact2) {
  const s = { title: fact2.title };
  if (fact2.note !== void 0) s.description = fact2.note;
  return { ...s, ...factValueSchema(fact2) };
}
function rowSchema(rt) {
  const properties = {};
  for (const [name, field] of Object.entries(rt.fields)) properties[name] = fieldSchema(field);
  const required = [...new Set([rt.date, rt.key].filter((f) => f !== void 0))];
  const s = { type: "object", properties, additionalProperties: false };
  if (required.length) s.required = required;
  return s;
}
function factsSchema(rubric, required) {
  const properties = {};
  for (const [name, fact2] of Object.entries(rubric.facts ?? {})) properties[name] = factSchema(fact2);
  const s = { type: "object", description: "Facts about the subject, by fact name.", properties, additionalProperties: false };
  if (required.length) s.required = [...required];
  return s;
}
function recordsSchema(rubric) {
  const properties = {};
  for (const [name, rt] of Object.entries(rubric.records ?? {})) {
    const s = { title: rt.title, type: "array", items: rowSchema(rt) };
    if (rt.note !== void 0) s.description = rt.note;
    properties[name] = s;
  }
  return { type: "object", description: "Record lists, by record name.", properties, additionalProperties: false };
}
function notApplicableSchema(ids) {
  return { type: "array", description: "Items marked not applicable (\u4E0D\u9069\u7528) for this subject.", ...ids.length ? { items: { enum: uniq(ids) } } : { maxItems: 0 } };
}
function subjectSchema(rubric) {
  const ids = itemIds(rubric);
  const required = requiredFacts(rubric);
  const adjustment = {
    type: "object",
    description: "A manual adjustment: set an item (or the total) to a score, or change it by an amount.",
    properties: {
      item: { enum: uniq([...ids, "total"]) },
      to: { ...decimalSchema(), description: "The adjusted score." },
      by: { ...decimalSchema(), description: "The change (negative to deduct)." },
      reason: { type: "string", minLength: 1 },
      approver: { type: "string", minLength: 1 },
      date: dateString()
    },
    required: ["item", "reason", "approver"],
    oneOf: [{ required: ["to"] }, { required: ["by"] }],
    additionalProperties: false
  };
  const schema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: `Evidence of one subject for rubric ${rubric.id} (${rubric.title})`,
    type: "object",
    properties: {
      id: { type: "string", minLength: 1, maxLength: 200, description: "The subject id." },
      name: { type: "string", description: "The subject name." },
      facts: factsSchema(rubric, required),
      records: recordsSchema(rubric),
      notApplicable: notApplicableSchema(ids),
      adjustments: { type: "array", items: adjustment },
      self: {
        type: "object",
        description: "The subject's self-assessment (\u81EA\u8A55).",
        properties: { facts: factsSchema(rubric, []), records: recordsSchema(rubric) },
        additionalProperties: false
      },
      periods: {
        type: "object",
        description: "Evidence per period (2024, 2024-03, 2024-Q1, 2024-H1).",
        patternProperties: {
          [PERIOD_KEY_PATTERN]: {
            type: "object",
            properties: { facts: factsSchema(rubric, []), records: recordsSchema(rubric), notApplicable: notApplicableSchema(ids) },
            additionalProperties: false
          }
        },
        additionalProperties: false
      }
    },
    required: required.length ? ["id", "facts"] : ["id"],
    additionalProperties: false
  };
  return schema;
}
function evidenceSchema(rubric) {
  const { $schema: _s, title: _t, ...subject } = subjectSchema(rubric);
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: `Evidence for rubric ${rubric.id} (${rubric.title})`,
    type: "object",
    properties: {
      rubric: { type: "string", const: rubric.id, description: "The id of the rubric this evidence is for." },
      asOf: { ...dateString(), description: "The evaluation date." },
      period: {
        type: "object",
        properties: { from: dateString(), to: dateString() },
        required: ["from", "to"],
        additionalProperties: false
      },
      params: { type: "object", description: "Parameter overrides, by parameter name." },
      subjects: { type: "array", minItems: 1, items: { $ref: "#/definitions/subject" } }
    },
    required: ["subjects"],
    additionalProperties: false,
    definitions: { subject: { title: `Evidence of one subject for rubric ${rubric.id}`, ...subject } }
  };
}

// src/compile/layout.ts
var CompileError = class extends Error {
};
function fixed(v, what) {
  const f = literalFixed(v);
  if (f === void 0) throw new CompileError(`${what}: ${String(v)} is not an exact decimal with at most 6 places`);
  return f;
}
function layoutTree(rubric) {
  const nodes = [];
  const index = /* @__PURE__ */ new Map();
  const policy = rubric.notApplicable ?? "rescale";
  const root = {
    index: 0,
    id: "total",
    title: rubric.title,
    kind: "total",
    source: void 0,
    note: void 0,
    path: [],
    max: fixed(rubric.total, "total"),
    min: 0,
    text: { max: "", min: "" },
    parent: -1,
    children: [],
    childMax: 0,
    depth: 0,
    policy,
    cap: false,
    item: void 0,
    otherwise: 0
  };
  nodes.push(root);
  const post = [];
  const stack = [{ items: rubric.items, i: 0, parent: 0, depth: 1, path: ["items"] }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.i === top.items.length) {
      stack.pop();
      post.push(top.parent);
      continue;
    }
    const i = top.i++;
    const item = top.items[i];
    const at = [...top.path, i];
    const node = {
      index: nodes.length,
      id: item.id,
      title: item.title,
      kind: item.kind,
      source: item.source,
      note: item.note,
      path: at,
      max: fixed(item.max, item.id),
      min: item.min === void 0 ? 0 : fixed(item.min, item.id),
      text: { max: "", min: "" },
      parent: top.parent,
      children: [],
      childMax: 0,
      depth: top.depth,
      policy: item.notApplicable ?? policy,
      cap: item.kind === "section" && item.cap === true,
      item,
      otherwise: item.otherwise === void 0 ? 0 : fixed(item.otherwise, item.id)
    };
    nodes.push(node);
    index.set(item.id, node.index);
    nodes[top.parent].children.push(node.index);
    if (item.kind === "section") stack.push({ items: item.items, i: 0, parent: node.index, depth: top.depth + 1, path: [...at, "items"] });
    else post.push(node.index);
  }
  for (const n of nodes) {
    n.text = { max: toFixedString(n.max), min: toFixedString(n.min) };
    let sum = 0;
    for (const c of n.children) sum = add(sum, nodes[c].max);
    n.childMax = sum;
  }
  return { nodes, post: Int32Array.from(post), index };
}

// src/compile/codegen.ts
function jsString(s) {
  if (typeof s !== "string") throw new CompileError("codegen: not a string");
  return JSON.stringify(s).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
function lit(n) {
  if (!Number.isSafeInteger(n)) throw new CompileError(`codegen: ${n} is not a safe integer`);
  return n < 0 ? `(${n})` : String(n + 0);
}
var ROUNDINGS = ["ceil", "floor", "exact"];
var FN_NODES = 200;
function generate(rubric, layout, d) {
  const slots = { node: new Int32Array(layout.nodes.length), kind: new Int32Array(layout.nodes.length).fill(-1), cond: /* @__PURE__ */ new Map(), size: 0 };
  const tables = [];
  const out = ['"use strict"'];
  const e = new Emitter(rubric, layout, d, slots, tables);
  const fns = [];
  fns.push(e.emitReadFacts(), e.emitReadRecords());
  const post = Array.from(layout.post);
  const parts = [];
  for (let start = 0; start < post.length; start += FN_NODES) {
    const name = `score${parts.length}`;
    parts.push(name);
    e.begin();
    for (const i of post.slice(start, start + FN_NODES)) e.emitNode(i);
    fns.push(e.end(name));
  }
  const quotaCount = (rubric.quotas ?? []).length;
  fns.push(`function score(st) {
${quotaCount ? `for (let q = 0; q < ${quotaCount}; q++) st.Q[q] = undefined
` : ""}${parts.map((p) => `${p}(st)`).join("\n")}
}`);
  e.begin();
  (rubric.gates ?? []).forEach((g, i) => {
    const ok2 = e.cond(g.when);
    e.line(`st.G[${i}] = ${ok2} ? 1 : 0`);
  });
  const thresholds = [];
  let th = 0;
  for (const t of rubric.grades?.thresholds ?? []) {
    if (t.requires === void 0) {
      thresholds.push(-1);
      continue;
    }
    const ok2 = e.cond(t.requires);
    e.line(`st.TH[${th}] = ${ok2} ? 1 : 0`);
    thresholds.push(th++);
  }
  fns.push(e.end("outcome"));
  (rubric.quotas ?? []).forEach((q, k) => fns.push(e.emitQuota(q, k)));
  fns.push(e.emitMoney());
  out.push(`return { readFacts, readRecords, score, outcome, money, quotas: [${(rubric.quotas ?? []).map((_, k) => `quota${k}`).join(", ")}] }`);
  out.push(...fns);
  slots.size = e.slotCount;
  const body = out.join("\n");
  const used = /* @__PURE__ */ new Set();
  for (const m of body.replace(/"(?:[^"\\]|\\.)*"/g, '""').matchAll(/\bh_([a-zA-Z]+)\b/g)) used.add(m[1]);
  const prologue = [...used].sort().map((n) => `const h_${n} = h.${n}`);
  return { source: ['"use strict"', ...prologue, ...out.slice(1)].join("\n"), slots, tables, thresholds };
}
var PREAMBLE = "const V = st.V, X = st.X, S = st.S, P = st.P, K = st.K, NA = st.NA, A = st.A, AB = st.AB, C = st.C, TR = st.TR, R = st.R, RD = st.RD, FROM = st.from, TO = st.to";
var Emitter = class {
  constructor(rubric, layout, d, slotTable, tableList) {
    this.rubric = rubric;
    this.layout = layout;
    this.d = d;
    this.slotTable = slotTable;
    this.tableList = tableList;
    this.decls = rubric;
    let bound2 = 0;
    for (const n of layout.nodes) bound2 += Math.abs(n.max) + Math.abs(n.min);
    this.proven = bound2 <= 2 ** 50;
  }
  rubric;
  layout;
  d;
  slotTable;
  tableList;
  lines = [];
  counter = 0;
  slotCount = 0;
  /** The construct whose slots the next `slots()` call reserves. */
  owner;
  current = { index: 0, id: "total", max: 0, min: 0 };
  out = "x";
  decls;
  /** Whether every node's [min, max] adds up below 2^50, so that sums of scores need no range check. */
  proven;
  get node() {
    return this.current;
  }
  begin() {
    this.lines = [];
  }
  end(name) {
    return `function ${name}(st) {
${PREAMBLE}
${this.lines.join("\n")}
}`;
  }
  line(code) {
    this.lines.push(code);
  }
  local(hint) {
    return `${/^[a-z]{1,8}$/i.test(hint) ? hint : "v"}_${this.counter++}`;
  }
  lit(v) {
    return lit(v);
  }
  int(n) {
    return lit(n);
  }
  str(s) {
    return jsString(s);
  }
  path(...segments) {
    return `[${segments.map((s) => typeof s === "number" ? lit(s) : jsString(s)).join(", ")}]`;
  }
  helper(name) {
    if (!/^[a-zA-Z]+$/.test(name)) throw new CompileError(`codegen: bad helper name ${name}`);
    return `h_${name}`;
  }
  param(v) {
    if (v === null || typeof v !== "object" || !("param" in v)) return void 0;
    const k = this.d.params.get(v.param);
    if (k === void 0) throw new CompileError(`unknown parameter ${v.param}`);
    return k;
  }
  num(v, fallback) {
    if (v === void 0) {
      if (fallback === void 0) throw new CompileError("codegen: a value is missing");
      return lit(fallback);
    }
    const p = this.param(v);
    if (p !== void 0) return `P[${p}]`;
    const f = literalFixed(v);
    if (f === void 0) throw new CompileError(`${String(v)} is not an exact decimal`);
    return lit(f);
  }
  rounding(v) {
    const p = this.param(v);
    if (p !== void 0) return `P[${p}]`;
    const i = ROUNDINGS.indexOf(v);
    if (i < 0) throw new CompileError(`unknown rounding ${String(v)}`);
    return String(i);
  }
  day(v) {
    const p = this.param(v);
    if (p !== void 0) return `P[${p}]`;
    if (typeof v === "string" && v.startsWith("--")) return `h_yearly(st, ${lit(Number(v.slice(2, 4)))}, ${lit(Number(v.slice(5, 7)))})`;
    const day = parseDay(v);
    if (day === void 0) throw new CompileError(`${String(v)} is not a date`);
    return lit(day);
  }
  bind(make) {
    this.tableList.push(make);
    return `K[${this.tableList.length - 1}]`;
  }
  fact(name) {
    const k = this.d.factIndex.get(name);
    if (k === void 0) throw new CompileError(`unknown fact ${name}`);
    return { k, ...this.d.facts[k] };
  }
  number(name) {
    const f = this.fact(name);
    return f.upfront ? `V[${f.k}]` : `(V[${f.k}] === V[${f.k}] ? V[${f.k}] : h_absent(st, ${f.k}))`;
  }
  count(name) {
    return `Math.floor(${this.number(name)} / 1000000)`;
  }
  boolean(name) {
    const f = this.fact(name);
    return f.upfront ? `V[${f.k}] === 1` : `(V[${f.k}] === V[${f.k}] ? V[${f.k}] === 1 : h_absentBool(st, ${f.k}))`;
  }
  enumIn(name, values) {
    const f = this.fact(name);
    if (f.fact.type !== "enum") throw new CompileError(`fact ${name} is not an enum`);
    const decl = f.fact.values;
    const idx = [...new Set(values.map((v) => decl.indexOf(v)).filter((i) => i >= 0))];
    const test = idx.length ? idx.map((i) => `V[${f.k}] === ${lit(i)}`).join(" || ") : "false";
    return f.upfront ? `(${test})` : `(V[${f.k}] === V[${f.k}] ? (${test}) : h_absentEnum(st, ${f.k}))`;
  }
  enumIndex(name) {
    const f = this.fact(name);
    return `(V[${f.k}] === V[${f.k}] ? V[${f.k}] : -1)`;
  }
  date(name) {
    const f = this.fact(name);
    return f.upfront || f.zeroWhenMissing ? `V[${f.k}]` : `(V[${f.k}] === V[${f.k}] ? V[${f.k}] : h_absentDate(st, ${f.k}))`;
  }
  score(name, combine2) {
    const f = this.fact(name);
    if (f.fact.type !== "score") return this.number(name);
    if (f.fact.many) return `(X[${f.k}] !== undefined ? h_combine(X[${f.k}], ${jsString(combine2)}) : h_absentScore(st, ${f.k}))`;
    return f.upfront ? `V[${f.k}]` : `(V[${f.k}] === V[${f.k}] ? V[${f.k}] : h_absentScore(st, ${f.k}))`;
  }
  asOf(what) {
    return `(st.asOf === st.asOf ? st.asOf : h_needAsOf(st, ${jsString(what)}))`;
  }
  list(name) {
    const li = this.d.listIndex.get(name);
    if (li === void 0) throw new CompileError(`unknown records ${name}`);
    return { li, type: this.d.lists[li].type };
  }
  rows(list2, span2, body) {
    const { li, type } = this.list(list2);
    const [rows, days, row, j] = [this.local("rows"), this.local("days"), this.local("row"), this.local("j")];
    this.line(`{ const ${rows} = R[${li}]; if (${rows} !== undefined) { const ${days} = RD[${li}]`);
    this.line(`for (let ${j} = 0; ${j} < ${rows}.length; ${j}++) {`);
    if (span2 && type.date !== void 0) this.line(`if (${days}[${j}] < FROM || ${days}[${j}] > TO) continue`);
    this.line(`const ${row} = ${rows}[${j}]`);
    body(row, j);
    this.line("} } }");
  }
  recordDay(list2, j) {
    const { li } = this.list(list2);
    return `RD[${li}][${j}]`;
  }
  field(list2, name) {
    const f = own(this.list(list2).type.fields, name);
    if (f === void 0) throw new CompileError(`records ${list2} have no field ${name}`);
    return f;
  }
  /** A record field's value as compared: Fixed for numbers, a day for dates, else as given. */
  fieldValue(list2, name, row) {
    const f = this.field(list2, name);
    const at = `${row}[${jsString(name)}]`;
    if (f.type === "number" || f.type === "integer") return `h_fx(${at})`;
    if (f.type === "date") return `h_parseDay(${at})`;
    return at;
  }
  where(list2, where, row) {
    if (where === void 0) return "true";
    const tests = Object.entries(where).map(([name, want]) => {
      const f = this.field(list2, name);
      const wants = (Array.isArray(want) ? want : [want]).map((w) => {
        if (f.type === "number" || f.type === "integer") {
          const x = literalFixed(w);
          return x === void 0 ? void 0 : lit(x);
        }
        if (f.type === "date") {
          const x = typeof w === "string" ? parseDay(w) : void 0;
          return x === void 0 ? void 0 : lit(x);
        }
        return typeof w === "string" ? jsString(w) : typeof w === "boolean" ? String(w) : lit(w);
      }).filter((x) => x !== void 0);
      if (!wants.length) return "false";
      if (wants.length === 1) return `${this.fieldValue(list2, name, row)} === ${wants[0]}`;
      const v = this.local("w");
      this.line(`const ${v} = ${this.fieldValue(list2, name, row)}`);
      return `(${wants.map((w) => `${v} === ${w}`).join(" || ")})`;
    });
    return tests.length ? tests.join(" && ") : "true";
  }
  points(list2, points, row, j, itemId) {
    if (typeof points !== "object" || !("by" in points)) return this.num(points);
    const field = this.field(list2, points.by);
    const keyOf = (k) => field.type === "number" || field.type === "integer" ? literalFixed(k) ?? k : field.type === "boolean" ? k === "true" ? true : k === "false" ? false : k : field.type === "date" ? parseDay(k) ?? k : k;
    const table = this.bind((num2) => new Map(Object.entries(points.values).map(([k, v]) => [keyOf(k), num2(v)])));
    const names = Object.keys(points.values);
    const p = this.local("p");
    const shown = `h_show(${row}[${jsString(points.by)}])`;
    this.line(`const ${p} = h_pick(${table}, ${this.fieldValue(list2, points.by, row)})`);
    this.line(
      `if (${p} === undefined) ${this.refuse("EVIDENCE_INVALID", `${jsString(`Record ${list2}[`)} + ${j} + ${jsString(`] has ${points.by} = `)} + ${shown} + ${jsString(`, which has no points in item ${itemId}; use one of ${names.slice(0, 12).join(", ")}${names.length > 12 ? ", \u2026" : ""}.`)}`, `[${jsString("records")}, ${jsString(list2)}, ${j}, ${jsString(points.by)}]`)}`
    );
    return p;
  }
  scratch() {
    return ["st.KS", "st.PS"];
  }
  key(list2, row) {
    const key = this.list(list2).type.key;
    if (key === void 0) throw new CompileError(`records ${list2} declare no key`);
    return this.fieldValue(list2, key, row);
  }
  cond(c) {
    const form = formOf(c);
    const saved = this.owner;
    this.owner = { cond: c };
    try {
      return form.emit(c, this);
    } finally {
      this.owner = saved;
    }
  }
  quota(id) {
    const k = this.d.quotas.get(id);
    if (k === void 0) throw new CompileError(`unknown quota ${id}`);
    return `quota${k}(st)`;
  }
  score_of(id) {
    if (id === "total") return "S[0]";
    const i = this.layout.index.get(id);
    if (i === void 0) throw new CompileError(`unknown item ${id}`);
    return `S[${i}]`;
  }
  slots(n) {
    const base = this.slotCount;
    this.slotCount += n;
    const owner = this.owner;
    if (owner === void 0) throw new CompileError("codegen: slots outside a construct");
    if ("node" in owner) this.slotTable.kind[owner.node] = base;
    else this.slotTable.cond.set(owner.cond, base);
    this.owner = void 0;
    return (i, expr) => {
      if (i < 0 || i >= n) throw new CompileError("codegen: slot out of range");
      this.line(`if (TR !== null) TR[${base + i}] = ${expr}`);
    };
  }
  refuse(code, message, path) {
    return `throw h_refuse(st, ${lit(this.current.index)}, ${jsString(code)}, ${message}, ${path})`;
  }
  warn(code, message, path) {
    return `if (st.W !== null) h_warn(st, ${jsString(code)}, ${message}, ${path})`;
  }
  sectionSum() {
    const node = this.layout.nodes[this.current.index];
    const sum = node.children.length ? node.children.map((c) => `S[${c}]`).reduce((a, b) => this.proven ? `${a} + ${b}` : `h_add(${a}, ${b})`) : "0";
    return `(NA === null ? ${sum} : h_section(st, ${lit(node.index)}))`;
  }
  /** The statements of one node: 不適用, prerequisite, rule, bounds, adjustment. */
  emitNode(i) {
    const n = this.layout.nodes[i];
    this.current = { index: i, id: n.id, max: n.max, min: n.min };
    const base = this.slotCount;
    this.slotTable.node[i] = base;
    this.slotCount += 2;
    const item = n.item;
    const section2 = n.kind === "section" || n.kind === "total";
    this.line(`if (NA !== null && NA[${i}] === 1) S[${i}] = 0`);
    this.line("else {");
    this.line("let x");
    let close = "";
    if (item?.requires !== void 0) {
      const ok2 = this.cond(item.requires);
      this.line(`if (TR !== null) TR[${base}] = ${ok2} ? 1 : 0`);
      this.line(`if (!${ok2}) x = ${lit(n.otherwise)}`);
      this.line("else {");
      close = "}";
    }
    if (n.kind === "total") this.line(`x = ${this.sectionSum()}`);
    else {
      this.owner = { node: i };
      kindOf2(item).emit(item, this);
      this.owner = void 0;
    }
    this.line(close);
    if (section2) this.line(`if (x !== x) { NA[${i}] = 1; S[${i}] = 0 } else {`);
    this.line(`if (TR !== null) TR[${base + 1}] = x`);
    this.line(`if (x > ${lit(n.max)}) x = ${lit(n.max)}; else if (x < ${lit(n.min)}) x = ${lit(n.min)}`);
    this.line(`if (A !== null) { const a = A[${i}], b = AB[${i}]; if (a === a || b === b) { C[${i}] = x; x = a === a ? a : h_add(x, b); if (x > ${lit(n.max)} || x < ${lit(n.min)}) h_badAdjustment(st, ${i}, x) } }`);
    this.line(`S[${i}] = x`);
    if (section2) this.line("}");
    this.line("}");
  }
  // --- reading the evidence -------------------------------------------------------------------------------------
  emitReadFacts() {
    const lines = [];
    const L = (s) => lines.push(s);
    const facts = this.d.facts;
    const anyRequired = facts.some((f) => f.upfront);
    L(`function readFacts(st, f, req) {`);
    L(`const V = st.V, X = st.X`);
    L(`V.fill(NaN)`);
    facts.forEach((f, k) => f.fact.type === "score" && f.fact.many && L(`X[${k}] = undefined`));
    L(`if (st.W !== null) st.warned.fill(0)`);
    L(`if (f === undefined) return ${anyRequired ? "req ? (h_bad(st, L.missingFacts(st)), false) : true" : "true"}`);
    L(`if (typeof f !== "object" || f === null || Array.isArray(f) || !h_plain(f)) { h_bad(st, L.notMapping(st, "facts", f, ["facts"])); return false }`);
    L(`let n = 0, ok = true, a, v`);
    facts.forEach((info, k) => {
      const { fact: fact2 } = info;
      L(`a = f[${jsString(info.name)}]`);
      L(`if (a === undefined) {${info.upfront ? ` if (req) { if (!h_bad(st, L.missingFact(st, ${k}))) return false; ok = false }` : ""} }`);
      L("else {");
      L("n++");
      const fail2 = `{ if (!h_bad(st, h_factProblem(st, ${k}, a))) return false; ok = false }`;
      switch (fact2.type) {
        case "boolean":
          L(`if (a === true) V[${k}] = 1; else if (a === false) V[${k}] = 0; else ${fail2}`);
          break;
        case "date":
          L(`v = typeof a === "string" ? h_parseDay(a) : NaN`);
          L(`if (v === v) V[${k}] = v; else ${fail2}`);
          break;
        case "enum": {
          const values = fact2.values;
          const test = values.length <= 16 ? values.map((x, i) => `a === ${jsString(x)} ? ${lit(i)} : `).join("") + "-1" : `(typeof a === "string" ? (L.enums[${k}].get(a) ?? -1) : -1)`;
          L(`v = ${test}`);
          L(`if (v >= 0) V[${k}] = v; else ${fail2}`);
          break;
        }
        case "score":
          if (fact2.many) {
            L(`const list = L.readMany(st, ${k}, a)`);
            L(`if (list === undefined) { if (st.problems === null) return false; ok = false } else { X[${k}] = list; V[${k}] = 0 }`);
            break;
          }
          L(`if (a !== null && typeof a === "object" && !Array.isArray(a)) { v = L.linked(st, ${k}, a); if (v === v) V[${k}] = v; else { if (st.problems === null) return false; ok = false } } else {`);
          this.readNumber(L, info, k, fail2);
          L("}");
          break;
        default:
          this.readNumber(L, info, k, fail2);
      }
      L("}");
    });
    L(`let c = 0`);
    L(`for (const _ in f) c++`);
    L(`if (c !== n && !L.unknownKeys(st, f, 0)) ok = false`);
    L(`return ok`);
    L(`}`);
    return lines.join("\n");
  }
  /** A number or decimal string, exact to 6 places, within its range. */
  readNumber(L, info, k, fail2) {
    const { fact: fact2 } = info;
    const range = fact2.type === "rate" ? { lo: 0, hi: 1e6 } : fact2.type === "score" ? { lo: 0, hi: literalFixed(fact2.max) } : fact2.type === "number" || fact2.type === "integer" ? { lo: fact2.min === void 0 ? void 0 : literalFixed(fact2.min), hi: fact2.max === void 0 ? void 0 : literalFixed(fact2.max) } : {};
    L(`if (typeof a === "number") { v = Math.round(a * 1000000); if (v / 1000000 !== a || a >= 8589934592 || a <= -8589934592) v = h_fromNumber(a) }`);
    if (fact2.type === "rate") L(`else if (typeof a === "string" && h_isRateText(a)) v = h_parseFixed(a)`);
    else if (fact2.type !== "integer") L(`else if (typeof a === "string" && h_isDecimalText(a)) v = h_parseFixed(a)`);
    L(`else v = NaN`);
    const tests = ["v !== v"];
    if (range.lo !== void 0) tests.push(`v < ${lit(range.lo)}`);
    if (range.hi !== void 0) tests.push(`v > ${lit(range.hi)}`);
    if (fact2.type === "integer") tests.push("v % 1000000 !== 0");
    if (info.count && range.lo === void 0) tests.push("v < 0");
    L(`if (${tests.join(" || ")}) ${fail2}`);
    L(`else V[${k}] = v`);
  }
  emitReadRecords() {
    const lines = [];
    const L = (s) => lines.push(s);
    const lists2 = this.d.lists;
    L(`function readRecords(st, rs) {`);
    L(`const R = st.R, RD = st.RD`);
    L(`for (let i = 0; i < ${lists2.length}; i++) R[i] = undefined`);
    L(`if (rs === undefined) return true`);
    L(`if (typeof rs !== "object" || rs === null || Array.isArray(rs) || !h_plain(rs)) { h_bad(st, L.notMapping(st, "records", rs, ["records"])); return false }`);
    L(`let n = 0, ok = true, total = 0, x, v`);
    lists2.forEach(({ name, type }, li) => {
      const fields = Object.entries(type.fields);
      const required = new Set([type.key, type.date].filter((f) => f !== void 0));
      L(`{ const rows = rs[${jsString(name)}]`);
      L(`if (rows !== undefined) {`);
      L(`n++`);
      L(`if (!Array.isArray(rows)) { if (!h_bad(st, L.notList(st, ${li}, rows))) return false; ok = false }`);
      L(`else {`);
      L(`total += rows.length`);
      L(`if (total > st.maxRecords) { h_bad(st, L.tooMany(st, total)); return false }`);
      L(`let D = RD[${li}]; if (D.length < rows.length) D = RD[${li}] = new Float64Array(Math.max(rows.length, 2 * D.length))`);
      L(`for (let j = 0; j < rows.length; j++) {`);
      L(`const row = rows[j]`);
      L(`if (typeof row !== "object" || row === null || Array.isArray(row) || !h_plain(row)) { if (!h_bad(st, L.notRow(st, ${li}, j, row))) return false; ok = false; continue }`);
      L(`let c = 0`);
      fields.forEach(([field, f], fi) => {
        const fail2 = `{ if (!h_bad(st, L.fieldProblem(st, ${li}, j, ${lit(fi)}, x))) return false; ok = false }`;
        L(`x = row[${jsString(field)}]`);
        L(`if (x === undefined) {${required.has(field) ? ` if (!h_bad(st, L.missingField(st, ${li}, j, ${jsString(field)}))) return false; ok = false` : ""} }`);
        L(`else { c++`);
        switch (f.type) {
          case "string":
            L(`if (!(typeof x === "string" && h_text(x, st.maxString))) ${fail2}`);
            break;
          case "date":
            L(`v = h_parseDay(x); if (v !== v) ${fail2}${field === type.date ? "; D[j] = v" : ""}`);
            break;
          case "number":
            L(`v = h_fx(x); if (v !== v) ${fail2}`);
            break;
          case "integer":
            L(`if (!(typeof x === "number" && Number.isInteger(x) && x < 8589934592 && x > -8589934592)) ${fail2}`);
            break;
          case "boolean":
            L(`if (x !== true && x !== false) ${fail2}`);
            break;
          case "enum":
            L(`if (!(${f.values.map((v) => `x === ${jsString(v)}`).join(" || ") || "false"})) ${fail2}`);
            break;
        }
        L("}");
      });
      if (type.date === void 0) L(`D[j] = NaN`);
      L(`let m = 0`);
      L(`for (const _ in row) m++`);
      L(`if (m !== c && !L.unknownRowKeys(st, ${li}, j, row)) { if (st.problems === null) return false; ok = false }`);
      L(`}`);
      L(`R[${li}] = rows`);
      L(`} } }`);
    });
    L(`let c = 0`);
    L(`for (const _ in rs) c++`);
    L(`if (c !== n && !L.unknownKeys(st, rs, 1)) ok = false`);
    L(`return ok`);
    L(`}`);
    return lines.join("\n");
  }
  // --- quotas and money -------------------------------------------------------------------------------------------
  emitQuota(q, k) {
    this.begin();
    this.current = { index: 0, id: "total", max: 0, min: 0 };
    const key = q.distinct ? this.list(q.records).type.key : void 0;
    this.line(`if (st.Q[${k}] !== undefined) return st.Q[${k}]`);
    this.line(`const days = []${key !== void 0 ? ", keys = []" : ""}`);
    this.rows(q.records, true, (row, j) => {
      this.line(`if (!(${this.where(q.records, q.where, row)})) continue`);
      this.line(`days.push(${this.recordDay(q.records, j)})`);
      if (key !== void 0) this.line(`keys.push(${this.key(q.records, row)})`);
    });
    const overrides = this.bind((num2) => new Map(Object.entries(q.overrides ?? {}).map(([id, v]) => [id, Math.floor(num2(v) / 1e6)])));
    this.line(`const own = ${overrides}.get(st.scope.subject)`);
    this.line(`const required = own !== undefined ? own : Math.floor(${this.num(q.atLeast)} / 1000000)`);
    this.line(`return h_quota(st, ${lit(k)}, ${jsString(q.id)}, required, own !== undefined, ${key !== void 0 ? "keys" : "undefined"}, days, ${q.per !== void 0 ? jsString(q.per) : "undefined"})`);
    const body = this.end(`quota${k}`);
    return body;
  }
  emitMoney() {
    this.begin();
    this.current = { index: 0, id: "total", max: 0, min: 0 };
    const money = this.rubric.money;
    this.line("const rewards = [], penalties = []");
    (money?.rewards ?? []).forEach((r) => {
      const key = r.dedupe ? this.list(r.records).type.key : void 0;
      const table = this.bind((num2) => new Map(Object.entries(r.amounts).map(([k, v]) => [k, num2(v)])));
      const [keys, cats, amounts] = [this.local("keys"), this.local("cats"), this.local("amounts")];
      this.line(`const ${keys} = [], ${cats} = [], ${amounts} = []`);
      this.rows(r.records, true, (row, j) => {
        this.line(`if (!(${this.where(r.records, r.where, row)})) continue`);
        const cat = this.local("cat");
        const amount = this.local("amount");
        this.line(`const ${cat} = String(${row}[${jsString(r.category)}])`);
        this.line(`const ${amount} = ${table}.get(${cat})`);
        this.line(
          `if (${amount} === undefined) ${this.refuse("EVIDENCE_INVALID", `${jsString(`Record ${r.records}[`)} + ${j} + ${jsString(`]: ${r.category} = `)} + h_show(${row}[${jsString(r.category)}]) + ${jsString(` has no amount in ${r.id}; use one of ${Object.keys(r.amounts).slice(0, 12).join(", ")}.`)}`, `[${jsString("records")}, ${jsString(r.records)}, ${j}, ${jsString(r.category)}]`)}`
        );
        this.line(`${keys}.push(${key !== void 0 ? this.key(r.records, row) : j}); ${cats}.push(${cat}); ${amounts}.push(${amount})`);
      });
      this.line(`rewards.push({ keys: ${keys}, cats: ${cats}, amounts: ${amounts} })`);
    });
    (money?.penalties ?? []).forEach((p) => {
      if (p.quota !== void 0) this.line(`penalties.push({ amount: ${this.num(p.amount)}, n: ${this.quota(p.quota)}.shortfall })`);
      else this.line(`penalties.push({ amount: ${this.num(p.amount)}, n: ${this.count(p.fact)} })`);
    });
    this.line("return { rewards, penalties }");
    return this.end("money");
  }
};

// src/compile/params.ts
function resolveParams(rubric, overrides = {}) {
  const values = /* @__PURE__ */ Object.create(null);
  const diagnostics = [];
  const decls = rubric.params ?? {};
  for (const [name, p] of Object.entries(decls)) {
    const v = coerce(p, p.default);
    if (v === void 0) diagnostics.push(makeDiagnostic("PARAM_TYPE", `Parameter "${name}": the default ${JSON.stringify(p.default)} is not a valid ${p.type}.`, { path: ["params", name, "default"] }));
    else values[name] = v;
  }
  for (const [name, raw] of Object.entries(overrides)) {
    const p = Object.prototype.hasOwnProperty.call(decls, name) ? decls[name] : void 0;
    if (!p) {
      diagnostics.push(makeDiagnostic("OPTION_INVALID", `Unknown parameter ${preview(name)}; this rubric declares: ${listWords(Object.keys(decls)) || "none"}.`, { path: ["params", name] }));
      continue;
    }
    const v = coerce(p, raw);
    if (v === void 0) diagnostics.push(makeDiagnostic("OPTION_INVALID", `Parameter "${name}" = ${typeof raw === "string" ? preview(raw) : JSON.stringify(raw) ?? String(raw)} is not a valid ${describe(p)}.`, { path: ["params", name] }));
    else values[name] = v;
  }
  return { values, diagnostics };
}
function checkOverrides(rubric, values, overridden) {
  const scan = scanRubric(Rubric, rubric);
  const found = checkRules(rubric, scan, values);
  lintConstructs(rubric, makeChecker(rubric, found, { params: values }));
  const errors = found.filter((d) => d.severity === "error");
  const shown = overridden.map((n) => `${n} = ${show(rubric.params[n], values[n])}`).join(", ");
  return errors.map((d) => ({
    ...d,
    code: "OPTION_INVALID",
    message: `With ${shown}: ${d.message}`,
    hint: `Give a value that keeps the rubric valid (${d.code}): ${d.hint ?? ""}`.trim(),
    path: ["params", overridden[0]],
    related: [{ message: `The rubric's rule (${d.code}) applies here.`, ...d.path ? { path: d.path } : {} }]
  }));
}
function describe(p) {
  if (p.type === "enum") return `value (one of ${listWords(p.values)})`;
  if (p.type === "rounding") return "step rounding (ceil, floor or exact)";
  if (p.type === "rate") return "rate from 0 to 1";
  return p.type;
}
function coerce(p, raw) {
  switch (p.type) {
    case "number":
    case "rate": {
      const v = typeof raw === "number" ? fromNumber(raw) : typeof raw === "string" ? parseFixed(raw.trim()) : void 0;
      if (v === void 0) return void 0;
      if (p.type === "rate" && (v < 0 || v > ONE)) return void 0;
      if (p.type === "number" && p.min !== void 0 && v < (typeof p.min === "number" ? fromNumber(p.min) : parseFixed(p.min))) return void 0;
      if (p.type === "number" && p.max !== void 0 && v > (typeof p.max === "number" ? fromNumber(p.max) : parseFixed(p.max))) return void 0;
      return v;
    }
    case "integer": {
      const v = typeof raw === "number" ? raw : typeof raw === "string" && /^-?\d{1,10}$/.test(raw.trim()) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(v) || Math.abs(v) > 9e9 || p.min !== void 0 && v < p.min || p.max !== void 0 && v > p.max) return void 0;
      return v * ONE;
    }
    case "boolean":
      return raw === true || raw === "true" ? true : raw === false || raw === "false" ? false : void 0;
    case "date":
      return typeof raw === "string" ? parseDay(raw) : void 0;
    case "rounding":
      return raw === "ceil" || raw === "floor" || raw === "exact" ? raw : void 0;
    case "enum":
      return typeof raw === "string" && p.values.includes(raw) ? raw : void 0;
  }
}
function show(p, v) {
  if (p.type === "number" || p.type === "rate" || p.type === "integer") return toFixedString(v);
  if (p.type === "date" && typeof v === "number") return formatDay(v);
  return String(v);
}

// src/compile/problems.ts
function show2(v) {
  let s;
  if (v === void 0) s = "nothing";
  else if (typeof v === "string") s = preview(v);
  else if (Array.isArray(v)) s = "a list";
  else if (v !== null && typeof v === "object") s = "a mapping";
  else s = String(v);
  return s.length > 60 ? s.slice(0, 57) + "\u2026" : s;
}
function dotted(segs) {
  let s = "";
  for (const x of segs) s += typeof x === "number" ? `[${x}]` : (s ? "." : "") + x;
  return s;
}
var problem = (scope, code, message, path) => makeDiagnostic(code, message, { subject: scope.subject, path: [...scope.prefix, ...path] });
var invalid = (scope, label2, value, expected, hint, path) => problem(scope, "EVIDENCE_INVALID", `${scope.who}: ${label2} must be ${expected} (got ${show2(value)})${hint ? `; ${hint}` : ""}.`, path);
function textProblem2(scope, label2, s, maxLength, path) {
  if (s.length > maxLength)
    return makeDiagnostic("LIMIT_EXCEEDED", `${scope.who}: ${label2} has ${s.length.toLocaleString("en")} characters; the limit maxStringLength is ${maxLength.toLocaleString("en")}.`, {
      subject: scope.subject,
      path: [...scope.prefix, ...path],
      hint: "Reduce the input, or raise the limit with the option limits: { maxStringLength: \u2026 } (command line: --limit maxStringLength=\u2026) if the input is trusted."
    });
  const ch = CONTROL_CHARACTER.exec(s);
  if (ch) return problem(scope, "TEXT_CONTROL_CHARACTER", `${scope.who}: ${label2} holds the control character ${codePoint(ch[0])}; only tabs and line breaks are allowed in text.`, path);
  return void 0;
}
function factProblem(scope, name, fact2, value, count3, element) {
  const path = element === void 0 ? ["facts", name] : ["facts", name, element];
  const label2 = `fact "${name}"${element === void 0 ? "" : `[${element}]`}${scope.words}`;
  const words = factWords(fact2, element !== void 0);
  const hint = factHint(fact2);
  if (value === null) return invalid(scope, label2, value, words, hint, path);
  const range = factRange(fact2);
  if (range === void 0 || fact2.type === "score" && value !== null && typeof value === "object") return invalid(scope, label2, value, words, hint, path);
  const isText = typeof value === "string";
  if (typeof value !== "number" && !(isText && fact2.type !== "integer")) return invalid(scope, label2, value, words, numberTextHint(value) ?? hint, path);
  if (typeof value === "number" && !Number.isFinite(value))
    return problem(scope, Number.isNaN(value) ? "EVIDENCE_INVALID" : "NUMBER_OUT_OF_RANGE", `${scope.who}: ${label2} is ${String(value)}, not a finite number.`, path);
  if (isText && !(fact2.type === "rate" ? /^(0(\.\d+)?|1(\.0+)?)$/ : /^-?\d+(\.\d+)?$/).test(value)) {
    if (fact2.type === "rate" && /^-?\d+(\.\d+)?$/.test(value)) return outOfRange2(scope, label2, value, range, fact2, path);
    return invalid(scope, label2, value, words, numberTextHint(value) ?? hint, path);
  }
  const v = typeof value === "number" ? fromNumber(value) : parseFixed(value);
  if (v === void 0) {
    const n = Number(value);
    if (!Number.isFinite(n) || Math.abs(n) >= 8589934592)
      return problem(scope, "EVIDENCE_OUT_OF_RANGE", `${scope.who}: ${label2} = ${show2(value)} is too large to score exactly (the limit is \xB18,589,934,592).`, path);
    return problem(scope, "EVIDENCE_PRECISION", `${scope.who}: ${label2} = ${show2(value)} has more than 6 decimal places; round it in the source system.`, path);
  }
  if (range.lo !== void 0 && v < range.lo || range.hi !== void 0 && v > range.hi) return outOfRange2(scope, label2, value, range, fact2, path);
  if (range.integer && v % 1e6 !== 0) return invalid(scope, label2, value, words, void 0, path);
  if (count3 && v < 0) return problem(scope, "EVIDENCE_OUT_OF_RANGE", `${scope.who}: ${label2} = ${show2(value)} counts faults or pieces, so it cannot be negative.`, path);
  return invalid(scope, label2, value, words, hint, path);
}
function outOfRange2(scope, label2, value, range, fact2, path) {
  const v = typeof value === "number" ? fromNumber(value) : typeof value === "string" ? parseFixed(value) : void 0;
  const below = v !== void 0 && range.lo !== void 0 && v < range.lo;
  const limit = below ? range.lo : range.hi;
  const hint = factHint(fact2);
  return problem(scope, "EVIDENCE_OUT_OF_RANGE", `${scope.who}: ${label2} = ${show2(value)} is ${below ? "below the minimum" : "above the maximum"} ${toFixedString(limit)}${hint ? ` (${hint})` : ""}.`, path);
}
function missingFact(scope, name) {
  return problem(scope, "EVIDENCE_MISSING", `${scope.who}: fact "${name}" is missing.`, ["facts", name]);
}
function missingFacts(scope, required) {
  return problem(scope, "EVIDENCE_MISSING", `${scope.who}: "facts" is missing; the rubric requires the facts ${listWords(required)}.`, ["facts"]);
}
function notMapping(scope, what, value, path) {
  return invalid(scope, `${what}${scope.words}`, value, "a mapping (object)", void 0, path);
}
function notList(scope, what, value, path) {
  return invalid(scope, `${what}${scope.words}`, value, "a list", void 0, path);
}
function unknownField(scope, container, key, known) {
  const where = container.length === 0 ? "at the top level" : `in ${dotted([...scope.prefix, ...container])}`;
  const expected = known.length ? `one of: ${listWords(known)}` : "nothing here (the rubric declares none)";
  return problem(scope, "EVIDENCE_UNKNOWN_FIELD", `${scope.who} has an unknown field ${preview(key)} ${where}; expected ${expected}.`, [...container, key.length > 40 ? `${key.slice(0, 37)}\u2026` : key]);
}
function fieldProblem(scope, list2, j, name, field, value, maxString) {
  const label2 = `field "${name}" of record ${list2}[${j}]${scope.words}`;
  const path = ["records", list2, j, name];
  if (field.type === "string" && typeof value === "string") return textProblem2(scope, label2, value, maxString, path) ?? invalid(scope, label2, value, "text", void 0, path);
  if (field.type === "number" || field.type === "integer") {
    if (typeof value === "number" && Number.isFinite(value) || typeof value === "string" && field.type === "number" && /^-?\d+(\.\d+)?$/.test(value)) {
      const v = typeof value === "number" ? fromNumber(value) : parseFixed(value);
      if (v === void 0) {
        const n = Number(value);
        if (Math.abs(n) >= 8589934592) return problem(scope, "EVIDENCE_OUT_OF_RANGE", `${scope.who}: ${label2} = ${show2(value)} is too large to score exactly (the limit is \xB18,589,934,592).`, path);
        return problem(scope, "EVIDENCE_PRECISION", `${scope.who}: ${label2} = ${show2(value)} has more than 6 decimal places; round it in the source system.`, path);
      }
    }
    return invalid(scope, label2, value, fieldWords(field), numberTextHint(value), path);
  }
  return invalid(scope, label2, value, fieldWords(field), void 0, path);
}
function missingField(scope, list2, j, name) {
  return problem(scope, "EVIDENCE_MISSING", `${scope.who}: record ${list2}[${j}]${scope.words} has no "${name}".`, ["records", list2, j, name]);
}
function tooManyRecords(scope, n, max2) {
  return makeDiagnostic("LIMIT_EXCEEDED", `${scope.who} gives ${n.toLocaleString("en")} records; the limit maxRecordsPerSubject is ${max2.toLocaleString("en")}.`, {
    subject: scope.subject,
    path: [...scope.prefix, "records"],
    hint: "Reduce the input, or raise the limit with the option limits: { maxRecordsPerSubject: \u2026 } (command line: --limit maxRecordsPerSubject=\u2026) if the input is trusted."
  });
}

// src/compile/runtime.ts
var EvidenceError = class extends Error {
  constructor(diagnostic) {
    super(diagnostic.message);
    this.diagnostic = diagnostic;
  }
  diagnostic;
};
var NO_DIAGNOSTIC = [];
var DECIMAL3 = new RegExp(DECIMAL_PATTERN);
var RATE = new RegExp(RATE_STRING_PATTERN);
var same = (a, b) => a === b || a !== a && b !== b;
function makeHelpers(layout) {
  const warnOnce = (st, k, value) => {
    if (st.W === null || st.warned[k] === 1) return;
    st.warned[k] = 1;
    const name = layout.facts[k].name;
    st.W.push(makeDiagnostic("EVIDENCE_MISSING_ZEROED", `Fact "${name}" is missing and was taken as ${value}.`, { subject: st.scope.subject, path: ["facts", name], severity: "warning" }));
  };
  const missing = (st, k) => {
    const name = layout.facts[k].name;
    return new EvidenceError(makeDiagnostic("EVIDENCE_MISSING", `Fact "${name}" is missing; give it in the evidence.`, { subject: st.scope.subject, path: [...st.scope.prefix, "facts", name] }));
  };
  return {
    add,
    sub,
    mul,
    div,
    mulInt,
    divToInteger,
    max,
    min,
    T: (v) => toFixedString(v),
    /** A JS number as Fixed; NaN when it is not an exact decimal with at most 6 places within range. */
    fromNumber: (x) => fromNumber(x) ?? NaN,
    /** A decimal string as Fixed; NaN when malformed or not exact. */
    parseFixed: (s) => parseFixed(s) ?? NaN,
    parseDay: (s) => typeof s === "string" ? parseDay(s) ?? NaN : NaN,
    /** A record's number field (a number or a decimal string) as Fixed; NaN when absent or not exact. */
    fx: (v) => typeof v === "number" ? fromNumber(v) ?? NaN : typeof v === "string" && DECIMAL3.test(v) ? parseFixed(v) ?? NaN : NaN,
    /** Evidence text for a number: digits with an optional fraction ("0.875", "-2"). */
    isDecimalText: (s) => DECIMAL3.test(s),
    /** Evidence text for a rate: 0 to 1 ("0.875", "1.000"). */
    isRateText: (s) => RATE.test(s),
    plain: (o) => {
      const p = Object.getPrototypeOf(o);
      return p === Object.prototype || p === null;
    },
    /** Text within the length limit and free of control characters. */
    text: (s, max2) => s.length <= max2 && !hasControl(s),
    addDuration: (day, years, months, days, sign) => addDuration(day, { years, months, days }, sign),
    /** --MM-DD in the year of the end of the assessed span (else of the evaluation date); NaN when neither is known. */
    yearly: (st, month, date2) => {
      const anchor = st.to !== Infinity ? st.to : st.asOf;
      if (anchor !== anchor) return NaN;
      const y = ymd(anchor).y;
      return daysFromCivil(y, month, Math.min(date2, daysInMonth(y, month)));
    },
    needAsOf: (st, what) => {
      throw new EvidenceError(makeDiagnostic("OPTION_INVALID", `${what} needs the evaluation date: pass asOf (--as-of YYYY-MM-DD).`, { subject: st.scope.subject, path: [] }));
    },
    /** An absent number fact read by an item: 0 with a warning, or refused when the rubric requires it. */
    absent: (st, k) => {
      if (!layout.facts[k].zeroWhenMissing) throw missing(st, k);
      warnOnce(st, k, "0");
      return 0;
    },
    absentBool: (st, k) => {
      if (!layout.facts[k].zeroWhenMissing) throw missing(st, k);
      warnOnce(st, k, "false");
      return false;
    },
    absentEnum: (st, k) => {
      if (!layout.facts[k].zeroWhenMissing) throw missing(st, k);
      warnOnce(st, k, "no value");
      return false;
    },
    /** An absent date under `missing: error` (possible only in a period of a rollup). */
    absentDate: (st, k) => {
      if (!layout.facts[k].zeroWhenMissing) throw missing(st, k);
      return NaN;
    },
    /** A score fact is needed in a weighted term, whatever the missing policy. */
    absentScore: (st, k) => {
      const f = layout.facts[k];
      throw new EvidenceError(makeDiagnostic("EVIDENCE_MISSING", `Fact "${f.name}" (a result of ${f.rubric}) is missing.`, { subject: st.scope.subject, path: [...st.scope.prefix, "facts", f.name] }));
    },
    /** A list of results combined (mean rounded half-even to 6 places). */
    combine: (list2, how) => {
      let acc = list2[0];
      for (let i = 1; i < list2.length; i++) acc = how === "min" ? min(acc, list2[i]) : how === "max" ? max(acc, list2[i]) : add(acc, list2[i]);
      return how === "mean" ? divInt(acc, list2.length) : acc;
    },
    warn: (st, code, message, path) => {
      st.W.push(makeDiagnostic(code, message, { subject: st.scope.subject, path, severity: "warning" }));
    },
    /** The diagnostic that stops scoring this subject, naming the item being scored. */
    refuse: (st, node, code, message, path) => {
      const n = layout.nodes[node];
      const about = node > 0 && n !== void 0 ? `Item ${n.id} (${n.title}): ` : "";
      return new EvidenceError(makeDiagnostic(code, about + message, { subject: st.scope.subject, path: [...st.scope.prefix, ...path] }));
    },
    /** An adjusted score outside the item's [min, max]. */
    badAdjustment: (st, node, v) => {
      const n = layout.nodes[node];
      throw new EvidenceError(
        makeDiagnostic("ADJUSTMENT_INVALID", `The adjustment of ${n.id} (${n.title}) gives ${toFixedString(v)}, outside [${toFixedString(n.min)}, ${toFixedString(n.max)}].`, { subject: st.scope.subject, path: ["adjustments"] })
      );
    },
    /**
     * A section's score when some of its items are 不適用: the sum of the others × the max of all ÷ the max of those
     * not dropped (rounded half-even); NaN when every item is dropped (the section is then 不適用 itself).
     */
    section: (st, i) => {
      const node = layout.nodes[i];
      const NA = st.NA;
      let v = 0;
      let applicable = 0;
      let dropped = false;
      for (const j of node.children) {
        if (NA[j] === 1) {
          if (layout.nodes[j].policy === "zero") applicable += layout.nodes[j].max;
          else dropped = true;
          continue;
        }
        v = add(v, st.S[j]);
        applicable += layout.nodes[j].max;
      }
      if (!dropped) return v;
      if (applicable === 0) return NaN;
      return div(mul(v, node.childMax), applicable);
    },
    /** The index of the first band containing v, or -1. */
    band: (t, v) => {
      const n = t.lo.length;
      for (let i = 0; i < n; i++) {
        const lo = t.lo[i];
        const hi = t.hi[i];
        if ((t.loIn[i] ? v >= lo : v > lo) && (t.hiIn[i] ? v <= hi : v < hi)) return i;
      }
      return -1;
    },
    /** Σ over distinct keys of the highest points among the records with that key (the first n entries). */
    bestSum: (keys, pts, n) => {
      let sum = 0;
      if (n <= 32) {
        for (let i = 0; i < n; i++) {
          let first = true;
          for (let k = 0; k < i; k++)
            if (same(keys[k], keys[i])) {
              first = false;
              break;
            }
          if (!first) continue;
          let best2 = pts[i];
          for (let k = i + 1; k < n; k++) if (same(keys[k], keys[i]) && pts[k] > best2) best2 = pts[k];
          sum = add(sum, best2);
        }
        return sum;
      }
      const best = /* @__PURE__ */ new Map();
      for (let i = 0; i < n; i++) {
        const prev = best.get(keys[i]);
        if (prev === void 0 || pts[i] > prev) best.set(keys[i], pts[i]);
      }
      for (const p of best.values()) sum = add(sum, p);
      return sum;
    },
    /** How many distinct keys among the first n entries. */
    distinctCount: (keys, n) => {
      if (n > 32) return new Set(keys.slice(0, n)).size;
      let d = 0;
      for (let i = 0; i < n; i++) {
        let first = true;
        for (let k = 0; k < i; k++)
          if (same(keys[k], keys[i])) {
            first = false;
            break;
          }
        if (first) d++;
      }
      return d;
    },
    /** Points chosen by a record field's value; undefined when the value has none. */
    pick: (table, value) => table.get(value),
    /** The outcome of a quota from the keys and days of the records that count for it. */
    quota: (st, q, id, required, overridden, keys, days, unit) => {
      let count3 = 0;
      const byPeriod = /* @__PURE__ */ new Map();
      const seen = keys === void 0 ? void 0 : /* @__PURE__ */ new Set();
      for (let i = 0; i < days.length; i++) {
        if (seen !== void 0) {
          if (seen.has(keys[i])) continue;
          seen.add(keys[i]);
        }
        count3++;
        if (unit) {
          const p = periodKey(days[i], unit);
          byPeriod.set(p, (byPeriod.get(p) ?? 0) + 1);
        }
      }
      const periods = [];
      let shortfall = 0;
      if (unit) {
        if (st.from === -Infinity || st.to === Infinity)
          throw new EvidenceError(makeDiagnostic("OPTION_INVALID", `Quota "${id}" is counted per ${unit}: give the assessed span (period from/to).`, { subject: st.scope.subject, path: [] }));
        for (const p of periodsBetween(st.from, st.to, unit)) {
          const n = byPeriod.get(p) ?? 0;
          const short = Math.max(0, required - n);
          shortfall += short;
          periods.push({ period: p, count: n, required, short });
        }
      } else shortfall = Math.max(0, required - count3);
      const o = { id, required, overridden, count: count3, shortfall, periods };
      st.Q[q] = o;
      return o;
    },
    parsePeriodKey,
    NO_DIAGNOSTIC,
    /** Reports an evidence problem; true when problems are being collected (the check goes on), false to stop. */
    bad: (st, d) => {
      if (st.problems === null) return false;
      st.problems.push(d);
      return true;
    },
    factProblem: (st, k, value, element) => layout.factProblem(st, k, value, element),
    hasControl
  };
}

// src/compile/program.ts
var ROUNDING_CODE = { ceil: 0, floor: 1, exact: 2 };
function factUsers(rubric, layout) {
  const byPath = new Map(layout.nodes.slice(1).map((n) => [JSON.stringify(n.path), n.id]));
  const users = /* @__PURE__ */ new Map();
  for (const r of collectRefs(rubric, scanRubric(Rubric, rubric).conditions)) {
    if (r.kind !== "fact" || r.path[0] !== "items") continue;
    let end = r.path.length;
    while (end > 1 && !(r.path[end - 2] === "items" && typeof r.path[end - 1] === "number" && byPath.has(JSON.stringify(r.path.slice(0, end))))) end--;
    const id = byPath.get(JSON.stringify(r.path.slice(0, end)));
    if (id === void 0) continue;
    const list2 = users.get(r.name) ?? [];
    if (!list2.includes(id)) list2.push(id);
    users.set(r.name, list2);
  }
  return users;
}
function declare(rubric) {
  const counts = /* @__PURE__ */ new Set();
  const sink = {
    fact: (name, _path, _use, _types, role) => void (role === "count" && counts.add(name)),
    records: () => void 0,
    where: () => void 0,
    field: () => void 0,
    quota: () => void 0,
    item: () => void 0
  };
  for (const r of collectRefs(rubric, scanRubric(Rubric, rubric).conditions)) if (r.kind === "fact" && r.role === "count") sink.fact(r.name, r.path, r.use, void 0, "count");
  const upfront = new Set(requiredFacts(rubric));
  const zero = rubric.missing === "zero";
  const facts = Object.entries(rubric.facts ?? {}).map(([name, fact2]) => ({ name, fact: fact2, count: counts.has(name), upfront: upfront.has(name), zeroWhenMissing: zero || fact2.required === false }));
  const lists2 = Object.entries(rubric.records ?? {}).map(([name, type]) => ({ name, type }));
  return {
    facts,
    factIndex: new Map(facts.map((f, k) => [f.name, k])),
    lists: lists2,
    listIndex: new Map(lists2.map((l, li) => [l.name, li])),
    params: new Map(Object.keys(rubric.params ?? {}).map((name, k) => [name, k])),
    quotas: new Map((rubric.quotas ?? []).map((q, k) => [q.id, k]))
  };
}
function layoutObject(rubric, d) {
  const factNames = d.facts.map((f) => f.name);
  const known = new Set(factNames);
  const listNames = d.lists.map((l) => l.name);
  const knownLists = new Set(listNames);
  const h = { bad: (st, x) => st.problems === null ? false : (st.problems.push(x), true) };
  const unknownIn = (st, obj, allowed, names, container) => {
    let clean = true;
    for (const key in obj) {
      const own_ = Object.prototype.hasOwnProperty.call(obj, key);
      if (own_ && allowed.has(key)) continue;
      clean = false;
      if (!h.bad(st, unknownField(st.scope, container, key, names))) return false;
    }
    return clean;
  };
  return {
    enums: d.facts.map((f) => f.fact.type === "enum" ? new Map(f.fact.values.map((v, i) => [v, i]).reverse()) : void 0),
    missingFacts: (st) => missingFacts(st.scope, d.facts.filter((f) => f.upfront).map((f) => f.name)),
    missingFact: (st, k) => missingFact(st.scope, d.facts[k].name),
    notMapping: (st, what, value, path) => notMapping(st.scope, what, value, path),
    notList: (st, li, value) => notList(st.scope, `record list "${d.lists[li].name}"`, value, ["records", d.lists[li].name]),
    notRow: (st, li, j, value) => notMapping(st.scope, `record ${d.lists[li].name}[${j}]`, value, ["records", d.lists[li].name, j]),
    fieldProblem: (st, li, j, fi, value) => {
      const [name, field] = Object.entries(d.lists[li].type.fields)[fi];
      return fieldProblem(st.scope, d.lists[li].name, j, name, field, value, st.maxString);
    },
    missingField: (st, li, j, name) => missingField(st.scope, d.lists[li].name, j, name),
    tooMany: (st, total) => tooManyRecords(st.scope, total, st.maxRecords),
    unknownKeys: (st, obj, which) => which === 0 ? unknownIn(st, obj, known, factNames, ["facts"]) : unknownIn(st, obj, knownLists, listNames, ["records"]),
    unknownRowKeys: (st, li, j, row) => {
      const fields = Object.keys(d.lists[li].type.fields);
      return unknownIn(st, row, new Set(fields), fields, ["records", d.lists[li].name, j]);
    },
    /** A `many` score fact: a non-empty list of results. */
    readMany: (st, k, a) => {
      if (!Array.isArray(a) || a.length === 0) {
        h.bad(st, factProblem(st.scope, d.facts[k].name, d.facts[k].fact, a, false));
        return void 0;
      }
      const out = [];
      let good = true;
      a.forEach((x, i) => {
        const v = oneScore(st, k, x, i);
        if (v === void 0) good = false;
        else out.push(v);
      });
      return good ? out : void 0;
    },
    linked: (st, k, a) => oneScore(st, k, a) ?? NaN
  };
  function oneScore(st, k, x, element) {
    const f = d.facts[k];
    const decl = f.fact;
    if (x !== null && typeof x === "object" && !Array.isArray(x)) {
      if (!st.link) {
        h.bad(st, makeDiagnostic("EVIDENCE_INVALID", `${st.scope.who}: fact "${f.name}" must be a score (a number) from rubric ${decl.rubric}, or link that rubric to give its evidence.`, { subject: st.scope.subject, path: [...st.scope.prefix, "facts", f.name, ...element === void 0 ? [] : [element]] }));
        return void 0;
      }
      const r = st.link(decl.rubric, x, st, f.name);
      if (typeof r === "number") return r;
      h.bad(st, { ...r, subject: st.scope.subject, message: `Fact "${f.name}" (rubric ${decl.rubric}): ${r.message}` });
      return void 0;
    }
    const v = typeof x === "number" ? fromNumberOrNaN(x) : typeof x === "string" && /^-?\d+(\.\d+)?$/.test(x) ? parseFixedOrNaN(x) : NaN;
    const max2 = literalFixedOrNaN(decl.max);
    if (v !== v || v < 0 || v > max2) {
      h.bad(st, factProblem(st.scope, f.name, decl, x, false, element));
      return void 0;
    }
    return v;
  }
}
var fromNumberOrNaN = (x) => fromNumber(x) ?? NaN;
var parseFixedOrNaN = (x) => parseFixed(x) ?? NaN;
var literalFixedOrNaN = (x) => literalFixed(x) ?? NaN;
function compileProgram(rubric) {
  try {
    return compile(rubric);
  } catch (e) {
    const why = e instanceof CompileError ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return fail([makeDiagnostic("SCHEMA_INVALID_VALUE", `The rubric cannot be compiled: ${why.slice(0, 300)}.`, { hint: "This is a defect of kaoping (the rubric passed validation); please report it with the rubric." })]);
  }
}
function compile(rubric) {
  const { values, diagnostics } = resolveParams(rubric);
  if (diagnostics.some((d2) => d2.severity === "error")) return fail(diagnostics);
  const layout = layoutTree(rubric);
  const d = declare(rubric);
  const generated = generate(rubric, layout, d);
  const L = layoutObject(rubric, d);
  const h = makeHelpers({
    facts: d.facts.map((f) => ({ name: f.name, zeroWhenMissing: f.zeroWhenMissing, type: f.fact.type, ...f.fact.type === "score" ? { rubric: f.fact.rubric } : {} })),
    nodes: layout.nodes.map((n) => ({ id: n.id, title: n.title, max: n.max, min: n.min, children: n.children, policy: n.policy, childMax: n.childMax })),
    factProblem: (st, k, value, element) => factProblem(st.scope, d.facts[k].name, d.facts[k].fact, value, d.facts[k].count, element)
  });
  const helpers = { ...h, show: show2 };
  const factory = new Function("h", "L", generated.source);
  const module2 = factory(helpers, L);
  const names = Object.keys(rubric.params ?? {});
  const decls = rubric.params ?? {};
  const encode = (vals) => {
    const P = new Float64Array(names.length).fill(NaN);
    names.forEach((name, k) => {
      const v = vals[name];
      if (typeof v === "number") P[k] = v;
      else if (decls[name].type === "rounding" && typeof v === "string") P[k] = ROUNDING_CODE[v];
    });
    const num2 = (v, fallback) => {
      if (v === void 0) return fallback;
      if (v !== null && typeof v === "object" && "param" in v) return P[d.params.get(v.param)];
      const f = literalFixed(v);
      if (f === void 0) throw new CompileError(`${String(v)} is not an exact decimal`);
      return f;
    };
    return { values: vals, P, K: generated.tables.map((make) => make(num2)) };
  };
  const defaults = encode(values);
  const cache = /* @__PURE__ */ new Map();
  const bind = (overrides) => {
    if (overrides === void 0 || Object.keys(overrides).length === 0) return ok(defaults);
    let key;
    try {
      key = JSON.stringify(Object.entries(overrides).sort(([a], [b]) => a < b ? -1 : 1));
    } catch {
      key = "";
    }
    const hit = key ? cache.get(key) : void 0;
    if (hit) return hit;
    const r = resolveParams(rubric, overrides);
    let result;
    if (r.diagnostics.some((x) => x.severity === "error")) result = fail(r.diagnostics.filter((x) => x.severity === "error"));
    else {
      const problems = checkOverrides(rubric, r.values, Object.keys(overrides));
      result = problems.length ? fail(problems) : ok(encode(r.values));
    }
    if (key) {
      if (cache.size >= 16) cache.delete(cache.keys().next().value);
      cache.set(key, result);
    }
    return result;
  };
  return ok(
    {
      rubric,
      layout,
      declared: d,
      module: module2,
      h,
      slots: generated.slots,
      thresholds: generated.thresholds,
      rounding: rubric.rounding ?? { places: 2, mode: "half-up" },
      period: {
        from: rubric.period?.from !== void 0 ? parseDay(rubric.period.from) : void 0,
        to: rubric.period?.to !== void 0 ? parseDay(rubric.period.to) : void 0
      },
      source: generated.source,
      defaults,
      factUsers: factUsers(rubric, layout),
      bind
    },
    diagnostics
  );
}
function newState(program, bound2, window, limits) {
  const { declared: d, layout, rubric } = program;
  return {
    P: bound2.P,
    K: bound2.K,
    asOf: window.asOf ?? NaN,
    from: window.from ?? -Infinity,
    to: window.to ?? Infinity,
    link: void 0,
    maxString: limits.maxStringLength,
    maxRecords: limits.maxRecordsPerSubject,
    scope: { who: "Subject", subject: "", prefix: [], words: "" },
    V: new Float64Array(d.facts.length),
    X: new Array(d.facts.length).fill(void 0),
    R: new Array(d.lists.length).fill(void 0),
    RD: d.lists.map(() => new Float64Array(16)),
    S: new Float64Array(layout.nodes.length),
    NA: null,
    A: null,
    AB: null,
    C: null,
    TR: null,
    W: null,
    warned: new Uint8Array(d.facts.length),
    KS: [],
    PS: [],
    Q: new Array((rubric.quotas ?? []).length).fill(void 0),
    G: new Uint8Array((rubric.gates ?? []).length),
    TH: new Uint8Array(program.thresholds.filter((t) => t >= 0).length),
    problems: null
  };
}

// src/evaluate/cohort.ts
var totalOf = (r) => parseFixed(r.total);
function numIn(program, bound2, v) {
  if (v !== null && typeof v === "object") return bound2.P[program.declared.params.get(v.param)];
  return literalFixed(v);
}
function rankCohort(program, bound2, results, warnings) {
  const totals = /* @__PURE__ */ new Map();
  for (const r of results) totals.set(r, totalOf(r));
  const t = (r) => totals.get(r);
  const sorted = [...results].sort((a, b) => t(b) - t(a) || (a.subject.id < b.subject.id ? -1 : a.subject.id > b.subject.id ? 1 : 0));
  sorted.forEach((r, i) => {
    const prev = sorted[i - 1];
    r.rank = prev && t(prev) === t(r) ? prev.rank : i + 1;
  });
  const taken = /* @__PURE__ */ new Set();
  for (const q of program.rubric.grades?.quotas ?? []) {
    const minScore = q.minScore === void 0 ? void 0 : numIn(program, bound2, q.minScore);
    const pool = sorted.filter((r) => r.eligible && !taken.has(r) && !r.barred?.includes(q.grade) && (minScore === void 0 || t(r) >= minScore));
    const { min: min2, max: max2 } = typeof q.count === "number" ? { min: q.count, max: q.count } : q.count;
    const k = quotaSize(q, pool.map(t), min2, max2, warnings);
    const range = min2 === max2 ? `${min2}` : `${min2}\u2013${max2}`;
    pool.slice(0, k).forEach((r, i) => {
      taken.add(r);
      r.grade = q.grade;
      r.gradeBasis = "quota";
      r.gradeReason = `${q.grade}: quota ${range}${minScore !== void 0 ? `, total \u2265 ${toFixedString(minScore)}` : ""}; place ${i + 1} of ${pool.length} candidates (rank ${r.rank}), total ${r.total}`;
    });
  }
}
function quotaSize(q, scores, min2, max2, warnings) {
  const want = Math.min(q.take === "min" ? min2 : max2, scores.length);
  if (scores.length < min2)
    warnings.push(makeDiagnostic("QUOTA_TIE", `Only ${scores.length} subject(s) qualify for ${q.grade}; the quota asks for at least ${min2}.`, { severity: "warning" }));
  if (want === 0 || want >= scores.length || scores[want - 1] !== scores[want]) return want;
  const tied = scores[want - 1];
  const start = scores.indexOf(tied);
  let end = start;
  while (end < scores.length && scores[end] === tied) end++;
  const policy = q.ties ?? "within-range";
  let k;
  if (policy === "include") k = end;
  else if (policy === "exclude") k = start;
  else k = end <= max2 ? end : start >= min2 ? start : end;
  const where = `places ${start + 1}\u2013${end} are tied at ${toFixedString(tied)}`;
  if (k > max2) warnings.push(makeDiagnostic("QUOTA_TIE", `${q.grade}: ${where}; all ${k} get it, more than the quota's ${max2}.`, { severity: "warning" }));
  else if (k < min2) warnings.push(makeDiagnostic("QUOTA_TIE", `${q.grade}: ${where}; none of them get it, leaving ${k}, fewer than the quota's ${min2}.`, { severity: "warning" }));
  else warnings.push(makeDiagnostic("QUOTA_TIE", `${q.grade}: ${where}; by the tie policy "${policy}", ${k} get it.`, { severity: "info" }));
  return k;
}
function cohortQuotas(program, bound2, results) {
  const out = [];
  for (const q of program.rubric.quotas ?? []) {
    if (q.cohort === void 0) continue;
    let count3 = 0;
    for (const r of results) count3 += r.quotas?.find((x) => x.id === q.id)?.count ?? 0;
    const required = numIn(program, bound2, q.cohort.atLeast);
    const short = Math.max(0, Math.ceil((required - (fromNumber(count3) ?? 0)) / 1e6));
    out.push({ id: q.id, title: q.title, required: toFixedString(required), count: count3, shortfall: short, met: short === 0 });
  }
  return out;
}

// src/evaluate/envelope.ts
var KEYS = /* @__PURE__ */ new Set(["id", "name", "facts", "records", "notApplicable", "adjustments", "self", "periods"]);
var PERIOD = new RegExp(PERIOD_KEY_PATTERN);
var MAX_ID = 200;
var isPlain = (v) => {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
};
function quickEnvelope(s, maxString, items) {
  if (!isPlain(s)) return void 0;
  for (const k in s) {
    switch (k) {
      case "id":
      case "name":
      case "facts":
      case "records":
      case "notApplicable":
        if (!Object.prototype.hasOwnProperty.call(s, k)) return void 0;
        continue;
      default:
        return void 0;
    }
  }
  const id = s.id;
  if (typeof id !== "string" || id.length === 0 || id.length > MAX_ID || id.length > maxString || hasControl(id)) return void 0;
  const name = s.name;
  if (name !== void 0 && (typeof name !== "string" || name.length > maxString || hasControl(name))) return void 0;
  if (s.adjustments !== void 0 || s.self !== void 0 || s.periods !== void 0) return void 0;
  const na = s.notApplicable;
  if (na !== void 0) {
    if (!Array.isArray(na)) return void 0;
    for (let i = 0; i < na.length; i++) if (typeof na[i] !== "string" || !items.has(na[i])) return void 0;
  }
  return s;
}
function checkEnvelope(program, s, scope, maxString, out) {
  const bad = (code, message, path) => out.push(makeDiagnostic(code, message, { subject: scope.subject, path }));
  const invalid2 = (label2, value, expected, path) => bad("EVIDENCE_INVALID", `${scope.who}: ${label2} must be ${expected} (got ${show2(value)}).`, path);
  if (!isPlain(s)) {
    invalid2("the subject", s, "a mapping with id and facts", []);
    return;
  }
  for (const k in s) if (!KEYS.has(k)) out.push(unknownField(scope, [], k, [...KEYS]));
  const text = (label2, v, path) => {
    const p = textProblem2(scope, label2, v, maxString, path);
    if (p) out.push(p);
    return p === void 0;
  };
  if (s.id === void 0) bad("EVIDENCE_MISSING", `${scope.who}: "id" is missing.`, ["id"]);
  else if (typeof s.id !== "string" || s.id.length === 0) invalid2('"id"', s.id, "a non-empty text", ["id"]);
  else if (s.id.length > MAX_ID) bad("EVIDENCE_INVALID", `${scope.who}: "id" must be at most ${MAX_ID} characters long.`, ["id"]);
  else text('"id"', s.id, ["id"]);
  if (s.name !== void 0) {
    if (typeof s.name !== "string") invalid2('"name"', s.name, "text", ["name"]);
    else text('"name"', s.name, ["name"]);
  }
  const ids = program.layout.index;
  const na = (v, path, words) => {
    if (v === void 0) return;
    if (!Array.isArray(v)) return invalid2(`notApplicable${words}`, v, "a list of item ids", path);
    v.forEach((x, i) => {
      if (typeof x !== "string" || !ids.has(x)) invalid2(`notApplicable[${i}]${words}`, x, `an item id (${listWords([...ids.keys()])})`, [...path, i]);
    });
  };
  na(s.notApplicable, ["notApplicable"], "");
  if (s.adjustments !== void 0) {
    if (!Array.isArray(s.adjustments)) invalid2("adjustments", s.adjustments, "a list of adjustments", ["adjustments"]);
    else s.adjustments.forEach((a, i) => checkAdjustment(a, i, ids, scope, maxString, out));
  }
  if (s.self !== void 0) {
    if (!isPlain(s.self)) invalid2("self", s.self, "a mapping with facts and records", ["self"]);
    else for (const k in s.self) if (k !== "facts" && k !== "records") out.push(unknownField(scope, ["self"], k, ["facts", "records"]));
  }
  if (s.periods !== void 0) {
    if (!program.rubric.rollup) out.push(unknownField(scope, [], "periods", [...KEYS].filter((k) => k !== "periods")));
    else if (!isPlain(s.periods)) invalid2("periods", s.periods, "a mapping of periods (2017-Q1: \u2026)", ["periods"]);
    else
      for (const key in s.periods) {
        const p = s.periods[key];
        if (!PERIOD.test(key)) {
          out.push(makeDiagnostic("EVIDENCE_UNKNOWN_FIELD", `${scope.who} has an unknown field "${key.slice(0, 40)}" in periods; expected a period key such as 2024, 2024-03, 2024-Q1 or 2024-H1.`, { subject: scope.subject, path: ["periods", key] }));
          continue;
        }
        if (!isPlain(p)) {
          invalid2(`periods.${key}`, p, "a mapping with facts, records and notApplicable", ["periods", key]);
          continue;
        }
        for (const k in p) if (k !== "facts" && k !== "records" && k !== "notApplicable") out.push(unknownField(scope, ["periods", key], k, ["facts", "records", "notApplicable"]));
        na(p.notApplicable, ["periods", key, "notApplicable"], ` in period ${key}`);
      }
  }
}
function checkAdjustment(a, i, ids, scope, maxString, out) {
  const path = ["adjustments", i];
  const bad = (code, message, at = path) => void out.push(makeDiagnostic(code, message, { subject: scope.subject, path: at }));
  if (!isPlain(a)) return bad("EVIDENCE_INVALID", `${scope.who}: adjustments[${i}] must be a mapping with item, to or by, reason and approver (got ${show2(a)}).`);
  for (const k in a) if (!["item", "to", "by", "reason", "approver", "date"].includes(k)) out.push(unknownField(scope, path, k, ["item", "to", "by", "reason", "approver", "date"]));
  if (a.item === void 0) bad("EVIDENCE_MISSING", `${scope.who}: adjustments[${i}] has no "item".`, [...path, "item"]);
  else if (typeof a.item !== "string" || a.item !== "total" && !ids.has(a.item)) bad("EVIDENCE_INVALID", `${scope.who}: adjustments[${i}].item must be an item id or "total" (got ${show2(a.item)}).`, [...path, "item"]);
  for (const k of ["reason", "approver"]) {
    const v = a[k];
    if (v === void 0) bad("EVIDENCE_MISSING", `${scope.who}: adjustments[${i}] has no "${k}".`, [...path, k]);
    else if (typeof v !== "string" || v.length === 0) bad("EVIDENCE_INVALID", `${scope.who}: adjustments[${i}].${k} must not be empty.`, [...path, k]);
    else {
      const p = textProblem2(scope, `adjustments[${i}].${k}`, v, maxString, [...path, k]);
      if (p) out.push(p);
    }
  }
  if (a.date !== void 0 && (typeof a.date !== "string" || parseDay(a.date) === void 0))
    bad("EVIDENCE_INVALID", `${scope.who}: adjustments[${i}].date must be a date written YYYY-MM-DD (got ${show2(a.date)}).`, [...path, "date"]);
  const given = ["to", "by"].filter((k) => a[k] !== void 0);
  if (given.length !== 1) bad("EVIDENCE_INVALID", `${scope.who}: adjustments[${i}] must give exactly one of "to" (the adjusted score) or "by" (the change)${given.length === 2 ? ", not both" : ""}.`);
  for (const k of given) {
    const v = a[k];
    if (adjustmentValue(v) === void 0) {
      const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : void 0;
      if (n !== void 0 && Number.isFinite(n) && Math.abs(n) < 8589934592) bad("EVIDENCE_PRECISION", `${scope.who}: adjustments[${i}].${k} = ${show2(v)} has more than 6 decimal places; round it in the source system.`, [...path, k]);
      else bad("EVIDENCE_INVALID", `${scope.who}: adjustments[${i}].${k} must be a number or a decimal string (got ${show2(v)}).`, [...path, k]);
    }
  }
}
function adjustmentValue(v) {
  if (typeof v === "number") return fromNumber(v);
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return parseFixed(v);
  return void 0;
}

// src/evaluate/money.ts
var yuan = (v) => toFixedString(v, 2);
function moneyResult(money, raw) {
  const rewards = (money.rewards ?? []).map((r, ri) => {
    const { keys, cats, amounts } = raw.rewards[ri];
    const kept = /* @__PURE__ */ new Map();
    const dropped = /* @__PURE__ */ new Map();
    for (let i = 0; i < keys.length; i++) {
      const [k, category, amount] = [keys[i], cats[i], amounts[i]];
      const prev = kept.get(k);
      if (prev === void 0) kept.set(k, { amount, category });
      else {
        const list2 = dropped.get(k) ?? [];
        if (amount > prev.amount) {
          list2.push(prev.category);
          kept.set(k, { amount, category });
        } else list2.push(category);
        dropped.set(k, list2);
      }
    }
    const byCategory = /* @__PURE__ */ new Map();
    let total = 0;
    for (const { amount, category } of kept.values()) {
      byCategory.set(category, (byCategory.get(category) ?? 0) + 1);
      total = add(total, amount);
    }
    const lines = Object.entries(r.amounts).filter(([c]) => byCategory.has(c)).map(([category]) => {
      const each = amounts[cats.indexOf(category)];
      return { category, count: byCategory.get(category), each: yuan(each), amount: yuan(mulInt(each, byCategory.get(category))) };
    });
    const duplicates = [...dropped.entries()].map(([k, list2]) => ({ key: String(k), kept: kept.get(k).category, dropped: list2 }));
    return {
      id: r.id,
      title: r.title,
      ...r.source !== void 0 ? { source: r.source } : {},
      amount: yuan(total),
      detail: lines.map((l) => `${l.category} ${l.count} \xD7 ${l.each}`).join(" + ") + (lines.length ? ` = ${yuan(total)}` : "none"),
      lines,
      ...duplicates.length ? { duplicates } : {}
    };
  });
  const penalties = (money.penalties ?? []).map((p, pi) => {
    const { amount, n } = raw.penalties[pi];
    const total = mulInt(amount, n);
    const detail = p.quota !== void 0 ? `short ${n} of ${p.quota} \xD7 ${yuan(amount)} = ${yuan(total)}` : `${p.fact} ${n} \xD7 ${yuan(amount)} = ${yuan(total)}`;
    return { id: p.id, title: p.title, ...p.source !== void 0 ? { source: p.source } : {}, amount: yuan(total), detail };
  });
  const sum = (lines) => lines.reduce((acc, l) => add(acc, parseFixed(l.amount)), 0);
  const rewardTotal = sum(rewards);
  const penaltyTotal = sum(penalties);
  return { currency: money.currency ?? "CNY", rewards, penalties, rewardTotal: yuan(rewardTotal), penaltyTotal: yuan(penaltyTotal), net: yuan(sub(rewardTotal, penaltyTotal)) };
}

// src/evaluate/rollup.ts
function combinePeriods(program, runs, window, subject) {
  const levels = program.rubric.rollup;
  const n = program.layout.nodes.length;
  const warnings = [];
  const err = (message) => new EvidenceError(makeDiagnostic("EVIDENCE_INVALID", message, { subject, path: ["periods"] }));
  let groups = runs.map((r) => ({ key: r.key, scores: r.S, na: r.NA }));
  const trails = /* @__PURE__ */ new Map();
  let unit = levels[0].from;
  for (const level of levels) {
    if (level.from !== unit) throw err(`The rubric's rollup goes from ${level.from}, but the previous level gives ${unit}.`);
    const byKey2 = /* @__PURE__ */ new Map();
    for (const g of groups) {
      const k = periodKey(parsePeriodKey(g.key).from, level.to);
      byKey2.set(k, [...byKey2.get(k) ?? [], g]);
    }
    const next = [];
    for (const [key, members] of byKey2) {
      const span2 = parsePeriodKey(key);
      const expected = periodsBetween(Math.max(span2.from, window.from ?? span2.from), Math.min(span2.to, window.to ?? span2.to), level.from);
      const missing = expected.filter((e) => !members.some((m) => m.key === e));
      if (missing.length && level.missing !== "skip") throw err(`${key} combines ${level.from}s by ${level.combine}, but ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} missing from the evidence.`);
      if (missing.length) warnings.push(makeDiagnostic("EVIDENCE_MISSING", `${key}: ${missing.join(", ")} missing; combined the ${members.length} given.`, { subject, severity: "warning", path: ["periods"] }));
      const scores = new Float64Array(n);
      const na = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const live = members.filter((m) => m.na[i] !== 1);
        if (!live.length) {
          na[i] = 1;
          continue;
        }
        scores[i] = combine(level.combine, live.map((m) => m.scores[i]));
        trails.set(i, `${level.combine} of ${live.map((m) => `${m.key} ${toFixedString(m.scores[i])}`).join(", ")} = ${toFixedString(scores[i])}`);
      }
      next.push({ key, scores, na });
    }
    groups = next;
    unit = level.to;
  }
  if (groups.length !== 1) throw err(`The evidence covers ${groups.length} ${unit}s (${groups.map((g) => g.key).join(", ")}); give the assessed span (period from/to).`);
  return { S: groups[0].scores, NA: groups[0].na, trails, levels: levels.map((l) => `${l.from} \u2192 ${l.to} by ${l.combine}`).join(", "), warnings };
}
function combine(how, values) {
  switch (how) {
    case "sum":
      return values.reduce((a, b) => add(a, b), 0);
    case "mean":
      return divInt(values.reduce((a, b) => add(a, b), 0), values.length);
    case "min":
      return values.reduce((a, b) => b < a ? b : a);
    case "max":
      return values.reduce((a, b) => b > a ? b : a);
    case "last":
      return values[values.length - 1];
  }
}

// src/evaluate/trail.ts
var ROUNDINGS2 = ["ceil", "floor", "exact"];
var T2 = toFixedString;
var View = class _View {
  constructor(program, r, base, info) {
    this.program = program;
    this.r = r;
    this.base = base;
    this.info = info;
  }
  program;
  r;
  base;
  info;
  slot(i) {
    return this.base < 0 ? NaN : this.r.TR[this.base + i];
  }
  num(v, fallback) {
    if (v === void 0) return fallback;
    if (typeof v === "object") return this.r.P[this.program.declared.params.get(v.param)];
    return literalFixed(v);
  }
  word(v) {
    if (v !== null && typeof v === "object" && "param" in v) return ROUNDINGS2[this.r.P[this.program.declared.params.get(v.param)]] ?? "?";
    return String(v);
  }
  day(v) {
    if (typeof v === "object") return this.r.P[this.program.declared.params.get(v.param)];
    if (v.startsWith("--")) {
      const anchor = this.r.to !== Infinity ? this.r.to : this.r.asOf;
      if (anchor !== anchor) return void 0;
      const y = ymd(anchor).y;
      const [m, d] = [Number(v.slice(2, 4)), Number(v.slice(5, 7))];
      return daysFromCivil(y, m, Math.min(d, daysInMonth(y, m)));
    }
    return parseDay(v);
  }
  cond(c) {
    const base = this.program.slots.cond.get(c);
    return formOf(c).explain(c, new _View(this.program, this.r, base ?? -1, this.info));
  }
  quota(id) {
    const k = this.program.declared.quotas.get(id);
    return this.r.Q[k] ?? { id, required: 0, overridden: false, count: 0, shortfall: 0, periods: [] };
  }
  get score() {
    const c = this.r.C?.[this.info.index];
    return c !== void 0 && c === c ? c : this.r.S[this.info.index];
  }
  get raw() {
    return this.r.TR[this.program.slots.node[this.info.index] + 1];
  }
  get node() {
    return this.info;
  }
  children() {
    const nodes = this.program.layout.nodes;
    return nodes[this.info.index].children.map((c) => ({ id: nodes[c].id, score: this.r.S[c], max: nodes[c].max, na: this.r.NA?.[c] === 1, policy: nodes[c].policy }));
  }
  get asOf() {
    return this.r.asOf === this.r.asOf ? this.r.asOf : void 0;
  }
  get decls() {
    return this.program.rubric;
  }
};
function nodeInfo(program, i) {
  const n = program.layout.nodes[i];
  return { index: i, id: n.id, max: n.max, min: n.min };
}
function explainCondition(program, r, c) {
  return new View(program, r, -1, nodeInfo(program, 0)).cond(c);
}
function nodeTrail(program, r, i) {
  const n = program.layout.nodes[i];
  const item = n.item;
  const view = new View(program, r, program.slots.kind[i], nodeInfo(program, i));
  const nodeBase = program.slots.node[i];
  const requires = item.requires !== void 0 ? view.cond(item.requires) : void 0;
  if (item.requires !== void 0 && r.TR[nodeBase] === 0) return { rule: "prerequisite of the item", inputs: {}, arithmetic: `not met \u2192 ${T2(n.otherwise)}`, requires };
  const e = kindOf2(item).trail(item, view);
  if (requires !== void 0) e.requires = requires;
  const raw = r.TR[nodeBase + 1];
  const score2 = view.score;
  if (e.bounds === void 0 && item.kind !== "section" && raw !== score2) e.bounds = `${T2(raw)} kept within [${n.text.min}, ${n.text.max}] \u2192 ${T2(score2)}`;
  return e;
}

// src/evaluate/run.ts
var dayOption = (s, what, ds) => {
  if (s === void 0) return void 0;
  const d = typeof s === "string" ? parseDay(s) : void 0;
  if (d === void 0) ds.push(makeDiagnostic("OPTION_INVALID", `${what} ${typeof s === "string" ? `"${s.slice(0, 40)}"` : String(s)} is not a date YYYY-MM-DD with a year from ${FIRST_YEAR} to ${LAST_YEAR}.`));
  return d;
};
function resolveWindow(program, options) {
  const ds = [];
  const period = options.period;
  if (period !== void 0 && (period === null || typeof period !== "object")) return fail([makeDiagnostic("OPTION_INVALID", 'The option "period" must be a mapping { from, to }.')]);
  const from = dayOption(period?.from, "period.from", ds) ?? program.period.from;
  const to = dayOption(period?.to, "period.to", ds) ?? program.period.to;
  const asOf = dayOption(options.asOf, "asOf", ds) ?? to;
  if (!ds.length && from !== void 0 && to !== void 0 && from > to)
    ds.push(makeDiagnostic("OPTION_INVALID", `The assessed span runs from ${formatDay(from)} to ${formatDay(to)}: its start is after its end.`, { hint: "Give period.from on or before period.to." }));
  if (ds.length) return fail(ds);
  const text = {};
  if (asOf !== void 0) text.asOf = formatDay(asOf);
  if (from !== void 0 || to !== void 0) text.period = { ...from !== void 0 ? { from: formatDay(from) } : {}, ...to !== void 0 ? { to: formatDay(to) } : {} };
  return ok({ asOf, from, to, text });
}
function openCall(program, bound2, window, limits, link) {
  const st = newState(program, bound2, window, limits);
  st.link = link;
  const n = program.layout.nodes.length;
  return { program, bound: bound2, window, limits, st, na: new Uint8Array(n), adjTo: new Float64Array(n), adjBy: new Float64Array(n), computed: new Float64Array(n) };
}
var prefixed = (ds, index) => ds.map((d) => d.severity === "error" ? { ...d, path: ["subjects", index, ...d.path ?? []] } : d);
function scopeOf(st, id, index, prefix = [], words = "") {
  const s = st.scope;
  s.subject = id ?? `#${index}`;
  s.who = id !== void 0 ? `Subject "${id.slice(0, 60)}"` : `Subject #${index}`;
  s.prefix = prefix;
  s.words = words;
}
function markNA(program, na, i) {
  const stack = [i];
  while (stack.length) {
    const j = stack.pop();
    na[j] = 1;
    for (const c of program.layout.nodes[j].children) stack.push(c);
  }
}
function bindNA(call, ids, more) {
  const { st, program, na } = call;
  if ((ids === void 0 || ids.length === 0) && (more === void 0 || more.length === 0)) {
    st.NA = null;
    return;
  }
  na.fill(0);
  for (const list2 of [ids, more]) for (const id of list2 ?? []) markNA(program, na, program.layout.index.get(id));
  st.NA = na;
}
function bindAdjustments(call, adjustments) {
  const { st, program } = call;
  if (!adjustments?.length) {
    st.A = st.AB = st.C = null;
    return;
  }
  call.adjTo.fill(NaN);
  call.adjBy.fill(NaN);
  call.computed.fill(NaN);
  for (const a of adjustments) {
    const i = a.item === "total" ? 0 : program.layout.index.get(a.item);
    call.adjTo[i] = a.to !== void 0 ? adjustmentValue(a.to) : NaN;
    call.adjBy[i] = a.by !== void 0 ? adjustmentValue(a.by) : NaN;
  }
  st.A = call.adjTo;
  st.AB = call.adjBy;
  st.C = call.computed;
}
function diagnose(call, subject, index) {
  const { st, program, limits } = call;
  const plain = checkSubjectData(subject, index, limits, ["subjects", index]);
  if (plain.length) return plain;
  const s = subject;
  const id = typeof s?.id === "string" ? s.id : void 0;
  scopeOf(st, id, index);
  const out = [];
  checkEnvelope(program, s, st.scope, limits.maxStringLength, out);
  st.problems = out;
  try {
    if (s !== null && typeof s === "object") {
      program.module.readFacts(st, s.facts, true);
      program.module.readRecords(st, s.records);
      if (s.self !== null && typeof s.self === "object") {
        scopeOf(st, id, index, ["self"], " (self-assessment)");
        program.module.readFacts(st, s.self.facts, false);
        program.module.readRecords(st, s.self.records);
      }
      if (program.rubric.rollup && s.periods !== null && typeof s.periods === "object")
        for (const [key, p] of Object.entries(s.periods)) {
          if (p === null || typeof p !== "object") continue;
          scopeOf(st, id, index, ["periods", key], ` in period ${key}`);
          program.module.readFacts(st, p.facts, false);
          program.module.readRecords(st, p.records);
        }
    }
  } finally {
    st.problems = null;
    scopeOf(st, id, index);
  }
  if (!out.length) out.push(makeDiagnostic("EVIDENCE_INVALID", `${st.scope.who}: the evidence is not of the form the rubric expects.`, { subject: st.scope.subject }));
  return prefixed(out.map((d) => withUsers(program, d)), index);
}
function withUsers(program, d) {
  const p = d.path ?? [];
  const at = p.indexOf("facts");
  const fact2 = at >= 0 ? p[at + 1] : void 0;
  const items = typeof fact2 === "string" ? program.factUsers.get(fact2) : void 0;
  return items ? { ...d, message: `${d.message.replace(/\.$/, "")} (read by item${items.length > 1 ? "s" : ""} ${items.join(", ")}).` } : d;
}
function read(call, subject, index) {
  const { st, program, limits } = call;
  let ev2 = quickEnvelope(subject, limits.maxStringLength, program.layout.index);
  if (ev2 === void 0) {
    const out = [];
    scopeOf(st, void 0, index);
    checkEnvelope(program, subject, st.scope, limits.maxStringLength, out);
    if (out.length || countRecords(subject) > limits.maxRecordsPerSubject) return void 0;
    ev2 = subject;
    const self = ev2.self;
    if (self !== void 0 && (!program.module.readFacts(st, self.facts, false) || !program.module.readRecords(st, self.records))) return void 0;
    if (ev2.periods !== void 0) {
      for (const p of Object.values(ev2.periods)) if (!program.module.readFacts(st, p.facts, false) || !program.module.readRecords(st, p.records)) return void 0;
    }
  }
  st.scope.subject = ev2.id;
  if (!program.module.readFacts(st, ev2.facts, true) || !program.module.readRecords(st, ev2.records)) return void 0;
  bindNA(call, ev2.notApplicable);
  bindAdjustments(call, ev2.adjustments);
  return ev2;
}
function runError(e, subject) {
  if (e instanceof EvidenceError) return { ...e.diagnostic, subject: e.diagnostic.subject || subject };
  if (e instanceof Error && e.code === "NUMBER_OUT_OF_RANGE")
    return makeDiagnostic("NUMBER_OUT_OF_RANGE", `A number in the evidence of subject "${subject}" is too large to score exactly.`, { subject });
  throw e;
}
function totalOf2(call, subject, index) {
  const { st, program } = call;
  st.TR = null;
  st.W = null;
  const ev2 = read(call, subject, index);
  if (ev2 === void 0) return diagnose(call, subject, index);
  try {
    const S = program.rubric.rollup && ev2.periods ? rollup(call, ev2, false).S : (program.module.score(st), st.S);
    return toFixedString(round(S[0], program.rounding.places, program.rounding.mode), program.rounding.places);
  } catch (e) {
    return prefixed([runError(e, ev2.id)], index);
  }
}
function rollup(call, ev2, trail) {
  const { st, program, window } = call;
  const runs = [];
  const periods = [];
  const nodes = program.layout.nodes;
  const first = program.rubric.rollup[0].from;
  const refuse = (message, path = ["periods"]) => new EvidenceError(makeDiagnostic("EVIDENCE_INVALID", message, { subject: ev2.id, path }));
  const A = st.A;
  const AB = st.AB;
  st.A = st.AB = st.C = null;
  for (const [key, p] of Object.entries(ev2.periods).sort(([a], [b]) => a < b ? -1 : 1)) {
    const span2 = parsePeriodKey(key);
    if (!span2 || span2.unit !== first) throw refuse(`Period "${key}" is not a ${first} (write ${{ month: "2017-03", quarter: "2017-Q1", half: "2017-H1", year: "2017" }[first]}).`, ["periods", key]);
    if (window.from !== void 0 && span2.to < window.from || window.to !== void 0 && span2.from > window.to) continue;
    const records = { ...ev2.records ?? {} };
    for (const [name, rows] of Object.entries(p.records ?? {})) records[name] = [...records[name] ?? [], ...rows];
    program.module.readFacts(st, { ...ev2.facts, ...p.facts }, false);
    program.module.readRecords(st, records);
    bindNA(call, ev2.notApplicable, p.notApplicable);
    st.from = span2.from;
    st.to = span2.to;
    st.TR = trail ? new Float64Array(program.slots.size).fill(NaN) : null;
    try {
      program.module.score(st);
    } catch (e) {
      if (e instanceof EvidenceError) throw new EvidenceError({ ...e.diagnostic, message: `Period ${key}: ${e.diagnostic.message}` });
      throw e;
    } finally {
      st.from = window.from ?? -Infinity;
      st.to = window.to ?? Infinity;
    }
    const run = { key, S: Float64Array.from(st.S), NA: st.NA ? Uint8Array.from(st.NA) : new Uint8Array(nodes.length), TR: st.TR, Q: [...st.Q], to: span2.to };
    runs.push(run);
    const items = {};
    for (let i = 1; i < nodes.length; i++) items[nodes[i].id] = toFixedString(run.S[i]);
    periods.push({ period: key, total: toFixedString(run.S[0]), items });
  }
  if (!runs.length) throw refuse("No period of the evidence falls in the assessed span.");
  const combined = combinePeriods(program, runs, window, ev2.id);
  for (const w of combined.warnings) st.W?.push(w);
  let C = null;
  if (A !== null) {
    const S = combined.S;
    C = new Float64Array(nodes.length).fill(NaN);
    for (let i = 0; i < nodes.length; i++) {
      const to = A[i];
      const by = AB[i];
      if (to !== to && by !== by) continue;
      C[i] = S[i];
      S[i] = to === to ? to : add(S[i], by);
      if (S[i] > nodes[i].max || S[i] < nodes[i].min) program.h.badAdjustment(st, i, S[i]);
    }
    for (const i of program.layout.post) {
      const n = nodes[i];
      if (!n.children.length || C[i] === C[i]) continue;
      let s = 0;
      for (const c of n.children) s = add(s, S[c]);
      S[i] = Math.min(n.max, Math.max(n.min, s));
    }
  }
  st.A = A;
  st.AB = AB;
  return { S: combined.S, NA: combined.NA, C, periods, runs, trails: combined.trails, levels: combined.levels };
}
var T3 = toFixedString;
function resultOf(call, subject, index, trail) {
  const { st, program, window } = call;
  const { rubric, layout } = program;
  const warnings = [];
  st.W = warnings;
  st.TR = new Float64Array(program.slots.size).fill(NaN);
  const ev2 = read(call, subject, index);
  if (ev2 === void 0) return fail(diagnose(call, subject, index));
  try {
    let S;
    let NA;
    let C;
    let rolled;
    if (rubric.rollup && ev2.periods) {
      rolled = rollup(call, ev2, trail);
      ({ S, NA, C } = rolled);
      program.module.readFacts(st, ev2.facts, false);
      program.module.readRecords(st, ev2.records);
      st.S.set(S);
      st.TR = new Float64Array(program.slots.size).fill(NaN);
      for (let q = 0; q < st.Q.length; q++) st.Q[q] = void 0;
    } else {
      program.module.score(st);
      S = Float64Array.from(st.S);
      NA = st.NA ? Uint8Array.from(st.NA) : null;
      C = st.C ? Float64Array.from(st.C) : null;
    }
    const exact = S[0];
    const total = round(exact, program.rounding.places, program.rounding.mode);
    program.module.outcome(st);
    const quotas = program.module.quotas.map((q) => q(st));
    const money = rubric.money ? moneyResult(rubric.money, program.module.money(st)) : void 0;
    const recorded = { TR: st.TR, S, C, NA, P: st.P, Q: [...st.Q], asOf: st.asOf, to: st.to };
    const gates = (rubric.gates ?? []).map((g, i) => {
      const r = { id: g.id, title: g.title, passed: st.G[i] === 1, reason: explainCondition(program, recorded, g.when) };
      if (g.source !== void 0) r.source = g.source;
      if (g.bars !== void 0) r.bars = [...g.bars];
      return r;
    });
    const eligible = gates.every((g) => g.passed || g.bars !== void 0);
    const barred = new Set(gates.flatMap((g) => g.passed ? [] : g.bars ?? []));
    const graded = gradeByThreshold(call, recorded, total, eligible, barred, gates);
    const adjustments = ev2.adjustments?.length ? ev2.adjustments.map(adjustmentText) : void 0;
    const result = {
      rubric: { id: rubric.id, title: rubric.title },
      subject: { id: ev2.id, ...ev2.name !== void 0 ? { name: ev2.name } : {} },
      ...window.text,
      total: T3(total, program.rounding.places),
      exactTotal: T3(exact),
      max: layout.nodes[0].text.max,
      eligible,
      gates,
      ...barred.size ? { barred: [...barred] } : {},
      ...graded,
      items: itemResults(call, recorded, trail, rolled, adjustments),
      warnings
    };
    if (rubric.quotas?.length)
      result.quotas = quotas.map((o, k) => {
        const q = rubric.quotas[k];
        return { id: q.id, title: q.title, ...q.source !== void 0 ? { source: q.source } : {}, required: o.required, overridden: o.overridden, count: o.count, shortfall: o.shortfall, ...o.periods.length ? { periods: o.periods } : {} };
      });
    if (money) result.money = money;
    if (rolled) result.periods = rolled.periods;
    if (adjustments) result.adjustments = adjustments;
    if (ev2.self && !rolled) selfAssessment(call, ev2, S, NA, result);
    return ok(result, warnings);
  } catch (e) {
    return fail(prefixed([runError(e, ev2.id), ...warnings], index));
  } finally {
    st.W = null;
  }
}
var adjustmentText = (a) => ({ ...a, ...a.to !== void 0 ? { to: String(a.to) } : {}, ...a.by !== void 0 ? { by: String(a.by) } : {} });
function gradeByThreshold(call, r, total, eligible, barred, gates) {
  const { program, st } = call;
  const { rubric } = program;
  if (!eligible) return { grade: rubric.grades?.ineligible ?? null, gradeBasis: "ineligible", gradeReason: `failed ${gates.filter((g) => !g.passed && g.bars === void 0).map((g) => `${g.title} (${g.id})`).join(", ")}` };
  const thresholds = rubric.grades?.thresholds ?? [];
  const quotaGrades = new Set((rubric.grades?.quotas ?? []).map((q) => q.grade));
  const num2 = (v) => v !== null && typeof v === "object" ? st.P[program.declared.params.get(v.param)] : literalFixed(v);
  if (!thresholds.some((t) => !quotaGrades.has(t.grade))) return { grade: null, gradeBasis: "none", gradeReason: "no grades declared" };
  const missed = [];
  let reason = `total ${T3(total)} reaches no grade threshold`;
  for (let k = 0; k < thresholds.length; k++) {
    const t = thresholds[k];
    if (quotaGrades.has(t.grade)) continue;
    if (barred.has(t.grade)) {
      missed.push(`not ${t.grade}: barred by a failed gate`);
      continue;
    }
    const min2 = t.min === void 0 ? void 0 : num2(t.min);
    if (min2 !== void 0 && total < min2) {
      missed.push(`not ${t.grade}: total ${T3(total)} < ${T3(min2)}`);
      continue;
    }
    const req = program.thresholds[k];
    if (t.requires !== void 0 && st.TH[req] !== 1) {
      missed.push(`not ${t.grade}: ${explainCondition(program, r, t.requires)}`);
      continue;
    }
    reason = `${min2 !== void 0 ? `total ${T3(total)} \u2265 ${T3(min2)}` : "any total"}${t.requires ? `; ${explainCondition(program, r, t.requires)}` : ""}`;
    return { grade: t.grade, gradeBasis: "threshold", gradeReason: missed.length ? `${reason} (${missed.join("; ")})` : reason };
  }
  return { grade: null, gradeBasis: "none", gradeReason: missed.length ? `${reason} (${missed.join("; ")})` : reason };
}
function itemResults(call, r, trail, rolled, adjustments) {
  const { program } = call;
  const nodes = program.layout.nodes;
  const build = (i) => {
    const node = nodes[i];
    const x = { id: node.id, title: node.title, kind: node.kind, max: node.text.max, min: node.text.min, score: T3(r.S[i]) };
    if (node.source !== void 0) x.source = node.source;
    if (node.note !== void 0) x.note = node.note;
    const na = r.NA?.[i] === 1;
    if (na) x.notApplicable = node.policy;
    const computed = r.C?.[i];
    if (computed !== void 0 && computed === computed) {
      x.computed = T3(computed);
      let a;
      for (const y of adjustments ?? []) if (y.item === node.id) a = y;
      if (a) x.adjustment = a;
    }
    if (trail && rolled) x.trail = rolledTrail(call, rolled, i);
    else if (trail && !na) x.trail = nodeTrail(program, r, i);
    if (node.children.length) x.items = node.children.map(build);
    return x;
  };
  return nodes[0].children.map(build);
}
function rolledTrail(call, rolled, i) {
  const { program, st } = call;
  const node = program.layout.nodes[i];
  const t = { rule: `rollup ${rolled.levels}`, inputs: {}, arithmetic: rolled.trails.get(i) ?? "not applicable in every period" };
  if (node.kind !== "section")
    t.periods = rolled.runs.map((run) => {
      if (run.NA[i] === 1) return { period: run.key, score: "0", arithmetic: "\u4E0D\u9069\u7528 (not applicable)" };
      const e = nodeTrail(program, { TR: run.TR, S: run.S, C: null, NA: run.NA, P: st.P, Q: run.Q, asOf: st.asOf, to: run.to }, i);
      if (e.rule === "prerequisite of the item") return { period: run.key, score: T3(run.S[i]), arithmetic: `prerequisite not met \u2192 ${T3(node.otherwise)} (${e.requires})` };
      const inputs = Object.entries(e.inputs).map(([k, v]) => `${k} = ${v}`).join(", ");
      return { period: run.key, score: T3(run.S[i]), arithmetic: `${inputs ? inputs + ": " : ""}${e.arithmetic}` };
    });
  return t;
}
function selfAssessment(call, ev2, S, NA, result) {
  const { st, program } = call;
  const self = ev2.self;
  program.module.readFacts(st, { ...ev2.facts, ...self.facts }, false);
  program.module.readRecords(st, self.records ?? ev2.records);
  st.NA = NA;
  st.A = st.AB = st.C = null;
  st.W = null;
  st.TR = null;
  program.module.score(st);
  const items = {};
  const differences = [];
  for (const node of program.layout.nodes) {
    if (node.index === 0) continue;
    const s = st.S[node.index];
    const a = S[node.index];
    items[node.id] = T3(s);
    if (s !== a) differences.push({ item: node.id, title: node.title, self: T3(s), assessor: T3(a), difference: T3(sub(s, a)) });
  }
  result.self = { total: T3(round(st.S[0], program.rounding.places, program.rounding.mode), program.rounding.places), items };
  result.differences = differences;
}

// src/api/evaluator.ts
var programs = /* @__PURE__ */ new WeakMap();
var isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
function compileRubric(rubric, options = {}) {
  const r = isObject(rubric) && "kaoping" in rubric ? rubric : isObject(rubric) ? rubric.rubric : void 0;
  if (!isObject(r) || !("kaoping" in r) || !Array.isArray(r.items))
    return fail([makeDiagnostic("OPTION_INVALID", "compileRubric takes a rubric that passed validation: the value of loadRubric or loadRubricData (or its .rubric).")]);
  if (!isObject(options)) return fail([makeDiagnostic("OPTION_INVALID", "The options of compileRubric must be a mapping { params, link }.")]);
  const compiled = compileProgram(r);
  if (!compiled.ok) return compiled;
  const program = compiled.value;
  if (options.params !== void 0 && !isObject(options.params)) return fail([makeDiagnostic("OPTION_INVALID", 'The option "params" must be a mapping of parameter names to values.')]);
  const base = program.bind(options.params);
  if (!base.ok) return base;
  const evaluator = makeEvaluator(program, base.value, options);
  programs.set(evaluator, program);
  return ok(evaluator, compiled.diagnostics);
}
function makeEvaluator(program, base, options) {
  const link = options.link ? (rubricId, evidence, st, fact2) => {
    const other = Object.prototype.hasOwnProperty.call(options.link, rubricId) ? options.link[rubricId] : void 0;
    if (!other) return makeDiagnostic("EVIDENCE_INVALID", `Fact "${fact2}" gives evidence for rubric ${rubricId}, but no evaluator for it is linked.`, { path: ["facts", fact2] });
    const r = other.evaluate({ id: st.scope.subject, ...evidence }, { ...st.asOf === st.asOf ? { asOf: formatDay(st.asOf) } : {}, trail: false });
    if (!r.ok) return r.diagnostics.find((d) => d.severity === "error") ?? makeDiagnostic("EVIDENCE_INVALID", "The linked rubric refused the evidence.");
    return parseFixed(r.value.total);
  } : void 0;
  const open = (opts, extra) => {
    if (opts !== void 0 && !isObject(opts)) return fail([makeDiagnostic("OPTION_INVALID", 'The options must be a mapping such as { asOf: "2017-12-31" }.')]);
    const o = opts ?? {};
    const limits = o.limits === void 0 ? ok(DEFAULT_LIMITS) : resolveLimits(o.limits);
    if (!limits.ok) return limits;
    if (o.invalid !== void 0 && o.invalid !== "fail" && o.invalid !== "skip") return fail([makeDiagnostic("OPTION_INVALID", `The option "invalid" must be "fail" or "skip", not ${JSON.stringify(o.invalid)?.slice(0, 40)}.`)]);
    const callParams = o.params ?? extra?.params;
    if (callParams !== void 0) {
      if (!isObject(callParams)) return fail([makeDiagnostic("OPTION_INVALID", 'The option "params" must be a mapping of parameter names to values.')]);
      const plain = checkPlainData(callParams, limits.value, "evidence", ["params"]);
      if (plain.length) return fail(plain.map((d) => ({ ...d, code: d.code === "EVIDENCE_INVALID" ? "OPTION_INVALID" : d.code })));
    }
    const params = extra?.params !== void 0 && o.params !== void 0 ? { ...extra.params, ...o.params } : callParams;
    const bound2 = params === void 0 ? ok(base) : program.bind({ ...options.params, ...params });
    if (!bound2.ok) return bound2;
    const w = resolveWindow(program, { asOf: o.asOf ?? extra?.asOf, period: o.period ?? extra?.period });
    if (!w.ok) return w;
    return ok({ ...openCall(program, bound2.value, w.value, limits.value, link), opts: o });
  };
  const tooMany = (n, limits) => n > limits.maxSubjects ? fail([limitExceeded("maxSubjects", limits.maxSubjects, `The cohort has ${n.toLocaleString("en")} subjects`, { path: ["subjects"] })]) : void 0;
  const trailFor = (o, id) => Array.isArray(o.trail) ? typeof id === "string" && o.trail.includes(id) : o.trail !== false;
  const evaluator = {
    rubric: program.rubric,
    evaluate(subject, opts) {
      const call = open(opts);
      if (!call.ok) return call;
      const r = resultOf(call.value, subject, 0, trailFor(call.value.opts, subject?.id));
      if (r.ok && program.rubric.grades?.quotas?.length) {
        const grades = program.rubric.grades.quotas.map((q) => q.grade).join(", ");
        r.value.warnings.push(makeDiagnostic("QUOTA_NEEDS_COHORT", `Ranked quota grades (${grades}) are given over a cohort: use evaluateCohort; this subject is graded by thresholds only.`, { severity: "info", subject: r.value.subject.id }));
      }
      return r;
    },
    evaluateCohort(evidence, opts) {
      const file = Array.isArray(evidence) ? { subjects: evidence } : evidence;
      if (!isObject(file) || !Array.isArray(file.subjects))
        return fail([makeDiagnostic("EVIDENCE_INVALID", 'Cohort evidence must be a list of subjects, or a mapping with a "subjects" list.', { path: [] })]);
      const diagnostics = [];
      if (!Array.isArray(evidence)) {
        const rest = {};
        for (const k of ["rubric", "asOf", "period", "params"]) if (file[k] !== void 0) rest[k] = file[k];
        const plain = checkPlainData(rest, DEFAULT_LIMITS, "evidence");
        if (plain.length) return fail(plain);
        if (file.rubric !== void 0 && file.rubric !== program.rubric.id) diagnostics.push(makeDiagnostic("EVIDENCE_INVALID", `The evidence is for rubric "${String(file.rubric).slice(0, 80)}", not "${program.rubric.id}".`, { path: ["rubric"] }));
      }
      const call = open(opts, Array.isArray(evidence) ? void 0 : file);
      if (!call.ok) return call;
      const c = call.value;
      const too = tooMany(file.subjects.length, c.limits);
      if (too) return too;
      const skip = c.opts.invalid === "skip";
      const seen = /* @__PURE__ */ new Map();
      const declared = program.rubric.subjects?.list;
      const declaredIds = declared ? new Set(declared.map((d) => d.id)) : void 0;
      const results = [];
      const refused = [];
      file.subjects.forEach((s, i) => {
        const id = isObject(s) && typeof s.id === "string" ? s.id : void 0;
        if (id !== void 0 && seen.has(id)) {
          const d = makeDiagnostic("EVIDENCE_DUPLICATE_SUBJECT", `Subject "${id}" appears twice (entries ${seen.get(id) + 1} and ${i + 1}).`, { subject: id, path: ["subjects", i, "id"] });
          if (skip) refused.push({ index: i, id, diagnostics: [d] });
          else diagnostics.push(d);
          return;
        }
        if (id !== void 0) seen.set(id, i);
        const r = resultOf(c, s, i, trailFor(c.opts, id));
        if (!r.ok) {
          if (skip) refused.push({ index: i, ...id !== void 0 ? { id } : {}, diagnostics: r.diagnostics });
          else diagnostics.push(...r.diagnostics);
          return;
        }
        if (declaredIds && !declaredIds.has(r.value.subject.id))
          diagnostics.push(makeDiagnostic("EVIDENCE_UNKNOWN_SUBJECT", `Subject "${r.value.subject.id}" is not one of the rubric's subjects: ${[...declaredIds].slice(0, 12).join(", ")}${declaredIds.size > 12 ? ", \u2026" : ""}.`, { subject: r.value.subject.id, path: ["subjects", i, "id"] }));
        results.push(r.value);
      });
      if (declared) {
        for (const d of declared) if (!seen.has(d.id)) diagnostics.push(makeDiagnostic("EVIDENCE_MISSING", `Subject "${d.id}" (${d.name}) has no evidence.`, { severity: "warning", subject: d.id, path: ["subjects"] }));
      }
      if (diagnostics.some((d) => d.severity === "error")) return fail(diagnostics);
      const warnings = [...diagnostics];
      rankCohort(program, c.bound, results, warnings);
      const value = {
        rubric: { id: program.rubric.id, title: program.rubric.title },
        ...c.window.text.asOf !== void 0 ? { asOf: c.window.text.asOf } : {},
        subjects: results,
        cohortQuotas: cohortQuotas(program, c.bound, results),
        ...skip ? { refused } : {},
        warnings
      };
      return ok(value, warnings);
    },
    totals(subjects2, opts) {
      if (!Array.isArray(subjects2)) return fail([makeDiagnostic("EVIDENCE_INVALID", "totals takes a list of subjects.", { path: [] })]);
      const call = open(opts);
      if (!call.ok) return call;
      const c = call.value;
      const too = tooMany(subjects2.length, c.limits);
      if (too) return too;
      const skip = c.opts.invalid === "skip";
      const ids = new Array(subjects2.length);
      const totals = new Array(subjects2.length);
      const refusals = [];
      for (let i = 0; i < subjects2.length; i++) {
        const t = totalOf2(c, subjects2[i], i);
        if (typeof t === "string") {
          ids[i] = c.st.scope.subject;
          totals[i] = t;
          continue;
        }
        if (!skip) return fail(t);
        const s = subjects2[i];
        ids[i] = isObject(s) && typeof s.id === "string" ? s.id : `#${i}`;
        totals[i] = null;
        for (const d of t) refusals.push({ ...d, severity: "warning" });
      }
      return ok({ ids, totals }, refusals);
    },
    evidenceSchema: () => evidenceSchema(program.rubric)
  };
  return evaluator;
}

// bench/xuzhou-data.ts
function makeSubjects(n) {
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const rate = () => Math.round(rnd() * 1e3) / 1e3;
  const judged2 = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
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
      materials: judged2(1, 3),
      ledger: judged2(1, 3),
      achievements: judged2(1, 15),
      countyApplications: judged2(1, 4),
      enterpriseAcceptance: judged2(1, 5),
      workInformation: judged2(1, 5),
      classifiedGuidance: judged2(1, 5),
      lookBack: judged2(1, 3),
      provincialShowcase: judged2(1, 3),
      regulationMeasures: judged2(1, 4)
    },
    records: {
      innovations: Array.from({ length: Math.floor(rnd() * 4) }, (_2, k) => ({ title: `t${k}`, kind: kinds[Math.floor(rnd() * 3)], date: "2017-06-01" }))
    }
  }));
}

// scratch/prof3.ts
var ev = compileRubric(loadRubric((0, import_node_fs.readFileSync)("rubrics/xuzhou-statistics-2017.yaml", "utf8")).value).value;
var subjects = makeSubjects(1e5);
var t0 = Date.now();
for (let i = 0; i < 30; i++) ev.totals(subjects);
console.log((Date.now() - t0) / 30 / 1e5 * 1e6, "ns/subject");
