// Browse one backpack through the platform: overview (stats, SDK snippet), users, collections,
// records (filter language, sort, paging), files.
import { api, apiUrl, paths } from '../api.js';
import { h, render, field, errorBox, busy, announce, formatDate, formatBytes, copyText } from '../dom.js';
import { statusBadge } from './backpacks.js';
import { deploymentPanel } from './deployment.js';

const SECTIONS = [
  ['', 'Overview'],
  ['users', 'Users'],
  ['collections', 'Collections'],
  ['records', 'Records'],
  ['files', 'Files'],
];
const RULES = ['list', 'read', 'create', 'update', 'delete'];
const RULE_VALUES = ['public', 'signedIn', 'owner', 'admin'];
const SERVER_FIELDS = ['id', 'owner', 'createdAt', 'updatedAt'];

export async function show(root, ctx, name, section = '', ...rest) {
  const backpack = await api(paths.backpack(name));
  const base = `#/backpacks/${encodeURIComponent(name)}`;
  const body = h('div', { class: 'section' });
  let badge = statusBadge(backpack);
  const tabs = h('nav', { class: 'tabs', 'aria-label': `Sections of ${name}` },
    SECTIONS.map(([key, label]) => h('a', {
      href: key ? `${base}/${key}` : base,
      'aria-current': key === section ? 'page' : null,
    }, label)));
  render(root,
    h('p', { class: 'crumbs' }, h('a', { href: '#/backpacks' }, '← Backpacks')),
    h('div', { class: 'page-head' },
      h('h1', {}, name, ' ', badge),
      h('p', { class: 'muted' }, 'Base URL ', h('a', { href: backpack.url, target: '_blank', rel: 'noopener' }, backpack.url))),
    tabs, body);
  const view = { '': overview, users, collections, records, files }[section];
  if (!view) {
    render(body, h('p', {}, 'No such section.'));
    return undefined;
  }
  if (backpack.status !== 'up' && section) {
    render(body, h('div', { class: 'empty' }, `This backpack is ${backpack.status}; it can be browsed when it is up.`));
    return undefined;
  }
  if (view === overview) {
    // the overview's deployment panel refreshes the backpack after an update: so does the heading
    const onChanged = (fresh) => {
      const next = statusBadge(fresh);
      badge.replaceWith(next);
      badge = next;
    };
    return overview(body, ctx, backpack, onChanged);
  }
  return view(body, ctx, backpack, ...rest);
}

const b = (backpack, ...rest) => paths.browse(backpack.name, ...rest);

function confirmAction(message) {
  // the native confirm dialog is keyboard accessible and announced by screen readers
  return window.confirm(message);
}

// ---------------------------------------------------------------- overview

async function overview(root, ctx, backpack, onChanged) {
  const aborter = new AbortController();
  const deployment = deploymentPanel(ctx, backpack, { signal: aborter.signal, onChanged });
  const code = h('code', { id: 'sdk-snippet' }, backpack.sdkSnippet || '');
  const copy = h('button', { type: 'button', class: 'primary' }, 'Copy');
  copy.addEventListener('click', async () => {
    const ok = await copyText(backpack.sdkSnippet, code);
    announce(ok ? 'SDK snippet copied.' : 'Press Ctrl+C to copy the selected snippet.');
    copy.textContent = ok ? 'Copied' : 'Copy';
    setTimeout(() => { copy.textContent = 'Copy'; }, 2000);
  });
  const statsBox = h('div', {}, h('p', { class: 'muted' }, 'Loading stats…'));
  render(root,
    h('section', { class: 'card' },
      h('h2', {}, 'Use it from your app'),
      h('p', {}, 'Paste this into a JavaScript module of your web app:'),
      h('div', { class: 'snippet' }, h('pre', {}, code), copy),
      h('p', { class: 'hint' }, 'API reference of this backpack: ', h('a', { href: backpack.apiDocs, target: '_blank', rel: 'noopener' }, backpack.apiDocs))),
    h('section', { class: 'card' }, h('h2', {}, 'Stats'), statsBox),
    deployment.el);
  const cleanup = () => aborter.abort();
  await deployment.followRunning();
  if (backpack.status !== 'up') {
    render(statsBox, h('p', { class: 'empty' }, `Stats appear when the backpack is up (now: ${backpack.status}${backpack.statusDetail ? ` — ${backpack.statusDetail}` : ''}).`));
    return cleanup;
  }
  try {
    const s = await api(b(backpack, 'stats'));
    const cols = s.collections || [];
    render(statsBox,
      h('dl', { class: 'stats' },
        h('div', {}, h('dt', {}, 'Users'), h('dd', {}, String(s.users ?? 0))),
        h('div', {}, h('dt', {}, 'Collections'), h('dd', {}, String(cols.length))),
        h('div', {}, h('dt', {}, 'Records'), h('dd', {}, String(s.records ?? 0))),
        h('div', {}, h('dt', {}, 'Database'), h('dd', {}, formatBytes(s.storage?.databaseBytes ?? 0))),
        h('div', {}, h('dt', {}, 'Files'), h('dd', {}, formatBytes(s.storage?.filesBytes ?? 0)))),
      cols.length ? h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Collection'), h('th', { scope: 'col' }, 'Records'))),
        h('tbody', {}, cols.map((c) => h('tr', {},
          h('td', {}, h('a', { href: `#/backpacks/${encodeURIComponent(backpack.name)}/records/${encodeURIComponent(c.name)}` }, c.name)),
          h('td', {}, String(c.records)))))) : null);
  } catch (e) {
    render(statsBox, h('div', { class: 'error', role: 'alert' }, e.detail));
  }
  return cleanup;
}

