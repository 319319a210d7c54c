import { describe, expect, it } from 'vitest';
import { go, yieldNow, shared, Mutex, WaitGroup, Channel, assert } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

describe('Mutex', () => {
  it('orders critical sections: no race, no lost update', async () => {
    const r = await run(async () => {
      const mu = new Mutex({ name: 'mu' });
      const count = shared('count', 0);
      const wg = new WaitGroup();
      await wg.add(3);
      for (let i = 0; i < 3; i++) {
        go(async () => {
          await mu.lock();
          await count.update((v) => v + 1);
          await mu.unlock();
          await wg.done();
        });
      }
      await wg.wait();
      assert((await count.read()) === 3, 'lost update');
    });
    expect(kinds(r)).toEqual([]);
  });

  it('lets any waiter win when it is released', async () => {
    const winners = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      let first = '';
      await run(
        async () => {
          const mu = new Mutex();
          await mu.lock();
          for (const n of ['a', 'b']) go(async () => {
            await mu.lock();
            first ||= n;
            await mu.unlock();
          });
          await yieldNow();
          await yieldNow();
          await mu.unlock();
        },
        { runs: 1, firstSeed: seed },
      );
      winners.add(first);
    }
    expect(winners).toEqual(new Set(['a', 'b']));
  });

  it('tryLock succeeds only when unlocked', async () => {
    const r = await run(async () => {
      const mu = new Mutex();
      assert((await mu.tryLock()) === true);
      assert((await mu.tryLock()) === false, 'second tryLock must fail');
      await mu.unlock();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('may be unlocked by another goroutine (Go mutexes have no owner)', async () => {
    const r = await run(async () => {
      const mu = new Mutex();
      await mu.lock();
      const wg = new WaitGroup();
      await wg.add(1);
      go(async () => {
        await mu.unlock();
        await wg.done();
      });
      await wg.wait();
      await mu.lock();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('reports unlock of an unlocked mutex with Go text', async () => {
    const r = await run(async () => {
      const mu = new Mutex({ name: 'mu' });
      await mu.unlock();
    });
    expect(r.findings.map((f) => [f.kind, f.message])).toEqual([['unlock-of-unlocked', 'sync: unlock of unlocked mutex']]);
  });

  it('reports double-lock with both locations', async () => {
    const r = await run(async () => {
      const mu = new Mutex({ name: 'mu' });
      await mu.lock();
      await mu.lock();
    });
    expect(kinds(r)).toEqual(['double-lock']);
    expect(r.findings[0]!.message).toMatch(/'main' locks Mutex 'mu', which it already holds/);
    expect(r.findings[0]!.locations).toHaveLength(2);
  });

  it('reports a global deadlock with what each goroutine waits on and holds', async () => {
    const r = await run(async () => {
      const mu = new Mutex({ name: 'mu' });
      const wg = new WaitGroup({ name: 'wg' });
      await wg.add(1);
      go(async () => {
        await mu.lock();
        await mu.unlock();
        await wg.done();
      }, 'worker');
      await mu.lock();
      await wg.wait();
    });
    // main may win the lock first (deadlock) or let the worker finish first (clean)
    const bad = await run(async () => {
      const mu = new Mutex({ name: 'mu' });
      const wg = new WaitGroup({ name: 'wg' });
      await wg.add(1);
      await mu.lock();
      go(async () => {
        await mu.lock();
        await wg.done();
      }, 'worker');
      await wg.wait();
    });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(kinds(bad)).toEqual(['deadlock']);
    const f = bad.findings[0]!;
    expect(f.message).toBe('all goroutines are asleep - deadlock!');
    const main = f.threads.find((t) => t.name === 'main')!;
    expect(main.waitingOn).toMatch(/wait of WaitGroup 'wg'/);
    expect(main.holds?.[0]?.what).toBe("Mutex 'mu'");
    expect(main.holds?.[0]?.at).toMatch(/mutex\.test\.ts/);
    expect(f.threads.find((t) => t.name === 'worker')!.waitingOn).toMatch(/lock of Mutex 'mu' \(held by 'main'/);
  });

  it('reports a lock cycle while another goroutine still runs', async () => {
    const r = await run(async () => {
      const a = new Mutex({ name: 'a' });
      const b = new Mutex({ name: 'b' });
      const x = shared('x', 0);
      // Each takes its first lock before either asks for its second (a hand-shake), so every
      // schedule deadlocks: the lock-order detector's inversion, reported when an execution gets
      // past the cycle, cannot come first.
      const policeHolds = new Channel<void>(1);
      const officeHolds = new Channel<void>(1);
      go(async () => {
        await a.lock();
        await policeHolds.send();
        await officeHolds.recv();
        await b.lock();
        await b.unlock();
        await a.unlock();
      }, 'police');
      go(async () => {
        await b.lock();
        await officeHolds.send();
        await policeHolds.recv();
        await a.lock();
        await a.unlock();
        await b.unlock();
      }, 'office');
      for (let i = 0; i < 30; i++) await x.write(i); // main keeps running: not a global deadlock
    });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.message).toMatch(/goroutines '(police|office)', '(police|office)' wait for each other in a cycle/);
    expect(r.findings[0]!.threads.map((t) => t.name).sort()).toEqual(['office', 'police']);
  });
});

describe('Mutex: double lock with other goroutines alive', () => {
  it('reports a double lock that nobody undoes when the program deadlocks', async () => {
    const r = await run(async () => {
      const mu = new Mutex({ name: 'mu' });
      const wg = new WaitGroup();
      await wg.add(1);
      go(async () => {
        await mu.lock();
        await mu.lock(); // re-entrant: blocks forever, main is still alive
        await wg.done();
      }, 'worker');
      await wg.wait();
    });
    expect(kinds(r)).toEqual(['double-lock']);
    expect(r.findings[0]!.message).toMatch(/'worker' locks Mutex 'mu', which it already holds/);
    expect(r.findings[0]!.locations).toHaveLength(2);
  });

  it('reports it instead of a leak when main has returned', async () => {
    const r = await run(async () => {
      const mu = new Mutex({ name: 'mu' });
      go(async () => {
        await mu.lock();
        await mu.lock();
      }, 'worker');
    });
    expect(kinds(r)).toEqual(['double-lock']);
  });
});
