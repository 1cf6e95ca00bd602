import { api, ApiError } from '../api.js';
import { h, field, showErrors, busy } from '../dom.js';

export async function renderLogin(view, _params, app) {
  const token = h('input', { type: 'password', name: 'token', autocomplete: 'current-password', required: true, 'data-path': 'token', autofocus: true });
  const summary = h('div', { class: 'alert error', hidden: true, tabindex: '-1', role: 'alert' });
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { method: 'post', action: '/panel/login', class: 'card narrow', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Sign in to Junction'),
    h('p', {}, 'Use an admin token: the one in data/admin-token, or a named one an administrator made for you.'),
    summary,
    field('Admin token', token),
    h('div', { class: 'actions' }, button));
  if (location.hash.includes('error=invalid')) {
    showErrors(form, new ApiError(401, { message: 'sign-in failed', errors: [{ path: 'token', message: 'not a valid admin token' }] }), summary);
  }
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const session = await busy(button, 'Signing in…', () => api('POST', '/panel/login', { token: token.value }));
      await app.signedIn(session);
    } catch (err) {
      showErrors(form, err, summary);
    }
  });
  view.append(form);
  token.focus();
  singleSignOn(form, summary);
}

/** A "Sign in with <label>" link above the token form when the gateway has OpenID Connect configured. */
async function singleSignOn(form, summary) {
  let status;
  try {
    const res = await fetch('/auth/oidc/status', { credentials: 'same-origin' });
    status = res.ok ? await res.json() : null;
  } catch { return; /* no SSO button: the token form still works */ }
  if (!status || !status.enabled) return;
  const link = h('a', { class: 'button', href: '/auth/oidc/login?next=' + encodeURIComponent('/panel/'), 'data-sso': '' },
    'Sign in with ' + status.label);
  summary.before(h('div', { class: 'actions' }, link), h('p', {}, 'Or use an admin token:'));
}
