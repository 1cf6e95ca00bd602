// The tool, structured-output and reasoning settings of one model of a variant (primary or fallback), edited in
// place in its parameters: tools (name, description, JSON-schema parameters as JSON text, strict), tool_choice,
// parallel_tool_calls, response_format (json_object, or json_schema with name, schema, strict), reasoning effort and
// thinking budget. Each control carries the data-path the server's validation errors name, so an error such as
// variants[0].primary.parameters.tools[1].parameters.type is shown next to that tool's schema.
import { h, clear, field, options, uid } from '../dom.js';

const EFFORTS = [['', 'model default'], 'minimal', 'low', 'medium', 'high'];
const FORMATS = [['', 'model default (text)'], ['text', 'text'], ['json_object', 'JSON object'], ['json_schema', 'JSON schema']];

/**
 * A textarea of JSON bound to `set(value)`: text that does not parse is shown as an error next to it and not
 * applied (the last valid value stays in the draft). Also the schema of a json_schema guardrail (guardrails.js).
 */
export function jsonArea(label, value, path, set, hint) {
  const area = h('textarea', { rows: 6, class: 'json', spellcheck: 'false', 'data-path': path });
  area.value = value === undefined ? '' : JSON.stringify(value, null, 2);
  const problem = h('div', { class: 'field-error local', role: 'alert', id: uid('err'), hidden: true });
  area.setAttribute('aria-describedby', problem.id);
  area.addEventListener('input', () => {
    const text = area.value.trim();
    let parsed;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
      if (parsed !== undefined && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))) throw new Error('must be a JSON object');
    } catch (e) {
      problem.textContent = `Not applied: ${e.message}`;
      problem.hidden = false;
      area.setAttribute('aria-invalid', 'true');
      return;
    }
    problem.hidden = true;
    area.removeAttribute('aria-invalid');
    set(parsed);
  });
  const wrap = field(label, area, hint);
  wrap.append(problem);
  return wrap;
}

function toolRow(config, i, path, changed, repaint, renamed) {
  const tool = config.parameters.tools[i];
  const p = `${path}.parameters.tools[${i}]`;
  const name = h('input', { type: 'text', value: tool.name || '', 'data-path': `${p}.name`, autocomplete: 'off',
    oninput: () => { tool.name = name.value.trim(); changed(); } });
  name.addEventListener('change', renamed); // the tool choice lists the names
  const description = h('input', { type: 'text', value: tool.description || '', 'data-path': `${p}.description`,
    oninput: () => { if (description.value) tool.description = description.value; else delete tool.description; changed(); } });
  const strict = h('input', { type: 'checkbox', checked: tool.strict === true, 'data-path': `${p}.strict`,
    onchange: () => { if (strict.checked) tool.strict = true; else delete tool.strict; changed(); } });
  const schema = jsonArea(`Tool ${i + 1} parameters (JSON schema)`, tool.parameters, `${p}.parameters`,
    (v) => { if (v === undefined) delete tool.parameters; else tool.parameters = v; changed(); },
    'An object schema: {"type": "object", "properties": {...}, "required": [...]}');
  return h('div', { class: 'tool', role: 'group', 'aria-label': `Tool ${i + 1}` },
    h('div', { class: 'row' }, field(`Tool ${i + 1} name`, name), field(`Tool ${i + 1} description`, description),
      h('div', { class: 'field end' }, h('button', { type: 'button', class: 'icon', 'aria-label': `Remove tool ${i + 1}`,
        onclick: () => { config.parameters.tools.splice(i, 1); if (!config.parameters.tools.length) delete config.parameters.tools; changed(); repaint(); } }, '✕'))),
    schema,
    h('label', { class: 'check' }, strict, ` Tool ${i + 1} strict (the provider holds the arguments to the schema)`));
}

function toolChoiceSelect(config, path, changed) {
  const tools = (config.parameters.tools || []).map((t) => t.name).filter(Boolean);
  const current = config.parameters.toolChoice;
  const value = !current ? '' : current.mode === 'function' ? `function:${current.name}` : current.mode;
  const select = h('select', { 'data-path': `${path}.parameters.toolChoice`, onchange: () => {
    const v = select.value;
    if (!v) delete config.parameters.toolChoice;
    else if (v.startsWith('function:')) config.parameters.toolChoice = { mode: 'function', name: v.slice('function:'.length) };
    else config.parameters.toolChoice = { mode: v };
    changed();
  } }, options([['', 'model default (auto)'], ['auto', 'auto: the model decides'], ['none', 'none: no tool'],
    ['required', 'required: some tool'], ...tools.map((n) => [`function:${n}`, `always ${n}`]),
    ...(value.startsWith('function:') && !tools.includes(value.slice(9)) ? [[value, `always ${value.slice(9)} (no such tool)`]] : [])], value));
  return select;
}

