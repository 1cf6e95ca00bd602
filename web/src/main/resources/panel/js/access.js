// Who is signed in (GET /api/me) and what they may do where. The panel hides what a person cannot do rather than
// letting them fail on click: pages mark controls with data-needs="edit|deploy|admin|readBodies" (hidden without
// the permission) or a container with data-read-only-unless="edit" (its controls read-only, its buttons hidden,
// except those marked data-view), and guard() applies both in one place, also to what a page paints later.
import { get, ApiError } from './api.js';

const ROLES = ['viewer', 'analyst', 'deployer', 'admin'];
/** The least role that holds each permission (roles are cumulative); readBodies also comes with a grant's bodies flag. */
const LEAST = { view: 'viewer', edit: 'analyst', deploy: 'deployer', admin: 'admin', readBodies: 'admin' };

/** Before the gateway knew people and roles, every signed-in token was an admin on everything. */
export const EVERYTHING = Object.freeze({
  kind: 'bootstrap', id: null, name: null, email: null, grants: [{ role: 'admin', scope: '*', bodies: true }],
  can: { view: true, edit: true, deploy: true, admin: true, readBodies: true },
  scopes: { view: ['*'], edit: ['*'], deploy: ['*'] },
});

let current = null;

/** Reads GET /api/me; a gateway without it (404) gets {@link EVERYTHING}, as every token could do everything there. */
export async function loadMe() {
  try {
    current = await get('/api/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) current = EVERYTHING;
    else throw e;
  }
  return current;
}

export const me = () => current;
export function forget() { current = null; }

/** "/support/emea/" -> "support/emea"; blank -> "*" (as the gateway's Grant.normalize). */
export function normalize(scope) {
  if (scope === null || scope === undefined || String(scope).trim() === '' || String(scope).trim() === '*') return '*';
  const parts = String(scope).split('/').map((p) => p.trim()).filter(Boolean);
  return parts.length ? parts.join('/') : '*';
}

/**
 * Whether a grant's scope covers what lives in `project` at `folder`: "*" covers everything; "P" covers the project P
 * and all its folders; "P/F" the folder F and its subfolders, by whole path segments ("support/em" does not cover
 * "support/emea"). What belongs to no project is covered by "*" only.
 */
export function covers(scope, project, folder) {
  const s = normalize(scope);
  if (s === '*') return true;
  if (!project) return false;
  const place = normalize(`${project}/${folder || ''}`);
  return place === s || place.startsWith(`${s}/`);
}

function roleHolds(role, perm) {
  const least = LEAST[perm];
  return least !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(least) && ROLES.indexOf(role) >= 0;
}

/** The scopes where `perm` is held: me.scopes[perm] when the gateway lists it, else worked out from the grants. */
function scopesOf(who, perm) {
  if (who.scopes && Array.isArray(who.scopes[perm])) return who.scopes[perm];
  return (who.grants || []).filter((g) => roleHolds(g.role, perm) || (perm === 'readBodies' && g.bodies)).map((g) => g.scope);
}

/**
 * Whether `who` holds `perm` ("view", "edit", "deploy", "admin", "readBodies") on `project`/`folder`; without a
 * project argument (undefined), whether it is held somewhere (the me.can flags). admin only counts on "*".
 */
export function permits(who, perm, project, folder) {
  if (!who) return false;
  if (perm === 'admin') return !!(who.can ? who.can.admin : scopesOf(who, 'admin').some((s) => normalize(s) === '*'));
  if (project === undefined) return !!(who.can ? who.can[perm] : scopesOf(who, perm).length);
  return scopesOf(who, perm).some((s) => covers(s, project, folder));
}

const CONTROLS = 'input, select, textarea, button';

/** Applies data-needs and data-read-only-unless under `root` once, for `place` ({project, folder}, or none: anywhere). */
export function applyNeeds(root, who = current, place) {
  const ok = (perm) => (place ? permits(who, perm, place.project || null, place.folder || null) : permits(who, perm));
  const scan = (sel) => [...(root.matches && root.matches(sel) ? [root] : []), ...root.querySelectorAll(sel)];
  for (const el of scan('[data-needs]')) {
    const allowed = el.dataset.needs.split(/\s+/).every(ok);
    if (!allowed) { el.hidden = true; el.setAttribute('inert', ''); el.dataset.deniedBy = el.dataset.needs; }
  }
  for (const box of scan('[data-read-only-unless]')) {
    if (ok(box.dataset.readOnlyUnless)) continue;
    box.classList.add('read-only');
    for (const d of box.querySelectorAll('[draggable="true"]')) d.draggable = false;
    for (const c of box.querySelectorAll(CONTROLS)) {
      if (c.closest('[data-view]')) continue;
      if (c.tagName === 'BUTTON') c.hidden = true;
      else if ((c.tagName === 'INPUT' && !['checkbox', 'radio', 'file', 'range', 'color'].includes(c.type)) || c.tagName === 'TEXTAREA') c.readOnly = true;
      else c.disabled = true;
    }
  }
}

/**
 * applyNeeds now and whenever something is painted under `root` later (tabs and editors repaint themselves), so no
 * page has to remember it. Stops by itself when `root` leaves the page.
 */
export function guard(root, place, who = current) {
  applyNeeds(root, who, place);
  let pending = false;
  const observer = new MutationObserver(() => {
    if (!root.isConnected) { observer.disconnect(); return; }
    if (pending) return;
    pending = true;
    queueMicrotask(() => { pending = false; applyNeeds(root, who, place); });
  });
  observer.observe(root, { childList: true, subtree: true });
  // a read-only box never submits, whatever a form inside it would do
  root.addEventListener('submit', (e) => { if (e.target.closest('.read-only')) e.preventDefault(); }, true);
  return observer;
}
