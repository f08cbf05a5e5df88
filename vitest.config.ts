import { defineConfig } from 'vitest/config';

// Two tiers. `unit` mirrors src/ (about a minute and a half on two cores); `integration` holds what reads the
// corpus, builds or installs the package, spawns the CLI or drives a browser. `npm test` runs both;
// `npm run test:unit` only the first.
const INTEGRATION = ['test/integration/**/*.test.ts', 'test/examples/**/*.test.ts', 'test/fuzz/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // One fixed fast-check seed (FC_SEED=random explores): CI runs the property cases a developer ran.
    setupFiles: ['test/support/fast-check-seed.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: INTEGRATION } },
      { extends: true, test: { name: 'integration', include: INTEGRATION } },
    ],
  },
});
