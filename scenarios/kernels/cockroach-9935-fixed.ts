// Kernel of CockroachDB #9935, the fix: outputLogEntry calls exitLocked, which expects l.mu held,
// instead of exit.
//
// No bug.
// Buggy twin: cockroach-9935-exit-double-lock.ts
import { scenario, go, sleep, select, newTimer, Channel, Mutex, WaitGroup, shared } from 'simcc';

const FLUSH_INTERVAL = 10;

class LoggingT {
  readonly mu = new Mutex({ name: 'l.mu' });
  readonly buffered = shared('l.buf', 0);
  readonly stopc = new Channel<void>(0, { name: 'flushDaemon.stop' });
  file: string | null = null;
  exitCode = 0;

  private async createFile(): Promise<Error | null> {
    return new Error('open /var/log/cockroach: permission denied');
  }

  /** l.mu must be held. */
  async exitLocked(err: Error): Promise<void> {
    this.exitCode = err ? 2 : 0; // os.Exit(2) after flushing
    await this.buffered.write(0);
  }

  async outputLogEntry(msg: string): Promise<void> {
    await this.mu.lock();
    if (this.file === null) {
      const err = await this.createFile();
      if (err) {
        await this.exitLocked(err); // FIX
        await this.mu.unlock();
        return;
      }
    }
    await this.buffered.update((n) => n + msg.length);
    await this.mu.unlock();
  }

  async flushDaemon(): Promise<void> {
    const ticker = newTimer(FLUSH_INTERVAL, 'flushTicker');
    for (;;) {
      const r = await select([ticker.c.recvCase(), this.stopc.recvCase()]);
      if (r.index === 1) break;
      await ticker.reset(FLUSH_INTERVAL);
      await this.mu.lock(); // lockAndFlushAll
      await this.buffered.write(0);
      await this.mu.unlock();
    }
    await ticker.stop();
  }
}

export default scenario('cockroach 9935 fixed: exitLocked under l.mu', async () => {
  const l = new LoggingT();
  const wg = new WaitGroup({ name: 'wg' });
  go(() => l.flushDaemon(), 'flushDaemon');
  await wg.add(1);
  go(async () => {
    await sleep(5);
    await l.outputLogEntry('I161012 server started');
    await wg.done();
  }, 'server');
  await wg.wait();
  await l.stopc.send();
});
