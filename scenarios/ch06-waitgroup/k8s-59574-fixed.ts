// Course ch06, real bugs: Kubernetes issue 59574 (seed line 1771). The fix is the course's rule
// (seed 1643, 1779): wg.Add(1) before each go statement, and every Add before the Wait.
//
// This is the fixed twin of k8s-59574-forgot-add.ts.
// What simcc reports: nothing. Wait returns after both pods are synced.
import { scenario, go, yieldNow, WaitGroup } from 'simcc';

async function syncAll(wg: WaitGroup, pods: string[]): Promise<void> {
  for (const pod of pods) {
    await wg.add(1);
    go(async () => {
      try {
        await yieldNow(); // sync the pod
      } finally {
        await wg.done(); // defer wg.Done()
      }
    }, `sync-${pod}`);
  }
  await wg.wait();
}

export default scenario('Kubernetes 59574 fixed: Add(1) before each go', async () => {
  const wg = new WaitGroup({ name: 'wg' });
  await syncAll(wg, ['pod-a', 'pod-b']);
});
