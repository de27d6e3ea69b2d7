// A small static file server for the end-to-end tests: serves the release build (dist/) on
// 127.0.0.1 with a free port, falls back to index.html for client-side routes, and records every
// request so a test can check what the page fetched.
//
//   const server = await startServer();               // serves dist/
//   await page.goto(server.url);                      // http://127.0.0.1:PORT/
//   server.requests                                   // [{ method, path, status, type }]
//   await server.close();
//
// `overrides` replaces single files, e.g. to serve a tampered index.html:
//   startServer({ overrides: { '/index.html': html } })
// A value is a string or Buffer (MIME type from the path) or { body, type, status, headers }.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DIST = resolve(process.env.STIPT_DIST ?? join(REPO_ROOT, 'dist'));

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml',
};

export function mimeType(path) {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Reads a file of the build, e.g. readDist('index.html'). */
export async function readDist(path, encoding = 'utf8') {
  return readFile(join(DIST, path), encoding);
}

/**
 * Starts the server. Options: root (default dist/), overrides ({ '/path': body }), spa (index.html
 * fallback for extension-less paths, default true). Resolves to
 * { url, origin, port, requests, close() }.
 */
export async function startServer({ root = DIST, overrides = {}, spa = true } = {}) {
  root = resolve(root);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(
      `${root}/index.html is missing: build first with \`trunk build --release\` (bash .ci/test does)`,
    );
  }
  const requests = [];

  const server = createServer(async (req, res) => {
    const entry = { method: req.method, path: req.url, status: 0, type: '' };
    requests.push(entry);
    const send = (status, body, type, headers = {}) => {
      entry.status = status;
      entry.type = type;
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };

    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(405, 'method not allowed', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
      }
      let path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      if (path.endsWith('/')) path += 'index.html';

      const override = overrides[path];
      if (override !== undefined) {
        const o = typeof override === 'string' || Buffer.isBuffer(override) ? { body: override } : override;
        return send(o.status ?? 200, o.body, o.type ?? mimeType(path), o.headers);
      }

      const file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        return send(403, 'forbidden', 'text/plain; charset=utf-8');
      }
      const info = await stat(file).catch(() => null);
      if (info?.isFile()) {
        return send(200, await readFile(file), mimeType(file));
      }
      if (spa && extname(path) === '') {
        const index = overrides['/index.html'] ?? (await readFile(join(root, 'index.html')));
        const body = typeof index === 'object' && !Buffer.isBuffer(index) ? index.body : index;
        return send(200, body, MIME_TYPES['.html']);
      }
      return send(404, 'not found', 'text/plain; charset=utf-8');
    } catch (err) {
      return send(500, String(err), 'text/plain; charset=utf-8');
    }
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/`,
    origin,
    port,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
