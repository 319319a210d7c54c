// Ported from tokio's loom tests of JoinSet (tokio/src/runtime/tests/loom_join_set.rs), onto simcc/tokio.
import { describe, expect, it } from 'vitest';
import { JoinSet, assert, sleep } from '../../../src/tokio.js';
import { dfs, passes } from '../shuttle-future/helpers.js';

describe('tokio runtime/tests/loom_join_set.rs', () => {
  it('test_join_set', async () => {
    await passes('test_join_set', dfs(), async () => {
      const set = new JoinSet<void>();
      assert(set.len() === 0);
      set.spawn(async () => {});
      assert(set.len() === 1);
      set.spawn(async () => {});
      assert(set.len() === 2);
      (await set.joinNext())!.unwrap();
      assert(set.len() === 1);
      set.spawn(async () => {});
      assert(set.len() === 2);
      (await set.joinNext())!.unwrap();
      assert(set.len() === 1);
      (await set.joinNext())!.unwrap();
      assert(set.len() === 0);
      set.spawn(async () => {});
      assert(set.len() === 1);
    });
  });

  // loom sees both outcomes: the task may complete on another worker before abort_all lands. Code between
  // two awaits is one step in simcc (docs/tokio.md, "Abort"), so as written only the cancellation is
  // seen; with an await that lets the task run between the spawn and the abort, both are.
  it('abort_all_during_completion', async () => {
    const outcomes = (withAwait: boolean) => async () => {
      const seen = new Set<string>();
      await passes('abort_all_during_completion', dfs(), async () => {
        const set = new JoinSet<void>();
        set.spawn(async () => {});
        if (withAwait) await sleep(0);
        set.abortAll();
        const r = await set.joinNext();
        assert(r !== undefined, 'unreachable: None');
        if (r.isOk()) seen.add('complete');
        else if (r.unwrapErr().isCancelled()) seen.add('cancelled');
        else throw new Error(`fail: ${String(r.unwrapErr())}`);
        assert((await set.joinNext()) === undefined);
      });
      return [...seen].sort();
    };
    expect(await outcomes(false)()).toEqual(['cancelled']);
    expect(await outcomes(true)()).toEqual(['cancelled', 'complete']);
  });
});
