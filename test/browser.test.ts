/// <reference lib="dom" />
// The report in a real browser: Debian's chromium driven by playwright-core opens
// report.html from disk (a run's with capacity, disks and replications; a sweep's; a
// replicated run's) at 1100 and 720 px: every chart must have rendered (an SVG with marks
// and a real size) with a title, axis titles and a legend, nothing may overflow its
// container, the console must stay free of errors, and the page must request nothing but
// itself. Screenshots are left in $TMPDIR/fleetsim-browser-test/ for a human to look at.
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
import { main } from '../src/cli/main.js';
import { failure, officeWeek } from './helpers/scenarios.js';
import { hasFile, testIf } from './helpers/requires.js';

const CHROMIUM = '/usr/bin/chromium';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-browser-'));
const shotDir = path.join(os.tmpdir(), 'fleetsim-browser-test');
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * office-week for a week in one region of limited vCPUs, dev-deallocate with disks and IPs:
 * morning starts of dev-deallocate fail for lack of capacity 30% of the time.
 */
function scenario(): Scenario {
  const s = officeWeek(20, 7);
  s.capacity = [{ name: 'westeurope', vcpus: 200, zones: [{ name: '1', vcpus: 100 }] }];
  s.groups[0] = {
    ...s.groups[0]!,
    region: 'westeurope',
    zone: '1',
    diskPerHour: 0.0066,
    publicIpPerHour: 0.005,
    failures: { start: failure(0.3, 'AllocationFailed') },
  };
  s.groups[1] = { ...s.groups[1]!, region: 'westeurope' };
  return s;
}

const haveChromium = hasFile(CHROMIUM);
const browserTest = testIf(haveChromium, `${CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)`);

/**
 * Opens a report page at two widths and checks what every page must have: each chart
 * rendered (an SVG with marks and a real size), a title, axis titles and a legend; no element
 * outside <main> or wider than its content box; no console error; no request but the page.
 */
