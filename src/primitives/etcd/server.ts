/**
 * The simulated etcd server of one cluster: the MVCC store (store.ts), the leases' life in virtual
 * time, the watches, and the listeners part B's checks use. Every method here runs inside one step (a
 * client call, a fault, a timer firing): it is never scenario code.
 *
 * Dependence (DPOR), the decision and why: the server is ONE simulated object. A call that changes the
 * store or the leases writes it, a call that only reads reads it; so reads commute with reads and
 * everything else is ordered. Finer objects (per key, per prefix) would let two puts to different keys
 * commute, but they do not commute: each takes the next global revision, so their order decides every
 * key's createRevision and modRevision, and etcd's recipes read exactly that (the lowest create revision
 * leads an election, holds a lock, heads a queue). A scenario where two goroutines put their own keys and
 * main then compares the create revisions must be explored in both orders, or `explore` would call
 * complete a search that never ran the other leader (test/unit/primitives/etcd/dpor.test.ts checks this
 * against brute force). A get's header.revision reads the global revision too, so a get is ordered
 * against every write.
 *
 * Happens-before: the store is linearisable, so it synchronises like one lock: a write acquires and
 * releases the server's clock, a read acquires it; watch events and lease ends carry it.
 *
 * Leases: a session's keep-alive renews its lease continuously while its node is up, not paused and not
 * partitioned ("a healthy node's keep-alives are never late"): no renewal timer exists, so a global
 * deadlock with only healthy sessions is still reported. When the keep-alive stops reaching the cluster
 * (its node crashes, pauses, is partitioned, or the session is orphaned), the lease's expiry timer is
 * set `ttl` ms after that moment, the last renewal that reached the cluster; if the keep-alive reaches it
 * again first (the pause ends, the partition heals), the timer is cancelled and the lease renewed. A
 * lease granted without a session has an expiry timer from the start, reset by keepAliveOnce.
 */
import { VectorClock } from '../../runtime/clock.js';
import { acquire, acquireRelease } from '../../runtime/sync.js';
import type { Touch } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import type { Timer } from '../../runtime/timers.js';
import type { Channel } from '../go/channel.js';
import { SimObject } from '../core/object.js';
import { MvccStore, matches, type StoreEvent } from './store.js';
import type { KeyValue, LeaseEnd, Node, NodeCrash, StoreWrite, WatchEvent } from './types.js';

/** A node as the server sees it (node.ts implements it). */
export interface ServerNode extends Node {
  /** Its simulated object id: faults write it, calls read it. */
  readonly id: number;
  /** Cut off from the cluster: its calls wait, its watch events are held, its keep-alives are lost. */
  readonly partitionedNow: boolean;
  /** Its keep-alives reach the cluster: up, not paused, not partitioned. */
  readonly renewingNow: boolean;
}

/** A watch: a channel that receives the events of a key or a prefix from a revision on. */
export interface Watcher {
  readonly key: string;
  readonly prefix: boolean;
  readonly prevKv: boolean;
  readonly ch: Channel<WatchEvent>;
  readonly node: ServerNode | undefined;
  /** Events held back while its node is partitioned (delivered at heal). */
  readonly held: WatchEvent[];
  /** Made by one of the node's goroutines (it dies with the node), not by main through the node's client. */
  readonly ownedByNode: boolean;
}

/** What the server knows of a lease besides the store's LeaseState. */
export interface LeaseLife {
  readonly id: number;
  readonly ttl: number;
  /** The node whose keep-alive renews it (the session's), or whose client granted it. */
  node: ServerNode | undefined;
  /** A session's keep-alive renews it (while its node is healthy). */
  keptAlive: boolean;
  /** Virtual time of the last renewal that reached the cluster (grant, keep-alive, keepAliveOnce). */
  lastRenewal: number;
  /** The pending expiry, while nothing renews it. */
  timer: Timer | null;
  /** Called when it ends (the session's done channel closes, its context is cancelled). */
  readonly onEnd: ((e: LeaseEnd, clock: VectorClock | null) => void)[];
  /** The channels `onEnd` closes (for the expiry timer's touches). */
  endChannels: () => readonly Channel<unknown>[];
}

export class EtcdServer extends SimObject {
  readonly typeName = 'etcd';
  readonly store = new MvccStore();
  readonly clock = new VectorClock();
  readonly watchers: Watcher[] = [];
  private readonly lives = new Map<number, LeaseLife>();
  private readonly ends = new Map<number, LeaseEnd>();
  /** Every fault so far, in order (for reports): "node 'n1' crashed at 20 ms". */
  readonly faults: string[] = [];
  private readonly writeListeners: ((w: StoreWrite) => void)[] = [];
  private readonly crashListeners: ((c: NodeCrash) => void)[] = [];
  private readonly endListeners: ((e: LeaseEnd) => void)[] = [];

