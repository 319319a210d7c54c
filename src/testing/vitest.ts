/**
 * `import 'simcc/testing/vitest'` (in a test file, or in vitest's `setupFiles`): registers simcc's
 * matchers with vitest's `expect` and declares their types.
 *
 *   expect(await exploreScenario(s)).toFind('data-race');
 *   expect(await runScenario('scenarios/fixed.ts')).toHaveNoFindings();
 */
import { expect } from 'vitest';
import { matchers, type SimccMatchers } from './matchers.js';

expect.extend(matchers);

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Assertion<T = any> extends SimccMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends SimccMatchers {}
}
