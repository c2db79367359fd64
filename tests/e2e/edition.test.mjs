// The rule edition in the page (issue 13): a draft naming the draft edition
// is imported and evaluated under it, as the CLI evaluates it; the
// eligibility screen lists the rules that differ from the default; the export
// keeps the edition; the home screen changes it; an edition this program does
// not have is kept, and the page says which edition it uses instead.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, assert, projectRoot, clickItem, waitForState } from './harness.mjs';

const cli = process.env.QAWARD_CLI || join(projectRoot, 'build', 'native', 'bin', 'qaward');
const shots = process.env.QAWARD_SCREENSHOTS || join(projectRoot, 'build', 'e2e-screenshots');
mkdirSync(shots, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'qaward-edition-'));
const example = JSON.parse(readFileSync(join(projectRoot, 'assets', 'examples', 'draft.json'), 'utf8'));
const DEFAULT = JSON.parse(readFileSync(join(projectRoot, 'assets', 'rules', 'index.json'), 'utf8')).default;

function draftFile(name, edition) {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ ...example, edition }));
  return path;
}

async function exported(app) {
  const download = app.page.waitForEvent('download');
  await clickItem(app, 'export_draft');
  return JSON.parse(readFileSync(await (await download).path(), 'utf8'));
}

await run('edition: imported, evaluated as the CLI does, differences listed, exported, changed on home', async (app) => {
  const { page } = app;
  let state = await app.state();
  assert.equal(state.edition, DEFAULT, 'a new draft follows the default edition');
  assert.ok(state.items[`edition.${DEFAULT}`] && state.items['edition.urumqi-2025-draft'], 'home offers every shipped edition');
  assert.ok(state.items.calendar_status, 'home states what the working-day calendar covers (issue 19)');
  await page.screenshot({ path: join(shots, 'home-calendar-status.png') });

  await page.setInputFiles('#draft-picker', draftFile('draft-edition.json', 'urumqi-2025-draft'));
  state = await waitForState(app, (s) => s.draft.edition === 'urumqi-2025-draft', 'the imported draft');
  assert.equal(state.edition, 'urumqi-2025-draft');
  assert.equal(state.edition_unknown, false);
  assert.ok(state.edition_differences.includes('art2.organization-kind'), JSON.stringify(state.edition_differences));

  // The same verdict as `qaward eligibility --edition` on the draft's profile, on the page's date.
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);  // Beijing
  const profile = join(dir, 'profile.json');
  writeFileSync(profile, JSON.stringify(example.profile));
  let cliOut;
  try {
    cliOut = execFileSync(cli, ['eligibility', '--profile', profile, '--date', today, '--edition', 'urumqi-2025-draft', '--format', 'json'], { encoding: 'utf8' });
  } catch (err) {
    cliOut = err.stdout;  // exit 1: not eligible or more information needed
  }
  const fromCli = JSON.parse(cliOut);
  assert.equal(state.eligibility, fromCli.outcome);
  assert.equal(fromCli.edition, 'urumqi-2025-draft');

  await clickItem(app, 'nav_eligibility');
  state = await app.state();
  assert.ok(state.items.edition_differences, 'the eligibility screen lists the differences');
  await page.screenshot({ path: join(shots, 'edition-differences.png') });

  const file = await exported(app);
  assert.equal(file.edition, 'urumqi-2025-draft', 'the export keeps the edition');

  // Chosen on the home screen: the draft records it and the differences go.
  await clickItem(app, 'nav_home');
  await page.screenshot({ path: join(shots, 'edition-home.png') });
  await clickItem(app, `edition.${DEFAULT}`);
  state = await waitForState(app, (s) => s.draft.edition === DEFAULT, 'the default chosen');
  assert.equal(state.edition, DEFAULT);
  assert.deepEqual(state.edition_differences, []);
  await clickItem(app, 'edition.urumqi-2025-draft');
  state = await waitForState(app, (s) => s.edition === 'urumqi-2025-draft', 'the draft edition chosen again');
  assert.equal((await exported(app)).edition, 'urumqi-2025-draft');
});

await run('edition: one this program does not have is kept, and the page says which it uses', async (app) => {
  const { page } = app;
  await page.setInputFiles('#draft-picker', draftFile('draft-unknown.json', 'urumqi-1999'));
  let state = await waitForState(app, (s) => s.draft.edition === 'urumqi-1999', 'the imported draft');
  assert.equal(state.edition, DEFAULT, 'evaluated under the default');
  assert.equal(state.edition_unknown, true);
  assert.match(state.notice, /urumqi-1999/);
  assert.equal(state.notice_is_error, false);
  assert.ok(state.items.edition_unknown, 'home says so');
  await page.screenshot({ path: join(shots, 'edition-unknown.png') });
  await clickItem(app, 'language_switch');
  await page.screenshot({ path: join(shots, 'edition-unknown-en.png') });
  assert.equal((await exported(app)).edition, 'urumqi-1999', 'the export keeps it');
});
