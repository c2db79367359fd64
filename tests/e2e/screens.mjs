// Shared by the accessibility tests (issue 15): the example draft, the
// interface's Chinese words, and a screen shown in a language.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleep, projectRoot } from './harness.mjs';

export const draft = JSON.parse(readFileSync(join(projectRoot, 'assets/examples/draft.json'), 'utf8'));
const zh = JSON.parse(readFileSync(join(projectRoot, 'assets/i18n/zh-CN.json'), 'utf8'));
export const text = (key) => zh.messages[key];
export const screens = ['home', 'profile', 'eligibility', 'assessment', 'publicity', 'materials', 'package', 'review', 'district',
                        'office', 'rate'];
// A district's workspace as the page keeps it (issue 18): two recommended
// with their checks, one not, one pending; the publicity posted.
const checked = { by: '阿依古丽', at: '2026-03-16T16:00:00+08:00', result: '未列入' };
const checks = { business_anomaly: checked, serious_violation: checked, departments: { ...checked, result: '无异议' } };
const none = { business_anomaly: { by: '', result: '' }, serious_violation: { by: '', result: '' }, departments: { by: '', result: '' } };
export const district = {
  format: 'qaward-district/1', unit: '天山区市场监督管理局', reviewer: '阿依古丽',
  cases: [
    { package_id: 'QA-91330100716105852F-20260316T100000', file: '甲公司.zip', organization: '乌鲁木齐甲公司', uscc: '91330100716105852F',
      decision: 'recommend', reasons: '材料齐全，符合申报条件，同意推荐', checks },
    { package_id: 'QA-91330100716105852F-20260316T110000', file: '乙公司.zip', organization: '乌鲁木齐乙公司', uscc: '91330100716105852F',
      decision: 'not_recommend', reasons: '经营未满五年（第二条）', checks: none },
    { package_id: 'QA-91330100716105852F-20260316T120000', file: '丙公司.zip', organization: '乌鲁木齐丙公司', uscc: '91330100716105852F',
      decision: 'pending', reasons: '', checks: none },
  ],
  publicity: { posted_at: '2026-03-17T09:00:00+08:00', posting_day_counts: false, region: 'xinjiang', where: '天山区人民政府网站',
               contact: { department: '天山区市场监督管理局', person: '阿依古丽', phone: '0991-5550000' }, objections: [] },
};

// The page on `screen` in `language` with a draft (by default the example;
// null: none, as on a first visit), settled.
export async function show(app, screen, language, d = draft) {
  const { page } = app;
  await page.evaluate(([d, s, l, district]) => {
    if (d) localStorage.setItem('qaward.draft', JSON.stringify(d));
    else localStorage.removeItem('qaward.draft');
    localStorage.setItem('qaward.district', JSON.stringify(district));
    localStorage.setItem('qaward.screen', s);
    localStorage.setItem('qaward.language', l);
  }, [d, screen, language, district]);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.appReady === 'true');
  await sleep(400);
}
