// #/contracts/<id>/edit: an admin edits a contract's interpretations (the reading chosen for each
// point the contract leaves open, with its reason) and the parameters of the services it buys. Every
// change is checked as a draft (POST /contracts/lint, nothing stored) and its lint shown before it can
// be saved; saving defines the next version (POST /contracts).

import {h, mount, option} from '../dom.js';
import {t, language} from '../i18n.js';
import {api} from '../api.js';
import {pageHeader, card, loading, notice, errorBox, table} from '../ui.js';
import {contractHash} from '../contract.js';
import {boughtServices} from '../portfolio.js';
import {fieldBox, showProblems, clearProblems, lintDraft, lintView, messageOnly} from '../definition-form.js';

export const ROLES = ['admin'];

/** The parameters any obligation takes besides its own params (README: a portfolio). */
const COMMON_PARAMS = ['frequency', 'count', 'severity', 'applies'];

/**
 * The interpretations as the lint describes them: id, title, the value in force, its default and the
 * options ("采用：X（默认）；可选：a、b。" or "采用：X（合同定义指定，默认为 Y）…；可选：a、b。").
 */
export function interpretationsOf(lint) {
  return lint.filter((i) => /^(open-point|chosen-reading):/.test(i.code)).map((i) => {
    const id = i.code.slice(i.code.indexOf(':') + 1);
    const options = ((/；可选：(.*?)。?$/.exec(i.detail) || [])[1] || '').split('、').filter(Boolean);
    const value = (/^采用：(.*?)（/.exec(i.detail) || [])[1];
    const def = i.code.startsWith('open-point:') ? value : (/默认为 (.*?)）/.exec(i.detail) || [])[1];
    return {id, title: i.title.slice(i.title.indexOf('：') + 1), clause: (i.clauses || [])[0], options, value, default: def};
  });
}

