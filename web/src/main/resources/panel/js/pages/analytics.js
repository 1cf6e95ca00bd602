// Analytics of one deployment: a time window, hour or day buckets, all variants or one; totals cards, a table per
// variant, the evaluators' scores per variant, and charts of requests, cost, P95/P99 latency and error rate
// (GET /api/deployments/{key}/analytics); then its experiments (experiments.js, ?show=experiments scrolls to them).
// The choices live in the address (#/analytics/KEY?window=7d&bucket=hour&variant=premium) so a view can be shared.
import { get, enc } from '../api.js';
import { h, clear, field, options, busy } from '../dom.js';
import { lineChart, COLORS } from '../chart.js';
import { fmtCost, fmtMs, fmtInt, fmtPct, utcHour, utcDay } from '../format.js';
import { experimentsSection } from './experiments.js';

const WINDOWS = [['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days'], ['custom', 'Custom (from – to)']];
const HOUR = 3600_000, DAY = 24 * HOUR;

export async function renderAnalytics(view, [key], app) {
  const q = app.query;
  const deployments = (await get('/api/deployments')).data.map((d) => d.key).sort();
  if (!key) key = sessionStorage.getItem('junction.analytics') || deployments[0];
  view.append(h('div', { class: 'page-head' }, h('h1', {}, 'Analytics')));
  if (!key) {
    view.append(h('p', { class: 'empty' }, 'No deployments yet.'));
    return;
  }
  sessionStorage.setItem('junction.analytics', key);

  const deployment = h('select', {}, options(deployments, key));
  const win = h('select', {}, options(WINDOWS, q.get('window') || '30d'));
  const today = new Date().toISOString().slice(0, 10);
  const from = h('input', { type: 'date', value: q.get('from') || new Date(Date.now() - 7 * DAY).toISOString().slice(0, 10), max: today });
  const to = h('input', { type: 'date', value: q.get('to') || today, max: today });
  const custom = h('div', { class: 'row custom-range' }, field('From (UTC)', from), field('To (UTC, inclusive)', to));
  const bucket = h('select', {}, options([['hour', 'Hour'], ['day', 'Day']], q.get('bucket') || (win.value === '24h' ? 'hour' : 'day')));
  const variant = h('select', {}, h('option', { value: '' }, 'All variants'));
  const refresh = h('button', { type: 'submit', class: 'secondary' }, 'Refresh');
  const out = h('div', { class: 'analytics', 'aria-live': 'polite', 'aria-busy': 'false' });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Analytics window' },
    field('Deployment', deployment), field('Window', win), custom, field('Bucket', bucket), field('Variant', variant),
    h('div', { class: 'field end' }, refresh));
  view.append(
    h('p', { class: 'hint' }, 'Requests, errors, cost, tokens and latency of ', h('a', { href: `#/deployments/${enc(key)}` }, key),
      ' over time, in UTC ', ' · ', h('a', { href: `#/logs?deployment=${enc(key)}` }, 'its logs')),
    form, out,
    experimentsSection(key, (box) => { if (q.get('show') === 'experiments' && box.isConnected) box.scrollIntoView({ block: 'start' }); }));

  let variants = [];
  try {
    variants = (await get(`/api/deployments/${enc(key)}/draft`)).spec.variants.map((v) => v.key);
  } catch { /* the report's groups still list the variants with traffic */ }

  const paintCustom = () => { custom.hidden = win.value !== 'custom'; };
  paintCustom();

  function window_() {
    if (win.value === 'custom') {
      const f = new Date(`${from.value}T00:00:00Z`), t = new Date(new Date(`${to.value}T00:00:00Z`).getTime() + DAY);
      return { from: f, to: t };
    }
    const t = new Date();
    return { from: new Date(t.getTime() - { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY }[win.value]), to: t };
  }

  function remember() {
    const p = new URLSearchParams();
    if (win.value !== '30d') p.set('window', win.value);
    if (win.value === 'custom') { p.set('from', from.value); p.set('to', to.value); }
    p.set('bucket', bucket.value);
    if (variant.value) p.set('variant', variant.value);
    history.replaceState(null, '', `#/analytics/${enc(deployment.value)}?${p}`);
  }

  let ticket = 0;
  async function load() {
    const mine = ++ticket;
    const { from: f, to: t } = window_();
    if (!(f < t)) {
      clear(out, h('div', { class: 'alert error', role: 'alert' }, 'The window must end after it starts.'));
      return;
    }
    remember();
    out.setAttribute('aria-busy', 'true');
    try {
      const report = await busy(refresh, 'Loading…', () => get(`/api/deployments/${enc(key)}/analytics?${new URLSearchParams({
        from: f.toISOString(), to: t.toISOString(), bucket: bucket.value, groupBy: 'variant' })}`));
      if (mine !== ticket) return;
      const chosen = variant.value;
      const names = [...new Set([...variants, ...report.groups.map((g) => g.variant), chosen].filter(Boolean))];
      clear(variant, h('option', { value: '' }, 'All variants'), options(names, chosen));
      paint(out, report, chosen);
    } catch (e) {
      clear(out, h('div', { class: 'alert error', role: 'alert' }, e.message));
    } finally {
      out.setAttribute('aria-busy', 'false');
    }
  }

  deployment.addEventListener('change', () => {
    sessionStorage.setItem('junction.analytics', deployment.value);
    location.hash = `#/analytics/${enc(deployment.value)}`;
  });
  win.addEventListener('change', () => { paintCustom(); bucket.value = win.value === '24h' ? 'hour' : 'day'; load(); });
  for (const c of [from, to, bucket, variant]) c.addEventListener('change', load);
  form.addEventListener('submit', (e) => { e.preventDefault(); load(); });
  if (q.get('variant')) variant.append(h('option', { value: q.get('variant'), selected: true }, q.get('variant')));
  await load();
}