  constructor(name: string) {
    super('new Cluster()', name, 'cluster');
  }

  override get label(): string {
    return `etcd cluster '${this.name}'`;
  }

  // ---- hooks --------------------------------------------------------------------------------------

  onWrite(l: (w: StoreWrite) => void): void {
    this.writeListeners.push(l);
  }
  onCrash(l: (c: NodeCrash) => void): void {
    this.crashListeners.push(l);
  }
  onLeaseEnd(l: (e: LeaseEnd) => void): void {
    this.endListeners.push(l);
  }
  leaseEnd(id: number): LeaseEnd | undefined {
    return this.ends.get(id);
  }
  /** Every lease end so far, in order (for reports). */
  leaseEnds(): LeaseEnd[] {
    return [...this.ends.values()];
  }
  crashed(c: NodeCrash): void {
    for (const l of this.crashListeners) l(c);
  }

  // ---- synchronisation and dependence ------------------------------------------------------------

  /** A read by `t`: it sees every write before it. */
  readBy(t: Thread): void {
    acquire(t, this.clock);
  }

  /** A write by `t`: it sees every write before it, and every later call sees it. */
  writeBy(t: Thread): void {
    acquireRelease(t, this.clock);
  }

  /** What a call touches: the server (read or write) and, for a write, every watch channel it may feed. */
  touches(write: boolean): Touch[] {
    const out: Touch[] = [{ id: this.id, read: !write }];
    if (write) for (const w of this.watchers) if (!w.ch.closed) out.push({ id: w.ch.id, read: false });
    return out;
  }

  /**
   * What a change of a node's state touches: the server (its leases' renewals are written there), and the
   * channels of the node's watches (a heal sends them the events held back). Never other watches: a fault
   * delivers no event.
   */
  nodeTouches(node: ServerNode): Touch[] {
    const out: Touch[] = [{ id: this.id, read: false }];
    for (const w of this.watchers) if (w.node === node && !w.ch.closed) out.push({ id: w.ch.id, read: false });
    return out;
  }

  // ---- writes -------------------------------------------------------------------------------------

  /** After a write applied `events` at the current revision: feed the watches, tell the listeners. */
  applied(events: StoreEvent[], w: Omit<StoreWrite, 'keys' | 'revision' | 'at'>): void {
    if (events.length === 0) return;
    this.deliver(events);
    const write: StoreWrite = { ...w, keys: events.map((e) => e.kv.key), revision: this.store.revision, at: this.exec.timeForMetrics };
    for (const l of this.writeListeners) l(write);
  }

  private deliver(events: StoreEvent[]): void {
    // A watch whose channel closed (its context is done) is gone for good.
    for (let i = this.watchers.length - 1; i >= 0; i--) if (this.watchers[i]!.ch.closed) this.watchers.splice(i, 1);
    for (const w of this.watchers) {
      for (const e of events) if (matches(e.kv.key, w.key, w.prefix)) this.send(w, toWatchEvent(e, w.prevKv));
    }
  }

  /** One event to a watch: held while its node is partitioned (sent at heal). */
  send(w: Watcher, e: WatchEvent): void {
    if (w.node?.partitionedNow) {
      w.held.push(e);
      return;
    }
    w.ch.deliverFromTimer(e, this.clock.copy());
    this.exec.touched(w.ch.id);
  }

  /** A watch from `fromRevision` (0: from the next revision): replays the history it asks for, then registers. */
  watch(w: Watcher, fromRevision: number): void {
    if (fromRevision > 0) {
      for (const h of this.store.history) if (h.revision >= fromRevision && matches(h.event.kv.key, w.key, w.prefix)) this.send(w, toWatchEvent(h.event, w.prevKv));
    }
    this.watchers.push(w);
  }

  /** A node healed: its watches get the events held back. */
  flushHeld(node: Node): void {
    for (const w of this.watchers) {
      if (w.node !== node || w.held.length === 0) continue;
      for (const e of w.held.splice(0)) this.send(w, e);
    }
  }

  // ---- leases -------------------------------------------------------------------------------------

