// HTTPS replica server for memport's end-to-end tests.
//
// Serves small imitations of claude.ai, gemini.google.com and chatgpt.com (and an
// ordinary page at notes.example.org)
// from the folders next to this file, chosen by the Host header. Chromium
// is pointed at it with --host-resolver-rules (see tests/e2e/harness.mjs),
// so the pages load under their real https:// origins and the extension's
// content-script match patterns apply as they would on the real sites.
//
// Every response carries a strict Content-Security-Policy like the real
// sites, so nothing the extension injects can rely on inline script.
//
//   import { startReplicaServer } from './server.mjs';
//   const server = await startReplicaServer();   // random free port
//   ...; await server.close();
//
// CLI: node tests/replicas/server.mjs --port 8443

import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
/** The drift simulator's files (tests/drift/), served on every replica host under /__drift/. */
const DRIFT = path.join(REPO, 'tests', 'drift');

/** Host name (without port) -> folder with that site's files. */
const SITES = {
  'claude.ai': path.join(HERE, 'claude'),
  'gemini.google.com': path.join(HERE, 'gemini'),
  'chatgpt.com': path.join(HERE, 'chatgpt'),
  // Any other page ("Add selection to memory" works everywhere).
  'notes.example.org': path.join(HERE, 'elsewhere'),
  // ChatGPT's replica again, under a name no extension's content script matches: the load
  // bench (tests/bench/load.mjs) loads both in one browser, with and without memport's script.
  'chatgpt.example.org': path.join(HERE, 'chatgpt'),
};

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

const CERT_DIR = path.join(os.tmpdir(), 'memport-replica-cert');
const CERT_NAMES = ['claude.ai', 'gemini.google.com', 'chatgpt.com', 'notes.example.org', 'localhost'];

/**
 * Returns { key, cert } for a self-signed certificate covering all replica
 * hosts. Made once with the openssl CLI and cached in the temp dir; the
 * browser runs with --ignore-certificate-errors, so trust does not matter,
 * only that TLS works.
 */
