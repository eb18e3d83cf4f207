// Browser test of the admin SPA at /admin/: a real platform (./backpack, through the SDK tests'
// harness sdk-js/test/support/platform.js) and Debian's Chromium driven by playwright-core.
//
//   cd admin-war/src/test/browser && npm ci && BACKPACK_SKIP_BUILD=1 npm test
//
// Screenshots: admin-war/target/screenshots/*.png; the platform's log: admin-war/target/browser/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { Platform, freePort } from '../../../../sdk-js/test/support/platform.js';

const here = dirname(fileURLToPath(import.meta.url));
const target = resolve(here, '../../../target');
const shots = join(target, 'screenshots');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const SLOW = 300_000; // a backpack deploys a whole core-war: minutes on a loaded machine

/** @type {Platform} */
let platform;
let dataDir;
let browser;
const problems = [];

before(async () => {
  mkdirSync(shots, { recursive: true });
  assert.ok(existsSync(executablePath), `no Chromium at ${executablePath}: scripts/test-prerequisites installs it`);
  dataDir = mkdtempSync(join(tmpdir(), 'backpack-spa-test-'));
  // --backpack made-by-platform: a backpack without an owner, which only the owner sees
  platform = new Platform({ port: await freePort(), dataDir, name: 'made-by-platform', log: join(target, 'browser', 'platform.log') });
  const started = Date.now();
  await platform.start();
  console.log(`platform ready at ${platform.origin} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // playwright gives every launch a fresh temporary user-data-dir; the flags keep Chromium local
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}, { timeout: 900_000 });

after(async () => {
  await browser?.close();
  await platform?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, { timeout: 120_000 });

async function newPage(name) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${name} pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`${name} console: ${m.text()}`);
  });
  return page;
}

const shot = (page, file) => page.screenshot({ path: join(shots, file), fullPage: true });

const OWNER = { email: 'owner@example.test', password: 'owner-password-1' };
const DEV = { email: 'dev@example.test', password: 'developer-pass-2' };

test('owner signs up, creates a backpack, adds a collection and a record, finds it, deletes the backpack; a second developer cannot see it', { timeout: 1_200_000 }, async (t) => {
  const owner = await newPage('owner');

  await t.test('no owner yet: the app asks to create the owner account', async () => {
    await owner.goto(`${platform.origin}/admin/`);
    await owner.getByRole('heading', { level: 1, name: 'Create the owner account' }).waitFor();
    await shot(owner, '01-create-owner.png');
    // a too-short password: the problem's detail and field errors are shown
    await owner.getByLabel('Email').fill(OWNER.email);
    await owner.getByLabel('Password').fill('short');
    await owner.getByRole('button', { name: 'Create account' }).click();
    await owner.getByRole('alert').filter({ hasText: /password/i }).waitFor();
    await owner.getByLabel('Password').fill(OWNER.password);
    await owner.getByRole('button', { name: 'Create account' }).click();
    await owner.getByRole('heading', { level: 1, name: 'Backpacks' }).waitFor();
    await owner.getByRole('navigation', { name: 'Main' }).getByText('owner', { exact: true }).waitFor();
    // the platform's own backpack (./backpack --backpack) is visible to the owner
    await owner.locator('tr[data-backpack="made-by-platform"]').waitFor();
  });

  await t.test('create a backpack (keyboard only) and watch its progress live until it is up', async () => {
    const name = owner.getByLabel('Name', { exact: true });
    await name.focus();
    await owner.keyboard.type('shop');
    await owner.keyboard.press('Enter');
    const panel = owner.locator('section.progress[aria-live="polite"]').filter({ hasText: 'shop' });
    await panel.waitFor();
    await panel.locator('ol.steps li').first().waitFor({ timeout: 60_000 });
    await shot(owner, '02-create-progress.png');
    await panel.locator('[data-state="succeeded"]').waitFor({ timeout: SLOW });
    assert.ok(await panel.locator('ol.steps li').count() >= 2, 'several steps streamed');
    const row = owner.locator('tr[data-backpack="shop"]');
    await row.locator('.status-up').waitFor({ timeout: 60_000 });
    assert.match(await row.innerText(), /\/shop\/?/);
    await shot(owner, '03-backpack-up.png');
  });

  await t.test('a second create of the same name shows the 409 problem', async () => {
    await owner.getByLabel('Name', { exact: true }).fill('shop');
    await owner.getByRole('button', { name: 'Create backpack' }).click();
    await owner.locator('form[aria-label="Create a backpack"] [role="alert"]').waitFor();
    await owner.getByLabel('Name', { exact: true }).fill('');
  });

  await t.test('browse: overview with the SDK snippet, a collection, records, the filter', async () => {
    await owner.getByRole('link', { name: 'Browse shop' }).click();
    await owner.getByRole('heading', { level: 1, name: /shop/ }).waitFor();
    const snippet = await owner.locator('#sdk-snippet').innerText();
    assert.match(snippet, /import \{ Backpack \} from '.*\/shop\/sdk\/backpack\.js'/);
    await owner.getByRole('button', { name: 'Copy' }).waitFor();
    await owner.locator('dl.stats').waitFor();
    // the in-process driver: the deployment read-only, and what changing it takes
    const deployment = owner.getByRole('region', { name: 'Deployment' });
    await deployment.waitFor();
    assert.equal(await deployment.getAttribute('data-scalable'), 'false');
    assert.match(await deployment.locator('dl.deployment-summary').innerText(), /Instances\s+1\b/);
    const note = deployment.getByText('Replicas and limits need the swarm driver');
    await note.waitFor();
    assert.ok(await note.isVisible(), 'the sentence is visible');
    assert.match(await note.innerText(), /backpack\.driver=swarm.*README/);
    assert.equal(await deployment.locator('form, input, button').count(), 0, 'nothing to change');
    await shot(owner, '04-browse-overview.png');

    await owner.getByRole('navigation', { name: 'Sections of shop' }).getByRole('link', { name: 'Collections' }).click();
    await owner.getByText('No collections yet').waitFor();
    await owner.getByLabel('Collection name').fill('todos');
    await owner.locator('form[aria-label="Create a collection"] select[name="rules.list"]').selectOption('public');
    await owner.getByRole('button', { name: 'Create collection' }).click();
    const todos = owner.locator('form[data-collection="todos"]');
    await todos.waitFor();
    assert.equal(await todos.locator('select[name="rules.list"]').inputValue(), 'public');

    await todos.getByRole('link', { name: 'Browse records' }).click();
    await owner.getByRole('heading', { name: 'Records of todos' }).waitFor();
    await owner.getByText('No records yet').waitFor();
    const add = async (record) => {
      await owner.getByLabel('New record (JSON)').fill(JSON.stringify(record));
      await owner.getByRole('button', { name: 'Add record' }).click();
      await owner.locator('article.record').filter({ hasText: record.title }).waitFor();
    };
    await add({ title: 'buy milk', done: false, priority: 2 });
    await add({ title: 'walk the dog', done: true, priority: 1 });
    await add({ title: 'water plants', done: false, priority: 3 });

    // the filter language finds the record
    await owner.getByLabel('Filter (JSON)').fill('{"title": {"$regex": "milk"}}');
    await owner.getByRole('button', { name: 'Search' }).click();
    await owner.locator('#records-summary').filter({ hasText: '1 record match' }).waitFor();
    assert.equal(await owner.locator('article.record').count(), 1);
    assert.match(await owner.locator('article.record').innerText(), /buy milk/);
    await shot(owner, '05-records-filter.png');

    // sort and paging with next
    await owner.getByLabel('Filter (JSON)').fill('');
    await owner.getByLabel('Sort').fill('priority');
    await owner.getByLabel('Per page').fill('2');
    await owner.getByRole('button', { name: 'Search' }).click();
    await owner.locator('#records-summary').filter({ hasText: '3 records match' }).waitFor();
    assert.equal(await owner.locator('article.record').count(), 2);
    assert.match(await owner.locator('article.record').first().innerText(), /walk the dog/);
    await owner.getByRole('button', { name: 'Load more' }).click();
    await owner.locator('article.record').nth(2).waitFor();
    assert.match(await owner.locator('article.record').nth(2).innerText(), /water plants/);

    // a forbidden operator: the backpack's problem detail is shown
    await owner.getByLabel('Filter (JSON)').fill('{"$where": "1"}');
    await owner.getByRole('button', { name: 'Search' }).click();
    await owner.locator('form[aria-label="Find records"] [role="alert"]').waitFor();

    // edit a record as JSON
    await owner.getByLabel('Filter (JSON)').fill('{"done": false}');
    await owner.getByLabel('Sort').fill('-createdAt');
    await owner.getByRole('button', { name: 'Search' }).click();
    await owner.locator('#records-summary').filter({ hasText: '2 records match' }).waitFor();
    const milk = owner.locator('article.record').filter({ hasText: 'buy milk' });
    await milk.getByRole('button', { name: /^Edit record/ }).click();
    await milk.getByRole('textbox').fill('{"title": "buy oat milk", "done": true}');
    await milk.getByRole('button', { name: 'Save' }).click();
    await owner.locator('article.record').filter({ hasText: 'buy oat milk' }).waitFor();
    const edited = await owner.locator('article.record').filter({ hasText: 'buy oat milk' }).locator('pre').innerText();
    assert.match(edited, /"done": true/);
    assert.doesNotMatch(edited, /priority/, 'a removed field is removed');

    await owner.getByRole('navigation', { name: 'Sections of shop' }).getByRole('link', { name: 'Users' }).click();
    await owner.getByText('No users yet').waitFor();
    await owner.getByRole('navigation', { name: 'Sections of shop' }).getByRole('link', { name: 'Files' }).click();
    await owner.getByText('No files yet').waitFor();
  });

  await t.test('with a scalable driver (platform info, the backpack and the update stubbed in the page): the form sends only what changed, shows errors, follows the update', async () => {
    // the in-process driver cannot scale: the routes a swarm platform would answer are stubbed here
    let deployment = { replicas: 2, limits: { core: { cpus: 1.5, memoryMb: 768 } } };
    const patches = [];
    await owner.route('**/admin/api/platform', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), driver: 'swarm', scalable: true } });
    });
    await owner.route('**/admin/api/backpacks/shop', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), deployment } });
    });
    const operation = {
      id: '00000000-0000-4000-8000-000000000001', kind: 'update', backpack: 'shop', state: 'running', error: null,
      createdAt: new Date().toISOString(), finishedAt: null, steps: [],
      links: { self: '/admin/api/operations/00000000-0000-4000-8000-000000000001', events: '/admin/api/operations/00000000-0000-4000-8000-000000000001/events' },
    };
    await owner.route('**/admin/api/backpacks/shop/deployment', async (route) => {
      const body = route.request().postDataJSON();
      patches.push(body);
      if (patches.length === 1) {
        await route.fulfill({
          status: 400, contentType: 'application/problem+json',
          body: JSON.stringify({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'limits.database.memoryMb: must be from 16 to 262144, not 64', errors: [{ field: 'limits.database.memoryMb', message: 'must be from 16 to 262144, not 64' }] }),
        });
        return;
      }
      await route.fulfill({ status: 202, contentType: 'application/json', headers: { Location: operation.links.self }, body: JSON.stringify(operation) });
    });
    await owner.route(`**${operation.links.events}`, async (route) => {
      const at = new Date().toISOString();
      const step = (seq, message) => `id: ${seq}\nevent: step\ndata: ${JSON.stringify({ seq, at, message })}\n\n`;
      deployment = { replicas: 3, limits: { core: { cpus: 1.5, memoryMb: 1024 } } };
      await route.fulfill({
        status: 200, contentType: 'text/event-stream',
        body: step(1, 'Changing shop: {"replicas":3}') + step(2, 'shop: 3 of 3 tasks running') + step(3, 'Changed shop')
          + `event: end\ndata: ${JSON.stringify({ ...operation, state: 'succeeded', finishedAt: at })}\n\n`,
      });
    });
    try {
      await owner.goto(`${platform.origin}/admin/#/backpacks/shop`);
      await owner.reload();
      const panel = owner.getByRole('region', { name: 'Deployment' });
      const form = panel.getByRole('form', { name: 'Deployment of shop' });
      await form.waitFor();
      // prefilled from the backpack's deployment; an empty limit is no limit
      assert.equal(await form.getByLabel('Replicas').inputValue(), '2');
      assert.equal(await form.getByLabel('Core CPUs').inputValue(), '1.5');
      assert.equal(await form.getByLabel('Core Memory (MiB)').inputValue(), '768');
      assert.equal(await form.getByLabel('Database CPUs').inputValue(), '');
      assert.equal(await form.getByLabel('Redis Memory (MiB)').inputValue(), '');

      // nothing changed: nothing sent
      await form.getByRole('button', { name: 'Apply' }).click();
      await form.getByRole('status').filter({ hasText: 'Nothing to apply' }).waitFor();
      // values out of range: refused in the page, the fields marked
      await form.getByLabel('Replicas').fill('0');
      await form.getByLabel('Redis CPUs').fill('100');
      await form.getByRole('button', { name: 'Apply' }).click();
      await form.getByRole('alert').filter({ hasText: 'replicas' }).waitFor();
      assert.equal(await form.getByLabel('Replicas').getAttribute('aria-invalid'), 'true');
      assert.equal(await form.getByLabel('Redis CPUs').getAttribute('aria-invalid'), 'true');
      assert.equal(patches.length, 0);

      // the API's problem and its field errors next to the form
      await form.getByLabel('Replicas').fill('2');
      await form.getByLabel('Redis CPUs').fill('');
      await form.getByLabel('Database Memory (MiB)').fill('64');
      await form.getByRole('button', { name: 'Apply' }).click();
      const problem = form.getByRole('alert').filter({ hasText: 'must be from 16 to 262144' });
      await problem.waitFor();
      assert.equal(await problem.locator('li').innerText(), 'limits.database.memoryMb: must be from 16 to 262144, not 64');
      assert.deepEqual(patches[0], { limits: { database: { cpus: null, memoryMb: 64 } } });
      assert.equal(await form.getByLabel('Database Memory (MiB)').getAttribute('aria-invalid'), 'true');
      assert.equal(await form.getByLabel('Replicas').getAttribute('aria-invalid'), null);
      await shot(owner, '05b-deployment-problem.png');

      // only what changed is sent; the update's progress streams like a create's; then the new values
      await form.getByRole('button', { name: 'Reset' }).click();
      assert.equal(await form.getByLabel('Database Memory (MiB)').inputValue(), '');
      await form.getByLabel('Replicas').fill('3');
      await form.getByLabel('Core Memory (MiB)').fill('1024');
      await form.getByRole('button', { name: 'Apply' }).click();
      const progress = panel.locator('section.progress[aria-live="polite"]').filter({ hasText: 'Changing “shop”' });
      await progress.waitFor();
      await progress.locator('[data-state="succeeded"]').waitFor();
      assert.match(await progress.locator('[data-state="succeeded"]').innerText(), /Changed “shop”/);
      assert.equal(await progress.locator('ol.steps li').count(), 3);
      assert.deepEqual(patches[1], { replicas: 3, limits: { core: { cpus: 1.5, memoryMb: 1024 } } });
      await owner.waitForFunction(() => document.querySelector('input[name="replicas"]')?.value === '3');
      assert.equal(await form.getByLabel('Core Memory (MiB)').inputValue(), '1024');
      assert.equal(await form.getByRole('alert').count(), 0, 'the earlier problem is gone');
      await shot(owner, '05c-deployment-updated.png');
    } finally {
      await owner.unrouteAll({ behavior: 'ignoreErrors' });
    }
    await owner.reload();
    await owner.getByRole('region', { name: 'Deployment' }).getByText('Replicas and limits need the swarm driver').waitFor();
  });

  await t.test('the owner sees the registration switch', async () => {
    await owner.getByRole('link', { name: 'Settings' }).click();
    const sw = owner.getByRole('switch', { name: 'Let new developers create accounts' });
    await sw.waitFor();
    assert.equal(await sw.isChecked(), true);
    await shot(owner, '06-settings.png');
  });

  await t.test('a second developer sees only their own backpacks and cannot reach the first one', async () => {
    const dev = await newPage('developer');
    await dev.goto(`${platform.origin}/admin/`);
    await dev.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await dev.getByRole('link', { name: 'Create a developer account' }).click();
    await dev.getByRole('heading', { level: 1, name: 'Create a developer account' }).waitFor();
    await dev.getByLabel('Email').fill(DEV.email);
    await dev.getByLabel('Password').fill(DEV.password);
    await dev.getByRole('button', { name: 'Create account' }).click();
    await dev.getByRole('heading', { level: 1, name: 'Backpacks' }).waitFor();
    await dev.getByText('No backpacks yet — create one').waitFor();
    assert.equal(await dev.locator('tr[data-backpack]').count(), 0);
    assert.equal(await dev.getByRole('link', { name: 'Settings' }).count(), 0, 'no owner settings for a developer');
    await shot(dev, '07-developer-empty.png');
    // guessing the name: the same 404 as a name that does not exist
    await dev.goto(`${platform.origin}/admin/#/backpacks/shop/records/todos`);
    await dev.getByRole('alert').waitFor();
    const status = await dev.evaluate(async () => (await fetch('/admin/api/backpacks/shop/collections')).status);
    assert.equal(status, 404);
    await dev.context().close();
  });

  await t.test('delete the backpack after typing its name; progress streams', async () => {
    await owner.getByRole('link', { name: 'Backpacks' }).click();
    await owner.getByRole('button', { name: 'Delete shop' }).click();
    const dialog = owner.getByRole('dialog', { name: /Delete “shop”/ });
    await dialog.waitFor();
    const confirm = dialog.getByRole('button', { name: 'Delete backpack' });
    assert.equal(await confirm.isDisabled(), true);
    await dialog.getByLabel('Type “shop” to confirm').fill('sho');
    assert.equal(await confirm.isDisabled(), true);
    await shot(owner, '08-delete-confirm.png');
    await dialog.getByLabel('Type “shop” to confirm').fill('shop');
    await owner.keyboard.press('Enter');
    const panel = owner.locator('section.progress').filter({ hasText: 'Deleting “shop”' });
    await panel.waitFor();
    await panel.locator('[data-state="succeeded"]').waitFor({ timeout: SLOW });
    await owner.locator('tr[data-backpack="shop"]').waitFor({ state: 'detached', timeout: 30_000 });
    await shot(owner, '09-deleted.png');
  });

  await t.test('sign out', async () => {
    await owner.getByRole('button', { name: 'Sign out' }).click();
    await owner.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });

  assert.deepEqual(problems, [], 'no script errors in the pages');
});
