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
