// Simulator and tests: type a context, see which row matched and why, and with a sample message and/or answer what
// each guardrail of the row and variant reached does to them; keep it as a test case; run all tests; replay recent
// traffic against the draft.
import { post, enc } from '../api.js';
import { h, clear, field, options, busy, showErrors, toast } from '../dom.js';
import { REQUEST_FIELDS, spendFieldsUsed } from '../request-fields.js';
import { verdictTable } from './guardrails.js';

export function renderSimulator(panel, ctx) {
  const spec = ctx.spec;
  // the spend fields only when the table reads them (there are fifteen); others go in "More context fields"
  const schema = [...(spec.contextSchema || []), ...REQUEST_FIELDS, ...spendFieldsUsed(spec)];
  const inputs = schema.map((f) => {
    const input = f.type === 'boolean'
      ? h('select', { 'data-path': `context.${f.name}` }, options([['', '(absent)'], ['true', 'true'], ['false', 'false']], ''))
      : h('input', { type: 'text', 'data-path': `context.${f.name}`, placeholder: f.type === 'list' ? 'a, b' : f.type === 'date' ? '2026-11-22' : '(absent)' });
    return [f, input];
  });
  const extra = h('textarea', { rows: 2, placeholder: '{"other_field": "value"}', 'data-path': 'context' });
  const sampleText = h('textarea', { rows: 2, 'data-path': 'text', placeholder: 'e.g. My email is ana@example.org, where is my order?' });
  const sampleAnswer = h('textarea', { rows: 2, 'data-path': 'answer', placeholder: 'e.g. Your order left our warehouse today.' });
  const version = h('select', {}, options([['draft', 'the draft'], ['active', 'the live version']], 'draft'));
  const simulate = h('button', { type: 'submit' }, 'Simulate');
  const result = h('div', { class: 'sim-result', 'aria-live': 'polite' });
  const summary = h('div', { class: 'alert error', hidden: true, tabindex: '-1' });
  const form = h('form', { class: 'card' }, h('h2', {}, 'Simulator'),
    h('p', { class: 'hint' }, 'Type a context: see which rule picks which variant, and why. No model is called (only the judges and services '
      + 'your guardrails name, when you give a sample message or answer). '
      + 'Spend fields the table reads (spend.*, budget.*) take the values you give here; left empty, they are absent.'),
    summary,
    h('div', { class: 'row wrap' }, inputs.map(([f, input]) => field(`${f.name} (${f.type || 'string'})`, input, f.description))),
    field('More context fields (JSON object, optional)', extra),
    h('div', { class: 'row' }, field('Sample message', sampleText, 'What a user sends: the input guardrails check it (optional)'),
      field('Sample answer', sampleAnswer, 'What a model answers: the output guardrails check it (optional)')),
    h('div', { class: 'row' }, field('Route with', version), h('div', { class: 'field end' }, simulate)),
    result);

  const context = () => {
    const out = extra.value.trim() ? JSON.parse(extra.value) : {};
    for (const [f, input] of inputs) {
      const v = input.value.trim();
      if (v === '') continue;
      if (f.type === 'number' && !Number.isNaN(Number(v))) out[f.name] = Number(v);
      else if (f.type === 'boolean') out[f.name] = v === 'true';
      else if (f.type === 'list') out[f.name] = v.split(',').map((s) => s.trim()).filter(Boolean);
      else out[f.name] = v;
    }
    return out;
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    let c;
    try { c = context(); } catch { showErrors(form, { message: 'invalid', errors: [{ path: 'context', message: 'not a JSON object' }] }, summary); return; }
    if (version.value === 'draft' && !(await ctx.saveIfDirty())) return;
    try {
      const samples = {};
      if (sampleText.value.trim()) samples.text = sampleText.value;
      if (sampleAnswer.value.trim()) samples.answer = sampleAnswer.value;
      const answer = await busy(simulate, 'Simulating…', () => post(`/api/deployments/${enc(ctx.key)}/simulate`, { context: c, version: version.value, ...samples }));
      summary.hidden = true;
      showResult(answer, c, samples);
    } catch (err) {
      showErrors(form, err, summary);
    }
  });

  function showResult(answer, c, samples) {
    const g = answer.guardrails;
    // a test case checks the input guardrails on its text: kept with what they said when no answer was given
    const guarded = g && samples.text !== undefined && samples.answer === undefined;
    const name = h('input', { type: 'text', value: describe(c, answer, guarded ? g.outcome : null) });
    const keep = h('button', { type: 'button', onclick: async () => {
      spec.tests = spec.tests || [];
      spec.tests.push({ name: name.value.trim() || describe(c, answer), context: c, expectVariant: answer.variant, expectRule: answer.rule || 'default',
        ...(guarded ? { text: samples.text, expect: g.outcome } : {}) });
      ctx.markDirty();
      if (await busy(keep, 'Saving…', () => ctx.save())) toast('Kept as a test case', 'ok');
    } }, 'Keep as test case');
    clear(result,
      h('p', { class: 'verdict' }, 'Variant ', h('strong', { class: 'variant' }, answer.variant), ' — ',
        answer.rule ? ['matched by rule ', h('strong', {}, answer.rule)] : 'no rule matched: the default variant', ` (${answer.version})`),
      h('table', { class: 'grid explain', 'aria-label': 'Why: each rule and its conditions' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, 'Rule'), h('th', { scope: 'col' }, 'Target'),
          h('th', { scope: 'col' }, 'Conditions'), h('th', { scope: 'col' }, 'Result'))),
        h('tbody', {}, answer.explanation.map((row) => h('tr', { class: row.matched && answer.rule === row.id ? 'matched' : row.enabled === false ? 'disabled' : '' },
          h('td', {}, String(row.row + 1)), h('td', {}, row.id), h('td', {}, row.variant || (row.split || []).map((s) => `${s.variant} ${s.percent}%`).join(', ')),
          h('td', {}, h('ul', { class: 'conds' }, (row.conditions || []).map((cond) => h('li', { class: cond.held ? 'held' : 'failed' },
            cond.held ? '✓ ' : '✗ ', h('code', {}, `${cond.field} ${cond.op} ${cond.values ? JSON.stringify(cond.values) : cond.value === undefined ? '' : JSON.stringify(cond.value)}`),
            ' — got ', cond.present ? h('code', {}, JSON.stringify(cond.actual)) : 'nothing', cond.reason ? ` (${cond.reason})` : '')))),
          h('td', {}, row.enabled === false ? 'disabled' : row.matched ? (answer.rule === row.id ? 'matched ✓' : 'would match') : 'no'))))),
      g ? guardrailResult(g, samples) : null,
      h('div', { class: 'row' }, field('Test name', name), h('div', { class: 'field end' }, keep)));
  }

  panel.append(form, testsCard(ctx), replayCard(ctx));
}

