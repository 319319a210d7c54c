import { describe, expect, it } from 'vitest';
import { LockOrderGraph, type HeldLock, type LockMode, type LockRef } from '../../../src/detectors/lock-order.js';
import { VectorClock } from '../../../src/runtime/clock.js';
import { AtomicInt, go, Channel, Mutex, RWMutex, WaitGroup, yieldNow } from '../../../src/index.js';
import { run, kinds } from '../../helpers.js';

const A: LockRef = { id: 1, label: "Mutex 'a'" };
const B: LockRef = { id: 2, label: "Mutex 'b'" };
const C: LockRef = { id: 3, label: "Mutex 'c'" };
const D: LockRef = { id: 4, label: "Mutex 'd'" };
const G: LockRef = { id: 9, label: "Mutex 'gate'" };

const g = (id: number, firstLockClock: VectorClock | null = null) => ({ id, name: `g${id}`, firstLockClock });
const h = (lock: LockRef, mode: LockMode = 'write'): HeldLock => ({ lock, mode, at: `held-${lock.id}` });

describe('LockOrderGraph', () => {
  it('finds a pair taken in opposite orders by two goroutines, closing edge last', () => {
    const graph = new LockOrderGraph();
    expect(graph.acquire(g(1), [h(A)], B, 'write', 'b-by-1')).toBeNull();
    const cycle = graph.acquire(g(2), [h(B)], A, 'write', 'a-by-2');
    expect(cycle).not.toBeNull();
    expect(cycle!.map((e) => [e.from.id, e.to.id, e.thread.id])).toEqual([
      [1, 2, 1],
      [2, 1, 2],
    ]);
    expect(cycle!.map((e) => [e.fromAt, e.toAt])).toEqual([
      ['held-1', 'b-by-1'],
      ['held-2', 'a-by-2'],
    ]);
  });

  it('finds a cycle of three locks over three goroutines (no pair is inverted)', () => {
    const graph = new LockOrderGraph();
    expect(graph.acquire(g(1), [h(A)], B, 'write', undefined)).toBeNull();
    expect(graph.acquire(g(2), [h(B)], C, 'write', undefined)).toBeNull();
    const cycle = graph.acquire(g(3), [h(C)], A, 'write', undefined);
    expect(cycle!.map((e) => `${e.from.id}>${e.to.id}`)).toEqual(['1>2', '2>3', '3>1']);
    expect(new Set(cycle!.map((e) => e.thread.id))).toEqual(new Set([1, 2, 3]));
  });

  it('finds a four-lock cycle whichever edge closes it', () => {
    const graph = new LockOrderGraph();
    expect(graph.acquire(g(3), [h(C)], D, 'write', undefined)).toBeNull();
    expect(graph.acquire(g(1), [h(A)], B, 'write', undefined)).toBeNull();
    expect(graph.acquire(g(4), [h(D)], A, 'write', undefined)).toBeNull();
    expect(graph.acquire(g(2), [h(B)], C, 'write', undefined)!.length).toBe(4);
  });

  it('ignores a cycle protected by a gate lock held at every edge', () => {
    const graph = new LockOrderGraph();
    expect(graph.acquire(g(1), [h(G), h(A)], B, 'write', undefined)).toBeNull();
    expect(graph.acquire(g(2), [h(G), h(B)], A, 'write', undefined)).toBeNull();
  });

  it('ignores a three-lock cycle when two of its goroutines share a gate (they can never both be at their edges)', () => {
    const graph = new LockOrderGraph();
    expect(graph.acquire(g(1), [h(G), h(A)], B, 'write', undefined)).toBeNull();
    expect(graph.acquire(g(2), [h(G), h(B)], C, 'write', undefined)).toBeNull();
    expect(graph.acquire(g(3), [h(C)], A, 'write', undefined)).toBeNull();
  });

  it('does not count a lock both goroutines only read-locked as a gate', () => {
    const graph = new LockOrderGraph();
    expect(graph.acquire(g(1), [h(G, 'read'), h(A)], B, 'write', undefined)).toBeNull();
    expect(graph.acquire(g(2), [h(G, 'read'), h(B)], A, 'write', undefined)).not.toBeNull();
  });

  it('counts a gate held for writing by one side and for reading by the other', () => {
    const graph = new LockOrderGraph();
    expect(graph.acquire(g(1), [h(G, 'write'), h(A)], B, 'write', undefined)).toBeNull();
    expect(graph.acquire(g(2), [h(G, 'read'), h(B)], A, 'write', undefined)).toBeNull();
  });

  it('a single goroutine locking in both orders is no inversion', () => {
    const graph = new LockOrderGraph();
    expect(graph.acquire(g(1), [h(A)], B, 'write', undefined)).toBeNull();
    expect(graph.acquire(g(1), [h(B)], A, 'write', undefined)).toBeNull();
    expect(graph.size).toBe(2);
  });

  it('needs distinct goroutines: a cycle that would need one goroutine at two edges is none', () => {
    const graph = new LockOrderGraph();
    // g1: A→B and C→D (at different times); g2: B→C and D→A. The only cycle A→B→C→D→A needs g1 twice.
    expect(graph.acquire(g(1), [h(A)], B, 'write', undefined)).toBeNull();
    expect(graph.acquire(g(1), [h(C)], D, 'write', undefined)).toBeNull();
    expect(graph.acquire(g(2), [h(B)], C, 'write', undefined)).toBeNull();
    expect(graph.acquire(g(2), [h(D)], A, 'write', undefined)).toBeNull();
  });

  it('records each distinct edge once and adds no self edge', () => {
    const graph = new LockOrderGraph();
    graph.acquire(g(1), [h(A)], B, 'write', 'x');
    graph.acquire(g(1), [h(A)], B, 'write', 'y');
    graph.acquire(g(1), [h(A, 'read')], A, 'read', 'z');
    expect(graph.size).toBe(1);
  });

  it('finds the cycle through an edge of nested holds (A held while taking C)', () => {
    const graph = new LockOrderGraph();
    expect(graph.acquire(g(1), [h(A), h(B)], C, 'write', undefined)).toBeNull();
    const cycle = graph.acquire(g(2), [h(C)], A, 'write', undefined);
    expect(cycle!.map((e) => `${e.from.id}>${e.to.id}`)).toEqual(['1>3', '3>1']);
  });

  it('ignores an edge that was over before the other goroutine took its first lock', () => {
    const graph = new LockOrderGraph();
    expect(graph.acquire(g(1), [h(A)], B, 'write', undefined, 3)).toBeNull();
    // g2 had seen g1's clock up to 3 (g1 started it, or signalled it) before it locked anything.
    expect(graph.acquire(g(2, new VectorClock([0, 3, 1])), [h(B)], A, 'write', undefined, 1)).toBeNull();
    // g3 had seen only g1's 2: g1's edge at 3 may overlap with it.
    expect(graph.acquire(g(3, new VectorClock([0, 2, 0, 1])), [h(B)], A, 'write', undefined, 1)).not.toBeNull();
  });

  it('a later instance of an edge moves to its later epoch and is searched again', () => {
    const graph = new LockOrderGraph();
    const late = g(2, new VectorClock([0, 5, 1]));
    expect(graph.acquire(g(1), [h(A)], B, 'write', 'first', 3)).toBeNull(); // over before g2 locked anything
    expect(graph.acquire(late, [h(B)], A, 'write', undefined, 1)).toBeNull();
    const cycle = graph.acquire(g(1), [h(A)], B, 'write', 'again', 7); // g1 takes a then b again, later
    expect(cycle!.map((e) => e.thread.id)).toEqual([2, 1]);
    expect(graph.size).toBe(2);
  });
});