async function checkPage(file: string, expectedIds: string[], shot: string): Promise<{ answer: string; title: string }> {
  const url = pathToFileURL(file).href;
  const userDataDir = fs.mkdtempSync(path.join(tmp, 'profile-'));
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
      viewport: { width: 1100, height: 900 },
      timeout: 15_000,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    let first: { answer: string; title: string } | null = null;
    for (const width of [1100, 720]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(url, { waitUntil: 'load', timeout: 10_000 });
      const charts = await page.$$eval('figure.chart', (figs) =>
        figs.map((f) => {
          const svg = f.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          return {
            id: f.id,
            width: box?.width ?? 0,
            height: box?.height ?? 0,
            marks: svg ? svg.querySelectorAll('path, rect, circle, line').length : 0,
            text: svg ? svg.querySelectorAll('text').length : 0,
          };
        }),
      );
      assert.equal(
        charts.map((c) => c.id),
        expectedIds.map((id) => `chart-${id}`),
      );
      for (const c of charts) {
        assert.ok(c.width > 300 && c.height > 60, `${c.id} is ${c.width}x${c.height} at ${width} px`);
        assert.ok(c.marks > 5, `${c.id} has ${c.marks} marks`);
        assert.ok(c.text > 3, `${c.id} has axis labels`);
      }
      // Nothing overflows its container: every element's box lies within <main>, and no box
      // is wider than its own content area (no hidden columns behind a scrollbar).
      const overflow = await page.$$eval('main *', (els) => {
        const main = document.querySelector('main')!.getBoundingClientRect();
        return els
          .filter((e) => {
            const r = e.getBoundingClientRect();
            return (
              r.width > 0 &&
              (r.right > main.right + 1 ||
                r.left < main.left - 1 ||
                ((e as HTMLElement).scrollWidth > (e as HTMLElement).clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'))
            );
          })
          .map((e) => `${e.tagName}.${e.className}`);
      });
      assert.equal(overflow, [], `overflow at ${width} px`);
      assert.is(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, `no horizontal scroll at ${width} px`);
      // Every chart: a title, axis titles, a legend.
      const parts = await page.$$eval('figure.chart', (figs) =>
        figs.map((f) => ({
          id: f.id,
          title: f.querySelector('h3')?.textContent ?? '',
          axisTitles: f.querySelectorAll('svg .role-axis-title text').length,
          legends: f.querySelectorAll('svg .role-legend').length,
        })),
      );
      for (const p of parts) {
        assert.ok(p.title.length > 5, `${p.id} has a title`);
        assert.ok(p.axisTitles >= 1, `${p.id} has axis labels`);
        assert.ok(p.legends >= 1, `${p.id} has a legend`);
      }
      first ??= { answer: await page.$eval('p.answer', (e) => e.textContent ?? ''), title: await page.title() };
      fs.mkdirSync(shotDir, { recursive: true });
      await page.screenshot({ path: path.join(shotDir, `${shot}-${width}.png`), fullPage: true });
      assert.ok(fs.statSync(path.join(shotDir, `${shot}-${width}.png`)).size > 10_000);
    }
    assert.equal(problems, []);
    assert.equal([...new Set(requests)], [url]);
    return first!;
  } finally {
    await context?.close();
  }
}

browserTest('report.html of a run renders every chart in headless Chromium, offline and without console errors', async () => {
  const outDir = path.join(tmp, 'run');
  await runToDirectory({ scenario: scenario(), file: 'scenarios/office-week.yaml', fileSha256: '0'.repeat(64), overrides: [] }, { outDir, timeline: false });
  // Five replications' totals, so the cost-distribution chart is on the page too.
  fs.writeFileSync(
    path.join(outDir, 'replications.csv'),
    'replication,seed,group,total_cost\n' + [4510.5, 4620.25, 4480, 4555, 4590.75].map((t, k) => `${k},${k + 1},(total),${t}\n`).join(''),
  );
  const report = await writeReport(outDir);
  const page = await checkPage(
    report,
    ['power-states', 'hours-by-group', 'cumulative-cost', 'cost-by-group', 'capacity', 'allocation-failures', 'replications'],
    'report',
  );
  // The first paragraph states the answer in numbers.
  assert.match(page.answer, /cost [\d,.]+ USD/);
  // 20 x 4 vCPUs of dev-deallocate fit zone 1 (100); with 20 x 8 of build-stop the region (200) is full.
  assert.match(page.answer, 'Peak vCPUs in use: westeurope 200 of 200 (100%), westeurope/1 80 of 100 (80%).');
  assert.match(page.title, 'fleetsim report');
});

browserTest("the sweep page and a replicated run's page render in headless Chromium", async () => {
  const file = path.join(tmp, 'ow.json');
  const s = scenario();
  // A scenario file for the study commands: the same fleet, smaller.
  fs.writeFileSync(
    file,
    JSON.stringify({
      name: 'ow',
      start: '2026-01-05T00:00:00Z',
      horizon: '3d',
      seed: 3,
      sizes: Object.fromEntries(s.sizes.map((z) => [z.name, { vcpus: z.vcpus, pricePerHour: z.pricePerHour }])),
      durations: { start: { starting: { dist: 'lognormal', mean: '40s', sigma: 0.5 } } },
      failures: { start: { probability: 0.1, code: 'InternalOperationError' } },
      groups: [
        { name: 'dev-deallocate', count: 12, size: 'Standard_D4s_v5', charges: { diskPerHour: 0.0066, publicIpPerHour: 0.005 } },
        { name: 'build-stop', count: 8, size: 'Standard_D8s_v5' },
      ],
      schedules: [
        { operation: 'deallocate', groups: ['dev-deallocate'], every: 'daily', time: '19:00' },
        { operation: 'stop', groups: ['build-stop'], every: 'daily', time: '19:00' },
        { operation: 'start', groups: ['dev-deallocate', 'build-stop'], every: 'daily', time: '07:00', from: '1d' },
      ],
    }),
  );
  const io = { out: () => {}, err: () => {}, isTTY: false };
  const sweep = path.join(tmp, 'sweep');
  assert.is(
    await main(
      [
        'sweep',
        file,
        '--param',
        'billing.preset=azure-2018,azure-2023',
        '--param',
        'billing.granularity=second,minute',
        '-r',
        '4',
        '-w',
        '2',
        '--baseline',
        'billing.preset=azure-2018',
        '--baseline',
        'billing.granularity=second',
        '--out',
        sweep,
        '-q',
      ],
      io,
    ),
    0,
  );
  const page = await checkPage(path.join(sweep, 'report.html'), ['sweep-cost', 'sweep-differences', 'sweep-groups', 'sweep-replications'], 'sweep');
  assert.match(page.answer, /the cheapest is point \d/);
  assert.match(page.title, 'fleetsim sweep');
  const reps = path.join(tmp, 'reps');
  assert.is(await main(['run', file, '-r', '4', '-w', '2', '--no-timeline', '--out', reps, '-q'], io), 0);
  await checkPage(
    path.join(reps, 'report.html'),
    ['power-states', 'hours-by-group', 'cumulative-cost', 'cost-by-group', 'replications', 'group-intervals'],
    'replications',
  );
});

test.run();
