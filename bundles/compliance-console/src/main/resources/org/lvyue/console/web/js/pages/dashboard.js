// #/dashboard: compliance by domain and by month, open violations by severity, the money to date,
// the support SLA and what falls due in the next 7 days.

import {h, mount} from '../dom.js';
import {t, label} from '../i18n.js';
import {api, hasRole} from '../api.js';
import {chart, COLORS} from '../charts.js';
import {money, percent, number, instant} from '../format.js';
import {pageHeader, card, kpi, empty, loading, table, notice} from '../ui.js';
import {domains, domainTitle} from '../catalogue.js';

const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];

export async function render({main, contract, navigate, isCurrent}) {
  mount(main, pageHeader(t('dashboard.title'), contract.name), loading());
  const [d, list] = await Promise.all([api(`/contracts/${encodeURIComponent(contract.id)}/dashboard`), domains().catch(() => [])]);
  const name = (x) => (list.some((c) => c.domain === x.domain) ? domainTitle(list, x.domain) : (x.name || x.domain));
  if (!isCurrent()) return;

  const due = sum(d.byDomain, 'due');
  const met = sum(d.byDomain, 'met');
  const waived = sum(d.byDomain, 'waived');
  const open = SEVERITIES.reduce((n, s) => n + ((d.openBySeverity || {})[s] || 0), 0)
    + Object.entries(d.openBySeverity || {}).filter(([s]) => !SEVERITIES.includes(s)).reduce((n, [, v]) => n + v, 0);
  const m = d.money || {};
  const sla = d.sla || {};
  const header = pageHeader(t('dashboard.title'),
    t('dashboard.subtitle', {contract: contract.name, asOf: d.asOf, version: d.ruleSetVersion}));

  if (!due && !open && !(d.byMonth || []).length) {
    mount(main, header, empty(t('empty.noFacts'), t('empty.noFactsHint')));
    return;
  }

  const kpis = h('div', {class: 'kpis', 'data-test': 'kpis'},
    kpi(t('dashboard.kpi.compliance'), due ? percent(met / due) : '—',
      t('dashboard.kpi.complianceNote', {met: number(met), due: number(due), waived: number(waived)}),
      {tone: 'primary', test: 'kpi-compliance'}),
    kpi(t('dashboard.kpi.open'), number(open),
      SEVERITIES.filter((s) => (d.openBySeverity || {})[s]).map((s) => `${label('severity', s)} ${d.openBySeverity[s]}`).join(' · ') || t('dashboard.kpi.openNone'),
      {tone: open ? 'danger' : 'ok', test: 'kpi-open'}),
    kpi(t('dashboard.kpi.money'), money(String(m.net || '0').replace(/^-/, ''), m.currency),
      [String(m.net || '').startsWith('-') ? t('dashboard.kpi.clientOwes') : t('dashboard.kpi.supplierOwes'),
        t('dashboard.kpi.moneyNote', {penalties: money(m.penalties, m.currency), interest: money(m.interest, m.currency),
          refunds: money(m.refunds, m.currency), fees: money(m.fees, m.currency)})].join(' — '),
      {test: 'kpi-money'}),
    // 一般条款十六: owed by the new provider, not 甲方, so beside the net and never in it
    m.newSupplierOwes && Number(m.newSupplierOwes) !== 0
      ? kpi(t('dashboard.kpi.newSupplier'), money(m.newSupplierOwes, m.currency), t('ledger.newSupplierOwesNote'), {test: 'kpi-new-supplier'})
      : null,
    kpi(t('dashboard.kpi.sla'), sla.tickets ? percent(sla.rate) : '—',
      sla.tickets ? t('dashboard.kpi.slaNote', {tickets: number(sla.tickets), met: number(sla.met), missed: number(sla.missed)}) : t('dashboard.kpi.slaNone'),
      {tone: sla.tickets && sla.rate < 0.95 ? 'warn' : null, test: 'kpi-sla'}));

  // worst at the top: a horizontal bar chart draws its first category at the bottom
  const rows = (d.byDomain || []).filter((x) => x.due > 0).sort((a, b) => (b.rate ?? 1) - (a.rate ?? 1));
  const lowest = Math.min(...rows.map((x) => (x.rate ?? 1) * 100));
  const byDomain = rows.length
    ? chart({
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, formatter: (p) => {
        const x = rows[p[0].dataIndex];
        return `${name(x)}<br>${t('chart.rate')} ${percent(x.rate, 2)}<br>`
          + `${t('chart.met')} ${number(x.met)} · ${t('chart.missed')} ${number(x.missed)} · ${t('chart.waived')} ${number(x.waived)}`;
      }},
      grid: {left: 8, right: 120, top: 8, bottom: 8, containLabel: true},
      xAxis: {type: 'value', min: axisFloor(lowest), max: 100, axisLabel: {formatter: '{value}%'}},
      yAxis: {type: 'category', data: rows.map(name), axisLabel: {width: 130, overflow: 'truncate'}},
      series: [{type: 'bar', barMaxWidth: 16,
        data: rows.map((x) => ({value: +((x.rate ?? 1) * 100).toFixed(2), itemStyle: {color: x.missed ? COLORS.missed : COLORS.met}})),
        label: {show: true, position: 'right', formatter: (p) => {
          const x = rows[p.dataIndex];
          return x.missed ? `${percent(x.rate, 2)}  ${t('chart.missedN', {n: x.missed})}` : '100%';
        }}}],
    }, {height: Math.max(240, rows.length * 28 + 30), test: 'chart-domains',
      onClick: (p) => navigate(`#/findings?status=OPEN&domain=${encodeURIComponent(rows[p.dataIndex].domain)}`)})
    : empty(t('dashboard.noDomainData'));

  const months = d.byMonth || [];
  const lowestMonth = Math.min(...months.filter((x) => x.rate !== null && x.rate !== undefined).map((x) => x.rate * 100));
  const byMonth = months.length
    ? chart({
      tooltip: {trigger: 'axis'},
      legend: {top: 0, data: [t('chart.rate'), t('chart.missed')]},
      grid: {left: 8, right: 8, top: 36, bottom: 8, containLabel: true},
      xAxis: {type: 'category', data: months.map((x) => x.month)},
      yAxis: [
        {type: 'value', min: axisFloor(lowestMonth), max: 100, axisLabel: {formatter: '{value}%'}},
        {type: 'value', minInterval: 1, splitLine: {show: false}},
      ],
      series: [
        {name: t('chart.rate'), type: 'line', symbolSize: 6, itemStyle: {color: COLORS.rate},
          data: months.map((x) => (x.rate === null || x.rate === undefined ? null : +(x.rate * 100).toFixed(2)))},
        {name: t('chart.missed'), type: 'bar', yAxisIndex: 1, barMaxWidth: 18, itemStyle: {color: COLORS.missed, opacity: 0.6},
          data: months.map((x) => x.missed)},
      ],
    }, {height: 280, test: 'chart-months'})
    : empty(t('dashboard.noMonthData'));

  const sevData = SEVERITIES.map((s) => ({severity: s, n: (d.openBySeverity || {})[s] || 0}));
  const bySeverity = open
    ? chart({
      tooltip: {trigger: 'item'},
      grid: {left: 8, right: 16, top: 16, bottom: 8, containLabel: true},
      xAxis: {type: 'category', data: sevData.map((x) => label('severity', x.severity))},
      yAxis: {type: 'value', minInterval: 1},
      series: [{type: 'bar', barMaxWidth: 42, data: sevData.map((x) => ({value: x.n, itemStyle: {color: COLORS[x.severity]}})),
        label: {show: true, position: 'top'}}],
    }, {height: Math.max(240, rows.length * 28 + 30), test: 'chart-severity',
      onClick: (p) => navigate(`#/findings?status=OPEN&severity=${sevData[p.dataIndex].severity}`)})
    : empty(t('dashboard.noOpen'), t('dashboard.noOpenHint'));

  const deadlines = d.deadlines || [];
  const upcoming = deadlines.length
    ? table([
      {title: t('deadline.date'), cell: (x) => x.date, class: 'nowrap'},
      {title: t('deadline.kind'), cell: (x) => h('span', {class: 'tag'}, label('deadline.kind', x.kind))},
      {title: t('deadline.title'), cell: (x) => x.title},
      {title: t('deadline.domain'), cell: (x) => x.domain || '—'},
    ], deadlines, {test: 'deadlines'})
    : empty(t('dashboard.noDeadlines'));

  mount(main, header, kpis, hasRole('admin', 'engineer', 'evaluator') ? integrity(contract) : null,
    h('div', {class: 'grid-2'}, card(t('dashboard.byDomain'), byDomain), card(t('dashboard.bySeverity'), bySeverity)),
    h('div', {class: 'grid-2'}, card(t('dashboard.byMonth'), byMonth), card(t('dashboard.deadlines'), upcoming)));
}

