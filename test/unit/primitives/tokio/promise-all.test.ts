/**
 * `await Promise.all([a.join(), b.join()])` in one task (docs/tokio.md "Futures are lazy"): a task
 * awaits one tokio operation at a time, so it is a scenario error — and it must name the task that
 * awaits (not the task that happened to run when the second `then` was called, as it did) and the line.
 * A future awaited in another task than the one that made it is no such error.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from '../../../../src/primitives/tokio/task.js';
import { sleep, Instant } from '../../../../src/primitives/tokio/time.js';
import { join } from '../../../../src/primitives/tokio/select.js';
import { runTokio, kinds } from './helpers.js';

describe('Promise.all / Promise.race of tokio futures', () => {
  it('Promise.all of two joins names the awaiting task, both operations and the line', async () => {
    const r = await runTokio(async () => {
      const a = spawn(async () => {
        await sleep(1);
        return 1;
      }, 'a');
      const b = spawn(async () => {
        await sleep(2);
        return 2;
      }, 'b');
      await Promise.all([a.join(), b.join()]);
    }, { runs: 20 });
    expect(r.error?.message).toMatch(/^task 'main' awaits join of task 'b' while it already waits on join of task 'a' \(.*promise-all\.test\.ts:\d+:\d+\): a task awaits one tokio operation at a time .*use join\(\(\) => a, \(\) => b\)/);
    expect(r.error?.location).toMatch(/promise-all\.test\.ts:\d+:\d+/);
  });

  it('in a spawned task too, and Promise.race names select', async () => {
    const r = await runTokio(async () => {
      const w = spawn(async () => {
        const a = spawn(async () => 1, 'a');
        await Promise.race([a.join(), sleep(5)]);
      }, 'w');
      await w.join();
    }, { runs: 20 });
    expect(r.error?.message).toMatch(/^task 'w' awaits sleep\(5\) while it already waits on join of task 'a' .*select\(\[a, b\]\) for the first/);
  });

  it('a future made in main and awaited in another task, then(), and join() of joins work', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const start = Instant.now();
      const f = sleep(5);
      const h = spawn(async () => {
        await f;
        return Instant.now().durationSince(start);
      }, 't');
      got.push((await h.join()).unwrap());
      const [x, y] = await join(() => spawn(async () => 1, 'a').join(), () => spawn(async () => 2, 'b').join());
      got.push(x.unwrap() + y.unwrap(), await sleep(1).then(() => 'then'));
    }, { runs: 20 });
    expect(r.error?.message).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([5, 3, 'then']);
  });
});
