// The request fields the gateway derives from each request (engine: RequestFields). They need no declaring in the
// context schema, have fixed types, and a caller's context cannot set them; the simulator and routing tests take them
// as plain context values.
export const REQUEST_FIELDS = [
  { name: 'request.has_images', type: 'boolean', description: 'a message has an image part' },
  { name: 'request.has_files', type: 'boolean', description: 'a message has a file part' },
  { name: 'request.has_audio', type: 'boolean', description: 'a message has an audio part' },
  { name: 'request.has_tools', type: 'boolean', description: 'the request brings tools, or the conversation has tool calls or tool results' },
  { name: 'request.prompt_tokens', type: 'number', description: 'estimated tokens of the caller\'s messages and inputs (not the variant\'s prompt)' },
  { name: 'request.turns', type: 'number', description: 'user messages in the conversation' },
];

// The spend fields (engine: SpendFields): what the request's member of a scope has spent, and what is left of its
// tightest budget. Numbers, need no declaring, a caller's context cannot set them; the simulator's values win and
// routing tests pin them. A budget field is absent when no budget applies (then only "absent" holds on it).
const SCOPES = [['api_key', 'the API key'], ['identity', 'the identity (identity.id)'], ['deployment', 'this deployment'],
  ['project', 'its project'], ['workspace', 'the whole workspace']];
export const SPEND_FIELDS = [
  ...SCOPES.flatMap(([scope, who]) => [
    { name: `spend.${scope}.day_usd`, type: 'number', description: `US dollars ${who} spent today (UTC)` },
    { name: `spend.${scope}.month_usd`, type: 'number', description: `US dollars ${who} spent this month (UTC)` }]),
  ...SCOPES.map(([scope, who]) => ({ name: `budget.${scope}.remaining_pct`, type: 'number',
    description: `percent left of the tightest budget on ${who} (absent without one)` })),
];

// The fields the gateway derives (request and spend), for the routing grid's types and column picker.
export const DERIVED_FIELDS = [...REQUEST_FIELDS, ...SPEND_FIELDS];

export const requestField = (name) => DERIVED_FIELDS.find((f) => f.name === name);

// The spend fields a spec's routing table reads, in the order of the spend fields.
export const spendFieldsUsed = (spec) => {
  const used = new Set();
  for (const r of (spec.routing && spec.routing.rules) || []) for (const c of r.when || []) used.add(c.field);
  return SPEND_FIELDS.filter((f) => used.has(f.name));
};
