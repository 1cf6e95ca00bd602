// API keys for applications and admin tokens for the panel API: create (shown once), list, revoke. An API key may be
// limited to projects, folder paths and deployments, and given an expiry (UTC), both shown in the list.
import { get, post, del, enc } from '../api.js';
import { h, clear, clearErrors, field, busy, showErrors, confirmDialog, dialog, copyText, toast, fmtTime } from '../dom.js';
import { fmtCost, fmtInt } from '../format.js';
import { useList } from './limits.js';
import { describeGrant, singleGrantFields } from '../grants.js';

export async function renderKeys(view) {
  const current = (await get('/api/admin-tokens/current').catch(() => ({}))).name;
  let quotas = null; // the keys' rate limits, budgets and use, read again with the list
  const apiKeys = credentials({
    title: 'API keys', path: '/api/keys', label: 'Name', placeholder: 'e.g. support website', create: 'Create key', secret: 'key',
    shown: 'Your new API key', column: 'Key', revokeWhat: 'Applications using it are refused from now on.',
    before: async () => { quotas = await keyQuotas(); },
    extra: [['Scope', scopeOf], ['Expires', (k) => (k.expiresAt ? fmtTime(k.expiresAt) : 'never')], ['Limits & spend', (k) => limitsOf(quotas, k)]],
    fields: limitFields,
  });
  const adminTokens = credentials({
    title: 'Admin tokens', path: '/api/admin-tokens', label: 'Token name', placeholder: 'e.g. ci pipeline', create: 'Create admin token', secret: 'token',
    shown: 'Your new admin token', column: 'Token', revokeWhat: 'Scripts and people using it are refused from now on.',
    badge: (t) => (t.name === current ? h('span', { class: 'badge' }, 'you') : null),
    fixed: (t) => (t.bootstrap ? 'configuration (JUNCTION_ADMIN_TOKEN or the data directory\'s admin-token file)' : null),
    // service accounts: a role on a scope, so CI can run tests and deploy without being admin
    fields: singleGrantFields,
    extra: [['Role', (t) => describeGrant({ role: t.role || 'admin', scope: t.scope || '*', bodies: t.bodies })]],
  });
  view.append(h('div', { class: 'page-head' }, h('h1', {}, 'API keys')),
    h('p', { class: 'hint' }, 'Applications call /v2/deployments/invoke and /v1/chat/completions with one of these as a bearer token. A key limited to projects, folders or deployments gets 403 on any other deployment; an expired one gets 401.'), ...apiKeys.parts,
    h('h2', {}, 'Service accounts (admin tokens)'),
    h('p', { class: 'hint' }, 'Each opens this panel and the /api endpoints to whoever holds it, with its role on its scope (an analyst on a project can run its rule tests; a deployer can deploy): give scripts and CI their own, and revoke one that leaks.'),
    ...adminTokens.parts);
  await Promise.all([apiKeys.load(), adminTokens.load()]);
}

/** A list of named bearer credentials at `path` (GET, POST {name, ...limits}, DELETE /{id}) with its create form. */
function credentials(o) {
  const body = h('tbody');
  const load = async () => {
    if (o.before) await o.before();
    const items = (await get(o.path)).data;
    clear(body, items.map((k) => h('tr', { class: k.revokedAt ? 'disabled' : '' },
      h('td', {}, k.name, o.badge ? [' ', o.badge(k)] : null),
      h('td', {}, k.prefix ? h('code', {}, `${k.prefix}…`) : '–'), h('td', {}, fmtTime(k.createdAt)),
      h('td', {}, k.revokedAt ? `revoked ${fmtTime(k.revokedAt)}` : k.expired ? h('span', { class: 'badge warn' }, 'expired')
        : h('span', { class: 'badge ok' }, 'active')),
      ...(o.extra || []).map(([, cell]) => h('td', {}, cell(k))),
      h('td', {}, k.revokedAt ? null : (o.fixed && o.fixed(k)) || h('button', { type: 'button', class: 'danger secondary small', 'aria-label': `Revoke ${k.name}`, onclick: async () => {
        if (!(await confirmDialog(`Revoke ${k.name}?`, o.revokeWhat, 'Revoke'))) return;
        try { await del(`${o.path}/${enc(k.id)}`); toast(`${k.name} revoked`, 'ok'); load(); } catch (e) { toast(e.message, 'error'); }
      } }, 'Revoke')))));
  };
  const name = h('input', { type: 'text', required: true, placeholder: o.placeholder, 'data-path': 'name' });
  const create = h('button', { type: 'submit' }, o.create);
  const summary = h('div', { class: 'alert error', hidden: true, tabindex: '-1' });
  const more = o.fields ? o.fields() : null; // more fields sent with the name
  const form = h('form', { class: 'card inline-form' }, summary, h('div', { class: 'row' }, field(o.label, name), more ? more.fields : null, h('div', { class: 'field end' }, create)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const made = await busy(create, 'Creating…', () => post(o.path, { name: name.value, ...(more ? more.value() : {}) }));
      name.value = '';
      if (more) more.reset();
      clearErrors(form);
      summary.hidden = true;
      await load();
      await dialog(o.shown, () => {
        const copy = h('button', { type: 'button', onclick: async () => { await copyText(made[o.secret]); toast('Copied', 'ok'); } }, 'Copy');
        return h('div', { class: 'dialog-body' }, h('p', {}, 'Copy it now: it is shown only once (Junction keeps only its hash).'),
          h('pre', { class: 'code secret', tabindex: '0' }, made[o.secret]), h('div', { class: 'actions' }, copy));
      });
    } catch (err) { showErrors(form, err, summary); }
  });
  const table = h('table', { class: 'grid', 'aria-label': o.title },
    h('thead', {}, h('tr', {}, ['Name', o.column, 'Created', 'Status', ...(o.extra || []).map(([title]) => title), ''].map((c) => h('th', { scope: 'col' }, c)))), body);
  return { parts: [form, table], load };
}

