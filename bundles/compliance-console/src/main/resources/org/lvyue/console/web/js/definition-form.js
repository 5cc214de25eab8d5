// What the contract forms share: inputs named by the definition field they set, the API's problems
// shown beside those fields (the rest in one list above the form), and the lint of a draft.

import {h, mount} from './dom.js';
import {t} from './i18n.js';
import {api} from './api.js';
import {problemTable, severityBadge, notice} from './ui.js';

/** A labelled input for a definition field ('client.name'); its error appears beneath it. */
export function fieldInput(path, labelText, value, {type = 'text', hint, required, attrs = {}} = {}) {
  const input = h('input', {type, name: path, value: value ?? '', 'data-test': `field-${path}`, required: !!required,
    'aria-describedby': `error-${path}`, ...attrs});
  return fieldBox(path, labelText, input, hint);
}

/** A field around any control: label, control, hint, and its error slot. */
export function fieldBox(path, labelText, control, hint) {
  const labels = ['INPUT', 'SELECT', 'TEXTAREA'].includes(control.tagName);
  return h(labels ? 'label' : 'div', {class: 'field', 'data-field': path},
    h('span', {class: 'field-label'}, labelText), control,
    hint ? h('span', {class: 'field-hint'}, hint) : null,
    h('span', {class: 'field-error', id: `error-${path}`, 'data-test': `field-error-${path}`, role: 'alert', hidden: true}));
}

export function valueOf(form, path) {
  const el = form.querySelector(`[name="${CSS.escape(path)}"]`);
  return el ? el.value.trim() : '';
}

/**
 * Shows each problem beside the field it names, or the nearest enclosing one (services.x.obligations.y
 * beside services); the problems no field shows are listed in `rest`. Returns how many were placed.
 */
export function showProblems(form, rest, problems) {
  clearProblems(form, rest);
  const slots = [...form.querySelectorAll('[data-field]')];
  const unplaced = [];
  let placed = 0;
  for (const p of problems || []) {
    const f = p.field || '';
    const slot = slots.filter((s) => f === s.dataset.field || f.startsWith(s.dataset.field + '.'))
      .sort((a, b) => b.dataset.field.length - a.dataset.field.length)[0];
    if (!slot) {
      unplaced.push(p);
      continue;
    }
    const error = slot.querySelector(':scope > .field-error');
    error.hidden = false;
    error.appendChild(h('span', {class: 'field-error-line'}, f === slot.dataset.field ? '' : `${f}：`, p.reason || p.message || ''));
    slot.classList.add('has-error');
    placed++;
  }
  if (unplaced.length) mount(rest, problemTable(unplaced));
  return placed;
}

export function clearProblems(form, rest) {
  form.querySelectorAll('.field-error').forEach((e) => { e.hidden = true; e.replaceChildren(); });
  form.querySelectorAll('.has-error').forEach((e) => e.classList.remove('has-error'));
  if (rest) rest.replaceChildren();
}

/** POST /api/contracts/lint: what saving the draft would meet, nothing stored. */
export function lintDraft(definition, signal) {
  return api('/contracts/lint', {method: 'POST', json: definition, signal});
}

/**
 * The lint of a draft: whether saving would be accepted, and each item; an item the stored definition
 * does not have (`before`: its items) is marked new.
 */
export function lintView(result, before = null) {
  const known = before ? new Set(before.map(key)) : null;
  const items = result.items || [];
  return h('div', {class: 'draft-lint', 'data-test': 'lint-result', 'data-valid': String(result.valid)},
    result.valid ? notice('ok', t('lint.valid', {n: items.length}), 'lint-valid')
      : notice('error', t('lint.invalid', {n: (result.problems || []).length}), 'lint-invalid'),
    items.length ? h('ul', {class: 'lint-items', 'data-test': 'lint-items'}, items.map((i) => {
      const fresh = known && !known.has(key(i));
      return h('li', {class: ['lint-item', fresh ? 'lint-new' : ''], 'data-test': fresh ? 'lint-new' : 'lint-item', 'data-code': i.code},
        severityBadge(i.severity), ' ', fresh ? h('span', {class: 'tag tag-new'}, t('lint.new')) : null, ' ',
        h('strong', null, i.title), h('div', {class: 'muted'}, i.detail),
        h('div', {class: 'lint-fields'}, (i.fields || []).map((f) => h('code', null, f)), ' ', (i.clauses || []).join('；')));
    })) : h('p', {class: 'muted'}, t('lint.none')));
}

function key(i) {
  return `${i.code}|${i.title}|${i.detail}`;
}

/** The refusal's message alone, its problems being shown beside their fields. */
export function messageOnly(err) {
  return {status: err.status, code: err.code, message: err.message, messageEn: err.messageEn, problems: []};
}
