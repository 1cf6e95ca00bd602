// Sign in: email and password (people), single sign-on when the gateway has it, or an admin token (the bootstrap
// token, or a service account's) as the second way in.
import { api, get, ApiError } from '../api.js';
import { h, field, showErrors, busy } from '../dom.js';

export async function renderLogin(view, _params, app) {
  const query = app.query || new URLSearchParams();
  const summary = h('div', { class: 'alert error', hidden: true, tabindex: '-1', role: 'alert' });
  const sso = h('div', { class: 'sso', hidden: true });

  // people: email and password
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, 'data-path': 'email' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, 'data-path': 'password' });
  const signIn = h('button', { type: 'submit' }, 'Sign in');
  const useToken = h('button', { type: 'button', class: 'link', onclick: () => show(tokenForm) }, 'Use an admin token');
  const personForm = h('form', { class: 'sign-in', 'aria-label': 'Sign in with email and password' },
    field('Email', email), field('Password', password),
    h('div', { class: 'actions spread' }, useToken, signIn));

  // scripts and the bootstrap admin: a token
  const token = h('input', { type: 'password', name: 'token', autocomplete: 'current-password', required: true, 'data-path': 'token' });
  const tokenButton = h('button', { type: 'submit' }, 'Sign in');
  const usePassword = h('button', { type: 'button', class: 'link', onclick: () => show(personForm) }, 'Use email and password');
  const tokenForm = h('form', { class: 'sign-in', hidden: true, 'aria-label': 'Sign in with an admin token' },
    h('p', { class: 'hint' }, 'The one in data/admin-token, or a service account\'s token an administrator made for you.'),
    field('Admin token', token),
    h('div', { class: 'actions spread' }, usePassword, tokenButton));

  const card = h('div', { class: 'card narrow', role: 'region', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Sign in to Junction'), summary, sso, personForm, tokenForm);

  function show(form) {
    personForm.hidden = form !== personForm;
    tokenForm.hidden = form !== tokenForm;
    summary.hidden = true;
    (form === tokenForm ? token : email).focus();
  }

  const submit = (form, button, body) => async (e) => {
    e.preventDefault();
    try {
      const session = await busy(button, 'Signing in…', () => api('POST', '/panel/login', body()));
      await app.signedIn(session);
    } catch (err) {
      showErrors(form, explain(err), summary);
    }
  };
  personForm.addEventListener('submit', submit(personForm, signIn, () => ({ email: email.value.trim(), password: password.value })));
  tokenForm.addEventListener('submit', submit(tokenForm, tokenButton, () => ({ token: token.value })));

  view.append(card);
  if (query.get('error') === 'invalid') { // the no-JavaScript token form came back refused
    show(tokenForm);
    showErrors(tokenForm, new ApiError(401, { message: 'sign-in failed', errors: [{ path: 'token', message: 'not a valid admin token' }] }), summary);
  } else if (query.get('error')) { // single sign-on came back refused
    showErrors(personForm, new ApiError(401, { message: `Single sign-on failed: ${query.get('error_description') || query.get('error')}` }), summary);
  } else {
    email.focus();
  }
  offerSso(sso);
}

/** A throttled sign-in says when to try again; every other refusal is shown as the gateway words it. */
function explain(err) {
  if (err instanceof ApiError && err.status === 429) {
    const wait = err.retryAfter ? ` Try again in ${err.retryAfter} s.` : ' Try again in a while.';
    return new ApiError(429, { message: `Too many failed sign-ins from this address.${wait}` });
  }
  if (err instanceof ApiError && err.status === 401 && !err.errors.length) {
    return new ApiError(401, { message: err.message || 'Wrong email or password.' });
  }
  return err;
}

/** The single sign-on button, when the gateway has single sign-on set up (no such route: no button). */
async function offerSso(box) {
  let status;
  try {
    status = await get('/auth/oidc/status');
  } catch {
    return;
  }
  if (!status || !status.enabled) return;
  box.append(h('a', { class: 'button', href: '/auth/oidc/login?next=/panel/' }, `Sign in with ${status.label || 'single sign-on'}`),
    h('p', { class: 'or' }, h('span', {}, 'or')));
  box.hidden = false;
}