function paint(out, report, chosen) {
  const group = chosen ? report.groups.find((g) => g.variant === chosen) : null;
  const scope = chosen ? (group || empty()) : report.totals;
  const exact = report.percentiles === 'exact';
  const step = report.bucket === 'hour' ? HOUR : DAY;
  const times = buckets(new Date(report.from), new Date(report.to), step);
  const label = report.bucket === 'hour' ? utcHour : utcDay;
  const at = (series, pick) => {
    const byStart = new Map(series.map((p) => [new Date(p.start).getTime(), p]));
    return times.map((t) => { const p = byStart.get(t.getTime()); return p ? pick(p) : null; });
  };
  const series = chosen ? (group ? group.series : []) : report.series;
  const zero = (vals) => vals.map((v) => v ?? 0);
  const what = chosen ? `variant ${chosen}` : 'all variants';
  const peak = (vals, fmt) => {
    let best = -1;
    vals.forEach((v, i) => { if (v !== null && (best < 0 || v > vals[best])) best = i; });
    return best < 0 || !vals[best] ? 'none' : `${fmt(vals[best])} (${label(times[best])})`;
  };

  const requests = zero(at(series, (p) => p.requests));
  const reqSeries = [{ name: chosen || 'All variants', values: requests }];
  if (!chosen && report.groups.length > 1) {
    report.groups.forEach((g, k) => reqSeries.push({ name: g.variant, values: zero(at(g.series, (p) => p.requests)), color: COLORS[(k + 1) % COLORS.length], dashed: true }));
  }
  const cost = zero(at(series, (p) => Number(p.costUsd || 0)));
  const p95 = at(series, (p) => p.latencyMs.p95), p99 = at(series, (p) => p.latencyMs.p99);
  const errors = at(series, (p) => (p.requests ? p.errorRate * 100 : null));
  const x = report.bucket === 'hour' ? 'Hour (UTC)' : 'Day (UTC)';

  clear(out,
    h('p', { class: 'meta window-line' }, `${utcHour(new Date(report.from))} to ${utcHour(new Date(report.to))} UTC, by ${report.bucket}, ${what}. `,
      h('span', { class: exact ? 'badge ok' : 'badge warn' }, exact ? 'Percentiles exact' : 'Percentiles from hourly histograms'),
      ' ', h('span', { class: 'hint' }, exact ? 'computed from the logged requests' : 'each within 4.9 % of the true value; counts, cost and tokens stay exact')),
    h('section', { 'aria-label': 'Totals', class: 'cards' }, cards(scope)),
    h('section', { class: 'charts', 'aria-label': 'Charts' },
      lineChart({ title: 'Requests', yLabel: 'requests', xLabel: x, times, series: reqSeries, format: fmtInt, timeLabel: label,
        summary: `${fmtInt(scope.requests)} requests for ${what}; busiest ${report.bucket}: ${peak(requests, fmtInt)}.` }),
      lineChart({ title: 'Cost', yLabel: 'US dollars', xLabel: x, times, series: [{ name: 'Cost', values: cost }], format: fmtCost, timeLabel: label,
        summary: `${fmtCost(scope.costUsd)} in total for ${what}; highest ${report.bucket}: ${peak(cost, fmtCost)}.` }),
      lineChart({ title: 'Latency P95 and P99', yLabel: 'milliseconds', xLabel: x, times,
        series: [{ name: 'P95', values: p95 }, { name: 'P99', values: p99, dashed: true }], format: fmtMs, timeLabel: label,
        summary: `Over the window: P95 ${fmtMs(scope.latencyMs.p95)}, P99 ${fmtMs(scope.latencyMs.p99)}; slowest ${report.bucket} at P99: ${peak(p99, fmtMs)}.` }),
      lineChart({ title: 'Error rate', yLabel: 'percent of requests', xLabel: x, times, series: [{ name: 'Error rate', values: errors }],
        format: (v) => `${+v.toFixed(1)} %`, timeLabel: label,
        summary: `${fmtPct(scope.errorRate)} of requests failed (${fmtInt(scope.errors)} of ${fmtInt(scope.requests)}); worst ${report.bucket}: ${peak(errors, (v) => `${+v.toFixed(1)} %`)}.` })),
    h('section', { class: 'card' }, h('h2', {}, 'Per variant'), variantTable(report)),
    scoresCard(report, chosen));
}

