// Course ch08, thought question "can a Once be copied after first use?" (seed line 2433). A Once
// contains a Mutex, so go vet's copylocks flags the copy; a copy taken after use carries done = 1
// (its f never runs), a copy taken while f runs carries the locked mutex (its Do blocks forever).
// Here a service struct holding its Once is passed by value after the first initialisation.
//
// The bug: copying a sync type after first use. In TypeScript an assignment aliases, so Go's copy
// is written copyValue(...).
// What simcc reports: copied-lock at the copyValue call, on every schedule: "sync.Once 'svc.once'
// (done)".
// Fixed twin: once-basic.ts (the Once is shared, never copied)
import { scenario, shared, copyValue, Once, type Shared } from 'simcc';

interface Service {
  once: Once;
  client: Shared<string | null>;
}

async function client(s: Service): Promise<string> {
  await s.once.do(() => s.client.write('client'));
  return (await s.client.read())!;
}

export default scenario({ name: 'ch08: copying a used Once', expect: ['copied-lock'] }, async () => {
  const svc: Service = { once: new Once('svc.once'), client: shared('svc.client', null) };
  await client(svc);
  await client(copyValue(svc)); // BUG: func handle(s Service) takes the struct by value
});
