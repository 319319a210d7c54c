/**
 * shuttle's async harness in simcc/tokio terms. shuttle runs `future::spawn`ed futures as tasks on its
 * own executor and `future::block_on` on the calling thread; simcc's tokio flavour runs the scenario body
 * as `#[tokio::main]`'s body, so `block_on(f)` is simply `await f` in the body and `future::spawn` is
 * tokio's `spawn`. The checks are the ones of ../shuttle/helpers.ts (`check_dfs` → an exhaustive
 * `explore`, `check_random(f, n)` → n random runs, `check_pct(f, n, d)` → n PCT runs of depth d), on
 * tokio scenarios.
 */
import { scenario } from '../../../src/tokio.js';
import { shuttleChecks, type Check } from '../shuttle/helpers.js';

export { dfs, random, pct } from '../shuttle/helpers.js';
export type { Check };

/**
 * `check_dfs` where the test orders tasks by sleeping: shuttle has no clock that fires a timer while a
 * task could still run, so these use synctest time (a timer fires only once every task is blocked).
 */
export const dfsSynctest = (): Check => ({ dfs: true, synctest: true });

export const { passes, fails } = shuttleChecks((name, body) => scenario(name, body));
