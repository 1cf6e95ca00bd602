// A one-time link an administrator handed over (#/welcome?token=...): an invitation or a password reset. Shows
// whose account it is, sets the password (typed twice) and signs in with it. No session is needed to open it.
import { api, get, post, enc, ApiError } from '../api.js';
import { h, field, showErrors, busy, clearErrors, placeError, fmtTime } from '../dom.js';

export const MIN_PASSWORD = 12;

export async function renderWelcome(view, _params, app) {
  const token = (app.query || new URLSearchParams()).get('token') || '';
  const card = h('div', { class: 'card narrow', role: 'region', 'aria-labelledby': 'welcome-title' });
  view.append(card);
  let link;
  try {
    if (!token) throw new ApiError(404, { message: 'no token' });
    link = await get(`/auth/link?token=${enc(token)}`);
  } catch (err) {
    card.append(h('h1', { id: 'welcome-title' }, 'This link does not work'),
      h('p', {}, [400, 404, 410].includes(err.status)
        ? 'It is unknown, has been used already or has expired. Ask an administrator for a new one.'
        : err.message),
      h('p', {}, h('a', { href: '#/login' }, 'Go to sign in')));
    return;
  }

  const invite = link.kind === 'invite';
  const password = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: MIN_PASSWORD, 'data-path': 'password' });
  const again = h('input', { type: 'password', autocomplete: 'new-password', required: true, 'data-path': 'confirm' });
  const username = h('input', { type: 'email', autocomplete: 'username', value: link.email, readonly: true, class: 'offscreen', tabindex: '-1', 'aria-hidden': 'true' });
  const summary = h('div', { class: 'alert error', hidden: true, tabindex: '-1', role: 'alert' });
  const submit = h('button', { type: 'submit' }, invite ? 'Set password and sign in' : 'Change password and sign in');
  // novalidate: the length and the match are checked below, each said next to its field
  const form = h('form', { 'aria-labelledby': 'welcome-title', novalidate: true }, username, summary,
    field('New password', password, `At least ${MIN_PASSWORD} characters. A sentence you will remember works well.`),
    field('Type it again', again),
    h('div', { class: 'actions' }, submit));
  card.append(h('h1', { id: 'welcome-title' }, invite ? 'Welcome to Junction' : 'Choose a new password'),
    h('p', {}, invite ? 'You have been invited as ' : 'For ', h('strong', { class: 'email' }, link.email), '.'),
    link.expiresAt ? h('p', { class: 'hint' }, `This link works once, until ${fmtTime(link.expiresAt)}.`) : null,
    form);
  password.focus();

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    summary.hidden = true;
    if (password.value.length < MIN_PASSWORD) {
      placeError(password, `at least ${MIN_PASSWORD} characters (${password.value.length} so far)`);
      password.focus();
      return;
    }
    if (password.value !== again.value) {
      placeError(again, 'the two passwords differ');
      again.focus();
      return;
    }
    try {
      const done = await busy(submit, 'Saving…', () => post('/auth/link', { token, password: password.value }));
      const session = await busy(submit, 'Signing in…', () => api('POST', '/panel/login', { email: done.email || link.email, password: password.value }));
      await app.signedIn(session);
    } catch (err) {
      if (err.status === 410 || err.status === 404) {
        showErrors(form, new ApiError(err.status, { message: 'This link has expired or has been used already. Ask an administrator for a new one.' }), summary);
      } else {
        showErrors(form, err, summary);
      }
    }
  });
}
