import { it } from 'vitest';
import { scenario } from '../../../src/api/scenario.js';
import { spawn } from '../../../src/api/goroutines.js';
import { Channel, ChanOp } from '../../../src/primitives/channel.js';
import { Op } from '../../../src/runtime/op.js';
import { exploreScenario } from '../../../src/harness/explore.js';

const run = { strategy: 'random' as const, runs: 1, firstSeed: 1, stepLimit: 10000, leakStepBound: 1000, shrink: false };
const senders = (n: number) => async () => {
  const ch = new Channel<number>(0);
  const hs = [];
  for (let i = 0; i < n; i++) hs.push(spawn(async () => { await ch.send(i); }));
  for (let i = 0; i < n; i++) await ch.recv();
  for (const h of hs) await h.join();
};
it('senders', async () => {
  if (process.env.PATCH) {
    const orig = (ChanOp.prototype as any).footprint ?? Op.prototype.footprint;
    (ChanOp.prototype as any).footprint = function (this: any) { if (this.blocked && this.woken) return []; return orig.call(this); };
  }
  for (const n of [1, 2, 3, 4]) {
    const r = await exploreScenario(scenario('t', senders(n)), { run, dpor: true, all: true, maxTimeMs: 60000, splitTarget: 1 });
    console.log('n', n, r.executions, r.pruned, r.complete);
  }
}, 120000);
