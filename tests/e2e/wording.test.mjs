// Issue 16: human words only. Every screen, in both languages, with the
// example draft, a blank one and one that cannot apply: all the text the page
// shows (read from the semantics mirror: each node's text, name, value,
// description and options) is checked for what a person should never have to
// read - codes (snake_case), JSON pointers, ISO timestamps with T and offset,
// missing-text markers, edition ids, "1 records", Latin words in the Chinese
// interface and Chinese in the English one (the user's own data, names and
// quoted words aside).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, assert, projectRoot, waitForState, sleep } from './harness.mjs';
import { draft, district, screens, show } from './screens.mjs';

const notEligible = structuredClone(draft);
notEligible.profile.history.on_business_anomaly_list = true;
const drafts = { example: draft, blank: null, not_eligible: notEligible };

// What the user typed: shown back as it is, whatever its words.
function userStrings(value, out = new Set()) {
  if (typeof value === 'string' && value.length > 2) {
    out.add(value);
    out.add(value.split('/').pop());  // an attachment's file name
  }
  else if (value && typeof value === 'object') for (const v of Object.values(value)) userStrings(v, out);
  return out;
}

// Words the Chinese interface may show in Latin letters: names of formats,
// standards, programs and units a Chinese reader meets as they are.
const latinAllowed = new Set(['English', 'WebGL', 'SHA', 'CSV', 'JSON', 'HTML', 'ZIP', 'GB', 'ISO', 'PDF', 'KiB', 'MiB', 'GiB',
  'Chrome', 'Edge', 'Firefox', 'Safari', 'TiB', 'minisign', 'BagIt', 'YYYY', 'MM', 'DD', 'ADLI', 'LeTCI', 'Noto', 'Sans', 'CJK', 'SC']);

const checks = [
  ['a code', /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g],
  ['a JSON pointer', /(?:^|[\s(（])\/[a-z_]+(?:\/[a-z0-9_]+)+/g],
  ['an ISO timestamp', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})/g],
  ['a missing-text marker', /[⟦⟧]/g],
  ['an edition id', /\b[a-z]+-\d{4}(?:-[a-z0-9]+)+\b/g],
  ['a plural after one', /(?:^|\s)1 [a-z]+s\b/g],
];

function problems(texts, language, user) {
  const found = [];
  for (const raw of texts) {
    // Identifiers read character by character, not words: key ids,
    // fingerprints, package ids, rater ids; and the page's own address.
    let t = raw.replace(/\bQA-[0-9A-Z]+-\d{8}T\d{6}\b|\b[0-9A-F]{16}\b|\b[0-9A-F]{4}(?:\s[0-9A-F]{4}){7}\b|\bR-[0-9A-F]{6}\b/g, ' ')
      .replace(/https?:\/\/[^\s，。；）]+/g, ' ');
    for (const u of user) t = t.split(u).join(' ');
    for (const [what, re] of checks) for (const m of t.matchAll(re)) found.push(`${what} "${m[0].trim()}" in "${raw.slice(0, 80)}"`);
    if (language === 'zh') {
      // (A file's extension, ".pub", is its name's part; the language
      // switch speaks the language it switches to.)
      const bare = t.replace(/\.[A-Za-z0-9]+\b/g, ' ').replace('Switch the interface to English', ' ');
      for (const m of bare.matchAll(/[A-Za-z]{2,}/g)) {
        if (!latinAllowed.has(m[0])) found.push(`a Latin word "${m[0]}" in "${raw.slice(0, 80)}"`);
      }
    } else {
      // Quoted titles and words (《…》, “…”), a Chinese term glossed in
      // brackets after its English ("the call notice (申报通知)") and the
      // language switch (named in the language it switches to) aside.
      const bare = t.replace(/《[^》]*》|“[^”]*”|\([\u3400-\u9fff\u3000-\u303f\uff00-\uffef/★、]+\)|中文|切换为中文界面/g, ' ');
      for (const m of bare.matchAll(/[\u3400-\u9fff]+/g)) found.push(`Chinese "${m[0]}" in "${raw.slice(0, 80)}"`);
    }
  }
  return found;
}

// All the text the page shows, from the semantics mirror.
function shownTexts(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('#semantics .sem, #semantics-descriptions span')) {
      if (el.classList.contains('sem-scroll')) continue;
      if (el.children.length === 0 && el.textContent.trim()) out.push(el.textContent.trim());
      if (el.getAttribute('aria-label')) out.push(el.getAttribute('aria-label'));
      if (el.tagName === 'SELECT') for (const o of el.options) out.push(o.text);
    }
    return out;
  });
}

await run('wording: no codes, pointers, timestamps or untranslated words on any screen, in either language', async (app) => {
  const failures = new Set();
  for (const [name, d] of Object.entries(drafts)) {
    const user = [...userStrings(d), ...userStrings(district)].sort((a, b) => b.length - a.length);
    for (const language of ['zh', 'en']) {
      for (const screen of screens) {
        await show(app, screen, language, d);
        for (const p of problems(await shownTexts(app.page), language, user)) failures.add(`${screen} (${language}, ${name} draft): ${p}`);
      }
    }
  }
  // The district pre-check of packages the CLI made: one in order, one made
  // before its publicity ended with an objection still open (findings with
  // times and an objection in them).
  const dir = mkdtempSync(join(tmpdir(), 'qaward-wording-'));
  const cli = process.env.QAWARD_CLI || join(projectRoot, 'build', 'native', 'bin', 'qaward');
  const env = { ...process.env, QAWARD_PASSPHRASE: '申报组织的口令 2026' };
  execFileSync(cli, ['keygen', '--out', join(dir, 'org')], { env });
  const early = structuredClone(draft);
  delete early.publicity.objections[0].resolution;
  delete early.publicity.objections[0].resolved_on;
  for (const a of early.attachments) a.path = join(projectRoot, 'assets/examples', a.path);
  writeFileSync(join(dir, 'early.json'), JSON.stringify(early));
  const packages = [[join(projectRoot, 'assets/examples/draft.json'), '2026-03-16T10:00'], [join(dir, 'early.json'), '2026-03-12T10:00']];
  const user = [...userStrings(draft)].sort((a, b) => b.length - a.length);
  for (const [i, [from, now]] of packages.entries()) {
    execFileSync(cli, ['package', '--draft', from, '--key', join(dir, 'org.key'), '--out', join(dir, `p${i}.zip`), '--now', now], { env, stdio: 'pipe' });
    for (const language of ['zh', 'en']) {
      await show(app, 'review', language, null);
      await app.page.setInputFiles('#package-picker', join(dir, `p${i}.zip`));
      await waitForState(app, (s) => s.reviews.length === 1 && !s.reviews[0].verifying, 'the verified package');
      await sleep(300);
      const texts = await shownTexts(app.page);
      for (const p of problems(texts, language, user)) failures.add(`review of p${i}.zip (${language}): ${p}`);
      if (i === 1 && language === 'zh') assert.ok(texts.some((t) => t.includes('2026年3月13日24时')), `the period's end in words:\n${texts.join('\n')}`);
    }
  }
  const list = [...failures];
  console.log(`${list.length} wording problems`);
  assert.deepEqual(list, [], list.join('\n'));
});
