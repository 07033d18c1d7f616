import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.spec.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Builds renderer/dist for the e2e specs when it is missing or stale; a few ms otherwise.
    globalSetup: ['tests/e2e/buildRenderer.ts'],
    // The JSON report is what .ci/run counts from; the default reporter is for people.
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});
