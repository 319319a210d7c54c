/**
 * The `--html` trace viewer, opened in a real browser: headless Chromium (Debian's `chromium` package, which
 * `.ci/run` installs when missing) driven by playwright-core. The test writes the pages with the CLI, checks
 * the lanes, the happens-before edges, the highlighted finding (the race's two accesses, the deadlock's final
 * waits and who holds what), stepping and the source panel, and saves screenshots in test-results/.
 *
 * Outside CI, with no browser installed, the browser tests are skipped with a message; in CI (CI set) a
 * missing browser fails them.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCI } from '../../src/report/progress.js';
import { E2E_TIMEOUT, ROOT, oneLine, simcc } from './cli.js';

const CANDIDATES = [process.env['SIMCC_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const browserPath = CANDIDATES.find((p): p is string => !!p && existsSync(p));
const SHOTS = path.join(ROOT, 'test-results');

if (!browserPath && !inCI(process.env)) {
  process.stderr.write('html.test.ts: no Chromium found (apt-get install chromium, or set SIMCC_CHROMIUM): the browser tests are skipped\n');
}

describe('--html: the page is written', { timeout: E2E_TIMEOUT }, () => {
  it('one self-contained file: no network (no src/href to anything), the data and the reproduce command inline', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'simcc-html-'));
    try {
      const out = path.join(dir, 'race.html');
      const r = await simcc(['run', 'test/fixtures/counter.ts', '--html', out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`wrote the trace of data-race to ${out}`);
      const html = readFileSync(out, 'utf8');
      expect(html).not.toMatch(/\s(src|href)\s*=/i);
      expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);
      expect(html).toContain("default-src 'none'");
      expect(html).toContain('node bin/simcc.js replay test/fixtures/counter.ts --schedule');
      // replay --html draws the replayed execution.
      const schedule = /--schedule &#39;([^&]+)&#39;/.exec(html)![1]!;
      const again = path.join(dir, 'replay.html');
      const rr = await simcc(['replay', 'test/fixtures/counter.ts', '--schedule', schedule, '--html', again]);
      expect(rr.code).toBe(1);
      expect(readFileSync(again, 'utf8')).toContain('"kind":"data-race"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing folder for the page is a usage error before the run', async () => {
    const r = await simcc(['run', 'test/fixtures/counter.ts', '--html', 'no/such/dir/x.html']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe('error: --html no/such/dir/x.html: no such folder: no/such/dir');
  });

  it('no finding: no page, and a line that says so', async () => {
    const out = path.join(tmpdir(), `simcc-never-${process.pid}.html`);
    const r = await simcc(['run', 'test/fixtures/counter-fixed.ts', '--runs', '5', '--html', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('--html: no finding, so no page was written');
    expect(existsSync(out)).toBe(false);
  });
});

describe.skipIf(!browserPath && !inCI(process.env))('--html in Chromium', { timeout: E2E_TIMEOUT }, () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    if (!browserPath) throw new Error('CI: no Chromium found (.ci/run installs the Debian package chromium)');
    browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
    dir = mkdtempSync(path.join(tmpdir(), 'simcc-html-'));
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(args: string[], name: string): Promise<Page> {
    const out = path.join(dir, `${name}.html`);
    const r = await simcc([...args, '--html', out]);
    expect(r.code).toBe(1);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requests: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) requests.push(req.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(out).href);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    return page;
  }

  const laneNames = (page: Page) => page.$$eval('[data-lane]', (els) => els.map((e) => e.textContent));

  it('a data race: a lane per goroutine, edges between lanes, the two racing accesses marked', async () => {
    const page = await open(['run', 'scenarios/ch01-mutex/counter-no-lock.ts'], 'race');
    expect(await laneNames(page)).toEqual(['main', 'worker-0', 'worker-1']);
    // go → start edges from main to each worker, and worker-1's Done → main's... at least one edge per worker.
    const edges = await page.$$eval('path.edge', (els) => els.map((e) => [e.getAttribute('data-from-thread'), e.getAttribute('data-to-thread')]));
    expect(edges).toContainEqual(['0', '1']);
    expect(edges).toContainEqual(['0', '2']);
    // The race: the two accesses, on two different lanes, are the marked steps.
    const marked = await page.$$eval('.event.marked', (els) => els.map((e) => [e.getAttribute('data-thread'), e.querySelector('text')!.textContent]));
    expect(marked).toHaveLength(2);
    expect(new Set(marked.map((m) => m[0])).size).toBe(2);
    for (const [, what] of marked) expect(what).toMatch(/^(read|write) count/);
    // The first marked step is selected, with its source line.
    await expect(page.textContent('#step-info')).resolves.toMatch(/counter-no-lock\.ts:24:23/);
    await expect(page.textContent('#source .line.current')).resolves.toContain('count.update');
    await expect(page.textContent('#reproduce')).resolves.toContain('--schedule');
    await page.screenshot({ path: path.join(SHOTS, 'html-race.png'), fullPage: true });
    await page.close();
  });

  it('stepping forward and back, and clicking a step, moves the selection and the source line', async () => {
    const page = await open(['run', 'scenarios/ch01-mutex/counter-no-lock.ts'], 'steps');
    const selected = () => page.getAttribute('.event.selected', 'data-row');
    await page.click('.event[data-row="3"]');
    const first = Number(await selected());
    expect(first).toBe(3);
    await page.click('#forward');
    expect(Number(await selected())).toBe(first + 1);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(Number(await selected())).toBe(first - 1);
    await page.click('.event[data-row="1"]');
    expect(await selected()).toBe('1');
    await expect(page.textContent('#step-info')).resolves.toContain('add(2)');
    await expect(page.textContent('#source .line.current')).resolves.toContain('wg.add(2)');
    await page.close();
  });

  it('a deadlock cycle: both goroutines marked at their final wait, and a "waits for" arrow each way', async () => {
    const page = await open(['run', 'scenarios/ch03-mutex-pitfalls/lock-order-deadlock.ts'], 'deadlock');
    expect(await laneNames(page)).toEqual(['main', 'police-station', 'property-office']);
    const heads = await page.$$eval('.lane-head.involved', (els) => els.map((e) => e.textContent));
    expect(heads).toEqual(['police-station', 'property-office']);
    const waits = await page.$$eval('path.wait-edge', (els) => els.map((e) => [e.getAttribute('data-from-thread'), e.getAttribute('data-to-thread')]));
    expect(waits.sort()).toEqual([['1', '2'], ['2', '1']]);
    const marked = await page.$$eval('.event.marked', (els) => els.map((e) => e.getAttribute('data-thread')));
    expect(marked.sort()).toEqual(['1', '2']);
    await expect(page.textContent('#step-info')).resolves.toMatch(/final wait: lock of Mutex/);
    await page.screenshot({ path: path.join(SHOTS, 'html-deadlock.png'), fullPage: true });
    await page.close();
  });

  it('explore --html draws a channel hand-off: send → receive between lanes', async () => {
    const page = await open(['explore', 'scenarios/ch13-channel/send-on-closed.ts'], 'explore');
    const lanes = await laneNames(page);
    expect(lanes.length).toBeGreaterThanOrEqual(2);
    expect(await page.$$eval('path.edge', (els) => els.length)).toBeGreaterThan(0);
    expect(await page.$$eval('.event.marked', (els) => els.length)).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'html-explore.png'), fullPage: true });
    await page.close();
  });
});
