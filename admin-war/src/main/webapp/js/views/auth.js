// Sign in, sign up, and "create the owner account" on a platform without one.
import { api } from '../api.js';
import { h, render, field, errorBox, busy } from '../dom.js';

export async function show(root, ctx, mode) {
  const { platform } = ctx;
  if (ctx.account) {
    ctx.navigate('#/backpacks');
    return;
  }
  const owner = !platform.hasOwner;
  const signUp = owner || (mode === 'signup' && platform.registrationOpen);
  const title = owner ? 'Create the owner account' : signUp ? 'Create a developer account' : 'Sign in';

  const email = field('Email', { type: 'email', name: 'email', autocomplete: 'email', required: true });
  const password = field('Password', {
    type: 'password', name: 'password', required: true, minlength: signUp ? 8 : null,
    autocomplete: signUp ? 'new-password' : 'current-password',
  }, signUp ? 'At least 8 characters.' : null);
  const submit = h('button', { type: 'submit', class: 'primary' }, signUp ? 'Create account' : 'Sign in');
  const form = h('form', { class: 'card narrow', novalidate: true }, email.wrap, password.wrap);
  const errors = errorBox(form);
  form.append(errors.el, h('div', { class: 'actions' }, submit));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    errors.clear();
    busy(submit, async () => {
      try {
        const result = await api(signUp ? 'auth/register' : 'auth/login', {
          method: 'POST',
          body: { email: email.input.value.trim(), password: password.input.value },
          quiet401: true,
        });
        ctx.account = result.account;
        ctx.platform = await api('platform');
        ctx.navigate('#/backpacks');
      } catch (e) {
        errors.show(e.status === 401 ? { detail: 'Wrong email or password.' } : e);
        (form.querySelector('[aria-invalid]') || errors.el).focus?.();
      }
    });
  });

  let other = null;
  if (owner) {
    other = h('p', {}, 'This platform has no owner yet. The first account becomes its owner: it sees every backpack and decides whether other developers may sign up.');
  } else if (signUp) {
    other = h('p', {}, 'Already have an account? ', h('a', { href: '#/signin' }, 'Sign in'));
  } else if (platform.registrationOpen) {
    other = h('p', {}, 'No account yet? ', h('a', { href: '#/signup' }, 'Create a developer account'));
  } else {
    other = h('p', { class: 'muted' }, 'Registration of new accounts is closed; ask the platform owner.');
  }
  render(root, h('section', { class: 'auth' }, h('h1', {}, title), owner ? other : null, form, owner ? null : other));
  email.input.focus();
}
