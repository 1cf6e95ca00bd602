// Limits & budgets, one page per scope (#/limits/api_key): each rate limit and budget of the scope with its current
// use against the limit per member, reset time and thresholds crossed; create, edit and remove them (the server's
// errors shown by field); and a member's spend per UTC day (GET /api/spend/series) as a chart.
import { get, post, put, del, enc } from '../api.js';
import { h, clear, field, options, busy, showErrors, confirmDialog, toast, fmtTime } from '../dom.js';
import { lineChart } from '../chart.js';
import { fmtCost, fmtInt, utcDay } from '../format.js';

export const SCOPES = [['workspace', 'Workspace'], ['project', 'Projects'], ['deployment', 'Deployments'], ['api_key', 'API keys'],
  ['identity', 'Identities'], ['provider', 'Providers'], ['model', 'Models']];
const RATE_SCOPES = ['workspace', 'project', 'deployment', 'api_key', 'identity'];
const TARGET_HINT = {
  workspace: 'The workspace has one target: *',
  project: 'A project name, or * for each project on its own',
  deployment: 'A deployment key, or * for each deployment on its own',
  api_key: 'An API key id (see API keys), or * for each key on its own',
  identity: 'An identity id (identity.id of a request), or * for each identity on its own',
  provider: 'A provider (openai, anthropic…), or * for each provider on its own',
  model: 'provider/model (openai/gpt-4o-mini), or * for each model on its own',
};
const WHAT = { requests: 'requests / min', tokens: 'tokens / min', concurrent: 'in flight', budget: 'USD' };

