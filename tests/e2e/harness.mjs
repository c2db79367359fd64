// Shared set-up for the browser end-to-end tests: serves QAWARD_WEB_DIR with
// scripts/serve.mjs on a free port, drives Debian's /usr/bin/chromium through
// playwright-core, and records console errors and requests to other origins.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { startServer } from '../../scripts/serve.mjs';

export { assert };

const here = dirname(fileURLToPath(import.meta.url));
export const projectRoot = join(here, '..', '..');

// The flags that rendered the WebGL2 canvas here (docs/toolchain.md); the last
// five keep Chromium off the network, which is closed.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu-sandbox', '--use-gl=angle', '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// Chromium with no WebGL at all (a cloud desktop, a blocklisted GPU): the
// page draws with its software renderer (issue 20).
export const NO_WEBGL_ARGS = CHROMIUM_ARGS.filter((a) => !a.includes('angle') && !a.includes('swiftshader') && a !== '--disable-gpu-sandbox')
  .concat(['--disable-gpu', '--disable-software-rasterizer']);

// `initScript` runs in the page before its own scripts (to take a feature
// away); `ready` is the value of html[data-app-ready] to wait for.
export async function openApp({ viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1, initScript = null,
                                ready = 'true', path = '/', args = CHROMIUM_ARGS, hasTouch = false, isMobile = false } = {}) {
  const webDir = process.env.QAWARD_WEB_DIR || join(projectRoot, 'build', 'wasm', 'web');
  const server = await startServer({ root: webDir, port: 0 });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = mkdtempSync(join(tmpdir(), 'qaward-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args,
    viewport,
    deviceScaleFactor,
    hasTouch,
    isMobile,
  });
  const page = context.pages()[0] || (await context.newPage());
  if (initScript) await page.addInitScript(initScript);
  const requested = [];
  page.on('request', (req) => requested.push(req.url()));
  const consoleErrors = [];
  const foreignRequests = [];
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  context.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  const started = Date.now();
  await page.goto(origin + path);
  await page.waitForFunction((r) => document.documentElement.dataset.appReady === r, ready, { timeout: 30000 });
  const readyMs = Date.now() - started;
  return {
    page, context, origin, consoleErrors, foreignRequests, readyMs, requested,
    state: () => page.evaluate(() => QA.state()),
    async close() {
      await context.close();
      server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Runs one test body with a fresh app; reports and sets the exit code.
export async function run(name, body, options) {
  let app;
  try {
    app = await openApp(options);
    await body(app);
    console.log(`PASS ${name}`);
  } catch (err) {
    console.error(`FAIL ${name}\n${err && err.stack ? err.stack : err}`);
    process.exitCode = 1;
  } finally {
    if (app) await app.close();
  }
}

// Where the interface draws a labelled field: tests click at positions that
// the layout gives (the canvas has no DOM to query).
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Number of distinct colours in a PNG screenshot (decoded by the browser), and
// the share of pixels that differ from the most common one.
export async function screenshotStats(page, png) {
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const counts = new Map();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    const top = Math.max(...counts.values());
    const pixels = data.length / 4;
    return { colours: counts.size, nonBackground: (pixels - top) / pixels, width: bitmap.width, height: bitmap.height };
  }, png.toString('base64'));
}

// Clicks a widget the interface drew under `name` (AppState::item_rects),
// scrolling the content until it is on screen.
export async function clickItem(app, name) {
  await sleep(250);
  let r = (await app.state()).items[name];
  assert.ok(r, `the interface did not draw "${name}"`);
  const height = app.page.viewportSize().height;
  for (let i = 0; i < 20 && r[1] + r[3] > height; i++) {
    await app.page.mouse.move(700, height / 2);
    await app.page.mouse.wheel(0, 400);
    await sleep(250);
    r = (await app.state()).items[name];
  }
  await app.page.mouse.click(r[0] + r[2] / 2, r[1] + r[3] / 2);
  await sleep(250);
}

// Polls the interface's state until `predicate` holds.
export async function waitForState(app, predicate, what, timeoutMs = 10000) {
  for (const until = Date.now() + timeoutMs; Date.now() < until;) {
    const s = await app.state();
    if (predicate(s)) return s;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}: ${JSON.stringify(await app.state()).slice(0, 400)}`);
}

// On the sign-and-package screen: a new key made with `passphrase` typed twice.
export async function createKey(app, passphrase) {
  await clickItem(app, 'nav_package');
  await clickItem(app, 'new_passphrase');
  await app.page.keyboard.insertText(passphrase);
  await clickItem(app, 'new_passphrase_again');
  await app.page.keyboard.insertText(passphrase);
  await clickItem(app, 'create_key');
}

// Drops files onto the page as a user dragging them from the desktop would:
// a drop event carrying a DataTransfer with File objects of these bytes.
export async function dropFiles(app, files) {  // files: [{ name, bytes: Buffer }]
  const payload = files.map((f) => ({ name: f.name, data: f.bytes.toString('base64') }));
  await app.page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name));
    }
    const target = document.getElementById('canvas');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, payload);
}
