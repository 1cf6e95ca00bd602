// Guardrails and evaluators, edited in place in the draft: a variant's (variant editor) and a routing row's
// (routing editor). Each check has a name and a kind, and only the fields that kind reads are shown (what personal
// data to find, terms, pattern, schema, lengths, languages, judge deployment, callout URL); a guardrail also has the
// text it checks (stage), what it does when the check fails (action) and, for the kinds that call out, what happens
// when the call itself fails (onError); an evaluator has the share of answers it scores (sampleRate). Every control
// carries the data-path the server's 422 names (variants[0].guardrails[1].pattern), so the error shows next to it.
import { get } from '../api.js';
import { h, clear, field, options, uid } from '../dom.js';
import { fmtMs } from '../format.js';
import { jsonArea } from './model-tools.js';

const KINDS = [['pii', 'Personal data (pii)'], ['deny_list', 'Forbidden terms (deny_list)'], ['regex', 'Pattern (regex)'],
  ['json_schema', 'JSON shape (json_schema)'], ['length', 'Length (length)'], ['language', 'Language (language)'],
  ['judge', 'Judge deployment (judge)'], ['http', 'Your own service (http)']];
/** The fields each kind reads; any other is a 422, so a kind change drops them. */
const READS = { pii: ['pii'], deny_list: ['terms', 'wholeWords'], regex: ['pattern'], json_schema: ['schema'],
  length: ['minChars', 'maxChars'], language: ['languages'], judge: ['deployment', 'timeoutMs'], http: ['url', 'timeoutMs'] };
const KIND_FIELDS = [...new Set(Object.values(READS).flat())];
const FINDERS = new Set(['pii', 'deny_list', 'regex']); // they find something to mask: redact is theirs
const CALLERS = new Set(['judge', 'http']); // they call out and may fail: onError is theirs
const STAGES = [['input', 'the user\'s message (input)'], ['output', 'the model\'s answer (output)'], ['both', 'both']];
const ACTIONS = [['block', 'block the request'], ['redact', 'mask what it found'], ['fallback', 'try the next model'], ['flag', 'only record it']];
const ON_ERROR = [['closed', 'take the action (closed, the default)'], ['open', 'let the text pass (open)']];
const PII = [['email', 'Email addresses'], ['phone', 'Phone numbers'], ['card', 'Payment cards'], ['iban', 'IBANs'],
  ['us_ssn', 'US social security numbers'], ['uk_nino', 'UK national insurance numbers'], ['es_dni', 'Spanish DNI/NIE'],
  ['nl_bsn', 'Dutch BSN'], ['ip_address', 'IP addresses']];

/** The deployments' keys, as suggestions for a judge. */
function judgeList() {
  const list = h('datalist', { id: uid('judges') });
  get('/api/deployments').then((r) => list.append(...r.data.map((d) => h('option', { value: d.key })))).catch(() => {});
  return list;
}

/**
 * The list `holder[prop]` of guardrails (what = 'guardrail') or evaluators ('evaluator') at `path`: add, remove,
 * reorder, edit. An emptied list is left out of the spec.
 */
export function checkList(holder, prop, path, what, changed) {
  const box = h('div', { class: 'check-list', 'data-path': path });
  const judges = judgeList();
  const Label = what === 'evaluator' ? 'Evaluator' : 'Guardrail';
  const paint = (focus) => {
    const list = holder[prop] || [];
    clear(box, judges, list.map((_, i) => checkRow(holder, prop, i, path, Label, judges.id, changed, paint)),
      list.length ? null : h('p', { class: 'empty' }, what === 'evaluator' ? 'No evaluators: answers are not scored.' : 'No guardrails: every text passes.'),
      h('button', { type: 'button', class: 'secondary small', onclick: () => {
        const taken = new Set(list.map((g) => g.name));
        let n = list.length + 1;
        while (taken.has(`${what}-${n}`)) n++;
        holder[prop] = [...list, what === 'evaluator'
          ? { name: `${what}-${n}`, kind: 'length', maxChars: 2000, sampleRate: 0.1 }
          : { name: `${what}-${n}`, kind: 'pii', stage: 'input', action: 'block' }];
        changed();
        paint(`[data-path="${path}[${list.length}].name"]`);
      } }, `Add ${what}`));
    const el = [focus].flat().filter(Boolean).map((f) => box.querySelector(f)).find(Boolean);
    if (el) el.focus();
  };
  paint();
  return box;
}

function setKind(g, kind) {
  for (const f of KIND_FIELDS) if (!READS[kind].includes(f)) delete g[f];
  if (!CALLERS.has(kind)) delete g.onError;
  if (g.action === 'redact' && !FINDERS.has(kind)) g.action = 'block';
  if (kind === 'json_schema' && !g.schema) g.schema = { type: 'object' };
  g.kind = kind;
}

