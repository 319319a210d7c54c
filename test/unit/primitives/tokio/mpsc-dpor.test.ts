/**
 * The footprints of tokio's channels against brute force (as dpor.test.ts for the foundation): DPOR must
 * explore the same Mazurkiewicz traces as plain DFS over every schedule (each once) and see the same
 * outcomes. A footprint too weak (two dependent steps said to commute) loses traces or outcomes.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../../../src/primitives/tokio/scenario.js';
import { spawn } from '../../../../src/primitives/tokio/task.js';
import { sleepBranch } from '../../../../src/primitives/tokio/time.js';
import { select } from '../../../../src/primitives/tokio/select.js';
import { mpsc } from '../../../../src/primitives/tokio/mpsc.js';
import { oneshot } from '../../../../src/primitives/tokio/oneshot.js';
import { broadcast } from '../../../../src/primitives/tokio/broadcast.js';
import { watch } from '../../../../src/primitives/tokio/watch.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { exploreScenario } from '../../../../src/harness/explore.js';
import { bruteForce, dporSplit, exploreOptions, outcomeSet, loggedProgram } from '../../scheduler/explore-helpers.js';

const prog = (name: string, body: (see: (who: string, v: unknown) => void) => Promise<unknown>) => loggedProgram(scenario, name, body);


const programs: [string, ReturnType<typeof prog>][] = [
  [
    'two senders on channel(1), one receiver: the order of the values',
    prog('c1', async (see) => {
      const [tx, rx] = mpsc.channel<string>(1, 'c');
      const tx2 = tx.clone();
      spawn(async () => void (await tx.send('a')), { name: 'a', move: [tx] });
      spawn(async () => void (await tx2.send('b')), { name: 'b', move: [tx2] });
      for await (const v of rx) see('main', v);
    }),
  ],
  [
    'two senders (clones) sending once on channel(1), the original dropped, the receiver waiting first',
    prog('c5', async (see) => {
      const [tx, rx] = mpsc.channel<number>(1, 'c');
      for (let i = 0; i < 2; i++) {
        const t = tx.clone();
        spawn(async () => void (await t.send(i)), { name: `s${i}`, move: [t] });
      }
      await drop(tx);
      for await (const v of rx) see('main', v);
    }),
  ],
  [
    'two senders waiting on a full channel against a trySend, a reserve and the receiver\'s drop',
    prog('c7', async (see) => {
      const [tx, rx] = mpsc.channel<number>(1, 'c');
      (await tx.send(0)).unwrap();
      const a = tx.clone();
      const b = tx.clone();
      spawn(async () => see('a', (await a.send(1)).isOk()), { name: 'a', move: [a] });
      spawn(async () => {
        const p = await b.reserve();
        see('b', p.isOk());
        if (p.isOk()) p.unwrap().send(2);
      }, { name: 'b', move: [b] });
      see('main', tx.trySend(3).isOk());
      see('main', await rx.recv());
      see('main', await rx.recv());
      await drop(rx);
    }),
  ],
  [
    'an aborted sender waiting in the queue against the receive that frees the slot',
    prog('c8', async (see) => {
      const [tx, rx] = mpsc.channel<number>(1, 'c');
      (await tx.send(0)).unwrap();
      const a = tx.clone();
      const b = tx.clone();
      const ha = spawn(async () => see('a', (await a.send(1)).isOk()), { name: 'a', move: [a] });
      spawn(async () => see('b', (await b.send(2)).isOk()), { name: 'b', move: [b] });
      ha.abort();
      await drop(tx);
      for await (const v of rx) see('main', v);
    }),
  ],
  [
    'a sendBranch on a full channel against a sleep and the receive that frees the slot',
    prog('c2', async (see) => {
      const [tx, rx] = mpsc.channel<number>(1, 'c');
      (await tx.send(1)).unwrap();
      spawn(async () => see('r', [await rx.recv(), await rx.recv()]), { name: 'r', move: [rx] });
      see('main', (await select([tx.sendBranch(2), sleepBranch(1)])).index);
    }),
  ],
  [
    'trySend and tryRecv against a send, and the drop of the Sender',
    prog('c3', async (see) => {
      const [tx, rx] = mpsc.channel<number>(1, 'c');
      const tx2 = tx.clone();
      spawn(async () => {
        see('w', tx2.trySend(1).isOk());
        await drop(tx2);
      }, { name: 'w', move: [tx2] });
      see('main', String(rx.tryRecv().isOk()));
      await drop(tx);
      see('main', await rx.recv());
    }),
  ],
  [
    'a send waiting on a full channel against the receiver\'s drop',
    prog('c4', async (see) => {
      const [tx, rx] = mpsc.channel<number>(1, 'c');
      (await tx.send(1)).unwrap();
      const h = spawn(async () => see('s', (await tx.send(2)).isOk()), { name: 's', move: [tx] });
      see('main', await rx.recv());
      await drop(rx);
      await h.join();
    }),
  ],
  [
    'oneshot: a send against the receiver\'s drop and a select on recv',
    prog('o1', async (see) => {
      const [tx, rx] = oneshot.channel<number>();
      const [tx2, rx2] = oneshot.channel<number>();
      spawn(async () => {
        see('w', tx.send(1).isOk());
        await drop(tx2);
      }, { name: 'w', move: [tx, tx2] });
      see('main', (await select([rx.recvBranch(), rx2.recvBranch()])).index);
      await drop(rx);
    }),
  ],
  [
    'oneshot: recv awaited while one task sends and another drops the other Sender; broadcast recv waiting',
    prog('o2', async (see) => {
      const [tx, rx] = oneshot.channel<number>();
      const [tx2, rx2] = oneshot.channel<number>();
      const [btx, brx] = broadcast.channel<number>(2, 'b');
      spawn(async () => void tx.send(1), { name: 'w', move: [tx] });
      spawn(async () => {
        await drop(tx2);
        btx.send(5);
      }, { name: 'd', move: [tx2, btx] });
      see('main', String(await rx2.recv()));
      see('main', String(await rx.recv()));
      const r = await brx.recv();
      see('main', r.ok ? r.value : r.error.kind);
    }),
  ],
  [
    'broadcast: a receiver task against two sends on capacity 1',
    prog('b1', async (see) => {
      const [tx, rx] = broadcast.channel<number>(1, 'b');
      spawn(async () => {
        const r = await rx.recv();
        see('r', r.ok ? r.value : r.error.kind);
      }, { name: 'r', move: [rx] });
      tx.send(1);
      await drop(tx.clone());
      tx.send(2);
    }),
  ],
  [
    'watch: sends against changed and borrow',
    prog('w1', async (see) => {
      const [tx, rx] = watch.channel(0, 'w');
      const h = spawn(async () => {
        see('r', (await rx.changed()).isOk());
        see('r', rx.borrowAndUpdate());
      }, { name: 'r', move: [rx] });
      tx.send(1);
      tx.send(2);
      await drop(tx);
      await h.join();
    }),
  ],
];

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** n tasks each send once on channel(1), one receiver (bench/explore/tokio-senders.ts). */
const senders = (n: number) =>
  scenario(`${n} tokio senders`, async () => {
    const [tx, rx] = mpsc.channel<number>(1, 'c');
    for (let i = 0; i < n; i++) {
      const t = tx.clone();
      spawn(async () => void (await t.send(i)), { name: `s${i}`, move: [t] });
    }
    await drop(tx);
    for (let i = 0; i < n; i++) await rx.recv();
  });

