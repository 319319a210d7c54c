/**
 * The tokio runtime's worker threads (primitives/tokio/workers.ts): a task in a std call that waits
 * holds its worker; the runtime option decides how many there are (main's body on the one worker of
 * current_thread); `blocking-in-async` names the task, the call and its location, and a deadlock it
 * causes names the worker it starved.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../../../src/primitives/tokio/scenario.js';
import { spawn, spawnBlocking } from '../../../../src/primitives/tokio/task.js';
import { sleep } from '../../../../src/primitives/tokio/time.js';
import { now } from '../../../../src/api/time.js';
import { Mutex } from '../../../../src/primitives/rust/mutex.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { thread } from '../../../../src/primitives/rust/thread.js';
import { Mutex as TokioMutex } from '../../../../src/primitives/tokio/mutex.js';
import { Notify as TokioNotify } from '../../../../src/primitives/tokio/notify.js';
import { RwLock } from '../../../../src/primitives/rust/rwlock.js';
import { runS, kinds } from '../../../helpers.js';
import type { ScenarioOptions } from '../../../../src/api/scenario.js';

type Runtime = ScenarioOptions['runtime'];
const CT: Runtime = { flavor: 'current_thread' };

/** Under `--time synctest` (timers fire only when no task can run), so that virtual times say who waited. */
function runOn(runtime: Runtime, body: () => Promise<unknown>, runs = 20) {
  return runS(scenario({ name: 'workers test', runtime }, body), { runs, timeMode: 'synctest' });
}

