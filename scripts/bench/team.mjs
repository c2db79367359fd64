// Team self-assessment benchmark (issue 17): 20 raters x 23 items. Prints
// the CLI's whole-command time to merge them (median of 10 runs) and, in
// headless Chromium, the main thread's long tasks (over 50 ms, the Long Tasks
// API) while the coordinator imports the 20 files and the comparison is drawn
// (the table, the heat map and the leaders/staff chart opened, scrolled).
// Prints its figures; asserts nothing (goals: README "Benchmarks").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, sleep, projectRoot } from '../../tests/e2e/harness.mjs';

const cli = process.env.QAWARD_CLI || join(projectRoot, 'build', 'native', 'bin', 'qaward');
const criteria = JSON.parse(readFileSync(join(projectRoot, 'assets/criteria/gbt19580-2012.json'), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'qaward-bench-team-'));

// Reproducible made-up scores: a small linear congruential generator.
let seed = 20261129;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const files = [];
for (let r = 0; r < 20; r++) {
  const scores = [];
  for (const category of criteria.categories) {
    for (const item of category.items) {
      const bands = criteria.bands[item.type === 'results' ? 'results' : 'process'];
      const b = Math.floor(random() * bands.length);
      const steps = (bands[b].max - bands[b].min) / 5;
      scores.push({ item: item.id, band: b + 1, percent: bands[b].min + 5 * Math.floor(random() * (steps + 1)), note: '理由'.repeat(20) });
    }
  }
  const id = `R-${String(r + 1).padStart(6, '0')}`;
  const file = join(dir, `评分-评分人${r + 1}-${id}.json`);
  writeFileSync(file, JSON.stringify({ format: 'qaward-rating/1', model: criteria.model,
    rater: { id, name: `评分人${r + 1}`, group: r < 6 ? 'leader' : 'staff', department: '部门' }, scores }));
  files.push(file);
}

// The CLI: the whole command, as a coordinator runs it.
const input = join(projectRoot, 'assets/examples/assessment.json');
const times = [];
for (let i = 0; i < 10; i++) {
  const t0 = process.hrtime.bigint();
  execFileSync(cli, ['assess', '--input', input, '--ratings', ...files, '--format', 'json']);
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
console.log(`CLI merge, 20 raters x 23 items (whole command): median ${times[5].toFixed(1)} ms, max ${times[9].toFixed(1)} ms (goal < 50 ms)`);

// The browser: the example draft, the 20 files imported on the self-assessment screen.
const app = await openApp({ viewport: { width: 1366, height: 768 } });
try {
  const { page } = app;
  const draft = JSON.parse(readFileSync(join(projectRoot, 'assets/examples/draft.json'), 'utf8'));
  await page.evaluate((d) => { localStorage.setItem('qaward.draft', JSON.stringify(d)); localStorage.setItem('qaward.screen', 'assessment'); }, draft);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
  await sleep(500);
  await page.evaluate(() => {
    window.benchMirror = [];
    const sync = QA.syncSemantics;
    QA.syncSemantics = (u) => { const t = performance.now(); sync(u); window.benchMirror.push([u.nodes.length, Math.round(performance.now() - t)]); };
    window.benchLongTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.benchLongTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: false });
  });
  const framesBefore = (await app.state()).frame_ms.length;
  const t0 = Date.now();
  await page.setInputFiles('#rating-picker', files);
  for (let i = 0; i < 200 && (await app.state()).draft.assessment.raters.length < 25; i++) await sleep(50);
  const imported = Date.now() - t0;
  await sleep(500);
  const duringImport = await page.evaluate(() => window.benchLongTasks.length);
  const raters = (await app.state()).draft.assessment.raters.length;
  // Open the comparison and scroll through it, as the coordinator reads it.
  const open = async (name) => {
    for (let i = 0; i < 60; i++) {
      const r = (await app.state()).items[name];
      if (r && r[1] > 0 && r[1] + r[3] < 768) { await page.mouse.click(r[0] + r[2] / 2, r[1] + r[3] / 2); await sleep(300); return; }
      await page.mouse.move(800, 400);
      await page.mouse.wheel(0, 250);
      await sleep(60);
    }
  };
  const mark = async (what) => { if (process.env.DETAIL) console.log(what, 'at frame', (await app.state()).frame_ms.length - framesBefore); };
  await mark('heat map');
  await open('heat_map');
  await mark('groups');
  await open('groups_open');
  await mark('scrolling');
  for (let i = 0; i < 30; i++) { await page.mouse.wheel(0, 200); await sleep(60); }
  await sleep(500);
  const long = await page.evaluate(() => window.benchLongTasks);
  const frames = (await app.state()).frame_ms;
  if (process.env.DETAIL) {
    const st = await app.state();
    console.log('frames', frames.slice(framesBefore, framesBefore + 60).map((d) => d.toFixed(0)).join(' '));
    console.log('mirror JS (nodes, ms)', JSON.stringify((await page.evaluate(() => window.benchMirror)).filter((m) => m[1] > 5)));
    console.log('mirror', st.semantics_ms.slice(-(frames.length - framesBefore)).slice(0, 60).map((d) => d.toFixed(0)).join(' '));
  }
  const drawn = frames.slice(-Math.min(frames.length, frames.length - framesBefore)).sort((a, b) => a - b);
  const worst = long.length ? Math.max(...long).toFixed(0) + ' ms' : 'none';
  if (process.env.DETAIL) console.log('long tasks', long.map((d) => d.toFixed(0)).join(' '), 'of which while importing', duringImport);
  console.log(`Browser, frames drawn while importing and reading: ${drawn.length}, median ${drawn[drawn.length >> 1].toFixed(1)} ms, ` +
              `longest ${drawn[drawn.length - 1].toFixed(1)} ms`);
  console.log(`Browser, 20 rating files imported (${raters} raters with the example's 5) in ${imported} ms; ` +
              `main-thread tasks over 50 ms while importing and drawing: ${long.length} (longest ${worst}) (goal: none)`);
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
