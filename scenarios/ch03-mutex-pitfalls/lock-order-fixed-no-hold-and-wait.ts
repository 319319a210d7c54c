// Course ch03, pitfall 4 "deadlock" (seed lines 924–1006). This is the course's second fix
// (seed 1006): break hold-and-wait. The property office no longer insists on the police
// certificate before it issues its own. It finishes with its own certificate, releases it, and only
// then asks the police station.
//
// This is the fixed twin of lock-order-deadlock.ts. The property office never holds one lock while
// it waits for the other, so no wait-for cycle can form (Coffman condition 2 is gone, seed 932).
// What simcc reports: nothing. Only the police station holds one certificate while it takes the
// other, so the lock-order graph has the single edge psCertificate → propertyCertificate: no cycle.
import { scenario, go, yieldNow, Mutex, WaitGroup } from 'simcc';

export default scenario('ch03: the property office releases before it asks', async () => {
  const psCertificate = new Mutex({ name: 'psCertificate' });
  const propertyCertificate = new Mutex({ name: 'propertyCertificate' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);

  go(async () => {
    try {
      await psCertificate.lock();
      try {
        await yieldNow(); // checking documents
        await propertyCertificate.lock();
        await propertyCertificate.unlock();
      } finally {
        await psCertificate.unlock();
      }
    } finally {
      await wg.done();
    }
  }, 'police-station');

  go(async () => {
    try {
      await propertyCertificate.lock();
      try {
        await yieldNow(); // checking documents and issuing its own certificate
      } finally {
        await propertyCertificate.unlock(); // released before asking the other side
      }
      await psCertificate.lock();
      await psCertificate.unlock();
    } finally {
      await wg.done();
    }
  }, 'property-office');

  await wg.wait();
});