describe('tokio mpsc: one execution per trace', { timeout: 120_000 }, () => {
  // A send that finds the channel full joins the queue without a step; joinings are ordered with each
  // other only, so the traces are the n! orders of the values.
  it.each([1, 2, 3, 4, 5])('%i tasks each sending once on channel(1) to one receiver: n! executions', async (n) => {
    const r = await exploreScenario(senders(n), exploreOptions());
    expect(r).toMatchObject({ executions: factorial(n), complete: true, findings: [] });
  });

  it.each([2])('%i senders: brute force counts n! traces too (3 are past its budget)', async (n) => {
    const brute = await bruteForce(senders(n));
    expect(brute).not.toBeNull();
    expect(new Set(brute!.forms).size).toBe(factorial(n));
  });
});

describe('tokio channels: DPOR against brute force', { timeout: 120_000 }, () => {
  it.each(programs)('%s: the same traces, each once, and the same outcomes', async (_name, p) => {
    const brute = await bruteForce(p.s, p.log, 20_000);
    expect(brute).not.toBeNull();
    const d = await dporSplit(p.s, 1, p.log);
    expect(new Set(d.forms).size).toBe(d.forms.length);
    expect([...d.forms].sort()).toEqual([...new Set(brute!.forms)].sort());
    expect(outcomeSet(d.outcomes)).toEqual(outcomeSet(brute!.outcomes));
  });
});
