// Small DOM helpers: element building, dialogs, toasts, field errors, progress.

/** h('button', {class: 'x', onclick: fn, 'aria-label': 'y'}, 'text', child...) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden') el[k] = !!v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let idCounter = 0;
export const uid = (prefix = 'f') => `${prefix}-${++idCounter}`;

/** A labelled control: field('Key', input) -> <div class=field><label for=..>Key</label>input</div> */
export function field(label, control, hint) {
  if (!control.id) control.id = uid();
  const wrap = h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
  if (hint) {
    const hintEl = h('small', { class: 'hint', id: uid('hint') }, hint);
    control.setAttribute('aria-describedby', hintEl.id);
    wrap.append(hintEl);
  }
  return wrap;
}

export function options(values, selected) {
  return values.map((v) => {
    const [value, label] = Array.isArray(v) ? v : [v, v];
    return h('option', { value, selected: value === selected }, label);
  });
}

export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  const t = h('div', { class: `toast ${kind}` }, message);
  box.append(t);
  setTimeout(() => t.remove(), kind === 'error' ? 8000 : 4000);
}

/**
 * Shows an API error: each {path, message} next to the control whose data-path is that path (or the nearest
 * parent path present in `root`), the rest in the `summary` element. Returns the number placed inline.
 */
export function showErrors(root, error, summary) {
  clearErrors(root);
  const rest = [];
  let placed = 0;
  const errors = error.errors && error.errors.length ? error.errors : [];
  for (const e of errors) {
    const target = findByPath(root, e.path);
    if (target) {
      placeError(target, e.message);
      placed++;
    } else {
      rest.push(e);
    }
  }
  if (summary) {
    clear(summary);
    if (!errors.length || rest.length) {
      summary.append(h('p', {}, errors.length ? 'Please fix:' : error.message));
      if (rest.length) summary.append(h('ul', {}, rest.map((e) => h('li', {}, h('code', {}, e.path), ': ', e.message))));
      summary.hidden = false;
    } else {
      summary.hidden = true;
    }
  }
  const first = root.querySelector('[aria-invalid="true"]');
  if (first) first.focus();
  else if (summary && !summary.hidden) summary.focus();
  return placed;
}

function findByPath(root, path) {
  let p = path;
  while (p) {
    const el = root.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (el) return el;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return null;
    p = p.slice(0, cut);
  }
  return null;
}

export function placeError(control, message) {
  const msg = h('div', { class: 'field-error', id: uid('err'), role: 'alert' }, message);
  control.setAttribute('aria-invalid', 'true');
  const before = control.getAttribute('aria-describedby');
  control.setAttribute('aria-describedby', before ? `${before} ${msg.id}` : msg.id);
  control.after(msg);
}

export function clearErrors(root) {
  root.querySelectorAll('.field-error').forEach((e) => e.remove());
  root.querySelectorAll('[aria-invalid="true"]').forEach((e) => e.removeAttribute('aria-invalid'));
}

/** Runs `work` with the button disabled and showing `label` and a spinner; returns work's result. */
export async function busy(button, label, work) {
  const original = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' ', label);
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = original;
  }
}

/**
 * A modal dialog (native <dialog>: focus moves in, Escape closes, focus returns to the opener).
 * build(close) returns the body; resolves with what close() was given.
 */
export function dialog(title, build, { wide = false } = {}) {
  const opener = document.activeElement;
  return new Promise((resolve) => {
    const titleId = uid('dlg');
    const d = h('dialog', { class: wide ? 'wide' : '', 'aria-labelledby': titleId });
    const close = (value) => { d.close(); d.remove(); if (opener && opener.focus) opener.focus(); resolve(value); };
    d.addEventListener('cancel', (e) => { e.preventDefault(); close(undefined); });
    d.append(h('div', { class: 'dialog-head' }, h('h2', { id: titleId }, title),
      h('button', { class: 'icon', type: 'button', 'aria-label': 'Close', onclick: () => close(undefined) }, '×')));
    d.append(build(close));
    document.body.append(d);
    d.showModal();
    const first = d.querySelector('[autofocus]') || d.querySelector('input, select, textarea, .dialog-body button');
    if (first) first.focus();
  });
}

export function confirmDialog(title, message, okLabel = 'OK') {
  return dialog(title, (close) => h('div', { class: 'dialog-body' }, h('p', {}, message),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => close(false) }, 'Cancel'),
      h('button', { type: 'button', autofocus: true, onclick: () => close(true) }, okLabel))));
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = h('textarea', { class: 'offscreen' }, text);
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

export const fmtTime = (iso) => (iso ? new Date(iso).toLocaleString() : '');
