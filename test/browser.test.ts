/// <reference lib="dom" />
// The report in a real browser: Debian's chromium driven by playwright-core opens
// report.html from disk, every chart must have rendered (an SVG with marks and a real size),
// the console must stay free of errors, and the page must request nothing but itself.
// A screenshot is left in $TMPDIR/fleetsim-browser-test/report.png for a human to look at.
//
// Needs /usr/bin/chromium (`apt-get install chromium`; .ci/run installs it when missing).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { runToDirectory } from '../src/run.js';
import { writeReport } from '../src/report/index.js';
import type { Scenario } from '../src/domain/index.js';
import { failure, officeWeek } from './helpers/scenarios.js';
import { hasFile, testIf } from './helpers/requires.js';

const CHROMIUM = '/usr/bin/chromium';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-browser-'));
const shotDir = path.join(os.tmpdir(), 'fleetsim-browser-test');
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** office-week for a week, with morning starts of dev-deallocate failing for lack of capacity 30% of the time. */
function scenario(): Scenario {
  const s = officeWeek(20, 7);
  s.groups[0] = { ...s.groups[0]!, failures: { start: failure(0.3, 'AllocationFailed') } };
  return s;
}

testIf(hasFile(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)`)('report.html renders every chart in headless Chromium, offline and without console errors', async () => {
  const outDir = path.join(tmp, 'run');
  await runToDirectory({ scenario: scenario(), file: 'scenarios/office-week.yaml', fileSha256: '0'.repeat(64), overrides: [] }, { outDir, timeline: false });
  // Five replications' totals, so the cost-distribution chart is on the page too.
  fs.writeFileSync(path.join(outDir, 'replications.csv'), 'replication,seed,group,total_cost\n' + [4510.5, 4620.25, 4480, 4555, 4590.75].map((t, k) => `${k},${k + 1},(total),${t}\n`).join(''));
  const report = await writeReport(outDir);
  const url = pathToFileURL(report).href;

  const userDataDir = fs.mkdtempSync(path.join(tmp, 'profile-'));
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-quic'],
      viewport: { width: 1100, height: 900 },
      timeout: 15_000,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url, { waitUntil: 'load', timeout: 10_000 });

    const charts = await page.$$eval('figure.chart', (figs) => figs.map((f) => {
      const svg = f.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      return {
        id: f.id,
        width: box?.width ?? 0,
        height: box?.height ?? 0,
        marks: svg ? svg.querySelectorAll('path, rect, circle, line').length : 0,
        text: svg ? svg.querySelectorAll('text').length : 0,
      };
    }));
    assert.equal(charts.map((c) => c.id), ['chart-power-states', 'chart-hours-by-group', 'chart-cumulative-cost', 'chart-allocation-failures', 'chart-replications']);
    for (const c of charts) {
      assert.ok(c.width > 300 && c.height > 60, `${c.id} is ${c.width}x${c.height}`);
      assert.ok(c.marks > 5, `${c.id} has ${c.marks} marks`);
      assert.ok(c.text > 3, `${c.id} has axis labels`);
    }
    // Nothing overflows its container: every element's box lies within <main>, and no box
    // is wider than its own content area (no hidden columns behind a scrollbar).
    const overflow = await page.$$eval('main *', (els) => {
      const main = document.querySelector('main')!.getBoundingClientRect();
      return els.filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.right > main.right + 1 || r.left < main.left - 1 || (e as HTMLElement).scrollWidth > (e as HTMLElement).clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible');
      }).map((e) => `${e.tagName}.${e.className}`);
    });
    assert.equal(overflow, []);
    // Every chart: a title, axis titles, a legend.
    const parts = await page.$$eval('figure.chart', (figs) => figs.map((f) => ({
      id: f.id, title: f.querySelector('h3')?.textContent ?? '',
      axisTitles: f.querySelectorAll('svg .role-axis-title text').length,
      legends: f.querySelectorAll('svg .role-legend').length,
    })));
    for (const p of parts) {
      assert.ok(p.title.length > 5, `${p.id} has a title`);
      assert.ok(p.axisTitles >= 1, `${p.id} has axis labels`);
      if (p.id !== 'chart-replications') assert.ok(p.legends >= 1, `${p.id} has a legend`);
    }
    // The first paragraph states the answer in numbers.
    assert.match(await page.$eval('p.answer', (e) => e.textContent ?? ''), /cost [\d,.]+ USD/);
    assert.match(await page.title(), 'fleetsim report');
    assert.equal(problems, []);
    assert.equal(requests, [url]);

    fs.mkdirSync(shotDir, { recursive: true });
    await page.screenshot({ path: path.join(shotDir, 'report.png'), fullPage: true });
    assert.ok(fs.statSync(path.join(shotDir, 'report.png')).size > 10_000);
  } finally {
    await context?.close();
  }
});

test.run();
