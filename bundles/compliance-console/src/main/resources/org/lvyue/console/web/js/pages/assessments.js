// #/assessments: the quarterly assessment (季度考核) per domain and for the support SLA, with its
// signed PDF; the monthly report of any domain one click away; the supplier's paper (检查运维单, 记录单)
// of a service's day, week or month, and the monthly 巡检报告 with its submission by the supplier's engineers.

import {h, mount, option} from '../dom.js';
import {t, apiMessage} from '../i18n.js';
import {api, hasRole, actsFor} from '../api.js';
import {domains, domainTitle} from '../catalogue.js';
import {percent, number} from '../format.js';
import {chart, COLORS} from '../charts.js';
import {pageHeader, card, kpi, table, empty, loading, errorBox, downloadButton, field, definitionList, notice} from '../ui.js';
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
    monthlyCard(contract, list, months),
    sheetsCard(contract, list),
    inspectionCard(contract, months));

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

/** The last day a sheet can be asked for: the end of the service period, or today if that is earlier. */
function lastDay(contract) {
  const today = new Date().toISOString().slice(0, 10);
  return contract.periodEnd < today ? contract.periodEnd : today;
}

/** The ISO week (2022-W27) of a day (yyyy-MM-dd). */
function isoWeek(day) {
  const d = new Date(day + 'T00:00:00Z');
  const weekday = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - weekday + 3); // the Thursday of its week names the week's year
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((d - firstThursday) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * 检查运维单 of a service's day and its weekly and monthly 记录单, signed PDFs for the evaluator and the client's
 * administrators: choose the sheet, the service and the day, week or month.
 */
function sheetsCard(contract, list) {
  if (!hasRole('admin', 'evaluator')) return null;
  const id = encodeURIComponent(contract.id);
  const last = lastDay(contract);
  const kind = h('select', {'data-test': 'sheet-kind'},
    option('daily', t('sheets.daily'), 'daily'), option('weekly', t('sheets.weekly'), 'daily'), option('records', t('sheets.records'), 'daily'));
  const domain = h('select', {'data-test': 'sheet-domain'}, list.map((d) => option(d.domain, domainTitle(list, d.domain), 'identity-auth')));
  const period = h('input', {type: 'date', 'data-test': 'sheet-period', min: contract.periodStart, max: last, value: last});
  const slot = h('span');
  const refresh = () => {
    const k = kind.value;
    const value = period.value;
    const p = k === 'daily' ? value.slice(0, 10) : (k === 'weekly' ? (/^\d{4}-W\d{2}$/.test(value) ? value : isoWeek(value.slice(0, 10) || last)) : value.slice(0, 7));
    const path = `/contracts/${id}/reports/${k}/${encodeURIComponent(domain.value)}/${p}.pdf`;
    const file = `${k}-${contract.id}-${domain.value}-${p}.pdf`;
    mount(slot, h('span', {class: 'doc-buttons'},
      downloadButton(t('sheets.pdf', {period: p}), path, file, {test: 'sheet-pdf', primary: true}),
      downloadButton(t('report.signature'), path + '.p7s', file + '.p7s')));
  };
  kind.addEventListener('change', () => {
    const k = kind.value;
    const day = period.value.slice(0, 10) || last;
    // each sheet asks for its own kind of period; browsers without week or month pickers show a text field
    period.type = k === 'daily' ? 'date' : (k === 'weekly' ? 'week' : 'month');
    period.value = k === 'daily' ? day : (k === 'weekly' ? isoWeek(day) : day.slice(0, 7));
    refresh();
  });
  domain.addEventListener('change', refresh);
  period.addEventListener('change', refresh);
  refresh();
  return card(t('sheets.title'), h('p', {class: 'muted'}, t('sheets.hint')),
    h('div', {class: 'inline-form'}, field(t('sheets.kind'), kind), field(t('finding.domain'), domain),
      field(t('sheets.period'), period), slot));
}

/**
 * The monthly 巡检报告 (一般条款 八.3): the PDF for the evaluator and the client's administrators; the supplier (an engineer
 * or an admin of the contract's supplier organisation, as the API allows) submits it, which records the report fact
 * its obligation needs.
 */
function inspectionCard(contract, months) {
  const reads = hasRole('admin', 'evaluator');
  const submits = actsFor(contract.supplier && contract.supplier.organisation, 'engineer', 'admin');
  if (!reads && !submits) return null;
  const id = encodeURIComponent(contract.id);
  const month = h('select', {'data-test': 'inspection-month'}, months.map((m) => option(m, m, months[months.length - 1])));
  const slot = h('span');
  const result = h('div', {'aria-live': 'polite'});
  const refresh = () => {
    const path = `/contracts/${id}/reports/inspection/${month.value}.pdf`;
    const file = `inspection-${contract.id}-${month.value}.pdf`;
    const submit = h('button', {class: 'btn', 'data-test': 'inspection-submit'}, t('inspection.submit'));
    submit.addEventListener('click', async () => {
      submit.disabled = true;
      mount(result, loading(t('download.rendering')));
      try {
        const s = await api(`/contracts/${id}/reports/inspection/${month.value}/submit`, {method: 'POST'});
        mount(result, notice('ok', t(s.stored ? 'inspection.submitted' : 'inspection.already',
          {fact: s.factId, report: s.reportId, sha: s.pdfSha256.slice(0, 16)}), 'inspection-result'));
      } catch (err) {
        mount(result, notice('error', apiMessage(err), 'inspection-error'));
      } finally {
        submit.disabled = false;
      }
    });
    mount(slot, h('span', {class: 'doc-buttons'},
      reads ? downloadButton(t('inspection.pdf'), path, file, {test: 'inspection-pdf', primary: true}) : null,
      reads ? downloadButton(t('report.signature'), path + '.p7s', file + '.p7s') : null,
      submits ? submit : null));
  };
  month.addEventListener('change', () => {
    mount(result);
    refresh();
  });
  refresh();
  return card(t('inspection.title'), h('p', {class: 'muted'}, t(submits ? 'inspection.hintSubmit' : 'inspection.hint')),
    h('div', {class: 'inline-form'}, field(t('assess.month'), month), slot), result);
}
