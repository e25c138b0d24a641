/**
 * The running kaoping's version: tsup writes it into the built command (`__KAOPING_VERSION__`, from package.json);
 * run from the sources (tests, tsx) there is none, and it reads 0.0.0-dev.
 */
declare const __KAOPING_VERSION__: string | undefined

export const VERSION = typeof __KAOPING_VERSION__ === 'string' ? __KAOPING_VERSION__ : '0.0.0-dev'
