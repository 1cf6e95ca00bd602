// The variant editor: prompt messages with {{variable}} highlighting, guardrails and evaluators (guardrails.js),
// primary and fallback model panels (sampling parameters, tools, structured output, reasoning: model-tools.js), notes,
// a preview of the configuration payload, switching variants and adding one.
import { enc } from '../api.js';
import { h, clear, field, options, uid } from '../dom.js';
import { activeModels, modelChoices } from '../garden.js';
import { openSnippets } from './snippets.js';
import { toolsFieldset, outputFieldset, reasoningFieldset } from './model-tools.js';
import { cacheCard } from './cache-settings.js';
import { guardrailCards } from './guardrails.js';

const VAR = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;
const PARAMS = [
  ['temperature', 'Temperature', 'number', '0.1', '0 to 2'],
  ['maxTokens', 'Max tokens', 'number', '1', ''],
  ['topP', 'Top P', 'number', '0.05', '0 to 1'],
  ['presencePenalty', 'Presence penalty', 'number', '0.1', ''],
  ['frequencyPenalty', 'Frequency penalty', 'number', '0.1', ''],
  ['seed', 'Seed', 'number', '1', ''],
];

export async function renderVariants(panel, ctx) {
  const spec = ctx.spec;
  const models = await activeModels();
  let index = Math.max(0, spec.variants.findIndex((v) => v.key === ctx.sub));
  const variant = spec.variants[index];
  const base = `variants[${index}]`;

  // --- top bar: switch variant, add a variant by name
  const switcher = h('select', { 'data-view': true, onchange: () => ctx.go(`#/deployments/${enc(ctx.key)}/variants/${enc(switcher.value)}`) },
    options(spec.variants.map((v) => [v.key, v.key === spec.routing.defaultVariant ? `${v.key} (default)` : v.key]), variant.key));
  const newName = h('input', { type: 'text', placeholder: 'new variant name', 'data-path': 'newVariant' });
  const addForm = h('form', { class: 'inline', onsubmit: (e) => {
    e.preventDefault();
    const name = newName.value.trim();
    if (!name || spec.variants.some((v) => v.key === name)) { newName.setCustomValidity(name ? 'a variant with this name exists' : 'enter a name'); newName.reportValidity(); return; }
    spec.variants.push({ ...structuredClone(variant), key: name, notes: '' });
    ctx.markDirty();
    ctx.go(`#/deployments/${enc(ctx.key)}/variants/${enc(name)}`);
  } }, field('Add a variant', newName), h('button', { type: 'submit', class: 'secondary' }, 'Add variant'));
  newName.addEventListener('input', () => newName.setCustomValidity(''));
  const remove = h('button', { type: 'button', class: 'danger secondary', disabled: spec.variants.length < 2,
    onclick: () => {
      spec.variants.splice(index, 1);
      if (spec.routing.defaultVariant === variant.key) spec.routing.defaultVariant = spec.variants[0].key;
      ctx.markDirty();
      ctx.go(`#/deployments/${enc(ctx.key)}/variants/${enc(spec.variants[0].key)}`);
    } }, 'Delete this variant');
  const keyInput = h('input', { type: 'text', value: variant.key, 'data-path': `${base}.key`, onchange: () => {
    const old = variant.key;
    variant.key = keyInput.value.trim();
    for (const r of spec.routing.rules) {
      if (r.variant === old) r.variant = variant.key;
      for (const s of r.split || []) if (s.variant === old) s.variant = variant.key;
    }
    if (spec.routing.defaultVariant === old) spec.routing.defaultVariant = variant.key;
    ctx.markDirty();
    ctx.go(`#/deployments/${enc(ctx.key)}/variants/${enc(variant.key)}`);
  } });

  panel.append(h('div', { class: 'variant-bar' }, field('Variant', switcher), addForm,
    h('button', { type: 'button', class: 'secondary', 'data-view': true, onclick: () => openSnippets(ctx.key, variant.key) }, 'Code snippets')));

  const preview = h('pre', { class: 'preview', 'aria-label': 'Configuration payload preview' });
  const paintPreview = () => { preview.textContent = JSON.stringify(variant, null, 2); };
  const changed = () => { ctx.markDirty(); paintPreview(); paintVariables(); };

  // --- prompt messages
  const messages = h('div', { class: 'messages' });
  const variables = h('div', { class: 'variables' });
  const paintMessages = () => {
    clear(messages);
    variant.messages.forEach((m, i) => messages.append(messageRow(variant, i, `${base}.messages[${i}]`, changed, paintMessages)));
    messages.append(h('button', { type: 'button', class: 'secondary small', onclick: () => {
      variant.messages.push({ role: 'user', content: '' });
      changed();
      paintMessages();
      messages.querySelectorAll('textarea')[variant.messages.length - 1].focus();
    } }, 'Add message'));
  };
  const paintVariables = () => {
    const names = [...new Set(variant.messages.flatMap((m) => [...(m.content || '').matchAll(VAR)].map((x) => x[1])))];
    clear(variables);
    if (!names.length) { variables.append(h('p', { class: 'hint' }, 'No {{variables}} in the prompt.')); return; }
    variables.append(h('p', { class: 'hint' }, 'Variables are filled from the request\'s inputs; a default is used when an input is missing.'));
    for (const name of names) {
      const input = h('input', { type: 'text', value: (variant.variables || {})[name] || '', placeholder: 'no default', 'data-path': `${base}.variables.${name}`,
        onchange: () => {
          variant.variables = { ...(variant.variables || {}) };
          if (input.value) variant.variables[name] = input.value; else delete variant.variables[name];
          if (!Object.keys(variant.variables).length) delete variant.variables;
          ctx.markDirty(); paintPreview();
        } });
      variables.append(field(`{{${name}}} default`, input));
    }
  };

  // --- models
  const primary = modelPanel('Primary model', variant.primary, `${base}.primary`, models, changed);
  const fallbackBox = h('div');
  const useFallback = h('input', { type: 'checkbox', checked: !!variant.fallback, onchange: () => {
    if (useFallback.checked) variant.fallback = { provider: variant.primary.provider, model: variant.primary.model, parameters: {}, retries: 0 };
    else delete variant.fallback;
    changed();
    paintFallback();
  } });
  const paintFallback = () => {
    clear(fallbackBox);
    if (variant.fallback) fallbackBox.append(modelPanel('Fallback model', variant.fallback, `${base}.fallback`, models, changed, true));
  };

  // --- provider prompt caching (on by default: no promptCaching in the spec means on, 5 minutes)
  const caching = () => variant.promptCaching || { enabled: true };
  const setCaching = (next) => {
    variant.promptCaching = next.enabled && !next.ttl ? undefined : next; // the default is left out of the spec
    if (!variant.promptCaching) delete variant.promptCaching;
    ttlSelect.disabled = !caching().enabled;
    changed();
  };
  const cacheOn = h('input', { type: 'checkbox', checked: caching().enabled !== false, 'data-path': `${base}.promptCaching.enabled`,
    onchange: () => setCaching({ ...caching(), enabled: cacheOn.checked }) });
  const ttlSelect = h('select', { 'data-path': `${base}.promptCaching.ttl`, disabled: caching().enabled === false,
    onchange: () => setCaching({ ...caching(), ttl: ttlSelect.value === '5m' ? undefined : ttlSelect.value }) },
  options([['5m', '5 minutes (writes cost 1.25x input)'], ['1h', '1 hour (writes cost 2x input)']], caching().ttl || '5m'));
  const promptCache = h('section', { class: 'card' }, h('h2', {}, 'Prompt caching'),
    h('p', { class: 'hint' }, 'Anthropic models cache the fixed start of the prompt (tools, system prompt, and the template messages before the caller\'s) '
      + 'and read it back at a tenth of the input price. OpenAI and Gemini cache on their own; their cached tokens are reported either way.'),
    h('label', { class: 'check' }, cacheOn, ' Mark the fixed prefix for the provider\'s prompt cache'),
    field('Cache lifetime (Anthropic)', ttlSelect));

  const notes = h('textarea', { rows: 3, 'data-path': `${base}.notes`, oninput: () => { variant.notes = notes.value || undefined; changed(); } }, variant.notes || '');

  panel.append(h('div', { class: 'variant-grid' },
    h('div', { class: 'col' },
      h('section', { class: 'card' }, h('h2', {}, 'Variant'), h('div', { class: 'row' }, field('Name', keyInput), h('div', { class: 'field end' }, remove))),
      h('section', { class: 'card' }, h('h2', {}, 'Prompt'), messages, h('h3', {}, 'Variables'), variables),
      guardrailCards(variant, base, changed),
      h('section', { class: 'card' }, h('h2', {}, 'Notes'), field('Notes for people (never sent to a model)', notes)),
      cacheCard(ctx, variant, base, changed)),
    h('div', { class: 'col' },
      primary,
      h('section', { class: 'card' }, h('label', { class: 'check' }, useFallback, ' Use a fallback model when the primary fails'), fallbackBox),
      promptCache,
      h('section', { class: 'card' }, h('h2', {}, 'Configuration payload'), preview))));
  paintMessages();
  paintVariables();
  paintFallback();
  paintPreview();
}

