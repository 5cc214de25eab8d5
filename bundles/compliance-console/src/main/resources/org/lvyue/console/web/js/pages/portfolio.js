// #/portfolio: the client bureau's contracts side by side for its admin: open findings by severity,
// attainment, the money to date and what falls due next, as charts and one table.

import {h, mount} from '../dom.js';
import {t, label} from '../i18n.js';
import {chart, COLORS} from '../charts.js';
import {money, number, percent} from '../format.js';
import {pageHeader, card, empty, loading, table, errorBox} from '../ui.js';
import {contractHash} from '../contract.js';
import {summaries, SEVERITIES} from '../portfolio.js';

export const ROLES = ['admin'];

export async function render({main, contracts, navigate, isCurrent}) {
  const header = pageHeader(t('portfolio.title'), t('portfolio.subtitle', {n: contracts.length}),
    h('a', {class: 'btn', href: '#/contracts'}, t('contracts.all')));
  mount(main, header, loading());
  if (!contracts.length) {
    mount(main, header, empty(t('empty.noContract'), t('contracts.noneHint')));
    return;
  }
  const rows = await summaries(contracts);
  if (!isCurrent()) return;
  const readable = rows.filter((r) => r.dashboard);
  const names = readable.map((r) => r.contract.name);

  const findings = readable.length ? chart({
    tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
    legend: {top: 0, data: SEVERITIES.map((s) => label('severity', s))},
    grid: {left: 8, right: 16, top: 36, bottom: 8, containLabel: true},
    xAxis: {type: 'value', minInterval: 1},
    yAxis: {type: 'category', data: names, axisLabel: {width: 160, overflow: 'truncate'}},
    series: SEVERITIES.map((s) => ({name: label('severity', s), type: 'bar', stack: 'open', barMaxWidth: 28,
      itemStyle: {color: COLORS[s]}, data: readable.map((r) => r.bySeverity[s] || 0)})),
  }, {height: Math.max(200, readable.length * 56 + 60), test: 'chart-portfolio-findings',
    onClick: (p) => navigate(contractHash(readable[p.dataIndex].contract.id, `findings?status=OPEN&severity=${SEVERITIES[p.seriesIndex]}`))})
    : empty(t('portfolio.noData'));

  const attainment = readable.length ? chart({
    tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
    grid: {left: 8, right: 60, top: 8, bottom: 8, containLabel: true},
    xAxis: {type: 'value', min: 0, max: 100, axisLabel: {formatter: '{value}%'}},
    yAxis: {type: 'category', data: names, axisLabel: {width: 160, overflow: 'truncate'}},
    series: [{type: 'bar', barMaxWidth: 28, itemStyle: {color: COLORS.rate},
      data: readable.map((r) => (r.rate === null ? null : +(r.rate * 100).toFixed(2))),
      label: {show: true, position: 'right', formatter: (p) => percent(readable[p.dataIndex].rate)}}],
  }, {height: Math.max(200, readable.length * 56 + 40), test: 'chart-portfolio-attainment'})
    : empty(t('portfolio.noData'));

  const side = table([
    {title: t('portfolio.contract'), cell: (r) => h('a', {href: contractHash(r.contract.id)}, r.contract.name, h('div', {class: 'muted'}, r.contract.id))},
    {title: t('contracts.period'), cell: (r) => `${r.contract.periodStart} — ${r.contract.periodEnd}`, class: 'nowrap'},
    {title: t('contracts.supplier'), cell: (r) => (r.contract.supplier && r.contract.supplier.name) || '—'},
    {title: t('chart.rate'), cell: (r) => (r.dashboard ? percent(r.rate) : '—'), class: 'num'},
    ...SEVERITIES.map((s) => ({title: label('severity', s), class: 'num',
      cell: (r) => (r.dashboard ? h('a', {href: contractHash(r.contract.id, `findings?status=OPEN&severity=${s}`), 'data-test': `pf-${s}`}, number(r.bySeverity[s] || 0)) : '—')})),
    {title: t('money.supplierOwes'), cell: (r) => (r.money ? money(r.money.supplierOwes, r.money.currency) : '—'), class: 'num'},
    {title: t('money.clientOwes'), cell: (r) => (r.money ? money(r.money.clientOwes, r.money.currency) : '—'), class: 'num'},
    {title: t('money.net'), cell: (r) => (r.money ? money(r.money.net, r.money.currency) : '—'), class: 'num'},
    {title: t('portfolio.nextDeadline'), cell: (r) => (r.error ? errorBox(r.error)
      : r.deadlines.length ? `${r.deadlines[0].date} ${r.deadlines[0].title}` : '—')},
  ], rows, {test: 'portfolio', rowTest: (r) => `pf-row-${r.contract.id}`});

  mount(main, header,
    h('div', {class: 'grid-2'}, card(t('portfolio.findings'), findings), card(t('portfolio.attainment'), attainment)),
    card(t('portfolio.sideBySide'), side));
}