// ---------------------------------------------------------------- users

async function users(root, ctx, backpack) {
  const tbody = h('tbody');
  const errors = errorBox();
  const more = h('button', { type: 'button', hidden: true }, 'Load more');
  let next = null;
  const table = h('table', {},
    h('caption', { class: 'sr-only' }, 'Users'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Email'), h('th', { scope: 'col' }, 'Id'), h('th', { scope: 'col' }, 'Created'), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')))),
    tbody);
  const empty = h('p', { class: 'empty', hidden: true }, 'No users yet. Users sign up from your app with the SDK.');

  function row(u) {
    const actions = h('td', { class: 'row-actions' });
    const tr = h('tr', {}, h('th', { scope: 'row' }, u.email), h('td', {}, h('code', {}, u.id)), h('td', {}, formatDate(u.createdAt)), actions);
    const setPw = h('button', { type: 'button', 'aria-label': `Set password of ${u.email}`, 'aria-expanded': 'false' }, 'Set password');
    const del = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete user ${u.email}` }, 'Delete');
    actions.append(setPw, del);
    setPw.addEventListener('click', () => {
      const open = tr.nextElementSibling?.classList.contains('editor-row');
      if (open) { tr.nextElementSibling.remove(); setPw.setAttribute('aria-expanded', 'false'); return; }
      const pw = field(`New password for ${u.email}`, { type: 'password', name: 'password', autocomplete: 'new-password', minlength: 8 }, '8 to 1024 characters; their sessions end.');
      const save = h('button', { type: 'submit', class: 'primary' }, 'Save password');
      const form = h('form', { class: 'inline-form', novalidate: true }, pw.wrap, h('div', { class: 'actions' }, save));
      const fe = errorBox(form);
      form.append(fe.el);
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        fe.clear();
        busy(save, async () => {
          try {
            await api(b(backpack, 'users', u.id, 'password'), { method: 'PUT', body: { password: pw.input.value } });
            editor.remove();
            setPw.setAttribute('aria-expanded', 'false');
            setPw.focus();
            announce(`Password of ${u.email} changed.`);
          } catch (e) { fe.show(e); }
        });
      });
      const editor = h('tr', { class: 'editor-row' }, h('td', { colspan: 4 }, form));
      tr.after(editor);
      setPw.setAttribute('aria-expanded', 'true');
      pw.input.focus();
    });
    del.addEventListener('click', async () => {
      if (!confirmAction(`Delete the user ${u.email}? Their files are deleted and their sessions end.`)) return;
      try {
        await api(b(backpack, 'users', u.id), { method: 'DELETE' });
        if (tr.nextElementSibling?.classList.contains('editor-row')) tr.nextElementSibling.remove();
        tr.remove();
        announce(`Deleted user ${u.email}.`);
        if (!tbody.children.length) { table.hidden = true; empty.hidden = false; }
      } catch (e) { errors.show(e); }
    });
    return tr;
  }

  async function load(after) {
    try {
      const page = await api(b(backpack, 'users'), { query: { after, limit: 50 } });
      page.items.forEach((u) => tbody.append(row(u)));
      next = page.next || null;
      more.hidden = !next;
      table.hidden = tbody.children.length === 0;
      empty.hidden = tbody.children.length > 0;
    } catch (e) { errors.show(e); }
  }
  more.addEventListener('click', () => busy(more, () => load(next)));
  render(root, h('section', { class: 'card' }, h('h2', {}, 'Users'), errors.el, empty, table, more));
  await load();
}

// ---------------------------------------------------------------- collections

function rulesFieldset(rules = {}, legend = 'Rules') {
  const selects = {};
  const fs = h('fieldset', { class: 'rules' }, h('legend', {}, legend),
    RULES.map((r) => {
      const f = field(r, { name: `rules.${r}`, options: RULE_VALUES, value: rules[r] || 'admin' });
      selects[r] = f.input;
      return f.wrap;
    }));
  return { el: fs, value: () => Object.fromEntries(RULES.map((r) => [r, selects[r].value])) };
}

async function collections(root, ctx, backpack) {
  const errors = errorBox();
  const list = h('div');
  const nameField = field('Collection name', { name: 'name', autocomplete: 'off', spellcheck: 'false', required: true }, 'Letters, digits, _ and -, starting with a letter.');
  const rules = rulesFieldset({}, 'Rules (who may do what; admin = only through the platform)');
  const create = h('button', { type: 'submit', class: 'primary' }, 'Create collection');
  const form = h('form', { novalidate: true, 'aria-label': 'Create a collection' }, nameField.wrap, rules.el, h('div', { class: 'actions' }, create));
  const formErrors = errorBox(form);
  form.append(formErrors.el);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    formErrors.clear();
    busy(create, async () => {
      try {
        const c = await api(b(backpack, 'collections'), { method: 'POST', body: { name: nameField.input.value.trim(), rules: rules.value() } });
        nameField.input.value = '';
        announce(`Created collection ${c.name}.`);
        await load();
      } catch (e) { formErrors.show(e); nameField.input.focus(); }
    });
  });

  async function load() {
    let items;
    try {
      const answer = await api(b(backpack, 'collections'));
      items = Array.isArray(answer) ? answer : answer.items || [];
      errors.clear();
    } catch (e) { errors.show(e); return; }
    render(list, items.length === 0
      ? h('p', { class: 'empty' }, 'No collections yet — create one below.')
      : items.map((c) => {
        const r = rulesFieldset(c.rules || {}, `Rules of ${c.name}`);
        const save = h('button', { type: 'submit' }, 'Save rules');
        const del = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete collection ${c.name}` }, 'Delete');
        const f = h('form', { class: 'collection', 'data-collection': c.name, 'aria-label': `Collection ${c.name}` },
          h('h3', {}, c.name, ' ', h('a', { class: 'small', href: `#/backpacks/${encodeURIComponent(backpack.name)}/records/${encodeURIComponent(c.name)}` }, 'Browse records')),
          r.el, h('div', { class: 'actions' }, save, del));
        const fe = errorBox(f);
        f.append(fe.el);
        f.addEventListener('submit', (ev) => {
          ev.preventDefault();
          fe.clear();
          busy(save, async () => {
            try {
              await api(b(backpack, 'collections', c.name), { method: 'PATCH', body: { rules: r.value() } });
              announce(`Saved the rules of ${c.name}.`);
            } catch (e) { fe.show(e); }
          });
        });
        del.addEventListener('click', async () => {
          if (!confirmAction(`Delete the collection ${c.name} with all its records?`)) return;
          try {
            await api(b(backpack, 'collections', c.name), { method: 'DELETE' });
            announce(`Deleted collection ${c.name}.`);
            await load();
          } catch (e) { fe.show(e); }
        });
        return f;
      }));
  }
  render(root,
    h('section', { class: 'card' }, h('h2', {}, 'Collections'), errors.el, list),
    h('section', { class: 'card' }, h('h2', {}, 'New collection'), form));
  await load();
}

