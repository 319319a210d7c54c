/**
 * Ports of Go's src/runtime/race/testdata/sync_test.go, each under the Go test's own name:
 * sync.Cond, time.AfterFunc (its creation happens-before its function runs) and the tests whose
 * output Go checks by eye (TestRaceAnnounceThreads, TestRaceGoroutineCreationStack: here the race
 * itself is checked).
 */
import { describe } from 'vitest';
import { Channel, Cond, Mutex, Once, afterFunc, go, shared, sleep } from '../../../src/index.js';
import { noRace, race } from './helpers.js';

describe('sync_test.go', () => {
  // go func() { x = 1; mu.Lock(); condition = 1; cond.Signal(); mu.Unlock() }()
  // mu.Lock(); for condition != 1 { cond.Wait() }; mu.Unlock(); x = 2
  noRace('TestNoRaceCond', async () => {
    const x = shared('x', 0);
    const condition = shared('condition', 0);
    const mu = new Mutex({ name: 'mu' });
    const cond = new Cond(mu);
    go(async () => {
      await x.write(1);
      await mu.lock();
      await condition.write(1);
      await cond.signal();
      await mu.unlock();
    });
    await mu.lock();
    while ((await condition.read()) !== 1) await cond.wait();
    await mu.unlock();
    await x.write(2);
  });

  // go func() { sleep; x = 1; mu.Lock(); condition = 1; cond.Signal(); mu.Unlock(); sleep; mu.Lock(); x = 3; mu.Unlock(); done <- true }()
  // mu.Lock(); for condition != 1 { cond.Wait() }; mu.Unlock(); x = 2; <-done
  race('TestRaceCond', 'x', async () => {
    const done = new Channel<boolean>(0, { name: 'done' });
    const mu = new Mutex({ name: 'mu' });
    const cond = new Cond(mu);
    const x = shared('x', 0);
    const condition = shared('condition', 0);
    go(async () => {
      await sleep(10); // Enter cond.Wait loop
      await x.write(1);
      await mu.lock();
      await condition.write(1);
      await cond.signal();
      await mu.unlock();
      await sleep(10); // Exit cond.Wait loop
      await mu.lock();
      await x.write(3);
      await mu.unlock();
      await done.send(true);
    });
    await mu.lock();
    while ((await condition.read()) !== 1) await cond.wait();
    await mu.unlock();
    await x.write(2);
    await done.recv();
  });

  // const N = 7; f, g, h start goroutines that all write x; go h(); for i := 0; i < N; i++ { <-allDone }
  race('TestRaceAnnounceThreads', 'x', async () => {
    const N = 7;
    const allDone = new Channel<boolean>(N, { name: 'allDone' });
    const x = shared('x', 0);
    const g = async () => {
      for (let i = 0; i < 2; i++) {
        go(async () => {
          await x.write(1);
          await allDone.send(true);
        });
        await allDone.send(true);
      }
    };
    const f = async () => {
      await x.write(1);
      go(g, 'g');
      go(async () => {
        await x.write(1);
        await allDone.send(true);
      });
      await x.write(2);
      await allDone.send(true);
    };
    const h = async () => {
      await x.write(1);
      await x.write(2);
      go(f, 'f');
      await allDone.send(true);
    };
    go(h, 'h');
    for (let i = 0; i < N; i++) await allDone.recv();
  });

  // i := 2; f = func() { i--; if i >= 0 { time.AfterFunc(0, f) } else { c <- true } }; time.AfterFunc(0, f); <-c
  noRace('TestNoRaceAfterFunc1', async () => {
    const i = shared('i', 2);
    const c = new Channel<boolean>(0, { name: 'c' });
    const f = async (): Promise<void> => {
      if ((await i.update((v) => v - 1)) >= 0) afterFunc(0, f);
      else await c.send(true);
    };
    afterFunc(0, f);
    await c.recv();
  });

  // timer := time.AfterFunc(10, func() { x = 1 }); defer timer.Stop()
  noRace('TestNoRaceAfterFunc2', async () => {
    const x = shared('x', 0);
    const timer = afterFunc(10, async () => {
      await x.write(1);
    });
    await timer.stop();
  });

  // time.AfterFunc(1e7, func() { x = 1; c <- true }); <-c
  noRace('TestNoRaceAfterFunc3', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const x = shared('x', 0);
    afterFunc(10, async () => {
      await x.write(1);
      await c.send(true);
    });
    await c.recv();
  });

  // time.AfterFunc(1e7, func() { x = 1; c <- true }); time.AfterFunc(2e7, func() { x = 2; c <- true }); <-c; <-c
  race('TestRaceAfterFunc3', 'x', async () => {
    const c = new Channel<boolean>(2, { name: 'c' });
    const x = shared('x', 0);
    afterFunc(10, async () => {
      await x.write(1);
      await c.send(true);
    });
    afterFunc(20, async () => {
      await x.write(2);
      await c.send(true);
    });
    await c.recv();
    await c.recv();
  });

  // f1 := func() { x = 1; ch <- true }; f2 := func() { go f1() }; f3 := func() { f2() }; f4 := func() { go f3() }
  // go f4(); x = 2; <-ch
  race('TestRaceGoroutineCreationStack', 'x', async () => {
    const x = shared('x', 0);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const f1 = async () => {
      await x.write(1);
      await ch.send(true);
    };
    const f2 = () => void go(f1, 'f1');
    const f3 = async () => f2();
    const f4 = async () => void go(f3, 'f3');
    go(f4, 'f4');
    await x.write(2);
    await ch.recv();
  });
});

// Not Go tests: simcc's own checks of sync.Once (sync_test.go has none), in the style above.
describe("simcc additions (not in Go's suite)", () => {
  // three goroutines: once.Do(func() { x = 1 }); _ = x; ch <- true — Do's function happens-before every Do returns
  noRace('TestNoRaceOnce', async () => {
    const once = new Once({ name: 'once' });
    const x = shared('x', 0);
    const ch = new Channel<boolean>(3, { name: 'ch' });
    for (let i = 0; i < 3; i++) {
      go(async () => {
        await once.do(() => x.write(1));
        await x.read();
        await ch.send(true);
      });
    }
    for (let i = 0; i < 3; i++) await ch.recv();
  });

  // go func() { once.Do(func() { x = 1 }); ch <- true }(); go func() { _ = x; ch <- true }() — a reader that skips Do
  race('TestRaceOnce', 'x', async () => {
    const once = new Once({ name: 'once' });
    const x = shared('x', 0);
    const ch = new Channel<boolean>(2, { name: 'ch' });
    go(async () => {
      await once.do(() => x.write(1));
      await ch.send(true);
    });
    go(async () => {
      await x.read();
      await ch.send(true);
    });
    await ch.recv();
    await ch.recv();
  });
});
