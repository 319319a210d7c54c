// tokio: a future that is never awaited does nothing (the seed's pitfall P13, "Lazy future never
// polled"): a goroutine or a JS promise starts at once, a Rust future only when polled.
//
//   tokio::spawn(async move {
//       tx.send(report).await.unwrap();
//       tx.send(summary);            // BUG: a future, never awaited: nothing is sent (rustc warns)
//   });
//
// What simcc reports: assertion (the consumer got 1 item, not 2: the second send never ran).
// Fixed twin: lazy-future-never-awaited-fixed.ts
import { scenario, spawn, mpsc, assert } from 'simcc/tokio';

export default scenario({ name: 'tokio: a send future never awaited', expect: ['assertion'] }, async () => {
  const [tx, rx] = mpsc.channel<string>(4, 'reports');
  spawn(async () => {
    (await tx.send('report')).unwrap();
    void tx.send('summary'); // BUG: never awaited, so never polled
  }, { name: 'producer', move: [tx] });
  const got: string[] = [];
  for await (const r of rx) got.push(r);
  assert(got.length === 2, `got ${got.length} item(s): ${got.join(', ')}`);
});
