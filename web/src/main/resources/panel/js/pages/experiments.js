// The experiments of a deployment's live version (GET /api/deployments/{key}/experiments), shown with its analytics:
// per experiment its verdict, and per arm the requests it got, the goal's mean with its confidence interval, the
// difference from the control with its interval, the p-value and whether the difference is significant (mSPRT: the
// intervals stay valid however often one looks). Editors promote an arm (POST .../experiments/{rule}/promote): the
// draft then sends the row's traffic to it, and it goes live like any draft, when deployed.
import { get, post, enc } from '../api.js';
import { h, clear, busy, confirmDialog, toast, fmtTime } from '../dom.js';
import { fmtCost, fmtMs, fmtInt } from '../format.js';
import { guard } from '../access.js';
import { unsavedDraft, forgetDraft } from './deployment.js';

/** The experiments' section for `key`: painted as their results arrive; `onReady` runs once it is. */
export function experimentsSection(key, onReady = () => {}) {
  const box = h('section', { class: 'experiments', 'aria-label': 'Experiments', 'aria-live': 'polite' },
    h('h2', {}, 'Experiments'), h('p', {}, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' Loading the experiments…'));
  Promise.all([get(`/api/deployments/${enc(key)}/experiments`), get(`/api/deployments/${enc(key)}`)])
    .then(([answer, summary]) => {
      clear(box, h('h2', {}, 'Experiments'),
        h('p', { class: 'hint' }, 'A split row of the routing table with a goal is an experiment: each arm is compared with the first (the control). '
          + 'The intervals and p-values stay valid however often you look; a winner is named once every arm has its minimum sample.'),
        answer.data.length ? answer.data.map((e) => experimentCard(key, e))
          : h('p', { class: 'empty' }, 'No experiments in the live version. Give a split row of the ',
            h('a', { href: `#/deployments/${enc(key)}/routing` }, 'routing table'), ' a goal to start one.'));
      guard(box, { project: summary.project || null, folder: summary.folder || null }); // promote needs edit there
    })
    .catch((e) => clear(box, h('h2', {}, 'Experiments'), h('p', { class: 'alert error', role: 'alert' }, e.message)))
    .finally(() => onReady(box));
  return box;
}

const METRICS = { feedback: 'feedback', score: 'evaluator score', cost: 'cost per request', latency: 'latency', error_rate: 'error rate' };

function goalText(e) {
  const what = METRICS[e.metric] || e.metric;
  return `${what}${e.name ? ` “${e.name}”` : ''}, ${e.better} is better`;
}

/** How a value of the goal reads: a share in percent, a cost in dollars, a latency in ms, else a plain number. */
function formatter(e) {
  if (e.kind === 'proportion') return (v) => `${+(v * 100).toFixed(2)} %`;
  if (e.metric === 'cost') return fmtCost;
  if (e.metric === 'latency') return fmtMs;
  return (v) => String(+Number(v).toPrecision(3));
}

