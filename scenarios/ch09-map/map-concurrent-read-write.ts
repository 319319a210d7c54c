// Course ch09, common error 2 "concurrent read and write" (seed lines 2510–2535): one goroutine
// writes m[1] in a loop, another reads m[2] in a loop, main blocks in `select {}`. (Finite loops
// here, and main waits on a WaitGroup.)
//
// The bug: Go's built-in map is not safe for concurrent use, even for different keys and without
// a resize (seed 2529). Go's runtime catches overlapping accesses with an unrecoverable
// `fatal error: concurrent map read and map write` (the course's screenshot, seed appendix 7566).
// What simcc reports: concurrent-map-write, "concurrent map read and map write", on every schedule:
// simcc checks the map like the race detector checks a variable (any write not ordered by
// happens-before with another access), not only when the two accesses overlap in time.
// Fixed twins: rwmap.ts, sharded-map.ts, syncmap-cache.ts
import { scenario, go, GoMap, WaitGroup } from 'simcc';

export default scenario({ name: 'ch09: concurrent map read and write', expect: ['concurrent-map-write'] }, async () => {
  const m = new GoMap<number, number>('m'); // make(map[int]int, 10)
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    for (let i = 0; i < 3; i++) await m.set(1, 1); // m[1] = 1
    await wg.done();
  }, 'writer');
  go(async () => {
    for (let i = 0; i < 3; i++) await m.get(2); // _ = m[2]
    await wg.done();
  }, 'reader');
  await wg.wait();
});
