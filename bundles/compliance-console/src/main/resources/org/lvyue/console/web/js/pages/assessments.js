// #/assessments: the quarterly assessment (季度考核) per domain and for the support SLA, with its
// signed PDF; the monthly report of any domain one click away.

import {h, mount, option} from '../dom.js';
import {t} from '../i18n.js';
import {api, hasRole} from '../api.js';
import {domains, domainTitle} from '../catalogue.js';
import {percent, number} from '../format.js';
import {chart, COLORS} from '../charts.js';
import {pageHeader, card, kpi, table, empty, loading, errorBox, downloadButton, field, definitionList} from '../ui.js';
import {scoped} from '../contract.js';

/** The quarters (2022-Q1 ...) and months (2022-01 ...) of the contract's period. */
function periods(contract) {
  const quarters = [];
  const months = [];
  const start = new Date(contract.periodStart + 'T00:00:00Z');
  const end = new Date(contract.periodEnd + 'T00:00:00Z');
  for (let d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1)); d <= end; d.setUTCMonth(d.getUTCMonth() + 1)) {
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    const q = `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    if (!quarters.includes(q)) quarters.push(q);
  }
  return {quarters, months};
}

export async function render({main, query, contract, navigate, isCurrent}) {
  const {quarters, months} = periods(contract);
  if (!quarters.length) {
    mount(main, pageHeader(t('assess.title')), empty(t('assess.noPeriod')));
    return;
  }
  const quarter = quarters.includes(query.get('q')) ? query.get('q') : quarters[quarters.length - 1];
  const id = encodeURIComponent(contract.id);
  const picker = h('select', {'data-test': 'quarter', onchange: (e) => navigate('#/assessments?q=' + e.target.value)},
    quarters.map((q) => option(q, q, quarter)));
  const list = await domains().catch(() => []);
  if (!isCurrent()) return;
  const body = h('div', null, loading(t('assess.loading')));
  const pdfs = hasRole('admin', 'evaluator')
    ? h('div', {class: 'doc-buttons'},
      downloadButton(t('assess.pdf', {quarter}), `/contracts/${id}/reports/quarterly/${quarter}.pdf`, `quarterly-${contract.id}-${quarter}.pdf`, {test: 'quarterly-pdf', primary: true}),
      downloadButton(t('report.signature'), `/contracts/${id}/reports/quarterly/${quarter}.pdf.p7s`, `quarterly-${contract.id}-${quarter}.pdf.p7s`))
    : h('p', {class: 'muted'}, t('report.rolesNeeded'));
  mount(main, pageHeader(t('assess.title'), contract.name),
    h('div', {class: 'toolbar'}, field(t('assess.quarter'), picker), pdfs),
    body,
    monthlyCard(contract, list, months));

  let a;
  try {
    a = await api(`/contracts/${id}/assessments/${quarter}`);
  } catch (err) {
    if (isCurrent()) mount(body, errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  const lines = (a.domains || []).filter((d) => d.due > 0 || d.missed > 0);
  const due = lines.reduce((n, d) => n + d.due, 0);
  const met = lines.reduce((n, d) => n + d.met, 0);
  const tone = a.result === 'PASS' ? 'ok' : (a.result === 'FAIL' ? 'danger' : 'warn');
  const s = a.support || {};
  mount(body,
    h('div', {class: 'kpis'},
      kpi(t('assess.result'), a.resultLabel || a.result, a.scheme ? `${a.scheme.title}: ${a.scheme.value}` : null, {tone, test: 'assess-result'}),
      a.score !== null && a.score !== undefined ? kpi(t('assess.score'), String(a.score), t('assess.passMark', {mark: a.passMark})) : null,
      kpi(t('assess.attainment'), due ? percent(met / due) : '—', t('dashboard.kpi.complianceNote', {met: number(met), due: number(due), waived: number(lines.reduce((n, d) => n + d.waived, 0))})),
      kpi(t('assess.support'), s.requests ? percent(s.attainment / 100) : '—', t('assess.supportNote', {requests: number(s.requests || 0), phone: number(s.phoneLate || 0), onsite: number(s.onsiteLate || 0)}))),
    h('div', {class: 'grid-2'},
      card(t('assess.byDomain'), lines.length ? table([
        {title: t('finding.domain'), cell: (d) => d.title || domainTitle(list, d.domain)},
        {title: t('assess.due'), cell: (d) => number(d.due), class: 'num'},
        {title: t('assess.met'), cell: (d) => number(d.met), class: 'num'},
        {title: t('assess.missed'), cell: (d) => (d.missed ? h('a', {href: scoped(`#/findings?status=&domain=${encodeURIComponent(d.domain)}&period=${quarter}`)}, number(d.missed)) : '0'), class: 'num'},
        {title: t('assess.waived'), cell: (d) => number(d.waived), class: 'num'},
        {title: t('assess.rate'), cell: (d) => (d.due ? percent(d.met / d.due) : '—'), class: 'num'},
      ], lines, {test: 'assessment'}) : empty(t('assess.emptyDomains'), t('empty.noFactsHint'))),
      card(t('assess.chart'), lines.length ? chart({
        tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
        grid: {left: 8, right: 56, top: 8, bottom: 8, containLabel: true},
        xAxis: {type: 'value', min: 0, max: 100, axisLabel: {formatter: '{value}%'}},
        yAxis: {type: 'category', data: lines.map((d) => d.title || d.domain), axisLabel: {width: 120, overflow: 'truncate'}},
        series: [{type: 'bar', barMaxWidth: 16, data: lines.map((d) => ({value: +(100 * d.met / Math.max(1, d.due)).toFixed(1),
          itemStyle: {color: d.missed ? COLORS.missed : COLORS.met}})), label: {show: true, position: 'right', formatter: '{c}%'}}],
      }, {height: Math.max(240, lines.length * 24 + 40), test: 'chart-assessment'}) : empty(t('assess.emptyDomains')))),
    card(t('assess.basis'), definitionList([
      [t('assess.range'), `${a.from} ~ ${a.to}`],
      [t('assess.asOf'), a.asOf],
      [t('assess.verdictFact'), a.verdictFactId],
      [t('assess.ruleSet'), String(a.ruleSetVersion)],
    ])));
}

function monthlyCard(contract, list, months) {
  if (!hasRole('admin', 'evaluator')) return null;
  const id = encodeURIComponent(contract.id);
  const domain = h('select', {'data-test': 'monthly-domain'}, list.map((d) => option(d.domain, domainTitle(list, d.domain), 'support')));
  const month = h('select', {'data-test': 'monthly-month'}, months.map((m) => option(m, m, months[months.length - 1])));
  const slot = h('span');
  const refresh = () => mount(slot, downloadButton(t('assess.monthlyPdf'),
    `/contracts/${id}/reports/monthly/${encodeURIComponent(domain.value)}/${month.value}.pdf`,
    `monthly-${contract.id}-${domain.value}-${month.value}.pdf`, {test: 'monthly-pdf'}));
  domain.addEventListener('change', refresh);
  month.addEventListener('change', refresh);
  refresh();
  return card(t('assess.monthly'), h('p', {class: 'muted'}, t('assess.monthlyHint')),
    h('div', {class: 'inline-form'}, field(t('finding.domain'), domain), field(t('assess.month'), month), slot));
}
