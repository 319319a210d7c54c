// Course ch06, noCopy and Go issue 28123 (seed lines 1739–1769). `w := sync.WaitGroup{}; w.Add(1)`,
// then `t := &TestStruct{Wait: w}` copies w, with its counter of 1, into the struct, and
// `t.Wait.Done()` runs on the copy. The program "runs fine" but breaks "do not copy after first
// use", and `go vet` (copylocks, through WaitGroup's noCopy field) catches it.
//
// The bug: a WaitGroup is copied after first use. The copy and the original now count separately,
// so the original's counter stays at 1 forever, and a Wait on w would hang (seed extract §3.5, the
// wg-copy variant). In TypeScript an assignment aliases, so the struct field that Go copies is
// written as copyValue(w): the copy carries w's state (counter 1).
// What simcc reports: copied-lock, at the copyValue() call. w has been used (Add(1)), and the copy
// comes before anything else could go wrong, so this holds in every schedule.
// Fixed twin: waitgroup-pointer-in-struct.ts
import { scenario, WaitGroup, copyValue } from 'simcc';

interface TestStruct {
  wait: WaitGroup; // Wait sync.WaitGroup: a value field
}

export default scenario({ name: 'ch06: WaitGroup copied into a struct (Go issue 28123)', expect: ['copied-lock'] }, async () => {
  const w = new WaitGroup({ name: 'w' });
  await w.add(1);
  const t: TestStruct = { wait: copyValue(w) }; // BUG: TestStruct{Wait: w} copies w
  await t.wait.done();
  // fmt.Println("Finished")
});
