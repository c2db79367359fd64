// Issue 16: human words only. Every screen, in both languages, with the
// example draft, a blank one and one that cannot apply: all the text the page
// shows (read from the semantics mirror: each node's text, name, value,
// description and options) is checked for what a person should never have to
// read - codes (snake_case), JSON pointers, ISO timestamps with T and offset,
// missing-text markers, edition ids, "1 records", Latin words in the Chinese
// interface and Chinese in the English one (the user's own data, names and
// quoted words aside).
import { run, assert } from './harness.mjs';
import { draft, screens, show } from './screens.mjs';

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
  'Chrome', 'Edge', 'Firefox', 'minisign', 'BagIt', 'YYYY', 'MM', 'DD', 'ADLI', 'LeTCI', 'Noto', 'Sans', 'CJK', 'SC']);

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
    let t = raw;
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

await run('wording: no codes, pointers, timestamps or untranslated words on any screen, in either language', async (app) => {
  const failures = new Set();
  for (const [name, d] of Object.entries(drafts)) {
    const user = [...userStrings(d)].sort((a, b) => b.length - a.length);
    for (const language of ['zh', 'en']) {
      for (const screen of screens) {
        await show(app, screen, language, d);
        const texts = await app.page.evaluate(() => {
          const out = [];
          for (const el of document.querySelectorAll('#semantics .sem, #semantics-descriptions span')) {
            if (el.classList.contains('sem-scroll')) continue;
            if (el.children.length === 0 && el.textContent.trim()) out.push(el.textContent.trim());
            if (el.getAttribute('aria-label')) out.push(el.getAttribute('aria-label'));
            if (el.tagName === 'SELECT') for (const o of el.options) out.push(o.text);
          }
          return out;
        });
        for (const p of problems(texts, language, user)) failures.add(`${screen} (${language}, ${name} draft): ${p}`);
      }
    }
  }
  const list = [...failures];
  console.log(`${list.length} wording problems`);
  assert.deepEqual(list, [], list.join('\n'));
});
