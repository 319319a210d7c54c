import { describe, expect, it } from 'vitest';
import { go, yieldNow, shared, Mutex, RWMutex, Cond, WaitGroup, Channel, assert } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await yieldNow();
  assert(cond(), 'condition never became true');
}

describe('Cond', () => {
  it('wait without the lock is cond-wait-without-lock with Go text', async () => {
    const r = await run(async () => {
      const c = new Cond(new Mutex({ name: 'mu' }), { name: 'c' });
      await c.wait();
    });
    expect(r.findings.map((f) => [f.kind, f.message])).toEqual([['cond-wait-without-lock', 'sync: unlock of unlocked mutex']]);
    expect(r.findings[0]!.details![0]).toMatch(/'main' called wait on Cond 'c' without holding its lock: Mutex 'mu' is not locked/);
  });

  it('wait by a goroutine other than the one that locked the Mutex is legal (Go’s Mutex has no owner)', async () => {
    const r = await run(async () => {
      const mu = new Mutex({ name: 'mu' });
      const c = new Cond(mu);
      const ready = shared('ready', false);
      const handOver = new Channel<void>();
      go(async () => {
        await mu.lock();
        await handOver.send(); // main waits with the lock this goroutine took
      }, 'locker');
      go(async () => {
        await mu.lock();
        await ready.write(true);
        await c.signal();
        await mu.unlock();
      }, 'signaller');
      await handOver.recv();
      while (!(await ready.read())) await c.wait();
      await mu.unlock();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('the lost wake-up hint is for a waiter that does not check its condition, not for one that re-checks in a loop', async () => {
    const scenario = (recheck: boolean) => async () => {
      const mu = new Mutex({ name: 'mu' });
      const c = new Cond(mu, 'c');
      const done = shared('done', false);
      const wg = new WaitGroup();
      await wg.add(1);
      go(async () => {
        await mu.lock();
        await done.write(true);
        await c.broadcast();
        await mu.unlock();
        await wg.done();
      }, 'notifier');
      await wg.wait(); // the broadcast is over before main waits: it was dropped
      await mu.lock();
      if (recheck) {
        while (!(await done.read())) await c.wait();
        await c.wait(); // waits again after its check: nothing will wake it, but not for want of a check
      } else {
        await c.wait();
      }
      await mu.unlock();
    };
    const unchecked = await run(scenario(false), { runs: 1, captureLocations: true });
    expect(kinds(unchecked)).toEqual(['deadlock']);
    expect(unchecked.findings[0]!.details!.join('\n')).toContain('check the condition in a loop');
    expect(unchecked.findings[0]!.details!.join('\n')).toContain('lost wake-up?');
    const rechecked = await run(scenario(true), { runs: 1, captureLocations: true });
    expect(kinds(rechecked)).toEqual(['deadlock']);
    expect(rechecked.findings[0]!.details!.join('\n')).toContain('found no goroutine waiting and was dropped');
    expect(rechecked.findings[0]!.details!.join('\n')).not.toContain('check the condition in a loop');
  });

  it('signal wakes the oldest waiter first (FIFO)', async () => {
    const r = await run(async () => {
      const mu = new Mutex();
      const c = new Cond(mu);
      const woke: string[] = [];
      const wg = new WaitGroup();
      await wg.add(3);
      for (const n of ['a', 'b', 'c']) {
        go(async () => {
          await mu.lock();
          await c.wait();
          woke.push(n);
          await mu.unlock();
          await wg.done();
        }, n);
        await until(() => c.waiting.length === woke.length + ['a', 'b', 'c'].indexOf(n) + 1);
      }
      for (let i = 1; i <= 3; i++) {
        await c.signal();
        await until(() => woke.length === i);
      }
      await wg.wait();
      assert(woke.join() === 'a,b,c', `woken in order ${woke.join()}`);
    });
    expect(kinds(r)).toEqual([]);
  });

  it('broadcast wakes every waiter', async () => {
    const r = await run(async () => {
      const mu = new Mutex();
      const c = new Cond(mu);
      const wg = new WaitGroup();
      await wg.add(3);
      for (let i = 0; i < 3; i++) {
        go(async () => {
          await mu.lock();
          await c.wait();
          await mu.unlock();
          await wg.done();
        });
      }
      await until(() => c.waiting.length === 3);
      await c.broadcast();
      await wg.wait();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('wait is several steps and returns holding the lock', async () => {
    const r = await run(async () => {
      const mu = new Mutex({ name: 'mu' });
      const c = new Cond(mu);
      let ready = false;
      go(async () => {
        await mu.lock();
        ready = true;
        await mu.unlock();
        await c.signal();
      });
      await mu.lock();
      while (!ready) {
        await c.wait();
        assert(mu.locked && mu.holder?.name === 'main', 'wait returns with the lock held');
      }
      await mu.unlock();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('never loses a signal for a goroutine already inside wait, on any schedule', async () => {
    const r = await run(
      async () => {
        const mu = new Mutex();
        const c = new Cond(mu);
        const entered = new Channel<void>(1);
        go(async () => {
          await mu.lock();
          await entered.send(); // main may signal as soon as this goroutine holds the lock
          await c.wait(); // the ticket is taken before the lock is released
          await mu.unlock();
        }, 'waiter');
        await entered.recv();
        await mu.lock(); // acquired only once the waiter has unlocked in wait
        await mu.unlock();
        await c.signal();
      },
      { runs: 300 },
    );
    expect(kinds(r)).toEqual([]);
  });

  it('drops a signal with no waiter and says so in the deadlock report (lost wake-up)', async () => {
    const r = await run(async () => {
      const mu = new Mutex();
      const c = new Cond(mu, 'c');
      await c.signal();
      await c.broadcast();
      await mu.lock();
      await c.wait();
    });
    expect(kinds(r)).toEqual(['deadlock']);
    const details = r.findings[0]!.details!.join('\n');
    expect(details).toMatch(/blocked in wait of Cond 'c'/);
    expect(details).toMatch(/2 signal\/broadcast calls on Cond 'c' found no goroutine waiting and were dropped/);
    expect(details).toMatch(/signal by 'main' at .*cond\.test\.ts:\d+:\d+/);
    expect(details).toMatch(/broadcast by 'main'/);
  });

  it('leak reports mention dropped signals too', async () => {
    const r = await run(async () => {
      const mu = new Mutex();
      const c = new Cond(mu, 'c');
      await c.signal();
      go(async () => {
        await mu.lock();
        await c.wait();
      }, 'sleeper');
    });
    expect(kinds(r)).toEqual(['leak']);
    expect(r.findings[0]!.details!.join('\n')).toMatch(/1 signal\/broadcast call on Cond 'c' found no goroutine waiting and was dropped/);
  });

  it('signal happens-before the woken wait returns', async () => {
    const ordered = await run(async () => {
      const mu = new Mutex();
      const c = new Cond(mu);
      const x = shared('x', 0);
      const done = new Channel<void>(1);
      go(async () => {
        await mu.lock();
        await c.wait();
        await mu.unlock();
        await x.read();
        await done.send();
      }, 'waiter');
      await until(() => c.waiting.length === 1);
      await x.write(1); // not under the lock: only the signal orders it
      await c.signal();
      await done.recv();
    });
    expect(kinds(ordered)).toEqual([]);
    const racy = await run(async () => {
      const mu = new Mutex();
      const c = new Cond(mu);
      const x = shared('x', 0);
      const done = new Channel<void>(1);
      go(async () => {
        await mu.lock();
        await c.wait();
        await mu.unlock();
        await x.read();
        await done.send();
      }, 'waiter');
      await until(() => c.waiting.length === 1);
      await c.signal();
      await x.write(1); // after the signal: nothing orders it with the waiter's read
      await done.recv();
    });
    expect(kinds(racy)).toEqual(['data-race']);
  });

  it('works over an RWMutex and over rw.rLocker()', async () => {
    const r = await run(async () => {
      const rw = new RWMutex({ name: 'rw' });
      const cw = new Cond(rw);
      const cr = new Cond(rw.rLocker());
      let ready = false;
      const wg = new WaitGroup();
      await wg.add(2);
      go(async () => {
        await rw.lock();
        while (!ready) await cw.wait();
        await rw.unlock();
        await wg.done();
      });
      go(async () => {
        await rw.rLock();
        while (!ready) await cr.wait();
        await rw.rUnlock();
        await wg.done();
      });
      await rw.lock();
      ready = true;
      await rw.unlock();
      await cw.broadcast();
      await cr.broadcast();
      await wg.wait();
    });
    expect(kinds(r)).toEqual([]);
    const bad = await run(async () => {
      const rw = new RWMutex({ name: 'rw' });
      await new Cond(rw.rLocker()).wait();
    });
    expect(bad.findings.map((f) => [f.kind, f.message])).toEqual([['cond-wait-without-lock', 'sync: RUnlock of unlocked RWMutex']]);
    const bad2 = await run(async () => {
      const rw = new RWMutex({ name: 'rw' });
      await rw.rLock();
      await new Cond(rw).wait();
    });
    expect(bad2.findings.map((f) => [f.kind, f.message])).toEqual([['cond-wait-without-lock', 'sync: Unlock of unlocked RWMutex']]);
  });

  it('rejects a locker without lock/unlock with a clear error', async () => {
    const r = await run(async () => {
      new Cond({} as never);
    });
    expect(r.error?.message).toMatch(/new Cond\(locker\): locker must have lock\(\) and unlock\(\)/);
  });
});
