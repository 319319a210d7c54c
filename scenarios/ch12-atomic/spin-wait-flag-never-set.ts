// Course ch12 (atomic): a flag used to hand over work, waited for by polling it — a spin-wait.
// The course's atomic chapter (seed lines 3382–3392) lists flags and spin loops among atomics' uses.
//
// The bug: the producer returns early on an error path and never sets `ready`, while the consumer
// polls it in a loop that yields but never gives up. Nothing blocks, so this is not a deadlock: the
// consumer spins for ever (a livelock), and main waits for it.
// What simcc reports: step-limit — the execution ran past its step bound. (A goroutine that only
// yields is always runnable, so Go's runtime would never report it either: the program just hangs.)
// Fixed twin: spin-wait-flag-set.ts
import { scenario, go, yieldNow, AtomicInt, WaitGroup } from 'simcc';

export default scenario({ name: 'ch12: spin-wait on a flag nobody sets', expect: ['step-limit'], stepLimit: 2000, runs: 20 }, async () => {
  const ready = new AtomicInt(0, 'ready');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    const failed = true; // the error path: return before publishing
    if (!failed) await ready.store(1);
    await wg.done();
  }, 'producer');
  go(async () => {
    while ((await ready.load()) === 0) await yieldNow(); // spins for ever
    await wg.done();
  }, 'consumer');
  await wg.wait();
});
