/**
 * tokio's synchronous calls, written either way (shared/scenario-api.md §2c, docs/tokio.md "Synchronous
 * calls"): `sem.tryAcquire().isErr()` (Rust style) and `(await sem.tryAcquire()).isErr()` are one call,
 * made once, with a usable result. The try-locks (tryAcquire, tryLock, tryRead, tryWrite) used to return
 * Promises, so the Rust style threw `r.isOk is not a function`; the second table pins the audit of every
 * other §2c call whose tokio counterpart is synchronous.
 */
import { describe, expect, it } from 'vitest';
import { spawn, JoinSet } from '../../../../src/primitives/tokio/task.js';
import { sleep, Instant } from '../../../../src/primitives/tokio/time.js';
import { Mutex } from '../../../../src/primitives/tokio/mutex.js';
import { RwLock } from '../../../../src/primitives/tokio/rwlock.js';
import { Semaphore } from '../../../../src/primitives/tokio/semaphore.js';
import { Notify } from '../../../../src/primitives/tokio/notify.js';
import { OnceCell } from '../../../../src/primitives/tokio/once-cell.js';
import { CancellationToken } from '../../../../src/primitives/tokio/token.js';
import { mpsc } from '../../../../src/primitives/tokio/mpsc.js';
import { oneshot } from '../../../../src/primitives/tokio/oneshot.js';
import { broadcast } from '../../../../src/primitives/tokio/broadcast.js';
import { watch } from '../../../../src/primitives/tokio/watch.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { runTokio, kinds } from './helpers.js';

type Style = 'rust' | 'awaited';
const styles: Style[] = ['rust', 'awaited'];

/**
 * The call `f()` written in `style`, boxed: `{ v: f() }` uses the result as returned (Rust style; a box is
 * no thenable, so awaiting the box does not await `v`), `{ v: await f() }` awaits it first.
 */
async function box<T>(style: Style, f: () => T): Promise<{ v: Awaited<T> }> {
  return style === 'awaited' ? { v: await f() } : { v: f() as Awaited<T> };
}
/** `box(…).v`, for calls whose result is a plain value in both styles (checked below by `box`). */
async function call<T>(style: Style, f: () => T): Promise<Awaited<T>> {
  return (await box(style, f)).v;
}

/** Run `f` in each style, one after the other. */
async function both(f: (style: Style) => Promise<void>): Promise<void> {
  for (const style of styles) await f(style);
}

async function clean(body: () => Promise<void>): Promise<void> {
  const r = await runTokio(body, { runs: 20 });
  expect(r.error?.message).toBeUndefined();
  expect(kinds(r)).toEqual([]);
}

