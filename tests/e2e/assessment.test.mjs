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

  // The long overview is shown wrapped below its editor: scroll down to it.
  const onScreen = (s, name) => s.items[name] && s.items[name][1] >= 0 && s.items[name][1] + s.items[name][3] <= 800;
  await page.mouse.move(700, 500);
  for (let i = 0; i < 60 && !onScreen(await app.state(), 'overview.wrapped'); i++) {
    await page.mouse.wheel(0, 300);
    await sleep(80);
  }
  assert.ok(onScreen(await app.state(), 'overview.wrapped'), 'the wrapped overview');
  await page.screenshot({ path: join(projectRoot, 'build', 'e2e-screenshots', '4-assessment-overview.png') });

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
