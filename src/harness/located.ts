/**
 * Replaying a schedule with source locations, at a cost that does not grow with the length of the
 * execution: what a report of a long execution (a million steps) needs.
 *
 * Capturing a location means capturing and source-mapping a JavaScript stack: tens of microseconds, a
 * hundred times a step. A report needs only a few of them: where the finding's accesses and assertion
 * are, where every goroutine waits and was started, where it took the locks it holds, and the steps of
 * the timeline's tail. So an execution of more than FULL_CAPTURE_STEPS steps is replayed twice:
 *
 * 1. without locations, under a StepLog that notes, per step, which goroutine took it and after which
 *    earlier step its code created the operation stepped (a goroutine's code runs, and creates its next
 *    operation, only right after one of its steps completed: runtime/execution.ts);
 * 2. again, switching `Execution.captureLocations` on exactly around the steps whose continuations
 *    create those operations (CaptureAt), and off everywhere else.
 * Both replays are exact (the runtime's invariant), so the second takes the same steps as the first, and
 * the locations it captures are those a fully located replay would show for the same operations.
 * Shorter executions are simply replayed with every location.
 *
 * Depends on (runtime/op.ts, runtime/execution.ts, api/goroutines.ts, primitives/go/copy.ts): every reader of
 * `Execution.captureLocations` reads it at the moment it captures, so switching it between steps
 * decides the locations of what the next continuation does. test/unit/harness/located.test.ts fails
 * if that stops being true.
 */
import type { ReadyThreads } from '../runtime/ready-list.js';
import type { Scenario } from '../api/scenario.js';
import type { Finding } from '../findings.js';
import type { Execution, ExecutionResult } from '../runtime/execution.js';
import { FIRE_TIMER } from '../runtime/schedule.js';
import { Recorder, type Decision } from '../scheduler/recorder.js';
import { ReplayStrategy } from '../scheduler/replay.js';
import type { Strategy } from '../runtime/strategy.js';
import { StrategyWrapper } from '../scheduler/strategy-wrapper.js';
import { runExecution } from './execute.js';
import type { RunOptions } from './types.js';

/** Up to this many steps an execution is replayed with every location (cheaper than two replays). */
export const FULL_CAPTURE_STEPS = 5_000;
/** Located steps at the end of a long execution: more than the timeline prints (report/timeline.ts). */
export const LOCATED_TAIL = 1_000;

/**
 * A strategy wrapper that notes what the located replay needs, per step, for a cost of a few array
 * writes: the goroutine (or FIRE_TIMER), the step after which its operation was created, the steps after
 * which goroutines were started, each goroutine's last step, and the last step of each goroutine on each
 * object (a lock it still holds was taken at such a step).
 */
export class StepLog extends StrategyWrapper {
  /** threadOf[s - 1]: who took step s. */
  readonly threadOf: number[] = [];
  /** createdAfter[s - 1]: the step after which the operation stepped at s was created (0: before any). */
  readonly createdAfter: number[] = [];
  /** Steps after which more goroutines existed than before (their continuations started them). */
  readonly spawnedAfter: number[] = [];
  /** Each goroutine's last step (by goroutine id; 0: none). */
  readonly lastStepOf: number[] = [];
  /** The last step of goroutine t on object o, keyed t * 2^26 + o (object ids stay far below 2^26). */
  readonly lastOnObject = new Map<number, number>();
  /** By goroutine id: the operation of its latest step, and the step after which it was created. */
  private readonly opOf: (object | undefined)[] = [];
  private readonly createdOf: number[] = [];
  private threads = 1;

  override onStep(exec: Execution, enabled: ReadyThreads, timerReady: boolean, pick: number): void {
    super.onStep(exec, enabled, timerReady, pick);
    const step = exec.steps;
    if (exec.threads.length > this.threads) {
      this.threads = exec.threads.length;
      if (step > 1) this.spawnedAfter.push(step - 1);
    }
    if (pick === enabled.length) {
      this.threadOf.push(FIRE_TIMER);
      this.createdAfter.push(0);
      return;
    }
    const t = enabled.at(pick)!;
    const op = t.pending!;
    if (this.opOf[t.id] !== op) {
      this.opOf[t.id] = op;
      this.createdOf[t.id] = this.lastStepOf[t.id] ?? 0;
    }
    this.threadOf.push(t.id);
    this.createdAfter.push(this.createdOf[t.id]!);
    this.lastStepOf[t.id] = step;
    if (op.obj) this.lastOnObject.set(t.id * 2 ** 26 + op.obj.id, step);
  }
}

/**
 * The steps around which locations are captured (marks[s] = 1: on from step s until step s + 1): the
 * continuation after s, which creates its goroutine's next operation and runs its code (an assertion,
 * a `go`) until it parks.
 */
