#!/usr/bin/env node
// The chat example's development server: serves this folder and passes /<backpack>/... (HTTP and
// WebSocket) through to the platform, so the page, the SDK and the API share one origin (a
// backpack answers its own origin only: it grants no CORS). No dependencies.
//
//   node examples/chat/serve.mjs [--port 5173] [--platform http://127.0.0.1:8080] [--backpack demo]
//
// Then open http://127.0.0.1:5173/ in two browsers (or one normal and one private window).
import { createServer, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const FILES = new Set(['/index.html', '/app.js', '/style.css']);

/**
 * Starts the server.
 *
 * @param {object} [options]
 * @param {number} [options.port] 0 for any free port
 * @param {string} [options.host]
 * @param {string} [options.platform] the platform's URL
 * @param {string} [options.backpack] the backpack's name
 * @param {Record<string, string>} [options.pages] more HTML pages by path (the SDK's browser tests use it)
 * @returns {Promise<import('node:http').Server>} once listening
 */
export function startServer({ port = 5173, host = '127.0.0.1', platform = 'http://127.0.0.1:8080', backpack = 'demo', pages = {} } = {}) {
  const upstream = new URL(platform);
  const prefix = `/${backpack}/`;

  /** Plain HTTP: the same request to the platform, the answer streamed back. */
  function proxy(req, res) {
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port || 80,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode || 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) {
        res.writeHead(502, { 'Content-Type': 'application/problem+json' });
      }
      res.end(JSON.stringify({ type: 'about:blank', title: 'Bad Gateway', status: 502, detail: `The platform at ${upstream.origin} does not answer.` }));
    });
    req.pipe(forward);
  }

  const server = createServer(async (req, res) => {
    const path = new URL(req.url || '/', 'http://x').pathname;
    if (path.startsWith(prefix)) {
      proxy(req, res);
      return;
    }
    if (Object.hasOwn(pages, path)) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(pages[path]);
      return;
    }
    if (path === '/config.json') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ base: `/${backpack}` }));
      return;
    }
    const file = path === '/' ? '/index.html' : normalize(path);
    if (!FILES.has(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    try {
      const body = await readFile(join(here, file));
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });

  // WebSocket upgrades (/<backpack>/api/realtime): a TCP tunnel after replaying the request head
  server.on('upgrade', (req, socket, head) => {
    if (!(req.url || '').startsWith(prefix)) {
      socket.destroy();
      return;
    }
    const tunnel = connect(Number(upstream.port || 80), upstream.hostname, () => {
      const headers = { ...req.headers, host: upstream.host };
      // the platform accepts the session cookie on an upgrade from its own origin only
      if (headers.origin) {
        headers.origin = upstream.origin;
      }
      const lines = [`${req.method} ${req.url} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''];
      tunnel.write(lines.join('\r\n'));
      if (head?.length) {
        tunnel.write(head);
      }
      tunnel.pipe(socket);
      socket.pipe(tunnel);
    });
    tunnel.on('error', () => socket.destroy());
    socket.on('error', () => tunnel.destroy());
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : process.env[`CHAT_${name.toUpperCase()}`] || fallback;
  };
  const options = {
    port: Number(option('port', '5173')),
    host: option('host', '127.0.0.1'),
    platform: option('platform', 'http://127.0.0.1:8080').replace(/\/+$/, ''),
    backpack: option('backpack', 'demo'),
  };
  const server = await startServer(options);
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`chat example ready at http://${options.host}:${port}/ (backpack ${options.platform}/${options.backpack}/)`);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      server.closeAllConnections?.();
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 500).unref();
    });
  }
}
