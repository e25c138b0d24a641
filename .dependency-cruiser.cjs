// The stages of kaoping and the order they may import in (npm test runs `depcruise src`): a stage imports only
// stages below it, and no files import each other in a circle. docs/architecture.md explains the stages.
//
//   base (num, text, diagnostics, limits) → load → model → kinds → validate → lint → compile → evaluate → report → api → cli
const layers = ['num|text|diagnostics|limits\\.ts', 'load', 'model', 'kinds', 'validate', 'lint', 'compile', 'evaluate', 'report', 'api|index\\.ts|shipped\\.ts', 'cli']
const at = (i) => `^src/(${layers[i]})`
const above = (i) => `^src/(${layers.slice(i + 1).join('|')})`

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files that import each other in a circle: split the shared part out, below both.',
      from: { path: '^src' },
      to: { circular: true },
    },
    ...layers.slice(0, -1).map((name, i) => ({
      name: `stage-order-${name.split('|')[0].replace(/\\\\?\./g, '')}`,
      severity: 'error',
      comment: `A stage imports only the stages below it (${layers.join(' → ').replace(/\\\\/g, '')}).`,
      from: { path: at(i) },
      to: { path: above(i) },
    })),
    {
      name: 'core-without-io',
      severity: 'error',
      comment: 'The core (load → evaluate) is pure: only the CLI touches files, processes and the clock.',
      from: { path: '^src/(?!cli/)' },
      to: { path: '^(fs|node:fs|child_process|node:child_process|process|node:process|os|node:os|net|node:net|http|node:http)$', dependencyTypes: ['core'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: { path: '^src' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
}
