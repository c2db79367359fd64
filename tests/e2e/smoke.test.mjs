// The page becomes ready, draws something, logs no error and asks nothing of
// any origin but its own.
import { writeFileSync } from 'node:fs';
import { run, assert, screenshotStats } from './harness.mjs';

await run('smoke: ready, drawn, quiet, same-origin only', async (app) => {
  const { page } = app;
  console.log(`ready after ${app.readyMs} ms`);
  const shot = await page.screenshot();
  if (process.env.QAWARD_SCREENSHOT) writeFileSync(process.env.QAWARD_SCREENSHOT, shot);
  const stats = await screenshotStats(page, shot);
  console.log(`screenshot: ${stats.colours} colours, ${(stats.nonBackground * 100).toFixed(1)} % non-background`);
  assert.ok(stats.colours > 20 && stats.nonBackground > 0.01, 'the screenshot looks blank');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  const state = await app.state();
  assert.equal(state.language, 'zh');
  assert.ok(state.frames_drawn >= 1);
  assert.equal(state.renderer, 'webgl2', 'WebGL2 where the browser has it');
  assert.deepEqual(app.consoleErrors, [], 'console errors');
  assert.deepEqual(app.foreignRequests, [], 'requests to other origins');
});