  grant(ttl: number, node: ServerNode | undefined, keptAlive: boolean, endChannels: () => readonly Channel<unknown>[]): LeaseLife {
    const l = this.store.grant(ttl);
    const life: LeaseLife = { id: l.id, ttl, node, keptAlive, lastRenewal: this.exec.time, timer: null, onEnd: [], endChannels };
    this.lives.set(l.id, life);
    if (!keptAlive || !this.renewing(life)) this.armExpiry(life);
    return life;
  }

  life(id: number): LeaseLife | undefined {
    return this.lives.get(id);
  }

  /** A renewal reached the cluster now (keepAliveOnce, or a keep-alive that reaches it again). */
  renew(life: LeaseLife): void {
    life.lastRenewal = this.exec.time;
    if (life.timer) {
      this.exec.timers.cancel(life.timer);
      life.timer = null;
    }
    if (!life.keptAlive || !this.renewing(life)) this.armExpiry(life);
  }

  /** The keep-alives of `node`'s leases stopped or resumed reaching the cluster (a fault, a heal). */
  healthChanged(node: Node): void {
    for (const life of this.lives.values()) {
      if (life.node !== node || !life.keptAlive) continue;
      if (this.renewing(life)) this.renew(life);
      else if (!life.timer) {
        life.lastRenewal = this.exec.time;
        this.armExpiry(life);
      }
    }
  }

  /** A session's keep-alive stops for good (orphan, close, its node's crash): the lease runs out from now. */
  stopKeepAlive(life: LeaseLife): void {
    if (!life.keptAlive) return;
    const wasRenewing = this.renewing(life);
    life.keptAlive = false;
    if (wasRenewing) {
      life.lastRenewal = this.exec.time;
      this.armExpiry(life);
    }
  }

  /** The longest TTL of the leases `node` keeps alive (undefined: of any live lease), if there is one. */
  longestTtl(node: ServerNode | undefined): number | undefined {
    let best: number | undefined;
    for (const life of this.lives.values()) {
      if (node !== undefined && (life.node !== node || !life.keptAlive)) continue;
      if (best === undefined || life.ttl > best) best = life.ttl;
    }
    return best;
  }

  /** `node` crashes (it is still marked up): its keep-alives stop for good, its goroutines' watches go. */
  nodeCrashed(node: ServerNode): void {
    for (const life of this.lives.values()) if (life.node === node) this.stopKeepAlive(life);
    for (let i = this.watchers.length - 1; i >= 0; i--) if (this.watchers[i]!.node === node && this.watchers[i]!.ownedByNode) this.watchers.splice(i, 1);
  }

  /** Revoke (or expire) lease `id`: its keys are deleted at one revision. False if it was unknown. */
  endLease(id: number, reason: 'expired' | 'revoked', by: Thread | null, byNode?: Node): boolean {
    const life = this.lives.get(id);
    const r = this.store.endLease(id);
    if (!r || !life) return false;
    this.lives.delete(id);
    if (life.timer) this.exec.timers.cancel(life.timer);
    life.timer = null;
    if (by) this.writeBy(by);
    const end: LeaseEnd = { lease: id, node: life.node, reason, at: this.exec.timeForMetrics, keys: r.keys };
    this.ends.set(id, end);
    this.applied(r.events, { node: byNode, thread: by ?? undefined, via: reason === 'expired' ? 'lease-expiry' : 'lease-revoke' });
    for (const f of life.onEnd) f(end, by ? null : this.clock.copy());
    for (const l of this.endListeners) l(end);
    return true;
  }

  private renewing(life: LeaseLife): boolean {
    if (!life.node) return true;
    return life.node.renewingNow;
  }

  private armExpiry(life: LeaseLife): void {
    if (life.timer) this.exec.timers.cancel(life.timer);
    const at = life.lastRenewal + life.ttl;
    const on = life.node ? ` of node '${life.node.name}'` : '';
    const label = `lease ${life.id}${on} expires (ttl ${life.ttl} ms, last renewal that reached the cluster at ${life.lastRenewal} ms)`;
    // Firing deletes its keys (a write of the server, fed to the watches) and ends its session.
    const touches = (): readonly Touch[] => [...this.touches(true), ...life.endChannels().map((c) => ({ id: c.id, read: false }))];
    life.timer = this.exec.timers.add(at, label, () => {
      life.timer = null;
      this.endLease(life.id, 'expired', null);
    }, touches);
  }
}

function toWatchEvent(e: StoreEvent, prevKv: boolean): WatchEvent {
  return prevKv && e.prevKv ? { type: e.type, kv: e.kv, prevKv: e.prevKv } : { type: e.type, kv: e.kv };
}

export type { KeyValue };
