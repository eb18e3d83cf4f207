// Seeds records into one collection of a backpack through its public REST API (127.0.0.1 only).
//
//   node seed.mjs <base> <token> <collection> <target>
//
// <base> is the backpack's URL (http://127.0.0.1:PORT/NAME), <token> a bearer token. Reads how many
// records the collection holds (count=true), then creates the missing ones with POST …/records,
// CONC (env, default 16) requests in flight at a time, each a ~200-byte body shaped like
// wrk/post-body.json. Prints one machine-readable line on stdout:
//   SEED {"before":N,"created":N,"total":N,"seconds":S,"rate":R,"failed":N,"id":"<a seeded id>"}
// `rate` is created records per second of wall time. Progress goes to stderr. Exits 1 when more
// than 1% of the creates fail (each failed create is retried up to 3 times first).
const [base, token, collection, targetArg] = process.argv.slice(2);
if (!base || !token || !collection || !targetArg) {
  console.error('usage: node seed.mjs <base> <token> <collection> <target>');
  process.exit(2);
}
const target = Number(targetArg);
const CONC = Number(process.env.CONC || 16);
const url = `${base}/api/collections/${encodeURIComponent(collection)}/records`;
const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

function body(i) {
  return JSON.stringify({
    title: `Benchmark post number ${String(i % 1000000).padStart(6, '0')}`,
    body: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.',
    author: 'bench',
    score: i % 1000,
    published: true,
  });
}

async function count() {
  const r = await fetch(`${url}?limit=1&count=true`, { headers });
  if (r.status === 404) return 0; // the collection does not exist yet
  if (!r.ok) throw new Error(`count: ${r.status} ${await r.text()}`);
  const j = await r.json();
  if (typeof j.total !== 'number') throw new Error(`count: no total in ${JSON.stringify(j).slice(0, 200)}`);
  return j.total;
}

async function create(i) {
  let last;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const r = await fetch(url, { method: 'POST', headers, body: body(i) });
      const t = await r.text();
      if (r.status === 201) return JSON.parse(t).id;
      last = `${r.status} ${t.slice(0, 200)}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((res) => setTimeout(res, 200 * (attempt + 1)));
  }
  console.error(`create ${i} failed: ${last}`);
  return null;
}

const before = await count();
const missing = Math.max(0, target - before);
let next = 0, created = 0, failed = 0, id = null, lastReport = Date.now();
const t0 = performance.now();
async function worker() {
  while (next < missing) {
    const i = before + next++;
    const got = await create(i);
    if (got) { created++; if (!id || i === before + Math.floor(missing / 2)) id = got; } else failed++;
    if (Date.now() - lastReport > 10000) {
      lastReport = Date.now();
      const s = (performance.now() - t0) / 1000;
      console.error(`  seeding: ${before + created}/${target} (${(created / s).toFixed(0)}/s)`);
    }
  }
}
await Promise.all(Array.from({ length: Math.min(CONC, Math.max(1, missing)) }, worker));
const seconds = (performance.now() - t0) / 1000;
const total = await count();
if (!id) {
  // nothing to create: take an existing record for getOne
  const r = await fetch(`${url}?limit=1`, { headers });
  const j = await r.json();
  id = j.items && j.items[0] ? j.items[0].id : null;
}
console.log('SEED ' + JSON.stringify({
  before, created, total, seconds: Number(seconds.toFixed(3)),
  rate: missing ? Number((created / seconds).toFixed(1)) : null, failed, id,
}));
if (failed > missing / 100) process.exit(1);
