/**
 * The benchmark families whose trace counts are known, as scenarios for the explorer tests (the same
 * programs as bench/explore/*.ts): k loads and a store (2^k), n stores (n!), n critical sections (n!),
 * n independent goroutines (1), n senders and one receiver (n!).
 */
import { scenario } from '../../../src/api/scenario.js';
import { spawn, type JoinHandle } from '../../../src/api/goroutines.js';
import { AtomicInt } from '../../../src/primitives/go/atomic.js';
import { Channel } from '../../../src/primitives/go/channel.js';
import { Mutex } from '../../../src/primitives/go/mutex.js';
import { shared } from '../../../src/primitives/go/shared.js';

/** k goroutines load an atomic, one stores it: each load is before or after the store, 2^k traces. */
export const loads = (k: number) =>
  scenario(`${k} loads, 1 store`, async () => {
    const x = new AtomicInt(0);
    const hs: JoinHandle<unknown>[] = [spawn(() => x.store(1))];
    for (let i = 0; i < k; i++) hs.push(spawn(() => x.load()));
    for (const h of hs) await h.join();
  });

/** n goroutines store to one atomic: n! orders. */
export const stores = (n: number) =>
  scenario(`${n} stores`, async () => {
    const x = new AtomicInt(0);
    const hs = [];
    for (let i = 0; i < n; i++) hs.push(spawn(() => x.store(i)));
    for (const h of hs) await h.join();
  });

/** n critical sections on one Mutex: n! orders. */
export const sections = (n: number) =>
  scenario(`${n} critical sections`, async () => {
    const mu = new Mutex();
    const count = shared('count', 0);
    const hs = [];
    for (let i = 0; i < n; i++) {
      hs.push(
        spawn(async () => {
          await mu.lock();
          await count.update((v) => v + 1);
          await mu.unlock();
        }),
      );
    }
    for (const h of hs) await h.join();
  });

/** n goroutines on objects of their own: one trace. */
export const independent = (n: number) =>
  scenario(`${n} independent`, async () => {
    const hs = [];
    for (let i = 0; i < n; i++) {
      hs.push(
        spawn(async () => {
          const x = new AtomicInt(0);
          await x.store(1);
          await x.add(1);
          await x.load();
        }),
      );
    }
    for (const h of hs) await h.join();
  });

/** n senders, one receiver, unbuffered. */
export const senders = (n: number) =>
  scenario(`${n} senders`, async () => {
    const ch = new Channel<number>(0);
    const hs = [];
    for (let i = 0; i < n; i++) hs.push(spawn(() => ch.send(i)));
    for (let i = 0; i < n; i++) await ch.recv();
    for (const h of hs) await h.join();
  });