export function captureMarks(log: StepLog, findings: readonly Finding[], tail = LOCATED_TAIL): Uint8Array {
  const steps = log.threadOf.length;
  const marks = new Uint8Array(steps + 1);
  const mark = (s: number) => {
    if (s >= 1 && s <= steps) marks[s] = 1;
  };
  // Step s itself (what its continuation does) and where the operation it stepped was created.
  const need = (s: number) => {
    if (s < 1 || s > steps) return;
    mark(s);
    mark(log.createdAfter[s - 1]!);
  };
  for (let s = Math.max(1, steps - tail + 1); s <= steps; s++) need(s);
  for (const f of findings) {
    need(f.step);
    for (const a of f.accesses ?? []) need(a.step);
  }
  // Where the goroutines a finding names wait, and where they took what they hold: those goroutines
  // only (10,000 finished goroutines would cost a located step each and show in no report).
  const named = new Set<number>();
  for (const f of findings) for (const t of f.threads) named.add(t.id);
  log.lastStepOf.forEach((s, t) => {
    if (named.has(t)) need(s);
  });
  for (const [key, s] of log.lastOnObject) if (named.has(Math.floor(key / 2 ** 26))) need(s);
  for (const s of log.spawnedAfter) mark(s);
  return marks;
}

/** Switches location capture on around the marked steps only (see the header). */
export class CaptureAt extends StrategyWrapper {
  constructor(
    inner: Strategy,
    private readonly marks: Uint8Array,
  ) {
    super(inner);
  }

  override onStep(exec: Execution, enabled: ReadyThreads, timerReady: boolean, pick: number): void {
    super.onStep(exec, enabled, timerReady, pick);
    setCapture(exec, this.marks[exec.steps] === 1);
  }
}

/**
 * The one write to the runtime's switch (readonly to the primitives, which only read it). A runtime
 * API for it ("capture locations from the next operation on") would replace this cast.
 */
function setCapture(exec: Execution, on: boolean): void {
  if (exec.captureLocations !== on) (exec as { captureLocations: boolean }).captureLocations = on;
}

/** An execution replayed without locations, with what a located replay of it needs. */
export interface Logged {
  result: ExecutionResult;
  decisions: Decision[];
  log: StepLog;
}

/** Replay `schedule` exactly, without locations, logging its steps (and each option's operation, with `describeOps`: see Recorder). */
export async function replayLogged(scenario: Scenario, run: RunOptions, schedule: string, seed: number | undefined, describeOps = false): Promise<Logged> {
  const recorder = new Recorder(new ReplayStrategy(schedule, seed), describeOps);
  const log = new StepLog(recorder);
  log.beginExecution(0);
  const result = await runExecution(scenario, run, { strategy: log, seed, captureLocations: false, recordTrace: false });
  return { result, decisions: recorder.decisions, log };
}

export interface LocatedOptions {
  /** Record the timeline too. */
  trace: boolean;
  /** A replay of the same schedule without locations (replayLogged), when the caller has one. */
  logged?: Logged;
  /** Record each option's operation in the decisions (Recorder), for the determinism check. */
  describeOps?: boolean;
  /** The execution's length, when the caller knows it: a short one then needs no log. */
  steps?: number;
}

/**
 * Replay a schedule exactly with the locations a report shows (and a timeline with `trace`). A short
 * execution is replayed with every location and needs no log; a long one, with the locations
 * captureMarks chooses from the log of a replay without them (made here when the caller has none).
 */
export async function replayLocated(
  scenario: Scenario,
  run: RunOptions,
  schedule: string,
  seed: number | undefined,
  options: LocatedOptions,
): Promise<{ result: ExecutionResult; decisions: Decision[] }> {
  const { trace, describeOps = false } = options;
  const replay = async (captureLocations: boolean, marks?: Uint8Array) => {
    const recorder = new Recorder(new ReplayStrategy(schedule, seed), describeOps);
    const strategy = marks ? new CaptureAt(recorder, marks) : recorder;
    strategy.beginExecution(0);
    // A long execution's timeline: its located tail only (the report prints less).
    const traceFrom = marks ? Math.max(0, marks.length - LOCATED_TAIL) : undefined;
    const result = await runExecution(scenario, run, { strategy, seed, captureLocations, recordTrace: trace, ...(traceFrom !== undefined && { traceFrom }) });
    return { result, decisions: recorder.decisions };
  };
  const known = options.logged?.result.steps ?? options.steps;
  if (known !== undefined && known <= FULL_CAPTURE_STEPS) return replay(true);
  const first = options.logged ?? (await replayLogged(scenario, run, schedule, seed));
  if (first.result.steps <= FULL_CAPTURE_STEPS || first.result.diverged) return replay(true);
  return replay(false, captureMarks(first.log, first.result.findings));
}
