// Provider connections: kind, base URL, API key (write-only: never shown, kept when left empty).
import { get, put, del, enc } from '../api.js';
import { h, clear, field, options, busy, showErrors, confirmDialog, toast, fmtTime } from '../dom.js';

const KINDS = ['openai', 'azure', 'openai-compatible', 'anthropic', 'gemini', 'groq', 'mistral', 'together', 'deepseek', 'openrouter', 'ollama', 'vllm'];

export async function renderProviders(view) {
  const list = h('div');
  const formBox = h('div');
  const load = async () => {
    const connections = (await get('/api/providers')).data;
    clear(list, connections.length ? h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['Name', 'Kind', 'Base URL', 'API key', 'Updated', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, connections.map((c) => h('tr', {},
        h('td', {}, c.name), h('td', {}, c.kind), h('td', {}, c.baseUrl || h('span', { class: 'hint' }, 'vendor default')),
        h('td', {}, c.hasApiKey ? h('span', { class: 'badge ok' }, 'stored') : h('span', { class: 'badge muted' }, 'none')),
        h('td', {}, fmtTime(c.updatedAt)),
        h('td', { class: 'actions' },
          h('button', { type: 'button', class: 'secondary small', onclick: () => edit(c) }, `Edit ${c.name}`),
          h('button', { type: 'button', class: 'danger secondary small', onclick: async () => {
            if (!(await confirmDialog(`Delete ${c.name}?`, 'Calls to its models fail at once (no_connection) until it is added again.', 'Delete'))) return;
            try { await del(`/api/providers/${enc(c.name)}`); toast(`${c.name} deleted`, 'ok'); load(); } catch (e) { toast(e.message, 'error'); }
          } }, 'Delete'))))))
      : h('p', { class: 'empty' }, 'No provider connections yet. The built-in simulator needs none.'));
  };

  const edit = (c) => {
    const existing = !!c;
    c = c || { kind: 'openai' };
    const name = h('input', { type: 'text', value: c.name || '', required: true, readonly: existing, 'data-path': 'name' });
    const kind = h('select', { 'data-path': 'kind' }, options(KINDS, c.kind));
    const baseUrl = h('input', { type: 'url', value: c.baseUrl || '', placeholder: 'vendor default', 'data-path': 'baseUrl' });
    const apiKey = h('input', { type: 'password', autocomplete: 'off', 'data-path': 'apiKey',
      placeholder: c.hasApiKey ? 'stored — leave empty to keep it' : 'the provider\'s API key' });
    const azureDeployment = h('input', { type: 'text', value: c.azureDeployment || '', 'data-path': 'azureDeployment' });
    const azureApiVersion = h('input', { type: 'text', value: c.azureApiVersion || '', 'data-path': 'azureApiVersion' });
    const azure = h('div', { class: 'row' }, field('Azure deployment', azureDeployment), field('Azure API version', azureApiVersion));
    const sync = () => { azure.hidden = kind.value !== 'azure'; };
    kind.addEventListener('change', sync);
    sync();
    const summary = h('div', { class: 'alert error', hidden: true, tabindex: '-1' });
    const save = h('button', { type: 'submit' }, 'Save connection');
    const form = h('form', { class: 'card' }, h('h2', {}, existing ? `Edit ${c.name}` : 'Add a connection'), summary,
      h('div', { class: 'row' }, field('Name', name, 'Variants name it as their provider'), field('Kind', kind)),
      field('Base URL', baseUrl), field('API key', apiKey, 'Write-only: stored encrypted, never shown again'), azure,
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => clear(formBox, addButton) }, 'Cancel'), save));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = { kind: kind.value };
      if (baseUrl.value) body.baseUrl = baseUrl.value;
      if (apiKey.value) body.apiKey = apiKey.value;
      if (kind.value === 'azure') { body.azureDeployment = azureDeployment.value || undefined; body.azureApiVersion = azureApiVersion.value || undefined; }
      try {
        await busy(save, 'Saving…', () => put(`/api/providers/${enc(name.value.trim())}`, body));
        toast(`Connection ${name.value} saved`, 'ok');
        clear(formBox, addButton);
        load();
      } catch (err) { showErrors(form, err, summary); }
    });
    clear(formBox, form);
    (existing ? kind : name).focus();
  };
  const addButton = h('button', { type: 'button', onclick: () => edit(null) }, 'Add a connection');
  view.append(h('div', { class: 'page-head' }, h('h1', {}, 'Provider connections')),
    h('p', { class: 'hint' }, 'Where models are called. Changes take effect on the next call, without redeploying.'), list, formBox);
  clear(formBox, addButton);
  await load();
}
