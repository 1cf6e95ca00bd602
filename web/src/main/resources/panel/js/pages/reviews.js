// Reviews: deploy requests of projects that require reviews, each with its diff, test results, replay summary and
// warnings; another person approves or rejects it (a comment is required to reject); its author may withdraw it.
// Below, the project settings: whether a project's deploys need a review (administrators).
import { get, post, put, enc } from '../api.js';
import { h, clear, field, options, busy, showErrors, toast, fmtTime } from '../dom.js';
import { diffTable } from './versions.js';

const STATUSES = [['pending', 'Pending'], ['approved', 'Approved'], ['rejected', 'Rejected'], ['superseded', 'Superseded'], ['withdrawn', 'Withdrawn'], ['', 'All']];

export async function renderReviews(view, _params, app) {
  const status = app.query.get('status') ?? 'pending';
  const deployment = app.query.get('deployment') || '';
  const list = h('div', { class: 'reviews', 'aria-live': 'polite' });
  const filter = h('select', { onchange: () => app.navigate(`#/reviews?status=${enc(filter.value)}${deployment ? `&deployment=${enc(deployment)}` : ''}`) },
    options(STATUSES, status));
  view.append(
    h('div', { class: 'page-head' }, h('h1', {}, 'Reviews')),
    h('p', { class: 'hint' }, 'In a project that requires reviews, a deploy becomes a request: someone other than its author approves it (the exact snapshot is deployed) or rejects it with a comment.'),
    h('div', { class: 'row' }, field('Status', filter), deployment ? h('p', {}, 'Deployment ', h('code', {}, deployment), ' · ', h('a', { href: `#/reviews?status=${enc(status)}` }, 'all deployments')) : null),
    list,
    await settingsCard());
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (deployment) query.set('deployment', deployment);
  const reviews = (await get(`/api/reviews?${query}`)).data;
  if (!app.isCurrent()) return;
  clear(list, reviews.length ? reviews.map((r) => reviewCard(r, app)) : h('p', { class: 'empty' }, status === 'pending' ? 'No deploy request is waiting for a review.' : 'No deploy requests.'));
}

const who = (actor) => (actor ? actor.name : '');
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

function reviewCard(r, app) {
  // The server refuses an author's own approval; the panel does not offer it. (Today a principal is its admin token's name.)
  const mine = app.session && r.author.name === app.session.name;
  const what = r.kind === 'rollback' ? `Roll back to v${r.rollbackOf}` : r.kind === 'import' ? 'Deploy an import' : `Deploy draft revision ${r.draftRevision}`;
  const card = h('article', { class: 'card review', 'aria-label': `Deploy request for ${r.deployment}` },
    h('h2', {}, h('a', { href: `#/deployments/${enc(r.deployment)}/versions` }, r.deployment), ' ', h('span', { class: `badge ${r.status === 'pending' ? 'warn' : r.status === 'approved' ? 'ok' : 'muted'}` }, r.status)),
    h('p', { class: 'meta' }, `${what} · requested by `, h('strong', {}, who(r.author)), ` · ${fmtTime(r.createdAt)}`,
      r.baseVersion ? ` · against live v${r.baseVersion}` : ' · first deploy'),
    r.message ? h('blockquote', { class: 'message' }, r.message) : null,
    changes(r), tests(r), replay(r), warnings(r),
    r.status === 'pending' ? null : h('p', { class: 'decision' }, `${r.status[0].toUpperCase()}${r.status.slice(1)}`,
      r.decidedBy ? ` by ${r.decidedBy.name}` : '', r.decidedAt ? ` · ${fmtTime(r.decidedAt)}` : '',
      r.deployedVersion ? ` · deployed as v${r.deployedVersion}` : '', r.comment ? h('span', {}, ': ', h('q', {}, r.comment)) : null));
  if (r.status === 'pending') card.append(mine ? withdrawForm(r, app) : decideForm(r, app));
  return card;
}

function changes(r) {
  if (!r.baseVersion) return h('section', {}, h('h3', {}, 'Changes'), h('p', { class: 'hint' }, 'The first deploy of this deployment: everything is new.'));
  return h('section', {}, h('h3', {}, `Changes (${r.changes.length})`), diffTable(r.changes, true));
}