function checkRow(holder, prop, i, path, Label, judgesId, changed, repaint) {
  const list = holder[prop];
  const g = list[i];
  const p = `${path}[${i}]`;
  const n = `${Label} ${i + 1}`;
  const lower = Label.toLowerCase();
  const name = h('input', { type: 'text', value: g.name || '', 'data-path': `${p}.name`, autocomplete: 'off',
    oninput: () => { g.name = name.value.trim(); changed(); } });
  const kind = h('select', { 'data-path': `${p}.kind`, onchange: () => { setKind(g, kind.value); changed(); repaint(`[data-path="${p}.kind"]`); } },
    options(KINDS, g.kind));
  if (!KINDS.some(([k]) => k === g.kind)) kind.prepend(h('option', { value: g.kind, selected: true }, `${g.kind} (unknown)`));
  const move = (d) => {
    const j = i + d;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    changed();
    const there = `[aria-label="Move ${lower} ${j + 1}`;
    repaint([`${there} ${d < 0 ? 'up' : 'down'}"]:not([disabled])`, `${there} ${d < 0 ? 'down' : 'up'}"]`]);
  };
  const settings = Label === 'Evaluator'
    ? [field(`${n} sample rate`, number(g, 'sampleRate', p, changed, { min: 0, max: 1, step: 0.05 }),
      'Share of answered requests it scores: 1 every one, 0.1 one in ten')]
    : guardSettings(g, p, n, changed, repaint);
  return h('div', { class: 'check-item', role: 'group', 'aria-label': n },
    h('div', { class: 'row' }, field(`${n} name`, name), field(`${n} kind`, kind),
      h('div', { class: 'field end buttons' },
        h('button', { type: 'button', class: 'icon', 'aria-label': `Move ${lower} ${i + 1} up`, disabled: i === 0, onclick: () => move(-1) }, '↑'),
        h('button', { type: 'button', class: 'icon', 'aria-label': `Move ${lower} ${i + 1} down`, disabled: i === list.length - 1, onclick: () => move(1) }, '↓'),
        h('button', { type: 'button', class: 'icon danger', 'aria-label': `Remove ${lower} ${i + 1}`, onclick: () => {
          list.splice(i, 1);
          if (!list.length) delete holder[prop];
          changed();
          repaint();
        } }, '✕'))),
    h('div', { class: 'row' }, settings),
    kindFields(g, p, n, judgesId, changed));
}

/** Stage, action, and onError for the kinds that call out. */
function guardSettings(g, p, n, changed, repaint) {
  const stage = h('select', { 'data-path': `${p}.stage`, onchange: () => { g.stage = stage.value; changed(); } }, options(STAGES, g.stage));
  const actions = ACTIONS.filter(([a]) => a !== 'redact' || FINDERS.has(g.kind) || g.action === 'redact');
  const action = h('select', { 'data-path': `${p}.action`, onchange: () => { g.action = action.value; changed(); } }, options(actions, g.action));
  const out = [field(`${n} checks`, stage), field(`${n} when it fails`, action,
    FINDERS.has(g.kind) ? 'Masking replaces what it found with [EMAIL], [CARD]…' : null)];
  if (CALLERS.has(g.kind)) {
    const onError = h('select', { 'data-path': `${p}.onError`, onchange: () => {
      if (onError.value === 'closed') delete g.onError; else g.onError = onError.value;
      changed();
    } }, options(ON_ERROR, g.onError || 'closed'));
    out.push(field(`${n} if the check cannot answer`, onError, 'A timeout or a failed call'));
  }
  return out;
}

/** A number input bound to g[key] (left out when empty). */
function number(g, key, p, changed, attrs = {}) {
  const input = h('input', { type: 'number', step: 1, ...attrs, value: g[key] ?? '', 'data-path': `${p}.${key}`,
    oninput: () => { if (input.value === '') delete g[key]; else g[key] = Number(input.value); changed(); } });
  return input;
}

/** A list typed as text (`split` separates the items), bound to g[key] (left out when empty). */
function textList(g, key, p, changed, split, join, attrs) {
  const area = h(attrs.rows ? 'textarea' : 'input', { ...attrs, 'data-path': `${p}.${key}`, oninput: () => {
    const items = area.value.split(split).map((s) => s.trim()).filter(Boolean);
    if (items.length) g[key] = items; else delete g[key];
    changed();
  } });
  area.value = (g[key] || []).join(join);
  return area;
}