/** The evaluators' scores per variant (and over all variants) in the window; nothing when no answer was scored. */
function scoresCard(report, chosen) {
  const groups = report.groups.filter((g) => !chosen || g.variant === chosen);
  const rows = [...groups.flatMap((g) => (g.scores || []).map((s) => [g.variant, s])),
    ...(!chosen && groups.length > 1 ? (report.scores || []).map((s) => ['All variants', s]) : [])];
  if (!rows.length) return null;
  return h('section', { class: 'card', 'aria-label': 'Scores' }, h('h2', {}, 'Scores'),
    h('p', { class: 'hint' }, 'What the evaluators scored in this window: 1 is a pass and 0 a fail, a judge gives its own score.'),
    h('div', { class: 'grid-wrap' }, h('table', { class: 'grid scores' },
      h('caption', { class: 'sr-only' }, 'Evaluator scores per variant'),
      h('thead', {}, h('tr', {}, ['Variant', 'Evaluator', 'Scored', 'Mean', 'Passed', 'Failed', 'Pass rate']
        .map((c, i) => h('th', { scope: 'col', class: i > 1 ? 'num' : null }, c)))),
      h('tbody', {}, rows.map(([variant, s]) => h('tr', {}, h('th', { scope: 'row' }, variant), h('td', {}, s.name),
        [fmtInt(s.n), s.n ? String(+Number(s.mean).toPrecision(3)) : '–', fmtInt(s.passed), fmtInt(s.failed), fmtPct(s.passedRate)]
          .map((v) => h('td', { class: 'num' }, v))))))));
}

