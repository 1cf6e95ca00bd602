// The model garden's activated models, for model pickers.
import { get } from './api.js';

export async function activeModels() {
  const answer = await get('/api/models?active=true');
  return answer.data.map((m) => ({ ...m, id: `${m.provider}/${m.model}` }));
}

/** A <select>'s options: the activated models, plus `current` when it is not activated (marked). */
export function modelChoices(models, current) {
  const list = models.map((m) => [m.id, `${m.provider} / ${m.model}`]);
  if (current && !models.some((m) => m.id === current)) list.unshift([current, `${current.replace('/', ' / ')} (not activated)`]);
  return list;
}

/** The garden's capabilities, in the API's order, with how the page labels them. */
export const CAPABILITIES = [['tools', 'Tools'], ['images', 'Images'], ['files', 'Files'], ['audio', 'Audio'],
  ['jsonSchema', 'JSON schema'], ['reasoning', 'Reasoning']];

/**
 * A model's capabilities as small checkboxes: each change is saved at once (PUT with only that capability) through
 * `save(name, value)`; when it throws (it reports the error itself), the box goes back.
 */
export function capabilityBoxes(h, model, save) {
  return h('div', { class: 'capabilities' }, CAPABILITIES.map(([name, label]) => {
    const box = h('input', { type: 'checkbox', checked: model.capabilities?.[name] !== false,
      'aria-label': `${label} for ${model.provider}/${model.model}` });
    box.addEventListener('change', async () => {
      box.disabled = true;
      try {
        await save(name, box.checked);
      } catch {
        box.checked = !box.checked;
      } finally {
        box.disabled = false;
      }
    });
    return h('label', { class: 'check', title: label }, box, label);
  }));
}
