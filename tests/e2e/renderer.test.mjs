// The page works without WebGL2 (issue 20, items 1-2): WebGL1 where only that
// exists; cloud desktops and blocklisted GPUs get the software renderer
// (app/gui/render_cpu.hpp) drawing into a 2D canvas, chosen by itself when
// WebGL is missing, asked for with ?renderer=cpu, or taking over from a lost
// context that does not come back. The home page says which is in use.
import { run, assert, sleep, clickItem, waitForState, screenshotStats, NO_WEBGL_ARGS } from './harness.mjs';

// A click and typing reach the interface, and what is typed is drawn.
async function typingIsDrawn(app) {
  const { page } = app;
  await clickItem(app, 'nav_profile');
  await sleep(300);
  const field = (await app.state()).items.org_name;
  const clip = { x: field[0], y: field[1], width: field[2], height: field[3] };
  const before = await page.screenshot({ clip });
  await clickItem(app, 'org_name');
  await page.keyboard.insertText('天山精工');
  await waitForState(app, (s) => s.org_name === '天山精工', 'typed text');
  await sleep(300);
  assert.ok(!before.equals(await page.screenshot({ clip })), 'the typed name is drawn in the field');
}

// The GL state the page records as it sets it (web/platform.js glState, which
// answers Dear ImGui's state queries) agrees with WebGL's own answers; and a
// change made behind the record's back is caught, so the check can fail.
async function glStateAgrees(app) {
  assert.deepEqual(await app.page.evaluate(() => QA.glStateMismatches()), [], 'the recorded GL state is WebGL\'s');
  const caught = await app.page.evaluate(() => {
    const canvas = document.getElementById('canvas');
    const gl = canvas.getContext('webgl2') || canvas.getContext('webgl');
    Object.getPrototypeOf(gl).blendEquation.call(gl, gl.FUNC_SUBTRACT);  // behind the record's back
    const found = QA.glStateMismatches();
    Object.getPrototypeOf(gl).blendEquation.call(gl, gl.FUNC_ADD);
    return found;
  });
  assert.ok(caught.length > 0, 'a change behind the record is caught');
}

async function worksInSoftware(app) {
  const { page } = app;
  const state = await app.state();
  assert.equal(state.renderer, 'cpu');
  assert.ok(state.items.renderer, 'the home page says how it draws');
  const stats = await screenshotStats(page, await page.screenshot());
  assert.ok(stats.colours > 20 && stats.nonBackground > 0.01, `drawn: ${JSON.stringify(stats)}`);
  // Idle: nothing drawn without input (once the frames that follow loading are drawn).
  await sleep(500);
  const frames = (await app.state()).frames_drawn;
  await sleep(1000);
  assert.equal((await app.state()).frames_drawn, frames, 'no frames while idle');
  await typingIsDrawn(app);
  assert.deepEqual(app.consoleErrors, []);
}

await run('renderer: without WebGL the page draws in software', async (app) => {
  assert.equal(await app.page.evaluate(() => {
    const c = document.createElement('canvas');
    return !!(c.getContext('webgl2') || c.getContext('webgl'));
  }), false, 'this browser really has no WebGL');
  await worksInSoftware(app);
}, { args: NO_WEBGL_ARGS });

await run('renderer: ?renderer=cpu asks for the software renderer', worksInSoftware, { path: '/?renderer=cpu' });

// A lost WebGL context (a virtual desktop reconnecting, a driver reset) that
// comes back: the page draws again, and what was typed is still there (issue 20, item 2).
await run('renderer: a WebGL context lost and restored draws again, keeping what was typed', async (app) => {
  const { page } = app;
  await clickItem(app, 'nav_profile');
  await sleep(300);
  await clickItem(app, 'org_name');
  await page.keyboard.insertText('天山精工');
  await waitForState(app, (s) => s.org_name === '天山精工', 'typed text');
  await page.evaluate(() => new Promise((resolve) => {
    const canvas = document.getElementById('canvas');
    const ext = canvas.getContext('webgl2').getExtension('WEBGL_lose_context');
    canvas.addEventListener('webglcontextlost', () => setTimeout(() => ext.restoreContext(), 200), { once: true });
    canvas.addEventListener('webglcontextrestored', () => setTimeout(resolve, 50), { once: true });
    ext.loseContext();
  }));
  await page.mouse.move(600, 400);  // any input draws a frame
  await sleep(600);
  const stats = await screenshotStats(page, await page.screenshot());
  assert.ok(stats.colours > 20 && stats.nonBackground > 0.01, `drawn again: ${JSON.stringify(stats)}`);
  await page.keyboard.insertText('有限公司');
  const state = await waitForState(app, (s) => s.org_name === '天山精工有限公司', 'typing goes on');
  assert.equal(state.renderer, 'webgl2');
  await glStateAgrees(app);  // the record was forgotten with the context, and made again
  assert.deepEqual(app.consoleErrors, []);
});

// A lost context that never comes back (the GPU blocklisted or gone after a
// reconnect): after a wait the software renderer takes over, in a canvas laid
// over the old one, and the page goes on as it was (issue 20, item 2).
await run('renderer: a WebGL context that does not come back is replaced by the software renderer', async (app) => {
  const { page } = app;
  await clickItem(app, 'nav_profile');
  await clickItem(app, 'org_name');
  await page.keyboard.insertText('天山精工');
  await waitForState(app, (s) => s.org_name === '天山精工', 'typed text');
  await page.evaluate(() => document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context').loseContext());
  await sleep(500);
  assert.equal((await app.state()).renderer, 'webgl2', 'it waits for the context first');
  await waitForState(app, (s) => s.renderer === 'cpu', 'the software renderer', 10000);
  await sleep(500);
  const stats = await screenshotStats(page, await page.screenshot());
  assert.ok(stats.colours > 20 && stats.nonBackground > 0.01, `drawn again: ${JSON.stringify(stats)}`);
  // The mouse reaches the interface through the new canvas; typing goes on where it was.
  await clickItem(app, 'org_name');
  await page.keyboard.press('End');
  await page.keyboard.insertText('有限公司');
  const state = await waitForState(app, (s) => s.org_name === '天山精工有限公司', 'typing goes on');
  assert.equal(state.renderer, 'cpu');
  await clickItem(app, 'nav_home');
  await waitForState(app, (s) => s.screen === 0, 'a click moves on');
  assert.deepEqual(app.consoleErrors, []);
});

// A browser with WebGL but not WebGL2 (older GPUs and drivers, some cloud
// desktops): the same OpenGL backend built for WebGL1 draws (issue 20, item 1).
const onlyWebGL1 = () => {
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    return type === 'webgl2' ? null : getContext.call(this, type, ...rest);
  };
};
await run('renderer: with WebGL1 only, the page draws with WebGL1', async (app) => {
  const { page } = app;
  const state = await app.state();
  assert.equal(state.renderer, 'webgl1');
  assert.ok(state.items.renderer, 'the home page says how it draws');
  let stats = await screenshotStats(page, await page.screenshot());
  assert.ok(stats.colours > 20 && stats.nonBackground > 0.01, `drawn: ${JSON.stringify(stats)}`);
  await typingIsDrawn(app);
  // Another screen draws too (its glyphs rasterised into the WebGL1 texture).
  await clickItem(app, 'nav_home');
  stats = await screenshotStats(page, await page.screenshot());
  assert.ok(stats.colours > 20 && stats.nonBackground > 0.01, `drawn: ${JSON.stringify(stats)}`);
  await glStateAgrees(app);
  assert.deepEqual(app.consoleErrors, []);
}, { initScript: onlyWebGL1 });
