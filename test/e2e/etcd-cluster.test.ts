/**
 * The etcd flavour's cluster from the command line, 'simcc/etcd' (part A: store, client, sessions, nodes,
 * faults): a scenario anywhere on disk imports it; reports say which node a goroutine runs on and when a
 * lease expired; the timeline shows faults and expiries with their virtual time; --faults and --max-faults
 * are scheduling choices that run draws, replay replays, explore branches on, and that reproduce commands carry.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, json, oneLine, simcc } from './cli.js';

// A worker on n2 waits for the key n1's session holds; n1 crashes, the lease expires, the worker goes on;
// then main waits on a watch nobody will feed: a deadlock, with only a healthy session left.
const CRASH = `import { scenario, Cluster, newSession, WaitGroup } from 'simcc/etcd';

export default scenario('crash, expiry, then a deadlock', async () => {
  const c = new Cluster({ name: 'demo' });
  const n1 = c.node('n1');
  const n2 = c.node('n2');
  const s1 = await newSession(n1.client, { ttl: 250 });
  const rev = (await n1.client.put('/lock', 'n1', { lease: s1.lease })).header.revision;
  const wg = new WaitGroup();
  await wg.add(1);
  n2.go(async () => {
    await newSession(n2.client, { ttl: 1000 });
    const w = n2.client.watch('/lock', { fromRevision: rev + 1 });
    await w.recv();
    await wg.done();
    await n2.client.watch('/never').recv();
  }, 'follower');
  await n1.crash();
  await wg.wait();
  await c.node('n3').client.watch('/never').recv();
});
`;

// The holder of a lease lock keeps working across a sleep; with a pause injected on its node past the TTL,
// the waiter takes the lock too.
const LOCK = `import { scenario, Cluster, newSession, WaitGroup, assert, sleep, compare, op } from 'simcc/etcd';

export default scenario('lease lock without fencing', async () => {
  const c = new Cluster();
  const n1 = c.node('n1');
  const n2 = c.node('n2');
  const inside = new Set<string>();
  const s1 = await newSession(n1.client, { ttl: 100 });
  const rev = (await n1.client.put('/lock', 'n1', { lease: s1.lease })).header.revision;
  const wg = new WaitGroup();
  await wg.add(2);
  n1.go(async () => {
    inside.add('n1');
    await sleep(50);
    assert(inside.size === 1, 'two holders of the lock at once');
    inside.delete('n1');
    await n1.client.delete('/lock');
    await wg.done();
  }, 'holder');
  n2.go(async () => {
    await n2.client.watch('/lock', { fromRevision: rev + 1 }).recv();
    const t = await n2.client.txn().if(compare.createRevision('/lock', '=', 0)).then(op.put('/lock', 'n2')).commit();
    if (t.succeeded) inside.add('n2');
    assert(inside.size === 1, 'two holders of the lock at once');
    await wg.done();
  }, 'waiter');
  await wg.wait();
});
`;

describe('the etcd cluster (simcc/etcd)', { timeout: E2E_TIMEOUT * 3 }, () => {
  let dir = '';
  let crash = '';
  let lock = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'simcc-etcd-'));
    crash = path.join(dir, 'crash.ts');
    await writeFile(crash, CRASH);
    lock = path.join(dir, 'lock.ts');
    await writeFile(lock, LOCK);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a deadlock across nodes names each goroutine\'s node, the crash and the lease expiry with their times', async () => {
    for (const time of ['free', 'synctest']) {
      const r = await simcc(['run', crash, '--runs', '20', '--time', time]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('deadlock: all goroutines are asleep - deadlock!');
      expect(r.stdout).toContain("goroutine 'follower' on node 'n2' is blocked in receive from channel 'watch(\"/never\")'");
      expect(r.stdout).toContain("etcd cluster 'demo': node 'n1' crashed at 0 ms");
      expect(r.stdout).toContain("etcd cluster 'demo': lease 1 (session of node 'n1') expired at 250 ms, deleting \"/lock\"");
      // The timeline: the crash and the expiry, each with its virtual time.
      expect(r.stdout).toMatch(/0ms\s+main\s+crash of node 'n1' at 0 ms → crashed/);
      expect(r.stdout).toMatch(/250ms\s+timer\s+lease 1 of node 'n1' expires \(ttl 250 ms, last renewal that reached the cluster at 0 ms\)/);
    }
  });

  it('run --faults pause finds the paused holder; the reproduce commands carry --faults; replay replays the fault', async () => {
    const clean = await simcc(['run', lock, '--runs', '100']);
    expect(clean.code).toBe(0);
    const r = await simcc(['run', lock, '--runs', '200', '--faults', 'pause']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('assertion: assertion failed: two holders of the lock at once');
    expect(r.stdout).toMatch(/faults\s+inject fault: pause node 'n1' for 101 ms/);
    const replay = r.stdout.split('\n').find((l) => l.includes(' replay '))!.trim();
    expect(replay).toContain('--faults pause');
    const args = replay.split(' ').slice(2).map((a) => a.replace(/^'(.*)'$/, '$1'));
    const again = await simcc(args);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('two holders of the lock at once');
    const seed = r.stdout.split('\n').find((l) => l.includes(' run ') && l.includes('--seed'))!.trim();
    expect(seed).toContain('--faults pause');
  });

  it('explore --faults pause --max-faults 1 finds it too, in JSON; without faults it proves the lock correct', async () => {
    const clean = await simcc(['explore', lock, '--json']);
    expect(clean.code).toBe(0);
    expect(json(clean.stdout)).toMatchObject({ verdict: 'pass', complete: true });
    const r = await simcc(['explore', lock, '--faults', 'pause', '--max-faults', '1', '--json']);
    expect(r.code).toBe(1);
    expect(json(r.stdout).findings.map((f: { kind: string }) => f.kind)).toEqual(['assertion']);
  });

  it('bad fault flags are usage errors with one line', async () => {
    const bad = await simcc(['run', lock, '--faults', 'crash,flood']);
    expect(bad.code).toBe(2);
    expect(oneLine(bad.stderr)).toContain("unknown fault 'flood' (faults: crash, pause, partition)");
    const alone = await simcc(['run', lock, '--max-faults', '2']);
    expect(alone.code).toBe(2);
    expect(oneLine(alone.stderr)).toContain('--max-faults needs --faults');
  });
});
