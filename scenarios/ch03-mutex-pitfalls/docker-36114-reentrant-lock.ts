// Course ch03, real bugs: Docker issue 36114 (seed lines 1013–1017). hotAddVHDsAtStart locks the
// service VM (svm), and on the way it calls hotRemoveVHDsAtStart, which locks svm again. Go's Mutex
// is not reentrant, so this deadlocks. This is a kernel of the bug, not Docker's code. Here the
// second lock is on the roll-back path taken when attaching a VHD fails.
//
// The bug: `container-b` attaches two VHDs and the second one fails. While it still holds svm.mu
// it calls hotRemoveVHDsAtStart to roll back the first one, and that function locks svm.mu again.
// What simcc reports: double-lock, at hotRemoveVHDsAtStart's Lock, naming `container-b` and where it
// first took svm.mu. That happens in every schedule, whether `container-a` (whose attach succeeds)
// runs before or after it.
// Fixed twin: docker-36114-fixed.ts
import { scenario, go, shared, Mutex, WaitGroup, type Shared } from 'simcc';

interface ServiceVM {
  mu: Mutex;
  attached: Shared<number>;
}

// ok[i] says whether attaching the i-th VHD succeeds.
async function hotAddVHDsAtStart(svm: ServiceVM, ok: boolean[]): Promise<boolean> {
  await svm.mu.lock();
  try {
    for (let i = 0; i < ok.length; i++) {
      if (!ok[i]) {
        await hotRemoveVHDsAtStart(svm, i); // roll back the i VHDs already attached
        return false;
      }
      await svm.attached.update((n) => n + 1);
    }
    return true;
  } finally {
    await svm.mu.unlock();
  }
}

async function hotRemoveVHDsAtStart(svm: ServiceVM, n: number): Promise<void> {
  await svm.mu.lock(); // BUG: the caller already holds svm.mu
  try {
    await svm.attached.update((v) => v - n);
  } finally {
    await svm.mu.unlock();
  }
}

export default scenario({ name: 'Docker 36114: svm locked again on the roll-back path', expect: ['double-lock'] }, async () => {
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
});
