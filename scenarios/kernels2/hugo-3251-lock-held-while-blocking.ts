// Kernel of Hugo #3251 (GoKer blocking/hugo/3251): tpl's per-URL lock for getJSON/getCSV.
//   type remoteLock struct { sync.RWMutex; m map[string]*sync.Mutex }
//   func (l *remoteLock) URLLock(url string) {
//       l.Lock()
//       if _, ok := l.m[url]; !ok { l.m[url] = &sync.Mutex{} }
//       l.m[url].Lock()                        // BUG: blocks while holding l
//       l.Unlock()
//   }
//   func (l *remoteLock) URLUnlock(url string) {
//       l.RLock(); defer l.RUnlock()
//       if um, ok := l.m[url]; ok { um.Unlock() }
//   }
//   func resGetRemote(url string) error { remoteURLLock.URLLock(url); defer remoteURLLock.URLUnlock(url); ... }
// Several templates fetch the same URL concurrently.
//
// The bug: goroutine A holds the URL's mutex and, done, calls URLUnlock, which needs l.RLock();
// goroutine B is inside URLLock holding l and waits for the URL's mutex, held by A. Neither moves.
// Expected finding: deadlock (lock-order-inversion too: l -> m[url] in URLLock, m[url] -> l in URLUnlock).
// Fixed twin: hugo-3251-fixed.ts
import { scenario, go, RWMutex, Mutex, WaitGroup, GoMap } from 'simcc';

class RemoteLock {
  readonly l = new RWMutex({ name: 'remoteURLLock' });
  readonly m = new GoMap<string, Mutex>('remoteURLLock.m');

  async urlLock(url: string): Promise<void> {
    await this.l.lock();
    if (!(await this.m.has(url))) await this.m.set(url, new Mutex({ name: `m[${url}]` }));
    await (await this.m.get(url))!.lock(); // BUG: waits holding l
    await this.l.unlock();
  }

  async urlUnlock(url: string): Promise<void> {
    await this.l.rLock();
    const um = await this.m.get(url);
    if (um) await um.unlock();
    await this.l.rUnlock();
  }
}

export default scenario({ name: 'hugo 3251: URLLock blocks on the URL mutex while holding the map lock', expect: ['deadlock', 'lock-order-inversion'] }, async () => {
  const remoteURLLock = new RemoteLock();
  const url = 'http://Foo.Bar/foo_Bar-Foo';
  const wg = new WaitGroup({ name: 'wg' });
  for (let i = 0; i < 2; i++) {
    await wg.add(1);
    go(async () => {
      for (let j = 0; j < 2; j++) {
        await remoteURLLock.urlLock(url); // resGetRemote
        await remoteURLLock.urlUnlock(url);
      }
      await wg.done();
    }, `getJSON-${i}`);
  }
  await wg.wait();
});
