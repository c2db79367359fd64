// The eligibility core, compiled into the browser app, answers JSON requests
// exactly as the CLI does (app/common/eligibility_bridge.cpp).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, assert, projectRoot } from './harness.mjs';

const profile = JSON.parse(readFileSync(join(projectRoot, 'assets/examples/profile.json'), 'utf8'));
const assessment = JSON.parse(readFileSync(join(projectRoot, 'assets/examples/assessment.json'), 'utf8'));

await run('eligibility bridge: verdicts, both languages, errors', async (app) => {
  const ask = (request) => app.page.evaluate((r) => JSON.parse(Module.ccall('qa_eligibility', 'string', ['string'], [JSON.stringify(r)])), request);

  const ok = await ask({ profile, date: '2025-12-01' });
  assert.equal(ok.outcome, 'eligible');
  assert.equal(ok.edition, 'urumqi-2025-11-18');
  assert.ok(ok.unverified_rules.length > 0, 'the default edition says which rules are unverified');
  const years = ok.checks.find((c) => c.id === 'art9.2.operating-years');
  assert.equal(years.outcome, 'pass');
  assert.equal(years.values.full_on, '2020-03-10');
  assert.match(years.message.zh, /2015-03-10 成立/);
  assert.match(years.message.en, /Founded 2015-03-10/);

  const young = structuredClone(profile);
  young.organization.established_on = '2022-01-01';
  const no = await ask({ profile: young, date: '2025-12-01', edition: 'urumqi-2025-draft' });
  assert.equal(no.outcome, 'not_eligible');
  assert.equal(no.edition, 'urumqi-2025-draft');
  assert.deepEqual(no.unverified_rules, []);

  const bad = await ask({ profile: { organization: { established_on: '2023-02-29' } }, date: '2025-12-01' });
  assert.equal(bad.error, true);
  assert.equal(bad.diagnostics[0].where, '/profile/organization/established_on');
  assert.match(bad.diagnostics[0].message.zh, /2023-02-29/);

  const notJson = await app.page.evaluate(() => JSON.parse(Module.ccall('qa_eligibility', 'string', ['string'], ['{oops'])));
  assert.equal(notJson.error, true);
  assert.deepEqual(app.consoleErrors, []);
});

await run('assessment bridge: the summary and precise errors', async (app) => {
  const ask = (request) => app.page.evaluate((r) => JSON.parse(Module.ccall('qa_assess', 'string', ['string'], [JSON.stringify(r)])), request);
  const summary = await ask(assessment);
  assert.equal(summary.total, 439);
  assert.equal(summary.categories.length, 7);
  assert.equal(summary.gaps[0].id, '4.7.4');
  assert.equal(summary.comparisons[0].id, '4.4.2');
  assert.match(summary.counters.definition.zh, /空格/);
  const bad = await ask({ scores: [{ item: '4.1.2', band: 3, percent: 50 }] });
  assert.equal(bad.error, true);
  assert.equal(bad.diagnostics[0].where, '/scores/0/percent');
  assert.match(bad.diagnostics[0].message.zh, /4\.1\.2/);
  assert.deepEqual(app.consoleErrors, []);
});