function messageRow(variant, i, path, changed, repaint) {
  const m = variant.messages[i];
  const role = h('select', { 'data-path': `${path}.role`, onchange: () => { m.role = role.value; changed(); } }, options(['system', 'user', 'assistant'], m.role));
  const { wrap, area } = highlightedArea(m.content || '', `${path}.content`, (v) => { m.content = v; changed(); });
  const move = (d) => {
    const j = i + d;
    if (j < 0 || j >= variant.messages.length) return;
    [variant.messages[i], variant.messages[j]] = [variant.messages[j], variant.messages[i]];
    changed(); repaint();
  };
  return h('div', { class: 'message' },
    h('div', { class: 'message-head' }, field(`Message ${i + 1} role`, role),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', class: 'icon', 'aria-label': `Move message ${i + 1} up`, onclick: () => move(-1) }, '↑'),
        h('button', { type: 'button', class: 'icon', 'aria-label': `Move message ${i + 1} down`, onclick: () => move(1) }, '↓'),
        h('button', { type: 'button', class: 'icon', 'aria-label': `Delete message ${i + 1}`, onclick: () => { variant.messages.splice(i, 1); changed(); repaint(); } }, '✕'))),
    h('div', { class: 'field' }, h('label', { for: area.id }, `Message ${i + 1} text`), wrap));
}

