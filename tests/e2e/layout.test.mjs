// Issue 15: the page on phones and narrow windows, and its text.
// - at 390x844 and 1366x768 no node of any screen lies beyond the page
//   sideways (outside a panel that scrolls sideways);
// - with touch, the menu opens the navigation, a tap moves on, a swipe scrolls;
// - text can be selected, and text found is brought into view.
import { join } from 'node:path';
import { run, assert, sleep, projectRoot, waitForState } from './harness.mjs';
import { text, screens, show } from './screens.mjs';

// Every node inside the viewport sideways, unless it sits in a panel that
// scrolls sideways (a wide table); nothing cut off at a panel's edge.
async function sidewaysOverflow(page) {
  return page.evaluate(() => {
    const out = [];
    const width = window.innerWidth;
    for (const el of document.querySelectorAll('#semantics .sem')) {
      if (el.classList.contains('sem-scroll') || getComputedStyle(el).position !== 'absolute') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || el.closest('[style*="display: none"]')) continue;
      const panel = el.parentElement.closest('.sem-scroll');
      if (panel && panel.dataset.scrollsX) continue;  // the interface scrolls it sideways: reachable
      const p = panel ? panel.getBoundingClientRect() : { left: 0, right: width };
      const left = Math.max(0, p.left), right = Math.min(width, p.right);
      if (r.left < left - 1 || r.right > right + 1) {
        out.push(`${el.tagName} "${(el.getAttribute('aria-label') || el.textContent || '').slice(0, 30)}" ${Math.round(r.left)}..${Math.round(r.right)} (room ${Math.round(left)}..${Math.round(right)})`);
      }
    }
    return out;
  });
}

for (const viewport of [{ width: 390, height: 844 }, { width: 1366, height: 768 }]) {
  await run(`a11y: at ${viewport.width}x${viewport.height} nothing lies beyond the page sideways, on any screen`, async (app) => {
    const failures = [];
    for (const screen of screens) {
      await show(app, screen, 'zh');
      for (const line of await sidewaysOverflow(app.page)) failures.push(`${screen}: ${line}`);
      await app.page.screenshot({ path: join(projectRoot, 'build', 'e2e-screenshots', `a11y-${screen}-${viewport.width}.png`) });
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  }, { viewport });
}

await run('a11y: on a phone (touch, 390x844) the menu opens the navigation, a tap moves on, a swipe scrolls', async (app) => {
  const { page } = app;
  await show(app, 'home', 'zh');
  const menu = page.getByRole('button', { name: text('app.menu'), exact: true });
  assert.equal(await page.locator('nav').count(), 0, 'the navigation is folded away');
  const box = async (locator) => { const b = await locator.boundingBox(); return [b.x + b.width / 2, b.y + b.height / 2, b.height]; };
  const [mx, my, mh] = await box(menu);
  assert.ok(mh >= 44, `the menu button is a finger's target (${mh} CSS px)`);
  await page.touchscreen.tap(mx, my);
  await page.waitForFunction(() => document.querySelector('nav') !== null);
  const link = page.getByRole('link', { name: text('nav.eligibility'), exact: true });
  const [lx, ly, lh] = await box(link);
  assert.ok(lh >= 44, `a navigation entry is a finger's target (${lh} CSS px)`);
  await page.touchscreen.tap(lx, ly);
  await waitForState(app, (s) => s.screen === 2, 'the screen tapped');  // (Screen::eligibility)
  await page.waitForFunction(() => document.querySelector('nav') === null, null, { timeout: 5000 });
  // A swipe up scrolls the content (touch events through the debugger protocol).
  const client = await page.context().newCDPSession(page);
  const before = await page.evaluate(() => document.querySelector('main').scrollTop);
  await client.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 200, y: 700 }] });
  for (let y = 680; y >= 300; y -= 20) await client.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 200, y }] });
  await client.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await sleep(400);
  const after = await page.evaluate(() => document.querySelector('main').scrollTop);
  assert.ok(after > before + 200, `the content scrolled with the finger (${before} -> ${after})`);
  assert.equal((await app.state()).screen, 2, 'a swipe is not a tap');
}, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

await run('a11y: text on the page can be selected and copied, and the browser\'s find brings it into view', async (app) => {
  const { page } = app;
  await show(app, 'eligibility', 'zh');
  // The verdict, selected with the mouse (three clicks select its paragraph).
  const verdict = page.getByRole('status').first();
  const [x, y] = await verdict.boundingBox().then((b) => [b.x + 20, b.y + b.height / 2]);
  await page.mouse.click(x, y, { clickCount: 3 });
  const selected = await page.evaluate(() => window.getSelection().toString());
  assert.ok(selected.includes(text('elig.verdict').split('{')[0]), `the verdict is selected: "${selected}"`);
  // Find: a question below the fold. The browser scrolls the mirror's panel
  // to it and the interface follows (had it not, its next frame would have
  // put the panel back where the canvas is).
  const question = text('elig.q.sanctions');
  const scrollOf = (q) => page.evaluate((q) => {
    const p = [...document.querySelectorAll('#semantics p')].find((e) => e.textContent === q);
    return p.closest('.sem-scroll').scrollTop;
  }, q);
  const before = await scrollOf(question);
  assert.ok(await page.evaluate((q) => window.find(q, false, false, true), question), 'the browser finds the question');
  await sleep(300);
  await page.mouse.move(700, 250);  // frames drawn after the find
  await page.mouse.move(710, 260);
  await sleep(300);
  const after = await scrollOf(question);
  assert.ok(after > before + 100, `the panel holding it scrolled to it, and stayed (${before} -> ${after})`);
}, { viewport: { width: 1366, height: 500 } });

// Issue 16, item 7: a reload returns to the screen and to where it was scrolled.
await run('layout: a reload returns to the screen and its scroll position', async (app) => {
  const { page } = app;
  await show(app, 'assessment', 'zh');
  await page.mouse.move(800, 400);
  for (let i = 0; i < 8; i++) {
    await page.mouse.wheel(0, 300);
    await sleep(60);
  }
  await sleep(500);
  const top = () => page.evaluate(() => document.querySelector('main').scrollTop);
  const before = await top();
  assert.ok(before > 300, `scrolled down (${before} px)`);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
  await sleep(600);
  assert.equal((await app.state()).screen, 3, 'the self-assessment again');  // (Screen::assessment)
  const after = await top();
  assert.ok(Math.abs(after - before) < 30, `scrolled as before the reload (${before} -> ${after} px)`);
});
