// The structured parts of a logged request for its detail: messages with their parts (images as thumbnails when the
// log kept one, files by name, type, size and SHA-256), tool calls as rows (name, id, arguments pretty-printed),
// tool results with the call they answer, and reasoning. The log never holds a medium's bytes, only its reference.
import { h } from '../dom.js';
import { fmtInt } from '../format.js';

/** Arguments as indented JSON when they parse, else as sent (a cut text, say). */
export function prettyArguments(text) {
  if (typeof text !== 'string') return '';
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
}

const size = (bytes) => (bytes === undefined || bytes === null ? null
  : bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${+(bytes / 1024).toFixed(1)} KB` : `${fmtInt(bytes)} bytes`);

/** A table of tool calls: one row each with its name, id and arguments (absent when bodies are not kept). */
export function toolCallTable(calls, caption) {
  return h('table', { class: 'grid compact tool-calls' },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, ['Tool', 'Call id', 'Arguments'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, calls.map((c) => h('tr', { class: 'tool-call' },
      h('td', {}, h('code', { class: 'tool-name' }, c.name)),
      h('td', {}, c.id ? h('code', {}, c.id) : '–'),
      h('td', {}, c.arguments === undefined || c.arguments === null ? h('span', { class: 'hint' }, 'not kept (bodies are not logged)')
        : h('pre', { class: 'code arguments' }, prettyArguments(c.arguments)))))));
}

function part(p) {
  if (p.type === 'text') return h('pre', { class: 'text' }, p.text);
  const facts = [p.mediaType || p.format, p.filename, size(p.bytes)].filter(Boolean).join(' · ');
  const hash = p.sha256 ? h('code', { class: 'hash', title: 'SHA-256 of the bytes (the log keeps no bytes)' }, p.sha256) : null;
  if (p.type === 'image') {
    if (p.url) return h('div', { class: 'part image-ref' }, 'Image ', h('a', { href: p.url, rel: 'noreferrer noopener', target: '_blank' }, p.url));
    return h('figure', { class: 'part image' },
      p.thumbnail ? h('img', { src: p.thumbnail, class: 'thumb', alt: `Image, ${facts}` }) : h('div', { class: 'thumb none', 'aria-hidden': 'true' }, 'no preview'),
      h('figcaption', {}, `Image ${facts}${p.detail ? ` · detail ${p.detail}` : ''} `, hash));
  }
  if (p.type === 'file') {
    return h('div', { class: 'part file' }, 'File ', p.uri ? h('code', {}, p.uri) : null, ` ${facts} `, hash);
  }
  return h('div', { class: `part ${p.type}` }, `${p.type === 'audio' ? 'Audio' : p.type} ${facts} `, hash);
}

function reasoningBlocks(blocks) {
  return h('div', { class: 'reasoning' }, blocks.map((r) => (r.redacted
    ? h('p', { class: 'hint' }, 'Reasoning redacted by the provider.')
    : h('details', {}, h('summary', {}, 'Reasoning'), h('pre', { class: 'text' }, r.text || '')))));
}

/** One logged message (see LoggedMessages): role, parts or text, tool calls, the call a tool result answers. */
export function messageView(m, i) {
  const body = [];
  if (m.reasoning) body.push(reasoningBlocks(m.reasoning));
  if (Array.isArray(m.parts)) body.push(h('div', { class: 'parts' }, m.parts.map(part)));
  else if (m.content || !m.toolCalls) body.push(h('pre', { class: 'text' }, typeof m.content === 'string' ? m.content : JSON.stringify(m.content, null, 2)));
  if (m.toolCalls) body.push(toolCallTable(m.toolCalls, `Tool calls of message ${i + 1}`));
  return h('li', {},
    h('span', { class: 'role' }, m.role),
    m.toolCallId ? h('span', { class: 'hint' }, ' result of ', h('code', {}, m.toolCallId)) : null,
    ...body);
}
