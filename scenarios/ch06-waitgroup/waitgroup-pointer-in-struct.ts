// Course ch06, noCopy and Go issue 28123 (seed lines 1739–1769). The fix is to share the WaitGroup,
// not copy it: the struct holds a *sync.WaitGroup (in TypeScript, the object itself).
//
// This is the fixed twin of waitgroup-copy.ts. A goroutine calls Done through the struct's pointer,
// and main's Wait on the original returns. With the copy, this Wait would hang.
// What simcc reports: nothing.
import { scenario, go, WaitGroup } from 'simcc';

interface TestStruct {
  wait: WaitGroup; // Wait *sync.WaitGroup: a pointer, shared
}

export default scenario('ch06: the struct holds a pointer to the WaitGroup', async () => {
  const w = new WaitGroup({ name: 'w' });
  await w.add(1);
  const t: TestStruct = { wait: w }; // TestStruct{Wait: &w}
  go(async () => {
    await t.wait.done();
  }, 'worker');
  await w.wait();
  // fmt.Println("Finished")
});
