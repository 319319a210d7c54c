/**
 * The `split-brain` finding (contract §3): two leaders acted at once.
 *
 * A *tenure* is one node's leadership in one election (a cluster and a key prefix): it begins when
 * `campaign` returns and ends when the node resigns, crashes, or observes that its session ended (it
 * receives from `session.done()`, a call of its own fails with `mutex: session is expired` or
 * `requested lease not found`, or it closes the session itself). Between those, the node *believes* it
 * leads, whatever the store says: a node paused past its lease still does.
 *
 * Invariant checked: no two tenures of different nodes in one election overlap with each node having
 * made, during the overlap, a successful store write of a key outside the election's own prefix. A write
 * fenced by a txn that fails writes nothing, so the store reports no write and it does not count.
 *
 * How: the store calls `onWrite` inside each writing step. A write by a node in tenure records its
 * sequence number in the tenure; the finding is made at the second of the two writes, when both tenures
 * are open (a write after the other tenure ended is outside the overlap; a write before this tenure began
 * is older than the overlap's start). So checking the open tenures at each write finds every case.
 *
 * Dependence (DPOR): each election has a simulated object id. A tenure's beginning or end writes it;
 * every write of a node that has a tenure somewhere in the cluster reads it — whether a write counts
 * depends on the tenures open, not on the order of two writes (either order reports the pair).
 */
import type { Execution } from '../../runtime/execution.js';
import { currentExecution } from '../../runtime/current.js';
import type { Thread } from '../../runtime/thread.js';
import type { Cluster, Node, Session, StoreWrite } from './types.js';
import { nodeOf } from './world.js';

interface Tenure {
  readonly node: Node;
  readonly incarnation: number;
  readonly session: Session;
  readonly key: string;
  /** Sequence number (ClusterTracker.seq) of its beginning. */
  readonly start: number;
  /** Virtual time it began. */
  readonly since: number;
  /** The goroutine whose campaign returned. */
  readonly thread: Thread | null;
  /** Sequence number of its latest counted write, -1 before any. */
  lastWrite: number;
  lastWriteInfo: { what: string; at: string | undefined; time: number; thread: Thread | undefined } | null;
}

/** One election's tenures, as split-brain sees them. */
export class ElectionTracker {
  readonly id: number;
  /** Open tenures, in the order they began (deterministic: the order of campaign returns). */
  private readonly open: Tenure[] = [];

  constructor(
    private readonly owner: ClusterTracker,
    /** `<prefix>/`: the election's own keys, which do not count as acting. */
    readonly keyPrefix: string,
  ) {
    this.id = owner.exec.newObjectId();
  }

  /** `campaign` returned: the session's node leads from now on, in its own eyes. */
  begin(session: Session, key: string): void {
    const exec = this.owner.exec;
    exec.noteTouch(this.id, false);
    this.owner.watchDone(session);
    this.endWhere((t) => t.session === session);
    this.open.push({
      node: session.node,
      incarnation: session.node.incarnation,
      session,
      key,
      start: ++this.owner.seq,
      since: exec.timeForMetrics,
      thread: exec.running,
      lastWrite: -1,
      lastWriteInfo: null,
    });
  }

  /** The node of `session` learnt (or decided) that it does not lead any more. */
  end(session: Session, _why: string): void {
    if (!this.open.some((t) => t.session === session)) return;
    this.owner.exec.noteTouch(this.id, false);
    this.endWhere((t) => t.session === session);
  }

  endNode(node: Node): void {
    if (!this.open.some((t) => t.node === node)) return;
    this.owner.exec.noteTouch(this.id, false);
    this.endWhere((t) => t.node === node);
  }

  endLease(lease: number): void {
    if (!this.open.some((t) => t.session.lease === lease)) return;
    this.owner.exec.noteTouch(this.id, false);
    this.endWhere((t) => t.session.lease === lease);
  }

  /** `node` learnt that `lease` is gone: its own tenures under that lease end (not another node's). */
  endNodeLease(node: Node, lease: number): void {
    const p = (t: Tenure): boolean => t.node === node && t.session.lease === lease;
    if (!this.open.some(p)) return;
    this.owner.exec.noteTouch(this.id, false);
    this.endWhere(p);
  }

  private endWhere(p: (t: Tenure) => boolean): void {
    for (let i = this.open.length - 1; i >= 0; i--) if (p(this.open[i]!)) this.open.splice(i, 1);
  }

  /** A store write by `w.node`: count it for its tenure here, and report a pair of acting leaders. */
  written(w: StoreWrite, node: Node): void {
    const exec = this.owner.exec;
    exec.noteTouch(this.id, true);
    const mine = this.open.find((t) => t.node === node && t.incarnation === node.incarnation);
    if (!mine) return;
    const acting = w.keys.find((k) => !k.startsWith(this.keyPrefix));
    if (acting === undefined) return;
    mine.lastWrite = ++this.owner.seq;
    const at = w.thread?.pending?.at;
    mine.lastWriteInfo = { what: `${w.via} of '${acting}'`, at, time: w.at, thread: w.thread };
    for (const other of this.open) {
      if (other.node === node || other.lastWrite < 0) continue;
      if (other.lastWrite < Math.max(mine.start, other.start)) continue;
      this.report(other, mine);
      return;
    }
  }

