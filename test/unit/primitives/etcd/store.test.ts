/**
 * The MVCC store on its own (src/primitives/etcd/store.ts): revisions, versions, ranges with prefix, sort
 * and limit, deletes, txn comparisons and branches at one revision, leases deleting their keys, history.
 */
import { describe, expect, it } from 'vitest';
import { MvccStore, prefixEnd } from '../../../../src/primitives/etcd/store.js';

describe('MvccStore', () => {
  it('a put takes the next revision; a second put of the key keeps its create revision and bumps its version', () => {
    const s = new MvccStore();
    expect(s.revision).toBe(1);
    s.put('a', '1', 0);
    s.put('b', '2', 0);
    const r = s.put('a', '3', 0);
    expect(r.prevKv).toMatchObject({ value: '1', version: 1 });
    expect(s.get('a')).toEqual({ key: 'a', value: '3', createRevision: 2, modRevision: 4, version: 2, lease: 0 });
    expect(s.revision).toBe(4);
  });

  it('range: one key, a prefix in key order, sorted by create revision descending, limited with more and count', () => {
    const s = new MvccStore();
    s.put('/q/b', 'x', 0);
    s.put('/q/a', 'y', 0);
    s.put('/r', 'z', 0);
    s.put('/q/c', 'w', 0);
    expect(s.range('/q/a', {}).kvs.map((kv) => kv.key)).toEqual(['/q/a']);
    expect(s.range('/q/', { prefix: true }).kvs.map((kv) => kv.key)).toEqual(['/q/a', '/q/b', '/q/c']);
    const d = s.range('/q/', { prefix: true, sortBy: 'createRevision', order: 'descend', limit: 2 });
    expect(d.kvs.map((kv) => kv.key)).toEqual(['/q/c', '/q/a']);
    expect(d).toMatchObject({ count: 3, more: true });
    expect(s.range('/q/', { prefix: true, sortBy: 'modRevision', limit: 1 }).kvs[0]!.key).toBe('/q/b');
    expect(s.range('/q/', { prefix: true, maxCreateRevision: 3 }).kvs.map((kv) => kv.key)).toEqual(['/q/a', '/q/b']);
    expect(s.range('/nothing', {})).toEqual({ kvs: [], count: 0, more: false });
  });

  it('delete of a prefix deletes every key under it at one revision; deleting nothing takes no revision', () => {
    const s = new MvccStore();
    s.put('/p/1', 'a', 0);
    s.put('/p/2', 'b', 0);
    s.put('/pz', 'c', 0);
    const r = s.deleteRange('/p/', { prefix: true });
    expect(r.deleted.map((kv) => kv.key)).toEqual(['/p/1', '/p/2']);
    expect(s.revision).toBe(5);
    expect(r.events.every((e) => e.type === 'DELETE' && e.kv.modRevision === 5)).toBe(true);
    expect(s.deleteRange('/p/1', {}).deleted).toEqual([]);
    expect(s.revision).toBe(5);
    // A key put again after its deletion starts afresh.
    s.put('/p/1', 'again', 0);
    expect(s.get('/p/1')).toMatchObject({ createRevision: 6, version: 1 });
  });

  it('txn: comparisons choose the branch; all writes share one revision; a missing key compares as 0 and fails a value comparison', () => {
    const s = new MvccStore();
    s.put('a', '1', 0);
    const ok = s.txn(
      [{ key: 'a', target: 'value', result: '=', operand: '1' }, { key: 'missing', target: 'createRevision', result: '=', operand: 0 }],
      [{ type: 'put', key: 'a', value: '2', options: {} }, { type: 'put', key: 'b', value: '3', options: {} }, { type: 'get', key: 'a', options: {} }],
      [],
    );
    expect(ok.result.succeeded).toBe(true);
    expect(s.revision).toBe(3);
    expect(s.get('a')!.modRevision).toBe(3);
    expect(s.get('b')!.modRevision).toBe(3);
    expect(ok.result.results[2]).toMatchObject({ type: 'get', range: { kvs: [{ value: '2' }] } });
    const no = s.txn([{ key: 'missing', target: 'value', result: '!=', operand: 'x' }], [{ type: 'put', key: 'z', value: '', options: {} }], [{ type: 'get', key: 'a', options: {} }]);
    expect(no.result.succeeded).toBe(false);
    expect(no.events).toEqual([]);
    expect(s.revision).toBe(3);
    const gt = s.txn([{ key: 'a', target: 'version', result: '>', operand: 1 }, { key: 'a', target: 'modRevision', result: '<', operand: 4 }], [], []);
    expect(gt.result.succeeded).toBe(true);
  });

  it('leases: a put with an unknown lease fails with etcd\'s error; ending a lease deletes its keys at one revision', () => {
    const s = new MvccStore();
    expect(() => s.put('k', 'v', 7)).toThrow('etcdserver: requested lease not found');
    const l = s.grant(1000);
    s.put('k1', 'v', l.id);
    s.put('k2', 'v', l.id);
    s.put('k2', 'v', 0); // moved off the lease
    const end = s.endLease(l.id)!;
    expect(end.keys).toEqual(['k1']);
    expect(s.get('k1')).toBeUndefined();
    expect(s.get('k2')).toBeDefined();
    expect(s.endLease(l.id)).toBeUndefined();
  });

  it('history keeps every event in revision order (what a watch from an old revision replays)', () => {
    const s = new MvccStore();
    s.put('a', '1', 0);
    s.deleteRange('a', {});
    expect(s.history.map((h) => [h.revision, h.event.type, h.event.kv.key])).toEqual([
      [2, 'PUT', 'a'],
      [3, 'DELETE', 'a'],
    ]);
  });

  it('prefixEnd is etcd\'s range end of a prefix', () => {
    expect(prefixEnd('/a/')).toBe('/a0');
    expect(prefixEnd('ab')).toBe('ac');
  });
});
