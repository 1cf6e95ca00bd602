// People (admins only): who may sign in, with which roles where; invite by a one-time link handed over by hand (no
// mail server), edit roles, disable or enable, delete, make a password reset link.
import { get, post, put, del, enc } from '../api.js';
import { h, clear, field, busy, showErrors, confirmDialog, dialog, copyText, toast, fmtTime } from '../dom.js';
import { me } from '../access.js';
import { grantsEditor, describeGrants } from '../grants.js';

const STATUS = { active: 'ok', invited: 'warn', disabled: 'muted' };

export async function renderPeople(view) {
  const body = h('tbody');
  const count = h('p', { class: 'hint', 'aria-live': 'polite' });
  const invite = h('button', { type: 'button', onclick: () => openInvite(load) }, 'Invite someone');
  view.append(
    h('div', { class: 'page-head' }, h('h1', {}, 'People'), invite),
    h('p', { class: 'hint' }, 'People sign in with their email and a password they set from a one-time link you hand over, or with single sign-on. '
      + 'Scripts and CI use service accounts (API keys page).'),
    count,
    h('table', { class: 'grid people', 'aria-label': 'People' },
      h('thead', {}, h('tr', {}, ['Name', 'Email', 'Status', 'Roles', 'Last sign-in', h('span', { class: 'sr-only' }, 'Actions')].map((c) => h('th', { scope: 'col' }, c)))),
      body));

  async function load() {
    const people = (await get('/api/users')).data;
    count.textContent = `${people.length} ${people.length === 1 ? 'person' : 'people'}`;
    clear(body, people.map((u) => row(u, load)));
    if (!people.length) body.append(h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'Nobody yet: invite someone.')));
  }
  await load();
}

function row(u, reload) {
  const self = me() && me().kind === 'user' && me().id === u.id;
  const act = (label, work, cls = 'secondary small') => h('button', { type: 'button', class: cls, 'aria-label': `${label} ${u.email}`, onclick: async (e) => {
    const button = e.currentTarget;
    try { await work(button); } catch (err) { toast(err.message, 'error'); }
  } }, label);
  return h('tr', { class: u.status === 'disabled' ? 'disabled' : '', 'data-email': u.email },
    h('td', {}, u.name || '', self ? h('span', { class: 'badge' }, 'you') : null),
    h('td', {}, u.email, u.sso ? h('span', { class: 'badge' }, 'SSO') : null),
    h('td', {}, h('span', { class: `badge ${STATUS[u.status] || ''}` }, u.status)),
    h('td', { class: 'grants-cell' }, describeGrants(u.grants),
      u.ssoGrants && u.ssoGrants.length ? h('div', { class: 'hint' }, `from SSO groups: ${describeGrants(u.ssoGrants)}`) : null),
    h('td', {}, u.lastSignInAt ? fmtTime(u.lastSignInAt) : h('span', { class: 'hint' }, 'never')),
    h('td', { class: 'actions' },
      act('Edit', () => openEdit(u, reload)),
      u.sso ? null : act(u.status === 'invited' ? 'New invitation link' : 'Reset link', async (button) => {
        const link = await busy(button, 'Making…', () => post(`/api/users/${enc(u.id)}/reset-link`));
        await showLink(u.status === 'invited' ? `Invitation link for ${u.email}` : `Password reset link for ${u.email}`, link);
        reload();
      }),
      act(u.status === 'disabled' ? 'Enable' : 'Disable', async (button) => {
        const disabling = u.status !== 'disabled';
        if (disabling && !(await confirmDialog(`Disable ${u.email}?`, 'They are signed out at once and cannot sign in until enabled again.', 'Disable'))) return;
        await busy(button, disabling ? 'Disabling…' : 'Enabling…', () => put(`/api/users/${enc(u.id)}`, { disabled: disabling }));
        toast(`${u.email} ${disabling ? 'disabled' : 'enabled'}`, 'ok');
        reload();
      }),
      act('Delete', async (button) => {
        if (!(await confirmDialog(`Delete ${u.email}?`, 'Their account and sessions are removed. What they changed keeps their name in the history.', 'Delete'))) return;
        await busy(button, 'Deleting…', () => del(`/api/users/${enc(u.id)}`));
        toast(`${u.email} deleted`, 'ok');
        reload();
      }, 'danger secondary small')));
}

async function openInvite(reload) {
  const made = await dialog('Invite someone', (close) => {
    const email = h('input', { type: 'email', required: true, autocomplete: 'off', 'data-path': 'email', autofocus: true });
    const name = h('input', { type: 'text', autocomplete: 'off', 'data-path': 'name' });
    const grants = grantsEditor([{ role: 'analyst', scope: '*', bodies: false }]);
    const summary = h('div', { class: 'alert error', hidden: true, tabindex: '-1', role: 'alert' });
    const submit = h('button', { type: 'submit' }, 'Invite');
    const form = h('form', { class: 'dialog-body' }, summary,
      h('div', { class: 'row' }, field('Email', email), field('Name', name)),
      grants.element,
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => close() }, 'Cancel'), submit));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        close(await busy(submit, 'Inviting…', () => post('/api/users', { email: email.value.trim(), name: name.value.trim(), grants: grants.value() })));
      } catch (err) {
        showErrors(form, err, summary);
      }
    });
    return form;
  }, { wide: true });
  if (!made) return;
  await reload();
  await showLink(`Invitation link for ${made.user.email}`, made.link);
}

async function openEdit(u, reload) {
  const saved = await dialog(`Edit ${u.email}`, (close) => {
    const name = h('input', { type: 'text', value: u.name || '', 'data-path': 'name', autofocus: true });
    const grants = grantsEditor(u.grants || []);
    const summary = h('div', { class: 'alert error', hidden: true, tabindex: '-1', role: 'alert' });
    const submit = h('button', { type: 'submit' }, 'Save');
    const form = h('form', { class: 'dialog-body' }, summary, field('Name', name), grants.element,
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => close() }, 'Cancel'), submit));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        close(await busy(submit, 'Saving…', () => put(`/api/users/${enc(u.id)}`, { name: name.value.trim(), grants: grants.value() })));
      } catch (err) {
        showErrors(form, err, summary); // 409: the last admin keeps their role
      }
    });
    return form;
  }, { wide: true });
  if (saved) {
    toast(`${u.email} saved`, 'ok');
    reload();
  }
}

/** A one-time link, shown once with a copy button: the gateway keeps only its hash. */
export function showLink(title, link) {
  const url = new URL(link.url, location.origin).href;
  return dialog(title, (close) => {
    const copy = h('button', { type: 'button', onclick: async () => { await copyText(url); toast('Link copied', 'ok'); } }, 'Copy link');
    return h('div', { class: 'dialog-body' },
      h('p', {}, 'Hand this link over yourself (chat, in person): it is shown only once and works once',
        link.expiresAt ? `, until ${fmtTime(link.expiresAt)}` : '', '.'),
      h('pre', { class: 'code secret one-time-link', tabindex: '0' }, url),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => close() }, 'Done'), copy));
  }, { wide: true });
}
