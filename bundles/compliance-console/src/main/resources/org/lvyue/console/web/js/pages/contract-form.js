// #/contracts/new: an admin defines a contract from a form of its key terms and the services it buys.
// Every general term and interpretation is required, so they come from a contract chosen as the
// template; the form builds the definition JSON, can check it first (POST /contracts/lint, nothing
// stored) and defines it (POST /contracts); each refusal is shown beside its field.

import {h, mount, option} from '../dom.js';
import {t, language} from '../i18n.js';
import {api} from '../api.js';
import {pageHeader, card, loading, notice, errorBox} from '../ui.js';
import {contractHash} from '../contract.js';
import {boughtServices} from '../portfolio.js';
import {fieldInput, fieldBox, valueOf, showProblems, clearProblems, lintDraft, lintView, messageOnly} from '../definition-form.js';

export const ROLES = ['admin'];

const PARTY = [['client', '甲方'], ['supplier', '乙方']];

export async function render({main, contracts, query, isCurrent, reloadContracts}) {
  const header = pageHeader(t('form.newTitle'), t('form.newSubtitle'), h('a', {class: 'btn', href: '#/contracts'}, t('common.cancel')));
  mount(main, header, loading());
  const catalogues = ((await api('/domains')).catalogues || []).filter((c) => !c.everyContract)
    .sort((a, b) => a.domain.localeCompare(b.domain));
  if (!isCurrent()) return;
  const templateId = query.get('template') || (contracts[0] && contracts[0].id);
  let template = templateId ? (await api(`/contracts/${encodeURIComponent(templateId)}`)).definition : null;
  if (!isCurrent()) return;

  const form = h('form', {class: 'definition-form', 'data-test': 'contract-form', novalidate: true});
  const rest = h('div', {'data-test': 'form-problems'});
  const status = h('div', {class: 'form-status', 'aria-live': 'polite'});
  const lintBox = h('div', {class: 'lint-box'});

  const templatePicker = h('select', {'data-test': 'template', onchange: async (e) => {
    template = (await api(`/contracts/${encodeURIComponent(e.target.value)}`)).definition;
    fill();
  }}, contracts.map((c) => option(c.id, `${c.name}（${c.id}）`, templateId)));

  const servicesBox = h('div', {class: 'service-choices', 'data-test': 'services'});
  const fill = () => {
    const chosen = new Set(boughtServices(template) || catalogues.map((c) => c.domain));
    mount(servicesBox, catalogues.map((c) => h('label', {class: 'check'},
      h('input', {type: 'checkbox', name: 'service', value: c.domain, checked: chosen.has(c.domain), 'data-test': `service-${c.domain}`}),
      ` ${language() === 'en' && c.titleEn ? c.titleEn : c.title} `, h('code', null, c.domain))));
    // a portfolio is one client's: its 甲方 comes with the template, to be changed if need be
    for (const f of ['name', 'address', 'organisation']) {
      const input = form.querySelector(`[name="client.${f}"]`);
      if (input && template && template.client && template.client[f]) input.value = template.client[f];
    }
    // and so do its dates, to be changed: a service period the working-day calendar is known to cover
    for (const f of ['periodStart', 'periodEnd', 'signedOn', 'awardNoticeOn']) {
      const input = form.querySelector(`[name="${f}"]`);
      if (input && template && template[f]) input.value = template[f];
    }
  };

  const build = () => {
    const d = JSON.parse(JSON.stringify(template || {}));
    // the template's own record of where it came from is not the new contract's
    delete d.source;
    d.version = 1;
    for (const key of ['id', 'name', 'number', 'procurementNo', 'amount', 'periodStart', 'periodEnd', 'signedOn', 'awardNoticeOn']) {
      const v = valueOf(form, key);
      if (v) d[key] = v;
      else if (['number', 'procurementNo', 'signedOn', 'awardNoticeOn'].includes(key)) delete d[key];
      else d[key] = '';
    }
    for (const [party, role] of [...PARTY, ['evaluator', '评估方']]) {
      const p = {role};
      for (const f of ['name', 'address', 'organisation']) {
        const v = valueOf(form, `${party}.${f}`);
        if (v) p[f] = v;
      }
      if (party === 'evaluator' && !p.name) delete d.evaluator;
      else d[party] = p;
    }
    const overrides = template && template.services && !Array.isArray(template.services) ? template.services : {};
    d.services = {};
    form.querySelectorAll('input[name="service"]:checked').forEach((c) => { d.services[c.value] = overrides[c.value] || {}; });
    return d;
  };

  const check = h('button', {type: 'button', class: 'btn', 'data-test': 'form-check', onclick: async () => {
    clearProblems(form, rest);
    mount(lintBox, notice('info', t('lint.checking')));
    try {
      const result = await lintDraft(build());
      showProblems(form, rest, result.problems);
      mount(lintBox, lintView(result));
    } catch (err) {
      mount(lintBox, errorBox(err));
    }
  }}, t('form.check'));
  const submit = h('button', {type: 'submit', class: 'btn btn-primary', 'data-test': 'form-submit'}, t('form.create'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    clearProblems(form, rest);
    mount(status, notice('info', t('form.saving')));
    try {
      const created = await api('/contracts', {method: 'POST', json: build()});
      await reloadContracts();
      const c = created.contract;
      mount(status, h('div', {class: 'notice notice-ok', 'data-test': 'contract-created'},
        t('form.created', {id: c.id, name: c.name, v: c.version, n: (created.lint || []).length}), ' ',
        h('a', {href: contractHash(c.id), 'data-test': 'created-open'}, t('form.openCreated'))));
      mount(lintBox, lintView({valid: true, problems: [], items: created.lint || []}));
    } catch (err) {
      const placed = showProblems(form, rest, err.problems);
      if (err.status === 409) showProblems(form, rest, [{field: 'id', reason: err.message}]);
      mount(status, errorBox(placed ? messageOnly(err) : err, {title: t('form.refused')}));
    } finally {
      submit.disabled = false;
    }
  });

  mount(form,
    card(t('form.template'), fieldBox('template', t('form.templateLabel'), templatePicker, t('form.templateHint'))),
    card(t('form.keyTerms'), h('div', {class: 'form-grid'},
      fieldInput('id', t('form.id'), '', {required: true, hint: t('form.idHint')}),
      fieldInput('name', t('form.name'), '', {required: true}),
      fieldInput('number', t('form.number'), ''),
      fieldInput('procurementNo', t('form.procurementNo'), ''),
      fieldInput('amount', t('form.amount'), '', {required: true, hint: t('form.amountHint'), attrs: {inputmode: 'decimal'}}),
      fieldInput('periodStart', t('form.periodStart'), '', {type: 'date', required: true}),
      fieldInput('periodEnd', t('form.periodEnd'), '', {type: 'date', required: true}),
      fieldInput('signedOn', t('form.signedOn'), '', {type: 'date'}),
      fieldInput('awardNoticeOn', t('form.awardNoticeOn'), '', {type: 'date'}))),
    card(t('form.parties'), h('div', {class: 'form-grid'},
      [...PARTY, ['evaluator', '评估方']].map(([party]) => [
        fieldInput(`${party}.name`, t(`form.${party}.name`), '', {required: party !== 'evaluator'}),
        fieldInput(`${party}.address`, t('form.address'), ''),
        fieldInput(`${party}.organisation`, t('form.organisation'), '', {hint: t('form.organisationHint')}),
      ]))),
    card(t('form.services'), fieldBox('services', t('form.servicesLabel'), servicesBox, t('form.servicesHint'))),
    rest,
    h('div', {class: 'form-actions'}, check, submit),
    status, lintBox);
  fill();
  mount(main, header, form);
}