function experimentCard(key, e) {
  const fmt = formatter(e);
  const value = (v) => (v === null || v === undefined ? '–' : fmt(v));
  const signed = (v) => (v === null || v === undefined ? '–' : v > 0 ? `+${fmt(v)}` : v < 0 ? `−${fmt(-v)}` : fmt(0));
  const range = (lo, hi, f) => (lo === null || lo === undefined || hi === null || hi === undefined ? '' : ` (${f(lo)} to ${f(hi)})`);
  const pValue = (p) => (p === null || p === undefined ? '–' : p < 0.001 ? '< 0.001' : String(+p.toPrecision(2)));
  const out = h('div', { class: 'promote-result', 'aria-live': 'polite' });
  const status = e.winner ? h('span', { class: 'badge ok' }, `winner: ${e.winner}`)
    : h('span', { class: 'badge muted' }, e.enoughData ? 'no winner yet' : 'not enough data yet');
  const promoteWinner = h('button', { type: 'button', 'data-needs': 'edit',
    onclick: () => promote(key, e, e.winner || null, promoteWinner, out) }, e.winner ? `Promote the winner, ${e.winner}` : 'Promote the winner');
  return h('section', { class: 'card experiment', 'aria-label': `Experiment ${e.rule}` },
    h('div', { class: 'section-head' }, h('h3', {}, 'Rule ', h('code', {}, e.rule), status),
      h('a', { href: `#/deployments/${enc(key)}/routing` }, 'Open the routing table')),
    e.description ? h('p', { class: 'hint' }, e.description) : null,
    h('p', { class: 'verdict' }, e.verdict),
    h('p', { class: 'meta' }, `Goal: ${goalText(e)}. Since v${e.sinceVersion} (${fmtTime(e.since)}); ${e.test}, α = ${e.alpha}; `
      + `a winner needs ${fmtInt(e.minSample)} requests per arm.`),
    h('div', { class: 'grid-wrap' }, h('table', { class: 'grid arms' },
      h('caption', { class: 'sr-only' }, `Arms of the experiment ${e.rule}, compared with the control ${e.control}`),
      h('thead', {}, h('tr', {}, ['Arm', 'Share', 'Requests', `Mean ${METRICS[e.metric] || e.metric} (interval)`,
        `Difference from ${e.control} (interval)`, 'p-value', 'Significant', ''].map((c, i) => h('th', { scope: 'col', class: i && i < 6 ? 'num' : null }, c)))),
      h('tbody', {}, e.arms.map((a) => {
        const control = a.arm === e.control;
        const button = h('button', { type: 'button', class: 'secondary small', 'data-needs': 'edit',
          onclick: () => promote(key, e, a.arm, button, out, true) }, `Promote ${a.arm}`);
        return h('tr', { class: a.arm === e.winner ? 'winner' : null },
          h('th', { scope: 'row' }, a.arm, control ? h('span', { class: 'badge muted' }, 'control') : null,
            a.arm === e.winner ? h('span', { class: 'badge ok' }, 'winner') : null),
          h('td', { class: 'num' }, a.percent === undefined ? '–' : `${a.percent} %`),
          h('td', { class: 'num' }, fmtInt(a.n)),
          h('td', { class: 'num' }, value(a.mean), range(a.meanLow, a.meanHigh, value)),
          h('td', { class: 'num' }, control ? '–' : [signed(a.difference), range(a.differenceLow, a.differenceHigh, signed)]),
          h('td', { class: 'num' }, control ? '–' : pValue(a.pValue)),
          h('td', {}, control ? '–' : a.significant ? (a.better ? 'yes, better' : 'yes, worse') : 'no'),
          h('td', {}, button));
      })))),
    h('div', { class: 'actions start', 'data-needs': 'edit' }, promoteWinner),
    out);
}

/**
 * Writes the draft that sends the row's traffic to `arm` (the winner when null: the gateway decides, and says 409
 * when there is none), then says what changed with links to the routing table and the deploy tab.
 */
async function promote(key, e, arm, button, out, ask = false) {
  clear(out);
  if (unsavedDraft(key)) {
    out.append(h('p', { class: 'alert error', role: 'alert' }, `The draft of ${key} has unsaved changes: save or discard them first (`,
      h('a', { href: `#/deployments/${enc(key)}/routing` }, 'open the draft'), ').'));
    return;
  }
  if (ask && arm !== e.winner) {
    const why = e.winner ? `The experiment's winner is ${e.winner}, not ${arm}.` : 'The experiment has no winner yet.';
    const ok = await confirmDialog(`Promote ${arm}?`, `${why} The draft will send all of rule ${e.rule}'s traffic to ${arm}, `
      + 'without the split and the experiment; it goes live when the draft is deployed.', `Promote ${arm}`);
    if (!ok) return;
  }
  try {
    const draft = await busy(button, 'Promoting…', () => post(`/api/deployments/${enc(key)}/experiments/${enc(e.rule)}/promote`, arm ? { arm } : {}));
    forgetDraft(key);
    const row = (draft.spec.routing.rules || []).find((r) => r.id === e.rule);
    const chosen = row && row.variant ? row.variant : arm;
    toast(`Draft revision ${draft.revision}: rule ${e.rule} now sends its traffic to ${chosen}`, 'ok');
    out.append(h('p', { class: 'alert ok promoted' }, `The draft (revision ${draft.revision}) now sends all of rule ${e.rule}'s traffic to `,
      h('strong', {}, chosen), '. ', h('a', { href: `#/deployments/${enc(key)}/routing` }, 'See it in the routing table'), ' · ',
      h('a', { href: `#/deployments/${enc(key)}/versions` }, 'Deploy the draft'), ' to make it live.'));
  } catch (err) {
    out.append(h('p', { class: 'alert error', role: 'alert' }, err.message));
  }
}
