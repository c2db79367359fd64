#!/usr/bin/env node
// A static file server for the built app (build/wasm/web/): the right MIME
// types (.wasm as application/wasm), gzip for clients that accept it, and the
// security headers the app is meant to run under. No dependencies beyond node.
//   node scripts/serve.mjs DIR [--host H] [--port P]    (or HOST / PORT env)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.otf': 'font/otf',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

// Only the page's own origin; WebAssembly compilation needs 'wasm-unsafe-eval'
// (it allows compiling wasm, not JavaScript eval).
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  // Printable documents opened from blob: URLs carry their own <style>.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.data', '.otf', '.ttf', '.txt', '.svg']);

export function startServer({ root, host = '127.0.0.1', port = 8080 }) {
  const base = resolve(root);
  const gzCache = new Map(); // path -> { mtimeMs, body }
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      let path = decodeURIComponent(url.pathname);
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      const ext = extname(file);
      const headers = {
        'Content-Type': MIME[ext] || 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cache-Control': 'no-cache',
        // Lets the service worker tell a changed file from the cached one.
        'ETag': `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`,
      };
      let body = await readFile(file);
      if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        const cached = gzCache.get(file);
        if (cached && cached.mtimeMs === info.mtimeMs) body = cached.body;
        else {
          const gz = gzipSync(body, { level: 6 });
          gzCache.set(file, { mtimeMs: info.mtimeMs, body: gz });
          body = gz;
        }
        headers['Content-Encoding'] = 'gzip';
        headers['Vary'] = 'Accept-Encoding';
      }
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(String(err));
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise(server));
  });
}

async function main() {
  const args = process.argv.slice(2);
  let root = null;
  let host = process.env.HOST || '127.0.0.1';
  let port = Number(process.env.PORT || 8080);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--host') host = args[++i];
    else if (args[i] === '--port') port = Number(args[++i]);
    else root = args[i];
  }
  if (!root || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('usage: serve.mjs DIR [--host H] [--port P]  (PORT must be 0-65535)');
    process.exit(2);
  }
  const info = await stat(join(root, 'index.html')).catch(() => null);
  if (!info) {
    console.error(`serve: ${root}/index.html not found; build the wasm preset first (scripts/run.sh does).`);
    process.exit(2);
  }
  try {
    const server = await startServer({ root, host, port });
    const addr = server.address();
    const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    console.log(`质量奖申报助手 is served at http://${shown}:${addr.port}/  (Ctrl+C to stop)`);
  } catch (err) {
    if (err.code === 'EADDRINUSE') {
      console.error(`serve: port ${port} on ${host} is already in use. Stop the other server or choose another port, e.g. PORT=8081 scripts/run.sh`);
    } else if (err.code === 'EACCES') {
      console.error(`serve: not allowed to listen on ${host}:${port}. Choose a port above 1024, e.g. PORT=8081 scripts/run.sh`);
    } else {
      console.error(`serve: cannot listen on ${host}:${port}: ${err.message}`);
    }
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