function loadCertificate() {
  // Key and certificate are cached together in one file, written under a
  // temporary name and renamed into place, so that two test processes
  // starting at once never read a half-written or mismatched pair.
  const bundlePath = path.join(CERT_DIR, 'replica.pem');
  if (!fs.existsSync(bundlePath)) {
    fs.mkdirSync(CERT_DIR, { recursive: true });
    const tag = `${process.pid}-${Date.now()}`;
    const tmpKey = path.join(CERT_DIR, `key.${tag}.tmp`);
    const tmpCert = path.join(CERT_DIR, `cert.${tag}.tmp`);
    const tmpBundle = path.join(CERT_DIR, `replica.${tag}.tmp`);
    const san = CERT_NAMES.map((n) => `DNS:${n}`).join(',') + ',IP:127.0.0.1';
    try {
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256',
        '-days', '3650',
        '-subj', '/CN=memport replica',
        '-addext', `subjectAltName=${san}`,
        '-keyout', tmpKey, '-out', tmpCert,
      ], { stdio: 'ignore' });
      fs.writeFileSync(tmpBundle, fs.readFileSync(tmpKey, 'utf8') + fs.readFileSync(tmpCert, 'utf8'));
      fs.renameSync(tmpBundle, bundlePath);
    } finally {
      for (const f of [tmpKey, tmpCert, tmpBundle]) fs.rmSync(f, { force: true });
    }
  }
  const pem = fs.readFileSync(bundlePath, 'utf8');
  const block = (label) => {
    const m = pem.match(new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----\\n?`));
    if (!m) throw new Error(`${bundlePath}: no ${label}; delete the folder to regenerate it`);
    return m[0];
  };
  return { key: block('PRIVATE KEY'), cert: block('CERTIFICATE') };
}

/** Path of the Claude memory fixture (env var first, then the repo's). */
function claudeMemoryPath() {
  return process.env.MEMPORT_CLAUDE_MEMORY || path.join(REPO, 'tests', 'fixtures', 'claude-memory.md');
}

function baseHeaders(contentType) {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

function send(res, status, contentType, body, method) {
  res.writeHead(status, { ...baseHeaders(contentType), 'Content-Length': Buffer.byteLength(body) });
  res.end(method === 'HEAD' ? undefined : body);
}

async function handle(req, res) {
  const method = req.method || 'GET';
  // Host header without the port (":8443"); IPv6 literals are not used here.
  const host = String(req.headers.host || '').toLowerCase().replace(/:\d+$/, '');
  const siteDir = SITES[host];
  if (!siteDir) return send(res, 404, 'text/plain; charset=utf-8', `unknown host ${host}\n`, method);
  if (method !== 'GET' && method !== 'HEAD') {
    return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', method);
  }

  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url || '/', 'https://replica.invalid').pathname);
  } catch {
    return send(res, 400, 'text/plain; charset=utf-8', 'bad request\n', method);
  }

  // Claude's memory API, as used by the "View and edit your memory" dialog.
  if (host === 'claude.ai' && pathname === '/api/organizations/org-1/memory') {
    let memory;
    try {
      memory = await fsp.readFile(claudeMemoryPath(), 'utf8');
    } catch (err) {
      return send(res, 500, 'application/json; charset=utf-8',
        JSON.stringify({ error: `fixture not readable: ${err.message}` }), method);
    }
    const body = JSON.stringify({ memory, controls: [], updated_at: '2026-11-20T03:00:00Z' });
    return send(res, 200, 'application/json; charset=utf-8', body, method);
  }

  // The drift simulator (tests/drift/): a page made from a seed, on any route of any host,
  // when the URL asks for one with ?drift=...; its scripts under /__drift/.
  const ext = path.posix.extname(pathname).toLowerCase();
  const drift = new URL(req.url || '/', 'https://replica.invalid').searchParams.has('drift');
  let base = siteDir;
  let relative = ext ? pathname : '/index.html';
  if (pathname.startsWith('/__drift/')) {
    base = DRIFT;
    relative = pathname.slice('/__drift'.length);
  } else if (drift && !ext) {
    base = DRIFT;
    relative = '/page.html';
  }
  // A path whose last segment has an extension is a static file; anything
  // else is an SPA route and gets index.html.
  // Resolve inside the site folder and refuse anything that escapes it
  // ("..", encoded "%2e%2e", absolute paths, NUL bytes).
  const file = path.resolve(base, '.' + path.posix.normalize('/' + relative));
  if (relative.includes('\0') || (file !== base && !file.startsWith(base + path.sep))) {
    return send(res, 404, 'text/plain; charset=utf-8', 'not found\n', method);
  }
  let body;
  try {
    body = await fsp.readFile(file);
  } catch {
    return send(res, 404, 'text/plain; charset=utf-8', 'not found\n', method);
  }
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
  res.writeHead(200, { ...baseHeaders(type), 'Content-Length': body.length });
  res.end(method === 'HEAD' ? undefined : body);
}

/**
 * Starts the replica server on 127.0.0.1.
 * @param {{port?: number}} [options] port 0 (default) picks a free port.
 * @returns {Promise<{port: number, close: () => Promise<void>}>}
 */
export async function startReplicaServer({ port = 0 } = {}) {
  const server = https.createServer(loadCertificate(), (req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `error: ${err.message}\n`, 'GET');
      else res.destroy();
    });
  });
  // Browsers keep connections alive; track them so close() does not hang.
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: server.address().port,
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

// CLI: node tests/replicas/server.mjs [--port N]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i >= 0 ? Number(process.argv[i + 1]) : 8443;
  const server = await startReplicaServer({ port });
  // The port alone on stdout, so scripts can read it; the rest on stderr.
  console.error(`memport replicas on https://127.0.0.1:${server.port} (claude.ai, gemini.google.com, chatgpt.com)`);
  console.log(server.port);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
