/**
 * Random small tokio programs against brute force, with tokio::sync: tasks sending on and receiving from
 * bounded mpsc channels (capacity 1), receiving under a timeout or in a select against a sleep, Notify,
 * a tokio Mutex, and aborting each other (a synchronous code touch). DPOR must explore exactly brute
 * force's traces, each once, and see the same outcomes. Programs 5 and 50 lost a trace when an abort
 * that found its task ended touched nothing (task.ts abortTask: it reads the task).
 */
import seedrandom from 'seedrandom';
import { describe, it } from 'vitest';
import { scenario } from '../../../../src/primitives/tokio/scenario.js';
import { spawn, type JoinHandle } from '../../../../src/primitives/tokio/task.js';
import { sleep, timeout } from '../../../../src/primitives/tokio/time.js';
import { select } from '../../../../src/primitives/tokio/select.js';
import { mpsc } from '../../../../src/primitives/tokio/mpsc.js';
import { Notify } from '../../../../src/primitives/tokio/notify.js';
import { Mutex } from '../../../../src/primitives/tokio/mutex.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { expectExactlyBruteForce, seedsBruteForceFinishes } from '../../scheduler/explore-helpers.js';

type TOp = { k: 'send'; c: number } | { k: 'recv' } | { k: 'tmo'; ms: number } | { k: 'selr'; ms: number } | { k: 'notify' } | { k: 'notified' } | { k: 'lock' } | { k: 'abort'; t: number } | { k: 'sleep'; ms: number };
const KINDS = ['send', 'recv', 'tmo', 'selr', 'notify', 'notified', 'lock', 'abort', 'sleep'] as const;
function prog(seed: number): TOp[][] {
  const rng = seedrandom.alea(`tokio-hunt-${seed}`);
  const int = (n: number) => Math.floor(rng() * n);
  const op = (): TOp => {
    const k = KINDS[int(KINDS.length)]!;
    switch (k) {
      case 'send': return { k, c: int(2) };
      case 'tmo': case 'selr': case 'sleep': return { k, ms: 1 + int(2) };
      case 'abort': return { k, t: int(2) };
      default: return { k } as TOp;
    }
  };
  return Array.from({ length: 2 + (seed % 2) }, () => Array.from({ length: 1 + int(3) }, op));
}
describe('tokio: DPOR against brute force on random programs with channels, timeouts, Notify, Mutex and abort', { timeout: 900_000 }, () => {
  // The programs whose brute force needs more than 4,000 executions are left out: they checked nothing (22 of
  // the 27 s of CPU this test took). The cap of 8,000 leaves room for the kept ones (at most 2,718).
  it.each([...seedsBruteForceFinishes(0, 24, [1, 3, 7, 9, 11, 15, 17, 19, 20, 21, 22, 23]), 50])('program %i', async (seed) => {
    const p = prog(seed);
    let log: Record<string, unknown[]> = {};
    const s = scenario(`tokio sync random ${seed}`, async () => {
      log = {};
      const see = (who: string, v: unknown) => void (log[who] ??= []).push(v);
      const C = [mpsc.channel<number>(1), mpsc.channel<number>(1)];
      const N = new Notify();
      const M = new Mutex(0);
      const hs: JoinHandle<void>[] = [];
      p.forEach((ops, n) => {
        const rx = C[n % 2]![1];
        hs.push(spawn(async () => {
          const who = `t${n}`;
          for (const o of ops) {
            switch (o.k) {
              case 'send': see(who, (await C[o.c]![0].send(n)).isOk()); break;
              case 'recv': if (n < 2) see(who, await rx.recv()); break;
              case 'tmo': if (n < 2) { const r = await timeout(o.ms, () => rx.recv()); see(who, r.isOk() ? r.unwrap() : 'elapsed'); } break;
              case 'selr': if (n < 2) see(who, (await select([rx.recvBranch(), sleep(o.ms)])).index); break;
              case 'notify': N.notifyOne(); break;
              case 'notified': await timeout(3, () => N.notified()); see(who, 'n'); break;
              case 'lock': { const g = await M.lock(); g.value = g.value + 1; see(who, g.value); drop(g); break; }
              case 'abort': { const h = hs[o.t]; if (h && o.t !== n) h.abort(); break; }
              case 'sleep': await sleep(o.ms); break;
            }
          }
        }, `t${n}`));
      });
      for (const h of hs) see('main', (await h.join()).isOk());
    });
    const seen = () => Object.fromEntries(Object.entries(log).sort(([a], [b]) => (a < b ? -1 : 1)));
    await expectExactlyBruteForce(s, seen, 8000);
  });
});
