import { describe, expect, it } from 'vitest';
import { exploreScenario } from '../../../../src/harness/explore.js';
import { mpsc } from '../../../../src/primitives/rust/mpsc.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { assert } from '../../../../src/primitives/rust/panic.js';
import { scenario } from '../../../../src/primitives/rust/scenario.js';
import { thread } from '../../../../src/primitives/rust/thread.js';
import { UnsafeCell } from '../../../../src/primitives/rust/unsafe-cell.js';
import { now } from '../../../../src/api/time.js';
import { exploreOptions } from '../../scheduler/explore-helpers.js';
import { runRust, kinds } from './helpers.js';

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

async function explore(body: () => Promise<unknown>, all = true) {
  return exploreScenario(scenario('mpsc explore', body), exploreOptions({ all }));
}

describe('mpsc.channel', () => {
  it('FIFO; buffered values still arrive after every Sender is dropped, then Err(RecvError)', async () => {
    const got: string[] = [];
    const r = await runRust(async () => {
      got.length = 0;
      const [tx, rx] = mpsc.channel<number>();
      const tx2 = tx.clone();
      (await tx.send(1)).unwrap();
      (await tx2.send(2)).unwrap();
      await drop(tx);
      await drop(tx2);
      for (let i = 0; i < 3; i++) got.push(String(await rx.recv()));
    }, { runs: 3 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['Ok(1)', 'Ok(2)', 'Err(RecvError)']);
  });

  it('send never blocks; Err(SendError) carrying the value once the Receiver is dropped; unwrap panics with std\'s text', async () => {
    let err: unknown;
    const r = await runRust(async () => {
      const [tx, rx] = mpsc.channel<string>();
      for (let i = 0; i < 50; i++) (await tx.send('x')).unwrap();
      await drop(rx);
      const res = await tx.send('lost');
      err = res.unwrapErr();
      res.unwrap();
    }, { runs: 1 });
    expect(err).toMatchObject({ kind: 'SendError', value: 'lost' });
    expect((err as { 0: string })[0]).toBe('lost');
    expect(kinds(r)).toEqual(['panic']);
    expect(r.findings[0]!.message).toContain('called `Result::unwrap()` on an `Err` value: SendError { .. }');
  });

  it('tryRecv: Empty, a value, then Disconnected', async () => {
    const got: string[] = [];
    await runRust(async () => {
      got.length = 0;
      const [tx, rx] = mpsc.channel<number>();
      got.push(String(await rx.tryRecv()));
      await tx.send(7);
      got.push(String(await rx.tryRecv()));
      await drop(tx);
      got.push(String(await rx.tryRecv()));
    }, { runs: 1 });
    expect(got).toEqual(['Err(Empty)', 'Ok(7)', 'Err(Disconnected)']);
  });

  it('a recv blocked on an empty channel wakes with Err when the last Sender (a clone in another thread) is dropped', async () => {
    const got: string[] = [];
    const r = await runRust(async () => {
      got.length = 0;
      const [tx, rx] = mpsc.channel<number>();
      const h = thread.spawn(async () => {
        await thread.yieldNow();
      }, { name: 'holder', move: [tx] });
      got.push(String(await rx.recv()));
      await h.join();
    }, { runs: 30 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['Err(RecvError)']);
  });

  it('for await ends when every Sender is dropped and the buffer is drained; iter and tryIter', async () => {
    const got: number[][] = [];
    const r = await runRust(async () => {
      got.length = 0;
      const [tx, rx] = mpsc.channel<number>();
      const hs = [1, 2, 3].map((v) => {
        const t = tx.clone();
        return thread.spawn(async () => void (await t.send(v)).unwrap(), { move: [t] });
      });
      await drop(tx);
      const seen: number[] = [];
      for await (const v of rx) seen.push(v);
      got.push(seen.sort());
      for (const h of hs) await h.join();
      const [tx2, rx2] = mpsc.channel<number>();
      await tx2.send(1);
      await tx2.send(2);
      const now2: number[] = [];
      for await (const v of rx2.tryIter()) now2.push(v);
      got.push(now2);
      await drop(tx2);
      const rest: number[] = [];
      for await (const v of rx2.iter()) rest.push(v);
      got.push(rest);
    }, { runs: 30 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([[1, 2, 3], [1, 2], []]);
  });

  it('recvTimeout: Timeout in virtual time, a value that comes first, Disconnected', async () => {
    const got: string[] = [];
    const r = await runRust(async () => {
      got.length = 0;
      const [tx, rx] = mpsc.channel<number>();
      const t0 = now();
      got.push(String(await rx.recvTimeout(100)));
      got.push(`+${now() - t0}`);
      const h = thread.spawn(async () => void (await tx.send(5)), { name: 'late', move: [tx] });
      await h.join();
      got.push(String(await rx.recvTimeout(100)));
      got.push(String(await rx.recvTimeout(100)));
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['Err(Timeout)', '+100', 'Ok(5)', 'Err(Disconnected)']);
  });

  it('use after move, use after drop and dropping twice are scenario errors', async () => {
    const r1 = await runRust(async () => {
      const [tx, rx] = mpsc.channel<number>();
      thread.spawn(async () => void (await tx.send(1)), { move: [tx] });
      await tx.send(2);
      await rx.recv();
    }, { runs: 1 });
    expect(r1.error?.message).toMatch(/send: Sender of channel '.*' used by thread 'main' after it was moved to thread/);
    const r2 = await runRust(async () => {
      const [, rx] = mpsc.channel<number>();
      await drop(rx);
      await rx.tryRecv();
    }, { runs: 1 });
    expect(r2.error?.message).toMatch(/tryRecv: Receiver of channel .* used after it was dropped/);
    const r3 = await runRust(async () => {
      const [tx] = mpsc.channel<number>();
      await drop(tx);
      await drop(tx);
    }, { runs: 1 });
    expect(r3.error?.message).toMatch(/dropped twice/);
  });

  it('named channels: { name } names it in reports', async () => {
    const r = await runRust(async () => {
      const [_tx, rx] = mpsc.channel<number>({ name: 'jobs' });
      await rx.recv();
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.details!.join('\n')).toContain("recv of channel 'jobs'");
  });
});

describe('mpsc.syncChannel', () => {
  it('bound n: send blocks while full; trySend Full / Disconnected with the value', async () => {
    const got: string[] = [];
    const r = await runRust(async () => {
      got.length = 0;
      const [tx, rx] = mpsc.syncChannel<number>(1);
      (await tx.send(1)).unwrap();
      got.push(String(await tx.trySend(2)));
      got.push(String(await rx.recv()));
      got.push(String(await tx.trySend(3)));
      await drop(rx);
      const e = (await tx.trySend(4)).unwrapErr();
      got.push(`${e.kind}:${e.value}`);
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['Err(Full(..))', 'Ok(1)', 'Ok(())', 'Disconnected:4']);
  });

  it('a sender blocked on a full channel wakes with Err(SendError) when the Receiver is dropped (else: deadlock at the join)', async () => {
    const got = new Set<string>();
    const r = await explore(async () => {
      const [tx, rx] = mpsc.syncChannel<number>(1);
      const h = thread.spawn(async () => {
        const a = await tx.send(1);
        const b = await tx.send(2); // full: blocks until the drop, on the schedules where it comes first
        return `${a.isOk()} ${b.isErr() ? `Err(${b.unwrapErr().value})` : 'Ok'}`;
      }, { name: 'producer', move: [tx] });
      await drop(rx);
      got.add((await h.join()).unwrap());
    });
    expect(r.error).toBeUndefined();
    expect(r.complete).toBe(true);
    expect(r.findings).toEqual([]);
    expect([...got].sort()).toEqual(['false Err(2)', 'true Err(2)']);
  });

  it('rendezvous (bound 0): send completes when a recv takes the value, and synchronises both ways', async () => {
    const r = await runRust(async () => {
      const before = new UnsafeCell(0, 'before');
      const after = new UnsafeCell(0, 'after');
      const [tx, rx] = mpsc.syncChannel<number>(0);
      const h = thread.spawn(async () => {
        await before.set(1); // send → recv
        (await tx.send(1)).unwrap();
        await after.get(); // recv → send's return
      }, { name: 'producer', move: [tx] });
      await after.set(1);
      (await rx.recv()).unwrap();
      await before.get();
      await h.join();
    }, { runs: 100 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('the same with bound 1 races: a buffered send does not wait for its receive', async () => {
    const r = await runRust(async () => {
      const after = new UnsafeCell(0, 'after');
      const [tx, rx] = mpsc.syncChannel<number>(1);
      const h = thread.spawn(async () => {
        (await tx.send(1)).unwrap();
        await after.get();
      }, { name: 'producer', move: [tx] });
      await after.set(1);
      (await rx.recv()).unwrap();
      await h.join();
    }, { runs: 100 });
    expect(kinds(r)).toEqual(['data-race']);
  });

  it('rendezvous tryRecv takes a parked send; recvTimeout on a rendezvous times out or takes the value', async () => {
    const got = new Set<string>();
    const r = await runRust(async () => {
      const [tx, rx] = mpsc.syncChannel<number>(0);
      const h = thread.spawn(async () => String(await tx.send(9)), { name: 'p', move: [tx] });
      const a = await rx.recvTimeout(10);
      const b = a.isOk() ? 'none' : String(await rx.tryRecv());
      const c = a.isOk() || b.startsWith('Ok') ? 'none' : String(await rx.recv());
      got.add(`${String(a)} ${b} ${c} ${(await h.join()).unwrap()}`);
    }, { runs: 300 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    // The timeout may beat the send (free time mode); the send always completes with Ok.
    expect([...got].every((s) => s.endsWith('Ok(())'))).toBe(true);
    expect([...got].some((s) => s.startsWith('Ok(9)'))).toBe(true);
    expect([...got].some((s) => s.startsWith('Err(Timeout)'))).toBe(true);
  });
});

describe('messages are moved', () => {
  it('a Sender sent through a channel belongs to the receiver: its end disconnects the reply channel', async () => {
    const got: string[] = [];
    const r = await runRust(async () => {
      got.length = 0;
      const [jobs, jobsRx] = mpsc.channel<[number, ReturnType<typeof mpsc.channel<number>>[0]]>({ name: 'jobs' });
      const worker = thread.spawn(async () => {
        for await (const [n, reply] of jobsRx) {
          (await reply.send(n * 2)).unwrap();
          await drop(reply); // the end of the loop body's scope, in Rust
        }
      }, { name: 'worker', move: [jobsRx] });
      const [rtx, rrx] = mpsc.channel<number>({ name: 'reply' });
      (await jobs.send([21, rtx])).unwrap();
      got.push(String(await rrx.recv()));
      got.push(String(await rrx.recv())); // rtx was moved to the worker and dropped there: Err, not a deadlock
      await drop(jobs);
      await worker.join();
    }, { runs: 30 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['Ok(42)', 'Err(RecvError)']);
  });

  it('using a Sender after sending it is a use after move', async () => {
    const r = await runRust(async () => {
      const [tx, rx] = mpsc.channel<object>();
      const [inner] = mpsc.channel<number>();
      await tx.send(inner);
      await inner.send(1);
      await rx.recv();
    }, { runs: 1 });
    expect(r.error?.message).toMatch(/send: Sender of channel 'mpsc#2' used by thread 'main' after it was moved to/);
  });

  it('dropping the Receiver drops the messages still buffered (a Sender among them disconnects its channel)', async () => {
    const got: string[] = [];
    const r = await runRust(async () => {
      got.length = 0;
      const [tx, rx] = mpsc.channel<object>();
      const [inner, innerRx] = mpsc.channel<number>();
      await tx.send(inner);
      await drop(rx);
      got.push(String(await innerRx.recv()));
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['Err(RecvError)']);
  });
});

describe('happens-before', () => {
  it('a Sender drop happens-before the recv that sees the disconnection', async () => {
    const r = await runRust(async () => {
      const cell = new UnsafeCell(0, 'data');
      const [tx, rx] = mpsc.channel<number>();
      thread.spawn(async () => {
        await cell.set(1);
        await drop(tx);
      }, { name: 'w', move: [tx] });
      assert((await rx.recv()).isErr());
      await cell.get();
    }, { runs: 100 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('without the channel the same access races (the test can fail)', async () => {
    const r = await runRust(async () => {
      const cell = new UnsafeCell(0, 'data');
      const [tx, rx] = mpsc.channel<number>();
      thread.spawn(async () => {
        await (await tx.send(0)).unwrap();
        await cell.set(1);
      }, { name: 'w', move: [tx] });
      (await rx.recv()).unwrap();
      await cell.get();
    }, { runs: 100 });
    expect(kinds(r)).toEqual(['data-race']);
  });
});

describe('reports name who holds the live Senders or the Receiver', () => {
  const keptAlive = () =>
    scenario('kept alive', async () => {
      const [tx, rx] = mpsc.channel<number>({ name: 'rx' });
      const hs = [0, 1].map((id) => {
        const t = tx.clone();
        return thread.spawn(async () => void (await t.send(id)).unwrap(), { name: `worker-${id}`, move: [t] });
      });
      let total = 0;
      for await (const v of rx) total += v;
      for (const h of hs) await h.join();
      return total;
    });

  it('Sender kept alive by main: a deadlock found by run and by explore, naming main as the holder', async () => {
    const r = await (await import('../../../helpers.js')).runS(keptAlive(), { runs: 5 });
    expect(kinds(r)).toEqual(['deadlock']);
    const text = r.findings[0]!.details!.join('\n');
    expect(text).toContain("thread 'main' is blocked in recv of channel 'rx'");
    expect(text).toContain("its live Sender is held by 'main' (itself)");
    const e = await exploreScenario(keptAlive(), exploreOptions({ all: false }));
    expect(e.findings.map((f) => f.kind)).toEqual(['deadlock']);
    expect(e.findings[0]!.details!.join('\n')).toContain("held by 'main' (itself)");
  });

  it('a holder blocked elsewhere is named with what it does', async () => {
    const r = await runRust(async () => {
      const [tx, rx] = mpsc.channel<number>({ name: 'a' });
      const [tx2, rx2] = mpsc.channel<number>({ name: 'b' });
      const h = thread.spawn(async () => {
        await rx2.recv(); // waits for main, which waits for it
        await drop(tx);
      }, { name: 'worker-1', move: [tx, rx2] });
      await rx.recv();
      await drop(tx2);
      await h.join();
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['deadlock']);
    const text = r.findings[0]!.details!.join('\n');
    expect(text).toContain("its live Sender is held by 'worker-1' (blocked in recv of channel 'b')");
    expect(text).toContain("its live Sender is held by 'main' (blocked in recv of channel 'a')");
  });

  it('a send blocked on a full syncChannel names the Receiver\'s holder', async () => {
    const r = await runRust(async () => {
      const [tx, rx] = mpsc.syncChannel<number>(0, { name: 'r' });
      const h = thread.spawn(async () => {
        for (let i = 0; i < 3; i++) if ((await tx.send(i)).isErr()) break;
      }, { name: 'producer', move: [tx] });
      (await rx.recv()).unwrap();
      await h.join();
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['deadlock']);
    const text = r.findings[0]!.details!.join('\n');
    expect(text).toContain("thread 'producer' is blocked in send on channel 'r'");
    expect(text).toContain("its Receiver is held by 'main' (blocked in join of thread 'producer')");
  });

  it('leaks: a thread left in recv after main returned names the holders too', async () => {
    const r = await runRust(async () => {
      const [atx, arx] = mpsc.channel<number>({ name: 'a2b' });
      const [btx, brx] = mpsc.channel<number>({ name: 'b2a' });
      thread.spawn(async () => {
        for await (const _ of brx) await atx.send(1);
      }, { name: 'thread-a', move: [atx, brx] });
      thread.spawn(async () => {
        for await (const _ of arx) await btx.send(1);
      }, { name: 'thread-b', move: [arx, btx] });
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['leak', 'leak']);
    const text = r.findings.map((f) => f.details!.join('\n')).join('\n');
    expect(text).toContain("its live Sender is held by 'thread-b' (blocked in recv of channel 'a2b')");
    expect(text).toContain("its live Sender is held by 'thread-a' (blocked in recv of channel 'b2a')");
  });
});

describe('exploration', { timeout: 120_000 }, () => {
  it.each([1, 2, 3, 4])('%i senders × one receiver on syncChannel(0): exactly n! executions', async (n) => {
    const orders = new Set<string>();
    const r = await explore(async () => {
      const [tx, rx] = mpsc.syncChannel<number>(0);
      const hs = [];
      for (let i = 0; i < n; i++) {
        const t = tx.clone();
        hs.push(thread.spawn(async () => void (await t.send(i)).unwrap(), { move: [t] }));
      }
      await drop(tx);
      const seen: number[] = [];
      for await (const v of rx) seen.push(v);
      orders.add(seen.join(''));
      for (const h of hs) await h.join();
    });
    expect(r.error).toBeUndefined();
    expect(r.complete).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.executions).toBe(factorial(n));
    expect(orders.size).toBe(factorial(n));
  });

  it.each([1, 2, 3])('%i senders on an unbounded channel, receiver after a join: n! executions (send order)', async (n) => {
    const r = await explore(async () => {
      const [tx, rx] = mpsc.channel<number>();
      const hs = [];
      for (let i = 0; i < n; i++) {
        const t = tx.clone();
        hs.push(thread.spawn(async () => void (await t.send(i)).unwrap(), { move: [t] }));
      }
      for (const h of hs) await h.join();
      await drop(tx);
      for await (const _ of rx);
    });
    expect(r.complete).toBe(true);
    expect(r.executions).toBe(factorial(n));
  });

  it('disconnection in every order: a send against the Receiver\'s drop (Ok or Err, both explored)', async () => {
    const seen = new Set<string>();
    const r = await explore(async () => {
      const [tx, rx] = mpsc.channel<number>();
      const h = thread.spawn(async () => (await tx.send(1)).isOk(), { move: [tx] });
      await drop(rx);
      seen.add(String((await h.join()).unwrap()));
    });
    expect(r.complete).toBe(true);
    expect(r.findings).toEqual([]);
    expect([...seen].sort()).toEqual(['false', 'true']);
    expect(r.executions).toBe(2);
  });

  it('disconnection in every order: tryRecv against two Senders\' drops (Empty until the last, then Disconnected)', async () => {
    const seen = new Set<string>();
    const r = await explore(async () => {
      const [tx, rx] = mpsc.channel<number>();
      const tx2 = tx.clone();
      const a = thread.spawn(async () => void (await drop(tx)), { name: 'a', move: [tx] });
      const b = thread.spawn(async () => void (await drop(tx2)), { name: 'b', move: [tx2] });
      seen.add(String(await rx.tryRecv()));
      await a.join();
      await b.join();
      assert((await rx.recv()).isErr());
    });
    expect(r.complete).toBe(true);
    expect(r.findings).toEqual([]);
    expect([...seen].sort()).toEqual(['Err(Disconnected)', 'Err(Empty)']);
    // tryRecv before both drops, between them (either one first), after both (their order commutes)
    expect(r.executions).toBe(4);
  });

  it('the receiver-dropped unwrap: explore finds the panic of a late sender', async () => {
    const r = await explore(async () => {
      const [tx, rx] = mpsc.channel<number>();
      const hs = [0, 1].map((id) => {
        const t = tx.clone();
        return thread.spawn(async () => void (await t.send(id)).unwrap(), { name: `s-${id}`, move: [t] });
      });
      await drop(tx);
      (await rx.recv()).unwrap();
      await drop(rx);
      for (const h of hs) await h.join();
    }, false);
    expect(r.findings.map((f) => f.kind)).toEqual(['panic']);
    expect(r.findings[0]!.message).toContain('SendError { .. }');
  });
});
