// Sign and download in the page: attachments added with the file picker, a key
// created with a passphrase, the package built and downloaded; the downloaded
// file verified by the CLI (the same core) and by minisign; a reload keeps the
// attachments (IndexedDB) and the key (encrypted).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, assert, sleep, projectRoot, clickItem, waitForState, createKey, dropFiles } from './harness.mjs';

const examples = join(projectRoot, 'assets', 'examples');
const draft = JSON.parse(readFileSync(join(examples, 'draft.json'), 'utf8'));
const cli = process.env.QAWARD_CLI || join(projectRoot, 'build', 'native', 'bin', 'qaward');

const click = clickItem;
const waitFor = waitForState;

await run('package in the page: attach, key, build, download, verify', async (app) => {
  const { page } = app;
  // The example draft, as if typed earlier (the journey test types one).
  await page.evaluate((d) => localStorage.setItem('qaward.draft', JSON.stringify(d)), draft);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
  await click(app, 'nav_materials');
  const files = draft.attachments.map((a) => join(examples, a.path));
  await page.setInputFiles('#attachment-picker', files);
  let state = await waitFor(app, (s) => s.draft.attachments.length === 4 && s.draft.attachments.every((a) => a.checked),
                            'the attachments, hashed');
  assert.deepEqual(state.preflight, ['key.missing']);
  // Each file hashed in the worker as it arrived: the same SHA-256 and size as on disk.
  for (const a of state.draft.attachments) {
    const bytes = readFileSync(join(examples, a.path));
    assert.equal(a.checked.sha256, createHash('sha256').update(bytes).digest('hex'), a.path);
    assert.equal(a.checked.size, bytes.length, a.path);
  }
  await page.screenshot({ path: join(projectRoot, 'build', 'e2e-screenshots', '5-materials.png') });

  await createKey(app, '申报组织的口令 2026');
  state = await waitFor(app, (s) => s.has_key, 'the key');
  assert.deepEqual(state.preflight, []);

  await click(app, 'passphrase');
  await page.keyboard.insertText('申报组织的口令 2026');
  const download = page.waitForEvent('download');
  await click(app, 'build_package');
  const file = await download;
  const dir = mkdtempSync(join(tmpdir(), 'qaward-download-'));
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  assert.match(file.suggestedFilename(), /^QA-91330100716105852F-\d{8}T\d{6}\.zip$/);
  // The SHA-256 for the cover sheet, computed after the download was offered, is the file's.
  const packageSha = createHash('sha256').update(readFileSync(path)).digest('hex');
  await waitFor(app, (s) => !s.packaging && s.notice.includes(packageSha), 'the package SHA-256');
  await page.screenshot({ path: join(projectRoot, 'build', 'e2e-screenshots', '6-package.png') });

  // The downloaded package verifies with the CLI and with minisign.
  const key = JSON.parse(await page.evaluate(() => localStorage.getItem('qaward.key')));
  assert.equal(key.format, 'qaward-secret-key/1');
  const pub = join(dir, 'org.pub');
  // The page's own .pub text (written by the core's signing module) names the key in localStorage.
  const pubText = (await app.state()).public_key;
  assert.ok(pubText.endsWith(`${key.public_key}\n`) && pubText.includes(key.key_id), pubText);
  writeFileSync(pub, pubText);
  const report = execFileSync(cli, ['verify', path, '--pubkey', pub, '--format', 'json'], { encoding: 'utf8' });
  const parsed = JSON.parse(report);
  assert.equal(parsed.valid, true);
  assert.equal(parsed.payload.files, 6);  // application.json, 申报书.html, 4 attachments
  assert.deepEqual(parsed.trade_secret_files, ['data/附件/近三年财务报表.csv']);
  execFileSync('unzip', ['-q', path, '-d', join(dir, 'x')]);
  const bag = join(dir, 'x', readdirSync(join(dir, 'x'))[0]);
  execFileSync('minisign', ['-V', '-p', pub, '-m', join(bag, 'tagmanifest-sha256.txt')]);
  // The application for people is in the bag, made in the page's worker as the CLI makes it.
  const readable = readFileSync(join(bag, 'data', '申报书.html'), 'utf8');
  assert.ok(readable.includes('结论：符合申报条件') && readable.includes('乌鲁木齐天山精工质量技术有限公司'), readable.slice(0, 400));

  // A wrong passphrase says so.
  await click(app, 'passphrase');
  await page.keyboard.insertText('wrong passphrase');
  await click(app, 'build_package');
  state = await waitFor(app, (s) => s.notice.includes('口令不对'), 'the wrong passphrase message');

  // A reload keeps the attachments and the key.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
  state = await app.state();
  assert.equal(state.draft.attachments.length, 4);
  assert.equal(state.has_key, true);
  assert.deepEqual(state.preflight, []);
  assert.ok(state.draft.attachments.every((a) => a.checked));

  // A removed attachment leaves storage too: after a reload with the old
  // draft it is reported as missing, with what to do.
  const saved = await page.evaluate(() => localStorage.getItem('qaward.draft'));
  await click(app, 'nav_materials');
  await click(app, 'remove.0');
  state = await waitFor(app, (s) => s.draft.attachments.length === 3, 'the removal');
  await page.evaluate((d) => localStorage.setItem('qaward.draft', d), saved);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
  state = await waitFor(app, (s) => s.preflight.includes('mat.missing'), 'the missing attachment');
  assert.deepEqual(state.preflight, ['mat.missing']);
  assert.deepEqual(app.consoleErrors, []);
  assert.deepEqual(app.foreignRequests, []);
});

await run('package in the page: a key made by qaward keygen is imported; a bad file is refused', async (app) => {
  const dir = mkdtempSync(join(tmpdir(), 'qaward-key-'));
  execFileSync(cli, ['keygen', '--out', join(dir, 'org')], { env: { ...process.env, QAWARD_PASSPHRASE: 'imported key passphrase' } });
  await click(app, 'nav_package');
  await app.page.setInputFiles('#key-picker', join(dir, 'org.key'));
  let state = await waitFor(app, (s) => s.has_key, 'the imported key');
  assert.match(state.notice, /已导入密钥/);
  writeFileSync(join(dir, 'bad.key'), '{"format": "something else"}');
  await app.page.evaluate(() => localStorage.removeItem('qaward.key'));
  await app.page.reload();
  await app.page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
  await app.page.setInputFiles('#key-picker', join(dir, 'bad.key'));
  state = await waitFor(app, (s) => s.notice.includes('私钥文件格式不对'), 'the bad key message');
  assert.equal(state.has_key, false);
  assert.deepEqual(app.consoleErrors, []);
});

await run('materials: files dragged onto the page are attached and hashed; a state-secret mark blocks', async (app) => {
  await click(app, 'nav_materials');
  await dropFiles(app, [
    { name: '质量手册.txt', bytes: Buffer.from('质量手册（示例）\n') },
    { name: '内部通知.txt', bytes: Buffer.from('本文件为机密★，不得外传。\n') },
  ]);
  const state = await waitFor(app, (s) => s.draft.attachments.length === 2 && s.draft.attachments.every((a) => a.checked), 'the dropped files, hashed');
  const [manual, notice] = state.draft.attachments;
  assert.equal(manual.checked.sha256, createHash('sha256').update('质量手册（示例）\n').digest('hex'));
  assert.equal(notice.checked.state_secret_mark, true);
  assert.ok(state.preflight.includes('pkg.state_secret'), state.preflight.join());
  await app.page.screenshot({ path: join(projectRoot, 'build', 'e2e-screenshots', '5-materials-dropped.png') });
  assert.deepEqual(app.consoleErrors, []);
});
