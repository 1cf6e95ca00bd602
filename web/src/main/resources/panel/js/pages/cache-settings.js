// A variant's response cache settings (enabled, TTL in seconds, largest answer kept in bytes), edited in place in
// variant.cache, and the deployment's "Clear cached answers" button (DELETE /api/deployments/{key}/cache). Each
// control carries the data-path the server's validation errors name (variants[0].cache.ttlSeconds), so an error
// such as a TTL over a year is shown next to its field.
import { del, enc } from '../api.js';
import { h, field, busy, toast } from '../dom.js';

const YEAR = 366 * 24 * 3600;

export function cacheCard(ctx, variant, base, changed) {
  const cache = () => variant.cache || (variant.cache = { enabled: false });
  const number = (name, value, min, max) => {
    const input = h('input', { type: 'number', min, max, step: 1, value: value ?? '', placeholder: 'default',
      'data-path': `${base}.cache.${name}`, disabled: !variant.cache?.enabled,
      oninput: () => {
        if (input.value === '') delete cache()[name]; else cache()[name] = Number(input.value);
        changed();
      } });
    return input;
  };
  const ttl = number('ttlSeconds', variant.cache?.ttlSeconds, 1, YEAR);
  const size = number('maxEntryBytes', variant.cache?.maxEntryBytes, 1, 8 * 1024 * 1024);
  const enabled = h('input', { type: 'checkbox', checked: !!variant.cache?.enabled, 'data-path': `${base}.cache.enabled`,
    onchange: () => {
      cache().enabled = enabled.checked;
      ttl.disabled = size.disabled = !enabled.checked;
      changed();
    } });
  const clearButton = h('button', { type: 'button', class: 'secondary', 'data-needs': 'deploy', onclick: async () => {
    try {
      const r = await busy(clearButton, 'Clearing…', () => del(`/api/deployments/${enc(ctx.key)}/cache`));
      toast(`Removed ${r.removed} cached answer${r.removed === 1 ? '' : 's'} of ${ctx.key}`, 'ok');
    } catch (err) {
      toast(`Could not clear the cache: ${err.message}`, 'error');
    }
  } }, 'Clear cached answers');
  return h('section', { class: 'card', 'aria-label': 'Response cache' }, h('h2', {}, 'Response cache'),
    h('label', { class: 'check' }, enabled, ' Answer identical requests from the cache (off by default)'),
    h('div', { class: 'row' },
      field('Time to live (seconds)', ttl, 'default 3600, at most a year'),
      field('Largest answer kept (bytes)', size, 'default 262144; a larger answer is not kept')),
    h('p', { class: 'hint' }, 'The key is the models, parameters and rendered messages: a prompt or model change misses, '
      + 'a routing-only deploy keeps the hits. Callers may send X-Junction-Cache: bypass, refresh or read-only.'),
    h('div', { class: 'actions' }, clearButton, h('small', { class: 'hint' }, ' every variant of this deployment, on every instance')));
}
