/**
 * The cluster through its clients, sessions and faults (src/primitives/etcd/): calls as scheduling points,
 * Go's errors, watches, leases expiring in virtual time after the last renewal that reached the cluster,
 * crash/restart/pause/partition/heal, the hooks part B uses, and the etcd lines of deadlock reports.
 */
import { describe, expect, it } from 'vitest';
import { assert } from '../../../../src/api/goroutines.js';
import { now, sleep } from '../../../../src/api/time.js';
import { context } from '../../../../src/primitives/go/context.js';
import { WaitGroup } from '../../../../src/primitives/go/waitgroup.js';
import { Cluster } from '../../../../src/primitives/etcd/cluster.js';
import { compare, op } from '../../../../src/primitives/etcd/client.js';
import { newSession } from '../../../../src/primitives/etcd/session.js';
import { currentNode, nodeOf } from '../../../../src/primitives/etcd/world.js';
import type { LeaseEnd, NodeCrash, StoreWrite } from '../../../../src/primitives/etcd/types.js';
import { currentExecution } from '../../../../src/runtime/current.js';
import { go } from '../../../../src/api/goroutines.js';
import { run, kinds } from '../../../helpers.js';

const clean = async (body: () => Promise<unknown>, opts = {}) => {
  const r = await run(body, { runs: 30, ...opts });
  expect(r.error).toBeUndefined();
  expect(r.findings.map((f) => `${f.kind}: ${f.message}`)).toEqual([]);
};

describe('client calls', () => {
  it('get/put/delete/txn see one linearisable store with etcd\'s response shapes', () =>
    clean(async () => {
      const c = new Cluster({ name: 'c' });
      const cl = c.node('n1').client;
      const p = await cl.put('a', '1');
      assert(p.header.revision === 2, 'put revision');
      await cl.put('a', '2');
      const g = await c.node('n2').client.get('a');
      assert(g.count === 1 && g.more === false && g.kvs[0]!.value === '2' && g.kvs[0]!.version === 2 && g.kvs[0]!.createRevision === 2 && g.kvs[0]!.modRevision === 3, 'get');
      const t = await cl.txn().if(compare.modRevision('a', '=', 3)).then(op.put('b', 'x'), op.get('a')).else(op.delete('a')).commit();
      assert(t.succeeded && t.responses.length === 2 && t.responses[1]!.kvs[0]!.value === '2' && t.header.revision === 4, 'txn then');
      const f = await cl.txn().if(compare.version('a', '>', 5)).then(op.put('c', 'x')).else(op.delete('a', {}), op.get('a')).commit();
      assert(!f.succeeded && f.responses[0]!.deleted === 1 && f.responses[1]!.count === 0, 'txn else');
      const d = await cl.delete('', { prefix: true });
      assert(d.deleted === 1, 'delete everything left: b');
    }));

  it('sortBy and order accept clientv3\'s names in camelCase, their short forms and any case', () =>
    clean(async () => {
      const cl = new Cluster().node('n').client;
      await cl.put('/q/b', '1');
      await cl.put('/q/a', '2');
      for (const [sortBy, order] of [['createRevision', 'descend'], ['create', 'desc'], ['SortByCreateRevision', 'SortDescend'], ['CREATE', 'DESCEND']] as const) {
        const r = await cl.get('/q/', { prefix: true, sortBy: sortBy as 'create', order: order as 'desc' });
        assert(r.kvs.map((kv) => kv.key).join() === '/q/a,/q/b', `${sortBy} ${order}`);
      }
      const t = await cl.txn().then(op.get('/q/', { prefix: true, sortBy: 'modRevision', order: 'ascend', limit: 1 })).commit();
      assert(t.responses[0]!.kvs[0]!.key === '/q/b' && t.responses[0]!.more, 'in a txn too');
    }));

  it('a put with an unknown lease rejects with etcd\'s error text', () =>
    clean(async () => {
      const cl = new Cluster().node('n').client;
      let msg = '';
      await cl.put('k', 'v', { lease: 42 }).catch((e: Error) => (msg = e.message));
      assert(msg === 'etcdserver: requested lease not found', msg);
    }));

  it('an uncaught Go error is a panic of the goroutine with Go\'s text', async () => {
    const r = await run(async () => {
      await new Cluster().node('n').client.revoke(9);
    }, { runs: 1 });
    expect(kinds(r)).toEqual(['panic']);
    expect(r.findings[0]!.message).toBe('etcdserver: requested lease not found');
    // The rejection is made in the call's step (no scenario frame on its stack): the location is the call.
    expect(r.findings[0]!.locations[0]).toMatch(/cluster\.test\.ts:\d+:\d+$/);
  });

  it('bad arguments are scenario errors with one line', async () => {
    const cases: [() => unknown, RegExp][] = [
      [() => new Cluster().node('n').client.put('k', 3 as unknown as string), /value must be a string/],
      [() => new Cluster().node('n').client.get('k', { sortBy: 'size' as 'key' }), /sortBy must be one of/],
      [() => new Cluster().node('n').client.get('k', { colour: 1 } as object), /unknown option 'colour'/],
      [() => compare.value('k', '==' as '=', 'x'), /op must be one of/],
      [() => new Cluster().node('n').client.txn().if({} as never), /comparison made by compare/],
      [() => new Cluster().node('n').pause(-1), /positive number/],
    ];
    for (const [f, re] of cases) {
      const r = await run(async () => {
        await f();
      }, { runs: 1 });
      expect(r.error?.message).toMatch(re);
    }
  });

  it('awaiting the txn builder instead of commit() is a scenario error that says so', async () => {
    const r = await run(async () => {
      await (new Cluster().node('n').client.txn().if() as unknown as Promise<unknown>);
    }, { runs: 1 });
    expect(r.error?.message).toMatch(/await .*commit\(\), not the builder/);
    // The await itself has no scenario frame: the error names the line that built the txn.
    expect(JSON.stringify(r.error)).toMatch(/cluster\.test\.ts:\d+:\d+/);
  });

  it('watch: events of a prefix from now on, or replayed from a revision; closed when its ctx is done', () =>
    clean(async () => {
      const c = new Cluster();
      const cl = c.node('n1').client;
      await cl.put('/x/1', 'a');
      const [ctx, cancel] = context.withCancel(context.background());
      const w = cl.watch('/x/', { prefix: true, ctx });
      const old = c.node('n2').client.watch('/x/1', { fromRevision: 1 });
      await cl.put('/x/2', 'b');
      await cl.delete('/x/1');
      await cl.put('/y', 'c');
      const e1 = await w.recv();
      const e2 = await w.recv();
      assert(e1!.type === 'PUT' && e1!.kv.key === '/x/2' && e2!.type === 'DELETE' && e2!.kv.key === '/x/1' && e2!.kv.modRevision === 4, 'prefix events');
      const o1 = await old.recv();
      const o2 = await old.recv();
      assert(o1!.type === 'PUT' && o1!.kv.modRevision === 2 && o2!.type === 'DELETE', 'replayed from revision 1');
      await cancel();
      const closed = await w.recvOk();
      assert(!closed.ok, 'closed with its context');
    }));
});

