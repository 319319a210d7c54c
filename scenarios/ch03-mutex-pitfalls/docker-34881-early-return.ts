// Course ch03, real bugs: Docker issue 34881 (seed lines 1018–1021; Kubernetes 45192 at seed
// 1028–1030 is the same mistake). A fix added a quick return: "if, while initialising, the node
// finds it is not a swarm manager, return at once". The new return skips c.mu.Unlock().
// This is a kernel of the bug, not Docker's code (the course shows that only as a screenshot).
//
// The bug: Cluster.init() returns early with c.mu locked. From then on every Cluster method that
// takes c.mu blocks forever. Here that is an API handler running concurrently, and then main's
// own next request.
// What simcc reports: deadlock, in every schedule. If the handler comes after init(), it blocks,
// and main blocks in wg.Wait(). If the handler came first, main blocks in its own info() call.
// Either way all goroutines are asleep. The report shows that c.mu was locked in init() by `init`,
// which has already finished.
// Fixed twin: docker-34881-fixed.ts
import { scenario, go, shared, Mutex, WaitGroup, type Shared } from 'simcc';

class Cluster {
  mu = new Mutex({ name: 'c.mu' });
  state: Shared<string> = shared('c.state', 'starting');
  constructor(private readonly isManager: boolean) {}

  async init(): Promise<string | undefined> {
    await this.mu.lock();
    if (!this.isManager) {
      return 'this node is not a swarm manager'; // BUG: quick return without c.mu.Unlock()
    }
    await this.state.write('ready');
    await this.mu.unlock();
    return undefined;
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

export default scenario({ name: 'Docker 34881: early return without Unlock', expect: ['deadlock'] }, async () => {
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
      await c.info(); // an API request, e.g. `docker info`
    } finally {
      await wg.done();
    }
  }, 'api-handler');
  await wg.wait();
  await c.info(); // the next API request
});
