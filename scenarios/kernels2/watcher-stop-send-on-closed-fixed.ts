// The watcher Stop/send race, fixed: Stop closes a `done` channel (once); the decoding goroutine is
// the only one that sends on `result` and the only one that closes it, and it selects on `done`
// while it sends.
//   func (sw *StreamWatcher) Stop() { sw.stopOnce.Do(func() { close(sw.done) }) }
//   func (sw *StreamWatcher) receive() {
//       defer close(sw.result)
//       for { ev := decode(); select { case sw.result <- ev: case <-sw.done: return } }
//   }
// No bug.
// Buggy twin: watcher-stop-send-on-closed.ts
import { scenario, go, select, Once, Channel } from 'simcc';

class StreamWatcher {
  readonly result = new Channel<string>(0, { name: 'sw.result' });
  readonly done = new Channel<void>(0, { name: 'sw.done' });
  readonly stopOnce = new Once('sw.stopOnce');

  async stop(): Promise<void> {
    await this.stopOnce.do(() => this.done.close());
  }

  async receive(events: string[]): Promise<void> {
    try {
      for (const ev of events) {
        const r = await select([this.result.sendCase(ev), this.done.recvCase()]);
        if (r.index === 1) return;
      }
    } finally {
      await this.result.close();
    }
  }
}

export default scenario('watch: only the sender closes the result channel', async () => {
  const sw = new StreamWatcher();
  go(() => sw.receive(['ADDED pod-a', 'MODIFIED pod-a']), 'receive');
  await sw.result.recv();
  await sw.stop();
});
