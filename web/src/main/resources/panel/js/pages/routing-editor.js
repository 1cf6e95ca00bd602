// The routing editor: the routing table as a grid (a column per context field, a row per rule, the target at the
// end), add, reorder (buttons, or drag), disable, delete; a split row's experiment (goal, minimum sample) and a row's
// own guardrails (a dialog, guardrails.js); the default variant; the context schema; warnings inline.
import { h, clear, field, options, uid, dialog } from '../dom.js';
import { enc } from '../api.js';
import { applyNeeds } from '../access.js';
import { openSnippets } from './snippets.js';
import { checkList } from './guardrails.js';
import { REQUEST_FIELDS, SPEND_FIELDS, DERIVED_FIELDS, requestField } from '../request-fields.js';

const TYPES = ['string', 'number', 'boolean', 'list', 'date'];
const OPS = {
  string: ['equals', 'not_equals', 'in', 'not_in', 'contains', 'starts_with', 'matches', 'present', 'absent'],
  number: ['equals', 'not_equals', 'lt', 'lte', 'gt', 'gte', 'between', 'present', 'absent'],
  boolean: ['is', 'present', 'absent'],
  list: ['contains_any', 'contains_all', 'present', 'absent'],
  date: ['before', 'after', 'between', 'equals', 'not_equals', 'present', 'absent'],
};
const OP_LABEL = { equals: '=', not_equals: '≠', in: 'in', not_in: 'not in', contains: 'contains', starts_with: 'starts with', matches: 'matches',
  lt: '<', lte: '≤', gt: '>', gte: '≥', between: 'between', is: 'is', contains_any: 'has any of', contains_all: 'has all of',
  before: 'before', after: 'after', present: 'present', absent: 'absent' };
const MULTI = new Set(['in', 'not_in', 'between', 'contains_any', 'contains_all']);
const GOALS = [['feedback', 'feedback'], ['score', 'evaluator score'], ['cost', 'cost'], ['latency', 'latency'], ['error_rate', 'error rate']];
const NAMED_GOALS = { feedback: 'feedback property (e.g. rating)', score: 'evaluator name' };
const NO_OPERAND = new Set(['present', 'absent']);

