// Deploy and versions: deploy with a message after seeing test results and warnings; history; diff; rollback.
import { get, post, enc } from '../api.js';
import { h, clear, field, options, busy, showErrors, confirmDialog, toast, fmtTime } from '../dom.js';
import { refreshSummary } from './deployment.js';

export async function renderVersions(panel, ctx) {
  const [versions, settings, pending] = await Promise.all([
    get(`/api/deployments/${enc(ctx.key)}/versions`).then((r) => r.data),
    get(`/api/projects/${enc(ctx.state.summary.project)}/settings`),
    get(`/api/reviews?status=pending&deployment=${enc(ctx.key)}`).then((r) => r.data)]);
  const live = ctx.state.summary.activeVersion;
  const reviewed = settings.reviewsRequired;
  panel.append(deployCard(ctx, live, reviewed, pending[0]), historyCard(ctx, versions, live), diffCard(ctx, versions, live));
}

/** A deploy or rollback answered 202: it became a deploy request that someone else reviews. */
const isRequest = (answer) => answer && answer.status === 'pending' && answer.id;

function requestNote(r) {
  return h('p', { class: 'alert warn pending-request' }, `A deploy request by ${r.author.name} is waiting for review `,
    `(${r.kind === 'rollback' ? `roll back to v${r.rollbackOf}` : `draft revision ${r.draftRevision}`}). `,
    h('a', { href: `#/reviews?status=pending&deployment=${enc(r.deployment)}` }, 'Open it in Reviews'));
}

/** One line saying how the draft differs from the live version (after a rollback, say, they differ). */
async function draftVersusLive(ctx, live, box) {
  if (!live) return;
  const d = await get(`/api/deployments/${enc(ctx.key)}/diff?from=active&to=draft`);
  clear(box, d.changes.length
    ? `The draft differs from the live version v${live} in ${d.changes.length} place${d.changes.length === 1 ? '' : 's'} (see Compare below).`
    : `The draft is the same as the live version v${live}: deploying it changes nothing.`);
}

function deployCard(ctx, live, reviewed, pending) {
  const message = h('input', { type: 'text', placeholder: 'what changed, for the history', 'data-path': 'message' });
  const check = h('div', { class: 'checks', 'aria-live': 'polite' });
  const versusLive = h('p', { class: 'hint versus-live' });
  const summary = h('div', { class: 'alert error', hidden: true, tabindex: '-1', role: 'alert' });
  const deploy = h('button', { type: 'submit', disabled: true }, reviewed ? 'Request deploy' : 'Deploy');
  const review = h('button', { type: 'button', class: 'secondary' }, 'Check before deploying');
  const form = h('form', { class: 'card', 'data-needs': reviewed ? 'edit' : 'deploy' }, h('h2', {}, 'Deploy the draft'),
    h('p', { class: 'hint' }, reviewed
      ? 'This project requires reviews: requesting a deploy freezes the draft as it is now, and it goes live when someone else approves it on the Reviews page. Tests run first; a failing test refuses the request.'
      : 'Deploying freezes the draft as a new version and makes it live at once. Tests run first; a failing test refuses the deploy.'),
    pending ? requestNote(pending) : null, versusLive, summary, check,
    h('div', { class: 'row' }, field('Message', message), h('div', { class: 'field end buttons' }, review, deploy)));

  const runChecks = async () => {
    if (!(await ctx.saveIfDirty())) return;
    const [tests, checks] = await busy(review, 'Checking…', () => Promise.all([
      post(`/api/deployments/${enc(ctx.key)}/tests/run?version=draft`),
      get(`/api/deployments/${enc(ctx.key)}/checks?version=draft`)]));
    clear(check,
      h('h3', {}, 'Tests'),
      tests.results.length
        ? h('ul', { class: 'test-results' }, tests.results.map((r) => h('li', { class: r.passed ? 'pass' : 'fail' },
          r.passed ? '✓ ' : '✗ ', r.name, r.passed ? '' : ` — expected ${r.expectVariant}, got ${r.actualVariant} (${r.actualRule})`)))
        : h('p', { class: 'hint' }, 'No routing tests (add some in Simulator & tests).'),
      h('h3', {}, 'Warnings'),
      checks.warnings.length
        ? h('ul', { class: 'warnings' }, checks.warnings.map((w) => h('li', {}, '⚠ ', h('code', {}, w.path), ': ', w.message)))
        : h('p', { class: 'hint' }, 'None.'),
      h('p', { class: tests.failed ? 'alert error' : 'alert ok' }, tests.failed
        ? `${tests.failed} test(s) fail: fix them before deploying.`
        : `Ready to deploy revision ${ctx.state.revision}${checks.warnings.length ? ' (warnings do not block a deploy)' : ''}.`));
    deploy.disabled = tests.failed > 0;
    await draftVersusLive(ctx, live, versusLive).catch(() => {});
  };
  review.addEventListener('click', async () => { await runChecks(); if (!deploy.disabled) message.focus(); });
  // The tests and warnings are shown before anything can be deployed: run them as the tab opens.
  setTimeout(() => { if (review.isConnected && !form.hidden) runChecks().catch((e) => showErrors(form, e, summary)); }, 0);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!(await ctx.saveIfDirty())) return;
    try {
      const v = await busy(deploy, reviewed ? 'Requesting…' : 'Deploying…', () => post(`/api/deployments/${enc(ctx.key)}/deploy`, { message: message.value || undefined, revision: ctx.state.revision }));
      if (isRequest(v)) toast('Deploy requested: it goes live when someone else approves it on the Reviews page', 'ok');
      else toast(v.created ? `Deployed ${v.label}` : `Nothing changed since ${v.label}`, 'ok');
      await refreshSummary();
      ctx.rerender();
    } catch (err) {
      showErrors(form, err, summary);
    }
  });
  return form;
}