const describe = (c, a, outcome) => `${Object.keys(c).length ? Object.entries(c).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : v}`).join(', ') : 'no context'} goes to ${a.variant}${outcome ? `, ${outcome}` : ''}`;

/** The guardrails' outcome on the samples, each one's verdict, and the texts as the model and the caller get them. */
function guardrailResult(g, samples) {
  const kind = g.outcome === 'passes' ? 'passes' : /^(blocked|fallback)/.test(g.outcome) ? 'blocked' : 'acted';
  const changed = (label, before, after) => (after !== null && after !== undefined && after !== before
    ? h('div', { class: 'field' }, h('span', { class: 'hint' }, label), h('pre', { class: 'text' }, after)) : null);
  return h('section', { class: 'guard-result', 'aria-label': 'Guardrails' }, h('h3', {}, 'Guardrails'),
    h('p', { class: `guard-outcome ${kind}` }, 'Outcome: ', h('strong', {}, g.outcome)),
    g.guardrails.length ? verdictTable(g.guardrails, 'What each guardrail did with the samples')
      : h('p', { class: 'empty' }, 'No guardrail on this row or variant.'),
    changed('The message as the model gets it', samples.text, g.input), changed('The answer as the caller gets it', samples.answer, g.output));
}

function testsCard(ctx) {
  const spec = ctx.spec;
  const list = h('tbody');
  const results = h('div', { 'aria-live': 'polite' });
  const paint = (outcome) => {
    const byIndex = new Map((outcome ? outcome.results : []).map((r) => [r.index, r]));
    clear(list, (spec.tests || []).map((t, i) => {
      const r = byIndex.get(i);
      return h('tr', { class: r ? (r.passed ? 'pass' : 'fail') : '' },
        h('td', {}, t.name), h('td', {}, h('code', {}, JSON.stringify(t.context)), t.text ? h('div', { class: 'hint' }, 'message: ', h('q', {}, t.text)) : null),
        h('td', {}, t.expectVariant, t.expectRule ? ` (${t.expectRule})` : '', t.expect ? h('div', {}, t.expect) : null),
        h('td', {}, r ? (r.passed ? '✓ passed' : r.failure ? `✗ ${r.failure}` : `✗ got ${r.actualVariant} (${r.actualRule})`) : ''),
        h('td', {}, h('button', { type: 'button', class: 'icon danger', 'aria-label': `Delete test ${t.name}`,
          onclick: () => { spec.tests.splice(i, 1); ctx.markDirty(); paint(); } }, '✕')));
    }));
    if (!(spec.tests || []).length) list.append(h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'No tests yet: simulate a context and keep it.')));
  };
  const run = h('button', { type: 'button', onclick: async () => {
    if (!(await ctx.saveIfDirty())) return;
    const outcome = await busy(run, 'Running…', () => post(`/api/deployments/${enc(ctx.key)}/tests/run?version=draft`));
    clear(results, h('p', { class: outcome.failed ? 'alert error' : 'alert ok' }, `${outcome.passed} passed, ${outcome.failed} failed`));
    paint(outcome);
  } }, 'Run all tests');
  paint();
  return h('section', { class: 'card' }, h('div', { class: 'section-head' }, h('h2', {}, 'Routing tests'), run),
    h('p', { class: 'hint' }, 'Run on every deploy: a failing test refuses the deploy.'), results,
    h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, ['Name', 'Context', 'Expects', 'Last run', ''].map((c) => h('th', { scope: 'col' }, c)))), list));
}

function replayCard(ctx) {
  const limit = h('input', { type: 'number', min: 1, max: 10000, value: 1000, 'data-path': 'limit' });
  const out = h('div', { 'aria-live': 'polite' });
  const go = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    if (!(await ctx.saveIfDirty())) return;
    try {
      const answer = await busy(go, 'Replaying…', () => post(`/api/deployments/${enc(ctx.key)}/replay`, { limit: Number(limit.value), version: 'draft' }));
      const r = answer.report;
      clear(out, h('p', {}, `${r.requests} recent requests replayed; ${r.changed} would now go elsewhere.`),
        r.shares.length ? h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, ['Variant', 'Before', 'After'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, r.shares.map((s) => h('tr', {}, h('td', {}, s.variant), h('td', {}, fmtShare(s.before, s.beforeShare)), h('td', {}, fmtShare(s.after, s.afterShare)))))) : null);
    } catch (err) {
      showErrors(out, err, out);
    }
  } }, 'Replay recent traffic against the draft');
  return h('section', { class: 'card' }, h('h2', {}, 'Replay'),
    h('p', { class: 'hint' }, 'Routes the contexts of recent logged requests with the draft and compares with where they went. No model is called.'),
    h('div', { class: 'row' }, field('Requests', limit), h('div', { class: 'field end' }, go)), out);
}

const fmtShare = (n, share) => `${n} (${(Number(share) * 100).toFixed(1)}%)`;
