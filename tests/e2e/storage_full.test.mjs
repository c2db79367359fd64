// A browser whose storage is full (or disabled) refuses to keep the draft or
// the key: the user is told so, with what to do, and nothing else breaks.
import { join } from 'node:path';
import { run, assert, clickItem, waitForState, projectRoot, createKey } from './harness.mjs';

await run('storage full: the draft and the key are reported as not kept', async (app) => {
  const { page } = app;
  await page.evaluate(() => {
    window.__setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  await clickItem(app, 'nav_profile');
  await clickItem(app, 'org_name');
  await page.keyboard.insertText('天山精工');
  await waitForState(app, (s) => s.org_name === '天山精工' && s.draft_unsaved, 'the unsaved draft');
  await page.screenshot({ path: join(projectRoot, 'build', 'e2e-screenshots', 'storage-full.png') });

  await createKey(app, '存储已满时的口令 2026');
  const state = await waitForState(app, (s) => s.notice.includes('拒绝保存'), 'the key not kept');
  assert.match(state.notice, /qaward keygen/);

  // Storage back: the next change is kept and the warning goes.
  await page.evaluate(() => { Storage.prototype.setItem = window.__setItem; });
  await clickItem(app, 'nav_profile');
  await clickItem(app, 'org_name');
  await page.keyboard.insertText('公司');
  await waitForState(app, (s) => s.org_name === '天山精工公司' && !s.draft_unsaved, 'the saved draft');
  const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('qaward.draft')));
  assert.equal(saved.profile.organization.name, '天山精工公司');
  assert.deepEqual(app.consoleErrors.filter((e) => !e.includes('could not save')), []);
});
