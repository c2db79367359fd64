// Hostile files in the page (issue 12): packages whose application.json has
// wrong types or is nested 100,000 deep, a recommendation signed "as" the
// district office with a self-made key, a draft and a key file of the wrong
// shape. None may take the page down (a C++ exception aborts WebAssembly);
// each gets its finding or message, and nothing the user had is lost.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, assert, projectRoot, clickItem, waitForState } from './harness.mjs';

const cli = process.env.QAWARD_CLI || join(projectRoot, 'build', 'native', 'bin', 'qaward');
const dir = mkdtempSync(join(tmpdir(), 'qaward-hostile-'));
const env = { ...process.env, QAWARD_PASSPHRASE: '申报组织的口令 2026' };
const office = { ...process.env, QAWARD_PASSPHRASE: '区县审核口令 2026' };
const impostor = { ...process.env, QAWARD_PASSPHRASE: '冒充者的口令 2026' };
execFileSync(cli, ['keygen', '--out', join(dir, 'org')], { env });
execFileSync(cli, ['keygen', '--out', join(dir, 'office')], { env: office });
execFileSync(cli, ['keygen', '--out', join(dir, 'impostor')], { env: impostor });
execFileSync(cli, ['package', '--draft', join(projectRoot, 'assets/examples/draft.json'), '--key', join(dir, 'org.key'),
                   '--out', join(dir, 'good.zip'), '--now', '2026-03-16T10:00'], { env });
for (const [who, key] of [['office', office], ['impostor', impostor]]) {
  execFileSync(cli, ['countersign', join(dir, 'good.zip'), '--key', join(dir, `${who}.key`), '--unit', '天山区市场监督管理局',
                     '--opinion', '同意推荐', '--out', join(dir, `${who}.zip`), '--now', '2026-03-20T09:00'], { env: key });
}
// The good package with its application.json replaced (Python's zipfile
// rewrites the entry; the hashes no longer match, which is beside the point:
// the re-checks read it all the same).
const replaceApplication = (name, text) => execFileSync('python3', ['-c', `
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
for info in src.infolist():
    data = src.read(info)
    if info.filename.endswith("/data/application.json"):
        data = open(sys.argv[3], "rb").read()
    dst.writestr(info, data)
dst.close()`, join(dir, 'good.zip'), join(dir, name), text]);
writeFileSync(join(dir, 'types.json'), JSON.stringify({
  format: 'qaward-application/1', created: 12, eligibility: { edition: [], outcome: {}, forced: 'yes', date: 3 },
  attachments: [{ file: 7, trade_secret: 'true' }], recommendation: { unit: 5 }, assessment_summary: { total: 'x' },
}));
writeFileSync(join(dir, 'deep.json'), '['.repeat(100000) + ']'.repeat(100000));
replaceApplication('types.zip', join(dir, 'types.json'));
replaceApplication('deep.zip', join(dir, 'deep.json'));
writeFileSync(join(dir, 'deep-draft.json'), '{"format":"qaward-draft/1","profile":' + '['.repeat(100000) + ']'.repeat(100000) + '}');
writeFileSync(join(dir, 'typed-draft.json'), JSON.stringify({ format: 'qaward-draft/1', profile: { organization: { name: 5 } } }));
writeFileSync(join(dir, 'bad.key'), JSON.stringify({ format: 5, public_key: [] }));
// What no screen shows must survive the page (issue 13): the edition, the
// raters and their own scores (the example has five), a member of a newer version.
const example = JSON.parse(readFileSync(join(projectRoot, 'assets/examples/draft.json'), 'utf8'));
writeFileSync(join(dir, 'rich-draft.json'), JSON.stringify({ ...example, edition: 'urumqi-2025-draft', 'x-newer': { kept: true } }));
writeFileSync(join(dir, 'deep.key'), '['.repeat(100000) + ']'.repeat(100000));

