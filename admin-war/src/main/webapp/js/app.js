// The admin SPA: hash routes, the signed-in account, and the header. One module per view.
import { api, setUnauthorizedHandler } from './api.js';
import { h, render } from './dom.js';
import * as auth from './views/auth.js';
import * as backpacks from './views/backpacks.js';
import * as browse from './views/browse.js';
import * as settings from './views/settings.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');

const ctx = {
  platform: null,
  account: null,
  navigate(hash) {
    if (location.hash === hash) route();
    else location.hash = hash;
  },
  async refresh() {
    ctx.platform = await api('platform');
    try {
      ctx.account = (await api('auth/me', { quiet401: true })).account;
    } catch (e) {
      if (e.status !== 401) throw e;
      ctx.account = null;
    }
    renderNav();
  },
  async signOut() {
    try {
      await api('auth/logout', { method: 'POST' });
    } finally {
      ctx.account = null;
      renderNav();
      ctx.navigate('#/signin');
    }
  },
};

setUnauthorizedHandler(() => {
  if (ctx.account) {
    ctx.account = null;
    renderNav();
    ctx.navigate('#/signin');
  }
});

function renderNav() {
  const a = ctx.account;
  const current = location.hash || '#/';
  const link = (href, text) =>
    h('a', { href, 'aria-current': current === href || current.startsWith(`${href}/`) ? 'page' : null }, text);
  if (!a) {
    render(nav);
    return;
  }
  render(nav,
    link('#/backpacks', 'Backpacks'),
    a.role === 'owner' ? link('#/settings', 'Settings') : null,
    h('span', { class: 'who' }, a.email, ' ', h('span', { class: 'badge' }, a.role)),
    h('button', { type: 'button', class: 'link', onclick: () => ctx.signOut() }, 'Sign out'));
}

let cleanup = null;
let generation = 0;

async function route() {
  const gen = ++generation;
  if (typeof cleanup === 'function') cleanup();
  cleanup = null;
  const parts = (location.hash.replace(/^#\/?/, '') || '').split('/').filter(Boolean).map(decodeURIComponent);
  let view;
  let args = [];
  if (!ctx.platform) {
    try {
      await ctx.refresh();
    } catch (e) {
      render(main, h('h1', {}, 'Backpack platform'), h('div', { class: 'error', role: 'alert' }, e.detail || String(e)));
      return;
    }
  }
  const signedIn = !!ctx.account;
  const [first, ...rest] = parts;
  if (first === 'signin' || first === 'signup') {
    view = auth;
    args = [first];
  } else if (!signedIn) {
    view = auth;
    args = [ctx.platform.hasOwner ? 'signin' : 'signup'];
  } else if (first === 'settings') {
    view = settings;
  } else if (first === 'backpacks' && rest.length > 0) {
    view = browse;
    args = rest;
  } else {
    view = backpacks;
  }
  renderNav();
  main.replaceChildren();
  main.setAttribute('aria-busy', 'true');
  try {
    const result = await view.show(main, ctx, ...args);
    if (gen !== generation) {
      if (typeof result === 'function') result();
      return;
    }
    cleanup = result;
  } catch (e) {
    if (gen !== generation) return;
    render(main, h('h1', {}, 'Something went wrong'),
      h('div', { class: 'error', role: 'alert' }, e.detail || e.message || String(e)),
      h('p', {}, h('a', { href: '#/backpacks' }, 'Back to your backpacks')));
  } finally {
    if (gen === generation) main.removeAttribute('aria-busy');
  }
  // move focus to the new view's heading so keyboard and screen reader users start there
  if (gen === generation && !main.contains(document.activeElement)) {
    const heading = main.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  }
}

window.addEventListener('hashchange', route);
route();
