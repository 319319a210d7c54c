/**
 * recipe.RWMutex (etcd client/v3/experimental/recipes/rwmutex.go): a readers-writer lock across nodes.
 *
 * etcd's algorithm: a reader creates `<prefix>/read/<unique>`, a writer `<prefix>/write/<unique>`, each
 * under the session's lease. A reader waits while a *writer* key with a lower revision exists; a writer
 * waits while *any* key with a lower revision exists. Each waits on the last such key (WithLastRev,
 * WithMaxModRev) until it is deleted, then looks again. So it is FIFO by revision, with no priority: a
 * queued writer holds back the readers that come after it, and readers ahead of it share the lock.
 * A holder whose node crashes releases it when its lease expires.
 */
import type { Session } from '../types.js';
import { newUniqueEphemeralKey, waitEvents, type RemoteKV } from './keys.js';

export class RWMutex {
  private readonly pfx: string;
  private myKey: RemoteKV | null = null;

  constructor(
    private readonly session: Session,
    prefix: string,
  ) {
    this.pfx = `${prefix}/`;
  }

  /** Take a read lock: wait for every earlier writer to leave. */
  async rLock(): Promise<void> {
    this.myKey = await newUniqueEphemeralKey(this.session, `${this.pfx}read`);
    while (!(await this.waitOnLastRev(`${this.pfx}write`)));
  }

  /** Take the write lock: wait for every earlier reader and writer to leave. */
  async lock(): Promise<void> {
    this.myKey = await newUniqueEphemeralKey(this.session, `${this.pfx}write`);
    while (!(await this.waitOnLastRev(this.pfx)));
  }

  async rUnlock(): Promise<void> {
    await this.deleteMine();
  }

  async unlock(): Promise<void> {
    await this.deleteMine();
  }

  private async deleteMine(): Promise<void> {
    const k = this.myKey;
    if (k === null) return;
    await this.session.client.delete(k.key);
  }

  /** Wait for the last key under `pfx` created before ours to go; true when there is none. */
  private async waitOnLastRev(pfx: string): Promise<boolean> {
    const client = this.session.client;
    const mine = this.myKey!;
    // Our keys are never modified after creation, so their modRevision is their createRevision.
    const last = await client.get(pfx, { prefix: true, sortBy: 'modRevision', order: 'descend', limit: 1, maxCreateRevision: mine.rev - 1 });
    if (last.kvs.length === 0) return true;
    await waitEvents(client, last.kvs[0]!.key, mine.rev, ['DELETE']);
    return false;
  }
}
