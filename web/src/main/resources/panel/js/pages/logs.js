// Logs: the request log (GET /api/logs) with filters kept in the address (#/logs?deployment=x&status=error),
// newest first, "Load more" on the cursor, and a detail panel for one request (GET /api/logs/{id}, also #/logs/ID):
// context, rule and evaluation, every attempt, what each guardrail did, the messages and the answer, tokens and cost,
// metadata, the evaluators' scores, feedback. The list filters on an evaluator's score too (name, min, max, pass).
// Messages show their parts, tool calls and tool results (log-parts.js); the answer its tool calls and reasoning.
// A text the log cut (JUNCTION_LOG_BODY_MAX_KB) is shown as cut: its path, full size and SHA-256; a JSON part cut as
// a whole (context, inputs, messages...) arrives as the start of its JSON text and is shown as that text.
import { get, patch, enc } from '../api.js';
import { h, clear, field, options, busy } from '../dom.js';
import { fmtCost, fmtMs, fmtInt } from '../format.js';
import { messageView, toolCallTable } from './log-parts.js';
import { verdictTable } from './guardrails.js';

const STATUSES = ['success', 'error', 'truncated', 'cancelled', 'mocked'];
const RANGES = [['', 'Any time'], ['1h', 'Last hour'], ['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days'], ['custom', 'Custom (from – to)']];
const SPANS = { '1h': 3600_000, '24h': 86400_000, '7d': 7 * 86400_000, '30d': 30 * 86400_000 };

