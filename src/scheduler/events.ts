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
}

export function dependent(a: Ev, b: Ev): boolean {
  if (a.t === b.t || a.all || b.all) return true;
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

/** An event as plain data (a planned one keeps what the recorded one had). */
export function plainEvent(e: Ev, overrides: Partial<Ev> = {}): Ev {
  return { t: e.t, ch: e.ch.slice(), objs: e.objs.slice(), writes: e.writes.slice(), all: e.all, ...overrides };
}
