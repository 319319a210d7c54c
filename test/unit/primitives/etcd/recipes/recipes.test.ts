/**
 * The recipes against etcd's behaviour (contract §2d, seed §5.4–5.6): Queue exactly-once and FIFO,
 * PriorityQueue smaller-first and FIFO within, Barrier (NoLease, wait before hold, key exists),
 * DoubleBarrier, RWMutex (readers share, a writer excludes, FIFO by revision).
 */
import { describe, expect, it } from 'vitest';
import { assert } from '../../../../../src/api/panic.js';
import { sleep } from '../../../../../src/api/time.js';
import { Channel } from '../../../../../src/primitives/go/channel.js';
import { WaitGroup } from '../../../../../src/primitives/go/waitgroup.js';
import { Cluster } from '../../../../../src/primitives/etcd/cluster.js';
import { newSession } from '../../../../../src/primitives/etcd/session.js';
import { recipes } from '../../../../../src/primitives/etcd/recipes/index.js';
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

describe('Queue', () => {
  it('delivers each item exactly once across consumers on several nodes; dequeue blocks while empty', () =>
    clean(async () => {
      const c = new Cluster();
      const got = new Channel<string>(6);
      const wg = new WaitGroup();
      await wg.add(3);
      for (const n of ['c1', 'c2', 'c3']) {
        const node = c.node(n);
        node.go(async () => {
          const q = recipes.newQueue(node.client, '/q');
          for (let i = 0; i < 2; i++) await got.send(await q.dequeue());
          await wg.done();
        }, n);
      }
      const q = recipes.newQueue(c.node('p').client, '/q');
      for (let i = 0; i < 6; i++) await q.enqueue(`v${i}`);
      await wg.wait();
      const seen = new Set<string>();
      for (let i = 0; i < 6; i++) seen.add((await got.recv())!);
      assert(seen.size === 6, `lost or duplicated: ${[...seen].join(',')}`);
    }));

  it('is FIFO for one consumer', () =>
    clean(async () => {
      const c = new Cluster();
      const q = recipes.newQueue(c.node('n1').client, '/q');
      for (const v of ['a', 'b', 'c']) await q.enqueue(v);
      const out = [await q.dequeue(), await q.dequeue(), await q.dequeue()];
      assert(out.join() === 'a,b,c', out.join());
    }, 3));

  it('a consumer with nothing to dequeue is a deadlock', async () => {
    const r = await run(async () => {
      const c = new Cluster();
      await recipes.newQueue(c.node('n1').client, '/q').dequeue();
    }, { runs: 3 });
    expect(kinds(r)).toEqual(['deadlock']);
  });
});

describe('PriorityQueue', () => {
  it('serves the smaller priority first, FIFO within a priority, from another node too', () =>
    clean(async () => {
      const c = new Cluster();
      const pq = recipes.newPriorityQueue(c.node('n1').client, '/pq');
      await pq.enqueue('p5-a', 5);
      await pq.enqueue('p1', 1);
      await pq.enqueue('p5-b', 5);
      await pq.enqueue('p0', 0);
      const other = recipes.newPriorityQueue(c.node('n2').client, '/pq');
      const out = [];
      for (let i = 0; i < 4; i++) out.push(await other.dequeue());
      assert(out.join() === 'p0,p1,p5-a,p5-b', out.join());
    }, 3));

  it('rejects a priority that is not a uint16', async () => {
    const r = await run(async () => {
      await recipes.newPriorityQueue(new Cluster().node('n1').client, '/pq').enqueue('x', 70000);
    }, { runs: 1 });
    expect(r.error?.message).toMatch(/uint16/);
  });
});

