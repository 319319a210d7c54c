// Kernel of moby (Docker) #25384, plugin manager init (GoKer blocking/moby/25384):
//   group.Add(len(plugins))
//   for _, p := range plugins {
//       go func(p *plugin) { defer group.Done(); p.restore() }(p)
//       group.Wait()          // BUG: inside the loop
//   }
//
// The bug: the first iteration waits for a counter of len(plugins) with only one goroutine started,
// so Wait never returns once the first plugin is restored: main is blocked in Wait and every
// goroutine it could be waiting for has ended.
// Expected finding: deadlock.
// Fixed twin: moby-25384-fixed.ts
import { scenario, go, WaitGroup, GoMap, Mutex } from 'simcc';

interface Plugin {
  name: string;
}

async function restore(p: Plugin, state: GoMap<string, string>, mu: Mutex): Promise<void> {
  await mu.lock();
  await state.set(p.name, 'restored');
  await mu.unlock();
}

export default scenario({ name: 'moby 25384: WaitGroup.Wait inside the spawning loop', expect: ['deadlock'] }, async () => {
  const mu = new Mutex({ name: 'pm.mu' });
  const state = new GoMap<string, string>('pm.plugins');
  const plugins: Plugin[] = [{ name: 'vol' }, { name: 'net' }, { name: 'authz' }];
  const group = new WaitGroup({ name: 'group' });
  await group.add(plugins.length);
  for (const p of plugins) {
    go(async () => {
      await restore(p, state, mu);
      await group.done();
    }, `restore-${p.name}`);
    await group.wait(); // BUG: waits for all plugins while only one was started
  }
});
