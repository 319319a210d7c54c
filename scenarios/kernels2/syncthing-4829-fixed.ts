// Kernel of syncthing #4829, fixed: clearAddresses collects the removed addresses under the lock and
// notifies the subscribers after releasing it (notify takes the read lock itself).
//   m.mut.Lock(); ...; m.mut.Unlock()
//   if len(removed) > 0 { m.notify(nil, removed) }
// No bug.
// Buggy twin: syncthing-4829-lock-then-rlock.ts
import { scenario, RWMutex, GoMap } from 'simcc';

type Address = string;

class Mapping {
  readonly mut = new RWMutex({ name: 'mapping.mut' });
  readonly extAddresses = new GoMap<string, Address>('mapping.extAddresses');
  readonly subscribers: Array<(added: Address[], removed: Address[]) => void> = [];

  async clearAddresses(): Promise<void> {
    await this.mut.lock();
    const removed: Address[] = [];
    for (const [id, addr] of await this.extAddresses.entries()) {
      removed.push(addr);
      await this.extAddresses.delete(id);
    }
    await this.mut.unlock();
    if (removed.length > 0) await this.notify([], removed); // FIX: after Unlock
  }

  async notify(added: Address[], removed: Address[]): Promise<void> {
    await this.mut.rLock();
    for (const sub of this.subscribers) sub(added, removed);
    await this.mut.rUnlock();
  }
}

class Service {
  readonly mut = new RWMutex({ name: 'service.mut' });
  mappings: Mapping[] = [];

  async newMapping(): Promise<Mapping> {
    const m = new Mapping();
    await this.mut.lock();
    this.mappings.push(m);
    await this.mut.unlock();
    return m;
  }

  async removeMapping(mapping: Mapping): Promise<void> {
    await this.mut.lock();
    for (const existing of this.mappings) if (existing === mapping) await mapping.clearAddresses();
    this.mappings = this.mappings.filter((m) => m !== mapping);
    await this.mut.unlock();
  }
}

export default scenario('syncthing 4829 fixed: notify after Unlock', async () => {
  const natSvc = new Service();
  const m = await natSvc.newMapping();
  await m.extAddresses.set('test', '192.0.2.1:22000');
  await natSvc.removeMapping(m);
});
