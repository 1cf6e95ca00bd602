// API keys for applications: create (shown once), list, revoke.
import { get, post, del, enc } from '../api.js';
import { h, clear, field, busy, showErrors, confirmDialog, dialog, copyText, toast, fmtTime } from '../dom.js';

export async function renderKeys(view) {
  const body = h('tbody');
  const load = async () => {
    const keys = (await get('/api/keys')).data;
    clear(body, keys.map((k) => h('tr', { class: k.revokedAt ? 'disabled' : '' },
      h('td', {}, k.name), h('td', {}, h('code', {}, `${k.prefix}…`)), h('td', {}, fmtTime(k.createdAt)),
      h('td', {}, k.revokedAt ? `revoked ${fmtTime(k.revokedAt)}` : h('span', { class: 'badge ok' }, 'active')),
      h('td', {}, k.revokedAt ? null : h('button', { type: 'button', class: 'danger secondary small', 'aria-label': `Revoke ${k.name}`, onclick: async () => {
        if (!(await confirmDialog(`Revoke ${k.name}?`, 'Applications using it are refused from now on.', 'Revoke'))) return;
        try { await del(`/api/keys/${enc(k.id)}`); toast(`${k.name} revoked`, 'ok'); load(); } catch (e) { toast(e.message, 'error'); }
      } }, 'Revoke')))));
  };
  const name = h('input', { type: 'text', required: true, placeholder: 'e.g. support website', 'data-path': 'name' });
  const create = h('button', { type: 'submit' }, 'Create key');
  const summary = h('div', { class: 'alert error', hidden: true, tabindex: '-1' });
  const form = h('form', { class: 'card inline-form' }, summary, h('div', { class: 'row' }, field('Name', name), h('div', { class: 'field end' }, create)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const made = await busy(create, 'Creating…', () => post('/api/keys', { name: name.value }));
      name.value = '';
      await load();
      await dialog('Your new API key', () => {
        const copy = h('button', { type: 'button', onclick: async () => { await copyText(made.key); toast('Copied', 'ok'); } }, 'Copy');
        return h('div', { class: 'dialog-body' }, h('p', {}, 'Copy it now: it is shown only once (Junction keeps only its hash).'),
          h('pre', { class: 'code secret', tabindex: '0' }, made.key), h('div', { class: 'actions' }, copy));
      });
    } catch (err) { showErrors(form, err, summary); }
  });
  view.append(h('div', { class: 'page-head' }, h('h1', {}, 'API keys')),
    h('p', { class: 'hint' }, 'Applications call /v2/deployments/invoke with one of these as a bearer token.'), form,
    h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, ['Name', 'Key', 'Created', 'Status', ''].map((c) => h('th', { scope: 'col' }, c)))), body));
  await load();
}
