import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    // Builds dist/ once (when stale) for the tests that run the built bin.
    globalSetup: ['tests/support/build.ts'],
  },
})
