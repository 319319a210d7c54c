/**
 * A cancelled async block's code never runs past the last point where its poll returned Pending
 * (issue 11): Rust polls a `select!`/`timeout` branch to its next Pending await in one go, so a branch
 * whose code got past an await either finished that poll before the select decided, or never started
 * it. simcc runs an async block as a sub-task whose std operations are scheduling points of their own;
 * the combinator cannot decide while one of its async blocks is in the middle of a poll (parked at a std
 * operation), so a branch that ran to its end always wins or was never polled.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../../../src/primitives/tokio/scenario.js';
import { select } from '../../../../src/primitives/tokio/select.js';
import { sleep, sleepBranch } from '../../../../src/primitives/tokio/time.js';
import { AtomicUsize } from '../../../../src/primitives/rust/atomic.js';
import { exploreScenario } from '../../../../src/harness/explore.js';
import { bruteForce, dporSplit, exploreOptions, type Outcome } from '../../scheduler/explore-helpers.js';
import { spawn } from '../../../../src/primitives/tokio/task.js';
import { join } from '../../../../src/primitives/tokio/select.js';

describe('cancellation of an async block', () => {
  it('a branch whose code ran to its end was not cancelled (every schedule)', async () => {
    const outcomes = new Set<string>();
    const s = scenario('cancel mid-poll', async () => {
      const x = new AtomicUsize(0, 'x');
      const log: string[] = [];
      const r = await select([
        async () => {
          await sleep(5);
          log.push('a1');
          await x.store(1, 'SeqCst'); // a std operation: a scheduling point inside the poll
          log.push('a2');
          return 'a';
        },
        sleepBranch(5),
      ]);
      outcomes.add(`${r.index}:${log.join(',')}`);
    });
    const rep = await exploreScenario(s, exploreOptions());
    expect(rep.complete).toBe(true);
    expect(rep.findings).toEqual([]);
    // Rust: branch 0 polled first runs a1, a2 and wins; branch 1 polled first wins with nothing run.
    // Never "branch 1 won after a1 and a2 ran", nor a1 without a2.
    expect([...outcomes].sort()).toEqual(['0:a1,a2', '1:']);
  });

  it('DPOR explores the same traces and outcomes as brute force when a combinator waits for a block mid-poll', async () => {
    let log: Record<string, unknown[]> = {};
    const see = (who: string, v: unknown) => void (log[who] ??= []).push(v);
    const s = scenario('mid-poll against brute force', async () => {
      log = {};
      const x = new AtomicUsize(0, 'x');
      spawn(async () => {
        await x.store(2, 'SeqCst');
        see('w', 'stored');
      }, 'w');
      const r = await select([
        async () => {
          see('a', await x.load('SeqCst'));
          await x.store(1, 'SeqCst');
          see('a', 'end');
          return 'a';
        },
        async () => {
          await join(async () => see('b', await x.load('SeqCst')));
          return 'b';
        },
      ]);
      see('main', r.index);
    });
    const seen = () => Object.fromEntries(Object.entries(log).sort(([a], [b]) => (a < b ? -1 : 1)));
    const brute = await bruteForce(s, seen, 20_000);
    expect(brute).not.toBeNull();
    const d = await dporSplit(s, 1, seen);
    const set = (os: Outcome[]) => [...new Set(os.map((o) => JSON.stringify(o)))].sort();
    expect(set(d.outcomes)).toEqual(set(brute!.outcomes));
    expect(new Set(d.forms).size).toBe(d.forms.length);
    expect([...d.forms].sort()).toEqual([...new Set(brute!.forms)].sort());
  });
});
