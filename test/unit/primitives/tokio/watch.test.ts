import { describe, expect, it } from 'vitest';
import { spawn } from '../../../../src/primitives/tokio/task.js';
import { sleepBranch } from '../../../../src/primitives/tokio/time.js';
import { select } from '../../../../src/primitives/tokio/select.js';
import { watch } from '../../../../src/primitives/tokio/watch.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { runTokio, kinds } from './helpers.js';

describe('tokio watch', () => {
  it('keeps the latest value only; changed marks it seen; borrowAndUpdate too', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [tx, rx] = watch.channel('v0', 'config');
      got.push(rx.borrow(), rx.hasChanged().unwrap());
      tx.send('v1').unwrap();
      tx.send('v2').unwrap();
      got.push(rx.hasChanged().unwrap());
      (await rx.changed()).unwrap();
      got.push(rx.borrow(), rx.hasChanged().unwrap());
      tx.sendModify(() => 'v3');
      got.push(rx.borrowAndUpdate(), rx.hasChanged().unwrap());
      const s = await select([rx.changedBranch(), sleepBranch(1)], { biased: true });
      got.push(s.index);
      await drop(tx);
      got.push((await rx.changed()).unwrapErr().kind);
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['v0', false, true, 'v2', false, 'v3', false, 1, 'RecvError']);
  });

  it('a task reloading its config on every change sees the last value; changed errs when the sender is gone', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      const [tx, rx] = watch.channel(0, 'config');
      const h = spawn(async () => {
        let last = rx.borrowAndUpdate();
        while ((await rx.changed()).isOk()) last = rx.borrowAndUpdate();
        return last;
      }, { name: 'server', move: [rx] });
      for (let i = 1; i <= 3; i++) tx.send(i).unwrap();
      await drop(tx);
      got.push((await h.join()).unwrap());
    }, { runs: 40 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(new Set(got)).toEqual(new Set([3]));
  });

  it('send errs once every receiver is gone (and stores nothing)', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [tx, rx] = watch.channel(1);
      await drop(rx);
      got.push(tx.send(2).isErr(), tx.borrow(), tx.sendReplace(3), tx.borrow());
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(got).toEqual([true, 1, 1, 3]);
  });
});
