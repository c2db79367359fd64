// Every character people type is drawn (issue 14, item 1): the common ones
// from the font shipped with the page, the rest from font slices fetched when
// they first appear, and a character no font holds as a box with its code
// point. window.qaward.fontMissing(text) fetches what `text` needs and
// returns what still cannot be drawn.
import { run, assert, sleep, clickItem, waitForState } from './harness.mjs';

// The ranges the issue names: CJK Unified Ideographs and Extension A, CJK
// symbols and punctuation, full-width forms, Latin and digits.
const RANGES = [[0x4e00, 0x9fff], [0x3400, 0x4dbf], [0x3000, 0x303f], [0xff01, 0xff5e], [0x20, 0x7e]];
const NAMES = '二〇二六年 喆 垚 堃 燊 昇 玥';

// A seeded generator, so a failure can be repeated (the seed is printed).
function sample(count, seed) {
  let x = seed >>> 0;
  const next = () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x / 2 ** 32; };
  const total = RANGES.reduce((n, [a, b]) => n + b - a + 1, 0);
  const out = [];
  while (out.length < count) {
    let k = Math.floor(next() * total);
    for (const [a, b] of RANGES) {
      if (k <= b - a) { out.push(a + k); break; }
      k -= b - a + 1;
    }
  }
  return out;
}

await run('fonts: every character drawn, rare ones fetched when typed, others named', async (app) => {
  const { page } = app;
  const missing = (text) => page.evaluate((t) => window.qaward.fontMissing(t), text);
  let state = await app.state();
  assert.deepEqual(state.font_slices, { requested: 0, loaded: 0, failed: 0 }, 'no slice fetched on a first load');

  // A name character not in the first load, typed: fetched and drawn.
  await clickItem(app, 'nav_profile');
  await sleep(300);
  await clickItem(app, 'org_name');
  await waitForState(app, (s) => s.text_input, 'the name field');
  const frames = (await app.state()).frames_drawn;
  const t0 = Date.now();
  await page.keyboard.insertText('燊');
  state = await waitForState(app, (s) => s.font_slices.loaded >= 1 && s.font_slices.requested === 0 &&
                                        s.frames_drawn > frames + 1, 'the slice for 燊 merged and drawn', 5000);
  console.log(`a character not yet loaded drawn ${Date.now() - t0} ms after it was typed (goal 300 ms)`);
  assert.equal(state.org_name, '燊');
  assert.equal(state.font_slices.failed, 0);

  // The names and official dates from the issue, then 2,000 code points from the ranges.
  assert.deepEqual(await missing(NAMES), [], 'names and 〇');
  const seed = Number(process.env.QAWARD_FONT_SEED || Date.now() % 100000);
  const points = sample(2000, seed);
  const t1 = Date.now();
  const undrawn = await missing(String.fromCodePoint(...points));
  console.log(`2,000 code points (seed ${seed}): ${undrawn.length} undrawable, ` +
              `${(await app.state()).font_slices.loaded} slices loaded in ${Date.now() - t1} ms`);
  assert.deepEqual(undrawn.map((c) => 'U+' + c.toString(16).toUpperCase()), [], `seed ${seed}`);

  // Outside every font here (Uyghur script, an Extension B character Noto
  // Sans CJK SC lacks): named as such, kept intact in the draft.
  const uyghur = 'قۇتلۇق';
  assert.deepEqual(await missing(uyghur), [...new Set([...uyghur].map((c) => c.codePointAt(0)))]);
  await page.keyboard.insertText(uyghur + '\u{20000}');
  state = await waitForState(app, (s) => s.org_name === '燊' + uyghur + '\u{20000}', 'kept intact');
  assert.deepEqual(app.consoleErrors, []);
});
