/**
 * What DPOR must understand of the simulated etcd (server.ts: the server is one object; calls that only
 * read commute, every write is ordered against every other call), checked against brute force: the
 * traces DPOR explores are exactly brute force's, each once, and every outcome brute force sees DPOR sees.
 */
import { describe, expect, it } from 'vitest';
import { scenario, type Scenario } from '../../../../src/api/scenario.js';
import { spawn } from '../../../../src/api/goroutines.js';
import { exploreScenario } from '../../../../src/harness/explore.js';
import { Cluster } from '../../../../src/primitives/etcd/cluster.js';
import { compare, op } from '../../../../src/primitives/etcd/client.js';
import { newSession } from '../../../../src/primitives/etcd/session.js';
import { bruteForce, covers, dporSplit, exploreOptions } from '../../scheduler/explore-helpers.js';

/** DPOR's traces are brute force's, each once; its outcomes cover brute force's and vice versa. */
async function agree(s: Scenario, log: { obs: Record<string, unknown[]> }): Promise<number> {
  const brute = await bruteForce(s, () => log.obs, 20_000);
  expect(brute).not.toBeNull();
  const d = await dporSplit(s, 1, () => log.obs);
  expect(new Set(d.forms).size).toBe(d.forms.length);
  expect([...d.forms].sort()).toEqual([...new Set(brute!.forms)].sort());
  for (const b of brute!.outcomes) expect(d.outcomes.some((o) => covers(o, b))).toBe(true);
  for (const o of d.outcomes) expect(brute!.outcomes.some((b) => covers(b, o))).toBe(true);
  return d.forms.length;
}

function observe(log: { obs: Record<string, unknown[]> }, who: string, v: unknown): void {
  (log.obs[who] ??= []).push(v);
}

describe('DPOR and the etcd store', { timeout: 120_000 }, () => {
  it('two gets of one key commute: one execution', async () => {
    const s = scenario('two gets', async () => {
      const cl = new Cluster().node('n').client;
      const hs = [spawn(() => cl.get('a')), spawn(() => cl.get('b'))];
      for (const h of hs) await h.join();
    });
    expect(await exploreScenario(s, exploreOptions())).toMatchObject({ executions: 1, complete: true });
  });

  it('txns whose comparisons fail and deletes that find nothing only read: they commute (one execution)', async () => {
    const log = { obs: {} as Record<string, unknown[]> };
    const s = scenario('failed CAS', async () => {
      log.obs = {};
      const cl = new Cluster().node('n').client;
      await cl.put('lock', 'held');
      const hs = [0, 1].map((i) =>
        spawn(async () => {
          const t = await cl.txn().if(compare.createRevision('lock', '=', 0)).then(op.put('lock', String(i))).commit();
          observe(log, String(i), t.succeeded);
          observe(log, String(i), (await cl.delete('missing')).deleted);
        }),
      );
      for (const h of hs) await h.join();
    });
    expect(await exploreScenario(s, exploreOptions())).toMatchObject({ executions: 1, complete: true });
    expect(await agree(s, log)).toBe(1);
  });

  it('two puts of one key: two executions (the last value differs)', async () => {
    const s = scenario('two puts, one key', async () => {
      const cl = new Cluster().node('n').client;
      const hs = [spawn(() => cl.put('k', '1')), spawn(() => cl.put('k', '2'))];
      for (const h of hs) await h.join();
    });
    expect(await exploreScenario(s, exploreOptions())).toMatchObject({ executions: 2, complete: true });
  });

  // The decision server.ts documents: two puts to different keys do NOT commute, because each takes the
  // next global revision and the order of create revisions is what etcd's recipes read. Here main reads
  // them after both puts: treating the puts as independent would explore one order only and miss the
  // outcome where b was created first.
  it('two puts of different keys: two executions, because the revision order is observable', async () => {
    const log = { obs: {} as Record<string, unknown[]> };
    const s = scenario('two puts, two keys', async () => {
      log.obs = {};
      const c = new Cluster();
      const a = c.node('a').client;
      const b = c.node('b').client;
      const hs = [spawn(() => a.put('/e/a', 'a')), spawn(() => b.put('/e/b', 'b'))];
      for (const h of hs) await h.join();
      const r = await a.get('/e/', { prefix: true, sortBy: 'createRevision' });
      observe(log, 'main', r.kvs[0]!.key);
    });
    expect(await exploreScenario(s, exploreOptions())).toMatchObject({ executions: 2, complete: true });
    expect(await agree(s, log)).toBe(2);
  });

  it('puts, gets, a txn and a delete of a prefix from three goroutines: exactly brute force', async () => {
    const log = { obs: {} as Record<string, unknown[]> };
    const s = scenario('mixed', async () => {
      log.obs = {};
      const c = new Cluster();
      const x = c.node('x').client;
      const y = c.node('y').client;
      const hs = [
        spawn(async () => {
          await x.put('/p/1', 'a');
          observe(log, 'x', (await x.get('/p/', { prefix: true })).count);
        }),
        spawn(async () => {
          const t = await y.txn().if(compare.createRevision('/p/1', '=', 0)).then(op.put('/p/2', 'b')).else(op.delete('/p/', { prefix: true })).commit();
          observe(log, 'y', t.succeeded);
        }),
        spawn(async () => {
          observe(log, 'z', (await y.get('/p/1')).count);
        }),
      ];
      for (const h of hs) await h.join();
    });
    const n = await agree(s, log);
    expect(n).toBeGreaterThan(2);
  });

  it('a watch, a put and a lease expiry racing in virtual time: exactly brute force', async () => {
    const log = { obs: {} as Record<string, unknown[]> };
    const s = scenario('watch and expiry', async () => {
      log.obs = {};
      const c = new Cluster();
      const n1 = c.node('n1');
      const sess = await newSession(n1.client, { ttl: 10 });
      await n1.client.put('/l/me', 'x', { lease: sess.lease });
      const w = c.node('n2').client.watch('/l/', { prefix: true });
      const hs = [
        spawn(async () => {
          await n1.crash();
        }),
        spawn(async () => {
          await c.node('n2').client.put('/l/you', 'y');
        }),
      ];
      for (const h of hs) await h.join();
      const e1 = await w.recv();
      const e2 = await w.recv();
      observe(log, 'main', [e1!.type, e1!.kv.key, e2!.type, e2!.kv.key]);
    });
    expect(await agree(s, log)).toBeGreaterThanOrEqual(2);
  });

  it('a pause (a gate) against the paused node\'s own call and another node\'s: exactly brute force', async () => {
    const log = { obs: {} as Record<string, unknown[]> };
    const s = scenario('pause', async () => {
      log.obs = {};
      const c = new Cluster();
      const n1 = c.node('n1');
      const h = spawn(async () => {
        await n1.pause(5);
      });
      n1.go(async () => {
        await n1.client.put('k', '1');
      });
      await c.node('n2').client.put('k', '2');
      await h.join();
      observe(log, 'main', 'done');
    });
    await agree(s, log);
  });
});
