import { describe, expect, it } from 'vitest';
import { spawn } from '../../../../src/primitives/tokio/task.js';
import { broadcast } from '../../../../src/primitives/tokio/broadcast.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { runTokio, kinds } from './helpers.js';

const show = (r: { ok: boolean; value?: unknown; error?: unknown }) => (r.ok ? r.value : (r.error as { kind: string; skipped?: number }).kind === 'Lagged' ? `Lagged(${(r.error as { skipped: number }).skipped})` : (r.error as { kind: string }).kind);

describe('tokio broadcast', () => {
  it('every receiver gets every value sent after it subscribed; Closed when the senders are gone', async () => {
    const got: Record<string, unknown[]> = {};
    const r = await runTokio(async () => {
      const [tx, rx1] = broadcast.channel<number>(4, 'events');
      tx.send(1).unwrap();
      const rx2 = tx.subscribe();
      tx.send(2).unwrap();
      await drop(tx);
      for (const [name, rx] of [['rx1', rx1], ['rx2', rx2]] as const) {
        const seen: unknown[] = [];
        for (;;) {
          const res = await rx.recv();
          seen.push(show(res));
          if (!res.ok) break;
        }
        got[name] = seen;
      }
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(got).toEqual({ rx1: [1, 2, 'Closed'], rx2: [2, 'Closed'] });
  });

  it('a receiver more than capacity behind gets Lagged(n) and resumes at the oldest value kept', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [tx, rx] = broadcast.channel<number>(2, 'events');
      for (let i = 1; i <= 5; i++) tx.send(i).unwrap();
      await drop(tx);
      for (;;) {
        const res = await rx.recv();
        got.push(show(res));
        if (!res.ok && (res.error as { kind: string }).kind === 'Closed') break;
      }
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['Lagged(3)', 4, 5, 'Closed']);
  });

  it('send with no receiver errs; tryRecv is Empty when caught up', async () => {
    const got: unknown[] = [];
    const r = await runTokio(async () => {
      got.length = 0;
      const [tx, rx] = broadcast.channel<number>(2);
      got.push(show(rx.tryRecv()));
      await drop(rx);
      got.push(tx.send(1).isErr(), tx.receiverCount());
    }, { runs: 1 });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(['Empty', true, 0]);
  });

  it('a slow subscriber task lags behind a fast sender in some schedules only', async () => {
    const lagged = new Set<boolean>();
    const r = await runTokio(async () => {
      const [tx, rx] = broadcast.channel<number>(1, 'ticks');
      const h = spawn(async () => {
        let lag = false;
        for (;;) {
          const res = await rx.recv();
          if (res.ok) continue;
          if (res.error.kind === 'Lagged') lag = true;
          else break;
        }
        return lag;
      }, { name: 'slow', move: [rx] });
      for (let i = 0; i < 3; i++) {
        tx.send(i).unwrap();
        await drop(tx.clone());
      }
      await drop(tx);
      lagged.add((await h.join()).unwrap());
    }, { runs: 60 });
    expect(kinds(r)).toEqual([]);
    expect([...lagged].sort()).toEqual([false, true]);
  });
});
