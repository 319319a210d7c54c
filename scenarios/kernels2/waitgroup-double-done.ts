// Kernel of the doubled WaitGroup.Done (a deferred Done plus an explicit Done on an error path; the
// shape of several "sync: negative WaitGroup counter" panics fixed in Docker's and Kubernetes'
// parallel image pulls / volume attach loops):
//   wg.Add(len(images))
//   for _, img := range images {
//       go func(img string) {
//           defer wg.Done()
//           if err := pull(img); err != nil {
//               errs <- err
//               wg.Done()                 // BUG: the deferred Done runs too
//               return
//           }
//           pulled[img] = true ... (under mu)
//       }(img)
//   }
//   wg.Wait()
//
// The bug: a failed pull counts twice. The counter reaches zero while another pull is still running
// (Wait returns early: the caller may use an incomplete result) and goes negative when that pull
// ends: panic("sync: negative WaitGroup counter").
// Expected finding: negative-waitgroup-counter.
// Fixed twin: waitgroup-double-done-fixed.ts
import { scenario, go, WaitGroup, Mutex, Channel, GoMap } from 'simcc';

export default scenario({ name: 'WaitGroup: Done twice on the error path', expect: ['negative-waitgroup-counter'] }, async () => {
  const images = ['busybox', 'missing:latest'];
  const wg = new WaitGroup({ name: 'wg' });
  const mu = new Mutex({ name: 'mu' });
  const pulled = new GoMap<string, boolean>('pulled');
  const errs = new Channel<Error>(images.length, { name: 'errs' });
  await wg.add(images.length);
  for (const img of images) {
    go(async () => {
      try {
        if (img.startsWith('missing')) {
          await errs.send(new Error(`pull ${img}: not found`));
          await wg.done(); // BUG
          return;
        }
        await mu.lock();
        await pulled.set(img, true);
        await mu.unlock();
      } finally {
        await wg.done(); // defer wg.Done()
      }
    }, `pull ${img}`);
  }
  await wg.wait();
  await mu.lock();
  await pulled.size();
  await mu.unlock();
});
