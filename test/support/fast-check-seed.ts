/**
 * Test setup: every property test runs from one fixed seed, so a run on another machine checks the very cases
 * checked here, and a failure replays. `FC_SEED=random npm test` explores new cases (fast-check prints the seed of a
 * failure); `FC_SEED=<n>` replays one. Tests that pin their own seed keep it. Not a test file.
 */
import fc from 'fast-check';

const DEFAULT_SEED = 20261207;

const wanted = process.env.FC_SEED;
if (wanted !== 'random') {
  const seed = wanted === undefined || wanted === '' ? DEFAULT_SEED : Number(wanted);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", not ${JSON.stringify(wanted)}`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
