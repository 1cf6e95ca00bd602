// A page whose data source is not there yet: says so, and what it will show.
import { h } from '../dom.js';

export function comingSoon(view, title, what, api) {
  view.append(h('div', { class: 'page-head' }, h('h1', {}, title)),
    h('section', { class: 'card coming', 'aria-live': 'polite' },
      h('h2', {}, 'Coming with the logs API'),
      h('p', {}, what),
      h('p', { class: 'hint' }, 'This page will read ', h('code', {}, api), ' once the gateway serves it.')));
}
