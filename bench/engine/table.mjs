// Renders the engine benchmark's results (results.jsonl written by run.sh) as one markdown table.
//   node table.mjs <results.jsonl>
// Each line is either a wrk result {"side","size","scenario","rps","p99_ms","non2xx","err_*",…}
// or a seeding result {"side","size","scenario":"seed","rate","created","seconds",…}.
import { readFileSync } from 'node:fs';

const rows = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const sizes = [...new Set(rows.map((r) => r.size))].sort((a, b) => a - b);
const find = (side, size, scenario) => rows.find((r) => r.side === side && r.size === size && r.scenario === scenario);
const label = (n) => (n % 1000 === 0 ? `${n / 1000}k` : String(n));
const num = (x, d = 1) => (x == null || Number.isNaN(x) ? '–' : x.toFixed(d));
const notes = [];

function flagged(r, side) {
  if (!r) return '';
  const bad = [['non-2xx', r.non2xx], ['connect errors', r.err_connect], ['read errors', r.err_read],
    ['write errors', r.err_write], ['timeouts', r.err_timeout]].filter(([, n]) => n > 0);
  if (!bad.length) return '';
  notes.push(`${side} ${r.scenario} @ ${label(r.size)}: ${bad.map(([k, n]) => `${n} ${k}`).join(', ')} (of ${r.requests} requests)`);
  return ` ⚠${notes.length}`;
}
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '–');

const out = [];
out.push('| scenario | before req/s | before p99 ms | after req/s | after p99 ms | after/before req/s |');
out.push('|---|---:|---:|---:|---:|---:|');
for (const size of sizes) {
  for (const sc of ['getOne', 'create', 'list-20']) {
    const b = find('before', size, sc), a = find('after', size, sc);
    if (!b && !a) continue;
    out.push(`| ${sc} @ ${label(size)} | ${num(b?.rps)}${flagged(b, 'before')} | ${num(b?.p99_ms)} | `
      + `${num(a?.rps)}${flagged(a, 'after')} | ${num(a?.p99_ms)} | ${ratio(a?.rps, b?.rps)} |`);
  }
}
// "list-20 must not slow down as the collection grows tenfold": largest size against smallest
if (sizes.length > 1) {
  const lo = sizes[0], hi = sizes[sizes.length - 1];
  const g = (side) => { const x = find(side, hi, 'list-20'), y = find(side, lo, 'list-20'); return x && y ? x.rps / y.rps : null; };
  const gp = (side) => { const x = find(side, hi, 'list-20'), y = find(side, lo, 'list-20'); return x && y ? x.p99_ms / y.p99_ms : null; };
  out.push(`| list-20 req/s, p99: ${label(hi)} ÷ ${label(lo)} | ${num(g('before'), 2)}× | ${num(gp('before'), 2)}× | `
    + `${num(g('after'), 2)}× | ${num(gp('after'), 2)}× | |`);
}
for (const size of sizes) {
  const b = find('before', size, 'seed'), a = find('after', size, 'seed');
  const cell = (s) => (s && s.rate != null ? `${num(s.rate)} (${s.created} in ${num(s.seconds)} s)` : '–');
  out.push(`| seeding to ${label(size)}, records/s | ${cell(b)} | | ${cell(a)} | | ${ratio(a?.rate, b?.rate)} |`);
}
console.log(out.join('\n'));
if (notes.length) console.log('\n' + notes.map((n, i) => `⚠${i + 1} ${n}`).join('  \n'));
// what getOne and list-20 really ran over (create runs last at each size and adds records)
const held = (side) => sizes.map((s) => find(side, s, 'seed')).filter(Boolean).map((s) => s.total).join(', ');
console.log(`\nRecords in \`posts\` when getOne and list-20 ran: before ${held('before') || '–'}; after ${held('after') || '–'}.`);