describe('nodes, sessions and leases', () => {
  it('a crashed node\'s session lease expires ttl after the crash, deleting its keys; done() closes; hooks fire', () =>
    clean(async () => {
      const c = new Cluster();
      const n1 = c.node('n1');
      const writes: StoreWrite[] = [];
      const crashes: NodeCrash[] = [];
      const ends: LeaseEnd[] = [];
      c.onWrite((w) => writes.push(w));
      c.onCrash((x) => crashes.push(x));
      c.onLeaseEnd((e) => ends.push(e));
      const s = await newSession(n1.client, { ttl: 1000 });
      await n1.client.put('/lock/a', 'me', { lease: s.lease });
      const wg = new WaitGroup();
      await wg.add(1);
      let where = '';
      n1.go(async () => {
        where = currentNode()?.name ?? 'none';
        go(async () => {
          await sleep(5000); // a child of a node goroutine runs on the node and dies with it
          assert(false, 'killed goroutine ran on');
        }, 'child');
        await wg.done();
        await sleep(10_000);
        assert(false, 'killed goroutine ran on');
      }, 'worker');
      await wg.wait();
      await sleep(100);
      await n1.crash();
      await s.done().recv();
      assert(now() === 1100, `expired at ${now()}`);
      assert(where === 'n1', where);
      assert((await n1.client.get('/lock/a')).count === 0, 'key deleted');
      assert(crashes.length === 1 && crashes[0]!.threads.map((t) => t.name).sort().join() === 'child,worker' && crashes[0]!.at === 100, 'crash hook');
      assert(ends.length === 1 && ends[0]!.reason === 'expired' && ends[0]!.at === 1100 && ends[0]!.keys[0] === '/lock/a' && ends[0]!.node === n1, 'lease end hook');
      assert(writes.map((w) => w.via).join() === 'put,lease-expiry' && writes[0]!.node === n1 && writes[1]!.node === undefined, 'write hook');
      assert(c.leaseEnd(s.lease)?.at === 1100 && s.endedAt() === 1100, 'leaseEnd');
      await sleep(20_000);
    }, { timeMode: 'synctest' }));

  it('a healthy node keeps its lease forever; main belongs to no node; nodeOf says a goroutine\'s node', () =>
    clean(async () => {
      const c = new Cluster();
      const n1 = c.node('n1');
      const s = await newSession(n1.client, { ttl: 50 });
      await sleep(10_000);
      assert(s.endedAt() === undefined, 'still alive');
      assert(nodeOf(currentExecution('t').running!) === undefined, 'main is on no node');
      const ttl = await n1.client.timeToLive(s.lease);
      assert(ttl.ttl === 50 && ttl.grantedTtl === 50, 'full ttl while renewed');
    }));

  it('pause(ms) settles at once, holds the node\'s goroutines back, and expires a lease it outlasts', () =>
    clean(async () => {
      const c = new Cluster();
      const n1 = c.node('n1');
      const s = await newSession(n1.client, { ttl: 100 });
      const short = await newSession(c.node('n2').client, { ttl: 100 });
      let ranAt = -1;
      await n1.pause(300);
      n1.go(async () => {
        ranAt = now();
      }, 'late');
      await s.done().recv();
      assert(now() === 100 && short.endedAt() === undefined, 'expired at 100');
      await sleep(1000);
      assert(ranAt === 300, `the paused node's goroutine ran at ${ranAt}`);
    }, { timeMode: 'synctest' }));

  it('a pause shorter than the ttl renews the lease when it ends', () =>
    clean(async () => {
      const c = new Cluster();
      const n1 = c.node('n1');
      const s = await newSession(n1.client, { ttl: 100 });
      await n1.pause(60);
      await sleep(1000);
      assert(s.endedAt() === undefined, 'kept');
    }));

  it('partition: calls wait for heal or fail with the ctx\'s error; keep-alives are lost; heal delivers held watch events', () =>
    clean(async () => {
      const c = new Cluster();
      const n1 = c.node('n1');
      const n2 = c.node('n2');
      const s = await newSession(n1.client, { ttl: 100 });
      const w = n1.client.watch('k');
      await n1.partition();
      const [ctx] = context.withTimeout(context.background(), 30);
      let err = '';
      await n1.client.get('k', { ctx }).catch((e: Error) => (err = e.message));
      assert(err === 'context deadline exceeded', err);
      await n2.client.put('k', 'v');
      const wg = new WaitGroup();
      await wg.add(1);
      let got = '';
      n1.go(async () => {
        got = (await n1.client.get('k')).kvs[0]?.value ?? 'none';
        await wg.done();
      });
      await s.done().recv();
      assert(now() === 100, 'lease lost with the partition');
      assert(w.count === 0 && got === '', 'nothing reaches the partitioned node');
      await n1.heal();
      await wg.wait();
      // The asserts above narrowed `got` and `w.count`; the goroutine and the heal changed them since.
      assert((got as string) === 'v', got);
      assert((w.count as number) === 1, 'held event delivered');
    }));

  it('restart brings a crashed node back empty; a goroutine started on a crashed node never runs', () =>
    clean(async () => {
      const n1 = new Cluster().node('n1');
      await n1.crash();
      let ran = false;
      n1.go(async () => {
        ran = true;
      });
      await sleep(10);
      assert(!ran && n1.state === 'crashed', 'not run');
      await n1.restart();
      const wg = new WaitGroup();
      await wg.add(1);
      n1.go(async () => {
        await n1.client.put('k', 'v');
        await wg.done();
      });
      await wg.wait();
      // The assert above narrowed n1.state to 'crashed'; restart() changed it since.
      assert((n1.state as string) === 'up' && n1.incarnation === 1, 'up again');
    }));

  it('session.close() revokes the lease: its keys go at once; done() closes', () =>
    clean(async () => {
      const c = new Cluster();
      const cl = c.node('n1').client;
      const s = await newSession(cl, { ttl: 100 });
      await cl.put('k', 'v', { lease: s.lease });
      await s.close();
      await s.done().recv();
      assert((await cl.get('k')).count === 0 && c.leaseEnd(s.lease)?.reason === 'revoked' && now() === 0, 'revoked');
    }));
});

