// Course ch18, facebookgo/errgroup (seed lines 5759–5813): an extension of WaitGroup rather than of
// x/sync's errgroup. Add/Done as in a WaitGroup, plus Error(err) for a subtask to record an error
// before its Done. Wait returns every recorded error, not only the first. The course's example: Add(3),
// three goroutines, and #2 records errors.New("failed to exec #2").
//
// This is a correct program, with the group written out in a few lines: the error list is guarded
// by a mutex, and Wait reads it after the WaitGroup's Wait.
// What simcc reports: nothing.
// Buggy counterpart: errgroup-append-results.ts (the same list without the lock)
import { scenario, go, assert, Mutex, WaitGroup, sleep } from 'simcc';

class FbGroup {
  private readonly wg = new WaitGroup({ name: 'g.wg' });
  private readonly mu = new Mutex({ name: 'g.mu' });
  private readonly errors: Error[] = []; // guarded by mu
  add(delta: number): Promise<void> {
    return this.wg.add(delta);
  }
  done(): Promise<void> {
    return this.wg.done();
  }
  async error(e: Error): Promise<void> {
    await this.mu.lock();
    this.errors.push(e);
    await this.mu.unlock();
  }
  async wait(): Promise<Error[]> {
    await this.wg.wait();
    await this.mu.lock();
    const errs = this.errors.slice();
    await this.mu.unlock();
    return errs;
  }
}

export default scenario('ch18: facebookgo errgroup collects every error', async () => {
  const g = new FbGroup();
  await g.add(3);
  for (let i = 1; i <= 3; i++) {
    go(async () => {
      await sleep(i * 1000);
      if (i === 2) await g.error(new Error('failed to exec #2'));
      await g.done();
    }, `exec-${i}`);
  }
  const errs = await g.wait();
  assert(errs.length === 1 && errs[0]!.message === 'failed to exec #2');
});
