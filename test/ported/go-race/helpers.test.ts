/**
 * The checks of this folder can fail: expectRace rejects a scenario without the race (or with a race
 * on another variable), expectNoRace rejects a racy one, an incomplete exploration, or a tolerated
 * kind standing in for another.
 */
import { describe, expect, it } from 'vitest';
import { Channel, go, scenario, shared } from '../../../src/index.js';
import { expectNoRace, expectRace } from './helpers.js';

const racy = scenario('racy', async () => {
  const x = shared('x', 0);
  const ch = new Channel<boolean>(1, { name: 'ch' });
  go(async () => {
    await x.write(1);
    await ch.send(true);
  });
  await x.write(2);
  await ch.recv();
});

const ordered = scenario('ordered', async () => {
  const x = shared('x', 0);
  const ch = new Channel<boolean>(1, { name: 'ch' });
  go(async () => {
    await x.write(1);
    await ch.send(true);
  });
  await ch.recv();
  await x.write(2);
});

const leaky = scenario('leaky', async () => {
  const x = shared('x', 0);
  const ch = new Channel<boolean>(0, { name: 'ch' });
  go(async () => {
    await x.write(1);
    await ch.send(true); // nobody receives
  });
  await x.write(2);
});

describe('the checks can fail', () => {
  it('expectRace passes on a race on the named variable', async () => {
    await expectRace(racy, 'x');
  });
  it('expectRace fails without a race', async () => {
    await expect(expectRace(ordered, 'x')).rejects.toThrow(/expected data-race on 'x'/);
  });
  it('expectRace fails when the race is on another variable', async () => {
    await expect(expectRace(racy, 'y')).rejects.toThrow(/expected data-race on 'y'/);
  });
  it('expectRace fails when the race is of another kind', async () => {
    await expect(expectRace(racy, 'x', { kind: 'concurrent-map-write' })).rejects.toThrow(/expected concurrent-map-write/);
  });
  it('expectNoRace passes on an ordered program, and fails on a racy one', async () => {
    await expectNoRace(ordered);
    await expect(expectNoRace(racy)).rejects.toThrow(/expected no findings/);
  });
  it('a tolerated leak does not hide a race', async () => {
    await expect(expectNoRace(leaky, { allow: ['leak'] })).rejects.toThrow(/expected no findings/);
  });
});