export function renderRouting(panel, ctx) {
  const spec = ctx.spec;
  spec.contextSchema = spec.contextSchema || [];
  const routing = spec.routing;
  const typeOf = (name) => (requestField(name) || spec.contextSchema.find((f) => f.name === name) || {}).type || 'string';
  const shownRequestFields = new Set(); // request columns the analyst opened that no rule uses yet
  const fields = () => {
    const names = spec.contextSchema.map((f) => f.name);
    for (const n of shownRequestFields) if (!names.includes(n)) names.push(n);
    for (const r of routing.rules) for (const c of r.when || []) if (!names.includes(c.field)) names.push(c.field);
    return names;
  };
  const warningsFor = (i) => ctx.state.warnings.filter((w) => w.path === `routing.rules[${i}]` || w.path.startsWith(`routing.rules[${i}].`));
  const grid = h('div', { class: 'grid-wrap' });
  let focusAfter = null;

  const paint = () => {
    const cols = fields();
    const variants = spec.variants.map((v) => v.key);
    clear(grid, h('table', { class: 'grid routing', 'aria-label': 'Routing rules, first match wins' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, 'On'), h('th', { scope: 'col' }, 'Rule'),
        cols.map((c) => h('th', { scope: 'col' }, c, h('small', { class: 'type' }, ` ${typeOf(c)}`))),
        h('th', { scope: 'col' }, 'Target variant or split'), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')))),
      h('tbody', {}, routing.rules.map((rule, i) => ruleRow(rule, i, cols, variants)),
        h('tr', { class: 'default-row' }, h('td', {}, '—'), h('td', {}), h('td', {}, 'Otherwise'),
          cols.map(() => h('td', { class: 'any' }, 'any')),
          h('td', {}, defaultSelect(variants)), h('td', {})))));
    if (!routing.rules.length) grid.append(h('p', { class: 'empty' }, 'No rules yet: every request goes to the default variant.'));
    if (focusAfter) {
      let el = grid.querySelector(focusAfter);
      if (el && el.disabled) el = el.parentElement.querySelector('button:not([disabled])');
      if (el) el.focus();
      focusAfter = null;
    }
  };

  const defaultSelect = (variants) => {
    const s = h('select', { 'data-path': 'routing.defaultVariant', 'aria-label': 'Default variant', onchange: () => { routing.defaultVariant = s.value; ctx.markDirty(); } },
      options(variants, routing.defaultVariant));
    return s;
  };

  const move = (i, d, which) => {
    const j = i + d;
    if (j < 0 || j >= routing.rules.length) return;
    [routing.rules[i], routing.rules[j]] = [routing.rules[j], routing.rules[i]];
    ctx.markDirty();
    focusAfter = `[data-row="${j}"] .${which}`;
    paint();
  };

  function ruleRow(rule, i, cols, variants) {
    const path = `routing.rules[${i}]`;
    const warnings = warningsFor(i);
    const enabled = h('input', { type: 'checkbox', checked: rule.enabled !== false, 'aria-label': `Rule ${i + 1} enabled`,
      onchange: () => { rule.enabled = enabled.checked; ctx.markDirty(); row.classList.toggle('disabled', !enabled.checked); } });
    const id = h('input', { type: 'text', value: rule.id || '', 'aria-label': `Rule ${i + 1} id`, 'data-path': `${path}.id`, size: 12,
      oninput: () => { rule.id = id.value.trim(); ctx.markDirty(); } });
    const desc = h('input', { type: 'text', value: rule.description || '', placeholder: 'description', 'aria-label': `Rule ${i + 1} description`,
      'data-path': `${path}.description`, oninput: () => { rule.description = desc.value || undefined; ctx.markDirty(); } });
    const cells = cols.map((col) => conditionCell(rule, i, col));
    const row = h('tr', { 'data-row': i, class: rule.enabled === false ? 'disabled' : '', draggable: 'true' },
      h('td', { class: 'num' }, h('span', { class: 'drag', title: 'Drag to reorder', 'aria-hidden': 'true' }, '⠿'), String(i + 1)),
      h('td', {}, enabled),
      h('td', {}, id, desc, h('div', { 'data-path': path, tabindex: '-1' }), warnings.map((w) => h('div', { class: 'row-warning', role: 'note' }, '⚠ ', w.message))),
      cells,
      h('td', {}, targetEditor(rule, i, variants)),
      h('td', { class: 'actions' },
        h('button', { type: 'button', class: 'icon up', 'aria-label': `Move rule ${i + 1} up`, disabled: i === 0, onclick: () => move(i, -1, 'up') }, '↑'),
        h('button', { type: 'button', class: 'icon down', 'aria-label': `Move rule ${i + 1} down`, disabled: i === routing.rules.length - 1, onclick: () => move(i, 1, 'down') }, '↓'),
        h('button', { type: 'button', class: 'icon', 'data-view': true, 'aria-label': `Code snippets for rule ${i + 1}`, title: 'Code snippets',
          disabled: !rule.variant, onclick: () => openSnippets(ctx.key, rule.variant) }, '</>'),
        h('button', { type: 'button', class: 'icon danger', 'aria-label': `Delete rule ${i + 1}`, onclick: () => {
          routing.rules.splice(i, 1); ctx.markDirty(); paint(); } }, '✕')));
    if (warnings.length) row.classList.add('warned');
    row.addEventListener('dragstart', (e) => { e.dataTransfer.setData('text/plain', String(i)); row.classList.add('dragging'); });
    row.addEventListener('dragend', () => row.classList.remove('dragging'));
    row.addEventListener('dragover', (e) => e.preventDefault());
    row.addEventListener('drop', (e) => {
      e.preventDefault();
      const from = Number(e.dataTransfer.getData('text/plain'));
      if (Number.isNaN(from) || from === i) return;
      const [moved] = routing.rules.splice(from, 1);
      routing.rules.splice(i, 0, moved);
      ctx.markDirty();
      paint();
    });
    return row;
  }

  function conditionCell(rule, i, col) {
    rule.when = rule.when || [];
    const j = rule.when.findIndex((c) => c.field === col);
    const cond = j >= 0 ? rule.when[j] : null;
    const extra = rule.when.filter((c) => c.field === col).length - 1;
    const type = typeOf(col);
    const path = `routing.rules[${i}].when[${j >= 0 ? j : rule.when.length}]`;
    const op = h('select', { 'aria-label': `Rule ${i + 1}: condition on ${col}`, 'data-path': `${path}.op` },
      h('option', { value: '' }, 'any'), options(OPS[type].map((o) => [o, OP_LABEL[o]]), cond ? cond.op : ''));
    if (cond && !OPS[type].includes(cond.op)) op.append(h('option', { value: cond.op, selected: true }, cond.op));
    const operand = cond ? (cond.values ? cond.values.join(', ') : cond.value ?? '') : '';
    const value = type === 'boolean'
      ? h('select', { 'aria-label': `Rule ${i + 1}: value of ${col}`, 'data-path': `${path}.value` }, options([['true', 'true'], ['false', 'false']], String(operand || 'true')))
      : h('input', { type: 'text', value: operand, size: 10, 'aria-label': `Rule ${i + 1}: value of ${col}`, 'data-path': `${path}.value${cond && cond.values ? 's' : ''}`,
        placeholder: '' });
    const sync = () => {
      const k = rule.when.findIndex((c) => c.field === col);
      value.hidden = !op.value || NO_OPERAND.has(op.value);
      if (value.tagName === 'INPUT') value.placeholder = MULTI.has(op.value) ? (op.value === 'between' ? 'low, high' : 'a, b, c') : 'value';
      if (!op.value) { if (k >= 0) rule.when.splice(k, 1); return; }
      const c = { field: col, op: op.value };
      if (MULTI.has(op.value)) c.values = split(value.value).map((v) => typed(v, type));
      else if (!NO_OPERAND.has(op.value)) c.value = typed(value.value, type);
      if (k >= 0) rule.when[k] = c; else rule.when.push(c);
    };
    op.addEventListener('change', () => { sync(); ctx.markDirty(); });
    value.addEventListener('input', () => { sync(); ctx.markDirty(); });
    value.addEventListener('change', () => { sync(); ctx.markDirty(); });
    value.hidden = !op.value || NO_OPERAND.has(op.value);
    if (value.tagName === 'INPUT') value.placeholder = MULTI.has(op.value) ? (op.value === 'between' ? 'low, high' : 'a, b, c') : 'value';
    return h('td', { class: 'cond' }, op, value, extra > 0 ? h('small', { class: 'hint' }, `+${extra} more (kept)`) : null);
  }

  function targetEditor(rule, i, variants) {
    const path = `routing.rules[${i}]`;
    const mode = h('select', { 'aria-label': `Rule ${i + 1} target`, 'data-path': `${path}.variant` },
      options([...variants.map((v) => [v, v]), ['__split', 'Percentage split…']], rule.split ? '__split' : rule.variant));
    const splitInput = h('input', { type: 'text', size: 16, 'aria-label': `Rule ${i + 1} split, variant:percent`, 'data-path': `${path}.split`,
      value: (rule.split || []).map((s) => `${s.variant}:${s.percent}`).join(', '), placeholder: 'a:10, b:90' });
    const sticky = h('input', { type: 'text', size: 8, 'aria-label': `Rule ${i + 1} sticky on field`, 'data-path': `${path}.stickyOn`,
      value: rule.stickyOn || '', placeholder: 'sticky on (user_id)' });
    const box = h('div', { class: 'split' }, splitInput, sticky, experimentEditor(rule, i));
    const sync = () => {
      box.hidden = mode.value !== '__split';
      if (mode.value === '__split') {
        delete rule.variant;
        rule.split = split(splitInput.value).map((part) => {
          const [variant, percent] = part.split(':').map((x) => x.trim());
          return { variant, percent: Number(percent) };
        });
        if (sticky.value.trim()) rule.stickyOn = sticky.value.trim(); else delete rule.stickyOn;
      } else {
        rule.variant = mode.value;
        delete rule.split;
        delete rule.stickyOn;
        delete rule.experiment; // only a split row is an experiment
      }
    };
    box.hidden = mode.value !== '__split';
    for (const el of [mode, splitInput, sticky]) el.addEventListener('input', () => { sync(); ctx.markDirty(); });
    mode.addEventListener('change', () => { sync(); ctx.markDirty(); });
    return h('div', {}, mode, box, rowGuardrails(rule, i));
  }

  /** A split row as an experiment: its goal (metric, and the feedback or evaluator it reads), which way is better, the sample. */
  function experimentEditor(rule, i) {
    const path = `routing.rules[${i}].experiment`;
    const n = `Rule ${i + 1}`;
    const current = rule.experiment || { goal: { metric: 'error_rate' } };
    const goal = current.goal || {};
    const on = h('input', { type: 'checkbox', checked: !!rule.experiment, 'aria-label': `${n} is an experiment`, 'data-path': path });
    const metric = h('select', { 'aria-label': `${n} experiment goal`, 'data-path': `${path}.goal.metric` }, options(GOALS, goal.metric || 'error_rate'));
    const name = h('input', { type: 'text', size: 14, value: goal.name || '', 'aria-label': `${n} experiment goal name`, 'data-path': `${path}.goal.name` });
    const better = h('select', { 'aria-label': `${n} experiment: which way is better`, 'data-path': `${path}.goal.better` },
      options([['', 'default direction'], ['higher', 'higher is better'], ['lower', 'lower is better']], goal.better || ''));
    const minSample = h('input', { type: 'number', min: 10, step: 1, value: current.minSample ?? '', placeholder: 'min. per arm (default)',
      'aria-label': `${n} experiment minimum requests per arm`, 'data-path': `${path}.minSample` });
    const fields = h('div', { class: 'experiment-fields' }, metric, name, better, minSample,
      h('a', { href: `#/analytics/${enc(ctx.key)}?show=experiments`, class: 'hint' }, 'Results (live version)'));
    const sync = () => {
      fields.hidden = !on.checked;
      name.hidden = !NAMED_GOALS[metric.value];
      name.placeholder = NAMED_GOALS[metric.value] || '';
      if (!on.checked) { delete rule.experiment; return; }
      const g = { metric: metric.value };
      if (NAMED_GOALS[metric.value] && name.value.trim()) g.name = name.value.trim();
      if (better.value) g.better = better.value;
      const e = { ...(rule.experiment || current), goal: g };
      if (minSample.value === '') delete e.minSample; else e.minSample = Number(minSample.value);
      rule.experiment = e;
    };
    for (const el of [on, metric, better]) el.addEventListener('change', () => { sync(); ctx.markDirty(); });
    for (const el of [name, minSample]) el.addEventListener('input', () => { sync(); ctx.markDirty(); });
    fields.hidden = !on.checked;
    name.hidden = !NAMED_GOALS[metric.value];
    name.placeholder = NAMED_GOALS[metric.value] || '';
    return h('div', { class: 'experiment-editor' }, h('label', { class: 'check' }, on, ' Experiment'), fields);
  }

  /** The row's own guardrails (run before the variant's), edited in a dialog; the button shows how many. */
  function rowGuardrails(rule, i) {
    const count = (rule.guardrails || []).length;
    return h('button', { type: 'button', class: 'link row-guardrails', 'data-view': true, 'data-path': `routing.rules[${i}].guardrails`,
      'aria-label': `Rule ${i + 1} guardrails (${count})`, onclick: async () => {
        await dialog(`Guardrails of rule ${rule.id || i + 1}`, () => {
          const body = h('div', { class: 'dialog-body', 'data-read-only-unless': 'edit' },
            h('p', { class: 'hint' }, 'They run on the requests this row routes, before the variant\'s own guardrails. Saved with the draft.'),
            checkList(rule, 'guardrails', `routing.rules[${i}].guardrails`, 'guardrail', () => ctx.markDirty()));
          applyNeeds(body, ctx.app.me, { project: ctx.state.summary.project || null, folder: ctx.state.summary.folder || null });
          return body;
        }, { wide: true });
        paint();
      } }, count ? `Guardrails (${count})` : 'Guardrails');
  }

  const addRule = h('button', { type: 'button', onclick: () => {
    let n = routing.rules.length + 1;
    while (routing.rules.some((r) => r.id === `rule-${n}`)) n++;
    routing.rules.push({ id: `rule-${n}`, when: [], variant: routing.defaultVariant, enabled: true });
    ctx.markDirty();
    focusAfter = `[data-row="${routing.rules.length - 1}"] input[type=text]`;
    paint();
  } }, 'Add rule');

  panel.append(
    h('section', { class: 'card' }, h('div', { class: 'section-head' }, h('h2', {}, 'Routing table'), addRule),
      h('p', { class: 'hint' }, 'Rows are tried top to bottom; the first whose every condition holds picks the variant. Empty cells match anything.'),
      grid),
    requestColumns(shownRequestFields, paint),
    schemaEditor(spec, ctx, paint));
  paint();
}

