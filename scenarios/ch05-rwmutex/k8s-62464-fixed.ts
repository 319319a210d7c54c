// Course ch05, real bugs: Kubernetes issue 62464 (seed lines 1461–1464), fixed as the real PR did:
// GetCPUSetOrDefault takes the read lock once and reads through helpers that assume it is held.
//
// This is the fixed twin of k8s-62464-double-rlock.ts.
// What simcc reports: nothing, on every schedule: a writer in between now only waits for the one
// read lock.
import { scenario, go, shared, RWMutex, WaitGroup, type Shared } from 'simcc';

class StateMemory {
  readonly mu = new RWMutex({ name: 'state.mu' });
  readonly assignments: Shared<Record<string, string>> = shared('state.assignments', {});
  readonly defaultCPUSet: Shared<string> = shared('state.defaultCPUSet', '0-3');

  /** Callers hold mu (for reading at least). */
  private async getCPUSetLocked(containerID: string): Promise<string | undefined> {
    return (await this.assignments.read())[containerID];
  }

  async getCPUSetOrDefault(containerID: string): Promise<string> {
    await this.mu.rLock();
    try {
      const res = await this.getCPUSetLocked(containerID);
      if (res !== undefined) return res;
      return await this.defaultCPUSet.read();
    } finally {
      await this.mu.rUnlock();
    }
  }

  async setDefaultCPUSet(cpus: string): Promise<void> {
    await this.mu.lock();
    try {
      await this.defaultCPUSet.write(cpus);
    } finally {
      await this.mu.unlock();
    }
  }
}

export default scenario('Kubernetes 62464 fixed: one RLock per call', async () => {
  const s = new StateMemory();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    try {
      for (const id of ['c1', 'c2']) await s.getCPUSetOrDefault(id);
    } finally {
      await wg.done();
    }
  }, 'reconcile');
  go(async () => {
    try {
      await s.setDefaultCPUSet('0-1');
    } finally {
      await wg.done();
    }
  }, 'set-default');
  await wg.wait();
});
