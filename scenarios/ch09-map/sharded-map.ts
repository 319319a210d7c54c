// Course ch09, fix B "a sharded map" (seed lines 2588–2641, orcaman/concurrent-map): the keys are
// spread over SHARD_COUNT shards by fnv32(key) % SHARD_COUNT, each shard a map with its own
// RWMutex, so goroutines working on different shards do not contend. (4 shards here instead of 32.)
//
// Every access to a shard's map holds that shard's lock (read lock for Get, write lock for Set),
// so no two conflicting accesses are unordered.
// What simcc reports: nothing, on every schedule.
// Buggy twin: map-concurrent-read-write.ts
import { scenario, go, GoMap, RWMutex, WaitGroup, assert } from 'simcc';

const SHARD_COUNT = 4;

interface Shard {
  items: GoMap<string, number>;
  mu: RWMutex;
}

function fnv32(key: string): number {
  let hash = 2166136261;
  for (let i = 0; i < key.length; i++) {
    hash = Math.imul(hash, 16777619) >>> 0;
    hash = (hash ^ key.charCodeAt(i)) >>> 0;
  }
  return hash;
}

class ConcurrentMap {
  readonly shards: Shard[] = Array.from({ length: SHARD_COUNT }, (_, i) => ({
    items: new GoMap<string, number>(`shard${i}.items`),
    mu: new RWMutex({ name: `shard${i}.mu` }),
  }));

  getShard(key: string): Shard {
    return this.shards[fnv32(key) % SHARD_COUNT]!;
  }

  async set(key: string, value: number): Promise<void> {
    const shard = this.getShard(key);
    await shard.mu.lock();
    await shard.items.set(key, value);
    await shard.mu.unlock();
  }

  async get(key: string): Promise<number | undefined> {
    const shard = this.getShard(key);
    await shard.mu.rLock();
    const v = await shard.items.get(key);
    await shard.mu.rUnlock();
    return v;
  }
}

export default scenario('ch09: sharded map, one RWMutex per shard', async () => {
  const m = new ConcurrentMap();
  const keys = ['a', 'b', 'c', 'd', 'e'];
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    for (const [i, k] of keys.entries()) await m.set(k, i);
    await wg.done();
  }, 'writer');
  go(async () => {
    for (const k of keys) await m.get(k);
    await wg.done();
  }, 'reader');
  await wg.wait();
  for (const [i, k] of keys.entries()) assert((await m.get(k)) === i, `lost ${k}`);
});