/** A rate axis that starts low enough to show every bar, in steps of 5 %, so near-100 % rates stay apart. */
function axisFloor(lowest) {
  if (!Number.isFinite(lowest)) return 0;
  return Math.max(0, Math.floor((lowest - 1) / 5) * 5);
}

function sum(rows, key) {
  return (rows || []).reduce((n, r) => n + (Number(r[key]) || 0), 0);
}

/**
 * The evidence chain's last verification (at start or on demand), and a button to verify it now:
 * a year's chain takes seconds, so the dashboard shows the last verdict rather than waiting for one.
 */
function integrity(contract) {
  const box = h('div', {class: 'integrity', 'data-test': 'integrity'}, notice('info', t('integrity.reading')));
  const path = `/contracts/${encodeURIComponent(contract.id)}/integrity`;
  const show = (r) => {
    const verify = h('button', {class: 'btn btn-small', 'data-test': 'integrity-verify', onclick: async () => {
      mount(box, notice('info', t('integrity.verifying'), 'integrity-state'));
      try {
        show(await api(path));
      } catch (e) {
        mount(box, notice('error', e.message, 'integrity-state'));
      }
    }}, t('integrity.verifyNow'));
    if (!r) {
      mount(box, h('div', {class: 'integrity-line'}, notice('info', t('integrity.never'), 'integrity-state'), verify));
      return;
    }
    const detail = t('integrity.detail', {entries: number(r.entries), position: r.head.position,
      hash: (r.head.hash || '').slice(0, 16), algorithms: (r.algorithms || []).join('+'), at: instant(r.verifiedAt),
      ms: number(r.tookMillis)});
    const verdict = r.intact ? t('integrity.intact') : t('integrity.broken', {n: number(r.problemCount)});
    mount(box, h('div', {class: 'integrity-line'},
      notice(r.intact ? 'ok' : 'error', `${verdict} — ${detail}`, 'integrity-state'), verify),
    r.intact ? null : table([
      {title: t('integrity.position'), cell: (p) => (p.position < 0 ? '—' : p.position), class: 'nowrap'},
      {title: t('integrity.table'), cell: (p) => p.table},
      {title: t('integrity.row'), cell: (p) => p.key || '—'},
      {title: t('integrity.problem'), cell: (p) => p.message},
    ], (r.problems || []).slice(0, 20), {test: 'integrity-problems'}));
  };
  api(`${path}?last=true`).then(show, (e) => mount(box, notice('error', e.message, 'integrity-state')));
  return box;
}
