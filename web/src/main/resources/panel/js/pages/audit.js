// Audit: every change made through the panel API (GET /api/audit), newest first, with filters kept in the address
// (#/audit?action=provider.&actor=ci), "Load more" on the cursor, an entry's before/after diff in a dialog, the
// export of what the filters match (NDJSON) and a check of the hash chain (GET /api/audit/verify). Secrets never
// reach this page: the trail stores them as "[redacted]".
import { get } from '../api.js';
import { h, clear, field, busy, dialog, fmtTime } from '../dom.js';

const FILTERS = [['actor', 'Actor', 'id or name'], ['action', 'Action', 'e.g. deployment. or provider.save'],
  ['targetKind', 'Target kind', 'deployment, provider, api_key…'], ['targetId', 'Target', 'e.g. a deployment key']];

export async function renderAudit(view, _params, app) {
  const q = app.query;
  const inputs = Object.fromEntries(FILTERS.map(([name, , placeholder]) =>
    [name, h('input', { type: 'text', name, value: q.get(name) || '', placeholder })]));
  const from = h('input', { type: 'datetime-local', name: 'from', value: q.get('from') || '' });
  const to = h('input', { type: 'datetime-local', name: 'to', value: q.get('to') || '' });
  const refresh = h('button', { type: 'submit', class: 'secondary' }, 'Refresh');
  const exportLink = h('a', { class: 'button secondary', download: 'junction-audit.ndjson' }, 'Export (NDJSON)');
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter the audit trail' },
    ...FILTERS.map(([name, label]) => field(label, inputs[name])), field('From', from), field('To', to),
    h('div', { class: 'field end' }, refresh));

  const verifyButton = h('button', { type: 'button', class: 'secondary' }, 'Verify the chain');
  const verdict = h('div', { role: 'status', 'aria-live': 'polite' });
  const body = h('tbody');
  const count = h('p', { class: 'meta', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  const error = h('div', { class: 'alert error', role: 'alert', hidden: true });
  const table = h('table', { class: 'grid audit' },
    h('caption', { class: 'sr-only' }, 'Changes, newest first; open one for its before and after'),
    h('thead', {}, h('tr', {}, ['#', 'Time', 'Who', 'From', 'Action', 'Target', 'Changes', ''].map((c) => h('th', { scope: 'col' }, c)))), body);

  view.append(h('div', { class: 'page-head' }, h('h1', {}, 'Audit trail'), h('div', { class: 'actions' }, exportLink, verifyButton)),
    h('p', { class: 'hint' }, 'Every change made through the panel or the API: who, when, from where, and the state before and after. ',
      'Entries cannot be changed or removed, and each is chained to the one before by a hash: Verify walks the chain.'),
    verdict, form, error, count, h('div', { class: 'grid-wrap' }, table), h('div', { class: 'actions start' }, more));

  function params() {
    const p = new URLSearchParams();
    for (const [name] of FILTERS) if (inputs[name].value.trim()) p.set(name, inputs[name].value.trim());
    if (from.value) p.set('from', new Date(from.value).toISOString());
    if (to.value) p.set('to', new Date(to.value).toISOString());
    return p;
  }

  function remember() {
    const p = new URLSearchParams();
    for (const [name] of FILTERS) if (inputs[name].value.trim()) p.set(name, inputs[name].value.trim());
    if (from.value) p.set('from', from.value);
    if (to.value) p.set('to', to.value);
    const qs = p.toString();
    history.replaceState(null, '', `#/audit${qs ? `?${qs}` : ''}`);
  }

  let cursor = null, shown = 0, ticket = 0;
  async function load(append = false) {
    const mine = ++ticket;
    const p = params();
    exportLink.href = `/api/audit/export${p.toString() ? `?${p}` : ''}`;
    p.set('limit', 50);
    if (append && cursor) p.set('cursor', cursor);
    remember();
    error.hidden = true;
    try {
      const answer = await busy(append ? more : refresh, 'Loading…', () => get(`/api/audit?${p}`));
      if (mine !== ticket) return;
      if (!append) { clear(body); shown = 0; }
      body.append(...answer.data.map(row));
      shown += answer.data.length;
      cursor = answer.next_cursor;
      more.hidden = !answer.has_more;
      count.textContent = shown ? `${shown} entr${shown === 1 ? 'y' : 'ies'} shown${answer.has_more ? ', more below' : ''}` : 'No entries match.';
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  }

  function row(e) {
    const changes = Array.isArray(e.diff) ? e.diff.length : 0;
    const open = h('button', { type: 'button', class: 'secondary small', 'aria-label': `Details of entry ${e.seq}`, onclick: () => details(e) }, 'Details');
    return h('tr', {},
      h('td', { class: 'num' }, String(e.seq)), h('td', {}, fmtTime(e.at)),
      h('td', {}, e.actor.name || e.actor.id || '–', ' ', h('span', { class: 'badge' }, e.actor.kind)),
      h('td', {}, e.ip || '–'), h('td', {}, h('code', {}, e.action)),
      h('td', {}, e.target.kind ? `${e.target.kind} ` : '', e.target.id ? h('code', {}, e.target.id) : '–'),
      h('td', { class: 'num' }, String(changes)), h('td', {}, open));
  }

  form.addEventListener('submit', (ev) => { ev.preventDefault(); load(false); });
  more.addEventListener('click', () => load(true));
  verifyButton.addEventListener('click', async () => {
    try {
      const v = await busy(verifyButton, 'Verifying…', () => get('/api/audit/verify'));
      clear(verdict, v.ok
        ? h('div', { class: 'alert ok' }, `The chain holds: ${v.checked} entries checked.`,
          v.head ? [' Head (keep it as a checkpoint for ', h('code', {}, 'junction audit verify --from-checkpoint'), '): ', h('code', {}, `${v.head.seq}:${v.head.hash}`)] : null)
        : h('div', { class: 'alert error' }, `The chain is broken at entry ${v.firstBroken.seq}: ${v.firstBroken.reason}.`));
    } catch (e) {
      clear(verdict, h('div', { class: 'alert error' }, e.message));
    }
  });
  await load(false);
}

const show = (v) => h('pre', { class: 'val' }, v === undefined || v === null ? '–' : (typeof v === 'string' ? v : JSON.stringify(v, null, 2)));

function details(e) {
  return dialog(`Entry ${e.seq}: ${e.action}`, () => h('div', { class: 'dialog-body' },
    h('p', {}, `${fmtTime(e.at)} by ${e.actor.name || e.actor.id} (${e.actor.kind}) from ${e.ip || 'unknown'}`),
    e.userAgent ? h('p', { class: 'meta' }, e.userAgent) : null,
    Array.isArray(e.diff) && e.diff.length
      ? h('table', { class: 'grid diff' },
        h('thead', {}, h('tr', {}, ['What', 'Before', 'After'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, e.diff.map((c) => h('tr', {}, h('td', {}, h('code', {}, c.path || '(all)')),
          h('td', { class: 'before' }, show(c.before)), h('td', { class: 'after' }, show(c.after))))))
      : h('p', {}, 'No field changed (or no state is kept for this action).'),
    h('details', {}, h('summary', {}, 'Stored before and after'), h('h3', {}, 'Before'), show(e.before), h('h3', {}, 'After'), show(e.after)),
    h('p', { class: 'meta' }, 'Hash ', h('code', {}, e.hash))), { wide: true });
}
