/**
 * Events as the explorers see them: a goroutine's step (or a timer firing), the answers it got to
 * its non-thread choices, and what it touched. Dependence is decided here and only here.
 *
 * Two events are dependent when they are steps of the same goroutine, when either conflicts with
 * everything (`all`), or when both touch one object and at least one of them writes it: two reads
 * commute. Choices: an event's `ch` are the answers to the `exec.choose` calls of its step, in order;
 * a planned event may give only a prefix of them (the rest are the defaults, 0), so two events of one
 * goroutine are "the same" when one's answers are a prefix of the other's (see `sameStep`).
 */

export interface Ev {
  /** The stable name (interned, keys.ts) of the goroutine, or of the timer pseudo-goroutine. */
  readonly t: number;
  /** Answers to the step's non-thread choices (a prefix, for a planned event). */
  readonly ch: readonly number[];
  /** Objects touched (interned names) and, at the same index, whether the touch writes. */
  readonly objs: readonly number[];
  readonly writes: readonly boolean[];
  /** Conflicts with every event (its touches are not known precisely). */
  readonly all: boolean;
  /** The earliest deadline of the timers it added (TimerQueue.adds), if any. */
  adds?: number;
  /** For a timer firing: the deadline of the timer it fired. */
  fires?: number;
}

/**
 * Adding a timer with deadline d changes which timer a firing at deadline ≥ d takes (the new one, if it
 * is there), and no firing of an earlier deadline: a dependence on a range of deadlines, which objects
 * cannot say. Within one execution the objects order them anyway (trace.ts: the add and the firing of
 * its own deadline touch one "deadline" object, and the firings are ordered); this rule is for events of
 * different executions (sleep sets, wakeup trees), where a firing may meet an add it never saw.
 */
function timerRange(a: Ev, b: Ev): boolean {
  return a.adds !== undefined && b.fires !== undefined && a.adds <= b.fires;
}

export function dependent(a: Ev, b: Ev): boolean {
  if (a.t === b.t || a.all || b.all) return true;
  if (timerRange(a, b) || timerRange(b, a)) return true;
  const ao = a.objs;
  const bo = b.objs;
  for (let i = 0; i < ao.length; i++) {
    const o = ao[i]!;
    for (let j = 0; j < bo.length; j++) {
      if (bo[j] === o && (a.writes[i] || b.writes[j])) return true;
    }
  }
  return false;
}

/** Are the answers `a` and `b` compatible (one a prefix of the other)? */
export function sameChoices(a: readonly number[], b: readonly number[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The same step of the same goroutine (from one state): same goroutine, compatible answers. */
export function sameStep(a: Ev, b: Ev): boolean {
  return a.t === b.t && sameChoices(a.ch, b.ch);
}

/**
 * Did the execution end in the middle, at a finding its last step made (a panic, a race, an assertion,
 * a step limit, a wait cycle while others could run, a scenario error)? Such a step disables every other
 * step, so the explorers treat it as conflicting with all of them. A deadlock of the whole program and
 * leaks are found once nothing can run: they end no one early.
 */
export function endedByStep(result: { findings: readonly { kind: string }[]; error?: unknown }, couldGoOn: boolean): boolean {
  if (result.error) return true;
  if (result.findings.length === 0) return false;
  return couldGoOn || result.findings.some((f) => f.kind !== 'leak' && f.kind !== 'deadlock');
}
