// The doubled WaitGroup.Done, fixed: the error path relies on the deferred Done alone.
// No bug.
// Buggy twin: waitgroup-double-done.ts
import { scenario, go, WaitGroup, Mutex, Channel, GoMap } from 'simcc';

export default scenario('WaitGroup: one Done per goroutine', async () => {
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
          return; // FIX
        }
        await mu.lock();
        await pulled.set(img, true);
        await mu.unlock();
      } finally {
        await wg.done();
      }
    }, `pull ${img}`);
  }
  await wg.wait();
  await mu.lock();
  await pulled.size();
  await mu.unlock();
});
