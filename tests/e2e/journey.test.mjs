// The applicant's journey in the page: the profile typed in Chinese, the
// eligibility questions answered until the live verdict says eligible, the
// publicity period and its countdown; a reload restores everything.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, assert, sleep, projectRoot, clickItem, waitForState, createKey, NO_WEBGL_ARGS } from './harness.mjs';

const cli = process.env.QAWARD_CLI || join(projectRoot, 'build', 'native', 'bin', 'qaward');
const shots = process.env.QAWARD_SCREENSHOTS || join(projectRoot, 'build', 'e2e-screenshots');
mkdirSync(shots, { recursive: true });

async function settle(app) { await sleep(250); }
const click = clickItem;
async function type(app, field, text) {
  await click(app, field);
  await app.page.keyboard.insertText(text);
  await settle(app);
}

async function journey(app) {
  const { page, context } = app;
  await page.screenshot({ path: join(shots, '1-home.png') });
  await click(app, 'home_start');
  // The name through a real composition, as a pinyin input method sends it.
  await click(app, 'org_name');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'wulumuqi', selectionStart: 8, selectionEnd: 8 });
  await cdp.send('Input.insertText', { text: '乌鲁木齐天山精工质量技术有限公司' });
  await type(app, 'uscc', '91330100716105852f');  // lower case is corrected
  await type(app, 'established_on', '2015-03-10');
  await click(app, 'registered.yes');
  await click(app, 'four_new.no');
  await click(app, 'sme.yes');
  let state = await app.state();
  assert.equal(state.draft.profile.organization.name, '乌鲁木齐天山精工质量技术有限公司');
  assert.equal(state.draft.profile.organization.uscc, '91330100716105852F');
  assert.equal(state.draft.profile.organization.established_on, '2015-03-10');
  await page.screenshot({ path: join(shots, '2-profile.png') });

  await click(app, 'nav_eligibility');
  assert.equal((await app.state()).eligibility, 'needs_information');
  for (const id of ['supports_policies.yes', 'quality_strategy.yes', 'quality_management_system.yes',
                    'incidents.none', 'violations.none', 'anomaly.no', 'serious.no', 'awards.none', 'sanctions.none']) {
    await click(app, id);
  }
  state = await app.state();
  // Still unknown: the kind of organization (asked on the profile screen).
  assert.equal(state.eligibility, 'needs_information');
  await page.screenshot({ path: join(shots, '3-eligibility.png') });

  // Check your answers, below the verdict: the kind is unanswered, and its
  // change link leads to the profile screen.
  await page.mouse.move(1000, 400);
  for (let i = 0; i < 40; i++) {
    const r = (await app.state()).items['change.2'];
    if (r && r[1] + r[3] < 790) break;
    await page.mouse.wheel(0, 300);
    await sleep(80);
  }
  await page.screenshot({ path: join(shots, '3-eligibility-answers.png') });
  await click(app, 'change.2');
  await waitForState(app, (s) => s.screen === 1, 'the profile screen');

  await click(app, 'nav_publicity');
  await type(app, 'posted_at', '2025-09-26T16:00');
  state = await app.state();
  assert.equal(state.draft.publicity.posted_at, '2025-09-26T16:00:00+08:00');
  assert.ok(state.items.period, 'the period is shown');
  assert.ok(state.items.countdown, 'the countdown is shown');
  await page.screenshot({ path: join(shots, '4-publicity.png') });

  // An objection is recorded with Article 13's deadlines.
  await click(app, 'add_objection');
  state = await app.state();
  assert.equal(state.draft.publicity.objections.length, 1);

  // The printable notice opens in a new tab with the computed dates.
  const popup = context.waitForEvent('page');
  await click(app, 'print_notice');
  const notice = await popup;
  await notice.waitForLoadState();
  assert.match(await notice.content(), /公示期：2025年9月28日至2025年10月10日24时/);
  await notice.close();

  // The draft exports to a file.
  const download = page.waitForEvent('download');
  await click(app, 'export_draft');
  const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  assert.equal(exported.format, 'qaward-draft/1');
  assert.equal(exported.profile.organization.name, '乌鲁木齐天山精工质量技术有限公司');

  // A bad draft file is refused with what is wrong; the draft stays as it was.
  const badDraft = join(mkdtempSync(join(tmpdir(), 'qaward-draft-')), 'bad.json');
  writeFileSync(badDraft, JSON.stringify({ ...exported, profile: { organization: { uscc: 12345 } } }));
  await click(app, 'nav_home');
  await page.setInputFiles('#draft-picker', badDraft);
  state = await waitForState(app, (s) => s.notice.startsWith('无法导入'), 'the refused import');
  // Where, by the field's name (issue 16), not the JSON pointer.
  assert.ok(state.notice.includes('（统一社会信用代码）'), state.notice);
  assert.ok(!state.notice.includes('/profile'), state.notice);
  assert.equal(state.org_name, '乌鲁木齐天山精工质量技术有限公司');
  await page.screenshot({ path: join(shots, '8-bad-draft.png') });
  await click(app, 'dismiss_notice');

  // A reload restores the draft from this browser's storage, on the same screen.
  const screenBeforeReload = (await app.state()).screen;
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
  const restored = await app.state();
  assert.equal(restored.draft.profile.organization.name, '乌鲁木齐天山精工质量技术有限公司');
  assert.equal(restored.draft.profile.declarations.quality_strategy, true);
  assert.deepEqual(restored.draft.profile.history.incidents, []);
  assert.equal(restored.draft.publicity.posted_at, '2025-09-26T16:00:00+08:00');
  assert.equal(restored.eligibility, 'needs_information');
  assert.equal(restored.screen, screenBeforeReload, 'the reload returns to the screen the user was on');

  // On to the package: the kind and district chosen from their lists...
  await click(app, 'nav_profile');
  await click(app, 'kind');
  await click(app, 'kind.legal_person');
  await click(app, 'district');
  await click(app, 'district.天山区');
  state = await waitForState(app, (s) => s.draft.profile.organization.district === '天山区', 'the district');
  assert.equal(state.draft.profile.organization.kind, 'legal_person');
  assert.equal(state.eligibility, 'eligible');

  // ... the materials attached with the picker, each given its category ...
  await click(app, 'nav_materials');
  const examples = join(projectRoot, 'assets', 'examples', '附件');
  const files = ['申报表.txt', '自评报告.md', '营业执照副本.txt', '近三年财务报表.csv'];
  await page.setInputFiles('#attachment-picker', files.map((f) => join(examples, f)));
  await waitForState(app, (s) => s.draft.attachments.length === 4 && s.draft.attachments.every((a) => a.checked), 'the attachments, hashed');
  const categories = ['application_form', 'self_assessment_report', 'business_license', 'financial_statements'];
  for (let i = 0; i < 4; i++) {
    await click(app, `category.${i}`);
    await click(app, `category.${i}.${categories[i]}`);
  }
  state = await waitForState(app, (s) => s.draft.attachments.every((a, i) => a.category === categories[i]), 'the categories');
  assert.deepEqual(state.preflight, ['key.missing']);

  // ... a key, and the package built and downloaded: it verifies with the CLI and minisign.
  await createKey(app, '天山精工的口令 2026');
  await waitForState(app, (s) => s.has_key && s.preflight.length === 0, 'the key');
  await click(app, 'passphrase');
  await page.keyboard.insertText('天山精工的口令 2026');
  const built = page.waitForEvent('download');
  await click(app, 'build_package');
  const dir = mkdtempSync(join(tmpdir(), 'qaward-journey-'));
  const zip = join(dir, (await built).suggestedFilename());
  await (await built).saveAs(zip);
  await waitForState(app, (s) => !s.packaging, 'the package');
  await page.screenshot({ path: join(shots, '6-package-built.png') });
  const key = JSON.parse(await page.evaluate(() => localStorage.getItem('qaward.key')));
  const pub = join(dir, 'org.pub');
  // The page's own .pub text (written by the core's signing module) names the key in localStorage.
  const pubText = (await app.state()).public_key;
  assert.ok(pubText.endsWith(`${key.public_key}\n`) && pubText.includes(key.key_id), pubText);
  writeFileSync(pub, pubText);
  const report = JSON.parse(execFileSync(cli, ['verify', zip, '--pubkey', pub, '--format', 'json'], { encoding: 'utf8' }));
  assert.equal(report.valid, true);
  assert.equal(report.organization, '乌鲁木齐天山精工质量技术有限公司');
  assert.equal(report.eligibility.rerun, 'eligible');
  execFileSync('unzip', ['-q', zip, '-d', join(dir, 'x')]);
  const bag = join(dir, 'x', readdirSync(join(dir, 'x'))[0]);
  execFileSync('minisign', ['-V', '-p', pub, '-m', join(bag, 'tagmanifest-sha256.txt')]);
  assert.deepEqual(app.consoleErrors, []);
  assert.deepEqual(app.foreignRequests, []);
}

await run('journey: profile, eligibility, publicity, reload', journey);
// Issue 20: the same journey where there is no WebGL (the software renderer).
await run('journey without WebGL (software renderer): profile, eligibility, publicity, reload', async (app) => {
  assert.equal((await app.state()).renderer, 'cpu', 'this browser has no WebGL');
  await journey(app);
}, { args: NO_WEBGL_ARGS });
