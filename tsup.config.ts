import { readFileSync, rmSync } from 'node:fs'
import { defineConfig, type Options } from 'tsup'

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }

// Quiet: `npm pack --json` and `npm install` run this build (prepare), and npm's JSON on stdout must stay JSON.
// tsup then prints errors only, on stderr, and an error still fails the build.
const silent = true

// The shipped rubrics' entry (src/shipped.ts) reaches the core only through its import of './index', which becomes an
// import of the main entry's built file: a program that uses both entries runs one copy of the core, and the entry's
// own code is little more than the rubrics' text. (Its .d.ts inlines the few types it names.)
const mainEntry: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'kaoping-main-entry',
  setup(build) {
    const main = build.initialOptions.format === 'cjs' ? './index.cjs' : './index.js'
    build.onResolve({ filter: /^\.\/index$/ }, ({ importer }) => (/src[\\/]shipped\.ts$/.test(importer) ? { path: main, external: true } : undefined))
  },
}

const library: Options = {
  format: ['esm', 'cjs'],
  dts: true,
  // No sourcemaps in the package: they would be 42% of it, and the code is not minified (README, "The package").
  sourcemap: false,
  target: 'node20',
  silent,
}

// The three builds run at once, so none of them uses tsup's `clean` (one could remove what another has written): the
// output directory (dist, or --out-dir) is emptied once, here, before they start.
export default defineConfig(({ outDir = 'dist' }): Options[] => {
  rmSync(outDir, { recursive: true, force: true })
  return [
    { ...library, entry: { index: 'src/index.ts' } },
    {
      ...library,
      entry: { shipped: 'src/shipped.ts' },
      esbuildPlugins: [mainEntry],
      // The rubrics' text as written (UTF-8), not as \u escapes: a quarter smaller, and readable in the bundle.
      esbuildOptions: (o) => void (o.charset = 'utf8'),
    },
    {
      entry: { cli: 'src/cli/main.ts' },
      format: ['cjs'],
      target: 'node20',
      banner: { js: '#!/usr/bin/env node' },
      define: { __KAOPING_VERSION__: JSON.stringify(version) },
      silent,
    },
  ]
})