// ---------------------------------------------------------------- records

function stripServerFields(record) {
  const copy = { ...record };
  SERVER_FIELDS.forEach((k) => delete copy[k]);
  return copy;
}

function parseJsonObject(text, what) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw { detail: `The ${what} is not valid JSON: ${e.message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw { detail: `The ${what} must be a JSON object, like {"done": false}.` };
  }
  return value;
}

async function records(root, ctx, backpack, collection) {
  const answer = await api(b(backpack, 'collections'));
  const cols = Array.isArray(answer) ? answer : answer.items || [];
  if (cols.length === 0) {
    render(root, h('section', { class: 'card' }, h('h2', {}, 'Records'),
      h('p', { class: 'empty' }, 'No collections yet. ', h('a', { href: `#/backpacks/${encodeURIComponent(backpack.name)}/collections` }, 'Create a collection'), ' first.')));
    return;
  }
  const current = collection && cols.some((c) => c.name === collection) ? collection : cols[0].name;
  const picker = field('Collection', { name: 'collection', options: cols.map((c) => c.name), value: current });
  picker.input.addEventListener('change', () => ctx.navigate(`#/backpacks/${encodeURIComponent(backpack.name)}/records/${encodeURIComponent(picker.input.value)}`));

  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const filter = field('Filter (JSON)', { name: 'filter', multiline: true, rows: 3, spellcheck: 'false', class: 'mono', value: params.get('filter') || '' },
    'For example {"done": false} or {"title": {"$regex": "^milk"}}, {"$or": [...]}. Operators: $eq $ne $gt $gte $lt $lte $in $nin $exists $and $or $not $regex. Empty = every record.');
  const sort = field('Sort', { name: 'sort', value: params.get('sort') || '-createdAt', spellcheck: 'false' }, 'Comma list of fields; - for descending.');
  const limit = field('Per page', { name: 'limit', type: 'number', min: 1, max: 1000, value: '20' });
  const search = h('button', { type: 'submit', class: 'primary' }, 'Search');
  const query = h('form', { class: 'query', 'aria-label': 'Find records', novalidate: true },
    h('div', { class: 'grid' }, filter.wrap, h('div', {}, sort.wrap, limit.wrap)), h('div', { class: 'actions' }, search));
  const queryErrors = errorBox(query);
  query.append(queryErrors.el);

  const summary = h('p', { class: 'muted', role: 'status', id: 'records-summary' });
  const list = h('div', { class: 'records' });
  const more = h('button', { type: 'button', hidden: true }, 'Load more');
  let next = null;
  let lastQuery = null;
  let total;

  function recordItem(rec) {
    const pre = h('pre', { class: 'json' }, JSON.stringify(stripServerFields(rec), null, 2));
    const edit = h('button', { type: 'button', 'aria-label': `Edit record ${rec.id}`, 'aria-expanded': 'false' }, 'Edit');
    const del = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete record ${rec.id}` }, 'Delete');
    const item = h('article', { class: 'record', 'data-id': rec.id, 'aria-label': `Record ${rec.id}` },
      h('header', {},
        h('code', {}, rec.id),
        h('span', { class: 'muted' }, ` created ${formatDate(rec.createdAt)}`, rec.owner ? ` by ${rec.owner}` : ''),
        h('span', { class: 'row-actions' }, edit, del)),
      pre);
    const fe = errorBox();
    item.append(fe.el);
    edit.addEventListener('click', () => {
      const existing = item.querySelector('form');
      if (existing) { existing.remove(); pre.hidden = false; edit.setAttribute('aria-expanded', 'false'); return; }
      const text = field(`Record ${rec.id} as JSON`, { name: 'record', multiline: true, rows: 10, spellcheck: 'false', class: 'mono', value: JSON.stringify(stripServerFields(rec), null, 2) },
        'Server fields (id, owner, createdAt, updatedAt) cannot be changed. A field you remove is removed.');
      const save = h('button', { type: 'submit', class: 'primary' }, 'Save');
      const cancel = h('button', { type: 'button' }, 'Cancel');
      const form = h('form', { novalidate: true }, text.wrap, h('div', { class: 'actions' }, save, cancel));
      const ee = errorBox(form);
      form.append(ee.el);
      cancel.addEventListener('click', () => { form.remove(); pre.hidden = false; edit.setAttribute('aria-expanded', 'false'); edit.focus(); });
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        ee.clear();
        busy(save, async () => {
          try {
            const edited = parseJsonObject(text.input.value, 'record');
            const patch = { ...edited };
            for (const k of Object.keys(stripServerFields(rec))) if (!(k in edited)) patch[k] = null;
            SERVER_FIELDS.forEach((k) => delete patch[k]);
            const saved = await api(b(backpack, 'collections', current, 'records', rec.id), { method: 'PATCH', body: patch });
            item.replaceWith(recordItem(saved));
            announce('Record saved.');
          } catch (e) { ee.show(e); }
        });
      });
      pre.hidden = true;
      pre.after(form);
      edit.setAttribute('aria-expanded', 'true');
      text.input.focus();
    });
    del.addEventListener('click', async () => {
      if (!confirmAction(`Delete the record ${rec.id}?`)) return;
      try {
        await api(b(backpack, 'collections', current, 'records', rec.id), { method: 'DELETE' });
        item.remove();
        announce('Record deleted.');
      } catch (e) { fe.show(e); }
    });
    return item;
  }

  async function load(after) {
    queryErrors.clear();
    if (!after) {
      let filterValue = filter.input.value.trim();
      try {
        if (filterValue) filterValue = JSON.stringify(parseJsonObject(filterValue, 'filter'));
      } catch (e) {
        queryErrors.show({ ...e, errors: [{ field: 'filter', message: e.detail }] });
        return;
      }
      lastQuery = { filter: filterValue, sort: sort.input.value.trim(), limit: limit.input.value || 20, count: true };
    }
    try {
      const page = await api(b(backpack, 'collections', current, 'records'), { query: { ...lastQuery, after, count: after ? undefined : true } });
      if (!after) {
        list.replaceChildren();
        summary.textContent = page.total === undefined ? '' : page.total === 1 ? '1 record matches.' : `${page.total} records match.`;
        total = page.total;
      }
      page.items.forEach((r) => list.append(recordItem(r)));
      if (!list.children.length) list.append(h('p', { class: 'empty' }, lastQuery.filter ? 'No record matches this filter.' : 'No records yet — add one below.'));
      next = page.next || null;
      const shown = list.querySelectorAll('article.record').length;
      more.hidden = !next || page.items.length < Number(lastQuery.limit) || (typeof total === 'number' && shown >= total);
    } catch (e) {
      queryErrors.show(e);
    }
  }
  query.addEventListener('submit', (ev) => { ev.preventDefault(); busy(search, () => load()); });
  more.addEventListener('click', () => busy(more, () => load(next)));

  const newText = field('New record (JSON)', { name: 'record', multiline: true, rows: 4, spellcheck: 'false', class: 'mono', value: '{\n  \n}' });
  const add = h('button', { type: 'submit', class: 'primary' }, 'Add record');
  const addForm = h('form', { novalidate: true, 'aria-label': 'Add a record' }, newText.wrap, h('div', { class: 'actions' }, add));
  const addErrors = errorBox(addForm);
  addForm.append(addErrors.el);
  addForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    addErrors.clear();
    busy(add, async () => {
      try {
        const rec = await api(b(backpack, 'collections', current, 'records'), { method: 'POST', body: parseJsonObject(newText.input.value, 'record') });
        announce(`Added record ${rec.id}.`);
        newText.input.value = '{\n  \n}';
        await load();
      } catch (e) { addErrors.show(e); }
    });
  });

  render(root,
    h('section', { class: 'card' }, h('h2', {}, 'Records'), picker.wrap, query),
    h('section', { class: 'card', 'aria-labelledby': 'results-title' }, h('h2', { id: 'results-title' }, `Records of ${current}`), summary, list, more),
    h('section', { class: 'card' }, h('h2', {}, 'Add a record'), addForm));
  await load();
}

// ---------------------------------------------------------------- files

async function files(root, ctx, backpack) {
  const errors = errorBox();
  const tbody = h('tbody');
  const more = h('button', { type: 'button', hidden: true }, 'Load more');
  let next = null;
  const table = h('table', {},
    h('caption', { class: 'sr-only' }, 'Files'),
    h('thead', {}, h('tr', {}, ['Name', 'Size', 'Type', 'Owner', 'Public', 'Created'].map((t) => h('th', { scope: 'col' }, t)), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')))),
    tbody);
  const empty = h('p', { class: 'empty', hidden: true }, 'No files yet. Users upload files from your app with the SDK.');
  function row(f) {
    const del = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete file ${f.name}` }, 'Delete');
    const tr = h('tr', {},
      h('th', { scope: 'row' }, f.name),
      h('td', {}, formatBytes(f.size)), h('td', {}, f.contentType || ''), h('td', {}, h('code', {}, f.owner || '')),
      h('td', {}, f.public ? 'yes' : 'no'), h('td', {}, formatDate(f.createdAt)),
      h('td', { class: 'row-actions' },
        h('a', { class: 'button', href: apiUrl(b(backpack, 'files', f.id)), download: f.name, 'aria-label': `Download ${f.name}` }, 'Download'),
        del));
    del.addEventListener('click', async () => {
      if (!confirmAction(`Delete the file ${f.name}?`)) return;
      try {
        await api(b(backpack, 'files', f.id), { method: 'DELETE' });
        tr.remove();
        announce(`Deleted file ${f.name}.`);
        if (!tbody.children.length) { table.hidden = true; empty.hidden = false; }
      } catch (e) { errors.show(e); }
    });
    return tr;
  }
  async function load(after) {
    try {
      const page = await api(b(backpack, 'files'), { query: { after, limit: 50 } });
      page.items.forEach((f) => tbody.append(row(f)));
      next = page.next || null;
      more.hidden = !next;
      table.hidden = tbody.children.length === 0;
      empty.hidden = tbody.children.length > 0;
    } catch (e) { errors.show(e); }
  }
  more.addEventListener('click', () => busy(more, () => load(next)));
  render(root, h('section', { class: 'card' }, h('h2', {}, 'Files'), errors.el, empty, table, more));
  await load();
}

