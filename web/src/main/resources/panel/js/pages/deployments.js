// Deployments: a list by project and folder with search, and the create dialog.
import { get, post, enc } from '../api.js';
import { h, clear, field, options, dialog, showErrors, busy, fmtTime, toast } from '../dom.js';
import { activeModels, modelChoices } from '../garden.js';

export async function renderDeployments(view, _params, app) {
  const q = h('input', { type: 'search', placeholder: 'key or description' });
  const project = h('select', {}, h('option', { value: '' }, 'All projects'));
  const folder = h('input', { type: 'text', placeholder: 'e.g. support' });
  const list = h('div', { class: 'list', 'aria-live': 'polite' });
  const create = h('button', { type: 'button', 'data-needs': 'edit', onclick: () => openCreate(app) }, 'New deployment');
  view.append(
    h('div', { class: 'page-head' }, h('h1', {}, 'Deployments'), create),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); load(); } },
      field('Search', q), field('Project', project), field('Folder', folder)),
    list);

  const all = (await get('/api/deployments')).data;
  const projects = [...new Set(all.map((d) => d.project).filter(Boolean))].sort();
  project.append(...options(projects));

  let timer;
  const load = async () => {
    const params = new URLSearchParams();
    if (q.value) params.set('q', q.value);
    if (project.value) params.set('project', project.value);
    if (folder.value) params.set('folder', folder.value);
    const rows = (await get(`/api/deployments?${params}`)).data;
    renderList(list, rows);
  };
  q.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(load, 200); });
  folder.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(load, 200); });
  project.addEventListener('change', load);
  renderList(list, all);
}

function renderList(list, rows) {
  clear(list);
  if (!rows.length) {
    list.append(h('p', { class: 'empty' }, 'No deployments match.'));
    return;
  }
  const groups = new Map();
  for (const d of rows) {
    const g = `${d.project || '(no project)'} / ${d.folder || '(no folder)'}`;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(d);
  }
  for (const [group, items] of [...groups].sort()) {
    list.append(h('section', { class: 'group' }, h('h2', {}, group),
      h('table', { class: 'grid' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Key'), h('th', { scope: 'col' }, 'Description'),
          h('th', { scope: 'col' }, 'Live version'), h('th', { scope: 'col' }, 'Draft'), h('th', { scope: 'col' }, 'Updated'))),
        h('tbody', {}, items.map((d) => h('tr', {},
          h('td', {}, h('a', { href: `#/deployments/${enc(d.key)}` }, d.key)),
          h('td', {}, d.description || ''),
          h('td', {}, d.activeVersion ? `v${d.activeVersion}` : h('span', { class: 'badge muted' }, 'not deployed')),
          h('td', {}, `revision ${d.draftRevision}`),
          h('td', {}, fmtTime(d.updatedAt))))))));
  }
}

async function openCreate(app) {
  const models = await activeModels();
  const created = await dialog('New deployment', (close) => {
    const key = h('input', { type: 'text', required: true, 'data-path': 'key', pattern: '[A-Za-z0-9][A-Za-z0-9_.\\-]*', autofocus: true });
    const project = h('input', { type: 'text', 'data-path': 'project' });
    const folder = h('input', { type: 'text', 'data-path': 'folder' });
    const description = h('textarea', { rows: 2, 'data-path': 'description' });
    const variant = h('input', { type: 'text', value: 'default', required: true, 'data-path': 'variants[0].key' });
    const model = h('select', { 'data-path': 'variants[0].primary.model' }, options(modelChoices(models), models.length ? models.find((m) => m.model === 'echo')?.id || models[0].id : ''));
    const summary = h('div', { class: 'alert error', hidden: true, tabindex: '-1' });
    const submit = h('button', { type: 'submit' }, 'Create');
    const form = h('form', { class: 'dialog-body' }, summary,
      field('Key', key, 'Applications call the deployment by this key; letters, digits, - _ .'),
      h('div', { class: 'row' }, field('Project', project), field('Folder', folder, 'Use / for sub-folders')),
      field('Description', description),
      h('div', { class: 'row' }, field('First variant', variant), field('Primary model', model)),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => close() }, 'Cancel'), submit));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const [provider, ...rest] = model.value.split('/');
      const spec = {
        key: key.value.trim(), project: project.value.trim() || null, folder: folder.value.trim() || null,
        description: description.value.trim(),
        variants: [{
          key: variant.value.trim(),
          messages: [{ role: 'system', content: 'You are a helpful assistant.' }, { role: 'user', content: '{{question}}' }],
          primary: { provider, model: rest.join('/'), parameters: {}, retries: 0 },
        }],
        routing: { rules: [], defaultVariant: variant.value.trim() },
      };
      try {
        await busy(submit, 'Creating…', () => post('/api/deployments', spec));
        close(spec.key);
      } catch (err) {
        showErrors(form, err, summary);
      }
    });
    return form;
  });
  if (created) {
    toast(`Deployment ${created} created`, 'ok');
    app.navigate(`#/deployments/${enc(created)}`);
  }
}
