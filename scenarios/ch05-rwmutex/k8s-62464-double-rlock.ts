// Course ch05, real bugs: Kubernetes issue 62464 (seed lines 1461–1464), cpumanager's state.
// GetCPUSetOrDefault takes the read lock and calls GetCPUSet and GetDefaultCPUSet, which take the
// read lock again (the real fix, PR 62464, is "avoid double RLock() in cpumanager"; the course
// calls the nested calls writers). A reconcile loop reads while SetDefaultCPUSet writes.
//
// The bug: a recursive read lock. When SetDefaultCPUSet's Lock comes between the outer and the
// inner RLock, the writer waits for the outer read lock and the inner RLock waits behind the
// writer. It needs that interleaving, so it hangs only now and then in production.
// What simcc reports: deadlock, on the schedules where the writer comes in between (about 40% of
// them), with the wait-for cycle reconcile → set-default → reconcile, found while the other
// goroutines may still run.
// Fixed twin: k8s-62464-fixed.ts
import { scenario, go, shared, RWMutex, WaitGroup, type Shared } from 'simcc';

class StateMemory {
  readonly mu = new RWMutex({ name: 'state.mu' });
  readonly assignments: Shared<Record<string, string>> = shared('state.assignments', {});
  readonly defaultCPUSet: Shared<string> = shared('state.defaultCPUSet', '0-3');

  async getCPUSet(containerID: string): Promise<string | undefined> {
    await this.mu.rLock();
    try {
      return (await this.assignments.read())[containerID];
    } finally {
      await this.mu.rUnlock();
    }
  }

  async getDefaultCPUSet(): Promise<string> {
    await this.mu.rLock();
    try {
      return await this.defaultCPUSet.read();
    } finally {
      await this.mu.rUnlock();
    }
  }

  async getCPUSetOrDefault(containerID: string): Promise<string> {
    await this.mu.rLock();
    try {
      const res = await this.getCPUSet(containerID); // BUG: RLock again while holding it
      if (res !== undefined) return res;
      return await this.getDefaultCPUSet();
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

export default scenario({ name: 'Kubernetes 62464: double RLock in cpumanager', expect: ['deadlock'] }, async () => {
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
