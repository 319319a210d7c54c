/**
 * The `recipes` namespace of 'simcc/etcd': etcd's client/v3/experimental/recipes, camelCased. The
 * constructors are synchronous (Go computes them locally); every method reaches the store and is awaited.
 */
import { currentExecution } from '../../../runtime/current.js';
import { ScenarioError } from '../../../runtime/errors.js';
import type { Client, Session } from '../types.js';
import { Barrier } from './barrier.js';
import { keyCounter } from './keys.js';
import { DoubleBarrier, checkCount } from './double-barrier.js';
import { PriorityQueue, Queue } from './queue.js';
import { RWMutex } from './rwmutex.js';

function checkClient(what: string, client: Client): void {
  const exec = currentExecution(`recipes.${what}()`);
  if (!client || typeof client !== 'object' || typeof (client as Client).txn !== 'function') throw new ScenarioError(`recipes.${what} needs a node's client (node.client)`);
  keyCounter(exec, client);
}

function checkSession(what: string, s: Session): void {
  const exec = currentExecution(`recipes.${what}()`);
  if (!s || typeof s !== 'object' || typeof (s as Session).lease !== 'number') throw new ScenarioError(`recipes.${what} needs a session from newSession(client)`);
  keyCounter(exec, s);
}

function checkKey(what: string, key: string): void {
  if (typeof key !== 'string' || key === '') throw new ScenarioError(`recipes.${what} needs a non-empty key string, got ${String(key)}`);
}

export const recipes = {
  newRWMutex(session: Session, prefix: string): RWMutex {
    checkSession('newRWMutex', session);
    checkKey('newRWMutex', prefix);
    return new RWMutex(session, prefix);
  },
  newQueue(client: Client, prefix: string): Queue {
    checkClient('newQueue', client);
    checkKey('newQueue', prefix);
    return new Queue(client, prefix);
  },
  newPriorityQueue(client: Client, key: string): PriorityQueue {
    checkClient('newPriorityQueue', client);
    checkKey('newPriorityQueue', key);
    return new PriorityQueue(client, key);
  },
  newBarrier(client: Client, key: string): Barrier {
    checkClient('newBarrier', client);
    checkKey('newBarrier', key);
    return new Barrier(client, key);
  },
  newDoubleBarrier(session: Session, key: string, count: number): DoubleBarrier {
    checkSession('newDoubleBarrier', session);
    checkKey('newDoubleBarrier', key);
    checkCount(count);
    return new DoubleBarrier(session, key, count);
  },
};

export { Barrier, DoubleBarrier, PriorityQueue, Queue, RWMutex };
