// Course ch03, real bugs: Docker issue 36114 (seed lines 1013–1017). The fix (seed 1017) adds a
// hotRemoveVHDsNoLock method for callers that already hold svm.mu, so the Mutex is never re-entered.
//
// This is the fixed twin of docker-36114-reentrant-lock.ts. The roll-back path calls the NoLock
// variant.
// What simcc reports: nothing. After both containers start, exactly one VHD is attached.
import { scenario, go, shared, Mutex, WaitGroup, assert, type Shared } from 'simcc';

interface ServiceVM {
  mu: Mutex;
  attached: Shared<number>;
}

async function hotAddVHDsAtStart(svm: ServiceVM, ok: boolean[]): Promise<boolean> {
  await svm.mu.lock();
  try {
    for (let i = 0; i < ok.length; i++) {
      if (!ok[i]) {
        await hotRemoveVHDsNoLock(svm, i); // the caller holds svm.mu
        return false;
      }
      await svm.attached.update((n) => n + 1);
    }
    return true;
  } finally {
    await svm.mu.unlock();
  }
}

// Must be called with svm.mu held.
async function hotRemoveVHDsNoLock(svm: ServiceVM, n: number): Promise<void> {
  await svm.attached.update((v) => v - n);
}

export default scenario('Docker 36114 fixed: hotRemoveVHDsNoLock', async () => {
  const svm: ServiceVM = { mu: new Mutex({ name: 'svm.mu' }), attached: shared('svm.attached', 0) };
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    try {
      await hotAddVHDsAtStart(svm, [true]);
    } finally {
      await wg.done();
    }
  }, 'container-a');
  go(async () => {
    try {
      await hotAddVHDsAtStart(svm, [true, false]);
    } finally {
      await wg.done();
    }
  }, 'container-b');
  await wg.wait();
  assert((await svm.attached.read()) === 1, 'exactly one VHD should stay attached');
});
