/**
 * Ports of Go's src/runtime/race/testdata/atomic_test.go, each under the Go test's own name.
 * simcc's AtomicInt is sync/atomic on an int: every operation synchronises (as Go's race detector
 * models atomics: a load acquires, a write acquires and releases; a failed CAS too). Go's typed
 * variants (AddInt32, AddInt64, …Uint64) are one AtomicInt each; …Pointer is an AtomicValue. A
 * plain read of a variable also used atomically (`_ = a`) is `copyValue(a)`, which simcc checks
 * against the atomic writes. `for atomic.LoadInt32(&s) != 1 { runtime.Gosched() }` is a spin on
 * yieldNow (fair, so it ends). The last block holds simcc's own additions, not Go tests.
 */
import { describe } from 'vitest';
import { AtomicInt, AtomicValue, Channel, copyValue, go, panic, shared, yieldNow, type Shared } from '../../../src/index.js';
import { noRace, race } from './helpers.js';

/** TestNoRaceAtomicAddInt64 / Int32 and TestRaceAtomicAddInt64: `x1 = 1; if atomic.AddInt64(&s, 1) == want { x2 = 1 }` and its mirror. */
function addTest(name: string, want: number): void {
  const body = async () => {
    const x1 = shared('x1', 0);
    const x2 = shared('x2', 0);
    const s = new AtomicInt(0, 's');
    const ch = new Channel<boolean>(2, { name: 'ch' });
    go(async () => {
      await x1.write(1);
      if ((await s.add(1)) === want) await x2.write(1);
      await ch.send(true);
    });
    go(async () => {
      await x2.write(1);
      if ((await s.add(1)) === want) await x1.write(1);
      await ch.send(true);
    });
    await ch.recv();
    await ch.recv();
  };
  if (name.startsWith('TestRace')) race(name, ['x1', 'x2'], body);
  else noRace(name, body);
}

/** The spin tests: go func() { x = 2; <publish> }(); for !<observe> { runtime.Gosched() }; x = 1 */
function spinTest(name: string, publish: (s: AtomicInt) => Promise<unknown>, observe: (s: AtomicInt) => Promise<boolean>): void {
  noRace(name, async () => {
    const x = shared('x', 0);
    const s = new AtomicInt(0, 's');
    go(async () => {
      await x.write(2);
      await publish(s);
    });
    while (!(await observe(s))) await yieldNow();
    await x.write(1);
  });
}

