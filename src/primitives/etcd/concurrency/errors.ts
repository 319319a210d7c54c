/**
 * etcd's error texts for the concurrency package and the recipes (Go's `errors.New` values), thrown as
 * `new Error(text)`: a scenario compares `err.message` with these, as Go compares with `concurrency.ErrLocked`.
 */
export const ConcurrencyErrors = {
  /** concurrency.ErrElectionNotLeader: proclaim or resign by a campaigner that does not lead. */
  electionNotLeader: 'election: not leader',
  /** concurrency.ErrElectionNoLeader: leader() while no key is in the election. */
  electionNoLeader: 'election: no leader',
  /** concurrency.ErrLocked: tryLock while another session holds the lock. */
  locked: 'mutex: Locked by another session',
  /** concurrency.ErrSessionExpired: the lock's key went with its session while lock() waited. */
  sessionExpired: 'mutex: session is expired',
  /** waitDelete's watch closed while its context is still live. */
  lostWatcher: 'lost watcher waiting for delete',
  /** recipe.ErrKeyExists: Barrier.hold on a barrier already held. */
  keyExists: 'key already exists',
  /** recipe.ErrTooManyClients: more than `count` entered a DoubleBarrier. */
  tooManyClients: 'too many clients',
  /** recipe.ErrNoWatcher / the watch ended before the awaited event. */
  noWatcher: 'no watcher channel',
} as const;

/** A Go error value: an Error with etcd's text. */
export function goError(text: string): Error {
  return new Error(text);
}
