import { describe, expect, it } from 'vitest';
import { LockOrderGraph, type HeldLock, type LockMode, type LockRef } from '../../../src/detectors/lock-order.js';
import { go, Channel, Mutex, RWMutex, WaitGroup, yieldNow } from '../../../src/index.js';
import { run, kinds } from '../../helpers.js';

const A: LockRef = { id: 1, label: "Mutex 'a'" };
const B: LockRef = { id: 2, label: "Mutex 'b'" };
const C: LockRef = { id: 3, label: "Mutex 'c'" };
const D: LockRef = { id: 4, label: "Mutex 'd'" };
const G: LockRef = { id: 9, label: "Mutex 'gate'" };

const g = (id: number) => ({ id, name: `g${id}` });
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
});

/** Two goroutines that run one after the other (a channel hands over), so nothing can deadlock. */
function opposite(body: (first: Mutex, second: Mutex) => Promise<void>) {
  return run(async () => {
    const a = new Mutex({ name: 'a' });
    const b = new Mutex({ name: 'b' });
    await body(a, b);
  });
}

describe('lock-order-inversion findings', () => {
  it('is reported on every schedule where two goroutines take two mutexes in opposite orders, even without a deadlock', async () => {
    const r = await opposite(async (a, b) => {
      const handOver = new Channel<void>(0, { name: 'handOver' });
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
    expect(kinds(r)).toEqual(['lock-order-inversion']);
    const f = r.findings[0]!;
    expect(f.message).toBe("potential deadlock: goroutines 'first', 'second' take Mutex 'a' → Mutex 'b' → Mutex 'a' in conflicting orders");
    expect(f.threads.map((t) => t.name)).toEqual(['first', 'second']);
    // Every edge's two acquisition sites, in this file.
    expect(f.locations).toHaveLength(4);
    for (const l of f.locations) expect(l).toMatch(/lock-order\.test\.ts:\d+:\d+$/);
    expect(f.details!.filter((d) => / while holding /.test(d))).toHaveLength(2);
  });

  it('either the deadlock or the inversion comes first when the two can overlap', async () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const r = await run(
        async () => {
          const a = new Mutex({ name: 'a' });
          const b = new Mutex({ name: 'b' });
          const wg = new WaitGroup();
          await wg.add(2);
          for (const [x, y, n] of [[a, b, 'ab'], [b, a, 'ba']] as const) {
            go(async () => {
              await x.lock();
              await yieldNow();
              await y.lock();
              await y.unlock();
              await x.unlock();
              await wg.done();
            }, n);
          }
          await wg.wait();
        },
        { runs: 1, firstSeed: seed },
      );
      for (const k of kinds(r)) seen.add(k);
    }
    expect(seen).toEqual(new Set(['deadlock', 'lock-order-inversion']));
  });

  it('finds a three-mutex cycle among three goroutines', async () => {
    const r = await run(async () => {
      const m = [new Mutex({ name: 'm0' }), new Mutex({ name: 'm1' }), new Mutex({ name: 'm2' })];
      const turn = [new Channel<void>(1), new Channel<void>(1), new Channel<void>(1)];
      const wg = new WaitGroup();
      await wg.add(3);
      for (let i = 0; i < 3; i++) {
        go(async () => {
          if (i > 0) await turn[i - 1]!.recv();
          await m[i]!.lock();
          await m[(i + 1) % 3]!.lock();
          await m[(i + 1) % 3]!.unlock();
          await m[i]!.unlock();
          await turn[i]!.send();
          await wg.done();
        }, `g${i}`);
      }
      await wg.wait();
    });
    expect(kinds(r)).toEqual(['lock-order-inversion']);
    expect(r.findings[0]!.message).toContain("Mutex 'm0' → Mutex 'm1' → Mutex 'm2' → Mutex 'm0'");
    expect(r.findings[0]!.threads.map((t) => t.name)).toEqual(['g0', 'g1', 'g2']);
  });

  it('stays silent when a gate mutex is held around both orders', async () => {
    const r = await opposite(async (a, b) => {
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
    const r = await opposite(async (a, b) => {
      for (const [x, y] of [[a, b], [b, a]] as const) {
        await x.lock();
        await y.lock();
        await y.unlock();
        await x.unlock();
      }
    });
    expect(kinds(r)).toEqual([]);
  });

  it('a successful tryLock adds no edge (it never waits)', async () => {
    const r = await opposite(async (a, b) => {
      const handOver = new Channel<void>(0);
      go(async () => {
        await a.lock();
        if (await b.tryLock()) await b.unlock();
        await a.unlock();
        await handOver.send();
      });
      await handOver.recv();
      await b.lock();
      await a.lock();
      await a.unlock();
      await b.unlock();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('forgets a lock once it is unlocked, even by another goroutine', async () => {
    const r = await opposite(async (a, b) => {
      await a.lock();
      const handOver = new Channel<void>(0);
      go(async () => {
        await a.unlock(); // Go's mutexes have no owner
        await handOver.send();
      });
      await handOver.recv();
      await b.lock(); // main no longer holds a: no edge a → b
      await b.unlock();
      const back = new Channel<void>(0);
      go(async () => {
        await b.lock();
        await a.lock();
        await a.unlock();
        await b.unlock();
        await back.send();
      });
      await back.recv();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('counts an RWMutex read lock as a lock', async () => {
    const r = await run(async () => {
      const rw = new RWMutex({ name: 'rw' });
      const mu = new Mutex({ name: 'mu' });
      const handOver = new Channel<void>(0);
      go(async () => {
        await rw.rLock();
        await mu.lock();
        await mu.unlock();
        await rw.rUnlock();
        await handOver.send();
      }, 'reader');
      await handOver.recv();
      await mu.lock();
      await rw.lock();
      await rw.unlock();
      await mu.unlock();
    });
    expect(kinds(r)).toEqual(['lock-order-inversion']);
    expect(r.findings[0]!.message).toContain("RWMutex 'rw' (read) → Mutex 'mu' → RWMutex 'rw' (read)");
  });
});
