/**
 * concurrency.Mutex and NewLocker against etcd's behaviour (contract §2d): FIFO by revision, tryLock's
 * ErrLocked, ErrSessionExpired for a waiter whose lease expired, isOwner() as a fence, key().
 */
import { describe, expect, it } from 'vitest';
import { assert } from '../../../../../src/api/panic.js';
import { sleep } from '../../../../../src/api/time.js';
import { Channel } from '../../../../../src/primitives/go/channel.js';
import { WaitGroup } from '../../../../../src/primitives/go/waitgroup.js';
import { Cluster } from '../../../../../src/primitives/etcd/cluster.js';
import { op } from '../../../../../src/primitives/etcd/client.js';
import { newSession } from '../../../../../src/primitives/etcd/session.js';
import { newLocker, newMutex } from '../../../../../src/primitives/etcd/concurrency/mutex.js';
import { critical } from '../../../../../src/primitives/etcd/critical.js';
import { run, kinds } from '../../../../helpers.js';

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

describe('Mutex', () => {
  it('is mutually exclusive across nodes and serves waiters in the order of their keys', () =>
    clean(async () => {
      const c = new Cluster();
      const wg = new WaitGroup();
      const order: number[] = [];
      await wg.add(3);
      for (const n of ['n1', 'n2', 'n3']) {
        const node = c.node(n);
        node.go(async () => {
          const s = await newSession(node.client, { ttl: 10_000 });
          const m = newMutex(s, '/lock');
          await m.lock();
          assert(m.key() === `/lock/${s.lease.toString(16)}`, `key ${m.key()}`);
          const mine = (await node.client.get(m.key())).kvs[0]!.createRevision;
          order.push(mine);
          await critical('lock', () => sleep(1));
          await m.unlock();
          await wg.done();
        }, n);
      }
      await wg.wait();
      assert(order[0]! < order[1]! && order[1]! < order[2]!, `not FIFO by revision: ${order.join(', ')}`);
    }));

  it('tryLock throws `mutex: Locked by another session` and removes its key; succeeds when free', () =>
    clean(async () => {
      const c = new Cluster();
      const s1 = await newSession(c.node('n1').client);
      const s2 = await newSession(c.node('n2').client);
      const m1 = newMutex(s1, '/lock');
      const m2 = newMutex(s2, '/lock');
      await m1.lock();
      assert((await errorText(m2.tryLock())) === 'mutex: Locked by another session', 'tryLock while held');
      const keys = await c.node('n1').client.get('/lock/', { prefix: true });
      assert(keys.kvs.length === 1, `tryLock left its key: ${keys.kvs.length} keys`);
      await m1.unlock();
      await m2.tryLock();
      await m2.unlock();
    }, 5));

  it('a waiter whose session expires while it waits gets `mutex: session is expired`', () =>
    clean(async () => {
      const c = new Cluster();
      const n2 = c.node('n2');
      const m1 = newMutex(await newSession(c.node('n1').client, { ttl: 5000 }), '/lock');
      await m1.lock();
      const got = new Channel<string>(1);
      n2.go(async () => {
        const m2 = newMutex(await newSession(n2.client, { ttl: 500 }), '/lock');
        await got.send(await errorText(m2.lock()));
      }, 'n2');
      // n2 queued (its key is there): then it pauses past its lease.
      while ((await c.node('n1').client.get('/lock/', { prefix: true })).count < 2) await sleep(1);
      await n2.pause(1000);
      await sleep(2000);
      await m1.unlock();
      const e = await got.recv();
      assert(e === 'mutex: session is expired', `lock after expiry: ${e}`);
    }, 30));

  it('isOwner() fences a write: the txn fails once the holder\'s key went with its lease', () =>
    clean(async () => {
      const c = new Cluster();
      const n1 = c.node('n1');
      const s = await newSession(n1.client, { ttl: 500 });
      const m = newMutex(s, '/lock');
      await m.lock();
      const ok = await n1.client.txn().if(m.isOwner()).then(op.put('/x', '1')).commit();
      assert(ok.succeeded, 'the owner writes');
      await n1.pause(1000);
      await sleep(1500);
      const stale = await n1.client.txn().if(m.isOwner()).then(op.put('/x', '2')).commit();
      assert(!stale.succeeded, 'a holder whose lease expired is fenced off');
      assert((await n1.client.get('/x')).kvs[0]!.value === '1', 'the fenced write wrote nothing');
    }, 10));

  it('a Locker locks and unlocks; lock on an expired session throws (Go panics)', async () => {
    await clean(async () => {
      const c = new Cluster();
      const l = newLocker(await newSession(c.node('n1').client), '/l');
      await l.lock();
      await l.unlock();
    }, 5);
    const r = await run(async () => {
      const c = new Cluster();
      const n1 = c.node('n1');
      const s = await newSession(n1.client, { ttl: 100 });
      await n1.pause(500);
      await sleep(1000);
      await newLocker(s, '/l').lock();
    }, { runs: 5 });
    expect(kinds(r)).toEqual(['panic']);
    expect(r.findings[0]!.message).toMatch(/requested lease not found|session is expired/);
  });
});
