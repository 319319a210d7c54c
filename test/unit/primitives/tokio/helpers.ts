/** Run tokio-flavour scenario bodies in tests: the body runs as `#[tokio::main]`'s body (tokio/scenario.ts). */
import { scenario } from '../../../../src/primitives/tokio/scenario.js';
import { runS, kinds } from '../../../helpers.js';
import type { RunOptions, RunReport } from '../../../../src/harness/types.js';

export { kinds };

export function runTokio(body: () => Promise<unknown>, opts: Partial<RunOptions> = {}): Promise<RunReport> {
  return runS(scenario('tokio test', body), opts);
}