describe('tokio try-locks are synchronous: both styles, one call', () => {
  it('Semaphore.tryAcquire, both styles: Ok takes its permits once, NoPermits, Closed', () => both(async (style) => {
    const got: unknown[] = [];
    await clean(async () => {
      got.length = 0;
      const s = new Semaphore(3);
      const a = (await box(style, () => s.tryAcquire(2))).v;
      got.push(a.isOk(), s.availablePermits(), a.unwrap().numPermits());
      const b = (await box(style, () => s.tryAcquire(2))).v;
      got.push(b.isErr() && b.unwrapErr().kind, s.availablePermits());
      await drop(a.unwrap());
      got.push(s.availablePermits());
      s.close();
      got.push(((await box(style, () => s.tryAcquire())).v).unwrapErr().kind);
    });
    expect(got).toEqual([true, 1, 2, 'NoPermits', 1, 3, 'Closed']);
  }));

  it('Semaphore.tryAcquire, both styles: fails while a task waits (FIFO), then succeeds', () => both(async (style) => {
    const got: unknown[] = [];
    await clean(async () => {
      got.length = 0;
      const s = new Semaphore(1);
      const p = s.tryAcquire().unwrap();
      const w = spawn(async () => {
        const q = (await s.acquire()).unwrap();
        await drop(q);
      }, 'w');
      await sleep(1); // 'w' queued behind the held permit
      got.push(((await box(style, () => s.tryAcquire())).v).isErr());
      await drop(p);
      (await w.join()).unwrap();
      got.push(((await box(style, () => s.tryAcquire())).v).isOk());
    });
    expect(got).toEqual([true, true]);
  }));

  it('Mutex.tryLock, both styles: the guard is usable, a second try errs, drop unlocks', () => both(async (style) => {
    const got: unknown[] = [];
    await clean(async () => {
      got.length = 0;
      const m = new Mutex(5);
      const r = (await box(style, () => m.tryLock())).v;
      const g = r.unwrap();
      g.value += 1;
      got.push(((await box(style, () => m.tryLock())).v).isErr());
      await drop(g);
      const r2 = (await box(style, () => m.tryLock())).v;
      got.push(r2.unwrap().value);
      await drop(r2.unwrap());
      got.push((await m.lock()).value);
    });
    expect(got).toEqual([true, 6, 6]);
  }));

  it('RwLock.tryRead/tryWrite, both styles: readers share, a writer excludes', () => both(async (style) => {
    const got: unknown[] = [];
    await clean(async () => {
      got.length = 0;
      const l = new RwLock('v');
      const r1 = ((await box(style, () => l.tryRead())).v).unwrap();
      const r2 = ((await box(style, () => l.tryRead())).v).unwrap();
      got.push(r1.value + r2.value, ((await box(style, () => l.tryWrite())).v).isErr());
      await drop(r1);
      await drop(r2);
      const w = ((await box(style, () => l.tryWrite())).v).unwrap();
      w.value = 'w';
      got.push(((await box(style, () => l.tryRead())).v).isErr(), ((await box(style, () => l.tryWrite())).v).isErr());
      await drop(w);
      got.push((await l.read()).value);
    });
    expect(got).toEqual(['vv', true, true, true, 'w']);
  }));

  it('a tryLock held by a task is seen by the other task in every order (both styles in one program)', async () => {
    const seen = new Set<string>();
    const r = await runTokio(async () => {
      const m = new Mutex(0);
      const a = spawn(async () => {
        const g = m.tryLock();
        const ok = g.isOk();
        if (ok) await drop(g.unwrap());
        return ok;
      }, 'a');
      const b = spawn(async () => {
        const g = await m.tryLock();
        await sleep(1);
        return g.isOk();
      }, 'b');
      seen.add(`${(await a.join()).unwrap()} ${(await b.join()).unwrap()}`);
    }, { runs: 60 });
    expect(r.error?.message).toBeUndefined();
    // 'b' holds its guard until its end; 'a' drops its own at its next step.
    expect([...seen].sort()).toEqual(['false true', 'true false', 'true true']);
  });

  it('an operation not awaited before a try is a scenario error naming its line, not a stale try', async () => {
    const r = await runTokio(async () => {
      const s = new Semaphore(1);
      const p = (await s.acquire()).unwrap();
      void drop(p); // not awaited: the release has not happened
      s.tryAcquire();
    });
    expect(r.error?.message).toMatch(/release of 1 permit of Semaphore .* was not awaited before the next operation/);
    expect(r.error?.location).toMatch(/sync-calls\.test\.ts:\d+:\d+/);
  });
});

/**
 * The audit: every other §2c call whose tokio counterpart is synchronous, written both ways, happens once
 * and gives a usable result. Each row is run in both styles.
 */
