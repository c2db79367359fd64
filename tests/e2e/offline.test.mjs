// Offline: after the first visit the app loads and works with the network
// off (service worker cache); a changed file is announced on the next visit.
import { join } from 'node:path';
import { run, assert, sleep, projectRoot, clickItem, waitForState } from './harness.mjs';

await run('offline: loads from the cache with the network off', async (app) => {
  const { page, context } = app;
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();  // now controlled by the service worker
  await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the page is controlled');
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true', null, { timeout: 20000 });
  const state = await app.state();
  assert.ok(state.frames_drawn >= 1);
  // The core works offline: eligibility through the bridge.
  const verdict = await page.evaluate(() => JSON.parse(Module.ccall('qa_eligibility', 'string', ['string'], [JSON.stringify({ profile: {}, date: '2026-01-05' })])));
  assert.equal(verdict.outcome, 'needs_information');
  // The workers start from the cache too: a file attached offline is hashed.
  await clickItem(app, 'nav_materials');
  await page.setInputFiles('#attachment-picker', join(projectRoot, 'assets', 'examples', '附件', '申报表.txt'));
  await waitForState(app, (s) => s.draft.attachments.length === 1 && s.draft.attachments[0].checked, 'the attachment hashed offline');
  await context.setOffline(false);
  const errors = app.consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e));
  assert.deepEqual(errors, []);
});

// Issue 14: font slices (web/font/) are not precached at install, but the
// service worker keeps each one the page fetches, so it draws offline later.
await run('offline: a font slice is cached on first fetch', async (app) => {
  const { page, context } = app;
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();  // now controlled by the service worker
  await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
  const index = await page.evaluate(() => JSON.parse(new TextDecoder().decode(Module.FS.readFile('/assets/font/slices.json'))));
  const slice = index.files.find((f) => f.file === 'font/u4e00.otf');
  assert.ok(slice, 'slices.json lists font/u4e00.otf');
  const cachedBefore = await page.evaluate(async (url) => !!(await (await caches.open('qaward-v1')).match(url)), slice.file);
  assert.equal(cachedBefore, false, 'slices are not precached');
  const fetchSlice = (url) => page.evaluate(async (u) => {
    const r = await fetch(u);
    return { status: r.status, type: r.headers.get('Content-Type'), bytes: (await r.arrayBuffer()).byteLength };
  }, url);
  const online = await fetchSlice(slice.file);
  assert.deepEqual(online, { status: 200, type: 'font/otf', bytes: slice.bytes });
  await context.setOffline(true);
  assert.deepEqual(await fetchSlice(slice.file), online, 'the slice comes from the cache offline');
  await context.setOffline(false);
});