/** The create form's scope (projects or folder paths, deployment keys; comma-separated) and expiry (UTC). */
function limitFields() {
  const projects = h('input', { type: 'text', placeholder: 'e.g. support, checkout/eu', 'data-path': 'scope.projects' });
  const deployments = h('input', { type: 'text', placeholder: 'e.g. faq-bot', 'data-path': 'scope.deployments' });
  const expires = h('input', { type: 'datetime-local', 'data-path': 'expiresAt' });
  const list = (input) => input.value.split(',').map((v) => v.trim()).filter(Boolean);
  return {
    fields: [field('Projects or folders', projects, 'Comma-separated; a folder covers its subfolders'),
      field('Deployments', deployments, 'Comma-separated keys; both empty: every deployment'),
      field('Expires (UTC)', expires, 'Empty: never; at most five years ahead')],
    value: () => {
      const scope = { projects: list(projects), deployments: list(deployments) };
      const out = scope.projects.length || scope.deployments.length ? { scope } : {};
      if (expires.value) out.expiresAt = `${expires.value}:00Z`;
      return out;
    },
    reset: () => { projects.value = ''; deployments.value = ''; expires.value = ''; },
  };
}

/** What a key may invoke: every deployment, or its projects, folders and deployments. */
function scopeOf(k) {
  const s = k.scope || { projects: [], deployments: [] };
  if (!s.projects.length && !s.deployments.length) return h('span', { class: 'hint' }, 'every deployment');
  return h('div', {}, ...s.projects.map((p) => h('div', {}, p.includes('/') ? 'folder ' : 'project ', h('code', {}, p))),
    ...s.deployments.map((d) => h('div', {}, 'deployment ', h('code', {}, d))));
}

/** The API-key rate limits and budgets and their use; null when the gateway does not serve them. */
async function keyQuotas() {
  try {
    const [limits, budgets, spend] = await Promise.all([get('/api/rate-limits'), get('/api/budgets'), get('/api/spend?scope=api_key')]);
    return { limits: limits.data.filter((l) => l.scope === 'api_key'), budgets: budgets.data.filter((b) => b.scope === 'api_key'), uses: spend.data };
  } catch {
    return null;
  }
}

/** A key's limits (its own and those on every key, *) and its use of each. */
function limitsOf(q, key) {
  if (!q) return '–';
  const applies = (x) => x.target === key.id || x.target === '*';
  const parts = [
    ...q.limits.filter(applies).map((l) => [l.requestsPerMinute && `${fmtInt(l.requestsPerMinute)} req/min`,
      l.tokensPerMinute && `${fmtInt(l.tokensPerMinute)} tokens/min`, l.concurrent && `${fmtInt(l.concurrent)} in flight`].filter(Boolean).join(', ')),
    ...q.budgets.filter(applies).map((b) => `${fmtCost(b.amountUsd)} per ${b.period === 'fixed' ? 'period' : b.period}${b.hard ? '' : ' (soft)'}`),
  ];
  const uses = q.uses.filter((u) => u.member === key.id);
  if (!parts.length && !uses.length) return h('a', { href: '#/limits/api_key' }, 'none');
  return h('div', {}, h('a', { href: '#/limits/api_key' }, parts.join(' · ') || 'limits'), uses.length ? useList(uses) : null);
}
