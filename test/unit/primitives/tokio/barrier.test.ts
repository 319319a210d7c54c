import { describe, expect, it } from 'vitest';
import { spawn } from '../../../../src/primitives/tokio/task.js';
import { sleep, timeout } from '../../../../src/primitives/tokio/time.js';
import { Barrier } from '../../../../src/primitives/tokio/barrier.js';
import { Mutex } from '../../../../src/primitives/tokio/mutex.js';
import { Semaphore } from '../../../../src/primitives/tokio/semaphore.js';
import { runTokio, kinds } from './helpers.js';

const synctest = { timeMode: 'synctest' as const };

describe('tokio Barrier, and values moved between tasks', () => {
  it('Barrier.wait is not cancel safe: a timed-out arrival still counts; Barrier(0) is Barrier(1)', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const b = new Barrier(2, { name: 'b' });
      got.push(String(await timeout(1, () => b.wait())));
      // The cancelled wait counted: this arrival completes the generation and leads it.
      got.push((await b.wait()).isLeader);
      got.push((await new Barrier(0).wait()).isLeader);
    }, { runs: 5, ...synctest });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['Err(Elapsed(()))', true, true]);
  });

  it('a guard moved to another task is released there; its old owner locking again is no double-lock', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const m = new Mutex(0, { name: 'm' });
      const g = await m.lock();
      const h = spawn(async () => {
        await sleep(1);
        g.value = 5;
      }, { name: 'owner', move: [g] });
      const g2 = await m.lock(); // waits for 'owner' to end (and drop the guard)
      got.push(g2.value);
      await h.join();
    }, { runs: 10, ...synctest });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([5]);
  });

  it('a permit moved to a task is released at that task\'s end', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const s = new Semaphore(1, { name: 's' });
      const p = (await s.acquire()).unwrap();
      const h = spawn(async () => {
        await sleep(2);
      }, { name: 'holder', move: [p] });
      got.push(s.availablePermits());
      await h.join();
      got.push(s.availablePermits());
    }, { runs: 10, ...synctest });
    expect(r.error).toBeUndefined();
    expect(got).toEqual([0, 1]);
  });
});
