// Issue 15: the page as screen readers and the keyboard meet it, through the
// semantics mirror (app/gui/semantics.hpp, platform.js).
// - axe-core finds no critical or serious violation on any screen, in either
//   language, with the example draft loaded;
// - the accessibility snapshot of eligibility, publicity, package and the
//   district pre-check holds the screen's heading, each question as a radio
//   group named by the question with its options, the buttons by their
//   visible labels and the verdict as a status;
// - Tab from the top reaches every radio group, in order, then the answers'
//   first "change" button; the keyboard alone works the controls.
// (Layout, phones and text selection: layout.test.mjs.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, assert, sleep, projectRoot, waitForState } from './harness.mjs';
import { text, screens, show } from './screens.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function axe(page) {
  // Run through the debugger protocol: the page's CSP rightly refuses inline scripts.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' ' + n.failureSummary.split('\n').slice(0, 2).join(' ')) }));
  });
}

await run('a11y: no critical or serious axe-core violation on any screen, in Chinese and English', async (app) => {
  const failures = [];
  for (const language of ['zh', 'en']) {
    for (const screen of screens) {
      await show(app, screen, language);
      const lang = await app.page.evaluate(() => document.getElementById('semantics').lang);
      assert.equal(lang, language === 'en' ? 'en' : 'zh-CN', 'the mirror\'s language follows the interface');
      const bad = (await axe(app.page)).filter((v) => v.impact === 'critical' || v.impact === 'serious');
      for (const v of bad) failures.push(`${screen} (${language}): ${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`);
    }
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});

// The snapshot a screen reader reads: found by role and name, as assistive
// technology finds them.
async function expectRole(page, role, options, what) {
  const n = await page.getByRole(role, options).count();
  assert.ok(n > 0, `${what}: no ${role} named ${options.name} in\n${(await page.locator('main').ariaSnapshot()).slice(0, 3000)}`);
  return n;
}

await run('a11y: each screen reads as its heading, named questions and answers, labelled buttons and its verdict', async (app) => {
  const { page } = app;
  await show(app, 'eligibility', 'zh');
  await expectRole(page, 'heading', { level: 1, name: text('nav.eligibility'), exact: true }, 'eligibility');
  for (const q of ['supports_policies', 'quality_strategy', 'quality_management_system', 'anomaly', 'serious']) {
    const group = page.getByRole('radiogroup', { name: text(`elig.q.${q}`), exact: true });
    assert.equal(await group.count(), 1, `the question ${q} is a radio group named by the question`);
    assert.equal(await group.getByRole('radio', { name: text('ui.yes'), exact: true }).count(), 1);
    assert.equal(await group.getByRole('radio', { name: text('ui.no'), exact: true }).count(), 1);
  }
  for (const q of ['incidents', 'violations', 'sanctions']) {  // (the awards' question names the award by a placeholder)
    const group = page.getByRole('radiogroup', { name: text(`elig.q.${q}`), exact: true });
    assert.equal(await group.getByRole('radio').count(), 2, `the list question ${q} offers none / some`);
  }
  const changes = await expectRole(page, 'button', { name: new RegExp('^' + text('elig.s.change')) }, 'the answers\' change buttons');
  assert.ok(changes >= 10, `a change button per answer (${changes})`);
  const verdict = page.getByRole('status').filter({ hasText: text('elig.verdict').split('{')[0] });
  assert.equal(await verdict.count(), 1, 'the verdict is a status');

  await show(app, 'publicity', 'zh');
  await expectRole(page, 'heading', { level: 1, name: text('nav.publicity'), exact: true }, 'publicity');
  for (const key of ['pub.posting_day_counts', 'pub.close_of_business', 'pub.national_only']) {
    await expectRole(page, 'checkbox', { name: text(key), exact: true }, 'publicity');
  }
  await expectRole(page, 'textbox', { name: text('pub.posted_at'), exact: true }, 'the posting time is named by its label');
  for (const key of ['pub.print_notice', 'pub.print_statement']) await expectRole(page, 'button', { name: text(key), exact: true }, 'publicity');
  await expectRole(page, 'table', { name: /2026/ }, 'the month calendar');
  await expectRole(page, 'status', { name: undefined }, 'the period\'s end');
  assert.ok((await page.getByRole('status').first().textContent()).includes(text('pub.state.complete').slice(0, 4)), 'the period is over: a status says so');

  await show(app, 'package', 'zh');
  await expectRole(page, 'heading', { level: 1, name: text('nav.package'), exact: true }, 'package');
  await expectRole(page, 'textbox', { name: text('key.passphrase'), exact: true }, 'package');
  await expectRole(page, 'button', { name: text('key.create'), exact: true }, 'package');

  // The district pre-check, with a package signed by the CLI.
  const dir = mkdtempSync(join(tmpdir(), 'qaward-a11y-'));
  const cli = process.env.QAWARD_CLI || join(projectRoot, 'build', 'native', 'bin', 'qaward');
  const env = { ...process.env, QAWARD_PASSPHRASE: '申报组织的口令 2026' };
  execFileSync(cli, ['keygen', '--out', join(dir, 'org')], { env });
  execFileSync(cli, ['package', '--draft', join(projectRoot, 'assets/examples/draft.json'), '--key', join(dir, 'org.key'),
                     '--out', join(dir, 'good.zip'), '--now', '2026-03-16T10:00'], { env });
  await show(app, 'review', 'zh');
  await page.setInputFiles('#package-picker', join(dir, 'good.zip'));
  await waitForState(app, (s) => s.reviews.length === 1 && !s.reviews[0].verifying, 'the verified package');
  await sleep(300);
  await expectRole(page, 'heading', { level: 1, name: text('nav.review'), exact: true }, 'review');
  await expectRole(page, 'button', { name: text('review.open'), exact: true }, 'review');
  await expectRole(page, 'table', { name: text('nav.review'), exact: true }, 'the batch table');
  await expectRole(page, 'columnheader', { name: text('review.col.verdict'), exact: true }, 'the batch table');
  const valid = page.getByRole('status').filter({ hasText: text('cli.verify.valid') });
  assert.equal(await valid.count(), 1, 'the package\'s verdict is a status');
});

// What the keyboard reaches, in order: Tab from the top of the page.
async function tabThrough(page, until, limit = 400) {
  const seen = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    await sleep(40);
    const at = await page.evaluate(() => {
      const e = document.activeElement;
      const group = e.closest('[role="radiogroup"]');
      return { id: e.id, tag: e.tagName, type: e.type || '', text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40),
               group: group ? group.id : '', inMain: !!e.closest('main'), inNav: !!e.closest('nav') };
    });
    seen.push(at);
    if (until(at)) return seen;
  }
  assert.fail(`Tab never reached what it should: ${JSON.stringify(seen.slice(-5))}`);
}

