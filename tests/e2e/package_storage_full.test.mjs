// A package that cannot be written because the browser's storage is full
// (QuotaExceededError in the origin-private file system) leaves the previous
// package and the draft as they were, and says what happened (issue 12);
// without that file system, packages are built in memory (issue 20).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, assert, projectRoot, clickItem, waitForState, createKey } from './harness.mjs';

const examples = join(projectRoot, 'assets', 'examples');
const draft = JSON.parse(readFileSync(join(examples, 'draft.json'), 'utf8'));

// The packages kept in the origin-private file system: name -> SHA-256.
const storedPackages = (page) => page.evaluate(async () => {
  const out = {};
  const root = await navigator.storage.getDirectory();
  for await (const [name, handle] of root.entries()) {
    if (!name.startsWith('out-')) continue;
    const bytes = await (await handle.getFile()).arrayBuffer();
    out[name] = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)))
      .map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  return out;
});

// The example draft attached, a key made and a first package built: what a
// failed second attempt must leave as it was.
async function firstPackage(app) {
  const { page } = app;
  await page.evaluate((d) => localStorage.setItem('qaward.draft', JSON.stringify(d)), draft);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
  await clickItem(app, 'nav_materials');
  await page.setInputFiles('#attachment-picker', draft.attachments.map((a) => join(examples, a.path)));
  await waitForState(app, (s) => s.draft.attachments.length === 4 && s.draft.attachments.every((a) => a.checked), 'the attachments');
  await createKey(app, '申报组织的口令 2026');
  await waitForState(app, (s) => s.has_key, 'the key');

  await clickItem(app, 'passphrase');
  await page.keyboard.insertText('申报组织的口令 2026');
  const download = page.waitForEvent('download');
  await clickItem(app, 'build_package');
  const first = readFileSync(await (await download).path());
  const firstSha = createHash('sha256').update(first).digest('hex');
  const built = await waitForState(app, (s) => !s.packaging && s.notice.includes(firstSha), 'the first package', 30000);
  const draftBefore = await page.evaluate(() => localStorage.getItem('qaward.draft'));
  assert.ok(Object.values(await storedPackages(page)).includes(firstSha), 'the first package is kept in storage');
  return { built, firstSha, draftBefore };
}

await run('a full storage while packaging keeps the previous package and the draft', async (app) => {
  const { page } = app;
  const { built, firstSha, draftBefore } = await firstPackage(app);

  // The storage fills up: every write into it fails as Chromium fails it.
  const workers = page.workers();
  assert.ok(workers.length >= 1, 'the package worker runs');
  for (const w of workers) {
    await w.evaluate(() => {
      FileSystemSyncAccessHandle.prototype.write = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
  }
  // Twice: a failed attempt must not make the next one clear out the last good package.
  for (let attempt = 1; attempt <= 2; attempt++) {
    await page.evaluate(() => { QA.digestedBy = 'pending'; });  // set again when this attempt ends
    await clickItem(app, 'passphrase');
    await page.keyboard.insertText('申报组织的口令 2026');
    await clickItem(app, 'build_package');
    await page.waitForFunction(() => QA.digestedBy !== 'pending', null, { timeout: 30000 });
    const failed = await waitForState(app, (s) => !s.packaging && s.notice_is_error, `failed attempt ${attempt}`, 30000);
    assert.match(failed.notice, /存储空间/, failed.notice);
    assert.equal(failed.last_package, built.last_package, 'the previous package is still the one offered');
    const stored = await storedPackages(page);
    assert.ok(Object.values(stored).includes(firstSha), `attempt ${attempt} lost the previous package`);
    assert.equal(Object.keys(stored).length, 1, `attempt ${attempt} left its failed package in storage`);
    assert.equal(await page.evaluate(() => localStorage.getItem('qaward.draft')), draftBefore, 'the draft changed');
  }
  await page.screenshot({ path: join(projectRoot, 'build', 'e2e-screenshots', 'package-storage-full.png') });
});

// A browser without synchronous access handles (Chrome/Edge 86-107, older
// Safari) or that refuses them to this page (Firefox's private windows:
// getDirectory() throws SecurityError) builds the package in the worker's
// memory instead (issue 20, item 4): it downloads and verifies as any other.
for (const [what, disable] of [
  ['without synchronous file handles', () => { delete FileSystemFileHandle.prototype.createSyncAccessHandle; }],
  ['in a private window (no origin-private file system)', () => {
    navigator.storage.getDirectory = () => Promise.reject(new DOMException('Security error when calling GetDirectory', 'SecurityError'));
  }],
]) {
  await run(`a browser ${what} builds the package in memory, and it verifies`, async (app) => {
    const { page } = app;
    await firstPackage(app);
    for (const w of page.workers()) await w.evaluate(disable);
    await clickItem(app, 'passphrase');
    await page.keyboard.insertText('申报组织的口令 2026');
    const download = page.waitForEvent('download');
    await clickItem(app, 'build_package');
    const path = await (await download).path();
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    await waitForState(app, (s) => !s.packaging && s.notice.includes(sha), 'the package built in memory, with its SHA-256', 30000);
    const cli = process.env.QAWARD_CLI || join(projectRoot, 'build', 'native', 'bin', 'qaward');
    const report = JSON.parse(execFileSync(cli, ['verify', path, '--format', 'json'], { encoding: 'utf8' }));
    assert.equal(report.valid, true, JSON.stringify(report.findings));
  });
}

// Over the size a package built in memory may have, the user is told why and
// what to use instead; the previous package stays.
await run('a package too large to build in memory is refused with what to do', async (app) => {
  const { page } = app;
  const { built } = await firstPackage(app);
  for (const w of page.workers()) {
    await w.evaluate(() => {
      delete FileSystemFileHandle.prototype.createSyncAccessHandle;
      self.qaMemoryLimit = 16 * 1024;  // the example's package is 26 KB
    });
  }
  await clickItem(app, 'passphrase');
  await page.keyboard.insertText('申报组织的口令 2026');
  await clickItem(app, 'build_package');
  const failed = await waitForState(app, (s) => !s.packaging && s.notice_is_error, 'the refused attempt', 30000);
  assert.match(failed.notice, /只能在内存中生成，最大 1 GiB/, failed.notice);
  assert.match(failed.notice, /Chrome 或 Edge 108/, failed.notice);
  assert.equal(failed.last_package, built.last_package, 'the previous package is still the one offered');
});