function parallelSelect(config, path, changed) {
  const v = config.parameters.parallelToolCalls;
  const select = h('select', { 'data-path': `${path}.parameters.parallelToolCalls`, onchange: () => {
    if (select.value === '') delete config.parameters.parallelToolCalls;
    else config.parameters.parallelToolCalls = select.value === 'true';
    changed();
  } }, options([['', 'model default'], ['true', 'yes'], ['false', 'no, one call at a time']], v === undefined || v === null ? '' : String(v)));
  return select;
}

/** Tools, tool choice and parallel calls. */
export function toolsFieldset(config, path, changed) {
  const box = h('fieldset', { class: 'tools' });
  const choiceField = h('div', { class: 'field' });
  const paintChoice = () => {
    const select = toolChoiceSelect(config, path, changed);
    select.id = uid();
    clear(choiceField, h('label', { for: select.id }, 'Tool choice'), select);
  };
  const paint = () => {
    const tools = config.parameters.tools || [];
    paintChoice();
    clear(box, h('legend', {}, `Tools (${tools.length})`),
      tools.map((_, i) => toolRow(config, i, path, changed, paint, paintChoice)),
      h('button', { type: 'button', class: 'secondary small', onclick: () => {
        config.parameters.tools = [...(config.parameters.tools || []), { name: `tool_${tools.length + 1}`, description: '',
          parameters: { type: 'object', properties: {} } }];
        changed();
        paint();
        box.querySelectorAll('input[data-path$=".name"]')[tools.length]?.focus();
      } }, 'Add tool'),
      h('div', { class: 'row' }, choiceField,
        field('Parallel tool calls', parallelSelect(config, path, changed))));
  };
  paint();
  return box;
}

/** response_format: text, json_object, or json_schema with its name, schema and strict. */
export function outputFieldset(config, path, changed) {
  const box = h('fieldset', { class: 'output' });
  const p = `${path}.parameters.responseFormat`;
  const paint = () => {
    const rf = config.parameters.responseFormat;
    const type = h('select', { 'data-path': `${p}.type`, onchange: () => {
      if (!type.value) delete config.parameters.responseFormat;
      else if (type.value === 'json_schema') config.parameters.responseFormat = { type: 'json_schema', json_schema: { name: 'response', schema: { type: 'object', properties: {} }, strict: true } };
      else config.parameters.responseFormat = { type: type.value };
      changed();
      paint();
    } }, options(FORMATS, rf?.type || ''));
    const parts = [h('legend', {}, 'Structured output'), field('Response format', type)];
    if (rf?.type === 'json_schema') {
      const js = rf.json_schema = rf.json_schema || {};
      const name = h('input', { type: 'text', value: js.name || '', 'data-path': `${p}.json_schema.name`,
        oninput: () => { js.name = name.value.trim(); changed(); } });
      const strict = h('input', { type: 'checkbox', checked: js.strict === true, 'data-path': `${p}.json_schema.strict`,
        onchange: () => { if (strict.checked) js.strict = true; else delete js.strict; changed(); } });
      parts.push(field('Schema name', name),
        jsonArea('Response JSON schema', js.schema, `${p}.json_schema.schema`, (v) => { if (v === undefined) delete js.schema; else js.schema = v; changed(); },
          'The gateway validates every answer against it'),
        h('label', { class: 'check' }, strict, ' Strict schema (the provider holds the answer to it)'));
    }
    clear(box, parts);
  };
  paint();
  return box;
}

/** reasoning_effort and the thinking budget. */
export function reasoningFieldset(config, path, changed) {
  const effort = h('select', { 'data-path': `${path}.parameters.reasoningEffort`, onchange: () => {
    if (effort.value) config.parameters.reasoningEffort = effort.value; else delete config.parameters.reasoningEffort;
    changed();
  } }, options(EFFORTS, config.parameters.reasoningEffort || ''));
  const budget = h('input', { type: 'number', min: 0, step: 1, value: config.parameters.thinkingBudget ?? '', placeholder: 'model default',
    'data-path': `${path}.parameters.thinkingBudget`, oninput: () => {
      if (budget.value === '') delete config.parameters.thinkingBudget; else config.parameters.thinkingBudget = Number(budget.value);
      changed();
    } });
  return h('fieldset', { class: 'reasoning' }, h('legend', {}, 'Reasoning'),
    h('div', { class: 'row' }, field('Reasoning effort', effort, 'OpenAI reasoning models; others derive a budget from it'),
      field('Thinking budget (tokens)', budget, 'Anthropic and Gemini thinking')));
}
