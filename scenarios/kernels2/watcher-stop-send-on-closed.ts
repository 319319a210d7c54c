// Kernel of the watcher Stop/send race (Kubernetes' StreamWatcher and etcd's watch proxies had this
// shape before they moved the close into the sending goroutine):
//   func (sw *StreamWatcher) Stop() {
//       sw.Lock(); defer sw.Unlock()
//       if !sw.stopped { sw.stopped = true; close(sw.result) }   // BUG: closes a channel it does not send on
//   }
//   func (sw *StreamWatcher) receive() {                          // the decoding goroutine
//       for { ev := decode(); sw.result <- ev }                   // may be blocked in this send
//   }
//
// The bug: the consumer stops the watch while receive() is about to send (or is blocked sending)
// the next event: close(result) and the send race, and the send panics.
// Expected finding: data-race on sw.result (close is a write, send a read, and they are unordered:
// go test -race prints this report at the second of the two, before the sender panics), or
// send-on-closed-channel.
// Fixed twin: watcher-stop-send-on-closed-fixed.ts
import { scenario, go, Mutex, Channel } from 'simcc';

class StreamWatcher {
  readonly mu = new Mutex({ name: 'sw.mu' });
  readonly result = new Channel<string>(0, { name: 'sw.result' });
  stopped = false; // guarded by mu

  async stop(): Promise<void> {
    await this.mu.lock();
    if (!this.stopped) {
      this.stopped = true;
      await this.result.close(); // BUG
    }
    await this.mu.unlock();
  }

  async receive(events: string[]): Promise<void> {
    for (const ev of events) await this.result.send(ev);
    await this.stop(); // the stream ended
  }
}

export default scenario({ name: 'watch: Stop closes the result channel under the sender', expect: ['send-on-closed-channel', 'data-race'] }, async () => {
  const sw = new StreamWatcher();
  go(() => sw.receive(['ADDED pod-a', 'MODIFIED pod-a']), 'receive');
  await sw.result.recv(); // the informer handles one event, then is told to stop
  await sw.stop();
});