function empty() {
  return { requests: 0, errors: 0, errorRate: null, costUsd: 0, costPerRequestUsd: null, tokens: { prompt: 0, completion: 0, cached: 0, cacheWrite: 0, total: 0 }, promptCacheSavedUsd: 0,
    latencyMs: { avg: null, p50: null, p95: null, p99: null }, ttftMs: { p95: null }, cache: { hits: 0, hitRate: null, savedUsd: 0 } };
}

function cards(m) {
  const card = (title, value, sub) => h('div', { class: 'stat card' }, h('h2', {}, title), h('p', { class: 'value' }, value), sub ? h('p', { class: 'hint' }, sub) : null);
  return [
    card('Requests', fmtInt(m.requests), `${fmtInt(m.errors)} errors`),
    card('Error rate', fmtPct(m.errorRate)),
    card('Cost', fmtCost(m.costUsd), `${fmtCost(m.costPerRequestUsd)} per request`),
    card('Tokens', fmtInt(m.tokens.total), `${fmtInt(m.tokens.prompt)} prompt · ${fmtInt(m.tokens.completion)} completion · ${fmtInt(m.tokens.cached)} cached`),
    card('Prompt cache', `${fmtInt(m.tokens.cached)} cached`, `saved ${fmtCost(m.promptCacheSavedUsd)} · ${fmtInt(m.tokens.cacheWrite)} tokens written`),
    card('Latency P50 / P95 / P99', `${fmtMs(m.latencyMs.p50)} / ${fmtMs(m.latencyMs.p95)} / ${fmtMs(m.latencyMs.p99)}`, `average ${fmtMs(m.latencyMs.avg)}`),
    card('Time to first token P95', fmtMs(m.ttftMs.p95), 'streams only'),
    card('Response cache', `${fmtPct(m.cache?.hitRate)} hits`, `${fmtInt(m.cache?.hits ?? 0)} hits saved ${fmtCost(m.cache?.savedUsd ?? 0)}`),
  ];
}

function variantTable(report) {
  if (!report.groups.length) return h('p', { class: 'empty' }, 'No requests in this window.');
  const cols = ['Variant', 'Requests', 'Error rate', 'Cost', 'Cost / request', 'Tokens', 'Cached tokens', 'Prompt cache saved', 'P50', 'P95', 'P99', 'TTFT P95', 'Cache hit rate', 'Response cache saved'];
  return h('div', { class: 'grid-wrap' }, h('table', { class: 'grid per-variant' },
    h('caption', { class: 'sr-only' }, `Totals per variant; percentiles ${report.percentiles === 'exact' ? 'exact' : 'from hourly histograms'}`),
    h('thead', {}, h('tr', {}, cols.map((c, i) => h('th', { scope: 'col', class: i ? 'num' : null }, c)))),
    h('tbody', {}, report.groups.map((g) => h('tr', {},
      h('th', { scope: 'row' }, g.variant),
      [fmtInt(g.requests), fmtPct(g.errorRate), fmtCost(g.costUsd), fmtCost(g.costPerRequestUsd), fmtInt(g.tokens.total),
        fmtInt(g.tokens.cached), fmtCost(g.promptCacheSavedUsd), fmtMs(g.latencyMs.p50), fmtMs(g.latencyMs.p95), fmtMs(g.latencyMs.p99), fmtMs(g.ttftMs.p95),
        fmtPct(g.cache?.hitRate), fmtCost(g.cache?.savedUsd)].map((v) => h('td', { class: 'num' }, v)))))));
}

/** Every bucket start in [from, to), aligned on UTC hours or days. */
function buckets(from, to, step) {
  const out = [];
  for (let t = Math.floor(from.getTime() / step) * step; t < to.getTime(); t += step) out.push(new Date(t));
  return out;
}
