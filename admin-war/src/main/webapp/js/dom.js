// Tiny DOM helpers: elements are built with textContent only (no HTML strings, no injection).

/**
 * h('button', {class: 'primary', onclick: fn}, 'Save') — attributes: `on*` become listeners,
 * `class`, `for`, `aria-*`, `data-*` and the rest attributes; false/null/undefined are left out.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the children of el. */
export function render(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let ids = 0;
/** A unique id for label/field pairs. */
export function uid(prefix = 'f') {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled field: returns {wrap, input}. */
export function field(label, attrs = {}, hint) {
  const id = attrs.id || uid();
  const hintId = hint ? `${id}-hint` : null;
  const tag = attrs.multiline ? 'textarea' : attrs.options ? 'select' : 'input';
  const { multiline, options, ...rest } = attrs;
  const input = h(tag, { id, 'aria-describedby': hintId, ...rest },
    options ? options.map((o) => h('option', { value: o, selected: o === rest.value }, o)) : []);
  if (options && rest.value) input.value = rest.value;
  const wrap = h('div', { class: 'field' },
    h('label', { for: id }, label),
    input,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null);
  return { wrap, input };
}

/**
 * An error region for a form or a view: show(error) renders a problem's detail and its field
 * errors (marking the named inputs of `form` aria-invalid), clear() empties it. role=alert.
 */
export function errorBox(form) {
  const box = h('div', { class: 'error', role: 'alert', hidden: true });
  return {
    el: box,
    show(error) {
      clearInvalid(form);
      const list = (error.errors || []).map((e) => {
        const input = form?.querySelector(`[name="${CSS.escape(e.field)}"]`);
        if (input) input.setAttribute('aria-invalid', 'true');
        // some messages name their field already ("cpus must be from 0.05 to 64")
        const named = !e.field || String(e.message).startsWith(`${e.field} `);
        return h('li', {}, named ? e.message : `${e.field}: ${e.message}`);
      });
      render(box, h('p', {}, error.detail || error.message || String(error)), list.length ? h('ul', {}, list) : null);
      box.hidden = false;
    },
    clear() {
      clearInvalid(form);
      box.replaceChildren();
      box.hidden = true;
    },
  };
}

function clearInvalid(form) {
  form?.querySelectorAll('[aria-invalid]').forEach((i) => i.removeAttribute('aria-invalid'));
}

/** Runs an async action with a button disabled and marked busy. */
export async function busy(button, fn) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await fn();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** Announces a short message in the app's polite live region (and shows it as a toast). */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // a new text node after a tick is announced even when the text repeats
  setTimeout(() => { region.textContent = message; }, 30);
  clearTimeout(announce.timer);
  announce.timer = setTimeout(() => { region.textContent = ''; }, 6000);
}

export function formatDate(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function formatBytes(n) {
  if (typeof n !== 'number') return '';
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = -1;
  do { v /= 1024; i += 1; } while (v >= 1024 && i < units.length - 1);
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** Copies text; falls back to selecting it for Ctrl+C when the clipboard is not available. */
export async function copyText(text, fallbackEl) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (fallbackEl) {
      const range = document.createRange();
      range.selectNodeContents(fallbackEl);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
    return false;
  }
}
