// Course ch06, real bugs: Kubernetes issue 59574 (seed line 1771): someone forgot to Add before
// Wait, a bug "we usually think cannot happen". This is a kernel of the bug, not Kubernetes code.
// Goroutines are started with `defer wg.Done()`, but the wg.Add(1) in front of each go statement is
// missing.
//
// The bug: the counter is 0, so Wait returns at once and main goes on without the work. Each Done
// then takes the counter below zero: `panic: sync: negative WaitGroup counter`.
// What simcc reports: negative-waitgroup-counter, at the first worker's Done, in every schedule. The
// first Done always finds the counter at 0. There is no Add at all, so no Add/Wait misuse can be
// reported first.
// Fixed twin: k8s-59574-fixed.ts
import { scenario, go, yieldNow, WaitGroup } from 'simcc';

async function syncAll(wg: WaitGroup, pods: string[]): Promise<void> {
  for (const pod of pods) {
    // BUG: missing wg.Add(1)
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

export default scenario({ name: 'Kubernetes 59574: forgot Add before Wait', expect: ['negative-waitgroup-counter'] }, async () => {
  const wg = new WaitGroup({ name: 'wg' });
  await syncAll(wg, ['pod-a', 'pod-b']);
});
