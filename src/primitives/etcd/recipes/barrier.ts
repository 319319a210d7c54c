/**
 * recipe.Barrier (etcd client/v3/experimental/recipes/barrier.go): a key whose existence blocks waiters.
 *
 * - `hold` creates the key with **no lease** (NoLease): if the holder crashes, the barrier stays held
 *   forever and its waiters with it — a distributed deadlock nothing expires;
 * - `release` deletes it, freeing every waiter;
 * - `wait` reads the key: absent, it returns at once (so a `wait` that runs before the `hold` passes
 *   straight through, a check-then-act race); present, it watches the key for its deletion.
 * etcd's Wait watches for a PUT and then a DELETE from the read's revision, which misses the release when
 * the store's revision moved on between the hold and the read; here it waits for the key's next DELETE
 * after the read, as Wait's documentation says ("blocks on the barrier key until it is deleted").
 */
import type { Client } from '../types.js';
import { putNewKV, waitEvents } from './keys.js';

export class Barrier {
  constructor(
    private readonly client: Client,
    readonly key: string,
  ) {}

  /** Create the barrier key (no lease): `key already exists` if it is held already. */
  async hold(): Promise<void> {
    await putNewKV(this.client, this.key, '', 0);
  }

  /** Delete the barrier key: every waiter goes on. */
  async release(): Promise<void> {
    await this.client.delete(this.key);
  }

  /** Block until the barrier key is deleted; return at once if it does not exist. */
  async wait(): Promise<void> {
    const resp = await this.client.get(this.key);
    if (resp.kvs.length === 0) return;
    await waitEvents(this.client, this.key, resp.header.revision + 1, ['DELETE']);
  }
}

