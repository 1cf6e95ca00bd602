// The model garden: every known model, its limits, prices and capabilities; activate the ones variants may use.
import { get, post, put, enc } from '../api.js';
import { capabilityBoxes } from '../garden.js';
import { h, clear, field, options, busy, toast } from '../dom.js';

export async function renderModels(view) {
  const answer = await get('/api/models');
  const models = answer.data;
  const provider = h('select', {}, h('option', { value: '' }, 'All providers'), options([...new Set(models.map((m) => m.provider))].sort()));
  const q = h('input', { type: 'search', placeholder: 'model name' });
  const onlyActive = h('input', { type: 'checkbox' });
  const body = h('tbody');
  const paint = () => {
    const rows = models.filter((m) => (!provider.value || m.provider === provider.value)
      && (!q.value || m.model.toLowerCase().includes(q.value.toLowerCase())) && (!onlyActive.checked || m.active));
    clear(body, rows.map((m) => {
      const toggle = h('button', { type: 'button', 'data-needs': 'admin', class: m.active ? 'secondary small' : 'small',
        'aria-label': `${m.active ? 'Deactivate' : 'Activate'} ${m.provider}/${m.model}` }, m.active ? 'Deactivate' : 'Activate');
      toggle.addEventListener('click', async () => {
        try {
          const updated = await busy(toggle, m.active ? 'Deactivating…' : 'Activating…',
            () => post(`/api/models/${enc(m.provider)}/${enc(m.model)}/${m.active ? 'deactivate' : 'activate'}`));
          Object.assign(m, updated);
          (updated.warnings || []).forEach((w) => toast(w, 'warn'));
          toast(`${m.provider}/${m.model} ${m.active ? 'activated' : 'deactivated'}`, 'ok');
          paint();
        } catch (e) { toast(e.message, 'error'); }
      });
      const caps = capabilityBoxes(h, m, async (name, value) => {
        try {
          const updated = await put(`/api/models/${enc(m.provider)}/${enc(m.model)}`, { capabilities: { [name]: value } });
          Object.assign(m, updated);
          toast(`${m.provider}/${m.model}: ${name} ${value ? 'on' : 'off'}`, 'ok');
          paint();
        } catch (e) { toast(e.message, 'error'); throw e; }
      });
      return h('tr', { class: m.active ? 'active' : '' },
        h('td', {}, m.provider), h('td', {}, m.model, m.custom ? h('span', { class: 'badge muted' }, 'custom') : null),
        h('td', { class: 'num' }, m.contextWindow?.toLocaleString() ?? ''), h('td', { class: 'num' }, m.maxOutputTokens?.toLocaleString() ?? ''),
        h('td', { class: 'num' }, price(m.inputPerMillion)), h('td', { class: 'num' }, price(m.outputPerMillion)),
        h('td', { 'data-read-only-unless': 'admin' }, caps),
        h('td', {}, m.active ? h('span', { class: 'badge ok' }, 'active') : h('span', { class: 'badge muted' }, 'inactive')),
        h('td', {}, toggle));
    }));
  };
  [provider, onlyActive].forEach((el) => el.addEventListener('change', paint));
  q.addEventListener('input', paint);
  view.append(h('div', { class: 'page-head' }, h('h1', {}, 'Model garden')),
    h('p', { class: 'hint' }, `Variants may only use activated models. Prices in US dollars per million tokens (price table ${answer.priceTableVersion}). A request that needs a capability a model lacks goes to its variant's fallback; a change to a model's capabilities marks it custom.`),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() }, field('Provider', provider), field('Search', q),
      h('label', { class: 'check' }, onlyActive, ' Activated only')),
    h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, ['Provider', 'Model', 'Context window', 'Max output', 'Input $/M', 'Output $/M', 'Capabilities', 'Status', '']
      .map((c) => h('th', { scope: 'col' }, c)))), body));
  paint();
}

const price = (v) => (v === null || v === undefined ? '—' : `$${v}`);
