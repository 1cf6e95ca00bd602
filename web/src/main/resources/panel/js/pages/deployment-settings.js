// A deployment's own settings, edited in the draft and deployed with it: what its request logs keep (logBodies) and
// whether personal data is masked in them (maskPiiInLogs).
import { h } from '../dom.js';

export function renderSettings(panel, ctx) {
  const spec = ctx.spec;
  const bodies = h('input', { type: 'checkbox', checked: spec.logBodies !== false, 'data-path': 'logBodies', onchange: () => {
    if (bodies.checked) delete spec.logBodies; else spec.logBodies = false;
    mask.disabled = !bodies.checked;
    ctx.markDirty();
  } });
  const mask = h('input', { type: 'checkbox', checked: spec.maskPiiInLogs === true, disabled: spec.logBodies === false, 'data-path': 'maskPiiInLogs',
    onchange: () => {
      if (mask.checked) spec.maskPiiInLogs = true; else delete spec.maskPiiInLogs;
      ctx.markDirty();
    } });
  panel.append(h('section', { class: 'card' }, h('h2', {}, 'Logs and privacy'),
    h('p', { class: 'hint' }, 'Saved with the draft and live once deployed.'),
    h('label', { class: 'check' }, bodies, ' Keep prompts and answers in the request logs'),
    h('small', { class: 'hint' }, 'Off: the log keeps who called, the route, tokens, cost and timings, but no inputs, messages or answer.'),
    h('label', { class: 'check' }, mask, ' Mask personal data in the logs'),
    h('small', { class: 'hint' }, 'Emails, phone numbers, payment cards, IBANs, national numbers and IP addresses are replaced by [EMAIL], '
      + '[CARD]… in the logged inputs, messages, answer, tool-call arguments and reasoning before the entry is written. '
      + 'The model still sees the text as sent: to mask it there, add a personal data guardrail that masks. '
      + 'Context, metadata and error texts are not masked.')));
}
