/**
 * Deadlocks among a few goroutines while others still run: a cycle in the wait-for graph.
 *
 * A goroutine blocked on a lock waits for the goroutine that took it; each blocked goroutine waits
 * for one other, so the graph is a set of chains and the cycle through a goroutine is found by
 * following the chain from it. An edge that closes a cycle is always added when a goroutine starts
 * to wait (the other end of a new edge, the lock's new holder, is running, so it closes nothing), so
 * checking from each goroutine as it blocks finds every cycle the moment it forms.
 */
import type { Execution } from '../runtime/execution.js';
import type { Thread } from '../runtime/thread.js';

/** The goroutine `t` waits for, if it is blocked on something one goroutine holds. */
function waitsFor(t: Thread): Thread | null {
  const op = t.pending;
  if (op === null || op.enabled()) return null;
  return op.waitsFor();
}

/** The cycle of goroutines through `start`, in wait order, or null. */
export function findWaitCycle(start: Thread): Thread[] | null {
  const chain: Thread[] = [start];
  for (let cur = waitsFor(start); cur !== null; cur = waitsFor(cur)) {
    if (cur === start) return chain;
    if (chain.includes(cur)) return null; // a cycle further on, reported when it formed
    chain.push(cur);
  }
  return null;
}

/** Called when `t` starts waiting on a lock: report the cycle it closes, if any. */
export function checkWaitCycle(exec: Execution, t: Thread): void {
  const cycle = findWaitCycle(t);
  if (!cycle) return;
  const names = cycle.map((c) => `'${c.name}'`);
  const details = cycle.map((c, i) => {
    const next = cycle[(i + 1) % cycle.length]!;
    return `${exec.flavour.thread} '${c.name}' is blocked in ${c.pending!.describe()}, waiting for '${next.name}'`;
  });
  exec.fatal('deadlock', `${exec.flavour.threads} ${names.join(', ')} wait for each other in a cycle`, {
    threads: cycle,
    locations: cycle.flatMap((c) => [c.pending?.at, ...c.holds.map((h) => h.at)]),
    details,
  });
}

/**
 * `t` locks `lock` (named `label`), which it holds itself. Go's locks have no owner: another goroutine
 * may still unlock it (the Go memory model's own example locks a Mutex, starts a goroutine that unlocks
 * it, and locks again). So `double-lock` is reported at the call only when no other goroutine is alive
 * to do that; otherwise the lock just blocks, and if nobody unlocks it, the deadlock or leak check
 * reports the double lock (Execution.reportSelfLock).
 */
export function checkSelfLock(exec: Execution, t: Thread, label: string, at: string | undefined, heldAt: string | undefined): void {
  if (exec.othersAlive(t)) return;
  reportSelfLock(exec, t, label, at, heldAt);
}

/** `t` locks `lock` (named `label`), which it holds itself, and nobody else can release it (an owned lock): `double-lock` now. */
export function reportSelfLock(exec: Execution, t: Thread, label: string, at: string | undefined, heldAt: string | undefined): void {
  exec.fatal('double-lock', `${exec.flavour.thread} '${t.name}' locks ${label}, which it already holds: ${exec.flavour.notReentrant}, so this blocks forever`, {
    threads: [t],
    locations: [at, heldAt],
  });
}
