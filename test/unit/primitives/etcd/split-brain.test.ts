/**
 * The split-brain finding exactly as contract §3 defines it: overlapping tenures of two nodes in one
 * election, each with a successful store write other than the election's own keys during the overlap. A
 * tenure ends at resign, crash, or when the node observes its session's end (done() received, a call
 * failing because its lease is gone); a fenced txn that fails writes nothing and does not count.
 */
import { describe, expect, it } from 'vitest';
import { sleep } from '../../../../src/api/time.js';
import { Channel } from '../../../../src/primitives/go/channel.js';
import { context } from '../../../../src/primitives/go/context.js';
import { Cluster } from '../../../../src/primitives/etcd/cluster.js';
import { compare, op } from '../../../../src/primitives/etcd/client.js';
import { newSession } from '../../../../src/primitives/etcd/session.js';
import { newElection, type Election } from '../../../../src/primitives/etcd/concurrency/election.js';
import type { Client, Session } from '../../../../src/primitives/etcd/types.js';
import { run, kinds } from '../../../helpers.js';

type Act = (client: Client, s: Session, e: Election) => Promise<void>;

/**
 * n1 leads and writes; the harness pauses it past its lease (1 s) while it waits on `goOn`; n2 is elected
 * and writes every 100 ms for 1 s; when n1 wakes up it runs `after`.
 */
function twoLeaders(after: Act, before: Act = (c) => c.put('/data', 'n1-before').then(() => undefined)) {
  return async () => {
    const c = new Cluster({ name: 'c' });
    const n1 = c.node('n1');
    const n2 = c.node('n2');
    const leads = new Channel<void>(0);
    const goOn = new Channel<void>(1);
    const done = new Channel<void>(2);
    n1.go(async () => {
      const s = await newSession(n1.client, { ttl: 1000 });
      const e = newElection(s, '/leader');
      await e.campaign(context.background(), 'n1');
      await before(n1.client, s, e);
      await leads.send();
      await goOn.recv();
      await after(n1.client, s, e);
      await done.send();
    }, 'n1/leader');
    await leads.recv();
    n2.go(async () => {
      const s = await newSession(n2.client, { ttl: 1000 });
      const e = newElection(s, '/leader');
      await e.campaign(context.background(), 'n2');
      for (let i = 0; i < 10; i++) {
        await n2.client.put('/data', `n2-${i}`);
        await sleep(100);
      }
      await e.resign(context.background());
      await done.send();
    }, 'n2/leader');
    await n1.pause(1500);
    await goOn.send();
    await done.recv();
    await done.recv();
  };
}

const write: Act = async (c) => {
  await c.put('/data', 'n1-stale');
};

