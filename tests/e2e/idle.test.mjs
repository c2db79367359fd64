// Idle means idle: with no input the page draws no frames; input, a resize and
// an active text field (caret blink) draw; the language switch redraws in English.
import { run, assert, sleep } from './harness.mjs';

await run('idle: no frames without input; frames on input and resize', async (app) => {
  const { page } = app;
  await sleep(500); // let the start-up frames settle
  const before = (await app.state()).frames_drawn;
  await sleep(2000);
  const idle = (await app.state()).frames_drawn - before;
  console.log(`frames drawn in 2 s idle: ${idle}`);
  assert.equal(idle, 0, 'frames were drawn while idle');

  await page.mouse.move(300, 300);
  await page.mouse.move(320, 310);
  await sleep(200);
  const afterMove = (await app.state()).frames_drawn;
  assert.ok(afterMove > before, 'mouse movement draws a frame');

  await page.setViewportSize({ width: 900, height: 700 });
  await sleep(300);
  const resized = await app.state();
  assert.ok(resized.frames_drawn > afterMove, 'a resize draws a frame');
  const [navX, , navWidth] = resized.items.nav_home;
  assert.ok(navX + navWidth < 900, `the layout follows the new width (navigation ends at ${navX + navWidth} px)`);

  // The language switch: the document's lang follows, the layout is redrawn.
  const [x, y, w, h] = resized.items.language_switch;
  await page.mouse.click(x + w / 2, y + h / 2);
  await sleep(300);
  assert.equal((await app.state()).language, 'en');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.deepEqual(app.consoleErrors, []);
});

await run('HiDPI: the backing store is CSS size x devicePixelRatio', async (app) => {
  const size = await app.page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight };
  });
  assert.equal(size.w, size.cssW * 2);
  assert.equal(size.h, size.cssH * 2);
  const state = await app.state();
  assert.equal(state.dpr, 2);
  // Widget rectangles come back in CSS pixels: the navigation (15 lines of
  // body text wide, 345 CSS px) holds an entry about 315 px wide, not twice that.
  assert.ok(state.items.nav_home[2] > 250 && state.items.nav_home[2] < 400, `nav is ${state.items.nav_home[2]} px`);
}, { deviceScaleFactor: 2 });
