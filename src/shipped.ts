// kaoping/shipped: the rubrics shipped with kaoping (rubrics/*.yaml), by id, and loading one.
//
// A package entry of its own, so that the rubrics' text (about 200 KB) reaches only the bundles that import it. It
// imports the core only through './index': the build (tsup.config.ts) makes that import of the main entry, so both
// entries share one copy of the core at run time.
import { loadRubric, makeDiagnostic, fail, type LoadedRubric, type LoadOptions, type Result } from './index'
import { shippedRubrics } from './api/shipped-rubrics'

/** The ids of the shipped rubrics (their file names in `kaoping/rubrics/`), sorted. */
export function shippedRubricIds(): string[] {
  return Object.keys(shippedRubrics)
}

/** The text of the shipped rubric `id`, as in `kaoping/rubrics/<id>.yaml`; undefined when no rubric has that id. */
export function shippedRubricText(id: string): string | undefined {
  return typeof id === 'string' && Object.hasOwn(shippedRubrics, id) ? shippedRubrics[id] : undefined
}

/**
 * Loads the shipped rubric `id` as `loadRubric` does, its diagnostics naming the file `kaoping/rubrics/<id>.yaml`
 * (unless `options.file` says otherwise). An unknown id gives OPTION_INVALID, listing the ids there are.
 */
export function loadShippedRubric(id: string, options: LoadOptions = {}): Result<LoadedRubric> {
  if (options === null || typeof options !== 'object') return fail([makeDiagnostic('OPTION_INVALID', 'The options of loadShippedRubric must be a mapping such as { lint, limits }.')])
  const text = shippedRubricText(id)
  if (text === undefined) {
    const given = typeof id === 'string' ? `the id ${JSON.stringify(id.slice(0, 80))}` : `an id that is ${id === null ? 'null' : typeof id}`
    const hint = 'Use an id of shippedRubricIds() (a file name in kaoping/rubrics/ without .yaml), or read your own rubric with loadRubric.'
    return fail([makeDiagnostic('OPTION_INVALID', `No rubric shipped with kaoping has ${given}; the shipped rubrics are ${shippedRubricIds().join(', ')}.`, { hint })])
  }
  return loadRubric(text, { ...options, file: options.file ?? `kaoping/rubrics/${id}.yaml` })
}