const audit: [string, (style: Style) => Promise<unknown[]>, unknown[]][] = [
  ['oneshot tx.send', async (st) => {
    const [tx, rx] = oneshot.channel<number>();
    const r = await call(st, () => tx.send(1));
    return [r.isOk(), (await rx.recv()).unwrap()];
  }, [true, 1]],
  ['Notify.notifyOne / notifyWaiters', async (st) => {
    const n = new Notify();
    await call(st, () => n.notifyWaiters()); // stores nothing
    await call(st, () => n.notifyOne()); // stores one permit
    await call(st, () => n.notifyOne()); // at most one
    await n.notified();
    const w = spawn(async () => { await n.notified(); return 'woken'; }, 'w');
    await sleep(1);
    await call(st, () => n.notifyOne());
    return [(await w.join()).unwrap()];
  }, ['woken']],
  ['watch send / sendModify / borrow / borrowAndUpdate', async (st) => {
    const [tx, rx] = watch.channel(0);
    const a = await call(st, () => tx.send(1));
    await call(st, () => tx.sendModify((v: number) => v + 10));
    const b = await call(st, () => rx.borrow());
    const c = await call(st, () => rx.borrowAndUpdate());
    return [a.isOk(), b, c, rx.hasChanged().unwrap()];
  }, [true, 11, 11, false]],
  ['broadcast tx.send', async (st) => {
    const [tx, rx] = broadcast.channel<number>(4);
    const a = await call(st, () => tx.send(1));
    await call(st, () => tx.send(2));
    return [a.unwrap(), (await rx.recv()).unwrap(), (await rx.recv()).unwrap(), rx.tryRecv().isErr()];
  }, [1, 1, 2, true]],
  ['CancellationToken cancel / isCancelled', async (st) => {
    const t = new CancellationToken();
    const c = t.childToken();
    const before = await call(st, () => c.isCancelled());
    await call(st, () => t.cancel());
    await c.cancelled();
    return [before, await call(st, () => c.isCancelled())];
  }, [false, true]],
  ['Semaphore addPermits / close / availablePermits / isClosed', async (st) => {
    const s = new Semaphore(0);
    await call(st, () => s.addPermits(2));
    const n = await call(st, () => s.availablePermits());
    await call(st, () => s.close());
    return [n, await call(st, () => s.isClosed()), (await s.acquire()).isErr()];
  }, [2, true, true]],
  ['JoinHandle abort / isFinished', async (st) => {
    const h = spawn(async () => { await sleep(10); }, 'x');
    await call(st, () => h.abort());
    const r = await h.join();
    return [r.isErr() && r.unwrapErr().isCancelled(), await call(st, () => h.isFinished())];
  }, [true, true]],
  ['JoinSet spawn / len / abortAll', async (st) => {
    const set = new JoinSet<number>();
    await call(st, () => set.spawn(async () => { await sleep(5); return 1; }));
    await call(st, () => set.spawn(async () => { await sleep(5); return 2; }));
    const n = await call(st, () => set.len());
    await call(st, () => set.abortAll());
    let cancelled = 0;
    for (let r = await set.joinNext(); r; r = await set.joinNext()) if (r.isErr() && r.unwrapErr().isCancelled()) cancelled++;
    return [n, cancelled];
  }, [2, 2]],
  ['OnceCell set / get', async (st) => {
    const c = new OnceCell<number>();
    const a = await call(st, () => c.set(1));
    const b = await call(st, () => c.set(2));
    return [a.isOk(), b.isErr(), await call(st, () => c.get())];
  }, [true, true, 1]],
  ['Instant.now', async (st) => {
    const a = await call(st, () => Instant.now());
    await sleep(5);
    const b = await call(st, () => Instant.now());
    return [b.durationSince(a)];
  }, [5]],
  ['mpsc trySend / tryRecv / capacity, unbounded send, permit.send, rx.close', async (st) => {
    const [tx, rx] = mpsc.channel<number>(2);
    await call(st, () => tx.trySend(1));
    const cap = await call(st, () => tx.capacity());
    const p = (await tx.reserve()).unwrap();
    await call(st, () => p.send(2));
    const full = await call(st, () => tx.trySend(3));
    const a = await call(st, () => rx.tryRecv());
    const [utx, urx] = mpsc.unboundedChannel<number>();
    await call(st, () => utx.send(7));
    await call(st, () => rx.close());
    return [cap, full.isErr() && full.unwrapErr().kind, a.unwrap(), await rx.recv(), await urx.recv(), tx.isClosed()];
  }, [1, 'Full', 1, 2, 7, true]],
];

describe('tokio synchronous calls (the audit): both styles, one call, usable results', () => {
  for (const [what, body, want] of audit) {
    it.each(styles)(`${what} (%s)`, async (style) => {
      let got: unknown[] = [];
      await clean(async () => {
        got = await body(style);
      });
      expect(got).toEqual(want);
    });
  }
});
