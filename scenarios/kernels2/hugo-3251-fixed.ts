// Kernel of Hugo #3251, fixed: URLLock looks the URL's mutex up under l and locks it after releasing l.
//   l.Lock()
//   if _, ok := l.m[url]; !ok { l.m[url] = &sync.Mutex{} }
//   m := l.m[url]
//   l.Unlock()
//   m.Lock()
// No bug.
// Buggy twin: hugo-3251-lock-held-while-blocking.ts
import { scenario, go, RWMutex, Mutex, WaitGroup, GoMap } from 'simcc';

class RemoteLock {
  readonly l = new RWMutex({ name: 'remoteURLLock' });
  readonly m = new GoMap<string, Mutex>('remoteURLLock.m');

  async urlLock(url: string): Promise<void> {
    await this.l.lock();
    if (!(await this.m.has(url))) await this.m.set(url, new Mutex({ name: `m[${url}]` }));
    const um = (await this.m.get(url))!;
    await this.l.unlock();
    await um.lock(); // FIX: outside l
  }

  async urlUnlock(url: string): Promise<void> {
    await this.l.rLock();
    const um = await this.m.get(url);
    if (um) await um.unlock();
    await this.l.rUnlock();
  }
}

export default scenario('hugo 3251 fixed: the URL mutex is locked outside the map lock', async () => {
  const remoteURLLock = new RemoteLock();
  const url = 'http://Foo.Bar/foo_Bar-Foo';
  const wg = new WaitGroup({ name: 'wg' });
  for (let i = 0; i < 2; i++) {
    await wg.add(1);
    go(async () => {
      for (let j = 0; j < 2; j++) {
        await remoteURLLock.urlLock(url);
        await remoteURLLock.urlUnlock(url);
      }
      await wg.done();
    }, `getJSON-${i}`);
  }
  await wg.wait();
});
