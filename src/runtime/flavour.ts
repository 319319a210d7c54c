/**
 * A flavour: what the runtime needs to know about the language a scenario simulates, so that the
 * runtime, the detectors and the reports stay language-neutral. The runtime words its findings with
 * it (a "goroutine" or a "thread"); nothing in it changes a step or a choice, so two flavours of the
 * same program take the same schedules.
 *
 * Invariant: GO reproduces, byte for byte, the texts simcc printed before flavours existed; the Go
 * reports and JSON do not depend on this module's existence.
 */

/** The flavours of the contract (shared/scenario-api.md §2, §2b, §2c, §2d). */
export type FlavourName = 'go' | 'rust' | 'tokio' | 'etcd';

export interface Flavour {
  readonly name: FlavourName;
  /** The word for one simulated thread of control: 'goroutine', 'thread' or 'task'. */
  readonly thread: string;
  /** Its plural: 'goroutines', 'threads', 'tasks'. */
  readonly threads: string;
  /** The message of the `deadlock` finding when every live thread is blocked before main returned. */
  readonly deadlockMessage: string;
  /**
   * Why re-locking a held lock blocks forever, for the `double-lock` finding
   * ("Go's locks are not reentrant").
   */
  readonly notReentrant: string;
  /**
   * What happens to the threads still alive when main returns. 'leak-check': they run on to
   * quiescence (bounded by the leak bounds), and those still alive then are `leak` findings.
   * (Go exits the process, Rust too; simcc runs them on to name what they wait on: §2b.)
   */
  readonly afterMain: 'leak-check';
}

/** The Go flavour: 'simcc' (shared/scenario-api.md §2). */
export const GO: Flavour = Object.freeze({
  name: 'go',
  thread: 'goroutine',
  threads: 'goroutines',
  deadlockMessage: 'all goroutines are asleep - deadlock!',
  notReentrant: "Go's locks are not reentrant",
  afterMain: 'leak-check',
});

/**
 * The Rust flavour: 'simcc/rust' (shared/scenario-api.md §2b). Rust prints no deadlock message of
 * its own (a deadlocked Rust program just hangs), so simcc words one; the finding kind stays 'deadlock'.
 */
export const RUST: Flavour = Object.freeze({
  name: 'rust',
  thread: 'thread',
  threads: 'threads',
  deadlockMessage: 'every thread is blocked forever',
  notReentrant: "Rust's std locks are not reentrant",
  afterMain: 'leak-check',
});

/**
 * The tokio flavour: 'simcc/tokio' (shared/scenario-api.md §2c). A simulated thread of control is a
 * task (main is `#[tokio::main]`'s body); tokio prints no deadlock message either (a stuck runtime hangs).
 */
export const TOKIO: Flavour = Object.freeze({
  name: 'tokio',
  thread: 'task',
  threads: 'tasks',
  deadlockMessage: 'every task is blocked forever',
  notReentrant: "Rust's locks are not reentrant",
  afterMain: 'leak-check',
});

const BY_NAME: Readonly<Partial<Record<FlavourName, Flavour>>> = { go: GO, rust: RUST, tokio: TOKIO };

/** The flavour of a name (a report's `flavour` field); absent means Go, the default. */
export function flavourNamed(name: FlavourName | undefined): Flavour {
  const f = BY_NAME[name ?? 'go'];
  if (f === undefined) throw new Error(`simcc internal error: the ${name} flavour is not in this version`);
  return f;
}

/** "goroutine" → "Goroutine", for a word that starts a sentence. */
export function capitalised(word: string): string {
  return word.length === 0 ? word : word[0]!.toUpperCase() + word.slice(1);
}
