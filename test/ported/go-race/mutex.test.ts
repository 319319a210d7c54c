/**
 * Ports of Go's src/runtime/race/testdata/mutex_test.go, each under the Go test's own name.
 * Unlock → a later Lock is a happens-before edge; a Mutex has no owner (TestNoRaceMutexSemaphore
 * unlocks in another goroutine than the one that locked).
 */
import { describe } from 'vitest';
import { Channel, Mutex, go, shared, sleep } from '../../../src/index.js';
import { noRace, race } from './helpers.js';

describe('mutex_test.go', () => {
  // go func() { mu.Lock(); defer mu.Unlock(); x = 1; ch <- true }(); go func() { mu.Lock(); x = 2; mu.Unlock(); ch <- true }()
  noRace('TestNoRaceMutex', async () => {
    const mu = new Mutex({ name: 'mu' });
    const x = shared('x', 0);
    const ch = new Channel<boolean>(2, { name: 'ch' });
    go(async () => {
      await mu.lock();
      try {
        await x.write(1);
        await ch.send(true);
      } finally {
        await mu.unlock();
      }
    });
    go(async () => {
      await mu.lock();
      await x.write(2);
      await mu.unlock();
      await ch.send(true);
    });
    await ch.recv();
    await ch.recv();
  });

  // go func() { x = 1; mu.Lock(); defer mu.Unlock(); ch <- true }(); go func() { x = 2; mu.Lock(); mu.Unlock(); ch <- true }()
  race('TestRaceMutex', 'x', async () => {
    const mu = new Mutex({ name: 'mu' });
    const x = shared('x', 0);
    const ch = new Channel<boolean>(2, { name: 'ch' });
    go(async () => {
      await x.write(1);
      await mu.lock();
      try {
        await ch.send(true);
      } finally {
        await mu.unlock();
      }
    });
    go(async () => {
      await x.write(2);
      await mu.lock();
      await mu.unlock();
      await ch.send(true);
    });
    await ch.recv();
    await ch.recv();
  });

  // two different mutexes: go func() { mu1.Lock(); defer mu1.Unlock(); x = 1; ... }(); go func() { mu2.Lock(); x = 2; mu2.Unlock(); ... }()
  race('TestRaceMutex2', 'x', async () => {
    const mu1 = new Mutex({ name: 'mu1' });
    const mu2 = new Mutex({ name: 'mu2' });
    const x = shared('x', 0);
    const ch = new Channel<boolean>(2, { name: 'ch' });
    go(async () => {
      await mu1.lock();
      try {
        await x.write(1);
        await ch.send(true);
      } finally {
        await mu1.unlock();
      }
    });
    go(async () => {
      await mu2.lock();
      await x.write(2);
      await mu2.unlock();
      await ch.send(true);
    });
    await ch.recv();
    await ch.recv();
  });

  // go func() { x = 1; mu.Lock(); written = true; mu.Unlock(); ch <- true }()
  // go func() { time.Sleep(100µs); mu.Lock(); for !written { mu.Unlock(); time.Sleep(100µs); mu.Lock() }; mu.Unlock(); x = 1; ch <- true }()
  // The sleeps only pace the polling loop: under 'synctest' a timer fires when every goroutine is
  // blocked, so the loop ends; every order of the two goroutines' lock sections is still explored.
  noRace(
    'TestNoRaceMutexPureHappensBefore',
    async () => {
      const mu = new Mutex({ name: 'mu' });
      const x = shared('x', 0);
      const written = shared('written', false);
      const ch = new Channel<boolean>(2, { name: 'ch' });
      go(async () => {
        await x.write(1);
        await mu.lock();
        await written.write(true);
        await mu.unlock();
        await ch.send(true);
      });
      go(async () => {
        await sleep(0.1);
        await mu.lock();
        while (!(await written.read())) {
          await mu.unlock();
          await sleep(0.1);
          await mu.lock();
        }
        await mu.unlock();
        await x.write(1);
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    },
    { time: 'synctest' },
  );

  // mu.Lock(); go func() { x = 1; mu.Unlock(); ch <- true }(); go func() { mu.Lock(); x = 2; mu.Unlock(); ch <- true }()
  noRace('TestNoRaceMutexSemaphore', async () => {
    const mu = new Mutex({ name: 'mu' });
    const ch = new Channel<boolean>(2, { name: 'ch' });
    const x = shared('x', 0);
    await mu.lock();
    go(async () => {
      await x.write(1);
      await mu.unlock();
      await ch.send(true);
    });
    go(async () => {
      await mu.lock();
      await x.write(2);
      await mu.unlock();
      await ch.send(true);
    });
    await ch.recv();
    await ch.recv();
  });

  // from doc/go_mem.html: l.Lock(); go func() { a = "hello, world"; l.Unlock() }(); l.Lock(); _ = a
  noRace('TestNoRaceMutexExampleFromHtml', async () => {
    const l = new Mutex({ name: 'l' });
    const a = shared('a', '');
    await l.lock();
    go(async () => {
      await a.write('hello, world');
      await l.unlock();
    });
    await l.lock();
    await a.read();
  });

  // go func() { mu = sync.Mutex{}; c <- true }(); mu.Lock(); <-c
  // (the race is on the memory of the variable mu: assigning a new Mutex writes it, Lock reads it)
  race('TestRaceMutexOverwrite', 'mu', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const mu = shared('mu', new Mutex({ name: 'mu#1' }));
    go(async () => {
      await mu.write(new Mutex({ name: 'mu#2' }));
      await c.send(true);
    });
    await (await mu.read()).lock();
    await c.recv();
  });
});
