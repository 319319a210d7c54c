/**
 * concurrency.Election on the simulated cluster, against etcd's behaviour (contract §2d): the lowest create
 * revision leads, campaign waits for every earlier key, resign deletes the key, proclaim and leader's
 * errors, rev/key, observe, and failover when a leader's lease expires.
 */
import { describe, expect, it } from 'vitest';
import { assert } from '../../../../../src/api/panic.js';
import { now } from '../../../../../src/api/time.js';
import { Channel } from '../../../../../src/primitives/go/channel.js';
import { context } from '../../../../../src/primitives/go/context.js';
import { WaitGroup } from '../../../../../src/primitives/go/waitgroup.js';
import { Cluster } from '../../../../../src/primitives/etcd/cluster.js';
import { newSession } from '../../../../../src/primitives/etcd/session.js';
import { newElection } from '../../../../../src/primitives/etcd/concurrency/election.js';
import { run } from '../../../../helpers.js';

const bg = () => context.background();

async function clean(body: () => Promise<unknown>, runs = 50): Promise<void> {
  const r = await run(body, { runs });
  expect(r.error).toBeUndefined();
  expect(r.findings.map((f) => `${f.kind}: ${f.message}`)).toEqual([]);
}

async function errorText(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('Election', () => {
  it('campaigners lead one at a time, in the order of their keys\' create revisions', () =>
    clean(async () => {
      const c = new Cluster({ name: 'c' });
      const order = new Channel<string>(3);
      const wg = new WaitGroup();
      await wg.add(3);
      let leading = 0;
      for (const n of ['n1', 'n2', 'n3']) {
        const node = c.node(n);
        node.go(async () => {
          const s = await newSession(node.client, { ttl: 10_000 });
          const e = newElection(s, '/e');
          await e.campaign(bg(), n);
          leading++;
          assert(leading === 1, `${leading} leaders at once`);
          const l = await e.leader(bg());
          assert(l.kvs[0]!.value === n && l.kvs[0]!.key === e.key(), `leader() says ${l.kvs[0]!.value}`);
          assert(l.kvs[0]!.createRevision === e.rev(), 'rev() is the create revision of our key');
          assert(e.key() === `/e/${s.lease.toString(16)}`, `key ${e.key()}`);
          await order.send(`${n}@${e.rev()}`);
          leading--;
          await e.resign(bg());
          const k = await node.client.get(`/e/${s.lease.toString(16)}`);
          assert(k.kvs.length === 0, 'resign deletes the key');
          await wg.done();
        }, n);
      }
      await wg.wait();
      const revs = [(await order.recv())!, (await order.recv())!, (await order.recv())!].map((x) => Number(x.split('@')[1]));
      assert(revs[0]! < revs[1]! && revs[1]! < revs[2]!, `led out of revision order: ${revs.join(', ')}`);
    }));

  it('leader() with nobody campaigning throws `election: no leader`; proclaim by a non-leader `election: not leader`', () =>
    clean(async () => {
      const c = new Cluster();
      const n = c.node('n1');
      const s = await newSession(n.client);
      const e = newElection(s, '/e');
      assert((await errorText(e.leader(bg()))) === 'election: no leader', 'leader() without a leader');
      assert((await errorText(e.proclaim(bg(), 'x'))) === 'election: not leader', 'proclaim before campaign');
      await e.campaign(bg(), 'v1');
      await e.proclaim(bg(), 'v2');
      assert((await e.leader(bg())).kvs[0]!.value === 'v2', 'proclaim sets the value');
      await e.resign(bg());
      await e.resign(bg()); // a second resign does nothing
      assert((await errorText(e.proclaim(bg(), 'x'))) === 'election: not leader', 'proclaim after resign');
    }, 5));

  it('a second campaigner waits while the first leads and takes over when the first one\'s node crashes, one TTL later', () =>
    clean(async () => {
      const c = new Cluster();
      const n1 = c.node('n1');
      const n2 = c.node('n2');
      const led = new Channel<string>(2);
      n1.go(async () => {
        const e = newElection(await newSession(n1.client, { ttl: 1000 }), '/e');
        await e.campaign(bg(), 'n1');
        await led.send('n1');
        await new Channel<void>(0).recv();
      }, 'n1');
      assert((await led.recv()) === 'n1', 'n1 first');
      n2.go(async () => {
        const s = await newSession(n2.client, { ttl: 1000 });
        const e = newElection(s, '/e');
        await e.campaign(bg(), 'n2');
        await led.send(`n2@${now()}`);
        await e.resign(bg());
      }, 'n2');
      await n1.crash();
      const got = (await led.recv())!;
      assert(got.startsWith('n2@') && Number(got.slice(3)) >= 1000, `n2 led at ${got}`);
    }));

  it('campaign returns the context\'s error when it is cancelled while waiting, and leaves no key behind', () =>
    clean(async () => {
      const c = new Cluster();
      const n1 = c.node('n1');
      const s1 = await newSession(n1.client);
      await newElection(s1, '/e').campaign(bg(), 'n1');
      const s2 = await newSession(c.node('n2').client);
      const e2 = newElection(s2, '/e');
      const [ctx] = context.withTimeout(bg(), 100);
      assert((await errorText(e2.campaign(ctx, 'n2'))) === 'context deadline exceeded', 'campaign under a timeout');
      const keys = await n1.client.get('/e/', { prefix: true });
      assert(keys.kvs.length === 1, `${keys.kvs.length} keys left`);
    }, 10));

  it('observe sends the leader, its proclaims, and the next leader; the channel closes with its context', () =>
    clean(async () => {
      const c = new Cluster();
      const n1 = c.node('n1');
      const n3 = c.node('n3');
      const s1 = await newSession(n1.client, { ttl: 500 });
      const e1 = newElection(s1, '/e');
      await e1.campaign(bg(), 'a');
      const s3 = await newSession(n3.client);
      const [ctx, cancel] = context.withCancel(bg());
      const ch = newElection(s3, '/e').observe(ctx);
      assert((await ch.recv())!.kvs[0]!.value === 'a', 'first: the current leader');
      await e1.proclaim(bg(), 'b');
      assert((await ch.recv())!.kvs[0]!.value === 'b', 'then its proclaim');
      const s2 = await newSession(c.node('n2').client);
      const e2 = newElection(s2, '/e');
      const wg = new WaitGroup();
      await wg.add(1);
      c.node('n2').go(async () => {
        await e2.campaign(bg(), 'c');
        await wg.done();
      }, 'n2');
      await e1.resign(bg());
      await wg.wait();
      assert((await ch.recv())!.kvs[0]!.value === 'c', 'then the next leader');
      await cancel();
      const r = await ch.recvOk();
      assert(!r.ok, 'closed with its context');
    }, 20));

  it('bad arguments are scenario errors', async () => {
    const r = await run(async () => {
      const c = new Cluster();
      newElection({} as never, '/e');
      void c;
    }, { runs: 1 });
    expect(r.error?.message).toMatch(/newElection\(session, prefix\) needs a session/);
  });
});
