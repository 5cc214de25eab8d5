// #/findings: search and filter by domain, clause, period, status and severity; a row opens the
// finding with its rule, clause text, facts and waivers.

import {h, mount, option} from '../dom.js';
import {t, label} from '../i18n.js';
import {api} from '../api.js';
import {domains, domainTitle} from '../catalogue.js';
import {instant} from '../format.js';
import {pageHeader, card, table, empty, loading, errorBox, pager, severityBadge, statusBadge, field} from '../ui.js';
import {scoped} from '../contract.js';

const LIMIT = 50;
const STATUSES = ['OPEN', 'WAIVED', 'RESOLVED'];
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];
const FILTERS = ['domain', 'clause', 'period', 'status', 'severity'];

export async function render({main, query, contract, navigate, isCurrent}) {
  const list = await domains().catch(() => []);
  if (!isCurrent()) return;
  const current = Object.fromEntries(FILTERS.map((f) => [f, query.get(f) || '']));
  if (!query.has('status')) current.status = 'OPEN';
  const offset = Math.max(0, Number(query.get('offset')) || 0);
  sessionStorage.setItem('lvyue.findingsList', location.hash || '#/findings');

  const inputs = {
    domain: h('select', {name: 'domain', 'data-test': 'filter-domain'}, option('', t('filter.all'), current.domain),
      list.map((d) => option(d.domain, `${domainTitle(list, d.domain)} (${d.domain})`, current.domain))),
    clause: h('input', {name: 'clause', value: current.clause, placeholder: t('findings.clausePlaceholder'), 'data-test': 'filter-clause'}),
    period: h('input', {name: 'period', value: current.period, placeholder: '2022-Q3 / 2022-07', 'data-test': 'filter-period'}),
    status: h('select', {name: 'status', 'data-test': 'filter-status'}, option('', t('filter.all'), current.status),
      STATUSES.map((s) => option(s, label('status', s), current.status))),
    severity: h('select', {name: 'severity', 'data-test': 'filter-severity'}, option('', t('filter.all'), current.severity),
      SEVERITIES.map((s) => option(s, label('severity', s), current.severity))),
  };
  const go = (newOffset) => {
    const q = new URLSearchParams();
    for (const f of FILTERS) {
      const v = inputs[f].value.trim();
      if (v || f === 'status') q.set(f, v);
    }
    if (newOffset) q.set('offset', String(newOffset));
    navigate('#/findings?' + q.toString());
  };
  const form = h('form', {class: 'filters', 'data-test': 'findings-filters', onsubmit: (e) => { e.preventDefault(); go(0); }},
    field(t('filter.domain'), inputs.domain),
    field(t('filter.clause'), inputs.clause),
    field(t('filter.period'), inputs.period),
    field(t('filter.status'), inputs.status),
    field(t('filter.severity'), inputs.severity),
    h('div', {class: 'filter-actions'},
      h('button', {type: 'submit', class: 'btn btn-primary', 'data-test': 'filter-apply'}, t('filter.apply')),
      h('button', {type: 'button', class: 'btn', onclick: () => navigate('#/findings?status=')}, t('filter.reset'))));
  const results = h('div', null, loading());
  mount(main, pageHeader(t('findings.title'), t('findings.subtitle')), card(null, form), results);

  const q = new URLSearchParams({limit: String(LIMIT), offset: String(offset)});
  for (const f of FILTERS) if (current[f]) q.set(f, current[f]);
  let data;
  try {
    data = await api(`/contracts/${encodeURIComponent(contract.id)}/findings?${q}`);
  } catch (err) {
    if (isCurrent()) mount(results, errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  const rows = data.findings || [];
  if (!rows.length) {
    const onlyDefault = FILTERS.every((f) => (f === 'status' ? ['', 'OPEN'].includes(current.status) : !current[f]));
    mount(results, card(null, offset > 0
      ? empty(t('findings.emptyPage'), null)
      : (onlyDefault ? empty(t('findings.emptyOpen'), t('findings.emptyOpenHint'))
        : empty(t('findings.emptyFiltered'), t('findings.emptyFilteredHint')))));
    return;
  }
  mount(results, card(null,
    table([
      {title: t('finding.severity'), cell: (f) => severityBadge(f.severity), class: 'nowrap'},
      {title: t('finding.title'), cell: (f) => h('a', {href: scoped(`#/findings/${encodeURIComponent(f.key)}`), class: 'finding-link', onclick: (e) => e.stopPropagation()}, f.title)},
      {title: t('finding.domain'), cell: (f) => domainTitle(list, f.domain)},
      {title: t('finding.clause'), cell: (f) => f.clause || '—'},
      {title: t('finding.period'), cell: (f) => f.period || `${f.periodStart} ~ ${f.periodEnd}`, class: 'nowrap'},
      {title: t('finding.status'), cell: (f) => statusBadge(f.status), class: 'nowrap'},
      {title: t('finding.firstSeen'), cell: (f) => instant(f.firstSeenAt), class: 'nowrap muted'},
    ], rows, {test: 'findings', rowTest: () => 'finding-row', onRow: (f) => navigate(`#/findings/${encodeURIComponent(f.key)}`)}),
    pager({offset, limit: LIMIT, count: rows.length, total: data.total, onPage: go})));
}