export async function renderLogs(view, [openId], app) {
  const q = app.query;
  const page = Math.min(500, Math.max(1, Number(q.get('limit')) || 50)); // rows per "Load more" (?limit=, 1 to 500)
  const deployments = (await get('/api/deployments')).data.map((d) => d.key).sort();
  const keys = (await get('/api/keys')).data.map((k) => [k.id, k.revokedAt ? `${k.name} (revoked)` : k.name]);
  const deployment = h('select', { name: 'deployment' }, h('option', { value: '' }, 'All deployments'), options(deployments, q.get('deployment') || ''));
  const variant = h('input', { type: 'text', name: 'variant', value: q.get('variant') || '', list: 'log-variants', placeholder: 'any (a, b for several)' });
  const variantList = h('datalist', { id: 'log-variants' });
  const evaluation = h('select', { name: 'evaluation' }, options([['', 'Any'], ['Matched', 'Matched (a rule)'], ['Default Matched', 'Default Matched']], q.get('evaluation') || ''));
  const source = h('select', { name: 'source' }, options([['', 'Any'], 'API', 'SDK', 'SIMULATOR'], q.get('source') || ''));
  const apiKey = h('select', { name: 'apiKey' }, options([['', 'Any'], ...keys], q.get('apiKey') || ''));
  const status = h('select', { name: 'status' }, options([['', 'Any'], ...STATUSES], q.get('status') || ''));
  const range = h('select', { name: 'range' }, options(RANGES, q.get('range') || (q.get('from') ? 'custom' : '')));
  const from = h('input', { type: 'datetime-local', name: 'from', value: q.get('from') || '' });
  const to = h('input', { type: 'datetime-local', name: 'to', value: q.get('to') || '' });
  const custom = h('div', { class: 'row custom-range' }, field('From', from), field('To', to));
  // an evaluator's score: its name, then optionally a range and a pass or fail (sent only with the name)
  const score = h('input', { type: 'text', name: 'score', value: q.get('score') || '', placeholder: 'evaluator name', size: 14 });
  const scoreMin = h('input', { type: 'number', name: 'scoreMin', step: 'any', value: q.get('scoreMin') || '', placeholder: 'any', class: 'narrow' });
  const scoreMax = h('input', { type: 'number', name: 'scoreMax', step: 'any', value: q.get('scoreMax') || '', placeholder: 'any', class: 'narrow' });
  const scorePassed = h('select', { name: 'scorePassed' }, options([['', 'Any'], ['true', 'Passed'], ['false', 'Failed']], q.get('scorePassed') || ''));
  const scoreParts = [scoreMin, scoreMax, scorePassed];
  const paintScore = () => { for (const c of scoreParts) c.disabled = !score.value.trim(); };
  const refresh = h('button', { type: 'submit', class: 'secondary' }, 'Refresh');
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter the logs' },
    field('Deployment', deployment), field('Variant', variant), variantList, field('Evaluation', evaluation), field('Source', source),
    field('API key', apiKey),
    field('Status', status), field('Time', range), custom,
    h('fieldset', { class: 'score-filter' }, h('legend', {}, 'Score'), field('Evaluator', score), field('Score at least', scoreMin),
      field('Score at most', scoreMax), field('Score result', scorePassed)),
    h('div', { class: 'field end' }, refresh));

  const body = h('tbody');
  const count = h('p', { class: 'meta', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  const error = h('div', { class: 'alert error', role: 'alert', hidden: true });
  const detail = h('aside', { class: 'log-detail card', 'aria-label': 'Request details', hidden: true, tabindex: '-1' });
  const cols = ['Time', 'Deployment', 'Variant', 'Evaluation', 'Status', 'Model', 'Latency', 'Tokens', 'Cost'];
  // with the detail open, the columns it repeats (deployment, tokens) make room for it
  const colClass = (i) => [i >= 6 ? 'num' : null, i === 1 || i === 7 ? 'opt' : null].filter(Boolean).join(' ') || null;
  const table = h('table', { class: 'grid logs' },
    h('caption', { class: 'sr-only' }, 'Requests, newest first; open one for its details'),
    h('thead', {}, h('tr', {}, cols.map((c, i) => h('th', { scope: 'col', class: colClass(i) }, c)))), body);
  const layout = h('div', { class: 'logs-layout' }, h('div', { class: 'logs-list' }, error, count, h('div', { class: 'grid-wrap' }, table), h('div', { class: 'actions start' }, more)), detail);

  view.append(h('div', { class: 'page-head' }, h('h1', {}, 'Logs')),
    h('p', { class: 'hint' }, 'Every request, newest first. Rows are written a moment after the answer: Refresh to see the latest. ',
      'Use ↑ and ↓ to move between requests, Enter to open one, Escape to close it.'),
    form, layout);

  const paintCustom = () => { custom.hidden = range.value !== 'custom'; };
  paintCustom();
  paintScore();

  async function fillVariants() {
    clear(variantList);
    if (!deployment.value) return;
    try {
      const spec = (await get(`/api/deployments/${enc(deployment.value)}/draft`)).spec;
      variantList.append(...spec.variants.map((v) => h('option', { value: v.key })));
    } catch { /* suggestions only */ }
  }

  function params() {
    const p = new URLSearchParams();
    const set = (k, v) => { if (v) p.set(k, v); };
    set('deployment', deployment.value);
    set('variant', variant.value.split(',').map((v) => v.trim()).filter(Boolean).join(','));
    set('evaluation', evaluation.value);
    set('source', source.value);
    set('apiKey', apiKey.value);
    set('status', status.value);
    if (score.value.trim()) {
      set('score', score.value.trim());
      set('scoreMin', scoreMin.value);
      set('scoreMax', scoreMax.value);
      set('scorePassed', scorePassed.value);
    }
    return p;
  }

  function timeParams(p) {
    if (SPANS[range.value]) p.set('from', new Date(Date.now() - SPANS[range.value]).toISOString());
    if (range.value === 'custom') {
      if (from.value) p.set('from', new Date(from.value).toISOString());
      if (to.value) p.set('to', new Date(to.value).toISOString());
    }
    return p;
  }

  function remember(id) {
    const p = params();
    if (range.value) p.set('range', range.value);
    if (range.value === 'custom') { if (from.value) p.set('from', from.value); if (to.value) p.set('to', to.value); }
    if (q.has('limit')) p.set('limit', page);
    const qs = p.toString();
    history.replaceState(null, '', `#/logs${id ? `/${enc(id)}` : ''}${qs ? `?${qs}` : ''}`);
  }

  let cursor = null, shown = 0, ticket = 0, openRow = null, openedId = null;

  async function load(append = false) {
    const mine = ++ticket;
    const p = timeParams(params());
    p.set('limit', page);
    if (append && cursor) p.set('cursor', cursor);
    remember(openedId);
    error.hidden = true;
    try {
      const answer = await busy(append ? more : refresh, 'Loading…', () => get(`/api/logs?${p}`));
      if (mine !== ticket) return;
      if (!append) { clear(body); shown = 0; }
      body.append(...answer.data.map(row));
      shown += answer.data.length;
      cursor = answer.next_cursor;
      more.hidden = !answer.has_more;
      count.textContent = shown ? `${shown} request${shown === 1 ? '' : 's'} shown${answer.has_more ? ', more to load' : ''}` : '';
      if (!shown) body.append(h('tr', {}, h('td', { colspan: cols.length, class: 'empty' }, 'No requests match these filters.')));
    } catch (e) {
      if (mine !== ticket) return;
      error.textContent = e.message;
      error.hidden = false;
    }
  }

  function row(r) {
    const when = new Date(r.createdAt);
    const open = h('button', { type: 'button', class: 'link', title: when.toLocaleString(),
      'aria-label': `Open request of ${when.toLocaleString()}, ${r.deployment} ${r.variant || ''}, ${r.status}`,
      onclick: () => show(r.id, tr) }, fmtWhen(when));
    const tr = h('tr', { dataset: { id: r.id }, class: r.id === openedId ? 'selected' : null },
      h('td', {}, open),
      h('td', { class: 'opt' }, r.deployment, r.version ? h('span', { class: 'hint' }, ` v${r.version}`) : null),
      h('td', {}, r.variant || '–'),
      h('td', {}, r.evaluation || '–', r.rule ? h('span', { class: 'hint' }, ` (${r.rule})`) : null),
      h('td', {}, statusBadge(r.status)),
      h('td', {}, r.model ? `${r.provider}/${r.model}` : '–'),
      h('td', { class: 'num' }, fmtMs(r.latencyMs)),
      h('td', { class: 'num opt' }, fmtInt(r.tokens?.total)),
      h('td', { class: 'num' }, fmtCost(r.costUsd), r.cache?.status === 'hit' ? h('span', { class: 'badge muted', title: `cache hit: saved ${fmtCost(r.cache.savedUsd)}` }, ' cache hit') : null));
    if (r.id === openedId) openRow = tr;
    return tr;
  }

  // ↑/↓ between the rows' buttons
  body.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...body.querySelectorAll('button.link')];
    const i = buttons.indexOf(document.activeElement);
    if (i < 0) return;
    const next = buttons[i + (e.key === 'ArrowDown' ? 1 : -1)];
    if (next) { e.preventDefault(); next.focus(); }
  });

  async function show(id, tr) {
    body.querySelectorAll('tr.selected').forEach((x) => x.classList.remove('selected'));
    openRow = tr || null;
    if (tr) tr.classList.add('selected');
    openedId = id;
    remember(id);
    detail.hidden = false;
    layout.classList.add('with-detail');
    clear(detail, h('p', {}, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' Loading the request…'));
    try {
      const d = await get(`/api/logs/${enc(id)}`);
      if (openedId !== id) return;
      clear(detail, ...detailView(d, closeDetail));
    } catch (e) {
      clear(detail, h('div', { class: 'alert error', role: 'alert' }, e.message),
        h('button', { type: 'button', class: 'secondary', onclick: closeDetail }, 'Close'));
    }
    detail.focus({ preventScroll: true });
    if (detail.getBoundingClientRect().top < 0) detail.scrollIntoView({ block: 'start' });
  }

  function closeDetail() {
    openedId = null;
    detail.hidden = true;
    layout.classList.remove('with-detail');
    body.querySelectorAll('tr.selected').forEach((x) => x.classList.remove('selected'));
    remember(null);
    const back = openRow && openRow.isConnected ? openRow.querySelector('button.link') : null;
    openRow = null;
    if (back) back.focus();
  }
  detail.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); closeDetail(); } });

  form.addEventListener('submit', (e) => { e.preventDefault(); load(); });
  for (const c of [evaluation, source, apiKey, status, from, to, ...scoreParts]) c.addEventListener('change', () => load());
  score.addEventListener('input', paintScore);
  score.addEventListener('change', () => load());
  deployment.addEventListener('change', () => { fillVariants(); load(); });
  variant.addEventListener('change', () => load());
  range.addEventListener('change', () => { paintCustom(); load(); });
  more.addEventListener('click', () => load(true));

  fillVariants();
  if (openId) openedId = openId;
  await load();
  if (openId) await show(openId, openRow);
}