describe('session.close() on a partitioned node (Go: Revoke under a context with the TTL as timeout)', () => {
  it('waits for the TTL, then fails with context deadline exceeded; done() closed at once; the lease expired meanwhile', () =>
    clean(async () => {
      const c = new Cluster();
      const n = c.node('n1');
      const s = await newSession(n.client, { ttl: 100 });
      await n.client.put('k', 'v', { lease: s.lease });
      await n.partition();
      let msg = '';
      await s.close().catch((e: Error) => (msg = e.message));
      assert(msg === 'context deadline exceeded', `close: ${msg}`);
      assert(now() >= 100, `close gave up at ${now()} ms, before the TTL`);
      assert(s.done().closed, 'done() closed');
      await sleep(1); // the lease's expiry is due at the same ms as the close's timeout: either may fire first
      const end = c.leaseEnd(s.lease);
      assert(end?.reason === 'expired', `lease end: ${end?.reason}`);
      assert((await c.node('n2').client.get('k')).count === 0, 'keys gone');
    }));

  it('healed before the TTL: the revoke goes through; the session ctx option is the timeout\'s parent', () =>
    clean(async () => {
      const c = new Cluster();
      const n = c.node('n1');
      const s = await newSession(n.client, { ttl: 1000 });
      await n.client.put('k', 'v', { lease: s.lease });
      await n.partition();
      const wg = new WaitGroup();
      await wg.add(1);
      let msg = '';
      n.go(async () => {
        await s.close().catch((e: Error) => (msg = e.message));
        await wg.done();
      }, 'closer');
      await sleep(50);
      await n.heal();
      await wg.wait();
      await sleep(1);
      // Healed in time the revoke goes through. A timer may fire at any scheduling point: a schedule that
      // fires the lease's expiry before the heal finds it gone (not an error), one that fires the close's
      // timeout first gives up, the lease expired by then.
      const reason = c.leaseEnd(s.lease)?.reason;
      assert((msg === '' && (reason === 'revoked' || reason === 'expired')) || (msg === 'context deadline exceeded' && reason === 'expired'), `close: '${msg}', lease ${reason}`);
      assert((await n.client.get('k')).count === 0, 'keys gone');
      const [ctx, cancel] = context.withCancel(context.background());
      const s2 = await newSession(n.client, { ttl: 1000, ctx });
      await n.partition();
      await cancel();
      let msg2 = '';
      await s2.close().catch((e: Error) => (msg2 = e.message));
      assert(msg2 === 'context canceled', `close under a cancelled session ctx: ${msg2}`);
    }));
});

