// Kernel of moby (Docker) #30408, fixed: waitActive stops waiting once activation has finished,
// successfully or not.
//   for !p.activated() && p.activateErr == nil { p.activateWait.Wait() }
// No bug.
// Buggy twin: moby-30408-cond-wait-on-failure.ts
import { scenario, go, Cond, Mutex, Channel } from 'simcc';

class Plugin {
  readonly mu = new Mutex({ name: 'activateWait.L' });
  readonly activateWait = new Cond(this.mu, 'p.activateWait');
  manifest: string[] | null = null;
  activateErr: Error | null = null;

  activated(): boolean {
    return this.manifest !== null;
  }

  async activate(): Promise<Error | null> {
    await this.mu.lock();
    if (this.activated()) {
      await this.mu.unlock();
      return this.activateErr;
    }
    this.activateErr = new Error('some junk happened');
    await this.mu.unlock();
    await this.activateWait.broadcast();
    return this.activateErr;
  }

  async waitActive(): Promise<Error | null> {
    await this.mu.lock();
    while (!this.activated() && this.activateErr === null) await this.activateWait.wait(); // FIX
    await this.mu.unlock();
    return this.activateErr;
  }
}

export default scenario('moby 30408 fixed: waitActive also stops on an activation error', async () => {
  const p = new Plugin();
  const done = new Channel<void>(0, { name: 'done' });
  go(async () => {
    await p.waitActive();
    await done.close();
  }, 'client');
  go(() => p.activate(), 'activate');
  await done.recv();
});