function requestColumns(shown, repaintGrid) {
  const pick = h('select', { id: uid('req') }, options(DERIVED_FIELDS.map((f) => [f.name, `${f.name} (${f.type})`]), REQUEST_FIELDS[0].name));
  const add = h('form', { class: 'inline', onsubmit: (e) => { e.preventDefault(); shown.add(pick.value); repaintGrid(); } },
    field('Request field', pick), h('button', { type: 'submit', class: 'secondary' }, 'Add column'));
  return h('section', { class: 'card' }, h('h2', {}, 'Request fields'),
    h('p', { class: 'hint' }, 'Derived by the gateway from each request, so rows can route on what a request is: '
      + REQUEST_FIELDS.map((f) => `${f.name}: ${f.description}`).join('; ') + '. And on what is being spent (numbers, '
      + 'in US dollars or percent): spend.<scope>.day_usd, spend.<scope>.month_usd and budget.<scope>.remaining_pct for '
      + 'the scopes api_key, identity, deployment, project and workspace (e.g. ' + SPEND_FIELDS[3].name + ': '
      + SPEND_FIELDS[3].description + '). Callers cannot set them in their context; the simulator and tests can.'),
    add);
}

function schemaEditor(spec, ctx, repaintGrid) {
  const body = h('tbody');
  const paint = () => {
    clear(body, spec.contextSchema.map((f, i) => {
      const path = `contextSchema[${i}]`;
      const name = h('input', { type: 'text', value: f.name, 'aria-label': `Field ${i + 1} name`, 'data-path': `${path}.name`,
        onchange: () => {
          const old = f.name;
          f.name = name.value.trim();
          for (const r of spec.routing.rules) for (const c of r.when || []) if (c.field === old) c.field = f.name;
          ctx.markDirty(); repaintGrid();
        } });
      const type = h('select', { 'aria-label': `Field ${i + 1} type`, 'data-path': `${path}.type`,
        onchange: () => { f.type = type.value; ctx.markDirty(); repaintGrid(); } }, options(TYPES, f.type || 'string'));
      const desc = h('input', { type: 'text', value: f.description || '', 'aria-label': `Field ${i + 1} description`, 'data-path': `${path}.description`,
        oninput: () => { f.description = desc.value || undefined; ctx.markDirty(); } });
      return h('tr', {}, h('td', {}, name), h('td', {}, type), h('td', {}, desc),
        h('td', {}, h('button', { type: 'button', class: 'icon danger', 'aria-label': `Delete field ${f.name}`,
          onclick: () => { spec.contextSchema.splice(i, 1); ctx.markDirty(); paint(); repaintGrid(); } }, '✕')));
    }));
  };
  const newName = h('input', { type: 'text', placeholder: 'e.g. tier', id: uid('fld') });
  const newType = h('select', {}, options(TYPES, 'string'));
  const add = h('form', { class: 'inline', onsubmit: (e) => {
    e.preventDefault();
    const n = newName.value.trim();
    if (!n || spec.contextSchema.some((f) => f.name === n)) { newName.setCustomValidity(n ? 'this field exists' : 'enter a name'); newName.reportValidity(); return; }
    spec.contextSchema.push({ name: n, type: newType.value });
    newName.value = '';
    ctx.markDirty(); paint(); repaintGrid();
    newName.focus();
  } }, field('New context field', newName), field('Type', newType), h('button', { type: 'submit', class: 'secondary' }, 'Add field'));
  newName.addEventListener('input', () => newName.setCustomValidity(''));
  paint();
  return h('section', { class: 'card' }, h('h2', {}, 'Context schema'),
    h('p', { class: 'hint' }, 'The fields a request\'s context may carry, each with its type; the routing table has a column per field.'),
    h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Type'),
      h('th', { scope: 'col' }, 'Description'), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')))), body),
    add);
}

const split = (text) => text.split(',').map((s) => s.trim()).filter((s) => s !== '');

function typed(text, type) {
  const t = String(text).trim();
  if (type === 'number' && t !== '' && !Number.isNaN(Number(t))) return Number(t);
  if (type === 'boolean') return t === 'true';
  return t;
}