const SHORT = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const CLOCK = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
/** Today: the time of day; before: the day and the time (local time; the full date is the button's title). */
const fmtWhen = (d) => (d.toDateString() === new Date().toDateString() ? CLOCK : SHORT).format(d);

function statusBadge(status) {
  const kind = status === 'success' ? 'ok' : status === 'mocked' ? '' : status === 'cancelled' ? 'warn' : 'err';
  return h('span', { class: `badge ${kind}` }, status);
}

const json = (v) => JSON.stringify(v, null, 2);
const isEmpty = (v) => v === null || v === undefined || (typeof v === 'object' && !Object.keys(v).length);

function dl(pairs) {
  return h('dl', { class: 'kv' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/** The detail panel's content for one request (the answer of GET /api/logs/{id}). */
function detailView(d, close) {
  const t = d.tokens || {};
  const cuts = Object.entries(d.truncated || {});
  const cutWhole = (v) => (typeof v === 'string' ? h('pre', { class: 'text' }, `${v}…`) : null);
  const attempts = Array.isArray(d.attempts) ? d.attempts : [];
  const messages = Array.isArray(d.messages) ? d.messages : [];
  const req = d.request || {};
  const identity = d.identityId || req.identity?.id || (req.identity ? json(req.identity) : null);
  const section = (title, ...content) => h('section', {}, h('h3', {}, title), ...content);
  // without the bodies permission the gateway leaves the prompt and answer out of the answer
  const bodiesHidden = d.bodiesHidden === true || !('messages' in d);
  return [
    h('div', { class: 'section-head' }, h('h2', {}, 'Request ', h('code', {}, d.id.slice(0, 8))),
      h('button', { type: 'button', class: 'icon', 'aria-label': 'Close the details', onclick: close }, '×')),
    dl([
      ['Time', new Date(d.createdAt).toLocaleString()],
      ['Deployment', h('a', { href: `#/deployments/${enc(d.deployment)}` }, d.deployment), d.version ? ` v${d.version}` : ''],
      ['Variant', d.variant],
      ['Evaluation', d.evaluation],
      ['Rule', d.rule || (d.evaluation === 'Default Matched' ? '(the default variant)' : null)],
      ['Status', [statusBadge(d.status), d.httpStatus ? ` HTTP ${d.httpStatus}` : '', d.finishReason ? ` · finish: ${d.finishReason}` : '']],
      ['Error', d.error],
      ['Source', d.source],
      ['API key', d.apiKey ? [d.apiKey.name || '(unknown key)', ' ', h('code', { class: 'hint' }, d.apiKey.id.slice(0, 8))] : null],
      ['Model', d.model ? `${d.provider}/${d.model}` : null],
      ['Latency', [fmtMs(d.latencyMs), d.ttftMs !== null && d.ttftMs !== undefined ? ` · first token ${fmtMs(d.ttftMs)}` : '']],
      ['Identity', identity],
      ['Thread', d.threadId || req.thread?.id],
      ['Id', h('code', {}, d.id)],
    ].map(([k, ...v]) => [k, v.some((x) => x !== null && x !== undefined && x !== '') ? h('span', {}, v) : null])),
    cuts.length ? h('div', { class: 'alert warn', role: 'note' }, h('p', {}, 'Cut in the log (only the start of each is kept):'),
      h('ul', {}, cuts.map(([path, c]) => h('li', {}, h('code', {}, path), ` ${fmtInt(c.bytes)} bytes in full, SHA-256 `, h('code', { class: 'hash' }, c.sha256))))) : null,
    section('Context', cutWhole(d.context) || (isEmpty(d.context) ? h('p', { class: 'empty' }, 'No context.') : dl(Object.entries(d.context).map(([k, v]) => [k, h('code', {}, json(v))])))),
    isEmpty(d.inputs) ? null : section('Inputs', cutWhole(d.inputs) || dl(Object.entries(d.inputs).map(([k, v]) => [k, typeof v === 'string' ? v : h('code', {}, json(v))]))),
    section(`Attempts (${attempts.length})`, cutWhole(d.attempts) || (attempts.length ? h('div', { class: 'grid-wrap' }, h('table', { class: 'grid compact attempts' },
      h('thead', {}, h('tr', {}, ['#', 'Model', 'Status', 'Error', 'Latency', 'Tokens', 'Cost', 'Next'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, attempts.map((a, i) => h('tr', { class: a.success ? 'attempt-ok' : 'attempt-failed' },
        h('td', {}, `${i + 1}`, h('span', { class: 'hint' }, ` ${a.option || ''}${a.number > 1 ? ` try ${a.number}` : ''}`)),
        h('td', {}, `${a.provider}/${a.model}`),
        h('td', {}, a.success ? 'ok' : 'failed', a.upstreamStatus ? ` (${a.upstreamStatus})` : ''),
        h('td', {}, [a.reason, a.error].filter(Boolean).join(': ') || '–'),
        h('td', { class: 'num' }, fmtMs(a.latencyMicros / 1000)),
        h('td', { class: 'num' }, a.promptTokens === undefined && a.completionTokens === undefined ? '–' : `${fmtInt(a.promptTokens ?? 0)} + ${fmtInt(a.completionTokens ?? 0)}`,
          a.reasoningTokens ? h('span', { class: 'hint' }, ` (${fmtInt(a.reasoningTokens)} reasoning)`) : null,
          a.toolCalls ? h('span', { class: 'hint' }, ` · ${a.toolCalls.length} tool call${a.toolCalls.length === 1 ? '' : 's'}`) : null),
        h('td', { class: 'num' }, fmtCost(a.costUsd)),
        h('td', {}, a.next || 'none')))))) : h('p', { class: 'empty' }, 'No model was called.'))),
    Array.isArray(d.guardrails) && d.guardrails.length ? section('Guardrails', verdictTable(d.guardrails, 'What each guardrail did')) : null,
    bodiesHidden ? section('Messages and answer', h('p', { class: 'bodies-hidden' }, 'Bodies hidden (needs the bodies permission).')) : [
      section('Messages sent', cutWhole(d.messages) || (messages.length ? h('ol', { class: 'messages' }, messages.map(messageView))
        : h('p', { class: 'empty' }, 'Not recorded.'))),
      section('Answer', ...answerView(d))],
    section('Tokens and cost', dl([
      ['Prompt', fmtInt(t.prompt)], ['Completion', fmtInt(t.completion)],
      ['Reasoning', t.reasoning ? `${fmtInt(t.reasoning)} (within completion)` : null],
      ['Cached', t.cached ? `${fmtInt(t.cached)} (within prompt, read from the provider's prompt cache)` : fmtInt(t.cached)],
      ['Cache write', t.cacheWrite ? `${fmtInt(t.cacheWrite)} (within prompt, written to the prompt cache)` : null],
      ['Cache saved', d.promptCacheSavedUsd !== null && d.promptCacheSavedUsd !== undefined ? fmtCost(d.promptCacheSavedUsd) : null],
      ['Total', fmtInt(t.total)],
      ['Cost', `${fmtCost(d.costUsd)}${d.priceSource ? ` (prices: ${d.priceSource})` : ''}`],
    ])),
    d.cache ? section('Response cache', dl([
      ['Cache', d.cache.status],
      ['Saved', d.cache.status === 'hit' ? fmtCost(d.cache.savedUsd) : null],
      ['Entry age', d.cache.status === 'hit' ? fmtMs(d.cache.ageMs) : null],
    ])) : null,
    section('Metadata', ...(cutWhole(d.metadata) ? [cutWhole(d.metadata)] : metadataEditor(d))),
    typeof d.request === 'string' ? section('Request options', cutWhole(d.request)) : isEmpty(req.extra_params) && isEmpty(req.invoke_options) ? null
      : section('Request options', h('pre', { class: 'code' }, json({ extra_params: req.extra_params, invoke_options: req.invoke_options }))),
    Array.isArray(d.scores) && d.scores.length ? section('Scores', scoreTable(d.scores, bodiesHidden)) : null,
    section('Feedback', Array.isArray(d.feedback) && d.feedback.length
      ? dl(d.feedback.map((f) => [f.property, `${Array.isArray(f.value) ? f.value.join(', ') : f.value}${f.product ? ` (${f.product})` : ''}`]))
      : h('p', { class: 'empty' }, 'No feedback yet.')),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: close }, 'Close')),
  ];
}

/** The evaluators' scores of the request (written a moment after it: reopen to see later ones). */
function scoreTable(scores, hidden) {
  return h('div', { class: 'grid-wrap' }, h('table', { class: 'grid compact scores' },
    h('caption', { class: 'sr-only' }, 'Scores of the evaluators'),
    h('thead', {}, h('tr', {}, ['Evaluator', 'Kind', 'Score', 'Result', 'Reason', 'When'].map((c, i) => h('th', { scope: 'col', class: i === 2 ? 'num' : null }, c)))),
    h('tbody', {}, scores.map((s) => h('tr', {},
      h('td', {}, h('code', {}, s.name)), h('td', {}, s.kind),
      h('td', { class: 'num' }, s.value === null || s.value === undefined ? '–' : String(+Number(s.value).toPrecision(4))),
      h('td', { class: s.passed === false ? 'result-fail' : null }, s.passed === true ? 'pass' : s.passed === false ? 'fail' : '–'),
      h('td', {}, s.reason || (hidden ? h('span', { class: 'hint' }, 'hidden (needs the bodies permission)') : '–')),
      h('td', {}, s.createdAt ? new Date(s.createdAt).toLocaleString() : ''))))));
}

/** The answer: its text, the tool calls it asked for (rows) and its reasoning (text when the log kept it). */
function answerView(d) {
  const calls = Array.isArray(d.toolCalls) ? d.toolCalls : [];
  const out = [];
  if (d.answer) out.push(h('pre', { class: 'text answer' }, d.answer, d.truncated?.answer ? '…' : ''));
  if (calls.length) out.push(h('h4', {}, `Tool calls (${calls.length})`), toolCallTable(calls, 'Tool calls of the answer'));
  if (d.reasoning || d.tokens?.reasoning) {
    out.push(h('h4', {}, 'Reasoning', d.tokens?.reasoning ? h('span', { class: 'hint' }, ` ${fmtInt(d.tokens.reasoning)} tokens`) : null),
      d.reasoning ? h('pre', { class: 'text reasoning' }, d.reasoning) : h('p', { class: 'hint' }, 'The text is not kept (bodies are not logged).'));
  }
  if (!out.length) out.push(h('p', { class: 'empty' }, 'No answer.'));
  return out;
}

/**
 * The request's metadata, and a form to set a key (added or replaced, as text) or remove one: PATCH
 * /api/logs/{id}/metadata, whose answer (the merged metadata) is what is shown next.
 */
function metadataEditor(d) {
  let metadata = d.metadata || {};
  const list = h('div', {});
  const problem = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const key = h('input', { type: 'text', autocomplete: 'off', maxlength: 200 });
  const value = h('input', { type: 'text', autocomplete: 'off' });
  const set = h('button', { type: 'submit', class: 'secondary' }, 'Set');
  const paint = () => clear(list, isEmpty(metadata) ? h('p', { class: 'empty' }, 'None.')
    : h('dl', { class: 'kv' }, Object.entries(metadata).map(([k, v]) => [h('dt', {}, k), h('dd', {},
      typeof v === 'string' ? v : json(v), ' ',
      h('button', { type: 'button', class: 'link', 'data-needs': 'edit', 'aria-label': `Remove the metadata ${k}`, onclick: (e) => change({ [k]: null }, e.currentTarget) }, 'Remove'))])));
  async function change(changes, button) {
    problem.hidden = true;
    try {
      const answer = await busy(button, 'Saving…', () => patch(`/api/logs/${enc(d.id)}/metadata`, changes));
      metadata = answer.metadata || {};
      paint();
      return true;
    } catch (e) {
      problem.textContent = e.message;
      problem.hidden = false;
      return false;
    }
  }
  const form = h('form', { class: 'inline', 'aria-label': 'Set metadata', 'data-needs': 'edit' },
    field('Metadata key', key), field('Metadata value', value), set);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const k = key.value.trim();
    if (!k) {
      problem.textContent = 'Give the metadata a key.';
      problem.hidden = false;
      key.focus();
      return;
    }
    if (await change({ [k]: value.value }, set)) {
      key.value = '';
      value.value = '';
      key.focus();
    }
  });
  paint();
  return [list, form, problem];
}
