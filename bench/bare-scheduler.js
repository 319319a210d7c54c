// The baseline for `npm run bench`: the cheapest faithful promise scheduler.
//
// 4 async tasks, each doing ROUNDS rounds of 4 operations. Before each operation a task parks at a
// scheduling point: it pushes the resolver of a fresh promise to the parked list, tells the driver
// it has stopped, and awaits. The driver loop picks one parked task at random (seedrandom's alea,
// seed '1'), resolves it, and waits until that task parks again or ends. Exactly one task runs
// between two hand-offs (no batching), as in simcc; there is no other work.
//
// BARE_MODE=direct is the leaner variant with no driver loop: the task that parks picks the next
// random parked task and resolves it itself (still exactly one task between two hand-offs). It is
// faster, so `npm run bench` reports simcc's ratio against both and judges the goal on the stricter.
//
// Prints one line of JSON: { steps, ops, ms } where steps is the number of hand-offs
// (4 × ROUNDS × 4 = 800,000 by default) and ms the in-process time of the scheduling loop.
import seedrandom from 'seedrandom';

const TASKS = Number(process.env.BARE_TASKS ?? 4);
const ROUNDS = Number(process.env.BARE_ROUNDS ?? 50_000);
const OPS_PER_ROUND = 4;

const rng = seedrandom.alea('1');
/** @type {Array<() => void>} resolvers of the parked tasks */
const parked = [];
/** @type {(() => void) | null} resolves the driver's wait for the running task to stop */
let stopped = null;
let steps = 0;
let ops = 0;

function yieldToDriver() {
  const s = stopped;
  stopped = null;
  s();
}

/** A scheduling point: park the calling task until the driver hands control back to it. */
function park() {
  return new Promise((resume) => {
    parked.push(resume);
    yieldToDriver();
  });
}

async function task() {
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < OPS_PER_ROUND; k++) {
      await park();
      ops++; // the operation itself: nothing but counting
    }
  }
}

async function driver() {
  // Start the tasks; each runs synchronously up to its first scheduling point and parks there.
  let live = TASKS;
  for (let t = 0; t < TASKS; t++) {
    stopped = () => {};
    task().then(() => {
      live--;
      yieldToDriver();
    });
  }
  while (parked.length > 0) {
    const i = Math.floor(rng() * parked.length);
    const resume = parked[i];
    parked[i] = parked[parked.length - 1];
    parked.pop();
    // every earlier hand-off ran exactly one operation: no batching
    if (ops !== steps) throw new Error(`step ${steps}: ${ops} operations ran`);
    steps++;
    await new Promise((r) => {
      stopped = r;
      resume(); // hand control to exactly one task; it runs until it parks again or ends
    });
  }
  if (live !== 0) throw new Error(`${live} task(s) never finished`);
}

/** The direct variant: whoever parks hands control to the next random parked task. */
async function direct() {
  let live = TASKS;
  let handOff = () => {};
  const next = () => {
    if (parked.length === 0) return;
    const i = Math.floor(rng() * parked.length);
    const resume = parked[i];
    parked[i] = parked[parked.length - 1];
    parked.pop();
    if (ops !== steps) throw new Error(`step ${steps}: ${ops} operations ran`);
    steps++;
    resume();
  };
  const allDone = new Promise((r) => (handOff = r));
  async function directTask() {
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < OPS_PER_ROUND; k++) {
        await new Promise((resume) => {
          parked.push(resume);
          if (started) next();
        });
        ops++;
      }
    }
  }
  let started = false;
  const tasks = [];
  for (let t = 0; t < TASKS; t++) {
    tasks.push(
      directTask().then(() => {
        live--;
        if (live === 0) handOff();
        else next();
      }),
    );
  }
  started = true;
  next();
  await allDone;
}

const t0 = process.hrtime.bigint();
await (process.env.BARE_MODE === 'direct' ? direct() : driver());
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const expected = TASKS * ROUNDS * OPS_PER_ROUND;
if (steps !== expected || ops !== expected) {
  console.error(`bare scheduler: expected ${expected} steps, got steps=${steps} ops=${ops}`);
  process.exit(1);
}
console.log(JSON.stringify({ steps, ops, ms: Math.round(ms * 10) / 10 }));
