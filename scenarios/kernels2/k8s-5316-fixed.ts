// Kernel of Kubernetes #5316, fixed: the result channels have room for the one value the goroutine
// sends, so it never blocks when finishRequest has already returned on its timeout.
//   ch := make(chan runtime.Object, 1)
//   errCh := make(chan error, 1)
// No bug: the fn goroutine always ends.
// Buggy twin: k8s-5316-finish-request-timeout-leak.ts
import { scenario, go, sleep, select, after, Channel } from 'simcc';

async function finishRequest(timeout: number, fn: () => Promise<string>): Promise<[string | null, Error | null]> {
  const ch = new Channel<string>(1, { name: 'ch' }); // FIX
  const errCh = new Channel<Error>(1, { name: 'errCh' }); // FIX
  go(async () => {
    try {
      const result = await fn();
      await ch.send(result);
    } catch (e) {
      await errCh.send(e as Error);
    }
  }, 'fn');
  const r = await select([ch.recvCase(), errCh.recvCase(), after(timeout).recvCase()]);
  if (r.index === 0) return [r.value as string, null];
  if (r.index === 1) return [null, r.value as Error];
  return [null, new Error('request did not complete within allowed duration')];
}

export default scenario('k8s 5316 fixed: finishRequest with buffered result channels', async () => {
  const [, err] = await finishRequest(10, async () => {
    await sleep(5); // the storage call; normally well within the timeout
    return 'pod';
  });
  void err;
});
