// A browser that cannot run the app is told so, in Chinese and English, with
// what is missing and what to use instead, instead of an endless "Loading…"
// (issue 20, item 3; web/check.js). The app's own scripts are then not loaded.
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
  assert.match(status.text, /Chrome 或 Edge 108/);
  assert.match(status.text, /lacks what the app needs \(WebAssembly\)/);
  assert.ok(!app.requested.some((u) => u.endsWith('/qaward.js') || u.endsWith('/platform.js')), 'the app is not loaded');
  assert.deepEqual(app.consoleErrors, []);
}, { initScript: () => { delete window.WebAssembly; }, ready: 'unsupported' });
