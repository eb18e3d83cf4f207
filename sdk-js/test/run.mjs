#!/usr/bin/env node
// `npm test`: boots ONE real platform (./backpack on a free port, a fresh temporary data
// directory), runs every SDK test file against it with node's test runner, stops the platform.
//
//   node test/run.mjs [--node-only | --browser-only] [FILE...]
//
// Environment:
//   BACKPACK_TEST_BASE      use this running backpack instead of starting one (e.g.
//                           http://127.0.0.1:8080/demo); BACKPACK_TEST_ADMIN_KEY then gives its admin
//                           key, and the restart test is skipped (it needs a platform it owns)
//   BACKPACK_SKIP_BUILD=1   passed on to ./backpack (Maven sets it: it has just built everything)
//   CHROMIUM                the browser for the browser tests (default /usr/bin/chromium)
//   BACKPACK_TEST_SAME_BUILD=0  do not insist that the platform serves this checkout's bundle
//
// The test files reach the platform through environment variables (see test/support/env.js) and
// restart it through a small control server on 127.0.0.1 that only this process listens on.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Platform, freePort, sdkRoot, outputDir } from './support/platform.js';

const args = process.argv.slice(2);
const nodeOnly = args.includes('--node-only');
const browserOnly = args.includes('--browser-only');
const explicit = args.filter((a) => !a.startsWith('--'));

function testFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      found.push(...testFiles(path));
    } else if (entry.endsWith('.test.js')) {
      found.push(path);
    }
  }
  return found;
}

// order: plain node tests first, the platform restart and the browser tests last
let files = explicit.length > 0 ? explicit.map((f) => join(process.cwd(), f)) : testFiles(join(sdkRoot, 'test'));
const rank = (f) => (f.includes(`${join('test', 'browser')}`) ? 2 : f.includes('restart') ? 1 : 0);
files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
if (nodeOnly) {
  files = files.filter((f) => rank(f) < 2);
}
if (browserOnly) {
  files = files.filter((f) => rank(f) === 2);
}

mkdirSync(outputDir, { recursive: true });
const env = { ...process.env };
/** @type {Platform|null} */
let platform = null;
/** @type {import('node:http').Server|null} */
let control = null;
let dataDir = null;

async function main() {
  if (!env.BACKPACK_TEST_BASE) {
    dataDir = mkdtempSync(join(tmpdir(), 'backpack-sdk-test-'));
    // the tests sign up hundreds of users from 127.0.0.1: lift the per-address limits (system
    // properties rank below each backpack's own file, which does not set these); the per-email
    // login limit stays, and a test checks its 429
    const limits = '-Dbackpack.auth.registrations-per-address=100000 -Dbackpack.auth.login-failures-per-address=100000';
    process.env.BACKPACK_JAVA_OPTS = `${process.env.BACKPACK_JAVA_OPTS || ''} ${limits}`.trim();
    platform = new Platform({ port: await freePort(), dataDir, name: 'sdk-test' });
    const started = Date.now();
    console.log(`sdk tests: starting the platform (./backpack on port ${platform.port}, data in ${dataDir})...`);
    await platform.start();
    console.log(`sdk tests: platform ready at ${platform.base} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    env.BACKPACK_TEST_BASE = platform.base;
    env.BACKPACK_TEST_ADMIN_KEY = platform.adminKey();
    control = createServer((request, response) => {
      if (request.method === 'POST' && request.url === '/restart' && platform) {
        const p = platform;
        p.restart().then(
          () => response.writeHead(204).end(),
          (e) => response.writeHead(500).end(String(e)),
        );
        return;
      }
      response.writeHead(404).end();
    });
    await new Promise((r) => control?.listen(0, '127.0.0.1', () => r(undefined)));
    const address = /** @type {import('node:net').AddressInfo} */ (control.address());
    env.BACKPACK_TEST_CONTROL = `http://127.0.0.1:${address.port}`;
  }
  console.log(`sdk tests: ${files.length} files: ${files.map((f) => relative(sdkRoot, f)).join(', ')}`);
  const runner = spawn(
    process.execPath,
    ['--test', '--test-concurrency=1', '--test-timeout=180000', '--test-reporter=spec', ...files],
    { cwd: sdkRoot, stdio: 'inherit', env },
  );
  return new Promise((resolveCode) => runner.on('exit', (code, signal) => resolveCode(code ?? (signal ? 1 : 0))));
}

async function cleanUp() {
  control?.close();
  if (platform) {
    await platform.stop();
  }
  if (dataDir) {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanUp().finally(() => process.exit(130));
  });
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`sdk tests: ${e instanceof Error ? e.message : e}`);
  code = 1;
} finally {
  await cleanUp();
}
process.exit(code);
