/**
 * A lock as a condition variable sees it (Go's sync.Locker, the lock under a Cond; Rust's Condvar
 * gets its Mutex from the guard): what it takes and releases, and, when the lock can tell, whether
 * it is held now. The Cond asks these instead of testing which class the lock is, so every flavour's
 * lock (and a scenario's own Locker, which answers only lock/unlock) works under it.
 *
 * "Held" means by anyone: Go's locks have no owner, so a Cond does not ask by whom.
 */
export interface Locker {
  lock(): Promise<unknown>;
  unlock(): Promise<unknown>;
  /** Is it held now in the mode this locker takes (locked; write-locked; read-locked)? Absent: it cannot tell. */
  isHeld?(): boolean;
  /** Where the hold this locker would release was taken, when known (the lost wake-up hint). */
  heldSince?(): string | undefined;
  /** What releasing it while it is not held dies with (the language's text) and why, for the report. */
  unheldError?(): { message: string; why: string };
}
