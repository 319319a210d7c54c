import { describe, expect, it } from 'vitest';
import { spawn, yieldNow } from '../../../../src/primitives/tokio/task.js';
import { sleep, sleepBranch, timeout } from '../../../../src/primitives/tokio/time.js';
import { select } from '../../../../src/primitives/tokio/select.js';
import { mpsc } from '../../../../src/primitives/tokio/mpsc.js';
import { oneshot } from '../../../../src/primitives/tokio/oneshot.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { assert } from '../../../../src/primitives/rust/panic.js';
import { UnsafeCell } from '../../../../src/primitives/rust/unsafe-cell.js';
import { runTokio, kinds } from './helpers.js';

describe('tokio mpsc: bounded channel', () => {
  it('values arrive in order; recv gives undefined once every Sender is dropped and the buffer drained', async () => {
    const got: unknown[][] = [];
    const r = await runTokio(async () => {
      const seen: unknown[] = [];
      const [tx, rx] = mpsc.channel<number>(2, 'items');
      const tx2 = tx.clone();
      spawn(async () => {
        for (const v of [1, 2, 3]) (await tx.send(v)).unwrap();
      }, { name: 'p1', move: [tx] });
      spawn(async () => {
        (await tx2.send(10)).unwrap();
      }, { name: 'p2', move: [tx2] });
      for await (const v of rx) seen.push(v);
      seen.push(await rx.recv());
      got.push(seen);
    }, { runs: 40 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    for (const s of got) {
      expect(s.filter((v) => v !== 10)).toEqual([1, 2, 3, undefined]);
      expect(s).toContain(10);
    }
  });

  it('backpressure: a send waits while the channel is full (never more than capacity buffered)', async () => {
    const r = await runTokio(async () => {
      const [tx, rx] = mpsc.channel<number>(1, 'items');
      spawn(async () => {
        for (let i = 0; i < 4; i++) {
          (await tx.send(i)).unwrap();
          assert(rx.len() <= 1, `${rx.len()} values buffered in a channel of capacity 1`);
        }
      }, { name: 'producer', move: [tx] });
      let n = 0;
      while ((await rx.recv()) !== undefined) {
        await sleep(1);
        n++;
      }
      assert(n === 4, 'every value received');
    }, { runs: 60 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('channel(0) panics as tokio does', async () => {
    const r = await runTokio(async () => {
      mpsc.channel<number>(0);
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['panic']);
    expect(r.findings[0]!.message).toContain('mpsc bounded channel requires buffer > 0');
  });

  it('send errs once the receiver is dropped (a waiting send too), handing the value back', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [tx, rx] = mpsc.channel<string>(1, 'c');
      (await tx.send('a')).unwrap();
      const h = spawn(async () => {
        const res = await tx.send('b'); // waits: full
        return res.isErr() ? res.unwrapErr().value : 'sent';
      }, { name: 'sender', move: [tx] });
      await sleep(1);
      await drop(rx);
      got.push((await h.join()).unwrap());
    }, { runs: 30 });
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['b']);
  });

  it('trySend (Full, Closed) and tryRecv (Empty, Disconnected) are synchronous and name tokio\'s variants', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [tx, rx] = mpsc.channel<number>(1, 'c');
      got.push(rx.tryRecv().unwrapErr().kind);
      got.push(tx.trySend(1).isOk());
      const full = tx.trySend(2);
      got.push(full.unwrapErr().kind, full.unwrapErr().value);
      got.push(rx.tryRecv().unwrap());
      await drop(tx);
      got.push(rx.tryRecv().unwrapErr().kind);
      const [tx2, rx2] = mpsc.channel<number>(1, 'd');
      rx2.close();
      got.push(tx2.trySend(3).unwrapErr().kind);
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual(['Empty', true, 'Full', 2, 1, 'Disconnected', 'Closed']);
  });

  it('reserve holds a slot: trySend is Full while the permit lives; permit.send delivers; dropping it frees the slot', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [tx, rx] = mpsc.channel<string>(1, 'c');
      const p = (await tx.reserve()).unwrap();
      got.push(tx.trySend('x').unwrapErr().kind);
      p.send('via permit');
      got.push(await rx.recv());
      const p2 = (await tx.reserve()).unwrap();
      await drop(p2);
      got.push(tx.trySend('y').isOk(), await rx.recv());
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['Full', 'via permit', true, 'y']);
  });

  it('a sendBranch that loses a select sent nothing (cancel safety); a waiting send that loses leaves the queue', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [tx, rx] = mpsc.channel<number>(1, 'c');
      (await tx.send(1)).unwrap();
      const s = await select([tx.sendBranch(2), sleepBranch(5)]);
      got.push(s.index);
      await drop(tx);
      for await (const v of rx) got.push(v);
    }, { runs: 20 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([1, 1]);
  });

  it('waiting senders are served first come, first served', async () => {
    const got: unknown[][] = [];
    const r = await runTokio(async () => {
      const seen: unknown[] = [];
      const [tx, rx] = mpsc.channel<string>(1, 'c');
      (await tx.send('first')).unwrap();
      const a = tx.clone();
      const b = tx.clone();
      spawn(async () => void (await a.send('a')), { name: 'a', move: [a] });
      await sleep(1);
      spawn(async () => void (await b.send('b')), { name: 'b', move: [b] });
      await sleep(1);
      await drop(tx);
      for await (const v of rx) seen.push(v);
      got.push(seen);
    }, { runs: 20, timeMode: 'synctest' });
    expect(r.error).toBeUndefined();
    for (const s of got) expect(s).toEqual(['first', 'a', 'b']);
  });

  it('a queued send that times out leaves the queue: the next waiting sender gets the slot', async () => {
    const got: unknown[][] = [];
    const r = await runTokio(async () => {
      const seen: unknown[] = [];
      const [tx, rx] = mpsc.channel<string>(1, 'c');
      (await tx.send('first')).unwrap();
      const a = tx.clone();
      const b = tx.clone();
      const ha = spawn(async () => (await timeout(5, () => a.send('a'))).isErr(), { name: 'a', move: [a] });
      await sleep(1);
      spawn(async () => void (await b.send('b')), { name: 'b', move: [b] });
      await sleep(10);
      seen.push((await ha.join()).unwrap());
      await drop(tx);
      for await (const v of rx) seen.push(v);
      got.push(seen);
    }, { runs: 20, timeMode: 'synctest' });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    for (const s of got) expect(s).toEqual([true, 'first', 'b']);
  });

  it('tx.closed() completes once the receiver closes; buffered values are still received after close', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [tx, rx] = mpsc.channel<number>(4, 'c');
      (await tx.send(1)).unwrap();
      const tx2 = tx.clone();
      const h = spawn(async () => {
        await tx2.closed();
        return (await tx2.send(2)).isErr();
      }, { name: 'watcher', move: [tx2] });
      await yieldNow();
      rx.close();
      got.push((await h.join()).unwrap(), await rx.recv(), await rx.recv());
    }, { runs: 20 });
    expect(r.error).toBeUndefined();
    expect(got).toEqual([true, 1, undefined]);
  });

  it('select over two receivers takes one value and leaves the other (recvBranch is cancel safe); timeout of a recv', async () => {
    const got: unknown[][] = [];
    const r = await runTokio(async () => {
      const seen: unknown[] = [];
      const [ta, ra] = mpsc.channel<string>(1, 'a');
      const [tb, rb] = mpsc.channel<string>(1, 'b');
      (await ta.send('x')).unwrap();
      (await tb.send('y')).unwrap();
      const s = await select([ra.recvBranch(), rb.recvBranch()]);
      seen.push(s.value);
      seen.push(s.index === 0 ? await rb.recv() : await ra.recv());
      seen.push((await timeout(5, () => ra.recv())).isErr());
      got.push(seen);
    }, { runs: 30 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(new Set(got.map((g) => JSON.stringify(g)))).toEqual(new Set([JSON.stringify(['x', 'y', true]), JSON.stringify(['y', 'x', true])]));
  });

  it('dropping the receiver drops the values still buffered: a oneshot reply Sender in one ends, so its recv errs', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [tx, rx] = mpsc.channel<{ reply: oneshot.Sender<number> }>(1, 'requests');
      const [reply, answer] = oneshot.channel<number>('answer');
      (await tx.send({ reply })).unwrap();
      await drop(rx);
      got.push((await answer.recv()).isErr());
    }, { runs: 5 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([true]);
  });

  it('unbounded: send is synchronous and never waits', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [tx, rx] = mpsc.unboundedChannel<number>('u');
      for (let i = 0; i < 5; i++) tx.send(i).unwrap();
      await drop(tx);
      for await (const v of rx) got.push(v);
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(got).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('tokio mpsc: happens-before and reports', () => {
  it('a send happens before the receive that gets its value; without the channel it is a data race', async () => {
    const ordered = await runTokio(async () => {
      const cell = new UnsafeCell(0, 'data');
      const [tx, rx] = mpsc.channel<number>(1, 'c');
      spawn(async () => {
        await cell.set(42);
        (await tx.send(1)).unwrap();
      }, { name: 'writer', move: [tx] });
      await rx.recv();
      assert((await cell.get()) === 42, 'the write is visible');
    }, { runs: 30 });
    expect(kinds(ordered)).toEqual([]);
    const racy = await runTokio(async () => {
      const cell = new UnsafeCell(0, 'data');
      const [tx, rx] = mpsc.channel<number>(1, 'c');
      spawn(async () => {
        (await tx.send(1)).unwrap();
        await cell.set(42);
      }, { name: 'writer', move: [tx] });
      await rx.recv();
      await cell.get();
    }, { runs: 30 });
    expect(kinds(racy)).toContain('data-race');
  });

  it('the drop of the last Sender happens before the recv that sees None', async () => {
    const r = await runTokio(async () => {
      const cell = new UnsafeCell(0, 'data');
      const [tx, rx] = mpsc.channel<number>(1, 'c');
      spawn(async () => {
        await cell.set(1);
        await drop(tx);
      }, { name: 'w', move: [tx] });
      assert((await rx.recv()) === undefined, 'None');
      await cell.get();
    }, { runs: 30 });
    expect(kinds(r)).toEqual([]);
  });

  it('the downloader bug: the report says who holds the live Sender and what it is doing', async () => {
    const r = await runTokio(async () => {
      const [tx, rx] = mpsc.channel<number>(8, 'items');
      const t1 = tx.clone();
      spawn(async () => void (await t1.send(1)), { name: 'download', move: [t1] });
      const consumer = spawn(async () => {
        for await (const _ of rx);
      }, { name: 'consumer', move: [rx] });
      await consumer.join();
    }, { runs: 5 });
    expect(kinds(r)).toEqual(['deadlock']);
    const d = r.findings[0]!.details!.join('\n');
    expect(d).toContain("task 'consumer' is blocked in recv of channel 'items'");
    expect(d).toContain("its live Sender is held by 'main', which waits in join of task 'consumer'");
  });

  it('a producer blocked on a full channel: the report names the receiver\'s holder', async () => {
    const r = await runTokio(async () => {
      const [tx, rx] = mpsc.channel<number>(1, 'jobs');
      const worker = spawn(async () => {
        (await tx.send(1)).unwrap();
        (await tx.send(2)).unwrap();
      }, { name: 'producer', move: [tx] });
      await worker.join(); // BUG: never receives
      await rx.recv();
    }, { runs: 5 });
    expect(kinds(r)).toEqual(['deadlock']);
    const d = r.findings[0]!.details!.join('\n');
    expect(d).toContain("task 'producer' is blocked in send on channel 'jobs' (full");
    expect(d).toContain("its Receiver is held by 'main', which waits in join of task 'producer'");
  });

  it('a task holding a Sender it awaits in recv: a leak that says it holds the Sender itself', async () => {
    const r = await runTokio(async () => {
      const [tx, rx] = mpsc.channel<number>(1, 'loop');
      spawn(async () => {
        (await tx.send(1)).unwrap();
        for await (const _ of rx);
      }, { name: 'selfish', move: [tx, rx] });
    }, { runs: 5 });
    expect(kinds(r)).toEqual(['leak']);
    expect(r.findings[0]!.details!.join('\n')).toContain("including the one 'selfish' holds itself");
  });
});
