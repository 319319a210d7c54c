// The etcd section of `npm run bench` (called from bench/run.js), issue 13:
//
//   (a) one execution of the STM bank (bench/etcd-bank-stm.ts: 10 goroutines × 100 concurrency.NewSTM
//       transfers over 5 accounts) against one execution of the same transfers as Go-flavour
//       mutex-protected reads and writes (bench/etcd-bank-go-mutex.ts). Per-execution time is the marginal
//       cost: (time of --runs N − time of --runs 1) / (N − 1), whole processes, best of `repeats`, so
//       start-up and compilation cancel out. Goal: STM under 20× the mutex version.
//   (b) `simcc explore bench/etcd-election.ts --faults pause --max-faults 1`: a two-node election explored
//       with a pause of either node at any point as a choice; prints its execution count and whether it
//       completed.
const STM = 'bench/etcd-bank-stm.ts';
const MUTEX = 'bench/etcd-bank-go-mutex.ts';
const ELECTION = 'bench/etcd-election.ts';
const GOAL = 20;

function parse(r) {
  try {
    return JSON.parse(r.stdout);
  } catch {
    return undefined;
  }
}

export async function etcdBench({ timeProcess, fail, SIMCC, fmtMs, repeats }) {
  console.log(`\netcd (issue 13), best of ${repeats}, whole processes:`);
  const perExecution = async (file, runs) => {
    const times = {};
    for (const n of [1, runs]) {
      const args = [SIMCC, 'run', file, '--seed', '1', '--runs', String(n), '--step-limit', '2000000', '--json'];
      for (let i = 0; i < repeats; i++) {
        const r = await timeProcess(args);
        const doc = parse(r);
        if (!doc || r.code !== 0 || doc.executions !== n) {
          fail(file, args, r, `exit ${r.code}${doc ? `, verdict ${doc.verdict}, ${doc.executions} executions` : '; stdout is not one JSON document'}`);
          return undefined;
        }
        times[n] = Math.min(times[n] ?? Infinity, r.ms);
      }
    }
    return { one: times[1], many: times[runs], each: (times[runs] - times[1]) / (runs - 1) };
  };
  const stm = await perExecution(STM, 21);
  const mutex = await perExecution(MUTEX, 101);
  if (stm) console.log(`  STM bank, 10 × 100 transfers:        --runs 1 ${fmtMs(stm.one)}, --runs 21 ${fmtMs(stm.many)}  → ${stm.each.toFixed(1)} ms per execution`);
  if (mutex) console.log(`  Go mutex bank, 10 × 100 transfers:   --runs 1 ${fmtMs(mutex.one)}, --runs 101 ${fmtMs(mutex.many)}  → ${mutex.each.toFixed(1)} ms per execution`);
  if (stm && mutex && mutex.each > 0) {
    const ratio = stm.each / mutex.each;
    console.log(`  ratio: ${ratio.toFixed(1)}× per execution (goal: under ${GOAL}×) ${ratio < GOAL ? 'met' : 'NOT met'}`);
  }
  const args = [SIMCC, 'explore', ELECTION, '--faults', 'pause', '--max-faults', '1', '--json'];
  const r = await timeProcess(args);
  const doc = parse(r);
  if (!doc || r.code !== 0) {
    fail('explore etcd-election', args, r, `exit ${r.code}${doc ? `, verdict ${doc.verdict}` : '; stdout is not one JSON document'}`);
    return;
  }
  console.log(`  explore ${ELECTION} --faults pause --max-faults 1: ${doc.executions.toLocaleString('en-US')} executions, ${doc.complete ? 'complete' : 'NOT complete'}, ${fmtMs(r.ms)}`);
}