describe('reports', () => {
  it('a deadlock with only healthy sessions is reported; lines say the node and the lease ends', async () => {
    const r = await run(async () => {
      const c = new Cluster();
      const n1 = c.node('n1');
      const s = await newSession(n1.client, { ttl: 100 });
      const old = await newSession(c.node('n2').client, { ttl: 10 });
      await c.node('n2').crash();
      await old.done().recv();
      n1.go(async () => {
        await n1.client.watch('never').recv();
      }, 'watcher');
      await s.done().recv();
    }, { runs: 5 });
    expect(kinds(r)).toEqual(['deadlock']);
    const d = r.findings[0]!.details!.join('\n');
    expect(d).toContain("goroutine 'watcher' on node 'n1' is blocked in receive from channel 'watch(\"never\")'");
    expect(d).toContain("lease 2 (session of node 'n2') expired at 10 ms");
    expect(d).toContain("node 'n2' crashed at 0 ms");
  });

  it('a goroutine of a paused node blocked at the end says the node is paused (the gate)', async () => {
    const r = await run(async () => {
      const n1 = new Cluster().node('n1');
      n1.go(async () => {
        await sleep(1);
      }, 'sleeper');
      await n1.pause(1_000_000);
    }, { runs: 3, leakTimeBound: 10 } as never);
    expect(kinds(r)).toEqual(['leak']);
    expect(r.findings[0]!.message).toContain("on node 'n1'");
  });
});
