// Starts and stops a real Backpack platform with the project's own ./backpack script.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync, readdirSync, createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const sdkRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const projectRoot = resolve(sdkRoot, '..');
export const outputDir = join(sdkRoot, 'test-output');

/**
 * A free TCP port on 127.0.0.1 (the kernel's pick, released at once).
 *
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * One running platform: `./backpack --port PORT --data-dir DIR --backpack NAME`.
 */
export class Platform {
  /**
   * @param {{port: number, dataDir: string, name: string, log?: string, startTimeoutMs?: number}} options
   */
  constructor({ port, dataDir, name, log = join(outputDir, 'platform.log'), startTimeoutMs = 600_000 }) {
    this.port = port;
    this.dataDir = dataDir;
    this.name = name;
    this.logFile = log;
    this.startTimeoutMs = startTimeoutMs;
    /** @type {import('node:child_process').ChildProcess|null} */
    this.process = null;
    mkdirSync(dirname(log), { recursive: true });
    this.log = createWriteStream(log, { flags: 'a' });
  }

  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }

  get base() {
    return `${this.origin}/${this.name}`;
  }

  /**
   * The backpack's admin key, from the data directory: the settings file the platform writes
   * into the backpack's app directory (`backpack.admin.key`), or an older registry file (`admin.key`).
   */
  adminKey() {
    const found = [];
    const walk = (dir, depth) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() && depth < 8) {
          walk(path, depth + 1);
        } else if (entry.name === 'backpack.properties') {
          found.push(path);
        }
      }
    };
    walk(join(this.dataDir, 'backpacks', this.name), 0);
    for (const file of found) {
      const line = readFileSync(file, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('backpack.admin.key=') || l.startsWith('admin.key='));
      if (line) {
        return line.slice(line.indexOf('=') + 1).trim();
      }
    }
    throw new Error(`no admin key for ${this.name} under ${this.dataDir}/backpacks`);
  }

  /** Starts the platform and resolves once it printed its `ready` line. */
  start() {
    return new Promise((resolveStart, reject) => {
      const started = Date.now();
      this.log.write(`\n=== starting ./backpack --port ${this.port} --data-dir ${this.dataDir} --backpack ${this.name}\n`);
      const child = spawn(
        join(projectRoot, 'backpack'),
        ['--port', String(this.port), '--data-dir', this.dataDir, '--backpack', this.name],
        { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: process.env },
      );
      this.process = child;
      let settled = false;
      let buffer = '';
      const timer = setTimeout(() => {
        if (!settled) {
          settled = true;
          child.kill('SIGTERM');
          reject(new Error(`the platform was not ready within ${this.startTimeoutMs / 1000} s; see ${this.logFile}`));
        }
      }, this.startTimeoutMs);
      const onData = (/** @type {Buffer} */ chunk) => {
        this.log.write(chunk);
        buffer += chunk.toString();
        if (!settled && /\bready\b/.test(buffer) && buffer.includes(`127.0.0.1:${this.port}`)) {
          settled = true;
          clearTimeout(timer);
          this.log.write(`=== ready after ${Date.now() - started} ms\n`);
          resolveStart(undefined);
        }
        if (buffer.length > 100_000) {
          buffer = buffer.slice(-10_000);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk) => this.log.write(chunk));
      child.on('exit', (code, signal) => {
        this.log.write(`=== exited: ${code ?? signal}\n`);
        if (this.process === child) {
          this.process = null;
        }
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          reject(new Error(`./backpack exited (${code ?? signal}) before it was ready; see ${this.logFile}`));
        }
      });
    });
  }

  /** Stops the platform with SIGTERM and waits for its exit (SIGKILL after 60 s). */
  stop() {
    const child = this.process;
    if (!child || child.exitCode !== null) {
      return Promise.resolve();
    }
    return new Promise((resolveStop) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolveStop(undefined);
      });
      child.kill('SIGTERM');
    });
  }

  /** Stops and starts again on the same port and data directory. */
  async restart() {
    await this.stop();
    await this.start();
  }
}
