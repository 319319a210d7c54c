// Course ch03, pitfall 4 "deadlock" (seed lines 924–1006). This is the course's first fix
// (seed 1006): bring in a third lock that both sides go through first, "a one-stop government
// service centre". Whoever holds the centre's lock takes both certificates, and the other side
// waits outside, holding nothing.
//
// This is the fixed twin of lock-order-deadlock.ts: the same goroutines and the same opposite
// inner orders, but both of them first lock serviceCentre. No goroutine can hold one certificate
// while it waits for the other's holder, so there is no circular wait.
// What simcc reports: nothing. The inner orders are still opposite, so the lock-order graph has the
// cycle psCertificate → propertyCertificate → psCertificate, but both of its edges were taken while
// holding serviceCentre: a gate lock, so the cycle can never close into a deadlock.
import { scenario, go, yieldNow, Mutex, WaitGroup } from 'simcc';

export default scenario('ch03: a third lock serialises the two offices', async () => {
  const serviceCentre = new Mutex({ name: 'serviceCentre' });
  const psCertificate = new Mutex({ name: 'psCertificate' });
  const propertyCertificate = new Mutex({ name: 'propertyCertificate' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);

  go(async () => {
    try {
      await serviceCentre.lock();
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
        await serviceCentre.unlock();
      }
    } finally {
      await wg.done();
    }
  }, 'police-station');

  go(async () => {
    try {
      await serviceCentre.lock();
      try {
        await propertyCertificate.lock();
        try {
          await yieldNow(); // checking documents
          await psCertificate.lock();
          await psCertificate.unlock();
        } finally {
          await propertyCertificate.unlock();
        }
      } finally {
        await serviceCentre.unlock();
      }
    } finally {
      await wg.done();
    }
  }, 'property-office');

  await wg.wait();
});
