/**
 * What DPOR must understand of the recipes: they are client calls (the store's dependence) plus the
 * unique-key counters (a counter shared by goroutines of one node is a read-modify-write: keys.ts notes a
 * write of it). Against brute force: DPOR's traces are distinct and a subset of brute force's, and both see
 * the same outcomes.
 *
 * Not "the same traces": a recipe that waits cancels its watch's context on the way out, and the server
 * drops a watch whose channel its context closed at the next write, with no footprint (server.ts). A write
 * after the cancel then touches nothing of the watch, one before it does, so brute force counts two traces
 * where DPOR (rightly, for every outcome) explores one.
 */
import { describe, expect, it } from 'vitest';
import { scenario, type Scenario } from '../../../../../src/api/scenario.js';
import { spawn } from '../../../../../src/api/goroutines.js';
import { Cluster } from '../../../../../src/primitives/etcd/cluster.js';
import { recipes } from '../../../../../src/primitives/etcd/recipes/index.js';
import { bruteForce, covers, dporSplit } from '../../../scheduler/explore-helpers.js';

async function agree(s: Scenario, log: { obs: Record<string, unknown[]> }): Promise<Set<string>> {
  const brute = await bruteForce(s, () => log.obs, 20_000);
  expect(brute).not.toBeNull();
  const d = await dporSplit(s, 1, () => log.obs);
  expect(new Set(d.forms).size).toBe(d.forms.length);
  const bruteForms = new Set(brute!.forms);
  expect(d.forms.every((f) => bruteForms.has(f))).toBe(true);
  for (const b of brute!.outcomes) expect(d.outcomes.some((o) => covers(o, b))).toBe(true);
  for (const o of d.outcomes) expect(brute!.outcomes.some((b) => covers(b, o))).toBe(true);
  return new Set(d.outcomes.map((o) => JSON.stringify(o.seen)));
}

describe('recipes: DPOR against brute force', { timeout: 300_000 }, () => {
  it('two producers of one node (one key counter) against a consumer: both orders, every item once', async () => {
    const log = { obs: {} as Record<string, unknown[]> };
    const s = scenario('queue', async () => {
      log.obs = {};
      const n = new Cluster().node('n');
      const q = recipes.newQueue(n.client, '/q');
      const hs = ['a', 'b'].map((v) => spawn(() => q.enqueue(v), `p-${v}`));
      const got = [await q.dequeue(), await q.dequeue()];
      (log.obs.main ??= []).push(got.join(''));
      for (const h of hs) await h.join();
    });
    const seen = await agree(s, log);
    expect([...seen].sort()).toEqual(['{"main":["ab"]}', '{"main":["ba"]}']);
  });

  it('a barrier\'s wait against its hold and release', async () => {
    const log = { obs: {} as Record<string, unknown[]> };
    const s = scenario('barrier', async () => {
      log.obs = {};
      const c = new Cluster();
      const b = recipes.newBarrier(c.node('h').client, '/b');
      const w = spawn(async () => {
        await recipes.newBarrier(c.node('w').client, '/b').wait();
        (log.obs.w ??= []).push('passed');
      }, 'w');
      await b.hold();
      (log.obs.main ??= []).push('held');
      await b.release();
      await w.join();
    });
    await agree(s, log);
  });
});
