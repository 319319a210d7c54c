// Course ch03, pitfall 4 "deadlock" (seed lines 924–1004). The police station needs the property
// office's certificate, and the property office needs the police station's. Goroutine 1 locks
// psCertificate then propertyCertificate. Goroutine 2 locks them in the other order. Each "checks
// documents" in between (the course sleeps 5 s there).
//
// The bug: circular wait, with all four Coffman conditions met (seed 927–938). When both
// goroutines hold their first lock, each waits for the other's forever.
// The course's time.Sleep only makes that interleaving likely. simcc explores schedules, so a plain
// scheduling point, await yieldNow(), stands in for it.
// What simcc reports: deadlock, in the schedules where both first Locks come before either second
// Lock (a large fraction of random schedules). Main is blocked in wg.Wait() at that point, so it is
// also Go's `all goroutines are asleep - deadlock!`. In the other schedules nothing hangs, but the
// two goroutines still took the certificates in opposite orders: simcc reports lock-order-inversion
// at the second goroutine's inner Lock, naming both acquisition sites of each order. Whichever of
// the two comes first ends the execution, so both kinds are expected.
// Fixed twins: lock-order-fixed-gate.ts (a third lock), lock-order-fixed-no-hold-and-wait.ts
import { scenario, go, yieldNow, Mutex, WaitGroup } from 'simcc';

export default scenario({ name: 'ch03: two certificates locked in opposite orders', expect: ['deadlock', 'lock-order-inversion'] }, async () => {
  const psCertificate = new Mutex({ name: 'psCertificate' }); // the police station's certificate
  const propertyCertificate = new Mutex({ name: 'propertyCertificate' }); // the property office's
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2); // both offices must finish

  go(async () => {
    try {
      await psCertificate.lock();
      try {
        await yieldNow(); // checking documents (the course: time.Sleep(5 * time.Second))
        await propertyCertificate.lock(); // ask the property office for its certificate
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
        await yieldNow(); // checking documents
        await psCertificate.lock(); // ask the police station for its certificate
        await psCertificate.unlock();
      } finally {
        await propertyCertificate.unlock();
      }
    } finally {
      await wg.done();
    }
  }, 'property-office');

  await wg.wait();
  // fmt.Println("成功完成")  (done)
});
