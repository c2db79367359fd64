// Reviewer mode: district staff open a good, a tampered and a hostile package
// and see the right verdicts; countersign the good one with the office's key;
// the result verifies with qaward verify and minisign -V.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, assert, sleep, projectRoot, clickItem, waitForState, dropFiles } from './harness.mjs';

const cli = process.env.QAWARD_CLI || join(projectRoot, 'build', 'native', 'bin', 'qaward');
const dir = mkdtempSync(join(tmpdir(), 'qaward-review-'));
const env = { ...process.env, QAWARD_PASSPHRASE: '申报组织的口令 2026' };
execFileSync(cli, ['keygen', '--out', join(dir, 'org')], { env });
execFileSync(cli, ['package', '--draft', join(projectRoot, 'assets/examples/draft.json'), '--key', join(dir, 'org.key'),
                   '--out', join(dir, 'good.zip'), '--now', '2026-03-16T10:00'], { env });
const good = readFileSync(join(dir, 'good.zip'));
const tampered = Buffer.from(good);
tampered[tampered.indexOf(Buffer.from('示例文件，非真实证照'))] ^= 1;
writeFileSync(join(dir, 'tampered.zip'), tampered);
writeFileSync(join(dir, 'hostile.zip'), Buffer.from('PK\x03\x04 not really a zip at all, just hostile bytes'.repeat(50)));
execFileSync(cli, ['keygen', '--out', join(dir, 'office')], { env: { ...env, QAWARD_PASSPHRASE: '区县审核口令 2026' } });

const click = clickItem;
const waitFor = waitForState;

await run('reviewer mode: verdicts for good, tampered and hostile packages; countersign', async (app) => {
  const { page } = app;
  await click(app, 'nav_review');
  // The office's own key, kept apart from an applicant's (issue 16).
  await page.setInputFiles('#district-key-picker', join(dir, 'office.key'));
  const keys = await waitFor(app, (s) => s.has_district_key, 'the office key');
  assert.equal(keys.has_key, false, 'the office key is not taken as the applicant\'s');
  await page.setInputFiles('#package-picker', [join(dir, 'good.zip'), join(dir, 'tampered.zip'), join(dir, 'hostile.zip')]);
  const state = await waitFor(app, (s) => s.reviews.length === 3 && s.reviews.every((r) => !r.verifying), 'three verified packages');
  const [g, t, h] = state.reviews;
  assert.equal(g.valid, true);
  assert.equal(t.valid, false);
  assert.ok(t.findings.includes('pkg.hash_mismatch') || t.findings.includes('pkg.entry_corrupt'), t.findings.join());
  assert.equal(h.valid, false);
  assert.ok(h.findings.includes('pkg.not_a_zip'), h.findings.join());
  await page.screenshot({ path: join(projectRoot, 'build', 'e2e-screenshots', '7-review.png') });

  // Dragged onto the page in reviewer mode, a package joins the batch.
  await dropFiles(app, [{ name: '拖入的申报包.zip', bytes: good }]);
  const dropped = await waitForState(app, (s) => s.reviews.length === 4 && !s.reviews[3].verifying, 'the dropped package');
  assert.equal(dropped.reviews[3].file, '拖入的申报包.zip');
  assert.equal(dropped.reviews[3].valid, true);

  await click(app, 'review.unit.0');
  await page.keyboard.insertText('天山区市场监督管理局');
  await click(app, 'review.opinion.0');
  await page.keyboard.insertText('材料齐全，同意推荐。');
  await click(app, 'review.passphrase.0');
  await page.keyboard.insertText('区县审核口令 2026');
  const download = page.waitForEvent('download');
  await click(app, 'review.countersign.0');
  const file = await download;
  const path = join(dir, 'countersigned.zip');
  await file.saveAs(path);
  const report = JSON.parse(execFileSync(cli, ['verify', path, '--pubkey', join(dir, 'org.pub'), '--format', 'json'], { encoding: 'utf8' }));
  assert.equal(report.valid, true);
  assert.equal(report.countersignatures.length, 1);
  assert.equal(report.countersignatures[0].unit, '天山区市场监督管理局');
  execFileSync('unzip', ['-q', path, '-d', join(dir, 'x')]);
  const bag = join(dir, 'x', readdirSync(join(dir, 'x'))[0]);
  execFileSync('minisign', ['-V', '-p', join(dir, 'office.pub'), '-m', join(bag, 'recommendation.json')]);
  execFileSync('minisign', ['-V', '-p', join(dir, 'org.pub'), '-m', join(bag, 'tagmanifest-sha256.txt')]);
  assert.deepEqual(app.consoleErrors, []);
});
