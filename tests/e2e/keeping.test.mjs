// Issue 20, item 6: work that survives the browser's housekeeping. The page
// asks for persistent storage once, when the first attachment is stored; a
// refusal is said plainly on the home page with what to do; the new key's
// file is offered once and works with the command line.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, assert, sleep, projectRoot, waitForState, createKey, clickItem } from './harness.mjs';
import { draft, text, show } from './screens.mjs';

// The browser refuses persistence, as Chromium does for a site not yet
// bookmarked or often visited; the page's requests are counted.
const refusingBrowser = () => {
  window.persistRequests = 0;
  if (navigator.storage) {
    navigator.storage.persist = () => { window.persistRequests += 1; return Promise.resolve(false); };
    navigator.storage.persisted = () => Promise.resolve(false);
  }
};

const mirrorText = (page) => page.evaluate(() => document.getElementById('semantics').textContent);

await run('keeping: persistence is asked for once, at the first attachment; a refusal is said with what to do', async (app) => {
  const { page } = app;
  await show(app, 'home', 'zh', null);
  assert.equal(await page.evaluate(() => window.persistRequests), 0, 'nothing stored yet: nothing asked');
  assert.ok(!(await mirrorText(page)).includes(text('home.keep.not_persisted').slice(0, 20)), 'no refusal before asking');
  const examples = join(projectRoot, 'assets', 'examples');
  await page.setInputFiles('#attachment-picker', [join(examples, draft.attachments[0].path)]);
  await waitForState(app, (s) => s.draft.attachments.length === 1 && s.draft.attachments[0].checked, 'the first attachment');
  await page.setInputFiles('#attachment-picker', [join(examples, draft.attachments[1].path)]);
  await waitForState(app, (s) => s.draft.attachments.length === 2 && s.draft.attachments[1].checked, 'the second attachment');
  await sleep(300);
  assert.equal(await page.evaluate(() => window.persistRequests), 1, 'asked once, at the first attachment');
  await page.getByRole('link', { name: text('nav.home'), exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => document.getElementById('semantics').textContent.includes(t), text('home.keep.not_persisted').slice(0, 20));
  const shown = await mirrorText(page);
  assert.match(shown, /已用 [\d.]+ (B|KiB|MiB|GiB)，约还可用 [\d.]+ (KiB|MiB|GiB|TiB)/, 'the room used and left');
  assert.ok(shown.includes(text('home.keep.never_saved').slice(0, 20)), 'never exported: advised to');
}, { initScript: refusingBrowser });

await run('keeping: a new key\'s file is offered once, and signs with the command line', async (app) => {
  const { page } = app;
  await show(app, 'package', 'zh');
  await createKey(app, '申报组织的口令 2026');
  await waitForState(app, (s) => s.has_key, 'the key');
  await page.waitForFunction((t) => document.getElementById('semantics').textContent.includes(t), text('key.backup_offer').slice(0, 20));
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: text('key.backup_download'), exact: true }).focus();
  await page.keyboard.press('Enter');
  const saved = await download;
  assert.match(saved.suggestedFilename(), /签名密钥\.key$/);
  await page.waitForFunction((t) => !document.getElementById('semantics').textContent.includes(t), text('key.backup_offer').slice(0, 20));
  // The backup is the key: the command line packages with it.
  const dir = mkdtempSync(join(tmpdir(), 'qaward-keeping-'));
  writeFileSync(join(dir, 'backup.key'), readFileSync(await saved.path()));
  const cli = process.env.QAWARD_CLI || join(projectRoot, 'build', 'native', 'bin', 'qaward');
  const env = { ...process.env, QAWARD_PASSPHRASE: '申报组织的口令 2026' };
  execFileSync(cli, ['package', '--draft', join(projectRoot, 'assets/examples/draft.json'), '--key', join(dir, 'backup.key'),
                     '--out', join(dir, 'p.zip'), '--now', '2026-03-16T10:00'], { env, stdio: 'pipe' });
  const report = JSON.parse(execFileSync(cli, ['verify', join(dir, 'p.zip'), '--format', 'json'], { encoding: 'utf8' }));
  assert.equal(report.valid, true);
  const key = JSON.parse(await page.evaluate(() => localStorage.getItem('qaward.key')));
  assert.equal(String(report.signature.key_id).toUpperCase(), String(key.key_id).toUpperCase(), 'signed with the key this browser made');
});

// What this browser kept but this version cannot read (a newer version wrote
// it in another tab, or it was damaged) is set aside, not written over by the
// empty draft the page starts with; the user is told. The same for a rater's work.
await run('keeping: a stored draft or rating that cannot be read is set aside and said, never written over', async (app) => {
  const { page } = app;
  const unreadableDraft = JSON.stringify({ ...draft, format: 'qaward-draft/9' });
  const unreadableRating = '{"format":"qaward-rating/1","model":"gbt19580-2012","scores":[{"item":"4.1.2","band":9,"percent":5}]}';
  await page.evaluate(([d, r]) => { localStorage.setItem('qaward.draft', d); localStorage.setItem('qaward.rating', r); },
                      [unreadableDraft, unreadableRating]);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
  let state = await waitForState(app, (s) => s.notice_is_error, 'the notice');
  assert.ok(state.notice.includes('qaward.rating.unreadable') || state.notice.includes('qaward.draft.unreadable'), state.notice);
  assert.equal(state.org_name, '', 'an empty draft to go on with');
  // Work goes on and is saved; what was set aside stays as it was.
  await page.evaluate(() => { location.hash = '#rate'; });
  await waitForState(app, (s) => s.screen_tag === 'rate', 'rater mode');
  await clickItem(app, 'rater_group.staff');
  await waitForState(app, (s) => s.rating.rater.group === 'staff', 'an edit');
  assert.match(await page.evaluate(() => localStorage.getItem('qaward.rating')), /"group":"staff"/);
  const kept = await page.evaluate(() => [localStorage.getItem('qaward.draft.unreadable'), localStorage.getItem('qaward.rating.unreadable')]);
  assert.deepEqual(kept, [unreadableDraft, unreadableRating]);
  assert.deepEqual(app.consoleErrors, []);
});
