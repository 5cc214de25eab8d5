// #/activity: the product's security trail, who did what with which result, for the audit administrator: the entries,
// the chain's verification, and the export of a time range (CSV or JSON) with the chain's head.

import {h, mount, option} from '../dom.js';
import {t, label} from '../i18n.js';
import {api} from '../api.js';
import {instant} from '../format.js';
import {pageHeader, card, table, empty, loading, errorBox, pager, field, downloadButton, notice} from '../ui.js';

const LIMIT = 50;
/** The actions the product records (ActivityLog.ACTIONS, Parties.ACTIONS and NotificationSubscriptions'). */
const ACTIONS = ['login', 'login-failed', 'logout', 'account-lock', 'account-unlock', 'facts-import', 'waiver-add', 'waiver-withdraw', 'bundle-upload',
  'bundle-remove', 'contract-define', 'contract-renew', 'organisation-save', 'member-add', 'member-remove', 'token-issue', 'token-revoke',
  'subscription-add', 'subscription-remove', 'user-change', 'token-use', 'activity-export', 'activity-verify',
  'config-change', 'bundle-change'];

/** The chain recomputed on request (GET /activity/integrity): intact, or the first entry that does not match. */
function verifier() {
  const out = h('span', {class: 'download-status', 'aria-live': 'polite'});
  const button = h('button', {class: 'btn', type: 'button', 'data-test': 'activity-verify'}, t('activity.verify'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const r = await api('/activity/integrity');
      mount(out, notice(r.intact ? 'ok' : 'error', r.intact
        ? t('activity.intact', {entries: r.entries, head: `${r.head.id}:${r.head.hash}`})
        : t('activity.broken', {id: r.firstBroken, problem: r.problem}), 'activity-verdict'));
    } catch (err) {
      mount(out, errorBox(err));
    } finally {
      button.disabled = false;
    }
  });
  return h('span', null, button, out);
}

/** A time range exported as CSV or JSON, with the chain's head in the answer's headers and body. */
function exporter() {
  const today = new Date().toISOString().slice(0, 10);
  const from = h('input', {type: 'date', name: 'from', value: today, 'data-test': 'activity-from'});
  const to = h('input', {type: 'date', name: 'to', value: today, 'data-test': 'activity-to'});
  const links = h('span');
  const refresh = () => mount(links, ['csv', 'json'].map((f) => downloadButton(t(`activity.export.${f}`),
    `/activity/export?from=${from.value}&to=${to.value}&format=${f}`, `lvyue-activity-${from.value}-${to.value}.${f}`,
    {test: `activity-export-${f}`})));
  from.addEventListener('change', refresh);
  to.addEventListener('change', refresh);
  refresh();
  return card(t('activity.export'), h('div', {class: 'filters'}, field(t('activity.from'), from), field(t('activity.to'), to),
    h('div', {class: 'filter-actions'}, links, verifier())));
}

export async function render({main, query, navigate, isCurrent}) {
  const user = h('input', {name: 'user', value: query.get('user') || '', 'data-test': 'activity-user', placeholder: t('activity.userPlaceholder')});
  const action = h('select', {name: 'action', 'data-test': 'activity-action'}, option('', t('filter.all'), query.get('action')),
    ACTIONS.map((a) => option(a, label('action', a), query.get('action'))));
  const offset = Math.max(0, Number(query.get('offset')) || 0);
  const go = (o) => {
    const q = new URLSearchParams();
    if (user.value.trim()) q.set('user', user.value.trim());
    if (action.value) q.set('action', action.value);
    if (o) q.set('offset', String(o));
    navigate('#/activity?' + q);
  };
  const results = h('div', null, loading());
  mount(main, pageHeader(t('activity.title'), t('activity.subtitle')),
    card(null, h('form', {class: 'filters', onsubmit: (e) => { e.preventDefault(); go(0); }},
      field(t('activity.user'), user), field(t('activity.action'), action),
      h('div', {class: 'filter-actions'}, h('button', {type: 'submit', class: 'btn btn-primary'}, t('filter.apply'))))),
    exporter(), results);
  const q = new URLSearchParams({limit: String(LIMIT), offset: String(offset)});
  if (query.get('user')) q.set('user', query.get('user'));
  if (query.get('action')) q.set('action', query.get('action'));
  let page;
  try {
    page = await api(`/activity?${q}`);
  } catch (err) {
    if (isCurrent()) mount(results, errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  const entries = page.entries || [];
  mount(results, card(null, entries.length ? [table([
    {title: t('activity.at'), cell: (e) => instant(e.at), class: 'nowrap'},
    {title: t('activity.user'), cell: (e) => e.user || '—'},
    {title: t('activity.address'), cell: (e) => e.address || '—', class: 'nowrap muted'},
    {title: t('activity.action'), cell: (e) => h('span', {class: 'tag', title: e.action}, label('action', e.action))},
    {title: t('activity.target'), cell: (e) => e.target || '—'},
    {title: t('activity.detail'), cell: (e) => e.detail || ''},
    {title: t('activity.result'), cell: (e) => h('span', {class: ['tag', e.result === 'refused' ? 'tag-warn' : '']}, t(`result.${e.result}`))},
  ], entries, {test: 'activity', rowTest: (e) => `activity-${e.action}`}),
  pager({offset, limit: LIMIT, count: entries.length, total: page.total, onPage: go})]
    : empty(query.get('user') || query.get('action') ? t('activity.emptyFiltered') : t('activity.empty'), t('activity.emptyHint'))));
}