await run('a11y: Tab from the top reaches every radio group in order, then the answers\' first change button', async (app) => {
  const { page } = app;
  await show(app, 'eligibility', 'zh');
  const groups = await page.evaluate(() => Array.from(document.querySelectorAll('main [role="radiogroup"]')).map((g) => g.id));
  const change = text('elig.s.change');
  // The top of the page: the skip link is the first thing Tab reaches (a
  // headless window holds no focus of its own to start from).
  await page.evaluate(() => document.getElementById('skip').focus());
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('skip')).top), '8px', 'the skip link shows when focused');
  const seen = [{ id: 'skip' }, ...await tabThrough(page, (at) => at.tag === 'BUTTON' && at.text.startsWith(change))];
  const firstMain = seen.findIndex((s) => s.inMain);
  assert.ok(seen.slice(1, firstMain).every((s) => s.inNav) && firstMain > 5, 'the navigation comes before the content');
  const reached = [...new Set(seen.filter((s) => s.inMain).map((s) => s.group).filter(Boolean))];
  assert.deepEqual(reached, groups, 'every radio group of the content, in reading order');
  console.log(`Tab: ${seen.length} stops to the first "${change}", ${reached.length} radio groups on the way`);
});

await run('a11y: the keyboard works the controls (Enter, Space, arrows, fields, drop-downs) and focus follows navigation', async (app) => {
  const { page } = app;
  await show(app, 'profile', 'zh');
  const focus = (role, name) => page.getByRole(role, { name, exact: true }).first().focus();
  // A field reached by Tab is edited by the interface; Tab goes on from it.
  await focus('textbox', text('profile.name'));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  // The interface edits the field: keys go to its input element.
  await page.waitForFunction((name) => document.activeElement.id === 'ime' && document.activeElement.getAttribute('aria-label') === name,
                             text('profile.name'), { timeout: 5000 });
  await page.keyboard.insertText('天山区测试有限公司');
  let s = await waitForState(app, (x) => x.draft.profile.organization.name.endsWith('天山区测试有限公司'), 'the name typed after Tab');
  await page.keyboard.press('Tab');
  await sleep(200);
  const after = await page.evaluate(() => document.activeElement.id);
  assert.notEqual(after, 'ime', 'Tab leaves the field being edited');
  // Arrows choose within a radio group (the answer goes into the draft).
  await focus('radio', text('ui.yes'));
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  s = await waitForState(app, (x) => x.draft.profile.organization.registered_in_urumqi === false, 'the answer chosen with the arrows');
  // A drop-down chosen with the keyboard.
  const kind = page.getByRole('combobox').first();
  await kind.focus();
  await kind.selectOption({ index: 2 });
  s = await waitForState(app, (x) => !!x.draft.profile.organization.kind, 'a kind chosen from the drop-down');
  // Enter on a navigation link: the screen changes and its title takes the focus.
  await page.getByRole('link', { name: text('nav.eligibility'), exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => document.activeElement.tagName === 'H1' && document.activeElement.textContent === t, text('nav.eligibility'));
  // Enter on a button: the language switches.
  await page.getByRole('button', { name: 'English', exact: true }).focus();
  await page.keyboard.press('Enter');
  await waitForState(app, (x) => x.language === 'en', 'English chosen with Enter');
  await page.waitForFunction(() => document.getElementById('semantics').lang === 'en');
});


await run('a11y: a change link on the check page leads to the field itself, ready for typing, and back', async (app) => {
  const { page } = app;
  await show(app, 'package', 'zh');
  await page.getByRole('button', { name: `${text('elig.s.change')} ${text('pkg.row.publicity')}` }).focus();
  await page.keyboard.press('Enter');
  await waitForState(app, (x) => x.screen === 4, 'the publicity screen');
  // The posting time's field edits: keys go to its input element.
  await page.waitForFunction((name) => document.activeElement.id === 'ime' && document.activeElement.getAttribute('aria-label') === name,
                             text('pub.posted_at'), { timeout: 5000 });
  await page.keyboard.press('End');  // (the text comes selected, as a field reached by Tab)
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText('5');
  await waitForState(app, (x) => (x.draft.publicity.posted_at || '').startsWith('2026-03-06T15:05'), 'the posting time typed into');
  await page.getByRole('button', { name: text('ui.back_to_summary') }).focus();
  await page.keyboard.press('Enter');
  await waitForState(app, (x) => x.screen === 6, 'back on the check page');
});
