// Course ch03, real bugs: Docker issue 34881 (seed lines 1018–1021), and the same fix for
// Kubernetes 45192 (seed 1028–1030). The lesson the course draws (seed 1030): keep Lock and Unlock
// paired, with `defer mu.Unlock()` right after the Lock.
//
// This is the fixed twin of docker-34881-early-return.ts: init() unlocks on the quick-return path
// too (try/finally is Go's defer). The API requests get the lock and see the state.
// What simcc reports: nothing.
import { scenario, go, shared, Mutex, WaitGroup, assert, type Shared } from 'simcc';

class Cluster {
  mu = new Mutex({ name: 'c.mu' });
  state: Shared<string> = shared('c.state', 'starting');
  constructor(private readonly isManager: boolean) {}

  async init(): Promise<string | undefined> {
    await this.mu.lock();
    try {
      if (!this.isManager) {
        return 'this node is not a swarm manager'; // the deferred Unlock runs
      }
      await this.state.write('ready');
      return undefined;
    } finally {
      await this.mu.unlock(); // defer c.mu.Unlock()
    }
  }

  async info(): Promise<string> {
    await this.mu.lock();
    try {
      return await this.state.read();
    } finally {
      await this.mu.unlock();
    }
  }
}

export default scenario('Docker 34881 fixed: defer the Unlock', async () => {
  const c = new Cluster(false);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    try {
      await c.init();
    } finally {
      await wg.done();
    }
  }, 'init');
  go(async () => {
    try {
      await c.info();
    } finally {
      await wg.done();
    }
  }, 'api-handler');
  await wg.wait();
  assert((await c.info()) === 'starting', 'a non-manager node never becomes ready');
});
