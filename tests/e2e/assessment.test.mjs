// Self-assessment in the page: the example draft's scores give the same total
// as the CLI, the item bars open, a long overview is shown wrapped, and the
// scoring sheet downloads as CSV with every item.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, assert, sleep, projectRoot, clickItem, waitForState } from './harness.mjs';

const draft = JSON.parse(readFileSync(join(projectRoot, 'assets/examples/draft.json'), 'utf8'));
const cli = process.env.QAWARD_CLI || join(projectRoot, 'build', 'native', 'bin', 'qaward');

await run('self-assessment: total, item bars, wrapped overview, scoring sheet', async (app) => {
  const { page } = app;
  // The overview as one long paragraph (no line breaks), as people paste it.
  draft.assessment.overview = '公司坚持质量第一，'.repeat(40);
  await page.evaluate((d) => localStorage.setItem('qaward.draft', JSON.stringify(d)), draft);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
  await clickItem(app, 'nav_assessment');
  let state = await app.state();
  const expected = JSON.parse(execFileSync(cli, ['assess', '--input', join(projectRoot, 'assets/examples/assessment.json'), '--format', 'json'], { encoding: 'utf8' }));
  assert.equal(state.assessment_total_centi / 100, expected.total);

  // The item bars: a bar per item (23), under a header that opens.
  assert.ok(state.items.radar, 'the radar is drawn');
  assert.equal(Object.keys(state.items).filter((k) => k.startsWith('item_bar.')).length, 0);
  await clickItem(app, 'item_bars');
  state = await waitForState(app, (s) => Object.keys(s.items).filter((k) => k.startsWith('item_bar.')).length === 23, 'the item bars');
  await page.screenshot({ path: join(projectRoot, 'build', 'e2e-screenshots', '4-assessment.png') });
  await clickItem(app, 'item_bars');  // closed again
  await sleep(300);

  // The long overview is edited in a real text area laid over its frame,
  // wrapped while it is written (issue 14, item 3): scroll down to it.
  const onScreen = (s, name) => s.items[name] && s.items[name][1] >= 0 && s.items[name][1] + s.items[name][3] <= 800;
  await page.mouse.move(700, 300);
  for (let i = 0; i < 60 && !onScreen(await app.state(), 'overview'); i++) {
    await page.mouse.wheel(0, 300);
    await sleep(80);
  }
  state = await app.state();
  assert.ok(onScreen(state, 'overview'), 'the overview in view');
  const overviewArea = () => page.evaluate(() => {
    const el = document.querySelector('textarea.long-text[data-id="overview"]');
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { value: el.value, display: el.style.display, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth,
             rect: [r.x, r.y, r.width, r.height], label: el.getAttribute('aria-label'), focused: document.activeElement === el };
  });
  let area = await overviewArea();
  assert.ok(area && area.display !== 'none', 'a text area over the overview');
  assert.equal(area.value, draft.assessment.overview);
  assert.equal(area.label, '组织概述');
  assert.ok(area.scrollWidth <= area.clientWidth, `wrapped while written: ${area.scrollWidth} > ${area.clientWidth}`);
  const field = state.items.overview;
  for (let k = 0; k < 4; k++) assert.ok(Math.abs(area.rect[k] - field[k]) <= 1.5, `over the frame: ${area.rect} vs ${field}`);
  await page.screenshot({ path: join(projectRoot, 'build', 'e2e-screenshots', '4-assessment-overview.png') });

  // Typed at the end, through the browser's own editing; Escape keeps it.
  await page.click('textarea.long-text[data-id="overview"]');
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('新增一句。');
  await waitForState(app, (s) => s.draft.assessment.overview === draft.assessment.overview + '新增一句。', 'typed text in the draft');
  await page.keyboard.press('Escape');
  await sleep(300);
  state = await app.state();
  assert.equal(state.draft.assessment.overview, draft.assessment.overview + '新增一句。', 'Escape kept the text');
  assert.equal(state.text_input, false, 'the interface took none of the keys');
  // 30,000 characters pasted at once arrive whole, and the counter says so.
  await page.evaluate(() => document.querySelector('textarea.long-text[data-id="overview"]').select());
  await page.keyboard.insertText('质'.repeat(30000));
  state = await waitForState(app, (s) => s.draft.assessment.overview === '质'.repeat(30000), 'the pasted text');
  area = await overviewArea();
  assert.ok(area.focused && area.value.length === 30000, 'still editing the whole text');

  // The scoring sheet as CSV: a row per scored item.
  for (let i = 0; i < 80 && !onScreen(await app.state(), 'export_csv'); i++) { await page.mouse.wheel(0, -300); await sleep(80); }
  const download = page.waitForEvent('download');
  await clickItem(app, 'export_csv');
  const file = await download;
  const csv = readFileSync(await file.path(), 'utf8');
  assert.ok(csv.startsWith('\ufeff'), 'CSV with a BOM for Excel');
  for (const s of draft.assessment.scores) assert.ok(csv.includes(s.item), s.item);
  assert.deepEqual(app.consoleErrors, []);
});
