/**
 * recipe.DoubleBarrier (etcd client/v3/experimental/recipes/double_barrier.go): `count` processes enter
 * together and leave together.
 *
 * etcd's algorithm:
 * - enter: refuse (`too many clients`) if `count` are in already; create `<key>/waiters/<unique>` under
 *   the session's lease; if this makes `count` (ours is the count-th by create revision) put
 *   `<key>/ready` to let everyone in, else wait for that PUT (a later-than-count entrant deletes its key
 *   and gets `too many clients`);
 * - leave: the lowest waiter (by modRevision) waits for the highest to go and then looks again; every
 *   other deletes its own key and waits for the lowest to go; the last one deletes `<key>/ready`.
 * A participant whose node crashes loses its key when its lease expires, and the barrier goes on.
 */
import type { Session } from '../types.js';
import { ConcurrencyErrors, goError } from '../concurrency/errors.js';
import { ScenarioError } from '../../../runtime/errors.js';
import { newUniqueEphemeralKey, waitEvents, type RemoteKV } from './keys.js';

export class DoubleBarrier {
  private myKey: RemoteKV | null = null;

  constructor(
    private readonly session: Session,
    readonly key: string,
    readonly count: number,
  ) {}

  /** Wait until `count` participants have entered. */
  async enter(): Promise<void> {
    const client = this.session.client;
    const waiters = `${this.key}/waiters`;
    const before = await client.get(waiters, { prefix: true, sortBy: 'createRevision', order: 'ascend' });
    if (before.kvs.length >= this.count) throw goError(ConcurrencyErrors.tooManyClients);
    const ek = await newUniqueEphemeralKey(this.session, waiters);
    this.myKey = ek;
    const after = await client.get(waiters, { prefix: true, sortBy: 'createRevision', order: 'ascend' });
    if (after.kvs.length >= this.count) {
      const lastWaiter = after.kvs[this.count - 1]!;
      if (ek.rev > lastWaiter.createRevision) {
        // Too late: delete our key now rather than make the others wait for our lease.
        await client.delete(ek.key).catch(() => undefined);
        throw goError(ConcurrencyErrors.tooManyClients);
      }
      if (ek.rev === lastWaiter.createRevision) {
        // The count-th: let everyone in.
        await client.put(`${this.key}/ready`, '');
        return;
      }
    }
    await waitEvents(client, `${this.key}/ready`, ek.rev, ['PUT']);
  }

  /** Wait until every participant has left. */
  async leave(): Promise<void> {
    const client = this.session.client;
    for (;;) {
      const resp = await client.get(`${this.key}/waiters`, { prefix: true });
      if (resp.kvs.length === 0) return;
      let lowest = resp.kvs[0]!;
      let highest = resp.kvs[0]!;
      for (const k of resp.kvs) {
        if (k.modRevision < lowest.modRevision) lowest = k;
        if (k.modRevision > highest.modRevision) highest = k;
      }
      const isLowest = this.myKey !== null && lowest.key === this.myKey.key;
      if (resp.kvs.length === 1) {
        // The only one left: finish up.
        await client.delete(`${this.key}/ready`);
        if (this.myKey) await client.delete(this.myKey.key);
        return;
      }
      if (isLowest) {
        // The lowest waits for the highest to go, then looks again.
        await waitEvents(client, highest.key, highest.modRevision, ['DELETE']);
        continue;
      }
      // Delete our key and wait for the lowest to go.
      if (this.myKey) await client.delete(this.myKey.key);
      await waitEvents(client, lowest.key, lowest.modRevision, ['DELETE']);
    }
  }
}

export function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 1) throw new ScenarioError(`recipes.newDoubleBarrier(session, key, count) needs a positive integer count, got ${String(count)}`);
}
