/**
 * What DPOR must understand of split-brain (split-brain.ts): whether a write counts depends on its order
 * with the tenures' beginnings and ends (each election's object: begin/end write it, writes read it).
 * Checked against brute force: the same traces, each once, and the same outcomes (split-brain or not).
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../../../src/api/scenario.js';
import { Channel } from '../../../../src/primitives/go/channel.js';
import { context } from '../../../../src/primitives/go/context.js';
import { Cluster } from '../../../../src/primitives/etcd/cluster.js';
import { newSession } from '../../../../src/primitives/etcd/session.js';
import { newElection } from '../../../../src/primitives/etcd/concurrency/election.js';
import { bruteForce, dporSplit } from '../../scheduler/explore-helpers.js';

describe('split-brain: DPOR against brute force', { timeout: 300_000 }, () => {
  it('a leader paused past its lease against the next leader\'s writes', async () => {
    const s = scenario('paused leader', async () => {
      const c = new Cluster();
      const n1 = c.node('n1');
      const n2 = c.node('n2');
      const e1 = newElection(await newSession(n1.client, { ttl: 100 }), '/e');
      await e1.campaign(context.background(), '1'); // main campaigns for n1's session: n1 leads
      const done = new Channel<void>(2);
      n1.go(async () => {
        await n1.client.put('/d', 'x');
        await done.send();
      }, 'n1/w');
      n2.go(async () => {
        const e2 = newElection(await newSession(n2.client, { ttl: 100 }), '/e');
        await e2.campaign(context.background(), '2');
        await n2.client.put('/d', 'y');
        await done.send();
      }, 'n2/w');
      await n1.pause(200);
      await done.recv();
      await done.recv();
    });
    const brute = await bruteForce(s, () => ({}), 50_000);
    expect(brute).not.toBeNull();
    const d = await dporSplit(s, 1, () => ({}));
    expect(new Set(d.forms).size).toBe(d.forms.length);
    expect([...d.forms].sort()).toEqual([...new Set(brute!.forms)].sort());
    const set = (os: { findings: string }[]) => [...new Set(os.map((o) => o.findings))].sort();
    expect(set(d.outcomes)).toEqual(set(brute!.outcomes));
    expect(set(d.outcomes)).toContain('split-brain');
    expect(set(d.outcomes)).toContain('');
  });
});