/** A textarea over a mirror that marks {{variables}}: the text stays editable, the marks show through. */
function highlightedArea(value, path, onInput) {
  const mirror = h('div', { class: 'hl-mirror', 'aria-hidden': 'true' });
  const area = h('textarea', { rows: 3, 'data-path': path, class: 'hl-area', spellcheck: 'true', id: uid('msg') });
  area.value = value;
  const paint = () => {
    const parts = [];
    let last = 0;
    for (const m of area.value.matchAll(VAR)) {
      parts.push(area.value.slice(last, m.index), h('mark', {}, m[0]));
      last = m.index + m[0].length;
    }
    parts.push(area.value.slice(last) + '\n');
    clear(mirror, parts);
  };
  area.addEventListener('input', () => { paint(); onInput(area.value); });
  area.addEventListener('scroll', () => { mirror.scrollTop = area.scrollTop; });
  paint();
  return { wrap: h('div', { class: 'hl-wrap' }, mirror, area), area };
}

function modelPanel(title, config, path, models, changed, isFallback = false) {
  const id = `${config.provider}/${config.model}`;
  const model = h('select', { 'data-path': `${path}.model`, onchange: () => {
    const [provider, ...rest] = model.value.split('/');
    config.provider = provider;
    config.model = rest.join('/');
    changed();
  } }, options(modelChoices(models, id), id));
  const retries = h('input', { type: 'number', min: 0, max: 10, step: 1, value: config.retries ?? 0, 'data-path': `${path}.retries`,
    oninput: () => { config.retries = retries.value === '' ? 0 : Number(retries.value); changed(); } });
  config.parameters = config.parameters || {};
  const params = PARAMS.map(([name, label, type, step, hint]) => {
    const input = h('input', { type, step, value: config.parameters[name] ?? '', placeholder: 'model default', 'data-path': `${path}.parameters.${name}`,
      oninput: () => {
        if (input.value === '') delete config.parameters[name]; else config.parameters[name] = Number(input.value);
        changed();
      } });
    return field(label, input, hint || undefined);
  });
  const stop = h('input', { type: 'text', value: (config.parameters.stop || []).join(', '), placeholder: 'none', 'data-path': `${path}.parameters.stop`,
    oninput: () => {
      const list = stop.value.split(',').map((s) => s.trim()).filter(Boolean);
      if (list.length) config.parameters.stop = list; else delete config.parameters.stop;
      changed();
    } });
  const section = h('section', { class: 'card model-panel', 'aria-label': title },
    isFallback ? h('h3', {}, title) : h('h2', {}, title),
    h('div', { class: 'row' }, field('Model', model, 'Activated models of the model garden'), field('Retries', retries, 'On rate limits, timeouts, server errors')),
    h('fieldset', {}, h('legend', {}, 'Parameters'), h('div', { class: 'params' }, params, field('Stop sequences', stop, 'comma-separated'))),
    toolsFieldset(config, path, changed), outputFieldset(config, path, changed), reasoningFieldset(config, path, changed));
  section.id = uid('model');
  return section;
}
