// Grants as the panel edits and shows them: rows of role + scope + bodies, and one-line summaries.
import { h, clear, field, options, uid } from './dom.js';

export const ROLES = [
  ['viewer', 'viewer: analytics and logs'],
  ['analyst', 'analyst: + edit drafts, routing, tests, simulator'],
  ['deployer', 'deployer: + deploy and roll back'],
  ['admin', 'admin: + providers, models, keys, people'],
];

/** "analyst on support/emea, with bodies"; "*" reads as "everything". */
export function describeGrant(g) {
  const where = !g.scope || g.scope === '*' ? 'everything' : g.scope;
  return `${g.role} on ${where}${g.bodies && g.role !== 'admin' ? ', with bodies' : ''}`;
}

export const describeGrants = (grants) => (grants && grants.length ? grants.map(describeGrant).join('; ') : 'no access');

/**
 * An editor of a list of grants (rows of role, scope, bodies). Controls carry data-path grants[i].role|scope|bodies,
 * so the gateway's 422 errors land next to them. value() gives the list to send.
 */
export function grantsEditor(initial, { path = 'grants' } = {}) {
  const rows = (initial && initial.length ? initial : [{ role: 'viewer', scope: '*', bodies: false }]).map((g) => ({ ...g }));
  const body = h('tbody');
  const legendId = uid('grants');
  const paint = () => {
    clear(body, rows.map((g, i) => {
      const n = i + 1;
      const role = h('select', { 'aria-label': `Grant ${n} role`, 'data-path': `${path}[${i}].role`, onchange: () => { g.role = role.value; } }, options(ROLES, g.role));
      const scope = h('input', { type: 'text', value: g.scope || '*', size: 18, 'aria-label': `Grant ${n} scope`, 'data-path': `${path}[${i}].scope`,
        placeholder: '* or project or project/folder', oninput: () => { g.scope = scope.value; } });
      const bodies = h('input', { type: 'checkbox', checked: !!g.bodies, 'aria-label': `Grant ${n} may read prompt and answer bodies`, 'data-path': `${path}[${i}].bodies`,
        onchange: () => { g.bodies = bodies.checked; } });
      const remove = h('button', { type: 'button', class: 'icon danger', 'aria-label': `Remove grant ${n}`, onclick: () => { rows.splice(i, 1); paint(); } }, '✕');
      return h('tr', {}, h('td', {}, role), h('td', {}, scope), h('td', {}, bodies), h('td', {}, remove));
    }));
    if (!rows.length) body.append(h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'No grants: this person can sign in but see nothing.')));
  };
  const add = h('button', { type: 'button', class: 'secondary small', onclick: () => {
    rows.push({ role: 'viewer', scope: '*', bodies: false });
    paint();
    body.querySelector('tr:last-child select')?.focus();
  } }, 'Add grant');
  paint();
  const element = h('fieldset', { class: 'grants', 'data-path': path, 'aria-labelledby': legendId },
    h('legend', { id: legendId }, 'Roles'),
    h('p', { class: 'hint' }, 'Scope: * for everything, a project (support) or a folder in one (support/emea, with its subfolders). '
      + 'Bodies: may read prompts and answers in the logs (admins always may).'),
    h('table', { class: 'grid compact' }, h('thead', {}, h('tr', {}, ['Role', 'Scope', 'Bodies', ''].map((c) => h('th', { scope: 'col' }, c)))), body),
    h('div', { class: 'actions start' }, add));
  return { element, value: () => rows.map((g) => ({ role: g.role, scope: (g.scope || '').trim() || '*', bodies: !!g.bodies })) };
}

/** A role select, a scope and a bodies box for one grant (service accounts have one). */
export function singleGrantFields(g = { role: 'admin', scope: '*', bodies: false }) {
  const role = h('select', { 'data-path': 'role' }, options(ROLES.map(([v]) => [v, v]), g.role));
  const scope = h('input', { type: 'text', value: g.scope || '*', size: 14, 'data-path': 'scope', placeholder: '* or project/folder' });
  const bodies = h('input', { type: 'checkbox', checked: !!g.bodies, 'data-path': 'bodies' });
  return {
    fields: [field('Role', role), field('Scope', scope), field('Bodies', bodies)],
    value: () => ({ role: role.value, scope: scope.value.trim() || '*', bodies: bodies.checked }),
    reset: () => { role.value = 'admin'; scope.value = '*'; bodies.checked = false; },
  };
}
