// Kernel of moby (Docker) #30408 (GoKer blocking/moby/30408): pkg/plugins activation.
//   func (p *Plugin) activate() error {
//       p.activateWait.L.Lock()
//       if p.activated() { p.activateWait.L.Unlock(); return p.activateErr }
//       p.activateErr = p.activateWithLock()      // may fail: Manifest stays nil
//       p.activateWait.L.Unlock()
//       p.activateWait.Broadcast()
//       return p.activateErr
//   }
//   func (p *Plugin) waitActive() error {
//       p.activateWait.L.Lock()
//       for !p.activated() {                      // BUG: a failed activation never counts as done
//           p.activateWait.Wait()
//       }
//       p.activateWait.L.Unlock()
//       return p.activateErr
//   }
//   func (p *Plugin) activated() bool { return p.Manifest != nil }
//
// The bug: when activation fails, the broadcast wakes the waiter, which sees Manifest still nil and
// waits again; nobody will broadcast again. The plugin client waiting for the plugin hangs.
// Expected finding: deadlock.
// Fixed twin: moby-30408-fixed.ts
import { scenario, go, Cond, Mutex, Channel } from 'simcc';

class Plugin {
  readonly mu = new Mutex({ name: 'activateWait.L' });
  readonly activateWait = new Cond(this.mu, 'p.activateWait');
  manifest: string[] | null = null; // guarded by activateWait.L
  activateErr: Error | null = null; // guarded by activateWait.L

  activated(): boolean {
    return this.manifest !== null;
  }

  async activate(): Promise<Error | null> {
    await this.mu.lock();
    if (this.activated()) {
      await this.mu.unlock();
      return this.activateErr;
    }
    this.activateErr = new Error('some junk happened'); // activateWithLock: the handshake fails
    await this.mu.unlock();
    await this.activateWait.broadcast();
    return this.activateErr;
  }

  async waitActive(): Promise<Error | null> {
    await this.mu.lock();
    while (!this.activated()) await this.activateWait.wait(); // BUG
    await this.mu.unlock();
    return this.activateErr;
  }
}

export default scenario({ name: 'moby 30408: waitActive never returns after a failed activation', expect: ['deadlock'] }, async () => {
  const p = new Plugin();
  const done = new Channel<void>(0, { name: 'done' });
  go(async () => {
    await p.waitActive();
    await done.close();
  }, 'client');
  go(() => p.activate(), 'activate');
  await done.recv();
});