function historyCard(ctx, versions, live) {
  return h('section', { class: 'card' }, h('h2', {}, 'History'),
    versions.length ? h('table', { class: 'grid versions' },
      h('thead', {}, h('tr', {}, ['Version', 'When', 'Who', 'Message', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, versions.map((v) => h('tr', { class: v.number === live ? 'live' : '' },
        h('td', {}, v.label, v.number === live ? h('span', { class: 'badge ok' }, 'live') : null),
        h('td', {}, fmtTime(v.createdAt)), h('td', {}, v.author, v.approvedBy ? h('span', { class: 'hint approved-by' }, ` approved by ${v.approvedBy}`) : null),
        h('td', {}, v.message || '', v.rollbackOf ? h('span', { class: 'badge muted' }, `rollback of v${v.rollbackOf}`) : null),
        h('td', {}, v.number === live ? null : h('button', { type: 'button', class: 'secondary small', 'data-needs': 'deploy', onclick: (e) => rollback(ctx, v, e.currentTarget) }, `Roll back to ${v.label}`))))))
      : h('p', { class: 'empty' }, 'Not deployed yet.'));
}

async function rollback(ctx, v, button) {
  const ok = await confirmDialog(`Roll back to ${v.label}?`, `${v.label} is deployed again as a new version and goes live at once; its tests run first. The draft is left as it is.`, `Roll back to ${v.label}`);
  if (!ok) return;
  try {
    const made = await busy(button, 'Rolling back…', () => post(`/api/deployments/${enc(ctx.key)}/rollback`, { version: v.number }));
    if (isRequest(made)) toast(`Rollback to ${v.label} requested: it goes live when someone else approves it`, 'ok');
    else toast(`Rolled back: ${made.label} is live (same as ${v.label})`, 'ok');
    await refreshSummary();
    ctx.rerender();
  } catch (err) {
    toast(err.message, 'error');
  }
}

function diffCard(ctx, versions, live) {
  const refs = [['draft', 'the draft'], ...(live ? [['active', `live (v${live})`]] : []), ...versions.map((v) => [String(v.number), v.label])];
  const from = h('select', {}, options(refs, versions.length > 1 ? String(versions[1].number) : live ? 'active' : 'draft'));
  const to = h('select', {}, options(refs, versions.length > 1 ? String(versions[0].number) : 'draft'));
  const out = h('div', { 'aria-live': 'polite' });
  const compare = h('button', { type: 'submit', class: 'secondary' }, 'Compare');
  const form = h('form', { class: 'card' }, h('h2', {}, 'Compare versions'),
    h('div', { class: 'row' }, field('From', from), field('To', to), h('div', { class: 'field end' }, compare)), out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (to.value === 'draft' || from.value === 'draft') await ctx.saveIfDirty();
    try {
      const d = await busy(compare, 'Comparing…', () => get(`/api/deployments/${enc(ctx.key)}/diff?from=${enc(from.value)}&to=${enc(to.value)}`));
      clear(out, diffTable(d.changes));
    } catch (err) {
      showErrors(out, err, out);
    }
  });
  return form;
}

/** A field diff ({path, change, from, to} each) as a table, or "No differences." */
export function diffTable(changes, compact = false) {
  return changes.length ? h('table', { class: compact ? 'grid diff compact' : 'grid diff' },
    h('thead', {}, h('tr', {}, ['What', 'Change', 'Before', 'After'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, changes.map((c) => h('tr', { class: c.change },
      h('td', {}, h('code', {}, c.path)), h('td', {}, c.change),
      h('td', { class: 'before' }, show(c.from)), h('td', { class: 'after' }, show(c.to))))))
    : h('p', {}, 'No differences.');
}

const show = (v) => (v === undefined || v === null ? '' : h('pre', { class: 'val' }, typeof v === 'string' ? v : JSON.stringify(v, null, 2)));
