/**
 * The findings simcc reports, exactly as the user-facing contract (shared/scenario-api.md §3) names them.
 * Everything a reporter prints comes from these plain, JSON-serialisable records.
 */

export const FINDING_KINDS = [
  'data-race',
  'deadlock',
  'leak',
  'lock-order-inversion',
  'double-lock',
  'copied-lock',
  'negative-waitgroup-counter',
  'waitgroup-misuse',
  'unlock-of-unlocked',
  'close-of-closed-channel',
  'close-of-nil-channel',
  'send-on-closed-channel',
  'concurrent-map-write',
  'cond-wait-without-lock',
  'semaphore-overrelease',
  'barrier-broken',
  'blocking-in-async',
  'poisoned-lock',
  // the etcd flavour ('simcc/etcd'): primitives/etcd/critical.ts and split-brain.ts
  'mutual-exclusion',
  'split-brain',
  'panic',
  'assertion',
  'step-limit',
  'nondeterminism',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

/** What one goroutine was doing when a finding was made. */
export interface ThreadInfo {
  id: number;
  name: string;
  /** running: between two operations; runnable: its next operation can proceed; blocked: it cannot. */
  state: 'running' | 'runnable' | 'blocked' | 'finished';
  /** The operation it is about to do or is blocked in, e.g. "lock of Mutex 'mu'". */
  waitingOn?: string;
  /** Where that operation is in the scenario (file:line:col). */
  at?: string;
  /** Locks it holds, with where each was taken. */
  holds?: { what: string; at?: string }[];
  /** Where the goroutine was started (the go()/spawn() call), absent for main. */
  startedAt?: string;
}

/** One access of a data race (or of a WaitGroup misuse), in the spirit of Go's race report. */
export interface Access {
  op: 'read' | 'write';
  thread: { id: number; name: string };
  at?: string;
  step: number;
}

export interface Finding {
  kind: FindingKind;
  /** One line; Go's own text where Go has one. */
  message: string;
  /** More lines of explanation (what each goroutine waits on, dropped signals, ...). */
  details?: string[];
  threads: ThreadInfo[];
  /** Source locations in the scenario, file:line:col, most relevant first. */
  locations: string[];
  /** The variable or object the finding is about, as reports name it ("'count'", "channel 'ch'"). */
  object?: string;
  /** For data races: the two accesses, current one first. */
  accesses?: Access[];
  /** The seed of the execution that found it, when it came from a seeded strategy. */
  seed?: number;
  /** The schedule of that execution: `simcc replay FILE --schedule S` reproduces it. */
  schedule: string;
  /** The step at which it was found. */
  step: number;
  /** Found by PCT: with `seed`, what names its execution (`--strategy pct --depth D --pct-steps S`). */
  pct?: { depth: number; steps: number };
  /** The schedule was shrunk (harness/shrink.ts): the execution as first found, and how far it was reduced. */
  shrunk?: ShrinkSummary;
}

/** Sizes of a schedule: steps of its execution and preemptions in it. */
export interface ScheduleSize {
  steps: number;
  preemptions: number;
}

export interface ShrinkSummary {
  /** The execution as first found (`seed`, when set, reruns it); its schedule replays it too. */
  from: ScheduleSize & { schedule: string };
  /** The shrunk execution, whose schedule is the finding's `schedule`. */
  to: ScheduleSize;
  /** Replays the shrinking took. */
  replays: number;
}

/** A problem with the scenario itself (exit status 2): it is not a finding about the program. */
export interface ScenarioErrorInfo {
  message: string;
  /** file:line[:col] when known. */
  location?: string;
}

/** One step of an execution, for the timeline of a report. */
export interface TraceEvent {
  step: number;
  thread: number;
  threadName: string;
  /** What the step did, e.g. "lock Mutex 'mu'", "read count → 3", "start". */
  what: string;
  at?: string;
  /** Virtual time in ms when the step ran. */
  time: number;
  /**
   * The goroutine's vector clock before and after the step (recorded traces only; see report/html-edges.ts),
   * by goroutine id; a missing entry (a hole: the runtime records sparse arrays) is 0.
   */
  clock?: { before: number[]; after: number[] };
  /** Goroutines whose pending operation this step completed (a channel hand-off), with their clocks after it. */
  woke?: { thread: number; clock: number[] }[];
}

export function isFindingKind(s: string): s is FindingKind {
  return (FINDING_KINDS as readonly string[]).includes(s);
}
