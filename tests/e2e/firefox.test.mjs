// The core journey in a second engine (issue 20, item 7): Debian's
// firefox-esr, driven by puppeteer-core over WebDriver BiDi. The example
// draft is checked for eligibility, its four attachments are attached and
// hashed, a key made by `qaward keygen` is imported, the package is built
// (in the origin-private file system, Firefox's synchronous handles), taken
// out of the page and verified by the CLI and then in reviewer mode.
// Firefox draws with WebGL2 here given software GL (docs/toolchain.md).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { assert, projectRoot, sleep } from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const cli = process.env.QAWARD_CLI || join(projectRoot, 'build', 'native', 'bin', 'qaward');
const examples = join(projectRoot, 'assets', 'examples');
const draft = JSON.parse(readFileSync(join(examples, 'draft.json'), 'utf8'));

async function openFirefox() {
  const server = await startServer({ root: process.env.QAWARD_WEB_DIR || join(projectRoot, 'build', 'wasm', 'web'), port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'qaward-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: profile,
    extraPrefsFirefox: { 'webgl.force-enabled': true, 'gfx.webrender.software': true },
    env: { ...process.env, LIBGL_ALWAYS_SOFTWARE: '1', MOZ_WEBGL_FORCE_EGL: '1' },
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 768 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    page, errors, origin,
    state: () => page.evaluate(() => QA.state()),
    async close() {
      await browser.close();
      server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function waitFor(app, predicate, what, timeoutMs = 30000) {
  for (const until = Date.now() + timeoutMs; Date.now() < until;) {
    const s = await app.state();
    if (predicate(s)) return s;
    await sleep(150);
  }
  assert.fail(`timed out waiting for ${what}`);
}

// A widget the interface drew, clicked where it was drawn.
async function click(app, name) {
  await sleep(250);
  const r = (await app.state()).items[name];
  assert.ok(r, `the interface did not draw "${name}"`);
  await app.page.mouse.click(r[0] + r[2] / 2, r[1] + r[3] / 2);
  await sleep(250);
}

async function upload(app, selector, files) {
  const input = await app.page.$(selector);
  await input.uploadFile(...files);
}

if (!existsSync(FIREFOX)) {
  console.error(`FAIL firefox: ${FIREFOX} is missing (scripts/setup.sh installs firefox-esr)`);
  process.exitCode = 1;
} else {
  const app = await openFirefox();
  try {
    const started = Date.now();
    await app.page.evaluate(() => localStorage.clear()).catch(() => {});
    await app.page.goto(app.origin + '/');
    await app.page.evaluate((d) => localStorage.setItem('qaward.draft', JSON.stringify(d)), draft);
    await app.page.reload();
    await app.page.waitForFunction(() => document.documentElement.dataset.appReady === 'true', { timeout: 60000 });
    let state = await app.state();
    console.log(`firefox: ready in ${Date.now() - started} ms, drawing with ${state.renderer}`);
    assert.equal(state.eligibility, 'eligible', 'the example is eligible');

    await click(app, 'nav_materials');
    await upload(app, '#attachment-picker', draft.attachments.map((a) => join(examples, a.path)));
    state = await waitFor(app, (s) => s.draft.attachments.length === 4 && s.draft.attachments.every((a) => a.checked), 'the attachments, hashed');

    const dir = mkdtempSync(join(tmpdir(), 'qaward-firefox-key-'));
    execFileSync(cli, ['keygen', '--out', join(dir, 'org')], { env: { ...process.env, QAWARD_PASSPHRASE: 'firefox passphrase 2026' } });
    await click(app, 'nav_package');
    await upload(app, '#key-picker', [join(dir, 'org.key')]);
    await waitFor(app, (s) => s.has_key, 'the imported key');
    await click(app, 'passphrase');
    await app.page.keyboard.type('firefox passphrase 2026');
    await click(app, 'build_package');
    state = await waitFor(app, (s) => !s.packaging && s.last_package, 'the package', 60000);
    assert.ok(!state.notice_is_error, state.notice);

    // The package as the page kept it (what it offered for download).
    const base64 = await app.page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      let newest = null;
      for await (const [name, handle] of root.entries()) if (name.startsWith('out-') && (!newest || name > newest.name)) newest = handle;
      const bytes = new Uint8Array(await (await newest.getFile()).arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    });
    const path = join(dir, 'package.zip');
    writeFileSync(path, Buffer.from(base64, 'base64'));
    const report = JSON.parse(execFileSync(cli, ['verify', path, '--pubkey', join(dir, 'org.pub'), '--format', 'json'], { encoding: 'utf8' }));
    assert.equal(report.valid, true, JSON.stringify(report.findings));
    assert.equal(report.package_id, state.last_package);

    // Reviewer mode opens it in the same engine.
    await click(app, 'nav_review');
    await upload(app, '#package-picker', [path]);
    state = await waitFor(app, (s) => s.reviews.length === 1 && !s.reviews[0].verifying, 'the verified package');
    assert.equal(state.reviews[0].valid, true);
    assert.deepEqual(app.errors, []);
    console.log('PASS firefox: eligibility, attach, package, verify (CLI and reviewer mode) in Firefox ESR');
  } catch (err) {
    console.error(`FAIL firefox\n${err && err.stack ? err.stack : err}`);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}