/** Two mutexes a, b and a body using them. */
function withAB(body: (a: Mutex, b: Mutex) => Promise<void>, opts: Parameters<typeof run>[1] = {}) {
  return run(async () => {
    const a = new Mutex({ name: 'a' });
    const b = new Mutex({ name: 'b' });
    await body(a, b);
  }, opts);
}

/** Two goroutines that lock [x, y] and [y, x] (nested), free to overlap; main waits for both. */
async function opposite(a: Mutex, b: Mutex, names = ['first', 'second'], between = false): Promise<void> {
  const wg = new WaitGroup();
  await wg.add(2);
  for (const [x, y, n] of [[a, b, names[0]], [b, a, names[1]]] as const) {
    go(async () => {
      await x.lock();
      if (between) await new AtomicInt(0).add(1); // a step between the two locks (a yield would let the other go first)
      await y.lock();
      await y.unlock();
      await x.unlock();
      await wg.done();
    }, n);
  }
  await wg.wait();
}

/** The first finding of `kind` over seeds 1..n, one execution each. */
async function firstOf(kind: string, n: number, body: () => Promise<unknown>) {
  for (let seed = 1; seed <= n; seed++) {
    const r = await run(body, { runs: 1, firstSeed: seed });
    const f = r.findings.find((x) => x.kind === kind);
    if (f) return f;
  }
  return undefined;
}

