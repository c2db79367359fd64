// The district's part and the office's intake in the page (issue 18): three
// applicants' packages; the district recommends two with their checks and
// opinions and not the third, posts its notice, waits out its publicity on
// the page's clock (moved by the test), countersigns and bundles; the office
// (the same page, its own screen) pins the district's key, opens the bundle
// and sees the chain valid; then a bundle with a tampered inner package, one
// with the district key swapped, and one whose countersignatures come before
// the district's publicity ended are each reported for that reason.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, copyFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, assert, projectRoot, clickItem, waitForState, sleep } from './harness.mjs';

const cli = process.env.QAWARD_CLI || join(projectRoot, 'build', 'native', 'bin', 'qaward');
const resign = process.env.QAWARD_RESIGN_BUNDLE || join(projectRoot, 'build', 'native', 'tests', 'resign_bundle');
const dir = mkdtempSync(join(tmpdir(), 'qaward-district-'));
const org = { ...process.env, QAWARD_PASSPHRASE: '申报组织的口令 2026' };
const districtEnv = { ...process.env, QAWARD_PASSPHRASE: '区县口令 2026' };
execFileSync(cli, ['keygen', '--out', join(dir, 'org')], { env: org });
execFileSync(cli, ['keygen', '--out', join(dir, 'district')], { env: districtEnv });
execFileSync(cli, ['keygen', '--out', join(dir, 'other')], { env: districtEnv });
cpSync(join(projectRoot, 'assets/examples/附件'), join(dir, '附件'), { recursive: true });
const names = ['乌鲁木齐甲公司', '乌鲁木齐乙公司', '乌鲁木齐丙公司'];
const packages = names.map((name, i) => {
  const draft = JSON.parse(readFileSync(join(projectRoot, 'assets/examples/draft.json'), 'utf8'));
  draft.profile.organization.name = name;
  writeFileSync(join(dir, `d${i}.json`), JSON.stringify(draft));
  const out = join(dir, `p${i}.zip`);
  execFileSync(cli, ['package', '--draft', join(dir, `d${i}.json`), '--key', join(dir, 'org.key'), '--out', out,
                     '--now', `2026-03-16T1${i}:00`], { env: org, stdio: 'ignore' });
  return out;
});
const clock = async (app, time) => {
  await app.page.clock.setFixedTime(new Date(time));
  await app.page.mouse.move(5, 5);  // a frame, which reads the clock
  await sleep(300);
};
const typeInto = async (app, item, text) => {
  await clickItem(app, item);
  await app.page.keyboard.insertText(text);
};
const longText = async (app, id, text) => {
  const selector = `textarea.long-text[data-id="${id}"]`;
  for (let i = 0; i < 40 && !(await app.page.$(selector)); i++) await sleep(100);
  await app.page.click(selector);
  await app.page.keyboard.insertText(text);
};
// The staff's screens are last in the navigation, below the fold at 800 px:
// the navigation is scrolled to them as a user would.
const openScreen = async (app, item) => {
  await app.page.mouse.move(150, 400);
  await app.page.mouse.wheel(0, 2000);
  await sleep(300);
  await clickItem(app, item);
  await app.page.mouse.move(150, 400);
  await app.page.mouse.wheel(0, -2000);
};
const cliJson = (args) => {
  try {
    return JSON.parse(execFileSync(cli, args, { encoding: 'utf8' }));
  } catch (e) {
    return JSON.parse(e.stdout);
  }
};

