// #/contracts/<id>/renew: an admin renews a contract for a new period (POST
// /contracts/<id>/renewals): the new id, period, amount and dates; the rest of the definition carries
// over on the server, which answers with the new contract and what changed. Refusals are shown beside
// their fields.

import {h, mount} from '../dom.js';
import {t} from '../i18n.js';
import {api} from '../api.js';
import {pageHeader, card, loading, notice, errorBox, definitionList} from '../ui.js';
import {contractHash} from '../contract.js';
import {fieldInput, valueOf, showProblems, clearProblems, messageOnly} from '../definition-form.js';

export const ROLES = ['admin'];

/** The same day a year later ("2022-01-01" -> "2023-01-01"); empty stays empty. */
function nextYear(date) {
  const m = /^(\d{4})(-\d{2}-\d{2})$/.exec(date || '');
  return m ? `${Number(m[1]) + 1}${m[2]}` : '';
}

export async function render({main, query, isCurrent, reloadContracts}) {
  const id = query.get('contract');
  mount(main, pageHeader(t('renew.title'), id), loading());
  const detail = await api(`/contracts/${encodeURIComponent(id)}`);
  if (!isCurrent()) return;
  const c = detail.contract;
  const year = /^\d{4}/.exec(c.periodEnd || '');
  // the renewal's id: the year in the id moved on (bj-hrss-2022-wl -> bj-hrss-2023-wl), else the next year appended
  const nextYearText = year ? String(Number(year[0]) + 1) : 'next';
  const suggestedId = /\d{4}/.test(c.id) ? c.id.replace(/\d{4}(?!.*\d{4})/, nextYearText) : `${c.id}-${nextYearText}`;
  const header = pageHeader(t('renew.title'), t('renew.subtitle', {name: c.name, id: c.id, start: c.periodStart, end: c.periodEnd}),
    h('a', {class: 'btn', href: '#/contracts'}, t('common.cancel')));
  const form = h('form', {class: 'definition-form', 'data-test': 'renew-form', novalidate: true});
  const rest = h('div', {'data-test': 'form-problems'});
  const status = h('div', {class: 'form-status', 'aria-live': 'polite'});
  const submit = h('button', {type: 'submit', class: 'btn btn-primary', 'data-test': 'renew-submit'}, t('renew.submit'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblems(form, rest);
    submit.disabled = true;
    mount(status, notice('info', t('form.saving')));
    const body = {};
    for (const key of ['id', 'periodStart', 'periodEnd', 'amount', 'signedOn', 'awardNoticeOn']) {
      const v = valueOf(form, key);
      if (v) body[key] = v;
    }
    try {
      const renewed = await api(`/contracts/${encodeURIComponent(c.id)}/renewals`, {method: 'POST', json: body});
      await reloadContracts();
      const n = (renewed && renewed.contract) || {};
      mount(status, h('div', {class: 'notice notice-ok', 'data-test': 'renewed'},
        t('renew.done', {id: n.id || body.id, name: n.name || c.name}), ' ',
        h('a', {href: contractHash(n.id || body.id)}, t('form.openCreated'))), changes(renewed));
    } catch (err) {
      const placed = showProblems(form, rest, err.problems);
      mount(status, errorBox(placed ? messageOnly(err) : err, {title: t('form.refused')}));
    } finally {
      submit.disabled = false;
    }
  });
  mount(form,
    card(t('renew.terms'), h('div', {class: 'form-grid'},
      fieldInput('id', t('form.id'), suggestedId, {required: true, hint: t('form.idHint')}),
      fieldInput('amount', t('form.amount'), c.amount, {required: true, hint: t('form.amountHint'), attrs: {inputmode: 'decimal'}}),
      fieldInput('periodStart', t('form.periodStart'), nextYear(c.periodStart), {type: 'date', required: true}),
      fieldInput('periodEnd', t('form.periodEnd'), nextYear(c.periodEnd), {type: 'date', required: true}),
      fieldInput('signedOn', t('form.signedOn'), '', {type: 'date'}),
      fieldInput('awardNoticeOn', t('form.awardNoticeOn'), '', {type: 'date'})),
    h('p', {class: 'muted'}, t('renew.hint'))),
    rest, h('div', {class: 'form-actions'}, submit), status);
  mount(main, header, form);
}

/** What the server says changed from the renewed contract, whatever its form: a list, or field -> change. */
function changes(renewed) {
  const list = renewed && (renewed.changes || renewed.changed);
  if (!list) return null;
  const rows = Array.isArray(list) ? list.map((x) => (typeof x === 'object' && x
    ? [x.field || x.path || '—', [x.from ?? x.before, x.to ?? x.after].filter((v) => v !== undefined).map(String).join(' → ') || x.message || '']
    : ['', String(x)]))
    : Object.entries(list).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]);
  return card(t('renew.changes'), h('div', {'data-test': 'renew-changes'}, definitionList(rows)));
}
