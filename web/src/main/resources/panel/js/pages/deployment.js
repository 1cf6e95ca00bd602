// One deployment: its draft held here while the tabs edit it (variants, routing, simulator & tests, settings, deploy &
// versions). Its experiments are shown with its analytics (experiments.js).
import { get, put, enc, ApiError } from '../api.js';
import { h, clear, showErrors, busy, toast } from '../dom.js';
import { renderVariants } from './variant-editor.js';
import { renderRouting } from './routing-editor.js';
import { renderSimulator } from './simulator.js';
import { renderVersions } from './versions.js';
import { renderSettings } from './deployment-settings.js';
import { guard, permits } from '../access.js';

const TABS = [['variants', 'Variants'], ['routing', 'Routing'], ['simulator', 'Simulator & tests'], ['settings', 'Settings'],
  ['versions', 'Deploy & versions']];
/** The tabs only editors see (the others see the rest read-only). */
const EDITORS_ONLY = new Set(['simulator', 'settings']);
/** What each tab needs beyond viewing: the panel of a tab is read-only without it (data-read-only-unless). */
const TAB_NEEDS = { variants: 'edit', routing: 'edit', simulator: 'edit', settings: 'edit' };
let state = null;

window.addEventListener('beforeunload', (e) => { if (state && state.dirty) e.preventDefault(); });

async function load(key) {
  const [summary, draft] = await Promise.all([get(`/api/deployments/${enc(key)}`), get(`/api/deployments/${enc(key)}/draft`)]);
  state = { key, summary, revision: draft.revision, spec: draft.spec, dirty: false, errors: [], warnings: [] };
  await refreshWarnings();
}

async function refreshWarnings() {
  try {
    state.warnings = (await get(`/api/deployments/${enc(state.key)}/checks?version=draft`)).warnings;
  } catch {
    state.warnings = [];
  }
}

export async function renderDeployment(view, [key, tab = 'variants', sub], app) {
  if (!state || state.key !== key) await load(key);
  // who may do what here: edit (draft, routing, tests, simulator, replay) and deploy on this project and folder
  const place = { project: state.summary.project || null, folder: state.summary.folder || null };
  const canEdit = permits(app.me, 'edit', place.project, place.folder);
  if (!TABS.some(([t]) => t === tab) || (EDITORS_ONLY.has(tab) && !canEdit)) tab = 'variants';
  const saveButton = h('button', { type: 'button', onclick: () => save() }, 'Save draft');
  const discard = h('button', { type: 'button', class: 'secondary', onclick: async () => { await load(key); rerender(); } }, 'Discard changes');
  const status = h('span', { class: 'status', 'aria-live': 'polite' });
  const summaryBox = h('div', { class: 'alert error', hidden: true, tabindex: '-1', role: 'alert' });
  const panel = h('section', { class: 'tab-panel', 'aria-label': TABS.find(([t]) => t === tab)[1], 'data-read-only-unless': TAB_NEEDS[tab] });

  const ctx = {
    get spec() { return state.spec; },
    get state() { return state; },
    app, key, sub,
    markDirty() {
      state.dirty = true;
      paintStatus();
    },
    rerender,
    save,
    async saveIfDirty() { if (state.dirty) return save(); return true; },
    async reload() { await load(key); rerender(); },
    go(hash) { app.navigate(hash); },
  };

  function paintStatus() {
    clear(status, state.dirty ? h('span', { class: 'badge warn' }, 'Unsaved changes') : h('span', { class: 'badge muted' }, `Draft revision ${state.revision} saved`));
    saveButton.disabled = !state.dirty;
    discard.hidden = !state.dirty;
  }

  async function save() {
    try {
      const saved = await busy(saveButton, 'Saving…', () => put(`/api/deployments/${enc(key)}/draft`, { revision: state.revision, spec: state.spec }));
      state.revision = saved.revision;
      state.spec = saved.spec;
      state.dirty = false;
      state.errors = [];
      await refreshWarnings();
      toast('Draft saved', 'ok');
      rerender();
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        state.errors = [];
        showErrors(view, new ApiError(409, { message: `Someone saved this draft meanwhile (revision ${err.body.current_revision}). Discard your changes to load theirs.` }), summaryBox);
      } else {
        state.errors = err.errors || [];
        showErrors(view, err, summaryBox);
      }
      return false;
    }
  }

  function rerender() {
    if (!app.isCurrent()) return;
    clear(panel);
    const s = state.summary;
    summaryBox.hidden = true;
    const panes = { variants: renderVariants, routing: renderRouting, simulator: renderSimulator, settings: renderSettings, versions: renderVersions };
    Promise.resolve(panes[tab](panel, ctx)).then(() => {
      paintStatus();
      if (state.errors.length) showErrors(view, new ApiError(422, { message: 'invalid draft', errors: state.errors }), summaryBox);
    }).catch((e) => panel.append(h('div', { class: 'alert error', role: 'alert' }, e.message)));
    clear(meta, s.project ? `${s.project} / ${s.folder || ''}` : '', ' · ',
      s.activeVersion ? h('span', { class: 'badge ok' }, `live: v${s.activeVersion}`) : h('span', { class: 'badge muted' }, 'not deployed yet'));
  }

  const meta = h('p', { class: 'meta' });
  view.append(
    h('p', { class: 'crumbs' }, h('a', { href: '#/deployments' }, 'Deployments'), ' / ', key),
    h('div', { class: 'page-head' }, h('h1', {}, key), h('div', { class: 'toolbar' }, status, h('span', { class: 'toolbar', 'data-needs': 'edit' }, discard, saveButton))),
    meta,
    canEdit ? '' : h('p', { class: 'alert read-only-note', role: 'note' }, 'Read only: editing this deployment needs the analyst role on ',
      h('code', {}, place.project ? [place.project, place.folder ? `/${place.folder}` : ''].join('') : '*'), '.'),
    h('p', { class: 'page-links' }, h('a', { href: `#/logs?deployment=${enc(key)}` }, 'Logs of this deployment'),
      h('a', { href: `#/analytics/${enc(key)}` }, 'Analytics'), h('a', { href: `#/analytics/${enc(key)}?show=experiments` }, 'Experiments')),
    h('nav', { class: 'tabs', 'aria-label': 'Deployment sections' }, TABS.map(([t, label]) =>
      h('a', { href: `#/deployments/${enc(key)}/${t}`, 'aria-current': t === tab ? 'page' : null, 'data-needs': EDITORS_ONLY.has(t) ? 'edit' : null }, label))),
    summaryBox,
    panel);
  guard(view, place, app.me);
  rerender();
}

/** Whether the page holds unsaved changes to this deployment's draft. */
export const unsavedDraft = (key) => !!(state && state.key === key && state.dirty);

/** Drops the draft held here, so the next visit reads it again (after something else wrote it: a promotion). */
export function forgetDraft(key) {
  if (state && state.key === key) state = null;
}

/** Refreshes the deployment's summary (live version) after a deploy or rollback. */
export async function refreshSummary() {
  if (state) state.summary = await get(`/api/deployments/${enc(state.key)}`);
}