export async function renderLimits(view, [scope]) {
  if (!SCOPES.some(([s]) => s === scope)) scope = 'api_key';
  const label = SCOPES.find(([s]) => s === scope)[1];
  const rates = RATE_SCOPES.includes(scope);
  const limitsBox = h('div'), budgetsBox = h('div'), formBox = h('div'), chartBox = h('div', { 'aria-live': 'polite' });
  view.append(h('div', { class: 'page-head' }, h('h1', {}, 'Limits & budgets')),
    h('p', { class: 'hint' }, 'Rate limits (per UTC minute) refuse a request over them with 429 and Retry-After; a hard budget refuses with 429 budget_exceeded until it resets, a soft one only records. Use counts every instance, as of the last sync.'),
    h('nav', { class: 'tabs', 'aria-label': 'Scopes' }, SCOPES.map(([s, l]) =>
      h('a', { href: `#/limits/${s}`, 'aria-current': s === scope ? 'page' : null }, l))),
    formBox,
    rates ? h('section', { 'aria-label': 'Rate limits' }, h('h2', {}, `Rate limits: ${label}`), limitsBox) : null,
    h('section', { 'aria-label': 'Budgets' }, h('h2', {}, `Budgets: ${label}`), budgetsBox),
    h('section', { 'aria-label': 'Spend' }, h('h2', {}, 'Spend per day'), chartBox));

  let uses = [];
  const load = async () => {
    const [limits, budgets, spend] = await Promise.all([
      rates ? get('/api/rate-limits') : { data: [] }, get('/api/budgets'), get(`/api/spend?scope=${enc(scope)}`)]);
    uses = spend.data;
    const mine = (list) => list.filter((x) => x.scope === scope);
    const useOf = (id) => uses.filter((u) => u.id === id);
    if (rates) {
      const rows = mine(limits.data);
      clear(limitsBox, rows.length ? h('table', { class: 'grid', 'aria-label': 'Rate limits' },
        h('thead', {}, h('tr', {}, ['Target', 'Requests / min', 'Tokens / min', 'Concurrent', 'Current use', ''].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows.map((l) => h('tr', {},
          h('td', {}, h('code', {}, l.target)), h('td', { class: 'num' }, fmtInt(l.requestsPerMinute)),
          h('td', { class: 'num' }, fmtInt(l.tokensPerMinute)), h('td', { class: 'num' }, fmtInt(l.concurrent)),
          h('td', {}, useList(useOf(l.id))),
          h('td', { class: 'actions' }, h('button', { type: 'button', class: 'secondary small', onclick: () => editLimit(l) }, 'Edit'),
            removeButton('rate limit', `/api/rate-limits/${enc(l.id)}`, l.target)))))) : h('p', { class: 'empty' }, 'No rate limits on this scope.'),
      h('button', { type: 'button', class: 'secondary', onclick: () => editLimit(null) }, 'Add rate limit'));
    }
    const rows = mine(budgets.data);
    clear(budgetsBox, rows.length ? h('table', { class: 'grid', 'aria-label': 'Budgets' },
      h('thead', {}, h('tr', {}, ['Target', 'Amount', 'Period', 'Kind', 'Thresholds', 'Current use', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((b) => h('tr', {},
        h('td', {}, h('code', {}, b.target)), h('td', { class: 'num' }, fmtCost(b.amountUsd)),
        h('td', {}, b.period === 'fixed' ? `${fmtTime(b.startsAt)} – ${fmtTime(b.endsAt)}` : `per ${b.period} (UTC)`),
        h('td', {}, b.hard ? h('span', { class: 'badge err' }, 'hard') : h('span', { class: 'badge muted' }, 'soft')),
        h('td', {}, b.thresholds.map((t) => `${t} %`).join(', ')),
        h('td', {}, useList(useOf(b.id))),
        h('td', { class: 'actions' }, h('button', { type: 'button', class: 'secondary small', onclick: () => editBudget(b) }, 'Edit'),
          removeButton('budget', `/api/budgets/${enc(b.id)}`, b.target)))))) : h('p', { class: 'empty' }, 'No budgets on this scope.'),
    h('button', { type: 'button', class: 'secondary', onclick: () => editBudget(null) }, 'Add budget'));
    paintChartForm();
  };

  const removeButton = (what, path, target) => h('button', { type: 'button', class: 'danger secondary small', 'aria-label': `Remove ${what} on ${target}`,
    onclick: async () => {
      if (!(await confirmDialog(`Remove this ${what}?`, `Requests on ${target} are no longer held to it.`, 'Remove'))) return;
      try { await del(path); toast(`The ${what} is removed`, 'ok'); await load(); } catch (e) { toast(e.message, 'error'); }
    } }, 'Remove');

  /** A create or edit form in formBox; `fields` are [label, control, hint]; `body()` builds the request. */
  const form = (title, fields, body, save) => {
    const summary = h('div', { class: 'alert error', hidden: true, tabindex: '-1' });
    const button = h('button', { type: 'submit' }, 'Save');
    // novalidate: the server checks every field and names each one at fault (the browser would stop at min="1")
    const f = h('form', { class: 'card', 'aria-label': title, novalidate: true }, h('h2', {}, title), summary,
      h('div', { class: 'row wrap' }, fields.map(([l, c, hint]) => field(l, c, hint))),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => clear(formBox) }, 'Cancel'), button));
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await busy(button, 'Saving…', () => save(body()));
        toast(`${title}: saved`, 'ok');
        clear(formBox);
        await load();
      } catch (err) { showErrors(f, err, summary); }
    });
    clear(formBox, f);
    f.querySelector('input, select').focus();
  };
  const num = (path, value) => h('input', { type: 'number', min: '1', step: '1', value: value ?? '', 'data-path': path });
  const target = (value) => h('input', { type: 'text', value: value ?? (scope === 'workspace' ? '*' : ''), 'data-path': 'target', placeholder: '*' });
  const whole = (input) => (input.value === '' ? undefined : Number(input.value));

  const editLimit = (l) => {
    const t = target(l && l.target), rpm = num('requestsPerMinute', l && l.requestsPerMinute),
      tpm = num('tokensPerMinute', l && l.tokensPerMinute), conc = num('concurrent', l && l.concurrent);
    form(l ? `Edit rate limit on ${l.target}` : `New rate limit: ${label}`,
      [['Target', t, TARGET_HINT[scope]], ['Requests per minute', rpm], ['Tokens per minute', tpm], ['Concurrent requests', conc]],
      () => ({ scope, target: t.value.trim() || undefined, requestsPerMinute: whole(rpm), tokensPerMinute: whole(tpm), concurrent: whole(conc) }),
      (b) => (l ? put(`/api/rate-limits/${enc(l.id)}`, b) : post('/api/rate-limits', b)));
  };

  const editBudget = (b) => {
    const t = target(b && b.target);
    const amount = h('input', { type: 'number', min: '0', step: 'any', value: b ? b.amountUsd : '', 'data-path': 'amountUsd' });
    const period = h('select', { 'data-path': 'period' }, options([['day', 'Per day (UTC)'], ['month', 'Per calendar month (UTC)'], ['fixed', 'Fixed period']], b ? b.period : 'month'));
    const startsAt = h('input', { type: 'datetime-local', value: b && b.startsAt ? b.startsAt.slice(0, 16) : '', 'data-path': 'startsAt' });
    const endsAt = h('input', { type: 'datetime-local', value: b && b.endsAt ? b.endsAt.slice(0, 16) : '', 'data-path': 'endsAt' });
    const kind = h('select', { 'data-path': 'hard' }, options([['hard', 'Hard: refuse when spent'], ['soft', 'Soft: only record']], b && !b.hard ? 'soft' : 'hard'));
    const thresholds = h('input', { type: 'text', value: (b ? b.thresholds : [50, 80, 100]).join(', '), 'data-path': 'thresholds' });
    const utc = (input) => (input.value ? `${input.value}:00Z` : undefined);
    form(b ? `Edit budget on ${b.target}` : `New budget: ${label}`,
      [['Target', t, TARGET_HINT[scope]], ['Amount (USD)', amount], ['Period', period], ['Starts (UTC)', startsAt, 'Fixed period only'],
        ['Ends (UTC)', endsAt, 'Fixed period only'], ['Kind', kind], ['Thresholds (%)', thresholds, 'Ascending percentages, shown in the panel and /metrics']],
      () => ({ scope, target: t.value.trim() || undefined, amountUsd: amount.value === '' ? undefined : amount.value, period: period.value,
        startsAt: utc(startsAt), endsAt: utc(endsAt), hard: kind.value === 'hard',
        thresholds: thresholds.value.trim() ? thresholds.value.split(',').map((x) => (/^\s*\d+\s*$/.test(x) ? Number(x) : x.trim())) : undefined }),
      (body) => (b ? put(`/api/budgets/${enc(b.id)}`, body) : post('/api/budgets', body)));
  };

  // the spend chart: the workspace, or one member of the scope (those with use listed first)
  const member = h('input', { type: 'text', list: 'spend-members', placeholder: scope === 'workspace' ? '*' : 'member' });
  const members = h('datalist', { id: 'spend-members' });
  const days = h('select', {}, options([['7', '7 days'], ['30', '30 days'], ['90', '90 days']], '30'));
  const show = h('button', { type: 'submit', class: 'secondary' }, 'Show spend');
  const chartForm = h('form', { class: 'filters', 'aria-label': 'Spend chart' },
    scope === 'workspace' ? null : field('Member', member), members, field('Days', days), h('div', { class: 'field end' }, show));
  const chartOut = h('div');
  clear(chartBox, chartForm, chartOut);
  const paintChartForm = () => {
    const seen = [...new Set(uses.map((u) => u.member))];
    clear(members, seen.map((m) => h('option', { value: m })));
    if (!member.value && seen.length) member.value = seen[0];
  };
  chartForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = new URLSearchParams({ scope, days: days.value });
    if (scope !== 'workspace') q.set('member', member.value.trim());
    try {
      const s = await busy(show, 'Loading…', () => get(`/api/spend/series?${q}`));
      const values = s.days.map((d) => Number(d.costUsd));
      const total = values.reduce((a, b) => a + b, 0);
      clear(chartOut, lineChart({ title: `Spend of ${s.member === '*' ? 'the workspace' : s.member}`, yLabel: 'US dollars', xLabel: 'Day (UTC)',
        times: s.days.map((d) => new Date(`${d.day}T00:00:00Z`)), series: [{ name: 'Spend', values }], format: fmtCost, timeLabel: utcDay,
        summary: `${fmtCost(total)} from ${s.from} to ${s.to} (UTC), ${fmtInt(s.days.reduce((a, d) => a + d.requests, 0))} requests.` }));
    } catch (err) { clear(chartOut, h('div', { class: 'alert error', role: 'alert' }, err.message)); }
  });

  await load();
  if (scope === 'workspace' || member.value) chartForm.requestSubmit();
}

/** Each member's use: "member: used of limit (what) · resets at", with a bar and the thresholds crossed. */
export function useList(list) {
  if (!list.length) return h('span', { class: 'hint' }, 'no use in this window');
  return h('ul', { class: 'plain' }, list.map((u) => {
    const money = u.what === 'budget';
    const f = money ? fmtCost : fmtInt;
    const crossed = (u.thresholds || []).filter((t) => t.crossed).map((t) => t.percent);
    const pct = Math.min(100, Math.round(u.usedRatio * 100));
    return h('li', {}, u.member === '*' ? null : [h('code', {}, u.member), ': '],
      `${f(u.used)} of ${f(u.limit)}${money ? '' : ` ${WHAT[u.what] || u.what}`}`,
      h('meter', { min: '0', max: '100', value: String(pct), 'aria-label': `${pct} % used`, title: `${pct} %` }),
      crossed.length ? h('span', { class: `badge ${crossed.includes(100) || pct >= 100 ? 'err' : 'warn'}` }, `${Math.max(...crossed)} % crossed`) : null,
      h('small', { class: 'hint' }, ` resets ${fmtTime(u.resetsAt)}`));
  }));
}
