// The team self-assessment across browsers (issue 17, items 2-3): two raters
// score in their own browsers from the raters' link and export their rating
// files; the coordinator imports both, sees the spread, is refused a file
// imported twice, one for another criteria model and one far too large,
// agrees the scores with a consensus note, and the package built from that
// draft verifies with the CLI and carries the raters and the note.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, assert, sleep, projectRoot, clickItem, waitForState, createKey } from './harness.mjs';

const examples = join(projectRoot, 'assets', 'examples');
const cli = process.env.QAWARD_CLI || join(projectRoot, 'build', 'native', 'bin', 'qaward');
const shots = join(projectRoot, 'build', 'e2e-screenshots');
const dir = mkdtempSync(join(tmpdir(), 'qaward-team-'));
const asked = ['4.1.2', '4.1.3', '4.1.4'];

// One rater in their own browser: the link asks for category 4.1; `bands`
// are the band (1-6) chosen per asked item, each at its band's lowest percent.
async function rate(name, group, bands) {
  const app = await openApp({ path: '/#rate=4.1' });
  try {
    const { page } = app;
    let state = await app.state();
    assert.equal(state.screen_tag, 'rate', 'the link opens rater mode');
    assert.match(state.rating.rater.id, /^R-[0-9A-F]{6}$/);
    // Exporting too early says what is missing, and downloads nothing.
    await clickItem(app, 'export_rating');
    state = await app.state();
    assert.ok(state.notice.includes('你的姓名') && state.notice.includes('领导或员工'), state.notice);
    await clickItem(app, 'rater_name');
    await page.keyboard.insertText(name);
    await page.keyboard.press('Tab');
    await clickItem(app, `rater_group.${group}`);
    await clickItem(app, 'rate.category.4.1');
    for (let i = 0; i < asked.length; i++) await clickItem(app, `rate.${asked[i]}.band${bands[i]}`);
    state = await waitForState(app, (s) => s.rating.scores.length === 3 && s.rating.rater.name === name, 'the scores');
    // Only what the link asked for is offered.
    assert.ok(!Object.keys(state.items).some((k) => k.startsWith('rate.category.4.2')), 'category 4.2 not asked');
    await page.screenshot({ path: join(shots, `team-rater-${group}.png`) });
    // Kept in this browser like a draft: a reload brings it back.
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
    state = await waitForState(app, (s) => s.screen_tag === 'rate', 'rater mode again');
    assert.equal(state.rating.scores.length, 3);
    assert.equal(state.rating.rater.group, group);
    const download = page.waitForEvent('download');
    await clickItem(app, 'export_rating');
    const file = await download;
    const path = join(dir, file.suggestedFilename());
    await file.saveAs(path);
    assert.equal(file.suggestedFilename(), `评分-${name}-${state.rating.rater.id}.json`);
    assert.deepEqual(app.consoleErrors, []);
    return { path, id: state.rating.rater.id };
  } finally {
    await app.close();
  }
}

