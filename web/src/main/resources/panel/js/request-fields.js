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

export const requestField = (name) => REQUEST_FIELDS.find((f) => f.name === name);
