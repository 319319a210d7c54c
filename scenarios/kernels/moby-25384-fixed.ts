// Kernel of moby (Docker) #25384, the fix: group.Wait() moved after the loop, so main waits once for
// every restore goroutine.
//
// No bug: the counter reaches zero when the last plugin is restored.
// Buggy twin: moby-25384-wait-in-loop.ts
import { scenario, go, WaitGroup, GoMap, Mutex, assert } from 'simcc';

interface Plugin {
  name: string;
}

async function restore(p: Plugin, state: GoMap<string, string>, mu: Mutex): Promise<void> {
  await mu.lock();
  await state.set(p.name, 'restored');
  await mu.unlock();
}

export default scenario('moby 25384 fixed: Wait after the loop', async () => {
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
  }
  await group.wait(); // FIX
  await mu.lock();
  assert((await state.size()) === plugins.length, 'a plugin was not restored');
  await mu.unlock();
});