describe('Barrier', () => {
  it('wait blocks while held and returns after release; wait on no barrier returns at once; hold twice: `key already exists`', () =>
    clean(async () => {
      const c = new Cluster();
      const b = recipes.newBarrier(c.node('n1').client, '/b');
      await recipes.newBarrier(c.node('n2').client, '/b').wait(); // not held: straight through
      await b.hold();
      assert((await errorText(b.hold())) === 'key already exists', 'second hold');
      let released = false;
      const wg = new WaitGroup();
      await wg.add(2);
      for (const n of ['w1', 'w2']) {
        const node = c.node(n);
        node.go(async () => {
          await recipes.newBarrier(node.client, '/b').wait();
          assert(released, `${n} passed a held barrier`);
          await wg.done();
        }, n);
      }
      await sleep(5);
      await c.node('n1').client.put('/unrelated', 'x'); // the store's revision moves on: wait still sees the release
      released = true;
      await b.release();
      await wg.wait();
    }));

  it('a holder that crashes never releases it (NoLease): its waiters deadlock', async () => {
    const r = await run(async () => {
      const c = new Cluster();
      const h = c.node('h');
      await recipes.newBarrier(h.client, '/b').hold();
      await h.crash();
      await recipes.newBarrier(c.node('w').client, '/b').wait();
    }, { runs: 5 });
    expect(kinds(r)).toEqual(['deadlock']);
  });
});

describe('DoubleBarrier', () => {
  it('enter returns only once count entered; leave once all left; a count+1-th gets `too many clients`', () =>
    clean(async () => {
      const c = new Cluster();
      let entered = 0;
      let left = 0;
      const wg = new WaitGroup();
      await wg.add(2);
      for (const n of ['n1', 'n2']) {
        const node = c.node(n);
        node.go(async () => {
          const b = recipes.newDoubleBarrier(await newSession(node.client), '/db', 2);
          entered++;
          await b.enter();
          assert(entered === 2, `${n} entered with ${entered} of 2`);
          await critical(`after-enter-${n}`, async () => undefined);
          left++;
          await b.leave();
          assert(left === 2, `${n} left with ${left} of 2`);
          await wg.done();
        }, n);
      }
      await wg.wait();
      const extra = recipes.newDoubleBarrier(await newSession(c.node('n3').client), '/db2', 1);
      await extra.enter();
      const late = recipes.newDoubleBarrier(await newSession(c.node('n4').client), '/db2', 1);
      assert((await errorText(late.enter())) === 'too many clients', 'a second entrant of a barrier of one');
    }));
});

describe('RWMutex', () => {
  it('readers share the lock, a writer excludes everyone', () =>
    clean(async () => {
      const c = new Cluster();
      let readers = 0;
      let writers = 0;
      let maxReaders = 0;
      const wg = new WaitGroup();
      await wg.add(4);
      for (const [n, write] of [['r1', false], ['w1', true], ['r2', false], ['r3', false]] as const) {
        const node = c.node(n);
        node.go(async () => {
          const rw = recipes.newRWMutex(await newSession(node.client), '/rw');
          if (write) {
            await rw.lock();
            writers++;
            assert(writers === 1 && readers === 0, `writer with ${writers} writers and ${readers} readers`);
            await sleep(5);
            writers--;
            await rw.unlock();
          } else {
            await rw.rLock();
            readers++;
            maxReaders = Math.max(maxReaders, readers);
            assert(writers === 0, 'a reader inside with the writer');
            await sleep(5);
            readers--;
            await rw.rUnlock();
          }
          await wg.done();
        }, n);
      }
      await wg.wait();
    }));

  it('a reader that comes after a waiting writer waits for it (FIFO by revision)', () =>
    clean(async () => {
      const c = new Cluster();
      const n1 = c.node('n1');
      const r1 = recipes.newRWMutex(await newSession(n1.client), '/rw');
      await r1.rLock();
      const order: string[] = [];
      const wg = new WaitGroup();
      await wg.add(2);
      const w = c.node('w');
      w.go(async () => {
        const rw = recipes.newRWMutex(await newSession(w.client), '/rw');
        await rw.lock();
        order.push('writer');
        await rw.unlock();
        await wg.done();
      }, 'w');
      // the writer's key exists before the second reader's
      while ((await n1.client.get('/rw/write', { prefix: true })).count === 0) await sleep(1);
      const r = c.node('r2');
      r.go(async () => {
        const rw = recipes.newRWMutex(await newSession(r.client), '/rw');
        await rw.rLock();
        order.push('reader-2');
        await rw.rUnlock();
        await wg.done();
      }, 'r2');
      await sleep(50);
      await r1.rUnlock();
      await wg.wait();
      assert(order.join() === 'writer,reader-2', order.join());
    }));
});