function tests(r) {
  const t = r.tests;
  return h('section', {}, h('h3', {}, 'Tests'), t.results.length
    ? h('p', { class: t.failed ? 'alert error' : 'alert ok' }, `${plural(t.passed, 'test')} passed`, t.failed ? `, ${t.failed} failed` : '')
    : h('p', { class: 'hint' }, 'No routing tests.'));
}

function replay(r) {
  const p = r.replay;
  return h('section', {}, h('h3', {}, 'Replay of recent traffic'), p.requests
    ? h('div', {}, h('p', { class: 'replay-summary' }, `${p.changed} of ${plural(p.requests, 'recent request')} would go to another variant.`),
      h('table', { class: 'grid compact' }, h('thead', {}, h('tr', {}, ['Variant', 'Before', 'After'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, p.shares.map((s) => h('tr', {}, h('td', {}, s.variant), h('td', { class: 'num' }, s.before), h('td', { class: 'num' }, s.after))))))
    : h('p', { class: 'hint' }, 'No logged traffic to replay.'));
}

function warnings(r) {
  return h('section', {}, h('h3', {}, 'Warnings'), r.warnings.length
    ? h('ul', { class: 'warnings' }, r.warnings.map((w) => h('li', {}, '⚠ ', h('code', {}, w.path), ': ', w.message)))
    : h('p', { class: 'hint' }, 'None.'));
}

function decideForm(r, app) {
  const comment = h('textarea', { rows: 2, 'data-path': 'comment', placeholder: 'required to reject' });
  const summary = h('div', { class: 'alert error', hidden: true, tabindex: '-1', role: 'alert' });
  const approve = h('button', { type: 'button' }, 'Approve and deploy');
  const reject = h('button', { type: 'button', class: 'secondary' }, 'Reject');
  const form = h('div', { class: 'decide' }, summary, field('Comment', comment), h('div', { class: 'buttons' }, approve, reject));
  const decide = (button, verb, label) => async () => {
    try {
      const done = await busy(button, label, () => post(`/api/reviews/${enc(r.id)}/${verb}`, { comment: comment.value || undefined }));
      toast(verb === 'approve' ? `Approved: v${done.deployedVersion} of ${r.deployment} is live` : `Rejected the request for ${r.deployment}`, 'ok');
      app.navigate(location.hash);
    } catch (err) {
      showErrors(form, err, summary);
    }
  };
  approve.addEventListener('click', decide(approve, 'approve', 'Deploying…'));
  reject.addEventListener('click', decide(reject, 'reject', 'Rejecting…'));
  return form;
}

function withdrawForm(r, app) {
  const withdraw = h('button', { type: 'button', class: 'secondary' }, 'Withdraw');
  withdraw.addEventListener('click', async () => {
    try {
      await busy(withdraw, 'Withdrawing…', () => post(`/api/reviews/${enc(r.id)}/withdraw`, {}));
      toast('Request withdrawn', 'ok');
      app.navigate(location.hash);
    } catch (err) {
      toast(err.message, 'error');
    }
  });
  return h('div', { class: 'decide' }, h('p', { class: 'hint' }, 'This is your request: someone else reviews it.'), withdraw);
}

/** Whether a project requires reviews: the projects are those of the deployments. */
async function settingsCard() {
  const projects = [...new Set((await get('/api/deployments')).data.map((d) => d.project))].sort();
  const project = h('select', {}, options(projects.length ? projects : ['default']));
  const required = h('input', { type: 'checkbox', id: 'reviews-required' });
  const save = h('button', { type: 'submit' }, 'Save');
  const summary = h('div', { class: 'alert error', hidden: true, tabindex: '-1', role: 'alert' });
  const load = async () => { required.checked = (await get(`/api/projects/${enc(project.value)}/settings`)).reviewsRequired; };
  project.addEventListener('change', () => load().catch((e) => toast(e.message, 'error')));
  const form = h('form', { class: 'card', 'aria-label': 'Project settings' }, h('h2', {}, 'Project settings'), summary,
    h('div', { class: 'row' }, field('Project', project),
      h('div', { class: 'field end' }, h('label', { for: required.id }, required, ' Require reviews for deploys')),
      h('div', { class: 'field end' }, save)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const s = await busy(save, 'Saving…', () => put(`/api/projects/${enc(project.value)}/settings`, { reviewsRequired: required.checked }));
      toast(s.reviewsRequired ? `Deploys in ${s.project} now need a review` : `Deploys in ${s.project} go live without review`, 'ok');
    } catch (err) {
      showErrors(form, err, summary);
    }
  });
  await load();
  return form;
}
