import { defineConfig } from 'vitest/config';

// Two tiers. `unit` mirrors src/ and runs in seconds; `integration` holds what reads the corpus, builds or installs
// the package, spawns the CLI or drives a browser. `npm test` runs both; `npm run test:unit` only the first.
const INTEGRATION = ['test/integration/**/*.test.ts', 'test/examples/**/*.test.ts', 'test/fuzz/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: INTEGRATION } },
      { extends: true, test: { name: 'integration', include: INTEGRATION } },
    ],
  },
});