  private report(first: Tenure, second: Tenure): void {
    const exec = this.owner.exec;
    const cluster = this.owner.cluster;
    const election = this.keyPrefix.slice(0, -1);
    const describe = (t: Tenure): string => {
      const end = cluster.leaseEnd(t.session.lease);
      const lease = `lease ${t.session.lease}`;
      const state = end ? `its ${lease} ${end.reason === 'expired' ? 'expired' : 'was revoked'} at ${end.at} ms, which it never observed` : `its ${lease} still live`;
      return `node '${t.node.name}' leads since ${t.since} ms (key ${t.key}; ${state})`;
    };
    const w1 = first.lastWriteInfo!;
    const w2 = second.lastWriteInfo!;
    const threads = [w1.thread, w2.thread].filter((t): t is Thread => t !== undefined);
    exec.fatal(
      'split-brain',
      `two leaders acted at once in election '${election}': node '${first.node.name}' (${w1.what} at ${w1.time} ms) and node '${second.node.name}' (${w2.what} at ${w2.time} ms) both believed they led`,
      {
        threads,
        locations: [w2.at, w1.at],
        details: [
          describe(first),
          describe(second),
          `node '${first.node.name}' wrote while leading: ${w1.what}${w1.at ? ` at ${w1.at}` : ''}`,
          `node '${second.node.name}' wrote while leading: ${w2.what}${w2.at ? ` at ${w2.at}` : ''}`,
          `fence each leader's write with its leadership, e.g. client.txn().if(compare.createRevision(election.key(), '=', election.rev())).then(…), or stop acting when session.done() is closed`,
        ],
        object: `election '${election}'`,
      },
    );
  }
}

/** Per cluster: its elections and the hooks that feed them. */
class ClusterTracker {
  readonly exec: Execution;
  /** Orders tenure beginnings and counted writes (one per cluster). */
  seq = 0;
  readonly elections = new Map<string, ElectionTracker>();

  constructor(readonly cluster: Cluster) {
    this.exec = currentExecution('newElection()');
    cluster.onWrite((w) => this.written(w));
    cluster.onCrash((c) => {
      for (const e of this.elections.values()) e.endNode(c.node);
    });
    cluster.onLeaseEnd((e) => {
      // A goroutine of the lease's own node revoked it (session.close()): the node knows its tenures ended.
      // A lease that expired, or that another node or main revoked, is news the node has not observed yet.
      if (e.reason !== 'revoked') return;
      const by = this.exec.running;
      if (!by || !e.node || nodeOf(by) !== e.node) return;
      for (const el of this.elections.values()) el.endLease(e.lease);
    });
  }

  private readonly watched = new WeakSet<Session>();

  /** A goroutine of the session's node that receives from its closed done() has observed the session's end. */
  watchDone(session: Session): void {
    if (this.watched.has(session)) return;
    this.watched.add(session);
    session.done().onCloseSeen((t) => {
      if (nodeOf(t) === session.node) sessionEndObserved(session, 'session.done() received');
    });
  }

  private written(w: StoreWrite): void {
    const node = w.node;
    // Every write of a node reads the elections, tenure or not: whether it counts depends on the order of
    // the write and the beginnings of tenures on its node (a write just before campaign returns does not).
    if (!node || w.via === 'lease-expiry' || w.via === 'lease-revoke') return;
    for (const e of this.elections.values()) e.written(w, node);
  }
}

const trackers = new WeakMap<Cluster, ClusterTracker>();

function clusterTracker(cluster: Cluster): ClusterTracker {
  let t = trackers.get(cluster);
  if (!t) trackers.set(cluster, (t = new ClusterTracker(cluster)));
  return t;
}

/** The split-brain tracker of the election `keyPrefix` (`<prefix>/`) on `cluster`. */
export function electionTracker(cluster: Cluster, keyPrefix: string): ElectionTracker {
  const c = clusterTracker(cluster);
  let e = c.elections.get(keyPrefix);
  if (!e) c.elections.set(keyPrefix, (e = new ElectionTracker(c, keyPrefix)));
  return e;
}

/** The node of `session` observed that its session ended (`why`): its tenures end, in every election. */
export function sessionEndObserved(session: Session, why: string): void {
  const c = trackers.get(session.node.cluster);
  if (!c) return;
  for (const e of c.elections.values()) e.end(session, why);
}

/**
 * A goroutine of `node` had a call fail with `requested lease not found` for `lease` (call.ts): the node's
 * tenures under that lease end, in every election of its cluster.
 */
export function leaseEndObserved(node: Node, lease: number, _why: string): void {
  const c = trackers.get(node.cluster);
  if (!c) return;
  for (const e of c.elections.values()) e.endNodeLease(node, lease);
}