describe('lock-order-inversion findings', () => {
  it('is reported where two goroutines take two mutexes in opposite orders, with both sites of each edge', async () => {
    // Schedules that get past the cycle show the inversion; the others deadlock.
    const found = await firstOf('lock-order-inversion', 60, async () => {
      const a = new Mutex({ name: 'a' });
      const b = new Mutex({ name: 'b' });
      await opposite(a, b);
    });
    expect(found).toBeDefined();
    const f = found!;
    expect(f.message).toMatch(/^potential deadlock: goroutines '(first|second)', '(first|second)' take Mutex '(a|b)' → Mutex '(a|b)' → Mutex '(a|b)' in conflicting orders$/);
    expect(f.threads.map((t) => t.name).sort()).toEqual(['first', 'second']);
    // Every edge's two acquisition sites, in this file (both goroutines run the same lines here).
    expect(f.locations.length).toBeGreaterThanOrEqual(2);
    for (const l of f.locations) expect(l).toMatch(/lock-order\.test\.ts:\d+:\d+$/);
    const edges = f.details!.filter((d) => / while holding /.test(d));
    expect(edges).toHaveLength(2);
    for (const d of edges) expect(d).toMatch(/locked Mutex '(a|b)' at \S+lock-order\.test\.ts:\d+:\d+ while holding Mutex '(a|b)' \(locked at \S+lock-order\.test\.ts:\d+:\d+\)/);
    expect(f.details!.filter((d) => /this acquisition closes the cycle/.test(d))).toHaveLength(1);
  });

  it('either the deadlock or the inversion comes first when the two can overlap', async () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const r = await withAB((a, b) => opposite(a, b, ['ab', 'ba'], true), { runs: 1, firstSeed: seed });
      for (const k of kinds(r)) seen.add(k);
    }
    expect(seen).toEqual(new Set(['deadlock', 'lock-order-inversion']));
  });

  it('finds a three-mutex cycle among three goroutines', async () => {
    const f = await firstOf('lock-order-inversion', 60, async () => {
      const m = [new Mutex({ name: 'm0' }), new Mutex({ name: 'm1' }), new Mutex({ name: 'm2' })];
      const wg = new WaitGroup();
      await wg.add(3);
      for (let i = 0; i < 3; i++) {
        go(async () => {
          await m[i]!.lock();
          await m[(i + 1) % 3]!.lock();
          await m[(i + 1) % 3]!.unlock();
          await m[i]!.unlock();
          await wg.done();
        }, `g${i}`);
      }
      await wg.wait();
    });
    expect(f).toBeDefined();
    expect(f!.message).toMatch(/take Mutex 'm(\d)' → Mutex 'm\d' → Mutex 'm\d' → Mutex 'm\1' in conflicting orders/);
    expect(f!.threads.map((t) => t.name).sort()).toEqual(['g0', 'g1', 'g2']);
    expect(f!.details!.filter((d) => / while holding /.test(d))).toHaveLength(3);
  });

  it('stays silent when a gate mutex is held around both orders', async () => {
    const r = await withAB(async (a, b) => {
      const gate = new Mutex({ name: 'gate' });
      const wg = new WaitGroup();
      await wg.add(2);
      for (const [x, y] of [[a, b], [b, a]] as const) {
        go(async () => {
          await gate.lock();
          await x.lock();
          await yieldNow();
          await y.lock();
          await y.unlock();
          await x.unlock();
          await gate.unlock();
          await wg.done();
        });
      }
      await wg.wait();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('stays silent when one goroutine locks in both orders', async () => {
    const r = await withAB(async (a, b) => {
      for (const [x, y] of [[a, b], [b, a]] as const) {
        await x.lock();
        await y.lock();
        await y.unlock();
        await x.unlock();
      }
    });
    expect(kinds(r)).toEqual([]);
  });

  it('stays silent when the first order is over before the other goroutine starts (setup, then a worker)', async () => {
    const r = await withAB(async (a, b) => {
      await a.lock(); // setup in main
      await b.lock();
      await b.unlock();
      await a.unlock();
      const done = new Channel<void>(0);
      go(async () => {
        await b.lock();
        await a.lock();
        await a.unlock();
        await b.unlock();
        await done.send();
      }, 'worker');
      await done.recv();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('stays silent when a channel hands over from one goroutine to the other (they never overlap)', async () => {
    const r = await withAB(async (a, b) => {
      const handOver = new Channel<void>(0);
      const wg = new WaitGroup();
      await wg.add(2);
      go(async () => {
        await a.lock();
        await b.lock();
        await b.unlock();
        await a.unlock();
        await handOver.send();
        await wg.done();
      }, 'first');
      go(async () => {
        await handOver.recv();
        await b.lock();
        await a.lock();
        await a.unlock();
        await b.unlock();
        await wg.done();
      }, 'second');
      await wg.wait();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('a successful tryLock adds no edge (it never waits)', async () => {
    const r = await withAB(async (a, b) => {
      const wg = new WaitGroup();
      await wg.add(2);
      go(async () => {
        await a.lock();
        if (await b.tryLock()) await b.unlock();
        await a.unlock();
        await wg.done();
      });
      go(async () => {
        await b.lock();
        await a.lock();
        await a.unlock();
        await b.unlock();
        await wg.done();
      });
      await wg.wait();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('forgets a lock once it is unlocked, even by another goroutine', async () => {
    const r = await withAB(async (a, b) => {
      go(async () => {
        await b.lock(); // free to overlap with main
        await a.lock();
        await a.unlock();
        await b.unlock();
      }, 'other');
      await a.lock();
      const handOver = new Channel<void>(0);
      go(async () => {
        await a.unlock(); // Go's mutexes have no owner
        await handOver.send();
      }, 'unlocker');
      await handOver.recv();
      await b.lock(); // main no longer holds a: no edge a → b
      await b.unlock();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('counts an RWMutex read lock as a lock', async () => {
    const f = await firstOf('lock-order-inversion', 60, async () => {
      const rw = new RWMutex({ name: 'rw' });
      const mu = new Mutex({ name: 'mu' });
      const wg = new WaitGroup();
      await wg.add(1);
      go(async () => {
        await rw.rLock();
        await mu.lock();
        await mu.unlock();
        await rw.rUnlock();
        await wg.done();
      }, 'reader');
      await mu.lock();
      await rw.lock();
      await rw.unlock();
      await mu.unlock();
      await wg.wait();
    });
    expect(f?.message).toMatch(/RWMutex 'rw' \(read\) → Mutex 'mu' → RWMutex 'rw' \(read\)|Mutex 'mu' → RWMutex 'rw' \(read\) → Mutex 'mu'/);
  });
});