await run('hostile packages, drafts and keys leave the page working', async (app) => {
  const { page } = app;
  await page.setInputFiles('#draft-picker', join(dir, 'rich-draft.json'));
  const rich = await waitForState(app, (x) => x.org_name.length > 0, 'the example draft, with what no screen shows');
  assert.equal(rich.draft.edition, 'urumqi-2025-draft');
  assert.deepEqual(rich.draft['x-newer'], { kept: true });
  assert.deepEqual(rich.draft.assessment.raters, example.assessment.raters);
  assert.deepEqual(rich.draft.assessment.scores.filter((s) => s.rater), example.assessment.scores.filter((s) => s.rater));
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('qaward.draft')));
  assert.equal(stored.edition, 'urumqi-2025-draft', 'the stored draft lost its edition');
  const before = rich.org_name;

  // A draft and key files of the wrong shape: refused with a message, the draft kept.
  // (Ordered so that each message differs from the one before.)
  let previous = '';
  for (const [file, picker] of [['deep-draft.json', '#draft-picker'], ['bad.key', '#key-picker'],
                                ['typed-draft.json', '#draft-picker'], ['deep.key', '#key-picker']]) {
    await page.setInputFiles(picker, join(dir, file));
    const s = await waitForState(app, (x) => x.notice_is_error && x.notice !== previous, `the message for ${file}`);
    previous = s.notice;
    assert.equal(s.org_name, before, `${file} changed the draft`);
    assert.equal(s.has_key, false, `${file} was taken as a key`);
    if (file === 'deep-draft.json') assert.match(s.notice, /层|deep/, s.notice);
    if (file === 'typed-draft.json') assert.match(s.notice, /（组织名称）/, s.notice);  // the field by its name (issue 16)
  }

  // Packages: crafted content is a finding, never a crash.
  await clickItem(app, 'nav_review');
  await page.setInputFiles('#package-picker', ['types.zip', 'deep.zip', 'office.zip', 'impostor.zip'].map((f) => join(dir, f)));
  let s = await waitForState(app, (x) => x.reviews.length === 4 && x.reviews.every((r) => !r.verifying), 'four verified packages', 30000);
  const [types, deep, byOffice, byImpostor] = s.reviews;
  for (const r of [types, deep]) {
    assert.equal(r.valid, false);
    assert.equal(r.failure, '', `the worker failed instead of reporting: ${r.failure}`);
  }
  assert.ok(types.findings.includes('pkg.field_wrong_type'), types.findings.join());
  assert.ok(deep.findings.some((f) => f.includes('too_deep')), deep.findings.join());
  // Without a pinned key both recommendations are valid: the screen asks to compare fingerprints.
  assert.equal(byOffice.valid, true, byOffice.findings.join());
  assert.equal(byImpostor.valid, true, byImpostor.findings.join());

  // The office's published key pinned: the impostor's recommendation fails; all are verified again.
  await page.setInputFiles('#office-key-picker', join(dir, 'office.pub'));
  s = await waitForState(app, (x) => x.office_key_pinned && x.reviews.every((r) => !r.verifying), 'verified again with the pinned key', 30000);
  assert.equal(s.reviews[2].valid, true, s.reviews[2].findings.join());
  assert.equal(s.reviews[3].valid, false);
  assert.ok(s.reviews[3].findings.includes('pkg.office_key_not_pinned'), s.reviews[3].findings.join());
  await page.screenshot({ path: join(projectRoot, 'build', 'e2e-screenshots', '7-review-pinned.png') });

  // Unpinned: back to comparing by eye.
  await clickItem(app, 'unpin_office_key');
  s = await waitForState(app, (x) => !x.office_key_pinned && x.reviews.every((r) => !r.verifying), 'verified again without a pin', 30000);
  assert.equal(s.reviews[3].valid, true);
  // The pin was remembered while set, and forgotten when cleared.
  assert.equal(await page.evaluate(() => localStorage.getItem('qaward.office_key') || ''), '');
  assert.deepEqual(app.consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});
