/**
 * recipe.Queue and recipe.PriorityQueue (etcd client/v3/experimental/recipes/queue.go,
 * priority_queue.go): multi-producer, multi-consumer queues in the store, bound to no lease (items
 * survive the crash of whoever enqueued them).
 *
 * etcd's algorithm:
 * - Queue.enqueue puts a new unique key under the prefix; PriorityQueue.enqueue puts
 *   `<prefix>/<priority as %05d>/<16-digit sequence>` (newSequentialKV), so key order is priority order
 *   (smaller first) and then arrival order;
 * - dequeue reads the first item (Queue: the oldest modRevision; PriorityQueue: the first key) and claims
 *   it with a delete guarded by its modRevision: if another consumer claimed it first, it starts over;
 *   on an empty queue it watches the prefix from the read's revision for the next PUT and claims that.
 * So each item is dequeued exactly once, whatever the interleaving.
 */
import type { Client, GetResponse } from '../types.js';
import { claimFirstKey, deleteRevKey, newSequentialKV, newUniqueKV, waitEvents } from './keys.js';
import { ScenarioError } from '../../../runtime/errors.js';

abstract class QueueBase {
  constructor(
    protected readonly client: Client,
    protected readonly keyPrefix: string,
  ) {}

  protected abstract first(): Promise<GetResponse>;

  /** The next item, in the queue's order; blocks while the queue is empty. */
  async dequeue(): Promise<string> {
    for (;;) {
      const resp = await this.first();
      const kv = await claimFirstKey(this.client, resp.kvs);
      if (kv) return kv.value;
      if (resp.more) continue; // someone took the first: read again
      // Nothing yet: wait for the next item put on the prefix.
      const ev = await waitEvents(this.client, this.keyPrefix, resp.header.revision, ['PUT'], true);
      if (await deleteRevKey(this.client, ev.kv.key, ev.kv.modRevision)) return ev.kv.value;
    }
  }
}

export class Queue extends QueueBase {
  constructor(client: Client, keyPrefix: string) {
    super(client, keyPrefix);
  }

  async enqueue(val: string): Promise<void> {
    if (typeof val !== 'string') throw new ScenarioError(`queue.enqueue(value) needs a string, got ${String(val)}`);
    await newUniqueKV(this.client, this.keyPrefix, val);
  }

  protected first(): Promise<GetResponse> {
    return this.client.get(this.keyPrefix, { prefix: true, sortBy: 'modRevision', order: 'ascend', limit: 1 });
  }
}

export class PriorityQueue extends QueueBase {
  constructor(client: Client, key: string) {
    super(client, `${key}/`);
  }

  /** Enqueue `val` with priority `pr` (a uint16: 0..65535): smaller priorities are dequeued first. */
  async enqueue(val: string, pr: number): Promise<void> {
    if (typeof val !== 'string') throw new ScenarioError(`priorityQueue.enqueue(value, priority) needs a string value, got ${String(val)}`);
    if (!Number.isInteger(pr) || pr < 0 || pr > 65535) throw new ScenarioError(`priorityQueue.enqueue: the priority is a uint16 (0..65535), got ${String(pr)}`);
    await newSequentialKV(this.client, `${this.keyPrefix}${String(pr).padStart(5, '0')}`, val);
  }

  protected first(): Promise<GetResponse> {
    return this.client.get(this.keyPrefix, { prefix: true, sortBy: 'key', order: 'ascend', limit: 1 });
  }
}
