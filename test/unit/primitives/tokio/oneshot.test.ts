import { describe, expect, it } from 'vitest';
import { spawn } from '../../../../src/primitives/tokio/task.js';
import { sleep, sleepBranch } from '../../../../src/primitives/tokio/time.js';
import { select } from '../../../../src/primitives/tokio/select.js';
import { oneshot } from '../../../../src/primitives/tokio/oneshot.js';
import { mpsc } from '../../../../src/primitives/tokio/mpsc.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { UnsafeCell } from '../../../../src/primitives/rust/unsafe-cell.js';
import { runTokio, kinds } from './helpers.js';

describe('tokio oneshot', () => {
  it('send is synchronous and wakes the receiver: Ok(value)', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [tx, rx] = oneshot.channel<number>('reply');
      spawn(async () => {
        await sleep(1);
        got.push(tx.send(7).isOk());
      }, { name: 'replier', move: [tx] });
      got.push((await rx.recv()).unwrap());
    }, { runs: 20 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got.sort()).toEqual([7, true]);
  });

  it('a Sender dropped unsent: recv gives Err(RecvError); unwrapping it panics', async () => {
    const got: unknown[] = [];
    const handled = await runTokio(async () => {
      got.length = 0;
      const [tx, rx] = oneshot.channel<number>('reply');
      spawn(async () => void tx, { name: 'forgetful', move: [tx] });
      const res = await rx.recv();
      got.push(res.isErr() && res.unwrapErr().kind);
    }, { runs: 20 });
    expect(kinds(handled)).toEqual([]);
    expect(got).toEqual(['RecvError']);
    const unwrapped = await runTokio(async () => {
      const [tx, rx] = oneshot.channel<number>('reply');
      spawn(async () => void tx, { name: 'forgetful', move: [tx] });
      (await rx.recv()).unwrap();
    }, { runs: 5 });
    expect(kinds(unwrapped)).toEqual(['panic']);
  });

  it('send after the receiver is dropped: Err(value)', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [tx, rx] = oneshot.channel<string>();
      await drop(rx);
      const res = tx.send('v');
      got.push(res.unwrapErr());
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['v']);
  });

  it('after rx.close(): recv errs at once with nothing sent, gets a value sent before the close; tryRecv is Closed', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [tx1, rx1] = oneshot.channel<number>();
      rx1.close();
      got.push(tx1.send(1).unwrapErr()); // refused: the Sender is consumed, and gone
      got.push(String(await rx1.recv()));
      const [tx2, rx2] = oneshot.channel<number>();
      tx2.send(2).unwrap();
      rx2.close();
      got.push((await rx2.recv()).unwrap());
      const [_tx3, rx3] = oneshot.channel<number>();
      rx3.close();
      got.push(rx3.tryRecv().unwrapErr().kind);
      got.push(String(await rx3.recv())); // the Sender is alive, but the receiver closed: no wait
    }, { runs: 3 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([1, 'Err(RecvError)', 2, 'Closed', 'Err(RecvError)']);
  });

  it('an actor replies through a oneshot Sender carried in the request (moved by the channel)', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [tx, rx] = mpsc.channel<{ n: number; reply: oneshot.Sender<number> }>(1, 'requests');
      spawn(async () => {
        for await (const req of rx) req.reply.send(req.n * 2);
      }, { name: 'actor', move: [rx] });
      for (const n of [1, 2]) {
        const [rtx, rrx] = oneshot.channel<number>();
        (await tx.send({ n, reply: rtx })).unwrap();
        got.push((await rrx.recv()).unwrap());
      }
    }, { runs: 20 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(got).toEqual([2, 4]);
  });

  it('recvBranch is cancel safe: losing a select leaves the value for a later recv', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [tx, rx] = oneshot.channel<number>();
      const s = await select([rx.recvBranch(), sleepBranch(1)], { biased: true });
      got.push(s.index);
      tx.send(3);
      got.push((await rx.recv()).unwrap());
    }, { runs: 10 });
    expect(r.error).toBeUndefined();
    expect(got).toEqual([1, 3]);
  });

  it('the send happens before the recv that gets the value', async () => {
    const r = await runTokio(async () => {
      const cell = new UnsafeCell(0, 'data');
      const [tx, rx] = oneshot.channel<number>();
      spawn(async () => {
        await cell.set(1);
        tx.send(1);
      }, { name: 'w', move: [tx] });
      await rx.recv();
      await cell.get();
    }, { runs: 30 });
    expect(kinds(r)).toEqual([]);
  });

  it('a recv whose Sender is held by a task that waits: the report names it', async () => {
    const r = await runTokio(async () => {
      const [tx, rx] = oneshot.channel<number>('reply');
      const [, never] = oneshot.channel<number>('never');
      const h = spawn(async () => {
        await rx.recv();
      }, { name: 'waiter', move: [rx] });
      await h.join();
      tx.send(1);
      void never;
    }, { runs: 3 });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.details!.join('\n')).toContain("its Sender is held by 'main', which waits in join of task 'waiter'");
  });
});
