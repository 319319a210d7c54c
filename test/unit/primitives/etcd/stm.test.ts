/**
 * newSTM against etcd's concurrency.STM: apply re-run on conflict, a throw aborts and is rethrown with
 * nothing written, the four isolation levels (only readCommitted loses updates), the local write set.
 */
import { describe, expect, it } from 'vitest';
import { assert } from '../../../../src/api/panic.js';
import { WaitGroup } from '../../../../src/primitives/go/waitgroup.js';
import { Cluster } from '../../../../src/primitives/etcd/cluster.js';
import { newSTM, type Isolation, type STM } from '../../../../src/primitives/etcd/stm.js';
import { run, kinds } from '../../../helpers.js';

/** Two nodes each add 1 to 'n' in `k` STM transactions of the given isolation; resolves to the final count. */
async function counter(iso: Isolation, runs: number): Promise<string[]> {
  const r = await run(async () => {
    const c = new Cluster();
    await c.node('n0').client.put('n', '0');
    const wg = new WaitGroup();
    await wg.add(2);
    for (const n of ['n1', 'n2']) {
      const node = c.node(n);
      node.go(async () => {
        for (let i = 0; i < 3; i++) {
          await newSTM(
            node.client,
            async (stm: STM) => {
              stm.put('n', String(Number(await stm.get('n')) + 1));
            },
            { isolation: iso },
          );
        }
        await wg.done();
      }, n);
    }
    await wg.wait();
    const n = Number((await c.node('n0').client.get('n')).kvs[0]!.value);
    assert(n === 6, `lost update: ${n}`);
  }, { runs });
  expect(r.error).toBeUndefined();
  return kinds(r);
}

describe('newSTM', () => {
  it.each(['serializableSnapshot', 'serializable', 'repeatableReads'] as const)('%s never loses an update (apply re-runs on conflict)', async (iso) => {
    expect(await counter(iso, 100)).toEqual([]);
  });

  it('readCommitted checks nothing at commit: concurrent read-modify-writes lose updates', async () => {
    expect(await counter('readCommitted', 100)).toEqual(['assertion']);
  });

  it('a throw from apply aborts with nothing written, and newSTM rethrows it; reads see the write set', async () => {
    const r = await run(async () => {
      const c = new Cluster();
      const cl = c.node('n1').client;
      await cl.put('a', '1');
      let msg = '';
      try {
        await newSTM(cl, async (stm) => {
          stm.put('a', '2');
          assert((await stm.get('a')) === '2', 'a read after a put sees the put');
          stm.del('b');
          throw new Error('insufficient value');
        });
      } catch (e) {
        msg = (e as Error).message;
      }
      assert(msg === 'insufficient value', `rethrown: ${msg}`);
      assert((await cl.get('a')).kvs[0]!.value === '1', 'an aborted transaction wrote');
      const resp = await newSTM(cl, async (stm) => {
        // etcd's Get(keys...) reads them all into the read set and returns the first key's value.
        assert((await stm.get('missing', 'a')) === '', 'get of several keys: the first key\'s value');
        assert((await stm.get('a')) === '1', 'the second key came with the first read');
        assert((await stm.rev('a')) === (await cl.get('a')).kvs[0]!.modRevision, 'rev is the modRevision');
        stm.put('a', '3');
      });
      assert(resp.succeeded, 'the commit response');
      assert((await cl.get('a')).kvs[0]!.value === '3', 'committed');
    }, { runs: 5 });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('the bank: 5 accounts × 100, transfers of half a balance in STM keep the sum at 500', async () => {
    const r = await run(async () => {
      const c = new Cluster();
      const node = c.node('bank');
      for (let i = 0; i < 5; i++) await node.client.put(`accts/${i}`, '100');
      const wg = new WaitGroup();
      await wg.add(4);
      for (let w = 0; w < 4; w++) {
        node.go(async () => {
          for (let j = 0; j < 10; j++) {
            const from = `accts/${(w + j) % 5}`;
            const to = `accts/${(w + 2 * j + 1) % 5}`;
            if (from === to) continue;
            await newSTM(node.client, async (stm) => {
              const f = Number(await stm.get(from));
              const t = Number(await stm.get(to));
              stm.put(from, String(f - Math.floor(f / 2)));
              stm.put(to, String(t + Math.floor(f / 2)));
            });
          }
          await wg.done();
        }, `w${w}`);
      }
      await wg.wait();
      const all = await node.client.get('accts/', { prefix: true });
      assert(all.kvs.reduce((s, kv) => s + Number(kv.value), 0) === 500, 'sum');
    }, { runs: 20, stepLimit: 100_000 });
    expect(kinds(r)).toEqual([]);
  });

  it('an unknown isolation is a scenario error', async () => {
    const r = await run(async () => {
      await newSTM(new Cluster().node('n1').client, async () => undefined, { isolation: 'snapshot' as Isolation });
    }, { runs: 1 });
    expect(r.error?.message).toMatch(/unknown isolation 'snapshot'/);
  });
});
