// #/ledger: every penalty, interest, refund and fee on a day, with its clause, formula, inputs,
// interpretations and facts; the signed ledger statement and settlement as PDFs.

import {h, mount} from '../dom.js';
import {t} from '../i18n.js';
import {api, hasRole} from '../api.js';
import {money} from '../format.js';
import {pageHeader, card, kpi, empty, loading, definitionList, downloadButton, field} from '../ui.js';

export async function render({main, query, contract, navigate, isCurrent}) {
  const asOf = query.get('asOf') || '';
  mount(main, pageHeader(t('ledger.title'), contract.name), loading());
  const id = encodeURIComponent(contract.id);
  const l = await api(`/contracts/${id}/ledger${asOf ? '?asOf=' + encodeURIComponent(asOf) : ''}`);
  if (!isCurrent()) return;

  const day = h('input', {type: 'date', value: asOf || l.asOf, 'data-test': 'ledger-asof'});
  const dayForm = h('form', {class: 'inline-form', onsubmit: (e) => {
    e.preventDefault();
    navigate('#/ledger' + (day.value ? '?asOf=' + day.value : ''));
  }}, field(t('ledger.asOf'), day), h('button', {type: 'submit', class: 'btn'}, t('ledger.show')));

  const q = asOf ? '?asOf=' + encodeURIComponent(asOf) : '';
  const documents = hasRole('admin', 'evaluator')
    ? h('div', {class: 'doc-buttons'},
      downloadButton(t('ledger.pdf'), `/contracts/${id}/reports/ledger.pdf${q}`, `ledger-${contract.id}-${l.asOf}.pdf`, {test: 'ledger-pdf', primary: true}),
      downloadButton(t('report.signature'), `/contracts/${id}/reports/ledger.pdf.p7s${q}`, `ledger-${contract.id}-${l.asOf}.pdf.p7s`),
      downloadButton(t('ledger.settlementPdf'), `/contracts/${id}/reports/settlement.pdf`, `settlement-${contract.id}.pdf`, {test: 'settlement-pdf'}))
    : h('p', {class: 'muted'}, t('report.rolesNeeded'));

  const totals = l.totals || {};
  const entries = l.entries || [];
  // 一般条款十六: the new provider pays, not 甲方; its own figure, after the net it is not part of
  const thirdParty = entries.some((e) => e.payer === 'NEW_SUPPLIER');
  const kpis = h('div', {class: 'kpis'},
    kpi(t('ledger.supplierOwes'), money(totals.supplierOwes), t('ledger.supplierOwesNote'), {tone: 'danger', test: 'ledger-supplier'}),
    kpi(t('ledger.clientOwes'), money(totals.clientOwes), t('ledger.clientOwesNote'), {test: 'ledger-client'}),
    kpi(t('ledger.waived'), money(totals.waived), t('ledger.waivedNote'), {tone: 'warn'}),
    kpi(t('ledger.net'), money(String(totals.net || '0').replace(/^-/, '')), totals.netMeaning, {tone: 'primary', test: 'ledger-net'}),
    thirdParty ? kpi(t('ledger.newSupplierOwes'), money(totals.newSupplierOwes), t('ledger.newSupplierOwesNote'), {test: 'ledger-new-supplier'}) : null);

  const body = entries.length ? entryTable(entries) : empty(t('ledger.empty'), t('ledger.emptyHint'));

  mount(main,
    pageHeader(t('ledger.title'), t('ledger.subtitle', {asOf: l.asOf, version: l.ruleSetVersion})),
    h('div', {class: 'toolbar'}, dayForm, documents),
    kpis,
    card(t('ledger.entries', {n: entries.length}), body),
    card(t('ledger.interpretations'), l.rounding ? h('p', {class: 'muted small'}, t('ledger.rounding'), l.rounding) : null,
      (l.interpretations || []).length ? interpretations(l.interpretations) : null));
}

function entryTable(entries) {
  const tbody = h('tbody');
  const dated = entries.some((e) => e.dueOn);
  for (const e of entries) {
    const detail = h('tr', {class: 'detail-row', hidden: true},
      h('td', {colspan: dated ? '7' : '6'}, definitionList([
        [t('ledger.formula'), h('code', {class: 'formula'}, e.formula)],
        [t('ledger.inputs'), inputs(e.inputs)],
        [t('ledger.interpretationsUsed'), (e.interpretations || []).join('、') || '—'],
        e.deadline ? [t('deadline.label'), h('span', {'data-test': 'deadline'}, `${e.deadline}（${e.deadlineBasis}）`)] : null,
        [t('ledger.facts'), (e.factIds || []).map((f) => h('code', {class: 'chip'}, f))],
        e.waiver ? [t('ledger.waiver'), `${e.waiver.justification} — ${e.waiver.createdBy}${e.waiver.expiresOn ? ' · ' + t('waiver.until', {date: e.waiver.expiresOn}) : ''}`] : null,
        [t('finding.key'), h('code', {class: 'key'}, e.key)],
      ])));
    const row = h('tr', {class: ['clickable', e.waiver && e.waiver.activeToday ? 'waived' : ''], tabindex: '0', 'data-test': 'ledger-row',
      onclick: () => { detail.hidden = !detail.hidden; row.classList.toggle('open', !detail.hidden); },
      onkeydown: (ev) => { if (ev.key === 'Enter') row.click(); }},
    dated ? h('td', {class: 'nowrap'}, e.dueOn || '—') : null,
    h('td', null, e.title),
    h('td', null, e.clause),
    h('td', {class: 'nowrap'}, e.payerLabel || e.payer),
    h('td', null, e.kind),
    h('td', {class: 'num nowrap'}, money(e.amount)),
    h('td', {class: 'nowrap'}, e.waiver && e.waiver.activeToday ? h('span', {class: 'badge st-waived'}, t('status.WAIVED')) : ''));
    tbody.append(row, detail);
  }
  return h('div', {class: 'table-wrap'}, h('table', {class: 'data', 'data-test': 'ledger'},
    h('thead', null, h('tr', null,
      [dated ? t('ledger.due') : null, t('ledger.item'), t('finding.clause'), t('ledger.payer'), t('ledger.kind'), t('ledger.amount'), '']
        .filter((x) => x !== null).map((x) => h('th', {class: x === t('ledger.amount') ? 'num' : null}, x)))),
    tbody), h('p', {class: 'muted small'}, t('ledger.clickHint')));
}

function inputs(map) {
  const pairs = Object.entries(map || {});
  if (!pairs.length) return '—';
  return h('div', {class: 'attrs'}, pairs.map(([k, v]) => h('span', {class: 'attr'}, h('span', {class: 'attr-key'}, k), h('span', {class: 'attr-value'}, v))));
}

function interpretations(list) {
  return h('div', {class: 'table-wrap'}, h('table', {class: 'data'},
    h('thead', null, h('tr', null, [t('interp.clause'), t('interp.title'), t('interp.value'), t('interp.default')].map((x) => h('th', null, x)))),
    h('tbody', null, list.map((i) => h('tr', null,
      h('td', {class: 'nowrap'}, i.clause), h('td', null, i.title), h('td', null, h('code', null, i.value)),
      h('td', null, i.isDefault ? t('interp.isDefault') : h('span', {class: 'badge st-waived'}, t('interp.notDefault', {value: i.defaultValue}))))))));
}