await run('the district decides, publishes, countersigns and bundles; the office verifies the chain', async (app) => {
  const { page } = app;
  await clock(app, '2026-03-16T16:00:00+08:00');
  await openScreen(app, 'nav_district');
  assert.equal((await app.state()).screen_tag, 'district');
  await page.setInputFiles('#district-key-picker', join(dir, 'district.key'));
  await page.setInputFiles('#package-picker', packages);
  let s = await waitForState(app, (x) => x.district.workspace.cases.length === 3 && x.reviews.every((r) => !r.verifying), 'three cases');
  assert.equal(s.district.stage, 'deciding');
  await typeInto(app, 'district.unit', '天山区市场监督管理局');
  await typeInto(app, 'district.reviewer', '王芳');
  for (const i of [0, 1]) {
    await clickItem(app, `district.case.${i}.decision.recommend`);
    await longText(app, `district.case.${i}.reasons`, '材料齐全，符合申报条件，同意推荐');
    for (const check of ['business_anomaly', 'serious_violation', 'departments']) await clickItem(app, `district.case.${i}.${check}`);
  }
  await clickItem(app, 'district.case.2.decision.not_recommend');
  await longText(app, 'district.case.2.reasons', '经营未满五年（第二条）');
  s = await waitForState(app, (x) => x.district.stage === 'ready_to_post', 'ready to post');
  const cases = s.district.workspace.cases;
  assert.deepEqual(cases.map((c) => c.decision), ['recommend', 'recommend', 'not_recommend']);
  assert.deepEqual(cases[1].checks.departments, { by: '王芳', at: '2026-03-16T16:00:00+08:00', result: '' });

  // Posted the next morning; the notice lists the two recommended only.
  await clock(app, '2026-03-17T09:00:00+08:00');
  await typeInto(app, 'district.posted_at', '2026-03-17T09:00');
  const popup = app.context.waitForEvent('page');
  await clickItem(app, 'district.print_notice');
  const notice = await popup;
  await notice.waitForLoadState();
  const html = await notice.content();
  assert.ok(html.includes('乌鲁木齐乙公司') && !html.includes('乌鲁木齐丙公司'), 'the notice lists the recommended');
  assert.ok(html.includes('第十一条第（三）项'), 'the notice cites Article 11 (三)');
  await notice.close();

  // During the period the countdown runs and nothing can be sent.
  await clock(app, '2026-03-19T10:00:00+08:00');
  s = await waitForState(app, (x) => x.district.stage === 'publicity', 'the publicity running');
  assert.ok(!s.items['district.bundle'], 'the countersigning button is not offered during the period');
  await page.screenshot({ path: join(projectRoot, 'build', 'e2e-screenshots', '18-district-publicity.png') });

  // After it: countersigned and bundled in the worker, downloaded.
  await clock(app, '2026-03-26T10:00:00+08:00');
  s = await waitForState(app, (x) => x.district.stage === 'ready_to_countersign', 'ready to countersign');
  await typeInto(app, 'district.passphrase', '区县口令 2026');
  const download = page.waitForEvent('download');
  await clickItem(app, 'district.bundle');
  const bundle = join(dir, 'bundle.zip');
  await (await download).saveAs(bundle);
  s = await waitForState(app, (x) => !x.district.busy && x.district.result, 'the bundle job', 30000);
  assert.equal(s.district.result_is_error, false, s.district.result);
  const verified = cliJson(['verify', bundle, '--district-pubkey', join(dir, 'district.pub'), '--format', 'json']);
  assert.equal(verified.valid, true, JSON.stringify(verified.findings));
  assert.equal(verified.packages.length, 2);
  execFileSync('unzip', ['-q', bundle, 'index.json', 'index.json.minisig', 'district.pub', '-d', join(dir, 'u')]);
  execFileSync('minisign', ['-Vm', join(dir, 'u', 'index.json'), '-p', join(dir, 'district.pub')], { stdio: 'ignore' });
  const index = JSON.parse(readFileSync(join(dir, 'u', 'index.json'), 'utf8'));
  assert.deepEqual(index.packages.map((p) => p.organization), ['乌鲁木齐甲公司', '乌鲁木齐乙公司']);
  assert.equal(index.packages[0].opinion, '材料齐全，符合申报条件，同意推荐');
  assert.equal(index.packages[1].checks.serious_violation.by, '王芳');

  // The office: with no key registered the bundle's key is named for comparing;
  // with another district's key registered it is refused as unknown; with the
  // district's own registered, the chain holds.
  await openScreen(app, 'nav_office');
  assert.equal((await app.state()).screen_tag, 'office');
  await page.setInputFiles('#bundle-picker', bundle);
  s = await waitForState(app, (x) => x.office.checking === 0 && x.office.report, 'the intake', 30000);
  assert.ok(JSON.stringify(s.office.report.bundles[0].findings).includes('bundle.key_not_pinned'));
  await page.setInputFiles('#district-pubkey-picker', join(dir, 'other.pub'));
  s = await waitForState(app, (x) => x.office.keys.length === 1 && x.office.checking === 0, 'another key pinned', 30000);
  assert.equal(s.office.report.accepted, 0);
  assert.ok(JSON.stringify(s.office.report.bundles[0].findings).includes('bundle.unknown_district_key'));
  await page.setInputFiles('#district-pubkey-picker', join(dir, 'district.pub'));
  s = await waitForState(app, (x) => x.office.keys.length === 2 && x.office.checking === 0 && x.office.report.accepted === 2,
                         'the chain valid with the key pinned', 30000);
  const fingerprint = execFileSync(cli, ['verify', bundle, '--district-pubkey', join(dir, 'district.pub')], { encoding: 'utf8' })
    .match(/指纹 ([0-9A-F ]+)）/)[1];
  assert.equal(s.office.keys[1], fingerprint, 'the fingerprint shown is the one the CLI prints');
  assert.equal(s.office.report.bundles[0].valid, true);
  await page.screenshot({ path: join(projectRoot, 'build', 'e2e-screenshots', '18-office.png') });

  // Three broken bundles, each reported for its own reason.
  const tampered = Buffer.from(readFileSync(bundle));
  tampered[tampered.indexOf(Buffer.from('示例文件，非真实证照'))] ^= 1;
  writeFileSync(join(dir, '篡改.zip'), tampered);
  mkdirSync(join(dir, 'swap'));
  copyFileSync(bundle, join(dir, '换钥.zip'));
  copyFileSync(join(dir, 'other.pub'), join(dir, 'swap', 'district.pub'));
  execFileSync('zip', ['-q', '-0', join(dir, '换钥.zip'), 'district.pub'], { cwd: join(dir, 'swap') });
  execFileSync(resign, [bundle, join(dir, '提前加签.zip'), join(dir, 'district.key'), '2026-03-23T09:00'], { env: districtEnv });
  await page.setInputFiles('#bundle-picker', [join(dir, '篡改.zip'), join(dir, '换钥.zip'), join(dir, '提前加签.zip')]);
  s = await waitForState(app, (x) => x.office.checking === 0 && x.office.report && x.office.report.bundles.length === 4,
                         'four bundles', 30000);
  const byFile = Object.fromEntries(s.office.report.bundles.map((b) => [b.file, b]));
  const keys = (b) => JSON.stringify([b.findings.map((f) => f.key), b.packages.map((p) => p.package.findings.map((f) => f.key))]);
  assert.equal(byFile['篡改.zip'].valid, false);
  assert.ok(keys(byFile['篡改.zip']).includes('bundle.package_changed'), keys(byFile['篡改.zip']));
  assert.equal(byFile['换钥.zip'].valid, false);
  assert.ok(keys(byFile['换钥.zip']).includes('bundle.bad_signature'), keys(byFile['换钥.zip']));
  assert.equal(byFile['提前加签.zip'].valid, false);
  assert.ok(keys(byFile['提前加签.zip']).includes('bundle.countersigned_early'), keys(byFile['提前加签.zip']));
  assert.equal(byFile['bundle.zip'].valid, true);
  // The same packages in several bundles: accepted from none of them.
  assert.ok(JSON.stringify(s.office.report.findings).includes('intake.package_in_two_bundles'));
  assert.deepEqual(app.consoleErrors, []);
});
