// Kernel of CockroachDB #9935 (GoKer blocking/cockroach/9935): util/log's loggingT. outputLogEntry
// holds l.mu while it creates the log file; when that fails it calls l.exit, which locks l.mu again:
//   func (l *loggingT) outputLogEntry(...) {
//       l.mu.Lock()
//       if l.file == nil {
//           if err := l.createFile(); err != nil {
//               l.exit(err)              // BUG: exit does l.mu.Lock()
//           }
//       }
//       ...
//       l.mu.Unlock()
//   }
// The flush daemon flushes the buffered log under l.mu every flushInterval (a ticker).
//
// The bug: the failing write locks l.mu twice: the logging goroutine blocks on a lock it holds, and
// the flush daemon's next tick blocks on it too.
// Expected finding: double-lock (or deadlock once the daemon is also stuck on l.mu).
// Fixed twin: cockroach-9935-fixed.ts
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

  async exit(err: Error): Promise<void> {
    await this.mu.lock();
    this.exitCode = err ? 2 : 0; // os.Exit(2) after flushing
    await this.buffered.write(0);
    await this.mu.unlock();
  }

  async outputLogEntry(msg: string): Promise<void> {
    await this.mu.lock();
    if (this.file === null) {
      const err = await this.createFile();
      if (err) {
        await this.exit(err); // BUG: l.mu is already held
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

export default scenario({ name: 'cockroach 9935: log exit re-locks l.mu', expect: ['double-lock', 'deadlock'] }, async () => {
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
