// Course ch03, the chapter's closing point (seed lines 1047–1048): Go's built-in detector sees only
// a whole-program freeze. It cannot see a group of goroutines deadlocked while the rest of the
// program keeps running. This is the police station / property office deadlock of
// lock-order-deadlock.ts (seed 945–1002) inside a program whose front desk keeps serving visitors.
//
// The bug: the same circular wait between police-station and property-office. `front-desk` keeps
// running (it takes visitor tickets under its own lock), so Go's runtime would say nothing while it
// runs. (As in lock-order-deadlock.ts, await yieldNow() stands in for the course's Sleep.)
// What simcc reports: deadlock. When the two offices each hold one certificate, the wait-for cycle
// police-station → property-office → police-station has formed, and simcc reports it right then,
// while front-desk is still runnable. If the cycle forms only after the front desk has finished,
// everyone is blocked and it is the global deadlock. In the schedules where one office finishes
// before the other starts, nothing hangs, and simcc reports lock-order-inversion instead: the two
// offices took the certificates in opposite orders, so some other schedule deadlocks. The desk's
// own lock is never held together with a certificate, so it adds no edge to the lock-order graph.
// Fixed twins: lock-order-fixed-gate.ts, lock-order-fixed-no-hold-and-wait.ts
import { scenario, go, yieldNow, shared, Mutex, WaitGroup } from 'simcc';

export default scenario({ name: 'ch03: deadlocked pair while the front desk keeps running', expect: ['deadlock', 'lock-order-inversion'] }, async () => {
  const psCertificate = new Mutex({ name: 'psCertificate' });
  const propertyCertificate = new Mutex({ name: 'propertyCertificate' });
  const deskMu = new Mutex({ name: 'desk.mu' });
  const tickets = shared('desk.tickets', 0);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);

  go(async () => {
    try {
      for (let i = 0; i < 8; i++) {
        await deskMu.lock();
        await tickets.update((n) => n + 1); // serve the next visitor
        await deskMu.unlock();
      }
    } finally {
      await wg.done();
    }
  }, 'front-desk');

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
        await yieldNow(); // checking documents
        await psCertificate.lock();
        await psCertificate.unlock();
      } finally {
        await propertyCertificate.unlock();
      }
    } finally {
      await wg.done();
    }
  }, 'property-office');

  await wg.wait();
});
