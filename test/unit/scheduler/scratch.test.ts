import { it } from 'vitest';
import { scenario } from '../../../src/api/scenario.js';
import { spawn } from '../../../src/api/goroutines.js';
import { AtomicInt } from '../../../src/primitives/atomic.js';
import { Mutex } from '../../../src/primitives/mutex.js';
import { Channel } from '../../../src/primitives/channel.js';
import { exploreScenario } from '../../../src/harness/explore.js';

const run = { strategy: 'random' as const, runs: 1, firstSeed: 1, stepLimit: 10000, leakStepBound: 1000, shrink: false };
async function ex(body: () => Promise<unknown>, dpor = true, splitTarget = 1) {
  const r = await exploreScenario(scenario('t', body), { run, dpor, all: true, maxTimeMs: 60000, splitTarget, maxExecutions: dpor ? undefined : 3000 });
  return r;
}
const loads = (k: number) => async () => {
  const x = new AtomicInt(0);
  const hs = [spawn(async () => { await x.store(1); })];
  for (let i = 0; i < k; i++) hs.push(spawn(async () => { await x.load(); }));
  for (const h of hs) await h.join();
};
const stores = (n: number) => async () => {
  const x = new AtomicInt(0);
  const hs = [];
  for (let i = 0; i < n; i++) hs.push(spawn(async () => { await x.store(i); }));
  for (const h of hs) await h.join();
};
const mutex = (n: number) => async () => {
  const mu = new Mutex();
  const hs = [];
  for (let i = 0; i < n; i++) hs.push(spawn(async () => { await mu.lock(); await mu.unlock(); }));
  for (const h of hs) await h.join();
};
const indep = (n: number) => async () => {
  const hs = [];
  for (let i = 0; i < n; i++) hs.push(spawn(async () => { const x = new AtomicInt(0); await x.store(1); await x.load(); }));
  for (const h of hs) await h.join();
};
const senders = (n: number) => async () => {
  const ch = new Channel<number>(0);
  const hs = [];
  for (let i = 0; i < n; i++) hs.push(spawn(async () => { await ch.send(i); }));
  for (let i = 0; i < n; i++) await ch.recv();
  for (const h of hs) await h.join();
};
it('families', async () => {
  for (const [name, f, ns] of [['loads', loads, [1,2,3,4]], ['stores', stores, [2,3,4]], ['mutex', mutex, [2,3,4]], ['indep', indep, [2,3,5]], ['senders', senders, [2,3,4]]] as const) {
    for (const n of ns) {
      for (const t of [1, 64]) {
        const r = await ex((f as any)(n), true, t);
        const d = await ex((f as any)(n), false, t);
        console.log(name, n, 'split', t, 'dpor', r.executions, 'pruned', r.pruned, 'complete', r.complete, 'tasks', r.tasks.total, '| dfs', d.executions, d.complete, r.findings.map(f=>f.kind).join());
      }
    }
  }
}, 120000);