let failed = false;
try {
  const leader = await rate('王喆', 'leader', [5, 3, 4]);  // 70 %, 30 %, 50 %
  const staff = await rate('李垚', 'staff', [2, 3, 4]);    // 10 %, 30 %, 50 %
  // The rating files read as the CLI reads them.
  execFileSync(cli, ['assess', '--input', join(examples, 'assessment.json'), '--ratings', leader.path, staff.path, '--format', 'json']);

  const app = await openApp();
  try {
    const { page } = app;
    // The example draft without its raters and without agreed scores for 4.1.
    const draft = JSON.parse(readFileSync(join(examples, 'draft.json'), 'utf8'));
    delete draft.assessment.raters;
    draft.assessment.scores = draft.assessment.scores.filter((s) => !s.rater && !asked.includes(s.item));
    await page.evaluate((d) => localStorage.setItem('qaward.draft', JSON.stringify(d)), draft);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
    await clickItem(app, 'nav_assessment');
    await page.setInputFiles('#rating-picker', [leader.path, staff.path]);
    let state = await waitForState(app, (s) => (s.draft.assessment.raters || []).length === 2, 'both raters imported');
    assert.deepEqual(state.team_imported.map((n) => n.error), [false, false]);
    const agreed = (s, item) => s.draft.assessment.scores.find((x) => !x.rater && x.item === item);
    // Not yet agreed: the raters' mean, rounded to 5 %, marked as not discussed.
    assert.deepEqual([agreed(state, '4.1.2').percent, agreed(state, '4.1.2').provisional], [40, true]);
    assert.deepEqual([agreed(state, '4.1.3').percent, agreed(state, '4.1.3').provisional], [30, true]);
    assert.ok(state.items.heat_map && state.items.print_disagreement, 'the comparison is drawn');
    await page.screenshot({ path: join(shots, 'team-coordinator.png') });

    // Refused, each for its own reason, the draft unchanged: the same rater again...
    const before = JSON.stringify(state.draft);
    await clickItem(app, 'import_ratings');  // (a new pick clears what the last one said)
    await page.keyboard.press('Escape');
    await page.setInputFiles('#rating-picker', [leader.path]);
    state = await waitForState(app, (s) => s.team_imported.length === 1, 'the refusal');
    assert.ok(state.team_imported[0].error && state.team_imported[0].text.includes('已经导入过'), state.team_imported[0].text);
    // ...a file for another criteria model...
    const other = JSON.parse(readFileSync(staff.path, 'utf8'));
    other.model = 'efqm-2020';
    other.rater.id = 'R-OTHER1';
    await page.setInputFiles('#rating-picker', [{ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) }]);
    state = await waitForState(app, (s) => s.team_imported.length === 2, 'the second refusal');
    assert.ok(state.team_imported[1].error && state.team_imported[1].text.includes('other.json') &&
              state.team_imported[1].text.includes('efqm-2020'), state.team_imported[1].text);
    // ...and a file far too large to be a rating, not even read.
    await page.setInputFiles('#rating-picker', [{ name: 'big.json', mimeType: 'application/json', buffer: Buffer.alloc(5 * 1024 * 1024, 32) }]);
    state = await waitForState(app, (s) => s.team_imported.length === 3, 'the third refusal');
    assert.ok(state.team_imported[2].error && state.team_imported[2].text.includes('big.json'), state.team_imported[2].text);
    assert.equal(JSON.stringify(state.draft), before, 'nothing changed by a refused file');

    // The consensus: 4.1.2 settled with a note, 4.1.3 confirmed as it is.
    await clickItem(app, 'assess.category.4.1');
    await clickItem(app, 'confirm.4.1.3');
    state = await waitForState(app, (s) => agreed(s, '4.1.3').provisional !== true, '4.1.3 confirmed');
    assert.equal(agreed(state, '4.1.3').percent, 30);
    const note = '领导与员工对高层领导作用的看法不同：按员工访谈取 40%。';
    for (let i = 0; i < 40 && !(await page.$('textarea.long-text[data-id="consensus.4.1.2"]')); i++) {
      await page.mouse.move(700, 400);
      await page.mouse.wheel(0, 300);
      await sleep(100);
    }
    await page.click('textarea.long-text[data-id="consensus.4.1.2"]');
    await page.keyboard.insertText(note);
    state = await waitForState(app, (s) => agreed(s, '4.1.2').consensus === note, 'the consensus note');
    assert.equal(agreed(state, '4.1.2').provisional, undefined, 'a note marks it agreed');
    await page.screenshot({ path: join(shots, 'team-consensus.png') });

    // The package from this draft: it verifies, and carries the raters and the note.
    await clickItem(app, 'nav_materials');
    await page.setInputFiles('#attachment-picker', draft.attachments.map((a) => join(examples, a.path)));
    await waitForState(app, (s) => s.draft.attachments.length === 4 && s.draft.attachments.every((a) => a.checked), 'the attachments');
    await createKey(app, '协调人的口令 2026');
    await waitForState(app, (s) => s.has_key && s.preflight.length === 0, 'ready to package');
    await clickItem(app, 'passphrase');
    await page.keyboard.insertText('协调人的口令 2026');
    const download = page.waitForEvent('download');
    await clickItem(app, 'build_package');
    const file = await download;
    const zip = join(dir, file.suggestedFilename());
    await file.saveAs(zip);
    await waitForState(app, (s) => !s.packaging, 'the package');
    const pub = join(dir, 'org.pub');
    writeFileSync(pub, (await app.state()).public_key);
    execFileSync(cli, ['verify', zip, '--pubkey', pub]);  // exit 0: valid
    const inside = execFileSync('unzip', ['-p', zip, '*/data/application.json'], { encoding: 'utf8' });
    const packaged = JSON.parse(inside);
    assert.deepEqual(packaged.assessment.raters.map((r) => r.id), [leader.id, staff.id]);
    assert.equal(packaged.assessment.scores.find((s) => !s.rater && s.item === '4.1.2').consensus, note);
    assert.deepEqual(app.consoleErrors, []);
  } finally {
    await app.close();
  }
  console.log('PASS team self-assessment: two raters, the coordinator, the package');
} catch (err) {
  failed = true;
  console.error(`FAIL team self-assessment\n${err && err.stack ? err.stack : err}`);
}
if (failed) process.exitCode = 1;
