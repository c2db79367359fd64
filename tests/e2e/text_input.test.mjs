// Chinese through an input method, plain typing, editing keys, paste and copy
// reach the ImGui text field (the canvas gets no composition events by itself;
// web/platform.js bridges them).
import { run, assert, sleep, clickItem, waitForState } from './harness.mjs';


const waitFor = waitForState;

await run('text input: IME composition, insertText, typing, paste, copy', async (app) => {
  const { page, context } = app;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await clickItem(app, 'nav_profile');
  await sleep(300);
  await clickItem(app, 'org_name');
  await waitFor(app, (s) => s.text_input, 'the text field to take input');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ime', 'the hidden textarea has focus');

  // A real composition: pinyin being composed, then committed.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'zhi', selectionStart: 3, selectionEnd: 3 });
  await cdp.send('Input.imeSetComposition', { text: '质量', selectionStart: 2, selectionEnd: 2 });
  // What is being composed is visible at the caret, over the field (Dear ImGui draws no composition).
  const composing = await page.evaluate(() => {
    const ime = document.getElementById('ime');
    const r = ime.getBoundingClientRect();
    return { cls: ime.className, value: ime.value, opacity: getComputedStyle(ime).opacity, x: r.x, y: r.y, w: r.width, h: r.height };
  });
  const field = (await app.state()).items.org_name;
  assert.equal(composing.cls, 'composing', 'the composition is shown');
  assert.equal(composing.value, '质量');
  assert.equal(composing.opacity, '1');
  assert.ok(composing.x >= field[0] && composing.x < field[0] + field[2] && composing.y >= field[1] - 2 &&
            composing.y + composing.h <= field[1] + field[3] + 2 && composing.w > 20,
            `the composition sits in the field: ${JSON.stringify(composing)} in ${field}`);
  await cdp.send('Input.insertText', { text: '质量奖' });
  await waitFor(app, (s) => s.org_name === '质量奖', 'the composed text');
  assert.equal(await page.evaluate(() => document.getElementById('ime').className), '', 'the composition is hidden once committed');

  // Text inserted without composition (e.g. a handwriting pad).
  await page.keyboard.insertText('申报');
  await waitFor(app, (s) => s.org_name === '质量奖申报', 'inserted text');

  // Plain typing and Backspace.
  await page.keyboard.type('AB', { delay: 50 });
  await page.keyboard.press('Backspace', { delay: 50 });
  await waitFor(app, (s) => s.org_name === '质量奖申报A', 'typing and Backspace');

  // Paste from the system clipboard with Ctrl+V.
  await page.evaluate(() => navigator.clipboard.writeText('（乌鲁木齐）'));
  await page.keyboard.press('Control+V', { delay: 50 });
  await waitFor(app, (s) => s.org_name === '质量奖申报A（乌鲁木齐）', 'pasted text');

  // Select all and copy: the system clipboard receives the field's text.
  await page.keyboard.press('Control+A', { delay: 50 });
  await page.keyboard.press('Control+C', { delay: 50 });
  await sleep(200);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '质量奖申报A（乌鲁木齐）');

  // A character outside the BMP (rare in names) is kept, not replaced.
  await page.keyboard.press('End', { delay: 50 });
  await page.keyboard.insertText('𠮷');
  await waitFor(app, (s) => s.org_name === '质量奖申报A（乌鲁木齐）𠮷', 'a character outside the BMP');

  // Leaving the field hands focus back.
  await page.mouse.click(5, 700);
  await waitFor(app, (s) => !s.text_input, 'the field to be left');
  assert.deepEqual(app.consoleErrors, []);
});
