// Shared by the accessibility tests (issue 15): the example draft, the
// interface's Chinese words, and a screen shown in a language.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleep, projectRoot } from './harness.mjs';

export const draft = JSON.parse(readFileSync(join(projectRoot, 'assets/examples/draft.json'), 'utf8'));
const zh = JSON.parse(readFileSync(join(projectRoot, 'assets/i18n/zh-CN.json'), 'utf8'));
export const text = (key) => zh.messages[key];
export const screens = ['home', 'profile', 'eligibility', 'assessment', 'publicity', 'materials', 'package', 'review', 'rate'];

// The page on `screen` in `language` with a draft (by default the example;
// null: none, as on a first visit), settled.
export async function show(app, screen, language, d = draft) {
  const { page } = app;
  await page.evaluate(([d, s, l]) => {
    if (d) localStorage.setItem('qaward.draft', JSON.stringify(d));
    else localStorage.removeItem('qaward.draft');
    localStorage.setItem('qaward.screen', s);
    localStorage.setItem('qaward.language', l);
  }, [d, screen, language]);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
  await sleep(400);
}
