/** Run Rust-flavour scenario bodies in tests: the body runs as a Rust main thread (rust/scenario.ts). */
import { scenario } from '../../../../src/primitives/rust/scenario.js';
import { runS, kinds } from '../../../helpers.js';
import type { RunOptions, RunReport } from '../../../../src/harness/types.js';

export { kinds };

export function runRust(body: () => Promise<unknown>, opts: Partial<RunOptions> = {}): Promise<RunReport> {
  return runS(scenario('rust test', body), opts);
}
