// Course ch09, real bugs: Docker issue 40772 (seed lines 2531–2533), one of the many concurrent-map
// bugs the course lists (Docker, Kubernetes, TiDB): every access to a map took the lock except one
// delete. Here a registry of containers: register and lookup take the mutex, remove forgot it.
//
// The bug: the unlocked delete is not ordered with the locked writes of other goroutines.
// What simcc reports: concurrent-map-write, "concurrent map writes", on every schedule: the
// unlocked delete and the other goroutine's locked set are unordered whichever comes first.
// Fixed twin: rwmap.ts
import { scenario, go, GoMap, Mutex, WaitGroup } from 'simcc';

class Registry {
  readonly mu = new Mutex({ name: 'registry.mu' });
  readonly containers = new GoMap<string, string>('registry.containers');

  async register(id: string): Promise<void> {
    await this.mu.lock();
    await this.containers.set(id, 'running');
    await this.mu.unlock();
  }

  async remove(id: string): Promise<void> {
    await this.containers.delete(id); // BUG: no lock
  }
}

export default scenario({ name: 'Docker 40772: map delete without the lock', expect: ['concurrent-map-write'] }, async () => {
  const r = new Registry();
  await r.register('c0');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    await r.register('c1');
    await wg.done();
  }, 'create');
  go(async () => {
    await r.remove('c0');
    await wg.done();
  }, 'destroy');
  await wg.wait();
});
