// Kernel of syncthing #4829 (GoKer blocking/syncthing/4829): lib/nat's Mapping.
//   func (m *Mapping) clearAddresses() {
//       m.mut.Lock()
//       var removed []Address
//       for id, addr := range m.extAddresses { removed = append(removed, addr); delete(m.extAddresses, id) }
//       if len(removed) > 0 {
//           m.notify(nil, removed)                // BUG: notify takes m.mut.RLock()
//       }
//       m.mut.Unlock()
//   }
//   func (m *Mapping) notify(added, removed []Address) {
//       m.mut.RLock(); for _, sub := range m.subscribers { sub(m, added, removed) }; m.mut.RUnlock()
//   }
// Service.RemoveMapping calls clearAddresses under the service's own lock.
//
// The bug: a goroutine that holds an RWMutex's write lock asks for its read lock: it waits for
// itself for ever (Go: fatal error: all goroutines are asleep - deadlock!).
// Expected finding: double-lock (or deadlock).
// Fixed twin: syncthing-4829-fixed.ts
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
    if (removed.length > 0) await this.notify([], removed); // BUG: RLock while holding Lock
    await this.mut.unlock();
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

export default scenario({ name: 'syncthing 4829: Mapping.clearAddresses RLocks under its own Lock', expect: ['double-lock', 'deadlock'] }, async () => {
  const natSvc = new Service();
  const m = await natSvc.newMapping();
  await m.extAddresses.set('test', '192.0.2.1:22000');
  await natSvc.removeMapping(m);
});
