// A browser that cannot run the app is told so, in Chinese and English, with
// what is missing and what to use instead, instead of an endless "Loading…"
// (issue 20, item 3; web/check.js). The app's own scripts are then not run.
import { run, assert } from './harness.mjs';

await run('unsupported: a browser without WebAssembly is told what is missing and what to use', async (app) => {
  const { page } = app;
  const status = await page.evaluate(() => {
    const el = document.getElementById('status');
    return { text: el.textContent, cls: el.className, visible: getComputedStyle(el).display !== 'none' };
  });
  assert.ok(status.visible, 'the message is on screen');
  assert.equal(status.cls, 'error');
  assert.match(status.text, /缺少本工具需要的功能（WebAssembly）/);
  assert.match(status.text, /Chrome 或 Edge 97/);
  assert.match(status.text, /lacks what the app needs \(WebAssembly\)/);
  // Its scripts may have been fetched ahead (preload), but they did not run.
  assert.ok(!app.requested.some((u) => u.endsWith('/qaward_worker.js')), 'no worker started');
  assert.equal(await page.evaluate(() => typeof window.QA + ' ' + typeof window.Module), 'undefined undefined', 'the app did not run');
  assert.deepEqual(app.consoleErrors, []);
}, { initScript: () => { delete window.WebAssembly; }, ready: 'unsupported' });
