// Owner only: whether new developers may sign up, and the accounts.
import { api } from '../api.js';
import { h, render, errorBox, announce, formatDate } from '../dom.js';

export async function show(root, ctx) {
  if (ctx.account.role !== 'owner') {
    render(root, h('h1', {}, 'Settings'), h('p', {}, 'Only the platform owner can change settings.'));
    return;
  }
  const [settings, accounts] = await Promise.all([api('platform/settings'), api('accounts')]);
  const toggle = h('input', { type: 'checkbox', id: 'registration-open', role: 'switch', checked: settings.registrationOpen });
  const state = h('span', { class: 'muted', id: 'registration-state' }, settings.registrationOpen ? 'open' : 'closed');
  const errors = errorBox();
  toggle.addEventListener('change', async () => {
    errors.clear();
    const wanted = toggle.checked;
    toggle.disabled = true;
    try {
      const saved = await api('platform/settings', { method: 'PATCH', body: { registrationOpen: wanted } });
      toggle.checked = saved.registrationOpen;
      state.textContent = saved.registrationOpen ? 'open' : 'closed';
      ctx.platform.registrationOpen = saved.registrationOpen;
      announce(saved.registrationOpen ? 'Registration is open.' : 'Registration is closed.');
    } catch (e) {
      toggle.checked = !wanted;
      errors.show(e);
    } finally {
      toggle.disabled = false;
    }
  });
  const list = accounts.items || accounts;
  render(root,
    h('h1', {}, 'Settings'),
    h('section', { class: 'card' },
      h('h2', {}, 'Registration'),
      h('div', { class: 'switch-row' },
        toggle,
        h('label', { for: 'registration-open' }, 'Let new developers create accounts'),
        state),
      h('p', { class: 'hint' }, 'When closed, the sign-up page is hidden and only existing accounts can sign in.'),
      errors.el),
    h('section', { class: 'card' },
      h('h2', {}, 'Accounts'),
      Array.isArray(list) && list.length
        ? h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Email'), h('th', { scope: 'col' }, 'Role'), h('th', { scope: 'col' }, 'Created'))),
          h('tbody', {}, list.map((a) => h('tr', {}, h('td', {}, a.email), h('td', {}, a.role), h('td', {}, formatDate(a.createdAt))))))
        : h('p', { class: 'empty' }, 'No accounts.')));
}
