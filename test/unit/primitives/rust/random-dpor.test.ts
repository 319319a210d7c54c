/**
 * Random small Rust std programs against brute force: two threads locking a Mutex, reading and writing
 * an RwLock, notifying and waiting on a Condvar (a wait may wake spuriously: a choice), and sending on
 * their own clones of an mpsc Sender, while main receives until every Sender is dropped. DPOR must
 * explore exactly brute force's traces, each once, and see the same outcomes (deadlocks included).
 */
import seedrandom from 'seedrandom';
import { describe, it } from 'vitest';
import { scenario } from '../../../../src/primitives/rust/scenario.js';
import { thread } from '../../../../src/primitives/rust/thread.js';
import { Mutex } from '../../../../src/primitives/rust/mutex.js';
import { RwLock } from '../../../../src/primitives/rust/rwlock.js';
import { Condvar } from '../../../../src/primitives/rust/condvar.js';
import { mpsc } from '../../../../src/primitives/rust/mpsc.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { expectExactlyBruteForce, seedsBruteForceFinishes } from '../../scheduler/explore-helpers.js';

const KINDS = ['lock', 'read', 'write', 'notify', 'wait', 'send'] as const;
type K = (typeof KINDS)[number];
function prog(seed: number): K[][] {
  const rng = seedrandom.alea(`rust-hunt-${seed}`);
  const int = (n: number) => Math.floor(rng() * n);
  return Array.from({ length: 2 }, () => Array.from({ length: 1 + int(2) }, () => KINDS[int(KINDS.length)]!));
}
describe('Rust std: DPOR against brute force on random programs', { timeout: 1200_000 }, () => {
  // The programs whose brute force needs more than 3,000 executions are left out: they checked nothing (15 of
  // the 19 s of CPU this test took). The cap of 6,000 leaves room for the kept ones (at most 2,590).
  it.each(seedsBruteForceFinishes(0, 24, [0, 1, 3, 4, 6, 9, 13, 14, 15, 17, 18, 19, 20]))('program %i', async (seed) => {
    const p = prog(seed);
    let log: Record<string, unknown[]> = {};
    const s = scenario(`rust random ${seed}`, async () => {
      log = {};
      const see = (who: string, v: unknown) => void (log[who] ??= []).push(v);
      const m = new Mutex(0);
      const rw = new RwLock(0);
      const cv = new Condvar();
      const [tx, rx] = mpsc.channel<number>();
      const hs = p.map((ops, n) => {
        const mine = tx.clone();
        return thread.spawn(async () => {
          const who = `t${n}`;
          for (const k of ops) {
            switch (k) {
              case 'lock': { const g = (await m.lock()).unwrap(); g.value = g.value + 1; see(who, g.value); await drop(g); break; }
              case 'read': { const g = (await rw.read()).unwrap(); see(who, g.value); await drop(g); break; }
              case 'write': { const g = (await rw.write()).unwrap(); g.value = g.value + 1; await drop(g); break; }
              case 'notify': { const g = (await m.lock()).unwrap(); g.value = g.value + 10; await cv.notifyOne(); await drop(g); break; }
              case 'wait': { const g = (await m.lock()).unwrap(); const g2 = (await cv.wait(g)).unwrap(); see(who, `woke:${g2.value}`); await drop(g2); break; }
              case 'send': see(who, (await mine.send(n)).isOk()); break;
            }
          }
          await drop(mine);
        }, { name: `t${n}`, move: [mine] });
      });
      await drop(tx);
      for (;;) { const r = await rx.recv(); if (r.isErr()) break; see('main', r.unwrap()); }
      for (const h of hs) await h.join();
    });
    const seen = () => Object.fromEntries(Object.entries(log).sort(([a], [b]) => (a < b ? -1 : 1)));
    await expectExactlyBruteForce(s, seen, 6000);
  });
});
