#!/usr/bin/env node
// Bundles src/ into one ES module, dist/backpack.js: the file each backpack serves at
// {base}/sdk/backpack.js and the package's entry point.
//
// Why no bundler package: core-war's Maven build runs this script, and it must need nothing but
// `node` (no `npm ci` inside another module's build, no network). The source keeps to a few
// conventions this script checks, and fails loudly on anything else:
//   - imports are single-line `import { a, b } from './relative.js';` at the top of a module;
//   - top-level declarations start at column 0 and their names are unique across all modules;
//   - only src/index.js re-exports (`export { X } from './x.js';`): that is the public API.
// Usage: node scripts/build.mjs [--out FILE]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = resolve(root, 'src');
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? resolve(process.argv[outArg + 1]) : resolve(root, 'dist/backpack.js');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

const IMPORT = /^import\s*\{([^}]*)\}\s*from\s*'(\.{1,2}\/[^']+\.js)';\s*$/;
const REEXPORT = /^export\s*\{([^}]*)\}\s*from\s*'(\.{1,2}\/[^']+\.js)';\s*$/;
const DECLARATION = /^(export\s+)?(?:async\s+)?(class|function\*?|const|let|var)\s+([A-Za-z_$][\w$]*)/;

function fail(file, line, message) {
  console.error(`build: ${relative(root, file)}${line ? ':' + line : ''}: ${message}`);
  process.exit(1);
}

function names(list) {
  return list
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
    .map((n) => {
      if (!/^[A-Za-z_$][\w$]*$/.test(n)) {
        throw new Error(`renaming imports is not supported: '${n}'`);
      }
      return n;
    });
}

/** @type {Map<string, {file: string, body: string, exports: Set<string>, declared: Set<string>, imports: {from: string, names: string[]}[]}>} */
const modules = new Map();
const order = [];

function load(file, chain = []) {
  if (modules.has(file)) {
    return modules.get(file);
  }
  if (chain.includes(file)) {
    fail(file, 0, `import cycle: ${[...chain, file].map((f) => relative(src, f)).join(' -> ')}`);
  }
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const kept = [];
  const imports = [];
  const exports = new Set();
  const declared = new Set();
  const reexports = [];
  lines.forEach((line, i) => {
    if (/^import\b/.test(line)) {
      const m = IMPORT.exec(line);
      if (!m) {
        fail(file, i + 1, `unsupported import (use: import { a } from './x.js';): ${line}`);
      }
      imports.push({ from: resolve(dirname(file), m[2]), names: names(m[1]), line: i + 1 });
      return;
    }
    if (/^export\s*\{/.test(line)) {
      const m = REEXPORT.exec(line);
      if (!m || file !== resolve(src, 'index.js')) {
        fail(file, i + 1, `only src/index.js may re-export, as: export { X } from './x.js';`);
      }
      reexports.push({ from: resolve(dirname(file), m[2]), names: names(m[1]), line: i + 1 });
      return;
    }
    if (/^export\s+default\b/.test(line)) {
      fail(file, i + 1, 'default exports are not supported');
    }
    const d = DECLARATION.exec(line);
    if (d) {
      declared.add(d[3]);
      if (d[1]) {
        exports.add(d[3]);
        line = line.replace(/^export\s+/, '');
      }
    } else if (/^export\b/.test(line)) {
      fail(file, i + 1, `unsupported export: ${line}`);
    }
    kept.push(line);
  });
  const module = { file, body: kept.join('\n').trim(), exports, declared, imports, reexports };
  modules.set(file, module);
  for (const dep of [...imports, ...reexports]) {
    const target = load(dep.from, [...chain, file]);
    for (const n of dep.names) {
      if (!target.exports.has(n)) {
        fail(file, dep.line, `${relative(src, dep.from)} does not export ${n}`);
      }
    }
  }
  order.push(module);
  return module;
}

const entry = load(resolve(src, 'index.js'));
const seen = new Map();
for (const m of order) {
  for (const n of m.declared) {
    if (seen.has(n)) {
      fail(m.file, 0, `top-level name ${n} is also declared in ${relative(src, seen.get(n))}: rename one`);
    }
    seen.set(n, m.file);
  }
}
const publicNames = entry.reexports.flatMap((r) => r.names);

const parts = [
  `/*! @backpack/sdk ${pkg.version} — the JavaScript client of a Backpack backend. ${pkg.license} licence.`,
  ` *  One ES module, no dependencies: import { Backpack } from '{base}/sdk/backpack.js'. */`,
];
for (const m of order) {
  if (m === entry || !m.body) {
    continue;
  }
  parts.push(`\n// --- ${relative(src, m.file)} ---\n`);
  parts.push(m.body);
}
parts.push(`\nexport { ${publicNames.join(', ')} };\n`);
const bundle = parts.join('\n');

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bundle);
console.log(`build: ${relative(process.cwd(), out) || out} (${order.length - 1} modules, ${bundle.length} bytes; exports ${publicNames.join(', ')})`);