describe('tokio worker threads', () => {
  it('current_thread: a std sleep in a task stalls every other task until it returns; on 2 workers it does not', async () => {
    const at: Record<string, number[]> = { ct: [], mt: [] };
    const body = (k: string) => async () => {
      const a = spawn(async () => void (await thread.sleep(100)), 'a');
      const b = spawn(async () => {
        await sleep(10);
        at[k]!.push(now());
      }, 'b');
      await a.join();
      await b.join();
    };
    const ct = await runOn(CT, body('ct'));
    const mt = await runOn(undefined, body('mt'));
    expect(kinds(ct)).toEqual(['blocking-in-async']);
    expect(kinds(mt)).toEqual(['blocking-in-async']);
    // On one worker, 'b''s sleep ends at 10 ms, but 'b' runs only once 'a''s std sleep returned.
    expect(at.ct!.length).toBeGreaterThan(0);
    expect(at.ct!.every((t) => t >= 100)).toBe(true);
    expect(at.mt!.every((t) => t === 10)).toBe(true);
  });

  it('the finding names the task, the call and its location, once per call site', async () => {
    const r = await runOn(CT, async () => {
      const a = spawn(async () => {
        for (let i = 0; i < 3; i++) await thread.sleep(1);
      }, 'a');
      await a.join();
    }, 1);
    expect(kinds(r)).toEqual(['blocking-in-async']);
    const f = r.findings[0]!;
    expect(f.message).toBe("task 'a' blocks worker 1 of 1 in std thread::sleep(1): a blocking call in async code: no other task can run on that worker until it returns");
    expect(f.threads.map((t) => t.name)).toEqual(['a']);
    expect(f.locations[0]).toMatch(/workers\.test\.ts:\d+:\d+$/);
  });

  it('spawnBlocking, and main on multi_thread, hold no worker; main on current_thread does', async () => {
    const at: number[] = [];
    const body = async () => {
      const b = spawn(async () => {
        await sleep(10);
        at.push(now());
      }, 'b');
      const blk = spawnBlocking(async () => void (await thread.sleep(100)));
      await thread.sleep(50);
      await blk.join();
      await b.join();
    };
    at.length = 0;
    const mt = await runOn(undefined, body);
    expect(kinds(mt)).toEqual([]);
    expect(at.every((t) => t === 10)).toBe(true);
    at.length = 0;
    const ct = await runOn(CT, body);
    expect(kinds(ct)).toEqual(['blocking-in-async']);
    expect(ct.findings[0]!.message).toContain("task 'main' blocks worker 1 of 1 in std thread::sleep(50)");
  });

  it('a short std lock in a task is fine; a wait for a std thread holding it is not blocking-in-async', async () => {
    const r = await runOn(CT, async () => {
      const m = new Mutex(0, 'm');
      const t = thread.spawn(async () => {
        const g = (await m.lock()).unwrap();
        await thread.sleep(5);
        g.value += 1;
      }, 'std');
      const hs = ['a', 'b'].map((n) =>
        spawn(async () => {
          const g = (await m.lock()).unwrap();
          g.value += 1;
          await drop(g);
          await sleep(1);
        }, n),
      );
      for (const h of hs) await h.join();
      await t.join();
    });
    expect(r.error).toBeUndefined();
    // main's std join of the thread on current_thread may wait: that one is a finding.
    expect(kinds(r).every((k) => k === 'blocking-in-async')).toBe(true);
    for (const f of r.findings) expect(f.message).toContain("task 'main' blocks worker 1 of 1 in std JoinHandle::join");
  });

  it('a std lock held across an await: the waiter is reported, and the deadlock names the starved worker', async () => {
    const r = await runOn(CT, async () => {
      const m = new Mutex(0, 'm');
      const bump = async () => {
        const g = (await m.lock()).unwrap();
        await sleep(10);
        g.value += 1;
      };
      const a = spawn(bump, 'a');
      const b = spawn(bump, 'b');
      await a.join();
      await b.join();
    }, 50);
    expect(kinds(r)).toEqual(['blocking-in-async', 'deadlock']);
    const [bia, dl] = r.findings;
    expect(bia!.message).toMatch(/^task '(a|b)' blocks worker 1 of 1 in std Mutex::lock of 'm': task '(a|b)' holds it while suspended at an await \(sleep\(10\)/);
    expect(dl!.details!.join('\n')).toMatch(/worker 1 of 1 is held by task '(a|b)' blocked in std Mutex::lock of 'm' at [^;]+; task '(a|b)', which holds 'm', cannot run/);
  });

  it('a std RwLock write guard held across an await: a read() or write() that waits for it is reported too', async () => {
    // Regression: a std read's first step is always enabled (it blocks inside it), so the pool was never
    // told that it waits: no finding, and the reader did not hold its worker (no deadlock either).
    for (const second of ['read', 'write'] as const) {
      const r = await runOn(CT, async () => {
        const l = new RwLock(0, 'cfg');
        const n = new TokioNotify();
        const w = spawn(async () => {
          const g = (await l.write()).unwrap();
          n.notifyOne();
          await sleep(10);
          g.value = 1;
        }, 'writer');
        const o = spawn(async () => {
          await n.notified();
          const g = (await (second === 'read' ? l.read() : l.write())).unwrap();
          void g.value;
        }, 'other');
        await w.join();
        await o.join();
      }, 10);
      expect(kinds(r)).toEqual(['blocking-in-async', 'deadlock']);
      expect(r.findings[0]!.message).toMatch(new RegExp(`^task 'other' blocks worker 1 of 1 in std RwLock::${second} of 'cfg': task 'writer' holds it while suspended at an await`));
    }
  });

  it('a std RwLock read guard held across an await: a write() that waits for the reader is reported', async () => {
    const r = await runOn(CT, async () => {
      const l = new RwLock(0, 'cfg');
      const n = new TokioNotify();
      const reader = spawn(async () => {
        const g = (await l.read()).unwrap();
        n.notifyOne();
        await sleep(10);
        void g.value;
      }, 'reader');
      const writer = spawn(async () => {
        await n.notified();
        const g = (await l.write()).unwrap();
        g.value = 1;
      }, 'writer');
      await reader.join();
      await writer.join();
    }, 10);
    expect(kinds(r)).toEqual(['blocking-in-async', 'deadlock']);
    expect(r.findings[0]!.message).toMatch(/^task 'writer' blocks worker 1 of 1 in std RwLock::write of 'cfg': task 'reader' holds it while suspended at an await/);
  });

  it('with a tokio Mutex the same program is clean', async () => {
    const r = await runOn(CT, async () => {
      const m = new TokioMutex(0, { name: 'm' });
      const bump = async () => {
        const g = await m.lock();
        await sleep(10);
        g.value += 1;
      };
      const a = spawn(bump, 'a');
      const b = spawn(bump, 'b');
      await a.join();
      await b.join();
    }, 50);
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('the runtime option is checked in full', () => {
    const bad = (runtime: unknown) => () => scenario({ name: 'x', runtime } as never, async () => {});
    expect(bad({ flavor: 'current_thread', workers: 2 })).toThrow("scenario option runtime: current_thread has one worker; workers is only for multi_thread");
    expect(bad({ flavor: 'multi_thread', workers: 0 })).toThrow('scenario option runtime: workers must be a positive integer, got 0');
    expect(bad({ flavor: 'multi_thread', threads: 2 })).toThrow("scenario option runtime: unknown key 'threads' (known: flavor, workers)");
  });
});
