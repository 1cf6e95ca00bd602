// Code snippets (Python, Node, cURL) for one variant, with a copy button.
import { get, enc } from '../api.js';
import { h, clear, dialog, copyText, toast } from '../dom.js';

const LANGS = [['python', 'Python'], ['node', 'Node'], ['curl', 'cURL']];

export async function openSnippets(key, variant) {
  let answer;
  try {
    answer = await get(`/api/deployments/${enc(key)}/variants/${enc(variant)}/snippets`);
  } catch (e) {
    toast(e.message, 'error');
    return;
  }
  await dialog(`Call ${key} · variant ${variant}`, () => {
    const code = h('pre', { class: 'code', tabindex: '0', 'aria-label': 'Code' });
    const tabs = h('div', { role: 'tablist', class: 'subtabs', 'aria-label': 'Language' });
    const copy = h('button', { type: 'button', class: 'copy' }, 'Copy');
    let lang = 'python';
    const show = (l) => {
      lang = l;
      code.textContent = answer[l];
      tabs.querySelectorAll('[role=tab]').forEach((t) => t.setAttribute('aria-selected', String(t.dataset.lang === l)));
    };
    LANGS.forEach(([l, label]) => tabs.append(h('button', { type: 'button', role: 'tab', dataset: { lang: l }, onclick: () => show(l) }, label)));
    copy.addEventListener('click', async () => { await copyText(answer[lang]); copy.textContent = 'Copied'; toast('Copied to the clipboard', 'ok'); setTimeout(() => { copy.textContent = 'Copy'; }, 1500); });
    show('python');
    return h('div', { class: 'dialog-body' },
      answer.routable === false ? h('p', { class: 'alert warn' }, 'No context reaches this variant with the live version (an earlier rule catches it): the code says so.') : null,
      answer.version ? null : h('p', { class: 'alert warn' }, 'This deployment is not deployed yet: the call will fail until it is.'),
      h('div', { class: 'section-head' }, tabs, copy), code,
      h('p', { class: 'hint' }, 'Set ORQ_API_KEY to an API key (see API keys).'));
  }, { wide: true });
}
