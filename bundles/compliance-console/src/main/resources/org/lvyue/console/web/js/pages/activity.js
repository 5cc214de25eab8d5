// #/activity: the product's own audit trail, who did what: logins, imports, waivers, bundle changes.

import {h, mount, option} from '../dom.js';
import {t, label} from '../i18n.js';
import {api} from '../api.js';
import {instant} from '../format.js';
import {pageHeader, card, table, empty, loading, errorBox, pager, field} from '../ui.js';

const LIMIT = 50;
/** The actions the product records (ActivityLog.ACTIONS, Parties.ACTIONS and NotificationSubscriptions'). */
const ACTIONS = ['login', 'login-failed', 'logout', 'account-lock', 'account-unlock', 'facts-import', 'waiver-add', 'waiver-withdraw', 'bundle-upload',
  'bundle-remove', 'contract-define', 'contract-renew', 'organisation-save', 'member-add', 'member-remove', 'token-issue', 'token-revoke',
  'subscription-add', 'subscription-remove'];

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
    results);
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
  ], entries, {test: 'activity', rowTest: (e) => `activity-${e.action}`}),
  pager({offset, limit: LIMIT, count: entries.length, total: page.total, onPage: go})]
    : empty(query.get('user') || query.get('action') ? t('activity.emptyFiltered') : t('activity.empty'), t('activity.emptyHint'))));
}
