// Kernel of Kubernetes #5316 (GoKer blocking/kubernetes/5316): the apiserver's finishRequest.
//   func finishRequest(timeout time.Duration, fn resultFunc) (result runtime.Object, err error) {
//       ch := make(chan runtime.Object)           // BUG: unbuffered
//       errCh := make(chan error)                 // BUG: unbuffered
//       go func() {
//           if result, err := fn(); err != nil { errCh <- err } else { ch <- result }
//       }()
//       select {
//       case result = <-ch: return result, nil
//       case err = <-errCh: return nil, err
//       case <-time.After(timeout): return nil, errors.NewTimeoutError("request did not complete within allowed duration")
//       }
//   }
//
// The bug: when the timeout wins, nobody will ever receive from ch (or errCh), so the goroutine that
// ran fn blocks in its send for ever, one leaked goroutine per timed-out request.
// Expected finding: leak (the fn goroutine blocked in its send after main returned).
// Fixed twin: k8s-5316-fixed.ts
import { scenario, go, sleep, select, after, Channel } from 'simcc';

async function finishRequest(timeout: number, fn: () => Promise<string>): Promise<[string | null, Error | null]> {
  const ch = new Channel<string>(0, { name: 'ch' }); // BUG
  const errCh = new Channel<Error>(0, { name: 'errCh' }); // BUG
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

export default scenario({ name: 'k8s 5316: finishRequest leaks its worker on timeout', expect: ['leak'] }, async () => {
  const [, err] = await finishRequest(10, async () => {
    await sleep(5); // the storage call; normally well within the timeout
    return 'pod';
  });
  void err; // a timeout is an acceptable answer to the client
});
