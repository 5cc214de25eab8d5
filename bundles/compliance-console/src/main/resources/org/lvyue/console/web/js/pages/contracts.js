// #/contracts: every contract the user may see, one card each: period, parties (and evaluator),
// the services it buys, open findings by severity, the money to date and what falls due next, with
// links into its pages; an admin creates a contract here, and edits or renews one.

import {h, mount} from '../dom.js';
import {t, label} from '../i18n.js';
import {hasRole} from '../api.js';
import {money, number, percent} from '../format.js';
import {pageHeader, empty, loading, errorBox, definitionList} from '../ui.js';
import {contractHash} from '../contract.js';
import {summaries, SEVERITIES} from '../portfolio.js';

export async function render({main, contracts, isCurrent}) {
  const actions = hasRole('admin')
    ? [h('a', {class: 'btn', href: '#/portfolio', 'data-test': 'to-portfolio'}, t('nav.portfolio')),
      h('a', {class: 'btn btn-primary', href: '#/contracts/new', 'data-test': 'contract-new'}, t('contracts.new'))]
    : [];
  const header = pageHeader(t('contracts.title'), t('contracts.subtitle', {n: contracts.length}), ...actions);
  mount(main, header, loading());
  if (!contracts.length) {
    mount(main, header, empty(t('empty.noContract'), t('contracts.noneHint')));
    return;
  }
  const rows = await summaries(contracts);
  if (!isCurrent()) return;
  mount(main, header, h('div', {class: 'contract-cards', 'data-test': 'contracts'}, rows.map(contractCard)));
}

function contractCard(s) {
  const c = s.contract;
  const def = s.definition || {};
  const services = s.services;
  const evaluator = def.evaluator && def.evaluator.name;
  const links = [
    ['dashboard', 'nav.dashboard'], ['findings?status=OPEN', 'nav.findings'], ['ledger', 'nav.ledger'], ['assessments', 'nav.assessments'],
  ].filter(([page]) => !['ledger', 'assessments'].includes(page) || hasRole('admin', 'engineer', 'evaluator'))
    .map(([page, key]) => h('a', {class: 'btn btn-small', href: contractHash(c.id, page), 'data-test': `open-${page.split('?')[0]}`}, t(key)));
  if (hasRole('admin')) {
    links.push(h('a', {class: 'btn btn-small', href: `#/contracts/${encodeURIComponent(c.id)}/edit`, 'data-test': 'contract-edit'}, t('contracts.edit')));
    links.push(h('a', {class: 'btn btn-small', href: `#/contracts/${encodeURIComponent(c.id)}/renew`, 'data-test': 'contract-renew'}, t('contracts.renew')));
  }
  return h('section', {class: 'card contract-card', 'data-test': 'contract-card', 'data-contract': c.id},
    h('div', {class: 'contract-card-head'},
      h('h2', {class: 'card-title'}, h('a', {href: contractHash(c.id), 'data-test': 'contract-open'}, c.name)),
      h('span', {class: 'tag', 'data-test': 'contract-id'}, c.id),
      h('span', {class: 'tag'}, t('contracts.version', {v: c.version}))),
    definitionList([
      [t('contracts.period'), `${c.periodStart} — ${c.periodEnd}`],
      [t('contracts.client'), c.client && c.client.name],
      [t('contracts.supplier'), c.supplier && c.supplier.name],
      evaluator ? [t('contracts.evaluator'), evaluator] : null,
      [t('contracts.amount'), money(c.amount)],
      [t('contracts.services'), services ? t('contracts.servicesN', {n: services.length}) : t('contracts.servicesAll')],
    ]),
    s.error ? errorBox(s.error) : [
      h('div', {class: 'contract-figures'},
        h('div', {class: 'contract-figure', 'data-test': 'contract-open-findings'},
          h('div', {class: 'kpi-name'}, t('contracts.openFindings', {n: number(s.open)})),
          h('div', {class: 'severity-row'}, SEVERITIES.map((sev) => h('span', {
            class: ['badge', `sev-${sev.toLowerCase()}`, (s.bySeverity[sev] || 0) ? '' : 'badge-zero'], 'data-test': `open-${sev}`,
            title: label('severity', sev)}, `${label('severity', sev)} ${number(s.bySeverity[sev] || 0)}`)))),
        h('div', {class: 'contract-figure', 'data-test': 'contract-money'},
          h('div', {class: 'kpi-name'}, t('contracts.moneyToDate')),
          definitionList([
            [t('money.supplierOwes'), h('span', {'data-test': 'money-supplier'}, money(s.money.supplierOwes, s.money.currency))],
            [t('money.clientOwes'), h('span', {'data-test': 'money-client'}, money(s.money.clientOwes, s.money.currency))],
            [t('money.net'), h('span', {'data-test': 'money-net'}, money(s.money.net, s.money.currency))],
          ])),
        h('div', {class: 'contract-figure', 'data-test': 'contract-deadlines'},
          h('div', {class: 'kpi-name'}, t('contracts.nextDeadlines'), s.rate !== null ? ` · ${t('contracts.attainment', {rate: percent(s.rate)})}` : ''),
          s.deadlines.length
            ? h('ul', {class: 'deadline-list'}, s.deadlines.slice(0, 3).map((x) => h('li', null, h('span', {class: 'nowrap'}, x.date), ' ', x.title)))
            : h('p', {class: 'muted'}, t('dashboard.noDeadlines')))),
    ],
    h('div', {class: 'contract-links'}, links));
}
