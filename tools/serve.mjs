// A small static file server for dist/ (no dependencies). Serves on 127.0.0.1 only.
//   node tools/serve.mjs [--root dist] [--port 8080] [--base /attune/]
// --base serves the site under a sub-path, the way GitHub Pages serves /<repo>/.
import { createServer } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream', '.png': 'image/png', '.svg': 'image/svg+xml', '.ttf': 'font/ttf',
  '.webmanifest': 'application/manifest+json', '.txt': 'text/plain; charset=utf-8', '.LICENSE': 'text/plain; charset=utf-8',
};

// ---- Content-Security-Policy header (README "Offline and security") ----------------------------------
// The policy has one source: the <meta http-equiv="Content-Security-Policy"> of the site's index.html
// (GitHub Pages cannot send headers, so the page carries it). This server sends that same policy as a
// header on every response (worker scripts take their policy from their own response), adding what
// only a header can carry: frame-ancestors. `*`: other sites may embed Attune (issue #6 embedding);
// the app itself decides which embedding origin receives events (?host=). Narrow it here if needed.
export const FRAME_ANCESTORS = 'frame-ancestors *';

export function policyFromHtml(html) {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  return meta ? meta[1].replace(/&#39;|&apos;/g, "'").replace(/;\s*$/, '').trim() : null;
}

function headerPolicy(rootDir) {
  let html;
  try { html = readFileSync(join(rootDir, 'index.html'), 'utf8'); } catch { return null; }
  const policy = policyFromHtml(html);
  return policy ? `${policy}; ${FRAME_ANCESTORS}` : null;
}
// ---- end of Content-Security-Policy header -------------------------------------------------------------

// csp: false serves without the header, as GitHub Pages does (the page's meta policy still applies).
// isolate: true adds COOP/COEP, so that pages are cross-origin isolated (threads in wasm; benchmarks only:
// the app isolates itself through its service worker, as GitHub Pages sends no such headers).
// gzip: true compresses every response (zlib level 6) for clients that accept it, as GitHub Pages
// does (benchmarks of transfer time only; otherwise files go as they are).
export function startServer({ root = 'dist', port = 8080, host = '127.0.0.1', base = '/', quiet = false, csp = true, isolate = false,
  gzip = false } = {}) {
  const rootDir = resolve(root);
  const compressed = new Map();  // etag + path -> gzip bytes
  if (!base.startsWith('/')) base = '/' + base;
  if (!base.endsWith('/')) base += '/';
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (path === base.slice(0, -1)) { response.writeHead(301, { Location: base }); response.end(); return; }
    if (!path.startsWith(base)) { response.writeHead(404); response.end('not found'); return; }
    path = path.slice(base.length) || 'index.html';
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(rootDir, path));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) { response.writeHead(403); response.end(); return; }
    let stat;
    try { stat = statSync(file); } catch { stat = null; }
    if (!stat || !stat.isFile()) { response.writeHead(404, { 'Content-Type': 'text/plain' }); response.end('not found'); return; }
    // Validators, as GitHub Pages sends them: a revalidation (the service worker's precache asks with
    // `cache: 'no-cache'` right after the page downloaded the same files) gets 304, not the bytes again.
    const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const headers = {
      'Content-Type': types[extname(file)] || 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'ETag': etag,
      'Last-Modified': stat.mtime.toUTCString(),
      'X-Content-Type-Options': 'nosniff',
    };
    const policy = csp && headerPolicy(rootDir);
    if (policy) headers['Content-Security-Policy'] = policy;
    if (isolate) Object.assign(headers, { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
    if (request.headers['if-none-match'] === etag) { response.writeHead(304, headers); response.end(); return; }
    if (gzip && /\bgzip\b/.test(request.headers['accept-encoding'] || '')) {
      const key = etag + file;
      if (!compressed.has(key)) compressed.set(key, gzipSync(readFileSync(file), { level: 6 }));
      const body = compressed.get(key);
      Object.assign(headers, { 'Content-Encoding': 'gzip', 'Content-Length': body.length, 'Vary': 'Accept-Encoding' });
      response.writeHead(200, headers);
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    headers['Content-Length'] = stat.size;
    response.writeHead(200, headers);
    if (request.method === 'HEAD') { response.end(); return; }
    createReadStream(file).pipe(response);
  });
  return new Promise((resolveListen) => {
    server.listen(port, host, () => {
      const address = server.address();
      if (!quiet) console.log(`Attune is served at http://${host}:${address.port}${base} (Ctrl+C stops)`);
      resolveListen({ server, url: `http://${host}:${address.port}${base}` });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { root: { type: 'string', default: 'dist' }, port: { type: 'string', default: '8080' },
               host: { type: 'string', default: '127.0.0.1' }, base: { type: 'string', default: '/' } },
  });
  startServer({ root: values.root, port: Number(values.port), host: values.host, base: values.base });
}