export async function render({main, query, navigate, isCurrent, reloadContracts}) {
  const id = query.get('contract');
  const path = `/contracts/${encodeURIComponent(id)}`;
  mount(main, pageHeader(t('edit.title'), id), loading());
  const [detail, lint, domains] = await Promise.all([api(path), api(`${path}/lint`), api('/domains')]);
  if (!isCurrent()) return;
  const stored = detail.definition;
  const c = detail.contract;
  const before = lint.items || [];
  const draft = JSON.parse(JSON.stringify(stored));
  draft.version = c.version + 1;
  const catalogues = domains.catalogues || [];

  const header = pageHeader(t('edit.title'), t('edit.subtitle', {name: c.name, id: c.id, v: c.version, next: draft.version}),
    h('a', {class: 'btn', href: contractHash(c.id)}, t('common.cancel')));
  const form = h('form', {class: 'definition-form', 'data-test': 'edit-form', novalidate: true});
  const rest = h('div', {'data-test': 'form-problems'});
  const lintBox = h('div', {class: 'lint-box', 'data-test': 'draft-lint'}, notice('info', t('edit.lintHint')));
  const status = h('div', {class: 'form-status', 'aria-live': 'polite'});
  const save = h('button', {type: 'submit', class: 'btn btn-primary', 'data-test': 'edit-save', disabled: true}, t('edit.save', {v: draft.version}));

  // every change is linted as a draft; only the answer to the latest change counts
  let pending = null;
  let checked = null;
  const changed = async () => {
    save.disabled = true;
    checked = null;
    if (pending) pending.abort();
    const mine = pending = new AbortController();
    mount(lintBox, notice('info', t('lint.checking'), 'lint-checking'));
    try {
      const snapshot = JSON.parse(JSON.stringify(draft));
      const result = await lintDraft(snapshot, mine.signal);
      if (mine !== pending || !isCurrent()) return;
      showProblems(form, rest, result.problems);
      mount(lintBox, lintView(result, before));
      checked = result.valid ? snapshot : null;
      save.disabled = !result.valid;
    } catch (err) {
      if (err.name === 'AbortError') return;
      mount(lintBox, errorBox(err));
    }
  };

  // ---- interpretations
  const readings = interpretationsOf(before);
  const original = stored.interpretations || {};
  const interpretationRows = readings.map((r) => {
    const chosen = original[r.id];
    const value = chosen === undefined ? r.value : typeof chosen === 'object' ? chosen.value : chosen;
    const reason = h('input', {type: 'text', value: chosen && typeof chosen === 'object' ? chosen.reason || '' : '',
      'data-test': `interp-reason-${r.id}`, placeholder: t('edit.reasonPlaceholder')});
    const select = h('select', {'data-test': `interp-${r.id}`}, r.options.map((o) => option(o, o === r.default ? `${o}（${t('edit.default')}）` : o, value)));
    const update = () => {
      draft.interpretations = draft.interpretations || {};
      const text = reason.value.trim();
      if (select.value === value && !text && chosen === undefined) delete draft.interpretations[r.id];
      else draft.interpretations[r.id] = text ? {value: select.value, reason: text} : select.value;
      changed();
    };
    select.addEventListener('change', update);
    reason.addEventListener('change', update);
    return {r, select, reason};
  });
  const interpretations = card(t('edit.interpretations'),
    h('p', {class: 'muted'}, t('edit.interpretationsHint')),
    table([
      {title: t('edit.point'), cell: (x) => [h('strong', null, x.r.title), h('div', {class: 'muted'}, h('code', null, x.r.id), ' ', x.r.clause || '')]},
      {title: t('edit.reading'), cell: (x) => fieldBox(`interpretations.${x.r.id}`, '', x.select)},
      {title: t('edit.reason'), cell: (x) => x.reason},
    ], interpretationRows, {test: 'interpretations'}));

  // ---- service parameters
  const services = boughtServices(stored) || [];
  const overridesOf = (domain) => {
    if (Array.isArray(draft.services)) draft.services = Object.fromEntries(draft.services.map((d) => [d, {}]));
    draft.services[domain] = draft.services[domain] || {};
    draft.services[domain].obligations = draft.services[domain].obligations || {};
    return draft.services[domain].obligations;
  };
  const serviceCards = services.map((domain) => {
    const catalogue = catalogues.find((k) => k.domain === domain);
    const box = h('div', {'data-test': `service-params-${domain}`});
    const draw = () => {
      const current = draft.services && !Array.isArray(draft.services) && draft.services[domain] && draft.services[domain].obligations || {};
      const rows = [];
      Object.entries(current).forEach(([obligation, params]) => Object.entries(params).forEach(([param, v]) => rows.push({obligation, param, v})));
      const obligationPick = h('select', {'data-test': `add-obligation-${domain}`},
        ((catalogue && catalogue.obligations) || []).map((o) => option(o.id, `${o.id} ${o.title || ''}`)));
      const paramPick = h('input', {type: 'text', list: `params-${domain}`, 'data-test': `add-param-${domain}`, placeholder: t('edit.param')});
      const paramList = h('datalist', {id: `params-${domain}`}, COMMON_PARAMS.map((p) => h('option', {value: p})));
      const valuePick = h('input', {type: 'text', 'data-test': `add-value-${domain}`, placeholder: t('edit.value')});
      mount(box,
        rows.length ? table([
          {title: t('edit.obligation'), cell: (x) => h('code', null, x.obligation)},
          {title: t('edit.param'), cell: (x) => h('code', null, x.param)},
          {title: t('edit.value'), cell: (x) => fieldBox(`services.${domain}.obligations.${x.obligation}.${x.param}`, '',
            h('input', {type: 'text', value: x.v, 'data-test': `param-${domain}-${x.obligation}-${x.param}`, onchange: (e) => {
              overridesOf(domain)[x.obligation][x.param] = e.target.value.trim();
              changed();
            }}))},
          {title: '', cell: (x) => h('button', {type: 'button', class: 'btn btn-small btn-danger-outline', onclick: () => {
            const o = overridesOf(domain);
            delete o[x.obligation][x.param];
            if (!Object.keys(o[x.obligation]).length) delete o[x.obligation];
            draw();
            changed();
          }}, t('edit.removeParam'))},
        ], rows, {test: `params-${domain}`}) : h('p', {class: 'muted'}, t('edit.noOverrides')),
        h('div', {class: 'inline-form'}, obligationPick, paramPick, paramList, valuePick,
          h('button', {type: 'button', class: 'btn btn-small', 'data-test': `add-override-${domain}`, onclick: () => {
            if (!obligationPick.value || !paramPick.value.trim()) return;
            const o = overridesOf(domain);
            o[obligationPick.value] = o[obligationPick.value] || {};
            o[obligationPick.value][paramPick.value.trim()] = valuePick.value.trim();
            draw();
            changed();
          }}, t('edit.addParam'))));
    };
    draw();
    const title = catalogue ? (language() === 'en' && catalogue.titleEn ? catalogue.titleEn : catalogue.title) : domain;
    return h('div', {class: 'service-params'}, fieldBox(`services.${domain}`, `${title}（${domain}）`, box));
  });
  const parameters = card(t('edit.services'), h('p', {class: 'muted'}, t('edit.servicesHint')),
    services.length ? serviceCards : h('p', {class: 'muted'}, t('edit.noServices')));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!checked) return;
    save.disabled = true;
    clearProblems(form, rest);
    mount(status, notice('info', t('form.saving')));
    try {
      const saved = await api('/contracts', {method: 'POST', json: checked});
      await reloadContracts();
      mount(status, h('div', {class: 'notice notice-ok', 'data-test': 'edit-saved'},
        t('edit.saved', {id: saved.contract.id, v: saved.contract.version}), ' ',
        h('button', {type: 'button', class: 'btn btn-small', 'data-test': 'edit-again',
          onclick: () => navigate(`#/contracts/${encodeURIComponent(c.id)}/edit`)}, t('edit.again'))));
    } catch (err) {
      const placed = showProblems(form, rest, err.problems);
      mount(status, errorBox(placed ? messageOnly(err) : err, {title: t('form.refused')}));
      save.disabled = false;
    }
  });

  mount(form, interpretations, parameters, rest,
    card(t('edit.lintTitle'), lintBox),
    h('div', {class: 'form-actions'}, save), status);
  mount(main, header, form);
}
