import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { globSync, isDynamicPattern } from 'tinyglobby'

/** A character that may make a path segment a pattern (a superset: a segment wrongly taken for one only costs a wider walk). */
const MAGIC = /[*?[\]{}()!\\]/

// Expands a glob as CI users write them (`rubrics/**/*.yaml`, `rubrics/{a,b}.yaml`, `*/x.yaml`) through tinyglobby:
// files only, no dot files unless a segment names them, sorted. A path that is no pattern comes back as it is (so a
// missing file is reported as missing, not as "no files match"), and so does a pattern that matches nothing but
// names an existing file (`a(1).yaml`).
//
// The paths keep the directory the user wrote: tinyglobby answers relative to its cwd, normalised (`./x/*.yaml`
// gives `x/a.yaml`, `/abs/x/*.yaml` gives `../../abs/x/a.yaml`), so the leading segments without a pattern are split
// off, walked from, and put back in front of every match (`./x/a.yaml`, `/abs/x/a.yaml`). A diagnostic then names
// the file the way its author refers to it. (Line comments: a block comment would end at the first glob's star-slash.)
export function expandGlob(pattern: string, cwd: string): string[] {
  if (!isDynamicPattern(pattern)) return [pattern]
  const segments = pattern.split('/')
  let fixed = 0
  while (fixed < segments.length - 1 && !MAGIC.test(segments[fixed]!)) fixed++
  const base = fixed === 0 ? '' : segments.slice(0, fixed).join('/') + '/'
  const rest = segments.slice(fixed).join('/')
  const matched = globSync(rest, { cwd: resolve(cwd, base || '.'), onlyFiles: true, dot: false, expandDirectories: false })
  if (!matched.length && existsSync(resolve(cwd, pattern))) return [pattern]
  return matched.sort().map((f) => base + f)
}
