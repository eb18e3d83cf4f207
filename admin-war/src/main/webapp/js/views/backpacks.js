// The backpacks you may see: status, base URL; create one (live progress); delete one (type its name).
import { api, paths } from '../api.js';
import { h, render, field, errorBox, busy, announce, formatDate } from '../dom.js';
import { progressPanel, pastTense } from './progress.js';

const STATUS_TEXT = { up: 'Up', down: 'Down', deploying: 'Deploying', failed: 'Failed', deleting: 'Deleting' };

export function statusBadge(b) {
  return h('span', { class: `status status-${b.status}`, title: b.statusDetail || null }, STATUS_TEXT[b.status] || b.status);
}

export async function show(root, ctx) {
  const aborter = new AbortController();
  let timer = null;
  const listBox = h('div', { id: 'backpack-list' });
  const progressBox = h('div', { class: 'progress-area' });
  const listErrors = errorBox();

  // create form
  const name = field('Name', {
    name: 'name', required: true, autocomplete: 'off', spellcheck: 'false',
  }, '2–31 characters: lowercase letters, digits and dashes, starting with a letter. It becomes part of the URL.');
  const createButton = h('button', { type: 'submit', class: 'primary' }, 'Create backpack');
  const form = h('form', { class: 'inline-form', 'aria-label': 'Create a backpack', novalidate: true },
    name.wrap, h('div', { class: 'actions' }, createButton));
  const createErrors = errorBox(form);
  form.append(createErrors.el);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    createErrors.clear();
    busy(createButton, async () => {
      try {
        const op = await api('backpacks', { method: 'POST', body: { name: name.input.value.trim() } });
        name.input.value = '';
        watch(op);
        await load();
      } catch (e) {
        createErrors.show(e);
        name.input.focus();
      }
    });
  });

  // an operation is watched once: a create may start while the list of running ones is fetched
  const watched = new Set();
  function watch(op) {
    if (watched.has(op.id)) return;
    watched.add(op.id);
    const panel = progressPanel(op, aborter.signal);
    progressBox.prepend(panel.el);
    panel.done.then((final) => {
      announce(final.state === 'succeeded'
        ? `${pastTense(op.kind)} backpack ${op.backpack}.`
        : `${op.kind} of ${op.backpack} failed.`);
      return load();
    }, () => load()).catch(() => {});
  }

  async function load() {
    let items;
    try {
      items = (await api('backpacks')).items;
      listErrors.clear();
    } catch (e) {
      listErrors.show(e);
      return;
    }
    if (aborter.signal.aborted) return;
    render(listBox, items.length === 0
      ? h('div', { class: 'empty' },
        h('p', {}, h('strong', {}, 'No backpacks yet — create one.')),
        h('p', { class: 'muted' }, 'A backpack is a complete backend for one app: users, collections of records, files and realtime.'))
      : table(items));
    clearTimeout(timer);
    if (items.some((b) => b.status === 'deploying' || b.status === 'deleting')) {
      timer = setTimeout(load, 3000);
    }
  }

  function table(items) {
    const showOwner = ctx.account.role === 'owner';
    return h('table', { class: 'backpacks' },
      h('caption', { class: 'sr-only' }, 'Your backpacks'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Base URL'),
        showOwner ? h('th', { scope: 'col' }, 'Owner') : null,
        h('th', { scope: 'col' }, 'Created'), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')))),
      h('tbody', {}, items.map((b) => h('tr', { 'data-backpack': b.name },
        h('th', { scope: 'row' }, b.status === 'deleting' ? b.name : h('a', { href: `#/backpacks/${encodeURIComponent(b.name)}` }, b.name)),
        h('td', {}, statusBadge(b), b.statusDetail && b.status !== 'up' ? h('div', { class: 'hint' }, b.statusDetail) : null),
        h('td', {}, h('a', { href: b.url, target: '_blank', rel: 'noopener' }, b.url)),
        showOwner ? h('td', {}, b.owner ? b.owner.email : h('span', { class: 'muted' }, 'platform')) : null,
        h('td', {}, formatDate(b.createdAt)),
        h('td', { class: 'row-actions' },
          h('a', { class: 'button', href: `#/backpacks/${encodeURIComponent(b.name)}`, 'aria-label': `Browse ${b.name}` }, 'Browse'),
          h('button', {
            type: 'button', class: 'danger', 'aria-label': `Delete ${b.name}`,
            disabled: b.status === 'deleting' || b.status === 'deploying',
            onclick: () => confirmDelete(b),
          }, 'Delete'))))));
  }

  function confirmDelete(b) {
    const typed = field(`Type “${b.name}” to confirm`, { name: 'confirm', autocomplete: 'off', spellcheck: 'false' });
    const ok = h('button', { type: 'submit', class: 'danger', disabled: true }, 'Delete backpack');
    const cancel = h('button', { type: 'button' }, 'Cancel');
    const form = h('form', { method: 'dialog' },
      h('h2', { id: 'delete-title' }, `Delete “${b.name}”?`),
      h('p', {}, 'This removes the backpack and all its data: users, records, files. It cannot be undone.'),
      typed.wrap);
    const errors = errorBox(form);
    form.append(errors.el, h('div', { class: 'actions' }, cancel, ok));
    const dialog = h('dialog', { 'aria-labelledby': 'delete-title', class: 'confirm' }, form);
    typed.input.addEventListener('input', () => { ok.disabled = typed.input.value !== b.name; });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => dialog.remove());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (typed.input.value !== b.name) return;
      busy(ok, async () => {
        try {
          const op = await api(paths.backpack(b.name), { method: 'DELETE' });
          dialog.close();
          watch(op);
          await load();
        } catch (e) {
          errors.show(e);
        }
      });
    });
    document.body.append(dialog);
    dialog.showModal();
    typed.input.focus();
  }

  render(root,
    h('div', { class: 'page-head' }, h('h1', {}, 'Backpacks'),
      h('p', { class: 'muted' }, ctx.account.role === 'owner' ? 'As the owner you see every backpack on this platform.' : 'The backpacks you created.')),
    h('section', { class: 'card' }, h('h2', {}, 'New backpack'), form),
    progressBox,
    listErrors.el,
    listBox);
  await load();

  // operations still running (e.g. after a reload): follow them too
  try {
    const ops = await api('operations', { query: { limit: 10 } });
    for (const op of ops.items || []) {
      if (op.state === 'running') watch(op);
    }
  } catch { /* only a convenience */ }

  return () => {
    aborter.abort();
    clearTimeout(timer);
  };
}
