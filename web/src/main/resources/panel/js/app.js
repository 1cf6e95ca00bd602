// The panel's entry: session check, who is signed in and may do what (access.js), hash routing, navigation.
import { api, setCsrf, whenSignedOut } from './api.js';
import { h, clear, toast } from './dom.js';
import { loadMe, me, forget, applyNeeds, permits, guard } from './access.js';
import { renderLogin } from './pages/login.js';
import { renderWelcome } from './pages/welcome.js';
import { renderPeople } from './pages/people.js';
import { renderDeployments } from './pages/deployments.js';
import { renderDeployment } from './pages/deployment.js';
import { renderModels } from './pages/models.js';
import { renderProviders } from './pages/providers.js';
import { renderKeys } from './pages/keys.js';
import { renderAnalytics } from './pages/analytics.js';
import { renderLogs } from './pages/logs.js';
import { renderLimits } from './pages/limits.js';
import { renderAudit } from './pages/audit.js';
import { renderReviews } from './pages/reviews.js';

const main = document.getElementById('main');
let session = null;

/** Pages anyone may open, signed in or not (a one-time link is opened by someone without a password yet). */
const PUBLIC = [/^#\/login/, /^#\/welcome/];

const routes = [
  [/^#\/login/, renderLogin],
  [/^#\/welcome/, renderWelcome],
  [/^#\/people(?:\/([^/]+))?\/?$/, renderPeople, 'admin'],
  [/^#\/deployments\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/, renderDeployment],
  [/^#\/deployments\/?$/, renderDeployments],
  [/^#\/models/, renderModels],
  [/^#\/providers/, renderProviders, 'admin'],
  [/^#\/keys/, renderKeys, 'admin'],
  [/^#\/analytics(?:\/([^/]+))?\/?$/, renderAnalytics],
  [/^#\/logs(?:\/([^/]+))?\/?$/, renderLogs],
  [/^#\/limits(?:\/([^/]+))?\/?$/, renderLimits, 'admin'],
  [/^#\/audit\/?$/, renderAudit, 'admin'],
  [/^#\/reviews\/?$/, renderReviews],
];

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

async function loadSession() {
  try {
    session = await api('GET', '/panel/session');
    setCsrf(session.csrfToken);
    await loadMe();
  } catch {
    session = null;
    forget();
  }
  renderChrome();
}

export async function signedIn(s) {
  session = s;
  setCsrf(s.csrfToken);
  await loadMe();
  renderChrome();
  navigate('#/deployments');
}

function renderChrome() {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  nav.hidden = !session;
  // nav entries: shown with their permission (data-needs) and only when the panel has their page (#/audit say)
  nav.querySelectorAll('a').forEach((a) => {
    a.hidden = !routes.some(([pattern]) => pattern.test(a.getAttribute('href')));
    a.removeAttribute('inert');
  });
  if (session && me()) applyNeeds(nav, me());
  clear(who);
  if (session) {
    who.append(h('span', {}, 'Signed in as ', h('strong', {}, session.name)),
      h('button', { type: 'button', class: 'secondary small', onclick: signOut }, 'Sign out'));
  }
}

async function signOut() {
  try { await api('POST', '/panel/logout'); } catch { /* the session may be gone already */ }
  session = null;
  forget();
  setCsrf(null);
  renderChrome();
  navigate('#/login');
}

whenSignedOut(() => {
  if (!session) return;
  session = null;
  forget();
  renderChrome();
  toast('Your session has ended. Please sign in again.', 'error');
  navigate('#/login');
});

let current = 0;
async function route() {
  const hash = location.hash || '#/deployments';
  if (!session && !PUBLIC.some((p) => p.test(hash))) {
    location.replace('#/login');
    return;
  }
  document.querySelectorAll('#nav a').forEach((a) => {
    const active = hash.startsWith(a.getAttribute('href'));
    if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  const ticket = ++current;
  // #/path?query: the query (filters of the logs and analytics pages) goes to the page as URLSearchParams
  const cut = hash.indexOf('?');
  const path = cut < 0 ? hash : hash.slice(0, cut);
  const query = new URLSearchParams(cut < 0 ? '' : hash.slice(cut + 1));
  for (const [pattern, render, needs] of routes) {
    const m = path.match(pattern);
    if (m) {
      const view = h('div', { class: 'view' });
      clear(main, view);
      if (session && me()) guard(view); // data-needs on any page: hidden without the permission (held anywhere)
      if (needs && session && !permits(me(), needs)) {
        view.append(h('h1', {}, 'Not available'), h('p', {}, `This page needs the ${needs} role, which you do not have. `,
          h('a', { href: '#/deployments' }, 'Back to deployments')));
        return;
      }
      try {
        await render(view, m.slice(1).map((p) => (p ? decodeURIComponent(p) : p)), { session, me: me(), navigate, signedIn, query, isCurrent: () => ticket === current });
      } catch (e) {
        view.append(h('div', { class: 'alert error', role: 'alert' }, e.message));
      }
      const heading = main.querySelector('h1');
      if (heading && !main.contains(document.activeElement)) {
        heading.setAttribute('tabindex', '-1');
        heading.focus({ preventScroll: true });
      }
      return;
    }
  }
  clear(main, h('div', { class: 'view' }, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/deployments' }, 'Back to deployments'))));
}

window.addEventListener('hashchange', route);
await loadSession();
route();