function kindFields(g, p, n, judgesId, changed) {
  switch (g.kind) {
    case 'pii': {
      const chosen = new Set(g.pii || []);
      return h('fieldset', { class: 'pii-kinds', 'data-path': `${p}.pii` }, h('legend', {}, `${n} finds`),
        h('div', { class: 'checks-grid' }, PII.map(([k, label]) => h('label', { class: 'check' },
          h('input', { type: 'checkbox', checked: chosen.has(k), value: k, onchange: (e) => {
            if (e.target.checked) chosen.add(k); else chosen.delete(k);
            if (chosen.size) g.pii = PII.map(([x]) => x).filter((x) => chosen.has(x)); else delete g.pii;
            changed();
          } }), label))),
        h('small', { class: 'hint' }, 'None ticked: every kind. Cards, IBANs and national numbers are checked by their check digits.'));
    }
    case 'deny_list': {
      const whole = h('input', { type: 'checkbox', checked: g.wholeWords !== false, 'data-path': `${p}.wholeWords`, onchange: () => {
        if (whole.checked) delete g.wholeWords; else g.wholeWords = false;
        changed();
      } });
      return h('div', {}, field(`${n} terms (one per line)`, textList(g, 'terms', p, changed, '\n', '\n', { rows: 3 }),
        'Case and accents are ignored'), h('label', { class: 'check' }, whole, ` ${n}: whole words only`));
    }
    case 'regex': {
      const pattern = h('input', { type: 'text', class: 'mono', value: g.pattern || '', 'data-path': `${p}.pattern`, spellcheck: 'false',
        oninput: () => { if (pattern.value) g.pattern = pattern.value; else delete g.pattern; changed(); } });
      return field(`${n} pattern`, pattern, 'Fails when it matches anywhere. RE2 syntax: no backreferences or lookaround');
    }
    case 'json_schema':
      return jsonArea(`${n} schema`, g.schema, `${p}.schema`, (v) => { if (v === undefined) delete g.schema; else g.schema = v; changed(); },
        'Fails when the text is not JSON valid against this schema');
    case 'length':
      return h('div', { class: 'row' }, field(`${n} at least (characters)`, number(g, 'minChars', p, changed, { min: 0 })),
        field(`${n} at most (characters)`, number(g, 'maxChars', p, changed, { min: 1 })));
    case 'language':
      return field(`${n} languages allowed`, textList(g, 'languages', p, changed, ',', ', ', { type: 'text', placeholder: 'en, de, fr' }),
        'ISO 639-1 codes, comma-separated; a text too short to tell passes');
    case 'judge': {
      const judge = h('input', { type: 'text', value: g.deployment || '', list: judgesId, 'data-path': `${p}.deployment`, autocomplete: 'off',
        oninput: () => { if (judge.value.trim()) g.deployment = judge.value.trim(); else delete g.deployment; changed(); } });
      return h('div', { class: 'row' }, field(`${n} judge deployment`, judge, 'Another live deployment; its prompt reads {{text}}, it answers PASS or FAIL'),
        field(`${n} timeout (ms)`, number(g, 'timeoutMs', p, changed, { min: 1, max: 30000, placeholder: '2000' })));
    }
    case 'http': {
      const url = h('input', { type: 'url', value: g.url || '', 'data-path': `${p}.url`,
        oninput: () => { if (url.value.trim()) g.url = url.value.trim(); else delete g.url; changed(); } });
      return h('div', { class: 'row' }, field(`${n} URL`, url, 'Answers {"pass": true|false, "reason"}; only hosts the operator allows'),
        field(`${n} timeout (ms)`, number(g, 'timeoutMs', p, changed, { min: 1, max: 30000, placeholder: '2000' })));
    }
    default:
      return null;
  }
}

/** The variant editor's two cards: its guardrails and its evaluators. */
export function guardrailCards(variant, base, changed) {
  return [
    h('section', { class: 'card', 'aria-label': 'Guardrails' }, h('h2', {}, 'Guardrails'),
      h('p', { class: 'hint' }, 'Checks on every request, in this order: on what the user sends before a model is called, '
        + 'and on what the model answers. Each says what happens when it fails; the request\'s log shows what each did.'),
      checkList(variant, 'guardrails', `${base}.guardrails`, 'guardrail', changed)),
    h('section', { class: 'card', 'aria-label': 'Evaluators' }, h('h2', {}, 'Evaluators'),
      h('p', { class: 'hint' }, 'Score a sample of answers after the fact, never slowing a request: 1 for a pass and 0 for a fail '
        + '(a judge gives its own score). Scores show in the logs and analytics, and can be an experiment\'s goal.'),
      checkList(variant, 'evaluators', `${base}.evaluators`, 'evaluator', changed)),
  ];
}

/** What each guardrail did ({name, kind, stage, result, taken, reason, found, micros}), as a table. */
export function verdictTable(records, caption) {
  return h('div', { class: 'grid-wrap' }, h('table', { class: 'grid compact verdicts' },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, ['Guardrail', 'Kind', 'Stage', 'Result', 'Action taken', 'Reason', 'Found', 'Time']
      .map((c, i) => h('th', { scope: 'col', class: i === 7 ? 'num' : null }, c)))),
    h('tbody', {}, records.map((r) => h('tr', { class: `guard-${r.result}` },
      h('td', {}, h('code', {}, r.name)), h('td', {}, r.kind), h('td', {}, r.stage), h('td', {}, r.result),
      h('td', {}, r.taken || '–'), h('td', {}, r.reason || '–'), h('td', {}, (r.found || []).join(', ') || '–'),
      h('td', { class: 'num' }, r.micros === undefined ? '–' : fmtMs(r.micros / 1000)))))));
}