describe('split-brain', () => {
  it('a leader paused past its lease that writes on after waking up: split-brain, naming both nodes and the expired lease', async () => {
    const r = await run(twoLeaders(write), { runs: 30 });
    expect(kinds(r)).toEqual(['split-brain']);
    const f = r.findings[0]!;
    expect(f.message).toMatch(/two leaders acted at once in election '\/leader': node 'n[12]' \(put of '\/data' at \d+ ms\) and node 'n[12]' \(put of '\/data' at \d+ ms\) both believed they led/);
    expect(f.details!.join('\n')).toMatch(/node 'n1' leads since 0 ms \(key \/leader\/\w+; its lease \d+ expired at 1000 ms, which it never observed\)/);
    expect(f.threads.map((t) => t.name).sort()).toEqual(['n1/leader', 'n2/leader']);
  });

  it('a write fenced by the election key fails for the stale leader and does not count', async () => {
    const fenced: Act = async (c, _s, e) => {
      const t = await c.txn().if(compare.createRevision(e.key(), '=', e.rev())).then(op.put('/data', 'n1-stale')).commit();
      if (t.succeeded) throw new Error('a stale leader passed its fence');
    };
    const r = await run(twoLeaders(fenced), { runs: 30 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a leader that received its session\'s done() before writing no longer leads', async () => {
    const observed: Act = async (c, s) => {
      await s.done().recv(); // closed: its lease expired during the pause
      await c.put('/data', 'n1-after-it-knew');
    };
    const r = await run(twoLeaders(observed), { runs: 30 });
    expect(kinds(r)).toEqual([]);
  });

  it('a leader whose own put under its lease fails with `requested lease not found` learns its tenure ended', async () => {
    const putUnderLease: Act = async (c, s) => {
      const err = await c.put('/owner', 'n1', { lease: s.lease }).then(() => 'no error', (e: Error) => e.message);
      if (err !== 'etcdserver: requested lease not found') throw new Error(`expected the lease to be gone, got ${err}`);
      await c.put('/data', 'n1-after-it-knew');
    };
    const r = await run(twoLeaders(putUnderLease), { runs: 30 });
    expect(kinds(r)).toEqual([]);
  });

  it('the same through a txn and keepAliveOnce; a write that never failed still counts', async () => {
    const txnUnderLease: Act = async (c, s) => {
      await c.txn().then(op.put('/owner', 'n1', { lease: s.lease })).commit().catch(() => undefined);
      await c.put('/data', 'n1-after-txn-failed');
    };
    expect(kinds(await run(twoLeaders(txnUnderLease), { runs: 30 }))).toEqual([]);
    const keepAlive: Act = async (c, s) => {
      await c.keepAliveOnce(s.lease).catch(() => undefined);
      await c.put('/data', 'n1-after-keepalive-failed');
    };
    expect(kinds(await run(twoLeaders(keepAlive), { runs: 30 }))).toEqual([]);
    const plainFirst: Act = async (c, s) => {
      await c.put('/data', 'n1-stale'); // acts before it learns anything: split-brain
      await c.put('/owner', 'n1', { lease: s.lease }).catch(() => undefined);
    };
    expect(kinds(await run(twoLeaders(plainFirst), { runs: 30 }))).toEqual(['split-brain']);
  });

  it('a leader whose own call fails with `election: not leader` learns its tenure ended', async () => {
    const proclaims: Act = async (c, _s, e) => {
      await e.proclaim(context.background(), 'again').catch(() => undefined);
      await c.put('/data', 'n1-after-proclaim-failed');
    };
    const r = await run(twoLeaders(proclaims), { runs: 30 });
    expect(kinds(r)).toEqual([]);
  });

  it('writes of the election\'s own keys, and writes before the other tenure began, do not count', async () => {
    // (A key left under the prefix would be a campaigner that blocks n2: it is deleted at once.)
    const own: Act = async (c) => {
      await c.put('/leader/note', 'n1');
      await c.delete('/leader/note');
    };
    const r = await run(twoLeaders(own), { runs: 30 });
    expect(kinds(r)).toEqual([]);
  });

  it('a leader that resigns before the other is elected, or crashes, leaves no tenure behind', async () => {
    const r = await run(async () => {
      const c = new Cluster();
      for (const n of ['n1', 'n2']) {
        const node = c.node(n);
        const s = await newSession(node.client, { ttl: 1000 });
        const e = newElection(s, '/leader');
        await e.campaign(context.background(), n);
        await node.client.put('/data', n);
        if (n === 'n1') await node.crash();
      }
    }, { runs: 10 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('closing its own session ends a node\'s tenure; a revoke by someone else does not', async () => {
    const scenarioWith = (closer: 'self' | 'main') => async () => {
      const c = new Cluster();
      const n1 = c.node('n1');
      const n2 = c.node('n2');
      const s1 = await newSession(n1.client, { ttl: 1000 });
      await newElection(s1, '/leader').campaign(context.background(), 'n1');
      const revoked = new Channel<void>(1);
      const n2wrote = new Channel<void>(1);
      n1.go(async () => {
        if (closer === 'self') await s1.close();
        else await revoked.recv();
        await n2wrote.recv();
        await n1.client.put('/data', 'n1');
      }, 'n1/leader');
      if (closer === 'main') {
        await c.node('admin').client.revoke(s1.lease);
        await revoked.send();
      }
      const e2 = newElection(await newSession(n2.client, { ttl: 1000 }), '/leader');
      await e2.campaign(context.background(), 'n2');
      await n2.client.put('/data', 'n2');
      await n2wrote.send();
      await sleep(10);
    };
    expect(kinds(await run(scenarioWith('self'), { runs: 20 }))).toEqual([]);
    expect(kinds(await run(scenarioWith('main'), { runs: 20 }))).toEqual(['split-brain']);
  });
});