describe('atomic_test.go', () => {
  addTest('TestNoRaceAtomicAddInt64', 2);
  addTest('TestRaceAtomicAddInt64', 1);
  addTest('TestNoRaceAtomicAddInt32', 2);

  // go func() { x = 2; atomic.AddInt32(&s, 1) }(); for atomic.LoadInt32(&s) != 1 { runtime.Gosched() }; x = 1
  spinTest('TestNoRaceAtomicLoadAddInt32', (s) => s.add(1), async (s) => (await s.load()) === 1);
  // ... atomic.StoreInt32(&s, 1) ... for atomic.LoadInt32(&s) != 1
  spinTest('TestNoRaceAtomicLoadStoreInt32', (s) => s.store(1), async (s) => (await s.load()) === 1);
  // ... atomic.StoreInt32(&s, 1) ... for !atomic.CompareAndSwapInt32(&s, 1, 0)
  spinTest('TestNoRaceAtomicStoreCASInt32', (s) => s.store(1), (s) => s.compareAndSwap(1, 0));
  // ... if !atomic.CompareAndSwapInt32(&s, 0, 1) { panic("") } ... for atomic.LoadInt32(&s) != 1
  spinTest(
    'TestNoRaceAtomicCASLoadInt32',
    async (s) => {
      if (!(await s.compareAndSwap(0, 1))) panic('');
    },
    async (s) => (await s.load()) === 1,
  );
  // ... if !atomic.CompareAndSwapInt32(&s, 0, 1) { panic("") } ... for !atomic.CompareAndSwapInt32(&s, 1, 0)
  spinTest(
    'TestNoRaceAtomicCASCASInt32',
    async (s) => {
      if (!(await s.compareAndSwap(0, 1))) panic('');
    },
    (s) => s.compareAndSwap(1, 0),
  );
  // int64: go func() { x = 2; atomic.AddInt64(&s, 1) }(); for atomic.LoadInt64(&s) != 1 {...}
  spinTest('TestNoRaceAtomicLoadInt64', (s) => s.add(1), async (s) => (await s.load()) === 1);
  // uint64: CAS(0, 1) then spin on CAS(1, 0)
  spinTest(
    'TestNoRaceAtomicCASCASUInt64',
    async (s) => {
      if (!(await s.compareAndSwap(0, 1))) panic('');
    },
    (s) => s.compareAndSwap(1, 0),
  );
  // uint64: StoreUint64(&s, 1), then spin on CAS(1, 0)
  spinTest('TestNoRaceAtomicStoreCASUint64', (s) => s.store(1), (s) => s.compareAndSwap(1, 0));

  // var s unsafe.Pointer; y := 2; p := unsafe.Pointer(&y)
  // go func() { x = 2; atomic.StorePointer(&s, p) }(); for atomic.LoadPointer(&s) != p { runtime.Gosched() }; x = 1
  // (an atomic pointer is an AtomicValue holding the pointed-to variable; load is nil before the store)
  noRace('TestNoRaceAtomicLoadStorePointer', async () => {
    const x = shared('x', 0);
    const y = shared('y', 2);
    const p = y; // p := unsafe.Pointer(&y)
    const s = new AtomicValue<Shared<number>>(undefined, 's');
    go(async () => {
      await x.write(2);
      await s.store(p);
    });
    while ((await s.load()) !== p) await yieldNow();
    await x.write(1);
  });

  // each goroutine: xN = 1; if !atomic.CompareAndSwapInt32(&s, 0, 1) { x(other) = 1 } — the loser's failed CAS synchronises
  noRace('TestNoRaceAtomicCASCASInt32_2', async () => {
    const x1 = shared('x1', 0);
    const x2 = shared('x2', 0);
    const s = new AtomicInt(0, 's');
    const ch = new Channel<boolean>(2, { name: 'ch' });
    go(async () => {
      await x1.write(1);
      if (!(await s.compareAndSwap(0, 1))) await x2.write(1);
      await ch.send(true);
    });
    go(async () => {
      await x2.write(1);
      if (!(await s.compareAndSwap(0, 1))) await x1.write(1);
      await ch.send(true);
    });
    await ch.recv();
    await ch.recv();
  });

  // var a uint64; go func() { atomic.StoreUint64(&a, 1); c <- true }(); _ = a; <-c
  race('TestRaceAtomicStoreLoad', 'a', async () => {
    const c = new Channel<boolean>(0, { name: 'c' });
    const a = new AtomicInt(0, 'a');
    go(async () => {
      await a.store(1);
      await c.send(true);
    });
    copyValue(a); // _ = a: a plain read
    await c.recv();
  });

  // go func() { atomic.AddUint64(&a, 1); c <- true }(); _ = a; <-c
  race('TestRaceAtomicAddLoad', 'a', async () => {
    const c = new Channel<boolean>(0, { name: 'c' });
    const a = new AtomicInt(0, 'a');
    go(async () => {
      await a.add(1);
      await c.send(true);
    });
    copyValue(a);
    await c.recv();
  });
});

// Not Go tests: simcc's own checks, in the style above, of what atomic_test.go leaves out.
describe("simcc additions (not in Go's suite)", () => {
  // Swap publishes and observes: go func() { x = 2; atomic.SwapInt32(&s, 1) }(); for atomic.SwapInt32(&s, 0) != 1 { runtime.Gosched() }; x = 1
  spinTest('TestNoRaceAtomicSwap', (s) => s.swap(1), async (s) => (await s.swap(0)) === 1);

  // TestRaceAtomicStoreLoad with the plain read ordered after the store by the channel:
  // go func() { atomic.StoreUint64(&a, 1); c <- true }(); <-c; _ = a
  noRace('TestNoRaceAtomicStoreThenPlainRead', async () => {
    const c = new Channel<boolean>(0, { name: 'c' });
    const a = new AtomicInt(0, 'a');
    go(async () => {
      await a.store(1);
      await c.send(true);
    });
    await c.recv();
    copyValue(a); // _ = a, after <-c
  });
});
